//! Property tests over the whole pipeline: offsets, sentences, normalisation,
//! exports and determinism, on text that mixes gazetteer names with
//! punctuation, quotes, CRLF, a BOM, zero-width and bidi controls, combining
//! marks and NUL.
//!
//! Case counts are kept modest so that the suite stays fast on a 2-core CI
//! machine (see `docs/ROBUSTNESS.md`); raise them locally with
//! `PROPTEST_CASES=N`.

use geomention::document::JsonlReader;
use geomention::export::geojson::{feature, feature_with, FeatureCollectionWriter, GeometryMode};
use geomention::export::Metadata as ExportMeta;
use geomention::normalize::{fold, phonetic, strip_articles, variant_key};
use geomention::{Document, Gazetteer, Mention, Tagger};
use proptest::prelude::*;
use serde_json::Value;
use std::sync::OnceLock;

fn tagger() -> &'static Tagger {
    static T: OnceLock<Tagger> = OnceLock::new();
    T.get_or_init(|| Tagger::new(Gazetteer::embedded().expect("embedded gazetteer")))
}

/// Case count: `PROPTEST_CASES` when set, else `n`.
fn cases(n: u32) -> ProptestConfig {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n);
    ProptestConfig::with_cases(n)
}

/// The name of a place of the embedded gazetteer, picked by number.
fn gazetteer_name() -> impl Strategy<Value = String> {
    any::<u32>().prop_map(|i| {
        let layer = &tagger().gazetteer().layers()[0];
        let n = layer.index.len() as u32;
        layer
            .index
            .place_core(i % n.max(1))
            .map(|p| p.name)
            .unwrap_or_default()
    })
}

/// Quotation marks, apostrophes and brackets of several scripts.
const QUOTES: &[&str] = &[
    "\"", "'", "“", "”", "‘", "’", "«", "»", "„", "‹", "›", "「", "」", "(", ")", "``", "''",
];

/// Invisible and odd characters: BOM, zero-width, bidi controls, NUL, line
/// and paragraph separators, CR, CRLF.
const ODD: &[&str] = &[
    "\u{feff}", "\u{200b}", "\u{200c}", "\u{200d}", "\u{2060}", "\u{200e}", "\u{200f}", "\u{202a}",
    "\u{202b}", "\u{202c}", "\u{202d}", "\u{202e}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}",
    "\u{0}", "\r\n", "\r", "\r\n\r\n", "\u{2028}", "\u{2029}", "\u{a0}", "\t",
];

/// Text made of place names (fixed and drawn from the gazetteer), common
/// words, punctuation, quotes, invisible controls, combining marks and
/// arbitrary characters.
fn news_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => gazetteer_name(),
        1 => Just("Baghdad".to_string()),
        1 => Just("Jarf-al-Sakhar".to_string()),
        1 => Just("Sa’adiyah".to_string()),
        1 => Just("Iran’s".to_string()),
        1 => Just("Diyālá".to_string()),
        1 => Just("U.S.".to_string()),
        1 => Just("Paris, Tenn.".to_string()),
        1 => Just("New York Times".to_string()),
        2 => Just(" said ".to_string()),
        1 => Just(" according to ".to_string()),
        2 => Just(". ".to_string()),
        2 => Just(", ".to_string()),
        2 => Just(" the ".to_string()),
        1 => Just("\n\n".to_string()),
        3 => prop::sample::select(QUOTES).prop_map(str::to_string),
        3 => prop::sample::select(ODD).prop_map(str::to_string),
        // a letter under a pile of combining marks
        1 => ("[A-Za-z]", prop::collection::vec(0x300u32..0x370, 1..6)).prop_map(|(l, ms)| {
            let mut s = l;
            s.extend(ms.into_iter().filter_map(char::from_u32));
            s
        }),
        2 => "[a-zA-Z ]{0,8}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    (
        prop::bool::ANY,
        prop::collection::vec(
            (
                piece,
                prop::sample::select(&[" ", "", "\u{200b}", "\n"][..]),
            ),
            0..40,
        ),
    )
        .prop_map(|(bom, v)| {
            let mut s = if bom {
                "\u{feff}".to_string()
            } else {
                String::new()
            };
            for (p, sep) in v {
                s.push_str(&p);
                s.push_str(sep);
            }
            s
        })
}

