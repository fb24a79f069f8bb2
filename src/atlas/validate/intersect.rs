//! Ring crossings: the first invalid intersection among the segments of a polygon's rings.

use geo::Coord;

/// Segment pairs the quick sweep examines per polygon (plus [`PAIRS_PER_SEGMENT`] per segment)
/// before the O(n log n) sweep-line of `sweep` takes over: never a reason to give up.
pub const PAIR_BUDGET: u64 = 1_000_000;

/// Further pairs the quick sweep may examine per segment.
pub const PAIRS_PER_SEGMENT: u64 = 16;

/// Find an invalid intersection among the segments of closed, deduplicated rings: the quick pair
/// sweep ([`find_crossing_within`]) while it stays near-linear, then the Shamos–Hoey sweep-line
/// ([`super::sweep::sweep_crossing`], O(n log n)) for the rest: a crossing is always found.
pub fn find_crossing<R: AsRef<[Coord<f64>]>>(rings: &[R]) -> Crossing {
    let n: u64 = rings
        .iter()
        .map(|r| r.as_ref().len().saturating_sub(1) as u64)
        .sum();
    match find_crossing_within(rings, PAIR_BUDGET + PAIRS_PER_SEGMENT * n) {
        Crossing::GaveUp { .. } => {
            let rings: Vec<&[Coord<f64>]> = rings.iter().map(AsRef::as_ref).collect();
            super::sweep::sweep_crossing(&rings)
        }
        found => found,
    }
}

/// Whether segment `a` and segment `b` (ring, position) meet where they may not: for one ring,
/// anywhere but the shared point of neighbours; for two rings, a proper crossing or an overlap.
pub(super) fn judge_pair(
    rings: &[&[Coord<f64>]],
    a: (u32, u32),
    b: (u32, u32),
) -> Option<Crossing> {
    use geo::line_intersection::{LineIntersection, line_intersection};
    let seg = |(r, i): (u32, u32)| -> Option<geo::Line<f64>> {
        let ring = rings.get(r as usize)?;
        Some(geo::Line::new(
            *ring.get(i as usize)?,
            *ring.get(i as usize + 1)?,
        ))
    };
    let hit = line_intersection(seg(a)?, seg(b)?)?;
    if a.0 == b.0 {
        let n = rings
            .get(a.0 as usize)
            .map_or(0, |r| r.len().saturating_sub(1)) as u32;
        let (i, j) = (a.1.min(b.1), a.1.max(b.1));
        let adjacent = j == i + 1 || (i == 0 && j + 1 == n);
        match hit {
            LineIntersection::SinglePoint { .. } if adjacent => None,
            LineIntersection::SinglePoint { intersection, .. } => {
                Some(Crossing::SelfIntersection {
                    ring: a.0 as usize,
                    at: intersection,
                })
            }
            LineIntersection::Collinear { intersection } => Some(Crossing::SelfIntersection {
                ring: a.0 as usize,
                at: intersection.start,
            }),
        }
    } else {
        let (ra, rb) = (a.0.min(b.0) as usize, a.0.max(b.0) as usize);
        match hit {
            LineIntersection::SinglePoint {
                intersection,
                is_proper: true,
            } => Some(Crossing::Rings {
                a: ra,
                b: rb,
                at: intersection,
            }),
            LineIntersection::Collinear { intersection } => Some(Crossing::Rings {
                a: ra,
                b: rb,
                at: intersection.start,
            }),
            LineIntersection::SinglePoint { .. } => None,
        }
    }
}

/// What the sweep found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Crossing {
    None,
    /// A ring touches or crosses itself (or doubles back on itself).
    SelfIntersection {
        ring: usize,
        at: Coord<f64>,
    },
    /// Two rings cross or share an edge (touching at a single point is allowed).
    Rings {
        a: usize,
        b: usize,
        at: Coord<f64>,
    },
    GaveUp {
        pairs: u64,
    },
}

