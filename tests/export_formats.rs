//! The export formats (`caspian-atlas export --format …`), each parsed back with a real parser
//! of that format: GeoJSON (`geojson`), CSV (`csv`), BibTeX (`biblatex`, round trip), RIS (a
//! strict line parser: no crate reads RIS), CSL-JSON (serde against the schema's shape),
//! HTML (`scraper`), Markdown (`pulldown-cmark`); and the JSON export unchanged.

use std::process::Command;
use std::sync::OnceLock;

use caspian_atlas::atlas::Atlas;
use caspian_atlas::corpus::{self, Corpus, Document, Passage};
use caspian_atlas::export::briefing::{self, Topic};
use caspian_atlas::export::{self, Chosen, Filter, Inputs, Selection, biblio, gis};
use caspian_atlas::links::export::build_export;
use caspian_atlas::links::{Linker, Links};

struct World {
    atlas: Atlas,
    corpus: Corpus,
    links: Links,
}

fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(|| {
        let atlas = Atlas::load_embedded();
        let corpus = Corpus::load_embedded();
        let links = Links::build(&atlas, &corpus);
        World {
            atlas,
            corpus,
            links,
        }
    })
}

fn inputs(w: &World) -> Inputs<'_> {
    Inputs::new(
        w.atlas.features(),
        &w.corpus.documents,
        &w.corpus.passages,
        &w.links,
    )
}

fn chosen(sel: Selection) -> Chosen {
    let Ok(c) = export::choose(&inputs(world()), &Filter::default(), &sel) else {
        panic!("the selection {sel:?} resolves");
    };
    c
}

fn feature(id: &str) -> Selection {
    Selection {
        feature: Some(id.into()),
        query: None,
    }
}

fn run(args: &[&str]) -> std::process::Output {
    let Ok(o) = Command::new(env!("CARGO_BIN_EXE_caspian-atlas"))
        .args(args)
        .output()
    else {
        panic!("the binary runs");
    };
    o
}

#[test]
fn json_export_is_unchanged_by_default() {
    let w = world();
    let o = run(&["export"]);
    assert_eq!(o.status.code(), Some(0));
    let Ok(mut expected) = serde_json::to_string_pretty(&build_export(
        &w.corpus.documents,
        &w.corpus.passages,
        w.links.all_mentions(),
        w.atlas.features(),
    )) else {
        panic!("the export serialises");
    };
    expected.push('\n');
    assert!(
        o.stdout == expected.as_bytes(),
        "`export` is byte-identical to the JSON model"
    );
    let f = run(&["export", "--format", "json", "--feature", "lachin-corridor"]);
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(&f.stdout) else {
        panic!("a feature's JSON export parses");
    };
    let ps = v["passages"].as_array().map_or(0, Vec::len);
    assert_eq!(ps, chosen(feature("lachin-corridor")).passages.len());
    assert!(ps > 0);
}

#[test]
fn geojson_opens_as_a_feature_collection() {
    let w = world();
    let inp = inputs(w);
    let all = chosen(Selection::default());
    let Ok(text) = gis::geojson(&inp, &Filter::default(), &all) else {
        panic!("the GeoJSON export builds");
    };
    let Ok(geojson::GeoJson::FeatureCollection(fc)) = text.parse::<geojson::GeoJson>() else {
        panic!("the export is a GeoJSON FeatureCollection");
    };
    assert!(fc.features.len() > 50, "{} features", fc.features.len());
    for f in &fc.features {
        let Some(props) = &f.properties else {
            panic!("every feature has properties");
        };
        assert!(f.geometry.is_some(), "every feature has a geometry");
        assert!(props["passage_count"].as_u64().unwrap_or(0) >= 1);
        assert!(
            props["first_citation"]
                .as_str()
                .is_some_and(|c| c.contains("Para. "))
        );
        let (Some(lon), Some(lat)) = (props["lon"].as_f64(), props["lat"].as_f64()) else {
            panic!("a representative point");
        };
        assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
    }
    let Some(azerbaijan) = fc.features.iter().find(|f| {
        f.properties
            .as_ref()
            .is_some_and(|p| p["id"] == "azerbaijan")
    }) else {
        panic!("Azerbaijan is mentioned");
    };
    assert!(matches!(
        azerbaijan.geometry.as_ref().map(|g| &g.value),
        Some(geojson::Value::Polygon(_) | geojson::Value::MultiPolygon(_))
    ));
    // A kind filter drops whole layers.
    let no_countries = Filter {
        hidden_kinds: vec![caspian_atlas::atlas::Kind::Country],
        ..Filter::default()
    };
    let Ok(text) = gis::geojson(&inp, &no_countries, &all) else {
        panic!("the filtered GeoJSON export builds");
    };
    assert!(!text.contains("\"kind\":\"country\""));
}

