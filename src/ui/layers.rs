//! Filters (document, outlet, kind), the "passages on the map" toggle and its legend, and the
//! colour ramp the map shades features with.

use egui::{Color32, RichText, Ui};

use super::reading::Reading;
use super::source::Source;
use crate::atlas::Kind;

pub use crate::palette::{legend_breaks, normalise};

/// Colour of the choropleth for a weight `t` in 0..=1 (light yellow → deep red), never fully
/// opaque so the base map shows through: the shared ramp of [`crate::palette::ramp`].
pub fn ramp(t: f32) -> Color32 {
    let [r, g, b, a] = crate::palette::ramp(t).0;
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

/// The fill of each feature when "passages on the map" is on: countries and regions on the ramp
/// by their (filtered) passage counts, nothing for other kinds or for features no passage names.
pub fn shading(kinds: impl Iterator<Item = Kind>, weights: &[usize]) -> Vec<Color32> {
    let max = weights.iter().copied().max().unwrap_or(0);
    kinds
        .zip(weights.iter().copied().chain(std::iter::repeat(0)))
        .map(|(k, n)| match k {
            Kind::Country | Kind::Region if n > 0 => ramp(normalise(n, max)),
            _ => Color32::TRANSPARENT,
        })
        .collect()
}

impl Reading {
    /// The filters and the choropleth toggle.
    pub fn filters_ui(&mut self, ui: &mut Ui, src: &dyn Source) {
        ui.horizontal_wrapped(|ui| {
            ui.checkbox(&mut self.state.choropleth, "Passages on the map")
                .on_hover_text("Shade countries and regions by how many passages mention them");
            let n = self.state.filters.documents.len()
                + self.state.filters.outlets.len()
                + self.state.filters.hidden_kinds.len();
            if n > 0 && ui.small_button(format!("Clear filters ({n})")).clicked() {
                self.state.filters = Default::default();
            }
        });
        egui::CollapsingHeader::new("Filters")
            .id_salt("filters")
            .show(ui, |ui| {
                ui.label(RichText::new("Documents").strong());
                for doc in src.documents() {
                    let mut on = self.state.filters.documents.contains(&doc.id);
                    if ui
                        .checkbox(&mut on, super::text::shown(ui, &doc.title))
                        .changed()
                    {
                        toggle(&mut self.state.filters.documents, doc.id.clone(), on);
                    }
                }
                ui.label(RichText::new("Outlets").strong());
                let mut outlets: Vec<&str> =
                    src.documents().iter().map(|d| d.outlet.as_str()).collect();
                outlets.sort_unstable();
                outlets.dedup();
                for outlet in outlets {
                    let mut on = self.state.filters.outlets.iter().any(|o| o == outlet);
                    let label = if outlet.is_empty() {
                        "(no outlet)"
                    } else {
                        outlet
                    };
                    if ui
                        .checkbox(&mut on, super::text::shown(ui, label))
                        .changed()
                    {
                        toggle(&mut self.state.filters.outlets, outlet.to_string(), on);
                    }
                }
                ui.label(RichText::new("Kinds shown in results and chips").strong());
                ui.horizontal_wrapped(|ui| {
                    for kind in Kind::ALL {
                        let mut on = self.state.filters.keeps_kind(kind);
                        if ui.checkbox(&mut on, kind.label()).changed() {
                            toggle(&mut self.state.filters.hidden_kinds, kind, !on);
                        }
                    }
                });
            });
        if self.state.choropleth {
            let max = self.feature_weights(src).iter().copied().max().unwrap_or(0);
            legend(ui, max);
        }
    }
}

fn toggle<T: PartialEq + Ord>(list: &mut Vec<T>, item: T, on: bool) {
    if on {
        if !list.contains(&item) {
            list.push(item);
            list.sort();
        }
    } else {
        list.retain(|x| *x != item);
    }
}

/// The choropleth legend: swatches with the passage counts they stand for.
pub fn legend(ui: &mut Ui, max: usize) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Passages mentioning:").small());
        for b in legend_breaks(max) {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(18.0, 12.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, ramp(normalise(b, max)));
            ui.label(RichText::new(format!("{b}")).small());
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ramp_goes_from_light_to_dark() {
        let lo = ramp(0.0);
        let hi = ramp(1.0);
        let lum = |c: Color32| c.r() as u32 + c.g() as u32 + c.b() as u32;
        assert!(lum(lo) > lum(ramp(0.5)));
        assert!(lum(ramp(0.5)) > lum(hi));
        assert_eq!(ramp(2.0), hi);
    }

    #[test]
    fn breaks_are_increasing_and_end_at_max() {
        let b = legend_breaks(120);
        assert!(b.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(b.first(), Some(&1));
        assert_eq!(b.last(), Some(&120));
        assert!(legend_breaks(0).is_empty());
        assert_eq!(legend_breaks(1), vec![1]);
        assert_eq!(normalise(0, 0), 0.0);
        assert_eq!(normalise(9, 9), 1.0);
        // Log scale: 9 of 99 sits half way.
        assert!((normalise(9, 99) - 0.5).abs() < 1e-6);
        let b = legend_breaks(10_000);
        assert!(b.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(
            b.get(2),
            Some(&99),
            "the middle break of 1..10 000 on a log scale: √10 001 − 1"
        );
    }

    #[test]
    fn only_countries_and_regions_named_in_passages_are_shaded() {
        let kinds = [Kind::Country, Kind::Region, Kind::Pipeline, Kind::Country];
        let fills = shading(kinds.into_iter(), &[40, 2, 40, 0]);
        assert_eq!(fills.len(), 4);
        assert_eq!(fills[0], ramp(1.0));
        assert_ne!(fills[1], Color32::TRANSPARENT);
        assert_ne!(fills[1], fills[0], "fewer passages, another colour");
        assert_eq!(fills[2], Color32::TRANSPARENT, "lines are not shaded");
        assert_eq!(fills[3], Color32::TRANSPARENT, "no passage, no fill");
    }
}
