//! The compiled gazetteer index (`.gmi`): one file that loads without parsing.
//!
//! Layout (little endian):
//!
//! ```text
//! header, 32 bytes: magic "GEOMIDX\0", format version u32, flags u32,
//!                   CRC-32 of the payload u32, reserved u32, payload length u64
//! payload: seven sections, each a u64 length then its bytes:
//!   1. metadata: UTF-8 text, `key=value` lines (sources, licence, counts)
//!   2. place offsets: (n + 1) u64 offsets into section 3
//!   3. places: each place encoded as varint-length strings, f64 lat/lon, varint population
//!   4. postings: u32 words; at each list, a count then `place << 4 | flags` entries
//!   5. an `fst::Map` from folded name key to the word offset of its postings list
//!   6. an `fst::Map` from place id to place number
//!   7. an `fst::Map` from variant key (`normalize::variant_key`), a NUL
//!      byte and a name key to that name key's postings (the lists of
//!      section 4): one range scan gives the distinct names of a variant key,
//!      so variant matching compares names without decoding any place
//! ```
//!
//! Names are looked up by walking the finite state transducer byte by byte,
//! so the tagger can extend a match word by word and stop as soon as no name
//! continues (see `spotting`). Nothing is decoded at load time: a place is
//! decoded only when it is a candidate.
//!
//! This file is also compiled into `build.rs` (to build the embedded index),
//! so it depends only on `super::place` and `crate::normalize`.

use super::place::Place;
use crate::normalize::fold;
use std::sync::Arc;

/// File magic.
pub const MAGIC: &[u8; 8] = b"GEOMIDX\0";
/// Current format version; files of another version are refused (5: the
/// variant keys drop `h` and merge `g` with `k`, and know more articles;
/// 6: name keys drop the ASCII apostrophe like the curly one).
pub const FORMAT_VERSION: u32 = 6;
const HEADER_LEN: usize = 32;

/// Posting flag: the key comes from the preferred or ASCII name.
pub const FLAG_PRIMARY: u8 = 1;
/// Posting flag: the name is written in capitals (`USA`, `UK`): an abbreviation.
pub const FLAG_ABBREV: u8 = 2;
/// Posting flag: a historic name (GeoNames `isHistoric`).
pub const FLAG_HISTORIC: u8 = 4;
/// Posting flag: a short or colloquial name (GeoNames `isShortName`, `isColloquial`).
pub const FLAG_SHORT: u8 = 8;

/// Longest key indexed, in bytes.
pub const MAX_KEY_LEN: usize = 200;

/// One candidate of a key: a place of the index and how the key was derived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// Place number within the index.
    pub place: u32,
    /// `FLAG_*` bits.
    pub flags: u8,
}

// ---------------------------------------------------------------- writing

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// A place record: the fields every candidate needs first, the alternate
/// names last, so that candidates can be decoded without them.
fn encode_place(out: &mut Vec<u8>, p: &Place) {
    put_str(out, &p.id);
    put_str(out, &p.name);
    put_str(out, &p.ascii_name);
    out.extend_from_slice(&p.lat.to_le_bytes());
    out.extend_from_slice(&p.lon.to_le_bytes());
    put_str(out, &p.feature_class);
    put_str(out, &p.feature_code);
    put_str(out, &p.country_code);
    put_str(out, &p.admin1_code);
    put_str(out, &p.admin1);
    put_varint(out, p.population);
    put_varint(out, p.alternate_names.len() as u64);
    for a in &p.alternate_names {
        put_str(out, a);
    }
}

fn is_abbreviation(name: &str) -> bool {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && name.chars().all(|c| !c.is_lowercase())
}

/// The keys of one place with their flags, deduplicated.
pub fn place_keys(p: &Place) -> Vec<(String, u8)> {
    let mut keys: Vec<(String, u8)> = Vec::new();
    let primary = [p.name.as_str(), p.ascii_name.as_str()];
    let all = primary
        .iter()
        .map(|n| (*n, true))
        .chain(p.alternate_names.iter().map(|n| (n.as_str(), false)));
    for (name, is_primary) in all {
        if name.is_empty() {
            continue;
        }
        let key = fold(name);
        if key.is_empty() || key.len() > MAX_KEY_LEN {
            continue;
        }
        let mut flags = if is_primary { FLAG_PRIMARY } else { 0 };
        if is_abbreviation(name) {
            flags |= FLAG_ABBREV;
        }
        match keys.iter_mut().find(|(k, _)| *k == key) {
            // Primary if any of its names is; an abbreviation only if every
            // name giving this key is written in capitals.
            Some((_, f)) => *f = ((*f | flags) & FLAG_PRIMARY) | (*f & flags & FLAG_ABBREV),
            None => keys.push((key, flags)),
        }
    }
    keys
}

