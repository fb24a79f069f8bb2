//! Hostile inputs generated on the fly: binary, invalid UTF-8, deep nesting (10k and 100k levels),
//! a 100 MB layer. None may panic, overflow the stack or hang; each yields a clean problem.

use std::io::Write;
use std::path::PathBuf;

use caspian_atlas::atlas::Atlas;

fn messages(atlas: &Atlas) -> Vec<String> {
    atlas.warnings().iter().map(|w| w.to_string()).collect()
}

fn one(name: &str, bytes: &[u8]) -> Vec<String> {
    messages(&Atlas::from_layers(&[(name, bytes)]))
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let mut bytes = br#"{"type":"FeatureCollection","features":[{"name":"Bak"#.to_vec();
    let offset = bytes.len();
    bytes.extend_from_slice(b"\xc3\x28\"}]}");
    assert_eq!(
        one("cities.geojson", &bytes),
        [format!(
            "cities.geojson: invalid UTF-8 at byte offset {offset}"
        )]
    );
}

#[test]
fn binary_garbage_is_refused() {
    // A PNG signature followed by pseudo-random bytes.
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut x: u32 = 12345;
    for _ in 0..100_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        bytes.push((x >> 16) as u8);
    }
    assert_eq!(
        one("water.geojson", &bytes),
        ["water.geojson: invalid UTF-8 at byte offset 0"]
    );
    // Valid UTF-8 but not JSON.
    assert_eq!(
        one("water.geojson", "<html>¿qué?</html>".as_bytes()),
        ["water.geojson: JSON syntax error at line 1 column 1: expected value"]
    );
}

#[test]
fn ten_thousand_deep_nesting_is_a_clean_error() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(
        one("regions.geojson", deep.as_bytes()),
        ["regions.geojson: nesting too deep (more than 128 levels) at line 1 column 129"]
    );
}

#[test]
fn hundred_thousand_deep_nesting_does_not_overflow_the_stack() {
    // Unclosed, inside a feature's coordinates, on the third line.
    let text = format!(
        "{{\"type\":\"FeatureCollection\",\n\"features\":[{{\"type\":\"Feature\",\"geometry\":\n{{\"type\":\"Point\",\"coordinates\":{}",
        "[".repeat(100_000)
    );
    let msgs = one("cities.geojson", text.as_bytes());
    assert_eq!(msgs.len(), 1);
    assert!(
        msgs[0].starts_with(
            "cities.geojson: nesting too deep (more than 128 levels) at line 3 column "
        ),
        "{msgs:?}"
    );
    let objects = "{\"a\":".repeat(100_000);
    assert_eq!(
        one("cities.geojson", objects.as_bytes()),
        ["cities.geojson: nesting too deep (more than 128 levels) at line 1 column 641"]
    );
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("caspian-atlas-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_100_mb_layer_loads() {
    // 5 million positions in one pipeline: about 100 MB of JSON.
    let dir = temp_dir("big");
    let path = dir.join("pipelines.geojson");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    write!(
        f,
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","id":"long-pipe","properties":{{"id":"long-pipe","name":"Long pipe","kind":"pipeline","aliases":[],"summary":"Long.","sources":["generated"],"status":"proposed","commodity":"gas","length_km":1,"route_accuracy":"schematic","waypoints":[]}},"geometry":{{"type":"LineString","coordinates":["#
    )
    .unwrap();
    let n = 5_000_000u64;
    for i in 0..n {
        let sep = if i + 1 == n { "" } else { "," };
        // Positions walk along a spiral-free zigzag inside the map.
        let x = 40.0 + (i % 100_000) as f64 * 0.0001;
        let y = 30.0 + (i / 100_000) as f64 * 0.1 + (i % 2) as f64 * 0.00001;
        write!(f, "[{x:.5},{y:.5}]{sep}").unwrap();
    }
    write!(f, "]}}}}]}}").unwrap();
    f.flush().unwrap();
    drop(f);
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size > 95_000_000, "only {size} bytes");
    let atlas = Atlas::load_dir(&dir);
    assert!(atlas.warnings().is_empty(), "{:?}", messages(&atlas));
    assert_eq!(atlas.features().len(), 1);
    assert_eq!(atlas.pick(40.00005, 30.0, 0.001), [0]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn not_a_regular_file_is_refused_without_blocking() {
    let dir = temp_dir("dev");
    // A directory named like a layer is skipped when loading its parent, refused when named.
    std::fs::create_dir_all(dir.join("cities.geojson")).unwrap();
    let atlas = Atlas::load_paths(&[dir.join("cities.geojson/")]);
    assert_eq!(
        messages(&atlas),
        [format!(
            "{}: cannot read: no *.geojson files in this directory",
            dir.join("cities.geojson/").display()
        )]
    );
    let null = Atlas::load_paths(&[PathBuf::from("/dev/zero")]);
    assert_eq!(
        messages(&null),
        ["/dev/zero: cannot read: not a regular file"]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
