//! The data the app loads off the UI thread: the atlas, the map meshes, the shipped essays
//! linked, and the reader's library opened from SQLite (stored passages and links used as they
//! are; only documents an older linker made are linked again), joined into one linked library.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::corpus::{Document, Passage};
use crate::library::pipeline::{self, Linking};
use crate::library::{Store, StoredDocument, StoredLibrary};
use crate::links::{Linker, Links, Mention, SearchIndex};
use crate::map::MapModel;
use crate::ui::Library;

/// The atlas the app reads.
pub type Source = crate::atlas::Atlas;

/// The shipped essays, linked once per start: the part of the library that never changes.
#[derive(Debug, Clone, Default)]
pub struct Shipped {
    pub documents: Vec<Document>,
    pub passages: Vec<Passage>,
    pub mentions: Vec<Vec<Mention>>,
}

/// What the library worker needs from the load: the open database and how to link.
pub struct LibraryParts {
    pub store: Store,
    pub linker: Option<Arc<Linker>>,
    pub version: String,
    pub shipped: Arc<Shipped>,
    /// The atlas features without their geometry: what linking and search read.
    pub features: Arc<Vec<crate::atlas::Feature>>,
}

/// Everything loaded off the UI thread.
pub struct Loaded {
    pub atlas: Source,
    pub model: MapModel,
    /// The shipped essays and the reader's documents, linked, as the reading panels show them.
    pub library: Library,
    /// The reader's documents as the library lists them (counts, format, source).
    pub stored: Vec<StoredDocument>,
    /// Where the library lives (`:memory:` when the window has none).
    pub library_path: String,
    /// The open database and linker, handed to the library worker once loaded.
    pub parts: Option<LibraryParts>,
    pub warnings: Vec<String>,
    pub load_time: Duration,
}

impl Loaded {
    /// Load with a library held in memory only (tests, benches).
    pub fn load() -> Loaded {
        Loaded::load_with(None)
    }

    /// Load the embedded atlas, build the map meshes, link the shipped essays and open the
    /// reader's library at `library` (in memory when `None`). Slow: call off the UI thread. A
    /// damaged library is set aside with a warning; one that cannot be opened at all leaves
    /// an in-memory library and a warning.
    pub fn load_with(library: Option<&Path>) -> Loaded {
        let t0 = Instant::now();
        let atlas = Source::load_embedded();
        let model = MapModel::build(atlas.features());
        let mut warnings: Vec<String> = atlas.warnings().iter().map(|w| w.to_string()).collect();
        let (shipped, linker) = link_shipped(atlas.features(), &mut warnings);
        let version = crate::links::linker_version(atlas.features());
        let linking = Linking {
            linker: linker.as_deref(),
            version: &version,
        };
        let (store, path, stored) = open_store(library, linking, &mut warnings);
        if stored.relinked > 0 {
            warnings.push(format!(
                "library: {} documents were linked again (the atlas or the linker changed)",
                stored.relinked
            ));
        }
        let stored = stored.library;
        let shipped = Arc::new(shipped);
        let (library, rows) = build_library(atlas.features(), &shipped, stored);
        let parts = store.map(|store| LibraryParts {
            store,
            linker,
            version,
            shipped,
            features: Arc::new(light_features(atlas.features())),
        });
        Loaded {
            atlas,
            model,
            library,
            stored: rows,
            library_path: path,
            parts,
            warnings,
            load_time: t0.elapsed(),
        }
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

/// Open and load the library at `path` (in memory when `None`); problems become warnings.
fn open_store(
    path: Option<&Path>,
    linking: Linking<'_>,
    warnings: &mut Vec<String>,
) -> (Option<Store>, String, pipeline::Loaded) {
    if let Some(path) = path {
        match pipeline::open_and_load(path, linking) {
            Ok((store, loaded, w)) => {
                warnings.extend(w);
                return (Some(store), path.display().to_string(), loaded);
            }
            Err(e) => warnings.push(format!(
                "library: {e}; documents added in this session will not be kept"
            )),
        }
    }
    match Store::in_memory() {
        Ok(store) => (
            Some(store),
            ":memory:".to_string(),
            pipeline::Loaded::default(),
        ),
        Err(e) => {
            warnings.push(format!("library: {e}"));
            (None, String::new(), pipeline::Loaded::default())
        }
    }
}

/// The shipped essays and the reader's stored documents joined into one linked library, and
/// the stored documents' rows. Links come from the stored mentions: nothing is linked here.
pub fn build_library(
    features: &[crate::atlas::Feature],
    shipped: &Shipped,
    stored: StoredLibrary,
) -> (Library, Vec<StoredDocument>) {
    let mut documents = shipped.documents.clone();
    documents.extend(stored.documents.iter().map(StoredDocument::document));
    let mut passages = shipped.passages.clone();
    passages.extend(stored.passages);
    let mut mentions = shipped.mentions.clone();
    mentions.extend(stored.mentions);
    let links = Links::from_stored(features, mentions);
    let search = SearchIndex::from_parts(features, &passages);
    let mut library = Library::new(documents, passages, links, search);
    library.user_documents = stored.documents.iter().map(|d| d.key.clone()).collect();
    (library, stored.documents)
}

/// Link the embedded essays to the atlas features; problems become warnings.
fn link_shipped(
    features: &[crate::atlas::Feature],
    warnings: &mut Vec<String>,
) -> (Shipped, Option<Arc<Linker>>) {
    use crate::links::gazetteer;
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
            let links = Links::from_parts(features, &corpus.passages, &linker);
            let shipped = Shipped {
                documents: corpus.documents,
                mentions: links.all_mentions().to_vec(),
                passages: corpus.passages,
            };
            (shipped, Some(Arc::new(linker)))
        }
        Err(e) => {
            warnings.push(format!("links: the essays are not linked: {e}"));
            let n = corpus.passages.len();
            let shipped = Shipped {
                documents: corpus.documents,
                passages: corpus.passages,
                mentions: vec![Vec::new(); n],
            };
            (shipped, None)
        }
    }
}

/// The features with an empty geometry and no properties: enough to link and search.
fn light_features(features: &[crate::atlas::Feature]) -> Vec<crate::atlas::Feature> {
    features
        .iter()
        .map(|f| crate::atlas::Feature {
            id: f.id.clone(),
            kind: f.kind,
            name: f.name.clone(),
            aliases: f.aliases.clone(),
            demonyms: f.demonyms.clone(),
            summary: String::new(),
            status: None,
            sources: Vec::new(),
            geometry: geo::Geometry::Point(geo::Point::new(0.0, 0.0)),
            properties: serde_json::Map::new(),
        })
        .collect()
}

/// The library's usual place for the window: `None` when it has no data directory.
pub fn default_library_path() -> Option<PathBuf> {
    crate::library::default_path().ok()
}
