//! Paragraph rebuilding: lines joined across column wraps, page blocks and mid-sentence blank
//! lines, with line-final hyphens decided by `hyphen`; section headings told apart from body.
//!
//! Two layouts: a PDF export that marks running lines with a trailing space (a line without
//! one ends a paragraph), and plain text where blank lines separate paragraphs.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::hyphen::{self, Join};
use crate::corpus::vocab::{Vocab, WordBuildHasher, trim_punct};

/// One cleaned source line: most lines come through cleaning unchanged, borrowed from the
/// source text.
#[derive(Debug, Clone, PartialEq)]
pub struct Line<'a> {
    pub text: Cow<'a, str>,
    /// The line ends a paragraph (PDF layout: no trailing space; or an end mark was cut).
    pub ends_para: bool,
    /// The line opens a new text block of the export (printed with a leading space).
    pub block_start: bool,
}

impl Line<'_> {
    pub fn is_blank(&self) -> bool {
        super::is_blank(&self.text)
    }
}

/// A rebuilt paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub text: String,
    /// How many source lines it spans.
    pub lines: usize,
}

/// Appends a line to a paragraph being built, deciding line-final hyphens and dashes.
pub fn append_line(cur: &mut String, next: &str, vocab: &Vocab) {
    let next = super::trim(next);
    if next.is_empty() {
        return;
    }
    if cur.is_empty() {
        cur.push_str(next);
        return;
    }
    let trimmed_len = cur.trim_end().len();
    cur.truncate(trimmed_len);
    if cur.ends_with('-') && !cur.ends_with(" -") && !cur.ends_with("--") {
        let before = cur.get(..cur.len() - 1).unwrap_or("");
        match hyphen::decide(before, next, vocab) {
            Join::Glue => {
                cur.pop();
                cur.push_str(next);
            }
            Join::KeepHyphen => cur.push_str(next),
        }
    } else if cur.ends_with('\u{2014}') || next.starts_with('\u{2014}') {
        cur.push_str(next);
    } else {
        cur.push(' ');
        cur.push_str(next);
    }
}

/// Terminal punctuation at the end of a paragraph (closing quotes and brackets skipped).
pub fn ends_sentence(s: &str) -> bool {
    let t = s
        .trim_end()
        .trim_end_matches(['"', '\u{201d}', '\u{2019}', '\'', ')', ']', '*']);
    t.chars()
        .last()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | ':' | ';' | '\u{2026}'))
}

/// The paragraph so far ends a sentence with `.`, `!`, `?` or `…` (closing quotes and brackets
/// skipped), and its last word is no abbreviation of the text.
fn ends_sentence_strictly(s: &str, abbreviations: &HashSet<String>) -> bool {
    let t = s
        .trim_end()
        .trim_end_matches(['"', '\u{201d}', '\u{2019}', '\'', ')', ']', '*']);
    if !t
        .chars()
        .last()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | '\u{2026}'))
    {
        return false;
    }
    let last = t.split_whitespace().last().unwrap_or("");
    !(last.ends_with('.') && is_abbreviation(last, abbreviations))
}

/// A line that can open a paragraph: its first letter or digit is not lower case, and it
/// starts with a letter, a digit, an opening quote or bracket.
fn opens_sentence(s: &str) -> bool {
    let t = s.trim_start();
    let Some(first) = t.chars().next() else {
        return false;
    };
    let opener = first.is_alphanumeric()
        || matches!(first, '"' | '\'' | '\u{201c}' | '\u{2018}' | '(' | '[');
    opener && !starts_lower(t)
}

/// A token ending in a full stop that does not end a sentence: dotted initials ("U.S.",
/// "e.g.", "J."), or a token this text prints before a lower-case word elsewhere.
fn is_abbreviation(tok: &str, learnt: &HashSet<String>) -> bool {
    let core = tok.trim_start_matches(|c: char| !c.is_alphanumeric());
    let Some(stem) = core.strip_suffix('.') else {
        return false;
    };
    let single_letter = stem.chars().count() == 1 && stem.chars().all(char::is_alphabetic);
    single_letter || stem.contains('.') || learnt.contains(core)
}

