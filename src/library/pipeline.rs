//! The library's work, shared by the command line and the window: import files (read, clean,
//! link on all cores; store one transaction per document), and load the library for reading,
//! re-linking only the documents whose stored links an older linker or atlas made.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::importer::{self, Imported};
use super::{LibraryError, NewDocument, Store, StoredDocument, StoredLibrary};
use crate::links::{Linker, Mention};

/// One thing to import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file, read from its path.
    Path(PathBuf),
    /// Bytes handed over without a path (a drop from a sandboxed platform), with a name.
    Bytes { name: String, bytes: Vec<u8> },
}

impl Input {
    /// The name progress and messages show.
    pub fn name(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Bytes { name, .. } => name.clone(),
        }
    }
}

/// What became of one input.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// A new document in the library.
    Added(StoredDocument),
    /// Its file changed since it was imported: imported again in place.
    Reimported(StoredDocument),
    /// Already in the library with the same content: nothing done.
    Unchanged(StoredDocument),
    /// Refused, with a message naming the file and what is wrong.
    Failed(String),
}

/// Progress after each input.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    pub done: usize,
    pub total: usize,
    pub name: &'a str,
    pub outcome: &'a Outcome,
    pub errors: usize,
}

/// How to link: the linker and the version string its mentions are stored under
/// ([`crate::links::linker_version`]). Without a linker documents are stored unlinked (and
/// linked at the next load that has one).
#[derive(Clone, Copy)]
pub struct Linking<'a> {
    pub linker: Option<&'a Linker>,
    pub version: &'a str,
}

/// A version no linker ever has: the mentions of documents stored without a linker.
pub const UNLINKED: &str = "unlinked";

impl Linking<'_> {
    fn version(&self) -> &str {
        if self.linker.is_some() {
            self.version
        } else {
            UNLINKED
        }
    }

    fn link(&self, passages: &[crate::corpus::Passage]) -> Vec<Vec<Mention>> {
        match self.linker {
            Some(linker) => {
                let texts: Vec<&str> = passages.iter().map(|p| p.text.as_str()).collect();
                linker.link_document(&texts)
            }
            None => vec![Vec::new(); passages.len()],
        }
    }
}

/// The extracted text of an import, kept whole in the library: headings and paragraphs.
fn whole_text(imported: &Imported) -> String {
    let mut out = String::new();
    for p in &imported.passages {
        if let Some(h) = &p.heading {
            out.push_str(h);
            out.push_str("\n\n");
        }
        out.push_str(&p.text);
        out.push_str("\n\n");
    }
    out
}

fn read(input: &Input) -> Result<Imported, String> {
    match input {
        Input::Path(p) => importer::import_file(p),
        Input::Bytes { name, bytes } => importer::import_bytes(name, bytes),
    }
}

/// Store one linked import: new, re-imported (the same source with other content), or
/// unchanged (same source, same content).
fn store_one(
    store: &mut Store,
    input: &Input,
    imported: &Imported,
    mentions: &[Vec<Mention>],
    version: &str,
    reserved: &[String],
) -> Result<Outcome, LibraryError> {
    let source = match input {
        Input::Path(p) => std::fs::canonicalize(p)
            .unwrap_or_else(|_| p.clone())
            .display()
            .to_string(),
        Input::Bytes { name, .. } => name.clone(),
    };
    let text = whole_text(imported);
    let format = importer::format_name(&imported.format);
    let new = NewDocument {
        source_path: &source,
        content_hash: &imported.content_hash,
        format: &format,
        document: &imported.document,
        passages: &imported.passages,
        mentions,
        linker_version: version,
        text: &text,
        warnings: &imported.warnings,
    };
    // Bytes without a path are always a new document: a name alone does not identify a file.
    let existing = match input {
        Input::Path(_) => store.find_by_source(&source)?,
        Input::Bytes { .. } => None,
    };
    match existing {
        Some(old) if old.content_hash == imported.content_hash => Ok(Outcome::Unchanged(old)),
        Some(old) => {
            store.replace_content(old.id, &new)?;
            Ok(Outcome::Reimported(store.document(old.id)?))
        }
        None => Ok(Outcome::Added(store.add_document(&new, reserved)?)),
    }
}

