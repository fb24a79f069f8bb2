//! The cleaning pipeline for one document's lines: furniture → letter-spacing → pull quotes →
//! paragraphs (with de-hyphenation) → stray hyphens → merged words → headings. Works on any PDF or web text
//! export; the edition file only chooses which lines form a document and in what order.

pub mod furniture;
pub mod hyphen;
pub mod letterspace;
pub mod merged;
pub mod paragraphs;
pub mod pullquote;

use std::borrow::Cow;

use crate::corpus::text::{is_blank, physical_lines, split_spaces, trim};
use crate::corpus::vocab::Vocab;
use furniture::Furniture;
use paragraphs::{Line, Para, Section};

/// A source line as printed, with its physical line number (1-based).
#[derive(Debug, Clone, Copy)]
pub struct RawLine<'a> {
    pub no: usize,
    pub text: &'a str,
    /// The line opens a block of the reading order (a reordered page block).
    pub starts_block: bool,
}

/// Splits a text into physical lines (LF or CRLF), numbered from 1.
pub fn raw_lines(text: &str) -> Vec<RawLine<'_>> {
    physical_lines(text)
        .enumerate()
        .map(|(i, text)| RawLine {
            no: i + 1,
            text,
            starts_block: false,
        })
        .collect()
}

/// Replaces exotic spaces, drops soft hyphens (U+00AD) and other invisible characters, and
/// spells out the Latin ligatures of PDF fonts (`ﬁ` → `fi`).
pub fn normalise_spaces(s: &str) -> String {
    normalise_spaces_cow(s).into_owned()
}

/// The letters a presentation-form ligature stands for (U+FB00–U+FB06).
fn ligature(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{fb00}' => "ff",
        '\u{fb01}' => "fi",
        '\u{fb02}' => "fl",
        '\u{fb03}' => "ffi",
        '\u{fb04}' => "ffl",
        '\u{fb05}' | '\u{fb06}' => "st",
        _ => return None,
    })
}

/// [`normalise_spaces`], borrowing the text when there is nothing to replace.
fn normalise_spaces_cow(s: &str) -> Cow<'_, str> {
    let plain = if s.is_ascii() {
        !s.contains('\t')
    } else {
        !needs_normalising(s.as_bytes())
    };
    if plain {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{ad}' | '\u{200b}' | '\u{feff}' => {}
            '\u{a0}' | '\u{202f}' | '\u{2007}' | '\u{2009}' | '\t' => out.push(' '),
            _ => match ligature(c) {
                Some(l) => out.push_str(l),
                None => out.push(c),
            },
        }
    }
    Cow::Owned(out)
}

/// True when the text has a character [`normalise_spaces`] replaces: a tab, or the UTF-8
/// encoding of U+00A0, U+00AD, U+2007, U+2009, U+200B, U+202F, U+FEFF or U+FB00–U+FB06
/// (looked for byte by byte: decoding every character of every line cost more).
fn needs_normalising(b: &[u8]) -> bool {
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    b.iter().enumerate().any(|(i, &x)| match x {
        b'\t' => true,
        0xc2 => matches!(at(i + 1), 0xa0 | 0xad),
        0xe2 => at(i + 1) == 0x80 && matches!(at(i + 2), 0x87 | 0x89 | 0x8b | 0xaf),
        0xef => {
            (at(i + 1) == 0xbb && at(i + 2) == 0xbf)
                || (at(i + 1) == 0xac && (0x80..=0x86).contains(&at(i + 2)))
        }
        _ => false,
    })
}

/// Collapses runs of white space to one space and trims.
pub fn collapse_ws(s: &str) -> String {
    collapse_ws_cow(s).into_owned()
}

/// [`collapse_ws`], borrowing the text when it is already collapsed (the common case).
pub fn collapse_ws_cow(s: &str) -> Cow<'_, str> {
    if is_collapsed(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    Cow::Owned(out)
}

/// True when `s` has no white space but single spaces between words.
fn is_collapsed(s: &str) -> bool {
    let b = s.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return true;
    };
    if ascii_space(first) || ascii_space(last) {
        return false;
    }
    // Two spaces in a row or an ASCII control space, in one fold over the whole slice (no
    // early exit, which the compiler turns into vector code).
    let bad = b
        .iter()
        .zip(b.get(1..).unwrap_or(&[]))
        .fold(0u8, |acc, (&x, &y)| {
            acc | u8::from(((x == b' ') & (y == b' ')) | (ascii_space(x) & (x != b' ')))
        });
    bad == 0 && !has_unicode_space(b)
}

