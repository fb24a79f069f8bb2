//! The atlas: GeoJSON layers loaded into typed features, validated, spatially indexed and picked.
//! Never imports egui.

pub mod feature;
pub mod index;
pub mod raw;
pub mod user;
pub mod validate;

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use geo::{BoundingRect, ChamberlainDuquetteArea, Geometry, Rect};

pub use feature::{Feature, Kind, UserOrigin, UserStyle};
pub use user::{AtlasError, LayerReport};
pub use validate::{Problem, Reason, Severity};

use index::{Hit, Index};
use raw::RawCollection;

/// A problem met while loading: `file:feature-index[id]: reason`.
pub type AtlasWarning = Problem;

/// Files larger than this are refused (a guard against devices and runaway inputs).
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// The shipped layers, compiled in.
const EMBEDDED: [(&str, &str); 9] = [
    (
        "geodata/countries.geojson",
        include_str!("../../geodata/countries.geojson"),
    ),
    (
        "geodata/water.geojson",
        include_str!("../../geodata/water.geojson"),
    ),
    (
        "geodata/regions.geojson",
        include_str!("../../geodata/regions.geojson"),
    ),
    (
        "geodata/cities.geojson",
        include_str!("../../geodata/cities.geojson"),
    ),
    (
        "geodata/fields.geojson",
        include_str!("../../geodata/fields.geojson"),
    ),
    (
        "geodata/pipelines.geojson",
        include_str!("../../geodata/pipelines.geojson"),
    ),
    (
        "geodata/corridors.geojson",
        include_str!("../../geodata/corridors.geojson"),
    ),
    (
        "geodata/physical.geojson",
        include_str!("../../geodata/physical.geojson"),
    ),
    (
        "geodata/places.geojson",
        include_str!("../../geodata/places.geojson"),
    ),
];

/// One layer to load: a display name (its path), the stem deciding the layer, and its bytes.
#[derive(Debug, Clone)]
pub struct LayerSource {
    pub name: String,
    pub stem: String,
    /// The bytes, or why they could not be read.
    pub bytes: Result<Vec<u8>, String>,
}

impl LayerSource {
    /// A source from a name like `geodata/cities.geojson` (the stem is `cities`).
    pub fn new(name: impl Into<String>, bytes: Result<Vec<u8>, String>) -> LayerSource {
        let name = name.into();
        let stem = Path::new(&name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        LayerSource { name, stem, bytes }
    }
}

/// All features of the loaded layers, their spatial index and the problems met.
#[derive(Debug, Clone, Default)]
pub struct Atlas {
    features: Vec<Feature>,
    layers: Vec<String>,
    by_id: HashMap<String, usize>,
    bboxes: Vec<Option<Rect<f64>>>,
    /// Geodesic area in m² of polygon features (0 for others), for pick order.
    areas: Vec<f64>,
    index: Index,
    warnings: Vec<AtlasWarning>,
    files: usize,
    /// The reader's layers: (name, slug).
    user_layers: Vec<(String, String)>,
}

impl Atlas {
    /// The shipped `geodata/` layers, compiled into the binary.
    pub fn load_embedded() -> Atlas {
        Atlas::from_sources(
            EMBEDDED
                .iter()
                .map(|(name, text)| LayerSource::new(*name, Ok(text.as_bytes().to_vec()))),
        )
    }

    /// The shipped layers, loaded once per process and shared (handy in tests and the CLI).
    pub fn embedded() -> &'static Atlas {
        static EMBEDDED_ATLAS: std::sync::OnceLock<Atlas> = std::sync::OnceLock::new();
        EMBEDDED_ATLAS.get_or_init(Atlas::load_embedded)
    }

    /// Every `*.geojson` file in `dir`. Unreadable or bad layers and features become warnings.
    pub fn load_dir(dir: &Path) -> Atlas {
        Atlas::load_paths(&[dir.to_path_buf()])
    }

