//! Every document format the importer reads, over the generated fixtures of
//! `tests/fixtures/import/` (made by `tools/make_test_pdfs.py` and `tools/make_test_docs.py`):
//! paragraphs word for word, headings, title, authors, date, outlet; and every refusal.

use std::path::{Path, PathBuf};

use caspian_atlas::import::{Format, ImportError, Imported, read_bytes, read_path};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn import(name: &str) -> Imported {
    match read_path(&fixture(name)) {
        Ok(i) => i,
        Err(e) => panic!("{name} should import: {e}"),
    }
}

fn texts(i: &Imported) -> Vec<&str> {
    i.passages.iter().map(|p| p.text.as_str()).collect()
}

fn headings(i: &Imported) -> Vec<&str> {
    i.passages
        .iter()
        .filter_map(|p| p.heading.as_deref())
        .collect()
}

fn refusal(name: &str) -> ImportError {
    match read_path(&fixture(name)) {
        Ok(i) => panic!("{name} should be refused, got {:?}", i.document),
        Err(e) => {
            assert!(
                e.to_string().contains(name),
                "the message names the file: {e}"
            );
            e
        }
    }
}

#[test]
fn a_two_column_pdf_reads_as_printed() {
    let i = import("essay.pdf");
    assert_eq!(i.format, Format::Pdf);
    let d = &i.document;
    assert_eq!(d.title, "Pipelines, Ports and Power on the Caspian");
    assert_eq!(d.authors, ["Leyla Mammadova", "Thomas Reed"]);
    assert_eq!(d.outlet, "Caspian Review");
    assert_eq!(d.date, "2025");
    let t = texts(&i);
    assert_eq!(
        t.first().copied(),
        Some(
            "The Caspian basin has long been described as a crossroads, but the metaphor hides \
             more than it shows. Oil from the fields off Baku reaches the Mediterranean through \
             the Baku–Tbilisi–Ceyhan pipeline, while gas moves west through Georgia towards \
             Erzurum. Each of these routes was a political decision before it was an engineering \
             one, and each has outlived the governments that signed for it."
        )
    );
    assert_eq!(
        t.get(1).copied(),
        Some(
            "Azerbaijan built its foreign policy on that infrastructure. The port of Alat, south \
             of the capital, was planned as a hub for trans-Caspian cargo from Aktau and \
             Turkmenbashi, and the ferries that cross the sea now carry containers as well as \
             wagons. The government speaks of a Middle Corridor; its neighbours speak of \
             dependence."
        )
    );
    assert_eq!(
        headings(&i),
        [
            "Routes and rivals",
            "What Azərbaycan wants",
            "The eastern shore",
            "Money and memory"
        ]
    );
    let all = t.join("\n");
    // Non-Latin words, soft hyphens joined, a column and a page crossed mid-paragraph.
    assert!(
        all.contains("In Тбилиси the question is asked in two languages"),
        "{all}"
    );
    assert!(
        all.contains("The province of Ardabil, Ərdəbil to its Azerbaijani speakers, borders"),
        "{all}"
    );
    assert!(
        all.contains("speak of rehabilitation rather than construction"),
        "{all}"
    );
    assert!(
        all.contains("western partners of Baku and Astana can offer."),
        "{all}"
    );
    assert!(
        all.contains("the railway through Kars still runs below capacity."),
        "{all}"
    );
    // Dropped: running head, page numbers, footnotes and their markers, the pull quote, the end mark.
    for gone in [
        "Winter 2025",
        "Operator figures",
        "Interviews in Tbilisi",
        "■",
        "capacity. 3",
        "agree. 2",
    ] {
        assert!(!all.contains(gone), "{gone:?} left in: {all}");
    }
    // The pull quote repeats the body's words: only the body's copy is left.
    assert_eq!(
        all.to_lowercase()
            .matches("every route to the west crosses georgian territory")
            .count(),
        1
    );
    assert!(
        t.last()
            .is_some_and(|p| p.ends_with("where the argument is far from finished.")),
        "{t:?}"
    );
    assert_eq!(t.len(), 13, "{t:#?}");
    assert_eq!(i.content_hash.len(), 64);
}

#[test]
fn a_pdf_without_metadata_takes_title_and_byline_from_its_first_page() {
    let i = import("report.pdf");
    assert_eq!(i.document.title, "Ferries Across the Caspian");
    assert!(!i.document.title_supplied);
    assert_eq!(i.document.authors, ["Arman Seitkali"]);
    assert_eq!(i.document.date, "2024-03-14");
    let t = texts(&i);
    assert_eq!(t.len(), 3, "{t:#?}");
    assert_eq!(
        t.first().copied(),
        Some(
            "The ferry from Aktau to Baku takes a day when the weather holds and three when it \
             does not. Drivers wait at the port with their trucks, and the queue is the first \
             thing a visitor sees."
        )
    );
}

#[test]
fn scanned_encrypted_and_truncated_pdfs_are_refused() {
    let e = refusal("scanned.pdf");
    assert!(matches!(e, ImportError::Scanned { .. }), "{e}");
    assert!(e.to_string().contains("no text layer"), "{e}");
    let e = refusal("encrypted.pdf");
    assert!(matches!(e, ImportError::Encrypted { .. }), "{e}");
    let e = refusal("truncated.pdf");
    assert!(
        matches!(e, ImportError::Corrupt { .. } | ImportError::Scanned { .. }),
        "{e}"
    );
}

#[test]
fn a_web_page_gives_the_article_only() {
    for name in ["article.html", "article.mhtml"] {
        let i = import(name);
        let d = &i.document;
        assert_eq!(d.title, "Ferries Across the Caspian", "{name}");
        assert_eq!(d.authors, ["Arman Seitkali", "Dana Omarova"], "{name}");
        assert_eq!(d.date, "2024-03-14", "{name}");
        assert_eq!(d.outlet, "Caspian Review", "{name}");
        let t = texts(&i);
        assert_eq!(
            t,
            [
                "The ferry from Aktau to Baku takes a day when the weather holds and three when it does not.",
                "Kazakhstan has promised a new terminal at Kuryk, and Azerbaijan has enlarged the port at Alat. The port at Kuryk is south of Aktau, on the same coast.",
                "In Тбилиси and in Ərdəbil the same question is asked: who will pay for the Middle Corridor?",
            ],
            "{name}"
        );
        assert_eq!(headings(&i), ["The eastern shore"], "{name}");
    }
    assert_eq!(import("article.mhtml").format, Format::Mhtml);
}

