//! Corpora on the command line: folders and globs, HTML pages, parallel
//! tagging in input order, progress and summary, limits, exit codes.

use crate::{bin, json_out};
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn write(dir: &Path, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, content).unwrap();
    p
}

fn features(v: &Value) -> &Vec<Value> {
    v["features"].as_array().expect("a FeatureCollection")
}

/// The distinct doc_id values of a collection, in order of appearance.
fn doc_ids(v: &Value) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for f in features(v) {
        let id = f["properties"]["doc_id"].as_str().unwrap().to_string();
        if ids.last() != Some(&id) {
            ids.push(id);
        }
    }
    ids
}

#[test]
fn the_tagger_can_be_shared_between_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<geomention::Tagger>();
    shared::<geomention::Mention>();
}

#[test]
fn folders_are_walked_in_name_order_and_filtered() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("corpus");
    write(&root, "b.txt", "Clashes in Kirkuk.");
    write(&root, "a/z.md", "Talks in Amman.");
    write(&root, "a/b.txt", "Rockets hit Basra.");
    write(&root, "c.TXT", "Aid reached Mosul.");
    write(&root, "notes.png", "Protests in Cairo.");
    write(&root, ".hidden.txt", "Protests in Beirut.");
    write(&root, ".cache/x.txt", "Protests in Damascus.");
    let extra = write(d.path(), "extra.dat", "Floods in Karachi.");
    let v = json_out(bin().arg("tag").arg(&root).arg(&extra));
    let rel = |p: &str| root.join(p).display().to_string();
    assert_eq!(
        doc_ids(&v),
        [
            rel("a/b.txt"),
            rel("a/z.md"),
            rel("b.txt"),
            rel("c.TXT"),
            extra.display().to_string()
        ]
    );
    // --glob picks by file name; a file named on the command line is read anyway
    let v = json_out(
        bin()
            .arg("tag")
            .arg(&root)
            .args(["--glob", "*.md", "--glob", "*.png"])
            .arg(&extra),
    );
    assert_eq!(
        doc_ids(&v),
        [rel("a/z.md"), rel("notes.png"), extra.display().to_string()]
    );
    bin()
        .arg("tag")
        .arg(&root)
        .args(["--glob", "[oops"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("[oops"));
}

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Militias gather near Samarra | Example News</title>
CANONICAL
</head><body>
<header class="site-header"><nav id="main-nav"><ul>
<li><a href="/">Home</a></li><li><a href="/london">London</a></li><li><a href="/paris">Paris</a></li>
</ul></nav></header>
<main><article class="post">
<h1>Militias gather near Samarra</h1>
<p class="byline">By Jane Writer</p>
<p>Fighters gathered in Samarra and Tikrit on Sunday, residents said, while the government
in Baghdad promised to send more troops to the province before the end of the week.</p>
<p>Officials in Karbala said that the road to Najaf had been closed for most of the day and
that many families from the villages around Balad had fled towards the south of Iraq.</p>
<p>&ldquo;We have nowhere to go,&rdquo; a farmer from Dujail said. The ministry in Baghdad did
not answer questions about the fighting near Fallujah, where the army has been fighting for months.</p>
</article></main>
<aside class="sidebar widget"><h3>Most read</h3><ul><li><a href="/x">Fashion week in Milan</a></li>
<li><a href="/y">Floods in Venice</a></li></ul></aside>
<footer id="footer"><p>&copy; Example News, Madrid</p>
<a class="amp-mobile-version-switcher" href="/militias?noamp=mobile">Exit mobile version</a></footer>
</body></html>"#;

