//! The reader's annotations in the passage text, with `egui_kittest` (no GPU) on a small
//! hand-made `Source` (three places, one document, the reader's notes and corrections): a
//! right-click on a name corrects it, selected words are linked or highlighted, stored
//! highlights and corrected names are drawn, clicking a name still selects it. The panels emit
//! `Command`s into a list the tests read (the app that applies them is not involved).

use std::collections::HashSet;

use egui::{Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use geo::{Geometry, Point};

use caspian_atlas::atlas::{Feature, Kind};
use caspian_atlas::corpus::{Document, Passage};
use caspian_atlas::library::notes::{Note, NoteContent, Target};
use caspian_atlas::links::correct::{Action, Scope};
use caspian_atlas::links::{Mention, MentionKind};
use caspian_atlas::ui::state::Tab;
use caspian_atlas::ui::{Command, HitTarget, PassageHit, Reading, SearchHit, Source};

fn town(id: &str, name: &str, lon: f64, lat: f64) -> Feature {
    let mut properties = serde_json::Map::new();
    properties.insert("id".into(), id.into());
    Feature {
        id: id.into(),
        kind: Kind::City,
        name: name.into(),
        aliases: Vec::new(),
        demonyms: Vec::new(),
        summary: String::new(),
        status: None,
        sources: vec!["test".into()],
        geometry: Geometry::Point(Point::new(lon, lat)),
        properties,
        user: None,
    }
}

const P0: &str = "From Baku the line runs west to Ganja and on to Georgia.";
const P1: &str = "Sheki lies in the hills above the plain.";

/// A small linked library with the reader's notes and corrections.
struct Fixture {
    features: Vec<Feature>,
    documents: Vec<Document>,
    passages: Vec<Passage>,
    mentions: Vec<Vec<Mention>>,
    notes: Vec<Note>,
    corrected: HashSet<(usize, usize)>,
}

fn mention(text: &str, feature: &str, surface: &str) -> Mention {
    let start = text
        .find(surface)
        .unwrap_or_else(|| panic!("{surface} in {text}"));
    Mention {
        feature: feature.into(),
        start,
        end: start + surface.len(),
        surface: surface.into(),
        kind: MentionKind::Name,
    }
}

fn fixture() -> Fixture {
    let passage = |index: usize, text: &str| Passage {
        id: format!("roads#p{index}"),
        document: "roads".into(),
        index,
        heading: None,
        text: text.into(),
    };
    Fixture {
        features: vec![
            town("baku", "Baku", 49.87, 40.41),
            town("ganja", "Ganja", 46.36, 40.68),
            town("sheki", "Sheki", 47.17, 41.2),
        ],
        documents: vec![Document {
            id: "roads".into(),
            title: "Roads of the Caucasus".into(),
            title_supplied: false,
            authors: vec!["Ann Writer".into()],
            outlet: "Road Review".into(),
            date: "2024-05-01".into(),
            source: "https://example.org/roads".into(),
            byline_note: None,
        }],
        passages: vec![passage(0, P0), passage(1, P1)],
        mentions: vec![
            vec![mention(P0, "baku", "Baku"), mention(P0, "ganja", "Ganja")],
            Vec::new(),
        ],
        notes: Vec::new(),
        corrected: HashSet::new(),
    }
}

impl Source for Fixture {
    fn features(&self) -> &[Feature] {
        &self.features
    }
    fn feature_index(&self, id: &str) -> Option<usize> {
        self.features.iter().position(|f| f.id == id)
    }
    fn documents(&self) -> &[Document] {
        &self.documents
    }
    fn document_index(&self, id: &str) -> Option<usize> {
        self.documents.iter().position(|d| d.id == id)
    }
    fn passages(&self) -> &[Passage] {
        &self.passages
    }
    fn passage_index(&self, id: &str) -> Option<usize> {
        self.passages.iter().position(|p| p.id == id)
    }
    fn document_passages(&self, document: usize) -> Vec<usize> {
        if document == 0 {
            (0..self.passages.len()).collect()
        } else {
            Vec::new()
        }
    }
    fn mentions(&self, passage: usize) -> &[Mention] {
        self.mentions.get(passage).map_or(&[], |m| m.as_slice())
    }
    fn passages_of(&self, feature: usize) -> Vec<PassageHit> {
        let Some(id) = self.features.get(feature).map(|f| f.id.as_str()) else {
            return Vec::new();
        };
        (0..self.passages.len())
            .filter(|&p| self.mentions(p).iter().any(|m| m.feature == id))
            .map(|passage| PassageHit {
                passage,
                score: 1.0,
            })
            .collect()
    }
    fn co_mentioned(&self, _feature: usize) -> Vec<(usize, usize)> {
        Vec::new()
    }
    fn search(&self, query: &str, limit: usize) -> Vec<SearchHit> {
        let q = query.to_lowercase();
        self.features
            .iter()
            .enumerate()
            .filter(|(_, f)| f.name.to_lowercase().starts_with(&q))
            .take(limit)
            .map(|(i, f)| SearchHit {
                target: HitTarget::Feature(i),
                score: 1.0,
                matched: f.name.clone(),
                spans: Vec::new(),
            })
            .collect()
    }
    fn notes(&self) -> &[Note] {
        &self.notes
    }
    fn is_corrected(&self, passage: usize, start: usize) -> bool {
        self.corrected.contains(&(passage, start))
    }
}

struct Panel {
    src: Fixture,
    reading: Reading,
    out: Vec<Command>,
}

/// The reading panel on the reader tab with the fixture's document open.
fn harness(src: Fixture) -> Harness<'static, Panel> {
    let mut reading = Reading::default();
    reading.state.tab = Tab::Reader;
    reading.state.open_document = Some("roads".into());
    let panel = Panel {
        src,
        reading,
        out: Vec::new(),
    };
    // Short steps: two clicks a step apart are a double-click.
    let mut h = Harness::builder()
        .with_size(Vec2::new(520.0, 700.0))
        .with_step_dt(0.05)
        .build_ui_state(
            |ui, p: &mut Panel| p.reading.show(ui, &p.src, &mut p.out),
            panel,
        );
    h.run_steps(2);
    h
}

