//! A passage's text drawn as one laid-out galley the reader can act on: mentions are links
//! (click selects the place, right-click corrects the link), words are selected by dragging or
//! double-clicking (a bar of actions appears under them), highlights and search matches are
//! backgrounds, corrected mentions carry a mark.

use std::sync::Arc;

use egui::text::{CharIndex, LayoutJob, TextFormat};
use egui::{
    Align2, Area, Color32, CursorIcon, Frame, Galley, Id, Order, PointerButton, Pos2, Rect,
    RichText, Sense, Stroke, TextStyle, Ui, WidgetInfo,
};

use super::annotate::{
    Mark, TextAction, highlight_menu, mention_menu, passage_menu, selection_menu,
};
use super::text::{Palette, drawable, segments, style_mention};
use crate::links::Mention;

/// How to draw the mentions of one text.
pub struct MentionStyle<'a> {
    pub palette: Palette,
    /// Mentions of this feature get a background (the selection).
    pub selected_feature: Option<&'a str>,
    /// This mention index gets a stronger background (the reader's current place).
    pub current: Option<usize>,
}

/// The reader's own marks on one text.
#[derive(Default)]
pub struct Marks<'a> {
    /// Highlights re-anchored in the text, sorted by start.
    pub highlights: &'a [Mark],
    /// One flag per mention: a correction of the reader's made it.
    pub corrected: &'a [bool],
    /// The name of a mention's feature (for its menu).
    pub names: Option<&'a dyn Fn(usize) -> Option<String>>,
}

/// What the pointer did to one drawn text.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct TextResponse {
    /// Index of the mention clicked this frame.
    pub clicked: Option<usize>,
    /// Index of the mention under the pointer.
    pub hovered: Option<usize>,
    /// What the reader chose in a menu or the selection bar this frame.
    pub actions: Vec<TextAction>,
}

/// The selected words: one selection in the whole window, in one text (byte offsets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    pub text: Id,
    pub anchor: usize,
    pub head: usize,
}

impl Selection {
    /// `(start, end)`, start first.
    pub fn span(&self) -> (usize, usize) {
        (self.anchor.min(self.head), self.anchor.max(self.head))
    }
}

fn selection_key() -> Id {
    Id::unique("caspian-atlas-text-selection")
}

/// The current selection, if any.
pub fn selection(ctx: &egui::Context) -> Option<Selection> {
    ctx.data(|d| d.get_temp(selection_key()))
}

fn set_selection(ctx: &egui::Context, s: Option<Selection>) {
    ctx.data_mut(|d| match s {
        Some(s) => {
            d.insert_temp(selection_key(), s);
        }
        None => d.remove::<Selection>(selection_key()),
    });
}

/// What a right-click on the text (not on a name) opened a menu on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MenuAt {
    Selection(usize, usize),
    Highlight(i64),
    Passage,
}

/// A run of the text laid out as one section.
#[derive(Debug, Clone, Copy)]
struct Piece {
    /// Byte range in the text.
    bytes: (usize, usize),
    /// Char range in the galley.
    chars: (usize, usize),
    /// The drawn run has as many chars as the text's (char i of one is char i of the other).
    exact: bool,
}

/// The galley of a text and how its chars map back to the text's bytes.
struct Laid {
    galley: Arc<Galley>,
    pieces: Vec<Piece>,
}

impl Laid {
    /// The text byte offset of galley char `c`.
    fn byte_at(&self, text: &str, c: usize) -> usize {
        for p in &self.pieces {
            if c >= p.chars.1 {
                continue;
            }
            if c <= p.chars.0 {
                return p.bytes.0;
            }
            let k = c - p.chars.0;
            if !p.exact {
                return if k * 2 < p.chars.1 - p.chars.0 {
                    p.bytes.0
                } else {
                    p.bytes.1
                };
            }
            let run = text.get(p.bytes.0..p.bytes.1).unwrap_or("");
            return run
                .char_indices()
                .nth(k)
                .map_or(p.bytes.1, |(i, _)| p.bytes.0 + i);
        }
        text.len()
    }

    /// The galley char of text byte offset `b`.
    fn char_at(&self, text: &str, b: usize) -> usize {
        for p in &self.pieces {
            if b >= p.bytes.1 {
                continue;
            }
            if b <= p.bytes.0 || !p.exact {
                return p.chars.0;
            }
            let run = text.get(p.bytes.0..b).unwrap_or("");
            return p.chars.0 + run.chars().count();
        }
        self.pieces.last().map_or(0, |p| p.chars.1)
    }

