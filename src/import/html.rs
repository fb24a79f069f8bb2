//! Web pages (`.html`, `.htm`, `.mhtml`): the article found by `dom_smoothie` (a port of
//! Mozilla's Readability) after page furniture is removed; title (without the site suffix),
//! authors, date and outlet from JSON-LD (`@graph` too), Open Graph, `<meta>`, `<time>` and the
//! byline.

use std::collections::HashMap;

use dom_query::Document as Dom;
use serde_json::Value;

use super::dom::{JUNK_SELECTOR, blocks_of};
use super::meta::{
    is_author_note, parse_byline, parse_date, split_authors, strip_site_suffix, trailing_date,
};
use super::{ImportError, ReadOutcome, clip, file_name, text};
use crate::corpus::clean::furniture::is_web_furniture;
use crate::corpus::{Block, Body, DocMeta, RawDocument};

/// Metadata gathered from the page's head.
#[derive(Debug, Default, Clone, PartialEq)]
struct PageMeta {
    title: Option<String>,
    authors: Vec<String>,
    date: Option<String>,
    outlet: Option<String>,
}

/// Reads a web page.
pub fn read(file: &str, bytes: &[u8]) -> Result<ReadOutcome, ImportError> {
    let (html, _) = text::decode(bytes);
    read_html(file, &html)
}

/// Reads a saved web archive (MHTML): its first HTML part.
pub fn read_mhtml(file: &str, bytes: &[u8]) -> Result<ReadOutcome, ImportError> {
    let html = super::mhtml::html_part(bytes).map_err(|reason| ImportError::Corrupt {
        file: file.to_string(),
        format: "MHTML",
        reason,
    })?;
    read_html(file, &html)
}

fn read_html(file: &str, html: &str) -> Result<ReadOutcome, ImportError> {
    if text::is_binary(html) {
        return Err(ImportError::NotDocument {
            file: file.to_string(),
            what: "binary data".into(),
        });
    }
    let dom = Dom::from(html);
    let page = page_meta(&dom);
    dom.select(JUNK_SELECTOR).remove();
    let cleaned = dom.html().to_string();
    let mut warnings = Vec::new();
    let cfg = dom_smoothie::Config {
        max_elements_to_parse: 200_000,
        ..Default::default()
    };
    let article = dom_smoothie::Readability::new(cleaned.as_str(), None, Some(cfg))
        .and_then(|mut r| r.parse());
    let (mut blocks, art_title, art_byline, art_date, art_site) = match article {
        Ok(a) => {
            let content = Dom::from(a.content.to_string());
            (
                blocks_of(&content),
                Some(a.title).filter(|t| !t.trim().is_empty()),
                a.byline,
                a.published_time,
                a.site_name,
            )
        }
        Err(e) => {
            warnings.push(format!(
                "{file}: no article found ({}); kept the page's text",
                clip(&e.to_string(), 80)
            ));
            (blocks_of(&dom), None, None, None, None)
        }
    };
    if blocks.is_empty() {
        blocks = blocks_of(&dom);
    }
    let outlet = page
        .outlet
        .clone()
        .or(art_site)
        .map(|o| o.trim().to_string());
    let raw_title = page.title.clone().or(art_title);
    let title = raw_title.map(|t| strip_site_suffix(&t, outlet.as_deref()));
    // No site name in the metadata: the `<title>`'s suffix after the headline names the outlet
    // ("Headline — Caspian Herald").
    let outlet = outlet.or_else(|| {
        let head = dom.select("head title").text().to_string();
        let title = title.as_deref()?;
        title_suffix(&head, title)
    });
    let mut meta = DocMeta {
        title: title.clone(),
        authors: page.authors.clone(),
        date: page.date.clone(),
        outlet: outlet.filter(|o| !o.is_empty()),
    };
    if meta.authors.is_empty()
        && let Some(b) = art_byline
    {
        let b = b.trim();
        meta.authors = match parse_byline(b) {
            Some((a, d)) => {
                meta.date = meta.date.take().or(d);
                a
            }
            None => {
                // "Dana Omarova Nov 20, 2024": the names, then the date.
                let (date, names) = match trailing_date(b) {
                    Some((d, names)) => (Some(d), names),
                    None => (None, b),
                };
                if names.split_whitespace().count() <= 12 {
                    meta.date = meta.date.take().or(date);
                    split_authors(names)
                } else {
                    Vec::new()
                }
            }
        };
    }
    if meta.date.is_none() {
        meta.date = art_date.as_deref().and_then(parse_date);
    }
    // Furniture left inside the article, the title repeated, the byline as a paragraph.
    let title_key = title.as_deref().map(key);
    let mut kept = Vec::with_capacity(blocks.len());
    // No paragraph of eight words or more kept yet.
    let mut in_head = true;
    for b in blocks {
        match &b {
            Block::Heading(h) if Some(key(h)) == title_key => continue,
            Block::Paragraph(lines) => {
                let t = lines.join(" ");
                if is_web_furniture(&t) || is_boilerplate(&t) {
                    continue;
                }
                // Above the article's first real paragraph: a section label or kicker
                // ("Kazakhstan", "Analysis") and the author's name alone are the page's
                // header, not text.
                if in_head && (is_label(&t) || meta.authors.iter().any(|a| key(a) == key(&t))) {
                    continue;
                }
                if kept.len() < 3
                    && let Some((authors, date)) = parse_byline(&t)
                {
                    if meta.authors.is_empty() {
                        meta.authors = authors;
                    }
                    meta.date = meta.date.take().or(date);
                    continue;
                }
                if kept.len() < 3
                    && let Some(d) = parse_date(&t)
                {
                    meta.date = meta.date.take().or(Some(d));
                    continue;
                }
            }
            Block::Heading(_) => {}
        }
        if let Block::Paragraph(lines) = &b
            && lines
                .iter()
                .map(|l| l.split_whitespace().count())
                .sum::<usize>()
                >= 8
        {
            in_head = false;
        }
        kept.push(b);
    }
    // The author's note under the story ("Giorgi Beridze is a senior fellow…").
    while let Some(Block::Paragraph(lines)) = kept.last() {
        let read_some = kept.len() > 1;
        if !(read_some && is_author_note(&lines.join(" "), &meta.authors)) {
            break;
        }
        kept.pop();
    }
    if !kept.iter().any(|b| matches!(b, Block::Paragraph(_))) {
        return Err(ImportError::Empty {
            file: file.to_string(),
            format: "web page",
        });
    }
    Ok(ReadOutcome {
        raw: RawDocument {
            name: file_name(file),
            source: file.to_string(),
            meta,
            body: Body::Blocks(kept),
        },
        warnings,
    })
}

