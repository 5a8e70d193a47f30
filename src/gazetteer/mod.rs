//! Step 1 of the pipeline: the gazetteer, the list of places with their names.
//!
//! A [`Gazetteer`] is a stack of layers, each a compiled [`index::Index`]:
//! the embedded default first, then the files the user adds. A place of a
//! later layer overrides a place with the same id in an earlier one.
//! Files are read by [`tabular`] (CSV/TSV with a header) or [`geonames`]
//! (the GeoNames `geoname` table), plain or gzip, and compiled in memory.

pub mod cache;
pub mod compile;
pub mod geonames;
pub mod index;
pub mod place;
pub mod tabular;

use crate::error::{Error, Result};
use compile::{Compiler, Filters, SourceKind};
use index::{Index, Posting};
pub use place::Place;
use std::path::{Path, PathBuf};

static DEFAULT_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default.gmi"));
static DEMONYM_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/demonyms.gmi"));
static SHAPES: &[u8] = include_bytes!("../../gazetteer/shapes.tsv.gz");

/// The credit every export carries for GeoNames data.
pub const GEONAMES_CREDIT: &str = "Contains data from GeoNames (geonames.org), CC BY 4.0";

/// Says in words how a key was derived from a place's names.
pub fn describe_flags(flags: u8) -> String {
    let mut v = vec![if flags & index::FLAG_PRIMARY != 0 {
        "preferred name"
    } else {
        "alternate name"
    }];
    if flags & index::FLAG_ABBREV != 0 {
        v.push("abbreviation");
    }
    if flags & index::FLAG_SHORT != 0 {
        v.push("short or colloquial");
    }
    if flags & index::FLAG_HISTORIC != 0 {
        v.push("historic");
    }
    v.join(", ")
}

/// The outline of a country, first-level division or US county of the
/// embedded default (RFC 7946 GeoJSON geometry text), by place id.
pub fn shape(id: &str) -> Option<&'static str> {
    type Map = std::collections::HashMap<&'static str, &'static str>;
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    static MAP: std::sync::OnceLock<Map> = std::sync::OnceLock::new();
    let text = TEXT.get_or_init(|| {
        use std::io::Read;
        let mut s = String::new();
        if flate2::read::GzDecoder::new(SHAPES)
            .read_to_string(&mut s)
            .is_err()
        {
            s.clear();
        }
        s
    });
    let map = MAP.get_or_init(|| {
        text.lines()
            .skip(1)
            .filter_map(|l| l.split_once('\t'))
            .collect()
    });
    map.get(id).copied()
}

mod extents {
    include!(concat!(env!("OUT_DIR"), "/extents.rs"));
}

/// The size of a country, first-level division or US county with an
/// outline in the embedded default: the radius in km of the circle of the
/// same area. `None` for places without an outline (towns, user places
/// whose id is not in the embedded default).
///
/// ```
/// let canada = geomention::gazetteer::extent_km("geonames:6251999").unwrap();
/// let qatar = geomention::gazetteer::extent_km("geonames:289688").unwrap();
/// assert!(canada > 1000.0 && qatar < 100.0);
/// assert_eq!(geomention::gazetteer::extent_km("geonames:98182"), None); // Baghdad, a city
/// ```
pub fn extent_km(id: &str) -> Option<f64> {
    extents::EXTENTS
        .binary_search_by(|(k, _)| (*k).cmp(id))
        .ok()
        .map(|i| f64::from(extents::EXTENTS[i].1))
}

/// Two records of different sources name the same place: the same name
/// (folded) within 1 km.
fn same_place(a: &Place, b: &Place) -> bool {
    crate::geo::haversine_km(a.lat, a.lon, b.lat, b.lon) <= 1.0
        && crate::normalize::fold(&a.name) == crate::normalize::fold(&b.name)
}

