//! Geometry conversion (raw coordinates → `geo`) and geometry checks: structure, closure,
//! coordinate ranges and precision, ring area, winding, and crossings (via `intersect`).

use geo::{Coord, Geometry, LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon};
use serde_json::Value;

use super::super::raw::{Nest, RawGeometry};
use super::intersect::{Crossing, find_crossing};
use super::{Mode, Reason, Severity, clip, describe, topology};

pub fn geometry_name(g: &Geometry<f64>) -> &'static str {
    match g {
        Geometry::Point(_) => "Point",
        Geometry::Line(_) => "Line",
        Geometry::LineString(_) => "LineString",
        Geometry::Polygon(_) => "Polygon",
        Geometry::MultiPoint(_) => "MultiPoint",
        Geometry::MultiLineString(_) => "MultiLineString",
        Geometry::MultiPolygon(_) => "MultiPolygon",
        Geometry::GeometryCollection(_) => "GeometryCollection",
        Geometry::Rect(_) => "Rect",
        Geometry::Triangle(_) => "Triangle",
    }
}

fn bad(msg: impl Into<String>) -> Reason {
    Reason::BadCoordinates(msg.into())
}

fn nest_desc(n: &Nest) -> &'static str {
    match n {
        Nest::Num(_) => "a number",
        Nest::Pos(..) => "a position",
        Nest::List(_) => "an array",
        Nest::Other(w) => w,
    }
}

/// A position; `at` names where it is, for the error message (only built on error).
fn position(n: &Nest, at: impl Fn() -> String) -> Result<Coord<f64>, Reason> {
    match n {
        Nest::Pos(x, y) => Ok(Coord { x: *x, y: *y }),
        Nest::List(items) if items.len() < 2 && items.iter().all(|i| matches!(i, Nest::Num(_))) => {
            Err(bad(format!(
                "position at {} has {} number(s), needs 2",
                at(),
                items.len()
            )))
        }
        other => Err(bad(format!(
            "expected a position [lon, lat] at {}, found {}",
            at(),
            nest_desc(other)
        ))),
    }
}

fn list<'a>(n: &'a Nest, at: &str, what: &str) -> Result<&'a [Nest], Reason> {
    match n {
        Nest::List(items) => Ok(items),
        other => Err(bad(format!(
            "expected an array of {what} at {at}, found {}",
            nest_desc(other)
        ))),
    }
}

fn positions(n: &Nest, at: &str) -> Result<Vec<Coord<f64>>, Reason> {
    list(n, at, "positions")?
        .iter()
        .enumerate()
        .map(|(i, p)| position(p, || format!("{at}[{i}]")))
        .collect()
}

fn rings(n: &Nest, at: &str) -> Result<Vec<Vec<Coord<f64>>>, Reason> {
    list(n, at, "rings")?
        .iter()
        .enumerate()
        .map(|(i, r)| positions(r, &format!("{at}[{i}]")))
        .collect()
}

fn polygon_from(mut rs: Vec<Vec<Coord<f64>>>) -> Polygon<f64> {
    // `geo` closes rings itself; closure is checked on the raw rings before this.
    let exterior = if rs.is_empty() {
        Vec::new()
    } else {
        rs.remove(0)
    };
    Polygon::new(
        LineString::new(exterior),
        rs.into_iter().map(LineString::new).collect(),
    )
}