/// An ASCII white-space byte as `char::is_whitespace` has it: space, tab, line feed, vertical
/// tab, form feed, carriage return (without a branch).
fn ascii_space(x: u8) -> bool {
    (x == b' ') | (x.wrapping_sub(0x09) < 5)
}

/// True when the text has a white-space character outside ASCII: one of the UTF-8 sequences
/// of U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F and U+3000.
fn has_unicode_space(b: &[u8]) -> bool {
    if b.is_ascii() {
        return false;
    }
    // Each of those sequences starts with one of four lead bytes: found with memchr's vector
    // search, then the sequence at each is checked (typographic quotes and dashes share the
    // lead byte 0xe2, so there are a few hits per line of prose).
    let at = |i: usize| match b.get(i..) {
        Some([0xc2, 0x85 | 0xa0, ..]) => true,
        Some([0xe2, 0x80, z, ..]) => *z <= 0x8a || matches!(z, 0xa8 | 0xa9 | 0xaf),
        Some([0xe2, 0x81, 0x9f, ..] | [0xe1, 0x9a, 0x80, ..] | [0xe3, 0x80, 0x80, ..]) => true,
        _ => false,
    };
    memchr::memchr3_iter(0xc2, 0xe2, 0xe3, b).any(at) || memchr::memchr_iter(0xe1, b).any(at)
}

/// The words of `s` between white space, as `s.split_whitespace()` gives them: split on
/// ASCII bytes, without decoding characters, unless the text has other white space.
pub fn words(s: &str) -> Words<'_> {
    let b = s.as_bytes();
    // `split_ascii_whitespace` does not split at a vertical tab; `split_whitespace` does.
    let vertical_tab = b.iter().fold(0u8, |acc, &x| acc | u8::from(x == 0x0b));
    if vertical_tab == 0 && !has_unicode_space(b) {
        Words::Ascii(s.split_ascii_whitespace())
    } else {
        Words::Unicode(s.split_whitespace())
    }
}

/// The iterator of [`words`].
#[derive(Clone)]
pub enum Words<'a> {
    Ascii(std::str::SplitAsciiWhitespace<'a>),
    Unicode(std::str::SplitWhitespace<'a>),
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match self {
            Words::Ascii(w) => w.next(),
            Words::Unicode(w) => w.next(),
        }
    }
}

/// The number of white-space separated words of `s`, counted no further than `limit`: the
/// same as `s.split_whitespace().take(limit).count()`.
pub fn count_words(s: &str, limit: usize) -> usize {
    let b = s.as_bytes();
    if has_unicode_space(b) {
        return s.split_whitespace().take(limit).count();
    }
    // Otherwise only ASCII bytes are white space: a word starts at a byte that is not, at the
    // start or after one that is (counted without a branch per byte).
    let mut words = 0;
    let mut after_space = true;
    for &x in b {
        let space = ascii_space(x);
        words += usize::from(after_space & !space);
        after_space = space;
    }
    words.min(limit)
}

/// True when the text uses the trailing-space convention of some PDF exports (running lines
/// end with a space, paragraph-final lines do not).
pub fn is_pdf_layout<'a>(lines: impl IntoIterator<Item = &'a str>) -> bool {
    let mut nonblank = 0usize;
    let mut trailing = 0usize;
    for l in lines {
        if is_blank(l) {
            continue;
        }
        nonblank += 1;
        if l.ends_with(' ') {
            trailing += 1;
        }
    }
    nonblank > 0 && trailing * 10 >= nonblank * 3
}

