//! Label placement: candidates by kind and zoom, placed greedily by priority with a
//! screen-space collision grid, so labels never overlap. Country and region labels must fit
//! inside their polygon; line labels follow the line.

use std::collections::HashMap;

use egui::{Pos2, Rect, Vec2};

/// A screen-space grid of placed rectangles.
#[derive(Debug)]
pub struct Placer {
    bounds: Rect,
    cell: f32,
    grid: HashMap<(i32, i32), Vec<Rect>>,
    placed: usize,
}

impl Placer {
    pub fn new(bounds: Rect) -> Placer {
        Placer {
            bounds,
            cell: 64.0,
            grid: HashMap::new(),
            placed: 0,
        }
    }

    fn cells(&self, r: &Rect) -> impl Iterator<Item = (i32, i32)> + use<> {
        let c = self.cell;
        let (x0, x1) = ((r.min.x / c).floor() as i32, (r.max.x / c).floor() as i32);
        let (y0, y1) = ((r.min.y / c).floor() as i32, (r.max.y / c).floor() as i32);
        // Guard against absurd rectangles (non-finite or huge): treat them as one cell.
        let (x1, y1) = if x1 - x0 > 256 || y1 - y0 > 256 {
            (x0, y0)
        } else {
            (x1, y1)
        };
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    /// True when the rectangle lies inside the bounds and overlaps nothing placed.
    pub fn is_free(&self, r: &Rect) -> bool {
        if !r.is_finite() || !self.bounds.contains_rect(*r) {
            return false;
        }
        self.cells(r).all(|k| {
            self.grid
                .get(&k)
                .is_none_or(|v| v.iter().all(|o| !o.intersects(*r)))
        })
    }

    /// Reserve a rectangle (labels or obstacles such as markers).
    pub fn add(&mut self, r: Rect) {
        if !r.is_finite() {
            return;
        }
        for k in self.cells(&r) {
            self.grid.entry(k).or_default().push(r);
        }
        self.placed += 1;
    }

    /// Place all rectangles if every one is free; true when placed.
    pub fn try_place(&mut self, rects: &[Rect]) -> bool {
        if rects.iter().all(|r| self.is_free(r)) {
            for r in rects {
                self.add(*r);
            }
            true
        } else {
            false
        }
    }

    /// How many rectangles were reserved.
    pub fn len(&self) -> usize {
        self.placed
    }

    pub fn is_empty(&self) -> bool {
        self.placed == 0
    }
}

/// Where a label of a point marker may go, in order of preference: right, left, above, below.
pub fn point_label_rects(at: Pos2, radius: f32, size: Vec2) -> [Rect; 4] {
    let gap = radius + 3.0;
    [
        Rect::from_min_size(Pos2::new(at.x + gap, at.y - size.y / 2.0), size),
        Rect::from_min_size(Pos2::new(at.x - gap - size.x, at.y - size.y / 2.0), size),
        Rect::from_min_size(Pos2::new(at.x - size.x / 2.0, at.y - gap - size.y), size),
        Rect::from_min_size(Pos2::new(at.x - size.x / 2.0, at.y + gap), size),
    ]
}

/// A placement of a label along a polyline: centre, angle (radians, text kept upright) and the
/// boxes that cover it for collision checks.
#[derive(Debug, Clone, PartialEq)]
pub struct LinePlacement {
    pub center: Pos2,
    pub angle: f32,
    pub boxes: Vec<Rect>,
}

/// Find where a label of `size` can run along a screen polyline: the longest on-screen segment
/// that is at least as long as the text. Returns `None` if the line has no such segment.
pub fn along_line(points: &[Pos2], size: Vec2, clip: Rect) -> Option<LinePlacement> {
    let need = size.x + 8.0;
    let mut best: Option<(f32, Pos2, Pos2)> = None;
    for w in points.windows(2) {
        let (a, b) = match w {
            [a, b] => (*a, *b),
            _ => continue,
        };
        let len = a.distance(b);
        if len < need || !clip.contains(a.lerp(b, 0.5)) {
            continue;
        }
        if best.is_none_or(|(l, _, _)| len > l) {
            best = Some((len, a, b));
        }
    }
    let (_, a, b) = best?;
    let (a, b) = if b.x < a.x { (b, a) } else { (a, b) };
    let dir = (b - a).normalized();
    let angle = dir.y.atan2(dir.x);
    let center = a.lerp(b, 0.5);
    let h = size.y.max(1.0);
    let n = (size.x / h).ceil().max(1.0) as usize;
    let boxes = (0..n)
        .map(|i| {
            let t = (i as f32 + 0.5) / n as f32 - 0.5;
            let c = center + dir * (t * size.x);
            Rect::from_center_size(c, Vec2::splat(h))
        })
        .collect();
    Some(LinePlacement {
        center,
        angle,
        boxes,
    })
}

/// Top-left position for a galley of `size` rotated by `angle` around its top-left so that its
/// centre lands on `center`.
pub fn rotated_origin(center: Pos2, size: Vec2, angle: f32) -> Pos2 {
    let (s, c) = angle.sin_cos();
    let half = size / 2.0;
    let rotated = Vec2::new(half.x * c - half.y * s, half.x * s + half.y * c);
    center - rotated
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_labels_are_refused() {
        let mut p = Placer::new(Rect::from_min_size(Pos2::ZERO, Vec2::new(500.0, 500.0)));
        let a = Rect::from_min_size(Pos2::new(10.0, 10.0), Vec2::new(100.0, 14.0));
        assert!(p.try_place(&[a]));
        assert!(!p.try_place(&[a.translate(Vec2::new(50.0, 5.0))]));
        assert!(p.try_place(&[a.translate(Vec2::new(0.0, 20.0))]));
        // Outside the bounds is refused too.
        assert!(!p.try_place(&[a.translate(Vec2::new(450.0, 0.0))]));
        assert_eq!(p.len(), 2);
        // A rectangle spanning many grid cells still collides with one placed far along it.
        let wide = Rect::from_min_size(Pos2::new(0.0, 100.0), Vec2::new(400.0, 10.0));
        p.add(Rect::from_min_size(
            Pos2::new(380.0, 95.0),
            Vec2::new(5.0, 5.0),
        ));
        assert!(!p.is_free(&wide));
    }

    #[test]
    fn line_label_picks_long_segment_and_stays_upright() {
        let pts = [
            Pos2::new(300.0, 300.0),
            Pos2::new(310.0, 310.0),
            Pos2::new(100.0, 100.0),
        ];
        let clip = Rect::from_min_size(Pos2::ZERO, Vec2::new(400.0, 400.0));
        let Some(pl) = along_line(&pts, Vec2::new(80.0, 12.0), clip) else {
            panic!("the label fits along the line");
        };
        assert!(pl.angle.abs() <= std::f32::consts::FRAC_PI_2 + 1e-4);
        assert!((pl.center.x - 205.0).abs() < 1.0);
        assert!(pl.boxes.len() >= 6);
        assert!(along_line(&pts[..2], Vec2::new(80.0, 12.0), clip).is_none());
    }

    #[test]
    fn rotated_origin_centres_the_text() {
        let size = Vec2::new(40.0, 10.0);
        let o = rotated_origin(Pos2::new(100.0, 100.0), size, 0.0);
        assert_eq!(o, Pos2::new(80.0, 95.0));
        let o = rotated_origin(Pos2::new(100.0, 100.0), size, std::f32::consts::FRAC_PI_2);
        assert!((o.x - 105.0).abs() < 1e-3 && (o.y - 80.0).abs() < 1e-3);
    }
}
