//! Projected, tessellated geometry: every feature is projected and triangulated once into
//! world-space meshes (kilometres), cut into spatial chunks for culling; outlines are simplified
//! lazily per level of detail and cached. A frame only applies one affine transform and culls.

use std::collections::HashMap;

use geo::{Geometry, LineString, Polygon, Simplify, TriangulateEarcut};

use crate::projection::Lcc;

/// A world-space point in kilometres (x east, y north).
pub type P = [f32; 2];

/// An axis-aligned world-space box `[min_x, min_y, max_x, max_y]`.
pub type WRect = [f32; 4];

/// An empty box that any point extends.
pub const EMPTY_RECT: WRect = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];

/// Grow a box to hold a point.
pub fn extend(r: &mut WRect, p: P) {
    r[0] = r[0].min(p[0]);
    r[1] = r[1].min(p[1]);
    r[2] = r[2].max(p[0]);
    r[3] = r[3].max(p[1]);
}

/// Union of two boxes.
pub fn union(a: WRect, b: WRect) -> WRect {
    [
        a[0].min(b[0]),
        a[1].min(b[1]),
        a[2].max(b[2]),
        a[3].max(b[3]),
    ]
}

/// True when the box holds at least one point.
pub fn is_valid(r: &WRect) -> bool {
    r[0] <= r[2] && r[1] <= r[3]
}

/// True when two boxes overlap.
pub fn intersects(a: &WRect, b: &WRect) -> bool {
    a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]
}

/// Vertices per outline chunk; chunks are culled one by one.
const CHUNK_POINTS: usize = 96;
/// Side of the grid cells that fill triangles are bucketed into, in kilometres.
const FILL_CELL_KM: f32 = 300.0;
/// Number of levels of detail. Level `l` simplifies with a tolerance of `LOD0_KM / 2^l`.
pub const LOD_LEVELS: usize = 12;
const LOD0_KM: f32 = 16.0;

/// The simplification tolerance of a level of detail, in kilometres.
pub fn lod_tolerance(level: usize) -> f32 {
    LOD0_KM / (1u32 << level.min(31)) as f32
}

/// The coarsest level whose tolerance is at most `max_error_px` at `px_per_km`.
pub fn lod_for_scale(px_per_km: f32, max_error_px: f32) -> usize {
    let want = max_error_px / px_per_km.max(1e-6);
    (0..LOD_LEVELS)
        .find(|&l| lod_tolerance(l) <= want)
        .unwrap_or(LOD_LEVELS - 1)
}

/// A piece of triangle mesh with its own vertices.
#[derive(Debug, Clone, Default)]
pub struct FillChunk {
    pub bbox: WRect,
    pub vertices: Vec<P>,
    pub indices: Vec<u32>,
}

/// A piece of polyline (consecutive chunks share their end vertex).
#[derive(Debug, Clone)]
pub struct LineChunk {
    pub bbox: WRect,
    pub points: Vec<P>,
}

/// What shape a feature draws as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GeomClass {
    Area,
    Line,
    Point,
    Empty,
}

/// One feature's projected geometry.
#[derive(Debug, Clone)]
pub struct FeatureGeom {
    pub class: GeomClass,
    pub bbox: WRect,
    /// Triangulated interior (areas), in world space, bucketed spatially.
    pub fill: Vec<FillChunk>,
    /// Projected rings (areas) or parts (lines), full detail.
    pub lines: Vec<Vec<P>>,
    /// Points (cities, point fields).
    pub points: Vec<P>,
    /// Projected area in km² (sum over polygons, holes subtracted).
    pub area: f64,
    /// Where an area's label goes: an interior point of its largest polygon.
    pub label_at: Option<P>,
    /// The largest polygon's rings, for checking that a label fits inside.
    pub label_poly: Option<Polygon<f32>>,
    /// Band indices of `label_poly`'s rings (exterior first), for [`FeatureGeom::label_contains`].
    label_bands: Vec<RingBands>,
    lod: Vec<Option<Vec<LineChunk>>>,
    /// Projected polygons (areas), kept to triangulate simplified fills per level of detail.
    polys: Vec<Polygon<f32>>,
    fill_lod: Vec<Option<Vec<FillChunk>>>,
    /// Whole rings (areas) simplified per level of detail, with their boxes: what the software
    /// rasteriser fills.
    ring_lod: Vec<Option<Vec<Ring>>>,
}

