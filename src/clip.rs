//! Clipping values echoed in messages (warnings, errors): a value from a file or a saved state
//! is cut to a sensible length with an ellipsis, so a 10 MB id cannot flood a terminal or a panel.

use std::borrow::Cow;

/// The longest value, in characters, a message quotes whole.
pub const MAX_ECHO_CHARS: usize = 80;

/// `value` cut to at most [`MAX_ECHO_CHARS`] characters, with "…" and the full length in
/// characters appended when it was cut. Borrows when nothing is cut.
pub fn clip(value: &str) -> Cow<'_, str> {
    clip_to(value, MAX_ECHO_CHARS)
}

/// `value` cut to at most `max` characters (plus the ellipsis note) when longer.
pub fn clip_to(value: &str, max: usize) -> Cow<'_, str> {
    // Only the first `max + 1` characters are looked at, so clipping is cheap on huge values.
    let Some((cut, _)) = value.char_indices().nth(max) else {
        return Cow::Borrowed(value);
    };
    let head = value.get(..cut).unwrap_or_default();
    let total = if value.len() > 1 << 20 {
        format!("{} bytes", value.len())
    } else {
        format!("{} characters", value.chars().count())
    };
    Cow::Owned(format!("{head}… ({total})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_values_are_borrowed_whole() {
        assert!(matches!(
            clip("lachin-corridor"),
            Cow::Borrowed("lachin-corridor")
        ));
        let exact = "x".repeat(MAX_ECHO_CHARS);
        assert_eq!(clip(&exact), exact.as_str());
    }

    #[test]
    fn long_values_are_cut_with_an_ellipsis_and_their_length() {
        let long = "é".repeat(1000);
        let c = clip(&long);
        assert!(c.starts_with(&"é".repeat(MAX_ECHO_CHARS)));
        assert!(c.contains('…'), "{c}");
        assert!(c.ends_with("(1000 characters)"), "{c}");
        assert!(c.chars().count() < MAX_ECHO_CHARS + 30);
    }

    #[test]
    fn a_huge_value_is_cut_cheaply() {
        let huge = "a".repeat(10 << 20);
        let c = clip_to(&huge, 5);
        assert_eq!(c, format!("aaaaa… ({} bytes)", 10 << 20));
    }
}
