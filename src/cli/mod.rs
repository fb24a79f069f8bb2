//! The command line, with clap, over the same library: bare, it opens the window;
//! with a subcommand, it answers in the terminal.

pub mod atlas_cmds;
pub mod corpus_cmds;
pub mod export_cmds;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use crate::options::{Theme, WindowArgs};

#[derive(Debug, Parser)]
#[command(
    name = "caspian-atlas",
    version,
    about = "A map of the South Caucasus, the Caspian and Central Asia, linked to essays about it"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub window: WindowArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate GeoJSON layers (default: the shipped geodata/).
    Check {
        /// Files or directories to check.
        paths: Vec<PathBuf>,
    },
    /// Print the features at a point, topmost first.
    #[command(allow_negative_numbers = true)]
    At {
        lon: f64,
        lat: f64,
        #[arg(long)]
        json: bool,
    },
    /// List the features of the atlas.
    Features {
        /// Only this kind (country, macro-region, region, water, city, field, pipeline, corridor).
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Export the linked corpus: JSON (default), GeoJSON, CSV, BibTeX, RIS, CSL-JSON, or a
    /// Markdown/HTML briefing; optionally only a feature's or a search's passages.
    Export(export_cmds::ExportArgs),
    /// Draw the map to an SVG or PNG file without opening a window.
    Render(export_cmds::RenderArgs),
    /// Print the passages that mention a feature, grouped by document.
    Passages { feature: String },
    /// Clean, split and link text files and print their passages as JSON.
    Link {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Check { paths }) => atlas_cmds::check(&paths),
        Some(Command::At { lon, lat, json }) => atlas_cmds::at(lon, lat, json),
        Some(Command::Features { kind, json }) => atlas_cmds::features(kind.as_deref(), json),
        Some(Command::Export(args)) => export_cmds::export(&args),
        Some(Command::Render(args)) => export_cmds::render(&args),
        Some(Command::Passages { feature }) => corpus_cmds::passages(&feature),
        Some(Command::Link { files }) => corpus_cmds::link(&files),
        #[cfg(feature = "gui")]
        None => crate::app::run(cli.window),
        #[cfg(not(feature = "gui"))]
        None => {
            let _ = cli.window;
            Err(anyhow::anyhow!(
                "this build has no window (built without the `gui` feature); use a subcommand, see --help"
            ))
        }
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("caspian-atlas: {err:#}");
            ExitCode::FAILURE
        }
    }
}
