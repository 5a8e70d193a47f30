//! Compiles the embedded default gazetteer (`gazetteer/places.tsv.gz`) into
//! the binary index format and the common-word list into an fst set, so the
//! program does no parsing at start-up. The reader and the index writer are
//! the library's own modules, included here by path.

#[allow(dead_code)]
#[path = "src/normalize.rs"]
mod normalize;

#[allow(dead_code)]
#[path = "src/gazetteer/place.rs"]
mod place;

#[allow(dead_code)]
#[path = "src/gazetteer/tabular.rs"]
mod tabular;

#[allow(dead_code)]
#[path = "src/gazetteer/index.rs"]
mod index;

use std::io::Read;
use std::path::Path;

/// The curated short names of `gazetteer/short-names.tsv` (id, name, why),
/// added to the alternate names of their places.
fn add_short_names(places: &mut [place::Place]) {
    let list = std::fs::read_to_string("gazetteer/short-names.tsv").unwrap_or_default();
    for (n, line) in list.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut f = line.split('\t');
        let (Some(id), Some(name)) = (f.next(), f.next()) else {
            panic!(
                "gazetteer/short-names.tsv line {}: expected id<TAB>name<TAB>why",
                n + 1
            );
        };
        match places.iter_mut().find(|p| p.id == id) {
            Some(p) => p.alternate_names.push(name.to_string()),
            None => panic!("gazetteer/short-names.tsv line {}: no place {id}", n + 1),
        }
    }
}

fn main() {
    for f in [
        "gazetteer/places.tsv.gz",
        "gazetteer/short-names.tsv",
        "gazetteer/common-words.txt.gz",
        "src/normalize.rs",
        "src/gazetteer/place.rs",
        "src/gazetteer/tabular.rs",
        "src/gazetteer/index.rs",
    ] {
        println!("cargo:rerun-if-changed={f}");
    }
    let out = std::env::var("OUT_DIR").expect("OUT_DIR is set by cargo");
    let out = Path::new(&out);

    let places_path = Path::new("gazetteer/places.tsv.gz");
    let (index_bytes, demonym_bytes) = if places_path.exists() {
        let file = std::fs::File::open(places_path).expect("open gazetteer/places.tsv.gz");
        let gz = flate2::read::GzDecoder::new(std::io::BufReader::new(file));
        let mut places = tabular::read_places(gz, b'\t', "default")
            .unwrap_or_else(|e| panic!("gazetteer/places.tsv.gz line {}: {}", e.line, e.message));
        add_short_names(&mut places);
        let meta = std::fs::read_to_string("gazetteer/META.txt").unwrap_or_default();
        let index = index::build_index(&places, &meta).expect("build the embedded index");
        (index, demonym_index(&places))
    } else {
        println!(
            "cargo:warning=gazetteer/places.tsv.gz is missing: the binary has no default gazetteer"
        );
        (Vec::new(), Vec::new())
    };
    println!("cargo:rerun-if-changed=gazetteer/META.txt");
    println!("cargo:rerun-if-changed=gazetteer/demonyms.tsv.gz");
    std::fs::write(out.join("default.gmi"), index_bytes).expect("write default.gmi");
    std::fs::write(out.join("demonyms.gmi"), demonym_bytes).expect("write demonyms.gmi");

    let mut words = String::new();
    if let Ok(f) = std::fs::File::open("gazetteer/common-words.txt.gz") {
        flate2::read::GzDecoder::new(f)
            .read_to_string(&mut words)
            .expect("read common-words.txt.gz");
    }
    let mut list: Vec<&str> = words
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .collect();
    list.sort_unstable();
    list.dedup();
    let set = fst::Set::from_iter(list).expect("build the common-word set");
    std::fs::write(out.join("common-words.fst"), set.as_fst().as_bytes()).expect("write fst");

    // every dictionary word, folded (proper nouns too)
    folded_word_set("dictionary-words", out, false);
    // given names (1990 US Census), folded
    folded_word_set("given-names", out, false);
    // given names of one gender (1990 US Census shares, Faker), folded
    folded_word_set("male-names", out, false);
    folded_word_set("female-names", out, false);
    // organisation names (Factbook terrorist groups), folded, several words
    folded_word_set("organisations", out, true);

    println!("cargo:rerun-if-changed=gazetteer/shapes.tsv.gz");
    std::fs::write(out.join("extents.rs"), extents_source()).expect("write extents.rs");
}

