//! Briefings: the chosen passages (of a feature, of a search; later of the reader's notes) as
//! Markdown or a standalone HTML page — quotations with their citations, grouped by document,
//! and the references at the end.

use super::cite::{Markup, html_escape, in_text, passage_citation, reference};
use super::{Chosen, Inputs, by_document, cited_documents};

/// What a briefing is about, for its title.
#[derive(Debug, Clone, PartialEq)]
pub enum Topic {
    /// The passages of a feature (its name).
    Feature(String),
    /// The passages of a search (the query).
    Search(String),
    /// Both.
    FeatureSearch(String, String),
    /// Every passage the filters keep.
    All,
}

impl Topic {
    pub fn title(&self) -> String {
        match self {
            Topic::Feature(name) => format!("Passages on {name}"),
            Topic::Search(q) => format!("Passages matching \u{201c}{q}\u{201d}"),
            Topic::FeatureSearch(name, q) => {
                format!("Passages on {name} matching \u{201c}{q}\u{201d}")
            }
            Topic::All => "Passages".to_string(),
        }
    }
}

/// Escape what Markdown would read as markup, so a quotation renders as the very text it
/// quotes, and no more: inline specials everywhere (`\\ ` * _ [ ] < > | ~`, `&` before a
/// name or `#`), and at the start of the text or of a line what would open a block (`#`, `+`,
/// `-`, `=`, "1." / "1)"). "Baku–Tbilisi–Ceyhan (BTC)" stays as it is.
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut line_start = true;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let inline = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~'
        ) || (c == '&' && next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'));
        let block = line_start && matches!(c, '#' | '+' | '-' | '=');
        if inline || block {
            out.push('\\');
        }
        out.push(c);
        if line_start && c.is_ascii_digit() {
            // "1. " or "1) " at a line's start opens a list: escape the dot or parenthesis.
            let mut digits = String::new();
            while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
                digits.push(d);
                chars.next();
            }
            out.push_str(&digits);
            if let Some(p) = chars.peek().copied().filter(|p| matches!(p, '.' | ')')) {
                chars.next();
                out.push('\\');
                out.push(p);
            }
            line_start = false;
            continue;
        }
        line_start = c == '\n' || (line_start && c == ' ');
    }
    out
}

/// The briefing in Markdown: a title, one section per document (title and byline), each
/// passage a block quote followed by its in-text citation and passage id; references last.
pub fn markdown(inputs: &Inputs, chosen: &Chosen, topic: &Topic) -> String {
    let groups = by_document(inputs, chosen);
    let mut out = format!("# {}\n\n", md_escape(&topic.title()));
    let n = chosen.passages.len();
    out.push_str(&format!(
        "{n} passage{} from {} document{}.\n\n",
        if n == 1 { "" } else { "s" },
        groups.len(),
        if groups.len() == 1 { "" } else { "s" }
    ));
    for (d, ps) in &groups {
        out.push_str(&format!("## {}\n\n", md_escape(&d.title)));
        let byline = d.byline_parts();
        if !byline.is_empty() {
            out.push_str(&format!("*{}*\n\n", md_escape(&byline.join(" \u{b7} "))));
        }
        for p in ps {
            for line in p.text.trim().lines() {
                out.push_str("> ");
                out.push_str(&md_escape(line.trim()));
                out.push('\n');
            }
            out.push_str(&format!(
                "\n{} \u{2014} `{}`\n\n",
                md_escape(&in_text(d, p)),
                p.id.replace('`', "'")
            ));
        }
    }
    let docs = cited_documents(inputs, chosen);
    if !docs.is_empty() {
        out.push_str("## References\n\n");
        for d in docs {
            // Escape the text, then the outlet's italics (written by the citation) stay.
            out.push_str(&format!("- {}\n", md_reference(d)));
        }
    }
    out
}

/// A reference entry in Markdown: everything escaped except the outlet's emphasis.
fn md_reference(d: &crate::corpus::Document) -> String {
    let plain = reference(d, Markup::Plain);
    let marked = reference(d, Markup::Markdown);
    if plain == marked {
        return md_escape(&plain);
    }
    // The only difference is `*outlet*`: escape around it.
    let outlet = d.outlet.trim().trim_end_matches('.');
    match plain.split_once(outlet) {
        Some((before, after)) => format!(
            "{}*{}*{}",
            md_escape(before),
            md_escape(outlet),
            md_escape(after)
        ),
        None => md_escape(&plain),
    }
}

