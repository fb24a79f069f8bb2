//! The window's Export dialog, driven like a reader with `egui_kittest` on the real data: the map
//! as shown (its selection, its size) to SVG and PNG, the selected feature's passages to a
//! Markdown briefing that follows the reading filters, the files parsed back.

use std::path::{Path, PathBuf};

use egui::Vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use caspian_atlas::app::{AppOptions, AtlasApp};
use caspian_atlas::ui::Command;

fn harness() -> Harness<'static, AtlasApp> {
    let mut h = Harness::builder()
        .with_size(Vec2::new(1400.0, 900.0))
        .build_eframe(|cc| {
            let opts = AppOptions {
                load_blocking: true,
                ..AppOptions::default()
            };
            AtlasApp::with_options(&opts, &cc.egui_ctx)
        });
    h.run_steps(3);
    h
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("caspian-ui-export-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        panic!("{}: {e}", dir.display());
    }
    dir
}

/// The window with a feature selected and the Export dialog opened from the toolbar.
fn dialog_on(feature: &str) -> Harness<'static, AtlasApp> {
    let mut h = harness();
    h.state_mut()
        .commands
        .push(Command::SelectFeature(feature.into()));
    h.run_steps(3);
    h.get_by_label("Export…").click();
    h.run_steps(2);
    h
}

/// Replace a labelled text field's text (as a screen reader or an input method would).
fn set_field(h: &mut Harness<'_, AtlasApp>, label: &str, text: &str) {
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, label)
        .set_text_value_accesskit(text);
    h.run_steps(2);
    let now = h
        .get_by_role_and_label(egui::accesskit::Role::TextInput, label)
        .value();
    assert_eq!(
        now.as_deref(),
        Some(text),
        "the {label} field takes the text"
    );
}

/// Press Export and let the writer thread finish (frames a tenth of a second apart).
fn export_and_wait(h: &mut Harness<'_, AtlasApp>, file: &Path) {
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Export")
        .click();
    for _ in 0..600 {
        h.step();
        if file.exists() && !h.state().exports.dialog.busy {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.run_steps(2);
    assert!(
        file.exists(),
        "{} was written; the dialog says {:?}",
        file.display(),
        h.state().exports.dialog.status
    );
    let said = format!("{:?}", h.state().exports.dialog.status);
    assert!(
        said.contains("Wrote") && said.contains(&*file.to_string_lossy()),
        "{said}"
    );
}

#[test]
fn the_map_as_shown_goes_to_svg_and_png_with_its_selection() {
    let dir = scratch("map");
    let mut h = dialog_on("azerbaijan");
    set_field(&mut h, "Folder", &dir.to_string_lossy());
    set_field(&mut h, "File name", "view");
    set_field(&mut h, "Size", "900x600");
    let svg = dir.join("view.svg");
    export_and_wait(&mut h, &svg);
    let text = std::fs::read_to_string(&svg).unwrap_or_default();
    let doc = match roxmltree::Document::parse(&text) {
        Ok(d) => d,
        Err(e) => panic!("the exported SVG is XML: {e}"),
    };
    let root = doc.root_element();
    assert_eq!(root.attribute("width"), Some("900"));
    assert_eq!(root.attribute("height"), Some("600"));
    let selected = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("selected"))
        .and_then(|n| n.attribute("data-feature"));
    assert_eq!(selected, Some("azerbaijan"), "the selection is drawn");

    // PNG at the size typed, whatever the window's size.
    h.get_by_label("PNG").click();
    h.run_steps(1);
    let png = dir.join("view.png");
    export_and_wait(&mut h, &png);
    let bytes = std::fs::read(&png).unwrap_or_default();
    assert_eq!(bytes.get(1..4), Some(&b"PNG"[..]));
    let be = |r: std::ops::Range<usize>| {
        bytes
            .get(r)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    assert_eq!((be(16..20), be(20..24)), (Some(900), Some(600)));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_features_passages_go_to_a_briefing_that_follows_the_filters() {
    let dir = scratch("passages");
    let mut h = dialog_on("lachin-corridor");
    h.get_by_label("Passages").click();
    h.run_steps(1);
    set_field(&mut h, "Folder", &dir.to_string_lossy());
    let all = dir.join("caspian-atlas-passages.md");
    export_and_wait(&mut h, &all);
    let md = std::fs::read_to_string(&all).unwrap_or_default();
    assert!(md.contains("Lachin"), "{md}");
    let cited: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("## ") && *l != "## References")
        .collect();
    assert!(
        cited.len() >= 2,
        "several documents speak of Lachin: {cited:?}"
    );

    // Only one document: the briefing follows the panel's filter.
    let keep = {
        let app = h.state();
        let Some(data) = &app.data else {
            panic!("loaded")
        };
        let lib = &data.library;
        let Some(i) = lib.passages.iter().position(|p| p.text.contains("Lachin")) else {
            panic!("a passage names Lachin")
        };
        lib.passages[i].document.clone()
    };
    h.state_mut().reading.state.filters.documents = vec![keep.clone()];
    h.run_steps(2);
    set_field(&mut h, "File name", "one");
    let one = dir.join("one.md");
    export_and_wait(&mut h, &one);
    let md1 = std::fs::read_to_string(&one).unwrap_or_default();
    let cited1: Vec<&str> = md1
        .lines()
        .filter(|l| l.starts_with("## ") && *l != "## References")
        .collect();
    assert_eq!(cited1.len(), 1, "{cited1:?}");
    assert!(md1.len() < md.len());
    let _ = std::fs::remove_dir_all(&dir);
}
