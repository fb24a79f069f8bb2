//! Notes set in small type in a narrow column beside the text, as journals set a first page's
//! article history and keywords next to the abstract ("ARTICLE HISTORY Received …",
//! "KEYWORDS Caspian; pipelines"): not running text, and read across with the text beside them
//! they cut its lines apart. Taken out before columns are found.

use super::layout::Glyph;

/// The most runs of text a page may have for its side notes to be looked for.
const MAX_PIECES: usize = 50_000;

/// A run of a row's glyphs between gaps wider than two and a half ems.
struct Piece {
    row: usize,
    from: usize,
    to: usize,
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
}

/// The pieces of every row.
fn pieces(rows: &[Vec<&Glyph>]) -> Vec<Piece> {
    let mut out = Vec::new();
    for (ri, row) in rows.iter().enumerate() {
        let mut from = 0;
        let mut end = f64::NEG_INFINITY;
        for (i, g) in row.iter().enumerate() {
            if i > from && g.x - end > 2.5 * g.size {
                out.extend(piece(ri, row, from, i));
                from = i;
            }
            end = if i == from {
                g.x + g.w
            } else {
                end.max(g.x + g.w)
            };
        }
        out.extend(piece(ri, row, from, row.len()));
    }
    out
}

fn piece(row: usize, glyphs: &[&Glyph], from: usize, to: usize) -> Option<Piece> {
    let gs = glyphs.get(from..to)?;
    let letters: Vec<&&Glyph> = gs
        .iter()
        .filter(|g| g.text.chars().any(char::is_alphanumeric))
        .collect();
    let mut sizes: Vec<f64> = letters.iter().map(|g| g.size).collect();
    if sizes.is_empty() {
        return None;
    }
    sizes.sort_by(f64::total_cmp);
    Some(Piece {
        row,
        from,
        to,
        x0: gs.iter().map(|g| g.x).fold(f64::INFINITY, f64::min),
        x1: gs
            .iter()
            .map(|g| g.x + g.w)
            .fold(f64::NEG_INFINITY, f64::max),
        y: letters.first().map_or(0.0, |g| g.y),
        size: sizes.get(sizes.len() / 2).copied().unwrap_or(0.0),
    })
}

