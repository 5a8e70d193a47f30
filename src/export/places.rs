//! The per-place layer: one feature per resolved place (by `place_id`) with
//! how often, in how many documents and by whom it is mentioned.
//!
//! Memory is bounded by the number of distinct places: each place keeps its
//! counts, its distinct sources and its first sentence, never its mentions.
//! Documents are counted as they come: the mentions of one document arrive
//! together (as [`crate::Tagger`] returns them), so a place remembers only the
//! last document that mentioned it.

use super::geojson::{metadata_member, place_geometry, GeometryMode};
use super::{FieldType, Metadata};
use crate::gazetteer::Place;
use crate::tagger::Mention;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::io::{self, Write};

/// The properties of a place feature, in order, with their types.
pub const PLACE_FIELDS: &[(&str, FieldType)] = &[
    ("place_id", FieldType::Text),
    ("name", FieldType::Text),
    ("feature_class", FieldType::Text),
    ("feature_code", FieldType::Text),
    ("country_code", FieldType::Text),
    ("admin1", FieldType::Text),
    ("population", FieldType::Integer),
    ("mention_count", FieldType::Integer),
    ("doc_count", FieldType::Integer),
    ("sources", FieldType::Text),
    ("first_sentence", FieldType::Text),
];

/// What is known about one place after the mentions so far.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceSummary {
    /// The place (without its alternate names).
    pub place: Place,
    /// How many mentions.
    pub mention_count: u64,
    /// In how many documents.
    pub doc_count: u64,
    /// Distinct non-empty `attribution` values, in order of first appearance.
    pub sources: Vec<String>,
    /// The sentence of the first mention.
    pub first_sentence: String,
    last_doc: u64,
}

/// Gathers mentions into one summary per place, in order of first mention.
#[derive(Debug, Default)]
pub struct PlaceAggregator {
    index: HashMap<String, usize>,
    places: Vec<PlaceSummary>,
    doc_seq: u64,
    last_doc_id: Option<String>,
}

impl PlaceAggregator {
    /// An empty aggregator.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts one mention; returns the index of its place in [`Self::places`].
    pub fn add(&mut self, m: &Mention) -> usize {
        if self.last_doc_id.as_deref() != Some(&*m.doc_id) {
            self.doc_seq += 1;
            self.last_doc_id = Some(m.doc_id.to_string());
        }
        let seq = self.doc_seq;
        let i = match self.index.get(&m.place.id) {
            Some(&i) => i,
            None => {
                let mut place = Place::clone(&m.place);
                place.alternate_names = Vec::new();
                self.places.push(PlaceSummary {
                    place,
                    mention_count: 0,
                    doc_count: 0,
                    sources: Vec::new(),
                    first_sentence: m.sentence.to_string(),
                    last_doc: 0,
                });
                self.index.insert(m.place.id.clone(), self.places.len() - 1);
                self.places.len() - 1
            }
        };
        let s = &mut self.places[i];
        s.mention_count += 1;
        if s.last_doc != seq {
            s.last_doc = seq;
            s.doc_count += 1;
        }
        if let Some(src) = m.attribution.source.as_deref() {
            let src = src.trim();
            if !src.is_empty() && !s.sources.iter().any(|x| x == src) {
                s.sources.push(src.to_string());
            }
        }
        i
    }

    /// The places, in order of first mention.
    pub fn places(&self) -> &[PlaceSummary] {
        &self.places
    }

    /// The number of distinct places.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// True before the first mention.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }
}

/// The flat properties of a place feature, in the order of [`PLACE_FIELDS`].
pub fn place_properties(s: &PlaceSummary) -> Map<String, Value> {
    let p = &s.place;
    let mut o = Map::new();
    o.insert("place_id".into(), json!(p.id));
    o.insert("name".into(), json!(p.name));
    super::insert_place_columns(&mut o, p);
    o.insert("mention_count".into(), json!(s.mention_count));
    o.insert("doc_count".into(), json!(s.doc_count));
    o.insert(
        "sources".into(),
        if s.sources.is_empty() {
            Value::Null
        } else {
            json!(s.sources.join("; "))
        },
    );
    o.insert("first_sentence".into(), json!(s.first_sentence));
    o
}

/// One GeoJSON Feature for a place (`id` = the place id).
pub fn place_feature(s: &PlaceSummary, mode: GeometryMode) -> Value {
    json!({
        "type": "Feature",
        "id": s.place.id,
        "geometry": place_geometry(&s.place, mode),
        "properties": Value::Object(place_properties(s)),
    })
}

/// Writes the places as one FeatureCollection (with the `geomention` member).
pub fn write_geojson<W: Write + ?Sized>(
    w: &mut W,
    places: &[PlaceSummary],
    meta: &Metadata,
    mode: GeometryMode,
) -> io::Result<()> {
    write!(
        w,
        "{{\"type\":\"FeatureCollection\",\"geomention\":{},\"features\":[",
        metadata_member(meta)
    )?;
    for (i, s) in places.iter().enumerate() {
        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *w, &place_feature(s, mode))?;
    }
    w.write_all(b"\n]}\n")?;
    w.flush()
}

/// Writes the places as an RFC 8142 GeoJSON text sequence.
pub fn write_sequence<W: Write + ?Sized>(
    w: &mut W,
    places: &[PlaceSummary],
    mode: GeometryMode,
) -> io::Result<()> {
    for s in places {
        w.write_all(b"\x1e")?;
        serde_json::to_writer(&mut *w, &place_feature(s, mode))?;
        w.write_all(b"\n")?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Gazetteer, Tagger};

    #[test]
    fn counts_mentions_documents_and_sources() {
        let t = Tagger::new(Gazetteer::embedded().unwrap());
        let mut agg = PlaceAggregator::new();
        for (id, text) in [
            (
                "a",
                "Clashes in Mosul. Police in Mosul said roads were closed.",
            ),
            ("b", "Talks in Mosul and Basra."),
        ] {
            for m in t.tag(id, text) {
                agg.add(&m);
            }
        }
        let mosul = &agg.places()[0];
        assert_eq!(mosul.place.name, "Mosul");
        assert_eq!(mosul.mention_count, 3);
        assert_eq!(mosul.doc_count, 2);
        assert_eq!(mosul.first_sentence, "Clashes in Mosul.");
        assert_eq!(agg.len(), 2);
        let keys: Vec<String> = place_properties(mosul).keys().cloned().collect();
        assert_eq!(
            keys,
            PLACE_FIELDS
                .iter()
                .map(|f| f.0.to_string())
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn sources_are_distinct_non_empty_and_in_order() {
        let t = Tagger::new(Gazetteer::embedded().unwrap());
        let m = t.tag("a", "Clashes in Mosul.").remove(0);
        let mut agg = PlaceAggregator::new();
        for src in [Some("B"), None, Some(""), Some("A"), Some("B"), Some(" A ")] {
            let mut x = m.clone();
            std::sync::Arc::make_mut(&mut x.attribution).source = src.map(String::from);
            agg.add(&x);
        }
        let s = &agg.places()[0];
        assert_eq!(s.mention_count, 6);
        assert_eq!(s.doc_count, 1);
        assert_eq!(place_properties(s)["sources"], "B; A");
    }
}
