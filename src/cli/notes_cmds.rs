//! The reader's corrections and notes on the command line: `corrections` (list, `remove ID`),
//! the corrected linked corpus every command that prints mentions reads (shipped essays, the
//! library, the library's corrections applied), and `export --notes`.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};

use crate::atlas::Atlas;
use crate::corpus::{Corpus, Passage};
use crate::export::{self, Inputs, Selection};
use crate::library::corrections::{Correction, apply_stored};
use crate::library::notes::Note;
use crate::library::{Store, default_path};
use crate::links::correct::Corrected;
use crate::links::{Links, Mention};

/// The library's corrections and notes; empty when there is no library yet.
#[derive(Debug, Clone, Default)]
pub struct Annotations {
    pub corrections: Vec<Correction>,
    pub notes: Vec<Note>,
    /// Whether a library exists at all.
    pub library: bool,
}

/// Open the library if it exists (never creating one).
fn existing_store() -> anyhow::Result<Option<Store>> {
    let path = default_path()?;
    if !path.exists() {
        return Ok(None);
    }
    super::library_cmds::open_store().map(Some)
}

/// The corrections and notes of the library, if there is one.
pub fn annotations() -> anyhow::Result<Annotations> {
    let Some(store) = existing_store()? else {
        return Ok(Annotations::default());
    };
    Ok(Annotations {
        corrections: store.corrections()?,
        notes: store.notes()?,
        library: true,
    })
}

/// The linked corpus as the window shows it: the shipped essays and the library's documents,
/// the linker's mentions with the library's corrections applied.
pub struct Linked {
    pub atlas: Atlas,
    pub corpus: Corpus,
    pub links: Links,
    /// Where a correction made or replaced a mention: (passage index, start byte).
    pub corrected: Corrected,
    pub annotations: Annotations,
}

impl Linked {
    /// Load with the reader's `--layer` files.
    pub fn load(layers: &[PathBuf]) -> anyhow::Result<Linked> {
        Linked::with_atlas(super::atlas_cmds::atlas_with_layers(layers)?)
    }

    /// Load the texts over an atlas already loaded.
    pub fn with_atlas(atlas: Atlas) -> anyhow::Result<Linked> {
        let mut corpus = Corpus::load_embedded();
        let links = Links::build(&atlas, &corpus);
        super::corpus_cmds::report_warnings(&atlas, Some(&corpus), Some(&links));
        let mut mentions = links.all_mentions().to_vec();
        if let Some(lib) = super::library_cmds::library_for_export(&atlas)? {
            corpus
                .documents
                .extend(lib.documents.iter().map(|d| d.document()));
            corpus.passages.extend(lib.passages);
            mentions.extend(lib.mentions);
        }
        let annotations = annotations()?;
        let corrected = apply_stored(&annotations.corrections, &corpus.passages, &mut mentions);
        let links = Links::from_stored(atlas.features(), mentions);
        Ok(Linked {
            atlas,
            corpus,
            links,
            corrected,
            annotations,
        })
    }

    /// The export inputs over this corpus; `corrected` ([`Linked::corrected_fn`]) tells which
    /// mentions a correction made.
    pub fn inputs<'a>(&'a self, corrected: &'a export::CorrectedFn<'a>) -> Inputs<'a> {
        let mut inputs = Inputs::new(
            self.atlas.features(),
            &self.corpus.documents,
            &self.corpus.passages,
            &self.links,
        );
        inputs.corrected = Some(corrected);
        inputs
    }

    /// Whether a mention of a passage (by id) was made or changed by a correction.
    pub fn corrected_fn(&self) -> impl Fn(&str, &Mention) -> bool + '_ {
        let index: HashMap<&str, usize> = self
            .corpus
            .passages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        move |passage: &str, m: &Mention| {
            index
                .get(passage)
                .is_some_and(|&i| self.corrected.contains(&(i, m.start)))
        }
    }
}

/// Apply the library's corrections to mentions made outside it (`link`'s files).
/// Returns where a correction made or changed a mention: (passage index, start byte).
pub fn correct_mentions(
    passages: &[Passage],
    mentions: &mut [Vec<Mention>],
) -> anyhow::Result<crate::links::correct::Corrected> {
    let a = annotations()?;
    Ok(apply_stored(&a.corrections, passages, mentions))
}

/// `caspian-atlas corrections`: every correction (id, scope, words, what was said, where).
pub fn list() -> anyhow::Result<ExitCode> {
    let a = annotations()?;
    let mut out = String::new();
    if a.corrections.is_empty() {
        out.push_str(
            "No corrections. In the window, right-click a linked name to correct it; each \
             correction is kept in the library and applied to every text.\n",
        );
    } else {
        let atlas = Atlas::load_embedded();
        let name_of = |id: &str| {
            atlas
                .index_of(id)
                .and_then(|i| atlas.features().get(i))
                .map(|f| f.name.clone())
        };
        out.push_str("id\tscope\twords\tcorrection\tdocument\tpassage\tmade\n");
        for c in &a.corrections {
            let n = &c.correction;
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                c.id,
                n.scope.label(),
                crate::clip::clip(&n.surface),
                n.action.describe(name_of),
                n.document.as_deref().unwrap_or("-"),
                n.passage.as_deref().unwrap_or("-"),
                c.created_at
            ));
        }
    }
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .context("writing to standard output")?;
    Ok(ExitCode::SUCCESS)
}

/// `caspian-atlas corrections remove ID`: undo a correction.
pub fn remove(id: i64) -> anyhow::Result<ExitCode> {
    let Some(mut store) = existing_store()? else {
        bail!(
            "there is no library yet ({}), so no correction {id}",
            default_path()?.display()
        );
    };
    if !store.remove_correction(id)? {
        bail!("no correction has the id {id} (see `caspian-atlas corrections`)");
    }
    eprintln!("correction {id} removed: the linker's own result is back");
    Ok(ExitCode::SUCCESS)
}

/// `caspian-atlas export --notes`: the reader's notes (on the passages the filters and the
/// selection keep, and every note that cannot be placed) as JSON, Markdown, HTML, or the
/// cited documents as BibTeX / RIS / CSL-JSON.
pub fn export_notes(args: &super::export_cmds::ExportArgs) -> anyhow::Result<Vec<u8>> {
    if !args.format.takes_notes() {
        bail!(
            "--notes: notes export as json, markdown or html (or their documents as bibtex, \
             ris or csl), not as geojson or csv"
        );
    }
    let filter = args.filter.to_filter()?;
    let linked = Linked::load(&args.layers)?;
    if !linked.annotations.library {
        bail!(
            "--notes: there is no library yet ({}), so no notes; notes are made in the window",
            default_path()?.display()
        );
    }
    if let Some(id) = &args.feature
        && linked.atlas.index_of(id).is_none()
    {
        bail!(
            "unknown feature id `{}` (see `caspian-atlas features`)",
            export::clip(id, 60)
        );
    }
    let corrected = linked.corrected_fn();
    let inputs = linked.inputs(&corrected);
    let sel = Selection {
        feature: args.feature.clone(),
        query: args.query.clone(),
    };
    let chosen = export::choose(&inputs, &filter, &sel)?;
    Ok(export::formats::notes(
        args.format,
        &inputs,
        &linked.annotations.notes,
        &chosen,
    )?)
}
