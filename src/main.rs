//! The `geomention` command: a thin layer of argument parsing and I/O over the library.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use geomention::document::{BadLineKind, JsonlReader};
use geomention::export::csv::CsvWriter;
use geomention::export::geojson::{FeatureCollectionWriter, GeometryMode};
use geomention::export::gpkg::GpkgWriter;
use geomention::export::html::HtmlWriter;
use geomention::export::places::{self, PlaceAggregator};
use geomention::export::{GroupBy, Metadata};
use geomention::gazetteer::compile::{self, parse_codes, Compiler, Filters, SourceKind};
use geomention::input::InputFormat;
use geomention::{Document, Gazetteer, Options, Tagger};
use rayon::iter::{IntoParallelIterator, ParallelIterator};
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Tagging allocates many small, short-lived strings; mimalloc serves them
/// faster than the system allocator (measured in docs/PERFORMANCE.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Tag text files, folders, web pages or JSONL (or standard input) and write map features.
    #[command(
        after_help = "Examples:\n  geomention tag article.txt > mentions.geojson\n  geomention tag corpus/ --glob '*.txt' -o mentions.geojson\n  geomention tag pages/ --emit-text texts/ -o mentions.geojson   # web pages: article text only\n  geomention tag article.txt --gazetteer iraq-villages.csv -o mentions.geojson\n  geomention tag --no-default-gazetteer --gazetteer IQ.txt article.txt\n  geomention tag --jsonl corpus.jsonl --format geojsonseq > mentions.geojsons\n  geomention tag article.txt -o mentions.gpkg          # GeoPackage for QGIS\n  geomention tag article.txt -o map.html               # offline Leaflet map\n  geomention tag article.txt -o places.csv --group-by place\n\nExit codes: 0 all documents tagged; 1 some skipped (too large, or bad with --keep-going); 2 usage or fatal error."
    )]
    Tag(TagArgs),
    /// Measure recognition, resolution or attribution on annotated corpora.
    #[command(
        after_help = "Examples:\n  geomention eval ../shared/eval/geoparsing/lgl.jsonl\n  geomention eval lgl.jsonl tr-news.jsonl --json > figures.json\n  geomention eval lgl.jsonl --errors lgl-errors.jsonl\n  geomention eval --gold-spans wiktor.jsonl\n  geomention eval --attribution polnear-dev.jsonl"
    )]
    Eval(EvalArgs),
    /// Build, inspect and query gazetteers.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
}

#[derive(Subcommand)]
enum GazetteerCommand {
    /// Compile GeoNames files and place lists into an index that loads in milliseconds.
    #[command(
        after_help = "Examples:\n  geomention gazetteer build allCountries.zip alternateNamesV2.zip admin1CodesASCII.txt admin2Codes.txt countryInfo.txt -o world.gmi\n  geomention gazetteer build IQ.txt admin1CodesASCII.txt --feature-classes P,A -o iraq.gmi\n  geomention gazetteer build my-places.csv -o mine.gmi\n  geomention tag article.txt --index world.gmi"
    )]
    Build(BuildArgs),
    /// Show what a gazetteer holds: sources, licences, counts by feature class and country.
    Info(InfoArgs),
    /// Show every candidate of a name and how it matched.
    Lookup(LookupArgs),
}

#[derive(clap::Args)]
struct BuildArgs {
    /// Source files (GeoNames files plain, .gz or .zip; CSV/TSV place lists).
    #[arg(required = true)]
    sources: Vec<PathBuf>,
    /// The index to write.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    #[command(flatten)]
    filters: FilterArgs,
}

#[derive(clap::Args)]
struct InfoArgs {
    #[command(flatten)]
    gaz: GazetteerArgs,
    /// How many countries to list.
    #[arg(long, default_value_t = 20)]
    top: usize,
}

#[derive(clap::Args)]
struct LookupArgs {
    /// The name to look up.
    name: String,
    /// Only candidates in these countries (ISO codes).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    country: Vec<String>,
    /// At most this many candidates.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    #[command(flatten)]
    gaz: GazetteerArgs,
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
    /// With --markdown: print the candidate ceiling by level of place instead.
    #[arg(long, requires = "markdown")]
    ceiling: bool,
    /// With --markdown: print the calibration of `confidence` instead (share
    /// of matched mentions within 161 km, by bin of confidence).
    #[arg(long, requires = "markdown", conflicts_with = "ceiling")]
    calibration: bool,
    /// Write every false positive, miss and far-off resolution here (JSONL);
    /// with --attribution, every missed or spurious relation and misattributed place.
    #[arg(long, value_name = "FILE")]
    errors: Option<PathBuf>,
    /// Write the predictions here in the reference scorer's PRED format (JSONL).
    #[arg(long, value_name = "FILE")]
    write_predictions: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Geometry {
    /// Points (default).
    Point,
    /// Polygons for divisions that have an outline, points for the rest.
    Polygon,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Debug)]
enum Format {
    /// One RFC 7946 FeatureCollection (.geojson).
    Geojson,
    /// RFC 8142 GeoJSON text sequence: one feature per line, streamed (.geojsons, .geojsonl).
    Geojsonseq,
    /// RFC 4180 CSV with lat, lon and WKT columns; metadata in FILE.csv.txt (.csv).
    Csv,
    /// OGC GeoPackage 1.3 with `mentions` and `places` point layers (.gpkg).
    Gpkg,
    /// A self-contained Leaflet map that works offline (.html).
    Html,
}

