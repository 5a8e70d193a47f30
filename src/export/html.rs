//! A self-contained HTML map: one file that works from `file://` with no
//! network. Leaflet (assets/leaflet/, BSD-2-Clause) and the country outlines
//! (assets/world-atlas/countries-110m.json, Natural Earth via world-atlas,
//! ISC) are embedded at build time; an OpenStreetMap layer is offered only
//! when the reader is online.
//!
//! One circle marker per place, sized by its number of mentions; a click
//! lists each sentence with the mention highlighted and its source; a side
//! panel filters by source and by document; the footer gives the tool
//! version, the gazetteer sources and the GeoNames credit.
//!
//! **Document text is never HTML.** The data is embedded as JSON inside
//! `<script type="application/json">` elements with `<`, `>`, `&`, U+2028 and
//! U+2029 written as `\uXXXX` escapes ([`script_json`]), and the page builds
//! its DOM with `textContent` only. Mentions are written as they come; only
//! the per-place summaries are kept until the end.

use super::places::PlaceAggregator;
use super::Metadata;
use crate::tagger::Mention;
use serde::Serialize;
use serde_json::json;
use std::io::{self, Write};

const LEAFLET_JS: &str = include_str!("../../assets/leaflet/leaflet.js");
const LEAFLET_CSS: &str = include_str!("../../assets/leaflet/leaflet.css");
const WORLD: &str = include_str!("../../assets/world-atlas/countries-110m.json");
const MAP_JS: &str = include_str!("../../assets/map/map.js");
const MAP_CSS: &str = include_str!("../../assets/map/map.css");

/// JSON made safe to sit inside a `<script>` element: `<`, `>`, `&`, U+2028
/// and U+2029 become `\u003c`, `\u003e`, `\u0026`, `\u2028`, `\u2029` (they
/// can only occur inside JSON strings, where the escapes mean the same).
///
/// ```
/// let s = geomention::export::html::script_json(r#"["</script><b>&"]"#);
/// assert_eq!(s, r#"["\u003c/script\u003e\u003cb\u003e\u0026"]"#);
/// ```
pub fn script_json(json: &str) -> String {
    let mut o = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => o.push_str("\\u003c"),
            '>' => o.push_str("\\u003e"),
            '&' => o.push_str("\\u0026"),
            '\u{2028}' => o.push_str("\\u2028"),
            '\u{2029}' => o.push_str("\\u2029"),
            c => o.push(c),
        }
    }
    o
}

fn to_script_json<T: Serialize + ?Sized>(v: &T) -> io::Result<String> {
    Ok(script_json(&serde_json::to_string(v)?))
}

/// Writes the HTML map mention by mention.
pub struct HtmlWriter<W: Write> {
    w: W,
    places: PlaceAggregator,
    meta: Metadata,
    first: bool,
}

impl<W: Write> HtmlWriter<W> {
    /// Starts the page (head, styles, the opening of the mentions data).
    pub fn new(mut w: W, meta: &Metadata) -> io::Result<Self> {
        write!(
            w,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
             script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
             img-src data: https://tile.openstreetmap.org\">\n\
             <meta name=\"generator\" content=\"geomention {}\">\n\
             <title>geomention map</title>\n<style>\n{LEAFLET_CSS}\n</style>\n<style>\n{MAP_CSS}\n</style>\n\
             </head>\n<body>\n\
             <div id=\"gm-layout\">\n\
             <aside id=\"gm-panel\">\n<h1>Places mentioned</h1>\n<p id=\"gm-summary\"></p>\n\
             <section><h2>Sources</h2><div class=\"gm-actions\"><button type=\"button\" id=\"gm-sources-all\">All</button> \
             <button type=\"button\" id=\"gm-sources-none\">None</button></div><div id=\"gm-sources\" class=\"gm-list\"></div></section>\n\
             <section><h2>Documents</h2><div class=\"gm-actions\"><button type=\"button\" id=\"gm-docs-all\">All</button> \
             <button type=\"button\" id=\"gm-docs-none\">None</button></div><div id=\"gm-docs\" class=\"gm-list\"></div></section>\n\
             </aside>\n<div id=\"gm-map\"></div>\n</div>\n<footer id=\"gm-footer\"></footer>\n\
             <script type=\"application/json\" id=\"gm-mentions\">[",
            meta.version.replace(['"', '<', '>', '&'], "")
        )?;
        Ok(HtmlWriter {
            w,
            places: PlaceAggregator::new(),
            meta: meta.clone(),
            first: true,
        })
    }

    /// Adds one mention: `[place, doc_id, sentence, start, end, source, kind]`
    /// with code-point offsets of the mention within its sentence.
    pub fn write(&mut self, m: &Mention) -> io::Result<()> {
        let place = self.places.add(m);
        let start = m.start.saturating_sub(m.sentence_start);
        let end = m.end.saturating_sub(m.sentence_start).max(start);
        let rec = json!([
            place,
            &*m.doc_id,
            &*m.sentence,
            start,
            end,
            m.attribution.source,
            m.attribution.kind.map(|k| k.as_str()),
        ]);
        if !self.first {
            self.w.write_all(b",")?;
        }
        self.first = false;
        self.w.write_all(b"\n")?;
        self.w.write_all(to_script_json(&rec)?.as_bytes())
    }

    /// Writes the places, the metadata, the outlines and the scripts, and
    /// returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.w
            .write_all(b"\n]</script>\n<script type=\"application/json\" id=\"gm-places\">[")?;
        for (i, s) in self.places.places().iter().enumerate() {
            let p = &s.place;
            let rec = json!([
                p.name,
                p.lat,
                p.lon,
                p.country_code,
                p.feature_code,
                p.id,
                p.admin1
            ]);
            if i > 0 {
                self.w.write_all(b",")?;
            }
            self.w.write_all(b"\n")?;
            self.w.write_all(to_script_json(&rec)?.as_bytes())?;
        }
        let meta = json!({
            "version": self.meta.version,
            "gazetteer": self.meta.gazetteer,
            "credit": self.meta.credit,
        });
        write!(
            self.w,
            "\n]</script>\n<script type=\"application/json\" id=\"gm-meta\">{}</script>\n\
             <script type=\"application/json\" id=\"gm-world\">{}</script>\n\
             <script>\n{LEAFLET_JS}\n</script>\n<script>\n{MAP_JS}\n</script>\n</body>\n</html>\n",
            to_script_json(&meta)?,
            script_json(WORLD.trim()),
        )?;
        self.w.flush()?;
        Ok(self.w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_assets_cannot_close_their_elements() {
        for (name, s) in [("leaflet.js", LEAFLET_JS), ("map.js", MAP_JS)] {
            assert!(!s.to_ascii_lowercase().contains("</script"), "{name}");
        }
        for (name, s) in [("leaflet.css", LEAFLET_CSS), ("map.css", MAP_CSS)] {
            assert!(!s.to_ascii_lowercase().contains("</style"), "{name}");
        }
    }

    #[test]
    fn escapes_line_separators() {
        assert_eq!(
            script_json("\"a\u{2028}b\u{2029}\""),
            "\"a\\u2028b\\u2029\""
        );
    }
}