/// The corrections emitted so far.
fn corrections(h: &Harness<'_, Panel>) -> Vec<caspian_atlas::links::correct::Correction> {
    h.state()
        .out
        .iter()
        .filter_map(|c| match c {
            Command::Correct(c) => Some(c.clone()),
            _ => None,
        })
        .collect()
}

/// The notes emitted so far.
fn added_notes(h: &Harness<'_, Panel>) -> Vec<(Target, NoteContent)> {
    h.state()
        .out
        .iter()
        .filter_map(|c| match c {
            Command::AddNote(t, n) => Some((*t, n.clone())),
            _ => None,
        })
        .collect()
}

/// Press and release twice at a point, a frame (a quarter second) apart: a double-click.
fn double_click_at(h: &mut Harness<'_, Panel>, p: Pos2) {
    h.hover_at(p);
    h.step();
    for _ in 0..2 {
        for pressed in [true, false] {
            h.event(egui::Event::PointerButton {
                pos: p,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: egui::Modifiers::NONE,
            });
        }
        h.step();
    }
    h.run_steps(2);
}

/// The passage text's node (labelled with the whole text).
fn text_rect(h: &Harness<'_, Panel>, text: &str) -> egui::Rect {
    h.get_by_label(text).rect()
}

#[test]
fn clicking_a_name_still_selects_and_flies_there() {
    let mut h = harness(fixture());
    h.get_by_label("Ganja").click();
    h.run_steps(2);
    let out = &h.state().out;
    assert!(
        out.contains(&Command::SelectFeature("ganja".into())),
        "{out:?}"
    );
    assert!(
        out.contains(&Command::FlyToFeature("ganja".into())),
        "{out:?}"
    );
    assert!(corrections(&h).is_empty());
}

