//! Citations in Chicago author-date style: a document's reference-list entry, a passage's
//! in-text citation with its paragraph, and a quotation with its citation; plus the facts the
//! bibliography formats share (kind of source, names split, date parts, URL).

use crate::corpus::{Document, Passage};

/// What kind of source a document is, from its metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// A journal or magazine issue (the outlet names a volume or number).
    Journal,
    /// A web page (the source or outlet is a web address, or says it is a web page/article).
    Web,
    /// Anything else: a file the reader brought.
    Other,
}

/// How emphasis (the outlet's italics) is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    Plain,
    Markdown,
    Html,
}

/// A personal name split for reference managers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Name {
    Person {
        given: String,
        family: String,
    },
    /// One word or an organisation: written as is.
    Literal(String),
}

/// Lower-case particles that belong to the family name ("van", "de", "al-"…).
const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "di", "del", "la", "le", "bin", "ibn", "al",
];
const SUFFIXES: &[&str] = &["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"];

/// Split "Richard E. Hoagland" into given "Richard E." and family "Hoagland"; an already
/// inverted "Hoagland, Richard E." is kept apart at the comma.
pub fn split_name(name: &str) -> Name {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some((family, given)) = name.split_once(", ")
        && !SUFFIXES.contains(&given)
        && !family.is_empty()
        && !given.is_empty()
    {
        return Name::Person {
            given: given.to_string(),
            family: family.to_string(),
        };
    }
    let mut words: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
    let suffix = match words.last() {
        Some(w) if SUFFIXES.contains(w) && words.len() > 2 => words.pop(),
        _ => None,
    };
    if words.len() < 2 {
        return Name::Literal(name);
    }
    let mut cut = words.len() - 1;
    while cut > 1 && words.get(cut - 1).is_some_and(|w| PARTICLES.contains(w)) {
        cut -= 1;
    }
    let given = words.get(..cut).unwrap_or(&[]).join(" ");
    let mut family = words.get(cut..).unwrap_or(&[]).join(" ");
    if let Some(s) = suffix {
        family.push_str(", ");
        family.push_str(s);
    }
    Name::Person { given, family }
}

impl Name {
    /// "Family, Given" (the first name of a reference list entry).
    pub fn inverted(&self) -> String {
        match self {
            Name::Person { given, family } => format!("{family}, {given}"),
            Name::Literal(s) => s.clone(),
        }
    }

    /// "Given Family".
    pub fn natural(&self) -> String {
        match self {
            Name::Person { given, family } => format!("{given} {family}"),
            Name::Literal(s) => s.clone(),
        }
    }

    pub fn family(&self) -> &str {
        match self {
            Name::Person { family, .. } => family,
            Name::Literal(s) => s,
        }
    }
}

/// Year, month and day of a document's date (`2021`, `2023-10`, `2023-05-08`), when it has one.
pub fn date_parts(date: &str) -> Option<(i32, Option<u32>, Option<u32>)> {
    let mut it = date.trim().splitn(3, '-');
    let y = it.next().filter(|y| y.len() == 4)?.parse::<i32>().ok()?;
    let m = it
        .next()
        .and_then(|m| m.parse::<u32>().ok())
        .filter(|m| (1..=12).contains(m));
    let d = m
        .and(it.next())
        .and_then(|d| d.parse::<u32>().ok())
        .filter(|d| (1..=31).contains(d));
    Some((y, m, d))
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The first web address in a text (`https://…` or `http://…`), without trailing punctuation.
pub fn url_in(text: &str) -> Option<String> {
    let start = text.find("https://").or_else(|| text.find("http://"))?;
    let rest = text.get(start..)?;
    let end = rest
        .find(|c: char| c.is_whitespace() || c == ';' || c == ')' || c == '>')
        .unwrap_or(rest.len());
    let url = rest.get(..end)?.trim_end_matches(['.', ',']);
    Some(url.to_string())
}

/// What kind of source a document is.
pub fn source_kind(d: &Document) -> SourceKind {
    let o = d.outlet.to_lowercase();
    let s = d.source.to_lowercase();
    if o.contains("vol.") || o.contains("no.") || o.contains("journal") {
        SourceKind::Journal
    } else if url_in(&d.source).is_some()
        || s.contains("web page")
        || s.contains("web article")
        || o.contains("web")
        || o.ends_with(".org")
        || o.ends_with(".com")
    {
        SourceKind::Web
    } else {
        SourceKind::Other
    }
}

/// The parsed authors of a document.
pub fn authors(d: &Document) -> Vec<Name> {
    d.authors
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
        .map(split_name)
        .collect()
}

/// Chicago's author list: the first inverted, the others natural; "and" before the last;
/// more than ten: the first seven and "et al."
fn author_list(names: &[Name]) -> String {
    let shown: Vec<String> = names
        .iter()
        .take(if names.len() > 10 { 7 } else { names.len() })
        .enumerate()
        .map(|(i, n)| if i == 0 { n.inverted() } else { n.natural() })
        .collect();
    let mut s = match shown.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] if names.len() == 2 => format!("{a}, and {b}"),
        [init @ .., last] if names.len() <= 10 => format!("{}, and {last}", init.join(", ")),
        all => all.join(", "),
    };
    if names.len() > 10 {
        s.push_str(", et al.");
    }
    s
}

