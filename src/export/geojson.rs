//! GeoJSON (RFC 7946): a `FeatureCollection` of Point features, written
//! incrementally so that memory does not grow with the number of mentions.

use super::{FieldType, Metadata};
use crate::gazetteer::Place;
use crate::tagger::Mention;
use serde::ser::{Serialize, SerializeMap, Serializer};
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

/// The flat properties of a mention, in the documented order: what the
/// streaming writers serialize field by field, as a map for the CSV and
/// GeoPackage writers, so the field list is written once.
pub fn properties(m: &Mention) -> Map<String, Value> {
    match serde_json::to_value(PropertiesRef(m)) {
        Ok(Value::Object(o)) => o,
        // a map of strings, numbers and nulls always serializes
        _ => Map::new(),
    }
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

/// A mention's feature, serialized straight to the writer: the same JSON
/// text as [`feature_with`] (a test checks it), without building a `Value`
/// and its maps first (the streaming writers use it; it is a tenth of the
/// tagging time otherwise).
struct FeatureRef<'a> {
    m: &'a Mention,
    mode: GeometryMode,
}

impl Serialize for FeatureRef<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let m = self.m;
        let mut o = s.serialize_map(Some(4))?;
        o.serialize_entry("type", "Feature")?;
        o.serialize_entry("id", &format_args!("{}:{}", m.doc_id, m.n))?;
        match self.mode {
            GeometryMode::Point => o.serialize_entry(
                "geometry",
                &PointRef(round6(m.place.lon), round6(m.place.lat)),
            )?,
            GeometryMode::Shape => o.serialize_entry("geometry", &geometry(m, self.mode))?,
        }
        o.serialize_entry("properties", &PropertiesRef(m))?;
        o.end()
    }
}

struct PointRef(f64, f64);

impl Serialize for PointRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut o = s.serialize_map(Some(2))?;
        o.serialize_entry("type", "Point")?;
        o.serialize_entry("coordinates", &[Num(self.0), Num(self.1)])?;
        o.end()
    }
}

/// A number as `json!` writes it: null when not finite.
struct Num(f64);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.is_finite() {
            s.serialize_f64(self.0)
        } else {
            s.serialize_none()
        }
    }
}

/// Text, or null when empty (`text_or_null`).
struct TextOrNull<'a>(&'a str);

impl Serialize for TextOrNull<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.is_empty() {
            s.serialize_none()
        } else {
            s.serialize_str(self.0)
        }
    }
}

/// The properties of a mention, serialized field by field in the order of
/// [`PROPERTY_FIELDS`] (see [`properties`] for them as a map).
struct PropertiesRef<'a>(&'a Mention);

impl Serialize for PropertiesRef<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let m = self.0;
        let p = &m.place;
        let a = &m.attribution;
        let mut o = s.serialize_map(Some(PROPERTY_FIELDS.len()))?;
        o.serialize_entry("doc_id", &*m.doc_id)?;
        o.serialize_entry("name", &p.name)?;
        o.serialize_entry("mention", &m.surface)?;
        o.serialize_entry("start", &m.start)?;
        o.serialize_entry("end", &m.end)?;
        o.serialize_entry("sentence", &*m.sentence)?;
        o.serialize_entry("sentence_start", &m.sentence_start)?;
        o.serialize_entry("sentence_end", &m.sentence_end)?;
        o.serialize_entry("place_id", &p.id)?;
        o.serialize_entry("feature_class", &TextOrNull(&p.feature_class))?;
        o.serialize_entry("feature_code", &TextOrNull(&p.feature_code))?;
        o.serialize_entry("country_code", &TextOrNull(&p.country_code))?;
        o.serialize_entry("admin1", &TextOrNull(&p.admin1))?;
        o.serialize_entry("population", &p.population)?;
        o.serialize_entry("match", m.match_kind.as_str())?;
        o.serialize_entry("similarity", &Num((m.similarity * 1000.0).round() / 1000.0))?;
        o.serialize_entry("confidence", &Num((m.confidence * 1000.0).round() / 1000.0))?;
        o.serialize_entry("alternatives", &alternatives_text(m))?;
        o.serialize_entry("attribution", &a.source)?;
        o.serialize_entry("attribution_text", &a.text)?;
        o.serialize_entry("attribution_cue", &a.cue)?;
        o.serialize_entry("attribution_kind", &a.kind.map(|k| k.as_str()))?;
        if a.chain.is_empty() {
            o.serialize_entry("attribution_chain", &())?;
        } else {
            o.serialize_entry("attribution_chain", &a.chain.join(" > "))?;
        }
        o.end()
    }
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
    serde_json::to_writer(&mut *w, &FeatureRef { m, mode })?;
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
        serde_json::to_writer(&mut self.w, &FeatureRef { m, mode: self.mode })?;
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

    /// The streaming writers' direct serialization is the `Value` one,
    /// byte for byte, over mentions with and without attribution,
    /// alternatives, chains and empty place fields, in both geometry modes.
    #[test]
    fn direct_serialization_equals_the_value() {
        let gaz = crate::Gazetteer::embedded().unwrap();
        let tagger = crate::Tagger::new(gaz);
        let text = "Iraqi officials said fighting spread from Baghdad to Mosul and Paris. \
                    \"We took Jurf al-Sakhar,\" a commander told Al-Jazeera, according to residents. \
                    Police in Springfield, Ill., and Diyala province reported clashes.";
        let mut ms = tagger.tag("doc \"1\"", text);
        assert!(ms.len() >= 5, "{}", ms.len());
        let mut odd = ms[0].clone();
        let place = std::sync::Arc::make_mut(&mut odd.place);
        place.feature_class.clear();
        place.admin1.clear();
        odd.similarity = f64::NAN;
        std::sync::Arc::make_mut(&mut odd.attribution).chain = vec!["a".into(), "b\u{1e}".into()];
        ms.push(odd);
        for m in &ms {
            for mode in [GeometryMode::Point, GeometryMode::Shape] {
                let direct = serde_json::to_string(&FeatureRef { m, mode }).unwrap();
                let value = serde_json::to_string(&feature_with(m, mode)).unwrap();
                assert_eq!(direct, value);
            }
        }
    }
}
