//! Which gazetteer place a passage means, and whether it means one at all: candidates kept by
//! a kind cue, shared names decided by the passage and the document (country, then distance,
//! then one place's namesakes), and the acceptance of each name in rounds, names accepted
//! supporting the others.

use std::cell::RefCell;
use std::collections::HashMap;

use super::evidence::{BEFORE_STRONG, Context, lower, next_word, place_context, prev_word};
use super::gazetteer::Place;
use crate::atlas::Kind;

/// What one passage offers as support for a place: the features linked in it (distinct,
/// sorted), its folded text, and which provinces that text names (each looked for once per
/// passage: looking again for every name made a long passage full of names quadratic).
pub struct Support<'a> {
    mentioned: Vec<usize>,
    folded: &'a str,
    provinces: RefCell<HashMap<String, bool>>,
}

impl<'a> Support<'a> {
    pub fn new(mentioned: impl IntoIterator<Item = usize>, folded: &'a str) -> Support<'a> {
        let mut s = Support {
            mentioned: Vec::new(),
            folded,
            provinces: RefCell::new(HashMap::new()),
        };
        s.set_mentioned(mentioned);
        s
    }

    /// The passage's linked features changed (names accepted in a round); the text did not.
    fn set_mentioned(&mut self, mentioned: impl IntoIterator<Item = usize>) {
        self.mentioned = mentioned.into_iter().collect();
        self.mentioned.sort_unstable();
        self.mentioned.dedup();
    }

    fn names_province(&self, province: &str) -> bool {
        if let Some(&known) = self.provinces.borrow().get(province) {
            return known;
        }
        let found = contains_words(self.folded, province);
        self.provinces
            .borrow_mut()
            .insert(province.to_string(), found);
        found
    }
}

/// Does the passage name the place's country, a region it lies in, a place of its country,
/// or its province?
pub fn supported(places: &[Place], c: usize, passage: &Support<'_>) -> bool {
    supported_by(places, c, passage, true)
}

/// [`supported`]; `by_neighbours`: other places of the same country nearby count (not for a
/// place named only by an alternate name: "the treaty of Gulistan" near Tehran is no village).
fn supported_by(places: &[Place], c: usize, passage: &Support<'_>, by_neighbours: bool) -> bool {
    let Some(pc) = places.get(c) else {
        return false;
    };
    for &g in &passage.mentioned {
        if g == c {
            continue;
        }
        let Some(pg) = places.get(g) else {
            continue;
        };
        if pc.containers.binary_search(&g).is_ok() && Some(g) != pc.country {
            return true;
        }
        // A place of the same country nearby (a country named alone supports only a sizeable
        // town: a passage naming Iran, or Tehran, says little about one of its villages).
        let same_country = pc.country.is_some() && pc.country == pg.country;
        let nearby = match (pc.point, pg.point) {
            (Some(a), Some(b)) => km(a, b) <= NEARBY_KM,
            _ => false,
        };
        if by_neighbours
            && same_country
            && nearby
            && matches!(pg.kind, Kind::City | Kind::Town | Kind::Region)
        {
            return true;
        }
        if Some(g) == pc.country && pc.population >= COUNTRY_SUPPORT {
            return true;
        }
    }
    pc.province
        .as_deref()
        .filter(|p| p.len() >= 3)
        .is_some_and(|p| passage.names_province(p))
}

/// `needle` occurs in `hay` between word boundaries.
fn contains_words(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, _)| {
        let before = hay.get(..i).and_then(|b| b.chars().next_back());
        let after = hay.get(i + needle.len()..).and_then(|a| a.chars().next());
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Approximate ground distance in km between two lon/lat points.
fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let lat = ((a.1 + b.1) / 2.0).to_radians();
    let dx = (a.0 - b.0) * lat.cos();
    let dy = a.1 - b.1;
    (dx * dx + dy * dy).sqrt() * 111.2
}

/// How near another named place of the same country must be to support a town.
pub const NEARBY_KM: f64 = 200.0;

/// Month and weekday names: never a gazetteer place ("in March", "28 May").
#[rustfmt::skip]
const CALENDAR: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
];

