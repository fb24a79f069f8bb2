//! The `check`, `at` and `features` subcommands: exit codes and output.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_caspian-atlas"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn check_valid_layers_exits_0_silently() {
    let o = run(&["check", "tests/fixtures/valid"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).contains("3 feature(s): no problems"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn check_prints_each_problem_and_exits_1() {
    let o = run(&[
        "check",
        "tests/fixtures/self-intersecting/countries.geojson",
        "tests/fixtures/unknown-role",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        "tests/fixtures/self-intersecting/countries.geojson:0[bad-country]: exterior ring self-intersects near (40.5, 40.5)\n\
         tests/fixtures/unknown-role/cities.geojson:0[bad-city]: unknown role `metropolis` (expected one of: capital, port, city, town, base)\n\
         tests/fixtures/unknown-role/cities.geojson:1[good-city]: `country` refers to `georgia`, which is not a country id\n"
    );
    assert!(
        stderr(&o).contains("3 problem(s) (2 error(s), 1 warning(s))"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn check_finds_duplicate_ids_across_files() {
    let o = run(&[
        "check",
        "tests/fixtures/duplicate-across/fields.geojson",
        "tests/fixtures/duplicate-across/cities.geojson",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        "tests/fixtures/duplicate-across/fields.geojson:0[shared-id]: duplicate id `shared-id` (first in tests/fixtures/duplicate-across/cities.geojson:0)\n"
    );
}

#[test]
fn check_a_binary_or_missing_file_exits_1() {
    let dir = std::env::temp_dir().join(format!("caspian-atlas-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bin = dir.join("fields.geojson");
    std::fs::write(&bin, b"\x00\x01\x02\xff\xfe").unwrap();
    let o = run(&["check", bin.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        format!("{}: invalid UTF-8 at byte offset 3\n", bin.display())
    );
    let o = run(&["check", "tests/fixtures/nope.geojson"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with("tests/fixtures/nope.geojson: cannot read: "),
        "{}",
        stdout(&o)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_shipped_geodata_passes() {
    let o = run(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(stdout(&o), "");
}

#[test]
fn features_unknown_kind_lists_the_valid_ones() {
    let o = run(&["features", "--kind", "village"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "unknown kind `village`; valid kinds: country, macro-region, region, water, city, field, pipeline, corridor"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn features_json_is_sorted_by_kind_then_id() {
    let o = run(&["features", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let order = |k: &str| {
        [
            "country",
            "macro-region",
            "region",
            "water",
            "city",
            "field",
            "pipeline",
            "corridor",
            "town",
            "river",
            "lake",
            "landform",
        ]
        .iter()
        .position(|x| *x == k)
        .unwrap()
    };
    let keys: Vec<(usize, String)> = rows
        .iter()
        .map(|r| {
            (
                order(r["kind"].as_str().unwrap()),
                r["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    let o = run(&["features", "--kind", "city", "--json"]);
    let cities: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert!(cities.iter().all(|r| r["kind"] == "city"));
    assert_eq!(
        cities.len(),
        rows.iter().filter(|r| r["kind"] == "city").count()
    );
}

#[test]
fn at_rejects_positions_off_the_globe() {
    let o = run(&["at", "200", "10"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("is not a lon/lat position"),
        "{}",
        stderr(&o)
    );
    let o = run(&["at", "-170", "-80", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o).trim(), "[]");
}
