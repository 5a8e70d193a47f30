//! Helpers shared by the unit tests of several modules: one tagger with the
//! embedded gazetteer, and what it makes of a short text.

use crate::gazetteer::Gazetteer;
use crate::tagger::{Mention, Tagger};

/// The tagger with the embedded default gazetteer, built once.
pub fn tagger() -> &'static Tagger {
    static TAGGER: std::sync::OnceLock<Tagger> = std::sync::OnceLock::new();
    TAGGER.get_or_init(|| Tagger::new(Gazetteer::embedded().unwrap()))
}

/// The mentions of `text`.
pub fn tag(text: &str) -> Vec<Mention> {
    tagger().tag("t", text)
}

/// How many times `surface` is tagged in `text`.
pub fn times_tagged(text: &str, surface: &str) -> usize {
    tag(text).iter().filter(|m| m.surface == surface).count()
}

/// Checks (text, surface, times tagged) cases.
pub fn check_tagged(cases: &[(&str, &str, usize)]) {
    for &(text, surface, n) in cases {
        assert_eq!(times_tagged(text, surface), n, "{text}: {surface}");
    }
}

/// Checks (text, surface, country code of the chosen place) cases.
pub fn check_countries(cases: &[(&str, &str, &str)]) {
    for &(text, surface, cc) in cases {
        let ms = tag(text);
        let m = ms.iter().find(|m| m.surface == surface);
        assert_eq!(
            m.map(|m| m.place.country_code.as_str()),
            Some(cc),
            "{text}: {ms:?}"
        );
    }
}
