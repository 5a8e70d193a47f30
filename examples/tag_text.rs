//! Tag a piece of text with the library and print each place found.
//!
//! Run: `cargo run --example tag_text [FILE]` (default: the sample article).

use geomention::{Gazetteer, Tagger};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/sample-article.txt").to_string()
    });
    let text = std::fs::read_to_string(&path)?;
    let tagger = Tagger::new(Gazetteer::embedded()?);
    for m in tagger.tag(&path, &text) {
        println!(
            "{:>5}..{:<5} {:<14} → {} ({}, {}) {:.4}, {:.4}  confidence {:.2}",
            m.start,
            m.end,
            m.surface,
            m.place.name,
            m.place.feature_code,
            m.place.country_code,
            m.place.lat,
            m.place.lon,
            m.confidence
        );
    }
    Ok(())
}
