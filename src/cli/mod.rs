//! The command line, with clap, over the same library: bare, it opens the window;
//! with a subcommand, it answers in the terminal.

pub mod atlas_cmds;
pub mod corpus_cmds;
pub mod export_cmds;
pub mod library_cmds;
pub mod notes_cmds;

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
    /// Validate GeoJSON layers (default: the shipped geodata/). A file that is not one of the
    /// atlas' layers is checked as your own layer (RFC 7946); --strict asks the atlas contract.
    Check {
        /// Files or directories to check.
        paths: Vec<PathBuf>,
        /// Hold every file to the full atlas contract (as the shipped geodata/ is).
        #[arg(long)]
        strict: bool,
    },
    /// Print the features at a point, topmost first.
    #[command(allow_negative_numbers = true)]
    At {
        lon: f64,
        lat: f64,
        #[arg(long)]
        json: bool,
        /// Add your own GeoJSON layer (repeatable).
        #[arg(long = "layer", value_name = "FILE")]
        layers: Vec<PathBuf>,
    },
    /// List the features of the atlas.
    Features {
        /// Only this kind (country, macro-region, region, water, city, field, pipeline, corridor).
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        json: bool,
        /// Add your own GeoJSON layer (repeatable).
        #[arg(long = "layer", value_name = "FILE")]
        layers: Vec<PathBuf>,
    },
    /// Export the linked corpus (shipped essays and your library): JSON (default), GeoJSON, CSV,
    /// BibTeX, RIS, CSL-JSON, or a Markdown/HTML briefing; optionally only a feature's or a
    /// search's passages.
    Export(export_cmds::ExportArgs),
    /// Draw the map to an SVG or PNG file without opening a window.
    Render(export_cmds::RenderArgs),
    /// Print the passages that mention a feature (its id, name or alias), grouped by document.
    Passages {
        feature: String,
        /// Add your own GeoJSON layer (repeatable).
        #[arg(long = "layer", value_name = "FILE")]
        layers: Vec<PathBuf>,
    },
    /// Clean, split and link text files and print their passages as JSON.
    Link {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Add your own GeoJSON layer (repeatable): its names link in the texts.
        #[arg(long = "layer", value_name = "FILE")]
        layers: Vec<PathBuf>,
    },
    /// Import documents (files, or folders recursively) into your library.
    Add {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// List your corrections of the linker (or `remove ID` to undo one).
    Corrections {
        #[command(subcommand)]
        action: Option<CorrectionsAction>,
    },
    /// List your library (or `remove ID`, or `--path`).
    Library {
        /// Print where the library's database is.
        #[arg(long)]
        path: bool,
        #[command(subcommand)]
        action: Option<LibraryAction>,
    },
}

/// What `corrections` does besides listing.
#[derive(Debug, Subcommand)]
pub enum CorrectionsAction {
    /// Undo a correction (its id from `caspian-atlas corrections`).
    Remove { id: i64 },
}

/// What `library` does besides listing.
#[derive(Debug, Subcommand)]
pub enum LibraryAction {
    /// Take a document out of the library (its id from `caspian-atlas library`).
    Remove { id: i64 },
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Check { paths, strict }) => atlas_cmds::check(&paths, strict),
        Some(Command::At {
            lon,
            lat,
            json,
            layers,
        }) => atlas_cmds::at(lon, lat, json, &layers),
        Some(Command::Features { kind, json, layers }) => {
            atlas_cmds::features(kind.as_deref(), json, &layers)
        }
        Some(Command::Export(args)) => export_cmds::export(&args),
        Some(Command::Render(args)) => export_cmds::render(&args),
        Some(Command::Passages { feature, layers }) => corpus_cmds::passages(&feature, &layers),
        Some(Command::Link { files, layers }) => corpus_cmds::link(&files, &layers),
        Some(Command::Add { paths }) => library_cmds::add(&paths),
        Some(Command::Corrections { action }) => match action {
            Some(CorrectionsAction::Remove { id }) => notes_cmds::remove(id),
            None => notes_cmds::list(),
        },
        Some(Command::Library { path, action }) => match action {
            Some(LibraryAction::Remove { id }) => library_cmds::remove(id),
            None => library_cmds::list(path),
        },
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
        // The reader of our output went away (`… | head`): not an error of ours, stop quietly.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("caspian-atlas: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Whether an error comes from writing to a pipe whose reader has closed it (EPIPE).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<serde_json::Error>()
                .and_then(|j| j.io_error_kind())
                .is_some_and(|k| k == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_pipes_are_recognised_through_context() {
        let io = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        let err = anyhow::Error::new(io).context("writing to standard output");
        assert!(is_broken_pipe(&err));
        let other = anyhow::Error::new(std::io::Error::from(std::io::ErrorKind::NotFound));
        assert!(!is_broken_pipe(&other));
        assert!(!is_broken_pipe(&anyhow::anyhow!("unknown kind")));
    }
}
