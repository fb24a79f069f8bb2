//! Random, truncated and mutated bytes fed to every reader: no panic escapes, every answer is
//! a document or a clear refusal naming the file, and each read ends in bounded time (a
//! watchdog thread fails the test on a hang instead of letting it run forever).

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use caspian_atlas::import::{Format, read_bytes};
use proptest::prelude::*;

const FORMATS: [Format; 7] = [
    Format::Pdf,
    Format::Html,
    Format::Mhtml,
    Format::Docx,
    Format::Epub,
    Format::Markdown,
    Format::Text,
];

/// Runs `f` on a thread and fails if it takes longer than `secs`.
fn within<T: Send + 'static>(secs: u64, what: String, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(Duration::from_secs(secs)) {
        Ok(v) => v,
        Err(_) => panic!("{what}: no answer within {secs} s"),
    }
}

fn check(name: &str, bytes: Vec<u8>, hint: Option<Format>) {
    let n = name.to_string();
    let label = format!("{name} ({} bytes, {hint:?})", bytes.len());
    let result = within(60, label.clone(), move || read_bytes(&n, &bytes, hint));
    if let Err(e) = result {
        assert!(
            e.to_string().contains(name),
            "{label}: the message names the file: {e}"
        );
    }
}

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn truncated_fixtures_never_panic_or_hang() {
    for (name, hint) in [
        ("essay.pdf", Format::Pdf),
        ("rails.docx", Format::Docx),
        ("letters.epub", Format::Epub),
        ("article.html", Format::Html),
        ("article.mhtml", Format::Mhtml),
        ("notes.md", Format::Markdown),
        ("outlook-utf16le.txt", Format::Text),
    ] {
        let bytes = fixture(name);
        for cut in [1usize, 7, 64, 300, 1000, 5000, 20_000] {
            if let Some(part) = bytes.get(..bytes.len().saturating_sub(cut).max(1)) {
                check(name, part.to_vec(), Some(hint));
            }
        }
    }
}

#[test]
fn mutated_fixtures_never_panic_or_hang() {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for (name, hint) in [
        ("report.pdf", Format::Pdf),
        ("rails.docx", Format::Docx),
        ("letters.epub", Format::Epub),
        ("article.html", Format::Html),
    ] {
        let bytes = fixture(name);
        for _ in 0..6 {
            let mut b = bytes.clone();
            for _ in 0..8 {
                let len = b.len().max(1) as u64;
                let at = (next() % len) as usize;
                if let Some(x) = b.get_mut(at) {
                    *x = (next() & 0xff) as u8;
                }
            }
            check(name, b, Some(hint));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), f in 0usize..7) {
        let hint = FORMATS.get(f).copied();
        check("random.bin", bytes.clone(), hint);
        // The same bytes behind each format's magic number.
        let mut pdf = b"%PDF-1.4\n".to_vec();
        pdf.extend_from_slice(&bytes);
        check("random.pdf", pdf, None);
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend_from_slice(&bytes);
        check("random.docx", zip, Some(Format::Docx));
    }
}

/// Found by the `document_reader` fuzz target: a PDF whose page tree names an object that is
/// not there made `pdf-extract` panic. The sandbox catches it: a clear error naming the file.
#[test]
fn a_pdf_reader_panic_found_by_fuzzing_is_a_clear_error() {
    let bytes = fixture("fuzz-missing-object.pdf");
    let result = within(60, "fuzz-missing-object.pdf".into(), move || {
        read_bytes("fuzz-missing-object.pdf", &bytes, None)
    });
    let Err(e) = result else {
        panic!("a PDF with a missing object is refused, not read");
    };
    let msg = e.to_string();
    assert!(
        msg.contains("fuzz-missing-object.pdf"),
        "names the file: {msg}"
    );
    assert!(msg.contains("PDF"), "says which reader failed: {msg}");
}