impl Format {
    /// The format an output file's extension asks for.
    fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "geojson" | "json" => Format::Geojson,
            "geojsons" | "geojsonl" | "geojsonseq" => Format::Geojsonseq,
            "csv" => Format::Csv,
            "gpkg" => Format::Gpkg,
            "html" | "htm" => Format::Html,
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Debug)]
enum GroupByArg {
    /// One feature per mention (default).
    Mention,
    /// One feature per resolved place, with mention_count, doc_count, sources
    /// and first_sentence (the GeoPackage always has both layers; the HTML
    /// map always shows one marker per place).
    Place,
}

#[derive(clap::Args)]
struct GazetteerArgs {
    /// Add places: GeoNames files (allCountries.txt, XX.txt, citiesN.txt,
    /// alternateNamesV2.txt, admin1CodesASCII.txt, admin2Codes.txt,
    /// countryInfo.txt; plain, .gz or .zip), a CSV/TSV with a header naming
    /// name, lat, lon, or a compiled index (.gmi). Repeatable; a later place
    /// replaces an earlier one with the same id.
    #[arg(long = "gazetteer", value_name = "PATH")]
    gazetteers: Vec<PathBuf>,
    /// Add a compiled index made by `geomention gazetteer build` (memory-mapped). Repeatable.
    #[arg(long = "index", value_name = "FILE")]
    indexes: Vec<PathBuf>,
    /// Do not use the embedded default gazetteer.
    #[arg(long)]
    no_default_gazetteer: bool,
    /// Also tag demonyms ("Iraqi", "Americans") as their country, with match "demonym".
    #[arg(long)]
    demonyms: bool,
    /// Names never to tag: a text file, one name per line (# comments).
    #[arg(long, value_name = "FILE")]
    block_list: Vec<PathBuf>,
    /// Extra names for known places: a text file of NAME<TAB>PLACE_ID lines.
    #[arg(long, value_name = "FILE")]
    aliases: Vec<PathBuf>,
    /// Prefer places in these countries (ISO codes, comma-separated: IQ,SY).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    prefer_country: Vec<String>,
    /// Prefer places in these first-level divisions: GeoNames codes or
    /// names, comma-separated (IQ.10,Diyala).
    #[arg(long, value_delimiter = ',', value_name = "DIVISIONS")]
    prefer_admin1: Vec<String>,
    /// Match names exactly only (no transliteration variants).
    #[arg(long)]
    exact_only: bool,
    #[command(flatten)]
    filters: FilterArgs,
}

#[derive(clap::Args, Clone)]
struct FilterArgs {
    /// Keep only places of these countries from --gazetteer files (ISO codes: IQ,SY).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    countries: Vec<String>,
    /// Keep only these GeoNames feature classes from --gazetteer files (P,A,H,L,T,S,R,U,V).
    #[arg(long, value_delimiter = ',', value_name = "CLASSES")]
    feature_classes: Vec<String>,
    /// Keep only places of at least this population from --gazetteer files
    /// (countries and divisions are kept).
    #[arg(long, value_name = "N", default_value_t = 0)]
    min_population: u64,
}

impl FilterArgs {
    fn filters(&self) -> Filters {
        Filters {
            countries: parse_codes(&self.countries),
            feature_classes: parse_codes(&self.feature_classes),
            min_population: self.min_population,
        }
    }
}

#[derive(clap::Args)]
struct TagArgs {
    /// Files and folders to read. A folder is read recursively, in name
    /// order, hidden entries skipped. By extension: .html/.htm/.xhtml are web
    /// pages (the article text is kept), .jsonl/.ndjson hold one document
    /// per line, anything else is UTF-8 text. None or "-" reads standard
    /// input.
    #[arg(value_name = "PATH")]
    files: Vec<PathBuf>,
    /// Read documents from JSONL (one {"id", "text", ...} object per line; "-" for standard input).
    #[arg(long, value_name = "FILE", conflicts_with = "files")]
    jsonl: Option<PathBuf>,
    /// Read every input (standard input too) as an HTML page, whatever its extension.
    #[arg(long, conflicts_with = "jsonl")]
    html: bool,
    /// In folders, read only the files whose name matches this glob
    /// (repeatable: "*.txt", "*.{htm,html}"); default: the extensions .txt
    /// .text .md .markdown .html .htm .xhtml .jsonl .ndjson. Files named on
    /// the command line are always read.
    #[arg(long = "glob", value_name = "PATTERN", conflicts_with = "jsonl")]
    globs: Vec<String>,
    /// Write the text of each document (what the offsets index: the article
    /// of a web page) into this folder, one .txt per document, with
    /// manifest.jsonl (id, file, title, url).
    #[arg(long, value_name = "DIR")]
    emit_text: Option<PathBuf>,
    /// Tag with this many threads (default: all cores). The output order is
    /// the input order whatever the number.
    #[arg(long, value_name = "N", default_value_t = 0, hide_default_value = true)]
    threads: usize,
    /// No progress bar and no summary on standard error (warnings and errors remain).
    #[arg(short, long)]
    quiet: bool,
    /// Skip (with a warning, exit code 1) any document larger than this many
    /// bytes: a file, a web page before extraction, a JSONL line.
    #[arg(long, value_name = "N", default_value_t = geomention::input::DEFAULT_MAX_DOCUMENT_BYTES)]
    max_document_bytes: u64,
    /// Replace invalid UTF-8 with U+FFFD instead of stopping.
    #[arg(long)]
    lossy: bool,
    /// Skip a bad file or JSONL line (missing, unreadable, invalid UTF-8,
    /// malformed, a page with no article) with a one-line warning instead of
    /// stopping; the exit code is then 1.
    #[arg(long, alias = "skip-bad-lines")]
    keep_going: bool,
    #[command(flatten)]
    gaz: GazetteerArgs,
    /// Write here instead of standard output (written to a temporary file, then renamed).
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Output format (default: from the -o extension, else geojson).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// One feature per mention, or per resolved place.
    #[arg(long, value_enum, default_value = "mention", value_name = "WHAT")]
    group_by: GroupByArg,
    /// Geometry of each feature: the place's point, or the outline of a
    /// country, province or US county where the embedded default has one.
    #[arg(long, value_enum, default_value = "point")]
    geometry: Geometry,
}

