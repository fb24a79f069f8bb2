//! A web page printed to PDF from a browser (its running head or foot gives the page's
//! address): the site's furniture that the printout keeps around the article (share bars,
//! newsletter boxes, tags, "Read more" lines) is left out by the web reader's rules, and the
//! page ends where its tail begins (the author's box, related stories, comments).

use crate::corpus::Block;
use crate::corpus::clean::furniture::is_web_furniture;
use crate::corpus::clean::paragraphs::ends_sentence;
use crate::import::html::is_boilerplate;
use crate::import::meta::is_author_note;

/// True when a running head or foot gives a web address with its scheme, as browsers print
/// one (a report's "www.example.org" in its foot has none; a journal's "Downloaded from
/// https://… by guest" stamp is not one).
pub(super) fn gives_address(t: &str) -> bool {
    // "ﬁle://": the browser's font may set a ligature.
    let lower = crate::corpus::clean::normalise_spaces(t).to_lowercase();
    !lower.contains("downloaded")
        && ["http://", "https://", "file://"]
            .iter()
            .any(|p| lower.contains(p))
}

/// True when a running head or foot gives a time of day ("8:25 AM", "08:25:14"), as browsers
/// stamp a printout.
pub(super) fn gives_time(t: &str) -> bool {
    t.split_whitespace().any(|w| {
        let w = w.trim_end_matches([',', '.']);
        let mut parts = w.split(':');
        let (Some(h), Some(m)) = (parts.next(), parts.next()) else {
            return false;
        };
        let digits = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_digit());
        (digits(h, 1) || digits(h, 2))
            && digits(m.get(..2).unwrap_or(""), 2)
            && m.get(2..)
                .is_some_and(|r| r.is_empty() || matches!(r, "am" | "pm" | "AM" | "PM"))
            && parts.all(|s| digits(s, 2))
    })
}

/// True when a running head or foot counts the pages as browsers do: "1/2", "Page 1 of 2".
pub(super) fn counts_pages(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    let num = |w: &str| !w.is_empty() && w.len() <= 4 && w.chars().all(|c| c.is_ascii_digit());
    let slash = words
        .last()
        .is_some_and(|w| w.split_once('/').is_some_and(|(a, b)| num(a) && num(b)));
    let of = words
        .windows(3)
        .any(|w| matches!(w, [a, "of", b] if num(a) && num(b)));
    slash || of
}

/// A heading (or a short line) that opens a web page's tail: what follows is not the article.
fn opens_tail(t: &str) -> bool {
    let l = t.trim().trim_end_matches(':').trim().to_lowercase();
    const TAILS: &[&str] = &[
        "about the author",
        "about the authors",
        "comments",
        "leave a reply",
        "leave a comment",
        "join the conversation",
    ];
    if TAILS.contains(&l.as_str()) || l.starts_with("comments (") {
        return true;
    }
    // "2 thoughts on “…”", "14 comments", "3 responses to …".
    let mut words = l.split_whitespace();
    let counted = words
        .next()
        .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
    counted
        && words.next().is_some_and(|w| {
            matches!(
                w,
                "thoughts"
                    | "thought"
                    | "comments"
                    | "comment"
                    | "responses"
                    | "response"
                    | "replies"
            )
        })
}

/// The title of a box of links set into the page, often inside the article ("Related", "Most
/// read"): the title goes (its links are link lines), the article goes on after it.
fn is_box_title(t: &str) -> bool {
    let l = t.trim().trim_end_matches(':').trim().to_lowercase();
    const BOXES: &[&str] = &[
        "related",
        "related articles",
        "related posts",
        "related stories",
        "related content",
        "you may also like",
        "you might also like",
        "read next",
        "most read",
        "most popular",
        "recommended",
        "latest news",
        "trending",
        "share",
        "share this",
        "share this article",
    ];
    BOXES.contains(&l.as_str()) || l.starts_with("more from ") || short_with(&l, 8, &["newsletter"])
}

/// A line of at most `max_words` words that contains one of `phrases` (lower case).
fn short_with(t: &str, max_words: usize, phrases: &[&str]) -> bool {
    let l = t.to_lowercase();
    l.split_whitespace().count() <= max_words && phrases.iter().any(|p| l.contains(p))
}

/// A short pitch for the site's newsletter or subscription.
fn is_promo(t: &str) -> bool {
    short_with(
        t,
        25,
        &[
            "newsletter",
            "subscribe",
            "sign up",
            "support our",
            "donate",
        ],
    )
}

/// A photo's caption or credit ("The port of Aktau. (Photo: D. Omarova)").
fn is_caption(t: &str) -> bool {
    short_with(
        t,
        30,
        &[
            "photo:",
            "(photo",
            "photo by",
            "photograph:",
            "image:",
            "credit:",
            "photo credit",
            "getty images",
        ],
    )
}

