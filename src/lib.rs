//! Caspian Atlas: a map of the South Caucasus, the Caspian and Central Asia linked to the
//! passages of geopolitical essays. The library holds everything; `main.rs` is glue.
//!
//! Data flows one way: `atlas` (geodata) and `corpus` (essays) feed `links` (mentions,
//! indexes, search), which the `map` widget, the `ui` panels, the `app` and the `cli` read.

pub mod app;
pub mod atlas;
pub mod cli;
pub mod corpus;
pub mod links;
pub mod map;
pub mod par;
pub mod ui;
