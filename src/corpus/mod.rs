//! The essay corpus: raw texts with their edition metadata, cleaned of PDF/web export
//! artefacts and split into documents and passages. Never imports egui.

use serde::Serialize;

/// One essay or article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Stable id, e.g. `baku-dialogues-2021-03`.
    pub id: String,
    pub title: String,
    /// True when the source has no title and the edition supplied a descriptive one.
    pub title_supplied: bool,
    pub authors: Vec<String>,
    pub outlet: String,
    /// ISO date (`2021-09-23`) or as precise as known (`2021`).
    pub date: String,
    /// Original address where known, else a description of the source file.
    pub source: String,
    /// Author bio / byline note kept from the source, if any.
    pub byline_note: Option<String>,
}

/// One paragraph as printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Passage {
    /// `<document-id>#p<N>`.
    pub id: String,
    pub document: String,
    /// Position in the document, from 0.
    pub index: usize,
    /// The section heading this passage opens, if any.
    pub heading: Option<String>,
    pub text: String,
}