fn load_gazetteer(args: &GazetteerArgs) -> Result<Gazetteer> {
    let mut gaz = if args.no_default_gazetteer {
        Gazetteer::empty()
    } else {
        Gazetteer::embedded()?
    };
    for p in &args.indexes {
        gaz.add_index(p)?;
    }
    // Index files given with --gazetteer are layers of their own; the other
    // files compile together (code tables and alternate names refer to the
    // places of the tables).
    let mut sources = Vec::new();
    for p in &args.gazetteers {
        if compile::detect(p)? == SourceKind::Index {
            gaz.add_index(p)?;
        } else {
            sources.push(p.clone());
        }
    }
    if !sources.is_empty() {
        gaz.add_sources(&sources, &args.filters.filters())?;
    }
    for p in &args.aliases {
        gaz.add_aliases(p)?;
    }
    if args.demonyms {
        gaz.add_demonyms()?;
    }
    for p in &args.block_list {
        gaz.add_block_list(p)?;
    }
    if gaz.is_empty() {
        bail!("the gazetteer is empty: give --gazetteer PATH or --index FILE, or drop --no-default-gazetteer");
    }
    Ok(gaz)
}

/// Writes through `f` to `path` atomically (temporary file in the same
/// folder, then rename), or to standard output.
fn with_output(
    path: Option<&Path>,
    inputs: &[PathBuf],
    f: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    with_output_target(path, inputs, |t| f(t.w))
}

/// Where an output goes: a writer, and the path of the temporary file behind
/// it when writing a file (a GeoPackage is written by SQLite to that path).
struct Target<'a> {
    w: &'a mut dyn Write,
    file: Option<&'a Path>,
}

/// [`with_output`] for writers that may need the temporary file's path.
fn with_output_target(
    path: Option<&Path>,
    inputs: &[PathBuf],
    f: impl FnOnce(Target<'_>) -> Result<()>,
) -> Result<()> {
    match path {
        None => {
            let stdout = io::stdout();
            let mut lock = io::BufWriter::new(stdout.lock());
            f(Target {
                w: &mut lock,
                file: None,
            })?;
            lock.flush()?;
            Ok(())
        }
        Some(p) => {
            // Only an existing file can be an input.
            if let Ok(out) = p.canonicalize() {
                for i in inputs {
                    if i.as_os_str() != "-" && i.canonicalize().is_ok_and(|i| i == out) {
                        bail!(
                            "{}: refusing to write the output over an input file",
                            p.display()
                        );
                    }
                }
            }
            let dir = match p.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                _ => PathBuf::from("."),
            };
            let mut builder = tempfile::Builder::new();
            // The file's final mode: 0666 less the umask, like any new file
            // (a temporary file would otherwise keep 0600).
            #[cfg(unix)]
            builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
            let tmp = builder
                .tempfile_in(&dir)
                .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
            {
                let mut w = io::BufWriter::new(tmp.as_file());
                f(Target {
                    w: &mut w,
                    file: Some(tmp.path()),
                })?;
                w.flush()
                    .with_context(|| format!("writing {}", p.display()))?;
            }
            tmp.persist(p)
                .map_err(|e| anyhow::anyhow!("cannot write {}: {}", p.display(), e.error))?;
            Ok(())
        }
    }
}

fn tagger_for(args: &GazetteerArgs) -> Result<(Tagger, Metadata)> {
    let gaz = load_gazetteer(args)?;
    let meta = Metadata::for_gazetteer(&gaz);
    let tagger = Tagger::with_options(
        gaz,
        Options {
            prefer_countries: args.prefer_country.clone(),
            prefer_admin1: args.prefer_admin1.clone(),
            variants: !args.exact_only,
        },
    );
    Ok((tagger, meta))
}

