//! The reader's library in SQLite (`rusqlite`, bundled): where the database lives, opening it
//! (WAL, foreign keys, migrations by `PRAGMA user_version`), and setting a corrupt or newer one
//! aside. Tables and their typed APIs live in the submodules. Never imports egui.

pub mod corrections;
pub mod documents;
pub mod importer;
pub mod layers;
pub mod notes;
pub mod pipeline;
mod schema;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use documents::{DocumentMeta, NewDocument, StoredDocument, StoredLibrary};

/// The environment variable that overrides where the library lives (tests use temp dirs).
pub const DATA_DIR_ENV: &str = "CASPIAN_ATLAS_DATA_DIR";

/// The database file's name inside the data directory.
pub const DB_FILE: &str = "library.db";

/// What went wrong with the library database. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error("no data directory for the library: set {DATA_DIR_ENV} or HOME")]
    NoDataDir,
    #[error("{path}: cannot create the library's folder: {source}")]
    CreateDir {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {what}: {source}")]
    Sql {
        path: String,
        what: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{path}: cannot set the damaged library aside: {source}")]
    SetAside {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("library: no document with id {0}")]
    NoDocument(i64),
    #[error("library: {0}")]
    Invalid(String),
}

/// The folder the library lives in: `$CASPIAN_ATLAS_DATA_DIR`, else the platform's data
/// directory (`$XDG_DATA_HOME/caspian-atlas` on Linux).
pub fn data_dir() -> Result<PathBuf, LibraryError> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::data_dir()
        .map(|d| d.join("caspian-atlas"))
        .ok_or(LibraryError::NoDataDir)
}

/// The library database's path (see [`data_dir`]).
pub fn default_path() -> Result<PathBuf, LibraryError> {
    Ok(data_dir()?.join(DB_FILE))
}

/// An open library database: one connection, every write in a transaction.
pub struct Store {
    conn: Connection,
    path: String,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Open (or create) the library at `path`. A file that is not a readable library of a
    /// version this program knows is moved aside (`library.db.corrupt-YYYYMMDD-HHMMSS`) and a
    /// fresh library is started; the returned warnings say so.
    pub fn open(path: &Path) -> Result<(Store, Vec<String>), LibraryError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| LibraryError::CreateDir {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let mut warnings = Vec::new();
        match Store::try_open(path) {
            Ok(store) => Ok((store, warnings)),
            Err(OpenProblem::Fatal(e)) => Err(e),
            Err(OpenProblem::Unusable(why)) => {
                let aside = set_aside(path)?;
                warnings.push(format!(
                    "{}: {why}; it was moved to {} and a new, empty library was started",
                    path.display(),
                    aside.display()
                ));
                match Store::try_open(path) {
                    Ok(store) => Ok((store, warnings)),
                    Err(OpenProblem::Fatal(e)) => Err(e),
                    Err(OpenProblem::Unusable(why)) => Err(LibraryError::Invalid(format!(
                        "{}: a new library cannot be started: {why}",
                        path.display()
                    ))),
                }
            }
        }
    }

    /// A library held in memory only (nothing survives the process): for a window started
    /// without a data directory, and for tests.
    pub fn in_memory() -> Result<Store, LibraryError> {
        let path = ":memory:".to_string();
        let conn = Connection::open_in_memory().map_err(|source| LibraryError::Sql {
            path: path.clone(),
            what: "cannot open an in-memory database".into(),
            source,
        })?;
        let mut store = Store { conn, path };
        store
            .configure()
            .map_err(|e| LibraryError::Invalid(e.to_string()))?;
        schema::migrate(&mut store.conn, &store.path)?;
        Ok(store)
    }

    fn try_open(path: &Path) -> Result<Store, OpenProblem> {
        let shown = path.display().to_string();
        let conn = Connection::open(path).map_err(|source| {
            OpenProblem::Fatal(LibraryError::Sql {
                path: shown.clone(),
                what: "cannot open".into(),
                source,
            })
        })?;
        let mut store = Store { conn, path: shown };
        store.configure().map_err(OpenProblem::Unusable)?;
        let version = schema::user_version(&store.conn)
            .map_err(|e| OpenProblem::Unusable(format!("not a readable library ({e})")))?;
        if version > schema::CURRENT_VERSION {
            return Err(OpenProblem::Unusable(format!(
                "made by a newer version of Caspian Atlas (schema {version}, this one knows {})",
                schema::CURRENT_VERSION
            )));
        }
        schema::check_tables(&store.conn, version)
            .map_err(|e| OpenProblem::Unusable(format!("damaged ({e})")))?;
        schema::migrate(&mut store.conn, &store.path).map_err(|e| match e {
            LibraryError::Sql { source, .. } => {
                OpenProblem::Unusable(format!("cannot be brought up to date ({source})"))
            }
            other => OpenProblem::Fatal(other),
        })?;
        Ok(store)
    }