/// Convert a raw geometry, checking its type is one of `allowed` and its structure and ring closure.
pub fn convert(
    g: &RawGeometry,
    allowed: Option<&[&str]>,
    what: &str,
) -> Result<Geometry<f64>, Reason> {
    let (ty, coordinates) = match g {
        RawGeometry::Null => return Err(Reason::MissingGeometry),
        RawGeometry::NotObject(w) => return Err(bad(format!("geometry is {w}, not an object"))),
        RawGeometry::Object {
            ty, coordinates, ..
        } => (ty, coordinates),
    };
    let ty = match ty {
        Some(Value::String(s)) => s.as_str(),
        Some(v) => return Err(bad(format!("geometry `type` is {}", describe(v)))),
        None => return Err(bad("geometry has no `type`")),
    };
    const KNOWN: [&str; 7] = [
        "Point",
        "MultiPoint",
        "LineString",
        "MultiLineString",
        "Polygon",
        "MultiPolygon",
        "GeometryCollection",
    ];
    if !KNOWN.contains(&ty) {
        return Err(bad(format!("unknown geometry type `{}`", clip(ty))));
    }
    if let Some(allowed) = allowed
        && !allowed.contains(&ty)
    {
        return Err(Reason::WrongGeometry {
            found: ty.to_string(),
            what: what.to_string(),
            expected: allowed.join(" or "),
        });
    }
    let Some(c) = coordinates else {
        return Err(bad(format!("{ty} has no `coordinates`")));
    };
    let at = "coordinates";
    let geom = match ty {
        "Point" => Geometry::Point(Point(position(c, || at.to_string())?)),
        "MultiPoint" => Geometry::MultiPoint(MultiPoint(
            positions(c, at)?.into_iter().map(Point).collect(),
        )),
        "LineString" => {
            let ps = positions(c, at)?;
            if ps.len() < 2 {
                return Err(Reason::LineTooShort {
                    what: "LineString".into(),
                });
            }
            Geometry::LineString(LineString::new(ps))
        }
        "MultiLineString" => {
            let ls = rings(c, at)?;
            if ls.is_empty() {
                return Err(bad("MultiLineString has no lines"));
            }
            for (i, l) in ls.iter().enumerate() {
                if l.len() < 2 {
                    return Err(Reason::LineTooShort {
                        what: format!("line {i}"),
                    });
                }
            }
            Geometry::MultiLineString(MultiLineString(
                ls.into_iter().map(LineString::new).collect(),
            ))
        }
        "Polygon" => {
            let rs = rings(c, at)?;
            check_raw_rings(&rs, None)?;
            Geometry::Polygon(polygon_from(rs))
        }
        "MultiPolygon" => {
            let polys = list(c, at, "polygons")?;
            if polys.is_empty() {
                return Err(bad("MultiPolygon has no polygons"));
            }
            let mut out = Vec::with_capacity(polys.len());
            for (i, p) in polys.iter().enumerate() {
                let rs = rings(p, &format!("{at}[{i}]"))?;
                check_raw_rings(&rs, Some(i))?;
                out.push(polygon_from(rs));
            }
            Geometry::MultiPolygon(MultiPolygon(out))
        }
        _ => return Err(bad(format!("{ty} is not supported"))),
    };
    Ok(geom)
}

/// A ring's name in messages: "exterior ring", "hole 2", "polygon 3 exterior ring".
pub fn ring_label(polygon: Option<usize>, ring: usize) -> String {
    let r = if ring == 0 {
        "exterior ring".to_string()
    } else {
        format!("hole {}", ring - 1)
    };
    match polygon {
        Some(p) => format!("polygon {p} {r}"),
        None => r,
    }
}

fn check_raw_rings(rs: &[Vec<Coord<f64>>], polygon: Option<usize>) -> Result<(), Reason> {
    if rs.is_empty() {
        return Err(bad("polygon has no rings"));
    }
    for (i, r) in rs.iter().enumerate() {
        let ring = ring_label(polygon, i);
        if r.len() < 4 {
            return Err(Reason::RingTooShort {
                ring,
                count: r.len(),
            });
        }
        if r.first() != r.last() {
            return Err(Reason::RingNotClosed { ring });
        }
    }
    Ok(())
}

