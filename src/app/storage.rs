//! The saved state eframe restores before the app runs (`app.ron`: egui's memory, the window
//! geometry, the map view, the reading state), checked before the window opens: what is
//! unreadable or out of range is kept aside in `app.ron.bad-TIMESTAMP`, dropped from the file
//! eframe reads, and reported, so no saved value can take the window down at start.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::clip::clip;
use crate::ui::SavedState;

/// The name eframe derives the storage folder from (the window title).
pub const APP_NAME: &str = "Caspian Atlas";

/// egui's memory (zoom, panel sizes, scroll positions), as eframe stores it.
const EGUI_KEY: &str = "egui";
/// The window geometry, as eframe stores it.
const WINDOW_KEY: &str = "window";

/// The largest storage file read (egui's memory and the reading state are a few KB).
const MAX_STORAGE_BYTES: u64 = 64 << 20;
/// egui's zoom factor range (its own keyboard zoom stays within it).
const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.2..=5.0;
/// The largest window coordinate or size taken from a saved geometry, in points.
const MAX_WINDOW_COORD: f64 = 20_000.0;

/// Where eframe keeps the app's saved state (`…/caspianatlas/app.ron` on Linux).
pub fn storage_path() -> Option<PathBuf> {
    eframe::storage_dir(APP_NAME).map(|d| d.join("app.ron"))
}

/// Check the storage file at `path` before eframe reads it. Returns the warnings to show; on
/// anything bad the file is moved to `app.ron.bad-<now>` and a copy without the bad values
/// is written in its place (a file that cannot be read at all is moved aside: start clean).
pub fn check_storage_file(path: &Path, now: u64) -> Vec<String> {
    if std::fs::symlink_metadata(path).is_err() {
        return Vec::new(); // no saved state yet
    }
    let aside = path.with_file_name(format!(
        "{}.bad-{now}",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "app.ron".into())
    ));
    let bytes = match crate::fsread::read_capped(path, MAX_STORAGE_BYTES) {
        Ok(b) => b,
        Err(e) => return vec![move_aside(path, &aside, &format!("it {e}"))],
    };
    let kv: HashMap<String, String> = match std::str::from_utf8(&bytes)
        .map_err(|e| e.to_string())
        .and_then(|t| ron::from_str(t).map_err(|e| e.to_string()))
    {
        Ok(kv) => kv,
        Err(e) => {
            return vec![move_aside(
                path,
                &aside,
                &format!("it is unreadable ({})", clip(&e)),
            )];
        }
    };
    let mut bad: Vec<(String, String)> = Vec::new();
    for (key, value) in &kv {
        if let Err(why) = check_value(key, value) {
            bad.push((key.clone(), why));
        }
    }
    if bad.is_empty() {
        return Vec::new();
    }
    bad.sort();
    let mut warnings = Vec::new();
    if let Err(e) = std::fs::rename(path, &aside) {
        warnings.push(format!(
            "saved state {}: could not keep the bad file aside ({e})",
            path.display()
        ));
    }
    let good: HashMap<&String, &String> = kv
        .iter()
        .filter(|(k, _)| !bad.iter().any(|(b, _)| b == *k))
        .collect();
    let written = ron::to_string(&good)
        .map_err(|e| e.to_string())
        .and_then(|text| std::fs::write(path, text).map_err(|e| e.to_string()));
    if let Err(e) = written {
        warnings.push(format!(
            "saved state {}: could not write the good values back ({e}); starting clean",
            path.display()
        ));
    }
    for (key, why) in bad {
        warnings.push(format!(
            "saved {} {why}: reset (the bad file is kept as {})",
            describe(&key),
            aside.display()
        ));
    }
    warnings
}

/// Move the whole file aside and say so.
fn move_aside(path: &Path, aside: &Path, why: &str) -> String {
    match std::fs::rename(path, aside) {
        Ok(()) => format!(
            "saved state {}: {why}; starting clean (the bad file is kept as {})",
            path.display(),
            aside.display()
        ),
        Err(e) => format!(
            "saved state {}: {why}; it could not be moved aside ({e}) and is ignored",
            path.display()
        ),
    }
}

