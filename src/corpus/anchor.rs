//! Text anchors for highlights and notes: the quoted words with some context on each side, so a
//! highlight finds its words again after a document is re-cleaned or re-split (the W3C Web
//! Annotation "text quote selector" idea), or says it can no longer be placed.

use serde::{Deserialize, Serialize};

/// How many characters of context are kept on each side of the quote.
pub const CONTEXT_CHARS: usize = 32;

/// A span of a passage, remembered by its words rather than its offsets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// The quoted text.
    pub quote: String,
    /// Up to [`CONTEXT_CHARS`] characters before it.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters after it.
    pub suffix: String,
    /// Where the quote started when it was made (a hint among several occurrences).
    pub start: usize,
}

/// Where an anchor was found again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// The quote, with its context, where it was.
    Exact(usize, usize),
    /// The quote was found, but its context or place changed.
    Moved(usize, usize),
}

impl Placement {
    pub fn span(self) -> (usize, usize) {
        match self {
            Placement::Exact(s, e) | Placement::Moved(s, e) => (s, e),
        }
    }
}

impl Anchor {
    /// Anchor the byte span `start..end` of `text`; `None` if it is empty or not on char
    /// boundaries.
    pub fn capture(text: &str, start: usize, end: usize) -> Option<Anchor> {
        let quote = text.get(start..end)?;
        if quote.trim().is_empty() {
            return None;
        }
        let before = text.get(..start)?;
        let after = text.get(end..)?;
        let prefix_start = before
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(i, _)| i);
        let suffix_end = after
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(after.len(), |(i, _)| i);
        Some(Anchor {
            quote: quote.to_string(),
            prefix: before.get(prefix_start..)?.to_string(),
            suffix: after.get(..suffix_end)?.to_string(),
            start,
        })
    }

    /// Find the anchor in `text`: the occurrence of the quote whose context matches best (ties
    /// go to the one nearest the remembered start); then the quote with white space compared
    /// loosely. `None` when the words are gone.
    pub fn locate(&self, text: &str) -> Option<Placement> {
        if self.quote.is_empty() {
            return None;
        }
        let mut best: Option<(usize, usize, usize)> = None; // (score, distance, start)
        for (s, _) in text.match_indices(self.quote.as_str()) {
            let e = s + self.quote.len();
            let score = common_suffix(text.get(..s).unwrap_or(""), &self.prefix)
                + common_prefix(text.get(e..).unwrap_or(""), &self.suffix);
            let distance = s.abs_diff(self.start);
            let better = match best {
                None => true,
                Some((bs, bd, _)) => score > bs || (score == bs && distance < bd),
            };
            if better {
                best = Some((score, distance, s));
            }
        }
        if let Some((score, _, s)) = best {
            let e = s + self.quote.len();
            let full = self.prefix.chars().count() + self.suffix.chars().count();
            return Some(if score == full && s == self.start {
                Placement::Exact(s, e)
            } else {
                Placement::Moved(s, e)
            });
        }
        loose_find(text, &self.quote).map(|(s, e)| Placement::Moved(s, e))
    }
}

/// Characters `a` ends with that `b` also ends with.
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Characters `a` starts with that `b` also starts with.
fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// `quote` in `text` with every run of white space (and soft hyphen) matching any other run:
/// a re-cleaned text may join lines or hyphenated words differently.
fn loose_find(text: &str, quote: &str) -> Option<(usize, usize)> {
    let words: Vec<&str> = quote.split_whitespace().collect();
    let first = words.first()?;
    for (s, _) in text.match_indices(first) {
        let mut at = s + first.len();
        let mut ok = true;
        for w in words.iter().skip(1) {
            let rest = text.get(at..).unwrap_or("");
            let gap = rest.len() - rest.trim_start().len();
            if gap == 0 || !rest.trim_start().starts_with(w) {
                ok = false;
                break;
            }
            at += gap + w.len();
        }
        if ok {
            return Some((s, at));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "The corridor through Syunik links Nakhchivan to Azerbaijan. \
                        Nakhchivan is an exclave; Nakhchivan city is its capital.";

    fn span_of(text: &str, needle: &str, nth: usize) -> (usize, usize) {
        let Some((s, _)) = text.match_indices(needle).nth(nth) else {
            panic!("{needle:?} #{nth} not in the text");
        };
        (s, s + needle.len())
    }

    #[test]
    fn an_anchor_finds_its_own_occurrence_among_several() {
        let (s, e) = span_of(TEXT, "Nakhchivan", 2);
        let Some(a) = Anchor::capture(TEXT, s, e) else {
            panic!("capture");
        };
        assert_eq!(a.locate(TEXT), Some(Placement::Exact(s, e)));
    }

    #[test]
    fn an_anchor_follows_its_words_when_text_is_added_before() {
        let (s, e) = span_of(TEXT, "Nakhchivan", 1);
        let Some(a) = Anchor::capture(TEXT, s, e) else {
            panic!("capture");
        };
        let edited = format!("A new opening sentence. {TEXT}");
        let shift = "A new opening sentence. ".len();
        assert_eq!(
            a.locate(&edited),
            Some(Placement::Moved(s + shift, e + shift))
        );
    }

    #[test]
    fn context_beats_distance() {
        // The second occurrence is nearer the old start, but the first has the context.
        let (s, e) = span_of(TEXT, "Nakhchivan", 2);
        let Some(mut a) = Anchor::capture(TEXT, s, e) else {
            panic!("capture");
        };
        a.start = 0;
        assert_eq!(a.locate(TEXT).map(Placement::span), Some((s, e)));
    }

    #[test]
    fn rejoined_lines_are_found_loosely_and_gone_words_are_not() {
        let text = "links Nakhchivan\nto Azerbaijan";
        let Some(a) = Anchor::capture(text, 6, text.len()) else {
            panic!("capture");
        };
        let rejoined = "It links Nakhchivan to  Azerbaijan today";
        assert_eq!(
            a.locate(rejoined).map(Placement::span),
            Some((9, 9 + "Nakhchivan to  Azerbaijan".len()))
        );
        assert_eq!(a.locate("Nothing of the kind here."), None);
    }

    #[test]
    fn empty_or_broken_spans_are_not_anchors() {
        assert!(Anchor::capture(TEXT, 3, 3).is_none());
        assert!(
            Anchor::capture("Ərdəbil", 1, 3).is_none(),
            "not a char boundary"
        );
        assert!(Anchor::capture(TEXT, 0, TEXT.len() + 1).is_none());
    }
}
