//! Passage text with its mentions and search matches: cutting a text into segments, building an
//! egui `LayoutJob` from them, characters the fonts lack, the text palette (the interactive
//! passage text is `annotate_text`).

use std::borrow::Cow;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Stroke, TextStyle, Ui};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::links::{Mention, MentionKind};

/// A piece of a text: either plain (possibly a search match) or one whole mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Byte range in the text, always on char boundaries.
    pub start: usize,
    pub end: usize,
    /// Index into the mentions slice when this segment is a mention.
    pub mention: Option<usize>,
    /// True when a search match covers (part of) it.
    pub matched: bool,
}

/// Cut `text` into segments. Mentions stay whole; a mention that is out of range, not on char
/// boundaries, empty or overlapping an earlier one is left as plain text. Match ranges split the
/// plain text and mark a mention they touch.
pub fn segments(text: &str, mentions: &[Mention], matches: &[(usize, usize)]) -> Vec<Segment> {
    let valid = |s: usize, e: usize| {
        s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
    };
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| mentions.get(i).map(|m| (m.start, m.end)));
    let mut kept: Vec<(usize, usize, usize)> = Vec::new();
    for i in order {
        let Some(m) = mentions.get(i) else { continue };
        if !valid(m.start, m.end) {
            continue;
        }
        if kept.last().is_some_and(|&(_, e, _)| m.start < e) {
            continue;
        }
        kept.push((m.start, m.end, i));
    }
    let mut ranges: Vec<(usize, usize)> = matches
        .iter()
        .copied()
        .filter(|&(s, e)| valid(s, e))
        .collect();
    ranges.sort_unstable();
    let touches = |s: usize, e: usize| ranges.iter().any(|&(a, b)| a < e && s < b);

    let mut out = Vec::new();
    let push_plain = |from: usize, to: usize, out: &mut Vec<Segment>| {
        if from >= to {
            return;
        }
        let mut cuts = vec![from, to];
        for &(a, b) in &ranges {
            for c in [a, b] {
                if c > from && c < to {
                    cuts.push(c);
                }
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            if let [s, e] = *w {
                out.push(Segment {
                    start: s,
                    end: e,
                    mention: None,
                    matched: ranges.iter().any(|&(a, b)| a <= s && e <= b),
                });
            }
        }
    };
    let mut pos = 0;
    for (s, e, i) in kept {
        push_plain(pos, s, &mut out);
        out.push(Segment {
            start: s,
            end: e,
            mention: Some(i),
            matched: touches(s, e),
        });
        pos = e;
    }
    push_plain(pos, text.len(), &mut out);
    out
}

/// `s` as the fonts can draw it: a character they lack becomes its base letter (`ə`→`e`,
/// `ǧ`→`g`) or `?`, so no tofu box is drawn and nothing panics in tests. Byte offsets are not
/// preserved: apply per segment, after cutting.
pub fn drawable<'a>(ctx: &egui::Context, font: &FontId, s: &'a str) -> Cow<'a, str> {
    if ctx.fonts_mut(|f| f.has_glyphs(font, s)) {
        return Cow::Borrowed(s);
    }
    ctx.fonts_mut(|f| {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            if c.is_control() || f.has_glyph(font, c) {
                out.push(c);
                continue;
            }
            let base: String = match c {
                'ə' => "e".into(),
                'Ə' => "E".into(),
                'ı' => "i".into(),
                _ => c
                    .to_string()
                    .nfd()
                    .filter(|c| !is_combining_mark(*c))
                    .collect(),
            };
            if !base.is_empty() && base.chars().all(|b| f.has_glyph(font, b)) {
                out.push_str(&base);
            } else {
                out.push('?');
            }
        }
        Cow::Owned(out)
    })
}

/// [`drawable`] with the body font of `ui`, owned.
pub fn shown(ui: &Ui, s: &str) -> String {
    let font = TextStyle::Body.resolve(ui.style());
    drawable(ui.ctx(), &font, s).into_owned()
}

/// Whether the fonts can draw all of `s` (local-script names may not be).
pub fn can_draw(ctx: &egui::Context, font: &FontId, s: &str) -> bool {
    ctx.fonts_mut(|f| f.has_glyphs(font, s))
}

/// Colours for text highlighting, chosen for the current theme.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub text: Color32,
    pub name: Color32,
    pub demonym: Color32,
    pub selected_bg: Color32,
    pub current_bg: Color32,
    pub match_bg: Color32,
}

