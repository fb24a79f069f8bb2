//! Text folding for matching: lowercase, diacritics removed, apostrophes unified, hyphens,
//! dashes and whitespace runs collapsed to one space — with a map back to original byte offsets.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A folded copy of a text and, for every folded byte, the original byte span it came from.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// `starts[i]`: byte offset in the original of the char that produced folded byte `i`.
    starts: Vec<u32>,
    /// `ends[i]`: end byte offset in the original of that char.
    ends: Vec<u32>,
}

impl Folded {
    /// The original byte span of the folded range `start..end` (`start < end`).
    pub fn original_span(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        if start >= end {
            return None;
        }
        let s = *self.starts.get(start)?;
        let e = *self.ends.get(end - 1)?;
        Some((s as usize, e as usize))
    }

    /// The char starting at folded byte `at`, if any.
    pub fn char_at(&self, at: usize) -> Option<char> {
        self.text.get(at..)?.chars().next()
    }
}

/// An ASCII byte that folds to itself, or to its lower case: not white space, a hyphen, an
/// underscore or a backtick.
const fn folds_to_itself(b: u8) -> bool {
    b.is_ascii() && !b.is_ascii_whitespace() && !matches!(b, b'-' | b'_' | b'`')
}

/// What each byte is to a run copied whole: 0 folds to itself, 1 a space, 2 ends the run.
const RUN_CLASS: [u8; 256] = {
    let mut class = [2u8; 256];
    let mut b = 0;
    while b < 256 {
        class[b] = if b == b' ' as usize {
            1
        } else if folds_to_itself(b as u8) {
            0
        } else {
            2
        };
        b += 1;
    }
    class
};

/// Is `c` a separator folded to a space (whitespace, hyphens, dashes)?
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' | '_'
        )
}

