//! A GeoJSON layer: loaded, validated and indexed, then picked at a point the input chooses.
#![no_main]

use caspian_atlas::atlas::Atlas;
use libfuzzer_sys::fuzz_target;

/// The layer names decide which kinds and geometries are allowed.
const LAYERS: &[&str] = &[
    "countries.geojson",
    "regions.geojson",
    "cities.geojson",
    "water.geojson",
    "fields.geojson",
    "pipelines.geojson",
    "corridors.geojson",
];

fuzz_target!(
    init: {
        // One thread: a worker thread's exit is reported as a leak by the leak sanitizer
        // (glibc's thread-local destructor list), and a fuzzer wants one core anyway.
        caspian_atlas::par::set_max_threads(1);
    },
    |data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let name = LAYERS[usize::from(which) % LAYERS.len()];
    let atlas = Atlas::from_layers(&[(name, bytes)]);
    let _ = atlas.extent();
    for w in atlas.warnings() {
        let _ = w.to_string();
    }
    let lon = f64::from(which) - 128.0;
    let _ = atlas.pick(lon, lon / 3.0, 0.5);
});
