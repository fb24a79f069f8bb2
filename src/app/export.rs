//! The Export dialog's requests carried out. The map is the window's view (its projected box,
//! layer switches, selection, theme and shading) written as SVG — built on the UI thread from
//! the atlas it shares — and rasterised and written on a thread; passages and notes are chosen
//! with the reading filters, the selected feature and the search, made into the chosen format
//! and written on a thread. Every file is written whole to a temporary name and renamed, so a
//! failed export never leaves half a file where the reader expects one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::AtlasApp;
use crate::export::svg::{MapRequest, View, render_svg};
use crate::export::{self, Inputs, Selection};
use crate::ui::export_dialog::{ExportDialog, ExportRequest, MapFormat, Scope};

/// An export's bytes, made on the writer thread.
type Job = Box<dyn FnOnce() -> Result<Vec<u8>, String> + Send>;

/// The dialog and the export being written.
#[derive(Default)]
pub struct Exports {
    pub dialog: ExportDialog,
    writing: Option<Receiver<Result<String, String>>>,
}

/// What a finished export says: where the file went and how big it is.
fn wrote(path: &Path, bytes: usize) -> String {
    let size = if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / f64::from(1u32 << 20))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    };
    format!("Wrote {} ({size})", path.display())
}

/// Write `bytes` to `path` through a temporary file beside it.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let Some(name) = name else {
        return Err(format!("{}: not a file name", path.display()));
    };
    let tmp = path.with_file_name(format!(".{name}.part"));
    let res = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    res.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("writing {}: {e}", path.display())
    })
}

impl AtlasApp {
    /// What the dialog says about the window: the selected feature, the search, the filters,
    /// the map's size in pixels.
    fn export_scope(&self, ctx: &egui::Context) -> Scope {
        let feature = self.data.as_ref().and_then(|d| {
            let id = self.reading.state.selected.as_deref()?;
            d.index_of(id)
                .and_then(|i| d.atlas.features().get(i))
                .map(|f| f.name.clone())
        });
        let query = Some(self.reading.query.trim())
            .filter(|q| !q.is_empty())
            .map(|q| crate::clip::clip_to(q, 60).into_owned());
        let f = &self.reading.state.filters;
        let mut said = Vec::new();
        let n =
            |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
        if !f.documents.is_empty() {
            said.push(n(f.documents.len(), "document", "documents"));
        }
        if !f.outlets.is_empty() {
            said.push(n(f.outlets.len(), "outlet", "outlets"));
        }
        if !f.hidden_kinds.is_empty() {
            said.push(n(f.hidden_kinds.len(), "kind hidden", "kinds hidden"));
        }
        let ppp = ctx.pixels_per_point();
        let map_size = self.map.last_rect().map_or((1600, 1000), |r| {
            (
                (r.width() * ppp).round() as u32,
                (r.height() * ppp).round() as u32,
            )
        });
        Scope {
            feature,
            query,
            filters: (!said.is_empty()).then(|| said.join(", ")),
            map_size,
            anchor: self
                .map
                .last_rect()
                .map(|r| egui::pos2((r.right() - 420.0).max(r.left()), r.top() + 10.0)),
        }
    }

    /// The toolbar's Export button opens the dialog.
    pub(super) fn open_export(&mut self, ctx: &egui::Context) {
        let scope = self.export_scope(ctx);
        self.exports.dialog.open_with(&scope);
    }

    /// Draw the dialog, start what it asks for, and report what finished.
    pub(super) fn export_window(&mut self, ctx: &egui::Context) {
        if let Some(rx) = &self.exports.writing {
            match rx.try_recv() {
                Ok(result) => {
                    self.exports.dialog.busy = false;
                    self.exports.dialog.status = Some(result);
                    self.exports.writing = None;
                }
                Err(TryRecvError::Empty) => {
                    ctx.request_repaint_after(std::time::Duration::from_millis(100));
                }
                Err(TryRecvError::Disconnected) => {
                    self.exports.dialog.busy = false;
                    self.exports.dialog.status =
                        Some(Err("the export stopped before it was written".into()));
                    self.exports.writing = None;
                }
            }
        }
        if !self.exports.dialog.open {
            return;
        }
        let scope = self.export_scope(ctx);
        if let Some(req) = self.exports.dialog.show(ctx, &scope) {
            let dark = ctx.global_style().visuals.dark_mode;
            match self.start_export(req, dark) {
                Ok(rx) => self.exports.writing = Some(rx),
                Err(e) => {
                    self.exports.dialog.busy = false;
                    self.exports.dialog.status = Some(Err(e));
                }
            }
        }
    }

