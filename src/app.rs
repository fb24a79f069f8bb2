//! The eframe application: owns the state, loads data off the UI thread, applies commands.

use std::process::ExitCode;

use crate::cli::WindowArgs;

/// Open the explorer window.
pub fn run(_args: WindowArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("the window is not built yet")
}
