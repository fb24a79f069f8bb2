//! The spatial index of the atlas: an `rstar` R-tree over points, line chunks and polygon parts,
//! with a band index of the edges of every big polygon for fast point-in-polygon; and picking.
//!
//! The index keeps no copy of the geometry: entries name a feature and a part of it, looked up in
//! the features' geometries at query time (geometry kinds the loader never makes — `Line`, `Rect`,
//! `Triangle`, collections — are copied in instead).
//!
//! Distances for picking are in degrees of latitude: a longitude difference is scaled by
//! cos(latitude of the query), so a tolerance is (roughly) the same ground distance east-west as
//! north-south (1° ≈ 111 km).

use geo::{Coord, Distance, Euclidean, Geometry, Intersects, Line, LineString, Point, Polygon};
use rstar::{AABB, RTree, RTreeObject};

/// Segments per indexed line chunk.
const CHUNK: usize = 8;
/// Polygons with more edges than this get a band index of their edges for point-in-polygon.
const BIG_POLYGON: usize = 64;
/// Edges per horizontal band (on average) in a big polygon's band index.
const EDGES_PER_BAND: usize = 8;
/// Band entries allowed per edge before the bands are made taller (long edges span many bands).
const MAX_ENTRIES_PER_EDGE: usize = 4;

#[derive(Debug, Clone)]
enum Shape {
    Point(Coord<f64>),
    /// Positions `start..=end` of `lines[line]`.
    Chunk {
        line: u32,
        start: u32,
        end: u32,
    },
    Poly(u32),
}

#[derive(Debug, Clone)]
struct Entry {
    env: AABB<[f64; 2]>,
    feature: u32,
    shape: Shape,
}

impl RTreeObject for Entry {
    type Envelope = AABB<[f64; 2]>;
    fn envelope(&self) -> Self::Envelope {
        self.env
    }
}

/// Where a line or polygon part's coordinates are.
#[derive(Debug, Clone)]
enum Part<T> {
    /// Part `part` of feature `feature`'s geometry (a `LineString` / `Polygon` is its own part 0).
    Feature { feature: u32, part: u32 },
    /// A copy, for geometry kinds that cannot be borrowed as a line string or polygon.
    Owned(T),
}

/// A reference to part `part` of `feature`, when `top` (the feature's own geometry) and it fits.
fn borrowed<T>(top: bool, feature: u32, part: usize) -> Option<Part<T>> {
    let part = u32::try_from(part).ok().filter(|_| top)?;
    Some(Part::Feature { feature, part })
}

/// Line string `part` of a geometry, if it is a (multi) line string.
fn line_part(g: &Geometry<f64>, part: u32) -> Option<&[Coord<f64>]> {
    match g {
        Geometry::LineString(l) if part == 0 => Some(&l.0),
        Geometry::MultiLineString(ml) => ml.0.get(part as usize).map(|l| l.0.as_slice()),
        _ => None,
    }
}

/// Polygon `part` of a geometry, if it is a (multi) polygon.
fn polygon_part(g: &Geometry<f64>, part: u32) -> Option<&Polygon<f64>> {
    match g {
        Geometry::Polygon(p) if part == 0 => Some(p),
        Geometry::MultiPolygon(mp) => mp.0.get(part as usize),
        _ => None,
    }
}

/// The edges of a big polygon cut into horizontal bands of equal height: a query ray at height
/// `y` only looks at the edges of the band holding `y` (an edge is listed in every band its
/// y-extent touches).
#[derive(Debug, Clone)]
struct Bands {
    y0: f64,
    y1: f64,
    inv_h: f64,
    /// Edges of band `b`: `edges[start[b]..start[b + 1]]`.
    start: Vec<u32>,
    /// Edge numbers: ring `r`'s edges are `ring_start[r]..ring_start[r + 1]`.
    edges: Vec<u32>,
    ring_start: Vec<u32>,
}

