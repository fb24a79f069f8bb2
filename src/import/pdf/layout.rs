//! Positioned glyphs to what a reader sees: rows split at column gutters, reading order down
//! each column and across pages, running heads, page numbers, footnotes and their markers,
//! pull quotes and end marks dropped; title and byline from the first page (`front`); a table of
//! contents dropped (`lines`); headings and paragraphs (`blocks`).

use std::collections::{HashMap, HashSet};

use super::blocks::blocks;
use super::columns::column_segments;
use super::lines::drop_contents;
use crate::corpus::{Block, DocMeta};

/// One glyph as drawn: `y` is the baseline measured from the top of the page.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub size: f64,
    pub text: String,
}

/// The glyphs of one page, in content-stream order.
#[derive(Debug, Clone, Default)]
pub struct PageGlyphs {
    pub height: f64,
    pub glyphs: Vec<Glyph>,
}

/// What the layout yields.
#[derive(Debug, Default)]
pub struct Laid {
    pub title: Option<String>,
    pub meta: DocMeta,
    pub blocks: Vec<Block>,
    pub dropped_furniture: usize,
    /// A web page printed from a browser: its running heads or feet give an address.
    pub web_print: bool,
}

/// A run of glyphs on one baseline within one column (or across the page).
#[derive(Debug, Clone)]
pub(super) struct Seg {
    pub(super) page: usize,
    /// Column index from the left; `None` for a line that crosses a gutter.
    pub(super) col: Option<usize>,
    pub(super) x0: f64,
    pub(super) x1: f64,
    pub(super) y: f64,
    pub(super) size: f64,
    pub(super) text: String,
    /// The text cut where the glyphs stand more than two and a half ems apart (names side by
    /// side under a title, table cells); empty when there is no such gap.
    pub(super) parts: Vec<String>,
}

pub(super) const END_MARKS: &[char] = &['■', '□', '◆', '◇', '∎', '▪', '●', '❖', '♦'];

/// Lays out every page.
pub fn lay_out(pages: &[PageGlyphs]) -> Laid {
    let body = body_size(pages);
    let mut per_page: Vec<Vec<Seg>> = Vec::with_capacity(pages.len());
    let mut side_notes = 0;
    for (pi, page) in pages.iter().enumerate() {
        let glyphs = drop_markers(&page.glyphs, body);
        let (rows, side) = super::side::drop_side_notes(rows(glyphs), body);
        side_notes += side;
        per_page.push(column_segments(pi, &rows, body));
    }
    // Pull quotes go before reading order: one set across the columns would otherwise cut
    // the page into bands and the text flowing around it would be read out of order.
    let quotes = drop_pull_quotes(&mut per_page, body);
    let mut segs: Vec<Seg> = Vec::new();
    for page in per_page {
        segs.extend(reading_order(page));
    }
    let mut laid = Laid::default();
    let before = segs.len();
    let (segs, web_print) = drop_furniture(segs, pages, body);
    laid.web_print = web_print;
    laid.dropped_furniture = quotes + side_notes + before - segs.len();
    let first_height = pages.first().map_or(792.0, |p| p.height);
    let (title, meta, rest) = super::front::front_matter(segs, body, first_height, web_print);
    laid.title = title;
    laid.meta = meta;
    let (rest, contents) = drop_contents(rest);
    let (mut blocks, quotes) = blocks(&rest, body, !web_print);
    let before_apparatus = blocks.len();
    blocks.retain(|b| match b {
        Block::Paragraph(lines) => !super::lines::is_apparatus(&lines.join(" ")),
        Block::Heading(_) => true,
    });
    let apparatus = before_apparatus - blocks.len();
    let mut page_chrome = 0;
    if web_print {
        (blocks, page_chrome) = super::web::drop_page_chrome(blocks, &laid.meta.authors);
    }
    laid.blocks = match web_print {
        true => blocks,
        false => super::blocks::headings_in_body_type(blocks),
    };
    laid.dropped_furniture += quotes + contents + page_chrome + apparatus;
    laid
}

