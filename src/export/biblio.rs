//! Bibliographies of the cited documents for reference managers (Zotero, JabRef, Mendeley):
//! BibTeX, RIS and CSL-JSON, from the same document metadata the citations use.

use std::collections::BTreeSet;

use serde::Serialize;

use super::ExportError;
use super::cite::{Name, SourceKind, authors, date_parts, source_kind, url_in};
use crate::corpus::Document;

/// A stable, unique citation key per document: family name of the first author (or the
/// first title word), the year, and the document id's tail when needed to stay unique.
pub fn keys(docs: &[&Document]) -> Vec<String> {
    let mut taken: BTreeSet<String> = BTreeSet::new();
    docs.iter()
        .map(|d| {
            let who = authors(d)
                .first()
                .map(|n| n.family().to_string())
                .unwrap_or_else(|| {
                    d.title
                        .split_whitespace()
                        .next()
                        .unwrap_or("anon")
                        .to_string()
                });
            let year = date_parts(&d.date).map_or("nd".to_string(), |(y, _, _)| y.to_string());
            let base: String = format!("{who}{year}")
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_lowercase();
            let base = if base.is_empty() {
                "doc".to_string()
            } else {
                base
            };
            let mut key = base.clone();
            let mut n = 0u8;
            while taken.contains(&key) {
                // a, b, c… as in "lemon2021b".
                key = format!("{base}{}", char::from(b'a' + (n % 26)));
                if n >= 26 {
                    key = format!(
                        "{base}-{}",
                        d.id.replace(|c: char| !c.is_ascii_alphanumeric(), "")
                    );
                }
                n += 1;
            }
            taken.insert(key.clone());
            key
        })
        .collect()
}

/// A BibTeX field value in braces: braces balanced, LaTeX specials escaped.
fn bib_value(s: &str) -> String {
    format!("{{{}}}", bib_escape(s))
}

/// LaTeX specials escaped, braces balanced by escaping them all.
fn bib_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\{"),
            '}' => out.push_str("\\}"),
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn bib_name(n: &Name) -> String {
    match n {
        Name::Person { given, family } => format!("{}, {}", bib_escape(family), bib_escape(given)),
        // Braces keep an organisation in one piece.
        Name::Literal(s) => format!("{{{}}}", bib_escape(s)),
    }
}

/// The documents as BibTeX (UTF-8): `@article` for journal issues, `@online` for web pages,
/// `@misc` otherwise.
pub fn bibtex(docs: &[&Document]) -> String {
    let mut out = String::new();
    for (d, key) in docs.iter().zip(keys(docs)) {
        let kind = source_kind(d);
        let entry = match kind {
            SourceKind::Journal => "article",
            SourceKind::Web => "online",
            SourceKind::Other => "misc",
        };
        let mut fields: Vec<(&str, String)> = Vec::new();
        let names = authors(d);
        if !names.is_empty() {
            let list: Vec<String> = names.iter().map(bib_name).collect();
            fields.push(("author", format!("{{{}}}", list.join(" and "))));
        }
        fields.push(("title", bib_value(&d.title)));
        if !d.outlet.is_empty() {
            let field = if kind == SourceKind::Journal {
                "journal"
            } else {
                "organization"
            };
            fields.push((field, bib_value(&d.outlet)));
        }
        if let Some((y, m, day)) = date_parts(&d.date) {
            fields.push(("year", format!("{{{y}}}")));
            let date = match (m, day) {
                (Some(m), Some(day)) => format!("{y}-{m:02}-{day:02}"),
                (Some(m), None) => format!("{y}-{m:02}"),
                _ => y.to_string(),
            };
            fields.push(("date", format!("{{{date}}}")));
        }
        if let Some(url) = url_in(&d.source) {
            fields.push(("url", bib_value(&url)));
        }
        fields.push(("note", bib_value(&d.source)));
        out.push_str(&format!("@{entry}{{{key},\n"));
        for (name, value) in fields {
            out.push_str(&format!("  {name} = {value},\n"));
        }
        out.push_str("}\n\n");
    }
    out
}

/// One RIS line: tag, two spaces, dash, space, value on one line.
fn ris_line(out: &mut String, tag: &str, value: &str) {
    let v: String = value
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    out.push_str(tag);
    out.push_str("  - ");
    out.push_str(v.trim());
    out.push_str("\r\n");
}

/// The documents as RIS (UTF-8, CRLF line ends as the format specifies): `JOUR`, `ELEC` or
/// `GEN`; `AU` "Family, Given"; `PY`/`DA` "YYYY/MM/DD/"; `UR`; `N1` the source.
pub fn ris(docs: &[&Document]) -> String {
    let mut out = String::new();
    for (d, key) in docs.iter().zip(keys(docs)) {
        let kind = source_kind(d);
        ris_line(
            &mut out,
            "TY",
            match kind {
                SourceKind::Journal => "JOUR",
                SourceKind::Web => "ELEC",
                SourceKind::Other => "GEN",
            },
        );
        ris_line(&mut out, "ID", &key);
        for n in authors(d) {
            ris_line(&mut out, "AU", &n.inverted());
        }
        ris_line(&mut out, "TI", &d.title);
        if !d.outlet.is_empty() {
            ris_line(
                &mut out,
                if kind == SourceKind::Journal {
                    "T2"
                } else {
                    "PB"
                },
                &d.outlet,
            );
        }
        if let Some((y, m, day)) = date_parts(&d.date) {
            ris_line(&mut out, "PY", &y.to_string());
            let m = m.map_or(String::new(), |m| format!("{m:02}"));
            let day = day.map_or(String::new(), |d| format!("{d:02}"));
            ris_line(&mut out, "DA", &format!("{y}/{m}/{day}/"));
        }
        if let Some(url) = url_in(&d.source) {
            ris_line(&mut out, "UR", &url);
        }
        ris_line(&mut out, "N1", &d.source);
        out.push_str("ER  - \r\n\r\n");
    }
    out
}

/// A CSL-JSON name.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum CslName {
    Person { family: String, given: String },
    Literal { literal: String },
}