/// A gazetteer name that is never taken for a place: a month or weekday, or a name with digits.
pub fn never_a_place(folded_name: &str) -> bool {
    folded_name.chars().any(|c| c.is_ascii_digit())
        || folded_name.split(' ').any(|w| CALENDAR.contains(&w))
}

/// The population from which naming the country alone supports a town.
pub const COUNTRY_SUPPORT: u64 = 20_000;

/// A population that makes a town well known: linked on its name alone when that is not a
/// word.
pub const WELL_KNOWN: u64 = 100_000;

/// Choose among gazetteer places that share a name: the one the passage supports; else the
/// one in a country the document names; else the one nearest the document's other places
/// (clearly nearer than the next); else a town that dwarfs the others; else none.
pub fn choose(
    places: &[Place],
    cands: &[usize],
    passage: &Support<'_>,
    document: &HashMap<usize, u32>,
) -> Option<usize> {
    if let [only] = cands {
        return Some(*only);
    }
    let sup: Vec<usize> = cands
        .iter()
        .copied()
        .filter(|&c| supported(places, c, passage))
        .collect();
    if let [only] = sup.as_slice() {
        return Some(*only);
    }
    let pool: Vec<usize> = if sup.is_empty() { cands.to_vec() } else { sup };
    let in_named_country: Vec<usize> = pool
        .iter()
        .copied()
        .filter(|&c| {
            places
                .get(c)
                .and_then(|p| p.country)
                .is_some_and(|k| document.contains_key(&k))
        })
        .collect();
    if let [only] = in_named_country.as_slice() {
        return Some(*only);
    }
    let points: Vec<(f64, f64)> = document
        .keys()
        .filter(|g| !pool.contains(g))
        .filter_map(|&g| places.get(g))
        .filter(|p| matches!(p.kind, Kind::City | Kind::Town | Kind::Field | Kind::Region))
        .filter_map(|p| p.point)
        .collect();
    if !points.is_empty() {
        let mut dist: Vec<(f64, usize)> = pool
            .iter()
            .filter_map(|&c| {
                let p = places.get(c)?.point?;
                let d = points
                    .iter()
                    .map(|&q| km(p, q))
                    .fold(f64::INFINITY, f64::min);
                Some((d, c))
            })
            .collect();
        dist.sort_by(|a, b| a.0.total_cmp(&b.0));
        match dist.as_slice() {
            [(d, c)] if *d < 600.0 => return Some(*c),
            [(d1, c), (d2, _), ..] if *d1 < 600.0 && *d2 > 1.5 * d1 + 10.0 => return Some(*c),
            _ => {}
        }
    }
    let mut pops: Vec<(u64, usize)> = pool
        .iter()
        .filter_map(|&c| places.get(c).map(|p| (p.population, c)))
        .collect();
    pops.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    // Entries of one place (a town and its namesake village next to it): the larger.
    if let Some(&(_, top)) = pops.first()
        && let Some(tp) = places.get(top).and_then(|p| p.point)
        && pool.iter().all(|&c| {
            places
                .get(c)
                .and_then(|p| p.point)
                .is_some_and(|q| km(tp, q) <= 30.0)
        })
    {
        return Some(top);
    }
    // A town with a population figure over namesakes GeoNames lists without one (hamlets,
    // seats of districts): the town.
    if let [(p1, c), rest @ ..] = pops.as_slice()
        && *p1 >= 10_000
        && !rest.is_empty()
        && rest.iter().all(|(p, _)| *p == 0)
    {
        return Some(*c);
    }
    // One town recorded twice with the very same population, once without its province (a
    // duplicate record placed elsewhere): the record with a province. Namesakes that merely
    // differ in size stay ambiguous (Armavir, Shirvan) unless one dwarfs the others.
    if let [(p1, _), ..] = pops.as_slice()
        && *p1 > 0
        && pops.iter().all(|(p, _)| p == p1)
    {
        let with_province: Vec<usize> = pops
            .iter()
            .map(|&(_, c)| c)
            .filter(|&c| places.get(c).is_some_and(|p| p.province.is_some()))
            .collect();
        if let [only] = with_province.as_slice() {
            return Some(*only);
        }
    }
    // A town ten times the size of every namesake (villages that share its name).
    match pops.as_slice() {
        [(p1, c), (p2, _), ..] if *p1 >= 10_000 && *p1 >= 10 * p2 => Some(*c),
        _ => None,
    }
}

