//! Route checks for the shipped line layers: our pipelines against Global Energy Monitor's reference
//! routes (when the shared reference folder is present) and internal consistency of every pipeline and
//! corridor (drawn length against the stated length, no wild jumps between consecutive waypoints).
//!
//! The reference folder (`shared/reference/gem-pipeline-routes/<id>.geojson`, GEM, CC BY 4.0) is only
//! read, never shipped. It is looked for in `$CASPIAN_SHARED_DIR/reference/...` and in a `shared/`
//! folder beside the repository or beside any of its ancestors (CI keeps `shared/` beside the repo).

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

const EARTH_RADIUS_KM: f64 = 6371.0088;

type Pt = [f64; 2];

/// Every pipeline GEM covers must lie within these of GEM's line (issue 12 §4).
const MEAN_KM: f64 = 10.0;
const P95_KM: f64 = 25.0;

/// Per-pipeline allowances: our own parts GEM lacks, and vertices beyond GEM's ends.
struct Bound {
    id: &'static str,
    /// Trailing parts of our MultiLineString drawn by us where GEM has no line (left out).
    own_last_parts: usize,
    /// How many of our vertices may lie beyond the free ends of GEM's line.
    beyond_ends: usize,
    note: &'static str,
}

const BOUNDS: &[Bound] = &[
    Bound {
        id: "btc-pipeline",
        own_last_parts: 0,
        beyond_ends: 0,
        note: "GEM geometry",
    },
    Bound {
        id: "south-caucasus-pipeline",
        own_last_parts: 0,
        beyond_ends: 0,
        note: "GEM geometry",
    },
    Bound {
        id: "baku-supsa-pipeline",
        own_last_parts: 0,
        beyond_ends: 0,
        note: "GEM geometry",
    },
    Bound {
        id: "tanap",
        own_last_parts: 0,
        beyond_ends: 0,
        note: "GEM geometry",
    },
    Bound {
        id: "tap",
        own_last_parts: 0,
        beyond_ends: 0,
        note: "GEM geometry",
    },
    Bound {
        id: "baku-novorossiysk-pipeline",
        own_last_parts: 0,
        beyond_ends: 0,
        note: "GEM geometry",
    },
    Bound {
        id: "kazakhstan-china-oil-pipeline",
        own_last_parts: 0,
        beyond_ends: 0,
        note: "GEM geometry",
    },
    Bound {
        id: "cpc-pipeline",
        own_last_parts: 0,
        beyond_ends: 0,
        note: "GEM geometry (12 vertices)",
    },
    Bound {
        id: "central-asia-china-gas-pipeline",
        own_last_parts: 0,
        beyond_ends: 0,
        note: "GEM geometry (Line A)",
    },
    Bound {
        id: "tapi-pipeline",
        own_last_parts: 0,
        beyond_ends: 0,
        note: "GEM geometry (unbuilt, schematic)",
    },
    Bound {
        id: "trans-caspian-gas-pipeline",
        own_last_parts: 0,
        beyond_ends: 0,
        note: "GEM geometry (unbuilt, schematic)",
    },
    Bound {
        id: "central-asia-center-gas-pipeline",
        own_last_parts: 1,
        beyond_ends: 0,
        note: "GEM geometry; our western branch (Okarem-Beyneu, CAC-3) is not in GEM's data",
    },
    Bound {
        id: "iran-armenia-gas-pipeline",
        own_last_parts: 1,
        beyond_ends: 0,
        note: "GEM draws only Tabriz-Meghri; our Armenian leg from Meghri on is ours",
    },
];

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn reference_dir() -> Option<PathBuf> {
    let sub = Path::new("reference").join("gem-pipeline-routes");
    if let Some(dir) = std::env::var_os("CASPIAN_SHARED_DIR") {
        let p = PathBuf::from(dir).join(&sub);
        if p.is_dir() {
            return Some(p);
        }
    }
    let root = repo_root();
    root.ancestors()
        .map(|a| a.join("shared").join(&sub))
        .find(|p| p.is_dir())
        // The copy the generator ships (geodata/generate/gem/) suffices without shared/.
        .or_else(|| Some(root.join("geodata").join("generate").join("gem")).filter(|p| p.is_dir()))
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn point(v: &Value) -> Pt {
    let a = v.as_array().expect("position is an array");
    [
        a[0].as_f64().expect("lon is a number"),
        a[1].as_f64().expect("lat is a number"),
    ]
}

/// The chains of a LineString or MultiLineString geometry.
fn chains(geometry: &Value) -> Vec<Vec<Pt>> {
    let coords = &geometry["coordinates"];
    match geometry["type"].as_str() {
        Some("LineString") => vec![coords.as_array().unwrap().iter().map(point).collect()],
        Some("MultiLineString") => coords
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_array().unwrap().iter().map(point).collect())
            .collect(),
        other => panic!("not a line geometry: {other:?}"),
    }
}

