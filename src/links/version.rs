//! The linker's version: a constant bumped with the rules, combined with a fingerprint of the
//! atlas names, so the reader's library knows when its stored mentions are stale.

use crate::atlas::Feature;

/// The version of the linking rules. Bump it whenever a change to the gazetteer, the resolution
/// rules or the blocker phrases can change the mentions found: the reader's library re-links
/// its documents when [`linker_version`] differs from the one that made their stored mentions.
pub const LINKER_VERSION: u32 = 1;

/// [`LINKER_VERSION`] combined with a fingerprint of the atlas features' ids, kinds, names,
/// aliases and demonyms (`1-3f2a…`): what made a document's stored mentions.
pub fn linker_version(features: &[Feature]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for f in features {
        for part in [f.id.as_str(), f.kind.as_str(), f.name.as_str()]
            .into_iter()
            .chain(f.aliases.iter().map(String::as_str))
            .chain(std::iter::once("\u{1f}"))
            .chain(f.demonyms.iter().map(String::as_str))
        {
            h.update(part.as_bytes());
            h.update([0u8]);
        }
        h.update([1u8]);
    }
    let digest = h.finalize();
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("{LINKER_VERSION}-{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_follows_the_names() {
        let atlas = crate::atlas::Atlas::load_embedded();
        let mut features = atlas.features().to_vec();
        let v = linker_version(&features);
        assert!(v.starts_with(&format!("{LINKER_VERSION}-")));
        assert_eq!(v, linker_version(&features), "stable");
        if let Some(f) = features.first_mut() {
            f.aliases.push("Somewhere Else".into());
        }
        assert_ne!(v, linker_version(&features), "an alias changes it");
    }
}
