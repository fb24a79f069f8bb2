//! Linking: the gazetteer built from the atlas, mentions found in passages, the
//! feature ↔ passage indexes and search. Never imports egui.

mod alphabet;
pub mod choose;
pub mod correct;
pub mod evidence;
pub mod export;
pub mod fold;
pub mod gazetteer;
mod lists;
pub mod places;
pub mod resolve;
pub mod search;
mod shadow;
pub mod version;

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;

use crate::atlas::{Atlas, Feature};
use crate::corpus::{Corpus, Passage};

pub use gazetteer::{Gazetteer, GazetteerError};
pub use search::{FeatureHit, PassageHit, SearchIndex};
pub use version::{LINKER_VERSION, linker_version};

/// How strongly a mention refers to its feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MentionKind {
    /// The feature's name or an alias.
    Name,
    /// A demonym or adjective ("Azerbaijani", "Iranian"): a weaker link.
    Demonym,
}

/// One mention of a feature in a passage's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub feature: String,
    /// Byte offsets into the passage text.
    pub start: usize,
    pub end: usize,
    pub surface: String,
    pub kind: MentionKind,
}

/// The linker: a compiled gazetteer plus the resolution rules. Links any passages.
#[derive(Debug, Clone)]
pub struct Linker {
    gazetteer: Gazetteer,
    /// The ids of the features it was built from, shared by every [`Links`] it makes.
    ids: Arc<FeatureIds>,
}

/// Feature ids in atlas order and the index of each: built once per linker (8,000 ids cloned
/// and hashed on every link call were most of the cost of linking a short text).
#[derive(Debug, Clone, Default)]
struct FeatureIds {
    ids: Vec<String>,
    index: HashMap<String, usize>,
}

impl FeatureIds {
    fn new(features: &[Feature]) -> FeatureIds {
        let ids: Vec<String> = features.iter().map(|f| f.id.clone()).collect();
        let index = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i))
            .collect();
        FeatureIds { ids, index }
    }
}

/// One mention before ids are attached: feature index and span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Found {
    feature: usize,
    start: usize,
    end: usize,
    kind: MentionKind,
}

impl Linker {
    /// Build from the atlas features. `is_word` tells whether a folded single word is a common
    /// English word (names that are such words must be capitalised to match).
    pub fn new(
        features: &[Feature],
        is_word: &dyn Fn(&str) -> bool,
        blockers: &[String],
    ) -> Result<Linker, GazetteerError> {
        Ok(Linker {
            gazetteer: Gazetteer::new(features, is_word, blockers)?,
            ids: Arc::new(FeatureIds::new(features)),
        })
    }

