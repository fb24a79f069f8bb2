//! Ambiguity resolution: a name several features share is given to one of them from context —
//! a kind cue next to it ("city of X", "X province"), related unambiguous mentions in the same
//! passage, then in the same document, then the larger entity by default — or left unlinked.
//!
//! Relations used as evidence for a candidate `c`, given another mentioned feature `g`:
//! - strong: `g` lies inside `c` (Tabriz inside a province, Baku inside Azerbaijan);
//! - weak: `c` lies inside `g`, or `c` and `g` lie in the same country.
//!
//! Weak evidence only separates candidates of the same kind (two towns called Astara: the
//! passage naming Iran picks the Iranian one); a country named next to its neighbours says
//! nothing about whether a bare name means that country or a region elsewhere.

use std::collections::HashMap;

use super::gazetteer::{Place, kind_rank};
use crate::atlas::Kind;

/// Candidate kinds implied by a word right before or after a name.
fn cue_kinds(prev: &[&str], next: Option<&str>) -> Option<&'static [Kind]> {
    const CITY: &[Kind] = &[Kind::City, Kind::Town];
    const REGION: &[Kind] = &[Kind::Region];
    const FIELD: &[Kind] = &[Kind::Field];
    const LINE: &[Kind] = &[Kind::Pipeline, Kind::Corridor];
    const WATER: &[Kind] = &[Kind::Water, Kind::River, Kind::Lake];
    const LANDFORM: &[Kind] = &[Kind::Landform];
    const COUNTRY: &[Kind] = &[Kind::Country];
    if let Some(n) = next {
        let k = match n {
            "city" | "town" | "port" | "village" | "airport" => Some(CITY),
            "province" | "region" | "oblast" | "district" | "exclave" | "autonomous" | "valley" => {
                Some(REGION)
            }
            "field" | "fields" | "deposit" | "deposits" => Some(FIELD),
            "pipeline" | "pipelines" | "railway" | "railroad" | "corridor" | "highway" => {
                Some(LINE)
            }
            "river" | "sea" | "lake" | "gulf" | "reservoir" => Some(WATER),
            "pass" | "mountains" | "range" | "peninsula" | "desert" | "plateau" | "gorge" => {
                Some(LANDFORM)
            }
            _ => None,
        };
        if k.is_some() {
            return k;
        }
    }
    // A kind noun before a parenthesised list: "two regions (Agdam and Fizuli)".
    if let [.., a, "("] = prev {
        return match *a {
            "cities" | "towns" | "ports" | "villages" => Some(CITY),
            "regions" | "provinces" | "districts" | "oblasts" | "rayons" => Some(REGION),
            "fields" | "deposits" => Some(FIELD),
            "pipelines" | "railways" | "corridors" => Some(LINE),
            _ => None,
        };
    }
    if let [.., a, "of"] = prev {
        return match *a {
            "city" | "town" | "port" | "village" | "capital" => Some(CITY),
            "province" | "region" | "oblast" | "district" | "exclave" => Some(REGION),
            "republic" | "state" | "government" => Some(COUNTRY),
            _ => None,
        };
    }
    None
}

/// Words after a country's name (possessive or not) that only a sovereign state takes:
/// "Azerbaijan's territorial integrity", "Azerbaijan's government". A bare name so followed
/// means the state, never a region that shares its name.
pub fn state_cue(after: &str) -> bool {
    const STATE_WORDS: &[&str] = &[
        "territorial",
        "sovereignty",
        "government",
        "president",
        "presidential",
        "parliament",
        "constitution",
        "embassy",
        "ambassador",
        "ministry",
        "minister",
        "foreign",
        "armed",
        "army",
        "military",
        "diplomacy",
        "diplomats",
        "independence",
        "statehood",
    ];
    let rest = after
        .strip_prefix("\u{2019}s")
        .or_else(|| after.strip_prefix("'s"))
        .unwrap_or(after);
    let Some(rest) = rest.strip_prefix(' ') else {
        return false;
    };
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic())
        .take(24)
        .flat_map(char::to_lowercase)
        .collect();
    STATE_WORDS.contains(&word.as_str())
}

/// Words of the folded text right before `fstart` (up to two) and right after `fend`.
pub fn context_words(folded: &str, fstart: usize, fend: usize) -> (Vec<&str>, Option<&str>) {
    let before = folded.get(..fstart).unwrap_or("");
    let prev: Vec<&str> = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(2)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    // Only the words directly adjacent count: nothing but spaces between them and the name.
    let adjacent_prev = before.ends_with(' ') && !before.trim_end().ends_with(['.', ',', ';']);
    // Or an opening bracket right after a word: "regions (Agdam and Fizuli)".
    if let Some(inner) = before.strip_suffix('(')
        && inner.ends_with(' ')
        && let Some(word) = inner.split_whitespace().next_back()
        && word.chars().all(char::is_alphanumeric)
    {
        return (vec![word, "("], next_word(folded, fend));
    }
    (
        if adjacent_prev { prev } else { Vec::new() },
        next_word(folded, fend),
    )
}

