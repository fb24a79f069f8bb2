//! Label placement on a frame: candidates by kind and zoom, fonts and colours, fitted inside
//! areas or along lines, placed by priority with the collision grid of [`super::labels`].

use egui::{Color32, FontId, Pos2, Rect, Shape, Ui, Vec2, epaint::TextShape};

use super::MapModel;
use super::draw::{point_visible, tx};
use super::labels::{Placer, along_line, point_label_rects, rotated_origin};
use super::legend::overlay_rects;
use super::mesh::{GeomClass, intersects, lod_for_scale};
use super::style::{FeatureStyle, Palette};
use super::widget::{MapState, lod_error_px};
use crate::atlas::{Feature, Kind};

/// Where an area's label may go, in label widths and heights from its label point, nearest
/// first (a grid of quarter widths and half heights).
fn nudges() -> Vec<(f32, f32)> {
    let mut out: Vec<(f32, f32)> = (-4..=4)
        .flat_map(|x| (-2..=2).map(move |y| (x as f32 * 0.25, y as f32 * 0.5)))
        .collect();
    out.sort_by(|a, b| (a.0.hypot(a.1)).total_cmp(&b.0.hypot(b.1)));
    out
}

#[allow(clippy::too_many_arguments)]
pub(super) fn place_labels(
    ui: &Ui,
    out: &mut Vec<Shape>,
    features: &[Feature],
    model: &mut MapModel,
    state: &MapState,
    styles: &[FeatureStyle],
    palette: &Palette,
    rect: Rect,
) {
    struct Cand {
        prio: f32,
        idx: usize,
    }
    let scale = state.view.scale;
    let (s, o) = state.view.affine(rect);
    let vis = state.view.visible(rect);
    let level = lod_for_scale(s, lod_error_px(s));
    let mut cands: Vec<Cand> = Vec::new();
    for (i, f) in features.iter().enumerate() {
        let Some(g) = model.geoms.get(i) else {
            continue;
        };
        if !state.layers.shows(f) || !intersects(&g.bbox, &vis) {
            continue;
        }
        let pop = f
            .properties
            .get("population")
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0);
        let wt = f.prop_str("water_type");
        let prio = match f.kind {
            Kind::Country => 1000.0 + (g.area.max(1.0).log10() as f32) * 10.0,
            Kind::Water if wt != Some("river") => 950.0 + (g.area.max(1.0).log10() as f32),
            Kind::Water if scale >= 0.5 => 150.0,
            Kind::City if f.prop_str("role") == Some("capital") => {
                800.0 + (pop.max(1.0).log10() as f32)
            }
            Kind::City if point_visible(f, scale) && scale >= 0.3 => {
                500.0 + (pop.max(1.0).log10() as f32) * 10.0
            }
            Kind::Region => match f.status.as_deref().or_else(|| f.prop_str("status")) {
                Some("disputed" | "historical") if scale >= 0.5 => 600.0,
                Some("autonomous") if scale >= 0.6 => 420.0,
                Some("geographic") if scale >= 0.7 => 410.0,
                _ if scale >= 1.2 => 400.0,
                _ => continue,
            },
            Kind::Field if scale >= 0.6 => 300.0,
            Kind::Pipeline if scale >= 0.45 => 260.0,
            Kind::Corridor if scale >= 0.55 => 250.0,
            Kind::Town if point_visible(f, scale) && scale >= 0.9 => {
                100.0 + (pop.max(1.0).log10() as f32) * 10.0
            }
            Kind::River | Kind::Landform | Kind::Lake if scale >= 0.8 => 140.0,
            _ => continue,
        };
        let boost = if Some(i) == state.selected {
            5000.0
        } else {
            0.0
        };
        cands.push(Cand {
            prio: prio + boost,
            idx: i,
        });
    }
    cands.sort_by(|a, b| b.prio.total_cmp(&a.prio).then(a.idx.cmp(&b.idx)));
    let mut placer = Placer::new(rect.shrink(2.0));
    // Labels stay clear of the overlays (controls, legend, scale bar).
    for r in overlay_rects(rect, state) {
        placer.add(r);
    }
    // Markers are obstacles: labels never cover a drawn city or field.
    for (i, f) in features.iter().enumerate() {
        if matches!(f.kind, Kind::City | Kind::Field | Kind::Town)
            && state.layers.shows(f)
            && point_visible(f, scale)
            && let (Some(g), Some(st)) = (model.geoms.get(i), styles.get(i))
        {
            for p in &g.points {
                placer.add(Rect::from_center_size(
                    tx(*p, s, o),
                    Vec2::splat(2.0 * st.radius + 2.0),
                ));
            }
        }
    }
    let halo = palette.halo;
    let text = |out: &mut Vec<Shape>,
                pos: Pos2,
                galley: std::sync::Arc<egui::Galley>,
                angle: f32,
                color: Color32,
                with_halo: bool| {
        if with_halo {
            // A halo all round (eight directions): line labels stay legible over any fill,
            // in both themes.
            for d in [
                Vec2::new(-1.0, 0.0),
                Vec2::new(1.0, 0.0),
                Vec2::new(0.0, -1.0),
                Vec2::new(0.0, 1.0),
                Vec2::new(-1.0, -1.0),
                Vec2::new(1.0, -1.0),
                Vec2::new(-1.0, 1.0),
                Vec2::new(1.0, 1.0),
            ] {
                out.push(Shape::Text(
                    TextShape::new(pos + d, galley.clone(), halo)
                        .with_override_text_color(halo)
                        .with_angle(angle),
                ));
            }
        }
        out.push(Shape::Text(
            TextShape::new(pos, galley, color).with_angle(angle),
        ));
    };
    let nudges = nudges();
    for c in cands {
        let (Some(f), Some(g)) = (features.get(c.idx), model.geoms.get_mut(c.idx)) else {
            continue;
        };
        let (font, color, upper) = match f.kind {
            Kind::Country => (
                FontId::proportional(if g.area > 400_000.0 { 14.0 } else { 12.0 }),
                palette.label_country,
                true,
            ),
            Kind::Water => (
                FontId::proportional(if g.area > 100_000.0 { 13.0 } else { 11.0 }),
                palette.label_water,
                false,
            ),
            Kind::City if f.prop_str("role") == Some("capital") => {
                (FontId::proportional(12.5), palette.label, false)
            }
            Kind::City => (FontId::proportional(11.0), palette.label, false),
            Kind::Region => {
                let col = match f.status.as_deref().or_else(|| f.prop_str("status")) {
                    Some("disputed") => palette.disputed,
                    Some("historical") => palette.historical,
                    _ => palette.label_country,
                };
                (FontId::proportional(10.5), col, false)
            }
            Kind::Pipeline | Kind::Corridor => {
                let col = styles
                    .get(c.idx)
                    .map_or(palette.label, |st| st.stroke.color);
                (FontId::proportional(10.0), col, false)
            }
            _ => (FontId::proportional(10.5), palette.label, false),
        };
        if g.class == GeomClass::Area {
            let Some(at) = g.label_at else { continue };
            let center = tx(at, s, o);
            // Shrink before dropping: letter-spaced capitals, plain capitals, a smaller size, the
            // ISO code (countries); the name, then smaller (regions). Each must fit inside its
            // polygon (water labels may overflow) and clear of other labels and markers.
            let mut variants: Vec<(String, FontId)> = Vec::with_capacity(4);
            if upper {
                variants.push((spaced_caps(&f.name), font.clone()));
                variants.push((f.name.to_uppercase(), FontId::proportional(11.0)));
                variants.push((f.name.to_uppercase(), FontId::proportional(9.5)));
                if let Some(code) = f.prop_str("iso_a3").filter(|c| c.len() <= 4) {
                    variants.push((code.to_string(), FontId::proportional(9.5)));
                    variants.push((code.to_string(), FontId::proportional(8.0)));
                }
            } else {
                variants.push((f.name.clone(), font.clone()));
                if f.kind != Kind::Water {
                    variants.push((f.name.clone(), FontId::proportional(9.0)));
                }
            }
            let last = variants.len().saturating_sub(1);
            for (n, (name, font)) in variants.into_iter().enumerate() {
                let galley = ui.painter().layout_no_wrap(name, font, color);
                let size = galley.size();
                let inside = |q: &Pos2| g.label_contains([(q.x - o[0]) / s, -(q.y - o[1]) / s]);
                let fits = |r: &Rect| {
                    if g.label_poly.is_none() || f.kind == Kind::Water {
                        true
                    } else if n == last && upper {
                        // The smallest code of a small country: its middle line inside is enough.
                        [r.left_center(), r.center(), r.right_center()]
                            .iter()
                            .all(inside)
                    } else {
                        [
                            r.left_top(),
                            r.right_top(),
                            r.left_bottom(),
                            r.right_bottom(),
                            r.center_top(),
                            r.center_bottom(),
                            r.left_center(),
                            r.right_center(),
                        ]
                        .iter()
                        .all(inside)
                    }
                };
                // At the label point, or nudged up or down by a line (a capital's marker sits
                // at many a small country's centre).
                let nudged = nudges
                    .iter()
                    .map(|&(dx, dy)| center + Vec2::new(dx * size.x, dy * size.y));
                // Failing that, anywhere inside the area (a small country's middle may be taken
                // by its capital, a lake or a neighbour's label), nearest its label point first.
                let anywhere = if f.kind == Kind::Water {
                    Vec::new()
                } else {
                    area_spots(&g.label_poly, s, o, center, size, &rect)
                };
                let spots = nudged.chain(anywhere);
                let placed = spots.into_iter().find_map(|at| {
                    let r = Rect::from_center_size(at, size + Vec2::new(4.0, 2.0));
                    (fits(&r) && placer.try_place(&[r])).then_some(r)
                });
                if let Some(r) = placed {
                    text(
                        out,
                        r.center() - size / 2.0,
                        galley,
                        0.0,
                        color,
                        f.kind != Kind::Country,
                    );
                    break;
                }
            }
            continue;
        }
        let galley = ui.painter().layout_no_wrap(f.name.clone(), font, color);
        let size = galley.size();
        match g.class {
            GeomClass::Area => {}
            GeomClass::Point => {
                let Some(p) = g.points.first() else { continue };
                let at = tx(*p, s, o);
                let radius = styles.get(c.idx).map_or(3.0, |st| st.radius);
                for r in point_label_rects(at, radius, size) {
                    if placer.try_place(&[r]) {
                        text(out, r.min, galley, 0.0, color, true);
                        break;
                    }
                }
            }
            GeomClass::Line => {
                let mut best: Option<super::labels::LinePlacement> = None;
                for ch in g
                    .outline(level)
                    .iter()
                    .filter(|ch| intersects(&ch.bbox, &vis))
                {
                    let pts: Vec<Pos2> = ch.points.iter().map(|p| tx(*p, s, o)).collect();
                    if let Some(pl) = along_line(&pts, size, rect.shrink(size.x / 2.0)) {
                        best = Some(pl);
                        if placer
                            .try_place(&best.as_ref().map(|b| b.boxes.clone()).unwrap_or_default())
                        {
                            break;
                        }
                        best = None;
                    }
                }
                if let Some(pl) = best {
                    let origin = rotated_origin(pl.center, size, pl.angle);
                    text(out, origin, galley, pl.angle, color, true);
                }
            }
            GeomClass::Empty => {}
        }
    }
}