/// One page's lines in reading order, as text (a cover sheet read on its own).
pub(super) fn page_lines(page: &PageGlyphs) -> Vec<String> {
    let body = body_size(std::slice::from_ref(page));
    let glyphs = drop_markers(&page.glyphs, body);
    let rows = rows(glyphs);
    reading_order(column_segments(0, &rows, body))
        .into_iter()
        .map(|s| s.text.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

/// Lines in display type (larger than the body) whose words repeat the running text: pull
/// quotes, removed from every page; how many lines went. Consecutive lines of the same size
/// are judged together, so a quote's short last line goes with it.
fn drop_pull_quotes(pages: &mut [Vec<Seg>], body: f64) -> usize {
    let is_big = |s: &Seg| s.size >= 1.12 * body;
    let mut body_words: Vec<String> = Vec::new();
    for s in pages.iter().flatten().filter(|s| !is_big(s)) {
        body_words.extend(words_of(&s.text));
    }
    let trigrams: HashSet<&[String]> = body_words.windows(3).collect();
    let mut dropped = 0;
    for (pi, page) in pages.iter_mut().enumerate() {
        // The first page's largest type is the title, whatever the text repeats of it.
        let title_size = if pi == 0 {
            page.iter().map(|s| s.size).fold(0.0, f64::max)
        } else {
            f64::INFINITY
        };
        let mut big: Vec<usize> = (0..page.len())
            .filter(|&i| page.get(i).is_some_and(is_big))
            .collect();
        big.sort_by(|&a, &b| {
            let (Some(sa), Some(sb)) = (page.get(a), page.get(b)) else {
                return std::cmp::Ordering::Equal;
            };
            sa.y.total_cmp(&sb.y).then(sa.x0.total_cmp(&sb.x0))
        });
        // Groups of lines in the same type, each within two lines of the one before.
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for i in big {
            let Some(s) = page.get(i) else { continue };
            let joins = groups
                .last()
                .and_then(|g| g.last())
                .and_then(|&j| page.get(j))
                .is_some_and(|p| {
                    (p.size - s.size).abs() < 0.06 * s.size && s.y - p.y < 2.2 * s.size
                });
            match groups.last_mut() {
                Some(g) if joins => g.push(i),
                _ => groups.push(vec![i]),
            }
        }
        let mut gone: HashSet<usize> = HashSet::new();
        for g in groups {
            let words: Vec<String> = g
                .iter()
                .filter_map(|&i| page.get(i))
                .flat_map(|s| words_of(&s.text))
                .collect();
            let grams: Vec<&[String]> = words.windows(3).collect();
            let shared = grams.iter().filter(|w| trigrams.contains(*w)).count();
            let title = g
                .iter()
                .filter_map(|&i| page.get(i))
                .any(|s| (s.size - title_size).abs() < 0.05 * title_size);
            if !title && words.len() >= 4 && shared * 10 >= grams.len() * 7 {
                gone.extend(g);
            }
        }
        dropped += gone.len();
        let mut i = 0;
        page.retain(|_| {
            let keep = !gone.contains(&i);
            i += 1;
            keep
        });
    }
    dropped
}

/// The most common font size of the letters, to half a point.
fn body_size(pages: &[PageGlyphs]) -> f64 {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for g in pages.iter().flat_map(|p| &p.glyphs) {
        if g.text.chars().any(char::is_alphanumeric) {
            *counts.entry((g.size * 2.0).round() as i64).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(size, n)| (n, -size))
        .map_or(10.0, |(s, _)| s as f64 / 2.0)
}

fn is_marker_text(t: &str) -> bool {
    !t.is_empty()
        && t.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, '*' | '†' | '‡' | '§' | '¶' | ',' | 'a'..='f')
        })
}

fn is_superscript_digit(c: char) -> bool {
    matches!(c, '⁰' | '¹' | '²' | '³' | '⁴'..='⁹')
}

/// Footnote markers: small raised digits (or superscript characters) attached to a word.
fn drop_markers(glyphs: &[Glyph], body: f64) -> Vec<&Glyph> {
    let mut out: Vec<&Glyph> = Vec::with_capacity(glyphs.len());
    let mut prev: Option<&Glyph> = None;
    let mut prev_marker = false;
    for g in glyphs {
        let attached = prev.is_some_and(|p| {
            let gap = g.x - (p.x + p.w);
            (-0.5..=0.6 * body).contains(&gap)
        });
        let raised = prev.is_some_and(|p| {
            let up = p.y - g.y;
            (prev_marker && up.abs() < 0.2 * body) || (0.12 * body..=0.8 * body).contains(&up)
        });
        let small_marker =
            g.size < 0.78 * body && is_marker_text(g.text.trim()) && attached && raised;
        let sup = g.text.chars().all(is_superscript_digit) && attached;
        let marker = (small_marker || sup) && !g.text.trim().is_empty();
        if marker {
            prev_marker = true;
            prev = Some(g);
            continue;
        }
        prev_marker = false;
        prev = Some(g);
        out.push(g);
    }
    out
}

