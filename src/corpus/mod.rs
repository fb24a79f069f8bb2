//! The essay corpus: raw texts with their edition metadata, cleaned of PDF/web export
//! artefacts and split into documents and passages. Never imports egui.

use serde::Serialize;

/// One essay or article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Stable id, e.g. `baku-dialogues-2021-03`.
    pub id: String,
    pub title: String,
    /// True when the source has no title and the edition supplied a descriptive one.
    pub title_supplied: bool,
    pub authors: Vec<String>,
    pub outlet: String,
    /// ISO date (`2021-09-23`) or as precise as known (`2021`).
    pub date: String,
    /// Original address where known, else a description of the source file.
    pub source: String,
    /// Author bio / byline note kept from the source, if any.
    pub byline_note: Option<String>,
}

impl Document {
    /// Authors, outlet and date, each when known; the date is left out when the outlet
    /// already carries it ("…, Fall 2021" and "2021").
    pub fn byline_parts(&self) -> Vec<String> {
        let mut parts = Vec::new();
        if !self.authors.is_empty() {
            parts.push(self.authors.join(", "));
        }
        if !self.outlet.is_empty() {
            parts.push(self.outlet.clone());
        }
        if !self.date.is_empty() && !self.outlet.contains(&self.date) {
            parts.push(self.date.clone());
        }
        parts
    }
}

/// One paragraph as printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Passage {
    /// `<document-id>#p<N>`, N the paragraph number as printed (¶ 1 is `#p1`): see
    /// [`passage_id`].
    pub id: String,
    pub document: String,
    /// Position in the document, from 0 (the paragraph number is `index + 1`).
    pub index: usize,
    /// The section heading this passage opens, if any.
    pub heading: Option<String>,
    pub text: String,
}

pub mod anchor;
pub mod clean;
pub mod edition;
#[cfg(feature = "import")]
pub mod raw;
pub mod text;
pub mod vocab;
mod wordmap;

use std::path::Path;

use crate::clip::clip_to;

/// The longest file name (in characters) a message quotes whole.
const PATH_ECHO: usize = 240;

use clean::furniture::{Furniture, FurnitureCounts};
use clean::{RawLine, collapse_ws, raw_lines};
use edition::{Edition, EditionDoc, Range};
use vocab::Vocab;

#[cfg(feature = "import")]
pub use raw::{Block, Body, DocMeta, RawDocument, ingest_raw};

/// Why a text could not be ingested. Every variant names the file.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum CorpusError {
    #[error("{}: empty: no text to read", clip_to(file, PATH_ECHO))]
    Empty { file: String },
    #[error("{}: binary data, not text ({reason})", clip_to(file, PATH_ECHO))]
    Binary { file: String, reason: String },
    #[error(
        "{}: not valid UTF-8 (first bad byte at offset {offset})",
        clip_to(file, PATH_ECHO)
    )]
    InvalidUtf8 { file: String, offset: usize },
    #[error(
        "{}: bad edition file: {}",
        clip_to(file, PATH_ECHO),
        clip_to(reason, PATH_ECHO)
    )]
    Edition { file: String, reason: String },
    #[error(
        "{}: cannot read: {}",
        clip_to(file, PATH_ECHO),
        clip_to(reason, PATH_ECHO)
    )]
    Io { file: String, reason: String },
}

/// The shipped sources and their edition files, compiled in.
const EMBEDDED: &[(&str, &str, &str, &str)] = &[
    (
        "000_32bdfee8db6707da.txt",
        include_str!("../../assets/essays/000_32bdfee8db6707da.txt"),
        "000_32bdfee8db6707da.toml",
        include_str!("../../assets/essays/000_32bdfee8db6707da.toml"),
    ),
    (
        "001_fc9b99f5f2176467.txt",
        include_str!("../../assets/essays/001_fc9b99f5f2176467.txt"),
        "001_fc9b99f5f2176467.toml",
        include_str!("../../assets/essays/001_fc9b99f5f2176467.toml"),
    ),
    (
        "002_685b5d524f1df437.txt",
        include_str!("../../assets/essays/002_685b5d524f1df437.txt"),
        "002_685b5d524f1df437.toml",
        include_str!("../../assets/essays/002_685b5d524f1df437.toml"),
    ),
    (
        "003_6e31866b37220f72.txt",
        include_str!("../../assets/essays/003_6e31866b37220f72.txt"),
        "003_6e31866b37220f72.toml",
        include_str!("../../assets/essays/003_6e31866b37220f72.toml"),
    ),
    (
        "004_f0fdbcdc00f33216.txt",
        include_str!("../../assets/essays/004_f0fdbcdc00f33216.txt"),
        "004_f0fdbcdc00f33216.toml",
        include_str!("../../assets/essays/004_f0fdbcdc00f33216.toml"),
    ),
];

