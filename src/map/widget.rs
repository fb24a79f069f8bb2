//! The `MapWidget`: draws a frame from the cached meshes (transform + cull only), handles
//! pan / zoom / keys / fly-to, hover tooltips and click picking with stack cycling, layer
//! toggles, legend and scale bar, and returns a [`MapResponse`].

use std::collections::BTreeSet;

use egui::{
    Align2, Color32, CornerRadius, FontId, Frame, Key, Margin, Mesh, Pos2, Rect, Response, Sense,
    Shape, Stroke, Ui, UiBuilder, Vec2, epaint::TextShape,
};
use serde::{Deserialize, Serialize};

use super::batch::Batcher;
use super::labels::{Placer, along_line, point_label_rects, rotated_origin};
use super::mesh::{self, GeomClass, P, WRect, intersects, lod_for_scale};
use super::style::{Dash, FeatureStyle, Marker, Palette, style_of};
use super::view::{self, View, ZOOM_STEP};
use super::{MapModel, MapSource, kind_slot};
use crate::atlas::{Feature, Kind};

/// Largest simplification error allowed on screen, in points (sub-pixel: borders stay crisp).
pub const LOD_MAX_ERROR_PX: f32 = 0.6;

/// Pointer tolerance for picking, in screen points.
pub const PICK_TOLERANCE_PX: f32 = 5.0;

/// Which kinds are shown (and pickable).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Layers {
    /// Kinds switched off.
    pub hidden: BTreeSet<Kind>,
}

impl Layers {
    pub fn is_visible(&self, k: Kind) -> bool {
        !self.hidden.contains(&k)
    }

    pub fn set_visible(&mut self, k: Kind, on: bool) {
        if on {
            self.hidden.remove(&k);
        } else {
            self.hidden.insert(k);
        }
    }
}

/// The plural label of a kind's layer toggle ("Pipelines").
pub fn layer_label(k: Kind) -> &'static str {
    match k {
        Kind::Country => "Countries",
        Kind::MacroRegion => "Macro-regions",
        Kind::Region => "Regions",
        Kind::Water => "Water",
        Kind::City => "Cities",
        Kind::Field => "Oil & gas fields",
        Kind::Pipeline => "Pipelines",
        Kind::Corridor => "Corridors",
        Kind::Town => "Towns (gazetteer)",
        Kind::River => "Rivers",
        Kind::Lake => "Lakes",
        Kind::Landform => "Mountains, passes…",
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Cycle {
    pos: Pos2,
    stack: Vec<usize>,
    at: usize,
}

/// The map's state: the persisted view and layers, plus runtime selection and hover.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MapState {
    pub view: View,
    pub layers: Layers,
    /// Selected feature index (set by the app from its selection).
    #[serde(skip)]
    pub selected: Option<usize>,
    /// Feature highlighted from outside (e.g. the pointer is over a mention of it).
    #[serde(skip)]
    pub highlighted: Option<usize>,
    /// Whether the view was fitted to the region (done on the first frame with a size).
    #[serde(skip)]
    pub fitted: bool,
    /// Show the legend panel.
    #[serde(default = "yes")]
    pub legend_open: bool,
    /// Ignore the pointer for hover (screenshots: the pointer is wherever the display left it).
    #[serde(skip)]
    pub suppress_hover: bool,
    #[serde(skip)]
    hovered: Option<usize>,
    #[serde(skip)]
    panning: bool,
    #[serde(skip)]
    auto_fit: bool,
    #[serde(skip)]
    cycle: Option<Cycle>,
    #[serde(skip)]
    styles: Option<(bool, Vec<FeatureStyle>)>,
    #[serde(skip)]
    last_rect: Option<Rect>,
    #[serde(skip)]
    pending_fly: Option<WRect>,
    #[serde(skip)]
    pending_home: bool,
    /// Size of the last frame's batched map mesh (vertices, indices), reserved up front.
    #[serde(skip)]
    batch_size: (usize, usize),
    /// The base map (everything under highlights and labels) of the last frame, reused while
    /// nothing it depends on changes (hover moves, idle repaints).
    #[serde(skip)]
    base: Option<(BaseKey, Vec<Shape>)>,
}

/// What the base map's pixels depend on.
#[derive(Debug, Clone, PartialEq)]
struct BaseKey {
    center: [f64; 2],
    scale: f64,
    rect: Rect,
    pixels_per_point: f32,
    layers: Layers,
    dark: bool,
    features: usize,
}

fn yes() -> bool {
    true
}

