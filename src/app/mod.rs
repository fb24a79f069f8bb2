//! The eframe application: owns the state, loads data off the UI thread, applies commands.
//!
//! Layout: a top bar, a status bar (pointer lon/lat, scale), the selection side panel on the
//! right ([`AtlasApp::side_panel`] — the slot the `ui` panels replace) and the map in the centre.
//! Everything the map or a panel asks for goes through [`Command`] and is applied once at the end
//! of the frame ([`AtlasApp::apply`]).
//!
//! Split by responsibility: `loaded` (the data loaded off the UI thread), `files` (texts the reader
//! brings), `chrome` (bars and panels), `export` (the Export dialog's files), `shot` (screenshots), `run` (the native window).

mod annotations;
mod chrome;
mod export;
mod files;
mod loaded;
mod run;
mod shot;
pub mod storage;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Instant;

pub use annotations::AnnotationJob;
pub use files::{Event, ImportProgress, Job};
use files::{LibraryWorker, drop_hint};
pub use loaded::{Annotations, Loaded, Shipped, Source, build_library, default_library_path};
pub use run::{parse_size, run, tune_allocator};
use shot::Shot;

use crate::map::MapState;
use crate::options::Theme;
use crate::ui::{Command, Reading, SavedState};

/// How the app starts.
#[derive(Debug, Clone, Default)]
pub struct AppOptions {
    /// Load on the calling thread (tests) instead of a background thread.
    pub load_blocking: bool,
    /// Select this feature once loaded.
    pub select: Option<String>,
    /// Open this passage in the reader once loaded.
    pub open: Option<String>,
    /// Write a PNG of the window once drawn, then close.
    pub screenshot: Option<PathBuf>,
    pub theme: Option<Theme>,
    /// Turn on "passages on the map" (countries and regions shaded by their passage counts).
    pub shade: bool,
    /// Files and folders to import into the library once loaded.
    pub add: Vec<PathBuf>,
    /// The reader's GeoJSON layers, loaded with the atlas (`--layer`).
    pub layers: Vec<PathBuf>,
    /// The library database; `None` keeps the library in memory for this run only.
    pub library: Option<PathBuf>,
    /// What was wrong with the saved state, found before the window opened.
    pub warnings: Vec<String>,
}

/// The application state.
pub struct AtlasApp {
    /// Persisted view state of the map.
    pub map: MapState,
    /// Loaded data, once ready.
    pub data: Option<Loaded>,
    loading: Option<Receiver<Loaded>>,
    load_started: Instant,
    /// The selected feature id.
    pub selection: Option<String>,
    /// Commands emitted this frame, applied at its end.
    pub commands: Vec<Command>,
    /// Passages per feature id (filled by the linking layer when present).
    pub passage_counts: Option<HashMap<String, usize>>,
    /// Whether `passage_counts` was filled by the reading panels' toggle.
    counts_from_reading: bool,
    /// Pointer position on the map (lon, lat).
    pub pointer: Option<[f64; 2]>,
    pending_select: Option<String>,
    pending_open: Option<String>,
    /// The reading panels (card, passages, reader, search) and their saved state.
    pub reading: Reading,
    /// The saved reading state, applied once the data is loaded.
    pending_reading: Option<SavedState>,
    frames_loaded: u32,
    /// `--shade`: turn the shading on once the saved reading state is restored.
    pending_shade: bool,
    shot: Option<Shot>,
    /// Library jobs (imports, edits) waiting for the data and the worker.
    pending_jobs: Vec<Job>,
    /// Where the library lives (`None`: in memory), for reloading with a dropped layer.
    library_path: Option<PathBuf>,
    /// The library worker: owns the database, imports in the background.
    worker: Option<LibraryWorker>,
    /// The Library view's state (sort, filter, editing).
    pub library_view: crate::ui::library_view::LibraryView,
    /// The Export dialog and the export being written.
    pub exports: export::Exports,
}

const STORAGE_KEY: &str = "caspian-atlas-map";

/// A saved view the map can start from: a finite centre within the projected world (a few
/// thousand kilometres across) and a scale within the zoom limits.
fn view_is_sane(v: &crate::map::View) -> bool {
    const MAX_KM: f64 = 1.0e5;
    v.center.iter().all(|c| c.is_finite() && c.abs() <= MAX_KM)
        && v.scale.is_finite()
        && (crate::map::view::MIN_SCALE..=crate::map::view::MAX_SCALE).contains(&v.scale)
}

impl AtlasApp {
    /// Create the app; loads in the background unless `opts.load_blocking`.
    pub fn new(cc: &eframe::CreationContext<'_>, opts: AppOptions) -> AtlasApp {
        let restored = if opts.screenshot.is_none() {
            cc.storage
                .and_then(|s| eframe::get_value::<MapState>(s, STORAGE_KEY))
        } else {
            None
        };
        if opts.screenshot.is_some() {
            // A screenshot shows the default layout, not what an earlier session left behind
            // (panel width, scroll positions) in eframe's saved egui memory.
            cc.egui_ctx.memory_mut(|m| *m = egui::Memory::default());
        }
        match opts.theme {
            Some(Theme::Dark) => cc.egui_ctx.set_theme(egui::ThemePreference::Dark),
            Some(Theme::Light) => cc.egui_ctx.set_theme(egui::ThemePreference::Light),
            None => {}
        }
        let mut app = AtlasApp::with_options(&opts, &cc.egui_ctx);
        for w in &opts.warnings {
            eprintln!("caspian-atlas: {w}");
            app.reading.warnings.push(w.clone());
        }
        if opts.screenshot.is_none() {
            app.load_reading(cc.storage);
        }
        if let Some(m) = restored {
            app.restore_map(m);
        }
        app
    }

