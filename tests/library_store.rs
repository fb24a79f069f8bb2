//! The library database through its public API, on generated files in temp dirs: a restart
//! reads nothing again (the source deleted, everything still there), a changed file is
//! re-imported, a new linker version re-links, a corrupt or newer database is set aside.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use caspian_atlas::atlas::Atlas;
use caspian_atlas::library::pipeline::{self, Input, Linking, Outcome};
use caspian_atlas::library::{Store, StoredLibrary};
use caspian_atlas::links::{Linker, linker_version};

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ca-libstore-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        panic!("temp dir {}: {e}", dir.display());
    }
    dir
}

fn write(path: &Path, text: &str) {
    if let Err(e) = std::fs::write(path, text) {
        panic!("write {}: {e}", path.display());
    }
}

fn open(path: &Path) -> (Store, Vec<String>) {
    match Store::open(path) {
        Ok(s) => s,
        Err(e) => panic!("the library opens: {e}"),
    }
}

struct Linked {
    atlas: Atlas,
    linker: Linker,
}

fn linked() -> Linked {
    let atlas = Atlas::load_embedded();
    let Ok(linker) = Linker::from_atlas(&atlas) else {
        panic!("the gazetteer builds");
    };
    Linked { atlas, linker }
}

fn import(store: &mut Store, l: &Linked, version: &str, files: &[PathBuf]) -> Vec<Outcome> {
    let inputs: Vec<Input> = files.iter().cloned().map(Input::Path).collect();
    let linking = Linking {
        linker: Some(&l.linker),
        version,
    };
    pipeline::import(
        store,
        linking,
        &inputs,
        &[],
        &AtomicBool::new(false),
        |_| {},
    )
}

fn load(store: &mut Store, l: &Linked, version: &str) -> (StoredLibrary, usize) {
    let linking = Linking {
        linker: Some(&l.linker),
        version,
    };
    match pipeline::load(store, linking) {
        Ok(loaded) => (loaded.library, loaded.relinked),
        Err(e) => panic!("the library loads: {e}"),
    }
}

const FERRIES: &str = "Ferries on the Caspian\n\nFreight crosses Kazakhstan to the port of Aktau \
    and sails to Baku.\n\nFrom Baku the railway runs through Georgia to Kars.\n";

