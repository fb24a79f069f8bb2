//! Getting work out: citations, GeoJSON/CSV for GIS and spreadsheets, BibTeX/RIS/CSL-JSON for
//! reference managers, Markdown/HTML briefings and SVG/PNG maps — all from the models the UI
//! reads (`corpus`, `links`, `atlas`), filtered like the UI. Never imports egui.

pub mod biblio;
pub mod briefing;
pub mod cite;
pub mod clip;
pub mod formats;
pub mod gis;
pub mod labels;
pub mod map_frame;
pub mod map_style;
pub mod notes;
pub mod png;
pub mod svg;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::atlas::{Feature, Kind};
use crate::corpus::{Document, Passage};
use crate::links::{Links, Mention, SearchIndex};

/// Why an export could not be made. Every message says what and where.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("unknown feature id `{0}`")]
    UnknownFeature(String),
    #[error("unknown document id `{0}` in the document filter")]
    UnknownDocument(String),
    #[error("writing CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("serialising {what}: {source}")]
    Json {
        what: &'static str,
        source: serde_json::Error,
    },
    #[error("bad map option {option}: {reason}")]
    MapOption {
        option: &'static str,
        reason: String,
    },
    #[error("rasterising the SVG map: {0}")]
    Raster(String),
    #[error("{0}")]
    Unsupported(String),
}

/// What to export from: the features of the atlas, the documents and passages of the corpus
/// (or the reader's library) and their links. `links` must be built from these `features` and
/// `passages` (mention `i` belongs to passage `i`).
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    pub features: &'a [Feature],
    pub documents: &'a [Document],
    pub passages: &'a [Passage],
    pub links: &'a Links,
    /// Whether a mention of a passage (by id) was made or changed by one of the reader's
    /// corrections (the library's); `None`: every mention reports `corrected = false`.
    pub corrected: Option<&'a CorrectedFn<'a>>,
}

/// Whether a mention of a passage (by id) was corrected by the reader.
pub type CorrectedFn<'a> = dyn Fn(&str, &Mention) -> bool + 'a;

impl<'a> Inputs<'a> {
    pub fn new(
        features: &'a [Feature],
        documents: &'a [Document],
        passages: &'a [Passage],
        links: &'a Links,
    ) -> Inputs<'a> {
        Inputs {
            features,
            documents,
            passages,
            links,
            corrected: None,
        }
    }

    /// The document a passage belongs to.
    pub fn document_of(&self, p: &Passage) -> Option<&'a Document> {
        self.documents.iter().find(|d| d.id == p.document)
    }

    /// Whether the reader corrected this mention.
    pub fn is_corrected(&self, passage_id: &str, m: &Mention) -> bool {
        self.corrected.is_some_and(|f| f(passage_id, m))
    }
}

/// The export's filters: the core twin of the window's reading filters (`ui::state::Filters`
/// converts to it field by field). Empty lists keep everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Only these documents (ids).
    pub documents: Vec<String>,
    /// Only documents of these outlets.
    pub outlets: Vec<String>,
    /// Kinds of feature left out (their mentions and GeoJSON features are dropped).
    pub hidden_kinds: Vec<Kind>,
}

impl Filter {
    pub fn keeps_document(&self, d: &Document) -> bool {
        (self.documents.is_empty() || self.documents.contains(&d.id))
            && (self.outlets.is_empty() || self.outlets.contains(&d.outlet))
    }

    pub fn keeps_kind(&self, kind: Kind) -> bool {
        !self.hidden_kinds.contains(&kind)
    }
}

/// Which passages an export covers, on top of the filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection {
    /// Only passages that mention this feature (id); mention-level outputs (GeoJSON, CSV)
    /// keep only this feature's mentions.
    pub feature: Option<String>,
    /// Only passages that match this full-text search (the window's search box).
    pub query: Option<String>,
}

/// The passages an export covers, resolved: corpus passage indices in reading order
/// (documents in corpus order, passages by index), and the feature of the selection.
#[derive(Debug, Clone, PartialEq)]
pub struct Chosen {
    pub passages: Vec<usize>,
    /// Atlas index of `Selection::feature`.
    pub feature: Option<usize>,
}

/// Most passages a `--query` search returns.
pub const QUERY_LIMIT: usize = 500;

