//! Per-stage tagging speed: sentences, tokens, exact spotting (lookup, then
//! with the spotting rules), resolution, attribution, export and end to end,
//! each on the same texts so the figures add up.
//!
//! Two corpora: a news-like text the bench builds itself (template sentences
//! over a fixed list of places, about 0.5 MB; nothing third-party), and the
//! texts of `../shared/eval/geoparsing/lgl.jsonl` when that file exists
//! (skipped with a message otherwise).
//!
//! Stages use the public API only, so some overlap:
//! - `tokens + spot (exact, rules)` is `Tagger::spot_verdicts`: sentences,
//!   tokens, exact lookup and the spotting rules (no variants);
//! - `resolution` runs `resolution::resolve` on the spots those rules keep
//!   (computed outside the timing);
//! - `attribution` is `attribution::attribute` alone, on sentences and place
//!   spans computed outside the timing (what `Tagger::tag` adds to find the
//!   sources; `Tagger::attributions`, which spots the text first, is timed
//!   as `attributions (spotting included)`);
//! - `export` writes the mentions, tagged beforehand, as GeoJSON text
//!   sequence to memory;
//! - the variant layer's cost is the difference between the two end-to-end
//!   figures (default, and `exact only`).
//!
//! Run: `cargo bench --bench stages`. Figures go to docs/PERFORMANCE.md.

/// The binary's allocator (see `src/main.rs`), so that the figures are those
/// of `geomention tag`: tagging allocates many small strings, and the system
/// allocator makes some stages look slower than the command runs them.
#[cfg(feature = "cli")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{Criterion, Throughput};
use geomention::attribution::{attribute, DocMeta, PlaceSpan};
use geomention::document::Metadata;
use geomention::export::geojson::{write_sequence_record, GeometryMode};
use geomention::spotting::{exact_matches, Spot};
use geomention::text::{sentences, tokenize, Sentence, Token};
use geomention::{Gazetteer, Mention, Options, Tagger};
use std::hint::black_box;
use std::time::Duration;

/// A deterministic news-like corpus: `n` documents of template sentences
/// with places, sources and quotations.
fn synthetic(n: usize) -> Vec<(String, String)> {
    const PLACES: &[&str] = &[
        "Baghdad",
        "Mosul",
        "Samarra",
        "Karbala",
        "Springfield",
        "Paris",
        "Texas",
        "Nairobi",
        "Kabul",
        "Kandahar",
        "Lagos",
        "Manila",
        "Aleppo",
        "Lima",
        "Ontario",
        "New York",
        "Los Angeles",
        "Buenos Aires",
        "Cape Town",
        "Kyiv",
        "Gaza",
        "Tikrit",
        "Diyala",
        "Basra",
    ];
    const SOURCES: &[&str] = &[
        "officials said",
        "the ministry said in a statement",
        "police spokesman Ahmed Karim told reporters",
        "according to the Associated Press",
        "residents said",
        "Mayor John Smith said on Monday",
    ];
    const TEMPLATES: &[&str] = &[
        "Clashes were reported in {A} and {B} on Tuesday, {S}.",
        "\"The situation in {A} is calm now,\" {S}, adding that roads to {B} had reopened.",
        "Aid convoys left {A} for {B}, a town about 40 km north of {C}.",
        "Heavy rain flooded parts of {A} overnight and schools in {B} stayed closed.",
        "The delegation from {A} met local leaders before travelling on to {C}, {S}.",
        "Prices of fuel rose sharply in {B} last week.",
        "Nobody was hurt, {S}.",
        "Talks between the two sides will resume in {C} next month, {S}.",
    ];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    (0..n)
        .map(|d| {
            let mut text = String::new();
            let paragraphs = 3 + next() % 5;
            for _ in 0..paragraphs {
                let sents = 2 + next() % 4;
                for s in 0..sents {
                    if s > 0 {
                        text.push(' ');
                    }
                    let t = TEMPLATES[(next() % TEMPLATES.len() as u64) as usize];
                    let pick = |k: u64| PLACES[(k % PLACES.len() as u64) as usize];
                    text.push_str(
                        &t.replace("{A}", pick(next()))
                            .replace("{B}", pick(next()))
                            .replace("{C}", pick(next()))
                            .replace("{S}", SOURCES[(next() % SOURCES.len() as u64) as usize]),
                    );
                }
                text.push_str("\n\n");
            }
            (format!("synthetic-{d}"), text)
        })
        .collect()
}

fn lgl() -> Option<Vec<(String, String)>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/eval/geoparsing/lgl.jsonl");
    let text = std::fs::read_to_string(&path).ok()?;
    let docs: Vec<(String, String)> = text
        .lines()
        .filter_map(|l| geomention::document::parse_jsonl_line(l).ok())
        .map(|d| (d.id, d.text))
        .collect();
    (!docs.is_empty()).then_some(docs)
}

