//! Pull-quote removal: a block of text that repeats body text elsewhere in the same document
//! (a magazine pull quote) is found by hashed word shingles (linear time) and dropped; of two
//! copies, the one that is the more wholly duplicated block (the quote) goes, the body stays.

use crate::corpus::vocab::{WordBuildHasher, WordHasher};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// Shingle length in words.
const K: usize = 7;
/// Shingles seen more often than this are common phrases, not quotes.
const MAX_OCCURRENCES: usize = 4;
/// Share of a block's words that must recur elsewhere for it to be a quote candidate.
const MIN_COVERAGE: f64 = 0.6;
/// A block with fewer repeated words than this is a quote only as the tail of a quote.
const MIN_COVERED_WORDS: usize = 10;

/// One block of lines: a run of lines between blank lines / paragraph ends.
#[derive(Debug, Clone)]
pub struct Block {
    /// The block's text, lines joined (line-final soft hyphens glued).
    pub text: String,
    /// Mean printed line length, a tie-breaker (pull quotes are set narrower).
    pub mean_line_len: f64,
}

/// Hash of the lower-cased word (ASCII words lower-cased without allocating).
fn word_hash(w: &str) -> u64 {
    let mut h = WordHasher::default();
    if w.is_ascii() {
        let mut buf = [0u8; 32];
        if let Some(dst) = buf.get_mut(..w.len()) {
            dst.copy_from_slice(w.as_bytes());
            dst.make_ascii_lowercase();
            h.write(dst);
            h.write_u8(0xff);
            return h.finish();
        }
    }
    w.to_lowercase().hash(&mut h);
    h.finish()
}

