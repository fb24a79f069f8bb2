//! The window's Export dialog: the map as it is shown (SVG or PNG at any size), the passages
//! (of the selected feature, of the search, or all that pass the filters) or the reader's notes
//! in any export format, to a file. The dialog only asks; the app makes the file off the UI
//! thread and reports where it went.

use std::path::PathBuf;

use egui::{Context, RichText, Ui};

use crate::export::formats::Format;

/// What is exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum What {
    /// The map as the window shows it.
    #[default]
    Map,
    /// Passages with their documents, places and mentions.
    Passages,
    /// The reader's notes and highlights.
    Notes,
}

/// The map's file type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MapFormat {
    #[default]
    Svg,
    Png,
}

impl MapFormat {
    pub fn extension(self) -> &'static str {
        match self {
            MapFormat::Svg => "svg",
            MapFormat::Png => "png",
        }
    }
}

/// What the reader asked for when pressing Export.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportRequest {
    Map {
        format: MapFormat,
        width: u32,
        height: u32,
        path: PathBuf,
    },
    Passages {
        format: Format,
        /// Only the passages that mention the selected feature.
        feature: bool,
        /// Only the passages the search box finds.
        query: bool,
        path: PathBuf,
    },
    Notes {
        format: Format,
        feature: bool,
        query: bool,
        path: PathBuf,
    },
}

/// What the dialog shows about the window's state (the scope an export can narrow to).
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// The selected feature's name.
    pub feature: Option<String>,
    /// The search box's text, when it has any.
    pub query: Option<String>,
    /// The reading filters, said in words ("2 documents, 1 outlet"), when any is set.
    pub filters: Option<String>,
    /// The map's size on screen, in pixels (the map export's default size).
    pub map_size: (u32, u32),
    /// Where the dialog first opens (its top-left corner): over the map, beside the panel.
    pub anchor: Option<egui::Pos2>,
}

/// The dialog's state.
#[derive(Debug, Clone)]
pub struct ExportDialog {
    pub open: bool,
    what: What,
    map_format: MapFormat,
    format: Format,
    notes_format: Format,
    size: String,
    /// The size the map had when the dialog opened (`size` follows it until edited).
    size_from: Option<(u32, u32)>,
    narrow_feature: bool,
    narrow_query: bool,
    folder: String,
    name: String,
    /// The path's problem, or the last request's result ("Wrote …").
    pub status: Option<Result<String, String>>,
    /// An export is being written.
    pub busy: bool,
}

impl Default for ExportDialog {
    fn default() -> ExportDialog {
        let folder = dirs::document_dir()
            .or_else(dirs::home_dir)
            .unwrap_or_else(|| PathBuf::from("."));
        ExportDialog {
            open: false,
            what: What::Map,
            map_format: MapFormat::Svg,
            format: Format::Markdown,
            notes_format: Format::Markdown,
            size: String::new(),
            size_from: None,
            narrow_feature: true,
            narrow_query: true,
            folder: folder.display().to_string(),
            name: "caspian-atlas-map".into(),
            status: None,
            busy: false,
        }
    }
}

const PASSAGE_FORMATS: [Format; 8] = [
    Format::Markdown,
    Format::Html,
    Format::Json,
    Format::Geojson,
    Format::Csv,
    Format::Bibtex,
    Format::Ris,
    Format::Csl,
];