/// A CSL-JSON date: `{"date-parts": [[y, m, d]]}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CslDate {
    #[serde(rename = "date-parts")]
    pub date_parts: Vec<Vec<i32>>,
}

/// One CSL-JSON item (the subset of the CSL 1.0.2 schema these documents fill).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CslItem {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub author: Vec<CslName>,
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    pub container_title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issued: Option<CslDate>,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub note: String,
}

/// The documents as CSL-JSON items.
pub fn csl_items(docs: &[&Document]) -> Vec<CslItem> {
    docs.iter()
        .zip(keys(docs))
        .map(|(d, key)| {
            let kind = source_kind(d);
            CslItem {
                id: key,
                kind: match kind {
                    SourceKind::Journal => "article-journal",
                    SourceKind::Web => "webpage",
                    SourceKind::Other => "document",
                },
                title: d.title.clone(),
                author: authors(d)
                    .into_iter()
                    .map(|n| match n {
                        Name::Person { given, family } => CslName::Person { family, given },
                        Name::Literal(literal) => CslName::Literal { literal },
                    })
                    .collect(),
                container_title: (!d.outlet.is_empty()).then(|| d.outlet.clone()),
                issued: date_parts(&d.date).map(|(y, m, day)| {
                    let mut parts = vec![y];
                    parts.extend(m.map(|m| m as i32));
                    parts.extend(day.map(|d| d as i32));
                    CslDate {
                        date_parts: vec![parts],
                    }
                }),
                url: url_in(&d.source),
                note: d.source.clone(),
            }
        })
        .collect()
}

/// The documents as a CSL-JSON array (pretty-printed).
pub fn csl_json(docs: &[&Document]) -> Result<String, ExportError> {
    let mut s =
        serde_json::to_string_pretty(&csl_items(docs)).map_err(|source| ExportError::Json {
            what: "the CSL-JSON export",
            source,
        })?;
    s.push('\n');
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture::doc;

    #[test]
    fn keys_are_unique_and_ascii() {
        let a = doc("a", &["Edward Lemon"], "", "2021", "");
        let b = doc("b", &["Edward Lemon"], "", "2021", "");
        let c = doc("c", &[], "", "", "");
        let k = keys(&[&a, &b, &c]);
        assert_eq!(k, vec!["lemon2021", "lemon2021a", "titlend"]);
    }

    #[test]
    fn bibtex_escapes_specials() {
        let mut d = doc(
            "a",
            &["Jane Public"],
            "Journal, Vol. 1",
            "2020-01-02",
            "https://x.org/a_b",
        );
        d.title = "50% of {braces} & $money".into();
        let b = bibtex(&[&d]);
        assert!(b.starts_with("@article{public2020,\n"));
        assert!(
            b.contains("title = {50\\% of \\{braces\\} \\& \\$money},"),
            "{b}"
        );
        assert!(b.contains("date = {2020-01-02},"));
        assert!(b.contains("url = {https://x.org/a\\_b},"));
    }

    #[test]
    fn ris_records_end_with_er() {
        let d = doc(
            "a",
            &["Jane Public", "UNESCO"],
            "Example.org",
            "2023-10",
            "web page",
        );
        let r = ris(&[&d]);
        assert!(r.starts_with("TY  - ELEC\r\n"));
        assert!(r.contains("AU  - Public, Jane\r\nAU  - UNESCO\r\n"));
        assert!(r.contains("DA  - 2023/10//\r\n"));
        assert!(r.trim_end().ends_with("ER  -"));
        let items = csl_items(&[&d]);
        assert_eq!(items.first().map(|i| i.kind), Some("webpage"));
        assert_eq!(
            items
                .first()
                .and_then(|i| i.issued.clone())
                .map(|d| d.date_parts),
            Some(vec![vec![2023, 10]])
        );
    }
}
