//! The data the app loads off the UI thread (atlas, map meshes, the linked library) and the
//! texts the reader adds to or removes from it.

use std::time::{Duration, Instant};

use crate::map::MapModel;
use crate::ui::Library;

/// The atlas the app reads.
pub type Source = crate::atlas::Atlas;

/// Everything loaded off the UI thread.
pub struct Loaded {
    pub atlas: Source,
    pub model: MapModel,
    /// The linked essays the reading panels show.
    pub library: Library,
    /// The linker of the atlas, kept to link texts the reader brings.
    linker: Option<crate::links::Linker>,
    pub warnings: Vec<String>,
    pub load_time: Duration,
}

/// A text the reader brought, cleaned, split and linked into the library.
#[derive(Debug, Clone, PartialEq)]
pub struct Added {
    pub document: String,
    pub title: String,
    pub passages: usize,
    pub mentions: usize,
    /// The first passage, to open in the reader.
    pub first_passage: Option<String>,
}

impl Loaded {
    /// Load the embedded atlas and build the map meshes (slow: call off the UI thread).
    pub fn load() -> Loaded {
        let t0 = Instant::now();
        let atlas = Source::load_embedded();
        let model = MapModel::build(atlas.features());
        let mut warnings: Vec<String> = atlas.warnings().iter().map(|w| w.to_string()).collect();
        let (library, linker) = load_library(atlas.features(), &mut warnings);
        Loaded {
            atlas,
            model,
            library,
            linker,
            warnings,
            load_time: t0.elapsed(),
        }
    }

    /// Clean, split and link a text file the reader brings (`name` names it in messages and
    /// gives the document id), and add it to the library. Bad input is an error naming the
    /// file; the library is left as it was.
    pub fn add_text(&mut self, name: &str, bytes: &[u8]) -> Result<Added, String> {
        let (mut doc, mut passages) =
            crate::corpus::ingest_text(name, bytes).map_err(|e| e.to_string())?;
        if self.linker.is_none() {
            return Err(format!(
                "{name}: the essays cannot be linked in this session (see the data warnings)"
            ));
        }
        // A document id not yet in the library ("notes", "notes-2", …).
        let base = doc.id.clone();
        let mut k = 1;
        while self.library.documents.iter().any(|d| d.id == doc.id) {
            k += 1;
            doc.id = format!("{base}-{k}");
        }
        for p in &mut passages {
            p.document = doc.id.clone();
            p.id = crate::corpus::passage_id(&doc.id, p.index);
        }
        let first = self.library.passages.len();
        let added = Added {
            document: doc.id.clone(),
            title: doc.title.clone(),
            passages: passages.len(),
            mentions: 0,
            first_passage: passages.first().map(|p| p.id.clone()),
        };
        let mut lib = std::mem::take(&mut self.library);
        lib.documents.push(doc);
        lib.passages.extend(passages);
        lib.user_documents.push(added.document.clone());
        self.relink(lib);
        let mentions = (first..self.library.passages.len())
            .map(|i| self.library.links.mentions(i).len())
            .sum();
        Ok(Added { mentions, ..added })
    }

    /// Take a text the reader added out of the library; shipped documents stay. Returns its
    /// title when it was removed.
    pub fn remove_document(&mut self, id: &str) -> Option<String> {
        if !self.library.user_documents.iter().any(|d| d == id) {
            return None;
        }
        let mut lib = std::mem::take(&mut self.library);
        let title = lib
            .documents
            .iter()
            .find(|d| d.id == id)
            .map(|d| d.title.clone());
        lib.documents.retain(|d| d.id != id);
        lib.passages.retain(|p| p.document != id);
        lib.user_documents.retain(|d| d != id);
        self.relink(lib);
        title
    }

    /// Link `lib`'s documents again (indexes, co-mentions, search), keeping its user list.
    fn relink(&mut self, lib: Library) {
        let Some(linker) = &self.linker else {
            self.library = lib;
            return;
        };
        let user = lib.user_documents;
        self.library = Library::link(self.atlas.features(), lib.documents, lib.passages, linker);
        self.library.user_documents = user;
    }

    /// The reading panels' view of the data.
    pub fn view(&self) -> crate::ui::View<'_> {
        self.library.view(self.atlas.features())
    }

    /// Index of a feature by id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.atlas.index_of(id)
    }
}

/// Link the embedded essays to the atlas features; problems become warnings.
fn load_library(
    features: &[crate::atlas::Feature],
    warnings: &mut Vec<String>,
) -> (Library, Option<crate::links::Linker>) {
    use crate::links::{Linker, gazetteer};
    let corpus = crate::corpus::Corpus::load_embedded();
    warnings.extend(corpus.warnings.iter().cloned());
    let blockers = gazetteer::parse_blockers(gazetteer::BLOCKERS_TOML).unwrap_or_else(|e| {
        warnings.push(format!("links: {e}"));
        Vec::new()
    });
    let vocab = crate::corpus::vocab::Vocab::new();
    let is_word = |w: &str| vocab.in_word_list(w);
    match Linker::new(features, &is_word, &blockers) {
        Ok(linker) => {
            let library = Library::link(features, corpus.documents, corpus.passages, &linker);
            (library, Some(linker))
        }
        Err(e) => {
            warnings.push(format!("links: the essays are not linked: {e}"));
            let search = crate::links::SearchIndex::from_parts(features, &corpus.passages);
            let library = Library::new(
                corpus.documents,
                corpus.passages,
                crate::links::Links::default(),
                search,
            );
            (library, None)
        }
    }
}
