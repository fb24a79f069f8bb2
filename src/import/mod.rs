//! Document readers: one per format (PDF, web page, DOCX, EPUB, Markdown, text in any common
//! encoding), each turning a file's bytes into a `corpus::RawDocument` that the corpus cleans
//! and splits; the format sniffed from content and extension; every read sandboxed (size cap,
//! panic caught, time budget). Never imports egui; trusts none of its input.

mod docx;
mod dom;
mod epub;
mod html;
mod markdown;
pub mod meta;
mod mhtml;
mod paths;
mod pdf;
mod sandbox;
mod sniff;
mod text;
mod xml;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::corpus::{self, CorpusError, Document, Passage, RawDocument};

pub use paths::{Expanded, expand_paths};
pub use sniff::sniff;

/// A document format the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Pdf,
    Html,
    Mhtml,
    Docx,
    Epub,
    Markdown,
    Text,
}

impl Format {
    /// A short name for messages and the library ("PDF", "web page", …).
    pub fn label(self) -> &'static str {
        match self {
            Format::Pdf => "PDF",
            Format::Html => "web page",
            Format::Mhtml => "web archive (MHTML)",
            Format::Docx => "Word document",
            Format::Epub => "EPUB book",
            Format::Markdown => "Markdown",
            Format::Text => "text",
        }
    }

    /// The format a file extension names (case-insensitive), if it is one the importer reads.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "pdf" => Some(Format::Pdf),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "mhtml" | "mht" => Some(Format::Mhtml),
            "docx" => Some(Format::Docx),
            "epub" => Some(Format::Epub),
            "md" | "markdown" | "mdown" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::Text),
            _ => None,
        }
    }
}

/// Why a file was not imported. Every message names the file and says what to do where
/// something can be done.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: {reason}")]
    Read { file: String, reason: String },
    #[error(
        "{file}: scanned PDF: its pages are images with no text layer; run OCR on it first and import the result"
    )]
    Scanned { file: String },
    #[error(
        "{file}: encrypted PDF: it needs a password to open; save an unprotected copy and import that"
    )]
    Encrypted { file: String },
    #[error("{file}: corrupt or truncated {format} file: {reason}")]
    Corrupt {
        file: String,
        format: &'static str,
        reason: String,
    },
    #[error("{file}: this is a GeoJSON layer, not a document: add it with --layer")]
    Layer { file: String },
    #[error("{file}: {what}, not a document")]
    NotDocument { file: String, what: String },
    #[error("{file}: empty: no text found in this {format}")]
    Empty { file: String, format: &'static str },
    #[error("{file}: empty file ({bytes} bytes{}): nothing to read", if *bytes > 0 { " of white space" } else { "" })]
    EmptyFile { file: String, bytes: usize },
    #[error(
        "{file}: reading took longer than {secs} s and was abandoned (a broken or hostile file?)"
    )]
    Timeout { file: String, secs: u64 },
    #[error("{file}: the {format} reader failed on this file ({reason})")]
    Crashed {
        file: String,
        format: &'static str,
        reason: String,
    },
    #[error("{0}")]
    Corpus(#[from] CorpusError),
}

/// A document read, cleaned and split (not linked).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Imported {
    pub document: Document,
    pub passages: Vec<Passage>,
    pub format: Format,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub content_hash: String,
    /// What was odd but not fatal (an encoding guessed, a chapter skipped…).
    pub warnings: Vec<String>,
}

/// What one import may use.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Files larger than this are refused before they are read.
    pub max_bytes: u64,
    /// A reader still running after this is abandoned (see [`sandbox`]).
    pub time_budget: Duration,
}

/// Files over 128 MB are refused; a reader gets two minutes.
pub const DEFAULT_LIMITS: Limits = Limits {
    max_bytes: 128 << 20,
    time_budget: Duration::from_secs(120),
};

impl Default for Limits {
    fn default() -> Self {
        DEFAULT_LIMITS
    }
}

/// What a reader returns: the document and its warnings.
pub(crate) struct ReadOutcome {
    pub raw: RawDocument,
    pub warnings: Vec<String>,
}

/// Reads, cleans and splits the document at `path`: the format sniffed from its content and
/// extension, the file read capped, the reader sandboxed. Callable from many threads at once.
pub fn read_path(path: &Path) -> Result<Imported, ImportError> {
    read_path_with(path, DEFAULT_LIMITS)
}

