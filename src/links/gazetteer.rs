//! The gazetteer: every name, alias and demonym of the atlas (plus blocker phrases) compiled
//! into one Aho-Corasick automaton over folded text, and the raw scan of a text — boundary and
//! case checks, then leftmost-longest selection of non-overlapping matches.

use std::collections::{BTreeMap, HashMap};

use aho_corasick::{AhoCorasick, MatchKind};
use geo::{BoundingRect, Contains, InteriorPoint, Point, Rect};

use super::MentionKind;
use super::fold::{Folded, fold, fold_str};
use crate::atlas::{Feature, Kind};

/// The blocker phrases shipped with the crate (`src/links/blockers.toml`).
pub const BLOCKERS_TOML: &str = include_str!("blockers.toml");

/// Errors building the gazetteer.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("src/links/blockers.toml: {0}")]
    Blockers(String),
    #[error("gazetteer automaton: {0}")]
    Automaton(String),
}

/// Parse a blocker file: `phrases = ["Baku Dialogues", …]`.
pub fn parse_blockers(toml_text: &str) -> Result<Vec<String>, GazetteerError> {
    #[derive(serde::Deserialize)]
    struct File {
        phrases: Vec<String>,
    }
    let file: File =
        toml::from_str(toml_text).map_err(|e| GazetteerError::Blockers(e.to_string()))?;
    Ok(file.phrases)
}

/// How a name's surface form must be written for a match to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CaseRule {
    /// Any case (multi-word names, names that are not English words).
    Any,
    /// First letter uppercase (single-word names that are also English words; demonyms).
    Capitalised,
    /// Every word but short function words capitalised: a phrase made only of English words
    /// ("Northern Route") is a name only so written, never as a generic phrase ("the
    /// Northern route").
    TitleCase,
    /// Every letter uppercase (acronyms such as "BTC").
    AllCaps,
}

impl CaseRule {
    fn accepts(self, surface: &str) -> bool {
        match self {
            CaseRule::Any => true,
            CaseRule::Capitalised => surface
                .chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(|c| c.is_uppercase()),
            CaseRule::AllCaps => surface
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase()),
            CaseRule::TitleCase => surface
                .split(|c: char| c.is_whitespace() || c == '-')
                .filter(|w| !w.is_empty())
                .enumerate()
                .all(|(i, w)| {
                    (i > 0 && matches!(w, "of" | "the" | "and" | "de" | "e" | "i"))
                        || w.chars()
                            .find(|c| c.is_alphabetic())
                            .is_none_or(char::is_uppercase)
                }),
        }
    }
}

/// What one pattern may refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// Feature index, or `None` for a blocker phrase.
    pub feature: Option<usize>,
    pub kind: MentionKind,
    pub case: CaseRule,
    /// A name the feature does not list itself but answers to by rule (the bare stem of a
    /// "X Province"): weaker than a listed name when both are candidates.
    pub derived: bool,
    /// A name of a gazetteer feature ([`Kind::is_gazetteer`]): linked only with evidence.
    pub gazetteer: bool,
    /// The name is an English word or a person's name (in the shipped word list): it needs a
    /// place word next to it, and never links before a verb of speech.
    pub common: bool,
    /// Only an alternate name of a gazetteer place (not its name): weaker evidence.
    pub alias: bool,
}

/// What the resolver needs to know about a feature.
#[derive(Debug, Clone)]
pub struct Place {
    pub id: String,
    pub kind: Kind,
    /// Features this one lies in (its `country`, polygons containing its interior point), sorted.
    pub containers: Vec<usize>,
    /// The containing country, if known.
    pub country: Option<usize>,
    /// A representative lon/lat (points, and the interior point of areas that lie in others).
    pub point: Option<(f64, f64)>,
    /// The `population` property, 0 when absent.
    pub population: u64,
    /// The folded `province` property (gazetteer towns).
    pub province: Option<String>,
    /// A country, region or capital: a name that may speak for a government ("Bishkek asked").
    pub speaks: bool,
}

/// A match kept by [`Gazetteer::scan`].
#[derive(Debug, Clone)]
pub struct RawMatch {
    /// Byte span in the original text.
    pub start: usize,
    pub end: usize,
    /// Byte span in the folded text.
    pub fstart: usize,
    pub fend: usize,
    /// Targets that passed the case check; empty for a blocker.
    pub targets: Vec<Target>,
}

