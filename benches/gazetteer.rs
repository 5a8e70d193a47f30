//! Gazetteer benchmarks: load time of the embedded default, lookups per
//! second, and (with `GEOMENTION_BENCH_FULL=1`) the build, size, load time and
//! peak memory of an index of 12 million synthetic GeoNames names.
//!
//! Run: `cargo bench --bench gazetteer` (add `GEOMENTION_BENCH_FULL=1` for the
//! 12-million-name run, which writes about 0.7 GB to a temporary folder and
//! takes a few minutes). Figures go to docs/PERFORMANCE.md.

use criterion::Criterion;
use geomention::normalize::fold;
use geomention::Gazetteer;
use std::hint::black_box;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn embedded(c: &mut Criterion) {
    c.bench_function("load embedded default", |b| {
        b.iter(|| black_box(Gazetteer::embedded().unwrap()))
    });
    let gaz = Gazetteer::embedded().unwrap();
    let names: Vec<String> = [
        "Baghdad",
        "Springfield",
        "Diyala",
        "Paris",
        "Nowhere at all",
        "Salah ad Din",
        "Texas",
        "Mosul",
    ]
    .iter()
    .map(|n| fold(n))
    .collect();
    let mut i = 0;
    c.bench_function("lookup with candidates (embedded)", |b| {
        b.iter(|| {
            i = (i + 1) % names.len();
            black_box(gaz.candidates(&names[i]))
        })
    });
}

/// A deterministic pseudo-random name generator (xorshift over syllables).
struct Names(u64);

const SYL: &[&str] = &[
    "ba", "ghd", "ad", "sa", "mar", "ra", "kar", "bal", "na", "jaf", "kha", "neq", "ain", "di",
    "ya", "la", "mo", "sul", "tik", "rit", "fal", "lu", "ja", "ram", "adi", "hil", "lah", "ku",
    "fa", "zu", "bei", "ji", "an", "bar", "ton", "ville", "berg", "stad", "field", "wood", "port",
    "mouth", "ham", "ley", "wick", "by", "thorpe", "ing",
];

impl Names {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn name(&mut self) -> String {
        let words =
            1 + self.next().is_multiple_of(10) as u64 + self.next().is_multiple_of(40) as u64;
        let mut out = String::new();
        for w in 0..words {
            if w > 0 {
                out.push(' ');
            }
            let syl = 2 + self.next() % 3;
            let mut word = String::new();
            for _ in 0..syl {
                word.push_str(SYL[(self.next() % SYL.len() as u64) as usize]);
            }
            let mut cs = word.chars();
            if let Some(f) = cs.next() {
                out.extend(f.to_uppercase());
                out.push_str(cs.as_str());
            }
        }
        out
    }
}

/// Writes `rows` GeoNames-format rows with a name and one alternate name each
/// (2 names a row).
fn synthetic_geonames(path: &Path, rows: usize) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    let mut g = Names(0x9E37_79B9_7F4A_7C15);
    for id in 0..rows {
        let name = g.name();
        let alt = g.name();
        let lat = (g.next() % 18_000) as f64 / 100.0 - 90.0;
        let lon = (g.next() % 36_000) as f64 / 100.0 - 180.0;
        let pop = if g.next().is_multiple_of(20) {
            g.next() % 1_000_000
        } else {
            0
        };
        writeln!(
            w,
            "{}\t{name}\t{name}\t{alt}\t{lat:.5}\t{lon:.5}\tP\tPPL\tXX\t\t01\t\t\t\t{pop}\t\t0\tEtc/UTC\t2024-01-01",
            10_000_000 + id
        )?;
    }
    w.flush()
}

fn binary() -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/geomention");
    if !p.exists() {
        let ok = Command::new(env!("CARGO"))
            .args(["build", "--release", "--bin", "geomention"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        assert!(ok, "cargo build --release failed");
    }
    p
}

/// Runs a command under GNU time; returns (seconds, peak resident MB).
fn measured(cmd: &mut Command) -> (f64, f64) {
    let t0 = Instant::now();
    let out = cmd.output().expect("run the command");
    let secs = t0.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    let kb: f64 = err
        .lines()
        .rev()
        .find_map(|l| {
            l.trim()
                .strip_prefix("maxrss_kb=")
                .and_then(|v| v.trim().parse().ok())
        })
        .unwrap_or(f64::NAN);
    (secs, kb / 1024.0)
}

fn timed(bin: &Path) -> Command {
    let mut c = Command::new("/usr/bin/time");
    c.args(["-f", "maxrss_kb=%M"]).arg(bin);
    c
}

fn full_scale() {
    let rows: usize = std::env::var("GEOMENTION_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(6_000_000);
    let dir = tempfile::tempdir().expect("temporary folder");
    let src = dir.path().join("synthetic-allCountries.txt");
    let t0 = Instant::now();
    synthetic_geonames(&src, rows).expect("write the synthetic table");
    let gen = t0.elapsed().as_secs_f64();
    let size_src = std::fs::metadata(&src).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
    let bin = binary();
    let idx = dir.path().join("big.gmi");
    let (build_s, build_mb) = measured(
        timed(&bin)
            .args(["gazetteer", "build"])
            .arg(&src)
            .arg("-o")
            .arg(&idx),
    );
    let size_idx = std::fs::metadata(&idx).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "Clashes were reported in Baghdad and Mosul, officials said.",
    )
    .unwrap();
    // load: best of three runs of tagging a one-line article with the index
    let mut load = f64::INFINITY;
    let mut tag_mb = 0.0f64;
    for _ in 0..3 {
        let (s, mb) = measured(
            timed(&bin)
                .args(["tag", "--index"])
                .arg(&idx)
                .arg(&article)
                .arg("-o")
                .arg(dir.path().join("o.geojson")),
        );
        load = load.min(s);
        tag_mb = tag_mb.max(mb);
    }
    let (emb_s, emb_mb) = measured(
        timed(&bin)
            .arg("tag")
            .arg(&article)
            .arg("-o")
            .arg(dir.path().join("e.geojson")),
    );
    println!("full-scale gazetteer ({} names in {rows} rows; source {size_src:.0} MB, generated in {gen:.1} s)", 2 * rows);
    println!("  build: {build_s:.1} s, peak {build_mb:.0} MB; index {size_idx:.0} MB");
    println!("  tag one article with the index (load + tag): {load:.3} s, peak {tag_mb:.0} MB");
    println!("  tag one article with the embedded default: {emb_s:.3} s, peak {emb_mb:.0} MB");
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    embedded(&mut c);
    c.final_summary();
    if std::env::var("GEOMENTION_BENCH_FULL").is_ok_and(|v| v == "1") {
        full_scale();
    } else {
        println!("(set GEOMENTION_BENCH_FULL=1 for the 12-million-name index)");
    }
}
