//! Saved web archives (MHTML, `.mhtml`/`.mht`): the MIME message parsed by `mail-parser`, its
//! first HTML part decoded (quoted-printable or base64, in its charset) for the web-page reader.

use mail_parser::{MessageParser, MimeHeaders, PartType};

/// The HTML of the archive's first `text/html` part.
pub fn html_part(bytes: &[u8]) -> Result<String, String> {
    let message = MessageParser::default()
        .parse(bytes)
        .ok_or_else(|| "not a MIME message".to_string())?;
    for part in &message.parts {
        let is_html = part.content_type().is_some_and(|ct| {
            ct.ctype().eq_ignore_ascii_case("text")
                && ct.subtype().is_some_and(|s| s.eq_ignore_ascii_case("html"))
        });
        match &part.body {
            PartType::Html(html) => return Ok(html.to_string()),
            PartType::Text(text) if is_html => return Ok(text.to_string()),
            _ => {}
        }
    }
    Err("no HTML part in the archive".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_html_part_is_decoded() {
        let mhtml = "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<html><body><p>Baku caf=C3=A9 and a long =\r\nline</p></body></html>\r\n--B--\r\n";
        let Ok(html) = html_part(mhtml.as_bytes()) else {
            panic!("an HTML part");
        };
        assert!(html.contains("<p>Baku café and a long line</p>"), "{html}");
        assert!(html_part(b"MIME-Version: 1.0\r\n\r\nplain").is_err());
    }
}
