//! What the resolver knows of each feature: kind, containers (its country, the areas its
//! interior point lies in), a representative point, population, province; and the regions
//! that shadow a country's name ("Iranian Azerbaijan").

use std::collections::HashMap;

use geo::{BoundingRect, Contains, InteriorPoint, Point, Rect};

use super::fold::fold_str;
use super::gazetteer::{strip_article, strip_qualifier};
use crate::atlas::{Feature, Kind};

/// What the resolver needs to know about a feature.
#[derive(Debug, Clone)]
pub struct Place {
    pub id: String,
    pub kind: Kind,
    /// Features this one lies in (its `country`, polygons containing its interior point), sorted.
    pub containers: Vec<usize>,
    /// The containing country, if known.
    pub country: Option<usize>,
    /// A representative lon/lat (points, and the interior point of areas that lie in others).
    pub point: Option<(f64, f64)>,
    /// The `population` property, 0 when absent.
    pub population: u64,
    /// The folded `province` property (gazetteer towns).
    pub province: Option<String>,
    /// A country, region or capital: a name that may speak for a government ("Bishkek asked").
    pub speaks: bool,
}

/// A region named "<demonym of its country> <name of another country>" ("Iranian
/// Azerbaijan"): in a document that names it, the bare country name may mean the region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShadowRegion {
    /// The region.
    pub region: usize,
    /// Its country (whose demonym opens the region's name).
    pub owner: usize,
    /// The country whose name the region's name ends with.
    pub country_named: usize,
    /// That name, folded.
    pub bare: String,
}

fn rank_kind(kind: Kind) -> u8 {
    match kind {
        Kind::Country => 0,
        Kind::MacroRegion => 1,
        Kind::Region => 2,
        Kind::Water => 3,
        Kind::Corridor => 4,
        Kind::Pipeline => 5,
        Kind::Field => 6,
        Kind::City => 7,
        Kind::River | Kind::Lake | Kind::Landform => 8,
        Kind::Town => 9,
    }
}

/// Containment rank: a larger entity reads as the default for a bare shared name.
pub fn kind_rank(kind: Kind) -> u8 {
    rank_kind(kind)
}

pub fn representative_point(f: &Feature) -> Option<Point<f64>> {
    match &f.geometry {
        geo::Geometry::Polygon(p) => polygon_interior_point(p).map(|(pt, _)| pt),
        // As `geo`: the interior point of the polygon with the widest inner scan segment.
        geo::Geometry::MultiPolygon(mp) => mp
            .iter()
            .filter_map(polygon_interior_point)
            .min_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Less))
            .map(|(pt, _)| pt),
        g => g.interior_point(),
    }
}

