//! A small alphabet for the gazetteer's automaton. The automaton's table has one row per
//! state and one column per byte class, rows padded to a power of two: the folded names use
//! some forty distinct bytes (letters, space, apostrophe, a few digits, brackets and stops, a
//! few bytes of other scripts), which made rows of 64 columns and a table of 33 MB, walked
//! once per byte of text and far larger than the cache. Here the most used bytes keep a code
//! each, the rarest share one code, and every byte no name uses shares another, so a row has
//! at most 32 columns. Names and texts are recoded byte for byte before the automaton sees
//! them; a match of a name holding a shared code is checked against the name's own bytes, so
//! the matches are exactly those of the full alphabet.

/// The most columns a row of the automaton may have.
const MAX_CLASSES: usize = 32;

/// A byte → code map, and the names whose matches must be checked.
#[derive(Debug, Clone)]
pub(super) struct Alphabet {
    code: [u8; 256],
    /// Per pattern: its own bytes when it holds a byte whose code it shares, else `None`.
    exact: Vec<Option<Box<[u8]>>>,
}

impl Alphabet {
    /// The alphabet of these patterns (the automaton's, in pattern order).
    pub(super) fn new<S: AsRef<[u8]>>(patterns: &[S]) -> Alphabet {
        let mut count = [0u64; 256];
        for p in patterns {
            for &b in p.as_ref() {
                if let Some(c) = count.get_mut(usize::from(b)) {
                    *c += 1;
                }
            }
        }
        let mut used: Vec<u8> = (0..=u8::MAX)
            .filter(|&b| count.get(usize::from(b)).is_some_and(|&c| c > 0))
            .collect();
        // Every used byte with a code of its own, and one code for the unused ones: one
        // class each (the classes are the runs of codes the patterns tell apart).
        let shared = used.len() + 1 > MAX_CLASSES;
        if shared {
            // The most used keep their own code; one code is left for the rest of them.
            used.sort_by_key(|&b| (std::cmp::Reverse(count.get(usize::from(b)).copied()), b));
            used.truncate(MAX_CLASSES - 2);
            used.sort_unstable();
        }
        // Codes: 0 for the rare bytes (when any), then the kept bytes in byte order, then
        // one for every byte no pattern uses.
        let first = u8::from(shared);
        let unused = first.saturating_add(u8::try_from(used.len()).unwrap_or(u8::MAX));
        let mut code = [unused; 256];
        let mut own = [false; 256];
        for (k, &b) in used.iter().enumerate() {
            let c = first.saturating_add(u8::try_from(k).unwrap_or(u8::MAX));
            if let (Some(slot), Some(o)) =
                (code.get_mut(usize::from(b)), own.get_mut(usize::from(b)))
            {
                *slot = c;
                *o = true;
            }
        }
        for (b, &c) in count.iter().enumerate() {
            if c > 0
                && !own.get(b).copied().unwrap_or(true)
                && let Some(slot) = code.get_mut(b)
            {
                *slot = 0;
            }
        }
        let exact = patterns
            .iter()
            .map(|p| {
                let p = p.as_ref();
                p.iter()
                    .any(|&b| !own.get(usize::from(b)).copied().unwrap_or(false))
                    .then(|| p.into())
            })
            .collect();
        Alphabet { code, exact }
    }

    /// `bytes` recoded.
    pub(super) fn recode(&self, bytes: &[u8]) -> Vec<u8> {
        bytes
            .iter()
            .map(|&b| self.code.get(usize::from(b)).copied().unwrap_or(0))
            .collect()
    }

    /// Whether a match of pattern `pattern` on these (original) bytes is a match of the
    /// pattern itself, not of another sharing its codes.
    pub(super) fn is_exact(&self, pattern: usize, matched: &[u8]) -> bool {
        match self.exact.get(pattern) {
            Some(Some(own)) => **own == *matched,
            Some(None) => true,
            None => false,
        }
    }

    /// Number of distinct codes patterns and texts are recoded into.
    #[cfg(test)]
    fn codes(&self) -> usize {
        let mut seen = [false; 256];
        for &c in &self.code {
            if let Some(s) = seen.get_mut(usize::from(c)) {
                *s = true;
            }
        }
        seen.iter().filter(|&&s| s).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

    /// Every overlapping match of the patterns in `text`, as (pattern, start, end), through
    /// the alphabet or directly.
    fn matches(patterns: &[&str], text: &str, recoded: bool) -> Vec<(usize, usize, usize)> {
        let build = |ps: Vec<Vec<u8>>| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(ps)
        };
        let mut out = Vec::new();
        if recoded {
            let alphabet = Alphabet::new(patterns);
            let ac = match build(
                patterns
                    .iter()
                    .map(|p| alphabet.recode(p.as_bytes()))
                    .collect(),
            ) {
                Ok(ac) => ac,
                Err(e) => panic!("{e}"),
            };
            let t = alphabet.recode(text.as_bytes());
            for m in ac.find_overlapping_iter(&t) {
                let own = text.as_bytes().get(m.start()..m.end()).unwrap_or(&[]);
                if alphabet.is_exact(m.pattern().as_usize(), own) {
                    out.push((m.pattern().as_usize(), m.start(), m.end()));
                }
            }
        } else {
            let ac = match build(patterns.iter().map(|p| p.as_bytes().to_vec()).collect()) {
                Ok(ac) => ac,
                Err(e) => panic!("{e}"),
            };
            for m in ac.find_overlapping_iter(text) {
                out.push((m.pattern().as_usize(), m.start(), m.end()));
            }
        }
        out
    }

    #[test]
    fn a_small_alphabet_keeps_a_code_per_byte() {
        let a = Alphabet::new(&["baku", "tbilisi", "ceyhan"]);
        // 13 distinct letters and one code for every other byte.
        assert_eq!(a.codes(), 14);
        assert!(a.exact.iter().all(Option::is_none));
        assert_eq!(a.recode(b"ba"), a.recode(b"ba"));
        assert_ne!(a.recode(b"b"), a.recode(b"a"));
        assert_eq!(a.recode(b"x"), a.recode(b"!"));
    }

    #[test]
    fn a_large_alphabet_shares_codes_and_finds_exactly_the_same_matches() {
        // Letters, space and apostrophe are common; digits, brackets, stops and letters of
        // other scripts are rare, and some names differ only in a rare byte.
        let patterns = [
            "baku",
            "tbilisi",
            "ceyhan",
            "block 1",
            "block 2",
            "block 5",
            "(east)",
            ")east(",
            "st. george",
            "st, george",
            "qəbələ",
            "qobolo",
            "şəki",
            "yerevan",
            "gyumri",
            "aktau",
            "türkmenbaşy",
            "zangezur",
            "jvari",
            "mazra'a",
            "x",
            "ab",
            "a b",
        ];
        let a = Alphabet::new(&patterns);
        assert!(a.codes() <= MAX_CLASSES, "{} codes", a.codes());
        assert!(a.exact.iter().any(Option::is_some));
        let text = "From Baku to block 2 and block 12, (east) not )east(; st. george \
                    st, george qəbələ qobolo şəki türkmenbaşy mazra'a x ab a b yerevan \
                    block 3 block 5 ğşə ə baku";
        let text = text.to_lowercase();
        let direct = matches(&patterns, &text, false);
        assert!(direct.len() > 15, "{direct:?}");
        assert_eq!(matches(&patterns, &text, true), direct);
    }
}
