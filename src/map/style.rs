//! Styling by kind and attribute: the light and dark palettes, and how each feature is drawn
//! (fill, stroke, dash, hatch, marker) from its kind, status, commodity, mode and role.

use egui::{Color32, Stroke};

use crate::atlas::{Feature, Kind};

/// Every colour the map uses, for one theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    pub dark: bool,
    pub background: Color32,
    pub land: [Color32; 6],
    pub border: Color32,
    pub water: Color32,
    pub water_line: Color32,
    pub region_line: Color32,
    pub disputed: Color32,
    pub historical: Color32,
    pub macro_region: Color32,
    pub city: Color32,
    pub city_ring: Color32,
    pub capital: Color32,
    pub oil: Color32,
    pub gas: Color32,
    pub oil_gas: Color32,
    pub rail: Color32,
    pub road: Color32,
    pub multimodal: Color32,
    pub sea_route: Color32,
    pub label: Color32,
    pub label_water: Color32,
    pub label_country: Color32,
    pub halo: Color32,
    pub hover: Color32,
    pub selected: Color32,
    pub panel_bg: Color32,
}

impl Palette {
    /// The window's palette from the core's plain RGBA values (`crate::palette`), which the
    /// SVG/PNG map export reads too.
    pub fn from_core(p: &crate::palette::Palette) -> Palette {
        let c =
            |x: crate::palette::Rgba| Color32::from_rgba_unmultiplied(x.r(), x.g(), x.b(), x.a());
        Palette {
            dark: p.dark,
            background: c(p.background),
            land: p.land.map(c),
            border: c(p.border),
            water: c(p.water),
            water_line: c(p.water_line),
            region_line: c(p.region_line),
            disputed: c(p.disputed),
            historical: c(p.historical),
            macro_region: c(p.macro_region),
            city: c(p.city),
            city_ring: c(p.city_ring),
            capital: c(p.capital),
            oil: c(p.oil),
            gas: c(p.gas),
            oil_gas: c(p.oil_gas),
            rail: c(p.rail),
            road: c(p.road),
            multimodal: c(p.multimodal),
            sea_route: c(p.sea_route),
            label: c(p.label),
            label_water: c(p.label_water),
            label_country: c(p.label_country),
            halo: c(p.halo),
            hover: c(p.hover),
            selected: c(p.selected),
            panel_bg: c(p.panel_bg),
        }
    }

    pub fn light() -> Palette {
        Palette::from_core(&crate::palette::Palette::light())
    }

    pub fn dark() -> Palette {
        Palette::from_core(&crate::palette::Palette::dark())
    }

    pub fn for_dark_mode(dark: bool) -> Palette {
        if dark {
            Palette::dark()
        } else {
            Palette::light()
        }
    }
}

/// How a line is dashed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Dash {
    Solid,
    /// Dash and gap lengths in points.
    Dashed(f32, f32),
}

/// The draw style of one feature.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FeatureStyle {
    /// Fill of an area (transparent for none).
    pub fill: Color32,
    /// Outline of an area, or the line itself.
    pub stroke: Stroke,
    pub dash: Dash,
    /// A light casing drawn under a line, for contrast.
    pub casing: Option<Stroke>,
    /// Diagonal hatching of an area.
    pub hatch: Option<Color32>,
    /// Marker radius of a point, in points.
    pub radius: f32,
    /// Marker shape of a point.
    pub marker: Marker,
}

/// Point marker shapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Dot,
    /// A capital: dot inside a ring.
    Capital,
    Square,
    Diamond,
}

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn fade(c: Color32, alpha: f32) -> Color32 {
    c.gamma_multiply(alpha)
}

/// The colour of a reader's layer: a hue of its own (from its name), darker on a light map.
pub fn user_layer_colour(layer: &str, p: &Palette) -> Color32 {
    let hue = (fnv(layer) % 360) as f32 / 360.0;
    let value = if p.dark { 0.95 } else { 0.75 };
    Color32::from(egui::ecolor::Hsva::new(hue, 0.8, value, 1.0))
}

