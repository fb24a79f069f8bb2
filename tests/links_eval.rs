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

/// The gazetteer sample (`tests/labelled/places.toml`): news-style paragraphs naming ordinary
/// towns, rivers and passes, each linked on its own, and trap paragraphs (people, films, brands,
/// common words that are also town names) that must get no link at all. Scores are printed with
/// `--nocapture`.
#[test]
fn places_sample_precision_and_recall() {
    #[derive(serde::Deserialize)]
    struct Para {
        text: String,
        names: Vec<String>,
        #[serde(default)]
        trap: bool,
    }
    #[derive(serde::Deserialize)]
    struct File {
        paragraph: Vec<Para>,
    }
    let (atlas, _, _) = shipped();
    let file: File = match toml::from_str(include_str!("labelled/places.toml")) {
        Ok(f) => f,
        Err(e) => panic!("tests/labelled/places.toml: {e}"),
    };
    let linker = match caspian_atlas::links::Linker::from_atlas(atlas) {
        Ok(l) => l,
        Err(e) => panic!("gazetteer: {e}"),
    };
    let point = |id: &str| -> Option<(f64, f64)> {
        use geo::InteriorPoint;
        let p = atlas.get(id)?.geometry.interior_point()?;
        Some((p.x(), p.y()))
    };
    let km = |a: (f64, f64), b: (f64, f64)| {
        let lat = ((a.1 + b.1) / 2.0).to_radians();
        ((a.0 - b.0) * lat.cos()).hypot(a.1 - b.1) * 111.2
    };
    let (mut tp, mut fp, mut fn_, mut near, mut named, mut trap_links) = (0, 0, 0, 0, 0, 0);
    let mut errors = Vec::new();
    for p in &file.paragraph {
        for id in &p.names {
            assert!(atlas.get(id).is_some(), "places.toml names unknown {id}");
        }
        let mentions = linker.link_document(&[p.text.as_str()]);
        // Names only: demonyms ("Kazakh railways") are scored by the corpus samples.
        let linked: std::collections::BTreeSet<&str> = mentions
            .iter()
            .flatten()
            .filter(|m| m.kind == caspian_atlas::links::MentionKind::Name)
            .map(|m| m.feature.as_str())
            .collect();
        if p.trap {
            trap_links += linked.len();
            for id in &linked {
                errors.push(format!("trap linked {id}: {}", p.text));
            }
            continue;
        }
        for id in &p.names {
            named += 1;
            if linked.contains(id.as_str()) {
                tp += 1;
            } else {
                fn_ += 1;
                errors.push(format!("missed {id}: {}", p.text));
            }
            // Linked to some place within 25 km of the one meant.
            let Some(want) = point(id) else { continue };
            if linked
                .iter()
                .filter_map(|l| point(l))
                .any(|got| km(got, want) <= 25.0)
            {
                near += 1;
            }
        }
        for id in &linked {
            if !p.names.iter().any(|n| n == id) {
                fp += 1;
                errors.push(format!("extra {id}: {}", p.text));
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    let within = near as f64 / named.max(1) as f64;
    eprintln!(
        "places: {named} names, precision {precision:.3} recall {recall:.3} (tp {tp} fp {fp} fn {fn_}); within 25 km {within:.3}; trap links {trap_links}"
    );
    for e in &errors {
        eprintln!("{e}");
    }
    assert!(named >= 100, "only {named} labelled names");
    assert_eq!(trap_links, 0, "{errors:#?}");
    assert!(precision >= 0.97, "{errors:#?}");
    assert!(recall >= 0.95, "{errors:#?}");
    assert!(within >= 0.95, "{errors:#?}");
}
