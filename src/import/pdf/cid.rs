//! Composite (CID) fonts' widths made readable for `pdf-extract`. A CID font's `/W` array gives
//! widths in two forms: `c [w1 w2 …]` (consecutive CIDs from `c`) and `c_first c_last w` (one
//! width for a range). `pdf-extract` reads the second form wrongly, so every glyph of a range
//! took the default width: Chrome's and Skia's PDFs (printed web pages, Google Docs) put
//! same-width glyphs in ranges, and their text came out with letters out of place ("andA
//! zerbaijan", "Hovhannisya nand"). Every `/W` is rewritten into the first form, well formed
//! (integers for CIDs, no dangling entry) before extraction; `/DW` becomes an integer.

use std::collections::BTreeMap;

use lopdf::{Document as PdfDoc, Object, ObjectId};

/// The most CIDs one font's widths may list (CIDs are 16-bit).
const MAX_CIDS: i64 = 1 << 16;
/// The most widths written over all of a document's fonts: a few bytes of `0 65535 600` per
/// font would otherwise grow into gigabytes of arrays.
const MAX_WIDTHS: usize = 1 << 20;

/// Where a CID font keeps its `/W`: an object of its own, or inline in the font's dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Entry {
    Own(ObjectId),
    InFont(ObjectId),
}

fn is_cid_font(font: &lopdf::Dictionary) -> bool {
    matches!(
        font.get(b"Subtype").and_then(Object::as_name),
        Ok(b"CIDFontType0" | b"CIDFontType2")
    )
}

/// An object, followed through one reference.
fn deref<'a>(doc: &'a PdfDoc, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(r) => doc.get_object(*r).unwrap_or(o),
        _ => o,
    }
}

