//! `export` (the linked corpus as JSON, GeoJSON, CSV, BibTeX, RIS, CSL-JSON, Markdown or HTML)
//! and `render` (the map as SVG or PNG, no window): argument parsing and file writing over
//! `crate::export`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};

use crate::atlas::{Atlas, Kind};
use crate::corpus::Corpus;
use crate::export::svg::{MapRequest, View, parse_bbox, parse_size, render_svg};
use crate::export::{self, Filter, Inputs, Selection};
use crate::links::Links;
use crate::options::Theme;

pub use crate::export::formats::Format;

/// The filters the window's reading panel has, on the command line.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Only this document (id; repeatable).
    #[arg(long = "document", value_name = "ID")]
    pub documents: Vec<String>,
    /// Only documents of this outlet (exact name; repeatable).
    #[arg(long = "outlet", value_name = "NAME")]
    pub outlets: Vec<String>,
    /// Only features of this kind (country, macro-region, region, water, city, field,
    /// pipeline, corridor; repeatable).
    #[arg(long = "kind", value_name = "KIND")]
    pub kinds: Vec<String>,
}

impl FilterArgs {
    pub fn to_filter(&self) -> anyhow::Result<Filter> {
        let mut keep = Vec::new();
        for k in &self.kinds {
            match Kind::parse(k) {
                Some(kind) => keep.push(kind),
                None => bail!(
                    "--kind: unknown kind `{}` (one of: {})",
                    export::clip(k, 40),
                    Kind::ALL.map(Kind::as_str).join(", ")
                ),
            }
        }
        Ok(Filter {
            documents: self.documents.clone(),
            outlets: self.outlets.clone(),
            hidden_kinds: if keep.is_empty() {
                Vec::new()
            } else {
                Kind::ALL
                    .into_iter()
                    .filter(|k| !keep.contains(k))
                    .collect()
            },
        })
    }
}

#[derive(Debug, Clone, Default, clap::Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Only the passages that mention this feature (id, e.g. `lachin-corridor`).
    #[arg(long, value_name = "ID")]
    pub feature: Option<String>,
    /// Only the passages that match this search (as the window's search box).
    #[arg(long, value_name = "TEXT")]
    pub query: Option<String>,
    /// The reader's notes and highlights with their quotes and citations (json, markdown or
    /// html; bibtex, ris or csl: the documents they cite). --feature, --query and the filters
    /// narrow them; notes that can no longer be placed are always included.
    #[arg(long)]
    pub notes: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output file (default: standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Add your own GeoJSON layer (repeatable): its names link in every text.
    #[arg(long = "layer", value_name = "FILE")]
    pub layers: Vec<PathBuf>,
}

#[derive(Debug, Clone, clap::Args)]
pub struct RenderArgs {
    /// The map file to write: FILE.svg or FILE.png.
    #[arg(long, value_name = "FILE.svg|FILE.png")]
    pub out: PathBuf,
    /// Image size in pixels (the footer is included).
    #[arg(long, value_name = "WxH", default_value = "1600x1000")]
    pub size: String,
    /// Frame this lon/lat box: west,south,east,north.
    #[arg(
        long,
        value_name = "W,S,E,N",
        conflicts_with = "select",
        allow_hyphen_values = true
    )]
    pub bbox: Option<String>,
    /// Frame and highlight this feature (id).
    #[arg(long, value_name = "ID")]
    pub select: Option<String>,
    /// Colour theme (default light).
    #[arg(long, value_enum)]
    pub theme: Option<Theme>,
    /// Shade countries and regions by how many passages mention them.
    #[arg(long)]
    pub shade: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
}

fn write_out(out: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    match out {
        Some(path) => {
            std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))
        }
        None => std::io::stdout()
            .lock()
            .write_all(bytes)
            .context("writing to standard output"),
    }
}

fn loaded() -> (Atlas, Corpus, Links) {
    let atlas = Atlas::load_embedded();
    let corpus = Corpus::load_embedded();
    let links = Links::build(&atlas, &corpus);
    super::corpus_cmds::report_warnings(&atlas, Some(&corpus), Some(&links));
    (atlas, corpus, links)
}

fn unknown_feature(atlas: &Atlas, id: &str) -> anyhow::Error {
    let close = super::corpus_cmds::suggestions(atlas, id);
    let id = export::clip(id, 60);
    if close.is_empty() {
        anyhow::anyhow!("unknown feature id `{id}` (see `caspian-atlas features`)")
    } else {
        anyhow::anyhow!(
            "unknown feature id `{id}`; did you mean: {}?",
            close.join(", ")
        )
    }
}

/// `caspian-atlas export [--format …] [--feature ID] [--query TEXT] [--out FILE]`.
pub fn export(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    if args.notes {
        let bytes = super::notes_cmds::export_notes(args)?;
        write_out(args.out.as_deref(), &bytes)?;
        return Ok(ExitCode::SUCCESS);
    }
    let filter = args.filter.to_filter()?;
    // The shipped essays, the library's documents, the library's corrections applied.
    let linked = super::notes_cmds::Linked::load(&args.layers)?;
    if let Some(id) = &args.feature
        && linked.atlas.index_of(id).is_none()
    {
        return Err(unknown_feature(&linked.atlas, id));
    }
    let corrected = linked.corrected_fn();
    let inputs = linked.inputs(&corrected);
    let sel = Selection {
        feature: args.feature.clone(),
        query: args.query.clone(),
    };
    let chosen = export::choose(&inputs, &filter, &sel)?;
    let bytes = export::formats::passages(args.format, &inputs, &filter, &sel, &chosen)?;
    write_out(args.out.as_deref(), &bytes)?;
    Ok(ExitCode::SUCCESS)
}

/// `caspian-atlas render --out FILE.svg|FILE.png [--size WxH] [--bbox W,S,E,N | --select ID]
/// [--theme light|dark] [--shade]`: the map without a window.
pub fn render(args: &RenderArgs) -> anyhow::Result<ExitCode> {
    let ext = args
        .out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let png = match ext.as_deref() {
        Some("svg") => false,
        Some("png") => true,
        _ => bail!(
            "--out {}: the file name must end in .svg or .png",
            export::clip(&args.out.display().to_string(), 80)
        ),
    };
    let (width, height) = parse_size(&args.size)?;
    let filter = args.filter.to_filter()?;
    let bbox = args.bbox.as_deref().map(parse_bbox).transpose()?;
    let (atlas, corpus, links) = loaded();
    let view = match (&args.select, bbox) {
        (Some(id), _) => View::Feature(
            atlas
                .index_of(id)
                .ok_or_else(|| unknown_feature(&atlas, id))?,
        ),
        (None, Some(b)) => View::BBox(b),
        (None, None) => View::Region,
    };
    let counts = if args.shade {
        let inputs = Inputs::new(
            atlas.features(),
            &corpus.documents,
            &corpus.passages,
            &links,
        );
        let chosen = export::choose(&inputs, &filter, &Selection::default())?;
        Some(export::gis::passage_counts(&inputs, &filter, &chosen))
    } else {
        None
    };
    let req = MapRequest {
        features: atlas.features(),
        width,
        height,
        view,
        dark: args.theme == Some(Theme::Dark),
        shade: counts.as_ref(),
        layers: None,
        selected: None,
    };
    let svg = render_svg(&req)?;
    let bytes = if png {
        export::png::svg_to_png(&svg)?
    } else {
        svg.into_bytes()
    };
    write_out(Some(&args.out), &bytes)?;
    Ok(ExitCode::SUCCESS)
}