/// The outlet a page's `<title>` adds after the headline: "Headline | Outlet" → "Outlet"
/// (at most six words, and only when what comes before is the headline).
pub(super) fn title_suffix(page_title: &str, headline: &str) -> Option<String> {
    let t = page_title.trim();
    [" | ", " — ", " – ", " - ", " · ", " :: "]
        .iter()
        .find_map(|sep| {
            let (head, tail) = t.rsplit_once(sep)?;
            let tail = tail.trim();
            (key(head) == key(headline) && !tail.is_empty() && tail.split_whitespace().count() <= 6)
                .then(|| tail.to_string())
        })
}

/// A label rather than a sentence: at most three words, no sentence's end.
fn is_label(t: &str) -> bool {
    let t = t.trim();
    t.split_whitespace().count() <= 3
        && t.chars().count() <= 40
        && !t.ends_with(['.', '!', '?', ':', ';', '"', '\u{201d}', '\u{2026}'])
}

fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A news agency's credit line under a story: "With reporting by Reuters", "(Reporting by
/// A; Editing by B)", "Additional reporting by C." — not a sentence of the story.
fn is_credit_line(lower: &str, words: usize) -> bool {
    let l = lower.trim_start_matches('(');
    let credited = [
        "with reporting by",
        "additional reporting by",
        "with additional reporting",
    ]
    .iter()
    .any(|p| l.starts_with(p));
    let agency = ["reporting by", "editing by", "writing by", "compiled by"]
        .iter()
        .any(|p| l.starts_with(p))
        && (l.contains(';') || !l.trim_end_matches(')').ends_with('.'));
    words <= 12 && (credited || agency)
}

/// Short lines of page furniture that readability keeps (and a browser prints).
pub(super) fn is_boilerplate(t: &str) -> bool {
    let lower = t.to_lowercase();
    let words = lower.split_whitespace().count();
    if is_credit_line(&lower, words) || (words <= 16 && lower.contains("your inbox")) {
        return true;
    }
    words <= 14
        && [
            "advertisement",
            "we use cookies",
            "accept cookies",
            "related:",
            "related articles",
            "read more",
            "read also",
            "also read",
            "see also",
            "you may also like",
            "recommended",
            "most read",
            "читайте также",
            "смотрите также",
            "подписывайтесь",
            "реклама",
            "ayrıca okuyun",
            "ilgili haberler",
            "reklam",
            "more from",
            "follow us",
            "share on",
            "share this",
            "sign up",
            "subscribe",
            "all rights reserved",
            "tags:",
            "filed under",
            "share:",
            "copyright",
            "©",
        ]
        .iter()
        .any(|p| lower.starts_with(p) || (words <= 4 && lower.contains(p)))
}

