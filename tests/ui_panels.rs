//! UI tests of the side panel's promises, on the real data through the real `eframe::App` with
//! `egui_kittest` (no GPU): a long card never widens the panel (and click-again cycling on the
//! map is not disturbed); one frame after a command the frame is right ("Read in context",
//! search); cards show names as links; an 800×600 window has no overlapping widgets; the panel's
//! grip resizes it and never pans the map.

use egui::{Pos2, Rect, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};

use caspian_atlas::app::{AppOptions, AtlasApp};
use caspian_atlas::map::widget::pick_at;
use caspian_atlas::ui::state::Tab;
use caspian_atlas::ui::{Command, Source};

fn harness_sized(size: Vec2) -> Harness<'static, AtlasApp> {
    let mut h = Harness::builder().with_size(size).build_eframe(|cc| {
        let opts = AppOptions {
            load_blocking: true,
            ..AppOptions::default()
        };
        AtlasApp::with_options(&opts, &cc.egui_ctx)
    });
    h.run_steps(3);
    h
}

fn harness() -> Harness<'static, AtlasApp> {
    harness_sized(Vec2::new(1600.0, 1000.0))
}

fn map_rect(h: &Harness<'_, AtlasApp>) -> Rect {
    match h.state().map.last_rect() {
        Some(r) => r,
        None => panic!("the map has been drawn"),
    }
}

fn selected_id(app: &AtlasApp) -> Option<String> {
    let data = app.data.as_ref()?;
    let i = app.map.selected?;
    data.atlas.features().get(i).map(|f| f.id.clone())
}

fn send(h: &mut Harness<'_, AtlasApp>, cmds: &[Command]) {
    h.state_mut().commands.extend(cmds.iter().cloned());
    h.run_steps(4);
}