/// Cleans the lines of one document (already in reading order) into sections.
pub fn clean_lines<'a>(
    lines: &[RawLine<'a>],
    furniture: &Furniture,
    pdf: bool,
    vocab: &Vocab,
) -> Vec<Section> {
    // 1. Furniture, spaces, letter-spacing.
    let mut kept: Vec<Line<'a>> = Vec::with_capacity(lines.len());
    for raw in lines {
        let Some((text, cut_mark)) = furniture.strip_str(raw.text) else {
            continue;
        };
        let norm = normalise_spaces_cow(text);
        if is_blank(&norm) {
            kept.push(Line {
                text: Cow::Borrowed(""),
                ends_para: false,
                block_start: false,
            });
            continue;
        }
        let trailing_space = norm.ends_with(' ');
        let repaired = match &norm {
            Cow::Borrowed(s) => letterspace::repair_line(trim(s), vocab),
            Cow::Owned(s) => Cow::Owned(letterspace::repair_line(trim(s), vocab).into_owned()),
        };
        let block_start = raw.starts_block || (norm.starts_with(' ') && !norm.starts_with("  "));
        kept.push(Line {
            text: repaired,
            ends_para: cut_mark || !trailing_space,
            block_start,
        });
    }
    // 2. Pull quotes, found on blocks of lines.
    let kept = drop_pull_quotes(kept, pdf, vocab);
    // 3. Paragraphs, stray hyphens, white space.
    let paras: Vec<Para> = paragraphs::build(&kept, pdf, vocab)
        .into_iter()
        .map(|p| Para {
            text: repair_para(p.text, vocab),
            lines: p.lines,
        })
        .filter(|p| !p.text.is_empty())
        .collect();
    // 4. Headings.
    paragraphs::attach_headings(paras)
}

/// A rebuilt paragraph's white space collapsed, its stray hyphens and merged words repaired:
/// the paragraph itself when nothing changes (most paragraphs).
fn repair_para(text: String, vocab: &Vocab) -> String {
    let repaired = {
        let collapsed = collapse_ws_cow(&text);
        let fixed = hyphen::fix_inline(&collapsed, vocab);
        let recollapsed = collapse_ws_cow(&fixed);
        let split = merged::fix(&recollapsed, vocab);
        let changed = [&collapsed, &fixed, &recollapsed, &split]
            .iter()
            .any(|c| matches!(c, Cow::Owned(_)));
        changed.then(|| split.into_owned())
    };
    repaired.unwrap_or(text)
}

