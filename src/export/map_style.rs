//! How the printed map draws each feature: the window's styling rules (`map::style`, gui-only)
//! restated over the core palette (`crate::palette`), so the SVG looks like the window in the
//! same theme; and which points show at a scale, as in the window.

use crate::atlas::{Feature, Kind};
use crate::palette::{Palette, Rgba};

/// Point marker shapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Dot,
    /// A capital: dot inside a ring.
    Capital,
    Square,
    Diamond,
}

/// The draw style of one feature (widths and radii in pixels).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub fill: Rgba,
    pub stroke: Rgba,
    pub width: f32,
    /// Dash and gap lengths.
    pub dash: Option<(f32, f32)>,
    /// A light casing drawn under a line: colour and width.
    pub casing: Option<(Rgba, f32)>,
    /// Diagonal hatching of an area.
    pub hatch: Option<Rgba>,
    pub radius: f32,
    pub marker: Marker,
}

/// Drawing order of kinds, bottom first (the window's).
pub const DRAW_ORDER: [Kind; 12] = [
    Kind::Country,
    Kind::Water,
    Kind::Lake,
    Kind::River,
    Kind::Landform,
    Kind::Region,
    Kind::MacroRegion,
    Kind::Corridor,
    Kind::Pipeline,
    Kind::Field,
    Kind::Town,
    Kind::City,
];

/// The window's FNV-1a hash that spreads land colours over countries.
fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn is_planned(status: Option<&str>) -> bool {
    matches!(status, Some("proposed" | "construction" | "development"))
}

fn is_inactive(status: Option<&str>) -> bool {
    matches!(
        status,
        Some("cancelled" | "shelved" | "idle" | "mothballed" | "retired")
    )
}

/// The colour of a commodity (oil, gas, oil-gas).
pub fn commodity_colour(c: Option<&str>, p: &Palette) -> Rgba {
    match c {
        Some("gas") => p.gas,
        Some("oil-gas") => p.oil_gas,
        _ => p.oil,
    }
}

/// The style of a feature in a palette.
pub fn style_of(f: &Feature, p: &Palette) -> Style {
    let base = Style {
        fill: Rgba::TRANSPARENT,
        stroke: Rgba::TRANSPARENT,
        width: 0.0,
        dash: None,
        casing: None,
        hatch: None,
        radius: 3.0,
        marker: Marker::Dot,
    };
    let status = f.status.as_deref().or_else(|| f.prop_str("status"));
    match f.kind {
        Kind::Country => {
            let i = (fnv(&f.id) % p.land.len() as u64) as usize;
            let partial = status == Some("partially-recognised");
            Style {
                fill: p.land.get(i).copied().unwrap_or(p.land[0]),
                stroke: p.border,
                width: 0.9,
                dash: partial.then_some((4.0, 3.0)),
                hatch: partial.then(|| p.disputed.faded(0.35)),
                ..base
            }
        }
        Kind::MacroRegion => Style {
            stroke: p.macro_region.faded(0.13),
            width: 6.0,
            ..base
        },
        // The gazetteer: small and quiet, under the curated layers (as in the window).
        Kind::Town => Style {
            fill: p.city.faded(0.8),
            stroke: p.city_ring.faded(0.8),
            width: 0.6,
            radius: 1.8,
            ..base
        },
        Kind::River => Style {
            stroke: p.water_line.faded(0.8),
            width: 1.0,
            dash: (f.prop_str("geometry_accuracy") == Some("schematic")).then_some((6.0, 3.0)),
            ..base
        },
        Kind::Lake => Style {
            fill: p.water,
            stroke: p.water_line,
            width: 0.8,
            radius: 3.0,
            ..base
        },
        Kind::Landform => Style {
            fill: p.border.faded(0.7),
            stroke: p.border.faded(0.6),
            width: 1.0,
            dash: Some((2.0, 4.0)),
            radius: 2.5,
            ..base
        },
        Kind::Region => match status {
            Some("disputed") => Style {
                fill: p.disputed.faded(0.07),
                stroke: p.disputed,
                width: 1.3,
                dash: Some((5.0, 3.0)),
                hatch: Some(p.disputed.faded(0.45)),
                ..base
            },
            Some("historical") => Style {
                stroke: p.historical,
                width: 1.3,
                dash: Some((2.0, 3.0)),
                hatch: Some(p.historical.faded(0.40)),
                ..base
            },
            Some("geographic") => Style {
                stroke: p.region_line.faded(0.9),
                width: 1.0,
                dash: Some((6.0, 4.0)),
                ..base
            },
            Some("autonomous") => Style {
                stroke: p.region_line,
                width: 1.0,
                dash: Some((3.0, 2.0)),
                ..base
            },
            _ => Style {
                stroke: p.region_line,
                width: 0.8,
                dash: Some((3.0, 2.0)),
                ..base
            },
        },
        Kind::Water => {
            if f.prop_str("water_type") == Some("river") {
                Style {
                    stroke: p.water_line,
                    width: 1.4,
                    ..base
                }
            } else {
                Style {
                    fill: p.water,
                    stroke: p.water_line,
                    width: 0.7,
                    ..base
                }
            }
        }
        Kind::City => {
            let role = f.prop_str("role").unwrap_or("city");
            let pop = population(f);
            let r = if pop > 0.0 {
                (pop.log10() as f32 * 0.8 - 1.4).clamp(2.0, 5.0)
            } else {
                2.5
            };
            let city = Style {
                fill: p.city,
                stroke: p.city_ring,
                width: 1.0,
                radius: r,
                ..base
            };
            match role {
                "capital" => Style {
                    fill: p.capital,
                    width: 1.2,
                    radius: r.max(3.5) + 0.5,
                    marker: Marker::Capital,
                    ..city
                },
                "port" => Style {
                    fill: p.sea_route,
                    ..city
                },
                "base" => Style {
                    radius: 2.8,
                    marker: Marker::Square,
                    ..city
                },
                "town" => Style {
                    radius: r.min(2.5),
                    ..city
                },
                _ => city,
            }
        }
        Kind::Field => {
            let c = commodity_colour(f.prop_str("commodity"), p);
            let c = if is_inactive(status) {
                c.faded(0.45)
            } else {
                c
            };
            Style {
                fill: c.faded(0.85),
                stroke: p.city_ring,
                width: 1.0,
                radius: 4.0,
                marker: Marker::Diamond,
                ..base
            }
        }
        Kind::Pipeline => {
            let faded = is_inactive(status);
            let c = commodity_colour(f.prop_str("commodity"), p);
            Style {
                stroke: if faded { c.faded(0.35) } else { c },
                width: 2.2,
                dash: is_planned(status).then_some((7.0, 4.0)),
                casing: (!faded).then(|| (p.halo.faded(0.8), 4.0)),
                ..base
            }
        }
        Kind::Corridor => {
            let c = match f.prop_str("mode") {
                Some("rail") => p.rail,
                Some("road") => p.road,
                Some("sea") => p.sea_route,
                _ => p.multimodal,
            };
            let faded = is_inactive(status);
            Style {
                stroke: if faded { c.faded(0.35) } else { c },
                width: 1.8,
                dash: if is_planned(status) {
                    Some((2.0, 3.0))
                } else if f.prop_str("mode") == Some("sea") {
                    Some((8.0, 5.0))
                } else {
                    None
                },
                ..base
            }
        }
    }
}

