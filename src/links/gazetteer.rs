//! The gazetteer: every name, alias and demonym of the atlas (plus blocker phrases) compiled
//! into one anchored Aho-Corasick automaton over folded text, and the raw scan of a text — the
//! automaton walked from each word start, case checks, then leftmost-longest selection of
//! non-overlapping matches.

use std::collections::BTreeMap;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, PatternID, StartKind};

use super::MentionKind;
use super::alphabet::Alphabet;
use super::fold::{Folded, fold, fold_str};
pub use super::places::{Locate, Place, ShadowRegion, kind_rank, representative_point};
use super::places::{compute_places, shadow_regions};
use crate::atlas::{Feature, Kind};

/// The blocker phrases shipped with the crate (`src/links/blockers.toml`).
pub const BLOCKERS_TOML: &str = include_str!("blockers.toml");

/// Errors building the gazetteer.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("src/links/blockers.toml: {0}")]
    Blockers(String),
    #[error("gazetteer automaton: {0}")]
    Automaton(String),
}

/// Parse a blocker file: `phrases = ["Baku Dialogues", …]`.
pub fn parse_blockers(toml_text: &str) -> Result<Vec<String>, GazetteerError> {
    #[derive(serde::Deserialize)]
    struct File {
        phrases: Vec<String>,
    }
    let file: File =
        toml::from_str(toml_text).map_err(|e| GazetteerError::Blockers(e.to_string()))?;
    Ok(file.phrases)
}

/// How a name's surface form must be written for a match to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CaseRule {
    /// Any case (multi-word names, names that are not English words).
    Any,
    /// First letter uppercase (single-word names that are also English words; demonyms).
    Capitalised,
    /// Every word but short function words capitalised: a phrase made only of English words
    /// ("Northern Route") is a name only so written, never as a generic phrase ("the
    /// Northern route").
    TitleCase,
    /// Every letter uppercase (acronyms such as "BTC").
    AllCaps,
}

impl CaseRule {
    fn accepts(self, surface: &str) -> bool {
        match self {
            CaseRule::Any => true,
            CaseRule::Capitalised => surface
                .chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(|c| c.is_uppercase()),
            CaseRule::AllCaps => surface
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase()),
            CaseRule::TitleCase => surface
                .split(|c: char| c.is_whitespace() || c == '-')
                .filter(|w| !w.is_empty())
                .enumerate()
                .all(|(i, w)| {
                    (i > 0 && matches!(w, "of" | "the" | "and" | "de" | "e" | "i"))
                        || w.chars()
                            .find(|c| c.is_alphabetic())
                            .is_none_or(char::is_uppercase)
                }),
        }
    }
}

/// What one pattern may refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// Feature index, or `None` for a blocker phrase.
    pub feature: Option<usize>,
    pub kind: MentionKind,
    pub case: CaseRule,
    /// A name the feature does not list itself but answers to by rule (the bare stem of a
    /// "X Province"): weaker than a listed name when both are candidates.
    pub derived: bool,
    /// A name of a gazetteer feature ([`Kind::is_gazetteer`]): linked only with evidence.
    pub gazetteer: bool,
    /// The name is an English word or a person's name (in the shipped word list): it needs a
    /// place word next to it, and never links before a verb of speech.
    pub common: bool,
    /// Only an alternate name of a gazetteer place (not its name): weaker evidence.
    pub alias: bool,
}

/// A match kept by [`Gazetteer::scan`].
#[derive(Debug, Clone)]
pub struct RawMatch {
    /// Byte span in the original text.
    pub start: usize,
    pub end: usize,
    /// Byte span in the folded text.
    pub fstart: usize,
    pub fend: usize,
    /// Targets that passed the case check; empty for a blocker.
    pub targets: Vec<Target>,
}

/// The compiled gazetteer.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    /// The names' automaton, anchored: walked from each word start until no name goes on.
    dfa: DFA,
    /// Its start state.
    start: StateID,
    /// The automaton's alphabet: names and texts are recoded into it.
    alphabet: Alphabet,
    patterns: Vec<Vec<Target>>,
    pub places: Vec<Place>,
    pub shadow_regions: Vec<ShadowRegion>,
}

/// Head nouns whose plural still names the feature ("… gas pipelines", "… fields").
const PLURAL_HEADS: [&str; 6] = [
    "pipeline", "railway", "railroad", "corridor", "field", "route",
];