#[test]
fn html_pages_are_tagged_on_their_article_text() {
    let d = tempfile::tempdir().unwrap();
    let page = write(
        d.path(),
        "pages/militias.html",
        PAGE.replace(
            "CANONICAL",
            r#"<link rel="canonical" href="https://example.org/militias">"#,
        ),
    );
    let bare = write(d.path(), "pages/bare.htm", PAGE.replace("CANONICAL", ""));
    let texts = d.path().join("texts");
    let out = d.path().join("out.geojson");
    bin()
        .arg("tag")
        .arg(d.path().join("pages"))
        .arg("--emit-text")
        .arg(&texts)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    // the manifest: one text per document, in input order, with title and address
    let manifest: Vec<Value> = std::fs::read_to_string(texts.join("manifest.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(manifest.len(), 2);
    assert_eq!(manifest[0]["id"], bare.display().to_string());
    assert_eq!(manifest[0]["url"], bare.display().to_string());
    assert_eq!(manifest[1]["id"], page.display().to_string());
    assert_eq!(manifest[1]["url"], "https://example.org/militias");
    for m in &manifest {
        let title = m["title"].as_str().unwrap();
        assert!(title.starts_with("Militias gather near Samarra"), "{title}");
    }
    let text_of = |id: &str| -> String {
        let row = manifest.iter().find(|m| m["id"] == id).unwrap();
        std::fs::read_to_string(texts.join(row["file"].as_str().unwrap())).unwrap()
    };
    let page_text = text_of(&page.display().to_string());
    assert!(page_text.contains("Fighters gathered in Samarra"));
    for furniture in [
        "Exit mobile version",
        "Most read",
        "Milan",
        "Venice",
        "Madrid",
        "London",
        "Home",
    ] {
        assert!(
            !page_text.contains(furniture),
            "{furniture} kept:\n{page_text}"
        );
    }
    // HTML entities are text, and the markup is gone
    assert!(page_text.contains("“We have nowhere to go,”"));
    assert!(!page_text.contains('<'));
    let f = features(&v);
    let mentions: Vec<&str> = f
        .iter()
        .filter(|f| f["properties"]["doc_id"] == page.display().to_string())
        .map(|f| f["properties"]["mention"].as_str().unwrap())
        .collect();
    for place in [
        "Samarra", "Tikrit", "Baghdad", "Karbala", "Najaf", "Fallujah",
    ] {
        assert!(mentions.contains(&place), "{place} missing: {mentions:?}");
    }
    for furniture in ["London", "Paris", "Milan", "Venice", "Madrid"] {
        assert!(!mentions.contains(&furniture), "{furniture}: {mentions:?}");
    }
    // every offset indexes the emitted text (code points, end exclusive)
    for feat in f {
        let p = &feat["properties"];
        let chars: Vec<char> = text_of(p["doc_id"].as_str().unwrap()).chars().collect();
        let (s, e) = (
            p["start"].as_u64().unwrap() as usize,
            p["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            chars[s..e].iter().collect::<String>(),
            p["mention"].as_str().unwrap()
        );
        let (ss, se) = (
            p["sentence_start"].as_u64().unwrap() as usize,
            p["sentence_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            chars[ss..se].iter().collect::<String>(),
            p["sentence"].as_str().unwrap()
        );
    }
}

#[test]
fn html_from_standard_input_and_by_flag() {
    let v = json_out(
        bin()
            .args(["tag", "--html"])
            .write_stdin(PAGE.replace("CANONICAL", "")),
    );
    let f = features(&v);
    assert!(f.iter().any(|f| f["properties"]["mention"] == "Samarra"));
    assert!(f.iter().all(|f| f["properties"]["doc_id"] == "stdin"));
    assert!(!f.iter().any(|f| f["properties"]["mention"] == "Milan"));
    // without --html the same bytes are plain text: the sidebar is tagged too
    let v = json_out(bin().arg("tag").write_stdin(PAGE.replace("CANONICAL", "")));
    assert!(features(&v)
        .iter()
        .any(|f| f["properties"]["mention"] == "Milan"));
}

/// 200 short documents naming different places.
fn many_documents(dir: &Path) -> (PathBuf, PathBuf) {
    let places = [
        "Mosul", "Basra", "Kirkuk", "Amman", "Beirut", "Damascus", "Cairo", "Aleppo", "Homs",
        "Tikrit", "Najaf", "Karbala", "Erbil", "Ramadi",
    ];
    let folder = dir.join("docs");
    let mut jsonl = String::new();
    for i in 0..200 {
        let a = places[i % places.len()];
        let b = places[(i * 7 + 3) % places.len()];
        // documents of different lengths, so that they finish out of order
        let filler = "The talks went on for hours. ".repeat(i % 13 * 20);
        let text = format!("Report {i}: fighting in {a}. {filler}Officials in {b} said so.");
        write(&folder, &format!("doc-{i:03}.txt"), &text);
        jsonl.push_str(&serde_json::json!({"id": i, "text": text}).to_string());
        jsonl.push('\n');
    }
    (folder, write(dir, "docs.jsonl", jsonl))
}

#[test]
fn output_order_is_input_order_whatever_the_threads() {
    let d = tempfile::tempdir().unwrap();
    let (folder, jsonl) = many_documents(d.path());
    let run = |args: &[&str], threads: &str| -> Vec<u8> {
        bin()
            .arg("tag")
            .args(args)
            .args(["--threads", threads])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let folder = folder.display().to_string();
    let jsonl = jsonl.display().to_string();
    for args in [
        vec![folder.as_str()],
        vec![jsonl.as_str(), "--format", "geojsonseq"],
        vec!["--jsonl", jsonl.as_str(), "--format", "csv"],
    ] {
        let one = run(&args, "1");
        let four = run(&args, "4");
        assert!(!one.is_empty());
        assert!(one == four, "{args:?}: outputs differ with 1 and 4 threads");
    }
    let v: Value = serde_json::from_slice(&run(&[folder.as_str()], "4")).unwrap();
    let ids = doc_ids(&v);
    assert_eq!(ids.len(), 200);
    for (i, id) in ids.iter().enumerate() {
        assert!(id.ends_with(&format!("doc-{i:03}.txt")), "{i}: {id}");
    }
    assert_eq!(features(&v).len(), 400);
}

#[test]
fn summary_on_standard_error_unless_quiet() {
    let d = tempfile::tempdir().unwrap();
    let a = write(d.path(), "a.txt", "Clashes in Kirkuk and Mosul.");
    let b = write(d.path(), "b.txt", "Talks in Amman.");
    let out = bin().arg("tag").arg(&a).arg(&b).assert().success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    // a pipe gets no progress bar: one summary line only
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(!err.contains('\r') && !err.contains("ETA"), "{err:?}");
    assert!(
        err.starts_with("geomention: 2 documents, 3 mentions in "),
        "{err:?}"
    );
    assert!(err.trim_end().ends_with("MB/s)"), "{err:?}");
    for quiet in ["--quiet", "-q"] {
        bin()
            .arg("tag")
            .arg(&a)
            .arg(quiet)
            .assert()
            .success()
            .stderr("");
    }
}

#[test]
fn exit_codes() {
    let d = tempfile::tempdir().unwrap();
    let good = write(d.path(), "good.txt", "Clashes in Kirkuk.");
    let bad = write(d.path(), "bad.txt", b"Talks in Amman \xff.");
    let missing = d.path().join("missing.txt");
    // 0: everything read
    bin().arg("tag").arg(&good).assert().code(0);
    // 2: a bad file stops the run, with one line naming it
    bin()
        .arg("tag")
        .arg(&good)
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad.txt: invalid UTF-8 at byte 15",
        ))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
    // 1: --keep-going skips it with a warning and tags the rest
    for other in [&bad, &missing] {
        let out = bin()
            .arg("tag")
            .arg(other)
            .arg(&good)
            .arg("--keep-going")
            .assert()
            .code(1)
            .stderr(predicate::str::contains(format!(
                "geomention: skipped {}: ",
                other.display()
            )))
            .stderr(predicate::str::contains("1 document, 1 mention in"))
            .stderr(predicate::str::contains("; 1 skipped ("));
        let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        assert_eq!(doc_ids(&v), [good.display().to_string()]);
    }
    // JSONL: the warning names file and line
    let jsonl = write(
        d.path(),
        "c.jsonl",
        "{\"id\":1,\"text\":\"In Mosul.\"}\n{\"id\":2}\n{\"id\":3,\"text\":\"In Basra.\"}\n",
    );
    bin()
        .arg("tag")
        .arg(&jsonl)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{}:2: ", jsonl.display())));
    let out = bin()
        .arg("tag")
        .arg(&jsonl)
        .args(["--keep-going", "--quiet"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "geomention: skipped {}:2: ",
            jsonl.display()
        )));
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(doc_ids(&v), ["1", "3"]);
    // 2: usage errors
    bin().args(["tag", "--no-such-flag"]).assert().code(2);
    bin()
        .args(["tag", "--threads", "many"])
        .write_stdin("x")
        .assert()
        .code(2);
}

#[test]
fn lossy_replaces_invalid_utf8() {
    let d = tempfile::tempdir().unwrap();
    let bad = write(d.path(), "bad.txt", b"Caf\xe9 owners in \xffMosul said so.");
    bin()
        .arg("tag")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.txt: invalid UTF-8 at byte 3"));
    let texts = d.path().join("texts");
    let v = json_out(
        bin()
            .arg("tag")
            .arg(&bad)
            .arg("--lossy")
            .arg("--emit-text")
            .arg(&texts),
    );
    let p = &features(&v)[0]["properties"];
    assert_eq!(p["mention"], "Mosul");
    // each invalid byte is one U+FFFD: "Caf\u{fffd} owners in \u{fffd}" is 16 code points
    assert_eq!(p["start"], 16);
    let file = std::fs::read_dir(&texts)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "txt"))
        .unwrap();
    assert_eq!(
        std::fs::read_to_string(file).unwrap(),
        "Caf\u{fffd} owners in \u{fffd}Mosul said so."
    );
    // the same in JSONL
    let jsonl = write(
        d.path(),
        "bad.jsonl",
        b"{\"id\":\"x\",\"text\":\"\xff in Basra.\"}\n",
    );
    bin()
        .arg("tag")
        .arg(&jsonl)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad.jsonl:1: invalid UTF-8 at byte 18",
        ));
    let v = json_out(bin().arg("tag").arg(&jsonl).arg("--lossy"));
    assert_eq!(features(&v)[0]["properties"]["mention"], "Basra");
}

