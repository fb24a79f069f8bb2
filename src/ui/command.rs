//! The commands the map and the panels emit; the app applies them once at the end of the frame,
//! so a click on the map and a click on a name in a passage take the same path.

/// One thing the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Select a feature by id (and show its card and passages).
    SelectFeature(String),
    /// Clear the selection.
    ClearSelection,
    /// Highlight a feature on the map while the pointer is over a mention of it.
    HoverFeature(Option<String>),
    /// Fly the map to fit a feature's extent.
    FlyToFeature(String),
    /// Open a passage in the reader (by passage id).
    OpenPassage(String),
    /// Take a text the reader added out of the library (by document id).
    RemoveDocument(String),
    /// Correct the linker (stored in the library; applied at once and on every re-link).
    Correct(crate::links::correct::Correction),
    /// Undo a stored correction (its library id): the linker's own result comes back.
    UndoCorrection(i64),
    /// Store a new note: on a passage, on a feature, or on a highlighted quote of a passage
    /// (`content.quote`/`prefix`/`suffix` from `corpus::anchor::Anchor::capture`).
    AddNote(crate::library::notes::Target, crate::library::notes::NoteContent),
    /// Change a stored note's Markdown body and colour.
    EditNote { id: i64, body: String, colour: String },
    /// Delete a stored note.
    RemoveNote(i64),
}
