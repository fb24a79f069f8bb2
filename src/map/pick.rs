//! Picking: the features under a screen point, topmost first, within the pointer's tolerance.

use egui::{Pos2, Rect};

use super::mesh::{self, GeomClass, P, intersects};
use super::widget::{MapState, PICK_TOLERANCE_PX};
use super::{MapModel, MapSource};

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
            if !state.layers.shows(f) {
                return false;
            }
            match g.class {
                GeomClass::Area => area_contains(g, wp),
                GeomClass::Line => near_line(&g.lines, wp, tol_km as f32),
                // A point the map does not draw at this zoom (a small gazetteer town) is not
                // under the pointer.
                GeomClass::Point if !super::draw::point_visible(f, state.view.scale) => false,
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

pub(super) fn dist2(a: P, b: P) -> f32 {
    (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)
}

pub(super) fn seg_dist2(p: P, a: P, b: P) -> f32 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    dist2(p, [a[0] + t * dx, a[1] + t * dy])
}

pub(super) fn near_line(lines: &[Vec<P>], p: P, tol: f32) -> bool {
    lines.iter().any(|l| {
        l.windows(2).any(|w| match w {
            [a, b] => seg_dist2(p, *a, *b) <= tol * tol,
            _ => false,
        })
    })
}

pub(super) fn area_contains(g: &mesh::FeatureGeom, p: P) -> bool {
    let pr = [p[0], p[1], p[0], p[1]];
    g.fill.iter().filter(|c| intersects(&c.bbox, &pr)).any(|c| {
        c.indices.chunks_exact(3).any(|t| {
            let v = |i: u32| c.vertices.get(i as usize).copied().unwrap_or([f32::NAN; 2]);
            in_triangle(p, v(t[0]), v(t[1]), v(t[2]))
        })
    })
}

pub(super) fn in_triangle(p: P, a: P, b: P, c: P) -> bool {
    let cross = |o: P, u: P, v: P| (u[0] - o[0]) * (v[1] - o[1]) - (u[1] - o[1]) * (v[0] - o[0]);
    let d1 = cross(a, b, p);
    let d2 = cross(b, c, p);
    let d3 = cross(c, a, p);
    let neg = d1 < 0.0 || d2 < 0.0 || d3 < 0.0;
    let pos = d1 > 0.0 || d2 > 0.0 || d3 > 0.0;
    !(neg && pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triangle_containment() {
        let (a, b, c) = ([0.0, 0.0], [10.0, 0.0], [0.0, 10.0]);
        assert!(in_triangle([2.0, 2.0], a, b, c));
        assert!(!in_triangle([8.0, 8.0], a, b, c));
        assert!(in_triangle([2.0, 2.0], a, c, b), "winding does not matter");
    }
}
