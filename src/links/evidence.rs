//! The words around a name: traps for names that are also words or people (a verb of speech,
//! a title, a film noun, a capitalised neighbour, a hyphenated compound), place words that make
//! a gazetteer name a place ("in", "town of", "X river"), and town cues ("Fuzuli now has an
//! international airport"). `choose` decides with them.
/// Verbs of speech and thought: a capitalised name right before one is a person ("Mary said").
#[rustfmt::skip]
const SPEECH: &[&str] = &[
    "said", "says", "say", "told", "tells", "asked", "asks", "added", "adds", "wrote", "writes",
    "explained", "explains", "replied", "replies", "noted", "notes", "stated", "states",
    "argued", "argues", "claimed", "claims", "announced", "announces", "insisted", "insists",
    "recalled", "recalls", "thinks", "thought", "believes", "believed", "smiled", "laughed",
    "nodded", "shouted", "whispered", "answered", "admitted", "warned", "told", "remembered",
    "agreed", "herself", "himself",
];

/// Nouns after a name that make it a film, a brand or a work, not a place ("the Batman films").
#[rustfmt::skip]
const MEDIA: &[&str] = &[
    "film", "films", "movie", "movies", "comic", "comics", "franchise", "series", "brand",
    "brands", "inc", "ltd", "corp", "fc", "band", "album", "song", "novel", "game", "games",
    "character", "trilogy", "sequel", "actor", "actress", "star", "fans", "costume",
];

/// Titles before a person's name.
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "sir", "lady", "lord", "saint", "st", "aunt", "uncle",
    "president", "minister", "general", "king", "queen", "prince", "princess", "father",
    "mother", "sister", "brother", "professor", "prof", "captain", "colonel", "judge",
];

/// Place words right after a name ("Sheki district", "Kura river").
#[rustfmt::skip]
const PLACE_AFTER: &[&str] = &[
    "town", "city", "village", "river", "lake", "reservoir", "valley", "pass", "gorge",
    "municipality", "airport", "station", "mountains", "mountain", "range", "peninsula",
    "desert", "plateau", "border", "checkpoint", "dam", "oasis", "basin", "delta", "crossing",
];

/// Administrative nouns after a name: it names a province or region ("Khorasan Province",
/// "the Greater Caucasus region"), never a gazetteer town, river or range.
#[rustfmt::skip]
const ADMIN_AFTER: &[&str] = &[
    "province", "provinces", "region", "regions", "district", "districts", "oblast", "rayon",
    "governorate", "county", "republic", "state", "khanate", "empire",
];

/// Kind nouns before "of" ("the town of Ijevan", "residents of Quba").
#[rustfmt::skip]
const PLACE_OF: &[&str] = &[
    "town", "towns", "city", "cities", "village", "villages", "district", "districts",
    "province", "provinces", "region", "regions", "port", "settlement", "capital", "outskirts",
    "suburbs", "centre", "center", "municipality", "oblast", "rayon", "streets", "residents",
    "mayor", "governor", "river", "lake", "valley", "gorge", "hamlet", "area",
];

/// Prepositions and place nouns right before a name that make it a place even when the name
/// is also a word or a person's name ("in Mary", "near Van", "the village Ali").
pub(super) const BEFORE_STRONG: &[&str] = &[
    "in", "near", "outside", "around", "via", "through", "towards", "toward", "into", "across",
    "town", "village", "city", "villages", "towns", "port",
];

/// Further prepositions that make a place of a name that is not a word ("from Tovuz to
/// Ganja", "at Sangachal").
#[rustfmt::skip]
const BEFORE_WEAK: &[&str] = &[
    "from", "to", "at", "between", "reached", "visited", "entered", "left", "beyond", "past",
    "north", "south", "east", "west", "downstream", "upstream", "along",
];

