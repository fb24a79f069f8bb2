//! The reader's notes, kept in the library: on a passage, a feature or a highlighted quote
//! (with the text before and after it, to find the quote again if the passage changes), a
//! colour and a Markdown body. Add, list, update, remove.

use rusqlite::{OptionalExtension, params};

use super::schema::NOW;
use super::{LibraryError, Store};

/// What a note is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Passage,
    Feature,
    /// A quote inside a passage.
    Highlight,
}

impl Target {
    fn as_str(self) -> &'static str {
        match self {
            Target::Passage => "passage",
            Target::Feature => "feature",
            Target::Highlight => "highlight",
        }
    }

    fn parse(s: &str) -> Option<Target> {
        match s {
            "passage" => Some(Target::Passage),
            "feature" => Some(Target::Feature),
            "highlight" => Some(Target::Highlight),
            _ => None,
        }
    }
}

/// A note's content.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NoteContent {
    pub passage: Option<String>,
    pub feature: Option<String>,
    /// The highlighted words, and some text before and after them (re-anchoring).
    pub quote: String,
    pub prefix: String,
    pub suffix: String,
    pub colour: String,
    /// Markdown.
    pub body: String,
}

/// A stored note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub id: i64,
    pub target: Target,
    pub content: NoteContent,
    pub created_at: String,
    pub updated_at: String,
}

fn check(target: Target, c: &NoteContent) -> Result<(), LibraryError> {
    let bad = |why: &str| Err(LibraryError::Invalid(format!("note: {why}")));
    match target {
        Target::Passage if c.passage.is_none() => bad("a passage note needs its passage"),
        Target::Feature if c.feature.is_none() => bad("a feature note needs its feature"),
        Target::Highlight if c.passage.is_none() || c.quote.is_empty() => {
            bad("a highlight needs its passage and quote")
        }
        _ => Ok(()),
    }
}

const COLUMNS: &str = "id, target, passage, feature, quote, prefix, suffix, colour, body, \
    created_at, updated_at";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<Note>> {
    let target: String = r.get(1)?;
    let Some(target) = Target::parse(&target) else {
        return Ok(None);
    };
    Ok(Some(Note {
        id: r.get(0)?,
        target,
        content: NoteContent {
            passage: r.get(2)?,
            feature: r.get(3)?,
            quote: r.get(4)?,
            prefix: r.get(5)?,
            suffix: r.get(6)?,
            colour: r.get(7)?,
            body: r.get(8)?,
        },
        created_at: r.get(9)?,
        updated_at: r.get(10)?,
    }))
}

impl Store {
    /// Store a note; returns its id.
    pub fn add_note(&mut self, target: Target, c: &NoteContent) -> Result<i64, LibraryError> {
        check(target, c)?;
        self.conn()
            .execute(
                &format!(
                    "INSERT INTO notes (target, passage, feature, quote, prefix, suffix, colour, \
                     body, created_at, updated_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, {NOW}, {NOW})"
                ),
                params![
                    target.as_str(),
                    c.passage,
                    c.feature,
                    c.quote,
                    c.prefix,
                    c.suffix,
                    c.colour,
                    c.body
                ],
            )
            .map_err(self.err("storing a note"))?;
        Ok(self.conn().last_insert_rowid())
    }

    /// Every note, oldest first.
    pub fn notes(&self) -> Result<Vec<Note>, LibraryError> {
        let mut st = self
            .conn()
            .prepare(&format!("SELECT {COLUMNS} FROM notes ORDER BY id"))
            .map_err(self.err("listing notes"))?;
        let rows = st
            .query_map([], from_row)
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(self.err("listing notes"))?;
        Ok(rows.into_iter().flatten().collect())
    }

    /// One note by id.
    pub fn note(&self, id: i64) -> Result<Option<Note>, LibraryError> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM notes WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()
            .map_err(self.err("reading a note"))?
            .flatten())
    }

    /// Replace a note's content (its target stays); stamps `updated_at`. False if none.
    pub fn update_note(&mut self, id: i64, c: &NoteContent) -> Result<bool, LibraryError> {
        let Some(old) = self.note(id)? else {
            return Ok(false);
        };
        check(old.target, c)?;
        let n = self
            .conn()
            .execute(
                &format!(
                    "UPDATE notes SET passage = ?2, feature = ?3, quote = ?4, prefix = ?5, \
                     suffix = ?6, colour = ?7, body = ?8, updated_at = {NOW} WHERE id = ?1"
                ),
                params![
                    id, c.passage, c.feature, c.quote, c.prefix, c.suffix, c.colour, c.body
                ],
            )
            .map_err(self.err("updating a note"))?;
        Ok(n > 0)
    }

    /// Change a note's Markdown body and colour (one statement: saved whole or not at all);
    /// stamps `updated_at`. False if there is no such note.
    pub fn edit_note(&mut self, id: i64, body: &str, colour: &str) -> Result<bool, LibraryError> {
        let n = self
            .conn()
            .execute(
                &format!(
                    "UPDATE notes SET body = ?2, colour = ?3, updated_at = {NOW} WHERE id = ?1"
                ),
                params![id, body, colour],
            )
            .map_err(self.err("editing a note"))?;
        Ok(n > 0)
    }

    /// Remove a note. False if there was none.
    pub fn remove_note(&mut self, id: i64) -> Result<bool, LibraryError> {
        let n = self
            .conn()
            .execute("DELETE FROM notes WHERE id = ?1", [id])
            .map_err(self.err("removing a note"))?;
        Ok(n > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_round_trip_and_a_highlight_needs_its_quote() {
        let Ok(mut store) = Store::in_memory() else {
            panic!("an in-memory library opens");
        };
        let hl = NoteContent {
            passage: Some("ferries#p1".into()),
            quote: "the port of Aktau".into(),
            prefix: "Freight crosses Kazakhstan to ".into(),
            suffix: " and sails".into(),
            colour: "#ffee00".into(),
            body: "**Check** the tonnage.".into(),
            ..NoteContent::default()
        };
        let Ok(id) = store.add_note(Target::Highlight, &hl) else {
            panic!("the highlight is stored");
        };
        let Ok(Some(note)) = store.note(id) else {
            panic!("the note reads back");
        };
        assert_eq!((note.target, &note.content), (Target::Highlight, &hl));
        let edited = NoteContent {
            body: "Tonnage checked.".into(),
            ..hl.clone()
        };
        assert_eq!(store.update_note(id, &edited).ok(), Some(true));
        assert_eq!(
            store
                .notes()
                .ok()
                .and_then(|n| n.first().map(|n| n.content.body.clone())),
            Some("Tonnage checked.".to_string())
        );
        let no_quote = NoteContent {
            quote: String::new(),
            ..hl
        };
        assert!(store.add_note(Target::Highlight, &no_quote).is_err());
        let feature_note = NoteContent {
            feature: Some("aktau".into()),
            body: "Port".into(),
            ..NoteContent::default()
        };
        assert!(store.add_note(Target::Feature, &feature_note).is_ok());
        assert_eq!(store.remove_note(id).ok(), Some(true));
        assert_eq!(store.notes().map(|n| n.len()).ok(), Some(1));
    }
}
