//! Precision and recall of the linker on the hand-labelled sample (`tests/labelled/`), on the
//! shipped atlas and corpus.

#[path = "labelled/eval.rs"]
mod eval;

use std::sync::OnceLock;

use caspian_atlas::atlas::Atlas;
use caspian_atlas::corpus::Corpus;
use caspian_atlas::links::Links;

/// The shipped atlas and corpus, linked once for all tests of this file.
fn shipped() -> &'static (Atlas, Corpus, Links) {
    static DATA: OnceLock<(Atlas, Corpus, Links)> = OnceLock::new();
    DATA.get_or_init(|| {
        let atlas = Atlas::load_embedded();
        let corpus = Corpus::load_embedded();
        let links = Links::build(&atlas, &corpus);
        (atlas, corpus, links)
    })
}

/// Score a labelled sample on the shipped corpus: every label names a feature of the atlas and
/// matches one passage, at least `min_paragraphs` are labelled over every document; the scores
/// are printed (`--nocapture`) with the errors. Returns the report for the thresholds.
fn score_sample(
    name: &str,
    labels: Result<Vec<eval::Label>, String>,
    min_paragraphs: usize,
) -> eval::Report {
    let (atlas, corpus, links) = shipped();
    let labels = match labels {
        Ok(l) => l,
        Err(e) => panic!("{e}"),
    };
    for l in &labels {
        for id in l.names.iter().chain(&l.demonyms) {
            assert!(atlas.get(id).is_some(), "label names unknown feature {id}");
        }
    }
    let report = eval::score(&labels, &corpus.passages, links.all_mentions());
    assert!(
        report.unmatched.is_empty(),
        "labels matching no single passage: {:#?}",
        report.unmatched
    );
    assert!(
        report.paragraphs >= min_paragraphs,
        "only {} labelled paragraphs",
        report.paragraphs
    );
    assert_eq!(
        report.documents.len(),
        corpus.documents.len(),
        "every document has labelled paragraphs"
    );
    eprintln!(
        "{name} names: precision {:.3} recall {:.3} {:?}; demonyms: precision {:.3} recall {:.3} {:?}",
        report.names.precision(),
        report.names.recall(),
        report.names,
        report.demonyms.precision(),
        report.demonyms.recall(),
        report.demonyms
    );
    for e in &report.errors {
        eprintln!("{e}");
    }
    report
}

#[test]
fn labelled_sample_precision_and_recall() {
    let (_, _, links) = shipped();
    assert!(links.warnings().is_empty(), "{:?}", links.warnings());
    let report = score_sample("labelled", eval::labels(), 60);
    let (p, r) = (report.names.precision(), report.names.recall());
    assert!(p >= 0.97, "name precision {p:.3}: {:#?}", report.errors);
    assert!(r >= 0.95, "name recall {r:.3}: {:#?}", report.errors);
    // Demonyms are weaker links, scored apart with a looser bar.
    assert!(report.demonyms.precision() >= 0.9, "{:#?}", report.errors);
    assert!(report.demonyms.recall() >= 0.9, "{:#?}", report.errors);
}

/// The blind sample: 44 passages drawn at random (seeded, at least two per document) from
/// passages the first sample does not cover, labelled by reading the text alone, never the
/// linker's output. Its scores are the honest ones.
#[test]
fn blind_sample_precision_and_recall() {
    let report = score_sample("blind", eval::blind_labels(), 40);
    let (p, r) = (report.names.precision(), report.names.recall());
    assert!(
        p >= 0.97,
        "blind name precision {p:.3}: {:#?}",
        report.errors
    );
    assert!(r >= 0.95, "blind name recall {r:.3}: {:#?}", report.errors);
    assert!(report.demonyms.precision() >= 0.9, "{:#?}", report.errors);
    assert!(report.demonyms.recall() >= 0.85, "{:#?}", report.errors);
}

#[test]
fn every_mention_span_is_its_surface() {
    let (atlas, corpus, links) = shipped();
    let mut total = 0;
    for (i, p) in corpus.passages.iter().enumerate() {
        let ms = links.mentions(i);
        for w in ms.windows(2) {
            assert!(w[0].end <= w[1].start, "overlapping mentions in {}", p.id);
        }
        for m in ms {
            assert_eq!(
                p.text.get(m.start..m.end),
                Some(m.surface.as_str()),
                "{}",
                p.id
            );
            assert!(atlas.get(&m.feature).is_some());
            total += 1;
        }
    }
    assert!(total > 1000, "only {total} mentions in the corpus");
}

#[test]
fn indexes_agree_with_mentions() {
    let (atlas, _corpus, links) = shipped();
    let baku = atlas.index_of("baku").unwrap_or(usize::MAX);
    let refs = links.passages_of(baku);
    assert!(refs.len() >= 10);
    for w in refs.windows(2) {
        assert!(
            (w[0].names, w[0].demonyms) >= (w[1].names, w[1].demonyms),
            "ranked by mention count"
        );
    }
    for r in refs {
        let n = links
            .mentions(r.passage)
            .iter()
            .filter(|m| m.feature == "baku")
            .count() as u32;
        assert_eq!(n, r.names + r.demonyms);
        assert!(links.features_of(r.passage).contains(&baku));
    }
    let azerbaijan = atlas.index_of("azerbaijan").unwrap_or(usize::MAX);
    let both = refs
        .iter()
        .filter(|r| links.features_of(r.passage).contains(&azerbaijan))
        .count() as u32;
    assert_eq!(links.co_mention_count(baku, azerbaijan), both);
    assert_eq!(links.co_mention_count(azerbaijan, baku), both);
}
