//! Letter-spacing repair: justified PDF text often comes out as "K a r a b a k h",
//! "Med i te r ranean ." or "aforement ioned". Within a line, runs of tokens are regrouped
//! (dynamic programming) into the fewest words the vocabulary knows, merging only where a
//! fragment (a token that is no word on its own) proves the merge.

use std::borrow::Cow;

use crate::corpus::vocab::{Vocab, trim_punct};

/// Longest run of tokens merged into one word.
const MAX_GROUP: usize = 24;
/// Longest merged word, in bytes.
const MAX_WORD_BYTES: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A word on its own (or a number).
    Word,
    /// Not a word on its own: a letter-spacing fragment.
    Fragment,
    /// Punctuation only (`,` `.` `-` `—`).
    Punct,
}

fn classify(tok: &str, vocab: &Vocab) -> Class {
    let core = trim_punct(tok);
    if core.is_empty() {
        return Class::Punct;
    }
    if vocab.is_word(core) {
        Class::Word
    } else {
        Class::Fragment
    }
}

/// The tokens of a line, split on spaces, each with whether it is glued to the previous one.
/// An em-dash stays attached to its token but is a hard boundary for merging, so it is split
/// off as its own token, glued to the previous one.
fn tokens(line: &str) -> impl Iterator<Item = (&str, bool)> {
    // Looked for once per line: most lines have no em-dash.
    let dashes = line.contains('\u{2014}');
    super::split_spaces(line)
        .filter(|t| !t.is_empty())
        .flat_map(move |raw| {
            let mut rest = raw;
            let mut glued = false;
            std::iter::from_fn(move || {
                if rest.is_empty() {
                    return None;
                }
                let dash = '\u{2014}'.len_utf8();
                let found = if dashes { rest.find('\u{2014}') } else { None };
                let len = match found {
                    Some(0) => dash,
                    Some(pos) => pos,
                    None => rest.len(),
                };
                let (tok, tail) = rest.split_at(len);
                rest = tail;
                let item = (tok, glued);
                glued = true;
                Some(item)
            })
        })
}

/// Repairs letter-spaced words in one line. Lines without any fragment come back unchanged,
/// borrowed.
pub fn repair_line<'a>(line: &'a str, vocab: &Vocab) -> Cow<'a, str> {
    // Most lines have no fragment at all: settled before anything is built. Without an
    // em-dash the tokens are the pieces between spaces.
    let is_fragment = |t: &str| classify(t, vocab) == Class::Fragment;
    let first_fragment = if line.contains('\u{2014}') {
        tokens(line).position(|(t, _)| is_fragment(t))
    } else {
        super::split_spaces(line)
            .filter(|t| !t.is_empty())
            .position(is_fragment)
    };
    let Some(first_fragment) = first_fragment else {
        return Cow::Borrowed(line);
    };
    let (tokens, glued): (Vec<&str>, Vec<bool>) = tokens(line).unzip();
    let n = tokens.len();
    if n < 2 {
        return Cow::Borrowed(line);
    }
    // The tokens before the first fragment are known not to be fragments.
    let classes: Vec<Class> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| match i < first_fragment {
            true if trim_punct(t).is_empty() => Class::Punct,
            true => Class::Word,
            false => classify(t, vocab),
        })
        .collect();
    // best[i] = (cost, start of the last group) for the prefix tokens[..i].
    // Cost per group: 10 for a word, 11 for a known merge that absorbs a word token, 25 for
    // an unknown run of single letters, 100 for a fragment left alone.
    // Groups ending at `end` are tried from the shortest up, so that the first one too long
    // or crossing a hard boundary ends the search; on equal cost the earliest start wins.
    let inf = u32::MAX / 2;
    let mut best: Vec<(u32, usize)> = vec![(inf, 0); n + 1];
    if let Some(b) = best.get_mut(0) {
        *b = (0, 0);
    }
    let mut key = String::new();
    for end in 1..=n {
        let lo = end.saturating_sub(MAX_GROUP);
        let mut bytes = 0usize;
        for start in (lo..end).rev() {
            bytes += tokens.get(start).map_or(0, |t| t.len());
            let cost = if end - start == 1 {
                let c = classes.get(start).copied().unwrap_or(Class::Word);
                if c == Class::Fragment { 100 } else { 10 }
            } else {
                // No letter-spaced word is longer than this: longer windows are never merged.
                // An em-dash (a token of its own) is a hard boundary, except glued at the end
                // of the group, and tokens already glued (dash splits) are never re-merged
                // across.
                if bytes > MAX_WORD_BYTES
                    || tokens.get(start) == Some(&"\u{2014}")
                    || glued.get(start + 1).copied().unwrap_or(false)
                {
                    break;
                }
                match group_cost(&tokens, &classes, start, end, &mut key, vocab) {
                    Some(c) => c,
                    None => continue,
                }
            };
            let prev = best.get(start).map(|b| b.0).unwrap_or(inf);
            if prev >= inf {
                continue;
            }
            let total = prev + cost;
            if let Some(slot) = best.get_mut(end)
                && total <= slot.0
            {
                *slot = (total, start);
            }
        }
    }
    // Walk back the groups.
    let mut bounds = Vec::new();
    let mut end = n;
    while end > 0 {
        let start = best.get(end).map(|b| b.1).unwrap_or(0);
        bounds.push((start, end));
        if start >= end {
            break;
        }
        end = start;
    }
    bounds.reverse();
    let mut out = String::with_capacity(line.len());
    for (start, end) in bounds {
        let group = tokens.get(start..end).unwrap_or(&[]);
        if !out.is_empty() && !glued.get(start).copied().unwrap_or(false) {
            out.push(' ');
        }
        for t in group {
            out.push_str(t);
        }
    }
    Cow::Owned(out)
}

