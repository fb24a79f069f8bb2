//! The printed map as PNG: the SVG rasterised in pure Rust (`resvg`/`tiny-skia`), text set in
//! the Ubuntu font egui bundles (`epaint_default_fonts`), so no GPU, display or system font
//! is needed.

use std::sync::Arc;

use resvg::{tiny_skia, usvg};

use super::ExportError;

/// A font database with the bundled font only (deterministic output on every machine),
/// answering for every generic family.
pub fn fonts() -> usvg::fontdb::Database {
    let mut db = usvg::fontdb::Database::new();
    db.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
    let family = db
        .faces()
        .next()
        .and_then(|f| f.families.first().map(|(name, _)| name.clone()))
        .unwrap_or_else(|| "Ubuntu".to_string());
    db.set_sans_serif_family(family.clone());
    db.set_serif_family(family.clone());
    db.set_monospace_family(family);
    db
}

/// Rasterise an SVG document at its own size into PNG bytes.
pub fn svg_to_png(svg: &str) -> Result<Vec<u8>, ExportError> {
    let opt = usvg::Options {
        fontdb: Arc::new(fonts()),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| ExportError::Raster(e.to_string()))?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).ok_or_else(|| {
        ExportError::Raster(format!(
            "cannot allocate a {}×{} image",
            size.width(),
            size.height()
        ))
    })?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap
        .encode_png()
        .map_err(|e| ExportError::Raster(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_font_is_found_and_text_renders() {
        let db = fonts();
        assert!(!db.is_empty(), "the bundled font loads");
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"80\" height=\"30\">\
                   <rect width=\"80\" height=\"30\" fill=\"#fff\"/>\
                   <text x=\"4\" y=\"22\" font-size=\"20\" font-family=\"sans-serif\" fill=\"#000\">Baku</text></svg>";
        let Ok(png) = svg_to_png(svg) else {
            panic!("a small SVG rasterises");
        };
        let Ok(pixmap) = tiny_skia::Pixmap::decode_png(&png) else {
            panic!("the PNG decodes");
        };
        assert_eq!((pixmap.width(), pixmap.height()), (80, 30));
        let dark = pixmap.pixels().iter().filter(|p| p.red() < 100).count();
        assert!(dark > 20, "the text drew dark pixels ({dark})");
    }
}
