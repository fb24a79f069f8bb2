//! The map's overlays: navigation and layer toggles, the legend, the scale bar.

use egui::{
    Align2, Color32, CornerRadius, FontId, Frame, Margin, Pos2, Rect, Sense, Shape, Stroke, Ui,
    UiBuilder, Vec2,
};

use super::MapModel;
use super::draw::marker_shapes;
use super::style::{Dash, FeatureStyle, Marker, Palette};
use super::view::ZOOM_STEP;
use super::widget::{Layers, MapState, layer_label};
use crate::atlas::Kind;

/// Height of one legend row and the legend's header, in points.
const ROW: f32 = 23.0;
const LEGEND_HEAD: f32 = 34.0;
const LEGEND_WIDTH: f32 = 215.0;
/// More entries than this go in two columns.
const LEGEND_MAX_ROWS: usize = 12;

/// Where the overlays sit on the map: controls (top-left), legend (bottom-right, sized to its
/// entries; a small button when collapsed), scale bar (bottom-left).
/// The height of the layer box with every switch shown.
fn layer_box_height() -> f32 {
    70.0 + 22.0 * Kind::ALL.len() as f32
}

/// Whether the layer switches are shown: as the reader last chose, else when they would take at
/// most half the map's height (a small window starts with them folded).
pub fn layers_shown(rect: Rect, state: &MapState) -> bool {
    state
        .layers_open
        .unwrap_or(rect.height() >= 2.0 * layer_box_height())
}

pub(super) fn overlay_rects(rect: Rect, state: &MapState) -> [Rect; 3] {
    let nav_h = if layers_shown(rect, state) {
        layer_box_height()
    } else {
        64.0
    };
    let nav = Rect::from_min_size(rect.min + Vec2::new(10.0, 10.0), Vec2::new(185.0, nav_h));
    let collapsed = Vec2::new(110.0, LEGEND_HEAD);
    let size = open_legend_size(state);
    let lr = Rect::from_min_size(rect.right_bottom() - size - Vec2::new(10.0, 10.0), size);
    let bar = Rect::from_min_size(
        rect.left_bottom() - Vec2::new(0.0, 48.0),
        Vec2::new(240.0, 48.0),
    );
    // A map too small for the open legend beside the layer toggles and the scale bar shows it
    // collapsed (never over them); it opens again when there is room.
    if state.legend_open
        && (!rect.contains_rect(lr) || lr.intersects(nav.expand(2.0)) || lr.intersects(bar))
    {
        let lr = Rect::from_min_size(
            rect.right_bottom() - collapsed - Vec2::new(10.0, 10.0),
            collapsed,
        );
        return [nav, lr, bar];
    }
    [nav, lr, bar]
}

/// The legend's size as it will be drawn: open, or collapsed to its button.
fn open_legend_size(state: &MapState) -> Vec2 {
    if let Some((layers, open, size)) = &state.legend_size
        && *layers == state.layers
        && *open == state.legend_open
    {
        // As drawn on the last frame, for the same layers.
        *size
    } else if state.legend_open {
        let rows = legend_rows(&state.layers);
        let cols = legend_columns(rows);
        if rows == 0 {
            Vec2::new(110.0, LEGEND_HEAD)
        } else {
            Vec2::new(
                LEGEND_WIDTH * cols as f32,
                LEGEND_HEAD + 8.0 + ROW * rows.div_ceil(cols) as f32,
            )
        }
    } else {
        Vec2::new(110.0, LEGEND_HEAD)
    }
}

/// The open legend has room on this map: inside it, clear of the layer toggles.
fn legend_has_room(rect: Rect, state: &MapState) -> bool {
    let [nav, _, bar] = overlay_rects(rect, state);
    let size = open_legend_size(state);
    let lr = Rect::from_min_size(rect.right_bottom() - size - Vec2::new(10.0, 10.0), size);
    rect.contains_rect(lr) && !lr.intersects(nav.expand(2.0)) && !lr.intersects(bar)
}

