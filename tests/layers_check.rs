//! `check` gaps (issue 10 item 8): holes outside or around their shell, overlapping parts,
//! zero-length lines, a crossing in a huge ring, the antimeridian, control characters and
//! clipped values in messages, JSON error positions, `at 1e308`.

use std::process::{Command, Output};

use caspian_atlas::atlas::Atlas;

fn feature(id: &str, kind: &str, geometry: &str, extra: &str) -> String {
    format!(
        r#"{{"type":"Feature","id":"{id}","properties":{{"id":"{id}","name":"{id}","kind":"{kind}","aliases":[],"summary":"s.","sources":["test"]{extra}}},"geometry":{geometry}}}"#
    )
}

fn collection(features: &[String]) -> Vec<u8> {
    format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    )
    .into_bytes()
}

fn country(id: &str, geometry: &str) -> Vec<String> {
    let atlas = Atlas::from_layers(&[(
        "countries.geojson",
        &collection(&[feature(id, "country", geometry, r#","iso_a3":"ABC""#)]),
    )]);
    atlas.warnings().iter().map(|w| w.to_string()).collect()
}

fn user(geometry: &str) -> Vec<String> {
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"name":"x"}},"geometry":{geometry}}}]}}"#
    );
    let mut atlas = Atlas::default();
    match atlas.add_user_layer("mine.geojson", text.as_bytes()) {
        Ok(r) => r
            .problems
            .iter()
            .filter(|p| p.is_error())
            .map(|p| p.to_string())
            .collect(),
        Err(e) => vec![e.to_string()],
    }
}

const SHELL: &str = "[[0,0],[4,0],[4,4],[0,4],[0,0]]";

