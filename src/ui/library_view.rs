//! The Library view of the side panel: the shipped essays and the reader's documents with title,
//! authors, outlet, date, format, passage and place counts; sort, filter, open, edit metadata,
//! re-import, remove; import a path; the import's progress and Cancel; where the library is.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::source::Source;
use crate::library::{DocumentMeta, StoredDocument};
use crate::links::fold::fold_str;

/// What the reader asked of the library.
#[derive(Debug, Clone, PartialEq)]
pub enum LibraryAction {
    /// Open a passage (the document's first) in the reader.
    Open(String),
    Remove(String),
    Edit(String, DocumentMeta),
    Reimport(String),
    /// Import a file or folder.
    Import(PathBuf),
    /// Stop the import under way.
    Cancel,
}

/// How the list is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// The reader's documents, newest first, then the built-in essays.
    #[default]
    Added,
    Title,
    Author,
    Date,
    Places,
}

/// An import's progress, as the worker reports it.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    pub done: usize,
    pub total: usize,
    pub current: &'a str,
    pub errors: usize,
}

/// The view's own state.
#[derive(Debug, Clone, Default)]
pub struct LibraryView {
    pub filter: String,
    pub sort: SortBy,
    /// The path typed in the import box.
    pub import_path: String,
    /// The document whose metadata is being edited, and the form.
    editing: Option<(String, EditForm)>,
}

#[derive(Debug, Clone, Default)]
struct EditForm {
    title: String,
    authors: String,
    outlet: String,
    date: String,
}

/// One line of the list.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub key: String,
    pub title: String,
    pub authors: Vec<String>,
    pub outlet: String,
    pub date: String,
    pub format: String,
    pub passages: usize,
    pub places: usize,
    /// Shipped with the program (not removable).
    pub built_in: bool,
}

/// A document's passages and the distinct places they mention, as the reader sees them.
fn places_of(src: &dyn Source, document: usize) -> (usize, usize) {
    (
        src.document_passages(document).len(),
        src.document_places(document),
    )
}

/// The rows: the shipped essays then the reader's documents, their passages and places counted
/// from `src` (so the reader's corrections count) when it has them, else as stored.
pub fn rows(src: &dyn Source, stored: &[StoredDocument]) -> Vec<Row> {
    let mut out = Vec::with_capacity(src.documents().len());
    for (i, d) in src.documents().iter().enumerate() {
        if src.is_user_document(i) {
            continue;
        }
        let (passages, places) = places_of(src, i);
        out.push(Row {
            key: d.id.clone(),
            title: d.title.clone(),
            authors: d.authors.clone(),
            outlet: d.outlet.clone(),
            date: d.date.clone(),
            format: "essay".into(),
            passages,
            places,
            built_in: true,
        });
    }
    out.extend(stored.iter().map(|d| {
        let (passages, places) = src
            .document_index(&d.key)
            .map_or((d.passages, d.places), |i| places_of(src, i));
        Row {
            key: d.key.clone(),
            title: d.title.clone(),
            authors: d.authors.clone(),
            outlet: d.outlet.clone(),
            date: d.date.clone(),
            format: d.format.clone(),
            passages,
            places,
            built_in: false,
        }
    }));
    out
}

/// The rows that pass `filter` (folded words, each in the title, authors or outlet), sorted.
pub fn filtered(mut rows: Vec<Row>, filter: &str, sort: SortBy) -> Vec<Row> {
    let words: Vec<String> = fold_str(filter)
        .split_whitespace()
        .map(str::to_string)
        .collect();
    if !words.is_empty() {
        rows.retain(|r| {
            let hay = fold_str(&format!(
                "{} {} {} {}",
                r.title,
                r.authors.join(" "),
                r.outlet,
                r.format
            ));
            words.iter().all(|w| hay.contains(w.as_str()))
        });
    }
    match sort {
        SortBy::Added => {
            // Built-in rows come first in `rows`; the reader's, oldest first, after them.
            let split = rows.iter().take_while(|r| r.built_in).count();
            let mut user = rows.split_off(split);
            user.reverse();
            user.append(&mut rows);
            rows = user;
        }
        SortBy::Title => rows.sort_by_key(|r| fold_str(&r.title)),
        SortBy::Author => rows.sort_by_key(|r| fold_str(&r.authors.join(", "))),
        SortBy::Date => rows.sort_by(|a, b| b.date.cmp(&a.date)),
        SortBy::Places => rows.sort_by_key(|r| std::cmp::Reverse(r.places)),
    }
    rows
}