    /// The linker of the atlas, with the shipped blocker phrases and the shipped English
    /// word list (`assets/words/`) deciding which names must be capitalised.
    pub fn from_atlas(atlas: &Atlas) -> Result<Linker, GazetteerError> {
        let blockers = gazetteer::parse_blockers(gazetteer::BLOCKERS_TOML)?;
        let vocab = crate::corpus::vocab::Vocab::new();
        let is_word = |w: &str| vocab.in_word_list(w);
        let locate = |lon: f64, lat: f64| atlas.pick(lon, lat, 0.0);
        Ok(Linker {
            gazetteer: Gazetteer::with_locator(
                atlas.features(),
                &is_word,
                &blockers,
                Some(&locate),
            )?,
            ids: Arc::new(FeatureIds::new(atlas.features())),
        })
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Link the passages of ONE document (in order); document-level evidence resolves the
    /// ambiguous names a passage alone cannot.
    fn link_document_found(&self, texts: &[&str]) -> Vec<Vec<Found>> {
        struct Pending {
            start: usize,
            end: usize,
            kind: MentionKind,
            candidates: Vec<usize>,
            derived: Vec<usize>,
            prev: Vec<String>,
            next: Option<String>,
        }
        let places = &self.gazetteer.places;
        let mut found: Vec<Vec<Found>> = Vec::with_capacity(texts.len());
        let mut pending: Vec<Vec<Pending>> = Vec::with_capacity(texts.len());
        let mut gaz_pending: Vec<Vec<choose::Pending>> = Vec::with_capacity(texts.len());
        let mut folded_texts: Vec<String> = Vec::with_capacity(texts.len());
        let mut doc_counts: HashMap<usize, u32> = HashMap::new();
        for text in texts {
            let (folded, matches) = self.gazetteer.scan(text);
            let mut f = Vec::new();
            let mut p = Vec::new();
            let mut g = Vec::new();
            for m in matches {
                // A name that is also a word or a person's name, used as a person or a title
                // here ("Mary said", "the Batman films"), is no place.
                // Only gazetteer places: linked with evidence. A gazetteer town sharing the
                // bare stem of a curated province ("Zanjan") joins the ordinary resolution,
                // where a listed name beats a derived one.
                let gazetteer = !m.targets.is_empty() && m.targets.iter().all(|t| t.gazetteer);
                // Capitals and countries speak for governments ("Bishkek asked"); a town does not.
                let common = !m.targets.is_empty()
                    && m.targets.iter().all(|t| {
                        t.common
                            && t.feature
                                .and_then(|i| places.get(i))
                                .is_some_and(|p| !p.speaks)
                    });
                if (gazetteer || common)
                    && evidence::person_or_work(text, m.start, m.end, gazetteer)
                {
                    continue;
                }
                if gazetteer {
                    let multi = text.get(m.start..m.end).is_some_and(|s| s.contains(' '));
                    g.push(choose::Pending {
                        start: m.start,
                        end: m.end,
                        candidates: m
                            .targets
                            .iter()
                            .filter_map(|t| t.feature.map(|i| (i, t.alias)))
                            .collect(),
                        // A name of several capitalised words ("Upper Lars") is no common word.
                        common: common && !multi,
                        words: multi,
                    });
                    continue;
                }
                // A gazetteer town sharing a curated province's bare stem ("Goranboy") is a
                // candidate only with a town cue next to it ("in Zanjan", "Zanjan city"); else
                // the stem keeps meaning the province, as it did before the gazetteer.
                // (Looked for only when it can matter: a gazetteer town among the targets.)
                let town_cue = m.targets.iter().any(|t| t.gazetteer)
                    && evidence::town_cue(text, m.start, m.end);
                let feats: Vec<usize> = m
                    .targets
                    .iter()
                    .filter(|t| !t.gazetteer || town_cue)
                    .filter_map(|t| t.feature)
                    .collect();
                // A gazetteer town sharing a province's derived stem is no more than the stem.
                let derived: Vec<usize> = m
                    .targets
                    .iter()
                    .filter(|t| t.derived || t.gazetteer)
                    .filter_map(|t| t.feature)
                    .collect();
                let kind = m
                    .targets
                    .first()
                    .map(|t| t.kind)
                    .unwrap_or(MentionKind::Name);
                match feats.as_slice() {
                    [] => {}
                    [one] => {
                        *doc_counts.entry(*one).or_insert(0) += 1;
                        f.push(Found {
                            feature: *one,
                            start: m.start,
                            end: m.end,
                            kind,
                        });
                    }
                    _ => {
                        let (prev, next) = resolve::context_words(&folded.text, m.fstart, m.fend);
                        // A town-only noun later in the clause: the town, not its district.
                        let next = match next {
                            Some("province" | "region" | "district" | "oblast" | "rayon") => next,
                            _ if evidence::town_clause(text, m.end) => Some("city"),
                            n => n,
                        };
                        p.push(Pending {
                            start: m.start,
                            end: m.end,
                            kind,
                            candidates: feats,
                            derived,
                            prev: prev.into_iter().map(str::to_string).collect(),
                            next: next.map(str::to_string),
                        });
                    }
                }
            }
            found.push(f);
            pending.push(p);
            gaz_pending.push(g);
            folded_texts.push(folded.text);
        }
        for (pi, (f, p)) in found.iter_mut().zip(pending).enumerate() {
            let text = texts.get(pi).copied().unwrap_or("");
            if p.is_empty() {
                continue;
            }
            let mut passage_counts: HashMap<usize, u32> = HashMap::new();
            for m in f.iter() {
                *passage_counts.entry(m.feature).or_insert(0) += 1;
            }
            let mut near = lists::ListNeighbours::new(f);
            for amb in p {
                let prev: Vec<&str> = amb.prev.iter().map(String::as_str).collect();
                let list = lists::list_kind(places, text, &near, amb.start, amb.end);
                if let Some(feature) = resolve::resolve(
                    places,
                    &amb.candidates,
                    &amb.derived,
                    (&prev, amb.next.as_deref()),
                    list,
                    &passage_counts,
                    &doc_counts,
                ) {
                    let m = Found {
                        feature,
                        start: amb.start,
                        end: amb.end,
                        kind: amb.kind,
                    };
                    near.resolved(&m);
                    f.push(m);
                }
            }
            f.sort_by_key(|m| (m.start, m.end));
        }
        self.link_gazetteer(texts, &folded_texts, gaz_pending, &mut found);
        shadow::apply_shadows(&self.gazetteer, texts, &mut found);
        for (text, f) in texts.iter().zip(found.iter_mut()) {
            shadow::drop_qualified_demonyms(text, f);
        }
        found
    }

    /// Gazetteer names found in the passages, linked only with evidence (see
    /// [`choose::link_places`]).
    fn link_gazetteer(
        &self,
        texts: &[&str],
        folded: &[String],
        pending: Vec<Vec<choose::Pending>>,
        found: &mut [Vec<Found>],
    ) {
        let places = &self.gazetteer.places;
        let mut doc: HashMap<usize, u32> = HashMap::new();
        for m in found.iter().flatten() {
            *doc.entry(m.feature).or_insert(0) += 1;
        }
        for (pi, (f, gp)) in found.iter_mut().zip(pending).enumerate() {
            if gp.is_empty() {
                continue;
            }
            let text = texts.get(pi).copied().unwrap_or("");
            let ftext = folded.get(pi).map_or("", String::as_str);
            // Names only: a demonym ("Tajik and Farsi languages") lists no place.
            let linked: Vec<(usize, usize, usize)> = f
                .iter()
                .filter(|m| m.kind == MentionKind::Name)
                .map(|m| (m.start, m.end, m.feature))
                .collect();
            for (start, end, feature) in
                choose::link_places(places, text, ftext, &linked, &doc, &gp)
            {
                f.push(Found {
                    feature,
                    start,
                    end,
                    kind: MentionKind::Name,
                });
            }
            f.sort_by_key(|m| (m.start, m.end));
        }
    }

    /// Link the passages of one document, in order.
    pub fn link_document(&self, texts: &[&str]) -> Vec<Vec<Mention>> {
        self.link_document_found(texts)
            .into_iter()
            .zip(texts)
            .map(|(found, text)| self.to_mentions(&found, text))
            .collect()
    }

    fn to_mentions(&self, found: &[Found], text: &str) -> Vec<Mention> {
        found
            .iter()
            .filter_map(|m| {
                Some(Mention {
                    feature: self.gazetteer.places.get(m.feature)?.id.clone(),
                    start: m.start,
                    end: m.end,
                    surface: text.get(m.start..m.end)?.to_string(),
                    kind: m.kind,
                })
            })
            .collect()
    }
}

/// A passage that mentions a feature, with how often and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PassageRef {
    /// Index into the corpus passages.
    pub passage: usize,
    pub names: u32,
    pub demonyms: u32,
}

