//! The vocabulary the cleaners decide with: the shipped English word list
//! (`assets/words/words.txt`, SCOWL via Debian `wamerican`) plus the corpus' own token counts.

use std::hash::Hasher;
use std::sync::OnceLock;

pub use super::wordmap::{WordBuildHasher, WordHasher};
use super::wordmap::{WordMap, pack, pack_bytes};

static WORDS_TXT: &str = include_str!("../../assets/words/words.txt");
/// The single words of the atlas's place names, aliases and demonyms that the English list
/// lacks (`tools/place_words.py`): "Ash-" / "gabat" joins as "inde-" / "pendence" does.
static PLACE_WORDS_TXT: &str = include_str!("../../assets/words/places.txt");

fn word_list() -> &'static WordMap<()> {
    static SET: OnceLock<WordMap<()>> = OnceLock::new();
    SET.get_or_init(|| word_set(WORDS_TXT))
}

/// The place words, kept apart from the English list: the linker asks whether a name is an
/// English word (then it must be capitalised and have evidence), and a place name is not one;
/// and only the joining of line-break hyphens takes them as evidence.
fn place_words() -> &'static WordMap<()> {
    static SET: OnceLock<WordMap<()>> = OnceLock::new();
    SET.get_or_init(|| word_set(PLACE_WORDS_TXT))
}

fn word_set(text: &str) -> WordMap<()> {
    let mut set = WordMap::default();
    for w in text.lines().map(str::trim).filter(|w| !w.is_empty()) {
        set.insert(w, ());
    }
    set
}

/// Counts the non-empty tokens of a line with `count`, but the first one when `skip_first`
/// and the last one when `broken` (the halves of a word hyphenated at a line break); false
/// when the line has no token.
fn count_kept<'a, T: AsRef<[u8]> + ?Sized + 'a>(
    tokens: impl Iterator<Item = &'a T>,
    skip_first: bool,
    broken: bool,
    mut count: impl FnMut(&T),
) -> bool {
    let mut tokens = tokens.filter(|t| !t.as_ref().is_empty());
    let Some(first) = tokens.next() else {
        return false;
    };
    // Each token is counted once the next one shows it is not the line's last.
    let mut pending = (!skip_first).then_some(first);
    for tok in tokens {
        if let Some(p) = pending {
            count(p);
        }
        pending = Some(tok);
    }
    if let Some(last) = pending
        && !broken
    {
        count(last);
    }
    true
}

/// Makes sure the shipped word list is parsed (it is parsed once, lazily).
pub fn warm_up() {
    let _ = word_list();
}

/// Word list + corpus counts. Keys are lower-case.
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    /// Tokens made of letters (and apostrophes) only, as printed in the corpus.
    plain: WordMap<u32>,
    /// Tokens with an internal hyphen between letters (`north-south`), as printed.
    compound: WordMap<u32>,
    /// Which contents these are, for the per-thread memo of [`Vocab::is_word`]: a fresh
    /// number whenever the counts change (0: not memoised).
    generation: u64,
    /// The length in bytes of the longest token in `plain`.
    longest: usize,
}

/// The last generation handed out to a vocabulary.
static GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn next_generation() -> u64 {
    GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1
}

/// Slots of a thread's memo (a power of two): a direct-mapped cache small enough to stay in
/// the core's cache, where a growing hash map of every token asked about did not.
const MEMO_SLOTS: usize = 1 << 15;

/// The bit of a memo slot that holds the answer: the high bit of the packed key's length
/// byte, which a length of at most 15 never sets. An empty slot, 0, is the answer for the
/// empty token, the one token that packs to 0.
const MEMO_ANSWER: u128 = 1 << 127;

std::thread_local! {
    /// Each cleaning thread's answers of [`Vocab::is_word`] for tokens of up to 15 bytes, as
    /// given (punctuation and case included), for the vocabulary of one generation: the
    /// cleaning stages ask again about the tokens an earlier stage asked about. A token
    /// whose slot another token took is decided afresh.
    static MEMO: std::cell::RefCell<(u64, Vec<u128>)> =
        const { std::cell::RefCell::new((0, Vec::new())) };
}

