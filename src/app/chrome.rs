//! The window's chrome: top bar (search, theme), status bar (pointer, scale, warnings), the
//! reading side panel with its resize grip, and the map panel.

use std::ops::RangeInclusive;
use std::time::Duration;

use egui::{CursorIcon, Id, Rect, Sense};

use super::AtlasApp;
use crate::map::MapWidget;
use crate::ui::Command;

/// The reading panel's width when the reader has not chosen one (points).
pub const PANEL_DEFAULT: f32 = 440.0;
/// The widths the reader may drag the panel to.
pub const PANEL_RANGE: RangeInclusive<f32> = 320.0..=900.0;
/// The panel never takes more than this share of the window's width: in a small window it
/// narrows (down to [`PANEL_NARROWEST`]) so the map is never a sliver.
const PANEL_SHARE: f32 = 0.45;
const PANEL_NARROWEST: f32 = 240.0;
/// Half the width of the panel's resize grip (points either side of its edge).
pub const GRIP_HALF_WIDTH: f32 = 6.0;
/// Below this window width the toolbar drops its subtitle and shortens the search box.
const NARROW_TOOLBAR: f32 = 1100.0;

fn chosen_width_id() -> Id {
    Id::unique("caspian-atlas/panel-width")
}

fn panel_hidden_id() -> Id {
    Id::unique("caspian-atlas/panel-hidden")
}

/// The panel's width in a window whose free width is `available`: the reader's choice, narrowed
/// to leave the map its share.
pub fn panel_width(chosen: f32, available: f32) -> f32 {
    let chosen = chosen.clamp(*PANEL_RANGE.start(), *PANEL_RANGE.end());
    chosen.min(available * PANEL_SHARE).max(PANEL_NARROWEST)
}

/// The width the reader chose by dragging the grip (kept with egui's memory across runs).
fn chosen_width(ctx: &egui::Context) -> f32 {
    ctx.data_mut(|d| *d.get_persisted_mut_or(chosen_width_id(), PANEL_DEFAULT))
}

fn panel_hidden(ctx: &egui::Context) -> bool {
    ctx.data_mut(|d| *d.get_persisted_mut_or(panel_hidden_id(), false))
}

