//! Property tests (small budgets, stable toolchain) for the fuzz targets' entry points: a
//! GeoJSON layer, a text document through clean + split + link, the echo clip. The saved
//! state's deserialisers are covered in `robust_state` and `app::storage`'s unit tests.

use std::sync::OnceLock;

use proptest::prelude::*;

use caspian_atlas::atlas::Atlas;
use caspian_atlas::clip::{MAX_ECHO_CHARS, clip};
use caspian_atlas::corpus::ingest_text;
use caspian_atlas::links::{Linker, Links};

fn setup() -> &'static (Atlas, Linker) {
    static SETUP: OnceLock<(Atlas, Linker)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let atlas = Atlas::load_embedded();
        let Ok(linker) = Linker::from_atlas(&atlas) else {
            panic!("the gazetteer builds from the shipped atlas");
        };
        (atlas, linker)
    })
}

/// Text made of words that matter to the cleaners and the linker.
fn texty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Baku".to_string()),
        Just("Azerbaijan".to_string()),
        Just("Georgia".to_string()),
        Just("Iranian".to_string()),
        Just("inter-".to_string()),
        Just("national".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just(", and ".to_string()),
        Just(". ".to_string()),
        Just("BAKU DIALOGUES".to_string()),
        Just("  BD".to_string()),
        Just("17".to_string()),
        "[a-zA-Z\u{e9}\u{ad}-]{1,12}",
        " {1,3}",
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_text_is_cleaned_and_linked_or_refused_by_name(text in texty()) {
        let (atlas, linker) = setup();
        match ingest_text("prop.txt", text.as_bytes()) {
            Ok((_, passages)) => {
                prop_assert!(!passages.is_empty());
                let links = Links::from_parts(atlas.features(), &passages, linker);
                for (p, ms) in passages.iter().zip(links.all_mentions()) {
                    for m in ms {
                        prop_assert_eq!(p.text.get(m.start..m.end), Some(m.surface.as_str()));
                    }
                }
            }
            Err(e) => prop_assert!(e.to_string().contains("prop.txt")),
        }
    }

    #[test]
    fn text_with_letters_is_never_empty(words in prop::collection::vec("[A-Za-z]{2,9}", 1..6)) {
        // However repeated (a doubled head, a running head), some text is kept.
        let line = format!("{} {}", words.join(" "), words.join(" "));
        let text = format!("{line}\n{line}\n{line}\n");
        prop_assert!(ingest_text("rep.txt", text.as_bytes()).is_ok());
    }

    #[test]
    fn any_bytes_as_a_layer_load_or_warn(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let atlas = Atlas::from_layers(&[("cities.geojson", &bytes)]);
        let _ = atlas.pick(49.8, 40.4, 0.5);
        for w in atlas.warnings() {
            prop_assert!(w.to_string().contains("cities.geojson"));
        }
    }

    #[test]
    fn clipped_values_are_bounded(s in ".{0,400}") {
        let c = clip(&s);
        prop_assert!(c.chars().count() <= MAX_ECHO_CHARS + 30);
        if s.chars().count() <= MAX_ECHO_CHARS {
            prop_assert_eq!(c.as_ref(), s.as_str());
        }
    }
}

#[test]
fn a_feature_collection_with_junk_loads_or_warns() {
    let layer = br#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"x","name":"X","kind":"city"},"geometry":{"type":"Point","coordinates":[1e308,NaN]}}]}"#;
    let atlas = Atlas::from_layers(&[("cities.geojson", layer)]);
    assert!(atlas.features().is_empty() || !atlas.warnings().is_empty());
}
