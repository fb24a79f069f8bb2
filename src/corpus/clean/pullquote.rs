//! Pull-quote removal: a block of text that repeats body text elsewhere in the same document
//! (a magazine pull quote) is found by hashed word shingles and dropped.
//!
//! Repeats are found as maximal duplicated word runs (linear time over the word stream). Of
//! the two copies of a run, the quote is the copy whose blocks are more wholly repeated text:
//! a pull quote is a block of its own, while its body copy runs on, often across a column
//! break, inside longer text; on a tie the narrower setting is the quote. A block made mostly
//! of quote copies goes; the body stays whole.

use crate::corpus::vocab::WordHasher;
use crate::corpus::wordmap::pack_bytes;
use std::hash::{Hash, Hasher};

/// Shingle length in words.
const K: usize = 7;
/// Shingles seen more often than this are common phrases, not quotes.
const MAX_OCCURRENCES: usize = 4;
/// A duplicated run shorter than this (in words) is a repeated phrase, not a quote.
const MIN_RUN: usize = 10;
/// Share of a block's words that must be quote copies for the block to be dropped.
const MIN_COVERAGE: f64 = 0.6;
/// Two copies whose block shares differ by less than this are told apart by line length.
const MARGIN: f64 = 0.1;

/// One block of lines: a run of lines between blank lines / paragraph ends.
#[derive(Debug, Clone)]
pub struct Block {
    /// The block's text, lines joined (line-final soft hyphens glued).
    pub text: String,
    /// Mean printed line length, a tie-breaker (pull quotes are set narrower).
    pub mean_line_len: f64,
}

/// Hash of the lower-cased word.
fn word_hash(w: &str) -> u64 {
    if w.is_ascii() {
        return ascii_word_hash(w.as_bytes());
    }
    let mut h = WordHasher::default();
    w.to_lowercase().hash(&mut h);
    h.finish()
}

/// [`word_hash`] of an ASCII word: a word of up to 15 bytes (nearly every word) is packed,
/// lower-cased, into one integer and hashed without a copy; a longer one is lower-cased into a
/// buffer.
fn ascii_word_hash(w: &[u8]) -> u64 {
    let mut h = WordHasher::default();
    match pack_bytes(w, true) {
        Some(key) => h.write_u128(key),
        None => {
            h.write(&w.to_ascii_lowercase());
            h.write_u8(0xff);
        }
    }
    h.finish()
}

/// The hashes of the words (runs of letters and digits) of `text`, as [`word_hash`] gives them.
fn push_word_hashes(text: &str, mut push: impl FnMut(u64)) {
    if !text.is_ascii() {
        for w in text.split(|c: char| !c.is_alphanumeric()) {
            if !w.is_empty() {
                push(word_hash(w));
            }
        }
        return;
    }
    // ASCII text: split on its bytes.
    for w in text.as_bytes().split(|b| !b.is_ascii_alphanumeric()) {
        if !w.is_empty() {
            push(ascii_word_hash(w));
        }
    }
}

/// The word stream of the blocks: word hashes, the block of each word, each block's range.
struct Stream {
    hashes: Vec<u64>,
    block_of: Vec<usize>,
    ranges: Vec<(usize, usize)>,
}

impl Stream {
    fn new(blocks: &[Block]) -> Stream {
        // About one word per six bytes of text.
        let words = blocks.iter().map(|b| b.text.len()).sum::<usize>() / 6;
        let mut hashes: Vec<u64> = Vec::with_capacity(words);
        let mut block_of: Vec<usize> = Vec::with_capacity(words);
        let mut ranges: Vec<(usize, usize)> = Vec::with_capacity(blocks.len());
        for (b, block) in blocks.iter().enumerate() {
            let start = hashes.len();
            push_word_hashes(&block.text, |h| {
                hashes.push(h);
                block_of.push(b);
            });
            ranges.push((start, hashes.len()));
        }
        Stream {
            hashes,
            block_of,
            ranges,
        }
    }

