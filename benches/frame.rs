//! CPU time of one full map frame at 1600×1000 with every layer on, headless on an
//! `egui::Context`: the widget's drawing (transform + cull + labels) plus egui's tessellation.
//! Two views: the whole region (zoomed out) and the South Caucasus (zoomed in). A still view
//! reuses the base map's texture; while panning the UI thread only records the next view's
//! scene (the rasteriser thread paints it); a layer toggled every frame measures the
//! rasterisation itself.

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, Rect, Vec2};

use caspian_atlas::app::Loaded;
use caspian_atlas::atlas::Kind;
use caspian_atlas::map::{MapState, MapWidget, View, mesh};

fn frame(ctx: &egui::Context, data: &mut Loaded, state: &mut MapState) -> usize {
    let input = egui::RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, Vec2::new(1600.0, 1000.0))),
        ..Default::default()
    };
    let mut out = ctx.run_ui(input, |ui| {
        egui::CentralPanel::no_frame().show(ui, |ui| {
            MapWidget::new(&data.atlas, &mut data.model, state).show(ui);
        });
    });
    let prims = ctx.tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
    // No renderer here: the font atlas updates are dropped on purpose.
    out.drop_without_applying_deltas();
    prims.len()
}

fn bench(c: &mut Criterion) {
    // As the app does at start (`app::run`).
    caspian_atlas::app::tune_allocator();
    let mut data = Loaded::load();
    let ctx = egui::Context::default();
    let size = Vec2::new(1600.0, 1000.0);

    let mut whole = MapState::default();
    // Warm up: fonts, the view fit, the level-of-detail caches.
    for _ in 0..3 {
        frame(&ctx, &mut data, &mut whole);
    }
    c.bench_function("frame 1600x1000 whole region", |b| {
        b.iter(|| frame(&ctx, &mut data, &mut whole))
    });

    // The view moves every frame (a pan): nothing drawn on the last frame can be reused.
    let mut panning = MapState::default();
    panning.view = View::fitted(data.model.region, size);
    panning.fitted = true;
    let mut step = 0u32;
    c.bench_function("frame 1600x1000 whole region panning", |b| {
        b.iter(|| {
            step += 1;
            let d = if step.is_multiple_of(2) { 1.0 } else { -1.0 };
            panning.view.pan(Vec2::new(d, 0.0));
            frame(&ctx, &mut data, &mut panning)
        })
    });

    // A layer toggled every frame: the base map is rasterised again on the UI thread each time
    // (what a view change costs the rasteriser thread).
    let mut toggled = MapState::default();
    toggled.view = View::fitted(data.model.region, size);
    toggled.fitted = true;
    let mut on = true;
    c.bench_function("frame 1600x1000 whole region rasterised", |b| {
        b.iter(|| {
            on = !on;
            toggled.layers.set_visible(Kind::Town, on);
            frame(&ctx, &mut data, &mut toggled)
        })
    });

    let mut caucasus = MapState::default();
    let proj = data.model.proj;
    let a = proj.forward(40.0, 38.3);
    let b = proj.forward(50.5, 43.7);
    let bbox: mesh::WRect = [a[0] as f32, a[1] as f32, b[0] as f32, b[1] as f32];
    caucasus.view = View::fitted(bbox, size);
    caucasus.fitted = true;
    for _ in 0..3 {
        frame(&ctx, &mut data, &mut caucasus);
    }
    c.bench_function("frame 1600x1000 south caucasus", |b| {
        b.iter(|| frame(&ctx, &mut data, &mut caucasus))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(60);
    targets = bench
}
criterion_main!(benches);
