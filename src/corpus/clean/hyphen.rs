//! De-hyphenation: deciding, from the vocabulary, whether a hyphen at a line break is a soft
//! (typesetting) hyphen to remove or part of a real compound to keep; and repairing stray
//! hyphens inside words ("ope-rating", "divi- dends") where the vocabulary proves it.

use std::borrow::Cow;

use crate::corpus::vocab::Vocab;

/// How to join a line that ends in a hyphen with the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// Soft hyphen: drop it and glue the halves (`inde-` + `pendence`).
    Glue,
    /// Real compound: keep the hyphen, no space (`north-` + `south`).
    KeepHyphen,
}

/// The letters just before a final hyphen (`"the inde"` → `"inde"`), and whether that
/// fragment is itself the tail of a hyphenated chain (`"Baku-Tbilisi"`).
fn left_fragment(before_hyphen: &str) -> &str {
    let trimmed = before_hyphen.trim_end();
    let start = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphabetic())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    trimmed.get(start..).unwrap_or("")
}

fn right_fragment(after: &str) -> &str {
    let trimmed = after.trim_start();
    let end = trimmed
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map(|(i, _)| i)
        .unwrap_or(trimmed.len());
    trimmed.get(..end).unwrap_or("")
}

/// The whole first whitespace-delimited token of `after`.
fn right_token(after: &str) -> &str {
    after.split_whitespace().next().unwrap_or("")
}

/// Decides the join for `left` ending in a hyphen (`before_hyphen` is the text before it)
/// followed by `after`. `spaced` is true when the hyphen was followed by a space (`repea- `).
pub fn decide(before_hyphen: &str, after: &str, vocab: &Vocab) -> Join {
    let left = left_fragment(before_hyphen);
    let right = right_fragment(after);
    if left.is_empty() || right.is_empty() {
        return Join::KeepHyphen;
    }
    if right.chars().next().is_some_and(char::is_uppercase) {
        return Join::KeepHyphen;
    }
    // `Mazar-` + `e-Sharif`: the right side continues a hyphenated proper-name chain.
    let rtok = right_token(after);
    if rtok.split('-').skip(1).any(|seg| {
        vocab_trim(seg)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }) {
        return Join::KeepHyphen;
    }
    let (joined, hyphenated) = join_both(left, right);
    let joined_printed = vocab.plain_count(&joined);
    if vocab.compound_count(&hyphenated) >= 1 && joined_printed == 0 {
        return Join::KeepHyphen;
    }
    if joined_printed >= 1 || vocab.is_word(&joined) || vocab.is_place_word(&joined) {
        return Join::Glue;
    }
    let left_word = left.chars().count() >= 2 && vocab.is_word(left);
    let right_word = right.chars().count() >= 2 && vocab.is_word(right);
    if left_word && right_word {
        return Join::KeepHyphen;
    }
    Join::Glue
}

/// `left` and `right` glued, and joined by a hyphen (without `format!`'s machinery: these are
/// built for every line-end hyphen and every hyphenated token).
fn join_both(left: &str, right: &str) -> (String, String) {
    let mut joined = String::with_capacity(left.len() + right.len());
    joined.push_str(left);
    joined.push_str(right);
    let mut hyphenated = String::with_capacity(joined.len() + 1);
    hyphenated.push_str(left);
    hyphenated.push('-');
    hyphenated.push_str(right);
    (joined, hyphenated)
}

fn vocab_trim(s: &str) -> &str {
    crate::corpus::vocab::trim_punct(s)
}

/// Repairs stray hyphens inside words within a line of running text: `ope-rating` →
/// `operating`, `divi- dends` → `dividends`, when the joined form is a word and the two
/// halves are not both words. Real compounds (`north-south`, `re-election`) are kept.
pub fn fix_inline<'a>(text: &'a str, vocab: &Vocab) -> Cow<'a, str> {
    // Only the tokens (between single spaces) with a hyphen can change: found by searching
    // for hyphens, the text between them copied as it is, and only once something changes.
    let mut out: Option<String> = None;
    // `text[..copied]` is in `out`; hyphens are searched for from `pos`.
    let (mut copied, mut pos) = (0, 0);
    let mut scratch = String::new();
    while let Some(at) = text.get(pos..).and_then(|rest| rest.find('-')) {
        let hyphen = pos + at;
        let start = text
            .get(..hyphen)
            .and_then(|t| t.rfind(' '))
            .map_or(0, |i| i + 1);
        let end = text
            .get(hyphen..)
            .and_then(|t| t.find(' '))
            .map_or(text.len(), |i| hyphen + i);
        let tok = text.get(start..end).unwrap_or("");
        // `divi- dends`: a token ending in a hyphen followed by a lower-case token.
        let next = (end < text.len()).then(|| {
            let rest = text.get(end + 1..).unwrap_or("");
            rest.get(..rest.find(' ').unwrap_or(rest.len()))
                .unwrap_or("")
        });
        scratch.clear();
        let mut consumed = end;
        match (tok.strip_suffix('-'), next) {
            (Some(stem), Some(next)) if joins(stem, next, vocab) => {
                scratch.push_str(stem);
                scratch.push_str(next);
                consumed = end + 1 + next.len();
            }
            _ => push_fixed_token(&mut scratch, tok, vocab),
        }
        if scratch != tok || consumed != end {
            let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
            o.push_str(text.get(copied..start).unwrap_or(""));
            o.push_str(&scratch);
            copied = consumed;
        }
        pos = consumed;
    }
    match out {
        Some(mut o) => {
            o.push_str(text.get(copied..).unwrap_or(""));
            Cow::Owned(o)
        }
        // Most hyphens are real: the text comes back borrowed when nothing was repaired.
        None => Cow::Borrowed(text),
    }
}

