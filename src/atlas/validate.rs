//! Validation of GeoJSON layers against the geodata contract: problems (`file:index[id]: reason`),
//! property and enum checks, geometry conversion, ring checks (closure, size, area, self-intersection).

use std::fmt;

use geo::{Coord, Geometry, LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon};
use serde_json::{Map, Value};

use super::feature::{Feature, Kind};
use super::raw::{Lenient, Nest, RawError, RawFeature, RawGeometry};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The file or feature was skipped.
    Error,
    /// Loaded anyway, but it breaks the geodata contract.
    Warning,
}

/// One problem found in a layer. Display: `file:feature-index[id]: reason` (index 0-based in
/// `features`; `file: reason` for whole-file problems; `file:index: reason` when the id is unknown).
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub file: String,
    pub feature: Option<usize>,
    pub id: Option<String>,
    pub severity: Severity,
    pub reason: Reason,
}

impl Problem {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(i) = self.feature {
            write!(f, ":{i}")?;
            if let Some(id) = &self.id {
                write!(f, "[{id}]")?;
            }
        }
        write!(f, ": {}", self.reason)
    }
}

/// Why something is wrong.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Reason {
    #[error("cannot read: {0}")]
    Io(String),
    #[error(transparent)]
    Json(#[from] RawError),
    #[error("not a FeatureCollection: {0}")]
    NotFeatureCollection(String),
    #[error("not a Feature: {0}")]
    NotFeature(String),
    #[error("missing required property `{0}`")]
    MissingProperty(&'static str),
    #[error("property `{key}` must be {expected}, found {found}")]
    WrongType {
        key: String,
        expected: &'static str,
        found: String,
    },
    #[error("unknown {key} `{value}` (expected one of: {expected})")]
    UnknownValue {
        key: &'static str,
        value: String,
        expected: String,
    },
    #[error("id `{0}` is not kebab-case (a-z, 0-9, single hyphens)")]
    BadId(String),
    #[error("kind `{kind}` does not belong in layer `{layer}` (expected: {expected})")]
    KindNotInLayer {
        kind: String,
        layer: String,
        expected: String,
    },
    #[error("duplicate id `{id}` (first in {first})")]
    DuplicateId { id: String, first: String },
    #[error("missing geometry")]
    MissingGeometry,
    #[error("geometry type {found} not allowed for {what} (expected {expected})")]
    WrongGeometry {
        found: String,
        what: String,
        expected: String,
    },
    #[error("bad coordinates: {0}")]
    BadCoordinates(String),
    #[error("coordinate out of range at {at}: ({lon:?}, {lat:?})")]
    OutOfRange { at: String, lon: f64, lat: f64 },
    #[error("non-finite coordinate at {at}")]
    NonFinite { at: String },
    #[error("{ring} is not closed (first position differs from last)")]
    RingNotClosed { ring: String },
    #[error("{ring} has {count} positions (a closed ring needs at least 4)")]
    RingTooShort { ring: String, count: usize },
    #[error("{ring} is degenerate (zero area)")]
    DegenerateRing { ring: String },
    #[error("{ring} self-intersects near ({lon:?}, {lat:?})")]
    SelfIntersection { ring: String, lon: f64, lat: f64 },
    #[error("{a} and {b} cross near ({lon:?}, {lat:?})")]
    RingsCross {
        a: String,
        b: String,
        lon: f64,
        lat: f64,
    },
    #[error("{ring}: self-intersection check gave up after {pairs} segment pairs")]
    TooComplex { ring: String, pairs: u64 },
    #[error("{what} has fewer than 2 positions")]
    LineTooShort { what: String },
    // Contract deviations that do not stop the feature from loading:
    #[error("{ring} winds {found} (RFC 7946 wants {expected})")]
    Winding {
        ring: String,
        found: &'static str,
        expected: &'static str,
    },
    #[error("coordinate at {at} has more than 5 decimals ({value:?})")]
    TooPrecise { at: String, value: f64 },
    #[error("features are not sorted by id: `{id}` comes after `{previous}`")]
    NotSorted { id: String, previous: String },
    #[error("feature-level id {found} differs from properties.id")]
    IdMemberMismatch { found: String },
    #[error("feature-level `id` member is missing")]
    IdMemberMissing,
    #[error("`{key}` refers to `{target}`, which is not a country id")]
    UnknownCountry { key: String, target: String },
}

/// The known layers (file stems), in drawing/listing order.
pub const LAYERS: [&str; 9] = [
    "countries",
    "water",
    "regions",
    "cities",
    "fields",
    "pipelines",
    "corridors",
    "physical",
    "places",
];

/// Rank of a layer stem in [`LAYERS`]; unknown stems come after.
pub fn layer_rank(stem: &str) -> usize {
    LAYERS
        .iter()
        .position(|l| *l == stem)
        .unwrap_or(LAYERS.len())
}

/// The kinds a known layer holds; `None` for unknown stems (any kind).
pub fn layer_kinds(stem: &str) -> Option<&'static [Kind]> {
    Some(match stem {
        "countries" => &[Kind::Country],
        "water" => &[Kind::Water],
        "regions" => &[Kind::Region, Kind::MacroRegion],
        "cities" => &[Kind::City],
        "fields" => &[Kind::Field],
        "pipelines" => &[Kind::Pipeline],
        "corridors" => &[Kind::Corridor],
        "physical" => &[Kind::River, Kind::Lake, Kind::Landform],
        "places" => &[Kind::Town],
        _ => return None,
    })
}

