//! Word keys for the vocabulary's maps: a fast hasher for words, and a hash map whose keys of up
//! to 15 bytes (nearly every word) are packed with their length into one integer.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small, fast, non-cryptographic hasher (FNV-style on 8-byte words) for the vocabulary's
/// string keys: the vocabulary is looked up for every token, and SipHash dominated.
#[derive(Debug, Default, Clone, Copy)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
        self.0 = h;
    }

    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write_u128(&mut self, i: u128) {
        // The two halves as `write` takes sixteen bytes, without the loop.
        let mut h = self.0;
        h = (h.rotate_left(5) ^ i as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
        h = (h.rotate_left(5) ^ (i >> 64) as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
        self.0 = h;
    }

    fn write_usize(&mut self, i: usize) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn finish(&self) -> u64 {
        // The multiplications mix upwards only: fold the high bits into the low ones, which
        // pick the bucket.
        self.0 ^ (self.0 >> 32)
    }
}

/// Build-hasher of [`WordHasher`].
pub type WordBuildHasher = BuildHasherDefault<WordHasher>;

/// A hash map keyed by words. A word of up to 15 bytes (nearly every word) is packed with its
/// length into one integer: a lookup then compares integers instead of strings scattered over
/// the heap. Longer words stay strings.
#[derive(Debug, Clone)]
pub(super) struct WordMap<V> {
    pub(super) short: HashMap<u128, V, WordBuildHasher>,
    pub(super) long: HashMap<String, V, WordBuildHasher>,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            short: HashMap::default(),
            long: HashMap::default(),
        }
    }
}

/// The bytes of a short word and its length in the last byte: one integer per word.
pub(super) fn pack(w: &str) -> Option<u128> {
    pack_bytes(w.as_bytes(), false)
}

/// [`pack`] of bytes, ASCII letters lower-cased when `lower` (the vocabulary's counting
/// lower-cases ASCII words straight into their keys). The bytes are read as two (possibly
/// overlapping) words rather than copied: every token of every line is packed, and a copy of a
/// few bytes is a call to `memmove`.
pub(super) fn pack_bytes(bytes: &[u8], lower: bool) -> Option<u128> {
    let len = bytes.len();
    if len > 15 {
        return None;
    }
    let (mut lo, mut hi) = load_le(bytes);
    if lower {
        if bytes.is_ascii() {
            lo = ascii_lower_word(lo);
            hi = ascii_lower_word(hi);
        } else {
            let mut key = [0u8; 16];
            key.get_mut(..len)?.copy_from_slice(bytes);
            key.make_ascii_lowercase();
            let (l, h) = load_le(key.get(..len)?);
            (lo, hi) = (l, h);
        }
    }
    Some(u128::from(lo) | (u128::from(hi) << 64) | ((len as u128) << 120))
}

/// The bytes (at most 16) as two little-endian words: bytes 0–7 and bytes 8–15, zero-filled.
fn load_le(b: &[u8]) -> (u64, u64) {
    let len = b.len();
    let word = |s: Option<&[u8]>| {
        s.and_then(|s| <[u8; 8]>::try_from(s).ok())
            .map_or(0, u64::from_le_bytes)
    };
    let half = |s: Option<&[u8]>| {
        s.and_then(|s| <[u8; 4]>::try_from(s).ok())
            .map_or(0, |a| u64::from(u32::from_le_bytes(a)))
    };
    match len {
        8..=16 => {
            // The last eight bytes, shifted down so that byte 8 lands in the low byte.
            let tail = word(b.get(len - 8..));
            let hi = tail.checked_shr(8 * (16 - len) as u32).unwrap_or(0);
            (word(b.get(..8)), hi)
        }
        4..=7 => {
            // The first and last four bytes; where they overlap they agree.
            let tail = half(b.get(len - 4..));
            (half(b.get(..4)) | (tail << (8 * (len - 4))), 0)
        }
        _ => {
            let lo = b
                .iter()
                .enumerate()
                .fold(0u64, |x, (i, &v)| x | (u64::from(v) << (8 * i)));
            (lo, 0)
        }
    }
}

