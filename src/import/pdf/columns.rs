//! Columns: the gutters that no body row crosses, and rows cut at them into per-column segments.
//! A page that changes its number of columns part way down (a report's full-width summary over
//! a two-column section, a word processor's section break) has no gutter the height of the page:
//! it is cut into bands at the rows set across it, and a band of several rows finds its own.

use super::layout::{Glyph, Seg, seg_of};

/// Fewest body rows a band needs to find its own gutters.
const BAND_ROWS: usize = 3;
/// Most bands on a page that look for gutters.
const MAX_BANDS: usize = 16;

/// One page's rows as segments, each in its column (`None`: set across the columns).
pub(super) fn column_segments(page: usize, rows: &[Vec<&Glyph>], body: f64) -> Vec<Seg> {
    let rows: Vec<&[&Glyph]> = rows.iter().map(Vec::as_slice).collect();
    let whole = gutters(&rows, body, None);
    if !whole.is_empty() {
        return segments(page, &rows, &whole);
    }
    banded(page, &rows, body).unwrap_or_else(|| segments(page, &rows, &[]))
}

/// The page cut into bands at the body rows that run across its middle without a break; a band
/// whose rows leave a gutter open and whose columns hold running text ([`holds_text`]) is read
/// column by column, the rest across the page. `None` when no band has columns.
fn banded(page: usize, rows: &[&[&Glyph]], body: f64) -> Option<Vec<Seg>> {
    // Each row's kind, found once: in body type; set across the page's middle without a break.
    let in_body: Vec<bool> = rows.iter().map(|r| is_body_row(r, body)).collect();
    let body_rows: Vec<&[&Glyph]> = rows
        .iter()
        .zip(&in_body)
        .filter_map(|(r, &b)| b.then_some(*r))
        .collect();
    let (xmin, xmax) = extent(&body_rows, body)?;
    let (from, to) = (xmin + 0.2 * (xmax - xmin), xmin + 0.8 * (xmax - xmin));
    // Gutters are looked for across the whole page, running heads and notes included: a page
    // ending a section in balanced columns may hold only their few rows, the last column short.
    let page_extent = extent(rows, body).map_or((xmin, xmax), |(l, r)| (l.min(xmin), r.max(xmax)));
    let across: Vec<bool> = rows
        .iter()
        .zip(&in_body)
        .map(|(r, &b)| b && ink_runs(r, body).any(|(a, b)| a <= from && b >= to))
        .collect();
    let mut out = Vec::new();
    let mut found = false;
    let mut looked = 0;
    let mut i = 0;
    while let Some(r) = rows.get(i) {
        if across.get(i).copied().unwrap_or(true) {
            out.extend(seg_of(page, None, r));
            i += 1;
            continue;
        }
        let mut j = i;
        while across.get(j).is_some_and(|a| !a) {
            j += 1;
        }
        let band = rows.get(i..j).unwrap_or(&[]);
        // A page cut into hundreds of bands of several rows is no page of prose: past a few,
        // bands are read across without looking (the work stays linear in the page).
        let band_body = in_body.get(i..j).unwrap_or(&[]);
        let tall = band_body.iter().filter(|&&b| b).count() >= BAND_ROWS;
        // Under a row across the page, the band's first row may be the last line of that
        // paragraph, short: it does not close a gutter.
        let looked_at = match (band.split_first(), band_body.first()) {
            (Some((_, rest)), Some(true)) if i > 0 => rest,
            _ => band,
        };
        let cols = if tall && looked < MAX_BANDS {
            looked += 1;
            gutters(looked_at, body, Some(page_extent))
        } else {
            Vec::new()
        };
        if !cols.is_empty() && holds_text(looked_at, &cols, page_extent.1, body) {
            found = true;
            out.extend(segments(page, band, &cols));
        } else {
            out.extend(band.iter().filter_map(|r| seg_of(page, None, r)));
        }
        i = j;
    }
    found.then_some(out)
}

