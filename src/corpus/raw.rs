//! `RawDocument`, what a document reader (`crate::import`) hands the corpus: metadata plus either
//! text lines for the cleaning pipeline or already-structured blocks; [`ingest_raw`] cleans and
//! splits it into a `Document` and its passages like the shipped essays.

use std::path::Path;

use super::clean::{self, collapse_ws, hyphen, paragraphs};
use super::vocab::Vocab;
use super::{CorpusError, Document, Passage, ingest_one, slug, to_passages};

/// Metadata a reader found in the file itself (each field when known).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocMeta {
    pub title: Option<String>,
    pub authors: Vec<String>,
    /// ISO date or as precise as known (`2025-10`, `2025`).
    pub date: Option<String>,
    pub outlet: Option<String>,
}

/// One block of a structured document, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section heading (it opens the next paragraph's passage).
    Heading(String),
    /// A paragraph as its printed lines; a line-final hyphen is joined or kept by the
    /// vocabulary, as in the cleaning pipeline. A web or Word paragraph is one line.
    Paragraph(Vec<String>),
}

impl Block {
    /// A paragraph printed as one line (as a web or Word paragraph is).
    pub fn one_line(text: &str) -> Block {
        Block::Paragraph(vec![text.to_string()])
    }
}

/// The text of a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Lines of text as exported (plain text): run through the whole cleaning pipeline.
    Text(String),
    /// Headings and paragraphs a reader rebuilt from the file's structure.
    Blocks(Vec<Block>),
}

/// A document as read from a file, before cleaning and splitting.
#[derive(Debug, Clone, PartialEq)]
pub struct RawDocument {
    /// The file name (for the id and messages).
    pub name: String,
    /// Where it came from (the path as given).
    pub source: String,
    pub meta: DocMeta,
    pub body: Body,
}

/// Cleans and splits a document a reader produced: the general entry behind importing a
/// user's file. Metadata the file carries wins; otherwise the title is the opening heading,
/// else the file stem (then marked supplied).
pub fn ingest_raw(raw: &RawDocument) -> Result<(Document, Vec<Passage>), CorpusError> {
    let (mut document, passages) = match &raw.body {
        Body::Text(text) => ingest_one(&raw.name, text)?,
        Body::Blocks(blocks) => ingest_blocks(&raw.name, blocks, raw.meta.title.as_deref())?,
    };
    if let Some(title) = raw.meta.title.as_deref().map(collapse_ws)
        && !title.is_empty()
    {
        document.title = title;
        document.title_supplied = false;
    }
    document.authors = raw.meta.authors.clone();
    document.date = raw.meta.date.clone().unwrap_or_default();
    document.outlet = raw.meta.outlet.clone().unwrap_or_default();
    document.source = raw.source.clone();
    Ok((document, passages))
}

/// Headings attached to the paragraphs they open; paragraph lines joined with the
/// vocabulary's hyphen decisions.
/// A leading heading is the title when the file gave none, and is dropped when it repeats
/// the title the file gave.
fn ingest_blocks(
    name: &str,
    blocks: &[Block],
    given_title: Option<&str>,
) -> Result<(Document, Vec<Passage>), CorpusError> {
    let mut vocab = Vocab::new();
    for b in blocks {
        match b {
            Block::Heading(h) => vocab.add_text(h),
            Block::Paragraph(lines) => {
                for l in lines {
                    vocab.add_text(l);
                }
            }
        }
    }
    let mut sections: Vec<paragraphs::Section> = Vec::new();
    let mut pending: Option<String> = None;
    let mut title: Option<String> = None;
    for b in blocks {
        match b {
            Block::Heading(h) => {
                let h = collapse_ws(&clean::normalise_spaces(h));
                if h.is_empty() {
                    continue;
                }
                if sections.is_empty() && pending.is_none() && title.is_none() {
                    match given_title {
                        // "Abstract" or "Key findings" opens the text; it names no document.
                        None if is_section_name(&h) || is_numbered_section(&h) => {}
                        None => {
                            title = Some(h);
                            continue;
                        }
                        Some(g) if key(g) == key(&h) => continue,
                        Some(_) => {}
                    }
                }
                pending = Some(match pending.take() {
                    Some(p) => format!("{p} / {h}"),
                    None => h,
                });
            }
            Block::Paragraph(lines) => {
                let mut text = String::new();
                for l in lines {
                    paragraphs::append_line(&mut text, &clean::normalise_spaces(l), &vocab);
                }
                let text = collapse_ws(&hyphen::fix_inline(&collapse_ws(&text), &vocab));
                if text.is_empty() {
                    continue;
                }
                sections.push(paragraphs::Section {
                    heading: pending.take(),
                    text,
                });
            }
        }
    }
    if sections.is_empty() {
        return Err(CorpusError::Empty {
            file: name.to_string(),
        });
    }
    let id = slug(name);
    let stem = Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string());
    let title_supplied = title.is_none();
    let document = Document {
        id: id.clone(),
        title: title.unwrap_or(stem),
        title_supplied,
        authors: Vec::new(),
        outlet: String::new(),
        date: String::new(),
        source: format!("user file {name}"),
        byline_note: None,
    };
    Ok((document, to_passages(&id, sections)))
}