/// Where mentions go, in the chosen format.
enum Sink<'a> {
    Collection(FeatureCollectionWriter<&'a mut dyn Write>),
    Sequence(&'a mut dyn Write, GeometryMode),
    Csv(CsvWriter<&'a mut dyn Write>),
    /// The GeoPackage, and where to copy it when it is not written in place
    /// (standard output).
    Gpkg(
        GpkgWriter,
        Option<(tempfile::NamedTempFile, &'a mut dyn Write)>,
    ),
    Html(HtmlWriter<&'a mut dyn Write>),
    /// Per-place features, written when the mentions are all counted.
    Places {
        agg: PlaceAggregator,
        w: &'a mut dyn Write,
        format: Format,
        meta: Metadata,
        mode: GeometryMode,
    },
}

impl Sink<'_> {
    fn new<'a>(
        target: Target<'a>,
        format: Format,
        meta: &Metadata,
        geometry: Geometry,
        group: GroupByArg,
    ) -> Result<Sink<'a>> {
        let mode = if geometry == Geometry::Polygon {
            if !matches!(format, Format::Geojson | Format::Geojsonseq) {
                bail!("--geometry polygon is available for geojson and geojsonseq output only");
            }
            GeometryMode::Shape
        } else {
            GeometryMode::Point
        };
        let w = target.w;
        if group == GroupByArg::Place && format != Format::Gpkg && format != Format::Html {
            return Ok(Sink::Places {
                agg: PlaceAggregator::new(),
                w,
                format,
                meta: meta.clone(),
                mode,
            });
        }
        Ok(match format {
            Format::Geojson => {
                Sink::Collection(FeatureCollectionWriter::new(w, meta)?.with_geometry(mode))
            }
            Format::Geojsonseq => Sink::Sequence(w, mode),
            Format::Csv => Sink::Csv(CsvWriter::new(w, GroupBy::Mention)?),
            Format::Html => Sink::Html(HtmlWriter::new(w, meta)?),
            Format::Gpkg => match target.file {
                Some(path) => Sink::Gpkg(GpkgWriter::create(path, meta)?, None),
                None => {
                    let tmp = tempfile::Builder::new()
                        .suffix(".gpkg")
                        .tempfile()
                        .context("cannot create a temporary GeoPackage")?;
                    let gpkg = GpkgWriter::create(tmp.path(), meta)?;
                    Sink::Gpkg(gpkg, Some((tmp, w)))
                }
            },
        })
    }

    fn write(&mut self, m: &geomention::Mention) -> Result<()> {
        match self {
            Sink::Collection(fc) => fc.write(m)?,
            Sink::Sequence(w, mode) => {
                geomention::export::geojson::write_sequence_record(w, m, *mode)?
            }
            Sink::Csv(c) => c.write(m)?,
            Sink::Gpkg(g, _) => g.write(m)?,
            Sink::Html(h) => h.write(m)?,
            Sink::Places { agg, .. } => {
                agg.add(m);
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<()> {
        match self {
            Sink::Collection(fc) => {
                fc.finish()?;
            }
            Sink::Sequence(w, _) => w.flush()?,
            Sink::Csv(c) => {
                c.finish()?;
            }
            Sink::Gpkg(g, copy) => {
                g.finish()?;
                if let Some((tmp, w)) = copy {
                    io::copy(&mut tmp.reopen()?, w)?;
                    w.flush()?;
                }
            }
            Sink::Html(h) => {
                h.finish()?;
            }
            Sink::Places {
                agg,
                w,
                format,
                meta,
                mode,
            } => match format {
                Format::Geojsonseq => places::write_sequence(w, agg.places(), mode)?,
                Format::Csv => {
                    let mut c = CsvWriter::new(w, GroupBy::Place)?;
                    for p in agg.places() {
                        c.write_place(p)?;
                    }
                    c.finish()?;
                }
                _ => places::write_geojson(w, agg.places(), &meta, mode)?,
            },
        }
        Ok(())
    }
}

/// The metadata side-car of a CSV file (`FILE.csv.txt`), written atomically
/// once the CSV is in place.
fn write_csv_sidecar(csv: &Path, meta: &Metadata, group: GroupByArg) -> Result<()> {
    let mut name = csv.as_os_str().to_owned();
    name.push(".txt");
    let side = PathBuf::from(name);
    let file_name = csv
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let group = match group {
        GroupByArg::Mention => GroupBy::Mention,
        GroupByArg::Place => GroupBy::Place,
    };
    with_output(Some(&side), &[], |w| {
        w.write_all(geomention::export::csv::sidecar_text(meta, &file_name, group).as_bytes())?;
        Ok(())
    })
}

/// Why a document was skipped, for the summary.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum SkipReason {
    TooLarge,
    InvalidUtf8,
    Malformed,
    NoArticle,
    Unreadable,
}

impl SkipReason {
    fn describe(self, n: u64) -> &'static str {
        match self {
            SkipReason::TooLarge => "too large",
            SkipReason::InvalidUtf8 => "invalid UTF-8",
            SkipReason::Malformed if n == 1 => "malformed line",
            SkipReason::Malformed => "malformed lines",
            SkipReason::NoArticle => "no article text",
            SkipReason::Unreadable => "unreadable",
        }
    }

    fn of_error(e: &geomention::Error) -> SkipReason {
        match e {
            geomention::Error::DocumentTooLarge { .. } => SkipReason::TooLarge,
            geomention::Error::InvalidUtf8 { .. } => SkipReason::InvalidUtf8,
            geomention::Error::BadDocument { .. } => SkipReason::NoArticle,
            _ => SkipReason::Unreadable,
        }
    }

    fn of_line(k: BadLineKind) -> SkipReason {
        match k {
            BadLineKind::Malformed => SkipReason::Malformed,
            BadLineKind::InvalidUtf8 => SkipReason::InvalidUtf8,
            BadLineKind::TooLarge => SkipReason::TooLarge,
            BadLineKind::Io => SkipReason::Unreadable,
        }
    }
}

/// One unit of work, read in input order.
enum Item {
    /// A text or HTML file read but not yet decoded (decoding and article
    /// extraction run in parallel).
    Raw {
        path: PathBuf,
        bytes: Vec<u8>,
        html: bool,
    },
    /// A JSONL record.
    Doc { doc: Document, size: u64 },
    /// An input that failed: the one-line message and why.
    Failed {
        message: String,
        reason: SkipReason,
        size: u64,
    },
}

impl Item {
    fn size(&self) -> u64 {
        match self {
            Item::Raw { bytes, .. } => bytes.len() as u64,
            Item::Doc { size, .. } | Item::Failed { size, .. } => *size,
        }
    }

    fn failed(e: geomention::Error, size: u64) -> Item {
        Item::Failed {
            reason: SkipReason::of_error(&e),
            message: e.to_string(),
            size,
        }
    }
}

/// What became of an item: a tagged document, or a failure.
enum Done {
    Tagged {
        doc: Document,
        mentions: Vec<geomention::Mention>,
        size: u64,
    },
    Failed {
        message: String,
        reason: SkipReason,
        size: u64,
    },
}

fn process(item: Item, tagger: &Tagger, lossy: bool) -> Done {
    let size = item.size();
    let doc = match item {
        Item::Raw { path, bytes, html } => {
            match geomention::input::document_from_bytes(&path, bytes, html, lossy) {
                Ok(d) => d,
                Err(e) => {
                    return Done::Failed {
                        reason: SkipReason::of_error(&e),
                        message: e.to_string(),
                        size,
                    }
                }
            }
        }
        Item::Doc { doc, .. } => doc,
        Item::Failed {
            message,
            reason,
            size,
        } => {
            return Done::Failed {
                message,
                reason,
                size,
            }
        }
    };
    let mentions = tagger.tag_document(&doc);
    Done::Tagged {
        doc,
        mentions,
        size,
    }
}

/// Where documents come from, in order.
enum Source {
    /// A text or HTML file, or standard input (`-`).
    File { path: PathBuf, html: bool },
    /// A JSONL file, or standard input (`-`).
    Jsonl(PathBuf),
    /// A path that could not be listed or found.
    Missing(geomention::Error),
}

/// Reads the sources one item at a time, opening JSONL files as their turn
/// comes, so memory holds one batch at most.
struct Items {
    sources: std::vec::IntoIter<Source>,
    jsonl: Option<(String, JsonlReader<Box<dyn BufRead>>)>,
    max_bytes: u64,
    lossy: bool,
}

impl Iterator for Items {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some((name, reader)) = &mut self.jsonl {
                let before = reader.bytes_read();
                match reader.next() {
                    Some(r) => {
                        let size = reader.bytes_read() - before;
                        return Some(match r {
                            Ok(doc) => Item::Doc { doc, size },
                            Err(bad) => Item::Failed {
                                message: format!("{name}:{}: {}", bad.line, bad.message),
                                reason: SkipReason::of_line(bad.kind),
                                size,
                            },
                        });
                    }
                    None => self.jsonl = None,
                }
            }
            match self.sources.next()? {
                Source::Missing(e) => {
                    return Some(Item::Failed {
                        message: e.to_string(),
                        reason: SkipReason::Unreadable,
                        size: 0,
                    })
                }
                Source::File { path, html } => {
                    return Some(
                        match geomention::input::read_limited(&path, self.max_bytes) {
                            Ok(bytes) => Item::Raw { path, bytes, html },
                            Err(e) => {
                                let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
                                Item::failed(e, size)
                            }
                        },
                    )
                }
                Source::Jsonl(path) => {
                    let name = path.display().to_string();
                    let input: Box<dyn BufRead> = if path.as_os_str() == "-" {
                        Box::new(io::BufReader::new(io::stdin()))
                    } else {
                        match std::fs::File::open(&path) {
                            Ok(f) => Box::new(io::BufReader::with_capacity(1 << 16, f)),
                            Err(e) => {
                                return Some(Item::failed(
                                    geomention::Error::Io { path, source: e },
                                    0,
                                ))
                            }
                        }
                    };
                    let reader = JsonlReader::new(input)
                        .max_line_bytes(self.max_bytes)
                        .lossy(self.lossy);
                    self.jsonl = Some((name, reader));
                }
            }
        }
    }
}