impl Bands {
    fn count(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    fn band(&self, y: f64) -> usize {
        // `y >= y0` here; the float → int cast floors (and saturates).
        (((y - self.y0) * self.inv_h) as usize).min(self.count().saturating_sub(1))
    }

    /// Index the edges of `rings` (closed). `None` when the extent is not finite.
    fn new(rings: &[&LineString<f64>], n_edges: usize) -> Option<Bands> {
        let (mut y0, mut y1) = (f64::INFINITY, f64::NEG_INFINITY);
        for r in rings {
            for c in &r.0 {
                y0 = y0.min(c.y);
                y1 = y1.max(c.y);
            }
        }
        if !(y0.is_finite() && y1.is_finite()) || u32::try_from(n_edges).is_err() {
            return None;
        }
        let mut ring_start = Vec::with_capacity(rings.len() + 1);
        let mut total = 0u32;
        ring_start.push(0);
        for r in rings {
            total += u32::try_from(r.0.len().saturating_sub(1)).ok()?;
            ring_start.push(total);
        }
        let mut count = (n_edges / EDGES_PER_BAND).max(1);
        let mut spans: Vec<(usize, usize)> = Vec::with_capacity(n_edges);
        loop {
            let mut bands = Bands {
                y0,
                y1,
                inv_h: if y1 > y0 {
                    count as f64 / (y1 - y0)
                } else {
                    0.0
                },
                start: vec![0; count + 1],
                edges: Vec::new(),
                ring_start: Vec::new(),
            };
            // The bands each edge spans, and the entries per band (shifted by one: `start`
            // becomes the prefix sums).
            spans.clear();
            let mut entries = 0usize;
            for r in rings {
                for w in r.0.windows(2) {
                    if let [a, c] = w {
                        let (lo, hi) = (bands.band(a.y.min(c.y)), bands.band(a.y.max(c.y)));
                        entries += hi - lo + 1;
                        for slot in bands.start.get_mut(lo + 1..=hi + 1).into_iter().flatten() {
                            *slot += 1;
                        }
                        spans.push((lo, hi));
                    }
                }
            }
            if entries > MAX_ENTRIES_PER_EDGE * n_edges && count > 1 {
                count /= 2;
                continue;
            }
            u32::try_from(entries).ok()?;
            for b in 1..bands.start.len() {
                let prev = bands.start.get(b - 1).copied().unwrap_or(0);
                if let Some(slot) = bands.start.get_mut(b) {
                    *slot += prev;
                }
            }
            let mut fill = bands.start.clone();
            bands.edges = vec![0; entries];
            for (e, &(lo, hi)) in (0u32..).zip(&spans) {
                for at in fill.get_mut(lo..=hi).into_iter().flatten() {
                    if let Some(slot) = bands.edges.get_mut(*at as usize) {
                        *slot = e;
                    }
                    *at += 1;
                }
            }
            bands.ring_start = ring_start;
            return Some(bands);
        }
    }

    /// The edges that may cross the horizontal line at `y` (none outside the y-extent).
    fn near(&self, y: f64) -> &[u32] {
        if !(y >= self.y0 && y <= self.y1) {
            return &[];
        }
        let b = self.band(y);
        match (self.start.get(b), self.start.get(b + 1)) {
            (Some(&s), Some(&e)) => self.edges.get(s as usize..e as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The end points of edge `e` of `polygon` (the polygon the bands were built from).
    fn edge(&self, polygon: &Polygon<f64>, e: u32) -> Option<(Coord<f64>, Coord<f64>)> {
        let r = self
            .ring_start
            .partition_point(|&s| s <= e)
            .checked_sub(1)?;
        let i = (e - self.ring_start.get(r)?) as usize;
        let ring = match r {
            0 => polygon.exterior(),
            _ => polygon.interiors().get(r - 1)?,
        };
        Some((*ring.0.get(i)?, *ring.0.get(i + 1)?))
    }
}

#[derive(Debug, Clone)]
struct Prepared {
    part: Part<Polygon<f64>>,
    max_x: f64,
    bands: Option<Bands>,
}

impl Prepared {
    fn new(part: Part<Polygon<f64>>, polygon: &Polygon<f64>) -> Prepared {
        let rings: Vec<&LineString<f64>> = std::iter::once(polygon.exterior())
            .chain(polygon.interiors())
            .collect();
        let n_edges: usize = rings.iter().map(|r| r.0.len().saturating_sub(1)).sum();
        let max_x = polygon
            .exterior()
            .0
            .iter()
            .map(|c| c.x)
            .fold(f64::NEG_INFINITY, f64::max);
        let bands = if n_edges > BIG_POLYGON {
            Bands::new(&rings, n_edges)
        } else {
            None
        };
        Prepared { part, max_x, bands }
    }

    /// Whether the polygon (looked up with `geometry`) contains `p` (the boundary counts as
    /// inside).
    fn contains<'g>(
        &'g self,
        geometry: &impl Fn(u32) -> Option<&'g Geometry<f64>>,
        p: Coord<f64>,
    ) -> bool {
        let polygon = match &self.part {
            Part::Feature { feature, part } => {
                match geometry(*feature).and_then(|g| polygon_part(g, *part)) {
                    Some(polygon) => polygon,
                    None => return false,
                }
            }
            Part::Owned(polygon) => polygon,
        };
        let Some(bands) = &self.bands else {
            return polygon.intersects(&Point(p));
        };
        // Even-odd ray cast to the east (up to the exterior's east end), over the band's edges.
        let ray_end = self.max_x.max(p.x);
        let mut inside = false;
        for &e in bands.near(p.y) {
            let Some((a, b)) = bands.edge(polygon, e) else {
                continue;
            };
            // The edges whose box meets the ray (as an R-tree of edges would return them).
            if a.x.min(b.x) > ray_end || a.x.max(b.x) < p.x {
                continue;
            }
            if (a.y > p.y) != (b.y > p.y) {
                let x = a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y);
                if x == p.x {
                    return true;
                }
                if x > p.x {
                    inside = !inside;
                }
            } else if a.y == p.y && b.y == p.y && a.x.min(b.x) <= p.x && p.x <= a.x.max(b.x) {
                return true;
            }
        }
        inside
    }
}

/// What a pick found for one feature.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Hit {
    /// A point feature, at this distance (degrees, see the module doc).
    Point(f64),
    /// A line feature, at this distance.
    Line(f64),
    /// A polygon feature containing the query point.
    Area,
}

#[derive(Debug, Clone)]
pub struct Index {
    tree: RTree<Entry>,
    lines: Vec<Part<Vec<Coord<f64>>>>,
    polygons: Vec<Prepared>,
}

impl Default for Index {
    fn default() -> Self {
        Index {
            tree: RTree::new(),
            lines: Vec::new(),
            polygons: Vec::new(),
        }
    }
}

fn env_of(coords: &[Coord<f64>]) -> Option<AABB<[f64; 2]>> {
    let first = coords.first()?;
    let (mut lo, mut hi) = ([first.x, first.y], [first.x, first.y]);
    for c in coords {
        lo = [lo[0].min(c.x), lo[1].min(c.y)];
        hi = [hi[0].max(c.x), hi[1].max(c.y)];
    }
    Some(AABB::from_corners(lo, hi))
}

impl Index {
    /// Index `geometries` (feature `i` has `geometries[i]`). Queries must look the features up in
    /// the same geometries.
    pub fn build<'a>(geometries: impl IntoIterator<Item = &'a Geometry<f64>>) -> Index {
        let mut index = Index::default();
        let mut entries = Vec::new();
        for (f, g) in geometries.into_iter().enumerate() {
            let Ok(feature) = u32::try_from(f) else { break };
            index.add(feature, g, true, &mut entries);
        }
        index.tree = RTree::bulk_load(entries);
        index
    }