/// The offsets, sentences and values of every mention against its text.
fn check_mentions(text: &str, mentions: &[Mention]) -> Result<(), TestCaseError> {
    let chars: Vec<char> = text.chars().collect();
    let mut last_end = 0;
    for (i, m) in mentions.iter().enumerate() {
        prop_assert_eq!(m.n, i + 1, "mentions are numbered from 1");
        prop_assert!(m.start < m.end && m.end <= chars.len());
        let got: String = chars[m.start..m.end].iter().collect();
        prop_assert_eq!(&got, &m.surface, "text[start..end] == mention");
        prop_assert!(m.sentence_start <= m.start && m.end <= m.sentence_end);
        prop_assert!(m.sentence_end <= chars.len());
        let sent: String = chars[m.sentence_start..m.sentence_end].iter().collect();
        prop_assert_eq!(sent.as_str(), &*m.sentence);
        prop_assert!(m.start >= last_end, "mentions are ordered and disjoint");
        last_end = m.end;
        prop_assert!(m.place.lat.is_finite() && (-90.0..=90.0).contains(&m.place.lat));
        prop_assert!(m.place.lon.is_finite() && (-180.0..=180.0).contains(&m.place.lon));
        prop_assert!((0.0..=1.0).contains(&m.confidence));
        prop_assert!((0.0..=1.0).contains(&m.similarity));
    }
    Ok(())
}

/// A position: two or three finite numbers, longitude and latitude in range.
fn check_position(p: &Value) -> Result<(), TestCaseError> {
    let a = p
        .as_array()
        .ok_or_else(|| TestCaseError::fail("position is an array"))?;
    prop_assert!(a.len() == 2 || a.len() == 3, "position has 2 or 3 numbers");
    let lon = a[0]
        .as_f64()
        .ok_or_else(|| TestCaseError::fail("lon is a number"))?;
    let lat = a[1]
        .as_f64()
        .ok_or_else(|| TestCaseError::fail("lat is a number"))?;
    prop_assert!((-180.0..=180.0).contains(&lon), "lon {} in range", lon);
    prop_assert!((-90.0..=90.0).contains(&lat), "lat {} in range", lat);
    Ok(())
}

/// A linear ring: at least four positions, closed.
fn check_ring(r: &Value) -> Result<(), TestCaseError> {
    let a = r
        .as_array()
        .ok_or_else(|| TestCaseError::fail("ring is an array"))?;
    prop_assert!(a.len() >= 4, "a ring has at least 4 positions");
    prop_assert_eq!(a.first(), a.last(), "a ring is closed");
    a.iter().try_for_each(check_position)
}

/// An RFC 7946 geometry (the types the exports write).
fn check_geometry(g: &Value) -> Result<(), TestCaseError> {
    let coords = &g["coordinates"];
    let polygon = |p: &Value| -> Result<(), TestCaseError> {
        let rings = p.as_array().ok_or_else(|| TestCaseError::fail("polygon"))?;
        prop_assert!(!rings.is_empty());
        rings.iter().try_for_each(check_ring)
    };
    match g["type"].as_str() {
        Some("Point") => check_position(coords),
        Some("Polygon") => polygon(coords),
        Some("MultiPolygon") => coords
            .as_array()
            .ok_or_else(|| TestCaseError::fail("multipolygon"))?
            .iter()
            .try_for_each(polygon),
        other => Err(TestCaseError::fail(format!(
            "unexpected geometry {other:?}"
        ))),
    }
}

/// An RFC 7946 Feature: type, geometry, properties object, id string or
/// number, no `crs`.
fn check_feature(f: &Value) -> Result<(), TestCaseError> {
    prop_assert_eq!(f["type"].as_str(), Some("Feature"));
    prop_assert!(f["properties"].is_object());
    prop_assert!(f["id"].is_string() || f["id"].is_number());
    prop_assert!(f.get("crs").is_none());
    check_geometry(&f["geometry"])
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn fold_is_idempotent_and_ascii(s in any::<String>()) {
        let once = fold(&s);
        prop_assert_eq!(fold(&once), once.clone());
        prop_assert!(once.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' '));
        prop_assert!(!once.starts_with(' ') && !once.ends_with(' ') && !once.contains("  "));
    }

    #[test]
    fn derived_keys_are_stable(s in news_like()) {
        let key = fold(&s);
        // a key is its own fold; the variant key depends on the fold only
        prop_assert_eq!(variant_key(&fold(&key)), variant_key(&key));
        let stripped = strip_articles(&key);
        prop_assert_eq!(strip_articles(&stripped), stripped.clone());
        let ph = phonetic(&stripped);
        prop_assert!(ph.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
        prop_assert!(ph.len() <= stripped.len());
    }
}