impl ExportDialog {
    /// The file's extension for the current choice.
    fn extension(&self) -> &'static str {
        match self.what {
            What::Map => self.map_format.extension(),
            What::Passages => self.format.extension(),
            What::Notes => self.notes_format.extension(),
        }
    }

    /// The file the export goes to (folder, name, the format's extension).
    pub fn path(&self) -> PathBuf {
        let name = self.name.trim();
        let stem = name
            .strip_suffix(&format!(".{}", self.extension()))
            .unwrap_or(name);
        PathBuf::from(self.folder.trim()).join(format!("{stem}.{}", self.extension()))
    }

    /// The request the fields make, or what is wrong with them.
    fn request(&self, scope: &Scope) -> Result<ExportRequest, String> {
        let name = self.name.trim();
        if name.is_empty() || name.contains(['/', '\\']) {
            return Err("the file name must be a name, not empty or a path".into());
        }
        let folder = PathBuf::from(self.folder.trim());
        if self.folder.trim().is_empty() || !folder.is_dir() {
            return Err(format!(
                "the folder {} does not exist",
                crate::clip::clip(self.folder.trim())
            ));
        }
        let path = self.path();
        let feature = self.narrow_feature && scope.feature.is_some();
        let query = self.narrow_query && scope.query.is_some();
        Ok(match self.what {
            What::Map => {
                let (width, height) =
                    crate::export::svg::parse_size(&self.size).map_err(|e| e.to_string())?;
                ExportRequest::Map {
                    format: self.map_format,
                    width,
                    height,
                    path,
                }
            }
            What::Passages => ExportRequest::Passages {
                format: self.format,
                feature,
                query,
                path,
            },
            What::Notes => ExportRequest::Notes {
                format: self.notes_format,
                feature,
                query,
                path,
            },
        })
    }

    /// Open the dialog (the map size follows the window's until the reader edits it).
    pub fn open_with(&mut self, scope: &Scope) {
        self.open = true;
        self.status = None;
        let (w, h) = scope.map_size;
        if self.size.is_empty() || self.size_from.is_some_and(|s| self.size == size_text(s)) {
            self.size = size_text((w.max(64), h.max(64)));
            self.size_from = Some((w.max(64), h.max(64)));
        }
    }

    /// Draw the dialog; the request when the reader presses Export.
    pub fn show(&mut self, ctx: &Context, scope: &Scope) -> Option<ExportRequest> {
        if !self.open {
            return None;
        }
        let mut open = self.open;
        let mut out = None;
        egui::Window::new("Export")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(380.0)
            // Over the map's right side, under the toolbar, clear of the reading panel.
            .default_pos(
                scope
                    .anchor
                    .unwrap_or(ctx.content_rect().right_top() + egui::vec2(-440.0, 36.0)),
            )
            .show(ctx, |ui| out = self.body(ui, scope));
        self.open = open;
        out
    }

    fn body(&mut self, ui: &mut Ui, scope: &Scope) -> Option<ExportRequest> {
        let before = self.what;
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.what, What::Map, "Map view");
            ui.selectable_value(&mut self.what, What::Passages, "Passages");
            ui.selectable_value(&mut self.what, What::Notes, "Notes");
        });
        ui.separator();
        egui::Grid::new("export-fields")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                ui.label("Format");
                ui.horizontal_wrapped(|ui| match self.what {
                    What::Map => {
                        ui.selectable_value(&mut self.map_format, MapFormat::Svg, "SVG");
                        ui.selectable_value(&mut self.map_format, MapFormat::Png, "PNG");
                    }
                    What::Passages => {
                        for f in PASSAGE_FORMATS {
                            ui.selectable_value(&mut self.format, f, f.label());
                        }
                    }
                    What::Notes => {
                        for f in PASSAGE_FORMATS.into_iter().filter(|f| f.takes_notes()) {
                            ui.selectable_value(&mut self.notes_format, f, f.label());
                        }
                    }
                });
                ui.end_row();
                if self.what == What::Map {
                    let l = ui.label("Size");
                    ui.horizontal(|ui| {
                        ui.add(
                            egui::TextEdit::singleline(&mut self.size)
                                .desired_width(110.0)
                                .hint_text("1600x1000"),
                        )
                        .labelled_by(l.id)
                        .on_hover_text("Width x height in pixels, 64 to 16384 each");
                        ui.weak("pixels");
                    });
                    ui.end_row();
                } else {
                    ui.label("Only");
                    ui.vertical(|ui| {
                        match &scope.feature {
                            Some(name) => {
                                ui.checkbox(
                                    &mut self.narrow_feature,
                                    format!("passages that mention {name}"),
                                );
                            }
                            None => {
                                ui.weak("(select a feature to narrow to it)");
                            }
                        }
                        if let Some(q) = &scope.query {
                            ui.checkbox(
                                &mut self.narrow_query,
                                format!("passages found by \u{201c}{q}\u{201d}"),
                            );
                        }
                        match &scope.filters {
                            Some(f) => ui.label(format!("Filters: {f}")),
                            None => ui.weak("Filters: none (every document and kind)"),
                        };
                    });
                    ui.end_row();
                }
                let l = ui.label("Folder");
                ui.add(egui::TextEdit::singleline(&mut self.folder).desired_width(260.0))
                    .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("File name");
                ui.horizontal(|ui| {
                    ui.add(egui::TextEdit::singleline(&mut self.name).desired_width(200.0))
                        .labelled_by(l.id);
                    ui.weak(format!(".{}", self.extension()));
                });
                ui.end_row();
            });
        if self.what == What::Map {
            ui.weak(
                "The view as the window shows it: its layers, selection, theme and shading, \
                 with legend, scale bar and credits.",
            );
        }
        if before != self.what && self.name.trim() == default_name(before) {
            self.name = default_name(self.what).into();
        }
        ui.add_space(4.0);
        let mut out = None;
        ui.horizontal(|ui| {
            let export = ui.add_enabled(!self.busy, egui::Button::new("Export"));
            if self.busy {
                ui.spinner();
                ui.weak("writing…");
            }
            if export.clicked() {
                match self.request(scope) {
                    Ok(r) => {
                        self.busy = true;
                        self.status = None;
                        out = Some(r);
                    }
                    Err(e) => self.status = Some(Err(e)),
                }
            }
        });
        match &self.status {
            Some(Ok(m)) => {
                ui.label(RichText::new(m).color(ui.visuals().text_color()));
            }
            Some(Err(e)) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            None => {}
        }
        out
    }
}

