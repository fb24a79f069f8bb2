//! The frame around the printed map: the legend (only what the map shows, and the shading
//! ramp), the scale bar, a graticule with the central meridian, the projection's north-up
//! note and an attribution line for every data source drawn.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::map_style::{Marker, Style, commodity_colour};
use super::svg::{Frame, paint, xml_escape};
use crate::atlas::{Feature, Kind};
use crate::palette::{Palette, Rgba, legend_breaks, normalise, ramp};

/// Height of the footer band (projection note, attribution) below the map, in pixels.
pub const FOOTER_H: f64 = 38.0;

/// The fonts the SVG asks for: the bundled Ubuntu (egui's default font) first.
pub const FONT_FAMILY: &str = "Ubuntu, 'Ubuntu Light', 'DejaVu Sans', Arial, sans-serif";

/// One legend entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Item {
    OilPipeline,
    GasPipeline,
    OilGasPipeline,
    Planned,
    Inactive,
    Rail,
    Road,
    Multimodal,
    SeaRoute,
    Capital,
    City,
    Port,
    Base,
    Field,
    Disputed,
    Historical,
    Water,
    River,
    Town,
    Lake,
    Landform,
}

/// The legend entries of what was drawn.
#[derive(Debug, Default)]
pub struct Legend {
    pub items: BTreeSet<Item>,
    /// Whether any area was shaded by passage counts.
    pub shaded: bool,
}

impl Legend {
    /// Remember the entries a drawn feature needs.
    pub fn note(&mut self, f: &Feature, st: &Style) {
        let status = f.status.as_deref().or_else(|| f.prop_str("status"));
        let item = match f.kind {
            Kind::Pipeline => {
                if st.dash.is_some() {
                    self.items.insert(Item::Planned);
                }
                if st.casing.is_none() {
                    self.items.insert(Item::Inactive);
                }
                match f.prop_str("commodity") {
                    Some("gas") => Item::GasPipeline,
                    Some("oil-gas") => Item::OilGasPipeline,
                    _ => Item::OilPipeline,
                }
            }
            Kind::Corridor => match f.prop_str("mode") {
                Some("rail") => Item::Rail,
                Some("road") => Item::Road,
                Some("sea") => Item::SeaRoute,
                _ => Item::Multimodal,
            },
            Kind::City => match f.prop_str("role") {
                Some("capital") => Item::Capital,
                Some("port") => Item::Port,
                Some("base") => Item::Base,
                _ => Item::City,
            },
            Kind::Field => Item::Field,
            Kind::Region if status == Some("disputed") => Item::Disputed,
            Kind::Region if status == Some("historical") => Item::Historical,
            Kind::Water if f.prop_str("water_type") == Some("river") => Item::River,
            Kind::Water => Item::Water,
            Kind::Town => Item::Town,
            Kind::River => Item::River,
            Kind::Lake => Item::Lake,
            Kind::Landform => Item::Landform,
            _ => return,
        };
        self.items.insert(item);
    }

    /// Draw the legend in the bottom-right corner of the map; returns its box.
    pub fn draw(
        &self,
        out: &mut String,
        p: &Palette,
        w: f64,
        map_h: f64,
        shade_max: usize,
    ) -> Option<[f64; 4]> {
        let rows: Vec<Item> = self.items.iter().copied().collect();
        let breaks = if self.shaded {
            legend_breaks(shade_max)
        } else {
            Vec::new()
        };
        if rows.is_empty() && breaks.is_empty() {
            return None;
        }
        let (row_h, pad, bw) = (16.0, 8.0, 196.0);
        let shade_h = if breaks.is_empty() { 0.0 } else { 40.0 };
        let bh = pad * 2.0 + 18.0 + rows.len() as f64 * row_h + shade_h;
        let (x0, y0) = (w - bw - 10.0, map_h - bh - 10.0);
        let _ = write!(
            out,
            "<g id=\"legend\"><rect x=\"{x0:.1}\" y=\"{y0:.1}\" width=\"{bw}\" height=\"{bh:.1}\" rx=\"6\"{}{} stroke-width=\"0.8\"/>",
            fill(p.panel_bg),
            stroke(p.border.faded(0.6))
        );
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" font-weight=\"bold\"{}>Legend</text>",
            x0 + pad,
            y0 + pad + 11.0,
            fill(p.label)
        );
        let mut y = y0 + pad + 18.0 + row_h / 2.0;
        for item in rows {
            let (sx, tx) = (x0 + pad, x0 + pad + 36.0);
            swatch(out, item, p, sx, y);
            let _ = write!(
                out,
                "<text x=\"{tx:.1}\" y=\"{:.1}\" font-size=\"11\"{}>{}</text>",
                y + 4.0,
                fill(p.label),
                xml_escape(label(item))
            );
            y += row_h;
        }
        if !breaks.is_empty() {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\"{}>Passages mentioning</text>",
                x0 + pad,
                y + 4.0,
                fill(p.label)
            );
            let mut x = x0 + pad;
            for b in breaks {
                let c = ramp(normalise(b, shade_max));
                let _ = write!(
                    out,
                    "<rect class=\"ramp\" x=\"{x:.1}\" y=\"{:.1}\" width=\"16\" height=\"11\" rx=\"2\"{}/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\"{}>{b}</text>",
                    y + 10.0,
                    fill(c),
                    x + 19.0,
                    y + 19.5,
                    fill(p.label)
                );
                x += 19.0 + 7.0 * (b.to_string().len() as f64) + 8.0;
            }
        }
        out.push_str("</g>");
        Some([x0, y0, x0 + bw, y0 + bh])
    }
}

