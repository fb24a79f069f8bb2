//! The spatial index of the atlas: an `rstar` R-tree over points, line chunks and polygon parts,
//! with per-polygon edge trees for fast point-in-polygon on big countries; and picking.
//!
//! Distances for picking are in degrees of latitude: a longitude difference is scaled by
//! cos(latitude of the query), so a tolerance is (roughly) the same ground distance east-west as
//! north-south (1° ≈ 111 km).

use geo::{Coord, Distance, Euclidean, Geometry, Intersects, Line, Point, Polygon};
use rstar::{AABB, RTree, RTreeObject};

/// Segments per indexed line chunk.
const CHUNK: usize = 8;
/// Polygons with more edges than this get their own edge tree for point-in-polygon.
const BIG_POLYGON: usize = 64;

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

#[derive(Debug, Clone)]
struct Edge {
    a: Coord<f64>,
    b: Coord<f64>,
}

impl RTreeObject for Edge {
    type Envelope = AABB<[f64; 2]>;
    fn envelope(&self) -> Self::Envelope {
        AABB::from_corners([self.a.x, self.a.y], [self.b.x, self.b.y])
    }
}

#[derive(Debug, Clone)]
struct Prepared {
    polygon: Polygon<f64>,
    max_x: f64,
    edges: Option<RTree<Edge>>,
}

impl Prepared {
    fn new(polygon: Polygon<f64>) -> Prepared {
        let rings = || std::iter::once(polygon.exterior()).chain(polygon.interiors());
        let n_edges: usize = rings().map(|r| r.0.len().saturating_sub(1)).sum();
        let max_x = polygon
            .exterior()
            .0
            .iter()
            .map(|c| c.x)
            .fold(f64::NEG_INFINITY, f64::max);
        let edges = (n_edges > BIG_POLYGON).then(|| {
            let edges: Vec<Edge> = rings()
                .flat_map(|r| {
                    r.lines().map(|l| Edge {
                        a: l.start,
                        b: l.end,
                    })
                })
                .collect();
            RTree::bulk_load(edges)
        });
        Prepared {
            polygon,
            max_x,
            edges,
        }
    }

    /// Whether the polygon contains `p` (the boundary counts as inside).
    fn contains(&self, p: Coord<f64>) -> bool {
        let Some(tree) = &self.edges else {
            return self.polygon.intersects(&Point(p));
        };
        // Even-odd ray cast to the east, over the edges the ray's envelope meets.
        let ray = AABB::from_corners([p.x, p.y], [self.max_x.max(p.x), p.y]);
        let mut inside = false;
        for e in tree.locate_in_envelope_intersecting(&ray) {
            let (a, b) = (e.a, e.b);
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
    lines: Vec<Vec<Coord<f64>>>,
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
    /// Index `geometries` (feature `i` has `geometries[i]`).
    pub fn build<'a>(geometries: impl IntoIterator<Item = &'a Geometry<f64>>) -> Index {
        let mut index = Index::default();
        let mut entries = Vec::new();
        for (f, g) in geometries.into_iter().enumerate() {
            let Ok(feature) = u32::try_from(f) else { break };
            index.add(feature, g, &mut entries);
        }
        index.tree = RTree::bulk_load(entries);
        index
    }

    fn add(&mut self, feature: u32, g: &Geometry<f64>, entries: &mut Vec<Entry>) {
        match g {
            Geometry::Point(p) => entries.push(Entry {
                env: AABB::from_point([p.x(), p.y()]),
                feature,
                shape: Shape::Point(p.0),
            }),
            Geometry::MultiPoint(mp) => {
                for p in &mp.0 {
                    self.add(feature, &Geometry::Point(*p), entries);
                }
            }
            Geometry::Line(l) => self.add_line(feature, vec![l.start, l.end], entries),
            Geometry::LineString(l) => self.add_line(feature, l.0.clone(), entries),
            Geometry::MultiLineString(ml) => {
                for l in &ml.0 {
                    self.add_line(feature, l.0.clone(), entries);
                }
            }
            Geometry::Polygon(p) => self.add_polygon(feature, p.clone(), entries),
            Geometry::MultiPolygon(mp) => {
                for p in &mp.0 {
                    self.add_polygon(feature, p.clone(), entries);
                }
            }
            Geometry::Rect(r) => self.add_polygon(feature, r.to_polygon(), entries),
            Geometry::Triangle(t) => self.add_polygon(feature, t.to_polygon(), entries),
            Geometry::GeometryCollection(gc) => {
                for g in &gc.0 {
                    self.add(feature, g, entries);
                }
            }
        }
    }

    fn add_line(&mut self, feature: u32, coords: Vec<Coord<f64>>, entries: &mut Vec<Entry>) {
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
        self.lines.push(coords);
    }

    fn add_polygon(&mut self, feature: u32, polygon: Polygon<f64>, entries: &mut Vec<Entry>) {
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
        self.polygons.push(Prepared::new(polygon));
    }

    /// Every feature hit at (`lon`, `lat`) with tolerance `tol` (degrees), unordered, one per feature
    /// (the closest part for points and lines).
    pub fn query(&self, lon: f64, lat: f64, tol: f64) -> Vec<(usize, Hit)> {
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
                    let Some(coords) = self
                        .lines
                        .get(*line as usize)
                        .and_then(|l| l.get(*start as usize..=*end as usize))
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
                        .is_some_and(|p| p.contains(Coord { x: lon, y: lat }))
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

    #[test]
    fn edge_tree_agrees_with_geo() {
        let outer = big_circle(500, 50.0, 40.0, 5.0);
        let hole = big_circle(300, 50.0, 40.0, 1.0);
        let poly = Polygon::new(
            outer.exterior().clone(),
            vec![LineString::new(
                hole.exterior().0.iter().rev().copied().collect(),
            )],
        );
        let prepared = Prepared::new(poly.clone());
        assert!(prepared.edges.is_some());
        for i in 0..400 {
            let x = 43.0 + (i % 20) as f64 * 0.7;
            let y = 33.0 + (i / 20) as f64 * 0.7;
            let c = Coord { x, y };
            assert_eq!(
                prepared.contains(c),
                poly.intersects(&Point(c)),
                "at {x},{y}"
            );
        }
    }

    #[test]
    fn small_polygon_uses_geo_and_counts_boundary() {
        let p = polygon![(x: 0., y: 0.), (x: 2., y: 0.), (x: 2., y: 2.), (x: 0., y: 2.)];
        let prepared = Prepared::new(p);
        assert!(prepared.edges.is_none());
        assert!(prepared.contains(Coord { x: 1.0, y: 1.0 }));
        assert!(prepared.contains(Coord { x: 2.0, y: 1.0 }));
        assert!(!prepared.contains(Coord { x: 3.0, y: 1.0 }));
    }

    #[test]
    fn longitude_is_scaled_by_latitude() {
        let g = [Geometry::Point(Point::new(1.0, 60.0))];
        let index = Index::build(g.iter());
        // 1° of longitude at 60°N is about 0.5° of latitude.
        let hits = index.query(0.0, 60.0, 0.55);
        assert_eq!(hits.len(), 1);
        assert!(matches!(hits[0], (0, Hit::Point(d)) if (d - 0.5).abs() < 1e-9));
        assert!(index.query(0.0, 60.0, 0.45).is_empty());
        assert!(index.query(f64::NAN, 60.0, 1.0).is_empty());
    }
}