impl Default for MapState {
    fn default() -> Self {
        MapState {
            view: View::default(),
            layers: Layers::default(),
            selected: None,
            highlighted: None,
            fitted: false,
            legend_open: true,
            suppress_hover: false,
            hovered: None,
            panning: false,
            auto_fit: false,
            cycle: None,
            styles: None,
            last_rect: None,
            pending_fly: None,
            pending_home: false,
            batch_size: (0, 0),
            base: None,
        }
    }
}

impl MapState {
    /// Ask for an animated flight to a feature's extent (applied on the next frame).
    pub fn fly_to_feature(&mut self, model: &MapModel, idx: usize) {
        if let Some(g) = model.geoms.get(idx)
            && mesh::is_valid(&g.bbox)
        {
            // Pad points and small features so that the flight lands at a readable zoom.
            let b = g.bbox;
            let min_km = 120.0;
            let (cx, cy) = ((b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0);
            let hw = ((b[2] - b[0]) / 2.0).max(min_km / 2.0);
            let hh = ((b[3] - b[1]) / 2.0).max(min_km / 2.0);
            self.pending_fly = Some([cx - hw, cy - hh, cx + hw, cy + hh]);
        }
    }

    /// Ask for the whole region in view (animated).
    pub fn go_home(&mut self) {
        self.pending_home = true;
    }

    /// The feature under the pointer on the last frame.
    pub fn hovered(&self) -> Option<usize> {
        self.hovered
    }

    /// The stack beneath the last click and which entry of it is selected ("2 of 5").
    pub fn click_stack(&self) -> Option<(&[usize], usize)> {
        self.cycle.as_ref().map(|c| (c.stack.as_slice(), c.at))
    }

    /// The map rectangle of the last frame.
    pub fn last_rect(&self) -> Option<Rect> {
        self.last_rect
    }
}

/// What happened on the map this frame.
#[derive(Debug, Clone)]
pub struct MapResponse {
    pub response: Response,
    /// Feature under the pointer (topmost pickable).
    pub hovered: Option<usize>,
    /// Feature chosen by a click this frame (topmost, or the next one down on a repeated click).
    pub clicked: Option<usize>,
    /// A click landed on no feature.
    pub clicked_empty: bool,
    /// Pointer position in lon/lat, when over the map.
    pub pointer_lonlat: Option<[f64; 2]>,
    /// Features beneath the last click, topmost first (the cycling stack).
    pub stack: Vec<usize>,
}

/// The map widget for one frame.
pub struct MapWidget<'a> {
    source: &'a dyn MapSource,
    model: &'a mut MapModel,
    state: &'a mut MapState,
    passages: Option<&'a dyn Fn(&str) -> usize>,
}