    /// Make the export's bytes (or the SVG the PNG is rasterised from) and write them on a
    /// thread.
    fn start_export(
        &self,
        req: ExportRequest,
        dark: bool,
    ) -> Result<Receiver<Result<String, String>>, String> {
        let Some(data) = &self.data else {
            return Err("the atlas is still loading".into());
        };
        let notes = matches!(req, ExportRequest::Notes { .. });
        let (job, path): (Job, PathBuf) = match req {
            ExportRequest::Map {
                format,
                width,
                height,
                path,
            } => {
                let svg = self.map_svg(width, height, dark)?;
                let job: Job = match format {
                    MapFormat::Svg => Box::new(move || Ok(svg.into_bytes())),
                    MapFormat::Png => {
                        Box::new(move || export::png::svg_to_png(&svg).map_err(|e| e.to_string()))
                    }
                };
                (job, path)
            }
            ExportRequest::Passages {
                format,
                feature,
                query,
                path,
            }
            | ExportRequest::Notes {
                format,
                feature,
                query,
                path,
            } => {
                let lib = &data.library;
                let corrected = |p: &str, m: &crate::links::Mention| lib.is_corrected(p, m);
                let inputs = Inputs {
                    corrected: Some(&corrected),
                    ..Inputs::new(
                        data.atlas.features(),
                        &lib.documents,
                        &lib.passages,
                        &lib.links,
                    )
                };
                let filter = self.reading.state.filters.to_export();
                let sel = Selection {
                    feature: self.reading.state.selected.clone().filter(|_| feature),
                    query: Some(self.reading.query.trim().to_string())
                        .filter(|q| query && !q.is_empty()),
                };
                let chosen = export::choose(&inputs, &filter, &sel).map_err(|e| e.to_string())?;
                let bytes = if notes {
                    export::formats::notes(format, &inputs, &lib.notes, &chosen)
                } else {
                    export::formats::passages(format, &inputs, &filter, &sel, &chosen)
                }
                .map_err(|e| e.to_string())?;
                (Box::new(move || Ok(bytes)), path)
            }
        };
        let (tx, rx) = channel();
        std::thread::Builder::new()
            .name("export-writer".into())
            .spawn(move || {
                let result = job().and_then(|bytes| {
                    write_whole(&path, &bytes)?;
                    Ok(wrote(&path, bytes.len()))
                });
                let _ = tx.send(result);
            })
            .map_err(|e| format!("starting the export: {e}"))?;
        Ok(rx)
    }

    /// The map as the window shows it, as SVG `width` × `height` pixels.
    pub fn map_svg(&self, width: u32, height: u32, dark: bool) -> Result<String, String> {
        let Some(data) = &self.data else {
            return Err("the atlas is still loading".into());
        };
        let Some(rect) = self.map.last_rect() else {
            return Err("the map has not been drawn yet".into());
        };
        let v = self.map.view.visible(rect);
        let features = data.atlas.features();
        let layers: Vec<bool> = features.iter().map(|f| self.map.layers.shows(f)).collect();
        let shade: Option<BTreeMap<usize, usize>> = self.passage_counts.as_ref().map(|counts| {
            counts
                .iter()
                .filter(|(_, n)| **n > 0)
                .filter_map(|(id, n)| data.index_of(id).map(|i| (i, *n)))
                .collect()
        });
        let req = MapRequest {
            features,
            width,
            height,
            view: View::World(v.map(f64::from)),
            dark,
            shade: shade.as_ref().filter(|_| self.reading.state.choropleth),
            layers: Some(&layers),
            selected: self.map.selected,
        };
        render_svg(&req).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_written_whole_or_not_at_all() {
        let dir = std::env::temp_dir().join(format!("caspian-export-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("map.svg");
        assert!(write_whole(&path, b"<svg/>").is_ok());
        assert_eq!(std::fs::read(&path).ok().as_deref(), Some(&b"<svg/>"[..]));
        assert!(!dir.join(".map.svg.part").exists());
        // A folder that is not there: an error naming the file, nothing written.
        let missing = dir.join("no-such-dir").join("x.svg");
        assert!(write_whole(&missing, b"x").is_err_and(|e| e.contains("x.svg")));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn sizes_are_said_in_kb_or_mb() {
        assert!(wrote(Path::new("/t/a.svg"), 1500).ends_with("(2 KB)"));
        assert!(wrote(Path::new("/t/a.png"), 3 << 20).ends_with("(3.0 MB)"));
    }
}
