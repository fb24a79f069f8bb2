//! The panels: feature card, passages, reader, search, layers and legend. Parses no files.

pub mod command;

pub use command::Command;