/// The briefing as a standalone HTML5 page (UTF-8, inline style, everything escaped):
/// `<section>` per document, `<blockquote cite=…>` per passage with a `<cite>` citation.
pub fn html(inputs: &Inputs, chosen: &Chosen, topic: &Topic) -> String {
    let groups = by_document(inputs, chosen);
    let title = html_escape(&topic.title());
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(&format!("<title>{title}</title>\n"));
    out.push_str(
        "<style>body{font-family:Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;\
         line-height:1.5;color:#222}blockquote{margin:1em 0 .3em;padding-left:1em;\
         border-left:3px solid #c8b89a}p.cite{margin:0 0 1.2em;font-size:.9em;color:#555}\
         .byline{color:#555}li{margin-bottom:.5em}</style>\n</head>\n<body>\n",
    );
    out.push_str(&format!("<h1>{title}</h1>\n"));
    let n = chosen.passages.len();
    out.push_str(&format!(
        "<p>{n} passage{} from {} document{}.</p>\n",
        if n == 1 { "" } else { "s" },
        groups.len(),
        if groups.len() == 1 { "" } else { "s" }
    ));
    for (d, ps) in &groups {
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
        for p in ps {
            let url = super::cite::url_in(&d.source);
            let cite_attr = url
                .map(|u| format!(" cite=\"{}\"", html_escape(&u)))
                .unwrap_or_default();
            out.push_str(&format!(
                "<blockquote id=\"{}\"{cite_attr}><p>{}</p></blockquote>\n",
                html_escape(&p.id),
                html_escape(p.text.trim())
            ));
            out.push_str(&format!(
                "<p class=\"cite\"><cite>{}</cite> \u{2014} <code>{}</code></p>\n",
                html_escape(&in_text(d, p)),
                html_escape(&p.id)
            ));
        }
        out.push_str("</section>\n");
    }
    let docs = cited_documents(inputs, chosen);
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

/// The stable citation of every chosen passage, one per line (plain text).
pub fn citations(inputs: &Inputs, chosen: &Chosen) -> String {
    let mut out = String::new();
    for (d, ps) in by_document(inputs, chosen) {
        for p in ps {
            out.push_str(&passage_citation(d, p, Markup::Plain));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{Filter, Selection, choose, fixture};

    #[test]
    fn markdown_escapes_and_groups() {
        let fx = fixture::fx();
        let inp = fx.inputs();
        let sel = Selection {
            feature: Some("baku".into()),
            query: None,
        };
        let Ok(ch) = choose(&inp, &Filter::default(), &sel) else {
            panic!("baku is a feature");
        };
        let md = markdown(&inp, &ch, &Topic::Feature("Baku".into()));
        assert!(md.starts_with("# Passages on Baku\n\n2 passages from 2 documents."));
        assert!(
            md.contains("> Baku and Armenia met \\<at\\> the table & talked."),
            "{md}"
        );
        assert!(md.contains("## References"));
        let h = html(&inp, &ch, &Topic::Feature("Baku".into()));
        assert!(h.contains("met &lt;at&gt; the table &amp; talked."));
        assert!(h.contains("said &quot;no&quot; in Baku."));
        assert_eq!(citations(&inp, &ch).lines().count(), 2);
    }

    /// The text Markdown renders from `md` (a paragraph inside a block quote).
    fn rendered(md: &str) -> String {
        use pulldown_cmark::{Event, Parser};
        let mut out = String::new();
        for ev in Parser::new(&format!("> {md}")) {
            match ev {
                Event::Text(t) | Event::Code(t) => out.push_str(&t),
                Event::SoftBreak | Event::HardBreak => out.push('\n'),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn escaped_text_renders_as_itself_and_reads_plainly() {
        for s in [
            "Baku\u{2013}Tbilisi\u{2013}Ceyhan (BTC) carried 1.2 mb/d!",
            "- not a list",
            "# not a heading",
            "2021. Not a list either",
            "a *b* _c_ `d` [e](f) <g> h|i ~~j~~ &amp; k & l \\ m",
            "+ plus = equals",
            "line one\n- line two\n3) three",
        ] {
            assert_eq!(rendered(&md_escape(s)), s, "{s:?} as {:?}", md_escape(s));
        }
        assert_eq!(
            md_escape("Baku-Tbilisi-Ceyhan (BTC)!"),
            "Baku-Tbilisi-Ceyhan (BTC)!"
        );
    }
}
