//! The `MapWidget`: draws a frame from the cached meshes (transform + cull only), handles
//! pan / zoom / keys / fly-to, hover tooltips and click picking with stack cycling, layer
//! toggles, legend and scale bar, and returns a [`MapResponse`].

use std::collections::BTreeSet;

use egui::{Color32, Key, Pos2, Rect, Response, Sense, Shape, Ui, Vec2};
use serde::{Deserialize, Serialize};

use super::base::{BaseKey, BaseLayer, MARGIN, Plan};
use super::batch::Batcher;
use super::bundle::Bundles;
pub use super::draw::point_visible;
use super::draw::{Xf, draw_highlight, draw_map, own_clip_rect};
use super::hover::{PickList, pick_list, tooltip};
use super::legend::{draw_scale_bar, free_rect, overlay_controls, overlay_rects};
pub use super::legend::{nice_distance, scale_bar};
use super::mesh::{self, WRect};
pub use super::pick::pick_at;
use super::place::place_labels;
use super::probe::PanProbe;
use super::raster::Scene;
use super::style::{FeatureStyle, Palette, style_of};
use super::view::{self, View, ZOOM_STEP};
use super::{MapModel, MapSource};
use crate::atlas::Kind;

/// Largest simplification error allowed on screen, in points (sub-pixel: borders stay crisp).
pub const LOD_MAX_ERROR_PX: f32 = 0.6;

/// The simplification error allowed at a scale (points per km): a whole point when zoomed far
/// out, where a third fewer vertices cannot be seen and software rendering is slowest.
pub fn lod_error_px(scale: f32) -> f32 {
    if scale < 0.4 { 1.0 } else { LOD_MAX_ERROR_PX }
}

/// Pointer tolerance for picking, in screen points.
pub const PICK_TOLERANCE_PX: f32 = 5.0;

/// Which kinds are shown (and pickable).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Layers {
    /// Kinds switched off.
    pub hidden: BTreeSet<Kind>,
    /// The reader's own layers switched off (by layer name).
    #[serde(default)]
    pub hidden_user: BTreeSet<String>,
}

impl Layers {
    /// Whether a feature is shown: its kind, and for a reader's feature its layer, switched on.
    pub fn shows(&self, f: &crate::atlas::Feature) -> bool {
        self.is_visible(f.kind) && f.user_layer().is_none_or(|l| !self.hidden_user.contains(l))
    }

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
pub(super) struct Cycle {
    pub(super) pos: Pos2,
    pub(super) stack: Vec<usize>,
    pub(super) at: usize,
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
    /// Show the layer switches: the reader's choice; `None` shows them when the map is tall
    /// enough (a small window starts with them folded under a "Layers" button).
    #[serde(default)]
    pub layers_open: Option<bool>,
    /// Ignore the pointer for hover (screenshots: the pointer is wherever the display left it).
    #[serde(skip)]
    pub suppress_hover: bool,
    #[serde(skip)]
    pub(super) hovered: Option<usize>,
    #[serde(skip)]
    pub(super) panning: bool,
    /// A scroll or pinch zoomed the map on the last frame.
    #[serde(skip)]
    pub(super) scrolling: bool,
    #[serde(skip)]
    pub(super) auto_fit: bool,
    #[serde(skip)]
    pub(super) cycle: Option<Cycle>,
    #[serde(skip)]
    pub(super) styles: Option<(bool, Vec<FeatureStyle>)>,
    #[serde(skip)]
    pub(super) last_rect: Option<Rect>,
    #[serde(skip)]
    pub(super) pending_fly: Option<WRect>,
    #[serde(skip)]
    pub(super) pending_home: bool,
    /// Size of the last frame's batched map mesh (vertices, indices), reserved up front.
    #[serde(skip)]
    pub(super) batch_size: (usize, usize),
    /// The base map (everything under highlights and labels) as a texture, reused while nothing
    /// it depends on changes (hover moves, selection, panels, idle repaints).
    #[serde(skip)]
    pub(super) base: BaseLayer,
    /// The base map as egui meshes, where a texture cannot hold it (a window larger than the
    /// renderer's largest texture).
    #[serde(skip)]
    pub(super) base_meshes: Option<(BaseKey, Vec<Shape>)>,
    /// The pointer moved over the window since it last left it (a pointer position egui keeps
    /// from before, or the start-up position, is no hover).
    #[serde(skip)]
    pub(super) pointer_live: bool,
    /// The list of everything under the last click, where several lines or points meet.
    #[serde(skip)]
    pub pick_list: Option<PickList>,
    /// Frames in a row that reused the base map unchanged (the view and layout have settled).
    #[serde(skip)]
    pub(super) settled: u32,
    /// The legend's size as drawn, for the layers and open state it was drawn with.
    #[serde(skip)]
    pub(super) legend_size: Option<(Layers, bool, Vec2)>,
    /// Lines sharing a corridor, offset side by side at the current scale.
    #[serde(skip)]
    pub(super) bundles: Bundles,
    /// The labels of the last frame and what they depend on.
    #[serde(skip)]
    pub(super) labels: Option<(LabelKey, Vec<Shape>)>,
    /// Timing under software rendering (`CASPIAN_ATLAS_PAN_PROBE`).
    #[serde(skip)]
    pub(super) probe: Option<PanProbe>,
}

/// What the labels depend on: the base map, the selection, the legend's state and layers.
pub(super) type LabelKey = (BaseKey, Option<usize>, Rect, Layers);

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
            layers_open: None,
            suppress_hover: false,
            hovered: None,
            panning: false,
            scrolling: false,
            auto_fit: false,
            cycle: None,
            styles: None,
            last_rect: None,
            pending_fly: None,
            pending_home: false,
            batch_size: (0, 0),
            base: BaseLayer::default(),
            base_meshes: None,
            settled: 0,
            labels: None,
            bundles: Bundles::default(),
            legend_size: None,
            pointer_live: false,
            pick_list: None,
            probe: PanProbe::from_env(),
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

