//! Search: the box (toolbar or `Ctrl+F`) and the ranked results, features first then passages,
//! matched words highlighted; choosing a result selects the feature or opens the passage.

use egui::{Label, RichText, Sense, TextStyle, Ui};

use super::command::Command;
use super::reading::{Reading, search_box_id};
use super::source::{HitTarget, SearchHit, Source};
use super::state::Tab;
use super::text::{Palette, layout_job, segments, shown};

/// A window of about `max` bytes of `text` around the first span, on char and word boundaries,
/// with the spans moved into it. Ellipses mark cut ends.
pub fn snippet(text: &str, spans: &[(usize, usize)], max: usize) -> (String, Vec<(usize, usize)>) {
    if text.len() <= max {
        return (text.to_string(), spans.to_vec());
    }
    let first = spans.iter().map(|s| s.0).min().unwrap_or(0).min(text.len());
    let mut start = first.saturating_sub(max / 3);
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    if start > 0 {
        // Begin at a word.
        if let Some(sp) = text.get(start..first).and_then(|s| s.find(' ')) {
            start += sp + 1;
        }
    }
    let mut end = (start + max).min(text.len());
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    if end < text.len()
        && let Some(sp) = text.get(start..end).and_then(|s| s.rfind(' '))
        && sp > 0
    {
        end = start + sp;
    }
    let body = text.get(start..end).unwrap_or_default();
    let prefix = if start > 0 { "… " } else { "" };
    let suffix = if end < text.len() { " …" } else { "" };
    let shift = prefix.len();
    let moved = spans
        .iter()
        .filter(|&&(s, e)| s >= start && e <= end)
        .map(|&(s, e)| (s - start + shift, e - start + shift))
        .collect();
    (format!("{prefix}{body}{suffix}"), moved)
}

impl Reading {
    /// The search box, `width` points wide, for the toolbar or the panel. `Ctrl+F` focuses it;
    /// `Enter` picks the best result.
    pub fn search_box(
        &mut self,
        ui: &mut Ui,
        src: &dyn Source,
        out: &mut Vec<Command>,
        width: f32,
    ) {
        let label = ui.label("Search");
        let resp = ui.add(
            egui::TextEdit::singleline(&mut self.query)
                .id(search_box_id())
                .hint_text("place, alias or words (Ctrl+F)")
                .desired_width(width),
        );
        let resp = resp.labelled_by(label.id);
        if self.focus_search {
            resp.request_focus();
            self.focus_search = false;
        }
        if resp.changed() {
            self.state.tab = Tab::Search;
        }
        if resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            self.refresh_search(src);
            if let Some(hit) = self.results.first().cloned() {
                choose(&hit, src, out);
            }
        }
    }

    /// The results of the current query.
    pub fn results_ui(&mut self, ui: &mut Ui, src: &dyn Source, out: &mut Vec<Command>) {
        self.refresh_search(src);
        if self.query.trim().is_empty() {
            ui.label(
                "Type in the search box (Ctrl+F): a place name or alias, or words from the essays.",
            );
            return;
        }
        if self.results.is_empty() && self.note_results.is_empty() {
            ui.label(format!("Nothing matches “{}”.", self.query.trim()));
            return;
        }
        let palette = Palette::for_ui(ui);
        let font = TextStyle::Body.resolve(ui.style());
        let results = self.results.clone();
        let notes = self.note_results.clone();
        let nf = results
            .iter()
            .filter(|h| matches!(h.target, HitTarget::Feature(_)))
            .count();
        ui.label(
            RichText::new(format!(
                "{} place{}, {} passage{}, {} note{}",
                nf,
                super::card::plural(nf),
                results.len() - nf,
                super::card::plural(results.len() - nf),
                notes.len(),
                super::card::plural(notes.len())
            ))
            .strong(),
        );
        egui::ScrollArea::vertical()
            .id_salt("search-scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if !notes.is_empty() {
                    notes_section(ui, src, &notes, &self.query, out);
                }
                for hit in &results {
                    match hit.target {
                        HitTarget::Feature(f) => {
                            let Some(feature) = src.features().get(f) else {
                                continue;
                            };
                            let mut text = format!("{} — {}", feature.name, feature.kind.label());
                            if !hit.matched.is_empty() && hit.matched != feature.name {
                                text.push_str(&format!(" (“{}”)", hit.matched));
                            }
                            let resp = ui.button(shown(ui, &text));
                            if resp.hovered() {
                                out.push(Command::HoverFeature(Some(feature.id.clone())));
                            }
                            if resp.clicked() {
                                choose(hit, src, out);
                            }
                        }
                        HitTarget::Passage(p) => {
                            let Some(passage) = src.passages().get(p) else {
                                continue;
                            };
                            let title = src
                                .document_index(&passage.document)
                                .and_then(|d| src.documents().get(d))
                                .map_or(passage.document.as_str(), |d| d.title.as_str());
                            ui.add_space(4.0);
                            ui.label(
                                RichText::new(shown(
                                    ui,
                                    &format!("{title} · ¶ {}", passage.index + 1),
                                ))
                                .small()
                                .weak(),
                            );
                            let (text, spans) = snippet(&passage.text, &hit.spans, 280);
                            let segs = segments(&text, &[], &spans);
                            let job = layout_job(
                                Some(ui.ctx()),
                                &text,
                                &segs,
                                &[],
                                &palette,
                                font.clone(),
                                ui.available_width(),
                            );
                            let resp = ui
                                .add(Label::new(job).sense(Sense::click()))
                                .on_hover_text("Open this passage in the reader");
                            if resp.clicked() {
                                choose(hit, src, out);
                            }
                        }
                    }
                }
            });
    }
}