fn describe(key: &str) -> String {
    match key {
        EGUI_KEY => "layout (egui memory)".into(),
        WINDOW_KEY => "window geometry".into(),
        super::STORAGE_KEY => "map view".into(),
        crate::ui::state::STORAGE_KEY => "reading state".into(),
        other => format!("value `{}`", clip(other)),
    }
}

/// Whether one stored value (under `key` in `app.ron`) is safe to hand to egui, winit and the
/// app: `Err` says what is wrong with it.
pub fn check_value(key: &str, value: &str) -> Result<(), String> {
    match key {
        EGUI_KEY => {
            let numbers = ron_numbers(value)?;
            if numbers.iter().any(|x| !x.is_finite()) {
                return Err("holds a number that is not finite".into());
            }
            let memory: egui::Memory = ron::from_str(value)
                .map_err(|e| format!("is unreadable ({})", clip(&e.to_string())))?;
            let zoom = memory.options.zoom_factor;
            if !ZOOM_RANGE.contains(&zoom) {
                return Err(format!(
                    "has zoom factor {} (out of range)",
                    clip(&zoom.to_string())
                ));
            }
            Ok(())
        }
        WINDOW_KEY => {
            let numbers = ron_numbers(value)?;
            match numbers
                .iter()
                .find(|x| !x.is_finite() || x.abs() > MAX_WINDOW_COORD)
            {
                Some(x) => Err(format!(
                    "has a position or size of {} (out of range)",
                    clip(&x.to_string())
                )),
                None => Ok(()),
            }
        }
        k if k == crate::ui::state::STORAGE_KEY => SavedState::from_stored(Some(value))
            .map(|_| ())
            .map_err(|e| format!("is unreadable ({})", clip(&e.to_string()))),
        // The map view is checked where it is restored (only the view is reset there).
        _ => Ok(()),
    }
}

