//! RFC 7946 validation of a reader's own layer: the `crs` member, each feature's type, properties
//! (an object, null or absent) and geometry (any type the atlas draws), without the atlas contract.

use geo::Geometry;
use serde_json::{Map, Value};

use super::super::raw::{RawFeature, RawGeometry};
use super::{Mode, Reason, Severity, check_geometry, clip, convert, describe};

/// A user feature as validated: what the layer builder needs, and the problems found.
#[derive(Debug)]
pub struct UserChecked {
    /// The feature-level `id` member (a string or a number), if any.
    pub id_member: Option<Value>,
    /// Its properties (empty when `null` or absent).
    pub properties: Map<String, Value>,
    /// The geometry, when the feature can be loaded.
    pub geometry: Option<Geometry<f64>>,
    pub problems: Vec<(Severity, Reason)>,
}

/// The `crs` member: absent, `null` or naming WGS 84 longitude/latitude (CRS84, EPSG:4326) is
/// fine; anything else is refused, naming what it says.
pub fn check_crs(crs: Option<&Value>) -> Result<(), Reason> {
    let crs = match crs {
        None | Some(Value::Null) => return Ok(()),
        Some(c) => c,
    };
    let name = crs
        .get("properties")
        .and_then(|p| p.get("name").or_else(|| p.get("href")))
        .and_then(Value::as_str);
    let Some(name) = name else {
        return Err(Reason::OtherCrs(format!(
            "something unreadable ({})",
            describe(crs)
        )));
    };
    let folded: String = name
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let wgs84 = folded.ends_with("crs84")
        || folded.ends_with("crs:84")
        || folded.ends_with("epsg:4326")
        || folded.ends_with("epsg::4326")
        || folded.ends_with("epsg/0/4326")
        || folded == "wgs84";
    if wgs84 {
        Ok(())
    } else {
        Err(Reason::OtherCrs(format!("`{}`", clip(name))))
    }
}

/// Validate one feature of a user's layer.
pub fn check_user_feature(raw: RawFeature) -> UserChecked {
    let mut out = UserChecked {
        id_member: None,
        properties: Map::new(),
        geometry: None,
        problems: Vec::new(),
    };
    let (ty, id, properties, geometry) = match raw {
        RawFeature::NotObject(what) => {
            out.problems.push((
                Severity::Error,
                Reason::NotFeature(format!("{what}, not an object")),
            ));
            return out;
        }
        RawFeature::Object {
            ty,
            id,
            properties,
            geometry,
        } => (ty, id, properties, geometry),
    };
    match &ty {
        Some(Value::String(s)) if s == "Feature" => {}
        Some(v) => out.problems.push((
            Severity::Error,
            Reason::NotFeature(format!("`type` is {}", describe(v))),
        )),
        None => out.problems.push((
            Severity::Error,
            Reason::NotFeature("no `type` member".into()),
        )),
    }
    match id {
        None | Some(Value::Null) => {}
        Some(v @ (Value::String(_) | Value::Number(_))) => out.id_member = Some(v),
        Some(v) => out.problems.push((
            Severity::Error,
            Reason::WrongType {
                key: "id".into(),
                expected: "a string or a number (RFC 7946 §3.2)",
                found: describe(&v),
            },
        )),
    }
    match properties {
        Some(Value::Object(map)) => out.properties = map,
        None | Some(Value::Null) => {}
        Some(v) => out.problems.push((
            Severity::Error,
            Reason::WrongType {
                key: "properties".into(),
                expected: "an object or null",
                found: describe(&v),
            },
        )),
    }
    let geometry = match geometry {
        None | Some(RawGeometry::Null) => {
            out.problems
                .push((Severity::Warning, Reason::NoGeometryUser));
            return out;
        }
        Some(g) => g,
    };
    if let RawGeometry::Object {
        ty: Some(Value::String(t)),
        ..
    } = &geometry
        && t == "GeometryCollection"
    {
        out.problems.push((
            Severity::Warning,
            Reason::UnsupportedGeometry("a GeometryCollection"),
        ));
        return out;
    }
    match convert(&geometry, None, "a user layer") {
        Ok(g) => {
            check_geometry(&g, Mode::User, &mut out.problems);
            if !out.problems.iter().any(|(s, _)| *s == Severity::Error) {
                out.geometry = Some(g);
            }
        }
        Err(r) => out.problems.push((Severity::Error, r)),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn crs_names() {
        for ok in [
            json!(null),
            json!({"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}),
            json!({"type": "name", "properties": {"name": "EPSG:4326"}}),
            json!({"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4326"}}),
        ] {
            assert_eq!(check_crs(Some(&ok)), Ok(()), "{ok}");
        }
        let other = json!({"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}});
        let Err(r) = check_crs(Some(&other)) else {
            panic!("EPSG:3857 is refused");
        };
        let msg = r.to_string();
        assert!(
            msg.contains("EPSG::3857") && msg.contains("RFC 7946 requires WGS 84"),
            "{msg}"
        );
    }
}