/// Glyphs grouped into rows by baseline, each sorted left to right.
fn rows(mut glyphs: Vec<&Glyph>) -> Vec<Vec<&Glyph>> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    let mut row_y = f64::NEG_INFINITY;
    let mut row_size = 0.0f64;
    for g in glyphs {
        if g.y - row_y > 0.3 * row_size.min(g.size).max(1.0) || rows.is_empty() {
            rows.push(Vec::new());
            row_y = g.y;
            row_size = g.size;
        }
        if let Some(r) = rows.last_mut() {
            r.push(g);
        }
    }
    for r in &mut rows {
        r.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    rows
}

/// A segment's text: spaces where the gap between glyphs is wider than a fraction of an em.
pub(super) fn seg_of(page: usize, col: Option<usize>, glyphs: &[&Glyph]) -> Option<Seg> {
    let first = glyphs.first()?;
    let mut text = String::new();
    let mut end = first.x;
    let mut sizes: HashMap<i64, usize> = HashMap::new();
    let mut ys = Vec::with_capacity(glyphs.len());
    let mut cuts: Vec<usize> = Vec::new();
    for g in glyphs {
        let t = g.text.replace('\u{ad}', "-");
        if !text.is_empty() && g.x - end > 2.5 * g.size {
            cuts.push(text.len());
        }
        if !text.is_empty() && g.x - end > 0.15 * g.size && !text.ends_with(' ') {
            text.push(' ');
        }
        text.push_str(&t);
        end = end.max(g.x + g.w);
        if g.text.chars().any(char::is_alphanumeric) {
            *sizes.entry((g.size * 4.0).round() as i64).or_default() += 1;
            ys.push(g.y);
        }
    }
    let collapse = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let parts: Vec<String> = if cuts.is_empty() {
        Vec::new()
    } else {
        let mut from = 0;
        cuts.iter()
            .chain(std::iter::once(&text.len()))
            .filter_map(|&to| {
                let part = collapse(text.get(from..to).unwrap_or(""));
                from = to;
                (!part.is_empty()).then_some(part)
            })
            .collect()
    };
    let text = collapse(&text);
    if text.is_empty() {
        return None;
    }
    let size = sizes
        .into_iter()
        .max_by_key(|&(s, n)| (n, s))
        .map_or(first.size, |(s, _)| s as f64 / 4.0);
    ys.sort_by(f64::total_cmp);
    let y = ys.get(ys.len() / 2).copied().unwrap_or(first.y);
    Some(Seg {
        page,
        col,
        x0: first.x,
        x1: end,
        y,
        size,
        text,
        parts,
    })
}

/// Top to bottom, a line across the page closes a band; within a band, column by column.
fn reading_order(mut segs: Vec<Seg>) -> Vec<Seg> {
    segs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut out = Vec::with_capacity(segs.len());
    let mut band: Vec<Seg> = Vec::new();
    let flush = |band: &mut Vec<Seg>, out: &mut Vec<Seg>| {
        band.sort_by(|a, b| a.col.cmp(&b.col).then(a.y.total_cmp(&b.y)));
        out.append(band);
    };
    for s in segs {
        if s.col.is_none() {
            flush(&mut band, &mut out);
            out.push(s);
        } else {
            band.push(s);
        }
    }
    flush(&mut band, &mut out);
    out
}

pub(super) fn is_page_number(t: &str) -> bool {
    let t = t.trim();
    let lower = t.to_lowercase();
    let core = lower.strip_prefix("page ").unwrap_or(&lower);
    let core = core
        .split(" of ")
        .next()
        .unwrap_or(core)
        .trim_matches(['-', '–', ' ']);
    (!core.is_empty() && core.len() <= 4 && core.chars().all(|c| c.is_ascii_digit()))
        || (!core.is_empty() && core.len() <= 5 && core.chars().all(|c| "ivxlc".contains(c)))
}

