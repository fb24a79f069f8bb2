//! The base map as one texture: rasterised on the CPU ([`super::raster`]) once per view and
//! reused while only hover, selection, labels or panels change; while the view moves the last
//! texture is shown shifted and scaled to the new view and the next one is rasterised on a
//! thread of its own. What the base map depends on is its [`BaseKey`].

use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use egui::{Color32, ColorImage, Context, Painter, Pos2, Rect, TextureHandle, TextureOptions};

use super::raster::{Scene, pixel};
use super::view::View;
use super::widget::Layers;

/// Room drawn around the map on every side (points), so that a pan shows no empty edge before
/// the next texture is ready.
pub const MARGIN: f32 = 96.0;

/// What the base map's pixels depend on.
#[derive(Debug, Clone, PartialEq)]
pub struct BaseKey {
    pub center: [f64; 2],
    pub scale: f64,
    pub rect: Rect,
    pub pixels_per_point: f32,
    pub layers: Layers,
    pub dark: bool,
    pub features: usize,
    /// A hash of the shading ("passages on the map") fills.
    pub shade: u64,
}

impl BaseKey {
    /// Whether a texture drawn for `self` may stand in for `other`, moved and scaled: the same
    /// content (layers, theme, data, shading, pixel density), only the view or the map's
    /// rectangle differ.
    pub fn same_content(&self, other: &BaseKey) -> bool {
        self.pixels_per_point == other.pixels_per_point
            && self.layers == other.layers
            && self.dark == other.dark
            && self.features == other.features
            && self.shade == other.shade
    }

    fn view(&self) -> View {
        let mut v = View::default();
        v.jump_to(self.center, self.scale);
        v
    }
}

/// A rasterised base map on screen.
struct Shown {
    key: BaseKey,
    /// Where the image lies (points) for the view and map rectangle of `key`.
    at: Rect,
    image: Arc<ColorImage>,
    texture: TextureHandle,
}

type Job = (u64, BaseKey, Rect, Scene, Color32, Context);
type Done = (u64, BaseKey, Rect, Option<Arc<ColorImage>>);

/// The rasteriser thread: scenes in, images out (it asks for a repaint when one is ready).
struct Worker {
    jobs: Sender<Job>,
    done: Receiver<Done>,
}

impl Worker {
    fn spawn() -> Option<Worker> {
        let (jobs, rx) = channel::<Job>();
        let (tx, done) = channel::<Done>();
        std::thread::Builder::new()
            .name("map-raster".into())
            .spawn(move || {
                // Only the newest scene matters: older ones waiting behind it are skipped.
                while let Ok(mut job) = rx.recv() {
                    while let Ok(newer) = rx.try_recv() {
                        job = newer;
                    }
                    let (seq, key, at, scene, background, ctx) = job;
                    let image = scene.paint(background);
                    if tx.send((seq, key, at, image)).is_err() {
                        break;
                    }
                    ctx.request_repaint();
                }
            })
            .ok()?;
        Some(Worker { jobs, done })
    }
}

/// The base map's texture and its rasteriser thread.
#[derive(Default)]
pub struct BaseLayer {
    shown: Option<Shown>,
    worker: Option<Worker>,
    /// The key of a scene sent to the thread and not yet back.
    pending: Option<BaseKey>,
    /// Images rasterised and shown so far.
    painted: u64,
    /// Scenes numbered in the order they were recorded, and the number of the one shown: an
    /// image from the thread older than what is shown is dropped.
    next_seq: u64,
    shown_seq: u64,
}

impl Clone for BaseLayer {
    /// A copy starts without a texture (it is drawn again on its first frame).
    fn clone(&self) -> Self {
        BaseLayer::default()
    }
}

impl std::fmt::Debug for BaseLayer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BaseLayer")
            .field("shown", &self.shown.as_ref().map(|s| &s.key))
            .field("pending", &self.pending)
            .finish()
    }
}

/// What the map should do for the base map this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    /// The texture shows this very view: draw it.
    Reuse,
    /// Only the view moved: show the last texture moved and rasterise the new view on the
    /// thread (`send` when it is idle).
    Reproject { send: bool },
    /// Nothing usable (first frame, or layers, theme or shading changed): rasterise now.
    Now,
}

impl BaseLayer {
    /// Take in a finished image from the thread (uploaded as the texture).
    pub fn poll(&mut self, ctx: &Context) {
        let done: Vec<Done> = match &self.worker {
            Some(w) => w.done.try_iter().collect(),
            None => return,
        };
        for (seq, key, at, image) in done {
            if self.pending.as_ref() == Some(&key) {
                self.pending = None;
            }
            // An image older than the one shown, or of content that changed since, is of no use.
            let usable = seq > self.shown_seq
                && self.shown.as_ref().is_none_or(|s| s.key.same_content(&key));
            if let (Some(image), true) = (image, usable) {
                self.shown_seq = seq;
                self.show(ctx, key, at, image);
            }
        }
    }