/// The part of the map no overlay covers, for fitting a fly-to target: the map less the
/// controls' strip (on the left or the top, whichever leaves more) and the legend's (on the
/// right or the bottom).
pub(super) fn free_rect(rect: Rect, state: &MapState) -> Rect {
    let [nav, legend, _] = overlay_rects(rect, state);
    let mut best = rect;
    let mut best_area = -1.0;
    for nav_left in [true, false] {
        for legend_right in [true, false] {
            let mut r = rect;
            if nav_left {
                r.min.x = r.min.x.max(nav.max.x);
            } else {
                r.min.y = r.min.y.max(nav.max.y);
            }
            if legend_right {
                r.max.x = r.max.x.min(legend.min.x);
            } else {
                r.max.y = r.max.y.min(legend.min.y);
            }
            let area = r.width().max(0.0) * r.height().max(0.0);
            if area > best_area {
                best_area = area;
                best = r;
            }
        }
    }
    if best.width() < 100.0 || best.height() < 100.0 {
        rect
    } else {
        best
    }
}

/// A frameless bold button that folds or unfolds an overlay ("+ Layers", "− Legend"); whether
/// it was clicked.
fn fold_button(ui: &mut Ui, label: &str, tip: &str) -> bool {
    ui.add(egui::Button::new(egui::RichText::new(label).strong()).frame(false))
        .on_hover_text(tip)
        .clicked()
}

pub(super) fn overlay_controls(
    ui: &mut Ui,
    rect: Rect,
    state: &mut MapState,
    user_layers: &[String],
) {
    let frame = Frame::new()
        .fill(ui.visuals().window_fill.gamma_multiply(0.92))
        .stroke(ui.visuals().window_stroke)
        .corner_radius(CornerRadius::same(6))
        .inner_margin(Margin::same(8));
    // Top-left: navigation and layer toggles.
    let [nav, lr, _] = overlay_rects(rect, state);
    let mut child = ui.new_child(UiBuilder::new().max_rect(nav));
    frame.show(&mut child, |ui| {
        ui.horizontal(|ui| {
            if ui.button("Whole region").on_hover_text("Home").clicked() {
                state.go_home();
            }
            if ui.button("+").on_hover_text("Zoom in (+)").clicked() {
                let c = rect.center();
                state.auto_fit = false;
                state.view.zoom_at(rect, c, ZOOM_STEP);
            }
            if ui.button("−").on_hover_text("Zoom out (−)").clicked() {
                let c = rect.center();
                state.auto_fit = false;
                state.view.zoom_at(rect, c, 1.0 / ZOOM_STEP);
            }
        });
        let shown = layers_shown(rect, state);
        let (head, tip) = if shown {
            ("\u{2212} Layers", "Fold the layer switches")
        } else {
            ("+ Layers", "Show the layer switches")
        };
        if fold_button(ui, head, tip) {
            state.layers_open = Some(!shown);
        }
        if shown {
            for k in Kind::ALL {
                let mut on = state.layers.is_visible(k);
                if ui.checkbox(&mut on, layer_label(k)).changed() {
                    state.layers.set_visible(k, on);
                }
            }
            user_layer_toggles(ui, state, user_layers);
        }
    });
    // Bottom-right: the legend, or the button that opens it.
    let mut child = ui.new_child(UiBuilder::new().max_rect(lr));
    let palette = Palette::for_dark_mode(ui.visuals().dark_mode);
    let squeezed = state.legend_open && !legend_has_room(rect, state);
    let drawn = frame.show(&mut child, |ui| {
        let (icon, tip) = if squeezed {
            (
                "+ Legend",
                "No room for the legend beside the layers: enlarge the window",
            )
        } else if state.legend_open {
            ("− Legend", "Collapse the legend")
        } else {
            ("+ Legend", "Show the legend")
        };
        if fold_button(ui, icon, tip) {
            state.legend_open = !state.legend_open;
        }
        if state.legend_open && !squeezed {
            legend(ui, &palette, &state.layers);
        }
    });
    if squeezed {
        // Drawn collapsed for want of room: the open legend's size stays what it was.
        return;
    }
    state.legend_size = Some((
        state.layers.clone(),
        state.legend_open,
        drawn.response.rect.size(),
    ));
}

