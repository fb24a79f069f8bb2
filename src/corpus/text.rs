//! Byte-level helpers for lines and words, shared by the vocabulary's counting and the
//! cleaner: the same pieces as the standard library's splits and trims, found with fewer steps
//! on the ASCII text most lines are.

/// `text.split('\n')`: the pieces between line feeds (a carriage return kept), the last one
/// empty when the text ends with a line feed. Every text is split into lines several times
/// (counted, then cleaned), and a vector search finds the ends of short lines in fewer steps.
pub fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    split_at_byte(text, |b| memchr::memchr(b'\n', b))
}

/// The physical lines of a text, LF or CRLF: [`split_lines`] with the carriage return of a CRLF
/// ending dropped.
pub fn physical_lines(text: &str) -> impl Iterator<Item = &str> {
    split_lines(text).map(|l| l.strip_suffix('\r').unwrap_or(l))
}

/// The pieces of `s` between the ASCII bytes `find` finds (the first at or after the start of
/// what is left).
fn split_at_byte(s: &str, find: impl Fn(&[u8]) -> Option<usize>) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match find(r.as_bytes()) {
            Some(i) => {
                rest = r.get(i + 1..);
                r.get(..i)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// `s.trim()`, answered at once for the usual line that starts and ends with a printed
/// ASCII character.
pub fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    if b.first().is_some_and(u8::is_ascii_graphic) && b.last().is_some_and(u8::is_ascii_graphic) {
        return s;
    }
    s.trim()
}

/// `s.trim().is_empty()`, answered at once when the text starts with a printed ASCII character.
pub fn is_blank(s: &str) -> bool {
    match s.as_bytes().first() {
        None => true,
        Some(b) if b.is_ascii_graphic() => false,
        Some(_) => s.trim().is_empty(),
    }
}

/// The pieces of `s` between single spaces, as `s.split(' ')`: looking at bytes, without
/// decoding characters or the `memchr` search of a `char` pattern (slower on text made of
/// short words).
pub fn split_spaces(s: &str) -> impl Iterator<Item = &str> {
    split_at_byte(s, |b| b.iter().position(|&c| c == b' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_split_as_the_char_pattern_does() {
        for s in [
            "",
            " ",
            "a",
            "a b",
            "  a  b ",
            "\u{e9}t\u{e9} \u{2014} x",
            "a\tb c",
        ] {
            let expected: Vec<&str> = s.split(' ').collect();
            assert_eq!(split_spaces(s).collect::<Vec<_>>(), expected, "{s:?}");
        }
    }

    #[test]
    fn lines_trims_and_blanks_agree_with_the_standard_library() {
        let texts = [
            "",
            "\n",
            "\n\n",
            "a",
            "a\n",
            "a\r\nb\r\n",
            "\u{a0}x\u{a0}",
            " x ",
            "x\t",
            "\x0b",
            "\u{2003}",
            "  ",
            "Baku\nTbilisi\n\nCeyhan",
            "\u{201c}Qəbələ\u{201d}",
            "\u{feff}a",
        ];
        for t in texts {
            let expected: Vec<&str> = t.split('\n').collect();
            assert_eq!(split_lines(t).collect::<Vec<_>>(), expected, "{t:?}");
            let physical: Vec<&str> = expected
                .iter()
                .map(|l| l.strip_suffix('\r').unwrap_or(l))
                .collect();
            assert_eq!(physical_lines(t).collect::<Vec<_>>(), physical, "{t:?}");
            assert_eq!(trim(t), t.trim(), "{t:?}");
            assert_eq!(is_blank(t), t.trim().is_empty(), "{t:?}");
        }
        let long = "word ".repeat(40) + "\n" + &"x".repeat(100) + "\n";
        assert_eq!(split_lines(&long).count(), 3);
    }
}
