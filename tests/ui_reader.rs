//! UI tests of the reading panels on the real embedded geodata and essays, through the real
//! `eframe::App`, with `egui_kittest` (no GPU): select on the map and list passages, click a
//! mention in a passage, search and open, walk the places of a document, restart with a saved
//! state, start with a corrupted one.

use std::collections::HashMap;

use egui::{Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use caspian_atlas::app::{AppOptions, AtlasApp};
use caspian_atlas::map::widget::pick_at;
use caspian_atlas::ui::state::{STORAGE_KEY, Tab};
use caspian_atlas::ui::{Command, Source};

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

fn harness_with(storage: Option<&Memory>) -> Harness<'static, AtlasApp> {
    let storage: Option<Memory> = storage.map(|m| Memory(m.0.clone()));
    let mut h = Harness::builder()
        .with_size(Vec2::new(1600.0, 1000.0))
        .build_eframe(move |cc| {
            let opts = AppOptions {
                load_blocking: true,
                ..AppOptions::default()
            };
            let mut app = AtlasApp::with_options(&opts, &cc.egui_ctx);
            app.load_reading(storage.as_ref().map(|s| s as &dyn eframe::Storage));
            app
        });
    h.run_steps(3);
    h
}

fn harness() -> Harness<'static, AtlasApp> {
    harness_with(None)
}

fn index_of(app: &AtlasApp, id: &str) -> usize {
    app.data
        .as_ref()
        .and_then(|d| d.index_of(id))
        .unwrap_or_else(|| panic!("{id} is in the atlas"))
}

fn selected_id(app: &AtlasApp) -> Option<String> {
    let data = app.data.as_ref()?;
    let i = app.map.selected?;
    data.atlas.features().get(i).map(|f| f.id.clone())
}

/// Send commands as a panel would, then let the frames run.
fn send(h: &mut Harness<'_, AtlasApp>, cmds: &[Command]) {
    h.state_mut().commands.extend(cmds.iter().cloned());
    h.run_steps(5);
}