#[test]
fn word_epub_and_markdown_keep_their_structure() {
    let i = import("rails.docx");
    assert_eq!(i.format, Format::Docx);
    assert_eq!(i.document.title, "Rails Through the Caucasus");
    assert_eq!(i.document.authors, ["Nino Beridze"]);
    assert_eq!(i.document.date, "2023-05-05");
    assert_eq!(
        texts(&i),
        [
            "The railway from Baku to Tbilisi and on to Kars opened in 2017, after a decade of delays.",
            "Freight from Aktau crosses the sea before it reaches the line at Alat & Baku.",
            "Tbilisi depends on the transit fees, and Batumi on the ships.",
        ]
    );
    assert_eq!(
        headings(&i),
        ["The line from Baku", "Georgia in the middle"]
    );

    let i = import("letters.epub");
    assert_eq!(i.format, Format::Epub);
    assert_eq!(i.document.title, "Letters from the Caspian Shore");
    assert_eq!(i.document.authors, ["Farid Aliyev", "Sara Lind"]);
    assert_eq!(i.document.date, "2022-06-01");
    assert_eq!(i.document.outlet, "Shore Books");
    assert_eq!(
        texts(&i),
        [
            "The boat from Turkmenbashi reached Baku at dawn.",
            "From the deck the old city and the Flame Towers were both in view.",
            "The night train to Tbilisi follows the Kura for most of the way.",
        ]
    );
    assert_eq!(headings(&i), ["Arrival at Baku", "The Road to Tbilisi"]);

    let i = import("notes.md");
    assert_eq!(i.format, Format::Markdown);
    assert_eq!(i.document.title, "Notes on the Middle Corridor");
    assert_eq!(i.document.authors, ["Ann Lee", "Bo Kim"]);
    assert_eq!(i.document.date, "2025-01-20");
    assert_eq!(i.document.outlet, "Field Notes");
    let t = texts(&i);
    assert_eq!(
        t.first().copied(),
        Some(
            "The corridor runs from Aktau across the Caspian Sea to Baku, then through Tbilisi to the Black Sea ports of Poti and Batumi."
        )
    );
    assert!(t.contains(&"The bottleneck is the sea crossing."), "{t:?}");
    assert_eq!(headings(&i), ["Ports"]);
}

#[test]
fn plain_text_in_every_common_encoding() {
    for name in [
        "outlook-utf8.txt",
        "outlook-utf8-bom.txt",
        "outlook-utf16le.txt",
        "outlook-utf16be.txt",
        "outlook-latin1.txt",
    ] {
        let i = import(name);
        assert_eq!(i.format, Format::Text, "{name}");
        let d = &i.document;
        assert_eq!(d.title, "Caspian Energy Outlook", "{name}");
        assert_eq!(d.authors, ["A. Field Analyst"], "{name}");
        assert_eq!(d.date, "2025-10", "{name}");
        let t = texts(&i);
        assert_eq!(t.len(), 2, "{name}: {t:?}");
        assert!(
            t.first().is_some_and(|p| p.contains("café owners of Bak")),
            "{name}: {t:?}"
        );
        assert!(
            t.first().is_some_and(|p| p.contains("Genève")),
            "{name}: {t:?}"
        );
    }
    let i = import("obzor-cp1251.txt");
    assert!(
        texts(&i)
            .concat()
            .contains("Нефть из Баку идёт через Тбилиси"),
        "{:?}",
        texts(&i)
    );
    assert!(
        i.warnings.iter().any(|w| w.contains("windows-1251")),
        "{:?}",
        i.warnings
    );
    // A title in sentence case, in Cyrillic, is the title (not the file name).
    assert_eq!(i.document.title, "Каспийский обзор");
    assert!(!i.document.title_supplied);
}

#[test]
fn data_and_junk_are_refused_by_name() {
    for name in ["layer.geojson", "layer-named.json"] {
        let e = refusal(name);
        assert!(e.to_string().contains("GeoJSON layer"), "{e}");
        assert!(e.to_string().contains("--layer"), "{e}");
    }
    for name in ["truncated.docx", "truncated.epub"] {
        let e = refusal(name);
        assert!(matches!(e, ImportError::Corrupt { .. }), "{name}: {e}");
    }
    let e = refusal("junk.bin");
    assert!(matches!(e, ImportError::NotDocument { .. }), "{e}");
    let e = refusal("photo.txt");
    assert!(e.to_string().contains("JPEG image"), "{e}");
    let e = read_bytes("empty.txt", b"", None);
    assert!(
        matches!(e, Err(ImportError::EmptyFile { bytes: 0, .. })),
        "{e:?}"
    );
    let e = read_path(&fixture("no-such-file.pdf"));
    assert!(matches!(e, Err(ImportError::Read { .. })), "{e:?}");
}

#[test]
fn imported_places_get_linked() {
    use caspian_atlas::atlas::Atlas;
    use caspian_atlas::links::{Linker, Links};
    let atlas = Atlas::load_embedded();
    let Ok(linker) = Linker::from_atlas(&atlas) else {
        panic!("the gazetteer builds");
    };
    for (name, places) in [
        (
            "essay.pdf",
            &[
                "baku",
                "tbilisi",
                "btc-pipeline",
                "erzurum",
                "aktau",
                "batumi",
                "supsa",
            ][..],
        ),
        ("article.html", &["baku", "aktau"][..]),
        ("rails.docx", &["baku", "tbilisi", "batumi", "aktau"][..]),
    ] {
        let i = import(name);
        let links = Links::from_parts(atlas.features(), &i.passages, &linker);
        let found: Vec<&str> = links
            .all_mentions()
            .iter()
            .flatten()
            .map(|m| m.feature.as_str())
            .collect();
        for p in places {
            assert!(found.contains(p), "{name}: {p} linked in {found:?}");
        }
    }
}

/// Paragraphs as `tools/make_test_pdfs.py` writes them: `|` hyphenation points and `^N`
/// footnote markers taken out.
fn as_printed(s: &str) -> String {
    let mut out = String::new();
    let mut skip_digits = false;
    for c in s.chars() {
        match c {
            '|' => {}
            '^' => skip_digits = true,
            d if skip_digits && d.is_ascii_digit() => {}
            other => {
                skip_digits = false;
                out.push(other);
            }
        }
    }
    out
}

