//! The gazetteer's record of one place.
//!
//! This file is also compiled into `build.rs`, so it depends on nothing in
//! the crate.

/// One place of a gazetteer: a GeoNames row, a row of a user's CSV, or a
/// country or province of the embedded default.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Place {
    /// Stable id, `SOURCE:ID` (`geonames:98182`).
    pub id: String,
    /// Preferred name (`Baghdad`, `Diyālá`).
    pub name: String,
    /// ASCII form of the name (may be empty).
    pub ascii_name: String,
    /// Alternate names (spellings, other languages, abbreviations).
    pub alternate_names: Vec<String>,
    /// Latitude, WGS 84 degrees.
    pub lat: f64,
    /// Longitude, WGS 84 degrees.
    pub lon: f64,
    /// GeoNames feature class (`P`, `A`, `H`, `L`, `T`, `S`, `R`, `U`, `V`),
    /// empty when unknown.
    pub feature_class: String,
    /// GeoNames feature code (`PPLC`, `ADM1`, `PCLI`), empty when unknown.
    pub feature_code: String,
    /// ISO 3166-1 alpha-2 country code, empty when unknown.
    pub country_code: String,
    /// First-level division code (`10`), empty when unknown.
    pub admin1_code: String,
    /// First-level division name (`Diyala`), empty when unknown.
    pub admin1: String,
    /// Population, 0 when unknown.
    pub population: u64,
    /// Ids of the same place in other sources (same name within 1 km),
    /// merged into this one at lookup.
    pub same_as: Vec<String>,
}

impl Place {
    /// True for independent and dependent political entities (countries).
    pub fn is_country(&self) -> bool {
        self.feature_code.starts_with("PCL") || self.feature_code == "TERR"
    }

    /// True for first-level divisions (states, provinces, governorates).
    pub fn is_admin1(&self) -> bool {
        self.feature_code == "ADM1"
    }

    /// True for populated places (feature class `P`).
    pub fn is_populated_place(&self) -> bool {
        self.feature_class == "P"
    }

    /// Every name of the place: preferred, ASCII and alternates.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(std::iter::once(self.ascii_name.as_str()))
            .chain(self.alternate_names.iter().map(String::as_str))
            .filter(|n| !n.is_empty())
    }
}
