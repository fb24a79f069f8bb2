//! `Reading`: the state of the reading panels (what is selected, open, searched and filtered)
//! and how it follows the commands; the side panel that hosts the card, passages, reader and
//! search; the keyboard.

use egui::{Id, Key, Modifiers, Ui};

use super::command::Command;
use super::source::{PassageHit, SearchHit, Source};
use super::state::{Filters, PassageOrder, SavedState, Tab};

/// The passages of one document in the list for the selection.
#[derive(Debug, Clone, PartialEq)]
pub struct DocGroup {
    /// Index into [`Source::documents`].
    pub document: usize,
    pub hits: Vec<PassageHit>,
}

#[derive(Debug, Clone, PartialEq)]
struct ListKey {
    selected: Option<String>,
    filters: Filters,
    order: PassageOrder,
}

/// The passages listed for the selection, cached until the selection, filters or order change.
#[derive(Debug, Clone, Default)]
pub(crate) struct PassageList {
    key: Option<ListKey>,
    pub groups: Vec<DocGroup>,
    /// Passages listed (after filters).
    pub shown: usize,
    /// Passages mentioning the feature (before filters).
    pub total: usize,
    /// Documents among all mentioning passages.
    pub total_documents: usize,
}

impl PassageList {
    /// The listed passages, in list order.
    pub fn flat(&self) -> impl Iterator<Item = usize> + '_ {
        self.groups
            .iter()
            .flat_map(|g| g.hits.iter().map(|h| h.passage))
    }
}

/// Build the grouped passage list of a feature.
pub fn passage_groups(
    src: &dyn Source,
    feature: usize,
    filters: &Filters,
    order: PassageOrder,
) -> (Vec<DocGroup>, usize, usize) {
    let hits = src.passages_of(feature);
    let total = hits.len();
    let mut all_docs: Vec<&str> = hits
        .iter()
        .filter_map(|h| src.passages().get(h.passage))
        .map(|p| p.document.as_str())
        .collect();
    all_docs.sort_unstable();
    all_docs.dedup();
    let mut groups: Vec<DocGroup> = Vec::new();
    for hit in hits {
        let Some(p) = src.passages().get(hit.passage) else {
            continue;
        };
        let Some(d) = src.document_index(&p.document) else {
            continue;
        };
        let Some(doc) = src.documents().get(d) else {
            continue;
        };
        if !filters.keeps_document(&doc.id, &doc.outlet) {
            continue;
        }
        match groups.iter_mut().find(|g| g.document == d) {
            Some(g) => g.hits.push(hit),
            None => groups.push(DocGroup {
                document: d,
                hits: vec![hit],
            }),
        }
    }
    let pindex = |h: &PassageHit| src.passages().get(h.passage).map_or(0, |p| p.index);
    match order {
        PassageOrder::Relevance => {
            for g in &mut groups {
                g.hits.sort_by(|a, b| {
                    b.score
                        .total_cmp(&a.score)
                        .then_with(|| pindex(a).cmp(&pindex(b)))
                });
            }
            let best = |g: &DocGroup| g.hits.first().map_or(0.0, |h| h.score);
            groups.sort_by(|a, b| {
                best(b)
                    .total_cmp(&best(a))
                    .then_with(|| a.document.cmp(&b.document))
            });
        }
        PassageOrder::Reading => {
            for g in &mut groups {
                g.hits.sort_by_key(pindex);
            }
            let key = |g: &DocGroup| {
                src.documents()
                    .get(g.document)
                    .map(|d| (d.date.clone(), d.title.clone(), d.id.clone()))
            };
            groups.sort_by_key(key);
        }
    }
    (groups, total, all_docs.len())
}

