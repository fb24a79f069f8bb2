//! The vocabulary the cleaners decide with: the shipped English word list
//! (`assets/words/words.txt`, SCOWL via Debian `wamerican`) plus the corpus' own token counts.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// A small, fast, non-cryptographic hasher (FNV-style on 8-byte words) for the vocabulary's
/// string keys: the vocabulary is looked up for every token, and SipHash dominated.
#[derive(Debug, Default, Clone, Copy)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
        self.0 = h;
    }

    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write_usize(&mut self, i: usize) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Build-hasher of [`WordHasher`].
pub type WordBuildHasher = BuildHasherDefault<WordHasher>;

static WORDS_TXT: &str = include_str!("../../assets/words/words.txt");

fn word_list() -> &'static HashSet<&'static str, WordBuildHasher> {
    static SET: OnceLock<HashSet<&'static str, WordBuildHasher>> = OnceLock::new();
    SET.get_or_init(|| {
        WORDS_TXT
            .lines()
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .collect()
    })
}

/// Makes sure the shipped word list is parsed (it is parsed once, lazily).
pub fn warm_up() {
    let _ = word_list();
}

/// Word list + corpus counts. Keys are lower-case.
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    /// Tokens made of letters (and apostrophes) only, as printed in the corpus.
    plain: HashMap<String, u32, WordBuildHasher>,
    /// Tokens with an internal hyphen between letters (`north-south`), as printed.
    compound: HashMap<String, u32, WordBuildHasher>,
}

impl Vocab {
    /// An empty corpus vocabulary (the word list alone).
    pub fn new() -> Vocab {
        Vocab::default()
    }

    /// Counts the tokens of a raw text into the corpus vocabulary.
    pub fn add_text(&mut self, text: &str) {
        // The halves of a word hyphenated at a line break ("inde-" / "pendence") are not
        // words of the corpus: the last token of a line ending in a hyphen and the first
        // token of the line after it are skipped.
        let mut skip_first = false;
        for line in text.lines() {
            let trimmed = line.trim_end();
            let broken = trimmed.ends_with('-') && !trimmed.ends_with(" -");
            let tokens: Vec<&str> = trimmed
                .split(|c: char| c.is_whitespace() || c == '\u{2014}' || c == '/')
                .filter(|t| !t.is_empty())
                .collect();
            if tokens.is_empty() {
                continue;
            }
            let n = tokens.len();
            for (i, raw) in tokens.iter().enumerate() {
                if (i == 0 && skip_first) || (i + 1 == n && broken) {
                    continue;
                }
                self.add_token(raw);
            }
            skip_first = broken;
        }
    }

    fn add_token(&mut self, raw: &str) {
        let tok = trim_punct(raw);
        if tok.chars().count() < 2 {
            return;
        }
        let lower = tok.to_lowercase();
        if lower
            .chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '\u{2019}')
        {
            *self.plain.entry(lower).or_insert(0) += 1;
        } else if is_letter_compound(&lower) {
            *self.compound.entry(lower).or_insert(0) += 1;
        }
    }

    /// Builds the vocabulary of several texts.
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vocab {
        let mut v = Vocab::new();
        for t in texts {
            v.add_text(t);
        }
        v
    }

    /// How often the corpus prints this token without a hyphen.
    pub fn plain_count(&self, w: &str) -> u32 {
        self.plain.get(lower(w).as_ref()).copied().unwrap_or(0)
    }

    /// How often the corpus prints this hyphenated compound inside a line.
    pub fn compound_count(&self, w: &str) -> u32 {
        self.compound.get(lower(w).as_ref()).copied().unwrap_or(0)
    }

    /// True when the shipped word list has the word, or a simple inflection of a word it has.
    pub fn in_word_list(&self, w: &str) -> bool {
        in_word_list_lowered(&lower(w))
    }

    /// A word: in the word list, or printed at least twice in the corpus.
    /// Hyphenated compounds are words when every part is.
    pub fn is_word(&self, w: &str) -> bool {
        let w = trim_punct(w);
        if w.is_empty() {
            return false;
        }
        if w.contains('-') {
            return w.split('-').all(|p| !p.is_empty() && self.is_word(p));
        }
        if w.chars().any(|c| c.is_ascii_digit()) {
            return true;
        }
        if w.chars().count() == 1 {
            return matches!(w, "a" | "A" | "I");
        }
        // Corpus counts first: the small map answers most tokens of the text itself.
        let lowered = lower(w);
        self.plain.get(lowered.as_ref()).is_some_and(|&n| n >= 2) || in_word_list_lowered(&lowered)
    }
}

