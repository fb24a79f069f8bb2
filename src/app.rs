//! The eframe application: owns the state, loads data off the UI thread, applies commands.
//!
//! Layout: a top bar, a status bar (pointer lon/lat, scale), the selection side panel on the
//! right ([`AtlasApp::side_panel`] — the slot the `ui` panels replace) and the map in the centre.
//! Everything the map or a panel asks for goes through [`Command`] and is applied once at the end
//! of the frame ([`AtlasApp::apply`]).

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context as _;

use crate::cli::{Theme, WindowArgs};
use crate::map::{MapModel, MapState, MapWidget};
use crate::ui::{Command, Library, Reading, SavedState};

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
            p.id = format!("{}#p{}", doc.id, p.index);
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
}

/// Outcome of a screenshot run, shared with [`run`].
type ShotResult = Arc<Mutex<Option<Result<PathBuf, String>>>>;

struct Shot {
    path: PathBuf,
    requested: bool,
    image: Arc<Mutex<Option<Arc<egui::ColorImage>>>>,
    result: ShotResult,
    started: Instant,
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
        if opts.screenshot.is_none() {
            app.load_reading(cc.storage);
        }
        if let Some(m) = restored {
            app.map = m;
            app.map.fitted = true;
        }
        app
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

    /// Queue a text to add to the library (as if dropped on the window).
    pub fn bring_text(&mut self, name: &str, bytes: Vec<u8>) {
        self.pending_files.push(PendingFile {
            name: name.to_string(),
            path: None,
            bytes: Ok(bytes),
            open: true,
        });
    }