/// The notes that match the search: a snippet of each (its quote or body), a click opens its
/// passage or selects its feature.
fn notes_section(
    ui: &mut Ui,
    src: &dyn Source,
    notes: &[usize],
    query: &str,
    out: &mut Vec<Command>,
) {
    use super::notes_view::{Place, place};
    ui.label(RichText::new("Notes").strong());
    let words: Vec<String> = query
        .split_whitespace()
        .map(|w| w.to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    for &i in notes {
        let Some(note) = src.notes().get(i) else {
            continue;
        };
        let c = &note.content;
        let text = if c.body.trim().is_empty() {
            c.quote.clone()
        } else {
            c.body.clone()
        };
        let lower = text.to_lowercase();
        let spans: Vec<(usize, usize)> = if lower.len() == text.len() {
            words
                .iter()
                .flat_map(|w| {
                    lower
                        .match_indices(w.as_str())
                        .map(|(s, m)| (s, s + m.len()))
                })
                .collect()
        } else {
            Vec::new()
        };
        let (snip, _) = snippet(&text, &spans, 200);
        let resp = ui
            .add(Label::new(shown(ui, &format!("\u{270e} {snip}"))).sense(Sense::click()))
            .on_hover_text("Go to what the note is on");
        if resp.clicked() {
            match place(note, src) {
                Place::Passage { passage, .. } => {
                    if let Some(p) = src.passages().get(passage) {
                        out.push(Command::OpenPassage(p.id.clone()));
                    }
                }
                Place::Feature(f) => {
                    if let Some(f) = src.features().get(f) {
                        out.push(Command::SelectFeature(f.id.clone()));
                        out.push(Command::FlyToFeature(f.id.clone()));
                    }
                }
                Place::Lost(_) => {}
            }
        }
    }
    ui.separator();
}

/// The commands that choosing a result emits.
pub fn choose(hit: &SearchHit, src: &dyn Source, out: &mut Vec<Command>) {
    match hit.target {
        HitTarget::Feature(f) => {
            if let Some(feature) = src.features().get(f) {
                out.push(Command::SelectFeature(feature.id.clone()));
                out.push(Command::FlyToFeature(feature.id.clone()));
            }
        }
        HitTarget::Passage(p) => {
            if let Some(passage) = src.passages().get(p) {
                out.push(Command::OpenPassage(passage.id.clone()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_kept_whole() {
        let (s, spans) = snippet("Baku and Tbilisi", &[(0, 4)], 100);
        assert_eq!(s, "Baku and Tbilisi");
        assert_eq!(spans, [(0, 4)]);
    }

    #[test]
    fn long_text_is_cut_around_the_match_and_spans_follow() {
        let text = format!(
            "{} Zangezur corridor {}",
            "word ".repeat(100),
            "tail ".repeat(100)
        );
        let at = text.find("Zangezur").unwrap_or(0);
        let (s, spans) = snippet(&text, &[(at, at + 8)], 120);
        assert!(s.starts_with("… ") && s.ends_with(" …"));
        assert!(s.len() < 140);
        let [(a, b)] = spans[..] else {
            panic!("one span expected, got {spans:?}")
        };
        assert_eq!(&s[a..b], "Zangezur");
    }

    #[test]
    fn multibyte_text_never_splits_a_char() {
        let text = "ü".repeat(300);
        let (s, _) = snippet(&text, &[(301, 303)], 101);
        assert!(s.chars().all(|c| c == 'ü' || c == '…' || c == ' '));
    }
}