/// The raw texts of the shipped corpus: `(file name, text)`.
pub fn embedded_sources() -> impl Iterator<Item = (&'static str, &'static str)> {
    EMBEDDED.iter().map(|(name, text, _, _)| (*name, *text))
}

/// Documents, their passages in reading order, and what went wrong on the way.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Corpus {
    pub documents: Vec<Document>,
    pub passages: Vec<Passage>,
    pub warnings: Vec<String>,
}

impl Corpus {
    /// The shipped corpus (`assets/essays/`), compiled in.
    pub fn load_embedded() -> Corpus {
        let texts: Vec<&str> = EMBEDDED.iter().map(|(_, t, _, _)| *t).collect();
        let mut corpus = Corpus::default();
        let mut editions: Vec<(&str, &Edition, usize)> = Vec::new();
        for (i, ((name, _, ed_name, _), parsed)) in
            EMBEDDED.iter().zip(embedded_editions()).enumerate()
        {
            match parsed {
                Ok(ed) => {
                    if ed.source != *name {
                        corpus.warnings.push(format!(
                            "{ed_name}: names source {} but is shipped with {name}",
                            ed.source
                        ));
                    }
                    editions.push((ed_name, ed, i));
                }
                Err(e) => corpus.warnings.push(e.clone()),
            }
        }
        let mut split = vec![false; texts.len()];
        for (_, _, i) in &editions {
            if let Some(s) = split.get_mut(*i) {
                *s = true;
            }
        }
        let counted = count_texts(&texts, &split);
        corpus.add_editions(&editions, &counted);
        corpus
    }