    /// Use a saved map state; a view that is not finite or out of range is reset (the view
    /// only: the layers stay) with a warning.
    pub fn restore_map(&mut self, mut m: MapState) {
        if view_is_sane(&m.view) {
            m.fitted = true;
        } else {
            let msg = format!(
                "saved map view (centre {}, scale {}) is out of range: the view was reset",
                crate::clip::clip(&format!("{:?}", m.view.center)),
                crate::clip::clip(&m.view.scale.to_string())
            );
            eprintln!("caspian-atlas: {msg}");
            self.reading.warnings.push(msg);
            m.view = crate::map::View::default();
            m.fitted = false;
        }
        m.suppress_hover = self.map.suppress_hover;
        self.map = m;
    }

    /// Create the app without a creation context (tests, benches).
    pub fn with_options(opts: &AppOptions, ctx: &egui::Context) -> AtlasApp {
        let layers = opts.layers.clone();
        let (data, loading) = if opts.load_blocking {
            (
                Some(Loaded::load_with(opts.library.as_deref(), &layers)),
                None,
            )
        } else {
            let (tx, rx) = std::sync::mpsc::channel();
            let ctx = ctx.clone();
            let library = opts.library.clone();
            std::thread::spawn(move || {
                let loaded = Loaded::load_with(library.as_deref(), &layers);
                // The receiver may be gone if the window closed first; nothing to do then.
                let _ = tx.send(loaded);
                ctx.request_repaint();
            });
            (None, Some(rx))
        };
        // A frame may be drawn again before it is shown when a command or a new card changes
        // the layout (see `request_discard`); allow enough passes for a command, then a new
        // card's grid or a scroll to a passage.
        ctx.options_mut(|o| o.max_passes = std::num::NonZeroUsize::MIN.saturating_add(2));
        let mut map = MapState::default();
        map.suppress_hover = opts.screenshot.is_some();
        let mut app = AtlasApp {
            map,
            data,
            loading,
            load_started: Instant::now(),
            selection: None,
            commands: Vec::new(),
            passage_counts: None,
            counts_from_reading: false,
            pointer: None,
            pending_select: opts.select.clone(),
            pending_open: opts.open.clone(),
            reading: Reading::default(),
            pending_reading: None,
            frames_loaded: 0,
            pending_shade: opts.shade,
            library_path: opts.library.clone(),
            shot: opts.screenshot.clone().map(|path| Shot {
                path,
                requested: false,
                image: Arc::default(),
                result: Arc::default(),
                started: Instant::now(),
            }),
            pending_jobs: Vec::new(),
            worker: None,
            library_view: crate::ui::library_view::LibraryView::default(),
            exports: export::Exports::default(),
        };
        if !opts.add.is_empty() {
            app.import_paths(&opts.add, true);
        }
        app
    }

    /// Read the saved reading state from eframe storage (a corrupted one becomes a warning).
    pub fn load_reading(&mut self, storage: Option<&dyn eframe::Storage>) {
        let (saved, warning) = SavedState::load(storage);
        self.restore_reading(saved, warning);
    }

    /// Use a saved reading state (selection, open document, filters) once the data is loaded;
    /// `warning` tells why a saved state was unusable.
    pub fn restore_reading(&mut self, saved: SavedState, warning: Option<String>) {
        if let Some(w) = warning {
            eprintln!("caspian-atlas: {w}");
            self.reading.warnings.push(w);
        }
        self.pending_reading = Some(saved);
    }

    /// Apply one command.
    pub fn apply(&mut self, cmd: Command) {
        let Some(data) = &self.data else { return };
        self.reading.apply(&cmd, &data.view());
        match cmd {
            Command::SelectFeature(id) => {
                self.map.selected = data.index_of(&id);
                self.selection = self.map.selected.map(|_| id);
            }
            Command::ClearSelection => {
                self.map.selected = None;
                self.selection = None;
            }
            Command::HoverFeature(id) => {
                self.map.highlighted = id.and_then(|id| data.index_of(&id));
            }
            Command::FlyToFeature(id) => {
                if let Some(i) = data.index_of(&id) {
                    self.map.fly_to_feature(&data.model, i);
                }
            }
            Command::OpenPassage(_) => {}
            Command::RemoveDocument(id) => self.remove_document(&id),
            Command::Correct(c) => {
                let view = data.view();
                let replaces = crate::ui::Source::passage_index(&view, &c.passage)
                    .map(|p| crate::ui::Source::mentions(&view, p))
                    .is_some_and(|ms| ms.iter().any(|m| m.start < c.end && m.end > c.start));
                let stored = crate::library::corrections::from_link(&c, replaces);
                self.library_job(Job::Annotate(AnnotationJob::Correct(stored)));
            }
            Command::UndoCorrection(id) => {
                self.library_job(Job::Annotate(AnnotationJob::UndoCorrection(id)));
            }
            Command::AddNote(target, content) => {
                self.library_job(Job::Annotate(AnnotationJob::AddNote(target, content)));
            }
            Command::EditNote { id, body, colour } => {
                self.library_job(Job::Annotate(AnnotationJob::EditNote { id, body, colour }));
            }
            Command::RemoveNote(id) => {
                self.library_job(Job::Annotate(AnnotationJob::RemoveNote(id)));
            }
        }
    }