#[test]
fn right_click_on_a_name_then_not_a_place_everywhere_emits_the_correction() {
    let mut h = harness(fixture());
    h.get_by_label("Baku").click_secondary();
    h.run_steps(2);
    h.get_by_label("Not a place").click();
    h.run_steps(2);
    h.get_by_label("Everywhere, in every text").click();
    h.run_steps(2);
    let got = corrections(&h);
    assert_eq!(got.len(), 1, "{:?}", h.state().out);
    let c = &got[0];
    assert_eq!(c.scope, Scope::Everywhere);
    assert_eq!(c.action, Action::NotAPlace);
    assert_eq!(c.surface, "Baku");
    assert_eq!((c.start, c.end), (5, 9));
    assert_eq!(c.passage, "roads#p0");
    assert_eq!(c.document, "roads");
    // The menu closed: nothing else to click.
    assert!(h.query_by_label("Not a place").is_none());
}

#[test]
fn not_this_place_opens_the_picker_and_links_another_feature() {
    let mut h = harness(fixture());
    h.get_by_label("Ganja").click_secondary();
    h.run_steps(2);
    h.get_by_label("Not this place: choose another…").click();
    h.run_steps(2);
    // The picker starts from the words; the linker's own choice is not offered again.
    assert!(h.query_by_label("Ganja — City").is_none());
    h.get_by_label("Everywhere in this document").click();
    h.run_steps(1);
    // Another name, typed over the words; Enter takes the highlighted result.
    h.get_by_label("Search places").click();
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Search places").type_text("Sh");
    h.run_steps(2);
    h.get_by_label("Sheki — City");
    h.key_press(egui::Key::Enter);
    h.run_steps(2);
    let got = corrections(&h);
    assert_eq!(got.len(), 1, "{:?}", h.state().out);
    assert_eq!(got[0].action, Action::LinkTo("sheki".into()));
    assert_eq!(got[0].scope, Scope::Document);
    assert_eq!(got[0].surface, "Ganja");
    assert_eq!(got[0].start, P0.find("Ganja").unwrap_or(0));
    assert!(h.state().reading.dialog.is_none(), "the picker closed");
}

#[test]
fn selected_words_are_linked_to_a_place_with_their_span() {
    let mut h = harness(fixture());
    // "Sheki" begins the second passage and is not linked: double-click selects the word.
    let r = text_rect(&h, P1);
    double_click_at(&mut h, Pos2::new(r.left() + 8.0, r.top() + 7.0));
    h.get_by_label("Link to a place…").click();
    h.run_steps(2);
    h.get_by_label("Sheki — City").click();
    h.run_steps(2);
    let got = corrections(&h);
    assert_eq!(got.len(), 1, "{:?}", h.state().out);
    assert_eq!(got[0].action, Action::LinkTo("sheki".into()));
    assert_eq!(got[0].scope, Scope::Mention);
    assert_eq!((got[0].start, got[0].end), (0, 5));
    assert_eq!(got[0].surface, "Sheki");
    assert_eq!(got[0].passage, "roads#p1");
}

#[test]
fn dragging_over_words_and_highlighting_stores_the_quote_with_its_context() {
    let mut h = harness(fixture());
    let r = text_rect(&h, P1);
    let y = r.top() + 7.0;
    // Press at the start of the line and drag past its end: the whole (one-line) passage.
    let start = Pos2::new(r.left() + 1.0, y);
    h.hover_at(start);
    h.step();
    h.drag_at(start);
    h.step();
    for k in 1..=6 {
        h.hover_at(Pos2::new(r.left() + 1.0 + k as f32 * 90.0, y));
        h.step();
    }
    h.drop_at(Pos2::new(r.left() + 600.0, y));
    h.run_steps(2);
    h.get_by_label("Highlight Green").click();
    h.run_steps(2);
    let notes = added_notes(&h);
    assert_eq!(notes.len(), 1, "{:?}", h.state().out);
    let (target, n) = &notes[0];
    assert_eq!(*target, Target::Highlight);
    assert_eq!(n.quote, P1.trim());
    assert_eq!(n.passage.as_deref(), Some("roads#p1"));
    assert_eq!(n.colour, "#a8e6a1");
    assert!(n.body.is_empty());
    // The bar is gone with the selection.
    assert!(h.query_by_label("Highlight Green").is_none());
}

