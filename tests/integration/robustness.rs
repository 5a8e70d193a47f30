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
