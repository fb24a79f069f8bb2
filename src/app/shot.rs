//! `--screenshot`: wait until the data is loaded and drawn, request a frame's image, save it as
//! a PNG and close the window.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::AtlasApp;

/// Outcome of a screenshot run, shared with [`run`].
pub(super) type ShotResult = Arc<Mutex<Option<Result<PathBuf, String>>>>;

pub(super) struct Shot {
    pub(super) path: PathBuf,
    pub(super) requested: bool,
    pub(super) image: Arc<Mutex<Option<Arc<egui::ColorImage>>>>,
    pub(super) result: ShotResult,
    pub(super) started: Instant,
}

impl AtlasApp {
    pub(super) fn screenshot_step(&mut self, ui: &mut egui::Ui) {
        let Some(shot) = &mut self.shot else { return };
        let ctx = ui.ctx().clone();
        // While the data loads nothing needs drawing: the loader asks for a frame when it is
        // done, and frames drawn meanwhile (under software rendering, costly) would take the
        // cores it loads on.
        if self.data.is_some() {
            ctx.request_repaint();
        }
        if shot.started.elapsed() > Duration::from_secs(120) {
            finish(
                &shot.result,
                Err("timed out waiting for the window to draw".into()),
            );
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        let image = shot.image.lock().ok().and_then(|mut s| s.take());
        if let Some(img) = image {
            let res = save_png(&img, &shot.path).map(|()| shot.path.clone());
            finish(&shot.result, res);
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        // Ready as soon as the map has drawn the same frame twice (loaded, laid out, not moving).
        let ready = self.data.is_some() && self.frames_loaded >= 2 && self.map.settled();
        if ready && !shot.requested {
            shot.requested = true;
            let slot = shot.image.clone();
            let c2 = ctx.clone();
            ctx.request_screenshot(move |img| {
                if let Ok(mut s) = slot.lock() {
                    *s = Some(img);
                }
                c2.request_repaint();
            });
        }
    }
}

fn finish(slot: &ShotResult, r: Result<PathBuf, String>) {
    if let Ok(mut s) = slot.lock()
        && s.is_none()
    {
        *s = Some(r);
    }
}

fn save_png(img: &egui::ColorImage, path: &std::path::Path) -> Result<(), String> {
    let [w, h] = img.size;
    let bytes: Vec<u8> = img
        .pixels
        .iter()
        .flat_map(|c| c.to_srgba_unmultiplied())
        .collect();
    if bytes.len() != w * h * 4 {
        return Err("screenshot has an inconsistent size".into());
    }
    // Fast compression: a screenshot is written once, at the end of a timed start.
    use image::ImageEncoder;
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    let cannot = |e: &dyn std::fmt::Display| format!("cannot write {}: {e}", path.display());
    let file = std::fs::File::create(path).map_err(|e| cannot(&e))?;
    let mut out = std::io::BufWriter::new(file);
    PngEncoder::new_with_quality(&mut out, CompressionType::Fast, FilterType::Adaptive)
        .write_image(&bytes, w as u32, h as u32, image::ExtendedColorType::Rgba8)
        .map_err(|e| cannot(&e))?;
    std::io::Write::flush(&mut out).map_err(|e| cannot(&e))
}
