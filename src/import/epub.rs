//! EPUB books: the OPF package found through `META-INF/container.xml`, metadata (title,
//! creators, date, publisher) from it, the XHTML chapters read in spine order.

use std::collections::HashMap;
use std::io::Cursor;

use dom_query::Document as Dom;
use quick_xml::Reader;
use quick_xml::events::Event;

use super::dom::blocks_of;
use super::meta::{parse_date, split_authors};
use super::xml::{attr, local, texts_of, zip_text};
use super::{ImportError, ReadOutcome, clip, file_name};
use crate::corpus::{Block, Body, DocMeta, RawDocument};

const PART_CAP: u64 = 256 << 20;

/// Reads an EPUB book.
pub fn read(file: &str, bytes: &[u8]) -> Result<ReadOutcome, ImportError> {
    let corrupt = |reason: String| ImportError::Corrupt {
        file: file.to_string(),
        format: "EPUB",
        reason: clip(&reason, 200),
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(e.to_string()))?;
    let container = zip_text(&mut zip, "META-INF/container.xml", PART_CAP).map_err(corrupt)?;
    let opf_path = rootfile(&container)
        .ok_or_else(|| corrupt("no rootfile in META-INF/container.xml".into()))?;
    let opf = zip_text(&mut zip, &opf_path, PART_CAP).map_err(corrupt)?;
    let base = opf_path
        .rsplit_once('/')
        .map_or(String::new(), |(d, _)| format!("{d}/"));
    let first = |name: &[u8]| texts_of(&opf, name).ok().and_then(|v| v.into_iter().next());
    let meta = DocMeta {
        title: first(b"title"),
        authors: texts_of(&opf, b"creator")
            .unwrap_or_default()
            .iter()
            .flat_map(|a| split_authors(a))
            .collect(),
        date: first(b"date").and_then(|d| parse_date(&d)),
        outlet: first(b"publisher"),
    };
    let (manifest, spine) = manifest_and_spine(&opf).map_err(corrupt)?;
    let mut blocks = Vec::new();
    let mut warnings = Vec::new();
    for idref in spine {
        let Some((href, nav)) = manifest.get(&idref) else {
            warnings.push(format!(
                "{file}: spine item {} not in the manifest; skipped",
                clip(&idref, 40)
            ));
            continue;
        };
        if *nav {
            continue;
        }
        let path = format!("{base}{}", percent_decode(href));
        match zip_text(&mut zip, &path, PART_CAP) {
            Ok(xhtml) => {
                let chapter = blocks_of(&Dom::from(xhtml));
                if is_copyright_page(&chapter) {
                    continue;
                }
                blocks.extend(chapter);
            }
            Err(e) => warnings.push(format!("{file}: chapter {}; skipped", clip(&e, 80))),
        }
    }
    if blocks.is_empty() {
        return Err(ImportError::Empty {
            file: file.to_string(),
            format: "EPUB",
        });
    }
    Ok(ReadOutcome {
        raw: RawDocument {
            name: file_name(file),
            source: file.to_string(),
            meta,
            body: Body::Blocks(blocks),
        },
        warnings,
    })
}

/// A short spine document with a copyright notice or an ISBN: the book's imprint page, not
/// its text (an EPUB without `epub:type` marks says so only by its words).
fn is_copyright_page(blocks: &[Block]) -> bool {
    let text: Vec<String> = blocks
        .iter()
        .map(|b| match b {
            Block::Heading(h) => h.clone(),
            Block::Paragraph(lines) => lines.join(" "),
        })
        .collect();
    let words: usize = text.iter().map(|t| t.split_whitespace().count()).sum();
    words <= 200
        && text.iter().any(|t| {
            let lower = t.to_lowercase();
            lower.contains("all rights reserved")
                || lower.starts_with("isbn")
                || lower.starts_with("copyright")
                || lower.starts_with('\u{a9}')
        })
}

fn rootfile(container: &str) -> Option<String> {
    let mut r = Reader::from_str(container);
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e))
                if local(e.name().as_ref()) == b"rootfile" =>
            {
                return attr(&e, b"full-path");
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

type Manifest = HashMap<String, (String, bool)>;

/// id → (href, is the navigation document), and the spine's idrefs in order.
fn manifest_and_spine(opf: &str) -> Result<(Manifest, Vec<String>), String> {
    let mut r = Reader::from_str(opf);
    let mut manifest = HashMap::new();
    let mut spine = Vec::new();
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match local(e.name().as_ref()) {
                b"item" => {
                    if let (Some(id), Some(href)) = (attr(&e, b"id"), attr(&e, b"href")) {
                        let nav = attr(&e, b"properties")
                            .is_some_and(|p| p.split_whitespace().any(|x| x == "nav"));
                        let media = attr(&e, b"media-type").unwrap_or_default();
                        if media.contains("html") || media.is_empty() {
                            manifest.insert(id, (href, nav));
                        }
                    }
                }
                b"itemref" => {
                    if let Some(id) = attr(&e, b"idref") {
                        spine.push(id);
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) => break,
            Err(e) => {
                return Err(format!(
                    "package file: XML error at byte {}: {e}",
                    r.buffer_position()
                ));
            }
            _ => {}
        }
    }
    if spine.is_empty() {
        return Err("the package lists no chapters (empty spine)".into());
    }
    Ok((manifest, spine))
}

/// `%20` and friends decoded in a manifest href.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%'
            && let Some(hex) = b.get(i + 1..i + 3)
            && let Ok(v) = u8::from_str_radix(&String::from_utf8_lossy(hex), 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(c);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_parts_are_found() {
        let c = r#"<container><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#;
        assert_eq!(rootfile(c).as_deref(), Some("OEBPS/content.opf"));
        let opf = r#"<package><manifest><item id="c1" href="ch%201.xhtml" media-type="application/xhtml+xml"/>
            <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
            <item id="css" href="s.css" media-type="text/css"/></manifest>
            <spine><itemref idref="nav"/><itemref idref="c1"/></spine></package>"#;
        let Ok((m, s)) = manifest_and_spine(opf) else {
            panic!("a valid package");
        };
        assert_eq!(s, ["nav", "c1"]);
        assert_eq!(m.get("nav").map(|x| x.1), Some(true));
        assert!(!m.contains_key("css"));
        assert_eq!(percent_decode("ch%201.xhtml"), "ch 1.xhtml");
    }
}
