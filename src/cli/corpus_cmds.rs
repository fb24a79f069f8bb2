//! `export`, `passages` and `link`: the linked corpus on the command line.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn export(_out: Option<&Path>) -> anyhow::Result<ExitCode> {
    anyhow::bail!("export: not built yet")
}

pub fn passages(_feature: &str) -> anyhow::Result<ExitCode> {
    anyhow::bail!("passages: not built yet")
}

pub fn link(_files: &[PathBuf]) -> anyhow::Result<ExitCode> {
    anyhow::bail!("link: not built yet")
}
