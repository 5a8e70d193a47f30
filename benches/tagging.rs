//! Tagging speed, end to end and by matcher: the default (exact + variant
//! matching) against exact matching only, on the evaluation corpora when
//! ../shared is present (else on the sample article, repeated).
//!
//! Run: `cargo bench --bench tagging`. Figures go to docs/PERFORMANCE.md.

/// The binary's allocator (see `src/main.rs`), so that the figures are those
/// of `geomention tag`: tagging allocates many small strings, and the system
/// allocator makes some stages look slower than the command runs them.
#[cfg(feature = "cli")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{Criterion, Throughput};
use geomention::{Gazetteer, Options, Tagger};
use std::hint::black_box;
use std::time::Duration;

fn corpus() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/geoparsing");
    let mut docs = Vec::new();
    for name in ["lgl.jsonl", "tr-news.jsonl"] {
        if let Ok(text) = std::fs::read_to_string(dir.join(name)) {
            for line in text.lines() {
                if let Ok(d) = geomention::document::parse_jsonl_line(line) {
                    docs.push((d.id, d.text));
                }
            }
        }
    }
    if docs.is_empty() {
        let sample = include_str!("../examples/sample-article.txt");
        docs = (0..200)
            .map(|i| (format!("s{i}"), sample.to_string()))
            .collect();
    }
    docs
}

fn main() {
    let mut c = Criterion::default()
        .measurement_time(Duration::from_secs(20))
        .sample_size(10)
        .configure_from_args();
    let docs = corpus();
    let bytes: usize = docs.iter().map(|d| d.1.len()).sum();
    let mut g = c.benchmark_group("tag corpus");
    g.throughput(Throughput::Bytes(bytes as u64));
    for (name, variants) in [("exact only", false), ("exact + variants (default)", true)] {
        let tagger = Tagger::with_options(
            Gazetteer::embedded().unwrap(),
            Options {
                variants,
                ..Options::default()
            },
        );
        g.bench_function(name, |b| {
            b.iter(|| {
                for (id, text) in &docs {
                    black_box(tagger.tag(id, text));
                }
            })
        });
    }
    g.finish();
    c.final_summary();
}
