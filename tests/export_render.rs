//! The printed map (`caspian-atlas render`): the SVG parsed with an XML parser (paths for
//! countries and pipelines, text labels, legend, scale bar, projection note, attribution);
//! under `--bbox`, `--select` and `--shade`; the PNG decoded at the requested size.

use std::collections::BTreeMap;
use std::process::Command;
use std::sync::OnceLock;

use caspian_atlas::atlas::Atlas;
use caspian_atlas::export::svg::{MapRequest, View, render_svg};

fn atlas() -> &'static Atlas {
    static A: OnceLock<Atlas> = OnceLock::new();
    A.get_or_init(Atlas::load_embedded)
}

fn svg(view: View, shade: Option<&BTreeMap<usize, usize>>, dark: bool) -> String {
    let req = MapRequest {
        features: atlas().features(),
        width: 1200,
        height: 800,
        view,
        dark,
        shade,
        layers: None,
        selected: None,
    };
    match render_svg(&req) {
        Ok(s) => s,
        Err(e) => panic!("the map renders: {e}"),
    }
}

fn count(doc: &roxmltree::Document, tag: &str, class: &str) -> usize {
    doc.descendants()
        .filter(|n| n.has_tag_name(tag))
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.split(' ').any(|c| c == class))
        })
        .count()
}

fn text_of(doc: &roxmltree::Document, id: &str) -> String {
    doc.descendants()
        .find(|n| n.attribute("id") == Some(id))
        .map(|n| n.descendants().filter_map(|t| t.text()).collect())
        .unwrap_or_default()
}

#[test]
fn region_map_has_paths_labels_legend_and_credits() {
    let s = svg(View::Region, None, false);
    let doc = match roxmltree::Document::parse(&s) {
        Ok(d) => d,
        Err(e) => panic!("the SVG is well-formed XML: {e}"),
    };
    let root = doc.root_element();
    assert_eq!(root.attribute("width"), Some("1200"));
    assert!(
        count(&doc, "path", "country") >= 30,
        "country polygons are paths"
    );
    assert!(count(&doc, "path", "pipeline") >= 10, "pipelines are paths");
    let Some(az) = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("f-azerbaijan"))
    else {
        panic!("Azerbaijan is drawn");
    };
    assert!(
        az.attribute("d")
            .is_some_and(|d| d.starts_with('M') && d.contains('Z'))
    );
    let labels: Vec<String> = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("text") && n.attribute("class").is_some_and(|c| c.starts_with("label"))
        })
        .filter_map(|n| n.text().map(str::to_string))
        .collect();
    assert!(labels.len() >= 15, "{labels:?}");
    assert!(labels.iter().any(|l| l == "KAZAKHSTAN"), "{labels:?}");
    assert!(labels.iter().any(|l| l == "Baku"), "{labels:?}");
    let credits = text_of(&doc, "attribution");
    for source in ["Natural Earth", "GeoNames", "Global Energy Monitor"] {
        assert!(credits.contains(source), "{credits}");
    }
    let note = text_of(&doc, "projection-note");
    assert!(
        note.contains("north is straight up only along 58°E"),
        "{note}"
    );
    let legend = text_of(&doc, "legend");
    assert!(
        legend.contains("Oil pipeline") && legend.contains("Capital"),
        "{legend}"
    );
    assert!(text_of(&doc, "scale-bar").contains(" km"));
    assert_eq!(count(&doc, "path", "shade"), 0, "no shading unless asked");
}

