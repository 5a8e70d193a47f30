//! Exports: every format by extension and by --format, CSV escaping and
//! round trip, the GeoPackage read back with SQLite, the per-place layer,
//! hostile text in the HTML map, and atomic output.

use crate::bin;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/sample-article.txt")
}

/// Runs `geomention tag ARGS` and returns standard output.
fn tag(args: &[&str]) -> Vec<u8> {
    bin()
        .arg("tag")
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone()
}

fn geojson_of(args: &[&str]) -> Vec<Value> {
    let out = tag(&[args, &["--format", "geojson"]].concat());
    let v: Value = serde_json::from_slice(&out).unwrap();
    v["features"].as_array().unwrap().clone()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn csv_rows(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// The kind of file, from its first bytes.
fn kind(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(b"SQLite format 3\0") {
        "gpkg"
    } else if bytes.starts_with(b"\x1e{") {
        "geojsonseq"
    } else if bytes.starts_with(b"{\"type\":\"FeatureCollection\"") {
        "geojson"
    } else if bytes.starts_with(b"lat,lon,WKT,") {
        "csv"
    } else if bytes.starts_with(b"<!DOCTYPE html>") {
        "html"
    } else {
        "unknown"
    }
}

#[test]
fn each_format_by_extension() {
    let dir = tempfile::tempdir().unwrap();
    for (ext, want) in [
        ("geojson", "geojson"),
        ("json", "geojson"),
        ("geojsons", "geojsonseq"),
        ("geojsonl", "geojsonseq"),
        ("csv", "csv"),
        ("gpkg", "gpkg"),
        ("html", "html"),
        ("HTML", "html"),
    ] {
        let out = dir.path().join(format!("out.{ext}"));
        tag(&[s(&sample()), "-o", s(&out)]);
        assert_eq!(kind(&std::fs::read(&out).unwrap()), want, "{ext}");
    }
    // No side-files but the CSV's metadata.
    assert!(dir.path().join("out.csv.txt").is_file());
    let names: BTreeSet<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 9, "{names:?}");
}

#[test]
fn each_format_by_flag_to_stdout_and_over_the_extension() {
    for f in ["geojson", "geojsonseq", "csv", "gpkg", "html"] {
        let out = tag(&[s(&sample()), "--format", f]);
        assert_eq!(kind(&out), f);
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mentions.txt");
    tag(&[s(&sample()), "-o", s(&out), "--format", "csv"]);
    assert_eq!(kind(&std::fs::read(&out).unwrap()), "csv");
    let out = dir.path().join("really-csv.geojson");
    tag(&[s(&sample()), "-o", s(&out), "--format", "csv"]);
    assert_eq!(kind(&std::fs::read(&out).unwrap()), "csv");
    // Unknown extension: GeoJSON, as before.
    let out = dir.path().join("mentions.out");
    tag(&[s(&sample()), "-o", s(&out)]);
    assert_eq!(kind(&std::fs::read(&out).unwrap()), "geojson");
}

#[test]
fn csv_round_trips_with_the_geojson() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.csv");
    tag(&[s(&sample()), "-o", s(&out)]);
    let features = geojson_of(&[s(&sample())]);
    let (header, rows) = csv_rows(&out);
    assert!(!features.is_empty());
    assert_eq!(rows.len(), features.len());
    let props: Vec<String> = features[0]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(header[..3], ["lat", "lon", "WKT"]);
    assert_eq!(header[3..], props[..]);
    let raw = std::fs::read_to_string(&out).unwrap();
    assert!(raw.contains("\r\n"), "RFC 4180 line ends");
    for (row, f) in rows.iter().zip(&features) {
        let c = &f["geometry"]["coordinates"];
        assert_eq!(row[0].parse::<f64>().unwrap(), c[1].as_f64().unwrap());
        assert_eq!(row[1].parse::<f64>().unwrap(), c[0].as_f64().unwrap());
        let wkt: Vec<f64> = row[2]
            .strip_prefix("POINT (")
            .and_then(|x| x.strip_suffix(')'))
            .unwrap_or_else(|| panic!("not a WKT point: {}", row[2]))
            .split(' ')
            .map(|x| x.parse().unwrap())
            .collect();
        assert_eq!(wkt, [c[0].as_f64().unwrap(), c[1].as_f64().unwrap()]);
        for (i, k) in props.iter().enumerate() {
            let want = match &f["properties"][k] {
                Value::Null => String::new(),
                Value::String(x) => x.clone(),
                v => v.to_string(),
            };
            assert_eq!(row[3 + i], want, "{k}");
        }
    }
    let side = std::fs::read_to_string(dir.path().join("m.csv.txt")).unwrap();
    assert!(side.contains(env!("CARGO_PKG_VERSION")));
    assert!(side.contains("GeoNames"));
    assert!(side.contains("CC BY 4.0"));
    assert!(side.contains("embedded"), "{side}");
}

#[test]
fn csv_neutralises_formulas_and_quotes_quotes_and_newlines() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("docs.jsonl");
    let docs = [
        (
            "=HYPERLINK(\"http://evil\",\"x\")",
            "He said \"Mosul is calm\" today,\nwhile others stayed in Mosul.",
        ),
        ("+1+2", "Clashes in Basra."),
        ("-3", "Clashes in Kirkuk."),
        ("@SUM(A1)", "Clashes in Erbil."),
        ("plain, with comma", "Clashes in Najaf."),
    ];
    let lines: Vec<String> = docs
        .iter()
        .map(|(id, text)| serde_json::json!({"id": id, "text": text}).to_string())
        .collect();
    std::fs::write(&jsonl, lines.join("\n")).unwrap();
    let out = dir.path().join("m.csv");
    bin()
        .args(["tag", "--jsonl", s(&jsonl), "-o", s(&out)])
        .assert()
        .success();
    let (header, rows) = csv_rows(&out);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let ids: BTreeSet<&str> = rows.iter().map(|r| r[col("doc_id")].as_str()).collect();
    for want in [
        "'=HYPERLINK(\"http://evil\",\"x\")",
        "'+1+2",
        "'-3",
        "'@SUM(A1)",
        "plain, with comma",
    ] {
        assert!(ids.contains(want), "{want} in {ids:?}");
    }
    let sentences: Vec<&str> = rows.iter().map(|r| r[col("sentence")].as_str()).collect();
    assert!(
        sentences.iter().any(|x| x.contains("\"Mosul is calm\"")),
        "{sentences:?}"
    );
    assert!(sentences.iter().any(|x| x.contains('\n')), "{sentences:?}");
    // Numbers keep their sign.
    for r in &rows {
        assert!(r[col("lat")].parse::<f64>().is_ok());
        assert!(r[col("population")].parse::<u64>().is_ok());
    }
    // In the raw file, quotes are doubled inside a quoted cell.
    let raw = std::fs::read_to_string(&out).unwrap();
    assert!(raw.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""));
}

