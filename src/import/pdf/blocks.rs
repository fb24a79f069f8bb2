//! Segments in reading order to headings and paragraphs: runs of display type are headings
//! (or pull quotes, when their words repeat the text); paragraphs break at first-line indents,
//! vertical gaps and short last lines; list items, captions and table rows are recognised.

use std::collections::{HashMap, HashSet};

use super::layout::{END_MARKS, Seg, words_of};
use super::lines::{Marker, caption_kind, list_marker, numbered_heading};
use crate::corpus::Block;
use crate::corpus::clean::paragraphs::ends_sentence;
use crate::corpus::raw::is_section_name;

/// A column of a page: (page, column index; `None` for lines across the page).
type ColumnKey = (usize, Option<usize>);
/// A column's left and right edges, its lines reaching the right edge, and all its lines.
type ColumnEdges = (f64, f64, usize, usize);

/// Headings, pull quotes and paragraphs from the segments in reading order; the number of
/// pull-quote lines dropped.
/// With `body_type_headings`, a short line shaped as a heading over a paragraph is one (bold body
/// type); a printed web page's headings are in display type, and its short lines are captions and
/// image texts.
pub(super) fn blocks(segs: &[Seg], body: f64, body_type_headings: bool) -> (Vec<Block>, usize) {
    let is_big = |s: &Seg| s.size >= 1.12 * body;
    // Word trigrams of the running text, to recognise pull quotes.
    let mut body_words: Vec<String> = Vec::new();
    for s in segs.iter().filter(|s| !is_big(s)) {
        body_words.extend(words_of(&s.text));
    }
    let trigrams: HashSet<&[String]> = body_words.windows(3).collect();
    // Column edges and line spacing per (page, column), from body lines.
    let mut edges: HashMap<ColumnKey, ColumnEdges> = HashMap::new();
    for s in segs.iter().filter(|s| !is_big(s)) {
        let e = edges
            .entry((s.page, s.col))
            .or_insert((f64::MAX, f64::MIN, 0, 0));
        e.0 = e.0.min(s.x0);
        e.1 = e.1.max(s.x1);
    }
    for s in segs.iter().filter(|s| !is_big(s)) {
        if let Some(e) = edges.get_mut(&(s.page, s.col)) {
            e.3 += 1;
            if e.1 - s.x1 < 0.6 * s.size {
                e.2 += 1;
            }
        }
    }
    // The line spacing: the median step down from a line that fills most of its column (the
    // paragraph goes on under it), else from any line. Counting every step would take the
    // space between paragraphs for it where most paragraphs are a line or two (a web page
    // printed to PDF, spaced by margins rather than indents).
    let steps = |full_only: bool| -> Vec<f64> {
        let mut gaps: Vec<f64> = segs
            .windows(2)
            .filter_map(|w| match w {
                [a, b] if a.page == b.page && a.col == b.col && !is_big(a) && !is_big(b) => {
                    let fills = edges
                        .get(&(a.page, a.col))
                        .is_some_and(|&(l, r, _, _)| r - l > 0.0 && a.x1 - l >= 0.8 * (r - l));
                    (!full_only || fills).then_some(b.y - a.y)
                }
                _ => None,
            })
            .filter(|d| *d > 0.5 * body)
            .collect();
        gaps.sort_by(f64::total_cmp);
        gaps
    };
    let full_steps = steps(true);
    let gaps = if full_steps.len() >= 3 {
        full_steps
    } else {
        steps(false)
    };
    let leading = gaps.get(gaps.len() / 2).copied().unwrap_or(1.2 * body);

    let mut out: Vec<Block> = Vec::new();
    let mut quotes = 0;
    let mut open = false; // the last block is a paragraph that may continue
    let mut prev: Option<&Seg> = None;
    // The left edge of the list item being read (its marker's line), if any.
    let mut item_x: Option<f64> = None;
    let mut i = 0;
    while let Some(s) = segs.get(i) {
        if is_big(s) {
            // A run of lines in the same large type.
            let mut j = i;
            let mut text = String::new();
            while let Some(t) = segs
                .get(j)
                .filter(|t| (t.size - s.size).abs() < 0.06 * s.size)
            {
                let line = t.text.trim_end_matches(END_MARKS).trim();
                // "The Trans-" over "Caspian question": a compound's hyphen at the break
                // joins its parts.
                let compound = text.ends_with('-')
                    && text.chars().rev().nth(1).is_some_and(char::is_alphabetic)
                    && line.chars().next().is_some_and(char::is_uppercase);
                if !text.is_empty() && !compound {
                    text.push(' ');
                }
                text.push_str(line);
                j += 1;
            }
            let words = words_of(&text);
            let grams: Vec<&[String]> = words.windows(3).collect();
            let shared = grams.iter().filter(|g| trigrams.contains(*g)).count();
            if words.len() >= 4 && shared * 10 >= grams.len() * 7 {
                quotes += j - i;
            } else if words.len() <= 16 {
                out.push(Block::Heading(text));
                open = false;
            } else {
                out.push(Block::Paragraph(vec![text]));
                open = false;
            }
            prev = None;
            i = j;
            continue;
        }
        let text = s
            .text
            .trim_end_matches(|c: char| END_MARKS.contains(&c) || c == ' ')
            .to_string();
        i += 1;
        if text.is_empty() {
            continue;
        }
        let (left, right, full, total) = edges
            .get(&(s.page, s.col))
            .copied()
            .unwrap_or((s.x0, s.x1, 0, 1));
        let justified = full * 2 > total;
        // A figure's or table's caption, set off from the text, goes with the lines that
        // continue it; a table's rows (lines narrower than the column, just under it) too.
        // The paragraph the float interrupted goes on after it.
        let set_off = prev.is_none_or(|p| {
            p.page != s.page || s.y - p.y > 1.45 * leading || ends_sentence(p.text.trim_end())
        });
        if let Some(table) = caption_kind(&text).filter(|_| set_off) {
            let mut last = s;
            while let Some(n) = segs.get(i) {
                let close = n.page == last.page && n.y > last.y && n.y - last.y <= 1.45 * leading;
                let caption_line = (n.size - s.size).abs() < 0.05 * s.size;
                let row = table && n.x1 - n.x0 < 0.85 * (right - left);
                if !close || !(caption_line || row) || is_big(n) {
                    break;
                }
                last = n;
                i += 1;
                quotes += 1;
            }
            quotes += 1;
            continue;
        }
        // "2. Options" in body type on a line of its own: a numbered section heading; so is
        // "Abstract" or "References" alone on its line.
        if (numbered_heading(&text) && s.x1 < right - 0.3 * (right - left))
            || is_section_name(&text)
        {
            out.push(Block::Heading(text));
            open = false;
            prev = None;
            continue;
        }
        // A first-line indent: further in than the line before (a line after a first-line
        // indent, and the lines of an indented block such as an abstract or a quotation, are
        // not), or than the column's edge when no line runs just before.
        let before = prev.filter(|p| {
            p.page == s.page && p.col == s.col && s.y - p.y > 0.0 && s.y - p.y <= 1.45 * leading
        });
        let from = before.map_or(left, |p| p.x0);
        let indented = s.x0 - from > 0.7 * s.size && s.x0 - from < 6.0 * s.size;
        // A list: each item opens a paragraph; its lines hang further in than its marker;
        // a line back at the marker's edge or beyond, not an item, ends the list.
        // A dash or a number may also start a line of running text ("– a route", "12. The"):
        // taken for a marker only where a list can start, after a finished sentence or a
        // colon, or inside a list.
        let marker = list_marker(&text).filter(|m| {
            let unmistakable =
                matches!(m, Marker::Bullet(_)) && !text.starts_with(['–', '—', '-', '*', '·']);
            unmistakable
                || item_x.is_some()
                || before.is_none_or(|p| {
                    let t = p.text.trim_end();
                    ends_sentence(t) || t.ends_with(':')
                })
        });
        let in_item = match (item_x, before) {
            (Some(x), Some(_)) if marker.is_none() => Some(s.x0 > x + 0.3 * s.size),
            _ => None,
        };
        // An item carried over into the next column or page: its line hangs in from the
        // column's edge (where that column's markers stand) and the item had not ended.
        let carried = item_x.is_some()
            && marker.is_none()
            && before.is_none()
            && s.x0 > left + 0.3 * s.size
            && s.x0 - left < 6.0 * s.size
            && prev.is_some_and(|p| !ends_sentence(p.text.trim_end()));
        item_x = match (marker, in_item) {
            (Some(_), _) => Some(s.x0),
            (None, Some(true)) => item_x,
            _ if carried => Some(left),
            _ => None,
        };
        let text = match marker {
            Some(Marker::Bullet(at)) => text.get(at..).unwrap_or_default().to_string(),
            _ => text,
        };
        let new_para = match (marker, in_item) {
            _ if carried => false,
            (Some(_), _) | (None, Some(false)) => true,
            (None, Some(true)) => before.is_none(),
            (None, None) => match prev {
                None => indented || !open,
                Some(p) => {
                    let same_col = p.page == s.page && p.col == s.col;
                    // A gap after a line that runs to the column's edge mid-sentence is a pull
                    // quote or figure taken out, not a paragraph's end.
                    // (In a column too short to tell justified text, a line that goes on in
                    // lower case after the gap says so.)
                    let lower_next = text.chars().next().is_some_and(char::is_lowercase);
                    // The line before is judged against its own column: it may be in another
                    // (the last line of a column, or of a paragraph across the page over a band
                    // of columns).
                    let (p_left, p_right) = edges
                        .get(&(p.page, p.col))
                        .map_or((left, right), |e| (e.0, e.1));
                    let runs_on = (justified || lower_next)
                        && p.x1 >= p_right - 1.5 * p.size
                        && !ends_sentence(&p.text);
                    let gap = same_col && s.y - p.y > 1.45 * leading && !runs_on;
                    let short =
                        justified && p.x1 < p_right - 1.5 * p.size && ends_sentence(&p.text);
                    // Well short of its column's right edge.
                    let p_short = p.x1 < p_right - 0.25 * (p_right - p_left);
                    let ragged_short = !justified && ends_sentence(&p.text) && p_short;
                    // A paragraph so far of one short line shaped as a heading (bold body
                    // type), and this line opens a sentence: the line was a heading.
                    let heading_before = body_type_headings
                        && matches!(out.last(), Some(Block::Paragraph(l)) if l.len() == 1)
                        && heading_shaped(&p.text)
                        && p_short
                        && text.chars().next().is_some_and(char::is_uppercase);
                    indented || gap || short || ragged_short || heading_before || !open
                }
            },
        };
        if new_para {
            out.push(Block::Paragraph(vec![text]));
        } else if let Some(Block::Paragraph(lines)) = out.last_mut() {
            lines.push(text);
        }
        open = true;
        prev = Some(s);
    }
    (out, quotes)
}

