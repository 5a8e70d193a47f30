//! Table-driven tests of the attribution step. Every sentence here is
//! written for these tests.

use super::*;
use crate::text::sentences;

/// The attribution of the `nth` occurrence (from 0) of `mention` in `text`.
fn at(text: &str, mention: &str, nth: usize) -> Attribution {
    let a = attribute(text, &sentences(text), &DocMeta::default());
    let mut from = 0;
    let mut k = 0;
    for _ in 0..=nth {
        match text[from..].find(mention) {
            Some(x) => k = from + x,
            None => panic!("{mention:?} not in {text:?}"),
        }
        from = k + mention.len();
    }
    a.for_span(k, k + mention.len())
}

use AttributionKind::{Direct, Indirect, Narrator};

/// Checks (text, mention, source as written) cases on the first occurrence
/// of each mention.
fn check_source_texts(cases: &[(&str, &str, Option<&str>)]) {
    for &(text, mention, source) in cases {
        let a = at(text, mention, 0);
        assert_eq!(a.text.as_deref(), source, "{text}: {a:?}");
    }
}

/// Checks (text, mention, source as written) cases when the spotter found
/// the given places, each (name, whether it may mean a country or a
/// province), wherever they stand in the text.
fn check_source_texts_with_places(cases: &[(&str, &str, Option<&str>)], names: &[(&str, bool)]) {
    for &(text, mention, source) in cases {
        let places = names
            .iter()
            .flat_map(|&(p, region)| {
                text.match_indices(p).map(move |(k, _)| PlaceSpan {
                    span: ByteSpan {
                        start: k,
                        end: k + p.len(),
                    },
                    region,
                })
            })
            .collect();
        let meta = DocMeta {
            places,
            ..DocMeta::default()
        };
        let a = attribute(text, &sentences(text), &meta);
        let k = text.find(mention).unwrap_or(0);
        let got = a.for_span(k, k + mention.len());
        assert_eq!(got.text.as_deref(), source, "{text}: {got:?}");
    }
}

/// Checks (text, mention, source as written, kind) cases on the first
/// occurrence of each mention.
fn check_sources(cases: &[(&str, &str, Option<&str>, AttributionKind)]) {
    for &(text, mention, source, kind) in cases {
        let a = at(text, mention, 0);
        assert_eq!(a.text.as_deref(), source, "{text}: {a:?}");
        assert_eq!(a.kind, Some(kind), "{text}: {a:?}");
    }
}

/// Checks (text, mention, source as written, chain) cases on the first
/// occurrence of each mention.
fn check_chains(cases: &[(&str, &str, Option<&str>, Vec<&str>)]) {
    for (text, mention, source, chain) in cases {
        let a = at(text, mention, 0);
        assert_eq!(a.text.as_deref(), *source, "{text}: {a:?}");
        assert_eq!(&a.chain, chain, "{text}: {a:?}");
    }
}

/// Checks (text, mention, resolved source) cases on the first occurrence of
/// each mention.
fn check_resolved(cases: &[(&str, &str, Option<&str>)]) {
    for &(text, mention, source) in cases {
        let a = at(text, mention, 0);
        assert_eq!(a.source.as_deref(), source, "{text}: {a:?}");
    }
}

#[test]
fn cue_patterns() {
    // (text, mention, nth, source as written, kind)
    let cases: Vec<(&str, &str, usize, Option<&str>, AttributionKind)> = vec![
        // source before the verb, colon introduction
        ("The Harbor Council said: “Boats left Velmora at dawn.”", "Velmora", 0, Some("The Harbor Council"), Direct),
        // source after the verb
        ("“We crossed at Ostrik before noon,” said one young driver with Blue Convoy.", "Ostrik", 0, Some("one young driver with Blue Convoy"), Direct),
        // trailing source
        ("Troops were moved to Ostrik and Velmora, the Council said.", "Velmora", 0, Some("the Council"), Indirect),
        // indirect speech with "has insisted" and "has stated that"
        ("Harbor Minister Lenz has insisted the convoy is in Ostrik to help.", "Ostrik", 0, Some("Harbor Minister Lenz"), Indirect),
        ("But the Council has stated that the road to Velmora is closed.", "Velmora", 0, Some("the Council"), Indirect),
        // according to
        ("Prices rose in Velmora, according to reports.", "Velmora", 0, Some("reports"), Indirect),
        ("According to the Port Authority, ships avoid Ostrik.", "Ostrik", 0, Some("the Port Authority"), Indirect),
        // colon introduction by a participle after a comma
        ("The Watch noted the rise in a study, writing: “Crime in Ostrik has doubled since May.”", "Ostrik", 0, Some("The Watch"), Direct),
        // passive with an agent
        ("The flood in Velmora was reported by the Weather Office.", "Velmora", 0, Some("the Weather Office"), Indirect),
        // "the report said nothing": still a cue
        ("The report said nothing about Velmora.", "Velmora", 0, Some("The report"), Indirect),
        // told + that
        ("Lenz told reporters that Ostrik would be rebuilt.", "Ostrik", 0, Some("Lenz"), Indirect),
        // an adverb of time between the source and its verb is not part of the source
        ("Lenz soon learned that Ostrik had fallen.", "Ostrik", 0, Some("Lenz"), Indirect),
        ("The Council earlier said Velmora was calm.", "Velmora", 0, Some("The Council"), Indirect),
    ];
    for (text, mention, nth, source, kind) in cases {
        let a = at(text, mention, nth);
        assert_eq!(a.text.as_deref(), source, "{text}");
        assert_eq!(a.kind, Some(kind), "{text}");
    }
}

#[test]
fn no_attribution() {
    let cases: Vec<(&str, &str)> = vec![
        // no cue
        ("The road to Velmora was closed for a week.", "Velmora"),
        // a cue word used as a noun after a determiner
        ("Her reports from Ostrik won a prize.", "Ostrik"),
        // an apostrophe is not a quotation
        (
            "Velmora’s mayor and the region’s farmers met in Ostrik’s hall.",
            "Ostrik",
        ),
        // a short quoted term is not speech
        ("Aid reached the “safe zone” near Ostrik.", "Ostrik"),
    ];
    for (text, mention) in cases {
        let a = at(text, mention, 0);
        assert_eq!(a.kind, Some(Narrator), "{text}: {a:?}");
        assert_eq!(a.source, None, "{text}");
    }
}

#[test]
fn narrator_is_the_author_or_publisher() {
    let t = "Rain fell on Ostrik.";
    let meta = DocMeta {
        publisher: Some("Harbor Daily".into()),
        ..DocMeta::default()
    };
    let a = attribute(t, &sentences(t), &meta);
    let k = t.find("Ostrik").unwrap_or(0);
    let got = a.for_span(k, k + 6);
    assert_eq!(got.source.as_deref(), Some("Harbor Daily"));
    assert_eq!(got.kind, Some(Narrator));
}

#[test]
fn quotation_over_paragraphs_and_unclosed() {
    let t = "The Harbor Council said: “Boats left Velmora.\n\n“Crews reached Ostrik by night.”\n\nLater, rain fell on Dunmere.";
    assert_eq!(
        at(t, "Ostrik", 0).text.as_deref(),
        Some("The Harbor Council")
    );
    assert_eq!(at(t, "Dunmere", 0).kind, Some(Narrator));
    // unclosed: ends at its paragraph's end unless the next one reopens
    let t = "The Council said: “Boats left Velmora and did not return.\n\nRain fell on Dunmere.";
    assert_eq!(at(t, "Velmora", 0).kind, Some(Direct));
    assert_eq!(at(t, "Dunmere", 0).kind, Some(Narrator));
}

#[test]
fn quoted_title_belongs_to_its_author() {
    let t = "Global Watch wrote in a report entitled ‘Hunger in Ostrik’: “Families have left the valley for good.”";
    let a = at(t, "Ostrik", 0);
    assert_eq!(a.text.as_deref(), Some("Global Watch"));
    assert_eq!(a.kind, Some(Direct));
}

#[test]
fn short_references_pronouns_and_chains() {
    let t = "The Ruritanian Council of Elders said: “In a report on May 3, the Daily Planet TV unveiled raids in Ostrik and Velmora by armed men. Thousands fled Dunmere.\n\nThey quoted one farmer from Kessel as saying: “Armed men burned our barns in Ostrik and drove us out of the valley.”\n\nTroops also reached Lindow, the Council said.";
    // inner cue inside a quotation: chain outermost first
    let a = at(t, "Velmora", 0);
    assert_eq!(a.text.as_deref(), Some("the Daily Planet TV"));
    assert_eq!(
        a.chain,
        ["The Ruritanian Council of Elders", "the Daily Planet TV"]
    );
    // the rest of the quotation is the outer speaker's
    let a = at(t, "Dunmere", 0);
    assert_eq!(a.source.as_deref(), Some("Ruritanian Council of Elders"));
    // "They" → the last organisation; a place in the source phrase belongs outside
    let a = at(t, "Kessel", 0);
    assert_eq!(a.text.as_deref(), Some("They"));
    assert_eq!(a.source.as_deref(), Some("Daily Planet TV"));
    // sources quoting sources
    let a = at(t, "Ostrik", 1);
    assert_eq!(a.text.as_deref(), Some("one farmer from Kessel"));
    assert_eq!(a.cue.as_deref(), Some("quoted … as saying"));
    assert_eq!(
        a.chain,
        [
            "The Ruritanian Council of Elders",
            "the Daily Planet TV",
            "one farmer from Kessel"
        ]
    );
    // a short reference resolves to the full name
    let a = at(t, "Lindow", 0);
    assert_eq!(a.text.as_deref(), Some("the Council"));
    assert_eq!(a.source.as_deref(), Some("Ruritanian Council of Elders"));
}

#[test]
fn he_is_the_last_person_even_with_an_organisation_word() {
    // "military spokesman Major General …" is a person, not the military
    let t = "Interior Minister Kai Berg said roads to Velmora were closed. Ruritanian military spokesman Major General Ana Lenz told a news conference that militants had crossed into Kessel. He added that troops were deployed in Ostrik.";
    let a = at(t, "Ostrik", 0);
    assert_eq!(a.text.as_deref(), Some("He"));
    assert_eq!(
        a.source.as_deref(),
        Some("Ruritanian military spokesman Major General Ana Lenz")
    );
}

#[test]
fn passive_quoted_as_saying() {
    // the speaker before "was quoted", the medium after "by": a chain
    let t = "The mayor of Kessel, Ana Lenz, was quoted by the Daily Planet TV as saying that Ostrik and Velmora were safe.";
    let a = at(t, "Ostrik", 0);
    assert_eq!(a.text.as_deref(), Some("The mayor of Kessel, Ana Lenz"));
    assert_eq!(a.cue.as_deref(), Some("quoted … as saying"));
    assert_eq!(
        a.chain,
        ["the Daily Planet TV", "The mayor of Kessel, Ana Lenz"]
    );
    // without an agent: the speaker alone
    let t = "Lenz was quoted as saying that Ostrik was calm.";
    let a = at(t, "Ostrik", 0);
    assert_eq!(a.text.as_deref(), Some("Lenz"));
    assert_eq!(a.chain, Vec::<String>::new());
    // must not attribute: quoted with no "as saying" (a price, a passage)
    let t = "Prices in Ostrik were quoted in dollars.";
    assert_eq!(at(t, "Ostrik", 0).kind, Some(Narrator));
}

#[test]
fn he_and_continued_quotations() {
    let t = "Harbor Minister Ana Lenz said the port was open. “The ships will return to Velmora,” she said. “Then the valley around Ostrik will recover too.”";
    let a = at(t, "Velmora", 0);
    assert_eq!(a.text.as_deref(), Some("she"));
    assert_eq!(a.source.as_deref(), Some("Harbor Minister Ana Lenz"));
    let a = at(t, "Ostrik", 0);
    assert_eq!(a.source.as_deref(), Some("Harbor Minister Ana Lenz"));
    assert_eq!(a.kind, Some(Direct));
}

