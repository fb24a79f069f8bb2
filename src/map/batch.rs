//! Batching of the map's vector shapes: tessellates a frame's fills, outlines, dashes, hatching
//! and markers into a few large `egui::Mesh` shapes with egui's own tessellator (same options,
//! so the pixels are the same), instead of handing egui thousands of small shapes per frame.

use egui::epaint::{TessellationOptions, Tessellator};
use egui::{Color32, Mesh, Rect, Shape};

/// Turns a run of shapes into meshes. Filled circles are passed through untouched: egui draws
/// small ones from pre-rasterised discs of its font atlas, which only it can reach.
pub struct Batcher {
    tess: Tessellator,
    prerasterized_discs: bool,
    mesh: Mesh,
    out: Vec<Shape>,
    total: (usize, usize),
}

impl Batcher {
    /// A batcher for shapes in points at `pixels_per_point`, clipped (coarsely) to `clip`;
    /// `reserve` is the room (vertices, indices) to reserve in the first mesh.
    pub fn new(
        pixels_per_point: f32,
        options: TessellationOptions,
        font_tex_size: [usize; 2],
        clip: Rect,
        reserve: (usize, usize),
    ) -> Batcher {
        let mut tess = Tessellator::new(pixels_per_point, options, font_tex_size, Vec::new());
        tess.set_clip_rect(clip);
        // The first mesh gets room for a whole frame (the previous frame's size), so that it
        // never regrows, neither here nor when egui appends markers and labels to it.
        let mut mesh = Mesh::default();
        mesh.vertices.reserve(reserve.0);
        mesh.indices.reserve(reserve.1);
        Batcher {
            tess,
            prerasterized_discs: options.prerasterized_discs,
            mesh,
            out: Vec::new(),
            total: (0, 0),
        }
    }

    /// The mesh being filled, for callers that write triangles straight into it (untextured).
    pub fn mesh_mut(&mut self) -> &mut Mesh {
        &mut self.mesh
    }

    /// Tessellate `shapes` in order (appended to the current mesh where possible).
    pub fn extend(&mut self, shapes: impl IntoIterator<Item = Shape>) {
        for shape in shapes {
            self.add(shape);
        }
    }

    /// Tessellate one shape, or pass it through (filled circles, text, textured meshes).
    pub fn add(&mut self, shape: Shape) {
        match shape {
            Shape::Vec(v) => self.extend(v),
            Shape::Circle(c) if self.prerasterized_discs && c.fill != Color32::TRANSPARENT => {
                self.pass(Shape::Circle(c));
            }
            // Text needs the font atlas as it is at the end of the frame: leave it to egui.
            Shape::Text(_) | Shape::Callback(_) => self.pass(shape),
            Shape::Mesh(m) if m.texture_id != self.mesh.texture_id => self.pass(Shape::Mesh(m)),
            other => self.tess.tessellate_shape(other, &mut self.mesh),
        }
    }

    fn flush(&mut self) {
        if !self.mesh.is_empty() {
            self.total.0 += self.mesh.vertices.len();
            self.total.1 += self.mesh.indices.len();
            self.out.push(Shape::mesh(std::mem::take(&mut self.mesh)));
        }
    }

    fn pass(&mut self, shape: Shape) {
        self.flush();
        self.out.push(shape);
    }

    /// The shapes to paint (meshes, and what was passed through between them) and the number
    /// of vertices and indices batched.
    pub fn finish(mut self) -> (Vec<Shape>, (usize, usize)) {
        self.flush();
        (self.out, self.total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Pos2, Stroke};

    fn batcher() -> Batcher {
        Batcher::new(
            1.0,
            TessellationOptions::default(),
            [64, 64],
            Rect::from_min_max(Pos2::ZERO, Pos2::new(100.0, 100.0)),
            (0, 0),
        )
    }

    #[test]
    fn lines_and_fills_become_one_mesh_with_egui_s_triangles() {
        let shapes = vec![
            Shape::rect_filled(
                Rect::from_min_max(Pos2::ZERO, Pos2::new(10.0, 10.0)),
                0.0,
                Color32::RED,
            ),
            Shape::line(
                vec![
                    Pos2::new(1.0, 1.0),
                    Pos2::new(50.0, 20.0),
                    Pos2::new(80.0, 5.0),
                ],
                Stroke::new(1.5, Color32::BLUE),
            ),
            Shape::line_segment(
                [Pos2::new(0.0, 50.0), Pos2::new(90.0, 50.0)],
                Stroke::new(1.0, Color32::GREEN),
            ),
        ];
        // What egui's own tessellator makes of the same shapes, one by one.
        let mut expected = Mesh::default();
        let mut t = Tessellator::new(1.0, TessellationOptions::default(), [64, 64], Vec::new());
        t.set_clip_rect(Rect::from_min_max(Pos2::ZERO, Pos2::new(100.0, 100.0)));
        for s in shapes.clone() {
            t.tessellate_shape(s, &mut expected);
        }
        let mut b = batcher();
        b.extend(shapes);
        let (out, (nv, ni)) = b.finish();
        assert_eq!(out.len(), 1);
        let Some(Shape::Mesh(m)) = out.first() else {
            panic!("expected one mesh, got {out:?}");
        };
        assert_eq!(m.vertices, expected.vertices);
        assert_eq!(m.indices, expected.indices);
        assert_eq!((nv, ni), (expected.vertices.len(), expected.indices.len()));
    }

    #[test]
    fn filled_circles_split_the_batch_in_paint_order() {
        let line = Shape::line_segment(
            [Pos2::new(0.0, 0.0), Pos2::new(9.0, 9.0)],
            Stroke::new(1.0, Color32::WHITE),
        );
        let dot = Shape::circle_filled(Pos2::new(5.0, 5.0), 3.0, Color32::RED);
        let ring = Shape::circle_stroke(Pos2::new(5.0, 5.0), 3.0, Stroke::new(1.0, Color32::RED));
        let mut b = batcher();
        b.extend(vec![line.clone(), dot, ring, line]);
        let (out, _) = b.finish();
        let kinds: Vec<&str> = out
            .iter()
            .map(|s| match s {
                Shape::Mesh(_) => "mesh",
                Shape::Circle(_) => "circle",
                _ => "other",
            })
            .collect();
        assert_eq!(kinds, ["mesh", "circle", "mesh"]);
    }
}
