//! `Library`: the documents, passages, links and search index the panels read, with the lookup
//! tables they need, and `View`, which pairs it with the atlas features as a [`Source`].

use std::collections::HashMap;

use super::source::{HitTarget, PassageHit, SearchHit, Source, relevance};
use crate::atlas::Feature;
use crate::corpus::{Document, Passage};
use crate::links::fold::fold_str;
use crate::links::{Links, Mention, SearchIndex};

/// The linked corpus, ready for the panels.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub documents: Vec<Document>,
    pub passages: Vec<Passage>,
    pub links: Links,
    pub search: SearchIndex,
    document_index: HashMap<String, usize>,
    passage_index: HashMap<String, usize>,
    /// Passages of each document, in reading order.
    document_passages: Vec<Vec<usize>>,
    /// Distinct places each document mentions (its links are final when the library is built).
    document_places: Vec<usize>,
    /// Ids of the documents the reader added.
    pub user_documents: Vec<String>,
    /// The reader's stored corrections, oldest first (already applied to `links`).
    pub corrections: Vec<crate::library::corrections::Correction>,
    /// Where the corrections made or replaced a mention: (passage index, start byte).
    pub corrected: crate::links::correct::Corrected,
    /// The reader's notes and highlights, oldest first.
    pub notes: Vec<crate::library::notes::Note>,
}

impl Library {
    /// Index already-linked documents and passages. `links` and `search` must have been built
    /// from these passages (and the features the library will be viewed with).
    pub fn new(
        documents: Vec<Document>,
        passages: Vec<Passage>,
        links: Links,
        search: SearchIndex,
    ) -> Library {
        let document_index: HashMap<String, usize> = documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        let passage_index = passages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        let mut document_passages = vec![Vec::new(); documents.len()];
        for (i, p) in passages.iter().enumerate() {
            if let Some(list) = document_index
                .get(&p.document)
                .and_then(|&d| document_passages.get_mut(d))
            {
                list.push(i);
            }
        }
        for list in &mut document_passages {
            list.sort_by_key(|&i| passages.get(i).map_or(0, |p| p.index));
        }
        let document_places = document_passages
            .iter()
            .map(|list| {
                super::source::distinct_places(list.iter().flat_map(|&p| links.mentions(p)))
            })
            .collect();
        Library {
            documents,
            passages,
            links,
            search,
            document_index,
            passage_index,
            document_passages,
            document_places,
            user_documents: Vec::new(),
            corrections: Vec::new(),
            corrected: crate::links::correct::Corrected::new(),
            notes: Vec::new(),
        }
    }

    /// Link and index `documents` and `passages` against `features` with the links layer.
    pub fn link(
        features: &[Feature],
        documents: Vec<Document>,
        passages: Vec<Passage>,
        linker: &crate::links::Linker,
    ) -> Library {
        let links = Links::from_parts(features, &passages, linker);
        let search = SearchIndex::from_parts(features, &passages);
        Library::new(documents, passages, links, search)
    }

    /// Pair with the atlas features the library was linked against.
    /// Whether a mention of a passage (by id) was made or changed by the reader's corrections.
    pub fn is_corrected(&self, passage: &str, m: &crate::links::Mention) -> bool {
        self.passage_index
            .get(passage)
            .is_some_and(|&i| self.corrected.contains(&(i, m.start)))
    }

    pub fn view<'a>(&'a self, features: &'a [Feature]) -> View<'a> {
        View {
            features,
            lib: self,
        }
    }
}

/// A [`Library`] seen with its atlas features: what the panels read.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub features: &'a [Feature],
    pub lib: &'a Library,
}

impl Source for View<'_> {
    fn features(&self) -> &[Feature] {
        self.features
    }

    fn feature_index(&self, id: &str) -> Option<usize> {
        self.lib
            .links
            .feature_index(id)
            .filter(|&i| self.features.get(i).is_some_and(|f| f.id == id))
            .or_else(|| self.features.iter().position(|f| f.id == id))
    }

    fn documents(&self) -> &[Document] {
        &self.lib.documents
    }

    fn document_index(&self, id: &str) -> Option<usize> {
        self.lib.document_index.get(id).copied()
    }

    fn passages(&self) -> &[Passage] {
        &self.lib.passages
    }

    fn passage_index(&self, id: &str) -> Option<usize> {
        self.lib.passage_index.get(id).copied()
    }

    fn document_passages(&self, document: usize) -> Vec<usize> {
        self.lib
            .document_passages
            .get(document)
            .cloned()
            .unwrap_or_default()
    }

    fn mentions(&self, passage: usize) -> &[Mention] {
        self.lib.links.mentions(passage)
    }

    fn document_places(&self, document: usize) -> usize {
        self.lib.document_places.get(document).copied().unwrap_or(0)
    }

    fn is_user_document(&self, document: usize) -> bool {
        self.lib
            .documents
            .get(document)
            .is_some_and(|d| self.lib.user_documents.contains(&d.id))
    }

    fn notes(&self) -> &[crate::library::notes::Note] {
        &self.lib.notes
    }

    fn corrections(&self) -> &[crate::library::corrections::Correction] {
        &self.lib.corrections
    }

    fn is_corrected(&self, passage: usize, start: usize) -> bool {
        self.lib.corrected.contains(&(passage, start))
    }

    fn passages_of(&self, feature: usize) -> Vec<PassageHit> {
        let Some(id) = self.features.get(feature).map(|f| f.id.as_str()) else {
            return Vec::new();
        };
        let mut hits: Vec<PassageHit> = self
            .lib
            .links
            .passages_of(feature)
            .iter()
            .map(|r| {
                let len = self.lib.passages.get(r.passage).map_or(0, |p| p.text.len());
                PassageHit {
                    passage: r.passage,
                    score: relevance(len, self.lib.links.mentions(r.passage), id),
                }
            })
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.passage.cmp(&b.passage)));
        hits
    }

    fn co_mentioned(&self, feature: usize) -> Vec<(usize, usize)> {
        self.lib
            .links
            .co_mentions(feature)
            .iter()
            .map(|&(f, n)| (f, n as usize))
            .collect()
    }

    fn search(&self, query: &str, limit: usize) -> Vec<SearchHit> {
        let folded = fold_str(query);
        let mut out: Vec<SearchHit> = self
            .lib
            .search
            .search_features(query, limit.min(15))
            .into_iter()
            .filter_map(|h| {
                let f = self.features.get(h.idx)?;
                // Show the spelling that matched when it is not the name itself.
                let matched = std::iter::once(&f.name)
                    .chain(&f.aliases)
                    .chain(&f.demonyms)
                    .find(|n| fold_str(n).contains(&folded))
                    .cloned()
                    .unwrap_or_default();
                Some(SearchHit {
                    target: HitTarget::Feature(h.idx),
                    score: h.score,
                    matched,
                    spans: Vec::new(),
                })
            })
            .collect();
        let room = limit.saturating_sub(out.len());
        out.extend(
            self.lib
                .search
                .search_passages_linked(
                    query,
                    room,
                    |i| self.lib.passages.get(i).map(|p| p.text.as_str()),
                    &self.lib.links,
                )
                .into_iter()
                .map(|h| SearchHit {
                    target: HitTarget::Passage(h.passage_idx),
                    score: h.score,
                    matched: String::new(),
                    spans: h.ranges,
                }),
        );
        out
    }
}