/// Coordinate ranges, precision, ring area, winding and self-intersection of a converted geometry.
/// `Mode::User` (a reader's own layer): no precision contract, and a ring crossing itself or
/// another ring of its polygon is a warning (the feature still loads).
pub fn check_geometry(g: &Geometry<f64>, mode: Mode, problems: &mut Vec<(Severity, Reason)>) {
    // Ranges and precision.
    let mut too_precise: Option<Reason> = None;
    let mut range_err: Option<Reason> = None;
    for_each_coord(g, &mut |c, at: &dyn Fn() -> String| {
        if range_err.is_some() {
            return;
        }
        if !c.x.is_finite() || !c.y.is_finite() {
            range_err = Some(Reason::NonFinite { at: at() });
        } else if !(-180.0..=180.0).contains(&c.x) || !(-90.0..=90.0).contains(&c.y) {
            range_err = Some(Reason::OutOfRange {
                at: at(),
                lon: c.x,
                lat: c.y,
            });
        } else if too_precise.is_none() {
            for v in [c.x, c.y] {
                if (v * 1e5).round() / 1e5 != v {
                    too_precise = Some(Reason::TooPrecise { at: at(), value: v });
                    break;
                }
            }
        }
    });
    if let Some(r) = range_err {
        problems.push((Severity::Error, r));
        return;
    }
    if let Some(r) = too_precise
        && mode == Mode::Atlas
    {
        problems.push((Severity::Warning, r));
    }
    if let Some(r) = topology::check_antimeridian(g).or_else(|| topology::check_zero_length(g)) {
        problems.push((Severity::Error, r));
        return;
    }
    match g {
        Geometry::Polygon(p) => {
            if check_polygon(p, None, mode, problems)
                && let Some(r) = topology::check_holes(p, None)
            {
                problems.push((Severity::Error, r));
            }
        }
        Geometry::MultiPolygon(mp) => {
            let mut simple = true;
            for (i, p) in mp.0.iter().enumerate() {
                if check_polygon(p, Some(i), mode, problems) {
                    if let Some(r) = topology::check_holes(p, Some(i)) {
                        problems.push((Severity::Error, r));
                        simple = false;
                    }
                } else {
                    simple = false;
                }
            }
            if simple && let Some(r) = topology::check_parts(&mp.0) {
                problems.push((Severity::Error, r));
            }
        }
        _ => {}
    }
}

/// Called with each coordinate and a closure naming where it is (built only when needed).
type CoordVisitor<'a> = dyn FnMut(Coord<f64>, &dyn Fn() -> String) + 'a;

fn for_each_coord(g: &Geometry<f64>, f: &mut CoordVisitor<'_>) {
    match g {
        Geometry::Point(p) => f(p.0, &|| "coordinates".into()),
        Geometry::MultiPoint(mp) => {
            for (i, p) in mp.0.iter().enumerate() {
                f(p.0, &|| format!("coordinates[{i}]"));
            }
        }
        Geometry::LineString(l) => {
            for (i, c) in l.0.iter().enumerate() {
                f(*c, &|| format!("coordinates[{i}]"));
            }
        }
        Geometry::MultiLineString(ml) => {
            for (j, l) in ml.0.iter().enumerate() {
                for (i, c) in l.0.iter().enumerate() {
                    f(*c, &|| format!("coordinates[{j}][{i}]"));
                }
            }
        }
        Geometry::Polygon(p) => {
            for (r, ring) in std::iter::once(p.exterior())
                .chain(p.interiors())
                .enumerate()
            {
                for (i, c) in ring.0.iter().enumerate() {
                    f(*c, &|| format!("coordinates[{r}][{i}]"));
                }
            }
        }
        Geometry::MultiPolygon(mp) => {
            for (k, p) in mp.0.iter().enumerate() {
                for (r, ring) in std::iter::once(p.exterior())
                    .chain(p.interiors())
                    .enumerate()
                {
                    for (i, c) in ring.0.iter().enumerate() {
                        f(*c, &|| format!("coordinates[{k}][{r}][{i}]"));
                    }
                }
            }
        }
        _ => {}
    }
}

/// Twice the signed area (positive = counter-clockwise) of a closed ring.
pub fn signed_area2(ring: &[Coord<f64>]) -> f64 {
    let Some(o) = ring.first() else { return 0.0 };
    // Relative to the first vertex for precision.
    ring.windows(2)
        .map(|w| match w {
            [a, b] => (a.x - o.x) * (b.y - o.y) - (b.x - o.x) * (a.y - o.y),
            _ => 0.0,
        })
        .sum()
}

/// The ring without consecutive repeated positions (still closed).
pub(super) fn dedup(ring: &[Coord<f64>]) -> Vec<Coord<f64>> {
    let mut out: Vec<Coord<f64>> = Vec::with_capacity(ring.len());
    for c in ring {
        if out.last() != Some(c) {
            out.push(*c);
        }
    }
    out
}

