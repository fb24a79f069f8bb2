//! The `export`, `passages` and `link` subcommands, run as a user would.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str]) -> Output {
    match Command::new(env!("CARGO_BIN_EXE_caspian-atlas"))
        .args(args)
        .output()
    {
        Ok(o) => o,
        Err(e) => panic!("cannot run caspian-atlas: {e}"),
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("caspian-links-cli-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    dir.join(name)
}

fn json(bytes: &[u8]) -> serde_json::Value {
    match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => panic!("not JSON ({e}): {}", String::from_utf8_lossy(bytes)),
    }
}

#[test]
fn export_writes_the_linked_corpus() {
    let out = scratch("export.json");
    let o = run(&["export", "--out", out.to_str().unwrap_or_default()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v = json(&std::fs::read(&out).unwrap_or_default());
    let docs = v["documents"].as_array().map_or(0, Vec::len);
    let passages = v["passages"].as_array().cloned().unwrap_or_default();
    assert_eq!(docs, 17);
    assert!(passages.len() > 200);
    let mut mentions = 0;
    for p in &passages {
        let text = p["text"].as_str().unwrap_or_default();
        for m in p["mentions"].as_array().cloned().unwrap_or_default() {
            let (s, e) = (
                m["start"].as_u64().unwrap_or(0) as usize,
                m["end"].as_u64().unwrap_or(0) as usize,
            );
            assert_eq!(text.get(s..e), m["surface"].as_str());
            assert!(matches!(m["kind"].as_str(), Some("name" | "demonym")));
            mentions += 1;
        }
    }
    assert!(mentions > 1000);
    // Standard output gets the same bytes.
    let o2 = run(&["export"]);
    assert!(o2.status.success());
    assert_eq!(json(&o2.stdout), v);
}

#[test]
fn passages_marks_mentions_grouped_by_document() {
    let o = run(&["passages", "tabriz"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.starts_with("Tabriz (City, tabriz):"), "{text}");
    assert!(text.contains("«Tabriz»"));
    assert!(text.contains("\n== "));
    assert!(!text.contains('\u{1b}'), "no ANSI when not a terminal");
}

#[test]
fn passages_of_an_unknown_id_suggests_close_ones() {
    let o = run(&["passages", "zangezur-coridor"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no feature has the id, name or alias `zangezur-coridor`"),
        "{err}"
    );
    assert!(err.contains("zangezur-corridor"), "{err}");
}

#[test]
fn link_processes_good_files_and_names_bad_ones() {
    let good = scratch("note.txt");
    let _ = std::fs::write(
        &good,
        "A note on the region\n\nThe Baku-Tbilisi-Ceyhan pipeline carries Azeri oil from the Caspian to Ceyhan.\n\nTehran watches Nakhchivan closely.\n",
    );
    let empty = scratch("empty.txt");
    let _ = std::fs::write(&empty, "");
    let bad = scratch("latin1.txt");
    let _ = std::fs::write(&bad, b"Bak\xfc and Tbilisi\n");
    let binary = scratch("blob.bin");
    let _ = std::fs::write(&binary, [0u8, 159, 146, 150, 0, 0, 1, 2, 3]);
    let missing = scratch("missing.txt");
    let paths: Vec<&str> = [&good, &empty, &bad, &binary, &missing]
        .iter()
        .map(|p| p.to_str().unwrap_or_default())
        .collect();
    let mut args = vec!["link"];
    args.extend(paths.iter().copied());
    let o = run(&args);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    for name in ["empty.txt", "blob.bin", "missing.txt"] {
        assert!(err.contains(name), "stderr names {name}: {err}");
    }
    let v = json(&o.stdout);
    // The Latin-1 file is read (its encoding detected), not refused.
    assert_eq!(v["documents"].as_array().map_or(0, Vec::len), 2);
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("Bak\u{fc} and Tbilisi"),
        "the Latin-1 text decoded"
    );
    let features: Vec<String> = v["passages"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .flat_map(|p| p["mentions"].as_array().cloned().unwrap_or_default())
        .filter_map(|m| m["feature"].as_str().map(String::from))
        .collect();
    for id in [
        "btc-pipeline",
        "caspian-sea",
        "ceyhan",
        "tehran",
        "nakhchivan",
    ] {
        assert!(features.iter().any(|f| f == id), "{id} in {features:?}");
    }
    // Only good files: exit 0.
    let o = run(&["link", paths[0]]);
    assert!(o.status.success());
}

#[test]
fn passages_takes_a_name_or_an_alias_as_well_as_an_id() {
    let by_id = run(&["passages", "nakhchivan"]);
    assert!(by_id.status.success());
    let first_line = |o: &Output| {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .next()
            .unwrap_or_default()
            .to_string()
    };
    let head = first_line(&by_id);
    assert!(
        head.contains("(Region, nakhchivan)") || head.contains(", nakhchivan)"),
        "{head}"
    );
    // The name in another case, and an alias with other dashes, give the same listing.
    for wanted in ["NAKHCHIVAN", "BTC", "Baku–Tbilisi–Ceyhan"] {
        let o = run(&["passages", wanted]);
        assert!(
            o.status.success(),
            "{wanted}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        if wanted == "NAKHCHIVAN" {
            assert_eq!(o.stdout, by_id.stdout);
        } else {
            assert!(
                first_line(&o).contains(", btc-pipeline)"),
                "{}",
                first_line(&o)
            );
        }
    }
}

#[test]
fn features_accepts_plural_and_any_case_kinds() {
    let one = run(&["features", "--kind", "pipeline"]);
    assert!(one.status.success());
    let listing = String::from_utf8_lossy(&one.stdout).to_string();
    assert!(listing.lines().count() > 5, "{listing}");
    assert!(
        listing.lines().all(|l| l.contains(" pipeline ")),
        "{listing}"
    );
    for typed in ["pipelines", "Pipeline", "PIPELINES"] {
        let o = run(&["features", "--kind", typed]);
        assert!(
            o.status.success(),
            "{typed}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&o.stdout), listing, "{typed}");
    }
    let bad = run(&["features", "--kind", "puddles"]);
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("unknown kind `puddles`") && err.contains("pipeline"),
        "{err}"
    );
}

/// Run with standard output a pipe that the reader closes before anything is written, as
/// `… | head -1` does once it has its line.
fn run_into_closed_pipe(args: &[&str]) -> Output {
    let mut child = match Command::new(env!("CARGO_BIN_EXE_caspian-atlas"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => panic!("cannot run caspian-atlas: {e}"),
    };
    drop(child.stdout.take());
    let mut err = Vec::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_end(&mut err);
    }
    let status = match child.wait() {
        Ok(s) => s,
        Err(e) => panic!("waiting for caspian-atlas: {e}"),
    };
    Output {
        status,
        stdout: Vec::new(),
        stderr: err,
    }
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    for args in [
        &["features"][..],
        &["features", "--json"][..],
        &["passages", "azerbaijan"][..],
        &["export"][..],
    ] {
        let o = run_into_closed_pipe(args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
        assert!(!err.contains("caspian-atlas:"), "{args:?}: {err}");
        assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
    }
}