    fn poll_loading(&mut self) {
        if let Some(rx) = &self.loading {
            match rx.try_recv() {
                Ok(d) => {
                    if self.data.is_some() {
                        // A reload (a layer was dropped): the new data brings its own library
                        // worker; the old one ends when it is dropped.
                        self.worker = None;
                        self.reading.library_changed();
                        self.map.highlighted = None;
                        self.map.selected = self.selection.as_deref().and_then(|id| d.index_of(id));
                    }
                    self.data = Some(d);
                    self.loading = None;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.loading = None,
            }
        }
        if self.data.is_some()
            && let Some(saved) = self.pending_reading.take()
        {
            // Texts an earlier version re-read at every start are imported into the library
            // once; the list is then dropped from the saved state.
            if !saved.added_files.is_empty() {
                let paths: Vec<PathBuf> = saved.added_files.iter().map(PathBuf::from).collect();
                self.import_paths(&paths, false);
            }
            let Some(data) = &self.data else { return };
            let warnings = std::mem::take(&mut self.reading.warnings);
            let notices = std::mem::take(&mut self.reading.notices);
            self.reading = Reading::restore(
                SavedState {
                    added_files: Vec::new(),
                    ..saved
                },
                &data.view(),
            );
            self.reading.warnings.splice(0..0, warnings);
            self.reading.notices.splice(0..0, notices);
            if self.pending_select.is_none()
                && let Some(id) = self.reading.state.selected.clone()
            {
                self.commands.push(Command::SelectFeature(id));
            }
        }
        if self.data.is_some() && self.pending_reading.is_none() && self.pending_shade {
            self.pending_shade = false;
            self.reading.state.choropleth = true;
        }
        if let Some(data) = &self.data
            && let Some(id) = self.pending_select.take()
        {
            if data.index_of(&id).is_some() {
                self.commands.push(Command::SelectFeature(id.clone()));
                self.commands.push(Command::FlyToFeature(id));
            } else {
                let msg = format!(
                    "--select {}: no feature has this id (`caspian-atlas features` lists them)",
                    crate::clip::clip(&id)
                );
                eprintln!("caspian-atlas: {msg}");
                self.reading.warnings.push(msg);
            }
        }
        if let Some(data) = &self.data
            && let Some(id) = self.pending_open.take()
        {
            if crate::ui::Source::passage_index(&data.view(), &id).is_some() {
                self.commands.push(Command::OpenPassage(id));
            } else {
                let msg = format!(
                    "--open {}: no passage has this id (ids are `document#pN`, N the paragraph \
                     number shown as ¶ N; `caspian-atlas passages FEATURE` lists them)",
                    crate::clip::clip(&id)
                );
                eprintln!("caspian-atlas: {msg}");
                self.reading.warnings.push(msg);
            }
        }
    }
}

impl eframe::App for AtlasApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.take_dropped_files(ui.ctx());
        self.poll_loading();
        self.drain_library(ui.ctx());
        if self.data.is_some() {
            self.frames_loaded = self.frames_loaded.saturating_add(1);
        }
        if let Some(data) = &self.data {
            let pointer = ui.ctx().pointer_hover_pos();
            self.reading.arrows_to_map = self
                .map
                .last_rect()
                .is_some_and(|r| pointer.is_some_and(|p| r.contains(p)));
            self.reading
                .handle_keys(ui.ctx(), &data.view(), &mut self.commands);
        }
        self.top_bar(ui);
        self.status_bar(ui);
        self.side_panel(ui);
        self.map_panel(ui);
        self.panel_grip(ui);
        self.export_window(ui.ctx());
        let commands = std::mem::take(&mut self.commands);
        // A command changes what the panels and the map show: draw this frame again before it
        // is shown, so the frame the user sees already follows it (no stale frame).
        if commands
            .iter()
            .any(|c| !matches!(c, Command::HoverFeature(_)))
        {
            ui.ctx().request_discard("a command changed the layout");
        }
        for cmd in commands {
            self.apply(cmd);
        }
        drop_hint(ui.ctx());
        self.screenshot_step(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.shot.is_none() {
            eframe::set_value(storage, STORAGE_KEY, &self.map);
            if self.pending_reading.is_none() {
                self.reading.state.save(storage);
            }
        }
    }
}
