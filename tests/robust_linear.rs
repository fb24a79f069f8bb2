//! Every stage of cleaning and linking stays near-linear on generated worst cases: one long
//! lowercase token, repetitive text, long lines, many short lines, pathological hyphens,
//! repeated headings, long lists of ambiguous names.
//!
//! Each shape runs at 1 MB by default under a watchdog thread with a generous bound (a hang or
//! a quadratic stage fails the test, a slow machine does not). The 20 MB variants are
//! `#[ignore]`d: `cargo test --release --test robust_linear -- --ignored`.

use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::Duration;

use caspian_atlas::atlas::Atlas;
use caspian_atlas::corpus::{embedded_sources, ingest_text};
use caspian_atlas::links::{Linker, Links};

fn atlas() -> &'static Atlas {
    static ATLAS: OnceLock<Atlas> = OnceLock::new();
    ATLAS.get_or_init(Atlas::load_embedded)
}

/// `unit` repeated up to `bytes` bytes.
fn repeat_to(unit: &str, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + unit.len());
    while s.len() < bytes {
        s.push_str(unit);
    }
    s
}

/// The generated inputs, by name, each about `bytes` long.
fn shape(name: &str, bytes: usize) -> String {
    match name {
        "one-lowercase-token" => {
            // No space anywhere: one token, no word of the vocabulary.
            repeat_to("qzvxkbnmwt", bytes)
        }
        "repetitive-text" => {
            let essay = embedded_sources().next().map(|(_, t)| t).unwrap_or("");
            repeat_to(essay, bytes)
        }
        "ambiguous-lists" => repeat_to(
            "Azerbaijan, Georgia and Armenia, Azerbaijan or Georgia; Iranian Azerbaijan, Georgia, ",
            bytes,
        ),
        "long-lines" => {
            let line = repeat_to(
                "the Caspian pipeline runs west to Baku and Tbilisi ",
                200_000,
            );
            repeat_to(&format!("{line}\n"), bytes)
        }
        "many-short-lines" => repeat_to("Baku\noil\n\n", bytes),
        "hyphens" => {
            let mut s = repeat_to("inter-\nnational Trans-\nCaspian ", bytes / 2);
            s.push_str(&repeat_to("a-", bytes / 2));
            s
        }
        "repeated-headings" => repeat_to(
            "THE SOUTH CAUCASUS\n\nThe region lies between the Black Sea and the Caspian.\n\n",
            bytes,
        ),
        "hyphen-only-lines" => repeat_to("-\n", bytes),
        other => panic!("no shape {other}"),
    }
}

const SHAPES: &[&str] = &[
    "one-lowercase-token",
    "repetitive-text",
    "ambiguous-lists",
    "long-lines",
    "many-short-lines",
    "hyphens",
    "repeated-headings",
    "hyphen-only-lines",
];

/// Clean, split and link `text` on a worker thread; fail if it takes longer than `bound`.
fn clean_and_link_within(name: &str, text: String, bound: Duration) {
    let (tx, rx) = mpsc::channel();
    let label = name.to_string();
    std::thread::spawn(move || {
        let outcome = match ingest_text(&format!("{label}.txt"), text.as_bytes()) {
            Ok((_, passages)) => {
                let Ok(linker) = Linker::from_atlas(atlas()) else {
                    panic!("the gazetteer builds from the shipped atlas");
                };
                let links = Links::from_parts(atlas().features(), &passages, &linker);
                let mentions: usize = links.all_mentions().iter().map(Vec::len).sum();
                Ok((passages.len(), mentions))
            }
            Err(e) => Err(e.to_string()),
        };
        let _ = tx.send(outcome);
    });
    match rx.recv_timeout(bound) {
        Ok(Ok((passages, mentions))) => {
            eprintln!("{name}: {passages} passages, {mentions} mentions");
        }
        // A refusal with a message is fine (e.g. no text to read); a hang is not.
        Ok(Err(msg)) => assert!(msg.contains(name), "{name}: message names the file: {msg}"),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("{name}: cleaning and linking took over {bound:?} (super-linear stage?)")
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{name}: the worker panicked"),
    }
}

fn run_all(bytes: usize, bound: Duration) {
    for name in SHAPES {
        clean_and_link_within(name, shape(name, bytes), bound);
    }
}

#[test]
fn one_megabyte_worst_cases_are_cleaned_and_linked_in_bounded_time() {
    // Near-linear stages take seconds here even unoptimised; quadratic ones took minutes.
    run_all(1 << 20, Duration::from_secs(90));
}

#[test]
#[ignore = "20 MB inputs: run with --release --ignored"]
fn twenty_megabyte_worst_cases_are_cleaned_and_linked_in_bounded_time() {
    run_all(20 << 20, Duration::from_secs(300));
}

#[test]
fn the_text_of_a_repeated_word_is_kept() {
    for text in ["Baku Baku", "Baku Baku\n", "Baku\nBaku\n"] {
        let Ok((_, passages)) = ingest_text("baku.txt", text.as_bytes()) else {
            panic!("`{text}` is text to read, not empty");
        };
        let all: String = passages.iter().map(|p| p.text.as_str()).collect();
        assert!(all.contains("Baku"), "`{text}` kept: {all}");
    }
}

#[test]
fn a_sentence_printed_twice_on_a_line_is_kept_once_at_least() {
    let s = "The pipeline from Baku to Ceyhan carries Caspian oil across Georgia to the Mediterranean coast.";
    for text in [
        format!("{s} {s}"),
        format!("{s}\n{s}\n"),
        format!("{s}\n\n{s}\n"),
    ] {
        let Ok((_, passages)) = ingest_text("twice.txt", text.as_bytes()) else {
            panic!("`{text}` is text to read, not empty");
        };
        let all: String = passages.iter().map(|p| p.text.as_str()).collect();
        assert!(all.contains("Ceyhan carries Caspian oil"), "kept: {all}");
    }
}

#[test]
fn a_hyphen_before_a_long_run_of_blank_lines_is_linear() {
    let mut text = String::from("The Trans-\n");
    text.push_str(&"\n".repeat(1 << 20));
    text.push_str("caspian pipeline.\n");
    clean_and_link_within("blank-run", text, Duration::from_secs(90));
}