/// How to draw a legend entry's swatch.
#[derive(Debug, Clone, Copy)]
pub enum Swatch {
    Line {
        color: Color32,
        width: f32,
        dash: Option<(f32, f32)>,
    },
    Marker(FeatureStyle),
    Hatch {
        color: Color32,
        border: Color32,
    },
    Fill(Color32),
    /// An area: fill and border.
    Area {
        fill: Color32,
        border: Stroke,
    },
}

/// How the map styles a feature of `kind` (with `props`): the legend draws what the map draws.
fn sample_style(kind: Kind, props: serde_json::Value, p: &Palette) -> FeatureStyle {
    let f = crate::atlas::Feature {
        id: String::new(),
        kind,
        name: String::new(),
        aliases: Vec::new(),
        demonyms: Vec::new(),
        summary: String::new(),
        status: None,
        sources: Vec::new(),
        geometry: geo::Geometry::Point(geo::Point::new(0.0, 0.0)),
        properties: props.as_object().cloned().unwrap_or_default(),
        user: None,
    };
    super::style::style_of(&f, p)
}

/// The legend's entries for the layers shown: no symbol of a hidden layer.
pub fn legend_entries(p: &Palette, layers: &Layers) -> Vec<(&'static str, Swatch)> {
    let line =
        |color: Color32, width: f32, dash: Option<(f32, f32)>| Swatch::Line { color, width, dash };
    let base = FeatureStyle {
        fill: p.capital,
        stroke: Stroke::new(1.2, p.city_ring),
        dash: Dash::Solid,
        casing: None,
        hatch: None,
        radius: 4.0,
        marker: Marker::Capital,
    };
    let mut out = Vec::new();
    let shown = |k: Kind| layers.is_visible(k);
    if shown(Kind::Pipeline) {
        out.push(("Oil pipeline", line(p.oil, 2.2, None)));
        out.push(("Gas pipeline", line(p.gas, 2.2, None)));
    }
    if shown(Kind::Pipeline) || shown(Kind::Corridor) {
        out.push((
            "Proposed / under construction",
            line(p.gas, 2.2, Some((7.0, 4.0))),
        ));
        out.push((
            "Cancelled / idle",
            line(p.gas.gamma_multiply(0.35), 2.2, None),
        ));
    }
    if shown(Kind::Corridor) {
        out.push(("Rail corridor", line(p.rail, 1.8, None)));
        out.push(("Road corridor", line(p.road, 1.8, None)));
        out.push(("Multimodal corridor", line(p.multimodal, 1.8, None)));
        out.push(("Sea route", line(p.sea_route, 1.8, Some((8.0, 5.0)))));
    }
    if shown(Kind::City) {
        out.push(("Capital", Swatch::Marker(base)));
        let dot = |fill: Color32| FeatureStyle {
            fill,
            marker: Marker::Dot,
            radius: 3.0,
            ..base
        };
        out.push(("City", Swatch::Marker(dot(p.city))));
        out.push(("Port", Swatch::Marker(dot(p.sea_route))));
    }
    if shown(Kind::Field) {
        out.push((
            "Oil / gas field",
            Swatch::Marker(FeatureStyle {
                fill: p.oil_gas,
                marker: Marker::Diamond,
                radius: 4.0,
                ..base
            }),
        ));
    }
    if shown(Kind::Region) {
        out.push((
            "Disputed area",
            Swatch::Hatch {
                color: p.disputed.gamma_multiply(0.6),
                border: p.disputed,
            },
        ));
        out.push((
            "Historical boundary",
            Swatch::Hatch {
                color: p.historical.gamma_multiply(0.6),
                border: p.historical,
            },
        ));
    }
    if shown(Kind::Town) {
        let st = sample_style(Kind::Town, serde_json::json!({}), p);
        out.push(("Town (gazetteer)", Swatch::Marker(st)));
    }
    if shown(Kind::Landform) {
        let st = sample_style(Kind::Landform, serde_json::json!({}), p);
        out.push(("Mountain, pass…", Swatch::Marker(st)));
        out.push((
            "Mountain range",
            line(st.stroke.color, st.stroke.width, Some((2.0, 4.0))),
        ));
    }
    if shown(Kind::River) {
        let st = sample_style(Kind::River, serde_json::json!({}), p);
        out.push((
            "River",
            line(st.stroke.color, st.stroke.width.max(1.5), None),
        ));
    }
    if shown(Kind::Lake) {
        let st = sample_style(Kind::Lake, serde_json::json!({}), p);
        out.push(("Lake", Swatch::Marker(st)));
    }
    if shown(Kind::Water) {
        out.push(("Sea, gulf", Swatch::Fill(p.water)));
    }
    if shown(Kind::MacroRegion) {
        let st = sample_style(Kind::MacroRegion, serde_json::json!({}), p);
        out.push(("Macro-region", line(st.stroke.color, 6.0, None)));
    }
    if shown(Kind::Country) {
        let st = sample_style(Kind::Country, serde_json::json!({}), p);
        out.push((
            "Country",
            Swatch::Area {
                fill: st.fill,
                border: st.stroke,
            },
        ));
    }
    out
}