/// The state of the reading panels.
#[derive(Debug, Default)]
pub struct Reading {
    /// What is saved between runs.
    pub state: SavedState,
    /// Problems to show the user (e.g. a corrupted saved state).
    /// What the reader did that worked (a text added): shown until dismissed.
    pub notices: Vec<String>,
    pub warnings: Vec<String>,
    /// The search box's text.
    pub query: String,
    pub(crate) results: Vec<SearchHit>,
    results_for: Option<(String, Filters)>,
    pub(crate) focus_search: bool,
    /// Position of the keyboard cursor in the passage list.
    pub(crate) cursor: usize,
    pub(crate) scroll_to_cursor: bool,
    pub(crate) reader_scroll: bool,
    /// The reader's current place: (passage index, mention index in that passage).
    pub(crate) place: Option<(usize, usize)>,
    /// The feature under the pointer in a passage, if any.
    pub hovered: Option<String>,
    pub(crate) list: PassageList,
    pub(crate) list_limit: usize,
    weights: Option<(Filters, Vec<usize>)>,
    /// Set by the app while the pointer is over the map: arrow keys then pan the map and only
    /// the page keys move through passages.
    pub arrows_to_map: bool,
    /// The Library tab is open (the app draws the Library view below the tabs).
    pub library_tab: bool,
    /// The Notes view's filter, grouping and editing.
    pub notes_view: super::notes_view::NotesView,
    /// The notes matching the search box: indices into [`Source::notes`].
    pub(crate) note_results: Vec<usize>,
    /// The open dialog (feature picker of a correction, note editor), drawn by `ui::picker`.
    pub dialog: Option<super::picker::Dialog>,
}

/// The id of the search box, for focus.
pub fn search_box_id() -> Id {
    Id::unique("caspian-atlas-search-box")
}

impl Reading {
    /// The index of the open document, if one is open and known to `src`.
    pub(super) fn open_document_index(&self, src: &dyn Source) -> Option<usize> {
        self.state
            .open_document
            .as_deref()
            .and_then(|d| src.document_index(d))
    }

    /// A reading state restored from a saved one, checked against the data: ids that no longer
    /// exist are dropped with a warning.
    pub fn restore(saved: SavedState, src: &dyn Source) -> Reading {
        let mut r = Reading {
            state: saved,
            ..Reading::default()
        };
        r.validate(src);
        r
    }

    /// Drop saved ids the data no longer has.
    pub fn validate(&mut self, src: &dyn Source) {
        if let Some(id) = self.state.selected.clone()
            && src.feature_index(&id).is_none()
        {
            self.warnings.push(format!(
                "saved selection `{}` is not in the atlas; cleared",
                crate::clip::clip(&id)
            ));
            self.state.selected = None;
        }
        if let Some(id) = self.state.open_document.clone()
            && src.document_index(&id).is_none()
        {
            self.warnings.push(format!(
                "saved document `{}` is not in the corpus; closed",
                crate::clip::clip(&id)
            ));
            self.state.open_document = None;
            self.state.open_passage = None;
        }
        if let Some(id) = self.state.open_passage.clone() {
            let ok = src.passage_index(&id).and_then(|i| src.passages().get(i));
            if ok.is_none_or(|p| Some(&p.document) != self.state.open_document.as_ref()) {
                self.state.open_passage = None;
            }
        }
        let before = self.state.filters.documents.len();
        self.state
            .filters
            .documents
            .retain(|d| src.document_index(d).is_some());
        if self.state.filters.documents.len() != before {
            self.warnings
                .push("saved document filter named unknown documents; they were dropped".into());
        }
        self.reader_scroll = self.state.open_passage.is_some();
    }

    /// Where the keyboard cursor is in the passage list (0 = first listed passage).
    pub fn cursor_position(&self) -> usize {
        self.cursor
    }

    /// The selected feature's index.
    pub fn selected_index(&self, src: &dyn Source) -> Option<usize> {
        self.state
            .selected
            .as_deref()
            .and_then(|id| src.feature_index(id))
    }