#[test]
fn geopackage_reads_back_with_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.gpkg");
    tag(&[s(&sample()), "-o", s(&out)]);
    let features = geojson_of(&[s(&sample())]);
    let places: BTreeSet<&str> = features
        .iter()
        .map(|f| f["properties"]["place_id"].as_str().unwrap())
        .collect();
    let db = rusqlite::Connection::open(&out).unwrap();
    let one = |sql: &str| -> i64 { db.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(one("PRAGMA application_id"), 0x4750_4B47);
    assert_eq!(one("PRAGMA user_version"), 10300);
    let tables: BTreeSet<String> = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|x| x.unwrap())
        .collect();
    for t in [
        "gpkg_spatial_ref_sys",
        "gpkg_contents",
        "gpkg_geometry_columns",
        "gpkg_extensions",
        "gpkg_metadata",
        "gpkg_metadata_reference",
        "mentions",
        "places",
    ] {
        assert!(tables.contains(t), "{t} in {tables:?}");
    }
    let (org, code): (String, i64) = db
        .query_row(
            "SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = 4326",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((org.as_str(), code), ("EPSG", 4326));
    assert_eq!(
        one("SELECT count(*) FROM gpkg_spatial_ref_sys WHERE srs_id IN (-1, 0)"),
        2
    );
    assert_eq!(
        one("SELECT count(*) FROM mentions") as usize,
        features.len()
    );
    assert_eq!(one("SELECT count(*) FROM places") as usize, places.len());
    assert_eq!(
        one("SELECT sum(mention_count) FROM places") as usize,
        features.len()
    );
    assert_eq!(
        one("SELECT count(*) FROM gpkg_extensions WHERE extension_name = 'gpkg_metadata'"),
        2
    );
    let md: String = db
        .query_row(
            "SELECT group_concat(metadata, '\n') FROM gpkg_metadata",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(md.contains(env!("CARGO_PKG_VERSION")) && md.contains("CC BY 4.0"));
    // The first mention: same values, and a GeoPackage point.
    let (geom, name, mention, pop): (Vec<u8>, String, String, i64) = db
        .query_row(
            "SELECT geom, name, \"mention\", population FROM mentions ORDER BY fid LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    let p = &features[0]["properties"];
    assert_eq!(name, p["name"].as_str().unwrap());
    assert_eq!(mention, p["mention"].as_str().unwrap());
    assert_eq!(pop, p["population"].as_i64().unwrap());
    assert_eq!(geom.len(), 61);
    assert_eq!(
        &geom[..4],
        b"GP\x00\x03",
        "magic, version 0, xy envelope, little-endian"
    );
    assert_eq!(i32::from_le_bytes(geom[4..8].try_into().unwrap()), 4326);
    assert_eq!(&geom[40..45], &[1, 1, 0, 0, 0], "WKB little-endian Point");
    let x = f64::from_le_bytes(geom[45..53].try_into().unwrap());
    let y = f64::from_le_bytes(geom[53..61].try_into().unwrap());
    let c = &features[0]["geometry"]["coordinates"];
    assert_eq!((x, y), (c[0].as_f64().unwrap(), c[1].as_f64().unwrap()));
    let (minx, maxy): (f64, f64) = db
        .query_row(
            "SELECT min_x, max_y FROM gpkg_contents WHERE table_name = 'mentions'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(minx <= x && y <= maxy);
}

#[test]
fn group_by_place_counts() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(
        &a,
        "Clashes in Mosul. Police in Mosul said roads were closed.",
    )
    .unwrap();
    std::fs::write(&b, "Talks in Mosul and Basra, the ministry said.").unwrap();
    let mentions = geojson_of(&[s(&a), s(&b)]);
    let out = tag(&[s(&a), s(&b), "--group-by", "place"]);
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert!(v["geomention"]["credit"]
        .as_str()
        .unwrap()
        .contains("GeoNames"));
    let places = v["features"].as_array().unwrap();
    assert_eq!(places.len(), 2);
    let mosul = &places[0]["properties"];
    assert_eq!(mosul["name"], "Mosul");
    assert_eq!(mosul["mention_count"], 3);
    assert_eq!(mosul["doc_count"], 2);
    assert_eq!(mosul["first_sentence"], "Clashes in Mosul.");
    assert_eq!(places[0]["id"], mosul["place_id"]);
    let basra = &places[1]["properties"];
    assert_eq!(
        (basra["mention_count"].as_u64(), basra["doc_count"].as_u64()),
        (Some(1), Some(1))
    );
    let total: u64 = places
        .iter()
        .map(|p| p["properties"]["mention_count"].as_u64().unwrap())
        .sum();
    assert_eq!(total as usize, mentions.len());
    // The same in a sequence and in CSV.
    let seq = tag(&[
        s(&a),
        s(&b),
        "--group-by",
        "place",
        "--format",
        "geojsonseq",
    ]);
    assert_eq!(seq.iter().filter(|&&c| c == 0x1e).count(), 2);
    let csv_path = dir.path().join("places.csv");
    tag(&[s(&a), s(&b), "--group-by", "place", "-o", s(&csv_path)]);
    let (header, rows) = csv_rows(&csv_path);
    assert_eq!(
        header,
        [
            "lat",
            "lon",
            "WKT",
            "place_id",
            "name",
            "feature_class",
            "feature_code",
            "country_code",
            "admin1",
            "population",
            "mention_count",
            "doc_count",
            "sources",
            "first_sentence"
        ]
    );
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][10], "3");
    assert_eq!(rows[0][11], "2");
    // The sample article: one place feature per distinct place_id.
    let m = geojson_of(&[s(&sample())]);
    let ids: BTreeSet<&str> = m
        .iter()
        .map(|f| f["properties"]["place_id"].as_str().unwrap())
        .collect();
    let v: Value = serde_json::from_slice(&tag(&[s(&sample()), "--group-by", "place"])).unwrap();
    assert_eq!(v["features"].as_array().unwrap().len(), ids.len());
}

