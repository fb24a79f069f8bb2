//! Corpus cleaning speed: the shipped corpus cleaned and split, and a large user file
//! (the corpus text repeated 100 times) through `ingest_text`.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use caspian_atlas::corpus::{Corpus, embedded_sources, ingest_text, vocab};

fn bench(c: &mut Criterion) {
    vocab::warm_up();
    c.bench_function("corpus/load_embedded (clean + split, 17 documents)", |b| {
        b.iter(|| black_box(Corpus::load_embedded()))
    });
    let all: String = embedded_sources()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join("\n");
    let big = all.repeat(100);
    let mut group = c.benchmark_group("corpus/ingest_text");
    group.sample_size(10);
    group.bench_function("corpus text x1", |b| {
        b.iter(|| black_box(ingest_text("all.txt", all.as_bytes())))
    });
    group.bench_function("corpus text x100", |b| {
        b.iter(|| black_box(ingest_text("big.txt", big.as_bytes())))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
