//! The shipped corpus: documents, metadata, reading order, cleaning.

use std::collections::HashMap;
use std::sync::OnceLock;

use caspian_atlas::corpus::vocab::Vocab;
use caspian_atlas::corpus::{Corpus, embedded_sources};

fn corpus() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(Corpus::load_embedded)
}

fn doc_text(id: &str) -> String {
    corpus()
        .passages_of(id)
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn all_text() -> String {
    corpus()
        .passages
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn seventeen_documents_without_warnings() {
    let c = corpus();
    assert_eq!(
        c.documents.len(),
        17,
        "{:?}",
        c.documents.iter().map(|d| &d.id).collect::<Vec<_>>()
    );
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    for d in &c.documents {
        assert!(
            c.passages_of(&d.id).count() >= 5,
            "{} has too few passages",
            d.id
        );
        assert!(!d.outlet.is_empty() && !d.date.is_empty() && !d.source.is_empty());
    }
}

#[test]
fn journal_titles_and_authors_are_exact() {
    let expected = [
        (
            "baku-dialogues-2021-01",
            "Stronger Together in the Greater Caspian Region",
            Some("Richard E. Hoagland"),
        ),
        (
            "baku-dialogues-2021-02",
            "Afghanistan and South-Central Asia Connectivity",
            Some("Edward Lemon"),
        ),
        (
            "baku-dialogues-2021-03",
            "Afghanistan's Place on the Silk Road",
            Some("James J. Coyle"),
        ),
        (
            "baku-dialogues-2021-04",
            "Post-Conflict Confidence-Building and Arms Control: The Case of Armenia and Azerbaijan",
            Some("Stuart Maslen"),
        ),
        (
            "baku-dialogues-2021-05",
            "Setting Standards for Clearing Landmines: Humanitarian Solutions to the Residue of War",
            Some("David Hewitson"),
        ),
        (
            "baku-dialogues-2021-06",
            "End of the War, But No Peace",
            Some("Anar Valiyev"),
        ),
        (
            "baku-dialogues-2021-07",
            "Some Karabakh-related Aspects of Georgia's Regional Positioning",
            Some("Victor Kipiani"),
        ),
        (
            "baku-dialogues-2021-08",
            "The Fifth Element: Iran in Post-Second-Karabakh War Environment",
            None,
        ),
        (
            "baku-dialogues-2021-09",
            "Iran and Azerbaijan After the Second Karabakh War",
            Some("Vali Kaleji"),
        ),
        (
            "baku-dialogues-2021-10",
            "The Challenges of Identity Politics in Iran",
            Some("Ramin Jabbarli"),
        ),
    ];
    for (id, title, author) in expected {
        let d = corpus()
            .document(id)
            .unwrap_or_else(|| panic!("missing {id}"));
        assert_eq!(d.title, title);
        assert_eq!(d.authors.first().map(String::as_str), author, "{id}");
        assert!(d.outlet.contains("Baku Dialogues"));
    }
    for id in ["baku-dialogues-2021-06", "baku-dialogues-2021-08"] {
        assert!(corpus().document(id).is_some_and(|d| d.title_supplied));
    }
    assert!(
        corpus()
            .document("baku-dialogues-2021-01")
            .is_some_and(|d| !d.title_supplied)
    );
}

#[test]
fn untitled_articles_get_supplied_titles() {
    let supplied: Vec<_> = corpus()
        .documents
        .iter()
        .filter(|d| d.source.contains("003_6e31866b37220f72"))
        .collect();
    assert_eq!(supplied.len(), 4);
    assert!(
        supplied
            .iter()
            .all(|d| d.title_supplied && !d.title.is_empty())
    );
}

#[test]
fn passage_ids_are_stable_and_sequential() {
    let c = corpus();
    for d in &c.documents {
        for (i, p) in c.passages_of(&d.id).enumerate() {
            assert_eq!(p.index, i);
            assert_eq!(p.id, format!("{}#p{}", d.id, i + 1));
            assert!(!p.text.trim().is_empty());
            assert_eq!(p.text, p.text.trim());
            assert!(!p.text.contains("  "), "double space in {}", p.id);
        }
    }
    assert_eq!(Corpus::load_embedded(), *c, "loading is deterministic");
}

#[test]
fn bylines_keep_author_bios() {
    let c = corpus();
    let coyle = c
        .document("baku-dialogues-2021-03")
        .and_then(|d| d.byline_note.clone());
    assert!(
        coyle.is_some_and(
            |b| b.starts_with("James J. Coyle is CEO of Coyle International Consulting")
        )
    );
    let hewitson = c
        .document("baku-dialogues-2021-05")
        .and_then(|d| d.byline_note.clone());
    assert!(hewitson.is_some_and(|b| b.contains("David Hewitson")));
    let shaffer = c
        .document("shaffer-2023-aliyev-iran")
        .and_then(|d| d.byline_note.clone());
    assert!(shaffer.is_some_and(|b| b.contains("Naval Postgraduate School")));
    assert!(!doc_text("baku-dialogues-2021-03").contains("Coyle International Consulting"));
}

/// Passage index of the first passage containing `needle`.
fn find(id: &str, needle: &str) -> Option<(usize, usize)> {
    corpus()
        .passages_of(id)
        .find_map(|p| p.text.find(needle).map(|at| (p.index, at)))
}

fn follows(id: &str, first: &str, second: &str) {
    let text = doc_text(id);
    let a = text
        .find(first)
        .unwrap_or_else(|| panic!("{first:?} missing from {id}"));
    let b = text
        .find(second)
        .unwrap_or_else(|| panic!("{second:?} missing from {id}"));
    assert!(a < b, "{first:?} should come before {second:?} in {id}");
    let gap = text.get(a + first.len()..b).unwrap_or("");
    assert!(
        gap.len() < 3,
        "{first:?} should be followed by {second:?}, found {gap:?}"
    );
}

#[test]
fn scrambled_essays_read_in_order() {
    // Lemon: line 1498 continues at 1671; 1755 continues at 1590.
    follows(
        "baku-dialogues-2021-02",
        "Turkmenistan-",
        "Afghanistan-Pakistan-India (TAPI)",
    );
    follows(
        "baku-dialogues-2021-02",
        "the $1 billion",
        "regional electricity scheme",
    );
    // Coyle opens with the blitzkrieg.
    let (i, _) = find("baku-dialogues-2021-03", "In a weeklong blitzkrieg").expect("Coyle opening");
    assert!(i <= 1, "Coyle's opening is passage {i}");
    // Lemon opens with the Tashkent conference.
    let (j, _) = find("baku-dialogues-2021-02", "Tashkent").expect("Lemon opening");
    assert_eq!(j, 0);
    // The interleaved title never cuts a sentence.
    assert!(doc_text("baku-dialogues-2021-01").contains("or, more bluntly, might"));
    assert!(doc_text("baku-dialogues-2021-09").contains("will return to previous levels"));
}

#[test]
fn letter_spacing_is_repaired() {
    let text = all_text();
    for bad in [
        "K a r a b a k h",
        "A f g h a n i s t a n",
        "aforement ioned",
        "Med i te r ranean",
        "h u m a n i t a r i a n",
    ] {
        assert!(!text.contains(bad), "{bad:?} left");
    }
    assert!(text.contains("Astara-Rasht"));
    // Ordinary words around a name the vocabulary does not know stay apart.
    assert!(text.contains("was founded in 2010 by Amriddin"));
    // No run-together words left by the cleaning (letters-only tokens of 30+ characters).
    let longest = text
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|t| t.chars().all(char::is_alphanumeric))
        .map(|t| t.chars().count())
        .max()
        .unwrap_or(0);
    assert!(longest < 30, "a {longest}-character token");
    assert!(text.contains("aforementioned"));
    assert!(text.contains("Mediterranean"));
}

#[test]
fn hyphens_are_decided_by_vocabulary() {
    let text = all_text();
    let vocab = Vocab::from_texts(embedded_sources().map(|(_, t)| t));
    for tok in text.split_whitespace() {
        let core = tok.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        let Some((a, b)) = core.split_once('-') else {
            continue;
        };
        if b.contains('-') || a.is_empty() || b.is_empty() {
            continue;
        }
        if !a.chars().all(char::is_lowercase) || !b.chars().all(char::is_lowercase) {
            continue;
        }
        let joined = format!("{a}{b}");
        let split_not_word = !vocab.is_word(a) || !vocab.is_word(b);
        assert!(
            !(vocab.in_word_list(&joined) && split_not_word && vocab.compound_count(core) < 2),
            "soft hyphen left: {core}"
        );
    }
    for joined in [
        "northsouth",
        "NagornoKarabakh",
        "BakuTbilisi",
        "hydrocarbondeposit",
        "naturalgas",
    ] {
        assert!(!text.contains(joined), "{joined} wrongly joined");
    }
    for good in [
        "independence",
        "repeatedly",
        "north-south corridor",
        "Nagorno-Karabakh",
        "Baku-Tbilisi-Kars",
        "operating",
    ] {
        assert!(text.contains(good), "{good} missing");
    }
    assert!(!text.contains("ope-rating"));
    assert!(!text.contains("inde-pendence"));
}

#[test]
fn source_spelling_errors_stay() {
    let text = all_text();
    assert!(text.contains("Charbahar"));
    assert!(text.contains("Nagorno-Karabkah"));
}

#[test]
fn no_long_sentence_repeats_within_a_document() {
    let c = corpus();
    for d in &c.documents {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for p in c.passages_of(&d.id) {
            for sentence in p.text.split_inclusive(['.', '?', '!']) {
                let words: Vec<String> = sentence
                    .split_whitespace()
                    .map(|w| {
                        w.trim_matches(|c: char| !c.is_alphanumeric())
                            .to_lowercase()
                    })
                    .filter(|w| !w.is_empty())
                    .collect();
                if words.len() < 8 {
                    continue;
                }
                let key = words.join(" ");
                if let Some(prev) = seen.insert(key.clone(), p.index) {
                    panic!(
                        "{}: sentence repeated (passages {prev} and {}): {key}",
                        d.id, p.index
                    );
                }
            }
        }
    }
}

#[test]
fn furniture_is_gone() {
    let text = all_text();
    for bad in [
        "  BD",
        " BD\n",
        "bakudialogues.ada.edu.az",
        "Vol. 5 | No. 1",
        "BAKU DIALOGUES",
        "110 111",
        "Newsletter",
        "Visit also",
        "Subscribe to Receive",
        "Image source",
        "UNICEF/Vincent",
        "mailing list",
        "Shaffer small",
        "Page last modified",
        "Learn mo re",
        "Executive Education",
    ] {
        assert!(!text.contains(bad), "{bad:?} left");
    }
    assert!(!text.ends_with(" BD"));
    assert!(
        !corpus()
            .passages
            .iter()
            .any(|p| p.text == "BD" || p.text.ends_with(" BD"))
    );
    let read_times = corpus()
        .passages
        .iter()
        .any(|p| p.text.starts_with("Read ") && p.text.contains(" times"));
    assert!(!read_times);
    // Orphan pull quotes dropped.
    assert!(!text.contains("requires a multi-layer, sequential policy approach"));
    assert!(!text.contains("represents major diplomatic failures for the West"));
}

#[test]
fn headings_are_kept() {
    let c = corpus();
    let headings: Vec<&str> = c
        .passages
        .iter()
        .filter_map(|p| p.heading.as_deref())
        .collect();
    for h in [
        "Key Players",
        "Wither Connectivity?",
        "Stability Prognosis?",
        "The Evolution of Humanitarian Mine Action",
        "3+3",
        "Looking to Moscow, Again",
        "Tehran has Motives to Preserve the Status Quo",
    ] {
        assert!(
            headings.contains(&h),
            "heading {h:?} missing; have {headings:?}"
        );
    }
    // A heading opens its passage and is not repeated as body text.
    assert!(!c.passages.iter().any(|p| p.text == "Key Players"));
}

/// The passage of `id` whose text starts with `opening`, if any.
fn passage_starting(id: &str, opening: &str) -> bool {
    corpus()
        .passages_of(id)
        .any(|p| p.text.starts_with(opening))
}

#[test]
fn journal_passages_are_printed_paragraphs() {
    // Paragraphs whose last line keeps the export's running-line trailing space: the break
    // is read from the gap after a finished sentence.
    for (id, opening) in [
        (
            "baku-dialogues-2021-01",
            "Against the greater noise of conflicts",
        ),
        ("baku-dialogues-2021-01", "Further, Russia regularly warns"),
        (
            "baku-dialogues-2021-01",
            "By contrast, while the United States",
        ),
        (
            "baku-dialogues-2021-06",
            "Russia’s second foreign policy approach",
        ),
        (
            "baku-dialogues-2021-06",
            "The 2008 war between Georgia and Russia",
        ),
        (
            "baku-dialogues-2021-06",
            "Going forward, Russia’s Karabakh policy",
        ),
    ] {
        assert!(
            passage_starting(id, opening),
            "{id}: no passage opens with {opening:?}"
        );
    }
    // Column and frame breaks inside a sentence are read through.
    for (id, inside) in [
        ("baku-dialogues-2021-01", "Soviet Socialist Republics awoke"),
        ("baku-dialogues-2021-01", "and crashed them into the iconic"),
        ("baku-dialogues-2021-01", "States, or even in Europe"),
    ] {
        assert!(
            !passage_starting(id, inside),
            "{id}: a passage opens mid-sentence: {inside:?}"
        );
    }
    // Ten essays, several hundred printed paragraphs: none starts in lower case.
    let journal: Vec<_> = corpus()
        .passages
        .iter()
        .filter(|p| p.document.starts_with("baku-dialogues"))
        .collect();
    assert!(
        journal.len() > 400,
        "only {} journal passages",
        journal.len()
    );
    for p in &journal {
        assert!(
            !p.text.starts_with(char::is_lowercase),
            "{} opens in lower case: {}",
            p.id,
            p.text.chars().take(60).collect::<String>()
        );
    }
}

#[test]
fn body_text_repeated_by_a_pull_quote_is_kept_once() {
    for (id, body) in [
        (
            "baku-dialogues-2021-06",
            "Going forward, Russia’s Karabakh policy will depend largely on how relations develop between Moscow and Baku",
        ),
        (
            "baku-dialogues-2021-04",
            "As is the case with the 1997 Anti-Personnel Mine Ban Convention, the Convention on Cluster Munitions requires",
        ),
        (
            "baku-dialogues-2021-01",
            "practice what Kazakhstan was the first to term a multi-vector foreign policy",
        ),
        (
            "baku-dialogues-2021-03",
            "upon which the Chinese can capitalize",
        ),
    ] {
        let text = doc_text(id);
        assert_eq!(text.matches(body).count(), 1, "{id}: {body:?}");
    }
}

/// `assets/words/places.txt` is made from the shipped geodata by `tools/place_words.py`: every
/// single word of a feature's name or demonyms that the English list lacks is in it (run the
/// script again after changing `geodata/`).
#[test]
fn the_place_words_cover_the_atlas_names() {
    let atlas = caspian_atlas::atlas::Atlas::load_embedded();
    let vocab = caspian_atlas::corpus::vocab::Vocab::new();
    let mut missing = Vec::new();
    for f in atlas.features() {
        for name in std::iter::once(&f.name).chain(&f.demonyms) {
            let tokens = name.split(|c: char| {
                c.is_whitespace()
                    || matches!(
                        c,
                        '-' | '\u{2010}'..='\u{2015}' | '/' | '(' | ')' | ',' | '.'
                    )
            });
            for tok in tokens {
                let tok = tok.trim_matches(['\'', '\u{2019}']);
                // (As the script: a word whose lower case is letters only; `İ` lower-cases
                // with a combining dot.)
                if tok.chars().count() >= 5
                    && tok.to_lowercase().chars().all(char::is_alphabetic)
                    && !vocab.in_word_list(tok)
                    && !vocab.is_place_word(tok)
                {
                    missing.push(format!("{} ({})", tok, f.id));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "{} atlas words missing from places.txt, e.g. {:?}",
        missing.len(),
        missing.iter().take(10).collect::<Vec<_>>()
    );
}
