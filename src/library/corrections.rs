//! The reader's corrections of links, kept in the library: for one mention, one document or
//! everywhere, a surface said to be another place, no place, or linked to a place. Add, list,
//! update, remove.

use rusqlite::{OptionalExtension, params};

use super::schema::NOW;
use super::{LibraryError, Store};

/// How far a correction reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// This one mention (document, passage and byte span).
    Mention,
    /// Every mention with this surface in one document.
    Document,
    /// Every mention with this surface in every document.
    Everywhere,
}

impl Scope {
    fn as_str(self) -> &'static str {
        match self {
            Scope::Mention => "mention",
            Scope::Document => "document",
            Scope::Everywhere => "everywhere",
        }
    }

    fn parse(s: &str) -> Option<Scope> {
        match s {
            "mention" => Some(Scope::Mention),
            "document" => Some(Scope::Document),
            "everywhere" => Some(Scope::Everywhere),
            _ => None,
        }
    }
}

/// What the correction does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Not this place: the mention is of feature `.0` instead.
    NotThisPlace(String),
    /// Not a place at all: unlink.
    NotAPlace,
    /// An unlinked surface that names feature `.0`.
    LinkTo(String),
}

impl Action {
    fn parts(&self) -> (&'static str, Option<&str>) {
        match self {
            Action::NotThisPlace(f) => ("not-this-place", Some(f)),
            Action::NotAPlace => ("not-a-place", None),
            Action::LinkTo(f) => ("link-to", Some(f)),
        }
    }

    fn parse(action: &str, feature: Option<String>) -> Option<Action> {
        match (action, feature) {
            ("not-this-place", Some(f)) => Some(Action::NotThisPlace(f)),
            ("not-a-place", _) => Some(Action::NotAPlace),
            ("link-to", Some(f)) => Some(Action::LinkTo(f)),
            _ => None,
        }
    }
}

/// A correction as given by the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCorrection {
    pub scope: Scope,
    /// Document id (for `Mention` and `Document` scopes).
    pub document: Option<String>,
    /// Passage id (for `Mention` scope).
    pub passage: Option<String>,
    /// Byte span in the passage (for `Mention` scope).
    pub span: Option<(usize, usize)>,
    /// The text of the mention.
    pub surface: String,
    pub action: Action,
}

/// A stored correction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub id: i64,
    pub correction: NewCorrection,
    pub created_at: String,
}