/// Every number in a RON value (an unreadable value is an error).
fn ron_numbers(value: &str) -> Result<Vec<f64>, String> {
    let parsed: ron::Value =
        ron::from_str(value).map_err(|e| format!("is unreadable ({})", clip(&e.to_string())))?;
    let mut out = Vec::new();
    let mut stack = vec![&parsed];
    while let Some(v) = stack.pop() {
        match v {
            ron::Value::Number(n) => out.push(n.into_f64()),
            ron::Value::Option(Some(x)) => stack.push(x),
            ron::Value::Seq(xs) => stack.extend(xs.iter()),
            ron::Value::Map(m) => {
                for (k, x) in m.iter() {
                    stack.push(k);
                    stack.push(x);
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// Seconds since the Unix epoch (the suffix of a file kept aside).
pub fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("atlas-storage-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        if let Err(e) = std::fs::create_dir_all(&dir) {
            panic!("temp dir {}: {e}", dir.display());
        }
        dir
    }

    fn write_kv(path: &Path, kv: &[(&str, String)]) {
        let map: HashMap<&str, &String> = kv.iter().map(|(k, v)| (*k, v)).collect();
        let Ok(text) = ron::to_string(&map) else {
            panic!("a map of strings serialises");
        };
        if let Err(e) = std::fs::write(path, text) {
            panic!("write {}: {e}", path.display());
        }
    }

    fn read_kv(path: &Path) -> HashMap<String, String> {
        let Ok(text) = std::fs::read_to_string(path) else {
            panic!("{} is there", path.display());
        };
        let Ok(kv) = ron::from_str(&text) else {
            panic!("{} is RON", path.display());
        };
        kv
    }

    fn memory_with_zoom(zoom: f32) -> String {
        let mut m = egui::Memory::default();
        m.options.zoom_factor = zoom;
        let Ok(s) = ron::to_string(&m) else {
            panic!("egui memory serialises");
        };
        s
    }

    #[test]
    fn a_good_file_is_left_alone() {
        let dir = temp_dir("good");
        let path = dir.join("app.ron");
        write_kv(&path, &[(EGUI_KEY, memory_with_zoom(1.25))]);
        assert!(check_storage_file(&path, 7).is_empty());
        assert!(!dir.join("app.ron.bad-7").exists());
        assert!(check_storage_file(&dir.join("missing.ron"), 7).is_empty());
    }

    #[test]
    fn a_nan_or_huge_zoom_is_dropped_and_the_rest_kept() {
        for (tag, zoom) in [("nan", f32::NAN), ("1000", 1000.0)] {
            let dir = temp_dir(tag);
            let path = dir.join("app.ron");
            let reading = SavedState {
                selected: Some("iran".into()),
                ..SavedState::default()
            };
            write_kv(
                &path,
                &[
                    (EGUI_KEY, memory_with_zoom(zoom)),
                    (crate::ui::state::STORAGE_KEY, reading.to_stored()),
                ],
            );
            let warnings = check_storage_file(&path, 42);
            assert_eq!(warnings.len(), 1, "{warnings:?}");
            assert!(warnings[0].contains("egui memory"), "{warnings:?}");
            assert!(warnings[0].contains("app.ron.bad-42"), "{warnings:?}");
            assert!(dir.join("app.ron.bad-42").exists(), "the bad file is kept");
            let kv = read_kv(&path);
            assert!(!kv.contains_key(EGUI_KEY), "the bad memory is gone");
            assert_eq!(
                kv.get(crate::ui::state::STORAGE_KEY),
                Some(&reading.to_stored()),
                "the good reading state stays"
            );
        }
    }

    #[test]
    fn a_giant_window_is_dropped() {
        let dir = temp_dir("window");
        let path = dir.join("app.ron");
        let window = "(normal_geometry:(outer_pos:Some((0.0,0.0)),inner_size:Some((1e9,1e9))),fullscreen:false,maximized:false)";
        write_kv(&path, &[(WINDOW_KEY, window.to_string())]);
        let warnings = check_storage_file(&path, 1);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("window geometry"), "{warnings:?}");
        assert!(read_kv(&path).is_empty());
    }

    #[test]
    fn truncated_and_garbage_files_are_moved_aside() {
        let dir = temp_dir("garbage");
        let path = dir.join("app.ron");
        let mut good = String::new();
        write_kv(&path, &[(EGUI_KEY, memory_with_zoom(1.0))]);
        if let Ok(t) = std::fs::read_to_string(&path) {
            good = t;
        }
        let truncated = good.get(..good.len() / 2).unwrap_or("{").to_string();
        for (i, bytes) in [
            truncated.into_bytes(),
            b"\x00\xff garbage \x01".to_vec(),
            vec![b'['; 100_000],
        ]
        .into_iter()
        .enumerate()
        {
            if let Err(e) = std::fs::write(&path, &bytes) {
                panic!("write: {e}");
            }
            let warnings = check_storage_file(&path, i as u64);
            assert_eq!(warnings.len(), 1, "{warnings:?}");
            assert!(warnings[0].contains("starting clean"), "{warnings:?}");
            assert!(warnings[0].len() < 600, "clipped: {}", warnings[0].len());
            assert!(!path.exists(), "the bad file is out of eframe's way");
            assert!(dir.join(format!("app.ron.bad-{i}")).exists());
        }
    }

    #[test]
    fn a_corrupted_reading_state_is_kept_aside_with_a_clipped_message() {
        let dir = temp_dir("reading");
        let path = dir.join("app.ron");
        let huge = format!("{{\"selected\": [\"{}\"", "x".repeat(10 << 20));
        write_kv(&path, &[(crate::ui::state::STORAGE_KEY, huge)]);
        let warnings = check_storage_file(&path, 3);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("reading state"), "{warnings:?}");
        assert!(warnings[0].len() < 1000, "clipped: {}", warnings[0].len());
    }
}