impl<'a> MapWidget<'a> {
    pub fn new(
        source: &'a dyn MapSource,
        model: &'a mut MapModel,
        state: &'a mut MapState,
    ) -> MapWidget<'a> {
        MapWidget {
            source,
            model,
            state,
            passages: None,
        }
    }

    /// How many passages mention a feature (by id); shown in the hover tooltip.
    pub fn passage_counts(mut self, f: &'a dyn Fn(&str) -> usize) -> Self {
        self.passages = Some(f);
        self
    }

    pub fn show(self, ui: &mut Ui) -> MapResponse {
        let MapWidget {
            source,
            model,
            state,
            passages,
        } = self;
        let features = source.features();
        let rect = ui.available_rect_before_wrap();
        let response = ui.allocate_rect(rect, Sense::click_and_drag());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Map"));
        let dark = ui.visuals().dark_mode;
        let palette = Palette::for_dark_mode(dark);
        if state
            .styles
            .as_ref()
            .is_none_or(|(d, s)| *d != dark || s.len() != features.len())
        {
            state.styles = Some((
                dark,
                features.iter().map(|f| style_of(f, &palette)).collect(),
            ));
        }
        if !state.fitted && rect.width() > 1.0 && rect.height() > 1.0 {
            state.view = View::fitted(model.region, rect.size());
            state.fitted = true;
            state.auto_fit = true;
        }
        if state.auto_fit && rect.width() > 1.0 && rect.height() > 1.0 {
            // Until the user moves the map, keep the whole region fitted as the layout settles.
            state.view = View::fitted(model.region, rect.size());
        }
        let fitted_view = (state.view.center, state.view.scale);
        state.last_rect = Some(rect);

        // ---- input ----
        let (now, dt) = ui.input(|i| (i.time, f64::from(i.stable_dt)));
        if state.pending_home {
            state.pending_home = false;
            let (c, s) = view::fit(model.region, rect.size(), 24.0);
            state.view.fly_to(c, s, now);
        }
        if let Some(b) = state.pending_fly.take() {
            let (c, s) = view::fit(b, rect.size(), 60.0);
            state.view.fly_to(c, s, now);
        }
        if response.dragged() && response.drag_delta() != Vec2::ZERO {
            state.view.stop();
            state.view.pan(response.drag_delta());
            state.panning = true;
        }
        if response.drag_stopped() || !ui.input(|i| i.pointer.any_down()) {
            // Inertia only after a real drag, never after a click.
            if std::mem::take(&mut state.panning) {
                let v = ui.input(|i| i.pointer.velocity());
                if v.length() > 60.0 {
                    state.view.velocity = v;
                }
            }
        }
        let pointer = response.hover_pos();
        if let Some(p) = pointer {
            let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
            let factor = f64::from(zoom) * (f64::from(scroll.y) * 0.003).exp();
            if (factor - 1.0).abs() > 1e-4 {
                state.view.stop();
                state.view.zoom_at(rect, p, factor);
            }
        }
        if response.double_clicked()
            && let Some(p) = pointer
        {
            let mut target = state.view.clone();
            target.zoom_at(rect, p, ZOOM_STEP * ZOOM_STEP);
            state.view.fly_to(target.center, target.scale, now);
        }
        if !ui.ctx().egui_wants_keyboard_input() {
            let keys = ui.input(|i| {
                (
                    i.key_pressed(Key::Plus) || i.key_pressed(Key::Equals),
                    i.key_pressed(Key::Minus),
                    i.key_pressed(Key::Home),
                    [
                        i.key_pressed(Key::ArrowLeft),
                        i.key_pressed(Key::ArrowRight),
                        i.key_pressed(Key::ArrowUp),
                        i.key_pressed(Key::ArrowDown),
                    ],
                )
            });
            if keys.0 {
                state.view.stop();
                state.view.zoom_at(rect, rect.center(), ZOOM_STEP);
            }
            if keys.1 {
                state.view.stop();
                state.view.zoom_at(rect, rect.center(), 1.0 / ZOOM_STEP);
            }
            if keys.2 {
                let (c, s) = view::fit(model.region, rect.size(), 24.0);
                state.view.fly_to(c, s, now);
            }
            let step = 120.0;
            let d = [
                Vec2::new(step, 0.0),
                Vec2::new(-step, 0.0),
                Vec2::new(0.0, step),
                Vec2::new(0.0, -step),
            ];
            for (pressed, delta) in keys.3.iter().zip(d) {
                if *pressed {
                    state.view.stop();
                    state.view.pan(delta);
                }
            }
        }
        if state.auto_fit
            && ((state.view.center, state.view.scale) != fitted_view || state.view.is_flying())
        {
            state.auto_fit = false;
        }
        if state.view.tick(now, dt) {
            ui.ctx().request_repaint();
        }
        state.view.clamp_center(model.bounds);

        // ---- picking ----
        let pointer_lonlat = pointer.map(|p| {
            let w = state.view.to_world(rect, p);
            model.proj.inverse(w[0], w[1])
        });
        let hovering = response.hovered() && !response.dragged() && !state.suppress_hover;
        let hovered = match (pointer, hovering) {
            (Some(p), true) => pick_at(source, model, state, rect, p).first().copied(),
            _ => None,
        };
        state.hovered = hovered;
        let mut clicked = None;
        let mut clicked_empty = false;
        let mut stack = state
            .cycle
            .as_ref()
            .map(|c| c.stack.clone())
            .unwrap_or_default();
        if response.clicked()
            && let Some(p) = response.interact_pointer_pos().or(pointer)
        {
            // The user engaged with the map: stop re-fitting it as the layout settles.
            state.auto_fit = false;
            let picked = pick_at(source, model, state, rect, p);
            let same = state
                .cycle
                .as_ref()
                .is_some_and(|c| c.pos.distance(p) <= PICK_TOLERANCE_PX && c.stack == picked);
            let at = match (&state.cycle, same) {
                (Some(c), true) if !picked.is_empty() => (c.at + 1) % picked.len(),
                _ => 0,
            };
            clicked = picked.get(at).copied();
            clicked_empty = picked.is_empty();
            state.selected = clicked;
            stack = picked.clone();
            state.cycle = Some(Cycle {
                pos: p,
                stack: picked,
                at,
            });
        }

        // ---- drawing ----
        let painter = ui.painter_at(rect);
        let styles: &[FeatureStyle] = state.styles.as_ref().map_or(&[], |(_, s)| s.as_slice());
        let ctx = ui.ctx();
        let key = BaseKey {
            center: state.view.center,
            scale: state.view.scale,
            rect,
            pixels_per_point: ctx.pixels_per_point(),
            layers: state.layers.clone(),
            dark,
            features: features.len(),
        };
        // The base map gets a clip rectangle of its own (cutting the same pixels), so that egui
        // tessellates it into a mesh of its own instead of copying it into a larger one as the
        // highlights, labels and overlays are appended after it.
        let base_painter =
            painter.with_clip_rect(own_clip_rect(painter.clip_rect(), key.pixels_per_point));
        match &state.base {
            Some((k, base)) if *k == key => base_painter.extend(base.iter().cloned()),
            _ => {
                // Thousands of small shapes become a few meshes, tessellated here as egui would.
                let mut batcher = Batcher::new(
                    key.pixels_per_point,
                    ctx.tessellation_options(|o| *o),
                    ctx.fonts(|f| f.font_image_size()),
                    painter.clip_rect(),
                    state.batch_size,
                );
                draw_map(&mut batcher, features, model, state, styles, &palette, rect);
                let (base, size) = batcher.finish();
                // Room for the next base (markers appended, a slightly different view) without
                // regrowing.
                state.batch_size = (size.0 + size.0 / 4 + 4096, size.1 + size.1 / 4 + 6144);
                base_painter.extend(base.iter().cloned());
                state.base = Some((key, base));
            }
        }
        let styles: &[FeatureStyle] = state.styles.as_ref().map_or(&[], |(_, s)| s.as_slice());
        let mut shapes: Vec<Shape> = Vec::new();
        let highlight =
            |shapes: &mut Vec<Shape>, idx: Option<usize>, color: Color32, model: &mut MapModel| {
                if let Some(i) = idx {
                    draw_highlight(shapes, model, i, &state.view, rect, color, styles.get(i));
                }
            };
        highlight(&mut shapes, state.highlighted, palette.hover, model);
        highlight(&mut shapes, hovered, palette.hover, model);
        highlight(&mut shapes, state.selected, palette.selected, model);
        painter.extend(shapes);
        let mut labels = Vec::new();
        place_labels(
            ui,
            &mut labels,
            features,
            model,
            state,
            styles,
            &palette,
            rect,
        );
        painter.extend(labels);

        // ---- overlays ----
        overlay_controls(ui, rect, state, model);
        draw_scale_bar(&painter, rect, state, model, &palette);
        if let Some(i) = hovered
            && let Some(f) = features.get(i)
        {
            let count = passages.map(|p| p(&f.id));
            let _ = response.clone().on_hover_ui_at_pointer(|ui| {
                ui.set_max_width(320.0);
                ui.strong(&f.name);
                let mut kind = f.kind.label().to_string();
                if let Some(s) = f.status.as_deref().or_else(|| f.prop_str("status")) {
                    kind.push_str(" · ");
                    kind.push_str(s);
                }
                ui.weak(kind);
                if !f.summary.is_empty() {
                    ui.label(&f.summary);
                }
                if let Some(n) = count {
                    ui.label(match n {
                        0 => "No passage mentions it".to_string(),
                        1 => "1 passage mentions it".to_string(),
                        n => format!("{n} passages mention it"),
                    });
                }
            });
        }
        MapResponse {
            response,
            hovered,
            clicked,
            clicked_empty,
            pointer_lonlat,
            stack,
        }
    }
}