/// Words after a name, later in its clause, that only a town takes ("Fuzuli now has an
/// international airport"): a cue for a town over a district of the same name.
#[rustfmt::skip]
const TOWN_CLAUSE: &[&str] = &[
    "airport", "mayor", "streets", "hotel", "hotels", "residents", "downtown", "suburbs",
    "neighbourhood", "neighborhood", "bazaar", "mosque", "cathedral",
];

/// The word right after byte `end` of `text` when only spaces separate it; its case kept.
pub(super) fn next_word(text: &str, end: usize) -> Option<&str> {
    let after = text.get(end..)?;
    let trimmed = after.trim_start_matches(' ');
    if trimmed.len() == after.len() {
        return None;
    }
    let len = trimmed
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '-'))
        .map_or(trimmed.len(), |(i, _)| i);
    trimmed.get(..len).filter(|w| !w.is_empty())
}

/// The word right before byte `start` when only spaces separate it; its case kept.
pub(super) fn prev_word(text: &str, start: usize) -> Option<&str> {
    let before = text.get(..start)?;
    let trimmed = before.trim_end_matches(' ');
    if trimmed.len() == before.len() {
        return None;
    }
    let from = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '-'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    trimmed.get(from..).filter(|w| !w.is_empty())
}

pub(super) fn lower(w: &str) -> String {
    w.to_lowercase()
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// True when the name at `start..end` opens a sentence (or the text).
fn opens_sentence(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("").trim_end();
    before.is_empty()
        || before.ends_with(['.', '!', '?', ':', '"', '\u{201c}', '\n'])
        || before.ends_with("\u{2014}")
}

/// A name that is a person, a title or a work here: a verb of speech or a film noun right
/// after it, a title right before it. `gazetteer` adds the rules for gazetteer places: a
/// capitalised word right before or after it that is not a place word (a person's full name,
/// "Lady Mary", "Van Gogh").
pub fn person_or_work(text: &str, start: usize, end: usize, gazetteer: bool) -> bool {
    if gazetteer {
        // Part of a hyphenated compound ("Mil-Mugan dams").
        let glued_before = text.get(..start).is_some_and(|b| b.ends_with('-'));
        let glued_after = text.get(end..).is_some_and(|a| a.starts_with('-'));
        if glued_before || glued_after {
            return true;
        }
        if next_word(text, end).is_some_and(|n| ADMIN_AFTER.contains(&lower(n).as_str())) {
            return true;
        }
    }
    if text
        .get(end..)
        .is_some_and(|a| a.starts_with("'s ") || a.starts_with("\u{2019}s "))
    {
        // "Mary's husband": a possessive is weak; only a place word after it saves it.
        let after = text.get(end + text.get(end..).map_or(0, |a| a.find(' ').unwrap_or(0))..);
        let next = after.and_then(|a| next_word(a, 0)).map(lower);
        if gazetteer && !next.as_deref().is_some_and(|n| PLACE_AFTER.contains(&n)) {
            return true;
        }
    }
    let next = next_word(text, end);
    if let Some(n) = next {
        let l = lower(n);
        // "Mary said" is a person; "officials in Quba said" is not.
        if SPEECH.contains(&l.as_str()) && !strong_before(text, start) {
            return true;
        }
        if MEDIA.contains(&l.as_str()) {
            return true;
        }
        if gazetteer && is_capitalised(n) && !PLACE_AFTER.contains(&l.as_str()) {
            return true;
        }
    }
    if let Some(p) = prev_word(text, start) {
        let l = lower(p);
        if TITLES.contains(&l.trim_end_matches('.')) {
            return true;
        }
        let p_start = (p.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
        if gazetteer
            && is_capitalised(p)
            && !opens_sentence(text, p_start)
            && !BEFORE_STRONG.contains(&l.as_str())
            && !BEFORE_WEAK.contains(&l.as_str())
            && !matches!(l.as_str(), "the" | "and" | "or")
        {
            return true;
        }
    }
    false
}

/// A preposition of place or a place noun right before the name ("in", "town of").
fn strong_before(text: &str, start: usize) -> bool {
    let Some(p) = prev_word(text, start) else {
        return false;
    };
    let l = lower(p);
    if BEFORE_STRONG.contains(&l.as_str()) {
        return true;
    }
    if l == "of" {
        let at = text
            .get(..start)
            .map_or(0, |b| b.trim_end().len().saturating_sub(2));
        return prev_word(text, at).is_some_and(|k| PLACE_OF.contains(&lower(k).as_str()));
    }
    false
}

/// How strongly the words around a name say "place": `Strong` (a preposition of place or a
/// place noun), `Weak` (a preposition that also takes people), or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Context {
    None,
    Weak,
    Strong,
}

/// The place context of the name at `start..end` of `text` (original case). `article`: the
/// name may take "the" (a river, a range: "in the Kura valley"; a town does not: "to the
/// Taliban").
pub fn place_context(text: &str, start: usize, end: usize, article: bool) -> Context {
    if let Some(n) = next_word(text, end)
        && PLACE_AFTER.contains(&lower(n).as_str())
    {
        return Context::Strong;
    }
    let Some(mut p) = prev_word(text, start) else {
        return Context::None;
    };
    let mut start = start;
    // "in the Riva River": the article does not separate the preposition from the name.
    if lower(p) == "the" {
        if !article {
            return Context::None;
        }
        let at = (p.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
        match prev_word(text, at) {
            Some(q) => {
                start = at;
                p = q;
            }
            None => return Context::None,
        }
    }
    let l = lower(p);
    if BEFORE_STRONG.contains(&l.as_str()) {
        return Context::Strong;
    }
    if l == "of" {
        let before = text.get(..start).unwrap_or("");
        let at = before.trim_end().len().saturating_sub(2);
        if let Some(k) = prev_word(text, at)
            && PLACE_OF.contains(&lower(k).as_str())
        {
            return Context::Strong;
        }
        return Context::None;
    }
    if BEFORE_WEAK.contains(&l.as_str()) {
        return Context::Weak;
    }
    Context::None
}

/// A cue for a town right at the name: a preposition of place before it ("in Zanjan"), a town
/// noun after it ("Zanjan city"), or a town-only noun later in the clause.
pub fn town_cue(text: &str, start: usize, end: usize) -> bool {
    let before = prev_word(text, start).is_some_and(|p| is_one_of(p, BEFORE_STRONG));
    let after =
        next_word(text, end).is_some_and(|n| is_one_of(n, &["town", "city", "village", "airport"]));
    before || after || town_clause(text, end)
}

/// True when `w` lower-cased is one of `words`, compared without lower-casing into a new
/// string (these run for every ambiguous name). The words are ASCII lower case without a `k`:
/// the one character outside ASCII that lower-cases into it is the Kelvin sign (to `k`), so
/// for these words an ASCII case-blind comparison is the same test (the test
/// `cue_words_compare_as_lower_casing_does` checks every list).
fn is_one_of(w: &str, words: &[&str]) -> bool {
    words.iter().any(|n| n.eq_ignore_ascii_case(w))
}

/// A town-only noun later in the clause ("Fuzuli now has an international airport"): the
/// name is the town.
pub fn town_clause(text: &str, end: usize) -> bool {
    // Seven words at most, up to the clause's end: scanning on to the next punctuation mark
    // made a long unpunctuated passage quadratic (every name looked at the rest of it).
    let rest = text.get(end..).unwrap_or("");
    let mut words = 0;
    let mut word: Option<usize> = None;
    let is_noun = |w: &str| w.len() <= 16 && is_one_of(w, TOWN_CLAUSE);
    for (i, c) in rest.char_indices() {
        if c.is_alphanumeric() {
            word.get_or_insert(i);
            continue;
        }
        if let Some(s) = word.take() {
            if rest.get(s..i).is_some_and(is_noun) {
                return true;
            }
            words += 1;
            if words == 7 {
                return false;
            }
        }
        if matches!(c, '.' | ';' | ':' | '!' | '?' | ',') {
            return false;
        }
    }
    word.and_then(|s| rest.get(s..)).is_some_and(is_noun)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, name: &str) -> (usize, usize) {
        let s = text.find(name).unwrap_or(usize::MAX);
        (s, s + name.len())
    }

    #[test]
    fn cue_words_compare_as_lower_casing_does() {
        // Every cue list is ASCII lower case without a `k`, which `is_one_of` relies on.
        for list in [
            BEFORE_STRONG,
            TOWN_CLAUSE,
            &["town", "city", "village", "airport"],
        ] {
            for w in list {
                assert!(
                    w.bytes().all(|b| b.is_ascii_lowercase() && b != b'k'),
                    "{w}"
                );
                for form in [
                    w.to_string(),
                    w.to_uppercase(),
                    format!("{w}s"),
                    w[1..].to_string(),
                ] {
                    assert_eq!(
                        is_one_of(&form, list),
                        list.contains(&lower(&form).as_str())
                    );
                }
            }
            // The Kelvin sign lower-cases to `k`, and no cue word has one.
            assert!(!is_one_of("\u{212a}", list));
            assert!(!list.contains(&lower("\u{212a}").as_str()));
        }
    }

    #[test]
    fn people_titles_and_films_are_traps() {
        for (text, name) in [
            ("Mary said the van was parked outside.", "Mary"),
            ("They watched the Batman films again.", "Batman"),
            ("Lady Mary arrived.", "Mary"),
            ("The painter Van Gogh lived there.", "Van"),
            ("In Mary's view the talks failed.", "Mary"),
        ] {
            let (s, e) = at(text, name);
            assert!(person_or_work(text, s, e, true), "{text}");
        }
        for (text, name) in [
            ("The pipeline runs near Tovuz and Ganja.", "Tovuz"),
            ("Protests in Sheki, Azerbaijan, grew.", "Sheki"),
            ("Sheki is a town of silk.", "Sheki"),
        ] {
            let (s, e) = at(text, name);
            assert!(!person_or_work(text, s, e, true), "{text}");
        }
    }

    #[test]
    fn a_town_clause_is_seven_words_up_to_a_punctuation_mark() {
        let t = "Fuzuli now has an international airport";
        assert!(town_clause(t, "Fuzuli".len()));
        let t = "Fuzuli now has, they say, an international airport";
        assert!(
            !town_clause(t, "Fuzuli".len()),
            "the clause ends at the comma"
        );
        let t = "Fuzuli one two three four five six seven airport";
        assert!(
            !town_clause(t, "Fuzuli".len()),
            "the eighth word is too far"
        );
        let t = "Fuzuli airport";
        assert!(town_clause(t, "Fuzuli".len()), "the noun ends the text");
    }

    #[test]
    fn place_words_around_a_name() {
        let c = |text: &str, name: &str| {
            let (s, e) = at(text, name);
            place_context(text, s, e, false)
        };
        assert_eq!(c("a flood in Mary last year", "Mary"), Context::Strong);
        assert_eq!(c("the town of Ijevan lies", "Ijevan"), Context::Strong);
        assert_eq!(c("the Kura river", "Kura"), Context::Strong);
        assert_eq!(c("talks with the Taliban", "Taliban"), Context::None);
        let trap = |text: &str, name: &str| {
            let (s, e) = at(text, name);
            person_or_work(text, s, e, true)
        };
        assert!(trap("the Islamic State of Khorasan Province", "Khorasan"));
        assert!(trap("the Aras and Mil-Mugan dams", "Mugan"));
        assert!(!trap("a dam near Mugan, Azerbaijan", "Mugan"));
        assert!(!trap("officials in Quba said", "Quba"));
        assert!(trap("Quba said", "Quba"));
        assert_eq!(c("trucks from Tovuz", "Tovuz"), Context::Weak);
        assert_eq!(c("Mary wrote", "Mary"), Context::None);
        assert_eq!(c("the memory of Mary", "Mary"), Context::None);
        assert!(town_clause(" now has an international airport.", 0));
        assert!(!town_clause(" district, whose airport", 0));
    }
}
