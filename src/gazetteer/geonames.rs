//! Reader for the GeoNames `geoname` table: `allCountries.txt`, the
//! per-country `XX.txt` dumps and `citiesN.txt` (19 tab-separated columns,
//! no header, no quoting).

use super::place::Place;
use super::tabular::RowError;
use std::io::BufRead;

/// Number of columns of the `geoname` table.
pub const COLUMNS: usize = 19;

/// True when `line` looks like a row of the `geoname` table.
pub fn looks_like_geoname_row(line: &str) -> bool {
    let fields: Vec<&str> = line.trim_end_matches(['\r', '\n']).split('\t').collect();
    fields.len() == COLUMNS
        && !fields[0].is_empty()
        && fields[0].bytes().all(|b| b.is_ascii_digit())
}

/// Parses one row (without its line ending).
pub fn parse_row(line: &str) -> Result<Place, String> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() != COLUMNS {
        return Err(format!(
            "expected {COLUMNS} tab-separated columns, found {}",
            f.len()
        ));
    }
    let id: u64 = f[0]
        .parse()
        .map_err(|_| format!("geonameid {:?} is not a number", f[0]))?;
    if f[1].trim().is_empty() {
        return Err("empty name".into());
    }
    let coord = |v: &str, what: &str, limit: f64| -> Result<f64, String> {
        let x: f64 = v
            .parse()
            .map_err(|_| format!("{what} {v:?} is not a number"))?;
        if !x.is_finite() || x.abs() > limit {
            return Err(format!("{what} {v} is out of range"));
        }
        Ok(x)
    };
    let lat = coord(f[4], "latitude", 90.0)?;
    let lon = coord(f[5], "longitude", 180.0)?;
    let population = if f[14].is_empty() {
        0
    } else {
        f[14]
            .parse::<i64>()
            .map_err(|_| format!("population {:?} is not a number", f[14]))?
            .max(0) as u64
    };
    let name = f[1].to_string();
    let alternate_names = f[3]
        .split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty() && *a != name)
        .map(String::from)
        .collect();
    Ok(Place {
        id: format!("geonames:{id}"),
        name,
        ascii_name: f[2].to_string(),
        alternate_names,
        lat,
        lon,
        feature_class: f[6].to_string(),
        feature_code: f[7].to_string(),
        country_code: f[8].to_string(),
        admin1_code: f[10].to_string(),
        admin1: String::new(),
        population,
        same_as: Vec::new(),
    })
}

/// Calls `f` with every non-empty, non-comment line (without its line
/// ending), one at a time; an error of `f` or invalid UTF-8 becomes a
/// [`RowError`] with the line number.
pub fn for_each_line<R: BufRead>(
    mut input: R,
    mut f: impl FnMut(&str) -> Result<(), String>,
) -> Result<(), RowError> {
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    loop {
        buf.clear();
        let n = input.read_until(b'\n', &mut buf).map_err(|e| RowError {
            line: line_no + 1,
            message: e.to_string(),
        })?;
        if n == 0 {
            return Ok(());
        }
        line_no += 1;
        let line = std::str::from_utf8(&buf).map_err(|e| RowError {
            line: line_no,
            message: format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()),
        })?;
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        f(line).map_err(|message| RowError {
            line: line_no,
            message,
        })?;
    }
}

/// Calls `f` for every row, one at a time (memory stays bounded); the first
/// malformed row is an error with its line.
pub fn for_each_row<R: BufRead>(
    input: R,
    mut f: impl FnMut(Place) -> Result<(), String>,
) -> Result<(), RowError> {
    for_each_line(input, |line| f(parse_row(line)?))
}

/// Reads every row; the first malformed row is an error with its line.
pub fn read_geonames<R: BufRead>(input: R) -> Result<Vec<Place>, RowError> {
    let mut out = Vec::new();
    for_each_row(input, |p| {
        out.push(p);
        Ok(())
    })?;
    Ok(out)
}

/// Calls `f` with the tab-separated fields of every non-comment line.
pub fn for_each_tsv_line<R: BufRead>(
    input: R,
    mut f: impl FnMut(&[&str]) -> Result<(), String>,
) -> Result<(), RowError> {
    for_each_line(input, |line| {
        let fields: Vec<&str> = line.split('\t').collect();
        f(&fields)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROW: &str = "98182\tBaghdad\tBaghdad\tBagdad,Bagdád,بغداد\t33.34058\t44.40088\tP\tPPLC\tIQ\t\t07\t\t\t\t7216000\t\t41\tAsia/Baghdad\t2022-05-10";

    #[test]
    fn parses_a_row() {
        let p = parse_row(ROW).unwrap();
        assert_eq!(p.id, "geonames:98182");
        assert_eq!(p.feature_code, "PPLC");
        assert_eq!(p.admin1_code, "07");
        assert_eq!(p.population, 7_216_000);
        assert_eq!(p.alternate_names.len(), 3);
        assert!(looks_like_geoname_row(ROW));
    }

    #[test]
    fn malformed_rows_name_their_line() {
        let bad_lat = ROW.replace("33.34058", "north");
        let short = "1\tA\tA";
        let cases = [
            (format!("{ROW}\n{bad_lat}\n"), 2, "latitude"),
            (format!("{short}\n"), 1, "columns"),
            (
                format!("{ROW}\n\n{}\n", ROW.replace("98182", "x")),
                3,
                "geonameid",
            ),
            (
                format!("{}\n", ROW.replace("7216000", "lots")),
                1,
                "population",
            ),
        ];
        for (input, line, needle) in cases {
            let e = read_geonames(input.as_bytes()).unwrap_err();
            assert_eq!(e.line, line, "{e:?}");
            assert!(e.message.contains(needle), "{e:?}");
        }
    }

    #[test]
    fn invalid_utf8_is_an_error() {
        let mut bytes = ROW.as_bytes().to_vec();
        bytes[7] = 0xff;
        let e = read_geonames(&bytes[..]).unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("UTF-8"));
    }
}
