//! The one place the library calls a document reader: [`import_file`] turns a file into a
//! cleaned document and its passages. Today plain text through `corpus::ingest_text`; the
//! `import` module's `read_path` replaces it (same field names), and `expand_paths` likewise.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::corpus::{Document, Passage};

/// The largest file imported.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

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

/// The hex SHA-256 of `bytes`.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The name a format is stored and listed under (`text`, `pdf`…): its lower-case name.
pub fn format_name(format: &impl std::fmt::Debug) -> String {
    format!("{format:?}").to_lowercase()
}

/// Read, clean and split the file at `path`. An error names the file and says what is wrong.
pub fn import_file(path: &Path) -> Result<Imported, String> {
    let name = path.display().to_string();
    let bytes =
        crate::fsread::read_capped(path, MAX_FILE_BYTES).map_err(|e| format!("{name}: {e}"))?;
    import_bytes(&name, &bytes)
}

/// [`import_file`] for bytes already in hand (a drop without a path).
pub fn import_bytes(name: &str, bytes: &[u8]) -> Result<Imported, String> {
    let (document, passages) =
        crate::corpus::ingest_text(name, bytes).map_err(|e| e.to_string())?;
    Ok(Imported {
        document,
        passages,
        format: Format::Text,
        content_hash: content_hash(bytes),
        warnings: Vec::new(),
    })
}

/// Extensions a folder walk picks up.
const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown"];

/// The files to import for `paths`: files as given, folders walked recursively (documents by
/// extension, hidden entries skipped, each folder once even through symbolic-link loops), in
/// sorted order. Problems are returned as messages naming the path.
pub fn expand_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut files, &mut problems, &mut seen),
            Ok(_) => files.push(p.clone()),
            Err(e) => problems.push(format!("{}: cannot read: {e}", p.display())),
        }
    }
    (files, problems)
}

fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    problems: &mut Vec<String>,
    seen: &mut std::collections::HashSet<PathBuf>,
) {
    let Ok(real) = std::fs::canonicalize(dir) else {
        problems.push(format!("{}: cannot resolve the folder", dir.display()));
        return;
    };
    if !seen.insert(real) {
        problems.push(format!(
            "{}: folder already visited (a link loop?); skipped",
            dir.display()
        ));
        return;
    }
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(Result::ok).map(|e| e.path()).collect(),
        Err(e) => {
            problems.push(format!("{}: cannot read the folder: {e}", dir.display()));
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
            Ok(m) if m.is_dir() => walk(&path, files, problems, seen),
            Ok(m) if m.is_file() => {
                let ext = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .map(str::to_lowercase)
                    .unwrap_or_default();
                if DOCUMENT_EXTENSIONS.contains(&ext.as_str()) {
                    files.push(path);
                }
            }
            Ok(_) => {}
            Err(e) => problems.push(format!("{}: cannot read: {e}", path.display())),
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
        let e = import_bytes("scan.pdf", &[0x25, 0x50, 0x44, 0x46, 0, 1]).err();
        assert!(e.is_some_and(|e| e.starts_with("scan.pdf") && e.contains("binary")));
    }
}
