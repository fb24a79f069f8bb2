//! PDF with a text layer: `lopdf` parses, `pdf-extract` interprets the content streams into
//! positioned glyphs (x, y, font size) that `layout` turns into reading order, headings and
//! paragraphs; title, authors and date from the first page's layout, the Info dictionary and XMP.
//! A PDF without a text layer (scanned) or that needs a password is refused.

mod blocks;
mod cid;
mod columns;
mod cover;
mod front;
mod layout;
mod lines;
mod side;
mod type3;
mod web;

use lopdf::{Document as PdfDoc, Object};
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::meta::{parse_date, split_authors};
use super::{ImportError, ReadOutcome, clip, file_name};
use crate::corpus::{Block, Body, DocMeta, RawDocument};
use layout::{Glyph, PageGlyphs};

/// Collects every glyph drawn, page by page, with its position from the top-left corner.
#[derive(Default)]
struct Collector {
    pages: Vec<PageGlyphs>,
    top: f64,
    left: f64,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.top = media_box.ury;
        self.left = media_box.llx;
        self.pages.push(PageGlyphs {
            height: (media_box.ury - media_box.lly).abs(),
            glyphs: Vec::new(),
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        // Rotated or vertical text (margin stamps, sideways tables) is not running text.
        if trm.m12.abs() > 0.05 * trm.m11.abs() || trm.m11 <= 0.0 {
            return Ok(());
        }
        let vx = font_size * (trm.m11 + trm.m21);
        let vy = font_size * (trm.m12 + trm.m22);
        let size = (vx * vy).abs().sqrt();
        if !size.is_finite() || size <= 0.1 || text.is_empty() {
            return Ok(());
        }
        let x = trm.m31 - self.left;
        let y = self.top - trm.m32;
        if !x.is_finite() || !y.is_finite() {
            return Ok(());
        }
        if let Some(page) = self.pages.last_mut() {
            page.glyphs.push(Glyph {
                x,
                y,
                w: (width * size).max(0.0),
                size,
                text: text.to_string(),
            });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Reads a PDF.
pub fn read(file: &str, bytes: &[u8]) -> Result<ReadOutcome, ImportError> {
    let corrupt = |reason: String| ImportError::Corrupt {
        file: file.to_string(),
        format: "PDF",
        reason: clip(&reason, 200),
    };
    let mut doc = PdfDoc::load_mem(bytes).map_err(|e| {
        if matches!(e, lopdf::Error::Decryption(_)) || format!("{e:?}").contains("Decrypt") {
            ImportError::Encrypted {
                file: file.to_string(),
            }
        } else {
            corrupt(e.to_string())
        }
    })?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(ImportError::Encrypted {
            file: file.to_string(),
        });
    }
    if doc.get_pages().is_empty() {
        return Err(corrupt("no pages".into()));
    }
    type3::normalise_widths(&mut doc);
    cid::normalise_widths(&mut doc);
    type3::name_tex_glyphs(&mut doc);
    let mut collector = Collector::default();
    pdf_extract::output_doc(&doc, &mut collector).map_err(|e| match e {
        OutputError::PdfError(lopdf::Error::Decryption(_)) => ImportError::Encrypted {
            file: file.to_string(),
        },
        other => corrupt(format!("{other:?}")),
    })?;
    let letters: usize = collector
        .pages
        .iter()
        .flat_map(|p| &p.glyphs)
        .filter(|g| g.text.chars().any(char::is_alphanumeric))
        .count();
    if letters < 20 {
        return Err(ImportError::Scanned {
            file: file.to_string(),
        });
    }
    let (pages, cover) = cover::split(collector.pages);
    let laid = layout::lay_out(&pages);
    let info = info_meta(&doc);
    let mut warnings = Vec::new();
    let mut meta = DocMeta {
        title: choose_title(laid.title.as_deref(), info.title.as_deref()),
        authors: laid.meta.authors.clone(),
        date: laid.meta.date.clone(),
        outlet: laid.meta.outlet.clone(),
    };
    // A download's cover sheet: its citation fills what the article's pages do not give, and
    // its date (the article's publication) beats the file's.
    if let Some(cover) = cover {
        meta.title = meta.title.take().or(cover.title);
        if meta.authors.is_empty() {
            meta.authors = cover.authors;
        }
        meta.date = meta.date.take().or(cover.date);
        meta.outlet = meta.outlet.take().or(cover.outlet);
    }
    // A title like a web page's, "Headline - Outlet" (a browser's printout keeps the page's):
    // the outlet.
    if meta.outlet.is_none()
        && let (Some(info_title), Some(title)) = (info.title.as_deref(), meta.title.as_deref())
    {
        meta.outlet = super::html::title_suffix(info_title, title);
    }
    if meta.authors.is_empty() {
        meta.authors = info.authors;
    }
    let mut blocks = laid.blocks;
    // A printed page's footer about its site: "Caspian Review is an independent…".
    if laid.web_print
        && let Some(outlet) = meta.outlet.as_deref()
    {
        while let Some(Block::Paragraph(lines)) = blocks.last() {
            let about_site = lines.first().is_some_and(|l| {
                l.starts_with(outlet)
                    && l.get(outlet.len()..).is_some_and(|r| r.starts_with(" is "))
            });
            if !about_site {
                break;
            }
            blocks.pop();
        }
    }
    // A printed web page's file was made when it was printed, not published.
    if meta.date.is_none() && !laid.web_print {
        meta.date = info.date;
    }
    if blocks.is_empty() {
        return Err(ImportError::Empty {
            file: file.to_string(),
            format: "PDF",
        });
    }
    if laid.dropped_furniture > 0 {
        warnings.push(format!(
            "{file}: {} lines of running heads, page numbers, notes, contents, captions and pull quotes left out",
            laid.dropped_furniture
        ));
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

/// The layout's title (what a reader sees) unless it is missing or a fragment; else the
/// Info/XMP title when it is a real one ("Microsoft Word - draft.docx" is not).
fn choose_title(layout: Option<&str>, info: Option<&str>) -> Option<String> {
    let info = info.filter(|t| {
        let l = t.to_lowercase();
        !l.is_empty()
            && !l.starts_with("microsoft word")
            && !l.contains(".doc")
            && !l.contains(".pdf")
            && !l.contains(".indd")
            && l != "untitled"
            && t.split_whitespace().count() >= 2
    });
    match (layout, info) {
        (Some(l), _) if l.split_whitespace().count() >= 2 => Some(l.to_string()),
        (_, Some(i)) => Some(i.to_string()),
        (l, None) => l.map(str::to_string),
    }
}

#[derive(Default)]
struct InfoMeta {
    title: Option<String>,
    authors: Vec<String>,
    date: Option<String>,
}

/// Title, authors and date from the Info dictionary, then XMP for what it lacks.
fn info_meta(doc: &PdfDoc) -> InfoMeta {
    let mut m = InfoMeta::default();
    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok());
    let text = |key: &[u8]| -> Option<String> {
        let o = info?.get(key).ok()?;
        let (_, o) = doc.dereference(o).ok()?;
        let s = lopdf::decode_text_string(o).ok()?;
        let s = s.trim().to_string();
        (!s.is_empty()).then_some(s)
    };
    m.title = text(b"Title");
    if let Some(a) = text(b"Author").filter(|a| !is_placeholder(a)) {
        m.authors = split_authors(&a);
    }
    let xmp = xmp_text(doc);
    let xmp_date = |tags: &[&str]| {
        let xmp = xmp.as_deref()?;
        tags.iter().find_map(|tag| {
            xmp_values(xmp, tag)
                .into_iter()
                .find_map(|d| parse_date(&d))
        })
    };
    // A publisher's publication date beats the file's creation date.
    m.date = xmp_date(&["prism:publicationDate", "prism:coverDate"])
        .or_else(|| text(b"CreationDate").and_then(|d| parse_date(&d)))
        .or_else(|| xmp_date(&["xmp:CreateDate", "dc:date"]));
    if let Some(xmp) = xmp {
        if m.title.is_none() {
            m.title = xmp_values(&xmp, "dc:title").into_iter().next();
        }
        if m.authors.is_empty() {
            m.authors = xmp_values(&xmp, "dc:creator")
                .into_iter()
                .filter(|a| !is_placeholder(a))
                .collect();
        }
    }
    m
}

/// An author field a tool filled in by itself ("anonymous", "Administrator", "user").
fn is_placeholder(author: &str) -> bool {
    matches!(
        author.trim().to_lowercase().as_str(),
        "anonymous" | "unknown" | "user" | "admin" | "administrator" | "author" | "owner" | "-"
    )
}

/// The XMP packet of the catalog's `/Metadata` stream, as text.
fn xmp_text(doc: &PdfDoc) -> Option<String> {
    let catalog = doc.catalog().ok()?;
    let (_, obj) = doc.dereference(catalog.get(b"Metadata").ok()?).ok()?;
    let Object::Stream(stream) = obj else {
        return None;
    };
    let bytes = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    Some(String::from_utf8_lossy(bytes.get(..1 << 20).unwrap_or(&bytes)).into_owned())
}

/// The text values of an XMP property: its `rdf:li` items, or its own text, or the value of
/// an attribute of that name (`<rdf:Description xmp:CreateDate="…">`).
fn xmp_values(xmp: &str, tag: &str) -> Vec<String> {
    let Some(start) = xmp.find(&format!("<{tag}")) else {
        return xmp_attribute(xmp, tag).into_iter().collect();
    };
    let rest = xmp.get(start..).unwrap_or("");
    let Some(end) = rest.find(&format!("</{tag}>")) else {
        return Vec::new();
    };
    let inner = rest.get(..end).unwrap_or("");
    let inner = inner
        .get(inner.find('>').map_or(0, |i| i + 1)..)
        .unwrap_or("");
    let mut out = Vec::new();
    let mut chunks: Vec<&str> = inner.split("<rdf:li").skip(1).collect();
    if chunks.is_empty() {
        chunks.push(inner);
    }
    for c in chunks {
        let c = c.get(c.find('>').map_or(0, |i| i + 1)..).unwrap_or(c);
        let v = c.split('<').next().unwrap_or("").trim();
        if !v.is_empty() {
            out.push(super::xml::unescape(v));
        }
    }
    out
}

/// The value of an XMP property written as an attribute: ` tag="value"` or ` tag='value'`.
fn xmp_attribute(xmp: &str, tag: &str) -> Option<String> {
    let mut from = 0;
    while let Some(i) = xmp.get(from..)?.find(tag) {
        let at = from + i;
        from = at + tag.len();
        let before = xmp.get(..at)?.chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let rest = xmp.get(from..)?.trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        let quote = rest.chars().next().filter(|q| *q == '"' || *q == '\'')?;
        let body = rest.get(1..)?;
        let value = body.get(..body.find(quote)?)?.trim();
        return (!value.is_empty()).then(|| super::xml::unescape(value));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xmp_values_are_read() {
        let xmp = r#"<x:xmpmeta><rdf:RDF><rdf:Description>
            <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Ports &amp; Power</rdf:li></rdf:Alt></dc:title>
            <dc:creator><rdf:Seq><rdf:li>Ann Lee</rdf:li><rdf:li>Bo Kim</rdf:li></rdf:Seq></dc:creator>
            <xmp:CreateDate>2024-03-14T10:00:00Z</xmp:CreateDate>
            </rdf:Description></rdf:RDF></x:xmpmeta>"#;
        assert_eq!(xmp_values(xmp, "dc:title"), ["Ports & Power"]);
        assert_eq!(xmp_values(xmp, "dc:creator"), ["Ann Lee", "Bo Kim"]);
        assert_eq!(xmp_values(xmp, "xmp:CreateDate"), ["2024-03-14T10:00:00Z"]);
        assert!(xmp_values(xmp, "dc:subject").is_empty());
        let attrs = r#"<rdf:Description rdf:about=""
            xmp:CreateDate="2019-05-01T10:00:00+02:00" prism:publicationDate='2019-06-15'/>"#;
        assert_eq!(
            xmp_values(attrs, "xmp:CreateDate"),
            ["2019-05-01T10:00:00+02:00"]
        );
        assert_eq!(xmp_values(attrs, "prism:publicationDate"), ["2019-06-15"]);
        assert!(xmp_values(attrs, "dc:date").is_empty());
    }

    #[test]
    fn junk_info_titles_lose_to_the_layout() {
        assert_eq!(
            choose_title(
                Some("Ferries Across the Caspian"),
                Some("Microsoft Word - x.docx")
            ),
            Some("Ferries Across the Caspian".into())
        );
        assert_eq!(choose_title(None, Some("Microsoft Word - x.docx")), None);
        assert_eq!(
            choose_title(Some("Report"), Some("A Real Title")),
            Some("A Real Title".into())
        );
    }
}
