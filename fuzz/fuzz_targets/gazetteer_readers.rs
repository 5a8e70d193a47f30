//! Every gazetteer reader on arbitrary bytes: the GeoNames `geoname` table,
//! `alternateNames(V2)`, `admin1CodesASCII`, `admin2Codes`, `countryInfo`,
//! `hierarchy`, and CSV/TSV place lists. The sources are compiled into a
//! gazetteer layer (beside a small valid GeoNames table, so that alternate
//! names and code tables refer to real places), loaded back, and used to tag
//! a text that contains the fuzzed bytes.
//!
//! First byte: which reader (file name); the rest: the file's contents.
#![no_main]

use geomention::gazetteer::compile::Filters;
use geomention::gazetteer::{geonames, tabular};
use geomention::{Gazetteer, Tagger};
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

const BASE: &str = "98182\tBaghdad\tBaghdad\tBagdad,Bagdád\t33.34058\t44.40088\tP\tPPLC\tIQ\t\t07\t\t\t\t7216000\t\t41\tAsia/Baghdad\t2022-05-10\n\
99532\tMuhafazat Diyala\tMuhafazat Diyala\tDiyala\t33.75\t45.0\tA\tADM1\tIQ\t\t10\t\t\t\t1443173\t\t100\tAsia/Baghdad\t2020-01-01\n\
99237\tIraq\tIraq\t\t33.0\t44.0\tA\tPCLI\tIQ\t\t00\t\t\t\t38000000\t\t0\tAsia/Baghdad\t2020-01-01\n";

const NAMES: [&str; 8] = [
    "allCountries.txt",
    "alternateNamesV2.txt",
    "admin1CodesASCII.txt",
    "admin2Codes.txt",
    "countryInfo.txt",
    "places.csv",
    "places.tsv",
    "hierarchy.txt",
];

fn dir() -> &'static tempfile::TempDir {
    static D: OnceLock<tempfile::TempDir> = OnceLock::new();
    D.get_or_init(|| {
        let d = tempfile::tempdir().expect("temp dir");
        std::fs::write(d.path().join("base.txt"), BASE).expect("base table");
        d
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, body)) = data.split_first() else {
        return;
    };
    let sel = (sel % 8) as usize;

    // the in-memory readers
    let _ = geonames::read_geonames(body);
    if let Ok(places) = tabular::read_places(body, if sel == 6 { b'\t' } else { b',' }, "fuzz") {
        for p in &places {
            assert!(p.lat.abs() <= 90.0 && p.lon.abs() <= 180.0);
        }
    }

    // the compiler, through files as users give them
    let d = dir();
    let path = d.path().join(NAMES[sel]);
    if std::fs::write(&path, body).is_err() {
        return;
    }
    let mut paths: Vec<PathBuf> = vec![path.clone()];
    if sel != 0 && sel != 5 && sel != 6 {
        paths.push(d.path().join("base.txt"));
    }
    let mut g = Gazetteer::empty();
    let built = g.add_sources(&paths, &Filters::default()).is_ok();
    let _ = std::fs::remove_file(&path);
    if !built {
        return;
    }
    for name in ["Baghdad", "Diyala", "Iraq", "x"] {
        for p in g.lookup(name) {
            assert!(p.lat.abs() <= 90.0 && p.lon.abs() <= 180.0);
        }
    }
    let mut text = String::from("Fighting in Baghdad and Diyala, Iraq, officials said. ");
    text.push_str(&String::from_utf8_lossy(&body[..body.len().min(512)]));
    let tagger = Tagger::new(g);
    let chars: Vec<char> = text.chars().collect();
    for m in tagger.tag("fuzz", &text) {
        let got: String = chars[m.start..m.end].iter().collect();
        assert_eq!(got, m.surface);
    }
});
