//! The reader's corrections to the linker: "not this place → that one", "not a place", and
//! "link these words to a place", each for one mention, one document or everywhere; applied to
//! the linker's mentions after every (re-)link, so undoing one restores the linker's own result.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::fold::fold_str;
use super::{Mention, MentionKind};
use crate::corpus::Passage;

/// How far a correction reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// This one mention (its passage and place in the text).
    Mention,
    /// Every occurrence of the same words in the same document.
    Document,
    /// Every occurrence of the same words in every text, including texts added later.
    Everywhere,
}

impl Scope {
    pub fn label(self) -> &'static str {
        match self {
            Scope::Mention => "this mention",
            Scope::Document => "this document",
            Scope::Everywhere => "everywhere",
        }
    }

    pub fn parse(s: &str) -> Option<Scope> {
        match s {
            "mention" => Some(Scope::Mention),
            "document" => Some(Scope::Document),
            "everywhere" => Some(Scope::Everywhere),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Mention => "mention",
            Scope::Document => "document",
            Scope::Everywhere => "everywhere",
        }
    }
}

/// What the reader said.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "action", content = "feature")]
pub enum Action {
    /// The words name this feature (instead of what the linker chose, or where it chose nothing).
    LinkTo(String),
    /// The words are not a place.
    NotAPlace,
}

/// One correction. `surface` is the text the reader corrected; `passage` and `start` locate the
/// mention it was made on (for the `Mention` scope, and to name its document).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Correction {
    pub scope: Scope,
    /// The document the correction was made in.
    pub document: String,
    /// The passage id the correction was made in.
    pub passage: String,
    /// Byte offsets of the corrected words in that passage's text.
    pub start: usize,
    pub end: usize,
    /// The corrected words as printed.
    pub surface: String,
    pub action: Action,
}

/// Where corrections changed the linker's result: `(passage index, start byte)` of each mention
/// that a correction made or replaced (removed mentions leave no entry).
pub type Corrected = HashSet<(usize, usize)>;

/// Apply `corrections` in order (a later one wins where two touch the same words) to the
/// linker's `mentions` (one list per passage of `passages`, sorted by start). Returns where a
/// correction made or replaced a mention. Corrections whose words no longer occur are skipped.
pub fn apply(
    corrections: &[Correction],
    passages: &[Passage],
    mentions: &mut [Vec<Mention>],
) -> Corrected {
    let mut corrected = Corrected::new();
    for c in corrections {
        let wanted = fold_str(&c.surface);
        if wanted.trim().is_empty() {
            continue;
        }
        for (pi, p) in passages.iter().enumerate() {
            let in_scope = match c.scope {
                Scope::Mention => p.id == c.passage,
                Scope::Document => p.document == c.document,
                Scope::Everywhere => true,
            };
            if !in_scope {
                continue;
            }
            let Some(list) = mentions.get_mut(pi) else {
                continue;
            };
            let spans: Vec<(usize, usize)> = if c.scope == Scope::Mention {
                locate_one(&p.text, c.start, c.end, &c.surface, &wanted)
                    .into_iter()
                    .collect()
            } else {
                occurrences(&p.text, &wanted)
            };
            for (s, e) in spans {
                // Whatever the linker found overlapping these words goes.
                list.retain(|m| m.end <= s || m.start >= e);
                corrected.retain(|&(cp, cs)| cp != pi || cs < s || cs >= e);
                if let Action::LinkTo(feature) = &c.action {
                    let surface = p.text.get(s..e).unwrap_or_default().to_string();
                    let at = list.partition_point(|m| m.start < s);
                    list.insert(
                        at,
                        Mention {
                            feature: feature.clone(),
                            start: s,
                            end: e,
                            surface,
                            kind: MentionKind::Name,
                        },
                    );
                    corrected.insert((pi, s));
                }
            }
        }
    }
    corrected
}

/// The span of a single-mention correction in (possibly re-cleaned) text: the recorded span if it
/// still holds the same words, else the occurrence of the words nearest to where it was.
fn locate_one(
    text: &str,
    start: usize,
    end: usize,
    surface: &str,
    wanted: &str,
) -> Option<(usize, usize)> {
    if text.get(start..end) == Some(surface) {
        return Some((start, end));
    }
    occurrences(text, wanted)
        .into_iter()
        .min_by_key(|&(s, _)| s.abs_diff(start))
}

