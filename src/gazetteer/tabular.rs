//! Reader for place lists in CSV or TSV with a header row.
//!
//! Required columns: `name`, `lat`, `lon`. Optional: `id`, `ascii_name`,
//! `alternate_names` (`|`-separated), `feature_class`, `feature_code`,
//! `country_code`, `admin1_code`, `admin1`, `population`. Other columns
//! (such as `source`) are ignored. The embedded default gazetteer
//! (`gazetteer/places.tsv.gz`) is a file of this format too.
//!
//! This file is also compiled into `build.rs`, so it depends only on
//! `super::place`.

use super::place::Place;
use std::io::Read;

/// A problem with one row: the 1-based line and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    /// 1-based line number in the file.
    pub line: u64,
    /// What is wrong.
    pub message: String,
}

/// The GeoNames feature class implied by a feature code (`PPLA` → `P`).
pub fn class_of_code(code: &str) -> &'static str {
    let c = code.to_ascii_uppercase();
    if c.starts_with("PPL") || c == "STLMT" {
        "P"
    } else if c.starts_with("ADM") || c.starts_with("PCL") || c == "TERR" || c == "ZN" {
        "A"
    } else if [
        "STM", "LK", "SEA", "OCN", "BAY", "GULF", "CHN", "STRT", "RSV", "CNL",
    ]
    .iter()
    .any(|p| c.starts_with(p))
    {
        "H"
    } else if [
        "MT", "HLL", "PK", "VAL", "DSRT", "PLN", "ISL", "PEN", "CAPE",
    ]
    .iter()
    .any(|p| c.starts_with(p))
    {
        "T"
    } else if ["RGN", "AREA", "CONT", "PRK", "OILF"]
        .iter()
        .any(|p| c.starts_with(p))
    {
        "L"
    } else if c.is_empty() {
        ""
    } else {
        "S"
    }
}

fn coordinate(v: &str, what: &str, limit: f64) -> Result<f64, String> {
    let x: f64 = v
        .trim()
        .parse()
        .map_err(|_| format!("{what} {v:?} is not a number"))?;
    if !x.is_finite() || x.abs() > limit {
        return Err(format!("{what} {v} is out of range (±{limit})"));
    }
    Ok(x)
}

