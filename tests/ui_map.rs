//! UI tests of the map on the real embedded geodata, through the real `eframe::App`, with
//! `egui_kittest` (no GPU): click to select, pick a pipeline over a country, cycle the stack,
//! toggle a layer, zoom with the keyboard, hover a city for its tooltip.

use egui::{Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use caspian_atlas::app::{AppOptions, AtlasApp};
use caspian_atlas::atlas::Kind;
use caspian_atlas::map::GeomClass;
use caspian_atlas::map::widget::{pick_at, scale_bar};

fn harness() -> Harness<'static, AtlasApp> {
    let mut h = Harness::builder()
        .with_size(Vec2::new(1600.0, 1000.0))
        .build_eframe(|cc| {
            AtlasApp::new(
                cc,
                AppOptions {
                    load_blocking: true,
                    ..AppOptions::default()
                },
            )
        });
    h.run_steps(3);
    h
}

/// Screen position of a world point on the current view.
fn screen_of_world(app: &AtlasApp, w: [f64; 2]) -> Pos2 {
    let rect = app.map.last_rect().expect("map drawn");
    app.map.view.to_screen(rect, w)
}

fn screen_of(app: &AtlasApp, lon: f64, lat: f64) -> Pos2 {
    let data = app.data.as_ref().expect("loaded");
    screen_of_world(app, data.model.proj.forward(lon, lat))
}

/// Somewhere free of the overlays (layer panel top-left, legend bottom-right, scale bar).
fn clear_of_overlays(app: &AtlasApp, p: Pos2) -> bool {
    let r = app.map.last_rect().expect("map drawn");
    let inner = r.shrink(20.0);
    let nav = egui::Rect::from_min_size(r.min, Vec2::new(200.0, 340.0));
    let legend =
        egui::Rect::from_min_max(r.right_bottom() - Vec2::new(250.0, 400.0), r.right_bottom());
    inner.contains(p) && !nav.contains(p) && !legend.contains(p)
}

fn stack_at(app: &AtlasApp, p: Pos2) -> Vec<usize> {
    let data = app.data.as_ref().expect("loaded");
    let rect = app.map.last_rect().expect("map drawn");
    pick_at(&data.atlas, &data.model, &app.map, rect, p)
}

fn id_of(app: &AtlasApp, i: usize) -> String {
    app.data.as_ref().unwrap().atlas.features()[i].id.clone()
}

fn kind_of(app: &AtlasApp, i: usize) -> Kind {
    app.data.as_ref().unwrap().atlas.features()[i].kind
}

/// Click at a point, then let enough frames pass that the next click is not a double-click.
fn click_at(h: &mut Harness<'_, AtlasApp>, p: Pos2) {
    h.hover_at(p);
    h.step();
    h.drag_at(p);
    h.step();
    h.drop_at(p);
    h.step();
    h.run_steps(40);
}

/// A point on screen where a pipeline lies over a country, away from cities.
fn pipeline_spot(app: &AtlasApp) -> Option<(Pos2, Vec<usize>)> {
    let data = app.data.as_ref()?;
    for (i, f) in data.atlas.features().iter().enumerate() {
        if f.kind != Kind::Pipeline || data.model.geoms[i].class != GeomClass::Line {
            continue;
        }
        for line in &data.model.geoms[i].lines {
            for w in line.windows(2) {
                let mid = [
                    f64::from(w[0][0] + w[1][0]) / 2.0,
                    f64::from(w[0][1] + w[1][1]) / 2.0,
                ];
                let p = screen_of_world(app, mid);
                if !clear_of_overlays(app, p) {
                    continue;
                }
                let stack = stack_at(app, p);
                let top_is_line = stack
                    .first()
                    .is_some_and(|&t| kind_of(app, t) == Kind::Pipeline);
                let has_country = stack.iter().any(|&t| kind_of(app, t) == Kind::Country);
                if top_is_line && has_country && stack.len() >= 2 {
                    return Some((p, stack));
                }
            }
        }
    }
    None
}

#[test]
fn window_opens_on_the_whole_region_with_controls() {
    let h = harness();
    let app = h.state();
    assert!(app.data.is_some());
    // The whole region is in view: Baku, Tashkent, Ankara and Tehran are all on screen.
    let rect = app.map.last_rect().unwrap();
    for (lon, lat) in [
        (49.87, 40.41),
        (69.24, 41.30),
        (32.85, 39.93),
        (51.39, 35.69),
    ] {
        assert!(
            rect.contains(screen_of(app, lon, lat)),
            "{lon},{lat} off screen"
        );
    }
    h.get_by_label("Whole region");
    h.get_by_label("Pipelines");
    h.get_by_label("Countries");
    h.get_by_label("Nothing selected");
}

