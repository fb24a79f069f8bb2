//! `ingest_text`: user files with no edition file, bad input, and `Corpus::load_dir`.

use caspian_atlas::corpus::{Corpus, CorpusError, embedded_sources, ingest_text};

#[test]
fn bad_input_gives_clear_errors_naming_the_file() {
    let e = ingest_text("notes.txt", b"").unwrap_err();
    assert_eq!(
        e,
        CorpusError::Empty {
            file: "notes.txt".into()
        }
    );
    assert!(e.to_string().contains("notes.txt"));

    let e = ingest_text("blank.txt", b"  \n\n \t \n").unwrap_err();
    assert!(matches!(e, CorpusError::Empty { .. }));

    let e = ingest_text("img.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
    assert!(matches!(e, CorpusError::Binary { .. }), "{e}");
    assert!(e.to_string().contains("img.png"));

    let e = ingest_text("latin1.txt", b"Baku caf\xe9 and more text").unwrap_err();
    assert_eq!(
        e,
        CorpusError::InvalidUtf8 {
            file: "latin1.txt".into(),
            offset: 8
        }
    );

    let controls: Vec<u8> = (0..200u8)
        .map(|i| if i % 3 == 0 { 0x01 } else { b'a' })
        .collect();
    let e = ingest_text("ctl.bin", &controls).unwrap_err();
    assert!(matches!(e, CorpusError::Binary { .. }));
}

#[test]
fn odd_input_never_panics() {
    // A deterministic pseudo-random walk over awkward characters and layouts.
    let alphabet = [
        "a",
        "b",
        " ",
        "\n",
        "-",
        "\u{2014}",
        "K ",
        "\n\n",
        "  BD",
        ".",
        "A",
        "\r\n",
        "é",
        "|",
        "1",
        "\u{a0}",
        "\u{ad}",
        "?",
        "inde-",
        "pendence",
        " Vol. 5 | No. 1",
        "“",
        "”",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for case in 0..300 {
        let mut s = String::new();
        for _ in 0..(case % 97) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let pick = alphabet
                .get((state % alphabet.len() as u64) as usize)
                .copied()
                .unwrap_or("a");
            s.push_str(pick);
        }
        match ingest_text("fuzz.txt", s.as_bytes()) {
            Ok((doc, passages)) => {
                assert_eq!(doc.id, "fuzz");
                for (i, p) in passages.iter().enumerate() {
                    assert_eq!(p.index, i);
                    assert!(!p.text.is_empty());
                }
            }
            Err(e) => assert!(e.to_string().starts_with("fuzz.txt")),
        }
    }
}

const PDF_LIKE: &str = "\
 The Quiet Corridor \n\
\n\
The railway that links the two \n\
ports was first proposed in 1996, \n\
when both governments wanted inde-\n\
pendence from the northern route. \n\
Its backers repea- \n\
tedly said that the north-\n\
south corridor would pay for itself.\n\
\n\
Costs and Benefits\n\
\n\
The line crosses the plain of \n\
\n\
K a r a b a k h and the ope-rating \n\
company expects a profit by 2030.  ZQ\n\
 The second essay begins here and \n\
says little about railways at all.\n\
\n\
Nobody expects a profit soon, \n\
the critics reply, and they \n\
add that the line is costly.  ZQ\n";

#[test]
fn pdf_like_exports_are_cleaned_generally() {
    let (doc, passages) =
        ingest_text("essays/quiet-corridor.txt", PDF_LIKE.as_bytes()).expect("text");
    assert_eq!(doc.id, "quiet-corridor");
    assert_eq!(doc.title, "The Quiet Corridor");
    assert!(!doc.title_supplied, "the title is the text's own");
    let texts: Vec<&str> = passages.iter().map(|p| p.text.as_str()).collect();
    let all = texts.join("\n");
    assert!(
        all.contains("wanted independence from the northern route"),
        "{all}"
    );
    assert!(all.contains("repeatedly said"), "{all}");
    assert!(all.contains("north-south corridor"), "{all}");
    assert!(all.contains("Karabakh and the operating company"), "{all}");
    assert!(
        !all.contains("ZQ"),
        "end marks learnt from repetition: {all}"
    );
    let costs = passages
        .iter()
        .find(|p| p.heading.as_deref() == Some("Costs and Benefits"));
    assert!(costs.is_some_and(|p| p.text.starts_with("The line crosses the plain of Karabakh")));
    assert_eq!(
        passages.first().map(|p| p.id.as_str()),
        Some("quiet-corridor#p1")
    );
}

#[test]
fn plain_text_with_blank_line_paragraphs() {
    let text = "Notes on the Caspian\n\nThe first paragraph is wrapped\nat a narrow width and ends here.\n\nThe second one is broken by a page\n\nbreak in the middle of a sentence.\n\nRead 1,204 times\n\nNewsletter\n";
    let (doc, passages) = ingest_text("notes.md", text.as_bytes()).expect("text");
    assert_eq!(doc.title, "Notes on the Caspian");
    let texts: Vec<&str> = passages.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        vec![
            "The first paragraph is wrapped at a narrow width and ends here.",
            "The second one is broken by a page break in the middle of a sentence.",
        ]
    );
}

