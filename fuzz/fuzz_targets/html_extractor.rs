//! HTML pages (`input::document_from_bytes` with `html`, i.e.
//! `input::html_document`, what `geomention tag` does for `.html` files):
//! arbitrary bytes are read as a page (strict UTF-8, or lossy), the article
//! text and metadata extracted, their shape checked, and the text tagged
//! with the embedded gazetteer (offsets checked as in `tag_text`).
//!
//! First byte: bit 0 lossy decoding, bit 1 tag the document with its
//! metadata (author, publisher) as `tag` does, else the bare text; the rest
//! is the page.
#![no_main]

use geomention::input::document_from_bytes;
use geomention::{Gazetteer, Tagger};
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

fn tagger() -> &'static Tagger {
    static T: OnceLock<Tagger> = OnceLock::new();
    T.get_or_init(|| Tagger::new(Gazetteer::embedded().expect("embedded gazetteer")))
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, page)) = data.split_first() else {
        return;
    };
    let lossy = flags & 1 != 0;
    let Ok(doc) = document_from_bytes(Path::new("fuzz.html"), page.to_vec(), true, lossy) else {
        return;
    };

    // the extracted text is tidy: non-empty, no blank line at either end,
    // at most one blank line in a row, no line with spaces at its ends
    assert!(!doc.text.is_empty(), "an empty page is an error, not a document");
    assert!(!doc.text.starts_with('\n') && !doc.text.ends_with('\n'));
    assert!(!doc.text.contains("\n\n\n"), "at most one blank line");
    for line in doc.text.split('\n') {
        assert_eq!(line, line.trim_end(), "no trailing spaces");
    }
    // metadata fields are trimmed and non-empty when present (the address
    // falls back to the file name)
    let m = &doc.meta;
    for f in [&m.title, &m.published, &m.author, &m.publisher].into_iter().flatten() {
        assert!(!f.is_empty() && f.trim() == f, "metadata trimmed: {f:?}");
    }
    assert!(m.url.is_some(), "the fallback address is kept");

    let tagger = tagger();
    let mentions = if flags & 2 != 0 {
        tagger.tag_document(&doc)
    } else {
        tagger.tag(&doc.id, &doc.text)
    };
    let chars: Vec<char> = doc.text.chars().collect();
    let mut last = 0;
    for mt in &mentions {
        assert!(mt.start < mt.end && mt.end <= chars.len(), "offsets in range");
        assert!(mt.start >= last, "mentions ordered and disjoint");
        last = mt.end;
        let got: String = chars[mt.start..mt.end].iter().collect();
        assert_eq!(got, mt.surface, "text[start..end] == mention");
        assert!(mt.place.lat.abs() <= 90.0 && mt.place.lon.abs() <= 180.0);
    }
});
