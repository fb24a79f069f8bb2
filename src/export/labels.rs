//! Labels of the printed map: candidates by kind and scale, ranked like the window's, placed
//! greedily without overlaps (markers, legend and scale bar are obstacles); country and region
//! labels must fit inside their polygon.

use std::fmt::Write as _;

use geo::{BoundingRect, Contains, Coord, Geometry, InteriorPoint};

use super::map_style::{Style, point_visible, population};
use super::svg::{Frame, MapRequest, paint, xml_escape};
use crate::atlas::Kind;
use crate::palette::Palette;

/// A label candidate.
struct LabelCand {
    prio: f64,
    idx: usize,
}

/// Width of a label in pixels, estimated from the bundled font's average advance.
pub fn text_width(s: &str, size: f64, spacing: f64) -> f64 {
    let n = s.chars().count() as f64;
    n * (size * 0.56 + spacing)
}

fn overlaps(a: &[f64; 4], b: &[f64; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

#[allow(clippy::too_many_arguments)]
pub fn place(
    out: &mut String,
    req: &MapRequest,
    frame: &Frame,
    styles: &[Style],
    shown: &[bool],
    p: &Palette,
    selected: Option<usize>,
    placed: &mut Vec<[f64; 4]>,
) {
    let scale = frame.scale;
    let mut cands: Vec<LabelCand> = Vec::new();
    for (i, f) in req.features.iter().enumerate() {
        if !shown.get(i).copied().unwrap_or(false) {
            continue;
        }
        let area = f
            .geometry
            .bounding_rect()
            .map_or(0.0, |r| r.width() * r.height());
        let pop = population(f);
        let prio = match f.kind {
            Kind::Country => 1000.0 + area.max(0.01).log10() * 10.0,
            Kind::Water if f.prop_str("water_type") != Some("river") => {
                950.0 + area.max(0.01).log10()
            }
            Kind::City if f.prop_str("role") == Some("capital") => 800.0 + pop.max(1.0).log10(),
            Kind::City if point_visible(f, scale) && scale >= 0.3 => {
                500.0 + pop.max(1.0).log10() * 10.0
            }
            Kind::Region => match f.status.as_deref().or_else(|| f.prop_str("status")) {
                Some("disputed" | "historical") if scale >= 0.5 => 600.0,
                Some("autonomous") if scale >= 0.6 => 420.0,
                _ => continue,
            },
            Kind::Field if scale >= 0.6 => 300.0,
            // Gazetteer towns from the zoom the window labels them at.
            Kind::Town if point_visible(f, scale) && scale >= 0.9 => {
                100.0 + pop.max(1.0).log10() * 10.0
            }
            _ => continue,
        };
        let boost = if Some(i) == selected { 5000.0 } else { 0.0 };
        cands.push(LabelCand {
            prio: prio + boost,
            idx: i,
        });
    }
    cands.sort_by(|a, b| b.prio.total_cmp(&a.prio).then(a.idx.cmp(&b.idx)));
    // Drawn markers are obstacles.
    for (i, f) in req.features.iter().enumerate() {
        if matches!(f.kind, Kind::City | Kind::Field | Kind::Town)
            && shown.get(i).copied().unwrap_or(false)
            && point_visible(f, scale)
            && let Some(c) = f.geometry.interior_point()
        {
            let (x, y) = frame.px(c.x(), c.y());
            let r = styles.get(i).map_or(3.0, |s| f64::from(s.radius)) + 1.0;
            placed.push([x - r, y - r, x + r, y + r]);
        }
    }
    let bounds = [2.0, 2.0, frame.width - 2.0, frame.height - 2.0];
    for c in cands {
        let Some(f) = req.features.get(c.idx) else {
            continue;
        };
        let status = f.status.as_deref().or_else(|| f.prop_str("status"));
        let (size, colour, caps, italic) = match f.kind {
            Kind::Country => (12.0, p.label_country, true, false),
            Kind::Water => (11.5, p.label_water, false, true),
            Kind::City if f.prop_str("role") == Some("capital") => (12.5, p.label, false, false),
            Kind::Region => (
                10.5,
                match status {
                    Some("disputed") => p.disputed,
                    Some("historical") => p.historical,
                    _ => p.label_country,
                },
                false,
                true,
            ),
            Kind::Town => (10.0, p.label, false, false),
            _ => (11.0, p.label, false, false),
        };
        let text = if caps {
            f.name.to_uppercase()
        } else {
            f.name.clone()
        };
        let spacing = if caps { 1.6 } else { 0.0 };
        // Capitals are wider than the average letter.
        let tw = text_width(&text, if caps { size * 1.14 } else { size }, spacing);
        let th = size * 1.15;
        let rects: Vec<[f64; 4]> = match f.kind {
            Kind::City | Kind::Field | Kind::Town => {
                let Some(pt) = f.geometry.interior_point() else {
                    continue;
                };
                let (x, y) = frame.px(pt.x(), pt.y());
                let gap = styles.get(c.idx).map_or(3.0, |s| f64::from(s.radius)) + 3.0;
                vec![
                    [x + gap, y - th / 2.0, x + gap + tw, y + th / 2.0],
                    [x - gap - tw, y - th / 2.0, x - gap, y + th / 2.0],
                    [x - tw / 2.0, y - gap - th, x + tw / 2.0, y - gap],
                    [x - tw / 2.0, y + gap, x + tw / 2.0, y + gap + th],
                ]
            }
            _ => {
                let Some(pt) = label_point(&f.geometry) else {
                    continue;
                };
                let (x, y) = frame.px(pt.x, pt.y);
                let r = [
                    x - tw / 2.0 - 2.0,
                    y - th / 2.0,
                    x + tw / 2.0 + 2.0,
                    y + th / 2.0,
                ];
                // Country and region labels must fit inside their polygon.
                if f.kind != Kind::Water && !fits_inside(frame, &f.geometry, &r) {
                    continue;
                }
                vec![r]
            }
        };
        let free = rects.into_iter().find(|r| {
            r[0] >= bounds[0]
                && r[1] >= bounds[1]
                && r[2] <= bounds[2]
                && r[3] <= bounds[3]
                && !placed.iter().any(|o| overlaps(o, r))
        });
        let Some(r) = free else { continue };
        placed.push(r);
        let halo = if f.kind == Kind::Country {
            String::new()
        } else {
            format!(
                " stroke=\"{}\" stroke-opacity=\"{:.2}\" stroke-width=\"3\" paint-order=\"stroke\" stroke-linejoin=\"round\"",
                p.halo.hex(),
                p.halo.opacity()
            )
        };
        let fill = paint("fill", colour);
        let _ = write!(
            out,
            "<text class=\"label label-{}\" x=\"{:.1}\" y=\"{:.1}\" font-size=\"{size}\"{}{} text-anchor=\"middle\"{fill}{halo}>{}</text>",
            f.kind.as_str(),
            (r[0] + r[2]) / 2.0,
            r[3] - th * 0.25,
            if italic { " font-style=\"italic\"" } else { "" },
            if caps {
                format!(" letter-spacing=\"{spacing}\"")
            } else {
                String::new()
            },
            xml_escape(&text)
        );
    }
}

/// Where an area's label goes: the interior point of its largest polygon.
fn label_point(g: &Geometry<f64>) -> Option<Coord<f64>> {
    use geo::Area;
    match g {
        Geometry::MultiPolygon(mp) => mp
            .iter()
            .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))
            .and_then(|p| p.interior_point())
            .map(|p| p.0),
        g => g.interior_point().map(|p| p.0),
    }
}

/// Whether a pixel rectangle lies inside an area: its corners and edge midpoints.
fn fits_inside(frame: &Frame, g: &Geometry<f64>, r: &[f64; 4]) -> bool {
    let (mx, my) = ((r[0] + r[2]) / 2.0, (r[1] + r[3]) / 2.0);
    [
        (r[0], r[1]),
        (r[2], r[1]),
        (r[0], r[3]),
        (r[2], r[3]),
        (mx, r[1]),
        (mx, r[3]),
        (r[0], my),
        (r[2], my),
    ]
    .iter()
    .all(|&(x, y)| {
        let (lon, lat) = frame.lonlat(x, y);
        g.contains(&geo::Point::new(lon, lat))
    })
}
