//! Plain text in any common encoding (UTF-8 with or without BOM, UTF-16 with BOM or by its
//! zero bytes, Windows-1252/Latin-1, Windows-1251…: `encoding_rs` decodes, `chardetng` guesses),
//! refused when it is binary; a byline line near the top fills authors and date.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use super::meta::{parse_byline, parse_date};
use super::{ImportError, ReadOutcome, file_name};
use crate::corpus::{Body, DocMeta, RawDocument};

/// Decodes `bytes` to text: the encoding from a BOM, else UTF-8 when valid, else UTF-16 by
/// its zero bytes, else `chardetng`'s guess. The encoding's name is returned when guessed.
pub fn decode(bytes: &[u8]) -> (String, Option<&'static str>) {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom..).unwrap_or(&[]);
        let (text, _) = enc.decode_without_bom_handling(body);
        return (text.into_owned(), None);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), None);
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return (text.into_owned(), Some(enc.name()));
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Allow);
    let (text, _, _) = enc.decode(bytes);
    let name = if enc == UTF_8 { None } else { Some(enc.name()) };
    (text.into_owned(), name)
}

/// UTF-16 without a BOM: most even (LE: odd) bytes are zero in Latin text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 8 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let zero_hi = bytes
        .chunks_exact(2)
        .filter(|c| c.get(1) == Some(&0) && c.first() != Some(&0))
        .count();
    let zero_lo = bytes
        .chunks_exact(2)
        .filter(|c| c.first() == Some(&0) && c.get(1) != Some(&0))
        .count();
    if zero_hi * 10 >= pairs * 7 {
        Some(UTF_16LE)
    } else if zero_lo * 10 >= pairs * 7 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// True when decoded text is really binary: NUL bytes or many control characters.
pub fn is_binary(text: &str) -> bool {
    let total = text.chars().take(20_000).count();
    let bad = text
        .chars()
        .take(20_000)
        .filter(|c| {
            (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) || *c == '\u{fffd}'
        })
        .count();
    total > 0 && bad * 20 > total
}

/// Reads a plain-text file.
pub fn read(file: &str, bytes: &[u8]) -> Result<ReadOutcome, ImportError> {
    let (text, guessed) = decode(bytes);
    if is_binary(&text) {
        return Err(ImportError::NotDocument {
            file: file.to_string(),
            what: "binary data (not text in any encoding this reads)".into(),
        });
    }
    let mut warnings = Vec::new();
    if let Some(enc) = guessed {
        warnings.push(format!("{file}: not UTF-8; read as {enc}"));
    }
    let (meta, text) = take_byline(&text);
    Ok(ReadOutcome {
        raw: RawDocument {
            name: file_name(file),
            source: file.to_string(),
            meta,
            body: Body::Text(text),
        },
        warnings,
    })
}

/// A byline among the first lines of `text` ("By A. Field Analyst, October 2025", or a date
/// line under it): taken out of the text into the metadata.
pub fn take_byline(text: &str) -> (DocMeta, String) {
    let mut meta = DocMeta::default();
    let lines: Vec<&str> = text.split('\n').collect();
    let mut drop: Vec<usize> = Vec::new();
    let mut seen = 0;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        seen += 1;
        if seen > 6 {
            break;
        }
        if meta.authors.is_empty()
            && let Some((authors, date)) = parse_byline(t)
        {
            meta.authors = authors;
            if date.is_some() {
                meta.date = date;
            }
            drop.push(i);
        } else if meta.date.is_none()
            && !drop.is_empty()
            && let Some(d) = parse_date(t)
        {
            meta.date = Some(d);
            drop.push(i);
        }
    }
    if drop.is_empty() {
        return (meta, text.to_string());
    }
    let kept: Vec<&str> = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| !drop.contains(i))
        .map(|(_, l)| *l)
        .collect();
    (meta, kept.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_detected() {
        assert_eq!(decode(b"\xef\xbb\xbfBaku caf\xc3\xa9").0, "Baku café");
        assert_eq!(decode(b"\xff\xfeB\0a\0k\0u\0").0, "Baku");
        assert_eq!(decode(b"\xfe\xff\0B\0a\0k\0u").0, "Baku");
        let (t, enc) = decode(b"The caf\xe9 in Baku serves cr\xe8me br\xfbl\xe9e to everyone.");
        assert_eq!(t, "The café in Baku serves crème brûlée to everyone.");
        assert_eq!(enc, Some("windows-1252"));
        // "Тбилиси и Баку" in Windows-1251.
        let cp1251 =
            b"\xd2\xe1\xe8\xeb\xe8\xf1\xe8 \xe8 \xc1\xe0\xea\xf3 \xed\xe0 \xea\xe0\xf0\xf2\xe5";
        let (t, enc) = decode(cp1251);
        assert_eq!(t, "Тбилиси и Баку на карте");
        assert_eq!(enc, Some("windows-1251"));
    }

    #[test]
    fn a_byline_fills_authors_and_date_not_the_title() {
        let text = "Pipelines and Power\nBy A. Field Analyst, October 2025\n\nBody text here.\n";
        let (meta, rest) = take_byline(text);
        assert_eq!(meta.authors, ["A. Field Analyst"]);
        assert_eq!(meta.date.as_deref(), Some("2025-10"));
        assert_eq!(rest, "Pipelines and Power\n\nBody text here.\n");
        assert!(is_binary("\u{1}\u{2}\u{3}ab"));
        assert!(!is_binary("plain text\n"));
    }
}
