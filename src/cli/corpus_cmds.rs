//! `passages` and `link`: the linked corpus on the command line.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

use super::atlas_cmds::atlas_with_layers;
use crate::atlas::Atlas;
use crate::corpus::{self, Corpus, Document, Passage};
use crate::links::export::{Marking, build_export_marked, mark_mentions, wrap};
use crate::links::fold::fold_str;
use crate::links::gazetteer::kind_rank;
use crate::links::search::edit_distance;
use crate::links::{Linker, Links, SearchIndex};

pub(crate) fn report_warnings(atlas: &Atlas, corpus: Option<&Corpus>, links: Option<&Links>) {
    for w in atlas.warnings() {
        eprintln!("warning: {w}");
    }
    for w in corpus.map_or(&[][..], |c| c.warnings.as_slice()) {
        eprintln!("warning: {w}");
    }
    for w in links.map_or(&[][..], |l| l.warnings()) {
        eprintln!("warning: {w}");
    }
}

/// Close ids for an unknown one: by name/alias search, then by edit distance on the id.
pub(crate) fn suggestions(atlas: &Atlas, wanted: &str) -> Vec<String> {
    let index = SearchIndex::from_parts(atlas.features(), &[]);
    let mut out: Vec<String> = index
        .search_features(wanted, 5)
        .into_iter()
        .filter(|h| h.score >= 0.4)
        .filter_map(|h| atlas.features().get(h.idx).map(|f| f.id.clone()))
        .collect();
    let mut by_id: Vec<(usize, &str)> = atlas
        .features()
        .iter()
        .filter_map(|f| edit_distance(wanted, &f.id, 3).map(|d| (d, f.id.as_str())))
        .collect();
    by_id.sort();
    for (_, id) in by_id {
        if out.len() >= 5 {
            break;
        }
        if !out.iter().any(|o| o == id) {
            out.push(id.to_string());
        }
    }
    out
}

/// The feature a reader means by `wanted`: its id, else a feature whose name, else one of whose
/// aliases, equals it after folding case, diacritics and dashes ("Nakhichevan", "BTC",
/// "baku–tbilisi–ceyhan"). Several features sharing the name: the larger kind wins (the
/// country over a city of the same name), then the id.
pub fn resolve_feature(atlas: &Atlas, wanted: &str) -> Option<usize> {
    if let Some(i) = atlas.index_of(wanted) {
        return Some(i);
    }
    let folded = fold_str(wanted);
    if folded.is_empty() {
        return None;
    }
    let best = |matches: &dyn Fn(&crate::atlas::Feature) -> bool| {
        atlas
            .features()
            .iter()
            .enumerate()
            .filter(|(_, f)| matches(f))
            .min_by_key(|(_, f)| (kind_rank(f.kind), f.id.as_str()))
            .map(|(i, _)| i)
    };
    best(&|f| fold_str(&f.name) == folded)
        .or_else(|| best(&|f| f.aliases.iter().any(|a| fold_str(a) == folded)))
}

/// `wanted` cut to at most 60 chars, for echoing it in a message.
fn clip(wanted: &str) -> String {
    match wanted.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", wanted.get(..i).unwrap_or(wanted)),
        None => wanted.to_string(),
    }
}