/// How many rows the legend has for these layers.
fn legend_rows(layers: &Layers) -> usize {
    legend_entries(&Palette::light(), layers).len()
}

/// Columns of a legend of `rows` entries: two when one would reach far up the map.
fn legend_columns(rows: usize) -> usize {
    if rows > LEGEND_MAX_ROWS { 2 } else { 1 }
}

fn legend(ui: &mut Ui, p: &Palette, layers: &Layers) {
    let entries = legend_entries(p, layers);
    if entries.is_empty() {
        ui.weak("No layer shown");
    }
    let per_col = entries.len().div_ceil(legend_columns(entries.len())).max(1);
    ui.horizontal_top(|ui| {
        for column in entries.chunks(per_col) {
            ui.vertical(|ui| {
                ui.set_width(LEGEND_WIDTH - 16.0);
                for (label, swatch) in column {
                    ui.horizontal(|ui| {
                        let (r, _) = ui.allocate_exact_size(Vec2::new(30.0, 12.0), Sense::hover());
                        draw_swatch(ui.painter(), r, swatch);
                        ui.label(egui::RichText::new(*label).size(11.5));
                    });
                }
            });
        }
    });
}

fn draw_swatch(pt: &egui::Painter, r: Rect, swatch: &Swatch) {
    match *swatch {
        Swatch::Line { color, width, dash } => {
            let (a, b) = (r.left_center(), r.right_center());
            match dash {
                None => {
                    pt.line_segment([a, b], Stroke::new(width, color));
                }
                Some((d, g)) => {
                    pt.extend(Shape::dashed_line(&[a, b], Stroke::new(width, color), d, g));
                }
            }
        }
        Swatch::Marker(st) => {
            let mut v = Vec::new();
            marker_shapes(&mut v, r.center(), &st, 1.0);
            pt.extend(v);
        }
        Swatch::Hatch { color, border } => {
            let r = r.shrink2(Vec2::new(2.0, 0.0));
            pt.rect_stroke(r, 0.0, Stroke::new(1.2, border), egui::StrokeKind::Inside);
            let mut x = r.min.x - r.height();
            while x < r.max.x {
                let a = Pos2::new(x, r.max.y);
                let b = Pos2::new(x + r.height(), r.min.y);
                if let Some((a, b)) = clip_segment(a, b, r) {
                    pt.line_segment([a, b], Stroke::new(1.0, color));
                }
                x += 5.0;
            }
        }
        Swatch::Fill(c) => {
            pt.rect_filled(r, 2.0, c);
        }
        Swatch::Area { fill, border } => {
            pt.rect_filled(r, 2.0, fill);
            pt.rect_stroke(r, 2.0, border, egui::StrokeKind::Inside);
        }
    }
}

