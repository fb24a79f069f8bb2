//! The base map painted on the CPU with `tiny-skia`: a frame's fills, outlines, dashes, hatching
//! and markers recorded as pixel-space paths (a [`Scene`], built on the UI thread), then
//! rasterised into an image (on the UI thread or the rasteriser thread) that the map shows as one
//! texture. Under software rendering this replaces a mesh of ≈ 100k vertices drawn every frame.

use std::sync::Arc;

use egui::epaint::ColorMode;
use egui::{Color32, ColorImage, Pos2, Rect, Shape};
use tiny_skia::{FillRule, LineCap, LineJoin, Paint, Path, PathBuilder, Pixmap, Stroke, Transform};

use super::draw::{Sink, Xf, tx};
use super::mesh::{FeatureGeom, intersects};

/// How one recorded path is painted.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Style {
    /// Filled with the even-odd rule. Area fills are not anti-aliased (as egui's mesh fills were
    /// not): neighbouring areas meet without a seam, their outlines smooth the edge.
    Fill { color: Color32, aa: bool },
    /// Stroked; `width` in pixels.
    Stroke { color: Color32, width: f32 },
}

/// A frame's base map as pixel-space paths, ready to rasterise (on any thread).
pub struct Scene {
    width: u32,
    height: u32,
    ppp: f32,
    origin: Pos2,
    /// Rings reaching farther than this (pixels) out of the image are clipped to it first.
    clip: [f64; 4],
    ops: Vec<(Style, Path)>,
    /// The stroke being gathered: consecutive strokes of one style become one path.
    open: Option<(Style, PathBuilder)>,
}

/// Margin around the image within which ring points are kept as they are (pixels).
const CLIP_MARGIN: f64 = 16.0;

impl Scene {
    /// An empty scene covering `rect` (points) at `pixels_per_point`. The image starts on a
    /// whole pixel at or before `rect.min` (so that it lands on the screen's pixel grid) and
    /// reaches at least to `rect.max`.
    pub fn new(rect: Rect, pixels_per_point: f32) -> Scene {
        let ppp = if pixels_per_point.is_finite() && pixels_per_point > 0.0 {
            pixels_per_point
        } else {
            1.0
        };
        let (x0, y0) = ((rect.min.x * ppp).floor(), (rect.min.y * ppp).floor());
        let px = |v: f32| (v.max(1.0) as u32).min(16_384);
        let width = px((rect.max.x * ppp).ceil() - x0);
        let height = px((rect.max.y * ppp).ceil() - y0);
        Scene {
            width,
            height,
            ppp,
            origin: Pos2::new(x0 / ppp, y0 / ppp),
            clip: [
                -CLIP_MARGIN,
                -CLIP_MARGIN,
                f64::from(width) + CLIP_MARGIN,
                f64::from(height) + CLIP_MARGIN,
            ],
            ops: Vec::new(),
            open: None,
        }
    }

    /// Where the image lies on screen (points).
    pub fn image_rect(&self) -> Rect {
        Rect::from_min_size(
            self.origin,
            egui::Vec2::new(self.width as f32, self.height as f32) / self.ppp,
        )
    }

    /// The image's size in pixels.
    pub fn size(&self) -> [usize; 2] {
        [self.width as usize, self.height as usize]
    }