/// A clip rectangle that cuts the same physical pixels as `clip` (renderers round its edges to
/// whole pixels) but is not equal to it: each edge is moved to a quarter pixel inside the pixel
/// boundary it rounds to.
fn own_clip_rect(clip: Rect, pixels_per_point: f32) -> Rect {
    if pixels_per_point.is_nan() || pixels_per_point <= 0.0 || !clip.is_finite() {
        return clip;
    }
    let snap = |v: f32, inward: f32| ((v * pixels_per_point).round() + inward) / pixels_per_point;
    Rect::from_min_max(
        Pos2::new(snap(clip.min.x, 0.25), snap(clip.min.y, 0.25)),
        Pos2::new(snap(clip.max.x, -0.25), snap(clip.max.y, -0.25)),
    )
}

/// Features under a screen point, topmost first: the atlas' spatial pick, narrowed to visible
/// layers and to what is really within the pixel tolerance on screen.
pub fn pick_at(
    source: &dyn MapSource,
    model: &MapModel,
    state: &MapState,
    rect: Rect,
    p: Pos2,
) -> Vec<usize> {
    let w = state.view.to_world(rect, p);
    let [lon, lat] = model.proj.inverse(w[0], w[1]);
    if !lon.is_finite() || !lat.is_finite() {
        return Vec::new();
    }
    let tol_km = f64::from(PICK_TOLERANCE_PX) / state.view.scale;
    let marker_km = 6.0 / state.view.scale;
    let k = model.proj.scale_factor(lat).max(0.1);
    // The atlas measures distance in degrees of latitude (longitude scaled by cos lat).
    let deg = (tol_km + marker_km) / k / 111.32 * 1.2;
    let features = source.features();
    let wp: P = [w[0] as f32, w[1] as f32];
    let styles = state.styles.as_ref().map(|(_, s)| s.as_slice());
    source
        .pick(lon, lat, deg)
        .into_iter()
        .filter(|&i| {
            let (Some(f), Some(g)) = (features.get(i), model.geoms.get(i)) else {
                return false;
            };
            if !state.layers.is_visible(f.kind) {
                return false;
            }
            match g.class {
                GeomClass::Area => area_contains(g, wp),
                GeomClass::Line => near_line(&g.lines, wp, tol_km as f32),
                GeomClass::Point => {
                    let r = styles.and_then(|s| s.get(i)).map_or(3.0, |s| s.radius);
                    let lim = (f64::from(PICK_TOLERANCE_PX + r) / state.view.scale) as f32;
                    g.points.iter().any(|q| dist2(*q, wp) <= lim * lim)
                }
                GeomClass::Empty => false,
            }
        })
        .collect()
}

