//! The reader's own GeoJSON layers: QGIS and geojson.io exports load, another CRS is refused,
//! `check` takes them as RFC 7946, and `--layer` makes their features link, list and pick.

use std::path::PathBuf;
use std::process::{Command, Output};

use caspian_atlas::atlas::{Atlas, AtlasError, Kind, Reason};

fn run(args: &[&str]) -> Output {
    match Command::new(env!("CARGO_BIN_EXE_caspian-atlas"))
        .args(args)
        .output()
    {
        Ok(o) => o,
        Err(e) => panic!("cannot run caspian-atlas: {e}"),
    }
}

fn scratch(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("caspian-layers-user-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        panic!("cannot create {}: {e}", dir.display());
    }
    let path = dir.join(name);
    if let Err(e) = std::fs::write(&path, bytes) {
        panic!("cannot write {}: {e}", path.display());
    }
    path
}

/// A QGIS-style export: an old-style `crs` naming CRS84, `NAME_EN`, numeric ids, 3-D positions,
/// a feature with `"properties": null` and one with no id at all.
fn qgis_export() -> String {
    r#"{
"type": "FeatureCollection",
"name": "my_towns",
"crs": { "type": "name", "properties": { "name": "urn:ogc:def:crs:OGC:1.3:CRS84" } },
"features": [
{ "type": "Feature", "id": 1, "properties": { "fid": 1, "NAME_EN": "Zorbistan Station", "label": "Zorbistan St." }, "geometry": { "type": "Point", "coordinates": [ 47.123456789, 40.5, 120.0 ] } },
{ "type": "Feature", "id": 2, "properties": { "fid": 2, "ADM1_EN": "Quellmark Valley", "pop": 1200 }, "geometry": { "type": "Polygon", "coordinates": [ [ [ 46.0, 41.0, 0 ], [ 46.5, 41.0, 0 ], [ 46.5, 41.5, 0 ], [ 46.0, 41.5, 0 ], [ 46.0, 41.0, 0 ] ] ] } },
{ "type": "Feature", "properties": null, "geometry": { "type": "LineString", "coordinates": [ [ 45.0, 40.0, 5 ], [ 45.5, 40.2, 7 ] ] } }
]
}"#
    .to_string()
}

fn geojson_io_export() -> String {
    r##"{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"Old ferry","marker-color":"#7e7e7e","marker-size":"medium"},"geometry":{"type":"Point","coordinates":[49.9,40.3]}},
{"type":"Feature","properties":{"title":"Walk","stroke":"#e11","stroke-width":4,"stroke-opacity":0.5},"geometry":{"type":"LineString","coordinates":[[49.8,40.4],[49.9,40.45]]}},
{"type":"Feature","properties":{"name":"Park","fill":"#00aa55","fill-opacity":0.3,"stroke":"#555555"},"geometry":{"type":"Polygon","coordinates":[[[49.7,40.3],[49.75,40.3],[49.75,40.35],[49.7,40.35],[49.7,40.3]]]}}
]}"##
        .to_string()
}

#[test]
fn a_qgis_export_loads_with_names_ids_and_kinds() {
    let mut atlas = Atlas::embedded().clone();
    let before = atlas.features().len();
    let report = match atlas.add_user_layer("my_towns.geojson", qgis_export().as_bytes()) {
        Ok(r) => r,
        Err(e) => panic!("a QGIS export is valid: {e}"),
    };
    assert_eq!(report.added, 3, "{:?}", report.problems);
    assert_eq!(report.errors(), 0, "{:?}", report.problems);
    assert_eq!(atlas.features().len(), before + 3);
    let Some(station) = atlas.get("my-towns-1") else {
        panic!("numeric id 1 becomes `my-towns-1`");
    };
    assert_eq!(station.name, "Zorbistan Station");
    assert_eq!(station.aliases, ["Zorbistan St."]);
    assert_eq!(station.kind, Kind::City);
    assert_eq!(station.user_layer(), Some("my_towns.geojson"));
    let Some(valley) = atlas.get("my-towns-2") else {
        panic!("numeric id 2 becomes `my-towns-2`");
    };
    assert_eq!(
        (valley.name.as_str(), valley.kind),
        ("Quellmark Valley", Kind::Region)
    );
    // The feature with null properties and no id: made an id and warned, still loaded.
    let Some(line) = atlas
        .get("my-towns-2-2")
        .or_else(|| atlas.get("my-towns-2"))
    else {
        panic!("the unnamed line is loaded");
    };
    assert!(line.user.is_some());
    let messages: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        report.problems.iter().all(|p| !p.is_error()),
        "{messages:?}"
    );
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.feature == Some(2) && matches!(p.reason, Reason::MadeId(_))),
        "{messages:?}"
    );
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.feature == Some(2) && matches!(p.reason, Reason::NoName(_))),
        "{messages:?}"
    );
    // Joined the atlas: picked where it lies.
    let Some(vi) = atlas.index_of("my-towns-2") else {
        panic!("indexed");
    };
    assert!(atlas.pick(46.2, 41.2, 0.0).contains(&vi));
    assert_eq!(atlas.user_layers().len(), 1);
}

