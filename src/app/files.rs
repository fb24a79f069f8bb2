//! Documents the reader brings (dropped, `--add`, File → Import…, an earlier session's list) and
//! library edits (remove, metadata, re-import): sent to a library worker thread that owns the
//! database, imports on all cores, and sends progress and fresh linked libraries back through a
//! channel the UI drains each frame. The drop veil.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError};
use std::time::{Duration, Instant};

use super::AtlasApp;
use super::loaded::{Annotations, LibraryParts, build_library};
use crate::library::pipeline::{self, Input, Linking, Outcome};
use crate::library::{DocumentMeta, StoredDocument};
use crate::ui::{Command, Library};

/// What the UI asks the library worker to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Job {
    /// Import these; `open` opens the first imported document in the reader.
    Import { inputs: Vec<Input>, open: bool },
    /// Import these files and folders (walked recursively on the worker).
    ImportPaths { paths: Vec<PathBuf>, open: bool },
    /// Remove the document with this id (key).
    Remove(String),
    /// Edit a document's metadata.
    Edit(String, DocumentMeta),
    /// Import a document again from its source file.
    Reimport(String),
    /// Store a correction or a note (see `annotations`).
    Annotate(super::annotations::AnnotationJob),
}

/// What the library worker tells the UI.
pub enum Event {
    /// An import is under way: files done of total, the current file, refusals so far.
    Progress {
        done: usize,
        total: usize,
        current: String,
        errors: usize,
    },
    /// A new linked library (shipped essays + the reader's documents) and the stored rows.
    Library(Box<Library>, Vec<StoredDocument>),
    /// Something that worked, to show.
    Notice(String),
    /// Something refused, to show.
    Warning(String),
    /// Open this passage in the reader (sent after the library that holds it).
    Open(String),
    /// The reader's notes, after one was added, edited or removed.
    Notes(Vec<crate::library::notes::Note>),
    /// The current job is finished.
    Idle,
}

/// An import's progress as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportProgress {
    pub done: usize,
    pub total: usize,
    pub current: String,
    pub errors: usize,
}

/// The UI's handle on the library worker.
pub struct LibraryWorker {
    jobs: Sender<Job>,
    events: Receiver<Event>,
    cancel: Arc<AtomicBool>,
    /// Jobs sent and not yet finished.
    busy: usize,
    pub progress: Option<ImportProgress>,
}

/// How often at most a growing library is re-indexed and sent to the UI during an import.
const SNAPSHOT_EVERY: Duration = Duration::from_millis(700);

/// Imports of more files than this get one summary notice instead of one per file.
const FILES_NOTICED: usize = 3;

/// Files imported between two checks for a snapshot (and for Cancel).
const CHUNK: usize = 8;

impl LibraryWorker {
    /// Start the worker on its own thread; it wakes the UI with `ctx` after each event.
    pub fn start(parts: LibraryParts, ctx: egui::Context) -> LibraryWorker {
        let (jobs, job_rx) = std::sync::mpsc::channel::<Job>();
        let (ev_tx, events) = std::sync::mpsc::channel::<Event>();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = cancel.clone();
        std::thread::spawn(move || {
            let mut w = WorkerState {
                parts,
                tx: ev_tx,
                ctx,
                cancel: flag,
            };
            for job in job_rx {
                w.run(job);
                w.send(Event::Idle);
            }
        });
        LibraryWorker {
            jobs,
            events,
            cancel,
            busy: 0,
            progress: None,
        }
    }

    pub fn send(&mut self, job: Job) {
        self.cancel.store(false, Ordering::Relaxed);
        if self.jobs.send(job).is_ok() {
            self.busy += 1;
        }
    }

    /// Stop the running import after the files under way.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether a job is running or queued.
    pub fn is_busy(&self) -> bool {
        self.busy > 0
    }

    /// The events that arrived, without waiting.
    fn drain(&mut self) -> Vec<Event> {
        let mut out = Vec::new();
        loop {
            match self.events.try_recv() {
                Ok(Event::Idle) => {
                    self.busy = self.busy.saturating_sub(1);
                    if self.busy == 0 {
                        self.progress = None;
                    }
                }
                Ok(Event::Progress {
                    done,
                    total,
                    current,
                    errors,
                }) => {
                    self.progress = Some(ImportProgress {
                        done,
                        total,
                        current,
                        errors,
                    });
                }
                Ok(e) => out.push(e),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.busy = 0;
                    self.progress = None;
                    break;
                }
            }
        }
        out
    }
}

pub(super) struct WorkerState {
    pub(super) parts: LibraryParts,
    tx: Sender<Event>,
    ctx: egui::Context,
    cancel: Arc<AtomicBool>,
}

impl WorkerState {
    pub(super) fn send(&self, e: Event) {
        // The window may have closed; nothing to do then.
        let _ = self.tx.send(e);
        self.ctx.request_repaint();
    }