#[test]
fn robust_to_unbalanced_marks() {
    let t = "“ ‘ ” ’ \" ' « ".repeat(2_000) + "Velmora said.";
    let s = sentences(&t);
    let a = attribute(&t, &s, &DocMeta::default());
    let k = t.find("Velmora").unwrap_or(0);
    let _ = a.for_span(k, k + 7);
    for sp in a.spans() {
        assert!(sp.content.start <= sp.content.end && sp.content.end <= t.len());
    }
}

#[test]
fn belief_intent_and_evaluation_cues() {
    // (text, mention, source as written or None for no attribution)
    let cases: Vec<(&str, &str, Option<&str>)> = vec![
        (
            "Lenz believes the port of Velmora will reopen.",
            "Velmora",
            Some("Lenz"),
        ),
        (
            "The mayor thinks Ostrik deserves more aid.",
            "Ostrik",
            Some("The mayor"),
        ),
        (
            "Harbor Minister Lenz wants more ferries for Velmora.",
            "Velmora",
            Some("Harbor Minister Lenz"),
        ),
        (
            "The Council hopes to rebuild the bridge at Ostrik.",
            "Ostrik",
            Some("The Council"),
        ),
        (
            "Farmers feared the floods would reach Velmora.",
            "Velmora",
            Some("Farmers"),
        ),
        (
            "Lenz argued that Ostrik needed a new harbor.",
            "Ostrik",
            Some("Lenz"),
        ),
        (
            "The Watch acknowledged delays in Velmora.",
            "Velmora",
            Some("The Watch"),
        ),
        (
            "The Council called for talks in Ostrik.",
            "Ostrik",
            Some("The Council"),
        ),
        (
            "Lenz urged the Council to fund Velmora.",
            "Velmora",
            Some("Lenz"),
        ),
        (
            "Lenz promised a new school for Ostrik.",
            "Ostrik",
            Some("Lenz"),
        ),
        (
            "The Council vowed to protect Velmora.",
            "Velmora",
            Some("The Council"),
        ),
        (
            "Lenz expects trade with Ostrik to grow.",
            "Ostrik",
            Some("Lenz"),
        ),
        (
            "The mayor is calling on Lenz to visit Velmora.",
            "Velmora",
            Some("The mayor"),
        ),
        (
            "Lenz didn't think Ostrik would vote.",
            "Ostrik",
            Some("Lenz"),
        ),
        // must not attribute: a noun after a determiner, an infinitive, no source
        ("The hopes of Velmora rest on trade.", "Velmora", None),
        ("Their support for Ostrik grew.", "Ostrik", None),
        (
            "Wanted posters covered the walls of Velmora.",
            "Velmora",
            None,
        ),
        ("A plan to rebuild Ostrik was shelved.", "Ostrik", None),
        // an opening phrase of place is no appositive of the source; a name
        // before ", the …" is
        (
            "In Velmora, the Observatory said shells hit Ostrik.",
            "Ostrik",
            Some("the Observatory"),
        ),
        (
            "Ana Varga, the harbour master, said boats left Ostrik.",
            "Ostrik",
            Some("Ana Varga, the harbour master"),
        ),
        // a relative clause between the subject and its verb: the subject
        // speaks, not the last noun of the clause
        (
            "An aid worker who asked not to be named because she was not allowed to speak to the media said food had not reached Ostrik.",
            "Ostrik",
            Some("An aid worker"),
        ),
        (
            "One doctor who works in Velmora said the hospitals in Ostrik were full.",
            "Ostrik",
            Some("One doctor"),
        ),
        // must not attribute: the place is in the source phrase
        (
            "One doctor who works in Velmora said the hospitals in Ostrik were full.",
            "Velmora",
            None,
        ),
        // a name that ends with a numeral; a number alone stays a number
        (
            "Daily Planet 24 showed footage from Velmora.",
            "Velmora",
            Some("Daily Planet 24"),
        ),
        (
            "Asked about the vote, 30 said Velmora was calm.",
            "Velmora",
            Some("30"),
        ),
    ];
    check_source_texts(&cases);
}

#[test]
fn source_phrases_around_the_cue() {
    // (text, mention, source as written, kind)
    let cases: Vec<(&str, &str, Option<&str>, AttributionKind)> = vec![
        // an inserted relative clause or appositive closed by a comma
        ("Weingarten, who has visited several towns, said the shift began in Velmora.", "Velmora", Some("Weingarten"), Indirect),
        ("Sen. Lenz (R-Ost.), one of the authors, said Velmora was spared.", "Velmora", Some("Sen. Lenz (R-Ost.), one of the authors"), Indirect),
        ("Simmons, an old ally, said the shift began in Ostrik.", "Ostrik", Some("Simmons, an old ally"), Indirect),
        // a title with a period and an initial stay in the name
        ("Ms. Brainard said trade with Ostrik matters.", "Ostrik", Some("Ms. Brainard"), Indirect),
        // a quotation, then the source and a long tail
        ("“In the face of fear, Velmora does not panic,” Lenz told a crowd in the harbor on Tuesday night.", "Velmora", Some("Lenz"), Direct),
        // a second verb of the same subject, a participle after a dash
        ("Lenz met survivors on Thursday and said Ostrik must act.", "Ostrik", Some("Lenz"), Indirect),
        ("Lenz changed his choice – saying the fleet would now sail to Velmora.", "Velmora", Some("Lenz"), Indirect),
        // an inserted source
        ("The harbor at Ostrik, officials said, is safe for ships again.", "Ostrik", Some("officials"), Indirect),
        ("At the heart of it, according to Lenz, was a dispute over Velmora.", "Velmora", Some("Lenz"), Indirect),
        // a headline led by its source
        ("Lenz: Velmora Harbor Will Reopen\n\nThe port was closed.", "Velmora", Some("Lenz"), Indirect),
    ];
    for (text, mention, source, kind) in cases {
        let a = at(text, mention, 0);
        assert_eq!(a.text.as_deref(), source, "{text}: {a:?}");
        assert_eq!(a.kind, Some(kind), "{text}");
    }
    // must not attribute: a label before a colon, a time, a lowercase line
    for (text, mention) in [
        (
            "Update: Velmora Harbor Will Reopen\n\nThe port was closed.",
            "Velmora",
        ),
        ("4:15 p.m.\n\nBoats reached Ostrik.", "Ostrik"),
        ("Rain fell on Velmora: the port closed.", "Velmora"),
    ] {
        let a = at(text, mention, 0);
        assert_eq!(a.kind, Some(Narrator), "{text}: {a:?}");
    }
}

#[test]
fn claims_without_a_source() {
    // (text, mention): a relation with no source
    for (text, mention) in [
        ("Lenz is expected to visit Velmora.", "Velmora"),
        ("He was said to be hiding in Ostrik.", "Ostrik"),
        (
            "The Council reportedly moved its ships to Velmora.",
            "Velmora",
        ),
        ("The convoy seemed to be heading for Ostrik.", "Ostrik"),
    ] {
        let a = at(text, mention, 0);
        assert_eq!(a.kind, Some(Indirect), "{text}: {a:?}");
        assert_eq!((a.source, a.text), (None, None), "{text}");
    }
    // must not attribute: no "to" after the participle, "appeared" on a stage
    for (text, mention) in [
        ("The road to Velmora is expected.", "Velmora"),
        ("Lenz appeared in Ostrik on Monday.", "Ostrik"),
        ("The Ostrik plan is well known.", "Ostrik"),
    ] {
        let a = at(text, mention, 0);
        assert_eq!(a.kind, Some(Narrator), "{text}: {a:?}");
    }
    // inside a quotation the claim stays the speaker's
    let t = "The Watch said: “Ships are reportedly leaving the port of Velmora for the south.”";
    assert_eq!(at(t, "Velmora", 0).text.as_deref(), Some("The Watch"));
}

#[test]
fn sources_after_quotations_and_in_transcripts() {
    // (text, mention, source as written or None for the narrator, kind)
    let cases: Vec<(&str, &str, Option<&str>, AttributionKind)> = vec![
        // a name before a short parenthesis, the parenthesis included
        ("Rep. Ana Lenz (D-Ost.) said the bridge to Velmora was closed.", "Velmora", Some("Rep. Ana Lenz (D-Ost.)"), Indirect),
        // ... but not a lowercase phrase
        ("The old ferries (two of them) sank near Velmora.", "Velmora", None, Narrator),
        // a quotation before the source: the quotation, whatever the tail
        ("“The port of Velmora will not close,” Lenz said at a rally that drew crowds from Ostrik.", "Velmora", Some("Lenz"), Direct),
        ("“The port of Velmora will not close,” Lenz said at a rally that drew crowds from Ostrik.", "Ostrik", None, Narrator),
        // a quotation signed after a dash
        ("“The ferries to Velmora must run again soon.” ― Ana Lenz\n“We want the old bridge back.” ― Bo Kess", "Velmora", Some("Ana Lenz"), Direct),
        ("“The ferries to Velmora must run again soon.” ― and the crowd went home.", "Velmora", None, Narrator),
        // "I" and "we" inside a quotation are the speaker
        ("“I think Velmora will vote for the plan,” Lenz said.", "Velmora", Some("Lenz"), Direct),
        ("I think Velmora will vote for the plan.", "Velmora", Some("I"), Indirect),
        // a transcript quoted paragraph by paragraph: the label and its answer
        ("\"KESS: Will the port reopen?\n\n\"LENZ: Well, she thinks it is “a fine idea” for Velmora.\n\n\"And the ships will go to Ostrik.\n\n\"KESS: Thank you.", "Ostrik", Some("LENZ"), Indirect),
        ("\"KESS: Will the port reopen?\n\n\"LENZ: Well, she thinks it is “a fine idea” for Velmora.\n\n\"And the ships will go to Ostrik.\n\n\"KESS: Thank you, Dunmere.", "Dunmere", Some("KESS"), Indirect),
        // ... but not a label in mixed case inside a quotation
        ("He read it out: \"Lenz: boats reached Velmora by night.\"", "Velmora", None, Narrator),
    ];
    check_sources(&cases);
}

#[test]
fn clauses_that_quote_and_nested_claims() {
    // (text, mention, source as written or None for the narrator)
    let cases: Vec<(&str, &str, Option<&str>)> = vec![
        // a clause that quotes after the cue: the whole clause (mixed) ...
        ("Lenz says his campaign “has beaten and can beat” the machine in Velmora.", "Velmora", Some("Lenz")),
        // ... but a quotation after an adjunct is the content alone
        ("Lenz said in a statement “The port will open soon and stay open” as ships left Velmora.", "Velmora", None),
        // an opening adjunct before the source is not a trailing claim
        ("On Saturday, Lenz called on the Council to rebuild Velmora.", "Velmora", Some("Lenz")),
        ("Despite the rain, Lenz plans to visit Velmora.", "Velmora", Some("Lenz")),
        ("In Velmora, Lenz hopes.", "Velmora", None),
        // a belief or intent inside another's claim is that claim
        ("Tom said she planned to caucus in Velmora.", "Velmora", Some("Tom")),
        // a speech verb inside a quotation keeps its own source
        ("The Council said: “Lenz told us the port of Velmora is closed for good.”", "Velmora", Some("Lenz")),
        // a quotation inside reported speech is part of it, no continuation
        ("“We will win this time,” Bo said. Lenz said Kess is “not smart enough to win in Velmora.”", "Velmora", Some("Lenz")),
        // a quoted title reports nobody
        ("Global Watch wrote in a report entitled ‘Militia rule in Velmora’: “Families have left for good.”", "Velmora", Some("Global Watch")),
        // a name suffix keeps its period
        ("Ana Lenz Jr. announced that Velmora would vote.", "Velmora", Some("Ana Lenz Jr.")),
        // as reported by X
        ("As reported by the Harbor Daily, ships left Velmora.", "Velmora", Some("the Harbor Daily")),
        ("As expected by many, ships left Velmora.", "Velmora", None),
    ];
    for (text, mention, source) in cases {
        let a = at(text, mention, 0);
        assert_eq!(a.text.as_deref(), source, "{text}: {a:?}");
    }
    // a participle after the claim starts a relation of its own
    let t = "Carson said the port of Ostrik was open, telling reporters that Velmora would vote.";
    assert_eq!(at(t, "Ostrik", 0).cue.as_deref(), Some("said"));
    assert_eq!(at(t, "Velmora", 0).cue.as_deref(), Some("telling"));
    assert_eq!(at(t, "Velmora", 0).text.as_deref(), Some("Carson"));
}

