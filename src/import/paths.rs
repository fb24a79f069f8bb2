//! Files and folders to import: folders walked recursively in name order, directory loops
//! detected by (device, inode), hidden entries and unsupported file types skipped and counted.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use super::Format;

/// Folders deeper than this are not entered.
const MAX_DEPTH: usize = 64;

#[derive(Default)]
struct Walk {
    files: BTreeSet<PathBuf>,
    warnings: Vec<String>,
    seen_dirs: HashSet<DirKey>,
    hidden: usize,
    unsupported: BTreeMap<String, usize>,
}

#[cfg(unix)]
type DirKey = (u64, u64);
#[cfg(not(unix))]
type DirKey = PathBuf;

#[cfg(unix)]
fn dir_key(path: &Path, meta: &std::fs::Metadata) -> DirKey {
    use std::os::unix::fs::MetadataExt;
    let _ = path;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn dir_key(path: &Path, _meta: &std::fs::Metadata) -> DirKey {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The files to import from `paths` (files as given, folders walked), sorted, and warnings
/// about what was skipped. A file named explicitly is kept whatever its extension (the
/// importer then says what it is).
pub fn expand_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let mut w = Walk::default();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &m, 0, &mut w),
            Ok(_) => {
                w.files.insert(p.clone());
            }
            Err(e) => w.warnings.push(format!("{}: {e}", p.display())),
        }
    }
    if w.hidden > 0 {
        w.warnings.push(format!(
            "skipped {} hidden file{} or folder{}",
            w.hidden,
            plural(w.hidden),
            plural(w.hidden)
        ));
    }
    let skipped: usize = w.unsupported.values().sum();
    if skipped > 0 {
        let kinds: Vec<String> = w
            .unsupported
            .iter()
            .take(6)
            .map(|(ext, n)| format!("{ext} ×{n}"))
            .collect();
        w.warnings.push(format!(
            "skipped {skipped} file{} of types that are not documents ({})",
            plural(skipped),
            kinds.join(", ")
        ));
    }
    (w.files.into_iter().collect(), w.warnings)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn walk(dir: &Path, meta: &std::fs::Metadata, depth: usize, w: &mut Walk) {
    if !w.seen_dirs.insert(dir_key(dir, meta)) {
        w.warnings.push(format!(
            "{}: directory loop (this folder was already visited); skipped",
            dir.display()
        ));
        return;
    }
    if depth > MAX_DEPTH {
        w.warnings.push(format!(
            "{}: folders nested too deep; skipped",
            dir.display()
        ));
        return;
    }
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(Result::ok).map(|e| e.path()).collect(),
        Err(e) => {
            w.warnings
                .push(format!("{}: cannot read folder: {e}", dir.display()));
            return;
        }
    };
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') {
            w.hidden += 1;
            continue;
        }
        let Ok(m) = std::fs::metadata(&path) else {
            w.warnings.push(format!(
                "{}: broken link or unreadable; skipped",
                path.display()
            ));
            continue;
        };
        if m.is_dir() {
            walk(&path, &m, depth + 1, w);
        } else if m.is_file() {
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            if Format::from_extension(&ext).is_some() {
                w.files.insert(path);
            } else {
                let label = if ext.is_empty() {
                    "no extension".to_string()
                } else {
                    format!(".{ext}")
                };
                *w.unsupported.entry(label).or_default() += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_walked_sorted_and_skips_counted() {
        let dir = std::env::temp_dir().join(format!("import-paths-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let sub = dir.join("sub");
        if let Err(e) = std::fs::create_dir_all(&sub) {
            panic!("mkdir: {e}");
        }
        for f in ["b.pdf", "a.txt", ".hidden.txt", "map.geojson", "sub/c.html"] {
            if let Err(e) = std::fs::write(dir.join(f), b"x") {
                panic!("write {f}: {e}");
            }
        }
        #[cfg(unix)]
        if let Err(e) = std::os::unix::fs::symlink(&dir, sub.join("loop")) {
            panic!("symlink: {e}");
        }
        let (files, warnings) = expand_paths(&[dir.clone(), dir.join("missing.pdf")]);
        let names: Vec<String> = files
            .iter()
            .filter_map(|f| f.strip_prefix(&dir).ok())
            .map(|f| f.display().to_string())
            .collect();
        assert_eq!(names, ["a.txt", "b.pdf", "sub/c.html"]);
        let all = warnings.join("\n");
        assert!(all.contains("missing.pdf"), "{all}");
        assert!(all.contains("1 hidden file"), "{all}");
        assert!(all.contains(".geojson ×1"), "{all}");
        #[cfg(unix)]
        assert!(all.contains("directory loop"), "{all}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
