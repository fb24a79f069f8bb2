//! The reader's dialogs: the feature picker of a correction ("choose another…", "link to a
//! place…": a search box over every feature, arrow keys and Enter, a scope) and the note editor
//! (a new highlight, passage or feature note, or an existing note's body and colour).

use egui::{Id, Key, Modal, RichText, Ui};

use super::annotate::{COLOURS, highlight_colour, scope_label};
use super::command::Command;
use super::reading::Reading;
use super::source::{HitTarget, Source};
use super::text::shown;
use crate::library::notes::{NoteContent, Target};
use crate::links::correct::{Action, Correction, Scope};

/// How many features the picker lists.
const LIMIT: usize = 12;

/// The open dialog.
#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    Picker(PickerState),
    Note(NoteDraft),
}

/// The feature picker of one correction.
#[derive(Debug, Clone, PartialEq)]
pub struct PickerState {
    /// The correction being made (its action is set when a feature is chosen).
    pub draft: Correction,
    /// The feature the linker chose, left out of the list.
    pub current: Option<String>,
    pub query: String,
    /// The highlighted row.
    pub cursor: usize,
    focus: bool,
}

impl PickerState {
    pub fn new(draft: Correction, current: Option<&str>) -> PickerState {
        PickerState {
            query: draft.surface.clone(),
            draft,
            current: current.map(str::to_string),
            cursor: 0,
            focus: true,
        }
    }
}

/// What a note being written is attached to.
#[derive(Debug, Clone, PartialEq)]
pub enum NoteTarget {
    /// A new note (its content without body and colour yet).
    New(Target, NoteContent),
    /// A stored note (its id).
    Existing(i64, Target),
}

/// A note being written.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteDraft {
    pub target: NoteTarget,
    pub body: String,
    pub colour: String,
    focus: bool,
}

impl NoteDraft {
    pub fn new(target: NoteTarget, body: &str, colour: &str) -> NoteDraft {
        NoteDraft {
            target,
            body: body.to_string(),
            colour: colour.to_string(),
            focus: true,
        }
    }

    fn is_highlight(&self) -> bool {
        matches!(
            self.target,
            NoteTarget::New(Target::Highlight, _) | NoteTarget::Existing(_, Target::Highlight)
        )
    }
}

/// The features matching a query (by name, alias or spelling), best first, without `skip`.
pub fn candidates(src: &dyn Source, query: &str, skip: Option<&str>) -> Vec<usize> {
    if query.trim().is_empty() {
        return Vec::new();
    }
    let mut out: Vec<usize> = src
        .search(query, LIMIT + 1)
        .into_iter()
        .filter_map(|h| match h.target {
            HitTarget::Feature(f) => Some(f),
            HitTarget::Passage(_) => None,
        })
        .filter(|&f| {
            src.features()
                .get(f)
                .is_some_and(|x| Some(x.id.as_str()) != skip)
        })
        .collect();
    out.dedup();
    out.truncate(LIMIT);
    out
}

enum Outcome {
    Open,
    Close,
    Done(Command),
}

impl Reading {
    /// The open dialog, if any, over everything else; what it decides goes to `out`.
    pub fn dialogs(&mut self, ui: &mut Ui, src: &dyn Source, out: &mut Vec<Command>) {
        let Some(dialog) = self.dialog.as_mut() else {
            return;
        };
        let outcome = match dialog {
            Dialog::Picker(p) => picker_ui(ui, src, p),
            Dialog::Note(n) => note_ui(ui, n),
        };
        match outcome {
            Outcome::Open => {}
            Outcome::Close => self.dialog = None,
            Outcome::Done(cmd) => {
                self.dialog = None;
                out.push(cmd);
            }
        }
    }
}