const POLYS: &[&str] = &["Polygon", "MultiPolygon"];
const LINES: &[&str] = &["LineString", "MultiLineString"];
const POINT: &[&str] = &["Point"];
const FIELD_GEOMS: &[&str] = &["Point", "Polygon", "MultiPolygon"];
const WATER_GEOMS: &[&str] = &["Polygon", "MultiPolygon", "LineString", "MultiLineString"];
const POINT_OR_LINE: &[&str] = &["Point", "LineString", "MultiLineString"];
const POINT_OR_AREA: &[&str] = &["Point", "Polygon", "MultiPolygon"];

/// Geometry types allowed for a kind (and so for its layer).
pub fn kind_geometries(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Country | Kind::MacroRegion | Kind::Region => POLYS,
        Kind::Water => WATER_GEOMS,
        Kind::City => POINT,
        Kind::Field => FIELD_GEOMS,
        Kind::Pipeline | Kind::Corridor => LINES,
        Kind::Town => POINT,
        Kind::River => LINES,
        Kind::Lake => POINT_OR_AREA,
        Kind::Landform => POINT_OR_LINE,
    }
}

pub const COUNTRY_STATUS: &[&str] = &["recognised", "partially-recognised"];
pub const REGION_STATUS: &[&str] = &[
    "administrative",
    "autonomous",
    "disputed",
    "historical",
    "geographic",
    "macro-region",
];
pub const FIELD_STATUS: &[&str] = &["operating", "development", "proposed", "idle", "retired"];
pub const ROUTE_STATUS: &[&str] = &[
    "operating",
    "construction",
    "proposed",
    "cancelled",
    "shelved",
    "idle",
    "mothballed",
    "retired",
];
pub const WATER_TYPES: &[&str] = &["sea", "lake", "gulf", "river"];
pub const ROLES: &[&str] = &["capital", "port", "city", "town", "base"];
pub const FIELD_COMMODITIES: &[&str] = &["oil", "gas", "oil-gas"];
pub const PIPELINE_COMMODITIES: &[&str] = &["oil", "gas"];
pub const MODES: &[&str] = &["rail", "road", "multimodal", "sea"];
pub const ROUTE_ACCURACY: &[&str] = &["surveyed", "approximate", "schematic"];

/// Keys whose values are country ids (string or array of strings).
pub const COUNTRY_REF_KEYS: &[&str] = &["country", "members", "controlled_by", "claimed_by"];

/// The outcome of validating one raw feature.
#[derive(Debug)]
pub struct Checked {
    /// The id if one could be read (for problem messages), even if the feature is rejected.
    pub id: Option<String>,
    /// The feature, if it had no error.
    pub feature: Option<Feature>,
    pub problems: Vec<(Severity, Reason)>,
}

fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean {b}"),
        Value::Number(n) => format!("number {n}"),
        Value::String(s) => {
            let short: String = s.chars().take(40).collect();
            format!("string \"{short}\"")
        }
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// Check a collection's top-level `type`.
pub fn check_collection_type(ty: Option<&Value>) -> Result<(), Reason> {
    match ty {
        Some(Value::String(s)) if s == "FeatureCollection" => Ok(()),
        Some(v) => Err(Reason::NotFeatureCollection(format!(
            "`type` is {}",
            describe(v)
        ))),
        None => Err(Reason::NotFeatureCollection("no `type` member".into())),
    }
}

/// Describe a non-array `features` member.
pub fn features_not_array(found: Option<&Lenient<RawFeature>>) -> Option<Reason> {
    match found {
        Some(Lenient::Items(_)) => None,
        Some(Lenient::NotArray(what)) => Some(Reason::NotFeatureCollection(format!(
            "`features` is {what}, not an array"
        ))),
        None => Some(Reason::NotFeatureCollection("no `features` member".into())),
    }
}

pub fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

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
                value: v.to_string(),
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
        p.err(Reason::BadId(id.clone()));
    }
    let name = p.string("name", true).map(str::to_string);
    let kind_str = p.string("kind", true);
    let kind = kind_str.and_then(|k| {
        let kind = Kind::parse(k);
        if kind.is_none() {
            p.err(Reason::UnknownValue {
                key: "kind",
                value: k.to_string(),
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
                    found: format!("\"{iso}\""),
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
                check_geometry(&geom, &mut problems);
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
        }),
        _ => None,
    };
    Checked {
        id,
        feature,
        problems,
    }
}

pub fn geometry_name(g: &Geometry<f64>) -> &'static str {
    match g {
        Geometry::Point(_) => "Point",
        Geometry::Line(_) => "Line",
        Geometry::LineString(_) => "LineString",
        Geometry::Polygon(_) => "Polygon",
        Geometry::MultiPoint(_) => "MultiPoint",
        Geometry::MultiLineString(_) => "MultiLineString",
        Geometry::MultiPolygon(_) => "MultiPolygon",
        Geometry::GeometryCollection(_) => "GeometryCollection",
        Geometry::Rect(_) => "Rect",
        Geometry::Triangle(_) => "Triangle",
    }
}

fn bad(msg: impl Into<String>) -> Reason {
    Reason::BadCoordinates(msg.into())
}

fn nest_desc(n: &Nest) -> &'static str {
    match n {
        Nest::Num(_) => "a number",
        Nest::Pos(..) => "a position",
        Nest::List(_) => "an array",
        Nest::Other(w) => w,
    }
}