/// Builds an index place by place, with memory proportional to the keys
/// (not to decoded places), so a 12-million-name GeoNames dump fits.
pub struct IndexBuilder {
    meta: String,
    blob: Vec<u8>,
    offsets: Vec<u64>,
    ids: Vec<(String, u32)>,
    arena: Vec<u8>,
    /// (arena offset, key length, posting word)
    entries: Vec<(u64, u32, u32)>,
}

impl IndexBuilder {
    /// A builder; `meta` is free `key=value` text stored in the file.
    pub fn new(meta: &str) -> IndexBuilder {
        IndexBuilder {
            meta: meta.to_string(),
            blob: Vec::new(),
            offsets: Vec::new(),
            ids: Vec::new(),
            arena: Vec::new(),
            entries: Vec::new(),
        }
    }

    /// Replaces the metadata text.
    pub fn set_meta(&mut self, meta: &str) {
        self.meta = meta.to_string();
    }

    /// Number of places added.
    pub fn len(&self) -> usize {
        self.offsets.len()
    }

    /// True when no place was added.
    pub fn is_empty(&self) -> bool {
        self.offsets.is_empty()
    }

    /// Number of (key, place) entries so far.
    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }

    /// Adds a place with the keys of all its names; returns its number.
    pub fn add_place(&mut self, p: &Place) -> Result<u32, String> {
        let i = self.push_place(p)?;
        for (key, flags) in place_keys(p) {
            self.push_key(&key, i, flags);
        }
        Ok(i)
    }

    /// Encodes a place without keys; returns its number.
    fn push_place(&mut self, p: &Place) -> Result<u32, String> {
        let i = self.offsets.len();
        if i >= (1 << 28) {
            return Err(format!("too many places for one index: {i}"));
        }
        let i = i as u32;
        self.offsets.push(self.blob.len() as u64);
        encode_place(&mut self.blob, p);
        self.ids.push((p.id.clone(), i));
        Ok(i)
    }

    /// Adds a place keyed only by `names` (not by its own names): the
    /// demonym layer ("Iraqi" → Iraq).
    pub fn add_place_keyed_by(&mut self, p: &Place, names: &[&str]) -> Result<u32, String> {
        let i = self.push_place(p)?;
        for n in names {
            self.add_name(i, n, FLAG_PRIMARY);
        }
        Ok(i)
    }

    /// Adds one more name for place `i` (an alternate name from another file,
    /// or a user's alias).
    pub fn add_name(&mut self, i: u32, name: &str, flags: u8) {
        let key = fold(name);
        if key.is_empty() || key.len() > MAX_KEY_LEN || i as usize >= self.offsets.len() {
            return;
        }
        let mut f = flags;
        if is_abbreviation(name) {
            f |= FLAG_ABBREV;
        }
        self.push_key(&key, i, f);
    }

    fn push_key(&mut self, key: &str, i: u32, flags: u8) {
        let word = (i << 4) | u32::from(flags & 0xf);
        let off = self.arena.len() as u64;
        self.arena.extend_from_slice(key.as_bytes());
        self.entries.push((off, key.len() as u32, word));
    }

    /// Sorts (key, posting) entries, appends one postings list per key to
    /// `postings` (a place once per key, flags merged) and returns the fst
    /// map from key to the list's offset, with the variant map: variant key,
    /// NUL, name key → the same offset.
    fn postings_map(
        &self,
        mut entries: Vec<(u64, u32, u32)>,
        postings: &mut Vec<u32>,
    ) -> Result<(Vec<u8>, Vec<u8>), String> {
        let arena = &self.arena;
        let key = |e: &(u64, u32, u32)| &arena[e.0 as usize..e.0 as usize + e.1 as usize];
        entries.sort_unstable_by(|a, b| key(a).cmp(key(b)).then(a.2.cmp(&b.2)));
        let mut map = fst::MapBuilder::memory();
        // (variant arena offset, length, postings offset)
        let mut var_arena: Vec<u8> = Vec::new();
        let mut var_entries: Vec<(u64, u32, u64)> = Vec::new();
        let mut i = 0;
        while i < entries.len() {
            let k = key(&entries[i]);
            let at = postings.len();
            if let Ok(ks) = std::str::from_utf8(k) {
                for v in crate::normalize::variant_keys(ks) {
                    let off = var_arena.len() as u64;
                    var_arena.extend_from_slice(v.as_bytes());
                    var_arena.push(0);
                    var_arena.extend_from_slice(k);
                    var_entries.push((off, (v.len() + 1 + k.len()) as u32, at as u64));
                }
            }
            postings.push(0);
            let mut last_place = u32::MAX;
            while i < entries.len() && key(&entries[i]) == k {
                let word = entries[i].2;
                if word >> 4 == last_place {
                    if let Some(prev) = postings.last_mut() {
                        *prev |= word & 0xf;
                    }
                } else {
                    postings.push(word);
                    last_place = word >> 4;
                }
                i += 1;
            }
            postings[at] = (postings.len() - at - 1) as u32;
            map.insert(k, at as u64).map_err(|e| e.to_string())?;
        }
        let vkey = |e: &(u64, u32, u64)| &var_arena[e.0 as usize..e.0 as usize + e.1 as usize];
        var_entries.sort_unstable_by(|a, b| vkey(a).cmp(vkey(b)));
        let mut variants = fst::MapBuilder::memory();
        for e in &var_entries {
            variants.insert(vkey(e), e.2).map_err(|e| e.to_string())?;
        }
        Ok((
            map.into_inner().map_err(|e| e.to_string())?,
            variants.into_inner().map_err(|e| e.to_string())?,
        ))
    }

    /// Writes the index (header, then sections) to `w`.
    pub fn write_to<W: std::io::Write + std::io::Seek>(mut self, mut w: W) -> Result<W, String> {
        use std::io::SeekFrom;
        let io = |e: std::io::Error| e.to_string();
        let mut postings: Vec<u32> =
            Vec::with_capacity(self.entries.len() + self.entries.len() / 4);
        let entries = std::mem::take(&mut self.entries);
        let (names, variant_map) = self.postings_map(entries, &mut postings)?;
        // ids
        self.ids.sort_unstable();
        self.ids.dedup_by(|a, b| a.0 == b.0);
        let mut idmap = fst::MapBuilder::memory();
        for (id, i) in &self.ids {
            idmap.insert(id, u64::from(*i)).map_err(|e| e.to_string())?;
        }
        let idmap = idmap.into_inner().map_err(|e| e.to_string())?;
        let mut offsets = std::mem::take(&mut self.offsets);
        offsets.push(self.blob.len() as u64);

        // header placeholder, then the sections with a running CRC
        w.write_all(&[0u8; HEADER_LEN]).map_err(io)?;
        let mut crc = crc32fast::Hasher::new();
        let mut total: u64 = 0;
        let mut section =
            |w: &mut W, parts: &mut dyn Iterator<Item = &[u8]>, len: u64| -> Result<(), String> {
                let l = len.to_le_bytes();
                w.write_all(&l).map_err(io)?;
                crc.update(&l);
                for p in parts {
                    w.write_all(p).map_err(io)?;
                    crc.update(p);
                }
                total += 8 + len;
                Ok(())
            };
        section(
            &mut w,
            &mut std::iter::once(self.meta.as_bytes()),
            self.meta.len() as u64,
        )?;
        let off_bytes: Vec<[u8; 8]> = offsets.iter().map(|o| o.to_le_bytes()).collect();
        section(
            &mut w,
            &mut off_bytes.iter().map(|b| &b[..]),
            off_bytes.len() as u64 * 8,
        )?;
        section(
            &mut w,
            &mut std::iter::once(&self.blob[..]),
            self.blob.len() as u64,
        )?;
        let post_bytes: Vec<[u8; 4]> = postings.iter().map(|o| o.to_le_bytes()).collect();
        section(
            &mut w,
            &mut post_bytes.iter().map(|b| &b[..]),
            post_bytes.len() as u64 * 4,
        )?;
        section(&mut w, &mut std::iter::once(&names[..]), names.len() as u64)?;
        section(&mut w, &mut std::iter::once(&idmap[..]), idmap.len() as u64)?;
        section(
            &mut w,
            &mut std::iter::once(&variant_map[..]),
            variant_map.len() as u64,
        )?;
        let mut header = Vec::with_capacity(HEADER_LEN);
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        header.extend_from_slice(&0u32.to_le_bytes());
        header.extend_from_slice(&crc.finalize().to_le_bytes());
        header.extend_from_slice(&0u32.to_le_bytes());
        header.extend_from_slice(&total.to_le_bytes());
        w.seek(SeekFrom::Start(0)).map_err(io)?;
        w.write_all(&header).map_err(io)?;
        w.seek(SeekFrom::End(0)).map_err(io)?;
        w.flush().map_err(io)?;
        Ok(w)
    }

    /// The index as bytes in memory.
    pub fn finish(self) -> Result<Vec<u8>, String> {
        Ok(self
            .write_to(std::io::Cursor::new(Vec::new()))?
            .into_inner())
    }
}

