//! Shape checks past single rings: holes outside or around their shell, MultiPolygon parts that
//! overlap, lines of zero length, and edges that jump across the antimeridian.

use geo::coordinate_position::{CoordPos, CoordinatePosition};
use geo::{BoundingRect, Coord, Geometry, LineString, Polygon, Rect};

use super::intersect::{Crossing, find_crossing};
use super::{Reason, ring_label};

/// Where a ring lies against a polygon: the first of its vertices (then edge midpoints) that is
/// not on the polygon's boundary decides. `None`: every probe is on the boundary.
fn ring_position(ring: &[Coord<f64>], polygon: &Polygon<f64>) -> Option<CoordPos> {
    let mids = ring.windows(2).filter_map(|w| match w {
        [a, b] => Some(Coord {
            x: (a.x + b.x) / 2.0,
            y: (a.y + b.y) / 2.0,
        }),
        _ => None,
    });
    ring.iter()
        .copied()
        .chain(mids)
        .map(|c| polygon.coordinate_position(&c))
        .find(|p| *p != CoordPos::OnBoundary)
}

/// Holes must lie inside their exterior ring (the rings are known not to cross).
pub fn check_holes(p: &Polygon<f64>, polygon: Option<usize>) -> Option<Reason> {
    if p.interiors().is_empty() {
        return None;
    }
    let shell = Polygon::new(p.exterior().clone(), Vec::new());
    let shell_box = p.exterior().bounding_rect();
    for (i, hole) in p.interiors().iter().enumerate() {
        let inside_box = match (shell_box, hole.bounding_rect()) {
            (Some(s), Some(h)) => contains_rect(&s, &h),
            _ => true,
        };
        let outside = !inside_box || ring_position(&hole.0, &shell) == Some(CoordPos::Outside);
        if outside {
            let around = Polygon::new(hole.clone(), Vec::new());
            let encloses = ring_position(&p.exterior().0, &around) == Some(CoordPos::Inside);
            let hole = ring_label(polygon, i + 1);
            let shell = ring_label(polygon, 0);
            return Some(if encloses {
                Reason::HoleEncloses { hole, shell }
            } else {
                Reason::HoleOutside { hole, shell }
            });
        }
    }
    None
}

fn contains_rect(outer: &Rect<f64>, inner: &Rect<f64>) -> bool {
    outer.min().x <= inner.min().x
        && outer.min().y <= inner.min().y
        && outer.max().x >= inner.max().x
        && outer.max().y >= inner.max().y
}

/// MultiPolygon parts may touch at points but not overlap: no ring of one crosses or shares an
/// edge with a ring of another, and no part lies inside another (outside its holes).
pub fn check_parts(parts: &[Polygon<f64>]) -> Option<Reason> {
    if parts.len() < 2 {
        return None;
    }
    // Crossings between parts: each part alone is already known to be valid.
    let mut rings: Vec<&[Coord<f64>]> = Vec::new();
    let mut owner: Vec<usize> = Vec::new();
    for (k, p) in parts.iter().enumerate() {
        for r in std::iter::once(p.exterior()).chain(p.interiors()) {
            rings.push(&r.0);
            owner.push(k);
        }
    }
    let deduped: Vec<Vec<Coord<f64>>> = rings.iter().map(|r| dedup_ring(r)).collect();
    let (a, b, at) = match find_crossing(&deduped) {
        Crossing::Rings { a, b, at } => (a, b, Some(at)),
        Crossing::SelfIntersection { ring, at } => (ring, ring, Some(at)),
        _ => (0, 0, None),
    };
    if let (Some(at), Some(&pa), Some(&pb)) = (at, owner.get(a), owner.get(b))
        && pa != pb
    {
        return Some(Reason::PartsOverlap {
            a: pa.min(pb),
            b: pa.max(pb),
            lon: at.x,
            lat: at.y,
        });
    }
    // One part inside another: candidates by bounding box, sorted along x.
    let boxes: Vec<Option<Rect<f64>>> = parts.iter().map(|p| p.bounding_rect()).collect();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| {
        let x = |i: usize| {
            boxes
                .get(i)
                .copied()
                .flatten()
                .map_or(f64::NAN, |r| r.min().x)
        };
        x(a).total_cmp(&x(b))
    });
    for (n, &i) in order.iter().enumerate() {
        let Some(Some(bi)) = boxes.get(i) else {
            continue;
        };
        for &j in order.iter().skip(n + 1) {
            let Some(Some(bj)) = boxes.get(j) else {
                continue;
            };
            if bj.min().x > bi.max().x {
                break;
            }
            for (outer, inner, ob, ib) in [(i, j, bi, bj), (j, i, bj, bi)] {
                if !contains_rect(ob, ib) {
                    continue;
                }
                let (Some(po), Some(pi)) = (parts.get(outer), parts.get(inner)) else {
                    continue;
                };
                if ring_position(&pi.exterior().0, po) == Some(CoordPos::Inside) {
                    let at = pi.exterior().0.first().copied().unwrap_or_default();
                    return Some(Reason::PartsOverlap {
                        a: outer.min(inner),
                        b: outer.max(inner),
                        lon: at.x,
                        lat: at.y,
                    });
                }
            }
        }
    }
    None
}

fn dedup_ring(ring: &[Coord<f64>]) -> Vec<Coord<f64>> {
    let mut out: Vec<Coord<f64>> = Vec::with_capacity(ring.len());
    for c in ring {
        if out.last() != Some(c) {
            out.push(*c);
        }
    }
    out
}

/// The lines and rings of a geometry with their names in messages.
fn lines(g: &Geometry<f64>) -> Vec<(String, &LineString<f64>)> {
    match g {
        Geometry::LineString(l) => vec![("LineString".into(), l)],
        Geometry::MultiLineString(ml) => {
            ml.0.iter()
                .enumerate()
                .map(|(i, l)| (format!("line {i}"), l))
                .collect()
        }
        Geometry::Polygon(p) => std::iter::once(p.exterior())
            .chain(p.interiors())
            .enumerate()
            .map(|(i, r)| (ring_label(None, i), r))
            .collect(),
        Geometry::MultiPolygon(mp) => {
            mp.0.iter()
                .enumerate()
                .flat_map(|(k, p)| {
                    std::iter::once(p.exterior())
                        .chain(p.interiors())
                        .enumerate()
                        .map(move |(i, r)| (ring_label(Some(k), i), r))
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

/// A line whose positions are all the same point has no length.
pub fn check_zero_length(g: &Geometry<f64>) -> Option<Reason> {
    let lines = match g {
        Geometry::LineString(_) | Geometry::MultiLineString(_) => lines(g),
        _ => return None,
    };
    lines.into_iter().find_map(|(what, l)| {
        let first = l.0.first()?;
        l.0.iter()
            .all(|c| c == first)
            .then_some(Reason::ZeroLength { what })
    })
}

/// RFC 7946 §3.1.9: a shape crossing the antimeridian is split in two; an edge jumping more than
/// 180° of longitude would otherwise be drawn the long way round the world.
pub fn check_antimeridian(g: &Geometry<f64>) -> Option<Reason> {
    lines(g).into_iter().find_map(|(what, l)| {
        l.0.windows(2).enumerate().find_map(|(i, w)| match w {
            [a, b] if (a.x - b.x).abs() > 180.0 => Some(Reason::Antimeridian {
                what: what.clone(),
                index: i,
                from: a.x,
                to: b.x,
            }),
            _ => None,
        })
    })
}