/// The interior point of a polygon and the length of its scan segment: the same point as
/// `geo`'s `InteriorPoint` (midpoint of the widest inside segment of a horizontal scan line
/// through the middle of the bounding box), computed without its general sweep and `relate`
/// machinery: the scan line is cut against each ring edge directly and the candidate
/// midpoints are located with a point-in-polygon test.
fn polygon_interior_point(polygon: &geo::Polygon<f64>) -> Option<(Point<f64>, f64)> {
    use geo::coordinate_position::{CoordPos, CoordinatePosition};
    use geo::line_intersection::{LineIntersection, line_intersection};
    use geo::{CoordsIter, Line, LinesIter};
    let ext = &polygon.exterior().0;
    if ext.len() == 1 {
        return ext.first().map(|c| (Point::from(*c), 0.0));
    }
    let bounds = polygon.bounding_rect()?;
    let mut y_mid = (bounds.min().y + bounds.max().y) / 2.0;
    if polygon.coords_iter().any(|c| c.y == y_mid) {
        let next_closest = polygon
            .coords_iter()
            .filter_map(|c| (c.y != y_mid).then_some((c.y, (c.y - y_mid).abs())))
            .min_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Less));
        if let Some((closest, _)) = next_closest {
            y_mid = (y_mid + closest) / 2.0;
        }
    }
    let scan = Line::new(
        geo::Coord {
            x: bounds.min().x,
            y: y_mid,
        },
        geo::Coord {
            x: bounds.max().x,
            y: y_mid,
        },
    );
    let mut xs: Vec<f64> = Vec::new();
    for l in polygon.lines_iter() {
        // Cheap reject: the edge does not reach the scan line.
        let (lo, hi) = if l.start.y <= l.end.y {
            (l.start.y, l.end.y)
        } else {
            (l.end.y, l.start.y)
        };
        if lo > y_mid || hi < y_mid {
            continue;
        }
        match line_intersection(scan, l) {
            Some(LineIntersection::Collinear { intersection }) => {
                xs.push(intersection.start.x);
                xs.push(intersection.end.x);
            }
            Some(LineIntersection::SinglePoint { intersection, .. }) => xs.push(intersection.x),
            None => {}
        }
    }
    xs.sort_by(f64::total_cmp);
    let mut segments: Vec<(Point<f64>, f64)> = xs
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some((Point::new((a + b) / 2.0, y_mid), b - a)),
            _ => None,
        })
        .collect();
    segments.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (midpoint, length) in segments {
        match polygon.coordinate_position(&midpoint.0) {
            CoordPos::Inside => return Some((midpoint, length)),
            CoordPos::OnBoundary => return Some((midpoint, 0.0)),
            CoordPos::Outside => {}
        }
    }
    polygon.coords_iter().next().map(|c| (Point::from(c), 0.0))
}

/// Compute the containers of every feature: its `country` property, and every country or
/// region polygon that contains its interior point.
/// Indices of the features whose area contains a point (lon, lat): a spatial index's answer.
pub type Locate<'a> = &'a (dyn Fn(f64, f64) -> Vec<usize> + Sync);

pub(super) fn compute_places(features: &[Feature], locate: Option<Locate<'_>>) -> Vec<Place> {
    let index: HashMap<&str, usize> = features
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    let areas: Vec<(usize, Rect<f64>)> = features
        .iter()
        .enumerate()
        .filter(|(_, f)| matches!(f.kind, Kind::Country | Kind::Region))
        .filter(|(_, f)| {
            matches!(
                f.geometry,
                geo::Geometry::Polygon(_) | geo::Geometry::MultiPolygon(_)
            )
        })
        .filter_map(|(i, f)| f.geometry.bounding_rect().map(|r| (i, r)))
        .collect();
    // Thousands of gazetteer places, each tested against the areas: on every core.
    let items: Vec<(usize, &Feature)> = features.iter().enumerate().collect();
    crate::par::map(&items, |&(i, f)| {
        let country = f.prop_str("country").and_then(|c| index.get(c).copied());
        let mut containers: Vec<usize> = country.into_iter().collect();
        if let Some(list) = f.properties.get("countries").and_then(|v| v.as_array()) {
            containers.extend(
                list.iter()
                    .filter_map(|c| c.as_str().and_then(|c| index.get(c).copied())),
            );
        }
        // A line (pipeline, corridor, river) crosses areas rather than lies in them.
        // Countries, macro-regions and waters lie in no feature used as evidence (and
        // the interior point of a big country is costly to find).
        let is_line = matches!(
            f.geometry,
            geo::Geometry::LineString(_) | geo::Geometry::MultiLineString(_)
        ) || matches!(f.kind, Kind::Country | Kind::MacroRegion | Kind::Water);
        if let Some(p) = representative_point(f).filter(|_| !is_line) {
            let is_area = |j: usize| areas.binary_search_by_key(&j, |&(k, _)| k).is_ok();
            // A region does not lie in a smaller-rank feature.
            let bigger = |j: usize| {
                features
                    .get(j)
                    .is_some_and(|g| rank_kind(g.kind) <= rank_kind(f.kind))
            };
            match locate {
                Some(locate) => {
                    for j in locate(p.x(), p.y()) {
                        if j != i && is_area(j) && bigger(j) {
                            containers.push(j);
                        }
                    }
                }
                None => {
                    for &(j, rect) in &areas {
                        if j == i || !rect.contains(&p) || !bigger(j) {
                            continue;
                        }
                        if features.get(j).is_some_and(|g| g.geometry.contains(&p)) {
                            containers.push(j);
                        }
                    }
                }
            }
        }
        containers.sort_unstable();
        containers.dedup();
        let country = country.or_else(|| {
            containers
                .iter()
                .copied()
                .find(|&j| features.get(j).is_some_and(|g| g.kind == Kind::Country))
        });
        let point = match &f.geometry {
            geo::Geometry::Point(p) => Some((p.x(), p.y())),
            _ if !is_line => representative_point(f).map(|p| (p.x(), p.y())),
            _ => None,
        };
        Place {
            id: f.id.clone(),
            kind: f.kind,
            containers,
            country,
            point,
            population: f
                .properties
                .get("population")
                .and_then(serde_json::Value::as_u64)
                .unwrap_or(0),
            province: f.prop_str("province").map(fold_str),
            speaks: matches!(f.kind, Kind::Country | Kind::MacroRegion | Kind::Region)
                || f.prop_str("role") == Some("capital"),
        }
    })
}