#[test]
fn highlight_with_note_writes_the_note() {
    let mut h = harness(fixture());
    let r = text_rect(&h, P1);
    double_click_at(&mut h, Pos2::new(r.left() + 8.0, r.top() + 7.0));
    h.get_by_label("Highlight with note…").click();
    h.run_steps(2);
    h.get_by_label("Note").type_text("Silk road town");
    h.run_steps(1);
    h.get_by_label("Save").click();
    h.run_steps(2);
    let notes = added_notes(&h);
    assert_eq!(notes.len(), 1, "{:?}", h.state().out);
    assert_eq!(notes[0].1.quote, "Sheki");
    assert_eq!(notes[0].1.body, "Silk road town");
    // The words after it, as context to find the quote again.
    let suffix = &notes[0].1.suffix;
    assert!(
        suffix.len() > 20 && P1[5..].starts_with(suffix.as_str()),
        "{suffix:?}"
    );
}

fn stored_highlight(quote: &str, body: &str, colour: &str) -> Note {
    let start = P0.find(quote).unwrap_or(0);
    let anchor = caspian_atlas::corpus::anchor::Anchor::capture(P0, start, start + quote.len())
        .unwrap_or_else(|| panic!("{quote} anchors"));
    Note {
        id: 7,
        target: Target::Highlight,
        content: NoteContent {
            passage: Some("roads#p0".into()),
            feature: None,
            quote: anchor.quote,
            prefix: anchor.prefix,
            suffix: anchor.suffix,
            colour: colour.into(),
            body: body.into(),
        },
        created_at: String::new(),
        updated_at: String::new(),
    }
}

/// The laid-out sections of the painted text `text`, as (their text, background, underline).
fn painted_sections(
    h: &Harness<'_, Panel>,
    text: &str,
) -> Vec<(String, egui::Color32, egui::Stroke)> {
    let mut found = Vec::new();
    for clipped in &h.output().shapes {
        if let egui::Shape::Text(t) = &clipped.shape
            && t.galley.job.text == text
        {
            for s in &t.galley.job.sections {
                let piece = t
                    .galley
                    .job
                    .text
                    .get(s.byte_range.start.0..s.byte_range.end.0)
                    .unwrap_or("");
                found.push((piece.to_string(), s.format.background, s.format.underline));
            }
        }
    }
    found
}

#[test]
fn a_stored_highlight_is_drawn_and_its_note_shows_on_hover() {
    let mut src = fixture();
    src.notes.push(stored_highlight(
        "runs west",
        "Check the 2023 rerouting",
        "#a6d4ff",
    ));
    let mut h = harness(src);
    let sections = painted_sections(&h, P0);
    let dark = h.ctx.global_style().visuals.dark_mode;
    let blue = caspian_atlas::ui::annotate::highlight_colour("#a6d4ff", dark);
    assert_ne!(
        blue,
        caspian_atlas::ui::annotate::highlight_colour("#ffe066", dark)
    );
    assert!(
        sections
            .iter()
            .any(|(t, bg, _)| t == "runs west" && *bg == blue),
        "{sections:?}"
    );
    assert!(
        sections
            .iter()
            .all(|(t, bg, _)| *bg != blue || t == "runs west")
    );
    h.get_by_label("Highlight: runs west").hover();
    h.run_steps(20);
    h.get_by_label("Check the 2023 rerouting");
    // Right-click on it: change its colour, or remove it.
    let spot = h.get_by_label("Highlight: runs west").rect().center();
    right_click_at(&mut h, spot);
    h.get_by_label("Remove highlight").click();
    h.run_steps(2);
    assert!(
        h.state().out.contains(&Command::RemoveNote(7)),
        "{:?}",
        h.state().out
    );
}

#[test]
fn a_corrected_name_is_marked_and_says_so() {
    let mut src = fixture();
    let ganja = P0.find("Ganja").unwrap_or(0);
    src.corrected.insert((0, ganja));
    let mut h = harness(src);
    let sections = painted_sections(&h, P0);
    let under = |name: &str| {
        sections
            .iter()
            .find(|(t, _, _)| t == name)
            .map(|(_, _, u)| *u)
            .unwrap_or_else(|| panic!("{name} drawn: {sections:?}"))
    };
    assert_ne!(
        under("Ganja"),
        under("Baku"),
        "the corrected name looks different"
    );
    assert!(under("Ganja").width > under("Baku").width);
    h.get_by_label("Ganja").click_secondary();
    h.run_steps(2);
    h.get_by_label("Linked by your correction");
}