/// The linked corpus: mentions per passage, feature → passages, passage → features,
/// co-mention counts.
#[derive(Debug, Clone, Default)]
pub struct Links {
    ids: Arc<FeatureIds>,
    mentions: Vec<Vec<Mention>>,
    by_feature: Vec<Vec<PassageRef>>,
    by_passage: Vec<Vec<usize>>,
    co: Vec<Vec<(usize, u32)>>,
    warnings: Vec<String>,
}

impl Links {
    /// Link every passage of the corpus to the features of the atlas and build the indexes.
    /// If the gazetteer cannot be built, the result is empty and says why in `warnings`.
    pub fn build(atlas: &Atlas, corpus: &Corpus) -> Links {
        match Linker::from_atlas(atlas) {
            Ok(linker) => Links::from_parts(atlas.features(), &corpus.passages, &linker),
            Err(e) => {
                let features = atlas.features();
                let n = corpus.passages.len();
                Links {
                    ids: Arc::new(FeatureIds::new(features)),
                    mentions: vec![Vec::new(); n],
                    by_feature: vec![Vec::new(); features.len()],
                    by_passage: vec![Vec::new(); n],
                    co: vec![Vec::new(); features.len()],
                    warnings: vec![e.to_string()],
                }
            }
        }
    }

    /// Link every passage with `linker`; `features` must be the ones the linker was built from.
    pub fn from_parts(features: &[Feature], passages: &[Passage], linker: &Linker) -> Links {
        // The linker's own ids: its matches index the features it was built from.
        debug_assert_eq!(features.len(), linker.ids.ids.len());
        let ids = Arc::clone(&linker.ids);
        // Documents are linked independently (document-level evidence stays inside one), so
        // they are linked in parallel.
        let groups = group_by_document(passages);
        // Handed out longest first, so that no long document is left for the end while the
        // other threads wait.
        let size = |idxs: &Vec<usize>| -> usize {
            idxs.iter()
                .filter_map(|&i| passages.get(i))
                .map(|p| p.text.len())
                .sum()
        };
        let linked = crate::par::map_largest_first(&groups, size, |idxs| {
            let texts: Vec<&str> = idxs
                .iter()
                .filter_map(|&i| passages.get(i).map(|p| p.text.as_str()))
                .collect();
            let found = linker.link_document_found(&texts);
            let mentions: Vec<Vec<Mention>> = found
                .iter()
                .zip(&texts)
                .map(|(f, t)| linker.to_mentions(f, t))
                .collect();
            let tallies: Vec<Tally> = found
                .iter()
                .map(|f| tally(f.iter().map(|m| (m.feature, m.kind))))
                .collect();
            (tallies, mentions)
        });
        let mut tallies: Vec<Tally> = vec![Vec::new(); passages.len()];
        let mut mentions: Vec<Vec<Mention>> = vec![Vec::new(); passages.len()];
        for (idxs, (t, m)) in groups.iter().zip(linked) {
            for ((&i, t), m) in idxs.iter().zip(t).zip(m) {
                if let (Some(ts), Some(ms)) = (tallies.get_mut(i), mentions.get_mut(i)) {
                    *ts = t;
                    *ms = m;
                }
            }
        }
        Links::index(ids, mentions, tallies)
    }

