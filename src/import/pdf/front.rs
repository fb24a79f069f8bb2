//! A PDF's front matter on its first page: the title (the largest type in its top part), the
//! masthead above it (outlet, date), and under it the byline, names, affiliations, date and
//! outlet, taken out of the running text into the metadata.

use std::collections::HashSet;

use super::layout::Seg;
use super::lines::numbered_heading;
use crate::corpus::DocMeta;
use crate::corpus::clean::paragraphs::ends_sentence;
use crate::corpus::raw::is_section_name;
use crate::import::meta::{is_name_line, parse_byline, parse_date, split_authors};

/// Title (the largest type in the top half of the first page) and the byline lines under it.
pub(super) fn front_matter(
    segs: Vec<Seg>,
    body: f64,
    height: f64,
    web_print: bool,
) -> (Option<String>, DocMeta, Vec<Seg>) {
    let mut meta = DocMeta::default();
    let first_page: Vec<&Seg> = segs.iter().filter(|s| s.page == 0).collect();
    let biggest = first_page
        .iter()
        .filter(|s| s.y <= height * 0.6)
        .map(|s| s.size)
        .fold(0.0, f64::max);
    let in_title_type = |s: &Seg| s.page == 0 && (s.size - biggest).abs() < 0.05 * biggest;
    let title_lines: Vec<usize> = if biggest < 1.25 * body {
        // A title in the body's type (bold, as troff's and many reports' are): taken only
        // when the page opens with short centred lines and one of them names the authors.
        match centred_title(&segs, body) {
            Some(k) => (0..k).collect(),
            None => return (None, meta, segs),
        }
    } else {
        // The first run of lines in the largest type, at most four.
        segs.iter()
            .enumerate()
            .skip_while(|(_, s)| !in_title_type(s))
            .take_while(|(_, s)| in_title_type(s))
            .take(4)
            .map(|(i, _)| i)
            .collect()
    };
    // "Abstract", "Key findings" or "1 Exports" in the largest type is a section, not the
    // title.
    let title_lines: Vec<usize> = if title_lines
        .iter()
        .filter_map(|&i| segs.get(i))
        .any(|s| is_section_name(&s.text) || numbered_heading(&s.text))
    {
        return (None, meta, segs);
    } else {
        title_lines
    };
    let title: Vec<String> = title_lines
        .iter()
        .filter_map(|&i| segs.get(i).map(|s| s.text.clone()))
        .collect();
    let title_y = title_lines
        .iter()
        .filter_map(|&i| segs.get(i).map(|s| s.y))
        .fold(f64::MAX, f64::min);
    let mut taken: HashSet<usize> = title_lines.iter().copied().collect();
    // The title's middle: a name line centred under a centred title is a byline even in the
    // body's type (the size rule below would take it for running text).
    let title_mid = {
        let mids: Vec<f64> = taken
            .iter()
            .filter_map(|&i| segs.get(i))
            .map(|s| (s.x0 + s.x1) / 2.0)
            .collect();
        (!mids.is_empty()).then(|| mids.iter().sum::<f64>() / mids.len() as f64)
    };
    let widest = text_block(&first_page).map_or(0.0, |(left, right)| right - left);
    // Lines above the title on the first page: a masthead ("CASPIAN POLICY REVIEW · VOL. 7,
    // NO. 2") gives the outlet and perhaps a date; none of it is running text.
    // A printed web page's lines above its headline are the site's menus and banners.
    let first_title = taken.iter().min().copied().unwrap_or(0);
    for (i, s) in segs.iter().enumerate().take(first_title) {
        if s.page == 0 && s.y < title_y {
            if !web_print {
                masthead(&s.text, &mut meta);
            }
            taken.insert(i);
        }
    }
    // Lines between the title and the body: a subtitle, bylines, names (side by side or row
    // after row, each row perhaps followed by the affiliations), a date, the outlet.
    let start = taken.iter().max().map_or(0, |m| m + 1);
    let mut subtitle: Option<String> = None;
    // The last line taken was names or affiliations: more names may follow (a second row).
    let mut in_names = false;
    // A printed web page's lines looked past before its byline: the standfirst, taken out
    // with the byline as the web reader takes it out.
    let mut looked_past: Vec<usize> = Vec::new();
    for (k, (i, s)) in segs.iter().enumerate().skip(start).enumerate() {
        if s.page != 0 {
            break;
        }
        let words = s.text.split_whitespace().count();
        let t = s.text.trim();
        // "Abstract", "Introduction": the front matter is over.
        if is_section_name(t) {
            break;
        }
        // Names set side by side, each over its own affiliation, are cut apart at the gaps.
        let parts: Vec<&str> = if s.parts.is_empty() {
            vec![t]
        } else {
            s.parts.iter().map(|p| p.trim()).collect()
        };
        let is_names = parts.iter().all(|p| is_name_line(p));
        let affiliations = parts.iter().all(|p| is_affiliation(p) || p.contains('@'));
        // A short line centred under the title (a justified body line is as wide as its
        // column, so it is never short).
        let centred = title_mid.is_some_and(|m| centred_on(s, m, 0.6 * widest, body));
        let display = (s.size - body).abs() > 0.02 * body;
        if let Some((authors, date)) = parse_byline(t) {
            meta.authors = authors;
            meta.date = meta.date.take().or(date);
        } else if affiliations && words <= 16 * parts.len() {
            // "Tbilisi State University; ADA University, Baku": the authors' institutions.
            in_names = true;
            taken.insert(i);
            continue;
        } else if is_names
            && (display || centred || (web_print && k < 6))
            && (meta.authors.is_empty() || in_names)
        {
            for name in parts.iter().flat_map(|p| split_authors(p)) {
                if !meta.authors.contains(&name) {
                    meta.authors.push(name);
                }
            }
            in_names = true;
            taken.insert(i);
            continue;
        } else if let Some(d) = parse_date(t) {
            meta.date = Some(d);
        } else if words <= 12 && !ends_sentence(t) && dated_masthead(t) {
            // "Policy Brief No. 14 | March 2025" under a report's title, in any type: the
            // series and its date, as a masthead gives them.
            masthead(t, &mut meta);
        } else if k == 0 && s.size > 1.05 * body && words <= 16 && !ends_sentence(t) {
            // A line in display type right under the title, smaller than it: the subtitle.
            subtitle = Some(t.to_string());
        } else if words <= 10 && s.size < 0.95 * body && !ends_sentence(t) {
            // "Caspian Review · Winter 2025" in small type: outlet and date (a first section
            // heading, in type as large as the body's or larger, is left to the body).
            for part in t.split(['·', '|', '•']).map(str::trim) {
                if let Some(d) = parse_date(part) {
                    meta.date = meta.date.take().or(Some(d));
                } else if has_words(part) && meta.outlet.is_none() {
                    meta.outlet = Some(part.to_string());
                }
            }
        } else if web_print && k < 6 {
            // A printed web page's standfirst or image may come between its headline and
            // its byline: looked past.
            looked_past.push(i);
            continue;
        } else {
            break;
        }
        in_names = false;
        taken.insert(i);
    }
    // Only a byline or date found after them makes them the standfirst.
    if !(meta.authors.is_empty() && meta.date.is_none()) {
        let last = taken.iter().max().copied().unwrap_or(0);
        taken.extend(looked_past.into_iter().filter(|&i| i < last));
    }
    let mut title = title;
    if let Some(sub) = subtitle
        && !title.is_empty()
    {
        // "Main title: Subtitle", unless the title ends in its own punctuation.
        if let Some(last) = title.last_mut()
            && !last.ends_with([':', '?', '!', '.'])
        {
            last.push(':');
        }
        title.push(sub);
    }
    let title = (!title.is_empty()).then(|| title.join(" "));
    let rest = segs
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !taken.contains(i))
        .map(|(_, s)| s)
        .collect();
    (title, meta, rest)
}

