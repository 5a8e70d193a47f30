//! Small geodesy helpers.

/// Mean Earth radius in km (IUGG), as used by the evaluation scripts.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle (haversine) distance in km between two points in degrees.
///
/// ```
/// let d = geomention::geo::haversine_km(33.34, 44.40, 34.20, 43.89);
/// assert!((d - 106.0).abs() < 2.0);
/// ```
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.clamp(0.0, 1.0).sqrt().asin()
}