/// A closed ring simplified for a level of detail, with its box.
#[derive(Debug, Clone)]
pub struct Ring {
    pub bbox: WRect,
    pub points: Vec<P>,
}

impl FeatureGeom {
    fn empty() -> FeatureGeom {
        FeatureGeom {
            class: GeomClass::Empty,
            bbox: EMPTY_RECT,
            fill: Vec::new(),
            lines: Vec::new(),
            points: Vec::new(),
            area: 0.0,
            label_at: None,
            label_poly: None,
            label_bands: Vec::new(),
            lod: vec![None; LOD_LEVELS],
            polys: Vec::new(),
            fill_lod: vec![None; LOD_LEVELS],
            ring_lod: vec![None; LOD_LEVELS],
        }
    }

    /// Project and tessellate a lon/lat geometry.
    pub fn build(geometry: &Geometry<f64>, proj: &Lcc) -> FeatureGeom {
        let mut g = FeatureGeom::empty();
        let mut polys: Vec<Polygon<f64>> = Vec::new();
        collect(geometry, proj, &mut polys, &mut g.lines, &mut g.points);
        // Lines collected so far are line features; polygon rings follow.
        let has_lines = !g.lines.is_empty();
        let mut tris: Vec<[P; 3]> = Vec::new();
        let mut best: Option<(f64, Polygon<f64>)> = None;
        g.polys = polys
            .iter()
            .map(|p| {
                p.map_coords(|c| geo::Coord {
                    x: c.x as f32,
                    y: c.y as f32,
                })
            })
            .collect();
        for poly in polys {
            let a = signed_area(poly.exterior()).abs()
                - poly
                    .interiors()
                    .iter()
                    .map(|r| signed_area(r).abs())
                    .sum::<f64>();
            g.area += a;
            let raw = poly.earcut_triangles_raw();
            for t in raw.triangle_indices.chunks_exact(3) {
                let v = |i: usize| -> Option<P> {
                    raw.vertices.get(i).map(|c| [c[0] as f32, c[1] as f32])
                };
                if let (Some(a), Some(b), Some(c)) = (v(t[0]), v(t[1]), v(t[2])) {
                    tris.push([a, b, c]);
                }
            }
            for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                g.lines
                    .push(ring.0.iter().map(|c| [c.x as f32, c.y as f32]).collect());
            }
            if best.as_ref().is_none_or(|(ba, _)| a > *ba) {
                best = Some((a, poly));
            }
        }
        g.fill = bucket_triangles(&tris);
        if let Some((_, poly)) = best {
            use geo::InteriorPoint;
            g.label_at = poly.interior_point().map(|p| [p.x() as f32, p.y() as f32]);
            let label_poly = poly.map_coords(|c| geo::Coord {
                x: c.x as f32,
                y: c.y as f32,
            });
            g.label_bands = std::iter::once(label_poly.exterior())
                .chain(label_poly.interiors())
                .map(RingBands::new)
                .collect();
            g.label_poly = Some(label_poly);
        }
        g.class = if !tris.is_empty() || g.area > 0.0 {
            GeomClass::Area
        } else if has_lines {
            GeomClass::Line
        } else if !g.points.is_empty() {
            GeomClass::Point
        } else {
            GeomClass::Empty
        };
        for l in &g.lines {
            for p in l {
                extend(&mut g.bbox, *p);
            }
        }
        for p in &g.points {
            extend(&mut g.bbox, *p);
        }
        g
    }

    /// The outlines (rings or line parts) simplified for a level of detail, chunked for culling.
    /// Built on first use of that level, then cached.
    pub fn outline(&mut self, level: usize) -> &[LineChunk] {
        let level = level.min(LOD_LEVELS - 1);
        if self.lod.len() < LOD_LEVELS {
            self.lod.resize(LOD_LEVELS, None);
        }
        let lines = &self.lines;
        let slot = &mut self.lod[level];
        slot.get_or_insert_with(|| {
            let eps = lod_tolerance(level);
            let mut out = Vec::new();
            for line in lines {
                let simplified = simplify(line, eps);
                chunk_line(&simplified, &mut out);
            }
            out
        })
    }

    /// An area's rings (exteriors and holes) simplified for a level of detail exactly as its
    /// outline is, whole (not chunked): filled with the even-odd rule they give the area.
    /// Built on first use of that level, then cached; empty for lines and points.
    pub fn rings(&mut self, level: usize) -> &[Ring] {
        let level = level.min(LOD_LEVELS - 1);
        if self.ring_lod.len() < LOD_LEVELS {
            self.ring_lod.resize(LOD_LEVELS, None);
        }
        let area = self.class == GeomClass::Area;
        let lines = &self.lines;
        let slot = &mut self.ring_lod[level];
        slot.get_or_insert_with(|| {
            if !area {
                return Vec::new();
            }
            let eps = lod_tolerance(level);
            lines
                .iter()
                // Closed rings only (a collection's line parts are outlines, not areas).
                .filter(|l| l.len() >= 4 && l.first() == l.last())
                .map(|l| simplify(l, eps))
                .filter(|l| l.len() >= 3)
                .map(|points| {
                    let mut bbox = EMPTY_RECT;
                    for p in &points {
                        extend(&mut bbox, *p);
                    }
                    Ring { bbox, points }
                })
                .collect()
        })
    }

    /// The fill triangulated from outlines simplified for a level of detail (built on first use,
    /// then cached). The finest level is the full-detail fill.
    pub fn fill_at(&mut self, level: usize) -> &[FillChunk] {
        let level = level.min(LOD_LEVELS - 1);
        if level + 1 >= LOD_LEVELS || self.polys.is_empty() {
            return &self.fill;
        }
        if self.fill_lod.len() < LOD_LEVELS {
            self.fill_lod.resize(LOD_LEVELS, None);
        }
        let polys = &self.polys;
        let full = &self.fill;
        let slot = &mut self.fill_lod[level];
        slot.get_or_insert_with(|| {
            let eps = lod_tolerance(level);
            let mut tris: Vec<[P; 3]> = Vec::new();
            for poly in polys {
                let simple = poly.simplify(eps);
                if simple.exterior().0.len() < 4 {
                    continue;
                }
                let raw = simple.earcut_triangles_raw();
                for t in raw.triangle_indices.chunks_exact(3) {
                    let v = |i: usize| raw.vertices.get(i).map(|c| [c[0], c[1]]);
                    if let (Some(a), Some(b), Some(c)) = (v(t[0]), v(t[1]), v(t[2])) {
                        tris.push([a, b, c]);
                    }
                }
            }
            if tris.is_empty() {
                full.clone()
            } else {
                bucket_triangles(&tris)
            }
        })
    }

    /// Whether `label_poly` contains `p` in its interior (the boundary is outside), exactly as
    /// `geo::Contains` decides, but only looking at the edges near `p`'s height.
    pub fn label_contains(&self, p: P) -> bool {
        let Some(poly) = &self.label_poly else {
            return false;
        };
        let c = geo::Coord { x: p[0], y: p[1] };
        let rings = std::iter::once(poly.exterior()).chain(poly.interiors());
        let mut position = rings.zip(&self.label_bands).map(|(r, b)| b.position(r, c));
        position.next() == Some(RingPos::Inside) && position.all(|h| h == RingPos::Outside)
    }

    /// Number of levels already built (for tests and stats).
    pub fn lod_built(&self) -> usize {
        self.lod.iter().filter(|l| l.is_some()).count()
    }

    /// Total area of the fill triangles (km²).
    pub fn fill_area(&self) -> f64 {
        self.fill
            .iter()
            .map(|c| {
                c.indices
                    .chunks_exact(3)
                    .map(|t| {
                        let g = |i: u32| c.vertices.get(i as usize).copied().unwrap_or([0.0; 2]);
                        let (a, b, d) = (g(t[0]), g(t[1]), g(t[2]));
                        let cross = (f64::from(b[0]) - f64::from(a[0]))
                            * (f64::from(d[1]) - f64::from(a[1]))
                            - (f64::from(d[0]) - f64::from(a[0]))
                                * (f64::from(b[1]) - f64::from(a[1]));
                        cross.abs() / 2.0
                    })
                    .sum::<f64>()
            })
            .sum()
    }
}