/// A reader's feature: its layer's colour, or the file's own simplestyle `stroke`,
/// `stroke-width`, `stroke-opacity`, `fill`, `fill-opacity` and `marker-color`.
pub fn style_user_feature(
    f: &Feature,
    origin: &crate::atlas::UserOrigin,
    p: &Palette,
) -> FeatureStyle {
    let layer = user_layer_colour(&origin.layer, p);
    let rgb = |c: Option<[u8; 3]>| c.map(|[r, g, b]| Color32::from_rgb(r, g, b));
    let st = &origin.style;
    let stroke_colour = fade(
        rgb(st.stroke).unwrap_or(layer),
        st.stroke_opacity.unwrap_or(1.0),
    );
    let base = FeatureStyle {
        fill: Color32::TRANSPARENT,
        stroke: Stroke::NONE,
        dash: Dash::Solid,
        casing: None,
        hatch: None,
        radius: 3.5,
        marker: Marker::Diamond,
    };
    match &f.geometry {
        geo::Geometry::Point(_) | geo::Geometry::MultiPoint(_) => FeatureStyle {
            fill: rgb(st.marker_color).unwrap_or(layer),
            stroke: Stroke::new(1.0, p.city_ring),
            ..base
        },
        geo::Geometry::Polygon(_) | geo::Geometry::MultiPolygon(_) => FeatureStyle {
            fill: fade(
                rgb(st.fill).unwrap_or(layer),
                st.fill_opacity.unwrap_or(0.25),
            ),
            stroke: Stroke::new(st.stroke_width.unwrap_or(1.5), stroke_colour),
            ..base
        },
        _ => FeatureStyle {
            stroke: Stroke::new(st.stroke_width.unwrap_or(2.0), stroke_colour),
            casing: Some(Stroke::new(
                st.stroke_width.unwrap_or(2.0) + 2.0,
                fade(p.halo, 0.6),
            )),
            ..base
        },
    }
}

/// The status values under which a line is drawn dashed (not built yet).
pub fn is_planned(status: Option<&str>) -> bool {
    matches!(status, Some("proposed" | "construction" | "development"))
}

/// The status values under which a line is faded (not running).
pub fn is_inactive(status: Option<&str>) -> bool {
    matches!(
        status,
        Some("cancelled" | "shelved" | "idle" | "mothballed" | "retired")
    )
}

