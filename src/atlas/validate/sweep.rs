//! The O(n log n) crossing test: a Shamos–Hoey sweep-line over the segments of a polygon's rings
//! (an ordered active set, neighbours tested as they meet, every point shared by several segments
//! judged as a group), used when the quick pair sweep of `intersect` would take too long.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use geo::Coord;
use geo::kernels::{Kernel, Orientation, RobustKernel};

use super::intersect::{Crossing, judge_pair};

/// One segment in the active set, oriented left to right (lexicographically by x, then y), or a
/// probe: a point just below (`Probe::Low`) or above (`Probe::High`) every segment through it.
#[derive(Clone, Copy, Debug)]
struct Key {
    left: Coord<f64>,
    right: Coord<f64>,
    /// The segment's number, or a probe marker.
    id: u32,
}

const PROBE_LOW: u32 = u32::MAX - 1;
const PROBE_HIGH: u32 = u32::MAX;

/// Lexicographic order of points (x, then y); -0.0 and 0.0 are one coordinate (adding 0.0 makes
/// them equal bit for bit).
fn lex(a: Coord<f64>, b: Coord<f64>) -> Ordering {
    (a.x + 0.0)
        .total_cmp(&(b.x + 0.0))
        .then((a.y + 0.0).total_cmp(&(b.y + 0.0)))
}

fn orient(p: Coord<f64>, q: Coord<f64>, r: Coord<f64>) -> Ordering {
    match RobustKernel::orient2d(p, q, r) {
        Orientation::CounterClockwise => Ordering::Greater,
        Orientation::Clockwise => Ordering::Less,
        Orientation::Collinear => Ordering::Equal,
    }
}