/// Find the first invalid intersection among the segments of closed, deduplicated rings, with a
/// sort-and-sweep along x: segments sorted by their left end (then ring, then position), each
/// compared with the following ones that start before it ends. O(n log n + overlapping pairs),
/// bounded by `budget` pairs; the first invalid pair in that order is the one reported.
pub fn find_crossing_within<R: AsRef<[Coord<f64>]>>(rings: &[R], budget: u64) -> Crossing {
    use geo::kernels::{Kernel, Orientation, RobustKernel};
    use geo::line_intersection::{LineIntersection, line_intersection};

    /// A segment's box, in sweep order.
    #[derive(Clone, Copy)]
    struct Seg {
        min_x: f64,
        max_x: f64,
        min_y: f64,
        max_y: f64,
        /// Ring and position of its first point.
        ring: u32,
        idx: u32,
    }
    let rings: Vec<&[Coord<f64>]> = rings.iter().map(AsRef::as_ref).collect();
    let n_segs: usize = rings.iter().map(|r| r.len().saturating_sub(1)).sum();
    if u32::try_from(n_segs).is_err() || u32::try_from(rings.len()).is_err() {
        return Crossing::GaveUp { pairs: 0 };
    }
    // Sort keys: the left end's total order as an unsigned integer, then the segment number
    // (segments are numbered ring by ring, so this is the (ring, position) order).
    let mut order: Vec<(u64, u32)> = Vec::with_capacity(n_segs);
    let mut segs: Vec<Seg> = Vec::with_capacity(n_segs);
    for (r, ring) in rings.iter().enumerate() {
        for (i, w) in ring.windows(2).enumerate() {
            if let [a, b] = w {
                let min_x = a.x.min(b.x);
                order.push((total_order_key(min_x), segs.len() as u32));
                segs.push(Seg {
                    min_x,
                    max_x: a.x.max(b.x),
                    min_y: a.y.min(b.y),
                    max_y: a.y.max(b.y),
                    ring: r as u32,
                    idx: i as u32,
                });
            }
        }
    }
    sort_keys(&mut order);
    let sorted: Vec<Seg> = order
        .iter()
        .filter_map(|&(_, k)| segs.get(k as usize).copied())
        .collect();
    drop(order);
    drop(segs);
    let ends = |s: &Seg| -> Option<(Coord<f64>, Coord<f64>)> {
        let ring = rings.get(s.ring as usize)?;
        Some((*ring.get(s.idx as usize)?, *ring.get(s.idx as usize + 1)?))
    };

    let mut pairs = 0u64;
    for (k, s) in sorted.iter().enumerate() {
        let Some((s0, s1)) = ends(s) else { continue };
        let Some(rest) = sorted.get(k + 1..) else {
            continue;
        };
        for t in rest {
            if t.min_x > s.max_x {
                break;
            }
            pairs += 1;
            if pairs > budget {
                return Crossing::GaveUp { pairs: budget };
            }
            if t.min_y > s.max_y || t.max_y < s.min_y {
                continue;
            }
            let Some((t0, t1)) = ends(t) else { continue };
            let same_ring = s.ring == t.ring;
            let (i, j) = (s.idx.min(t.idx), s.idx.max(t.idx));
            let n = rings
                .get(s.ring as usize)
                .map_or(0, |r| r.len().saturating_sub(1)) as u32;
            let next = j == i + 1;
            let wraps = i == 0 && j + 1 == n;
            if same_ring && (next || wraps) {
                // Neighbours along the ring share a point: unless their three points are on one
                // line they meet only there, which is allowed (as the full test below finds).
                let ((a0, a1), (b0, b1)) = if s.idx == i {
                    ((s0, s1), (t0, t1))
                } else {
                    ((t0, t1), (s0, s1))
                };
                // Segment `i` then `j` (`a1 == b0`), or segment `j` closing onto `i` (`b1 == a0`).
                let (p, q, r) = if next { (a0, a1, b1) } else { (b0, a0, a1) };
                if !maybe_collinear(p, q, r)
                    || RobustKernel::orient2d(p, q, r) != Orientation::Collinear
                {
                    continue;
                }
            }
            let Some(hit) = line_intersection(geo::Line::new(s0, s1), geo::Line::new(t0, t1))
            else {
                continue;
            };
            if same_ring {
                let adjacent = next || wraps;
                match hit {
                    LineIntersection::SinglePoint { intersection, .. } => {
                        if !adjacent {
                            return Crossing::SelfIntersection {
                                ring: s.ring as usize,
                                at: intersection,
                            };
                        }
                    }
                    LineIntersection::Collinear { intersection } => {
                        return Crossing::SelfIntersection {
                            ring: s.ring as usize,
                            at: intersection.start,
                        };
                    }
                }
            } else {
                let (a, b) = (s.ring.min(t.ring) as usize, s.ring.max(t.ring) as usize);
                match hit {
                    LineIntersection::SinglePoint {
                        intersection,
                        is_proper: true,
                    } => {
                        return Crossing::Rings {
                            a,
                            b,
                            at: intersection,
                        };
                    }
                    LineIntersection::Collinear { intersection } => {
                        return Crossing::Rings {
                            a,
                            b,
                            at: intersection.start,
                        };
                    }
                    LineIntersection::SinglePoint { .. } => {}
                }
            }
        }
    }
    Crossing::None
}