/// The style of a feature in a palette.
pub fn style_of(f: &Feature, p: &Palette) -> FeatureStyle {
    if let Some(origin) = &f.user {
        return style_user_feature(f, origin, p);
    }
    let base = FeatureStyle {
        fill: Color32::TRANSPARENT,
        stroke: Stroke::NONE,
        dash: Dash::Solid,
        casing: None,
        hatch: None,
        radius: 3.0,
        marker: Marker::Dot,
    };
    let status = f.status.as_deref().or_else(|| f.prop_str("status"));
    match f.kind {
        Kind::Country => {
            let i = (fnv(&f.id) % p.land.len() as u64) as usize;
            let fill = p.land.get(i).copied().unwrap_or(p.land[0]);
            let partial = status == Some("partially-recognised");
            FeatureStyle {
                fill,
                stroke: Stroke::new(0.9, p.border),
                dash: if partial {
                    Dash::Dashed(4.0, 3.0)
                } else {
                    Dash::Solid
                },
                hatch: partial.then(|| fade(p.disputed, 0.35)),
                ..base
            }
        }
        // Macro-regions follow country borders: a soft translucent band, not a second border.
        Kind::MacroRegion => FeatureStyle {
            stroke: Stroke::new(6.0, fade(p.macro_region, 0.13)),
            ..base
        },
        Kind::Region => match status {
            Some("disputed") => FeatureStyle {
                fill: fade(p.disputed, 0.07),
                stroke: Stroke::new(1.3, p.disputed),
                dash: Dash::Dashed(5.0, 3.0),
                hatch: Some(fade(p.disputed, 0.45)),
                ..base
            },
            Some("historical") => FeatureStyle {
                stroke: Stroke::new(1.3, p.historical),
                dash: Dash::Dashed(2.0, 3.0),
                hatch: Some(fade(p.historical, 0.40)),
                ..base
            },
            Some("geographic") => FeatureStyle {
                stroke: Stroke::new(1.0, fade(p.region_line, 0.9)),
                dash: Dash::Dashed(6.0, 4.0),
                ..base
            },
            Some("autonomous") => FeatureStyle {
                stroke: Stroke::new(1.0, p.region_line),
                dash: Dash::Dashed(3.0, 2.0),
                ..base
            },
            _ => FeatureStyle {
                stroke: Stroke::new(0.8, p.region_line),
                dash: Dash::Dashed(3.0, 2.0),
                ..base
            },
        },
        Kind::Water => {
            let river = f.prop_str("water_type") == Some("river");
            if river {
                FeatureStyle {
                    stroke: Stroke::new(1.4, p.water_line),
                    ..base
                }
            } else {
                FeatureStyle {
                    fill: p.water,
                    stroke: Stroke::new(0.7, p.water_line),
                    ..base
                }
            }
        }
        Kind::City => {
            let role = f.prop_str("role").unwrap_or("city");
            let pop = f
                .properties
                .get("population")
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0);
            // Radius grows with the log of the population: 100k → 2.6, 1M → 3.4, 10M → 4.2.
            let r = if pop > 0.0 {
                (pop.log10() as f32 * 0.8 - 1.4).clamp(2.0, 5.0)
            } else {
                2.5
            };
            match role {
                "capital" => FeatureStyle {
                    fill: p.capital,
                    stroke: Stroke::new(1.2, p.city_ring),
                    radius: r.max(3.5) + 0.5,
                    marker: Marker::Capital,
                    ..base
                },
                "port" => FeatureStyle {
                    fill: p.sea_route,
                    stroke: Stroke::new(1.0, p.city_ring),
                    radius: r,
                    ..base
                },
                "base" => FeatureStyle {
                    fill: p.city,
                    stroke: Stroke::new(1.0, p.city_ring),
                    radius: 2.8,
                    marker: Marker::Square,
                    ..base
                },
                _ => FeatureStyle {
                    fill: p.city,
                    stroke: Stroke::new(1.0, p.city_ring),
                    radius: if role == "town" { r.min(2.5) } else { r },
                    ..base
                },
            }
        }
        // The gazetteer: small and quiet, under the curated layers.
        Kind::Town => FeatureStyle {
            fill: fade(p.city, 0.8),
            stroke: Stroke::new(0.6, fade(p.city_ring, 0.8)),
            radius: 1.8,
            ..base
        },
        Kind::River => FeatureStyle {
            stroke: Stroke::new(1.0, fade(p.water_line, 0.8)),
            dash: if f.prop_str("geometry_accuracy") == Some("schematic") {
                Dash::Dashed(6.0, 3.0)
            } else {
                Dash::Solid
            },
            ..base
        },
        Kind::Lake => FeatureStyle {
            fill: p.water,
            stroke: Stroke::new(0.8, p.water_line),
            radius: 3.0,
            ..base
        },
        Kind::Landform => FeatureStyle {
            fill: fade(p.border, 0.7),
            stroke: Stroke::new(1.0, fade(p.border, 0.6)),
            dash: Dash::Dashed(2.0, 4.0),
            radius: 2.5,
            marker: Marker::Diamond,
            ..base
        },
        Kind::Field => {
            let c = commodity_colour(f.prop_str("commodity"), p);
            let c = if is_inactive(status) {
                fade(c, 0.45)
            } else {
                c
            };
            FeatureStyle {
                fill: fade(c, 0.85),
                stroke: Stroke::new(1.0, p.city_ring),
                radius: 4.0,
                marker: Marker::Diamond,
                hatch: None,
                dash: if is_planned(status) {
                    Dash::Dashed(3.0, 2.0)
                } else {
                    Dash::Solid
                },
                ..base
            }
        }
        Kind::Pipeline => {
            let c = commodity_colour(f.prop_str("commodity"), p);
            let faded = is_inactive(status);
            let c = if faded { fade(c, 0.35) } else { c };
            FeatureStyle {
                stroke: Stroke::new(2.2, c),
                dash: if is_planned(status) {
                    Dash::Dashed(7.0, 4.0)
                } else {
                    Dash::Solid
                },
                casing: (!faded).then(|| Stroke::new(4.0, fade(p.halo, 0.8))),
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
            let c = if faded { fade(c, 0.35) } else { c };
            FeatureStyle {
                stroke: Stroke::new(1.8, c),
                dash: if is_planned(status) {
                    Dash::Dashed(2.0, 3.0)
                } else if f.prop_str("mode") == Some("sea") {
                    Dash::Dashed(8.0, 5.0)
                } else {
                    Dash::Solid
                },
                casing: None,
                ..base
            }
        }
    }
}

