//! One export's bytes in a chosen format — the chosen passages of the corpus (and the library),
//! or the reader's notes — shared by `caspian-atlas export` and the window's Export dialog.

use clap::ValueEnum;

use super::briefing::Topic;
use super::{Chosen, ExportError, Filter, Inputs, Selection};
use crate::library::notes::Note;
use crate::links::export::build_export_marked;

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    /// The linked corpus (documents, passages, mentions) — the original export.
    #[default]
    Json,
    /// One feature per mentioned place, RFC 7946 (opens in QGIS).
    Geojson,
    /// One row per mention, UTF-8 with BOM.
    Csv,
    /// The cited documents for LaTeX / Zotero.
    Bibtex,
    /// The cited documents for Zotero, EndNote, Mendeley.
    Ris,
    /// The cited documents as CSL-JSON (Zotero, pandoc).
    Csl,
    /// A briefing: quotations with citations, grouped by document.
    Markdown,
    /// The same briefing as a standalone HTML page.
    Html,
}

impl Format {
    /// The file name extension a file of this format takes.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Geojson => "geojson",
            Format::Csv => "csv",
            Format::Bibtex => "bib",
            Format::Ris => "ris",
            Format::Csl => "csl.json",
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }

    /// A short name for a menu.
    pub fn label(self) -> &'static str {
        match self {
            Format::Json => "JSON",
            Format::Geojson => "GeoJSON",
            Format::Csv => "CSV",
            Format::Bibtex => "BibTeX",
            Format::Ris => "RIS",
            Format::Csl => "CSL-JSON",
            Format::Markdown => "Markdown",
            Format::Html => "HTML",
        }
    }

    /// Whether the reader's notes can be written in this format (notes are JSON, Markdown or
    /// HTML; BibTeX, RIS and CSL-JSON give the documents they cite).
    pub fn takes_notes(self) -> bool {
        !matches!(self, Format::Geojson | Format::Csv)
    }
}

/// The chosen passages (their documents, places or mentions) in `format`.
pub fn passages(
    format: Format,
    inputs: &Inputs,
    filter: &Filter,
    sel: &Selection,
    chosen: &Chosen,
) -> Result<Vec<u8>, ExportError> {
    let docs = super::cited_documents(inputs, chosen);
    let topic = || {
        let name = chosen
            .feature
            .and_then(|i| inputs.features.get(i))
            .map(|f| f.name.clone());
        match (name, sel.query.clone()) {
            (Some(n), Some(q)) => Topic::FeatureSearch(n, q),
            (Some(n), None) => Topic::Feature(n),
            (None, Some(q)) => Topic::Search(q),
            (None, None) => Topic::All,
        }
    };
    Ok(match format {
        Format::Json => {
            let everything = filter == &Filter::default() && sel == &Selection::default();
            let export = if everything {
                // The original export, byte for byte (with the reader's corrections marked).
                build_export_marked(
                    inputs.documents,
                    inputs.passages,
                    inputs.links.all_mentions(),
                    inputs.features,
                    &|i, m| {
                        inputs
                            .passages
                            .get(i)
                            .is_some_and(|p| inputs.is_corrected(&p.id, m))
                    },
                )
            } else {
                let passages: Vec<_> = chosen
                    .passages
                    .iter()
                    .filter_map(|&i| inputs.passages.get(i).cloned())
                    .collect();
                let mentions: Vec<Vec<_>> = chosen
                    .passages
                    .iter()
                    .map(|&i| {
                        super::kept_mentions(inputs, filter, chosen, i)
                            .into_iter()
                            .map(|(m, _)| m.clone())
                            .collect()
                    })
                    .collect();
                let docs: Vec<_> = docs.iter().map(|d| (*d).clone()).collect();
                build_export_marked(&docs, &passages, &mentions, inputs.features, &|i, m| {
                    passages
                        .get(i)
                        .is_some_and(|p| inputs.is_corrected(&p.id, m))
                })
            };
            let mut json =
                serde_json::to_string_pretty(&export).map_err(|source| ExportError::Json {
                    what: "the export",
                    source,
                })?;
            json.push('\n');
            json.into_bytes()
        }
        Format::Geojson => super::gis::geojson(inputs, filter, chosen)?.into_bytes(),
        Format::Csv => super::gis::csv(inputs, filter, chosen)?,
        Format::Bibtex => super::biblio::bibtex(&docs).into_bytes(),
        Format::Ris => super::biblio::ris(&docs).into_bytes(),
        Format::Csl => super::biblio::csl_json(&docs)?.into_bytes(),
        Format::Markdown => super::briefing::markdown(inputs, chosen, &topic()).into_bytes(),
        Format::Html => super::briefing::html(inputs, chosen, &topic()).into_bytes(),
    })
}

/// The reader's notes on the chosen passages and features (and every note that can no longer
/// be placed) in `format`: JSON, Markdown or HTML, or the documents they cite as BibTeX, RIS or
/// CSL-JSON.
pub fn notes(
    format: Format,
    inputs: &Inputs,
    notes: &[Note],
    chosen: &Chosen,
) -> Result<Vec<u8>, ExportError> {
    let placed = super::notes::place(inputs, notes);
    let kept = super::notes::keep(placed, chosen);
    let cited = super::notes::chosen_of(inputs, &kept);
    let docs = super::cited_documents(inputs, &cited);
    Ok(match format {
        Format::Json => super::notes::json(inputs, &kept)?.into_bytes(),
        Format::Markdown => super::notes::markdown(inputs, &kept).into_bytes(),
        Format::Html => super::notes::html(inputs, &kept).into_bytes(),
        Format::Bibtex => super::biblio::bibtex(&docs).into_bytes(),
        Format::Ris => super::biblio::ris(&docs).into_bytes(),
        Format::Csl => super::biblio::csl_json(&docs)?.into_bytes(),
        Format::Geojson | Format::Csv => {
            return Err(ExportError::Unsupported(
                "notes export as json, markdown or html (or their documents as bibtex, ris or \
                 csl), not as geojson or csv"
                    .into(),
            ));
        }
    })
}