/// A region named "<demonym of its country> <name of another country>" ("Iranian
/// Azerbaijan"): in a document that names it, the bare country name may mean the region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShadowRegion {
    /// The region.
    pub region: usize,
    /// Its country (whose demonym opens the region's name).
    pub owner: usize,
    /// The country whose name the region's name ends with.
    pub country_named: usize,
    /// That name, folded.
    pub bare: String,
}

/// The compiled gazetteer.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    ac: AhoCorasick,
    patterns: Vec<Vec<Target>>,
    pub places: Vec<Place>,
    pub shadow_regions: Vec<ShadowRegion>,
}

/// Head nouns whose plural still names the feature ("… gas pipelines", "… fields").
const PLURAL_HEADS: [&str; 6] = [
    "pipeline", "railway", "railroad", "corridor", "field", "route",
];

/// Generic head nouns: two English words ending with one ("Northern route", "Middle
/// corridor") are a description unless both are capitalised.
const GENERIC_HEADS: [&str; 9] = [
    "route", "corridor", "pipeline", "railway", "road", "line", "way", "highway", "path",
];

/// Drop a trailing parenthetical qualifier: "Julfa (Nakhchivan)" → "Julfa".
fn strip_qualifier(name: &str) -> &str {
    match name.find('(') {
        Some(i) if i > 0 => name.get(..i).unwrap_or(name).trim(),
        _ => name.trim(),
    }
}

/// Drop a leading article: "the Caspian" → "Caspian" (the article is not part of the name,
/// and keeping it would let "the Caspian" shadow "Caspian Sea" in leftmost-longest matching).
fn strip_article(name: &str) -> &str {
    let t = name.trim();
    for article in ["the ", "The "] {
        if let Some(rest) = t.strip_prefix(article)
            && rest.chars().filter(|c| c.is_alphanumeric()).count() >= 2
        {
            return rest.trim_start();
        }
    }
    t
}

/// The case rule a name imposes on its surface forms.
pub fn case_rule(name: &str, kind: MentionKind, is_word: &dyn Fn(&str) -> bool) -> CaseRule {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    let single_word = !name.trim().contains(char::is_whitespace);
    if single_word && letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        return CaseRule::AllCaps;
    }
    if kind == MentionKind::Demonym {
        return CaseRule::Capitalised;
    }
    let folded = fold_str(name);
    let starts_upper = name
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase);
    // A single word that is also an English word, or a capitalised phrase made only of
    // English words ("Middle Corridor", "Western Route"), is a name only when capitalised.
    let all_words = folded
        .split(' ')
        .all(|w| !w.is_empty() && (is_word(w) || w.chars().count() == 1));
    if !folded.contains(' ') && all_words {
        CaseRule::Capitalised
    } else if starts_upper
        && all_words
        && folded.split(' ').count() == 2
        && folded
            .rsplit(' ')
            .next()
            .is_some_and(|w| GENERIC_HEADS.contains(&w))
    {
        // Two English words ("Northern Route"): a generic phrase unless both are capitalised.
        CaseRule::TitleCase
    } else if starts_upper && all_words {
        CaseRule::Capitalised
    } else {
        CaseRule::Any
    }
}

fn rank_kind(kind: Kind) -> u8 {
    match kind {
        Kind::Country => 0,
        Kind::MacroRegion => 1,
        Kind::Region => 2,
        Kind::Water => 3,
        Kind::Corridor => 4,
        Kind::Pipeline => 5,
        Kind::Field => 6,
        Kind::City => 7,
        Kind::River | Kind::Lake | Kind::Landform => 8,
        Kind::Town => 9,
    }
}

/// Containment rank: a larger entity reads as the default for a bare shared name.
pub fn kind_rank(kind: Kind) -> u8 {
    rank_kind(kind)
}

pub fn representative_point(f: &Feature) -> Option<Point<f64>> {
    match &f.geometry {
        geo::Geometry::Polygon(p) => polygon_interior_point(p).map(|(pt, _)| pt),
        // As `geo`: the interior point of the polygon with the widest inner scan segment.
        geo::Geometry::MultiPolygon(mp) => mp
            .iter()
            .filter_map(polygon_interior_point)
            .min_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Less))
            .map(|(pt, _)| pt),
        g => g.interior_point(),
    }
}

