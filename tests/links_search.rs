//! Search over the shipped atlas and corpus: typo- and diacritic-tolerant feature search, and
//! BM25 full text with highlight ranges.

use caspian_atlas::atlas::Atlas;
use caspian_atlas::corpus::Corpus;
use caspian_atlas::links::SearchIndex;
use caspian_atlas::links::fold::fold_str;

fn index() -> (Atlas, SearchIndex) {
    let atlas = Atlas::load_embedded();
    let corpus = Corpus::load_embedded();
    let index = SearchIndex::build(&atlas, &corpus);
    (atlas, index)
}

fn ids(atlas: &Atlas, index: &SearchIndex, q: &str, n: usize) -> Vec<String> {
    index
        .search_features(q, n)
        .into_iter()
        .filter_map(|h| atlas.features().get(h.idx).map(|f| f.id.clone()))
        .collect()
}

#[test]
fn feature_search_tolerates_diacritics_case_and_typos() {
    let (atlas, index) = index();
    assert_eq!(
        ids(&atlas, &index, "Turkiye", 3)
            .first()
            .map(String::as_str),
        Some("turkey")
    );
    assert_eq!(
        ids(&atlas, &index, "türkiye", 3)
            .first()
            .map(String::as_str),
        Some("turkey")
    );
    assert_eq!(
        ids(&atlas, &index, "Nakhichevan", 3)
            .first()
            .map(String::as_str),
        Some("nakhchivan")
    );
    let z = ids(&atlas, &index, "Zangazur", 3);
    assert!(z.iter().take(2).any(|i| i == "zangezur-corridor"), "{z:?}");
    assert_eq!(
        ids(&atlas, &index, "Tbilsi", 3).first().map(String::as_str),
        Some("tbilisi")
    );
    assert_eq!(
        ids(&atlas, &index, "BAKU", 3).first().map(String::as_str),
        Some("baku")
    );
    assert_eq!(
        ids(&atlas, &index, "stepanakert", 3)
            .first()
            .map(String::as_str),
        Some("khankendi")
    );
    assert_eq!(
        ids(&atlas, &index, "Kazakstan", 3)
            .first()
            .map(String::as_str),
        Some("kazakhstan")
    );
}

#[test]
fn feature_search_is_bounded_and_ordered() {
    let (atlas, index) = index();
    let hits = index.search_features("caspian", 4);
    assert!(hits.len() <= 4 && !hits.is_empty());
    for w in hits.windows(2) {
        assert!(w[0].score >= w[1].score);
    }
    assert!(index.search_features("", 5).is_empty());
    assert!(index.search_features("   ", 5).is_empty());
    assert!(ids(&atlas, &index, "qqqqxxxxzzzz", 5).is_empty());
    // Odd input never panics.
    for q in ["\u{0301}", "ẞ", "'", "-", "🙂🙂", "a"] {
        let _ = index.search_features(q, 5);
        let _ = index.search_passages(q, 5);
    }
}

#[test]
fn passage_search_ranks_and_highlights() {
    let atlas = Atlas::load_embedded();
    let corpus = Corpus::load_embedded();
    let index = SearchIndex::build(&atlas, &corpus);
    let hits = index.search_passages("Lachin corridor", 10);
    assert!(!hits.is_empty());
    for w in hits.windows(2) {
        assert!(w[0].score >= w[1].score);
    }
    for h in &hits {
        let text = corpus
            .passages
            .get(h.passage_idx)
            .map_or("", |p| p.text.as_str());
        assert!(!h.ranges.is_empty());
        for &(s, e) in &h.ranges {
            let word = fold_str(text.get(s..e).unwrap_or(""));
            assert!(
                word == "lachin" || word == "corridor",
                "highlighted {word:?}"
            );
        }
    }
    // The best hit holds both words.
    let best = hits
        .first()
        .and_then(|h| corpus.passages.get(h.passage_idx));
    let best = best.map(|p| fold_str(&p.text)).unwrap_or_default();
    assert!(best.contains("lachin") && best.contains("corridor"));
    // A misspelt word still finds passages; a word nowhere finds none.
    assert!(!index.search_passages("Nagorno-Karabah", 5).is_empty());
    assert!(index.search_passages("xylophonist", 5).is_empty());
    assert!(index.search_passages("Lachin", 0).is_empty());
}