/// The ASCII upper-case letters of a word of ASCII bytes lower-cased, all eight at once.
fn ascii_lower_word(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Each byte is below 0x80, so no sum carries into the next byte: the high bit of a byte
    // of `at_least_a` is set from 'A' up, of `past_z` from the byte after 'Z' up.
    let at_least_a = x.wrapping_add(ONES * u64::from(0x80 - b'A'));
    let past_z = x.wrapping_add(ONES * u64::from(0x80 - b'Z' - 1));
    let upper = at_least_a & !past_z & (ONES * 0x80);
    x | (upper >> 2)
}

impl<V> WordMap<V> {
    /// Moves every entry of `other` in, combining values of words both have.
    pub(super) fn merge(&mut self, other: WordMap<V>, combine: impl Fn(&mut V, V)) {
        for (k, v) in other.short {
            match self.short.get_mut(&k) {
                Some(mine) => combine(mine, v),
                None => {
                    self.short.insert(k, v);
                }
            }
        }
        for (k, v) in other.long {
            match self.long.get_mut(&k) {
                Some(mine) => combine(mine, v),
                None => {
                    self.long.insert(k, v);
                }
            }
        }
    }

    pub(super) fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    pub(super) fn get(&self, w: &str) -> Option<&V> {
        match pack(w) {
            Some(k) => self.short.get(&k),
            None => self.long.get(w),
        }
    }

    pub(super) fn get_mut(&mut self, w: &str) -> Option<&mut V> {
        match pack(w) {
            Some(k) => self.short.get_mut(&k),
            None => self.long.get_mut(w),
        }
    }

    pub(super) fn contains(&self, w: &str) -> bool {
        self.get(w).is_some()
    }

    pub(super) fn insert(&mut self, w: &str, v: V) {
        match pack(w) {
            Some(k) => self.short.insert(k, v),
            None => self.long.insert(w.to_string(), v),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_map_keys_short_and_long_words_apart() {
        let mut m = WordMap::default();
        m.insert("ab", 1);
        m.insert("abc", 2);
        m.insert("internationalisation", 3);
        assert_eq!(m.get("ab"), Some(&1));
        assert_eq!(m.get("abc"), Some(&2));
        assert_eq!(m.get("ab\0"), None);
        assert_eq!(m.get("internationalisation"), Some(&3));
        assert_eq!(m.get("internationalisatio"), None);
        assert_ne!(pack("ab"), pack("ab\0"));
        // Packing reads words; it packs as copying the bytes into a zeroed key does.
        let copied = |b: &[u8], lower: bool| -> Option<u128> {
            let mut key = [0u8; 16];
            key.get_mut(..b.len())
                .filter(|_| b.len() <= 15)?
                .copy_from_slice(b);
            if lower {
                key.make_ascii_lowercase();
            }
            key[15] = b.len() as u8;
            Some(u128::from_le_bytes(key))
        };
        let pool: Vec<u8> = (0u8..=255).chain(*b"AZaz@[`{ Hello WORLD").collect();
        for len in 0..=17 {
            for start in (0..pool.len().saturating_sub(len)).step_by(7) {
                let b = &pool[start..start + len];
                for lower in [false, true] {
                    assert_eq!(pack_bytes(b, lower), copied(b, lower), "{b:?} {lower}");
                }
            }
        }
        for w in [
            "",
            "A",
            "Zz",
            "AZ@[",
            "KARABAKH",
            "Nagorno-Karabak",
            "ABCDEFGHIJKLMNO",
        ] {
            assert_eq!(
                pack_bytes(w.as_bytes(), true),
                copied(w.as_bytes(), true),
                "{w}"
            );
        }
        assert_eq!(pack("fifteen-bytes!!").map(|_| ()), Some(()));
        assert_eq!(pack("sixteen-bytes!!!"), None);
    }
}
