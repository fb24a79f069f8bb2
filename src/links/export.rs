//! The linked-corpus export model (`caspian-atlas export`, `link`) and the terminal rendering
//! of passages with their mentions marked — pure functions over documents, passages and
//! mentions, so the CLI stays glue and tests can snapshot the output.

use serde::Serialize;

use super::{Mention, MentionKind};
use crate::atlas::{Feature, Kind};
use crate::corpus::{Document, Passage};

/// A document in the export.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportDocument {
    pub id: String,
    pub title: String,
    pub authors: Vec<String>,
    pub outlet: String,
    pub date: String,
    pub source: String,
}

/// A mention in the export: the span and the feature it links, with the feature's name, kind
/// and a representative point, so another program can map it without the atlas.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportMention {
    pub feature: String,
    /// Byte offsets into the passage text.
    pub start: usize,
    pub end: usize,
    pub surface: String,
    /// `name` or `demonym`.
    pub kind: MentionKind,
    /// The feature's name.
    pub name: String,
    /// The feature's kind (`town`, `city`, `river`, `pipeline`…).
    pub feature_kind: Option<Kind>,
    /// A representative point of the feature (a point's position, an area's interior point, a
    /// line's middle vertex), lon/lat WGS 84 rounded to 5 decimals.
    pub lon: Option<f64>,
    pub lat: Option<f64>,
    /// Made or changed by one of the reader's corrections (written only when true, so an export
    /// without corrections is the same as before corrections existed).
    #[serde(skip_serializing_if = "is_false")]
    pub corrected: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A passage in the export, with its mentions (byte spans into `text`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportPassage {
    pub id: String,
    pub document: String,
    pub index: usize,
    pub heading: Option<String>,
    pub text: String,
    pub mentions: Vec<ExportMention>,
}

/// A representative lon/lat of a feature: a point's position, an area's interior point, a
/// line's middle vertex.
pub fn representative_lon_lat(f: &Feature) -> Option<(f64, f64)> {
    use geo::CoordsIter;
    let p = match &f.geometry {
        geo::Geometry::LineString(_) | geo::Geometry::MultiLineString(_) => {
            let n = f.geometry.coords_count();
            f.geometry.coords_iter().nth(n / 2).map(geo::Point::from)
        }
        _ => super::gazetteer::representative_point(f),
    }?;
    let r5 = |v: f64| (v * 1e5).round() / 1e5;
    Some((r5(p.x()), r5(p.y())))
}

/// The whole export: `{"documents": [...], "passages": [...]}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Export {
    pub documents: Vec<ExportDocument>,
    pub passages: Vec<ExportPassage>,
}

/// Build the export. `mentions[i]` are the mentions of `passages[i]`; `features` are the
/// atlas features they refer to (for names, kinds and points). Documents are sorted by id,
/// passages by document id then index, mentions by span then feature.
pub fn build_export(
    documents: &[Document],
    passages: &[Passage],
    mentions: &[Vec<Mention>],
    features: &[Feature],
) -> Export {
    build_export_marked(documents, passages, mentions, features, &|_, _| false)
}

/// [`build_export`], with the mentions the reader's corrections made or changed marked
/// `corrected`: `corrected(i, m)` says whether mention `m` of `passages[i]` is one.
pub fn build_export_marked(
    documents: &[Document],
    passages: &[Passage],
    mentions: &[Vec<Mention>],
    features: &[Feature],
    corrected: &dyn Fn(usize, &Mention) -> bool,
) -> Export {
    let by_id: std::collections::HashMap<&str, &Feature> =
        features.iter().map(|f| (f.id.as_str(), f)).collect();
    let mut points: std::collections::HashMap<&str, Option<(f64, f64)>> =
        std::collections::HashMap::new();
    let mut docs: Vec<ExportDocument> = documents
        .iter()
        .map(|d| ExportDocument {
            id: d.id.clone(),
            title: d.title.clone(),
            authors: d.authors.clone(),
            outlet: d.outlet.clone(),
            date: d.date.clone(),
            source: d.source.clone(),
        })
        .collect();
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    let mut out: Vec<ExportPassage> = passages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut ms: Vec<Mention> = mentions.get(i).cloned().unwrap_or_default();
            ms.sort_by(|a, b| {
                (a.start, a.end, &a.feature, a.kind).cmp(&(b.start, b.end, &b.feature, b.kind))
            });
            let mentions = ms
                .into_iter()
                .map(|m| {
                    let f = by_id.get(m.feature.as_str()).copied();
                    let point = f.and_then(|f| {
                        *points
                            .entry(f.id.as_str())
                            .or_insert_with(|| representative_lon_lat(f))
                    });
                    ExportMention {
                        corrected: corrected(i, &m),
                        name: f.map(|f| f.name.clone()).unwrap_or_default(),
                        feature_kind: f.map(|f| f.kind),
                        lon: point.map(|p| p.0),
                        lat: point.map(|p| p.1),
                        feature: m.feature,
                        start: m.start,
                        end: m.end,
                        surface: m.surface,
                        kind: m.kind,
                    }
                })
                .collect();
            ExportPassage {
                id: p.id.clone(),
                document: p.document.clone(),
                index: p.index,
                heading: p.heading.clone(),
                text: p.text.clone(),
                mentions,
            }
        })
        .collect();
    out.sort_by(|a, b| (&a.document, a.index, &a.id).cmp(&(&b.document, b.index, &b.id)));
    Export {
        documents: docs,
        passages: out,
    }
}

