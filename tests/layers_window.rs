//! The reader's layers in the window's data: `--layer` files loaded with the atlas (drawn, in the
//! legend list, linked) and remembered by the library for the next start.
#![cfg(feature = "gui")]

use std::path::PathBuf;

use caspian_atlas::app::Loaded;

fn scratch(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("caspian-layers-window-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        panic!("cannot create {}: {e}", dir.display());
    }
    let path = dir.join(name);
    if let Err(e) = std::fs::write(&path, bytes) {
        panic!("cannot write {}: {e}", path.display());
    }
    path
}

const LAYER: &str = r##"{"type":"FeatureCollection","features":[
{"type":"Feature","id":7,"properties":{"name":"Quellmark","marker-color":"#123456"},"geometry":{"type":"Point","coordinates":[47.2,40.6]}}
]}"##;

fn temp_library(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "caspian-layers-window-lib-{tag}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        panic!("cannot create {}: {e}", dir.display());
    }
    dir.join("library.db")
}

#[test]
fn layer_files_load_with_the_atlas_are_linked_and_remembered() {
    let path = scratch("quell.geojson", LAYER.as_bytes());
    let name = match std::fs::canonicalize(&path) {
        Ok(p) => p.display().to_string(),
        Err(e) => panic!("canonical path: {e}"),
    };
    let db = temp_library("remember");
    let loaded = Loaded::load_with(Some(&db), std::slice::from_ref(&path));
    let Some(i) = loaded.atlas.index_of("quell-7") else {
        panic!("the layer's feature is in the atlas: {:?}", loaded.warnings);
    };
    assert_eq!(loaded.model.user_layers, std::slice::from_ref(&name));
    assert!(loaded.model.geoms.get(i).is_some(), "projected for drawing");
    let Some(f) = loaded.atlas.features().get(i) else {
        panic!("feature {i}");
    };
    assert_eq!(f.user_layer(), Some(name.as_str()));
    // The linker knows the layer's names.
    let Some(linker) = loaded.parts.as_ref().and_then(|p| p.linker.clone()) else {
        panic!("a linker: {:?}", loaded.warnings);
    };
    let text = "We walked from Baku to Quellmark in two days and slept there.";
    let mentions = linker.link_document(&[text]);
    let features: Vec<&str> = mentions
        .iter()
        .flatten()
        .map(|m| m.feature.as_str())
        .collect();
    assert!(features.contains(&"quell-7"), "{features:?}");
    drop(loaded);

    // The next start, without --layer: the library remembers it (and adds it only once).
    let again = Loaded::load_with(Some(&db), &[]);
    assert!(
        again.atlas.index_of("quell-7").is_some(),
        "{:?}",
        again.warnings
    );
    let twice = Loaded::load_with(Some(&db), std::slice::from_ref(&path));
    assert_eq!(twice.model.user_layers, [name]);

    // A layer that cannot be read is a warning naming it; the rest loads.
    let bad = Loaded::load_with(None, &[PathBuf::from("/nonexistent/x.geojson")]);
    assert!(
        bad.warnings
            .iter()
            .any(|w| w.contains("/nonexistent/x.geojson")),
        "{:?}",
        bad.warnings
    );
    assert!(bad.atlas.index_of("azerbaijan").is_some());
}
