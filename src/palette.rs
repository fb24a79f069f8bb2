//! The map's colours as plain RGBA (light and dark themes) and the passage-count ramp: one
//! source read by the window's map style (`map::style`) and the SVG/PNG map writer (`export`).

/// A colour: red, green, blue and (unmultiplied) alpha, 0–255.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgba(pub [u8; 4]);

impl Rgba {
    pub const TRANSPARENT: Rgba = Rgba([0, 0, 0, 0]);

    /// An opaque colour.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Rgba {
        Rgba([r, g, b, 255])
    }

    /// A colour with (unmultiplied) alpha.
    #[allow(clippy::self_named_constructors)] // `Rgba::rgba(…)` reads as the CSS function
    pub const fn rgba(r: u8, g: u8, b: u8, a: u8) -> Rgba {
        Rgba([r, g, b, a])
    }

    pub fn r(self) -> u8 {
        self.0[0]
    }
    pub fn g(self) -> u8 {
        self.0[1]
    }
    pub fn b(self) -> u8 {
        self.0[2]
    }
    pub fn a(self) -> u8 {
        self.0[3]
    }

    /// Opacity in 0..=1.
    pub fn opacity(self) -> f32 {
        f32::from(self.a()) / 255.0
    }

    /// `#rrggbb` (the alpha goes into a separate opacity attribute in SVG).
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r(), self.g(), self.b())
    }

    /// The same colour at `factor` of its opacity (how the window fades a faded feature).
    pub fn faded(self, factor: f32) -> Rgba {
        let a = (f32::from(self.a()) * factor.clamp(0.0, 1.0)).round() as u8;
        Rgba([self.r(), self.g(), self.b(), a])
    }
}

/// Every colour the map uses, for one theme. Field names are those of the window's
/// `map::style::Palette`, which is built from this one.
#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    pub dark: bool,
    pub background: Rgba,
    pub land: [Rgba; 6],
    pub border: Rgba,
    pub water: Rgba,
    pub water_line: Rgba,
    pub region_line: Rgba,
    pub disputed: Rgba,
    pub historical: Rgba,
    pub macro_region: Rgba,
    pub city: Rgba,
    pub city_ring: Rgba,
    pub capital: Rgba,
    pub oil: Rgba,
    pub gas: Rgba,
    pub oil_gas: Rgba,
    pub rail: Rgba,
    pub road: Rgba,
    pub multimodal: Rgba,
    pub sea_route: Rgba,
    pub label: Rgba,
    pub label_water: Rgba,
    pub label_country: Rgba,
    pub halo: Rgba,
    pub hover: Rgba,
    pub selected: Rgba,
    pub panel_bg: Rgba,
}

impl Palette {
    pub fn light() -> Palette {
        Palette {
            dark: false,
            background: Rgba::rgb(0xc6, 0xdc, 0xe9),
            land: [
                Rgba::rgb(0xf1, 0xec, 0xe0),
                Rgba::rgb(0xea, 0xe6, 0xd5),
                Rgba::rgb(0xf3, 0xe8, 0xdc),
                Rgba::rgb(0xe6, 0xe9, 0xd8),
                Rgba::rgb(0xee, 0xe3, 0xd3),
                Rgba::rgb(0xe9, 0xe2, 0xdc),
            ],
            border: Rgba::rgb(0x8c, 0x80, 0x78),
            water: Rgba::rgb(0xb5, 0xd3, 0xe7),
            water_line: Rgba::rgb(0x6f, 0xa4, 0xcc),
            region_line: Rgba::rgb(0xb0, 0xa6, 0x9c),
            disputed: Rgba::rgb(0xc0, 0x39, 0x2b),
            historical: Rgba::rgb(0x8e, 0x5a, 0xa8),
            macro_region: Rgba::rgba(0x55, 0x6b, 0x8a, 0x90),
            city: Rgba::rgb(0x3d, 0x3d, 0x46),
            city_ring: Rgba::rgb(0xff, 0xff, 0xff),
            capital: Rgba::rgb(0x1f, 0x1f, 0x28),
            oil: Rgba::rgb(0x2e, 0x2a, 0x26),
            gas: Rgba::rgb(0xd3, 0x6b, 0x00),
            oil_gas: Rgba::rgb(0x8a, 0x4f, 0x1c),
            rail: Rgba::rgb(0x7b, 0x2d, 0x8e),
            road: Rgba::rgb(0xb0, 0x3a, 0x2e),
            multimodal: Rgba::rgb(0x1b, 0x7f, 0x6e),
            sea_route: Rgba::rgb(0x1f, 0x5f, 0xa8),
            label: Rgba::rgb(0x30, 0x30, 0x36),
            label_water: Rgba::rgb(0x2f, 0x63, 0x8f),
            label_country: Rgba::rgb(0x5a, 0x4e, 0x46),
            halo: Rgba::rgba(0xfb, 0xf9, 0xf4, 0xd0),
            hover: Rgba::rgb(0xff, 0x9f, 0x1c),
            selected: Rgba::rgb(0x00, 0x6d, 0xd9),
            panel_bg: Rgba::rgba(0xfb, 0xfa, 0xf6, 0xe8),
        }
    }

