//! Metadata found in text: dates in the common written forms normalised to ISO, bylines
//! ("By A. Field Analyst, October 2025") split into authors and a date, author lists, titles
//! without their site suffix (" | Outlet").

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month number of an English month name or abbreviation ("Oct", "Sept.").
/// Month names of the region's other languages as pages print them in dates, matched whole:
/// Russian (genitive "3 марта 2024" and nominative), Turkish, Azerbaijani, German, French.
const FOREIGN_MONTHS: &[[&str; 12]] = &[
    [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
    [
        "январь",
        "февраль",
        "март",
        "апрель",
        "май",
        "июнь",
        "июль",
        "август",
        "сентябрь",
        "октябрь",
        "ноябрь",
        "декабрь",
    ],
    [
        "ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim",
        "kasım", "aralık",
    ],
    [
        "yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr",
        "oktyabr", "noyabr", "dekabr",
    ],
    [
        "januar",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
    ],
    [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
];

fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches(['.', ',']).to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&w) || (w == "sept" && *m == "september"))
        .or_else(|| {
            FOREIGN_MONTHS
                .iter()
                .find_map(|names| names.iter().position(|m| *m == w))
        })
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn year(word: &str) -> Option<u32> {
    let w = word.trim_matches(|c: char| !c.is_ascii_digit());
    if w.len() != 4 || word.trim_end_matches([',', '.']).len() != w.len() {
        return None;
    }
    w.parse().ok().filter(|y| (1800..=2200).contains(y))
}

fn day(word: &str) -> Option<u32> {
    let w = word
        .trim_end_matches([',', '.'])
        .trim_end_matches("st")
        .trim_end_matches("nd")
        .trim_end_matches("rd")
        .trim_end_matches("th");
    if w.is_empty() || w.len() > 2 || !w.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    w.parse().ok().filter(|d| (1..=31).contains(d))
}

fn iso(y: u32, m: Option<u32>, d: Option<u32>) -> String {
    match (m, d) {
        (Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{y:04}-{m:02}"),
        _ => format!("{y:04}"),
    }
}

/// A date written as `2025-10-03` (optionally with a time), `D:20251003…` (PDF), `3 October
/// 2025`, `October 3, 2025`, `October 2025`, `Winter 2025` or `2025`, as ISO (`2025-10-03`,
/// `2025-10`, `2025`). Only a string that is all date is taken.
pub fn parse_date(s: &str) -> Option<String> {
    let t = s.trim().trim_end_matches('.');
    if t.is_empty() {
        return None;
    }
    if let Some(pdf) = t.strip_prefix("D:") {
        let digits: String = pdf.chars().take_while(char::is_ascii_digit).collect();
        let y = digits.get(..4)?.parse().ok()?;
        let m = digits
            .get(4..6)
            .and_then(|m| m.parse().ok())
            .filter(|m| (1..=12).contains(m));
        let d = digits
            .get(6..8)
            .and_then(|d| d.parse().ok())
            .filter(|d| (1..=31).contains(d));
        return Some(iso(y, m, m.and(d)));
    }
    // ISO, with an optional time.
    let date_part = t.split(['T', ' ']).next().unwrap_or(t);
    let nums: Vec<&str> = date_part.split('-').collect();
    if nums.first().is_some_and(|y| y.len() == 4)
        && nums
            .iter()
            .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    {
        let y = nums.first()?.parse().ok()?;
        let m = nums
            .get(1)
            .and_then(|m| m.parse().ok())
            .filter(|m| (1..=12).contains(m));
        let d = nums
            .get(2)
            .and_then(|d| d.parse().ok())
            .filter(|d| (1..=31).contains(d));
        if (1800..=2200).contains(&y) {
            return Some(iso(y, m, m.and(d)));
        }
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    date_of_words(&words).or_else(|| {
        // Pages print a date with its weekday and time of day ("Wednesday, June 12, 2024
        // at 2:35 pm", "12.06.2024, 14:35 (GMT+4)"): read without them.
        let kept: Vec<&str> = words
            .iter()
            .enumerate()
            .filter(|&(i, w)| !(is_clock_word(w) || i == 0 && is_weekday(w)))
            .map(|(_, w)| *w)
            .collect();
        (!kept.is_empty() && kept.len() < words.len())
            .then(|| date_of_words(&kept))
            .flatten()
    })
}

/// A weekday's name or abbreviation, as printed before a date ("Wed,", "Tuesday").
fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches([',', '.']).to_lowercase();
    w.len() >= 3
        && [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ]
        .iter()
        .any(|d| d.starts_with(&w))
}

/// A word of a time of day or a separator beside a date: "14:35", "2:35pm", "pm", "at",
/// "GMT", "(UTC+4)", "|", "—".
fn is_clock_word(word: &str) -> bool {
    let w = word
        .trim_matches(['(', ')', ','])
        .trim_end_matches('.')
        .to_lowercase();
    if matches!(
        w.as_str(),
        "" | "am" | "pm" | "a.m" | "p.m" | "at" | "gmt" | "utc" | "|" | "·" | "-" | "–" | "—" | "в"
    ) {
        return true;
    }
    if let Some(zone) = w.strip_prefix("gmt").or_else(|| w.strip_prefix("utc")) {
        return zone.starts_with(['+', '-'])
            && zone[1..].chars().all(|c| c.is_ascii_digit() || c == ':');
    }
    let clock = w
        .strip_suffix("am")
        .or_else(|| w.strip_suffix("pm"))
        .unwrap_or(&w);
    let clock = clock.strip_prefix('+').unwrap_or(clock);
    let mut parts = clock.split(':');
    let hours = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    !hours.is_empty()
        && hours.len() <= 2
        && hours.chars().all(|c| c.is_ascii_digit())
        && !rest.is_empty()
        && rest.len() <= 2
        && rest
            .iter()
            .all(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_digit()))
}

