//! What the pointer is over, shown at once: the hover tooltip (no delay, gone as soon as the
//! pointer leaves the feature or the map) and the pick list a click opens where several lines
//! or points meet (every feature under the pointer: name, kind, status).

use egui::{Area, Frame, Id, Order, Pos2, Rect, RichText, Ui, Vec2};

use crate::atlas::{Feature, Kind};

/// The pick list opened by a click: where, and the features under the pointer, topmost first.
#[derive(Debug, Clone, PartialEq)]
pub struct PickList {
    pub at: Pos2,
    pub items: Vec<usize>,
    /// The list's rectangle on the last frame (clicks outside it close it).
    pub(super) rect: Option<Rect>,
}

impl PickList {
    /// A list for a click's stack, when it holds more than one line or point (areas alone are
    /// cycled by clicking again; where lines meet, a list is quicker).
    pub fn for_stack(at: Pos2, stack: &[usize], features: &[Feature]) -> Option<PickList> {
        let small = stack
            .iter()
            .filter(|&&i| features.get(i).is_some_and(|f| !is_area_kind(f.kind)))
            .count();
        (small >= 2).then(|| PickList {
            at,
            items: stack.to_vec(),
            rect: None,
        })
    }
}

fn is_area_kind(k: Kind) -> bool {
    matches!(
        k,
        Kind::Country | Kind::MacroRegion | Kind::Region | Kind::Water
    )
}

/// "Pipeline · operational": a feature's kind and status, as the tooltip and pick list show it.
pub fn kind_and_status(f: &Feature) -> String {
    let mut kind = f.kind.label().to_string();
    if let Some(s) = f.status.as_deref().or_else(|| f.prop_str("status")) {
        kind.push_str(" · ");
        kind.push_str(s);
    }
    kind
}

/// The tooltip of the hovered feature, drawn this frame at the pointer (no delay).
pub(super) fn tooltip(ui: &Ui, id: Id, pointer: Pos2, f: &Feature, count: Option<usize>) {
    Area::new(id.with("map-tooltip"))
        .order(Order::Tooltip)
        .fixed_pos(pointer + Vec2::new(14.0, 16.0))
        .interactable(false)
        .constrain(true)
        .show(ui.ctx(), |ui| {
            Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(320.0);
                ui.strong(&f.name);
                ui.weak(kind_and_status(f));
                if !f.summary.is_empty() {
                    ui.label(&f.summary);
                }
                if let Some(n) = count {
                    ui.label(match n {
                        0 => "No passage mentions it".to_string(),
                        1 => "1 passage mentions it".to_string(),
                        n => format!("{n} passages mention it"),
                    });
                }
            });
        });
}

/// Draw the pick list; returns the feature chosen in it this frame. Updates the list's rectangle.
pub(super) fn pick_list(
    ui: &Ui,
    id: Id,
    list: &mut PickList,
    features: &[Feature],
    selected: Option<usize>,
) -> Option<usize> {
    let mut chosen = None;
    let inner = Area::new(id.with("map-pick-list"))
        .order(Order::Foreground)
        .fixed_pos(list.at + Vec2::new(12.0, 12.0))
        .constrain(true)
        .show(ui.ctx(), |ui| {
            Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(340.0);
                ui.label(RichText::new(format!("{} features here", list.items.len())).strong());
                for &i in &list.items {
                    let Some(f) = features.get(i) else { continue };
                    let text = format!("{} — {}", f.name, kind_and_status(f));
                    if ui.selectable_label(selected == Some(i), text).clicked() {
                        chosen = Some(i);
                    }
                }
            });
        });
    list.rect = Some(inner.response.rect);
    chosen
}