impl AtlasApp {
    pub(super) fn top_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("top-bar").show(ui, |ui| {
            // A narrow window drops the subtitle and shortens the search box, so the theme
            // switch keeps its place on the right.
            let narrow = ui.available_width() < NARROW_TOOLBAR;
            ui.horizontal(|ui| {
                ui.heading("Caspian Atlas");
                if !narrow {
                    ui.weak("South Caucasus · Caspian · Central Asia");
                }
                if let Some(data) = &self.data {
                    ui.separator();
                    self.reading.search_box(
                        ui,
                        &data.view(),
                        &mut self.commands,
                        if narrow { 150.0 } else { 240.0 },
                    );
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let current = ui.ctx().options(|o| o.theme_preference);
                    for (pref, label) in [
                        (egui::ThemePreference::Dark, "Dark"),
                        (egui::ThemePreference::Light, "Light"),
                        (egui::ThemePreference::System, "System"),
                    ] {
                        if ui.selectable_label(current == pref, label).clicked() {
                            ui.ctx().set_theme(pref);
                        }
                    }
                    if !narrow {
                        ui.weak("Theme:");
                    }
                    ui.separator();
                    if self.data.is_some()
                        && ui
                            .selectable_label(self.exports.dialog.open, "Export…")
                            .on_hover_text(
                                "The map as shown (SVG, PNG), passages or notes (briefing, \
                                 bibliography, GeoJSON, CSV) to a file",
                            )
                            .clicked()
                    {
                        if self.exports.dialog.open {
                            self.exports.dialog.open = false;
                        } else {
                            self.open_export(ui.ctx());
                        }
                    }
                    let hidden = panel_hidden(ui.ctx());
                    if ui
                        .selectable_label(!hidden, "Panel")
                        .on_hover_text("Show or hide the reading panel")
                        .clicked()
                    {
                        ui.ctx()
                            .data_mut(|d| d.insert_persisted(panel_hidden_id(), !hidden));
                        ui.ctx().request_discard("reading panel shown or hidden");
                    }
                });
            });
        });
    }

    pub(super) fn status_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                match self.pointer {
                    Some([lon, lat]) => {
                        ui.monospace(format!("{}  {}", fmt_lat(lat), fmt_lon(lon)));
                    }
                    None => {
                        ui.monospace("—");
                    }
                }
                ui.separator();
                ui.monospace(format!("scale {:.3} pt/km", self.map.view.scale));
                if let Some(d) = &self.data {
                    ui.separator();
                    ui.label(format!(
                        "{} features · loaded in {} ms",
                        d.atlas.features().len(),
                        d.load_time.as_millis()
                    ));
                    if !d.warnings.is_empty() {
                        ui.separator();
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            format!("{} data warnings", d.warnings.len()),
                        )
                        .on_hover_text(d.warnings.join("\n"));
                    }
                }
            });
        });
    }

    /// The reading side panel: feature card, passages, reader, search results, filters. Its
    /// width is the reader's (dragged with [`AtlasApp::panel_grip`]), narrowed in a small window;
    /// its content never changes it (a panel that followed its content would shift the map under
    /// the pointer on every selection): long content wraps or scrolls.
    pub(super) fn side_panel(&mut self, ui: &mut egui::Ui) {
        if panel_hidden(ui.ctx()) {
            return;
        }
        let width = panel_width(chosen_width(ui.ctx()), ui.available_width());
        egui::Panel::right("selection")
            .resizable(false)
            .exact_size(width)
            .show(ui, |ui| {
                // Fill the width, and wrap at it, whatever the content would like.
                let w = ui.available_width();
                ui.set_min_width(w);
                ui.set_max_width(w);
                let Some(data) = &self.data else {
                    ui.weak("Loading…");
                    return;
                };
                self.reading.show(ui, &data.view(), &mut self.commands);
                if self.reading.library_tab {
                    self.library_panel(ui);
                }
            });
    }

    /// The panel's resize grip: a band either side of its edge, above the map (registered after
    /// it, so a drag that starts on the band resizes the panel and never pans the map), with a
    /// resize cursor.
    pub(super) fn panel_grip(&mut self, ui: &mut egui::Ui) {
        if panel_hidden(ui.ctx()) || self.data.is_none() {
            return;
        }
        let Some(map) = self.map.last_rect() else {
            return;
        };
        let x = map.right();
        let band = Rect::from_x_y_ranges(x - GRIP_HALF_WIDTH..=x + GRIP_HALF_WIDTH, map.y_range());
        let resp = ui.interact(band, Id::unique("caspian-atlas/panel-grip"), Sense::drag());
        resp.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Splitter, true, "Resize the reading panel")
        });
        if resp.hovered() || resp.dragged() {
            ui.ctx().set_cursor_icon(CursorIcon::ResizeHorizontal);
            let stroke = if resp.dragged() {
                ui.visuals().widgets.active.fg_stroke
            } else {
                ui.visuals().widgets.hovered.fg_stroke
            };
            ui.painter().vline(x, map.y_range(), stroke);
        }
        let dx = resp.drag_delta().x;
        if resp.dragged() && dx != 0.0 {
            // The panel is on the right: dragging its edge left widens it.
            let available = ui.ctx().content_rect().width();
            let now = panel_width(chosen_width(ui.ctx()), available);
            let chosen = (now - dx).clamp(*PANEL_RANGE.start(), *PANEL_RANGE.end());
            ui.ctx()
                .data_mut(|d| d.insert_persisted(chosen_width_id(), chosen));
            ui.ctx().request_discard("reading panel resized");
        }
    }

    pub(super) fn map_panel(&mut self, ui: &mut egui::Ui) {
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let Some(data) = self.data.as_mut() else {
                // No spinner: it would repaint continuously, and under software rendering every
                // frame drawn while loading is time taken from the loading thread. The loader
                // asks for a frame when it is done; the seconds tick once a second.
                ui.centered_and_justified(|ui| {
                    ui.vertical_centered(|ui| {
                        ui.add_space(ui.available_height() / 2.0 - 30.0);
                        ui.label(format!(
                            "Loading the atlas… {} s",
                            self.load_started.elapsed().as_secs()
                        ));
                    });
                });
                ui.ctx().request_repaint_after(Duration::from_secs(1));
                return;
            };
            // The "passages on the map" toggle fills the counts the map shades by (and clears
            // only what it filled).
            let mut shade = Vec::new();
            if self.reading.state.choropleth {
                let view = data.library.view(data.atlas.features());
                let weights = self.reading.feature_weights(&view);
                shade = crate::ui::layers::shading(
                    data.atlas.features().iter().map(|f| f.kind),
                    weights,
                );
                self.passage_counts = Some(
                    data.atlas
                        .features()
                        .iter()
                        .zip(weights)
                        .map(|(f, &n)| (f.id.clone(), n))
                        .collect(),
                );
                self.counts_from_reading = true;
            } else if self.counts_from_reading {
                self.passage_counts = None;
                self.counts_from_reading = false;
            }
            let counts = self.passage_counts.as_ref();
            let count_fn = |id: &str| counts.and_then(|m| m.get(id)).copied().unwrap_or(0);
            let mut widget =
                MapWidget::new(&data.atlas, &mut data.model, &mut self.map).shading(&shade);
            if counts.is_some() {
                widget = widget.passage_counts(&count_fn);
            }
            let r = widget.show(ui);
            self.pointer = r.pointer_lonlat;
            if let Some(i) = r.clicked
                && let Some(f) = data.atlas.features().get(i)
            {
                self.commands.push(Command::SelectFeature(f.id.clone()));
            } else if r.clicked_empty {
                self.commands.push(Command::ClearSelection);
            }
        });
    }
}

fn fmt_lat(lat: f64) -> String {
    format!("{:7.4}°{}", lat.abs(), if lat >= 0.0 { 'N' } else { 'S' })
}

fn fmt_lon(lon: f64) -> String {
    format!("{:8.4}°{}", lon.abs(), if lon >= 0.0 { 'E' } else { 'W' })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_panel_keeps_the_readers_width_but_leaves_the_map_its_share() {
        assert_eq!(panel_width(PANEL_DEFAULT, 1600.0), PANEL_DEFAULT);
        assert_eq!(panel_width(2000.0, 3000.0), *PANEL_RANGE.end());
        assert_eq!(panel_width(10.0, 1600.0), *PANEL_RANGE.start());
        // 800 wide: the map keeps more than half.
        assert!(panel_width(PANEL_DEFAULT, 800.0) <= 800.0 * PANEL_SHARE);
        assert_eq!(panel_width(PANEL_DEFAULT, 300.0), PANEL_NARROWEST);
    }

    #[test]
    fn coordinates_format_with_hemispheres() {
        assert!(fmt_lat(40.5).ends_with('N'));
        assert!(fmt_lat(-1.0).ends_with('S'));
        assert!(fmt_lon(49.8).ends_with('E'));
    }
}
