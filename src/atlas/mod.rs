//! The atlas: GeoJSON layers loaded into typed features, validated, spatially indexed and picked.
//! Never imports egui.

pub mod feature;

pub use feature::{Feature, Kind};
