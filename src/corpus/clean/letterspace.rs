//! Letter-spacing repair: justified PDF text often comes out as "K a r a b a k h",
//! "Med i te r ranean ." or "aforement ioned". Within a line, runs of tokens are regrouped
//! (dynamic programming) into the fewest words the vocabulary knows, merging only where a
//! fragment (a token that is no word on its own) proves the merge.

use std::borrow::Cow;

use crate::corpus::vocab::{Asker, Vocab, trim_punct};

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

fn classify(tok: &str, ask: &mut Asker<'_>) -> Class {
    let core = trim_punct(tok);
    if core.is_empty() {
        return Class::Punct;
    }
    if ask.is_word(core) {
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
    // Every token of every line is asked about: the memo is taken once for the line.
    vocab.asking(|ask| repair_asking(line, ask))
}

fn repair_asking<'a>(line: &'a str, ask: &mut Asker<'_>) -> Cow<'a, str> {
    // Most lines have no fragment at all: settled before anything is built. Without an
    // em-dash the tokens are the pieces between spaces.
    let mut is_fragment = |t: &str| classify(t, ask) == Class::Fragment;
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
    // The tokens before the first fragment are known not to be fragments.
    let mut toks: Vec<Tok<'_>> = tokens(line)
        .enumerate()
        .map(|(i, (text, glued))| Tok {
            text,
            glued,
            class: match i < first_fragment {
                true if trim_punct(text).is_empty() => Class::Punct,
                true => Class::Word,
                false => classify(text, ask),
            },
            opens_group: false,
        })
        .collect();
    let n = toks.len();
    if n < 2 {
        return Cow::Borrowed(line);
    }
    // best[i] = (cost, start of the last group, the last fragment before i) for the prefix
    // toks[..i]. Cost per group: 10 for a word, 11 for a known merge that absorbs a word
    // token, 25 for an unknown run of single letters, 100 for a fragment left alone.
    // Groups ending at `end` are tried from the shortest up, so that the first one too long
    // or crossing a hard boundary ends the search; on equal cost the earliest start wins.
    // A group without a fragment is never merged, so only the starts at or before the last
    // fragment are priced.
    let inf = u32::MAX / 2;
    let mut best: Vec<Best> = Vec::with_capacity(n + 1);
    best.push(Best {
        cost: 0,
        start: 0,
        fragment: None,
    });
    // The tokens run together, and where each starts in it: a group's concatenation is a
    // slice of it.
    let mut joined = String::with_capacity(line.len());
    let mut offsets: Vec<usize> = Vec::with_capacity(n + 1);
    for t in &toks {
        offsets.push(joined.len());
        joined.push_str(t.text);
    }
    offsets.push(joined.len());
    let concat = |start: usize, end: usize| {
        let (a, b) = (offsets.get(start).copied(), offsets.get(end).copied());
        a.zip(b).and_then(|(a, b)| joined.get(a..b)).unwrap_or("")
    };
    for end in 1..=n {
        let fragment = match toks.get(end - 1) {
            Some(t) if t.class == Class::Fragment => Some(end - 1),
            _ => best.last().and_then(|b| b.fragment),
        };
        let mut here = Best {
            cost: inf,
            start: 0,
            fragment,
        };
        let lo = end.saturating_sub(MAX_GROUP);
        let mut bytes = 0usize;
        for start in (lo..end).rev() {
            bytes += toks.get(start).map_or(0, |t| t.text.len());
            let cost = if end - start == 1 {
                let c = toks.get(start).map_or(Class::Word, |t| t.class);
                if c == Class::Fragment { 100 } else { 10 }
            } else {
                // No letter-spaced word is longer than this: longer windows are never merged.
                // An em-dash (a token of its own) is a hard boundary, except glued at the end
                // of the group, and tokens already glued (dash splits) are never re-merged
                // across.
                if bytes > MAX_WORD_BYTES
                    || toks.get(start).is_some_and(|t| t.text == "\u{2014}")
                    || toks.get(start + 1).is_some_and(|t| t.glued)
                {
                    break;
                }
                if fragment.is_none_or(|f| start > f) {
                    continue;
                }
                match toks
                    .get(start..end)
                    .and_then(|group| group_cost(group, concat(start, end), ask))
                {
                    Some(c) => c,
                    None => continue,
                }
            };
            let prev = best.get(start).map_or(inf, |b| b.cost);
            if prev >= inf {
                continue;
            }
            let total = prev + cost;
            if total <= here.cost {
                here.cost = total;
                here.start = start;
            }
        }
        best.push(here);
    }
    // Walk back the groups, marking where each opens.
    let mut end = n;
    while end > 0 {
        let start = best.get(end).map_or(0, |b| b.start);
        if let Some(t) = toks.get_mut(start) {
            t.opens_group = true;
        }
        if start >= end {
            break;
        }
        end = start;
    }
    // Each token with the space the repaired line puts before it: before every group but the
    // first, unless glued.
    let pieces = toks.iter().enumerate().map(|(i, t)| {
        let space = i > 0 && t.opens_group && !t.glued;
        (if space { " " } else { "" }, t.text)
    });
    // Nothing merged (most lines with a fragment): the line comes back borrowed unless it
    // had runs of spaces, which the tokens joined again would not have.
    let rejoined: usize = pieces.clone().map(|(s, t)| s.len() + t.len()).sum();
    if rejoined == line.len() && toks.iter().all(|t| t.opens_group) {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(rejoined);
    for (space, text) in pieces {
        out.push_str(space);
        out.push_str(text);
    }
    Cow::Owned(out)
}

/// One token of a line being repaired.
struct Tok<'a> {
    text: &'a str,
    /// Glued to the token before (split off at an em-dash).
    glued: bool,
    class: Class,
    /// The first token of a group of the repaired line.
    opens_group: bool,
}

/// The best regrouping of a prefix of a line's tokens.
struct Best {
    cost: u32,
    /// Where its last group starts.
    start: usize,
    /// The last fragment token of the prefix.
    fragment: Option<usize>,
}

/// The cost of merging a group of tokens (holding a fragment, within the length limit and no
/// hard boundary inside) into one word, or None when not allowed. `concat` is the group's
/// tokens run together.
fn group_cost(group: &[Tok<'_>], concat: &str, ask: &mut Asker<'_>) -> Option<u32> {
    // A group must not start with punctuation.
    if group.first().map(|t| t.class) == Some(Class::Punct) {
        return None;
    }
    // The lookup key: the concatenation without edge punctuation. Inner punctuation other
    // than hyphens and apostrophes splits words.
    let key = trim_punct(concat);
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
            .all(|p| !p.is_empty() && ask.is_word(p) && p.chars().count() >= 2)
    } else {
        ask.is_word(key) && key.chars().count() >= 2
    };
    if known {
        let has_word_token = group
            .iter()
            .any(|t| t.class == Class::Word && trim_punct(t.text).chars().count() >= 2);
        return Some(if has_word_token { 11 } else { 10 });
    }
    // A run of four or more single letters is a letter-spaced word even when the vocabulary
    // does not know it (a rare name): merged, at a cost that lets known words win.
    let single_letters = group.len() >= 4
        && group.iter().enumerate().all(|(i, t)| {
            let core = trim_punct(t.text);
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
        // A fragment that merges with nothing: the line as it was, borrowed; its runs of
        // spaces (a column gap) closed up.
        let s = "the xqzt of \u{2014}Rasht\u{2014} de";
        assert!(matches!(repair_line(s, &v), Cow::Borrowed(x) if x == s));
        assert_eq!(repair_line("the  xqzt of", &v), "the xqzt of");
        assert!(matches!(repair_line("the  xqzt of", &v), Cow::Owned(_)));
    }
}