/// Writes each document's text into a folder, one file per document, and
/// a manifest of them.
struct TextEmitter {
    dir: PathBuf,
    names: std::collections::HashSet<String>,
    manifest: io::BufWriter<std::fs::File>,
}

impl TextEmitter {
    fn new(dir: &Path) -> Result<TextEmitter> {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let m = dir.join("manifest.jsonl");
        let manifest =
            std::fs::File::create(&m).with_context(|| format!("cannot write {}", m.display()))?;
        Ok(TextEmitter {
            dir: dir.to_path_buf(),
            names: Default::default(),
            manifest: io::BufWriter::new(manifest),
        })
    }

    /// The file name for a document id: its characters outside
    /// `[A-Za-z0-9._-]` as `_`, `~N` added when taken, `.txt` appended.
    fn file_name(&mut self, id: &str) -> String {
        let mut base: String = id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || "._-".contains(c) {
                    c
                } else {
                    '_'
                }
            })
            .take(150)
            .collect();
        if base.is_empty() || base.starts_with('.') {
            base.insert(0, '_');
        }
        let mut name = format!("{base}.txt");
        let mut n = 1;
        while !self.names.insert(name.to_ascii_lowercase()) || name == "manifest.jsonl" {
            n += 1;
            name = format!("{base}~{n}.txt");
        }
        name
    }

    fn write(&mut self, doc: &Document) -> Result<()> {
        let name = self.file_name(&doc.id);
        let path = self.dir.join(&name);
        std::fs::write(&path, &doc.text)
            .with_context(|| format!("cannot write {}", path.display()))?;
        let row = serde_json::json!({
            "id": doc.id,
            "file": name,
            "title": doc.meta.title,
            "url": doc.meta.url,
            "chars": doc.text.chars().count(),
        });
        serde_json::to_writer(&mut self.manifest, &row)?;
        self.manifest.write_all(b"\n")?;
        Ok(())
    }

    fn finish(mut self) -> Result<()> {
        self.manifest
            .flush()
            .with_context(|| format!("cannot write {}", self.dir.join("manifest.jsonl").display()))
    }
}