/// A line's text with its digits taken out, for matching running heads across pages.
fn head_key(t: &str) -> String {
    t.chars()
        .filter(|c| !c.is_ascii_digit())
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Running heads and feet, page numbers and footnotes (small type below the body); and
/// whether a head or foot gives a web address (a page printed from a browser).
fn drop_furniture(segs: Vec<Seg>, pages: &[PageGlyphs], body: f64) -> (Vec<Seg>, bool) {
    let is_body = |s: &Seg| (s.size - body).abs() <= 0.1 * body;
    // Per page, the first and last body line.
    let mut extent: HashMap<usize, (f64, f64)> = HashMap::new();
    for s in segs
        .iter()
        .filter(|s| is_body(s) && s.text.split_whitespace().count() >= 3)
    {
        let e = extent.entry(s.page).or_insert((s.y, s.y));
        e.0 = e.0.min(s.y);
        e.1 = e.1.max(s.y);
    }
    let margin = |s: &Seg| -> Option<bool> {
        let h = pages.get(s.page).map_or(792.0, |p| p.height).max(1.0);
        if s.y < 0.1 * h {
            Some(true)
        } else if s.y > 0.9 * h {
            Some(false)
        } else {
            None
        }
    };
    // Lines in a margin band that recur on several pages.
    let mut recurring: HashMap<(bool, String), HashSet<usize>> = HashMap::new();
    for s in &segs {
        if let Some(top) = margin(s) {
            recurring
                .entry((top, head_key(&s.text)))
                .or_default()
                .insert(s.page);
        }
    }
    // A browser's printout: an address in a head or foot, its pages counted ("1/2") and the
    // time it was printed (a report may give its site and count its pages, but not the time).
    let (mut address, mut counted, mut timed) = (false, false, false);
    for s in &segs {
        let (first, last) = extent.get(&s.page).copied().unwrap_or((f64::MIN, f64::MAX));
        if let Some(top) = margin(s)
            && (if top { s.y < first } else { s.y > last })
        {
            address |= super::web::gives_address(&s.text);
            counted |= super::web::counts_pages(&s.text);
            timed |= super::web::gives_time(&s.text);
        }
    }
    let kept = segs
        .into_iter()
        .filter(|s| {
            let (first, last) = extent.get(&s.page).copied().unwrap_or((f64::MIN, f64::MAX));
            // A page number above or below the running text, wherever the margins are.
            if is_page_number(&s.text) && (s.y > last || s.y < first) {
                return false;
            }
            if let Some(top) = margin(s) {
                if is_page_number(&s.text) {
                    return false;
                }
                let repeats = recurring
                    .get(&(top, head_key(&s.text)))
                    .is_some_and(|p| p.len() >= 2);
                let outside = if top { s.y < first } else { s.y > last };
                if repeats || (outside && s.size < 0.95 * body) {
                    return false;
                }
            }
            // Footnotes: small type below the last body line; on a page without running text
            // (a note carried over onto a page of its own), small type in its lower part.
            let notes_from = match extent.contains_key(&s.page) {
                true => last,
                false => 0.6 * pages.get(s.page).map_or(792.0, |p| p.height),
            };
            if s.size < 0.88 * body && s.y > notes_from {
                return false;
            }
            true
        })
        .collect();
    (kept, address && counted && timed)
}

pub(super) fn words_of(t: &str) -> Vec<String> {
    t.split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs for `text` in `size`-point type from (`x`, `y`), one per character.
    fn line(text: &str, x: f64, y: f64, size: f64) -> Vec<Glyph> {
        let w = 0.5;
        let mut out = Vec::new();
        let mut cx = x;
        for c in text.chars() {
            if c != ' ' {
                out.push(Glyph {
                    x: cx,
                    y,
                    w: w * size,
                    size,
                    text: c.to_string(),
                });
            }
            cx += w * size;
        }
        out
    }

    #[test]
    fn two_columns_are_read_down_then_across() {
        let mut glyphs = Vec::new();
        for i in 0..8 {
            let y = 100.0 + 12.0 * i as f64;
            glyphs.extend(line(&format!("left line {i} of the text"), 50.0, y, 10.0));
            glyphs.extend(line(&format!("right line {i} of it"), 300.0, y, 10.0));
        }
        let pages = vec![PageGlyphs {
            height: 800.0,
            glyphs,
        }];
        let laid = lay_out(&pages);
        let Some(Block::Paragraph(lines)) = laid.blocks.first() else {
            panic!("a paragraph: {:?}", laid.blocks);
        };
        assert_eq!(
            lines.first().map(String::as_str),
            Some("left line 0 of the text")
        );
        assert_eq!(lines.get(8).map(String::as_str), Some("right line 0 of it"));
        assert_eq!(lines.len(), 16);
    }

    #[test]
    fn page_numbers_and_markers_are_recognised() {
        assert!(is_page_number("12"));
        assert!(is_page_number("Page 3 of 10"));
        assert!(is_page_number("xiv"));
        assert!(!is_page_number("2020 was"));
        let word = line("pipeline", 50.0, 100.0, 10.0);
        let mut glyphs = word.clone();
        glyphs.push(Glyph {
            x: 90.5,
            y: 96.0,
            w: 3.0,
            size: 6.0,
            text: "1".into(),
        });
        let kept = drop_markers(&glyphs, 10.0);
        assert_eq!(kept.len(), word.len());
    }
}