/// Builds a compiled index from places. `meta` is free `key=value` text
/// (sources, licences) stored in the file.
pub fn build_index(places: &[Place], meta: &str) -> Result<Vec<u8>, String> {
    let mut b = IndexBuilder::new(meta);
    for p in places {
        b.add_place(p)?;
    }
    b.finish()
}

// ---------------------------------------------------------------- reading

/// The bytes behind an index: compiled into the binary or read from a file.
#[derive(Clone)]
pub enum Bytes {
    /// Bytes that live as long as the program (the embedded default).
    Static(&'static [u8]),
    /// Bytes read from a file, memory-mapped, or built in memory.
    Shared(Arc<dyn AsRef<[u8]> + Send + Sync>),
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        match self {
            Bytes::Static(s) => s,
            Bytes::Shared(v) => (**v).as_ref(),
        }
    }
}

/// A range of [`Bytes`], so the fst can own its section without a copy.
#[derive(Clone)]
pub struct Slice {
    bytes: Bytes,
    start: usize,
    end: usize,
}

impl AsRef<[u8]> for Slice {
    fn as_ref(&self) -> &[u8] {
        &self.bytes.as_ref()[self.start..self.end]
    }
}

/// A loaded index.
pub struct Index {
    bytes: Bytes,
    meta: (usize, usize),
    offsets: (usize, usize),
    blob: (usize, usize),
    postings: (usize, usize),
    map: fst::Map<Slice>,
    ids: fst::Map<Slice>,
    variants: fst::Map<Slice>,
    len: usize,
}

