//! What a line of a PDF's text is, by its words alone: a list item's marker, a figure's or
//! table's caption, an entry of a table of contents, a numbered section heading, a journal's
//! apparatus around an article. The layout uses these to make paragraphs and to leave out what
//! is not running text.

use super::layout::{Seg, is_page_number};

/// How a list item begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Marker {
    /// A bullet (`•`, `–`, `▪`), dropped from the text: the item starts at this byte.
    Bullet(usize),
    /// A number or letter (`1.`, `2)`, `(b)`, `iv.`), kept: the text may refer to it.
    Numbered,
}

/// A journal's apparatus around an article, not its text: "KEYWORDS Caspian; pipelines",
/// "Article history: Received 12 January 2019", "JEL classification: Q41", "CONTACT Ana
/// Kapanadze ana@example.ge", "© 2020 Informa UK Limited", "Corresponding author: …".
pub(super) fn is_apparatus(t: &str) -> bool {
    let t = t.trim();
    let words = t.split_whitespace().count();
    if words > 60 {
        return false;
    }
    let lower = t.to_lowercase();
    // "Keywords: …", or the label in capitals ("KEYWORDS Caspian; pipelines"), or a short
    // list after it.
    let labelled = |label: &str| match lower.strip_prefix(label) {
        Some(rest) if rest.starts_with(':') => true,
        Some(rest) if rest.starts_with([' ', '.']) => {
            t.starts_with(&label.to_uppercase()) || (words <= 30 && t.contains(';'))
        }
        _ => false,
    };
    let labels = [
        "keywords",
        "key words",
        "article history",
        "article info",
        "jel classification",
        "jel codes",
        "jel",
    ];
    let contact = ["contact ", "corresponding author", "correspondence"]
        .iter()
        .any(|p| lower.starts_with(p))
        && t.contains('@');
    // "Received 12 January 2019; Accepted 3 March 2020".
    let received =
        (lower.starts_with("received ") || lower.starts_with("received:")) && words <= 30 && {
            let after: Vec<&str> = t.split_whitespace().skip(1).take(3).collect();
            let after = after.join(" ");
            let after = after
                .trim_start_matches(':')
                .trim()
                .trim_end_matches([';', ',', '.']);
            crate::import::meta::date_in_label(after).is_some()
        };
    let copyright = (t.starts_with('©') || lower.starts_with("copyright ©")) && words <= 30;
    labels.iter().any(|l| labelled(l)) || contact || received || copyright
}

/// The list marker a line opens with, if any.
pub(super) fn list_marker(t: &str) -> Option<Marker> {
    let (first, rest) = t.split_once(' ')?;
    let rest = rest.trim_start();
    if rest.is_empty() {
        return None;
    }
    if matches!(
        first,
        "•" | "◦"
            | "▪"
            | "‣"
            | "∙"
            | "·"
            | "–"
            | "—"
            | "-"
            | "*"
            | "○"
            | "■"
            | "□"
            | "➢"
            | "✓"
    ) {
        return Some(Marker::Bullet(t.len() - rest.len()));
    }
    let label = first
        .strip_prefix('(')
        .and_then(|f| f.strip_suffix(')'))
        .or_else(|| first.strip_suffix(['.', ')']))?;
    let numbered =
        (!label.is_empty() && label.len() <= 2 && label.chars().all(|c| c.is_ascii_digit()))
            || (label.len() == 1 && label.chars().all(|c| c.is_ascii_lowercase()))
            || (!label.is_empty() && label.len() <= 4 && label.chars().all(|c| "ivx".contains(c)));
    numbered.then_some(Marker::Numbered)
}

/// A caption's opening ("Figure 3:", "Fig. 2.", "Table 1 –", "Map 1:"): `Some(true)` for a
/// table's, whose rows follow it, `Some(false)` for the others. "Table 1 shows" is text.
pub(super) fn caption_kind(t: &str) -> Option<bool> {
    let mut words = t.split_whitespace();
    let label = words.next()?.to_lowercase();
    let number = words.next()?;
    let table = matches!(label.as_str(), "table" | "таблица" | "tablo" | "cədvəl");
    let other = matches!(
        label.as_str(),
        "figure" | "fig." | "map" | "chart" | "graph" | "exhibit" | "рисунок" | "рис." | "şekil"
    );
    let digits = number.trim_end_matches([':', '.']);
    let numbered = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().next().is_some_and(|c| c.is_ascii_digit());
    let labelled = number.ends_with([':', '.'])
        || words
            .next()
            .is_some_and(|w| matches!(w, "–" | "—" | "-" | ":" | "|"));
    ((table || other) && numbered && labelled).then_some(table)
}

/// True when a line ends in a page number (`12`, `xiv`) after some text.
fn ends_in_page_number(t: &str) -> bool {
    let mut words = t.split_whitespace();
    let last = words.next_back();
    words.next().is_some() && last.is_some_and(is_page_number)
}

/// A table-of-contents entry by its leader: "1.1 Method . . . . 2", "Ports ...... 14".
fn is_leader_line(t: &str) -> bool {
    let dots = t.matches(". .").count() >= 3 || t.contains("....") || t.contains('\u{2026}');
    dots && ends_in_page_number(t)
}