/// Label centres on a grid over an area's largest polygon on screen (at most about
/// [`AREA_SPOTS`] of them, so a large country costs no more than a small one), nearest `center`
/// first.
fn area_spots(
    poly: &Option<geo::Polygon<f32>>,
    s: f32,
    o: [f32; 2],
    center: Pos2,
    size: Vec2,
    clip: &Rect,
) -> Vec<Pos2> {
    use geo::BoundingRect;
    let Some(b) = poly.as_ref().and_then(|p| p.bounding_rect()) else {
        return Vec::new();
    };
    let r = Rect::from_two_pos(
        tx([b.min().x, b.min().y], s, o),
        tx([b.max().x, b.max().y], s, o),
    )
    .intersect(*clip);
    if !r.is_positive() {
        return Vec::new();
    }
    let step = (size.y / 2.0)
        .max((r.area() / AREA_SPOTS as f32).sqrt())
        .max(1.0);
    let (nx, ny) = ((r.width() / step) as usize, (r.height() / step) as usize);
    let mut out: Vec<Pos2> = (0..=nx)
        .flat_map(|i| (0..=ny).map(move |j| (i, j)))
        .map(|(i, j)| r.min + Vec2::new(i as f32 * step, j as f32 * step))
        .collect();
    out.sort_by(|a, b| a.distance_sq(center).total_cmp(&b.distance_sq(center)));
    out
}

/// Most grid points tried for an area's label.
const AREA_SPOTS: usize = 600;

/// "Kazakhstan" → "K A Z A K H S T A N"-like letter-spaced capitals (thin spaces).
pub(super) fn spaced_caps(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for (i, ch) in s.chars().enumerate() {
        if i > 0 {
            out.push('\u{2009}');
        }
        out.extend(ch.to_uppercase());
    }
    out
}
