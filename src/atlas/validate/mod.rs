//! Validation of GeoJSON layers against the geodata contract: the layer table, allowed values,
//! and the problem model (see `report`); property checks in `properties`, geometry in `geometry`,
//! ring crossings in `intersect`.

mod geometry;
mod intersect;
mod properties;
mod report;
mod sweep;
mod topology;
mod user;

use serde_json::Value;

use super::feature::{Feature, Kind};
use super::raw::{Lenient, RawFeature};

pub use geometry::{check_geometry, convert, geometry_name, ring_label, signed_area2};
pub use intersect::{Crossing, PAIR_BUDGET, find_crossing, find_crossing_within};
pub use properties::{check_feature, ref_ids};
pub use report::{MAX_QUOTED_CHARS, Problem, Reason, Severity, clip, escape_controls};
pub use sweep::sweep_crossing;
pub use user::{UserChecked, check_crs, check_user_feature};

/// Which contract a layer is held to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The shipped `geodata/` contract: every atlas property, 5-decimal coordinates, simple rings.
    Atlas,
    /// A reader's own layer: RFC 7946 only; missing atlas properties and crossing rings warn.
    User,
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

pub(crate) fn describe(v: &Value) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_ids() {
        assert!(is_kebab("btc-pipeline"));
        assert!(is_kebab("g7"));
        assert!(!is_kebab("BTC"));
        assert!(!is_kebab("a--b"));
        assert!(!is_kebab("-a"));
        assert!(!is_kebab(""));
    }
}
