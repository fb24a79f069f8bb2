//! `check`, `at` and `features`: the atlas on the command line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::atlas::{Atlas, Kind};

/// Tolerance of `at`, in degrees (about 11 km): points and lines closer than this are listed.
pub const AT_TOLERANCE_DEG: f64 = 0.1;

/// The shipped geodata directory of this source tree.
fn default_geodata_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata")
}

/// Validate files or directories (default: the shipped `geodata/`, or the compiled-in layers if
/// that directory is gone). Problems on stdout, one per line; summary on stderr; exit 1 if any.
pub fn check(paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let atlas = if paths.is_empty() {
        let dir = default_geodata_dir();
        if dir.is_dir() {
            Atlas::load_dir(&dir)
        } else {
            Atlas::load_embedded()
        }
    } else {
        Atlas::load_paths(paths)
    };
    let mut out = std::io::stdout().lock();
    for w in atlas.warnings() {
        writeln!(out, "{w}")?;
    }
    out.flush()?;
    let problems = atlas.warnings();
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let files = atlas.file_count();
    let features = atlas.features().len();
    if problems.is_empty() {
        eprintln!("{files} file(s), {features} feature(s): no problems");
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "{files} file(s), {features} feature(s) loaded: {} problem(s) ({errors} error(s), {} warning(s))",
            problems.len(),
            problems.len() - errors
        );
        Ok(ExitCode::FAILURE)
    }
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
pub fn at(lon: f64, lat: f64, json: bool) -> anyhow::Result<ExitCode> {
    if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
        anyhow::bail!("({lon}, {lat}) is not a lon/lat position (lon -180..180, lat -90..90)");
    }
    let atlas = Atlas::load_embedded();
    let hits = atlas.pick(lon, lat, AT_TOLERANCE_DEG);
    if hits.is_empty() && !json {
        eprintln!("no feature at ({lon}, {lat})");
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
pub fn features(kind: Option<&str>, json: bool) -> anyhow::Result<ExitCode> {
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
    let atlas = Atlas::load_embedded();
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
        for typed in ["", "s", "pipe", "lakes"] {
            assert_eq!(parse_kind(typed), None, "{typed}");
        }
    }
}
