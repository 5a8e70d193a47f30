//! # geomention
//!
//! Finds every place a news text mentions, resolves it with a gazetteer, and
//! exports map features that say where, in which sentence, and according to
//! whom.
//!
//! The pipeline follows the modules: [`gazetteer`] → [`text`] (sentences,
//! tokens) → [`spotting`] → [`resolution`] → [`attribution`] → [`export`].
//! [`Tagger`] runs it for one document.
//!
//! ```
//! use geomention::{Gazetteer, Tagger};
//!
//! let tagger = Tagger::new(Gazetteer::embedded()?);
//! let text = "Clashes were reported in Samarra and Karbala, officials said.";
//! for m in tagger.tag("report-1", text) {
//!     println!("{} → {} ({}, {:.3} {:.3})", m.surface, m.place.name,
//!              m.place.country_code, m.place.lat, m.place.lon);
//! }
//! # Ok::<(), geomention::Error>(())
//! ```
//!
//! Add your own places from a CSV file (`name,lat,lon` plus optional columns):
//!
//! ```
//! use geomention::{Gazetteer, Place, Tagger};
//!
//! let mut gaz = Gazetteer::embedded()?;
//! gaz.add_places(&[Place {
//!     id: "mine:1".into(), name: "Arab Jabour".into(),
//!     lat: 33.20, lon: 44.43, feature_code: "PPL".into(), feature_class: "P".into(),
//!     country_code: "IQ".into(), ..Place::default()
//! }], "my places")?;
//! let m = Tagger::new(gaz).tag("d", "Militias entered Arab Jabour.");
//! assert_eq!(m[0].place.id, "mine:1");
//! # Ok::<(), geomention::Error>(())
//! ```
#![deny(missing_docs)]

pub mod attribution;
pub mod document;
pub mod error;
pub mod eval;
pub mod export;
pub mod gazetteer;
pub mod geo;
pub mod input;
pub mod normalize;
pub mod resolution;
pub mod spotting;
pub mod tagger;
#[cfg(test)]
mod test_support;
pub mod text;

pub use document::Document;
pub use error::{Error, Result};
pub use gazetteer::{Gazetteer, Place};
pub use tagger::{Mention, Options, Tagger};