#[test]
fn event_and_evaluation_cues() {
    // (text, mention, source as written or None for the narrator)
    let cases: Vec<(&str, &str, Option<&str>)> = vec![
        (
            "Lenz pointed to the flooding in Velmora.",
            "Velmora",
            Some("Lenz"),
        ),
        (
            "The mayor likened Velmora to a fortress.",
            "Velmora",
            Some("The mayor"),
        ),
        (
            "Kess talked about renewed fears in Velmora.",
            "Velmora",
            Some("Kess"),
        ),
        (
            "The Council offered aid to Velmora.",
            "Velmora",
            Some("The Council"),
        ),
        // must not attribute: a noun, a verb without a source, a removed cue
        ("The point of Velmora is clear.", "Velmora", None),
        ("Talks about Velmora went on.", "Velmora", None),
        ("Lenz spoke at a rally in Velmora.", "Velmora", None),
    ];
    check_source_texts(&cases);
}

#[test]
fn questions_without_an_asker() {
    // the question is a claim without a source; the answer is the answerer's
    let t = "Asked whether Velmora would vote, voters said yes in Ostrik.";
    let a = at(t, "Velmora", 0);
    assert_eq!((a.source, a.text, a.kind), (None, None, Some(Indirect)));
    assert_eq!(at(t, "Ostrik", 0).text.as_deref(), Some("voters"));
    let t = "“You bet I would,” Lenz said when asked about Velmora.";
    let a = at(t, "Velmora", 0);
    assert_eq!((a.source, a.text, a.kind), (None, None, Some(Indirect)));
    // must not: "asked" with a source is the asker's
    let t = "Lenz asked the Council to fund Velmora.";
    assert_eq!(at(t, "Velmora", 0).text.as_deref(), Some("Lenz"));
}

#[test]
fn session_five_rules() {
    // (text, mention, source as written); every rule has a case that must
    // attribute and one that must not (or must keep the old source)
    let cases: Vec<(&str, &str, Option<&str>)> = vec![
        // a belief verb with an object after a comma is no trailing source
        (
            "Lenz noted that since Bo was backing him, he would support the Velmora Lions.",
            "Velmora",
            Some("Lenz"),
        ),
        (
            "Ships left Velmora at dawn, the Council believes.",
            "Velmora",
            Some("the Council"),
        ),
        // a noun in "-ly" is no adverb; a real adverb still is
        (
            "The rally denounced the raids on Velmora.",
            "Velmora",
            Some("The rally"),
        ),
        (
            "Lenz quickly denounced the raids on Velmora.",
            "Velmora",
            Some("Lenz"),
        ),
        // a short quotation closed by a comma inside an inserted clause
        (
            "Lenz, citing ‘the magic of the old port,’ said the ships would reach Velmora.",
            "Velmora",
            Some("Lenz"),
        ),
        (
            "“The ships will reach Velmora,” said the harbor master.",
            "Velmora",
            Some("the harbor master"),
        ),
        // a relative pronoun is the source, with its name
        (
            "The mayor, who said the port of Velmora was closed, left early.",
            "Velmora",
            Some("The mayor, who"),
        ),
        (
            "The video, which showed raids in Velmora, spread fast.",
            "Velmora",
            Some("The video, which"),
        ),
        ("Who said Velmora was closed?", "Velmora", None),
        // a subordinate clause before a main clause is still a claim
        (
            "Since the ruling, Velmora has closed its port, the Council says.",
            "Velmora",
            Some("the Council"),
        ),
        (
            "When Lenz reached Velmora, he said nothing.",
            "Velmora",
            None,
        ),
        // "while" and "as" open an inserted clause
        (
            "Lenz, while touring Ostrik, called for a new port in Velmora.",
            "Velmora",
            Some("Lenz"),
        ),
        // "about" after a speech verb is its topic
        (
            "In an interview, Lenz joked about moving to Velmora.",
            "Velmora",
            Some("Lenz"),
        ),
        (
            "Ships left Velmora at dawn, Lenz said in an interview.",
            "Velmora",
            Some("Lenz"),
        ),
        // an actor's event: a named subject, an event verb, its object
        (
            "Lenz sided with the dockers of Velmora.",
            "Velmora",
            Some("Lenz"),
        ),
        (
            "The Council voted against the port in Velmora.",
            "Velmora",
            Some("The Council"),
        ),
        (
            "Bo said Lenz sided with the dockers of Velmora.",
            "Velmora",
            Some("Bo"),
        ),
        ("Lenz won the vote in Velmora.", "Velmora", None),
        ("The storm opened a road to Velmora.", "Velmora", None),
        ("Lenz supporters rally in Velmora.", "Velmora", None),
        // a name as the appositive of a description
        (
            "Her senior adviser, Jake Lenz, said: “The port of Velmora is open.”",
            "Velmora",
            Some("Her senior adviser, Jake Lenz"),
        ),
        (
            "Then her adviser, the lawyer, said that Velmora was calm.",
            "Velmora",
            None,
        ),
        // a pronoun or description inside a quotation is the speaker's
        (
            "“My friends keep telling me Velmora is lost,” Lenz said.",
            "Velmora",
            Some("Lenz"),
        ),
        (
            "“He told me Velmora is lost,” Lenz said.",
            "Velmora",
            Some("Lenz"),
        ),
        (
            "“Bo told me Velmora is lost,” Lenz said.",
            "Velmora",
            Some("Bo"),
        ),
    ];
    check_source_texts(&cases);
}

/// The content of the relation that holds the first `mention`.
fn content_of(text: &str, mention: &str) -> Option<String> {
    let a = attribute(text, &sentences(text), &DocMeta::default());
    let k = text.find(mention)?;
    a.relation_for(k, k + mention.len())
        .map(|r| text[r.content.start..r.content.end].to_string())
}

#[test]
fn reported_speech_rules() {
    // (text, mention, source as written or None for the narrator, kind)
    let cases: Vec<(&str, &str, Option<&str>, AttributionKind)> = vec![
        // a quotation continues reported speech that ends with a quotation
        ("Lenz “has won the vote in Dunmere,” Ana Bell said. “Ostrik will follow soon enough.”", "Ostrik", Some("Ana Bell"), Direct),
        // … but not reported speech without one
        ("Ana Bell said the vote was won. “Ostrik will follow soon enough.”", "Ostrik", None, Narrator),
        // a short quotation opening its sentence is an utterance
        ("“Okay,” I said, attempting to regroup. “I grew up far from Velmora and came here alone.”", "Velmora", Some("I"), Direct),
        // … a short quoted term is not
        ("“Safe zones” near Ostrik were closed.", "Ostrik", None, Narrator),
        // a quotation closed by "!" before its source's sentence
        ("“The great state of Velmora is proud to cast its votes!” Senator Ana Bell said as she launched the process.", "Velmora", Some("Senator Ana Bell"), Direct),
        ("“The ferry to Velmora is late!” The crowd waited in Ostrik.", "Ostrik", None, Narrator),
        // quantifiers and shares as sources
        ("Two in three said the road to Velmora was closed.", "Velmora", Some("Two in three"), Indirect),
        ("Most said Velmora was calm.", "Velmora", Some("Most"), Indirect),
        ("47% say Ostrik is safe.", "Ostrik", Some("47%"), Indirect),
        ("Some reports from Ostrik were wrong.", "Ostrik", None, Narrator),
        // a hearer and an infinitive: what was asked, not an adjunct
        ("During the service, pastor Ana Bell asked the congregation to pray for Velmora.", "Velmora", Some("pastor Ana Bell"), Indirect),
        ("The road to Velmora is closed, Lenz told a crowd in Ostrik.", "Velmora", Some("Lenz"), Indirect),
        // an abbreviation before a comma, an age in an appositive
        ("Sen. Ana Bell, R-Fla., said Velmora was calm.", "Velmora", Some("Sen. Ana Bell, R-Fla."), Indirect),
        ("Ana Bell, 75, a retiree, said Velmora was calm.", "Velmora", Some("Ana Bell, 75, a retiree"), Indirect),
        ("Prices rose 20, 30, then 40 percent in Velmora.", "Velmora", None, Narrator),
        // a title-case headline on its own line
        ("Rubio Says Velmora Reform Was A Sign Of Leadership\n\nThe vote is on Monday.", "Velmora", Some("Rubio"), Indirect),
        ("Crowds gathered near the Hope Street bridge in Ostrik on Sunday.", "Ostrik", None, Narrator),
        // an opening participle clause: the subject after its comma
        ("Noting that the road to Velmora was closed, Tester added that help was coming.", "Velmora", Some("Tester"), Indirect),
        ("Noting the storm in Velmora, the roads were closed.", "Velmora", None, Narrator),
        // a relation inside one with a trailing source is part of its claim
        ("Nearly three in four say they shop in Velmora, according to the survey.", "Velmora", Some("the survey"), Indirect),
        ("Lenz said the Council told her Velmora was calm.", "Velmora", Some("the Council"), Indirect),
        ("Lenz said the port was open and the Council told her Velmora was calm.", "Velmora", Some("the Council"), Indirect),
        // a quotation labelled after a dash
        ("Red states gain - Ana Bell: “The count in Velmora shows twenty states leaning one way.”", "Velmora", Some("Ana Bell"), Direct),
        ("The result - a landslide: “Velmora voted as one for the first time.”", "Velmora", None, Narrator),
        // a plural subject and a clause make a noun-like cue a verb
        ("Advocates estimate there are 18,000 people from Velmora in this situation.", "Velmora", Some("Advocates"), Indirect),
        ("The budget estimates for Velmora were cut.", "Velmora", None, Narrator),
        // an impression without a source; a physical appearance is none
        ("The race appears closer in Velmora.", "Velmora", None, Indirect),
        ("Lenz appeared on television in Velmora.", "Velmora", None, Narrator),
        // a question without an asker
        ("Lenz was asked about the flooding in Velmora.", "Velmora", None, Indirect),
        ("Lenz was tasked with rebuilding Velmora.", "Velmora", None, Narrator),
        // a participle after a named subject
        ("With 30 percent of voters saying the road to Velmora should reopen, the mayor relented.", "Velmora", Some("30 percent of voters"), Indirect),
        ("Officials reporting from Velmora were delayed.", "Velmora", None, Narrator),
    ];
    check_sources(&cases);
}

#[test]
fn content_boundaries() {
    // (text, mention, content of its relation)
    let cases: Vec<(&str, &str, Option<&str>)> = vec![
        // a conjunction before the next relation is not claimed
        (
            "Lenz praised the port of Velmora and said Ostrik was calm.",
            "Velmora",
            Some("the port of Velmora"),
        ),
        // a conjunction inside the content stays
        (
            "Lenz said Velmora and Ostrik were calm.",
            "Velmora",
            Some("Velmora and Ostrik were calm"),
        ),
    ];
    for (text, mention, want) in cases {
        assert_eq!(content_of(text, mention).as_deref(), want, "{text}");
    }
}

#[test]
fn abbreviation_periods_before_commas() {
    let t = "Carthage, Ill., said so. It rained in Ohio. Then";
    let its = sources::items(t);
    let w: Vec<&str> = its.iter().map(|i| &t[i.start..i.end]).collect();
    assert_eq!(
        w,
        [
            "Carthage", ",", "Ill.", ",", "said", "so", ".", "It", "rained", "in", "Ohio", ".",
            "Then"
        ]
    );
}

