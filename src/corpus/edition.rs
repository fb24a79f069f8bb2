//! Edition files: the editorial facts a raw text export lacks or garbles, as TOML data —
//! per document its metadata, the reading order of its line blocks, the lines to drop
//! (interleaved titles, orphan pull quotes) and the lines that hold the author bio.

use serde::Deserialize;

use super::CorpusError;

/// One edition file: a source text and the documents it yields.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    /// File name of the raw source text, beside the edition file.
    pub source: String,
    /// What the source is (free text, for the record).
    #[serde(default)]
    pub description: String,
    /// End marks printed at the end of each piece (e.g. a journal's logo glyph `BD`).
    #[serde(default)]
    pub end_marks: Vec<String>,
    #[serde(rename = "document", default)]
    pub documents: Vec<EditionDoc>,
}

/// The editorial facts of one document.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditionDoc {
    pub id: String,
    pub title: String,
    /// The export has no (full) title; this one is supplied by the editor.
    #[serde(default)]
    pub title_supplied: bool,
    #[serde(default)]
    pub authors: Vec<String>,
    pub outlet: String,
    pub date: String,
    /// Original address where known, else a description of the source.
    pub source: String,
    /// Line ranges (`"12-40"` or `"7"`, 1-based, inclusive) in reading order.
    pub order: Vec<String>,
    /// Lines inside `order` to leave out, with the reason.
    #[serde(default)]
    pub drop: Vec<Drop>,
    /// Lines that hold the author bio: kept as the byline note, not as body.
    #[serde(default)]
    pub byline: Vec<String>,
    /// Editorial notes (for the record; not shown as text).
    #[serde(default)]
    pub notes: Vec<String>,
}

/// Lines to drop and why.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Drop {
    pub lines: String,
    pub reason: String,
}

/// A 1-based inclusive line range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub first: usize,
    pub last: usize,
}

impl Range {
    pub fn contains(&self, no: usize) -> bool {
        self.first <= no && no <= self.last
    }
}

/// Parses `"12-40"` or `"7"`.
pub fn parse_range(s: &str) -> Option<Range> {
    let s = s.trim();
    let (a, b) = match s.split_once('-') {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (s, s),
    };
    let first: usize = a.parse().ok()?;
    let last: usize = b.parse().ok()?;
    (first >= 1 && first <= last).then_some(Range { first, last })
}

/// Parses an edition file.
pub fn parse(file: &str, text: &str) -> Result<Edition, CorpusError> {
    toml::from_str(text).map_err(|e| CorpusError::Edition {
        file: file.to_string(),
        reason: e.to_string().trim().replace('\n', " "),
    })
}

/// The ranges of a list, with a warning for each one that does not parse or falls outside
/// the source (`max_line`).
pub fn ranges(
    list: &[String],
    max_line: usize,
    context: &str,
    warnings: &mut Vec<String>,
) -> Vec<Range> {
    let mut out = Vec::new();
    for s in list {
        match parse_range(s) {
            Some(r) => {
                if r.last > max_line {
                    warnings.push(format!(
                        "{context}: line range {s} ends past the source's last line {max_line}"
                    ));
                }
                out.extend(within(r, max_line));
            }
            None => warnings.push(format!("{context}: bad line range {s:?}")),
        }
    }
    out
}

/// How many lines the ranges of a list take (those that parse, up to `max_line`), without
/// warnings: a document's size, to schedule the longest first.
pub fn line_count(list: &[String], max_line: usize) -> usize {
    list.iter()
        .filter_map(|s| parse_range(s))
        .filter_map(|r| within(r, max_line))
        .map(|r| r.last + 1 - r.first)
        .sum()
}

/// The part of a range up to line `max_line`, if any.
fn within(r: Range, max_line: usize) -> Option<Range> {
    (r.first <= max_line).then(|| Range {
        first: r.first,
        last: r.last.min(max_line),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_parse() {
        assert_eq!(
            parse_range("12-40"),
            Some(Range {
                first: 12,
                last: 40
            })
        );
        assert_eq!(parse_range(" 7 "), Some(Range { first: 7, last: 7 }));
        assert_eq!(parse_range("40-12"), None);
        assert_eq!(parse_range("0"), None);
        assert_eq!(parse_range("a-b"), None);
    }

    #[test]
    fn bad_ranges_become_warnings() {
        let mut w = Vec::new();
        let r = ranges(
            &["1-5".into(), "x".into(), "8-20".into()],
            10,
            "ed.toml",
            &mut w,
        );
        assert_eq!(
            r,
            vec![Range { first: 1, last: 5 }, Range { first: 8, last: 10 }]
        );
        assert_eq!(w.len(), 2);
    }

    #[test]
    fn editions_parse_and_errors_name_the_file() {
        let ok = r#"
            source = "a.txt"
            [[document]]
            id = "a"
            title = "T"
            outlet = "O"
            date = "2021"
            source = "s"
            order = ["1-3"]
            drop = [{ lines = "2", reason = "title line" }]
        "#;
        let e = parse("a.toml", ok).map_err(|e| e.to_string());
        assert_eq!(e.map(|e| e.documents.len()), Ok(1));
        let bad = parse("b.toml", "source = 3").map(|_| ());
        assert!(bad.is_err_and(|e| e.to_string().contains("b.toml")));
    }
}
