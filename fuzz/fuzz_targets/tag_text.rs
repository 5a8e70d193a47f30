//! Tagging arbitrary text: bytes → text (valid UTF-8 as is, anything else
//! through lossy decoding), through `Tagger::tag_document` with metadata,
//! then every mention exported to GeoJSON, CSV and HTML in memory.
//!
//! First byte: option bits (bit 0 no variants, bit 1 demonyms, bit 2 author
//! metadata, bit 3 preferred country, bits 4-7 all set: finish the HTML page);
//! the rest is the text.
#![no_main]

use geomention::export::{csv::CsvWriter, geojson::FeatureCollectionWriter, html::HtmlWriter};
use geomention::export::{GroupBy, Metadata as ExportMeta};
use geomention::{Document, Gazetteer, Options, Tagger};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn taggers() -> &'static [Tagger; 4] {
    static T: OnceLock<[Tagger; 4]> = OnceLock::new();
    T.get_or_init(|| {
        let make = |variants: bool, demonyms: bool| {
            let mut g = Gazetteer::embedded().expect("embedded gazetteer");
            if demonyms {
                g.add_demonyms().expect("demonyms");
            }
            Tagger::with_options(
                g,
                Options {
                    variants,
                    ..Options::default()
                },
            )
        };
        [
            make(true, false),
            make(false, false),
            make(true, true),
            make(false, true),
        ]
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    let tagger = &taggers()[(flags & 3) as usize];
    let mut doc = Document {
        id: "fuzz".into(),
        text,
        ..Document::default()
    };
    if flags & 4 != 0 {
        doc.meta.author = Some("A. Reporter".into());
        doc.meta.publisher = Some("The Daily Fuzz".into());
    }
    if flags & 8 != 0 {
        doc.meta.country = Some("IQ".into());
    }
    let mentions = tagger.tag_document(&doc);

    // invariants of the output (a failure here is a bug, not just a panic)
    let chars: Vec<char> = doc.text.chars().collect();
    let mut last = 0;
    for m in &mentions {
        assert!(m.start < m.end && m.end <= chars.len(), "offsets in range");
        assert!(m.start >= last, "mentions ordered and disjoint");
        last = m.end;
        let got: String = chars[m.start..m.end].iter().collect();
        assert_eq!(got, m.surface, "text[start..end] == mention");
        assert!(m.sentence_start <= m.start && m.end <= m.sentence_end);
        let sent: String = chars[m.sentence_start..m.sentence_end].iter().collect();
        assert_eq!(sent, *m.sentence);
        assert!(m.place.lat.abs() <= 90.0 && m.place.lon.abs() <= 180.0);
        assert!((0.0..=1.0).contains(&m.confidence));
    }

    let meta = ExportMeta::for_gazetteer(tagger.gazetteer());
    let mut gj = FeatureCollectionWriter::new(Vec::new(), &meta).expect("geojson start");
    let mut csv = CsvWriter::new(Vec::new(), GroupBy::Mention).expect("csv start");
    let mut html = HtmlWriter::new(Vec::new(), &meta).expect("html start");
    for m in &mentions {
        gj.write(m).expect("geojson");
        csv.write(m).expect("csv");
        html.write(m).expect("html");
    }
    let gj = gj.finish().expect("geojson end");
    let v: serde_json::Value = serde_json::from_slice(&gj).expect("GeoJSON output is JSON");
    assert_eq!(v["features"].as_array().map(Vec::len), Some(mentions.len()));
    let csv = csv.finish().expect("csv end");
    assert!(std::str::from_utf8(&csv).is_ok());
    // The page's end (Leaflet, outlines: ~300 kB, escaped) costs far more
    // than the tagging, so it is finished for 1 input in 16 only.
    if flags & 0xf0 == 0xf0 {
        let html = html.finish().expect("html end");
        // document text never closes the data script element
        let page = String::from_utf8(html).expect("HTML is UTF-8");
        let scripts = page.matches("</script>").count();
        let opens = page.matches("<script").count();
        assert_eq!(scripts, opens, "every script element closes once");
    }
});
