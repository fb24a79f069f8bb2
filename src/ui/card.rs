//! The feature card: name, kind, summary, the facts its properties hold, how much the essays
//! mention it, and the features mentioned with it as clickable chips.

use egui::{RichText, Ui};
use serde_json::Value;

use super::command::Command;
use super::reading::Reading;
use super::source::Source;
use super::text::{can_draw, shown};
use crate::atlas::Feature;

/// The facts of a feature worth showing, as (label, value), in a fixed order.
pub fn facts(feature: &Feature) -> Vec<(&'static str, String)> {
    facts_with_keys(feature)
        .into_iter()
        .map(|(_, label, value)| (label, value))
        .collect()
}

/// [`facts`] with the property key each comes from.
fn facts_with_keys(feature: &Feature) -> Vec<(&'static str, &'static str, String)> {
    const KEYS: [(&str, &str); 20] = [
        ("status", "Status"),
        ("commodity", "Commodity"),
        ("mode", "Mode"),
        ("water_type", "Type"),
        ("role", "Role"),
        ("length_km", "Length"),
        ("capacity", "Capacity"),
        ("operator", "Operator"),
        ("start_year", "Start year"),
        ("route_accuracy", "Route accuracy"),
        ("offshore", "Offshore"),
        ("population", "Population"),
        ("iso_a3", "ISO code"),
        ("country", "Country"),
        ("controlled_by", "Controlled by"),
        ("claimed_by", "Claimed by"),
        ("members", "Members"),
        ("waypoints", "Via"),
        ("name_local", "Local name"),
        ("aliases", "Also called"),
    ];
    let mut out = Vec::new();
    for (key, label) in KEYS {
        let Some(v) = feature.properties.get(key) else {
            continue;
        };
        let text = match (key, v) {
            ("length_km", Value::Number(n)) => match n.as_f64() {
                Some(km) => format!("{} km", format_thousands(km.round() as i64)),
                None => continue,
            },
            ("population", Value::Number(n)) => match n.as_i64() {
                Some(p) => format_thousands(p),
                None => n.to_string(),
            },
            (_, Value::Bool(b)) => if *b { "yes" } else { "no" }.to_string(),
            (_, other) => match value_text(other) {
                Some(t) => t,
                None => continue,
            },
        };
        if !text.is_empty() {
            out.push((key, label, text));
        }
    }
    out
}

/// A reader's feature: ("Layer", its file), then every property as (key, value) in the file's
/// key order; nested values as compact JSON, long values clipped.
pub fn user_facts(feature: &Feature) -> Vec<(String, String)> {
    let Some(origin) = &feature.user else {
        return Vec::new();
    };
    let clip = |t: String| -> String {
        match t.char_indices().nth(300) {
            Some((cut, _)) => format!("{}…", t.get(..cut).unwrap_or(&t)),
            None => t,
        }
    };
    let mut out = vec![("Layer".to_string(), origin.layer.clone())];
    for (key, v) in &feature.properties {
        let text = match v {
            Value::Null => "null".to_string(),
            Value::Object(_) => v.to_string(),
            other => value_text(other).unwrap_or_default(),
        };
        out.push((key.clone(), clip(text)));
    }
    out
}

fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(value_text).collect();
            Some(parts.join(", "))
        }
        Value::Null | Value::Object(_) => None,
    }
}

/// `1234567` → `1,234,567`.
pub fn format_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