/// One layer of the gazetteer.
pub struct Layer {
    /// Where it came from (`embedded`, or a file path).
    pub source: String,
    /// The compiled places and names.
    pub index: Index,
    /// Its names are demonyms ("Iraqi"), not place names.
    pub demonyms: bool,
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

/// A candidate of a name: where it is in the gazetteer and the place,
/// shared (decoded once, then cached).
pub type Candidate = (PlaceRef, std::sync::Arc<Place>);

/// The places known to the tagger.
///
/// ```
/// let gaz = geomention::Gazetteer::embedded().unwrap();
/// let hits = gaz.lookup("Baghdad");
/// assert!(hits.iter().any(|p| p.country_code == "IQ"));
/// ```
pub struct Gazetteer {
    layers: Vec<Layer>,
    blocked: std::collections::HashSet<String>,
    variant_cache: cache::Cache<std::sync::Arc<VariantPlaces>>,
    confirm_cache: cache::Cache<Option<std::sync::Arc<Confirmed>>>,
    decoded_cache: cache::Cache<std::sync::Arc<Vec<Candidate>>>,
}

use crate::spotting::variant::{Confirmed, VariantPlaces};

/// Most variant keys kept in the cache before it is cleared.
const VARIANT_CACHE_SIZE: usize = 100_000;
/// Most decoded candidate lists kept (each a name's places).
const DECODED_CACHE_SIZE: usize = 50_000;

impl Gazetteer {
    /// A gazetteer with no places.
    pub fn empty() -> Gazetteer {
        Gazetteer {
            layers: Vec::new(),
            blocked: Default::default(),
            variant_cache: cache::Cache::new(VARIANT_CACHE_SIZE),
            confirm_cache: cache::Cache::new(VARIANT_CACHE_SIZE),
            decoded_cache: cache::Cache::new(DECODED_CACHE_SIZE),
        }
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
                demonyms: false,
            });
        }
        Ok(g)
    }

    /// Adds the embedded demonym layer: "Iraqi" and "Iraqis" name Iraq,
    /// reported as `match: demonym`.
    pub fn add_demonyms(&mut self) -> Result<()> {
        if DEMONYM_INDEX.is_empty() || self.layers.iter().any(|l| l.demonyms) {
            return Ok(());
        }
        let index = Index::from_static(DEMONYM_INDEX).map_err(|message| Error::BadIndex {
            path: PathBuf::from("<embedded demonyms>"),
            message,
        })?;
        self.clear_variant_cache();
        self.layers.push(Layer {
            source: "embedded demonyms".into(),
            index,
            demonyms: true,
        });
        Ok(())
    }

    /// Adds places as a new layer (compiled in memory).
    pub fn add_places(&mut self, places: &[Place], source: &str) -> Result<()> {
        let mut c = Compiler::new(Filters::default());
        c.set_admin1_names(self.admin1_names());
        c.add_places(places.to_vec())?;
        self.push_compiled(c, source)
    }

    fn push_compiled(&mut self, c: Compiler, source: &str) -> Result<()> {
        let bytes = c
            .into_builder()
            .finish()
            .map_err(|message| Error::BadIndex {
                path: PathBuf::from(source),
                message,
            })?;
        let index = Index::from_vec(bytes).map_err(|message| Error::BadIndex {
            path: PathBuf::from(source),
            message,
        })?;
        self.clear_variant_cache();
        self.layers.push(Layer {
            source: source.to_string(),
            index,
            demonyms: false,
        });
        Ok(())
    }

    /// Adds a file: a compiled index (memory-mapped), a GeoNames file, or a
    /// CSV/TSV place list (compiled in memory).
    pub fn add_file(&mut self, path: &Path) -> Result<()> {
        if compile::detect(path)? == SourceKind::Index {
            return self.add_index(path);
        }
        self.add_sources(&[path.to_path_buf()], &Filters::default())
    }

    /// Compiles several sources into one layer (GeoNames code tables and
    /// alternate names refer to the places of the others).
    pub fn add_sources(&mut self, paths: &[PathBuf], filters: &Filters) -> Result<()> {
        let mut c = Compiler::new(filters.clone());
        c.set_admin1_names(self.admin1_names());
        c.add_sources(paths)?;
        let label = paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(" + ");
        self.push_compiled(c, &label)
    }

    /// Adds a compiled index file, memory-mapped.
    pub fn add_index(&mut self, path: &Path) -> Result<()> {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        // SAFETY: the map is read-only; geomention never writes to index files
        // while reading them, and every read is bounds-checked.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| Error::io(path, e))?;
        let index =
            Index::from_shared(std::sync::Arc::new(map)).map_err(|message| Error::BadIndex {
                path: path.to_path_buf(),
                message,
            })?;
        self.clear_variant_cache();
        self.layers.push(Layer {
            source: path.display().to_string(),
            index,
            demonyms: false,
        });
        Ok(())
    }

    /// Names of the first-level divisions known to the layers
    /// (`"IQ.10"` → `"Diyala"`), from their ADM1 places.
    fn admin1_names(&self) -> std::collections::HashMap<String, String> {
        let mut names = std::collections::HashMap::new();
        for layer in &self.layers {
            for i in 0..layer.index.len() as u32 {
                if let Ok(p) = layer.index.place_core(i) {
                    if p.is_admin1() && !p.admin1.is_empty() {
                        names.insert(format!("{}.{}", p.country_code, p.admin1_code), p.admin1);
                    }
                }
            }
        }
        names
    }

    /// Reads a block list: one name per line (`#` starts a comment). A
    /// blocked name is never tagged, whatever place it names.
    pub fn add_block_list(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        for line in text.lines() {
            let name = line.split('#').next().unwrap_or("").trim();
            let key = crate::normalize::fold(name);
            if !key.is_empty() {
                self.blocked.insert(key);
            }
        }
        Ok(())
    }

    /// Blocks one name.
    pub fn block(&mut self, name: &str) {
        let key = crate::normalize::fold(name);
        if !key.is_empty() {
            self.blocked.insert(key);
        }
    }

    /// True when a folded key is on the block list.
    pub fn is_blocked(&self, key: &str) -> bool {
        !self.blocked.is_empty() && self.blocked.contains(key)
    }

    /// Reads an alias list: one `name<TAB>place_id` per line (`#` starts a
    /// comment), giving extra names to places of the gazetteer. An unknown id
    /// or a malformed line is an error naming the line.
    pub fn add_aliases(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let mut places: Vec<Place> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let bad = |message: String| Error::BadRow {
                path: path.to_path_buf(),
                line: n as u64 + 1,
                message,
            };
            let (name, id) = line
                .split_once('\t')
                .map(|(a, b)| (a.trim(), b.trim()))
                .ok_or_else(|| bad("expected NAME<TAB>PLACE_ID".into()))?;
            if name.is_empty() || id.is_empty() {
                return Err(bad("expected NAME<TAB>PLACE_ID".into()));
            }
            let pos = places.iter().position(|p| p.id == id);
            let idx = match pos {
                Some(i) => i,
                None => {
                    let r = self
                        .find_id(id)
                        .ok_or_else(|| bad(format!("no place has the id {id}")))?;
                    places.push(
                        self.place(r)
                            .ok_or_else(|| bad(format!("cannot read place {id}")))?,
                    );
                    places.len() - 1
                }
            };
            places[idx].alternate_names.push(name.to_string());
        }
        if places.is_empty() {
            return Ok(());
        }
        let mut c = Compiler::new(Filters::default());
        c.add_places(places)?;
        self.push_compiled(c, &format!("{} (aliases)", path.display()))
    }

    /// The place with this id (the latest layer that has it).
    pub fn find_id(&self, id: &str) -> Option<PlaceRef> {
        self.layers.iter().enumerate().rev().find_map(|(li, l)| {
            l.index.find_id(id).map(|place| PlaceRef {
                layer: li as u16,
                place,
                flags: 0,
            })
        })
    }

    fn clear_variant_cache(&self) {
        self.variant_cache.clear();
        self.confirm_cache.clear();
        self.decoded_cache.clear();
    }

    /// The variant-key lookup for `vkey`, computed by `make` once and kept
    /// in a bounded cache.
    pub(crate) fn variant_places_cached(
        &self,
        vkey: &str,
        make: impl FnOnce() -> VariantPlaces,
    ) -> std::sync::Arc<VariantPlaces> {
        self.variant_cache
            .get_or_insert_with(vkey, || std::sync::Arc::new(make()))
    }

    /// The variant confirmation of a text key, computed once per key.
    pub(crate) fn confirmed_variant(
        &self,
        key: &str,
        make: impl FnOnce() -> Option<Confirmed>,
    ) -> Option<std::sync::Arc<Confirmed>> {
        self.confirm_cache
            .get_or_insert_with(key, || make().map(std::sync::Arc::new))
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
        self.layers
            .get(r.layer as usize)?
            .index
            .place_core(r.place)
            .ok()
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

    /// The candidates of postings lists given by (layer, offset) (the values
    /// of the name maps), decoded as [`Gazetteer::decode`] does and cached:
    /// a name that recurs across documents is decoded once.
    pub fn candidates_at(&self, lists: &[(u16, u64)]) -> Vec<Candidate> {
        use std::fmt::Write;
        let mut key = String::with_capacity(16 * lists.len());
        for (layer, offset) in lists {
            let _ = write!(key, "{layer}:{offset};");
        }
        let v = self.decoded_cache.get_or_insert_with(&key, || {
            let postings: Vec<(u16, Vec<Posting>)> = lists
                .iter()
                .filter_map(|&(li, off)| {
                    let layer = self.layers.get(li as usize)?;
                    Some((li, layer.index.postings(off)))
                })
                .collect();
            std::sync::Arc::new(
                self.decode(postings)
                    .into_iter()
                    .map(|(r, p)| (r, std::sync::Arc::new(p)))
                    .collect(),
            )
        });
        (*v).clone()
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
                let Some(mut place) = self.place_core(r) else {
                    continue;
                };
                if let Some(slot) = out.iter_mut().find(|(_, q)| q.id == place.id) {
                    *slot = (r, place);
                } else if let Some(slot) = out
                    .iter_mut()
                    .find(|(q, p)| q.layer != layer && same_place(p, &place))
                {
                    // the same place from another source: one candidate, both ids
                    place.same_as.push(slot.1.id.clone());
                    place.same_as.append(&mut slot.1.same_as);
                    if place.population == 0 {
                        place.population = slot.1.population;
                    }
                    if place.feature_code.is_empty() || place.feature_code == "PPL" {
                        place.feature_code = std::mem::take(&mut slot.1.feature_code);
                    }
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
