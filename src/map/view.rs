//! The view: centre and scale in world space (serde-persisted), zoom limits, pan inertia and
//! the animated fly-to. Pure arithmetic on points; no drawing.

use egui::{Pos2, Rect, Vec2};
use serde::{Deserialize, Serialize};

use super::mesh::WRect;

/// Fewest screen points per kilometre (about 1:10,000,000 on a typical screen, whole Eurasia).
pub const MIN_SCALE: f64 = 0.06;
/// Most screen points per kilometre (50 m per point; the data is 1:10m, finer is meaningless).
pub const MAX_SCALE: f64 = 20.0;
/// Zoom factor of one key press or double-click.
pub const ZOOM_STEP: f64 = 1.5;
/// How long a fly-to lasts, seconds.
pub const FLY_SECONDS: f64 = 0.8;

/// Where the map looks. World units are kilometres (x east, y north).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct View {
    /// World point at the centre of the map rectangle.
    pub center: [f64; 2],
    /// Screen points per kilometre.
    pub scale: f64,
    /// Pan velocity in screen points per second (inertia after a drag).
    #[serde(skip)]
    pub velocity: Vec2,
    #[serde(skip)]
    fly: Option<Fly>,
}

#[derive(Debug, Clone, PartialEq)]
struct Fly {
    from: ([f64; 2], f64),
    to: ([f64; 2], f64),
    start: f64,
    duration: f64,
}

impl Default for View {
    fn default() -> Self {
        View {
            center: [0.0, 0.0],
            scale: 0.25,
            velocity: Vec2::ZERO,
            fly: None,
        }
    }
}

/// The centre and scale that fit a world box into a screen size, with a margin in points.
pub fn fit(bbox: WRect, size: Vec2, margin: f32) -> ([f64; 2], f64) {
    let w = f64::from((bbox[2] - bbox[0]).max(1.0));
    let h = f64::from((bbox[3] - bbox[1]).max(1.0));
    let sw = f64::from((size.x - 2.0 * margin).max(10.0));
    let sh = f64::from((size.y - 2.0 * margin).max(10.0));
    let scale = (sw / w).min(sh / h).clamp(MIN_SCALE, MAX_SCALE);
    (
        [
            f64::from(bbox[0] + bbox[2]) / 2.0,
            f64::from(bbox[1] + bbox[3]) / 2.0,
        ],
        scale,
    )
}

fn ease(t: f64) -> f64 {
    let t = t.clamp(0.0, 1.0);
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
}

impl View {
    /// A view on a world box in a rectangle of this size.
    pub fn fitted(bbox: WRect, size: Vec2) -> View {
        let (center, scale) = fit(bbox, size, 24.0);
        View {
            center,
            scale,
            ..View::default()
        }
    }

    /// World (km) to screen point.
    pub fn to_screen(&self, rect: Rect, p: [f64; 2]) -> Pos2 {
        let c = rect.center();
        Pos2::new(
            (f64::from(c.x) + (p[0] - self.center[0]) * self.scale) as f32,
            (f64::from(c.y) - (p[1] - self.center[1]) * self.scale) as f32,
        )
    }

    /// Screen point to world (km).
    pub fn to_world(&self, rect: Rect, p: Pos2) -> [f64; 2] {
        let c = rect.center();
        [
            self.center[0] + f64::from(p.x - c.x) / self.scale,
            self.center[1] - f64::from(p.y - c.y) / self.scale,
        ]
    }

    /// The affine transform world → screen as `(scale, offset)`: `sx = x*s + ox`, `sy = -y*s + oy`.
    pub fn affine(&self, rect: Rect) -> (f32, [f32; 2]) {
        let c = rect.center();
        let s = self.scale;
        (
            s as f32,
            [
                (f64::from(c.x) - self.center[0] * s) as f32,
                (f64::from(c.y) + self.center[1] * s) as f32,
            ],
        )
    }

    /// The world box visible in a rectangle.
    pub fn visible(&self, rect: Rect) -> WRect {
        let a = self.to_world(rect, rect.left_bottom());
        let b = self.to_world(rect, rect.right_top());
        [a[0] as f32, a[1] as f32, b[0] as f32, b[1] as f32]
    }

    /// Pan by a screen-space delta (content follows the pointer).
    pub fn pan(&mut self, delta: Vec2) {
        self.center[0] -= f64::from(delta.x) / self.scale;
        self.center[1] += f64::from(delta.y) / self.scale;
    }

