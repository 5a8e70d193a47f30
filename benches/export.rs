//! Export speed with bounded memory: streams synthetic mentions (1,000,000 by
//! default; `GEOMENTION_BENCH_MENTIONS=N` changes it) to each format in a
//! temporary folder, and prints the size of each file.
//!
//! The mentions are copies of the sample article's, spread over documents of
//! 20 mentions each, so the per-place layers stay small while the number of
//! mentions grows, as in a real corpus.
//!
//! Run: `cargo bench --bench export`. Figures go to docs/PERFORMANCE.md.

use criterion::{Criterion, Throughput};
use geomention::export::csv::CsvWriter;
use geomention::export::geojson::{write_sequence_record, FeatureCollectionWriter, GeometryMode};
use geomention::export::gpkg::GpkgWriter;
use geomention::export::html::HtmlWriter;
use geomention::export::places::{self, PlaceAggregator};
use geomention::export::{GroupBy, Metadata};
use geomention::{Gazetteer, Mention, Tagger};
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Duration;

fn n_mentions() -> usize {
    std::env::var("GEOMENTION_BENCH_MENTIONS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000)
}

/// Calls `f` with `n` synthetic mentions, one at a time (never all in memory).
fn for_each_mention(templates: &[Mention], n: usize, mut f: impl FnMut(&Mention)) {
    let mut m = templates[0].clone();
    for i in 0..n {
        let t = &templates[i % templates.len()];
        m.clone_from(t);
        m.doc_id = format!("doc-{}", i / 20).into();
        m.n = i % 20 + 1;
        f(&m);
    }
}

fn file(dir: &Path, name: &str) -> BufWriter<std::fs::File> {
    BufWriter::with_capacity(1 << 16, std::fs::File::create(dir.join(name)).unwrap())
}

fn export(format: &str, dir: &Path, templates: &[Mention], n: usize, meta: &Metadata) {
    match format {
        "geojson" => {
            let mut w = FeatureCollectionWriter::new(file(dir, "m.geojson"), meta).unwrap();
            for_each_mention(templates, n, |m| w.write(m).unwrap());
            w.finish().unwrap();
        }
        "geojsonseq" => {
            let mut w = file(dir, "m.geojsons");
            for_each_mention(templates, n, |m| {
                write_sequence_record(&mut w, m, GeometryMode::Point).unwrap()
            });
            w.flush().unwrap();
        }
        "csv" => {
            let mut w = CsvWriter::new(file(dir, "m.csv"), GroupBy::Mention).unwrap();
            for_each_mention(templates, n, |m| w.write(m).unwrap());
            w.finish().unwrap();
        }
        "gpkg" => {
            let p = dir.join("m.gpkg");
            let _ = std::fs::remove_file(&p);
            let mut w = GpkgWriter::create(&p, meta).unwrap();
            for_each_mention(templates, n, |m| w.write(m).unwrap());
            w.finish().unwrap();
        }
        "html" => {
            let mut w = HtmlWriter::new(file(dir, "m.html"), meta).unwrap();
            for_each_mention(templates, n, |m| w.write(m).unwrap());
            w.finish().unwrap();
        }
        "geojson, --group-by place" => {
            let mut agg = PlaceAggregator::new();
            for_each_mention(templates, n, |m| {
                agg.add(m);
            });
            let mut w = file(dir, "p.geojson");
            places::write_geojson(&mut w, agg.places(), meta, GeometryMode::Point).unwrap();
        }
        _ => unreachable!(),
    }
}

fn main() {
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_secs(1))
        .configure_from_args();
    let gaz = Gazetteer::embedded().unwrap();
    let meta = Metadata::for_gazetteer(&gaz);
    let templates = Tagger::new(gaz).tag("sample", include_str!("../examples/sample-article.txt"));
    let n = n_mentions();
    let dir = tempfile::tempdir().unwrap();
    let formats = [
        "geojson",
        "geojsonseq",
        "csv",
        "gpkg",
        "html",
        "geojson, --group-by place",
    ];
    let mut g = c.benchmark_group(format!("export {n} mentions"));
    g.throughput(Throughput::Elements(n as u64));
    for f in formats {
        g.bench_function(f, |b| {
            b.iter(|| export(f, dir.path(), &templates, n, &meta))
        });
    }
    g.finish();
    for e in std::fs::read_dir(dir.path()).unwrap() {
        let e = e.unwrap();
        println!(
            "{}: {:.1} MB",
            e.file_name().to_string_lossy(),
            e.metadata().unwrap().len() as f64 / 1e6
        );
    }
    c.final_summary();
}