impl Reading {
    /// The card of the selected feature (or a hint when nothing is selected).
    pub fn card(&mut self, ui: &mut Ui, src: &dyn Source, out: &mut Vec<Command>) {
        let Some(fi) = self.selected_index(src) else {
            ui.heading("Nothing selected");
            ui.label("Click a feature on the map, a place name in a passage, or search (Ctrl+F).");
            return;
        };
        let Some(feature) = src.features().get(fi) else {
            return;
        };
        ui.horizontal_wrapped(|ui| {
            ui.heading(shown(ui, &feature.name));
            ui.label(RichText::new(feature.kind.label()).weak());
            if let Some(status) = &feature.status {
                ui.label(RichText::new(status).italics());
            }
            if ui
                .small_button("Clear")
                .on_hover_text("Clear the selection (Esc)")
                .clicked()
            {
                out.push(Command::ClearSelection);
            }
            if ui
                .small_button("Zoom to")
                .on_hover_text("Fly the map to this feature")
                .clicked()
            {
                out.push(Command::FlyToFeature(feature.id.clone()));
            }
            if ui
                .small_button("Add note…")
                .on_hover_text("Write a note on this place")
                .clicked()
            {
                self.add_feature_note(&feature.id);
            }
        });
        let mut actions = Vec::new();
        super::annotate::note_markers(
            ui,
            &super::annotate::feature_notes(src, &feature.id),
            &mut actions,
        );
        for a in actions {
            self.note_action(src, a, out);
        }
        ui.label(shown(ui, &feature.summary));
        self.facts_ui(ui, src, feature, out);
        // A reader's own feature: its layer and every property its file gives (rows that
        // wrap, so a long value never widens the panel).
        if feature.user.is_some() {
            for (key, value) in user_facts(feature) {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(shown(ui, &key)).strong());
                    ui.add(egui::Label::new(shown(ui, &value)).wrap());
                });
            }
        }
        if !feature.sources.is_empty() {
            ui.collapsing(format!("Sources ({})", feature.sources.len()), |ui| {
                for s in &feature.sources {
                    ui.add(egui::Label::new(RichText::new(shown(ui, s)).small()).wrap());
                }
            });
        }
        self.refresh_list(src);
        let docs = self.list.groups.len();
        let text = if self.state.filters.is_empty() {
            format!(
                "Mentioned in {} passage{} of {} document{}",
                self.list.total,
                plural(self.list.total),
                self.list.total_documents,
                plural(self.list.total_documents)
            )
        } else {
            format!(
                "Mentioned in {} of {} passages ({} of {} documents, filtered)",
                self.list.shown, self.list.total, docs, self.list.total_documents
            )
        };
        ui.label(RichText::new(text).strong());
        let chips: Vec<(usize, usize)> = src
            .co_mentioned(fi)
            .into_iter()
            .filter(|&(f, _)| {
                src.features()
                    .get(f)
                    .is_some_and(|f| self.state.filters.keeps_kind(f.kind))
            })
            .take(10)
            .collect();
        if !chips.is_empty() {
            ui.label("Often mentioned with:");
            ui.horizontal_wrapped(|ui| {
                for (f, n) in chips {
                    let Some(other) = src.features().get(f) else {
                        continue;
                    };
                    let resp = ui
                        .button(shown(ui, &format!("{} ({n})", other.name)))
                        .on_hover_text(format!(
                            "{} — in {n} passage{} with {}",
                            other.kind.label(),
                            plural(n),
                            feature.name
                        ));
                    if resp.hovered() {
                        out.push(Command::HoverFeature(Some(other.id.clone())));
                    }
                    if resp.clicked() {
                        out.push(Command::SelectFeature(other.id.clone()));
                        out.push(Command::FlyToFeature(other.id.clone()));
                    }
                }
            });
        }
    }
}

/// What one item of a fact points at: a feature of the atlas (by id, or by its exact name, as a
/// pipeline's waypoints are written), or nothing.
fn item_feature(src: &dyn Source, item: &str) -> Option<usize> {
    src.feature_index(item)
        .or_else(|| src.features().iter().position(|f| f.name == item))
}

/// The items of a fact's property: the strings of a list, or the one string.
fn fact_items(feature: &Feature, key: &str) -> Vec<String> {
    match feature.properties.get(key) {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items.iter().filter_map(value_text).collect(),
        _ => Vec::new(),
    }
}

/// Width of the facts' label column.
const FACT_LABEL_WIDTH: f32 = 108.0;