/// Click at a point, then let enough frames pass that the next click is not a double-click.
fn click_at(h: &mut Harness<'_, AtlasApp>, p: Pos2) {
    h.hover_at(p);
    h.step();
    h.drag_at(p);
    h.step();
    h.event(egui::Event::PointerButton {
        pos: p,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.step();
    h.run_steps(30);
}

/// A point on the map where `id` is the topmost feature, searched around `near` (lon, lat).
fn spot_of(app: &AtlasApp, id: &str, near: (f64, f64)) -> Option<Pos2> {
    let data = app.data.as_ref()?;
    let rect = app.map.last_rect()?;
    let target = data.index_of(id)?;
    let centre = app
        .map
        .view
        .to_screen(rect, data.model.proj.forward(near.0, near.1));
    for r in 0..40 {
        for k in 0..16 {
            let a = k as f32 / 16.0 * std::f32::consts::TAU;
            let p = centre + Vec2::new(a.cos(), a.sin()) * (r as f32 * 4.0);
            if rect.shrink(30.0).contains(p)
                && pick_at(&data.atlas, &data.model, &app.map, rect, p).first() == Some(&target)
            {
                return Some(p);
            }
        }
    }
    None
}

#[test]
fn selecting_azerbaijan_on_the_map_lists_its_passages_with_the_right_count() {
    let mut h = harness();
    let p = spot_of(h.state(), "azerbaijan", (47.4, 40.4)).expect("Azerbaijan is on the map");
    click_at(&mut h, p);
    assert_eq!(selected_id(h.state()).as_deref(), Some("azerbaijan"));

    let (expected, docs) = {
        let app = h.state();
        let data = app.data.as_ref().expect("loaded");
        let i = index_of(app, "azerbaijan");
        let refs = data.library.links.passages_of(i);
        let mut docs: Vec<&str> = refs
            .iter()
            .filter_map(|r| data.library.passages.get(r.passage))
            .map(|p| p.document.as_str())
            .collect();
        docs.sort_unstable();
        docs.dedup();
        (refs.len(), docs.len())
    };
    assert!(expected > 10, "the corpus talks about Azerbaijan a lot");
    h.get_by_label(&format!("{expected} of {expected} passages"));
    h.get_by_label(&format!(
        "Mentioned in {expected} passages of {docs} document{}",
        if docs == 1 { "" } else { "s" }
    ));
    // The passages themselves: their "read in context" buttons are listed (one page of them).
    let buttons = h.query_all_by_label("Read in context").count();
    assert_eq!(buttons, expected.min(60));
    // Reading order keeps the count.
    h.get_by_label("Reading order").click();
    h.run_steps(3);
    h.get_by_label(&format!("{expected} of {expected} passages"));
}

#[test]
fn clicking_a_highlighted_lachin_corridor_selects_the_corridor() {
    let mut h = harness();
    // A passage that mentions the Lachin corridor, and another feature it mentions.
    let (passage, surface, other) = {
        let app = h.state();
        let data = app.data.as_ref().expect("loaded");
        let lc = index_of(app, "lachin-corridor");
        let refs = data.library.links.passages_of(lc);
        let found = refs.iter().find_map(|r| {
            let ms = data.library.links.mentions(r.passage);
            let m = ms.iter().find(|m| m.feature == "lachin-corridor")?;
            let other = ms.iter().find(|o| o.feature != "lachin-corridor")?;
            let p = data.library.passages.get(r.passage)?;
            Some((p.id.clone(), m.surface.clone(), other.feature.clone()))
        });
        found.expect("some passage names the Lachin corridor and another place")
    };
    // Select the other feature; its passage list holds the passage: open it in context.
    send(
        &mut h,
        &[
            Command::SelectFeature(other.clone()),
            Command::OpenPassage(passage),
        ],
    );
    assert_eq!(selected_id(h.state()).as_deref(), Some(other.as_str()));
    assert_eq!(h.state().reading.state.tab, Tab::Reader);
    // A link to the corridor on screen (the reader scrolled to the passage).
    let screen = egui::Rect::from_min_max(Pos2::new(0.0, 60.0), Pos2::new(1600.0, 980.0));
    let link = h
        .get_all_by_label(&surface)
        .find(|n| screen.contains_rect(n.rect()))
        .expect("the mention is a link on screen in the reader");
    // Hovering the mention highlights the corridor on the map; leaving it clears that.
    link.hover();
    h.run_steps(3);
    let lc = index_of(h.state(), "lachin-corridor");
    assert_eq!(h.state().map.highlighted, Some(lc));
    h.hover_at(Pos2::new(5.0, 500.0));
    h.run_steps(3);
    assert_eq!(h.state().map.highlighted, None);
    let link = h
        .get_all_by_label(&surface)
        .find(|n| screen.contains_rect(n.rect()))
        .expect("the mention is a link on screen in the reader");
    link.click();
    h.run_steps(5);
    assert_eq!(selected_id(h.state()).as_deref(), Some("lachin-corridor"));
    assert_eq!(
        h.state().reading.state.selected.as_deref(),
        Some("lachin-corridor")
    );
    assert!(h.state().map.view.is_flying() || h.state().map.view.fly_target().is_none());
}

#[test]
fn searching_zangezur_opens_the_corridor() {
    let mut h = harness();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run_steps(2);
    h.get_by_label("Search").type_text("Zangezur");
    h.run_steps(3);
    assert_eq!(h.state().reading.state.tab, Tab::Search);
    h.get_by_label_contains("Zangezur corridor — Corridor")
        .click();
    h.run_steps(5);
    assert_eq!(selected_id(h.state()).as_deref(), Some("zangezur-corridor"));
    // The card shows it (its heading; the map may show the same name).
    assert!(h.query_all_by_label("Zangezur corridor").count() >= 1);
    assert_eq!(h.state().reading.state.tab, Tab::Feature);
}

#[test]
fn search_tolerates_typos_and_diacritics() {
    let mut h = harness();
    for (query, id) in [
        ("Zangazur", "zangezur-corridor"),
        ("Nakhichevan", "nakhchivan"),
        ("Turkiye", "turkey"),
    ] {
        h.state_mut().reading.query = query.to_string();
        h.run_steps(2);
        let app = h.state_mut();
        let data = app.data.as_ref().expect("loaded");
        let view = data.view();
        let top: Vec<String> = app
            .reading
            .search_results(&view)
            .iter()
            .take(3)
            .filter_map(|r| match r.target {
                caspian_atlas::ui::HitTarget::Feature(f) => {
                    view.features().get(f).map(|f| f.id.clone())
                }
                caspian_atlas::ui::HitTarget::Passage(_) => None,
            })
            .collect();
        assert!(
            top.iter().any(|t| t == id),
            "{query} → {top:?}, expected {id}"
        );
    }
}

#[test]
fn next_place_walks_the_document_and_moves_the_selection() {
    let mut h = harness();
    // A document with at least three mentions of two different features.
    let (passage, expected) = {
        let app = h.state();
        let data = app.data.as_ref().expect("loaded");
        let view = data.view();
        let found = (0..view.documents().len()).find_map(|d| {
            let order = view.document_passages(d);
            let features: Vec<String> = order
                .iter()
                .flat_map(|&p| view.mentions(p).iter().map(|m| m.feature.clone()))
                .collect();
            let distinct = features
                .iter()
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            let first = order.iter().find(|&&p| !view.mentions(p).is_empty())?;
            (features.len() >= 3 && distinct >= 2)
                .then(|| (view.passages()[*first].id.clone(), features))
        });
        found.expect("a document names several places")
    };
    send(&mut h, &[Command::OpenPassage(passage)]);
    let mut seen = Vec::new();
    for _ in 0..3 {
        h.get_by_label("Next place ›").click();
        h.run_steps(4);
        seen.push(selected_id(h.state()).expect("a place is selected"));
    }
    assert_eq!(seen, expected[..3].to_vec());
    h.get_by_label("‹ Previous place").click();
    h.run_steps(4);
    assert_eq!(selected_id(h.state()).as_ref(), expected.get(1));
}

#[test]
fn escape_clears_and_arrows_move_through_passages() {
    let mut h = harness();
    send(&mut h, &[Command::SelectFeature("azerbaijan".into())]);
    assert_eq!(h.state().reading.cursor_position(), 0);
    h.key_press(egui::Key::ArrowDown);
    h.run_steps(2);
    h.key_press(egui::Key::PageDown);
    h.run_steps(2);
    assert_eq!(h.state().reading.cursor_position(), 6);
    h.key_press(egui::Key::Escape);
    h.run_steps(3);
    assert_eq!(selected_id(h.state()), None);
    assert_eq!(h.state().reading.state.selected, None);
}

#[test]
fn a_restart_with_a_saved_state_brings_the_selection_back() {
    let mut storage = Memory::default();
    {
        let mut h = harness();
        send(
            &mut h,
            &[
                Command::SelectFeature("btc-pipeline".into()),
                Command::FlyToFeature("btc-pipeline".into()),
            ],
        );
        h.state_mut().reading.state.choropleth = true;
        h.run_steps(2);
        eframe::App::save(h.state_mut(), &mut storage);
    }
    assert!(storage.0.contains_key(STORAGE_KEY));
    let h = harness_with(Some(&storage));
    assert_eq!(selected_id(h.state()).as_deref(), Some("btc-pipeline"));
    assert!(h.state().reading.state.choropleth);
    assert!(h.state().reading.warnings.is_empty());
    h.get_by_label("Passages mentioning:");
}

#[test]
fn a_corrupted_state_gives_a_warning_and_a_working_app() {
    let mut storage = Memory::default();
    storage
        .0
        .insert(STORAGE_KEY.to_string(), "{\"selected\": [tru".to_string());
    let mut h = harness_with(Some(&storage));
    assert_eq!(selected_id(h.state()), None);
    let warning = h
        .state()
        .reading
        .warnings
        .first()
        .cloned()
        .expect("a warning");
    assert!(warning.contains("corrupted"), "{warning}");
    h.get_by_label_contains("corrupted");
    // The app still works: select something and get its card.
    send(&mut h, &[Command::SelectFeature("georgia".into())]);
    assert_eq!(selected_id(h.state()).as_deref(), Some("georgia"));
    h.get_by_label_contains("Mentioned in");
}

#[test]
fn the_select_option_opens_the_app_on_a_feature() {
    let mut h = Harness::builder()
        .with_size(Vec2::new(1600.0, 1000.0))
        .build_eframe(|cc| {
            let opts = AppOptions {
                load_blocking: true,
                select: Some("btc-pipeline".into()),
                ..AppOptions::default()
            };
            AtlasApp::with_options(&opts, &cc.egui_ctx)
        });
    h.run_steps(5);
    assert_eq!(selected_id(h.state()).as_deref(), Some("btc-pipeline"));
    assert_eq!(
        h.state().reading.state.selected.as_deref(),
        Some("btc-pipeline")
    );
    h.get_by_label_contains("Mentioned in");
}

#[test]
fn a_document_filter_narrows_the_passages_and_the_choropleth() {
    let mut h = harness();
    send(&mut h, &[Command::SelectFeature("azerbaijan".into())]);
    let (title, in_doc, total) = {
        let app = h.state();
        let data = app.data.as_ref().expect("loaded");
        let refs = data.library.links.passages_of(index_of(app, "azerbaijan"));
        let first = refs
            .first()
            .and_then(|r| data.library.passages.get(r.passage))
            .expect("a passage");
        let in_doc = refs
            .iter()
            .filter_map(|r| data.library.passages.get(r.passage))
            .filter(|p| p.document == first.document)
            .count();
        let doc = data
            .library
            .documents
            .iter()
            .find(|d| d.id == first.document)
            .expect("its document");
        (doc.title.clone(), in_doc, refs.len())
    };
    assert!(in_doc < total, "the mentions span several documents");
    h.get_by_label("Filters").click();
    h.run_steps(3);
    h.get_by_role_and_label(egui::accesskit::Role::CheckBox, &title)
        .click();
    h.run_steps(3);
    h.get_by_label(&format!("{in_doc} of {total} passages"));

    h.get_by_label("Passages on the map").click();
    h.run_steps(3);
    let counts = h
        .state()
        .passage_counts
        .clone()
        .expect("counts for the map");
    assert_eq!(counts.get("azerbaijan"), Some(&in_doc));
    h.get_by_label("Passages mentioning:");
}

/// The width of the map, whose right edge is the reading panel's left edge.
fn map_rect(h: &Harness<'_, AtlasApp>) -> egui::Rect {
    match h.state().map.last_rect() {
        Some(r) => r,
        None => panic!("the map has been drawn"),
    }
}

#[test]
fn the_reading_panel_is_resized_by_dragging_its_edge_and_keeps_its_width() {
    let mut h = harness();
    let before = map_rect(&h);
    // Drag the panel's left edge (the map's right edge) 160 points to the left.
    let edge = Pos2::new(before.right() + 1.0, before.center().y);
    h.hover_at(edge);
    h.step();
    h.drag_at(edge);
    h.step();
    for k in 1..=8 {
        h.hover_at(Pos2::new(edge.x - 20.0 * k as f32, edge.y));
        h.step();
    }
    h.event(egui::Event::PointerButton {
        pos: Pos2::new(edge.x - 160.0, edge.y),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run_steps(5);
    let after = map_rect(&h);
    assert!(
        (before.width() - after.width() - 160.0).abs() < 12.0,
        "map {} → {} wide",
        before.width(),
        after.width()
    );
    // Selecting a feature (new content in the panel) does not move the edge.
    send(&mut h, &[Command::SelectFeature("azerbaijan".into())]);
    let selected = map_rect(&h);
    assert!((selected.width() - after.width()).abs() < 1.0);
    // Nor does opening a long passage in the reader.
    let passage = "baku-dialogues-2021-06#p4".to_string();
    send(&mut h, &[Command::OpenPassage(passage)]);
    let reading = map_rect(&h);
    assert!((reading.width() - after.width()).abs() < 1.0);
}

/// A file dropped on the window, as the platform layer would hand it over.
#[derive(Debug)]
struct Dropped {
    path: std::path::PathBuf,
    bytes: Result<Vec<u8>, String>,
}

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.path
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        self.bytes.clone()
    }
}

fn drop_file(h: &mut Harness<'_, AtlasApp>, path: &str, bytes: Result<Vec<u8>, String>) {
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped {
            path: path.into(),
            bytes,
        }));
    h.run_steps(2);
    // The import runs on the library worker: let frames pass until it is done.
    for _ in 0..1000 {
        if !h.state().importing() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    h.run_steps(3);
}

#[test]
fn a_text_dropped_on_the_window_is_linked_and_opens_in_the_reader() {
    let mut h = harness();
    let before = h
        .state()
        .data
        .as_ref()
        .map_or(0, |d| d.library.documents.len());
    let text = "Ferries on the Caspian\n\nFreight crosses Kazakhstan to the port of Aktau and sails \
                to Baku.\n\nFrom Baku the railway runs through Georgia to Kars.\n";
    drop_file(
        &mut h,
        "/home/reader/ferries.txt",
        Ok(text.as_bytes().to_vec()),
    );
    let app = h.state();
    let Some(data) = app.data.as_ref() else {
        panic!("loaded");
    };
    assert_eq!(data.library.documents.len(), before + 1);
    let doc = data
        .library
        .documents
        .last()
        .map(|d| (d.id.clone(), d.title.clone()));
    assert_eq!(
        doc,
        Some(("ferries".to_string(), "Ferries on the Caspian".to_string()))
    );
    // Its passages are linked to the map like the shipped essays.
    let view = data.view();
    let aktau = index_of(app, "aktau");
    assert!(
        view.passages_of(aktau)
            .iter()
            .any(|r| view.passages()[r.passage].document == "ferries"),
        "Aktau links to the new text"
    );
    assert_eq!(app.reading.state.tab, Tab::Reader);
    assert!(
        app.reading
            .notices
            .iter()
            .any(|n| n.contains("ferries.txt"))
    );
    h.get_by_label_contains("Added “Ferries on the Caspian”");
    // The name in the text is a link: clicking it selects the place.
    h.get_by_label("Aktau").click();
    h.run_steps(5);
    assert_eq!(selected_id(h.state()).as_deref(), Some("aktau"));
    // The same file again gets its own id; a PDF by name that is none is refused with a warning
    // naming it.
    drop_file(
        &mut h,
        "/home/reader/ferries.txt",
        Ok(text.as_bytes().to_vec()),
    );
    assert!(
        h.state().data.as_ref().is_some_and(|d| d
            .library
            .documents
            .iter()
            .any(|x| x.id == "ferries-2"))
    );
    drop_file(
        &mut h,
        "/home/reader/scan.pdf",
        Ok(vec![0x25, 0x50, 0x44, 0x46, 0, 1, 2]),
    );
    let warnings = &h.state().reading.warnings;
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("scan.pdf") && w.contains("corrupt or truncated PDF")),
        "{warnings:?}"
    );
    drop_file(
        &mut h,
        "/home/reader/gone.txt",
        Err("permission denied".into()),
    );
    assert!(
        h.state()
            .reading
            .warnings
            .iter()
            .any(|w| w.contains("gone.txt"))
    );
}
