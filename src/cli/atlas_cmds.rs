//! `check`, `at` and `features`: the atlas on the command line.

use std::path::PathBuf;
use std::process::ExitCode;

pub fn check(_paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    anyhow::bail!("check: not built yet")
}

pub fn at(_lon: f64, _lat: f64, _json: bool) -> anyhow::Result<ExitCode> {
    anyhow::bail!("at: not built yet")
}

pub fn features(_kind: Option<&str>, _json: bool) -> anyhow::Result<ExitCode> {
    anyhow::bail!("features: not built yet")
}