/// Import `inputs` into `store`: read, clean and link on all cores, store each document in
/// its own transaction as it finishes (so an interrupted import keeps every document stored
/// before), and report after each. `cancel` stops starting new files. `reserved` are ids a
/// new document must not take (the shipped essays').
pub fn import(
    store: &mut Store,
    linking: Linking<'_>,
    inputs: &[Input],
    reserved: &[String],
    cancel: &AtomicBool,
    mut on_progress: impl FnMut(Progress<'_>),
) -> Vec<Outcome> {
    type Done = (usize, Result<(Imported, Vec<Vec<Mention>>), String>);
    let total = inputs.len();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(total)
        .max(1);
    let next = AtomicUsize::new(0);
    let mut outcomes: Vec<Option<Outcome>> = vec![None; total];
    let mut errors = 0;
    let mut done = 0;
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::channel::<Done>();
        for _ in 0..threads {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    if cancel.load(Ordering::Relaxed) {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(input) = inputs.get(i) else { break };
                    let result = read(input).map(|imp| {
                        let mentions = linking.link(&imp.passages);
                        (imp, mentions)
                    });
                    if tx.send((i, result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (i, result) in rx {
            let Some(input) = inputs.get(i) else { continue };
            let outcome = match result {
                Ok((imported, mentions)) => store_one(
                    store,
                    input,
                    &imported,
                    &mentions,
                    linking.version(),
                    reserved,
                )
                .unwrap_or_else(|e| Outcome::Failed(format!("{}: {e}", input.name()))),
                Err(e) => Outcome::Failed(e),
            };
            if matches!(outcome, Outcome::Failed(_)) {
                errors += 1;
            }
            done += 1;
            let name = input.name();
            on_progress(Progress {
                done,
                total,
                name: &name,
                outcome: &outcome,
                errors,
            });
            if let Some(slot) = outcomes.get_mut(i) {
                *slot = Some(outcome);
            }
        }
    });
    outcomes.into_iter().flatten().collect()
}

/// The library loaded for reading, and what was re-linked on the way.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub library: StoredLibrary,
    /// Documents whose links were made again (linker or atlas changed).
    pub relinked: usize,
}

/// Load everything stored. Documents whose mentions another linker version made are linked
/// again (in parallel) and their new mentions stored; the rest is used as stored.
pub fn load(store: &mut Store, linking: Linking<'_>) -> Result<Loaded, LibraryError> {
    let mut library = store.load()?;
    let Some(_) = linking.linker else {
        return Ok(Loaded {
            library,
            relinked: 0,
        });
    };
    // Passage ranges of the stale documents (passages are grouped by document, in order).
    let mut stale: Vec<(i64, std::ops::Range<usize>)> = Vec::new();
    let mut start = 0;
    for d in &library.documents {
        let n = library
            .passages
            .get(start..)
            .unwrap_or(&[])
            .iter()
            .take_while(|p| p.document == d.key)
            .count();
        if d.linker_version != linking.version {
            stale.push((d.id, start..start + n));
        }
        start += n;
    }
    if stale.is_empty() {
        return Ok(Loaded {
            library,
            relinked: 0,
        });
    }
    let relinked = crate::par::map(&stale, |(_, range)| {
        linking.link(library.passages.get(range.clone()).unwrap_or(&[]))
    });
    for ((id, range), mentions) in stale.iter().zip(relinked) {
        store.replace_mentions(*id, &mentions, linking.version)?;
        for (slot, ms) in library
            .mentions
            .get_mut(range.clone())
            .unwrap_or(&mut [])
            .iter_mut()
            .zip(mentions)
        {
            *slot = ms;
        }
        if let Some(d) = library.documents.iter_mut().find(|d| d.id == *id) {
            d.linker_version = linking.version.to_string();
        }
    }
    Ok(Loaded {
        relinked: stale.len(),
        library,
    })
}

/// Open the library at `path` and load it ([`load`]). A library that opens but cannot be read
/// through (a damaged page) is set aside and a new one started; every such step is a warning.
pub fn open_and_load(
    path: &std::path::Path,
    linking: Linking<'_>,
) -> Result<(Store, Loaded, Vec<String>), LibraryError> {
    let (mut store, mut warnings) = Store::open(path)?;
    match load(&mut store, linking) {
        Ok(loaded) => Ok((store, loaded, warnings)),
        Err(e) => {
            let (store, w) = store.set_aside_and_reopen(&format!("cannot be read ({e})"))?;
            warnings.extend(w);
            Ok((store, Loaded::default(), warnings))
        }
    }
}