/// A paragraph of one short line in the body's type that does not end as a sentence does, before a
/// paragraph that opens a sentence: a heading set in bold body type, as word processors' reports
/// often set them ("Routes west", "The way forward").
pub(super) fn headings_in_body_type(blocks: Vec<Block>) -> Vec<Block> {
    let opens_sentence = |b: Option<&Block>| match b {
        Some(Block::Paragraph(lines)) => lines
            .first()
            .and_then(|l| l.chars().next())
            .is_some_and(|c| c.is_uppercase() || c == '“' || c == '"'),
        _ => false,
    };
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut rest = blocks.into_iter().peekable();
    while let Some(b) = rest.next() {
        let heading = match &b {
            Block::Paragraph(lines) if opens_sentence(rest.peek()) => match lines.as_slice() {
                [line] => heading_shaped(line).then(|| line.clone()),
                _ => None,
            },
            _ => None,
        };
        out.push(heading.map_or(b, Block::Heading));
    }
    out
}

/// Up to eight words, the first capitalised, no sentence's end (nor a colon or comma), no
/// figures but a section number's.
fn heading_shaped(line: &str) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().count();
    (1..=8).contains(&words)
        && t.chars().next().is_some_and(char::is_uppercase)
        && !t.ends_with([
            '.', '!', '?', ',', ';', ':', '…', '"', '”', ')', '-', '–', '—',
        ])
        && !t.chars().any(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_line_ending_no_sentence_over_a_paragraph_is_a_heading() {
        let blocks = vec![
            Block::one_line("Routes west"),
            Block::one_line("The Southern Gas Corridor runs from Shah Deniz."),
            // Ends as a sentence does; has figures; goes on in lower case; is last.
            Block::one_line("It was signed."),
            Block::one_line("The text goes on."),
            Block::one_line("Table 3 of 2024"),
            Block::one_line("More text here."),
            Block::one_line("Azerbaijan and"),
            Block::one_line("then the line goes on in lower case."),
            Block::one_line("The end"),
        ];
        let out = headings_in_body_type(blocks);
        assert_eq!(
            out.first(),
            Some(&Block::Heading("Routes west".to_string()))
        );
        let headings = out
            .iter()
            .filter(|b| matches!(b, Block::Heading(_)))
            .count();
        assert_eq!(headings, 1, "{out:?}");
    }
}