#[test]
fn opening_adjuncts_and_short_tails() {
    // (text, mention, source as written or None for the narrator)
    let cases: Vec<(&str, &str, Option<&str>)> = vec![
        // an opening prepositional phrase is no claim of the subject after it
        (
            "In a memo about Velmora, Lenz reminded the staff.",
            "Velmora",
            None,
        ),
        // ... the clause after the verb is
        (
            "In a memo on Tuesday, Lenz reminded the staff that Velmora was closed.",
            "Velmora",
            Some("Lenz"),
        ),
        // a clause before a trailing source stays its claim
        (
            "In 2015, ships left Velmora, the Council said.",
            "Velmora",
            Some("the Council"),
        ),
        // an object after the verb is no short tail: the claim follows it
        (
            "A week after the vote in Velmora, Lenz proposed new rules.",
            "Velmora",
            None,
        ),
        // ... an adjunct is
        (
            "Ships left Velmora before dawn, the Council said in a statement.",
            "Velmora",
            Some("the Council"),
        ),
        (
            "Ships left Velmora before dawn, the Council said flatly.",
            "Velmora",
            Some("the Council"),
        ),
    ];
    check_source_texts(&cases);
}

#[test]
fn coordinated_clauses_end_reported_speech() {
    // (text, mention, content holding the mention, or None for the narrator)
    let cases: Vec<(&str, &str, Option<&str>)> = vec![
        // a coordinated verb phrase of the subject after an object
        (
            "Lenz endorsed Kess and has campaigned in Velmora since May.",
            "Velmora",
            None,
        ),
        (
            "Lenz endorsed Kess and campaigned in Velmora.",
            "Velmora",
            None,
        ),
        // a new clause after ", but" / ", and" with a subject
        (
            "Lenz said the port was closed, but he sailed to Velmora.",
            "Velmora",
            None,
        ),
        (
            "Lenz said the port was closed, and the ferry left Velmora.",
            "Velmora",
            Some("the port was closed, and the ferry left Velmora"),
        ),
        (
            "Lenz said the port was closed, but the ferry left Velmora.",
            "Velmora",
            None,
        ),
        // coordinated words inside the claim stay
        (
            "Lenz endorsed Kess and the mayor of Velmora.",
            "Velmora",
            Some("Kess and the mayor of Velmora"),
        ),
        (
            "Lenz said the port of Velmora was closed and guarded.",
            "Velmora",
            Some("the port of Velmora was closed and guarded"),
        ),
        (
            "Lenz thinks that Kess was born and raised in Velmora.",
            "Velmora",
            Some("Kess was born and raised in Velmora"),
        ),
        (
            "Lenz said Kess won Ostrik, but also Velmora.",
            "Velmora",
            Some("Kess won Ostrik, but also Velmora"),
        ),
    ];
    for (text, mention, want) in cases {
        assert_eq!(content_of(text, mention).as_deref(), want, "{text}");
    }
}

#[test]
fn phrases_relative_clauses_and_nested_claims() {
    // an adjective in "-ly" after a determiner stays in the source phrase
    let t = "Prices rose in Velmora, according to a yearly Council survey.";
    assert_eq!(
        at(t, "Velmora", 0).text.as_deref(),
        Some("a yearly Council survey")
    );
    // ... an adverb in "-ly" before the verb does not
    let t = "The Council publicly said Velmora was calm.";
    assert_eq!(at(t, "Velmora", 0).text.as_deref(), Some("The Council"));
    // a relative clause does not cut the claim short
    let t = "Lenz said he had no talks with officials who complained about the port.";
    assert_eq!(
        content_of(t, "talks").as_deref(),
        Some("he had no talks with officials who complained about the port"),
        "{t}"
    );
    // ... another source's clause does
    let t = "Lenz said the port was open, and officials warned that Velmora was calm.";
    assert_eq!(at(t, "Velmora", 0).text.as_deref(), Some("officials"));
    // a source that opens another's reported speech keeps its own
    // relation, inside the outer one: the chain says who quotes whom
    let t = "Ross said Lenz had told the leaders that Velmora would stay open.";
    assert_eq!(at(t, "Velmora", 0).text.as_deref(), Some("Lenz"));
    let t = "Lenz had told the leaders that Velmora would stay open.";
    assert_eq!(at(t, "Velmora", 0).text.as_deref(), Some("Lenz"));
}

#[test]
fn subject_before_an_inserted_phrase() {
    // (text, mention, source as written or None for the narrator)
    let cases: Vec<(&str, &str, Option<&str>)> = vec![
        // an unnamed subject before a long appositive; the phrase after
        // the verb is the subject of its clause, not an inverted source
        (
            "The driver of the ferry, a farmer who asked not to be named, said she saw smoke over Velmora.",
            "Velmora",
            Some("The driver of the ferry"),
        ),
        // an opening adjunct, then the subject and a prepositional insert
        (
            "For now, Lenz, at the Harbor Institute, said Kessel and Velmora have agreed.",
            "Velmora",
            Some("Lenz"),
        ),
        // an insert between dashes
        (
            "The judge -- who has visited Ostrik twice -- said the road to Velmora was safe.",
            "Velmora",
            Some("The judge"),
        ),
        // a quotation before the subject and its insert
        (
            "“We crossed the river to Velmora at dawn,” Ana Lenz, deputy adviser to the convoy, said on a call.",
            "Velmora",
            Some("Ana Lenz"),
        ),
        // a real inversion keeps its source after the verb
        (
            "Boats left Velmora at dawn, said the Harbor Council.",
            "Velmora",
            Some("the Harbor Council"),
        ),
        // must not attribute: the sentence opens with a clause, not a
        // subject, and "said to" is no report
        (
            "The convoy reached Velmora, a town in the north, said to be empty.",
            "Velmora",
            None,
        ),
    ];
    for (text, mention, source) in cases {
        let a = at(text, mention, 0);
        assert_eq!(a.text.as_deref(), source, "{text}");
        if source.is_none() {
            assert_eq!(a.kind, Some(Narrator), "{text}");
        }
    }
}

#[test]
fn participle_subject_over_an_appositive() {
    let cases: Vec<(&str, &str, Option<&str>)> = vec![
        (
            "Ana Lenz, head of the port authority, tied the delays to the weather, saying the road to Velmora was closed.",
            "Velmora",
            Some("Ana Lenz"),
        ),
        // must not attribute: a list of names, not an appositive
        (
            "Lenz, Bell, and Varga met in Velmora, smiling.",
            "Velmora",
            None,
        ),
    ];
    check_source_texts(&cases);
}

#[test]
fn added_reporting_verbs() {
    let cases: Vec<(&str, &str, Option<&str>)> = vec![
        (
            "Lenz surmised that Velmora would fall by May.",
            "Velmora",
            Some("Lenz"),
        ),
        (
            "The Council clarified that the road to Ostrik stays open.",
            "Ostrik",
            Some("The Council"),
        ),
        (
            "Varga downplayed the flooding in Velmora.",
            "Velmora",
            Some("Varga"),
        ),
        // must not attribute: a participle after a determiner is an adjective
        (
            "The recognized leader of Velmora arrived late.",
            "Velmora",
            None,
        ),
    ];
    check_source_texts(&cases);
}

#[test]
fn relative_clause_content_ends_at_its_comma() {
    // (text, mention, claimed by a relation)
    let cases: Vec<(&str, &str, bool)> = vec![
        (
            "Funds came from Ana Lenz, a trader who had backed Kessel, and from farmers in Velmora.",
            "Kessel",
            true,
        ),
        // must not attribute: after the clause's closing comma
        (
            "Funds came from Ana Lenz, a trader who had backed Kessel, and from farmers in Velmora.",
            "Velmora",
            false,
        ),
        // a place with its region is no closing comma
        (
            "Lenz thanked Bell, who had supported Dunmore, Ostrik, for years.",
            "Ostrik",
            true,
        ),
    ];
    for (text, mention, claimed) in cases {
        let a = at(text, mention, 0);
        assert_eq!(a.kind != Some(Narrator), claimed, "{text}: {a:?}");
    }
}

#[test]
fn preposition_after_the_cue_is_not_claimed() {
    // (text, mention, content as written)
    let cases: Vec<(&str, &str, &str)> = vec![
        (
            "Lenz talked about the floods in Velmora.",
            "Velmora",
            "the floods in Velmora",
        ),
        (
            "Varga referred to the port of Ostrik.",
            "Ostrik",
            "the port of Ostrik",
        ),
        // must not strip: "to" before a verb stays with the claim
        (
            "Lenz wants to visit Velmora.",
            "Velmora",
            "to visit Velmora",
        ),
    ];
    for (text, mention, content) in cases {
        assert_eq!(
            content_of(text, mention).as_deref(),
            Some(content),
            "{text}"
        );
    }
}

#[test]
fn time_adjunct_after_a_relative_pronoun() {
    let cases: Vec<(&str, &str, Option<&str>)> = vec![
        (
            "Lenz, who in the past has praised Velmora, left town.",
            "Velmora",
            Some("Lenz, who"),
        ),
        (
            "The Council, which last year backed Ostrik, met again.",
            "Ostrik",
            Some("The Council, which"),
        ),
        // must not attribute: a time adjunct without a reporting verb
        (
            "Rain in the past week has flooded Velmora.",
            "Velmora",
            None,
        ),
    ];
    check_source_texts(&cases);
}

#[test]
fn time_adjectives_agents_and_lead_ins() {
    // (text, mention, source as written, kind)
    let cases: Vec<(&str, &str, Option<&str>, AttributionKind)> = vec![
        // "according to" a phrase led by a time adjective, with a participle and its agent
        (
            "Voters in Velmora want change, according to early results of the poll conducted by Harbor Research.",
            "Velmora",
            Some("early results of the poll conducted by Harbor Research"),
            Indirect,
        ),
        ("According to last week's survey, prices in Ostrik rose.", "Ostrik", Some("last week's survey"), Indirect),
        // a time word after a reporting verb is still no source
        ("Lenz said early that Velmora was calm.", "Velmora", Some("Lenz"), Indirect),
        // a quotation opened mid-sentence and closed with its cue in a later sentence
        (
            "The people of Velmora “deserve better. That is the point,” said the mayor.",
            "Velmora",
            Some("the mayor"),
            Indirect,
        ),
        // the words before it hold a cue of their own
        (
            "Lenz said Velmora “deserves better. That is the point,” the mayor added.",
            "Velmora",
            Some("Lenz"),
            Indirect,
        ),
        // a colon introduction without a cue is not taken over
        (
            "The sign in Velmora: “Closed today. Come back tomorrow,” the mayor said.",
            "Velmora",
            None,
            Narrator,
        ),
    ];
    check_sources(&cases);
}

#[test]
fn state_is_a_noun_unless_a_clause_follows() {
    let cases: Vec<(&str, &str, Option<&str>, AttributionKind)> = vec![
        (
            "Ostrik is a heavily Democratic state in the north of Velmora.",
            "Velmora",
            None,
            Narrator,
        ),
        (
            "Three states held votes on Tuesday in Velmora.",
            "Velmora",
            None,
            Narrator,
        ),
        (
            "The report states that Velmora is calm.",
            "Velmora",
            Some("The report"),
            Indirect,
        ),
        (
            "The Council states: “Velmora is calm and open again.”",
            "Velmora",
            Some("The Council"),
            Direct,
        ),
    ];
    check_sources(&cases);
}

#[test]
fn according_to_a_report_by_a_medium() {
    // an irregular participle ("broadcast") takes its agent; the report is
    // the broadcaster's; the speaker it quotes makes a chain
    let t = "According to a report broadcast by the Daily Planet TV, one farmer from Kessel said: “They burned the wheat near Ostrik.”";
    let a = at(t, "Ostrik", 0);
    assert_eq!(a.text.as_deref(), Some("one farmer from Kessel"));
    assert_eq!(
        a.chain,
        [
            "a report broadcast by the Daily Planet TV",
            "one farmer from Kessel"
        ]
    );
    let a = at(t, "Kessel", 0);
    assert_eq!(a.source.as_deref(), Some("Daily Planet TV"));
}