/// A date written in figures with dots or slashes: `12.06.2024` (day first, as Europe writes
/// it), `2024/06/12`, `2024.06.12`; `06/12/2024` only when the day cannot be the month.
fn numeric_date(word: &str) -> Option<String> {
    let w = word.trim_end_matches([',', '.']);
    let sep = if w.contains('.') { '.' } else { '/' };
    let parts: Vec<&str> = w.split(sep).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    if !parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let n = |p: &str| p.parse::<u32>().ok();
    let (y, m, d) = if a.len() == 4 {
        (n(a)?, n(b)?, n(c)?)
    } else if c.len() == 4 {
        let (first, second) = (n(a)?, n(b)?);
        if sep == '.' || second <= 12 && first > 12 {
            (n(c)?, second, first)
        } else if first <= 12 && second > 12 {
            (n(c)?, first, second)
        } else {
            return None;
        }
    } else {
        return None;
    };
    ((1800..=2200).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| iso(y, Some(m), Some(d)))
}

/// A date of written words, all of them date: "3 October 2025", "October 3, 2025", "Oct.
/// 2025", "Winter 2025", "2025", "3 марта 2024 г.".
fn date_of_words(words: &[&str]) -> Option<String> {
    let mut words = words.to_vec();
    // "3 марта 2024 г.", "3 Mart 2024-cü il": a year's word after the year.
    if words.len() >= 2
        && words
            .last()
            .is_some_and(|w| matches!(w.trim_end_matches([',', '.']), "г" | "года" | "il" | "yılı"))
    {
        words.pop();
    }
    match words.as_slice() {
        [y] => year(y)
            .map(|y| iso(y, None, None))
            .or_else(|| numeric_date(y)),
        [a, b] => {
            let y = year(b)?;
            if let Some(m) = month(a) {
                return Some(iso(y, Some(m), None));
            }
            let season = a.trim_end_matches(',').to_lowercase();
            matches!(
                season.as_str(),
                "spring" | "summer" | "autumn" | "fall" | "winter"
            )
            .then(|| iso(y, None, None))
        }
        [a, b, c] => {
            let y = year(c)?;
            if let (Some(d), Some(m)) = (day(a), month(b)) {
                return Some(iso(y, Some(m), Some(d)));
            }
            if let (Some(m), Some(d)) = (month(a), day(b)) {
                return Some(iso(y, Some(m), Some(d)));
            }
            None
        }
        _ => None,
    }
}