/// The interior point of a polygon and the length of its scan segment: the same point as
/// `geo`'s `InteriorPoint` (midpoint of the widest inside segment of a horizontal scan line
/// through the middle of the bounding box), computed without its general sweep and `relate`
/// machinery: the scan line is cut against each ring edge directly and the candidate
/// midpoints are located with a point-in-polygon test.
fn polygon_interior_point(polygon: &geo::Polygon<f64>) -> Option<(Point<f64>, f64)> {
    use geo::coordinate_position::{CoordPos, CoordinatePosition};
    use geo::line_intersection::{LineIntersection, line_intersection};
    use geo::{CoordsIter, Line, LinesIter};
    let ext = &polygon.exterior().0;
    if ext.len() == 1 {
        return ext.first().map(|c| (Point::from(*c), 0.0));
    }
    let bounds = polygon.bounding_rect()?;
    let mut y_mid = (bounds.min().y + bounds.max().y) / 2.0;
    if polygon.coords_iter().any(|c| c.y == y_mid) {
        let next_closest = polygon
            .coords_iter()
            .filter_map(|c| (c.y != y_mid).then_some((c.y, (c.y - y_mid).abs())))
            .min_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Less));
        if let Some((closest, _)) = next_closest {
            y_mid = (y_mid + closest) / 2.0;
        }
    }
    let scan = Line::new(
        geo::Coord {
            x: bounds.min().x,
            y: y_mid,
        },
        geo::Coord {
            x: bounds.max().x,
            y: y_mid,
        },
    );
    let mut xs: Vec<f64> = Vec::new();
    for l in polygon.lines_iter() {
        // Cheap reject: the edge does not reach the scan line.
        let (lo, hi) = if l.start.y <= l.end.y {
            (l.start.y, l.end.y)
        } else {
            (l.end.y, l.start.y)
        };
        if lo > y_mid || hi < y_mid {
            continue;
        }
        match line_intersection(scan, l) {
            Some(LineIntersection::Collinear { intersection }) => {
                xs.push(intersection.start.x);
                xs.push(intersection.end.x);
            }
            Some(LineIntersection::SinglePoint { intersection, .. }) => xs.push(intersection.x),
            None => {}
        }
    }
    xs.sort_by(f64::total_cmp);
    let mut segments: Vec<(Point<f64>, f64)> = xs
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some((Point::new((a + b) / 2.0, y_mid), b - a)),
            _ => None,
        })
        .collect();
    segments.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (midpoint, length) in segments {
        match polygon.coordinate_position(&midpoint.0) {
            CoordPos::Inside => return Some((midpoint, length)),
            CoordPos::OnBoundary => return Some((midpoint, 0.0)),
            CoordPos::Outside => {}
        }
    }
    polygon.coords_iter().next().map(|c| (Point::from(c), 0.0))
}

/// Compute the containers of every feature: its `country` property, and every country or
/// region polygon that contains its interior point.
/// Indices of the features whose area contains a point (lon, lat): a spatial index's answer.
pub type Locate<'a> = &'a dyn Fn(f64, f64) -> Vec<usize>;