impl Vocab {
    /// An empty corpus vocabulary (the word list alone).
    pub fn new() -> Vocab {
        Vocab {
            generation: next_generation(),
            ..Vocab::default()
        }
    }

    /// Counts the tokens of a raw text into the corpus vocabulary.
    pub fn add_text(&mut self, text: &str) {
        self.generation = next_generation();
        // Room at once for the distinct words of a text this long (a piece of a corpus), up
        // to a bound: a long text repeats its words.
        self.plain.short.reserve((text.len() / 24).min(1 << 15));
        // The halves of a word hyphenated at a line break ("inde-" / "pendence") are not
        // words of the corpus: the last token of a line ending in a hyphen and the first
        // token of the line after it are skipped.
        let mut skip_first = false;
        // Split as the cleaner splits (a final empty line and a carriage return change
        // nothing here).
        for line in super::text::split_lines(text) {
            let trimmed = line.trim_end();
            let broken = trimmed.ends_with('-') && !trimmed.ends_with(" -");
            // ASCII lines are split and counted byte by byte.
            let had_tokens = if trimmed.is_ascii() {
                let tokens = trimmed
                    .as_bytes()
                    .split(|b| matches!(b, b' ' | b'\t'..=b'\r' | b'/'));
                count_kept(tokens, skip_first, broken, |t| self.add_ascii_token(t))
            } else {
                let tokens =
                    trimmed.split(|c: char| c.is_whitespace() || c == '\u{2014}' || c == '/');
                count_kept(tokens, skip_first, broken, |t| self.add_token(t))
            };
            if had_tokens {
                skip_first = broken;
            }
        }
    }

    /// [`Vocab::add_token`] of an ASCII token: a short word of letters (and apostrophes) is
    /// lower-cased straight into its packed key.
    fn add_ascii_token(&mut self, raw: &[u8]) {
        let start = raw.iter().position(u8::is_ascii_alphanumeric);
        let end = raw.iter().rposition(u8::is_ascii_alphanumeric);
        let (Some(start), Some(end)) = (start, end) else {
            return;
        };
        let Some(tok) = raw.get(start..=end) else {
            return;
        };
        if tok.len() < 2 {
            return;
        }
        if tok.iter().all(|b| b.is_ascii_alphabetic() || *b == b'\'')
            && let Some(key) = pack_bytes(tok, true)
        {
            *self.plain.short.entry(key).or_insert(0) += 1;
            self.longest = self.longest.max(tok.len());
            return;
        }
        if let Ok(tok) = std::str::from_utf8(tok) {
            self.add_token(tok);
        }
    }

