//! What the reader does with a passage's words: the actions its menus offer (correct a link,
//! highlight, note, copy), the highlights and notes found again in a passage, and turning an
//! action into the `Command`s the app applies (or into a dialog of `ui::picker`).

use egui::{Color32, RichText, Ui};

use super::annotate_text::{Marks, MentionStyle, TextResponse, show_text};
use super::command::Command;
use super::picker::{Dialog, NoteDraft, NoteTarget, PickerState};
use super::reading::Reading;
use super::source::Source;
use crate::corpus::anchor::Anchor;
use crate::export::cite;
use crate::library::notes::{Note, NoteContent, Target};
use crate::links::correct::{Action, Correction, Scope};

/// The highlight colours offered: (name shown, stored value).
pub const COLOURS: [(&str, &str); 4] = [
    ("Yellow", "#ffe066"),
    ("Green", "#a8e6a1"),
    ("Blue", "#a6d4ff"),
    ("Pink", "#ffb3d1"),
];

/// The colour a highlight is drawn in: its stored `#rrggbb`, yellow when unreadable; softened
/// in dark mode so light text stays readable on it.
pub fn highlight_colour(stored: &str, dark: bool) -> Color32 {
    let parsed = stored
        .strip_prefix('#')
        .filter(|h| h.len() == 6)
        .and_then(|h| u32::from_str_radix(h, 16).ok())
        .map(|v| Color32::from_rgb((v >> 16) as u8, (v >> 8) as u8, v as u8));
    let c = parsed.unwrap_or(Color32::from_rgb(0xff, 0xe0, 0x66));
    if dark {
        let dim = |v: u8| (f32::from(v) * 0.45) as u8;
        Color32::from_rgb(dim(c.r()), dim(c.g()), dim(c.b()))
    } else {
        c
    }
}

/// One highlight found again in a passage's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// Byte span in the passage text.
    pub start: usize,
    pub end: usize,
    pub colour: Color32,
    /// The note's library id.
    pub note: i64,
    /// The note's body (may be empty).
    pub body: String,
}

/// The highlights of passage `p` re-anchored in its text (quote + context); those whose words
/// are gone are left out here (the Notes view reports them).
pub fn highlights(src: &dyn Source, p: usize, dark: bool) -> Vec<Mark> {
    let Some(passage) = src.passages().get(p) else {
        return Vec::new();
    };
    let mut out: Vec<Mark> = src
        .notes()
        .iter()
        .filter(|n| {
            n.target == Target::Highlight && n.content.passage.as_deref() == Some(&passage.id)
        })
        .filter_map(|n| {
            let anchor = Anchor {
                quote: n.content.quote.clone(),
                prefix: n.content.prefix.clone(),
                suffix: n.content.suffix.clone(),
                start: 0,
            };
            let (start, end) = anchor.locate(&passage.text)?.span();
            Some(Mark {
                start,
                end,
                colour: highlight_colour(&n.content.colour, dark),
                note: n.id,
                body: n.content.body.clone(),
            })
        })
        .collect();
    out.sort_by_key(|m| (m.start, m.end));
    out
}

/// The notes on passage `p` as a whole.
pub fn passage_notes(src: &dyn Source, p: usize) -> Vec<&Note> {
    let Some(passage) = src.passages().get(p) else {
        return Vec::new();
    };
    src.notes()
        .iter()
        .filter(|n| {
            n.target == Target::Passage && n.content.passage.as_deref() == Some(&passage.id)
        })
        .collect()
}

/// The notes on a feature.
pub fn feature_notes<'a>(src: &'a dyn Source, feature: &str) -> Vec<&'a Note> {
    src.notes()
        .iter()
        .filter(|n| n.target == Target::Feature && n.content.feature.as_deref() == Some(feature))
        .collect()
}

/// What the reader asked for in a passage's text (byte spans into that text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextAction {
    /// "Not a place" on a mention (index into the passage's mentions).
    NotAPlace { mention: usize, scope: Scope },
    /// "Not this place: choose another…" on a mention: open the picker.
    ChooseAnother { mention: usize },
    /// "Link to a place…" on selected words: open the picker.
    LinkSelection { start: usize, end: usize },
    /// Highlight the words in a colour (stored value), no note.
    Highlight {
        start: usize,
        end: usize,
        colour: &'static str,
    },
    /// Highlight the words and write a note: open the note editor.
    HighlightWithNote { start: usize, end: usize },
    /// Copy the words.
    Copy { start: usize, end: usize },
    /// Copy the words as a quotation with the passage's citation.
    CopyWithCitation { start: usize, end: usize },
    /// Edit a stored note (highlight or passage note): open the note editor.
    EditNote { note: i64 },
    /// Give a stored highlight another colour.
    Recolour { note: i64, colour: &'static str },
    /// Remove a stored note or highlight.
    RemoveNote { note: i64 },
    /// "Add note…" on the passage.
    AddPassageNote,
    /// Copy the passage's citation (Chicago author-date, with paragraph and passage id).
    CopyCitation,
}