impl Reading {
    /// The facts, one row each: the label in a fixed column, the value wrapped in the rest of the
    /// panel's width (a long "Via" list wraps, it never widens the panel). Every value that is a
    /// feature's id (a country, a macro-region's members) is shown by the feature's name, as a
    /// link that selects it and flies there; so are waypoints named exactly like a feature.
    fn facts_ui(
        &mut self,
        ui: &mut Ui,
        src: &dyn Source,
        feature: &Feature,
        out: &mut Vec<Command>,
    ) {
        let font = egui::TextStyle::Body.resolve(ui.style());
        let palette = super::text::Palette::for_ui(ui);
        for (key, label, value) in facts_with_keys(feature) {
            ui.horizontal_top(|ui| {
                let (cell, _) = ui.allocate_exact_size(
                    egui::vec2(
                        FACT_LABEL_WIDTH,
                        ui.text_style_height(&egui::TextStyle::Body),
                    ),
                    egui::Sense::hover(),
                );
                ui.put(
                    cell,
                    egui::Label::new(RichText::new(label).strong()).truncate(),
                );
                let rest = ui.available_width().max(40.0);
                ui.allocate_ui_with_layout(
                    egui::vec2(rest, 0.0),
                    egui::Layout::left_to_right(egui::Align::TOP).with_main_wrap(true),
                    |ui| {
                        ui.set_max_width(rest);
                        let items = fact_items(feature, key);
                        let linked: Vec<Option<usize>> =
                            items.iter().map(|i| item_feature(src, i)).collect();
                        if key == "name_local" && !can_draw(ui.ctx(), &font, &value) {
                            ui.label("(in a script the bundled font cannot show)");
                        } else if linked.iter().all(Option::is_none) {
                            ui.add(egui::Label::new(shown(ui, &value)).wrap());
                        } else {
                            ui.spacing_mut().item_spacing.x = 0.0;
                            let n = items.len();
                            for (k, (item, f)) in items.iter().zip(linked).enumerate() {
                                let sep = if k + 1 < n { ", " } else { "" };
                                match f.and_then(|f| src.features().get(f)) {
                                    Some(other) => {
                                        let link = RichText::new(shown(ui, &other.name))
                                            .color(palette.name);
                                        let resp = ui.link(link).on_hover_text(format!(
                                            "{} — select it",
                                            other.kind.label()
                                        ));
                                        if resp.hovered() {
                                            out.push(Command::HoverFeature(Some(other.id.clone())));
                                        }
                                        if resp.clicked() {
                                            out.push(Command::SelectFeature(other.id.clone()));
                                            out.push(Command::FlyToFeature(other.id.clone()));
                                        }
                                        if !sep.is_empty() {
                                            ui.label(sep);
                                        }
                                    }
                                    None => {
                                        ui.label(shown(ui, &format!("{item}{sep}")));
                                    }
                                }
                            }
                        }
                    },
                );
            });
        }
    }
}

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::atlas::Kind;

    fn feature(props: Value) -> Feature {
        Feature {
            id: "x".into(),
            kind: Kind::Pipeline,
            name: "X".into(),
            aliases: vec![],
            demonyms: vec![],
            summary: String::new(),
            status: None,
            sources: vec![],
            geometry: geo::Geometry::Point(geo::Point::new(0.0, 0.0)),
            properties: props.as_object().cloned().unwrap_or_default(),
            user: None,
        }
    }

    #[test]
    fn a_user_feature_shows_every_property() {
        let mut f = feature(
            serde_json::json!({"NAME_EN": "Zorbistan", "fid": 7, "meta": {"a": 1}, "note": null}),
        );
        assert!(
            user_facts(&f).is_empty(),
            "a shipped feature has no user facts"
        );
        f.user = Some(Box::new(crate::atlas::UserOrigin {
            layer: "mine.geojson".into(),
            style: Default::default(),
        }));
        let facts = user_facts(&f);
        let keys: Vec<&str> = facts.iter().map(|(k, _)| k.as_str()).collect();
        for k in ["Layer", "NAME_EN", "fid", "meta", "note"] {
            assert!(keys.contains(&k), "{k} missing from {facts:?}");
        }
        assert!(facts.contains(&("meta".to_string(), r#"{"a":1}"#.to_string())));
        assert!(facts.contains(&("Layer".to_string(), "mine.geojson".to_string())));
    }

    #[test]
    fn facts_are_formatted_in_order() {
        let f = feature(serde_json::json!({
            "operator": "BP",
            "length_km": 1768.4,
            "status": "operating",
            "waypoints": ["Baku", "Tbilisi", "Ceyhan"],
            "offshore": false,
            "start_year": 2006,
            "summary": "not a fact"
        }));
        let facts = facts(&f);
        assert_eq!(
            facts,
            vec![
                ("Status", "operating".to_string()),
                ("Length", "1,768 km".to_string()),
                ("Operator", "BP".to_string()),
                ("Start year", "2006".to_string()),
                ("Offshore", "no".to_string()),
                ("Via", "Baku, Tbilisi, Ceyhan".to_string()),
            ]
        );
    }

    #[test]
    fn thousands() {
        assert_eq!(format_thousands(0), "0");
        assert_eq!(format_thousands(999), "999");
        assert_eq!(format_thousands(1000), "1,000");
        assert_eq!(format_thousands(-2_300_500), "-2,300,500");
    }
}
