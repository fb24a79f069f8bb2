//! Search as the panels run it (features by name or alias, then ranked passages with matched
//! ranges) on the shipped corpus repeated 100 times. Aim: under 30 ms per query.

use criterion::{Criterion, criterion_group, criterion_main};

use caspian_atlas::atlas::Atlas;
use caspian_atlas::corpus::{Corpus, Document, Passage};
use caspian_atlas::links::{Links, SearchIndex};
use caspian_atlas::ui::{Library, Source};

/// The corpus repeated `times` times, each copy with its own document and passage ids.
fn repeated(corpus: &Corpus, times: usize) -> (Vec<Document>, Vec<Passage>) {
    let mut docs = Vec::with_capacity(corpus.documents.len() * times);
    let mut passages = Vec::with_capacity(corpus.passages.len() * times);
    for copy in 0..times {
        for d in &corpus.documents {
            let mut d = d.clone();
            d.id = format!("{}-copy{copy}", d.id);
            docs.push(d);
        }
        for p in &corpus.passages {
            let mut p = p.clone();
            p.document = format!("{}-copy{copy}", p.document);
            p.id = caspian_atlas::corpus::passage_id(&p.document, p.index);
            passages.push(p);
        }
    }
    (docs, passages)
}

fn bench_search(c: &mut Criterion) {
    let atlas = Atlas::load_embedded();
    let corpus = Corpus::load_embedded();
    let (docs, passages) = repeated(&corpus, 100);
    let search = SearchIndex::from_parts(atlas.features(), &passages);
    let library = Library::new(docs, passages, Links::default(), search);
    let view = library.view(atlas.features());
    let mut group = c.benchmark_group("search-corpus-x100");
    for query in [
        "Zangezur",
        "Nakhichevan",
        "Turkiye",
        "gas pipeline to Europe",
        "energy security of the Caspian",
    ] {
        group.bench_function(query, |b| {
            b.iter(|| std::hint::black_box(view.search(std::hint::black_box(query), 60)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_search);
criterion_main!(benches);
