//! Benchmarks of the atlas: loading + validating + indexing the embedded layers, and one pick.

use std::hint::black_box;

use caspian_atlas::atlas::Atlas;
use criterion::{Criterion, criterion_group, criterion_main};

fn load(c: &mut Criterion) {
    c.bench_function("atlas/load_embedded", |b| {
        b.iter(|| black_box(Atlas::load_embedded()))
    });
}

fn pick(c: &mut Criterion) {
    let atlas = Atlas::load_embedded();
    // Baku: a city, a country, regions and macro-regions around it.
    c.bench_function("atlas/pick_baku", |b| {
        b.iter(|| black_box(atlas.pick(black_box(49.867), black_box(40.409), 0.1)))
    });
    // Central Kazakhstan: one very large polygon plus macro-regions.
    c.bench_function("atlas/pick_kazakhstan", |b| {
        b.iter(|| black_box(atlas.pick(black_box(67.0), black_box(48.0), 0.1)))
    });
}

criterion_group!(benches, load, pick);
criterion_main!(benches);
