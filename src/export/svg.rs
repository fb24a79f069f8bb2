//! The printed map as SVG, drawn without a window or GPU: the atlas features projected with
//! the map's Lambert conic (`crate::projection::Lcc`) into real vector paths (polygons,
//! lines, markers), text labels, the passage-count shading, and the frame (legend, scale bar,
//! projection note, attribution) from `map_frame`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use geo::{BoundingRect, Coord, Geometry};

use super::map_frame::{self, FOOTER_H, Legend};
use super::map_style::{DRAW_ORDER, Marker, Style, point_visible, style_of};
use super::{ExportError, clip};
use crate::atlas::{Feature, Kind};
use crate::palette::{Palette, Rgba, normalise, ramp};
use crate::projection::{Lcc, REGION_LAT, REGION_LON};

/// What part of the world the map shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum View {
    /// The region the window opens on.
    Region,
    /// A lon/lat box: west, south, east, north (degrees).
    BBox([f64; 4]),
    /// A feature (atlas index), framed with a margin and highlighted.
    Feature(usize),
    /// A box of the map's projected plane (km): min x, min y, max x, max y — what the window
    /// shows, exported as it is.
    World([f64; 4]),
}

/// Everything a map needs.
#[derive(Clone, Copy)]
pub struct MapRequest<'a> {
    pub features: &'a [Feature],
    pub width: u32,
    pub height: u32,
    pub view: View,
    pub dark: bool,
    /// Passage counts by atlas index: countries and regions are shaded by them.
    pub shade: Option<&'a BTreeMap<usize, usize>>,
    /// Which features may be drawn, by atlas index (the window's layer switches); `None`: all.
    pub layers: Option<&'a [bool]>,
    /// A feature highlighted without being framed (the window's selection).
    pub selected: Option<usize>,
}

/// Parse `WxH` (each 64–16384 pixels).
pub fn parse_size(s: &str) -> Result<(u32, u32), ExportError> {
    let bad = |reason: String| ExportError::MapOption {
        option: "--size",
        reason,
    };
    let (w, h) = s.trim().split_once(['x', 'X']).ok_or_else(|| {
        bad(format!(
            "`{}` is not WIDTHxHEIGHT (e.g. 1600x1000)",
            super::clip(s, 40)
        ))
    })?;
    let num = |v: &str| {
        v.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (64..=16384).contains(n))
            .ok_or_else(|| {
                bad(format!(
                    "`{}` is not a whole number of pixels from 64 to 16384",
                    super::clip(v, 20)
                ))
            })
    };
    Ok((num(w)?, num(h)?))
}

/// Parse `W,S,E,N` in degrees (west < east, south < north, within ±180/±85).
pub fn parse_bbox(s: &str) -> Result<[f64; 4], ExportError> {
    let bad = |reason: String| ExportError::MapOption {
        option: "--bbox",
        reason,
    };
    let v: Vec<f64> = s
        .split(',')
        .map(|p| p.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| {
            bad(format!(
                "`{}` is not four numbers W,S,E,N",
                super::clip(s, 60)
            ))
        })?;
    let [w, so, e, n] = v.as_slice() else {
        return Err(bad(format!(
            "`{}` has {} numbers, not four (W,S,E,N)",
            super::clip(s, 60),
            v.len()
        )));
    };
    let ok = v.iter().all(|x| x.is_finite())
        && (-180.0..=180.0).contains(w)
        && (-180.0..=180.0).contains(e)
        && (-85.0..=85.0).contains(so)
        && (-85.0..=85.0).contains(n)
        && w < e
        && so < n;
    if !ok {
        return Err(bad(format!(
            "`{}`: need west < east within ±180 and south < north within ±85",
            super::clip(s, 60)
        )));
    }
    Ok([*w, *so, *e, *n])
}

/// The projection and the affine from world kilometres to pixels.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub proj: Lcc,
    /// Pixels per projected kilometre.
    pub scale: f64,
    center: [f64; 2],
    /// The map area in pixels (the footer lies below it).
    pub width: f64,
    pub height: f64,
    /// World box shown: min x, min y, max x, max y.
    pub visible: [f64; 4],
}

impl Frame {
    /// Fit a lon/lat box into `width` × `height` pixels.
    pub fn fit(lon: (f64, f64), lat: (f64, f64), width: f64, height: f64) -> Frame {
        let proj = Lcc::region();
        let b = proj.project_box(lon, lat);
        Frame::fit_world(b, width, height)
    }

