//! The reader's layers in the window's data: `--layer` files loaded with the atlas (drawn, in the
//! legend list, linked), and a layer added later the way a dropped `.geojson` will be.
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

#[test]
fn layer_files_load_with_the_atlas_and_can_be_added_later() {
    let path = scratch("quell.geojson", LAYER.as_bytes());
    let name = path.display().to_string();
    let loaded = Loaded::load_with_layers(std::slice::from_ref(&path));
    let Some(i) = loaded.atlas.index_of("quell-7") else {
        panic!("the layer's feature is in the atlas: {:?}", loaded.warnings);
    };
    assert_eq!(loaded.model.user_layers, std::slice::from_ref(&name));
    assert!(loaded.model.geoms.get(i).is_some(), "projected for drawing");
    let Some(f) = loaded.atlas.features().get(i) else {
        panic!("feature {i}");
    };
    assert_eq!(f.user_layer(), Some(name.as_str()));

    // Added later (a dropped file): the map and the linker know it.
    let mut later = Loaded::load();
    let report = match later.add_layer(&path) {
        Ok(r) => r,
        Err(e) => panic!("the layer is added: {e}"),
    };
    assert_eq!(report.added, 1);
    // A layer that cannot be read is refused by name; the data is left as it was.
    match later.add_layer(std::path::Path::new("/nonexistent/x.geojson")) {
        Err(e) => assert!(e.contains("/nonexistent/x.geojson"), "{e}"),
        Ok(r) => panic!("a missing file is refused, got {r:?}"),
    }
    assert!(later.atlas.index_of("quell-7").is_some());
    assert_eq!(later.model.user_layers, [name]);
    let text = b"Notes\n\nWe walked from Baku to Quellmark in two days and slept there.\n";
    let added = match later.add_text("notes.txt", text) {
        Ok(a) => a,
        Err(e) => panic!("the text is added: {e}"),
    };
    assert!(
        added.mentions >= 2,
        "Baku and Quellmark are linked: {added:?}"
    );
}
