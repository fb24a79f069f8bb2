//! Letter-spacing repair: justified PDF text often comes out as "K a r a b a k h",
//! "Med i te r ranean ." or "aforement ioned". Within a line, runs of tokens are regrouped
//! (dynamic programming) into the fewest words the vocabulary knows, merging only where a
//! fragment (a token that is no word on its own) proves the merge.

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

/// The lookup key of a merged group: the concatenation without edge punctuation.
fn key_of(group: &[&str]) -> String {
    let joined: String = group.concat();
    trim_punct(&joined).to_string()
}

/// Repairs letter-spaced words in one line. Lines without any fragment come back unchanged.
pub fn repair_line(line: &str, vocab: &Vocab) -> String {
    // Tokens split on spaces; an em-dash stays attached to its token but is a hard boundary
    // for merging, so split it off as its own token, glued to the previous one.
    let mut tokens: Vec<&str> = Vec::new();
    let mut glued: Vec<bool> = Vec::new();
    for raw in line.split(' ').filter(|t| !t.is_empty()) {
        let mut rest = raw;
        let mut first = true;
        while let Some(pos) = rest.find('\u{2014}') {
            let (a, b) = rest.split_at(pos);
            if !a.is_empty() {
                tokens.push(a);
                glued.push(!first);
                first = false;
            }
            let dash_len = '\u{2014}'.len_utf8();
            tokens.push(b.get(..dash_len).unwrap_or(""));
            glued.push(!first);
            first = false;
            rest = b.get(dash_len..).unwrap_or("");
        }
        if !rest.is_empty() {
            tokens.push(rest);
            glued.push(!first);
        }
    }
    let n = tokens.len();
    if n < 2 {
        return line.to_string();
    }
    let classes: Vec<Class> = tokens.iter().map(|t| classify(t, vocab)).collect();
    if !classes.contains(&Class::Fragment) {
        return line.to_string();
    }
    // best[i] = (cost, start of the last group) for the prefix tokens[..i].
    // Cost per group: 10 for a word, 11 for a known merge that absorbs a word token, 25 for
    // an unknown run of single letters, 100 for a fragment left alone.
    let inf = u32::MAX / 2;
    let mut best: Vec<(u32, usize)> = vec![(inf, 0); n + 1];
    if let Some(b) = best.get_mut(0) {
        *b = (0, 0);
    }
    for end in 1..=n {
        let lo = end.saturating_sub(MAX_GROUP);
        for start in lo..end {
            let prev = best.get(start).map(|b| b.0).unwrap_or(inf);
            if prev >= inf {
                continue;
            }
            let cost = if end - start == 1 {
                let c = classes.get(start).copied().unwrap_or(Class::Word);
                if c == Class::Fragment { 100 } else { 10 }
            } else {
                match group_cost(&tokens, &classes, &glued, start, end, vocab) {
                    Some(c) => c,
                    None => continue,
                }
            };
            let total = prev + cost;
            if let Some(slot) = best.get_mut(end)
                && total < slot.0
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
        out.push_str(&group.concat());
    }
    out
}

/// The cost of merging tokens[start..end] into one word, or None when not allowed.
fn group_cost(
    tokens: &[&str],
    classes: &[Class],
    glued: &[bool],
    start: usize,
    end: usize,
    vocab: &Vocab,
) -> Option<u32> {
    let group = tokens.get(start..end)?;
    // No letter-spaced word is longer than this: longer windows are never merged.
    if group.iter().map(|t| t.len()).sum::<usize>() > MAX_WORD_BYTES {
        return None;
    }
    let cls = classes.get(start..end)?;
    // An em-dash is a hard boundary, except glued at the end of the group.
    if group
        .iter()
        .enumerate()
        .any(|(i, t)| t.contains('\u{2014}') && i + 1 < group.len())
    {
        return None;
    }
    if glued.get(start + 1..end)?.iter().any(|g| *g) {
        // Tokens already glued (dash splits) are never re-merged across.
        return None;
    }
    // A group must contain a fragment, and must not start with punctuation.
    if !cls.contains(&Class::Fragment) || cls.first() == Some(&Class::Punct) {
        return None;
    }
    // Inner punctuation other than hyphens and apostrophes splits words.
    let key = key_of(group);
    // Only letters (and inner hyphens and apostrophes) make a word: never merge numbers.
    if key.is_empty()
        || key
            .chars()
            .any(|c| !(c.is_alphabetic() || c == '-' || c == '\'' || c == '\u{2019}'))
    {
        return None;
    }
    // A run of four or more single letters is a letter-spaced word even when the vocabulary
    // does not know it (a rare name): merged, at a cost that lets known words win.
    let single_letters = group.len() >= 4
        && group.iter().enumerate().all(|(i, t)| {
            let core = trim_punct(t);
            core.chars().count() == 1 && core.chars().all(char::is_alphabetic)
                || (i + 1 == group.len() && core.is_empty())
        });
    let known = if key.contains('-') {
        key.split('-')
            .all(|p| !p.is_empty() && vocab.is_word(p) && p.chars().count() >= 2)
    } else {
        vocab.is_word(&key) && key.chars().count() >= 2
    };
    let has_word_token = cls
        .iter()
        .zip(group)
        .any(|(c, t)| *c == Class::Word && trim_punct(t).chars().count() >= 2);
    if known {
        Some(if has_word_token { 11 } else { 10 })
    } else if single_letters && !key.contains('-') {
        Some(25)
    } else {
        None
    }
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
    }
}