#[test]
fn a_hole_outside_its_shell_is_an_error() {
    let g =
        format!(r#"{{"type":"Polygon","coordinates":[{SHELL},[[6,1],[6,2],[7,2],[7,1],[6,1]]]}}"#);
    assert_eq!(
        country("holey", &g),
        ["countries.geojson:0[holey]: hole 0 lies outside the exterior ring"]
    );
    assert_eq!(
        user(&g),
        ["mine.geojson:0[mine-0]: hole 0 lies outside the exterior ring"]
    );
}

#[test]
fn a_hole_enclosing_its_shell_is_an_error() {
    let g = format!(
        r#"{{"type":"Polygon","coordinates":[{SHELL},[[-1,-1],[-1,5],[5,5],[5,-1],[-1,-1]]]}}"#
    );
    assert_eq!(
        country("holey", &g),
        [
            "countries.geojson:0[holey]: hole 0 encloses the exterior ring (a hole must lie inside its shell)"
        ]
    );
    // A hole inside is fine.
    let ok =
        format!(r#"{{"type":"Polygon","coordinates":[{SHELL},[[1,1],[1,2],[2,2],[2,1],[1,1]]]}}"#);
    assert_eq!(country("holey", &ok), Vec::<String>::new());
}

#[test]
fn overlapping_multipolygon_parts_are_an_error() {
    let crossing = r#"{"type":"MultiPolygon","coordinates":[[[[0,0],[4,0],[4,4],[0,4],[0,0]]],[[[3,3],[6,3],[6,6],[3,6],[3,3]]]]}"#;
    let msgs = country("twins", crossing);
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(
        msgs[0].contains("polygon 0 and polygon 1 overlap"),
        "{msgs:?}"
    );
    let inside = r#"{"type":"MultiPolygon","coordinates":[[[[0,0],[4,0],[4,4],[0,4],[0,0]]],[[[1,1],[2,1],[2,2],[1,2],[1,1]]]]}"#;
    let msgs = country("nested", inside);
    assert!(
        msgs.len() == 1 && msgs[0].contains("polygon 0 and polygon 1 overlap"),
        "{msgs:?}"
    );
    assert_eq!(user(inside).len(), 1);
    // Parts touching at a corner, or an island in a lake (a hole), are fine.
    let touching = r#"{"type":"MultiPolygon","coordinates":[[[[0,0],[4,0],[4,4],[0,4],[0,0]]],[[[4,4],[6,4],[6,6],[4,6],[4,4]]]]}"#;
    assert_eq!(country("touching", touching), Vec::<String>::new());
    let island = r#"{"type":"MultiPolygon","coordinates":[[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[1,3],[3,3],[3,1],[1,1]]],[[[1.5,1.5],[2.5,1.5],[2.5,2.5],[1.5,2.5],[1.5,1.5]]]]}"#;
    assert_eq!(country("island", island), Vec::<String>::new());
}

#[test]
fn zero_length_lines_are_an_error() {
    let g = r#"{"type":"LineString","coordinates":[[45,40],[45,40],[45,40]]}"#;
    assert_eq!(
        user(g),
        [
            "mine.geojson:0[mine-0]: LineString has zero length (all its positions are the same point)"
        ]
    );
    let m = r#"{"type":"MultiLineString","coordinates":[[[45,40],[46,40]],[[47,41],[47,41]]]}"#;
    assert_eq!(
        user(m),
        ["mine.geojson:0[mine-0]: line 1 has zero length (all its positions are the same point)"]
    );
}

#[test]
fn the_antimeridian_is_refused_clearly() {
    let g = r#"{"type":"LineString","coordinates":[[179.5,60],[-179.5,61]]}"#;
    let msgs = user(g);
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(
        msgs[0].contains("crosses the antimeridian between positions 0 and 1")
            && msgs[0].contains("RFC 7946 §3.1.9"),
        "{msgs:?}"
    );
}

/// 100,000 rows, each spanning the whole width: every pair of segments overlaps along x (the
/// pair sweep's worst case), about 200,000 segments; one row end lifted across the next rows.
fn serpentine(rows: usize, crossing_at: Option<usize>) -> String {
    let mut pts: Vec<(f64, f64)> = vec![(40.0, 0.0)];
    for k in 0..rows {
        let y = k as f64 * 0.0008;
        let (from, to) = if k % 2 == 0 {
            (40.01, 60.0)
        } else {
            (60.0, 40.01)
        };
        if k > 0 {
            pts.push((from, y));
        }
        let lift = if crossing_at == Some(k) { 0.002 } else { 0.0 };
        pts.push((to, y + lift));
    }
    pts.push((40.0, rows as f64 * 0.0008));
    pts.push((40.0, 0.0));
    let coords: Vec<String> = pts.iter().map(|(x, y)| format!("[{x},{y}]")).collect();
    format!(
        r#"{{"type":"Polygon","coordinates":[[{}]]}}"#,
        coords.join(",")
    )
}

#[test]
fn one_crossing_in_a_200k_segment_ring_is_found() {
    // In the atlas contract a crossing is an error whatever the ring's size.
    let atlas = Atlas::from_layers(&[(
        "countries.geojson",
        &collection(&[feature(
            "comb",
            "country",
            &serpentine(100_000, Some(61_234)),
            r#","iso_a3":"ABC""#,
        )]),
    )]);
    let msgs: Vec<String> = atlas.warnings().iter().map(|w| w.to_string()).collect();
    let crossing: Vec<&String> = msgs
        .iter()
        .filter(|m| m.contains("self-intersects"))
        .collect();
    assert_eq!(crossing.len(), 1, "{msgs:?}");
    assert!(!msgs.iter().any(|m| m.contains("gave up")), "{msgs:?}");
    assert!(
        atlas.features().is_empty(),
        "the crossing ring is not loaded"
    );
}

#[test]
fn control_characters_are_escaped_and_values_clipped() {
    let evil = "x\u{1b}]0;pwned\u{7}\nfake.geojson:0[a]: all good\u{1b}[2J";
    let long = "r".repeat(10_000);
    let cities = collection(&[
        feature(
            "bad",
            "city",
            r#"{"type":"Point","coordinates":[1,2]}"#,
            &format!(
                r#","role":"{}""#,
                evil.replace('\u{1b}', "\\u001b")
                    .replace('\u{7}', "\\u0007")
                    .replace('\n', "\\n")
            ),
        ),
        feature(
            "long",
            "city",
            r#"{"type":"Point","coordinates":[1,2]}"#,
            &format!(r#","role":"{long}""#),
        ),
    ]);
    let atlas = Atlas::from_layers(&[("cities.geojson", &cities)]);
    let msgs: Vec<String> = atlas.warnings().iter().map(|w| w.to_string()).collect();
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    for m in &msgs {
        assert!(
            !m.chars().any(char::is_control),
            "raw control character in {m:?}"
        );
    }
    assert!(
        msgs[0].contains("x\\u{1b}]0;pwned\\u{7}\\u{a}fake.geojson"),
        "{}",
        msgs[0]
    );
    assert!(
        msgs[1].contains(&format!("`{}…`", "r".repeat(80))),
        "{}",
        msgs[1]
    );
    assert!(msgs[1].len() < 400, "{}", msgs[1]);
}

#[test]
fn a_json_error_gives_the_real_line_and_column() {
    let atlas = Atlas::from_layers(&[(
        "water.geojson",
        b"{\"type\": \"FeatureCollection\",\n \"features\": [\n",
    )]);
    let msgs: Vec<String> = atlas.warnings().iter().map(|w| w.to_string()).collect();
    assert_eq!(
        msgs,
        ["water.geojson: JSON syntax error at line 2 column 15: EOF while parsing a list"]
    );
}

fn run(args: &[&str]) -> Output {
    match Command::new(env!("CARGO_BIN_EXE_caspian-atlas"))
        .args(args)
        .output()
    {
        Ok(o) => o,
        Err(e) => panic!("cannot run caspian-atlas: {e}"),
    }
}

#[test]
fn at_1e308_is_a_short_clear_error() {
    let o = run(&["at", "1e308", "0"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("1e308") && err.contains("longitude out of range"),
        "{err}"
    );
    assert!(err.len() < 200, "{err}");
}
