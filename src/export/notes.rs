//! The reader's notes as a briefing: Markdown, a standalone HTML page (note bodies rendered
//! from Markdown, raw HTML escaped) or JSON — each highlight with its quote and citation,
//! grouped by document, notes on places after them, notes that can no longer be placed last
//! (never dropped), and the references.

use std::collections::HashMap;

use serde::Serialize;

use super::briefing::md_escape;
use super::cite::{Markup, html_escape, in_text, passage_citation, reference};
use super::{Chosen, Inputs};
use crate::corpus::anchor::Anchor;
use crate::corpus::{Document, Passage};
use crate::library::notes::{Note, Target};

/// A note found in the inputs.
#[derive(Debug, Clone, Copy)]
pub struct Placed<'a> {
    pub note: &'a Note,
    /// The passage it is on (index into `Inputs::passages`), if found.
    pub passage: Option<usize>,
    /// The highlight's byte span in that passage, if it is a highlight that was found.
    pub span: Option<(usize, usize)>,
    /// The feature it is on (index into `Inputs::features`), for a note on a place.
    pub feature: Option<usize>,
}

impl Placed<'_> {
    /// Whether the note is where it belongs (its passage and, for a highlight, its words).
    pub fn is_placed(&self) -> bool {
        match self.note.target {
            Target::Feature => self.feature.is_some(),
            Target::Passage => self.passage.is_some(),
            Target::Highlight => self.span.is_some(),
        }
    }
}

/// Find each note in the inputs (a highlight by its quote and context).
pub fn place<'a>(inputs: &Inputs, notes: &'a [Note]) -> Vec<Placed<'a>> {
    let passage_of: HashMap<&str, usize> = inputs
        .passages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    notes
        .iter()
        .map(|note| {
            let c = &note.content;
            let passage = c
                .passage
                .as_deref()
                .and_then(|p| passage_of.get(p).copied());
            let span = match (note.target, passage) {
                (Target::Highlight, Some(pi)) => inputs.passages.get(pi).and_then(|p| {
                    Anchor {
                        quote: c.quote.clone(),
                        prefix: c.prefix.clone(),
                        suffix: c.suffix.clone(),
                        start: 0,
                    }
                    .locate(&p.text)
                    .map(|found| found.span())
                }),
                _ => None,
            };
            let feature = c
                .feature
                .as_deref()
                .and_then(|f| inputs.features.iter().position(|x| x.id == f));
            Placed {
                note,
                passage,
                span,
                feature,
            }
        })
        .collect()
}

/// The notes an export keeps: notes on the chosen passages, notes on places (only the
/// selection's feature when there is one), and every note that cannot be placed.
pub fn keep<'a>(placed: Vec<Placed<'a>>, chosen: &Chosen) -> Vec<Placed<'a>> {
    placed
        .into_iter()
        .filter(|p| {
            if !p.is_placed() {
                return true;
            }
            match p.note.target {
                Target::Feature => chosen.feature.is_none() || chosen.feature == p.feature,
                Target::Passage | Target::Highlight => {
                    p.passage.is_some_and(|i| chosen.passages.contains(&i))
                }
            }
        })
        .collect()
}

/// The passages the kept notes are on, in reading order (for the references and the
/// bibliography formats).
pub fn chosen_of(inputs: &Inputs, notes: &[Placed]) -> Chosen {
    let mut passages: Vec<usize> = notes
        .iter()
        .filter(|p| p.is_placed())
        .filter_map(|p| p.passage)
        .collect();
    passages.sort_by_key(|&i| {
        let p = inputs.passages.get(i);
        let d = p.and_then(|p| inputs.documents.iter().position(|d| d.id == p.document));
        (d, p.map(|p| p.index))
    });
    passages.dedup();
    Chosen {
        passages,
        feature: None,
    }
}

