//! A timing probe for software rendering: with `CASPIAN_ATLAS_PAN_PROBE=N` set, the map pans a
//! few points every frame for N frames once it is drawn, then prints the median time between
//! frames to stderr and closes the window (`tools/software-render-timing.sh` reads it).

use egui::{Ui, Vec2};

use super::view::View;

/// The environment variable that turns the probe on (its value: how many frames to time).
pub const PAN_PROBE_ENV: &str = "CASPIAN_ATLAS_PAN_PROBE";

/// Frames left to time and the times measured so far.
#[derive(Debug, Clone)]
pub struct PanProbe {
    frames: usize,
    warmup: usize,
    times_ms: Vec<f32>,
}

impl PanProbe {
    /// The probe asked for by the environment, if any.
    pub fn from_env() -> Option<PanProbe> {
        let n: usize = std::env::var(PAN_PROBE_ENV).ok()?.trim().parse().ok()?;
        (n > 0).then(|| PanProbe::new(n))
    }

    pub fn new(frames: usize) -> PanProbe {
        PanProbe {
            frames,
            warmup: 3,
            times_ms: Vec::with_capacity(frames),
        }
    }

    /// One frame of the probe: record the time since the last frame, pan the view, ask for the
    /// next frame. Returns the report once every frame is timed.
    pub fn step(&mut self, ui: &Ui, view: &mut View) -> Option<String> {
        if view.is_flying() {
            ui.ctx().request_repaint();
            return None;
        }
        if self.warmup > 0 {
            self.warmup -= 1;
        } else {
            self.times_ms.push(ui.input(|i| i.unstable_dt) * 1000.0);
        }
        if self.times_ms.len() >= self.frames {
            return Some(self.report());
        }
        view.pan(Vec2::new(3.0, 0.0));
        ui.ctx().request_repaint();
        None
    }

    fn report(&self) -> String {
        let mut t = self.times_ms.clone();
        t.sort_by(f32::total_cmp);
        let at = |q: f32| {
            t.get(((t.len().saturating_sub(1)) as f32 * q).round() as usize)
                .copied()
                .unwrap_or(f32::NAN)
        };
        format!(
            "pan probe: {} frames, median {:.1} ms, p90 {:.1} ms",
            t.len(),
            at(0.5),
            at(0.9)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_gives_the_median_of_the_timed_frames() {
        let mut p = PanProbe::new(3);
        p.times_ms = vec![30.0, 10.0, 20.0];
        assert_eq!(
            p.report(),
            "pan probe: 3 frames, median 20.0 ms, p90 30.0 ms"
        );
    }
}