fn size_text((w, h): (u32, u32)) -> String {
    format!("{w}x{h}")
}

fn default_name(what: What) -> &'static str {
    match what {
        What::Map => "caspian-atlas-map",
        What::Passages => "caspian-atlas-passages",
        What::Notes => "caspian-atlas-notes",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_path_takes_the_formats_extension_once() {
        let mut d = ExportDialog {
            folder: "/tmp".into(),
            name: "view.svg".into(),
            ..ExportDialog::default()
        };
        assert_eq!(d.path(), PathBuf::from("/tmp/view.svg"));
        d.map_format = MapFormat::Png;
        assert_eq!(d.path(), PathBuf::from("/tmp/view.svg.png"));
        d.what = What::Passages;
        d.format = Format::Bibtex;
        d.name = "refs".into();
        assert_eq!(d.path(), PathBuf::from("/tmp/refs.bib"));
    }

    #[test]
    fn bad_fields_are_said_not_requested() {
        let scope = Scope {
            map_size: (800, 600),
            ..Scope::default()
        };
        let mut d = ExportDialog {
            folder: "/no/such/folder/here".into(),
            ..ExportDialog::default()
        };
        d.open_with(&scope);
        assert_eq!(d.size, "800x600");
        assert!(
            d.request(&scope)
                .is_err_and(|e| e.contains("does not exist"))
        );
        d.folder = std::env::temp_dir().display().to_string();
        d.size = "10x10".into();
        assert!(d.request(&scope).is_err_and(|e| e.contains("64 to 16384")));
        d.size = "1200x900".into();
        assert!(matches!(
            d.request(&scope),
            Ok(ExportRequest::Map {
                width: 1200,
                height: 900,
                ..
            })
        ));
        d.name = "a/b".into();
        assert!(d.request(&scope).is_err());
    }
}
