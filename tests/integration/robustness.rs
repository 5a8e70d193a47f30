//! Pathological inputs of a moderate size (about 1 MB): each would take
//! minutes if a step were quadratic, so the tests check the output of the
//! whole pipeline on them (no timing is asserted; `scripts/robustness.sh`
//! measures time and memory at full size, see `docs/ROBUSTNESS.md`).

use geomention::{Gazetteer, Mention, Tagger};
use std::sync::OnceLock;

fn tagger() -> &'static Tagger {
    static T: OnceLock<Tagger> = OnceLock::new();
    T.get_or_init(|| Tagger::new(Gazetteer::embedded().expect("embedded gazetteer")))
}

/// `unit` repeated to about `bytes`, and the mentions of one `unit`.
fn repeated(unit: &str, bytes: usize) -> (String, usize, Vec<Mention>) {
    let n = bytes / unit.len();
    let one = tagger().tag("one", unit);
    (unit.repeat(n), n, one)
}

/// Every mention of the long text is the mention of one unit, shifted.
fn assert_periodic(text: &str, n: usize, one: &[Mention]) {
    let unit_chars = text.chars().count() / n;
    let all = tagger().tag("long", text);
    assert_eq!(all.len(), n * one.len(), "every repetition is tagged alike");
    for (i, m) in all.iter().enumerate() {
        let o = &one[i % one.len()];
        let shift = (i / one.len()) * unit_chars;
        assert_eq!((m.start, m.end), (o.start + shift, o.end + shift));
        assert_eq!(m.surface, o.surface);
        assert_eq!(m.place.id, o.place.id, "{} at {}", m.surface, m.start);
    }
}

/// One line of 1 MB with 40,000 place mentions in lists and variants: the
/// neighbourhood of each place (resolution), the list walk for cues, and
/// the check of each variant against the places named exactly.
#[test]
fn a_megabyte_line_of_places_is_tagged_in_linear_time() {
    let unit = "Clashes were reported in Samarra, Karbala and Diyala provinces, and in Khaneqain, officials said. ";
    let (text, n, one) = repeated(unit, 1 << 20);
    assert!(one.len() >= 3, "{one:?}");
    assert!(
        one.iter().any(|m| m.surface == "Khaneqain"),
        "the variant is kept"
    );
    assert_periodic(&text, n, &one);
}

/// Nested quotations, each with its own source, around a place: 300 levels
/// (one sentence under the 4 KiB cap) are attributed; 10,000 levels (a
/// "sentence" of 120 KB, cut into pieces at the cap) still finish and find
/// the place. (Attribution is quadratic in the cues of one sentence, which
/// the cap bounds; see docs/ROBUSTNESS.md.)
#[test]
fn deeply_nested_quotations_are_attributed() {
    let nested = |n: usize| {
        let mut text = String::new();
        for i in 0..n {
            text.push_str(if i % 2 == 0 {
                "Ali said, “"
            } else {
                "Omar said, ‘"
            });
        }
        text.push_str("Fighting in Mosul.");
        for i in (0..n).rev() {
            text.push(if i % 2 == 0 { '”' } else { '’' });
        }
        text
    };
    let m = tagger().tag("q", &nested(300));
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].surface, "Mosul");
    assert!(m[0].attribution.source.is_some(), "{:?}", m[0].attribution);
    let m = tagger().tag("q", &nested(10_000));
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].surface, "Mosul");
}

/// Unbalanced quotation marks, a 100,000-letter word, a 100,000-character
/// hyphenated name, combining-mark floods, zero-width and bidi controls, NUL
/// and CRLF, each around places that must still be found.
#[test]
fn floods_of_odd_characters_keep_the_places_around_them() {
    let k = 100_000;
    let cases = [
        format!(
            "{} Baghdad {} Mosul {}.",
            "“".repeat(k),
            "\"".repeat(k),
            "’".repeat(k)
        ),
        format!("Fighting in B{} and in Baghdad. Then Mosul.", "a".repeat(k)),
        format!(
            "Clashes in {} and in Baghdad. Then Mosul.",
            ["Jarf-al-Sakhar"; 7_000].join("-")
        ),
        format!("Fighting in Baghdad{} and Mosul.", "\u{301}".repeat(k)),
        format!(
            "{}Baghdad{} and Mosul.",
            "\u{202b}\u{2067}".repeat(k),
            "\u{2069}\u{202c}".repeat(k)
        ),
        format!(
            "Baghdad\u{0}{}\r\n\r\nMosul.",
            "\u{200b}\u{feff}\u{0}\r\n".repeat(k)
        ),
    ];
    for text in &cases {
        let m = tagger().tag("f", text);
        let names: Vec<&str> = m.iter().map(|m| m.place.name.as_str()).collect();
        assert!(names.contains(&"Baghdad"), "{names:?}");
        assert!(names.contains(&"Mosul"), "{names:?}");
        let chars: Vec<char> = text.chars().collect();
        for x in &m {
            assert_eq!(chars[x.start..x.end].iter().collect::<String>(), x.surface);
        }
    }
}

/// A compiled index crafted to pass both its header CRC-32 and its name
/// transducer's own checksum, with a node whose transition address
/// underflows (found by the `index_loader` fuzz target, 651 bytes): the fst
/// crate panicked on the first stream over the keys. It must be refused at
/// load instead.
#[test]
fn a_crafted_transducer_behind_both_checksums_is_refused() {
    use geomention::gazetteer::index::Index;
    let hex = concat!(
        "47454f4d4944580004000000000000003bdfaffb000000006b020000000000009100000000000000",
        "736f757263653d70312e637376202843535620706c616365206c697374290a706c616365733d340a",
        "616c7465726e6174655f6e616d65733d300a6275696c745f62793d67656f6d656e74696f6e20302e",
        "312e300a6372656469743d436f6e7461696e7320646174612066726f6d2047656f4e616d65732028",
        "67656f6e616d65732e6f7267292c20434320425920342e300a180000000000000000000000000000",
        "0044000000000000007b000000000000007b000000000000000570313a6231074261676864616400",
        "e251b81e85ab4040333333333333464001500450504c430249510300000000000000426167646164",
        "0c4261676864616420436974790570313a6d31054d6f73756c00ec51b81e852b4240713d0ad7a390",
        "454001500450504c410249510000a01e98fef6be93dfb2617773696c400000000000000001000000",
        "10000000010000000000000001000000010000000100000000000000010005000e000000feff0000",
        "01000000010000000000000201000000110000005c00000000000000030000000000000000000000",
        "0000000000108fc8c6ccc5d020c0cf001092c500c1109dc8ca000201201141d2c5d2020001106864",
        "1102d7c5261093c6c40802000106236d62611103050000000000000047000000000000008f400174",
        "320000000000000003000000000000000000000000000000001095010001016d621102d9d5c90200",
        "0000000000001d0000000000000059a9919141000000000000000300000000000000000000000000",
        "000000109dc10002016b1141d2d700108fc6040001056d6211020a0111238003000000000000002c",
        "000000000000006a0a0a51",
    );
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect();
    match Index::from_vec(bytes) {
        Err(e) => assert!(e.contains("index"), "{e}"),
        Ok(ix) => {
            let _ = ix.keys_with_prefix("", 64);
            let _ = ix.lookup("baghdad");
            let _ = ix.lookup_variant("bagdad");
            panic!("a corrupt transducer was accepted");
        }
    }
}