#[test]
fn group_by_place_lists_sources() {
    let v: Value = serde_json::from_slice(
        &bin()
            .args(["tag", "--group-by", "place"])
            .write_stdin(
                "Officials said fighting continued in Fallujah. \
                 The Red Crescent said families left Fallujah.",
            )
            .assert()
            .success()
            .get_output()
            .stdout,
    )
    .unwrap();
    let f = &v["features"][0]["properties"];
    assert_eq!(f["place_id"], "geonames:99454", "Fallujah");
    assert_eq!(
        (f["mention_count"].as_u64(), f["doc_count"].as_u64()),
        (Some(2), Some(1))
    );
    let sources: Vec<&str> = f["sources"].as_str().unwrap().split("; ").collect();
    assert!(sources.contains(&"Red Crescent"), "{sources:?}");
    assert!(sources.iter().all(|s| !s.is_empty()));
    let distinct: BTreeSet<&&str> = sources.iter().collect();
    assert_eq!(distinct.len(), sources.len());
}

#[test]
fn html_map_renders_hostile_text_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("docs.jsonl");
    let hostile = [
        serde_json::json!({"id": "<script>alert(1)</script>",
            "text": "Fighting in Mosul. <script>alert(1)</script> was posted in Mosul."}),
        serde_json::json!({"id": "\"><img src=x onerror=alert(1)>",
            "text": "\"><img src=x onerror=alert(1)> Clashes were reported in Basra, \
                     <script>alert(2)</script> said.\u{2028}Then Kirkuk & Erbil."}),
    ];
    let lines: Vec<String> = hostile.iter().map(|v| v.to_string()).collect();
    std::fs::write(&jsonl, lines.join("\n")).unwrap();
    let out = dir.path().join("map.html");
    bin()
        .args(["tag", "--jsonl", s(&jsonl), "-o", s(&out)])
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(!html.contains("<script>alert"), "raw script from the data");
    assert!(!html.contains("<img src=x"), "raw img from the data");
    assert!(!html.contains('\u{2028}'));
    // The data is there, escaped.
    assert!(html.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"));
    assert!(html.contains("\\u003cimg src=x onerror=alert(1)\\u003e"));
    assert!(html.contains("Kirkuk \\u0026 Erbil"));
    // The data sits in JSON script elements, and the page never uses innerHTML.
    assert!(html.contains("<script type=\"application/json\" id=\"gm-mentions\">"));
    let app = &html[html.rfind("<script>").unwrap()..];
    assert!(!app.contains("innerHTML") && app.contains("textContent"));
    // Self-contained: Leaflet, the outlines and the credit are embedded; no
    // script or stylesheet is loaded from elsewhere.
    assert!(html.contains("Leaflet"));
    assert!(html.contains("\"type\":\"Topology\""));
    assert!(html.contains("CC BY 4.0"));
    assert!(!html.contains("<script src") && !html.contains("<link"));
}