#[test]
fn a_geojson_io_export_keeps_its_styles() {
    let mut atlas = Atlas::default();
    let report = match atlas.add_user_layer("walks.geojson", geojson_io_export().as_bytes()) {
        Ok(r) => r,
        Err(e) => panic!("a geojson.io export is valid: {e}"),
    };
    assert_eq!(report.added, 3);
    let style = |i: usize| {
        let Some(f) = atlas.features().get(i) else {
            panic!("feature {i}");
        };
        let Some(u) = &f.user else {
            panic!("feature {i} is a user feature");
        };
        u.style
    };
    assert_eq!(style(0).marker_color, Some([0x7e, 0x7e, 0x7e]));
    assert_eq!(style(1).stroke, Some([0xee, 0x11, 0x11]));
    assert_eq!(style(1).stroke_width, Some(4.0));
    assert_eq!(style(1).stroke_opacity, Some(0.5));
    assert_eq!(style(2).fill, Some([0x00, 0xaa, 0x55]));
    assert_eq!(style(2).fill_opacity, Some(0.3));
    let names: Vec<&str> = atlas.features().iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["Old ferry", "Walk", "Park"]);
}

#[test]
fn another_crs_is_refused_by_name() {
    let text = qgis_export().replace(
        "urn:ogc:def:crs:OGC:1.3:CRS84",
        "urn:ogc:def:crs:EPSG::3857",
    );
    let mut atlas = Atlas::default();
    match atlas.add_user_layer("mercator.geojson", text.as_bytes()) {
        Err(e @ AtlasError::Refused { .. }) => {
            let msg = e.to_string();
            assert!(
                msg.contains("mercator.geojson")
                    && msg.contains("EPSG::3857")
                    && msg.contains("RFC 7946 requires WGS 84"),
                "{msg}"
            );
        }
        other => panic!("expected the layer refused for its CRS, got {other:?}"),
    }
    assert!(atlas.features().is_empty());
    let path = scratch("mercator.geojson", text.as_bytes());
    let o = run(&["check", &path.display().to_string()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("EPSG::3857"));
}

#[test]
fn check_takes_a_user_layer_as_rfc_7946_and_strict_keeps_the_contract() {
    let path = scratch("my_towns.geojson", qgis_export().as_bytes());
    let p = path.display().to_string();
    let o = run(&["check", &p]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "warnings only: {out}");
    assert!(out.contains("no name"), "{out}");
    assert!(!out.contains("missing required property"), "{out}");
    let o = run(&["check", "--strict", &p]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1));
    assert!(out.contains("missing required property `aliases`"), "{out}");
}

#[test]
fn layer_features_link_list_and_pick_on_the_command_line() {
    let layer = scratch("my_towns.geojson", qgis_export().as_bytes());
    let layer = layer.display().to_string();
    let text = scratch(
        "trip.txt",
        b"A Trip\n\nWe left Baku at dawn and reached Zorbistan Station by noon, then walked on.\n",
    );
    let o = run(&["link", "--layer", &layer, &text.display().to_string()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("\"feature\": \"my-towns-1\""), "{out}");
    assert!(out.contains("\"surface\": \"Zorbistan Station\""), "{out}");
    // Without the layer the name links nowhere.
    let o = run(&["link", &text.display().to_string()]);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("\"surface\": \"Zorbistan"));

    let o = run(&["features", "--layer", &layer, "--kind", "region"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("my-towns-2") && out.contains("Quellmark Valley"),
        "{out}"
    );

    let o = run(&["at", "47.12346", "40.5", "--layer", &layer]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.lines()
            .next()
            .is_some_and(|l| l.starts_with("my-towns-1")),
        "{out}"
    );

    let o = run(&["at", "1", "2", "--layer", "/nonexistent/layer.geojson"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent/layer.geojson"));
}