    /// Index one geometry of `feature`; `top`: it is the feature's own geometry (so its parts can
    /// be looked up later), not a member of a collection.
    fn add(&mut self, feature: u32, g: &Geometry<f64>, top: bool, entries: &mut Vec<Entry>) {
        match g {
            Geometry::Point(p) => entries.push(Entry {
                env: AABB::from_point([p.x(), p.y()]),
                feature,
                shape: Shape::Point(p.0),
            }),
            Geometry::MultiPoint(mp) => {
                for p in &mp.0 {
                    self.add(feature, &Geometry::Point(*p), false, entries);
                }
            }
            Geometry::Line(l) => {
                let coords = [l.start, l.end];
                self.add_line(feature, Part::Owned(coords.to_vec()), &coords, entries);
            }
            Geometry::LineString(l) => {
                let part = borrowed(top, feature, 0).unwrap_or_else(|| Part::Owned(l.0.clone()));
                self.add_line(feature, part, &l.0, entries);
            }
            Geometry::MultiLineString(ml) => {
                for (i, l) in ml.0.iter().enumerate() {
                    let part =
                        borrowed(top, feature, i).unwrap_or_else(|| Part::Owned(l.0.clone()));
                    self.add_line(feature, part, &l.0, entries);
                }
            }
            Geometry::Polygon(p) => {
                let part = borrowed(top, feature, 0).unwrap_or_else(|| Part::Owned(p.clone()));
                self.add_polygon(feature, part, p, entries);
            }
            Geometry::MultiPolygon(mp) => {
                for (i, p) in mp.0.iter().enumerate() {
                    let part = borrowed(top, feature, i).unwrap_or_else(|| Part::Owned(p.clone()));
                    self.add_polygon(feature, part, p, entries);
                }
            }
            Geometry::Rect(r) => {
                let p = r.to_polygon();
                self.add_polygon(feature, Part::Owned(p.clone()), &p, entries);
            }
            Geometry::Triangle(t) => {
                let p = t.to_polygon();
                self.add_polygon(feature, Part::Owned(p.clone()), &p, entries);
            }
            Geometry::GeometryCollection(gc) => {
                for g in &gc.0 {
                    self.add(feature, g, false, entries);
                }
            }
        }
    }