    /// Build the whole linked library from the database and send it.
    pub(super) fn snapshot(&mut self) {
        match self.parts.store.load() {
            Ok(stored) => {
                let mut warnings = Vec::new();
                let annotations = Annotations::read(&self.parts.store, &mut warnings);
                let (lib, rows) = build_library(
                    &self.parts.features,
                    &self.parts.shipped,
                    stored,
                    annotations,
                );
                self.send(Event::Library(Box::new(lib), rows));
                for w in warnings {
                    self.send(Event::Warning(w));
                }
            }
            Err(e) => self.send(Event::Warning(format!("library: {e}"))),
        }
    }

    fn run(&mut self, job: Job) {
        match job {
            Job::Import { inputs, open } => self.import(&inputs, open),
            Job::ImportPaths { paths, open } => {
                let (files, problems) = crate::library::importer::expand_paths(&paths);
                for p in problems {
                    self.send(Event::Warning(p));
                }
                let inputs: Vec<Input> = files.into_iter().map(Input::Path).collect();
                self.import(&inputs, open);
            }
            Job::Remove(key) => {
                let outcome = self.parts.store.id_of_key(&key).and_then(|id| {
                    id.map(|id| self.parts.store.remove_document(id))
                        .transpose()
                });
                match outcome {
                    Ok(Some(doc)) => {
                        self.snapshot();
                        self.send(Event::Notice(format!(
                            "Removed \u{201c}{}\u{201d} from the library",
                            doc.title
                        )));
                    }
                    Ok(None) => self.send(Event::Warning(format!("{key}: not in the library"))),
                    Err(e) => self.send(Event::Warning(e.to_string())),
                }
            }
            Job::Edit(key, meta) => {
                let outcome = self.parts.store.id_of_key(&key).and_then(|id| match id {
                    Some(id) => self.parts.store.update_meta(id, &meta).map(|()| true),
                    None => Ok(false),
                });
                match outcome {
                    Ok(true) => self.snapshot(),
                    Ok(false) => self.send(Event::Warning(format!("{key}: not in the library"))),
                    Err(e) => self.send(Event::Warning(e.to_string())),
                }
            }
            Job::Annotate(job) => self.annotate(job),
            Job::Reimport(key) => {
                let source = self
                    .parts
                    .store
                    .id_of_key(&key)
                    .and_then(|id| id.map(|id| self.parts.store.document(id)).transpose());
                match source {
                    Ok(Some(doc)) => {
                        let input = Input::Path(PathBuf::from(&doc.source_path));
                        self.import(&[input], false);
                    }
                    Ok(None) => self.send(Event::Warning(format!("{key}: not in the library"))),
                    Err(e) => self.send(Event::Warning(e.to_string())),
                }
            }
        }
    }

    fn import(&mut self, inputs: &[Input], open: bool) {
        let total = inputs.len();
        let mut done = 0;
        let mut errors = 0;
        let (mut added, mut reimported, mut unchanged) = (0, 0, 0);
        let mut last_snapshot = Instant::now();
        let mut to_open: Option<String> = None;
        let reserved: Vec<String> = self
            .parts
            .shipped
            .documents
            .iter()
            .map(|d| d.id.clone())
            .collect();
        let version = self.parts.version.clone();
        let linker = self.parts.linker.clone();
        if let Some(first) = inputs.first() {
            self.send(Event::Progress {
                done: 0,
                total,
                current: first.name(),
                errors: 0,
            });
        }
        for chunk in inputs.chunks(CHUNK) {
            if self.cancel.load(Ordering::Relaxed) {
                break;
            }
            let linking = Linking {
                linker: linker.as_deref(),
                version: &version,
            };
            let mut messages: Vec<Event> = Vec::new();
            let tx = self.tx.clone();
            let ctx = self.ctx.clone();
            let outcomes = pipeline::import(
                &mut self.parts.store,
                linking,
                chunk,
                &reserved,
                &self.cancel,
                |p| {
                    let _ = tx.send(Event::Progress {
                        done: done + p.done,
                        total,
                        current: p.name.to_string(),
                        errors: errors + p.errors,
                    });
                    ctx.request_repaint();
                    // A folder's successes are summed up once at the end; refusals always show.
                    if total <= FILES_NOTICED || matches!(p.outcome, Outcome::Failed(_)) {
                        messages.push(message(p.name, p.outcome));
                    }
                },
            );
            done += outcomes.len();
            for o in &outcomes {
                match o {
                    Outcome::Added(_) => added += 1,
                    Outcome::Reimported(_) => reimported += 1,
                    Outcome::Unchanged(_) => unchanged += 1,
                    Outcome::Failed(_) => {}
                }
            }
            errors += outcomes
                .iter()
                .filter(|o| matches!(o, Outcome::Failed(_)))
                .count();
            if open && to_open.is_none() {
                to_open = outcomes.iter().find_map(|o| match o {
                    Outcome::Added(d) | Outcome::Reimported(d) | Outcome::Unchanged(d) => {
                        (d.passages > 0).then(|| crate::corpus::passage_id(&d.key, 0))
                    }
                    Outcome::Failed(_) => None,
                });
            }
            let last = done >= total || self.cancel.load(Ordering::Relaxed);
            if last || last_snapshot.elapsed() >= SNAPSHOT_EVERY {
                self.snapshot();
                last_snapshot = Instant::now();
            }
            for m in messages {
                self.send(m);
            }
        }
        if total > FILES_NOTICED {
            self.send(Event::Notice(format!(
                "Imported {done} of {total} files: {added} added, {reimported} re-imported, \
                 {unchanged} unchanged, {errors} refused"
            )));
        }
        if done < total {
            self.snapshot();
            self.send(Event::Notice(format!(
                "Import cancelled: {done} of {total} files done"
            )));
        }
        if let Some(p) = to_open {
            self.send(Event::Open(p));
        }
    }
}