fn number(doc: &PdfDoc, o: &Object) -> Option<f64> {
    match deref(doc, o) {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// A CID: a whole number in range.
fn cid(doc: &PdfDoc, o: &Object) -> Option<i64> {
    let n = number(doc, o)?;
    (n.is_finite() && n >= 0.0 && n < MAX_CIDS as f64 && n.fract() == 0.0).then_some(n as i64)
}

/// The widths a `/W` array gives, by CID, read by the specification (a range's last CID
/// included); reading stops at the first malformed entry, or when `budget` widths are read.
fn read_widths(doc: &PdfDoc, w: &[Object], budget: &mut usize) -> BTreeMap<i64, f64> {
    let mut out = BTreeMap::new();
    let mut i = 0;
    while let (Some(first), Some(next)) = (w.get(i), w.get(i + 1)) {
        if *budget == 0 {
            break;
        }
        let Some(c) = cid(doc, first) else { break };
        if let Object::Array(list) = deref(doc, next) {
            for (k, width) in list.iter().enumerate() {
                let Some(width) = number(doc, width).filter(|v| v.is_finite()) else {
                    continue;
                };
                let Some(at) = i64::try_from(k)
                    .ok()
                    .map(|k| c + k)
                    .filter(|&a| a < MAX_CIDS)
                else {
                    break;
                };
                if *budget == 0 {
                    break;
                }
                *budget -= 1;
                out.insert(at, width);
            }
            i += 2;
        } else {
            let (Some(last), Some(width)) = (
                cid(doc, next),
                w.get(i + 2)
                    .and_then(|o| number(doc, o))
                    .filter(|v| v.is_finite()),
            ) else {
                break;
            };
            for at in c..=last {
                if *budget == 0 {
                    break;
                }
                *budget -= 1;
                out.insert(at, width);
            }
            i += 3;
        }
    }
    out
}

/// The widths in the form `c [w1 w2 …]`, one entry per run of consecutive CIDs.
fn write_widths(widths: &BTreeMap<i64, f64>) -> Vec<Object> {
    let mut out = Vec::new();
    let mut run: Vec<Object> = Vec::new();
    let mut start = 0;
    let mut prev = None;
    for (&c, &w) in widths {
        if prev.is_some_and(|p| p + 1 != c) && !run.is_empty() {
            out.push(Object::Integer(start));
            out.push(Object::Array(std::mem::take(&mut run)));
        }
        if run.is_empty() {
            start = c;
        }
        run.push(Object::Real(w as f32));
        prev = Some(c);
    }
    if !run.is_empty() {
        out.push(Object::Integer(start));
        out.push(Object::Array(run));
    }
    out
}

/// Rewrites every CID font's `/W` into the one form `pdf-extract` reads right, and its `/DW`
/// into an integer; returns how many width arrays were rewritten.
pub fn normalise_widths(doc: &mut PdfDoc) -> usize {
    let mut targets: BTreeMap<Entry, Vec<Object>> = BTreeMap::new();
    let mut default_widths: Vec<(ObjectId, i64)> = Vec::new();
    let mut budget = MAX_WIDTHS;
    for (&id, obj) in &doc.objects {
        let Ok(font) = obj.as_dict() else { continue };
        if !is_cid_font(font) {
            continue;
        }
        if let Ok(dw) = font.get(b"DW")
            && !matches!(dw, Object::Integer(_))
        {
            let v = number(doc, dw).filter(|v| v.is_finite()).unwrap_or(1000.0);
            default_widths.push((id, v.clamp(-1e6, 1e6).round() as i64));
        }
        let (entry, array) = match font.get(b"W") {
            Ok(Object::Reference(r)) => (Entry::Own(*r), doc.get_object(*r).ok()),
            Ok(o) => (Entry::InFont(id), Some(o)),
            Err(_) => continue,
        };
        if targets.contains_key(&entry) {
            continue;
        }
        let list = match array {
            Some(Object::Array(a)) => read_widths(doc, a, &mut budget),
            _ => BTreeMap::new(),
        };
        targets.insert(entry, write_widths(&list));
    }
    for (id, dw) in default_widths {
        if let Ok(font) = doc.get_dictionary_mut(id) {
            font.set("DW", Object::Integer(dw));
        }
    }
    let mut fixed = 0;
    for (entry, array) in targets {
        match entry {
            Entry::Own(id) => {
                if let Ok(o) = doc.get_object_mut(id) {
                    *o = Object::Array(array);
                    fixed += 1;
                }
            }
            Entry::InFont(id) => {
                if let Ok(font) = doc.get_dictionary_mut(id) {
                    font.set("W", Object::Array(array));
                    fixed += 1;
                }
            }
        }
    }
    fixed
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn widths_of(doc: &PdfDoc, id: ObjectId) -> BTreeMap<i64, f64> {
        let Ok(font) = doc.get_dictionary(id) else {
            panic!("no font dictionary {id:?}")
        };
        let Ok(Object::Array(w)) = font.get(b"W") else {
            panic!("no /W array")
        };
        // Only the `c [w…]` form is left.
        assert!(
            w.chunks(2)
                .all(|p| matches!(p, [Object::Integer(_), Object::Array(_)])),
            "{w:?}"
        );
        let mut budget = usize::MAX;
        read_widths(doc, w, &mut budget)
    }

    #[test]
    fn ranges_become_lists_with_their_last_cid_included() {
        let mut doc = PdfDoc::with_version("1.7");
        let w = vec![
            Object::Integer(3),
            Object::Array(vec![Object::Real(250.0), Object::Integer(333)]),
            Object::Integer(76),
            Object::Integer(77),
            Object::Real(277.83),
            Object::Integer(79),
            Object::Array(vec![Object::Integer(500)]),
            // A dangling entry is dropped.
            Object::Integer(90),
        ];
        let font = doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "CIDFontType2",
            "DW" => Object::Real(500.0),
            "W" => w,
        });
        assert_eq!(normalise_widths(&mut doc), 1);
        let got = widths_of(&doc, font);
        let want: BTreeMap<i64, f64> = [
            (3, 250.0),
            (4, 333.0),
            (76, 277.83),
            (77, 277.83),
            (79, 500.0),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            got.keys().collect::<Vec<_>>(),
            want.keys().collect::<Vec<_>>()
        );
        for (c, w) in want {
            assert!((got[&c] - w).abs() < 0.01, "cid {c}: {}", got[&c]);
        }
        assert!(matches!(
            doc.get_dictionary(font).and_then(|f| f.get(b"DW")),
            Ok(Object::Integer(500))
        ));
    }

    #[test]
    fn hostile_widths_stay_bounded() {
        let mut doc = PdfDoc::with_version("1.7");
        let font = doc.add_object(dictionary! {
            "Subtype" => "CIDFontType0",
            "W" => vec![
                Object::Integer(0),
                Object::Integer(1 << 40),
                Object::Integer(1),
                Object::Real(f32::NAN),
                Object::Integer(5),
            ],
        });
        normalise_widths(&mut doc);
        assert!(widths_of(&doc, font).is_empty());
        let font = doc.add_object(dictionary! {
            "Subtype" => "CIDFontType0",
            "W" => vec![Object::Integer(0), Object::Integer(65535), Object::Integer(600)],
        });
        normalise_widths(&mut doc);
        assert_eq!(widths_of(&doc, font).len(), 65536);
        // Many fonts of whole ranges: the document's budget bounds them all.
        let mut doc = PdfDoc::with_version("1.7");
        let fonts: Vec<ObjectId> = (0..40)
            .map(|_| {
                doc.add_object(dictionary! {
                    "Subtype" => "CIDFontType2",
                    "W" => vec![Object::Integer(0), Object::Integer(65535), Object::Integer(600)],
                })
            })
            .collect();
        normalise_widths(&mut doc);
        let total: usize = fonts.iter().map(|&f| widths_of(&doc, f).len()).sum();
        assert_eq!(total, MAX_WIDTHS);
    }
}