#[test]
fn bbox_select_and_shade() {
    let features = atlas().features();
    let caucasus = svg(View::BBox([38.0, 37.5, 51.0, 44.0]), None, false);
    let region = svg(View::Region, None, false);
    let Ok(small) = roxmltree::Document::parse(&caucasus) else {
        panic!("the bbox SVG parses");
    };
    let Ok(big) = roxmltree::Document::parse(&region) else {
        panic!("the region SVG parses");
    };
    assert!(count(&small, "path", "country") < count(&big, "path", "country"));
    let small_labels = count(&small, "text", "label-city");
    assert!(
        small_labels > count(&big, "text", "label-city") / 2,
        "zoomed in, more towns show"
    );

    let Some(baku) = features.iter().position(|f| f.id == "baku") else {
        panic!("baku is in the atlas");
    };
    let sel = svg(View::Feature(baku), None, true);
    let Ok(doc) = roxmltree::Document::parse(&sel) else {
        panic!("the selected SVG parses");
    };
    assert!(
        doc.descendants()
            .any(|n| n.attribute("data-feature") == Some("baku"))
    );
    assert!(
        doc.descendants().any(|n| n.has_tag_name("rect")
            && n.attribute("id") == Some("background")
            && n.attribute("fill") == Some("#121c28")),
        "the dark theme's background"
    );

    let mut counts = BTreeMap::new();
    for (i, f) in features.iter().enumerate() {
        match f.id.as_str() {
            "azerbaijan" => counts.insert(i, 40),
            "armenia" => counts.insert(i, 10),
            "baku" => counts.insert(i, 5),
            _ => None,
        };
    }
    let shaded = svg(View::BBox([38.0, 37.5, 51.0, 44.0]), Some(&counts), false);
    let Ok(doc) = roxmltree::Document::parse(&shaded) else {
        panic!("the shaded SVG parses");
    };
    let shades: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("shade"))
        .map(|n| {
            (
                n.attribute("data-passages").unwrap_or("").to_string(),
                n.attribute("fill").unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        shades.len(),
        2,
        "countries are shaded, cities are not: {shades:?}"
    );
    let fill_of = |n: &str| shades.iter().find(|(c, _)| c == n).map(|(_, f)| f.clone());
    assert_ne!(
        fill_of("40"),
        fill_of("10"),
        "different counts, different colours"
    );
    assert!(
        count(&doc, "rect", "ramp") >= 2,
        "the legend shows the ramp"
    );
}

#[test]
fn cli_renders_png_and_svg_files() {
    let dir = std::env::temp_dir().join(format!("caspian-export-render-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let png = dir.join("map.png");
    let run = |args: &[&str]| {
        let Ok(o) = Command::new(env!("CARGO_BIN_EXE_caspian-atlas"))
            .args(args)
            .output()
        else {
            panic!("the binary runs");
        };
        o
    };
    let o = run(&[
        "render",
        "--out",
        &png.to_string_lossy(),
        "--size",
        "480x320",
        "--theme",
        "dark",
        "--shade",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let Ok(bytes) = std::fs::read(&png) else {
        panic!("the PNG was written");
    };
    let Ok(pixmap) = resvg::tiny_skia::Pixmap::decode_png(&bytes) else {
        panic!("the PNG decodes");
    };
    assert_eq!((pixmap.width(), pixmap.height()), (480, 320));
    let distinct: std::collections::BTreeSet<[u8; 3]> = pixmap
        .pixels()
        .iter()
        .map(|p| [p.red(), p.green(), p.blue()])
        .collect();
    assert!(
        distinct.len() > 50,
        "a drawn map, not a blank ({} colours)",
        distinct.len()
    );

    let svg_path = dir.join("caucasus.svg");
    let o = run(&[
        "render",
        "--out",
        &svg_path.to_string_lossy(),
        "--bbox",
        "38,37.5,51,44",
        "--size",
        "800x600",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = std::fs::read_to_string(&svg_path).unwrap_or_default();
    assert!(roxmltree::Document::parse(&text).is_ok());

    for (args, says) in [
        (
            vec!["render", "--out", "x.svg", "--size", "12x9000000"],
            "--size",
        ),
        (
            vec!["render", "--out", "x.svg", "--bbox", "50,40,40,45"],
            "west < east",
        ),
        (
            vec!["render", "--out", "x.svg", "--select", "bakku"],
            "did you mean",
        ),
        (vec!["render", "--out", "x.pdf"], ".svg or .png"),
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The window's Export dialog writes what the window shows: its projected box, its layer
/// switches and its selection.
#[test]
fn a_window_view_keeps_its_box_its_layer_switches_and_its_selection() {
    let features = atlas().features();
    let Some(georgia) = atlas().index_of("georgia") else {
        panic!("the atlas has Georgia")
    };
    let proj = caspian_atlas::projection::Lcc::region();
    // The South Caucasus, in the projected plane.
    let b = proj.project_box((40.0, 51.0), (38.0, 43.8));
    let layers: Vec<bool> = features
        .iter()
        .map(|f| f.kind != caspian_atlas::atlas::Kind::Pipeline)
        .collect();
    let render = |layers: Option<&[bool]>| {
        let req = MapRequest {
            features,
            width: 900,
            height: 700,
            view: View::World(b),
            dark: false,
            shade: None,
            layers,
            selected: Some(georgia),
        };
        match render_svg(&req) {
            Ok(s) => s,
            Err(e) => panic!("the window's view renders: {e}"),
        }
    };
    let all = render(None);
    let some = render(Some(&layers));
    for s in [&all, &some] {
        let doc = match roxmltree::Document::parse(s) {
            Ok(d) => d,
            Err(e) => panic!("the SVG is well-formed XML: {e}"),
        };
        let sel = doc
            .descendants()
            .find(|n| n.attribute("id") == Some("selected"));
        assert_eq!(
            sel.and_then(|n| n.attribute("data-feature")),
            Some("georgia"),
            "the selection is highlighted"
        );
        // Framed on the South Caucasus: Georgia and Armenia are drawn, Kazakhstan's far
        // east (Almaty) is not labelled.
        assert!(count(&doc, "path", "country") >= 4);
    }
    let pipes = |s: &str| match roxmltree::Document::parse(s) {
        Ok(d) => count(&d, "path", "pipeline"),
        Err(e) => panic!("{e}"),
    };
    assert!(pipes(&all) >= 3, "BTC, SCP and Baku–Supsa cross the box");
    assert_eq!(pipes(&some), 0, "a switched-off layer is not exported");

    // An empty or non-finite box is refused, not drawn.
    let bad = MapRequest {
        features,
        width: 900,
        height: 700,
        view: View::World([1.0, 0.0, 1.0, f64::NAN]),
        dark: false,
        shade: None,
        layers: None,
        selected: None,
    };
    assert!(render_svg(&bad).is_err());
}

/// Zoomed in, the printed map draws the gazetteer's towns and labels some of them, as the window
/// does.
#[test]
fn a_zoomed_map_draws_and_labels_gazetteer_towns() {
    let s = svg(View::BBox([45.6, 40.4, 47.4, 41.2]), None, false);
    let doc = match roxmltree::Document::parse(&s) {
        Ok(d) => d,
        Err(e) => panic!("the SVG is well-formed XML: {e}"),
    };
    assert!(count(&doc, "g", "town") >= 5, "town markers");
    let towns: std::collections::HashSet<&str> = atlas()
        .features()
        .iter()
        .filter(|f| f.kind == caspian_atlas::atlas::Kind::Town)
        .map(|f| f.name.as_str())
        .collect();
    let labelled = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .filter(|t| towns.contains(t))
        .count();
    assert!(labelled >= 3, "{labelled} towns labelled");
}
