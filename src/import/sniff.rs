//! Which reader a file needs: magic bytes and content first, the extension as a hint; data
//! files (GeoJSON, CSV, images, archives…) refused with what they are.

use super::{Format, ImportError};

/// The format of `bytes` (named `file`, `hint` from its extension), or a refusal saying what
/// the file is when it is not a document.
pub fn sniff(file: &str, bytes: &[u8], hint: Option<Format>) -> Result<Format, ImportError> {
    let not_doc = |what: &str| ImportError::NotDocument {
        file: file.to_string(),
        what: what.to_string(),
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::EmptyFile {
            file: file.to_string(),
            bytes: bytes.len(),
        });
    }
    let head = bytes.get(..1024).unwrap_or(bytes);
    if find(head, b"%PDF-").is_some() {
        return Ok(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        if find(bytes.get(..200).unwrap_or(bytes), b"application/epub+zip").is_some() {
            return Ok(Format::Epub);
        }
        if find(bytes, b"word/document.xml").is_some() {
            return Ok(Format::Docx);
        }
        return match hint {
            Some(f @ (Format::Docx | Format::Epub)) => Ok(f),
            _ if find(bytes, b"META-INF/container.xml").is_some() => Ok(Format::Epub),
            _ if find(bytes, b"xl/workbook").is_some() => Err(not_doc("an Excel workbook")),
            _ if find(bytes, b"ppt/presentation").is_some() => {
                Err(not_doc("a PowerPoint presentation"))
            }
            _ => Err(not_doc(
                "a ZIP archive (unpack it and import the files inside)",
            )),
        };
    }
    if let Some(what) = binary_kind(bytes) {
        return Err(not_doc(what));
    }
    let ext = std::path::Path::new(file)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let text_start = skip_bom_ws(head);
    if is_geojson(&ext, bytes) {
        return Err(ImportError::Layer {
            file: file.to_string(),
        });
    }
    match ext.as_str() {
        "json" => return Err(not_doc("a JSON data file")),
        "csv" | "tsv" => return Err(not_doc("a table of data (CSV)")),
        "kml" | "kmz" | "gpx" | "shp" | "gpkg" => {
            return Err(not_doc(
                "a map data file (load layers as GeoJSON with --layer)",
            ));
        }
        "doc" | "xls" | "ppt" | "rtf" | "odt" => {
            return Err(not_doc(
                "an older office format (save it as .docx or PDF and import that)",
            ));
        }
        _ => {}
    }
    if (text_start.starts_with(b"{") || text_start.starts_with(b"["))
        && serde_json::from_slice::<serde_json::Value>(bytes).is_ok()
    {
        return Err(not_doc("a JSON data file"));
    }
    let lower: Vec<u8> = text_start
        .iter()
        .take(300)
        .map(u8::to_ascii_lowercase)
        .collect();
    if lower.starts_with(b"mime-version:")
        || (find(&lower, b"multipart/related").is_some() && hint == Some(Format::Mhtml))
    {
        return Ok(Format::Mhtml);
    }
    if hint == Some(Format::Mhtml) {
        return Ok(Format::Mhtml);
    }
    if lower.starts_with(b"<!doctype html")
        || lower.starts_with(b"<html")
        || (lower.starts_with(b"<?xml") && find(&lower, b"<html").is_some())
    {
        return Ok(Format::Html);
    }
    match hint {
        Some(f @ (Format::Html | Format::Markdown | Format::Text)) => Ok(f),
        // A DOCX, EPUB or PDF by name that is none of these by content.
        Some(f @ (Format::Docx | Format::Epub | Format::Pdf)) => Err(ImportError::Corrupt {
            file: file.to_string(),
            format: f.label(),
            reason: "the content is not of that format (wrong extension or a damaged file)".into(),
        }),
        Some(Format::Mhtml) | None => Ok(Format::Text),
    }
}