    /// Follow a command (after the app applied it to the map).
    pub fn apply(&mut self, cmd: &Command, src: &dyn Source) {
        match cmd {
            Command::SelectFeature(id) => {
                if src.feature_index(id).is_some() {
                    if self.state.selected.as_deref() != Some(id) {
                        self.cursor = 0;
                        self.list_limit = 0;
                    }
                    self.state.selected = Some(id.clone());
                    if self.state.tab == Tab::Search {
                        self.state.tab = Tab::Feature;
                    }
                }
            }
            Command::ClearSelection => {
                self.state.selected = None;
                self.cursor = 0;
            }
            Command::HoverFeature(h) => self.hovered = h.clone(),
            Command::FlyToFeature(_) => {}
            Command::RemoveDocument(id) => {
                if self.state.open_document.as_deref() == Some(id) {
                    self.state.open_document = None;
                    self.state.open_passage = None;
                    self.state.tab = Tab::Feature;
                }
                self.state.filters.documents.retain(|d| d != id);
            }
            Command::OpenPassage(id) => {
                if let Some(p) = src.passage_index(id).and_then(|i| src.passages().get(i)) {
                    self.state.open_document = Some(p.document.clone());
                    self.state.open_passage = Some(p.id.clone());
                    self.state.tab = Tab::Reader;
                    self.library_tab = false;
                    self.reader_scroll = true;
                    self.place = None;
                }
            }
            Command::Correct(_)
            | Command::UndoCorrection(_)
            | Command::AddNote(..)
            | Command::EditNote { .. }
            | Command::RemoveNote(_) => {}
        }
    }

    /// The library changed (a text added or removed): forget everything computed from it.
    pub fn library_changed(&mut self) {
        self.list.key = None;
        self.results_for = None;
        self.place = None;
    }

    /// Recompute the cached passage list when its inputs changed.
    pub(crate) fn refresh_list(&mut self, src: &dyn Source) {
        let key = ListKey {
            selected: self.state.selected.clone(),
            filters: self.state.filters.clone(),
            order: self.state.order,
        };
        if self.list.key.as_ref() == Some(&key) {
            return;
        }
        let (groups, total, total_documents) = match self.selected_index(src) {
            Some(f) => passage_groups(src, f, &self.state.filters, self.state.order),
            None => (Vec::new(), 0, 0),
        };
        let shown = groups.iter().map(|g| g.hits.len()).sum();
        self.list = PassageList {
            key: Some(key),
            groups,
            shown,
            total,
            total_documents,
        };
        self.cursor = self.cursor.min(shown.saturating_sub(1));
    }

    /// The listed passages for the selection: (shown after filters, all).
    pub fn passage_counts(&mut self, src: &dyn Source) -> (usize, usize) {
        self.refresh_list(src);
        (self.list.shown, self.list.total)
    }

    /// The listed passage ids for the selection, in list order.
    pub fn listed_passages(&mut self, src: &dyn Source) -> Vec<String> {
        self.refresh_list(src);
        self.list
            .flat()
            .filter_map(|i| src.passages().get(i).map(|p| p.id.clone()))
            .collect()
    }

    /// Run the search if the query or filters changed.
    pub(crate) fn refresh_search(&mut self, src: &dyn Source) {
        let key = (self.query.clone(), self.state.filters.clone());
        if self.results_for.as_ref() == Some(&key) {
            return;
        }
        let q = self.query.trim();
        self.results = if q.is_empty() {
            Vec::new()
        } else {
            let filters = &self.state.filters;
            src.search(q, 200)
                .into_iter()
                .filter(|h| match h.target {
                    super::source::HitTarget::Feature(f) => src
                        .features()
                        .get(f)
                        .is_some_and(|f| filters.keeps_kind(f.kind)),
                    super::source::HitTarget::Passage(p) => src
                        .passages()
                        .get(p)
                        .and_then(|p| src.document_index(&p.document))
                        .and_then(|d| src.documents().get(d))
                        .is_some_and(|d| filters.keeps_document(&d.id, &d.outlet)),
                })
                .take(60)
                .collect()
        };
        self.note_results = super::notes_view::search(src, q);
        self.results_for = Some(key);
    }

    /// The current search results.
    pub fn search_results(&mut self, src: &dyn Source) -> &[SearchHit] {
        self.refresh_search(src);
        &self.results
    }

