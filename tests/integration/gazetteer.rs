//! Gazetteers at full scale: every GeoNames file type, the user's lists,
//! compiled indexes, inspection, and broken inputs.

use crate::{assert_reference_score, bin, shared};
use predicates::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

const TABLE: &str = "\
98182\tBaghdad\tBaghdad\tBagdad,Bagdád\t33.34058\t44.40088\tP\tPPLC\tIQ\t\t07\t\t\t\t7216000\t\t41\tAsia/Baghdad\t2022-05-10
96965\tMuḩāfaz̧at Diyālá\tMuhafazat Diyala\t\t33.9\t45.0\tA\tADM1\tIQ\t\t10\t\t\t\t1443200\t\t100\tAsia/Baghdad\t2020-01-01
91700\tJurf as Sakhr\tJurf as Sakhr\t\t32.85\t44.18\tP\tPPL\tIQ\t\t06\t\t\t\t0\t\t30\tAsia/Baghdad\t2020-01-01
250441\tAmman\tAmman\t\t31.95522\t35.94503\tP\tPPLC\tJO\t\t16\t\t\t\t1275857\t\t779\tAsia/Amman\t2020-01-01
";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn gzip(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    let mut e = flate2::write::GzEncoder::new(
        std::fs::File::create(&p).unwrap(),
        flate2::Compression::default(),
    );
    e.write_all(text.as_bytes()).unwrap();
    e.finish().unwrap();
    p
}

fn zip(dir: &Path, name: &str, inner: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    let mut z = zip::ZipWriter::new(std::fs::File::create(&p).unwrap());
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.start_file(inner, opts).unwrap();
    z.write_all(text.as_bytes()).unwrap();
    z.finish().unwrap();
    p
}

fn build(args: &[&Path], out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    let mut c = bin();
    c.args(["gazetteer", "build"]);
    for a in args {
        c.arg(a);
    }
    c.args(extra).arg("-o").arg(out).assert()
}

fn lookup(index: &Path, name: &str, extra: &[&str]) -> String {
    let out = bin()
        .args([
            "gazetteer",
            "lookup",
            name,
            "--no-default-gazetteer",
            "--index",
        ])
        .arg(index)
        .args(extra)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn every_geonames_file_type_builds_an_index_that_tag_uses() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let table = zip(dir, "IQ.zip", "IQ.txt", TABLE);
    let admin1 = write(dir, "admin1CodesASCII.txt", "IQ.07\tBaghdad\tBaghdad\t98180\nIQ.10\tDiyālá\tDiyala\t96965\nIQ.06\tBābil\tBabil\t98228\n");
    let admin2 = write(
        dir,
        "admin2Codes.txt",
        "IQ.06.1\tMahmudiyah\tMahmudiyah District\t91700\n",
    );
    let country = write(
        dir,
        "countryInfo.txt",
        "#ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\tArea(in sq km)\tPopulation\tContinent\ttld\tCurrencyCode\tCurrencyName\tPhone\tPostal Code Format\tPostal Code Regex\tLanguages\tgeonameid\tneighbours\tEquivalentFipsCode\nJO\tJOR\t400\tJO\tJordan\tAmman\t92300\t9956011\tAS\t.jo\tJOD\tDinar\t962\t#####\t^(\\d{5})$\tar-JO,en\t250441\tSY,SA,IQ,IL,PS\t\n",
    );
    // alternateNamesV2 (10 columns): a real name, a pseudo-language link, an abbreviation code
    let alt = gzip(
        dir,
        "alternateNamesV2.txt.gz",
        "1\t91700\ten\tJurf al-Sakhar\t\t\t\t\t\t\n2\t91700\tlink\thttps://en.wikipedia.org/wiki/Jurf_al_Sakhar\t\t\t\t\t\t\n3\t98182\tiata\tBGW\t\t\t\t\t\t\n4\t98182\ten\tDar as-Salam\t\t\t\t1\t\t\n",
    );
    let hier = write(dir, "hierarchy.txt", "99237\t96965\tADM\n");
    let idx = dir.join("iq.gmi");
    build(
        &[&table, &alt, &admin1, &admin2, &country, &hier],
        &idx,
        &[],
    )
    .success();

    let jurf = lookup(&idx, "Jurf al-Sakhar", &[]);
    assert!(
        jurf.contains("geonames:91700") && jurf.contains("Babil"),
        "{jurf}"
    );
    let by_admin2 = lookup(&idx, "Mahmudiyah District", &[]);
    assert!(
        by_admin2.contains("geonames:91700"),
        "admin2 names: {by_admin2}"
    );
    assert!(
        lookup(&idx, "BGW", &[]).contains("no candidate"),
        "iata codes are not names"
    );
    let historic = lookup(&idx, "Dar as-Salam", &[]);
    assert!(historic.contains("historic"), "{historic}");
    let diyala = lookup(&idx, "Diyala", &["--country", "IQ"]);
    assert!(
        diyala.contains("ADM1") && diyala.contains("\tDiyala\t"),
        "{diyala}"
    );

    let out = bin()
        .args(["tag", "--no-default-gazetteer", "--index"])
        .arg(&idx)
        .write_stdin("Clashes in Jurf al-Sakhar and Baghdad.")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let names: Vec<&str> = v["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Jurf as Sakhr", "Baghdad"]);

    let info = bin()
        .args(["gazetteer", "info", "--no-default-gazetteer", "--index"])
        .arg(&idx)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let info = String::from_utf8(info).unwrap();
    assert!(
        info.contains("places: 4") && info.contains("P=3") && info.contains("IQ=3"),
        "{info}"
    );
    assert!(info.contains("CC BY 4.0"));
}