/// Finds a date at the end of `s` ("…, 14 March 2024"): the date and the text before it.
pub fn trailing_date(s: &str) -> Option<(String, &str)> {
    let words: Vec<(usize, &str)> = s
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
        .collect();
    // Longest first: "12 June 2024, 14:35" before "2024, 14:35".
    for take in (1..=6).rev() {
        if words.len() < take {
            continue;
        }
        let (start, _) = *words.get(words.len() - take)?;
        let tail = s.get(start..)?;
        if let Some(d) = parse_date(tail) {
            let before = s
                .get(..start)?
                .trim_end()
                .trim_end_matches([',', '·', '|', '—', '-']);
            return Some((d, before.trim_end()));
        }
    }
    None
}

/// A date with a label before it, as pages print it: "Published: 12 October 2023", "Posted on
/// March 3, 2024", "Updated 2024-05-01", or a date alone.
pub fn date_in_label(s: &str) -> Option<String> {
    let mut rest = s.trim();
    loop {
        if let Some(d) = parse_date(rest) {
            return Some(d);
        }
        let word_end = rest.find([' ', ':', '|', '\u{b7}']).unwrap_or(rest.len());
        let word = rest.get(..word_end)?.to_lowercase();
        if !matches!(
            word.as_str(),
            "published" | "posted" | "on" | "date" | "dated" | "updated" | "first" | "last" | ""
        ) {
            return None;
        }
        let next = rest
            .get(word_end..)?
            .trim_start_matches([' ', ':', '|', '\u{b7}', '-']);
        if next.len() == rest.len() {
            return None;
        }
        rest = next;
    }
}

/// Words of a job title under a byline ("Senior Fellow", "Research Director"): such a part
/// of an author list is a role, not a person.
const ROLE_WORDS: &[&str] = &[
    "adjunct",
    "adviser",
    "advisor",
    "ambassador",
    "analyst",
    "assistant",
    "associate",
    "candidate",
    "chair",
    "chief",
    "columnist",
    "consultant",
    "contributing",
    "contributor",
    "coordinator",
    "correspondent",
    "deputy",
    "director",
    "economist",
    "editor",
    "executive",
    "expert",
    "fellow",
    "founder",
    "head",
    "intern",
    "journalist",
    "junior",
    "lecturer",
    "managing",
    "manager",
    "non-resident",
    "nonresident",
    "officer",
    "phd",
    "president",
    "professor",
    "programme",
    "program",
    "reporter",
    "research",
    "researcher",
    "scholar",
    "senior",
    "staff",
    "student",
    "visiting",
    "writer",
];

/// True when a part of an author list is a role ("Senior Fellow") rather than a name: its
/// first word is a role word (a name with an initial, "A. Field Analyst", is a name).
fn is_role(part: &str) -> bool {
    part.split_whitespace().next().is_some_and(|w| {
        let w = w.trim_end_matches([',', '.']).to_lowercase();
        ROLE_WORDS.contains(&w.as_str())
    })
}

/// Names in an author list: "A and B", "A, B and C", "A; B", "A & B"; a role after a name
/// ("A, Senior Fellow") is left out.
pub fn split_authors(s: &str) -> Vec<String> {
    let s = s.trim().trim_end_matches(['.', ',']);
    let mut out = Vec::new();
    for part in s.split([';', '&']) {
        let part = part.trim();
        let pieces: Vec<&str> = part.split(", ").collect();
        // "Field, A." (surname, initials) stays one name.
        let surname_first = pieces.len() == 2
            && pieces.get(1).is_some_and(|p| {
                p.split_whitespace()
                    .all(|w| w.ends_with('.') && w.len() <= 3)
            });
        let pieces = if surname_first { vec![part] } else { pieces };
        for piece in pieces {
            for name in piece.split(" and ") {
                let name = name.trim().trim_start_matches("and ").trim();
                if !name.is_empty() && (out.is_empty() || !is_role(name)) {
                    out.push(name.to_string());
                }
            }
        }
    }
    out
}

/// True when a line is a list of names (a byline without "By"): at most twelve words.
pub fn is_name_line(t: &str) -> bool {
    let names = split_authors(t);
    !names.is_empty()
        && names.iter().all(|n| looks_like_name(n))
        && t.split_whitespace().count() <= 12
}

