//! Merged-word repair: PDF exports sometimes lose the space between two words
//! ("sanctionsagainst", "ofAfghanistan"). A token that is no word of the vocabulary is split
//! where the split proves itself: at a lower-to-upper case boundary after a short word
//! ("of" + "Afghanistan"), or into two words one of which is an English function word.

use std::borrow::Cow;

use crate::corpus::vocab::{Asker, Vocab, trim_punct};

/// English closed-class words (articles, pronouns, prepositions, conjunctions, auxiliaries):
/// general grammar, not a list of corpus cases.
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "above", "after", "against", "all", "also", "among", "an", "and", "any", "are",
    "as", "at", "be", "been", "before", "being", "between", "both", "but", "by", "can", "could",
    "did", "do", "does", "during", "each", "either", "for", "from", "had", "has", "have", "he",
    "her", "his", "how", "if", "in", "into", "is", "it", "its", "may", "might", "more", "most",
    "must", "neither", "no", "nor", "not", "of", "on", "or", "our", "over", "shall", "she",
    "should", "since", "so", "some", "such", "than", "that", "the", "their", "them", "then",
    "there", "these", "they", "this", "those", "through", "to", "under", "until", "upon", "very",
    "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who", "whom",
    "whose", "why", "will", "with", "within", "without", "would", "you",
];

/// Prepositions that also open ordinary compounds ("abovementioned", "underway"): never
/// split off at the front of a word.
const COMPOUNDING: &[&str] = &[
    "about", "above", "after", "against", "among", "before", "between", "during", "into", "over",
    "since", "through", "under", "until", "upon", "with", "within", "without",
];

/// The length in bytes of the longest of [`FUNCTION_WORDS`].
const LONGEST_FUNCTION_WORD: usize = 7;

fn is_function_word(w: &str) -> bool {
    FUNCTION_WORDS.binary_search(&w).is_ok()
}

/// Splits merged words in a paragraph.
pub fn fix<'a>(text: &'a str, vocab: &Vocab) -> Cow<'a, str> {
    // Every long token is asked about: the memo is taken once for the paragraph.
    vocab.asking(|ask| fix_asking(text, ask))
}

fn fix_asking<'a>(text: &'a str, ask: &mut Asker<'_>) -> Cow<'a, str> {
    let mut out: Option<String> = None;
    for (i, tok) in super::split_spaces(text).enumerate() {
        let split = split_token(tok, ask);
        if out.is_none() && split.is_some() {
            // First change: copy the tokens before it.
            let mut s = String::with_capacity(text.len() + 8);
            for (j, prev) in super::split_spaces(text).take(i).enumerate() {
                if j > 0 {
                    s.push(' ');
                }
                s.push_str(prev);
            }
            out = Some(s);
        }
        if let Some(s) = out.as_mut() {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(split.as_deref().unwrap_or(tok));
        }
    }
    out.map_or(Cow::Borrowed(text), Cow::Owned)
}

fn split_token(tok: &str, ask: &mut Asker<'_>) -> Option<String> {
    let core = trim_punct(tok);
    // (Fewer than 5 bytes is fewer than 5 characters; in ASCII, bytes are characters.)
    let letters = if core.is_ascii() {
        core.len() >= 5 && core.bytes().all(|b| b.is_ascii_alphabetic())
    } else {
        core.chars().count() >= 5 && core.chars().all(char::is_alphabetic)
    };
    if core.len() < 5 || !letters {
        return None;
    }
    if ask.is_word(core) {
        return None;
    }
    let start = tok.find(core)?;
    let (pre, rest) = tok.split_at(start);
    let post = rest.get(core.len()..)?;
    let at = split_point(core, ask)?;
    let (a, b) = core.split_at(at);
    Some(format!("{pre}{a} {b}{post}"))
}

/// Where to split `core` (a byte offset), if a split proves itself.
fn split_point(core: &str, ask: &mut Asker<'_>) -> Option<usize> {
    // "ofAfghanistan": lower-case short word, then a capitalised known word.
    let mut prev_lower = false;
    for (i, c) in core.char_indices() {
        if c.is_uppercase() && prev_lower && i > 0 {
            let (a, b) = core.split_at(i);
            let a_lower = a.chars().all(char::is_lowercase);
            if a_lower && a.len() >= 2 && ask.vocab().in_word_list(a) && ask.is_word(b) {
                return Some(i);
            }
            return None;
        }
        prev_lower = c.is_lowercase();
    }
    if !core.chars().all(char::is_lowercase) {
        return None;
    }
    // "sanctionsagainst": two words, one of them a function word. Only split points with a
    // function word's length on one side can qualify, so only those are tried: the work is
    // bounded per token, however long the token (no character counting at every split point).
    let mut best: Option<(usize, usize)> = None;
    for (i, _) in core.char_indices().skip(2) {
        let (a, b) = core.split_at(i);
        if b.chars().nth(1).is_none() {
            break;
        }
        if a.len() > LONGEST_FUNCTION_WORD && b.len() > LONGEST_FUNCTION_WORD {
            continue;
        }
        let fa = is_function_word(a) && !COMPOUNDING.contains(&a);
        let fb = is_function_word(b);
        if !(fa || fb) {
            continue;
        }
        let other = if fa { b } else { a };
        if other.chars().count() >= 3 && ask.vocab().in_word_list(a) && ask.vocab().in_word_list(b)
        {
            let score = a.len().min(b.len());
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((i, score));
            }
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_are_sorted_for_binary_search() {
        let mut sorted = FUNCTION_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, FUNCTION_WORDS);
    }

    #[test]
    fn longest_function_word_is_right() {
        let longest = FUNCTION_WORDS.iter().map(|w| w.len()).max();
        assert_eq!(longest, Some(LONGEST_FUNCTION_WORD));
    }

    #[test]
    fn merged_words_are_split() {
        let v = Vocab::from_texts(["Afghanistan and Afghanistan"]);
        assert_eq!(
            fix("international sanctionsagainst Iran", &v),
            "international sanctions against Iran"
        );
        assert_eq!(
            fix("and itslimited influence", &v),
            "and its limited influence"
        );
        assert_eq!(fix("the war ofAfghanistan.", &v), "the war of Afghanistan.");
    }

    #[test]
    fn real_words_and_names_are_kept() {
        let v = Vocab::from_texts(["Qurghonteppa and Qurghonteppa"]);
        let s = "the counterbalance of Qurghonteppa, iPhone, McDonald, the abovementioned";
        assert_eq!(fix(s, &v), s);
    }
}