/// A gazetteer name found in a passage, waiting for its evidence.
#[derive(Debug, Clone)]
pub struct Pending {
    pub start: usize,
    pub end: usize,
    /// Candidate places, each with whether it matched only by an alternate name.
    pub candidates: Vec<(usize, bool)>,
    /// The name is an English word or a person's name.
    pub common: bool,
    /// The name has several words.
    pub words: bool,
}

/// The candidates a cue keeps: names over alternate names; a river for "the Kura" or "Kura
/// river", a town for "in Naryn" or "Naryn town".
fn cue_filter(
    places: &[Place],
    cands: &[(usize, bool)],
    text: &str,
    start: usize,
    end: usize,
) -> Vec<usize> {
    let c = cands;
    const PHYSICAL: &[Kind] = &[Kind::River, Kind::Lake, Kind::Landform];
    let next = next_word(text, end).map(lower);
    let prev = prev_word(text, start).map(lower);
    let want: Option<&[Kind]> = match next.as_deref() {
        Some("river") => Some(&[Kind::River]),
        Some("lake" | "reservoir") => Some(&[Kind::Lake]),
        Some("pass" | "mountains" | "range" | "peninsula" | "desert" | "plateau" | "valley") => {
            Some(&[Kind::Landform])
        }
        Some("town" | "city" | "village") => Some(&[Kind::Town]),
        _ => match prev.as_deref() {
            Some("the") => Some(PHYSICAL),
            Some(p) if BEFORE_STRONG.contains(&p) => Some(&[Kind::Town]),
            _ => None,
        },
    };
    let ids: Vec<usize> = c.iter().map(|x| x.0).collect();
    if let Some(kinds) = want {
        let kept: Vec<usize> = ids
            .iter()
            .copied()
            .filter(|&i| places.get(i).is_some_and(|p| kinds.contains(&p.kind)))
            .collect();
        if !kept.is_empty() {
            return kept;
        }
    }
    ids
}