    fn add_token(&mut self, raw: &str) {
        let tok = trim_punct(raw);
        if tok.chars().nth(1).is_none() {
            return;
        }
        let mut buf = [0u8; LOWER_BUF];
        let lower: std::borrow::Cow<'_, str> = if is_ascii_lower(tok) {
            std::borrow::Cow::Borrowed(tok)
        } else {
            match ascii_lower(tok, &mut buf) {
                Some(l) => std::borrow::Cow::Borrowed(l),
                None => std::borrow::Cow::Owned(tok.to_lowercase()),
            }
        };
        if lower
            .chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '\u{2019}')
        {
            match self.plain.get_mut(lower.as_ref()) {
                Some(n) => *n += 1,
                None => {
                    self.plain.insert(&lower, 1);
                    self.longest = self.longest.max(lower.len());
                }
            }
        } else if is_letter_compound(&lower) {
            match self.compound.get_mut(lower.as_ref()) {
                Some(n) => *n += 1,
                None => self.compound.insert(&lower, 1),
            }
        }
    }

    /// Builds the vocabulary of several texts.
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vocab {
        let texts: Vec<&str> = texts.into_iter().collect();
        Vocab::from_texts_with(&texts, |_| (), |_| ()).0
    }

    /// Builds the vocabulary of several texts and, in the same parallel pass over pieces of
    /// them, `side` of every piece; `gather` then takes those (per text, its pieces in order)
    /// while the counts are merged on another thread.
    pub fn from_texts_with<'a, P: Send, Q: Send>(
        texts: &[&'a str],
        side: impl Fn(&'a str) -> P + Sync,
        gather: impl FnOnce(Vec<Vec<P>>) -> Q + Send,
    ) -> (Vocab, Q) {
        // Counted in parallel over pieces of the texts, then merged: counts add up, and
        // pieces are cut only after a line that is not hyphen-broken, so every piece starts
        // as the whole text would at that line.
        let total: usize = texts.iter().map(|t| t.len()).sum();
        let target = (total / 8).max(16 * 1024);
        let pieces: Vec<(usize, &'a str)> = texts
            .iter()
            .enumerate()
            .flat_map(|(i, t)| pieces(t, target).into_iter().map(move |p| (i, p)))
            .collect();
        let counted = crate::par::map_largest_first(
            &pieces,
            |(_, p)| p.len(),
            |&(_, piece)| {
                let mut v = Vocab::new();
                v.add_text(piece);
                (v, side(piece))
            },
        );
        let mut sides: Vec<Vec<P>> = texts.iter().map(|_| Vec::new()).collect();
        let mut parts: Vec<Vocab> = Vec::with_capacity(counted.len());
        for (&(i, _), (part, extra)) in pieces.iter().zip(counted) {
            parts.push(part);
            if let Some(slot) = sides.get_mut(i) {
                slot.push(extra);
            }
        }
        crate::par::join(move || Vocab::merged(parts), move || gather(sides))
    }

    /// The counts of the parts added up. The largest part's counts are the base: the merge
    /// moves only the others' entries.
    fn merged(mut parts: Vec<Vocab>) -> Vocab {
        let largest = parts
            .iter()
            .enumerate()
            .max_by_key(|(_, p)| p.plain.len())
            .map(|(k, _)| k);
        let mut v = match largest {
            Some(k) => parts.swap_remove(k),
            None => Vocab::new(),
        };
        for part in parts {
            v.longest = v.longest.max(part.longest);
            v.plain.merge(part.plain, |a, b| *a += b);
            v.compound.merge(part.compound, |a, b| *a += b);
        }
        v.generation = next_generation();
        v
    }

    /// How often the corpus prints this token without a hyphen.
    pub fn plain_count(&self, w: &str) -> u32 {
        with_lower(w, |l| self.plain.get(l).copied().unwrap_or(0))
    }

    /// How often the corpus prints this hyphenated compound inside a line.
    pub fn compound_count(&self, w: &str) -> u32 {
        with_lower(w, |l| self.compound.get(l).copied().unwrap_or(0))
    }

    /// True when the shipped word list has the word, or a simple inflection of a word it has.
    pub fn in_word_list(&self, w: &str) -> bool {
        with_lower(w, in_word_list_lowered)
    }

    /// True when the word is one of the atlas's place words (`Ashgabat`, `Turkmen`, also with
    /// a possessive `'s`). Only the joining of words hyphenated at a line break asks: as
    /// evidence for letter-spacing or merged-word repair, town names such as Alucra would
    /// glue "a lucrative" together.
    pub fn is_place_word(&self, w: &str) -> bool {
        with_lower(w, |lowered| {
            let lower = trim_end_apostrophes(lowered);
            place_words().contains(possessive_stem(lower).unwrap_or(lower))
        })
    }

    /// A word: in the word list, or printed at least twice in the corpus.
    /// Hyphenated compounds are words when every part is.
    pub fn is_word(&self, w: &str) -> bool {
        self.asking(|ask| ask.is_word(w))
    }

    /// Runs `f` with an [`Asker`]: [`Vocab::is_word`] for many words in a row, with this
    /// thread's memo taken once rather than at every word.
    pub fn asking<R>(&self, f: impl FnOnce(&mut Asker<'_>) -> R) -> R {
        MEMO.with(|memo| {
            // No memo for an unmemoised vocabulary (generation 0), nor when asked from within
            // another asker's `f` (the memo is taken): answered afresh then.
            let mut taken = memo.try_borrow_mut().ok().filter(|_| self.generation != 0);
            let slots = taken.as_deref_mut().map(|(generation, slots)| {
                if *generation != self.generation || slots.len() != MEMO_SLOTS {
                    slots.clear();
                    slots.resize(MEMO_SLOTS, 0);
                    *generation = self.generation;
                }
                slots
            });
            f(&mut Asker { vocab: self, slots })
        })
    }

    fn is_word_uncached(&self, w: &str) -> bool {
        let w = trim_punct(w);
        if w.is_empty() {
            return false;
        }
        // One pass over the bytes for what the rules below look at.
        let (mut hyphen, mut digit, mut upper, mut ascii) = (false, false, false, true);
        for b in w.bytes() {
            hyphen |= b == b'-';
            digit |= b.is_ascii_digit();
            upper |= b.is_ascii_uppercase();
            ascii &= b.is_ascii();
        }
        if hyphen {
            return w
                .split('-')
                .all(|p| !p.is_empty() && self.is_word_uncached(p));
        }
        if digit {
            return true;
        }
        if w.chars().nth(1).is_none() {
            return matches!(w, "a" | "A" | "I");
        }
        // Longer than any token of the corpus and than any word-list word with a suffix or
        // possessive: no word (letter-spacing repair asks about many long concatenations).
        if ascii && w.len() > self.longest.max(word_list_longest() + 4) {
            return false;
        }
        // Corpus tokens first: the small map answers most tokens of the text itself.
        // A token printed once must be in the word list: asked only then (the memo of
        // `is_word` keeps the answer), not for every token while counting.
        let known = |l: &str| self.plain.get(l).is_some_and(|&n| n >= 2) || in_word_list_lowered(l);
        if ascii && !upper {
            known(w)
        } else {
            with_lower(w, known)
        }
    }
}

/// [`Vocab::is_word`] with this thread's memo in hand (see [`Vocab::asking`]).
pub struct Asker<'a> {
    vocab: &'a Vocab,
    /// The memo, for the vocabulary's generation; `None` when it cannot be used.
    slots: Option<&'a mut Vec<u128>>,
}

impl Asker<'_> {
    /// The vocabulary asked.
    pub fn vocab(&self) -> &Vocab {
        self.vocab
    }

    /// [`Vocab::is_word`].
    pub fn is_word(&mut self, w: &str) -> bool {
        let (Some(slots), Some(key)) = (self.slots.as_deref_mut(), pack(w)) else {
            return self.vocab.is_word_uncached(w);
        };
        let mut h = WordHasher::default();
        h.write_u128(key);
        let slot = (h.finish() as usize) & (MEMO_SLOTS - 1);
        match slots.get_mut(slot) {
            Some(entry) if *entry & !MEMO_ANSWER == key => *entry & MEMO_ANSWER != 0,
            Some(entry) => {
                let known = self.vocab.is_word_uncached(w);
                *entry = key | if known { MEMO_ANSWER } else { 0 };
                known
            }
            None => self.vocab.is_word_uncached(w),
        }
    }
}