    /// Every edition file (`*.toml`) in `dir` with the source it names; text files (`*.txt`)
    /// that no edition names are ingested with the generic cleaner. Problems become warnings.
    pub fn load_dir(dir: &Path) -> Corpus {
        let mut corpus = Corpus::default();
        let entries = match std::fs::read_dir(dir) {
            Ok(rd) => {
                let mut v: Vec<_> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
                v.sort();
                v
            }
            Err(e) => {
                corpus
                    .warnings
                    .push(format!("{}: cannot read directory: {e}", dir.display()));
                return corpus;
            }
        };
        let mut editions: Vec<(String, Edition)> = Vec::new();
        let mut texts: Vec<(String, String)> = Vec::new();
        for path in &entries {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if ext != "toml" && ext != "txt" {
                continue;
            }
            let bytes = match std::fs::read(path) {
                Ok(b) => b,
                Err(e) => {
                    corpus.warnings.push(format!("{name}: cannot read: {e}"));
                    continue;
                }
            };
            match check_text(&name, &bytes) {
                Ok(text) => {
                    if ext == "toml" {
                        match edition::parse(&name, text) {
                            Ok(ed) => editions.push((name, ed)),
                            Err(e) => corpus.warnings.push(e.to_string()),
                        }
                    } else {
                        texts.push((name, text.to_string()));
                    }
                }
                Err(e) => corpus.warnings.push(e.to_string()),
            }
        }
        let sources: Vec<&str> = texts.iter().map(|(_, t)| t.as_str()).collect();
        let mut used = vec![false; texts.len()];
        let mut found: Vec<(&str, &Edition, usize)> = Vec::new();
        for (ed_name, ed) in &editions {
            match texts.iter().position(|(n, _)| *n == ed.source) {
                Some(i) => {
                    if let Some(u) = used.get_mut(i) {
                        *u = true;
                    }
                    found.push((ed_name.as_str(), ed, i));
                }
                None => corpus.warnings.push(format!(
                    "{ed_name}: source {} not found in {}",
                    ed.source,
                    dir.display()
                )),
            }
        }
        let counted = count_texts(&sources, &used);
        corpus.add_editions(&found, &counted);
        let (vocab, counts) = (&counted.vocab, &counted.furniture);
        for (i, ((name, text), used)) in texts.iter().zip(used).enumerate() {
            if used {
                continue;
            }
            corpus
                .warnings
                .push(format!("{name}: no edition file; cleaned generically"));
            match ingest_str(name, text, vocab, &furniture_of(counts, i, &[])) {
                Ok((doc, passages)) => {
                    corpus.documents.push(doc);
                    corpus.passages.extend(passages);
                }
                Err(e) => corpus.warnings.push(e.to_string()),
            }
        }
        corpus
    }

    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// The passages of one document, in reading order.
    pub fn passages_of<'a>(&'a self, doc_id: &'a str) -> impl Iterator<Item = &'a Passage> + 'a {
        self.passages.iter().filter(move |p| p.document == doc_id)
    }

    /// Clean and split every document of these editions (`(edition file, edition, index of its
    /// source text)`, the texts counted and split into lines by [`count_texts`]), in
    /// parallel, and append them in order.
    fn add_editions(&mut self, editions: &[(&str, &Edition, usize)], counted: &Counted<'_>) {
        struct Prepared<'a> {
            ed_name: &'a str,
            lines: &'a [RawLine<'a>],
            furniture: Furniture,
        }
        let vocab = &counted.vocab;
        let prepared: Vec<Prepared<'_>> = editions
            .iter()
            .map(|(ed_name, ed, i)| Prepared {
                ed_name,
                lines: counted.lines.get(*i).map_or(&[], Vec::as_slice),
                furniture: furniture_of(&counted.furniture, *i, &ed.end_marks),
            })
            .collect();
        // The documents to build, in order; a repeated id is skipped with a warning.
        let mut jobs: Vec<(&Prepared<'_>, &EditionDoc)> = Vec::new();
        let mut ids: Vec<&str> = self.documents.iter().map(|d| d.id.as_str()).collect();
        for (p, (_, ed, _)) in prepared.iter().zip(editions) {
            for doc in &ed.documents {
                if ids.contains(&doc.id.as_str()) {
                    self.warnings.push(format!(
                        "{}: document id {} used twice; skipped",
                        p.ed_name, doc.id
                    ));
                    continue;
                }
                ids.push(&doc.id);
                jobs.push((p, doc));
            }
        }
        // Documents differ a lot in length: the longest are built first.
        let size = |(p, doc): &(&Prepared<'_>, &EditionDoc)| {
            edition::line_count(&doc.order, p.lines.len())
        };
        let built = crate::par::map_largest_first(&jobs, size, |(p, doc)| {
            let mut warnings = Vec::new();
            let (document, passages) = build_document(
                p.ed_name,
                doc,
                p.lines,
                p.lines.len(),
                &p.furniture,
                vocab,
                &mut warnings,
            );
            (document, passages, warnings)
        });
        for ((p, _), (document, passages, warnings)) in jobs.iter().zip(built) {
            self.warnings.extend(warnings);
            if passages.is_empty() {
                self.warnings.push(format!(
                    "{}: document {} has no text",
                    p.ed_name, document.id
                ));
            }
            self.documents.push(document);
            self.passages.extend(passages);
        }
    }
}

/// The editions shipped with the corpus, each parsed (or its error) once per process: they are
/// compiled in, so every [`Corpus::load_embedded`] would parse the same TOML again.
fn embedded_editions() -> &'static [Result<Edition, String>] {
    static PARSED: std::sync::OnceLock<Vec<Result<Edition, String>>> = std::sync::OnceLock::new();
    PARSED.get_or_init(|| {
        EMBEDDED
            .iter()
            .map(|(_, _, ed_name, ed_text)| {
                edition::parse(ed_name, ed_text).map_err(|e| e.to_string())
            })
            .collect()
    })
}

/// What [`count_texts`] learns of a set of texts.
struct Counted<'a> {
    vocab: Vocab,
    /// Each text's furniture counts.
    furniture: Vec<FurnitureCounts<'a>>,
    /// Each text's lines (empty for a text not asked to be split).
    lines: Vec<Vec<RawLine<'a>>>,
}

