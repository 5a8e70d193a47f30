//! GeoJSON (RFC 7946): a `FeatureCollection` of Point features, written
//! incrementally so that memory does not grow with the number of mentions.

use super::{FieldType, Metadata};
use crate::gazetteer::Place;
use crate::tagger::Mention;
use serde_json::{json, Map, Value};
use std::io::{self, Write};

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// The names of [`properties`], in order, with their types (the CSV columns
/// and the GeoPackage `mentions` layer follow this list).
pub const PROPERTY_FIELDS: &[(&str, FieldType)] = &[
    ("doc_id", FieldType::Text),
    ("name", FieldType::Text),
    ("mention", FieldType::Text),
    ("start", FieldType::Integer),
    ("end", FieldType::Integer),
    ("sentence", FieldType::Text),
    ("sentence_start", FieldType::Integer),
    ("sentence_end", FieldType::Integer),
    ("place_id", FieldType::Text),
    ("feature_class", FieldType::Text),
    ("feature_code", FieldType::Text),
    ("country_code", FieldType::Text),
    ("admin1", FieldType::Text),
    ("population", FieldType::Integer),
    ("match", FieldType::Text),
    ("similarity", FieldType::Real),
    ("confidence", FieldType::Real),
    ("alternatives", FieldType::Text),
    ("attribution", FieldType::Text),
    ("attribution_text", FieldType::Text),
    ("attribution_cue", FieldType::Text),
    ("attribution_kind", FieldType::Text),
    ("attribution_chain", FieldType::Text),
];

/// The flat properties of a mention, in the documented order.
pub fn properties(m: &Mention) -> Map<String, Value> {
    let p = &m.place;
    let a = &m.attribution;
    let mut o = Map::new();
    o.insert("doc_id".into(), json!(m.doc_id));
    o.insert("name".into(), json!(p.name));
    o.insert("mention".into(), json!(m.surface));
    o.insert("start".into(), json!(m.start));
    o.insert("end".into(), json!(m.end));
    o.insert("sentence".into(), json!(m.sentence));
    o.insert("sentence_start".into(), json!(m.sentence_start));
    o.insert("sentence_end".into(), json!(m.sentence_end));
    o.insert("place_id".into(), json!(p.id));
    super::insert_place_columns(&mut o, p);
    o.insert("match".into(), json!(m.match_kind.as_str()));
    o.insert(
        "similarity".into(),
        json!((m.similarity * 1000.0).round() / 1000.0),
    );
    o.insert(
        "confidence".into(),
        json!((m.confidence * 1000.0).round() / 1000.0),
    );
    o.insert("alternatives".into(), alternatives_text(m));
    o.insert("attribution".into(), json!(a.source));
    o.insert("attribution_text".into(), json!(a.text));
    o.insert("attribution_cue".into(), json!(a.cue));
    o.insert("attribution_kind".into(), json!(a.kind.map(|k| k.as_str())));
    o.insert(
        "attribution_chain".into(),
        if a.chain.is_empty() {
            Value::Null
        } else {
            json!(a.chain.join(" > "))
        },
    );
    o
}

/// The runners-up of a mention in one string for QGIS:
/// `name (country, feature code) score; …`, or null when there are none.
///
/// ```
/// use geomention::{Gazetteer, Tagger};
/// let tagger = Tagger::new(Gazetteer::embedded().unwrap());
/// let m = &tagger.tag("doc", "Police in Paris said.")[0];
/// let alts = geomention::export::geojson::alternatives_text(m);
/// assert!(alts.as_str().unwrap().contains("(US, "));
/// ```
pub fn alternatives_text(m: &Mention) -> Value {
    if m.alternatives.is_empty() {
        return Value::Null;
    }
    let parts: Vec<String> = m
        .alternatives
        .iter()
        .map(|a| {
            let p = &a.place;
            let cc = if p.country_code.is_empty() {
                "-"
            } else {
                p.country_code.as_str()
            };
            format!("{} ({}, {}) {:.3}", p.name, cc, p.feature_code, a.score)
        })
        .collect();
    json!(parts.join("; "))
}

