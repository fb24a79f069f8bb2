//! Imported documents, their passages and mentions in the library: add, list, load, update
//! metadata, replace the links or the content, remove. Each write is one transaction.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction, params};

use super::schema::NOW;
use super::{LibraryError, Store};
use crate::corpus::{Document, Passage};
use crate::links::{Mention, MentionKind};

/// The metadata a reader can edit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocumentMeta {
    pub title: String,
    pub authors: Vec<String>,
    pub outlet: String,
    pub date: String,
}

/// A document to store: what an import produced, and the links made of it.
#[derive(Debug, Clone, Copy)]
pub struct NewDocument<'a> {
    /// Where it was read from.
    pub source_path: &'a str,
    pub content_hash: &'a str,
    pub format: &'a str,
    /// Its metadata; `document.id` is the wished-for key (made unique on insert).
    pub document: &'a Document,
    pub passages: &'a [Passage],
    /// One list per passage, same order.
    pub mentions: &'a [Vec<Mention>],
    pub linker_version: &'a str,
    /// The extracted text, kept whole.
    pub text: &'a str,
    pub warnings: &'a [String],
}

/// One document of the library as listed.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDocument {
    /// The row id (`caspian-atlas library remove ID`).
    pub id: i64,
    /// The document id the reader and exports use (`ferries`, `ferries-2`).
    pub key: String,
    pub source_path: String,
    pub content_hash: String,
    pub format: String,
    pub title: String,
    pub title_supplied: bool,
    pub authors: Vec<String>,
    pub outlet: String,
    pub date: String,
    pub byline_note: Option<String>,
    pub metadata_edited: bool,
    pub imported_at: String,
    pub linker_version: String,
    pub passages: usize,
    /// Distinct places mentioned.
    pub places: usize,
}

impl StoredDocument {
    /// The corpus document the reading panels show.
    pub fn document(&self) -> Document {
        Document {
            id: self.key.clone(),
            title: self.title.clone(),
            title_supplied: self.title_supplied,
            authors: self.authors.clone(),
            outlet: self.outlet.clone(),
            date: self.date.clone(),
            source: self.source_path.clone(),
            byline_note: self.byline_note.clone(),
        }
    }
}

/// The whole library loaded: documents, their passages (documents in order, each in reading
/// order) and one mention list per passage.
#[derive(Debug, Clone, Default)]
pub struct StoredLibrary {
    pub documents: Vec<StoredDocument>,
    pub passages: Vec<Passage>,
    pub mentions: Vec<Vec<Mention>>,
}

const DOC_COLUMNS: &str = "d.id, d.key, d.source_path, d.content_hash, d.format, d.title, \
    d.title_supplied, d.authors, d.outlet, d.date, d.byline_note, d.metadata_edited, \
    d.imported_at, d.linker_version, \
    (SELECT count(*) FROM passages p WHERE p.document = d.id), \
    (SELECT count(DISTINCT m.feature) FROM mentions m JOIN passages p ON m.passage = p.id \
     WHERE p.document = d.id)";

fn doc_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredDocument> {
    let authors: String = r.get(7)?;
    Ok(StoredDocument {
        id: r.get(0)?,
        key: r.get(1)?,
        source_path: r.get(2)?,
        content_hash: r.get(3)?,
        format: r.get(4)?,
        title: r.get(5)?,
        title_supplied: r.get(6)?,
        authors: serde_json::from_str(&authors).unwrap_or_default(),
        outlet: r.get(8)?,
        date: r.get(9)?,
        byline_note: r.get(10)?,
        metadata_edited: r.get(11)?,
        imported_at: r.get(12)?,
        linker_version: r.get(13)?,
        passages: r.get::<_, i64>(14)?.try_into().unwrap_or(0),
        places: r.get::<_, i64>(15)?.try_into().unwrap_or(0),
    })
}

fn kind_str(k: MentionKind) -> &'static str {
    match k {
        MentionKind::Name => "name",
        MentionKind::Demonym => "demonym",
    }
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Insert the passages of document `doc` (row id) and their mentions.
fn insert_passages(
    tx: &Transaction<'_>,
    doc: i64,
    passages: &[Passage],
    mentions: &[Vec<Mention>],
) -> rusqlite::Result<()> {
    let mut ins_p = tx.prepare_cached(
        "INSERT INTO passages (document, idx, heading, text) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut ins_m = tx.prepare_cached(
        "INSERT INTO mentions (passage, start, end, feature, kind) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, p) in passages.iter().enumerate() {
        ins_p.execute(params![doc, to_i64(p.index), p.heading, p.text])?;
        let pid = tx.last_insert_rowid();
        for m in mentions.get(i).map_or(&[][..], Vec::as_slice) {
            ins_m.execute(params![
                pid,
                to_i64(m.start),
                to_i64(m.end),
                m.feature,
                kind_str(m.kind)
            ])?;
        }
    }
    Ok(())
}