/// The length in bytes of the longest word of the shipped word list: an inflection's suffix
/// (at most 4 bytes, as `-ness`) or a possessive (`’s`, 4 bytes) makes a known word at most 4
/// bytes longer.
fn word_list_longest() -> usize {
    static LONGEST: OnceLock<usize> = OnceLock::new();
    *LONGEST.get_or_init(|| WORDS_TXT.lines().map(|w| w.trim().len()).max().unwrap_or(0))
}

/// [`Vocab::in_word_list`] of an already lower-cased word.
fn in_word_list_lowered(lowered: &str) -> bool {
    let lower = trim_end_apostrophes(lowered);
    if lower.is_empty() {
        return false;
    }
    let set = word_list();
    if set.contains(lower) {
        return true;
    }
    if let Some(stem) = possessive_stem(lower) {
        return set.contains(stem);
    }
    any_inflection_stem(lower, |stem| stem.len() >= 3 && set.contains(stem))
}

/// The word without its possessive `'s` (or `’s`), if it has one.
fn possessive_stem(lower: &str) -> Option<&str> {
    lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix("\u{2019}s"))
}

/// Longest word lower-cased on the stack rather than in a new `String`.
const LOWER_BUF: usize = 64;

/// An ASCII word lower-cased into `buf`; `None` when the word is not ASCII or too long.
fn ascii_lower<'a>(w: &str, buf: &'a mut [u8; LOWER_BUF]) -> Option<&'a str> {
    if !w.is_ascii() {
        return None;
    }
    let dst = buf.get_mut(..w.len())?;
    dst.copy_from_slice(w.as_bytes());
    dst.make_ascii_lowercase();
    std::str::from_utf8(dst).ok()
}

