//! Search: features by name or alias, tolerant of case, diacritics and typos (bounded
//! Damerau-Levenshtein distance plus trigram similarity over folded names), and full text over
//! passages (an inverted index of folded word tokens ranked with BM25, typo-expanded terms,
//! "quoted phrases" matched exactly and in order, a place named by any of its spellings found
//! through its links, matched byte ranges for highlighting).

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::Links;
use super::fold::{fold, fold_str};
use super::gazetteer::kind_rank;
use crate::atlas::{Atlas, Feature, Kind};
use crate::corpus::{Corpus, Passage};

/// A feature found by [`SearchIndex::search_features`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FeatureHit {
    /// Index into the atlas features.
    pub idx: usize,
    /// 0..=1, higher is better.
    pub score: f32,
}

/// A passage found by [`SearchIndex::search_passages`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PassageHit {
    /// Index into the corpus passages.
    pub passage_idx: usize,
    pub score: f32,
    /// Byte ranges of matched words in the passage text, sorted.
    pub ranges: Vec<(usize, usize)>,
}

#[derive(Debug, Clone)]
struct NameEntry {
    feature: usize,
    folded: String,
    words: Vec<String>,
    trigrams: Vec<[char; 3]>,
    /// Demonyms weigh less than names.
    weight: f32,
    /// A name or alias of the place itself (not a demonym, not the id).
    place_name: bool,
}

/// A query taken apart: free words (any of them, typo-tolerant) and "quoted phrases" (each one
/// exactly, its words in order). Words are folded like the index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub words: Vec<String>,
    pub phrases: Vec<Vec<String>>,
}

/// Quote marks that open or close a phrase: straight and typographic double quotes.
fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{ab}' | '\u{bb}'
    )
}

/// Split a query into free words and quoted phrases. An unclosed quote runs to the end; a
/// phrase of one word is still exact (no typo tolerance); empty quotes are ignored.
pub fn parse_query(query: &str) -> Query {
    let mut out = Query::default();
    for (i, part) in query.split(is_quote).enumerate() {
        let words = words_of(&fold_str(part));
        if i % 2 == 1 {
            if !words.is_empty() {
                out.phrases.push(words);
            }
        } else {
            out.words.extend(words);
        }
    }
    out
}

/// Passages scored by something other than their words (a place's links): postings
/// (passage, weighted count) and the byte ranges to highlight in each.
struct Extra {
    postings: Vec<(u32, f32)>,
    ranges: HashMap<u32, Vec<(usize, usize)>>,
}

/// The search index over the atlas and the corpus.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    names: Vec<NameEntry>,
    kinds: Vec<Kind>,
    ids: Vec<String>,
    postings: HashMap<String, Vec<(u32, u32)>>,
    doc_len: Vec<u32>,
    avg_len: f32,
    /// Passage texts, for the highlight ranges.
    texts: Vec<String>,
}

/// Damerau-Levenshtein (optimal string alignment) distance, giving up above `max`.
pub fn edit_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let big = usize::MAX / 2;
    let at = |v: &[usize], k: usize| v.get(k).copied().unwrap_or(big);
    // Three rolling rows of the table: two rows back (for transpositions), previous, current.
    let mut prev2: Vec<usize> = vec![big; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur: Vec<usize> = vec![big; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        cur.fill(big);
        if let Some(first) = cur.first_mut() {
            *first = i + 1;
        }
        let mut row_min = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let mut v = (at(&prev, j + 1) + 1)
                .min(at(&cur, j) + 1)
                .min(at(&prev, j) + cost);
            let swapped = i > 0 && j > 0 && a.get(i - 1) == Some(&cb) && b.get(j - 1) == Some(&ca);
            if swapped {
                v = v.min(at(&prev2, j - 1) + 1);
            }
            if let Some(cell) = cur.get_mut(j + 1) {
                *cell = v;
            }
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let dist = at(&prev, b.len());
    (dist <= max).then_some(dist)
}

/// Typos allowed for a query word of `len` chars.
fn max_typos(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=6 => 1,
        _ => 2,
    }
}

