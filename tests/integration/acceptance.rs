//! The reference article of ../shared, scored against its hand-checked gold.

use crate::{assert_reference_score, bin, shared};
use serde_json::Value;

fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    geomention::geo::haversine_km(a.0, a.1, b.0, b.1)
}

fn tag_reference(extra: &[&str]) -> Option<(Value, Value)> {
    let sh = shared()?;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ref.geojson");
    let mut cmd = bin();
    cmd.arg("tag").arg(sh.join("corpus/qods-force-iraq.txt"));
    for g in extra {
        cmd.arg("--gazetteer").arg(sh.join(g));
    }
    cmd.arg("-o").arg(&out).assert().success();
    let fc: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(sh.join("acceptance/qods-force-iraq.gold.json")).unwrap(),
    )
    .unwrap();
    Some((fc, gold))
}

fn spans(fc: &Value) -> Vec<(i64, i64, f64, f64, String)> {
    fc["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let p = &f["properties"];
            let c = &f["geometry"]["coordinates"];
            (
                p["start"].as_i64().unwrap(),
                p["end"].as_i64().unwrap(),
                c[1].as_f64().unwrap(),
                c[0].as_f64().unwrap(),
                p["mention"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn overlaps(s: i64, e: i64, g: &Value) -> bool {
    s < g["end"].as_i64().unwrap() && g["start"].as_i64().unwrap() < e
}

#[test]
fn reference_article_passes_the_seed_scorer() {
    let Some(sh) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ref.geojson");
    bin()
        .arg("tag")
        .arg(sh.join("corpus/qods-force-iraq.txt"))
        .arg("--gazetteer")
        .arg(sh.join("gazetteer-sources/reference-only/iraq-detailed-map.csv"))
        .arg("--gazetteer")
        .arg(sh.join("acceptance/analyst-additions.csv"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert_reference_score(&sh, &out, &["--min-recall", "0.8", "--max-fp", "0"]);
}

#[test]
fn exactly_spelled_places_are_found_at_the_right_place() {
    let Some((fc, gold)) = tag_reference(&[
        "gazetteer-sources/reference-only/iraq-detailed-map.csv",
        "acceptance/analyst-additions.csv",
    ]) else {
        return;
    };
    let preds = spans(&fc);
    let exact = [
        "Iraq",
        "Iran",
        "Tehran",
        "Baghdad",
        "Samarra",
        "Karbala",
        "Najaf",
        "Abu Ghraib",
        "Taji",
        "Diyala",
    ];
    for g in gold["mentions"].as_array().unwrap() {
        let text = g["text"].as_str().unwrap();
        if !exact.contains(&text) {
            continue;
        }
        let hit = preds.iter().find(|p| overlaps(p.0, p.1, g));
        let Some(p) = hit else {
            panic!("{text}@{} not found", g["start"]);
        };
        let d = km(
            (p.2, p.3),
            (g["lat"].as_f64().unwrap(), g["lon"].as_f64().unwrap()),
        );
        assert!(
            d <= g["tolerance_km"].as_f64().unwrap(),
            "{text}@{} placed {d:.0} km away",
            g["start"]
        );
    }
}

#[test]
fn default_gazetteer_emits_no_trap() {
    let Some((fc, gold)) = tag_reference(&[]) else {
        return;
    };
    for (s, e, _, _, m) in spans(&fc) {
        for trap in gold["must_not_emit"].as_array().unwrap() {
            assert!(
                !overlaps(s, e, trap),
                "{m}@{s} overlaps must-not-emit {trap}"
            );
        }
    }
}
