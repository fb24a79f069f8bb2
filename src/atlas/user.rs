//! The reader's own GeoJSON layers (QGIS, geojson.io…): RFC 7946 checked, features named, given
//! ids and kinds, their simplestyle colours kept, and joined to the atlas (lookup, pick, gazetteer).

use std::collections::HashSet;
use std::path::Path;

use geo::{BoundingRect, Geometry};
use serde_json::{Map, Value};

use super::feature::{Feature, Kind, UserOrigin, UserStyle};
use super::index::Index;
use super::raw::{self, Lenient, RawCollection, RawError};
use super::validate::{self, Problem, Reason, Severity, clip};
use super::{Atlas, area_m2};

/// The largest user layer file read.
pub const MAX_USER_LAYER_BYTES: u64 = 512 << 20;

/// Property keys a user feature's name is read from, in order of preference.
pub const NAME_KEYS: [&str; 13] = [
    "name", "NAME", "name_en", "NAME_EN", "title", "label", "Name", "ADM0_EN", "ADM1_EN",
    "ADM2_EN", "ADM3_EN", "NAME_1", "name:en",
];

/// Why a user layer could not be added at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AtlasError {
    #[error("{layer}: {reason}")]
    Unreadable { layer: String, reason: String },
    #[error("{layer}: {source}")]
    Json {
        layer: String,
        #[source]
        source: RawError,
    },
    #[error("{layer}: not a FeatureCollection: {why}")]
    NotFeatureCollection { layer: String, why: String },
    #[error("{layer}: {reason}")]
    Refused { layer: String, reason: Reason },
}

/// What adding a user layer did.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerReport {
    /// The layer's name as given.
    pub layer: String,
    /// Its slug: the prefix of its features' ids.
    pub slug: String,
    /// Features added to the atlas.
    pub added: usize,
    /// Every problem (errors: that feature was skipped; warnings: it was loaded).
    pub problems: Vec<Problem>,
}

impl LayerReport {
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.is_error()).count()
    }
}

/// A kebab-case slug of a layer name's file stem ("My Places.geojson" → "my-places").
pub fn layer_slug(name: &str) -> String {
    let stem = std::path::Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug = kebab(&stem);
    if slug.is_empty() {
        "layer".into()
    } else {
        slug
    }
}

