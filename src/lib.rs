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

/// Helpers shared by the unit tests.
#[cfg(test)]
pub(crate) mod testing {
    /// Every string made of up to `max` of `pieces` (repeats allowed), each piece written after
    /// `sep`; the empty string first.
    pub fn concatenations(pieces: &[&str], max: usize, sep: &str) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..max {
            last = last
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{sep}{p}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    #[test]
    fn concatenations_are_all_there_once() {
        let all = concatenations(&["a", "b"], 2, "-");
        assert_eq!(all, ["", "-a", "-b", "-a-a", "-a-b", "-b-a", "-b-b"]);
    }
}
