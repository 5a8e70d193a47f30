//! The compiled-index loader (`gazetteer::index::Index`) on arbitrary bytes.
//!
//! The bytes are tried twice: as they are (the header checks must refuse
//! them without panicking), and with a repaired header (magic, format
//! version, payload length and CRC-32 recomputed) so that the fuzzer reaches
//! the sections behind the checksum, as a crafted file would. A loaded index
//! is walked through every public accessor, then used as a gazetteer layer
//! from a file (memory-mapped, as `--index` does) to tag a text.
#![no_main]

use geomention::gazetteer::index::{Index, FORMAT_VERSION, MAGIC};
use geomention::{Gazetteer, Tagger};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const HEADER_LEN: usize = 32;

fn dir() -> &'static tempfile::TempDir {
    static D: OnceLock<tempfile::TempDir> = OnceLock::new();
    D.get_or_init(|| tempfile::tempdir().expect("temp dir"))
}

fn exercise(ix: &Index) {
    let _ = ix.meta();
    let _ = ix.key_count();
    let n = ix.len().min(64) as u32;
    for i in 0..n + 1 {
        if let Ok(p) = ix.place(i) {
            assert!(p.lat.abs() <= 90.0 && p.lon.abs() <= 180.0);
            let _ = ix.find_id(&p.id);
        }
        let _ = ix.place_core(i);
    }
    for (k, off) in ix.keys_with_prefix("", 64) {
        let _ = ix.postings(off);
        let _ = ix.lookup(&k);
        let _ = ix.lookup_variant(&k);
        let _ = ix.variant_count(&k);
        let mut cur = ix.start();
        if ix.feed(&mut cur, k.as_bytes()) {
            let _ = ix.value_at(&cur);
        }
    }
    let mut cur = ix.start();
    for w in [&b"baghdad"[..], b"a", b" ", b"\xff"] {
        if !ix.feed(&mut cur, w) {
            break;
        }
        let _ = ix.value_at(&cur);
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(ix) = Index::from_vec(data.to_vec()) {
        exercise(&ix);
    }
    if data.len() < HEADER_LEN {
        return;
    }
    let mut b = data.to_vec();
    b[..8].copy_from_slice(MAGIC);
    b[8..12].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
    let plen = (b.len() - HEADER_LEN) as u64;
    b[24..32].copy_from_slice(&plen.to_le_bytes());
    let crc = crc32fast::hash(&b[HEADER_LEN..]);
    b[16..20].copy_from_slice(&crc.to_le_bytes());
    let Ok(ix) = Index::from_vec(b.clone()) else {
        return;
    };
    exercise(&ix);
    drop(ix);
    let path = dir().path().join("fuzz.gmi");
    if std::fs::write(&path, &b).is_err() {
        return;
    }
    let mut g = Gazetteer::empty();
    if g.add_index(&path).is_ok() {
        let _ = g.lookup("Baghdad");
        let t = Tagger::new(g);
        let _ = t.tag(
            "fuzz",
            "Clashes in Baghdad, Mosul and Al Anbar Province, officials said.",
        );
    }
});
