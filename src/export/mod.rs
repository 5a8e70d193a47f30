//! Step 6 of the pipeline: export — mentions as map features.
//!
//! Every writer streams: a mention is written as it comes and then dropped.
//! The per-place layer ([`places::PlaceAggregator`]) keeps one summary per
//! distinct place, so its memory grows with places, never with mentions.
//!
//! | module | format |
//! |---|---|
//! | [`geojson`] | RFC 7946 FeatureCollection, RFC 8142 GeoJSON text sequence |
//! | [`csv`] | RFC 4180 CSV with `lat`, `lon`, `WKT`, and a metadata side-car |
//! | [`gpkg`] | OGC GeoPackage 1.3 with `mentions` and `places` layers |
//! | [`html`] | a self-contained Leaflet map that works offline |

pub mod csv;
pub mod geojson;
pub mod gpkg;
pub mod html;
pub mod places;

use crate::gazetteer::{Gazetteer, GEONAMES_CREDIT};

/// What every export records about how it was made.
#[derive(Debug, Clone, PartialEq)]
pub struct Metadata {
    /// geomention's version.
    pub version: String,
    /// The gazetteer sources, in layer order.
    pub gazetteer: Vec<String>,
    /// Data credits (GeoNames CC BY 4.0).
    pub credit: String,
}

impl Metadata {
    /// Metadata for output made with `gaz`.
    pub fn for_gazetteer(gaz: &Gazetteer) -> Metadata {
        Metadata {
            version: env!("CARGO_PKG_VERSION").to_string(),
            gazetteer: gaz.sources(),
            credit: GEONAMES_CREDIT.to_string(),
        }
    }

    /// The metadata as a few lines of plain text (the CSV side-car and the
    /// GeoPackage's `gpkg_metadata` row).
    pub fn to_text(&self, contents: &str) -> String {
        let mut s = format!("Made with geomention {}\n", self.version);
        if !contents.is_empty() {
            s.push_str(contents);
            s.push('\n');
        }
        s.push_str("Coordinates: WGS 84 (EPSG:4326), longitude and latitude in degrees\n");
        s.push_str("Gazetteer sources:\n");
        for g in &self.gazetteer {
            s.push_str("  - ");
            s.push_str(g);
            s.push('\n');
        }
        s.push_str("Credit: ");
        s.push_str(&self.credit);
        s.push('\n');
        s
    }
}

/// The type of an attribute column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Text (UTF-8).
    Text,
    /// A whole number.
    Integer,
    /// A floating-point number.
    Real,
}

/// What one exported feature stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupBy {
    /// One feature per mention (default).
    #[default]
    Mention,
    /// One feature per resolved place, with counts.
    Place,
}

fn io_err<E: std::error::Error + Send + Sync + 'static>(e: E) -> std::io::Error {
    std::io::Error::other(e)
}

/// A text property: the text, or null when it is empty (QGIS shows NULL).
pub(crate) fn text_or_null(s: &str) -> serde_json::Value {
    if s.is_empty() {
        serde_json::Value::Null
    } else {
        serde_json::Value::String(s.to_string())
    }
}

/// The place columns that mention and place features share, in their
/// documented order: feature class and code, country, admin-1, population.
pub(crate) fn insert_place_columns(
    o: &mut serde_json::Map<String, serde_json::Value>,
    p: &crate::gazetteer::Place,
) {
    o.insert("feature_class".into(), text_or_null(&p.feature_class));
    o.insert("feature_code".into(), text_or_null(&p.feature_code));
    o.insert("country_code".into(), text_or_null(&p.country_code));
    o.insert("admin1".into(), text_or_null(&p.admin1));
    o.insert("population".into(), serde_json::json!(p.population));
}
