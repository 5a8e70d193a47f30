//! Compiling gazetteer sources into one index: every GeoNames file users
//! download (plain, gzip or zip) and the user's own CSV/TSV place lists.
//!
//! Sources are read in dependency order whatever order they are given in:
//! code tables first (`admin1CodesASCII.txt`, `admin2Codes.txt`,
//! `countryInfo.txt`), then places (the `geoname` table, CSV, TSV), then names
//! that refer to places (`alternateNamesV2.txt` / `alternateNames.txt`,
//! `hierarchy.txt`). Places are encoded as they are read, so memory grows with
//! the number of names, not with decoded records.

use super::geonames::{self, for_each_tsv_line};
use super::index::{IndexBuilder, FLAG_HISTORIC, FLAG_PRIMARY, FLAG_SHORT};
use super::place::Place;
use super::tabular;
use crate::error::{Error, Result};
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// What a source file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SourceKind {
    /// `admin1CodesASCII.txt`: names of first-level divisions.
    Admin1Codes,
    /// `admin2Codes.txt`: names of second-level divisions.
    Admin2Codes,
    /// `countryInfo.txt`: the country table.
    CountryInfo,
    /// The `geoname` table (allCountries.txt, XX.txt, citiesN.txt).
    GeoNames,
    /// A CSV place list with a header.
    Csv,
    /// A TSV place list with a header.
    Tsv,
    /// `alternateNamesV2.txt` or `alternateNames.txt`.
    AlternateNames,
    /// `hierarchy.txt` (parent/child; read and counted, not used yet).
    Hierarchy,
    /// A compiled geomention index.
    Index,
}

impl SourceKind {
    /// A short name for messages and metadata.
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::Admin1Codes => "GeoNames admin1 codes",
            SourceKind::Admin2Codes => "GeoNames admin2 codes",
            SourceKind::CountryInfo => "GeoNames country info",
            SourceKind::GeoNames => "GeoNames geoname table",
            SourceKind::Csv => "CSV place list",
            SourceKind::Tsv => "TSV place list",
            SourceKind::AlternateNames => "GeoNames alternate names",
            SourceKind::Hierarchy => "GeoNames hierarchy",
            SourceKind::Index => "geomention index",
        }
    }
}

/// Filters applied to the places read.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Keep only these countries (ISO codes); empty keeps all.
    pub countries: Vec<String>,
    /// Keep only these feature classes (`P`, `A`, …); empty keeps all.
    pub feature_classes: Vec<String>,
    /// Keep only places with at least this population (countries and
    /// divisions are kept whatever their population).
    pub min_population: u64,
}

impl Filters {
    fn keep(&self, p: &Place) -> bool {
        (self.countries.is_empty()
            || self
                .countries
                .iter()
                .any(|c| c.eq_ignore_ascii_case(&p.country_code)))
            && (self.feature_classes.is_empty()
                || self
                    .feature_classes
                    .iter()
                    .any(|c| c.eq_ignore_ascii_case(&p.feature_class)))
            && (p.population >= self.min_population || p.feature_class == "A")
    }
}

/// A reader over a file, unpacking gzip and zip (the first `.txt`/`.csv`/
/// `.tsv` entry of a zip archive).
pub fn open_source(path: &Path) -> Result<Box<dyn BufRead>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let head = reader.fill_buf().map_err(|e| Error::io(path, e))?.to_vec();
    if head.starts_with(&[0x1f, 0x8b]) {
        let gz = flate2::read::MultiGzDecoder::new(reader);
        return Ok(Box::new(BufReader::with_capacity(1 << 16, gz)));
    }
    if head.starts_with(b"PK\x03\x04") {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let mut zip = zip::ZipArchive::new(file).map_err(|e| Error::UnknownFormat {
            path: path.to_path_buf(),
            message: format!("bad zip archive: {e}"),
        })?;
        let name = (0..zip.len())
            .filter_map(|i| {
                zip.name_for_index(i)
                    .and_then(|r| r.ok())
                    .map(|n| n.to_string())
            })
            .find(|n| {
                let l = n.to_ascii_lowercase();
                (l.ends_with(".txt") || l.ends_with(".csv") || l.ends_with(".tsv"))
                    && !l.contains("readme")
            })
            .ok_or_else(|| Error::UnknownFormat {
                path: path.to_path_buf(),
                message: "the zip archive holds no .txt, .csv or .tsv file".into(),
            })?;
        // The archive entry borrows the archive: read it into memory in
        // pieces through a pipe-less buffer (entries are streamed).
        let mut entry = zip.by_name(&name).map_err(|e| Error::UnknownFormat {
            path: path.to_path_buf(),
            message: format!("cannot read {name} in the archive: {e}"),
        })?;
        let mut data = Vec::new();
        entry
            .read_to_end(&mut data)
            .map_err(|e| Error::io(path, e))?;
        return Ok(Box::new(std::io::Cursor::new(data)));
    }
    Ok(Box::new(reader))
}

