//! The library in the window, through the real `eframe::App` with `egui_kittest` (no GPU): an
//! import runs on the worker while frames keep coming and its documents appear when done; a
//! restart brings them back from the database with the source file gone; the Library tab lists
//! them; an old session's list of added files is imported once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use egui::Vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use caspian_atlas::app::{AppOptions, AtlasApp};
use caspian_atlas::ui::state::STORAGE_KEY;
use caspian_atlas::ui::{Command, SavedState};

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

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ca-libui-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        panic!("temp dir {}: {e}", dir.display());
    }
    dir
}

fn harness(db: &Path, storage: Option<&Memory>) -> Harness<'static, AtlasApp> {
    let db = db.to_path_buf();
    let storage: Option<Memory> = storage.map(|m| Memory(m.0.clone()));
    let mut h = Harness::builder()
        .with_size(Vec2::new(1600.0, 1000.0))
        .build_eframe(move |cc| {
            let opts = AppOptions {
                load_blocking: true,
                library: Some(db.clone()),
                ..AppOptions::default()
            };
            let mut app = AtlasApp::with_options(&opts, &cc.egui_ctx);
            app.load_reading(storage.as_ref().map(|s| s as &dyn eframe::Storage));
            app
        });
    h.run_steps(3);
    h
}

/// Frames until the library worker is idle (at most ~20 s).
fn settle(h: &mut Harness<'_, AtlasApp>) {
    for _ in 0..2000 {
        if !h.state().importing() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    h.run_steps(3);
}

fn has_doc(h: &Harness<'_, AtlasApp>, id: &str) -> bool {
    h.state()
        .data
        .as_ref()
        .is_some_and(|d| d.library.documents.iter().any(|x| x.id == id))
}

fn essay(i: usize, paragraphs: usize) -> String {
    let mut s = format!("Caspian Notes Number {i}\n\n");
    for k in 0..paragraphs {
        s.push_str(&format!(
            "Paragraph {k} of note {i}: the ferry from Aktau reached Baku, and freight went on \
             by rail through Georgia to Kars.\n\n"
        ));
    }
    s
}

#[test]
fn an_import_does_not_block_a_frame_and_its_documents_appear_when_done() {
    let dir = temp_dir("async");
    let docs = dir.join("docs");
    if std::fs::create_dir_all(&docs).is_err() {
        panic!("mkdir");
    }
    for i in 0..24 {
        let p = docs.join(format!("note-{i:02}.txt"));
        if let Err(e) = std::fs::write(&p, essay(i, 300)) {
            panic!("write {}: {e}", p.display());
        }
    }
    let mut h = harness(&dir.join("library.db"), None);
    let shipped = h
        .state()
        .data
        .as_ref()
        .map_or(0, |d| d.library.documents.len());
    h.state_mut()
        .import_paths(std::slice::from_ref(&docs), true);
    // The frame returns while the worker is still importing.
    h.step();
    assert!(
        h.state().importing(),
        "the frame came back before the import finished"
    );
    assert!(!has_doc(&h, "note-23"), "not there yet");
    let mut saw_progress = false;
    for _ in 0..3000 {
        if !h.state().importing() {
            break;
        }
        saw_progress |= h.state().import_progress().is_some_and(|p| p.total == 24);
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    h.run_steps(3);
    assert!(saw_progress, "progress was reported");
    let n = h
        .state()
        .data
        .as_ref()
        .map_or(0, |d| d.library.documents.len());
    assert_eq!(n, shipped + 24);
    assert!(has_doc(&h, "note-23"));
    // The first one opened in the reader, linked.
    assert_eq!(
        h.state().reading.state.open_document.as_deref(),
        Some("note-00")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_restart_brings_the_library_back_without_its_files_and_the_library_tab_lists_it() {
    let dir = temp_dir("restart");
    let db = dir.join("library.db");
    let file = dir.join("ferry-notes.txt");
    let text = "Ferry Notes\n\nThe ferry from Aktau reached Baku after two days at anchor.\n";
    if let Err(e) = std::fs::write(&file, text) {
        panic!("write: {e}");
    }
    {
        let mut h = harness(&db, None);
        h.state_mut()
            .import_paths(std::slice::from_ref(&file), true);
        settle(&mut h);
        assert!(has_doc(&h, "ferry-notes"));
    }
    let _ = std::fs::remove_file(&file);
    let mut h = harness(&db, None);
    settle(&mut h);
    assert!(
        has_doc(&h, "ferry-notes"),
        "back from the database, the file gone"
    );
    // Linked from the stored mentions: Aktau lists the passage.
    let aktau = h.state().data.as_ref().and_then(|d| d.index_of("aktau"));
    let listed = h.state().data.as_ref().is_some_and(|d| {
        aktau.is_some_and(|a| {
            d.library.links.passages_of(a).iter().any(|r| {
                d.library
                    .passages
                    .get(r.passage)
                    .is_some_and(|p| p.document == "ferry-notes")
            })
        })
    });
    assert!(listed, "Aktau links to the stored text");
    // The Library tab lists it with its counts, beside the built-in essays.
    h.get_by_label("Library").click();
    h.run_steps(3);
    assert!(h.state().reading.library_tab, "the Library tab is open");
    assert!(h.query_all_by_label("(built in)").count() >= 1);
    // Filtered to it.
    h.state_mut().library_view.filter = "ferry".into();
    h.run_steps(3);
    h.get_by_label("Ferry Notes");
    h.get_by_label_contains("text · 1 passages · 2 places");
    assert_eq!(h.query_all_by_label("(built in)").count(), 0);
    h.get_by_label_contains("library.db");
    // Remove it from the library.
    h.state_mut()
        .commands
        .push(Command::RemoveDocument("ferry-notes".into()));
    h.run_steps(2);
    settle(&mut h);
    assert!(!has_doc(&h, "ferry-notes"));
    let h = harness(&db, None);
    assert!(!has_doc(&h, "ferry-notes"), "removed from the database too");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_old_sessions_added_files_are_imported_once_then_dropped() {
    let dir = temp_dir("migrate");
    let db = dir.join("library.db");
    let file = dir.join("ferry-notes.txt");
    let text = "Ferry Notes\n\nThe ferry from Aktau reached Baku after two days at anchor.\n";
    if let Err(e) = std::fs::write(&file, text) {
        panic!("write: {e}");
    }
    let mut saved = SavedState::default();
    saved.added_files.push(file.display().to_string());
    saved
        .added_files
        .push(dir.join("gone.txt").display().to_string());
    let mut memory = Memory::default();
    eframe::Storage::set_string(&mut memory, STORAGE_KEY, saved.to_stored());
    let mut h = harness(&db, Some(&memory));
    settle(&mut h);
    assert!(has_doc(&h, "ferry-notes"));
    assert!(h.state().reading.state.added_files.is_empty());
    assert!(
        h.state()
            .reading
            .warnings
            .iter()
            .any(|w| w.contains("gone.txt")),
        "{:?}",
        h.state().reading.warnings
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A file dropped on the window, as the platform layer would hand it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_geojson_dropped_on_the_window_becomes_a_layer_the_library_keeps() {
    let dir = temp_dir("layer-drop");
    let db = dir.join("library.db");
    let layer = dir.join("wells.geojson");
    let geojson = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","id":3,"properties":{"name":"Quellmark Well"},
         "geometry":{"type":"Point","coordinates":[47.5,40.2]}}]}"#;
    if let Err(e) = std::fs::write(&layer, geojson) {
        panic!("write {}: {e}", layer.display());
    }
    let mut h = harness(&db, None);
    let count =
        |h: &Harness<'_, AtlasApp>| h.state().data.as_ref().map(|d| d.atlas.features().len());
    let before = count(&h);
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(layer.clone())));
    h.run_steps(2);
    settle(&mut h);
    let Some(data) = h.state().data.as_ref() else {
        panic!("data loaded");
    };
    assert!(
        data.atlas.index_of("wells-3").is_some(),
        "the layer's feature is on the map: {:?}",
        data.warnings
    );
    assert_eq!(count(&h), before.map(|n| n + 1));
    assert!(
        !data
            .library
            .documents
            .iter()
            .any(|d| d.title.contains("wells")),
        "a layer is not imported as a document"
    );
    // The next start, with the file gone: the library kept the layer.
    let _ = std::fs::remove_file(&layer);
    let h = harness(&db, None);
    assert!(
        h.state()
            .data
            .as_ref()
            .is_some_and(|d| d.atlas.index_of("wells-3").is_some())
    );
}