    /// The rectangles (one per row, galley coordinates) covering text bytes `start..end`.
    fn rects(&self, text: &str, start: usize, end: usize) -> Vec<Rect> {
        let (a, b) = (self.char_at(text, start), self.char_at(text, end));
        let mut out = Vec::new();
        let mut off = 0usize;
        for row in &self.galley.rows {
            let n = row.glyphs.len();
            let (s, e) = (a.max(off), b.min(off + n));
            if s < e {
                let x0 = row.pos.x + row.x_offset(CharIndex(s - off));
                let x1 = match row.glyphs.get(e - off - 1) {
                    Some(g) => row.pos.x + g.max_x(),
                    None => row.pos.x + row.size.x,
                };
                out.push(Rect::from_min_max(
                    Pos2::new(x0, row.min_y()),
                    Pos2::new(x1, row.max_y()),
                ));
            }
            off += row.char_count_including_newline().0;
        }
        out
    }
}

/// The word around byte `b` (letters, digits, hyphens and apostrophes).
fn word_at(text: &str, b: usize) -> (usize, usize) {
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’');
    let b = b.min(text.len());
    let start = text
        .get(..b)
        .and_then(|t| t.char_indices().rev().find(|&(_, c)| !is_word(c)))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text
        .get(b..)
        .and_then(|t| t.char_indices().find(|&(_, c)| !is_word(c)))
        .map_or(text.len(), |(i, _)| b + i);
    (start.min(end), end)
}

/// Colour of the mark on a corrected mention.
fn corrected_colour(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(255, 170, 70)
    } else {
        Color32::from_rgb(200, 100, 0)
    }
}

/// Lay out `text` with its mentions, matches, highlights and the selection `sel`.
#[allow(clippy::too_many_arguments)]
fn lay_out(
    ui: &Ui,
    text: &str,
    mentions: &[Mention],
    matches: &[(usize, usize)],
    style: &MentionStyle<'_>,
    marks: &Marks<'_>,
    sel: Option<(usize, usize)>,
    width: f32,
) -> Laid {
    let font = TextStyle::Body.resolve(ui.style());
    let palette = &style.palette;
    let dark = ui.visuals().dark_mode;
    let segs = segments(text, mentions, matches);
    let ok = |b: usize| b <= text.len() && text.is_char_boundary(b);
    let mut cuts: Vec<usize> = vec![0, text.len()];
    cuts.extend(segs.iter().flat_map(|s| [s.start, s.end]));
    cuts.extend(marks.highlights.iter().flat_map(|m| [m.start, m.end]));
    if let Some((s, e)) = sel {
        cuts.extend([s, e]);
    }
    cuts.retain(|&b| ok(b));
    cuts.sort_unstable();
    cuts.dedup();
    let selection_bg = ui.visuals().selection.bg_fill;
    let mut job = LayoutJob::default();
    job.wrap.max_width = width;
    let mut pieces = Vec::new();
    let mut chars = 0usize;
    let mut k = 0usize;
    for w in cuts.windows(2) {
        let [s, e] = *w else { continue };
        let Some(run) = text.get(s..e) else { continue };
        while segs.get(k).is_some_and(|g| g.end <= s) {
            k += 1;
        }
        let seg = segs.get(k).filter(|g| g.start <= s);
        let mention = seg
            .and_then(|g| g.mention)
            .and_then(|i| mentions.get(i).map(|m| (i, m)));
        let mut format = TextFormat::simple(font.clone(), palette.text);
        if let Some((i, m)) = mention {
            let corrected = marks.corrected.get(i).copied().unwrap_or(false);
            style_mention(&mut format, m.kind, palette);
            if corrected {
                format.underline = Stroke::new(2.0, corrected_colour(dark));
            }
        }
        let highlight = marks
            .highlights
            .iter()
            .rev()
            .find(|h| h.start <= s && e <= h.end);
        let in_sel = sel.is_some_and(|(a, b)| a <= s && e <= b);
        format.background = if in_sel {
            selection_bg
        } else if mention.is_some_and(|(i, _)| style.current == Some(i)) {
            palette.current_bg
        } else if mention.is_some_and(|(_, m)| style.selected_feature == Some(m.feature.as_str())) {
            palette.selected_bg
        } else if let Some(h) = highlight {
            h.colour
        } else if seg.is_some_and(|g| g.matched) {
            palette.match_bg
        } else {
            Color32::TRANSPARENT
        };
        let drawn = drawable(ui.ctx(), &font, run);
        let n = drawn.chars().count();
        pieces.push(Piece {
            bytes: (s, e),
            chars: (chars, chars + n),
            exact: n == run.chars().count(),
        });
        chars += n;
        job.append(&drawn, 0.0, format);
    }
    Laid {
        galley: ui.painter().layout_job(job),
        pieces,
    }
}