/// Which geometry features carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GeometryMode {
    /// The place's point.
    #[default]
    Point,
    /// The outline of a country, province or county where the embedded
    /// default has one, else the point.
    Shape,
}

/// The geometry of a mention's place.
pub fn geometry(m: &Mention, mode: GeometryMode) -> Value {
    place_geometry(&m.place, mode)
}

/// The geometry of a place: its point, or its outline in [`GeometryMode::Shape`]
/// where the embedded default has one.
pub fn place_geometry(place: &Place, mode: GeometryMode) -> Value {
    if mode == GeometryMode::Shape {
        let shape = crate::gazetteer::shape(&place.id).or_else(|| {
            place
                .same_as
                .iter()
                .find_map(|id| crate::gazetteer::shape(id))
        });
        if let Some(v) = shape.and_then(|t| serde_json::from_str::<Value>(t).ok()) {
            return v;
        }
    }
    json!({"type": "Point", "coordinates": [round6(place.lon), round6(place.lat)]})
}

/// A coordinate rounded to 6 decimals (about 0.1 m), as every export writes it.
pub fn round_coord(x: f64) -> f64 {
    round6(x)
}

/// One GeoJSON Feature for a mention (with its point).
pub fn feature(m: &Mention) -> Value {
    feature_with(m, GeometryMode::Point)
}

/// One GeoJSON Feature for a mention, with the chosen geometry.
pub fn feature_with(m: &Mention, mode: GeometryMode) -> Value {
    json!({
        "type": "Feature",
        "id": format!("{}:{}", m.doc_id, m.n),
        "geometry": geometry(m, mode),
        "properties": Value::Object(properties(m)),
    })
}

/// The `geomention` foreign member of a collection.
pub fn metadata_member(meta: &Metadata) -> Value {
    json!({
        "version": meta.version,
        "gazetteer": meta.gazetteer,
        "credit": meta.credit,
    })
}

/// Writes one RFC 8142 record: the record separator (0x1E), the feature, a
/// line feed.
pub fn write_sequence_record<W: Write + ?Sized>(
    w: &mut W,
    m: &Mention,
    mode: GeometryMode,
) -> io::Result<()> {
    w.write_all(b"\x1e")?;
    serde_json::to_writer(&mut *w, &feature_with(m, mode))?;
    w.write_all(b"\n")
}

/// Writes a FeatureCollection one feature at a time.
pub struct FeatureCollectionWriter<W: Write> {
    w: W,
    first: bool,
    mode: GeometryMode,
}

impl<W: Write> FeatureCollectionWriter<W> {
    /// Starts the collection.
    pub fn new(mut w: W, meta: &Metadata) -> io::Result<Self> {
        write!(
            w,
            "{{\"type\":\"FeatureCollection\",\"geomention\":{},\"features\":[",
            metadata_member(meta)
        )?;
        Ok(FeatureCollectionWriter {
            w,
            first: true,
            mode: GeometryMode::Point,
        })
    }

    /// Chooses the geometry of the features.
    pub fn with_geometry(mut self, mode: GeometryMode) -> Self {
        self.mode = mode;
        self
    }

    /// Adds one mention.
    pub fn write(&mut self, m: &Mention) -> io::Result<()> {
        if !self.first {
            self.w.write_all(b",")?;
        }
        self.first = false;
        self.w.write_all(b"\n")?;
        serde_json::to_writer(&mut self.w, &feature_with(m, self.mode))?;
        Ok(())
    }

    /// Closes the collection and returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.w.write_all(b"\n]}\n")?;
        self.w.flush()?;
        Ok(self.w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn property_fields_name_the_properties_in_order() {
        let gaz = crate::Gazetteer::embedded().unwrap();
        let m = &crate::Tagger::new(gaz).tag("d", "Clashes in Mosul.")[0];
        let props = properties(m);
        let keys: Vec<&str> = props.keys().map(String::as_str).collect();
        let names: Vec<&str> = PROPERTY_FIELDS.iter().map(|f| f.0).collect();
        assert_eq!(keys, names);
    }
}