    /// Links from mentions already found (stored in the reader's library): one list per
    /// passage, in passage order. Mentions of features `features` lacks are dropped.
    pub fn from_stored(features: &[Feature], mut mentions: Vec<Vec<Mention>>) -> Links {
        let ids = Arc::new(FeatureIds::new(features));
        let feature_index = &ids.index;
        for ms in &mut mentions {
            ms.retain(|m| feature_index.contains_key(&m.feature));
            ms.sort_by_key(|m| (m.start, m.end));
        }
        let tallies: Vec<Tally> = mentions
            .iter()
            .map(|ms| {
                tally(
                    ms.iter()
                        .filter_map(|m| feature_index.get(&m.feature).map(|&i| (i, m.kind))),
                )
            })
            .collect();
        Links::index(ids, mentions, tallies)
    }

    /// The feature ↔ passage indexes and co-mentions of mentions (`tallies`: each passage's
    /// mentions counted per feature, by [`tally`]).
    fn index(ids: Arc<FeatureIds>, mentions: Vec<Vec<Mention>>, tallies: Vec<Tally>) -> Links {
        let n_features = ids.ids.len();
        // Each passage's features (ascending) with their name and demonym mentions; then the
        // feature → passages lists and the co-mentions, built at once.
        let by_passage: Vec<Vec<usize>> = tallies
            .iter()
            .map(|t| t.iter().map(|&(f, _, _)| f).collect())
            .collect();
        let (by_feature, co) = crate::par::join(
            || passages_by_feature(&tallies, n_features),
            || co_mentions(&by_passage, n_features),
        );
        Links {
            ids,
            mentions,
            by_feature,
            by_passage,
            co,
            warnings: Vec::new(),
        }
    }