/// `gazetteer/NAME.txt.gz` (one word or name per line) as an fst set of
/// folded keys, written to `OUT_DIR/NAME.fst`: one-word keys only, or
/// names of any number of words when `multi_word`.
fn folded_word_set(name: &str, out: &Path, multi_word: bool) {
    let path = format!("gazetteer/{name}.txt.gz");
    println!("cargo:rerun-if-changed={path}");
    let mut text = String::new();
    if let Ok(f) = std::fs::File::open(&path) {
        flate2::read::GzDecoder::new(f)
            .read_to_string(&mut text)
            .unwrap_or_else(|e| panic!("read {path}: {e}"));
    }
    let mut keys: Vec<String> = text
        .lines()
        .map(normalize::fold)
        .filter(|k| !k.is_empty() && (multi_word || !k.contains(' ')))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let set = fst::Set::from_iter(keys).unwrap_or_else(|e| panic!("build the {name} set: {e}"));
    std::fs::write(out.join(format!("{name}.fst")), set.as_fst().as_bytes())
        .unwrap_or_else(|e| panic!("write {name}.fst: {e}"));
}

/// The size of every outline in `gazetteer/shapes.tsv.gz`, as the radius in
/// km of the circle of the same area (outer rings of every part, planar
/// with the longitude scaled by the cosine of the ring's mean latitude), as
/// Rust source: a slice of `(place id, km)` sorted by id.
fn extents_source() -> String {
    let mut text = String::new();
    if let Ok(f) = std::fs::File::open("gazetteer/shapes.tsv.gz") {
        flate2::read::GzDecoder::new(f)
            .read_to_string(&mut text)
            .expect("read shapes.tsv.gz");
    }
    let mut rows: Vec<(&str, f64)> = Vec::new();
    for line in text.lines().skip(1) {
        let Some((id, geometry)) = line.split_once('\t') else {
            continue;
        };
        let g: serde_json::Value = serde_json::from_str(geometry).expect("a shape is GeoJSON");
        let polygons: Vec<&serde_json::Value> = match g["type"].as_str() {
            Some("Polygon") => vec![&g["coordinates"]],
            Some("MultiPolygon") => g["coordinates"]
                .as_array()
                .map(|a| a.iter().collect())
                .unwrap_or_default(),
            _ => continue,
        };
        let mut area = 0.0;
        for poly in polygons {
            let ring: Vec<(f64, f64)> = poly[0]
                .as_array()
                .map(|r| {
                    r.iter()
                        .filter_map(|p| Some((p[0].as_f64()?, p[1].as_f64()?)))
                        .collect()
                })
                .unwrap_or_default();
            if ring.len() < 3 {
                continue;
            }
            let lat0 = ring.iter().map(|p| p.1).sum::<f64>() / ring.len() as f64;
            let (kx, ky) = (111.32 * lat0.to_radians().cos(), 110.57);
            let mut twice = 0.0;
            for (i, a) in ring.iter().enumerate() {
                let b = ring[(i + 1) % ring.len()];
                twice += a.0 * kx * b.1 * ky - b.0 * kx * a.1 * ky;
            }
            area += twice.abs() / 2.0;
        }
        rows.push((id, (area / std::f64::consts::PI).sqrt()));
    }
    rows.sort_by(|a, b| a.0.cmp(b.0));
    rows.dedup_by(|a, b| a.0 == b.0);
    let mut src = String::from("/// (place id, equal-area radius in km), sorted by id.\n");
    src.push_str("pub(crate) static EXTENTS: &[(&str, f32)] = &[\n");
    for (id, r) in rows {
        src.push_str(&format!("    ({id:?}, {r:.1}),\n"));
    }
    src.push_str("];\n");
    src
}

/// The optional demonym layer: each country keyed by its demonyms
/// (`gazetteer/demonyms.tsv.gz`: `demonym<TAB>place_id`).
fn demonym_index(places: &[place::Place]) -> Vec<u8> {
    let mut text = String::new();
    match std::fs::File::open("gazetteer/demonyms.tsv.gz") {
        Ok(f) => {
            flate2::read::GzDecoder::new(f)
                .read_to_string(&mut text)
                .expect("read demonyms.tsv.gz");
        }
        Err(_) => return Vec::new(),
    }
    let mut by_id: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for line in text.lines().skip(1) {
        if let Some((d, id)) = line.split_once('\t') {
            by_id.entry(id.trim()).or_default().push(d.trim());
        }
    }
    let mut b = index::IndexBuilder::new(
        "source=gazetteer/demonyms.tsv.gz (CIA World Factbook nationalities)\n",
    );
    for p in places {
        if let Some(names) = by_id.get(p.id.as_str()) {
            b.add_place_keyed_by(p, names).expect("add a demonym");
        }
    }
    b.finish().expect("build the demonym index")
}