    /// Files and directories (each directory: its `*.geojson` files), checked together: ids must
    /// be unique across all of them.
    pub fn load_paths(paths: &[PathBuf]) -> Atlas {
        let mut sources = Vec::new();
        for path in paths {
            if path.is_dir() {
                match geojson_files(path) {
                    Ok(files) if files.is_empty() => sources.push(LayerSource::new(
                        path.display().to_string(),
                        Err("no *.geojson files in this directory".into()),
                    )),
                    Ok(files) => sources.extend(files.iter().map(|f| read_source(f))),
                    Err(e) => sources.push(LayerSource::new(path.display().to_string(), Err(e))),
                }
            } else {
                sources.push(read_source(path));
            }
        }
        Atlas::from_sources(sources)
    }

    /// Load in-memory layers: `(name, bytes)` pairs, the name's file stem deciding the layer.
    pub fn from_layers(layers: &[(&str, &[u8])]) -> Atlas {
        Atlas::from_sources(
            layers
                .iter()
                .map(|(name, bytes)| LayerSource::new(*name, Ok(bytes.to_vec()))),
        )
    }

    /// Load layer sources. Files are processed in layer order (countries, water, regions, cities,
    /// fields, pipelines, corridors, then unknown stems by name); the first feature with an id
    /// wins over later duplicates.
    pub fn from_sources(sources: impl IntoIterator<Item = LayerSource>) -> Atlas {
        let mut sources: Vec<LayerSource> = sources.into_iter().collect();
        sources.sort_by(|a, b| {
            (validate::layer_rank(&a.stem), &a.stem, &a.name).cmp(&(
                validate::layer_rank(&b.stem),
                &b.stem,
                &b.name,
            ))
        });
        let mut atlas = Atlas {
            files: sources.len(),
            ..Atlas::default()
        };
        // (file ordinal, feature index) for sorting the problems at the end.
        let mut problems: Vec<(usize, Problem)> = Vec::new();
        // id -> "file:index" of its first occurrence.
        let mut first_seen: HashMap<String, String> = HashMap::new();
        let mut loaded: Vec<(usize, String, Feature)> = Vec::new();

        // Each file is parsed and its features checked on its own (on every core: the places
        // and the countries are big); ids, order and references are then checked across files
        // in file order.
        let checked: Vec<Result<Vec<validate::Checked>, Reason>> =
            crate::par::map(&sources, |source| {
                let bytes = source.bytes.as_ref().map_err(|e| Reason::Io(e.clone()))?;
                let collection = raw::read(bytes).map_err(Reason::Json)?;
                let (ty, features) = match collection {
                    RawCollection::NotObject(what) => {
                        return Err(Reason::NotFeatureCollection(format!(
                            "the top level is {what}, not an object"
                        )));
                    }
                    RawCollection::Object { ty, features, .. } => (ty, features),
                };
                validate::check_collection_type(ty.as_ref())?;
                if let Some(r) = validate::features_not_array(features.as_ref()) {
                    return Err(r);
                }
                let Some(raw::Lenient::Items(items)) = features else {
                    return Ok(Vec::new());
                };
                Ok(crate::par::map_owned(items, |item| {
                    validate::check_feature(&source.stem, item)
                }))
            });
        for (ord, (source, checked)) in sources.iter().zip(checked).enumerate() {
            let items = match checked {
                Ok(items) => items,
                Err(reason) => {
                    problems.push((
                        ord,
                        Problem {
                            file: source.name.clone(),
                            feature: None,
                            id: None,
                            severity: Severity::Error,
                            reason,
                        },
                    ));
                    continue;
                }
            };
            let mut previous_id: Option<String> = None;
            let mut unsorted_reported = false;
            for (i, checked) in items.into_iter().enumerate() {
                let mut here = |severity, reason| {
                    problems.push((
                        ord,
                        Problem {
                            file: source.name.clone(),
                            feature: Some(i),
                            id: checked.id.clone(),
                            severity,
                            reason,
                        },
                    ))
                };
                for (severity, reason) in checked.problems {
                    here(severity, reason);
                }
                if let Some(id) = &checked.id {
                    if let Some(prev) = &previous_id
                        && id < prev
                        && !unsorted_reported
                    {
                        unsorted_reported = true;
                        here(
                            Severity::Warning,
                            Reason::NotSorted {
                                id: validate::clip(id),
                                previous: validate::clip(prev),
                            },
                        );
                    }
                    previous_id = Some(id.clone());
                    if let Some(first) = first_seen.get(id) {
                        here(
                            Severity::Error,
                            Reason::DuplicateId {
                                id: validate::clip(id),
                                first: validate::clip(first),
                            },
                        );
                        continue;
                    }
                    first_seen.insert(id.clone(), format!("{}:{i}", source.name));
                }
                if let Some(feature) = checked.feature {
                    loaded.push((ord, source.stem.clone(), feature));
                }
            }
        }

        // Country references, when the country layer is part of this load.
        let countries: std::collections::HashSet<&str> = loaded
            .iter()
            .filter(|(_, _, f)| f.kind == Kind::Country)
            .map(|(_, _, f)| f.id.as_str())
            .collect();
        if !countries.is_empty() {
            for (ord, _, f) in &loaded {
                for key in validate::COUNTRY_REF_KEYS {
                    let Some(v) = f.properties.get(*key) else {
                        continue;
                    };
                    for target in validate::ref_ids(v) {
                        if !countries.contains(target) {
                            let (file, index) = first_seen
                                .get(&f.id)
                                .and_then(|s| s.rsplit_once(':'))
                                .map(|(file, i)| (file.to_string(), i.parse::<usize>().ok()))
                                .unwrap_or_default();
                            problems.push((
                                *ord,
                                Problem {
                                    file,
                                    feature: index,
                                    id: Some(f.id.clone()),
                                    severity: Severity::Warning,
                                    reason: Reason::UnknownCountry {
                                        key: (*key).to_string(),
                                        target: validate::clip(target),
                                    },
                                },
                            ));
                        }
                    }
                }
            }
        }

        problems.sort_by_key(|(ord, p)| (*ord, p.feature.map_or(0, |i| i + 1)));
        atlas.warnings = problems.into_iter().map(|(_, p)| p).collect();

        loaded.sort_by(|(oa, sa, fa), (ob, sb, fb)| {
            (validate::layer_rank(sa), sa, &fa.id, oa).cmp(&(
                validate::layer_rank(sb),
                sb,
                &fb.id,
                ob,
            ))
        });
        for (_, stem, f) in loaded {
            atlas.by_id.insert(f.id.clone(), atlas.features.len());
            atlas.bboxes.push(f.geometry.bounding_rect());
            atlas.areas.push(area_m2(&f.geometry));
            atlas.layers.push(stem);
            atlas.features.push(f);
        }
        atlas.index = Index::build(atlas.features.iter().map(|f| &f.geometry));
        atlas
    }