    /// How many passages (after the document filters) mention each feature, by feature index:
    /// the weight the map shades by.
    pub fn feature_weights(&mut self, src: &dyn Source) -> &[usize] {
        let stale = self
            .weights
            .as_ref()
            .is_none_or(|(f, w)| *f != self.state.filters || w.len() != src.features().len());
        if stale {
            let filters = &self.state.filters;
            let weights = (0..src.features().len())
                .map(|f| {
                    src.passages_of(f)
                        .iter()
                        .filter_map(|h| src.passages().get(h.passage))
                        .filter(|p| {
                            src.document_index(&p.document)
                                .and_then(|d| src.documents().get(d))
                                .is_some_and(|d| filters.keeps_document(&d.id, &d.outlet))
                        })
                        .count()
                })
                .collect();
            self.weights = Some((filters.clone(), weights));
        }
        self.weights.as_ref().map_or(&[], |(_, w)| w.as_slice())
    }

    /// Keyboard: `Ctrl+F` search, `Esc` clear, arrows and pages through passages.
    pub fn handle_keys(&mut self, ctx: &egui::Context, src: &dyn Source, out: &mut Vec<Command>) {
        if ctx.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::F)) {
            self.focus_search = true;
            self.state.tab = Tab::Search;
        }
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
            && self.state.selected.is_some()
        {
            out.push(Command::ClearSelection);
        }
        // Arrows are for the passages only when there are passages to move through.
        let walkable = match self.state.tab {
            Tab::Feature => self.state.selected.is_some(),
            Tab::Reader => self.state.open_document.is_some(),
            Tab::Search | Tab::Notes | Tab::Corrections => false,
        };
        let arrows = walkable && !self.arrows_to_map;
        let step = ctx.input_mut(|i| {
            let mut s = 0i64;
            if arrows && i.consume_key(Modifiers::NONE, Key::ArrowDown) {
                s += 1;
            }
            if arrows && i.consume_key(Modifiers::NONE, Key::ArrowUp) {
                s -= 1;
            }
            if i.consume_key(Modifiers::NONE, Key::PageDown) {
                s += 5;
            }
            if i.consume_key(Modifiers::NONE, Key::PageUp) {
                s -= 5;
            }
            s
        });
        match self.state.tab {
            Tab::Feature => {
                self.refresh_list(src);
                if step != 0 && self.list.shown > 0 {
                    self.cursor = move_by(self.cursor, step, self.list.shown);
                    self.scroll_to_cursor = true;
                }
                if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter))
                    && let Some(p) = self.list.flat().nth(self.cursor)
                    && let Some(p) = src.passages().get(p)
                {
                    out.push(Command::OpenPassage(p.id.clone()));
                }
            }
            Tab::Reader => {
                if step != 0 {
                    self.move_reader(src, step);
                }
                if !arrows {
                    return;
                }
                let (next, prev) = ctx.input_mut(|i| {
                    (
                        i.consume_key(Modifiers::NONE, Key::ArrowRight),
                        i.consume_key(Modifiers::NONE, Key::ArrowLeft),
                    )
                });
                if next {
                    self.walk_place(src, true, out);
                }
                if prev {
                    self.walk_place(src, false, out);
                }
            }
            Tab::Search | Tab::Notes | Tab::Corrections => {}
        }
    }

    /// Move the reader's passage by `step` passages.
    fn move_reader(&mut self, src: &dyn Source, step: i64) {
        let Some(d) = self.open_document_index(src) else {
            return;
        };
        let order = src.document_passages(d);
        if order.is_empty() {
            return;
        }
        let current = self
            .state
            .open_passage
            .as_deref()
            .and_then(|p| src.passage_index(p))
            .and_then(|p| order.iter().position(|&q| q == p));
        let next = match current {
            Some(c) => move_by(c, step, order.len()),
            None => 0,
        };
        if let Some(p) = order.get(next).and_then(|&p| src.passages().get(p)) {
            self.state.open_passage = Some(p.id.clone());
            self.reader_scroll = true;
        }
    }

    /// Walk to the next (or previous) mention of the open document, in reading order, select
    /// its feature and fly the map there.
    pub fn walk_place(&mut self, src: &dyn Source, forward: bool, out: &mut Vec<Command>) {
        let Some(d) = self.open_document_index(src) else {
            return;
        };
        let places: Vec<(usize, usize)> = src
            .document_passages(d)
            .into_iter()
            .flat_map(|p| (0..src.mentions(p).len()).map(move |m| (p, m)))
            .collect();
        if places.is_empty() {
            return;
        }
        let start = match self
            .place
            .and_then(|pl| places.iter().position(|&q| q == pl))
        {
            Some(i) if forward => (i + 1).min(places.len() - 1),
            Some(i) => i.saturating_sub(1),
            None => {
                // Start from the open passage if there is one.
                let open = self
                    .state
                    .open_passage
                    .as_deref()
                    .and_then(|p| src.passage_index(p));
                let first_in_open = open.and_then(|o| places.iter().position(|&(p, _)| p == o));
                match (first_in_open, forward) {
                    (Some(i), _) => i,
                    (None, true) => 0,
                    (None, false) => places.len() - 1,
                }
            }
        };
        let Some(&(p, m)) = places.get(start) else {
            return;
        };
        self.place = Some((p, m));
        if let Some(passage) = src.passages().get(p) {
            self.state.open_passage = Some(passage.id.clone());
            self.reader_scroll = true;
        }
        if let Some(mention) = src.mentions(p).get(m) {
            out.push(Command::SelectFeature(mention.feature.clone()));
            out.push(Command::FlyToFeature(mention.feature.clone()));
        }
    }

    /// The side panel: tabs, filters, and the open view. Emits commands into `out`.
    pub fn show(&mut self, ui: &mut Ui, src: &dyn Source, out: &mut Vec<Command>) {
        let before = out.len();
        self.show_inner(ui, src, out);
        self.dialogs(ui, src, out);
        // The pointer left every mention and chip: stop highlighting on the map.
        let hovering = out.get(before..).is_some_and(|new| {
            new.iter()
                .any(|c| matches!(c, Command::HoverFeature(Some(_))))
        });
        if !hovering && self.hovered.is_some() {
            out.push(Command::HoverFeature(None));
        }
    }

    fn show_inner(&mut self, ui: &mut Ui, src: &dyn Source, out: &mut Vec<Command>) {
        ui.horizontal_wrapped(|ui| {
            let tabs = [
                (Tab::Feature, "Feature"),
                (Tab::Reader, "Reader"),
                (Tab::Search, "Search results"),
                (Tab::Notes, "Notes"),
                (Tab::Corrections, "Corrections"),
            ];
            for (tab, label) in tabs {
                let on = !self.library_tab && self.state.tab == tab;
                if ui.selectable_label(on, label).clicked() {
                    self.state.tab = tab;
                    self.library_tab = false;
                }
            }
            if ui.selectable_label(self.library_tab, "Library").clicked() {
                self.library_tab = true;
                ui.ctx().request_repaint();
            }
        });
        for w in &self.warnings {
            ui.colored_label(ui.visuals().warn_fg_color, format!("Warning: {w}"));
        }
        let mut dismissed = None;
        for (i, n) in self.notices.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                ui.label(n);
                if ui.small_button("OK").clicked() {
                    dismissed = Some(i);
                }
            });
        }
        if let Some(i) = dismissed
            && i < self.notices.len()
        {
            self.notices.remove(i);
        }
        if self.library_tab {
            return;
        }
        self.filters_ui(ui, src);
        ui.separator();
        match self.state.tab {
            Tab::Feature => {
                egui::ScrollArea::vertical()
                    .id_salt("feature-scroll")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        self.card(ui, src, out);
                        ui.separator();
                        self.passages(ui, src, out);
                    });
            }
            Tab::Reader => self.reader(ui, src, out),
            Tab::Search => self.results_ui(ui, src, out),
            Tab::Notes => self.notes_ui(ui, src, out),
            Tab::Corrections => super::corrections_view::show(ui, src, out),
        }
    }
}

/// Move an index by a step, clamped to `0..len`.
pub(crate) fn move_by(current: usize, step: i64, len: usize) -> usize {
    let target = current as i64 + step;
    target.clamp(0, len.saturating_sub(1) as i64) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn move_by_clamps() {
        assert_eq!(move_by(0, -1, 10), 0);
        assert_eq!(move_by(3, 5, 10), 8);
        assert_eq!(move_by(8, 5, 10), 9);
        assert_eq!(move_by(0, 1, 0), 0);
    }
}
