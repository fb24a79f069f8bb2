//! The Corrections view: every correction the reader made to the linker — the words, what was
//! said about them, the feature they now name, how far it reaches and where it was made — each
//! with Undo (which brings the linker's own result back).

use egui::{RichText, Ui};

use super::command::Command;
use super::source::Source;
use crate::library::corrections::{Correction, Scope};

/// One correction as the view lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub id: i64,
    /// The corrected words.
    pub surface: String,
    /// What was said, with the target feature's name ("not this place → Baku").
    pub action: String,
    /// The feature the words now name (its id), if any.
    pub feature: Option<String>,
    pub scope: &'static str,
    /// The document it was made in (title), if known.
    pub document: Option<String>,
    /// The passage it was made on (to open), if it is still there.
    pub passage: Option<String>,
    pub created_at: String,
}

/// The rows of the view, newest first.
pub fn rows(src: &dyn Source) -> Vec<Row> {
    let name_of = |id: &str| {
        src.feature_index(id)
            .and_then(|i| src.features().get(i))
            .map(|f| f.name.clone())
    };
    src.corrections()
        .iter()
        .rev()
        .map(|c: &Correction| {
            let n = &c.correction;
            let document = n.document.as_deref().filter(|d| !d.is_empty()).map(|d| {
                match src.document_index(d).and_then(|i| src.documents().get(i)) {
                    Some(doc) => doc.title.clone(),
                    None => format!("{d} (no longer in the library)"),
                }
            });
            let passage = n.passage.clone().filter(|p| src.passage_index(p).is_some());
            Row {
                id: c.id,
                surface: n.surface.clone(),
                action: n.action.describe(name_of),
                feature: n.action.feature().map(str::to_string),
                scope: n.scope.label(),
                document: if n.scope == Scope::Everywhere && document.is_some() {
                    document.map(|d| format!("made in {d}"))
                } else {
                    document
                },
                passage,
                created_at: c.created_at.clone(),
            }
        })
        .collect()
}

/// The view: a line per correction with Undo; emits `UndoCorrection`, `SelectFeature`,
/// `OpenPassage`.
pub fn show(ui: &mut Ui, src: &dyn Source, out: &mut Vec<Command>) {
    let rows = rows(src);
    ui.label(
        RichText::new(format!(
            "{} correction{}",
            rows.len(),
            super::card::plural(rows.len())
        ))
        .strong(),
    );
    if rows.is_empty() {
        ui.label(
            "None yet. Right-click a linked name in the reader to say it is another place or \
             not a place, or select words to link them to a place; corrections are listed here \
             and can be undone.",
        );
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("corrections-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for row in &rows {
                ui.push_id(row.id, |ui| row_ui(ui, row, out));
                ui.separator();
            }
        });
}

fn row_ui(ui: &mut Ui, row: &Row, out: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        let surface = super::text::shown(ui, &format!("\u{201c}{}\u{201d}", row.surface));
        ui.label(RichText::new(surface).strong());
        let action = super::text::shown(ui, &row.action);
        match &row.feature {
            Some(f) => {
                if ui.link(action).on_hover_text("Select this place").clicked() {
                    out.push(Command::SelectFeature(f.clone()));
                    out.push(Command::FlyToFeature(f.clone()));
                }
            }
            None => {
                ui.label(action);
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(row.scope).italics());
        if let Some(d) = &row.document {
            ui.label("\u{b7}");
            let d = super::text::shown(ui, d);
            match &row.passage {
                Some(p) => {
                    if ui.link(d).on_hover_text("Open where it was made").clicked() {
                        out.push(Command::OpenPassage(p.clone()));
                    }
                }
                None => {
                    ui.label(d);
                }
            }
        }
        ui.label(RichText::new(&row.created_at).weak().small());
        if ui
            .button("Undo")
            .on_hover_text("Forget this correction: the linker's own result comes back")
            .clicked()
        {
            out.push(Command::UndoCorrection(row.id));
        }
    });
}
