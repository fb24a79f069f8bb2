//! The typed feature every layer is loaded into.

use serde::{Deserialize, Serialize};

/// What a feature is. The GeoJSON `kind` property holds the kebab-case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Country,
    MacroRegion,
    Region,
    Water,
    City,
    Field,
    Pipeline,
    Corridor,
    /// A populated place of the gazetteer (`places.geojson`, from GeoNames).
    Town,
    /// A river of the gazetteer (`physical.geojson`).
    River,
    /// A lake or reservoir of the gazetteer.
    Lake,
    /// A range, peak, pass, peninsula, gulf, desert, plateau or valley of the gazetteer.
    Landform,
}

impl Kind {
    pub const ALL: [Kind; 12] = [
        Kind::Country,
        Kind::MacroRegion,
        Kind::Region,
        Kind::Water,
        Kind::City,
        Kind::Field,
        Kind::Pipeline,
        Kind::Corridor,
        Kind::Town,
        Kind::River,
        Kind::Lake,
        Kind::Landform,
    ];

    /// The kebab-case name used in GeoJSON, the CLI and JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Country => "country",
            Kind::MacroRegion => "macro-region",
            Kind::Region => "region",
            Kind::Water => "water",
            Kind::City => "city",
            Kind::Field => "field",
            Kind::Pipeline => "pipeline",
            Kind::Corridor => "corridor",
            Kind::Town => "town",
            Kind::River => "river",
            Kind::Lake => "lake",
            Kind::Landform => "landform",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Human label, plural-free ("Macro-region").
    pub fn label(self) -> &'static str {
        match self {
            Kind::Country => "Country",
            Kind::MacroRegion => "Macro-region",
            Kind::Region => "Region",
            Kind::Water => "Water",
            Kind::City => "City",
            Kind::Field => "Oil/gas field",
            Kind::Pipeline => "Pipeline",
            Kind::Corridor => "Corridor",
            Kind::Town => "Town",
            Kind::River => "River",
            Kind::Lake => "Lake",
            Kind::Landform => "Landform",
        }
    }
}

impl Kind {
    /// A feature of the gazetteer layers (`places`, `physical`): linked only with evidence, and
    /// a curated feature of the same name wins over it.
    pub fn is_gazetteer(self) -> bool {
        matches!(self, Kind::Town | Kind::River | Kind::Lake | Kind::Landform)
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One feature of the map: a country, region, city, field, pipeline, corridor or water body.
#[derive(Debug, Clone)]
pub struct Feature {
    /// Stable kebab-case id (`btc-pipeline`, `azerbaijan`).
    pub id: String,
    pub kind: Kind,
    pub name: String,
    /// Every other spelling a text may use.
    pub aliases: Vec<String>,
    /// Adjectives / people names ("Azerbaijani", "Iranian") that weakly refer to this feature.
    pub demonyms: Vec<String>,
    /// One sentence.
    pub summary: String,
    /// `status` property where the layer has one (operating, proposed, disputed, historical…).
    pub status: Option<String>,
    pub sources: Vec<String>,
    /// Lon/lat, WGS 84.
    pub geometry: geo::Geometry<f64>,
    /// All GeoJSON properties as loaded (including the ones above).
    pub properties: serde_json::Map<String, serde_json::Value>,
    /// The reader's own layer this feature came from (`None`: a shipped layer).
    pub user: Option<Box<UserOrigin>>,
}

/// Where a reader's feature came from and how its file asks for it to be drawn.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserOrigin {
    /// The layer's name (its file name).
    pub layer: String,
    pub style: UserStyle,
}

/// geojson.io / simplestyle properties: `stroke`, `stroke-width`, `stroke-opacity`, `fill`,
/// `fill-opacity`, `marker-color` (colours as RGB).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct UserStyle {
    pub stroke: Option<[u8; 3]>,
    pub stroke_width: Option<f32>,
    pub stroke_opacity: Option<f32>,
    pub fill: Option<[u8; 3]>,
    pub fill_opacity: Option<f32>,
    pub marker_color: Option<[u8; 3]>,
}

impl Feature {
    /// A string property, if present and a string.
    pub fn prop_str(&self, key: &str) -> Option<&str> {
        self.properties.get(key).and_then(|v| v.as_str())
    }

    /// The reader's layer this feature came from, if any.
    pub fn user_layer(&self) -> Option<&str> {
        self.user.as_deref().map(|u| u.layer.as_str())
    }
}