/// Resolve a filter and a selection into passages. Unknown feature or document ids are
/// errors (a typo must not silently give an empty export).
pub fn choose(inputs: &Inputs, filter: &Filter, sel: &Selection) -> Result<Chosen, ExportError> {
    for d in &filter.documents {
        if !inputs.documents.iter().any(|x| x.id == *d) {
            return Err(ExportError::UnknownDocument(d.clone()));
        }
    }
    let feature = match &sel.feature {
        Some(id) => Some(
            inputs
                .features
                .iter()
                .position(|f| f.id == *id)
                .ok_or_else(|| ExportError::UnknownFeature(id.clone()))?,
        ),
        None => None,
    };
    let kept_docs: HashMap<&str, usize> = inputs
        .documents
        .iter()
        .enumerate()
        .filter(|(_, d)| filter.keeps_document(d))
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let mut keep: Vec<bool> = inputs
        .passages
        .iter()
        .map(|p| kept_docs.contains_key(p.document.as_str()))
        .collect();
    if let Some(fi) = feature {
        let mut hit = vec![false; keep.len()];
        for r in inputs.links.passages_of(fi) {
            if let Some(h) = hit.get_mut(r.passage) {
                *h = true;
            }
        }
        keep.iter_mut().zip(hit).for_each(|(k, h)| *k &= h);
    }
    if let Some(q) = &sel.query {
        let index = SearchIndex::from_parts(&[], inputs.passages);
        let hits: BTreeSet<usize> = index
            .search_passages(q, QUERY_LIMIT)
            .into_iter()
            .map(|h| h.passage_idx)
            .collect();
        for (i, k) in keep.iter_mut().enumerate() {
            *k &= hits.contains(&i);
        }
    }
    let mut passages: Vec<usize> = keep
        .iter()
        .enumerate()
        .filter(|&(_, &k)| k)
        .map(|(i, _)| i)
        .collect();
    passages.sort_by_key(|&i| {
        inputs
            .passages
            .get(i)
            .map_or((usize::MAX, usize::MAX), |p| {
                (
                    kept_docs
                        .get(p.document.as_str())
                        .copied()
                        .unwrap_or(usize::MAX),
                    p.index,
                )
            })
    });
    Ok(Chosen { passages, feature })
}

/// The mentions an export lists for a chosen passage: the filter's kinds, and only the
/// selected feature's when there is one.
pub fn kept_mentions<'a>(
    inputs: &Inputs<'a>,
    filter: &Filter,
    chosen: &Chosen,
    passage: usize,
) -> Vec<(&'a Mention, usize)> {
    let only = chosen
        .feature
        .and_then(|i| inputs.features.get(i))
        .map(|f| f.id.as_str());
    inputs
        .links
        .mentions(passage)
        .iter()
        .filter(|m| only.is_none_or(|id| m.feature == id))
        .filter_map(|m| {
            let fi = inputs.links.feature_index(&m.feature)?;
            let f = inputs.features.get(fi)?;
            filter.keeps_kind(f.kind).then_some((m, fi))
        })
        .collect()
}

/// The documents of the chosen passages, in corpus order (the cited documents).
pub fn cited_documents<'a>(inputs: &Inputs<'a>, chosen: &Chosen) -> Vec<&'a Document> {
    let ids: BTreeSet<&str> = chosen
        .passages
        .iter()
        .filter_map(|&i| inputs.passages.get(i))
        .map(|p| p.document.as_str())
        .collect();
    inputs
        .documents
        .iter()
        .filter(|d| ids.contains(d.id.as_str()))
        .collect()
}

/// Chosen passages grouped by document (corpus order), each group in reading order.
pub fn by_document<'a>(
    inputs: &Inputs<'a>,
    chosen: &Chosen,
) -> Vec<(&'a Document, Vec<&'a Passage>)> {
    let mut groups: BTreeMap<usize, Vec<&'a Passage>> = BTreeMap::new();
    for &i in &chosen.passages {
        let Some(p) = inputs.passages.get(i) else {
            continue;
        };
        if let Some(d) = inputs.documents.iter().position(|d| d.id == p.document) {
            groups.entry(d).or_default().push(p);
        }
    }
    groups
        .into_iter()
        .filter_map(|(d, ps)| inputs.documents.get(d).map(|d| (d, ps)))
        .collect()
}