/// The left and right edges of the text on a page, when it has any width.
fn text_block(page: &[&Seg]) -> Option<(f64, f64)> {
    let left = page.iter().map(|s| s.x0).fold(f64::INFINITY, f64::min);
    let right = page.iter().map(|s| s.x1).fold(f64::NEG_INFINITY, f64::max);
    (right > left).then_some((left, right))
}

/// True when a line's middle is within one and a half body sizes of `mid` and it is narrower
/// than `max_width` (a justified line fills its column, so it is never centred).
fn centred_on(s: &Seg, mid: f64, max_width: f64, body: f64) -> bool {
    ((s.x0 + s.x1) / 2.0 - mid).abs() <= 1.5 * body && s.x1 - s.x0 < max_width
}

/// The number of lines of a body-type title: the first page's leading lines that are short
/// and centred on its text block, up to a line of names (the byline), which must follow
/// within the first five lines.
fn centred_title(segs: &[Seg], body: f64) -> Option<usize> {
    let first_page: Vec<&Seg> = segs.iter().take_while(|s| s.page == 0).collect();
    let (left, right) = text_block(&first_page)?;
    let mid = (left + right) / 2.0;
    for (k, s) in first_page.iter().enumerate().take(5) {
        if !centred_on(s, mid, 0.8 * (right - left), body) {
            return None;
        }
        if k > 0 && is_name_line(s.text.trim()) {
            return Some(k);
        }
    }
    None
}