#[test]
fn csv_reads_back_one_row_per_mention() {
    let w = world();
    let inp = inputs(w);
    let sel = chosen(feature("lachin-corridor"));
    let Ok(bytes) = gis::csv(&inp, &Filter::default(), &sel) else {
        panic!("the CSV export builds");
    };
    let body = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .unwrap_or_default();
    assert!(!body.is_empty(), "UTF-8 with a byte-order mark");
    let mut r = csv::Reader::from_reader(body);
    let Ok(header) = r.headers().cloned() else {
        panic!("a header row");
    };
    assert_eq!(header.iter().collect::<Vec<_>>(), gis::CSV_HEADER.to_vec());
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap_or_default()).collect();
    let expected: usize = sel
        .passages
        .iter()
        .map(|&p| export::kept_mentions(&inp, &Filter::default(), &sel, p).len())
        .sum();
    assert_eq!(rows.len(), expected);
    assert!(!rows.is_empty());
    for row in &rows {
        assert_eq!(row.len(), 12);
        assert_eq!(row.get(4), Some("lachin-corridor"));
        assert!(
            row.get(7).and_then(|v| v.parse::<f64>().ok()).is_some(),
            "lon is a number"
        );
        assert_eq!(row.get(10), Some("false"));
    }
}

#[test]
fn bibtex_round_trips_through_biblatex() {
    let w = world();
    let docs: Vec<&Document> = w.corpus.documents.iter().collect();
    let bib = biblio::bibtex(&docs);
    let Ok(parsed) = biblatex::Bibliography::parse(&bib) else {
        panic!("biblatex reads the export:\n{bib}");
    };
    assert_eq!(parsed.len(), docs.len());
    for (d, key) in docs.iter().zip(biblio::keys(&docs)) {
        let Some(entry) = parsed.get(&key) else {
            panic!("entry {key} is there");
        };
        let Ok(title) = entry.title() else {
            panic!("{key} has a title");
        };
        let title: String = title.iter().map(|c| c.v.get()).collect();
        assert_eq!(title, d.title, "{key}");
        let authors = entry.author().map(|a| a.len()).unwrap_or(0);
        assert_eq!(authors, d.authors.len(), "{key}");
    }
    // Written back and read again: the same entries.
    let again = parsed.to_bibtex_string();
    let Ok(reparsed) = biblatex::Bibliography::parse(&again) else {
        panic!("the round trip parses");
    };
    assert_eq!(reparsed.len(), parsed.len());
}