impl Palette {
    pub fn for_ui(ui: &Ui) -> Palette {
        let dark = ui.visuals().dark_mode;
        Palette {
            text: ui.visuals().text_color(),
            name: if dark {
                Color32::from_rgb(120, 180, 255)
            } else {
                Color32::from_rgb(20, 80, 170)
            },
            demonym: if dark {
                Color32::from_rgb(150, 170, 190)
            } else {
                Color32::from_rgb(90, 110, 130)
            },
            selected_bg: if dark {
                Color32::from_rgb(60, 70, 30)
            } else {
                Color32::from_rgb(255, 240, 170)
            },
            current_bg: if dark {
                Color32::from_rgb(120, 70, 20)
            } else {
                Color32::from_rgb(255, 200, 120)
            },
            match_bg: if dark {
                Color32::from_rgb(40, 90, 60)
            } else {
                Color32::from_rgb(190, 240, 190)
            },
        }
    }
}

/// A whole text as one `LayoutJob`: mentions coloured (names underlined, demonyms in italics),
/// search matches on a background. For places where the text is not interactive.
/// A mention's look: a name underlined in the link colour, a demonym in italics.
pub fn style_mention(format: &mut TextFormat, kind: MentionKind, palette: &Palette) {
    match kind {
        MentionKind::Name => {
            format.color = palette.name;
            format.underline = Stroke::new(1.0, palette.name);
        }
        MentionKind::Demonym => {
            format.color = palette.demonym;
            format.italics = true;
        }
    }
}

pub fn layout_job(
    ctx: Option<&egui::Context>,
    text: &str,
    segs: &[Segment],
    mentions: &[Mention],
    palette: &Palette,
    font: FontId,
    wrap_width: f32,
) -> LayoutJob {
    let mut job = LayoutJob::default();
    job.wrap.max_width = wrap_width;
    for seg in segs {
        let Some(piece) = text.get(seg.start..seg.end) else {
            continue;
        };
        let piece = match ctx {
            Some(ctx) => drawable(ctx, &font, piece),
            None => Cow::Borrowed(piece),
        };
        let mut format = TextFormat::simple(font.clone(), palette.text);
        if let Some(m) = seg.mention.and_then(|i| mentions.get(i)) {
            style_mention(&mut format, m.kind, palette);
        }
        if seg.matched {
            format.background = palette.match_bg;
        }
        job.append(&piece, 0.0, format);
    }
    job
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(feature: &str, start: usize, end: usize) -> Mention {
        Mention {
            feature: feature.to_string(),
            start,
            end,
            surface: String::new(),
            kind: MentionKind::Name,
        }
    }

    #[test]
    fn mentions_split_the_text_and_cover_it_exactly() {
        let text = "From Baku to Ceyhan via Tbilisi.";
        let ms = [m("baku", 5, 9), m("tbilisi", 24, 31), m("ceyhan", 13, 19)];
        let segs = segments(text, &ms, &[]);
        let joined: String = segs.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(joined, text);
        let names: Vec<&str> = segs
            .iter()
            .filter(|s| s.mention.is_some())
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(names, ["Baku", "Ceyhan", "Tbilisi"]);
    }

    #[test]
    fn bad_and_overlapping_mentions_become_plain_text() {
        let text = "Türkiye and Iran";
        // 2 is inside 'ü' (2 bytes), 99 is out of range, the third overlaps the first valid one.
        let ms = [m("a", 2, 4), m("b", 0, 99), m("turkey", 0, 8), m("c", 3, 6)];
        let segs = segments(text, &ms, &[]);
        let mentions: Vec<usize> = segs.iter().filter_map(|s| s.mention).collect();
        assert_eq!(mentions, [2]);
        let joined: String = segs.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn matches_split_plain_text_and_mark_mentions() {
        let text = "the corridor through Syunik";
        let ms = [m("syunik", 21, 27)];
        let segs = segments(text, &ms, &[(4, 12), (21, 24)]);
        let matched: Vec<&str> = segs
            .iter()
            .filter(|s| s.matched)
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(matched, ["corridor", "Syunik"]);
    }

    #[test]
    fn layout_job_keeps_the_text() {
        let text = "Azerbaijani gas reaches Georgia.";
        let mut ms = vec![m("azerbaijan", 0, 11), m("georgia", 24, 31)];
        if let Some(first) = ms.first_mut() {
            first.kind = MentionKind::Demonym;
        }
        let segs = segments(text, &ms, &[]);
        let palette = Palette {
            text: Color32::BLACK,
            name: Color32::BLUE,
            demonym: Color32::GRAY,
            selected_bg: Color32::YELLOW,
            current_bg: Color32::RED,
            match_bg: Color32::GREEN,
        };
        let job = layout_job(None, text, &segs, &ms, &palette, FontId::default(), 300.0);
        assert_eq!(job.text, text);
        assert!(job.sections.iter().any(|s| s.format.italics));
        assert!(job.sections.iter().any(|s| s.format.color == Color32::BLUE));
    }
}