fn compute_places(features: &[Feature], locate: Option<Locate<'_>>) -> Vec<Place> {
    let index: HashMap<&str, usize> = features
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    let areas: Vec<(usize, Rect<f64>)> = features
        .iter()
        .enumerate()
        .filter(|(_, f)| matches!(f.kind, Kind::Country | Kind::Region))
        .filter(|(_, f)| {
            matches!(
                f.geometry,
                geo::Geometry::Polygon(_) | geo::Geometry::MultiPolygon(_)
            )
        })
        .filter_map(|(i, f)| f.geometry.bounding_rect().map(|r| (i, r)))
        .collect();
    features
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let country = f.prop_str("country").and_then(|c| index.get(c).copied());
            let mut containers: Vec<usize> = country.into_iter().collect();
            if let Some(list) = f.properties.get("countries").and_then(|v| v.as_array()) {
                containers.extend(
                    list.iter()
                        .filter_map(|c| c.as_str().and_then(|c| index.get(c).copied())),
                );
            }
            // A line (pipeline, corridor, river) crosses areas rather than lies in them.
            // Countries, macro-regions and waters lie in no feature used as evidence (and
            // the interior point of a big country is costly to find).
            let is_line = matches!(
                f.geometry,
                geo::Geometry::LineString(_) | geo::Geometry::MultiLineString(_)
            ) || matches!(f.kind, Kind::Country | Kind::MacroRegion | Kind::Water);
            if let Some(p) = representative_point(f).filter(|_| !is_line) {
                let is_area = |j: usize| areas.binary_search_by_key(&j, |&(k, _)| k).is_ok();
                // A region does not lie in a smaller-rank feature.
                let bigger = |j: usize| {
                    features
                        .get(j)
                        .is_some_and(|g| rank_kind(g.kind) <= rank_kind(f.kind))
                };
                match locate {
                    Some(locate) => {
                        for j in locate(p.x(), p.y()) {
                            if j != i && is_area(j) && bigger(j) {
                                containers.push(j);
                            }
                        }
                    }
                    None => {
                        for &(j, rect) in &areas {
                            if j == i || !rect.contains(&p) || !bigger(j) {
                                continue;
                            }
                            if features.get(j).is_some_and(|g| g.geometry.contains(&p)) {
                                containers.push(j);
                            }
                        }
                    }
                }
            }
            containers.sort_unstable();
            containers.dedup();
            let country = country.or_else(|| {
                containers
                    .iter()
                    .copied()
                    .find(|&j| features.get(j).is_some_and(|g| g.kind == Kind::Country))
            });
            let point = match &f.geometry {
                geo::Geometry::Point(p) => Some((p.x(), p.y())),
                _ if !is_line => representative_point(f).map(|p| (p.x(), p.y())),
                _ => None,
            };
            Place {
                id: f.id.clone(),
                kind: f.kind,
                containers,
                country,
                point,
                population: f
                    .properties
                    .get("population")
                    .and_then(serde_json::Value::as_u64)
                    .unwrap_or(0),
                province: f.prop_str("province").map(fold_str),
                speaks: matches!(f.kind, Kind::Country | Kind::MacroRegion | Kind::Region)
                    || f.prop_str("role") == Some("capital"),
            }
        })
        .collect()
}

/// Find the regions named "<demonym of their country> <country name>".
fn shadow_regions(features: &[Feature], places: &[Place]) -> Vec<ShadowRegion> {
    let mut country_names: Vec<(String, usize)> = Vec::new();
    for (i, f) in features.iter().enumerate() {
        if f.kind == Kind::Country {
            for n in std::iter::once(&f.name).chain(&f.aliases) {
                country_names.push((fold_str(strip_article(n)), i));
            }
        }
    }
    let mut out = Vec::new();
    for (r, f) in features.iter().enumerate() {
        if f.kind != Kind::Region {
            continue;
        }
        let Some(owner) = places.get(r).and_then(|p| p.country) else {
            continue;
        };
        let Some(owner_f) = features.get(owner) else {
            continue;
        };
        let demonyms: Vec<String> = owner_f.demonyms.iter().map(|d| fold_str(d)).collect();
        for n in std::iter::once(&f.name).chain(&f.aliases) {
            let folded = fold_str(strip_qualifier(n));
            let Some((first, rest)) = folded.split_once(' ') else {
                continue;
            };
            if !demonyms.iter().any(|d| d == first) {
                continue;
            }
            for (name, c) in &country_names {
                if name == rest && *c != owner {
                    let s = ShadowRegion {
                        region: r,
                        owner,
                        country_named: *c,
                        bare: name.clone(),
                    };
                    if !out.contains(&s) {
                        out.push(s);
                    }
                }
            }
        }
    }
    out
}

impl Gazetteer {
    /// Build from the atlas features, a predicate telling whether a folded single word is a
    /// common English word, and blocker phrases.
    pub fn new(
        features: &[Feature],
        is_word: &dyn Fn(&str) -> bool,
        blockers: &[String],
    ) -> Result<Gazetteer, GazetteerError> {
        Gazetteer::with_locator(features, is_word, blockers, None)
    }

