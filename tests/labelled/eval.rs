//! Scoring the linker against the hand-labelled sample (`sample.toml`): shared by
//! `tests/links_eval.rs`.

use std::collections::{BTreeMap, BTreeSet};

use caspian_atlas::corpus::Passage;
use caspian_atlas::links::fold::fold_str;
use caspian_atlas::links::{Mention, MentionKind};
use serde::Deserialize;

pub const SAMPLE: &str = include_str!("sample.toml");
/// Labelled without the linker's output in view (the honest measure).
pub const BLIND: &str = include_str!("blind.toml");

#[derive(Debug, Clone, Deserialize)]
pub struct Label {
    pub document: String,
    pub snippet: String,
    pub names: Vec<String>,
    #[serde(default)]
    pub demonyms: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Sample {
    paragraph: Vec<Label>,
}

pub fn labels() -> Result<Vec<Label>, String> {
    parse_labels(SAMPLE, "tests/labelled/sample.toml")
}

/// The blind sample (`blind.toml`).
pub fn blind_labels() -> Result<Vec<Label>, String> {
    parse_labels(BLIND, "tests/labelled/blind.toml")
}

fn parse_labels(text: &str, file: &str) -> Result<Vec<Label>, String> {
    toml::from_str::<Sample>(text)
        .map(|s| s.paragraph)
        .map_err(|e| format!("{file}: {e}"))
}

/// Counts for one mention kind.
#[derive(Debug, Default, Clone, Copy)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
}

/// The result of scoring: name and demonym scores, the errors, and labels that matched no
/// passage (or several).
#[derive(Debug, Default)]
pub struct Report {
    pub names: Score,
    pub demonyms: Score,
    pub errors: Vec<String>,
    pub unmatched: Vec<String>,
    pub paragraphs: usize,
    pub documents: BTreeSet<String>,
}

/// Find the passage of each label and compare feature sets, per (passage, feature) pair.
/// Labels that point to the same passage are merged.
pub fn score(labels: &[Label], passages: &[Passage], mentions: &[Vec<Mention>]) -> Report {
    let mut report = Report::default();
    let folded: Vec<String> = passages.iter().map(|p| fold_str(&p.text)).collect();
    // passage index -> (names, demonyms) expected
    let mut expected: BTreeMap<usize, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
    for l in labels {
        let snip = fold_str(&l.snippet);
        let hits: Vec<usize> = passages
            .iter()
            .enumerate()
            .filter(|(i, p)| {
                p.document == l.document && folded.get(*i).is_some_and(|t| t.contains(&snip))
            })
            .map(|(i, _)| i)
            .collect();
        let [pi] = hits.as_slice() else {
            report.unmatched.push(format!(
                "{} «{}»: {} passages",
                l.document,
                l.snippet,
                hits.len()
            ));
            continue;
        };
        report.documents.insert(l.document.clone());
        let e = expected.entry(*pi).or_default();
        e.0.extend(l.names.iter().cloned());
        e.1.extend(l.demonyms.iter().cloned());
    }
    report.paragraphs = expected.len();
    for (pi, (names, demonyms)) in &expected {
        let ms = mentions.get(*pi).map_or(&[][..], Vec::as_slice);
        let got_names: BTreeSet<String> = ms
            .iter()
            .filter(|m| m.kind == MentionKind::Name)
            .map(|m| m.feature.clone())
            .collect();
        // A demonym counts only for features the paragraph does not also name.
        let got_demonyms: BTreeSet<String> = ms
            .iter()
            .filter(|m| m.kind == MentionKind::Demonym && !got_names.contains(&m.feature))
            .map(|m| m.feature.clone())
            .collect();
        let want_demonyms: BTreeSet<String> = demonyms.difference(names).cloned().collect();
        let id = passages.get(*pi).map_or("?", |p| p.id.as_str());
        for (score, got, want, what) in [
            (&mut report.names, &got_names, names, "name"),
            (
                &mut report.demonyms,
                &got_demonyms,
                &want_demonyms,
                "demonym",
            ),
        ] {
            for f in got.intersection(want) {
                let _ = f;
                score.tp += 1;
            }
            for f in got.difference(want) {
                score.fp += 1;
                report.errors.push(format!("{id}: extra {what} {f}"));
            }
            for f in want.difference(got) {
                score.fn_ += 1;
                report.errors.push(format!("{id}: missed {what} {f}"));
            }
        }
    }
    report
}