#[test]
fn untitled_text_takes_the_file_stem() {
    let text = "this text has no heading at all, it just starts.\n\nAnd goes on.\n";
    let (doc, passages) = ingest_text("/tmp/My Field Notes.txt", text.as_bytes()).expect("text");
    assert_eq!(doc.title, "My Field Notes");
    assert!(doc.title_supplied, "the file stem is a supplied title");
    assert_eq!(doc.id, "my-field-notes");
    assert_eq!(passages.len(), 2);
}

#[test]
fn the_journal_export_ingests_without_an_edition() {
    let (_, text) = embedded_sources().next().expect("a source");
    let (doc, passages) = ingest_text("000.txt", text.as_bytes()).expect("text");
    assert_eq!(doc.id, "000");
    assert!(passages.len() > 150, "{}", passages.len());
    let all: String = passages
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!all.contains("  BD") && !all.contains("bakudialogues.ada.edu.az"));
    assert!(!all.contains("K a r a b a k h"));
}

#[test]
fn load_dir_reads_editions_and_plain_files() {
    let dir = std::env::temp_dir().join(format!("caspian-corpus-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let source =
        "Title Line\n\nFirst paragraph of the piece.\n\nSecond paragraph.\n\nFooter junk\n";
    std::fs::write(dir.join("a.txt"), source).expect("write");
    std::fs::write(
        dir.join("a.toml"),
        "source = \"a.txt\"\n[[document]]\nid = \"piece-a\"\ntitle = \"Title Line\"\noutlet = \"Test\"\ndate = \"2024\"\nsource = \"a.txt\"\norder = [\"3-5\"]\n",
    )
    .expect("write");
    std::fs::write(dir.join("b.txt"), "Loose Notes\n\nSome loose text here.\n").expect("write");
    std::fs::write(dir.join("c.toml"), "this is not toml = = =").expect("write");
    std::fs::write(dir.join("d.txt"), b"\0\0\0binary").expect("write");
    let c = Corpus::load_dir(&dir);
    let ids: Vec<&str> = c.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, vec!["piece-a", "b"]);
    let a: Vec<&str> = c.passages_of("piece-a").map(|p| p.text.as_str()).collect();
    assert_eq!(
        a,
        vec!["First paragraph of the piece.", "Second paragraph."]
    );
    assert!(
        c.warnings.iter().any(|w| w.starts_with("c.toml")),
        "{:?}",
        c.warnings
    );
    assert!(
        c.warnings.iter().any(|w| w.starts_with("d.txt")),
        "{:?}",
        c.warnings
    );
    assert!(
        c.warnings.iter().any(|w| w.starts_with("b.txt")),
        "{:?}",
        c.warnings
    );
    let missing = Corpus::load_dir(&dir.join("nope"));
    assert!(missing.documents.is_empty() && missing.warnings.len() == 1);
    let _ = std::fs::remove_dir_all(&dir);
}