    /// All features, in layer order then id.
    pub fn features(&self) -> &[Feature] {
        &self.features
    }

    pub fn get(&self, id: &str) -> Option<&Feature> {
        self.index_of(id).and_then(|i| self.features.get(i))
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Every problem met while loading (errors: the file or feature was skipped; warnings: loaded
    /// but off-contract), in file order then feature order.
    pub fn warnings(&self) -> &[AtlasWarning] {
        &self.warnings
    }

    /// How many layer files were read (or attempted).
    pub fn file_count(&self) -> usize {
        self.files
    }

    /// The layer (file stem) feature `idx` came from.
    pub fn layer(&self, idx: usize) -> Option<&str> {
        self.layers.get(idx).map(String::as_str)
    }

    /// Geodesic area in m² of a polygon feature (0 for points and lines).
    pub fn area_m2(&self, idx: usize) -> Option<f64> {
        self.areas.get(idx).copied()
    }

    /// The lon/lat extent of feature `idx`.
    pub fn bbox(&self, idx: usize) -> Option<Rect<f64>> {
        self.bboxes.get(idx).copied().flatten()
    }

    /// The lon/lat extent of all features.
    pub fn extent(&self) -> Option<Rect<f64>> {
        self.bboxes.iter().flatten().copied().reduce(|a, b| {
            Rect::new(
                geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
                geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
            )
        })
    }

    /// Indices of the features at (`lon`, `lat`), topmost first: points within `tolerance_deg`
    /// (closest first), then lines within `tolerance_deg` (closest first), then polygons
    /// containing the point (smaller area first); ties broken by id. Distances are in degrees with
    /// longitude differences scaled by cos(lat), so the tolerance is about the same ground distance
    /// in every direction (1° ≈ 111 km).
    pub fn pick(&self, lon: f64, lat: f64, tolerance_deg: f64) -> Vec<usize> {
        let geometry = |i: u32| self.features.get(i as usize).map(|f| &f.geometry);
        let mut hits = self.index.query(geometry, lon, lat, tolerance_deg);
        let key = |(i, h): &(usize, Hit)| -> (u8, f64) {
            match h {
                Hit::Point(d) => (0, *d),
                Hit::Line(d) => (1, *d),
                Hit::Area => (2, self.areas.get(*i).copied().unwrap_or(0.0)),
            }
        };
        hits.sort_by(|a, b| {
            let (ka, kb) = (key(a), key(b));
            ka.0.cmp(&kb.0).then(ka.1.total_cmp(&kb.1)).then_with(|| {
                let id = |i: usize| self.features.get(i).map(|f| f.id.as_str());
                id(a.0).cmp(&id(b.0))
            })
        });
        hits.into_iter().map(|(i, _)| i).collect()
    }
}

fn area_m2(g: &Geometry<f64>) -> f64 {
    match g {
        Geometry::Polygon(_) | Geometry::MultiPolygon(_) => g.chamberlain_duquette_unsigned_area(),
        _ => 0.0,
    }
}

/// The `*.geojson` files of a directory, sorted by name.
fn geojson_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| e.to_string())?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "geojson") && !p.is_dir())
        .collect();
    files.sort();
    Ok(files)
}