/// A line that is only the name of a paper's standard section ("Abstract", "Summary",
/// "References"), however set: a heading, and the end of the front matter.
pub fn is_section_name(t: &str) -> bool {
    const NAMES: &[&str] = &[
        "abstract",
        "summary",
        "executive summary",
        "introduction",
        "key findings",
        "key points",
        "conclusion",
        "conclusions",
        "acknowledgements",
        "acknowledgments",
        "references",
        "bibliography",
        "background",
        "overview",
        "methodology",
        "findings",
        "main findings",
        "discussion",
        "recommendations",
        "policy recommendations",
        "аннотация",
        "özet",
    ];
    let t = t.trim().trim_end_matches([':', '.']).trim();
    t.chars().count() <= 20 && NAMES.iter().any(|n| t.to_lowercase() == *n)
}

/// "1 Exports", "2.3. Ports": a heading that opens with a section number.
fn is_numbered_section(h: &str) -> bool {
    let mut words = h.split_whitespace();
    let number = words.next().unwrap_or("").trim_end_matches('.');
    words.next().is_some()
        && !number.is_empty()
        && number
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit()))
}

/// Letters and digits only, lower-cased: for comparing titles as printed.
fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(body: Body, meta: DocMeta) -> RawDocument {
        RawDocument {
            name: "My Notes.md".into(),
            source: "/tmp/My Notes.md".into(),
            meta,
            body,
        }
    }

    #[test]
    fn blocks_become_passages_with_headings_and_joined_hyphens() {
        let body = Body::Blocks(vec![
            Block::Heading("The Title".into()),
            Block::Paragraph(vec![
                "Oil from Baku reaches the infra-".into(),
                "structure of Ceyhan.".into(),
            ]),
            Block::Heading("Routes".into()),
            Block::Paragraph(vec!["A trans-".into(), "Caspian line.".into()]),
        ]);
        let Ok((doc, ps)) = ingest_raw(&raw(body, DocMeta::default())) else {
            panic!("blocks should ingest");
        };
        assert_eq!(doc.title, "The Title");
        assert!(!doc.title_supplied);
        assert_eq!(doc.id, "my-notes");
        assert_eq!(doc.source, "/tmp/My Notes.md");
        let texts: Vec<&str> = ps.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Oil from Baku reaches the infrastructure of Ceyhan.",
                "A trans-Caspian line."
            ]
        );
        assert_eq!(ps.get(1).and_then(|p| p.heading.as_deref()), Some("Routes"));
        assert_eq!(ps.first().and_then(|p| p.heading.as_deref()), None);
    }

    #[test]
    fn file_metadata_wins_and_empty_blocks_are_refused() {
        let meta = DocMeta {
            title: Some("Given  Title".into()),
            authors: vec!["A. Writer".into()],
            date: Some("2025-10".into()),
            outlet: Some("Review".into()),
        };
        let Ok((doc, ps)) = ingest_raw(&raw(Body::Text("Some text here.\n".into()), meta)) else {
            panic!("text should ingest");
        };
        assert_eq!(doc.title, "Given Title");
        assert_eq!(doc.authors, ["A. Writer"]);
        assert_eq!(doc.date, "2025-10");
        assert_eq!(doc.outlet, "Review");
        assert_eq!(ps.len(), 1);
        let e = ingest_raw(&raw(
            Body::Blocks(vec![Block::Heading("x".into())]),
            DocMeta::default(),
        ));
        assert!(matches!(e, Err(CorpusError::Empty { .. })), "{e:?}");
    }
}