/// JSON-LD first, then Open Graph, `<meta>` names and `<time>`.
fn page_meta(dom: &Dom) -> PageMeta {
    let mut m = PageMeta::default();
    let scripts: Vec<Value> = dom
        .select("script[type='application/ld+json']")
        .iter()
        .filter_map(|script| serde_json::from_str::<Value>(script.text().trim()).ok())
        .collect();
    // Nodes by `@id` over every script: a graph (Yoast's, for one) names its authors and
    // publisher in nodes of their own that the article only points at.
    let mut ids = HashMap::new();
    for v in &scripts {
        index_ids(v, &mut ids, 0);
    }
    for v in &scripts {
        let mut found = Vec::new();
        articles(v, &mut found, 0);
        for a in found {
            merge_json_ld(&mut m, a, &ids);
        }
    }
    let meta = |sel: &str| -> Vec<String> {
        dom.select(sel)
            .iter()
            .filter_map(|s| s.attr("content").map(|c| c.trim().to_string()))
            .filter(|c| !c.is_empty())
            .collect()
    };
    let first = |sels: &[&str]| sels.iter().find_map(|s| meta(s).into_iter().next());
    if m.title.is_none() {
        m.title = first(&[
            "meta[name='citation_title']",
            "meta[property='og:title']",
            "meta[name='twitter:title']",
            "meta[name='dc.title' i]",
        ]);
    }
    if m.outlet.is_none() {
        m.outlet = first(&[
            "meta[property='og:site_name']",
            "meta[name='citation_journal_title']",
            "meta[name='application-name']",
        ]);
    }
    if m.authors.is_empty() {
        let cited = meta("meta[name='citation_author']");
        m.authors = if !cited.is_empty() {
            cited
        } else {
            // Every value of the first kind of tag the page has: one `author` tag per
            // author (pandoc, many CMSs) names them all.
            let mut names: Vec<String> = Vec::new();
            let tags = [
                "meta[name='author']",
                "meta[property='article:author']",
                "meta[name='dc.creator' i]",
                "meta[name='parsely-author']",
                "meta[name='sailthru.author']",
            ];
            let values = tags.iter().map(|s| meta(s)).find(|v| !v.is_empty());
            for value in values.iter().flatten().filter(|a| !a.starts_with("http")) {
                for name in split_authors(value) {
                    if !names.contains(&name) {
                        names.push(name);
                    }
                }
            }
            names
        };
    }
    if m.date.is_none() {
        m.date = [
            "meta[property='article:published_time']",
            "meta[name='citation_publication_date']",
            "meta[name='dc.date' i]",
            "meta[name='date']",
            "meta[itemprop='datePublished']",
        ]
        .iter()
        .flat_map(|s| meta(s))
        .find_map(|d| parse_date(&d))
        .or_else(|| {
            dom.select("time[datetime]")
                .iter()
                .find_map(|t| t.attr("datetime").and_then(|d| parse_date(&d)))
        })
        .or_else(|| {
            // A date printed on the page: "12 October 2023" in a `<time>` or in an element
            // whose class names a date ("field-date", "post-date", "published").
            dom.select(
                "time, [itemprop='datePublished'], [class*='date' i], [class*='published' i]",
            )
            .iter()
            .map(|n| n.text().to_string())
            .filter(|t| t.split_whitespace().count() <= 8)
            .find_map(|t| crate::import::meta::date_in_label(&t))
        });
    }
    m
}

const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "BlogPosting",
    "Report",
    "ScholarlyArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "WebPage",
];

/// Article objects anywhere in a JSON-LD value (arrays, `@graph`), articles before pages.
fn articles<'a>(v: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| articles(i, out, depth + 1)),
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                articles(g, out, depth + 1);
            }
            let types: Vec<&str> = match o.get("@type") {
                Some(Value::String(s)) => vec![s.as_str()],
                Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            if types
                .iter()
                .any(|t| ARTICLE_TYPES.contains(t) && *t != "WebPage")
            {
                out.insert(0, v);
            } else if types.contains(&"WebPage") {
                out.push(v);
            }
        }
        _ => {}
    }
}

/// JSON-LD nodes by their `@id`, found anywhere in `v`.
fn index_ids<'a>(v: &'a Value, ids: &mut HashMap<&'a str, &'a Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| index_ids(i, ids, depth + 1)),
        Value::Object(o) => {
            if let Some(Value::String(id)) = o.get("@id")
                && o.len() > 1
            {
                ids.entry(id.as_str()).or_insert(v);
            }
            o.values().for_each(|i| index_ids(i, ids, depth + 1));
        }
        _ => {}
    }
}