    /// Number of paths recorded (for tests and stats).
    pub fn len(&self) -> usize {
        self.ops.len() + usize::from(self.open.is_some())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    #[inline]
    fn px(&self, p: Pos2) -> (f32, f32) {
        (
            (p.x - self.origin.x) * self.ppp,
            (p.y - self.origin.y) * self.ppp,
        )
    }

    fn close_open(&mut self) {
        if let Some((style, pb)) = self.open.take()
            && let Some(path) = pb.finish()
        {
            self.ops.push((style, path));
        }
    }

    fn push(&mut self, style: Style, pb: PathBuilder) {
        self.close_open();
        if let Some(path) = pb.finish() {
            self.ops.push((style, path));
        }
    }

    /// Add a stroked polyline (gathered with the strokes of the same style just before it).
    fn stroke(
        &mut self,
        points: impl IntoIterator<Item = Pos2>,
        closed: bool,
        color: Color32,
        w: f32,
    ) {
        if color.a() == 0 || w <= 0.0 {
            return;
        }
        let style = Style::Stroke {
            color,
            width: w * self.ppp,
        };
        if self.open.as_ref().is_none_or(|(s, _)| *s != style) {
            self.close_open();
            self.open = Some((style, PathBuilder::new()));
        }
        let pts: Vec<(f32, f32)> = points.into_iter().map(|p| self.px(p)).collect();
        if let Some((_, pb)) = &mut self.open {
            let mut it = pts.into_iter();
            if let Some((x, y)) = it.next() {
                pb.move_to(x, y);
                for (x, y) in it {
                    pb.line_to(x, y);
                }
                if closed {
                    pb.close();
                }
            }
        }
    }

    fn fill_polygon(&mut self, points: &[Pos2], color: Color32, aa: bool) {
        if color.a() == 0 || points.len() < 3 {
            return;
        }
        let mut pb = PathBuilder::with_capacity(points.len() + 1, points.len());
        for (i, p) in points.iter().enumerate() {
            let (x, y) = self.px(*p);
            if i == 0 {
                pb.move_to(x, y);
            } else {
                pb.line_to(x, y);
            }
        }
        pb.close();
        self.push(Style::Fill { color, aa }, pb);
    }

    fn circle(&mut self, c: &egui::epaint::CircleShape) {
        let (x, y) = self.px(c.center);
        if c.fill.a() > 0 {
            let mut pb = PathBuilder::new();
            pb.push_circle(x, y, c.radius * self.ppp);
            self.push(
                Style::Fill {
                    color: c.fill,
                    aa: true,
                },
                pb,
            );
        }
        if c.stroke.width > 0.0 && c.stroke.color.a() > 0 {
            let mut pb = PathBuilder::new();
            pb.push_circle(x, y, c.radius * self.ppp);
            self.push(
                Style::Stroke {
                    color: c.stroke.color,
                    width: c.stroke.width * self.ppp,
                },
                pb,
            );
        }
    }

    /// Rasterise the scene over `background`: the image, and its pixels kept for reading back.
    pub fn paint(mut self, background: Color32) -> Option<Arc<ColorImage>> {
        self.close_open();
        let mut pixmap = Pixmap::new(self.width, self.height)?;
        let [r, g, b, a] = background.to_srgba_unmultiplied();
        pixmap.fill(tiny_skia::Color::from_rgba8(r, g, b, a));
        let mut paint = Paint::default();
        for (style, path) in &self.ops {
            match *style {
                Style::Fill { color, aa } => {
                    let [r, g, b, a] = color.to_srgba_unmultiplied();
                    paint.set_color_rgba8(r, g, b, a);
                    paint.anti_alias = aa;
                    pixmap.fill_path(path, &paint, FillRule::EvenOdd, Transform::identity(), None);
                }
                Style::Stroke { color, width } => {
                    let [r, g, b, a] = color.to_srgba_unmultiplied();
                    paint.set_color_rgba8(r, g, b, a);
                    paint.anti_alias = true;
                    let stroke = Stroke {
                        width,
                        miter_limit: 2.0,
                        line_cap: LineCap::Butt,
                        line_join: LineJoin::Miter,
                        dash: None,
                    };
                    pixmap.stroke_path(path, &paint, &stroke, Transform::identity(), None);
                }
            }
        }
        Some(Arc::new(ColorImage::from_rgba_premultiplied(
            [self.width as usize, self.height as usize],
            pixmap.data(),
        )))
    }
}

impl Sink for Scene {
    fn fill_area(&mut self, g: &mut FeatureGeom, xf: &Xf, color: Color32) {
        if color.a() == 0 {
            return;
        }
        let (s, o, vis) = (xf.s, xf.o, xf.vis);
        let clip = self.clip;
        let mut pb = PathBuilder::new();
        for ring in g
            .rings(xf.level)
            .iter()
            .filter(|r| intersects(&r.bbox, &vis))
        {
            let pts: Vec<(f64, f64)> = ring
                .points
                .iter()
                .map(|p| {
                    let (x, y) = self.px(tx(*p, s, o));
                    (f64::from(x), f64::from(y))
                })
                .collect();
            let inside = pts
                .iter()
                .all(|&(x, y)| x >= clip[0] && x <= clip[2] && y >= clip[1] && y <= clip[3]);
            // Far out of the image (zoomed in on a large area): cut to a margin around it, so
            // the rasteriser never meets huge coordinates.
            let pts = if inside {
                pts
            } else {
                crate::export::clip::ring(&pts, &clip)
            };
            for (i, (x, y)) in pts.iter().enumerate() {
                if i == 0 {
                    pb.move_to(*x as f32, *y as f32);
                } else {
                    pb.line_to(*x as f32, *y as f32);
                }
            }
            if !pts.is_empty() {
                pb.close();
            }
        }
        self.push(Style::Fill { color, aa: false }, pb);
    }

