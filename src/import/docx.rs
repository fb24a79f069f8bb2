//! Word documents (`.docx`): paragraphs of `word/document.xml` in order, headings by their
//! style (id or name "Heading N", "Title"), metadata from `docProps/core.xml` and from the lines
//! under the title (names, a date). Captions and tables of two columns or more are no running
//! text (a one-cell table, a box around text, is).

use std::collections::HashMap;
use std::io::Cursor;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::meta::{is_name_line, parse_byline, parse_date, split_authors};
use super::xml::{attr, local, texts_of, unescape, zip_text};
use super::{ImportError, ReadOutcome, clip, file_name};
use crate::corpus::{Block, Body, DocMeta, RawDocument};

/// An XML part larger than this uncompressed is refused (a zip bomb).
const PART_CAP: u64 = 256 << 20;

/// Reads a Word document.
pub fn read(file: &str, bytes: &[u8]) -> Result<ReadOutcome, ImportError> {
    let corrupt = |reason: String| ImportError::Corrupt {
        file: file.to_string(),
        format: "Word document",
        reason: clip(&reason, 200),
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(e.to_string()))?;
    let document = zip_text(&mut zip, "word/document.xml", PART_CAP).map_err(corrupt)?;
    let styles = zip_text(&mut zip, "word/styles.xml", PART_CAP)
        .map(|s| style_names(&s))
        .unwrap_or_default();
    let paras = paragraphs(&document).map_err(corrupt)?;
    let mut meta = DocMeta::default();
    if let Ok(core) = zip_text(&mut zip, "docProps/core.xml", PART_CAP) {
        meta.title = texts_of(&core, b"title")
            .ok()
            .and_then(|t| t.into_iter().next());
        meta.authors = texts_of(&core, b"creator")
            .ok()
            .and_then(|t| t.into_iter().next())
            .map(|a| split_authors(&a))
            .unwrap_or_default();
        meta.date = texts_of(&core, b"created")
            .ok()
            .and_then(|t| t.into_iter().next())
            .and_then(|d| parse_date(&d));
    }
    let mut blocks = Vec::new();
    let mut title_from_style = None;
    let mut printed_authors: Vec<String> = Vec::new();
    let mut printed_date = None;
    for (style, text) in paras {
        let name = styles
            .get(&style)
            .cloned()
            .unwrap_or_else(|| style.clone())
            .to_lowercase();
        let squeezed = name.replace(' ', "");
        if squeezed == "title" {
            title_from_style.get_or_insert(text);
            continue;
        }
        if squeezed == "subtitle" || squeezed == "caption" {
            continue;
        }
        // The title block of pandoc's and many templates' documents: paragraphs styled
        // "Author" and "Date" are metadata (the printed date beats the file's creation time).
        if squeezed == "author" || squeezed == "authors" {
            printed_authors.extend(split_authors(&text));
            continue;
        }
        if squeezed == "date"
            && let Some(d) = parse_date(&text)
        {
            printed_date = Some(d);
            continue;
        }
        if blocks.len() < 3
            && let Some((authors, date)) = parse_byline(&text)
        {
            meta.authors = authors;
            meta.date = date.or(meta.date.take());
            continue;
        }
        // Under the title, before any text: a line of names and a line with the date, in
        // whatever style the writer gave them.
        if blocks.is_empty() && title_from_style.is_some() && !squeezed.starts_with("heading") {
            if printed_authors.is_empty() && is_name_line(&text) {
                printed_authors = split_authors(&text);
                continue;
            }
            if printed_date.is_none()
                && text.split_whitespace().count() <= 4
                && let Some(d) = parse_date(&text)
            {
                printed_date = Some(d);
                continue;
            }
        }
        if squeezed.starts_with("heading") {
            blocks.push(Block::Heading(text));
        } else {
            blocks.push(Block::Paragraph(vec![text]));
        }
    }
    // The title as printed wins over the file's properties (often a template's leftover).
    if title_from_style.is_some() {
        meta.title = title_from_style;
    }
    if !printed_authors.is_empty() {
        meta.authors = printed_authors;
    }
    if printed_date.is_some() {
        meta.date = printed_date;
    }
    if !blocks.iter().any(|b| matches!(b, Block::Paragraph(_))) {
        return Err(ImportError::Empty {
            file: file.to_string(),
            format: "Word document",
        });
    }
    Ok(ReadOutcome {
        raw: RawDocument {
            name: file_name(file),
            source: file.to_string(),
            meta,
            body: Body::Blocks(blocks),
        },
        warnings: Vec::new(),
    })
}

