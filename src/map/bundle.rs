//! Lines that share a corridor, drawn side by side (transit-map style): at the current scale,
//! the stretches where projected pipelines and corridors run within a few points of each other
//! are found, and each line of such a bundle is offset across it by its rank.

use std::collections::HashMap;

use super::MapModel;
use super::mesh::{self, GeomClass, LineChunk, P, WRect};
use crate::atlas::{Feature, Kind};

/// Lines closer than this on screen (points) are drawn as one bundle.
pub const NEAR_PX: f32 = 3.5;
/// Distance between neighbouring lines of a bundle, in points.
pub const SPACING_PX: f32 = 3.0;

/// The offset copies of the bundled lines for one scale and level of detail.
#[derive(Debug, Clone, Default)]
pub struct Bundles {
    key: Option<(f32, usize, Vec<bool>)>,
    /// Feature index → its outline chunks, offset (only lines that share a stretch).
    offset: HashMap<usize, Vec<LineChunk>>,
}

impl Bundles {
    /// The offset chunks of a feature, if it shares a stretch with another line at this scale.
    pub fn get(&self, i: usize) -> Option<&[LineChunk]> {
        self.offset.get(&i).map(Vec::as_slice)
    }

    /// How many lines are offset.
    pub fn len(&self) -> usize {
        self.offset.len()
    }

    pub fn is_empty(&self) -> bool {
        self.offset.is_empty()
    }

    /// Recompute for a scale (points per km), level of detail and the visible lines (a cheap
    /// no-op when none of them changed: panning keeps the bundles).
    pub fn update(
        &mut self,
        features: &[Feature],
        model: &mut MapModel,
        scale: f32,
        level: usize,
        visible: &dyn Fn(Kind) -> bool,
    ) {
        let lines: Vec<usize> = features
            .iter()
            .enumerate()
            .filter(|(i, f)| {
                matches!(f.kind, Kind::Pipeline | Kind::Corridor)
                    && visible(f.kind)
                    && model
                        .geoms
                        .get(*i)
                        .is_some_and(|g| g.class == GeomClass::Line)
            })
            .map(|(i, _)| i)
            .collect();
        let shown: Vec<bool> = features
            .iter()
            .map(|f| matches!(f.kind, Kind::Pipeline | Kind::Corridor) && visible(f.kind))
            .collect();
        let key = (scale, level, shown);
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let chunks: HashMap<usize, Vec<LineChunk>> = lines
            .iter()
            .filter_map(|&i| {
                model
                    .geoms
                    .get_mut(i)
                    .map(|g| (i, g.outline(level).to_vec()))
            })
            .collect();
        self.offset = offsets(&chunks, NEAR_PX / scale, SPACING_PX / scale);
        self.key = Some(key);
    }
}

/// A segment of a line: (feature, a, b).
type Seg = (usize, P, P);