/// True when `s` reads as one person's name: two to five words, each capitalised (or an
/// initial, or a particle like "de", "van", "al-").
pub fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if !(2..=5).contains(&words.len()) || s.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    // "A Working Paper", "The Middle Corridor": an article or a preposition starts no name.
    const NOT_NAMES: &[&str] = &[
        "A", "An", "The", "Of", "In", "On", "For", "To", "At", "From", "With", "Paper", "Report",
    ];
    words.iter().all(|w| {
        let w = w.trim_end_matches(',');
        !NOT_NAMES.contains(&w) && w.chars().next().is_some_and(char::is_uppercase)
            || matches!(
                w,
                "de" | "van" | "von" | "der" | "al" | "bin" | "da" | "la" | "du"
            )
            || w.starts_with("al-")
    })
}

/// A byline: "By A. Field Analyst, October 2025", "By X and Y", "by X | 3 May 2024". The
/// authors and the date when the line is one.
pub fn parse_byline(line: &str) -> Option<(Vec<String>, Option<String>)> {
    let t = line.trim();
    let rest = t
        .strip_prefix("By ")
        .or_else(|| t.strip_prefix("by "))
        .or_else(|| t.strip_prefix("BY "))?;
    if rest.chars().count() > 160 {
        return None;
    }
    // "X and Y · March 14, 2025 · 5 min read": the names, then parts that are a date, a
    // reading time or an update stamp.
    let mut pieces: Vec<&str> = rest.split(" · ").flat_map(|p| p.split(" | ")).collect();
    let mut date = None;
    while pieces.len() > 1 {
        let Some(last) = pieces.last().map(|p| p.trim()) else {
            break;
        };
        let lower = last.to_lowercase();
        if let Some(d) = date_in_label(last) {
            date = date.or(Some(d));
        } else if !(lower.ends_with(" read")
            || lower.starts_with("updated")
            || lower.contains("min read"))
        {
            break;
        }
        pieces.pop();
    }
    let rest = pieces.first().copied().unwrap_or(rest);
    // "… 11 March 2025 Updated 12:05": the update stamp goes.
    let rest = match rest.find(" Updated").or_else(|| rest.find(" updated ")) {
        Some(at) => rest.get(..at).unwrap_or(rest),
        None => rest,
    };
    let (date, names) = match trailing_date(rest) {
        Some((d, before)) => (date.or(Some(d)), before),
        None => (date, rest),
    };
    let names = names.trim().trim_end_matches(['|', '·', ',', '—']).trim();
    let authors: Vec<String> = split_authors(names)
        .into_iter()
        .map(|a| {
            let a = a.trim_start_matches("by ");
            // "Aliya Dzhaksybekova in Almaty": where the reporter files from.
            match a.split_once(" in ") {
                Some((name, place))
                    if place.split_whitespace().count() <= 3
                        && place.chars().next().is_some_and(char::is_uppercase) =>
                {
                    name.trim().to_string()
                }
                _ => a.to_string(),
            }
        })
        .collect();
    if authors.is_empty()
        || !authors
            .iter()
            .all(|a| looks_like_name(a) || is_initialled(a))
    {
        return None;
    }
    Some((authors, date))
}

/// An author's note under a story: "Nini Gabritchidze is a correspondent…" (perhaps after the
/// name repeated on a line of its own), or "About Nini Gabritchidze".
pub fn is_author_note(t: &str, authors: &[String]) -> bool {
    let head: String = t.split_whitespace().take(16).collect::<Vec<_>>().join(" ");
    authors.iter().any(|a| {
        let about = head
            .strip_prefix("About ")
            .is_some_and(|rest| rest.trim() == a.as_str());
        about
            || head.starts_with(a.as_str())
                && [
                    " is a ", " is an ", " is the ", " is our ", " writes ", " covers ",
                ]
                .iter()
                .any(|v| head.contains(v))
    })
}