/// A position; `at` names where it is, for the error message (only built on error).
fn position(n: &Nest, at: impl Fn() -> String) -> Result<Coord<f64>, Reason> {
    match n {
        Nest::Pos(x, y) => Ok(Coord { x: *x, y: *y }),
        Nest::List(items) if items.len() < 2 && items.iter().all(|i| matches!(i, Nest::Num(_))) => {
            Err(bad(format!(
                "position at {} has {} number(s), needs 2",
                at(),
                items.len()
            )))
        }
        other => Err(bad(format!(
            "expected a position [lon, lat] at {}, found {}",
            at(),
            nest_desc(other)
        ))),
    }
}

fn list<'a>(n: &'a Nest, at: &str, what: &str) -> Result<&'a [Nest], Reason> {
    match n {
        Nest::List(items) => Ok(items),
        other => Err(bad(format!(
            "expected an array of {what} at {at}, found {}",
            nest_desc(other)
        ))),
    }
}

fn positions(n: &Nest, at: &str) -> Result<Vec<Coord<f64>>, Reason> {
    list(n, at, "positions")?
        .iter()
        .enumerate()
        .map(|(i, p)| position(p, || format!("{at}[{i}]")))
        .collect()
}

fn rings(n: &Nest, at: &str) -> Result<Vec<Vec<Coord<f64>>>, Reason> {
    list(n, at, "rings")?
        .iter()
        .enumerate()
        .map(|(i, r)| positions(r, &format!("{at}[{i}]")))
        .collect()
}

fn polygon_from(mut rs: Vec<Vec<Coord<f64>>>) -> Polygon<f64> {
    // `geo` closes rings itself; closure is checked on the raw rings before this.
    let exterior = if rs.is_empty() {
        Vec::new()
    } else {
        rs.remove(0)
    };
    Polygon::new(
        LineString::new(exterior),
        rs.into_iter().map(LineString::new).collect(),
    )
}

/// Convert a raw geometry, checking its type is one of `allowed` and its structure and ring closure.
pub fn convert(
    g: &RawGeometry,
    allowed: Option<&[&str]>,
    what: &str,
) -> Result<Geometry<f64>, Reason> {
    let (ty, coordinates) = match g {
        RawGeometry::Null => return Err(Reason::MissingGeometry),
        RawGeometry::NotObject(w) => return Err(bad(format!("geometry is {w}, not an object"))),
        RawGeometry::Object {
            ty, coordinates, ..
        } => (ty, coordinates),
    };
    let ty = match ty {
        Some(Value::String(s)) => s.as_str(),
        Some(v) => return Err(bad(format!("geometry `type` is {}", describe(v)))),
        None => return Err(bad("geometry has no `type`")),
    };
    const KNOWN: [&str; 7] = [
        "Point",
        "MultiPoint",
        "LineString",
        "MultiLineString",
        "Polygon",
        "MultiPolygon",
        "GeometryCollection",
    ];
    if !KNOWN.contains(&ty) {
        return Err(bad(format!("unknown geometry type `{ty}`")));
    }
    if let Some(allowed) = allowed
        && !allowed.contains(&ty)
    {
        return Err(Reason::WrongGeometry {
            found: ty.to_string(),
            what: what.to_string(),
            expected: allowed.join(" or "),
        });
    }
    let Some(c) = coordinates else {
        return Err(bad(format!("{ty} has no `coordinates`")));
    };
    let at = "coordinates";
    let geom = match ty {
        "Point" => Geometry::Point(Point(position(c, || at.to_string())?)),
        "MultiPoint" => Geometry::MultiPoint(MultiPoint(
            positions(c, at)?.into_iter().map(Point).collect(),
        )),
        "LineString" => {
            let ps = positions(c, at)?;
            if ps.len() < 2 {
                return Err(Reason::LineTooShort {
                    what: "LineString".into(),
                });
            }
            Geometry::LineString(LineString::new(ps))
        }
        "MultiLineString" => {
            let ls = rings(c, at)?;
            if ls.is_empty() {
                return Err(bad("MultiLineString has no lines"));
            }
            for (i, l) in ls.iter().enumerate() {
                if l.len() < 2 {
                    return Err(Reason::LineTooShort {
                        what: format!("line {i}"),
                    });
                }
            }
            Geometry::MultiLineString(MultiLineString(
                ls.into_iter().map(LineString::new).collect(),
            ))
        }
        "Polygon" => {
            let rs = rings(c, at)?;
            check_raw_rings(&rs, None)?;
            Geometry::Polygon(polygon_from(rs))
        }
        "MultiPolygon" => {
            let polys = list(c, at, "polygons")?;
            if polys.is_empty() {
                return Err(bad("MultiPolygon has no polygons"));
            }
            let mut out = Vec::with_capacity(polys.len());
            for (i, p) in polys.iter().enumerate() {
                let rs = rings(p, &format!("{at}[{i}]"))?;
                check_raw_rings(&rs, Some(i))?;
                out.push(polygon_from(rs));
            }
            Geometry::MultiPolygon(MultiPolygon(out))
        }
        _ => return Err(bad(format!("{ty} is not supported"))),
    };
    Ok(geom)
}

/// A ring's name in messages: "exterior ring", "hole 2", "polygon 3 exterior ring".
pub fn ring_label(polygon: Option<usize>, ring: usize) -> String {
    let r = if ring == 0 {
        "exterior ring".to_string()
    } else {
        format!("hole {}", ring - 1)
    };
    match polygon {
        Some(p) => format!("polygon {p} {r}"),
        None => r,
    }
}