    /// Share of the words of the blocks that `start..end` touches that are `covered`.
    fn share(&self, start: usize, end: usize, covered: &[bool]) -> f64 {
        let (Some(&first), Some(&last)) = (self.block_of.get(start), self.block_of.get(end - 1))
        else {
            return 0.0;
        };
        let (Some(&(ws, _)), Some(&(_, we))) = (self.ranges.get(first), self.ranges.get(last))
        else {
            return 0.0;
        };
        let n = covered
            .get(ws..we)
            .unwrap_or(&[])
            .iter()
            .filter(|&&c| c)
            .count();
        n as f64 / (we - ws).max(1) as f64
    }

    /// Mean printed line length over the blocks `start..end` touches, weighted by words.
    fn line_len(&self, blocks: &[Block], start: usize, end: usize) -> f64 {
        let words = (start..end).filter_map(|i| self.block_of.get(i));
        let (sum, n) = words.fold((0.0, 0usize), |(s, n), &b| {
            (
                s + blocks.get(b).map(|x| x.mean_line_len).unwrap_or(0.0),
                n + 1,
            )
        });
        sum / n.max(1) as f64
    }
}

/// Maximal duplicated runs `(p, q, len)`, `p < q`: words `p..p+len` equal `q..q+len`.
fn duplicated_runs(hashes: &[u64]) -> Vec<(usize, usize, usize)> {
    let n = hashes.len();
    let mut runs = Vec::new();
    if n < K {
        return runs;
    }
    let shingle_at: Vec<u64> = hashes
        .windows(K)
        .map(|w| {
            w.iter().fold(0xcbf2_9ce4_8422_2325, |h: u64, x| {
                (h ^ x).wrapping_mul(0x0100_0000_01b3)
            })
        })
        .collect();
    // Most shingles are printed once. Two bit sets indexed by the top bits of the hash (seen,
    // seen again) single out the few that may repeat; only those are mapped to positions.
    let bits = (shingle_at.len() * 8).next_power_of_two().max(64);
    let slot = |h: u64| (h >> (64 - bits.trailing_zeros())) as usize;
    let mut seen = vec![0u64; bits / 64];
    let mut again = vec![0u64; bits / 64];
    for &h in &shingle_at {
        let (word, bit) = (slot(h) / 64, 1u64 << (slot(h) % 64));
        if let (Some(s), Some(a)) = (seen.get_mut(word), again.get_mut(word)) {
            *a |= *s & bit;
            *s |= bit;
        }
    }
    // The shingles that may repeat, as (hash, start), grouped by hash (and in text order
    // within a group); a group of 2 to MAX_OCCURRENCES is a candidate for a duplicated run.
    let mut candidates: Vec<(u64, usize)> = shingle_at
        .iter()
        .enumerate()
        .filter(|&(_, &h)| {
            let (word, bit) = (slot(h) / 64, 1u64 << (slot(h) % 64));
            again.get(word).is_some_and(|a| a & bit != 0)
        })
        .map(|(start, &h)| (h, start))
        .collect();
    candidates.sort_unstable();
    let groups: Vec<&[(u64, usize)]> = candidates
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|g| (2..=MAX_OCCURRENCES).contains(&g.len()))
        .collect();
    // Whether the shingle starting at each word is in such a group.
    let mut eligible = vec![false; shingle_at.len()];
    for &(_, start) in groups.iter().copied().flatten() {
        if let Some(e) = eligible.get_mut(start) {
            *e = true;
        }
    }
    let same = |a: usize, b: usize| hashes.get(a).is_some_and(|x| hashes.get(b) == Some(x));
    for group in groups {
        for (i, &(_, p)) in group.iter().enumerate() {
            for &(_, q) in group.get(i + 1..).unwrap_or(&[]) {
                // Start only at the left end of a run (the pair one word earlier differs, or
                // its shingle is too common to be visited), so each run is extended once.
                let visited_earlier =
                    p > 0 && same(p - 1, q - 1) && eligible.get(p - 1) == Some(&true);
                if visited_earlier {
                    continue;
                }
                if (0..K).any(|k| !same(p + k, q + k)) {
                    continue; // a hash collision
                }
                let mut len = K;
                while q + len < n && p + len < q && same(p + len, q + len) {
                    len += 1;
                }
                runs.push((p, q, len.min(q - p)));
            }
        }
    }
    // In text order, whatever the hashes.
    runs.sort_unstable();
    runs
}