    fn add_line(
        &mut self,
        feature: u32,
        part: Part<Vec<Coord<f64>>>,
        coords: &[Coord<f64>],
        entries: &mut Vec<Entry>,
    ) {
        let Ok(line) = u32::try_from(self.lines.len()) else {
            return;
        };
        let segments = coords.len().saturating_sub(1);
        let mut start = 0usize;
        while start < segments {
            let end = (start + CHUNK).min(segments);
            if let (Some(env), Ok(s), Ok(e)) = (
                coords.get(start..=end).and_then(env_of),
                u32::try_from(start),
                u32::try_from(end),
            ) {
                entries.push(Entry {
                    env,
                    feature,
                    shape: Shape::Chunk {
                        line,
                        start: s,
                        end: e,
                    },
                });
            }
            start = end;
        }
        self.lines.push(part);
    }

    fn add_polygon(
        &mut self,
        feature: u32,
        part: Part<Polygon<f64>>,
        polygon: &Polygon<f64>,
        entries: &mut Vec<Entry>,
    ) {
        let Ok(id) = u32::try_from(self.polygons.len()) else {
            return;
        };
        let Some(env) = env_of(&polygon.exterior().0) else {
            return;
        };
        entries.push(Entry {
            env,
            feature,
            shape: Shape::Poly(id),
        });
        self.polygons.push(Prepared::new(part, polygon));
    }