/// False when `p`, `q`, `r` are certainly not on one line: the floating-point determinant is
/// farther from zero than its rounding error can reach (Shewchuk's first, "fast" bound, the one
/// the robust predicate itself starts with). True means: ask the exact predicate.
fn maybe_collinear(p: Coord<f64>, q: Coord<f64>, r: Coord<f64>) -> bool {
    const ERR_BOUND: f64 = (3.0 + 16.0 * f64::EPSILON / 2.0) * f64::EPSILON / 2.0;
    let left = (p.x - r.x) * (q.y - r.y);
    let right = (p.y - r.y) * (q.x - r.x);
    let det = left - right;
    let certain = det.is_finite() && det.abs() > ERR_BOUND * (left.abs() + right.abs());
    !certain
}

/// Sort (key, number) pairs by key then number, where the numbers are given in increasing order:
/// a stable radix sort on the key (11-bit digits, digits shared by every key skipped); small
/// inputs use the standard sort.
fn sort_keys(items: &mut Vec<(u64, u32)>) {
    const BITS: u32 = 11;
    const BUCKETS: usize = 1 << BITS;
    if items.len() < 512 {
        items.sort_unstable();
        return;
    }
    let mut other: Vec<(u64, u32)> = vec![(0, 0); items.len()];
    let mut shift = 0;
    while shift < 64 {
        let digit = |k: u64| ((k >> shift) as usize) & (BUCKETS - 1);
        let mut count = vec![0usize; BUCKETS];
        for &(k, _) in items.iter() {
            if let Some(c) = count.get_mut(digit(k)) {
                *c += 1;
            }
        }
        if !count.contains(&items.len()) {
            let mut at = 0;
            for c in count.iter_mut() {
                let n = *c;
                *c = at;
                at += n;
            }
            for &item in items.iter() {
                if let Some(c) = count.get_mut(digit(item.0)) {
                    if let Some(slot) = other.get_mut(*c) {
                        *slot = item;
                    }
                    *c += 1;
                }
            }
            std::mem::swap(items, &mut other);
        }
        shift += BITS;
    }
}

