//! The panels: feature card, passages, reader, search, layers and legend. Parses no files.

pub mod annotate;
pub mod annotate_text;
pub mod card;
pub mod command;
pub mod corrections_view;
pub mod export_dialog;
pub mod layers;
pub mod library;
pub mod library_view;
pub mod markdown;
pub mod notes_view;
pub mod passages;
pub mod picker;
pub mod reader;
pub mod reading;
pub mod search;
pub mod source;
pub mod state;
pub mod text;

pub use command::Command;
pub use library::{Library, View};
pub use reading::Reading;
pub use source::{HitTarget, PassageHit, SearchHit, Source};
pub use state::SavedState;