/// Generic head nouns: two English words ending with one ("Northern route", "Middle
/// corridor") are a description unless both are capitalised.
const GENERIC_HEADS: [&str; 9] = [
    "route", "corridor", "pipeline", "railway", "road", "line", "way", "highway", "path",
];

/// Drop a trailing parenthetical qualifier: "Julfa (Nakhchivan)" → "Julfa".
pub(super) fn strip_qualifier(name: &str) -> &str {
    match name.find('(') {
        Some(i) if i > 0 => name.get(..i).unwrap_or(name).trim(),
        _ => name.trim(),
    }
}

/// Drop a leading article: "the Caspian" → "Caspian" (the article is not part of the name,
/// and keeping it would let "the Caspian" shadow "Caspian Sea" in leftmost-longest matching).
pub(super) fn strip_article(name: &str) -> &str {
    let t = name.trim();
    for article in ["the ", "The "] {
        if let Some(rest) = t.strip_prefix(article)
            && rest.chars().filter(|c| c.is_alphanumeric()).count() >= 2
        {
            return rest.trim_start();
        }
    }
    t
}

/// The case rule a name imposes on its surface forms.
pub fn case_rule(name: &str, kind: MentionKind, is_word: &dyn Fn(&str) -> bool) -> CaseRule {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    let single_word = !name.trim().contains(char::is_whitespace);
    if single_word && letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        return CaseRule::AllCaps;
    }
    if kind == MentionKind::Demonym {
        return CaseRule::Capitalised;
    }
    let folded = fold_str(name);
    let starts_upper = name
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase);
    // A single word that is also an English word, or a capitalised phrase made only of
    // English words ("Middle Corridor", "Western Route"), is a name only when capitalised.
    let all_words = folded
        .split(' ')
        .all(|w| !w.is_empty() && (is_word(w) || w.chars().count() == 1));
    if !folded.contains(' ') && all_words {
        CaseRule::Capitalised
    } else if starts_upper
        && all_words
        && folded.split(' ').count() == 2
        && folded
            .rsplit(' ')
            .next()
            .is_some_and(|w| GENERIC_HEADS.contains(&w))
    {
        // Two English words ("Northern Route"): a generic phrase unless both are capitalised.
        CaseRule::TitleCase
    } else if starts_upper && all_words {
        CaseRule::Capitalised
    } else {
        CaseRule::Any
    }
}

impl Gazetteer {
    /// Build from the atlas features, a predicate telling whether a folded single word is a
    /// common English word, and blocker phrases.
    pub fn new(
        features: &[Feature],
        is_word: &dyn Fn(&str) -> bool,
        blockers: &[String],
    ) -> Result<Gazetteer, GazetteerError> {
        Gazetteer::with_locator(features, is_word, blockers, None)
    }