/// ASCII without upper-case letters: its own lower case.
fn is_ascii_lower(w: &str) -> bool {
    w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase())
}

/// Calls `f` with the word lower-cased when it has upper-case letters (as it is otherwise),
/// without allocating for ASCII words.
fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    if is_ascii_lower(w) {
        return f(w);
    }
    if w.is_ascii() {
        let mut buf = [0u8; LOWER_BUF];
        if let Some(l) = ascii_lower(w, &mut buf) {
            return f(l);
        }
    }
    if w.chars().any(char::is_uppercase) {
        f(&w.to_lowercase())
    } else {
        f(w)
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
    // A stem with a letter put back ("making" → "make"), built on the stack.
    let mut buf = [0u8; LOWER_BUF];
    let mut with_letter = |stem: &str, letter: u8, f: &mut dyn FnMut(&str) -> bool| {
        let n = stem.len();
        match buf.get_mut(..=n) {
            Some(dst) => {
                let (head, tail) = dst.split_at_mut(n);
                head.copy_from_slice(stem.as_bytes());
                tail.fill(letter);
                std::str::from_utf8(dst).is_ok_and(f)
            }
            None => f(&format!("{stem}{}", char::from(letter))),
        }
    };
    for suf in ["ing", "ed", "er", "ly", "ness", "ment", "ist", "ism"] {
        if let Some(s) = w.strip_suffix(suf) {
            if f(s) {
                return true;
            }
            if with_letter(s, b'e', &mut f) {
                return true;
            }
        }
    }
    if let Some(s) = w.strip_suffix("ies")
        && with_letter(s, b'y', &mut f)
    {
        return true;
    }
    false
}

/// `text` cut into pieces of about `target` bytes, each cut right after a line break whose
/// last line with text does not end in a hyphen.
fn pieces(text: &str, target: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > target {
        let mut cut = None;
        let mut from = start + target;
        // Whether the last line with text before `from` ends in a hyphen, once known: after
        // the first line looked at, each further line is looked at once (looking back over
        // every blank line again was quadratic in a long run of them).
        let mut hyphen: Option<bool> = None;
        while let Some(rel) = text.get(from..).and_then(|t| t.find('\n')) {
            let at = from + rel;
            let line_start = match hyphen {
                Some(_) => from,
                None => text
                    .get(start..at)
                    .and_then(|b| b.rfind('\n'))
                    .map_or(start, |p| start + p + 1),
            };
            let line = text.get(line_start..at).unwrap_or("").trim_end();
            // The hyphen state carries over blank lines: the last line with text decides.
            let ends_hyphen = if !line.is_empty() {
                line.ends_with('-')
            } else {
                hyphen.unwrap_or_else(|| {
                    text.get(start..line_start)
                        .unwrap_or("")
                        .rsplit('\n')
                        .map(str::trim_end)
                        .find(|l| !l.is_empty())
                        .unwrap_or("")
                        .ends_with('-')
                })
            };
            if !ends_hyphen {
                cut = Some(at + 1);
                break;
            }
            hyphen = Some(true);
            from = at + 1;
        }
        let Some(cut) = cut else { break };
        if let Some(piece) = text.get(start..cut) {
            out.push(piece);
        }
        start = cut;
    }
    if let Some(rest) = text.get(start..)
        && !rest.is_empty()
    {
        out.push(rest);
    }
    out
}

fn is_letter_compound(w: &str) -> bool {
    w.contains('-')
        && w.split('-')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphabetic()))
}

/// Strips punctuation (quotes, brackets, commas…) from both ends of a token; keeps inner marks.
pub fn trim_punct(tok: &str) -> &str {
    // Most tokens start and end with an ASCII letter or digit: nothing to trim.
    let bytes = tok.as_bytes();
    if bytes.first().is_some_and(u8::is_ascii_alphanumeric)
        && bytes.last().is_some_and(u8::is_ascii_alphanumeric)
    {
        return tok;
    }
    // ASCII marks ("word," "(word") are trimmed byte by byte; only a token that still starts
    // or ends with a character of another script is trimmed char by char.
    let is_mark = |b: &u8| b.is_ascii() && !b.is_ascii_alphanumeric();
    let start = bytes
        .iter()
        .position(|b| !is_mark(b))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !is_mark(b))
        .map_or(start, |i| i + 1);
    // Both ends are next to ASCII bytes (or the ends of the token): char boundaries.
    let rest = tok.get(start..end).unwrap_or("");
    let rb = rest.as_bytes();
    if rb.first().is_none_or(u8::is_ascii) && rb.last().is_none_or(u8::is_ascii) {
        return rest;
    }
    rest.trim_matches(|c: char| !c.is_alphanumeric())
}

