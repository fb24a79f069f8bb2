//! Property checks of one feature against the geodata contract (ids, names, kinds, per-kind
//! properties) and the feature-level checks that tie them to its geometry.

use geo::Geometry;
use serde_json::{Map, Value};

use super::super::feature::{Feature, Kind};
use super::super::raw::{RawFeature, RawGeometry};
use super::*;

struct Props<'a> {
    map: &'a Map<String, Value>,
    problems: Vec<(Severity, Reason)>,
}

impl<'a> Props<'a> {
    fn err(&mut self, r: Reason) {
        self.problems.push((Severity::Error, r));
    }

    fn wrong(&mut self, key: &str, expected: &'static str, v: &Value) {
        self.err(Reason::WrongType {
            key: key.to_string(),
            expected,
            found: describe(v),
        });
    }

    /// A string property; `required` → missing is an error. Empty strings are errors when required.
    fn string(&mut self, key: &'static str, required: bool) -> Option<&'a str> {
        match self.map.get(key) {
            None | Some(Value::Null) if required => {
                self.err(Reason::MissingProperty(key));
                None
            }
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if required && s.trim().is_empty() => {
                self.err(Reason::WrongType {
                    key: key.into(),
                    expected: "a non-empty string",
                    found: "an empty string".into(),
                });
                None
            }
            Some(Value::String(s)) => Some(s.as_str()),
            Some(v) => {
                self.wrong(key, "a string", v);
                None
            }
        }
    }

    fn strings(&mut self, key: &'static str, required: bool, non_empty: bool) -> Vec<String> {
        let expected = if non_empty {
            "a non-empty array of strings"
        } else {
            "an array of strings"
        };
        match self.map.get(key) {
            None | Some(Value::Null) => {
                if required {
                    self.err(Reason::MissingProperty(key));
                }
                Vec::new()
            }
            Some(Value::Array(items)) => {
                let out: Vec<String> = items
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect();
                if out.len() != items.len() {
                    let bad = items.iter().find(|v| !v.is_string()).map_or_else(
                        || "a non-string".to_string(),
                        |v| format!("an array holding {}", describe(v)),
                    );
                    self.err(Reason::WrongType {
                        key: key.into(),
                        expected,
                        found: bad,
                    });
                } else if non_empty && out.is_empty() {
                    self.err(Reason::WrongType {
                        key: key.into(),
                        expected,
                        found: "an empty array".into(),
                    });
                }
                out
            }
            Some(v) => {
                self.wrong(key, expected, v);
                Vec::new()
            }
        }
    }

    fn one_of(&mut self, key: &'static str, required: bool, allowed: &[&str]) -> Option<&'a str> {
        let v = self.string(key, required)?;
        if allowed.contains(&v) {
            Some(v)
        } else {
            self.err(Reason::UnknownValue {
                key,
                value: clip(v),
                expected: allowed.join(", "),
            });
            None
        }
    }

    fn number(&mut self, key: &'static str, required: bool, integer: bool) {
        match self.map.get(key) {
            None | Some(Value::Null) if required => self.err(Reason::MissingProperty(key)),
            None | Some(Value::Null) => {}
            Some(Value::Number(n)) if integer && (n.is_i64() || n.is_u64()) => {
                if n.as_i64().is_some_and(|v| v < 0) {
                    self.err(Reason::WrongType {
                        key: key.into(),
                        expected: "a non-negative integer",
                        found: format!("number {n}"),
                    });
                }
            }
            Some(Value::Number(n)) if !integer => {
                if n.as_f64().is_some_and(|v| v < 0.0) {
                    self.err(Reason::WrongType {
                        key: key.into(),
                        expected: "a non-negative number",
                        found: format!("number {n}"),
                    });
                }
            }
            Some(v) => self.wrong(key, if integer { "an integer" } else { "a number" }, v),
        }
    }

    fn boolean(&mut self, key: &'static str, required: bool) {
        match self.map.get(key) {
            None | Some(Value::Null) if required => self.err(Reason::MissingProperty(key)),
            None | Some(Value::Null) | Some(Value::Bool(_)) => {}
            Some(v) => self.wrong(key, "a boolean", v),
        }
    }

    /// A country reference: a string id or an array of string ids.
    fn id_refs(&mut self, key: &'static str, required: bool) {
        match self.map.get(key) {
            None | Some(Value::Null) if required => self.err(Reason::MissingProperty(key)),
            None | Some(Value::Null) => {}
            Some(Value::String(_)) => {}
            Some(Value::Array(items)) if items.iter().all(Value::is_string) => {
                if required && items.is_empty() {
                    self.err(Reason::WrongType {
                        key: key.into(),
                        expected: "a non-empty array of ids",
                        found: "an empty array".into(),
                    });
                }
            }
            Some(v) => self.wrong(key, "an id or an array of ids", v),
        }
    }
}

/// The string ids a country-reference property holds.
pub fn ref_ids(v: &Value) -> Vec<&str> {
    match v {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Validate one raw feature of layer `stem` (a file stem; unknown stems accept any kind).
pub fn check_feature(stem: &str, raw: RawFeature) -> Checked {
    let (ty, id_member, properties, geometry) = match raw {
        RawFeature::NotObject(what) => {
            return Checked {
                id: None,
                feature: None,
                problems: vec![(
                    Severity::Error,
                    Reason::NotFeature(format!("{what}, not an object")),
                )],
            };
        }
        RawFeature::Object {
            ty,
            id,
            properties,
            geometry,
        } => (ty, id, properties, geometry),
    };
    let mut problems = Vec::new();
    match &ty {
        Some(Value::String(s)) if s == "Feature" => {}
        Some(v) => problems.push((
            Severity::Error,
            Reason::NotFeature(format!("`type` is {}", describe(v))),
        )),
        None => problems.push((
            Severity::Error,
            Reason::NotFeature("no `type` member".into()),
        )),
    }
    let map = match properties {
        Some(Value::Object(map)) => map,
        Some(v) => {
            problems.push((
                Severity::Error,
                Reason::WrongType {
                    key: "properties".into(),
                    expected: "an object",
                    found: describe(&v),
                },
            ));
            return Checked {
                id: id_member
                    .as_ref()
                    .and_then(|v| v.as_str().map(String::from)),
                feature: None,
                problems,
            };
        }
        None => {
            problems.push((Severity::Error, Reason::MissingProperty("properties")));
            return Checked {
                id: id_member
                    .as_ref()
                    .and_then(|v| v.as_str().map(String::from)),
                feature: None,
                problems,
            };
        }
    };

    let mut p = Props {
        map: &map,
        problems,
    };
    let id = p.string("id", true).map(str::to_string);
    if let Some(id) = &id
        && !is_kebab(id)
    {
        p.err(Reason::BadId(clip(id)));
    }
    let name = p.string("name", true).map(str::to_string);
    let kind_str = p.string("kind", true);
    let kind = kind_str.and_then(|k| {
        let kind = Kind::parse(k);
        if kind.is_none() {
            p.err(Reason::UnknownValue {
                key: "kind",
                value: clip(k),
                expected: Kind::ALL.map(Kind::as_str).join(", "),
            });
        }
        kind
    });
    let aliases = p.strings("aliases", true, false);
    let summary = p.string("summary", true).map(str::to_string);
    let sources = p.strings("sources", true, true);
    let demonyms = p.strings("demonyms", false, false);
    p.string("name_local", false);
    p.string("country", false);

    if let (Some(kind), Some(allowed)) = (kind, layer_kinds(stem))
        && !allowed.contains(&kind)
    {
        p.err(Reason::KindNotInLayer {
            kind: kind.as_str().into(),
            layer: stem.into(),
            expected: allowed
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        });
    }

    let mut status: Option<String> = None;
    match kind {
        Some(Kind::Country) => {
            if let Some(iso) = p.string("iso_a3", true)
                && !(iso.len() == 3 && iso.bytes().all(|b| b.is_ascii_uppercase()))
            {
                p.err(Reason::WrongType {
                    key: "iso_a3".into(),
                    expected: "three capital letters",
                    found: format!("\"{}\"", clip(iso)),
                });
            }
            status = p.one_of("status", false, COUNTRY_STATUS).map(String::from);
        }
        Some(Kind::Region) => {
            status = p.one_of("status", true, REGION_STATUS).map(String::from);
            p.id_refs("controlled_by", false);
            p.id_refs("claimed_by", false);
            // A disputed region names who claims it or who holds it (de facto authorities
            // that are not countries, like Abkhazia's, leave `controlled_by` out).
            if status.as_deref() == Some("disputed")
                && !["controlled_by", "claimed_by"]
                    .iter()
                    .any(|k| map.get(*k).is_some_and(|v| !v.is_null()))
            {
                p.err(Reason::MissingProperty("claimed_by"));
            }
            p.id_refs("members", false);
        }
        Some(Kind::MacroRegion) => {
            status = p.one_of("status", false, REGION_STATUS).map(String::from);
            p.id_refs("members", true);
        }
        Some(Kind::Water) => {
            p.one_of("water_type", true, WATER_TYPES);
            status = p.string("status", false).map(String::from);
        }
        Some(Kind::City) => {
            p.one_of("role", true, ROLES);
            p.number("population", false, true);
            status = p.string("status", false).map(String::from);
        }
        Some(Kind::Field) => {
            p.one_of("commodity", true, FIELD_COMMODITIES);
            status = p.one_of("status", true, FIELD_STATUS).map(String::from);
            p.boolean("offshore", true);
            p.string("operator", false);
            p.number("start_year", false, true);
        }
        Some(Kind::Pipeline) => {
            status = p.one_of("status", true, ROUTE_STATUS).map(String::from);
            p.one_of("commodity", true, PIPELINE_COMMODITIES);
            p.number("length_km", true, false);
            p.string("capacity", false);
            p.string("operator", false);
            p.number("start_year", false, true);
            p.one_of("route_accuracy", true, ROUTE_ACCURACY);
            p.strings("waypoints", true, false);
        }
        Some(Kind::Town) => {
            p.number("rank", true, true);
            p.number("population", false, true);
            p.string("province", false);
        }
        Some(Kind::River | Kind::Lake | Kind::Landform) => {
            p.string("feature_type", true);
            p.string("geometry_accuracy", false);
        }
        Some(Kind::Corridor) => {
            status = p.one_of("status", true, ROUTE_STATUS).map(String::from);
            p.one_of("mode", true, MODES);
            p.number("length_km", false, false);
            p.string("operator", false);
            p.one_of("route_accuracy", true, ROUTE_ACCURACY);
            p.strings("waypoints", true, false);
        }
        None => {}
    }
    let mut problems = p.problems;

    // The feature-level id member.
    if let Some(pid) = &id {
        match &id_member {
            Some(Value::String(s)) if s == pid => {}
            Some(v) => problems.push((
                Severity::Warning,
                Reason::IdMemberMismatch { found: describe(v) },
            )),
            None => problems.push((Severity::Warning, Reason::IdMemberMissing)),
        }
    }

    // Geometry.
    // Unknown kind in an unknown layer: any geometry type (the kind is already an error).
    let allowed: Option<&[&str]> = match (kind, layer_kinds(stem)) {
        (Some(k), _) => Some(kind_geometries(k)),
        (None, Some(kinds)) => kinds.first().map(|k| kind_geometries(*k)),
        (None, None) => None,
    };
    let what = match kind {
        Some(k) => format!("kind {k} in layer `{stem}`"),
        None => format!("layer `{stem}`"),
    };
    let geometry = match geometry {
        None | Some(RawGeometry::Null) => {
            problems.push((Severity::Error, Reason::MissingGeometry));
            None
        }
        Some(g) => match convert(&g, allowed, &what) {
            Ok(geom) => {
                let before = problems.len();
                check_geometry(&geom, Mode::Atlas, &mut problems);
                // Rivers are lines, other water bodies areas.
                if kind == Some(Kind::Water) && problems.len() == before {
                    let is_line =
                        matches!(geom, Geometry::LineString(_) | Geometry::MultiLineString(_));
                    if let Some(wt) = map.get("water_type").and_then(Value::as_str)
                        && WATER_TYPES.contains(&wt)
                        && is_line != (wt == "river")
                    {
                        problems.push((
                            Severity::Error,
                            Reason::WrongGeometry {
                                found: geometry_name(&geom).into(),
                                what: format!("water_type {wt}"),
                                expected: if wt == "river" {
                                    LINES.join(" or ")
                                } else {
                                    POLYS.join(" or ")
                                },
                            },
                        ));
                    }
                }
                Some(geom)
            }
            Err(r) => {
                problems.push((Severity::Error, r));
                None
            }
        },
    };

    let has_error = problems.iter().any(|(s, _)| *s == Severity::Error);
    let feature = match (has_error, id.clone(), kind, name, summary, geometry) {
        (false, Some(id), Some(kind), Some(name), Some(summary), Some(geometry)) => Some(Feature {
            id,
            kind,
            name,
            aliases,
            demonyms,
            summary,
            status,
            sources,
            geometry,
            properties: map,
            user: None,
        }),
        _ => None,
    };
    Checked {
        id,
        feature,
        problems,
    }
}
