//! Page and web furniture: end marks ("BD"), page numbers, running heads, footer URLs and
//! the usual web-page debris (navigation, "Read N times", newsletter boxes, image credits).
//! Detection is general: end marks and running heads are found by repetition in the source.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::corpus::vocab::WordBuildHasher;

/// What [`Furniture::detect`] counts of a source's lines: counted over pieces of a text in
/// parallel (with the vocabulary, in the same pass) and merged, the counts of the whole.
#[derive(Debug, Default)]
pub struct FurnitureCounts<'a> {
    marks: HashMap<String, u32>,
    /// Keyed by the lines themselves while counting: only the repeated ones are copied.
    lines: HashMap<Cow<'a, str>, u32, WordBuildHasher>,
}

impl<'a> FurnitureCounts<'a> {
    /// Counts one line.
    pub fn count(&mut self, line: &'a str) {
        let t = super::trim(line);
        if t.is_empty() {
            return;
        }
        if let Some(m) = trailing_mark(line) {
            *self.marks.entry(m.to_string()).or_insert(0) += 1;
        }
        if is_repeat_candidate(t) {
            *self.lines.entry(super::collapse_ws_cow(t)).or_insert(0) += 1;
        }
    }

    /// Counts the lines of a piece of text (LF or CRLF, as [`super::raw_lines`] splits them).
    pub fn count_text(&mut self, text: &'a str) {
        // Nearly every line of a narrow column is counted: room for them at once (up to a
        // bound, for a long text of long lines).
        self.lines.reserve((text.len() / 32).min(1 << 15));
        for line in super::physical_lines(text) {
            self.count(line);
        }
    }

    /// Adds the counts of another piece.
    pub fn merge(&mut self, other: FurnitureCounts<'a>) {
        for (m, n) in other.marks {
            *self.marks.entry(m).or_insert(0) += n;
        }
        for (l, n) in other.lines {
            *self.lines.entry(l).or_insert(0) += n;
        }
    }

    /// The furniture these counts show, with the end marks an edition names.
    pub fn finish(&self, known_marks: &[String]) -> Furniture {
        let mut end_marks: Vec<String> = known_marks.to_vec();
        for (m, &n) in &self.marks {
            if n >= 2 && !end_marks.contains(m) {
                end_marks.push(m.clone());
            }
        }
        end_marks.sort();
        let repeated: HashMap<String, u32, WordBuildHasher> = self
            .lines
            .iter()
            .filter(|(_, n)| **n >= 3)
            .map(|(line, &n)| (line.to_string(), n))
            .collect();
        let mut sieve = vec![0u64; SIEVE_WORDS];
        for line in repeated.keys() {
            let slot = sieve_slot(line);
            if let Some(w) = sieve.get_mut(slot / 64) {
                *w |= 1 << (slot % 64);
            }
        }
        Furniture {
            end_marks,
            repeated,
            sieve,
            off: false,
        }
    }
}

/// What to strip from the lines of one source text.
#[derive(Debug, Clone, Default)]
pub struct Furniture {
    end_marks: Vec<String>,
    repeated: HashMap<String, u32, WordBuildHasher>,
    /// A bit for the length and end bytes of each repeated line ([`sieve_slot`]): a line
    /// whose bit is clear is not looked up (nearly every line of a narrow column is short
    /// enough to be a candidate).
    sieve: Vec<u64>,
    /// Strip nothing (a text that would lose all its lines as furniture is read whole).
    off: bool,
}

/// The words of [`Furniture`]'s sieve: 4,096 bits.
const SIEVE_WORDS: usize = 64;

/// The sieve bit of a collapsed line: its length, first and last byte, mixed.
fn sieve_slot(line: &str) -> usize {
    let b = line.as_bytes();
    let first = usize::from(b.first().copied().unwrap_or(0));
    let last = usize::from(b.last().copied().unwrap_or(0));
    (b.len().wrapping_mul(0x9e37) ^ (first << 5) ^ last.wrapping_mul(131)) % (SIEVE_WORDS * 64)
}