fn check_raw_rings(rs: &[Vec<Coord<f64>>], polygon: Option<usize>) -> Result<(), Reason> {
    if rs.is_empty() {
        return Err(bad("polygon has no rings"));
    }
    for (i, r) in rs.iter().enumerate() {
        let ring = ring_label(polygon, i);
        if r.len() < 4 {
            return Err(Reason::RingTooShort {
                ring,
                count: r.len(),
            });
        }
        if r.first() != r.last() {
            return Err(Reason::RingNotClosed { ring });
        }
    }
    Ok(())
}

/// Coordinate ranges, precision, ring area, winding and self-intersection of a converted geometry.
pub fn check_geometry(g: &Geometry<f64>, problems: &mut Vec<(Severity, Reason)>) {
    // Ranges and precision.
    let mut too_precise: Option<Reason> = None;
    let mut range_err: Option<Reason> = None;
    for_each_coord(g, &mut |c, at: &dyn Fn() -> String| {
        if range_err.is_some() {
            return;
        }
        if !c.x.is_finite() || !c.y.is_finite() {
            range_err = Some(Reason::NonFinite { at: at() });
        } else if !(-180.0..=180.0).contains(&c.x) || !(-90.0..=90.0).contains(&c.y) {
            range_err = Some(Reason::OutOfRange {
                at: at(),
                lon: c.x,
                lat: c.y,
            });
        } else if too_precise.is_none() {
            for v in [c.x, c.y] {
                if (v * 1e5).round() / 1e5 != v {
                    too_precise = Some(Reason::TooPrecise { at: at(), value: v });
                    break;
                }
            }
        }
    });
    if let Some(r) = range_err {
        problems.push((Severity::Error, r));
        return;
    }
    if let Some(r) = too_precise {
        problems.push((Severity::Warning, r));
    }
    match g {
        Geometry::Polygon(p) => check_polygon(p, None, problems),
        Geometry::MultiPolygon(mp) => {
            for (i, p) in mp.0.iter().enumerate() {
                check_polygon(p, Some(i), problems);
            }
        }
        _ => {}
    }
}

/// Called with each coordinate and a closure naming where it is (built only when needed).
type CoordVisitor<'a> = dyn FnMut(Coord<f64>, &dyn Fn() -> String) + 'a;

fn for_each_coord(g: &Geometry<f64>, f: &mut CoordVisitor<'_>) {
    match g {
        Geometry::Point(p) => f(p.0, &|| "coordinates".into()),
        Geometry::MultiPoint(mp) => {
            for (i, p) in mp.0.iter().enumerate() {
                f(p.0, &|| format!("coordinates[{i}]"));
            }
        }
        Geometry::LineString(l) => {
            for (i, c) in l.0.iter().enumerate() {
                f(*c, &|| format!("coordinates[{i}]"));
            }
        }
        Geometry::MultiLineString(ml) => {
            for (j, l) in ml.0.iter().enumerate() {
                for (i, c) in l.0.iter().enumerate() {
                    f(*c, &|| format!("coordinates[{j}][{i}]"));
                }
            }
        }
        Geometry::Polygon(p) => {
            for (r, ring) in std::iter::once(p.exterior())
                .chain(p.interiors())
                .enumerate()
            {
                for (i, c) in ring.0.iter().enumerate() {
                    f(*c, &|| format!("coordinates[{r}][{i}]"));
                }
            }
        }
        Geometry::MultiPolygon(mp) => {
            for (k, p) in mp.0.iter().enumerate() {
                for (r, ring) in std::iter::once(p.exterior())
                    .chain(p.interiors())
                    .enumerate()
                {
                    for (i, c) in ring.0.iter().enumerate() {
                        f(*c, &|| format!("coordinates[{k}][{r}][{i}]"));
                    }
                }
            }
        }
        _ => {}
    }
}

/// Twice the signed area (positive = counter-clockwise) of a closed ring.
pub fn signed_area2(ring: &[Coord<f64>]) -> f64 {
    let Some(o) = ring.first() else { return 0.0 };
    // Relative to the first vertex for precision.
    ring.windows(2)
        .map(|w| match w {
            [a, b] => (a.x - o.x) * (b.y - o.y) - (b.x - o.x) * (a.y - o.y),
            _ => 0.0,
        })
        .sum()
}

/// The ring without consecutive repeated positions (still closed).
fn dedup(ring: &[Coord<f64>]) -> Vec<Coord<f64>> {
    let mut out: Vec<Coord<f64>> = Vec::with_capacity(ring.len());
    for c in ring {
        if out.last() != Some(c) {
            out.push(*c);
        }
    }
    out
}

/// Area below which a ring counts as degenerate, in square degrees (a 5-decimal grid cell is 1e-10).
const MIN_AREA: f64 = 1e-12;

/// Whether every position of a ring lies (within 1e-9°) on one straight line.
fn collinear(ring: &[Coord<f64>]) -> bool {
    let Some(&o) = ring.first() else { return true };
    let far = ring.iter().copied().fold(o, |best, c| {
        let d = |p: Coord<f64>| (p.x - o.x).powi(2) + (p.y - o.y).powi(2);
        if d(c) > d(best) { c } else { best }
    });
    let (dx, dy) = (far.x - o.x, far.y - o.y);
    let len = dx.hypot(dy);
    if len == 0.0 {
        return true;
    }
    ring.iter()
        .all(|c| ((c.x - o.x) * dy - (c.y - o.y) * dx).abs() / len < 1e-9)
}