    /// [`Gazetteer::new`], asking `locate` (a spatial index) which areas contain a point
    /// instead of testing every country and region polygon.
    pub fn with_locator(
        features: &[Feature],
        is_word: &dyn Fn(&str) -> bool,
        blockers: &[String],
        locate: Option<Locate<'_>>,
    ) -> Result<Gazetteer, GazetteerError> {
        let places = compute_places(features, locate);
        // folded pattern -> targets; BTreeMap for a deterministic automaton.
        let mut table: BTreeMap<String, Vec<Target>> = BTreeMap::new();
        fn add(table: &mut BTreeMap<String, Vec<Target>>, text: &str, target: Target) {
            let folded = fold_str(text);
            if folded.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                return;
            }
            let entry = table.entry(folded).or_default();
            if let Some(existing) = entry.iter_mut().find(|t| t.feature == target.feature) {
                // Name beats demonym; the looser case rule of two spellings wins.
                if target.kind < existing.kind {
                    *existing = target;
                } else if target.kind == existing.kind && target.case < existing.case {
                    existing.case = target.case;
                }
            } else {
                entry.push(target);
            }
        }
        // A single-word name that is an English word or a person's name ("Mary", "Van").
        let common_of = |case: CaseRule| matches!(case, CaseRule::Capitalised);
        for (i, f) in features.iter().enumerate() {
            if f.kind.is_gazetteer() {
                continue;
            }
            let mut names: Vec<&str> = vec![f.name.as_str()];
            names.extend(f.aliases.iter().map(String::as_str));
            for n in names {
                let n = strip_article(n);
                for variant in [n, strip_qualifier(n)] {
                    // "the South Caucasus gas pipelines": a plural of a name whose head is
                    // an infrastructure noun still names the feature.
                    let last = variant.rsplit(' ').next().unwrap_or("").to_lowercase();
                    if PLURAL_HEADS.contains(&last.as_str()) {
                        let case = case_rule(variant, MentionKind::Name, is_word);
                        add(
                            &mut table,
                            &format!("{variant}s"),
                            Target {
                                feature: Some(i),
                                kind: MentionKind::Name,
                                case,
                                derived: false,
                                gazetteer: false,
                                alias: false,
                                common: common_of(case),
                            },
                        );
                    }
                    let case = case_rule(variant, MentionKind::Name, is_word);
                    add(
                        &mut table,
                        variant,
                        Target {
                            feature: Some(i),
                            kind: MentionKind::Name,
                            case,
                            derived: false,
                            gazetteer: false,
                            alias: false,
                            common: common_of(case),
                        },
                    );
                }
            }
            for d in &f.demonyms {
                let d = strip_article(d);
                add(
                    &mut table,
                    d,
                    Target {
                        feature: Some(i),
                        kind: MentionKind::Demonym,
                        case: case_rule(d, MentionKind::Demonym, is_word),
                        derived: false,
                        gazetteer: false,
                        alias: false,
                        common: false,
                    },
                );
            }
        }
        // Administrative type words are used interchangeably in English prose ("Jabrayil
        // region" for Jabrayil District): add the other type words to region names that end
        // with one, unless another feature already has that spelling.
        const TYPE_WORDS: [&str; 4] = ["district", "region", "province", "rayon"];
        let mut stems: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, f) in features.iter().enumerate() {
            if f.kind != Kind::Region {
                continue;
            }
            let mut own_stems: Vec<String> = std::iter::once(&f.name)
                .chain(&f.aliases)
                .filter_map(|n| {
                    let folded = fold_str(strip_qualifier(strip_article(n)));
                    let (stem, last) = folded.rsplit_once(' ')?;
                    TYPE_WORDS.contains(&last).then(|| stem.to_string())
                })
                .collect();
            own_stems.sort();
            own_stems.dedup();
            for stem in own_stems {
                // The bare stem ("Zanjan" for Zanjan Province) when no other feature has that
                // name, or only places inside the region do (a same-named city: the name is
                // then shared, the city staying the default reading, see `resolve`).
                let free = table.get(&stem).is_none_or(|targets| {
                    targets.iter().all(|t| {
                        t.feature.is_some_and(|g| {
                            places
                                .get(g)
                                .is_some_and(|p| p.containers.binary_search(&i).is_ok())
                        })
                    })
                });
                if free || stems.contains_key(&stem) {
                    stems.entry(stem.clone()).or_default().push(i);
                }
                for t in TYPE_WORDS {
                    let variant = format!("{stem} {t}");
                    if table
                        .get(&variant)
                        .is_some_and(|ts| ts.iter().any(|x| x.feature != Some(i)))
                    {
                        continue;
                    }
                    add(
                        &mut table,
                        &variant,
                        Target {
                            feature: Some(i),
                            kind: MentionKind::Name,
                            case: CaseRule::Any,
                            derived: false,
                            gazetteer: false,
                            alias: false,
                            common: false,
                        },
                    );
                }
            }
        }
        for (stem, regions) in stems {
            let case = if stem.contains(' ') || !is_word(&stem) {
                CaseRule::Any
            } else {
                CaseRule::Capitalised
            };
            for i in regions {
                add(
                    &mut table,
                    &stem,
                    Target {
                        feature: Some(i),
                        kind: MentionKind::Name,
                        case,
                        derived: true,
                        gazetteer: false,
                        alias: false,
                        common: common_of(case),
                    },
                );
            }
        }
        // The gazetteer layers: a curated feature of the same name wins; names under three
        // letters ("Of") are left out; every name must be capitalised.
        for (i, f) in features.iter().enumerate() {
            if !f.kind.is_gazetteer() {
                continue;
            }
            for (k, n) in std::iter::once(&f.name).chain(&f.aliases).enumerate() {
                let n = strip_article(n);
                for variant in [n, strip_qualifier(n)] {
                    let folded = fold_str(variant);
                    if folded.chars().filter(|c| c.is_alphanumeric()).count() < 3
                        || super::choose::never_a_place(&folded)
                        || table
                            .get(&folded)
                            .is_some_and(|ts| ts.iter().any(|t| !t.gazetteer && !t.derived))
                    {
                        continue;
                    }
                    // The word list also accepts inflections ("Sivas" as a plural of
                    // "siva"): a name that is only a plural of a word is not taken for one.
                    let plural_only = |w: &str| {
                        w.len() > 4
                            && w.strip_suffix('s')
                                .is_some_and(|stem| !stem.ends_with('s') && is_word(stem))
                    };
                    let common = folded
                        .split(' ')
                        .all(|w| w.chars().count() <= 2 || (is_word(w) && !plural_only(w)));
                    add(
                        &mut table,
                        variant,
                        Target {
                            feature: Some(i),
                            kind: MentionKind::Name,
                            case: if folded.contains(' ') && common {
                                CaseRule::TitleCase
                            } else {
                                CaseRule::Capitalised
                            },
                            derived: false,
                            gazetteer: true,
                            common,
                            alias: k > 0,
                        },
                    );
                }
            }
        }
        for b in blockers {
            let folded = fold_str(b);
            // A curated feature that has the phrase as a name wins over the blocker; the
            // blocker wins over a gazetteer place.
            if table
                .get(&folded)
                .is_some_and(|ts| ts.iter().any(|t| !t.gazetteer))
            {
                continue;
            }
            table.remove(&folded);
            add(
                &mut table,
                b,
                Target {
                    feature: None,
                    kind: MentionKind::Name,
                    case: CaseRule::Any,
                    derived: false,
                    gazetteer: false,
                    alias: false,
                    common: false,
                },
            );
        }
        let (keys, patterns): (Vec<String>, Vec<Vec<Target>>) = table.into_iter().unzip();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&keys)
            .map_err(|e| GazetteerError::Automaton(e.to_string()))?;
        let shadow_regions = shadow_regions(features, &places);
        Ok(Gazetteer {
            ac,
            patterns,
            places,
            shadow_regions,
        })
    }

    /// Number of distinct folded patterns compiled.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Find all matches in `text`: word-bounded, case-checked, leftmost-longest,
    /// non-overlapping. Blocker matches are kept (with no targets) so callers can see them.
    pub fn scan(&self, text: &str) -> (Folded, Vec<RawMatch>) {
        let folded = fold(text);
        let mut found: Vec<RawMatch> = Vec::new();
        for m in self.ac.find_overlapping_iter(folded.text.as_str()) {
            let (fs, fe) = (m.start(), m.end());
            let before_ok = folded.char_before(fs).is_none_or(|c| !c.is_alphanumeric());
            let after_ok = folded.char_at(fe).is_none_or(|c| !c.is_alphanumeric());
            if !before_ok || !after_ok {
                continue;
            }
            let Some((start, end)) = folded.original_span(fs, fe) else {
                continue;
            };
            let Some(surface) = text.get(start..end) else {
                continue;
            };
            let Some(targets) = self.patterns.get(m.pattern().as_usize()) else {
                continue;
            };
            let mut kept: Vec<Target> = targets
                .iter()
                .copied()
                .filter(|t| t.case.accepts(surface))
                .collect();
            if kept.is_empty() {
                continue;
            }
            if kept.iter().any(|t| t.feature.is_none()) {
                kept.clear();
            } else if kept.iter().any(|t| t.kind == MentionKind::Name) {
                kept.retain(|t| t.kind == MentionKind::Name);
            }
            found.push(RawMatch {
                start,
                end,
                fstart: fs,
                fend: fe,
                targets: kept,
            });
        }
        found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut selected = Vec::with_capacity(found.len());
        let mut last_end = 0usize;
        for m in found {
            if m.start >= last_end {
                last_end = m.end;
                selected.push(m);
            }
        }
        (folded, selected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_blockers_parse() {
        let b = parse_blockers(BLOCKERS_TOML);
        assert!(b.as_ref().is_ok_and(|v| !v.is_empty()), "{b:?}");
    }

    #[test]
    fn case_rules() {
        let words = |w: &str| matches!(w, "van" | "turkey" | "tap");
        assert_eq!(
            case_rule("Van", MentionKind::Name, &words),
            CaseRule::Capitalised
        );
        assert_eq!(
            case_rule("Turkey", MentionKind::Name, &words),
            CaseRule::Capitalised
        );
        assert_eq!(case_rule("Baku", MentionKind::Name, &words), CaseRule::Any);
        assert_eq!(
            case_rule("TAP", MentionKind::Name, &words),
            CaseRule::AllCaps
        );
        assert_eq!(
            case_rule("Black Sea", MentionKind::Name, &words),
            CaseRule::Any
        );
        assert_eq!(
            case_rule("Iranian", MentionKind::Demonym, &words),
            CaseRule::Capitalised
        );
        assert!(CaseRule::Capitalised.accepts("Van"));
        assert!(!CaseRule::Capitalised.accepts("van"));
        assert!(CaseRule::AllCaps.accepts("BTC"));
        assert!(!CaseRule::AllCaps.accepts("Btc"));
    }

    #[test]
    fn qualifier_is_stripped() {
        assert_eq!(strip_qualifier("Julfa (Nakhchivan)"), "Julfa");
        assert_eq!(strip_qualifier("Baku"), "Baku");
        assert_eq!(strip_qualifier("(odd)"), "(odd)");
        assert_eq!(strip_article("the Caspian"), "Caspian");
        assert_eq!(strip_article("The Gulf"), "Gulf");
        assert_eq!(strip_article("the"), "the");
        assert_eq!(strip_article("Theodosia"), "Theodosia");
    }

    #[test]
    fn interior_points_match_geo() {
        let atlas = crate::atlas::Atlas::load_embedded();
        let mut checked = 0;
        for f in atlas.features() {
            if matches!(
                f.geometry,
                geo::Geometry::Polygon(_) | geo::Geometry::MultiPolygon(_)
            ) {
                assert_eq!(
                    representative_point(f),
                    f.geometry.interior_point(),
                    "{}",
                    f.id
                );
                checked += 1;
            }
        }
        assert!(checked > 20, "{checked}");
        // A polygon with a hole across the middle: the point lies beside the hole.
        let p = geo::Polygon::new(
            geo::LineString::from(vec![(0.0, 0.0), (10.0, 0.0), (10.0, 4.0), (0.0, 4.0)]),
            vec![geo::LineString::from(vec![
                (1.0, 1.0),
                (1.0, 3.0),
                (8.0, 3.0),
                (8.0, 1.0),
            ])],
        );
        let f = Feature {
            geometry: geo::Geometry::Polygon(p.clone()),
            ..atlas.features()[0].clone()
        };
        assert_eq!(representative_point(&f), p.interior_point());
    }
}