/// A (trimmed) line that may be a repeated running line: at most 8 words, not ending a
/// sentence.
fn is_repeat_candidate(t: &str) -> bool {
    !t.chars().last().is_some_and(is_terminal) && super::count_words(t, 9) <= 8
}

fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '"' | '\u{201d}' | '\u{2019}' | ')' | ':' | ';'
    )
}

/// A short all-caps logo token after two spaces at the end of a line (`…Region.  BD`).
fn trailing_mark(line: &str) -> Option<&str> {
    let t = line.trim_end();
    if !t.ends_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let pos = t.rfind("  ")?;
    let (before, mark) = t.split_at(pos);
    let mark = mark.trim();
    let ok = (1..=3).contains(&mark.len()) && mark.chars().all(|c| c.is_ascii_uppercase());
    let before = before.trim_end();
    (ok && before.chars().last().is_some_and(is_terminal)).then_some(mark)
}

fn is_mark_token(s: &str) -> bool {
    (1..=3).contains(&s.len()) && s.chars().all(|c| c.is_ascii_uppercase())
}

impl Furniture {
    /// Learns the furniture of a source from all its lines, plus end marks an edition names.
    pub fn detect<'a>(lines: impl IntoIterator<Item = &'a str>, known_marks: &[String]) -> Self {
        let mut counts = FurnitureCounts::default();
        for line in lines {
            counts.count(line);
        }
        counts.finish(known_marks)
    }

    /// Furniture that strips nothing: for a text whose every line looked like furniture
    /// ("Baku Baku"), which is then the only copy of its text and is kept.
    pub fn none() -> Self {
        Furniture {
            off: true,
            ..Furniture::default()
        }
    }

    /// The end marks in use.
    pub fn end_marks(&self) -> &[String] {
        &self.end_marks
    }

    /// Cleans one line: `None` drops it, `Some((text, ends_paragraph))` keeps it, with the
    /// end mark removed (a removed end mark ends the paragraph).
    pub fn strip(&self, line: &str) -> Option<(String, bool)> {
        self.strip_str(line)
            .map(|(text, cut_mark)| (text.to_string(), cut_mark))
    }

    /// [`Furniture::strip`] without copying: the kept text is a slice of `line`.
    pub fn strip_str<'a>(&self, line: &'a str) -> Option<(&'a str, bool)> {
        let t = super::trim(line);
        if t.is_empty() {
            return Some(("", false));
        }
        if self.off {
            return Some((line, false));
        }
        if self.end_marks.iter().any(|m| m == t) {
            return None;
        }
        if let Some(m) = trailing_mark(line)
            && self.end_marks.iter().any(|e| e == m)
        {
            let trimmed = line.trim_end();
            let cut = trimmed.len().saturating_sub(m.len());
            let kept = trimmed.get(..cut).unwrap_or("").trim_end();
            return Some((kept, true));
        }
        if is_page_number(t) || is_url_line(t) || is_running_head(t) || is_web_furniture(t) {
            return None;
        }
        // Only the lines `FurnitureCounts::count` counted can be remembered as repeated. The
        // sieve is asked before the words are counted: it turns nearly every line away (the
        // collapsed line has the words, and the last character, of the line itself).
        if !self.repeated.is_empty() {
            let key = super::collapse_ws_cow(t);
            let slot = sieve_slot(&key);
            if self
                .sieve
                .get(slot / 64)
                .is_some_and(|w| w & (1 << (slot % 64)) != 0)
                && is_repeat_candidate(t)
                && self.repeated.contains_key(key.as_ref())
            {
                return None;
            }
        }
        Some((line, false))
    }
}

