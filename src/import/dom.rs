//! An HTML/XHTML tree to blocks (headings, paragraphs), shared by the web-page and EPUB
//! readers: scripts, styles, navigation, asides, forms, figures and captions left out, and
//! elements whose class or id says share bar, newsletter, cookie banner, related links…

use dom_query::{Document, NodeRef};

use crate::corpus::Block;

/// Elements whose content is never running text.
const SKIP: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "aside",
    "footer",
    "form",
    "button",
    "figure",
    "figcaption",
    "svg",
    "iframe",
    "template",
    "select",
    "input",
    "textarea",
    "label",
    "header",
    "menu",
    "object",
    "video",
    "audio",
    "canvas",
    "map",
    "head",
    "title",
    "sup",
];

/// Class or id fragments of page furniture.
const JUNK: &[&str] = &[
    "share",
    "social",
    "newsletter",
    "subscribe",
    "signup",
    "sign-up",
    "cookie",
    "consent",
    "related",
    "recommend",
    "promo",
    "advert",
    "banner",
    "caption",
    "breadcrumb",
    "comments",
    "byline",
    "author-bio",
    "tags",
    "paywall",
    "popup",
    "modal",
    "sidebar",
    "footer",
    "nav",
    "read-more",
    "more-stories",
];

const BLOCKS: &[&str] = &[
    "p",
    "li",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "td",
    "th",
    "div",
    "section",
    "article",
    "main",
    "ul",
    "ol",
    "dl",
    "table",
    "tbody",
    "thead",
    "tr",
    "body",
    "html",
    "center",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "br",
];

/// `epub:type` and `role` values of what is not running text.
const SEMANTIC_JUNK: &[&str] = &[
    "noteref",
    "footnote",
    "footnotes",
    "endnote",
    "endnotes",
    "rearnote",
    "rearnotes",
    "doc-noteref",
    "doc-footnote",
    "doc-endnote",
    "doc-endnotes",
    "doc-toc",
    "doc-pagebreak",
    "pagebreak",
    "toc",
    "landmarks",
    "cover",
    "titlepage",
    "copyright-page",
];

/// Selectors of furniture removed before readability runs.
pub const JUNK_SELECTOR: &str = "script, style, noscript, nav, aside, footer, form, button, \
    figcaption, [class*=share], [class*=social], [class*=newsletter], [class*=subscribe], \
    [class*=cookie], [id*=cookie], [class*=consent], [class*=related], [class*=promo], \
    [class*=advert], [class*=caption], [class*=breadcrumb], [class*=paywall], [class*=popup], \
    [id*=newsletter], [id*=related], [role=navigation], [role=complementary], [aria-hidden=true], \
    [class*=author-bio], [class*=about-author], [class*=standfirst], [class*=kicker], \
    [class*=field-subtitle], [class~=dek], [class*=article-dek], [class*=subheadline], \
    [class*=most-read], [class*=ad-slot], [class*=read-more], [class*=ticker], [class*=comments], \
    [id*=comments], [class*=tags], [role=dialog]";

fn name_of(n: &NodeRef<'_>) -> String {
    n.node_name().map(|s| s.to_lowercase()).unwrap_or_default()
}

fn is_junk(n: &NodeRef<'_>) -> bool {
    let name = name_of(n);
    if SKIP.contains(&name.as_str()) {
        return true;
    }
    if matches!(name.as_str(), "body" | "html" | "main" | "article") {
        return false;
    }
    // Notes and their markers, a book's table of contents, cover and copyright page, by their
    // EPUB or ARIA semantics; a superscript link is a note marker ("Aral Sea.<sup><a
    // href="#n1">1</a></sup>").
    let semantics = format!(
        "{} {}",
        n.attr("epub:type").unwrap_or_default(),
        n.attr("role").unwrap_or_default()
    )
    .to_lowercase();
    if semantics
        .split_whitespace()
        .any(|s| SEMANTIC_JUNK.contains(&s))
    {
        return true;
    }
    if name == "sup" && n.element_children().iter().any(|c| name_of(c) == "a") {
        return true;
    }
    let marks = format!(
        "{} {}",
        n.class().map(|c| c.to_lowercase()).unwrap_or_default(),
        n.id_attr().map(|c| c.to_lowercase()).unwrap_or_default()
    );
    !marks.trim().is_empty() && JUNK.iter().any(|j| marks.contains(j))
}

fn has_block_child(n: &NodeRef<'_>) -> bool {
    n.element_children().iter().any(|c| {
        let name = name_of(c);
        BLOCKS.contains(&name.as_str()) && name != "br"
    })
}

/// The text of a node: text nodes joined, `<br>` and block boundaries as spaces, skipped
/// elements left out, white space collapsed.
pub fn text_of(n: &NodeRef<'_>) -> String {
    let mut out = String::new();
    collect_text(n, &mut out, 0);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn collect_text(n: &NodeRef<'_>, out: &mut String, depth: usize) {
    if depth > 256 {
        return;
    }
    for c in n.children() {
        if c.is_text() {
            out.push_str(&c.text());
        } else if c.is_element() {
            let name = name_of(&c);
            if name == "br" {
                out.push(' ');
            } else if !is_junk(&c) {
                let block = BLOCKS.contains(&name.as_str());
                if block {
                    out.push(' ');
                }
                collect_text(&c, out, depth + 1);
                if block {
                    out.push(' ');
                }
            }
        }
    }
}

/// Headings and paragraphs of `doc`'s body (or of the whole tree), in document order.
pub fn blocks_of(doc: &Document) -> Vec<Block> {
    let mut out = Vec::new();
    let root = doc.select("body");
    let roots: Vec<NodeRef<'_>> = if root.exists() {
        root.nodes().to_vec()
    } else {
        doc.select("html").nodes().to_vec()
    };
    for r in roots {
        walk(&r, &mut out, 0);
    }
    out
}

fn walk(n: &NodeRef<'_>, out: &mut Vec<Block>, depth: usize) {
    if depth > 256 {
        return;
    }
    for c in n.children() {
        if c.is_text() {
            // Loose text between blocks (a `div` holding text and paragraphs).
            let t = c.text().split_whitespace().collect::<Vec<_>>().join(" ");
            if t.chars().count() > 40 {
                out.push(Block::Paragraph(vec![t]));
            }
            continue;
        }
        if !c.is_element() || is_junk(&c) {
            continue;
        }
        let name = name_of(&c);
        match name.as_str() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let t = text_of(&c);
                if !t.is_empty() {
                    out.push(Block::Heading(t));
                }
            }
            _ if !has_block_child(&c) => {
                let t = text_of(&c);
                if !t.is_empty() {
                    out.push(Block::Paragraph(vec![t]));
                }
            }
            _ => walk(&c, out, depth + 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_is_left_out_and_order_kept() {
        let html = r#"<html><body><nav>Home | World</nav>
            <div class="share-bar">Share on X</div>
            <h1>Title</h1><p>First <b>para</b>graph<br>line two.</p>
            <figure><img src="x"><figcaption>A caption</figcaption></figure>
            <ul><li>One item</li><li><p>Two</p></li></ul>
            <script>var x = 1;</script><footer>© 2025</footer></body></html>"#;
        let doc = Document::from(html);
        let blocks = blocks_of(&doc);
        assert_eq!(
            blocks,
            vec![
                Block::Heading("Title".into()),
                Block::Paragraph(vec!["First paragraph line two.".into()]),
                Block::Paragraph(vec!["One item".into()]),
                Block::Paragraph(vec!["Two".into()]),
            ]
        );
    }
}
