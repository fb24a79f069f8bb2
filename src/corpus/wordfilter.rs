//! A Bloom filter over words, in front of the shipped word list: most words the cleaners ask
//! about are not in the list (run-together words that letter-spacing repair tries, proper
//! names, the stems of inflections), and the list's hash map is two megabytes, so each such
//! question used to cost a trip to memory. The filter is about a hundred kilobytes and one
//! question reads one 64-byte block of it. It answers "not in the set" for certain; "maybe"
//! is settled by the map.

use std::hash::Hasher;

use super::vocab::WordHasher;

/// Bits of filter per word: with [`PROBES`] bits set per word in 512-bit blocks, about one
/// word in a hundred that is not in the set gets through to the map.
const BITS_PER_WORD: usize = 12;
/// Bits set (and tested) per word, all in the word's block.
const PROBES: u32 = 6;
/// Bits per block: one cache line.
const BLOCK_BITS: usize = 512;

/// A blocked Bloom filter over words (as their bytes: callers add and ask the same form).
#[derive(Debug, Clone)]
pub struct WordFilter {
    blocks: Vec<[u64; 8]>,
}

impl WordFilter {
    /// An empty filter sized for `words` words.
    pub fn new(words: usize) -> Self {
        let n = (words.saturating_mul(BITS_PER_WORD))
            .div_ceil(BLOCK_BITS)
            .max(1);
        WordFilter {
            blocks: vec![[0; 8]; n],
        }
    }

    /// Adds a word.
    pub fn insert(&mut self, w: &str) {
        let (block, mut bits) = self.place(w);
        if let Some(block) = self.blocks.get_mut(block) {
            for _ in 0..PROBES {
                let bit = (bits & 511) as usize;
                if let Some(word) = block.get_mut(bit / 64) {
                    *word |= 1 << (bit % 64);
                }
                bits >>= 9;
            }
        }
    }

    /// False when `w` was certainly never added; true when it may have been.
    pub fn may_contain(&self, w: &str) -> bool {
        let (block, mut bits) = self.place(w);
        let Some(block) = self.blocks.get(block) else {
            return true;
        };
        for _ in 0..PROBES {
            let bit = (bits & 511) as usize;
            if block
                .get(bit / 64)
                .is_none_or(|word| word & (1 << (bit % 64)) == 0)
            {
                return false;
            }
            bits >>= 9;
        }
        true
    }

    /// The word's block and the bits that choose its positions in it.
    fn place(&self, w: &str) -> (usize, u64) {
        let mut h = WordHasher::default();
        h.write(w.as_bytes());
        let a = mix(h.finish() ^ w.len() as u64);
        let b = mix(a ^ 0x9e37_79b9_7f4a_7c15);
        // The high half of `a` scaled to the number of blocks (no modulo, no bias worth
        // speaking of at these sizes).
        let block = ((a >> 32) * self.blocks.len() as u64) >> 32;
        (block as usize, b)
    }
}

/// The finaliser of SplitMix64: every input bit moves every output bit.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_added_is_found_and_most_others_are_not() {
        let words: Vec<String> = (0..20_000).map(|i| format!("w{i}x")).collect();
        let mut f = WordFilter::new(words.len());
        for w in &words {
            f.insert(w);
        }
        assert!(words.iter().all(|w| f.may_contain(w)));
        // Words never added: a few get through, by design; far fewer than one in twenty.
        let through = (0..20_000)
            .filter(|i| f.may_contain(&format!("v{i}y")))
            .count();
        assert!(through < 1_000, "{through} of 20000 got through");
        assert!(!WordFilter::new(0).may_contain("anything"));
    }
}