#[test]
fn html_map_holds_every_place_and_mention() {
    let out = String::from_utf8(tag(&[s(&sample()), "--format", "html"])).unwrap();
    let features = geojson_of(&[s(&sample())]);
    let data = |id: &str| -> Value {
        let start = out.find(&format!("id=\"{id}\">")).unwrap() + id.len() + 6;
        let end = start + out[start..].find("</script>").unwrap();
        serde_json::from_str(&out[start..end]).unwrap()
    };
    let mentions = data("gm-mentions");
    let places = data("gm-places");
    assert_eq!(mentions.as_array().unwrap().len(), features.len());
    let ids: BTreeSet<&str> = features
        .iter()
        .map(|f| f["properties"]["place_id"].as_str().unwrap())
        .collect();
    assert_eq!(places.as_array().unwrap().len(), ids.len());
    // Offsets pick the mention out of its sentence (in code points).
    for (m, f) in mentions.as_array().unwrap().iter().zip(&features) {
        let sentence: Vec<char> = m[2].as_str().unwrap().chars().collect();
        let (a, b) = (
            m[3].as_u64().unwrap() as usize,
            m[4].as_u64().unwrap() as usize,
        );
        let picked: String = sentence[a..b].iter().collect();
        assert_eq!(picked, f["properties"]["mention"].as_str().unwrap());
    }
    assert_eq!(data("gm-meta")["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn a_failed_run_leaves_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.jsonl");
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&good, "{\"id\":\"a\",\"text\":\"Clashes in Mosul.\"}\n").unwrap();
    std::fs::write(
        &bad,
        "{\"id\":\"b\",\"text\":\"Talks in Basra and Kirkuk.\"}\nnot json\n",
    )
    .unwrap();
    for ext in ["geojson", "geojsons", "csv", "gpkg", "html"] {
        let out = dir.path().join(format!("out.{ext}"));
        bin()
            .args(["tag", "--jsonl", s(&good), "-o", s(&out)])
            .assert()
            .success();
        let before = std::fs::read(&out).unwrap();
        bin()
            .args(["tag", "--jsonl", s(&bad), "-o", s(&out)])
            .assert()
            .code(2);
        assert_eq!(std::fs::read(&out).unwrap(), before, "{ext}");
    }
    // No temporary file is left behind.
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn polygon_geometry_is_refused_where_unsupported() {
    bin()
        .args(["tag", "--format", "csv", "--geometry", "polygon"])
        .write_stdin("Clashes in Mosul.")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--geometry polygon"));
}