/// An unsigned key ordered as `f64::total_cmp` orders the floats.
fn total_order_key(v: f64) -> u64 {
    let bits = v.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::atlas::validate::geometry::dedup;

    /// The first sweep, kept to check the faster one against: segments sorted with all their
    /// data, every pair in the sweep tested with `line_intersection`.
    /// (reference) Find the first invalid intersection among the segments of closed, deduplicated rings, with a
    /// sort-and-sweep along x: segments sorted by their left end, each compared with the following
    /// ones that start before it ends. O(n log n + overlapping pairs), bounded by `budget`.
    fn find_crossing_reference(rings: &[Vec<Coord<f64>>], budget: u64) -> Crossing {
        use geo::line_intersection::{LineIntersection, line_intersection};

        struct Seg {
            min_x: f64,
            max_x: f64,
            min_y: f64,
            max_y: f64,
            ring: usize,
            idx: usize,
            n: usize,
            line: geo::Line<f64>,
        }
        let mut segs: Vec<Seg> = Vec::with_capacity(rings.iter().map(Vec::len).sum());
        for (r, ring) in rings.iter().enumerate() {
            let n = ring.len().saturating_sub(1);
            for (i, w) in ring.windows(2).enumerate() {
                if let [a, b] = w {
                    segs.push(Seg {
                        min_x: a.x.min(b.x),
                        max_x: a.x.max(b.x),
                        min_y: a.y.min(b.y),
                        max_y: a.y.max(b.y),
                        ring: r,
                        idx: i,
                        n,
                        line: geo::Line::new(*a, *b),
                    });
                }
            }
        }
        segs.sort_by(|a, b| {
            a.min_x
                .total_cmp(&b.min_x)
                .then(a.ring.cmp(&b.ring))
                .then(a.idx.cmp(&b.idx))
        });
        let mut pairs = 0u64;
        for (k, s) in segs.iter().enumerate() {
            for t in segs.iter().skip(k + 1) {
                if t.min_x > s.max_x {
                    break;
                }
                pairs += 1;
                if pairs > budget {
                    return Crossing::GaveUp { pairs: budget };
                }
                if t.min_y > s.max_y || t.max_y < s.min_y {
                    continue;
                }
                let Some(hit) = line_intersection(s.line, t.line) else {
                    continue;
                };
                if s.ring == t.ring {
                    let (i, j) = (s.idx.min(t.idx), s.idx.max(t.idx));
                    let adjacent = j == i + 1 || (i == 0 && j + 1 == s.n);
                    match hit {
                        LineIntersection::SinglePoint { intersection, .. } => {
                            if !adjacent {
                                return Crossing::SelfIntersection {
                                    ring: s.ring,
                                    at: intersection,
                                };
                            }
                        }
                        LineIntersection::Collinear { intersection } => {
                            return Crossing::SelfIntersection {
                                ring: s.ring,
                                at: intersection.start,
                            };
                        }
                    }
                } else {
                    let (a, b) = (s.ring.min(t.ring), s.ring.max(t.ring));
                    match hit {
                        LineIntersection::SinglePoint {
                            intersection,
                            is_proper: true,
                        } => {
                            return Crossing::Rings {
                                a,
                                b,
                                at: intersection,
                            };
                        }
                        LineIntersection::Collinear { intersection } => {
                            return Crossing::Rings {
                                a,
                                b,
                                at: intersection.start,
                            };
                        }
                        LineIntersection::SinglePoint { .. } => {}
                    }
                }
            }
        }
        Crossing::None
    }

    fn ring(pts: &[(f64, f64)]) -> Vec<Coord<f64>> {
        pts.iter().map(|&(x, y)| Coord { x, y }).collect()
    }

    #[test]
    fn square_is_fine_bowtie_is_not() {
        let sq = ring(&[(0., 0.), (1., 0.), (1., 1.), (0., 1.), (0., 0.)]);
        assert_eq!(find_crossing_within(&[sq], PAIR_BUDGET), Crossing::None);
        let bow = ring(&[(0., 0.), (1., 1.), (1., 0.), (0., 1.), (0., 0.)]);
        match find_crossing_within(&[bow], PAIR_BUDGET) {
            Crossing::SelfIntersection { ring: 0, at } => {
                assert!((at.x - 0.5).abs() < 1e-12 && (at.y - 0.5).abs() < 1e-12)
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn spike_and_crossing_hole_are_found() {
        let spike = ring(&[(0., 0.), (2., 0.), (3., 0.), (2., 0.), (2., 2.), (0., 0.)]);
        assert!(matches!(
            find_crossing_within(&[spike], PAIR_BUDGET),
            Crossing::SelfIntersection { .. }
        ));
        let outer = ring(&[(0., 0.), (4., 0.), (4., 4.), (0., 4.), (0., 0.)]);
        let hole = ring(&[(3., 1.), (5., 1.), (5., 2.), (3., 2.), (3., 1.)]);
        assert!(matches!(
            find_crossing_within(&[outer.clone(), hole], PAIR_BUDGET),
            Crossing::Rings { a: 0, b: 1, .. }
        ));
        let inner = ring(&[(1., 1.), (1., 2.), (2., 2.), (2., 1.), (1., 1.)]);
        assert_eq!(
            find_crossing_within(&[outer, inner], PAIR_BUDGET),
            Crossing::None
        );
    }

    #[test]
    fn big_circle_is_fast_and_valid_and_budget_stops() {
        let n = 40_000;
        let mut pts: Vec<Coord<f64>> = (0..n)
            .map(|i| {
                let t = i as f64 / n as f64 * std::f64::consts::TAU;
                Coord {
                    x: 50.0 + 10.0 * t.cos(),
                    y: 40.0 + 10.0 * t.sin(),
                }
            })
            .collect();
        pts.push(pts[0]);
        assert_eq!(
            find_crossing_within(&[pts.clone()], PAIR_BUDGET),
            Crossing::None
        );
        assert_eq!(
            find_crossing_within(&[pts], 10),
            Crossing::GaveUp { pairs: 10 }
        );
    }

    /// A small deterministic generator (xorshift) for the comparison below.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    /// A closed, deduplicated ring: a wobbly star on a coarse grid (so that collinear runs,
    /// touching vertices and overlapping edges happen), sometimes with a spike or a reversed run.
    fn random_ring(rng: &mut Rng, cx: f64, cy: f64, r: f64, n: usize) -> Vec<Coord<f64>> {
        let grid = [0.5, 0.25, 0.01][rng.below(3) as usize];
        let q = |v: f64| (v / grid).round() * grid;
        let mut pts: Vec<Coord<f64>> = (0..n)
            .map(|i| {
                let t = i as f64 / n as f64 * std::f64::consts::TAU;
                let rr = r * (0.4 + 0.6 * (rng.below(1000) as f64 / 1000.0));
                Coord {
                    x: q(cx + rr * t.cos()),
                    y: q(cy + rr * t.sin()),
                }
            })
            .collect();
        match rng.below(4) {
            0 if n > 6 => {
                // A spike doubling back on itself.
                let k = 1 + rng.below(n as u64 - 3) as usize;
                let (a, b) = (pts[k], pts[k + 1]);
                pts.insert(k + 2, a);
                pts.insert(
                    k + 2,
                    Coord {
                        x: q(b.x + (b.x - a.x)),
                        y: q(b.y + (b.y - a.y)),
                    },
                );
            }
            1 if n > 6 => {
                let k = rng.below(n as u64 - 4) as usize;
                pts[k..k + 4].reverse();
            }
            _ => {}
        }
        pts.dedup();
        if let Some(first) = pts.first().copied() {
            pts.push(first);
        }
        dedup(&pts)
    }

    #[test]
    fn faster_sweep_finds_what_the_first_one_found() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut found = [0usize; 4];
        for case in 0..3000 {
            let n = 3 + rng.below(60) as usize;
            let mut rings = vec![random_ring(&mut rng, 0.0, 0.0, 10.0, n)];
            for _ in 0..rng.below(3) {
                let (cx, cy) = (rng.below(16) as f64 - 8.0, rng.below(16) as f64 - 8.0);
                let n = 3 + rng.below(12) as usize;
                let r = 1.0 + rng.below(4) as f64;
                let mut hole = random_ring(&mut rng, cx, cy, r, n);
                hole.reverse();
                rings.push(hole);
            }
            let rings: Vec<Vec<Coord<f64>>> = rings.into_iter().filter(|r| r.len() >= 4).collect();
            for budget in [PAIR_BUDGET, 1 + rng.below(200)] {
                let want = find_crossing_reference(&rings, budget);
                assert_eq!(
                    find_crossing_within(&rings, budget),
                    want,
                    "case {case}: {rings:?}"
                );
                found[match want {
                    Crossing::None => 0,
                    Crossing::SelfIntersection { .. } => 1,
                    Crossing::Rings { .. } => 2,
                    Crossing::GaveUp { .. } => 3,
                }] += 1;
            }
        }
        // Every outcome was exercised.
        assert!(found.iter().all(|&c| c > 50), "{found:?}");
    }

    #[test]
    fn radix_sort_orders_like_the_standard_sort() {
        let mut rng = Rng(12345);
        for n in [0, 1, 600, 5000] {
            let keys: Vec<(u64, u32)> = (0..n)
                .map(|i| {
                    let v = match rng.below(5) {
                        0 => -(rng.below(100) as f64) / 7.0,
                        1 => rng.below(100) as f64 * 1e-300,
                        2 => f64::NAN,
                        3 => 0.0,
                        _ => 50.0 + rng.below(1000) as f64 / 1e5,
                    };
                    (total_order_key(v), i as u32)
                })
                .collect();
            let mut want = keys.clone();
            want.sort_unstable();
            let mut got = keys;
            sort_keys(&mut got);
            assert_eq!(got, want);
        }
        let ord = |a: f64, b: f64| total_order_key(a).cmp(&total_order_key(b));
        for (a, b) in [
            (-1.0, -0.5),
            (-0.0, 0.0),
            (0.0, 1e-300),
            (1.0, 2.0),
            (-1e300, 1e300),
        ] {
            assert_eq!(ord(a, b), a.total_cmp(&b), "{a} {b}");
        }
    }

    #[test]
    fn big_rings_with_crossings_agree_with_the_first_sweep() {
        let mut rng = Rng(777);
        let mut seen = std::collections::HashSet::new();
        for case in 0..40 {
            let mut pts = random_ring(&mut rng, 50.0, 40.0, 10.0, 2000);
            if case % 2 == 0 {
                // Swap two far apart vertices: the ring crosses itself.
                let (i, j) = (1 + rng.below(900) as usize, 1000 + rng.below(900) as usize);
                pts.swap(i, j);
            }
            let rings = [dedup(&pts)];
            let want = find_crossing_reference(&rings, PAIR_BUDGET);
            assert_eq!(
                find_crossing_within(&rings, PAIR_BUDGET),
                want,
                "case {case}"
            );
            seen.insert(std::mem::discriminant(&want));
        }
        assert_eq!(seen.len(), 2, "both valid and crossing rings");
    }
}