fn haversine_km(a: Pt, b: Pt) -> f64 {
    let (lat1, lat2) = (a[1].to_radians(), b[1].to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b[0] - a[0]).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// Distance (km) from `p` to segment `a`-`b` in a local equirectangular projection centred on `p`,
/// and whether the nearest point is an end of the segment (t clamped to 0 or 1).
fn segment_distance_km(p: Pt, a: Pt, b: Pt) -> (f64, f64) {
    let k = EARTH_RADIUS_KM * std::f64::consts::PI / 180.0;
    let kx = k * p[1].to_radians().cos();
    let (ax, ay) = ((a[0] - p[0]) * kx, (a[1] - p[1]) * k);
    let (bx, by) = ((b[0] - p[0]) * kx, (b[1] - p[1]) * k);
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (-(ax * dx + ay * dy) / len2).clamp(0.0, 1.0)
    };
    let (x, y) = (ax + t * dx, ay + t * dy);
    ((x * x + y * y).sqrt(), t)
}

/// For each chain of the reference, whether its first and last vertices are free ends (not within
/// `JUNCTION_KM` of another chain): GEM splits some routes into several chains that meet mid-route.
fn free_ends(reference: &[Vec<Pt>]) -> Vec<(bool, bool)> {
    const JUNCTION_KM: f64 = 20.0;
    let near_other = |p: Pt, own: usize| {
        reference.iter().enumerate().any(|(j, chain)| {
            j != own
                && chain
                    .windows(2)
                    .any(|w| segment_distance_km(p, w[0], w[1]).0 < JUNCTION_KM)
        })
    };
    reference
        .iter()
        .enumerate()
        .map(|(i, chain)| match (chain.first(), chain.last()) {
            (Some(&a), Some(&b)) => (!near_other(a, i), !near_other(b, i)),
            _ => (false, false),
        })
        .collect()
}

/// Distance from `p` to a set of chains, and whether the nearest point is a free end of the
/// reference (p lies beyond the reference's coverage).
fn distance_to_chains(p: Pt, reference: &[Vec<Pt>], ends: &[(bool, bool)]) -> (f64, bool) {
    let mut best = (f64::INFINITY, false);
    for (chain, &(free_first, free_last)) in reference.iter().zip(ends) {
        let n = chain.len();
        for (i, w) in chain.windows(2).enumerate() {
            let (d, t) = segment_distance_km(p, w[0], w[1]);
            if d < best.0 {
                let at_end =
                    (free_first && i == 0 && t == 0.0) || (free_last && i + 2 == n && t == 1.0);
                best = (d, at_end);
            }
        }
    }
    best
}

fn features(layer: &str) -> Vec<Value> {
    let path = repo_root().join("geodata").join(layer);
    read_json(&path)["features"]
        .as_array()
        .unwrap_or_else(|| panic!("{layer}: no features array"))
        .clone()
}

#[test]
fn distance_helpers_are_right() {
    // One degree of latitude is about 111.2 km.
    let d = haversine_km([45.0, 40.0], [45.0, 41.0]);
    assert!((d - 111.19).abs() < 0.1, "{d}");
    let (d, t) = segment_distance_km([45.0, 41.0], [44.0, 40.0], [46.0, 40.0]);
    assert!(
        (d - 111.19).abs() < 0.2 && (t - 0.5).abs() < 1e-9,
        "{d} {t}"
    );
    let reference = vec![vec![[44.0, 40.0], [46.0, 40.0]]];
    let ends = free_ends(&reference);
    let (d, beyond) = distance_to_chains([47.0, 40.0], &reference, &ends);
    assert!(beyond && (d - 85.2).abs() < 1.0, "{d}");
    // Two chains meeting at 46E: the junction is not an end, the far ends are.
    let split = vec![
        vec![[44.0, 40.0], [46.0, 40.0]],
        vec![[46.0, 40.0], [48.0, 40.0]],
    ];
    assert_eq!(free_ends(&split), vec![(true, false), (false, true)]);
    let (d, beyond) = distance_to_chains([46.0, 40.2], &split, &free_ends(&split));
    assert!(!beyond && (d - 22.2).abs() < 0.5, "{d}");
}