fn check_polygon(p: &Polygon<f64>, polygon: Option<usize>, problems: &mut Vec<(Severity, Reason)>) {
    let rings: Vec<Vec<Coord<f64>>> = std::iter::once(p.exterior())
        .chain(p.interiors())
        .map(|r| dedup(&r.0))
        .collect();
    let mut ok = true;
    for (i, r) in rings.iter().enumerate() {
        if r.len() < 4 || collinear(r) {
            problems.push((
                Severity::Error,
                Reason::DegenerateRing {
                    ring: ring_label(polygon, i),
                },
            ));
            ok = false;
        }
    }
    if !ok {
        return;
    }
    match find_crossing(&rings, PAIR_BUDGET) {
        Crossing::None => {}
        Crossing::SelfIntersection { ring, at } => {
            problems.push((
                Severity::Error,
                Reason::SelfIntersection {
                    ring: ring_label(polygon, ring),
                    lon: at.x,
                    lat: at.y,
                },
            ));
            return;
        }
        Crossing::Rings { a, b, at } => {
            problems.push((
                Severity::Error,
                Reason::RingsCross {
                    a: ring_label(polygon, a),
                    b: ring_label(polygon, b),
                    lon: at.x,
                    lat: at.y,
                },
            ));
            return;
        }
        Crossing::GaveUp { pairs } => problems.push((
            Severity::Warning,
            Reason::TooComplex {
                ring: match polygon {
                    Some(i) => format!("polygon {i}"),
                    None => "polygon".into(),
                },
                pairs,
            },
        )),
    }
    // Simple rings: area and winding.
    for (i, r) in rings.iter().enumerate() {
        let ring = ring_label(polygon, i);
        let a2 = signed_area2(r);
        if a2.abs() / 2.0 < MIN_AREA {
            problems.push((Severity::Error, Reason::DegenerateRing { ring }));
            continue;
        }
        let ccw = a2 > 0.0;
        let want_ccw = i == 0;
        let name = |b: bool| if b { "counter-clockwise" } else { "clockwise" };
        if ccw != want_ccw {
            problems.push((
                Severity::Warning,
                Reason::Winding {
                    ring,
                    found: name(ccw),
                    expected: name(want_ccw),
                },
            ));
        }
    }
}

/// Segment pairs examined per polygon before the sweep gives up (keeps adversarial input fast).
pub const PAIR_BUDGET: u64 = 50_000_000;

/// What the sweep found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Crossing {
    None,
    /// A ring touches or crosses itself (or doubles back on itself).
    SelfIntersection {
        ring: usize,
        at: Coord<f64>,
    },
    /// Two rings cross or share an edge (touching at a single point is allowed).
    Rings {
        a: usize,
        b: usize,
        at: Coord<f64>,
    },
    GaveUp {
        pairs: u64,
    },
}

/// Find the first invalid intersection among the segments of closed, deduplicated rings, with a
/// sort-and-sweep along x: segments sorted by their left end (then ring, then position), each
/// compared with the following ones that start before it ends. O(n log n + overlapping pairs),
/// bounded by `budget` pairs; the first invalid pair in that order is the one reported.
pub fn find_crossing<R: AsRef<[Coord<f64>]>>(rings: &[R], budget: u64) -> Crossing {
    use geo::kernels::{Kernel, Orientation, RobustKernel};
    use geo::line_intersection::{LineIntersection, line_intersection};

    /// A segment's box, in sweep order.
    #[derive(Clone, Copy)]
    struct Seg {
        min_x: f64,
        max_x: f64,
        min_y: f64,
        max_y: f64,
        /// Ring and position of its first point.
        ring: u32,
        idx: u32,
    }
    let rings: Vec<&[Coord<f64>]> = rings.iter().map(AsRef::as_ref).collect();
    let n_segs: usize = rings.iter().map(|r| r.len().saturating_sub(1)).sum();
    if u32::try_from(n_segs).is_err() || u32::try_from(rings.len()).is_err() {
        return Crossing::GaveUp { pairs: 0 };
    }
    // Sort keys: the left end's total order as an unsigned integer, then the segment number
    // (segments are numbered ring by ring, so this is the (ring, position) order).
    let mut order: Vec<(u64, u32)> = Vec::with_capacity(n_segs);
    let mut segs: Vec<Seg> = Vec::with_capacity(n_segs);
    for (r, ring) in rings.iter().enumerate() {
        for (i, w) in ring.windows(2).enumerate() {
            if let [a, b] = w {
                let min_x = a.x.min(b.x);
                order.push((total_order_key(min_x), segs.len() as u32));
                segs.push(Seg {
                    min_x,
                    max_x: a.x.max(b.x),
                    min_y: a.y.min(b.y),
                    max_y: a.y.max(b.y),
                    ring: r as u32,
                    idx: i as u32,
                });
            }
        }
    }
    sort_keys(&mut order);
    let sorted: Vec<Seg> = order
        .iter()
        .filter_map(|&(_, k)| segs.get(k as usize).copied())
        .collect();
    drop(order);
    drop(segs);
    let ends = |s: &Seg| -> Option<(Coord<f64>, Coord<f64>)> {
        let ring = rings.get(s.ring as usize)?;
        Some((*ring.get(s.idx as usize)?, *ring.get(s.idx as usize + 1)?))
    };

    let mut pairs = 0u64;
    for (k, s) in sorted.iter().enumerate() {
        let Some((s0, s1)) = ends(s) else { continue };
        let Some(rest) = sorted.get(k + 1..) else {
            continue;
        };
        for t in rest {
            if t.min_x > s.max_x {
                break;
            }
            pairs += 1;
            if pairs > budget {
                return Crossing::GaveUp { pairs: budget };
            }
            if t.min_y > s.max_y || t.max_y < s.min_y {
                continue;
            }
            let Some((t0, t1)) = ends(t) else { continue };
            let same_ring = s.ring == t.ring;
            let (i, j) = (s.idx.min(t.idx), s.idx.max(t.idx));
            let n = rings
                .get(s.ring as usize)
                .map_or(0, |r| r.len().saturating_sub(1)) as u32;
            let next = j == i + 1;
            let wraps = i == 0 && j + 1 == n;
            if same_ring && (next || wraps) {
                // Neighbours along the ring share a point: unless their three points are on one
                // line they meet only there, which is allowed (as the full test below finds).
                let ((a0, a1), (b0, b1)) = if s.idx == i {
                    ((s0, s1), (t0, t1))
                } else {
                    ((t0, t1), (s0, s1))
                };
                // Segment `i` then `j` (`a1 == b0`), or segment `j` closing onto `i` (`b1 == a0`).
                let (p, q, r) = if next { (a0, a1, b1) } else { (b0, a0, a1) };
                if !maybe_collinear(p, q, r)
                    || RobustKernel::orient2d(p, q, r) != Orientation::Collinear
                {
                    continue;
                }
            }
            let Some(hit) = line_intersection(geo::Line::new(s0, s1), geo::Line::new(t0, t1))
            else {
                continue;
            };
            if same_ring {
                let adjacent = next || wraps;
                match hit {
                    LineIntersection::SinglePoint { intersection, .. } => {
                        if !adjacent {
                            return Crossing::SelfIntersection {
                                ring: s.ring as usize,
                                at: intersection,
                            };
                        }
                    }
                    LineIntersection::Collinear { intersection } => {
                        return Crossing::SelfIntersection {
                            ring: s.ring as usize,
                            at: intersection.start,
                        };
                    }
                }
            } else {
                let (a, b) = (s.ring.min(t.ring) as usize, s.ring.max(t.ring) as usize);
                match hit {
                    LineIntersection::SinglePoint {
                        intersection,
                        is_proper: true,
                    } => {
                        return Crossing::Rings {
                            a,
                            b,
                            at: intersection,
                        };
                    }
                    LineIntersection::Collinear { intersection } => {
                        return Crossing::Rings {
                            a,
                            b,
                            at: intersection.start,
                        };
                    }
                    LineIntersection::SinglePoint { .. } => {}
                }
            }
        }
    }
    Crossing::None
}