fn fill(c: Rgba) -> String {
    paint("fill", c)
}

fn stroke(c: Rgba) -> String {
    paint("stroke", c)
}

fn label(item: Item) -> &'static str {
    match item {
        Item::OilPipeline => "Oil pipeline",
        Item::GasPipeline => "Gas pipeline",
        Item::OilGasPipeline => "Oil and gas pipeline",
        Item::Planned => "Proposed / under construction",
        Item::Inactive => "Cancelled / idle",
        Item::Rail => "Rail corridor",
        Item::Road => "Road corridor",
        Item::Multimodal => "Multimodal corridor",
        Item::SeaRoute => "Sea route",
        Item::Capital => "Capital",
        Item::City => "City",
        Item::Port => "Port",
        Item::Base => "Military base",
        Item::Field => "Oil / gas field",
        Item::Disputed => "Disputed area",
        Item::Historical => "Historical boundary",
        Item::Water => "Water",
        Item::River => "River",
        Item::Town => "Town (gazetteer)",
        Item::Lake => "Lake",
        Item::Landform => "Mountain, pass…",
    }
}

fn swatch(out: &mut String, item: Item, p: &Palette, x: f64, y: f64) {
    let line = |out: &mut String, c: Rgba, w: f64, dash: Option<(f64, f64)>| {
        let d = dash.map_or(String::new(), |(a, b)| {
            format!(" stroke-dasharray=\"{a} {b}\"")
        });
        let _ = write!(
            out,
            "<path d=\"M{x:.1} {y:.1}h28\" fill=\"none\"{} stroke-width=\"{w}\"{d}/>",
            stroke(c)
        );
    };
    let dot = |out: &mut String, marker: Marker, fill_c: Rgba, radius: f32| {
        let st = Style {
            fill: fill_c,
            stroke: p.city_ring,
            width: 1.2,
            dash: None,
            casing: None,
            hatch: None,
            radius,
            marker,
        };
        super::svg::marker_at(out, x + 14.0, y, &st);
    };
    let area = |out: &mut String, f: Rgba, s: Rgba, dash: bool| {
        let d = if dash {
            " stroke-dasharray=\"3 2\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"26\" height=\"11\"{}{} stroke-width=\"1.2\"{d}/>",
            x + 1.0,
            y - 5.5,
            fill(f),
            stroke(s)
        );
    };
    match item {
        Item::OilPipeline => line(out, commodity_colour(Some("oil"), p), 2.2, None),
        Item::GasPipeline => line(out, p.gas, 2.2, None),
        Item::OilGasPipeline => line(out, p.oil_gas, 2.2, None),
        Item::Planned => line(out, p.gas, 2.2, Some((7.0, 4.0))),
        Item::Inactive => line(out, p.gas.faded(0.35), 2.2, None),
        Item::Rail => line(out, p.rail, 1.8, None),
        Item::Road => line(out, p.road, 1.8, None),
        Item::Multimodal => line(out, p.multimodal, 1.8, None),
        Item::SeaRoute => line(out, p.sea_route, 1.8, Some((8.0, 5.0))),
        Item::Capital => dot(out, Marker::Capital, p.capital, 4.0),
        Item::City => dot(out, Marker::Dot, p.city, 3.0),
        Item::Port => dot(out, Marker::Dot, p.sea_route, 3.0),
        Item::Base => dot(out, Marker::Square, p.city, 2.8),
        Item::Field => dot(out, Marker::Diamond, p.oil_gas, 4.0),
        Item::Disputed => area(out, p.disputed.faded(0.25), p.disputed, true),
        Item::Historical => area(out, p.historical.faded(0.25), p.historical, true),
        Item::Water => area(out, p.water, p.water_line, false),
        Item::River => line(out, p.water_line, 1.4, None),
        Item::Town => dot(out, Marker::Dot, p.city.faded(0.8), 1.8),
        Item::Lake => area(out, p.water, p.water_line, false),
        Item::Landform => dot(out, Marker::Diamond, p.border.faded(0.7), 2.5),
    }
}