fn kebab(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A `#rgb` / `#rrggbb` colour.
fn colour(v: Option<&Value>) -> Option<[u8; 3]> {
    let s = v?.as_str()?.trim().strip_prefix('#')?;
    let hex = |t: &str| u8::from_str_radix(t, 16).ok();
    match s.len() {
        3 => {
            let mut out = [0u8; 3];
            for (o, c) in out.iter_mut().zip(s.chars()) {
                let v = hex(&c.to_string())?;
                *o = v * 17;
            }
            Some(out)
        }
        6 => Some([hex(s.get(0..2)?)?, hex(s.get(2..4)?)?, hex(s.get(4..6)?)?]),
        _ => None,
    }
}

fn number(v: Option<&Value>) -> Option<f32> {
    let n = match v? {
        Value::Number(n) => n.as_f64()?,
        Value::String(s) => s.trim().parse().ok()?,
        _ => return None,
    };
    n.is_finite().then_some(n as f32)
}

/// geojson.io's simplestyle properties.
pub fn style_of(props: &Map<String, Value>) -> UserStyle {
    UserStyle {
        stroke: colour(props.get("stroke")),
        stroke_width: number(props.get("stroke-width")).map(|w| w.clamp(0.0, 20.0)),
        stroke_opacity: number(props.get("stroke-opacity")).map(|o| o.clamp(0.0, 1.0)),
        fill: colour(props.get("fill")),
        fill_opacity: number(props.get("fill-opacity")).map(|o| o.clamp(0.0, 1.0)),
        marker_color: colour(props.get("marker-color")),
    }
}

/// The kind: from a `kind` / `type` property when it names one, else from the geometry (a point
/// is a city-like place, a line a route, an area a region).
pub fn guess_kind(props: &Map<String, Value>, g: &Geometry<f64>) -> Kind {
    for key in ["kind", "type", "KIND", "TYPE", "featurecla"] {
        let Some(v) = props.get(key).and_then(Value::as_str) else {
            continue;
        };
        let v = v.trim().to_ascii_lowercase();
        // A kind the geometry cannot have ("river" on a point) is not taken.
        let k = Kind::parse(&v).or(match v.as_str() {
            "town" | "village" | "settlement" | "place" | "capital" | "port"
            | "populated place" => Some(Kind::City),
            "river" | "lake" | "sea" | "reservoir" | "gulf" | "bay" => Some(Kind::Water),
            "province" | "district" | "state" | "oblast" | "admin-1" | "area" => Some(Kind::Region),
            "road" | "railway" | "rail" | "route" => Some(Kind::Corridor),
            "oilfield" | "gasfield" | "oil field" | "gas field" => Some(Kind::Field),
            _ => None,
        });
        if let Some(k) = k
            && validate::kind_geometries(k).contains(&validate::geometry_name(g))
        {
            return k;
        }
    }
    match g {
        Geometry::Point(_) | Geometry::MultiPoint(_) => Kind::City,
        Geometry::LineString(_) | Geometry::MultiLineString(_) | Geometry::Line(_) => {
            Kind::Corridor
        }
        _ => Kind::Region,
    }
}

/// Read a user layer's bytes into features (ids prefixed by `slug`, unique against `taken`).
fn read_layer(
    name: &str,
    slug: &str,
    bytes: &[u8],
    taken: &mut HashSet<String>,
) -> Result<(Vec<Feature>, Vec<Problem>), AtlasError> {
    let collection = raw::read(bytes).map_err(|source| AtlasError::Json {
        layer: clip(name),
        source,
    })?;
    let not_fc = |why: String| AtlasError::NotFeatureCollection {
        layer: clip(name),
        why,
    };
    let (ty, features, crs) = match collection {
        RawCollection::NotObject(what) => {
            return Err(not_fc(format!("the top level is {what}, not an object")));
        }
        RawCollection::Object { ty, features, crs } => (ty, features, crs),
    };
    validate::check_collection_type(ty.as_ref()).map_err(|reason| AtlasError::Refused {
        layer: clip(name),
        reason,
    })?;
    validate::check_crs(crs.as_ref()).map_err(|reason| AtlasError::Refused {
        layer: clip(name),
        reason,
    })?;
    if let Some(reason) = validate::features_not_array(features.as_ref()) {
        return Err(AtlasError::Refused {
            layer: clip(name),
            reason,
        });
    }
    let Some(Lenient::Items(items)) = features else {
        return Ok((Vec::new(), Vec::new()));
    };
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut atlas_props = false;
    for (i, item) in items.into_iter().enumerate() {
        let checked = validate::check_user_feature(item);
        let given = checked.id_member.as_ref().or_else(|| {
            checked
                .properties
                .get("id")
                .filter(|v| v.is_string() || v.is_number())
        });
        let given = given.map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        });
        let mut reasons = checked.problems;
        let base = match given.as_deref().map(kebab).filter(|k| !k.is_empty()) {
            Some(k) => format!("{slug}-{k}"),
            None => format!("{slug}-{i}"),
        };
        let mut id = base.clone();
        let mut n = 2;
        while taken.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        if given.is_none() {
            reasons.push((Severity::Warning, Reason::MadeId(id.clone())));
        }
        let names: Vec<String> = NAME_KEYS
            .iter()
            .filter_map(|k| checked.properties.get(*k).and_then(Value::as_str))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        if names.is_empty() {
            reasons.push((
                Severity::Warning,
                Reason::NoName("name, NAME, name_en, NAME_EN, title, label, ADM0_EN…ADM3_EN, Name"),
            ));
        }
        atlas_props |= ["summary", "aliases", "sources"]
            .iter()
            .any(|k| checked.properties.contains_key(*k));
        let has_error = reasons.iter().any(|(s, _)| *s == Severity::Error);
        for (severity, reason) in reasons {
            problems.push(Problem {
                file: name.to_string(),
                feature: Some(i),
                id: Some(id.clone()),
                severity,
                reason,
            });
        }
        let Some(geometry) = checked.geometry.filter(|_| !has_error) else {
            continue;
        };
        taken.insert(id.clone());
        let props = checked.properties;
        let mut names = names.into_iter();
        let display = names.next().unwrap_or_else(|| id.clone());
        let mut aliases: Vec<String> = Vec::new();
        for n in names {
            if n != display && !aliases.contains(&n) {
                aliases.push(n);
            }
        }
        let strings = |key: &str| -> Vec<String> {
            match props.get(key) {
                Some(Value::Array(a)) => a
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect(),
                _ => Vec::new(),
            }
        };
        aliases.extend(strings("aliases"));
        let summary = ["summary", "description", "desc"]
            .iter()
            .find_map(|k| props.get(*k).and_then(Value::as_str))
            .map_or_else(|| format!("From your layer {name}."), str::to_string);
        let mut sources = strings("sources");
        if sources.is_empty() {
            sources.push(name.to_string());
        }
        out.push(Feature {
            kind: guess_kind(&props, &geometry),
            id,
            name: display,
            aliases,
            demonyms: Vec::new(),
            summary,
            status: props
                .get("status")
                .and_then(Value::as_str)
                .map(String::from),
            sources,
            geometry,
            user: Some(Box::new(UserOrigin {
                layer: name.to_string(),
                style: style_of(&props),
            })),
            properties: props,
        });
    }
    if !out.is_empty() && !atlas_props {
        problems.push(Problem {
            file: name.to_string(),
            feature: None,
            id: None,
            severity: Severity::Warning,
            reason: Reason::NoAtlasProperties,
        });
    }
    Ok((out, problems))
}