/// Mark the words of a run's quote copy, block by block. A block's part of the run counts only
/// when it could be a quote on its own — a run's worth of words, or the whole block (a quote's
/// last line): a run that merely crosses a paragraph break, as in templated text ("… complained
/// about the lack of water. A new school was opened in …" printed with a different town each
/// time), repeats no block and removes none.
fn mark_quote(stream: &Stream, quote_word: &mut [bool], at: usize, len: usize) {
    let end = at + len;
    let mut i = at;
    while i < end {
        let Some(&b) = stream.block_of.get(i) else {
            return;
        };
        let mut j = i + 1;
        while j < end && stream.block_of.get(j) == Some(&b) {
            j += 1;
        }
        let whole = stream.ranges.get(b) == Some(&(i, j));
        if j - i >= MIN_RUN || whole {
            for w in quote_word.get_mut(i..j).unwrap_or(&mut []) {
                *w = true;
            }
        }
        i = j;
    }
}

/// Returns, per block, whether it is a pull quote to drop.
pub fn find(blocks: &[Block]) -> Vec<bool> {
    let stream = Stream::new(blocks);
    let runs: Vec<(usize, usize, usize)> = duplicated_runs(&stream.hashes)
        .into_iter()
        .filter(|&(_, _, len)| len >= MIN_RUN)
        .collect();
    // Words with a copy elsewhere.
    let mut covered = vec![false; stream.hashes.len()];
    for &(p, q, len) in &runs {
        for at in [p, q] {
            for w in covered.get_mut(at..at + len).unwrap_or(&mut []) {
                *w = true;
            }
        }
    }
    let mut quote_word = vec![false; stream.hashes.len()];
    // The copy each run keeps (start, len): never dropped along with its quote.
    let mut kept_copies: Vec<(usize, usize)> = Vec::new();
    for (p, q, len) in runs {
        if stream.block_of.get(p) == stream.block_of.get(q + len - 1) {
            // Both copies in one block (a sentence printed twice): no pull quote.
            continue;
        }
        let (sp, sq) = (
            stream.share(p, p + len, &covered),
            stream.share(q, q + len, &covered),
        );
        let quote_is_q = if sq > sp + MARGIN {
            true
        } else if sp > sq + MARGIN {
            false
        } else {
            let (lp, lq) = (
                stream.line_len(blocks, p, p + len),
                stream.line_len(blocks, q, q + len),
            );
            if (lp - lq).abs() > 2.0 {
                lq < lp
            } else {
                // Pull quotes usually follow the text they repeat.
                true
            }
        };
        let (at, kept) = if quote_is_q { (q, p) } else { (p, q) };
        mark_quote(&stream, &mut quote_word, at, len);
        kept_copies.push((kept, len));
    }
    let mut drop = vec![false; blocks.len()];
    for (b, &(ws, we)) in stream.ranges.iter().enumerate() {
        if we == ws {
            continue;
        }
        let quoted = quote_word
            .get(ws..we)
            .unwrap_or(&[])
            .iter()
            .filter(|&&q| q)
            .count();
        if let Some(d) = drop.get_mut(b) {
            *d = quoted as f64 >= MIN_COVERAGE * (we - ws) as f64;
        }
    }
    // Repetition removal never removes the only copy of a text: where every block holding
    // the kept copy of a run was dropped (as the quote of yet another copy), its first block
    // stays.
    for (at, len) in kept_copies {
        let blocks_of = (at..at + len).filter_map(|w| stream.block_of.get(w));
        if blocks_of.clone().all(|&b| drop.get(b) == Some(&true))
            && let Some(&first) = stream.block_of.get(at)
            && let Some(d) = drop.get_mut(first)
        {
            *d = false;
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
    fn ascii_words_hash_as_the_character_split_does() {
        let long = "Pneumonoultramicroscopicsilicovolcanoconiosis";
        for text in [
            "The BTC pipeline's 1,768 km -- from Baku (Sangachal) to Ceyhan.",
            &format!("{long}, {} and x9", long.to_uppercase()),
            "",
            "  ...  ",
            "T\u{fc}rkiye and Turkey",
        ] {
            let mut got = Vec::new();
            push_word_hashes(text, |h| got.push(h));
            let expected: Vec<u64> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(word_hash)
                .collect();
            assert_eq!(got, expected, "{text:?}");
        }
        let mut upper = Vec::new();
        push_word_hashes(&long.to_uppercase(), |h| upper.push(h));
        assert_eq!(upper, vec![word_hash(long)]);
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
    fn the_body_copy_across_a_column_break_stays_and_the_quote_goes() {
        // The body runs from block 0 into block 1 (a column break after "on how"); the quote
        // (block 3) repeats the whole run. Block 0 is wholly repeated text too, but its copy
        // continues into block 1's longer text, so the quote is block 3.
        let blocks = vec![
            block(
                "Going forward, the policy of the capital will depend largely on how",
                32.0,
            ),
            block(
                "relations develop between the two capitals and, of course, on how they develop with the third one in general. The record shows several options for the territories under control, each with its own price and risks for every side.",
                18.0,
            ),
            block(
                "An unrelated paragraph about demining and reconstruction, with words of its own.",
                32.0,
            ),
            block(
                "Going forward, the policy of the capital will depend largely on how relations develop between the two capitals and, of course, on how they develop",
                22.0,
            ),
        ];
        assert_eq!(find(&blocks), vec![false, false, false, true]);
    }

    #[test]
    fn a_short_repeated_phrase_is_no_quote() {
        let blocks = vec![
            block(
                "Under the 1997 Mine Ban Convention the states parties destroy their stockpiles within four years of joining.",
                32.0,
            ),
            block(
                "As with the 1997 Mine Ban Convention the states parties",
                32.0,
            ),
            block("must clear all mined areas within ten years.", 32.0),
        ];
        assert_eq!(find(&blocks), vec![false, false, false]);
    }

    #[test]
    fn templated_sentences_with_other_names_are_no_quotes() {
        // A news digest: the same sentence frames with a different town each time, and one
        // sentence printed twice far apart. Nothing is a block repeated by a pull quote but the
        // second copy of the repeated sentence, and its first copy stays.
        let towns = [
            "Abay", "Bafq", "Bolu", "Rize", "Engels", "Oyim", "Mucur", "Kursk", "Gori", "Hopa",
            "Chust", "Denov", "Jebel", "Marks", "Masis", "Tatvan",
        ];
        let frames = [
            "Officials in {} said the new road would open next spring.",
            "Local farmers near {} complained about the lack of water.",
            "A new school was opened in {}, the ministry said.",
            "Prices for bread rose sharply in {} last month.",
        ];
        let mut blocks: Vec<Block> = towns
            .iter()
            .enumerate()
            .map(|(i, t)| block(&frames[i % frames.len()].replace("{}", t), 30.0))
            .collect();
        let repeated = blocks[1].clone();
        blocks.push(repeated);
        let found = find(&blocks);
        let dropped: Vec<usize> = (0..found.len()).filter(|&i| found[i]).collect();
        assert!(dropped.len() <= 1, "dropped {dropped:?}");
        assert!(!found[1], "the first copy of the repeated sentence stays");
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

    #[test]
    fn duplicated_runs_are_maximal_and_in_text_order() {
        // Three runs: "a…l" printed twice (positions 0 and 40), "m…x" twice (12 and 60), and
        // a word sequence printed three times (24, 52 and 80); filler words are all distinct.
        let word = |i: u64| word_hash(&format!("w{i}"));
        let mut hashes: Vec<u64> = (1000..1090).map(word).collect();
        let mut put = |at: usize, from: u64, len: usize| {
            for (k, slot) in hashes.iter_mut().skip(at).take(len).enumerate() {
                *slot = word(from + k as u64);
            }
        };
        put(0, 0, 12);
        put(40, 0, 12);
        put(12, 100, 10);
        put(60, 100, 10);
        put(24, 200, 8);
        put(52, 200, 8);
        put(80, 200, 8);
        let runs = duplicated_runs(&hashes);
        let mut sorted = runs.clone();
        sorted.sort_unstable();
        assert_eq!(runs, sorted, "runs in text order");
        for expected in [
            (0, 40, 12),
            (12, 60, 10),
            (24, 52, 8),
            (24, 80, 8),
            (52, 80, 8),
        ] {
            assert!(runs.contains(&expected), "{expected:?} in {runs:?}");
        }
        assert_eq!(runs.len(), 5, "{runs:?}");
    }
}
