//! The problem model of validation: `Severity`, `Problem` (`file:index[id]: reason`) and `Reason`.

use std::fmt;

use super::super::raw::RawError;

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
        let mut line = clip_to(&self.file, MAX_FILE_CHARS);
        if let Some(i) = self.feature {
            line.push_str(&format!(":{i}"));
            if let Some(id) = &self.id {
                line.push_str(&format!("[{}]", clip(id)));
            }
        }
        line.push_str(&format!(": {}", self.reason));
        // Whatever a file holds, one problem is one printable line.
        f.write_str(&escape_controls(&line))
    }
}

/// How many characters of a value a message quotes.
pub const MAX_QUOTED_CHARS: usize = 80;
const MAX_FILE_CHARS: usize = 400;

/// A value for a message: at most [`MAX_QUOTED_CHARS`] characters, then "…".
pub fn clip(s: &str) -> String {
    clip_to(s, MAX_QUOTED_CHARS)
}

fn clip_to(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", s.get(..cut).unwrap_or(s)),
        None => s.to_string(),
    }
}

/// Control characters (ANSI escapes, newlines, carriage returns, bidi overrides) written as
/// `\u{…}` so a file cannot forge lines or drive the terminal.
pub fn escape_controls(s: &str) -> String {
    let bidi = |c: char| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}');
    if !s.chars().any(|c| c.is_control() || bidi(c)) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() || bidi(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
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
    #[error("{hole} lies outside the {shell}")]
    HoleOutside { hole: String, shell: String },
    #[error("{hole} encloses the {shell} (a hole must lie inside its shell)")]
    HoleEncloses { hole: String, shell: String },
    #[error("polygon {a} and polygon {b} overlap near ({lon:?}, {lat:?})")]
    PartsOverlap {
        a: usize,
        b: usize,
        lon: f64,
        lat: f64,
    },
    #[error("{what} has zero length (all its positions are the same point)")]
    ZeroLength { what: String },
    #[error(
        "{what} crosses the antimeridian between positions {index} and {} (longitude {from:?} to {to:?}); RFC 7946 §3.1.9 wants the shape split in two there",
        index + 1
    )]
    Antimeridian {
        what: String,
        index: usize,
        from: f64,
        to: f64,
    },
    #[error(
        "`crs` names {0}; RFC 7946 requires WGS 84 longitude/latitude (CRS84), so the file was not read"
    )]
    OtherCrs(String),
    // Contract deviations that do not stop the feature from loading:
    #[error("no name (looked in {0}); shown by its id")]
    NoName(&'static str),
    #[error(
        "no feature has the atlas' own properties (summary, aliases, sources): shown without them"
    )]
    NoAtlasProperties,
    #[error("no id; made `{0}`")]
    MadeId(String),
    #[error("no geometry (valid GeoJSON, but nothing to draw); not loaded")]
    NoGeometryUser,
    #[error("{0} is not drawn by the atlas; not loaded")]
    UnsupportedGeometry(&'static str),
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
