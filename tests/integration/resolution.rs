//! Resolution on small hand-made documents: cue words, explicit containers,
//! document coherence, one sense per document, user hints.

use geomention::{Gazetteer, Options, Tagger};

fn tagger() -> Tagger {
    Tagger::new(Gazetteer::embedded().unwrap())
}

fn place_of(text: &str, mention: &str) -> (String, String, String) {
    let m = tagger().tag("r", text);
    let m = m
        .iter()
        .find(|m| m.surface.starts_with(mention))
        .unwrap_or_else(|| panic!("{mention} not found in {text:?}"));
    (
        m.place.country_code.clone(),
        m.place.admin1.clone(),
        m.place.feature_code.clone(),
    )
}

#[test]
fn explicit_containers() {
    let cases = [
        (
            "The fair opened in Paris, Texas, on Friday.",
            "Paris",
            "US",
            "Texas",
        ),
        (
            "Police in Paris, Tenn., arrested two men.",
            "Paris",
            "US",
            "Tennessee",
        ),
        (
            "Pilgrims reached Karbala, Iraq, at dawn.",
            "Karbala",
            "IQ",
            "",
        ),
        (
            "Storms hit London, Ontario, overnight.",
            "London",
            "CA",
            "Ontario",
        ),
    ];
    for (text, m, cc, a1) in cases {
        let (c, a, _) = place_of(text, m);
        assert_eq!(c, cc, "{text}");
        if !a1.is_empty() {
            assert_eq!(a, a1, "{text}");
        }
    }
}

#[test]
fn document_coherence_pulls_namesakes() {
    // a US state, not the country, when the document is about its towns
    let text = "Storms crossed Georgia on Monday. Roads near Atlanta, Macon and Savannah were closed, and schools in Valdosta shut.";
    let (cc, _, code) = place_of(text, "Georgia");
    assert_eq!((cc.as_str(), code.as_str()), ("US", "ADM1"));
    // and the country when the document is about the Caucasus
    let text = "Georgia accused Russia of moving troops near Tbilisi and Gori.";
    let (cc, _, _) = place_of(text, "Georgia");
    assert_eq!(cc, "GE");
    // a town in the state the document is about
    let text = "The Henry County sheriff said deputies in Paris and Huntingdon, Tenn., searched the woods.";
    let (cc, a1, _) = place_of(text, "Paris");
    assert_eq!((cc.as_str(), a1.as_str()), ("US", "Tennessee"));
}

#[test]
fn the_neighbours_of_the_documents_countries_pull_their_places() {
    // the Palestinian city, not the Mozambican province, beside Israel and
    // Egypt (both Palestine's land neighbours)
    let text = "Israel closed its border with Gaza after rockets were fired, and Egypt mediated.";
    let (cc, _, code) = place_of(text, "Gaza");
    assert_eq!((cc.as_str(), code.as_str()), ("PS", "PPLA"));
}

#[test]
fn places_of_two_names_that_lie_together_support_each_other() {
    // Paris and Millersburg, Kentucky lie 13 km apart; Saint Paris and
    // Millersburg, Ohio 150 km
    let text = "Flooding closed roads between Paris and Millersburg on Monday.";
    for name in ["Paris", "Millersburg"] {
        let (cc, a1, _) = place_of(text, name);
        assert_eq!((cc.as_str(), a1.as_str()), ("US", "Kentucky"), "{name}");
    }
}

#[test]
fn cue_words() {
    let cases = [
        (
            "Fighting spread to Diyala and Salah ad-Din provinces.",
            "Diyala",
            "ADM1",
        ),
        (
            "Aid reached the cities of Najaf and Karbala.",
            "Karbala",
            "PPLA",
        ),
        ("The convoy reached Baghdad at noon.", "Baghdad", "PPLC"),
        // offices named after what they govern
        ("Former Georgia Gov. Zell Miller died.", "Georgia", "ADM1"),
        ("Former New York Gov. Mario Cuomo died.", "New York", "ADM1"),
        ("New York Mayor Bill de Blasio spoke.", "New York", "PPL"),
    ];
    for (text, m, code) in cases {
        let (_, _, c) = place_of(text, m);
        assert_eq!(c, code, "{text}");
    }
}

