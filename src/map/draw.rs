//! Drawing a frame of the map: the world → screen transform, fills, outlines, hatching,
//! markers, the batched base map and the highlights of hovered and selected features.

use egui::{Color32, Mesh, Pos2, Rect, Shape, Stroke, Vec2};

use super::batch::Batcher;
use super::bundle::Bundles;
use super::mesh::{self, GeomClass, LineChunk, P, WRect, intersects, lod_for_scale};
use super::style::{Dash, FeatureStyle, Marker, Palette};
use super::view::View;
use super::widget::{MapState, lod_error_px};
use super::{MapModel, kind_slot};
use crate::atlas::Feature;

/// A clip rectangle that cuts the same physical pixels as `clip` (renderers round its edges to
/// whole pixels) but is not equal to it: each edge is moved to a quarter pixel inside the pixel
/// boundary it rounds to.
pub(super) fn own_clip_rect(clip: Rect, pixels_per_point: f32) -> Rect {
    if pixels_per_point.is_nan() || pixels_per_point <= 0.0 || !clip.is_finite() {
        return clip;
    }
    let snap = |v: f32, inward: f32| ((v * pixels_per_point).round() + inward) / pixels_per_point;
    Rect::from_min_max(
        Pos2::new(snap(clip.min.x, 0.25), snap(clip.min.y, 0.25)),
        Pos2::new(snap(clip.max.x, -0.25), snap(clip.max.y, -0.25)),
    )
}

/// Where the base map is drawn: egui's tessellator ([`Batcher`]) or the CPU rasteriser's scene
/// ([`super::raster::Scene`]).
pub(super) trait Sink {
    /// Fill an area (its rings at the frame's level of detail).
    fn fill_area(&mut self, g: &mut mesh::FeatureGeom, xf: &Xf, color: Color32);
    /// Draw a shape (strokes, markers, hatching).
    fn add(&mut self, shape: Shape);
    fn extend(&mut self, shapes: impl IntoIterator<Item = Shape>) {
        for s in shapes {
            self.add(s);
        }
    }
}

impl Sink for Batcher {
    fn fill_area(&mut self, g: &mut mesh::FeatureGeom, xf: &Xf, color: Color32) {
        push_fill(self.mesh_mut(), g, xf, color);
    }

    fn add(&mut self, shape: Shape) {
        Batcher::add(self, shape);
    }
}

#[inline]
pub(super) fn tx(p: P, s: f32, o: [f32; 2]) -> Pos2 {
    Pos2::new(p[0] * s + o[0], -p[1] * s + o[1])
}

pub(super) fn push_fill(mesh: &mut Mesh, g: &mut mesh::FeatureGeom, xf: &Xf, color: Color32) {
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
pub(super) struct Xf {
    pub(super) s: f32,
    pub(super) o: [f32; 2],
    pub(super) vis: WRect,
    pub(super) level: usize,
    pub(super) clip: Rect,
}

impl Xf {
    pub(super) fn new(view: &View, rect: Rect) -> Xf {
        let (s, o) = view.affine(rect);
        Xf {
            s,
            o,
            vis: view.visible(rect),
            level: lod_for_scale(s, lod_error_px(s)),
            clip: rect,
        }
    }
}

pub(super) fn push_outline(
    shapes: &mut Vec<Shape>,
    g: &mut mesh::FeatureGeom,
    xf: &Xf,
    stroke: Stroke,
    dash: Dash,
) {
    if stroke.width <= 0.0 || stroke.color.a() == 0 {
        return;
    }
    push_chunks(shapes, g.outline(xf.level), xf, stroke, dash);
}

/// Stroke polyline chunks (a feature's outline, or its offset copy in a bundle).
pub(super) fn push_chunks(
    shapes: &mut Vec<Shape>,
    chunks: &[LineChunk],
    xf: &Xf,
    stroke: Stroke,
    dash: Dash,
) {
    if stroke.width <= 0.0 || stroke.color.a() == 0 {
        return;
    }
    let (s, o, vis) = (xf.s, xf.o, &xf.vis);
    for c in chunks.iter().filter(|c| intersects(&c.bbox, vis)) {
        let pts: Vec<Pos2> = c.points.iter().map(|p| tx(*p, s, o)).collect();
        match dash {
            Dash::Solid => shapes.push(Shape::line(pts, stroke)),
            Dash::Dashed(d, gap) => Shape::dashed_line_many(&pts, stroke, d, gap, shapes),
        }
    }
}

/// Diagonal hatching of an area, in screen space, spaced `gap` points apart.
pub(super) fn push_hatch(
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

pub(super) fn marker_shapes(
    shapes: &mut Vec<Shape>,
    at: Pos2,
    st: &FeatureStyle,
    scale_boost: f32,
) {
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

/// Which points show at a scale, and from which zoom a gazetteer town is drawn: the printed
/// map's rules (core), shared with the window.
pub use crate::export::map_style::{point_visible, town_min_scale};

#[allow(clippy::too_many_arguments)]
pub(super) fn draw_map(
    sink: &mut impl Sink,
    features: &[Feature],
    model: &mut MapModel,
    state: &MapState,
    styles: &[FeatureStyle],
    palette: &Palette,
    rect: Rect,
    shade: &[Color32],
    bundles: &Bundles,
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
        let mut ids = model
            .by_kind
            .get(kind_slot(kind))
            .cloned()
            .unwrap_or_default();
        // The reader's layers switched off.
        ids.retain(|&i| features.get(i).is_none_or(|f| state.layers.shows(f)));
        // Fills of the whole layer go straight into the batched mesh.
        for &i in &ids {
            let (Some(g), Some(st)) = (model.geoms.get_mut(i), styles.get(i)) else {
                continue;
            };
            if g.class != GeomClass::Area || !intersects(&g.bbox, &vis) {
                continue;
            }
            if st.fill.a() > 0 {
                sink.fill_area(g, &xf, st.fill);
            }
            // The shading goes over the base fill, under the hatching and outlines drawn next.
            if let Some(c) = shade.get(i)
                && c.a() > 0
            {
                sink.fill_area(g, &xf, *c);
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
                    // A line sharing a corridor is drawn offset beside the others.
                    let chunks = match bundles.get(i) {
                        Some(c) => c,
                        None => g.outline(xf.level),
                    };
                    if let Some(c) = st.casing {
                        push_chunks(&mut shapes, chunks, &xf, c, Dash::Solid);
                    }
                    push_chunks(&mut shapes, chunks, &xf, st.stroke, st.dash);
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

#[allow(clippy::too_many_arguments)]
pub(super) fn draw_highlight(
    shapes: &mut Vec<Shape>,
    model: &mut MapModel,
    i: usize,
    view: &View,
    rect: Rect,
    color: Color32,
    st: Option<&FeatureStyle>,
    bundles: &Bundles,
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
            let chunks = match bundles.get(i) {
                Some(c) => c,
                None => g.outline(xf.level),
            };
            push_chunks(
                shapes,
                chunks,
                &xf,
                Stroke::new(7.0, color.gamma_multiply(0.45)),
                Dash::Solid,
            );
            if let Some(st) = st {
                push_chunks(shapes, chunks, &xf, st.stroke, st.dash);
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
}