/// Every word-bounded occurrence of the folded words `wanted` in `text`, as original byte spans.
fn occurrences(text: &str, wanted: &str) -> Vec<(usize, usize)> {
    let folded = super::fold::fold(text);
    let hay = folded.text.as_str();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(rel) = hay.get(from..).and_then(|h| h.find(wanted)) {
        let s = from + rel;
        let e = s + wanted.len();
        let before_ok = hay[..s]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = hay
            .get(e..)
            .and_then(|t| t.chars().next())
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok
            && after_ok
            && let Some(span) = folded.original_span(s, e)
        {
            out.push(span);
        }
        from = s + hay[s..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(doc: &str, i: usize, text: &str) -> Passage {
        Passage {
            id: format!("{doc}#p{i}"),
            document: doc.to_string(),
            index: i,
            heading: None,
            text: text.to_string(),
        }
    }

    fn mention(text: &str, word: &str, feature: &str) -> Mention {
        let Some(start) = text.find(word) else {
            panic!("{word:?} is not in {text:?}");
        };
        Mention {
            feature: feature.into(),
            start,
            end: start + word.len(),
            surface: word.into(),
            kind: MentionKind::Name,
        }
    }

    fn corpus() -> (Vec<Passage>, Vec<Vec<Mention>>) {
        let a = "Mary said the talks in Mary went well.";
        let b = "In Mary, cotton prices fell.";
        let c = "Mary travelled to Baku.";
        let passages = vec![
            passage("d1", 1, a),
            passage("d1", 2, b),
            passage("d2", 1, c),
        ];
        let mentions = vec![
            vec![mention(a, "Mary", "mary"), {
                let s = a.rfind("Mary").unwrap_or(0);
                Mention {
                    feature: "mary".into(),
                    start: s,
                    end: s + 4,
                    surface: "Mary".into(),
                    kind: MentionKind::Name,
                }
            }],
            vec![mention(b, "Mary", "mary")],
            vec![mention(c, "Mary", "mary"), mention(c, "Baku", "baku")],
        ];
        (passages, mentions)
    }

    fn correction(scope: Scope, passage: &str, start: usize, action: Action) -> Correction {
        Correction {
            scope,
            document: passage.split('#').next().unwrap_or_default().to_string(),
            passage: passage.to_string(),
            start,
            end: start + 4,
            surface: "Mary".into(),
            action,
        }
    }

    #[test]
    fn one_mention_is_removed_and_the_rest_stay() {
        let (passages, mut mentions) = corpus();
        let c = correction(Scope::Mention, "d1#p1", 0, Action::NotAPlace);
        let corrected = apply(&[c], &passages, &mut mentions);
        assert_eq!(mentions[0].len(), 1, "only the first Mary of p1 goes");
        assert!(mentions[0][0].start > 0);
        assert_eq!(mentions[1].len(), 1);
        assert_eq!(mentions[2].len(), 2);
        assert!(corrected.is_empty(), "a removal marks nothing");
    }

    #[test]
    fn document_scope_reaches_every_occurrence_in_that_document_only() {
        let (passages, mut mentions) = corpus();
        let c = correction(Scope::Document, "d1#p1", 0, Action::NotAPlace);
        apply(&[c], &passages, &mut mentions);
        assert!(mentions[0].is_empty() && mentions[1].is_empty());
        assert_eq!(mentions[2].len(), 2, "the other document keeps its link");
    }

    #[test]
    fn everywhere_relinks_and_marks_what_it_changed() {
        let (passages, mut mentions) = corpus();
        let c = correction(
            Scope::Everywhere,
            "d2#p1",
            0,
            Action::LinkTo("mary-oblast".into()),
        );
        let corrected = apply(&[c], &passages, &mut mentions);
        let features: Vec<&str> = mentions
            .iter()
            .flatten()
            .map(|m| m.feature.as_str())
            .collect();
        assert_eq!(features.iter().filter(|f| **f == "mary-oblast").count(), 4);
        assert!(features.contains(&"baku"));
        assert_eq!(corrected.len(), 4);
        assert!(corrected.contains(&(2, 0)));
    }

    #[test]
    fn link_to_adds_a_mention_where_the_linker_found_none_in_order() {
        let text = "Pipes reach Sangachal terminal near Baku.";
        let passages = vec![passage("d", 1, text)];
        let mut mentions = vec![vec![mention(text, "Baku", "baku")]];
        let start = text.find("Sangachal").unwrap_or(0);
        let c = Correction {
            scope: Scope::Mention,
            document: "d".into(),
            passage: "d#p1".into(),
            start,
            end: start + "Sangachal".len(),
            surface: "Sangachal".into(),
            action: Action::LinkTo("sangachal".into()),
        };
        apply(&[c], &passages, &mut mentions);
        let got: Vec<&str> = mentions[0].iter().map(|m| m.feature.as_str()).collect();
        assert_eq!(got, ["sangachal", "baku"], "sorted by start");
    }

    #[test]
    fn a_mention_correction_follows_its_words_when_the_text_shifts() {
        let text = "Later: Mary said nothing.";
        let passages = vec![passage("d1", 1, text)];
        let mut mentions = vec![vec![mention(text, "Mary", "mary")]];
        // Recorded at 0 in an earlier cleaning of the text.
        let c = correction(Scope::Mention, "d1#p1", 0, Action::NotAPlace);
        apply(&[c], &passages, &mut mentions);
        assert!(mentions[0].is_empty());
    }

    #[test]
    fn words_inside_other_words_are_not_occurrences() {
        assert_eq!(occurrences("Maryland and Mary", "mary"), vec![(13, 17)]);
        assert_eq!(occurrences("Şəki and Sheki", &fold_str("Şəki")).len(), 1);
    }

    #[test]
    fn undo_is_applying_the_rest() {
        let (passages, original) = corpus();
        let mut mentions = original.clone();
        apply(&[], &passages, &mut mentions);
        assert_eq!(mentions, original);
    }
}