/// The band's body rows, cut at the gutters, read as running text: each column's lines start at
/// its left edge (the gutter before it), and each column but the last holds at least two lines, is
/// at least ten ems wide and its lines mostly fill it. Not a table's cells, a list of figures or a
/// table of contents' page numbers. The last column may hold less (the end of a section, its
/// columns balanced): a line is enough, with room to the page's right edge for a column as wide
/// as the first. Letters and digits only are measured (dot leaders are no text).
fn holds_text(rows: &[&[&Glyph]], gutters: &[(f64, f64)], page_right: f64, body: f64) -> bool {
    let n = gutters.len() + 1;
    // Each body row's ink in each column, (from, to).
    let mut lines: Vec<Vec<(f64, f64)>> = vec![Vec::new(); n];
    for r in rows.iter().filter(|r| is_body_row(r, body)) {
        if gutters.iter().any(|&g| spans(r, g)) {
            continue;
        }
        let mut ink: Vec<Option<(f64, f64)>> = vec![None; n];
        for g in r.iter().filter(|g| is_ink(g)) {
            let c = column_of(g, gutters);
            if let Some(e) = ink.get_mut(c) {
                *e = Some(e.map_or((g.x, g.x + g.w), |(a, b)| (a.min(g.x), b.max(g.x + g.w))));
            }
        }
        for (c, e) in ink.into_iter().enumerate() {
            if let (Some(e), Some(l)) = (e, lines.get_mut(c)) {
                l.push(e);
            }
        }
    }
    let width_of = |l: &[(f64, f64)]| {
        let left = l.iter().map(|e| e.0).fold(f64::INFINITY, f64::min);
        let right = l.iter().map(|e| e.1).fold(f64::NEG_INFINITY, f64::max);
        right - left
    };
    let first_width = lines.first().map_or(0.0, |l| width_of(l));
    lines.iter().enumerate().all(|(c, l)| {
        let edge = c.checked_sub(1).and_then(|g| gutters.get(g)).map(|g| g.1);
        let aligned = edge.is_none_or(|edge| {
            l.iter()
                .filter(|e| (e.0 - edge).abs() <= 2.0 * body)
                .count()
                * 2
                > l.len()
        });
        if c + 1 == n {
            let room = edge.map_or(0.0, |edge| page_right - edge);
            return !l.is_empty() && aligned && room >= 0.8 * first_width;
        }
        let width = width_of(l);
        let mut widths: Vec<f64> = l.iter().map(|e| e.1 - e.0).collect();
        widths.sort_by(f64::total_cmp);
        let median = widths.get(widths.len() / 2).copied().unwrap_or(0.0);
        l.len() >= 2 && aligned && width >= 10.0 * body && median >= 0.6 * width
    })
}

/// The column a glyph is in: by where it starts against each gutter's middle.
fn column_of(g: &Glyph, gutters: &[(f64, f64)]) -> usize {
    gutters
        .iter()
        .filter(|&&(a, b)| g.x >= (a + b) / 2.0)
        .count()
}

/// A row mostly in body type.
fn is_body_row(r: &[&Glyph], body: f64) -> bool {
    r.iter()
        .filter(|g| (g.size - body).abs() < 0.15 * body)
        .count()
        * 2
        > r.len()
}

/// The left and right edges of the rows' ink; `None` when under ten ems wide.
fn extent(rows: &[&[&Glyph]], body: f64) -> Option<(f64, f64)> {
    let xmin = rows
        .iter()
        .flat_map(|r| r.first())
        .map(|g| g.x)
        .fold(f64::INFINITY, f64::min);
    let xmax = rows
        .iter()
        .flat_map(|r| r.last())
        .map(|g| g.x + g.w)
        .fold(f64::NEG_INFINITY, f64::max);
    (xmax.is_finite() && xmin.is_finite() && xmax - xmin > 10.0 * body).then_some((xmin, xmax))
}

/// A row's runs of ink, `(from, to)`: word spaces are bridged; a column gap is not, even where
/// the columns share their baselines about an em apart (LaTeX's 10 pt \columnsep). Punctuation
/// hung into the margins (optical margin alignment: pdfTeX's microtype, InDesign) is no ink that
/// closes a gutter.
fn ink_runs<'a>(r: &'a [&Glyph], body: f64) -> impl Iterator<Item = (f64, f64)> + 'a {
    let mut ink = r.iter().filter(|g| is_ink(g)).peekable();
    std::iter::from_fn(move || {
        let first = ink.next()?;
        let (start, mut end) = (first.x, first.x + first.w);
        while let Some(g) = ink.next_if(|g| g.x - end < 0.75 * g.size.max(body)) {
            end = end.max(g.x + g.w);
        }
        Some((start, end))
    })
}