    fn add(&mut self, shape: Shape) {
        match shape {
            Shape::Vec(v) => {
                for s in v {
                    self.add(s);
                }
            }
            Shape::LineSegment { points, stroke } => {
                self.stroke(points, false, stroke.color, stroke.width);
            }
            Shape::Path(p) => {
                if p.closed {
                    self.fill_polygon(&p.points, p.fill, true);
                }
                if let ColorMode::Solid(color) = p.stroke.color {
                    self.stroke(p.points, p.closed, color, p.stroke.width);
                }
            }
            Shape::Circle(c) => self.circle(&c),
            Shape::Rect(r) => {
                let q = r.rect;
                let corners = [
                    q.left_top(),
                    q.right_top(),
                    q.right_bottom(),
                    q.left_bottom(),
                ];
                self.fill_polygon(&corners, r.fill, false);
                self.stroke(corners, true, r.stroke.color, r.stroke.width);
            }
            Shape::Mesh(m) => {
                // Untextured triangles (none of the map's own shapes today): filled one by one.
                for t in m.indices.chunks_exact(3) {
                    let v = |i: u32| m.vertices.get(i as usize);
                    if let (Some(a), Some(b), Some(c)) = (v(t[0]), v(t[1]), v(t[2])) {
                        self.fill_polygon(&[a.pos, b.pos, c.pos], a.color, false);
                    }
                }
            }
            // Text, images and callbacks are never part of the base map (labels are drawn over
            // it by egui); Bézier curves and ellipses are not drawn by the map.
            _ => {}
        }
    }
}

/// The colour of an image at a pixel, `None` outside it.
pub fn pixel(image: &ColorImage, x: usize, y: usize) -> Option<Color32> {
    let [w, h] = image.size;
    (x < w && y < h)
        .then(|| image.pixels.get(y * w + x).copied())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Stroke as EStroke, Vec2};

    fn at(img: &ColorImage, x: usize, y: usize) -> Color32 {
        pixel(img, x, y).unwrap_or(Color32::TRANSPARENT)
    }

    #[test]
    fn shapes_paint_where_egui_would_draw_them() {
        let rect = Rect::from_min_size(Pos2::new(100.0, 50.0), Vec2::new(40.0, 30.0));
        let mut scene = Scene::new(rect, 2.0);
        assert_eq!(scene.size(), [80, 60]);
        // A filled square in the top-left quarter, a thick red line across the bottom.
        scene.add(Shape::rect_filled(
            Rect::from_min_size(Pos2::new(100.0, 50.0), Vec2::new(10.0, 10.0)),
            0.0,
            Color32::BLUE,
        ));
        scene.add(Shape::line_segment(
            [Pos2::new(100.0, 75.0), Pos2::new(140.0, 75.0)],
            EStroke::new(2.0, Color32::RED),
        ));
        scene.add(Shape::circle_filled(
            Pos2::new(130.0, 60.0),
            3.0,
            Color32::GREEN,
        ));
        assert_eq!(scene.len(), 3);
        let Some(img) = scene.paint(Color32::WHITE) else {
            panic!("a small image is painted");
        };
        assert_eq!(img.size, [80, 60]);
        assert_eq!(at(&img, 5, 5), Color32::BLUE);
        assert_eq!(at(&img, 40, 50), Color32::RED);
        assert_eq!(at(&img, 60, 20), Color32::GREEN);
        assert_eq!(at(&img, 40, 30), Color32::WHITE);
        assert_eq!(pixel(&img, 80, 0), None);
    }

    #[test]
    fn strokes_of_one_style_become_one_path() {
        let rect = Rect::from_min_size(Pos2::ZERO, Vec2::new(50.0, 50.0));
        let mut scene = Scene::new(rect, 1.0);
        let s = EStroke::new(1.0, Color32::BLACK);
        for y in [5.0, 10.0, 15.0] {
            scene.add(Shape::line_segment(
                [Pos2::new(0.0, y), Pos2::new(50.0, y)],
                s,
            ));
        }
        assert_eq!(scene.len(), 1);
        scene.add(Shape::line_segment(
            [Pos2::new(0.0, 20.0), Pos2::new(50.0, 20.0)],
            EStroke::new(1.0, Color32::RED),
        ));
        assert_eq!(scene.len(), 2);
    }
}