/// Decides what a source is from its name and its first line.
pub fn detect(path: &Path) -> Result<SourceKind> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut r = open_source(path)?;
    let mut head = Vec::new();
    r.by_ref()
        .take(64 * 1024)
        .read_to_end(&mut head)
        .map_err(|e| Error::io(path, e))?;
    if head.starts_with(super::index::MAGIC) {
        return Ok(SourceKind::Index);
    }
    if name.starts_with("alternatenames") {
        return Ok(SourceKind::AlternateNames);
    }
    if name.starts_with("admin1codes") {
        return Ok(SourceKind::Admin1Codes);
    }
    if name.starts_with("admin2codes") {
        return Ok(SourceKind::Admin2Codes);
    }
    if name.starts_with("countryinfo") {
        return Ok(SourceKind::CountryInfo);
    }
    if name.starts_with("hierarchy") {
        return Ok(SourceKind::Hierarchy);
    }
    let text = String::from_utf8_lossy(&head);
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .unwrap_or("");
    if geonames::looks_like_geoname_row(first) {
        return Ok(SourceKind::GeoNames);
    }
    let lower = first.to_ascii_lowercase();
    if lower.split('\t').any(|h| h.trim() == "name") {
        return Ok(SourceKind::Tsv);
    }
    if lower
        .split(',')
        .any(|h| h.trim().trim_matches('"') == "name")
    {
        return Ok(SourceKind::Csv);
    }
    Err(Error::UnknownFormat {
        path: path.to_path_buf(),
        message: "not a GeoNames file (geoname table, alternateNames, admin1Codes, admin2Codes, countryInfo, hierarchy), a CSV/TSV place list with a header naming name, lat and lon, or a geomention index".into(),
    })
}

/// Language codes of `alternateNames` that are not names.
const NOT_NAMES: &[&str] = &[
    "link", "wkdt", "post", "iata", "icao", "faac", "fr_1793", "abbr", "unlc", "tcid", "phon",
    "piny",
];

/// Counts of what a build read.
#[derive(Debug, Clone, Default)]
pub struct BuildStats {
    /// Places added.
    pub places: usize,
    /// Places skipped by the filters.
    pub filtered: usize,
    /// Alternate names added.
    pub alternate_names: usize,
    /// Alternate names skipped (pseudo-languages, unknown places, filters).
    pub alternate_skipped: usize,
    /// Hierarchy rows read.
    pub hierarchy: usize,
}

/// Compiles sources into an index builder.
pub struct Compiler {
    builder: IndexBuilder,
    filters: Filters,
    admin1: HashMap<String, String>,
    /// Names of divisions from the code tables, by geonameid.
    admin2_names: HashMap<u64, Vec<String>>,
    country_names: HashMap<u64, String>,
    geonameid: HashMap<u64, u32>,
    /// Statistics.
    pub stats: BuildStats,
    sources: Vec<String>,
}

fn bad_row(path: &Path) -> impl Fn(tabular::RowError) -> Error + '_ {
    move |e| Error::BadRow {
        path: path.to_path_buf(),
        line: e.line,
        message: e.message,
    }
}

impl Compiler {
    /// A compiler with filters.
    pub fn new(filters: Filters) -> Compiler {
        Compiler {
            builder: IndexBuilder::new(""),
            filters,
            admin1: HashMap::new(),
            admin2_names: HashMap::new(),
            country_names: HashMap::new(),
            geonameid: HashMap::new(),
            stats: BuildStats::default(),
            sources: Vec::new(),
        }
    }

    /// Names of first-level divisions to use when a source has codes but no
    /// names (`"IQ.10"` → `"Diyala"`); an `admin1CodesASCII.txt` source
    /// overrides them.
    pub fn set_admin1_names(&mut self, names: HashMap<String, String>) {
        for (k, v) in names {
            self.admin1.entry(k).or_insert(v);
        }
    }

