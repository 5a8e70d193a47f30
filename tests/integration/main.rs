//! Integration tests: one binary, one module per area.

mod acceptance;
mod cli;
mod contract;
mod eval;
mod examples;
mod exports;
mod gazetteer;
mod properties;
mod resolution;
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