    /// Files dropped on the window join the queue.
    fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        for f in dropped {
            let path = f.path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| path.display().to_string());
            // Read from the path where there is one (so an oversized file is refused before
            // it is read), else as the platform hands the contents over.
            let bytes = if path.is_file() {
                read_text_file(path)
            } else {
                f.bytes()
            };
            self.pending_files.push(PendingFile {
                name,
                path: Some(path.to_path_buf()),
                bytes,
                open: true,
            });
        }
    }

    /// Add the queued texts to the library: each opens in the reader (and is remembered for
    /// the next session), or leaves a warning naming the file and what is wrong with it.
    fn add_pending_files(&mut self) {
        let Some(data) = self.data.as_mut() else {
            return;
        };
        for f in std::mem::take(&mut self.pending_files) {
            let outcome = f
                .bytes
                .map_err(|e| format!("{}: {e}", f.name))
                .and_then(|b| data.add_text(&f.name, &b));
            match outcome {
                Ok(added) => {
                    self.reading.library_changed();
                    if let Some(path) = f.path.as_ref().map(|p| p.display().to_string()) {
                        if !self.reading.state.added_files.contains(&path) {
                            self.reading.state.added_files.push(path.clone());
                        }
                        self.added_paths.insert(added.document.clone(), path);
                    }
                    if f.open {
                        self.reading.notices.push(format!(
                            "Added \u{201c}{}\u{201d} from {}: {} passages, {} place mentions",
                            added.title, f.name, added.passages, added.mentions
                        ));
                        if let Some(first) = added.first_passage {
                            self.commands.push(Command::OpenPassage(first));
                        }
                    }
                }
                Err(e) => {
                    eprintln!("caspian-atlas: {e}");
                    self.reading.warnings.push(e);
                }
            }
        }
    }

    /// Take a text the reader added out of the library and out of the saved list.
    fn remove_document(&mut self, id: &str) {
        let Some(data) = self.data.as_mut() else {
            return;
        };
        if let Some(title) = data.remove_document(id) {
            if let Some(path) = self.added_paths.remove(id)
                && !self.added_paths.values().any(|p| *p == path)
            {
                self.reading.state.added_files.retain(|p| *p != path);
            }
            self.reading
                .notices
                .push(format!("Removed \u{201c}{title}\u{201d} from the library"));
            self.reading.library_changed();
            self.map.highlighted = None;
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
                    "--select {id}: no feature has this id (`caspian-atlas features` lists them)"
                );
                eprintln!("caspian-atlas: {msg}");
                self.reading.warnings.push(msg);
            }
        }
        if self.data.is_some()
            && let Some(id) = self.pending_open.take()
        {
            self.commands.push(Command::OpenPassage(id));
        }
        if !self.pending_files.is_empty() {
            self.add_pending_files();
        }
    }

    fn top_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("top-bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading("Caspian Atlas");
                ui.weak("South Caucasus · Caspian · Central Asia");
                if let Some(data) = &self.data {
                    ui.separator();
                    self.reading
                        .search_box(ui, &data.view(), &mut self.commands);
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let current = ui.ctx().options(|o| o.theme_preference);
                    for (pref, label) in [
                        (egui::ThemePreference::Dark, "Dark"),
                        (egui::ThemePreference::Light, "Light"),
                        (egui::ThemePreference::System, "System"),
                    ] {
                        if ui.selectable_label(current == pref, label).clicked() {
                            ui.ctx().set_theme(pref);
                        }
                    }
                    ui.weak("Theme:");
                });
            });
        });
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                match self.pointer {
                    Some([lon, lat]) => {
                        ui.monospace(format!("{}  {}", fmt_lat(lat), fmt_lon(lon)));
                    }
                    None => {
                        ui.monospace("—");
                    }
                }
                ui.separator();
                ui.monospace(format!("scale {:.3} pt/km", self.map.view.scale));
                if let Some(d) = &self.data {
                    ui.separator();
                    ui.label(format!(
                        "{} features · loaded in {} ms",
                        d.atlas.features().len(),
                        d.load_time.as_millis()
                    ));
                    if !d.warnings.is_empty() {
                        ui.separator();
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            format!("{} data warnings", d.warnings.len()),
                        )
                        .on_hover_text(d.warnings.join("\n"));
                    }
                }
            });
        });
    }

    /// The reading side panel: feature card, passages, reader, search results, filters.
    fn side_panel(&mut self, ui: &mut egui::Ui) {
        egui::Panel::right("selection")
            // The reader sets the width by dragging the panel's edge; the content never does (a
            // panel that followed its content would shift the map on every selection).
            .resizable(true)
            .default_size(440.0)
            .size_range(320.0..=900.0)
            .show(ui, |ui| {
                // Fill the width the reader chose, whatever the content needs.
                ui.set_min_width(ui.available_width());
                let Some(data) = &self.data else {
                    ui.weak("Loading…");
                    return;
                };
                self.reading.show(ui, &data.view(), &mut self.commands);
            });
    }

    fn map_panel(&mut self, ui: &mut egui::Ui) {
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let Some(data) = self.data.as_mut() else {
                ui.centered_and_justified(|ui| {
                    ui.vertical_centered(|ui| {
                        ui.add_space(ui.available_height() / 2.0 - 30.0);
                        ui.spinner();
                        ui.label(format!(
                            "Loading the atlas… {:.1} s",
                            self.load_started.elapsed().as_secs_f32()
                        ));
                    });
                });
                ui.ctx().request_repaint_after(Duration::from_millis(100));
                return;
            };
            // The "passages on the map" toggle fills the counts the map shades by (and clears
            // only what it filled).
            if self.reading.state.choropleth {
                let view = data.library.view(data.atlas.features());
                let weights = self.reading.feature_weights(&view);
                self.passage_counts = Some(
                    data.atlas
                        .features()
                        .iter()
                        .zip(weights)
                        .map(|(f, &n)| (f.id.clone(), n))
                        .collect(),
                );
                self.counts_from_reading = true;
            } else if self.counts_from_reading {
                self.passage_counts = None;
                self.counts_from_reading = false;
            }
            let counts = self.passage_counts.as_ref();
            let count_fn = |id: &str| counts.and_then(|m| m.get(id)).copied().unwrap_or(0);
            let mut widget = MapWidget::new(&data.atlas, &mut data.model, &mut self.map);
            if counts.is_some() {
                widget = widget.passage_counts(&count_fn);
            }
            let r = widget.show(ui);
            self.pointer = r.pointer_lonlat;
            if let Some(i) = r.clicked
                && let Some(f) = data.atlas.features().get(i)
            {
                self.commands.push(Command::SelectFeature(f.id.clone()));
            } else if r.clicked_empty {
                self.commands.push(Command::ClearSelection);
            }
        });
    }

    fn screenshot_step(&mut self, ui: &mut egui::Ui) {
        let Some(shot) = &mut self.shot else { return };
        let ctx = ui.ctx().clone();
        ctx.request_repaint();
        if shot.started.elapsed() > Duration::from_secs(120) {
            finish(
                &shot.result,
                Err("timed out waiting for the window to draw".into()),
            );
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        let image = shot.image.lock().ok().and_then(|mut s| s.take());
        if let Some(img) = image {
            let res = save_png(&img, &shot.path).map(|()| shot.path.clone());
            finish(&shot.result, res);
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        let ready = self.data.is_some() && self.frames_loaded >= 8 && !self.map.view.is_flying();
        if ready && !shot.requested {
            shot.requested = true;
            let slot = shot.image.clone();
            let c2 = ctx.clone();
            ctx.request_screenshot(move |img| {
                if let Ok(mut s) = slot.lock() {
                    *s = Some(img);
                }
                c2.request_repaint();
            });
        }
    }
}

fn finish(slot: &ShotResult, r: Result<PathBuf, String>) {
    if let Ok(mut s) = slot.lock()
        && s.is_none()
    {
        *s = Some(r);
    }
}

fn save_png(img: &egui::ColorImage, path: &std::path::Path) -> Result<(), String> {
    let [w, h] = img.size;
    let bytes: Vec<u8> = img
        .pixels
        .iter()
        .flat_map(|c| c.to_srgba_unmultiplied())
        .collect();
    let buf = image::RgbaImage::from_raw(w as u32, h as u32, bytes)
        .ok_or_else(|| "screenshot has an inconsistent size".to_string())?;
    buf.save(path)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn fmt_lat(lat: f64) -> String {
    format!("{:7.4}°{}", lat.abs(), if lat >= 0.0 { 'N' } else { 'S' })
}

fn fmt_lon(lon: f64) -> String {
    format!("{:8.4}°{}", lon.abs(), if lon >= 0.0 { 'E' } else { 'W' })
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

/// A text the reader brought, waiting for the data to load.
struct PendingFile {
    /// The name messages and the document id use.
    name: String,
    /// Where it was read from (remembered for the next session), if a file.
    path: Option<PathBuf>,
    /// Its bytes, or why they could not be read.
    bytes: Result<Vec<u8>, String>,
    /// Open it in the reader once added (a text brought now, not one restored).
    open: bool,
}

/// The largest text the reader can add (the whole shipped corpus is under 1 MB).
const MAX_TEXT_BYTES: u64 = 64 << 20;

/// The bytes of a text file, refusing what is too large to be an essay.
fn read_text_file(path: &std::path::Path) -> Result<Vec<u8>, String> {
    let len = std::fs::metadata(path)
        .map_err(|e| format!("cannot read: {e}"))?
        .len();
    if len > MAX_TEXT_BYTES {
        return Err(format!(
            "too large to be a text: {} MB (at most {} MB)",
            len >> 20,
            MAX_TEXT_BYTES >> 20
        ));
    }
    std::fs::read(path).map_err(|e| format!("cannot read: {e}"))
}

impl PendingFile {
    fn read(path: &std::path::Path, open: bool) -> PendingFile {
        let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        PendingFile {
            name: path.display().to_string(),
            bytes: read_text_file(&full),
            path: Some(full),
            open,
        }
    }
}

/// While files are dragged over the window: a veil saying what dropping them does.
fn drop_hint(ctx: &egui::Context) {
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
            "Drop {} to clean it, link it to the map and read it here",
            if hovering == 1 {
                "the text file"
            } else {
                "the text files"
            }
        ),
        egui::FontId::proportional(22.0),
        egui::Color32::WHITE,
    );
}

/// Parse `WxH`.
pub fn parse_size(s: &str) -> Option<[f32; 2]> {
    let (w, h) = s.split_once(['x', 'X'])?;
    let w: f32 = w.trim().parse().ok()?;
    let h: f32 = h.trim().parse().ok()?;
    (w >= 200.0 && h >= 150.0 && w <= 10_000.0 && h <= 10_000.0).then_some([w, h])
}

/// Keep freed heap memory for reuse instead of handing it back to the system after every frame.
///
/// egui copies the map's mesh (≈ 100k vertices at the whole-region view, a few MB) into fresh
/// buffers every frame; with glibc's defaults those buffers are mapped and unmapped (or the heap
/// trimmed) each time, and the page faults cost more than drawing (frame bench: ≈ 4.2 ms → 0.6 ms).
/// Raising the trim and mmap thresholds to 256 MiB keeps the memory in the process. Call once at
/// start, before other threads run. Does nothing on other platforms.
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        const KEEP: libc::c_int = 256 << 20;
        // SAFETY: mallopt only sets allocator parameters; it is called before the app starts
        // its threads, and a refused setting (return 0) leaves glibc's defaults in place.
        unsafe {
            libc::mallopt(libc::M_TRIM_THRESHOLD, KEEP);
            libc::mallopt(libc::M_MMAP_THRESHOLD, KEEP);
        }
    }
}

