//! Type 3 fonts (glyphs drawn by content streams: the bitmap fonts of TeX without Type 1
//! fonts installed, some charting tools) made readable for `pdf-extract`, which takes every
//! simple font's `/Widths` in thousandths of text space. A Type 3 font gives them in its own
//! glyph space, which its `/FontMatrix` maps to text space: taken in thousandths, the advances
//! came out wrong, letters after a kern were placed before it ("aTjikistan") and columns
//! ran into each other. The widths are rewritten into thousandths before extraction.
//!
//! pdfTeX's bitmap fonts also name their glyphs `/a27`, `/a28`… with no ToUnicode map, so
//! anything past ASCII decoded through PDFDocEncoding: "ﬁ" came out as "˝", "ş" as "ˇ". Such a
//! font's encoding is told apart (T1 or TeX's original OT1) by the codes it uses, and its
//! glyphs get their standard names.

use std::collections::BTreeMap;

use lopdf::{Document as PdfDoc, Object, ObjectId};

/// Where a Type 3 font keeps an entry (its widths, its encoding): an object of its own, or
/// inline in the font's dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Entry {
    Own(ObjectId),
    InFont(ObjectId),
}

/// True for a Type 3 font's dictionary.
fn is_type3(font: &lopdf::Dictionary) -> bool {
    font.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type3".as_slice())
}

/// Rewrites the widths of every Type 3 font into thousandths of text space; returns how many
/// fonts were rewritten. A width array shared by several fonts is scaled once.
pub fn normalise_widths(doc: &mut PdfDoc) -> usize {
    let mut targets: BTreeMap<Entry, f64> = BTreeMap::new();
    for (&id, obj) in &doc.objects {
        let Ok(font) = obj.as_dict() else { continue };
        if !is_type3(font) {
            continue;
        }
        let Some(scale) = font
            .get(b"FontMatrix")
            .ok()
            .and_then(|m| number_at(doc, m, 0))
            .map(|a| a * 1000.0)
        else {
            continue;
        };
        // Already in thousandths (a font matrix of 0.001), or a matrix no glyph could use.
        if !scale.is_finite() || scale <= 0.0 || (scale - 1.0).abs() < 1e-6 {
            continue;
        }
        match font.get(b"Widths") {
            Ok(Object::Reference(r)) => {
                targets.entry(Entry::Own(*r)).or_insert(scale);
            }
            Ok(Object::Array(_)) => {
                targets.insert(Entry::InFont(id), scale);
            }
            _ => {}
        }
    }
    let mut fixed = 0;
    for (target, scale) in targets {
        let array = match target {
            Entry::Own(id) => doc.get_object_mut(id).and_then(Object::as_array_mut),
            Entry::InFont(id) => doc
                .get_dictionary_mut(id)
                .and_then(|font| font.get_mut(b"Widths"))
                .and_then(Object::as_array_mut),
        };
        let Ok(array) = array else { continue };
        for w in array.iter_mut() {
            if let Ok(v) = w.as_float() {
                *w = Object::Real((f64::from(v) * scale) as f32);
            }
        }
        fixed += 1;
    }
    fixed
}

/// T1 (Cork) codes past ASCII and their glyph names (the ones prose uses).
const T1: &[(u8, &str)] = &[
    (0x0d, "quotesinglbase"),
    (0x0e, "guilsinglleft"),
    (0x0f, "guilsinglright"),
    (0x10, "quotedblleft"),
    (0x11, "quotedblright"),
    (0x12, "quotedblbase"),
    (0x13, "guillemotleft"),
    (0x14, "guillemotright"),
    (0x15, "endash"),
    (0x16, "emdash"),
    (0x19, "dotlessi"),
    (0x1b, "ff"),
    (0x1c, "fi"),
    (0x1d, "fl"),
    (0x1e, "ffi"),
    (0x1f, "ffl"),
    (0x27, "quoteright"),
    (0x60, "quoteleft"),
    (0x7f, "hyphen"),
];