fn check(c: &NewCorrection) -> Result<(), LibraryError> {
    let bad = |why: &str| Err(LibraryError::Invalid(format!("correction: {why}")));
    match c.scope {
        Scope::Mention if c.passage.is_none() || c.span.is_none() || c.document.is_none() => {
            bad("a mention correction needs its document, passage and span")
        }
        Scope::Document if c.document.is_none() => bad("a document correction needs its document"),
        _ if c.surface.trim().is_empty() => bad("the surface text is empty"),
        _ => match c.span {
            Some((s, e)) if s >= e => bad("the span is empty"),
            _ => Ok(()),
        },
    }
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<Correction>> {
    let scope: String = r.get(1)?;
    let start: Option<i64> = r.get(4)?;
    let end: Option<i64> = r.get(5)?;
    let action: String = r.get(7)?;
    let (Some(scope), Some(action)) = (Scope::parse(&scope), Action::parse(&action, r.get(8)?))
    else {
        return Ok(None);
    };
    let span = match (start, end) {
        (Some(s), Some(e)) => usize::try_from(s).ok().zip(usize::try_from(e).ok()),
        _ => None,
    };
    Ok(Some(Correction {
        id: r.get(0)?,
        correction: NewCorrection {
            scope,
            document: r.get(2)?,
            passage: r.get(3)?,
            span,
            surface: r.get(6)?,
            action,
        },
        created_at: r.get(9)?,
    }))
}

const COLUMNS: &str =
    "id, scope, document, passage, start, end, surface, action, feature, created_at";

fn span_params(c: &NewCorrection) -> (Option<i64>, Option<i64>) {
    match c.span {
        Some((s, e)) => (i64::try_from(s).ok(), i64::try_from(e).ok()),
        None => (None, None),
    }
}

impl Store {
    /// Store a correction; returns its id. An incomplete one is refused.
    pub fn add_correction(&mut self, c: &NewCorrection) -> Result<i64, LibraryError> {
        check(c)?;
        let (action, feature) = c.action.parts();
        let (start, end) = span_params(c);
        self.conn()
            .execute(
                &format!(
                    "INSERT INTO corrections (scope, document, passage, start, end, surface, \
                     action, feature, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, {NOW})"
                ),
                params![
                    c.scope.as_str(),
                    c.document,
                    c.passage,
                    start,
                    end,
                    c.surface,
                    action,
                    feature
                ],
            )
            .map_err(self.err("storing a correction"))?;
        Ok(self.conn().last_insert_rowid())
    }

    /// Every correction, oldest first (later ones win when they disagree).
    pub fn corrections(&self) -> Result<Vec<Correction>, LibraryError> {
        let mut st = self
            .conn()
            .prepare(&format!("SELECT {COLUMNS} FROM corrections ORDER BY id"))
            .map_err(self.err("listing corrections"))?;
        let rows = st
            .query_map([], from_row)
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(self.err("listing corrections"))?;
        Ok(rows.into_iter().flatten().collect())
    }

    /// One correction by id.
    pub fn correction(&self, id: i64) -> Result<Option<Correction>, LibraryError> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM corrections WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()
            .map_err(self.err("reading a correction"))?
            .flatten())
    }

    /// Replace a correction's content. False if there is no such correction.
    pub fn update_correction(&mut self, id: i64, c: &NewCorrection) -> Result<bool, LibraryError> {
        check(c)?;
        let (action, feature) = c.action.parts();
        let (start, end) = span_params(c);
        let n = self
            .conn()
            .execute(
                "UPDATE corrections SET scope = ?2, document = ?3, passage = ?4, start = ?5, \
                 end = ?6, surface = ?7, action = ?8, feature = ?9 WHERE id = ?1",
                params![
                    id,
                    c.scope.as_str(),
                    c.document,
                    c.passage,
                    start,
                    end,
                    c.surface,
                    action,
                    feature
                ],
            )
            .map_err(self.err("updating a correction"))?;
        Ok(n > 0)
    }

    /// Remove a correction. False if there was none.
    pub fn remove_correction(&mut self, id: i64) -> Result<bool, LibraryError> {
        let n = self
            .conn()
            .execute("DELETE FROM corrections WHERE id = ?1", [id])
            .map_err(self.err("removing a correction"))?;
        Ok(n > 0)
    }
}

/// A reader's correction from the window (`links::correct`) as the library stores it.
/// `replaces` says whether the linker had a mention on those words (then a link is "not this
/// place", else "link to").
pub fn from_link(c: &crate::links::correct::Correction, replaces: bool) -> NewCorrection {
    use crate::links::correct as lc;
    let scope = match c.scope {
        lc::Scope::Mention => Scope::Mention,
        lc::Scope::Document => Scope::Document,
        lc::Scope::Everywhere => Scope::Everywhere,
    };
    let action = match &c.action {
        lc::Action::NotAPlace => Action::NotAPlace,
        lc::Action::LinkTo(f) if replaces => Action::NotThisPlace(f.clone()),
        lc::Action::LinkTo(f) => Action::LinkTo(f.clone()),
    };
    let local = scope != Scope::Everywhere;
    NewCorrection {
        scope,
        document: (local || !c.document.is_empty()).then(|| c.document.clone()),
        passage: (scope == Scope::Mention || !c.passage.is_empty()).then(|| c.passage.clone()),
        span: (scope == Scope::Mention || c.end > c.start).then_some((c.start, c.end)),
        surface: c.surface.clone(),
        action,
    }
}

