//! A saved state or a brought file that could take the window down: a FIFO passed with `--add`
//! or listed among the saved added texts, a NaN map view, a 10 MB id, a corrupted reading
//! state. Each gives a clipped warning and a working window (through the real `eframe::App`,
//! with `egui_kittest`, no GPU).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use egui::Vec2;
use egui_kittest::Harness;

use caspian_atlas::app::{AppOptions, AtlasApp};
use caspian_atlas::map::MapState;
use caspian_atlas::ui::SavedState;
use caspian_atlas::ui::state::STORAGE_KEY;

/// An in-memory eframe storage, standing in for the file eframe keeps between runs.
#[derive(Default)]
struct Memory(HashMap<String, String>);

impl eframe::Storage for Memory {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

/// Run `f` on a worker thread; fail if it has not returned within `bound` (a hang).
fn within<T: Send + 'static>(bound: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(bound) {
        Ok(v) => v,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("still running after {bound:?}: a hang"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("the worker panicked"),
    }
}

/// The warnings of a window started with `opts` and the saved reading state `saved` (raw).
fn start(opts: AppOptions, saved: Option<String>) -> Vec<String> {
    within(Duration::from_secs(300), move || {
        let storage = saved.map(|s| {
            let mut m = Memory::default();
            m.0.insert(STORAGE_KEY.to_string(), s);
            m
        });
        let mut h = Harness::builder()
            .with_size(Vec2::new(1200.0, 800.0))
            .build_eframe(move |cc| {
                let mut app = AtlasApp::with_options(&opts, &cc.egui_ctx);
                app.load_reading(storage.as_ref().map(|s| s as &dyn eframe::Storage));
                app
            });
        h.run_steps(3);
        // Files brought with `--add` or listed in the saved state are read by the library
        // worker: let frames pass until it is idle.
        for _ in 0..2000 {
            if !h.state().importing() {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
            h.step();
        }
        h.run_steps(3);
        assert!(
            h.state().data.is_some(),
            "the window works: the data is loaded"
        );
        h.state().reading.warnings.clone()
    })
}

fn fifo() -> Option<PathBuf> {
    let dir = std::env::temp_dir().join(format!("caspian-robust-state-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("pipe.txt");
    let _ = std::fs::remove_file(&path);
    let made = std::process::Command::new("mkfifo").arg(&path).status();
    made.is_ok_and(|s| s.success()).then_some(path)
}

#[cfg(unix)]
#[test]
fn a_fifo_added_or_saved_is_a_warning_not_a_hang() {
    let Some(pipe) = fifo() else {
        return; // no mkfifo here: nothing to test
    };
    let opts = AppOptions {
        load_blocking: true,
        add: vec![pipe.clone()],
        ..AppOptions::default()
    };
    let saved = SavedState {
        added_files: vec![pipe.display().to_string()],
        ..SavedState::default()
    };
    let warnings = start(opts, Some(saved.to_stored()));
    let about_fifo = warnings.iter().filter(|w| w.contains("FIFO")).count();
    assert_eq!(about_fifo, 2, "--add and the saved list: {warnings:?}");
}

#[test]
fn huge_saved_ids_and_unknown_open_are_warned_clipped() {
    let huge = "x".repeat(10 << 20);
    let saved = SavedState {
        selected: Some(huge.clone()),
        open_document: Some(huge),
        ..SavedState::default()
    };
    let opts = AppOptions {
        load_blocking: true,
        open: Some("no-such-passage#p9".into()),
        ..AppOptions::default()
    };
    let warnings = start(opts, Some(saved.to_stored()));
    assert!(
        warnings.iter().any(|w| w.contains("saved selection")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("--open no-such-passage#p9")),
        "{:?}",
        warnings.iter().map(|w| w.len()).collect::<Vec<_>>()
    );
    for w in &warnings {
        assert!(w.len() < 1000, "clipped: a {} byte warning", w.len());
    }
}

#[test]
fn a_truncated_or_garbage_reading_state_is_a_warning() {
    let good = SavedState {
        selected: Some("iran".into()),
        ..SavedState::default()
    }
    .to_stored();
    let truncated = good.get(..good.len() / 2).unwrap_or("{").to_string();
    for raw in [truncated, "\u{1}garbage".to_string()] {
        let warnings = start(
            AppOptions {
                load_blocking: true,
                ..AppOptions::default()
            },
            Some(raw),
        );
        assert!(
            warnings.iter().any(|w| w.contains("corrupted")),
            "{warnings:?}"
        );
    }
}

#[test]
fn a_nan_or_wild_map_view_resets_the_view_only() {
    let ctx = egui::Context::default();
    let mut app = AtlasApp::with_options(&AppOptions::default(), &ctx);
    for (center, scale) in [
        ([f64::NAN, 0.0], 1.0),
        ([0.0, 0.0], f64::NAN),
        ([1e300, 0.0], 1.0),
        ([0.0, 0.0], 1000.0),
    ] {
        let mut m = MapState::default();
        m.view.center = center;
        m.view.scale = scale;
        m.legend_open = false;
        app.reading.warnings.clear();
        app.restore_map(m);
        assert!(app.map.view.center.iter().all(|c| c.is_finite()));
        assert!(app.map.view.scale.is_finite() && app.map.view.scale <= 20.0);
        assert!(!app.map.legend_open, "the layers are kept");
        assert!(
            app.reading.warnings.iter().any(|w| w.contains("map view")),
            "{:?}",
            app.reading.warnings
        );
    }
}