/// The colour of a commodity (oil, gas, oil-gas).
pub fn commodity_colour(c: Option<&str>, p: &Palette) -> Color32 {
    match c {
        Some("gas") => p.gas,
        Some("oil-gas") => p.oil_gas,
        _ => p.oil,
    }
}

/// Drawing order of kinds, bottom first (the printed map's, core).
pub use crate::export::map_style::DRAW_ORDER;

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
    fn user_features_take_their_layer_colour_or_their_own() {
        let p = Palette::light();
        let mut f = feature(Kind::City, None, serde_json::json!({}));
        let with = |layer: &str, style: crate::atlas::UserStyle| {
            Some(Box::new(crate::atlas::UserOrigin {
                layer: layer.into(),
                style,
            }))
        };
        f.user = with("a.geojson", Default::default());
        let a = style_of(&f, &p);
        assert_eq!(a.fill, user_layer_colour("a.geojson", &p));
        f.user = with("b.geojson", Default::default());
        assert_ne!(style_of(&f, &p).fill, a.fill, "one colour per layer");
        f.user = with(
            "a.geojson",
            crate::atlas::UserStyle {
                marker_color: Some([1, 2, 3]),
                ..Default::default()
            },
        );
        assert_eq!(style_of(&f, &p).fill, Color32::from_rgb(1, 2, 3));
    }

    #[test]
    fn pipelines_by_commodity_and_status() {
        let p = Palette::light();
        let gas = style_of(
            &feature(
                Kind::Pipeline,
                Some("operating"),
                serde_json::json!({"commodity": "gas"}),
            ),
            &p,
        );
        let oil = style_of(
            &feature(
                Kind::Pipeline,
                Some("operating"),
                serde_json::json!({"commodity": "oil"}),
            ),
            &p,
        );
        assert_ne!(gas.stroke.color, oil.stroke.color);
        assert_eq!(gas.dash, Dash::Solid);
        let proposed = style_of(
            &feature(
                Kind::Pipeline,
                Some("proposed"),
                serde_json::json!({"commodity": "gas"}),
            ),
            &p,
        );
        assert!(matches!(proposed.dash, Dash::Dashed(..)));
        let cancelled = style_of(
            &feature(
                Kind::Pipeline,
                Some("cancelled"),
                serde_json::json!({"commodity": "gas"}),
            ),
            &p,
        );
        assert!(cancelled.stroke.color.a() < gas.stroke.color.a());
    }

    #[test]
    fn disputed_and_historical_are_hatched_differently() {
        let p = Palette::dark();
        let d = style_of(
            &feature(Kind::Region, Some("disputed"), serde_json::json!({})),
            &p,
        );
        let h = style_of(
            &feature(Kind::Region, Some("historical"), serde_json::json!({})),
            &p,
        );
        let a = style_of(
            &feature(Kind::Region, Some("administrative"), serde_json::json!({})),
            &p,
        );
        assert!(d.hatch.is_some() && h.hatch.is_some() && a.hatch.is_none());
        assert_ne!(d.hatch, h.hatch);
    }

    #[test]
    fn capitals_are_bigger_than_towns() {
        let p = Palette::light();
        let cap = style_of(
            &feature(
                Kind::City,
                None,
                serde_json::json!({"role": "capital", "population": 2_000_000}),
            ),
            &p,
        );
        let town = style_of(
            &feature(
                Kind::City,
                None,
                serde_json::json!({"role": "town", "population": 20_000}),
            ),
            &p,
        );
        assert!(cap.radius > town.radius);
        assert_eq!(cap.marker, Marker::Capital);
    }
}
