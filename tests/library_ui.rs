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

mod annotations {
    //! The Notes and Corrections views (listing, undo and remove emit their commands, an edit
    //! saves), drawn alone over a small library; and the window storing them through the
    //! library worker so they survive a restart.

    use super::*;
    use caspian_atlas::atlas::Atlas;
    use caspian_atlas::corpus::{Document, Passage};
    use caspian_atlas::library::corrections::{Action, Correction, NewCorrection, Scope};
    use caspian_atlas::library::notes::{Note, NoteContent, Target};
    use caspian_atlas::links::correct;
    use caspian_atlas::links::{Links, Mention, MentionKind, SearchIndex};
    use caspian_atlas::ui::state::Tab;
    use caspian_atlas::ui::{Library, Reading};

    const TEXT: &str = "The ferry from Aktau reached Baku after two days at anchor.";

    fn library(features: &[caspian_atlas::atlas::Feature]) -> Library {
        let doc = Document {
            id: "ferry".into(),
            title: "Ferry Notes".into(),
            title_supplied: false,
            authors: vec!["A. Reader".into()],
            outlet: String::new(),
            date: "2026".into(),
            source: "ferry.txt".into(),
            byline_note: None,
        };
        let passage = Passage {
            id: "ferry#p1".into(),
            document: "ferry".into(),
            index: 0,
            heading: None,
            text: TEXT.into(),
        };
        let at = TEXT.find("Aktau").unwrap_or(0);
        let mentions = vec![vec![Mention {
            feature: "aktau".into(),
            start: at,
            end: at + 5,
            surface: "Aktau".into(),
            kind: MentionKind::Name,
        }]];
        let passages = vec![passage];
        let links = Links::from_stored(features, mentions);
        let search = SearchIndex::from_parts(features, &passages);
        let mut lib = Library::new(vec![doc], passages, links, search);
        let stamp = "2026-12-05T20:00:00Z".to_string();
        let note = |id, target, content| Note {
            id,
            target,
            content,
            created_at: stamp.clone(),
            updated_at: stamp.clone(),
        };
        lib.notes = vec![
            note(
                1,
                Target::Highlight,
                NoteContent {
                    passage: Some("ferry#p1".into()),
                    quote: "two days at anchor".into(),
                    colour: "#8fd18f".into(),
                    body: "Why *so long*?".into(),
                    ..NoteContent::default()
                },
            ),
            note(
                2,
                Target::Feature,
                NoteContent {
                    feature: Some("aktau".into()),
                    body: "Port capacity doubled".into(),
                    ..NoteContent::default()
                },
            ),
            note(
                3,
                Target::Highlight,
                NoteContent {
                    passage: Some("ferry#p1".into()),
                    quote: "a storm in the strait".into(),
                    body: "Lost words".into(),
                    ..NoteContent::default()
                },
            ),
        ];
        lib.corrections = vec![Correction {
            id: 7,
            correction: NewCorrection {
                scope: Scope::Everywhere,
                document: Some("ferry".into()),
                passage: Some("ferry#p1".into()),
                span: None,
                surface: "Baku".into(),
                action: Action::NotThisPlace("aktau".into()),
            },
            created_at: stamp.clone(),
        }];
        lib
    }

    struct Panel {
        reading: Reading,
        lib: Library,
        features: Vec<caspian_atlas::atlas::Feature>,
        out: Vec<Command>,
    }