/// Open the explorer window.
pub fn run(args: WindowArgs) -> anyhow::Result<ExitCode> {
    tune_allocator();
    let size = match &args.size {
        Some(s) => {
            parse_size(s).with_context(|| format!("--size {s}: expected WxH, e.g. 1600x1000"))?
        }
        None => [1600.0, 1000.0],
    };
    let opts = AppOptions {
        load_blocking: false,
        select: args.select.clone(),
        open: args.open.clone(),
        screenshot: args.screenshot.clone(),
        theme: args.theme,
        add: args.add.clone(),
    };
    let result: ShotResult = Arc::default();
    let result2 = result.clone();
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Caspian Atlas")
            .with_inner_size(size)
            .with_min_inner_size([640.0, 400.0]),
        persist_window: args.screenshot.is_none(),
        ..Default::default()
    };
    eframe::run_native(
        "Caspian Atlas",
        native,
        Box::new(move |cc| {
            let mut app = AtlasApp::new(cc, opts);
            if let Some(s) = &mut app.shot {
                s.result = result2;
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))?;
    if args.screenshot.is_some() {
        let outcome = result.lock().ok().and_then(|mut s| s.take());
        return match outcome {
            Some(Ok(path)) => {
                eprintln!("caspian-atlas: wrote {}", path.display());
                Ok(ExitCode::SUCCESS)
            }
            Some(Err(e)) => anyhow::bail!("screenshot failed: {e}"),
            None => anyhow::bail!("screenshot failed: the window closed before it was drawn"),
        };
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("1600x1000"), Some([1600.0, 1000.0]));
        assert_eq!(parse_size("800X600"), Some([800.0, 600.0]));
        assert_eq!(parse_size("10x10"), None);
        assert_eq!(parse_size("abc"), None);
    }

    #[test]
    fn coordinates_format_with_hemispheres() {
        assert!(fmt_lat(40.5).ends_with('N'));
        assert!(fmt_lat(-1.0).ends_with('S'));
        assert!(fmt_lon(49.8).ends_with('E'));
    }
}
