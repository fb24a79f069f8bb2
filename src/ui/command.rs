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
}
