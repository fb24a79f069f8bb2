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

#[test]
fn a_quoted_phrase_matches_the_phrase_only() {
    let atlas = Atlas::load_embedded();
    let corpus = Corpus::load_embedded();
    let index = SearchIndex::build(&atlas, &corpus);
    let text = |i: usize| corpus.passages.get(i).map_or("", |p| p.text.as_str());
    let phrase = index.search_passages("\"Article 9\"", 500);
    assert!(!phrase.is_empty(), "the corpus quotes Article 9");
    for h in &phrase {
        let folded = fold_str(text(h.passage_idx));
        assert!(folded.contains("article 9"), "{folded}");
        for &(s, e) in &h.ranges {
            assert_eq!(
                fold_str(text(h.passage_idx).get(s..e).unwrap_or("")),
                "article 9"
            );
        }
    }
    // Unquoted, the words match anywhere (many more passages), quoted the phrase narrows.
    let words = index.search_passages("Article 9", 500);
    assert!(words.len() > phrase.len());
    // Every passage holding the phrase is found.
    let holding = corpus
        .passages
        .iter()
        .filter(|p| {
            let f = fold_str(&p.text);
            f.match_indices("article 9")
                .any(|(i, _)| !f[i + 9..].starts_with(|c: char| c.is_ascii_digit()))
        })
        .count();
    assert_eq!(phrase.len(), holding);
    // Typographic quotes work the same; a phrase nowhere finds nothing.
    assert_eq!(
        index.search_passages("“Article 9”", 500).len(),
        phrase.len()
    );
    assert!(index.search_passages("\"9 Article\"", 500).is_empty());
}

#[test]
fn a_place_searched_by_any_spelling_finds_every_passage_that_mentions_it() {
    let atlas = Atlas::load_embedded();
    let corpus = Corpus::load_embedded();
    let links = caspian_atlas::links::Links::build(&atlas, &corpus);
    let index = SearchIndex::build(&atlas, &corpus);
    let Some(nakh) = atlas.index_of("nakhchivan") else {
        panic!("Nakhchivan is in the atlas");
    };
    let mentioning: Vec<usize> = links.passages_of(nakh).iter().map(|r| r.passage).collect();
    assert!(mentioning.len() > 10);
    let text = |i: usize| corpus.passages.get(i).map(|p| p.text.as_str());
    for spelling in [
        "Nakhichevan",
        "nakhchivan",
        "Naxçıvan",
        "Nakhchivan Autonomous Republic",
    ] {
        // The city of the same name shares the short spellings; the region is always named.
        let named = index.places_named(spelling);
        assert!(
            named.contains(&nakh) && named.len() <= 2,
            "{spelling}: {named:?}"
        );
        let hits = index.search_passages_linked(spelling, 1000, text, &links);
        let found: Vec<usize> = hits.iter().map(|h| h.passage_idx).collect();
        for p in &mentioning {
            assert!(
                found.contains(p),
                "{spelling}: passage {p} mentions Nakhchivan"
            );
        }
        // The mention is highlighted whatever its spelling.
        let Some(h) = hits.iter().find(|h| h.passage_idx == mentioning[0]) else {
            panic!("listed")
        };
        assert!(!h.ranges.is_empty());
    }
    assert_eq!(
        index.places_named("Nakhchivan Autonomous Republic"),
        vec![nakh]
    );
    // A demonym is not a place search; a quoted query is not either.
    assert!(index.places_named("Iranian").is_empty());
    assert!(index.places_named("\"Nakhchivan\"").is_empty());
}

#[test]
fn short_words_are_not_found_inside_longer_names() {
    let (atlas, index) = index();
    let gas = ids(&atlas, &index, "gas", 30);
    assert!(!gas.iter().any(|i| i == "khorgos"), "{gas:?}");
    assert!(
        ids(&atlas, &index, "Khorgas", 3)
            .first()
            .map(String::as_str)
            == Some("khorgos"),
        "the alias itself still finds it"
    );
    assert!(
        ids(&atlas, &index, "\"Baku\"", 3)
            .first()
            .map(String::as_str)
            == Some("baku")
    );
}
