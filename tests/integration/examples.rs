//! The programs in examples/ run (`cargo test` builds them beside the tests).

use std::path::PathBuf;

fn example(name: &str) -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?.parent()?.join("examples");
    let p = dir.join(name);
    p.exists().then_some(p)
}

#[test]
fn tag_text_example_runs() {
    let Some(path) = example("tag_text") else {
        panic!("examples/tag_text was not built next to the tests");
    };
    let out = std::process::Command::new(path)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the example runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Mosul"), "{text}");
    assert!(text.contains("IQ"), "{text}");
}