#[test]
fn a_journal_article_with_a_title_page_and_a_pull_quote_across_the_columns() {
    let i = import("journal.pdf");
    let d = &i.document;
    assert_eq!(
        d.title,
        "Ports, Pipelines and the Politics of the Middle Corridor"
    );
    // The Info dictionary's "anonymous" and file-name title lose to the title page.
    assert_eq!(d.authors, ["Nana Kapanadze", "Rustam Aliyev"]);
    assert_eq!(d.date, "2024-09");
    assert_eq!(d.outlet, "Caspian Policy Review");
    let t = texts(&i);
    assert_eq!(t.len(), 10, "{t:#?}");
    assert_eq!(
        t.first().copied(),
        Some(as_printed(
            "When the leaders of Azerbaijan, Georgia and Türkiye opened the railway from Baku to \
             Kars in 2017, the ceremony promised a new Silk Road. Seven years on, the line carries \
             a fraction of the freight its planners expected, and the reasons say more about the \
             region than about rail|ways. Tariffs, gauges and border posts decide where a \
             container goes, and each of them is set by a government with its own pri|or|ities^1."
        ))
        .as_deref()
    );
    // Read down the left column past the quote, then the right one: nothing cut at the quote.
    assert_eq!(
        t.get(2).copied(),
        Some(
            "On the Caspian shore the port of Alat has replaced the old harbour in the centre of \
             Baku, and its managers speak of a free economic zone that will attract manufacturers \
             as well as forwarders. Across the sea, Aktau and Kuryk compete for the same ferries, \
             while Turkmenbashi offers berths that are often empty."
        )
    );
    let all = t.join("\n");
    assert!(
        all.contains("In Georgian the town is ახალქალაქი, and its"),
        "{all}"
    );
    assert!(all.contains("The Северный коридор through Russia"), "{all}");
    assert!(
        all.contains("closed since the 1990s, and the idea has found support in Brussels."),
        "{all}"
    );
    for gone in [
        "CASPIAN POLICY REVIEW",
        "Tbilisi State University",
        "September 2024",
        "Caspian Policy Review",
        "Ministry of Economy",
        "Kapanadze and Aliyev",
        "priorities. 1",
    ] {
        assert!(!all.contains(gone), "{gone:?} left in: {all}");
    }
    assert_eq!(
        all.matches("Tariffs, gauges and border posts decide where a container goes")
            .count(),
        1
    );
    assert_eq!(headings(&i), ["A corridor of ports", "Who pays"]);
}