impl Atlas {
    /// Add a reader's own GeoJSON layer (RFC 7946; the atlas contract is not asked for). Its
    /// features join the atlas: lookup by id (`<layer slug>-<id or index>`), pick, the gazetteer.
    /// A file that is not GeoJSON, or names a CRS other than WGS 84, is refused whole; a bad
    /// feature is skipped and reported.
    pub fn add_user_layer(&mut self, name: &str, bytes: &[u8]) -> Result<LayerReport, AtlasError> {
        let mut slug = layer_slug(name);
        let base = slug.clone();
        let mut n = 2;
        while self.user_layers.iter().any(|(_, s)| *s == slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        let mut taken: HashSet<String> = self.by_id.keys().cloned().collect();
        let (features, problems) = read_layer(name, &slug, bytes, &mut taken)?;
        let added = features.len();
        for f in features {
            self.by_id.insert(f.id.clone(), self.features.len());
            self.bboxes.push(f.geometry.bounding_rect());
            self.areas.push(area_m2(&f.geometry));
            self.layers.push(slug.clone());
            self.features.push(f);
        }
        self.index = Index::build(self.features.iter().map(|f| &f.geometry));
        self.user_layers.push((name.to_string(), slug.clone()));
        self.files += 1;
        self.warnings.extend(problems.iter().cloned());
        Ok(LayerReport {
            layer: name.to_string(),
            slug,
            added,
            problems,
        })
    }

    /// Read a user layer from a file (regular files only, at most [`MAX_USER_LAYER_BYTES`]) and
    /// add it: what the window calls for `--layer` and for a `.geojson` dropped on it.
    pub fn add_user_layer_file(&mut self, path: &Path) -> Result<LayerReport, AtlasError> {
        let name = path.display().to_string();
        let bytes = crate::fsread::read_capped(path, MAX_USER_LAYER_BYTES).map_err(|e| {
            AtlasError::Unreadable {
                layer: clip(&name),
                reason: e.to_string(),
            }
        })?;
        self.add_user_layer(&name, &bytes)
    }

    /// The reader's layers added so far: (name, slug), in the order added.
    pub fn user_layers(&self) -> &[(String, String)] {
        &self.user_layers
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn slugs_colours_and_kinds() {
        assert_eq!(layer_slug("/tmp/My Places (2).geojson"), "my-places-2");
        assert_eq!(layer_slug("…"), "layer");
        let Value::Object(props) = json!({"stroke": "#f00", "fill": "#00ff80", "fill-opacity": 2,
            "stroke-width": "3", "marker-color": "nope"})
        else {
            panic!("an object");
        };
        let s = style_of(&props);
        assert_eq!(s.stroke, Some([255, 0, 0]));
        assert_eq!(s.fill, Some([0, 255, 128]));
        assert_eq!(s.fill_opacity, Some(1.0));
        assert_eq!(s.stroke_width, Some(3.0));
        assert_eq!(s.marker_color, None);
        let pt = Geometry::Point(geo::Point::new(1.0, 2.0));
        assert_eq!(guess_kind(&Map::new(), &pt), Kind::City);
        let Value::Object(river) = json!({"type": "river"}) else {
            panic!("an object");
        };
        let line = Geometry::LineString(geo::LineString::from(vec![(0.0, 0.0), (1.0, 1.0)]));
        // The gazetteer's own kind for rivers.
        assert_eq!(guess_kind(&river, &line), Kind::River);
        assert_eq!(guess_kind(&Map::new(), &line), Kind::Corridor);
        // A kind that does not fit the geometry is not taken.
        assert_eq!(guess_kind(&river, &pt), Kind::City);
    }
}