/// A row of share buttons ("Facebook Twitter Telegram").
fn is_share_row(t: &str) -> bool {
    const NETWORKS: &[&str] = &[
        "facebook", "twitter", "x", "telegram", "whatsapp", "linkedin", "email", "e-mail", "print",
        "vk", "reddit", "copy", "link", "share", "bluesky", "threads", "mastodon",
    ];
    let words: Vec<String> = t
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty() && words.iter().all(|w| NETWORKS.contains(&w.as_str()))
}

/// A labelled list of links: "Related Azerbaijan's Alat port doubles capacity", "Tags
/// Kazakhstan Middle Corridor", "Topics: energy".
fn is_link_list(t: &str) -> bool {
    let l = t.trim().to_lowercase();
    l.split_whitespace().count() <= 14
        && !ends_sentence(&l)
        && [
            "related ",
            "tags ",
            "topics",
            "see also",
            "read also",
            "also read",
            "more on ",
        ]
        .iter()
        .any(|p| l.starts_with(p))
}

/// A line of links rather than a sentence: a few words ("Privacy Terms"), or a headline in
/// title case ("Georgia Passes 'Foreign Agents' Law Despite Protests"), with no sentence's end.
/// (A subheading set in the body's type looks the same; a printout keeps a page's headings
/// larger, so they are read as headings before this.)
fn is_link_line(t: &str) -> bool {
    let t = t.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.len() > 12 || t.ends_with(['.', '!', '?', ':', ';', '"', '\u{201d}', '\u{2026}']) {
        return false;
    }
    let long: Vec<&&str> = words.iter().filter(|w| w.chars().count() > 3).collect();
    let capitalised = long
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    words.len() <= 4 || (!long.is_empty() && capitalised * 10 >= long.len() * 6)
}

/// The site's footer line: "Copyright (c) 2024. All rights reserved.", "© 2025 Review".
fn is_footer(t: &str) -> bool {
    let l = t.to_lowercase();
    l.split_whitespace().count() <= 14
        && (l.contains("all rights reserved") || l.contains('©') || l.contains("copyright"))
}

