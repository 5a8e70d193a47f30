//! The JSONL document reader (`document::JsonlReader`, `parse_jsonl_line`):
//! arbitrary bytes, read line by line; every record either parses or is a
//! `BadLine` naming a line that exists.
#![no_main]

use geomention::document::{parse_jsonl_line, JsonlReader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let lines = data.split(|&b| b == b'\n').count() as u64;
    let mut n = 0u64;
    for r in JsonlReader::new(data) {
        n += 1;
        assert!(n <= lines, "no more records than lines");
        if let Err(bad) = r {
            assert!(bad.line >= 1 && bad.line <= lines, "{bad:?}");
            assert!(!bad.message.is_empty());
        }
    }
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = parse_jsonl_line(s);
    }
});