/// The heading of a table of contents, in the languages of the region's writing.
fn is_contents_heading(t: &str) -> bool {
    let t = t.trim().trim_end_matches([':', '.']).to_lowercase();
    matches!(
        t.as_str(),
        "contents"
            | "table of contents"
            | "содержание"
            | "оглавление"
            | "içindekiler"
            | "mündəricat"
            | "inhalt"
            | "inhaltsverzeichnis"
            | "sommaire"
            | "table des matières"
    )
}

fn drop_at(keep: &mut [bool], i: usize) {
    if let Some(k) = keep.get_mut(i) {
        *k = false;
    }
}

/// A table of contents taken out: its heading and the entries after it (lines ending in a
/// page number, on its pages), and any line with a dot leader to a page number; how many
/// lines went.
pub(super) fn drop_contents(segs: Vec<Seg>) -> (Vec<Seg>, usize) {
    let mut keep = vec![true; segs.len()];
    let mut i = 0;
    while let Some(s) = segs.get(i) {
        if is_leader_line(&s.text) {
            drop_at(&mut keep, i);
        } else if is_contents_heading(&s.text) {
            drop_at(&mut keep, i);
            let mut page = s.page;
            let mut j = i + 1;
            while let Some(e) = segs.get(j) {
                let leader = is_leader_line(&e.text);
                if !(leader || (e.page == page && ends_in_page_number(&e.text))) {
                    break;
                }
                drop_at(&mut keep, j);
                page = e.page;
                j += 1;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    let dropped = keep.iter().filter(|k| !**k).count();
    let kept = segs
        .into_iter()
        .zip(keep)
        .filter_map(|(s, k)| k.then_some(s))
        .collect();
    (kept, dropped)
}

/// "1. Summary", "2.3 Ports and rails", "IV. Outlook": a section number, then a capitalised
/// title of a few words with no closing punctuation.
pub(super) fn numbered_heading(t: &str) -> bool {
    let mut words = t.split_whitespace();
    let (Some(num), Some(next)) = (words.next(), words.next()) else {
        return false;
    };
    let arabic = num
        .trim_end_matches('.')
        .split('.')
        .all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()));
    let roman = num.ends_with('.')
        && num.len() <= 6
        && num.trim_end_matches('.').chars().all(|c| "IVX".contains(c));
    (arabic || roman)
        && next.chars().next().is_some_and(char::is_uppercase)
        && t.split_whitespace().count() <= 12
        && !t.ends_with(['.', ',', ';', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_journals_apparatus_is_told_from_text() {
        for line in [
            "KEYWORDS Caspian; pipelines; Georgia",
            "Keywords: energy security, South Caucasus",
            "ARTICLE HISTORY Received 12 January 2019 Accepted 3 March 2020",
            "Article history: Received 12 January 2019",
            "Received 12 January 2019; Accepted 3 March 2020",
            "JEL classification: Q41, F51",
            "CONTACT Ana Kapanadze ana@example.ge Department of Politics, Tbilisi State University",
            "© 2020 Informa UK Limited, trading as Taylor & Francis Group",
        ] {
            assert!(is_apparatus(line), "{line}");
        }
        for line in [
            "Keywords matter less than the routes themselves, as the ministers found out.",
            "Received wisdom in Baku holds that the pipeline was a political project first.",
            "Contact between the two delegations was rare before 2020.",
        ] {
            assert!(!is_apparatus(line), "{line}");
        }
    }

    #[test]
    fn captions_are_labelled_and_numbered() {
        assert_eq!(caption_kind("Figure 1: Oil and gas exports"), Some(false));
        assert_eq!(caption_kind("Fig. 2. The corridor"), Some(false));
        assert_eq!(caption_kind("Table 3 \u{2013} Pipelines"), Some(true));
        assert_eq!(caption_kind("Table 1.2: Ports"), Some(true));
        assert_eq!(caption_kind("Table 1 shows that"), None);
        assert_eq!(caption_kind("Figure skating in Baku"), None);
        assert_eq!(caption_kind("Map: the region"), None);
    }

    #[test]
    fn list_markers_are_bullets_numbers_and_letters() {
        assert_eq!(list_marker("• Ports first"), Some(Marker::Bullet(4)));
        assert_eq!(list_marker("– a route"), Some(Marker::Bullet(4)));
        assert_eq!(list_marker("2. Azerbaijan has"), Some(Marker::Numbered));
        assert_eq!(list_marker("(b) the second"), Some(Marker::Numbered));
        assert_eq!(list_marker("iv) the fourth"), Some(Marker::Numbered));
        assert_eq!(list_marker("2023. The year"), None);
        assert_eq!(list_marker("Baku. The"), None);
        assert_eq!(list_marker("•"), None);
    }

    #[test]
    fn contents_entries_are_known_by_leaders_and_page_numbers() {
        assert!(is_leader_line("1.1 Method . . . . . . . . 2"));
        assert!(is_leader_line("Ports and rails ........ xiv"));
        assert!(!is_leader_line("He paused. . . and went on"));
        assert!(ends_in_page_number("1 Introduction 2"));
        assert!(!ends_in_page_number("12"));
        assert!(!ends_in_page_number("in the year 20225"));
        assert!(is_contents_heading("Table of Contents"));
        assert!(is_contents_heading("Содержание"));
        assert!(!is_contents_heading("Contents of the agreement"));
    }
}
