//! The `geomention` command: a thin layer of argument parsing and I/O over the library.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use geomention::export::geojson::FeatureCollectionWriter;
use geomention::export::Metadata;
use geomention::{Gazetteer, Options, Tagger};
use std::io::{self, Read, Write};
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
        after_help = "Examples:\n  geomention tag article.txt > mentions.geojson\n  geomention tag article.txt --gazetteer iraq-villages.csv -o mentions.geojson\n  geomention tag --no-default-gazetteer --gazetteer IQ.txt article.txt"
    )]
    Tag(TagArgs),
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// One RFC 7946 FeatureCollection.
    Geojson,
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

fn tag(args: TagArgs) -> Result<()> {
    let gaz = load_gazetteer(&args.gaz)?;
    let meta = Metadata::for_gazetteer(&gaz);
    let tagger = Tagger::with_options(
        gaz,
        Options {
            prefer_countries: args.gaz.prefer_country.clone(),
        },
    );
    let files = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    // Read every input first, so a bad file fails before any output is made.
    let docs: Vec<(String, String)> = files.iter().map(|p| read_text(p)).collect::<Result<_>>()?;
    let Format::Geojson = args.format;
    with_output(args.output.as_deref(), &files, |w| {
        let mut fc = FeatureCollectionWriter::new(w, &meta)?;
        for (id, text) in &docs {
            for m in tagger.tag(id, text) {
                fc.write(&m)?;
            }
        }
        fc.finish()?;
        Ok(())
    })
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