    fn panel(tab: Tab) -> Harness<'static, Panel> {
        let features = Atlas::load_embedded().features().to_vec();
        let lib = library(&features);
        let mut reading = Reading::default();
        reading.state.tab = tab;
        let state = Panel {
            reading,
            lib,
            features,
            out: Vec::new(),
        };
        let mut h = Harness::builder()
            .with_size(Vec2::new(700.0, 900.0))
            .build_ui_state(
                |ui, p: &mut Panel| {
                    let view = p.lib.view(&p.features);
                    p.reading.show(ui, &view, &mut p.out);
                },
                state,
            );
        h.run_steps(2);
        h
    }

    #[test]
    fn the_notes_view_lists_places_and_edits_and_keeps_what_cannot_be_placed() {
        let mut h = panel(Tab::Notes);
        h.get_by_label("3 notes");
        h.get_by_label("Ferry Notes");
        h.get_by_label("Notes on places");
        h.get_by_label_contains("Could not be placed (1)");
        h.get_by_label("\u{201c}a storm in the strait\u{201d}");
        // The Markdown body is rendered: the emphasis is its own text run.
        h.get_by_label_contains("so long");
        assert_eq!(h.query_all_by_label_contains("*so long*").count(), 0);
        // A link back to the passage.
        h.get_by_label("\u{b6} 1 of Ferry Notes").click();
        h.run_steps(2);
        assert!(
            h.state()
                .out
                .contains(&Command::OpenPassage("ferry#p1".into()))
        );
        // By place: the highlight goes under nothing (no mention in its words), the feature
        // note under Aktau.
        h.get_by_label("By place").click();
        h.run_steps(2);
        assert!(
            h.query_all_by_label("Aktau").count() >= 2,
            "a heading and a link"
        );
        h.get_by_label("No place named");
        // The filter keeps only what matches.
        h.state_mut().reading.notes_view.filter = "capacity".into();
        h.run_steps(2);
        h.get_by_label("1 of 3 notes match");
        assert_eq!(h.query_all_by_label("No place named").count(), 0);
        h.state_mut().reading.notes_view.filter.clear();
        // Edit a note: change its body and save.
        h.state_mut().reading.notes_view.by_feature = false;
        h.run_steps(2);
        // The unplaced note comes first, then the highlight on the ferry passage.
        let Some(edit) = h.query_all_by_label("Edit").nth(1) else {
            panic!("an Edit button");
        };
        edit.click();
        h.run_steps(2);
        h.get_by_role(egui::accesskit::Role::MultilineTextInput)
            .focus();
        h.run_steps(2);
        h.get_by_role(egui::accesskit::Role::MultilineTextInput)
            .type_text(" Ask the port.");
        h.run_steps(2);
        h.get_by_label("Save").click();
        h.run_steps(2);
        let edited = h.state().out.iter().find_map(|c| match c {
            Command::EditNote { id, body, .. } => Some((*id, body.clone())),
            _ => None,
        });
        let Some((id, body)) = edited else {
            panic!("Save emits EditNote");
        };
        assert_eq!(id, 1);
        assert!(
            body.contains("Why *so long*?") && body.contains("Ask the port."),
            "{body}"
        );
        // Remove asks first.
        let Some(remove) = h.query_all_by_label("Remove\u{2026}").next() else {
            panic!("a Remove button");
        };
        remove.click();
        h.run_steps(2);
        h.get_by_label("Remove").click();
        h.run_steps(2);
        assert!(
            h.state()
                .out
                .iter()
                .any(|c| matches!(c, Command::RemoveNote(_)))
        );
    }

    #[test]
    fn the_corrections_view_lists_and_undo_emits() {
        let mut h = panel(Tab::Corrections);
        h.get_by_label("1 correction");
        h.get_by_label("\u{201c}Baku\u{201d}");
        h.get_by_label_contains("not this place");
        h.get_by_label_contains("Aktau");
        h.get_by_label("everywhere");
        h.get_by_label("made in Ferry Notes").click();
        h.run_steps(2);
        assert!(
            h.state()
                .out
                .contains(&Command::OpenPassage("ferry#p1".into()))
        );
        h.get_by_label("Undo").click();
        h.run_steps(2);
        assert!(h.state().out.contains(&Command::UndoCorrection(7)));
    }

    #[test]
    fn search_finds_notes() {
        let mut h = panel(Tab::Search);
        h.state_mut().reading.query = "capacity".into();
        h.run_steps(2);
        h.get_by_label_contains("1 note");
        h.get_by_label_contains("Port capacity doubled").click();
        h.run_steps(2);
        assert!(
            h.state()
                .out
                .contains(&Command::SelectFeature("aktau".into()))
        );
    }

    fn mentions_of(h: &Harness<'_, AtlasApp>, doc: &str, feature: &str) -> usize {
        h.state().data.as_ref().map_or(0, |d| {
            d.library
                .passages
                .iter()
                .enumerate()
                .filter(|(_, p)| p.document == doc)
                .flat_map(|(i, _)| d.library.links.mentions(i))
                .filter(|m| m.feature == feature)
                .count()
        })
    }

    #[test]
    fn the_window_stores_corrections_and_notes_and_a_restart_brings_them_back() {
        let dir = temp_dir("annotations");
        let db = dir.join("library.db");
        let file = dir.join("ferry-notes.txt");
        let text = "Ferry Notes\n\nThe ferry from Aktau reached Baku after two days at anchor.\n";
        if let Err(e) = std::fs::write(&file, text) {
            panic!("write: {e}");
        }
        {
            let mut h = harness(&db, None);
            h.state_mut()
                .import_paths(std::slice::from_ref(&file), false);
            settle(&mut h);
            assert_eq!(mentions_of(&h, "ferry-notes", "aktau"), 1, "linked");
            let at = text.find("Aktau").unwrap_or(0) - "Ferry Notes\n\n".len();
            h.state_mut()
                .commands
                .push(Command::Correct(correct::Correction {
                    scope: correct::Scope::Document,
                    document: "ferry-notes".into(),
                    passage: "ferry-notes#p1".into(),
                    start: at,
                    end: at + 5,
                    surface: "Aktau".into(),
                    action: correct::Action::NotAPlace,
                }));
            h.state_mut().commands.push(Command::AddNote(
                Target::Feature,
                NoteContent {
                    feature: Some("baku".into()),
                    body: "First draft".into(),
                    ..NoteContent::default()
                },
            ));
            h.run_steps(2);
            settle(&mut h);
            assert_eq!(
                mentions_of(&h, "ferry-notes", "aktau"),
                0,
                "applied at once"
            );
            let id = h
                .state()
                .data
                .as_ref()
                .and_then(|d| d.library.notes.first().map(|n| n.id));
            let Some(id) = id else {
                panic!("the note is in the window's library");
            };
            h.state_mut().commands.push(Command::EditNote {
                id,
                body: "Second draft".into(),
                colour: "green".into(),
            });
            h.run_steps(2);
            settle(&mut h);
        }
        // A restart: both are back, the correction applied.
        let mut h = harness(&db, None);
        settle(&mut h);
        assert_eq!(
            mentions_of(&h, "ferry-notes", "aktau"),
            0,
            "still corrected"
        );
        assert_eq!(mentions_of(&h, "ferry-notes", "baku"), 1);
        let (notes, corrections) = h.state().data.as_ref().map_or((Vec::new(), 0), |d| {
            (
                d.library
                    .notes
                    .iter()
                    .map(|n| n.content.body.clone())
                    .collect(),
                d.library.corrections.len(),
            )
        });
        assert_eq!(notes, ["Second draft"]);
        assert_eq!(corrections, 1);
        // The Library tab counts the places as corrected: Baku, not Aktau.
        let places = h.state().data.as_ref().and_then(|d| {
            caspian_atlas::ui::library_view::rows(&d.view(), &d.stored)
                .into_iter()
                .find(|r| r.key == "ferry-notes")
                .map(|r| r.places)
        });
        assert_eq!(places, Some(1), "places counted with the correction");
        // Undo from the Corrections view: the linker's own link is back.
        h.state_mut().reading.state.tab = Tab::Corrections;
        h.run_steps(2);
        h.get_by_label("Undo").click();
        h.run_steps(2);
        settle(&mut h);
        assert_eq!(mentions_of(&h, "ferry-notes", "aktau"), 1, "undone");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