/// Vertical strips that no body row crosses: the gutters between columns, as `(from, to)`.
/// A whole page (`band` None) needs six body rows, and a few rows may cross a gutter (a title
/// block, an abstract across the columns); a band of a page (`band`: the page's left and right
/// edges) needs three, and none may cross.
fn gutters(rows: &[&[&Glyph]], body: f64, band: Option<(f64, f64)>) -> Vec<(f64, f64)> {
    // A page number or a stray mark in the gutter (a row of three letters or fewer) does not
    // close it.
    let body_rows: Vec<&[&Glyph]> = rows
        .iter()
        .copied()
        .filter(|r| is_body_row(r, body) && r.iter().filter(|g| is_ink(g)).nth(3).is_some())
        .collect();
    let min_rows = if band.is_some() { BAND_ROWS } else { 6 };
    if body_rows.len() < min_rows {
        return Vec::new();
    }
    let Some((xmin, xmax)) = band.or_else(|| extent(&body_rows, body)) else {
        return Vec::new();
    };
    const BIN: f64 = 2.0;
    let nbins = (((xmax - xmin) / BIN).ceil() as usize).clamp(1, 4000);
    let mut cover = vec![0usize; nbins];
    let bin_of = |x: f64| (((x - xmin) / BIN).floor().max(0.0) as usize).min(nbins - 1);
    for r in &body_rows {
        for (s, end) in ink_runs(r, body) {
            for c in cover.iter_mut().take(bin_of(end) + 1).skip(bin_of(s)) {
                *c += 1;
            }
        }
    }
    let quiet = (body_rows.len() / 20).max(1);
    // A few rows may also cross a gutter where a title block or an abstract is set across
    // both columns: a strip is quiet against the columns on either side of it (the mean cover
    // of the inked strips on each side), not only against the page's row count.
    // Running totals of the inked strips' cover and count, so each mean is a subtraction.
    let mut pre: Vec<(usize, usize)> = Vec::with_capacity(nbins + 1);
    pre.push((0, 0));
    for &c in &cover {
        let (sum, n) = pre.last().copied().unwrap_or((0, 0));
        pre.push((sum + c, n + usize::from(c > 0)));
    }
    let side_means = |range: std::ops::Range<usize>| {
        let (s0, n0) = pre.get(range.start).copied().unwrap_or((0, 0));
        let (s1, n1) = pre.get(range.end).copied().unwrap_or((s0, n0));
        (s1 - s0) as f64 / (n1 - n0).max(1) as f64
    };
    let lo = (nbins as f64 * 0.2) as usize;
    let hi = (nbins as f64 * 0.8) as usize;
    let mut out = Vec::new();
    let mut run: Option<usize> = None;
    for i in lo..=hi.min(nbins - 1) {
        let sides = side_means(0..i).min(side_means(i + 1..nbins));
        let quiet_here = match band {
            Some(_) => 0,
            None => quiet.max((0.5 * sides) as usize),
        };
        let empty = cover.get(i).is_some_and(|&c| c <= quiet_here);
        match (empty, run) {
            (true, None) => run = Some(i),
            (false, Some(s)) => {
                if (i - s) as f64 * BIN >= 0.6 * body {
                    out.push((xmin + s as f64 * BIN, xmin + i as f64 * BIN));
                }
                run = None;
            }
            _ => {}
        }
    }
    // A strip still open at the end of the middle band is no gutter (ragged right).
    out
}

/// A glyph with a letter or digit: what columns are made of (punctuation may hang out).
fn is_ink(g: &Glyph) -> bool {
    g.text.chars().any(char::is_alphanumeric)
}

/// True when a row's letters run across the gutter `(a, b)` from one side to the other, with
/// no gap there as wide as half the gutter: a line set across the columns (a title block, an
/// abstract). A column's overfull line that only pokes into the gutter does not span it.
fn spans(r: &[&Glyph], (a, b): (f64, f64)) -> bool {
    let ink: Vec<&Glyph> = r.iter().copied().filter(|g| is_ink(g)).collect();
    let left = ink.iter().any(|g| g.x < a);
    let right = ink.iter().any(|g| g.x + g.w > b);
    let broken = ink.windows(2).any(|w| match w {
        [p, q] => {
            let (from, to) = (p.x + p.w, q.x);
            to > a && from < b && to - from >= 0.5 * (b - a)
        }
        _ => false,
    });
    left && right && !broken
}

