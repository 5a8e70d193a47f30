//! The `geomention` command: a thin layer of argument parsing and I/O over the library.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use geomention::document::JsonlReader;
use geomention::export::geojson::FeatureCollectionWriter;
use geomention::export::Metadata;
use geomention::{Gazetteer, Options, Tagger};
use std::io::{self, BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "geomention",
    version,
    about = "Find the places a text mentions, say where they are and who claims them.",
    after_help = "Examples:\n  geomention tag article.txt > mentions.geojson\n  geomention tag a.txt b.txt -o mentions.geojson\n  geomention tag report.txt --gazetteer my-places.csv -o out.geojson\n  cat article.txt | geomention tag > mentions.geojson"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Tag text files (or standard input) and write map features.
    #[command(
        after_help = "Examples:\n  geomention tag article.txt > mentions.geojson\n  geomention tag article.txt --gazetteer iraq-villages.csv -o mentions.geojson\n  geomention tag --no-default-gazetteer --gazetteer IQ.txt article.txt\n  geomention tag --jsonl corpus.jsonl --format geojsonseq > mentions.geojsons"
    )]
    Tag(TagArgs),
    /// Measure recognition, resolution or attribution on annotated corpora.
    #[command(
        after_help = "Examples:\n  geomention eval ../shared/eval/geoparsing/lgl.jsonl\n  geomention eval lgl.jsonl tr-news.jsonl --json > figures.json\n  geomention eval lgl.jsonl --errors lgl-errors.jsonl\n  geomention eval --gold-spans wiktor.jsonl\n  geomention eval --attribution polnear-dev.jsonl"
    )]
    Eval(EvalArgs),
}

#[derive(clap::Args)]
struct EvalArgs {
    /// Gold JSONL files (the geoparsing format of ../shared/eval/README.md,
    /// or PolNeAR's with --attribution).
    #[arg(required = true)]
    gold: Vec<PathBuf>,
    #[command(flatten)]
    gaz: GazetteerArgs,
    /// Resolve the gold spans instead of finding names (resolution-only corpora).
    #[arg(long)]
    gold_spans: bool,
    /// Score attribution (PolNeAR format) instead of geoparsing.
    #[arg(long)]
    attribution: bool,
    /// Print the figures as JSON.
    #[arg(long)]
    json: bool,
    /// Print the figures as a Markdown table.
    #[arg(long, conflicts_with = "json")]
    markdown: bool,
    /// Write every false positive, miss and far-off resolution here (JSONL).
    #[arg(long, value_name = "FILE")]
    errors: Option<PathBuf>,
    /// Write the predictions here in the reference scorer's PRED format (JSONL).
    #[arg(long, value_name = "FILE")]
    write_predictions: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// One RFC 7946 FeatureCollection.
    Geojson,
    /// RFC 8142 GeoJSON text sequence: one feature per line, streamed.
    Geojsonseq,
}

#[derive(clap::Args)]
struct GazetteerArgs {
    /// Add a gazetteer: a GeoNames table (allCountries.txt, XX.txt, citiesN.txt),
    /// or a CSV/TSV with a header naming name, lat, lon (plain or .gz). Repeatable.
    #[arg(long = "gazetteer", value_name = "PATH")]
    gazetteers: Vec<PathBuf>,
    /// Do not use the embedded default gazetteer.
    #[arg(long)]
    no_default_gazetteer: bool,
    /// Prefer places in these countries (ISO codes, comma-separated: IQ,SY).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    prefer_country: Vec<String>,
}

#[derive(clap::Args)]
struct TagArgs {
    /// Text files (UTF-8). None or "-" reads standard input.
    files: Vec<PathBuf>,
    /// Read documents from JSONL (one {"id", "text", ...} object per line; "-" for standard input).
    #[arg(long, value_name = "FILE", conflicts_with = "files")]
    jsonl: Option<PathBuf>,
    /// Skip malformed JSONL lines (counted on standard error) instead of stopping.
    #[arg(long)]
    skip_bad_lines: bool,
    #[command(flatten)]
    gaz: GazetteerArgs,
    /// Write here instead of standard output (written to a temporary file, then renamed).
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "geojson")]
    format: Format,
}

