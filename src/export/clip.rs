//! Clipping in pixel space for the printed map: rings against a rectangle (Sutherland–Hodgman,
//! whose seams fall on the rectangle's edge, outside the visible map) and polylines into the
//! pieces inside it (Liang–Barsky), so a zoomed-in SVG carries no off-map vertices.

/// A pixel rectangle: min x, min y, max x, max y.
pub type Rect = [f64; 4];

/// Clip a closed ring (first point not repeated needed) to `r`. Empty when nothing is inside.
pub fn ring(points: &[(f64, f64)], r: &Rect) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = points.to_vec();
    // Each edge of the rectangle: inside test and intersection.
    for edge in 0..4 {
        if out.is_empty() {
            break;
        }
        let input = std::mem::take(&mut out);
        let inside = |p: (f64, f64)| match edge {
            0 => p.0 >= r[0],
            1 => p.0 <= r[2],
            2 => p.1 >= r[1],
            _ => p.1 <= r[3],
        };
        let cross = |a: (f64, f64), b: (f64, f64)| {
            let t = match edge {
                0 => (r[0] - a.0) / (b.0 - a.0),
                1 => (r[2] - a.0) / (b.0 - a.0),
                2 => (r[1] - a.1) / (b.1 - a.1),
                _ => (r[3] - a.1) / (b.1 - a.1),
            };
            (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
        };
        let Some(&last) = input.last() else { break };
        let mut prev = last;
        for &cur in &input {
            match (inside(prev), inside(cur)) {
                (true, true) => out.push(cur),
                (true, false) => out.push(cross(prev, cur)),
                (false, true) => {
                    out.push(cross(prev, cur));
                    out.push(cur);
                }
                (false, false) => {}
            }
            prev = cur;
        }
    }
    out
}

/// Clip a polyline to `r`: the runs of it inside, each with at least two points.
pub fn polyline(points: &[(f64, f64)], r: &Rect) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    for w in points.windows(2) {
        let &[a, b] = w else { continue };
        match segment(a, b, r) {
            Some((p, q)) => {
                if cur.last() != Some(&p) {
                    if cur.len() >= 2 {
                        runs.push(std::mem::take(&mut cur));
                    }
                    cur.clear();
                    cur.push(p);
                }
                cur.push(q);
                if q != b {
                    runs.push(std::mem::take(&mut cur));
                }
            }
            None => {
                if cur.len() >= 2 {
                    runs.push(std::mem::take(&mut cur));
                }
                cur.clear();
            }
        }
    }
    if cur.len() >= 2 {
        runs.push(cur);
    }
    runs
}

/// Liang–Barsky: the part of segment a–b inside `r`.
fn segment(a: (f64, f64), b: (f64, f64), r: &Rect) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - r[0]),
        (dx, r[2] - a.0),
        (-dy, a.1 - r[1]),
        (dy, r[3] - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    if t0 > t1 {
        return None;
    }
    let at = |t: f64| {
        if t == 0.0 {
            a
        } else if t == 1.0 {
            b
        } else {
            (a.0 + dx * t, a.1 + dy * t)
        }
    };
    Some((at(t0), at(t1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rings_are_cut_to_the_box() {
        let r = [0.0, 0.0, 10.0, 10.0];
        let sq = [(-5.0, -5.0), (5.0, -5.0), (5.0, 5.0), (-5.0, 5.0)];
        let c = ring(&sq, &r);
        assert!(
            c.iter()
                .all(|p| p.0 >= 0.0 && p.1 >= 0.0 && p.0 <= 5.0 && p.1 <= 5.0)
        );
        assert_eq!(c.len(), 4);
        assert!(ring(&[(20.0, 20.0), (30.0, 20.0), (30.0, 30.0)], &r).is_empty());
    }

    #[test]
    fn polylines_split_where_they_leave() {
        let r = [0.0, 0.0, 10.0, 10.0];
        let line = [
            (-5.0, 5.0),
            (5.0, 5.0),
            (15.0, 5.0),
            (15.0, 8.0),
            (5.0, 8.0),
        ];
        let runs = polyline(&line, &r);
        assert_eq!(runs.len(), 2, "{runs:?}");
        assert_eq!(
            runs.first(),
            Some(&vec![(0.0, 5.0), (5.0, 5.0), (10.0, 5.0)])
        );
        assert_eq!(runs.get(1), Some(&vec![(10.0, 8.0), (5.0, 8.0)]));
        assert!(polyline(&[(20.0, 20.0), (30.0, 30.0)], &r).is_empty());
    }
}