/// Tokens ending in a full stop that the text prints before a lower-case word (inside a
/// line, so the pair is certain): "Mr.", "approx.", "U.S.".
#[cfg(test)]
fn abbreviations(lines: &[Line<'_>]) -> HashSet<String> {
    text_facts(lines).1
}

/// Whether `p`, printed before `tok` in one line, is an abbreviation: it ends in a full stop,
/// has a letter, and `tok` starts in lower case. What is learnt is `p` without leading
/// punctuation.
fn learn_abbreviation(p: &str, tok: &str, out: &mut HashSet<String>) {
    if p.ends_with('.')
        && p.chars().any(char::is_alphabetic)
        && tok.chars().next().is_some_and(char::is_lowercase)
    {
        out.insert(
            p.trim_start_matches(|c: char| !c.is_alphanumeric())
                .to_string(),
        );
    }
}

fn starts_lower(s: &str) -> bool {
    s.trim_start()
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase)
}

/// Builds paragraphs from lines. `pdf`: the trailing-space layout (blank lines are not
/// paragraph breaks); otherwise blank lines separate paragraphs.
pub fn build(lines: &[Line<'_>], pdf: bool, vocab: &Vocab) -> Vec<Para> {
    let mut paras: Vec<Para> = Vec::new();
    // The paragraph being built grows in one buffer that is kept: each paragraph is then
    // copied out once, at its size, instead of growing by doubling.
    let mut cur = String::new();
    let mut count = 0usize;
    let flush = |cur: &mut String, count: &mut usize, paras: &mut Vec<Para>| {
        if !super::is_blank(cur) {
            paras.push(Para {
                text: cur.as_str().to_owned(),
                lines: *count,
            });
        }
        cur.clear();
        *count = 0;
    };
    // Plain text with long lines: one paragraph per line (web exports).
    let line_paras = !pdf && median_len(lines) > 100;
    // Heading candidates, and how often the phrase across each one's end is printed.
    // Abbreviations of this text ("U.S.", "e.g."): a full stop before one of them at a
    // break is not the end of a sentence. Both come from one pass over the words.
    let (candidates, abbreviations) = if pdf {
        text_facts(lines)
    } else {
        (HashMap::default(), HashSet::new())
    };
    let mut last_was_heading = false;
    let mut after_gap = false;
    let mut i = 0;
    while i < lines.len() {
        let Some(line) = lines.get(i) else { break };
        if line.is_blank() {
            if !pdf {
                flush(&mut cur, &mut count, &mut paras);
            }
            after_gap = true;
            i += 1;
            continue;
        }
        // PDF layout: many exports keep the trailing space on a paragraph's last line, so a
        // gap (blank line or new text block) after a finished sentence, followed by a line
        // that opens one, is a paragraph break too. Gaps inside sentences are column and
        // frame breaks and are read through.
        let gap = after_gap || line.block_start;
        after_gap = false;
        if pdf
            && gap
            && !super::is_blank(&cur)
            && ends_sentence_strictly(&cur, &abbreviations)
            && opens_sentence(&line.text)
        {
            flush(&mut cur, &mut count, &mut paras);
        }
        // A heading stands between blank lines (or opens a text block) after a finished
        // sentence, whatever the export's trailing-space signal says.
        let fresh = i == 0 || line.block_start || lines.get(i - 1).is_some_and(Line::is_blank);
        let after_sentence = if super::is_blank(&cur) {
            !last_was_heading && paras.last().is_none_or(|p| ends_sentence(&p.text))
        } else {
            ends_sentence(&cur)
        };
        if pdf
            && fresh
            && after_sentence
            && let Some(&end) = candidates.get(&i)
        {
            flush(&mut cur, &mut count, &mut paras);
            for l in lines.get(i..end).unwrap_or(&[]) {
                append_line(&mut cur, &l.text, vocab);
                count += 1;
            }
            flush(&mut cur, &mut count, &mut paras);
            last_was_heading = true;
            i = end;
            continue;
        }
        last_was_heading = false;
        append_line(&mut cur, &line.text, vocab);
        count += 1;
        let t = line.text.trim_end();
        let soft_end = (t.ends_with('-') && !t.ends_with(" -")) || t.ends_with('\u{2014}');
        if (pdf && line.ends_para && !soft_end) || (line_paras && !soft_end) {
            flush(&mut cur, &mut count, &mut paras);
        }
        i += 1;
    }
    flush(&mut cur, &mut count, &mut paras);
    merge_broken(paras, vocab)
}

fn median_len(lines: &[Line<'_>]) -> usize {
    let mut lens: Vec<usize> = lines
        .iter()
        .filter(|l| !l.is_blank())
        .map(|l| l.text.chars().count())
        .collect();
    lens.sort_unstable();
    lens.get(lens.len() / 2).copied().unwrap_or(0)
}

/// If lines from `i` (at most 3, up to a blank line) read as a heading followed by text
/// that starts a sentence: the end (exclusive) of that run, the heading's last word and the
/// next text's first word.
fn heading_run(lines: &[Line<'_>], i: usize) -> Option<(usize, String, String)> {
    let mut text = String::new();
    for j in i..(i + 3).min(lines.len()) {
        let l = lines.get(j)?;
        if l.is_blank() {
            return None;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(super::trim(&l.text));
        let next = lines.get(j + 1);
        let at_break = next.is_none_or(|n| n.is_blank() || n.block_start);
        if at_break {
            if !is_heading_like(&text, j - i + 1) {
                return None;
            }
            let after = lines
                .get(j + 1..)
                .unwrap_or(&[])
                .iter()
                .find(|l| !l.is_blank())?;
            if starts_lower(&after.text) {
                return None;
            }
            let last = text.split_whitespace().last().unwrap_or("").to_string();
            let first = after
                .text
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_string();
            return Some((j + 1, last, first));
        }
    }
    None
}

/// Heading candidates by first line: lines that open a block and read as a heading, unless
/// the phrase across the candidate's end ("…Mine Ban" + "Convention lies…") is printed
/// elsewhere in the text, which shows a sentence broken over a blank line. And the text's
/// abbreviations (see [`learn_abbreviation`]). One linear pass over the words for both.
fn text_facts(lines: &[Line<'_>]) -> (HashMap<usize, usize, WordBuildHasher>, HashSet<String>) {
    let mut found: Vec<(usize, usize, String, String)> = Vec::new();
    for i in 0..lines.len() {
        let Some(line) = lines.get(i) else { break };
        let fresh = i == 0 || line.block_start || lines.get(i - 1).is_some_and(Line::is_blank);
        if line.is_blank() || !fresh {
            continue;
        }
        if let Some((end, last, first)) = heading_run(lines, i) {
            found.push((i, end, last, first));
        }
    }
    let mut counts: HashMap<(&str, &str), usize, WordBuildHasher> = HashMap::default();
    for (_, _, last, first) in &found {
        counts.insert((last.as_str(), first.as_str()), 0);
    }
    let lasts: HashSet<&str, WordBuildHasher> = found.iter().map(|f| f.2.as_str()).collect();
    // The lengths of those last words by first byte (longer than 63 bytes: bit 63): a token
    // whose first byte and length no last word has is not looked up.
    let slot = |w: &str| {
        let first = w.as_bytes().first().copied().unwrap_or(0);
        (usize::from(first), 1u64 << w.len().min(63))
    };
    let mut lengths = [0u64; 256];
    for w in &lasts {
        let (at, bit) = slot(w);
        if let Some(bits) = lengths.get_mut(at) {
            *bits |= bit;
        }
    }
    let mut abbreviations = HashSet::new();
    let mut prev: Option<&str> = None;
    for l in lines.iter().filter(|l| !l.is_blank()) {
        // The first word of a line follows the previous line's last word.
        let mut first = true;
        for tok in super::words(&l.text) {
            if let Some(p) = prev {
                if !first && p.ends_with('.') {
                    learn_abbreviation(p, tok, &mut abbreviations);
                }
                if let (at, bit) = slot(p)
                    && lengths.get(at).is_some_and(|&bits| bits & bit != 0)
                    && lasts.contains(p)
                    && let Some(n) = counts.get_mut(&(p, tok))
                {
                    *n += 1;
                }
            }
            prev = Some(tok);
            first = false;
        }
    }
    let candidates = found
        .iter()
        .filter(|(_, _, last, first)| {
            counts
                .get(&(last.as_str(), first.as_str()))
                .copied()
                .unwrap_or(0)
                < 2
        })
        .map(|(i, end, _, _)| (*i, *end))
        .collect();
    (candidates, abbreviations)
}

/// Joins a paragraph that stops mid-sentence with the next one when that starts in lower case
/// (a column or page break mistaken for a paragraph end).
fn merge_broken(paras: Vec<Para>, vocab: &Vocab) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::with_capacity(paras.len());
    for p in paras {
        if let Some(last) = out.last_mut()
            && !ends_sentence(&last.text)
            && starts_lower(&p.text)
            && !is_heading_like(&last.text, last.lines)
        {
            append_line(&mut last.text, &p.text, vocab);
            last.lines += p.lines;
            continue;
        }
        out.push(p);
    }
    out
}

/// Looks like a section heading: short, no sentence punctuation at the end, title-cased.
pub fn is_heading_like(text: &str, lines: usize) -> bool {
    let t = super::trim(text);
    if t.is_empty() || lines > 3 || t.chars().count() > 100 {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.len() > 14 {
        return false;
    }
    let last = t.chars().last().unwrap_or(' ');
    if matches!(
        last,
        '.' | ',' | ';' | ':' | '-' | '\u{2014}' | '"' | '\u{201d}'
    ) {
        return false;
    }
    let first = t.chars().next().unwrap_or(' ');
    if !(first.is_uppercase() || first.is_ascii_digit() || first == '\u{201c}' || first == '"') {
        return false;
    }
    // "Certainly, the South": a comma followed by a lower-case word is running text.
    if words.windows(2).any(|w| {
        w.first().is_some_and(|a| a.ends_with(','))
            && w.get(1).is_some_and(|b| b.starts_with(char::is_lowercase))
    }) {
        return false;
    }
    // A heading ends on a capitalised word or a number ("Dealing with the Taliban", "3+3").
    let last_word = words.last().map(|w| trim_punct(w)).unwrap_or("");
    if !last_word
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    {
        return false;
    }
    let long: Vec<&str> = words
        .iter()
        .map(|w| trim_punct(w))
        .filter(|w| w.chars().count() >= 5 && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    if long.is_empty() {
        return true;
    }
    let caps = long
        .iter()
        .filter(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
        .count();
    caps * 4 >= long.len() * 3
}

/// A paragraph with the heading that opens it.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: Option<String>,
    pub text: String,
}

/// Splits headings from body paragraphs and attaches each heading to the paragraph it opens.
pub fn attach_headings(paras: Vec<Para>) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::with_capacity(paras.len());
    let mut pending: Option<String> = None;
    let mut prev_ended = true;
    let n = paras.len();
    for (i, p) in paras.iter().enumerate() {
        let next_starts_upper = paras
            .get(i + 1)
            .map(|q| !starts_lower(&q.text))
            .unwrap_or(false);
        let heading =
            i + 1 < n && prev_ended && next_starts_upper && is_heading_like(&p.text, p.lines);
        if heading {
            pending = Some(match pending.take() {
                Some(h) => format!("{h} / {}", p.text.trim()),
                None => p.text.trim().to_string(),
            });
            prev_ended = true;
            continue;
        }
        prev_ended = ends_sentence(&p.text);
        out.push(Section {
            heading: pending.take(),
            text: p.text.clone(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(text: &str, ends_para: bool) -> Line<'_> {
        Line {
            text: Cow::Borrowed(text),
            ends_para,
            block_start: false,
        }
    }

    #[test]
    fn pdf_layout_joins_across_blank_lines_and_hyphens() {
        let v = Vocab::new();
        let lines = vec![
            l("who had been agitating for inde-", false),
            l("pendence, were elated. The", false),
            l("", false),
            l("north-", false),
            l("south corridor opened.", true),
            l("", false),
            l("A second paragraph.", true),
        ];
        let paras = build(&lines, true, &v);
        let texts: Vec<&str> = paras.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "who had been agitating for independence, were elated. The north-south corridor opened.",
                "A second paragraph."
            ]
        );
    }

    #[test]
    fn pdf_layout_breaks_at_a_gap_after_a_finished_sentence() {
        let v = Vocab::new();
        // Both paragraph ends keep their trailing space (no `ends_para` signal): a blank
        // line after a full stop, before a capital, ends a paragraph; a blank line inside a
        // sentence, or after an abbreviation, does not.
        let lines = vec![
            l("troops were withdrawn from the region.", false),
            l("", false),
            l("A new paragraph starts here and runs", false),
            l("", false),
            l("across a column break. It names the U.S.", false),
            l("", false),
            l("State Department and the U.S. embassy.", false),
            l("", false),
            l("Another paragraph.", true),
        ];
        let paras = build(&lines, true, &v);
        let texts: Vec<&str> = paras.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "troops were withdrawn from the region.",
                "A new paragraph starts here and runs across a column break. It names the U.S. State Department and the U.S. embassy.",
                "Another paragraph.",
            ]
        );
    }

    #[test]
    fn abbreviations_are_learnt_from_the_text() {
        let lines = vec![l("approx. twenty and Mr. Smith met approx. ten", false)];
        let learnt = abbreviations(&lines);
        assert!(is_abbreviation("approx.", &learnt));
        assert!(!is_abbreviation("Smith.", &learnt));
        assert!(is_abbreviation("e.g.", &learnt));
        assert!(is_abbreviation("J.", &learnt));
        assert!(!ends_sentence_strictly("as the U.S.", &learnt));
        assert!(ends_sentence_strictly("in the region.\u{201d}", &learnt));
        assert!(!ends_sentence_strictly("the following:", &learnt));
    }

    #[test]
    fn plain_layout_uses_blank_lines_but_mends_mid_sentence_breaks() {
        let v = Vocab::new();
        let lines = vec![
            l("First paragraph line one", false),
            l("and line two.", false),
            l("", false),
            l("A paragraph broken by a page", false),
            l("", false),
            l("break in the middle.", false),
        ];
        let paras = build(&lines, false, &v);
        assert_eq!(paras.len(), 2);
        assert_eq!(
            paras.get(1).map(|p| p.text.as_str()),
            Some("A paragraph broken by a page break in the middle.")
        );
    }

    #[test]
    fn headings_attach_to_the_next_paragraph() {
        let paras = vec![
            Para {
                text: "Body ends here.".into(),
                lines: 2,
            },
            Para {
                text: "Wither Connectivity?".into(),
                lines: 1,
            },
            Para {
                text: "Text of the section.".into(),
                lines: 3,
            },
            Para {
                text: "3+3".into(),
                lines: 1,
            },
            Para {
                text: "More text.".into(),
                lines: 3,
            },
        ];
        let s = attach_headings(paras);
        assert_eq!(s.len(), 3);
        assert_eq!(
            s.get(1).and_then(|x| x.heading.as_deref()),
            Some("Wither Connectivity?")
        );
        assert_eq!(s.get(2).and_then(|x| x.heading.as_deref()), Some("3+3"));
    }

    #[test]
    fn sentences_are_not_headings() {
        assert!(!is_heading_like("This is a sentence that ends.", 1));
        assert!(!is_heading_like("and a lower-case fragment", 1));
        assert!(is_heading_like(
            "The Role and Applicability of Standards",
            2
        ));
        assert!(is_heading_like(
            "Tehran has Motives to Preserve the Status Quo",
            1
        ));
    }
}