pub(super) fn clip_segment(a: Pos2, b: Pos2, r: Rect) -> Option<(Pos2, Pos2)> {
    // Clip a 45° segment to a rectangle by sampling its parameter range.
    let mut t0: f32 = 0.0;
    let mut t1: f32 = 1.0;
    let d = b - a;
    for (p, q) in [
        (-d.x, a.x - r.min.x),
        (d.x, r.max.x - a.x),
        (-d.y, a.y - r.min.y),
        (d.y, r.max.y - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t0 < t1).then(|| (a + d * t0, a + d * t1))
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

/// The scale bar's length in kilometres and points at the centre of the view.
pub fn scale_bar(state: &MapState, model: &MapModel) -> (f64, f32) {
    let [_, lat] = model
        .proj
        .inverse(state.view.center[0], state.view.center[1]);
    let k = model.proj.scale_factor(lat);
    // Points per true kilometre at the centre: the view's scale times the projection's scale factor.
    let ppk = state.view.scale * k;
    let km = nice_distance(140.0 / ppk);
    (km, (km * ppk) as f32)
}

pub(super) fn draw_scale_bar(
    painter: &egui::Painter,
    rect: Rect,
    state: &MapState,
    model: &MapModel,
    p: &Palette,
) {
    let (km, px) = scale_bar(state, model);
    let origin = rect.left_bottom() + Vec2::new(16.0, -18.0);
    let end = origin + Vec2::new(px, 0.0);
    let ink = p.label;
    painter.rect_filled(
        Rect::from_min_max(origin - Vec2::new(6.0, 20.0), end + Vec2::new(6.0, 6.0)),
        4.0,
        p.halo,
    );
    painter.line_segment([origin, end], Stroke::new(2.0, ink));
    painter.line_segment(
        [origin, origin - Vec2::new(0.0, 6.0)],
        Stroke::new(2.0, ink),
    );
    painter.line_segment([end, end - Vec2::new(0.0, 6.0)], Stroke::new(2.0, ink));
    let label = if km >= 1.0 {
        format!("{km:.0} km")
    } else {
        format!("{:.0} m", km * 1000.0)
    };
    painter.text(
        origin + Vec2::new(px / 2.0, -8.0),
        Align2::CENTER_BOTTOM,
        label,
        FontId::proportional(11.0),
        ink,
    );
}

/// The reader's layers: a toggle each, with its colour as the swatch.
fn user_layer_toggles(ui: &mut Ui, state: &mut MapState, user_layers: &[String]) {
    if user_layers.is_empty() {
        return;
    }
    ui.separator();
    let palette = Palette::for_dark_mode(ui.visuals().dark_mode);
    for layer in user_layers {
        ui.horizontal(|ui| {
            let (r, _) = ui.allocate_exact_size(egui::Vec2::new(12.0, 12.0), egui::Sense::hover());
            let colour = super::style::user_layer_colour(layer, &palette);
            ui.painter().rect_filled(r, 2.0, colour);
            let mut on = !state.layers.hidden_user.contains(layer);
            let short = std::path::Path::new(layer)
                .file_name()
                .map_or_else(|| layer.clone(), |n| n.to_string_lossy().into_owned());
            if ui
                .checkbox(&mut on, short)
                .on_hover_text(format!("Your layer {layer}"))
                .changed()
            {
                if on {
                    state.layers.hidden_user.remove(layer);
                } else {
                    state.layers.hidden_user.insert(layer.clone());
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legend_follows_the_layers() {
        let p = Palette::light();
        let all = legend_entries(&p, &Layers::default());
        let labels =
            |e: &[(&str, Swatch)]| e.iter().map(|(l, _)| l.to_string()).collect::<Vec<_>>();
        assert!(labels(&all).contains(&"Oil pipeline".to_string()));
        let mut l = Layers::default();
        l.set_visible(Kind::Pipeline, false);
        l.set_visible(Kind::City, false);
        let some = labels(&legend_entries(&p, &l));
        assert!(!some.contains(&"Oil pipeline".to_string()));
        assert!(!some.contains(&"Capital".to_string()));
        assert!(some.contains(&"Rail corridor".to_string()));
        for k in Kind::ALL {
            l.set_visible(k, false);
        }
        assert!(legend_entries(&p, &l).is_empty());
    }

    #[test]
    fn every_kind_has_a_symbol_shown_only_with_its_layer() {
        let p = Palette::dark();
        for k in Kind::ALL {
            let mut only = Layers::default();
            for other in Kind::ALL {
                only.set_visible(other, other == k);
            }
            let entries = legend_entries(&p, &only);
            assert!(!entries.is_empty(), "{k:?} has a legend symbol");
            let mut without = Layers::default();
            without.set_visible(k, false);
            let all = legend_entries(&p, &Layers::default()).len();
            let fewer = legend_entries(&p, &without).len();
            // Pipelines and corridors share the status symbols: hiding one keeps them.
            assert!(fewer < all, "hiding {k:?} removes its symbols");
        }
        let names: Vec<&str> = legend_entries(&p, &Layers::default())
            .iter()
            .map(|(l, _)| *l)
            .collect();
        for want in [
            "Town (gazetteer)",
            "River",
            "Lake",
            "Mountain, pass…",
            "Country",
        ] {
            assert!(names.contains(&want), "{want} in {names:?}");
        }
    }

    #[test]
    fn a_long_legend_takes_two_columns() {
        assert_eq!(legend_columns(6), 1);
        assert_eq!(legend_columns(LEGEND_MAX_ROWS + 1), 2);
        let state = MapState::default();
        let rect = Rect::from_min_size(Pos2::ZERO, Vec2::new(1100.0, 900.0));
        let [_, legend, _] = overlay_rects(rect, &state);
        assert!(legend.height() < rect.height() / 2.0, "{legend:?}");
    }

    #[test]
    fn free_rect_avoids_the_overlays() {
        let rect = Rect::from_min_size(Pos2::new(0.0, 30.0), Vec2::new(1100.0, 900.0));
        let state = MapState::default();
        let free = free_rect(rect, &state);
        let [nav, legend, _] = overlay_rects(rect, &state);
        assert!(rect.contains_rect(free));
        assert!(!free.intersects(nav.shrink(1.0)) && !free.intersects(legend.shrink(1.0)));
        assert!(free.width() * free.height() > 0.4 * rect.width() * rect.height());
    }

    #[test]
    fn nice_distances() {
        assert_eq!(nice_distance(130.0), 100.0);
        assert_eq!(nice_distance(260.0), 200.0);
        assert_eq!(nice_distance(7.0), 5.0);
        assert_eq!(nice_distance(f64::NAN), 1.0);
    }

    #[test]
    fn clip_keeps_inside_part() {
        let r = Rect::from_min_size(Pos2::ZERO, Vec2::new(10.0, 10.0));
        let Some((a, b)) = clip_segment(Pos2::new(-5.0, 15.0), Pos2::new(15.0, -5.0), r) else {
            panic!("the segment crosses the rectangle");
        };
        assert!(r.expand(1e-3).contains(a) && r.expand(1e-3).contains(b));
        assert!(clip_segment(Pos2::new(20.0, 20.0), Pos2::new(30.0, 30.0), r).is_none());
    }
}
