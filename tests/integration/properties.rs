//! Property tests for offsets and normalisation.

use geomention::normalize::fold;
use geomention::{Gazetteer, Tagger};
use proptest::prelude::*;
use std::sync::OnceLock;

fn tagger() -> &'static Tagger {
    static T: OnceLock<Tagger> = OnceLock::new();
    T.get_or_init(|| Tagger::new(Gazetteer::embedded().expect("embedded gazetteer")))
}

/// Text made of place names, common words, punctuation, quotes and odd characters.
fn news_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Baghdad".to_string()),
        Just("Jarf-al-Sakhar".to_string()),
        Just("Sa’adiyah".to_string()),
        Just("Iran’s".to_string()),
        Just("Diyālá".to_string()),
        Just("U.S.".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\n\n".to_string()),
        Just(". ".to_string()),
        Just(", ".to_string()),
        Just(" the ".to_string()),
        Just("New York Times".to_string()),
        Just("\u{200b}".to_string()),
        Just("e\u{301}\u{301}".to_string()),
        "[a-zA-Z ]{0,8}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn fold_is_idempotent_and_ascii(s in any::<String>()) {
        let once = fold(&s);
        prop_assert_eq!(fold(&once), once.clone());
        prop_assert!(once.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' '));
        prop_assert!(!once.starts_with(' ') && !once.ends_with(' ') && !once.contains("  "));
    }

    #[test]
    fn offsets_index_the_text_in_code_points(text in news_like()) {
        let chars: Vec<char> = text.chars().collect();
        let mentions = tagger().tag("p", &text);
        let mut last_end = 0;
        for m in &mentions {
            let got: String = chars[m.start..m.end].iter().collect();
            prop_assert_eq!(&got, &m.surface);
            prop_assert!(m.sentence_start <= m.start && m.end <= m.sentence_end);
            let sent: String = chars[m.sentence_start..m.sentence_end].iter().collect();
            prop_assert_eq!(&sent, &m.sentence);
            prop_assert!(m.start >= last_end, "mentions are ordered and disjoint");
            last_end = m.end;
            prop_assert!((-90.0..=90.0).contains(&m.place.lat) && (-180.0..=180.0).contains(&m.place.lon));
            prop_assert!((0.0..=1.0).contains(&m.confidence));
        }
        prop_assert_eq!(tagger().tag("p", &text), mentions, "deterministic");
    }

    #[test]
    fn sentences_are_ordered_disjoint_and_trimmed(text in news_like()) {
        let s = geomention::text::sentences(&text);
        for w in s.windows(2) {
            prop_assert!(w[0].end <= w[1].start);
        }
        for x in &s {
            prop_assert!(x.start < x.end);
            let t = &text[x.start..x.end];
            prop_assert_eq!(t.trim(), t);
        }
    }
}
