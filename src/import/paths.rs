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

/// What a walk found: the files to import, the problems (a path missing or unreadable, a
/// directory loop) and notes on what was skipped on purpose (hidden files, other file types).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Expanded {
    pub files: Vec<PathBuf>,
    pub problems: Vec<String>,
    pub skipped: Vec<String>,
}

/// The files to import from `paths` (files as given, folders walked), sorted, with the
/// problems met and notes about what was skipped. A file named explicitly is kept whatever its
/// extension (the importer then says what it is).
pub fn expand_paths(paths: &[PathBuf]) -> Expanded {
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
    let mut skipped = Vec::new();
    if w.hidden > 0 {
        skipped.push(format!(
            "skipped {} hidden file{} or folder{}",
            w.hidden,
            plural(w.hidden),
            plural(w.hidden)
        ));
    }
    let n: usize = w.unsupported.values().sum();
    if n > 0 {
        let kinds: Vec<String> = w
            .unsupported
            .iter()
            .take(6)
            .map(|(ext, n)| format!("{ext} ×{n}"))
            .collect();
        skipped.push(format!(
            "skipped {n} file{} of types that are not documents ({})",
            plural(n),
            kinds.join(", ")
        ));
    }
    Expanded {
        files: w.files.into_iter().collect(),
        problems: w.warnings,
        skipped,
    }
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
        let found = expand_paths(&[dir.clone(), dir.join("missing.pdf")]);
        let names: Vec<String> = found
            .files
            .iter()
            .filter_map(|f| f.strip_prefix(&dir).ok())
            .map(|f| f.display().to_string())
            .collect();
        assert_eq!(names, ["a.txt", "b.pdf", "sub/c.html"]);
        let problems = found.problems.join("\n");
        assert!(problems.contains("missing.pdf"), "{problems}");
        #[cfg(unix)]
        assert!(problems.contains("directory loop"), "{problems}");
        let skipped = found.skipped.join("\n");
        assert!(skipped.contains("1 hidden file"), "{skipped}");
        assert!(skipped.contains(".geojson ×1"), "{skipped}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
