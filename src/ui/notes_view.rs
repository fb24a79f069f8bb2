//! The Notes view: the reader's notes and highlights listed by document or by feature, a filter
//! box, Markdown bodies rendered, each note a link back to its passage or feature, edit and
//! remove; highlights whose words can no longer be found are listed apart, never dropped.

use egui::{Color32, RichText, Ui};

use super::command::Command;
use super::reading::Reading;
use super::source::Source;
use crate::corpus::anchor::Anchor;
use crate::library::notes::{Note, Target};
use crate::links::fold::fold_str;

/// The colours a note can take (the reader's highlight palette): name and hex.
pub const COLOURS: [(&str, &str); 5] = [
    ("yellow", "#f2d14b"),
    ("green", "#8fd18f"),
    ("blue", "#8ec5ff"),
    ("pink", "#f4a3c8"),
    ("orange", "#f5a65b"),
];

/// A note's colour: `#rrggbb`, or one of the [`COLOURS`] names; yellow otherwise.
pub fn colour(s: &str) -> Color32 {
    let s = s.trim();
    let hex = COLOURS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(s))
        .map_or(s, |(_, hex)| hex);
    let parsed = hex
        .strip_prefix('#')
        .filter(|h| h.len() == 6)
        .and_then(|h| u32::from_str_radix(h, 16).ok());
    match parsed {
        Some(v) => Color32::from_rgb((v >> 16) as u8, (v >> 8) as u8, v as u8),
        None => Color32::from_rgb(0xf2, 0xd1, 0x4b),
    }
}

/// Where a note is, in the data the window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// On a passage (index), with the highlighted span when it is a highlight.
    Passage {
        passage: usize,
        span: Option<(usize, usize)>,
    },
    /// On a feature (index).
    Feature(usize),
    /// It cannot be placed any more (why).
    Lost(&'static str),
}

/// Find a note in `src`: a highlight by its quote and context ([`Anchor::locate`]).
pub fn place(note: &Note, src: &dyn Source) -> Place {
    let c = &note.content;
    match note.target {
        Target::Feature => match c.feature.as_deref().and_then(|f| src.feature_index(f)) {
            Some(f) => Place::Feature(f),
            None => Place::Lost("its place is no longer in the atlas"),
        },
        Target::Passage | Target::Highlight => {
            let Some(pi) = c.passage.as_deref().and_then(|p| src.passage_index(p)) else {
                return Place::Lost("its passage is no longer in the library");
            };
            if note.target == Target::Passage {
                return Place::Passage {
                    passage: pi,
                    span: None,
                };
            }
            let anchor = Anchor {
                quote: c.quote.clone(),
                prefix: c.prefix.clone(),
                suffix: c.suffix.clone(),
                start: 0,
            };
            match src.passages().get(pi).and_then(|p| anchor.locate(&p.text)) {
                Some(found) => Place::Passage {
                    passage: pi,
                    span: Some(found.span()),
                },
                None => Place::Lost("its words are no longer in the passage"),
            }
        }
    }
}

/// A heading of the list and its notes (indices into [`Source::notes`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub title: String,
    pub notes: Vec<usize>,
}

/// Whether a note matches a filter (folded words of its body, quote, document or feature).
pub fn matches(note: &Note, src: &dyn Source, folded_query: &str) -> bool {
    if folded_query.is_empty() {
        return true;
    }
    let c = &note.content;
    let doc_title = c
        .passage
        .as_deref()
        .and_then(|p| src.passage_index(p))
        .and_then(|i| src.passages().get(i))
        .and_then(|p| src.document_index(&p.document))
        .and_then(|d| src.documents().get(d))
        .map(|d| d.title.as_str());
    let feature = c
        .feature
        .as_deref()
        .and_then(|f| src.feature_index(f))
        .and_then(|i| src.features().get(i))
        .map(|f| f.name.as_str());
    [
        Some(c.body.as_str()),
        Some(c.quote.as_str()),
        doc_title,
        feature,
    ]
    .into_iter()
    .flatten()
    .any(|t| fold_str(t).contains(folded_query))
}

/// The notes matching a search (for the search results), oldest first.
pub fn search(src: &dyn Source, query: &str) -> Vec<usize> {
    let q = fold_str(query.trim());
    if q.is_empty() {
        return Vec::new();
    }
    (0..src.notes().len())
        .filter(|&i| src.notes().get(i).is_some_and(|n| matches(n, src, &q)))
        .collect()
}

/// A group's sort key and title: (document index or 0 / `usize::MAX`, title).
type GroupKey = (usize, String);
/// A note in its group: (paragraph, start in it, note index).
type Ordered = (usize, usize, usize);

