//! Benchmarks of the atlas: loading + validating + indexing the embedded layers, and one pick.

use std::hint::black_box;

use caspian_atlas::atlas::Atlas;
use criterion::{Criterion, criterion_group, criterion_main};

fn load(c: &mut Criterion) {
    // The atlas is dropped outside the timing: a load is what the program waits for.
    c.bench_function("atlas/load_embedded", |b| {
        b.iter_with_large_drop(Atlas::load_embedded)
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

/// A serpentine ring of `rows` rows spanning the whole width (~2 segments per row): every pair
/// of segments overlaps along x, the quick pair sweep's worst case; one row end lifted across.
fn serpentine(rows: usize, crossing_at: Option<usize>) -> Vec<geo::Coord<f64>> {
    let c = |x: f64, y: f64| geo::Coord { x, y };
    let mut pts = vec![c(0.0, 0.0)];
    for k in 0..rows {
        let (from, to) = if k % 2 == 0 {
            (1.0, 100.0)
        } else {
            (100.0, 1.0)
        };
        if k > 0 {
            pts.push(c(from, k as f64));
        }
        let lift = if crossing_at == Some(k) { 2.5 } else { 0.0 };
        pts.push(c(to, k as f64 + lift));
    }
    pts.push(c(0.0, rows as f64));
    pts.push(c(0.0, 0.0));
    pts
}

/// A 200,000-segment circle: the quick pair sweep's best case.
fn circle(n: usize) -> Vec<geo::Coord<f64>> {
    let mut pts: Vec<geo::Coord<f64>> = (0..n)
        .map(|i| {
            let t = i as f64 / n as f64 * std::f64::consts::TAU;
            geo::Coord {
                x: 50.0 + 10.0 * t.cos(),
                y: 40.0 + 10.0 * t.sin(),
            }
        })
        .collect();
    pts.push(pts[0]);
    pts
}

fn sweep(c: &mut Criterion) {
    use caspian_atlas::atlas::validate::{find_crossing, sweep_crossing};
    let mut g = c.benchmark_group("atlas/crossings_200k_segments");
    g.sample_size(10);
    let valid = serpentine(100_000, None);
    let crossed = serpentine(100_000, Some(61_234));
    let round = circle(200_000);
    g.bench_function("serpentine_valid", |b| {
        b.iter(|| black_box(find_crossing(black_box(&[valid.as_slice()]))))
    });
    g.bench_function("serpentine_one_crossing", |b| {
        b.iter(|| black_box(find_crossing(black_box(&[crossed.as_slice()]))))
    });
    g.bench_function("circle_valid", |b| {
        b.iter(|| black_box(find_crossing(black_box(&[round.as_slice()]))))
    });
    g.bench_function("circle_valid_sweep_line_only", |b| {
        b.iter(|| black_box(sweep_crossing(black_box(&[round.as_slice()]))))
    });
    g.finish();
}

criterion_group!(benches, load, pick, sweep);
criterion_main!(benches);