/// False when `p`, `q`, `r` are certainly not on one line: the floating-point determinant is
/// farther from zero than its rounding error can reach (Shewchuk's first, "fast" bound, the one
/// the robust predicate itself starts with). True means: ask the exact predicate.
fn maybe_collinear(p: Coord<f64>, q: Coord<f64>, r: Coord<f64>) -> bool {
    const ERR_BOUND: f64 = (3.0 + 16.0 * f64::EPSILON / 2.0) * f64::EPSILON / 2.0;
    let left = (p.x - r.x) * (q.y - r.y);
    let right = (p.y - r.y) * (q.x - r.x);
    let det = left - right;
    let certain = det.is_finite() && det.abs() > ERR_BOUND * (left.abs() + right.abs());
    !certain
}

/// Sort (key, number) pairs by key then number, where the numbers are given in increasing order:
/// a stable radix sort on the key (11-bit digits, digits shared by every key skipped); small
/// inputs use the standard sort.
fn sort_keys(items: &mut Vec<(u64, u32)>) {
    const BITS: u32 = 11;
    const BUCKETS: usize = 1 << BITS;
    if items.len() < 512 {
        items.sort_unstable();
        return;
    }
    let mut other: Vec<(u64, u32)> = vec![(0, 0); items.len()];
    let mut shift = 0;
    while shift < 64 {
        let digit = |k: u64| ((k >> shift) as usize) & (BUCKETS - 1);
        let mut count = vec![0usize; BUCKETS];
        for &(k, _) in items.iter() {
            if let Some(c) = count.get_mut(digit(k)) {
                *c += 1;
            }
        }
        if !count.contains(&items.len()) {
            let mut at = 0;
            for c in count.iter_mut() {
                let n = *c;
                *c = at;
                at += n;
            }
            for &item in items.iter() {
                if let Some(c) = count.get_mut(digit(item.0)) {
                    if let Some(slot) = other.get_mut(*c) {
                        *slot = item;
                    }
                    *c += 1;
                }
            }
            std::mem::swap(items, &mut other);
        }
        shift += BITS;
    }
}

