//! Table-driven tests of the attribution step. Every sentence here is
//! written for these tests.

use super::*;
use crate::text::sentences;

/// (text, mention, expected source as written, resolved, kind, chain)
fn at(text: &str, mention: &str, nth: usize) -> Attribution {
    let a = attribute(text, &sentences(text), &DocMeta::default());
    let mut from = 0;
    let mut k = 0;
    for _ in 0..=nth {
        k = from + text[from..].find(mention).expect("mention in text");
        from = k + mention.len();
    }
    a.for_span(k, k + mention.len())
}

#[test]
fn placeholder() {
    let _ = at("It rained in Basra.", "Basra", 0);
}