#[test]
fn a_report_by_a_named_medium_inside_a_quotation() {
    // inside the Council's quotation, the report of a named medium keeps
    // its relation: a chain of three
    let t = "The Council said: “According to a report broadcast by the Daily Planet TV channel, one farmer from Kessel said: ‘They burned the wheat near Ostrik.’”";
    let a = at(t, "Ostrik", 0);
    assert_eq!(
        a.chain,
        [
            "The Council",
            "a report broadcast by the Daily Planet TV channel",
            "one farmer from Kessel"
        ]
    );
    // must not keep: a description without a name inside a quotation
    let t = "Lenz said: “A report by some officials claims Ostrik is calm.”";
    let a = at(t, "Ostrik", 0);
    assert_eq!(a.source.as_deref(), Some("Lenz"));
}

#[test]
fn short_claims_before_a_trailing_source() {
    // three words, a quantity opening the claim, an activity that goes on
    let cases: Vec<(&str, &str, Option<&str>, AttributionKind)> = vec![
        (
            "Drones struck Ostrik, the governor said.",
            "Ostrik",
            Some("the governor"),
            Indirect,
        ),
        (
            "Gunmen raided Velmora, one resident told the Courier.",
            "Velmora",
            Some("one resident"),
            Indirect,
        ),
        (
            "At least 12 people died in Ostrik, police said.",
            "Ostrik",
            Some("police"),
            Indirect,
        ),
        (
            "Over 200 homes burned in Velmora, the Council said.",
            "Velmora",
            Some("the Council"),
            Indirect,
        ),
        (
            "At most three boats left Ostrik, the Port Authority said.",
            "Ostrik",
            Some("the Port Authority"),
            Indirect,
        ),
        // must not attribute: an opening adjunct, a two-word reply, fighting that goes on
        (
            "In Ostrik, the Council said the boats were safe.",
            "Ostrik",
            None,
            Narrator,
        ),
        ("Not Velmora, he said.", "Velmora", None, Narrator),
        (
            "Heavy fighting continued near Ostrik.",
            "Ostrik",
            None,
            Narrator,
        ),
        (
            "Shelling continued in Velmora overnight.",
            "Velmora",
            None,
            Narrator,
        ),
        // a name ending in "-ing" still speaks
        (
            "“Ostrik is calm,” Harding continued.",
            "Ostrik",
            Some("Harding"),
            Direct,
        ),
    ];
    check_sources(&cases);
}

#[test]
fn pronouns_after_plurals_appositives_and_organisations() {
    // "They" is the residents of the sentence before, not an earlier
    // group; "He" the man named before his appositive
    let t = "Kessel officials said the road was open.\n\nResidents said the market in Ostrik was looted. They said the army had left Velmora.\n\nPetro Lenz, a doctor, said the clinic was hit. He said there was no power in Ostrik.";
    assert_eq!(at(t, "Velmora", 0).source.as_deref(), Some("Residents"));
    assert_eq!(
        at(t, "Ostrik", 1).source.as_deref(),
        Some("Petro Lenz, a doctor")
    );
}

#[test]
fn citing_a_source_makes_a_chain() {
    // (text, mention, source as written, chain)
    let cases: Vec<(&str, &str, Option<&str>, Vec<&str>)> = vec![
        (
            "The Council said, citing harbour officials, that a ship in Ostrik had been hit.",
            "Ostrik",
            Some("harbour officials"),
            vec!["The Council", "harbour officials"],
        ),
        (
            "A sniper killed a child in Ostrik, medical sources said, citing doctors.",
            "Ostrik",
            Some("doctors"),
            vec!["medical sources", "doctors"],
        ),
        (
            "The Watch said, quoting the Port Authority, that Velmora was closed.",
            "Velmora",
            Some("the Port Authority"),
            vec!["The Watch", "the Port Authority"],
        ),
        // cited inside the subject's insert, before the cue
        (
            "Radio Velmora, citing local officials, reported that rebels had entered Ostrik.",
            "Ostrik",
            Some("local officials"),
            vec!["Radio Velmora", "local officials"],
        ),
        // must not chain: data from a body is no speaker
        (
            "Lenz said, citing data from the Port Authority, that ships avoid Ostrik.",
            "Ostrik",
            Some("Lenz"),
            vec![],
        ),
        // must not chain: a reason is cited, not a speaker
        (
            "Lenz left Ostrik, citing legal risks.",
            "Ostrik",
            None,
            vec![],
        ),
        (
            "The Council closed the port of Velmora, citing rising costs.",
            "Velmora",
            None,
            vec![],
        ),
    ];
    check_chains(&cases);
}

#[test]
fn relayed_sources_and_names_with_prepositions() {
    // "X, quoted by Y, said": Y relays X (a chain)
    let t = "The Kesselian ministry, quoted by the Daily Planet, said its troops had taken Ostrik.";
    let a = at(t, "Ostrik", 0);
    assert_eq!(a.text.as_deref(), Some("The Kesselian ministry"));
    assert_eq!(a.chain, ["the Daily Planet", "The Kesselian ministry"]);
    // must not split: no relayer
    let t = "The Kesselian ministry said its troops had taken Ostrik.";
    assert!(at(t, "Ostrik", 0).chain.is_empty());
    // a capitalised preposition inside a name
    let t = "Doctors Without Borders said its clinic in Velmora was looted.";
    assert_eq!(
        at(t, "Velmora", 0).text.as_deref(),
        Some("Doctors Without Borders")
    );
}

#[test]
fn weapons_and_attackers_claim_nothing() {
    let cases: Vec<(&str, &str, Option<&str>, AttributionKind)> = vec![
        ("Drones struck Ostrik overnight.", "Ostrik", None, Narrator),
        (
            "Gunmen attacked Velmora on Sunday.",
            "Velmora",
            None,
            Narrator,
        ),
        ("Kesselian jets struck Ostrik.", "Ostrik", None, Narrator),
        // must stay: people who speak, and a trailing source
        (
            "Democrats voted against the plan for Ostrik.",
            "Ostrik",
            Some("Democrats"),
            Indirect,
        ),
        (
            "Gunmen attacked Velmora, the Council said.",
            "Velmora",
            Some("the Council"),
            Indirect,
        ),
    ];
    check_sources(&cases);
}

#[test]
fn datelines_adverbs_and_described_people() {
    // a dateline is the narrator's, the rest of the claim the source's
    let t = "OSTRIK, Kessel — Shelling forced families to flee villages near Velmora, local officials said.";
    assert_eq!(at(t, "OSTRIK", 0).kind, Some(Narrator));
    assert_eq!(at(t, "Velmora", 0).text.as_deref(), Some("local officials"));
    // an opening adverb is no name before an appositive
    let t = "Separately, the council said it had closed the road to Ostrik.";
    assert_eq!(at(t, "Ostrik", 0).text.as_deref(), Some("the council"));
    // "she" is the aid worker, not the man named before
    let t = "Lenz Harrow said the fighting was over. An aid worker said the camp was full. “We have people arriving from Ostrik,” she said.";
    assert_eq!(at(t, "Ostrik", 0).source.as_deref(), Some("An aid worker"));
    // must not: a capitalised first word without a dash is no dateline
    let t = "OSTRIK was calm, local officials said.";
    assert_eq!(at(t, "OSTRIK", 0).text.as_deref(), Some("local officials"));
    // a place in parentheses before a dash is a dateline too
    let t = "(Ostrik) – Shelling forced families to flee Velmora, Kessel Watch said today.";
    assert_eq!(at(t, "Ostrik", 0).kind, Some(Narrator));
    assert_eq!(at(t, "Velmora", 0).text.as_deref(), Some("Kessel Watch"));
    // must not: a parenthesis that opens the claim
    let t = "(Ostrik was calm), Kessel Watch said.";
    assert_eq!(at(t, "Ostrik", 0).text.as_deref(), Some("Kessel Watch"));
}

#[test]
fn the_report_is_its_publisher() {
    let t = "In a report published on Tuesday, the Kessel Watch said guards had fired on protesters. The report found that 66 people died in Ostrik.";
    let a = at(t, "Ostrik", 0);
    assert_eq!(a.text.as_deref(), Some("The report"));
    assert_eq!(a.source.as_deref(), Some("Kessel Watch"));
    // must not: a report nobody was named with
    let t = "The Kessel Watch said guards had fired on protesters. The report found that 66 people died in Ostrik.";
    assert_ne!(at(t, "Ostrik", 0).source.as_deref(), Some("Kessel Watch"));
}

#[test]
fn quoting_with_an_appositive_and_a_quotation_according_to_a_paper() {
    // "quoted a resident, Umm Khalid, as saying": the speaker with her name
    let t = "The paper quoted a resident, Ana Lenz, as saying that her family lived in a tent near Ostrik.";
    let a = at(t, "Ostrik", 0);
    assert_eq!(a.text.as_deref(), Some("a resident, Ana Lenz"));
    assert_eq!(a.chain, ["The paper", "a resident, Ana Lenz"]);
    // a quotation keeps its speaker under a trailing "according to"
    let t = "Lenz Harrow said he lives in a tent. “When do we go back to Ostrik?” he said, according to the newspaper.";
    let a = at(t, "Ostrik", 0);
    assert_eq!(a.source.as_deref(), Some("Lenz Harrow"));
    assert_eq!(a.chain, ["the newspaper", "Lenz Harrow"]);
    // must not: reported speech under "according to" stays the survey's
    let t = "Nearly three in four voters say they shop in Ostrik, according to the survey.";
    assert_eq!(at(t, "Ostrik", 0).text.as_deref(), Some("the survey"));
}

#[test]
fn a_gloss_is_no_claim() {
    let cases: Vec<(&str, &str, Option<&str>, AttributionKind)> = vec![
        (
            "Refugees reached Kessel, a town known to the Ruritanians as a gateway to Ostrik.",
            "Ostrik",
            None,
            Narrator,
        ),
        (
            "The district, known as Velmora, lies west of Ostrik.",
            "Velmora",
            None,
            Narrator,
        ),
        // must stay: knowing as a claim
        (
            "Lenz has known for years that Ostrik would fall.",
            "Ostrik",
            Some("Lenz"),
            Indirect,
        ),
    ];
    check_sources(&cases);
}

#[test]
fn reported_speech_ended_by_the_claim_it_reports_keeps_the_chain() {
    // (text, mention, source as written, chain)
    let cases: Vec<(&str, &str, Option<&str>, Vec<&str>)> = vec![
        // a verb of saying runs on into the claim it reports
        (
            "Lenz said that for decades some critics had been predicting a retreat from Ostrik.",
            "Ostrik",
            Some("some critics"),
            vec!["Lenz", "some critics"],
        ),
        (
            "The Council announced that the Harbor Guild had warned of attacks on Velmora.",
            "Velmora",
            Some("the Harbor Guild"),
            vec!["The Council", "the Harbor Guild"],
        ),
        // must not: coordinated frames are two claims, not one in another
        (
            "Lenz said Ostrik would vote for her, and Bell said Velmora would vote for him.",
            "Velmora",
            Some("Bell"),
            vec![],
        ),
        // must not: a frame after a comma ("…, as X told …") is no nesting
        (
            "The officials agree the port matters to both sides, as Harbor Minister Lenz told reporters in Velmora.",
            "Velmora",
            Some("Harbor Minister Lenz"),
            vec![],
        ),
        // must not: a belief verb's object is not reported speech
        (
            "The experts urged the Council to request a recount in Velmora.",
            "Velmora",
            Some("The experts"),
            vec![],
        ),
    ];
    check_chains(&cases);
}

#[test]
fn a_passive_without_its_agent_stays_in_the_claim() {
    let cases: Vec<(&str, &str, Option<&str>, AttributionKind)> = vec![
        (
            "Officials said the men were asked to leave Ostrik.",
            "Ostrik",
            Some("Officials"),
            Indirect,
        ),
        (
            "Lenz said they were told to keep the convoy in Velmora.",
            "Velmora",
            Some("Lenz"),
            Indirect,
        ),
        // must stay: a question with no asker and no enclosing claim
        (
            "Lenz was asked about Velmora on Tuesday.",
            "Velmora",
            None,
            Indirect,
        ),
    ];
    check_sources(&cases);
}

