//! Opening the native window: size, allocator tuning, eframe options, the screenshot outcome.

use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;

use super::shot::ShotResult;
use super::{AppOptions, AtlasApp, storage};
use crate::options::WindowArgs;

/// Parse `WxH`.
pub fn parse_size(s: &str) -> Option<[f32; 2]> {
    let (w, h) = s.split_once(['x', 'X'])?;
    let w: f32 = w.trim().parse().ok()?;
    let h: f32 = h.trim().parse().ok()?;
    (w >= 200.0 && h >= 150.0 && w <= 10_000.0 && h <= 10_000.0).then_some([w, h])
}

/// Keep freed heap memory for reuse instead of handing it back to the system after every frame.
///
/// egui copies the map's mesh (≈ 100k vertices at the whole-region view, a few MB) into fresh
/// buffers every frame; with glibc's defaults those buffers are mapped and unmapped (or the heap
/// trimmed) each time, and the page faults cost more than drawing (frame bench: ≈ 4.2 ms → 0.6 ms).
/// Raising the trim and mmap thresholds to 256 MiB keeps the memory in the process. Call once at
/// start, before other threads run. Does nothing on other platforms.
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        const KEEP: libc::c_int = 256 << 20;
        // SAFETY: mallopt only sets allocator parameters; it is called before the app starts
        // its threads, and a refused setting (return 0) leaves glibc's defaults in place.
        unsafe {
            libc::mallopt(libc::M_TRIM_THRESHOLD, KEEP);
            libc::mallopt(libc::M_MMAP_THRESHOLD, KEEP);
        }
    }
}

/// Open the explorer window.
pub fn run(args: WindowArgs) -> anyhow::Result<ExitCode> {
    tune_allocator();
    let size = match &args.size {
        Some(s) => {
            parse_size(s).with_context(|| format!("--size {s}: expected WxH, e.g. 1600x1000"))?
        }
        None => [1600.0, 1000.0],
    };
    // The saved state eframe restores before any of the app's code runs is checked first. A
    // screenshot starts from an empty, throwaway storage instead: no saved window geometry,
    // egui memory or view, and nothing written over the reader's own saved state.
    let (persistence_path, warnings, throwaway) = match &args.screenshot {
        Some(_) => {
            let dir = std::env::temp_dir().join(format!(
                "caspian-atlas-screenshot-{}-{}",
                std::process::id(),
                storage::now_secs()
            ));
            (Some(dir.join("app.ron")), Vec::new(), Some(dir))
        }
        None => match storage::storage_path() {
            Some(path) => {
                let warnings = storage::check_storage_file(&path, storage::now_secs());
                (Some(path), warnings, None)
            }
            None => (None, Vec::new(), None),
        },
    };
    let opts = AppOptions {
        load_blocking: false,
        select: args.select.clone(),
        open: args.open.clone(),
        screenshot: args.screenshot.clone(),
        theme: args.theme,
        shade: args.shade,
        add: args.add.clone(),
        layers: args.layers.clone(),
        library: super::default_library_path(),
        warnings,
    };
    let result: ShotResult = Arc::default();
    let result2 = result.clone();
    if args.screenshot.is_some() {
        start_watchdog(result.clone(), SCREENSHOT_TIMEOUT, throwaway.clone());
    }
    // The chosen renderer, then the other one if the first cannot even open the window (no
    // OpenGL in a VM, no Vulkan on an old machine).
    let first = renderer();
    let mut ran = Ok(());
    for r in [first, other_renderer(first)] {
        let native = eframe::NativeOptions {
            viewport: egui::ViewportBuilder::default()
                .with_title(storage::APP_NAME)
                .with_inner_size(size)
                .with_min_inner_size([640.0, 400.0]),
            persist_window: args.screenshot.is_none(),
            persistence_path: persistence_path.clone(),
            renderer: r,
            ..Default::default()
        };
        let started = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (started2, opts, result2) = (started.clone(), opts.clone(), result2.clone());
        ran = eframe::run_native(
            storage::APP_NAME,
            native,
            Box::new(move |cc| {
                started2.store(true, std::sync::atomic::Ordering::SeqCst);
                let mut app = AtlasApp::new(cc, opts);
                if let Some(s) = &mut app.shot {
                    s.result = result2;
                }
                Ok(Box::new(app))
            }),
        );
        match &ran {
            Err(e) if !started.load(std::sync::atomic::Ordering::SeqCst) => {
                eprintln!(
                    "caspian-atlas: the {r} renderer could not open the window ({e}); trying the other"
                );
            }
            _ => break,
        }
    }
    if let Some(dir) = &throwaway {
        // Best effort: a leftover temporary folder is harmless.
        let _ = std::fs::remove_dir_all(dir);
    }
    ran.map_err(|e| anyhow::anyhow!("could not open the window: {e}"))?;
    if args.screenshot.is_some() {
        let outcome = result.lock().ok().and_then(|mut s| s.take());
        return match outcome {
            Some(Ok(path)) => {
                eprintln!("caspian-atlas: wrote {}", path.display());
                Ok(ExitCode::SUCCESS)
            }
            Some(Err(e)) => anyhow::bail!("screenshot failed: {e}"),
            None => anyhow::bail!("screenshot failed: the window closed before it was drawn"),
        };
    }
    Ok(ExitCode::SUCCESS)
}

/// How long a screenshot run may take, window opening and data loading included.
const SCREENSHOT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(180);

/// Watch a screenshot run from outside the frame loop (which may never run: a window the
/// system refuses, a driver that blocks): if no outcome is in `result` after `timeout`, say
/// so and exit non-zero.
fn start_watchdog(
    result: ShotResult,
    timeout: std::time::Duration,
    throwaway: Option<std::path::PathBuf>,
) {
    let started = std::time::Instant::now();
    let spawned = std::thread::Builder::new()
        .name("screenshot-watchdog".into())
        .spawn(move || {
            while started.elapsed() < timeout {
                if result.lock().map(|r| r.is_some()).unwrap_or(true) {
                    return;
                }
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
            eprintln!(
                "caspian-atlas: screenshot failed: no image after {} s (the window did not draw); giving up",
                timeout.as_secs()
            );
            if let Some(dir) = throwaway {
                let _ = std::fs::remove_dir_all(dir);
            }
            std::process::exit(3);
        });
    if let Err(e) = spawned {
        eprintln!("caspian-atlas: could not start the screenshot watchdog: {e}");
    }
}

/// The renderer: `CASPIAN_ATLAS_RENDERER=wgpu` or `glow` (the default; the other is tried when
/// the first cannot open the window).
fn renderer() -> eframe::Renderer {
    match std::env::var("CASPIAN_ATLAS_RENDERER").as_deref() {
        Ok("wgpu") => eframe::Renderer::Wgpu,
        _ => eframe::Renderer::Glow,
    }
}

fn other_renderer(r: eframe::Renderer) -> eframe::Renderer {
    match r {
        eframe::Renderer::Glow => eframe::Renderer::Wgpu,
        eframe::Renderer::Wgpu => eframe::Renderer::Glow,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("1600x1000"), Some([1600.0, 1000.0]));
        assert_eq!(parse_size("800X600"), Some([800.0, 600.0]));
        assert_eq!(parse_size("10x10"), None);
        assert_eq!(parse_size("abc"), None);
    }
}