/// The vocabulary of the texts and each text's furniture counts, in one parallel pass; and the
/// lines of each text `split` marks, while the counts are merged.
fn count_texts<'a>(texts: &[&'a str], split: &[bool]) -> Counted<'a> {
    let count = |piece| {
        let mut counts = FurnitureCounts::default();
        counts.count_text(piece);
        counts
    };
    let merge_furniture = |parts: Vec<Vec<FurnitureCounts<'a>>>| -> Vec<FurnitureCounts<'a>> {
        parts
            .into_iter()
            .map(|pieces| {
                // The first piece's counts are the base: its entries are not moved again.
                let mut pieces = pieces.into_iter();
                let mut all = pieces.next().unwrap_or_default();
                for p in pieces {
                    all.merge(p);
                }
                all
            })
            .collect()
    };
    let split_lines = || -> Vec<Vec<RawLine<'a>>> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| match split.get(i) {
                Some(true) => raw_lines(t),
                _ => Vec::new(),
            })
            .collect()
    };
    // While the vocabulary's counts are merged, the furniture's are, and the texts are split
    // into lines: whichever thread is free first takes the lines.
    let gather = |parts| crate::par::join(|| merge_furniture(parts), split_lines);
    let (vocab, (furniture, lines)) = Vocab::from_texts_with(texts, count, gather);
    Counted {
        vocab,
        furniture,
        lines,
    }
}