/// A line naming institutions (the authors' affiliations under a byline).
fn is_affiliation(t: &str) -> bool {
    const WORDS: &[&str] = &[
        "University",
        "Universität",
        "Université",
        "Institute",
        "Institut",
        "College",
        "Department",
        "Centre",
        "Center",
        "School of",
        "Academy",
        "Faculty",
        "Foundation",
    ];
    WORDS.iter().any(|w| t.contains(w))
}

/// A line of parts set apart by `·`, `|`, `•` or `—`, one of them a date ("Policy Brief No. 14 |
/// March 2025", "Working Paper 7 · June 2024").
fn dated_masthead(t: &str) -> bool {
    let parts: Vec<&str> = t
        .split(['·', '|', '•', '—'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.len() >= 2 && parts.iter().any(|p| parse_date(p).is_some())
}

/// A masthead line above the title: its first part is the outlet (capitals made title case),
/// a part that is a date is the date; volume and issue numbers are left out.
fn masthead(t: &str, meta: &mut DocMeta) {
    for part in t.split(['·', '|', '•', '—']).map(str::trim) {
        if part.is_empty() {
            continue;
        }
        if let Some(d) = parse_date(part) {
            meta.date = meta.date.take().or(Some(d));
            continue;
        }
        let lower = part.to_lowercase();
        let numbering = [
            "vol.", "vol ", "volume", "no.", "issue", "pp.", "doi", "issn",
        ]
        .iter()
        .any(|w| lower.starts_with(w))
            || part.chars().any(|c| c.is_ascii_digit());
        if numbering
            || meta.outlet.is_some()
            || !has_words(part)
            || part.split_whitespace().count() > 8
        {
            continue;
        }
        let letters: Vec<char> = part.chars().filter(|c| c.is_alphabetic()).collect();
        let shouting = letters.len() > 3 && letters.iter().all(|c| c.is_uppercase());
        meta.outlet = Some(if shouting {
            title_case(part)
        } else {
            part.to_string()
        });
    }
}

/// True when a part of a line has letters to name something: a note mark (`*`, `†`) set
/// apart after an author's name, or a rule of dashes, is no outlet.
fn has_words(part: &str) -> bool {
    part.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()
}

/// "CASPIAN POLICY REVIEW" → "Caspian Policy Review" (short words lower-case inside).
fn title_case(s: &str) -> String {
    s.split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if i > 0
                && matches!(
                    lower.as_str(),
                    "of" | "and" | "the" | "on" | "for" | "in" | "a"
                )
            {
                return lower;
            }
            let mut c = lower.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mastheads_affiliations_and_shouting_titles() {
        let mut meta = DocMeta::default();
        masthead("CASPIAN POLICY REVIEW · VOL. 7, NO. 2", &mut meta);
        assert_eq!(meta.outlet.as_deref(), Some("Caspian Policy Review"));
        masthead("Review of the Year · March 2024", &mut meta);
        assert_eq!(meta.outlet.as_deref(), Some("Caspian Policy Review"));
        assert_eq!(meta.date.as_deref(), Some("2024-03"));
        assert!(is_affiliation(
            "Tbilisi State University; ADA University, Baku"
        ));
        assert!(!is_affiliation("Nana Kapanadze and Rustam Aliyev"));
        assert!(dated_masthead("Policy Brief No. 14 | March 2025"));
        assert!(dated_masthead("Working Paper 7 · 12 June 2024"));
        assert!(!dated_masthead("March 2025"));
        assert!(!dated_masthead("Oil | Gas | Power"));
        assert_eq!(
            title_case("THE STATE OF THE CASPIAN"),
            "The State of the Caspian"
        );
    }
}