#[test]
fn ris_records_parse_strictly() {
    let w = world();
    let docs: Vec<&Document> = w.corpus.documents.iter().collect();
    let ris = biblio::ris(&docs);
    let mut records: Vec<Vec<(String, String)>> = Vec::new();
    let mut cur: Vec<(String, String)> = Vec::new();
    for line in ris.split("\r\n") {
        if line.is_empty() {
            continue;
        }
        let (Some(tag), Some(sep)) = (line.get(..2), line.get(2..6)) else {
            panic!("a RIS line is `XX  - value`: {line:?}");
        };
        assert!(
            tag.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()),
            "{line:?}"
        );
        assert!(
            sep == "  - " || (tag == "ER" && line == "ER  - "),
            "{line:?}"
        );
        if tag == "ER" {
            records.push(std::mem::take(&mut cur));
        } else {
            cur.push((tag.to_string(), line.get(6..).unwrap_or("").to_string()));
        }
    }
    assert!(cur.is_empty(), "the last record is closed");
    assert_eq!(records.len(), docs.len());
    for (rec, d) in records.iter().zip(&docs) {
        assert_eq!(rec.first().map(|(t, _)| t.as_str()), Some("TY"));
        let ti: Vec<&str> = rec
            .iter()
            .filter(|(t, _)| t == "TI")
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(ti, vec![d.title.as_str()]);
        assert_eq!(
            rec.iter().filter(|(t, _)| t == "AU").count(),
            d.authors.len()
        );
    }
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CslItem {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    title: String,
    #[serde(default)]
    author: Vec<CslName>,
    #[serde(rename = "container-title")]
    container_title: Option<String>,
    issued: Option<CslDate>,
    #[serde(rename = "URL")]
    url: Option<String>,
    note: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CslName {
    family: Option<String>,
    given: Option<String>,
    literal: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CslDate {
    #[serde(rename = "date-parts")]
    date_parts: Vec<Vec<i32>>,
}

#[test]
fn csl_json_matches_the_schema_shape() {
    let w = world();
    let docs: Vec<&Document> = w.corpus.documents.iter().collect();
    let Ok(text) = biblio::csl_json(&docs) else {
        panic!("the CSL-JSON export builds");
    };
    let items: Vec<CslItem> = match serde_json::from_str(&text) {
        Ok(items) => items,
        Err(e) => panic!("CSL-JSON reads back: {e}"),
    };
    assert_eq!(items.len(), docs.len());
    for (it, d) in items.iter().zip(&docs) {
        assert!(["article-journal", "webpage", "document"].contains(&it.kind.as_str()));
        assert_eq!(it.title, d.title);
        assert!(!it.id.is_empty() && it.note.is_some());
        assert_eq!(it.author.len(), d.authors.len());
        for a in &it.author {
            assert!(a.literal.is_some() || (a.family.is_some() && a.given.is_some()));
        }
        let Some(issued) = &it.issued else {
            panic!("every shipped document has a year");
        };
        let parts = issued.date_parts.first().map_or(0, Vec::len);
        assert!((1..=3).contains(&parts));
        assert!(it.container_title.is_some());
        if let Some(u) = &it.url {
            assert!(u.starts_with("http"));
        }
    }
}

/// A document with text that must be escaped in every format.
fn hostile() -> (Atlas, Vec<Document>, Vec<Passage>, Links) {
    let atlas = Atlas::load_embedded();
    let text = "A <script>alert(1)</script> in Baku & *Tbilisi* _x_ [link](http://x) #1 `code`.\n\n\
                Second paragraph on Yerevan > Baku.\n";
    let Ok((doc, passages)) = corpus::ingest_text("hostile.txt", text.as_bytes()) else {
        panic!("the text ingests");
    };
    let Ok(linker) = Linker::from_atlas(&atlas) else {
        panic!("the gazetteer builds");
    };
    let links = Links::from_parts(atlas.features(), &passages, &linker);
    (atlas, vec![doc], passages, links)
}

#[test]
fn html_briefing_is_escaped_and_structured() {
    let (atlas, docs, passages, links) = hostile();
    let inp = Inputs::new(atlas.features(), &docs, &passages, &links);
    let Ok(sel) = export::choose(&inp, &Filter::default(), &feature("baku")) else {
        panic!("baku is a feature");
    };
    assert_eq!(sel.passages.len(), passages.len());
    let html = briefing::html(&inp, &sel, &Topic::Feature("Baku".into()));
    let doc = scraper::Html::parse_document(&html);
    let sel_of = |s: &str| scraper::Selector::parse(s).unwrap_or_else(|_| panic!("selector {s}"));
    assert_eq!(
        doc.select(&sel_of("script")).count(),
        0,
        "no markup from the text"
    );
    let quotes: Vec<String> = doc
        .select(&sel_of("blockquote"))
        .map(|q| q.text().collect::<String>())
        .collect();
    let texts: Vec<String> = passages.iter().map(|p| p.text.trim().to_string()).collect();
    assert_eq!(quotes, texts, "each quotation is exactly its passage");
    assert_eq!(doc.select(&sel_of("p.cite cite")).count(), passages.len());
    assert_eq!(doc.select(&sel_of("ul.references li")).count(), 1);
    assert_eq!(
        doc.select(&sel_of("h1"))
            .next()
            .map(|h| h.text().collect::<String>()),
        Some("Passages on Baku".into())
    );
}

#[test]
fn markdown_briefing_quotes_verbatim() {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let (atlas, docs, passages, links) = hostile();
    let inp = Inputs::new(atlas.features(), &docs, &passages, &links);
    let Ok(sel) = export::choose(&inp, &Filter::default(), &feature("baku")) else {
        panic!("baku is a feature");
    };
    let md = briefing::markdown(&inp, &sel, &Topic::Feature("Baku".into()));
    let mut quotes: Vec<String> = Vec::new();
    let mut depth = 0;
    let mut inline_markup = 0;
    for ev in Parser::new(&md) {
        match ev {
            Event::Start(Tag::BlockQuote(_)) => {
                depth += 1;
                quotes.push(String::new());
            }
            Event::End(TagEnd::BlockQuote(_)) => depth -= 1,
            Event::Start(Tag::Emphasis | Tag::Link { .. } | Tag::Heading { .. }) if depth > 0 => {
                inline_markup += 1
            }
            Event::Html(_) | Event::InlineHtml(_) | Event::Code(_) if depth > 0 => {
                inline_markup += 1
            }
            Event::Text(t) if depth > 0 => {
                if let Some(q) = quotes.last_mut() {
                    q.push_str(&t);
                }
            }
            _ => {}
        }
    }
    assert_eq!(inline_markup, 0, "the passage's text made no markup:\n{md}");
    let texts: Vec<String> = passages.iter().map(|p| p.text.trim().to_string()).collect();
    assert_eq!(quotes, texts);
    // On the real corpus: one level-2 heading per document and one for the references.
    let w = world();
    let real = chosen(feature("lachin-corridor"));
    let md = briefing::markdown(&inputs(w), &real, &Topic::Feature("Lachin corridor".into()));
    let docs = export::cited_documents(&inputs(w), &real).len();
    let h2 = Parser::new(&md)
        .filter(|e| {
            matches!(
                e,
                Event::Start(Tag::Heading {
                    level: pulldown_cmark::HeadingLevel::H2,
                    ..
                })
            )
        })
        .count();
    assert_eq!(h2, docs + 1);
    let bq = Parser::new(&md)
        .filter(|e| matches!(e, Event::Start(Tag::BlockQuote(_))))
        .count();
    assert_eq!(bq, real.passages.len());
}

#[test]
fn cli_formats_and_errors() {
    let o = run(&["export", "--format", "ris", "--query", "Lachin corridor"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("TY  - "));
    let o = run(&["export", "--format", "csv", "--feature", "lachn-corridor"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("unknown feature id `lachn-corridor`") && err.contains("lachin-corridor"),
        "{err}"
    );
    let o = run(&["export", "--kind", "ocean"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown kind `ocean`"));
    let o = run(&["export", "--notes"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no notes"));
}

/// A library in a temp data dir with three notes (a highlight on a shipped passage, a note on
/// Baku with hostile Markdown, a highlight whose words are gone) and one correction.
fn notes_library() -> std::path::PathBuf {
    use caspian_atlas::library::Store;
    use caspian_atlas::library::corrections::{Action, NewCorrection, Scope};
    use caspian_atlas::library::notes::{NoteContent, Target};
    let dir = std::env::temp_dir().join(format!("ca-export-notes-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let Ok((mut store, _)) = Store::open(&dir.join("library.db")) else {
        panic!("a library opens in {}", dir.display());
    };
    let w = world();
    let Some(p) = w.corpus.passages.iter().find(|p| p.text.contains("Lachin")) else {
        panic!("a passage names Lachin");
    };
    let at = p.text.find("Lachin").unwrap_or(0);
    let highlight = NoteContent {
        passage: Some(p.id.clone()),
        quote: p.text[at..at + "Lachin".len()].to_string(),
        body: "Check the **corridor** width.".into(),
        ..NoteContent::default()
    };
    let on_baku = NoteContent {
        feature: Some("baku".into()),
        body: "Port <script>alert(1)</script> *note*".into(),
        ..NoteContent::default()
    };
    let lost = NoteContent {
        quote: "words no essay has ever printed".into(),
        body: "Kept, never dropped.".into(),
        ..highlight.clone()
    };
    for (t, c) in [
        (Target::Highlight, &highlight),
        (Target::Feature, &on_baku),
        (Target::Highlight, &lost),
    ] {
        if let Err(e) = store.add_note(t, c) {
            panic!("the note is stored: {e}");
        }
    }
    let baku_is_aktau = NewCorrection {
        scope: Scope::Everywhere,
        document: None,
        passage: None,
        span: None,
        surface: "Baku".into(),
        action: Action::NotThisPlace("aktau".into()),
    };
    if let Err(e) = store.add_correction(&baku_is_aktau) {
        panic!("the correction is stored: {e}");
    }
    dir
}

fn run_in(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let Ok(o) = Command::new(env!("CARGO_BIN_EXE_caspian-atlas"))
        .args(args)
        .env("CASPIAN_ATLAS_DATA_DIR", dir)
        .output()
    else {
        panic!("the binary runs");
    };
    if o.status.code() != Some(0) {
        panic!("{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    }
    o
}

#[test]
fn notes_export_as_markdown_html_and_json_and_corrections_reach_the_csv() {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
    let dir = notes_library();
    // Markdown: the headings, the quote in a block quote, the note's own Markdown kept.
    let md = String::from_utf8_lossy(
        &run_in(&dir, &["export", "--notes", "--format", "markdown"]).stdout,
    )
    .into_owned();
    let mut headings = Vec::new();
    let mut in_heading = None;
    let mut quotes = String::new();
    let mut in_quote = 0;
    let mut strong = 0;
    for ev in Parser::new(&md) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => in_heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => headings.extend(in_heading.take()),
            Event::Start(Tag::BlockQuote(_)) => in_quote += 1,
            Event::End(TagEnd::BlockQuote(_)) => in_quote -= 1,
            Event::Start(Tag::Strong) => strong += 1,
            Event::Text(t) => {
                if let Some((_, h)) = in_heading.as_mut() {
                    h.push_str(&t);
                } else if in_quote > 0 {
                    quotes.push_str(&t);
                    quotes.push('\n');
                }
            }
            _ => {}
        }
    }
    let h2: Vec<&str> = headings
        .iter()
        .filter(|(l, _)| *l == HeadingLevel::H2)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(headings.first().map(|(_, t)| t.as_str()), Some("Notes"));
    assert_eq!(
        h2.len(),
        4,
        "a document, places, could not be placed, references: {h2:?}"
    );
    assert_eq!(
        &h2[1..],
        ["Notes on places", "Could not be placed", "References"]
    );
    assert!(quotes.contains("Lachin") && quotes.contains("words no essay has ever printed"));
    assert_eq!(strong, 1, "the note's **corridor**");
    // HTML: every body rendered in its own div, raw HTML shown as text.
    let html =
        String::from_utf8_lossy(&run_in(&dir, &["export", "--notes", "--format", "html"]).stdout)
            .into_owned();
    let doc = scraper::Html::parse_document(&html);
    let sel = |s: &str| match scraper::Selector::parse(s) {
        Ok(x) => x,
        Err(e) => panic!("selector {s}: {e}"),
    };
    assert_eq!(doc.select(&sel("div.note")).count(), 3);
    assert_eq!(doc.select(&sel("script")).count(), 0, "no script element");
    assert_eq!(doc.select(&sel("div.note strong")).count(), 1);
    assert_eq!(doc.select(&sel("div.note em")).count(), 1);
    let unplaced: String = doc
        .select(&sel("section#unplaced blockquote"))
        .flat_map(|e| e.text())
        .collect();
    assert_eq!(unplaced, "words no essay has ever printed");
    // JSON: every note, the lost one last and marked so.
    let json = run_in(&dir, &["export", "--notes"]).stdout;
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(&json) else {
        panic!("JSON parses");
    };
    let placed: Vec<bool> = v
        .as_array()
        .map(|a| a.iter().filter_map(|n| n["placed"].as_bool()).collect())
        .unwrap_or_default();
    assert_eq!(placed, [true, true, false]);
    assert!(
        v[0]["citation"]
            .as_str()
            .is_some_and(|c| c.contains("Para."))
    );
    assert_eq!(v[1]["feature_name"], "Baku");
    // The correction: every "Baku" now names Aktau, and the CSV says so.
    let csv_out = run_in(&dir, &["export", "--format", "csv"]).stdout;
    let mut r = csv::Reader::from_reader(
        csv_out
            .strip_prefix("\u{feff}".as_bytes())
            .unwrap_or(&csv_out),
    );
    let Ok(header) = r.headers().cloned() else {
        panic!("a header");
    };
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or(usize::MAX);
    let (surface, feature, corrected) = (col("surface"), col("feature_id"), col("corrected"));
    let rows: Vec<csv::StringRecord> = r.records().flatten().collect();
    let baku: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| r.get(surface) == Some("Baku"))
        .collect();
    assert!(!baku.is_empty());
    assert!(
        baku.iter()
            .all(|r| r.get(feature) == Some("aktau") && r.get(corrected) == Some("true"))
    );
    assert!(rows.iter().any(|r| r.get(corrected) == Some("false")));
    let list = String::from_utf8_lossy(&run_in(&dir, &["corrections"]).stdout).into_owned();
    assert!(
        list.contains("not this place \u{2192} Aktau") && list.contains("everywhere"),
        "{list}"
    );
    // `link` on a text of the reader's own: the correction applies everywhere, and each
    // mention says whether a correction made it.
    let text = dir.join("ferry.txt");
    if let Err(e) = std::fs::write(
        &text,
        "Ferry Notes\n\nThe ferry left Baku for Turkmenbashi while Tbilisi waited.\n",
    ) {
        panic!("{e}");
    }
    let linked = run_in(&dir, &["link", &text.to_string_lossy()]).stdout;
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(&linked) else {
        panic!("link prints JSON");
    };
    let mentions: Vec<(String, String, bool)> = v["passages"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|p| p["mentions"].as_array().cloned().unwrap_or_default())
        .map(|m| {
            (
                m["surface"].as_str().unwrap_or("").to_string(),
                m["feature"].as_str().unwrap_or("").to_string(),
                m["corrected"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    assert!(
        mentions.contains(&("Baku".into(), "aktau".into(), true)),
        "{mentions:?}"
    );
    assert!(
        mentions.contains(&("Tbilisi".into(), "tbilisi".into(), false)),
        "{mentions:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
