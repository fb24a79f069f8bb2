//! The eframe application: owns the state, loads data off the UI thread, applies commands.
//!
//! Layout: a top bar, a status bar (pointer lon/lat, scale), the selection side panel on the
//! right ([`AtlasApp::side_panel`] — the slot the `ui` panels replace) and the map in the centre.
//! Everything the map or a panel asks for goes through [`Command`] and is applied once at the end
//! of the frame ([`AtlasApp::apply`]).
//!
//! Split by responsibility: `loaded` (the data loaded off the UI thread), `files` (texts the reader
//! brings), `chrome` (bars and panels), `shot` (screenshots), `run` (the native window).

mod chrome;
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

use files::{PendingFile, drop_hint};
pub use loaded::{Added, Loaded, Source};
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
    /// Text files to clean, link and add to the library once loaded.
    pub add: Vec<PathBuf>,
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
    shot: Option<Shot>,
    /// Texts brought by `--add` or dropped on the window, added once the data is loaded.
    pending_files: Vec<PendingFile>,
    /// Document id → the file it was read from, for the texts the reader added.
    added_paths: HashMap<String, String>,
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
        let (data, loading) = if opts.load_blocking {
            (Some(Loaded::load()), None)
        } else {
            let (tx, rx) = std::sync::mpsc::channel();
            let ctx = ctx.clone();
            std::thread::spawn(move || {
                let loaded = Loaded::load();
                // The receiver may be gone if the window closed first; nothing to do then.
                let _ = tx.send(loaded);
                ctx.request_repaint();
            });
            (None, Some(rx))
        };
        let mut map = MapState::default();
        map.suppress_hover = opts.screenshot.is_some();
        AtlasApp {
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
            shot: opts.screenshot.clone().map(|path| Shot {
                path,
                requested: false,
                image: Arc::default(),
                result: Arc::default(),
                started: Instant::now(),
            }),
            pending_files: opts
                .add
                .iter()
                .map(|p| PendingFile::read(p, true))
                .collect(),
            added_paths: HashMap::new(),
        }
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
        }
    }

    fn poll_loading(&mut self) {
        if let Some(rx) = &self.loading {
            match rx.try_recv() {
                Ok(d) => {
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
            // Texts the reader added in earlier sessions come back first, so the saved
            // reader position can point into them; a file that is gone is a warning.
            let queued = std::mem::take(&mut self.pending_files);
            self.pending_files = saved
                .added_files
                .iter()
                .map(|p| PendingFile::read(std::path::Path::new(p), false))
                .collect();
            self.reading.state.added_files.clear();
            self.add_pending_files();
            self.pending_files = queued;
            let added = std::mem::take(&mut self.reading.state.added_files);
            let Some(data) = &self.data else { return };
            let warnings = std::mem::take(&mut self.reading.warnings);
            let notices = std::mem::take(&mut self.reading.notices);
            self.reading = Reading::restore(
                SavedState {
                    added_files: added,
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
        if !self.pending_files.is_empty() {
            self.add_pending_files();
        }
        // After the texts brought with `--add` are in, so `--open` can name one of theirs.
        if let Some(data) = &self.data
            && self.pending_files.is_empty()
            && let Some(id) = self.pending_open.take()
        {
            use crate::ui::source::Source as _;
            let view = data.view();
            if view.passage_index(&id).is_none() && view.document_index(&id).is_none() {
                let msg = format!(
                    "--open {}: no passage or document has this id (`caspian-atlas passages FEATURE` shows passage ids)",
                    crate::clip::clip(&id)
                );
                eprintln!("caspian-atlas: {msg}");
                self.reading.warnings.push(msg);
            }
            self.commands.push(Command::OpenPassage(id));
        }
    }
}

impl eframe::App for AtlasApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.take_dropped_files(ui.ctx());
        self.poll_loading();
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
        for cmd in std::mem::take(&mut self.commands) {
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