#[test]
fn a_restart_reads_nothing_again_and_a_deleted_source_loses_nothing() {
    let dir = temp_dir("restart");
    let db = dir.join("data").join("library.db");
    let src = dir.join("ferries.txt");
    write(&src, FERRIES);
    let l = linked();
    let version = linker_version(l.atlas.features());
    let before = {
        let (mut store, warnings) = open(&db);
        assert!(warnings.is_empty(), "{warnings:?}");
        let out = import(&mut store, &l, &version, std::slice::from_ref(&src));
        assert!(
            matches!(out.as_slice(), [Outcome::Added(d)] if d.key == "ferries" && d.passages == 2)
        );
        load(&mut store, &l, &version).0
    };
    std::fs::remove_file(&src).ok();
    let (mut store, warnings) = open(&db);
    assert!(warnings.is_empty());
    let (after, relinked) = load(&mut store, &l, &version);
    assert_eq!(relinked, 0, "nothing re-linked at a restart");
    assert_eq!(after.passages, before.passages);
    assert_eq!(after.mentions, before.mentions);
    let features: Vec<&str> = after
        .mentions
        .iter()
        .flatten()
        .map(|m| m.feature.as_str())
        .collect();
    assert!(
        features.contains(&"aktau") && features.contains(&"baku"),
        "{features:?}"
    );
    let Some(doc) = after.documents.first() else {
        panic!("the document is still listed");
    };
    assert_eq!(doc.title, "Ferries on the Caspian");
    assert!(
        store
            .text(doc.id)
            .is_ok_and(|t| t.contains("port of Aktau"))
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_changed_file_is_reimported_and_an_unchanged_one_is_not() {
    let dir = temp_dir("reimport");
    let src = dir.join("ferries.txt");
    write(&src, FERRIES);
    let l = linked();
    let version = linker_version(l.atlas.features());
    let (mut store, _) = open(&dir.join("library.db"));
    let first = import(&mut store, &l, &version, std::slice::from_ref(&src));
    let Some(Outcome::Added(doc)) = first.first() else {
        panic!("added: {first:?}");
    };
    let again = import(&mut store, &l, &version, std::slice::from_ref(&src));
    assert!(matches!(again.first(), Some(Outcome::Unchanged(d)) if d.id == doc.id));
    // The reader's own title survives the re-import.
    let meta = caspian_atlas::library::DocumentMeta {
        title: "My ferries".into(),
        authors: vec!["A. Reader".into()],
        outlet: String::new(),
        date: "2024".into(),
    };
    assert!(store.update_meta(doc.id, &meta).is_ok());
    write(
        &src,
        &format!("{FERRIES}\nA third paragraph names Tbilisi and Yerevan.\n"),
    );
    let changed = import(&mut store, &l, &version, std::slice::from_ref(&src));
    let Some(Outcome::Reimported(d)) = changed.first() else {
        panic!("re-imported: {changed:?}");
    };
    assert_eq!((d.id, d.passages), (doc.id, 3));
    assert_eq!(d.title, "My ferries");
    assert!(d.metadata_edited);
    assert_eq!(store.list().map(|l| l.len()).ok(), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_new_linker_version_relinks_once() {
    let dir = temp_dir("relink");
    let src = dir.join("ferries.txt");
    write(&src, FERRIES);
    let l = linked();
    let (mut store, _) = open(&dir.join("library.db"));
    import(&mut store, &l, "0-old", std::slice::from_ref(&src));
    let version = linker_version(l.atlas.features());
    assert_ne!(version, "0-old");
    let (lib, relinked) = load(&mut store, &l, &version);
    assert_eq!(relinked, 1);
    assert!(lib.documents.iter().all(|d| d.linker_version == version));
    let (again, relinked) = load(&mut store, &l, &version);
    assert_eq!(relinked, 0, "stored with the new version");
    assert_eq!(again.mentions, lib.mentions);
    let _ = std::fs::remove_dir_all(&dir);
}

fn aside_files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with("library.db.corrupt-"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn a_corrupt_database_is_set_aside_with_a_warning() {
    let dir = temp_dir("corrupt");
    let db = dir.join("library.db");
    let garbage: Vec<u8> = (0..8192u32).map(|i| (i * 7 + 3) as u8).collect();
    if let Err(e) = std::fs::write(&db, &garbage) {
        panic!("write: {e}");
    }
    let (store, warnings) = open(&db);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("library.db") && w.contains("moved to")),
        "{warnings:?}"
    );
    assert!(store.list().is_ok_and(|l| l.is_empty()));
    let aside = aside_files(&dir);
    assert_eq!(aside.len(), 1, "{aside:?}");
    // The damaged file is kept as it was, never overwritten.
    let kept = aside
        .first()
        .map(|n| std::fs::read(dir.join(n)).unwrap_or_default());
    assert_eq!(kept, Some(garbage));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_newer_database_is_set_aside_not_overwritten() {
    let dir = temp_dir("newer");
    let db = dir.join("library.db");
    {
        let (store, _) = open(&db);
        drop(store);
        let Ok(conn) = rusqlite::Connection::open(&db) else {
            panic!("raw open");
        };
        assert!(conn.pragma_update(None, "user_version", 99).is_ok());
    }
    let (store, warnings) = open(&db);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("newer version") && w.contains("99")),
        "{warnings:?}"
    );
    assert_eq!(store.schema_version().ok(), Some(1));
    assert_eq!(aside_files(&dir).len(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn links_from_stored_mentions_equal_links_made_afresh() {
    let l = linked();
    let corpus = caspian_atlas::corpus::Corpus::load_embedded();
    let fresh =
        caspian_atlas::links::Links::from_parts(l.atlas.features(), &corpus.passages, &l.linker);
    let stored =
        caspian_atlas::links::Links::from_stored(l.atlas.features(), fresh.all_mentions().to_vec());
    assert_eq!(stored.all_mentions(), fresh.all_mentions());
    for i in 0..l.atlas.features().len() {
        assert_eq!(stored.passages_of(i), fresh.passages_of(i));
        assert_eq!(stored.co_mentions(i), fresh.co_mentions(i));
    }
    assert!(fresh.all_mentions().iter().any(|m| !m.is_empty()));
}

#[test]
fn a_truncated_database_is_set_aside_when_opened_or_read() {
    let dir = temp_dir("truncated");
    let db = dir.join("library.db");
    let l = linked();
    let version = linker_version(l.atlas.features());
    let mut files = Vec::new();
    for i in 0..30 {
        let p = dir.join(format!("note-{i}.txt"));
        write(&p, &format!("{FERRIES}\nNote {i} also names Tbilisi.\n"));
        files.push(p);
    }
    {
        let (mut store, _) = open(&db);
        import(&mut store, &l, &version, &files);
        // Fold the write-ahead log into the file, as a clean close does.
        drop(store);
    }
    let Ok(len) = std::fs::metadata(&db).map(|m| m.len()) else {
        panic!("the file exists");
    };
    let Ok(file) = std::fs::OpenOptions::new().write(true).open(&db) else {
        panic!("open for truncation");
    };
    assert!(file.set_len(len / 2).is_ok());
    drop(file);
    let linking = Linking {
        linker: Some(&l.linker),
        version: &version,
    };
    let (store, loaded, warnings) = match pipeline::open_and_load(&db, linking) {
        Ok(x) => x,
        Err(e) => panic!("a damaged library is set aside, not an error: {e}"),
    };
    // The open or the read notices; a half file is never taken as whole.
    assert_eq!(loaded.library.documents.len(), 0);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("malformed") && w.contains("moved to")),
        "{warnings:?}"
    );
    assert_eq!(aside_files(&dir).len(), 1);
    assert!(store.list().is_ok());
    let _ = std::fs::remove_dir_all(&dir);
}