#[test]
fn one_sense_per_document() {
    let m = tagger().tag(
        "r",
        "Deputies in Paris, Tenn., said Paris police helped. Paris is the county seat.",
    );
    let ids: std::collections::HashSet<_> = m
        .iter()
        .filter(|m| m.surface == "Paris")
        .map(|m| m.place.id.clone())
        .collect();
    assert_eq!(ids.len(), 1, "{ids:?}");
}

#[test]
fn user_hints_bias_the_choice() {
    let t = Tagger::with_options(
        Gazetteer::embedded().unwrap(),
        Options {
            prefer_countries: vec!["CA".into()],
            ..Options::default()
        },
    );
    let m = t.tag("r", "Flooding closed roads in London overnight.");
    assert_eq!(m[0].place.country_code, "CA");
    let doc = geomention::Document {
        id: "d".into(),
        text: "Flooding closed roads in London overnight.".into(),
        meta: geomention::document::Metadata {
            country: Some("CA".into()),
            ..Default::default()
        },
    };
    assert_eq!(tagger().tag_document(&doc)[0].place.country_code, "CA");
    assert_eq!(
        tagger().tag("r", "Flooding closed roads in London overnight.")[0]
            .place
            .country_code,
        "GB"
    );
}

#[test]
fn confidence_and_alternatives() {
    let m = tagger().tag("r", "Officials met in Springfield.");
    let s = &m[0];
    assert!(s.confidence > 0.0 && s.confidence < 1.0, "{}", s.confidence);
    assert!(!s.alternatives.is_empty() && s.alternatives.len() <= 3);
    let total: f64 = s.confidence + s.alternatives.iter().map(|a| a.score).sum::<f64>();
    assert!(total <= 1.0 + 1e-9);
}

#[test]
fn preferred_first_level_division() {
    // Springfield is in many US states: a preferred division decides, by
    // GeoNames code or by name, and without a hint the choice is elsewhere.
    let text = "Officials met in Springfield on Monday.";
    let plain = place_of(text, "Springfield");
    for hint in ["US.MA", "Massachusetts"] {
        let t = Tagger::with_options(
            Gazetteer::embedded().unwrap(),
            Options {
                prefer_admin1: vec![hint.into()],
                ..Options::default()
            },
        );
        let m = t.tag("r", text);
        assert_eq!(m[0].place.admin1, "Massachusetts", "{hint}");
    }
    assert_ne!(plain.1, "Massachusetts");
}

#[test]
fn a_capital_beats_a_division_of_its_name() {
    // "Washington" alone is the capital; with a division cue, the state.
    let (cc, _, code) = place_of(
        "Officials in Washington said the talks would resume.",
        "Washington",
    );
    assert_eq!((cc.as_str(), code.as_str()), ("US", "PPLC"));
    let (_, _, code) = place_of("Wildfires burned across Washington state.", "Washington");
    assert_eq!(code, "ADM1");
}

#[test]
fn a_capital_beats_a_country_named_by_it() {
    // "Tunis" is also the local short name of Tunisia: the capital, even
    // in a document about countries; with a country cue, the country
    for text in [
        "Flights from Tunis resumed.",
        "Tunisia and Algeria met. NATO and Tunis agreed on a centre.",
    ] {
        let m = tagger().tag("r", text);
        let t = m.iter().find(|m| m.surface == "Tunis").expect("Tunis");
        assert_eq!(t.place.feature_code, "PPLC", "{text}");
        assert_eq!(t.place.country_code, "TN", "{text}");
    }
    let (_, _, code) = place_of("Tunisia is a country, and Tunisia signed.", "Tunisia");
    assert_eq!(code, "PCLI");
}

#[test]
fn names_with_a_possessive_inside() {
    // the longest name through the possessive, not "Republic of China"
    // (Taiwan) or "Republic of Korea" (South Korea)
    for (text, cc) in [
        ("Officials of the People's Republic of China met.", "CN"),
        ("The People’s Republic of China said so.", "CN"),
        (
            "Leaders of the Democratic People's Republic of Korea met.",
            "KP",
        ),
    ] {
        let m = tagger().tag("r", text);
        assert_eq!(m.len(), 1, "{text}: {m:?}");
        assert_eq!(m[0].place.country_code, cc, "{text}");
        assert!(m[0].surface.contains("People"), "{text}");
    }
}