/// What the later stages need, computed once outside the timings.
struct Prepared {
    tokens: Vec<Token>,
    sentences: Vec<Sentence>,
    /// What `Tagger::tag` hands attribution: the spots, country or
    /// province flagged.
    attribution_meta: DocMeta,
    kept: Vec<Spot>,
    mentions: Vec<Mention>,
}

fn prepare(tagger: &Tagger, id: &str, text: &str) -> Prepared {
    let tokens = tokenize(text);
    let verdicts = tagger.spot_verdicts(text);
    let kept: Vec<Spot> = exact_matches(tagger.gazetteer(), &tokens, text)
        .into_iter()
        .filter(|s| {
            verdicts
                .iter()
                .any(|v| v.start == s.start && v.end == s.end && v.dropped.is_none())
        })
        .collect();
    let attribution_meta = DocMeta {
        places: kept.iter().map(PlaceSpan::of_spot).collect(),
        ..DocMeta::default()
    };
    Prepared {
        tokens,
        sentences: sentences(text),
        attribution_meta,
        kept,
        mentions: tagger.tag(id, text),
    }
}

fn stages(c: &mut Criterion, corpus: &str, docs: &[(String, String)]) {
    let tagger = Tagger::new(Gazetteer::embedded().unwrap());
    let exact = Tagger::with_options(
        Gazetteer::embedded().unwrap(),
        Options {
            variants: false,
            ..Options::default()
        },
    );
    let gaz = tagger.gazetteer();
    let meta = Metadata::default();
    let bytes: usize = docs.iter().map(|d| d.1.len()).sum();
    let prepared: Vec<Prepared> = docs.iter().map(|(i, t)| prepare(&tagger, i, t)).collect();
    let spots: usize = prepared.iter().map(|p| p.kept.len()).sum();
    let mentions: usize = prepared.iter().map(|p| p.mentions.len()).sum();
    println!(
        "{corpus}: {} documents, {:.2} MB, {spots} spots kept by the exact rules, {mentions} mentions",
        docs.len(),
        bytes as f64 / 1e6
    );
    let mut g = c.benchmark_group(format!("stages ({corpus})"));
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("sentences", |b| {
        b.iter(|| {
            for (_, text) in docs {
                black_box(sentences(text));
            }
        })
    });
    g.bench_function("tokens", |b| {
        b.iter(|| {
            for (_, text) in docs {
                black_box(tokenize(text));
            }
        })
    });
    g.bench_function("exact lookup (on tokens)", |b| {
        b.iter(|| {
            for ((_, text), p) in docs.iter().zip(&prepared) {
                black_box(exact_matches(gaz, &p.tokens, text));
            }
        })
    });
    g.bench_function("tokens + spot (exact, rules)", |b| {
        b.iter(|| {
            for (_, text) in docs {
                black_box(tagger.spot_verdicts(text));
            }
        })
    });
    g.bench_function("resolution", |b| {
        b.iter(|| {
            for ((_, text), p) in docs.iter().zip(&prepared) {
                black_box(geomention::resolution::resolve(
                    &p.kept,
                    &p.tokens,
                    text,
                    &[],
                    &[],
                ));
            }
        })
    });
    g.bench_function("attribution", |b| {
        b.iter(|| {
            for ((_, text), p) in docs.iter().zip(&prepared) {
                black_box(attribute(text, &p.sentences, &p.attribution_meta));
            }
        })
    });
    g.bench_function("attributions (spotting included)", |b| {
        b.iter(|| {
            for (_, text) in docs {
                black_box(tagger.attributions(text, &meta));
            }
        })
    });
    let mut out: Vec<u8> = Vec::new();
    g.bench_function("export (geojsonseq, to memory)", |b| {
        b.iter(|| {
            out.clear();
            for p in &prepared {
                for m in &p.mentions {
                    write_sequence_record(&mut out, m, GeometryMode::Point).unwrap();
                }
            }
            black_box(out.len())
        })
    });
    g.bench_function("end to end, exact only", |b| {
        b.iter(|| {
            for (id, text) in docs {
                black_box(exact.tag(id, text));
            }
        })
    });
    g.bench_function("end to end (default)", |b| {
        b.iter(|| {
            for (id, text) in docs {
                black_box(tagger.tag(id, text));
            }
        })
    });
    g.bench_function("end to end + export", |b| {
        b.iter(|| {
            out.clear();
            for (id, text) in docs {
                for m in tagger.tag(id, text) {
                    write_sequence_record(&mut out, &m, GeometryMode::Point).unwrap();
                }
            }
            black_box(out.len())
        })
    });
    g.finish();
}

fn main() {
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();
    stages(&mut c, "synthetic", &synthetic(400));
    match lgl() {
        Some(docs) => stages(&mut c, "LGL", &docs),
        None => println!("../shared/eval/geoparsing/lgl.jsonl not found: LGL stages skipped"),
    }
    c.final_summary();
}