impl Key {
    fn is_probe(&self) -> bool {
        self.id >= PROBE_LOW
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Key {}
impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Key {
    /// Below / above, for segments that do not cross and are both cut by the sweep line (the
    /// only ones ever compared); a probe sorts just below / above the segments through its point.
    fn cmp(&self, other: &Self) -> Ordering {
        if self.id == other.id {
            return Ordering::Equal;
        }
        match (self.is_probe(), other.is_probe()) {
            (true, true) => lex(self.left, other.left).then(self.id.cmp(&other.id)),
            (true, false) => probe_vs(self, other),
            (false, true) => probe_vs(other, self).reverse(),
            (false, false) => {
                // Judge from the segment that starts later: where its points lie against the other.
                let (a, b, flip) = if lex(self.left, other.left) == Ordering::Less {
                    (other, self, true)
                } else {
                    (self, other, false)
                };
                let side = orient(b.left, b.right, a.left)
                    .then_with(|| orient(b.left, b.right, a.right))
                    .then(a.id.cmp(&b.id));
                if flip { side.reverse() } else { side }
            }
        }
    }
}

/// A probe against a segment.
fn probe_vs(probe: &Key, seg: &Key) -> Ordering {
    match orient(seg.left, seg.right, probe.left) {
        Ordering::Equal if probe.id == PROBE_LOW => Ordering::Less,
        Ordering::Equal => Ordering::Greater,
        side => side,
    }
}

/// Find an invalid intersection among the segments of closed, deduplicated rings (same rules as
/// [`super::intersect::find_crossing_within`]) in O((n + k) log n), k the number of segments
/// meeting at shared points. `None` when there is none.
pub fn sweep_crossing(rings: &[&[Coord<f64>]]) -> Crossing {
    // Segments: (left, right, ring, position).
    let mut segs: Vec<(Coord<f64>, Coord<f64>, u32, u32)> = Vec::new();
    for (r, ring) in rings.iter().enumerate() {
        for (i, w) in ring.windows(2).enumerate() {
            if let [a, b] = w {
                let (l, rt) = if lex(*a, *b) == Ordering::Greater {
                    (*b, *a)
                } else {
                    (*a, *b)
                };
                segs.push((l, rt, r as u32, i as u32));
            }
        }
    }
    if segs.len() >= PROBE_LOW as usize {
        return Crossing::GaveUp { pairs: 0 };
    }
    let key = |s: u32| -> Option<Key> {
        segs.get(s as usize)
            .map(|&(left, right, _, _)| Key { left, right, id: s })
    };
    // Events: each segment's left end (start) and right end (end), by point.
    let mut events: Vec<(Coord<f64>, bool, u32)> = Vec::with_capacity(segs.len() * 2);
    for (k, &(l, r, _, _)) in segs.iter().enumerate() {
        events.push((l, true, k as u32));
        events.push((r, false, k as u32));
    }
    events.sort_unstable_by(|a, b| lex(a.0, b.0));

    let judge = |a: u32, b: u32| -> Option<Crossing> {
        let (&(_, _, ra, ia), &(_, _, rb, ib)) = (segs.get(a as usize)?, segs.get(b as usize)?);
        judge_pair(rings, (ra, ia), (rb, ib))
    };

    let mut active: BTreeSet<Key> = BTreeSet::new();
    let mut at = 0usize;
    let mut starting: Vec<u32> = Vec::new();
    let mut ending: Vec<u32> = Vec::new();
    while let Some(&(p, _, _)) = events.get(at) {
        starting.clear();
        ending.clear();
        while let Some(&(q, start, s)) = events.get(at) {
            if lex(q, p) != Ordering::Equal {
                break;
            }
            if start {
                starting.push(s);
            } else {
                ending.push(s);
            }
            at += 1;
        }
        let low = Key {
            left: p,
            right: p,
            id: PROBE_LOW,
        };
        let high = Key {
            left: p,
            right: p,
            id: PROBE_HIGH,
        };
        // Every active segment through `p`: the ones ending here and the ones passing through.
        let through: Vec<u32> = active.range(low..high).map(|k| k.id).collect();
        if let Some(found) = judge_point(rings, &segs, p, &through, &starting) {
            return found;
        }
        for &s in &ending {
            if let Some(k) = key(s)
                && !active.remove(&k)
            {
                // The order was broken by a crossing the sweep missed: never expected.
                return Crossing::GaveUp { pairs: 0 };
            }
        }
        for &s in &starting {
            if let Some(k) = key(s) {
                active.insert(k);
            }
        }
        // The new neighbours: around the block of segments through `p`, or across the gap.
        let below = active.range(..low).next_back().map(|k| k.id);
        let above = active.range(high..).next().map(|k| k.id);
        let block: Vec<u32> = active.range(low..high).map(|k| k.id).collect();
        let pairs = match (block.first(), block.last()) {
            (Some(&first), Some(&last)) => [(below, Some(first)), (Some(last), above)],
            _ => [(below, above), (None, None)],
        };
        for (a, b) in pairs {
            if let (Some(a), Some(b)) = (a, b)
                && let Some(found) = judge(a, b)
            {
                return found;
            }
        }
    }
    Crossing::None
}

/// Judge every segment meeting at `p` at once: two passing through (a crossing or an overlap),
/// two going the same way from `p` (an overlap), or two of one ring that are not neighbours along
/// it (the ring touches itself) are invalid; rings touching at a point are not.
fn judge_point(
    rings: &[&[Coord<f64>]],
    segs: &[(Coord<f64>, Coord<f64>, u32, u32)],
    p: Coord<f64>,
    through: &[u32],
    starting: &[u32],
) -> Option<Crossing> {
    let seg = |s: u32| segs.get(s as usize).copied();
    let found = |a: (u32, u32), b: (u32, u32)| {
        if a.0 == b.0 {
            Crossing::SelfIntersection {
                ring: a.0 as usize,
                at: p,
            }
        } else {
            Crossing::Rings {
                a: a.0.min(b.0) as usize,
                b: a.0.max(b.0) as usize,
                at: p,
            }
        }
    };
    // Rays from `p`: (far end, ring, position, passes through `p`).
    let mut rays: Vec<(Coord<f64>, u32, u32, bool)> = Vec::new();
    let mut members: Vec<(u32, u32, bool)> = Vec::new();
    let mut inner: Option<(u32, u32)> = None;
    for &s in through.iter().chain(starting) {
        let (l, r, ring, idx) = seg(s)?;
        let interior = l != p && r != p;
        if interior {
            if let Some(first) = inner {
                return Some(found(first, (ring, idx)));
            }
            inner = Some((ring, idx));
            rays.push((l, ring, idx, true));
            rays.push((r, ring, idx, true));
        } else {
            rays.push((if l == p { r } else { l }, ring, idx, false));
        }
        members.push((ring, idx, interior));
    }
    if members.len() < 2 {
        return None;
    }
    // Two of one ring: only neighbours along the ring may share a point.
    members.sort_unstable();
    for w in members.windows(2) {
        if let [(ra, ia, inner_a), (rb, ib, inner_b)] = w
            && ra == rb
        {
            let n = rings
                .get(*ra as usize)
                .map_or(0, |r| r.len().saturating_sub(1)) as u32;
            let neighbours = ib == &(ia + 1) || (*ia == 0 && ib + 1 == n);
            let third = members.iter().filter(|(r, _, _)| r == ra).nth(2).is_some();
            if !neighbours || *inner_a || *inner_b || third {
                return Some(found((*ra, *ia), (*rb, *ib)));
            }
        }
    }
    // Two rays the same way: an overlap.
    let half = |q: Coord<f64>| q.y < p.y || (q.y == p.y && q.x < p.x);
    rays.sort_by(|a, b| half(a.0).cmp(&half(b.0)).then_with(|| orient(p, b.0, a.0)));
    for w in rays.windows(2) {
        if let [a, b] = w
            && half(a.0) == half(b.0)
            && orient(p, a.0, b.0) == Ordering::Equal
            && (a.1, a.2) != (b.1, b.2)
        {
            return Some(found((a.1, a.2), (b.1, b.2)));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::atlas::validate::intersect::find_crossing_within;

    fn c(x: f64, y: f64) -> Coord<f64> {
        Coord { x, y }
    }

    fn verdict(rings: &[Vec<Coord<f64>>]) -> Crossing {
        let refs: Vec<&[Coord<f64>]> = rings.iter().map(Vec::as_slice).collect();
        sweep_crossing(&refs)
    }

    /// A serpentine ring of `rows` long horizontal rows (every row overlaps every other along x,
    /// the quick sweep's worst case), optionally with one row end lifted across the next rows.
    pub(crate) fn serpentine(rows: usize, crossing_at: Option<usize>) -> Vec<Coord<f64>> {
        let w = 100.0;
        let mut pts = vec![c(0.0, 0.0)];
        for k in 0..rows {
            let y = k as f64;
            let (from, to) = if k % 2 == 0 { (1.0, w) } else { (w, 1.0) };
            if k > 0 {
                pts.push(c(from, y));
            }
            let lift = if crossing_at == Some(k) { 2.5 } else { 0.0 };
            pts.push(c(to, y + lift));
        }
        pts.push(c(0.0, rows as f64));
        pts.push(c(0.0, 0.0));
        pts
    }

    #[test]
    fn simple_shapes() {
        let sq = vec![c(0., 0.), c(1., 0.), c(1., 1.), c(0., 1.), c(0., 0.)];
        assert_eq!(verdict(std::slice::from_ref(&sq)), Crossing::None);
        let bow = vec![c(0., 0.), c(1., 1.), c(1., 0.), c(0., 1.), c(0., 0.)];
        assert!(matches!(
            verdict(&[bow]),
            Crossing::SelfIntersection { ring: 0, .. }
        ));
        // A hole touching the shell at one vertex is allowed; sharing an edge is not.
        let touch = vec![c(0., 0.5), c(0.5, 0.8), c(0.5, 0.2), c(0., 0.5)];
        let sq2 = vec![
            c(0., 0.),
            c(1., 0.),
            c(1., 1.),
            c(0., 1.),
            c(0., 0.5),
            c(0., 0.),
        ];
        assert_eq!(verdict(&[sq2.clone(), touch]), Crossing::None);
        let edge = vec![c(0., 0.), c(0.5, 0.5), c(0., 0.5), c(0., 0.)];
        assert!(matches!(
            verdict(&[sq2, edge]),
            Crossing::Rings { a: 0, b: 1, .. }
        ));
        // A figure eight touching itself at a vertex.
        let eight = vec![
            c(0., 0.),
            c(1., 1.),
            c(2., 0.),
            c(2., 2.),
            c(1., 1.),
            c(0., 2.),
            c(0., 0.),
        ];
        assert!(matches!(
            verdict(&[eight]),
            Crossing::SelfIntersection { ring: 0, .. }
        ));
        // Vertical edges and a vertex on a vertical edge of another ring.
        let tall = vec![c(0., 0.), c(4., 0.), c(4., 4.), c(0., 4.), c(0., 0.)];
        let hole = vec![c(4., 2.), c(3., 1.), c(3., 3.), c(4., 2.)];
        assert_eq!(verdict(&[tall.clone(), hole]), Crossing::None);
        let poke = vec![c(3., 1.), c(5., 2.), c(3., 3.), c(3., 1.)];
        assert!(matches!(verdict(&[tall, poke]), Crossing::Rings { .. }));
    }

    #[test]
    fn serpentine_crossing_found_in_a_big_ring() {
        let ok = serpentine(20_000, None);
        assert_eq!(verdict(&[ok]), Crossing::None);
        let bad = serpentine(20_000, Some(12_345));
        match verdict(&[bad]) {
            Crossing::SelfIntersection { ring: 0, at } => {
                assert!((12_345.0..12_348.0).contains(&at.y), "{at:?}")
            }
            other => panic!("expected a self-intersection near row 12345, got {other:?}"),
        }
    }

    struct Rng(u64);
    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }
    }

    /// Rings on a coarse grid so that touches, collinear runs and shared edges are common.
    fn random_ring(rng: &mut Rng, cx: f64, cy: f64, r: f64, n: usize) -> Vec<Coord<f64>> {
        let grid = [1.0, 0.5, 0.25][rng.below(3) as usize];
        let q = |v: f64| (v / grid).round() * grid;
        let mut pts: Vec<Coord<f64>> = (0..n)
            .map(|i| {
                let t = i as f64 / n as f64 * std::f64::consts::TAU;
                let rr = r * (0.3 + 0.7 * (rng.below(1000) as f64 / 1000.0));
                c(q(cx + rr * t.cos()), q(cy + rr * t.sin()))
            })
            .collect();
        if rng.below(3) == 0 && n > 6 {
            let k = rng.below(n as u64 - 4) as usize;
            pts[k..k + 3].reverse();
        }
        pts.dedup();
        if let Some(first) = pts.first().copied() {
            pts.push(first);
        }
        pts.dedup();
        pts
    }

    #[test]
    fn agrees_with_the_pair_sweep_on_random_rings() {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let mut seen = [0usize; 2];
        for case in 0..4000 {
            let n = 3 + rng.below(40) as usize;
            let mut rings = vec![random_ring(&mut rng, 0.0, 0.0, 8.0, n)];
            for _ in 0..rng.below(3) {
                let (cx, cy) = (rng.below(12) as f64 - 6.0, rng.below(12) as f64 - 6.0);
                let n = 3 + rng.below(8) as usize;
                let r = 1.0 + rng.below(3) as f64;
                rings.push(random_ring(&mut rng, cx, cy, r, n));
            }
            let rings: Vec<Vec<Coord<f64>>> = rings.into_iter().filter(|r| r.len() >= 4).collect();
            let want = find_crossing_within(&rings, u64::MAX);
            let got = verdict(&rings);
            assert_eq!(
                got == Crossing::None,
                want == Crossing::None,
                "case {case}: sweep {got:?}, pairs {want:?}: {rings:?}"
            );
            seen[usize::from(want == Crossing::None)] += 1;
        }
        assert!(seen.iter().all(|&n| n > 300), "{seen:?}");
    }
}
