//! The cover sheet a publisher's or an archive's site puts before a downloaded article ("To cite
//! this article", "Published online", "Article views"; "Author(s):", "Source:", "Stable URL"):
//! not the article. It is taken off before layout, and its citation lines give the metadata the
//! article's own pages may lack (authors, date, journal).

use super::layout::{PageGlyphs, page_lines};
use crate::import::meta::{date_in_label, split_authors};

/// Phrases of cover sheets, matched with spaces removed and in lower case (glyphs may come
/// without space glyphs between words).
const MARKS: &[&str] = &[
    "tocitethisarticle",
    "tolinktothisarticle",
    "fullterms&conditions",
    "fulltermsandconditions",
    "submityourarticletothisjournal",
    "articleviews:",
    "viewrelatedarticles",
    "viewcrossmarkdata",
    "publishedonline:",
    "author(s):",
    "source:",
    "stableurl:",
    "accessed:",
    "not-for-profitservice",
    "termsandconditionsofuse",
    "terms&conditionsofuse",
    "thisarticlewasdownloadedby",
];

/// What a cover sheet says of its article.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Cover {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
}

/// True when a page is a download's cover sheet: three of its phrases on it.
fn is_cover(page: &PageGlyphs) -> bool {
    let squashed: String = page
        .glyphs
        .iter()
        .flat_map(|g| g.text.chars())
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    MARKS.iter().filter(|m| squashed.contains(*m)).count() >= 3
}

/// The pages without a cover sheet in front, and what the sheet said.
pub(super) fn split(mut pages: Vec<PageGlyphs>) -> (Vec<PageGlyphs>, Option<Cover>) {
    if pages.len() < 2 || !pages.first().is_some_and(is_cover) {
        return (pages, None);
    }
    let sheet = pages.remove(0);
    let lines = page_lines(&sheet);
    (pages, Some(read(&lines)))
}

/// The text after a label ("Published online: 14 May 2020." → "14 May 2020.").
fn after<'a>(line: &'a str, label: &str) -> Option<&'a str> {
    let at = line.to_lowercase().find(label)?;
    line.get(at + label.len()..).map(str::trim)
}

/// A year in parentheses, or what the parentheses hold when it is a date: "(Summer 2019)".
fn year_in_parens(s: &str) -> Option<String> {
    let mut rest = s;
    while let Some(open) = rest.find('(') {
        let inner = rest.get(open + 1..)?;
        let close = inner.find(')')?;
        let within = inner.get(..close)?.trim();
        if let Some(d) = date_in_label(within) {
            return Some(d);
        }
        if let Some(y) = within
            .split(|c: char| !c.is_ascii_digit())
            .find(|w| w.len() == 4 && (1800..=2200).contains(&w.parse::<u32>().unwrap_or(0)))
        {
            return Some(y.to_string());
        }
        rest = inner.get(close + 1..)?;
    }
    None
}

/// The metadata of a cover sheet's lines.
fn read(lines: &[String]) -> Cover {
    let mut cover = Cover::default();
    // A citation may run over two lines: read with the next one.
    for (i, line) in lines.iter().enumerate() {
        let joined = match lines.get(i + 1) {
            Some(next) => format!("{line} {next}"),
            None => line.clone(),
        };
        if let Some(names) = after(line, "author(s):") {
            cover.authors = split_authors(names);
        } else if let Some(source) = after(line, "source:") {
            cover.outlet = cover
                .outlet
                .take()
                .or_else(|| source.split(',').next().map(|s| s.trim().to_string()));
            cover.date = cover.date.take().or_else(|| year_in_parens(source));
        } else if let Some(date) = after(line, "published online:") {
            cover.date = date_in_label(date.trim_end_matches('.')).or(cover.date.take());
        } else if let Some(cite) = after(&joined, "to cite this article:") {
            // "A & B (2020) Title, Journal, 8:2, 123-140, DOI: …".
            if let Some((names, rest)) = cite.split_once(" (") {
                if cover.authors.is_empty() {
                    cover.authors = split_authors(names);
                }
                cover.date = cover
                    .date
                    .take()
                    .or_else(|| year_in_parens(&format!("({rest}")));
            }
        }
    }
    // The journal's name over its ISSN line.
    if cover.outlet.is_none() {
        cover.outlet = lines
            .windows(2)
            .find(|w| w[1].to_lowercase().contains("issn") && w[0].split_whitespace().count() <= 8)
            .map(|w| w[0].clone());
    }
    cover.title = lines
        .iter()
        .find(|l| {
            let t = l.to_lowercase();
            l.split_whitespace().count() >= 3
                && !MARKS.iter().any(|m| t.replace(' ', "").contains(m))
                && !t.contains("issn")
                && !t.contains("http")
        })
        .cloned();
    cover
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(ls: &[&str]) -> Vec<String> {
        ls.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_publishers_sheet_gives_authors_and_date() {
        let c = read(&lines(&[
            "Caucasus Review",
            "ISSN: 2376-1199 (Print) 2376-1202 (Online) Journal homepage: https://x/loi/rcau20",
            "Pipelines and power in the South Caucasus",
            "Ana Kapanadze & Rashad Aliyev",
            "To cite this article: Ana Kapanadze & Rashad Aliyev (2020) Pipelines and power in the",
            "South Caucasus, Caucasus Review, 8:2, 123-140, DOI: 10.1080/23761199.2020.1234567",
            "Published online: 14 May 2020.",
            "Article views: 1523",
        ]));
        assert_eq!(c.authors, ["Ana Kapanadze", "Rashad Aliyev"]);
        assert_eq!(c.date.as_deref(), Some("2020-05-14"));
        assert_eq!(c.outlet.as_deref(), Some("Caucasus Review"));
        assert_eq!(
            c.title.as_deref(),
            Some("Pipelines and power in the South Caucasus")
        );
    }

    #[test]
    fn an_archives_sheet_gives_authors_source_and_year() {
        let c = read(&lines(&[
            "Pipelines and power in the South Caucasus",
            "Author(s): Ana Kapanadze and Rashad Aliyev",
            "Source: Caucasus Review, Vol. 8, No. 2 (Summer 2019), pp. 123-140",
            "Stable URL: https://www.archive.example/stable/26912345",
            "Accessed: 06-12-2026 08:12 +00:00",
        ]));
        assert_eq!(c.authors, ["Ana Kapanadze", "Rashad Aliyev"]);
        assert_eq!(c.outlet.as_deref(), Some("Caucasus Review"));
        assert_eq!(c.date.as_deref(), Some("2019"));
        assert_eq!(
            c.title.as_deref(),
            Some("Pipelines and power in the South Caucasus")
        );
    }
}
