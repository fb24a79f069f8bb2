//! Texts the reader brings (dropped on the window, `--add`, remembered from a past session):
//! queued, read with a size cap, added to the library, removed again.

use std::path::PathBuf;

use super::AtlasApp;
use crate::ui::Command;

impl AtlasApp {
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
    pub(super) fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        for f in dropped {
            let path = f.path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| path.display().to_string());
            // Read from the path where there is one (so an oversized or special file is refused
            // before it is read), else as the platform hands the contents over.
            let bytes = if !path.as_os_str().is_empty() {
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
    pub(super) fn add_pending_files(&mut self) {
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
    pub(super) fn remove_document(&mut self, id: &str) {
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
}

/// A text the reader brought, waiting for the data to load.
pub(super) struct PendingFile {
    /// The name messages and the document id use.
    pub(super) name: String,
    /// Where it was read from (remembered for the next session), if a file.
    pub(super) path: Option<PathBuf>,
    /// Its bytes, or why they could not be read.
    pub(super) bytes: Result<Vec<u8>, String>,
    /// Open it in the reader once added (a text brought now, not one restored).
    pub(super) open: bool,
}

/// The largest text the reader can add (the whole shipped corpus is under 1 MB).
const MAX_TEXT_BYTES: u64 = 64 << 20;

/// The bytes of a text file: a regular file only (a FIFO or device is never opened), refusing
/// what is too large to be an essay.
fn read_text_file(path: &std::path::Path) -> Result<Vec<u8>, String> {
    crate::fsread::read_capped(path, MAX_TEXT_BYTES).map_err(|e| e.to_string())
}

impl PendingFile {
    pub(super) fn read(path: &std::path::Path, open: bool) -> PendingFile {
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