#[test]
fn pipelines_follow_reference_routes() {
    let Some(dir) = reference_dir() else {
        println!(
            "note: shared/reference/gem-pipeline-routes not found; reference comparison skipped"
        );
        return;
    };
    let ours = features("pipelines.geojson");
    println!(
        "{:<36} {:>8} {:>8} {:>6} {:>7} {:>6}  note",
        "pipeline", "max km", "mean km", "p95", "beyond", "verts"
    );
    let mut checked = 0;
    let mut failures = Vec::new();
    for f in &ours {
        let id = f["id"].as_str().expect("feature id");
        let ref_path = dir.join(format!("{id}.geojson"));
        if !ref_path.exists() {
            println!("{id:<36} (no reference file)");
            continue;
        }
        let bound = BOUNDS
            .iter()
            .find(|b| b.id == id)
            .unwrap_or_else(|| panic!("{id}: reference exists but no bound is set in this test"));
        let reference: Vec<Vec<Pt>> = read_json(&ref_path)["features"]
            .as_array()
            .expect("reference features")
            .iter()
            .flat_map(|g| chains(&g["geometry"]))
            .collect();
        let ends = free_ends(&reference);
        let mut dists = Vec::new();
        let mut beyond = 0;
        let ours_parts = chains(&f["geometry"]);
        let compared = ours_parts.len().saturating_sub(bound.own_last_parts);
        for chain in ours_parts.iter().take(compared) {
            for &p in chain {
                let (d, at_end) = distance_to_chains(p, &reference, &ends);
                if at_end && d > 10.0 {
                    beyond += 1;
                } else {
                    dists.push(d);
                }
            }
        }
        assert!(!dists.is_empty(), "{id}: nothing compared");
        dists.sort_by(f64::total_cmp);
        let mean = dists.iter().sum::<f64>() / dists.len() as f64;
        let p95 = dists[((dists.len() as f64 * 0.95).ceil() as usize).clamp(1, dists.len()) - 1];
        let max = dists.last().copied().unwrap_or(0.0);
        println!(
            "{id:<36} {max:>8.1} {mean:>8.1} {p95:>6.1} {beyond:>7} {:>6}  {}",
            dists.len(),
            bound.note
        );
        if mean > MEAN_KM || p95 > P95_KM || beyond > bound.beyond_ends {
            failures.push(format!(
                "{id}: mean {mean:.1} km (bound {MEAN_KM}), p95 {p95:.1} km (bound {P95_KM}), {beyond} vertices beyond GEM's ends (allowed {})",
                bound.beyond_ends
            ));
        }
        checked += 1;
    }
    assert!(checked >= 13, "only {checked} pipelines compared");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn line_features_are_consistent() {
    let mut failures = Vec::new();
    for layer in ["pipelines.geojson", "corridors.geojson"] {
        for f in features(layer) {
            let id = f["id"].as_str().expect("feature id").to_string();
            let p = &f["properties"];
            let parts = chains(&f["geometry"]);
            let mut drawn = 0.0;
            for chain in &parts {
                if chain.len() < 2 {
                    failures.push(format!("{id}: a part has fewer than 2 vertices"));
                }
                for w in chain.windows(2) {
                    let d = haversine_km(w[0], w[1]);
                    drawn += d;
                    // Waypoints are named places every few tens of km; only sea legs and desert
                    // stretches come near this.
                    if d > 650.0 {
                        failures.push(format!("{id}: {d:.0} km between consecutive vertices"));
                    }
                    if d == 0.0 {
                        failures.push(format!("{id}: repeated vertex {:?}", w[0]));
                    }
                }
            }
            let waypoints = p["waypoints"].as_array().map(Vec::len).unwrap_or(0);
            if waypoints < 2 {
                failures.push(format!("{id}: fewer than 2 named waypoints"));
            }
            let accuracy = p["route_accuracy"].as_str().unwrap_or("");
            if let Some(stated) = p["length_km"].as_f64() {
                // A waypoint-drawn route cuts corners, so it is a little shorter than the real one;
                // multi-part corridors may also draw branches the stated length leaves out.
                let ratio = drawn / stated;
                if stated >= 100.0 && accuracy != "schematic" && !(0.75..=1.25).contains(&ratio) {
                    failures.push(format!(
                        "{id}: drawn {drawn:.0} km against stated {stated} km (ratio {ratio:.2})"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