/// The word right after `fend`, when only a space separates it from the name.
fn next_word(folded: &str, fend: usize) -> Option<&str> {
    let after = folded.get(fend..).unwrap_or("");
    if after.starts_with(' ') {
        after
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
    } else {
        None
    }
}

/// Evidence for candidate `c` from a multiset of mentioned features.
fn evidence(places: &[Place], c: usize, mentioned: &HashMap<usize, u32>, weak_counts: bool) -> u64 {
    let Some(pc) = places.get(c) else {
        return 0;
    };
    let mut score = 0u64;
    for (&g, &n) in mentioned {
        if g == c {
            continue;
        }
        let Some(pg) = places.get(g) else {
            continue;
        };
        let strong = pg.containers.binary_search(&c).is_ok();
        let weak = pc.containers.binary_search(&g).is_ok()
            || (pc.country.is_some() && pc.country == pg.country);
        if strong || (weak_counts && weak) {
            score += u64::from(n);
        }
    }
    score
}

/// The unique best candidate by `score`, if one scores strictly higher than all others.
fn unique_best(cands: &[usize], score: impl Fn(usize) -> u64) -> Option<usize> {
    let scored: Vec<(usize, u64)> = cands.iter().map(|&c| (c, score(c))).collect();
    let best = scored.iter().map(|&(_, s)| s).max()?;
    if best == 0 {
        return None;
    }
    let mut winners = scored.iter().filter(|&&(_, s)| s == best);
    let first = winners.next()?;
    if winners.next().is_some() {
        None
    } else {
        Some(first.0)
    }
}

