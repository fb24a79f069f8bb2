//! The window's chrome: top bar (search, theme), status bar (pointer, scale, warnings), the
//! reading side panel and the map panel.

use std::time::Duration;

use super::AtlasApp;
use crate::map::MapWidget;
use crate::ui::Command;

impl AtlasApp {
    pub(super) fn top_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("top-bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading("Caspian Atlas");
                ui.weak("South Caucasus · Caspian · Central Asia");
                if let Some(data) = &self.data {
                    ui.separator();
                    self.reading
                        .search_box(ui, &data.view(), &mut self.commands);
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
                    ui.weak("Theme:");
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

    /// The reading side panel: feature card, passages, reader, search results, filters.
    pub(super) fn side_panel(&mut self, ui: &mut egui::Ui) {
        egui::Panel::right("selection")
            // The reader sets the width by dragging the panel's edge; the content never does (a
            // panel that followed its content would shift the map on every selection).
            .resizable(true)
            .default_size(440.0)
            .size_range(320.0..=900.0)
            .show(ui, |ui| {
                // Fill the width the reader chose, whatever the content needs.
                ui.set_min_width(ui.available_width());
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
    fn coordinates_format_with_hemispheres() {
        assert!(fmt_lat(40.5).ends_with('N'));
        assert!(fmt_lat(-1.0).ends_with('S'));
        assert!(fmt_lon(49.8).ends_with('E'));
    }
}