#[test]
fn filters_keep_what_is_asked() {
    let d = tempfile::tempdir().unwrap();
    let table = gzip(d.path(), "all.txt.gz", TABLE);
    let idx = d.path().join("f.gmi");
    build(
        &[&table],
        &idx,
        &[
            "--countries",
            "IQ",
            "--feature-classes",
            "P",
            "--min-population",
            "1000",
        ],
    )
    .success();
    let info = String::from_utf8(
        bin()
            .args(["gazetteer", "info", "--no-default-gazetteer", "--index"])
            .arg(&idx)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    // Baghdad only: Amman is in JO, Diyala is class A, Jurf has no population
    assert!(info.contains("places: 1"), "{info}");
}

#[test]
fn own_lists_merge_and_later_files_override_earlier_ones() {
    let d = tempfile::tempdir().unwrap();
    let a = write(
        d.path(),
        "a.csv",
        "id,name,lat,lon,country_code\nx:1,Camp Alpha,30,40,IQ\n",
    );
    let b = write(
        d.path(),
        "b.tsv",
        "id\tname\tlat\tlon\tcountry_code\nx:1\tCamp Alpha\t31\t41\tIQ\n",
    );
    let out = bin()
        .args(["tag", "--no-default-gazetteer", "--gazetteer"])
        .arg(&a)
        .arg("--gazetteer")
        .arg(&b)
        .write_stdin("Troops left Camp Alpha.")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let f = v["features"].as_array().unwrap();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["geometry"]["coordinates"][1], 31.0);
}

#[test]
fn block_and_alias_lists() {
    let d = tempfile::tempdir().unwrap();
    let block = write(d.path(), "block.txt", "# never tag these\nMosul\n");
    let alias = write(
        d.path(),
        "alias.txt",
        "# extra names\nBaghdad Central\tgeonames:98182\n",
    );
    let out = bin()
        .arg("tag")
        .arg("--block-list")
        .arg(&block)
        .arg("--aliases")
        .arg(&alias)
        .write_stdin("From Mosul to Baghdad Central.")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let f = v["features"].as_array().unwrap();
    assert_eq!(f.len(), 1, "{v}");
    assert_eq!(f[0]["properties"]["mention"], "Baghdad Central");
    assert_eq!(f[0]["properties"]["place_id"], "geonames:98182");
    let bad = write(d.path(), "bad-alias.txt", "Somewhere\tgeonames:0\n");
    bin()
        .arg("tag")
        .arg("--aliases")
        .arg(&bad)
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("bad-alias.txt:1:")
                .and(predicate::str::contains("geonames:0")),
        );
}

#[test]
fn malformed_rows_name_file_and_line() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let good_row = TABLE.lines().next().unwrap();
    let cases: Vec<(PathBuf, &str, &str)> = vec![
        (
            write(
                dir,
                "XX.txt",
                &format!("{good_row}\n{}\n", good_row.replace("33.34058", "north")),
            ),
            "XX.txt:2:",
            "latitude",
        ),
        (
            write(dir, "admin1CodesASCII.txt", "IQ.07\tBaghdad\n"),
            "admin1CodesASCII.txt:1:",
            "columns",
        ),
        (
            write(dir, "admin2Codes.txt", "IQ.06.1\tA\tA\tnotanumber\n"),
            "admin2Codes.txt:1:",
            "geonameid",
        ),
        (
            write(dir, "alternateNamesV2.txt", "1\t2\ten\n"),
            "alternateNamesV2.txt:1:",
            "columns",
        ),
        (
            write(dir, "countryInfo.txt", "JO\tJOR\n"),
            "countryInfo.txt:1:",
            "columns",
        ),
        (
            write(dir, "places.csv", "name,lat,lon\nA,1,2\nB,1,200\n"),
            "places.csv:3:",
            "longitude",
        ),
        (
            write(dir, "places.tsv", "name\tlat\tlon\nA\t1\n"),
            "places.tsv:2:",
            "fields",
        ),
    ];
    let table = write(dir, "base.txt", TABLE);
    for (path, at, what) in cases {
        let mut c = bin();
        c.args(["gazetteer", "build"]).arg(&path);
        if !path.ends_with("XX.txt") && !path.to_string_lossy().contains("places.") {
            c.arg(&table);
        }
        c.arg("-o").arg(dir.join("x.gmi"));
        c.assert()
            .code(2)
            .stderr(predicate::str::contains(at).and(predicate::str::contains(what)))
            .stderr(predicate::function(|s: &str| {
                s.trim_end().lines().count() == 1
            }));
    }
    assert!(!dir.join("x.gmi").exists(), "no half-written index");
}