/// The short author part of an in-text citation: "Lemon", "Azizi and Behravesh",
/// "Akopyan, Balian, and Smith", four or more: "Akopyan et al."
fn short_authors(names: &[Name]) -> Option<String> {
    let f: Vec<&str> = names.iter().map(Name::family).collect();
    match f.as_slice() {
        [] => None,
        [a] => Some((*a).to_string()),
        [a, b] => Some(format!("{a} and {b}")),
        [a, b, c] => Some(format!("{a}, {b}, and {c}")),
        [a, ..] => Some(format!("{a} et al.")),
    }
}

/// A title in quotation marks with the closing period inside; inner double quotes become
/// single ones. A supplied (descriptive) title is written in square brackets, unquoted.
fn quoted_title(d: &Document) -> String {
    let t = d.title.trim();
    if d.title_supplied {
        return format!("[{t}].");
    }
    let inner: String = t
        .chars()
        .map(|c| match c {
            '\u{201c}' => '\u{2018}',
            '\u{201d}' => '\u{2019}',
            c => c,
        })
        .collect();
    // An inner quotation that closes the title keeps the period inside it: ‘…Ever.’”
    if let Some(body) = inner.strip_suffix('\u{2019}') {
        let body = body.trim_end_matches('.');
        return format!("\u{201c}{body}.\u{2019}\u{201d}");
    }
    if inner.ends_with(['?', '!', '.']) {
        format!("\u{201c}{inner}\u{201d}")
    } else {
        format!("\u{201c}{inner}.\u{201d}")
    }
}

fn emph(s: &str, m: Markup) -> String {
    match m {
        Markup::Plain => s.to_string(),
        Markup::Markdown => format!("*{}*", s.replace('*', "\\*")),
        Markup::Html => format!("<i>{}</i>", html_escape(s)),
    }
}

/// Text for HTML element content and attribute values.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// "May 8, 2023" / "October 2023" / "2021": the full date a web page entry ends with.
fn long_date(date: &str) -> Option<String> {
    let (y, m, d) = date_parts(date)?;
    let month = m.and_then(|m| MONTHS.get(m as usize - 1));
    Some(match (month, d) {
        (Some(mo), Some(d)) => format!("{mo} {d}, {y}"),
        (Some(mo), None) => format!("{mo} {y}"),
        _ => y.to_string(),
    })
}

/// The year of an entry, or "n.d." (no date).
pub fn year(d: &Document) -> String {
    date_parts(&d.date).map_or_else(|| "n.d.".to_string(), |(y, _, _)| y.to_string())
}

/// The document's reference-list entry, Chicago author-date (17th ed.). With `markup` other
/// than plain the outlet is in italics (journals; web sites stay roman). The entry ends with
/// the URL when the source has one, else with the source as the edition describes it.
pub fn reference(d: &Document, markup: Markup) -> String {
    // Every part is escaped on its own, so only the outlet's italics are markup.
    let esc = |s: String| match markup {
        Markup::Html => html_escape(&s),
        _ => s,
    };
    let names = authors(d);
    let kind = source_kind(d);
    let yr = year(d);
    let mut parts: Vec<String> = Vec::new();
    if names.is_empty() {
        // No author: the title leads, then the year.
        parts.push(esc(quoted_title(d)));
        parts.push(end_with_period(&yr));
    } else {
        let mut a = author_list(&names);
        if !a.ends_with('.') {
            a.push('.');
        }
        parts.push(esc(a));
        parts.push(end_with_period(&yr));
        parts.push(esc(quoted_title(d)));
    }
    let outlet = d.outlet.trim();
    if !outlet.is_empty() {
        let o = outlet.trim_end_matches('.');
        parts.push(match kind {
            SourceKind::Journal => format!("{}.", emph(o, markup)),
            _ => esc(format!("{o}.")),
        });
    }
    if kind == SourceKind::Web
        && let Some(full) = long_date(&d.date)
        && full != yr
    {
        parts.push(format!("{full}."));
    }
    match url_in(&d.source) {
        Some(url) => parts.push(esc(format!("{url}."))),
        None if !d.source.trim().is_empty() => parts.push(esc(format!(
            "Source: {}.",
            d.source.trim().trim_end_matches('.')
        ))),
        None => {}
    }
    parts.join(" ")
}

