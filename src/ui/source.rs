//! What the panels read: a read-only view of the linked atlas and corpus, as one trait, so the
//! panels stay free of file parsing and of the linking algorithms they display.

use crate::atlas::Feature;
use crate::corpus::{Document, Passage};
use crate::links::{Mention, MentionKind};

/// A passage that mentions a feature, with how relevant it is to that feature.
#[derive(Debug, Clone, PartialEq)]
pub struct PassageHit {
    /// Index into [`Source::passages`].
    pub passage: usize,
    /// Higher is more relevant.
    pub score: f32,
}

/// What a search result points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HitTarget {
    /// Index into [`Source::features`].
    Feature(usize),
    /// Index into [`Source::passages`].
    Passage(usize),
}

/// One ranked search result.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub target: HitTarget,
    /// Higher is better; results arrive sorted by it.
    pub score: f32,
    /// For a feature: the name or alias that matched. Empty for a passage.
    pub matched: String,
    /// Byte ranges of the matched words: in the passage text, or in `matched` for a feature.
    pub spans: Vec<(usize, usize)>,
}

/// How many distinct features these mentions name.
pub fn distinct_places<'a>(mentions: impl Iterator<Item = &'a Mention>) -> usize {
    let mut places: Vec<&str> = mentions.map(|m| m.feature.as_str()).collect();
    places.sort_unstable();
    places.dedup();
    places.len()
}

/// The linked data the panels read. Indices are stable for the life of a value.
pub trait Source {
    fn features(&self) -> &[Feature];
    fn feature_index(&self, id: &str) -> Option<usize>;
    fn documents(&self) -> &[Document];
    fn document_index(&self, id: &str) -> Option<usize>;
    fn passages(&self) -> &[Passage];
    fn passage_index(&self, id: &str) -> Option<usize>;
    /// The passages of a document, in reading order.
    fn document_passages(&self, document: usize) -> Vec<usize>;
    /// The mentions found in a passage, sorted by start offset, not overlapping.
    fn mentions(&self, passage: usize) -> &[Mention];
    /// The passages that mention a feature, most relevant first.
    fn passages_of(&self, feature: usize) -> Vec<PassageHit>;
    /// Features mentioned in the same passages as `feature`: (feature index, shared passages),
    /// most frequent first.
    fn co_mentioned(&self, feature: usize) -> Vec<(usize, usize)>;
    /// Features and passages matching a free-text query, best first.
    fn search(&self, query: &str, limit: usize) -> Vec<SearchHit>;
    /// Distinct places a document's passages mention, as the reader sees them (corrections
    /// applied).
    fn document_places(&self, document: usize) -> usize {
        distinct_places(
            self.document_passages(document)
                .into_iter()
                .flat_map(|p| self.mentions(p)),
        )
    }
    /// The document is a text the reader added (and may remove), not a shipped one.
    fn is_user_document(&self, _document: usize) -> bool {
        false
    }
    /// The reader's notes and highlights kept in the library (none for a view without one).
    fn notes(&self) -> &[crate::library::notes::Note] {
        &[]
    }
    /// The reader's corrections kept in the library, oldest first (none without one).
    fn corrections(&self) -> &[crate::library::corrections::Correction] {
        &[]
    }
    /// The mention starting at `start` in passage `passage` was made or changed by one of the
    /// reader's corrections.
    fn is_corrected(&self, _passage: usize, _start: usize) -> bool {
        false
    }
}

/// Relevance of a passage to a feature from its mentions: full names weigh more than demonyms,
/// an early mention more than a late one, and a long passage dilutes them.
pub fn relevance(passage_len: usize, mentions: &[Mention], feature: &str) -> f32 {
    let mut score = 0.0f32;
    for m in mentions.iter().filter(|m| m.feature == feature) {
        let weight = match m.kind {
            MentionKind::Name => 1.0,
            MentionKind::Demonym => 0.35,
        };
        let position = if passage_len == 0 {
            0.0
        } else {
            m.start as f32 / passage_len as f32
        };
        score += weight * (1.0 - 0.3 * position);
    }
    let words = (passage_len as f32 / 6.0).max(1.0);
    score / (1.0 + words / 120.0).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(feature: &str, start: usize, kind: MentionKind) -> Mention {
        Mention {
            feature: feature.to_string(),
            start,
            end: start + 5,
            surface: "xxxxx".to_string(),
            kind,
        }
    }

    #[test]
    fn names_outweigh_demonyms_and_other_features_do_not_count() {
        let named = [m("iran", 0, MentionKind::Name)];
        let demonym = [m("iran", 0, MentionKind::Demonym)];
        let other = [m("turkey", 0, MentionKind::Name)];
        assert!(relevance(300, &named, "iran") > relevance(300, &demonym, "iran"));
        assert_eq!(relevance(300, &other, "iran"), 0.0);
    }

    #[test]
    fn more_mentions_and_shorter_passages_rank_higher() {
        let one = [m("iran", 10, MentionKind::Name)];
        let two = [
            m("iran", 10, MentionKind::Name),
            m("iran", 50, MentionKind::Name),
        ];
        assert!(relevance(300, &two, "iran") > relevance(300, &one, "iran"));
        assert!(relevance(200, &one, "iran") > relevance(4000, &one, "iran"));
    }
}
