//! The list an ambiguous name stands in ("Urmia, Tabriz, Ardebil and Zanjan"): its neighbours
//! found by binary search, and the kind they share.

use std::collections::BTreeMap;

use super::{Found, gazetteer};

/// The kind of the places an ambiguous name is listed with ("Urmia, Tabriz, Ardebil and
/// Zanjan": cities; "Gilan, Ardabil, East Azerbaijan": provinces): coordinated items share a
/// kind. The previous list item decides; else the next one.
pub(super) fn list_kind(
    places: &[gazetteer::Place],
    text: &str,
    near: &ListNeighbours,
    start: usize,
    end: usize,
) -> Option<crate::atlas::Kind> {
    fn is_separator(gap: &str) -> bool {
        // The length first: a far neighbour's gap is never lower-cased whole.
        gap.len() <= 8
            && matches!(
                gap.trim().to_lowercase().as_str(),
                "," | "and" | ", and" | "or" | ", or" | "&" | "/" | ";"
            )
    }
    let kind_of = |feature: usize| places.get(feature).map(|p| p.kind);
    let prev = near
        .prev(start)
        .filter(|&(e, _)| text.get(e..start).is_some_and(is_separator));
    let next = near
        .next(end)
        .filter(|&(s, _)| text.get(end..s).is_some_and(is_separator));
    prev.and_then(|(_, f)| kind_of(f))
        .or_else(|| next.and_then(|(_, f)| kind_of(f)))
}

/// The mentions an ambiguous one may be listed with, each found in logarithmic time (a scan of
/// all mentions per ambiguous one was quadratic on repetitive text): the passage's unambiguous
/// mentions, and the ambiguous ones resolved so far, in the order they were resolved.
///
/// The neighbour chosen is the one a scan of the unambiguous mentions followed by the resolved
/// ones would choose: before, the last of those with the largest end; after, the first of those
/// with the smallest start.
pub(super) struct ListNeighbours {
    /// `(end, feature)` of the unambiguous mentions, stably sorted by end.
    by_end: Vec<(usize, usize)>,
    /// `(start, feature)` of the unambiguous mentions, stably sorted by start.
    by_start: Vec<(usize, usize)>,
    /// end → feature of the resolved ones (a later one with the same end replaces).
    resolved_end: BTreeMap<usize, usize>,
    /// start → feature of the resolved ones (the first with a start stays).
    resolved_start: BTreeMap<usize, usize>,
}

impl ListNeighbours {
    pub(super) fn new(found: &[Found]) -> ListNeighbours {
        let mut by_end: Vec<(usize, usize)> = found.iter().map(|m| (m.end, m.feature)).collect();
        by_end.sort_by_key(|&(e, _)| e);
        let mut by_start: Vec<(usize, usize)> =
            found.iter().map(|m| (m.start, m.feature)).collect();
        by_start.sort_by_key(|&(s, _)| s);
        ListNeighbours {
            by_end,
            by_start,
            resolved_end: BTreeMap::new(),
            resolved_start: BTreeMap::new(),
        }
    }

    pub(super) fn resolved(&mut self, m: &Found) {
        self.resolved_end.insert(m.end, m.feature);
        self.resolved_start.entry(m.start).or_insert(m.feature);
    }

    /// `(end, feature)` of the mention ending last at or before `start`.
    fn prev(&self, start: usize) -> Option<(usize, usize)> {
        let at = self.by_end.partition_point(|&(e, _)| e <= start);
        let fixed = at.checked_sub(1).and_then(|i| self.by_end.get(i)).copied();
        let resolved = self
            .resolved_end
            .range(..=start)
            .next_back()
            .map(|(&e, &f)| (e, f));
        match (fixed, resolved) {
            (Some(a), Some(b)) => Some(if a.0 > b.0 { a } else { b }),
            (a, b) => a.or(b),
        }
    }

    /// `(start, feature)` of the mention starting first at or after `end`.
    fn next(&self, end: usize) -> Option<(usize, usize)> {
        let at = self.by_start.partition_point(|&(s, _)| s < end);
        let fixed = self.by_start.get(at).copied();
        let resolved = self
            .resolved_start
            .range(end..)
            .next()
            .map(|(&s, &f)| (s, f));
        match (fixed, resolved) {
            (Some(a), Some(b)) => Some(if b.0 < a.0 { b } else { a }),
            (a, b) => a.or(b),
        }
    }
}