/// The rows without side notes, and how many pieces of rows went. A piece in small type is a
/// side note when text in the body's type stands beside it, an em and a half away or more,
/// within two and a half lines above or below, and none of that text runs over or under it;
/// so is a small piece that goes on under a side note (a column of notes may run on past the
/// text beside it) with no body text over or under it within a line.
pub(super) fn drop_side_notes(rows: Vec<Vec<&Glyph>>, body: f64) -> (Vec<Vec<&Glyph>>, usize) {
    let all = pieces(&rows);
    // A page of that many runs of text is a table or a map, not prose with notes beside it.
    if all.len() > MAX_PIECES {
        return (rows, 0);
    }
    let is_body = |p: &Piece| (p.size - body).abs() <= 0.1 * body;
    let overlaps = |p: &Piece, q: &Piece| q.x0 < p.x1 && q.x1 > p.x0;
    // The pieces in the body's type, by height, to look up those near a piece.
    let mut body_pieces: Vec<&Piece> = all.iter().filter(|p| is_body(p)).collect();
    body_pieces.sort_by(|a, b| a.y.total_cmp(&b.y));
    let body_near = |p: &Piece, reach: f64| -> &[&Piece] {
        let from = body_pieces.partition_point(|q| q.y < p.y - reach);
        let to = body_pieces.partition_point(|q| q.y <= p.y + reach);
        body_pieces.get(from..to).unwrap_or(&[])
    };
    let mut is_side: Vec<bool> = all
        .iter()
        .map(|p| {
            if p.size >= 0.9 * body {
                return false;
            }
            let mut beside = false;
            for q in body_near(p, 2.5 * body) {
                if overlaps(p, q) {
                    return false;
                }
                beside |= q.x0 > p.x1 + 1.5 * body || q.x1 < p.x0 - 1.5 * body;
            }
            beside
        })
        .collect();
    // A note's run-on lines, top to bottom: each under a side note found before it.
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.sort_by(|&a, &b| {
        let y = |i: usize| all.get(i).map_or(0.0, |p| p.y);
        y(a).total_cmp(&y(b))
    });
    let mut notes: Vec<(f64, f64)> = Vec::new(); // (y, x0) of side notes, by height
    for &i in &order {
        let Some(p) = all.get(i) else { continue };
        let side = is_side.get(i).copied().unwrap_or(false);
        if !side && p.size < 0.9 * body {
            let from = notes.partition_point(|&(y, _)| y < p.y - 1.8 * p.size);
            let under_note = notes
                .get(from..)
                .unwrap_or(&[])
                .iter()
                .any(|&(y, x0)| (x0 - p.x0).abs() < p.size && p.y > y);
            let clear = !body_near(p, 1.2 * body).iter().any(|q| overlaps(p, q));
            if under_note
                && clear
                && let Some(flag) = is_side.get_mut(i)
            {
                *flag = true;
            }
        }
        if is_side.get(i).copied().unwrap_or(false) {
            notes.push((p.y, p.x0));
        }
    }
    let side: Vec<&Piece> = all
        .iter()
        .zip(&is_side)
        .filter(|(_, s)| **s)
        .map(|(p, _)| p)
        .collect();
    if side.is_empty() {
        return (rows, 0);
    }
    let count = side.len();
    let mut gone: Vec<Vec<bool>> = rows.iter().map(|r| vec![false; r.len()]).collect();
    for p in side {
        if let Some(flags) = gone.get_mut(p.row) {
            for f in flags.iter_mut().take(p.to).skip(p.from) {
                *f = true;
            }
        }
    }
    let kept = rows
        .into_iter()
        .zip(gone)
        .map(|(row, flags)| {
            row.into_iter()
                .zip(flags)
                .filter(|(_, g)| !g)
                .map(|(glyph, _)| glyph)
                .collect::<Vec<_>>()
        })
        .filter(|row| !row.is_empty())
        .collect();
    (kept, count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x: f64, y: f64, size: f64) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .filter(|(_, c)| *c != ' ')
            .map(|(i, c)| Glyph {
                x: x + 0.5 * size * i as f64,
                y,
                w: 0.5 * size,
                size,
                text: c.to_string(),
            })
            .collect()
    }

    fn rows_of(glyphs: &[Glyph]) -> Vec<Vec<&Glyph>> {
        let mut ys: Vec<f64> = glyphs.iter().map(|g| g.y).collect();
        ys.sort_by(f64::total_cmp);
        ys.dedup();
        ys.iter()
            .map(|y| glyphs.iter().filter(|g| g.y == *y).collect())
            .collect()
    }

    #[test]
    fn keywords_beside_the_abstract_go_and_footnotes_stay() {
        let mut g = Vec::new();
        // The side column in 8-point type, the abstract in 10-point beside it.
        g.extend(line("ARTICLE HISTORY", 72.0, 200.0, 8.0));
        g.extend(line("KEYWORDS Caspian", 72.0, 211.0, 8.0));
        // The notes run on past the abstract's last line.
        g.extend(line("Georgia", 72.0, 222.0, 8.0));
        g.extend(line("Tbilisi", 72.0, 233.0, 8.0));
        g.extend(line("Azerbaijan", 72.0, 244.0, 8.0));
        for k in 0..2 {
            g.extend(line(
                "the abstract runs here",
                200.0,
                204.0 + 14.0 * k as f64,
                10.0,
            ));
        }
        // Body text across the page below, and a footnote in small type under it.
        g.extend(line(
            "the body runs across the whole page width",
            72.0,
            300.0,
            10.0,
        ));
        g.extend(line(
            "1 A note under the text across the page",
            72.0,
            320.0,
            8.0,
        ));
        let (kept, gone) = drop_side_notes(rows_of(&g), 10.0);
        assert_eq!(gone, 5);
        let text: Vec<String> = kept
            .iter()
            .map(|r| r.iter().map(|g| g.text.as_str()).collect())
            .collect();
        assert!(
            text.iter()
                .all(|t| !t.contains("KEYWORDS") && !t.contains("HISTORY"))
        );
        assert!(text.iter().any(|t| t.starts_with("1Anote")), "{text:?}");
        assert_eq!(text.len(), 4);
    }
}