/// Draw a passage text: mentions as links (accessible by their words), search `matches` and the
/// reader's highlights as backgrounds, a selection by drag or double-click with a bar of actions
/// under it, and right-click menus on names, highlights, selections and the passage.
pub fn show_text(
    ui: &mut Ui,
    id_salt: &str,
    text: &str,
    mentions: &[Mention],
    matches: &[(usize, usize)],
    style: &MentionStyle<'_>,
    marks: &Marks<'_>,
) -> TextResponse {
    let mut out = TextResponse::default();
    let ctx = ui.ctx().clone();
    let id = ui.make_persistent_id(("passage-text", id_salt));
    let width = ui.available_width().max(40.0);
    let mine = |s: Selection| s.text == id;
    let sel_span = |ctx: &egui::Context| {
        selection(ctx)
            .filter(|s| mine(*s))
            .map(|s| s.span())
            .filter(|(a, b)| a < b)
    };
    let mut laid = lay_out(
        ui,
        text,
        mentions,
        matches,
        style,
        marks,
        sel_span(&ctx),
        width,
    );
    let (rect, _) = ui.allocate_exact_size(laid.galley.size(), Sense::hover());
    let resp = ui.interact(rect, id, Sense::click_and_drag());
    resp.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, text));
    let byte_under = |laid: &Laid, p: Pos2| {
        let c = laid.galley.cursor_from_pos(p - rect.min).index.0;
        laid.byte_at(text, c)
    };

    // Selecting words.
    let before = selection(&ctx);
    if resp.drag_started_by(PointerButton::Primary)
        && let Some(o) = ctx.input(|i| i.pointer.press_origin())
    {
        let b = byte_under(&laid, o);
        set_selection(
            &ctx,
            Some(Selection {
                text: id,
                anchor: b,
                head: b,
            }),
        );
    }
    if resp.dragged_by(PointerButton::Primary)
        && let Some(p) = ctx.input(|i| i.pointer.interact_pos())
        && let Some(mut s) = selection(&ctx).filter(|s| mine(*s))
    {
        s.head = byte_under(&laid, p);
        set_selection(&ctx, Some(s));
    }
    if resp.double_clicked()
        && let Some(p) = resp.interact_pointer_pos()
    {
        let (a, b) = word_at(text, byte_under(&laid, p));
        set_selection(
            &ctx,
            (a < b).then_some(Selection {
                text: id,
                anchor: a,
                head: b,
            }),
        );
    } else if resp.clicked() {
        set_selection(&ctx, None);
    }
    let sel = sel_span(&ctx);
    if selection(&ctx) != before {
        laid = lay_out(ui, text, mentions, matches, style, marks, sel, width);
    }
    if sel.is_some()
        && !ctx.egui_wants_keyboard_input()
        && ctx.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::Copy)))
        && let Some((a, b)) = sel
    {
        out.actions.push(TextAction::Copy { start: a, end: b });
    }
    if resp.hovered() {
        ctx.set_cursor_icon(CursorIcon::Text);
    }
    ui.painter()
        .galley(rect.min, laid.galley.clone(), style.palette.text);

    // Highlights: hover shows the note; they are accessible by their words.
    for h in marks.highlights {
        for (k, r) in laid.rects(text, h.start, h.end).into_iter().enumerate() {
            let part = ui.interact(
                r.translate(rect.min.to_vec2()),
                id.with(("hl", h.note, k)),
                Sense::hover(),
            );
            if k == 0 {
                let quote = text.get(h.start..h.end).unwrap_or("").to_string();
                part.widget_info(|| {
                    WidgetInfo::labeled(egui::Role::Label, true, format!("Highlight: {quote}"))
                });
            }
            part.on_hover_ui(|ui| {
                if h.body.trim().is_empty() {
                    ui.label(RichText::new("Highlight (right-click to add a note)").weak());
                } else {
                    ui.label(RichText::new("Note").strong());
                    ui.label(&h.body);
                }
            });
        }
    }

    // Mentions: links on top of the text.
    let dark = ui.visuals().dark_mode;
    for seg in segments(text, mentions, matches) {
        let Some((i, m)) = seg.mention.and_then(|i| mentions.get(i).map(|m| (i, m))) else {
            continue;
        };
        let corrected = marks.corrected.get(i).copied().unwrap_or(false);
        let label = drawable(&ctx, &TextStyle::Body.resolve(ui.style()), &m.surface).into_owned();
        let label = if text.get(seg.start..seg.end) == Some(m.surface.as_str()) {
            label
        } else {
            drawable(
                &ctx,
                &TextStyle::Body.resolve(ui.style()),
                text.get(seg.start..seg.end).unwrap_or(""),
            )
            .into_owned()
        };
        let rects = laid.rects(text, seg.start, seg.end);
        let last = rects.len().saturating_sub(1);
        for (k, r) in rects.into_iter().enumerate() {
            let r = r.translate(rect.min.to_vec2());
            let part = ui.interact(r, id.with(("m", i, k)), Sense::click());
            if k == 0 {
                part.widget_info(|| WidgetInfo::labeled(egui::Role::Link, true, &label));
            }
            if corrected && k == last {
                ui.painter().circle_filled(
                    r.right_top() + egui::vec2(1.5, 2.5),
                    2.5,
                    corrected_colour(dark),
                );
            }
            if part.hovered() {
                out.hovered = Some(i);
                ctx.set_cursor_icon(CursorIcon::PointingHand);
            }
            if part.clicked() {
                out.clicked = Some(i);
                set_selection(&ctx, None);
            }
            let part = if corrected {
                part.on_hover_text("Linked by your correction")
            } else {
                part
            };
            part.context_menu(|ui| {
                let name = marks.names.and_then(|f| f(i));
                mention_menu(ui, i, &label, name.as_deref(), corrected, &mut out.actions);
            });
        }
    }

    // The right-click menu of the text: on the selection, a highlight, or the passage.
    let menu_key = id.with("menu-at");
    if resp.secondary_clicked()
        && let Some(p) = resp.interact_pointer_pos()
    {
        let b = byte_under(&laid, p);
        let at = match sel {
            Some((a, e)) => MenuAt::Selection(a, e),
            None => marks
                .highlights
                .iter()
                .rev()
                .find(|h| h.start <= b && b < h.end)
                .map_or(MenuAt::Passage, |h| MenuAt::Highlight(h.note)),
        };
        ctx.data_mut(|d| d.insert_temp(menu_key, at));
    }
    let menu_open = resp
        .context_menu(|ui| match ctx.data(|d| d.get_temp::<MenuAt>(menu_key)) {
            Some(MenuAt::Selection(a, e)) => selection_menu(ui, a, e, &mut out.actions),
            Some(MenuAt::Highlight(note)) => highlight_menu(ui, note, &mut out.actions),
            Some(MenuAt::Passage) | None => passage_menu(ui, text.len(), &mut out.actions),
        })
        .is_some();

    // The bar under a selection.
    if let Some((a, e)) = sel
        && !menu_open
        && !resp.dragged()
        && let Some(last) = laid.rects(text, a, e).last()
    {
        let last = last.translate(rect.min.to_vec2());
        let mut bar = Rect::NOTHING;
        if ui.clip_rect().intersects(last) {
            bar = Area::new(id.with("selection-bar"))
                .order(Order::Foreground)
                .fixed_pos(last.left_bottom() + egui::vec2(0.0, 4.0))
                .pivot(Align2::LEFT_TOP)
                .show(&ctx, |ui| {
                    Frame::popup(ui.style()).show(ui, |ui| {
                        ui.set_max_width(rect.width().max(240.0));
                        ui.horizontal_wrapped(|ui| selection_menu(ui, a, e, &mut out.actions));
                    });
                })
                .response
                .rect;
        }
        // A press anywhere else lets the selection go.
        let elsewhere = ctx.input(|i| {
            i.pointer.any_pressed()
                && i.pointer
                    .press_origin()
                    .is_some_and(|p| !rect.contains(p) && !bar.contains(p))
        });
        if elsewhere {
            set_selection(&ctx, None);
        }
    }
    if !out.actions.is_empty()
        && out
            .actions
            .iter()
            .any(|a| !matches!(a, TextAction::Copy { .. }))
    {
        set_selection(&ctx, None);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_found_around_a_byte() {
        let text = "via Nakhchivan’s border, to Kars";
        let word = |b: usize| {
            let (s, e) = word_at(text, b);
            &text[s..e]
        };
        assert_eq!(word(6), "Nakhchivan’s");
        assert_eq!(word(text.len() - 2), "Kars");
        assert_eq!(word(1), "via");
    }

    #[test]
    fn selection_span_is_ordered() {
        let s = Selection {
            text: Id::unique("t"),
            anchor: 9,
            head: 2,
        };
        assert_eq!(s.span(), (2, 9));
    }
}
