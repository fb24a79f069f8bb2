//! Data for GIS and spreadsheets: GeoJSON (RFC 7946, WGS 84; one feature per mentioned place
//! with its real geometry) and CSV (one row per mention; UTF-8 with a BOM so spreadsheet
//! programs read the accents right).

use std::collections::{BTreeMap, BTreeSet};

use geo::InteriorPoint;
use serde_json::{Map, Value, json};

use super::cite::{Markup, passage_citation};
use super::{Chosen, ExportError, Filter, Inputs, kept_mentions};
use crate::atlas::Feature;
use crate::links::MentionKind;

/// A representative lon/lat of a feature: the point itself, a point on a line, a point
/// inside a polygon (`geo::InteriorPoint`), rounded to 5 decimals (~1 m).
pub fn representative_point(f: &Feature) -> Option<(f64, f64)> {
    let p = f.geometry.interior_point()?;
    Some((round5(p.x()), round5(p.y())))
}

fn round5(v: f64) -> f64 {
    (v * 1e5).round() / 1e5
}

/// Per mentioned feature: mentions, passage ids, document ids, the first passage (reading order).
struct Tally {
    mentions: usize,
    /// Mentions made or changed by the reader's corrections.
    corrected: usize,
    passages: BTreeSet<usize>,
    documents: Vec<String>,
    first: Option<usize>,
}

/// The GeoJSON export: a FeatureCollection of every feature mentioned by the chosen
/// passages (in atlas order), with its real geometry (point, line or polygon, lon/lat WGS 84,
/// 5 decimals) and the properties `id`, `name`, `kind`, `status`, `mentions`, `passage_count`,
/// `passages` (ids), `documents` (ids), `first_citation`, `corrected_mentions` (how many of its
/// mentions the reader's corrections made or changed), and `lon`/`lat` of a representative
/// point (to make a point layer from the same file).
pub fn geojson(inputs: &Inputs, filter: &Filter, chosen: &Chosen) -> Result<String, ExportError> {
    let mut tallies: BTreeMap<usize, Tally> = BTreeMap::new();
    for &pi in &chosen.passages {
        let Some(p) = inputs.passages.get(pi) else {
            continue;
        };
        for (m, fi) in kept_mentions(inputs, filter, chosen, pi) {
            let t = tallies.entry(fi).or_insert_with(|| Tally {
                mentions: 0,
                corrected: 0,
                passages: BTreeSet::new(),
                documents: Vec::new(),
                first: None,
            });
            t.mentions += 1;
            if inputs.is_corrected(&p.id, m) {
                t.corrected += 1;
            }
            t.passages.insert(pi);
            if !t.documents.contains(&p.document) {
                t.documents.push(p.document.clone());
            }
            t.first.get_or_insert(pi);
        }
    }
    let mut features = Vec::with_capacity(tallies.len());
    for (fi, t) in tallies {
        let Some(f) = inputs.features.get(fi) else {
            continue;
        };
        let mut geometry = geojson::Geometry::from(&f.geometry);
        round_geometry(&mut geometry.value);
        let first_citation = t
            .first
            .and_then(|pi| inputs.passages.get(pi))
            .and_then(|p| {
                inputs
                    .document_of(p)
                    .map(|d| passage_citation(d, p, Markup::Plain))
            });
        let passage_ids: Vec<&str> = t
            .passages
            .iter()
            .filter_map(|&i| inputs.passages.get(i).map(|p| p.id.as_str()))
            .collect();
        let (lon, lat) = representative_point(f).map_or((None, None), |(x, y)| (Some(x), Some(y)));
        let mut props = Map::new();
        props.insert("id".into(), json!(f.id));
        props.insert("name".into(), json!(f.name));
        props.insert("kind".into(), json!(f.kind.as_str()));
        props.insert("status".into(), json!(f.status));
        props.insert("mentions".into(), json!(t.mentions));
        props.insert("corrected_mentions".into(), json!(t.corrected));
        props.insert("passage_count".into(), json!(passage_ids.len()));
        props.insert("passages".into(), json!(passage_ids));
        props.insert("documents".into(), json!(t.documents));
        props.insert("first_citation".into(), json!(first_citation));
        props.insert("lon".into(), json!(lon));
        props.insert("lat".into(), json!(lat));
        features.push(geojson::Feature {
            bbox: None,
            geometry: Some(geometry),
            id: Some(geojson::feature::Id::String(f.id.clone())),
            properties: Some(props),
            foreign_members: None,
        });
    }
    let fc = geojson::FeatureCollection {
        bbox: None,
        features,
        foreign_members: None,
    };
    let mut s = serde_json::to_string(&fc).map_err(|source| ExportError::Json {
        what: "the GeoJSON export",
        source,
    })?;
    s.push('\n');
    Ok(s)
}

fn round_geometry(v: &mut geojson::Value) {
    use geojson::Value as V;
    let r = |p: &mut Vec<f64>| p.iter_mut().for_each(|c| *c = round5(*c));
    match v {
        V::Point(p) => r(p),
        V::MultiPoint(ps) | V::LineString(ps) => ps.iter_mut().for_each(r),
        V::MultiLineString(ls) | V::Polygon(ls) => ls.iter_mut().flatten().for_each(r),
        V::MultiPolygon(pss) => pss.iter_mut().flatten().flatten().for_each(r),
        V::GeometryCollection(gs) => gs.iter_mut().for_each(|g| round_geometry(&mut g.value)),
    }
}

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 12] = [
    "document",
    "passage_id",
    "paragraph",
    "surface",
    "feature_id",
    "name",
    "kind",
    "lon",
    "lat",
    "link_kind",
    "corrected",
    "citation",
];