use geo::MapCoords;

/// Where a point is relative to a closed ring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RingPos {
    Inside,
    OnBoundary,
    Outside,
}

/// Edges per horizontal band (on average) of a ring's band index.
const EDGES_PER_BAND: usize = 8;

/// A closed ring's edges cut into horizontal bands, so that a point-in-ring test only looks at
/// the edges whose height range can hold the point.
#[derive(Debug, Clone, Default)]
struct RingBands {
    y0: f32,
    y1: f32,
    inv_h: f32,
    /// Edges (numbered by their first point) of band `b`: `edges[start[b]..start[b + 1]]`.
    start: Vec<u32>,
    edges: Vec<u32>,
}

impl RingBands {
    fn new(ring: &LineString<f32>) -> RingBands {
        let (mut y0, mut y1) = (f32::INFINITY, f32::NEG_INFINITY);
        for c in &ring.0 {
            y0 = y0.min(c.y);
            y1 = y1.max(c.y);
        }
        let n_edges = ring.0.len().saturating_sub(1);
        if !(y0.is_finite() && y1.is_finite()) || u32::try_from(n_edges).is_err() {
            return RingBands::default();
        }
        let count = (n_edges / EDGES_PER_BAND).clamp(1, 1 << 16);
        let mut b = RingBands {
            y0,
            y1,
            inv_h: if y1 > y0 {
                count as f32 / (y1 - y0)
            } else {
                0.0
            },
            start: vec![0; count + 1],
            edges: Vec::new(),
        };
        let spans: Vec<(usize, usize)> = ring
            .0
            .windows(2)
            .map(|w| match w {
                [a, c] => (b.band(a.y.min(c.y)), b.band(a.y.max(c.y))),
                _ => (0, 0),
            })
            .collect();
        for &(lo, hi) in &spans {
            for slot in b.start.get_mut(lo + 1..=hi + 1).into_iter().flatten() {
                *slot += 1;
            }
        }
        for i in 1..b.start.len() {
            let prev = b.start.get(i - 1).copied().unwrap_or(0);
            if let Some(slot) = b.start.get_mut(i) {
                *slot += prev;
            }
        }
        let mut fill = b.start.clone();
        b.edges = vec![0; fill.last().copied().unwrap_or(0) as usize];
        for (e, &(lo, hi)) in spans.iter().enumerate() {
            for at in fill.get_mut(lo..=hi).into_iter().flatten() {
                if let Some(slot) = b.edges.get_mut(*at as usize) {
                    *slot = e as u32;
                }
                *at += 1;
            }
        }
        b
    }