fn load_gazetteer(args: &GazetteerArgs) -> Result<Gazetteer> {
    let mut gaz = if args.no_default_gazetteer {
        Gazetteer::empty()
    } else {
        Gazetteer::embedded()?
    };
    for p in &args.gazetteers {
        gaz.add_file(p)?;
    }
    if gaz.is_empty() {
        bail!("the gazetteer is empty: give --gazetteer PATH or drop --no-default-gazetteer");
    }
    Ok(gaz)
}

fn read_text(path: &Path) -> Result<(String, String)> {
    let (id, bytes) = if path.as_os_str() == "-" {
        let mut b = Vec::new();
        io::stdin()
            .read_to_end(&mut b)
            .context("reading standard input")?;
        ("stdin".to_string(), b)
    } else {
        let b = std::fs::read(path).with_context(|| format!("{}", path.display()))?;
        (path.display().to_string(), b)
    };
    match String::from_utf8(bytes) {
        Ok(s) => Ok((id, s)),
        Err(e) => Err(geomention::Error::InvalidUtf8 {
            path: PathBuf::from(&id),
            offset: e.utf8_error().valid_up_to(),
        }
        .into()),
    }
}

/// Writes through `f` to `path` atomically (temporary file in the same
/// folder, then rename), or to standard output.
fn with_output(
    path: Option<&Path>,
    inputs: &[PathBuf],
    f: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    match path {
        None => {
            let stdout = io::stdout();
            let mut lock = io::BufWriter::new(stdout.lock());
            f(&mut lock)?;
            lock.flush()?;
            Ok(())
        }
        Some(p) => {
            for i in inputs {
                if i.as_os_str() != "-" && same_file(i, p) {
                    bail!(
                        "{}: refusing to write the output over an input file",
                        p.display()
                    );
                }
            }
            let dir = match p.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                _ => PathBuf::from("."),
            };
            let tmp = tempfile::NamedTempFile::new_in(&dir)
                .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
            {
                let mut w = io::BufWriter::new(tmp.as_file());
                f(&mut w)?;
                w.flush()
                    .with_context(|| format!("writing {}", p.display()))?;
            }
            tmp.persist(p)
                .map_err(|e| anyhow::anyhow!("cannot write {}: {}", p.display(), e.error))?;
            Ok(())
        }
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

fn tagger_for(args: &GazetteerArgs) -> Result<(Tagger, Metadata)> {
    let gaz = load_gazetteer(args)?;
    let meta = Metadata::for_gazetteer(&gaz);
    let tagger = Tagger::with_options(
        gaz,
        Options {
            prefer_countries: args.prefer_country.clone(),
        },
    );
    Ok((tagger, meta))
}

/// Where mentions go, in the chosen format.
enum Sink<'a> {
    Collection(FeatureCollectionWriter<&'a mut dyn Write>),
    Sequence(&'a mut dyn Write),
}

impl Sink<'_> {
    fn write(&mut self, m: &geomention::Mention) -> Result<()> {
        match self {
            Sink::Collection(fc) => fc.write(m)?,
            Sink::Sequence(w) => geomention::export::geojson::write_sequence_record(w, m)?,
        }
        Ok(())
    }
    fn finish(self) -> Result<()> {
        match self {
            Sink::Collection(fc) => {
                fc.finish()?;
            }
            Sink::Sequence(w) => w.flush()?,
        }
        Ok(())
    }
}

fn tag(args: TagArgs) -> Result<()> {
    let (tagger, meta) = tagger_for(&args.gaz)?;
    let format = args.format;
    if let Some(jsonl) = &args.jsonl {
        let name = jsonl.display().to_string();
        let input: Box<dyn io::BufRead> = if jsonl.as_os_str() == "-" {
            Box::new(io::BufReader::new(io::stdin()))
        } else {
            let f = std::fs::File::open(jsonl).with_context(|| name.clone())?;
            Box::new(io::BufReader::with_capacity(1 << 16, f))
        };
        let mut skipped = 0usize;
        with_output(args.output.as_deref(), std::slice::from_ref(jsonl), |w| {
            let mut sink = match format {
                Format::Geojson => Sink::Collection(FeatureCollectionWriter::new(w, &meta)?),
                Format::Geojsonseq => Sink::Sequence(w),
            };
            for doc in JsonlReader::new(input) {
                let doc = match doc {
                    Ok(d) => d,
                    Err(bad) if args.skip_bad_lines => {
                        skipped += 1;
                        eprintln!("geomention: skipped {name}:{}: {}", bad.line, bad.message);
                        continue;
                    }
                    Err(bad) => bail!("{name}:{}: {}", bad.line, bad.message),
                };
                for m in tagger.tag_document(&doc) {
                    sink.write(&m)?;
                }
            }
            sink.finish()
        })?;
        if skipped > 0 {
            eprintln!("geomention: {skipped} malformed line(s) skipped");
        }
        return Ok(());
    }
    let files = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    // Read every input first, so a bad file fails before any output is made.
    let docs: Vec<(String, String)> = files.iter().map(|p| read_text(p)).collect::<Result<_>>()?;
    with_output(args.output.as_deref(), &files, |w| {
        let mut sink = match format {
            Format::Geojson => Sink::Collection(FeatureCollectionWriter::new(w, &meta)?),
            Format::Geojsonseq => Sink::Sequence(w),
        };
        for (id, text) in &docs {
            for m in tagger.tag(id, text) {
                sink.write(&m)?;
            }
        }
        sink.finish()
    })
}

fn write_jsonl<T: serde::Serialize>(path: &Path, rows: &[T]) -> Result<()> {
    with_output(Some(path), &[], |w| {
        for r in rows {
            serde_json::to_writer(&mut *w, r)?;
            w.write_all(b"\n")?;
        }
        Ok(())
    })
}

fn eval(args: EvalArgs) -> Result<()> {
    let (tagger, _) = tagger_for(&args.gaz)?;
    if args.attribution {
        let mut report = geomention::eval::attribution::AttrReport::default();
        for path in &args.gold {
            let name = path.display().to_string();
            let f = std::fs::File::open(path).with_context(|| name.clone())?;
            for (i, line) in io::BufReader::new(f).lines().enumerate() {
                let line = line.with_context(|| name.clone())?;
                if line.trim().is_empty() {
                    continue;
                }
                let doc: geomention::eval::attribution::GoldAttrDoc =
                    serde_json::from_str(&line).with_context(|| format!("{name}:{}", i + 1))?;
                let (pred, places) = geomention::eval::attribution::predict(&tagger, &doc);
                report.add(&doc, &pred, &places);
            }
        }
        if args.json {
            println!("{}", serde_json::to_string_pretty(&report)?);
        } else {
            print!("{}", geomention::eval::attribution::table(&report));
        }
        return Ok(());
    }
    let mut docs = Vec::new();
    for path in &args.gold {
        let name = path.display().to_string();
        let f = std::fs::File::open(path).with_context(|| name.clone())?;
        docs.extend(geomention::eval::read_gold(io::BufReader::new(f), &name)?);
    }
    let report = geomention::eval::run_geoparse(
        &tagger,
        &docs,
        geomention::eval::EvalOptions {
            gold_spans: args.gold_spans,
            strict_geo: false,
        },
    );
    if let Some(p) = &args.errors {
        write_jsonl(p, &report.errors)?;
    }
    if let Some(p) = &args.write_predictions {
        write_jsonl(p, &report.predictions)?;
    }
    if args.json {
        let obj: serde_json::Map<String, serde_json::Value> = report
            .rows
            .iter()
            .map(|r| Ok((r.corpus.clone(), serde_json::to_value(r)?)))
            .collect::<Result<_>>()?;
        println!("{}", serde_json::to_string_pretty(&obj)?);
    } else if args.markdown {
        print!("{}", geomention::eval::geoparse::markdown(&report.rows));
    } else {
        print!("{}", geomention::eval::geoparse::table(&report.rows));
    }
    Ok(())
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Tag(a) => tag(a),
        Command::Eval(a) => eval(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let msg = e
                .chain()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(": ");
            eprintln!("geomention: error: {msg}");
            ExitCode::from(2)
        }
    }
}