/// Counts for the summary line.
#[derive(Default)]
struct Stats {
    docs: u64,
    mentions: u64,
    bytes: u64,
    skipped: std::collections::BTreeMap<SkipReason, u64>,
}

impl Stats {
    fn skipped(&self) -> u64 {
        self.skipped.values().sum()
    }

    fn summary(&self, secs: f64) -> String {
        let mut s = format!(
            "geomention: {} document{}, {} mention{} in {:.1} s ({:.1} MB/s)",
            self.docs,
            if self.docs == 1 { "" } else { "s" },
            self.mentions,
            if self.mentions == 1 { "" } else { "s" },
            secs,
            self.bytes as f64 / 1e6 / secs.max(1e-3),
        );
        if self.skipped() > 0 {
            let why: Vec<String> = self
                .skipped
                .iter()
                .map(|(r, n)| format!("{n} {}", r.describe(*n)))
                .collect();
            s.push_str(&format!(
                "; {} skipped ({})",
                self.skipped(),
                why.join(", ")
            ));
        }
        s
    }
}

/// The progress bar: on a terminal only, and never with --quiet.
fn progress_bar(quiet: bool, total: Option<u64>) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let (bar, template) = match total {
        Some(t) => (
            indicatif::ProgressBar::new(t),
            "{spinner} {elapsed_precise} [{wide_bar}] {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec} {msg} ETA {eta}",
        ),
        None => (
            indicatif::ProgressBar::no_length(),
            "{spinner} {elapsed_precise} {decimal_bytes} {decimal_bytes_per_sec} {msg}",
        ),
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// How many documents, and how many bytes, are tagged in parallel at a
/// time: memory holds one such batch.
const BATCH_DOCS: usize = 256;
const BATCH_BYTES: u64 = 32 << 20;

fn tag(args: TagArgs) -> Result<ExitCode> {
    let t0 = std::time::Instant::now();
    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(Format::from_extension))
        .unwrap_or(Format::Geojson);
    let group = args.group_by;
    if args.output.is_none() && format == Format::Csv {
        eprintln!(
            "geomention: note: CSV on standard output has no metadata side-car; use -o FILE.csv for FILE.csv.txt"
        );
    }
    let filter = geomention::input::FileFilter::new(&args.globs)?;
    let sources: Vec<Source> = match &args.jsonl {
        Some(j) => vec![Source::Jsonl(j.clone())],
        None => {
            let paths = if args.files.is_empty() {
                vec![PathBuf::from("-")]
            } else {
                args.files.clone()
            };
            geomention::input::collect_files(&paths, &filter)
                .into_iter()
                .map(|r| match r {
                    Ok(path) => match (args.html, InputFormat::of(&path)) {
                        (false, InputFormat::Jsonl) => Source::Jsonl(path),
                        (html, f) => Source::File {
                            path,
                            html: html || f == InputFormat::Html,
                        },
                    },
                    Err(e) => Source::Missing(e),
                })
                .collect()
        }
    };
    let inputs: Vec<PathBuf> = sources
        .iter()
        .filter_map(|s| match s {
            Source::File { path, .. } | Source::Jsonl(path) => Some(path.clone()),
            Source::Missing(_) => None,
        })
        .collect();
    let total: Option<u64> = inputs
        .iter()
        .map(|p| {
            if p.as_os_str() == "-" {
                None
            } else {
                std::fs::metadata(p).ok().map(|m| m.len())
            }
        })
        .sum();
    let (tagger, meta) = tagger_for(&args.gaz)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads)
        .build()
        .context("cannot start the worker threads")?;
    let mut emitter = match &args.emit_text {
        Some(dir) => Some(TextEmitter::new(dir)?),
        None => None,
    };
    let bar = progress_bar(args.quiet, total);
    let mut stats = Stats::default();
    let mut items = Items {
        sources: sources.into_iter(),
        jsonl: None,
        max_bytes: args.max_document_bytes,
        lossy: args.lossy,
    };
    with_output_target(args.output.as_deref(), &inputs, |t| {
        let mut sink = Sink::new(t, format, &meta, args.geometry, group)?;
        let read_batch = |items: &mut Items| {
            let mut batch = Vec::new();
            let mut bytes = 0u64;
            while batch.len() < BATCH_DOCS && bytes < BATCH_BYTES {
                let Some(item) = items.next() else { break };
                bytes += item.size();
                batch.push(item);
            }
            batch
        };
        let tag_batch = |batch: Vec<Item>| -> Vec<Done> {
            pool.install(|| {
                batch
                    .into_par_iter()
                    .map(|item| process(item, &tagger, args.lossy))
                    .collect()
            })
        };
        let mut write_done = |done: Vec<Done>| -> Result<()> {
            for d in done {
                match d {
                    Done::Tagged {
                        doc,
                        mentions,
                        size,
                    } => {
                        for m in &mentions {
                            sink.write(m)?;
                        }
                        if let Some(e) = &mut emitter {
                            e.write(&doc)?;
                        }
                        stats.docs += 1;
                        stats.mentions += mentions.len() as u64;
                        stats.bytes += size;
                        bar.inc(size);
                    }
                    Done::Failed {
                        message,
                        reason,
                        size,
                    } => {
                        if !args.keep_going && reason != SkipReason::TooLarge {
                            bar.finish_and_clear();
                            bail!("{message}");
                        }
                        bar.suspend(|| eprintln!("geomention: skipped {message}"));
                        *stats.skipped.entry(reason).or_default() += 1;
                        bar.inc(size);
                    }
                }
            }
            let secs = t0.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!(
                "{} docs, {:.0} docs/s",
                stats.docs,
                stats.docs as f64 / secs
            ));
            Ok(())
        };
        if pool.current_num_threads() == 1 {
            // one core: read, tag and write in turn
            loop {
                let batch = read_batch(&mut items);
                if batch.is_empty() {
                    break;
                }
                write_done(tag_batch(batch))?;
            }
        } else {
            // several cores: while the workers tag one batch, this thread
            // writes the previous batch's features and reads the next batch,
            // so the workers never wait for input or output
            std::thread::scope(|scope| -> Result<()> {
                let mut batch = read_batch(&mut items);
                let mut previous: Option<Vec<Done>> = None;
                loop {
                    if batch.is_empty() {
                        if let Some(done) = previous.take() {
                            write_done(done)?;
                        }
                        return Ok(());
                    }
                    let tag_batch = &tag_batch;
                    let running = scope.spawn(move || tag_batch(batch));
                    if let Some(done) = previous.take() {
                        write_done(done)?;
                    }
                    batch = read_batch(&mut items);
                    previous = Some(
                        running
                            .join()
                            .map_err(|_| anyhow::anyhow!("a tagging thread stopped"))?,
                    );
                }
            })?;
        }
        sink.finish()
    })?;
    if let Some(e) = emitter {
        e.finish()?;
    }
    if let (Format::Csv, Some(out)) = (format, &args.output) {
        write_csv_sidecar(out, &meta, group)?;
    }
    bar.finish_and_clear();
    if !args.quiet {
        eprintln!("{}", stats.summary(t0.elapsed().as_secs_f64()));
    }
    Ok(if stats.skipped() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
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
        let mut attr_errors = Vec::new();
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
                if args.errors.is_some() {
                    attr_errors.extend(geomention::eval::attribution::errors(&doc, &pred, &places));
                }
            }
        }
        if let Some(p) = &args.errors {
            write_jsonl(p, &attr_errors)?;
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
            explain_misses: args.errors.is_some(),
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
    } else if args.markdown && args.ceiling {
        print!(
            "{}",
            geomention::eval::geoparse::ceiling_markdown(&report.rows)
        );
    } else if args.markdown && args.calibration {
        print!(
            "{}",
            geomention::eval::geoparse::calibration_markdown(&report.rows)
        );
    } else if args.markdown {
        print!("{}", geomention::eval::geoparse::markdown(&report.rows));
    } else {
        print!("{}", geomention::eval::geoparse::table(&report.rows));
    }
    Ok(())
}