    fn band(&self, y: f32) -> usize {
        // `y >= y0` here; the float → int cast floors (and saturates).
        (((y - self.y0) * self.inv_h) as usize).min(self.start.len().saturating_sub(2))
    }

    /// `geo`'s winding-number test of a point against a ring, over the edges of its band only
    /// (the other edges cannot cross or hold the point, so they would add nothing).
    fn position(&self, ring: &LineString<f32>, c: geo::Coord<f32>) -> RingPos {
        use geo::kernels::{Kernel, Orientation};
        type Ker = <f32 as geo::GeoNum>::Ker;
        let between = |v: f32, a: f32, b: f32| {
            if a < b {
                v >= a && v <= b
            } else {
                v >= b && v <= a
            }
        };
        match ring.0.as_slice() {
            [] => return RingPos::Outside,
            [only] if *only == c => return RingPos::OnBoundary,
            [_] => return RingPos::Outside,
            _ => {}
        }
        if !(c.y >= self.y0 && c.y <= self.y1) {
            return RingPos::Outside;
        }
        let band = self.band(c.y);
        let edges = match (self.start.get(band), self.start.get(band + 1)) {
            (Some(&s), Some(&e)) => self.edges.get(s as usize..e as usize).unwrap_or(&[]),
            _ => &[],
        };
        let mut winding = 0i32;
        for &e in edges {
            let (Some(&start), Some(&end)) = (ring.0.get(e as usize), ring.0.get(e as usize + 1))
            else {
                continue;
            };
            if start.y <= c.y {
                if end.y >= c.y {
                    let o = Ker::orient2d(start, end, c);
                    if o == Orientation::CounterClockwise && end.y != c.y {
                        winding += 1;
                    } else if o == Orientation::Collinear && between(c.x, start.x, end.x) {
                        return RingPos::OnBoundary;
                    }
                }
            } else if end.y <= c.y {
                let o = Ker::orient2d(start, end, c);
                if o == Orientation::Clockwise {
                    winding -= 1;
                } else if o == Orientation::Collinear && between(c.x, start.x, end.x) {
                    return RingPos::OnBoundary;
                }
            }
        }
        if winding == 0 {
            RingPos::Outside
        } else {
            RingPos::Inside
        }
    }
}