    /// Mentions in passage `passage` (index into the corpus passages), sorted by start.
    pub fn mentions(&self, passage: usize) -> &[Mention] {
        self.mentions.get(passage).map_or(&[], Vec::as_slice)
    }

    /// Mentions of every passage, in corpus order.
    pub fn all_mentions(&self) -> &[Vec<Mention>] {
        &self.mentions
    }

    /// Passages mentioning feature `feature` (atlas index), ranked: Name mentions, then
    /// demonym mentions, then document order.
    pub fn passages_of(&self, feature: usize) -> &[PassageRef] {
        self.by_feature.get(feature).map_or(&[], Vec::as_slice)
    }

    /// Same as [`Links::passages_of`], by feature id.
    pub fn passages_of_id(&self, id: &str) -> &[PassageRef] {
        self.ids.index.get(id).map_or(&[], |&i| self.passages_of(i))
    }

    /// Features mentioned in passage `passage` (atlas indices, ascending).
    pub fn features_of(&self, passage: usize) -> &[usize] {
        self.by_passage.get(passage).map_or(&[], Vec::as_slice)
    }

    /// Features co-mentioned with `feature`: (atlas index, number of passages naming both),
    /// most frequent first, ties by index.
    pub fn co_mentions(&self, feature: usize) -> &[(usize, u32)] {
        self.co.get(feature).map_or(&[], Vec::as_slice)
    }

    /// Number of passages naming both features.
    pub fn co_mention_count(&self, a: usize, b: usize) -> u32 {
        self.co_mentions(a)
            .iter()
            .find(|&&(f, _)| f == b)
            .map_or(0, |&(_, n)| n)
    }

    /// The atlas index of a feature id.
    pub fn feature_index(&self, id: &str) -> Option<usize> {
        self.ids.index.get(id).copied()
    }

    /// The id of atlas feature `idx`.
    pub fn feature_id(&self, idx: usize) -> Option<&str> {
        self.ids.ids.get(idx).map(String::as_str)
    }

    /// Problems met while building (bad blocker file…); the rest still works.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }
}

/// The passages of each document (indices, in corpus order), documents in order of first
/// appearance. A corpus lists a document's passages together, so the document is looked up
/// only where it changes (this ran alone, on one thread, while the others waited).
fn group_by_document(passages: &[Passage]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: HashMap<&str, usize> = HashMap::new();
    let mut current: Option<(&str, usize)> = None;
    for (i, p) in passages.iter().enumerate() {
        let doc = p.document.as_str();
        let g = match current {
            Some((d, g)) if d == doc => g,
            _ => {
                let next = groups.len();
                let g = *group_of.entry(doc).or_insert(next);
                if g == next {
                    groups.push(Vec::new());
                }
                current = Some((doc, g));
                g
            }
        };
        if let Some(list) = groups.get_mut(g) {
            list.push(i);
        }
    }
    groups
}

/// A passage's mentions counted per feature: `(feature index, names, demonyms)`, by feature.
type Tally = Vec<(usize, u32, u32)>;