/// A node itself, or the node its bare `{"@id": …}` reference points at.
fn resolve<'a>(v: &'a Value, ids: &HashMap<&str, &'a Value>) -> &'a Value {
    match v.get("@id").and_then(Value::as_str) {
        Some(id) if v.get("name").is_none() => ids.get(id).copied().unwrap_or(v),
        _ => v,
    }
}

fn names(v: &Value, ids: &HashMap<&str, &Value>) -> Vec<String> {
    match v {
        Value::String(s) => split_authors(s),
        Value::Array(a) => a.iter().flat_map(|i| names(i, ids)).collect(),
        Value::Object(o) => match o.get("name") {
            Some(Value::String(s)) => split_authors(s),
            _ => match resolve(v, ids).get("name") {
                Some(Value::String(s)) => split_authors(s),
                _ => Vec::new(),
            },
        },
        _ => Vec::new(),
    }
}

fn merge_json_ld(m: &mut PageMeta, a: &Value, ids: &HashMap<&str, &Value>) {
    let s = |k: &str| {
        a.get(k)
            .and_then(Value::as_str)
            .map(|s| s.trim().to_string())
    };
    if m.title.is_none() {
        m.title = s("headline")
            .or_else(|| s("name"))
            .filter(|t| !t.is_empty());
    }
    if m.authors.is_empty()
        && let Some(au) = a.get("author").or_else(|| a.get("creator"))
    {
        m.authors = names(au, ids)
            .into_iter()
            .filter(|n| !n.starts_with("http"))
            .collect();
    }
    if m.date.is_none() {
        m.date = s("datePublished")
            .or_else(|| s("dateCreated"))
            .and_then(|d| parse_date(&d));
    }
    if m.outlet.is_none() {
        m.outlet = a
            .get("publisher")
            .or_else(|| a.get("isPartOf"))
            .and_then(|p| resolve(p, ids).get("name"))
            .and_then(Value::as_str)
            .map(str::to_string);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_in_a_graph_gives_the_metadata() {
        let html = r#"<html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},
            {"@type":"NewsArticle","headline":"Ports and Power","datePublished":"2025-10-03T08:00:00Z",
             "author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Kim"}],
             "publisher":{"@type":"Organization","name":"Caspian Review"}}]}
            </script></head><body></body></html>"#;
        let m = page_meta(&Dom::from(html));
        assert_eq!(m.title.as_deref(), Some("Ports and Power"));
        assert_eq!(m.authors, ["Ann Lee", "Bo Kim"]);
        assert_eq!(m.date.as_deref(), Some("2025-10-03"));
        assert_eq!(m.outlet.as_deref(), Some("Caspian Review"));
    }

    #[test]
    fn json_ld_references_by_id_are_followed() {
        // Yoast's graph: the article points at its authors and publisher by `@id`, and the
        // nodes that name them may come in another script.
        let html = r#"<html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[
             {"@type":"Article","@id":"https://x/a/#article","headline":"Transit deal",
              "author":[{"@id":"https://x/#/person/1"},{"@id":"https://x/#/person/2"}],
              "publisher":{"@id":"https://x/#org"}},
             {"@type":"Organization","@id":"https://x/#org","name":"Monitor"},
             {"@type":"Person","@id":"https://x/#/person/1","name":"Lilit Hovhannisyan"}]}
            </script><script type="application/ld+json">
            {"@type":"Person","@id":"https://x/#/person/2","name":"Orkhan Mammadov"}
            </script></head><body></body></html>"#;
        let m = page_meta(&Dom::from(html));
        assert_eq!(m.authors, ["Lilit Hovhannisyan", "Orkhan Mammadov"]);
        assert_eq!(m.outlet.as_deref(), Some("Monitor"));
    }

    #[test]
    fn open_graph_and_meta_fill_in() {
        let html = r#"<html><head><meta property="og:title" content="Ferries | Review">
            <meta property="og:site_name" content="Review"><meta name="author" content="Arman Seitkali">
            </head><body><time datetime="2024-03-14">14 March</time></body></html>"#;
        let m = page_meta(&Dom::from(html));
        assert_eq!(m.title.as_deref(), Some("Ferries | Review"));
        assert_eq!(m.authors, ["Arman Seitkali"]);
        assert_eq!(m.date.as_deref(), Some("2024-03-14"));
        assert!(is_boilerplate("Advertisement"));
        assert!(!is_boilerplate(
            "The pipeline carries oil from Baku to Ceyhan."
        ));
        for credit in [
            "With reporting by Reuters",
            "(Reporting by Nailia Bagirova; Editing by Mark Potter)",
            "Additional reporting by Giorgi Lomsadze in Tbilisi.",
        ] {
            assert!(is_boilerplate(credit), "{credit}");
        }
        assert!(!is_boilerplate(
            "Reporting by local journalists showed the deal had collapsed."
        ));
    }
}