/// `stem` ends a word fragment, `next` starts with the rest: true when the vocabulary proves
/// that they are one word.
fn joins(stem: &str, next: &str, vocab: &Vocab) -> bool {
    let left = left_fragment(stem);
    let right = right_fragment(next);
    if left.is_empty() || right.is_empty() || stem.ends_with('-') {
        return false;
    }
    if !right.chars().next().is_some_and(char::is_lowercase) {
        return false;
    }
    // Only the last hyphen segment is the fragment (`Gorno-Auto` + `nomous`).
    proves_join(left, right, vocab)
}

fn proves_join(left: &str, right: &str, vocab: &Vocab) -> bool {
    let (joined, hyphenated) = join_both(left, right);
    if vocab.compound_count(&hyphenated) >= 2 {
        return false;
    }
    let joined_known = vocab.plain_count(&joined) >= 1
        || vocab.in_word_list(&joined)
        || vocab.is_place_word(&joined);
    if !joined_known {
        return false;
    }
    let left_word = left.chars().count() >= 2 && vocab.is_word(left);
    let right_word = right.chars().count() >= 2 && vocab.is_word(right);
    !(left_word && right_word)
}

/// Appends one token to `out`, repaired: each `a-b` junction between a letter fragment and a
/// lower-case fragment is joined when the vocabulary proves it.
fn push_fixed_token(out: &mut String, tok: &str, vocab: &Vocab) {
    // Tokens are short: a plain loop beats a call to `memchr`.
    if !tok.bytes().any(|b| b == b'-') || tok.starts_with('-') {
        out.push_str(tok);
        return;
    }
    let mut parts = tok.split('-');
    let mut prev = parts.next().unwrap_or("");
    out.push_str(prev);
    for part in parts {
        let left = left_fragment(prev);
        let right = right_fragment(part);
        let glue = !left.is_empty()
            && !right.is_empty()
            && right.chars().next().is_some_and(char::is_lowercase)
            && proves_join(left, right, vocab);
        if !glue {
            out.push('-');
        }
        out.push_str(part);
        prev = part;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocab {
        Vocab::from_texts(["The operating model, the Kars railway, Almaty and Almaty."])
    }

    #[test]
    fn soft_hyphens_are_glued() {
        let v = vocab();
        assert_eq!(
            decide("who had been agitating for inde", "pendence, were", &v),
            Join::Glue
        );
        assert_eq!(decide("and repea", "tedly said", &v), Join::Glue);
        assert_eq!(decide("in Al", "maty", &v), Join::Glue);
    }

    #[test]
    fn real_compounds_keep_their_hyphen() {
        let v = vocab();
        assert_eq!(
            decide("Thus, the north", "south corridor", &v),
            Join::KeepHyphen
        );
        assert_eq!(decide("a hydrocarbon", "deposit", &v), Join::KeepHyphen);
        assert_eq!(
            decide("the Nagorno", "Karabakh conflict", &v),
            Join::KeepHyphen
        );
        assert_eq!(decide("Baku-Tbilisi", "Kars railway", &v), Join::KeepHyphen);
        assert_eq!(
            decide("Termez-Mazar", "e-Sharif-Kabul line", &v),
            Join::KeepHyphen
        );
        assert_eq!(decide("the yet-to", "be-constructed", &v), Join::KeepHyphen);
    }

    #[test]
    fn corpus_compounds_win_over_guessing() {
        let v = Vocab::from_texts(["a multi-vector policy and a multi-vector stance"]);
        assert_eq!(decide("a multi", "vector policy", &v), Join::KeepHyphen);
    }

    #[test]
    fn stray_inline_hyphens_are_repaired_when_proven() {
        let v = vocab();
        assert_eq!(
            fix_inline("al-Qaeda ope-rating out of", &v),
            "al-Qaeda operating out of"
        );
        assert_eq!(
            fix_inline("to reap the divi- dends of", &v),
            "to reap the dividends of"
        );
        assert_eq!(fix_inline("a north-south route", &v), "a north-south route");
        assert_eq!(fix_inline("his re-election bid", &v), "his re-election bid");
        assert_eq!(fix_inline("pro- and anti-war", &v), "pro- and anti-war");
    }

    /// Token by token, as `fix_inline` worked before it searched for hyphens.
    fn fix_by_tokens(text: &str, vocab: &Vocab) -> String {
        let mut out = String::new();
        let mut tokens = text.split(' ').peekable();
        let mut first = true;
        while let Some(tok) = tokens.next() {
            if !first {
                out.push(' ');
            }
            first = false;
            if let (Some(stem), Some(next)) = (tok.strip_suffix('-'), tokens.peek())
                && joins(stem, next, vocab)
            {
                out.push_str(stem);
                out.push_str(next);
                tokens.next();
                continue;
            }
            push_fixed_token(&mut out, tok, vocab);
        }
        out
    }

    #[test]
    fn hyphen_search_repairs_as_the_token_walk_does() {
        let v = vocab();
        let pieces = [
            "divi-",
            "dends",
            "ope-rating",
            "north-south",
            "-",
            "--",
            "x-",
            "",
            "ope-",
            "op-e-",
            "rating-",
            "Al-",
            "maty",
            "pro-",
        ];
        // Every sequence of up to three pieces joined by single spaces.
        let texts = crate::testing::concatenations(&pieces, 3, " ");
        let mut repaired = 0;
        for t in &texts {
            for text in [t.as_str(), t.trim_start()] {
                let fixed = fix_inline(text, &v);
                assert_eq!(fixed, fix_by_tokens(text, &v), "{text:?}");
                repaired += usize::from(matches!(fixed, Cow::Owned(_)));
            }
        }
        assert!(repaired > 100, "{repaired}");
    }
}