/// "2021." but "n.d." (no second period).
fn end_with_period(s: &str) -> String {
    if s.ends_with('.') {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

/// The paragraph number readers see (passage index + 1).
pub fn paragraph(p: &Passage) -> usize {
    p.index + 1
}

/// The in-text citation of a passage: "(Lemon 2021, para. 12)"; no author: the title,
/// shortened to four words, in quotation marks.
pub fn in_text(d: &Document, p: &Passage) -> String {
    let who = short_authors(&authors(d)).unwrap_or_else(|| {
        let words: Vec<&str> = d.title.split_whitespace().collect();
        let short = words.iter().take(4).copied().collect::<Vec<_>>().join(" ");
        let short = short.trim_end_matches([':', ',', ';', '.']);
        if words.len() > 4 {
            format!("\u{201c}{short}…\u{201d}")
        } else {
            format!("\u{201c}{short}\u{201d}")
        }
    });
    format!("({who} {}, para. {})", year(d), paragraph(p))
}

/// The stable citation of a passage: the reference entry with the paragraph and the passage id
/// (`… para. 12 [baku-dialogues-2021-02#p11].`).
pub fn passage_citation(d: &Document, p: &Passage, markup: Markup) -> String {
    let id = match markup {
        Markup::Html => html_escape(&p.id),
        _ => p.id.clone(),
    };
    format!("{} Para. {} [{id}].", reference(d, markup), paragraph(p))
}

/// A passage's quotation with its citation, for pasting into a text:
/// `“…text…” (Lemon 2021, para. 12)` and the reference entry on the next line.
pub fn quotation(d: &Document, p: &Passage) -> String {
    format!(
        "\u{201c}{}\u{201d} {}\n\n{}",
        p.text.trim(),
        in_text(d, p),
        passage_citation(d, p, Markup::Plain)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture::doc;

    fn passage(d: &str, index: usize) -> Passage {
        Passage {
            id: format!("{d}#p{index}"),
            document: d.into(),
            index,
            heading: None,
            text: " The text. ".into(),
        }
    }

    #[test]
    fn journal_article_with_one_author() {
        let mut d = doc(
            "x",
            &["Richard E. Hoagland"],
            "Baku Dialogues, Vol. 5, No. 1, Fall 2021",
            "2021",
            "Baku Dialogues Vol. 5 No. 1; text export 000.txt lines 1-9",
        );
        d.title = "Stronger Together in the Greater Caspian Region".into();
        assert_eq!(source_kind(&d), SourceKind::Journal);
        assert_eq!(
            reference(&d, Markup::Markdown),
            "Hoagland, Richard E. 2021. \u{201c}Stronger Together in the Greater Caspian Region.\u{201d} \
             *Baku Dialogues, Vol. 5, No. 1, Fall 2021*. Source: Baku Dialogues Vol. 5 No. 1; text export 000.txt lines 1-9."
        );
        let p = passage("x", 11);
        assert_eq!(in_text(&d, &p), "(Hoagland 2021, para. 12)");
        assert!(passage_citation(&d, &p, Markup::Plain).ends_with("Para. 12 [x#p11]."));
        assert!(
            quotation(&d, &p)
                .starts_with("\u{201c}The text.\u{201d} (Hoagland 2021, para. 12)\n\n")
        );
    }

    #[test]
    fn no_author_web_page_leads_with_title_and_full_date() {
        let mut d = doc(
            "g",
            &[],
            "GlobalSecurity.org",
            "2013-11-14",
            "https://www.globalsecurity.org/x.htm; web page text export",
        );
        d.title = "Azerbaijan - Iran Relations".into();
        assert_eq!(source_kind(&d), SourceKind::Web);
        assert_eq!(
            reference(&d, Markup::Plain),
            "\u{201c}Azerbaijan - Iran Relations.\u{201d} 2013. GlobalSecurity.org. November 14, 2013. \
             https://www.globalsecurity.org/x.htm."
        );
        assert_eq!(
            in_text(&d, &passage("g", 0)),
            "(\u{201c}Azerbaijan - Iran Relations\u{201d} 2013, para. 1)"
        );
    }

    #[test]
    fn many_authors_and_no_date() {
        let two = doc(
            "t",
            &["Hamidreza Azizi", "Maysam Behravesh"],
            "Gulf Forum",
            "",
            "f",
        );
        assert!(
            reference(&two, Markup::Plain)
                .starts_with("Azizi, Hamidreza, and Maysam Behravesh. n.d. ")
        );
        assert_eq!(
            in_text(&two, &passage("t", 2)),
            "(Azizi and Behravesh n.d., para. 3)"
        );
        let three = doc("t", &["A B", "C D", "E F"], "", "2020", "");
        assert!(reference(&three, Markup::Plain).starts_with("B, A, C D, and E F. 2020."));
        let names: Vec<String> = (0..12).map(|i| format!("Given{i} Family{i}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let many = doc("m", &refs, "", "2020", "");
        let r = reference(&many, Markup::Plain);
        assert!(r.starts_with("Family0, Given0, Given1 Family1,"));
        assert!(r.contains("Given6 Family6, et al. 2020."), "{r}");
        assert!(!r.contains("Family7"));
        assert_eq!(
            in_text(&many, &passage("m", 0)),
            "(Family0 et al. 2020, para. 1)"
        );
    }

    #[test]
    fn titles_with_quotes_and_supplied_titles() {
        let mut d = doc(
            "s",
            &["Brenda Shaffer"],
            "The Analyst",
            "2023-05-08",
            "web page text export",
        );
        d.title = "President Aliyev: \u{201c}Relations are at the Lowest Level Ever\u{201d}".into();
        let r = reference(&d, Markup::Plain);
        assert!(
            r.contains("\u{201c}President Aliyev: \u{2018}Relations are at the Lowest Level Ever.\u{2019}\u{201d}"),
            "{r}"
        );
        assert!(
            r.contains("May 8, 2023."),
            "web pages carry the full date: {r}"
        );
        d.title = "Why Now?".into();
        assert!(reference(&d, Markup::Plain).contains("\u{201c}Why Now?\u{201d}"));
        d.title_supplied = true;
        d.title = "End of the War".into();
        assert!(reference(&d, Markup::Plain).contains(" [End of the War]. "));
    }

    #[test]
    fn html_is_escaped_but_italics_kept() {
        let mut d = doc("h", &["A <b>B"], "Vol. 1 & Co", "2020", "x");
        d.title = "Fish & <Chips>".into();
        let r = reference(&d, Markup::Html);
        assert!(r.contains("&lt;b&gt;B"), "{r}");
        assert!(r.contains("<i>Vol. 1 &amp; Co</i>"), "{r}");
        assert!(r.contains("Fish &amp; &lt;Chips&gt;"), "{r}");
    }

    #[test]
    fn names_dates_and_urls() {
        assert_eq!(
            split_name("Ludwig van Beethoven"),
            Name::Person {
                given: "Ludwig".into(),
                family: "van Beethoven".into()
            }
        );
        assert_eq!(
            split_name("Martin Luther King Jr."),
            Name::Person {
                given: "Martin Luther".into(),
                family: "King, Jr.".into()
            }
        );
        assert_eq!(
            split_name("Hoagland, Richard"),
            Name::Person {
                given: "Richard".into(),
                family: "Hoagland".into()
            }
        );
        assert_eq!(split_name("UNESCO"), Name::Literal("UNESCO".into()));
        assert_eq!(date_parts("2023-05-08"), Some((2023, Some(5), Some(8))));
        assert_eq!(date_parts("2023-10"), Some((2023, Some(10), None)));
        assert_eq!(date_parts("Fall 2021"), None);
        assert_eq!(date_parts("2021-13"), Some((2021, None, None)));
        assert_eq!(
            url_in("see https://a.b/c?d=1; text export"),
            Some("https://a.b/c?d=1".into())
        );
        assert_eq!(url_in("no address"), None);
    }
}
