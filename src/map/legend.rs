//! The map's overlays: navigation and layer toggles, the legend, the scale bar.

use egui::{
    Align2, Color32, CornerRadius, FontId, Frame, Margin, Pos2, Rect, Sense, Shape, Stroke, Ui,
    UiBuilder, Vec2,
};

use super::MapModel;
use super::draw::marker_shapes;
use super::style::{Dash, FeatureStyle, Marker, Palette};
use super::view::ZOOM_STEP;
use super::widget::{MapState, layer_label};
use crate::atlas::Kind;

/// Where the overlays sit on the map: controls (top-left), legend (bottom-right), scale bar.
pub(super) fn overlay_rects(rect: Rect, legend: bool) -> [Rect; 3] {
    let nav = Rect::from_min_size(rect.min + Vec2::new(10.0, 10.0), Vec2::new(185.0, 272.0));
    let size = Vec2::new(215.0, 392.0);
    let lr = if legend {
        Rect::from_min_size(rect.right_bottom() - size - Vec2::new(10.0, 10.0), size)
    } else {
        Rect::NOTHING
    };
    let bar = Rect::from_min_size(
        rect.left_bottom() - Vec2::new(0.0, 48.0),
        Vec2::new(240.0, 48.0),
    );
    [nav, lr, bar]
}

pub(super) fn overlay_controls(ui: &mut Ui, rect: Rect, state: &mut MapState, model: &MapModel) {
    let frame = Frame::new()
        .fill(ui.visuals().window_fill.gamma_multiply(0.92))
        .stroke(ui.visuals().window_stroke)
        .corner_radius(CornerRadius::same(6))
        .inner_margin(Margin::same(8));
    // Top-left: navigation and layer toggles.
    let [nav, lr, _] = overlay_rects(rect, true);
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
        ui.separator();
        for k in Kind::ALL {
            let mut on = state.layers.is_visible(k);
            if ui.checkbox(&mut on, layer_label(k)).changed() {
                state.layers.set_visible(k, on);
            }
        }
        ui.separator();
        ui.checkbox(&mut state.legend_open, "Legend");
    });
    if state.legend_open {
        let mut child = ui.new_child(UiBuilder::new().max_rect(lr));
        let palette = Palette::for_dark_mode(ui.visuals().dark_mode);
        frame.show(&mut child, |ui| legend(ui, &palette));
    }
    let _ = model;
}

pub(super) fn legend(ui: &mut Ui, p: &Palette) {
    ui.strong("Legend");
    let swatch = |ui: &mut Ui, label: &str, draw: &dyn Fn(&egui::Painter, Rect)| {
        ui.horizontal(|ui| {
            let (r, _) = ui.allocate_exact_size(Vec2::new(30.0, 12.0), Sense::hover());
            draw(ui.painter(), r);
            ui.label(egui::RichText::new(label).size(11.5));
        });
    };
    let line = |c: Color32, w: f32, dash: Option<(f32, f32)>| {
        move |pt: &egui::Painter, r: Rect| {
            let a = r.left_center();
            let b = r.right_center();
            match dash {
                None => {
                    pt.line_segment([a, b], Stroke::new(w, c));
                }
                Some((d, g)) => {
                    pt.extend(Shape::dashed_line(&[a, b], Stroke::new(w, c), d, g));
                }
            }
        }
    };
    swatch(ui, "Oil pipeline", &line(p.oil, 2.2, None));
    swatch(ui, "Gas pipeline", &line(p.gas, 2.2, None));
    swatch(
        ui,
        "Proposed / under construction",
        &line(p.gas, 2.2, Some((7.0, 4.0))),
    );
    swatch(
        ui,
        "Cancelled / idle",
        &line(p.gas.gamma_multiply(0.35), 2.2, None),
    );
    swatch(ui, "Rail corridor", &line(p.rail, 1.8, None));
    swatch(ui, "Road corridor", &line(p.road, 1.8, None));
    swatch(ui, "Multimodal corridor", &line(p.multimodal, 1.8, None));
    swatch(ui, "Sea route", &line(p.sea_route, 1.8, Some((8.0, 5.0))));
    let dot = |st: FeatureStyle| {
        move |pt: &egui::Painter, r: Rect| {
            let mut v = Vec::new();
            marker_shapes(&mut v, r.center(), &st, 1.0);
            pt.extend(v);
        }
    };
    let base = FeatureStyle {
        fill: p.capital,
        stroke: Stroke::new(1.2, p.city_ring),
        dash: Dash::Solid,
        casing: None,
        hatch: None,
        radius: 4.0,
        marker: Marker::Capital,
    };
    swatch(ui, "Capital", &dot(base));
    swatch(
        ui,
        "City",
        &dot(FeatureStyle {
            fill: p.city,
            marker: Marker::Dot,
            radius: 3.0,
            ..base
        }),
    );
    swatch(
        ui,
        "Port",
        &dot(FeatureStyle {
            fill: p.sea_route,
            marker: Marker::Dot,
            radius: 3.0,
            ..base
        }),
    );
    swatch(
        ui,
        "Oil / gas field",
        &dot(FeatureStyle {
            fill: p.oil_gas,
            marker: Marker::Diamond,
            radius: 4.0,
            ..base
        }),
    );
    let hatch = |c: Color32, border: Color32| {
        move |pt: &egui::Painter, r: Rect| {
            let r = r.shrink2(Vec2::new(2.0, 0.0));
            pt.rect_stroke(r, 0.0, Stroke::new(1.2, border), egui::StrokeKind::Inside);
            let mut x = r.min.x - r.height();
            while x < r.max.x {
                let a = Pos2::new(x, r.max.y);
                let b = Pos2::new(x + r.height(), r.min.y);
                let seg = clip_segment(a, b, r);
                if let Some((a, b)) = seg {
                    pt.line_segment([a, b], Stroke::new(1.0, c));
                }
                x += 5.0;
            }
        }
    };
    swatch(
        ui,
        "Disputed area",
        &hatch(p.disputed.gamma_multiply(0.6), p.disputed),
    );
    swatch(
        ui,
        "Historical boundary",
        &hatch(p.historical.gamma_multiply(0.6), p.historical),
    );
    swatch(ui, "Water", &|pt: &egui::Painter, r: Rect| {
        pt.rect_filled(r, 2.0, p.water);
    });
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

#[cfg(test)]
mod tests {
    use super::*;

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
