//! A note's Markdown body drawn with egui widgets: parsed with `pulldown-cmark` into blocks of
//! styled runs (paragraphs, headings, lists, quotes, code; emphasis, strong, strikethrough,
//! inline code, links), then each block laid out as wrapped labels and hyperlinks. Raw HTML is
//! shown as text and images as a link to their address (nothing is fetched).

use egui::{RichText, Ui};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A piece of text with one style.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Run {
    pub text: String,
    pub strong: bool,
    pub emphasis: bool,
    pub strike: bool,
    pub code: bool,
    /// The link's address, when the run is (part of) a link.
    pub link: Option<String>,
}

/// What kind of block a line of runs is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    /// A heading of level 1–6.
    Heading(u8),
    /// A fenced or indented code block.
    Code,
    /// A thematic break.
    Rule,
}

/// One block: its kind, nesting (list and quote depth), a list marker, its runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    pub indent: usize,
    pub quote: bool,
    /// "•" or "3." for a list item's first block.
    pub marker: Option<String>,
    pub runs: Vec<Run>,
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    current: Option<Block>,
    style: Run,
    /// Open lists: the next number of an ordered one.
    lists: Vec<Option<u64>>,
    quotes: usize,
    marker: Option<String>,
}

impl Builder {
    fn start(&mut self, kind: BlockKind) {
        self.finish();
        self.current = Some(Block {
            kind,
            indent: self.lists.len(),
            quote: self.quotes > 0,
            marker: self.marker.take(),
            runs: Vec::new(),
        });
    }

    fn finish(&mut self) {
        if let Some(b) = self.current.take()
            && (!b.runs.is_empty() || b.kind == BlockKind::Rule)
        {
            self.blocks.push(b);
        }
    }

    fn text(&mut self, text: &str, code: bool) {
        if self.current.is_none() {
            self.start(BlockKind::Paragraph);
        }
        let run = Run {
            text: text.to_string(),
            code: code || self.style.code,
            ..self.style.clone()
        };
        if let Some(b) = self.current.as_mut() {
            match b.runs.last_mut() {
                Some(last) if same_style(last, &run) => last.text.push_str(&run.text),
                _ => b.runs.push(run),
            }
        }
    }
}

fn same_style(a: &Run, b: &Run) -> bool {
    (a.strong, a.emphasis, a.strike, a.code, &a.link)
        == (b.strong, b.emphasis, b.strike, b.code, &b.link)
}

