//! Broken layers in `tests/fixtures/<case>/`: each yields its expected problem text, and the good
//! features next to the bad one still load.

use std::path::{Path, PathBuf};

use caspian_atlas::atlas::{Atlas, Severity};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Problems of one fixture case, with the fixtures path prefix removed.
fn problems(case: &str) -> (Atlas, Vec<String>) {
    let atlas = Atlas::load_dir(&fixtures().join(case));
    let prefix = format!("{}/", fixtures().display());
    let msgs = atlas
        .warnings()
        .iter()
        .map(|w| w.to_string().replace(&prefix, ""))
        .collect();
    (atlas, msgs)
}

fn ids(atlas: &Atlas) -> Vec<&str> {
    atlas.features().iter().map(|f| f.id.as_str()).collect()
}

#[test]
fn valid_fixture_has_no_problem() {
    let (atlas, msgs) = problems("valid");
    assert!(msgs.is_empty(), "{msgs:?}");
    assert_eq!(ids(&atlas), ["georgia", "a-city", "b-city"]);
}

/// (case, expected problem lines, ids that still load)
const CASES: &[(&str, &[&str], &[&str])] = &[
    (
        "syntax",
        &["syntax/cities.geojson: JSON syntax error at line 3 column 22: key must be a string"],
        &[],
    ),
    (
        "not-collection",
        &["not-collection/cities.geojson: not a FeatureCollection: `type` is string \"Feature\""],
        &[],
    ),
    (
        "top-array",
        &[
            "top-array/cities.geojson: not a FeatureCollection: the top level is an array, not an object",
        ],
        &[],
    ),
    (
        "features-not-array",
        &[
            "features-not-array/cities.geojson: not a FeatureCollection: `features` is an object, not an array",
        ],
        &[],
    ),
    ("empty", &["empty/cities.geojson: empty file"], &[]),
    (
        "wrong-geometry",
        &[
            "wrong-geometry/cities.geojson:0[bad-city]: geometry type LineString not allowed for kind city in layer `cities` (expected Point)",
        ],
        &["good-city"],
    ),
    (
        "out-of-range",
        &[
            "out-of-range/cities.geojson:0[bad-city]: coordinate out of range at coordinates: (44.8, 95.0)",
        ],
        &["good-city"],
    ),
    (
        "huge-number",
        &[
            "huge-number/cities.geojson:0[bad-city]: coordinate out of range at coordinates: (1e300, 41.0)",
        ],
        &["good-city"],
    ),
    (
        "unclosed-ring",
        &[
            "unclosed-ring/countries.geojson:0[bad-country]: exterior ring is not closed (first position differs from last)",
        ],
        &["good-country"],
    ),
    (
        "short-ring",
        &[
            "short-ring/countries.geojson:0[bad-country]: exterior ring has 3 positions (a closed ring needs at least 4)",
        ],
        &["good-country"],
    ),
    (
        "degenerate-ring",
        &[
            "degenerate-ring/countries.geojson:0[bad-country]: exterior ring is degenerate (zero area)",
        ],
        &["good-country"],
    ),
    (
        "self-intersecting",
        &[
            "self-intersecting/countries.geojson:0[bad-country]: exterior ring self-intersects near (40.5, 40.5)",
        ],
        &["good-country"],
    ),
    (
        "duplicate-id",
        &[
            "duplicate-id/cities.geojson:1[same-city]: duplicate id `same-city` (first in duplicate-id/cities.geojson:0)",
        ],
        &["same-city", "z-city"],
    ),
    (
        "duplicate-across",
        &[
            "duplicate-across/fields.geojson:0[shared-id]: duplicate id `shared-id` (first in duplicate-across/cities.geojson:0)",
        ],
        &["shared-id"],
    ),
    (
        "missing-property",
        &["missing-property/cities.geojson:0[bad-city]: missing required property `summary`"],
        &["good-city"],
    ),
    (
        "mistyped-property",
        &[
            "mistyped-property/cities.geojson:0[bad-city]: property `aliases` must be an array of strings, found string \"Bad Town\"",
        ],
        &["good-city"],
    ),
    (
        "unknown-kind",
        &[
            "unknown-kind/things.geojson:0[bad-thing]: unknown kind `village` (expected one of: country, macro-region, region, water, city, field, pipeline, corridor, town, river, lake, landform)",
        ],
        &["good-city"],
    ),
    (
        "unknown-status",
        &[
            "unknown-status/pipelines.geojson:0[bad-pipeline]: unknown status `dreaming` (expected one of: operating, construction, proposed, cancelled, shelved, idle, mothballed, retired)",
        ],
        &["good-pipeline"],
    ),
    (
        "unknown-role",
        &[
            "unknown-role/cities.geojson:0[bad-city]: unknown role `metropolis` (expected one of: capital, port, city, town, base)",
        ],
        &["good-city"],
    ),
    (
        "unknown-commodity",
        &[
            "unknown-commodity/pipelines.geojson:0[bad-pipeline]: unknown commodity `water` (expected one of: oil, gas)",
        ],
        &["good-pipeline"],
    ),
    (
        "unknown-route-accuracy",
        &[
            "unknown-route-accuracy/pipelines.geojson:0[bad-pipeline]: unknown route_accuracy `guessed` (expected one of: surveyed, approximate, schematic)",
        ],
        &["good-pipeline"],
    ),
    (
        "unknown-mode",
        &[
            "unknown-mode/corridors.geojson:0[bad-corridor]: unknown mode `teleport` (expected one of: rail, road, multimodal, sea)",
        ],
        &["good-corridor"],
    ),
    (
        "unknown-water-type",
        &[
            "unknown-water-type/water.geojson:0[bad-water]: unknown water_type `ocean` (expected one of: sea, lake, gulf, river)",
        ],
        &["good-water"],
    ),
];

#[test]
fn each_broken_fixture_yields_its_problem_and_the_rest_loads() {
    let mut failures = Vec::new();
    for (case, expected, loaded) in CASES {
        let (atlas, msgs) = problems(case);
        if msgs != *expected || ids(&atlas) != *loaded {
            failures.push(format!(
                "{case}:\n  got      {msgs:?} loading {:?}\n  expected {expected:?} loading {loaded:?}",
                ids(&atlas)
            ));
        }
        assert!(
            atlas
                .warnings()
                .iter()
                .all(|w| w.severity == Severity::Error)
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_missing_path_is_a_problem_not_a_panic() {
    let atlas = Atlas::load_paths(&[fixtures().join("no-such-dir/cities.geojson")]);
    assert_eq!(atlas.warnings().len(), 1);
    assert!(
        atlas.warnings()[0]
            .to_string()
            .contains("no-such-dir/cities.geojson: cannot read: "),
        "{}",
        atlas.warnings()[0]
    );
}