/// The words the reader chose, without white space at either end; `None` when nothing is left.
pub fn trimmed(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let words = text.get(start..end)?;
    let lead = words.len() - words.trim_start().len();
    let tail = words.len() - words.trim_end().len();
    let (s, e) = (start + lead, end - tail);
    (s < e).then_some((s, e))
}

/// The menu of a linked name.
pub fn mention_menu(
    ui: &mut Ui,
    mention: usize,
    surface: &str,
    feature: Option<&str>,
    corrected: bool,
    actions: &mut Vec<TextAction>,
) {
    let to = feature.map_or_else(String::new, |f| format!(", linked to {f}"));
    ui.label(RichText::new(format!("“{surface}”{to}")).weak());
    if corrected {
        ui.label(RichText::new("Linked by your correction").small().weak());
    }
    if ui.button("Not this place: choose another…").clicked() {
        actions.push(TextAction::ChooseAnother { mention });
    }
    ui.menu_button("Not a place", |ui| {
        for scope in [Scope::Mention, Scope::Document, Scope::Everywhere] {
            if ui.button(scope_label(scope)).clicked() {
                actions.push(TextAction::NotAPlace { mention, scope });
            }
        }
    });
}

/// How a scope reads in a menu.
pub fn scope_label(scope: Scope) -> &'static str {
    match scope {
        Scope::Mention => "This mention",
        Scope::Document => "Everywhere in this document",
        Scope::Everywhere => "Everywhere, in every text",
    }
}

/// The actions on selected words (the bar under a selection and its right-click menu).
pub fn selection_menu(ui: &mut Ui, start: usize, end: usize, actions: &mut Vec<TextAction>) {
    if ui
        .button("Link to a place…")
        .on_hover_text("These words name a place: choose it")
        .clicked()
    {
        actions.push(TextAction::LinkSelection { start, end });
    }
    ui.horizontal(|ui| {
        ui.label("Highlight");
        for (name, value) in COLOURS {
            let fill = highlight_colour(value, ui.visuals().dark_mode);
            let b = egui::Button::new(RichText::new("   ").background_color(fill))
                .min_size(egui::vec2(18.0, 16.0));
            let r = ui
                .add(b)
                .on_hover_text(format!("Highlight in {}", name.to_lowercase()));
            r.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Highlight {name}"))
            });
            if r.clicked() {
                actions.push(TextAction::Highlight {
                    start,
                    end,
                    colour: value,
                });
            }
        }
    });
    if ui.button("Highlight with note…").clicked() {
        actions.push(TextAction::HighlightWithNote { start, end });
    }
    if ui.button("Copy").clicked() {
        actions.push(TextAction::Copy { start, end });
    }
    if ui.button("Copy with citation").clicked() {
        actions.push(TextAction::CopyWithCitation { start, end });
    }
}

/// The menu of a stored highlight.
pub fn highlight_menu(ui: &mut Ui, note: i64, actions: &mut Vec<TextAction>) {
    if ui.button("Edit note…").clicked() {
        actions.push(TextAction::EditNote { note });
    }
    ui.menu_button("Change colour", |ui| {
        for (name, value) in COLOURS {
            if ui.button(name).clicked() {
                actions.push(TextAction::Recolour {
                    note,
                    colour: value,
                });
            }
        }
    });
    if ui.button("Remove highlight").clicked() {
        actions.push(TextAction::RemoveNote { note });
    }
}

/// The menu of a passage (right-click on its words with nothing selected).
pub fn passage_menu(ui: &mut Ui, len: usize, actions: &mut Vec<TextAction>) {
    if ui.button("Add note…").clicked() {
        actions.push(TextAction::AddPassageNote);
    }
    if ui.button("Copy citation").clicked() {
        actions.push(TextAction::CopyCitation);
    }
    if ui.button("Copy passage with citation").clicked() {
        actions.push(TextAction::CopyWithCitation { start: 0, end: len });
    }
}

/// The first line of a note, clipped, for a marker.
fn note_line(body: &str) -> String {
    let line = body
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    match line.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", line.get(..cut).unwrap_or(line)),
        None => line.to_string(),
    }
}

