//! The one place the library calls a document reader: [`import_file`] turns a file of any
//! supported format into a cleaned document and its passages through `crate::import` (PDF, web
//! page, MHTML, DOCX, EPUB, Markdown, text in any common encoding), and [`expand`] walks folders
//! for them. Built without the `import` feature, plain UTF-8 text only through
//! `corpus::ingest_text`.

#[cfg(feature = "import")]
use std::path::Path;
use std::path::PathBuf;

use sha2::{Digest, Sha256};

/// The largest file imported.
pub const MAX_FILE_BYTES: u64 = 128 << 20;

/// The hex SHA-256 of `bytes`.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The name a format is stored and listed under (`text`, `pdf`…): its lower-case name.
pub fn format_name(format: &impl std::fmt::Debug) -> String {
    format!("{format:?}").to_lowercase()
}

/// The files to import for `paths`: files as given, folders walked recursively (documents by
/// extension, hidden entries skipped, each folder once even through symbolic-link loops), in
/// sorted order; problems (a missing path, a loop) and what was skipped, as messages naming
/// the path.
pub fn expand(paths: &[PathBuf]) -> Expanded {
    walk::expand(paths)
}

/// [`expand`] with its problems and skip notes as one list of messages.
pub fn expand_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let e = expand(paths);
    let mut messages = e.problems;
    messages.extend(e.skipped);
    (e.files, messages)
}

#[cfg(feature = "import")]
pub use crate::import::{Expanded, Format, Imported};

/// Read, clean and split the file at `path`. An error names the file and says what is wrong.
#[cfg(feature = "import")]
pub fn import_file(path: &Path) -> Result<Imported, String> {
    let limits = crate::import::Limits {
        max_bytes: MAX_FILE_BYTES,
        ..crate::import::DEFAULT_LIMITS
    };
    crate::import::read_path_with(path, limits).map_err(|e| e.to_string())
}

/// [`import_file`] for bytes already in hand (a drop without a path).
#[cfg(feature = "import")]
pub fn import_bytes(name: &str, bytes: &[u8]) -> Result<Imported, String> {
    let limits = crate::import::Limits {
        max_bytes: MAX_FILE_BYTES,
        ..crate::import::DEFAULT_LIMITS
    };
    crate::import::read_bytes_with(name, bytes, None, limits).map_err(|e| e.to_string())
}

#[cfg(feature = "import")]
mod walk {
    pub use crate::import::expand_paths as expand;
}

#[cfg(not(feature = "import"))]
pub use plain::{Expanded, Format, Imported, import_bytes, import_file};

/// Without the `import` feature: UTF-8 plain text and Markdown only.
#[cfg(not(feature = "import"))]
mod plain {
    use std::path::{Path, PathBuf};

    use crate::corpus::{Document, Passage};

    /// The format a document was read as.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Format {
        Text,
    }

    /// A document read from a file, cleaned and split, not yet linked.
    #[derive(Debug, Clone)]
    pub struct Imported {
        pub document: Document,
        pub passages: Vec<Passage>,
        pub format: Format,
        /// Hex SHA-256 of the file's bytes.
        pub content_hash: String,
        pub warnings: Vec<String>,
    }

    /// What a walk found (see [`super::expand`]).
    #[derive(Debug, Clone, Default, PartialEq)]
    pub struct Expanded {
        pub files: Vec<PathBuf>,
        pub problems: Vec<String>,
        pub skipped: Vec<String>,
    }

    pub fn import_file(path: &Path) -> Result<Imported, String> {
        let name = path.display().to_string();
        let bytes = crate::fsread::read_capped(path, super::MAX_FILE_BYTES)
            .map_err(|e| format!("{name}: {e}"))?;
        import_bytes(&name, &bytes)
    }

    pub fn import_bytes(name: &str, bytes: &[u8]) -> Result<Imported, String> {
        let (document, passages) =
            crate::corpus::ingest_text(name, bytes).map_err(|e| e.to_string())?;
        Ok(Imported {
            document,
            passages,
            format: Format::Text,
            content_hash: super::content_hash(bytes),
            warnings: Vec::new(),
        })
    }
}

#[cfg(not(feature = "import"))]
mod walk {
    use std::collections::HashSet;
    use std::path::{Path, PathBuf};

    use super::Expanded;

    /// Extensions a folder walk picks up.
    const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown"];

    pub fn expand(paths: &[PathBuf]) -> Expanded {
        let mut out = Expanded::default();
        let mut seen = HashSet::new();
        for p in paths {
            match std::fs::metadata(p) {
                Ok(m) if m.is_dir() => walk(p, &mut out, &mut seen),
                Ok(_) => out.files.push(p.clone()),
                Err(e) => out
                    .problems
                    .push(format!("{}: cannot read: {e}", p.display())),
            }
        }
        out
    }

    fn walk(dir: &Path, out: &mut Expanded, seen: &mut HashSet<PathBuf>) {
        let Ok(real) = std::fs::canonicalize(dir) else {
            out.problems
                .push(format!("{}: cannot resolve the folder", dir.display()));
            return;
        };
        if !seen.insert(real) {
            out.problems.push(format!(
                "{}: folder already visited (a link loop?); skipped",
                dir.display()
            ));
            return;
        }
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
            Ok(rd) => rd.filter_map(Result::ok).map(|e| e.path()).collect(),
            Err(e) => {
                out.problems
                    .push(format!("{}: cannot read the folder: {e}", dir.display()));
                return;
            }
        };
        entries.sort();
        for path in entries {
            let hidden = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if hidden {
                continue;
            }
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => walk(&path, out, seen),
                Ok(m) if m.is_file() => {
                    let ext = path
                        .extension()
                        .and_then(|e| e.to_str())
                        .map(str::to_lowercase)
                        .unwrap_or_default();
                    if DOCUMENT_EXTENSIONS.contains(&ext.as_str()) {
                        out.files.push(path);
                    }
                }
                Ok(_) => {}
                Err(e) => out
                    .problems
                    .push(format!("{}: cannot read: {e}", path.display())),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_hex_sha256() {
        assert_eq!(
            content_hash(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(format_name(&Format::Text), "text");
    }

    #[test]
    fn a_binary_file_is_refused_by_name() {
        let e = import_bytes("scan.txt", b"\0\0\x01\x02binary").err();
        assert!(
            e.as_deref()
                .is_some_and(|e| e.starts_with("scan.txt") && e.contains("binary")),
            "{e:?}"
        );
    }

    #[cfg(feature = "import")]
    #[test]
    fn every_format_is_read_and_named() {
        assert_eq!(format_name(&Format::Pdf), "pdf");
        let html = b"<!DOCTYPE html><html><head><title>Ports</title></head><body><article>\
            <p>The ferry from Aktau to Baku takes a day when the weather holds and three when it \
            does not, and the drivers wait at the port with their trucks.</p></article></body></html>";
        let Ok(i) = import_bytes("ports.html", html) else {
            panic!("a web page imports");
        };
        assert_eq!(i.format, Format::Html);
        assert!(i.passages.iter().any(|p| p.text.contains("Aktau to Baku")));
        let e = import_bytes(
            "roads.txt",
            br#"{"type":"FeatureCollection","features":[]}"#,
        )
        .err();
        assert!(
            e.as_deref()
                .is_some_and(|e| e.starts_with("roads.txt") && e.contains("GeoJSON")),
            "{e:?}"
        );
    }
}