/// Groups lines into blocks (runs between blank lines and, in PDF layout, paragraph ends),
/// and removes the blocks that are pull quotes.
fn drop_pull_quotes<'a>(lines: Vec<Line<'a>>, pdf: bool, vocab: &Vocab) -> Vec<Line<'a>> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut start: Option<usize> = None;
    // A word hyphenated across a gap ("Cluster Mu-" / blank / "nitions requires") joins the
    // two sides into one block: a fragment of running text is not a block of its own.
    let mut last_text: Option<usize> = None;
    // The first non-blank line at or after each line, found once (looking it up afresh at
    // every blank line was quadratic in a long run of blank lines).
    let mut next_text: Vec<Option<usize>> = vec![None; lines.len() + 1];
    for i in (0..lines.len()).rev() {
        let here = lines.get(i).is_some_and(|l| !l.is_blank()).then_some(i);
        let after = next_text.get(i + 1).copied().flatten();
        if let Some(slot) = next_text.get_mut(i) {
            *slot = here.or(after);
        }
    }
    let continues_word = |prev: Option<usize>, next: usize| {
        let ends_hyphen = prev
            .and_then(|p| lines.get(p))
            .map(|l| l.text.trim_end())
            .is_some_and(|t| t.ends_with('-') && !t.ends_with(" -") && !t.ends_with("--"));
        ends_hyphen
            && next_text
                .get(next)
                .copied()
                .flatten()
                .and_then(|n| lines.get(n))
                .and_then(|l| l.text.trim_start().chars().next())
                .is_some_and(char::is_lowercase)
    };
    for (i, l) in lines.iter().enumerate() {
        if l.is_blank() {
            if !continues_word(last_text, i)
                && let Some(s) = start.take()
            {
                spans.push((s, i));
            }
            continue;
        }
        if l.block_start
            && !continues_word(last_text, i)
            && let Some(s) = start.take()
        {
            spans.push((s, i));
        }
        last_text = Some(i);
        if start.is_none() {
            start = Some(i);
        }
        // A line without the running-line signal ends a block only where it ends a
        // sentence: pull quotes are often printed without trailing spaces on every line
        // ("With America's presence" / "in Afghanistan gone,"), and cut into one-line
        // blocks they would be too short to recognise.
        let t = l.text.trim_end();
        if pdf
            && l.ends_para
            && paragraphs::ends_sentence(t)
            && let Some(s) = start.take()
        {
            spans.push((s, i + 1));
        }
    }
    if let Some(s) = start {
        spans.push((s, lines.len()));
    }
    // Each block is joined in one buffer that is kept, and copied out once at its size.
    let mut joined = String::new();
    let blocks: Vec<pullquote::Block> = spans
        .iter()
        .map(|&(s, e)| {
            let slice = lines.get(s..e).unwrap_or(&[]);
            joined.clear();
            for l in slice {
                paragraphs::append_line(&mut joined, &l.text, vocab);
            }
            let total: usize = slice.iter().map(|l| l.text.chars().count()).sum();
            pullquote::Block {
                text: joined.as_str().to_owned(),
                mean_line_len: total as f64 / slice.len().max(1) as f64,
            }
        })
        .collect();
    let drop = pullquote::find(&blocks);
    let mut dropped = vec![false; lines.len()];
    for (&(s, e), &d) in spans.iter().zip(drop.iter()) {
        if d {
            for x in dropped.get_mut(s..e).unwrap_or(&mut []) {
                *x = true;
            }
        }
    }
    lines
        .into_iter()
        .zip(dropped)
        .filter(|(_, d)| !d)
        .map(|(l, _)| l)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_as_split_whitespace_does() {
        let mut texts: Vec<String> = (0u8..128).map(|b| format!("a{}b c", b as char)).collect();
        texts.extend(["", "  a  b ", "one\ttwo\u{b}three\nfour", "x\u{a0}y z"].map(String::from));
        // Every character between two words, and on its own.
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            texts.push(format!("a{c}b"));
            texts.push(c.to_string());
        }
        for s in &texts {
            for limit in 0..5 {
                let expected = s.split_whitespace().take(limit).count();
                assert_eq!(count_words(s, limit), expected, "{s:?} {limit}");
            }
        }
    }

    #[test]
    fn collapsed_is_what_joining_the_words_gives() {
        let parts = [
            "a", " ", "  ", "\t", "\u{b}", "\n", "\r", "\u{a0}", "\u{2009}", "\u{3000}",
            "\u{1680}", "\u{2019}", "\u{e9}", "\u{e1}", "\u{2014}", "bc",
        ];
        // Every string of up to three parts, and each with a word around it.
        let texts = crate::testing::concatenations(&parts, 3, "");
        for t in texts.iter().flat_map(|t| [t.clone(), format!("x {t} y")]) {
            let joined = t.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(is_collapsed(&t), t == joined, "{t:?}");
        }
    }

    #[test]
    fn every_white_space_character_is_seen() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(is_collapsed(&text), c == ' ' || !c.is_whitespace(), "{c:?}");
            // At the very end, after characters that share a lead byte with white space.
            let unicode_space = !c.is_ascii() && c.is_whitespace();
            for text in [format!("{c}"), format!("\u{201c}x\u{a9}\u{3001}{c}")] {
                assert_eq!(has_unicode_space(text.as_bytes()), unicode_space, "{c:?}");
            }
        }
    }

    #[test]
    fn words_split_as_split_whitespace_does() {
        let mut texts: Vec<String> = ["", " a\u{b}b  c\td\r\ne\u{c}f ", "x\u{a0}y \u{e9}t\u{e9}"]
            .map(String::from)
            .to_vec();
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            texts.push(format!("a{c}b c"));
        }
        for t in &texts {
            let expected: Vec<&str> = t.split_whitespace().collect();
            assert_eq!(words(t).collect::<Vec<_>>(), expected, "{t:?}");
        }
    }

    #[test]
    fn collapsed_text_is_borrowed() {
        assert!(matches!(collapse_ws_cow("a b c"), Cow::Borrowed("a b c")));
        assert_eq!(collapse_ws_cow(" a \t b\u{a0}c "), "a b c");
        assert_eq!(collapse_ws("a  b"), "a b");
    }

    #[test]
    fn the_bytes_looked_for_are_the_characters_replaced() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let s = c.encode_utf8(&mut buf);
            let replaced = normalise_spaces(s).as_str() != &*s;
            assert_eq!(needs_normalising(s.as_bytes()), replaced, "{c:?}");
        }
    }

    #[test]
    fn spaces_are_normalised() {
        assert!(matches!(
            normalise_spaces_cow("plain text"),
            Cow::Borrowed(_)
        ));
        assert_eq!(normalise_spaces("a\u{a0}b\u{ad}c\td"), "a bc d");
        assert_eq!(
            normalise_spaces("the \u{fb01}eld o\u{fb00}shore, \u{fb02}owing"),
            "the field offshore, flowing"
        );
    }
}
