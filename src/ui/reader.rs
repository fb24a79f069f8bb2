//! The reader: a whole document with its headings, scrolled to the chosen passage, every
//! mention a link to the map, and "next / previous place" walking the mentions in order.

use egui::style::ScrollAnimation;
use egui::{Align, Frame, RichText, Ui};

use super::annotate_text::MentionStyle;
use super::command::Command;
use super::passages::document_line;
use super::reading::Reading;
use super::source::Source;
use super::text::{Palette, shown};

impl Reading {
    /// The open document.
    pub fn reader(&mut self, ui: &mut Ui, src: &dyn Source, out: &mut Vec<Command>) {
        let Some(d) = self.open_document_index(src) else {
            ui.label("No document open. Choose \"Read in context\" on a passage, or a passage in the search results.");
            return;
        };
        let Some(doc) = src.documents().get(d) else {
            return;
        };
        ui.label(RichText::new(shown(ui, &doc.title)).heading());
        if doc.title_supplied {
            ui.label(
                RichText::new("(title supplied: the source prints none)")
                    .weak()
                    .small(),
            );
        }
        ui.label(RichText::new(shown(ui, &document_line(doc))).weak());
        if !doc.source.is_empty() {
            ui.label(RichText::new(shown(ui, &doc.source)).small().weak());
        }
        ui.horizontal(|ui| {
            if ui
                .button("‹ Previous place")
                .on_hover_text("Previous place mentioned in this document (Left arrow key)")
                .clicked()
            {
                self.walk_place(src, false, out);
            }
            if ui
                .button("Next place ›")
                .on_hover_text("Next place mentioned in this document (Right arrow key)")
                .clicked()
            {
                self.walk_place(src, true, out);
            }
            if self.state.selected.is_some() && ui.button("Back to passages").clicked() {
                self.state.tab = super::state::Tab::Feature;
            }
            if src.is_user_document(d)
                && ui
                    .button("Remove this text")
                    .on_hover_text("Take this text out of the library (the file is not touched)")
                    .clicked()
            {
                out.push(Command::RemoveDocument(doc.id.clone()));
            }
        });
        ui.separator();
        let open = self
            .state
            .open_passage
            .as_deref()
            .and_then(|p| src.passage_index(p));
        let palette = Palette::for_ui(ui);
        let selected = self.state.selected.clone();
        let order = src.document_passages(d);
        egui::ScrollArea::vertical()
            .id_salt(("reader-scroll", d))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if let Some(note) = &doc.byline_note {
                    ui.label(RichText::new(shown(ui, note)).italics().small());
                }
                for p in order {
                    let Some(passage) = src.passages().get(p) else {
                        continue;
                    };
                    if let Some(h) = &passage.heading {
                        ui.add_space(8.0);
                        ui.label(RichText::new(shown(ui, h)).strong().size(17.0));
                    }
                    let is_open = open == Some(p);
                    let frame = if is_open {
                        Frame::group(ui.style())
                            .fill(palette.selected_bg.gamma_multiply(0.35))
                            .stroke(ui.visuals().selection.stroke)
                    } else {
                        Frame::new().inner_margin(6.0)
                    };
                    let current = self.place.and_then(|(pp, m)| (pp == p).then_some(m));
                    let resp = frame.show(ui, |ui| {
                        let style = MentionStyle {
                            palette,
                            selected_feature: selected.as_deref(),
                            current,
                        };
                        let r = self.passage_text(ui, src, p, &style, out);
                        let mentions = src.mentions(p);
                        if let Some(i) = r.clicked
                            && let Some(m) = mentions.get(i)
                        {
                            self.place = Some((p, i));
                            self.state.open_passage = Some(passage.id.clone());
                            out.push(Command::SelectFeature(m.feature.clone()));
                            out.push(Command::FlyToFeature(m.feature.clone()));
                        }
                        if let Some(m) = r.hovered.and_then(|i| mentions.get(i)) {
                            out.push(Command::HoverFeature(Some(m.feature.clone())));
                        }
                    });
                    if is_open && self.reader_scroll {
                        // Jump (no animation) and draw the frame again before it is shown, so
                        // the first frame after "Read in context" already shows the passage.
                        resp.response
                            .scroll_to_me_animation(Some(Align::TOP), ScrollAnimation::none());
                        ui.ctx()
                            .request_discard("reader scrolled to the open passage");
                        self.reader_scroll = false;
                    }
                }
            });
    }
}