/// The cost of merging tokens[start..end] (within the length limit and no hard boundary
/// inside) into one word, or None when not allowed. `key` is a scratch buffer.
fn group_cost(
    tokens: &[&str],
    classes: &[Class],
    start: usize,
    end: usize,
    key: &mut String,
    vocab: &Vocab,
) -> Option<u32> {
    let group = tokens.get(start..end)?;
    let cls = classes.get(start..end)?;
    // A group must contain a fragment, and must not start with punctuation.
    if !cls.contains(&Class::Fragment) || cls.first() == Some(&Class::Punct) {
        return None;
    }
    // The lookup key: the concatenation without edge punctuation. Inner punctuation other
    // than hyphens and apostrophes splits words.
    key.clear();
    for t in group {
        key.push_str(t);
    }
    let key = trim_punct(key);
    // Only letters (and inner hyphens and apostrophes) make a word: never merge numbers.
    if key.is_empty()
        || key
            .chars()
            .any(|c| !(c.is_alphabetic() || c == '-' || c == '\'' || c == '\u{2019}'))
    {
        return None;
    }
    let known = if key.contains('-') {
        key.split('-')
            .all(|p| !p.is_empty() && vocab.is_word(p) && p.chars().count() >= 2)
    } else {
        vocab.is_word(key) && key.chars().count() >= 2
    };
    if known {
        let has_word_token = cls
            .iter()
            .zip(group)
            .any(|(c, t)| *c == Class::Word && trim_punct(t).chars().count() >= 2);
        return Some(if has_word_token { 11 } else { 10 });
    }
    // A run of four or more single letters is a letter-spaced word even when the vocabulary
    // does not know it (a rare name): merged, at a cost that lets known words win.
    let single_letters = group.len() >= 4
        && group.iter().enumerate().all(|(i, t)| {
            let core = trim_punct(t);
            core.chars().count() == 1 && core.chars().all(char::is_alphabetic)
                || (i + 1 == group.len() && core.is_empty())
        });
    (single_letters && !key.contains('-')).then_some(25)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocab {
        Vocab::from_texts([
            "Karabakh Karabakh Astara Astara Rasht Rasht Azerbaijanis Azerbaijanis de jure de facto",
        ])
    }

    #[test]
    fn fully_spaced_words_are_joined() {
        let v = vocab();
        assert_eq!(repair_line("K a r a b a k h", &v), "Karabakh");
        assert_eq!(repair_line("A f g h a n i s t a n . ", &v), "Afghanistan.");
        assert_eq!(repair_line("t h e  d i r e c t", &v), "the direct");
        assert_eq!(
            repair_line("A s t a r a - R a s h t - ", &v),
            "Astara-Rasht-"
        );
        assert_eq!(
            repair_line("A z e r b a i j a n i s '", &v),
            "Azerbaijanis'"
        );
    }

    #[test]
    fn partly_spaced_words_are_joined() {
        let v = vocab();
        assert_eq!(repair_line("Med i te r ranean . ", &v), "Mediterranean.");
        assert_eq!(
            repair_line("the aforement ioned Russian troops", &v),
            "the aforementioned Russian troops"
        );
        assert_eq!(repair_line("damage-contro l", &v), "damage-control");
        assert_eq!(repair_line("For  f re ight", &v), "For freight");
        assert_eq!(
            repair_line("c o mm a n d\u{2014} d e", &v),
            "command\u{2014} de"
        );
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        let v = vocab();
        let s = "a part of any one of the 15 Soviet republics, Qurghonteppa and Kulob";
        assert_eq!(repair_line(s, &v), s);
        let s = "was founded in 2010 by Amriddin in March 2014 in";
        assert_eq!(repair_line(s, &v), s);
        assert_eq!(repair_line("", &v), "");
        assert!(matches!(
            repair_line("the 15 Soviet republics", &v),
            Cow::Borrowed(_)
        ));
        assert!(matches!(repair_line("K a r a b a k h", &v), Cow::Owned(_)));
    }
}
