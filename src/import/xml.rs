//! Small XML helpers shared by the DOCX and EPUB readers: entity unescaping, attribute and
//! element text lookup with `quick-xml`, files read out of a ZIP container with a size cap.

use std::io::Read;

use quick_xml::Reader;
use quick_xml::events::Event;

/// Entities and character references replaced (`&amp;` → `&`); unknown ones kept as written.
pub fn unescape(s: &str) -> String {
    match quick_xml::escape::unescape(s) {
        Ok(c) => c.into_owned(),
        Err(_) => s.to_string(),
    }
}

/// The local part of a qualified name (`dc:title` → `title`).
pub fn local(name: &[u8]) -> &[u8] {
    name.iter()
        .rposition(|&b| b == b':')
        .and_then(|i| name.get(i + 1..))
        .unwrap_or(name)
}

/// The value of the attribute whose local name is `key`.
pub fn attr(e: &quick_xml::events::BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| local(a.key.as_ref()) == key)
        .map(|a| unescape(&String::from_utf8_lossy(&a.value)))
}

/// The text of every element with local name `name`, in document order.
pub fn texts_of(xml: &str, name: &[u8]) -> Result<Vec<String>, String> {
    let mut r = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut depth_in: Option<usize> = None;
    let mut depth = 0usize;
    let mut cur = String::new();
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) => {
                depth += 1;
                if depth_in.is_none() && local(e.name().as_ref()) == name {
                    depth_in = Some(depth);
                    cur.clear();
                }
            }
            Ok(Event::End(_)) => {
                if depth_in == Some(depth) {
                    depth_in = None;
                    let t = cur.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !t.is_empty() {
                        out.push(t);
                    }
                }
                depth = depth.saturating_sub(1);
            }
            Ok(Event::Text(t)) if depth_in.is_some() => {
                cur.push_str(&unescape(&String::from_utf8_lossy(&t)));
            }
            Ok(Event::GeneralRef(g)) if depth_in.is_some() => {
                cur.push_str(&unescape(&format!("&{};", String::from_utf8_lossy(&g))));
            }
            Ok(Event::CData(t)) if depth_in.is_some() => {
                cur.push_str(&String::from_utf8_lossy(&t));
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(format!("XML error at byte {}: {e}", r.buffer_position())),
            _ => {}
        }
    }
    Ok(out)
}

/// A file of a ZIP archive as text, at most `cap` bytes uncompressed.
pub fn zip_text<R: std::io::Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
    cap: u64,
) -> Result<String, String> {
    let entry = zip.by_name(name).map_err(|e| format!("{name}: {e}"))?;
    let mut bytes = Vec::new();
    entry
        .take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{name}: {e}"))?;
    if bytes.len() as u64 > cap {
        return Err(format!("{name}: larger than {} MB uncompressed", cap >> 20));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    Ok(String::from_utf8_lossy(bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_and_entities() {
        let xml = "<a><dc:title>Ports &amp; <b>Power</b></dc:title><dc:title/><x>no</x></a>";
        assert_eq!(
            texts_of(xml, b"title"),
            Ok(vec!["Ports & Power".to_string()])
        );
        assert_eq!(unescape("a &lt; b"), "a < b");
        assert_eq!(local(b"w:p"), b"p");
        assert!(texts_of("<a><b></a>", b"b").is_err());
    }
}