/// T1's accented letters from 0x80 (the Latin-1 block from 0xC0, but Œ, œ and ß moved).
const T1_HIGH: &[&str] = &[
    "Abreve",
    "Aogonek",
    "Cacute",
    "Ccaron",
    "Dcaron",
    "Ecaron",
    "Eogonek",
    "Gbreve",
    "Lacute",
    "Lcaron",
    "Lslash",
    "Nacute",
    "Ncaron",
    "Eng",
    "Ohungarumlaut",
    "Racute",
    "Rcaron",
    "Sacute",
    "Scaron",
    "Scedilla",
    "Tcaron",
    "uni0162",
    "Uhungarumlaut",
    "Uring",
    "Ydieresis",
    "Zacute",
    "Zcaron",
    "Zdotaccent",
    "IJ",
    "Idotaccent",
    "dcroat",
    "section",
    "abreve",
    "aogonek",
    "cacute",
    "ccaron",
    "dcaron",
    "ecaron",
    "eogonek",
    "gbreve",
    "lacute",
    "lcaron",
    "lslash",
    "nacute",
    "ncaron",
    "eng",
    "ohungarumlaut",
    "racute",
    "rcaron",
    "sacute",
    "scaron",
    "scedilla",
    "tcaron",
    "uni0163",
    "uhungarumlaut",
    "uring",
    "ydieresis",
    "zacute",
    "zcaron",
    "zdotaccent",
    "ij",
    "exclamdown",
    "questiondown",
    "sterling",
    "Agrave",
    "Aacute",
    "Acircumflex",
    "Atilde",
    "Adieresis",
    "Aring",
    "AE",
    "Ccedilla",
    "Egrave",
    "Eacute",
    "Ecircumflex",
    "Edieresis",
    "Igrave",
    "Iacute",
    "Icircumflex",
    "Idieresis",
    "Eth",
    "Ntilde",
    "Ograve",
    "Oacute",
    "Ocircumflex",
    "Otilde",
    "Odieresis",
    "OE",
    "Oslash",
    "Ugrave",
    "Uacute",
    "Ucircumflex",
    "Udieresis",
    "Yacute",
    "Thorn",
    "germandbls",
    "agrave",
    "aacute",
    "acircumflex",
    "atilde",
    "adieresis",
    "aring",
    "ae",
    "ccedilla",
    "egrave",
    "eacute",
    "ecircumflex",
    "edieresis",
    "igrave",
    "iacute",
    "icircumflex",
    "idieresis",
    "eth",
    "ntilde",
    "ograve",
    "oacute",
    "ocircumflex",
    "otilde",
    "odieresis",
    "oe",
    "oslash",
    "ugrave",
    "uacute",
    "ucircumflex",
    "udieresis",
    "yacute",
    "thorn",
    "germandbls",
];

/// TeX's original text encoding (OT1, Computer Modern): codes that differ from ASCII.
const OT1: &[(u8, &str)] = &[
    (0x0b, "ff"),
    (0x0c, "fi"),
    (0x0d, "fl"),
    (0x0e, "ffi"),
    (0x0f, "ffl"),
    (0x10, "dotlessi"),
    (0x19, "germandbls"),
    (0x1a, "ae"),
    (0x1b, "oe"),
    (0x1c, "oslash"),
    (0x1d, "AE"),
    (0x1e, "OE"),
    (0x1f, "Oslash"),
    (0x22, "quotedblright"),
    (0x27, "quoteright"),
    (0x5c, "quotedblleft"),
    (0x60, "quoteleft"),
    (0x7b, "endash"),
    (0x7c, "emdash"),
];

/// The standard name of a code in T1, or in OT1.
fn tex_name(code: i64, t1: bool) -> Option<&'static str> {
    let code = u8::try_from(code).ok()?;
    if t1 && code >= 0x80 {
        return T1_HIGH.get(usize::from(code - 0x80)).copied();
    }
    let table = if t1 { T1 } else { OT1 };
    table.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

/// A pdfTeX bitmap font's glyph name: `a` and the code (`.notdef` fills the gaps).
fn is_code_name(name: &[u8]) -> bool {
    name.len() > 1 && name.first() == Some(&b'a') && name.iter().skip(1).all(u8::is_ascii_digit)
}

