//! The passages that mention the selection, grouped by document, with their mentions
//! highlighted, an "N of M" count, a relevance / reading-order switch and "read in context".

use egui::{Align, Frame, RichText, Ui};

use super::annotate::TextAction;
use super::annotate_text::MentionStyle;
use super::card::plural;
use super::command::Command;
use super::reading::Reading;
use super::source::Source;
use super::state::PassageOrder;
use super::text::{Palette, shown};
use crate::corpus::Document;

/// How many passages are drawn before a "show more" button.
const PAGE: usize = 60;

/// "Title — Authors · Outlet · Date".
pub fn document_line(doc: &Document) -> String {
    doc.byline_parts().join(" · ")
}

impl Reading {
    /// The passage list of the selection.
    pub fn passages(&mut self, ui: &mut Ui, src: &dyn Source, out: &mut Vec<Command>) {
        let Some(fi) = self.selected_index(src) else {
            return;
        };
        let Some(feature) = src.features().get(fi) else {
            return;
        };
        self.refresh_list(src);
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!(
                    "{} of {} passage{}",
                    self.list.shown,
                    self.list.total,
                    plural(self.list.total)
                ))
                .strong(),
            );
            ui.separator();
            ui.selectable_value(
                &mut self.state.order,
                PassageOrder::Relevance,
                "Most relevant",
            );
            ui.selectable_value(
                &mut self.state.order,
                PassageOrder::Reading,
                "Reading order",
            );
        });
        self.refresh_list(src);
        if self.list.shown == 0 {
            ui.label(if self.list.total == 0 {
                format!("No passage mentions {}.", feature.name)
            } else {
                "The filters hide every passage.".to_string()
            });
            return;
        }
        let palette = Palette::for_ui(ui);
        let limit = self.list_limit.max(PAGE).max(self.cursor + 1);
        let mut drawn = 0usize;
        let mut flat = 0usize;
        let groups = self.list.groups.clone();
        for group in &groups {
            if drawn >= limit {
                break;
            }
            let Some(doc) = src.documents().get(group.document) else {
                continue;
            };
            ui.add_space(6.0);
            ui.label(RichText::new(shown(ui, &doc.title)).strong());
            ui.label(RichText::new(shown(ui, &document_line(doc))).weak().small());
            ui.label(
                RichText::new(format!(
                    "{} passage{} in this document",
                    group.hits.len(),
                    plural(group.hits.len())
                ))
                .small(),
            );
            for hit in &group.hits {
                if drawn >= limit {
                    break;
                }
                let Some(p) = src.passages().get(hit.passage) else {
                    continue;
                };
                let is_cursor = flat == self.cursor;
                let frame = if is_cursor {
                    Frame::group(ui.style()).stroke(ui.visuals().selection.stroke)
                } else {
                    Frame::group(ui.style())
                };
                let resp = frame.show(ui, |ui| {
                    let mut label = format!("¶ {}", p.index + 1);
                    if let Some(h) = &p.heading {
                        label.push_str(&format!(" · {h}"));
                    }
                    ui.label(RichText::new(shown(ui, &label)).weak().small());
                    let style = MentionStyle {
                        palette,
                        selected_feature: Some(&feature.id),
                        current: None,
                    };
                    let r = self.passage_text(ui, src, hit.passage, &style, out);
                    let mentions = src.mentions(hit.passage);
                    if let Some(m) = r.clicked.and_then(|i| mentions.get(i)) {
                        out.push(Command::SelectFeature(m.feature.clone()));
                        out.push(Command::FlyToFeature(m.feature.clone()));
                    }
                    if let Some(m) = r.hovered.and_then(|i| mentions.get(i)) {
                        out.push(Command::HoverFeature(Some(m.feature.clone())));
                    }
                    ui.horizontal(|ui| {
                        if ui
                            .small_button("Read in context")
                            .on_hover_text("Open the whole document at this passage")
                            .clicked()
                        {
                            self.cursor = flat;
                            out.push(Command::OpenPassage(p.id.clone()));
                        }
                        if ui
                            .small_button("Add note…")
                            .on_hover_text(
                                "Write a note on this passage (right-click its words for more)",
                            )
                            .clicked()
                        {
                            self.annotate(
                                ui.ctx(),
                                src,
                                hit.passage,
                                TextAction::AddPassageNote,
                                out,
                            );
                        }
                        if ui
                            .small_button("Copy citation")
                            .on_hover_text(
                                "Copy this passage's citation (Chicago author-date, with its \
                                 paragraph and id)",
                            )
                            .clicked()
                        {
                            self.annotate(
                                ui.ctx(),
                                src,
                                hit.passage,
                                TextAction::CopyCitation,
                                out,
                            );
                        }
                    });
                });
                if is_cursor && self.scroll_to_cursor {
                    resp.response.scroll_to_me(Some(Align::Center));
                    ui.ctx().request_repaint();
                    self.scroll_to_cursor = false;
                }
                drawn += 1;
                flat += 1;
            }
        }
        if self.list.shown > drawn
            && ui
                .button(format!("Show more ({} left)", self.list.shown - drawn))
                .clicked()
        {
            self.list_limit = limit + PAGE;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_line_skips_empty_parts() {
        let doc = Document {
            id: "d".into(),
            title: "T".into(),
            title_supplied: false,
            authors: vec!["A. One".into(), "B. Two".into()],
            outlet: String::new(),
            date: "2021-03".into(),
            source: String::new(),
            byline_note: None,
        };
        assert_eq!(document_line(&doc), "A. One, B. Two · 2021-03");
    }
}