/// Area below which a ring counts as degenerate, in square degrees (a 5-decimal grid cell is 1e-10).
const MIN_AREA: f64 = 1e-12;

/// Whether every position of a ring lies (within 1e-9°) on one straight line.
fn collinear(ring: &[Coord<f64>]) -> bool {
    let Some(&o) = ring.first() else { return true };
    let far = ring.iter().copied().fold(o, |best, c| {
        let d = |p: Coord<f64>| (p.x - o.x).powi(2) + (p.y - o.y).powi(2);
        if d(c) > d(best) { c } else { best }
    });
    let (dx, dy) = (far.x - o.x, far.y - o.y);
    let len = dx.hypot(dy);
    if len == 0.0 {
        return true;
    }
    ring.iter()
        .all(|c| ((c.x - o.x) * dy - (c.y - o.y) * dx).abs() / len < 1e-9)
}

/// Rings of one polygon: degenerate rings, crossings, area and winding. True when its rings are
/// simple and do not cross (so holes and parts can be placed).
fn check_polygon(
    p: &Polygon<f64>,
    polygon: Option<usize>,
    mode: Mode,
    problems: &mut Vec<(Severity, Reason)>,
) -> bool {
    let crossing = match mode {
        Mode::Atlas => Severity::Error,
        Mode::User => Severity::Warning,
    };
    let rings: Vec<Vec<Coord<f64>>> = std::iter::once(p.exterior())
        .chain(p.interiors())
        .map(|r| dedup(&r.0))
        .collect();
    let mut ok = true;
    for (i, r) in rings.iter().enumerate() {
        if r.len() < 4 || collinear(r) {
            problems.push((
                Severity::Error,
                Reason::DegenerateRing {
                    ring: ring_label(polygon, i),
                },
            ));
            ok = false;
        }
    }
    if !ok {
        return false;
    }
    match find_crossing(&rings) {
        Crossing::None => {}
        Crossing::SelfIntersection { ring, at } => {
            problems.push((
                crossing,
                Reason::SelfIntersection {
                    ring: ring_label(polygon, ring),
                    lon: at.x,
                    lat: at.y,
                },
            ));
            return false;
        }
        Crossing::Rings { a, b, at } => {
            problems.push((
                crossing,
                Reason::RingsCross {
                    a: ring_label(polygon, a),
                    b: ring_label(polygon, b),
                    lon: at.x,
                    lat: at.y,
                },
            ));
            return false;
        }
        // Only when the sweep's order broke (or 4 billion segments): not known to be simple.
        Crossing::GaveUp { pairs } => {
            problems.push((
                crossing,
                Reason::TooComplex {
                    ring: match polygon {
                        Some(i) => format!("polygon {i}"),
                        None => "polygon".into(),
                    },
                    pairs,
                },
            ));
            return false;
        }
    }
    // Simple rings: area and winding.
    let mut simple = true;
    for (i, r) in rings.iter().enumerate() {
        let ring = ring_label(polygon, i);
        let a2 = signed_area2(r);
        if a2.abs() / 2.0 < MIN_AREA {
            problems.push((Severity::Error, Reason::DegenerateRing { ring }));
            simple = false;
            continue;
        }
        let ccw = a2 > 0.0;
        let want_ccw = i == 0;
        let name = |b: bool| if b { "counter-clockwise" } else { "clockwise" };
        if ccw != want_ccw {
            problems.push((
                Severity::Warning,
                Reason::Winding {
                    ring,
                    found: name(ccw),
                    expected: name(want_ccw),
                },
            ));
        }
    }
    simple
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(pts: &[(f64, f64)]) -> Vec<Coord<f64>> {
        pts.iter().map(|&(x, y)| Coord { x, y }).collect()
    }

    #[test]
    fn winding_sign() {
        let ccw = ring(&[(0., 0.), (1., 0.), (1., 1.), (0., 0.)]);
        assert!(signed_area2(&ccw) > 0.0);
        let cw: Vec<_> = ccw.iter().rev().copied().collect();
        assert!(signed_area2(&cw) < 0.0);
    }
}