#[test]
fn time_words_adverbs_and_counts_are_no_source() {
    let cases: Vec<(&str, &str, Option<&str>)> = vec![
        // a time adjunct or a sentence adverb between subject and verb
        (
            "The Harbor Council this week announced a new road to Ostrik.",
            "Ostrik",
            Some("The Harbor Council"),
        ),
        (
            "Three shipping firms have in fact reported losses in Velmora.",
            "Velmora",
            Some("Three shipping firms"),
        ),
        (
            "Lenz, whose views have upset many, last year proposed a ban on trade with Ostrik.",
            "Ostrik",
            Some("Lenz"),
        ),
        // a discourse adverb between commas is not part of the source
        (
            "Bell, however, predicted a recovery in Velmora.",
            "Velmora",
            Some("Bell"),
        ),
        (
            "The Guild, meanwhile, said Ostrik was calm.",
            "Ostrik",
            Some("The Guild"),
        ),
        // must stay: an appositive is part of the source
        (
            "Bell, a lawmaker, predicted a recovery in Velmora.",
            "Velmora",
            Some("Bell, a lawmaker"),
        ),
        // must stay: a possessive time word makes the source
        (
            "Tuesday's survey showed Lenz ahead in Ostrik.",
            "Ostrik",
            Some("Tuesday's survey"),
        ),
        // a count before its noun is no source
        (
            "The Council said there are 878 confirmed cases in Ostrik.",
            "Ostrik",
            Some("The Council"),
        ),
        (
            "The outbreak of over 400 reported cases was centred in Velmora.",
            "Velmora",
            None,
        ),
        // must stay: a count that speaks ("43 said the same")
        (
            "Of the delegates, 43 said they would go to Velmora.",
            "Velmora",
            Some("43"),
        ),
    ];
    check_source_texts(&cases);
}

#[test]
fn inserted_sources_with_a_relative_clause_or_inverted() {
    let cases: Vec<(&str, &str, Option<&str>, AttributionKind)> = vec![
        // "according to X who …," inserted: the whole sentence is claimed
        (
            "Absent from the talks, according to members who spoke with reporters afterward, was any mention of Velmora.",
            "Velmora",
            Some("members"),
            Indirect,
        ),
        // an inverted source inserted before the sentence's verb
        (
            "The contrast with Ostrik, said Lenz and others, would be clear since the fighting in Velmora stopped.",
            "Velmora",
            Some("Lenz"),
            Indirect,
        ),
        // must not: a trailing inverted source with an appositive
        (
            "The road to Velmora is closed, said Bell, a spokeswoman for the Council.",
            "Velmora",
            Some("Bell"),
            Indirect,
        ),
        // must not: a trailing "according to X who …" leaves what follows
        (
            "Ships left Ostrik, according to sailors who saw them, and later Velmora burned.",
            "Velmora",
            None,
            Narrator,
        ),
    ];
    check_sources(&cases);
}

#[test]
fn cue_words_in_senses_that_claim_nothing() {
    let cases: Vec<(&str, &str, Option<&str>, AttributionKind)> = vec![
        // an aspect: what goes on is no speech
        (
            "Lenz continues to campaign hard in Ostrik.",
            "Ostrik",
            None,
            Narrator,
        ),
        (
            "Bell went on to win the vote in Velmora.",
            "Velmora",
            None,
            Narrator,
        ),
        // naming
        (
            "Students held a party called Anti-Prom in Ostrik.",
            "Ostrik",
            None,
            Narrator,
        ),
        (
            "The crossing, which locals call Ostrik Gate, was closed.",
            "Ostrik",
            None,
            Narrator,
        ),
        // a participle after its noun
        (
            "A survey released Monday by a group in Velmora puts Lenz ahead.",
            "Velmora",
            None,
            Narrator,
        ),
        // must stay: speech goes on; a verb of naming with a source; a
        // release by its subject
        (
            "Lenz continued to insist that Ostrik was safe.",
            "Ostrik",
            Some("Lenz"),
            Indirect,
        ),
        (
            "“We will hold Velmora,” Bell continued.",
            "Velmora",
            Some("Bell"),
            Direct,
        ),
        (
            "Critics called the plan a disaster for Ostrik.",
            "Ostrik",
            Some("Critics"),
            Indirect,
        ),
    ];
    check_sources(&cases);
}

#[test]
fn a_place_and_its_region_inside_an_appositive() {
    let cases: Vec<(&str, &str, Option<&str>, AttributionKind)> = vec![
        // the region's comma does not end the appositive
        (
            "“We fled Velmora at night,” Ana Bell, a mother of four from Ostrik, Harbor province, told reporters.",
            "Velmora",
            Some("Ana Bell"),
            Direct,
        ),
        (
            "“The port of Velmora never closed,” Mr. Lenz, now 81 and retired in Kessel, Ruritania, said by telephone.",
            "Velmora",
            Some("Mr. Lenz"),
            Direct,
        ),
        // the phrase of the place is the source when it opens the clause
        (
            "That is how Ana Bell of Kessel, Ruritania, described the road to Velmora.",
            "Velmora",
            Some("Ana Bell of Kessel, Ruritania"),
            Indirect,
        ),
        // must stay: a name after "of COUNTRY," is an appositive name
        (
            "The foreign minister of Ruritania, Ana Bell, said the road to Velmora was open.",
            "Velmora",
            Some("The foreign minister of Ruritania, Ana Bell"),
            Indirect,
        ),
        // must stay: a company's legal form is no region
        (
            "Ana Bell, a lawyer in Harbor Guild, Inc., said the road to Velmora was open.",
            "Velmora",
            Some("Ana Bell, a lawyer in Harbor Guild, Inc."),
            Indirect,
        ),
    ];
    check_sources(&cases);
}

#[test]
fn the_speaker_right_after_a_quotation_over_a_long_insert() {
    let cases: Vec<(&str, &str, Option<&str>, AttributionKind)> = vec![
        // a relative clause with a cue of its own stands between
        (
            "“The shelling never stopped,” said Bo Lenz, a teacher.\n\n“We fled Velmora at night,” a mother of four who asked not to be named because she feared reprisals told reporters.",
            "Velmora",
            Some("a mother of four"),
            Direct,
        ),
        // an age and a relative clause with a comma
        (
            "“We fled Ostrik at night,” the woman, 34, who like many here gave only one name, told the agency.",
            "Ostrik",
            Some("the woman"),
            Direct,
        ),
        // an appositive with a relative clause of its own
        (
            "“Velmora is burning,” one fighter with the Harbor Guard, a militia, which is backed by Ruritania, told reporters by phone.",
            "Velmora",
            Some("one fighter with the Harbor Guard"),
            Direct,
        ),
        // must stay: an appositive name stays with the phrase
        (
            "“Ostrik needs a global response,” the Harbor Secretary, Ana Bell, said.",
            "Ostrik",
            Some("the Harbor Secretary, Ana Bell"),
            Direct,
        ),
    ];
    check_sources(&cases);
}

#[test]
fn pronouns_take_the_last_named_person_of_their_gender() {
    // (text, mention, resolved source)
    let cases: Vec<(&str, &str, Option<&str>)> = vec![
        // named again, a person is the most recent for "he"
        (
            "“Ostrik is lost,” Bo Lenz said. “Velmora is next,” Ana Bell said. “We lost,” Lenz said. He added that Kessel would fall.",
            "Kessel",
            Some("Bo Lenz"),
        ),
        // "she" skips a man named after her
        (
            "“Ostrik is lost,” Fatima Bell said. “Velmora is next,” John Lenz said. She added that Kessel would fall.",
            "Kessel",
            Some("Fatima Bell"),
        ),
        // names of the regions the news covers
        (
            "Mariam Traore said the army left Ostrik. Ibrahim Sow said fighters crossed near Velmora. She added that Kessel was besieged.",
            "Kessel",
            Some("Mariam Traore"),
        ),
        (
            "Oleksandr Bondar said the road was cut. Oksana Kovalenko said her house was hit. He said Kessel was shelled.",
            "Kessel",
            Some("Oleksandr Bondar"),
        ),
        // a title or a word for a woman tells it too
        (
            "Mrs. Bell said the road was closed. “We waited,” Mr. Lenz said. She said Kessel was shelled.",
            "Kessel",
            Some("Mrs. Bell"),
        ),
        // a name after a preposition tells nothing ("of France")
        (
            "The president of France, Bo Lenz, said the talks went well. The envoy, Ana Bell, said they did not. He said Kessel was calm.",
            "Kessel",
            Some("president of France, Bo Lenz"),
        ),
        // must stay: an unknown gender takes the last person
        (
            "“Ostrik is lost,” Fatima Bell said. “Velmora is next,” Kim Lenz said. She added that Kessel would fall.",
            "Kessel",
            Some("Kim Lenz"),
        ),
        // a plural of people before "of" is a group, not a person
        (
            "Ana Bell said the talks failed. Opponents of President Lenz said they would march. She added that Kessel was calm.",
            "Kessel",
            Some("Ana Bell"),
        ),
        // the name after the titles tells, not an acronym before them, and
        // an acronym does not make the person an organisation
        (
            "A shopkeeper said the road was closed. UN Special Rapporteur Richard Bell said talks stalled. He said Kessel was calm.",
            "Kessel",
            Some("UN Special Rapporteur Richard Bell"),
        ),
        (
            "A shopkeeper said the road was closed. UN envoy Hans Lenz said talks stalled. He said Kessel was calm.",
            "Kessel",
            Some("UN envoy Hans Lenz"),
        ),
        // a title of an organisation and the name after it is a person
        (
            "The head of UNRWA, Philippe Lazzarini, said the warehouses were looted. He said Kessel was cut off.",
            "Kessel",
            Some("head of UNRWA, Philippe Lazzarini"),
        ),
    ];
    check_resolved(&cases);
}

#[test]
fn a_trailing_frame_before_an_adjunct_ends_the_claim() {
    let cases: Vec<(&str, &str, Option<&str>, AttributionKind)> = vec![
        // what follows the frame is the narrator's
        (
            "A car bomb exploded in Velmora, killing 20, officials said, in the fifth attack in Ostrik this month.",
            "Ostrik",
            None,
            Narrator,
        ),
        (
            "Lenz won the vote in Velmora, the agency declared on Thursday, two days after the polls closed in Ostrik.",
            "Ostrik",
            None,
            Narrator,
        ),
        (
            "The market in Velmora was full, he said, wiping dust off his face in Ostrik.",
            "Ostrik",
            None,
            Narrator,
        ),
        // and what precedes it is the source's, also before a long
        // adjunct after a comma, and before the means of speaking
        (
            "A car bomb exploded in Velmora, killing 20, officials said, in the fifth attack in Ostrik this month.",
            "Velmora",
            Some("officials"),
            Indirect,
        ),
        (
            "Jets struck depots in Velmora, the ministry said, in retaliation for a raid that killed three soldiers in Ostrik.",
            "Velmora",
            Some("the ministry"),
            Indirect,
        ),
        (
            "Drones hit a depot in Velmora, the governor said by telephone.",
            "Velmora",
            Some("the governor"),
            Indirect,
        ),
        // must stay: an inserted frame before the rest of the clause
        (
            "Over the years, she said, the port of Velmora has grown.",
            "Velmora",
            Some("she"),
            Indirect,
        ),
    ];
    check_sources(&cases);
}

#[test]
fn continued_quotations_signs_put_it_and_claims_named_by_a_noun() {
    let cases: Vec<(&str, &str, Option<&str>, AttributionKind)> = vec![
        // a weak verb before a quotation after a colon or a comma
        (
            "Bo Lenz spoke first. He continued: “We are proud to help Velmora.”",
            "Velmora",
            Some("He"),
            Direct,
        ),
        // a sign or a message that reads
        (
            "“Velmora will rise!” read one sign.",
            "Velmora",
            Some("one sign"),
            Direct,
        ),
        (
            "The email reads: “Send the trucks to Ostrik.”",
            "Ostrik",
            Some("The email"),
            Direct,
        ),
        // "as X put it"
        (
            "As Lenz put it, Velmora is lost.",
            "Velmora",
            Some("Lenz"),
            Indirect,
        ),
        (
            "Ostrik is lost, as the governor put it.",
            "Ostrik",
            Some("the governor"),
            Indirect,
        ),
        // a claim named by a noun after its owner
        (
            "The ministry's claim that Velmora had fallen drew fire.",
            "Velmora",
            Some("The ministry's"),
            Indirect,
        ),
        // must not: "read" with an object; a weak verb without its clause;
        // an owner that is a clause
        (
            "Lenz read the report in Velmora.",
            "Velmora",
            None,
            Narrator,
        ),
        (
            "The fighting continued, in Ostrik.",
            "Ostrik",
            None,
            Narrator,
        ),
        (
            "It seems that Lenz bought Bell's claim that Velmora had fallen.",
            "Velmora",
            Some("Bell's"),
            Indirect,
        ),
    ];
    check_sources(&cases);
}