fn dist2(a: P, b: P) -> f32 {
    (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)
}

fn seg_dist2(p: P, a: P, b: P) -> f32 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    dist2(p, [a[0] + t * dx, a[1] + t * dy])
}

fn near_line(lines: &[Vec<P>], p: P, tol: f32) -> bool {
    lines.iter().any(|l| {
        l.windows(2).any(|w| match w {
            [a, b] => seg_dist2(p, *a, *b) <= tol * tol,
            _ => false,
        })
    })
}

fn area_contains(g: &mesh::FeatureGeom, p: P) -> bool {
    let pr = [p[0], p[1], p[0], p[1]];
    g.fill.iter().filter(|c| intersects(&c.bbox, &pr)).any(|c| {
        c.indices.chunks_exact(3).any(|t| {
            let v = |i: u32| c.vertices.get(i as usize).copied().unwrap_or([f32::NAN; 2]);
            in_triangle(p, v(t[0]), v(t[1]), v(t[2]))
        })
    })
}

fn in_triangle(p: P, a: P, b: P, c: P) -> bool {
    let cross = |o: P, u: P, v: P| (u[0] - o[0]) * (v[1] - o[1]) - (u[1] - o[1]) * (v[0] - o[0]);
    let d1 = cross(a, b, p);
    let d2 = cross(b, c, p);
    let d3 = cross(c, a, p);
    let neg = d1 < 0.0 || d2 < 0.0 || d3 < 0.0;
    let pos = d1 > 0.0 || d2 > 0.0 || d3 > 0.0;
    !(neg && pos)
}

#[inline]
fn tx(p: P, s: f32, o: [f32; 2]) -> Pos2 {
    Pos2::new(p[0] * s + o[0], -p[1] * s + o[1])
}

fn push_fill(mesh: &mut Mesh, g: &mut mesh::FeatureGeom, xf: &Xf, color: Color32) {
    let (s, o, vis) = (xf.s, xf.o, &xf.vis);
    for c in g
        .fill_at(xf.level)
        .iter()
        .filter(|c| intersects(&c.bbox, vis))
    {
        let base = mesh.vertices.len() as u32;
        mesh.vertices
            .extend(c.vertices.iter().map(|p| egui::epaint::Vertex {
                pos: tx(*p, s, o),
                uv: egui::epaint::WHITE_UV,
                color,
            }));
        mesh.indices.extend(c.indices.iter().map(|i| base + i));
    }
}

/// The per-frame world → screen transform, visible world box and level of detail.
#[derive(Debug, Clone, Copy)]
struct Xf {
    s: f32,
    o: [f32; 2],
    vis: WRect,
    level: usize,
    clip: Rect,
}

impl Xf {
    fn new(view: &View, rect: Rect) -> Xf {
        let (s, o) = view.affine(rect);
        Xf {
            s,
            o,
            vis: view.visible(rect),
            level: lod_for_scale(s, LOD_MAX_ERROR_PX),
            clip: rect,
        }
    }
}