fn signed_area(ring: &LineString<f64>) -> f64 {
    let mut s = 0.0;
    for w in ring.0.windows(2) {
        if let [a, b] = w {
            s += a.x * b.y - b.x * a.y;
        }
    }
    s / 2.0
}

/// A ring is usable when it has at least three distinct points (four with the closing one).
fn usable_ring(r: &LineString<f64>) -> bool {
    r.0.len() >= 4
}

fn project_ring(r: &LineString<f64>, proj: &Lcc) -> LineString<f64> {
    let mut ls: LineString<f64> =
        r.0.iter()
            .filter(|c| c.x.is_finite() && c.y.is_finite())
            .map(|c| {
                let [x, y] = proj.forward(c.x, c.y);
                geo::Coord { x, y }
            })
            .collect();
    ls.0.dedup();
    ls.close();
    ls
}

fn project_polygon(p: &Polygon<f64>, proj: &Lcc) -> Option<Polygon<f64>> {
    let ext = project_ring(p.exterior(), proj);
    if !usable_ring(&ext) {
        return None;
    }
    let holes = p
        .interiors()
        .iter()
        .map(|r| project_ring(r, proj))
        .filter(usable_ring)
        .collect();
    Some(Polygon::new(ext, holes))
}

fn collect(
    g: &Geometry<f64>,
    proj: &Lcc,
    polys: &mut Vec<Polygon<f64>>,
    lines: &mut Vec<Vec<P>>,
    points: &mut Vec<P>,
) {
    let line = |ls: &LineString<f64>| -> Vec<P> {
        let mut v: Vec<P> =
            ls.0.iter()
                .filter(|c| c.x.is_finite() && c.y.is_finite())
                .map(|c| {
                    let [x, y] = proj.forward(c.x, c.y);
                    [x as f32, y as f32]
                })
                .collect();
        v.dedup();
        v
    };
    match g {
        Geometry::Point(p) => {
            if p.x().is_finite() && p.y().is_finite() {
                let [x, y] = proj.forward(p.x(), p.y());
                points.push([x as f32, y as f32]);
            }
        }
        Geometry::MultiPoint(mp) => {
            for p in mp {
                collect(&Geometry::Point(*p), proj, polys, lines, points);
            }
        }
        Geometry::Line(l) => lines.push(line(&LineString::from(vec![l.start, l.end]))),
        Geometry::LineString(ls) => {
            let v = line(ls);
            if v.len() >= 2 {
                lines.push(v);
            }
        }
        Geometry::MultiLineString(mls) => {
            for ls in mls {
                let v = line(ls);
                if v.len() >= 2 {
                    lines.push(v);
                }
            }
        }
        Geometry::Polygon(p) => polys.extend(project_polygon(p, proj)),
        Geometry::MultiPolygon(mp) => {
            polys.extend(mp.iter().filter_map(|p| project_polygon(p, proj)));
        }
        Geometry::Rect(r) => polys.extend(project_polygon(&r.to_polygon(), proj)),
        Geometry::Triangle(t) => polys.extend(project_polygon(&t.to_polygon(), proj)),
        Geometry::GeometryCollection(gc) => {
            for g in gc {
                collect(g, proj, polys, lines, points);
            }
        }
    }
}