/// A city's population property (0 when unknown).
pub fn population(f: &Feature) -> f64 {
    f.properties
        .get("population")
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0)
}

/// Whether a point feature is drawn at `scale` (pixels per projected km), as in the window.
pub fn point_visible(f: &Feature, scale: f64) -> bool {
    // The reader's own points are always drawn.
    if f.user.is_some() {
        return true;
    }
    match f.kind {
        Kind::City => {
            let pop = population(f);
            match f.prop_str("role") {
                Some("capital") => true,
                _ if pop >= 1_000_000.0 => scale >= 0.2,
                Some("port") => scale >= 0.25,
                _ if pop >= 300_000.0 => scale >= 0.3,
                _ => scale >= 0.45,
            }
        }
        // A gazetteer town shows from the zoom its population rank allows.
        Kind::Town => {
            let rank = f
                .properties
                .get("rank")
                .and_then(|v| v.as_u64())
                .unwrap_or(6);
            scale >= town_min_scale(rank)
        }
        _ => true,
    }
}

/// The smallest scale at which a gazetteer town of `rank` (1: a million people or more … 6:
/// under 10,000) is drawn: the map thins towns by zoom.
pub fn town_min_scale(rank: u64) -> f64 {
    match rank {
        0 | 1 => 0.3,
        2 => 0.5,
        3 => 0.9,
        4 => 1.6,
        5 => 3.0,
        _ => 6.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feature(kind: Kind, status: Option<&str>, props: serde_json::Value) -> Feature {
        Feature {
            id: "x".into(),
            kind,
            name: "X".into(),
            aliases: vec![],
            demonyms: vec![],
            summary: String::new(),
            status: status.map(str::to_string),
            sources: vec![],
            geometry: geo::Geometry::Point(geo::Point::new(0.0, 0.0)),
            properties: props.as_object().cloned().unwrap_or_default(),
            user: None,
        }
    }

    #[test]
    fn pipelines_and_capitals_styled_like_the_window() {
        let p = Palette::light();
        let gas = style_of(
            &feature(
                Kind::Pipeline,
                Some("operating"),
                serde_json::json!({"commodity": "gas"}),
            ),
            &p,
        );
        assert_eq!(gas.stroke, p.gas);
        assert!(gas.dash.is_none() && gas.casing.is_some());
        let planned = style_of(
            &feature(Kind::Pipeline, Some("proposed"), serde_json::json!({})),
            &p,
        );
        assert_eq!(planned.dash, Some((7.0, 4.0)));
        let cap = style_of(
            &feature(
                Kind::City,
                None,
                serde_json::json!({"role": "capital", "population": 2_000_000}),
            ),
            &p,
        );
        assert_eq!(cap.marker, Marker::Capital);
        let town = feature(
            Kind::City,
            None,
            serde_json::json!({"role": "town", "population": 2_000}),
        );
        assert!(!point_visible(&town, 0.2) && point_visible(&town, 0.5));
    }
}