/// Parse a Markdown body into blocks.
pub fn blocks(body: &str) -> Vec<Block> {
    let mut b = Builder::default();
    for event in Parser::new_ext(body, Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => b.start(BlockKind::Paragraph),
                Tag::Heading { level, .. } => b.start(BlockKind::Heading(level_number(level))),
                Tag::CodeBlock(_) => b.start(BlockKind::Code),
                Tag::BlockQuote(_) => {
                    b.finish();
                    b.quotes += 1;
                }
                Tag::List(first) => {
                    b.finish();
                    b.lists.push(first);
                }
                Tag::Item => {
                    b.finish();
                    let marker = match b.lists.last_mut() {
                        Some(Some(n)) => {
                            let m = format!("{n}.");
                            *n += 1;
                            m
                        }
                        _ => "\u{2022}".to_string(),
                    };
                    b.marker = Some(marker);
                }
                Tag::Emphasis => b.style.emphasis = true,
                Tag::Strong => b.style.strong = true,
                Tag::Strikethrough => b.style.strike = true,
                Tag::Link { dest_url, .. } => b.style.link = Some(dest_url.to_string()),
                Tag::Image { dest_url, .. } => {
                    b.style.link = Some(dest_url.to_string());
                    b.text("[image: ", false);
                }
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Item => {
                    b.finish();
                }
                TagEnd::BlockQuote(_) => {
                    b.finish();
                    b.quotes = b.quotes.saturating_sub(1);
                }
                TagEnd::List(_) => {
                    b.finish();
                    b.lists.pop();
                }
                TagEnd::Emphasis => b.style.emphasis = false,
                TagEnd::Strong => b.style.strong = false,
                TagEnd::Strikethrough => b.style.strike = false,
                TagEnd::Link => b.style.link = None,
                TagEnd::Image => {
                    b.text("]", false);
                    b.style.link = None;
                }
                _ => {}
            },
            Event::Text(t) => b.text(&t, false),
            Event::Code(t) => b.text(&t, true),
            Event::Html(t) | Event::InlineHtml(t) => b.text(&t, false),
            Event::SoftBreak => b.text(" ", false),
            Event::HardBreak => {
                let kind = b.current.as_ref().map_or(BlockKind::Paragraph, |c| c.kind);
                b.start(kind);
            }
            Event::Rule => {
                b.start(BlockKind::Rule);
                b.finish();
            }
            Event::TaskListMarker(done) => b.text(if done { "[x] " } else { "[ ] " }, false),
            _ => {}
        }
    }
    b.finish();
    b.blocks
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn rich(run: &Run, kind: BlockKind, quote: bool) -> RichText {
    let mut t = RichText::new(run.text.trim_end_matches('\n'));
    if run.strong || matches!(kind, BlockKind::Heading(_)) {
        t = t.strong();
    }
    if let BlockKind::Heading(level) = kind {
        t = t.size(match level {
            1 => 20.0,
            2 => 17.0,
            _ => 15.0,
        });
    }
    if run.emphasis {
        t = t.italics();
    }
    if run.strike {
        t = t.strikethrough();
    }
    if run.code || kind == BlockKind::Code {
        t = t.code();
    }
    if quote {
        t = t.weak();
    }
    t
}

/// Draw `body` as Markdown; `id` keeps two notes' widgets apart.
pub fn show(ui: &mut Ui, id: i64, body: &str) {
    ui.push_id(("note-markdown", id), |ui| {
        for block in blocks(body) {
            if block.kind == BlockKind::Rule {
                ui.separator();
                continue;
            }
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing.x = 0.0;
                let indent = block.indent as f32 * 14.0 + if block.quote { 10.0 } else { 0.0 };
                if indent > 0.0 {
                    ui.add_space(indent);
                }
                if let Some(m) = &block.marker {
                    ui.label(super::text::shown(ui, &format!("{m} ")));
                }
                for run in &block.runs {
                    let run = Run {
                        text: super::text::shown(ui, &run.text),
                        ..run.clone()
                    };
                    let text = rich(&run, block.kind, block.quote);
                    match &run.link {
                        Some(url) => {
                            ui.hyperlink_to(text, url).on_hover_text(url);
                        }
                        None => {
                            ui.label(text);
                        }
                    }
                }
            });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_emphasis_links_and_lists_become_blocks() {
        let got = blocks(
            "Why *so long*? See [the port](https://example.org).\n\n- one\n- **two**\n\n1. first\n2. second\n\n> quoted\n\n<b>raw</b>",
        );
        let Some(first) = got.first() else {
            panic!("blocks");
        };
        assert_eq!(first.kind, BlockKind::Paragraph);
        let texts: Vec<&str> = first.runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["Why ", "so long", "? See ", "the port", "."]);
        assert!(first.runs[1].emphasis && !first.runs[0].emphasis);
        assert_eq!(first.runs[3].link.as_deref(), Some("https://example.org"));
        let markers: Vec<Option<&str>> = got.iter().map(|b| b.marker.as_deref()).collect();
        assert_eq!(
            markers,
            [
                None,
                Some("\u{2022}"),
                Some("\u{2022}"),
                Some("1."),
                Some("2."),
                None,
                None
            ]
        );
        assert!(got[2].runs[0].strong);
        assert!(got[1].indent == 1 && got[5].quote);
        assert_eq!(got[6].runs[0].text.trim(), "<b>raw</b>", "raw HTML is text");
    }
}