/// [`read_path`] with explicit limits.
pub fn read_path_with(path: &Path, limits: Limits) -> Result<Imported, ImportError> {
    let file = path.display().to_string();
    let bytes =
        crate::fsread::read_capped(path, limits.max_bytes).map_err(|e| ImportError::Read {
            file: file.clone(),
            reason: e.to_string(),
        })?;
    let hint = path
        .extension()
        .and_then(|e| e.to_str())
        .and_then(Format::from_extension);
    import(&file, Arc::from(bytes), hint, limits)
}

/// The same as [`read_path`] for bytes in memory (`name` as the file name in messages and
/// for the id; `hint`, a format the caller expects, e.g. from the extension).
pub fn read_bytes(name: &str, bytes: &[u8], hint: Option<Format>) -> Result<Imported, ImportError> {
    read_bytes_with(name, bytes, hint, DEFAULT_LIMITS)
}

/// [`read_bytes`] with explicit limits.
pub fn read_bytes_with(
    name: &str,
    bytes: &[u8],
    hint: Option<Format>,
    limits: Limits,
) -> Result<Imported, ImportError> {
    if bytes.len() as u64 > limits.max_bytes {
        return Err(ImportError::Read {
            file: name.to_string(),
            reason: crate::fsread::ReadError::TooLarge {
                cap: limits.max_bytes,
            }
            .to_string(),
        });
    }
    let hint = hint.or_else(|| {
        Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension)
    });
    import(name, Arc::from(bytes), hint, limits)
}

fn import(
    file: &str,
    bytes: Arc<[u8]>,
    hint: Option<Format>,
    limits: Limits,
) -> Result<Imported, ImportError> {
    let format = sniff(file, &bytes, hint)?;
    let content_hash = hex(&Sha256::digest(&bytes));
    let name = file.to_string();
    let (document, passages, warnings) =
        sandbox::run(file, format, limits.time_budget, move || {
            let outcome = read_format(&name, &bytes, format)?;
            let (document, passages) = corpus::ingest_raw(&outcome.raw)?;
            Ok((document, passages, outcome.warnings))
        })?;
    Ok(Imported {
        document,
        passages,
        format,
        content_hash,
        warnings,
    })
}

/// Runs the reader for `format` (inside the sandbox).
fn read_format(file: &str, bytes: &[u8], format: Format) -> Result<ReadOutcome, ImportError> {
    match format {
        Format::Pdf => pdf::read(file, bytes),
        Format::Html => html::read(file, bytes),
        Format::Mhtml => html::read_mhtml(file, bytes),
        Format::Docx => docx::read(file, bytes),
        Format::Epub => epub::read(file, bytes),
        Format::Markdown => markdown::read(file, bytes),
        Format::Text => text::read(file, bytes),
    }
}

/// The file name of `file` (a path or a name), for the document id.
pub(crate) fn file_name(file: &str) -> String {
    Path::new(file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.to_string())
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// `s` cut to at most `max` characters (with an ellipsis), for values echoed in messages.
pub(crate) fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_come_from_extensions_case_insensitively() {
        assert_eq!(Format::from_extension("PDF"), Some(Format::Pdf));
        assert_eq!(Format::from_extension("htm"), Some(Format::Html));
        assert_eq!(Format::from_extension("Md"), Some(Format::Markdown));
        assert_eq!(Format::from_extension("geojson"), None);
    }

    #[test]
    fn hashes_and_clipping() {
        assert_eq!(hex(&[0, 15, 255]), "000fff");
        assert_eq!(clip("abcdef", 3), "abc…");
        assert_eq!(clip("abc", 3), "abc");
    }

    #[test]
    fn bytes_over_the_limit_are_refused_by_name() {
        let limits = Limits {
            max_bytes: 4,
            ..DEFAULT_LIMITS
        };
        let e = read_bytes_with("big.txt", b"hello world", None, limits);
        let Err(ImportError::Read { file, reason }) = e else {
            panic!("expected a size refusal, got {e:?}");
        };
        assert_eq!(file, "big.txt");
        assert!(reason.contains("too large"), "{reason}");
    }
}
