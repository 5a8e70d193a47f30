//! Step 1 of the pipeline: the gazetteer, the list of places with their names.
//!
//! A [`Gazetteer`] is a stack of layers, each a compiled [`index::Index`]:
//! the embedded default first, then the files the user adds. A place of a
//! later layer overrides a place with the same id in an earlier one.
//! Files are read by [`tabular`] (CSV/TSV with a header) or [`geonames`]
//! (the GeoNames `geoname` table), plain or gzip, and compiled in memory.

pub mod geonames;
pub mod index;
pub mod place;
pub mod tabular;

use crate::error::{Error, Result};
use index::{Index, Posting};
pub use place::Place;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

static DEFAULT_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default.gmi"));

/// The credit every export carries for GeoNames data.
pub const GEONAMES_CREDIT: &str = "Contains data from GeoNames (geonames.org), CC BY 4.0";

/// One layer of the gazetteer.
pub struct Layer {
    /// Where it came from (`embedded`, or a file path).
    pub source: String,
    /// The compiled places and names.
    pub index: Index,
}

/// A candidate place for a name: which layer and place, and how the name matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceRef {
    /// Layer number.
    pub layer: u16,
    /// Place number within the layer.
    pub place: u32,
    /// How the key was derived (`index::FLAG_*`).
    pub flags: u8,
}

/// The places known to the tagger.
///
/// ```
/// let gaz = geomention::Gazetteer::embedded().unwrap();
/// let hits = gaz.lookup("Baghdad");
/// assert!(hits.iter().any(|p| p.country_code == "IQ"));
/// ```
pub struct Gazetteer {
    layers: Vec<Layer>,
}

/// Which reader a file needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// The GeoNames `geoname` table (19 columns, no header).
    GeoNames,
    /// CSV with a header row.
    Csv,
    /// TSV with a header row.
    Tsv,
    /// A compiled geomention index.
    Index,
}

fn open_maybe_gzip(path: &Path) -> Result<Box<dyn BufRead>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let head = reader.fill_buf().map_err(|e| Error::io(path, e))?;
    if head.starts_with(&[0x1f, 0x8b]) {
        let gz = flate2::read::MultiGzDecoder::new(reader);
        Ok(Box::new(BufReader::with_capacity(1 << 16, gz)))
    } else {
        Ok(Box::new(reader))
    }
}

/// Decides how to read a file from its first bytes and its name.
pub fn detect_kind(path: &Path) -> Result<FileKind> {
    let mut r = open_maybe_gzip(path)?;
    let mut head = Vec::new();
    r.by_ref()
        .take(64 * 1024)
        .read_to_end(&mut head)
        .map_err(|e| Error::io(path, e))?;
    if head.starts_with(index::MAGIC) {
        return Ok(FileKind::Index);
    }
    let text = String::from_utf8_lossy(&head);
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .unwrap_or("");
    if geonames::looks_like_geoname_row(first) {
        return Ok(FileKind::GeoNames);
    }
    let lower = first.to_ascii_lowercase();
    if lower.split('\t').any(|h| h.trim() == "name") {
        return Ok(FileKind::Tsv);
    }
    if lower
        .split(',')
        .any(|h| h.trim().trim_matches('"') == "name")
    {
        return Ok(FileKind::Csv);
    }
    Err(Error::UnknownFormat {
        path: path.to_path_buf(),
        message: "not a GeoNames table, a CSV/TSV place list with a header naming name, lat and lon, or a geomention index".into(),
    })
}

/// Reads the places of a GeoNames table or a CSV/TSV place list (plain or gzip).
pub fn read_places_file(path: &Path) -> Result<Vec<Place>> {
    let kind = detect_kind(path)?;
    let bad = |e: tabular::RowError| Error::BadRow {
        path: path.to_path_buf(),
        line: e.line,
        message: e.message,
    };
    let prefix = path
        .file_name()
        .and_then(|n| n.to_str())
        .map(|n| n.split('.').next().unwrap_or(n))
        .filter(|s| !s.is_empty())
        .unwrap_or("custom")
        .to_string();
    let r = open_maybe_gzip(path)?;
    match kind {
        FileKind::GeoNames => geonames::read_geonames(r).map_err(bad),
        FileKind::Csv => tabular::read_places(r, b',', &prefix).map_err(bad),
        FileKind::Tsv => tabular::read_places(r, b'\t', &prefix).map_err(bad),
        FileKind::Index => Err(Error::UnknownFormat {
            path: path.to_path_buf(),
            message: "this is a compiled index, not a place list".into(),
        }),
    }
}

impl Gazetteer {
    /// A gazetteer with no places.
    pub fn empty() -> Gazetteer {
        Gazetteer { layers: Vec::new() }
    }