fn picker_ui(ui: &mut Ui, src: &dyn Source, p: &mut PickerState) -> Outcome {
    let list = candidates(src, &p.query, p.current.as_deref());
    let mut outcome = Outcome::Open;
    let modal = Modal::new(Id::unique("caspian-atlas-place-picker")).show(ui.ctx(), |ui| {
        ui.set_width(380.0);
        ui.heading("Choose the place");
        ui.label(RichText::new(format!("“{}”", shown(ui, &p.draft.surface))).italics());
        ui.horizontal_wrapped(|ui| {
            ui.label("Apply to:");
            for scope in [Scope::Mention, Scope::Document, Scope::Everywhere] {
                ui.radio_value(&mut p.draft.scope, scope, scope_label(scope));
            }
        });
        let edit = ui.add(
            egui::TextEdit::singleline(&mut p.query)
                .hint_text("Search every place…")
                .desired_width(f32::INFINITY),
        );
        edit.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Search places")
        });
        if p.focus {
            edit.request_focus();
            p.focus = false;
        }
        if edit.changed() {
            p.cursor = 0;
        }
        let (down, up, enter) = ui.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
                i.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
                i.consume_key(egui::Modifiers::NONE, Key::Enter),
            )
        });
        if down && p.cursor + 1 < list.len() {
            p.cursor += 1;
        }
        if up {
            p.cursor = p.cursor.saturating_sub(1);
        }
        let mut chosen = enter.then(|| list.get(p.cursor).copied()).flatten();
        ui.separator();
        if list.is_empty() {
            ui.label(RichText::new("No place matches: type another name.").weak());
        }
        for (k, &f) in list.iter().enumerate() {
            let Some(feature) = src.features().get(f) else {
                continue;
            };
            let label = format!("{} — {}", shown(ui, &feature.name), feature.kind.label());
            let r = ui.selectable_label(k == p.cursor, label);
            if r.clicked() {
                chosen = Some(f);
            }
            if r.hovered() {
                p.cursor = k;
            }
        }
        ui.separator();
        ui.horizontal(|ui| {
            if ui.button("Cancel").clicked() {
                outcome = Outcome::Close;
            }
            ui.label(
                RichText::new("Up and Down to move, Enter to choose")
                    .small()
                    .weak(),
            );
        });
        if let Some(feature) = chosen.and_then(|f| src.features().get(f)) {
            let mut c = p.draft.clone();
            c.action = Action::LinkTo(feature.id.clone());
            outcome = Outcome::Done(Command::Correct(c));
        }
    });
    if modal.should_close() && matches!(outcome, Outcome::Open) {
        outcome = Outcome::Close;
    }
    outcome
}

fn note_ui(ui: &mut Ui, n: &mut NoteDraft) -> Outcome {
    let mut outcome = Outcome::Open;
    let modal = Modal::new(Id::unique("caspian-atlas-note-editor")).show(ui.ctx(), |ui| {
        ui.set_width(420.0);
        let title = match &n.target {
            NoteTarget::New(Target::Highlight, _) => "Note on the highlight",
            NoteTarget::New(Target::Passage, _) => "Note on the passage",
            NoteTarget::New(Target::Feature, _) => "Note on the place",
            NoteTarget::Existing(..) => "Edit note",
        };
        ui.heading(title);
        if let NoteTarget::New(Target::Highlight, c) = &n.target {
            ui.label(RichText::new(format!("“{}”", shown(ui, &c.quote))).italics());
        }
        let edit = ui.add(
            egui::TextEdit::multiline(&mut n.body)
                .hint_text("Your note (Markdown)")
                .desired_rows(5)
                .desired_width(f32::INFINITY),
        );
        edit.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Note"));
        if n.focus {
            edit.request_focus();
            n.focus = false;
        }
        if n.is_highlight() {
            ui.horizontal(|ui| {
                ui.label("Colour");
                for (name, value) in COLOURS {
                    let fill = highlight_colour(value, ui.visuals().dark_mode);
                    let on = n.colour == value;
                    let text =
                        RichText::new(if on { " on " } else { "     " }).background_color(fill);
                    let r = ui.add(egui::Button::new(text).selected(on));
                    r.widget_info(|| {
                        egui::WidgetInfo::selected(egui::Role::RadioButton, true, on, name)
                    });
                    if r.clicked() {
                        n.colour = value.to_string();
                    }
                }
            });
        }
        ui.horizontal(|ui| {
            let blank = n.body.trim().is_empty() && !n.is_highlight();
            if ui.add_enabled(!blank, egui::Button::new("Save")).clicked() {
                outcome = Outcome::Done(match &n.target {
                    NoteTarget::New(target, content) => Command::AddNote(
                        *target,
                        NoteContent {
                            body: n.body.trim_end().to_string(),
                            colour: n.colour.clone(),
                            ..content.clone()
                        },
                    ),
                    NoteTarget::Existing(id, _) => Command::EditNote {
                        id: *id,
                        body: n.body.trim_end().to_string(),
                        colour: n.colour.clone(),
                    },
                });
            }
            if ui.button("Cancel").clicked() {
                outcome = Outcome::Close;
            }
        });
    });
    if modal.should_close() && matches!(outcome, Outcome::Open) {
        outcome = Outcome::Close;
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picker_starts_from_the_corrected_words() {
        let draft = Correction {
            scope: Scope::Mention,
            document: "d".into(),
            passage: "d#p0".into(),
            start: 5,
            end: 10,
            surface: "Shaki".into(),
            action: Action::NotAPlace,
        };
        let p = PickerState::new(draft, Some("sheki"));
        assert_eq!(p.query, "Shaki");
        assert_eq!(p.current.as_deref(), Some("sheki"));
        assert_eq!(p.cursor, 0);
    }
}