/// `s`, cut to `max` characters with an ellipsis.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The message for one import outcome.
fn message(name: &str, outcome: &Outcome) -> Event {
    let file = std::path::Path::new(name)
        .file_name()
        .map_or_else(|| name.to_string(), |n| n.to_string_lossy().into_owned());
    match outcome {
        Outcome::Added(d) => Event::Notice(format!(
            "Added \u{201c}{}\u{201d} from {file}: {} passages, {} places",
            clip(&d.title, 120),
            d.passages,
            d.places
        )),
        Outcome::Reimported(d) => Event::Notice(format!(
            "Re-imported \u{201c}{}\u{201d}: {file} changed since it was imported ({} passages, {} places)",
            clip(&d.title, 120),
            d.passages,
            d.places
        )),
        Outcome::Unchanged(d) => Event::Notice(format!(
            "\u{201c}{}\u{201d} is already in the library ({file} has not changed)",
            clip(&d.title, 120)
        )),
        Outcome::Failed(e) => Event::Warning(e.clone()),
    }
}

impl AtlasApp {
    /// Queue a text to add to the library, as bytes handed over without a path.
    pub fn bring_text(&mut self, name: &str, bytes: Vec<u8>) {
        self.queue_import(
            vec![Input::Bytes {
                name: name.to_string(),
                bytes,
            }],
            true,
        );
    }

    /// Queue files and folders to import (folders recursively); `open` opens the first.
    pub fn import_paths(&mut self, paths: &[PathBuf], open: bool) {
        if !paths.is_empty() {
            self.library_job(Job::ImportPaths {
                paths: paths.to_vec(),
                open,
            });
        }
    }

    /// Send an import to the worker, or keep it until the data (and the worker) are ready.
    fn queue_import(&mut self, inputs: Vec<Input>, open: bool) {
        match self.worker.as_mut() {
            Some(w) => w.send(Job::Import { inputs, open }),
            None => self.pending_jobs.push(Job::Import { inputs, open }),
        }
    }

    /// Send a library edit to the worker (or keep it until it runs).
    pub fn library_job(&mut self, job: Job) {
        match self.worker.as_mut() {
            Some(w) => w.send(job),
            None => self.pending_jobs.push(job),
        }
    }

    /// Whether the library worker has work under way, or the data is being loaded again with a
    /// dropped layer.
    pub fn importing(&self) -> bool {
        self.worker.as_ref().is_some_and(LibraryWorker::is_busy)
            || (self.data.is_some() && self.loading.is_some())
    }

    /// The import under way, if any.
    pub fn import_progress(&self) -> Option<&ImportProgress> {
        self.worker.as_ref().and_then(|w| w.progress.as_ref())
    }

    /// Stop the import under way after the files being read.
    pub fn cancel_import(&self) {
        if let Some(w) = &self.worker {
            w.cancel();
        }
    }