    /// Reads all sources in dependency order.
    pub fn add_sources(&mut self, paths: &[PathBuf]) -> Result<()> {
        let mut kinds: Vec<(SourceKind, &PathBuf)> = paths
            .iter()
            .map(|p| Ok((detect(p)?, p)))
            .collect::<Result<_>>()?;
        // code tables first, then places in the order given, then names
        kinds.sort_by_key(|(k, _)| match k {
            SourceKind::Admin1Codes | SourceKind::Admin2Codes | SourceKind::CountryInfo => 0,
            SourceKind::GeoNames | SourceKind::Csv | SourceKind::Tsv | SourceKind::Index => 1,
            SourceKind::AlternateNames | SourceKind::Hierarchy => 2,
        });
        for (kind, path) in kinds {
            self.add_source(path, kind)?;
        }
        self.finish_codes();
        Ok(())
    }

    fn finish_codes(&mut self) {
        // admin2 and country names are alternate names of places read before
        let admin2 = std::mem::take(&mut self.admin2_names);
        for (gid, names) in admin2 {
            if let Some(&i) = self.geonameid.get(&gid) {
                for n in names {
                    self.builder.add_name(i, &n, FLAG_PRIMARY);
                }
            }
        }
        let countries = std::mem::take(&mut self.country_names);
        for (gid, name) in countries {
            if let Some(&i) = self.geonameid.get(&gid) {
                self.builder.add_name(i, &name, FLAG_PRIMARY);
            }
        }
    }

    /// Adds places given in memory.
    pub fn add_places(&mut self, places: Vec<Place>) -> Result<()> {
        for mut p in places {
            self.place(&mut p)?;
        }
        Ok(())
    }

    fn place(&mut self, p: &mut Place) -> Result<()> {
        if !self.filters.keep(p) {
            self.stats.filtered += 1;
            return Ok(());
        }
        if p.admin1.is_empty() && !p.admin1_code.is_empty() {
            if let Some(n) = self
                .admin1
                .get(&format!("{}.{}", p.country_code, p.admin1_code))
            {
                p.admin1 = n.clone();
            }
        }
        let i = self
            .builder
            .add_place(p)
            .map_err(|message| Error::BadIndex {
                path: PathBuf::from("<build>"),
                message,
            })?;
        if let Some(gid) =
            p.id.strip_prefix("geonames:")
                .and_then(|g| g.parse::<u64>().ok())
        {
            self.geonameid.insert(gid, i);
        }
        self.stats.places += 1;
        Ok(())
    }

