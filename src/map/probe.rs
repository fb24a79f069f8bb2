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
    /// The process' CPU time (all threads, the software rasteriser's included) when timing began.
    cpu_start: Option<f64>,
    cpu_ms_per_frame: Option<f64>,
}

/// CPU seconds this process has used, all threads (Linux: `/proc/self/stat`, in USER_HZ = 100
/// ticks a second); `None` elsewhere.
pub fn process_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) start at field 3; utime and stime are
    // fields 14 and 15.
    let rest = stat.get(stat.rfind(')')? + 1..)?;
    let mut f = rest.split_whitespace().skip(11);
    let utime: f64 = f.next()?.parse().ok()?;
    let stime: f64 = f.next()?.parse().ok()?;
    Some((utime + stime) / 100.0)
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
            cpu_start: None,
            cpu_ms_per_frame: None,
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
            if self.warmup == 0 {
                self.cpu_start = process_cpu_seconds();
            }
        } else {
            self.times_ms.push(ui.input(|i| i.unstable_dt) * 1000.0);
        }
        if self.times_ms.len() >= self.frames {
            if let (Some(a), Some(b)) = (self.cpu_start, process_cpu_seconds()) {
                self.cpu_ms_per_frame = Some((b - a) * 1000.0 / self.times_ms.len().max(1) as f64);
            }
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
        let cpu = self
            .cpu_ms_per_frame
            .map_or(String::new(), |c| format!(", CPU {c:.1} ms a frame"));
        format!(
            "pan probe: {} frames, median {:.1} ms, p90 {:.1} ms{cpu}",
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
        p.cpu_ms_per_frame = Some(12.34);
        assert!(p.report().ends_with(", CPU 12.3 ms a frame"));
    }

    #[test]
    fn cpu_time_is_read_and_grows() {
        let Some(a) = process_cpu_seconds() else {
            return; // not Linux
        };
        let mut x = 0u64;
        for i in 0..20_000_000u64 {
            x = x.wrapping_mul(31).wrapping_add(i);
        }
        std::hint::black_box(x);
        let Some(b) = process_cpu_seconds() else {
            panic!("read once, readable again");
        };
        assert!(b >= a && a >= 0.0);
    }
}