    /// [`Gazetteer::new`], asking `locate` (a spatial index) which areas contain a point
    /// instead of testing every country and region polygon.
    pub fn with_locator(
        features: &[Feature],
        is_word: &dyn Fn(&str) -> bool,
        blockers: &[String],
        locate: Option<Locate<'_>>,
    ) -> Result<Gazetteer, GazetteerError> {
        let places = compute_places(features, locate);
        // folded pattern -> targets; BTreeMap for a deterministic automaton.
        let mut table: BTreeMap<String, Vec<Target>> = BTreeMap::new();
        fn add(table: &mut BTreeMap<String, Vec<Target>>, text: &str, target: Target) {
            let folded = fold_str(text);
            if folded.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                return;
            }
            let entry = table.entry(folded).or_default();
            if let Some(existing) = entry.iter_mut().find(|t| t.feature == target.feature) {
                // Name beats demonym; the looser case rule of two spellings wins.
                if target.kind < existing.kind {
                    *existing = target;
                } else if target.kind == existing.kind && target.case < existing.case {
                    existing.case = target.case;
                }
            } else {
                entry.push(target);
            }
        }
        // A single-word name that is an English word or a person's name ("Mary", "Van").
        let common_of = |case: CaseRule| matches!(case, CaseRule::Capitalised);
        for (i, f) in features.iter().enumerate() {
            if f.kind.is_gazetteer() {
                continue;
            }
            let mut names: Vec<&str> = vec![f.name.as_str()];
            names.extend(f.aliases.iter().map(String::as_str));
            for n in names {
                let n = strip_article(n);
                for variant in [n, strip_qualifier(n)] {
                    // "the South Caucasus gas pipelines": a plural of a name whose head is
                    // an infrastructure noun still names the feature.
                    let last = variant.rsplit(' ').next().unwrap_or("").to_lowercase();
                    if PLURAL_HEADS.contains(&last.as_str()) {
                        let case = case_rule(variant, MentionKind::Name, is_word);
                        add(
                            &mut table,
                            &format!("{variant}s"),
                            Target {
                                feature: Some(i),
                                kind: MentionKind::Name,
                                case,
                                derived: false,
                                gazetteer: false,
                                alias: false,
                                common: common_of(case),
                            },
                        );
                    }
                    let case = case_rule(variant, MentionKind::Name, is_word);
                    add(
                        &mut table,
                        variant,
                        Target {
                            feature: Some(i),
                            kind: MentionKind::Name,
                            case,
                            derived: false,
                            gazetteer: false,
                            alias: false,
                            common: common_of(case),
                        },
                    );
                }
            }
            for d in &f.demonyms {
                let d = strip_article(d);
                add(
                    &mut table,
                    d,
                    Target {
                        feature: Some(i),
                        kind: MentionKind::Demonym,
                        case: case_rule(d, MentionKind::Demonym, is_word),
                        derived: false,
                        gazetteer: false,
                        alias: false,
                        common: false,
                    },
                );
            }
        }
        // Administrative type words are used interchangeably in English prose ("Jabrayil
        // region" for Jabrayil District): add the other type words to region names that end
        // with one, unless another feature already has that spelling.
        const TYPE_WORDS: [&str; 4] = ["district", "region", "province", "rayon"];
        let mut stems: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, f) in features.iter().enumerate() {
            if f.kind != Kind::Region {
                continue;
            }
            let mut own_stems: Vec<String> = std::iter::once(&f.name)
                .chain(&f.aliases)
                .filter_map(|n| {
                    let folded = fold_str(strip_qualifier(strip_article(n)));
                    let (stem, last) = folded.rsplit_once(' ')?;
                    TYPE_WORDS.contains(&last).then(|| stem.to_string())
                })
                .collect();
            own_stems.sort();
            own_stems.dedup();
            for stem in own_stems {
                // The bare stem ("Zanjan" for Zanjan Province) when no other feature has that
                // name, or only places inside the region do (a same-named city: the name is
                // then shared, the city staying the default reading, see `resolve`).
                let free = table.get(&stem).is_none_or(|targets| {
                    targets.iter().all(|t| {
                        t.feature.is_some_and(|g| {
                            places
                                .get(g)
                                .is_some_and(|p| p.containers.binary_search(&i).is_ok())
                        })
                    })
                });
                if free || stems.contains_key(&stem) {
                    stems.entry(stem.clone()).or_default().push(i);
                }
                for t in TYPE_WORDS {
                    let variant = format!("{stem} {t}");
                    if table
                        .get(&variant)
                        .is_some_and(|ts| ts.iter().any(|x| x.feature != Some(i)))
                    {
                        continue;
                    }
                    add(
                        &mut table,
                        &variant,
                        Target {
                            feature: Some(i),
                            kind: MentionKind::Name,
                            case: CaseRule::Any,
                            derived: false,
                            gazetteer: false,
                            alias: false,
                            common: false,
                        },
                    );
                }
            }
        }
        for (stem, regions) in stems {
            let case = if stem.contains(' ') || !is_word(&stem) {
                CaseRule::Any
            } else {
                CaseRule::Capitalised
            };
            for i in regions {
                add(
                    &mut table,
                    &stem,
                    Target {
                        feature: Some(i),
                        kind: MentionKind::Name,
                        case,
                        derived: true,
                        gazetteer: false,
                        alias: false,
                        common: common_of(case),
                    },
                );
            }
        }
        // The gazetteer layers: a curated feature of the same name wins; names under three
        // letters ("Of") are left out; every name must be capitalised.
        for (i, f) in features.iter().enumerate() {
            if !f.kind.is_gazetteer() {
                continue;
            }
            for (k, n) in std::iter::once(&f.name).chain(&f.aliases).enumerate() {
                let n = strip_article(n);
                for variant in [n, strip_qualifier(n)] {
                    let folded = fold_str(variant);
                    if folded.chars().filter(|c| c.is_alphanumeric()).count() < 3
                        || super::choose::never_a_place(&folded)
                        || table
                            .get(&folded)
                            .is_some_and(|ts| ts.iter().any(|t| !t.gazetteer && !t.derived))
                    {
                        continue;
                    }
                    // The word list also accepts inflections ("Sivas" as a plural of
                    // "siva"): a name that is only a plural of a word is not taken for one.
                    let plural_only = |w: &str| {
                        w.len() > 4
                            && w.strip_suffix('s')
                                .is_some_and(|stem| !stem.ends_with('s') && is_word(stem))
                    };
                    let common = folded
                        .split(' ')
                        .all(|w| w.chars().count() <= 2 || (is_word(w) && !plural_only(w)));
                    add(
                        &mut table,
                        variant,
                        Target {
                            feature: Some(i),
                            kind: MentionKind::Name,
                            case: if folded.contains(' ') && common {
                                CaseRule::TitleCase
                            } else {
                                CaseRule::Capitalised
                            },
                            derived: false,
                            gazetteer: true,
                            common,
                            alias: k > 0,
                        },
                    );
                }
            }
        }
        for b in blockers {
            let folded = fold_str(b);
            // A curated feature that has the phrase as a name wins over the blocker; the
            // blocker wins over a gazetteer place.
            if table
                .get(&folded)
                .is_some_and(|ts| ts.iter().any(|t| !t.gazetteer))
            {
                continue;
            }
            table.remove(&folded);
            add(
                &mut table,
                b,
                Target {
                    feature: None,
                    kind: MentionKind::Name,
                    case: CaseRule::Any,
                    derived: false,
                    gazetteer: false,
                    alias: false,
                    common: false,
                },
            );
        }
        let (keys, patterns): (Vec<String>, Vec<Vec<Target>>) = table.into_iter().unzip();
        let alphabet = Alphabet::new(&keys);
        let dfa = DFA::builder()
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Anchored)
            .build(keys.iter().map(|k| alphabet.recode(k.as_bytes())))
            .map_err(|e| GazetteerError::Automaton(e.to_string()))?;
        let start = dfa
            .start_state(Anchored::Yes)
            .map_err(|e| GazetteerError::Automaton(e.to_string()))?;
        let shadow_regions = shadow_regions(features, &places);
        Ok(Gazetteer {
            dfa,
            start,
            alphabet,
            patterns,
            places,
            shadow_regions,
        })
    }

    /// Number of distinct folded patterns compiled.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Find all matches in `text`: word-bounded, case-checked, leftmost-longest,
    /// non-overlapping. Blocker matches are kept (with no targets) so callers can see them.
    pub fn scan(&self, text: &str) -> (Folded, Vec<RawMatch>) {
        let folded = fold(text);
        let mut found: Vec<RawMatch> = Vec::new();
        let recoded = self.alphabet.recode(folded.text.as_bytes());
        // A name is word-bounded: it starts only where no letter or digit comes before. The
        // automaton is walked from each such place until no name goes on, so it only ever
        // visits the few states near its root that words open with (walking every byte of
        // the text through its whole table missed the cache at nearly every byte).
        for fs in word_starts(&folded.text) {
            self.names_at(&recoded, fs, |fe, pattern| {
                if let Some(m) = self.raw_match(text, &folded, fs, fe, pattern) {
                    found.push(m);
                }
            });
        }
        found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut selected = Vec::with_capacity(found.len());
        let mut last_end = 0usize;
        for m in found {
            if m.start >= last_end {
                last_end = m.end;
                selected.push(m);
            }
        }
        (folded, selected)
    }

    /// Calls `hit(end, pattern)` for every name that starts at byte `at` of the recoded
    /// text, shortest first.
    fn names_at(&self, recoded: &[u8], at: usize, mut hit: impl FnMut(usize, PatternID)) {
        let mut sid = self.start;
        for (walked, &b) in recoded.get(at..).unwrap_or_default().iter().enumerate() {
            sid = self.dfa.next_state(Anchored::Yes, sid, b);
            if self.dfa.is_dead(sid) {
                return;
            }
            if !self.dfa.is_match(sid) {
                continue;
            }
            let len = walked + 1;
            for i in 0..self.dfa.match_len(sid) {
                let pattern = self.dfa.match_pattern(sid, i);
                // A state also lists the names that end here but start later (its suffixes
                // that are names): only those that start at `at` are hits.
                if self.dfa.pattern_len(pattern) == len {
                    hit(at + len, pattern);
                }
            }
        }
    }

    /// The match of `pattern` at folded bytes `fs..fe`: `None` when its own bytes differ
    /// (a shared code), it runs on into a word, or no target accepts its case.
    fn raw_match(
        &self,
        text: &str,
        folded: &Folded,
        fs: usize,
        fe: usize,
        pattern: PatternID,
    ) -> Option<RawMatch> {
        // A name sharing a code with others is matched on its own bytes.
        let own = folded.text.as_bytes().get(fs..fe).unwrap_or_default();
        if !self.alphabet.is_exact(pattern.as_usize(), own) {
            return None;
        }
        if folded.char_at(fe).is_some_and(char::is_alphanumeric) {
            return None;
        }
        let (start, end) = folded.original_span(fs, fe)?;
        let surface = text.get(start..end)?;
        let targets = self.patterns.get(pattern.as_usize())?;
        let mut kept: Vec<Target> = targets
            .iter()
            .copied()
            .filter(|t| t.case.accepts(surface))
            .collect();
        if kept.is_empty() {
            return None;
        }
        if kept.iter().any(|t| t.feature.is_none()) {
            kept.clear();
        } else if kept.iter().any(|t| t.kind == MentionKind::Name) {
            kept.retain(|t| t.kind == MentionKind::Name);
        }
        Some(RawMatch {
            start,
            end,
            fstart: fs,
            fend: fe,
            targets: kept,
        })
    }
}