/// The word without the apostrophes, straight or curly, it ends with.
fn trim_end_apostrophes(w: &str) -> &str {
    // Most words end with a letter: nothing to trim.
    if w.as_bytes().last().is_some_and(u8::is_ascii_alphanumeric) {
        return w;
    }
    w.trim_end_matches(['\'', '\u{2019}'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_is_trimmed_as_by_chars_with_a_byte_fast_path() {
        let marks = [
            "",
            "(",
            ")",
            ",",
            ".",
            "\u{201c}",
            "\u{201d}",
            "\u{2014}",
            "«",
            "»",
            "'",
            "\u{2019}",
            "...",
            "\"(",
            ").\u{201d}",
        ];
        let cores = [
            "",
            "a",
            "Baku",
            "Qəbələ",
            "ə",
            "1990s",
            "x\u{2019}s",
            "Şəki",
            "naïve",
            "Baku's",
            "-",
            "\u{2014}",
        ];
        for pre in marks {
            for core in cores {
                for post in marks {
                    let tok = format!("{pre}{core}{post}");
                    let expected = tok.trim_matches(|c: char| !c.is_alphanumeric());
                    assert_eq!(trim_punct(&tok), expected, "{tok:?}");
                }
            }
        }
        for w in [
            "baku",
            "baku'",
            "baku\u{2019}",
            "baku'\u{2019}'",
            "'",
            "",
            "ə'",
            "x1",
        ] {
            assert_eq!(
                trim_end_apostrophes(w),
                w.trim_end_matches(['\'', '\u{2019}']),
                "{w:?}"
            );
        }
    }

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
    fn the_atlas_place_words_are_known_apart_from_english() {
        let v = Vocab::new();
        assert!(v.is_place_word("Turkmen"));
        assert!(v.is_place_word("Ashgabat's"));
        assert!(v.is_place_word("KASHAGAN"));
        assert!(!v.is_place_word("gabat"));
        assert!(!v.in_word_list("Ashgabat"));
        assert!(
            !v.is_word("Alucra"),
            "a town's name is no evidence for other repairs"
        );
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
    fn counting_in_pieces_equals_counting_whole() {
        let mut text = String::new();
        for i in 0..4000 {
            text.push_str(match i % 5 {
                0 => "the coopera-\n",
                1 => "\n",
                2 => "tion of Baku and Tbilisi north-south\n",
                3 => "words again and again -\n",
                _ => "inde-\npendence\n",
            });
        }
        let pieces = pieces(&text, 1000);
        assert!(pieces.len() > 10);
        assert_eq!(pieces.concat(), text);
        let mut whole = Vocab::new();
        whole.add_text(&text);
        let merged = Vocab::from_texts([text.as_str()]);
        for w in [
            "coopera",
            "tion",
            "cooperation",
            "baku",
            "again",
            "pendence",
            "inde",
            "words",
        ] {
            assert_eq!(merged.plain_count(w), whole.plain_count(w), "{w}");
        }
        assert_eq!(
            merged.compound_count("north-south"),
            whole.compound_count("north-south")
        );
        assert!(whole.plain_count("baku") > 0);
    }

    #[test]
    fn ascii_lines_are_counted_as_the_character_path_counts_them() {
        let lines = [
            "The the THE don't x/y 42 U.S. north-south Tbilisi's",
            "gas\tpipe\u{b}line /slash/ ok/fine, \"quoted\" (bracketed) inde-",
            "pendence and Baku's ab-cd-ef verylongwordofsixteen",
            "",
            "re-",
            "",
            "election held -",
        ];
        let ascii = Vocab::from_texts([lines.join("\n").as_str()]);
        // An em-dash opening each line sends it down the character path without adding a
        // token (the dash separates tokens there).
        let dashed: Vec<String> = lines.iter().map(|l| format!("\u{2014}{l}")).collect();
        let chars = Vocab::from_texts([dashed.join("\n").as_str()]);
        for w in [
            "the",
            "don't",
            "u.s",
            "tbilisi's",
            "slash",
            "ok",
            "quoted",
            "bracketed",
            "inde",
            "pendence",
            "baku's",
            "verylongwordofsixteen",
            "re",
            "election",
            "held",
            "gas",
            "pipe",
            "line",
            "fine",
        ] {
            assert_eq!(ascii.plain_count(w), chars.plain_count(w), "{w}");
        }
        for w in ["north-south", "ab-cd-ef", "re-election"] {
            assert_eq!(ascii.compound_count(w), chars.compound_count(w), "{w}");
        }
        assert_eq!(ascii.plain_count("the"), 3);
        assert_eq!(ascii.plain_count("pendence"), 0);
        assert_eq!(ascii.plain_count("election"), 0);
    }

    #[test]
    fn the_memo_forgets_answers_when_the_counts_change() {
        let mut v = Vocab::new();
        assert!(!v.is_word("Qurghonteppa,"));
        v.add_text(
            "Qurghonteppa and Qurghonteppa, Qurghonteppaneighbourhood Qurghonteppaneighbourhood",
        );
        assert!(
            v.is_word("Qurghonteppa,"),
            "the memo answered for the old counts"
        );
        let other = Vocab::new();
        assert!(
            !other.is_word("Qurghonteppa,"),
            "a memo shared between vocabularies"
        );
        // Long tokens are not memoised, and give the same answers.
        assert!(v.is_word("Qurghonteppaneighbourhood"));
        assert!(!v.is_word("Qurghonteppaneighbourhoodx"));
    }

    #[test]
    fn an_asker_answers_as_is_word_does_also_when_nested() {
        let v = Vocab::from_texts(["Qurghonteppa and Qurghonteppa, Vakhsh inde-\npendence"]);
        let words = [
            "Qurghonteppa",
            "Qurghonteppa,",
            "and",
            "Vakhsh",
            "inde",
            "pendence",
            "making",
            "studies",
            "xqzv",
            "",
        ];
        let expected: Vec<bool> = words.iter().map(|w| v.is_word_uncached(w)).collect();
        // Twice: the second time from the memo.
        for _ in 0..2 {
            let asked: Vec<bool> = v.asking(|ask| words.iter().map(|w| ask.is_word(w)).collect());
            assert_eq!(asked, expected);
        }
        // An asker inside another asker's scope cannot take the memo: it still answers.
        let nested: Vec<bool> = v.asking(|outer| {
            words
                .iter()
                .map(|w| outer.is_word(w) && v.asking(|inner| inner.is_word(w)))
                .collect()
        });
        assert_eq!(nested, expected);
        assert_eq!(
            expected,
            [
                true, true, true, false, false, false, true, true, false, false
            ]
        );
    }

    #[test]
    fn long_words_are_known_up_to_the_length_bound() {
        let long = "pneumonoultramicroscopicsilicovolcanoconiosis";
        let v = Vocab::from_texts([format!("The {long} and {long} again.").as_str()]);
        assert!(v.is_word(long));
        assert!(v.is_word(&format!("{long},")));
        assert!(!v.is_word(&format!("{long}x")));
        // Word-list words with the longest suffixes and possessives.
        assert_eq!(word_list_longest(), "electroencephalographs".len());
        let list_only = Vocab::new();
        assert!(list_only.is_word("electroencephalographing"));
        assert!(list_only.is_word("electroencephalographs\u{2019}s"));
        assert!(list_only.is_word("counterrevolutionariesness"));
        assert!(!list_only.is_word(long));
    }

    #[test]
    fn trims_punctuation() {
        assert_eq!(trim_punct("“Karabakh,”"), "Karabakh");
        assert_eq!(trim_punct("(TAPI)."), "TAPI");
        assert_eq!(trim_punct("—"), "");
        assert_eq!(trim_punct("a"), "a");
        assert_eq!(trim_punct("«Baku»"), "Baku");
        assert_eq!(trim_punct("Баку"), "Баку");
    }
}