/// Where a walk through the name keys stands.
#[derive(Debug, Clone, Copy)]
pub struct Cursor {
    addr: fst::raw::CompiledAddr,
    out: u64,
}

fn read_u64(b: &[u8], at: usize) -> Option<u64> {
    let s = b.get(at..at.checked_add(8)?)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(s);
    Some(u64::from_le_bytes(a))
}

fn read_u32(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    let mut a = [0u8; 4];
    a.copy_from_slice(s);
    Some(u32::from_le_bytes(a))
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn varint(&mut self) -> Result<u64, String> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = *self.b.get(self.at).ok_or("truncated place record")?;
            self.at += 1;
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("bad varint in place record".into())
    }
    fn string(&mut self) -> Result<String, String> {
        let n = usize::try_from(self.varint()?).map_err(|_| "string too long")?;
        let end = self.at.checked_add(n).ok_or("string too long")?;
        let s = self.b.get(self.at..end).ok_or("truncated place record")?;
        self.at = end;
        String::from_utf8(s.to_vec()).map_err(|_| "invalid UTF-8 in place record".to_string())
    }
    fn f64(&mut self) -> Result<f64, String> {
        let v = read_u64(self.b, self.at).ok_or("truncated place record")?;
        self.at += 8;
        Ok(f64::from_bits(v))
    }
}

/// Indexes up to this size are checked node by node when loaded from a file.
const FULL_CHECK_BYTES: usize = 64 << 20;

