//! The window's options (`caspian-atlas [--select ID] [--theme …] …`): parsed by the command line,
//! read by the app. They live below both so neither imports the other for them.

use std::path::PathBuf;

use clap::ValueEnum;

/// Options of the window (no subcommand).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct WindowArgs {
    /// Write a PNG of the window once the data is loaded and drawn, then exit.
    #[arg(long, value_name = "FILE.png")]
    pub screenshot: Option<PathBuf>,
    /// Window size for the screenshot, e.g. 1600x1000.
    #[arg(long, value_name = "WxH")]
    pub size: Option<String>,
    /// Open with this feature selected (its id, e.g. `btc-pipeline`).
    #[arg(long, value_name = "ID")]
    pub select: Option<String>,
    /// Open this passage in the reader (its id, e.g. `some-essay#p12`, the paragraph number the panel prints as ¶ 12).
    #[arg(long, value_name = "PASSAGE")]
    pub open: Option<String>,
    /// Shade countries and regions by how many passages mention them (the "Passages on the
    /// map" toggle; kept in the saved state).
    #[arg(long)]
    pub shade: bool,
    /// Colour theme.
    #[arg(long, value_enum)]
    pub theme: Option<Theme>,
    /// Import a file or folder into your library (repeatable); dropping files on the window
    /// does the same.
    #[arg(long, value_name = "FILE")]
    pub add: Vec<PathBuf>,
    /// Add your own GeoJSON layer (repeatable): drawn in its own colour, its names linked.
    #[arg(long = "layer", value_name = "FILE")]
    pub layers: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Theme {
    Light,
    Dark,
}