fn gazetteer_build(args: BuildArgs) -> Result<()> {
    let t0 = std::time::Instant::now();
    let mut c = Compiler::new(args.filters.filters());
    c.add_sources(&args.sources)?;
    if c.is_empty() {
        bail!("no place to index: the sources are empty or the filters removed everything");
    }
    let stats = c.stats.clone();
    let builder = c.into_builder();
    let out = &args.output;
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp = tempfile::NamedTempFile::new_in(&dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    let file = io::BufWriter::with_capacity(
        1 << 20,
        tmp.reopen().with_context(|| out.display().to_string())?,
    );
    builder
        .write_to(file)
        .map_err(|m| anyhow::anyhow!("cannot write {}: {m}", out.display()))?;
    tmp.persist(out)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {}", out.display(), e.error))?;
    let size = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "geomention: wrote {} ({} places, {} alternate names, {} filtered out, {:.1} MB) in {:.1} s",
        out.display(),
        stats.places,
        stats.alternate_names,
        stats.filtered,
        size as f64 / 1e6,
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}

fn gazetteer_info(args: InfoArgs) -> Result<()> {
    let gaz = load_gazetteer(&args.gaz)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    for layer in gaz.layers() {
        let idx = &layer.index;
        writeln!(out, "layer: {}", layer.source)?;
        writeln!(
            out,
            "  places: {}   name keys: {}   size: {:.1} MB",
            idx.len(),
            idx.key_count(),
            idx.byte_len() as f64 / 1e6
        )?;
        for line in idx.meta().lines().filter(|l| !l.trim().is_empty()) {
            writeln!(out, "  {line}")?;
        }
        let mut classes: std::collections::BTreeMap<String, usize> = Default::default();
        let mut countries: std::collections::HashMap<String, usize> = Default::default();
        for i in 0..idx.len() as u32 {
            if let Ok(p) = idx.place_core(i) {
                let c = if p.feature_code.is_empty() {
                    p.feature_class.clone()
                } else {
                    format!("{}.{}", p.feature_class, p.feature_code)
                };
                *classes.entry(c).or_default() += 1;
                *countries.entry(p.country_code).or_default() += 1;
            }
        }
        let mut by_class: std::collections::BTreeMap<String, usize> = Default::default();
        for (c, n) in &classes {
            *by_class
                .entry(c.split('.').next().unwrap_or("").to_string())
                .or_default() += n;
        }
        let list = |m: &std::collections::BTreeMap<String, usize>| {
            m.iter()
                .map(|(k, v)| format!("{}={}", if k.is_empty() { "?" } else { k }, v))
                .collect::<Vec<_>>()
                .join(" ")
        };
        writeln!(out, "  feature classes: {}", list(&by_class))?;
        let mut codes: Vec<(&String, &usize)> = classes.iter().collect();
        codes.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        writeln!(
            out,
            "  top feature codes: {}",
            codes
                .iter()
                .take(12)
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(" ")
        )?;
        let mut cs: Vec<(String, usize)> = countries.into_iter().collect();
        cs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        writeln!(
            out,
            "  countries: {} (top: {})",
            cs.len(),
            cs.iter()
                .take(args.top)
                .map(|(k, v)| format!("{}={v}", if k.is_empty() { "?" } else { k }))
                .collect::<Vec<_>>()
                .join(" ")
        )?;
    }
    writeln!(out, "credit: {}", geomention::gazetteer::GEONAMES_CREDIT)?;
    Ok(())
}

fn gazetteer_lookup(args: LookupArgs) -> Result<()> {
    let gaz = load_gazetteer(&args.gaz)?;
    let key = geomention::normalize::fold(&args.name);
    let countries = parse_codes(&args.country);
    let mut out = io::BufWriter::new(io::stdout().lock());
    writeln!(
        out,
        "key: {key:?}{}",
        if gaz.is_blocked(&key) {
            " (blocked)"
        } else {
            ""
        }
    )?;
    let mut cands: Vec<_> = gaz
        .candidates(&key)
        .into_iter()
        .filter(|(_, p)| countries.is_empty() || countries.contains(&p.country_code))
        .collect();
    cands.sort_by(|a, b| {
        b.1.population
            .cmp(&a.1.population)
            .then(a.1.id.cmp(&b.1.id))
    });
    if cands.is_empty() {
        writeln!(out, "no candidate")?;
    }
    for (r, p) in cands.iter().take(args.limit) {
        let how = geomention::gazetteer::describe_flags(r.flags);
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{:.5},{:.5}\tmatched: exact key, {} (layer {})",
            p.id,
            p.name,
            if p.feature_code.is_empty() {
                "-"
            } else {
                &p.feature_code
            },
            if p.country_code.is_empty() {
                "-"
            } else {
                &p.country_code
            },
            if p.admin1.is_empty() { "-" } else { &p.admin1 },
            p.population,
            p.lat,
            p.lon,
            how,
            gaz.layers()
                .get(r.layer as usize)
                .map(|l| l.source.as_str())
                .unwrap_or("?")
        )?;
    }
    if cands.len() > args.limit {
        writeln!(out, "({} more; raise --limit)", cands.len() - args.limit)?;
    }
    let vkey = geomention::normalize::variant_key(&key);
    if !vkey.is_empty() {
        writeln!(
            out,
            "variant key: {vkey:?} (similarity needed: {:.2})",
            geomention::spotting::variant::threshold(
                geomention::normalize::strip_articles(&key).len()
            )
        )?;
        match geomention::spotting::variant::confirm(&gaz, &key, &vkey) {
            Some((vc, _, _)) => {
                let mut vc: Vec<_> = vc
                    .into_iter()
                    .filter(|(_, p, _)| countries.is_empty() || countries.contains(&p.country_code))
                    .filter(|(_, p, _)| !cands.iter().any(|(_, c)| c.id == p.id))
                    .collect();
                vc.sort_by(|a, b| {
                    b.1.population
                        .cmp(&a.1.population)
                        .then(a.1.id.cmp(&b.1.id))
                });
                for (_, p, sim) in vc.iter().take(args.limit) {
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{}\t{}\t{}\t{:.5},{:.5}\tmatched: variant, similarity {sim:.3}",
                        p.id,
                        p.name,
                        if p.feature_code.is_empty() { "-" } else { &p.feature_code },
                        if p.country_code.is_empty() { "-" } else { &p.country_code },
                        if p.admin1.is_empty() { "-" } else { &p.admin1 },
                        p.population,
                        p.lat,
                        p.lon,
                    )?;
                }
            }
            None => writeln!(out, "no variant candidate")?,
        }
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
        Command::Eval(a) => eval(a).map(|()| ExitCode::SUCCESS),
        Command::Gazetteer(GazetteerCommand::Build(a)) => {
            gazetteer_build(a).map(|()| ExitCode::SUCCESS)
        }
        Command::Gazetteer(GazetteerCommand::Info(a)) => {
            gazetteer_info(a).map(|()| ExitCode::SUCCESS)
        }
        Command::Gazetteer(GazetteerCommand::Lookup(a)) => {
            gazetteer_lookup(a).map(|()| ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emitted_text_file_names() {
        let d = tempfile::tempdir().unwrap();
        let mut e = TextEmitter::new(d.path()).unwrap();
        let cases = [
            ("corpus/a.txt", "corpus_a.txt.txt"),
            ("corpus/a.txt", "corpus_a.txt~2.txt"),
            ("corpus_a.txt", "corpus_a.txt~3.txt"),
            ("42", "42.txt"),
            ("", "_.txt"),
            (".hidden", "_.hidden.txt"),
            ("manifest", "manifest.txt"),
            ("Baġdād / بغداد", "Ba_d_d________.txt"),
            ("A.TXT", "A.TXT.txt"),
            ("a.txt", "a.txt~2.txt"),
        ];
        for (id, want) in cases {
            assert_eq!(e.file_name(id), want, "{id:?}");
        }
    }

    #[test]
    fn summary_lines() {
        let mut s = Stats {
            docs: 1,
            mentions: 1,
            bytes: 2_000_000,
            ..Stats::default()
        };
        assert_eq!(
            s.summary(2.0),
            "geomention: 1 document, 1 mention in 2.0 s (1.0 MB/s)"
        );
        s.docs = 3;
        s.mentions = 0;
        s.skipped.insert(SkipReason::Malformed, 2);
        s.skipped.insert(SkipReason::TooLarge, 1);
        assert_eq!(
            s.summary(1.0),
            "geomention: 3 documents, 0 mentions in 1.0 s (2.0 MB/s); 3 skipped (1 too large, 2 malformed lines)"
        );
    }
}
