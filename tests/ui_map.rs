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

fn harness_with(opts: AppOptions) -> Harness<'static, AtlasApp> {
    let mut h = Harness::builder()
        .with_size(Vec2::new(1600.0, 1000.0))
        .build_eframe(move |cc| {
            AtlasApp::new(
                cc,
                AppOptions {
                    load_blocking: true,
                    ..opts.clone()
                },
            )
        });
    h.run_steps(3);
    h
}

/// Screen position of a feature's label point (inside it).
fn label_point(app: &AtlasApp, id: &str) -> Pos2 {
    let data = app.data.as_ref().expect("loaded");
    let i = data
        .index_of(id)
        .unwrap_or_else(|| panic!("{id} in the atlas"));
    let Some(at) = data.model.geoms[i].label_at else {
        panic!("{id} has a label point");
    };
    screen_of_world(app, [f64::from(at[0]), f64::from(at[1])])
}

#[test]
fn shading_changes_a_country_s_fill_in_both_themes() {
    for dark in [false, true] {
        let mut h = harness();
        h.ctx.set_theme(if dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        h.state_mut().reading.state.choropleth = false;
        // Only the countries: no line, hatching or marker over the country's label point.
        for k in [
            Kind::Pipeline,
            Kind::Corridor,
            Kind::City,
            Kind::Field,
            Kind::Region,
            Kind::MacroRegion,
        ] {
            h.state_mut().map.layers.set_visible(k, false);
        }
        h.run_steps(3);
        let p = label_point(h.state(), "azerbaijan");
        let Some(plain) = h.state().map.base_color_at(p) else {
            panic!("Azerbaijan is filled");
        };
        h.state_mut().reading.state.choropleth = true;
        h.run_steps(2);
        let Some(shaded) = h.state().map.base_color_at(p) else {
            panic!("Azerbaijan is still filled");
        };
        assert_ne!(
            plain, shaded,
            "dark={dark}: the shading shows on Azerbaijan"
        );
        // Off again: the plain fill comes back.
        h.state_mut().reading.state.choropleth = false;
        h.run_steps(2);
        assert_eq!(h.state().map.base_color_at(p), Some(plain), "dark={dark}");
    }
}

#[test]
fn shade_option_turns_the_shading_on() {
    let h = harness_with(AppOptions {
        shade: true,
        ..AppOptions::default()
    });
    assert!(h.state().reading.state.choropleth);
}

#[test]
fn legend_entries_follow_the_layer_toggles_and_the_legend_collapses() {
    let mut h = harness();
    assert!(h.query_by_label("Oil pipeline").is_some());
    assert!(h.query_by_label("Capital").is_some());
    h.get_by_label("Pipelines").click();
    h.run_steps(2);
    assert!(
        h.query_by_label("Oil pipeline").is_none(),
        "no symbol of a hidden layer"
    );
    assert!(h.query_by_label("Capital").is_some());
    h.get_by_label("Cities").click();
    h.run_steps(2);
    assert!(h.query_by_label("Capital").is_none());
    h.get_by_label("Pipelines").click();
    h.run_steps(2);
    assert!(h.query_by_label("Oil pipeline").is_some());
    // Collapsed, the legend is a button; opened again, its entries are back.
    h.get_by_label("− Legend").click();
    h.run_steps(2);
    assert!(h.query_by_label("Oil pipeline").is_none());
    assert!(!h.state().map.legend_open);
    h.get_by_label("+ Legend").click();
    h.run_steps(2);
    assert!(h.query_by_label("Oil pipeline").is_some());
}

/// A point on BTC where the South Caucasus pipeline runs too, clear of the overlays.
fn shared_corridor_spot(app: &AtlasApp) -> Option<(Pos2, Vec<usize>)> {
    let data = app.data.as_ref()?;
    let btc = data.index_of("btc-pipeline")?;
    let scp = data.index_of("south-caucasus-pipeline")?;
    for line in &data.model.geoms[btc].lines {
        for w in line.windows(2) {
            for t in [0.25f64, 0.5, 0.75] {
                let at = [
                    f64::from(w[0][0]) * (1.0 - t) + f64::from(w[1][0]) * t,
                    f64::from(w[0][1]) * (1.0 - t) + f64::from(w[1][1]) * t,
                ];
                let p = screen_of_world(app, at);
                if !clear_of_overlays(app, p) {
                    continue;
                }
                let stack = stack_at(app, p);
                if stack.contains(&btc) && stack.contains(&scp) {
                    return Some((p, stack));
                }
            }
        }
    }
    None
}

#[test]
fn clicks_on_the_shared_btc_corridor_reach_every_feature_and_list_them() {
    let mut h = harness();
    // Zoom in on the South Caucasus so that the corridor is long on screen.
    for _ in 0..2 {
        h.key_press(egui::Key::Plus);
        h.step();
    }
    h.run_steps(3);
    let (p, stack) =
        shared_corridor_spot(h.state()).expect("BTC and SCP share a corridor on screen");
    assert!(stack.len() >= 2);
    click_at(&mut h, p);
    // The pick list lists everything under the pointer.
    let Some(list) = h.state().map.pick_list.clone() else {
        panic!("a click where two pipelines meet opens the pick list");
    };
    assert_eq!(list.items, stack);
    h.get_by_label_contains("Baku-Tbilisi-Ceyhan (BTC) oil pipeline —");
    h.get_by_label_contains("South Caucasus gas pipeline (Baku-Tbilisi-Erzurum) —");
    // Clicking again and again goes down the stack and reaches every feature under it.
    let mut seen = vec![h.state().selection.clone().expect("a first pick")];
    for _ in 1..stack.len() {
        click_at(&mut h, p);
        seen.push(h.state().selection.clone().expect("a pick"));
    }
    let mut want: Vec<String> = stack.iter().map(|&i| id_of(h.state(), i)).collect();
    want.sort();
    seen.sort();
    assert_eq!(seen, want, "every feature under the pointer, once each");
    // Choosing in the list selects that feature and closes the list.
    click_at(&mut h, p);
    assert!(h.state().map.pick_list.is_some());
    h.get_by_label_contains("South Caucasus gas pipeline (Baku-Tbilisi-Erzurum) —")
        .click();
    h.run_steps(3);
    assert_eq!(
        h.state().selection.as_deref(),
        Some("south-caucasus-pipeline")
    );
    assert!(h.state().map.pick_list.is_none());
}

#[test]
fn hover_tooltip_shows_at_once_and_ends_off_the_map() {
    let mut h = harness();
    let app = h.state();
    let data = app.data.as_ref().unwrap();
    let i = data.index_of("tbilisi").expect("tbilisi in the atlas");
    let pt = data.model.geoms[i].points[0];
    let p = screen_of_world(app, [f64::from(pt[0]), f64::from(pt[1])]);
    // Before the pointer moves, nothing is hovered (whatever position egui assumes).
    assert_eq!(h.state().map.hovered(), None);
    h.hover_at(p);
    h.run_steps(2);
    assert_eq!(h.state().map.hovered(), Some(i));
    assert!(h.query_by_label("Tbilisi").is_some(), "the tooltip at once");
    // Onto the side panel: the hover and its tooltip end.
    let rect = h.state().map.last_rect().unwrap();
    h.hover_at(Pos2::new(rect.max.x + 60.0, rect.center().y));
    h.run_steps(2);
    assert_eq!(h.state().map.hovered(), None);
    assert!(h.query_by_label("Tbilisi").is_none(), "no stuck tooltip");
}

#[test]
fn small_countries_are_labelled_at_the_whole_region_view() {
    let h = harness();
    let labels: Vec<String> = h
        .state()
        .map
        .label_texts()
        .into_iter()
        .map(|l| l.replace('\u{2009}', ""))
        .collect();
    let data = h.state().data.as_ref().unwrap();
    for id in [
        "armenia",
        "georgia",
        "azerbaijan",
        "uzbekistan",
        "kyrgyzstan",
        "tajikistan",
    ] {
        let f = &data.atlas.features()[data.index_of(id).unwrap()];
        let iso = f.prop_str("iso_a3").unwrap_or("?");
        assert!(
            labels
                .iter()
                .any(|l| *l == f.name.to_uppercase() || l == iso),
            "{id} has a label: {labels:?}"
        );
    }
}

#[test]
fn lines_sharing_a_corridor_are_drawn_side_by_side() {
    let mut h = harness();
    let check = |h: &Harness<'static, AtlasApp>, ids: &[&str], at: &str| {
        let app = h.state();
        let data = app.data.as_ref().unwrap();
        for id in ids {
            let i = data
                .index_of(id)
                .unwrap_or_else(|| panic!("{id} in the atlas"));
            assert!(
                app.map.bundled(i),
                "{id} is offset beside its neighbours {at}"
            );
        }
    };
    let shared = [
        "btc-pipeline",
        "south-caucasus-pipeline",
        "baku-supsa-pipeline",
        "zangezur-corridor",
        "soviet-nakhchivan-railway",
    ];
    check(&h, &shared, "at the whole-region view");
    for _ in 0..3 {
        h.key_press(egui::Key::Plus);
        h.step();
    }
    h.run_steps(3);
    check(&h, &shared, "zoomed in");
}