#[test]
fn documents_over_the_size_limit_are_skipped() {
    let d = tempfile::tempdir().unwrap();
    let small = write(d.path(), "a-small.txt", "Clashes in Kirkuk.");
    let big = write(
        d.path(),
        "b-big.txt",
        format!("Talks in Amman. {}", "More talks. ".repeat(100)),
    );
    let out = bin()
        .arg("tag")
        .arg(d.path())
        .args(["--max-document-bytes", "100"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "geomention: skipped {}: larger than the limit of 100 bytes",
            big.display()
        )))
        .stderr(predicate::str::contains("1 skipped (1 too large)"));
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(doc_ids(&v), [small.display().to_string()]);
    // standard input and JSONL lines too, with the line named
    bin()
        .args(["tag", "--max-document-bytes", "10"])
        .write_stdin("Clashes in Kirkuk and Mosul.")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("skipped stdin: larger than"));
    let long = "x".repeat(200);
    let jsonl = write(
        d.path(),
        "c.jsonl",
        format!("{{\"id\":1,\"text\":\"{long} Mosul\"}}\n{{\"id\":2,\"text\":\"In Basra.\"}}\n"),
    );
    let out = bin()
        .args(["tag", "--max-document-bytes", "100", "--jsonl"])
        .arg(&jsonl)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "skipped {}:1: ",
            jsonl.display()
        )));
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(doc_ids(&v), ["2"]);
}

#[test]
fn refuses_to_write_over_a_file_of_an_input_folder() {
    let d = tempfile::tempdir().unwrap();
    let a = write(d.path(), "in/a.txt", "Mosul");
    bin()
        .arg("tag")
        .arg(d.path().join("in"))
        .arg("-o")
        .arg(&a)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "refusing to write the output over an input",
        ));
    assert_eq!(std::fs::read_to_string(&a).unwrap(), "Mosul");
}
