//! Interim geodata source used until the `atlas` branch (Atlas::load_embedded + rstar pick) is
//! merged: reads the embedded layers with `geojson` and picks by brute force in the contract's
//! order. Replaced by `crate::atlas::Atlas` on merge.

use geo::{Area, BoundingRect, Contains, Distance, Euclidean};

use crate::atlas::{Feature, Kind};
use crate::map::MapSource;

const LAYERS: [(&str, &str); 7] = [
    (
        "countries.geojson",
        include_str!("../../geodata/countries.geojson"),
    ),
    ("water.geojson", include_str!("../../geodata/water.geojson")),
    (
        "regions.geojson",
        include_str!("../../geodata/regions.geojson"),
    ),
    (
        "cities.geojson",
        include_str!("../../geodata/cities.geojson"),
    ),
    (
        "fields.geojson",
        include_str!("../../geodata/fields.geojson"),
    ),
    (
        "pipelines.geojson",
        include_str!("../../geodata/pipelines.geojson"),
    ),
    (
        "corridors.geojson",
        include_str!("../../geodata/corridors.geojson"),
    ),
];

/// Features of the embedded layers.
pub struct InterimAtlas {
    features: Vec<Feature>,
    pub warnings: Vec<String>,
}

fn strings(v: Option<&serde_json::Value>) -> Vec<String> {
    v.and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

impl InterimAtlas {
    pub fn load_embedded() -> InterimAtlas {
        let mut features = Vec::new();
        let mut warnings = Vec::new();
        for (file, text) in LAYERS {
            let fc = match text.parse::<geojson::GeoJson>() {
                Ok(geojson::GeoJson::FeatureCollection(fc)) => fc,
                Ok(_) => {
                    warnings.push(format!("{file}: not a FeatureCollection"));
                    continue;
                }
                Err(e) => {
                    warnings.push(format!("{file}: {e}"));
                    continue;
                }
            };
            for (i, f) in fc.features.into_iter().enumerate() {
                let props = f.properties.unwrap_or_default();
                let s = |k: &str| props.get(k).and_then(|v| v.as_str()).map(str::to_string);
                let (Some(id), Some(kind)) = (s("id"), s("kind").and_then(|k| Kind::parse(&k)))
                else {
                    warnings.push(format!("{file}:{i}: no id or kind"));
                    continue;
                };
                let Some(geometry) = f
                    .geometry
                    .and_then(|g| geo::Geometry::<f64>::try_from(&g.value).ok())
                else {
                    warnings.push(format!("{file}:{i}[{id}]: bad geometry"));
                    continue;
                };
                features.push(Feature {
                    name: s("name").unwrap_or_else(|| id.clone()),
                    id,
                    kind,
                    aliases: strings(props.get("aliases")),
                    demonyms: strings(props.get("demonyms")),
                    summary: s("summary").unwrap_or_default(),
                    status: s("status"),
                    sources: strings(props.get("sources")),
                    geometry,
                    properties: props,
                });
            }
        }
        InterimAtlas { features, warnings }
    }
}

impl MapSource for InterimAtlas {
    fn features(&self) -> &[Feature] {
        &self.features
    }

    fn pick(&self, lon: f64, lat: f64, tolerance_deg: f64) -> Vec<usize> {
        let p = geo::Point::new(lon, lat);
        let mut hits: Vec<(u8, f64, &str, usize)> = Vec::new();
        for (i, f) in self.features.iter().enumerate() {
            let g = &f.geometry;
            let Some(b) = g.bounding_rect() else { continue };
            if lon < b.min().x - tolerance_deg
                || lon > b.max().x + tolerance_deg
                || lat < b.min().y - tolerance_deg
                || lat > b.max().y + tolerance_deg
            {
                continue;
            }
            let rank = match g {
                geo::Geometry::Point(_) | geo::Geometry::MultiPoint(_) => 0,
                geo::Geometry::LineString(_) | geo::Geometry::MultiLineString(_) => 1,
                _ => 2,
            };
            let hit = if rank == 2 {
                g.contains(&p)
            } else {
                Euclidean.distance(g, &p) <= tolerance_deg
            };
            if hit {
                hits.push((rank, g.unsigned_area(), &f.id, i));
            }
        }
        hits.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(b.2)));
        hits.into_iter().map(|h| h.3).collect()
    }
}