/// A GeoJSON object by extension or by its `type`.
fn is_geojson(ext: &str, bytes: &[u8]) -> bool {
    if ext == "geojson" {
        return true;
    }
    let start = skip_bom_ws(bytes.get(..4096).unwrap_or(bytes));
    if !start.starts_with(b"{") {
        return false;
    }
    let head = String::from_utf8_lossy(start);
    let compact: String = head.chars().filter(|c| !c.is_whitespace()).collect();
    compact.contains("\"type\":\"FeatureCollection\"")
        || compact.contains("\"type\":\"Feature\"")
        || (compact.contains("\"features\":[") && compact.contains("\"geometry\""))
}

/// What a binary file is, by its magic bytes, when it is no document format.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"II*\0", "a TIFF image"),
        (b"MM\0*", "a TIFF image"),
        (b"RIFF", "a media file (RIFF)"),
        (b"\x7fELF", "a program (ELF)"),
        (b"MZ", "a Windows program"),
        (b"\x1f\x8b", "a gzip archive"),
        (b"BZh", "a bzip2 archive"),
        (b"\xfd7zXZ", "an xz archive"),
        (b"7z\xbc\xaf", "a 7-Zip archive"),
        (b"Rar!", "a RAR archive"),
        (
            b"\xd0\xcf\x11\xe0",
            "an older office file (save it as .docx or PDF)",
        ),
        (b"SQLite format 3\0", "an SQLite database"),
        (b"%!PS", "a PostScript file (convert it to PDF)"),
        (b"{\\rtf", "an RTF file (save it as .docx or PDF)"),
        (b"ID3", "an audio file"),
        (b"OggS", "an audio file"),
        (b"fLaC", "an audio file"),
    ];
    MAGIC
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|(_, what)| *what)
}

fn skip_bom_ws(b: &[u8]) -> &[u8] {
    let b = b.strip_prefix(b"\xef\xbb\xbf").unwrap_or(b);
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    b.get(n..).unwrap_or(&[])
}

/// The first position of `needle` in `hay`.
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_wins_over_the_extension() {
        assert_eq!(sniff("a.txt", b"%PDF-1.4\n...", None), Ok(Format::Pdf));
        assert_eq!(
            sniff("page", b"\n<!DOCTYPE html><html></html>", None),
            Ok(Format::Html)
        );
        assert_eq!(sniff("notes", b"just words", None), Ok(Format::Text));
        assert_eq!(
            sniff("n.md", b"# Title", Some(Format::Markdown)),
            Ok(Format::Markdown)
        );
    }

    #[test]
    fn data_files_are_refused_with_what_they_are() {
        let gj = br#"{ "type": "FeatureCollection", "features": [] }"#;
        assert_eq!(
            sniff("roads.json", gj, None),
            Err(ImportError::Layer {
                file: "roads.json".into()
            })
        );
        let e = sniff("x.png", b"\x89PNG\r\n\x1a\n\0\0", None);
        assert!(
            matches!(&e, Err(ImportError::NotDocument { what, .. }) if what.contains("PNG")),
            "{e:?}"
        );
        let e = sniff("data.json", br#"[1, 2, 3]"#, None);
        assert!(matches!(e, Err(ImportError::NotDocument { .. })), "{e:?}");
        let e = sniff("a.docx", b"not a zip at all", Some(Format::Docx));
        assert!(matches!(e, Err(ImportError::Corrupt { .. })), "{e:?}");
        let e = sniff("blank.txt", b"  \n", Some(Format::Text));
        assert!(
            matches!(e, Err(ImportError::EmptyFile { bytes: 3, .. })),
            "{e:?}"
        );
        let e = sniff("nothing.pdf", b"", None);
        assert!(
            e.as_ref().is_err_and(
                |e| e.to_string() == "nothing.pdf: empty file (0 bytes): nothing to read"
            ),
            "{e:?}"
        );
    }
}
