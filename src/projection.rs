//! The map projection: a Lambert conformal conic on a sphere, fitted to the region
//! (standard parallels 30°N and 50°N, central meridian 58°E). World units are kilometres,
//! x east, y north.

use serde::{Deserialize, Serialize};

/// Mean Earth radius in kilometres (IUGG).
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// The region the map opens on (lon/lat box): the South Caucasus, the Caspian and Central Asia.
pub const REGION_LON: (f64, f64) = (25.0, 90.0);
pub const REGION_LAT: (f64, f64) = (30.0, 56.0);

/// Lambert conformal conic, spherical form (Snyder, *Map Projections — A Working Manual*, §15).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Lcc {
    /// Central meridian, degrees.
    pub lon0: f64,
    /// Latitude of origin, degrees.
    pub lat0: f64,
    n: f64,
    f: f64,
    rho0: f64,
}

impl Default for Lcc {
    fn default() -> Self {
        Lcc::region()
    }
}

fn t(phi: f64) -> f64 {
    (std::f64::consts::FRAC_PI_4 + phi / 2.0).tan()
}

impl Lcc {
    /// A conic with two standard parallels (degrees, different, same hemisphere).
    pub fn new(lat1: f64, lat2: f64, lon0: f64, lat0: f64) -> Lcc {
        let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
        let n = if (lat1 - lat2).abs() < 1e-9 {
            p1.sin()
        } else {
            (p1.cos() / p2.cos()).ln() / (t(p2) / t(p1)).ln()
        };
        let f = p1.cos() * t(p1).powf(n) / n;
        let rho0 = EARTH_RADIUS_KM * f / t(lat0.to_radians()).powf(n);
        Lcc {
            lon0,
            lat0,
            n,
            f,
            rho0,
        }
    }

    /// The projection used by the map: 30°N / 50°N, central meridian 58°E, origin 43°N.
    pub fn region() -> Lcc {
        Lcc::new(30.0, 50.0, 58.0, 43.0)
    }

    /// The cone constant.
    pub fn cone(&self) -> f64 {
        self.n
    }

    /// Lon/lat degrees to world kilometres (x east, y north).
    pub fn forward(&self, lon: f64, lat: f64) -> [f64; 2] {
        // Clamp away from the poles, where the conic is singular.
        let lat = lat.clamp(-89.5, 89.5);
        let mut dlon = lon - self.lon0;
        if dlon > 180.0 {
            dlon -= 360.0;
        } else if dlon < -180.0 {
            dlon += 360.0;
        }
        let rho = EARTH_RADIUS_KM * self.f / t(lat.to_radians()).powf(self.n);
        let theta = self.n * dlon.to_radians();
        [rho * theta.sin(), self.rho0 - rho * theta.cos()]
    }

    /// World kilometres back to lon/lat degrees.
    pub fn inverse(&self, x: f64, y: f64) -> [f64; 2] {
        let dy = self.rho0 - y;
        let rho = self.n.signum() * (x * x + dy * dy).sqrt();
        let theta = if self.n >= 0.0 {
            x.atan2(dy)
        } else {
            (-x).atan2(-dy)
        };
        let lat = if rho.abs() < 1e-12 {
            90.0 * self.n.signum()
        } else {
            (2.0 * (EARTH_RADIUS_KM * self.f / rho).powf(1.0 / self.n).atan()
                - std::f64::consts::FRAC_PI_2)
                .to_degrees()
        };
        [self.lon0 + (theta / self.n).to_degrees(), lat]
    }

    /// The scale factor along parallels and meridians at a latitude (1 on the standard parallels).
    pub fn scale_factor(&self, lat: f64) -> f64 {
        let phi = lat.to_radians();
        let rho = EARTH_RADIUS_KM * self.f / t(phi).powf(self.n);
        rho * self.n / (EARTH_RADIUS_KM * phi.cos())
    }