fn read_source(path: &Path) -> LayerSource {
    LayerSource::new(path.display().to_string(), read_limited(path))
}

/// Read a regular file whole, refusing non-files and files over [`MAX_FILE_BYTES`].
fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "file too large ({} bytes, limit {MAX_FILE_BYTES})",
            meta.len()
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!("file too large (limit {MAX_FILE_BYTES} bytes)"));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feature(id: &str, kind: &str, geometry: &str, extra: &str) -> String {
        format!(
            r#"{{"type":"Feature","id":"{id}","properties":{{"id":"{id}","name":"{id}","kind":"{kind}","aliases":[],"summary":"s.","sources":["test"]{extra}}},"geometry":{geometry}}}"#
        )
    }

    fn collection(features: &[String]) -> Vec<u8> {
        format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            features.join(",")
        )
        .into_bytes()
    }

    fn square(x0: f64, y0: f64, s: f64) -> String {
        format!(
            r#"{{"type":"Polygon","coordinates":[[[{x0},{y0}],[{x1},{y0}],[{x1},{y1}],[{x0},{y1}],[{x0},{y0}]]]}}"#,
            x1 = x0 + s,
            y1 = y0 + s
        )
    }

    fn tiny_atlas() -> Atlas {
        let countries = collection(&[
            feature(
                "big",
                "country",
                &square(0.0, 0.0, 10.0),
                r#","iso_a3":"BIG""#,
            ),
            feature(
                "other",
                "country",
                &square(20.0, 0.0, 5.0),
                r#","iso_a3":"OTH""#,
            ),
        ]);
        let regions = collection(&[
            feature(
                "a-region",
                "region",
                &square(1.0, 1.0, 4.0),
                r#","status":"administrative","country":"big""#,
            ),
            feature(
                "b-region",
                "region",
                &square(1.0, 1.0, 4.0),
                r#","status":"administrative""#,
            ),
            feature(
                "macro",
                "macro-region",
                &square(-1.0, -1.0, 30.0),
                r#","status":"macro-region","members":["big","other"]"#,
            ),
        ]);
        let cities = collection(&[
            feature(
                "town-a",
                "city",
                r#"{"type":"Point","coordinates":[2.0,2.0]}"#,
                r#","role":"town","country":"big""#,
            ),
            feature(
                "town-b",
                "city",
                r#"{"type":"Point","coordinates":[2.05,2.0]}"#,
                r#","role":"town","country":"big""#,
            ),
        ]);
        let pipelines = collection(&[feature(
            "pipe",
            "pipeline",
            r#"{"type":"LineString","coordinates":[[0.5,2.0],[9.5,2.0]]}"#,
            r#","status":"operating","commodity":"oil","length_km":900,"route_accuracy":"schematic","waypoints":[]"#,
        )]);
        Atlas::from_layers(&[
            ("pipelines.geojson", &pipelines),
            ("cities.geojson", &cities),
            ("regions.geojson", &regions),
            ("countries.geojson", &countries),
        ])
    }

    #[test]
    fn loads_in_layer_order_with_no_problems() {
        let atlas = tiny_atlas();
        assert!(atlas.warnings().is_empty(), "{:?}", atlas.warnings());
        let ids: Vec<&str> = atlas.features().iter().map(|f| f.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "big", "other", "a-region", "b-region", "macro", "town-a", "town-b", "pipe"
            ]
        );
        assert_eq!(atlas.index_of("pipe"), Some(7));
        assert_eq!(atlas.get("big").map(|f| f.kind), Some(Kind::Country));
        assert_eq!(atlas.layer(5), Some("cities"));
        let Some(bbox) = atlas.bbox(0) else {
            panic!("feature 0 has a bounding box");
        };
        assert_eq!((bbox.min().x, bbox.max().y), (0.0, 10.0));
    }

    #[test]
    fn pick_orders_points_lines_then_small_polygons() {
        let atlas = tiny_atlas();
        let ids = |v: Vec<usize>| -> Vec<String> {
            v.into_iter()
                .map(|i| atlas.features()[i].id.clone())
                .collect()
        };
        // Near town-a (closest), town-b, on the pipe, inside both equal regions, big, macro.
        assert_eq!(
            ids(atlas.pick(2.01, 2.0, 0.1)),
            [
                "town-a", "town-b", "pipe", "a-region", "b-region", "big", "macro"
            ]
        );
        // Outside every polygon but macro.
        assert_eq!(ids(atlas.pick(15.0, 5.0, 0.1)), ["macro"]);
        // Nowhere.
        assert!(atlas.pick(100.0, 50.0, 0.1).is_empty());
        // Tolerance 0 still finds containing polygons.
        assert_eq!(ids(atlas.pick(8.0, 8.0, 0.0)), ["big", "macro"]);
    }

    fn messages(atlas: &Atlas) -> Vec<String> {
        atlas.warnings().iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn contract_deviations_are_warnings_and_still_load() {
        let cw = r#"{"type":"Polygon","coordinates":[[[0,0],[0,1],[1,1],[1,0],[0,0]]]}"#;
        let precise = r#"{"type":"Point","coordinates":[44.123456,41.0]}"#;
        let mut unsorted = feature(
            "z-town",
            "city",
            precise,
            r#","role":"town","country":"nowhere""#,
        );
        unsorted = unsorted.replacen(r#""id":"z-town","properties""#, r#""id":7,"properties""#, 1);
        let countries = collection(&[feature("land", "country", cw, r#","iso_a3":"LND""#)]);
        let cities = collection(&[
            unsorted,
            feature(
                "a-town",
                "city",
                r#"{"type":"Point","coordinates":[0.5,0.5]}"#,
                r#","role":"town""#,
            ),
        ]);
        let atlas = Atlas::from_layers(&[
            ("countries.geojson", &countries),
            ("cities.geojson", &cities),
        ]);
        assert_eq!(
            messages(&atlas),
            [
                "countries.geojson:0[land]: exterior ring winds clockwise (RFC 7946 wants counter-clockwise)",
                "cities.geojson:0[z-town]: feature-level id number 7 differs from properties.id",
                "cities.geojson:0[z-town]: coordinate at coordinates has more than 5 decimals (44.123456)",
                "cities.geojson:0[z-town]: `country` refers to `nowhere`, which is not a country id",
                "cities.geojson:1[a-town]: features are not sorted by id: `a-town` comes after `z-town`",
            ]
        );
        assert!(atlas.warnings().iter().all(|w| !w.is_error()));
        assert_eq!(atlas.features().len(), 3);
        // Clockwise or not, the polygon is picked.
        let Some(land) = atlas.index_of("land") else {
            panic!("`land` is loaded");
        };
        assert_eq!(atlas.pick(0.7, 0.7, 0.0), [land]);
    }

    #[test]
    fn odd_json_is_reported_not_panicked() {
        let one =
            |text: &str| messages(&Atlas::from_layers(&[("fields.geojson", text.as_bytes())]));
        assert_eq!(
            one(
                r#"{"type":"FeatureCollection","features":[{"geometry":{"coordinates":[1e400,0]}}]}"#
            ),
            ["fields.geojson: JSON syntax error at line 1 column 73: number out of range"]
        );
        assert_eq!(
            one(r#"{"type":"FeatureCollection","features":[NaN]}"#),
            ["fields.geojson: JSON syntax error at line 1 column 41: expected value"]
        );
        assert_eq!(
            one(
                r#"{"type":"FeatureCollection","features":[null, {"type":"Feature","properties":null}]}"#
            ),
            [
                "fields.geojson:0: not a Feature: null, not an object",
                "fields.geojson:1: property `properties` must be an object, found null",
            ]
        );
        let gc = feature(
            "gc",
            "field",
            r#"{"type":"GeometryCollection","geometries":[]}"#,
            r#","commodity":"oil","status":"operating","offshore":false"#,
        );
        assert_eq!(
            one(&String::from_utf8_lossy(&collection(&[gc]))),
            [
                "fields.geojson:0[gc]: geometry type GeometryCollection not allowed for kind field in layer `fields` (expected Point or Polygon or MultiPolygon)"
            ]
        );
        assert_eq!(
            one(r#"{"type":"FeatureCollection","features":[]}"#),
            Vec::<String>::new()
        );
    }

    #[test]
    fn crossing_hole_is_an_error() {
        let g = r#"{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[3,1],[3,2],[5,2],[5,1],[3,1]]]}"#;
        let countries = collection(&[feature("holey", "country", g, r#","iso_a3":"HOL""#)]);
        let atlas = Atlas::from_layers(&[("countries.geojson", &countries)]);
        assert_eq!(
            messages(&atlas),
            ["countries.geojson:0[holey]: exterior ring and hole 0 cross near (4.0, 2.0)"]
        );
        assert!(atlas.features().is_empty());
        assert!(atlas.extent().is_none());
    }

    #[test]
    fn bad_feature_is_skipped_rest_loads() {
        let cities = collection(&[
            feature(
                "good",
                "city",
                r#"{"type":"Point","coordinates":[2.0,2.0]}"#,
                r#","role":"town""#,
            ),
            feature(
                "moved",
                "city",
                r#"{"type":"Point","coordinates":[200.0,2.0]}"#,
                r#","role":"town""#,
            ),
        ]);
        let atlas = Atlas::from_layers(&[("cities.geojson", &cities), ("water.geojson", b"{")]);
        assert_eq!(atlas.features().len(), 1);
        let msgs: Vec<String> = atlas.warnings().iter().map(|w| w.to_string()).collect();
        assert_eq!(
            msgs,
            [
                "water.geojson: JSON syntax error at line 1 column 1: EOF while parsing an object",
                "cities.geojson:1[moved]: coordinate out of range at coordinates: (200.0, 2.0)",
            ]
        );
    }
}
