//! The reading state that survives a restart (selection, open document, filters, toggles) and
//! its persistence through eframe's storage, where a missing or corrupted value is a warning.

use serde::{Deserialize, Serialize};

use crate::atlas::Kind;

/// The storage key of [`SavedState`].
pub const STORAGE_KEY: &str = "caspian-atlas/reading";

/// How the passages of a selection are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PassageOrder {
    #[default]
    Relevance,
    Reading,
}

/// Which view the side panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tab {
    #[default]
    Feature,
    Reader,
    Search,
    /// The reader's notes and highlights.
    Notes,
    /// The reader's corrections of the linker.
    Corrections,
}

/// Filters on what is read and searched.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Filters {
    /// Only these documents (ids); empty means all.
    pub documents: Vec<String>,
    /// Only these outlets; empty means all.
    pub outlets: Vec<String>,
    /// Kinds left out of search results and co-mention chips.
    pub hidden_kinds: Vec<Kind>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty() && self.outlets.is_empty() && self.hidden_kinds.is_empty()
    }

    /// Whether a document passes the document and outlet filters.
    pub fn keeps_document(&self, id: &str, outlet: &str) -> bool {
        (self.documents.is_empty() || self.documents.iter().any(|d| d == id))
            && (self.outlets.is_empty() || self.outlets.iter().any(|o| o == outlet))
    }

    pub fn keeps_kind(&self, kind: Kind) -> bool {
        !self.hidden_kinds.contains(&kind)
    }

    /// The same filters for the exports (`crate::export::Filter`, the core twin).
    pub fn to_export(&self) -> crate::export::Filter {
        crate::export::Filter {
            documents: self.documents.clone(),
            outlets: self.outlets.clone(),
            hidden_kinds: self.hidden_kinds.clone(),
        }
    }
}

/// How the saved passage ids count paragraphs. States saved before passage ids were 1-based
/// (`#p0` was ¶ 1) lack the field and read as [`PassageIds::ZeroBased`]; loading renumbers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PassageIds {
    #[default]
    OneBased,
    ZeroBased,
}

impl PassageIds {
    fn legacy() -> PassageIds {
        PassageIds::ZeroBased
    }
}

/// `doc#pN` of a 0-based id as the 1-based id of the same paragraph (`doc#p(N+1)`); other ids
/// are left as they are.
pub fn renumber_passage_id(id: &str) -> String {
    match id.rsplit_once("#p").map(|(d, n)| (d, n.parse::<usize>())) {
        Some((doc, Ok(n))) => crate::corpus::passage_id(doc, n),
        _ => id.to_string(),
    }
}

/// Everything the reading panels remember between runs.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedState {
    /// Id of the selected feature.
    pub selected: Option<String>,
    /// Id of the document open in the reader.
    pub open_document: Option<String>,
    /// Id of the passage the reader is on.
    pub open_passage: Option<String>,
    pub order: PassageOrder,
    pub tab: Tab,
    pub filters: Filters,
    /// Shade the map by how many passages mention each feature.
    pub choropleth: bool,
    /// Text files the reader added to the library (absolute paths), re-read at start.
    pub added_files: Vec<String>,
    /// How `open_passage` counts paragraphs (absent in states saved before 1-based ids).
    #[serde(default = "PassageIds::legacy")]
    pub passage_ids: PassageIds,
}

/// Why a saved state was not used.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("saved reading state under `{key}` is corrupted and was ignored: {source}")]
    Corrupted {
        key: String,
        #[source]
        source: serde_json::Error,
    },
}

impl SavedState {
    /// Parse a saved state. An absent value is `Ok(None)`; a corrupted one is an error.
    pub fn from_stored(value: Option<&str>) -> Result<Option<SavedState>, StateError> {
        let Some(text) = value else { return Ok(None) };
        let mut state: SavedState =
            serde_json::from_str(text).map_err(|source| StateError::Corrupted {
                key: STORAGE_KEY.to_string(),
                source,
            })?;
        if state.passage_ids == PassageIds::ZeroBased {
            state.open_passage = state.open_passage.as_deref().map(renumber_passage_id);
            state.passage_ids = PassageIds::OneBased;
        }
        Ok(Some(state))
    }

    pub fn to_stored(&self) -> String {
        // A plain struct of strings, enums and vectors always serialises.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Load from eframe storage: the state, or the default and a warning when it is corrupted.
    pub fn load(storage: Option<&dyn eframe::Storage>) -> (SavedState, Option<String>) {
        let raw = storage.and_then(|s| s.get_string(STORAGE_KEY));
        match SavedState::from_stored(raw.as_deref()) {
            Ok(state) => (state.unwrap_or_default(), None),
            Err(err) => (SavedState::default(), Some(err.to_string())),
        }
    }

    pub fn save(&self, storage: &mut dyn eframe::Storage) {
        storage.set_string(STORAGE_KEY, self.to_stored());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let state = SavedState {
            selected: Some("lachin-corridor".into()),
            open_document: Some("doc".into()),
            open_passage: Some("doc#p3".into()),
            order: PassageOrder::Reading,
            tab: Tab::Reader,
            filters: Filters {
                documents: vec!["doc".into()],
                outlets: vec![],
                hidden_kinds: vec![Kind::Water],
            },
            choropleth: true,
            added_files: vec!["/home/reader/notes.txt".into()],
            passage_ids: PassageIds::OneBased,
        };
        let back = SavedState::from_stored(Some(&state.to_stored()));
        assert_eq!(back.ok().flatten(), Some(state));
    }

    #[test]
    fn missing_is_none_and_corrupted_is_an_error() {
        assert!(matches!(SavedState::from_stored(None), Ok(None)));
        let err = SavedState::from_stored(Some("{\"selected\": [1, 2")).err();
        assert!(err.is_some_and(|e| e.to_string().contains(STORAGE_KEY)));
    }

    #[test]
    fn unknown_and_missing_fields_are_tolerated() {
        let state = SavedState::from_stored(Some("{\"selected\":\"iran\",\"future\":1}"));
        assert_eq!(
            state.ok().flatten().and_then(|s| s.selected),
            Some("iran".to_string())
        );
    }

    #[test]
    fn a_state_saved_with_zero_based_passage_ids_is_renumbered() {
        let old = r#"{"open_document":"doc","open_passage":"doc#p28"}"#;
        let state = SavedState::from_stored(Some(old)).ok().flatten();
        assert_eq!(
            state.and_then(|s| s.open_passage).as_deref(),
            Some("doc#p29")
        );
        let new = SavedState {
            open_passage: Some("doc#p29".into()),
            ..SavedState::default()
        };
        let back = SavedState::from_stored(Some(&new.to_stored()))
            .ok()
            .flatten();
        assert_eq!(
            back.and_then(|s| s.open_passage).as_deref(),
            Some("doc#p29")
        );
        assert_eq!(renumber_passage_id("odd-id"), "odd-id");
    }

    #[test]
    fn filters_keep_what_they_should() {
        let f = Filters {
            documents: vec![],
            outlets: vec!["Baku Dialogues".into()],
            hidden_kinds: vec![Kind::City],
        };
        assert!(f.keeps_document("x", "Baku Dialogues"));
        assert!(!f.keeps_document("x", "Other"));
        assert!(!f.keeps_kind(Kind::City));
        assert!(f.keeps_kind(Kind::Country));
    }
}
