//! `add`, `library` (list, `remove ID`, `--path`): the reader's library on the command line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use anyhow::Context;

use crate::atlas::Atlas;
use crate::library::pipeline::{self, Input, Linking, Outcome};
use crate::library::{Store, default_path, importer};
use crate::links::{Linker, linker_version};

/// Open the library at its usual place, printing any warning (a damaged file set aside).
pub fn open_store() -> anyhow::Result<Store> {
    let path = default_path()?;
    let (store, warnings) = Store::open(&path)?;
    for w in warnings {
        eprintln!("warning: {w}");
    }
    Ok(store)
}

/// The ids of the shipped essays: a library document never takes one.
pub fn shipped_ids() -> Vec<String> {
    crate::corpus::Corpus::load_embedded()
        .documents
        .into_iter()
        .map(|d| d.id)
        .collect()
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// `caspian-atlas add PATH…`: import files and folders (recursively; PDF, web pages, DOCX,
/// EPUB, Markdown, text) into the library, with a progress line per file on standard error and
/// a summary. Exit 1 if any file was refused.
pub fn add(paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let importer::Expanded {
        files,
        problems,
        skipped,
    } = importer::expand(paths);
    for p in &problems {
        eprintln!("caspian-atlas: {p}");
    }
    for s in &skipped {
        eprintln!("caspian-atlas: note: {s}");
    }
    let mut store = open_store()?;
    let atlas = Atlas::load_embedded();
    let linker = Linker::from_atlas(&atlas).context("building the gazetteer")?;
    let version = linker_version(atlas.features());
    let inputs: Vec<Input> = files.into_iter().map(Input::Path).collect();
    let reserved = shipped_ids();
    let cancel = AtomicBool::new(false);
    let linking = Linking {
        linker: Some(&linker),
        version: &version,
    };
    let outcomes = pipeline::import(&mut store, linking, &inputs, &reserved, &cancel, |p| {
        let what = match p.outcome {
            Outcome::Added(d) => format!(
                "added “{}” as {} [{}]: {} passages, {} places",
                clip(&d.title, 80),
                d.key,
                d.id,
                d.passages,
                d.places
            ),
            Outcome::Reimported(d) => format!(
                "re-imported “{}” [{}]: the file changed since it was imported; {} passages, {} places",
                clip(&d.title, 80),
                d.id,
                d.passages,
                d.places
            ),
            Outcome::Unchanged(d) => {
                format!("unchanged: already in the library as [{}]", d.id)
            }
            Outcome::Failed(e) => format!("refused: {e}"),
        };
        eprintln!("[{}/{}] {}: {what}", p.done, p.total, p.name);
    });
    let count = |f: fn(&Outcome) -> bool| outcomes.iter().filter(|o| f(o)).count();
    let added = count(|o| matches!(o, Outcome::Added(_)));
    let reimported = count(|o| matches!(o, Outcome::Reimported(_)));
    let unchanged = count(|o| matches!(o, Outcome::Unchanged(_)));
    let failed = count(|o| matches!(o, Outcome::Failed(_))) + problems.len();
    eprintln!(
        "{added} added, {reimported} re-imported, {unchanged} unchanged, {failed} refused; the library ({}) holds {} documents",
        store.path(),
        store.list()?.len()
    );
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// `caspian-atlas library [--path]`: list the library (id, title, authors, outlet, date,
/// format, passages, places), or print where it is.
pub fn list(show_path: bool) -> anyhow::Result<ExitCode> {
    let path = default_path()?;
    if show_path {
        println!("{}", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let docs = if path.exists() {
        open_store()?.list()?
    } else {
        Vec::new()
    };
    let mut out = String::new();
    if docs.is_empty() {
        out.push_str(&format!(
            "The library ({}) is empty: `caspian-atlas add FILE…` imports documents.\n",
            path.display()
        ));
    } else {
        out.push_str("id\ttitle\tauthors\toutlet\tdate\tformat\tpassages\tplaces\n");
        for d in &docs {
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                d.id,
                clip(&d.title, 80),
                clip(&d.authors.join("; "), 60),
                clip(&d.outlet, 40),
                clip(&d.date, 20),
                d.format,
                d.passages,
                d.places
            ));
        }
    }
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .context("writing to standard output")?;
    Ok(ExitCode::SUCCESS)
}

/// `caspian-atlas library remove ID`: take a document out of the library.
pub fn remove(id: i64) -> anyhow::Result<ExitCode> {
    let path = default_path()?;
    if !path.exists() {
        anyhow::bail!(
            "the library ({}) is empty: no document {id}",
            path.display()
        );
    }
    let mut store = open_store()?;
    let doc = store
        .remove_document(id)
        .with_context(|| format!("removing document {id} (see `caspian-atlas library`)"))?;
    eprintln!(
        "removed “{}” [{}] from the library",
        clip(&doc.title, 80),
        doc.id
    );
    Ok(ExitCode::SUCCESS)
}

/// The library's documents, passages and mentions for `export`, re-linked where stale. None
/// when there is no library yet.
pub fn library_for_export(atlas: &Atlas) -> anyhow::Result<Option<crate::library::StoredLibrary>> {
    let path = default_path()?;
    if !Path::new(&path).exists() {
        return Ok(None);
    }
    let mut store = open_store()?;
    let linker = Linker::from_atlas(atlas).context("building the gazetteer")?;
    let version = linker_version(atlas.features());
    let loaded = pipeline::load(
        &mut store,
        Linking {
            linker: Some(&linker),
            version: &version,
        },
    )?;
    Ok(Some(loaded.library))
}