/// An unsigned key ordered as `f64::total_cmp` orders the floats.
fn total_order_key(v: f64) -> u64 {
    let bits = v.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first sweep, kept to check the faster one against: segments sorted with all their
    /// data, every pair in the sweep tested with `line_intersection`.
    /// (reference) Find the first invalid intersection among the segments of closed, deduplicated rings, with a
    /// sort-and-sweep along x: segments sorted by their left end, each compared with the following
    /// ones that start before it ends. O(n log n + overlapping pairs), bounded by `budget`.
    fn find_crossing_reference(rings: &[Vec<Coord<f64>>], budget: u64) -> Crossing {
        use geo::line_intersection::{LineIntersection, line_intersection};

        struct Seg {
            min_x: f64,
            max_x: f64,
            min_y: f64,
            max_y: f64,
            ring: usize,
            idx: usize,
            n: usize,
            line: geo::Line<f64>,
        }
        let mut segs: Vec<Seg> = Vec::with_capacity(rings.iter().map(Vec::len).sum());
        for (r, ring) in rings.iter().enumerate() {
            let n = ring.len().saturating_sub(1);
            for (i, w) in ring.windows(2).enumerate() {
                if let [a, b] = w {
                    segs.push(Seg {
                        min_x: a.x.min(b.x),
                        max_x: a.x.max(b.x),
                        min_y: a.y.min(b.y),
                        max_y: a.y.max(b.y),
                        ring: r,
                        idx: i,
                        n,
                        line: geo::Line::new(*a, *b),
                    });
                }
            }
        }
        segs.sort_by(|a, b| {
            a.min_x
                .total_cmp(&b.min_x)
                .then(a.ring.cmp(&b.ring))
                .then(a.idx.cmp(&b.idx))
        });
        let mut pairs = 0u64;
        for (k, s) in segs.iter().enumerate() {
            for t in segs.iter().skip(k + 1) {
                if t.min_x > s.max_x {
                    break;
                }
                pairs += 1;
                if pairs > budget {
                    return Crossing::GaveUp { pairs: budget };
                }
                if t.min_y > s.max_y || t.max_y < s.min_y {
                    continue;
                }
                let Some(hit) = line_intersection(s.line, t.line) else {
                    continue;
                };
                if s.ring == t.ring {
                    let (i, j) = (s.idx.min(t.idx), s.idx.max(t.idx));
                    let adjacent = j == i + 1 || (i == 0 && j + 1 == s.n);
                    match hit {
                        LineIntersection::SinglePoint { intersection, .. } => {
                            if !adjacent {
                                return Crossing::SelfIntersection {
                                    ring: s.ring,
                                    at: intersection,
                                };
                            }
                        }
                        LineIntersection::Collinear { intersection } => {
                            return Crossing::SelfIntersection {
                                ring: s.ring,
                                at: intersection.start,
                            };
                        }
                    }
                } else {
                    let (a, b) = (s.ring.min(t.ring), s.ring.max(t.ring));
                    match hit {
                        LineIntersection::SinglePoint {
                            intersection,
                            is_proper: true,
                        } => {
                            return Crossing::Rings {
                                a,
                                b,
                                at: intersection,
                            };
                        }
                        LineIntersection::Collinear { intersection } => {
                            return Crossing::Rings {
                                a,
                                b,
                                at: intersection.start,
                            };
                        }
                        LineIntersection::SinglePoint { .. } => {}
                    }
                }
            }
        }
        Crossing::None
    }

    fn ring(pts: &[(f64, f64)]) -> Vec<Coord<f64>> {
        pts.iter().map(|&(x, y)| Coord { x, y }).collect()
    }

    #[test]
    fn kebab_ids() {
        assert!(is_kebab("btc-pipeline"));
        assert!(is_kebab("g7"));
        assert!(!is_kebab("BTC"));
        assert!(!is_kebab("a--b"));
        assert!(!is_kebab("-a"));
        assert!(!is_kebab(""));
    }

    #[test]
    fn square_is_fine_bowtie_is_not() {
        let sq = ring(&[(0., 0.), (1., 0.), (1., 1.), (0., 1.), (0., 0.)]);
        assert_eq!(find_crossing(&[sq], PAIR_BUDGET), Crossing::None);
        let bow = ring(&[(0., 0.), (1., 1.), (1., 0.), (0., 1.), (0., 0.)]);
        match find_crossing(&[bow], PAIR_BUDGET) {
            Crossing::SelfIntersection { ring: 0, at } => {
                assert!((at.x - 0.5).abs() < 1e-12 && (at.y - 0.5).abs() < 1e-12)
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn spike_and_crossing_hole_are_found() {
        let spike = ring(&[(0., 0.), (2., 0.), (3., 0.), (2., 0.), (2., 2.), (0., 0.)]);
        assert!(matches!(
            find_crossing(&[spike], PAIR_BUDGET),
            Crossing::SelfIntersection { .. }
        ));
        let outer = ring(&[(0., 0.), (4., 0.), (4., 4.), (0., 4.), (0., 0.)]);
        let hole = ring(&[(3., 1.), (5., 1.), (5., 2.), (3., 2.), (3., 1.)]);
        assert!(matches!(
            find_crossing(&[outer.clone(), hole], PAIR_BUDGET),
            Crossing::Rings { a: 0, b: 1, .. }
        ));
        let inner = ring(&[(1., 1.), (1., 2.), (2., 2.), (2., 1.), (1., 1.)]);
        assert_eq!(find_crossing(&[outer, inner], PAIR_BUDGET), Crossing::None);
    }

    #[test]
    fn big_circle_is_fast_and_valid_and_budget_stops() {
        let n = 40_000;
        let mut pts: Vec<Coord<f64>> = (0..n)
            .map(|i| {
                let t = i as f64 / n as f64 * std::f64::consts::TAU;
                Coord {
                    x: 50.0 + 10.0 * t.cos(),
                    y: 40.0 + 10.0 * t.sin(),
                }
            })
            .collect();
        pts.push(pts[0]);
        assert_eq!(find_crossing(&[pts.clone()], PAIR_BUDGET), Crossing::None);
        assert_eq!(find_crossing(&[pts], 10), Crossing::GaveUp { pairs: 10 });
    }

    /// A small deterministic generator (xorshift) for the comparison below.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    /// A closed, deduplicated ring: a wobbly star on a coarse grid (so that collinear runs,
    /// touching vertices and overlapping edges happen), sometimes with a spike or a reversed run.
    fn random_ring(rng: &mut Rng, cx: f64, cy: f64, r: f64, n: usize) -> Vec<Coord<f64>> {
        let grid = [0.5, 0.25, 0.01][rng.below(3) as usize];
        let q = |v: f64| (v / grid).round() * grid;
        let mut pts: Vec<Coord<f64>> = (0..n)
            .map(|i| {
                let t = i as f64 / n as f64 * std::f64::consts::TAU;
                let rr = r * (0.4 + 0.6 * (rng.below(1000) as f64 / 1000.0));
                Coord {
                    x: q(cx + rr * t.cos()),
                    y: q(cy + rr * t.sin()),
                }
            })
            .collect();
        match rng.below(4) {
            0 if n > 6 => {
                // A spike doubling back on itself.
                let k = 1 + rng.below(n as u64 - 3) as usize;
                let (a, b) = (pts[k], pts[k + 1]);
                pts.insert(k + 2, a);
                pts.insert(
                    k + 2,
                    Coord {
                        x: q(b.x + (b.x - a.x)),
                        y: q(b.y + (b.y - a.y)),
                    },
                );
            }
            1 if n > 6 => {
                let k = rng.below(n as u64 - 4) as usize;
                pts[k..k + 4].reverse();
            }
            _ => {}
        }
        pts.dedup();
        if let Some(first) = pts.first().copied() {
            pts.push(first);
        }
        dedup(&pts)
    }

    #[test]
    fn faster_sweep_finds_what_the_first_one_found() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut found = [0usize; 4];
        for case in 0..3000 {
            let n = 3 + rng.below(60) as usize;
            let mut rings = vec![random_ring(&mut rng, 0.0, 0.0, 10.0, n)];
            for _ in 0..rng.below(3) {
                let (cx, cy) = (rng.below(16) as f64 - 8.0, rng.below(16) as f64 - 8.0);
                let n = 3 + rng.below(12) as usize;
                let r = 1.0 + rng.below(4) as f64;
                let mut hole = random_ring(&mut rng, cx, cy, r, n);
                hole.reverse();
                rings.push(hole);
            }
            let rings: Vec<Vec<Coord<f64>>> = rings.into_iter().filter(|r| r.len() >= 4).collect();
            for budget in [PAIR_BUDGET, 1 + rng.below(200)] {
                let want = find_crossing_reference(&rings, budget);
                assert_eq!(
                    find_crossing(&rings, budget),
                    want,
                    "case {case}: {rings:?}"
                );
                found[match want {
                    Crossing::None => 0,
                    Crossing::SelfIntersection { .. } => 1,
                    Crossing::Rings { .. } => 2,
                    Crossing::GaveUp { .. } => 3,
                }] += 1;
            }
        }
        // Every outcome was exercised.
        assert!(found.iter().all(|&c| c > 50), "{found:?}");
    }

    #[test]
    fn radix_sort_orders_like_the_standard_sort() {
        let mut rng = Rng(12345);
        for n in [0, 1, 600, 5000] {
            let keys: Vec<(u64, u32)> = (0..n)
                .map(|i| {
                    let v = match rng.below(5) {
                        0 => -(rng.below(100) as f64) / 7.0,
                        1 => rng.below(100) as f64 * 1e-300,
                        2 => f64::NAN,
                        3 => 0.0,
                        _ => 50.0 + rng.below(1000) as f64 / 1e5,
                    };
                    (total_order_key(v), i as u32)
                })
                .collect();
            let mut want = keys.clone();
            want.sort_unstable();
            let mut got = keys;
            sort_keys(&mut got);
            assert_eq!(got, want);
        }
        let ord = |a: f64, b: f64| total_order_key(a).cmp(&total_order_key(b));
        for (a, b) in [
            (-1.0, -0.5),
            (-0.0, 0.0),
            (0.0, 1e-300),
            (1.0, 2.0),
            (-1e300, 1e300),
        ] {
            assert_eq!(ord(a, b), a.total_cmp(&b), "{a} {b}");
        }
    }

    #[test]
    fn big_rings_with_crossings_agree_with_the_first_sweep() {
        let mut rng = Rng(777);
        let mut seen = std::collections::HashSet::new();
        for case in 0..40 {
            let mut pts = random_ring(&mut rng, 50.0, 40.0, 10.0, 2000);
            if case % 2 == 0 {
                // Swap two far apart vertices: the ring crosses itself.
                let (i, j) = (1 + rng.below(900) as usize, 1000 + rng.below(900) as usize);
                pts.swap(i, j);
            }
            let rings = [dedup(&pts)];
            let want = find_crossing_reference(&rings, PAIR_BUDGET);
            assert_eq!(find_crossing(&rings, PAIR_BUDGET), want, "case {case}");
            seen.insert(std::mem::discriminant(&want));
        }
        assert_eq!(seen.len(), 2, "both valid and crossing rings");
    }

    #[test]
    fn winding_sign() {
        let ccw = ring(&[(0., 0.), (1., 0.), (1., 1.), (0., 0.)]);
        assert!(signed_area2(&ccw) > 0.0);
        let cw: Vec<_> = ccw.iter().rev().copied().collect();
        assert!(signed_area2(&cw) < 0.0);
    }
}