proptest! {
    #![proptest_config(cases(128))]

    #[test]
    fn offsets_index_the_text_in_code_points(text in news_like()) {
        let mentions = tagger().tag("p", &text);
        check_mentions(&text, &mentions)?;
        prop_assert_eq!(tagger().tag("p", &text), mentions, "deterministic");
    }

    #[test]
    fn sentences_are_ordered_disjoint_and_trimmed(text in news_like()) {
        let s = geomention::text::sentences(&text);
        for w in s.windows(2) {
            prop_assert!(w[0].end <= w[1].start);
        }
        for x in &s {
            prop_assert!(x.start < x.end && x.end <= text.len());
            prop_assert!(text.is_char_boundary(x.start) && text.is_char_boundary(x.end));
            let t = &text[x.start..x.end];
            prop_assert_eq!(t.trim(), t);
        }
    }

    #[test]
    fn tokens_lie_in_the_text_in_order(text in news_like()) {
        let toks = geomention::text::tokenize(&text);
        let mut last = 0;
        for t in &toks {
            prop_assert!(last <= t.start && t.start < t.end && t.end <= text.len());
            prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            last = t.end;
        }
    }
}

proptest! {
    #![proptest_config(cases(64))]

    /// Tagging with metadata (author, publisher, country) keeps every offset
    /// invariant, and the same document gives the same output whatever was
    /// tagged before it with the same tagger (the variant cache) and with a
    /// fresh tagger.
    #[test]
    fn documents_tag_the_same_every_time(text in news_like(), other in news_like(), meta in any::<u8>()) {
        let mut doc = Document { id: "d".into(), text, ..Document::default() };
        if meta & 1 != 0 {
            doc.meta.author = Some("A. Reporter".into());
        }
        if meta & 2 != 0 {
            doc.meta.publisher = Some("The Daily Test".into());
        }
        if meta & 4 != 0 {
            doc.meta.country = Some("IQ".into());
        }
        let first = tagger().tag_document(&doc);
        check_mentions(&doc.text, &first)?;
        let _ = tagger().tag("other", &other);
        prop_assert_eq!(&tagger().tag_document(&doc), &first, "same tagger, after another document");
        let fresh = Tagger::new(Gazetteer::embedded().expect("embedded gazetteer"));
        prop_assert_eq!(&fresh.tag_document(&doc), &first, "fresh tagger");
    }

    /// Every feature written is valid RFC 7946 with coordinates in range, as
    /// points and as outlines, alone and in a FeatureCollection.
    #[test]
    fn features_are_valid_geojson(text in news_like()) {
        let mentions = tagger().tag("g", &text);
        let meta = ExportMeta::for_gazetteer(tagger().gazetteer());
        let mut w = FeatureCollectionWriter::new(Vec::new(), &meta)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        for m in &mentions {
            check_feature(&feature(m))?;
            check_feature(&feature_with(m, GeometryMode::Shape))?;
            w.write(m).map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
        let bytes = w.finish().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let fc: Value = serde_json::from_slice(&bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(fc["type"].as_str(), Some("FeatureCollection"));
        prop_assert!(fc.get("crs").is_none());
        let features = fc["features"].as_array().ok_or_else(|| TestCaseError::fail("features"))?;
        prop_assert_eq!(features.len(), mentions.len());
        for (f, m) in features.iter().zip(&mentions) {
            check_feature(f)?;
            prop_assert_eq!(f["properties"]["mention"].as_str(), Some(m.surface.as_str()));
        }
    }

    /// A document written as a JSONL record reads back with the same text,
    /// whatever characters it holds, and tags the same.
    #[test]
    fn jsonl_round_trips(text in news_like()) {
        let line = serde_json::json!({"id": "j", "text": text}).to_string();
        let input = format!("\u{feff}{line}\r\n\n{line}\n");
        let docs: Vec<_> = JsonlReader::new(input.as_bytes()).collect();
        prop_assert_eq!(docs.len(), 2);
        for d in docs {
            let d = d.map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
            prop_assert_eq!(&d.text, &text);
        }
    }
}