    /// The default gazetteer compiled into the program (GeoNames cities500,
    /// countries and first-level divisions; see `gazetteer/README.md`).
    pub fn embedded() -> Result<Gazetteer> {
        let mut g = Gazetteer::empty();
        if !DEFAULT_INDEX.is_empty() {
            let index = Index::from_static(DEFAULT_INDEX).map_err(|message| Error::BadIndex {
                path: PathBuf::from("<embedded>"),
                message,
            })?;
            g.layers.push(Layer {
                source: "embedded".into(),
                index,
            });
        }
        Ok(g)
    }

    /// Adds places as a new layer (compiled in memory).
    pub fn add_places(&mut self, places: &[Place], source: &str) -> Result<()> {
        let mut filled;
        let places = if places
            .iter()
            .any(|p| p.admin1.is_empty() && !p.admin1_code.is_empty())
        {
            filled = places.to_vec();
            self.fill_admin1_names(&mut filled);
            &filled[..]
        } else {
            places
        };
        let meta = format!("source={source}\n");
        let bytes = index::build_index(places, &meta).map_err(|message| Error::BadIndex {
            path: PathBuf::from(source),
            message,
        })?;
        let index = Index::from_vec(bytes).map_err(|message| Error::BadIndex {
            path: PathBuf::from(source),
            message,
        })?;
        self.layers.push(Layer {
            source: source.to_string(),
            index,
        });
        Ok(())
    }

    /// Adds a file: a GeoNames table, a CSV/TSV place list, or a compiled index.
    pub fn add_file(&mut self, path: &Path) -> Result<()> {
        if detect_kind(path)? == FileKind::Index {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            let index = Index::from_vec(bytes).map_err(|message| Error::BadIndex {
                path: path.to_path_buf(),
                message,
            })?;
            self.layers.push(Layer {
                source: path.display().to_string(),
                index,
            });
            return Ok(());
        }
        let places = read_places_file(path)?;
        self.add_places(&places, &path.display().to_string())
    }

    /// Fills empty `admin1` names from the first-level divisions this
    /// gazetteer already knows (country code + admin1 code). Decodes every
    /// place once, so it runs only when a file lacks the names.
    fn fill_admin1_names(&self, places: &mut [Place]) {
        let mut names: std::collections::HashMap<(String, String), String> = Default::default();
        for layer in &self.layers {
            for i in 0..layer.index.len() as u32 {
                if let Ok(p) = layer.index.place(i) {
                    if p.is_admin1() && !p.admin1.is_empty() {
                        names.insert((p.country_code, p.admin1_code), p.admin1);
                    }
                }
            }
        }
        for p in places.iter_mut().filter(|p| p.admin1.is_empty()) {
            if let Some(n) = names.get(&(p.country_code.clone(), p.admin1_code.clone())) {
                p.admin1 = n.clone();
            }
        }
    }

    /// The layers, in order.
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// Number of places over all layers.
    pub fn len(&self) -> usize {
        self.layers.iter().map(|l| l.index.len()).sum()
    }

    /// True when no layer holds a place.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Decodes a place with its alternate names.
    pub fn place(&self, r: PlaceRef) -> Option<Place> {
        self.layers.get(r.layer as usize)?.index.place(r.place).ok()
    }

    /// Decodes a place without its alternate names.
    pub fn place_core(&self, r: PlaceRef) -> Option<Place> {
        self.layers.get(r.layer as usize)?.index.place_core(r.place).ok()
    }

    /// Candidates of a folded key over all layers; a place id found in a
    /// later layer replaces the same id of an earlier one.
    pub fn candidates(&self, key: &str) -> Vec<(PlaceRef, Place)> {
        let lists: Vec<(u16, Vec<Posting>)> = self
            .layers
            .iter()
            .enumerate()
            .map(|(i, l)| (i as u16, l.index.lookup(key)))
            .collect();
        self.decode(lists)
    }

    /// Decodes postings of several layers into deduplicated candidates
    /// (without their alternate names).
    pub fn decode(&self, lists: Vec<(u16, Vec<Posting>)>) -> Vec<(PlaceRef, Place)> {
        let mut out: Vec<(PlaceRef, Place)> = Vec::new();
        for (layer, postings) in lists {
            for p in postings {
                let r = PlaceRef {
                    layer,
                    place: p.place,
                    flags: p.flags,
                };
                let Some(place) = self.place_core(r) else { continue };
                if let Some(slot) = out.iter_mut().find(|(_, q)| q.id == place.id) {
                    *slot = (r, place);
                } else {
                    out.push((r, place));
                }
            }
        }
        out
    }

    /// Every place that has `name` (folded) as a name, most populous first,
    /// with all its names.
    pub fn lookup(&self, name: &str) -> Vec<Place> {
        let mut v: Vec<Place> = self
            .candidates(&crate::normalize::fold(name))
            .into_iter()
            .filter_map(|(r, _)| self.place(r))
            .collect();
        v.sort_by(|a, b| b.population.cmp(&a.population).then(a.id.cmp(&b.id)));
        v
    }

    /// The sources of every layer with their metadata, for export metadata.
    pub fn sources(&self) -> Vec<String> {
        self.layers.iter().map(|l| l.source.clone()).collect()
    }
}