#[test]
fn the_base_map_is_rasterised_once_per_view_not_for_hover_or_selection() {
    let mut h = harness();
    let before = h.state().map.base_rasterised();
    assert!(before >= 1, "the base map was drawn");
    let app = h.state();
    let data = app.data.as_ref().unwrap();
    let i = data.index_of("tbilisi").expect("tbilisi in the atlas");
    let pt = data.model.geoms[i].points[0];
    let p = screen_of_world(app, [f64::from(pt[0]), f64::from(pt[1])]);
    // Hover, then select: highlights change, the base map does not.
    h.hover_at(p);
    h.run_steps(2);
    assert_eq!(h.state().map.hovered(), Some(i));
    click_at(&mut h, p);
    assert!(h.state().selection.is_some());
    assert_eq!(h.state().map.base_rasterised(), before, "no new raster");
    assert!(h.state().map.settled());
    // A layer switched off: drawn again on the next frame, without the layer.
    h.get_by_label("Countries").click();
    h.run_steps(3);
    assert!(h.state().map.base_rasterised() > before);
    assert!(h.state().map.settled());
}

#[test]
fn legend_shows_the_gazetteer_symbols_with_their_layers() {
    let mut h = harness();
    for (entry, toggle) in [
        ("Town (gazetteer)", "Towns (gazetteer)"),
        ("River", "Rivers"),
        ("Lake", "Lakes"),
        ("Mountain, pass…", "Mountains, passes…"),
    ] {
        assert!(h.query_by_label(entry).is_some(), "{entry} in the legend");
        h.get_by_label(toggle).click();
        h.run_steps(2);
        assert!(
            h.query_by_label(entry).is_none(),
            "{entry} gone with its layer"
        );
        h.get_by_label(toggle).click();
        h.run_steps(2);
        assert!(h.query_by_label(entry).is_some(), "{entry} back");
    }
}
