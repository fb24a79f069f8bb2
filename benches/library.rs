//! The reader's library at a thousand documents (generated from the shipped essays' passages,
//! with their links): opening it to usable data (open the database, load documents, passages
//! and mentions, build the link indexes and the search index), a search over it, and importing
//! 100 text documents (read, clean, link, store) into a fresh library.
//! Aims: open ≤ 1 s, search ≤ 50 ms.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

use caspian_atlas::atlas::Atlas;
use caspian_atlas::corpus::{Corpus, Document};
use caspian_atlas::library::pipeline::{self, Input, Linking};
use caspian_atlas::library::{NewDocument, Store};
use caspian_atlas::links::{Linker, Links, SearchIndex, linker_version};

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ca-bench-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        panic!("temp dir {}: {e}", dir.display());
    }
    dir
}

/// A library of `n` documents, each 30 consecutive passages of the shipped corpus with their
/// links, stored under the current linker version.
fn build_library(path: &Path, atlas: &Atlas, n: usize) {
    let corpus = Corpus::load_embedded();
    let links = Links::build(atlas, &corpus);
    let version = linker_version(atlas.features());
    let Ok((mut store, _)) = Store::open(path) else {
        panic!("open {}", path.display());
    };
    let total = corpus.passages.len();
    for i in 0..n {
        let start = (i * 37) % total.saturating_sub(30).max(1);
        let range = start..(start + 30).min(total);
        let mut passages = corpus.passages.get(range.clone()).unwrap_or(&[]).to_vec();
        for (k, p) in passages.iter_mut().enumerate() {
            p.index = k;
        }
        let mentions = links.all_mentions().get(range).unwrap_or(&[]).to_vec();
        let doc = Document {
            id: format!("doc-{i}"),
            title: format!("Generated document {i}"),
            title_supplied: false,
            authors: vec![format!("Author {}", i % 50)],
            outlet: "Bench Review".into(),
            date: format!("20{:02}", i % 25),
            source: String::new(),
            byline_note: None,
        };
        let source = format!("/bench/doc-{i}.txt");
        let hash = format!("{i:064x}");
        let new = NewDocument {
            source_path: &source,
            content_hash: &hash,
            format: "text",
            document: &doc,
            passages: &passages,
            mentions: &mentions,
            linker_version: &version,
            text: "",
            warnings: &[],
        };
        if let Err(e) = store.add_document(&new, &[]) {
            panic!("store: {e}");
        }
    }
}

/// Open the library and build everything the window reads.
fn open_usable(
    path: &Path,
    atlas: &Atlas,
    linker: &Linker,
    version: &str,
) -> (Links, SearchIndex, usize) {
    let Ok((mut store, _)) = Store::open(path) else {
        panic!("open");
    };
    let linking = Linking {
        linker: Some(linker),
        version,
    };
    let Ok(loaded) = pipeline::load(&mut store, linking) else {
        panic!("load");
    };
    assert_eq!(loaded.relinked, 0);
    let lib = loaded.library;
    let search = SearchIndex::from_parts(atlas.features(), &lib.passages);
    let links = Links::from_stored(atlas.features(), lib.mentions);
    (links, search, lib.passages.len())
}

fn bench_library(c: &mut Criterion) {
    let atlas = Atlas::load_embedded();
    let Ok(linker) = Linker::from_atlas(&atlas) else {
        panic!("gazetteer");
    };
    let version = linker_version(atlas.features());
    let dir = temp_dir("open");
    let db = dir.join("library.db");
    build_library(&db, &atlas, 1000);
    let mut group = c.benchmark_group("library-1000");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("open to usable data", |b| {
        b.iter(|| std::hint::black_box(open_usable(&db, &atlas, &linker, &version)))
    });
    let (_, search, n) = open_usable(&db, &atlas, &linker, &version);
    let Ok((store, _)) = Store::open(&db) else {
        panic!("open");
    };
    let Ok(lib) = store.load() else {
        panic!("load");
    };
    assert_eq!(n, lib.passages.len());
    for query in [
        "Zangezur",
        "gas pipeline to Europe",
        "energy security of the Caspian",
    ] {
        group.bench_function(format!("search {query}"), |b| {
            b.iter(|| {
                let f = search.search_features(std::hint::black_box(query), 15);
                let p = search.search_passages_of(&lib.passages, std::hint::black_box(query), 60);
                std::hint::black_box((f, p))
            })
        });
    }
    group.finish();

    // Importing 100 text documents (each a shipped essay's raw text, renamed) into a new library.
    let docs = temp_dir("docs");
    let sources: Vec<(&str, &str)> = caspian_atlas::corpus::embedded_sources().collect();
    let mut files = Vec::new();
    for i in 0..100 {
        let Some((_, text)) = sources.get(i % sources.len()) else {
            continue;
        };
        let p = docs.join(format!("essay-{i:03}.txt"));
        if let Err(e) = std::fs::write(&p, format!("Imported essay {i}\n\n{text}")) {
            panic!("write: {e}");
        }
        files.push(Input::Path(p));
    }
    let mut group = c.benchmark_group("library-import");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    let mut round = 0;
    group.bench_function("import 100 text documents", |b| {
        b.iter(|| {
            round += 1;
            let db = dir.join(format!("import-{round}.db"));
            let Ok((mut store, _)) = Store::open(&db) else {
                panic!("open");
            };
            let linking = Linking {
                linker: Some(&linker),
                version: &version,
            };
            let out = pipeline::import(
                &mut store,
                linking,
                &files,
                &[],
                &AtomicBool::new(false),
                |_| {},
            );
            assert_eq!(out.len(), 100);
            drop(store);
            let _ = std::fs::remove_file(&db);
        })
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&docs);
}

criterion_group!(benches, bench_library);
criterion_main!(benches);
