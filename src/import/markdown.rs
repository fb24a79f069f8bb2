//! Markdown (`pulldown-cmark`): headings and paragraphs (list items and quotes as paragraphs),
//! front matter (`---` YAML-style block) title, author(s), date and outlet.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::meta::{parse_byline, parse_date, split_authors};
use super::{ImportError, ReadOutcome, file_name, text};
use crate::corpus::{Block, Body, DocMeta, RawDocument};

/// Reads a Markdown file.
pub fn read(file: &str, bytes: &[u8]) -> Result<ReadOutcome, ImportError> {
    let (src, _) = text::decode(bytes);
    if text::is_binary(&src) {
        return Err(ImportError::NotDocument {
            file: file.to_string(),
            what: "binary data".into(),
        });
    }
    let opts = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TABLES;
    let mut meta = DocMeta::default();
    let mut blocks: Vec<Block> = Vec::new();
    let mut buf = String::new();
    let mut in_meta = false;
    let mut front = String::new();
    let mut heading = false;
    // Inside what is not running text: code blocks and footnote definitions (notes are left
    // out, as a PDF's are). An image's alternative text stays: the sentence reads on.
    let mut skip = 0usize;
    let flush = |buf: &mut String, heading: bool, blocks: &mut Vec<Block>| {
        let t = buf.split_whitespace().collect::<Vec<_>>().join(" ");
        buf.clear();
        if t.is_empty() {
            return;
        }
        blocks.push(if heading {
            Block::Heading(t)
        } else {
            Block::Paragraph(vec![t])
        });
    };
    for ev in Parser::new_ext(&src, opts) {
        match ev {
            Event::Start(Tag::MetadataBlock(_)) => in_meta = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_meta = false,
            Event::Text(t) if in_meta => front.push_str(&t),
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut buf, false, &mut blocks);
                heading = true;
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut buf, true, &mut blocks);
                heading = false;
            }
            Event::Start(Tag::CodeBlock(_) | Tag::FootnoteDefinition(_)) => skip += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::FootnoteDefinition) => {
                skip = skip.saturating_sub(1)
            }
            _ if skip > 0 => {}
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableRow | Tag::TableHead)
            | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableRow | TagEnd::TableHead) =>
            {
                let row = buf.trim_end().trim_end_matches('|').len();
                buf.truncate(row);
                flush(&mut buf, heading, &mut blocks)
            }
            Event::End(TagEnd::TableCell) => buf.push_str(" | "),
            Event::Text(t) | Event::Code(t) => buf.push_str(&t),
            Event::SoftBreak | Event::HardBreak => buf.push(' '),
            _ => {}
        }
    }
    flush(&mut buf, heading, &mut blocks);
    front_matter(&front, &mut meta);
    // A byline paragraph near the top.
    if let Some(pos) = blocks
        .iter()
        .take(3)
        .position(|b| matches!(b, Block::Paragraph(l) if parse_byline(&l.join(" ")).is_some()))
        && let Some(Block::Paragraph(l)) = blocks.get(pos)
        && let Some((authors, date)) = parse_byline(&l.join(" "))
    {
        if meta.authors.is_empty() {
            meta.authors = authors;
        }
        meta.date = meta.date.take().or(date);
        blocks.remove(pos);
    }
    if !blocks.iter().any(|b| matches!(b, Block::Paragraph(_))) {
        return Err(ImportError::Empty {
            file: file.to_string(),
            format: "Markdown",
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

/// `key: value` lines of the front matter (YAML lists as `- item` or `[a, b]`).
fn front_matter(src: &str, meta: &mut DocMeta) {
    let mut list_key: Option<String> = None;
    for line in src.lines() {
        let t = line.trim();
        if let Some(item) = t.strip_prefix("- ") {
            if matches!(list_key.as_deref(), Some("author" | "authors")) {
                meta.authors.push(unquote(item));
            }
            continue;
        }
        let Some((k, v)) = t.split_once(':') else {
            continue;
        };
        let k = k.trim().to_lowercase();
        let v = v.trim();
        list_key = v.is_empty().then(|| k.clone());
        if v.is_empty() {
            continue;
        }
        match k.as_str() {
            "title" => meta.title = Some(unquote(v)),
            "author" | "authors" => {
                let inner = v.trim_start_matches('[').trim_end_matches(']');
                meta.authors = inner
                    .split(',')
                    .map(unquote)
                    .flat_map(|a| split_authors(&a))
                    .collect();
            }
            "date" | "published" => meta.date = parse_date(&unquote(v)),
            "outlet" | "publisher" | "site" | "source" => meta.outlet = Some(unquote(v)),
            _ => {}
        }
    }
}

fn unquote(s: &str) -> String {
    s.trim().trim_matches(['"', '\'']).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_headings_and_paragraphs() {
        let md = "---\ntitle: \"Ports and Power\"\nauthors:\n  - Ann Lee\n  - Bo Kim\ndate: 2025-10-03\n---\n\n# Routes\n\nOil from *Baku*\nreaches Ceyhan.\n\n- one item\n- two\n";
        let Ok(out) = read("notes.md", md.as_bytes()) else {
            panic!("markdown reads");
        };
        let raw = out.raw;
        assert_eq!(raw.meta.title.as_deref(), Some("Ports and Power"));
        assert_eq!(raw.meta.authors, ["Ann Lee", "Bo Kim"]);
        assert_eq!(raw.meta.date.as_deref(), Some("2025-10-03"));
        assert_eq!(
            raw.body,
            Body::Blocks(vec![
                Block::Heading("Routes".into()),
                Block::Paragraph(vec!["Oil from Baku reaches Ceyhan.".into()]),
                Block::Paragraph(vec!["one item".into()]),
                Block::Paragraph(vec!["two".into()]),
            ])
        );
    }

    #[test]
    fn code_and_notes_are_left_out_and_tables_read_by_row() {
        let md = "The road ran through Lachin.[^1] See ![a photo of Shusha](x.jpg).\n\n\
                  | Town | Km |\n|---|---|\n| Goris | 0 |\n\n\
                  ```\nlet baku = 1;\n```\n\n[^1]: A note on the bypass.\n";
        let Ok(out) = read("notes.md", md.as_bytes()) else {
            panic!("markdown reads");
        };
        assert_eq!(
            out.raw.body,
            Body::Blocks(vec![
                Block::Paragraph(vec![
                    "The road ran through Lachin. See a photo of Shusha.".into()
                ]),
                Block::Paragraph(vec!["Town | Km".into()]),
                Block::Paragraph(vec!["Goris | 0".into()]),
            ])
        );
    }
}
