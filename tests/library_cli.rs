//! `caspian-atlas add`, `library`, `library remove`, `library --path` and `export` on a library
//! in a temp dir; and an `add` of many files killed mid-way leaves a library that opens with
//! every document stored before the kill complete.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use caspian_atlas::library::Store;

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ca-libcli-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        panic!("temp dir {}: {e}", dir.display());
    }
    dir
}

fn bin(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_caspian-atlas"));
    c.env("CASPIAN_ATLAS_DATA_DIR", data);
    c
}

fn run(c: &mut Command) -> (bool, String, String) {
    match c.output() {
        Ok(o) => (
            o.status.success(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        ),
        Err(e) => panic!("run: {e}"),
    }
}

fn essay(i: usize) -> String {
    let mut s = format!("Caspian Notes Number {i}\n\n");
    for k in 0..6 {
        s.push_str(&format!(
            "Paragraph {k} of note {i}: the ferry from Aktau reached Baku, and freight went on \
             by rail through Georgia to Kars and the Black Sea ports.\n\n"
        ));
    }
    s
}

#[test]
fn add_list_remove_and_export() {
    let dir = temp_dir("flow");
    let data = dir.join("data");
    let docs = dir.join("docs");
    let sub = docs.join("sub");
    if std::fs::create_dir_all(&sub).is_err() {
        panic!("mkdir");
    }
    for (p, t) in [
        (docs.join("one.txt"), essay(1)),
        (sub.join("two.md"), essay(2)),
        (docs.join("bad.txt"), "\0\0binary".to_string()),
        (docs.join("ignored.bin"), "x".to_string()),
    ] {
        if let Err(e) = std::fs::write(&p, t) {
            panic!("write {}: {e}", p.display());
        }
    }
    let (ok, out, _) = run(bin(&data).args(["library", "--path"]));
    assert!(ok);
    assert_eq!(out.trim(), data.join("library.db").display().to_string());
    let (ok, _, err) = run(bin(&data).arg("add").arg(&docs));
    assert!(!ok, "a refused file makes the exit status 1");
    assert!(err.contains("[3/3]"), "{err}");
    assert!(err.contains("bad.txt") && err.contains("binary"), "{err}");
    assert!(
        err.contains("2 added, 0 re-imported, 0 unchanged, 1 refused"),
        "{err}"
    );
    // Again: nothing changed.
    let (_, _, err) = run(bin(&data).arg("add").arg(docs.join("one.txt")));
    assert!(err.contains("0 added, 0 re-imported, 1 unchanged"), "{err}");
    let (ok, out, _) = run(bin(&data).arg("library"));
    assert!(ok);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines
            .first()
            .is_some_and(|l| l.starts_with("id\ttitle\tauthors"))
    );
    assert!(
        out.contains("Caspian Notes Number 1\t") && out.contains("\ttext\t6\t"),
        "{out}"
    );
    // Export carries the library's documents with their links.
    let (ok, json, _) = run(bin(&data).arg("export"));
    assert!(ok);
    assert!(
        json.contains("Caspian Notes Number 2") && json.contains("\"one\""),
        "export"
    );
    let id = lines
        .get(1)
        .and_then(|l| l.split('\t').next())
        .unwrap_or("0")
        .to_string();
    let (ok, _, err) = run(bin(&data).args(["library", "remove", &id]));
    assert!(ok, "{err}");
    assert!(err.contains("removed"));
    let (_, out, _) = run(bin(&data).arg("library"));
    assert_eq!(out.lines().count(), 2, "{out}");
    let (ok, _, err) = run(bin(&data).args(["library", "remove", "999"]));
    assert!(!ok && err.contains("999"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn killing_an_import_midway_loses_nothing_stored_before() {
    let dir = temp_dir("kill");
    let data = dir.join("data");
    let docs = dir.join("docs");
    if std::fs::create_dir_all(&docs).is_err() {
        panic!("mkdir");
    }
    let n = 400;
    for i in 0..n {
        let p = docs.join(format!("note-{i:04}.txt"));
        if let Err(e) = std::fs::write(&p, essay(i)) {
            panic!("write {}: {e}", p.display());
        }
    }
    let mut child = match bin(&data)
        .arg("add")
        .arg(&docs)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => panic!("spawn: {e}"),
    };
    let Some(stderr) = child.stderr.take() else {
        panic!("stderr piped");
    };
    // Kill once some documents are reported stored.
    let mut seen = 0;
    for line in BufReader::new(stderr).lines() {
        let Ok(line) = line else { break };
        if line.contains(": added") {
            seen += 1;
        }
        if seen >= 20 {
            let _ = child.kill();
            break;
        }
    }
    let _ = child.wait();
    assert!(seen >= 20, "the import ran long enough to be killed");
    let (store, warnings) = match Store::open(&data.join("library.db")) {
        Ok(s) => s,
        Err(e) => panic!("the library opens after the kill: {e}"),
    };
    assert!(warnings.is_empty(), "{warnings:?}");
    let Ok(list) = store.list() else {
        panic!("the library lists");
    };
    assert!(list.len() >= seen, "{} stored, {seen} reported", list.len());
    assert!(list.len() < n, "killed before the end");
    assert!(
        list.iter().all(|d| d.passages == 6 && d.places > 0),
        "every stored document is whole"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
