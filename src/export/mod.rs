//! Step 6 of the pipeline: export — mentions as map features.

pub mod geojson;

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
}
