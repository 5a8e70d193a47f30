//! The command line: inputs, errors, atomic output.

use crate::{bin, json_out};
use predicates::prelude::*;

#[test]
fn tags_standard_input() {
    let v = json_out(
        bin()
            .arg("tag")
            .write_stdin("Fighting was reported in Mosul."),
    );
    assert_eq!(v["features"][0]["properties"]["mention"], "Mosul");
    assert_eq!(v["features"][0]["properties"]["doc_id"], "stdin");
}

#[test]
fn several_files_make_one_collection() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, "Clashes in Kirkuk.").unwrap();
    std::fs::write(&b, "Talks in Amman and Beirut.").unwrap();
    let v = json_out(bin().arg("tag").arg(&a).arg(&b));
    let f = v["features"].as_array().unwrap();
    assert_eq!(f.len(), 3);
    assert_eq!(f[0]["properties"]["doc_id"], a.display().to_string());
    assert_eq!(f[2]["id"], format!("{}:2", b.display()));
}

#[test]
fn invalid_utf8_is_a_one_line_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.txt");
    std::fs::write(&p, b"Baghdad \xff\xfe").unwrap();
    bin()
        .arg("tag")
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.txt").and(predicate::str::contains("byte 8")))
        .stderr(predicate::function(|s: &str| {
            s.trim_end().lines().count() == 1
        }));
}

#[test]
fn missing_file_is_an_error() {
    bin()
        .args(["tag", "/nonexistent/article.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent/article.txt"));
}

#[test]
fn bad_gazetteer_row_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("places.csv");
    std::fs::write(&g, "name,lat,lon\nGood,1,2\nBad,north,3\n").unwrap();
    bin()
        .arg("tag")
        .arg("--gazetteer")
        .arg(&g)
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("places.csv:3:").and(predicate::str::contains("latitude")),
        );
}

#[test]
fn custom_gazetteer_adds_places() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("mine.csv");
    std::fs::write(&g, "name,alternate_names,lat,lon,feature_code,country_code\nArab Jabour,Arab Jabbur,33.2,44.43,PPL,IQ\n").unwrap();
    let v = json_out(
        bin()
            .arg("tag")
            .arg("--gazetteer")
            .arg(&g)
            .write_stdin("Raids in Arab Jabbur."),
    );
    assert_eq!(v["features"][0]["properties"]["place_id"], "mine:2");
    assert_eq!(v["features"][0]["properties"]["name"], "Arab Jabour");
}

#[test]
fn no_default_gazetteer_uses_only_given_files() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("g.tsv");
    std::fs::write(&g, "name\tlat\tlon\nSmallville\t1\t2\n").unwrap();
    let v = json_out(
        bin()
            .args(["tag", "--no-default-gazetteer", "--gazetteer"])
            .arg(&g)
            .write_stdin("From Smallville to Baghdad."),
    );
    let f = v["features"].as_array().unwrap();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["properties"]["mention"], "Smallville");
    assert_eq!(v["geomention"]["gazetteer"].as_array().unwrap().len(), 1);
}

#[test]
fn failed_run_leaves_the_old_output_alone() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.geojson");
    std::fs::write(&out, "previous").unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"\xff").unwrap();
    bin()
        .arg("tag")
        .arg(&bad)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous");
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "Basra").unwrap();
    bin()
        .arg("tag")
        .arg(&good)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .starts_with("{\"type\":\"FeatureCollection\""));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 3, "no temporary file is left behind");
}

#[test]
fn refuses_to_overwrite_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.txt");
    std::fs::write(&p, "Mosul").unwrap();
    bin().arg("tag").arg(&p).arg("-o").arg(&p).assert().code(2);
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "Mosul");
}

#[test]
fn help_shows_examples() {
    bin()
        .args(["tag", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"));
}

/// A run killed with SIGKILL in the middle leaves the previous output file
/// as it was (outputs go to a temporary file that is renamed at the end).
#[cfg(unix)]
#[test]
fn a_killed_run_leaves_the_previous_output_intact() {
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.txt");
    let sentence = "Clashes were reported in Samarra and Karbala, officials said. ";
    std::fs::write(&input, sentence.repeat(200_000)).unwrap();
    let out = dir.path().join("out.geojson");
    std::fs::write(&out, "previous output\n").unwrap();
    let exe = assert_cmd::cargo::cargo_bin("geomention");
    let mut child = std::process::Command::new(exe)
        .arg("tag")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .arg("-q")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // kill it once it has started writing its temporary file, or after 2 s
    let t0 = Instant::now();
    while t0.elapsed() < Duration::from_secs(2) {
        let temps = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                let n = e.as_ref().unwrap().file_name();
                let n = n.to_string_lossy();
                n != "big.txt" && n != "out.geojson"
            })
            .count();
        if temps > 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let still_running = child.try_wait().unwrap().is_none();
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    assert!(still_running, "the run ended before it could be killed");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous output\n");
}