/// Gives the glyphs of pdfTeX's bitmap fonts (Type 3, glyphs named `/a<code>`, no ToUnicode)
/// their standard names, by the TeX encoding their codes show: ligatures at 27–31 and letters
/// past 127 are T1; ligatures at 11–15 and dashes at 123–124 are OT1. Returns how many fonts
/// were renamed; a font whose codes tell neither is left alone.
pub fn name_tex_glyphs(doc: &mut PdfDoc) -> usize {
    let mut targets: Vec<(Entry, bool)> = Vec::new();
    for (&id, obj) in &doc.objects {
        let Ok(font) = obj.as_dict() else { continue };
        if !is_type3(font) || font.has(b"ToUnicode") {
            continue;
        }
        let (target, encoding) = match font.get(b"Encoding") {
            Ok(Object::Reference(r)) => (Entry::Own(*r), doc.get_dictionary(*r).ok()),
            Ok(Object::Dictionary(d)) => (Entry::InFont(id), Some(d)),
            _ => continue,
        };
        let Some(diffs) = encoding
            .and_then(|e| e.get(b"Differences").ok())
            .and_then(|d| doc.dereference(d).ok())
            .and_then(|(_, d)| d.as_array().ok())
        else {
            continue;
        };
        let mut codes = Vec::new();
        let mut code = 0i64;
        let mut all_coded = true;
        for item in diffs {
            match item {
                Object::Integer(i) => code = *i,
                Object::Name(n) => {
                    if n.as_slice() != b".notdef" {
                        all_coded &= is_code_name(n);
                        codes.push(code);
                    }
                    code = code.saturating_add(1);
                }
                _ => {}
            }
        }
        if !all_coded || codes.is_empty() {
            continue;
        }
        let t1 = codes
            .iter()
            .filter(|&&c| (0x1b..=0x1f).contains(&c) || (0x10..=0x16).contains(&c) || c >= 0x80)
            .count();
        let ot1 = codes
            .iter()
            .filter(|&&c| (0x0b..=0x0f).contains(&c) || c == 0x7b || c == 0x7c || c == 0x5c)
            .count();
        if t1 != ot1 {
            targets.push((target, t1 > ot1));
        }
    }
    let mut renamed = 0;
    for (target, t1) in targets {
        let encoding = match target {
            Entry::Own(id) => doc.get_dictionary_mut(id),
            Entry::InFont(id) => doc
                .get_dictionary_mut(id)
                .and_then(|font| font.get_mut(b"Encoding"))
                .and_then(Object::as_dict_mut),
        };
        let Ok(diffs) = encoding
            .and_then(|e| e.get_mut(b"Differences"))
            .and_then(Object::as_array_mut)
        else {
            continue;
        };
        let mut code = 0i64;
        for item in diffs.iter_mut() {
            match item {
                Object::Integer(i) => code = *i,
                Object::Name(n) => {
                    if let Some(name) = tex_name(code, t1) {
                        *n = name.as_bytes().to_vec();
                    }
                    code = code.saturating_add(1);
                }
                _ => {}
            }
        }
        renamed += 1;
    }
    renamed
}

/// The number at `index` of an array (either possibly indirect).
fn number_at(doc: &PdfDoc, array: &Object, index: usize) -> Option<f64> {
    let (_, array) = doc.dereference(array).ok()?;
    let item = array.as_array().ok()?.get(index)?;
    let (_, item) = doc.dereference(item).ok()?;
    item.as_float().ok().map(f64::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    #[test]
    fn tex_codes_have_their_names_in_t1_and_ot1() {
        assert_eq!(tex_name(0x1c, true), Some("fi"));
        assert_eq!(tex_name(0x0c, false), Some("fi"));
        assert_eq!(tex_name(0xb3, true), Some("scedilla"));
        assert_eq!(tex_name(0xff, true), Some("germandbls"));
        assert_eq!(tex_name(0x7b, false), Some("endash"));
        assert_eq!(tex_name(0x41, true), None);
        assert_eq!(tex_name(300, true), None);
        assert!(is_code_name(b"a27"));
        assert!(!is_code_name(b"a"));
        assert!(!is_code_name(b"fi"));
    }

    #[test]
    fn type3_widths_are_scaled_by_the_font_matrix_once() {
        let mut doc = PdfDoc::with_version("1.5");
        let shared = doc.add_object(Object::Array(vec![50.into(), Object::Real(25.0)]));
        let matrix = |a: f32| {
            Object::Array(vec![
                Object::Real(a),
                0.into(),
                0.into(),
                Object::Real(a),
                0.into(),
                0.into(),
            ])
        };
        let font = |widths: Object, a: f32| {
            Object::Dictionary(dictionary! {
                "Type" => "Font",
                "Subtype" => "Type3",
                "FontMatrix" => matrix(a),
                "Widths" => widths,
            })
        };
        doc.add_object(font(Object::Reference(shared), 0.01));
        doc.add_object(font(Object::Reference(shared), 0.01));
        let inline = doc.add_object(font(Object::Array(vec![100.into()]), 0.002));
        let thousandths = doc.add_object(font(Object::Array(vec![500.into()]), 0.001));
        assert_eq!(normalise_widths(&mut doc), 2);
        // Whole numbers after scaling; `f32` font matrices leave a few ulps.
        let floats = |o: &Object| -> Vec<f32> {
            o.as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_float().ok())
                        .map(f32::round)
                        .collect()
                })
                .unwrap_or_default()
        };
        let shared_now = doc.get_object(shared).map(floats).unwrap_or_default();
        assert_eq!(shared_now, [500.0, 250.0]);
        let widths_of = |id| {
            doc.get_dictionary(id)
                .and_then(|d| d.get(b"Widths"))
                .map(floats)
                .unwrap_or_default()
        };
        assert_eq!(widths_of(inline), [200.0]);
        assert_eq!(widths_of(thousandths), [500.0]);
    }
}