/// Clip a value echoed in a message to `max` characters.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
pub(crate) mod fixture {
    //! A tiny atlas and corpus shared by the export modules' unit tests.
    use crate::atlas::Atlas;
    use crate::corpus::{Document, Passage};
    use crate::links::{Linker, Links};

    pub struct Fx {
        pub atlas: &'static Atlas,
        pub documents: Vec<Document>,
        pub passages: Vec<Passage>,
        pub links: Links,
    }

    pub fn doc(id: &str, authors: &[&str], outlet: &str, date: &str, source: &str) -> Document {
        Document {
            id: id.into(),
            title: format!("Title of {id}"),
            title_supplied: false,
            authors: authors.iter().map(|s| s.to_string()).collect(),
            outlet: outlet.into(),
            date: date.into(),
            source: source.into(),
            byline_note: None,
        }
    }

    pub fn fx() -> Fx {
        let atlas = Atlas::embedded();
        let documents = vec![
            doc(
                "a",
                &["Jane Q. Public"],
                "Journal of Tests, Vol. 1, No. 2",
                "2021",
                "https://example.org/a",
            ),
            doc(
                "b",
                &[],
                "Example.org",
                "2023-05-08",
                "web page export b.txt",
            ),
        ];
        let p = |d: &str, i: usize, t: &str| Passage {
            id: format!("{d}#p{i}"),
            document: d.into(),
            index: i,
            heading: None,
            text: t.into(),
        };
        let passages = vec![
            p("a", 0, "Baku and Armenia met <at> the table & talked."),
            p("a", 1, "Nothing here."),
            p("b", 0, "The Azerbaijani side said \"no\" in Baku."),
        ];
        let Ok(linker) = Linker::from_atlas(atlas) else {
            panic!("the fixture gazetteer builds");
        };
        let links = Links::from_parts(atlas.features(), &passages, &linker);
        Fx {
            atlas,
            documents,
            passages,
            links,
        }
    }

    impl Fx {
        pub fn inputs(&self) -> super::Inputs<'_> {
            super::Inputs::new(
                self.atlas.features(),
                &self.documents,
                &self.passages,
                &self.links,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_and_selections_choose_passages() {
        let fx = fixture::fx();
        let inp = fx.inputs();
        let all = choose(&inp, &Filter::default(), &Selection::default());
        let Ok(all) = all else {
            panic!("no filter chooses every passage");
        };
        assert_eq!(all.passages, vec![0, 1, 2]);
        let sel = Selection {
            feature: Some("baku".into()),
            query: None,
        };
        let Ok(baku) = choose(&inp, &Filter::default(), &sel) else {
            panic!("baku is a feature");
        };
        assert_eq!(baku.passages, vec![0, 2]);
        let only_b = Filter {
            documents: vec!["b".into()],
            ..Filter::default()
        };
        let Ok(b) = choose(&inp, &only_b, &sel) else {
            panic!("b is a document");
        };
        assert_eq!(b.passages, vec![2]);
        let q = Selection {
            feature: None,
            query: Some("table".into()),
        };
        let Ok(t) = choose(&inp, &Filter::default(), &q) else {
            panic!("a query never fails");
        };
        assert_eq!(t.passages, vec![0]);
        assert!(matches!(
            choose(
                &inp,
                &Filter::default(),
                &Selection {
                    feature: Some("atlantis".into()),
                    query: None
                }
            ),
            Err(ExportError::UnknownFeature(_))
        ));
        let bad_doc = Filter {
            documents: vec!["zz".into()],
            ..Filter::default()
        };
        assert!(choose(&inp, &bad_doc, &Selection::default()).is_err());
    }

    #[test]
    fn hidden_kinds_drop_mentions() {
        let fx = fixture::fx();
        let inp = fx.inputs();
        let Ok(all) = choose(&inp, &Filter::default(), &Selection::default()) else {
            panic!("no filter chooses every passage");
        };
        let n = kept_mentions(&inp, &Filter::default(), &all, 0).len();
        assert_eq!(n, 2, "Baku and Armenia");
        let no_cities = Filter {
            hidden_kinds: vec![Kind::City],
            ..Filter::default()
        };
        let kept = kept_mentions(&inp, &no_cities, &all, 0);
        assert_eq!(kept.len(), 1);
        assert_eq!(
            kept.first().map(|(m, _)| m.feature.as_str()),
            Some("armenia")
        );
        assert_eq!(clip("abcdef", 3), "abc…");
    }
}
