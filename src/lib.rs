//! Caspian Atlas: a map of the South Caucasus, the Caspian and Central Asia linked to the
//! passages of geopolitical essays. The library holds everything; `main.rs` is glue.
//!
//! Data flows one way: `atlas` (geodata) and `corpus` (essays) feed `links` (mentions,
//! indexes, search), which the `map` widget, the `ui` panels, the `app` and the `cli` read.

//!
//! The core (`atlas`, `corpus`, `links`, `export`, `palette`, `projection`, `options`, `cli`) builds without a GUI
//! toolkit; `app`, `map` and `ui` need the default `gui` feature (eframe, egui, wgpu, winit).

#[cfg(feature = "gui")]
pub mod app;
pub mod atlas;
pub mod cli;
pub mod clip;
pub mod corpus;
pub mod export;
pub mod fsread;
#[cfg(feature = "import")]
pub mod import;
pub mod library;
pub mod links;
#[cfg(feature = "gui")]
pub mod map;
pub mod options;
pub mod palette;
pub mod par;
pub mod projection;
#[cfg(feature = "gui")]
pub mod ui;