/// Decide the gazetteer names of one passage. `linked` are the passage's other mentions
/// `(start, end, feature)`, `document` counts the document's mentions. A name that is a word
/// needs a place word next to it (or a list with a linked place); any other name a place word,
/// its country, province or a place of its country in the passage, a well-known place, a name
/// of several words, or a list with a linked place. Names accepted support the others, in a
/// few rounds. Returns the accepted `(start, end, feature)`.
pub fn link_places(
    places: &[Place],
    text: &str,
    folded: &str,
    linked: &[(usize, usize, usize)],
    document: &HashMap<usize, u32>,
    pending: &[Pending],
) -> Vec<(usize, usize, usize)> {
    let mut accepted: Vec<Option<usize>> = vec![None; pending.len()];
    let mut support = Support::new([], folded);
    for _round in 0..4 {
        let taken: Vec<(usize, usize, usize)> = linked
            .iter()
            .copied()
            .chain(
                pending
                    .iter()
                    .zip(&accepted)
                    .filter_map(|(g, a)| a.map(|c| (g.start, g.end, c))),
            )
            .collect();
        support.set_mentioned(taken.iter().map(|t| t.2));
        let near = Neighbours::new(&taken);
        let mut doc = document.clone();
        for &(_, _, c) in &taken {
            *doc.entry(c).or_insert(0) += 1;
        }
        let mut changed = false;
        for (g, slot) in pending.iter().zip(accepted.iter_mut()) {
            if slot.is_some() {
                continue;
            }
            let cands = cue_filter(places, &g.candidates, text, g.start, g.end);
            // Undecided between places so named and places so spelt only by an alternate
            // name: the ones so named.
            let named: Vec<usize> = cands
                .iter()
                .copied()
                .filter(|&i| g.candidates.iter().any(|&(j, alias)| j == i && !alias))
                .collect();
            let Some(c) = choose(places, &cands, &support, &doc).or_else(|| {
                (!named.is_empty() && named.len() < cands.len())
                    .then(|| choose(places, &named, &support, &doc))
                    .flatten()
            }) else {
                continue;
            };
            let Some(pc) = places.get(c) else {
                continue;
            };
            let alias = g.candidates.iter().any(|&(i, a)| i == c && a);
            let physical = matches!(pc.kind, Kind::River | Kind::Lake | Kind::Landform);
            let context = place_context(text, g.start, g.end, physical);
            let well_known = pc.population >= WELL_KNOWN;
            let the_before = prev_word(text, g.start).is_some_and(|p| lower(p) == "the");
            // A list with a town, or with the country or region the place lies in.
            let listed = near.around(g.start, g.end).any(|(a, b, other)| {
                let fits = places.get(other).is_some_and(|po| {
                    matches!(po.kind, Kind::City | Kind::Town)
                        || pc.containers.binary_search(&other).is_ok()
                });
                if !fits {
                    return false;
                }
                let gap = if b <= g.start {
                    text.get(b..g.start)
                } else if g.end <= a {
                    text.get(g.end..a)
                } else {
                    None
                };
                gap.is_some_and(is_list_separator)
            });
            let ok = if g.common {
                context == Context::Strong || (well_known && context >= Context::Weak) || listed
            } else if alias {
                context >= Context::Weak || listed || supported_by(places, c, &support, false)
            } else {
                context >= Context::Weak
                    || g.words
                    || (physical && the_before)
                    || well_known
                    || listed
                    || supported(places, c, &support)
            };
            if ok {
                *slot = Some(c);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    pending
        .iter()
        .zip(accepted)
        .filter_map(|(g, a)| a.map(|c| (g.start, g.end, c)))
        .collect()
}

/// The longest gap between two items of a list that [`is_list_separator`] accepts.
const LIST_GAP: usize = 8;

/// The mentions a name could be listed with: those ending at most [`LIST_GAP`] bytes before it
/// or starting at most that far after it, found by binary search (a scan of all the passage's
/// mentions per name was quadratic).
struct Neighbours {
    by_end: Vec<(usize, usize, usize)>,
    by_start: Vec<(usize, usize, usize)>,
}

impl Neighbours {
    fn new(taken: &[(usize, usize, usize)]) -> Neighbours {
        let mut by_end = taken.to_vec();
        by_end.sort_unstable_by_key(|t| t.1);
        let mut by_start = taken.to_vec();
        by_start.sort_unstable_by_key(|t| t.0);
        Neighbours { by_end, by_start }
    }

    /// `(start, end, feature)` of the mentions ending in `start - LIST_GAP ..= start` or
    /// starting in `end ..= end + LIST_GAP`.
    fn around(&self, start: usize, end: usize) -> impl Iterator<Item = (usize, usize, usize)> {
        let lo = self
            .by_end
            .partition_point(|t| t.1 < start.saturating_sub(LIST_GAP));
        let hi = self.by_end.partition_point(|t| t.1 <= start);
        let before = self.by_end.get(lo..hi).unwrap_or(&[]);
        let lo = self.by_start.partition_point(|t| t.0 < end);
        let hi = self.by_start.partition_point(|t| t.0 <= end + LIST_GAP);
        let after = self.by_start.get(lo..hi).unwrap_or(&[]);
        before.iter().chain(after).copied()
    }
}

/// The gap between two items of a list: a comma, "and", "or".
pub fn is_list_separator(gap: &str) -> bool {
    let g = gap.trim().to_lowercase();
    gap.len() <= LIST_GAP
        && matches!(
            g.as_str(),
            "," | "and" | ", and" | "or" | ", or" | "&" | "/" | ";"
        )
}