/// Style id → style name, from `word/styles.xml`.
fn style_names(xml: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut r = Reader::from_str(xml);
    let mut current: Option<String> = None;
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match local(e.name().as_ref()) {
                b"style" => current = attr(&e, b"styleId"),
                b"name" => {
                    if let (Some(id), Some(v)) = (current.clone(), attr(&e, b"val")) {
                        out.insert(id, v);
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// A table being read: its paragraphs, the most cells in a row so far, the cells of this row.
#[derive(Default)]
struct Table {
    paras: Vec<(String, String)>,
    widest: usize,
    cells: usize,
}

/// `(style id, text)` of every non-empty paragraph of the body, in order; a table's paragraphs
/// only when it has one column.
fn paragraphs(xml: &str) -> Result<Vec<(String, String)>, String> {
    let mut r = Reader::from_str(xml);
    let mut out = Vec::new();
    // Tables being read, innermost last.
    let mut tables: Vec<Table> = Vec::new();
    let mut style = String::new();
    let mut text = String::new();
    let mut in_t = false;
    // Inside deleted or moved-away text, field codes, and text boxes (sidebars and pull
    // quotes anchored in a paragraph, whose own paragraphs would otherwise cut it in two;
    // `mc:Fallback` repeats a text box for old readers).
    let mut skip_depth = 0usize;
    let skipped = |name: &[u8]| {
        matches!(
            name,
            b"del" | b"moveFrom" | b"instrText" | b"txbxContent" | b"Fallback"
        )
    };
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) => match local(e.name().as_ref()) {
                n if skipped(n) => skip_depth += 1,
                _ if skip_depth > 0 => {}
                b"p" => {
                    style.clear();
                    text.clear();
                }
                b"pStyle" => style = attr(&e, b"val").unwrap_or_default(),
                b"t" => in_t = true,
                b"tbl" => tables.push(Table::default()),
                b"tr" => {
                    if let Some(t) = tables.last_mut() {
                        t.cells = 0;
                    }
                }
                b"tc" => {
                    if let Some(t) = tables.last_mut() {
                        t.cells += 1;
                        t.widest = t.widest.max(t.cells);
                    }
                }
                _ => {}
            },
            Ok(Event::Empty(e)) => match local(e.name().as_ref()) {
                _ if skip_depth > 0 => {}
                b"pStyle" => style = attr(&e, b"val").unwrap_or_default(),
                b"tab" | b"br" | b"cr" => text.push(' '),
                b"noBreakHyphen" => text.push('-'),
                _ => {}
            },
            Ok(Event::End(e)) => match local(e.name().as_ref()) {
                n if skipped(n) => skip_depth = skip_depth.saturating_sub(1),
                _ if skip_depth > 0 => {}
                b"p" => {
                    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !t.is_empty() {
                        match tables.last_mut() {
                            Some(table) => table.paras.push((style.clone(), t)),
                            None => out.push((style.clone(), t)),
                        }
                    }
                    text.clear();
                }
                b"tbl" => {
                    if let Some(table) = tables.pop()
                        && table.widest <= 1
                    {
                        match tables.last_mut() {
                            Some(outer) => outer.paras.extend(table.paras),
                            None => out.extend(table.paras),
                        }
                    }
                }
                b"t" => in_t = false,
                _ => {}
            },
            Ok(Event::Text(t)) if in_t && skip_depth == 0 => {
                text.push_str(&unescape(&String::from_utf8_lossy(&t)));
            }
            Ok(Event::GeneralRef(g)) if in_t && skip_depth == 0 => {
                text.push_str(&unescape(&format!("&{};", String::from_utf8_lossy(&g))));
            }
            Ok(Event::Eof) => break,
            Err(e) => {
                return Err(format!(
                    "word/document.xml: XML error at byte {}: {e}",
                    r.buffer_position()
                ));
            }
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_of_columns_is_left_out_and_a_box_is_kept() {
        let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
        let xml = format!(
            "<w:document><w:body><w:p><w:r><w:t>Before.</w:t></w:r></w:p>\
             <w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>\
             <w:tbl><w:tr>{}</w:tr></w:tbl>\
             <w:p><w:r><w:t>After.</w:t></w:r></w:p></w:body></w:document>",
            cell("Route"),
            cell("Length"),
            cell("Trans-Caspian"),
            cell("300"),
            cell("A box of text around a note.")
        );
        let texts: Vec<String> = match paragraphs(&xml) {
            Ok(p) => p.into_iter().map(|(_, t)| t).collect(),
            Err(e) => panic!("{e}"),
        };
        assert_eq!(texts, ["Before.", "A box of text around a note.", "After."]);
    }

    #[test]
    fn paragraphs_keep_their_styles() {
        let xml = r#"<w:document xmlns:w="x"><w:body>
            <w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Routes</w:t></w:r></w:p>
            <w:p><w:r><w:t xml:space="preserve">Oil from </w:t></w:r><w:r><w:t>Baku &amp; gas</w:t></w:r><w:del><w:r><w:t>gone</w:t></w:r></w:del></w:p>
            <w:p/></w:body></w:document>"#;
        let Ok(p) = paragraphs(xml) else {
            panic!("valid XML");
        };
        assert_eq!(
            p,
            vec![
                ("Heading1".to_string(), "Routes".to_string()),
                (String::new(), "Oil from Baku & gas".to_string())
            ]
        );
        assert!(paragraphs("<w:p><w:t>x</w:p>").is_err());
    }

    #[test]
    fn a_text_box_neither_cuts_its_paragraph_nor_repeats() {
        // A pull quote in a text box anchored mid-paragraph, with the VML fallback copy; a
        // moved-away run and a non-breaking hyphen.
        let xml = r#"<w:document xmlns:w="x" xmlns:mc="m" xmlns:wps="s"><w:body>
            <w:p><w:r><w:t xml:space="preserve">Trucks wait at </w:t></w:r>
              <w:r><mc:AlternateContent><mc:Choice><w:drawing><wps:txbx><w:txbxContent>
                <w:p><w:r><w:t>A pull quote</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>
                <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>A pull quote</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>
              </mc:AlternateContent></w:r>
              <w:r><w:t xml:space="preserve">Upper Lars for days</w:t></w:r><w:moveFrom><w:r><w:t> moved</w:t></w:r></w:moveFrom>
              <w:r><w:t xml:space="preserve"> on the Russia</w:t><w:noBreakHyphen/><w:t>Georgia border.</w:t></w:r></w:p>
            </w:body></w:document>"#;
        let Ok(p) = paragraphs(xml) else {
            panic!("valid XML");
        };
        assert_eq!(
            p,
            vec![(
                String::new(),
                "Trucks wait at Upper Lars for days on the Russia-Georgia border.".to_string()
            )]
        );
    }
}