/// Rows cut at the gutters into per-column segments; a row whose letters run across a gutter
/// spans it. A glyph goes to the column on its side of the gutter's middle by where it starts,
/// so punctuation hung into the gutter and an overfull line's last letters stay with their line.
fn segments(page: usize, rows: &[&[&Glyph]], gutters: &[(f64, f64)]) -> Vec<Seg> {
    let mut out = Vec::new();
    for r in rows {
        let crosses = gutters.iter().any(|&g| spans(r, g));
        if crosses || gutters.is_empty() {
            let col = if gutters.is_empty() { Some(0) } else { None };
            out.extend(seg_of(page, col, r));
            continue;
        }
        let mut parts: Vec<Vec<&Glyph>> = vec![Vec::new(); gutters.len() + 1];
        for g in r.iter() {
            if let Some(p) = parts.get_mut(column_of(g, gutters)) {
                p.push(*g);
            }
        }
        for (c, p) in parts.iter().enumerate() {
            if !p.is_empty() {
                out.extend(seg_of(page, Some(c), p));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs for `text` in 10-point type from (`x`, `y`), one per character, 5 points apart.
    fn line(text: &str, x: f64, y: f64) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .filter(|(_, c)| *c != ' ')
            .map(|(i, c)| Glyph {
                x: x + 5.0 * i as f64,
                y,
                w: 5.0,
                size: 10.0,
                text: c.to_string(),
            })
            .collect()
    }

    fn texts(glyph_rows: &[Vec<Glyph>]) -> Vec<(Option<usize>, String)> {
        let rows: Vec<Vec<&Glyph>> = glyph_rows.iter().map(|r| r.iter().collect()).collect();
        column_segments(0, &rows, 10.0)
            .into_iter()
            .map(|s| (s.col, s.text))
            .collect()
    }

    /// A full-width line of 90 characters (450 points) from x = 50.
    const WIDE: &str = "the full width text of the page runs from the left margin all the way over to the right one";

    #[test]
    fn a_page_from_one_column_into_two_part_way_down_reads_each_part_in_order() {
        let mut rows: Vec<Vec<Glyph>> = (0..12)
            .map(|i| line(WIDE, 50.0, 100.0 + 12.0 * i as f64))
            .collect();
        // Four rows in two columns of 40 characters (200 points) with a 50-point gutter.
        for i in 0..4 {
            let y = 260.0 + 12.0 * i as f64;
            let mut r = line(
                &format!("left column line {i} reads on and on here"),
                50.0,
                y,
            );
            r.extend(line(
                &format!("right column line {i} reads on and on too"),
                300.0,
                y,
            ));
            rows.push(r);
        }
        let got = texts(&rows);
        assert_eq!(got.len(), 12 + 8);
        assert!(got.iter().take(12).all(|(c, _)| c.is_none()), "{got:?}");
        // Row by row (reading order comes later), each line in its column.
        let band = got.get(12..).unwrap_or(&[]);
        let of = |col: usize, start: &str| {
            band.iter()
                .filter(|(c, t)| *c == Some(col) && t.starts_with(start))
                .count()
        };
        assert_eq!((of(0, "left"), of(1, "right")), (4, 4), "{band:?}");
    }

    #[test]
    fn a_contents_list_with_dot_leaders_is_no_pair_of_columns() {
        let mut rows: Vec<Vec<Glyph>> = (0..8)
            .map(|i| line(WIDE, 50.0, 100.0 + 12.0 * i as f64))
            .collect();
        for (i, (entry, page)) in [
            ("1 Introduction", "1"),
            ("1.1 Method", "2"),
            ("2 Findings", "3"),
            ("2.1 Ports", "3"),
            ("3 Recommendations", "4"),
        ]
        .into_iter()
        .enumerate()
        {
            let y = 220.0 + 12.0 * i as f64;
            let mut r = line(entry, 50.0, y);
            // Dot leaders from after the entry to the page number at the right margin.
            let from = 50.0 + 5.0 * entry.len() as f64 + 10.0;
            r.extend(line(
                &". ".repeat(((480.0 - from) / 10.0) as usize),
                from,
                y,
            ));
            r.extend(line(page, 495.0, y));
            rows.push(r);
        }
        let got = texts(&rows);
        assert!(got.iter().all(|(c, _)| *c == Some(0)), "{got:?}");
    }

    #[test]
    fn a_table_under_full_width_text_is_no_pair_of_columns() {
        let mut rows: Vec<Vec<Glyph>> = (0..12)
            .map(|i| line(WIDE, 50.0, 100.0 + 12.0 * i as f64))
            .collect();
        for (i, (a, b, c)) in [
            ("Route", "Length", "Capacity"),
            ("Trans-Caspian", "300", "30"),
            ("Southern Corridor", "3,500", "20"),
            ("Tabriz-Ankara", "2,577", "14"),
        ]
        .into_iter()
        .enumerate()
        {
            let y = 260.0 + 12.0 * i as f64;
            let mut r = line(a, 60.0, y);
            r.extend(line(b, 260.0, y));
            r.extend(line(c, 400.0, y));
            rows.push(r);
        }
        let got = texts(&rows);
        // One column on this page: every row whole, as before bands were looked for.
        assert_eq!(got.len(), 16, "{got:?}");
        assert!(got.iter().all(|(c, _)| *c == Some(0)), "{got:?}");
    }
}
