//! Importing (read + clean + split) 100 twenty-page PDFs in parallel: the generated
//! `tests/fixtures/import/long.pdf` (20 pages, two columns) read 100 times under different
//! names, through `caspian_atlas::par::map` on every core.

use std::hint::black_box;
use std::path::Path;

use caspian_atlas::import::{Format, read_bytes};
use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/long.pdf");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let names: Vec<String> = (0..100).map(|i| format!("report-{i:03}.pdf")).collect();
    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    g.bench_function("one 20-page pdf", |b| {
        b.iter(|| {
            black_box(read_bytes("one.pdf", &bytes, Some(Format::Pdf)).map(|i| i.passages.len()))
        })
    });
    g.bench_function("100 20-page pdfs, parallel", |b| {
        b.iter(|| {
            let out = caspian_atlas::par::map(&names, |n| {
                read_bytes(n, &bytes, Some(Format::Pdf)).map(|i| i.passages.len())
            });
            black_box(out.iter().filter(|r| r.is_ok()).count())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