/// `110 111`, `17`, `- 4 -`.
pub fn is_page_number(t: &str) -> bool {
    // Most lines open with a letter: no page number.
    let opening = t.trim_start().as_bytes().first();
    if !opening.is_some_and(|b| b.is_ascii_digit() || *b == b'-') {
        return false;
    }
    let mut n = 0usize;
    for x in t.split_whitespace().filter(|x| *x != "-") {
        n += 1;
        if n > 3 || x.len() > 4 || !x.chars().all(|c| c.is_ascii_digit()) {
            return false;
        }
    }
    n > 0
}

/// A line that is only an address: `bakudialogues.ada.edu.az`, `https://…`, `www.…`.
pub fn is_url_line(t: &str) -> bool {
    // Most lines have a space within their first few bytes: found without a `memchr` call.
    if t.bytes().any(|b| b == b' ') {
        return false;
    }
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.") {
        return true;
    }
    let labels: Vec<&str> = lower.trim_end_matches('/').split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '/' || c == '_')
        })
        && labels.last().is_some_and(|tld| {
            (2..=6).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_alphabetic())
        })
        && !is_mark_token(t)
}

/// `Vol. 5 | No. 1 | Fall 2021`, and two-page spreads that print a head twice
/// (`BAKU DIALOGUES BAKU DIALOGUES`).
pub fn is_running_head(t: &str) -> bool {
    if t.contains('|') && (t.contains("Vol.") || t.contains("No.") || t.contains("Issue")) {
        return true;
    }
    // A doubled head prints its first word again: most lines are settled without counting.
    // A line that ends a sentence is text, even printed twice ("… the coast. … the coast."):
    // it is never taken for a head.
    let t = super::trim(t);
    if t.chars().last().is_some_and(is_terminal) {
        return false;
    }
    let Some(first) = t.split_whitespace().next() else {
        return false;
    };
    if !t
        .get(first.len()..)
        .is_some_and(|rest| rest.contains(first))
    {
        return false;
    }
    // Split once (checking the line for Unicode spaces), walked three times.
    let words = super::words(t);
    let n = words.clone().count();
    if n >= 2 && n.is_multiple_of(2) {
        let mut first_half = words.clone().take(n / 2);
        if first_half.clone().eq(words.skip(n / 2))
            && first_half
                .by_ref()
                .flat_map(str::chars)
                .filter(|c| c.is_alphabetic())
                .count()
                >= 4
        {
            return true;
        }
    }
    false
}

/// Web-page debris: view counters, newsletter and subscription boxes, image credits,
/// breadcrumbs, "last modified" stamps, donation banners.
pub fn is_web_furniture(t: &str) -> bool {
    // Every rule on the lower-cased text needs it to start with one of these phrases: most
    // lines are settled without lower-casing them.
    const OPENINGS: &[&str] = &[
        "read ",
        "image ",
        "photo",
        "page last",
        "last modified",
        "subscribe",
        "sign up",
        "newsletter",
        "share this",
        "join the ",
    ];
    let may_match = match t.as_bytes().first() {
        Some(b) if b.is_ascii() => OPENINGS
            .iter()
            .filter(|o| o.as_bytes().first() == Some(&b.to_ascii_lowercase()))
            .any(|o| {
                let o = o.as_bytes();
                let reach = t.as_bytes().get(..o.len().min(t.len())).unwrap_or(&[]);
                if !reach.is_ascii() {
                    // A non-ASCII character within reach: only lower-casing tells.
                    true
                } else {
                    reach.len() == o.len() && reach.eq_ignore_ascii_case(o)
                }
            }),
        _ => !t.is_empty(),
    };
    // Every rule needs at most 14 words (lower-casing keeps the word count).
    if !may_match {
        return is_bullet_line(t, || t.split_whitespace().count());
    }
    if super::count_words(t, 15) > 14 {
        return false;
    }
    let lower = t.to_lowercase();
    let words = lower.split_whitespace().count();
    if lower.starts_with("read ") && lower.contains(" times") && words <= 12 {
        return lower
            .split_whitespace()
            .nth(1)
            .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit() || c == ','));
    }
    if words <= 14
        && (lower.starts_with("image source")
            || lower.starts_with("photo:")
            || lower.starts_with("photo credit")
            || lower.starts_with("image credit")
            || lower.starts_with("page last modified")
            || lower.starts_with("last modified")
            || lower.starts_with("subscribe")
            || lower.starts_with("sign up for")
            || lower == "newsletter"
            || lower.starts_with("share this")
            || lower.starts_with("join the ") && lower.contains("mailing list"))
    {
        return true;
    }
    is_bullet_line(t, || words)
}

