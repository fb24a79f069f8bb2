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

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
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
    // Text notes with a PDF, a web page and a Word document among every eight files.
    let n = 400;
    for i in 0..n {
        let (p, bytes) = match i % 8 {
            1 => (docs.join(format!("note-{i:04}.pdf")), fixture("report.pdf")),
            3 => (docs.join(format!("note-{i:04}.html")), fixture("news.html")),
            5 => (
                docs.join(format!("note-{i:04}.docx")),
                fixture("rails.docx"),
            ),
            _ => (docs.join(format!("note-{i:04}.txt")), essay(i).into_bytes()),
        };
        if let Err(e) = std::fs::write(&p, bytes) {
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
        list.iter()
            .all(|d| d.passages > 0 && d.places > 0 && (d.format != "text" || d.passages == 6)),
        "every stored document is whole"
    );
    for format in ["pdf", "html", "docx", "text"] {
        assert!(
            list.iter().any(|d| d.format == format),
            "a {format} document was stored before the kill"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn add_a_folder_of_every_format_and_link_a_pdf() {
    let dir = temp_dir("formats");
    let data = dir.join("data");
    let docs = dir.join("docs");
    let sub = docs.join("web");
    if std::fs::create_dir_all(&sub).is_err() {
        panic!("mkdir");
    }
    for (to, from) in [
        (docs.join("report.pdf"), "report.pdf"),
        (sub.join("news.html"), "news.html"),
        (docs.join("rails.docx"), "rails.docx"),
        (docs.join("outlook.txt"), "outlook-latin1.txt"),
        (docs.join("roads.geojson"), "layer.geojson"),
    ] {
        if let Err(e) = std::fs::write(&to, fixture(from)) {
            panic!("write {}: {e}", to.display());
        }
    }
    let (ok, _, err) = run(bin(&data).arg("add").arg(&docs));
    assert!(ok, "{err}");
    assert!(err.contains("[4/4]"), "{err}");
    assert!(
        err.contains("4 added, 0 re-imported, 0 unchanged, 0 refused"),
        "{err}"
    );
    // The layer in the folder is not a document: skipped and said so.
    assert!(err.contains(".geojson ×1"), "{err}");
    let (ok, out, _) = run(bin(&data).arg("library"));
    assert!(ok);
    let rows: Vec<Vec<&str>> = out
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), 4, "{out}");
    let row = |title: &str| -> Vec<&str> {
        match rows.iter().find(|r| r.get(1) == Some(&title)) {
            Some(r) => r.clone(),
            None => panic!("{title} listed in {out}"),
        }
    };
    // id, title, authors, outlet, date, format, passages, places
    let places = |r: &[&str]| r.get(7).and_then(|p| p.parse::<usize>().ok()).unwrap_or(0);
    let r = row("Ferries Across the Caspian");
    assert_eq!(
        r.get(2..6),
        Some(&["Arman Seitkali", "", "2024-03-14", "pdf"][..])
    );
    assert_eq!(r.get(6), Some(&"3"));
    assert!(places(&r) >= 4, "{r:?}");
    let r = row("Caspian container train sets off from Aktau on through bill");
    assert_eq!(
        r.get(2..6),
        Some(
            &[
                "Aliya Dzhaksybekova; Giorgi Tsereteli",
                "The Caspian Times",
                "2025-03-11",
                "html"
            ][..]
        )
    );
    assert_eq!(r.get(6), Some(&"5"));
    assert!(places(&r) >= 8, "{r:?}");
    let r = row("Rails Through the Caucasus");
    assert_eq!(
        r.get(2..6),
        Some(&["Nino Beridze", "", "2023-05-05", "docx"][..])
    );
    assert!(places(&r) >= 4, "{r:?}");
    let r = row("Caspian Energy Outlook");
    assert_eq!(
        r.get(2..6),
        Some(&["A. Field Analyst", "", "2025-10", "text"][..])
    );
    assert!(places(&r) >= 3, "{r:?}");

    // `link` on a PDF: its passages, linked.
    let (ok, json, err) = run(bin(&data).arg("link").arg(docs.join("report.pdf")));
    assert!(ok, "{err}");
    let v: serde_json::Value = match serde_json::from_str(&json) {
        Ok(v) => v,
        Err(e) => panic!("link prints JSON: {e}"),
    };
    assert_eq!(
        v.pointer("/documents/0/title").and_then(|t| t.as_str()),
        Some("Ferries Across the Caspian")
    );
    let passages = v
        .get("passages")
        .and_then(|p| p.as_array())
        .cloned()
        .unwrap_or_default();
    assert_eq!(passages.len(), 3, "{json}");
    let linked: Vec<&str> = passages
        .iter()
        .filter_map(|p| p.get("mentions").and_then(|m| m.as_array()))
        .flatten()
        .filter_map(|m| m.get("feature").and_then(|f| f.as_str()))
        .collect();
    for place in ["aktau", "baku", "kuryk", "poti"] {
        assert!(linked.contains(&place), "{place} in {linked:?}");
    }
    // A GeoJSON named as a document is refused with what it is.
    let (ok, _, err) = run(bin(&data).arg("link").arg(docs.join("roads.geojson")));
    assert!(
        !ok && err.contains("roads.geojson") && err.contains("GeoJSON layer"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