/// Bucket triangles into grid cells (by centroid) so that off-screen parts are culled.
fn bucket_triangles(tris: &[[P; 3]]) -> Vec<FillChunk> {
    let mut cells: HashMap<(i32, i32), FillChunk> = HashMap::new();
    let mut index: HashMap<(i32, i32), HashMap<(u32, u32), u32>> = HashMap::new();
    for t in tris {
        let cx = (t[0][0] + t[1][0] + t[2][0]) / 3.0;
        let cy = (t[0][1] + t[1][1] + t[2][1]) / 3.0;
        let key = (
            (cx / FILL_CELL_KM).floor() as i32,
            (cy / FILL_CELL_KM).floor() as i32,
        );
        let chunk = cells.entry(key).or_insert_with(|| FillChunk {
            bbox: EMPTY_RECT,
            ..FillChunk::default()
        });
        let seen = index.entry(key).or_default();
        for p in t {
            let k = (p[0].to_bits(), p[1].to_bits());
            let i = *seen.entry(k).or_insert_with(|| {
                chunk.vertices.push(*p);
                extend(&mut chunk.bbox, *p);
                (chunk.vertices.len() - 1) as u32
            });
            chunk.indices.push(i);
        }
    }
    let mut out: Vec<((i32, i32), FillChunk)> = cells.into_iter().collect();
    out.sort_by_key(|(k, _)| *k);
    out.into_iter().map(|(_, c)| c).collect()
}

fn simplify(line: &[P], eps: f32) -> Vec<P> {
    if line.len() <= 3 {
        return line.to_vec();
    }
    let ls: LineString<f32> = line
        .iter()
        .map(|p| geo::Coord { x: p[0], y: p[1] })
        .collect();
    let s = ls.simplify(eps);
    let out: Vec<P> = s.0.iter().map(|c| [c.x, c.y]).collect();
    // A tiny closed ring may collapse; keep it visible as its original few points.
    if out.len() < 3 && line.first() == line.last() {
        line.to_vec()
    } else {
        out
    }
}