    /// Whether the last frame drew the same base map as the one before (nothing moving, the
    /// layout settled): what is on screen now is what a screenshot will show.
    pub fn settled(&self) -> bool {
        self.settled >= 1 && !self.view.is_flying()
    }

    /// The colour the base map was last filled with at a screen point (the topmost triangle of
    /// its meshes there): what the reader sees under the labels and highlights.
    pub fn base_color_at(&self, p: Pos2) -> Option<Color32> {
        if let Some((_, base)) = &self.base_meshes {
            return base.iter().rev().find_map(|s| match s {
                Shape::Mesh(m) => m.indices.chunks_exact(3).rev().find_map(|t| {
                    let v = |i: u32| m.vertices.get(i as usize);
                    let (a, b, c) = (v(t[0])?, v(t[1])?, v(t[2])?);
                    let q = |v: &egui::epaint::Vertex| [v.pos.x, v.pos.y];
                    // Solid triangles only (not the transparent fringe of anti-aliased strokes).
                    let solid = a.color.a() > 0 && a.color == b.color && a.color == c.color;
                    (solid && super::pick::in_triangle([p.x, p.y], q(a), q(b), q(c)))
                        .then_some(a.color)
                }),
                _ => None,
            });
        }
        // The texture's pixel there, as it was drawn for its own view.
        let key = self.base.shown_key()?;
        self.base.color_at(key, p)
    }

    /// How many times the base map was rasterised into its texture (once per view, layers,
    /// theme or shading; never for hover, selection or panels).
    pub fn base_rasterised(&self) -> u64 {
        self.base.painted()
    }

    /// Whether a line was drawn offset beside others sharing its corridor on the last frame.
    pub fn bundled(&self, i: usize) -> bool {
        self.bundles.get(i).is_some()
    }