/// Breadcrumb / navigation bullets: `• Home`.
fn is_bullet_line(t: &str, words: impl FnOnce() -> usize) -> bool {
    (t.starts_with('\u{2022}') || t.starts_with("* ")) && !t.ends_with('.') && words() <= 12
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_marks_are_learnt_by_repetition() {
        let lines = ["the end.  BD", "text", "more.  BD", "BD", "A.  US"];
        let f = Furniture::detect(lines, &[]);
        assert_eq!(f.end_marks(), ["BD".to_string()]);
        assert_eq!(f.strip("more.  BD"), Some(("more.".to_string(), true)));
        assert_eq!(f.strip("BD"), None);
        assert_eq!(f.strip("A.  US"), Some(("A.  US".to_string(), false)));
    }

    #[test]
    fn page_furniture_is_recognised() {
        assert!(is_page_number("110 111"));
        assert!(!is_page_number("1994 was a year"));
        assert!(is_url_line("bakudialogues.ada.edu.az"));
        assert!(is_url_line("https://example.org/a"));
        assert!(!is_url_line("e.g."));
        assert!(!is_url_line("U.S."));
        assert!(is_running_head(
            "Vol. 5 | No. 1 | Fall 2021 Vol. 5 | No. 1 | Fall 2021"
        ));
        assert!(is_running_head("BAKU DIALOGUES BAKU DIALOGUES"));
        assert!(!is_running_head("the the"));
        assert!(!is_running_head("Stronger Together"));
    }

    #[test]
    fn web_furniture_is_recognised() {
        assert!(is_web_furniture(
            "Read 9872 times Last modified on Monday, 08 May 2023"
        ));
        assert!(is_web_furniture("Newsletter"));
        assert!(is_web_furniture("Image source: azernews"));
        assert!(is_web_furniture("\u{2022} Home"));
        assert!(!is_web_furniture(
            "Read the treaty as written: it took two times longer."
        ));
    }

    #[test]
    fn counts_of_pieces_merge_to_the_counts_of_the_whole() {
        let text = "My Journal\r\nBody one.  BD\nMy Journal\nmore text\nBody two.  BD\n\
                    My Journal\nlast words\n";
        let whole = Furniture::detect(text.split('\n').map(|l| l.trim_end_matches('\r')), &[]);
        let cut = text.find("more").unwrap_or(0);
        let mut counts = FurnitureCounts::default();
        for piece in [&text[..cut], &text[cut..]] {
            let mut part = FurnitureCounts::default();
            part.count_text(piece);
            counts.merge(part);
        }
        let merged = counts.finish(&[]);
        assert_eq!(merged.end_marks(), whole.end_marks());
        assert_eq!(merged.end_marks(), ["BD".to_string()]);
        assert_eq!(merged.strip("My Journal"), None);
        assert_eq!(whole.strip("My Journal"), None);
        assert_eq!(merged.strip("last words"), whole.strip("last words"));
        assert!(merged.strip("last words").is_some());
        assert_eq!(counts.finish(&["XY".to_string()]).end_marks(), ["BD", "XY"]);
    }

    #[test]
    fn repeated_short_lines_are_running_heads() {
        let lines = [
            "My Journal",
            "Body text here.",
            "My Journal",
            "x.",
            "My Journal",
        ];
        let f = Furniture::detect(lines, &[]);
        assert_eq!(f.strip("My Journal"), None);
        assert!(f.strip("Body text here.").is_some());
    }
}