fn chunk_line(line: &[P], out: &mut Vec<LineChunk>) {
    if line.len() < 2 {
        return;
    }
    let mut start = 0;
    while start + 1 < line.len() {
        let end = (start + CHUNK_POINTS).min(line.len() - 1);
        let pts = line.get(start..=end).unwrap_or_default().to_vec();
        let mut bbox = EMPTY_RECT;
        for p in &pts {
            extend(&mut bbox, *p);
        }
        out.push(LineChunk { bbox, points: pts });
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Area, Coord, MultiPolygon, polygon};

    fn planar_area_projected(g: &Geometry<f64>, proj: &Lcc) -> f64 {
        // The reference: project the geometry's coordinates and use geo's own area.
        let projected = g.map_coords(|c| {
            let [x, y] = proj.forward(c.x, c.y);
            Coord { x, y }
        });
        projected.unsigned_area()
    }

    #[test]
    fn concave_polygon_area_matches() {
        // An L-shaped (concave) polygon around the Caspian.
        let p = polygon![
            (x: 46.0, y: 37.0), (x: 54.0, y: 37.0), (x: 54.0, y: 39.0),
            (x: 48.0, y: 39.0), (x: 48.0, y: 46.0), (x: 46.0, y: 46.0), (x: 46.0, y: 37.0)
        ];
        let g = Geometry::Polygon(p);
        let proj = Lcc::region();
        let fg = FeatureGeom::build(&g, &proj);
        assert_eq!(fg.class, GeomClass::Area);
        let want = planar_area_projected(&g, &proj);
        assert!(want > 100_000.0);
        assert!(
            (fg.fill_area() - want).abs() / want < 1e-4,
            "{} vs {want}",
            fg.fill_area()
        );
        assert!((fg.area - want).abs() / want < 1e-6);
    }

    #[test]
    fn holes_are_not_filled() {
        let p = polygon!(
            exterior: [(x: 40.0, y: 35.0), (x: 50.0, y: 35.0), (x: 50.0, y: 45.0), (x: 40.0, y: 45.0), (x: 40.0, y: 35.0)],
            interiors: [[(x: 43.0, y: 38.0), (x: 43.0, y: 42.0), (x: 47.0, y: 42.0), (x: 47.0, y: 38.0), (x: 43.0, y: 38.0)]],
        );
        let g = Geometry::Polygon(p.clone());
        let proj = Lcc::region();
        let fg = FeatureGeom::build(&g, &proj);
        let want = planar_area_projected(&g, &proj);
        let outer = planar_area_projected(
            &Geometry::Polygon(Polygon::new(p.exterior().clone(), vec![])),
            &proj,
        );
        assert!(want < outer * 0.9, "the hole is sizeable");
        assert!(
            (fg.fill_area() - want).abs() / want < 1e-4,
            "{} vs {want}",
            fg.fill_area()
        );
        // No triangle has its centroid inside the hole.
        let hole_c = proj.forward(45.0, 40.0);
        for c in &fg.fill {
            for t in c.indices.chunks_exact(3) {
                let v: Vec<P> = t.iter().map(|&i| c.vertices[i as usize]).collect();
                let cx = (v[0][0] + v[1][0] + v[2][0]) / 3.0;
                let cy = (v[0][1] + v[1][1] + v[2][1]) / 3.0;
                assert!(
                    ((cx as f64 - hole_c[0]).abs() > 50.0)
                        || ((cy as f64 - hole_c[1]).abs() > 50.0)
                );
            }
        }
        // Two rings are kept for the borders.
        assert_eq!(fg.lines.len(), 2);
    }

    #[test]
    fn multipolygon_parts_all_count() {
        let a = polygon![(x: 45.0, y: 39.0), (x: 46.0, y: 39.0), (x: 46.0, y: 40.0), (x: 45.0, y: 39.0)];
        let b = polygon![(x: 60.0, y: 40.0), (x: 65.0, y: 40.0), (x: 65.0, y: 44.0), (x: 60.0, y: 44.0), (x: 60.0, y: 40.0)];
        let g = Geometry::MultiPolygon(MultiPolygon(vec![a, b]));
        let proj = Lcc::region();
        let fg = FeatureGeom::build(&g, &proj);
        let want = planar_area_projected(&g, &proj);
        assert!((fg.fill_area() - want).abs() / want < 1e-4);
        // The label goes into the larger part.
        let Some(l) = fg.label_at else {
            panic!("the feature has a label point");
        };
        let (x0, _) = (proj.forward(60.0, 42.0)[0], 0);
        assert!((l[0] as f64) > x0 - 300.0);
    }

    #[test]
    fn degenerate_input_does_not_panic() {
        let proj = Lcc::region();
        let empty = Geometry::Polygon(Polygon::new(LineString::new(vec![]), vec![]));
        let fg = FeatureGeom::build(&empty, &proj);
        assert_eq!(fg.class, GeomClass::Empty);
        let two = Geometry::Polygon(Polygon::new(
            LineString::from(vec![(40.0, 40.0), (41.0, 41.0)]),
            vec![LineString::from(vec![(40.0, 40.0)])],
        ));
        let fg = FeatureGeom::build(&two, &proj);
        assert_eq!(fg.fill_area(), 0.0);
        let nan = Geometry::Point(geo::Point::new(f64::NAN, 1.0));
        assert_eq!(FeatureGeom::build(&nan, &proj).class, GeomClass::Empty);
    }

    #[test]
    fn lod_is_coarser_at_low_levels_and_cached() {
        let proj = Lcc::region();
        let pts: Vec<(f64, f64)> = (0..2000)
            .map(|i| {
                let t = i as f64 / 2000.0;
                (40.0 + 20.0 * t, 40.0 + 0.05 * (t * 400.0).sin())
            })
            .collect();
        let g = Geometry::LineString(LineString::from(pts));
        let mut fg = FeatureGeom::build(&g, &proj);
        assert_eq!(fg.class, GeomClass::Line);
        let count = |c: &[LineChunk]| c.iter().map(|c| c.points.len()).sum::<usize>();
        let coarse = count(fg.outline(0));
        let fine = count(fg.outline(LOD_LEVELS - 1));
        assert!(coarse < fine / 4, "{coarse} vs {fine}");
        assert_eq!(fg.lod_built(), 2);
        // Chunks join end to start.
        let chunks = fg.outline(LOD_LEVELS - 1);
        for w in chunks.windows(2) {
            assert_eq!(w[0].points.last(), w[1].points.first());
        }
    }

    #[test]
    fn simplified_fill_keeps_the_area_and_has_fewer_vertices() {
        // A wiggly 10°×6° box: the simplified fill loses the wiggles, not the area.
        let mut ring: Vec<(f64, f64)> = (0..400)
            .map(|i| {
                (
                    40.0 + 10.0 * i as f64 / 400.0,
                    36.0 + 0.01 * (i as f64).sin(),
                )
            })
            .collect();
        ring.extend([(50.0, 36.0), (50.0, 42.0), (40.0, 42.0), (40.0, 36.0)]);
        let g = Geometry::Polygon(Polygon::new(LineString::from(ring), vec![]));
        let mut fg = FeatureGeom::build(&g, &Lcc::region());
        let full = fg.fill_area();
        let full_v: usize = fg.fill.iter().map(|c| c.vertices.len()).sum();
        let coarse = fg.fill_at(2).to_vec();
        let coarse_v: usize = coarse.iter().map(|c| c.vertices.len()).sum();
        let area: f64 = FeatureGeom {
            fill: coarse,
            ..fg.clone()
        }
        .fill_area();
        assert!(coarse_v * 4 < full_v, "{coarse_v} vs {full_v}");
        assert!((area - full).abs() / full < 0.01, "{area} vs {full}");
        assert_eq!(fg.fill_at(LOD_LEVELS - 1).len(), fg.fill.len());
    }

    #[test]
    fn label_containment_agrees_with_geo() {
        use geo::Contains;
        // A jagged ring with a hole, projected; points on a grid, on vertices and on edges.
        let ring = |cx: f64, cy: f64, r0: f64, r1: f64, n: usize| -> LineString<f64> {
            let mut pts: Vec<(f64, f64)> = (0..n)
                .map(|i| {
                    let t = i as f64 / n as f64 * std::f64::consts::TAU;
                    let r = if i % 3 == 0 { r0 } else { r1 };
                    (cx + r * t.cos(), cy + r * t.sin())
                })
                .collect();
            pts.push(pts[0]);
            LineString::from(pts)
        };
        let hole: Vec<_> = ring(47.0, 41.0, 0.5, 0.8, 40).0.into_iter().rev().collect();
        let g = Geometry::Polygon(Polygon::new(
            ring(47.0, 41.0, 3.0, 2.5, 300),
            vec![LineString::new(hole)],
        ));
        let fg = FeatureGeom::build(&g, &Lcc::region());
        let Some(poly) = fg.label_poly.clone() else {
            panic!("the feature has a label polygon");
        };
        let b = fg.bbox;
        let mut points: Vec<P> = Vec::new();
        for i in 0..=120 {
            for j in 0..=120 {
                points.push([
                    b[0] + (b[2] - b[0]) * i as f32 / 120.0,
                    b[1] + (b[3] - b[1]) * j as f32 / 120.0,
                ]);
            }
        }
        for r in std::iter::once(poly.exterior()).chain(poly.interiors()) {
            for w in r.0.windows(2) {
                points.push([w[0].x, w[0].y]);
                points.push([(w[0].x + w[1].x) / 2.0, (w[0].y + w[1].y) / 2.0]);
            }
        }
        let mut inside = 0;
        for p in points {
            let want = poly.contains(&geo::Point::new(p[0], p[1]));
            assert_eq!(fg.label_contains(p), want, "at {p:?}");
            inside += usize::from(want);
        }
        assert!(inside > 3000, "{inside}");
    }

    #[test]
    fn lod_choice_follows_scale() {
        assert!(lod_for_scale(0.2, 0.5) < lod_for_scale(20.0, 0.5));
        let l = lod_for_scale(1.0, 0.5);
        assert!(lod_tolerance(l) <= 0.5);
        assert!(l == 0 || lod_tolerance(l - 1) > 0.5);
    }
}