/// "A. Field" or "J.R. Smith": an initial and a capitalised word.
fn is_initialled(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    words.len() >= 2
        && words.len() <= 5
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// A title without the site's name: "Pipelines and Power | Caspian Review" → "Pipelines and
/// Power" when the suffix is the outlet (or any short suffix after " | ", " - ", " — ").
pub fn strip_site_suffix(title: &str, outlet: Option<&str>) -> String {
    let t = title.trim();
    for sep in [" | ", " – ", " — ", " - ", " :: ", " · "] {
        if let Some(pos) = t.rfind(sep) {
            let (head, tail) = (
                t.get(..pos).unwrap_or(t),
                t.get(pos + sep.len()..).unwrap_or(""),
            );
            let tail = tail.trim();
            let is_outlet = outlet.is_some_and(|o| {
                !o.is_empty()
                    && (tail.eq_ignore_ascii_case(o)
                        || tail.to_lowercase().contains(&o.to_lowercase()))
            });
            let short =
                tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 2;
            // A short tail after " - " is cut only when no outlet is known and it reads as a
            // name (capitalised, and the head is no "Label:" lead-in).
            let dash_ok = sep != " - "
                || (outlet.is_none()
                    && tail.chars().next().is_some_and(char::is_uppercase)
                    && !head.ends_with(':'));
            if is_outlet || (short && dash_ok) {
                return head.trim().to_string();
            }
        }
    }
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subtitle_is_no_name() {
        assert!(looks_like_name("Ana Kapanadze"));
        assert!(looks_like_name("Ali bin Hamad"));
        assert!(!looks_like_name("A Working Paper"));
        assert!(!looks_like_name("The Middle Corridor"));
        assert!(!looks_like_name("Notes From Baku"));
    }

    #[test]
    fn an_author_note_is_told_from_the_story() {
        let authors = ["Giorgi Beridze".to_string()];
        assert!(is_author_note(
            "Giorgi Beridze is a senior fellow at the institute.",
            &authors
        ));
        assert!(is_author_note("About Giorgi Beridze", &authors));
        assert!(!is_author_note(
            "Giorgi Beridze said the railway was running at a fraction of its capacity.",
            &authors
        ));
        assert!(!is_author_note("Ann Lee is a fellow.", &authors));
    }

    #[test]
    fn dates_with_weekdays_times_and_figures() {
        for (s, want) in [
            ("12 June 2024, 14:35", "2024-06-12"),
            ("14:35, 12 June 2024", "2024-06-12"),
            ("Wednesday, June 12, 2024 at 2:35 pm", "2024-06-12"),
            ("Wed, 12 Jun 2024 14:35 GMT", "2024-06-12"),
            ("12.06.2024, 14:35 (GMT+4)", "2024-06-12"),
            ("12.06.2024", "2024-06-12"),
            ("2024/06/12", "2024-06-12"),
            ("25/06/2024", "2024-06-25"),
            ("06/25/2024", "2024-06-25"),
            ("12 июня 2024 в 14:35", "2024-06-12"),
        ] {
            assert_eq!(parse_date(s).as_deref(), Some(want), "{s}");
        }
        // Ambiguous figures, a time alone, a weekday alone and words around a date are no date.
        for s in [
            "06/07/2024",
            "14:35",
            "Wednesday",
            "Baku, 12 June 2024",
            "1.2.3",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
        assert_eq!(
            parse_byline("By Dilnoza Karimova and Aibek Osmonov · March 14, 2025 · 5 min read"),
            Some((
                vec!["Dilnoza Karimova".to_string(), "Aibek Osmonov".to_string()],
                Some("2025-03-14".to_string())
            ))
        );
        assert_eq!(
            parse_byline("By Aliya Dzhaksybekova in Almaty and Giorgi Tsereteli in Tbilisi"),
            Some((
                vec![
                    "Aliya Dzhaksybekova".to_string(),
                    "Giorgi Tsereteli".to_string()
                ],
                None
            ))
        );
        assert_eq!(
            parse_byline("By Aliya Dzhaksybekova in Almaty 11 March 2025 Updated 12:05"),
            Some((
                vec!["Aliya Dzhaksybekova".to_string()],
                Some("2025-03-11".to_string())
            ))
        );
        assert_eq!(
            parse_byline("By Ann Lee | 12 June 2024, 14:35"),
            Some((vec!["Ann Lee".to_string()], Some("2024-06-12".to_string())))
        );
    }

    #[test]
    fn dates_in_common_forms() {
        assert_eq!(parse_date("2025-10-03").as_deref(), Some("2025-10-03"));
        assert_eq!(
            parse_date("2025-10-03T09:00:00+04:00").as_deref(),
            Some("2025-10-03")
        );
        assert_eq!(
            parse_date("D:20251203120000Z").as_deref(),
            Some("2025-12-03")
        );
        assert_eq!(parse_date("October 2025").as_deref(), Some("2025-10"));
        assert_eq!(parse_date("14 March 2024").as_deref(), Some("2024-03-14"));
        assert_eq!(parse_date("Oct. 3, 2025").as_deref(), Some("2025-10-03"));
        assert_eq!(parse_date("Winter 2025").as_deref(), Some("2025"));
        assert_eq!(parse_date("2019").as_deref(), Some("2019"));
        assert_eq!(parse_date("the war of 2020"), None);
        assert_eq!(parse_date("May"), None);
    }

    #[test]
    fn roles_after_names_are_not_authors() {
        assert_eq!(
            split_authors("Giorgi Beridze, Senior Fellow"),
            ["Giorgi Beridze"]
        );
        assert_eq!(
            split_authors("Ana Kvaratskhelia, Research Director, and Levan Tsiklauri"),
            ["Ana Kvaratskhelia", "Levan Tsiklauri"]
        );
        assert_eq!(split_authors("A. Field Analyst"), ["A. Field Analyst"]);
    }

    #[test]
    fn dates_in_the_regions_languages() {
        assert_eq!(parse_date("3 марта 2024").as_deref(), Some("2024-03-03"));
        assert_eq!(parse_date("3 марта 2024 г.").as_deref(), Some("2024-03-03"));
        assert_eq!(parse_date("12 Ekim 2023").as_deref(), Some("2023-10-12"));
        assert_eq!(parse_date("5 avqust 2022").as_deref(), Some("2022-08-05"));
        assert_eq!(parse_date("1. März 2021").as_deref(), Some("2021-03-01"));
        assert_eq!(parse_date("7 août 2020").as_deref(), Some("2020-08-07"));
        assert_eq!(parse_date("3 марш 2024"), None);
    }

    #[test]
    fn labelled_dates_are_read() {
        assert_eq!(
            date_in_label("Published: 12 October 2023").as_deref(),
            Some("2023-10-12")
        );
        assert_eq!(
            date_in_label("Posted on March 3, 2024").as_deref(),
            Some("2024-03-03")
        );
        assert_eq!(
            date_in_label("12 October 2023").as_deref(),
            Some("2023-10-12")
        );
        assert_eq!(date_in_label("Read the report of 2023"), None);
        assert_eq!(date_in_label(""), None);
    }

    #[test]
    fn bylines_give_authors_and_dates() {
        let Some((a, d)) = parse_byline("By A. Field Analyst, October 2025") else {
            panic!("a byline");
        };
        assert_eq!(a, ["A. Field Analyst"]);
        assert_eq!(d.as_deref(), Some("2025-10"));
        let Some((a, d)) = parse_byline("By Leyla Mammadova and Thomas Reed") else {
            panic!("a byline with two names");
        };
        assert_eq!(a, ["Leyla Mammadova", "Thomas Reed"]);
        assert_eq!(d, None);
        let Some((a, _)) = parse_byline("By Ann Lee, Bo Kim and Cy Young | 3 May 2024") else {
            panic!("three names");
        };
        assert_eq!(a, ["Ann Lee", "Bo Kim", "Cy Young"]);
        assert_eq!(
            parse_byline("By the end of the war the pipeline was built."),
            None
        );
        assert_eq!(parse_byline("Baku and Tbilisi"), None);
    }

    #[test]
    fn site_suffixes_are_cut() {
        assert_eq!(
            strip_site_suffix(
                "Pipelines and Power | Caspian Review",
                Some("Caspian Review")
            ),
            "Pipelines and Power"
        );
        assert_eq!(
            strip_site_suffix(
                "Pipelines and Power - Caspian Review",
                Some("Caspian Review")
            ),
            "Pipelines and Power"
        );
        assert_eq!(
            strip_site_suffix("Baku-Tbilisi-Ceyhan at twenty", None),
            "Baku-Tbilisi-Ceyhan at twenty"
        );
    }
}