fn trigrams(s: &str) -> Vec<[char; 3]> {
    let padded: Vec<char> = std::iter::once(' ')
        .chain(s.chars())
        .chain(std::iter::once(' '))
        .collect();
    let mut t: Vec<[char; 3]> = padded
        .windows(3)
        .filter_map(|w| match w {
            &[a, b, c] => Some([a, b, c]),
            _ => None,
        })
        .collect();
    t.sort_unstable();
    t.dedup();
    t
}

fn jaccard(a: &[[char; 3]], b: &[[char; 3]]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - inter;
    inter as f32 / union as f32
}

/// Folded word tokens of `text` with their original byte spans.
fn tokens(text: &str) -> Vec<(String, usize, usize)> {
    let f = fold(text);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let t = f.text.as_str();
    for (i, c) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take()
            && let (Some(word), Some((os, oe))) = (t.get(s..i), f.original_span(s, i))
        {
            out.push((word.to_string(), os, oe));
        }
    }
    out
}

/// Whether `q` occurs in `name` starting at a word (so "gas" is not found inside "Khorgas").
fn contains_at_word_start(name: &str, q: &str) -> bool {
    name.match_indices(q).any(|(i, _)| {
        name.get(..i)
            .and_then(|before| before.chars().next_back())
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// The byte spans of `text` where the folded words of `phrase` occur in a row.
fn phrase_spans(text: &str, phrase: &[String]) -> Vec<(usize, usize)> {
    let toks = tokens(text);
    if phrase.is_empty() || toks.len() < phrase.len() {
        return Vec::new();
    }
    toks.windows(phrase.len())
        .filter(|w| w.iter().zip(phrase).all(|((t, _, _), p)| t == p))
        .filter_map(|w| Some((w.first()?.1, w.last()?.2)))
        .collect()
}

fn words_of(folded: &str) -> Vec<String> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

impl SearchIndex {
    /// Index the names of `features` and the text of `passages`.
    pub fn from_parts(features: &[Feature], passages: &[Passage]) -> SearchIndex {
        let mut names = Vec::new();
        for (i, f) in features.iter().enumerate() {
            let mut seen = HashSet::new();
            let mut all: Vec<(&str, f32, bool)> = vec![(f.name.as_str(), 1.0, true)];
            all.extend(f.aliases.iter().map(|a| (a.as_str(), 1.0, true)));
            all.extend(f.demonyms.iter().map(|d| (d.as_str(), 0.8, false)));
            all.push((f.id.as_str(), 0.95, false));
            for (n, weight, place_name) in all {
                let base = n.find('(').filter(|&p| p > 0).and_then(|p| n.get(..p));
                for v in std::iter::once(n).chain(base) {
                    let folded = fold_str(v);
                    if folded.is_empty() || !seen.insert(folded.clone()) {
                        continue;
                    }
                    names.push(NameEntry {
                        feature: i,
                        words: words_of(&folded),
                        trigrams: trigrams(&folded),
                        folded,
                        weight,
                        place_name,
                    });
                }
            }
        }
        let mut postings: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
        let mut doc_len = Vec::with_capacity(passages.len());
        for (pi, p) in passages.iter().enumerate() {
            let toks = tokens(&p.text);
            doc_len.push(toks.len() as u32);
            let mut tf: HashMap<String, u32> = HashMap::new();
            for (w, _, _) in toks {
                *tf.entry(w).or_insert(0) += 1;
            }
            for (w, n) in tf {
                postings.entry(w).or_default().push((pi as u32, n));
            }
        }
        for list in postings.values_mut() {
            list.sort_unstable();
        }
        let total: u64 = doc_len.iter().map(|&l| u64::from(l)).sum();
        let avg_len = if doc_len.is_empty() {
            0.0
        } else {
            total as f32 / doc_len.len() as f32
        };
        SearchIndex {
            names,
            kinds: features.iter().map(|f| f.kind).collect(),
            ids: features.iter().map(|f| f.id.clone()).collect(),
            postings,
            doc_len,
            avg_len,
            texts: passages.iter().map(|p| p.text.clone()).collect(),
        }
    }

    /// Index the atlas features and the corpus passages.
    pub fn build(atlas: &Atlas, corpus: &Corpus) -> SearchIndex {
        SearchIndex::from_parts(atlas.features(), &corpus.passages)
    }

    /// Number of passages indexed.
    pub fn passage_count(&self) -> usize {
        self.doc_len.len()
    }

    /// Passages matching the words of `query`, ranked by BM25 (typo-tolerant for words the
    /// corpus lacks), with the byte ranges of matched words for highlighting.
    pub fn search_passages(&self, query: &str, limit: usize) -> Vec<PassageHit> {
        self.search_passages_in(query, limit, |i| self.texts.get(i).map(String::as_str))
    }

    /// Score of one name entry against a folded query (0 = no match).
    fn score_name(entry: &NameEntry, q: &str, q_words: &[String], q_tri: &[[char; 3]]) -> f32 {
        let name = entry.folded.as_str();
        let qlen = q.chars().count();
        let nlen = name.chars().count().max(1);
        let coverage = qlen.min(nlen) as f32 / nlen as f32;
        let mut s: f32 = if name == q {
            1.0
        } else if name.starts_with(q) {
            0.8 + 0.15 * coverage
        } else if entry
            .words
            .iter()
            .any(|w| q_words.first().is_some_and(|f| w.starts_with(f.as_str())))
            && contains_at_word_start(name, q)
        {
            0.7 + 0.15 * coverage
        } else if contains_at_word_start(name, q) {
            0.6 + 0.1 * coverage
        } else {
            0.0
        };
        // Typos: the whole name, or as many leading words of the name as the query has.
        let max = max_typos(qlen);
        if max > 0 {
            if let Some(d) = edit_distance(q, name, max) {
                s = s.max(0.85 - 0.1 * d as f32);
            }
            let k = q_words.len().max(1);
            if entry.words.len() > k {
                let head = entry
                    .words
                    .get(..k)
                    .map(|w| w.join(" "))
                    .unwrap_or_default();
                if let Some(d) = edit_distance(q, &head, max) {
                    s = s.max(0.75 - 0.1 * d as f32 + 0.05 * coverage);
                }
            }
            for w in &entry.words {
                if q_words.len() == 1
                    && w.chars().count() >= 4
                    && let Some(d) = edit_distance(q, w, max)
                {
                    s = s.max(0.6 - 0.1 * d as f32);
                }
            }
        }
        let j = jaccard(q_tri, &entry.trigrams);
        if j >= 0.35 {
            s = s.max(0.5 * j);
        }
        s * entry.weight
    }

    /// Features whose name, alias or demonym matches `query`, best first. Quote marks are
    /// ignored.
    pub fn search_features(&self, query: &str, limit: usize) -> Vec<FeatureHit> {
        let q = fold_str(&query.replace(is_quote, " "));
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        let q_words = words_of(&q);
        let q_tri = trigrams(&q);
        let mut best: HashMap<usize, f32> = HashMap::new();
        for e in &self.names {
            let s = Self::score_name(e, &q, &q_words, &q_tri);
            if s > 0.0 {
                let b = best.entry(e.feature).or_insert(0.0);
                if s > *b {
                    *b = s;
                }
            }
        }
        let mut hits: Vec<FeatureHit> = best
            .into_iter()
            .map(|(idx, score)| FeatureHit { idx, score })
            .collect();
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| {
                    let ka = self.kinds.get(a.idx).map_or(u8::MAX, |k| kind_rank(*k));
                    let kb = self.kinds.get(b.idx).map_or(u8::MAX, |k| kind_rank(*k));
                    ka.cmp(&kb)
                })
                .then_with(|| self.ids.get(a.idx).cmp(&self.ids.get(b.idx)))
        });
        hits.truncate(limit);
        hits
    }

    /// The places a whole (unquoted) query names: features one of whose names or aliases is the
    /// query after folding, else (none exact) is within the typo bound of it, closest first.
    /// Demonyms and ids do not count: "Iranian" is not a search for Iran's passages.
    pub fn places_named(&self, query: &str) -> Vec<usize> {
        let parsed = parse_query(query);
        if !parsed.phrases.is_empty() || parsed.words.is_empty() {
            return Vec::new();
        }
        let q = parsed.words.join(" ");
        // A demonym or an id typed exactly is not a place's name ("Iranian").
        let exact: Vec<&NameEntry> = self.names.iter().filter(|e| e.folded == q).collect();
        if !exact.is_empty() && exact.iter().all(|e| !e.place_name) {
            return Vec::new();
        }
        let max = max_typos(q.chars().count());
        let mut best: Option<usize> = None;
        let mut found: Vec<usize> = Vec::new();
        for e in self.names.iter().filter(|e| e.place_name) {
            let d = if e.folded == q {
                Some(0)
            } else if max > 0 {
                edit_distance(&q, &e.folded, max)
            } else {
                None
            };
            let Some(d) = d else { continue };
            match best {
                Some(b) if d > b => continue,
                Some(b) if d < b => found.clear(),
                _ => {}
            }
            best = Some(d);
            if !found.contains(&e.feature) {
                found.push(e.feature);
            }
        }
        found.sort_unstable();
        found
    }

    /// [`SearchIndex::search_passages_in`], and the passages that mention a place the query
    /// names (by any of its names or aliases, see [`SearchIndex::places_named`]) found through
    /// `links`, whatever spelling they use: their mentions of it are the highlighted ranges.
    pub fn search_passages_linked<'a>(
        &self,
        query: &str,
        limit: usize,
        texts: impl Fn(usize) -> Option<&'a str>,
        links: &Links,
    ) -> Vec<PassageHit> {
        let extras = self
            .places_named(query)
            .into_iter()
            .filter_map(|f| {
                let id = self.ids.get(f)?;
                let mut postings = Vec::new();
                let mut ranges: HashMap<u32, Vec<(usize, usize)>> = HashMap::new();
                for r in links.passages_of(f) {
                    let tf = r.names as f32 + 0.5 * r.demonyms as f32;
                    postings.push((r.passage as u32, tf.max(0.5)));
                    let spans = links
                        .mentions(r.passage)
                        .iter()
                        .filter(|m| &m.feature == id)
                        .map(|m| (m.start, m.end));
                    ranges.entry(r.passage as u32).or_default().extend(spans);
                }
                (!postings.is_empty()).then_some(Extra { postings, ranges })
            })
            .collect();
        self.rank(&parse_query(query), limit, texts, extras)
    }

    /// Index terms matching a folded query word: itself, else close spellings.
    fn expand(&self, word: &str) -> Vec<(&str, f32)> {
        if let Some((k, _)) = self.postings.get_key_value(word) {
            return vec![(k.as_str(), 1.0)];
        }
        let max = max_typos(word.chars().count());
        if max == 0 {
            return Vec::new();
        }
        let mut out: Vec<(&str, f32)> = self
            .postings
            .keys()
            .filter_map(|k| {
                edit_distance(word, k, max).map(|d| (k.as_str(), 1.0 / (1.0 + d as f32)))
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(b.0));
        out
    }

    /// Passages matching the words of `query`, ranked by BM25, with matched byte ranges.
    /// "Quoted phrases" must all occur, exactly and in order; free words are typo-tolerant and
    /// any of them may match. `texts(i)` gives passage `i`'s text for the ranges.
    pub fn search_passages_in<'a>(
        &self,
        query: &str,
        limit: usize,
        texts: impl Fn(usize) -> Option<&'a str>,
    ) -> Vec<PassageHit> {
        self.rank(&parse_query(query), limit, texts, Vec::new())
    }

    /// BM25 over the free words, the phrases and the extra postings; phrases filter.
    fn rank<'a>(
        &self,
        query: &Query,
        limit: usize,
        texts: impl Fn(usize) -> Option<&'a str>,
        extras: Vec<Extra>,
    ) -> Vec<PassageHit> {
        if (query.words.is_empty() && query.phrases.is_empty())
            || limit == 0
            || self.doc_len.is_empty()
        {
            return Vec::new();
        }
        let n = self.doc_len.len() as f32;
        let (k1, b) = (1.2f32, 0.75f32);
        let bm25 = |df: f32, tf: f32, p: u32| {
            let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
            let len = self.doc_len.get(p as usize).copied().unwrap_or(0) as f32;
            idf * tf * (k1 + 1.0) / (tf + k1 * (1.0 - b + b * len / self.avg_len.max(1.0)))
        };
        let mut scores = vec![0f32; self.doc_len.len()];
        let mut touched: Vec<u32> = Vec::new();
        let mut add = |p: u32, s: f32, touched: &mut Vec<u32>| {
            if let Some(slot) = scores.get_mut(p as usize) {
                if *slot == 0.0 {
                    touched.push(p);
                }
                *slot += s;
            }
        };
        let mut matched_terms: HashSet<&str> = HashSet::new();
        let mut seen_words = HashSet::new();
        for w in &query.words {
            if !seen_words.insert(w.as_str()) {
                continue;
            }
            for (term, weight) in self.expand(w) {
                let Some(list) = self.postings.get(term) else {
                    continue;
                };
                matched_terms.insert(term);
                for &(p, tf) in list {
                    add(
                        p,
                        weight * bm25(list.len() as f32, tf as f32, p),
                        &mut touched,
                    );
                }
            }
        }
        // Phrases: passages holding every word of a phrase are candidates; the text decides.
        let mut phrase_ranges: HashMap<u32, Vec<(usize, usize)>> = HashMap::new();
        let mut required: Option<HashSet<u32>> = None;
        for phrase in &query.phrases {
            let mut candidates: Option<HashSet<u32>> = None;
            for w in phrase {
                let have: HashSet<u32> = self
                    .postings
                    .get(w.as_str())
                    .map(|l| l.iter().map(|&(p, _)| p).collect())
                    .unwrap_or_default();
                candidates = Some(match candidates {
                    None => have,
                    Some(c) => c.intersection(&have).copied().collect(),
                });
            }
            let found: Vec<(u32, Vec<(usize, usize)>)> = candidates
                .unwrap_or_default()
                .into_iter()
                .filter_map(|p| {
                    let spans = phrase_spans(texts(p as usize)?, phrase);
                    (!spans.is_empty()).then_some((p, spans))
                })
                .collect();
            // A phrase scores like one rare term, weighted by its length in words.
            let df = found.len() as f32;
            let mut holding = HashSet::new();
            for (p, spans) in found {
                let tf = spans.len() as f32;
                add(p, bm25(df, tf, p) * phrase.len() as f32, &mut touched);
                phrase_ranges.entry(p).or_default().extend(spans);
                holding.insert(p);
            }
            required = Some(match required {
                None => holding,
                Some(r) => r.intersection(&holding).copied().collect(),
            });
        }
        let mut extra_ranges: HashMap<u32, Vec<(usize, usize)>> = HashMap::new();
        for extra in extras {
            let df = extra.postings.len() as f32;
            for &(p, tf) in &extra.postings {
                add(p, bm25(df, tf, p), &mut touched);
            }
            for (p, r) in extra.ranges {
                extra_ranges.entry(p).or_default().extend(r);
            }
        }
        let mut hits: Vec<(u32, f32)> = touched
            .into_iter()
            .filter(|p| required.as_ref().is_none_or(|r| r.contains(p)))
            .filter_map(|p| scores.get(p as usize).map(|&s| (p, s)))
            .collect();
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        hits.truncate(limit);
        hits.into_iter()
            .map(|(p, score)| {
                let mut ranges: Vec<(usize, usize)> = texts(p as usize)
                    .map(|t| {
                        tokens(t)
                            .into_iter()
                            .filter(|(w, _, _)| matched_terms.contains(w.as_str()))
                            .map(|(_, s, e)| (s, e))
                            .collect()
                    })
                    .unwrap_or_default();
                ranges.extend(phrase_ranges.remove(&p).unwrap_or_default());
                ranges.extend(extra_ranges.remove(&p).unwrap_or_default());
                ranges.sort_unstable();
                ranges.dedup();
                PassageHit {
                    passage_idx: p as usize,
                    score,
                    ranges,
                }
            })
            .collect()
    }

    /// [`SearchIndex::search_passages_in`] over the passages the index was built from.
    pub fn search_passages_of(
        &self,
        passages: &[Passage],
        query: &str,
        limit: usize,
    ) -> Vec<PassageHit> {
        self.search_passages_in(query, limit, |i| passages.get(i).map(|p| p.text.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_bounds() {
        assert_eq!(edit_distance("nakhichevan", "nakhchivan", 2), Some(2));
        assert_eq!(edit_distance("zangazur", "zangezur", 2), Some(1));
        assert_eq!(edit_distance("abcd", "abdc", 1), Some(1));
        assert_eq!(edit_distance("baku", "tbilisi", 2), None);
        assert_eq!(edit_distance("", "", 0), Some(0));
        assert_eq!(edit_distance("", "ab", 2), Some(2));
        assert_eq!(edit_distance("kitten", "sitting", 3), Some(3));
        assert_eq!(edit_distance("ca", "abc", 3), Some(3));
    }

    #[test]
    fn trigram_similarity() {
        let a = trigrams("turkiye");
        assert!(jaccard(&a, &trigrams("turkiye")) > 0.99);
        assert!(jaccard(&a, &trigrams("baku")) < 0.1);
    }

    #[test]
    fn queries_split_into_words_and_phrases() {
        let q = parse_query("pipeline \"Article 9\" Baku \u{201c}Lachin  Corridor\u{201d}");
        assert_eq!(q.words, ["pipeline", "baku"]);
        assert_eq!(
            q.phrases,
            [vec!["article", "9"], vec!["lachin", "corridor"]]
        );
        let open = parse_query("\"unclosed phrase");
        assert!(open.words.is_empty());
        assert_eq!(open.phrases, [vec!["unclosed", "phrase"]]);
        assert_eq!(
            parse_query("\"\" a"),
            Query {
                words: vec!["a".into()],
                phrases: vec![]
            }
        );
    }

    #[test]
    fn phrases_match_words_in_a_row_only() {
        let text = "Article 9 of the statement; article 19 and 9 articles.";
        let spans = phrase_spans(text, &["article".into(), "9".into()]);
        assert_eq!(spans.len(), 1);
        let [(s, e)] = spans[..] else {
            panic!("one span expected: {spans:?}")
        };
        assert_eq!(&text[s..e], "Article 9");
    }

    #[test]
    fn substrings_count_only_at_word_starts() {
        assert!(contains_at_word_start("south caucasus gas pipeline", "gas"));
        assert!(contains_at_word_start("gas", "gas"));
        assert!(!contains_at_word_start("khorgas", "gas"));
    }

    #[test]
    fn tokens_keep_original_spans() {
        let t = "Türkiye’s Nagorno-Karabakh";
        let toks = tokens(t);
        let words: Vec<&str> = toks.iter().map(|(w, _, _)| w.as_str()).collect();
        assert_eq!(words, vec!["turkiye", "s", "nagorno", "karabakh"]);
        let (_, s, e) = toks.first().cloned().unwrap_or_default();
        assert_eq!(&t[s..e], "Türkiye");
    }
}