    /// Files dropped on the window: imported by the worker (read from their path where there
    /// is one, else from the bytes the platform hands over).
    pub(super) fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        let mut inputs = Vec::new();
        let mut paths = Vec::new();
        for f in dropped {
            let path = f.path();
            if is_layer_file(path) {
                self.add_layer(path.to_path_buf(), ctx);
                continue;
            }
            if !path.as_os_str().is_empty() && std::fs::metadata(path).is_ok() {
                paths.push(path.to_path_buf());
                continue;
            }
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| path.display().to_string());
            match f.bytes() {
                Ok(bytes) => inputs.push(Input::Bytes { name, bytes }),
                Err(e) => self.reading.warnings.push(format!("{name}: {e}")),
            }
        }
        if !paths.is_empty() {
            self.import_paths(&paths, true);
        }
        if !inputs.is_empty() {
            self.queue_import(inputs, true);
        }
    }

    /// Add a reader's GeoJSON layer dropped on the window: off the UI thread, the data is loaded again
    /// with the layer (which the library then keeps); the map shows the old data until then, and a
    /// layer that cannot be read or is refused is a warning naming it.
    pub(super) fn add_layer(&mut self, path: PathBuf, ctx: &egui::Context) {
        if self.loading.is_some() {
            self.reading.warnings.push(format!(
                "{}: still loading; drop the layer again in a moment",
                path.display()
            ));
            return;
        }
        self.reading.notices.push(format!(
            "Adding the layer {} (the map is redrawn with it in a moment)",
            crate::clip::clip(&path.display().to_string())
        ));
        let (tx, rx) = std::sync::mpsc::channel();
        let library = self.library_path.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let loaded = super::Loaded::load_with(library.as_deref(), &[path]);
            // The window may have closed first; nothing to do then.
            let _ = tx.send(loaded);
            ctx.request_repaint();
        });
        self.loading = Some(rx);
    }

    /// Start the worker once the data is loaded, hand it the jobs that waited, and apply what
    /// it sent since the last frame.
    pub(super) fn drain_library(&mut self, ctx: &egui::Context) {
        if self.worker.is_none()
            && let Some(parts) = self.data.as_mut().and_then(|d| d.parts.take())
        {
            let mut w = LibraryWorker::start(parts, ctx.clone());
            for job in std::mem::take(&mut self.pending_jobs) {
                w.send(job);
            }
            self.worker = Some(w);
        }
        let Some(w) = self.worker.as_mut() else {
            return;
        };
        if w.is_busy() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        for event in w.drain() {
            match event {
                Event::Library(lib, rows) => {
                    if let Some(data) = self.data.as_mut() {
                        data.library = *lib;
                        data.stored = rows;
                        self.reading.library_changed();
                        self.map.highlighted = None;
                    }
                }
                Event::Notice(n) => self.reading.notices.push(n),
                Event::Warning(e) => {
                    eprintln!("caspian-atlas: {e}");
                    self.reading.warnings.push(e);
                }
                Event::Open(p) => self.commands.push(Command::OpenPassage(p)),
                Event::Notes(notes) => {
                    if let Some(data) = self.data.as_mut() {
                        data.library.notes = notes;
                        self.reading.library_changed();
                    }
                }
                Event::Progress { .. } | Event::Idle => {}
            }
        }
    }

    /// Take a document the reader added out of the library (and the database).
    pub(super) fn remove_document(&mut self, id: &str) {
        let user = self
            .data
            .as_ref()
            .is_some_and(|d| d.library.user_documents.iter().any(|u| u == id));
        if user {
            self.library_job(Job::Remove(id.to_string()));
        }
    }
}

impl AtlasApp {
    /// The Library tab: the list, the import box and progress; its actions become jobs.
    pub(super) fn library_panel(&mut self, ui: &mut egui::Ui) {
        use crate::ui::library_view::{LibraryAction, Progress};
        let Some(data) = &self.data else { return };
        let progress = self
            .worker
            .as_ref()
            .and_then(|w| w.progress.as_ref())
            .map(|p| Progress {
                done: p.done,
                total: p.total,
                current: &p.current,
                errors: p.errors,
            });
        let actions =
            self.library_view
                .show(ui, &data.view(), &data.stored, &data.library_path, progress);
        for a in actions {
            match a {
                LibraryAction::Open(p) => self.commands.push(Command::OpenPassage(p)),
                LibraryAction::Remove(k) => self.commands.push(Command::RemoveDocument(k)),
                LibraryAction::Edit(k, meta) => self.library_job(Job::Edit(k, meta)),
                LibraryAction::Reimport(k) => self.library_job(Job::Reimport(k)),
                LibraryAction::Import(path) => self.import_paths(&[path], true),
                LibraryAction::Cancel => self.cancel_import(),
            }
        }
    }
}

/// While files are dragged over the window: a veil saying what dropping them does.
pub(super) fn drop_hint(ctx: &egui::Context) {
    let hovering = ctx.input(|i| i.raw.hovered_files.len());
    if hovering == 0 {
        return;
    }
    let rect = ctx.content_rect();
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop-hint"),
    ));
    painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(170));
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        format!(
            "Drop {} to import into your library, link to the map and read here",
            if hovering == 1 {
                "the document"
            } else {
                "the documents or folders"
            }
        ),
        egui::FontId::proportional(22.0),
        egui::Color32::WHITE,
    );
}

/// Whether a dropped file is a GeoJSON layer rather than a document (by its extension).
fn is_layer_file(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("geojson") || e.eq_ignore_ascii_case("json"))
}