/// The markers of notes (on a passage or a feature): the note's first line, the whole note on
/// hover, edit and remove on right-click.
pub fn note_markers(ui: &mut Ui, notes: &[&Note], actions: &mut Vec<TextAction>) {
    for n in notes {
        let r = egui::Frame::new()
            .fill(ui.visuals().faint_bg_color)
            .inner_margin(egui::Margin::symmetric(4, 1))
            .corner_radius(3.0)
            .show(ui, |ui| {
                let text = format!(
                    "Note: {}",
                    super::text::shown(ui, &note_line(&n.content.body))
                );
                ui.add(
                    egui::Label::new(RichText::new(text).small().italics())
                        .selectable(false)
                        .sense(egui::Sense::click()),
                )
            })
            .inner;
        let r = r.on_hover_ui(|ui| {
            ui.label(RichText::new("Note").strong());
            ui.label(super::text::shown(ui, &n.content.body));
            ui.label(
                RichText::new("Right-click to edit or remove")
                    .small()
                    .weak(),
            );
        });
        r.context_menu(|ui| {
            if ui.button("Edit note…").clicked() {
                actions.push(TextAction::EditNote { note: n.id });
            }
            if ui.button("Remove note").clicked() {
                actions.push(TextAction::RemoveNote { note: n.id });
            }
        });
    }
}

impl Reading {
    /// Passage `p`'s text with the reader's highlights, corrected names and notes, its menus'
    /// actions carried out. The caller handles clicks and hovers on names.
    pub fn passage_text(
        &mut self,
        ui: &mut Ui,
        src: &dyn Source,
        p: usize,
        style: &MentionStyle<'_>,
        out: &mut Vec<Command>,
    ) -> TextResponse {
        let Some(passage) = src.passages().get(p) else {
            return TextResponse::default();
        };
        let mentions = src.mentions(p);
        let marked = highlights(src, p, ui.visuals().dark_mode);
        let corrected: Vec<bool> = mentions
            .iter()
            .map(|m| src.is_corrected(p, m.start))
            .collect();
        let names = |i: usize| {
            let f = mentions
                .get(i)
                .and_then(|m| src.feature_index(&m.feature))?;
            src.features().get(f).map(|f| f.name.clone())
        };
        let marks = Marks {
            highlights: &marked,
            corrected: &corrected,
            names: Some(&names),
        };
        let mut r = show_text(ui, &passage.id, &passage.text, mentions, &[], style, &marks);
        note_markers(ui, &passage_notes(src, p), &mut r.actions);
        for a in std::mem::take(&mut r.actions) {
            self.annotate(ui.ctx(), src, p, a, out);
        }
        r
    }

    /// Carry out what the reader asked for in passage `p`: a correction or a note becomes a
    /// command, a choice opens a dialog, a copy goes to the clipboard.
    pub fn annotate(
        &mut self,
        ctx: &egui::Context,
        src: &dyn Source,
        p: usize,
        action: TextAction,
        out: &mut Vec<Command>,
    ) {
        let Some(passage) = src.passages().get(p) else {
            self.note_action(src, action, out);
            return;
        };
        let text = passage.text.as_str();
        let doc = src
            .document_index(&passage.document)
            .and_then(|d| src.documents().get(d));
        let draft = |start: usize, end: usize| -> Option<Correction> {
            let (s, e) = trimmed(text, start, end)?;
            Some(Correction {
                scope: Scope::Mention,
                document: passage.document.clone(),
                passage: passage.id.clone(),
                start: s,
                end: e,
                surface: text.get(s..e)?.to_string(),
                action: Action::NotAPlace,
            })
        };
        match action {
            TextAction::NotAPlace { mention, scope } => {
                if let Some(m) = src.mentions(p).get(mention)
                    && let Some(mut c) = draft(m.start, m.end)
                {
                    c.scope = scope;
                    out.push(Command::Correct(c));
                }
            }
            TextAction::ChooseAnother { mention } => {
                if let Some(m) = src.mentions(p).get(mention)
                    && let Some(c) = draft(m.start, m.end)
                {
                    self.dialog = Some(Dialog::Picker(PickerState::new(c, Some(&m.feature))));
                }
            }
            TextAction::LinkSelection { start, end } => {
                if let Some(c) = draft(start, end) {
                    self.dialog = Some(Dialog::Picker(PickerState::new(c, None)));
                }
            }
            TextAction::Highlight { start, end, colour } => {
                if let Some(content) = highlight_content(&passage.id, text, start, end, colour) {
                    out.push(Command::AddNote(Target::Highlight, content));
                }
            }
            TextAction::HighlightWithNote { start, end } => {
                if let Some(content) =
                    highlight_content(&passage.id, text, start, end, COLOURS[0].1)
                {
                    self.dialog = Some(Dialog::Note(NoteDraft::new(
                        NoteTarget::New(Target::Highlight, content),
                        "",
                        COLOURS[0].1,
                    )));
                }
            }
            TextAction::Copy { start, end } => {
                if let Some((s, e)) = trimmed(text, start, end)
                    && let Some(words) = text.get(s..e)
                {
                    ctx.copy_text(words.to_string());
                }
            }
            TextAction::CopyWithCitation { start, end } => {
                if let (Some(d), Some((s, e))) = (doc, trimmed(text, start, end))
                    && let Some(words) = text.get(s..e)
                {
                    ctx.copy_text(format!(
                        "\u{201c}{words}\u{201d} {}\n\n{}",
                        cite::in_text(d, passage),
                        cite::passage_citation(d, passage, cite::Markup::Plain)
                    ));
                }
            }
            TextAction::CopyCitation => {
                if let Some(d) = doc {
                    ctx.copy_text(cite::passage_citation(d, passage, cite::Markup::Plain));
                }
            }
            TextAction::EditNote { .. }
            | TextAction::Recolour { .. }
            | TextAction::RemoveNote { .. } => self.note_action(src, action, out),
            TextAction::AddPassageNote => {
                let content = NoteContent {
                    passage: Some(passage.id.clone()),
                    ..NoteContent::default()
                };
                self.dialog = Some(Dialog::Note(NoteDraft::new(
                    NoteTarget::New(Target::Passage, content),
                    "",
                    "",
                )));
            }
        }
    }