    pub fn dark() -> Palette {
        Palette {
            dark: true,
            background: Rgba::rgb(0x12, 0x1c, 0x28),
            land: [
                Rgba::rgb(0x2c, 0x2f, 0x33),
                Rgba::rgb(0x30, 0x32, 0x2e),
                Rgba::rgb(0x2e, 0x2c, 0x31),
                Rgba::rgb(0x2a, 0x30, 0x31),
                Rgba::rgb(0x33, 0x30, 0x2d),
                Rgba::rgb(0x2d, 0x2e, 0x2e),
            ],
            border: Rgba::rgb(0x8a, 0x8e, 0x96),
            water: Rgba::rgb(0x1a, 0x2c, 0x40),
            water_line: Rgba::rgb(0x3f, 0x78, 0xa8),
            region_line: Rgba::rgb(0x5c, 0x60, 0x66),
            disputed: Rgba::rgb(0xf0, 0x6a, 0x5a),
            historical: Rgba::rgb(0xc0, 0x94, 0xe0),
            macro_region: Rgba::rgba(0x9c, 0xb4, 0xd8, 0x80),
            city: Rgba::rgb(0xe6, 0xe6, 0xea),
            city_ring: Rgba::rgb(0x15, 0x15, 0x18),
            capital: Rgba::rgb(0xff, 0xff, 0xff),
            oil: Rgba::rgb(0xd8, 0xc8, 0xa8),
            gas: Rgba::rgb(0xff, 0x9a, 0x2e),
            oil_gas: Rgba::rgb(0xe0, 0xa0, 0x60),
            rail: Rgba::rgb(0xc8, 0x8a, 0xf0),
            road: Rgba::rgb(0xf0, 0x7a, 0x6a),
            multimodal: Rgba::rgb(0x4f, 0xd1, 0xb8),
            sea_route: Rgba::rgb(0x6c, 0xb4, 0xff),
            label: Rgba::rgb(0xe2, 0xe2, 0xe6),
            label_water: Rgba::rgb(0x8c, 0xbc, 0xe6),
            label_country: Rgba::rgb(0xc4, 0xbc, 0xb0),
            halo: Rgba::rgba(0x12, 0x14, 0x18, 0xc8),
            hover: Rgba::rgb(0xff, 0xb8, 0x4a),
            selected: Rgba::rgb(0x4d, 0xa8, 0xff),
            panel_bg: Rgba::rgba(0x1c, 0x1e, 0x22, 0xe8),
        }
    }

    pub fn for_dark_mode(dark: bool) -> Palette {
        if dark {
            Palette::dark()
        } else {
            Palette::light()
        }
    }
}

/// Colour of the passage-count shading for a weight `t` in 0..=1 (light yellow → deep red),
/// never fully opaque so the base map shows through. The same stops as the window's ramp.
pub fn ramp(t: f32) -> Rgba {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let stops = [
        (255.0, 237.0, 160.0),
        (254.0, 178.0, 76.0),
        (240.0, 59.0, 32.0),
        (128.0, 0.0, 38.0),
    ];
    let x = t * (stops.len() - 1) as f32;
    let i = (x.floor() as usize).min(stops.len() - 2);
    let f = x - i as f32;
    let (Some(a), Some(b)) = (stops.get(i), stops.get(i + 1)) else {
        return Rgba::TRANSPARENT;
    };
    let mix = |p: f32, q: f32| (p + (q - p) * f) as u8;
    Rgba::rgba(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2), 170)
}

/// Weight of a count on a log scale against the largest count, in 0..=1: `ln(1 + n) / ln(1 + max)`
/// (a feature named in 3 passages is visibly shaded next to one named in 300). The window's
/// shading and the printed map's both use it.
pub fn normalise(count: usize, max: usize) -> f32 {
    if max == 0 {
        0.0
    } else {
        ((count.min(max) as f32).ln_1p() / (max as f32).ln_1p()).clamp(0.0, 1.0)
    }
}

/// Class breaks for a legend: up to five counts from 1 to `max`, evenly spaced on the same log
/// scale.
pub fn legend_breaks(max: usize) -> Vec<usize> {
    if max == 0 {
        return Vec::new();
    }
    let top = (max as f32).ln_1p();
    let mut out: Vec<usize> = (0..5)
        .map(|i| {
            let t = i as f32 / 4.0;
            ((t * top).exp_m1().round().max(1.0) as usize).min(max)
        })
        .collect();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn themes_differ_and_hex_is_six_digits() {
        let (l, d) = (Palette::light(), Palette::dark());
        assert_ne!(l.background, d.background);
        assert!(!l.dark && d.dark);
        assert_eq!(Rgba::rgb(0xc6, 0xdc, 0xe9).hex(), "#c6dce9");
        assert_eq!(Rgba::rgb(1, 2, 3).faded(0.5).a(), 128);
    }

    #[test]
    fn ramp_darkens_and_clamps() {
        let lum = |c: Rgba| u32::from(c.r()) + u32::from(c.g()) + u32::from(c.b());
        assert!(lum(ramp(0.0)) > lum(ramp(0.5)));
        assert!(lum(ramp(0.5)) > lum(ramp(1.0)));
        assert_eq!(ramp(7.0), ramp(1.0));
        assert_eq!(ramp(f32::NAN), ramp(0.0));
        assert!((normalise(9, 99) - 0.5).abs() < 1e-6, "log scale");
        assert_eq!(legend_breaks(1), vec![1]);
        assert_eq!(legend_breaks(120).last(), Some(&120));
    }
}