/// Letters NFD does not decompose into base + mark, folded by hand.
fn special(c: char) -> Option<&'static str> {
    Some(match c {
        'ı' | 'İ' => "i",
        'ə' | 'Ə' => "a",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'đ' | 'Đ' => "d",
        'ł' | 'Ł' => "l",
        'ħ' | 'Ħ' => "h",
        'þ' | 'Þ' => "th",
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{02BB}' | '`' | '\u{2032}' | '\u{00B4}' => "'",
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' => "",
        _ => return None,
    })
}

/// Fold one string without keeping the offset map (for names, aliases and queries).
pub fn fold_str(s: &str) -> String {
    let f = fold(s);
    f.text.trim().to_string()
}

/// Fold `text`, keeping the map back to original offsets.
pub fn fold(text: &str) -> Folded {
    let mut out = Folded {
        text: String::with_capacity(text.len()),
        starts: Vec::with_capacity(text.len()),
        ends: Vec::with_capacity(text.len()),
    };
    let mut last_space = false;
    let push = |out: &mut Folded, c: char, s: usize, e: usize, last_space: &mut bool| {
        if c == ' ' {
            if *last_space {
                // Extend the previous space over this separator.
                if let Some(last) = out.ends.last_mut() {
                    *last = e as u32;
                }
                return;
            }
            *last_space = true;
        } else {
            *last_space = false;
        }
        let before = out.text.len();
        out.text.push(c);
        for _ in before..out.text.len() {
            out.starts.push(s as u32);
            out.ends.push(e as u32);
        }
    };
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // A run of ASCII bytes that fold to themselves, lower-cased, and single spaces between
        // them: copied at once.
        let mut run = 0;
        let mut run_space = last_space;
        for &b in bytes.get(at..).unwrap_or(&[]) {
            let class = RUN_CLASS.get(usize::from(b)).copied().unwrap_or(2);
            if class == 2 || (class == 1 && run_space) {
                break;
            }
            run_space = class == 1;
            run += 1;
        }
        if run > 0 {
            let before = out.text.len();
            out.text.push_str(text.get(at..at + run).unwrap_or(""));
            if let Some(tail) = out.text.get_mut(before..) {
                tail.make_ascii_lowercase();
            }
            out.starts.extend((at..at + run).map(|i| i as u32));
            out.ends.extend((at + 1..=at + run).map(|i| i as u32));
            last_space = run_space;
            at += run;
            continue;
        }
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let (s, e) = (at, at + c.len_utf8());
        at = e;
        if c.is_ascii() {
            if c.is_ascii_whitespace() || c == '-' || c == '_' {
                push(&mut out, ' ', s, e, &mut last_space);
            } else if c == '`' {
                push(&mut out, '\'', s, e, &mut last_space);
            } else {
                push(&mut out, c.to_ascii_lowercase(), s, e, &mut last_space);
            }
            continue;
        }
        if is_separator(c) {
            push(&mut out, ' ', s, e, &mut last_space);
            continue;
        }
        if let Some(rep) = special(c) {
            for r in rep.chars() {
                push(&mut out, r, s, e, &mut last_space);
            }
            continue;
        }
        for d in std::iter::once(c).nfd() {
            if is_combining_mark(d) {
                continue;
            }
            for l in d.to_lowercase() {
                push(&mut out, l, s, e, &mut last_space);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_diacritics() {
        assert_eq!(fold_str("Türkiye"), "turkiye");
        assert_eq!(fold_str("Ağdam"), "agdam");
        assert_eq!(fold_str("Gəncə"), "ganca");
        assert_eq!(fold_str("IĞDIR"), "igdir");
    }

    #[test]
    fn folds_separators_and_apostrophes() {
        assert_eq!(fold_str("Nagorno-Karabakh"), "nagorno karabakh");
        assert_eq!(fold_str("Baku–Tbilisi – Ceyhan"), "baku tbilisi ceyhan");
        assert_eq!(fold_str("Iran\u{2019}s"), "iran's");
        assert_eq!(fold_str("a \n\t b"), "a b");
    }

    #[test]
    fn maps_back_to_original_offsets() {
        let text = "In Türkiye’s  east";
        let f = fold(text);
        let at = f.text.find("turkiye's").unwrap_or(usize::MAX);
        let (s, e) = f.original_span(at, at + "turkiye".len()).unwrap_or((0, 0));
        assert_eq!(&text[s..e], "Türkiye");
        let sp = f.text.find(" east").unwrap_or(usize::MAX);
        let (s, e) = f.original_span(sp, sp + 1).unwrap_or((0, 0));
        assert_eq!(&text[s..e], "  ");
    }

    /// Folds one character at a time, as `fold` did before it copied ASCII runs whole.
    fn fold_by_chars(text: &str) -> (String, Vec<(usize, usize)>) {
        let mut out = String::new();
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for (s, c) in text.char_indices() {
            let e = s + c.len_utf8();
            let piece = fold(c.encode_utf8(&mut [0u8; 4])).text;
            for f in piece.chars() {
                if f == ' ' && out.ends_with(' ') {
                    if let Some(last) = spans.last_mut() {
                        last.1 = e;
                    }
                    continue;
                }
                out.push(f);
                spans.extend(std::iter::repeat_n((s, e), f.len_utf8()));
            }
        }
        (out, spans)
    }

    #[test]
    fn ascii_runs_fold_as_characters_do() {
        let mut texts: Vec<String> = [
            "Baku\u{2013}Tbilisi\u{2013}Ceyhan (BTC) `oil`  pipe_line--2006",
            "In T\u{00fc}rkiye\u{2019}s EAST,\t\n the Ə-road",
            " x ",
            "\u{00AD}AB\u{0301}c",
        ]
        .map(String::from)
        .to_vec();
        // Every string of up to four of these pieces: spaces next to other separators and to
        // characters that fold to nothing.
        let pieces = [" ", "A", "-", "\t", "\u{2013}", "\u{ad}", "\u{e9}", "`"];
        texts.extend(crate::testing::concatenations(&pieces, 4, ""));
        for text in &texts {
            let text = text.as_str();
            let f = fold(text);
            let (expected, spans) = fold_by_chars(text);
            assert_eq!(f.text, expected, "{text:?}");
            for (i, span) in spans.iter().enumerate() {
                assert_eq!(f.original_span(i, i + 1), Some(*span), "{text:?} at {i}");
            }
        }
    }

    #[test]
    fn empty_and_odd_input() {
        assert_eq!(fold_str(""), "");
        let f = fold("\u{00AD}\u{0301}");
        assert!(f.original_span(0, 1).is_none() || !f.text.is_empty());
    }
}
