//! The library's schema and its migrations, numbered by `PRAGMA user_version`.

use rusqlite::Connection;

use super::LibraryError;

/// The schema version this program writes. A library with a higher one is set aside.
pub const CURRENT_VERSION: i64 = 1;

/// Each migration takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 0 → 1: documents, passages, mentions, user layers, corrections, notes.
    "CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        source_path TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        format TEXT NOT NULL,
        title TEXT NOT NULL,
        title_supplied INTEGER NOT NULL DEFAULT 0,
        authors TEXT NOT NULL DEFAULT '[]',
        outlet TEXT NOT NULL DEFAULT '',
        date TEXT NOT NULL DEFAULT '',
        byline_note TEXT,
        metadata_edited INTEGER NOT NULL DEFAULT 0,
        imported_at TEXT NOT NULL,
        linker_version TEXT NOT NULL,
        text TEXT NOT NULL,
        warnings TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX documents_source ON documents(source_path);
    CREATE TABLE passages (
        id INTEGER PRIMARY KEY,
        document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        heading TEXT,
        text TEXT NOT NULL,
        UNIQUE (document, idx)
    );
    CREATE TABLE mentions (
        passage INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        feature TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('name', 'demonym'))
    );
    CREATE INDEX mentions_passage ON mentions(passage);
    CREATE INDEX mentions_feature ON mentions(feature);
    CREATE TABLE layers (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL,
        name TEXT NOT NULL,
        bytes BLOB NOT NULL,
        colour TEXT NOT NULL,
        visible INTEGER NOT NULL DEFAULT 1,
        added_at TEXT NOT NULL
    );
    CREATE TABLE corrections (
        id INTEGER PRIMARY KEY,
        scope TEXT NOT NULL CHECK (scope IN ('mention', 'document', 'everywhere')),
        document TEXT,
        passage TEXT,
        start INTEGER,
        end INTEGER,
        surface TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('not-this-place', 'not-a-place', 'link-to')),
        feature TEXT,
        created_at TEXT NOT NULL
    );
    CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        target TEXT NOT NULL CHECK (target IN ('passage', 'feature', 'highlight')),
        passage TEXT,
        feature TEXT,
        quote TEXT NOT NULL DEFAULT '',
        prefix TEXT NOT NULL DEFAULT '',
        suffix TEXT NOT NULL DEFAULT '',
        colour TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );",
];

/// The tables every version from 1 on has.
const TABLES: &[&str] = &[
    "documents",
    "passages",
    "mentions",
    "layers",
    "corrections",
    "notes",
];

/// SQL for "now" as an ISO 8601 UTC timestamp.
pub const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

pub fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// A library of `version` ≥ 1 has all its tables, and SQLite can read its pages.
pub fn check_tables(conn: &Connection, version: i64) -> Result<(), String> {
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .and_then(|mut st| {
            st.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<String>>>()
        })
        .map_err(|e| e.to_string())?;
    if version == 0 {
        // A new file, or a database that is not ours: it must hold no tables of its own.
        return match names.first() {
            None => Ok(()),
            Some(t) => Err(format!("holds a table `{t}` but no library schema version")),
        };
    }
    for t in TABLES {
        if !names.iter().any(|n| n == t) {
            return Err(format!("table `{t}` is missing"));
        }
    }
    // Touch every table's first page: a damaged file fails here rather than later.
    for t in TABLES {
        conn.query_row(
            &format!("SELECT count(*) FROM (SELECT 1 FROM {t} LIMIT 1)"),
            [],
            |r| r.get::<_, i64>(0),
        )
        .map_err(|e| format!("table `{t}`: {e}"))?;
    }
    Ok(())
}

/// Bring the schema up to [`CURRENT_VERSION`], one transaction per step.
pub fn migrate(conn: &mut Connection, path: &str) -> Result<(), LibraryError> {
    let err = |what: &str| {
        let what = what.to_string();
        move |source| LibraryError::Sql {
            path: path.to_string(),
            what: what.clone(),
            source,
        }
    };
    let mut version = user_version(conn).map_err(err("reading the schema version"))?;
    while version < CURRENT_VERSION {
        let Some(step) = usize::try_from(version)
            .ok()
            .and_then(|v| MIGRATIONS.get(v))
        else {
            return Err(LibraryError::Invalid(format!(
                "{path}: no migration from schema {version}"
            )));
        };
        let tx = conn.transaction().map_err(err("starting a migration"))?;
        tx.execute_batch(step)
            .map_err(err(&format!("migrating from schema {version}")))?;
        tx.pragma_update(None, "user_version", version + 1)
            .map_err(err("setting the schema version"))?;
        tx.commit().map_err(err("committing a migration"))?;
        version += 1;
    }
    Ok(())
}