impl LibraryView {
    /// Draw the view; returns what the reader asked for.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        src: &dyn Source,
        stored: &[StoredDocument],
        library_path: &str,
        progress: Option<Progress<'_>>,
    ) -> Vec<LibraryAction> {
        let mut out = Vec::new();
        ui.add(
            egui::Label::new(RichText::new(format!("Library: {library_path}")).weak()).truncate(),
        )
        .on_hover_text(library_path);
        if let Some(p) = progress {
            ui.horizontal(|ui| {
                let frac = if p.total == 0 {
                    0.0
                } else {
                    p.done as f32 / p.total as f32
                };
                ui.add(
                    egui::ProgressBar::new(frac)
                        .desired_width(200.0)
                        .text(format!("{} of {}", p.done, p.total)),
                );
                if ui.button("Cancel").clicked() {
                    out.push(LibraryAction::Cancel);
                }
            });
            ui.weak(format!(
                "Importing {} · {} refused so far",
                p.current, p.errors
            ));
        }
        ui.horizontal(|ui| {
            ui.label("Import:");
            let edit = ui.add(
                egui::TextEdit::singleline(&mut self.import_path)
                    .hint_text("a file or folder path")
                    .desired_width(220.0),
            );
            let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button("Import").clicked() || enter) && !self.import_path.trim().is_empty() {
                out.push(LibraryAction::Import(PathBuf::from(
                    self.import_path.trim(),
                )));
                self.import_path.clear();
            }
        });
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text("filter by title, author, outlet")
                    .desired_width(180.0),
            );
            egui::ComboBox::from_id_salt("library-sort")
                .selected_text(format!("Sort: {:?}", self.sort))
                .show_ui(ui, |ui| {
                    for s in [
                        SortBy::Added,
                        SortBy::Title,
                        SortBy::Author,
                        SortBy::Date,
                        SortBy::Places,
                    ] {
                        ui.selectable_value(&mut self.sort, s, format!("{s:?}"));
                    }
                });
        });
        self.edit_form(ui, &mut out);
        ui.separator();
        let rows = filtered(rows(src, stored), &self.filter, self.sort);
        ui.weak(format!("{} documents", rows.len()));
        let spacing = ui.spacing().item_spacing.y;
        let row_h = ui.text_style_height(&egui::TextStyle::Body) * 2.0
            + ui.spacing().interact_size.y
            + 3.0 * spacing
            + 4.0;
        egui::ScrollArea::vertical()
            .id_salt("library-scroll")
            .auto_shrink([false, false])
            .show_rows(ui, row_h, rows.len(), |ui, range| {
                for r in rows.get(range).unwrap_or(&[]) {
                    self.row(ui, r, &mut out);
                }
            });
        out
    }

    fn row(&mut self, ui: &mut Ui, r: &Row, out: &mut Vec<LibraryAction>) {
        ui.vertical(|ui| {
            let title = egui::Label::new(RichText::new(&r.title).strong())
                .truncate()
                .sense(egui::Sense::click());
            if ui.add(title).on_hover_text("Open in the reader").clicked() {
                out.push(LibraryAction::Open(crate::corpus::passage_id(&r.key, 0)));
            }
            let mut parts: Vec<String> = Vec::new();
            for p in [r.authors.join(", "), r.outlet.clone(), r.date.clone()] {
                if !p.is_empty() {
                    parts.push(p);
                }
            }
            parts.push(r.format.clone());
            parts.push(format!("{} passages · {} places", r.passages, r.places));
            let line = parts.join(" · ");
            ui.add(egui::Label::new(RichText::new(&line).weak()).truncate())
                .on_hover_text(&line);
            ui.horizontal(|ui| {
                if r.built_in {
                    ui.weak("(built in)");
                    return;
                }
                if ui.small_button("Edit").clicked() {
                    self.editing = Some((
                        r.key.clone(),
                        EditForm {
                            title: r.title.clone(),
                            authors: r.authors.join("; "),
                            outlet: r.outlet.clone(),
                            date: r.date.clone(),
                        },
                    ));
                }
                if ui
                    .small_button("Re-import")
                    .on_hover_text("Read the source file again")
                    .clicked()
                {
                    out.push(LibraryAction::Reimport(r.key.clone()));
                }
                if ui.small_button("Remove").clicked() {
                    out.push(LibraryAction::Remove(r.key.clone()));
                }
            });
            ui.add_space(4.0);
        });
    }

    fn edit_form(&mut self, ui: &mut Ui, out: &mut Vec<LibraryAction>) {
        let Some((key, form)) = self.editing.as_mut() else {
            return;
        };
        let mut close = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.strong(format!("Edit {key}"));
            egui::Grid::new("library-edit")
                .num_columns(2)
                .show(ui, |ui| {
                    for (label, value) in [
                        ("Title", &mut form.title),
                        ("Authors (; between)", &mut form.authors),
                        ("Outlet", &mut form.outlet),
                        ("Date", &mut form.date),
                    ] {
                        ui.label(label);
                        ui.text_edit_singleline(value);
                        ui.end_row();
                    }
                });
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() && !form.title.trim().is_empty() {
                    let meta = DocumentMeta {
                        title: form.title.trim().to_string(),
                        authors: form
                            .authors
                            .split(';')
                            .map(str::trim)
                            .filter(|a| !a.is_empty())
                            .map(str::to_string)
                            .collect(),
                        outlet: form.outlet.trim().to_string(),
                        date: form.date.trim().to_string(),
                    };
                    out.push(LibraryAction::Edit(key.clone(), meta));
                    close = true;
                }
                if ui.button("Close").clicked() {
                    close = true;
                }
            });
        });
        if close {
            self.editing = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(key: &str, title: &str, date: &str, places: usize) -> Row {
        Row {
            key: key.into(),
            title: title.into(),
            authors: vec!["A. Field".into()],
            outlet: "Review".into(),
            date: date.into(),
            format: "text".into(),
            passages: 3,
            places,
            built_in: false,
        }
    }

    #[test]
    fn filter_and_sort() {
        let rows = vec![
            row("b", "Baku ferries", "2021", 4),
            row("a", "Aktau port", "2023", 9),
            row("c", "Caspian gas", "2019", 1),
        ];
        let by_title = filtered(rows.clone(), "", SortBy::Title);
        assert_eq!(
            by_title.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(),
            ["a", "b", "c"]
        );
        let by_date = filtered(rows.clone(), "", SortBy::Date);
        assert_eq!(by_date.first().map(|r| r.key.as_str()), Some("a"));
        let by_places = filtered(rows.clone(), "", SortBy::Places);
        assert_eq!(by_places.last().map(|r| r.key.as_str()), Some("c"));
        let only = filtered(rows.clone(), "FERRIES", SortBy::Added);
        assert_eq!(only.len(), 1);
        // Added: the reader's newest first, the built-in essays after them.
        let mut with_shipped = vec![Row {
            built_in: true,
            ..row("s", "Shipped", "2021", 2)
        }];
        with_shipped.extend(rows);
        let added = filtered(with_shipped, "", SortBy::Added);
        assert_eq!(
            added.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(),
            ["c", "a", "b", "s"]
        );
    }
}
