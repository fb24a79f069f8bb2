//! Linking and search speed: clean + split + link the shipped corpus, the same for the corpus
//! repeated 100 times, and one search on the 100× corpus.
//!
//! `clean_split_link_corpus_x100` cleans and splits the shipped corpus 100 times over (each
//! time from scratch: vocabulary, furniture, cleaning) and links the 100 copies together, a few
//! seconds per iteration: filter it out for a quick run, e.g.
//! `cargo bench --bench links -- 'gazetteer|link_corpus|search'`.

use caspian_atlas::atlas::Atlas;
use caspian_atlas::corpus::{Corpus, Passage};
use caspian_atlas::links::{Linker, Links, SearchIndex};
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

/// The corpus repeated `n` times, documents renamed so ids stay unique.
fn repeated(n: usize) -> Vec<Passage> {
    let mut out = Vec::new();
    for k in 0..n {
        let c = Corpus::load_embedded();
        out.extend(c.passages.into_iter().map(|mut p| {
            p.document = format!("{}~{k}", p.document);
            p.id = caspian_atlas::corpus::passage_id(&p.document, p.index);
            p
        }));
    }
    out
}

fn bench(c: &mut Criterion) {
    let atlas = Atlas::load_embedded();
    let linker = match Linker::from_atlas(&atlas) {
        Ok(l) => l,
        Err(e) => panic!("gazetteer: {e}"),
    };
    let mut group = c.benchmark_group("links");
    group.sample_size(20);
    group.bench_function("gazetteer_build", |b| {
        b.iter(|| black_box(Linker::from_atlas(&atlas).is_ok()))
    });
    group.bench_function("clean_split_link_corpus", |b| {
        b.iter(|| {
            let corpus = Corpus::load_embedded();
            black_box(Links::from_parts(
                atlas.features(),
                &corpus.passages,
                &linker,
            ))
        })
    });
    let corpus = Corpus::load_embedded();
    group.bench_function("link_corpus", |b| {
        b.iter(|| {
            black_box(Links::from_parts(
                atlas.features(),
                &corpus.passages,
                &linker,
            ))
        })
    });
    group.sample_size(10);
    // One iteration per sample: ten runs of the whole x100 pipeline.
    group.sampling_mode(SamplingMode::Flat);
    group.measurement_time(Duration::from_secs(35));
    group.bench_function("clean_split_link_corpus_x100", |b| {
        b.iter(|| {
            let passages = repeated(100);
            black_box(Links::from_parts(atlas.features(), &passages, &linker))
        })
    });
    group.sampling_mode(SamplingMode::Auto);
    group.measurement_time(Duration::from_secs(5));
    let big = repeated(100);
    group.bench_function("link_corpus_x100", |b| {
        b.iter(|| black_box(Links::from_parts(atlas.features(), &big, &linker)))
    });
    let index = SearchIndex::from_parts(atlas.features(), &big);
    group.sample_size(50);
    group.bench_function("search_passages_x100", |b| {
        b.iter(|| black_box(index.search_passages("Lachin corridor blockade", 20)))
    });
    group.bench_function("search_passages_typo_x100", |b| {
        b.iter(|| black_box(index.search_passages("Nagorno-Karabah humanitarian", 20)))
    });
    group.bench_function("search_features", |b| {
        b.iter(|| black_box(index.search_features("Zangazur", 10)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