/// Checks every node reachable from the root of a transducer read from a
/// file before the fst crate decodes any of them: that crate trusts its
/// bytes and panics on a corrupt node (a read out of bounds, an address
/// delta that underflows), and a crafted file can pass both checksums. Each
/// node is checked against the layout fst 0.4 reads (`raw/node.rs`): every
/// byte it will read lies inside the transducer, pack sizes are 1 to 8
/// bytes, every transition points to a lower address (children are written
/// first, so no lookup or stream can loop) and every output is at most
/// `max`, so no sum of outputs along a path (at most one per node) can
/// overflow. One pass over the nodes, without decoding any place.
fn check_fst(f: &fst::raw::Fst<Slice>, max: u64) -> Result<(), String> {
    let data = f.as_bytes();
    // `Fst::new` has checked the 36-byte minimum and read the version here
    let version = read_u64(data, 0).ok_or("truncated transducer")?;
    let bad = |what: &str, addr: usize| format!("corrupt transducer node at {addr}: {what}");
    let uint = |at: usize, n: usize| -> u64 {
        data[at..at + n]
            .iter()
            .enumerate()
            .fold(0u64, |v, (i, &b)| v | (b as u64) << (8 * i))
    };
    // the root address, as `Fst::new` read it (it checks it only when 0)
    let footer = if version <= 2 { 8 } else { 12 };
    let root = read_u64(data, data.len() - footer).ok_or("truncated transducer")?;
    let root = usize::try_from(root).map_err(|_| "bad transducer root")?;
    let mut seen = vec![0u64; data.len() / 64 + 1];
    let mut stack = vec![root];
    let mut nodes = 0u64;
    // positions of the transition address deltas and of the outputs
    let mut deltas: Vec<usize> = Vec::new();
    let mut outputs: Vec<usize> = Vec::new();
    while let Some(addr) = stack.pop() {
        if addr == 0 {
            continue; // the empty final node: nothing is read
        }
        if addr >= data.len() {
            return Err(bad("address past the end", addr));
        }
        if seen[addr / 64] & (1 << (addr % 64)) != 0 {
            continue;
        }
        seen[addr / 64] |= 1 << (addr % 64);
        nodes += 1;
        let state = data[addr];
        deltas.clear();
        outputs.clear();
        // the node's lowest byte, the sizes of its addresses and outputs
        let (end, tsize, osize);
        match state >> 6 {
            0b11 => {
                // one transition to the node just before this one
                let input_len = usize::from(state & 0x3f == 0);
                end = addr
                    .checked_sub(input_len)
                    .filter(|&e| e >= 1)
                    .ok_or_else(|| bad("too short", addr))?;
                stack.push(end - 1);
                continue;
            }
            0b10 => {
                let input_len = usize::from(state & 0x3f == 0);
                let sizes_at = addr
                    .checked_sub(input_len + 1)
                    .ok_or_else(|| bad("too short", addr))?;
                tsize = (data[sizes_at] >> 4) as usize;
                osize = (data[sizes_at] & 0x0f) as usize;
                if !(1..=8).contains(&tsize) || osize > 8 {
                    return Err(bad("pack size", addr));
                }
                end = sizes_at
                    .checked_sub(tsize + osize)
                    .ok_or_else(|| bad("too short", addr))?;
                deltas.push(sizes_at - tsize);
                if osize > 0 {
                    outputs.push(end);
                }
            }
            _ => {
                let is_final = state & 0x40 != 0;
                let (ntrans, ntrans_len) = match (state & 0x3f) as usize {
                    0 => match data[addr - 1] {
                        1 => (256, 1),
                        n => (n as usize, 1),
                    },
                    n => (n, 0),
                };
                let sizes_at = addr
                    .checked_sub(ntrans_len + 1)
                    .ok_or_else(|| bad("too short", addr))?;
                tsize = (data[sizes_at] >> 4) as usize;
                osize = (data[sizes_at] & 0x0f) as usize;
                if (ntrans > 0 && tsize == 0) || tsize > 8 || osize > 8 {
                    return Err(bad("pack size", addr));
                }
                let index = if version >= 2 && ntrans > 32 { 256 } else { 0 };
                let final_osize = if is_final { osize } else { 0 };
                let span = index + ntrans * (1 + tsize + osize) + final_osize;
                end = sizes_at
                    .checked_sub(span)
                    .ok_or_else(|| bad("too short", addr))?;
                let trans_at = sizes_at - index - ntrans;
                for i in 0..ntrans {
                    deltas.push(trans_at - (i + 1) * tsize);
                }
                if osize > 0 {
                    let out_at = trans_at - ntrans * tsize;
                    for i in 0..ntrans {
                        outputs.push(out_at - (i + 1) * osize);
                    }
                    if is_final {
                        outputs.push(end);
                    }
                }
            }
        }
        for &at in &outputs {
            if uint(at, osize) > max {
                return Err(bad("output out of range", addr));
            }
        }
        for &at in &deltas {
            // the fst crate subtracts the delta from the node's end
            match usize::try_from(uint(at, tsize)) {
                Ok(0) => {}
                Ok(d) if d <= end => stack.push(end - d),
                _ => return Err(bad("transition address out of range", addr)),
            }
        }
    }
    // a path visits each node at most once (addresses fall): its outputs
    // sum to at most (nodes + 1) * max
    (nodes + 1)
        .checked_mul(max)
        .map(|_| ())
        .ok_or_else(|| "transducer outputs too large".to_string())
}

impl Index {
    /// Loads an index compiled into the program. The checksum is not
    /// verified (the bytes were checked when they were built).
    pub fn from_static(bytes: &'static [u8]) -> Result<Index, String> {
        Index::open(Bytes::Static(bytes), false)
    }

    /// Loads an index from bytes read from a file, verifying the checksum.
    pub fn from_vec(bytes: Vec<u8>) -> Result<Index, String> {
        Index::open(Bytes::Shared(Arc::new(bytes)), true)
    }

    /// Loads an index from shared bytes (a memory map), verifying the checksum.
    pub fn from_shared(bytes: Arc<dyn AsRef<[u8]> + Send + Sync>) -> Result<Index, String> {
        Index::open(Bytes::Shared(bytes), true)
    }