/// The CSV export: one row per mention of the chosen passages (reading order, then position
/// in the passage). UTF-8 with a byte-order mark: Excel reads BOM-less CSV as the local
/// code page and garbles "Nagorno-Karabakh’s" or "Khankendi (Stepanakert)"; LibreOffice,
/// pandas and QGIS skip the BOM.
pub fn csv(inputs: &Inputs, filter: &Filter, chosen: &Chosen) -> Result<Vec<u8>, ExportError> {
    let mut w = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
    w.write_record(CSV_HEADER)?;
    for &pi in &chosen.passages {
        let Some(p) = inputs.passages.get(pi) else {
            continue;
        };
        let citation = inputs
            .document_of(p)
            .map(|d| super::cite::in_text(d, p))
            .unwrap_or_default();
        for (m, fi) in kept_mentions(inputs, filter, chosen, pi) {
            let Some(f) = inputs.features.get(fi) else {
                continue;
            };
            let (lon, lat) = representative_point(f)
                .map_or((String::new(), String::new()), |(x, y)| {
                    (x.to_string(), y.to_string())
                });
            let surface = p.text.get(m.start..m.end).unwrap_or(&m.surface);
            w.write_record([
                p.document.as_str(),
                p.id.as_str(),
                &super::cite::paragraph(p).to_string(),
                surface,
                f.id.as_str(),
                f.name.as_str(),
                f.kind.as_str(),
                &lon,
                &lat,
                match m.kind {
                    MentionKind::Name => "name",
                    MentionKind::Demonym => "demonym",
                },
                if inputs.is_corrected(&p.id, m) {
                    "true"
                } else {
                    "false"
                },
                &citation,
            ])?;
        }
    }
    w.flush().map_err(csv::Error::from)?;
    w.into_inner()
        .map_err(|e| ExportError::Csv(csv::Error::from(e.into_error())))
}

/// Features with at least one kept mention in the chosen passages, with passage counts (what
/// the SVG map shades by): atlas index → number of passages.
pub fn passage_counts(inputs: &Inputs, filter: &Filter, chosen: &Chosen) -> BTreeMap<usize, usize> {
    let mut out: BTreeMap<usize, usize> = BTreeMap::new();
    for &pi in &chosen.passages {
        let feats: BTreeSet<usize> = kept_mentions(inputs, filter, chosen, pi)
            .into_iter()
            .map(|(_, fi)| fi)
            .collect();
        for fi in feats {
            *out.entry(fi).or_insert(0) += 1;
        }
    }
    out
}

/// A JSON value's string, for tests and callers that read properties back.
pub fn prop_str<'a>(props: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    props.get(key).and_then(Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{Selection, choose, fixture};

    #[test]
    fn geojson_has_one_feature_per_place() {
        let fx = fixture::fx();
        let inp = fx.inputs();
        let Ok(ch) = choose(&inp, &Filter::default(), &Selection::default()) else {
            panic!("no filter chooses every passage");
        };
        let Ok(s) = geojson(&inp, &Filter::default(), &ch) else {
            panic!("the fixture exports");
        };
        let Ok(gj) = s.parse::<geojson::GeoJson>() else {
            panic!("the export parses as GeoJSON");
        };
        let geojson::GeoJson::FeatureCollection(fc) = gj else {
            panic!("a FeatureCollection");
        };
        let ids: Vec<String> = fc
            .features
            .iter()
            .filter_map(|f| {
                f.properties
                    .as_ref()
                    .and_then(|p| prop_str(p, "id"))
                    .map(str::to_string)
            })
            .collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(sorted, vec!["armenia", "azerbaijan", "baku"]);
        let Some(baku) = fc
            .features
            .iter()
            .filter_map(|f| f.properties.as_ref())
            .find(|p| prop_str(p, "id") == Some("baku"))
        else {
            panic!("baku has properties");
        };
        assert_eq!(baku.get("passage_count").and_then(Value::as_u64), Some(2));
        assert!(prop_str(baku, "first_citation").is_some_and(|c| c.contains("[a#p0]")));
        let lon = baku.get("lon").and_then(Value::as_f64).unwrap_or(0.0);
        assert!((49.0..51.0).contains(&lon), "Baku's longitude: {lon}");
    }

    #[test]
    fn csv_has_a_bom_and_one_row_per_mention() {
        let fx = fixture::fx();
        let inp = fx.inputs();
        let Ok(ch) = choose(&inp, &Filter::default(), &Selection::default()) else {
            panic!("no filter chooses every passage");
        };
        let Ok(bytes) = csv(&inp, &Filter::default(), &ch) else {
            panic!("the fixture exports");
        };
        assert!(bytes.starts_with("\u{feff}".as_bytes()));
        let mut r = csv::Reader::from_reader(bytes.get(3..).unwrap_or(&[]));
        let rows: Vec<csv::StringRecord> = r.records().filter_map(Result::ok).collect();
        assert_eq!(rows.len(), 4, "Baku, Armenia; Azerbaijani, Baku");
        let Some(row) = rows.iter().find(|r| r.get(3) == Some("Azerbaijani")) else {
            panic!("the demonym has a row");
        };
        assert_eq!(row.get(9), Some("demonym"));
        assert_eq!(row.get(10), Some("false"));
        let counts = passage_counts(&inp, &Filter::default(), &ch);
        assert_eq!(counts.values().sum::<usize>(), 4);
    }
}