/// The [`Tally`] of a passage's mentions (feature index and kind of each).
fn tally(found: impl Iterator<Item = (usize, MentionKind)>) -> Tally {
    let mut sorted: Vec<(usize, MentionKind)> = found.collect();
    sorted.sort_unstable_by_key(|&(f, _)| f);
    sorted
        .chunk_by(|a, b| a.0 == b.0)
        .filter_map(|run| {
            let &(feature, _) = run.first()?;
            let names = run.iter().filter(|(_, k)| *k == MentionKind::Name).count() as u32;
            Some((feature, names, run.len() as u32 - names))
        })
        .collect()
}

/// For each feature, the passages that mention it: most name mentions first, then most
/// demonym mentions, then in corpus order.
fn passages_by_feature(tallies: &[Tally], n_features: usize) -> Vec<Vec<PassageRef>> {
    let mut by_feature: Vec<Vec<PassageRef>> = vec![Vec::new(); n_features];
    for (passage, tally) in tallies.iter().enumerate() {
        for &(feature, names, demonyms) in tally {
            if let Some(list) = by_feature.get_mut(feature) {
                list.push(PassageRef {
                    passage,
                    names,
                    demonyms,
                });
            }
        }
    }
    for list in &mut by_feature {
        // Pushed in corpus order: a stable sort keeps it among equals.
        list.sort_by(|a, b| b.names.cmp(&a.names).then(b.demonyms.cmp(&a.demonyms)));
    }
    by_feature
}

/// For each feature, the features named in the same passages and in how many: most first,
/// ties by index. Each feature's partners (one entry per passage naming both) are laid out in
/// one array, a slice per feature (a counting sort: sorting all the pairs cost more than the
/// rest of the index), then each slice is sorted and counted.
fn co_mentions(by_passage: &[Vec<usize>], n_features: usize) -> Vec<Vec<(usize, u32)>> {
    // Where each feature's slice starts (the features of a passage are distinct, so each has
    // one partner fewer than the passage has features).
    let mut starts = vec![0usize; n_features + 1];
    for feats in by_passage {
        for &a in feats.iter().filter(|&&a| a < n_features) {
            if let Some(n) = starts.get_mut(a + 1) {
                *n += feats.len() - 1;
            }
        }
    }
    for i in 1..starts.len() {
        let before = starts.get(i - 1).copied().unwrap_or(0);
        if let Some(s) = starts.get_mut(i) {
            *s += before;
        }
    }
    let mut partners = vec![0usize; starts.last().copied().unwrap_or(0)];
    let mut next = starts.clone();
    for feats in by_passage {
        for &a in feats {
            let Some(at) = next.get_mut(a).filter(|_| a < n_features) else {
                continue;
            };
            for &b in feats.iter().filter(|&&b| b != a) {
                if let Some(slot) = partners.get_mut(*at) {
                    *slot = b;
                }
                *at += 1;
            }
        }
    }
    starts
        .windows(2)
        .map(|w| {
            let (from, to) = (
                w.first().copied().unwrap_or(0),
                w.get(1).copied().unwrap_or(0),
            );
            let Some(list) = partners.get_mut(from..to) else {
                return Vec::new();
            };
            list.sort_unstable();
            let mut counted: Vec<(usize, u32)> = list
                .chunk_by(|x, y| x == y)
                .filter_map(|run| run.first().map(|&b| (b, run.len() as u32)))
                .collect();
            counted.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
            counted
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(document: &str, index: usize) -> Passage {
        Passage {
            id: crate::corpus::passage_id(document, index),
            document: document.to_string(),
            index,
            heading: None,
            text: String::new(),
        }
    }

    #[test]
    fn passages_are_grouped_by_document_also_when_documents_interleave() {
        let passages = [
            passage("b", 0),
            passage("b", 1),
            passage("a", 0),
            passage("b", 2),
            passage("c", 0),
            passage("a", 1),
        ];
        assert_eq!(
            group_by_document(&passages),
            vec![vec![0, 1, 3], vec![2, 5], vec![4]]
        );
        assert!(group_by_document(&[]).is_empty());
    }
}
