//! Country names shadowed in a document: "Iranian Azerbaijan" or "Azerbaijani Turks" named, the
//! bare country name decided by the evidence of each passage (or the document); adjacent
//! demonyms read as one people.

use super::gazetteer::Gazetteer;
use super::{Found, MentionKind, fold, resolve};

/// Country names shadowed by a region of another country in this document.
///
/// A document that writes "<demonym of C> <name of country F>" ("Iranian Azerbaijan")
/// uses the bare name of F for a region of C as well. In such a document the phrase itself
/// is not a mention of F, and each bare mention of F (same spelling) is kept only where the
/// passage (or, on a tie, the document) holds more evidence for F (places inside F, F under
/// another name) than for C (C named, places inside C); otherwise it is left unlinked.
pub(super) fn apply_shadows(gazetteer: &Gazetteer, texts: &[&str], found: &mut [Vec<Found>]) {
    let places = &gazetteer.places;
    let is_country = |f: usize| {
        places
            .get(f)
            .is_some_and(|p| p.kind == crate::atlas::Kind::Country)
    };
    // (F, folded bare surface, shadowing country C, the region R of C so named, if any).
    let mut shadows: Vec<(usize, String, usize, Option<usize>)> = Vec::new();
    // A region of the atlas named "<demonym of C> <F>" ("Iranian Azerbaijan"), named in
    // this document: bare F may mean it here.
    for sr in &gazetteer.shadow_regions {
        if found.iter().flatten().any(|m| m.feature == sr.region) {
            shadows.push((sr.country_named, sr.bare.clone(), sr.owner, Some(sr.region)));
        }
    }
    for (text, f) in texts.iter().zip(found.iter_mut()) {
        drop_adjacent_seconds(text, f, |a, b| {
            let shadowing = a.kind == MentionKind::Demonym
                && b.kind == MentionKind::Name
                && a.feature != b.feature
                && is_country(a.feature)
                && is_country(b.feature);
            if shadowing {
                let surface = fold::fold_str(text.get(b.start..b.end).unwrap_or(""));
                shadows.push((b.feature, surface, a.feature, None));
            }
            shadowing
        });
    }
    if shadows.is_empty() {
        return;
    }
    shadows.sort();
    shadows.dedup();
    // Evidence (for F, for C) in one passage's mentions.
    let weigh = |pi: usize, ms: &[Found], f: usize, surface: &str, c: usize, r: Option<usize>| {
        let (mut ef, mut ec) = (0u32, 0u32);
        for m in ms {
            let inside = |x: usize| {
                places
                    .get(m.feature)
                    .is_some_and(|p| p.containers.binary_search(&x).is_ok())
            };
            let of_region = r.is_some_and(|r| m.feature == r || inside(r));
            if m.feature == c || inside(c) || of_region {
                ec += 1;
            } else if inside(f)
                || (m.feature == f
                    && m.kind == MentionKind::Name
                    && surface_of(texts, pi, m) != surface)
            {
                ef += 1;
            }
        }
        (ef, ec)
    };
    for (f, surface, c, region) in shadows {
        let per: Vec<(u32, u32)> = found
            .iter()
            .enumerate()
            .map(|(pi, ms)| weigh(pi, ms, f, &surface, c, region))
            .collect();
        let doc = per
            .iter()
            .fold((0u32, 0u32), |acc, e| (acc.0 + e.0, acc.1 + e.1));
        for (pi, (ms, ev)) in found.iter_mut().zip(&per).enumerate() {
            // A passage that spells out one reading ("Republic of Azerbaijan" or "Iranian
            // Azerbaijan") uses the bare name in that reading; else the evidence decides.
            let names_f = ms.iter().any(|m| {
                m.feature == f && m.kind == MentionKind::Name && surface_of(texts, pi, m) != surface
            });
            let names_r = region.is_some_and(|r| ms.iter().any(|m| m.feature == r));
            let keep_bare = match (names_f, names_r) {
                (true, false) => true,
                (false, true) => false,
                _ => match ev.0.cmp(&ev.1) {
                    std::cmp::Ordering::Greater => true,
                    std::cmp::Ordering::Less => false,
                    std::cmp::Ordering::Equal => doc.0 > doc.1,
                },
            };
            if keep_bare {
                continue;
            }
            let text = texts.get(pi).copied().unwrap_or("");
            let is_bare = |m: &Found| {
                m.feature == f
                    && surface_of(texts, pi, m) == surface
                    && !resolve::state_cue(text.get(m.end..).unwrap_or(""))
            };
            match region {
                // The region of the atlas takes the bare mentions.
                Some(r) => {
                    for m in ms.iter_mut() {
                        if is_bare(m) {
                            m.feature = r;
                        }
                    }
                }
                // No such region in the atlas: left unlinked.
                None => ms.retain(|m| !is_bare(m)),
            }
        }
    }
}

/// Drops the second mention of every pair of mentions separated only by white space for which
/// `second_goes(first, second)` holds ("Iranian Azerbaijan", "Azerbaijani Turks").
fn drop_adjacent_seconds(
    text: &str,
    found: &mut Vec<Found>,
    mut second_goes: impl FnMut(&Found, &Found) -> bool,
) {
    let mut drop = vec![false; found.len()];
    for (i, pair) in found.windows(2).enumerate() {
        let &[a, b] = pair else {
            continue;
        };
        let between = text.get(a.end..b.start).unwrap_or("x");
        if !between.is_empty()
            && between.chars().all(char::is_whitespace)
            && second_goes(&a, &b)
            && let Some(d) = drop.get_mut(i + 1)
        {
            *d = true;
        }
    }
    let mut keep = drop.into_iter().map(|d| !d);
    found.retain(|_| keep.next().unwrap_or(true));
}

/// Two demonyms in a row name one people of the first place ("Azerbaijani Turks", "Azeri
/// Turks"): the head noun is not a mention of its own country, so it is dropped.
pub(super) fn drop_qualified_demonyms(text: &str, found: &mut Vec<Found>) {
    drop_adjacent_seconds(text, found, |a, b| {
        a.kind == MentionKind::Demonym && b.kind == MentionKind::Demonym && a.feature != b.feature
    });
}

/// The folded surface of mention `m` of passage `pi`.
fn surface_of(texts: &[&str], pi: usize, m: &Found) -> String {
    fold::fold_str(
        texts
            .get(pi)
            .and_then(|t| t.get(m.start..m.end))
            .unwrap_or(""),
    )
}