/// Reads places from CSV (`delimiter` b',') or TSV (b'\t'). `id_prefix`
/// names the source in generated ids (`PREFIX:LINE`) for rows without `id`.
pub fn read_places<R: Read>(
    input: R,
    delimiter: u8,
    id_prefix: &str,
) -> Result<Vec<Place>, RowError> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .quoting(delimiter == b',')
        .from_reader(input);
    let headers = rdr
        .headers()
        .map_err(|e| RowError {
            line: 1,
            message: format!("cannot read the header row: {e}"),
        })?
        .clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let (Some(c_name), Some(c_lat), Some(c_lon)) = (col("name"), col("lat"), col("lon")) else {
        return Err(RowError {
            line: 1,
            message: format!(
                "the header row must name the columns name, lat and lon (found: {})",
                headers.iter().collect::<Vec<_>>().join(", ")
            ),
        });
    };
    let c_id = col("id");
    let c_ascii = col("ascii_name");
    let c_alt = col("alternate_names");
    let c_fclass = col("feature_class");
    let c_fcode = col("feature_code");
    let c_cc = col("country_code");
    let c_a1code = col("admin1_code");
    let c_a1 = col("admin1");
    let c_pop = col("population");

    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line_guess = rdr.position().line();
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(line_guess.max(1));
                let message = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!("expected {expected_len} fields, found {len}"),
                    csv::ErrorKind::Utf8 { .. } => "invalid UTF-8".to_string(),
                    _ => e.to_string(),
                };
                return Err(RowError { line, message });
            }
        }
        let line = record.position().map(|p| p.line()).unwrap_or(line_guess);
        let get = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("").trim();
        let err = |message: String| RowError { line, message };
        let name = get(Some(c_name));
        if name.is_empty() {
            return Err(err("empty name".into()));
        }
        let lat = coordinate(get(Some(c_lat)), "latitude", 90.0).map_err(err)?;
        let lon = coordinate(get(Some(c_lon)), "longitude", 180.0).map_err(err)?;
        let population = match get(c_pop) {
            "" => 0,
            p => p
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite() && *x >= 0.0)
                .map(|x| x as u64)
                .ok_or_else(|| err(format!("population {p:?} is not a number")))?,
        };
        let id = match get(c_id) {
            "" => format!("{id_prefix}:{line}"),
            i if i.contains(':') => i.to_string(),
            i => format!("{id_prefix}:{i}"),
        };
        let feature_code = get(c_fcode).to_string();
        let feature_class = match get(c_fclass) {
            "" => class_of_code(&feature_code).to_string(),
            c => c.to_string(),
        };
        let alternate_names = get(c_alt)
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty() && *a != name)
            .map(String::from)
            .collect();
        out.push(Place {
            id,
            name: name.to_string(),
            ascii_name: get(c_ascii).to_string(),
            alternate_names,
            lat,
            lon,
            feature_class,
            feature_code,
            country_code: get(c_cc).to_ascii_uppercase(),
            admin1_code: get(c_a1code).to_string(),
            admin1: get(c_a1).to_string(),
            population,
            same_as: Vec::new(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_custom_csv() {
        let csv = "name,alternate_names,lat,lon,feature_code,country_code,source\n\
                   Arab Jabour,Arab Jabbur|Arab Jabur,33.20,44.43,PPL,IQ,hand\n";
        let p = read_places(csv.as_bytes(), b',', "analyst").unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].id, "analyst:2");
        assert_eq!(p[0].alternate_names, vec!["Arab Jabbur", "Arab Jabur"]);
        assert_eq!(p[0].feature_class, "P");
        assert_eq!(p[0].country_code, "IQ");
    }

    #[test]
    fn reads_tsv_with_ids() {
        let tsv = "id\tname\tlat\tlon\tpopulation\ngeonames:1\tA\t1\t2\t30\n";
        let p = read_places(tsv.as_bytes(), b'\t', "x").unwrap();
        assert_eq!(p[0].id, "geonames:1");
        assert_eq!(p[0].population, 30);
    }

    #[test]
    fn malformed_rows_name_their_line() {
        let cases = [
            ("no name column", "title,lat,lon\nA,1,2\n", 1, "header"),
            (
                "bad latitude",
                "name,lat,lon\nA,1,2\nB,north,2\n",
                3,
                "latitude",
            ),
            (
                "latitude range",
                "name,lat,lon\nA,91,2\n",
                2,
                "out of range",
            ),
            (
                "longitude range",
                "name,lat,lon\nA,1,-181\n",
                2,
                "out of range",
            ),
            ("missing field", "name,lat,lon\nA,1,2\nB,1\n", 3, "fields"),
            ("empty name", "name,lat,lon\n,1,2\n", 2, "empty name"),
            (
                "bad population",
                "name,lat,lon,population\nA,1,2,many\n",
                2,
                "population",
            ),
            ("NaN", "name,lat,lon\nA,NaN,2\n", 2, "out of range"),
        ];
        for (what, input, line, needle) in cases {
            let e = read_places(input.as_bytes(), b',', "t").unwrap_err();
            assert_eq!(e.line, line, "{what}: {e:?}");
            assert!(e.message.contains(needle), "{what}: {e:?}");
        }
    }

    #[test]
    fn feature_classes_from_codes() {
        for (code, class) in [
            ("PPLA", "P"),
            ("ADM1", "A"),
            ("PCLI", "A"),
            ("STM", "H"),
            ("", ""),
        ] {
            assert_eq!(class_of_code(code), class, "{code}");
        }
    }
}