/// The notes that pass `filter`, grouped by document (in reading order, notes on places last)
/// or by feature (by name; a note on a passage under every place it or its highlight names),
/// and the notes that can no longer be placed.
pub fn groups(src: &dyn Source, by_feature: bool, filter: &str) -> (Vec<Group>, Vec<usize>) {
    let q = fold_str(filter.trim());
    let mut lost = Vec::new();
    // (sort key, title) -> notes with their order inside the group
    let mut keyed: Vec<(GroupKey, Vec<Ordered>)> = Vec::new();
    let mut push = |key: GroupKey, note: usize, order: (usize, usize)| {
        let entry = (order.0, order.1, note);
        match keyed.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(entry),
            None => keyed.push((key, vec![entry])),
        }
    };
    for (i, note) in src.notes().iter().enumerate() {
        if !matches(note, src, &q) {
            continue;
        }
        match place(note, src) {
            Place::Lost(_) => lost.push(i),
            Place::Feature(f) => {
                let name = src.features().get(f).map_or("", |f| f.name.as_str());
                if by_feature {
                    push((0, name.to_string()), i, (0, 0));
                } else {
                    push((usize::MAX, "Notes on places".into()), i, (f, 0));
                }
            }
            Place::Passage { passage, span } => {
                let Some(p) = src.passages().get(passage) else {
                    continue;
                };
                let order = (p.index, span.map_or(0, |s| s.0));
                if by_feature {
                    let mut names: Vec<String> = src
                        .mentions(passage)
                        .iter()
                        .filter(|m| span.is_none_or(|(s, e)| m.start < e && m.end > s))
                        .filter_map(|m| src.feature_index(&m.feature))
                        .filter_map(|f| src.features().get(f))
                        .map(|f| f.name.clone())
                        .collect();
                    names.sort();
                    names.dedup();
                    if names.is_empty() {
                        names.push("No place named".into());
                    }
                    for n in names {
                        push((0, n), i, order);
                    }
                } else {
                    let d = src.document_index(&p.document).unwrap_or(usize::MAX - 1);
                    let title = src
                        .documents()
                        .get(d)
                        .map_or_else(|| p.document.clone(), |d| d.title.clone());
                    push((d, title), i, order);
                }
            }
        }
    }
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    let groups = keyed
        .into_iter()
        .map(|((_, title), mut notes)| {
            notes.sort();
            Group {
                title,
                notes: notes.into_iter().map(|(_, _, n)| n).collect(),
            }
        })
        .collect();
    (groups, lost)
}

/// The Notes view's own state.
#[derive(Debug, Default)]
pub struct NotesView {
    /// The filter box.
    pub filter: String,
    /// Group by feature instead of by document.
    pub by_feature: bool,
    /// The note being edited: id, body, colour.
    pub(crate) editing: Option<(i64, String, String)>,
    /// The note whose removal waits for a confirmation.
    pub(crate) confirm_remove: Option<i64>,
}

impl Reading {
    /// The Notes tab.
    pub fn notes_ui(&mut self, ui: &mut Ui, src: &dyn Source, out: &mut Vec<Command>) {
        let view = &mut self.notes_view;
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Filter");
            ui.add(
                egui::TextEdit::singleline(&mut view.filter)
                    .hint_text("words of a note, quote, document or place")
                    .desired_width(220.0),
            )
            .labelled_by(label.id);
            ui.radio_value(&mut view.by_feature, false, "By document");
            ui.radio_value(&mut view.by_feature, true, "By place");
        });
        let (groups, lost) = groups(src, view.by_feature, &view.filter);
        let total = src.notes().len();
        let mut listed: Vec<usize> = groups.iter().flat_map(|g| g.notes.clone()).collect();
        listed.extend(&lost);
        listed.sort_unstable();
        listed.dedup();
        let count = if view.filter.trim().is_empty() {
            format!("{total} note{}", super::card::plural(total))
        } else {
            format!("{} of {total} notes match", listed.len())
        };
        ui.label(RichText::new(count).strong());
        if total == 0 {
            ui.label(
                "None yet. Select words in the reader to highlight them and add a note, or add \
                 a note to a passage or a place from its menu. Notes are saved at once.",
            );
            return;
        }
        egui::ScrollArea::vertical()
            .id_salt("notes-scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if !lost.is_empty() {
                    ui.heading(format!("Could not be placed ({})", lost.len()));
                    ui.label(
                        RichText::new(
                            "Their words are no longer where they were (the text changed or \
                             was removed); they are kept here with their quote.",
                        )
                        .weak(),
                    );
                    for &i in &lost {
                        if let Some(n) = src.notes().get(i) {
                            view.note_ui(ui, src, n, out);
                        }
                    }
                    ui.separator();
                }
                for g in &groups {
                    ui.heading(&g.title);
                    for &i in &g.notes {
                        if let Some(n) = src.notes().get(i) {
                            ui.push_id((&g.title, i), |ui| view.note_ui(ui, src, n, out));
                        }
                    }
                    ui.separator();
                }
            });
    }
}