    /// Reads one source of a known kind.
    pub fn add_source(&mut self, path: &Path, kind: SourceKind) -> Result<()> {
        self.sources
            .push(format!("{} ({})", path.display(), kind.label()));
        let r = open_source(path)?;
        match kind {
            SourceKind::Admin1Codes => {
                let map = &mut self.admin1;
                let names = &mut self.admin2_names;
                for_each_tsv_line(r, |f| {
                    if f.len() < 3 {
                        return Err(format!(
                            "expected 4 tab-separated columns, found {}",
                            f.len()
                        ));
                    }
                    let name = if f[2].is_empty() { f[1] } else { f[2] };
                    map.insert(f[0].to_string(), name.to_string());
                    // the division's names, for its ADM1 row ("Diyala" for
                    // "Muḩāfaz̧at Diyālá")
                    if let Some(gid) = f.get(3).and_then(|g| g.trim().parse::<u64>().ok()) {
                        let e = names.entry(gid).or_default();
                        for n in [f[1], f[2]] {
                            if !n.is_empty() && !e.iter().any(|x| x == n) {
                                e.push(n.to_string());
                            }
                        }
                    }
                    Ok(())
                })
                .map_err(bad_row(path))
            }
            SourceKind::Admin2Codes => {
                let map = &mut self.admin2_names;
                for_each_tsv_line(r, |f| {
                    if f.len() < 4 {
                        return Err(format!(
                            "expected 4 tab-separated columns, found {}",
                            f.len()
                        ));
                    }
                    let gid: u64 = f[3]
                        .trim()
                        .parse()
                        .map_err(|_| format!("geonameid {:?} is not a number", f[3]))?;
                    let e = map.entry(gid).or_default();
                    for n in [f[1], f[2]] {
                        if !n.is_empty() && !e.iter().any(|x| x == n) {
                            e.push(n.to_string());
                        }
                    }
                    Ok(())
                })
                .map_err(bad_row(path))
            }
            SourceKind::CountryInfo => {
                let map = &mut self.country_names;
                for_each_tsv_line(r, |f| {
                    if f.len() < 17 {
                        return Err(format!(
                            "expected 19 tab-separated columns, found {}",
                            f.len()
                        ));
                    }
                    if let Ok(gid) = f[16].trim().parse::<u64>() {
                        map.insert(gid, f[4].to_string());
                    }
                    Ok(())
                })
                .map_err(bad_row(path))
            }
            SourceKind::GeoNames => {
                let mut err = None;
                geonames::for_each_row(r, |mut p| {
                    self.place(&mut p).map_err(|e| {
                        let m = e.to_string();
                        err = Some(e);
                        m
                    })
                })
                .map_err(|e| err.take().unwrap_or_else(|| bad_row(path)(e)))
            }
            SourceKind::Csv | SourceKind::Tsv => {
                let prefix = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .map(|n| n.split('.').next().unwrap_or(n).to_string())
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| "custom".into());
                let delim = if kind == SourceKind::Csv { b',' } else { b'\t' };
                let places = tabular::read_places(r, delim, &prefix).map_err(bad_row(path))?;
                self.add_places(places)
            }
            SourceKind::AlternateNames => {
                let b = &mut self.builder;
                let ids = &self.geonameid;
                let stats = &mut self.stats;
                for_each_tsv_line(r, |f| {
                    if f.len() != 8 && f.len() != 10 {
                        return Err(format!("expected 8 (alternateNames) or 10 (alternateNamesV2) columns, found {}", f.len()));
                    }
                    let gid: u64 = f[1].trim().parse().map_err(|_| format!("geonameid {:?} is not a number", f[1]))?;
                    let lang = f[2];
                    let name = f[3];
                    let Some(&i) = ids.get(&gid) else {
                        stats.alternate_skipped += 1;
                        return Ok(());
                    };
                    if NOT_NAMES.contains(&lang) || name.contains("http") || name.is_empty() {
                        stats.alternate_skipped += 1;
                        return Ok(());
                    }
                    let flag = |k: usize| f.get(k).is_some_and(|v| *v == "1");
                    let mut flags = 0;
                    if flag(4) {
                        flags |= FLAG_PRIMARY;
                    }
                    if flag(5) || flag(6) {
                        flags |= FLAG_SHORT;
                    }
                    if flag(7) {
                        flags |= FLAG_HISTORIC;
                    }
                    b.add_name(i, name, flags);
                    stats.alternate_names += 1;
                    Ok(())
                })
                .map_err(bad_row(path))
            }
            SourceKind::Hierarchy => {
                let stats = &mut self.stats;
                for_each_tsv_line(r, |f| {
                    if f.len() < 2 {
                        return Err(format!(
                            "expected 3 tab-separated columns, found {}",
                            f.len()
                        ));
                    }
                    stats.hierarchy += 1;
                    Ok(())
                })
                .map_err(bad_row(path))
            }
            SourceKind::Index => Err(Error::UnknownFormat {
                path: path.to_path_buf(),
                message:
                    "a compiled index cannot be a build source; give the files it was built from"
                        .into(),
            }),
        }
    }

    /// Number of places so far.
    pub fn len(&self) -> usize {
        self.builder.len()
    }

    /// True when no place was added.
    pub fn is_empty(&self) -> bool {
        self.builder.is_empty()
    }

    /// The metadata text stored in the index.
    pub fn meta(&self) -> String {
        let mut m = String::new();
        for s in &self.sources {
            m.push_str(&format!("source={s}\n"));
        }
        m.push_str(&format!(
            "places={}\nalternate_names={}\nbuilt_by=geomention {}\ncredit={}\n",
            self.stats.places,
            self.stats.alternate_names,
            env!("CARGO_PKG_VERSION"),
            super::GEONAMES_CREDIT
        ));
        m
    }

    /// The index builder, with the metadata set.
    pub fn into_builder(self) -> IndexBuilder {
        let meta = self.meta();
        let mut b = self.builder;
        b.set_meta(&meta);
        b
    }
}

/// Distinct country codes of a comma-separated list.
pub fn parse_codes(v: &[String]) -> Vec<String> {
    let mut seen = HashSet::new();
    v.iter()
        .flat_map(|s| s.split(','))
        .map(|s| s.trim().to_ascii_uppercase())
        .filter(|s| !s.is_empty() && seen.insert(s.clone()))
        .collect()
}