/// What `tools/make_writer_report.py` typeset, as its `json` says: title, and each passage with
/// the heading it opens.
fn writer_report_expected(json: &str) -> (String, Vec<(Option<String>, String)>) {
    let v: serde_json::Value = match std::fs::read_to_string(fixture(json))
        .map_err(|e| e.to_string())
        .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
    {
        Ok(v) => v,
        Err(e) => panic!("{json}: {e}"),
    };
    let passages = v["passages"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|p| {
                    (
                        p["heading"].as_str().map(str::to_string),
                        p["text"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    (v["title"].as_str().unwrap_or("").to_string(), passages)
}

/// A LibreOffice Writer brief holds to what was typeset, word for word: title, the byline under
/// it (not the file's author, "Observatory Staff"), the printed date (not the file's creation
/// date), every paragraph and list item with its heading; running heads, page numbers,
/// footnotes and their markers, the table and its caption left out.
fn assert_reads_as_typeset(name: &str, json: &str) {
    let i = import(name);
    let (title, want) = writer_report_expected(json);
    assert!(want.len() >= 11, "{json}");
    let d = &i.document;
    assert_eq!(d.title, title, "{name}");
    assert_eq!(
        d.authors,
        ["Nargiz Mammadova", "Daniel K. Brooks"],
        "{name}"
    );
    assert_eq!(d.date, "2025-03", "{name}");
    let got: Vec<(Option<String>, String)> = i
        .passages
        .iter()
        .map(|p| (p.heading.clone(), p.text.clone()))
        .collect();
    assert_eq!(got, want, "{name}");
}

#[test]
fn a_word_processors_report_reads_word_for_word_from_full_width_into_two_columns() {
    // A section break part way down page one from one column into two: no gutter runs the
    // height of that page. Before, its two-column part was read across ("2. Routes west and
    // the Trans Adriatic Pipeline…").
    assert_reads_as_typeset("writer-report.pdf", "writer-report.json");
}

#[test]
fn three_columns_from_part_way_down_a_page_to_a_short_balanced_end() {
    // Three columns under the summary's first paragraph; the section ends on page two in three
    // columns of three lines or fewer, the last holding one word, under the running head and
    // over the footnotes. Before, page two was read across ("Kazakhstan should be start."). Set
    // ragged right, a heading broken after a compound's hyphen lost it ("1. The Trans- Caspian
    // question").
    assert_reads_as_typeset("writer-three.pdf", "writer-report.json");
    assert_reads_as_typeset("writer-ragged-three.pdf", "writer-report.json");
}

#[test]
fn ragged_right_reports_on_a4_keep_their_columns_items_and_paragraph_ends() {
    // The same brief set ragged right in 10 pt on A4. Before: the page number, centred in the
    // gutter, split it in two and the columns were read across; a list item that runs on over
    // the page break became two paragraphs (its hanging line was taken for a first-line
    // indent); a paragraph ending at the foot of a column ran on into the next page's first
    // (its short last line was measured against the wrong column).
    assert_reads_as_typeset("writer-ragged.pdf", "writer-report.json");
    assert_reads_as_typeset("writer-ragged-abstract.pdf", "writer-abstract.json");
}

#[test]
fn a_word_processors_report_saved_as_word_reads_as_its_pdf_does() {
    // LibreOffice's Word file of the same brief: the authors and date in a custom "Byline" style
    // under the title (the file's author is "Observatory Staff"), a table of three columns and
    // its caption. Before, the byline and date were passages, the authors the file's, and each
    // of the table's twelve cells a passage.
    assert_reads_as_typeset("writer-report.docx", "writer-report.json");
}

#[test]
fn headings_set_by_hand_in_bold_body_type_are_headings() {
    // "The question in brief", "Routes west": no numbers, no larger type, no name a report's
    // sections usually have. Before, each ran into the paragraph under it ("Routes west The
    // Southern Gas Corridor runs…"), and "Recommendations" was a passage of its own.
    assert_reads_as_typeset("writer-bold.pdf", "writer-bold.json");
}

#[test]
fn an_abstract_across_most_of_page_one_over_two_columns_and_a_note_carried_over() {
    // The abstract fills most of page one across the page; the two columns under it have too
    // few rows for a gutter the height of the page. The last footnote is carried onto a page of
    // its own, with no running text: it is a note there too, not a paragraph.
    assert_reads_as_typeset("writer-abstract.pdf", "writer-abstract.json");
}

#[test]
fn a_reports_cover_page_gives_title_subtitle_authors_and_the_series_date() {
    // The title and subtitle on a cover page, "Policy Brief No. 14 | March 2025" under the
    // authors. Before, that line became the first heading and the date was the file's.
    assert_reads_as_typeset("writer-cover.pdf", "writer-report.json");
}

#[test]
fn a_policy_brief_with_numbered_headings_and_page_furniture() {
    let i = import("brief.pdf");
    let d = &i.document;
    assert_eq!(d.title, "Oil Without Russia: Kazakhstan's Caspian Options");
    assert_eq!(d.authors, ["Aigerim Nurlanova"]);
    assert_eq!(d.date, "2025-02-02");
    assert_eq!(
        headings(&i),
        ["1. Summary", "2. Options", "3. Recommendations"]
    );
    let t = texts(&i);
    assert_eq!(t.len(), 8, "{t:#?}");
    assert_eq!(
        t.get(1).copied(),
        Some(
            "Three routes are under discussion. Tankers can carry crude from Aktau to Baku and on \
             through the pipeline to Ceyhan; a pipeline under the sea could do the same at larger \
             volumes; and rail can take small amounts to the Georgian port of Batumi. None of them \
             replaces the northern route, and each requires agreements that have taken years to \
             negotiate."
        )
    );
    // A paragraph carried over the page break, the running head and "Page N of M" left out.
    assert!(
        t.last()
            .is_some_and(|p| p.starts_with("Finally, the European Union")
                && p.ends_with("not only commercial.")),
        "{t:?}"
    );
    let all = t.join("\n");
    assert!(
        !all.contains("Policy Brief 14") && !all.contains("Page 1 of 2"),
        "{all}"
    );
}

#[test]
fn a_saved_news_page_gives_the_story_and_its_metadata_only() {
    let i = import("news.html");
    let d = &i.document;
    assert_eq!(
        d.title,
        "Caspian container train sets off from Aktau on through bill"
    );
    assert_eq!(d.authors, ["Aliya Dzhaksybekova", "Giorgi Tsereteli"]);
    assert_eq!(d.date, "2025-03-11");
    assert_eq!(d.outlet, "The Caspian Times");
    let t = texts(&i);
    assert_eq!(
        t,
        [
            "BAKU — The first container train to cross the Caspian on a single through bill of \
             lading left the port of Aktau on Tuesday, carrying forty boxes of Chinese electronics \
             bound for Poti on the Black Sea.",
            "The shipment, organised by forwarders in Almaty and Tbilisi, is meant to show that \
             the Middle Corridor can compete with the northern route through Russia. It took the \
             boxes eleven days to reach Baku, two of them spent waiting for a ferry at the Kazakh \
             port.",
            "Officials in Astana said the crossing would be repeated every week from the spring. \
             “We are no longer talking about pilot runs,” said a deputy minister, who asked not \
             to be named because the timetable has not been announced.",
            "Georgian Railways, which carries the boxes from the Azerbaijani border at Gardabani \
             to Poti, said it had added two locomotives to the line and would open a new yard \
             near Marabda this year.",
            "Not everyone is convinced. Shippers in Istanbul point out that the ferries across \
             the Caspian still sail without a fixed schedule, and that a single storm off Əlat \
             can hold a train for days.",
        ]
    );
    assert_eq!(headings(&i), ["Locomotives and yards"]);
}

#[test]
fn a_troff_paper_with_a_title_in_body_type_and_a_centred_byline() {
    // groff's PDFs: another producer's fonts, encodings and word spacing. The title is set
    // bold in the body's size, so the byline under it is what marks the front matter.
    let i = import("troff.pdf");
    assert_eq!(
        i.document.title,
        "Gas Routes Across the Caspian: Promise and Constraint"
    );
    assert_eq!(i.document.authors, ["Marat Sultanov"]);
    let t = texts(&i);
    assert_eq!(t.len(), 6, "{t:#?}");
    assert_eq!(
        headings(&i),
        ["1. Introduction", "2. Obstacles", "3. Conclusion"]
    );
    let all = t.join("\n");
    assert!(!all.contains("Institute for Eurasian Studies"), "{all}");
    assert!(
        !all.contains("Caspian Energy Review"),
        "running head: {all}"
    );
    assert!(!all.contains("littoral states"), "footnote: {all}");
    // Hyphenated at line ends by troff: joined by the English list and the atlas's words.
    assert!(all.contains("Turkmen gas will keep flowing east"), "{all}");
    assert!(all.contains("Washington and Brussels rather than a pipe in the water."));
    assert_eq!(
        t.get(3).copied(),
        Some(
            "Financing remains the harder problem. European buyers want gas for a decade or two, \
             while a subsea pipeline needs contracts for thirty years or more to be bankable. \
             Meanwhile Kazakhstan ships oil from Tengiz and Kashagan across the sea by tanker to \
             Baku, and through the Caspian Pipeline Consortium to Novorossiysk."
        )
    );
}

#[test]
fn a_latex_article_in_two_columns_with_footnotes_and_running_heads() {
    // pdfTeX, LaTeX's defaults: Computer Modern Type 1 fonts with ligature glyphs, TeX's
    // hyphenation in two justified columns, \maketitle with a \thanks mark after the author
    // (a note mark is no outlet), an abstract, footnotes, running heads; no Info title.
    let i = import("latex.pdf");
    let d = &i.document;
    assert_eq!(d.title, "Water, Cotton and Power in the Amu Darya Basin");
    assert_eq!(d.authors, ["Dilnoza Karimova"]);
    assert_eq!(d.date, "2025-03");
    assert_eq!(d.outlet, "", "a note mark is no outlet");
    assert_eq!(
        headings(&i),
        [
            "Abstract",
            "1 Introduction",
            "2 Upstream and downstream",
            "3 Prospects"
        ]
    );
    let t = texts(&i);
    assert_eq!(t.len(), 8, "{t:#?}");
    assert_eq!(
        t.get(1).copied(),
        Some(
            "The Amu Darya rises in the glaciers of the Pamirs and flows for some two thousand \
             five hundred kilometres before it reaches what remains of the Aral Sea. Along the way \
             it forms the border between Afghanistan and Tajikistan, crosses the deserts of \
             Turkmenistan and feeds the irrigated oases of Khorezm and Karakalpakstan in \
             Uzbekistan."
        )
    );
    assert_eq!(
        t.get(5).copied(),
        Some(
            "A new actor has made the bargain harder. The Qosh Tepa canal, which the Taliban \
             authorities began digging in northern Afghanistan in 2022, is designed to divert a \
             large part of the river\u{2019}s flow to the plains around Mazar-i-Sharif."
        )
    );
    assert_eq!(
        t.last().copied(),
        Some(
            "Meanwhile the towns of the delta live with the consequences. In Nukus and Muynak \
             dust storms carry salt from the dry seabed, and fishermen who once worked on the sea \
             now drive for hours to reach the nearest water."
        )
    );
    let all = t.join("\n");
    for gone in [
        "Samarkand State University",
        "Central Asian Affairs",
        "nine tenths",
        "a fifth",
    ] {
        assert!(!all.contains(gone), "{gone}: {all}");
    }
    assert!(
        all.contains("by the nineteen-eighties so much water"),
        "{all}"
    );
    assert!(
        all.contains("the river rarely reached the sea at all."),
        "{all}"
    );
}

#[test]
fn a_latex_article_with_microtype_reads_as_the_plain_one() {
    // The same article in Latin Modern (T1) with microtype, as most papers are set today:
    // hyphens and full stops hang into the gutter between the columns, which must still be
    // found (the columns were read across, line by line, before).
    let plain = import("latex.pdf");
    let modern = import("latex-microtype.pdf");
    assert_eq!(texts(&modern), texts(&plain));
    assert_eq!(headings(&modern), headings(&plain));
    assert_eq!(modern.document.title, plain.document.title);
    assert_eq!(modern.document.authors, ["Dilnoza Karimova"]);
    assert_eq!(modern.document.outlet, "");
}

#[test]
fn a_type3_font_measured_in_its_own_glyph_space_keeps_letters_and_columns_in_order() {
    // A Type 3 font's widths are in hundredths of an em here (its /FontMatrix): taken as
    // thousandths, letters after a kern came first ("aTjikistan") and the two columns ran
    // into each other line by line.
    let i = import("type3.pdf");
    assert_eq!(i.document.title, "Kerning in the Desert");
    let t = texts(&i);
    assert_eq!(
        t,
        [
            "Tajikistan and Turkmenistan share no border, yet their water policies are tied \
             together by the Amu Darya. Every dam built upstream in the Pamirs changes what \
             reaches the fields of Dashoguz and the towns of Karakalpakstan.",
            "Valleys in the upper basin were surveyed by Soviet engineers, who planned a cascade \
             of reservoirs on the Vakhsh. To this day the Nurek dam is the tallest in Central \
             Asia.",
            "Water arrives late in summer, when Turkmen and Uzbek farmers need it most. A dry \
             year turns every quota into a quarrel, and villages at the tail of the canals wait \
             longest.",
            "Yet cooperation has a record too. The Amu Darya basin commission still meets, and \
             its engineers exchange gauge readings every week of the year.",
        ]
    );
}

#[test]
fn a_latex_working_paper_with_a_subtitle_authors_side_by_side_and_an_abstract() {
    // LaTeX's single-column \maketitle: a subtitle under the title, two authors in one row
    // over their affiliations, a printed date; then an indented abstract in small type whose
    // lines are one paragraph, a footnote and a page number low on the page.
    let i = import("latex-working-paper.pdf");
    let d = &i.document;
    assert_eq!(
        d.title,
        "Pipelines and Politics in the South Caucasus: A Working Paper"
    );
    assert_eq!(d.authors, ["Ana Kapanadze", "Rashad Aliyev"]);
    assert_eq!(d.date, "2024-05-12");
    assert_eq!(d.outlet, "");
    assert_eq!(
        headings(&i),
        [
            "Abstract",
            "1 Introduction",
            "1.1 The route",
            "2 Conclusion"
        ]
    );
    let t = texts(&i);
    assert_eq!(
        t,
        [
            "This paper asks how the Baku\u{2013}Tbilisi\u{2013}Ceyhan pipeline changed the \
             foreign policies of Georgia and Azerbaijan.",
            "When the first oil from the Azeri\u{2013}Chirag\u{2013}Gunashli fields reached \
             Ceyhan in 2006, the pipeline had already reshaped the politics of the region. \
             Georgia gained transit revenue and a reason for Western governments to care about \
             its security.",
            "Azerbaijan, for its part, gained an export route that bypassed Russia. The decision \
             to build it was as much political as commercial, and it was taken against the advice \
             of several oil companies.",
            "The pipeline runs for about 1,768 kilometres from the Sangachal terminal south of \
             Baku, through Tbilisi, to the Mediterranean coast of Turkey. Its course through \
             Georgia avoided the Borjomi valley only after a long dispute.",
            "Two decades later the pipeline still carries most of Azerbaijan\u{2019}s oil \
             exports, and its importance for Georgia has, if anything, grown.",
        ]
    );
}

#[test]
fn a_latex_report_loses_its_table_of_contents() {
    // A title page, then "Contents" with dot leaders to page numbers, then chapters: the
    // contents are no passages.
    let i = import("latex-report.pdf");
    let d = &i.document;
    assert_eq!(
        d.title,
        "Connectivity in the Caspian Region: Policy Report No. 7"
    );
    assert_eq!(d.authors, ["Leila Mammadova", "Timur Sadykov"]);
    assert_eq!(d.date, "2023-10");
    let t = texts(&i);
    assert_eq!(t.len(), 6, "{t:#?}");
    let all = t.join("\n");
    assert!(!all.contains(". . ."), "{all}");
    assert!(!headings(&i).contains(&"Contents"), "{:?}", headings(&i));
    assert!(
        t.first()
            .is_some_and(|p| p.starts_with("The Caspian Sea has long divided")),
        "{t:#?}"
    );
    assert!(
        t.last()
            .is_some_and(|p| p.ends_with("need not be inspected again in Baku.")),
        "{t:#?}"
    );
}

#[test]
fn a_pdf_list_gives_one_paragraph_per_item() {
    // Bullets and numbers: each item one paragraph, its hanging lines joined to it, the
    // bullet itself left out, the numbers kept; the text after the list is its own paragraph.
    // "Key findings" opens the note but names no document.
    let i = import("latex-lists.pdf");
    assert_eq!(i.document.title, "latex-lists");
    assert_eq!(headings(&i), ["Key findings"]);
    assert_eq!(
        texts(&i),
        [
            "The survey of freight operators produced three findings that matter for policy in \
             the region.",
            "Transit times across the Caspian vary from four days to three weeks, depending \
             mainly on the availability of ferries at Aktau and Alat.",
            "Customs procedures at the Georgian border add a day on average.",
            "Operators would pay more for a guaranteed schedule.",
            "The governments concerned have each responded in different ways.",
            "1. Kazakhstan has ordered new ferries from shipyards in Turkey and plans to deepen \
             the port approaches.",
            "2. Azerbaijan has cut port fees at Alat for container traffic.",
            "As one official in Baku put it:",
            "We cannot promise a schedule until the ferries themselves run on one, and that \
             depends on investments made on both shores of the sea.",
            "The rest of this note sets out what could be done in the next five years.",
        ]
    );
}

#[test]
fn one_essay_written_by_pandoc_reads_the_same_in_every_format() {
    // pandoc 2.17 made the Word, EPUB, web and PDF versions from `pandoc.md` (`pandoc pandoc.md
    // -o pandoc.docx`, `-o pandoc.epub`, `-s -o pandoc.html`, `-o pandoc.pdf`): another producer's title block
    // (Word's "Author" and "Date" paragraphs, one `author` tag per author), footnotes, a
    // quotation. Every format must give the Markdown's passages and metadata.
    let md = import("pandoc.md");
    assert_eq!(md.document.title, "The Zangezur Question");
    assert_eq!(md.document.authors, ["Arpine Grigoryan", "Farid Huseynov"]);
    assert_eq!(md.document.date, "2024-02-14");
    assert_eq!(
        headings(&md),
        ["Background", "The Iranian dimension", "Conclusion"]
    );
    assert_eq!(texts(&md).len(), 5, "{:#?}", texts(&md));
    assert!(!texts(&md).join(" ").contains("Meghri"), "footnote");
    // pandoc's writers turn the Markdown's straight quotes into curly ones; the Markdown is
    // read as written.
    let straight = |i: &Imported| -> Vec<String> {
        texts(i)
            .iter()
            .map(|t| t.replace(['\u{201c}', '\u{201d}'], "\""))
            .collect()
    };
    for name in ["pandoc.docx", "pandoc.epub", "pandoc.html"] {
        let other = import(name);
        assert_eq!(straight(&other), straight(&md), "{name}");
        assert_eq!(headings(&other), headings(&md), "{name}");
        assert_eq!(other.document.title, md.document.title, "{name}");
        assert_eq!(other.document.authors, md.document.authors, "{name}");
        assert_eq!(other.document.date, md.document.date, "{name}");
    }
    // And typeset by pandoc through LaTeX (`pandoc pandoc.md -o pandoc.pdf`): the subtitle,
    // printed under the title, joins it.
    let pdf = import("pandoc.pdf");
    assert_eq!(straight(&pdf), straight(&md));
    assert_eq!(headings(&pdf), headings(&md));
    assert_eq!(
        pdf.document.title,
        "The Zangezur Question: Transit, Sovereignty and the Armenian South"
    );
    assert_eq!(pdf.document.authors, md.document.authors);
    assert_eq!(pdf.document.date, md.document.date);
}

#[test]
fn pdf_captions_and_table_rows_are_left_out_and_a_cut_paragraph_goes_on() {
    // A figure set inside a paragraph and a table with its caption above its rows: captions
    // and rows are no passages, and the paragraph the figure cut is read whole. A numbered
    // section heading in the largest type names no document.
    let i = import("latex-floats.pdf");
    assert_eq!(i.document.title, "latex-floats");
    assert_eq!(headings(&i), ["1 Exports"]);
    assert_eq!(
        texts(&i),
        [
            "Oil still dominates the exports of Azerbaijan, although gas from Shah Deniz has \
             grown in importance since the Southern Gas Corridor opened in 2020. The figure \
             shows that gas has roughly doubled its share of export earnings over the period.",
            "Both pipelines follow the same corridor through Georgia for most of their length, \
             and both were built by consortia in which the state oil company of Azerbaijan took \
             a large share.",
        ]
    );
}

#[test]
fn a_latex_article_with_its_title_and_abstract_across_both_columns_reads_as_the_plain_one() {
    // \twocolumn[...]: the title block and the abstract run across the page, then the columns
    // share their baselines only an em apart, and an overfull line pokes into the gutter;
    // the left column is read whole before the right (they were read across, line by line).
    let plain = import("latex.pdf");
    let spanning = import("latex-spanning.pdf");
    assert_eq!(texts(&spanning), texts(&plain));
    assert_eq!(headings(&spanning), headings(&plain));
    assert_eq!(spanning.document.title, plain.document.title);
    assert_eq!(spanning.document.authors, ["Dilnoza Karimova"]);
    assert_eq!(spanning.document.date, "2025-03");
}

#[test]
fn tex_bitmap_fonts_give_their_ligatures_accents_quotes_and_dashes() {
    // Type 3 bitmap fonts named /a27, /a28… without ToUnicode: the codes are read in T1, so
    // "fi" is no "˝", "ş" no "ˇ", and the quotes and the em dash are there.
    let i = import("latex-bitmap.pdf");
    assert_eq!(headings(&i), ["1 Offshore fields"]);
    assert_eq!(
        texts(&i),
        [
            "The first offshore field in the Caspian was found at Neft Da\u{15f}lar\u{131} in 1949; \
          fifty years later the flow of oil from the Azeri field financed a pipeline to the \
          Mediterranean. Officials in Baku call it \u{201c}the contract of the \
          century\u{201d}\u{2014}a phrase first used in 1994."
        ]
    );
}

#[test]
fn an_institute_page_with_br_paragraphs_a_role_in_the_byline_and_a_printed_date() {
    // No metadata but the title and the site name: the byline's role ("Senior Fellow") is not
    // an author, the date printed in a "field-date" element is the date.
    let i = import("institute.html");
    let d = &i.document;
    assert_eq!(d.title, "The Middle Corridor after 2022");
    assert_eq!(d.authors, ["Giorgi Beridze"]);
    assert_eq!(d.date, "2023-10-12");
    assert_eq!(d.outlet, "Caucasus Policy Institute");
    let t = texts(&i);
    // The italic note under the story, "Giorgi Beridze is a senior fellow at the institute.",
    // is about the author, not the corridor.
    assert_eq!(t.len(), 3, "{t:#?}");
    assert!(t.iter().all(|p| !p.contains("senior fellow")), "{t:#?}");
    assert!(
        t.first()
            .is_some_and(|p| p.starts_with("Trade between China and Europe")
                && p.ends_with("from a low base.")),
        "{t:?}"
    );
    let all = t.join("\n");
    assert!(
        !all.contains("About us") && !all.contains("Subscribe"),
        "{all}"
    );
}

#[test]
fn a_russian_page_in_windows_1251_with_its_date_and_outlet_printed() {
    // The charset from `<meta http-equiv>`, the date in Russian under the headline, the outlet
    // only in the `<title>`'s suffix, a "Читайте также" (read also) box inside the article.
    let i = import("vestnik-cp1251.html");
    let d = &i.document;
    assert_eq!(d.title, "Новый паром между Актау и Баку");
    assert_eq!(d.authors, ["Ирина Петрова"]);
    assert_eq!(d.date, "2024-03-03");
    assert_eq!(d.outlet, "Каспийский вестник");
    let t = texts(&i);
    assert_eq!(t.len(), 3, "{t:#?}");
    assert_eq!(
        t.first().copied(),
        Some(
            "Новый паром начал курсировать между портами Актау и Баку. Рейс занимает около \
             суток, если позволяет погода."
        )
    );
    let all = t.join("\n");
    assert!(
        !all.contains("Читайте также") && !all.contains("Все права"),
        "{all}"
    );
}

#[test]
fn a_wordpress_story_without_its_newsletter_related_posts_author_box_or_comments() {
    let i = import("wordpress.html");
    let d = &i.document;
    assert_eq!(
        d.title,
        "Tajikistan and Kyrgyzstan sign border deal after decades of dispute"
    );
    assert_eq!(d.authors, ["Dilnoza Karimova", "Aibek Osmonov"]);
    assert_eq!(d.date, "2025-03-14");
    assert_eq!(d.outlet, "Steppe Monitor");
    assert_eq!(headings(&i), ["Water and roads"]);
    let t = texts(&i);
    assert_eq!(t.len(), 6, "{t:#?}");
    let all = t.join("\n");
    for junk in [
        "newsletter",
        "Read more",
        "Clashes on the Kyrgyz-Tajik border",
        "correspondent in Dushanbe",
        "Finally peace",
        "Most read",
        "cookies",
        "Photo:",
    ] {
        assert!(!all.contains(junk), "{junk}: {all}");
    }
    assert_eq!(
        t.last().copied(),
        Some(
            "Both parliaments must still ratify the deal. The opposition in neither country is \
             strong enough to block it, according to diplomats in Tashkent."
        )
    );
}

#[test]
fn an_epub_book_without_its_cover_contents_imprint_or_note_markers() {
    let i = import("rivers.epub");
    let d = &i.document;
    assert_eq!(d.title, "Rivers of the Steppe");
    assert_eq!(d.authors, ["Nurlan Abenov", "Saule Ermekova"]);
    assert_eq!(d.date, "2019-05-20");
    assert_eq!(d.outlet, "Steppe Books");
    assert_eq!(headings(&i), ["The Syr Darya", "The Amu Darya"]);
    assert_eq!(
        texts(&i),
        [
            "The Syr Darya rises in the Tian Shan and flows through the Fergana Valley before \
             crossing Kazakhstan to the Aral Sea.",
            "Its water feeds the cotton fields of Uzbekistan.",
            "The Amu Darya forms part of the border between Afghanistan and Tajikistan, then \
             flows past Termez and Nukus.",
        ]
    );
}

#[test]
fn an_fpdf2_paper_reads_word_for_word_with_its_repeated_sections_kept() {
    // A third producer (fpdf2, `tools/make_fpdf2_pdf.py`): the same two sections printed three
    // times over four pages; repetition is not a pull quote, and the running head and page
    // numbers go.
    let i = import("fpdf2.pdf");
    let d = &i.document;
    assert_eq!(d.title, "Water and Power in the Fergana Valley");
    assert_eq!(d.authors, ["Zarina Yusupova"]);
    assert_eq!(d.date, "2024-09-18");
    let t = texts(&i);
    assert_eq!(t.len(), 12, "{t:#?}");
    assert_eq!(
        headings(&i),
        ["Introduction", "The Kambarata project"].repeat(3)
    );
    for k in 0..3 {
        assert_eq!(
            t.get(4 * k + 2).copied(),
            Some(
                "The proposed Kambarata-1 dam on the Naryn would add more than a gigawatt of \
                 capacity. Uzbekistan, once opposed to new dams upstream, agreed in 2023 to take \
                 part in building it, together with Kazakhstan, which also relies on the Syr Darya \
                 for its southern provinces around Shymkent and Kyzylorda."
            ),
            "copy {k}"
        );
    }
    let all = t.join("\n");
    assert!(!all.contains("Working Paper 7"), "{all}");
}

#[test]
fn web_pages_of_three_common_makes_give_their_metadata_and_story() {
    // WordPress with Yoast's JSON-LD graph: authors and publisher named in nodes the article
    // points at by `@id`; figure, share bar, "Read more", newsletter, bio, comments around.
    let i = import("yoast.html");
    let d = &i.document;
    assert_eq!(d.title, "Armenia and Azerbaijan sign transit deal");
    assert_eq!(d.authors, ["Lilit Hovhannisyan", "Orkhan Mammadov"]);
    assert_eq!(d.date, "2025-08-09");
    assert_eq!(d.outlet, "South Caucasus Monitor");
    let t = texts(&i);
    assert_eq!(t.len(), 6, "{t:#?}");
    assert!(t[0].starts_with("Armenia and Azerbaijan on Friday signed"));
    assert_eq!(
        t[3],
        "\"This is a route, not a corridor, and it runs on Armenian soil,\" a senior official said."
    );
    assert!(t[5].ends_with("was not mentioned in the published text."));
    assert_eq!(headings(&i), ["A corridor by another name"]);

    // Drupal: a section kicker above the headline, the byline "Name Nov 20, 2024" with no
    // metadata for it, a related-story embed inside the body.
    let i = import("drupal.html");
    let d = &i.document;
    assert_eq!(
        d.title,
        "Kazakhstan bets on Caspian ports as Middle Corridor traffic grows"
    );
    assert_eq!(d.authors, ["Dana Omarova"]);
    assert_eq!(d.date, "2024-11-20");
    let t = texts(&i);
    assert!(
        !t.contains(&"Kazakhstan"),
        "the kicker is no passage: {t:#?}"
    );
    assert!(t.iter().all(|p| !p.contains("Alat port")), "{t:#?}");
    assert_eq!(
        t.last().copied(),
        Some(
            "Officials in Astana say dredging and a new container hub at Kuryk will solve the \
             bottleneck within three years. Shipping companies are less certain, pointing to \
             delays at the Georgian ports of Poti and Batumi as a second constraint."
        )
    );

    // A news agency's page: paragraphs as text between `<br><br>`, the date printed with its
    // time, an "Also read" line and a caption inside the story.
    let i = import("agency.html");
    assert_eq!(i.document.date, "2024-06-12");
    assert_eq!(i.document.outlet, "News.example");
    let t = texts(&i);
    assert_eq!(t.len(), 4, "{t:#?}");
    assert!(
        t.iter()
            .all(|p| !p.contains("Also read") && !p.contains("Delegates"))
    );
    assert!(t[3].starts_with("Turkmenistan, which has the world's fourth-largest gas reserves"));

    // A broadcaster's page: the caption above the headline, an embedded story link, the
    // agency's credit line and the author's box after the story.
    let i = import("rferl.html");
    let d = &i.document;
    assert_eq!(d.authors, ["Nini Gabritchidze"]);
    assert_eq!(d.date, "2024-05-29");
    let t = texts(&i);
    assert_eq!(t.len(), 4, "{t:#?}");
    assert!(t[0].starts_with("TBILISI -- Georgia has chosen a consortium"));
    assert!(t[3].ends_with("are already strained."));
}

#[test]
fn a_web_page_printed_from_a_browser_reads_as_its_article() {
    // Chrome's Skia PDF: glyph widths in ranges (letters were misplaced: "andA zerbaijan"),
    // paragraphs spaced by margins, the page's menus, share bar, newsletter box, tags,
    // author's box, related links and comments printed around the story, and the browser's
    // own head (print date, page title) and foot (address, "1/2").
    let i = import("printed-page.pdf");
    let d = &i.document;
    assert_eq!(d.title, "Armenia and Azerbaijan sign transit deal");
    assert_eq!(d.authors, ["Lilit Hovhannisyan", "Orkhan Mammadov"]);
    assert_eq!(
        d.date, "2025-08-09",
        "the printed byline's date, not the print date"
    );
    assert_eq!(d.outlet, "South Caucasus Monitor");
    let t = texts(&i);
    assert_eq!(
        t,
        [
            "Armenia and Azerbaijan on Friday signed an agreement on a transit route across the \
             Syunik province, the road and rail link that Baku calls the Zangezur corridor and \
             that Yerevan has long refused to see run outside its customs control.",
            "Under the deal, goods moving between mainland Azerbaijan and its exclave of \
             Nakhchivan will cross Armenian territory on a line operated by a consortium for \
             ninety-nine years, with Armenian border guards present at both ends.",
            "Officials in Yerevan avoided the word corridor throughout the day. Prime Minister \
             Nikol Pashinyan spoke instead of the \"Crossroads of Peace\", a plan his government \
             has promoted since 2023 that would open Armenia's roads and railways to its \
             neighbours while keeping them under Armenian law.",
            "\"This is a route, not a corridor, and it runs on Armenian soil,\" a senior \
             official said.",
            "Analysts in Tbilisi were more cautious, noting that Georgia's role as the region's \
             main transit state could shrink if cargo between Turkey and the Caspian begins to \
             move through Kars and Nakhchivan instead of Batumi and Poti.",
            "The agreement still needs ratification by both parliaments, and Russia's border \
             service, which guards Armenia's frontiers with Turkey and Iran, was not mentioned \
             in the published text.",
        ]
    );
    assert_eq!(headings(&i), ["A corridor by another name"]);
}

#[test]
fn a_printed_web_page_reads_as_the_page_itself() {
    // The news and WordPress pages above, printed from Chrome: the same story and metadata
    // from the PDF as from the HTML, with everything around the story left out.
    // (The broadcaster's page names its outlet only in metadata a printout does not keep.)
    for (html, pdf, named) in [
        ("yoast.html", "printed-page.pdf", true),
        ("news.html", "printed-news-page.pdf", true),
        ("wordpress.html", "printed-wordpress.pdf", true),
        // A sidebar beside the story (most read, newsletter, events) prints as a column.
        ("sidebar.html", "printed-sidebar.pdf", true),
        // The byline and date on lines of their own under the headline, an embedded link to
        // another story, the agency's credit and the author's box.
        ("rferl.html", "printed-news.pdf", false),
    ] {
        let (page, printed) = (import(html), import(pdf));
        assert_eq!(texts(&printed), texts(&page), "{pdf}");
        assert_eq!(headings(&printed), headings(&page), "{pdf}");
        let (a, b) = (&printed.document, &page.document);
        assert_eq!(
            (&a.title, &a.authors, &a.date),
            (&b.title, &b.authors, &b.date),
            "{pdf}"
        );
        if named {
            assert_eq!(a.outlet, b.outlet, "{pdf}");
        }
    }
}

#[test]
fn a_downloaded_articles_cover_sheet_is_no_part_of_it_but_gives_its_citation() {
    // A publisher's sheet ("To cite this article", "Published online", "Article views") and an
    // archive's ("Author(s):", "Source:", "Stable URL", terms of use) before page one; the
    // article's own page gives the title; the sheet the authors, date and journal it lacks.
    let want = [
        "This article follows the oil and gas routes from the Caspian to the Mediterranean and \
         asks what they changed in the politics of Georgia and Azerbaijan.",
        "When the Baku–Tbilisi–Ceyhan pipeline opened in 2006 it was presented as a project of \
         engineering. It was at least as much a project of politics, tying Azerbaijan and Georgia \
         to Turkey and to the markets of the west for the life of the fields.",
    ];
    for (name, date) in [
        ("cover-publisher.pdf", "2020-05-14"),
        ("cover-archive.pdf", "2019"),
    ] {
        let i = import(name);
        let d = &i.document;
        assert_eq!(
            d.title, "Pipelines and power in the South Caucasus",
            "{name}"
        );
        assert_eq!(d.authors, ["Ana Kapanadze", "Rashad Aliyev"], "{name}");
        assert_eq!(d.date, date, "{name}");
        assert_eq!(d.outlet, "Caucasus Review", "{name}");
        let t = texts(&i);
        assert_eq!(t.len(), 5, "{name}: {t:#?}");
        assert_eq!(t[..2], want, "{name}");
        let all = t.join(" ");
        // Nor are the publisher's first-page notes: the article history and keywords in a
        // narrow column beside the abstract, the contact note and copyright line.
        for sheet in [
            "cite this article",
            "Article views",
            "Stable URL",
            "not-for-profit",
            "HISTORY",
            "Received",
            "KEYWORDS",
            "pipelines;",
            "CONTACT",
            "©",
        ] {
            assert!(!all.contains(sheet), "{name}: {sheet}");
        }
    }
}
