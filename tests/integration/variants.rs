//! Transliteration variants: every surface form of ../shared/acceptance/variants-dev.tsv,
//! put in an ordinary sentence, is found and placed within 25 km by the embedded default.

use crate::shared;
use geomention::geo::haversine_km;
use geomention::{Gazetteer, Tagger};

#[test]
fn every_development_variant_is_found_and_placed() {
    let Some(sh) = shared() else { return };
    let text = std::fs::read_to_string(sh.join("acceptance/variants-dev.tsv")).unwrap();
    let tagger = Tagger::new(Gazetteer::embedded().unwrap());
    let mut failures = Vec::new();
    let mut rows = 0;
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 6 {
            continue;
        }
        rows += 1;
        let (surface, lat, lon) = (
            f[0],
            f[3].parse::<f64>().unwrap(),
            f[4].parse::<f64>().unwrap(),
        );
        let sentence = format!("Clashes were reported in {surface} on Monday.");
        let start = "Clashes were reported in ".chars().count();
        let end = start + surface.chars().count();
        let ms = tagger.tag("v", &sentence);
        match ms.iter().find(|m| m.start < end && start < m.end) {
            None => failures.push(format!("{surface}: not found")),
            Some(m) => {
                let d = haversine_km(lat, lon, m.place.lat, m.place.lon);
                if d > 25.0 {
                    failures.push(format!(
                        "{surface}: placed at {} ({}) {d:.0} km away",
                        m.place.name, m.place.country_code
                    ));
                }
            }
        }
    }
    assert!(rows >= 60, "the file has its rows");
    // The issue asks for every row: all are found and placed since the
    // no-context fallback needs 0.9 (Amhara, which GeoNames also calls
    // "Amara", no longer wins over Al 'Amarah).
    assert!(
        failures.is_empty(),
        "{} of {rows} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn variants_do_not_fire_on_words_or_names() {
    let tagger = Tagger::new(Gazetteer::embedded().unwrap());
    let cases = [
        "The Shiite militias and Sunni tribes met in Baghdad.",
        "Senator Pawlenty spoke in Baghdad on Monday.",
        "In October, Mike Huckabee visited Baghdad.",
        "Home News Middle East",
        // a group's name before a noun of fighters is no variant spelling
        // of a place (Houthi / Al Hawtah)
        "Houthi fighters withdrew from Baghdad.",
        // the last word of a person's name, and the same word alone later
        // (Massoud / Mashhad)
        "Ahmad Shah Massoud was killed in Kabul. Massoud had fought in Takhar for years.",
        // a nationality's adjective is no spelling of a place (session 14:
        // Moldovan / Moldove, Ukraine)
        "Moldovan officials said groups were active near Odesa.",
    ];
    for text in cases {
        let got: Vec<String> = tagger
            .tag("t", text)
            .into_iter()
            .map(|m| m.surface)
            .collect();
        assert!(
            got.iter()
                .all(|s| ["Baghdad", "Middle East", "Kabul", "Takhar", "Odesa"]
                    .contains(&s.as_str())),
            "{text:?} gave {got:?}"
        );
    }
}

/// A headline in title case is no run of names: its variants are found
/// ("Enter Baqouba" is not the end of a person's name).
#[test]
fn variants_in_title_case_headlines() {
    let tagger = Tagger::new(Gazetteer::embedded().unwrap());
    let text = "Troops Enter Baqouba After Fierce Clashes\n\nIraqi troops entered the town on Monday, officials in Baghdad said.";
    let got: Vec<String> = tagger
        .tag("t", text)
        .into_iter()
        .map(|m| m.surface)
        .collect();
    assert!(got.contains(&"Baqouba".to_string()), "{got:?}");
}

/// Two names that lie only in one country make it the document's: a
/// prominent place of that country spelled closely is kept without a
/// preposition of place before it ("Residents of Ajdabia", Ajdabiya).
#[test]
fn variants_in_the_country_of_the_document() {
    let tagger = Tagger::new(Gazetteer::embedded().unwrap());
    let text = "Medics in Misurata said 12 fighters were killed. Residents of Ajdabia and Tubruq reported long queues for fuel.";
    let m = tagger.tag("t", text);
    let a = m.iter().find(|m| m.surface == "Ajdabia");
    assert!(
        a.is_some_and(|a| a.place.country_code == "LY"),
        "{:?}",
        m.iter().map(|m| &m.surface).collect::<Vec<_>>()
    );
}