/// Find the regions named "<demonym of their country> <country name>".
pub(super) fn shadow_regions(features: &[Feature], places: &[Place]) -> Vec<ShadowRegion> {
    let mut country_names: Vec<(String, usize)> = Vec::new();
    for (i, f) in features.iter().enumerate() {
        if f.kind == Kind::Country {
            for n in std::iter::once(&f.name).chain(&f.aliases) {
                country_names.push((fold_str(strip_article(n)), i));
            }
        }
    }
    let mut out = Vec::new();
    for (r, f) in features.iter().enumerate() {
        if f.kind != Kind::Region {
            continue;
        }
        let Some(owner) = places.get(r).and_then(|p| p.country) else {
            continue;
        };
        let Some(owner_f) = features.get(owner) else {
            continue;
        };
        let demonyms: Vec<String> = owner_f.demonyms.iter().map(|d| fold_str(d)).collect();
        for n in std::iter::once(&f.name).chain(&f.aliases) {
            let folded = fold_str(strip_qualifier(n));
            let Some((first, rest)) = folded.split_once(' ') else {
                continue;
            };
            if !demonyms.iter().any(|d| d == first) {
                continue;
            }
            for (name, c) in &country_names {
                if name == rest && *c != owner {
                    let s = ShadowRegion {
                        region: r,
                        owner,
                        country_named: *c,
                        bare: name.clone(),
                    };
                    if !out.contains(&s) {
                        out.push(s);
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interior_points_match_geo() {
        let atlas = crate::atlas::Atlas::load_embedded();
        let mut checked = 0;
        for f in atlas.features() {
            if matches!(
                f.geometry,
                geo::Geometry::Polygon(_) | geo::Geometry::MultiPolygon(_)
            ) {
                assert_eq!(
                    representative_point(f),
                    f.geometry.interior_point(),
                    "{}",
                    f.id
                );
                checked += 1;
            }
        }
        assert!(checked > 20, "{checked}");
        // A polygon with a hole across the middle: the point lies beside the hole.
        let p = geo::Polygon::new(
            geo::LineString::from(vec![(0.0, 0.0), (10.0, 0.0), (10.0, 4.0), (0.0, 4.0)]),
            vec![geo::LineString::from(vec![
                (1.0, 1.0),
                (1.0, 3.0),
                (8.0, 3.0),
                (8.0, 1.0),
            ])],
        );
        let f = Feature {
            geometry: geo::Geometry::Polygon(p.clone()),
            ..atlas.features()[0].clone()
        };
        assert_eq!(representative_point(&f), p.interior_point());
    }
}