#[test]
fn a_blocked_name_with_a_possessive_inside_is_blocked() {
    // the block list folds the name as the gazetteer does ("people s
    // republic of china"), and so does the span's key
    let mut g = Gazetteer::embedded().unwrap();
    g.block("People's Republic of China");
    let m = Tagger::new(g).tag("r", "Officials of the People's Republic of China met.");
    assert!(!m.iter().any(|m| m.surface.starts_with("People")), "{m:?}");
}

#[test]
fn alternatives_as_one_string() {
    let m = tagger().tag("r", "Officials met in Springfield.");
    let v = geomention::export::geojson::alternatives_text(&m[0]);
    let s = v.as_str().unwrap();
    assert_eq!(s.split("; ").count(), m[0].alternatives.len(), "{s}");
    assert!(s.contains("Springfield (US, "), "{s}");
    let none = tagger().tag("r", "They flew to Baghdad.");
    if none[0].alternatives.is_empty() {
        assert!(geomention::export::geojson::alternatives_text(&none[0]).is_null());
    }
}

/// Every mention of `name` in `text`: (country, admin1, confidence).
fn all_of(text: &str, name: &str) -> Vec<(String, String, f64)> {
    tagger()
        .tag("r", text)
        .iter()
        .filter(|m| m.surface == name)
        .map(|m| {
            (
                m.place.country_code.clone(),
                m.place.admin1.clone(),
                m.confidence,
            )
        })
        .collect()
}

#[test]
fn a_repeated_name_does_not_vote_for_itself() {
    // Four mentions of Dublin must not outvote the one Ohio town beside
    // them: document weights leave out every mention of the name resolved.
    let text = "Dublin police arrested a man on Friday. The Dublin city manager said Dublin schools would stay open. Dublin residents can call the city. A school in Hilliard also closed.";
    let v = all_of(text, "Dublin");
    assert_eq!(v.len(), 4);
    for (cc, a1, _) in &v {
        assert_eq!((cc.as_str(), a1.as_str()), ("US", "Ohio"), "{v:?}");
    }
    // with nothing else in the text, the famous namesake stays
    let v = all_of(
        "Dublin was quiet on Sunday. Dublin pubs opened late, and Dublin buses ran every hour.",
        "Dublin",
    );
    assert!(v.iter().all(|(cc, _, _)| cc == "IE"), "{v:?}");
}

#[test]
fn a_country_among_countries() {
    // A text about countries means the country "China", not the town of
    // China, Texas, although Houston and Texas are named.
    let text = "The United States threatened tariffs on imports from China. China answered that Mexico and Canada would follow. A trade group in Houston, Texas, warned that China would retaliate.";
    let v = all_of(text, "China");
    assert_eq!(v.len(), 3);
    assert!(v.iter().all(|(cc, _, _)| cc == "CN"), "{v:?}");
    // states among states stay states (the level of discourse is not
    // always the country)
    for s in ["Georgia", "Alabama", "Florida"] {
        let (cc, _, code) = place_of("Storms hit Georgia, Alabama and Florida on Monday.", s);
        assert_eq!((cc.as_str(), code.as_str()), ("US", "ADM1"), "{s}");
    }
}

#[test]
fn an_explicit_container_decides_for_the_other_mentions() {
    // "Athens, Greece" decides for the later "Athens", whatever Georgia's
    // towns around it say
    let text = "The Bulldogs flew from Atlanta to Athens, Greece, on Monday. Fans from Macon and Savannah joined them in Athens. The Athens crowd cheered.";
    let v = all_of(text, "Athens");
    assert_eq!(v.len(), 3);
    assert!(v.iter().all(|(cc, _, _)| cc == "GR"), "{v:?}");
    // every mention shares the choice and its confidence
    assert!(v.iter().all(|x| (x.2 - v[0].2).abs() < 1e-12), "{v:?}");
    // without the container, the document's towns decide
    let text = "The Bulldogs flew from Atlanta to Athens on Monday. Fans from Macon and Savannah joined them in Athens. The Athens crowd cheered.";
    let v = all_of(text, "Athens");
    assert!(
        v.iter().all(|(cc, a1, _)| cc == "US" && a1 == "Georgia"),
        "{v:?}"
    );
}

