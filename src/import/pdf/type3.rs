//! Type 3 fonts (glyphs drawn by content streams: the bitmap fonts of TeX without Type 1
//! fonts installed, some charting tools) made readable for `pdf-extract`, which takes every
//! simple font's `/Widths` in thousandths of text space. A Type 3 font gives them in its own
//! glyph space, which its `/FontMatrix` maps to text space: taken in thousandths, the advances
//! came out wrong, letters after a kern were placed before it ("aTjikistan") and columns
//! ran into each other. The widths are rewritten into thousandths before extraction.

use std::collections::BTreeMap;

use lopdf::{Document as PdfDoc, Object, ObjectId};

/// Where a Type 3 font keeps its widths: an array object of its own, or inline in the font.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Widths {
    Array(ObjectId),
    InFont(ObjectId),
}

/// Rewrites the widths of every Type 3 font into thousandths of text space; returns how many
/// fonts were rewritten. A width array shared by several fonts is scaled once.
pub fn normalise_widths(doc: &mut PdfDoc) -> usize {
    let mut targets: BTreeMap<Widths, f64> = BTreeMap::new();
    for (&id, obj) in &doc.objects {
        let Ok(font) = obj.as_dict() else { continue };
        if font.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type3".as_slice()) {
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
                targets.entry(Widths::Array(*r)).or_insert(scale);
            }
            Ok(Object::Array(_)) => {
                targets.insert(Widths::InFont(id), scale);
            }
            _ => {}
        }
    }
    let mut fixed = 0;
    for (target, scale) in targets {
        let array = match target {
            Widths::Array(id) => doc.get_object_mut(id).and_then(Object::as_array_mut),
            Widths::InFont(id) => doc
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