/// A "nice" distance (1, 2 or 5 × 10^k km) close to `km`.
pub fn nice_distance(km: f64) -> f64 {
    if !(km.is_finite() && km > 0.0) {
        return 1.0;
    }
    let e = 10f64.powf(km.log10().floor());
    let m = km / e;
    let n = if m >= 5.0 {
        5.0
    } else if m >= 2.0 {
        2.0
    } else {
        1.0
    };
    n * e
}

/// The scale bar, true at the map's centre latitude (the conic's scale factor applied), in
/// the bottom-left corner; returns its box.
pub fn scale_bar(out: &mut String, frame: &Frame, p: &Palette) -> [f64; 4] {
    let (_, lat) = frame.lonlat(frame.width / 2.0, frame.height / 2.0);
    let ppk = frame.scale * frame.proj.scale_factor(lat);
    let km = nice_distance(140.0 / ppk);
    let len = km * ppk;
    let (x, y) = (16.0, frame.height - 18.0);
    let text = if km >= 1.0 {
        format!("{km:.0} km")
    } else {
        format!("{:.0} m", km * 1000.0)
    };
    let bx = [x - 6.0, y - 22.0, x + len + 6.0, y + 6.0];
    let _ = write!(
        out,
        "<g id=\"scale-bar\" data-km=\"{km}\"><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"28\" rx=\"4\"{}/>\
         <path d=\"M{x:.1} {:.1}V{y:.1}H{:.1}V{:.1}\" fill=\"none\"{} stroke-width=\"2\"/>\
         <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\"{}>{text}</text>\
         <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9\"{}>at {lat:.0}°N</text></g>",
        bx[0],
        bx[1],
        bx[2] - bx[0],
        fill(p.halo),
        y - 6.0,
        x + len,
        y - 6.0,
        stroke(p.label),
        x + len / 2.0,
        y - 9.0,
        fill(p.label),
        x + len + 10.0,
        y,
        fill(p.label)
    );
    [bx[0], bx[1], bx[2] + 46.0, bx[3]]
}

/// Meridians and parallels, faint, with the central meridian (where north is up) marked.
pub fn graticule(out: &mut String, frame: &Frame, p: &Palette) {
    let corners = [
        frame.lonlat(0.0, 0.0),
        frame.lonlat(frame.width, 0.0),
        frame.lonlat(0.0, frame.height),
        frame.lonlat(frame.width, frame.height),
        frame.lonlat(frame.width / 2.0, 0.0),
        frame.lonlat(frame.width / 2.0, frame.height),
    ];
    let lon0 = corners.iter().map(|c| c.0).fold(f64::MAX, f64::min);
    let lon1 = corners.iter().map(|c| c.0).fold(f64::MIN, f64::max);
    let lat0 = corners
        .iter()
        .map(|c| c.1)
        .fold(f64::MAX, f64::min)
        .max(-85.0);
    let lat1 = corners
        .iter()
        .map(|c| c.1)
        .fold(f64::MIN, f64::max)
        .min(85.0);
    let span = lon1 - lon0;
    let step = if span > 30.0 {
        10.0
    } else if span > 12.0 {
        5.0
    } else if span > 5.0 {
        2.0
    } else {
        1.0
    };
    let mut d = String::new();
    let mut lon = (lon0 / step).floor() * step;
    while lon <= lon1 {
        let mut first = true;
        let mut lat = lat0;
        while lat <= lat1 + 1e-9 {
            let (x, y) = frame.px(lon, lat);
            let _ = write!(d, "{}{x:.1} {y:.1}", if first { "M" } else { "L" });
            first = false;
            lat += 0.5;
        }
        lon += step;
    }
    let mut lat = (lat0 / step).floor() * step;
    while lat <= lat1 {
        let mut first = true;
        let mut lon = lon0;
        while lon <= lon1 + 1e-9 {
            let (x, y) = frame.px(lon, lat);
            let _ = write!(d, "{}{x:.1} {y:.1}", if first { "M" } else { "L" });
            first = false;
            lon += 0.5;
        }
        lat += step;
    }
    let ink = if p.dark {
        Rgba::rgb(0xff, 0xff, 0xff)
    } else {
        Rgba::rgb(0x20, 0x30, 0x40)
    };
    let _ = write!(
        out,
        "<g id=\"graticule\"><path d=\"{d}\" fill=\"none\"{} stroke-width=\"0.6\"/>",
        stroke(ink.faded(0.14))
    );
    let c = frame.proj.lon0;
    if (lon0..=lon1).contains(&c) {
        let (xa, ya) = frame.px(c, lat0);
        let (xb, yb) = frame.px(c, lat1);
        let _ = write!(
            out,
            "<path id=\"central-meridian\" d=\"M{xa:.1} {ya:.1}L{xb:.1} {yb:.1}\" fill=\"none\"{} stroke-width=\"0.9\" stroke-dasharray=\"6 4\"/>",
            stroke(ink.faded(0.3))
        );
    }
    out.push_str("</g>");
}