/// The blocks without the site's furniture, cut where the page's tail begins (once some of the
/// article has been read); how many blocks went.
pub(super) fn drop_page_chrome(blocks: Vec<Block>, authors: &[String]) -> (Vec<Block>, usize) {
    let total = blocks.len();
    let mut kept: Vec<Block> = Vec::with_capacity(total);
    // Something was left out since the last block kept: a heading then directly followed by
    // another had only furniture under it (a newsletter box's title).
    let mut gap = false;
    // Inside a box of links (after its title): lines that end no sentence are its links.
    let mut in_box = false;
    let mut in_promo = false;
    // A paragraph of the article has been kept.
    let mut read_some = false;
    for b in blocks {
        let text = match &b {
            Block::Heading(h) => h.clone(),
            Block::Paragraph(lines) => lines.join(" "),
        };
        let short = text.split_whitespace().count() <= 8;
        if read_some && ((short && opens_tail(&text)) || is_author_note(&text, authors)) {
            break;
        }
        let paragraph = matches!(b, Block::Paragraph(_));
        let links = in_box && paragraph && !ends_sentence(text.trim_end_matches(['"', '\u{201d}']));
        // Under a newsletter's title, its short pitch ("Get our weekly briefing…").
        let pitch = in_promo && paragraph && text.split_whitespace().count() <= 30;
        in_box = links || is_box_title(&text);
        in_promo = is_box_title(&text) && is_promo(&text);
        let links = links || pitch;
        if links
            || is_web_furniture(&text)
            || is_boilerplate(&text)
            || is_caption(&text)
            || is_share_row(&text)
            || is_link_list(&text)
            || is_footer(&text)
            || is_box_title(&text)
            || (paragraph && is_link_line(&text))
            || (paragraph && is_promo(&text))
        {
            // A heading over nothing but furniture was the furniture's title.
            if matches!(kept.last(), Some(Block::Heading(_))) {
                kept.pop();
            }
            gap = true;
            continue;
        }
        if !paragraph && gap && matches!(kept.last(), Some(Block::Heading(_))) {
            kept.pop();
        }
        gap = false;
        read_some |= paragraph;
        kept.push(b);
    }
    // A heading left with nothing under it (its section was all furniture) goes too.
    while matches!(kept.last(), Some(Block::Heading(_))) {
        kept.pop();
    }
    let dropped = total - kept.len();
    (kept, dropped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_printed_page_loses_its_furniture_and_its_tail() {
        assert!(gives_address("file:///tmp/page.html 1/2"));
        assert!(gives_address("\u{fb01}le:///tmp/page.html 1/2"));
        assert!(gives_address("https://oc-media.example/x 3/7"));
        assert!(!gives_address("Caspian Review · Winter 2025 · 7"));
        assert!(!gives_address(
            "Downloaded from https://academic.example/ia/article/99/1/1 by guest on 6 May 2024"
        ));
        assert!(!gives_address("www.crisis-example.org"));
        assert!(gives_time(
            "12/6/26, 8:25 AM Armenia and Azerbaijan sign transit deal"
        ));
        assert!(gives_time("06/12/2026, 08:25:14"));
        assert!(!gives_time("Caucasus Review 8:2, 123-140"));
        assert!(!gives_time("Europe Report N°123, 12 May 2024"));
        assert!(counts_pages("file:///tmp/page.html 1/2"));
        assert!(counts_pages("Page 3 of 12"));
        assert!(counts_pages("3 of 12 06/12/2026, 08:25"));
        assert!(!counts_pages("International Affairs 99: 1, 2024"));
        assert!(!counts_pages("17"));
        let blocks = vec![
            Block::one_line(
                "Armenia and Azerbaijan on Friday signed an agreement on a transit route.",
            ),
            Block::Heading("Share this:".into()),
            Block::one_line("Read more: Why the Lachin road still matters"),
            Block::Heading("A corridor by another name".into()),
            Block::one_line("Officials in Yerevan avoided the word corridor throughout the day."),
            Block::one_line("Sign up for our weekly newsletter on the South Caucasus."),
            Block::one_line("Subscribe"),
            Block::one_line("Tags: Armenia, Azerbaijan, Zangezur"),
            Block::one_line("About the author"),
            Block::one_line("Lilit Hovhannisyan is a journalist based in Yerevan."),
            Block::Heading("2 thoughts on \"Armenia and Azerbaijan sign transit deal\"".into()),
            Block::one_line("Great article."),
        ];
        let (kept, dropped) = drop_page_chrome(blocks, &[]);
        assert_eq!(
            kept,
            vec![
                Block::one_line(
                    "Armenia and Azerbaijan on Friday signed an agreement on a transit route."
                ),
                Block::Heading("A corridor by another name".into()),
                Block::one_line(
                    "Officials in Yerevan avoided the word corridor throughout the day."
                ),
            ]
        );
        assert_eq!(dropped, 9);
        for chrome in [
            "The port of Aktau on the Caspian. (Photo: Dana Omarova)",
            "Facebook Twitter Telegram",
            "Related Azerbaijan's Alat port doubles capacity",
            "Tags KazakhstanMiddle CorridorCaspian Sea",
            "Georgia Passes 'Foreign Agents' Law Despite Protests",
            "Privacy Terms",
            "Comments Copyright (c) 2024. All rights reserved.",
        ] {
            let (kept, _) = drop_page_chrome(
                vec![
                    Block::one_line("A sentence of the story."),
                    Block::one_line(chrome),
                ],
                &[],
            );
            assert_eq!(kept.len(), 1, "{chrome}");
        }
        let (kept, _) = drop_page_chrome(
            vec![Block::one_line(
                "Related talks in Baku ended without a deal, and the ministers went home.",
            )],
            &[],
        );
        assert_eq!(kept.len(), 1);
        let (kept, _) = drop_page_chrome(
            vec![
                Block::one_line("A sentence of the story."),
                Block::one_line(
                    "Nini Gabritchidze Nini Gabritchidze is a correspondent in Tbilisi.",
                ),
                Block::one_line("More of her work."),
            ],
            &["Nini Gabritchidze".to_string()],
        );
        assert_eq!(kept.len(), 1);
        // A box of links inside the article: its title and links go, the article goes on.
        let (kept, _) = drop_page_chrome(
            vec![
                Block::one_line("A sentence of the story."),
                Block::Heading("Related".into()),
                Block::one_line(
                    "Clashes on the Kyrgyz-Tajik border leave dozens dead What the Kambarata dam means",
                ),
                Block::one_line("Both parliaments must still ratify the deal."),
                Block::Heading("The Caspian Brief".into()),
                Block::one_line(
                    "Our free newsletter on energy and transport in the region, every Friday.",
                ),
                Block::one_line("Newsletter"),
                Block::one_line(
                    "Get our weekly briefing on the Caspian region every Friday morning.",
                ),
                Block::one_line("Not everyone is convinced."),
            ],
            &[],
        );
        assert_eq!(
            kept,
            vec![
                Block::one_line("A sentence of the story."),
                Block::one_line("Both parliaments must still ratify the deal."),
                Block::one_line("Not everyone is convinced."),
            ]
        );
        // "Related" before any of the article is read is no tail.
        let (kept, _) = drop_page_chrome(
            vec![
                Block::one_line("Related"),
                Block::one_line("The text begins here."),
            ],
            &[],
        );
        assert_eq!(kept, vec![Block::one_line("The text begins here.")]);
    }
}