/// Offsets for every line that runs within `near` (km) of another, `spacing` (km) apart.
pub fn offsets(
    chunks: &HashMap<usize, Vec<LineChunk>>,
    near: f32,
    spacing: f32,
) -> HashMap<usize, Vec<LineChunk>> {
    if !(near > 0.0 && near.is_finite()) {
        return HashMap::new();
    }
    // A grid of segments, cells `near` wide: a point's neighbours are in its 3×3 cells.
    let cell = near.max(1e-3);
    let key = |p: P| ((p[0] / cell).floor() as i64, (p[1] / cell).floor() as i64);
    let mut grid: HashMap<(i64, i64), Vec<Seg>> = HashMap::new();
    for (&i, cs) in chunks {
        for c in cs {
            for w in c.points.windows(2) {
                let [a, b] = [w[0], w[1]];
                let (x0, y0) = key([a[0].min(b[0]), a[1].min(b[1])]);
                let (x1, y1) = key([a[0].max(b[0]), a[1].max(b[1])]);
                if (x1 - x0) * (y1 - y0) > 4096 {
                    continue; // a segment long beyond reason at this scale: not bundled
                }
                for x in x0..=x1 {
                    for y in y0..=y1 {
                        grid.entry((x, y)).or_default().push((i, a, b));
                    }
                }
            }
        }
    }
    let mut out = HashMap::new();
    let mut ids: Vec<&usize> = chunks.keys().collect();
    ids.sort();
    for &i in ids {
        let Some(cs) = chunks.get(&i) else { continue };
        let mut any = false;
        let mut moved: Vec<LineChunk> = Vec::with_capacity(cs.len());
        for c in cs {
            let mut pts = Vec::with_capacity(c.points.len());
            let mut bbox: WRect = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
            for (k, &p) in c.points.iter().enumerate() {
                let prev = c.points.get(k.wrapping_sub(1)).copied().unwrap_or(p);
                let next = c.points.get(k + 1).copied().unwrap_or(p);
                let dir = norm([next[0] - prev[0], next[1] - prev[1]]);
                // The lines near this vertex, and each one's direction there.
                let (x, y) = key(p);
                let mut members: Vec<(usize, P)> = vec![(i, dir)];
                for cx in x - 1..=x + 1 {
                    for cy in y - 1..=y + 1 {
                        for &(j, a, b) in grid.get(&(cx, cy)).into_iter().flatten() {
                            if j != i
                                && !members.iter().any(|(m, _)| *m == j)
                                && seg_dist2(p, a, b) <= near * near
                            {
                                members.push((j, norm([b[0] - a[0], b[1] - a[1]])));
                            }
                        }
                    }
                }
                let q = if members.len() > 1 {
                    any = true;
                    members.sort_by_key(|(m, _)| *m);
                    let n = members.len();
                    let rank = members.iter().position(|(m, _)| *m == i).unwrap_or(0);
                    // Every member offsets along the first member's normal (not its own), so
                    // lines drawn in opposite directions still take their own side.
                    let lead = members.first().map_or(dir, |(_, d)| *d);
                    let normal = [-lead[1], lead[0]];
                    let off = (rank as f32 - (n as f32 - 1.0) / 2.0) * spacing;
                    [p[0] + normal[0] * off, p[1] + normal[1] * off]
                } else {
                    p
                };
                mesh::extend(&mut bbox, q);
                pts.push(q);
            }
            moved.push(LineChunk { bbox, points: pts });
        }
        if any {
            out.insert(i, moved);
        }
    }
    out
}

fn norm(v: P) -> P {
    let l = (v[0] * v[0] + v[1] * v[1]).sqrt();
    if l > 0.0 {
        [v[0] / l, v[1] / l]
    } else {
        [1.0, 0.0]
    }
}

fn seg_dist2(p: P, a: P, b: P) -> f32 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (x, y) = (a[0] + t * dx - p[0], a[1] + t * dy - p[1]);
    x * x + y * y
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(points: Vec<P>) -> Vec<LineChunk> {
        let mut bbox = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
        for p in &points {
            mesh::extend(&mut bbox, *p);
        }
        vec![LineChunk { bbox, points }]
    }

    #[test]
    fn shared_stretches_are_drawn_side_by_side() {
        // Two lines on the same track (one drawn the other way) for x in 0..10, then apart;
        // a third far away.
        let a = chunk(vec![[0.0, 0.0], [5.0, 0.0], [10.0, 0.0], [20.0, 10.0]]);
        let b = chunk(vec![[20.0, -10.0], [10.0, 0.0], [5.0, 0.0], [0.0, 0.0]]);
        let c = chunk(vec![[0.0, 50.0], [10.0, 50.0]]);
        let lines: HashMap<usize, Vec<LineChunk>> = [(1, a), (2, b), (3, c)].into();
        let out = offsets(&lines, 0.5, 0.3);
        assert!(!out.contains_key(&3), "a lone line keeps its geometry");
        let (Some(oa), Some(ob)) = (out.get(&1), out.get(&2)) else {
            panic!("both lines of the shared track are offset: {out:?}");
        };
        let pa = oa[0].points[1];
        let pb = ob[0].points[2];
        // Same place on the track, on opposite sides, `spacing` apart.
        assert!((pa[0] - 5.0).abs() < 1e-4 && (pb[0] - 5.0).abs() < 1e-4);
        assert!((pa[1] - pb[1]).abs() > 0.29 && (pa[1] - pb[1]).abs() < 0.31);
        assert!(pa[1] * pb[1] < 0.0, "{pa:?} {pb:?}");
        // Where they part, each keeps its own course.
        assert_eq!(oa[0].points[3], [20.0, 10.0]);
        assert_eq!(ob[0].points[0], [20.0, -10.0]);
    }

    #[test]
    fn a_bad_scale_bundles_nothing() {
        let lines: HashMap<usize, Vec<LineChunk>> =
            [(1, chunk(vec![[0.0, 0.0], [1.0, 0.0]]))].into();
        assert!(offsets(&lines, f32::NAN, 0.3).is_empty());
        assert!(offsets(&lines, 0.0, 0.3).is_empty());
    }
}