/// Replace the mentions of the passages of document `doc`, in passage order.
fn insert_mentions(
    tx: &Transaction<'_>,
    doc: i64,
    mentions: &[Vec<Mention>],
) -> rusqlite::Result<()> {
    tx.execute(
        "DELETE FROM mentions WHERE passage IN (SELECT id FROM passages WHERE document = ?1)",
        [doc],
    )?;
    let ids: Vec<i64> = tx
        .prepare_cached("SELECT id FROM passages WHERE document = ?1 ORDER BY idx")?
        .query_map([doc], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut ins = tx.prepare_cached(
        "INSERT INTO mentions (passage, start, end, feature, kind) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (pid, ms) in ids.iter().zip(mentions) {
        for m in ms {
            ins.execute(params![
                pid,
                to_i64(m.start),
                to_i64(m.end),
                m.feature,
                kind_str(m.kind)
            ])?;
        }
    }
    Ok(())
}

impl Store {
    /// Store a new document with its passages and mentions (one transaction). Its key is
    /// `new.document.id`, or that with `-2`, `-3`… when the library or `reserved` (the
    /// shipped essays' ids) already has it. Returns the stored row.
    pub fn add_document(
        &mut self,
        new: &NewDocument<'_>,
        reserved: &[String],
    ) -> Result<StoredDocument, LibraryError> {
        let path = self.path.clone();
        let err = |what: &'static str| sql_error(&path, what);
        let tx = self
            .conn_mut()
            .transaction()
            .map_err(err("starting a transaction"))?;
        let base = if new.document.id.is_empty() {
            "document".to_string()
        } else {
            new.document.id.clone()
        };
        let mut key = base.clone();
        let mut n = 2;
        loop {
            let taken: bool = tx
                .query_row("SELECT 1 FROM documents WHERE key = ?1", [&key], |_| {
                    Ok(true)
                })
                .optional()
                .map_err(err("looking up a document id"))?
                .unwrap_or(false);
            if !taken && !reserved.contains(&key) {
                break;
            }
            key = format!("{base}-{n}");
            n += 1;
        }
        let d = new.document;
        let authors = serde_json::to_string(&d.authors).unwrap_or_else(|_| "[]".into());
        let warnings = serde_json::to_string(new.warnings).unwrap_or_else(|_| "[]".into());
        tx.execute(
            &format!(
                "INSERT INTO documents (key, source_path, content_hash, format, title, \
                 title_supplied, authors, outlet, date, byline_note, imported_at, \
                 linker_version, text, warnings) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, {NOW}, ?11, ?12, ?13)"
            ),
            params![
                key,
                new.source_path,
                new.content_hash,
                new.format,
                d.title,
                d.title_supplied,
                authors,
                d.outlet,
                d.date,
                d.byline_note,
                new.linker_version,
                new.text,
                warnings
            ],
        )
        .map_err(err("storing a document"))?;
        let id = tx.last_insert_rowid();
        let passages = renamed(new.passages, &key);
        insert_passages(&tx, id, &passages, new.mentions).map_err(err("storing passages"))?;
        tx.commit().map_err(err("committing a document"))?;
        self.document(id)
    }

    /// Replace a document's content after its file changed (re-import): passages, mentions,
    /// hash, format, text; the metadata too unless the reader edited it. Key and id stay.
    pub fn replace_content(&mut self, id: i64, new: &NewDocument<'_>) -> Result<(), LibraryError> {
        let key = self.document(id)?.key;
        let path = self.path.clone();
        let err = |what: &'static str| sql_error(&path, what);
        let tx = self
            .conn_mut()
            .transaction()
            .map_err(err("starting a transaction"))?;
        let d = new.document;
        let authors = serde_json::to_string(&d.authors).unwrap_or_else(|_| "[]".into());
        let warnings = serde_json::to_string(new.warnings).unwrap_or_else(|_| "[]".into());
        tx.execute(
            &format!(
                "UPDATE documents SET source_path = ?2, content_hash = ?3, format = ?4, \
                 linker_version = ?5, text = ?6, warnings = ?7, imported_at = {NOW}, \
                 title = CASE WHEN metadata_edited THEN title ELSE ?8 END, \
                 title_supplied = CASE WHEN metadata_edited THEN title_supplied ELSE ?9 END, \
                 authors = CASE WHEN metadata_edited THEN authors ELSE ?10 END, \
                 outlet = CASE WHEN metadata_edited THEN outlet ELSE ?11 END, \
                 date = CASE WHEN metadata_edited THEN date ELSE ?12 END, \
                 byline_note = ?13 WHERE id = ?1"
            ),
            params![
                id,
                new.source_path,
                new.content_hash,
                new.format,
                new.linker_version,
                new.text,
                warnings,
                d.title,
                d.title_supplied,
                authors,
                d.outlet,
                d.date,
                d.byline_note
            ],
        )
        .map_err(err("updating a document"))?;
        tx.execute("DELETE FROM passages WHERE document = ?1", [id])
            .map_err(err("removing old passages"))?;
        let passages = renamed(new.passages, &key);
        insert_passages(&tx, id, &passages, new.mentions).map_err(err("storing passages"))?;
        tx.commit().map_err(err("committing a re-import"))?;
        Ok(())
    }

    /// Replace the mentions of document `id` (one list per passage, reading order) made by
    /// linker `version`.
    pub fn replace_mentions(
        &mut self,
        id: i64,
        mentions: &[Vec<Mention>],
        version: &str,
    ) -> Result<(), LibraryError> {
        let path = self.path.clone();
        let err = move |source| LibraryError::Sql {
            path: path.clone(),
            what: "storing new links".into(),
            source,
        };
        let tx = self.conn_mut().transaction().map_err(err.clone())?;
        insert_mentions(&tx, id, mentions).map_err(err.clone())?;
        tx.execute(
            "UPDATE documents SET linker_version = ?2 WHERE id = ?1",
            params![id, version],
        )
        .map_err(err.clone())?;
        tx.commit().map_err(err)
    }

    /// One document by row id.
    pub fn document(&self, id: i64) -> Result<StoredDocument, LibraryError> {
        self.conn()
            .query_row(
                &format!("SELECT {DOC_COLUMNS} FROM documents d WHERE d.id = ?1"),
                [id],
                doc_from_row,
            )
            .optional()
            .map_err(self.err("reading a document"))?
            .ok_or(LibraryError::NoDocument(id))
    }

    /// The document imported from `source_path`, if any (the most recent).
    pub fn find_by_source(
        &self,
        source_path: &str,
    ) -> Result<Option<StoredDocument>, LibraryError> {
        let id: Option<i64> = self
            .conn()
            .query_row(
                "SELECT id FROM documents WHERE source_path = ?1 ORDER BY id DESC LIMIT 1",
                [source_path],
                |r| r.get(0),
            )
            .optional()
            .map_err(self.err("looking up a source"))?;
        id.map(|id| self.document(id)).transpose()
    }

    /// The row id of the document with this key.
    pub fn id_of_key(&self, key: &str) -> Result<Option<i64>, LibraryError> {
        self.conn()
            .query_row("SELECT id FROM documents WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .map_err(self.err("looking up a document id"))
    }

    /// Every document, in the order they were added, with passage and place counts.
    pub fn list(&self) -> Result<Vec<StoredDocument>, LibraryError> {
        let mut st = self
            .conn()
            .prepare(&format!(
                "SELECT {DOC_COLUMNS} FROM documents d ORDER BY d.id"
            ))
            .map_err(self.err("listing documents"))?;
        st.query_map([], doc_from_row)
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(self.err("listing documents"))
    }

    /// The extracted text of document `id`, as imported.
    pub fn text(&self, id: i64) -> Result<String, LibraryError> {
        self.conn()
            .query_row("SELECT text FROM documents WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(self.err("reading a document's text"))?
            .ok_or(LibraryError::NoDocument(id))
    }

    /// Everything stored: documents, passages and mentions, ready for the reading panels
    /// (nothing is re-read or re-linked).
    pub fn load(&self) -> Result<StoredLibrary, LibraryError> {
        let documents = self.list()?;
        let key_of: HashMap<i64, &str> = documents.iter().map(|d| (d.id, d.key.as_str())).collect();
        let mut passages = Vec::new();
        let mut rowids: HashMap<i64, usize> = HashMap::new();
        {
            let mut st = self
                .conn()
                .prepare(
                    "SELECT p.id, p.document, p.idx, p.heading, p.text FROM passages p \
                     ORDER BY p.document, p.idx",
                )
                .map_err(self.err("loading passages"))?;
            let mut rows = st.query([]).map_err(self.err("loading passages"))?;
            while let Some(r) = rows.next().map_err(self.err("loading passages"))? {
                let rowid: i64 = r.get(0).map_err(self.err("loading passages"))?;
                let doc: i64 = r.get(1).map_err(self.err("loading passages"))?;
                let idx: i64 = r.get(2).map_err(self.err("loading passages"))?;
                let Some(key) = key_of.get(&doc) else {
                    continue;
                };
                let index = usize::try_from(idx).unwrap_or(0);
                rowids.insert(rowid, passages.len());
                passages.push(Passage {
                    id: crate::corpus::passage_id(key, index),
                    document: (*key).to_string(),
                    index,
                    heading: r.get(3).map_err(self.err("loading passages"))?,
                    text: r.get(4).map_err(self.err("loading passages"))?,
                });
            }
        }
        let mut mentions: Vec<Vec<Mention>> = vec![Vec::new(); passages.len()];
        {
            let mut st = self
                .conn()
                .prepare("SELECT passage, start, end, feature, kind FROM mentions ORDER BY passage, start")
                .map_err(self.err("loading mentions"))?;
            let mut rows = st.query([]).map_err(self.err("loading mentions"))?;
            while let Some(r) = rows.next().map_err(self.err("loading mentions"))? {
                let pid: i64 = r.get(0).map_err(self.err("loading mentions"))?;
                let Some(&pi) = rowids.get(&pid) else {
                    continue;
                };
                let start = usize::try_from(r.get::<_, i64>(1).unwrap_or(-1)).unwrap_or(0);
                let end = usize::try_from(r.get::<_, i64>(2).unwrap_or(-1)).unwrap_or(0);
                let kind: String = r.get(4).map_err(self.err("loading mentions"))?;
                let Some(surface) = passages.get(pi).and_then(|p| p.text.get(start..end)) else {
                    continue; // a span that no longer fits its passage: dropped
                };
                let mention = Mention {
                    feature: r.get(3).map_err(self.err("loading mentions"))?,
                    start,
                    end,
                    surface: surface.to_string(),
                    kind: if kind == "demonym" {
                        MentionKind::Demonym
                    } else {
                        MentionKind::Name
                    },
                };
                if let Some(list) = mentions.get_mut(pi) {
                    list.push(mention);
                }
            }
        }
        Ok(StoredLibrary {
            documents,
            passages,
            mentions,
        })
    }

    /// Edit a document's metadata (marked edited: a re-import keeps it).
    pub fn update_meta(&mut self, id: i64, meta: &DocumentMeta) -> Result<(), LibraryError> {
        if meta.title.trim().is_empty() {
            return Err(LibraryError::Invalid("a document needs a title".into()));
        }
        let authors = serde_json::to_string(&meta.authors).unwrap_or_else(|_| "[]".into());
        let n = self
            .conn()
            .execute(
                "UPDATE documents SET title = ?2, title_supplied = 0, authors = ?3, outlet = ?4, \
                 date = ?5, metadata_edited = 1 WHERE id = ?1",
                params![id, meta.title.trim(), authors, meta.outlet, meta.date],
            )
            .map_err(self.err("editing metadata"))?;
        if n == 0 {
            return Err(LibraryError::NoDocument(id));
        }
        Ok(())
    }

    /// Remove a document with its passages and mentions; returns what it was.
    pub fn remove_document(&mut self, id: i64) -> Result<StoredDocument, LibraryError> {
        let doc = self.document(id)?;
        self.conn()
            .execute("DELETE FROM documents WHERE id = ?1", [id])
            .map_err(self.err("removing a document"))?;
        Ok(doc)
    }
}

/// `passages` with ids and document renamed to `key`.
fn renamed(passages: &[Passage], key: &str) -> Vec<Passage> {
    passages
        .iter()
        .map(|p| Passage {
            id: crate::corpus::passage_id(key, p.index),
            document: key.to_string(),
            ..p.clone()
        })
        .collect()
}

/// An SQL error of the library at `path` while doing `what`, for `map_err`.
fn sql_error(path: &str, what: &'static str) -> impl FnOnce(rusqlite::Error) -> LibraryError {
    let path = path.to_string();
    move |source| LibraryError::Sql {
        path,
        what: what.to_string(),
        source,
    }
}