    /// Every feature hit at (`lon`, `lat`) with tolerance `tol` (degrees), unordered, one per feature
    /// (the closest part for points and lines).
    /// `geometry(i)` is feature `i`'s geometry, as given to [`Index::build`].
    pub fn query<'g>(
        &'g self,
        geometry: impl Fn(u32) -> Option<&'g Geometry<f64>>,
        lon: f64,
        lat: f64,
        tol: f64,
    ) -> Vec<(usize, Hit)> {
        if !lon.is_finite() || !lat.is_finite() {
            return Vec::new();
        }
        let tol = if tol.is_finite() { tol.max(0.0) } else { 0.0 };
        // Longitude scale at the query latitude (kept away from 0 near the poles).
        let k = lat.to_radians().cos().max(0.01);
        let dx = tol / k;
        let env = AABB::from_corners([lon - dx, lat - tol], [lon + dx, lat + tol]);
        let q = Coord { x: lon * k, y: lat };
        let scale = |c: Coord<f64>| Coord { x: c.x * k, y: c.y };
        let mut hits: Vec<(usize, Hit)> = Vec::new();
        let mut put = |f: usize, h: Hit| {
            if let Some(slot) = hits.iter_mut().find(|(g, _)| *g == f) {
                match (&mut slot.1, h) {
                    (Hit::Point(d), Hit::Point(e)) | (Hit::Line(d), Hit::Line(e)) => {
                        *d = d.min(e);
                    }
                    _ => {}
                }
            } else {
                hits.push((f, h));
            }
        };
        for e in self.tree.locate_in_envelope_intersecting(&env) {
            let f = e.feature as usize;
            match &e.shape {
                Shape::Point(c) => {
                    let d = Euclidean.distance(Point(scale(*c)), Point(q));
                    if d <= tol {
                        put(f, Hit::Point(d));
                    }
                }
                Shape::Chunk { line, start, end } => {
                    let coords = match self.lines.get(*line as usize) {
                        Some(Part::Feature { feature, part }) => {
                            geometry(*feature).and_then(|g| line_part(g, *part))
                        }
                        Some(Part::Owned(coords)) => Some(coords.as_slice()),
                        None => None,
                    };
                    let Some(coords) = coords.and_then(|l| l.get(*start as usize..=*end as usize))
                    else {
                        continue;
                    };
                    let d = coords
                        .windows(2)
                        .filter_map(|w| match w {
                            [a, b] => Some(
                                Euclidean.distance(&Line::new(scale(*a), scale(*b)), &Point(q)),
                            ),
                            _ => None,
                        })
                        .fold(f64::INFINITY, f64::min);
                    if d <= tol {
                        put(f, Hit::Line(d));
                    }
                }
                Shape::Poly(i) => {
                    let [x0, y0] = e.env.lower();
                    let [x1, y1] = e.env.upper();
                    if lon < x0 || lon > x1 || lat < y0 || lat > y1 {
                        continue;
                    }
                    if self
                        .polygons
                        .get(*i as usize)
                        .is_some_and(|p| p.contains(&geometry, Coord { x: lon, y: lat }))
                    {
                        put(f, Hit::Area);
                    }
                }
            }
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{LineString, polygon};

    fn big_circle(n: usize, cx: f64, cy: f64, r: f64) -> Polygon<f64> {
        let pts: Vec<Coord<f64>> = (0..n)
            .map(|i| {
                let t = i as f64 / n as f64 * std::f64::consts::TAU;
                Coord {
                    x: cx + r * t.cos(),
                    y: cy + r * t.sin(),
                }
            })
            .collect();
        Polygon::new(LineString::new(pts), vec![])
    }

    /// Point-in-polygon as the index does it: (banded, contains).
    fn prepared(poly: &Polygon<f64>) -> impl Fn(Coord<f64>) -> (bool, bool) {
        let g = Geometry::Polygon(poly.clone());
        let prepared = Prepared::new(
            Part::Feature {
                feature: 0,
                part: 0,
            },
            poly,
        );
        move |c| {
            let lookup = |f: u32| (f == 0).then_some(&g);
            (prepared.bands.is_some(), prepared.contains(&lookup, c))
        }
    }

    fn contains(poly: &Polygon<f64>, c: Coord<f64>) -> (bool, bool) {
        prepared(poly)(c)
    }

    #[test]
    fn edge_bands_agree_with_geo() {
        let outer = big_circle(500, 50.0, 40.0, 5.0);
        let hole = big_circle(300, 50.0, 40.0, 1.0);
        let poly = Polygon::new(
            outer.exterior().clone(),
            vec![LineString::new(
                hole.exterior().0.iter().rev().copied().collect(),
            )],
        );
        for i in 0..400 {
            let x = 43.0 + (i % 20) as f64 * 0.7;
            let y = 33.0 + (i / 20) as f64 * 0.7;
            let c = Coord { x, y };
            assert_eq!(
                contains(&poly, c),
                (true, poly.intersects(&Point(c))),
                "at {x},{y}"
            );
        }
        // On vertices and near them, exactly as a ray cast over an R-tree of the edges.
        let reference = EdgeTree::new(&poly);
        for c in poly.exterior().0.iter().chain(&poly.interiors()[0].0) {
            for d in [0.0, 1e-9, -1e-9] {
                let c = Coord { x: c.x + d, y: c.y };
                assert_eq!(
                    contains(&poly, c),
                    (true, reference.contains(c)),
                    "at {c:?}"
                );
            }
        }
    }

    /// The previous point-in-polygon: even-odd over an R-tree of the edges.
    struct EdgeTree {
        tree: RTree<Edge>,
        max_x: f64,
    }

    struct Edge(Coord<f64>, Coord<f64>);

    impl RTreeObject for Edge {
        type Envelope = AABB<[f64; 2]>;
        fn envelope(&self) -> Self::Envelope {
            AABB::from_corners([self.0.x, self.0.y], [self.1.x, self.1.y])
        }
    }

    impl EdgeTree {
        fn new(poly: &Polygon<f64>) -> EdgeTree {
            let edges = std::iter::once(poly.exterior())
                .chain(poly.interiors())
                .flat_map(|r| r.lines().map(|l| Edge(l.start, l.end)))
                .collect();
            let max_x = poly
                .exterior()
                .0
                .iter()
                .map(|c| c.x)
                .fold(f64::MIN, f64::max);
            EdgeTree {
                tree: RTree::bulk_load(edges),
                max_x,
            }
        }

        fn contains(&self, p: Coord<f64>) -> bool {
            let ray = AABB::from_corners([p.x, p.y], [self.max_x.max(p.x), p.y]);
            let mut inside = false;
            for Edge(a, b) in self.tree.locate_in_envelope_intersecting(&ray) {
                if (a.y > p.y) != (b.y > p.y) {
                    let x = a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y);
                    if x == p.x {
                        return true;
                    }
                    if x > p.x {
                        inside = !inside;
                    }
                } else if a.y == p.y && b.y == p.y && a.x.min(b.x) <= p.x && p.x <= a.x.max(b.x) {
                    return true;
                }
            }
            inside
        }
    }

    #[test]
    fn bands_agree_with_the_edge_tree_on_jagged_polygons() {
        // A star with many spikes on a 5-decimal grid, plus a hole, and points on a finer grid
        // (many on vertices and horizontal or vertical edges).
        let n = 720;
        let ring = |r0: f64, r1: f64, reverse: bool| {
            let mut pts: Vec<Coord<f64>> = (0..n)
                .map(|i| {
                    let t = i as f64 / n as f64 * std::f64::consts::TAU;
                    let r = if i % 2 == 0 { r0 } else { r1 };
                    let q = |v: f64| (v * 100.0).round() / 100.0;
                    Coord {
                        x: q(50.0 + r * t.cos()),
                        y: q(40.0 + r * t.sin()),
                    }
                })
                .collect();
            pts.dedup();
            if reverse {
                pts.reverse();
            }
            LineString::new(pts)
        };
        let poly = Polygon::new(ring(6.0, 5.0, false), vec![ring(1.0, 1.5, true)]);
        let reference = EdgeTree::new(&poly);
        let contains = prepared(&poly);
        let mut inside = 0;
        for i in 0..=260 {
            for j in 0..=260 {
                let c = Coord {
                    x: 43.5 + f64::from(i) * 0.05,
                    y: 33.5 + f64::from(j) * 0.05,
                };
                let (banded, got) = contains(c);
                assert!(banded);
                assert_eq!(got, reference.contains(c), "at {c:?}");
                inside += usize::from(got);
            }
        }
        assert!(inside > 10_000, "{inside}");
    }

    #[test]
    fn long_edges_and_flat_polygons_still_band() {
        // A square with one dense side: the three long sides span every band.
        let mut pts: Vec<Coord<f64>> = (0..=200)
            .map(|i| Coord {
                x: i as f64 / 20.0,
                y: 0.01 * (i as f64).sin(),
            })
            .collect();
        pts.extend([Coord { x: 10.0, y: 10.0 }, Coord { x: 0.0, y: 10.0 }]);
        let poly = Polygon::new(LineString::new(pts), vec![]);
        for (x, y) in [
            (5.0, 5.0),
            (0.0, 5.0),
            (10.0, 10.0),
            (5.0, 10.0),
            (11.0, 5.0),
        ] {
            let c = Coord { x, y };
            assert_eq!(contains(&poly, c), (true, poly.intersects(&Point(c))));
        }
        // Zero height: one band.
        let flat: Vec<Coord<f64>> = (0..100)
            .map(|i| Coord {
                x: f64::from(i),
                y: 1.0,
            })
            .collect();
        let flat = Polygon::new(LineString::new(flat), vec![]);
        assert_eq!(contains(&flat, Coord { x: 3.5, y: 1.0 }), (true, true));
        assert_eq!(contains(&flat, Coord { x: 3.5, y: 1.5 }), (true, false));
    }

    #[test]
    fn small_polygon_uses_geo_and_counts_boundary() {
        let p = polygon![(x: 0., y: 0.), (x: 2., y: 0.), (x: 2., y: 2.), (x: 0., y: 2.)];
        assert_eq!(contains(&p, Coord { x: 1.0, y: 1.0 }), (false, true));
        assert_eq!(contains(&p, Coord { x: 2.0, y: 1.0 }), (false, true));
        assert_eq!(contains(&p, Coord { x: 3.0, y: 1.0 }), (false, false));
    }

    #[test]
    fn longitude_is_scaled_by_latitude() {
        let g = [Geometry::Point(Point::new(1.0, 60.0))];
        let index = Index::build(g.iter());
        let lookup = |f: u32| g.get(f as usize);
        // 1° of longitude at 60°N is about 0.5° of latitude.
        let hits = index.query(lookup, 0.0, 60.0, 0.55);
        assert_eq!(hits.len(), 1);
        assert!(matches!(hits[0], (0, Hit::Point(d)) if (d - 0.5).abs() < 1e-9));
        assert!(index.query(lookup, 0.0, 60.0, 0.45).is_empty());
        assert!(index.query(lookup, f64::NAN, 60.0, 1.0).is_empty());
    }

    #[test]
    fn parts_are_looked_up_or_copied() {
        let line = LineString::from(vec![(0.0, 0.0), (1.0, 0.0)]);
        let square = polygon![(x: 0., y: 0.), (x: 2., y: 0.), (x: 2., y: 2.), (x: 0., y: 2.)];
        let g = [
            Geometry::MultiLineString(geo::MultiLineString(vec![line.clone()])),
            Geometry::GeometryCollection(geo::GeometryCollection(vec![
                Geometry::Polygon(square),
                Geometry::LineString(line),
            ])),
            Geometry::Rect(geo::Rect::new((5.0, 5.0), (6.0, 6.0))),
        ];
        let index = Index::build(g.iter());
        let lookup = |f: u32| g.get(f as usize);
        let at = |x: f64, y: f64| {
            let mut hits: Vec<(usize, bool)> = index
                .query(lookup, x, y, 0.01)
                .into_iter()
                .map(|(f, h)| (f, h == Hit::Area))
                .collect();
            hits.sort_by_key(|h| h.0);
            hits
        };
        assert_eq!(at(0.5, 0.0), [(0, false), (1, false)]);
        assert_eq!(at(1.5, 1.5), [(1, true)]);
        assert_eq!(at(5.5, 5.5), [(2, true)]);
        // Without the geometries only the copied parts are found; nothing panics.
        let copied: Vec<usize> = index
            .query(|_| None, 0.5, 0.0, 0.01)
            .into_iter()
            .map(|h| h.0)
            .collect();
        assert_eq!(copied, [1]);
    }
}
