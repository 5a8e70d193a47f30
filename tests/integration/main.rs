//! Integration tests: one binary, one module per area.

mod acceptance;
mod cli;
mod contract;
mod corpus;
mod eval;
mod examples;
mod exports;
mod gazetteer;
mod properties;
mod resolution;
mod robustness;
mod variants;

use std::path::PathBuf;

/// The shared folder beside the project, or None (with the reason printed)
/// when it is absent, as on a user's machine.
pub fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if p.join("acceptance").is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: ../shared is absent (the reference data lives there)");
        None
    }
}

/// The geomention binary built for these tests.
pub fn bin() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("geomention").expect("the geomention binary is built")
}

/// Runs a command that must succeed and parses its standard output as JSON.
pub fn json_out(cmd: &mut assert_cmd::Command) -> serde_json::Value {
    serde_json::from_slice(&cmd.assert().success().get_output().stdout).expect("the output is JSON")
}

/// Scores a GeoJSON output of the reference article with ../shared's
/// `score_seed.py` and the given thresholds; fails the test with the
/// scorer's report when a threshold is missed.
pub fn assert_reference_score(sh: &std::path::Path, out: &std::path::Path, flags: &[&str]) {
    let score = std::process::Command::new("python3")
        .arg(sh.join("tools/score_seed.py"))
        .arg(sh.join("acceptance/qods-force-iraq.gold.json"))
        .arg(out)
        .args(flags)
        .output()
        .expect("python3 runs the reference scorer");
    let text = String::from_utf8_lossy(&score.stdout);
    println!("{text}");
    assert!(score.status.success(), "reference scorer failed:\n{text}");
}