fn push_outline(
    shapes: &mut Vec<Shape>,
    g: &mut mesh::FeatureGeom,
    xf: &Xf,
    stroke: Stroke,
    dash: Dash,
) {
    if stroke.width <= 0.0 || stroke.color.a() == 0 {
        return;
    }
    let (s, o, vis) = (xf.s, xf.o, &xf.vis);
    for c in g
        .outline(xf.level)
        .iter()
        .filter(|c| intersects(&c.bbox, vis))
    {
        let pts: Vec<Pos2> = c.points.iter().map(|p| tx(*p, s, o)).collect();
        match dash {
            Dash::Solid => shapes.push(Shape::line(pts, stroke)),
            Dash::Dashed(d, gap) => Shape::dashed_line_many(&pts, stroke, d, gap, shapes),
        }
    }
}

/// Diagonal hatching of an area, in screen space, spaced `gap` points apart.
fn push_hatch(
    shapes: &mut Vec<Shape>,
    g: &mut mesh::FeatureGeom,
    xf: &Xf,
    color: Color32,
    gap: f32,
) {
    let (s, o, level, clip) = (xf.s, xf.o, xf.level, xf.clip);
    // Edges in screen space; chunks of a ring share their ends, so their segments form the ring.
    let mut edges: Vec<(Pos2, Pos2)> = Vec::new();
    for c in g.outline(level) {
        for w in c.points.windows(2) {
            if let [a, b] = w {
                edges.push((tx(*a, s, o), tx(*b, s, o)));
            }
        }
    }
    let bb = {
        let b = g.bbox;
        Rect::from_two_pos(tx([b[0], b[1]], s, o), tx([b[2], b[3]], s, o))
    }
    .intersect(clip);
    if !bb.is_positive() || edges.is_empty() {
        return;
    }
    // Lines u = x + y = k; parameter along them v = x.
    let (k0, k1) = (bb.min.x + bb.min.y, bb.max.x + bb.max.y);
    let start = (k0 / gap).floor() * gap;
    let stroke = Stroke::new(1.0, color);
    let mut k = start;
    let mut xs: Vec<f32> = Vec::new();
    let mut count = 0;
    while k <= k1 && count < 2000 {
        count += 1;
        xs.clear();
        for (a, b) in &edges {
            let (ua, ub) = (a.x + a.y, b.x + b.y);
            if (ua <= k && ub > k) || (ub <= k && ua > k) {
                let t = (k - ua) / (ub - ua);
                xs.push(a.x + t * (b.x - a.x));
            }
        }
        xs.sort_by(f32::total_cmp);
        for pair in xs.chunks_exact(2) {
            if let [x0, x1] = pair {
                let (x0, x1) = (x0.max(bb.min.x - 1.0), x1.min(bb.max.x + 1.0));
                if x1 > x0 {
                    shapes.push(Shape::line_segment(
                        [Pos2::new(x0, k - x0), Pos2::new(x1, k - x1)],
                        stroke,
                    ));
                }
            }
        }
        k += gap;
    }
}

fn marker_shapes(shapes: &mut Vec<Shape>, at: Pos2, st: &FeatureStyle, scale_boost: f32) {
    let r = st.radius * scale_boost;
    match st.marker {
        Marker::Dot => shapes.push(Shape::circle_filled(
            at,
            r + st.stroke.width,
            st.stroke.color,
        )),
        Marker::Capital => {
            shapes.push(Shape::circle_filled(at, r + 1.5, st.stroke.color));
            shapes.push(Shape::circle_stroke(at, r, Stroke::new(1.3, st.fill)));
            shapes.push(Shape::circle_filled(at, r * 0.45, st.fill));
            return;
        }
        Marker::Square => shapes.push(Shape::rect_filled(
            Rect::from_center_size(at, Vec2::splat(2.0 * (r + st.stroke.width))),
            0.0,
            st.stroke.color,
        )),
        Marker::Diamond => {
            let q = r + st.stroke.width + 0.5;
            shapes.push(Shape::convex_polygon(
                vec![
                    at + Vec2::new(0.0, -q),
                    at + Vec2::new(q, 0.0),
                    at + Vec2::new(0.0, q),
                    at + Vec2::new(-q, 0.0),
                ],
                st.stroke.color,
                Stroke::NONE,
            ));
        }
    }
    match st.marker {
        Marker::Square => shapes.push(Shape::rect_filled(
            Rect::from_center_size(at, Vec2::splat(2.0 * r)),
            0.0,
            st.fill,
        )),
        Marker::Diamond => shapes.push(Shape::convex_polygon(
            vec![
                at + Vec2::new(0.0, -r),
                at + Vec2::new(r, 0.0),
                at + Vec2::new(0.0, r),
                at + Vec2::new(-r, 0.0),
            ],
            st.fill,
            Stroke::NONE,
        )),
        _ => shapes.push(Shape::circle_filled(at, r, st.fill)),
    }
}