    /// Zoom by a factor keeping the world point under `anchor` (screen) fixed; clamped to the limits.
    pub fn zoom_at(&mut self, rect: Rect, anchor: Pos2, factor: f64) {
        if !factor.is_finite() || factor <= 0.0 {
            return;
        }
        let before = self.to_world(rect, anchor);
        self.scale = (self.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        let after = self.to_world(rect, anchor);
        self.center[0] += before[0] - after[0];
        self.center[1] += before[1] - after[1];
    }

    /// Keep the centre within a world box (so the map cannot be lost off-screen).
    pub fn clamp_center(&mut self, bounds: WRect) {
        self.center[0] = self.center[0].clamp(f64::from(bounds[0]), f64::from(bounds[2]));
        self.center[1] = self.center[1].clamp(f64::from(bounds[1]), f64::from(bounds[3]));
        if !self.scale.is_finite() {
            self.scale = MIN_SCALE;
        }
        self.scale = self.scale.clamp(MIN_SCALE, MAX_SCALE);
    }

    /// Start an animated flight to a target centre and scale.
    pub fn fly_to(&mut self, center: [f64; 2], scale: f64, now: f64) {
        self.velocity = Vec2::ZERO;
        self.fly = Some(Fly {
            from: (self.center, self.scale),
            to: (center, scale.clamp(MIN_SCALE, MAX_SCALE)),
            start: now,
            duration: FLY_SECONDS,
        });
    }

    /// Jump at once (no animation).
    pub fn jump_to(&mut self, center: [f64; 2], scale: f64) {
        self.fly = None;
        self.velocity = Vec2::ZERO;
        self.center = center;
        self.scale = scale.clamp(MIN_SCALE, MAX_SCALE);
    }

    /// True while a fly-to runs.
    pub fn is_flying(&self) -> bool {
        self.fly.is_some()
    }

    /// The target of the running fly-to, if any.
    pub fn fly_target(&self) -> Option<([f64; 2], f64)> {
        self.fly.as_ref().map(|f| f.to)
    }

    /// Stop any animation (the user took over).
    pub fn stop(&mut self) {
        self.fly = None;
        self.velocity = Vec2::ZERO;
    }

    /// Advance animations to time `now` (seconds) after `dt` seconds; true while something moves.
    pub fn tick(&mut self, now: f64, dt: f64) -> bool {
        if let Some(f) = &self.fly {
            let t = if f.duration > 0.0 {
                (now - f.start) / f.duration
            } else {
                1.0
            };
            let e = ease(t);
            // Interpolate the scale logarithmically and the centre linearly in screen terms.
            let (c0, s0) = f.from;
            let (c1, s1) = f.to;
            let s = (s0.ln() + (s1.ln() - s0.ln()) * e).exp();
            self.center = [c0[0] + (c1[0] - c0[0]) * e, c0[1] + (c1[1] - c0[1]) * e];
            self.scale = s;
            if t >= 1.0 {
                self.center = c1;
                self.scale = s1;
                self.fly = None;
                return false;
            }
            return true;
        }
        let speed = self.velocity.length();
        if speed > 8.0 && dt > 0.0 {
            let dt = dt.min(0.1) as f32;
            self.pan(self.velocity * dt);
            self.velocity *= (-dt * 4.0).exp();
            true
        } else {
            self.velocity = Vec2::ZERO;
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect() -> Rect {
        Rect::from_min_size(Pos2::new(10.0, 20.0), Vec2::new(800.0, 600.0))
    }

    #[test]
    fn screen_world_round_trip_and_affine_agree() {
        let v = View {
            center: [120.0, -340.0],
            scale: 0.7,
            ..View::default()
        };
        let p = [500.0, 250.0];
        let s = v.to_screen(rect(), p);
        let back = v.to_world(rect(), s);
        assert!((back[0] - p[0]).abs() < 1e-2 && (back[1] - p[1]).abs() < 1e-2);
        let (k, o) = v.affine(rect());
        assert!((p[0] as f32 * k + o[0] - s.x).abs() < 1e-2);
        assert!((-p[1] as f32 * k + o[1] - s.y).abs() < 1e-2);
        // North is up.
        assert!(v.to_screen(rect(), [0.0, 100.0]).y < v.to_screen(rect(), [0.0, 0.0]).y);
    }

    #[test]
    fn zoom_keeps_anchor_fixed_and_respects_limits() {
        let mut v = View::default();
        let anchor = Pos2::new(100.0, 500.0);
        let w = v.to_world(rect(), anchor);
        v.zoom_at(rect(), anchor, 2.0);
        let w2 = v.to_world(rect(), anchor);
        assert!((w[0] - w2[0]).abs() < 1e-6 && (w[1] - w2[1]).abs() < 1e-6);
        assert!((v.scale - 0.5).abs() < 1e-12);
        for _ in 0..100 {
            v.zoom_at(rect(), anchor, 2.0);
        }
        assert_eq!(v.scale, MAX_SCALE);
        for _ in 0..200 {
            v.zoom_at(rect(), anchor, 0.5);
        }
        assert_eq!(v.scale, MIN_SCALE);
        v.zoom_at(rect(), anchor, f64::NAN);
        assert_eq!(v.scale, MIN_SCALE);
    }

    #[test]
    fn fit_contains_the_box() {
        let b = [-2000.0, -1500.0, 3000.0, 1500.0];
        let v = View::fitted(b, rect().size());
        let vis = v.visible(rect());
        assert!(vis[0] <= b[0] && vis[1] <= b[1] && vis[2] >= b[2] && vis[3] >= b[3]);
    }

    #[test]
    fn fly_to_arrives_and_inertia_decays() {
        let mut v = View::default();
        v.fly_to([1000.0, 500.0], 2.0, 10.0);
        assert!(v.tick(10.2, 0.2));
        assert!(v.center[0] > 0.0 && v.center[0] < 1000.0);
        assert!(!v.tick(10.0 + FLY_SECONDS + 0.01, 0.6));
        assert_eq!(v.center, [1000.0, 500.0]);
        assert_eq!(v.scale, 2.0);
        v.velocity = Vec2::new(500.0, 0.0);
        let x0 = v.center[0];
        let mut steps = 0;
        while v.tick(0.0, 1.0 / 60.0) {
            steps += 1;
            assert!(steps < 10_000);
        }
        assert!(v.center[0] < x0, "dragging right moves the view west");
    }
}