/// The data sources the drawn features credit, in a fixed order, with their licences.
pub fn attributions(features: &[Feature], shown: &[bool]) -> Vec<&'static str> {
    const SOURCES: [(&str, &str); 4] = [
        ("natural earth", "Natural Earth (public domain)"),
        ("geonames", "GeoNames (CC BY 4.0)"),
        ("global energy monitor", "Global Energy Monitor (CC BY 4.0)"),
        ("openstreetmap", "OpenStreetMap contributors (ODbL)"),
    ];
    let mut found = [false; 4];
    for (f, _) in features.iter().zip(shown).filter(|(_, s)| **s) {
        for s in &f.sources {
            let s = s.to_lowercase();
            for (k, (needle, _)) in SOURCES.iter().enumerate() {
                if (s.contains(needle) || (k == 2 && s.contains("gem.wiki")))
                    && let Some(x) = found.get_mut(k)
                {
                    *x = true;
                }
            }
        }
    }
    SOURCES
        .iter()
        .zip(found)
        .filter(|(_, f)| *f)
        .map(|((_, credit), _)| *credit)
        .collect()
}

/// The footer: the projection's north-up note and the attribution line.
pub fn footer(
    out: &mut String,
    features: &[Feature],
    shown: &[bool],
    p: &Palette,
    w: f64,
    h: f64,
    map_h: f64,
) {
    let note = "Lambert conformal conic, standard parallels 30\u{b0}N and 50\u{b0}N, central meridian 58\u{b0}E (dashed): \
                north is straight up only along 58\u{b0}E; elsewhere meridians converge towards the pole.";
    let credits = attributions(features, shown);
    let data = if credits.is_empty() {
        "Map: Caspian Atlas.".to_string()
    } else {
        format!("Data: {}. Map: Caspian Atlas.", credits.join(" \u{b7} "))
    };
    let fit = |s: &str| (w - 20.0) / (s.chars().count() as f64 * 0.56);
    let size = 10.5f64.min(fit(note)).min(fit(&data)).max(5.0);
    let _ = write!(
        out,
        "<g id=\"footer\"><rect y=\"{map_h:.1}\" width=\"{w}\" height=\"{:.1}\"{}/>\
         <text id=\"projection-note\" x=\"10\" y=\"{:.1}\" font-size=\"{size:.1}\"{}>{}</text>\
         <text id=\"attribution\" x=\"10\" y=\"{:.1}\" font-size=\"{size:.1}\"{}>{}</text></g>",
        h - map_h,
        fill(Rgba::rgb(p.panel_bg.r(), p.panel_bg.g(), p.panel_bg.b())),
        map_h + 15.0,
        fill(p.label),
        xml_escape(note),
        map_h + 30.0,
        fill(p.label),
        xml_escape(&data)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_distances_are_1_2_5() {
        assert_eq!(nice_distance(140.0), 100.0);
        assert_eq!(nice_distance(260.0), 200.0);
        assert_eq!(nice_distance(0.7), 0.5);
        assert_eq!(nice_distance(f64::NAN), 1.0);
    }
}