impl NewCorrection {
    /// The correction as the linker's corrections apply it.
    pub fn to_link(&self) -> crate::links::correct::Correction {
        use crate::links::correct as lc;
        let (start, end) = self.span.unwrap_or((0, 0));
        lc::Correction {
            scope: match self.scope {
                Scope::Mention => lc::Scope::Mention,
                Scope::Document => lc::Scope::Document,
                Scope::Everywhere => lc::Scope::Everywhere,
            },
            document: self.document.clone().unwrap_or_default(),
            passage: self.passage.clone().unwrap_or_default(),
            start,
            end,
            surface: self.surface.clone(),
            action: match &self.action {
                Action::NotAPlace => lc::Action::NotAPlace,
                Action::NotThisPlace(f) | Action::LinkTo(f) => lc::Action::LinkTo(f.clone()),
            },
        }
    }
}

impl Scope {
    /// How the Corrections view and the CLI name the scope.
    pub fn label(self) -> &'static str {
        match self {
            Scope::Mention => "this mention",
            Scope::Document => "this document",
            Scope::Everywhere => "everywhere",
        }
    }
}

impl Action {
    /// What the correction does, in words, with the target feature's name from `name_of`.
    pub fn describe(&self, name_of: impl Fn(&str) -> Option<String>) -> String {
        let named = |f: &str| name_of(f).unwrap_or_else(|| format!("{f} (not in the atlas)"));
        match self {
            Action::NotThisPlace(f) => format!("not this place \u{2192} {}", named(f)),
            Action::NotAPlace => "not a place".to_string(),
            Action::LinkTo(f) => format!("link to {}", named(f)),
        }
    }

    /// The feature the correction links to, if any.
    pub fn feature(&self) -> Option<&str> {
        match self {
            Action::NotThisPlace(f) | Action::LinkTo(f) => Some(f),
            Action::NotAPlace => None,
        }
    }
}

/// Apply the stored corrections (oldest first) over the linker's `mentions` of `passages`
/// (one list per passage): what every load, re-link and import shows. Returns where a
/// correction made or replaced a mention.
pub fn apply_stored(
    stored: &[Correction],
    passages: &[crate::corpus::Passage],
    mentions: &mut [Vec<crate::links::Mention>],
) -> crate::links::correct::Corrected {
    if stored.is_empty() {
        return crate::links::correct::Corrected::new();
    }
    let list: Vec<crate::links::correct::Correction> =
        stored.iter().map(|c| c.correction.to_link()).collect();
    crate::links::correct::apply(&list, passages, mentions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrections_round_trip_and_incomplete_ones_are_refused() {
        let Ok(mut store) = Store::in_memory() else {
            panic!("an in-memory library opens");
        };
        let one = NewCorrection {
            scope: Scope::Mention,
            document: Some("ferries".into()),
            passage: Some("ferries#p2".into()),
            span: Some((10, 14)),
            surface: "Baku".into(),
            action: Action::NotThisPlace("baku-city".into()),
        };
        let everywhere = NewCorrection {
            scope: Scope::Everywhere,
            document: None,
            passage: None,
            span: None,
            surface: "Georgia".into(),
            action: Action::NotAPlace,
        };
        let (Ok(a), Ok(b)) = (
            store.add_correction(&one),
            store.add_correction(&everywhere),
        ) else {
            panic!("both corrections are stored");
        };
        let Ok(all) = store.corrections() else {
            panic!("corrections list");
        };
        assert_eq!(
            all.iter().map(|c| c.correction.clone()).collect::<Vec<_>>(),
            vec![one.clone(), everywhere.clone()]
        );
        let link = NewCorrection {
            action: Action::LinkTo("tbilisi".into()),
            ..everywhere.clone()
        };
        assert_eq!(store.update_correction(b, &link).ok(), Some(true));
        assert_eq!(
            store
                .correction(b)
                .ok()
                .flatten()
                .map(|c| c.correction.action),
            Some(Action::LinkTo("tbilisi".into()))
        );
        assert_eq!(store.remove_correction(a).ok(), Some(true));
        assert_eq!(store.corrections().map(|c| c.len()).ok(), Some(1));
        let incomplete = NewCorrection {
            passage: None,
            ..one
        };
        assert!(matches!(
            store.add_correction(&incomplete),
            Err(LibraryError::Invalid(_))
        ));
    }
}
