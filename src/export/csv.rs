//! CSV (RFC 4180, UTF-8, CRLF line ends): one row per mention (or per place),
//! with `lat`, `lon` and `WKT` (`POINT (lon lat)`, WGS 84) before the
//! properties of the GeoJSON export, in the same order.
//!
//! Text cells that a spreadsheet would run as a formula (starting with `=`,
//! `+`, `-`, `@`, a tab or a carriage return) are neutralised with a leading
//! single quote `'`. Numbers are written as they are. The metadata (tool
//! version, gazetteer sources, the GeoNames credit) goes in a side-car text
//! file, [`sidecar_text`], conventionally `FILE.csv.txt`.

use super::geojson::{properties, round_coord, PROPERTY_FIELDS};
use super::places::{place_properties, PlaceSummary, PLACE_FIELDS};
use super::{io_err, GroupBy, Metadata};
use crate::tagger::Mention;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::io::{self, Write};

/// Guards a text cell against spreadsheet formula injection.
///
/// ```
/// use geomention::export::csv::neutralise;
/// assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(neutralise("Baghdad"), "Baghdad");
/// ```
pub fn neutralise(s: &str) -> Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{s}")),
        _ => Cow::Borrowed(s),
    }
}

fn cell(v: &Value) -> Cow<'_, str> {
    match v {
        Value::Null => Cow::Borrowed(""),
        Value::String(s) => neutralise(s),
        Value::Bool(b) => Cow::Owned(b.to_string()),
        other => Cow::Owned(other.to_string()),
    }
}

/// The header of a CSV export.
pub fn header(group: GroupBy) -> Vec<&'static str> {
    let fields = match group {
        GroupBy::Mention => PROPERTY_FIELDS,
        GroupBy::Place => PLACE_FIELDS,
    };
    ["lat", "lon", "WKT"]
        .into_iter()
        .chain(fields.iter().map(|f| f.0))
        .collect()
}

/// Writes CSV rows one at a time.
pub struct CsvWriter<W: Write> {
    w: csv::Writer<W>,
}

impl<W: Write> CsvWriter<W> {
    /// Starts a CSV of mentions or of places (writes the header).
    pub fn new(w: W, group: GroupBy) -> io::Result<Self> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(w);
        w.write_record(header(group)).map_err(io::Error::from)?;
        Ok(CsvWriter { w })
    }

    fn row(&mut self, lat: f64, lon: f64, props: &Map<String, Value>) -> io::Result<()> {
        let (lat, lon) = (round_coord(lat), round_coord(lon));
        let wkt = format!("POINT ({lon} {lat})");
        let head = [lat.to_string(), lon.to_string(), wkt];
        let record = head
            .iter()
            .map(|s| Cow::Borrowed(s.as_str()))
            .chain(props.values().map(cell));
        self.w
            .write_record(record.map(|c| c.into_owned()))
            .map_err(io::Error::from)
    }

    /// Adds one mention.
    pub fn write(&mut self, m: &Mention) -> io::Result<()> {
        self.row(m.place.lat, m.place.lon, &properties(m))
    }

    /// Adds one place.
    pub fn write_place(&mut self, s: &PlaceSummary) -> io::Result<()> {
        self.row(s.place.lat, s.place.lon, &place_properties(s))
    }

    /// Flushes and returns the writer.
    pub fn finish(self) -> io::Result<W> {
        let mut w = self.w.into_inner().map_err(|e| io_err(e.into_error()))?;
        w.flush()?;
        Ok(w)
    }
}

/// The text of the metadata side-car (`FILE.csv.txt`).
pub fn sidecar_text(meta: &Metadata, csv_name: &str, group: GroupBy) -> String {
    let what = match group {
        GroupBy::Mention => "one row per place mention",
        GroupBy::Place => "one row per resolved place, with mention and document counts",
    };
    meta.to_text(&format!(
        "File: {csv_name} (CSV, RFC 4180, UTF-8; {what})\n\
         Columns: {}\n\
         Geometry: lat/lon columns, and WKT as POINT (lon lat)\n\
         Text cells starting with = + - @ (or a tab or carriage return) are prefixed with ' \
         so that spreadsheets do not run them as formulas",
        header(group).join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_formula_cells_only() {
        for s in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\r=1"] {
            assert_eq!(neutralise(s), format!("'{s}"));
        }
        for s in ["", "Baghdad", "a=b", "'quoted'"] {
            assert_eq!(neutralise(s), s);
        }
    }

    #[test]
    fn numbers_are_not_neutralised() {
        assert_eq!(cell(&serde_json::json!(-3.5)), "-3.5");
        assert_eq!(cell(&serde_json::json!("-3.5")), "'-3.5");
        assert_eq!(cell(&Value::Null), "");
    }
}
