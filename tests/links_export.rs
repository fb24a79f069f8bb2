//! Snapshot of the linked-corpus export (`caspian-atlas export`): one document in full, and
//! every mention of the corpus in a compact form.

use caspian_atlas::atlas::Atlas;
use caspian_atlas::corpus::Corpus;
use caspian_atlas::links::Links;
use caspian_atlas::links::export::build_export;

#[test]
fn export_snapshot() {
    let atlas = Atlas::load_embedded();
    let corpus = Corpus::load_embedded();
    let links = Links::build(&atlas, &corpus);
    let export = build_export(
        &corpus.documents,
        &corpus.passages,
        links.all_mentions(),
        atlas.features(),
    );
    // Deterministic: a second build gives the same export.
    let again = build_export(
        &corpus.documents,
        &corpus.passages,
        Links::build(&atlas, &corpus).all_mentions(),
        atlas.features(),
    );
    assert_eq!(export, again);
    // Every mention carries its feature's name, kind and a point (issue 12).
    for p in &export.passages {
        for m in &p.mentions {
            assert!(
                !m.name.is_empty()
                    && m.feature_kind.is_some()
                    && m.lon.is_some()
                    && m.lat.is_some(),
                "{} in {} lacks name, kind or point",
                m.feature,
                p.id
            );
        }
    }

    let mut one = export.clone();
    one.documents.retain(|d| d.id == "shaffer-2023-aliyev-iran");
    one.passages
        .retain(|p| p.document == "shaffer-2023-aliyev-iran");
    assert!(!one.passages.is_empty());
    insta::assert_json_snapshot!("export_shaffer", one);

    let mut compact = String::new();
    for p in &export.passages {
        for m in &p.mentions {
            compact.push_str(&format!(
                "{} {}..{} {:?} {} {:?}\n",
                p.id, m.start, m.end, m.surface, m.feature, m.kind
            ));
        }
    }
    insta::assert_snapshot!("export_mentions", compact);
}