/// The furniture of text `i` from its counts, with the end marks an edition names.
fn furniture_of(counts: &[FurnitureCounts<'_>], i: usize, known_marks: &[String]) -> Furniture {
    counts
        .get(i)
        .map_or_else(Furniture::default, |c| c.finish(known_marks))
}

fn build_document(
    ed_name: &str,
    doc: &EditionDoc,
    lines: &[RawLine<'_>],
    max_line: usize,
    furniture: &Furniture,
    vocab: &Vocab,
    warnings: &mut Vec<String>,
) -> (Document, Vec<Passage>) {
    let ctx = format!("{ed_name}[{}]", doc.id);
    let order = edition::ranges(&doc.order, max_line, &ctx, warnings);
    let drop_list: Vec<String> = doc.drop.iter().map(|d| d.lines.clone()).collect();
    let drops = edition::ranges(&drop_list, max_line, &ctx, warnings);
    let bylines = edition::ranges(&doc.byline, max_line, &ctx, warnings);
    let in_any = |rs: &[Range], no: usize| rs.iter().any(|r| r.contains(no));
    let mut body: Vec<RawLine<'_>> = Vec::new();
    for r in &order {
        let mut first = true;
        for no in r.first..=r.last {
            if in_any(&drops, no) || in_any(&bylines, no) {
                continue;
            }
            if let Some(l) = lines.get(no - 1) {
                body.push(RawLine {
                    starts_block: first,
                    ..*l
                });
                first = false;
            }
        }
    }
    let byline_lines: Vec<RawLine<'_>> = bylines
        .iter()
        .flat_map(|r| r.first..=r.last)
        .filter_map(|no| lines.get(no - 1).copied())
        .collect();
    let pdf = clean::is_pdf_layout(body.iter().map(|l| l.text));
    let sections = clean::clean_lines(&body, furniture, pdf, vocab);
    let byline_note = if byline_lines.is_empty() {
        None
    } else {
        let parts = clean::clean_lines(&byline_lines, furniture, pdf, vocab);
        let note = collapse_ws(
            &parts
                .iter()
                .flat_map(|s| s.heading.iter().chain(std::iter::once(&s.text)))
                .cloned()
                .collect::<Vec<_>>()
                .join(" "),
        );
        (!note.is_empty()).then_some(note)
    };
    let document = Document {
        id: doc.id.clone(),
        title: doc.title.clone(),
        title_supplied: doc.title_supplied,
        authors: doc.authors.clone(),
        outlet: doc.outlet.clone(),
        date: doc.date.clone(),
        source: doc.source.clone(),
        byline_note,
    };
    let passages = to_passages(&doc.id, sections);
    (document, passages)
}

fn to_passages(doc_id: &str, sections: Vec<clean::paragraphs::Section>) -> Vec<Passage> {
    sections
        .into_iter()
        .enumerate()
        .map(|(i, s)| Passage {
            id: passage_id(doc_id, i),
            document: doc_id.to_string(),
            index: i,
            heading: s.heading,
            text: s.text,
        })
        .collect()
}

/// The id of the passage at `index` (from 0) in a document: `<document>#p<index + 1>`, so the id
/// carries the paragraph number the panels and the CLI print (`¶ 29` is `#p29`).
pub fn passage_id(document: &str, index: usize) -> String {
    format!("{document}#p{}", index + 1)
}

/// Checks that bytes are text: not empty, no NUL bytes, valid UTF-8, mostly printable.
fn check_text<'a>(name: &str, bytes: &'a [u8]) -> Result<&'a str, CorpusError> {
    let file = name.to_string();
    if bytes.contains(&0) {
        return Err(CorpusError::Binary {
            file,
            reason: "contains NUL bytes".into(),
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| CorpusError::InvalidUtf8 {
        file: file.clone(),
        offset: e.valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(CorpusError::Empty { file });
    }
    let total = text.chars().count();
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if control * 20 > total {
        return Err(CorpusError::Binary {
            file,
            reason: format!("{control} control characters in {total}"),
        });
    }
    Ok(text)
}

/// A stable id from a file name: its stem, lower-case, non-alphanumerics as single dashes.
pub fn slug(name: &str) -> String {
    let stem = Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut out = String::new();
    for c in stem.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "document".to_string()
    } else {
        out
    }
}

/// Cleans and splits a user's text file with no edition file: the general entry behind
/// `caspian-atlas link FILE`. The title is the first heading-like line, else the file stem
/// (then marked supplied).
pub fn ingest_text(name: &str, bytes: &[u8]) -> Result<(Document, Vec<Passage>), CorpusError> {
    let text = check_text(name, bytes)?;
    ingest_one(name, text)
}

/// [`ingest_str`] of one text with its own vocabulary and furniture, counted in one pass.
fn ingest_one(name: &str, text: &str) -> Result<(Document, Vec<Passage>), CorpusError> {
    let counted = count_texts(&[text], &[false]);
    ingest_str(
        name,
        text,
        &counted.vocab,
        &furniture_of(&counted.furniture, 0, &[]),
    )
}

fn ingest_str(
    name: &str,
    text: &str,
    vocab: &Vocab,
    furniture: &Furniture,
) -> Result<(Document, Vec<Passage>), CorpusError> {
    let lines = raw_lines(text);
    let pdf = clean::is_pdf_layout(lines.iter().map(|l| l.text));
    let mut sections = clean::clean_lines(&lines, furniture, pdf, vocab);
    if sections.is_empty() {
        // Every line went as furniture or repetition ("Baku Baku" read as a doubled running
        // head): the text is then the only copy of itself, and is read with nothing stripped.
        sections = clean::clean_lines(&lines, &Furniture::none(), pdf, vocab);
    }
    let id = slug(name);
    let stem = Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string());
    // Title: a heading that opens the text, or a short first line without a full stop.
    let mut title = None;
    if let Some(first) = sections.first_mut() {
        if let Some(h) = first.heading.take() {
            title = Some(h);
        } else if sections.len() > 1 && sections.first().is_some_and(|s| opens_as_title(&s.text)) {
            title = Some(sections.remove(0).text);
        }
    }
    if sections.is_empty() {
        return Err(CorpusError::Empty {
            file: name.to_string(),
        });
    }
    // A title found in the text is the text's own; the file stem is supplied.
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

/// Whether a text's first paragraph is its title: heading-like, or — in any script, in sentence
/// case ("Каспийский обзор", "Why the middle corridor matters") — a short line that starts with a
/// capital or a digit and does not end like a sentence part (full stop, comma, colon…).
fn opens_as_title(text: &str) -> bool {
    let t = text.trim();
    if clean::paragraphs::is_heading_like(t, 3) {
        return true;
    }
    let words = t.split_whitespace().count();
    let first = t.chars().next().unwrap_or(' ');
    let last = t.chars().last().unwrap_or('.');
    (1..=14).contains(&words)
        && t.chars().count() <= 100
        && !t.contains('\n')
        && (first.is_uppercase() || first.is_ascii_digit())
        && !matches!(
            last,
            '.' | ',' | ';' | ':' | '-' | '\u{2014}' | '\u{2013}' | '"' | '\u{201d}' | '\u{2026}'
        )
}