/// Returns, per block, whether it is a pull quote to drop.
pub fn find(blocks: &[Block]) -> Vec<bool> {
    let n_blocks = blocks.len();
    // Word stream with the block of each word.
    let mut hashes: Vec<u64> = Vec::new();
    let mut block_of: Vec<usize> = Vec::new();
    let mut ranges: Vec<(usize, usize)> = Vec::with_capacity(n_blocks);
    for (b, block) in blocks.iter().enumerate() {
        let start = hashes.len();
        for w in block
            .text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            hashes.push(word_hash(w));
            block_of.push(b);
        }
        ranges.push((start, hashes.len()));
    }
    let n = hashes.len();
    let mut drop = vec![false; n_blocks];
    if n < K {
        return drop;
    }
    let shingles: Vec<u64> = hashes
        .windows(K)
        .map(|w| {
            w.iter().fold(0xcbf2_9ce4_8422_2325, |h: u64, x| {
                (h ^ x).wrapping_mul(0x0100_0000_01b3)
            })
        })
        .collect();
    // Most shingles are printed once. Two bit sets indexed by the top bits of the hash (seen,
    // seen again) single out the few that may repeat; only those are mapped to positions.
    let bits = (shingles.len() * 8).next_power_of_two().max(64);
    let slot = |h: u64| (h >> (64 - bits.trailing_zeros())) as usize;
    let mut seen = vec![0u64; bits / 64];
    let mut again = vec![0u64; bits / 64];
    for &h in &shingles {
        let (word, bit) = (slot(h) / 64, 1u64 << (slot(h) % 64));
        if let (Some(s), Some(a)) = (seen.get_mut(word), again.get_mut(word)) {
            *a |= *s & bit;
            *s |= bit;
        }
    }
    let mut repeats: HashMap<u64, Vec<usize>, WordBuildHasher> = HashMap::default();
    for (start, &h) in shingles.iter().enumerate() {
        let (word, bit) = (slot(h) / 64, 1u64 << (slot(h) % 64));
        if again.get(word).is_some_and(|a| a & bit != 0) {
            repeats.entry(h).or_default().push(start);
        }
    }
    // partners[word] = blocks that the word is shared with.
    let mut partners: Vec<Vec<u32>> = vec![Vec::new(); n];
    for positions in repeats.values() {
        if positions.len() < 2 || positions.len() > MAX_OCCURRENCES {
            continue;
        }
        for &p in positions {
            for &q in positions {
                if p == q {
                    continue;
                }
                for i in 0..K {
                    let (Some(&bp), Some(&bq)) = (block_of.get(p + i), block_of.get(q + i)) else {
                        continue;
                    };
                    if bp == bq {
                        continue;
                    }
                    if let Some(list) = partners.get_mut(p + i)
                        && !list.contains(&(bq as u32))
                    {
                        list.push(bq as u32);
                    }
                }
            }
        }
    }
    for (c, &(ws, we)) in ranges.iter().enumerate() {
        let len = we - ws;
        if len == 0 {
            continue;
        }
        let words = partners.get(ws..we).unwrap_or(&[]);
        let covered = words.iter().filter(|l| !l.is_empty()).count();
        let cov_c = covered as f64 / len as f64;
        if cov_c < MIN_COVERAGE {
            continue;
        }
        let tail_of_quote = c > 0 && drop.get(c - 1).copied().unwrap_or(false);
        if covered < MIN_COVERED_WORDS && !tail_of_quote {
            continue;
        }
        let mut partner_blocks: Vec<u32> = words.iter().flatten().copied().collect();
        partner_blocks.sort_unstable();
        partner_blocks.dedup();
        let mut num = 0usize;
        let mut den = 0usize;
        let mut line_len_sum = 0.0;
        for &p in &partner_blocks {
            let Some(&(ps, pe)) = ranges.get(p as usize) else {
                continue;
            };
            den += pe - ps;
            num += partners
                .get(ps..pe)
                .unwrap_or(&[])
                .iter()
                .filter(|l| !l.is_empty())
                .count();
            line_len_sum += blocks
                .get(p as usize)
                .map(|b| b.mean_line_len)
                .unwrap_or(0.0);
        }
        if den == 0 {
            continue;
        }
        let cov_p = num as f64 / den as f64;
        let is_quote = if cov_c > cov_p + 0.1 {
            true
        } else if cov_c + 0.1 < cov_p {
            false
        } else {
            let mine = blocks.get(c).map(|b| b.mean_line_len).unwrap_or(0.0);
            let theirs = line_len_sum / partner_blocks.len().max(1) as f64;
            if (mine - theirs).abs() > 2.0 {
                mine < theirs
            } else {
                partner_blocks.iter().all(|&p| (p as usize) < c)
            }
        };
        if let Some(d) = drop.get_mut(c) {
            *d = is_quote;
        }
    }
    drop
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str, w: f64) -> Block {
        Block {
            text: text.to_string(),
            mean_line_len: w,
        }
    }

    #[test]
    fn a_repeated_block_is_dropped_and_the_body_kept() {
        let blocks = vec![
            block(
                "The opening paragraph says something about the region and its many neighbours, which matters a great deal for every one of them.",
                32.0,
            ),
            block(
                "Each state in the region jealously guards its independence and sovereignty, more so since the annexation of Crimea by Russia.",
                32.0,
            ),
            block(
                "guards its independence and sovereignty, more so since the annexation",
                24.0,
            ),
            block(
                "A closing paragraph with entirely different words that nobody repeats anywhere in this text at all.",
                32.0,
            ),
        ];
        assert_eq!(find(&blocks), vec![false, false, true, false]);
    }

    #[test]
    fn a_quote_split_over_two_blocks_goes_whole() {
        let blocks = vec![
            block(
                "To one degree or another, all eight states practise what Kazakhstan first called a multi-vector foreign policy, seeking to balance their relations and sometimes to play one off against the other, and more body text follows here.",
                32.0,
            ),
            block(
                "all eight states practise what Kazakhstan first called a multi-vector foreign policy, seeking to balance their relations and sometimes to play one off",
                24.0,
            ),
            block("against the other.", 24.0),
        ];
        assert_eq!(find(&blocks), vec![false, true, true]);
    }

    #[test]
    fn text_without_repeats_is_untouched() {
        let blocks = vec![
            block("alpha beta gamma delta epsilon zeta eta theta", 30.0),
            block("iota kappa lambda mu nu xi omicron pi rho", 30.0),
        ];
        assert_eq!(find(&blocks), vec![false, false]);
        assert!(find(&[]).is_empty());
    }
}