    fn open(bytes: Bytes, verify: bool) -> Result<Index, String> {
        let b = bytes.as_ref();
        if b.len() < HEADER_LEN || &b[..8] != MAGIC {
            return Err("not a geomention index (bad magic)".into());
        }
        let version = read_u32(b, 8).ok_or("truncated header")?;
        if version != FORMAT_VERSION {
            return Err(format!(
                "index format version {version}, this geomention reads version {FORMAT_VERSION}: rebuild it with `geomention gazetteer build`"
            ));
        }
        let crc = read_u32(b, 16).ok_or("truncated header")?;
        let plen = read_u64(b, 24).ok_or("truncated header")?;
        let payload_len = usize::try_from(plen).map_err(|_| "payload too large")?;
        if b.len() - HEADER_LEN != payload_len {
            return Err(format!(
                "index truncated or padded: header says {} payload bytes, file has {}",
                payload_len,
                b.len() - HEADER_LEN
            ));
        }
        if verify && crc32fast::hash(&b[HEADER_LEN..]) != crc {
            return Err("index checksum mismatch: the file is corrupt".into());
        }
        let mut at = HEADER_LEN;
        let mut sections = [(0usize, 0usize); 7];
        for s in sections.iter_mut() {
            let len = read_u64(b, at).ok_or("truncated section header")?;
            let len = usize::try_from(len).map_err(|_| "section too large")?;
            let start = at + 8;
            let end = start.checked_add(len).ok_or("section too large")?;
            if end > b.len() {
                return Err("section runs past the end of the index".into());
            }
            *s = (start, end);
            at = end;
        }
        let [meta, offsets, blob, postings, map_sec, id_sec, var_sec] = sections;
        if std::str::from_utf8(&b[meta.0..meta.1]).is_err() {
            return Err("index metadata is not UTF-8".into());
        }
        let n_off = (offsets.1 - offsets.0) / 8;
        if n_off == 0 || (offsets.1 - offsets.0) % 8 != 0 || (postings.1 - postings.0) % 4 != 0 {
            return Err("index sections have bad sizes".into());
        }
        let len = n_off - 1;
        let slice = Slice {
            bytes: bytes.clone(),
            start: map_sec.0,
            end: map_sec.1,
        };
        let map = fst::Map::new(slice).map_err(|e| format!("bad name index: {e}"))?;
        let id_slice = Slice {
            bytes: bytes.clone(),
            start: id_sec.0,
            end: id_sec.1,
        };
        let ids = fst::Map::new(id_slice).map_err(|e| format!("bad id index: {e}"))?;
        let var_slice = Slice {
            bytes: bytes.clone(),
            start: var_sec.0,
            end: var_sec.1,
        };
        let variants = fst::Map::new(var_slice).map_err(|e| format!("bad variant index: {e}"))?;
        if verify {
            // the fst crate panics on a corrupt transducer: check each one's
            // own checksum too (an edit that fixed up only the header CRC),
            // then walk its nodes (a file crafted to pass both checksums)
            let words = ((postings.1 - postings.0) / 4) as u64;
            for (what, f, max) in [
                ("name", &map, words),
                ("id", &ids, len as u64),
                ("variant", &variants, words),
            ] {
                f.as_fst()
                    .verify()
                    .map_err(|e| format!("bad {what} index: {e}"))?;
                // The walk visits every node (a first version took 1.3 s on
                // a 12-million-name index, against 0.25 s for the rest of
                // loading). Large files rely on the two checksums; small ones
                // (places lists, country extracts, anything a fuzzer crafts)
                // are walked.
                if b.len() <= FULL_CHECK_BYTES {
                    check_fst(f.as_fst(), max).map_err(|e| format!("bad {what} index: {e}"))?;
                }
            }
        }
        Ok(Index {
            bytes,
            meta,
            offsets,
            blob,
            postings,
            map,
            ids,
            variants,
            len,
        })
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the index holds no place.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Number of distinct name keys.
    pub fn key_count(&self) -> usize {
        self.map.len()
    }

    /// The metadata text.
    pub fn meta(&self) -> &str {
        let b = &self.bytes.as_ref()[self.meta.0..self.meta.1];
        std::str::from_utf8(b).unwrap_or("")
    }

    /// Size of the index in bytes.
    pub fn byte_len(&self) -> usize {
        self.bytes.as_ref().len()
    }

    /// Decodes place `i` with its alternate names.
    pub fn place(&self, i: u32) -> Result<Place, String> {
        self.decode_place(i, true)
    }

    /// Decodes place `i` without its alternate names (faster: what a
    /// candidate needs).
    pub fn place_core(&self, i: u32) -> Result<Place, String> {
        self.decode_place(i, false)
    }

    fn decode_place(&self, i: u32, with_alternates: bool) -> Result<Place, String> {
        let b = self.bytes.as_ref();
        let i = i as usize;
        if i >= self.len {
            return Err(format!("place {i} out of range"));
        }
        let at = self.offsets.0 + i * 8;
        let start = read_u64(b, at).ok_or("bad offset")? as usize;
        let end = read_u64(b, at + 8).ok_or("bad offset")? as usize;
        let blob = &b[self.blob.0..self.blob.1];
        let rec = blob
            .get(start..end)
            .ok_or_else(|| format!("place {i} lies outside the index"))?;
        let mut r = Reader { b: rec, at: 0 };
        let mut p = Place {
            id: r.string()?,
            name: r.string()?,
            ascii_name: r.string()?,
            lat: r.f64()?,
            lon: r.f64()?,
            feature_class: r.string()?,
            feature_code: r.string()?,
            country_code: r.string()?,
            admin1_code: r.string()?,
            admin1: r.string()?,
            population: r.varint()?,
            alternate_names: Vec::new(),
            same_as: Vec::new(),
        };
        if !(p.lat.is_finite() && p.lon.is_finite() && p.lat.abs() <= 90.0 && p.lon.abs() <= 180.0)
        {
            return Err(format!("place {i} has coordinates out of range"));
        }
        if with_alternates {
            let n_alt = r.varint()?;
            for _ in 0..n_alt {
                p.alternate_names.push(r.string()?);
            }
        }
        Ok(p)
    }

    /// The postings list that starts at word `offset` (a value of the map).
    pub fn postings(&self, offset: u64) -> Vec<Posting> {
        let b = &self.bytes.as_ref()[self.postings.0..self.postings.1];
        let Ok(off) = usize::try_from(offset) else {
            return Vec::new();
        };
        let Some(count) = off.checked_mul(4).and_then(|at| read_u32(b, at)) else {
            return Vec::new();
        };
        // a corrupt count must not loop over billions of absent words
        let count = (count as usize).min((b.len() / 4).saturating_sub(off + 1));
        (0..count)
            .filter_map(|k| read_u32(b, (off + 1 + k) * 4))
            .map(|w| Posting {
                place: w >> 4,
                flags: (w & 0xf) as u8,
            })
            .filter(|p| (p.place as usize) < self.len)
            .collect()
    }

    /// The place with this id.
    pub fn find_id(&self, id: &str) -> Option<u32> {
        self.ids
            .get(id)
            .and_then(|v| u32::try_from(v).ok())
            .filter(|&i| (i as usize) < self.len)
    }

    /// The distinct name keys of a variant key (`normalize::variant_key`),
    /// each with the offset of its postings list (for [`Index::postings`]).
    pub fn variant_names(&self, vkey: &str) -> Vec<(String, u64)> {
        use fst::{IntoStreamer, Streamer};
        let mut lo = vkey.as_bytes().to_vec();
        lo.push(0);
        let mut hi = vkey.as_bytes().to_vec();
        hi.push(1);
        let mut out = Vec::new();
        let mut s = self.variants.range().ge(&lo).lt(&hi).into_stream();
        while let Some((k, v)) = s.next() {
            if let Ok(name) = std::str::from_utf8(&k[lo.len()..]) {
                out.push((name.to_string(), v));
            }
        }
        out
    }

    /// Candidates of a variant key: the places of all its names, each once
    /// (flags merged), in place order.
    pub fn lookup_variant(&self, vkey: &str) -> Vec<Posting> {
        let mut all: Vec<Posting> = self
            .variant_names(vkey)
            .into_iter()
            .flat_map(|(_, off)| self.postings(off))
            .collect();
        all.sort_unstable_by_key(|p| p.place);
        let mut out: Vec<Posting> = Vec::with_capacity(all.len());
        for p in all {
            match out.last_mut() {
                Some(last) if last.place == p.place => last.flags |= p.flags,
                _ => out.push(p),
            }
        }
        out
    }

    /// Number of places a variant key names (without decoding them).
    pub fn variant_count(&self, vkey: &str) -> usize {
        self.lookup_variant(vkey).len()
    }

    /// Candidates of an exact key.
    pub fn lookup(&self, key: &str) -> Vec<Posting> {
        match self.map.get(key.as_bytes()) {
            Some(off) => self.postings(off),
            None => Vec::new(),
        }
    }

    /// Every key with its postings offset, in order (for inspection tools).
    pub fn keys_with_prefix(&self, prefix: &str, limit: usize) -> Vec<(String, u64)> {
        use fst::{IntoStreamer, Streamer};
        let mut out = Vec::new();
        let mut upper = prefix.as_bytes().to_vec();
        upper.push(0xff);
        let mut s = self.map.range().ge(prefix).lt(upper).into_stream();
        while let Some((k, v)) = s.next() {
            out.push((String::from_utf8_lossy(k).into_owned(), v));
            if out.len() >= limit {
                break;
            }
        }
        out
    }

    /// A cursor at the start of every key.
    pub fn start(&self) -> Cursor {
        Cursor {
            addr: self.map.as_fst().root().addr(),
            out: 0,
        }
    }

    /// Advances the cursor over `input`; false when no key continues so.
    pub fn feed(&self, cur: &mut Cursor, input: &[u8]) -> bool {
        let fst = self.map.as_fst();
        let mut node = fst.node(cur.addr);
        let mut out = cur.out;
        for &byte in input {
            match node.find_input(byte) {
                Some(i) => {
                    let t = node.transition(i);
                    out += t.out.value();
                    node = fst.node(t.addr);
                }
                None => return false,
            }
        }
        cur.addr = node.addr();
        cur.out = out;
        true
    }

    /// The postings offset when the cursor stands at the end of a key.
    pub fn value_at(&self, cur: &Cursor) -> Option<u64> {
        let node = self.map.as_fst().node(cur.addr);
        if node.is_final() {
            Some(cur.out + node.final_output().value())
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Place> {
        vec![
            Place {
                id: "t:1".into(),
                name: "Baghdad".into(),
                alternate_names: vec!["Bagdad".into(), "BGW".into()],
                lat: 33.34,
                lon: 44.4,
                feature_class: "P".into(),
                feature_code: "PPLC".into(),
                country_code: "IQ".into(),
                population: 7_000_000,
                ..Place::default()
            },
            Place {
                id: "t:2".into(),
                name: "Jarf-al-Sakhar".into(),
                lat: 32.85,
                lon: 44.18,
                ..Place::default()
            },
        ]
    }

    #[test]
    fn round_trip() {
        let places = sample();
        let bytes = build_index(&places, "source=test\n").unwrap();
        let idx = Index::from_vec(bytes).unwrap();
        assert_eq!(idx.len(), 2);
        assert_eq!(idx.meta(), "source=test\n");
        assert_eq!(idx.place(0).unwrap(), places[0]);
        assert_eq!(idx.place(1).unwrap(), places[1]);
        let hits = idx.lookup("jarf al sakhar");
        assert_eq!(
            hits,
            vec![Posting {
                place: 1,
                flags: FLAG_PRIMARY
            }]
        );
        assert_eq!(idx.lookup("bgw")[0].flags, FLAG_ABBREV);
        assert!(idx.lookup("nowhere").is_empty());
    }

    #[test]
    fn walk_word_by_word() {
        let idx = Index::from_vec(build_index(&sample(), "").unwrap()).unwrap();
        let mut c = idx.start();
        assert!(idx.feed(&mut c, b"jarf"));
        assert!(idx.value_at(&c).is_none());
        assert!(idx.feed(&mut c, b" al sakhar"));
        let v = idx.value_at(&c).unwrap();
        assert_eq!(idx.postings(v)[0].place, 1);
        let mut d = idx.start();
        assert!(!idx.feed(&mut d, b"jarfx"));
    }

    #[test]
    fn corrupt_files_are_refused() {
        let good = build_index(&sample(), "").unwrap();
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("empty", vec![]),
            ("bad magic", b"NOTANIDX".repeat(8)),
            ("truncated", good[..good.len() - 10].to_vec()),
            ("flipped byte", {
                let mut v = good.clone();
                let n = v.len() / 2;
                v[n] ^= 0x55;
                v
            }),
            ("wrong version", {
                let mut v = good.clone();
                v[8] = 99;
                v
            }),
        ];
        for (name, bytes) in cases {
            assert!(Index::from_vec(bytes).is_err(), "{name} was accepted");
        }
    }

    /// Recomputes the header checksum, as a crafted file would.
    fn fix_crc(v: &mut [u8]) {
        let crc = crc32fast::hash(&v[HEADER_LEN..]);
        v[16..20].copy_from_slice(&crc.to_le_bytes());
    }

    // fuzz (index_loader): a corrupt name fst behind a valid header CRC made
    // the fst crate panic on the first lookup
    #[test]
    fn a_corrupt_fst_behind_a_valid_crc_is_refused() {
        let good = build_index(&sample(), "").unwrap();
        let idx = Index::from_vec(good.clone()).unwrap();
        let sl = idx.map.as_fst().as_inner();
        let (start, end) = (sl.start, sl.end);
        drop(idx);
        for at in start..end {
            let mut v = good.clone();
            v[at] ^= 0x40;
            fix_crc(&mut v);
            if let Ok(ix) = Index::from_vec(v) {
                let _ = ix.lookup("baghdad");
                let _ = ix.keys_with_prefix("", 10);
            }
        }
    }

    // a postings count far beyond the section is cut to what is there
    #[test]
    fn a_huge_postings_count_is_bounded() {
        let mut v = build_index(&sample(), "").unwrap();
        let idx = Index::from_vec(v.clone()).unwrap();
        let off = idx.map.get("baghdad").unwrap() as usize;
        let at = idx.postings.0 + off * 4;
        drop(idx);
        v[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        fix_crc(&mut v);
        let idx = Index::from_vec(v).unwrap();
        let n = idx.lookup("baghdad").len();
        assert!(n <= (idx.postings.1 - idx.postings.0) / 4, "{n}");
    }
}