/// [`Vocab::in_word_list`] of an already lower-cased word.
fn in_word_list_lowered(lowered: &str) -> bool {
    let lower = lowered.trim_end_matches(['\'', '\u{2019}']);
    if lower.is_empty() {
        return false;
    }
    let set = word_list();
    if set.contains(lower) {
        return true;
    }
    let possessive = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix("\u{2019}s"));
    if let Some(stem) = possessive {
        return set.contains(stem);
    }
    any_inflection_stem(lower, |stem| stem.len() >= 3 && set.contains(stem))
}

/// Lower-cases only when needed.
fn lower(w: &str) -> std::borrow::Cow<'_, str> {
    if w.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(w.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(w)
    }
}

/// True when `f` holds for one of the candidate stems of an inflected form
/// (`forwarders` → `forwarder`, `forward`). Stems are built in one reused buffer.
fn any_inflection_stem(w: &str, mut f: impl FnMut(&str) -> bool) -> bool {
    if let Some(s) = w.strip_suffix('s') {
        if f(s) {
            return true;
        }
        if let Some(s2) = s.strip_suffix("er")
            && f(s2)
        {
            return true;
        }
        if let Some(s2) = s.strip_suffix('e')
            && f(s2)
        {
            return true;
        }
    }
    let mut buf = String::new();
    for suf in ["ing", "ed", "er", "ly", "ness", "ment", "ist", "ism"] {
        if let Some(s) = w.strip_suffix(suf) {
            if f(s) {
                return true;
            }
            buf.clear();
            buf.push_str(s);
            buf.push('e');
            if f(&buf) {
                return true;
            }
        }
    }
    if let Some(s) = w.strip_suffix("ies") {
        buf.clear();
        buf.push_str(s);
        buf.push('y');
        if f(&buf) {
            return true;
        }
    }
    false
}

fn is_letter_compound(w: &str) -> bool {
    let parts: Vec<&str> = w.split('-').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphabetic()))
}

/// Strips punctuation (quotes, brackets, commas…) from both ends of a token; keeps inner marks.
pub fn trim_punct(tok: &str) -> &str {
    tok.trim_matches(|c: char| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_list_knows_common_words_and_inflections() {
        let v = Vocab::new();
        assert!(v.is_word("independence"));
        assert!(v.is_word("Repeatedly"));
        assert!(v.is_word("forwarders"));
        assert!(!v.is_word("inde"));
        assert!(!v.is_word("pendence"));
        assert!(v.is_word("north-south"));
        assert!(!v.is_word("northsouth"));
    }

    #[test]
    fn corpus_counts_make_names_words() {
        let v = Vocab::from_texts(["Qurghonteppa and Qurghonteppa, north-south ope-rating"]);
        assert!(v.is_word("qurghonteppa"));
        assert_eq!(v.compound_count("north-south"), 1);
        assert_eq!(v.plain_count("and"), 1);
        assert!(!v.is_word("xqzv"));
    }

    #[test]
    fn line_break_fragments_are_not_vocabulary() {
        let v = Vocab::from_texts([
            "a more coopera-\ntional format and na-\ntional interna-\ntional coopera-\ntion",
        ]);
        assert_eq!(v.plain_count("coopera"), 0);
        assert_eq!(v.plain_count("tional"), 0);
        assert_eq!(v.plain_count("format"), 1);
    }

    #[test]
    fn trims_punctuation() {
        assert_eq!(trim_punct("“Karabakh,”"), "Karabakh");
        assert_eq!(trim_punct("(TAPI)."), "TAPI");
        assert_eq!(trim_punct("—"), "");
    }
}