    /// Edit, recolour or remove a stored note (the other actions need their passage).
    pub fn note_action(&mut self, src: &dyn Source, action: TextAction, out: &mut Vec<Command>) {
        let note_of = |id: i64| src.notes().iter().find(|n| n.id == id);
        match action {
            TextAction::EditNote { note } => {
                if let Some(n) = note_of(note) {
                    self.dialog = Some(Dialog::Note(NoteDraft::new(
                        NoteTarget::Existing(n.id, n.target),
                        &n.content.body,
                        &n.content.colour,
                    )));
                }
            }
            TextAction::Recolour { note, colour } => {
                if let Some(n) = note_of(note) {
                    out.push(Command::EditNote {
                        id: n.id,
                        body: n.content.body.clone(),
                        colour: colour.to_string(),
                    });
                }
            }
            TextAction::RemoveNote { note } => out.push(Command::RemoveNote(note)),
            _ => {}
        }
    }

    /// "Add note…" on a feature's card.
    pub fn add_feature_note(&mut self, feature: &str) {
        let content = NoteContent {
            feature: Some(feature.to_string()),
            ..NoteContent::default()
        };
        self.dialog = Some(Dialog::Note(NoteDraft::new(
            NoteTarget::New(Target::Feature, content),
            "",
            "",
        )));
    }
}

/// A highlight's content: the words (trimmed) with their context, in `colour`, no note yet.
pub fn highlight_content(
    passage: &str,
    text: &str,
    start: usize,
    end: usize,
    colour: &str,
) -> Option<NoteContent> {
    let (s, e) = trimmed(text, start, end)?;
    let anchor = Anchor::capture(text, s, e)?;
    Some(NoteContent {
        passage: Some(passage.to_string()),
        feature: None,
        quote: anchor.quote,
        prefix: anchor.prefix,
        suffix: anchor.suffix,
        colour: colour.to_string(),
        body: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trimming_drops_white_space_and_refuses_blank_spans() {
        let text = "from  Baku to Tbilisi ";
        assert_eq!(trimmed(text, 4, 11), Some((6, 10)));
        assert_eq!(trimmed(text, 4, 6), None);
        assert_eq!(trimmed(text, 10, 99), None);
    }

    #[test]
    fn highlight_content_keeps_the_quote_and_its_context() {
        let text = "Trucks from Aktau reach Baku by ferry.";
        let Some(c) = highlight_content("d#p0", text, 11, 18, "#a8e6a1") else {
            panic!("a span of words makes a highlight");
        };
        assert_eq!(c.quote, "Aktau");
        assert_eq!(c.prefix, "Trucks from ");
        assert_eq!(c.suffix, " reach Baku by ferry.");
        assert_eq!(c.passage.as_deref(), Some("d#p0"));
        assert_eq!(c.colour, "#a8e6a1");
    }

    #[test]
    fn colours_parse_and_fall_back_to_yellow() {
        assert_eq!(
            highlight_colour("#a6d4ff", false),
            Color32::from_rgb(0xa6, 0xd4, 0xff)
        );
        assert_eq!(
            highlight_colour("mauve", false),
            Color32::from_rgb(0xff, 0xe0, 0x66)
        );
        assert_ne!(
            highlight_colour("#a6d4ff", true),
            highlight_colour("#a6d4ff", false)
        );
    }
}