#[test]
fn organisations_sharing_a_head_noun_stay_apart_and_strikes_claim_nothing() {
    // (text, mention, resolved source)
    let cases: Vec<(&str, &str, Option<&str>)> = vec![
        // a proper modifier the earlier name lacks makes another source
        (
            "The Harbor Armed Forces said they held Ostrik. The Rapid Coast Forces said they had seized a base near Velmora.",
            "Velmora",
            Some("Rapid Coast Forces"),
        ),
        (
            "The Tasnim news agency said there were blasts in Ostrik. The Kessel news agency said there were blasts in Velmora.",
            "Velmora",
            Some("Kessel news agency"),
        ),
        // must stay: a bare short reference, and a demonym of the name
        (
            "The Tasnim news agency said there were blasts in Ostrik. The agency said there were blasts in Velmora.",
            "Velmora",
            Some("Tasnim news agency"),
        ),
        (
            "The National Council of Resistance of Ruritania said guards were in Ostrik. The Ruritanian Resistance said they left Velmora.",
            "Velmora",
            Some("National Council of Resistance of Ruritania"),
        ),
        // a strike on a named target is the narrator's report
        ("The army struck Velmora on Monday.", "Velmora", None),
        ("Drones hit Ostrik overnight.", "Ostrik", None),
        // must stay: a strike of a deal is an event of its actor
        ("Lenz struck a deal in Velmora.", "Velmora", Some("Lenz")),
    ];
    check_resolved(&cases);
}

#[test]
fn where_a_source_spoke_and_its_appositive_are_the_narrators() {
    let cases: Vec<(&str, &str, Option<&str>, AttributionKind)> = vec![
        // the addressee and the place of speaking before "that"
        (
            "A Ruritanian official told reporters in Kessel that warships had left Velmora.",
            "Kessel",
            None,
            Narrator,
        ),
        (
            "A Ruritanian official told reporters in Kessel that warships had left Velmora.",
            "Velmora",
            Some("A Ruritanian official"),
            Indirect,
        ),
        (
            "The spokesman said in Kessel that the crossing at Velmora was closed.",
            "Kessel",
            None,
            Narrator,
        ),
        // an appositive of an "according to" source
        (
            "According to Bo Lenz, a tribal leader in Kessel, the cells move freely in Velmora.",
            "Kessel",
            None,
            Narrator,
        ),
        // must stay: a list after "according to X,"
        (
            "According to the ministry, the cells move freely in Velmora, Ostrik and Kessel.",
            "Velmora",
            Some("the ministry"),
            Indirect,
        ),
        // must stay: a relative "that" after a weak verb's preposition
        (
            "His motion referred to testimony in a trial in Velmora that is part of a challenge.",
            "Velmora",
            Some("His motion"),
            Indirect,
        ),
    ];
    check_sources(&cases);
}

#[test]
fn the_agent_of_a_participle_after_the_subject_is_no_source() {
    let cases: Vec<(&str, &str, Option<&str>)> = vec![
        (
            "A UN report seen by the Harbor Post said fighters killed civilians in Velmora.",
            "Velmora",
            Some("A UN report"),
        ),
        (
            "Ostrik was quiet on Monday, a release issued by the Council said.",
            "Ostrik",
            Some("a release"),
        ),
        // must stay: the agent of a passive with its verb is the source
        (
            "The order was signed by Lenz, who said Velmora would hold.",
            "Velmora",
            Some("Lenz, who"),
        ),
        (
            "The Harbor Post said fighters killed civilians in Velmora.",
            "Velmora",
            Some("The Harbor Post"),
        ),
    ];
    check_source_texts(&cases);
}

#[test]
fn an_attack_on_a_place_is_the_narrators_report() {
    // (text, mention, source as written); Velmora, Ostrik and Kessel are
    // the places the spotter found
    let cases: Vec<(&str, &str, Option<&str>)> = vec![
        (
            "The Harbor Front attacked Velmora again on Sunday.",
            "Velmora",
            None,
        ),
        (
            "Kesselian forces attacked Ostrik with glide bombs.",
            "Ostrik",
            None,
        ),
        ("Militants attacked Velmora, killing 12.", "Velmora", None),
        // must stay: criticism of a country, and of a person a place
        // name only modifies
        (
            "Lenz attacked Kessel over its tariffs on Velmora.",
            "Velmora",
            Some("Lenz"),
        ),
        (
            "Lenz slammed Kessel presidential hopeful Bell in Ostrik.",
            "Ostrik",
            Some("Lenz"),
        ),
    ];
    let towns = [("Velmora", false), ("Ostrik", false), ("Kessel", false)];
    check_source_texts_with_places(&cases, &towns);
    // without places, "attacked" keeps its speech sense
    let text = "The Harbor Front attacked Velmora again on Sunday.";
    let a = attribute(text, &sentences(text), &DocMeta::default());
    let k = text.find("Velmora").unwrap();
    assert_eq!(
        a.for_span(k, k + 7).text.as_deref(),
        Some("The Harbor Front")
    );
}

#[test]
fn a_headlines_second_verb_keeps_its_subject() {
    // (text, mention, source as written, kind)
    let cases: Vec<(&str, &str, Option<&str>, AttributionKind)> = vec![
        (
            "Kessel denies shelling school in Velmora, says Harbor Front used Ostrik as a base",
            "Ostrik",
            Some("Kessel"),
            Indirect,
        ),
        // must stay: an inversion whose source has a participle or a
        // prepositional phrase
        (
            "The fighting in Velmora was over, said a retired general.",
            "Velmora",
            Some("a retired general"),
            Indirect,
        ),
        (
            "Talks resume in Velmora, said one Republican involved in talks.",
            "Velmora",
            Some("one Republican involved in talks"),
            Indirect,
        ),
    ];
    check_sources(&cases);
}

#[test]
fn a_label_that_names_a_topic_is_no_speaker() {
    // (text, mention, source as written); "Ruritania" is a country the
    // spotter found, "Velmora" a town
    let cases: Vec<(&str, &str, Option<&str>)> = vec![
        (
            "Ruritania: Starvation as a Weapon in Velmora",
            "Velmora",
            None,
        ),
        (
            "Displacement: Some 12,000 people arrived in Velmora.",
            "Velmora",
            None,
        ),
        ("Key needs: Water is short in Velmora.", "Velmora", None),
        // must stay: persons, groups and polls speak
        (
            "Lenz: Troops failed to take Velmora",
            "Velmora",
            Some("Lenz"),
        ),
        ("Poll: Bell leads in Velmora", "Velmora", Some("Poll")),
        (
            "Harbor camp: Bell lost Velmora",
            "Velmora",
            Some("Harbor camp"),
        ),
    ];
    check_source_texts_with_places(&cases, &[("Ruritania", true), ("Velmora", false)]);
}

#[test]
fn relayed_sources_make_chains() {
    // (text, mention, source as written, chain outermost first)
    let cases: Vec<(&str, &str, Option<&str>, Vec<&str>)> = vec![
        // a quoting inside a claim nests in it
        (
            "The Harbor Council said Kessel TV quoted a resident as saying troops fired tear gas in Velmora.",
            "Velmora",
            Some("a resident"),
            vec!["The Harbor Council", "Kessel TV", "a resident"],
        ),
        // "Y quoted by X" before a cue, and after "according to"
        (
            "Harbor officials quoted by the Kessel Journal said flights landed in Velmora.",
            "Velmora",
            Some("Harbor officials"),
            vec!["the Kessel Journal", "Harbor officials"],
        ),
        (
            "According to Harbor officials quoted by the Kessel Journal, flights landed in Velmora.",
            "Velmora",
            Some("Harbor officials"),
            vec!["the Kessel Journal", "Harbor officials"],
        ),
        // must stay: a relayer between commas, and a plain report
        (
            "The ministry, quoted by Kessel TV, said troops left Velmora.",
            "Velmora",
            Some("The ministry"),
            vec!["Kessel TV", "The ministry"],
        ),
        (
            "The Harbor Council said Kessel TV reported that troops left Velmora.",
            "Velmora",
            Some("Kessel TV"),
            vec!["The Harbor Council", "Kessel TV"],
        ),
    ];
    check_chains(&cases);
}

#[test]
fn a_sources_own_description_holds_no_cue_of_the_claim() {
    // (text, mention, source as written, kind)
    let cases: Vec<(&str, &str, Option<&str>, AttributionKind)> = vec![
        // the relative clause ends in a passive: the subject is the doctor
        (
            "A doctor who asked that his name be withheld said the hospital in Velmora was full.",
            "Velmora",
            Some("A doctor"),
            Indirect,
        ),
        // a weak verb of the relative clause stops at the main verb
        (
            "A commander who feared reprisals in Ostrik said fighters had left Velmora.",
            "Velmora",
            Some("A commander"),
            Indirect,
        ),
        // a message posted somewhere is no source of its own
        (
            "The Harbor Front said in a statement posted on Telegram that it had taken Velmora.",
            "Velmora",
            Some("The Harbor Front"),
            Indirect,
        ),
        // must stay: a clause with its own subject inside the relative
        // clause, and a source that posts
        (
            "A man who said that the guards were armed told police that Velmora fell.",
            "Velmora",
            Some("A man"),
            Indirect,
        ),
        (
            "The church posted on Facebook that Lenz had left Velmora.",
            "Velmora",
            Some("The church"),
            Indirect,
        ),
    ];
    check_sources(&cases);
    // the weak verb's content ends before the main verb
    let t = "A commander who feared reprisals in Ostrik said fighters had left Velmora.";
    let a = attribute(t, &sentences(t), &DocMeta::default());
    let feared = a
        .spans()
        .iter()
        .find(|s| s.cue.is_some_and(|c| &t[c.start..c.end] == "feared"))
        .map(|s| &t[s.content.start..s.content.end]);
    assert_eq!(feared, Some("reprisals in Ostrik"), "{:?}", a.spans());
}

#[test]
fn sources_joined_by_and_are_one_source() {
    // (text, mention, source as written, kind)
    let cases: Vec<(&str, &str, Option<&str>, AttributionKind)> = vec![
        (
            "Troops raided Velmora on Wednesday, residents and the Harbor health ministry said.",
            "Velmora",
            Some("residents and the Harbor health ministry"),
            Indirect,
        ),
        (
            "Residents and medics said troops raided Velmora.",
            "Velmora",
            Some("Residents and medics"),
            Indirect,
        ),
        // a number after "of" ends the phrase
        (
            "A father of three said the shelling in Velmora did not stop.",
            "Velmora",
            Some("A father of three"),
            Indirect,
        ),
        (
            "“The shelling in Velmora did not stop,” a mother of five told reporters.",
            "Velmora",
            Some("a mother of five"),
            Direct,
        ),
        // must stay: a clause's object, and things in a list
        (
            "Troops entered Ostrik and residents said Velmora was calm.",
            "Velmora",
            Some("residents"),
            Indirect,
        ),
    ];
    check_sources(&cases);
    // "officials" later is not "officials and residents"
    let t = "Officials and residents said Ostrik was calm. Officials said Velmora fell.";
    let a = at(t, "Velmora", 0);
    assert_eq!(a.source.as_deref(), Some("Officials"), "{a:?}");
}

