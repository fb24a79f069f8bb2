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

mod annotations {
    //! Corrections and notes kept in the library: applied over the linker's mentions at every
    //! load (so a text added later gets an everywhere-correction, and undo is the linker's own
    //! result again); highlights found again after their passage's text shifts.

    use super::*;
    use caspian_atlas::corpus::anchor::Anchor;
    use caspian_atlas::library::corrections::{Action, NewCorrection, Scope, apply_stored};
    use caspian_atlas::library::notes::{NoteContent, Target};

    fn features_of(lib: &StoredLibrary, doc: &str, feature: &str) -> usize {
        lib.passages
            .iter()
            .zip(&lib.mentions)
            .filter(|(p, _)| p.document == doc)
            .flat_map(|(_, ms)| ms)
            .filter(|m| m.feature == feature)
            .count()
    }

    fn corrected(store: &Store, lib: &StoredLibrary) -> StoredLibrary {
        let Ok(corrections) = store.corrections() else {
            panic!("corrections read");
        };
        let mut out = lib.clone();
        apply_stored(&corrections, &out.passages, &mut out.mentions);
        out
    }

    #[test]
    fn a_correction_survives_a_restart_reaches_a_later_text_and_undo_restores_the_linker() {
        let dir = temp_dir("corrections");
        let db = dir.join("library.db");
        let l = linked();
        let version = linker_version(l.atlas.features());
        let first = dir.join("ferries.txt");
        write(&first, FERRIES);
        let id = {
            let (mut store, _) = open(&db);
            import(&mut store, &l, &version, std::slice::from_ref(&first));
            // The linker links "Baku"; the reader says: everywhere, not a place. And an
            // unknown word, everywhere, names Aktau.
            let not_baku = NewCorrection {
                scope: Scope::Everywhere,
                document: Some("ferries".into()),
                passage: None,
                span: None,
                surface: "Baku".into(),
                action: Action::NotAPlace,
            };
            let qazport = NewCorrection {
                surface: "Qazport".into(),
                action: Action::LinkTo("aktau".into()),
                ..not_baku.clone()
            };
            let (Ok(id), Ok(_)) = (
                store.add_correction(&not_baku),
                store.add_correction(&qazport),
            ) else {
                panic!("corrections are stored");
            };
            id
        };
        // A restart: the stored mentions are the linker's, the corrections apply over them.
        let (mut store, _) = open(&db);
        let (lib, _) = load(&mut store, &l, &version);
        assert!(
            features_of(&lib, "ferries", "baku") >= 2,
            "stored as linked"
        );
        let shown = corrected(&store, &lib);
        assert_eq!(features_of(&shown, "ferries", "baku"), 0, "corrected");
        // A text added later, naming the unknown word: the everywhere correction reaches it.
        let later = dir.join("later.txt");
        write(
            &later,
            "Later Notes\n\nTrucks left Qazport at dawn and Baku at noon.\n",
        );
        import(&mut store, &l, &version, std::slice::from_ref(&later));
        let (lib, _) = load(&mut store, &l, &version);
        let shown = corrected(&store, &lib);
        assert_eq!(
            features_of(&lib, "later", "aktau"),
            0,
            "the linker knows no Qazport"
        );
        assert_eq!(
            features_of(&shown, "later", "aktau"),
            1,
            "the correction links it"
        );
        assert_eq!(features_of(&shown, "later", "baku"), 0);
        // Undo: the linker's own result is back.
        assert_eq!(store.remove_correction(id).ok(), Some(true));
        let shown = corrected(&store, &lib);
        assert_eq!(
            features_of(&shown, "later", "baku"),
            features_of(&lib, "later", "baku")
        );
        assert!(features_of(&shown, "ferries", "baku") >= 2);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_note_survives_a_restart_and_its_highlight_follows_shifted_text() {
        let dir = temp_dir("notes");
        let db = dir.join("library.db");
        let l = linked();
        let version = linker_version(l.atlas.features());
        let file = dir.join("ferries.txt");
        write(&file, FERRIES);
        {
            let (mut store, _) = open(&db);
            import(&mut store, &l, &version, std::slice::from_ref(&file));
            let (lib, _) = load(&mut store, &l, &version);
            let Some(p) = lib
                .passages
                .iter()
                .find(|p| p.text.contains("port of Aktau"))
            else {
                panic!("the passage is stored");
            };
            let s = p.text.find("port of Aktau").unwrap_or(0);
            let Some(anchor) = Anchor::capture(&p.text, s, s + "port of Aktau".len()) else {
                panic!("the span anchors");
            };
            let highlight = NoteContent {
                passage: Some(p.id.clone()),
                quote: anchor.quote,
                prefix: anchor.prefix,
                suffix: anchor.suffix,
                colour: "#f2d14b".into(),
                body: "Check the *tonnage*.".into(),
                ..NoteContent::default()
            };
            let gone = NoteContent {
                quote: "sails to Baku".into(),
                prefix: String::new(),
                suffix: String::new(),
                body: "Its words will go.".into(),
                ..highlight.clone()
            };
            assert!(store.add_note(Target::Highlight, &highlight).is_ok());
            assert!(store.add_note(Target::Highlight, &gone).is_ok());
        }
        // The text changes: words added before the quote, the other quote's words removed.
        write(
            &file,
            &FERRIES
                .replace("Freight crosses", "Since 2022, much freight crosses")
                .replace("and sails to Baku", "and waits"),
        );
        let (mut store, _) = open(&db);
        import(&mut store, &l, &version, std::slice::from_ref(&file));
        let (lib, _) = load(&mut store, &l, &version);
        let Ok(notes) = store.notes() else {
            panic!("notes read");
        };
        assert_eq!(
            notes.len(),
            2,
            "both notes survive the restart and the re-import"
        );
        let place = |i: usize| {
            let n = &notes[i].content;
            let p = lib
                .passages
                .iter()
                .find(|p| Some(&p.id) == n.passage.as_ref());
            let anchor = Anchor {
                quote: n.quote.clone(),
                prefix: n.prefix.clone(),
                suffix: n.suffix.clone(),
                start: 0,
            };
            p.and_then(|p| anchor.locate(&p.text).map(|at| (p.text.clone(), at.span())))
        };
        let Some((text, (s, e))) = place(0) else {
            panic!("the highlight is found again");
        };
        assert_eq!(&text[s..e], "port of Aktau");
        assert!(text.starts_with("Since 2022"), "the text did shift");
        assert_eq!(place(1), None, "the removed words cannot be placed");
        assert_eq!(notes[0].content.body, "Check the *tonnage*.");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