    /// World-space bounding box `[min_x, min_y, max_x, max_y]` of a lon/lat box, sampled along its edges
    /// (parallels project to arcs, so the corners alone are not enough).
    pub fn project_box(&self, lon: (f64, f64), lat: (f64, f64)) -> [f64; 4] {
        let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
        let steps = 32;
        for i in 0..=steps {
            let s = f64::from(i) / f64::from(steps);
            let lo = lon.0 + (lon.1 - lon.0) * s;
            let la = lat.0 + (lat.1 - lat.0) * s;
            for p in [
                self.forward(lo, lat.0),
                self.forward(lo, lat.1),
                self.forward(lon.0, la),
                self.forward(lon.1, la),
            ] {
                b[0] = b[0].min(p[0]);
                b[1] = b[1].min(p[1]);
                b[2] = b[2].max(p[0]);
                b[3] = b[3].max(p[1]);
            }
        }
        // Parallels bulge away from the apex: their extreme lies on the central meridian.
        if lon.0 <= self.lon0 && self.lon0 <= lon.1 {
            for la in [lat.0, lat.1] {
                let p = self.forward(self.lon0, la);
                b[1] = b[1].min(p[1]);
                b[3] = b[3].max(p[1]);
            }
        }
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_maps_to_zero() {
        let p = Lcc::region();
        let [x, y] = p.forward(58.0, 43.0);
        assert!(x.abs() < 1e-9 && y.abs() < 1e-9, "{x} {y}");
    }

    #[test]
    fn round_trip_over_the_region() {
        let p = Lcc::region();
        let mut lon = 20.0;
        while lon <= 95.0 {
            let mut lat = 20.0;
            while lat <= 60.0 {
                let [x, y] = p.forward(lon, lat);
                let [lo, la] = p.inverse(x, y);
                assert!((lo - lon).abs() < 1e-9, "{lon} {lat} -> {lo}");
                assert!((la - lat).abs() < 1e-9, "{lon} {lat} -> {la}");
                lat += 2.5;
            }
            lon += 2.5;
        }
    }

    #[test]
    fn true_scale_on_standard_parallels() {
        let p = Lcc::region();
        assert!((p.scale_factor(30.0) - 1.0).abs() < 1e-9);
        assert!((p.scale_factor(50.0) - 1.0).abs() < 1e-9);
        // Between the standard parallels the conic shrinks, outside it stretches.
        assert!(p.scale_factor(40.0) < 1.0);
        assert!(p.scale_factor(60.0) > 1.0);
    }

    #[test]
    fn distance_along_a_standard_parallel_is_true() {
        // One degree of longitude on 50°N is 2πR·cos50°/360 on the sphere; the conic keeps it.
        let p = Lcc::region();
        let a = p.forward(58.0, 50.0);
        let b = p.forward(59.0, 50.0);
        let chord = ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt();
        let arc = 2.0 * std::f64::consts::PI * EARTH_RADIUS_KM * 50f64.to_radians().cos() / 360.0;
        assert!((chord - arc).abs() < 0.01, "{chord} vs {arc}");
    }

    #[test]
    fn known_points_are_placed_sensibly() {
        let p = Lcc::region();
        let baku = p.forward(49.87, 40.41);
        let tashkent = p.forward(69.24, 41.30);
        // Baku is west of the central meridian, Tashkent east; both near the origin latitude.
        assert!(baku[0] < 0.0 && tashkent[0] > 0.0);
        // Great-circle distance Baku–Tashkent is about 1,630 km; a conformal conic is within ~1%.
        let d = ((baku[0] - tashkent[0]).powi(2) + (baku[1] - tashkent[1]).powi(2)).sqrt();
        assert!((d - 1630.0).abs() < 30.0, "{d}");
        // Meridians converge northward: the central meridian is vertical, others lean towards it.
        let s = p.forward(70.0, 30.0);
        let n = p.forward(70.0, 56.0);
        assert!(n[0] < s[0]);
    }

    #[test]
    fn region_box_contains_its_corners() {
        let p = Lcc::region();
        let b = p.project_box(REGION_LON, REGION_LAT);
        for (lo, la) in [(25.0, 30.0), (90.0, 56.0), (58.0, 30.0), (58.0, 56.0)] {
            let [x, y] = p.forward(lo, la);
            assert!(x >= b[0] - 1e-6 && x <= b[2] + 1e-6 && y >= b[1] - 1e-6 && y <= b[3] + 1e-6);
        }
    }
}
