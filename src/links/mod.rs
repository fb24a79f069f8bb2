//! Linking: the gazetteer built from the atlas, mentions found in passages, the
//! feature ↔ passage indexes and search. Never imports egui.

use serde::Serialize;

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