    fn configure(&self) -> Result<(), String> {
        let run = || -> rusqlite::Result<()> {
            self.conn.busy_timeout(std::time::Duration::from_secs(10))?;
            // In memory the journal mode stays "memory"; on disk it becomes WAL.
            let _mode: String = self
                .conn
                .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
            self.conn.execute_batch(
                "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;",
            )?;
            Ok(())
        };
        run().map_err(|e| format!("not a readable library ({e})"))
    }

    /// Close this library, move its file aside (`why` says what is wrong with it) and start a
    /// new one in its place; the warnings say so. For a library found damaged after it opened.
    pub fn set_aside_and_reopen(self, why: &str) -> Result<(Store, Vec<String>), LibraryError> {
        if self.path == ":memory:" {
            return Ok((
                Store::in_memory()?,
                vec![format!("library: {why}; started again")],
            ));
        }
        let path = PathBuf::from(&self.path);
        drop(self);
        let aside = set_aside(&path)?;
        let (store, mut warnings) = Store::open(&path)?;
        warnings.insert(
            0,
            format!(
                "{}: {why}; it was moved to {} and a new, empty library was started",
                path.display(),
                aside.display()
            ),
        );
        Ok((store, warnings))
    }

    /// The file the library is in (`:memory:` for an in-memory one).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// An error naming this library and what was being done.
    pub(crate) fn err(&self, what: &str) -> impl Fn(rusqlite::Error) -> LibraryError + '_ {
        let what = what.to_string();
        move |source| LibraryError::Sql {
            path: self.path.clone(),
            what: what.clone(),
            source,
        }
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// The schema version of the open library.
    pub fn schema_version(&self) -> Result<i64, LibraryError> {
        schema::user_version(&self.conn).map_err(self.err("reading the schema version"))
    }
}

enum OpenProblem {
    /// The file cannot even be opened (permissions, a directory…): nothing to set aside.
    Fatal(LibraryError),
    /// The file is not a usable library: set it aside and start again.
    Unusable(String),
}

/// Move `path` (and its `-wal`/`-shm` companions) to `path.corrupt-YYYYMMDD-HHMMSS`.
fn set_aside(path: &Path) -> Result<PathBuf, LibraryError> {
    let stamp = utc_stamp(std::time::SystemTime::now());
    let mut aside = PathBuf::from(format!("{}.corrupt-{stamp}", path.display()));
    let mut n = 2;
    while aside.exists() {
        aside = PathBuf::from(format!("{}.corrupt-{stamp}-{n}", path.display()));
        n += 1;
    }
    std::fs::rename(path, &aside).map_err(|source| LibraryError::SetAside {
        path: path.display().to_string(),
        source,
    })?;
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", path.display()));
        if side.exists() {
            let to = PathBuf::from(format!("{}{suffix}", aside.display()));
            std::fs::rename(&side, &to).map_err(|source| LibraryError::SetAside {
                path: side.display().to_string(),
                source,
            })?;
        }
    }
    Ok(aside)
}

/// `YYYYMMDD-HHMMSS` in UTC.
pub fn utc_stamp(t: std::time::SystemTime) -> String {
    let secs = t
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}{m:02}{d:02}-{:02}{:02}{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// (year, month, day) of a day count since 1970-01-01 (proleptic Gregorian).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_utc_calendar_dates() {
        let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_764_945_296);
        assert_eq!(utc_stamp(t), "20251205-143456");
        assert_eq!(utc_stamp(std::time::UNIX_EPOCH), "19700101-000000");
        // 2000-02-29 (a leap day in a century leap year).
        let leap = std::time::UNIX_EPOCH + std::time::Duration::from_secs(951_782_400);
        assert_eq!(utc_stamp(leap), "20000229-000000");
    }

    #[test]
    fn an_in_memory_library_is_at_the_current_schema() {
        let Ok(store) = Store::in_memory() else {
            panic!("an in-memory library opens");
        };
        assert_eq!(store.schema_version().ok(), Some(schema::CURRENT_VERSION));
    }
}
