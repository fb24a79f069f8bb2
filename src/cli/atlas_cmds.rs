//! `check`, `at` and `features`: the atlas on the command line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::atlas::{Atlas, Kind, validate};

/// Tolerance of `at`, in degrees (about 11 km): points and lines closer than this are listed.
pub const AT_TOLERANCE_DEG: f64 = 0.1;

/// The shipped geodata directory of this source tree.
fn default_geodata_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata")
}

/// Whether `path` is the shipped geodata directory or a file in it.
fn is_shipped(path: &Path, geodata: &Path) -> bool {
    let (Ok(p), Ok(g)) = (path.canonicalize(), geodata.canonicalize()) else {
        return false;
    };
    p == g || p.parent() == Some(g.as_path())
}

/// Whether a file name is one of the atlas' layers (`cities.geojson`…).
fn is_atlas_layer(path: &Path) -> bool {
    path.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| validate::LAYERS.contains(&s))
}

/// The `*.geojson` and `*.json` files of a directory, sorted.
fn layer_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "geojson") && !p.is_dir())
        .collect();
    files.sort();
    files
}

/// Validate files or directories (default: the shipped `geodata/`, or the compiled-in layers if
/// that directory is gone). The shipped layers, files named like them and everything under
/// `--strict` are held to the atlas contract (any problem: exit 1); other files are the reader's
/// own layers, checked as RFC 7946 (errors: exit 1; warnings do not fail). Problems on stdout,
/// one per line; summary on stderr.
pub fn check(paths: &[PathBuf], strict: bool) -> anyhow::Result<ExitCode> {
    let geodata = default_geodata_dir();
    let mut contract: Vec<PathBuf> = Vec::new();
    let mut own: Vec<PathBuf> = Vec::new();
    for path in paths {
        if strict || is_shipped(path, &geodata) || (!path.is_dir() && is_atlas_layer(path)) {
            contract.push(path.clone());
        } else if path.is_dir() {
            let files = layer_files(path);
            if files.is_empty() || files.iter().all(|f| is_atlas_layer(f)) {
                contract.push(path.clone());
            } else {
                for f in files {
                    if is_atlas_layer(&f) {
                        contract.push(f);
                    } else {
                        own.push(f);
                    }
                }
            }
        } else {
            own.push(path.clone());
        }
    }
    let atlas = if paths.is_empty() {
        Some(if geodata.is_dir() {
            Atlas::load_dir(&geodata)
        } else {
            Atlas::load_embedded()
        })
    } else if contract.is_empty() {
        None
    } else {
        Some(Atlas::load_paths(&contract))
    };
    let mut out = std::io::stdout().lock();
    let (mut files, mut features, mut problems, mut errors) = (0, 0, 0, 0);
    let mut failed = false;
    if let Some(atlas) = &atlas {
        for w in atlas.warnings() {
            writeln!(out, "{w}")?;
        }
        files += atlas.file_count();
        features += atlas.features().len();
        problems += atlas.warnings().len();
        errors += atlas.warnings().iter().filter(|p| p.is_error()).count();
        failed |= !atlas.warnings().is_empty();
    }
    for path in &own {
        files += 1;
        let mut layer = Atlas::default();
        match layer.add_user_layer_file(path) {
            Ok(report) => {
                for w in &report.problems {
                    writeln!(out, "{w}")?;
                }
                features += report.added;
                problems += report.problems.len();
                errors += report.errors();
                failed |= report.errors() > 0;
            }
            Err(e) => {
                writeln!(out, "{}", validate::escape_controls(&e.to_string()))?;
                problems += 1;
                errors += 1;
                failed = true;
            }
        }
    }
    out.flush()?;
    let own_note = if own.is_empty() {
        String::new()
    } else {
        format!(" ({} checked as your own layer(s), RFC 7946)", own.len())
    };
    if problems == 0 {
        eprintln!("{files} file(s){own_note}, {features} feature(s): no problems");
    } else {
        eprintln!(
            "{files} file(s){own_note}, {features} feature(s) loaded: {problems} problem(s) ({errors} error(s), {} warning(s))",
            problems - errors
        );
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The shipped atlas with the reader's layers added (`--layer FILE`, repeatable); a layer that
/// cannot be read is an error, its problems are reported on standard error.
pub fn atlas_with_layers(layers: &[PathBuf]) -> anyhow::Result<Atlas> {
    if layers.is_empty() {
        return Ok(Atlas::load_embedded());
    }
    let mut atlas = Atlas::embedded().clone();
    for path in layers {
        let report = atlas
            .add_user_layer_file(path)
            .map_err(|e| anyhow::anyhow!(validate::escape_controls(&e.to_string())))?;
        for p in report.problems.iter().filter(|p| p.is_error()) {
            eprintln!("warning: {p}");
        }
        eprintln!(
            "layer {}: {} feature(s) added{}",
            validate::escape_controls(&validate::clip(&report.layer)),
            report.added,
            match report.errors() {
                0 => String::new(),
                n => format!(", {n} skipped"),
            }
        );
    }
    Ok(atlas)
}

fn json_row(atlas: &Atlas, idx: usize) -> serde_json::Value {
    let Some(f) = atlas.features().get(idx) else {
        return serde_json::Value::Null;
    };
    let mut row = serde_json::json!({
        "id": f.id,
        "kind": f.kind.as_str(),
        "name": f.name,
        "layer": atlas.layer(idx).unwrap_or_default(),
    });
    if let (Some(status), Some(obj)) = (&f.status, row.as_object_mut()) {
        obj.insert("status".into(), status.clone().into());
    }
    row
}

fn print_table(atlas: &Atlas, rows: &[usize], json: bool) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if json {
        let items: Vec<serde_json::Value> = rows.iter().map(|&i| json_row(atlas, i)).collect();
        serde_json::to_writer_pretty(&mut out, &items)?;
        writeln!(out)?;
    } else {
        let feats: Vec<_> = rows
            .iter()
            .filter_map(|&i| atlas.features().get(i))
            .collect();
        let w_id = feats.iter().map(|f| f.id.len()).max().unwrap_or(0);
        let w_kind = feats
            .iter()
            .map(|f| f.kind.as_str().len())
            .max()
            .unwrap_or(0);
        for f in feats {
            writeln!(
                out,
                "{:<w_id$}  {:<w_kind$}  {}",
                f.id,
                f.kind.as_str(),
                f.name
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

/// The features at a point, topmost first (see [`Atlas::pick`]; tolerance [`AT_TOLERANCE_DEG`]).
pub fn at(lon: f64, lat: f64, json: bool, layers: &[PathBuf]) -> anyhow::Result<ExitCode> {
    // `{:?}` keeps a huge or tiny number short (1e308, not 309 digits).
    if !(-180.0..=180.0).contains(&lon) {
        anyhow::bail!(
            "({lon:?}, {lat:?}) is not a lon/lat position: longitude out of range (-180 to 180)"
        );
    }
    if !(-90.0..=90.0).contains(&lat) {
        anyhow::bail!(
            "({lon:?}, {lat:?}) is not a lon/lat position: latitude out of range (-90 to 90)"
        );
    }
    let atlas = atlas_with_layers(layers)?;
    let hits = atlas.pick(lon, lat, AT_TOLERANCE_DEG);
    if hits.is_empty() && !json {
        eprintln!("no feature at ({lon:?}, {lat:?})");
    }
    print_table(&atlas, &hits, json)?;
    Ok(ExitCode::SUCCESS)
}

/// A kind as a person types it: any case, singular or plural, spaces or underscores for
/// hyphens ("Pipelines", "cities", "macro regions").
pub fn parse_kind(s: &str) -> Option<Kind> {
    let k = s.trim().to_lowercase().replace([' ', '_'], "-");
    let singular = |k: &str| -> Option<String> {
        if let Some(stem) = k.strip_suffix("ies") {
            Some(format!("{stem}y"))
        } else {
            k.strip_suffix('s').map(str::to_string)
        }
    };
    Kind::parse(&k)
        .or_else(|| singular(&k).and_then(|s| Kind::parse(&s)))
        .or_else(|| {
            let bare = k.replace('-', "");
            Kind::ALL.into_iter().find(|kind| {
                let name = kind.as_str().replace('-', "");
                bare == name || singular(&bare).is_some_and(|s| s == name)
            })
        })
}

/// List the features, sorted by kind (in the order country, macro-region, region, water, city,
/// field, pipeline, corridor) then id.
pub fn features(kind: Option<&str>, json: bool, layers: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let wanted = match kind {
        None => None,
        Some(k) => match parse_kind(k) {
            Some(kind) => Some(kind),
            None => anyhow::bail!(
                "unknown kind `{}`; valid kinds: {} (singular or plural, any case)",
                k.chars().take(40).collect::<String>(),
                Kind::ALL.map(Kind::as_str).join(", ")
            ),
        },
    };
    let atlas = atlas_with_layers(layers)?;
    let mut rows: Vec<usize> = (0..atlas.features().len())
        .filter(|&i| {
            atlas
                .features()
                .get(i)
                .is_some_and(|f| wanted.is_none_or(|k| f.kind == k))
        })
        .collect();
    rows.sort_by(|&a, &b| {
        let key = |i: usize| atlas.features().get(i).map(|f| (f.kind, f.id.as_str()));
        key(a).cmp(&key(b))
    });
    print_table(&atlas, &rows, json)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_in_any_case_and_number() {
        for (typed, kind) in [
            ("pipeline", Kind::Pipeline),
            ("Pipeline", Kind::Pipeline),
            ("pipelines", Kind::Pipeline),
            ("PIPELINES", Kind::Pipeline),
            ("cities", Kind::City),
            ("Countries", Kind::Country),
            ("macro-regions", Kind::MacroRegion),
            ("Macro regions", Kind::MacroRegion),
            ("macroregion", Kind::MacroRegion),
            ("water", Kind::Water),
            (" fields ", Kind::Field),
        ] {
            assert_eq!(parse_kind(typed), Some(kind), "{typed}");
        }
        assert_eq!(parse_kind("lakes"), Some(Kind::Lake), "a gazetteer kind");
        for typed in ["", "s", "pipe", "lakess"] {
            assert_eq!(parse_kind(typed), None, "{typed}");
        }
    }
}