    /// Fit a box of the projected plane (km: min x, min y, max x, max y) into `width` ×
    /// `height` pixels.
    pub fn fit_world(b: [f64; 4], width: f64, height: f64) -> Frame {
        let proj = Lcc::region();
        let (dx, dy) = ((b[2] - b[0]).max(1.0), (b[3] - b[1]).max(1.0));
        let scale = (width / dx).min(height / dy);
        let center = [(b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0];
        let (hw, hh) = (width / 2.0 / scale, height / 2.0 / scale);
        Frame {
            proj,
            scale,
            center,
            width,
            height,
            visible: [
                center[0] - hw,
                center[1] - hh,
                center[0] + hw,
                center[1] + hh,
            ],
        }
    }

    /// Lon/lat to pixels.
    pub fn px(&self, lon: f64, lat: f64) -> (f64, f64) {
        let [x, y] = self.proj.forward(lon, lat);
        (
            self.width / 2.0 + (x - self.center[0]) * self.scale,
            self.height / 2.0 - (y - self.center[1]) * self.scale,
        )
    }

    /// Pixels to lon/lat.
    pub fn lonlat(&self, px: f64, py: f64) -> (f64, f64) {
        let x = self.center[0] + (px - self.width / 2.0) / self.scale;
        let y = self.center[1] - (py - self.height / 2.0) / self.scale;
        let [lon, lat] = self.proj.inverse(x, y);
        (lon, lat)
    }

    /// Whether a lon/lat box may show (its projected box meets the visible box, with a margin).
    fn may_show(&self, r: &geo::Rect<f64>) -> bool {
        let b = self
            .proj
            .project_box((r.min().x, r.max().x), (r.min().y, r.max().y));
        let m = (self.visible[2] - self.visible[0]) * 0.05;
        b[0] <= self.visible[2] + m
            && b[2] >= self.visible[0] - m
            && b[1] <= self.visible[3] + m
            && b[3] >= self.visible[1] - m
    }
}

/// A lon/lat box: (west, east), (south, north).
type LonLatBox = ((f64, f64), (f64, f64));

/// The lon/lat box a view shows (`World` views are fitted as they are).
fn view_box(req: &MapRequest) -> Result<LonLatBox, ExportError> {
    match req.view {
        View::World(_) => Err(ExportError::MapOption {
            option: "view",
            reason: "a projected box has no lon/lat box".into(),
        }),
        View::Region => Ok((REGION_LON, REGION_LAT)),
        View::BBox([w, s, e, n]) => Ok(((w, e), (s, n))),
        View::Feature(i) => {
            let r = req
                .features
                .get(i)
                .and_then(|f| f.geometry.bounding_rect())
                .ok_or_else(|| ExportError::MapOption {
                    option: "--select",
                    reason: "the feature has no geometry to frame".into(),
                })?;
            // A margin of a third of the size, and at least 4° across (a city is a point).
            let (cx, cy) = ((r.min().x + r.max().x) / 2.0, (r.min().y + r.max().y) / 2.0);
            let hw = ((r.max().x - r.min().x) * 0.66).max(2.0);
            let hh = ((r.max().y - r.min().y) * 0.66).max(1.5);
            Ok((
                ((cx - hw).max(-180.0), (cx + hw).min(180.0)),
                ((cy - hh).max(-85.0), (cy + hh).min(85.0)),
            ))
        }
    }
}

/// XML text and attribute escaping.
pub fn xml_escape(s: &str) -> String {
    super::cite::html_escape(s)
}

/// `fill="#rrggbb" fill-opacity=".."` (opacity left out when opaque).
pub(crate) fn paint(attr: &str, c: Rgba) -> String {
    if c.a() == 0 {
        return format!(" {attr}=\"none\"");
    }
    let mut s = format!(" {attr}=\"{}\"", c.hex());
    if c.a() < 255 {
        let _ = write!(s, " {attr}-opacity=\"{:.3}\"", c.opacity());
    }
    s
}

/// Polygons, lines and points of a geometry (lon/lat).
#[derive(Default)]
struct Parts {
    polygons: Vec<geo::Polygon<f64>>,
    lines: Vec<Vec<Coord<f64>>>,
    points: Vec<Coord<f64>>,
}

fn collect(g: &Geometry<f64>, out: &mut Parts) {
    match g {
        Geometry::Point(p) => out.points.push(p.0),
        Geometry::MultiPoint(ps) => out.points.extend(ps.iter().map(|p| p.0)),
        Geometry::Line(l) => out.lines.push(vec![l.start, l.end]),
        Geometry::LineString(l) => out.lines.push(l.0.clone()),
        Geometry::MultiLineString(ls) => out.lines.extend(ls.iter().map(|l| l.0.clone())),
        Geometry::Polygon(p) => out.polygons.push(p.clone()),
        Geometry::MultiPolygon(ps) => out.polygons.extend(ps.iter().cloned()),
        Geometry::Rect(r) => out.polygons.push(r.to_polygon()),
        Geometry::Triangle(t) => out.polygons.push(t.to_polygon()),
        Geometry::GeometryCollection(gs) => gs.iter().for_each(|g| collect(g, out)),
    }
}

/// Path data of one ring or line, in pixels: clipped to the map (with a margin, so the cut
/// seams stay out of sight); points closer than a third of a pixel to the last one kept are
/// dropped; one decimal.
fn path_of(frame: &Frame, pts: &[Coord<f64>], closed: bool, d: &mut String) {
    let px: Vec<(f64, f64)> = pts
        .iter()
        .map(|c| frame.px(c.x, c.y))
        .filter(|(x, y)| x.is_finite() && y.is_finite())
        .collect();
    let m = 24.0;
    let r = [-m, -m, frame.width + m, frame.height + m];
    if closed {
        let ring = clip::ring(&px, &r);
        if ring.len() >= 3 {
            push_run(&ring, true, d);
        }
    } else {
        for run in clip::polyline(&px, &r) {
            push_run(&run, false, d);
        }
    }
}

fn push_run(pts: &[(f64, f64)], closed: bool, d: &mut String) {
    let mut last: Option<(f64, f64)> = None;
    let n = pts.len();
    for (i, &(x, y)) in pts.iter().enumerate() {
        if let Some((lx, ly)) = last
            && i + 1 < n
            && (x - lx).abs() < 0.33
            && (y - ly).abs() < 0.33
        {
            continue;
        }
        let _ = write!(d, "{}{x:.1} {y:.1}", if last.is_none() { "M" } else { "L" });
        last = Some((x, y));
    }
    if closed && last.is_some() {
        d.push('Z');
    }
}

fn polygons_d(frame: &Frame, parts: &Parts) -> String {
    let mut d = String::new();
    for p in &parts.polygons {
        path_of(frame, &p.exterior().0, true, &mut d);
        for hole in p.interiors() {
            path_of(frame, &hole.0, true, &mut d);
        }
    }
    d
}

fn lines_d(frame: &Frame, parts: &Parts) -> String {
    let mut d = String::new();
    for l in &parts.lines {
        path_of(frame, l, false, &mut d);
    }
    d
}

fn dash_attr(dash: Option<(f32, f32)>) -> String {
    dash.map_or(String::new(), |(a, b)| {
        format!(" stroke-dasharray=\"{a} {b}\"")
    })
}

/// The markers of a point feature.
pub(crate) fn marker_at(out: &mut String, x: f64, y: f64, st: &Style) {
    let r = f64::from(st.radius);
    let w = f64::from(st.width);
    let ring = paint("fill", st.stroke);
    let fill = paint("fill", st.fill);
    match st.marker {
        Marker::Dot => {
            let _ = write!(
                out,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\"{ring}/>",
                r + w
            );
            let _ = write!(
                out,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\"{fill}/>"
            );
        }
        Marker::Capital => {
            let _ = write!(
                out,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\"{ring}/>",
                r + 1.5
            );
            let _ = write!(
                out,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"none\"{} stroke-width=\"1.3\"/>",
                paint("stroke", st.fill)
            );
            let _ = write!(
                out,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\"{fill}/>",
                r * 0.45
            );
        }
        Marker::Square => {
            let (o, i) = (r + w, r);
            let _ = write!(
                out,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"{ring}/>",
                x - o,
                y - o,
                2.0 * o,
                2.0 * o
            );
            let _ = write!(
                out,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"{fill}/>",
                x - i,
                y - i,
                2.0 * i,
                2.0 * i
            );
        }
        Marker::Diamond => {
            for (q, p) in [(r + w + 0.5, &ring), (r, &fill)] {
                let _ = write!(
                    out,
                    "<path d=\"M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z\"{p}/>",
                    y - q,
                    x + q,
                    y + q,
                    x - q
                );
            }
        }
    }
}

/// Render the map as an SVG document.
pub fn render_svg(req: &MapRequest) -> Result<String, ExportError> {
    let palette = Palette::for_dark_mode(req.dark);
    let (w, h) = (f64::from(req.width), f64::from(req.height));
    let map_h = (h - FOOTER_H).max(32.0);
    let frame = match req.view {
        View::World(b) => {
            let ok = b.iter().all(|v| v.is_finite()) && b[0] < b[2] && b[1] < b[3];
            if !ok {
                return Err(ExportError::MapOption {
                    option: "view",
                    reason: format!("the box {b:?} is empty or not finite"),
                });
            }
            Frame::fit_world(b, w, map_h)
        }
        _ => {
            let (lon, lat) = view_box(req)?;
            Frame::fit(lon, lat, w, map_h)
        }
    };
    let selected = match req.view {
        View::Feature(i) => Some(i),
        _ => req.selected,
    };
    let styles: Vec<Style> = req.features.iter().map(|f| style_of(f, &palette)).collect();
    let shown: Vec<bool> = req
        .features
        .iter()
        .enumerate()
        .map(|(i, f)| {
            req.layers
                .is_none_or(|on| on.get(i).copied().unwrap_or(true))
                && f.geometry
                    .bounding_rect()
                    .is_some_and(|r| frame.may_show(&r))
        })
        .collect();
    let shade_max = req.shade.map_or(0, |s| {
        s.iter()
            .filter(|(i, _)| {
                req.features
                    .get(**i)
                    .is_some_and(|f| matches!(f.kind, Kind::Country | Kind::Region))
            })
            .map(|(_, n)| *n)
            .max()
            .unwrap_or(0)
    });

    let mut defs = String::new();
    let mut hatches: Vec<Rgba> = Vec::new();
    let mut body = String::new();
    let mut legend = Legend::default();
    let _ = write!(
        body,
        "<rect id=\"background\" width=\"{w}\" height=\"{map_h}\"{}/>",
        paint("fill", palette.background)
    );
    body.push_str("<g id=\"map\" clip-path=\"url(#map-area)\" stroke-linejoin=\"round\" stroke-linecap=\"round\">");
    for kind in DRAW_ORDER {
        let _ = write!(body, "<g id=\"layer-{}\">", kind.as_str());
        for (i, f) in req.features.iter().enumerate() {
            if f.kind != kind || !shown.get(i).copied().unwrap_or(false) {
                continue;
            }
            let Some(st) = styles.get(i) else { continue };
            let mut parts = Parts::default();
            collect(&f.geometry, &mut parts);
            let id = xml_escape(&f.id);
            let title = format!("<title>{}</title>", xml_escape(&f.name));
            if !parts.polygons.is_empty() {
                let d = polygons_d(&frame, &parts);
                if d.is_empty() {
                    continue;
                }
                legend.note(f, st);
                let _ = write!(
                    body,
                    "<path id=\"f-{id}\" class=\"{}\" fill-rule=\"evenodd\" d=\"{d}\"{}{} stroke-width=\"{}\"{}>{title}</path>",
                    kind.as_str(),
                    paint("fill", st.fill),
                    paint("stroke", st.stroke),
                    st.width,
                    dash_attr(st.dash)
                );
                if let Some(hc) = st.hatch {
                    let n = hatches.iter().position(|c| *c == hc).unwrap_or_else(|| {
                        hatches.push(hc);
                        hatches.len() - 1
                    });
                    let _ = write!(
                        body,
                        "<path class=\"hatch\" fill-rule=\"evenodd\" d=\"{d}\" fill=\"url(#hatch-{n})\" stroke=\"none\"/>"
                    );
                }
                if let (Some(counts), true) =
                    (req.shade, matches!(kind, Kind::Country | Kind::Region))
                    && let Some(&n) = counts.get(&i)
                    && n > 0
                {
                    legend.shaded = true;
                    let c = ramp(normalise(n, shade_max));
                    let _ = write!(
                        body,
                        "<path class=\"shade\" data-passages=\"{n}\" fill-rule=\"evenodd\" d=\"{d}\"{} stroke=\"none\"><title>{}: {n} passage{}</title></path>",
                        paint("fill", c),
                        xml_escape(&f.name),
                        if n == 1 { "" } else { "s" }
                    );
                }
            }
            if !parts.lines.is_empty() {
                let d = lines_d(&frame, &parts);
                if d.is_empty() {
                    continue;
                }
                legend.note(f, st);
                if let Some((c, cw)) = st.casing {
                    let _ = write!(
                        body,
                        "<path class=\"casing\" d=\"{d}\" fill=\"none\"{} stroke-width=\"{cw}\"/>",
                        paint("stroke", c)
                    );
                }
                let _ = write!(
                    body,
                    "<path id=\"f-{id}\" class=\"{}\" d=\"{d}\" fill=\"none\"{} stroke-width=\"{}\"{}>{title}</path>",
                    kind.as_str(),
                    paint("stroke", st.stroke),
                    st.width,
                    dash_attr(st.dash)
                );
            }
            if !parts.points.is_empty() && point_visible(f, frame.scale) {
                legend.note(f, st);
                let _ = write!(body, "<g id=\"f-{id}\" class=\"{}\">{title}", kind.as_str());
                for c in &parts.points {
                    let (x, y) = frame.px(c.x, c.y);
                    marker_at(&mut body, x, y, st);
                }
                body.push_str("</g>");
            }
        }
        body.push_str("</g>");
        if kind == Kind::Water {
            map_frame::graticule(&mut body, &frame, &palette);
        }
    }
    if let Some(i) = selected
        && let Some(f) = req.features.get(i)
    {
        let mut parts = Parts::default();
        collect(&f.geometry, &mut parts);
        let c = palette.selected;
        let _ = write!(
            body,
            "<g id=\"selected\" data-feature=\"{}\">",
            xml_escape(&f.id)
        );
        let d = polygons_d(&frame, &parts);
        if !d.is_empty() {
            let _ = write!(
                body,
                "<path fill-rule=\"evenodd\" d=\"{d}\"{}{} stroke-width=\"2.5\"/>",
                paint("fill", c.faded(0.18)),
                paint("stroke", c)
            );
        }
        let d = lines_d(&frame, &parts);
        if !d.is_empty() {
            let _ = write!(
                body,
                "<path d=\"{d}\" fill=\"none\"{} stroke-width=\"7\"/>",
                paint("stroke", c.faded(0.45))
            );
        }
        for p in &parts.points {
            let (x, y) = frame.px(p.x, p.y);
            let r = styles.get(i).map_or(3.0, |s| s.radius) + 4.0;
            let _ = write!(
                body,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"none\"{} stroke-width=\"2.5\"/>",
                paint("stroke", c)
            );
        }
        body.push_str("</g>");
    }
    body.push_str("</g>");

    // Overlays first reserve their space, then labels avoid them.
    let mut overlay = String::new();
    let mut placed: Vec<[f64; 4]> = Vec::new();
    let legend_box = legend.draw(&mut overlay, &palette, w, map_h, shade_max);
    placed.extend(legend_box);
    placed.push(map_frame::scale_bar(&mut overlay, &frame, &palette));
    let mut labels = String::new();
    super::labels::place(
        &mut labels,
        req,
        &frame,
        &styles,
        &shown,
        &palette,
        selected,
        &mut placed,
    );
    map_frame::footer(&mut overlay, req.features, &shown, &palette, w, h, map_h);

    for (n, c) in hatches.iter().enumerate() {
        let _ = write!(
            defs,
            "<pattern id=\"hatch-{n}\" patternUnits=\"userSpaceOnUse\" width=\"7\" height=\"7\" patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"7\"{} stroke-width=\"1\"/></pattern>",
            paint("stroke", *c)
        );
    }
    let _ = write!(
        defs,
        "<clipPath id=\"map-area\"><rect width=\"{w}\" height=\"{map_h}\"/></clipPath>"
    );
    let mut svg = String::with_capacity(body.len() + labels.len() + overlay.len() + 1024);
    svg.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{}\">",
        map_frame::FONT_FAMILY
    );
    let what = selected.and_then(|i| req.features.get(i)).map_or_else(
        || "the South Caucasus, the Caspian and Central Asia".to_string(),
        |f| f.name.clone(),
    );
    let _ = write!(
        svg,
        "<title>Caspian Atlas: {}</title>\n<defs>{defs}</defs>\n{body}\n<g id=\"labels\">{labels}</g>\n{overlay}\n</svg>\n",
        xml_escape(&what)
    );
    Ok(svg)
}
