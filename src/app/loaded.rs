//! The data the app loads off the UI thread: the atlas, the map meshes, the shipped essays
//! linked, and the reader's library opened from SQLite (stored passages and links used as they
//! are; only documents an older linker made are linked again), joined into one linked library.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::corpus::{Document, Passage};
use crate::library::corrections::{Correction, apply_stored};
use crate::library::notes::Note;
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
        Loaded::load_with(None, &[])
    }

    /// Load the embedded atlas, build the map meshes, link the shipped essays and open the
    /// reader's library at `library` (in memory when `None`). Slow: call off the UI thread. A
    /// damaged library is set aside with a warning; one that cannot be opened at all leaves
    /// an in-memory library and a warning. The reader's GeoJSON layers — those the library keeps
    /// and the files in `layers` (`--layer`, then kept) — join the atlas first, so the map
    /// draws them and their names link in every text.
    pub fn load_with(library: Option<&Path>, layers: &[PathBuf]) -> Loaded {
        let t0 = Instant::now();
        // The essays are cleaned while the atlas loads (they do not need it); then the map's
        // meshes are built while the essays are linked: two cores, two halves.
        let (mut atlas, corpus) = std::thread::scope(|s| {
            let corpus = s.spawn(crate::corpus::Corpus::load_embedded);
            let atlas = Source::load_embedded();
            (atlas, joined(corpus.join()))
        });
        let mut warnings: Vec<String> = atlas.warnings().iter().map(|w| w.to_string()).collect();
        user_layers::add(&mut atlas, library, layers, &mut warnings);
        let (model, (shipped, linker)) = std::thread::scope(|s| {
            let model = s.spawn(|| MapModel::build(atlas.features()));
            let linked = link_shipped(&atlas, corpus, &mut warnings);
            (joined(model.join()), linked)
        });
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
        let annotations = store
            .as_ref()
            .map(|s| Annotations::read(s, &mut warnings))
            .unwrap_or_default();
        let (library, rows) = build_library(atlas.features(), &shipped, stored, annotations);
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

/// The reader's GeoJSON layers in the window.
mod user_layers {
    use std::path::{Path, PathBuf};

    use super::Source;
    use crate::library::Store;
    use crate::library::layers::NewLayer;

    fn warn(e: impl std::fmt::Display) -> String {
        crate::atlas::validate::escape_controls(&e.to_string())
    }

    /// Add the layers the library at `library` keeps, then each `--layer` file (kept in the
    /// library unless it holds the same file already). A layer that cannot be added is a
    /// warning; the library's own problems are reported when it is opened for the documents.
    pub fn add(
        atlas: &mut Source,
        library: Option<&Path>,
        files: &[PathBuf],
        warnings: &mut Vec<String>,
    ) {
        let mut store = library
            .filter(|p| p.exists())
            .and_then(|p| Store::open(p).ok())
            .map(|(s, _)| s);
        if store.is_none()
            && !files.is_empty()
            && let Some(p) = library
        {
            store = Store::open(p).ok().map(|(s, _)| s);
        }
        let kept = match &store {
            Some(s) => s.layers().unwrap_or_else(|e| {
                warnings.push(format!("library: layers cannot be read: {e}"));
                Vec::new()
            }),
            None => Vec::new(),
        };
        for layer in &kept {
            if let Err(e) = atlas.add_user_layer(&layer.name, &layer.bytes) {
                warnings.push(warn(e));
            }
        }
        for path in files {
            let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            let name = full.display().to_string();
            let cap = crate::atlas::user::MAX_USER_LAYER_BYTES;
            let bytes = match crate::fsread::read_capped(&full, cap) {
                Ok(b) => b,
                Err(e) => {
                    warnings.push(warn(format!("{name}: {e}")));
                    continue;
                }
            };
            if kept.iter().any(|l| l.path == name && l.bytes == bytes) {
                continue;
            }
            if let Err(e) = atlas.add_user_layer(&name, &bytes) {
                warnings.push(warn(e));
                continue;
            }
            if let Some(s) = store.as_mut()
                && let Err(e) = s.add_layer(&NewLayer {
                    path: &name,
                    name: &name,
                    bytes: &bytes,
                    colour: "",
                    visible: true,
                })
            {
                warnings.push(format!("library: the layer {name} is not kept: {e}"));
            }
        }
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

/// What the reader added to the texts, kept in the library: corrections of the linker (applied
/// over its mentions whenever a library is built) and notes.
#[derive(Debug, Clone, Default)]
pub struct Annotations {
    pub corrections: Vec<Correction>,
    pub notes: Vec<Note>,
}

impl Annotations {
    /// Read the corrections and notes of `store`; what cannot be read is a warning.
    pub fn read(store: &Store, warnings: &mut Vec<String>) -> Annotations {
        let corrections = store.corrections().unwrap_or_else(|e| {
            warnings.push(format!("library: corrections cannot be read: {e}"));
            Vec::new()
        });
        let notes = store.notes().unwrap_or_else(|e| {
            warnings.push(format!("library: notes cannot be read: {e}"));
            Vec::new()
        });
        Annotations { corrections, notes }
    }
}

/// The shipped essays and the reader's stored documents joined into one linked library, and
/// the stored documents' rows. Links come from the stored mentions (nothing is linked here)
/// with the reader's corrections applied over them.
pub fn build_library(
    features: &[crate::atlas::Feature],
    shipped: &Shipped,
    stored: StoredLibrary,
    annotations: Annotations,
) -> (Library, Vec<StoredDocument>) {
    let mut documents = shipped.documents.clone();
    documents.extend(stored.documents.iter().map(StoredDocument::document));
    let mut passages = shipped.passages.clone();
    passages.extend(stored.passages);
    let mut mentions = shipped.mentions.clone();
    mentions.extend(stored.mentions);
    let corrected = apply_stored(&annotations.corrections, &passages, &mut mentions);
    let links = Links::from_stored(features, mentions);
    let search = SearchIndex::from_parts(features, &passages);
    let mut library = Library::new(documents, passages, links, search);
    library.user_documents = stored.documents.iter().map(|d| d.key.clone()).collect();
    library.corrections = annotations.corrections;
    library.corrected = corrected;
    library.notes = annotations.notes;
    (library, stored.documents)
}

/// Link the embedded essays to the atlas features; problems become warnings.
fn link_shipped(
    atlas: &Source,
    corpus: crate::corpus::Corpus,
    warnings: &mut Vec<String>,
) -> (Shipped, Option<Arc<Linker>>) {
    warnings.extend(corpus.warnings.iter().cloned());
    match Linker::from_atlas(atlas) {
        Ok(linker) => {
            let links = Links::from_parts(atlas.features(), &corpus.passages, &linker);
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

/// A scoped thread's result; its panic, if it had one, goes on in this thread.
fn joined<T>(r: std::thread::Result<T>) -> T {
    match r {
        Ok(v) => v,
        Err(panic) => std::panic::resume_unwind(panic),
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
            user: f.user.clone(),
        })
        .collect()
}

/// The library's usual place for the window: `None` when it has no data directory.
pub fn default_library_path() -> Option<PathBuf> {
    crate::library::default_path().ok()
}