/// Whether a point feature is drawn at this scale (small towns appear as the user zooms in).
pub fn point_visible(f: &Feature, scale: f64) -> bool {
    match f.kind {
        Kind::City => {
            let pop = f
                .properties
                .get("population")
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0);
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

fn draw_map(
    sink: &mut Batcher,
    features: &[Feature],
    model: &mut MapModel,
    state: &MapState,
    styles: &[FeatureStyle],
    palette: &Palette,
    rect: Rect,
) {
    sink.add(Shape::rect_filled(rect, 0.0, palette.background));
    let mut shapes: Vec<Shape> = Vec::with_capacity(64);
    let xf = Xf::new(&state.view, rect);
    let (s, o, vis) = (xf.s, xf.o, xf.vis);
    let scale = state.view.scale;
    for kind in super::style::DRAW_ORDER {
        if !state.layers.is_visible(kind) {
            continue;
        }
        let ids = model
            .by_kind
            .get(kind_slot(kind))
            .cloned()
            .unwrap_or_default();
        // Fills of the whole layer go straight into the batched mesh.
        for &i in &ids {
            let (Some(g), Some(st)) = (model.geoms.get_mut(i), styles.get(i)) else {
                continue;
            };
            if g.class == GeomClass::Area && st.fill.a() > 0 && intersects(&g.bbox, &vis) {
                push_fill(sink.mesh_mut(), g, &xf, st.fill);
            }
        }
        for &i in &ids {
            let (Some(g), Some(st), Some(f)) =
                (model.geoms.get_mut(i), styles.get(i), features.get(i))
            else {
                continue;
            };
            if !intersects(&g.bbox, &vis) {
                continue;
            }
            match g.class {
                GeomClass::Area => {
                    if let Some(h) = st.hatch {
                        push_hatch(&mut shapes, g, &xf, h, 7.0);
                    }
                    push_outline(&mut shapes, g, &xf, st.stroke, st.dash);
                }
                GeomClass::Line => {
                    if let Some(c) = st.casing {
                        push_outline(&mut shapes, g, &xf, c, Dash::Solid);
                    }
                    push_outline(&mut shapes, g, &xf, st.stroke, st.dash);
                }
                GeomClass::Point => {
                    if !point_visible(f, scale) {
                        continue;
                    }
                    for p in &g.points {
                        marker_shapes(&mut shapes, tx(*p, s, o), st, 1.0);
                    }
                }
                GeomClass::Empty => {}
            }
            sink.extend(shapes.drain(..));
        }
    }
}

fn draw_highlight(
    shapes: &mut Vec<Shape>,
    model: &mut MapModel,
    i: usize,
    view: &View,
    rect: Rect,
    color: Color32,
    st: Option<&FeatureStyle>,
) {
    let xf = Xf::new(view, rect);
    let (s, o) = (xf.s, xf.o);
    let Some(g) = model.geoms.get_mut(i) else {
        return;
    };
    match g.class {
        GeomClass::Area => {
            let mut m = Mesh::default();
            push_fill(&mut m, g, &xf, color.gamma_multiply(0.18));
            shapes.push(Shape::mesh(m));
            push_outline(shapes, g, &xf, Stroke::new(2.5, color), Dash::Solid);
        }
        GeomClass::Line => {
            push_outline(
                shapes,
                g,
                &xf,
                Stroke::new(7.0, color.gamma_multiply(0.45)),
                Dash::Solid,
            );
            if let Some(st) = st {
                push_outline(shapes, g, &xf, st.stroke, st.dash);
            }
        }
        GeomClass::Point => {
            let r = st.map_or(3.0, |s| s.radius) + 4.0;
            for p in &g.points {
                shapes.push(Shape::circle_stroke(
                    tx(*p, s, o),
                    r,
                    Stroke::new(2.5, color),
                ));
            }
        }
        GeomClass::Empty => {}
    }
}

#[allow(clippy::too_many_arguments)]
fn place_labels(
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
    let level = lod_for_scale(s, LOD_MAX_ERROR_PX);
    let mut cands: Vec<Cand> = Vec::new();
    for (i, f) in features.iter().enumerate() {
        let Some(g) = model.geoms.get(i) else {
            continue;
        };
        if !state.layers.is_visible(f.kind) || !intersects(&g.bbox, &vis) {
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
    for r in overlay_rects(rect, state.legend_open) {
        placer.add(r);
    }
    // Markers are obstacles: labels never cover a drawn city or field.
    for (i, f) in features.iter().enumerate() {
        if matches!(f.kind, Kind::City | Kind::Field | Kind::Town)
            && state.layers.is_visible(f.kind)
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
            for d in [
                Vec2::new(-1.0, 0.0),
                Vec2::new(1.0, 0.0),
                Vec2::new(0.0, -1.0),
                Vec2::new(0.0, 1.0),
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
        let name = if upper {
            spaced_caps(&f.name)
        } else {
            f.name.clone()
        };
        let galley = ui.painter().layout_no_wrap(name, font, color);
        let size = galley.size();
        match g.class {
            GeomClass::Area => {
                let Some(at) = g.label_at else { continue };
                let center = tx(at, s, o);
                let r = Rect::from_center_size(center, size + Vec2::new(4.0, 2.0));
                // The label must fit inside its polygon (water labels may overflow): test corners
                // and edge midpoints in world space.
                if g.label_poly.is_some() && f.kind != Kind::Water {
                    let inside = [
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
                    .all(|q| g.label_contains([(q.x - o[0]) / s, -(q.y - o[1]) / s]));
                    if !inside {
                        continue;
                    }
                }
                if placer.try_place(&[r]) {
                    text(
                        out,
                        r.center() - size / 2.0,
                        galley,
                        0.0,
                        color,
                        f.kind != Kind::Country,
                    );
                }
            }
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

/// "Kazakhstan" → "K A Z A K H S T A N"-like letter-spaced capitals (thin spaces).
fn spaced_caps(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for (i, ch) in s.chars().enumerate() {
        if i > 0 {
            out.push('\u{2009}');
        }
        out.extend(ch.to_uppercase());
    }
    out
}

/// Where the overlays sit on the map: controls (top-left), legend (bottom-right), scale bar.
fn overlay_rects(rect: Rect, legend: bool) -> [Rect; 3] {
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

fn overlay_controls(ui: &mut Ui, rect: Rect, state: &mut MapState, model: &MapModel) {
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

fn legend(ui: &mut Ui, p: &Palette) {
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

fn clip_segment(a: Pos2, b: Pos2, r: Rect) -> Option<(Pos2, Pos2)> {
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

fn draw_scale_bar(
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
    fn own_clip_rect_cuts_the_same_pixels() {
        // How wgpu's and glow's renderers turn a clip rectangle into a scissor.
        let scissor = |r: Rect, ppp: f32| {
            [r.min.x, r.min.y, r.max.x, r.max.y].map(|v| (v * ppp).round() as i64)
        };
        for ppp in [1.0, 1.25, 1.5, 2.0, 3.0] {
            for (x0, y0, x1, y1) in [
                (0.0, 0.0, 1600.0, 1000.0),
                (0.0, 22.5, 1007.4, 977.0),
                (12.3, 40.0, 1159.6, 846.75),
            ] {
                let clip = Rect::from_min_max(Pos2::new(x0, y0), Pos2::new(x1, y1));
                let own = own_clip_rect(clip, ppp);
                assert_eq!(scissor(own, ppp), scissor(clip, ppp), "{clip:?} at {ppp}");
                assert_ne!(own, clip);
                assert!(clip.expand(1.0 / ppp).contains_rect(own));
            }
        }
        assert_eq!(own_clip_rect(Rect::EVERYTHING, 1.0), Rect::EVERYTHING);
    }

    #[test]
    fn nice_distances() {
        assert_eq!(nice_distance(130.0), 100.0);
        assert_eq!(nice_distance(260.0), 200.0);
        assert_eq!(nice_distance(7.0), 5.0);
        assert_eq!(nice_distance(f64::NAN), 1.0);
    }

    #[test]
    fn triangle_containment() {
        let (a, b, c) = ([0.0, 0.0], [10.0, 0.0], [0.0, 10.0]);
        assert!(in_triangle([2.0, 2.0], a, b, c));
        assert!(!in_triangle([8.0, 8.0], a, b, c));
        assert!(in_triangle([2.0, 2.0], a, c, b), "winding does not matter");
    }

    #[test]
    fn layers_toggle() {
        let mut l = Layers::default();
        assert!(l.is_visible(Kind::Pipeline));
        l.set_visible(Kind::Pipeline, false);
        assert!(!l.is_visible(Kind::Pipeline));
        l.set_visible(Kind::Pipeline, true);
        assert!(l.is_visible(Kind::Pipeline));
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