#[test]
fn truncated_or_tampered_indexes_are_refused() {
    let d = tempfile::tempdir().unwrap();
    let table = write(d.path(), "t.txt", TABLE);
    let idx = d.path().join("ok.gmi");
    build(&[&table], &idx, &[]).success();
    let bytes = std::fs::read(&idx).unwrap();
    let mut tampered = bytes.clone();
    let mid = tampered.len() / 2;
    tampered[mid] ^= 0x40;
    let mut version = bytes.clone();
    version[8] = 9;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "truncated.gmi",
            bytes[..bytes.len() - 100].to_vec(),
            "truncated",
        ),
        ("tampered.gmi", tampered, "checksum"),
        ("version.gmi", version, "version"),
    ];
    for (name, data, what) in cases {
        let p = d.path().join(name);
        std::fs::write(&p, data).unwrap();
        bin()
            .args(["tag", "--index"])
            .arg(&p)
            .write_stdin("Baghdad")
            .assert()
            .code(2)
            .stderr(predicate::str::contains(name).and(predicate::str::contains(what)));
    }
}

#[test]
fn reference_sources_build_indexes_that_score_as_well() {
    let Some(sh) = shared() else { return };
    let d = tempfile::tempdir().unwrap();
    let r = sh.join("gazetteer-sources/reference-only");
    let world = d.path().join("c15.gmi");
    build(
        &[
            &r.join("cities15000.txt"),
            &r.join("admin1CodesASCII.txt"),
            &r.join("admin2Codes.txt"),
            &r.join("countryInfo.txt"),
        ],
        &world,
        &[],
    )
    .success();
    let iraq = d.path().join("iraq.gmi");
    build(
        &[
            &r.join("iraq-detailed-map.csv"),
            &sh.join("acceptance/analyst-additions.csv"),
        ],
        &iraq,
        &[],
    )
    .success();
    let out = d.path().join("ref.geojson");
    bin()
        .arg("tag")
        .arg(sh.join("corpus/qods-force-iraq.txt"))
        .arg("--index")
        .arg(&world)
        .arg("--index")
        .arg(&iraq)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert_reference_score(&sh, &out, &["--min-recall", "0.8", "--max-fp", "0"]);
    let l = String::from_utf8(
        bin()
            .args([
                "gazetteer",
                "lookup",
                "Diyala",
                "--country",
                "IQ",
                "--index",
            ])
            .arg(&world)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    assert!(
        l.lines()
            .any(|x| x.contains("ADM1") && x.contains("\tDiyala\t")),
        "{l}"
    );
}

#[test]
fn same_name_within_a_kilometre_is_one_candidate_with_both_ids() {
    use geomention::{Gazetteer, Place};
    let mut g = Gazetteer::empty();
    let p = |id: &str, lat: f64| Place {
        id: id.into(),
        name: "Camp Bravo".into(),
        lat,
        lon: 44.0,
        ..Place::default()
    };
    g.add_places(&[p("a:1", 33.0)], "a").unwrap();
    g.add_places(&[p("b:7", 33.005), p("b:8", 34.0)], "b")
        .unwrap();
    let c = g.candidates("camp bravo");
    assert_eq!(c.len(), 2, "the far one stays separate");
    let merged = c
        .iter()
        .find(|(_, p)| p.id == "b:7")
        .expect("the later source wins");
    assert_eq!(merged.1.same_as, vec!["a:1".to_string()]);
}

#[test]
fn an_article_before_a_name_of_the_users_list() {
    use geomention::{Gazetteer, Place, Tagger};
    let mut g = Gazetteer::empty();
    let p = |id: &str, name: &str, lat: f64, lon: f64| Place {
        id: id.into(),
        name: name.into(),
        lat,
        lon,
        feature_class: "P".into(),
        feature_code: "PPLA".into(),
        country_code: "IQ".into(),
        population: 1_000_000,
        ..Place::default()
    };
    g.add_places(
        &[
            p("u:1", "Mosul", 36.34, 43.12),
            p("u:2", "Najaf", 32.0, 44.33),
            p("u:3", "Harbi", 33.0, 44.0),
        ],
        "users",
    )
    .unwrap();
    let tagger = Tagger::new(g);
    let found = |text: &str| -> Vec<String> {
        tagger
            .tag("t", text)
            .into_iter()
            .map(|m| m.place.name.to_string())
            .collect()
    };
    // "Al" and "An" are census given names, and the articles of these names
    assert_eq!(
        found("Clashes were reported in Al Mosul on Monday."),
        ["Mosul"]
    );
    assert_eq!(
        found("Clashes were reported in An Najaf on Monday."),
        ["Najaf"]
    );
    // inside a person's name, "Al" keeps the family name a name
    assert_eq!(found("The poet Zaid Al Harbi read in Mosul."), ["Mosul"]);
}