#[test]
fn click_inside_a_country_selects_it() {
    let mut h = harness();
    let app = h.state();
    let data = app.data.as_ref().unwrap();
    let kz = data
        .index_of("kazakhstan")
        .expect("kazakhstan in the atlas");
    // The country's label point, which lies inside it.
    let at = data.model.geoms[kz].label_at.expect("label point");
    let p = screen_of_world(app, [f64::from(at[0]), f64::from(at[1])]);
    let stack = stack_at(app, p);
    assert!(
        stack.contains(&kz),
        "kazakhstan beneath its own label point"
    );
    let top = stack[0];
    click_at(&mut h, p);
    let app = h.state();
    assert_eq!(app.selection.as_deref(), Some(id_of(app, top).as_str()));
    assert_eq!(app.selection.as_deref(), Some("kazakhstan"));
    // The side panel shows it (its card, and passages naming it).
    assert!(h.query_all_by_label("Kazakhstan").next().is_some());
}

#[test]
fn pipeline_is_picked_over_the_country_and_clicks_cycle_the_stack() {
    let mut h = harness();
    let (p, stack) = pipeline_spot(h.state()).expect("a pipeline over a country on screen");
    click_at(&mut h, p);
    let first = h.state().selection.clone().unwrap();
    assert_eq!(first, id_of(h.state(), stack[0]));
    assert_eq!(kind_of(h.state(), stack[0]), Kind::Pipeline);
    // Clicking again at the same spot goes one down the stack, and wraps around.
    click_at(&mut h, p);
    assert_eq!(
        h.state().map.click_stack().map(|(s, at)| (s.to_vec(), at)),
        Some((stack.clone(), 1))
    );
    let second = h.state().selection.clone().unwrap();
    assert_eq!(second, id_of(h.state(), stack[1]));
    assert_ne!(first, second);
    for _ in 2..stack.len() {
        click_at(&mut h, p);
    }
    click_at(&mut h, p);
    assert_eq!(
        h.state().selection.clone().unwrap(),
        first,
        "the cycle wraps"
    );
}

#[test]
fn hidden_layer_is_not_picked() {
    let mut h = harness();
    let (p, _) = pipeline_spot(h.state()).expect("a pipeline over a country on screen");
    h.get_by_label("Pipelines").click();
    h.run_steps(5);
    assert!(!h.state().map.layers.is_visible(Kind::Pipeline));
    let stack = stack_at(h.state(), p);
    assert!(
        stack
            .iter()
            .all(|&i| kind_of(h.state(), i) != Kind::Pipeline)
    );
    click_at(&mut h, p);
    let app = h.state();
    let sel = app
        .selection
        .clone()
        .expect("something beneath is selected");
    let i = app.data.as_ref().unwrap().index_of(&sel).unwrap();
    assert_ne!(kind_of(app, i), Kind::Pipeline);
    // And back on: the pipeline is topmost again.
    h.get_by_label("Pipelines").click();
    h.run_steps(5);
    let stack = stack_at(h.state(), p);
    assert_eq!(kind_of(h.state(), stack[0]), Kind::Pipeline);
}

#[test]
fn keyboard_zoom_changes_the_scale_and_home_returns() {
    let mut h = harness();
    let s0 = h.state().map.view.scale;
    let (km0, _) = {
        let app = h.state();
        scale_bar(&app.map, &app.data.as_ref().unwrap().model)
    };
    for _ in 0..3 {
        h.key_press(egui::Key::Plus);
        h.step();
    }
    h.run_steps(2);
    let s1 = h.state().map.view.scale;
    assert!((s1 / s0 - 1.5f64.powi(3)).abs() < 1e-6, "{s0} -> {s1}");
    let (km1, _) = {
        let app = h.state();
        scale_bar(&app.map, &app.data.as_ref().unwrap().model)
    };
    assert!(
        km1 < km0,
        "scale bar shortens in km as we zoom in: {km0} -> {km1}"
    );
    h.key_press(egui::Key::Minus);
    h.step();
    assert!(h.state().map.view.scale < s1);
    // Home flies back to the whole region.
    h.key_press(egui::Key::Home);
    h.run_steps(90);
    assert!((h.state().map.view.scale - s0).abs() / s0 < 1e-6);
}

#[test]
fn hovering_a_city_shows_its_tooltip() {
    let mut h = harness();
    h.state_mut().passage_counts = Some([("tbilisi".to_string(), 7usize)].into_iter().collect());
    let app = h.state();
    let data = app.data.as_ref().unwrap();
    let i = data.index_of("tbilisi").expect("tbilisi in the atlas");
    let pt = data.model.geoms[i].points[0];
    let p = screen_of_world(app, [f64::from(pt[0]), f64::from(pt[1])]);
    assert_eq!(stack_at(app, p).first(), Some(&i));
    h.hover_at(p);
    h.run_steps(30);
    assert_eq!(h.state().map.hovered(), Some(i));
    h.get_by_label("Tbilisi");
    h.get_by_label("7 passages mention it");
}