#[test]
fn shares_of_a_name_decided_by_its_group_add_up() {
    // mentions that take their group's choice report the group's shares:
    // confidence plus alternatives never exceed 1
    let text = "Deputies in Paris, Tenn., said Paris police helped. Paris is the county seat. Officials in Springfield met officials from Springfield.";
    for m in tagger().tag("r", text) {
        let total: f64 = m.confidence + m.alternatives.iter().map(|a| a.score).sum::<f64>();
        assert!(total <= 1.0 + 1e-9, "{}: {total}", m.surface);
    }
}

#[test]
fn bare_county_names_in_a_list_of_counties() {
    let t = tagger();
    // (text, mention, place id of the US county, or None: not a US county)
    let cases: Vec<(&str, &str, Option<&str>)> = vec![
        (
            "Schools in Clarke and Oconee counties closed.",
            "Clarke",
            Some("uscensus:13059"),
        ),
        (
            "Schools in Clarke and Oconee counties closed.",
            "Oconee",
            Some("uscensus:13219"),
        ),
        (
            "Cooke, Grayson and Love counties in Texas flooded.",
            "Love",
            Some("uscensus:40085"),
        ),
        (
            "Cooke, Grayson and Love counties in Texas flooded.",
            "Grayson",
            Some("uscensus:48181"),
        ),
        (
            "Flooding hit Iberia and Vermilion parishes.",
            "Vermilion",
            Some("uscensus:22113"),
        ),
        // a name with no US county of that name stays what it was (here
        // the French departement, by the division cue)
        (
            "Schools in Clarke and Paris counties closed.",
            "Paris",
            None,
        ),
        // one name before a plural is no list
        ("Jackson counties on his voters.", "Jackson", None),
    ];
    for (text, mention, want) in cases {
        let ms = t.tag("c", text);
        let m = ms.iter().find(|m| m.surface == mention);
        let got = m
            .filter(|m| m.place.id.starts_with("uscensus:"))
            .map(|m| m.place.id.as_str());
        assert_eq!(
            got,
            want,
            "{text}: {mention} -> {:?}",
            m.map(|m| &m.place.id)
        );
    }
}

#[test]
fn a_city_of_the_country_beats_a_division_of_its_name() {
    // without a division cue, a name that a division of the country bears
    // only in a bare form ("Columbia" for the District of Columbia) is the
    // large city of that name in the same country
    let (cc, _, code) = place_of("Officials in Columbia met on Monday.", "Columbia");
    assert_eq!((cc.as_str(), code.as_str()), ("US", "PPLA"));
    // with the cue, the division
    let (cc, _, code) = place_of("Fighting spread in Basra province.", "Basra");
    assert_eq!((cc.as_str(), code.as_str()), ("IQ", "ADM1"));
}

/// A transliterated seat of administration: spelled as GeoNames writes it
/// but for diacritics and the article, it beats places that only sound
/// alike however large (Pyongyang, Huizhou for "Hawija"), and a seat whose
/// population GeoNames does not give (0) is not outranked by a village of
/// a less similar name (Hajiawa, 80,000); a story that names only the
/// country keeps the variant ("in Hawija, Iraq").
#[test]
fn transliterated_seats_without_population() {
    for text in [
        "Local media reported clashes in Hawija on Monday.",
        "Clashes were reported in Hawija, Iraq.",
        "In Iraq, clashes were reported in Hawija.",
        // a list after a preposition of place: no one "continued" speaking
        "Fighting in Kirkuk and Hawija continued.",
    ] {
        let (cc, admin1, code) = place_of(text, "Hawija");
        assert_eq!(
            (cc.as_str(), admin1.as_str(), code.as_str()),
            ("IQ", "Kirkuk", "PPLA2"),
            "{text}"
        );
    }
}