/// How to mark mentions in terminal text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marking {
    /// «Baku» for names, ‹Azerbaijani› for demonyms.
    Guillemets,
    /// ANSI bold for names, ANSI underline for demonyms.
    Ansi,
}

/// `text` with the mentions of `feature` marked (other mentions left plain).
pub fn mark_mentions(text: &str, mentions: &[Mention], feature: &str, marking: Marking) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut last = 0usize;
    for m in mentions.iter().filter(|m| m.feature == feature) {
        if m.start < last || m.end > text.len() {
            continue;
        }
        let (Some(before), Some(surface)) = (text.get(last..m.start), text.get(m.start..m.end))
        else {
            continue;
        };
        out.push_str(before);
        let weak = m.kind == super::MentionKind::Demonym;
        match (marking, weak) {
            (Marking::Guillemets, false) => {
                out.push('«');
                out.push_str(surface);
                out.push('»');
            }
            (Marking::Guillemets, true) => {
                out.push('‹');
                out.push_str(surface);
                out.push('›');
            }
            (Marking::Ansi, false) => {
                out.push_str("\x1b[1m");
                out.push_str(surface);
                out.push_str("\x1b[0m");
            }
            (Marking::Ansi, true) => {
                out.push_str("\x1b[4m");
                out.push_str(surface);
                out.push_str("\x1b[0m");
            }
        }
        last = m.end;
    }
    out.push_str(text.get(last..).unwrap_or(""));
    out
}

/// Greedy word wrap at `width` columns (chars), each line prefixed with `indent`.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line_len = 0usize;
    for word in text.split_whitespace() {
        // ANSI escapes take no columns.
        let visible = word
            .replace("\x1b[1m", "")
            .replace("\x1b[4m", "")
            .replace("\x1b[0m", "")
            .chars()
            .count();
        if line_len > 0 && line_len + 1 + visible > width {
            out.push('\n');
            line_len = 0;
        }
        if line_len == 0 {
            out.push_str(indent);
        } else {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += visible;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(feature: &str, start: usize, end: usize, kind: MentionKind) -> Mention {
        Mention {
            feature: feature.into(),
            start,
            end,
            surface: String::new(),
            kind,
        }
    }

    #[test]
    fn marks_only_the_feature() {
        let text = "Baku and Azerbaijani Baku";
        let ms = vec![
            m("baku", 0, 4, MentionKind::Name),
            m("azerbaijan", 9, 20, MentionKind::Demonym),
            m("baku", 21, 25, MentionKind::Name),
        ];
        assert_eq!(
            mark_mentions(text, &ms, "baku", Marking::Guillemets),
            "«Baku» and Azerbaijani «Baku»"
        );
        assert_eq!(
            mark_mentions(text, &ms, "azerbaijan", Marking::Guillemets),
            "Baku and ‹Azerbaijani› Baku"
        );
        assert!(mark_mentions(text, &ms, "baku", Marking::Ansi).starts_with("\x1b[1mBaku\x1b[0m"));
        // Spans out of range are ignored, never panic.
        let bad = vec![m("baku", 20, 99, MentionKind::Name)];
        assert_eq!(mark_mentions(text, &bad, "baku", Marking::Guillemets), text);
    }

    #[test]
    fn wraps_words() {
        assert_eq!(wrap("aa bb cc", 5, "  "), "  aa bb\n  cc");
        assert_eq!(wrap("", 5, "  "), "");
    }

    #[test]
    fn export_is_sorted() {
        let doc = |id: &str| Document {
            id: id.into(),
            title: "T".into(),
            title_supplied: false,
            authors: vec![],
            outlet: "O".into(),
            date: "2021".into(),
            source: "s".into(),
            byline_note: None,
        };
        let pas = |d: &str, i: usize| Passage {
            id: format!("{d}#p{i}"),
            document: d.into(),
            index: i,
            heading: None,
            text: "Baku".into(),
        };
        let baku = Feature {
            id: "baku".into(),
            kind: Kind::City,
            name: "Baku".into(),
            aliases: vec![],
            demonyms: vec![],
            summary: String::new(),
            status: None,
            sources: vec![],
            geometry: geo::Geometry::Point(geo::Point::new(49.867, 40.409)),
            properties: serde_json::Map::new(),
            user: None,
        };
        let e = build_export(
            &[doc("b"), doc("a")],
            &[pas("b", 1), pas("a", 0), pas("b", 0)],
            &[vec![], vec![m("baku", 0, 4, MentionKind::Name)], vec![]],
            &[baku],
        );
        let ids: Vec<&str> = e.passages.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, vec!["a#p0", "b#p0", "b#p1"]);
        assert_eq!(e.documents.first().map(|d| d.id.as_str()), Some("a"));
        assert_eq!(e.passages.first().map(|p| p.mentions.len()), Some(1));
        // Each mention carries its feature's name, kind and point.
        let Some(m) = e.passages.first().and_then(|p| p.mentions.first()) else {
            panic!("a mention in a#p0");
        };
        assert_eq!(
            (m.name.as_str(), m.feature_kind, m.lon, m.lat),
            ("Baku", Some(Kind::City), Some(49.867), Some(40.409))
        );
    }
}