/// The notes in the order a briefing gives them: by document (corpus order), passage and
/// place in it; then notes on places (by name); then those that cannot be placed.
struct Sections<'n, 'a> {
    documents: Vec<(&'a Document, Vec<&'n Placed<'n>>)>,
    places: Vec<&'n Placed<'n>>,
    lost: Vec<&'n Placed<'n>>,
}

fn sections<'n, 'a>(inputs: &Inputs<'a>, notes: &'n [Placed<'n>]) -> Sections<'n, 'a> {
    let mut documents: Vec<(&'a Document, Vec<&'n Placed<'n>>)> = Vec::new();
    let mut places = Vec::new();
    let mut lost = Vec::new();
    for n in notes {
        if !n.is_placed() {
            lost.push(n);
            continue;
        }
        if n.note.target == Target::Feature {
            places.push(n);
            continue;
        }
        let Some(p) = n.passage.and_then(|i| inputs.passages.get(i)) else {
            lost.push(n);
            continue;
        };
        let Some(d) = inputs.document_of(p) else {
            lost.push(n);
            continue;
        };
        match documents.iter_mut().find(|(x, _)| x.id == d.id) {
            Some((_, v)) => v.push(n),
            None => documents.push((d, vec![n])),
        }
    }
    let doc_order = |d: &Document| inputs.documents.iter().position(|x| x.id == d.id);
    documents.sort_by_key(|(d, _)| doc_order(d));
    for (_, v) in &mut documents {
        v.sort_by_key(|n| {
            let index = n
                .passage
                .and_then(|i| inputs.passages.get(i))
                .map(|p| p.index);
            (index, n.span.map(|s| s.0), n.note.id)
        });
    }
    let name = |n: &Placed| {
        n.feature
            .and_then(|f| inputs.features.get(f))
            .map(|f| f.name.clone())
    };
    places.sort_by_key(|n| (name(n), n.note.id));
    Sections {
        documents,
        places,
        lost,
    }
}

fn passage_of<'a>(inputs: &Inputs<'a>, n: &Placed) -> Option<&'a Passage> {
    n.passage.and_then(|i| inputs.passages.get(i))
}

/// What a note quotes: a highlight's words, or a passage note's whole passage.
fn quoted(inputs: &Inputs, n: &Placed) -> String {
    match n.note.target {
        Target::Highlight => n.note.content.quote.clone(),
        Target::Passage => passage_of(inputs, n).map_or_else(String::new, |p| p.text.clone()),
        Target::Feature => String::new(),
    }
}

fn summary(notes: &[Placed], documents: usize) -> String {
    let n = notes.len();
    let highlights = notes
        .iter()
        .filter(|p| p.note.target == Target::Highlight)
        .count();
    format!(
        "{n} note{} ({highlights} highlight{}) on {documents} document{}.",
        plural(n),
        plural(highlights),
        plural(documents)
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The notes briefing in Markdown. Note bodies are the reader's Markdown, given as written.
pub fn markdown(inputs: &Inputs, notes: &[Placed]) -> String {
    let s = sections(inputs, notes);
    let mut out = String::from("# Notes\n\n");
    out.push_str(&summary(notes, s.documents.len()));
    out.push_str("\n\n");
    let body = |out: &mut String, n: &Placed| {
        let b = n.note.content.body.trim();
        if !b.is_empty() {
            out.push_str(b);
            out.push_str("\n\n");
        }
    };
    let quote = |out: &mut String, text: &str| {
        for line in text.trim().lines() {
            out.push_str("> ");
            out.push_str(&md_escape(line.trim()));
            out.push('\n');
        }
        out.push('\n');
    };
    for (d, ns) in &s.documents {
        out.push_str(&format!("## {}\n\n", md_escape(&d.title)));
        let byline = d.byline_parts();
        if !byline.is_empty() {
            out.push_str(&format!("*{}*\n\n", md_escape(&byline.join(" \u{b7} "))));
        }
        for n in ns {
            let Some(p) = passage_of(inputs, n) else {
                continue;
            };
            quote(&mut out, &quoted(inputs, n));
            out.push_str(&format!(
                "{} \u{2014} `{}`\n\n",
                md_escape(&in_text(d, p)),
                p.id.replace('`', "'")
            ));
            body(&mut out, n);
        }
    }
    if !s.places.is_empty() {
        out.push_str("## Notes on places\n\n");
        for n in &s.places {
            let name = n
                .feature
                .and_then(|f| inputs.features.get(f))
                .map_or("", |f| f.name.as_str());
            out.push_str(&format!("### {}\n\n", md_escape(name)));
            body(&mut out, n);
        }
    }
    if !s.lost.is_empty() {
        out.push_str("## Could not be placed\n\n");
        out.push_str("Their words are no longer in the text they were made on.\n\n");
        for n in &s.lost {
            let c = &n.note.content;
            if !c.quote.is_empty() {
                quote(&mut out, &c.quote);
            }
            let on = c.passage.clone().or_else(|| c.feature.clone());
            out.push_str(&format!(
                "On `{}`\n\n",
                on.unwrap_or_default().replace('`', "'")
            ));
            body(&mut out, n);
        }
    }
    let docs: Vec<&Document> = s.documents.iter().map(|(d, _)| *d).collect();
    if !docs.is_empty() {
        out.push_str("## References\n\n");
        for d in docs {
            out.push_str(&format!("- {}\n", md_escape(&reference(d, Markup::Plain))));
        }
    }
    out
}

/// A note's Markdown body as HTML; raw HTML in it is shown as text, never passed through.
pub fn body_html(body: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser};
    let events = Parser::new_ext(body, Options::ENABLE_STRIKETHROUGH).map(|e| match e {
        Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
        other => other,
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

/// The notes briefing as a standalone HTML page.
pub fn html(inputs: &Inputs, notes: &[Placed]) -> String {
    let s = sections(inputs, notes);
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<title>Notes</title>\n");
    out.push_str(
        "<style>body{font-family:Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;\
         line-height:1.5;color:#222}blockquote{margin:1em 0 .3em;padding-left:1em;\
         border-left:3px solid #c8b89a}p.cite{margin:0 0 .6em;font-size:.9em;color:#555}\
         div.note{margin:0 0 1.4em;padding:.2em .8em;background:#faf7ef}\
         .byline{color:#555}li{margin-bottom:.5em}</style>\n</head>\n<body>\n<h1>Notes</h1>\n",
    );
    out.push_str(&format!(
        "<p>{}</p>\n",
        html_escape(&summary(notes, s.documents.len()))
    ));
    let body = |out: &mut String, n: &Placed| {
        let b = n.note.content.body.trim();
        if !b.is_empty() {
            out.push_str(&format!(
                "<div class=\"note\" id=\"note-{}\">\n{}</div>\n",
                n.note.id,
                body_html(b)
            ));
        }
    };
    for (d, ns) in &s.documents {
        out.push_str(&format!(
            "<section id=\"{}\">\n<h2>{}</h2>\n",
            html_escape(&d.id),
            html_escape(&d.title)
        ));
        let byline = d.byline_parts();
        if !byline.is_empty() {
            out.push_str(&format!(
                "<p class=\"byline\">{}</p>\n",
                html_escape(&byline.join(" \u{b7} "))
            ));
        }
        for n in ns {
            let Some(p) = passage_of(inputs, n) else {
                continue;
            };
            out.push_str(&format!(
                "<blockquote><p>{}</p></blockquote>\n<p class=\"cite\"><cite>{}</cite> \u{2014} \
                 <code>{}</code></p>\n",
                html_escape(quoted(inputs, n).trim()),
                html_escape(&in_text(d, p)),
                html_escape(&p.id)
            ));
            body(&mut out, n);
        }
        out.push_str("</section>\n");
    }
    if !s.places.is_empty() {
        out.push_str("<section id=\"places\">\n<h2>Notes on places</h2>\n");
        for n in &s.places {
            let name = n
                .feature
                .and_then(|f| inputs.features.get(f))
                .map_or("", |f| f.name.as_str());
            out.push_str(&format!("<h3>{}</h3>\n", html_escape(name)));
            body(&mut out, n);
        }
        out.push_str("</section>\n");
    }
    if !s.lost.is_empty() {
        out.push_str("<section id=\"unplaced\">\n<h2>Could not be placed</h2>\n");
        for n in &s.lost {
            let c = &n.note.content;
            if !c.quote.is_empty() {
                out.push_str(&format!(
                    "<blockquote><p>{}</p></blockquote>\n",
                    html_escape(&c.quote)
                ));
            }
            let on = c.passage.clone().or_else(|| c.feature.clone());
            out.push_str(&format!(
                "<p class=\"cite\">On <code>{}</code></p>\n",
                html_escape(&on.unwrap_or_default())
            ));
            body(&mut out, n);
        }
        out.push_str("</section>\n");
    }
    let docs: Vec<&Document> = s.documents.iter().map(|(d, _)| *d).collect();
    if !docs.is_empty() {
        out.push_str("<h2>References</h2>\n<ul class=\"references\">\n");
        for d in docs {
            out.push_str(&format!("<li>{}</li>\n", reference(d, Markup::Html)));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// One note in the JSON export.
#[derive(Debug, Serialize)]
pub struct NoteJson {
    pub id: i64,
    pub target: &'static str,
    pub passage: Option<String>,
    pub document: Option<String>,
    pub feature: Option<String>,
    pub feature_name: Option<String>,
    pub quote: String,
    /// The highlight's byte span in its passage's text, as found now.
    pub span: Option<(usize, usize)>,
    pub placed: bool,
    pub colour: String,
    /// Markdown.
    pub body: String,
    /// The passage's citation (Chicago author-date), if the note is on a passage.
    pub citation: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// The notes as JSON (an array, in briefing order).
pub fn json(inputs: &Inputs, notes: &[Placed]) -> Result<String, super::ExportError> {
    let s = sections(inputs, notes);
    let ordered = s
        .documents
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .chain(s.places.iter().copied())
        .chain(s.lost.iter().copied());
    let rows: Vec<NoteJson> = ordered
        .map(|n| {
            let c = &n.note.content;
            let p = passage_of(inputs, n);
            let d = p.and_then(|p| inputs.document_of(p));
            NoteJson {
                id: n.note.id,
                target: match n.note.target {
                    Target::Passage => "passage",
                    Target::Feature => "feature",
                    Target::Highlight => "highlight",
                },
                passage: c.passage.clone(),
                document: p.map(|p| p.document.clone()),
                feature: c.feature.clone(),
                feature_name: n
                    .feature
                    .and_then(|f| inputs.features.get(f))
                    .map(|f| f.name.clone()),
                quote: c.quote.clone(),
                span: n.span,
                placed: n.is_placed(),
                colour: c.colour.clone(),
                body: c.body.clone(),
                citation: p.zip(d).map(|(p, d)| passage_citation(d, p, Markup::Plain)),
                created_at: n.note.created_at.clone(),
                updated_at: n.note.updated_at.clone(),
            }
        })
        .collect();
    let mut out =
        serde_json::to_string_pretty(&rows).map_err(|source| super::ExportError::Json {
            what: "the notes",
            source,
        })?;
    out.push('\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture;
    use crate::library::notes::NoteContent;

    fn note(id: i64, target: Target, content: NoteContent) -> Note {
        Note {
            id,
            target,
            content,
            created_at: "2026-12-05T20:00:00Z".into(),
            updated_at: "2026-12-05T20:00:00Z".into(),
        }
    }

    #[test]
    fn highlights_are_placed_and_lost_ones_are_kept_last() {
        let fx = fixture::fx();
        let inp = fx.inputs();
        let Some(p) = inp.passages.first() else {
            panic!("the fixture has passages");
        };
        let words: Vec<&str> = p.text.split_whitespace().take(2).collect();
        let quote = words.join(" ");
        let notes = vec![
            note(
                1,
                Target::Highlight,
                NoteContent {
                    passage: Some(p.id.clone()),
                    quote: quote.clone(),
                    body: "Worth *checking*.".into(),
                    ..NoteContent::default()
                },
            ),
            note(
                2,
                Target::Highlight,
                NoteContent {
                    passage: Some(p.id.clone()),
                    quote: "words that are nowhere".into(),
                    body: "Lost <script>x</script>".into(),
                    ..NoteContent::default()
                },
            ),
        ];
        let placed = place(&inp, &notes);
        assert_eq!(placed.iter().filter(|p| p.is_placed()).count(), 1);
        let md = markdown(&inp, &placed);
        let lost_at = md.find("## Could not be placed");
        let first_at = md.find("Worth *checking*.");
        assert!(
            first_at.is_some() && lost_at.is_some() && first_at < lost_at,
            "{md}"
        );
        assert!(md.contains("words that are nowhere"));
        let h = html(&inp, &placed);
        assert!(h.contains("<em>checking</em>"));
        assert!(!h.contains("<script>"), "raw HTML is escaped: {h}");
    }
}