/// Press and release at a point, then let frames pass so the next click is not a double-click.
fn click_at(h: &mut Harness<'_, AtlasApp>, p: Pos2) {
    h.hover_at(p);
    h.step();
    h.drag_at(p);
    h.step();
    h.event(egui::Event::PointerButton {
        pos: p,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.step();
    h.run_steps(30);
}

#[test]
fn long_cards_never_widen_the_panel() {
    let mut h = harness();
    let before = map_rect(&h);
    for id in [
        "baku-supsa-pipeline",
        "greater-caspian-region",
        "btc-pipeline",
    ] {
        send(&mut h, &[Command::SelectFeature(id.into())]);
        let after = map_rect(&h);
        assert!(
            (after.width() - before.width()).abs() < 0.5,
            "{id}: the map went from {} to {} wide",
            before.width(),
            after.width()
        );
        // The card's long rows stay inside the panel (they wrap).
        let panel = Rect::from_x_y_ranges(after.right()..=1600.0, 0.0..=1000.0);
        let row = if id == "greater-caspian-region" {
            "Members"
        } else {
            "Via"
        };
        assert!(panel.contains_rect(h.get_by_label(row).rect()), "{id}");
    }
}

#[test]
fn click_again_cycling_reaches_every_pipeline_under_the_pointer_after_long_cards() {
    let mut h = harness();
    // Zoom on the shared corridor west of Baku, where several pipelines run together.
    send(
        &mut h,
        &[Command::FlyToFeature("baku-supsa-pipeline".into())],
    );
    h.run_steps(90);
    let (p, stack) = {
        let app = h.state();
        let data = app.data.as_ref().expect("loaded");
        let rect = map_rect(&h);
        let centre = app
            .map
            .view
            .to_screen(rect, data.model.proj.forward(48.6, 40.55));
        // The spot near the corridor with the most pipelines under it.
        let pipelines = |s: &[usize]| {
            s.iter()
                .filter(|&&i| {
                    data.atlas
                        .features()
                        .get(i)
                        .is_some_and(|f| f.kind == caspian_atlas::atlas::Kind::Pipeline)
                })
                .count()
        };
        let mut best: (Pos2, Vec<usize>) = (centre, Vec::new());
        for dx in -30..=30 {
            for dy in -30..=30 {
                let q = centre + Vec2::new(dx as f32 * 3.0, dy as f32 * 3.0);
                if !rect.shrink(40.0).contains(q) {
                    continue;
                }
                let s = pick_at(&data.atlas, &data.model, &app.map, rect, q);
                if pipelines(&s) > pipelines(&best.1) {
                    best = (q, s);
                }
            }
        }
        best
    };
    assert!(
        stack.len() >= 3,
        "several features under the pointer: {stack:?}"
    );
    let width = map_rect(&h).width();
    let mut seen = Vec::new();
    for _ in 0..stack.len() {
        click_at(&mut h, p);
        let Some(data) = h.state().data.as_ref() else {
            panic!("loaded")
        };
        let id = selected_id(h.state()).expect("a feature is selected");
        seen.push(data.index_of(&id).expect("a feature"));
        // Its card (long for a pipeline) left the map where it was.
        assert!((map_rect(&h).width() - width).abs() < 0.5, "{id}");
    }
    let mut want = stack.clone();
    want.sort_unstable();
    seen.sort_unstable();
    assert_eq!(seen, want, "each feature under the pointer once");
}

#[test]
fn one_frame_after_read_in_context_the_reader_shows_the_passage() {
    let mut h = harness();
    // A feature whose most relevant passage (the first listed) sits deep in its document, so
    // the reader must scroll to show it.
    let (feature, passage) = {
        let app = h.state();
        let data = app.data.as_ref().expect("loaded");
        let view = data.view();
        let found = (0..view.features().len()).find_map(|f| {
            let top = view.passages_of(f).first()?.passage;
            let p = view.passages().get(top)?;
            (p.index >= 12).then(|| (view.features()[f].id.clone(), p.id.clone()))
        });
        found.expect("some feature's best passage is deep in a document")
    };
    send(&mut h, &[Command::SelectFeature(feature.clone())]);
    let Some(first) = h.get_all_by_label("Read in context").next() else {
        panic!("{feature}: a passage is listed")
    };
    first.click();
    h.step();
    // One frame: the reader is open on the passage and it is on screen.
    let app = h.state();
    assert_eq!(app.reading.state.tab, Tab::Reader);
    assert_eq!(
        app.reading.state.open_passage.as_deref(),
        Some(passage.as_str())
    );
    let data = app.data.as_ref().expect("loaded");
    let view = data.view();
    let pi = view.passage_index(&passage).expect("known passage");
    let mention = view
        .mentions(pi)
        .iter()
        .find(|m| m.feature == feature)
        .map(|m| m.surface.clone())
        .expect("the passage names the feature");
    let screen = Rect::from_min_max(Pos2::new(0.0, 60.0), Pos2::new(1600.0, 980.0));
    assert!(
        h.get_all_by_label(&mention)
            .any(|n| screen.contains_rect(n.rect())),
        "{mention} of {passage} is on screen one frame after Read in context"
    );
}

#[test]
fn one_frame_after_typing_the_box_shows_the_query_and_the_results() {
    let mut h = harness();
    h.get_by_label("Search").click();
    h.step();
    h.get_by_label("Search").type_text("Lachin");
    h.step();
    assert_eq!(h.state().reading.state.tab, Tab::Search);
    let value = h
        .get_by_label("Search")
        .accesskit_node()
        .value()
        .unwrap_or_default();
    assert_eq!(
        value, "Lachin",
        "the box shows the query, not its placeholder"
    );
    h.get_by_label_contains("Lachin corridor — Corridor");
}

#[test]
fn cards_show_names_that_select_the_feature() {
    let mut h = harness();
    send(
        &mut h,
        &[Command::SelectFeature("greater-caspian-region".into())],
    );
    // Members by name, not by id.
    assert!(h.query_by_label("armenia").is_none());
    assert!(
        h.query_all_by_label_contains("azerbaijan, georgia")
            .next()
            .is_none()
    );
    let link = h
        .query_all_by_label("Kyrgyzstan")
        .find(|n| n.rect().left() > map_rect(&h).right())
        .expect("Kyrgyzstan is a member link on the card");
    link.click();
    h.run_steps(4);
    assert_eq!(selected_id(h.state()).as_deref(), Some("kyrgyzstan"));
    // A city's country is a name too.
    send(&mut h, &[Command::SelectFeature("tabriz".into())]);
    let panel_left = map_rect(&h).right();
    assert!(
        h.query_all_by_label("Iran")
            .any(|n| n.rect().left() > panel_left),
        "Tabriz's country shows as Iran"
    );
    assert!(h.query_by_label("iran").is_none());
}

/// The interactive and text widgets of a window, with their rects.
fn widget_rects(h: &Harness<'_, AtlasApp>) -> Vec<(String, Rect)> {
    h.query_all(by().predicate(|n| {
        n.label().is_some_and(|l| !l.is_empty())
            && !matches!(
                n.role(),
                egui::accesskit::Role::Window
                    | egui::accesskit::Role::GenericContainer
                    | egui::accesskit::Role::Pane
                    | egui::accesskit::Role::ScrollView
                    | egui::accesskit::Role::Canvas
                    | egui::accesskit::Role::Splitter
            )
    }))
    .map(|n| (n.accesskit_node().label().unwrap_or_default(), n.rect()))
    .filter(|(_, r)| r.is_positive())
    .collect()
}

#[test]
fn an_800_by_600_window_has_no_overlapping_widgets_and_a_usable_map() {
    let mut h = harness_sized(Vec2::new(800.0, 600.0));
    send(&mut h, &[Command::SelectFeature("azerbaijan".into())]);
    let map = map_rect(&h);
    assert!(map.width() >= 400.0, "the map is {} wide", map.width());
    assert!(map.height() >= 400.0, "the map is {} tall", map.height());
    let window = Rect::from_min_size(Pos2::ZERO, Vec2::new(800.0, 600.0));
    let rects = widget_rects(&h);
    assert!(rects.len() > 20, "{rects:?}");
    // Only what is shown: widgets in the top bar, the status bar and the map's overlays (the
    // panel's content scrolls and is clipped, so its rows may run under its edges).
    let bars: Vec<&(String, Rect)> = rects
        .iter()
        .filter(|(_, r)| window.contains_rect(*r))
        .filter(|(_, r)| {
            r.bottom() <= map.top() + 1.0 || r.top() >= map.bottom() - 1.0 || map.contains_rect(*r)
        })
        .collect();
    for (i, (a, ra)) in bars.iter().enumerate() {
        for (b, rb) in bars.iter().skip(i + 1) {
            let overlap = ra.intersect(*rb);
            // Containers hold their labels: a rect inside another is not an overlap.
            if ra.contains_rect(*rb) || rb.contains_rect(*ra) {
                continue;
            }
            assert!(
                !(overlap.width() > 1.0 && overlap.height() > 1.0),
                "{a:?} {ra:?} overlaps {b:?} {rb:?}"
            );
        }
    }
    // The search box and the theme switch are both in the top bar, apart.
    let search = h.get_by_label("Search").rect();
    let system = h.get_by_label("System").rect();
    assert!(
        search.right() < system.left(),
        "{search:?} runs into {system:?}"
    );
    assert!(system.right() <= 800.0);
    // The layer switches start folded in a small window, leaving the map to the reader; one
    // click shows them.
    assert!(h.query_by_label("Countries").is_none());
    h.get_by_label("+ Layers").click();
    h.run_steps(2);
    h.get_by_label("Countries");
    h.get_by_label("\u{2212} Layers");
}

#[test]
fn a_quick_drag_on_the_grip_resizes_the_panel_and_never_pans_the_map() {
    let mut h = harness();
    let before = map_rect(&h);
    let view_before = h.state().map.view.center;
    // Start 4 points inside the map: still the grip, which is wider than the edge line.
    let start = Pos2::new(before.right() - 4.0, before.center().y);
    h.hover_at(start);
    h.step();
    h.drag_at(start);
    h.step();
    let end = Pos2::new(start.x - 100.0, start.y);
    h.hover_at(end);
    h.step();
    h.event(egui::Event::PointerButton {
        pos: end,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run_steps(4);
    let after = map_rect(&h);
    assert!(
        (before.width() - after.width() - 100.0).abs() < 8.0,
        "map {} → {} wide",
        before.width(),
        after.width()
    );
    assert_eq!(
        h.state().map.view.center,
        view_before,
        "the map did not pan"
    );
    assert_eq!(
        selected_id(h.state()),
        None,
        "nor was it a click on the map"
    );
}