/// `caspian-atlas passages FEATURE`: the passages that mention a feature (by id, name or
/// alias), grouped by document, mentions marked.
pub fn passages(feature: &str, layers: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let atlas = atlas_with_layers(layers)?;
    let Some(fi) = resolve_feature(&atlas, feature) else {
        let close = suggestions(&atlas, feature);
        let shown = clip(feature);
        if close.is_empty() {
            anyhow::bail!(
                "no feature has the id, name or alias `{shown}` (see `caspian-atlas features`)"
            );
        }
        anyhow::bail!(
            "no feature has the id, name or alias `{shown}`; did you mean: {}?",
            close.join(", ")
        );
    };
    // The shipped essays and the library's documents, the library's corrections applied.
    let linked = super::notes_cmds::Linked::with_atlas(atlas)?;
    let (atlas, corpus, links) = (&linked.atlas, &linked.corpus, &linked.links);
    let f = atlas
        .features()
        .get(fi)
        .with_context(|| format!("feature {feature} vanished"))?;
    let marking = if std::io::stdout().is_terminal() {
        Marking::Ansi
    } else {
        Marking::Guillemets
    };
    let refs = links.passages_of(fi);
    // document id -> passages (corpus indices), in corpus order of documents.
    let mut by_doc: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let doc_order: BTreeMap<&str, usize> = corpus
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    for r in refs {
        if let Some(p) = corpus.passages.get(r.passage) {
            let d = doc_order
                .get(p.document.as_str())
                .copied()
                .unwrap_or(usize::MAX);
            by_doc.entry(d).or_default().push(r.passage);
        }
    }
    let mut out = String::new();
    out.push_str(&format!(
        "{} ({}, {}): {} passage{} in {} document{}\n",
        f.name,
        f.kind.label(),
        f.id,
        refs.len(),
        if refs.len() == 1 { "" } else { "s" },
        by_doc.len(),
        if by_doc.len() == 1 { "" } else { "s" },
    ));
    if refs.is_empty() {
        out.push_str("No passage of the corpus mentions it.\n");
    }
    for (d, mut ps) in by_doc {
        ps.sort_by_key(|&i| corpus.passages.get(i).map_or(usize::MAX, |p| p.index));
        let doc = corpus.documents.get(d);
        let title = doc.map_or("(unknown document)", |d| d.title.as_str());
        let byline = doc.map(byline).unwrap_or_default();
        out.push_str(&format!("\n== {title}{byline}\n"));
        for pi in ps {
            let Some(p) = corpus.passages.get(pi) else {
                continue;
            };
            let heading = p
                .heading
                .as_deref()
                .map(|h| format!(" — {h}"))
                .unwrap_or_default();
            out.push_str(&format!("\n  [{}]{heading}\n", p.id));
            let marked = mark_mentions(&p.text, links.mentions(pi), &f.id, marking);
            out.push_str(&wrap(&marked, 96, "    "));
            out.push('\n');
        }
    }
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .context("writing to standard output")?;
    Ok(ExitCode::SUCCESS)
}

fn byline(d: &Document) -> String {
    let parts = d.byline_parts();
    let mut s = String::new();
    if !parts.is_empty() {
        s.push_str(" — ");
        s.push_str(&parts.join(", "));
    }
    s.push_str(&format!(" [{}]", d.id));
    s
}

/// Give a document a unique id among `taken`, renaming its passages to match.
fn make_unique(doc: &mut Document, passages: &mut [Passage], taken: &mut Vec<String>) {
    let base = doc.id.clone();
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    if id != base {
        for p in passages.iter_mut() {
            p.document = id.clone();
            p.id = corpus::passage_id(&id, p.index);
        }
        doc.id = id.clone();
    }
    taken.push(id);
}

/// `caspian-atlas link FILE…`: read (any supported format: PDF, web page, DOCX, EPUB,
/// Markdown, text in any common encoding), clean, split and link files; print their passages
/// as JSON. A file that cannot be read or is not a document is reported and skipped (exit 1);
/// the others are still processed. What was odd but not fatal is a warning on standard error.
pub fn link(files: &[PathBuf], layers: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let atlas = atlas_with_layers(layers)?;
    report_warnings(&atlas, None, None);
    let linker = Linker::from_atlas(&atlas).context("building the gazetteer")?;
    let mut failed = false;
    let mut documents: Vec<Document> = Vec::new();
    let mut passages: Vec<Passage> = Vec::new();
    let mut taken: Vec<String> = Vec::new();
    // Read in parallel (each reader sandboxed), reported in the order given.
    let read = crate::par::map(files, |file| crate::library::importer::import_file(file));
    for result in read {
        match result {
            Ok(imported) => {
                for w in &imported.warnings {
                    eprintln!("warning: {}", crate::clip::clip_to(w, 240));
                }
                let (mut doc, mut ps) = (imported.document, imported.passages);
                make_unique(&mut doc, &mut ps, &mut taken);
                documents.push(doc);
                passages.extend(ps);
            }
            Err(e) => {
                eprintln!("caspian-atlas: {}", crate::clip::clip_to(&e, 400));
                failed = true;
            }
        }
    }
    if !documents.is_empty() {
        let links = Links::from_parts(atlas.features(), &passages, &linker);
        // The library's corrections (words said to be another place, or none) apply here too.
        let mut mentions = links.all_mentions().to_vec();
        let corrected = super::notes_cmds::correct_mentions(&passages, &mut mentions)?;
        let export = build_export_marked(
            &documents,
            &passages,
            &mentions,
            atlas.features(),
            &|i, m| corrected.contains(&(i, m.start)),
        );
        let mut json = serde_json::to_string_pretty(&export).context("serialising")?;
        json.push('\n');
        std::io::stdout()
            .lock()
            .write_all(json.as_bytes())
            .context("writing to standard output")?;
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