/// Resolve one ambiguous mention. `passage` and `document` count the unambiguous mentions
/// around it. Returns the chosen feature or `None` (left unlinked).
pub fn resolve(
    places: &[Place],
    candidates: &[usize],
    derived: &[usize],
    cue: (&[&str], Option<&str>),
    list: Option<Kind>,
    passage: &HashMap<usize, u32>,
    document: &HashMap<usize, u32>,
) -> Option<usize> {
    let mut cands: Vec<usize> = candidates.to_vec();
    cands.sort_unstable();
    cands.dedup();
    // Towns of the gazetteer list with cities.
    let list_kinds: Option<Vec<Kind>> = list.map(|k| match k {
        Kind::City | Kind::Town => vec![Kind::City, Kind::Town],
        k => vec![k],
    });
    let kinds = cue_kinds(cue.0, cue.1).or(list_kinds.as_deref());
    if let Some(kinds) = kinds {
        let filtered: Vec<usize> = cands
            .iter()
            .copied()
            .filter(|&c| places.get(c).is_some_and(|p| kinds.contains(&p.kind)))
            .collect();
        if !filtered.is_empty() {
            cands = filtered;
        }
    }
    if let [only] = cands.as_slice() {
        return Some(*only);
    }
    let same_kind = cands.windows(2).all(|w| match w {
        &[a, b] => places.get(a).map(|p| p.kind) == places.get(b).map(|p| p.kind),
        _ => true,
    });
    if let Some(c) = unique_best(&cands, |c| evidence(places, c, passage, same_kind)) {
        return Some(c);
    }
    if let Some(c) = unique_best(&cands, |c| evidence(places, c, document, same_kind)) {
        return Some(c);
    }
    if same_kind {
        return None;
    }
    // Default: a listed name over a name the feature answers to only by rule (the city
    // "Ardabil" over the stem of "Ardabil Province").
    let listed: Vec<usize> = cands
        .iter()
        .copied()
        .filter(|c| !derived.contains(c))
        .collect();
    if let [only] = listed.as_slice()
        && listed.len() < cands.len()
    {
        return Some(*only);
    }
    // Default: the larger entity (a country over a region, a territory over a city in it),
    // when exactly one candidate has the largest kind.
    let ranks: Vec<(usize, u8)> = cands
        .iter()
        .filter_map(|&c| places.get(c).map(|p| (c, kind_rank(p.kind))))
        .collect();
    let top = ranks.iter().map(|&(_, r)| r).min()?;
    let mut at_top = ranks.iter().filter(|&&(_, r)| r == top);
    let first = at_top.next()?;
    if at_top.next().is_some() {
        None
    } else {
        Some(first.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(id: &str, kind: Kind, containers: Vec<usize>, country: Option<usize>) -> Place {
        Place {
            id: id.to_string(),
            kind,
            containers,
            country,
            point: None,
            population: 0,
            province: None,
            speaks: false,
        }
    }

    /// 0 iran, 1 azerbaijan, 2 astara-iran, 3 astara-az, 4 rasht, 5 nakh region, 6 nakh city,
    /// 7 iranian-azerbaijan region, 8 tabriz, 9 baku
    fn places() -> Vec<Place> {
        vec![
            place("iran", Kind::Country, vec![], None),
            place("azerbaijan", Kind::Country, vec![], None),
            place("astara-iran", Kind::City, vec![0], Some(0)),
            place("astara-az", Kind::City, vec![1], Some(1)),
            place("rasht", Kind::City, vec![0], Some(0)),
            place("nakhchivan", Kind::Region, vec![1], Some(1)),
            place("nakhchivan-city", Kind::City, vec![1, 5], Some(1)),
            place("iranian-azerbaijan", Kind::Region, vec![0], Some(0)),
            place("tabriz", Kind::City, vec![0, 7], Some(0)),
            place("baku", Kind::City, vec![1], Some(1)),
        ]
    }

    fn counts(ids: &[usize]) -> HashMap<usize, u32> {
        let mut m = HashMap::new();
        for &i in ids {
            *m.entry(i).or_insert(0) += 1;
        }
        m
    }

    #[test]
    fn same_kind_resolved_by_country_or_left_unlinked() {
        let p = places();
        let none = HashMap::new();
        assert_eq!(
            resolve(&p, &[2, 3], &[], (&[], None), None, &counts(&[4]), &none),
            Some(2)
        );
        assert_eq!(
            resolve(&p, &[2, 3], &[], (&[], None), None, &counts(&[1]), &none),
            Some(3)
        );
        assert_eq!(
            resolve(&p, &[2, 3], &[], (&[], None), None, &none, &none),
            None
        );
        assert_eq!(
            resolve(&p, &[2, 3], &[], (&[], None), None, &counts(&[0, 1]), &none),
            None
        );
        // Passage ties, document decides.
        assert_eq!(
            resolve(
                &p,
                &[2, 3],
                &[],
                (&[], None),
                None,
                &counts(&[0, 1]),
                &counts(&[4, 4])
            ),
            Some(2)
        );
    }

    #[test]
    fn territory_by_default_city_by_cue() {
        let p = places();
        let none = HashMap::new();
        assert_eq!(
            resolve(&p, &[5, 6], &[], (&[], None), None, &none, &none),
            Some(5)
        );
        assert_eq!(
            resolve(
                &p,
                &[5, 6],
                &[],
                (&["city", "of"], None),
                None,
                &none,
                &none
            ),
            Some(6)
        );
        assert_eq!(
            resolve(&p, &[5, 6], &[], (&[], Some("city")), None, &none, &none),
            Some(6)
        );
    }

    #[test]
    fn country_unless_places_inside_the_region_are_named() {
        let p = places();
        let none = HashMap::new();
        // "Iran and Azerbaijan": the neighbour says nothing.
        assert_eq!(
            resolve(&p, &[1, 7], &[], (&[], None), None, &counts(&[0]), &none),
            Some(1)
        );
        assert_eq!(
            resolve(&p, &[1, 7], &[], (&[], None), None, &counts(&[8]), &none),
            Some(7)
        );
        assert_eq!(
            resolve(&p, &[1, 7], &[], (&[], None), None, &counts(&[9]), &none),
            Some(1)
        );
        assert_eq!(
            resolve(
                &p,
                &[1, 7],
                &[],
                (&[], None),
                None,
                &none,
                &counts(&[8, 8, 9])
            ),
            Some(7)
        );
    }

    #[test]
    fn context_words_are_adjacent_only() {
        let t = "the city of nakhchivan is";
        let s = t.find("nakhchivan").unwrap_or(0);
        let (prev, next) = context_words(t, s, s + 10);
        assert_eq!(prev, vec!["city", "of"]);
        assert_eq!(next, Some("is"));
        let t = "of. nakhchivan";
        let (prev, _) = context_words(t, 4, 14);
        assert!(prev.is_empty());
        // A kind noun before a bracketed list is a cue for the first item.
        let t = "maps for two regions (agdam and fizuli)";
        let s = t.find("agdam").unwrap_or(0);
        let (prev, next) = context_words(t, s, s + 5);
        assert_eq!(prev, vec!["regions", "("]);
        assert_eq!(next, Some("and"));
        let p = places();
        let none = HashMap::new();
        assert_eq!(
            resolve(&p, &[5, 6], &[], (&prev, next), None, &none, &none),
            Some(5)
        );
        // Without a cue the larger entity wins; "towns (" turns it to the town.
        assert_eq!(
            resolve(
                &p,
                &[5, 6],
                &[],
                (&["towns", "("], None),
                None,
                &none,
                &none
            ),
            Some(6)
        );
    }

    #[test]
    fn state_words_follow_a_country() {
        assert!(state_cue("\u{2019}s territorial integrity"));
        assert!(state_cue("'s government"));
        assert!(state_cue(" president"));
        assert!(!state_cue("\u{2019}s culture"));
        assert!(!state_cue("province"));
    }
}