/// The byte offsets of `text` where a word may start: its start, and every character after
/// one that is no letter or digit.
fn word_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0usize;
    let mut after_word = false;
    std::iter::from_fn(move || {
        loop {
            let &b = bytes.get(at)?;
            let here = at;
            let starts = !after_word;
            // ASCII (nearly every byte) is told without decoding a character.
            after_word = if b.is_ascii() {
                at += 1;
                b.is_ascii_alphanumeric()
            } else {
                let c = text.get(at..).and_then(|t| t.chars().next());
                at += c.map_or(1, char::len_utf8);
                c.is_some_and(char::is_alphanumeric)
            };
            if starts {
                return Some(here);
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_start_after_anything_but_a_letter_or_digit() {
        let texts = [
            "",
            "Baku",
            " Baku–Tbilisi–Ceyhan (BTC) pipeline, 1,768 km",
            "Şəki’s Gəncə-Qazax; Ərdəbil 42nd Ø×ø 中文 x",
            "\u{300}a\u{301}b c",
        ];
        for text in texts {
            let expected: Vec<usize> = text
                .char_indices()
                .filter(|&(i, _)| {
                    text.get(..i)
                        .and_then(|t| t.chars().next_back())
                        .is_none_or(|c| !c.is_alphanumeric())
                })
                .map(|(i, _)| i)
                .collect();
            assert_eq!(word_starts(text).collect::<Vec<_>>(), expected, "{text}");
        }
    }

    #[test]
    fn shipped_blockers_parse() {
        let b = parse_blockers(BLOCKERS_TOML);
        assert!(b.as_ref().is_ok_and(|v| !v.is_empty()), "{b:?}");
    }

    #[test]
    fn case_rules() {
        let words = |w: &str| matches!(w, "van" | "turkey" | "tap");
        assert_eq!(
            case_rule("Van", MentionKind::Name, &words),
            CaseRule::Capitalised
        );
        assert_eq!(
            case_rule("Turkey", MentionKind::Name, &words),
            CaseRule::Capitalised
        );
        assert_eq!(case_rule("Baku", MentionKind::Name, &words), CaseRule::Any);
        assert_eq!(
            case_rule("TAP", MentionKind::Name, &words),
            CaseRule::AllCaps
        );
        assert_eq!(
            case_rule("Black Sea", MentionKind::Name, &words),
            CaseRule::Any
        );
        assert_eq!(
            case_rule("Iranian", MentionKind::Demonym, &words),
            CaseRule::Capitalised
        );
        assert!(CaseRule::Capitalised.accepts("Van"));
        assert!(!CaseRule::Capitalised.accepts("van"));
        assert!(CaseRule::AllCaps.accepts("BTC"));
        assert!(!CaseRule::AllCaps.accepts("Btc"));
    }

    #[test]
    fn qualifier_is_stripped() {
        assert_eq!(strip_qualifier("Julfa (Nakhchivan)"), "Julfa");
        assert_eq!(strip_qualifier("Baku"), "Baku");
        assert_eq!(strip_qualifier("(odd)"), "(odd)");
        assert_eq!(strip_article("the Caspian"), "Caspian");
        assert_eq!(strip_article("The Gulf"), "Gulf");
        assert_eq!(strip_article("the"), "the");
        assert_eq!(strip_article("Theodosia"), "Theodosia");
    }
}