    /// What to do for a frame whose base map is `key`. While the view moves, the texture on
    /// screen is reused, moved and scaled, until it is about to stop covering the map (less than
    /// half its margin left on a side) or its scale is off by more than a fifth: only then is
    /// the next view rasterised. A pan then costs one raster every few dozen points instead of
    /// one a frame, which under software rendering leaves the cores to the frames.
    pub fn plan(&self, key: &BaseKey) -> Plan {
        match &self.shown {
            Some(s) if s.key == *key => Plan::Reuse,
            Some(s) if s.key.same_content(key) => {
                let ratio = key.scale / s.key.scale;
                let covered = self
                    .placed(key)
                    .is_some_and(|at| at.shrink(MARGIN / 2.0).contains_rect(key.rect));
                let stale = !covered || !(0.8..=1.25).contains(&ratio);
                Plan::Reproject {
                    send: self.pending.is_none() && stale,
                }
            }
            _ => Plan::Now,
        }
    }

    /// Rasterise a scene on the UI thread and show it.
    pub fn paint_now(&mut self, ctx: &Context, key: BaseKey, scene: Scene, background: Color32) {
        let at = scene.image_rect();
        self.next_seq += 1;
        if let Some(image) = scene.paint(background) {
            self.shown_seq = self.next_seq;
            self.show(ctx, key, at, image);
        }
    }

    /// Send a scene to the rasteriser thread (started on first use); rasterised here when the
    /// thread cannot be started.
    pub fn send(&mut self, ctx: &Context, key: BaseKey, scene: Scene, background: Color32) {
        if self.worker.is_none() {
            self.worker = Worker::spawn();
        }
        let Some(w) = &self.worker else {
            self.paint_now(ctx, key, scene, background);
            return;
        };
        let at = scene.image_rect();
        self.next_seq += 1;
        match w.jobs.send((
            self.next_seq,
            key.clone(),
            at,
            scene,
            background,
            ctx.clone(),
        )) {
            Ok(()) => self.pending = Some(key),
            Err(e) => {
                self.worker = None;
                let (_, key, _, scene, background, ctx) = e.0;
                self.paint_now(&ctx, key, scene, background);
            }
        }
    }

    /// Whether a scene is on the thread.
    pub fn is_pending(&self) -> bool {
        self.pending.is_some()
    }

    fn show(&mut self, ctx: &Context, key: BaseKey, at: Rect, image: Arc<ColorImage>) {
        self.painted += 1;
        let data = egui::ImageData::Color(image.clone());
        match &mut self.shown {
            Some(s) if s.image.size == image.size => {
                s.texture.set(data, TextureOptions::LINEAR);
                s.key = key;
                s.at = at;
                s.image = image;
            }
            _ => {
                let texture =
                    ctx.load_texture("caspian-atlas/base-map", data, TextureOptions::LINEAR);
                self.shown = Some(Shown {
                    key,
                    at,
                    image,
                    texture,
                });
            }
        }
    }

    /// Where the texture goes on screen for the view and map rectangle of `key`.
    fn placed(&self, key: &BaseKey) -> Option<Rect> {
        let s = self.shown.as_ref()?;
        if s.key == *key {
            return Some(s.at);
        }
        let (from, to) = (s.key.view(), key.view());
        let corner = |p: Pos2| to.to_screen(key.rect, from.to_world(s.key.rect, p));
        Some(Rect::from_two_pos(corner(s.at.min), corner(s.at.max)))
    }

    /// Paint the texture for `key` (moved and scaled if it was drawn for another view), over
    /// `background` where it does not reach.
    pub fn paint(&self, painter: &Painter, key: &BaseKey, background: Color32) {
        let (Some(s), Some(at)) = (&self.shown, self.placed(key)) else {
            return;
        };
        if !at.contains_rect(key.rect) {
            painter.rect_filled(key.rect, 0.0, background);
        }
        let uv = Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0));
        painter.image(s.texture.id(), at, uv, Color32::WHITE);
    }

    /// The colour of the base map under a screen point of the view `key`.
    pub fn color_at(&self, key: &BaseKey, p: Pos2) -> Option<Color32> {
        let s = self.shown.as_ref()?;
        let at = self.placed(key)?;
        let [w, h] = s.image.size;
        let u = (p.x - at.min.x) / at.width();
        let v = (p.y - at.min.y) / at.height();
        if !(0.0..1.0).contains(&u) || !(0.0..1.0).contains(&v) {
            return None;
        }
        pixel(&s.image, (u * w as f32) as usize, (v * h as f32) as usize)
    }

    /// How many images were rasterised and shown so far.
    pub fn painted(&self) -> u64 {
        self.painted
    }

    /// The key of the texture on screen.
    pub fn shown_key(&self) -> Option<&BaseKey> {
        self.shown.as_ref().map(|s| &s.key)
    }
}