impl NotesView {
    fn note_ui(&mut self, ui: &mut Ui, src: &dyn Source, note: &Note, out: &mut Vec<Command>) {
        let c = &note.content;
        let place = place(note, src);
        ui.horizontal_wrapped(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, colour(&c.colour));
            self.link_back(ui, src, note, place, out);
        });
        if !c.quote.is_empty() {
            let quote = super::text::shown(ui, &format!("\u{201c}{}\u{201d}", c.quote));
            ui.label(RichText::new(quote).italics());
        }
        if let Place::Lost(why) = place {
            ui.label(RichText::new(format!("Could not be placed: {why}.")).weak());
        }
        let editing = self
            .editing
            .as_ref()
            .is_some_and(|(id, _, _)| *id == note.id);
        if editing {
            self.edit_ui(ui, out);
        } else if !c.body.trim().is_empty() {
            super::markdown::show(ui, note.id, &c.body);
        }
        ui.horizontal(|ui| {
            if !editing && ui.small_button("Edit").clicked() {
                self.editing = Some((note.id, c.body.clone(), c.colour.clone()));
            }
            if self.confirm_remove == Some(note.id) {
                ui.label("Remove this note?");
                if ui.small_button("Remove").clicked() {
                    out.push(Command::RemoveNote(note.id));
                    self.confirm_remove = None;
                }
                if ui.small_button("Keep").clicked() {
                    self.confirm_remove = None;
                }
            } else if ui.small_button("Remove\u{2026}").clicked() {
                self.confirm_remove = Some(note.id);
            }
            ui.label(RichText::new(&note.updated_at).weak().small());
        });
        ui.add_space(6.0);
    }

    /// What the note is on, as a link back to it.
    fn link_back(
        &self,
        ui: &mut Ui,
        src: &dyn Source,
        note: &Note,
        place: Place,
        out: &mut Vec<Command>,
    ) {
        let what = match note.target {
            Target::Highlight => "Highlight",
            Target::Passage => "Note",
            Target::Feature => "Note on",
        };
        match place {
            Place::Passage { passage, .. } => {
                let Some(p) = src.passages().get(passage) else {
                    return;
                };
                let title = src
                    .document_index(&p.document)
                    .and_then(|d| src.documents().get(d))
                    .map_or(p.document.as_str(), |d| d.title.as_str());
                ui.label(format!("{what} \u{b7}"));
                if ui
                    .link(format!("\u{b6} {} of {title}", p.index + 1))
                    .on_hover_text("Open in the reader")
                    .clicked()
                {
                    out.push(Command::OpenPassage(p.id.clone()));
                }
            }
            Place::Feature(f) => {
                let Some(feature) = src.features().get(f) else {
                    return;
                };
                ui.label(what);
                if ui
                    .link(&feature.name)
                    .on_hover_text("Select it and show it on the map")
                    .clicked()
                {
                    out.push(Command::SelectFeature(feature.id.clone()));
                    out.push(Command::FlyToFeature(feature.id.clone()));
                }
            }
            Place::Lost(_) => {
                let on = note
                    .content
                    .passage
                    .clone()
                    .or_else(|| note.content.feature.clone())
                    .unwrap_or_default();
                ui.label(format!("{what} \u{b7} {on}"));
            }
        }
    }

    fn edit_ui(&mut self, ui: &mut Ui, out: &mut Vec<Command>) {
        let Some((id, body, colour_name)) = self.editing.as_mut() else {
            return;
        };
        ui.add(
            egui::TextEdit::multiline(body)
                .desired_rows(4)
                .desired_width(f32::INFINITY)
                .hint_text("Markdown: *emphasis*, **strong**, - lists, [links](https://…)"),
        );
        ui.horizontal(|ui| {
            ui.label("Colour");
            for (name, hex) in COLOURS {
                let chosen = colour(colour_name) == colour(hex);
                let (rect, resp) =
                    ui.allocate_exact_size(egui::vec2(18.0, 18.0), egui::Sense::click());
                ui.painter().rect_filled(rect.shrink(2.0), 3.0, colour(hex));
                if chosen {
                    ui.painter().rect_stroke(
                        rect,
                        3.0,
                        egui::Stroke::new(2.0, ui.visuals().strong_text_color()),
                        egui::StrokeKind::Inside,
                    );
                }
                if resp.on_hover_text(name).clicked() {
                    *colour_name = hex.to_string();
                }
            }
        });
        let id = *id;
        let mut done = false;
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                out.push(Command::EditNote {
                    id,
                    body: body.clone(),
                    colour: colour_name.clone(),
                });
                done = true;
            }
            if ui.button("Cancel").clicked() {
                done = true;
            }
        });
        if done {
            self.editing = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_from_hex_and_names_with_a_fallback() {
        assert_eq!(colour("#102030"), Color32::from_rgb(0x10, 0x20, 0x30));
        assert_eq!(colour("Green"), colour("#8fd18f"));
        assert_eq!(colour("not a colour"), colour("yellow"));
    }
}