#[test]
fn a_clause_of_its_own_after_a_comma_and_and_ends_the_claim() {
    let cases: Vec<(&str, &str, Option<&str>, AttributionKind)> = vec![
        (
            "His opponents said he abandoned Ostrik, and protesters marched from Velmora to the capital.",
            "Velmora",
            None,
            Narrator,
        ),
        (
            "His opponents said he abandoned Ostrik, and protesters marched from Velmora to the capital.",
            "Ostrik",
            Some("His opponents"),
            Indirect,
        ),
        // must stay: a list of roles is no clause
        (
            "Lenz called Bell a thinker, writer, and regular op-ed contributor in the Velmora press.",
            "Velmora",
            Some("Lenz"),
            Indirect,
        ),
    ];
    check_sources(&cases);
}

#[test]
fn a_cue_word_after_a_determiner_is_a_noun_of_the_source() {
    let cases: Vec<(&str, &str, Option<&str>)> = vec![(
        "A commander said supplies were short. Agencies left Velmora, according to a note circulated among partners.",
        "Velmora",
        Some("a note circulated among partners"),
    )];
    check_source_texts(&cases);
}

#[test]
fn a_negated_or_declined_report_claims_nothing() {
    // (text, mention, source as written)
    let cases: Vec<(&str, &str, Option<&str>)> = vec![
        (
            "The army would not confirm the strike in Velmora.",
            "Velmora",
            None,
        ),
        (
            "The army did not comment on the strike in Velmora.",
            "Velmora",
            None,
        ),
        (
            "The ministry declined to comment on fighting in Velmora.",
            "Velmora",
            None,
        ),
        (
            "Lenz didn't say whether troops left Velmora.",
            "Velmora",
            None,
        ),
        // the enclosing claim takes the place
        (
            "Officials said the army would not confirm the strike in Velmora.",
            "Velmora",
            Some("Officials"),
        ),
        // must stay: a report, and a denial denied
        (
            "The army confirmed the strike in Velmora.",
            "Velmora",
            Some("The army"),
        ),
        (
            "Lenz did not deny that troops were in Velmora.",
            "Velmora",
            Some("Lenz"),
        ),
    ];
    check_source_texts(&cases);
    // the relation stays, marked
    let t = "The army would not confirm the strike in Velmora.";
    let a = attribute(t, &sentences(t), &DocMeta::default());
    assert!(a.spans().iter().any(|s| !s.claims), "{:?}", a.spans());
}

#[test]
fn a_colon_that_ends_the_line_introduces_the_next_paragraphs_quotation() {
    let cases: Vec<(&str, &str, Option<&str>, AttributionKind)> = vec![
        (
            "The commander said in an interview with a Kessel broadcaster:\n\n“The enemy is massing near Velmora.”",
            "Velmora",
            Some("The commander"),
            Direct,
        ),
        (
            "The commander told reporters:\n\n“The enemy is massing near Velmora.”",
            "Velmora",
            Some("The commander"),
            Direct,
        ),
        (
            "Dr. Ana Bell described conditions inside:\n\n“Ambulances could not reach Velmora.”",
            "Velmora",
            Some("Dr. Ana Bell"),
            Direct,
        ),
        // must stay: a bare "said:"
        (
            "The commander said:\n\n“The enemy is massing near Velmora.”",
            "Velmora",
            Some("The commander"),
            Direct,
        ),
    ];
    check_sources(&cases);
}

#[test]
fn a_second_verb_takes_the_main_subject_not_an_embedded_one() {
    let cases: Vec<(&str, &str, Option<&str>, AttributionKind)> = vec![
        (
            "The Kessel military said sirens sounded in Ostrik but reported no injuries in Velmora.",
            "Velmora",
            Some("The Kessel military"),
            Indirect,
        ),
        // must stay: a subject of its own
        (
            "The Kessel military said sirens sounded in Ostrik, and medics reported no injuries in Velmora.",
            "Velmora",
            Some("medics"),
            Indirect,
        ),
    ];
    check_sources(&cases);
}

#[test]
fn a_list_item_is_a_sentence_of_its_own() {
    // session 14: the items of a list were one sentence, so a source at the
    // end of the last item claimed every item
    let cases: Vec<(&str, &str, Option<&str>, AttributionKind)> = vec![
        (
            "What we know so far:\n• Schools remain closed in Velmora.\n• Thousands fled Ostrik, according to the UN.",
            "Velmora",
            None,
            Narrator,
        ),
        (
            "• The president vowed to send more, though officials say funding is short.\n• Ostrik and Velmora have also sent troops.",
            "Velmora",
            None,
            Narrator,
        ),
        // the marker is no word of the sentence: the subject follows it
        (
            "The statement reads:\n3. The Ministry holds Kessel responsible and notes that the aircraft flew over Velmora.",
            "Velmora",
            Some("The Ministry"),
            Indirect,
        ),
        // must stay: the item's own source
        (
            "What we know so far:\n• Schools remain closed in Velmora.\n• Thousands fled Ostrik, according to the UN.",
            "Ostrik",
            Some("the UN"),
            Indirect,
        ),
    ];
    check_sources(&cases);
}

#[test]
fn words_that_are_no_report_here() {
    // session 14 (a helper's fourth round of texts); every pair holds a case
    // that must stay
    let cases: Vec<(&str, &str, Option<&str>, AttributionKind)> = vec![
        // a participle after its noun: the noun is the one accused
        (
            "A man accused of smuggling weapons from Velmora was arrested.",
            "Velmora",
            None,
            Narrator,
        ),
        (
            "A youth charged with a stabbing in Velmora appeared in court.",
            "Velmora",
            None,
            Narrator,
        ),
        (
            "Prosecutors accused the defendant of financing attacks near Velmora.",
            "Velmora",
            Some("Prosecutors"),
            Indirect,
        ),
        // a verb of sound or motion before a place
        ("Sirens sounded in Velmora.", "Velmora", None, Narrator),
        (
            "Gangs have pushed north into the Velmora department.",
            "Velmora",
            None,
            Narrator,
        ),
        ("Evacuation ordered near Velmora", "Velmora", None, Narrator),
        (
            "The senator pushed for talks in Velmora.",
            "Velmora",
            Some("The senator"),
            Indirect,
        ),
        // a question asserts nothing; a quotation in it keeps its speaker
        (
            "Did the army confirm the strike in Velmora?",
            "Velmora",
            None,
            Narrator,
        ),
        (
            "The questions:\n• Did the army confirm the strike in Velmora?",
            "Velmora",
            None,
            Narrator,
        ),
        (
            "How did Kessel react? The ministry said troops were in Velmora.",
            "Velmora",
            Some("The ministry"),
            Indirect,
        ),
        (
            "“Did the army hit Velmora?” the mayor asked.",
            "Velmora",
            Some("the mayor"),
            Direct,
        ),
        // a noun-like verb in -s after "the ministry", before a clause
        (
            "The ministry claims its forces have captured Velmora.",
            "Velmora",
            Some("The ministry"),
            Indirect,
        ),
        (
            "The family calls their farm Velmora Farms.",
            "Velmora",
            None,
            Narrator,
        ),
        // where a verb of praise or blame was spoken is the narrator's
        (
            "Senator Ana Lenz accused her challenger of abandoning the border during a rally in Velmora.",
            "Velmora",
            None,
            Narrator,
        ),
        (
            "The mayor praised the police at a news conference in Velmora.",
            "Velmora",
            None,
            Narrator,
        ),
        (
            "Senator Ana Lenz accused her challenger of abandoning Velmora during a rally in Ostrik.",
            "Velmora",
            Some("Senator Ana Lenz"),
            Indirect,
        ),
        (
            "The senator said protesters were killed at a rally in Velmora.",
            "Velmora",
            Some("The senator"),
            Indirect,
        ),
        // a noun-like word before an auxiliary is the subject
        (
            "Criminal charges have been dismissed against a man from Velmora.",
            "Velmora",
            None,
            Narrator,
        ),
        (
            "Kessel is fighting an insurgency, which it claims was backed by Velmora.",
            "Velmora",
            Some("it"),
            Indirect,
        ),
    ];
    check_sources(&cases);
}

#[test]
fn source_phrases_of_session_14() {
    check_source_texts(&[
        // an adverb in the verb group is no source
        (
            "The spokeswoman would only say that troops were near Velmora.",
            "Velmora",
            Some("The spokeswoman"),
        ),
        // "state" in an adjunct is a noun: the clause after "that" is the
        // content
        (
            "Ana Lenz said on state radio that Velmora \"will not pay for a war\".",
            "Velmora",
            Some("Ana Lenz"),
        ),
        // the noun phrase before "who" after a preposition
        (
            "A jury heard testimony from a former courier who said he carried cash to Velmora.",
            "Velmora",
            Some("a former courier who"),
        ),
        (
            "Olson, the radical who said she had lived in Velmora, was released.",
            "Velmora",
            Some("Olson, the radical who"),
        ),
        // a participle's subject is the whole phrase of the main clause,
        // after a dateline (the determiner alone, and the dateline, were
        // the source)
        (
            "The president toured the front on Monday, saying that troops would hold Velmora.",
            "Velmora",
            Some("The president"),
        ),
        (
            "OSTRIK, Kessel — Governor Ana Lenz escalated her dispute on Monday, announcing that buoys would go near Velmora.",
            "Velmora",
            Some("Governor Ana Lenz"),
        ),
        (
            "The European Centre for Law petitioned the court, saying Velmora was wrong.",
            "Velmora",
            // (must stay: the capitalised words after the determiner)
            Some("The European Centre"),
        ),
        // a person's name and a title in capitals before a participle
        (
            "Rose Mwangi, Assistant Secretary-General for Africa, briefing the Council, said fighting had spread to Velmora.",
            "Velmora",
            Some("Rose Mwangi, Assistant Secretary-General for Africa"),
        ),
        (
            "Hans Lindqvist, the UN envoy, briefing from Amman, said fighting had spread to Velmora.",
            "Velmora",
            Some("Hans Lindqvist, the UN envoy"),
        ),
        // a heading of the page is no speaker
        ("Meetings Coverage: Velmora", "Velmora", None),
        (
            "Kessel camp: Velmora is ours",
            "Velmora",
            Some("Kessel camp"),
        ),
    ]);
}

#[test]
fn pronouns_find_persons_the_narrator_named() {
    // session 14: a person named as the subject of a sentence without a
    // report is who a later "he" or "she" means (the pronoun stayed
    // unresolved, or went to an earlier speaker)
    check_resolved(&[
        (
            "Ana Pito keeps two phones. “They killed Jorge on the road to Velmora,” she says.",
            "Velmora",
            Some("Ana Pito"),
        ),
        (
            "The mayor said the town was calm. Piotr Lenz arrived in March. “We crossed near Velmora,” he said.",
            "Velmora",
            Some("Piotr Lenz"),
        ),
        (
            "The envoy briefed the Council. He said he had travelled to Velmora.",
            "Velmora",
            Some("envoy"),
        ),
        // a short name is the full name given before
        (
            "Lance Armstrong crashed in the race. Armstrong said he would fly to Velmora.",
            "Velmora",
            Some("Lance Armstrong"),
        ),
        // must stay: an opening phrase or a place is no person
        (
            "In Ostrik, officials met. Ostrik said troops were in Velmora.",
            "Velmora",
            Some("Ostrik"),
        ),
        (
            "Yolanda Pito said she was tired. “They killed Jorge near Velmora,” she says.",
            "Velmora",
            Some("Yolanda Pito"),
        ),
    ]);
}

#[test]
fn a_transcript_label_holds_its_whole_line() {
    // session 14: "MR HALLORAN: Good afternoon. The Secretary will travel to
    // Cairo." gave Cairo to the narrator (the label held its first sentence)
    let t = "Briefing.\n\nMS LENZ: Good afternoon. The minister will travel to Velmora.\n\nQUESTION: Is she going to Ostrik?";
    assert_eq!(at(t, "Velmora", 0).text.as_deref(), Some("MS LENZ"));
    // must stay: a heading over a text of one line holds its sentence
    let t =
        "UN: Youth are depressed. Rates range from 35 percent in Velmora to 51 percent in Ostrik.";
    assert_eq!(at(t, "Velmora", 0).text, None);
}
