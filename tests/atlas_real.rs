//! The shipped geodata: loads without a problem, has every required feature, and picking real
//! places gives the expected stack of features.

use std::path::Path;
use std::process::Command;

use caspian_atlas::atlas::{Atlas, Kind};

fn ids_at(atlas: &Atlas, lon: f64, lat: f64, tol: f64) -> Vec<String> {
    atlas
        .pick(lon, lat, tol)
        .into_iter()
        .map(|i| atlas.features()[i].id.clone())
        .collect()
}

fn pos(ids: &[String], id: &str) -> usize {
    ids.iter()
        .position(|x| x == id)
        .unwrap_or_else(|| panic!("{id} missing from {ids:?}"))
}

fn countries_in(atlas: &Atlas, ids: &[String]) -> Vec<String> {
    ids.iter()
        .filter(|id| atlas.get(id).is_some_and(|f| f.kind == Kind::Country))
        .cloned()
        .collect()
}

#[test]
fn shipped_layers_load_without_problems() {
    let embedded = Atlas::load_embedded();
    let msgs: Vec<String> = embedded.warnings().iter().map(|w| w.to_string()).collect();
    assert!(msgs.is_empty(), "{}", msgs.join("\n"));
    assert_eq!(embedded.file_count(), 9);
    assert!(embedded.features().len() > 100);
    let dir = Atlas::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata"));
    assert!(dir.warnings().is_empty());
    let a: Vec<&str> = embedded.features().iter().map(|f| f.id.as_str()).collect();
    let b: Vec<&str> = dir.features().iter().map(|f| f.id.as_str()).collect();
    assert_eq!(a, b);
}

#[test]
fn every_required_feature_is_present_with_its_kind() {
    let atlas = Atlas::embedded();
    let tsv = include_str!("fixtures/required-features.tsv");
    let mut missing = Vec::new();
    let mut count = 0;
    for line in tsv.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let mut cols = line.split('\t');
        let (Some(id), Some(kind)) = (cols.next(), cols.next()) else {
            panic!("bad TSV line {line:?}");
        };
        count += 1;
        match atlas.get(id) {
            Some(f) if f.kind.as_str() == kind => {}
            Some(f) => missing.push(format!("{id}: kind {} instead of {kind}", f.kind)),
            None => missing.push(format!("{id}: missing")),
        }
    }
    assert!(count > 100, "only {count} required features read");
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn features_are_in_layer_order_then_id_and_inside_the_map() {
    let atlas = Atlas::embedded();
    let layers = [
        "countries",
        "water",
        "regions",
        "cities",
        "fields",
        "pipelines",
        "corridors",
        "physical",
        "places",
    ];
    let keys: Vec<(usize, String)> = (0..atlas.features().len())
        .map(|i| {
            let layer = atlas.layer(i).unwrap();
            (
                layers.iter().position(|l| *l == layer).unwrap(),
                atlas.features()[i].id.clone(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    for (i, f) in atlas.features().iter().enumerate() {
        assert_eq!(atlas.index_of(&f.id), Some(i));
        let b = atlas.bbox(i).unwrap();
        assert!(
            b.min().x >= -180.0 && b.max().x <= 180.0 && b.min().y >= -90.0 && b.max().y <= 90.0
        );
    }
}

#[test]
fn baku_is_a_city_in_azerbaijan() {
    let atlas = Atlas::embedded();
    let ids = ids_at(atlas, 49.867, 40.409, 0.1);
    assert_eq!(ids.first().map(String::as_str), Some("baku"));
    assert_eq!(countries_in(atlas, &ids), ["azerbaijan"]);
    assert!(pos(&ids, "baku") < pos(&ids, "azerbaijan"));
    assert!(pos(&ids, "azerbaijan") < pos(&ids, "south-caucasus"));
}

#[test]
fn nakhchivan_city_is_in_its_region_in_azerbaijan() {
    let atlas = Atlas::embedded();
    let ids = ids_at(atlas, 45.41, 39.209, 0.1);
    assert_eq!(ids.first().map(String::as_str), Some("nakhchivan-city"));
    assert!(pos(&ids, "nakhchivan-city") < pos(&ids, "nakhchivan"));
    assert!(pos(&ids, "nakhchivan") < pos(&ids, "azerbaijan"));
    assert_eq!(countries_in(atlas, &ids), ["azerbaijan"]);
}

#[test]
fn btc_runs_through_georgia_near_tbilisi() {
    let atlas = Atlas::embedded();
    // A point of the surveyed BTC route south of Tbilisi (GEM, used only to check).
    let ids = ids_at(atlas, 44.83035, 41.50384, 0.1);
    assert!(pos(&ids, "btc-pipeline") < pos(&ids, "georgia"), "{ids:?}");
    assert_eq!(countries_in(atlas, &ids), ["georgia"]);
    // Far from any route, no pipeline.
    let ids = ids_at(atlas, 42.3, 42.6, 0.1);
    assert!(!ids.contains(&"btc-pipeline".to_string()), "{ids:?}");
}

#[test]
fn middle_of_the_caspian_is_sea_and_no_country() {
    let atlas = Atlas::embedded();
    let ids = ids_at(atlas, 51.0, 42.0, 0.1);
    assert!(ids.contains(&"caspian-sea".to_string()), "{ids:?}");
    assert!(countries_in(atlas, &ids).is_empty(), "{ids:?}");
}

#[test]
fn at_cli_lists_baku_topmost_first() {
    let o = Command::new(env!("CARGO_BIN_EXE_caspian-atlas"))
        .args(["at", "49.867", "40.409", "--json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(rows[0]["id"], "baku");
    assert_eq!(rows[0]["kind"], "city");
    assert_eq!(rows[0]["name"], "Baku");
    assert!(
        rows.iter()
            .any(|r| r["id"] == "azerbaijan" && r["kind"] == "country")
    );
    let o = Command::new(env!("CARGO_BIN_EXE_caspian-atlas"))
        .args(["at", "49.867", "40.409"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    let first = text.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("baku ") && first.contains("city") && first.ends_with("Baku"),
        "{text}"
    );
}