    /// The texts of the labels drawn on the last frame (halos not repeated).
    pub fn label_texts(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for s in self.labels.iter().flat_map(|(_, l)| l.iter()) {
            if let Shape::Text(t) = s
                && out.last().is_none_or(|l| l != t.galley.text())
            {
                out.push(t.galley.text().to_string());
            }
        }
        out
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
    shade: &'a [Color32],
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
            shade: &[],
        }
    }

    /// Fill each area with this colour (by feature index) over its base fill, under its hatching
    /// and outline: the "passages on the map" shading. Transparent (or missing) entries: none.
    pub fn shading(mut self, fills: &'a [Color32]) -> Self {
        self.shade = fills;
        self
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
            shade,
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
        if let Some(probe) = &mut state.probe {
            state.auto_fit = false;
            if let Some(report) = probe.step(ui, &mut state.view) {
                eprintln!("{report}");
                state.probe = None;
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
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
            // Fit the target into the part of the map no overlay covers, centred there.
            let free = free_rect(rect, state);
            let (c, s) = view::fit(b, free.size(), 40.0);
            let d = free.center() - rect.center();
            let c = [c[0] - f64::from(d.x) / s, c[1] + f64::from(d.y) / s];
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
                state.scrolling = true;
            } else {
                state.scrolling = false;
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
        // The view is moving (dragged, flying, gliding, zoomed by a smooth scroll or the probe):
        // its base maps are rasterised on the rasteriser thread meanwhile.
        let mut moving =
            state.panning || state.scrolling || state.probe.is_some() || state.view.is_flying();
        if state.view.tick(now, dt) {
            moving = true;
            ui.ctx().request_repaint();
        }
        state.view.clamp_center(model.bounds);

        // ---- picking ----
        let pointer_lonlat = pointer.map(|p| {
            let w = state.view.to_world(rect, p);
            model.proj.inverse(w[0], w[1])
        });
        // Hover needs a pointer that really moved over the window; it ends when the pointer
        // leaves the map (for a panel, a popup or outside the window).
        let (moved, gone) = ui.input(|i| {
            (
                i.events
                    .iter()
                    .any(|e| matches!(e, egui::Event::PointerMoved(_))),
                i.events
                    .iter()
                    .any(|e| matches!(e, egui::Event::PointerGone)),
            )
        });
        if gone {
            state.pointer_live = false;
        } else if moved {
            state.pointer_live = true;
        }
        let hovering = state.pointer_live
            && response.hovered()
            && pointer.is_some_and(|p| rect.contains(p))
            && !response.dragged()
            && !state.suppress_hover;
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
        // A click outside the pick list closes it (a click on the map may open another).
        let click_at = ui.input(|i| {
            i.pointer
                .any_click()
                .then(|| i.pointer.interact_pos())
                .flatten()
        });
        if let Some(c) = click_at
            && state
                .pick_list
                .as_ref()
                .is_some_and(|l| !l.rect.is_some_and(|r| r.contains(c)))
        {
            state.pick_list = None;
        }
        if ui.input(|i| i.key_pressed(Key::Escape)) {
            state.pick_list = None;
        }
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
            state.pick_list = PickList::for_stack(p, &picked, features);
            stack = picked.clone();
            state.cycle = Some(Cycle {
                pos: p,
                stack: picked,
                at,
            });
        }

        // ---- drawing ----
        let painter = ui.painter_at(rect);
        {
            let xf = Xf::new(&state.view, rect);
            let layers = &state.layers;
            state
                .bundles
                .update(features, model, xf.s, xf.level, &|k| layers.is_visible(k));
        }
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
            shade: shade_hash(shade),
        };
        // The base map gets a clip rectangle of its own (cutting the same pixels), so that egui
        // keeps it apart from the highlights, labels and overlays appended after it.
        let base_painter =
            painter.with_clip_rect(own_clip_rect(painter.clip_rect(), key.pixels_per_point));
        let canvas = rect.expand(MARGIN);
        let max_side = ctx.input(|i| i.max_texture_side) as f32;
        if canvas.width().max(canvas.height()) * key.pixels_per_point <= max_side {
            state.base_meshes = None;
            state.base.poll(ctx);
            let plan = match state.base.plan(&key) {
                // A view at rest is rasterised at once: the frame shown is already right.
                Plan::Reproject { .. } if !moving => Plan::Now,
                p => p,
            };
            if plan == Plan::Reuse {
                state.settled = state.settled.saturating_add(1);
            } else {
                state.settled = 0;
            }
            if plan == Plan::Now || plan == (Plan::Reproject { send: true }) {
                // The whole base map as pixel-space paths, rasterised once for this view.
                let mut scene = Scene::new(canvas, key.pixels_per_point);
                draw_map(
                    &mut scene,
                    features,
                    model,
                    state,
                    styles,
                    &palette,
                    canvas,
                    shade,
                    &state.bundles,
                );
                if plan == Plan::Now {
                    state
                        .base
                        .paint_now(ctx, key.clone(), scene, palette.background);
                } else {
                    state.base.send(ctx, key.clone(), scene, palette.background);
                }
            }
            state.base.paint(&base_painter, &key, palette.background);
        } else {
            match &state.base_meshes {
                Some((k, base)) if *k == key => {
                    state.settled = state.settled.saturating_add(1);
                    base_painter.extend(base.iter().cloned());
                }
                _ => {
                    state.settled = 0;
                    // Thousands of small shapes become a few meshes, tessellated as egui would.
                    let mut batcher = Batcher::new(
                        key.pixels_per_point,
                        ctx.tessellation_options(|o| *o),
                        ctx.fonts(|f| f.font_image_size()),
                        painter.clip_rect(),
                        state.batch_size,
                    );
                    draw_map(
                        &mut batcher,
                        features,
                        model,
                        state,
                        styles,
                        &palette,
                        rect,
                        shade,
                        &state.bundles,
                    );
                    let (base, size) = batcher.finish();
                    // Room for the next base without regrowing.
                    state.batch_size = (size.0 + size.0 / 4 + 4096, size.1 + size.1 / 4 + 6144);
                    base_painter.extend(base.iter().cloned());
                    state.base_meshes = Some((key.clone(), base));
                }
            }
        }
        let styles: &[FeatureStyle] = state.styles.as_ref().map_or(&[], |(_, s)| s.as_slice());
        let mut shapes: Vec<Shape> = Vec::new();
        let highlight =
            |shapes: &mut Vec<Shape>, idx: Option<usize>, color: Color32, model: &mut MapModel| {
                if let Some(i) = idx {
                    draw_highlight(
                        shapes,
                        model,
                        i,
                        &state.view,
                        rect,
                        color,
                        styles.get(i),
                        &state.bundles,
                    );
                }
            };
        highlight(&mut shapes, state.highlighted, palette.hover, model);
        highlight(&mut shapes, hovered, palette.hover, model);
        highlight(&mut shapes, state.selected, palette.selected, model);
        painter.extend(shapes);
        // Labels depend on the base map, the selection (its label first) and the legend's size:
        // placed again only when one of them changes, not on every hover or panel repaint.
        let label_key = (
            key,
            state.selected,
            overlay_rects(rect, state)[1],
            state.layers.clone(),
        );
        match &state.labels {
            Some((k, labels)) if *k == label_key => painter.extend(labels.iter().cloned()),
            _ => {
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
                painter.extend(labels.iter().cloned());
                state.labels = Some((label_key, labels));
            }
        }

        // ---- overlays ----
        overlay_controls(ui, rect, state, &model.user_layers);
        draw_scale_bar(&painter, rect, state, model, &palette);
        if let (Some(i), Some(p)) = (hovered, pointer)
            && let Some(f) = features.get(i)
            && state.pick_list.is_none()
        {
            tooltip(ui, response.id, p, f, passages.map(|c| c(&f.id)));
        }
        if let Some(list) = &mut state.pick_list
            && let Some(i) = pick_list(ui, response.id, list, features, state.selected)
        {
            clicked = Some(i);
            state.selected = Some(i);
            if let Some(c) = &mut state.cycle
                && let Some(at) = c.stack.iter().position(|&x| x == i)
            {
                c.at = at;
            }
            state.pick_list = None;
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

/// A hash of the shading fills (part of the base map's cache key).
fn shade_hash(fills: &[Color32]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    fills.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_toggle() {
        let mut l = Layers::default();
        assert!(l.is_visible(Kind::Pipeline));
        l.set_visible(Kind::Pipeline, false);
        assert!(!l.is_visible(Kind::Pipeline));
        l.set_visible(Kind::Pipeline, true);
        assert!(l.is_visible(Kind::Pipeline));
    }
}
