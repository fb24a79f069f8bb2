//! The map widget: projection, cached meshes, styling, labels, hover, click. Knows nothing of essays.
//!
//! [`MapModel`] is built once (off the UI thread) from the atlas' features: every feature projected
//! and tessellated. [`MapState`] is the small, serde-persisted view state (centre, zoom, layers).
//! [`MapWidget`] draws a frame from both and handles input, returning a [`MapResponse`].

pub mod base;
pub mod batch;
pub mod bundle;
pub mod draw;
pub mod hover;
pub mod labels;
pub mod legend;
pub mod mesh;
pub mod pick;
pub mod place;
pub mod probe;
pub mod raster;
pub mod style;
pub mod view;
pub mod widget;

use crate::atlas::{Feature, Kind};

pub use crate::projection::{self, Lcc};
pub use mesh::{FeatureGeom, GeomClass, WRect};
pub use style::Palette;
pub use view::View;
pub use widget::{Layers, MapResponse, MapState, MapWidget};

/// What the map reads from the atlas: the features and a spatial pick.
/// `pick` returns feature indices under a lon/lat point, topmost first
/// (points, then lines, then polygons by increasing area; ties by id).
pub trait MapSource {
    fn features(&self) -> &[Feature];
    fn pick(&self, lon: f64, lat: f64, tolerance_deg: f64) -> Vec<usize>;
}

impl MapSource for crate::atlas::Atlas {
    fn features(&self) -> &[Feature] {
        crate::atlas::Atlas::features(self)
    }

    fn pick(&self, lon: f64, lat: f64, tolerance_deg: f64) -> Vec<usize> {
        crate::atlas::Atlas::pick(self, lon, lat, tolerance_deg)
    }
}

/// Every feature projected and tessellated once, in world kilometres, plus draw order per kind.
#[derive(Debug, Clone)]
pub struct MapModel {
    pub proj: Lcc,
    /// One per feature, same order as the source's features.
    pub geoms: Vec<FeatureGeom>,
    /// Feature indices per kind (in `Kind::ALL` order): areas largest first, so small ones draw on top.
    pub by_kind: Vec<Vec<usize>>,
    /// World box of the region the map opens on.
    pub region: WRect,
    /// World box the view centre may move within.
    pub bounds: WRect,
    /// The reader's own layers among the features, in order of appearance.
    pub user_layers: Vec<String>,
}

/// Position of a kind in `Kind::ALL`.
pub fn kind_slot(k: Kind) -> usize {
    Kind::ALL.iter().position(|x| *x == k).unwrap_or(0)
}

impl MapModel {
    /// Project and tessellate every feature (the expensive step; run it off the UI thread).
    pub fn build(features: &[Feature]) -> MapModel {
        let proj = Lcc::region();
        let geoms: Vec<FeatureGeom> = features
            .iter()
            .map(|f| FeatureGeom::build(&f.geometry, &proj))
            .collect();
        let mut by_kind: Vec<Vec<usize>> = vec![Vec::new(); Kind::ALL.len()];
        for (i, f) in features.iter().enumerate() {
            if let Some(v) = by_kind.get_mut(kind_slot(f.kind)) {
                v.push(i);
            }
        }
        for v in &mut by_kind {
            v.sort_by(|&a, &b| {
                let area = |i: usize| geoms.get(i).map_or(0.0, |g| g.area);
                area(b).total_cmp(&area(a)).then_with(|| {
                    let id = |i: usize| features.get(i).map(|f| f.id.as_str());
                    id(a).cmp(&id(b))
                })
            });
        }
        let r = proj.project_box(projection::REGION_LON, projection::REGION_LAT);
        let region = [r[0] as f32, r[1] as f32, r[2] as f32, r[3] as f32];
        let pad = 1500.0;
        let bounds = [
            region[0] - pad,
            region[1] - pad,
            region[2] + pad,
            region[3] + pad,
        ];
        let mut user_layers: Vec<String> = Vec::new();
        for l in features.iter().filter_map(Feature::user_layer) {
            if !user_layers.iter().any(|u| u == l) {
                user_layers.push(l.to_string());
            }
        }
        MapModel {
            proj,
            geoms,
            by_kind,
            region,
            bounds,
            user_layers,
        }
    }

    /// Total vertices in the fill meshes (for stats and benches).
    pub fn fill_vertices(&self) -> usize {
        self.geoms
            .iter()
            .flat_map(|g| g.fill.iter())
            .map(|c| c.vertices.len())
            .sum()
    }
}