#[test]
fn a_passage_note_is_added_from_the_passage_menu_and_shown_with_a_marker() {
    let mut h = harness(fixture());
    passage_menu(&mut h, P1);
    h.get_by_label("Add note…").click();
    h.run_steps(2);
    h.get_by_label("Note").type_text("Ask about the road");
    h.run_steps(1);
    h.get_by_label("Save").click();
    h.run_steps(2);
    let notes = added_notes(&h);
    assert_eq!(notes.len(), 1, "{:?}", h.state().out);
    assert_eq!(notes[0].0, Target::Passage);
    assert_eq!(notes[0].1.passage.as_deref(), Some("roads#p1"));
    assert_eq!(notes[0].1.body, "Ask about the road");

    // Stored, it gets a marker under its passage.
    let mut src = fixture();
    src.notes.push(Note {
        id: 3,
        target: Target::Passage,
        content: NoteContent {
            passage: Some("roads#p1".into()),
            body: "Ask about the road".into(),
            ..NoteContent::default()
        },
        created_at: String::new(),
        updated_at: String::new(),
    });
    let h = harness(src);
    h.get_by_label("Note: Ask about the road");
}

/// Right-click at a point (press and release a frame after hovering it).
fn right_click_at(h: &mut Harness<'_, Panel>, spot: Pos2) {
    h.hover_at(spot);
    h.step();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: spot,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run_steps(2);
}

/// Right-click on a passage's words (nothing selected) opens the passage menu.
fn passage_menu(h: &mut Harness<'_, Panel>, text: &str) {
    let r = text_rect(h, text);
    right_click_at(h, Pos2::new(r.left() + 60.0, r.center().y));
}

/// Click a menu entry and gather what the frames after it put on the clipboard.
fn click_and_copied(h: &mut Harness<'_, Panel>, entry: &str) -> Vec<String> {
    h.get_by_label(entry).click();
    let mut copied = Vec::new();
    for _ in 0..3 {
        h.step();
        for c in &h.output().platform_output.commands {
            if let egui::OutputCommand::CopyText(t) = c {
                copied.push(t.clone());
            }
        }
    }
    copied
}

#[test]
fn copy_citation_puts_the_passages_chicago_citation_on_the_clipboard() {
    let mut h = harness(fixture());
    passage_menu(&mut h, P1);
    let copied = click_and_copied(&mut h, "Copy citation");
    assert_eq!(copied.len(), 1, "{copied:?}");
    let c = &copied[0];
    // Chicago author-date: Surname, Given. Year. "Title." Outlet, date. Source. Para. N [id].
    assert!(c.starts_with("Writer, Ann. 2024."), "{c}");
    assert!(c.contains("\u{201c}Roads of the Caucasus.\u{201d}"), "{c}");
    assert!(c.contains("Road Review"), "{c}");
    assert!(c.contains("https://example.org/roads"), "{c}");
    assert!(c.ends_with("[roads#p1]."), "{c}");
    assert!(
        !c.contains("Sheki lies"),
        "a citation without the quotation: {c}"
    );
}

#[test]
fn copy_passage_with_citation_quotes_the_words_then_cites_them() {
    let mut h = harness(fixture());
    passage_menu(&mut h, P1);
    let copied = click_and_copied(&mut h, "Copy passage with citation");
    assert_eq!(copied.len(), 1, "{copied:?}");
    let c = &copied[0];
    let quote = format!("\u{201c}{P1}\u{201d} (Writer 2024, para.");
    assert!(c.starts_with(&quote), "{c}");
    let (_, cite) = c.split_once("\n\n").unwrap_or(("", ""));
    assert!(cite.starts_with("Writer, Ann. 2024."), "{c}");
    assert!(cite.ends_with("[roads#p1]."), "{c}");
}
