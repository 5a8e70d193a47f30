//! Step 3 of the pipeline: spotting — finding the words of the text that are
//! names in the gazetteer.
//!
//! The text's tokens are walked through each layer's name transducer word by
//! word; at each start the longest name wins (`Salah ad-Din` over `Salah`).
//! Matching is case-, diacritic-, apostrophe- and hyphen-insensitive because
//! both sides are folded the same way ([`crate::normalize::fold`]).
//!
//! Then rules remove what is a name but not a place here: words in lowercase,
//! acronyms that the gazetteer does not list as abbreviations ("ISIS"),
//! common English words in capitals ("Home", "News", "Exit"), names inside
//! organisation names ("The New York Times", "Qods Force", "Al-Jazeera TV"),
//! and people's names ("Nouri al-Maliki", "Defense Minister Dehqan"; once a
//! name is a person in a document, it is a person everywhere in it).
//!
//! Variant and fuzzy matching plug in as further [`MatchKind`]s: a matcher
//! that proposes spans with candidates and a similarity, filtered by the same rules.

pub mod people;
pub mod variant;

use crate::gazetteer::index::{Cursor, FLAG_ABBREV, FLAG_PRIMARY};
use crate::gazetteer::{Gazetteer, Place, PlaceRef};
use crate::text::{Sep, Token};
use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

/// How a mention's text matched a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    /// Same letters, ignoring case, diacritics, apostrophes and hyphens.
    Exact,
    /// The same name but for articles, spaces or hyphens (`Ar-Ramadi` / `Ramadi`).
    Normalized,
    /// A transliteration variant (`Khaneqain` / `Khanaqin`), confirmed by similarity.
    Variant,
    /// A demonym of the place ("Iraqi" for Iraq), only with `--demonyms`.
    Demonym,
}

impl MatchKind {
    /// The name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Exact => "exact",
            MatchKind::Normalized => "normalized",
            MatchKind::Variant => "variant",
            MatchKind::Demonym => "demonym",
        }
    }
}

/// A span of the text that names one or more candidate places.
#[derive(Debug, Clone)]
pub struct Spot {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// Byte offsets into the text.
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
    /// The candidates, deduplicated by id (shared with the gazetteer's
    /// cache of decoded candidates: cloning a spot copies no place).
    pub candidates: Vec<(PlaceRef, Arc<Place>)>,
    /// How it matched.
    pub kind: MatchKind,
    /// Similarity of the surface to the name, 0–1 (the best candidate's).
    pub similarity: f64,
    /// Similarity of the surface to each candidate's matching name.
    pub sims: Vec<f64>,
}

/// Words of direction that open a region's name ("West Wales").
const COMPASS_WORDS: &[&str] = &[
    "central", "east", "eastern", "greater", "inner", "lower", "north", "northern", "outer",
    "south", "southern", "upper", "west", "western",
];

/// News agencies a dateline names after its city ("GAZA (Reuters) -"),
/// sorted.
const NEWS_AGENCIES: &[&str] = &[
    "afp",
    "ani",
    "ap",
    "bloomberg",
    "cnn",
    "dpa",
    "efe",
    "ians",
    "irna",
    "reuters",
    "sana",
    "upi",
    "xinhua",
];

/// Shortest word in capitals taken as a name rather than an acronym.
const MIN_CAPS_WORD: usize = 5;

/// Longest name in tokens.
const MAX_TOKENS: usize = 10;

/// Words that, written with a capital right after a name, make it part of an
/// organisation's name ("The New York Times", "Qods Force").
pub(crate) const ORG_HEADS: &[&str] = &[
    "times",
    "post",
    "force",
    "forces",
    "tv",
    "television",
    "radio",
    "news",
    "herald",
    "tribune",
    "journal",
    "gazette",
    "telegraph",
    "observer",
    "chronicle",
    "daily",
    "magazine",
    "press",
    "council",
    "party",
    "army",
    "navy",
    "guard",
    "guards",
    "brigade",
    "brigades",
    "corps",
    "company",
    "corporation",
    "corp",
    "inc",
    "ltd",
    "llc",
    "bank",
    "airlines",
    "airways",
    "network",
    "group",
    "foundation",
    "association",
    "committee",
    "commission",
    "movement",
    "front",
    "organization",
    "organisation",
    "agency",
    "ministry",
    "media",
    "sun",
    "star",
    "examiner",
    "review",
    "weekly",
    "broadcasting",
    "channel",
    "united",
    "league",
    "federation",
    "union",
    "society",
    "trust",
    "fund",
    // events named after a place of their own ("Olympic Games",
    // "Commonwealth Games")
    "games",
];

/// Words that, written with a capital right after a place name, make it the
/// name of a local institution ("Paris Police Department", "Cincinnati
/// Hospital"): unlike a newspaper or an armed group named after a city, such
/// an institution is in the place, so the place is kept.
pub(crate) const LOCAL_HEADS: &[&str] = &[
    "police",
    "sheriff",
    "fire",
    "university",
    "college",
    "institute",
    "school",
    "schools",
    "academy",
    "hospital",
    "clinic",
    "church",
    "cathedral",
    "mosque",
    "museum",
    "library",
    "zoo",
    "club",
    "fc",
    "high",
    "elementary",
    "middle",
];

/// Words before "of" that make the following name part of an organisation
/// not located there ("Bank of America", "Association of Southeast Asian
/// Nations"); "University of Baghdad" is in Baghdad and keeps its place.
pub(crate) const ORG_OF: &[&str] = &["bank", "association"];

/// Titles before a name that make it a person's ("Minister Dehqan").
pub(crate) const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "president",
    "minister",
    "secretary",
    "senator",
    "sen",
    "rep",
    "representative",
    "gov",
    "governor",
    "general",
    "gen",
    "lt",
    "col",
    "colonel",
    "capt",
    "captain",
    "sgt",
    "sergeant",
    "major",
    "maj",
    "adm",
    "admiral",
    "ayatollah",
    "sheikh",
    "shaikh",
    "imam",
    "mullah",
    "cleric",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "judge",
    "justice",
    "mayor",
    "chairman",
    "commander",
    "prof",
    "professor",
    "rev",
    "reverend",
    "father",
    "sister",
    "lord",
    "lady",
    "sir",
    "emir",
    "sultan",
    "chancellor",
    "premier",
    "spokesman",
    "spokeswoman",
    "officer",
    "coach",
    "director",
    "chief",
    "ambassador",
    "lawmaker",
    "mp",
    "deputy",
    "councilman",
    "councilwoman",
    "sheriff",
    "detective",
    "agent",
    "attorney",
    // religious titles
    "archbishop",
    "bishop",
    "cardinal",
    "patriarch",
    "catholicos",
    "rabbi",
    "pastor",
    "deacon",
    "monsignor",
    "abbot",
    "holiness",
];

/// Particles of Arabic and other names that join a given name to a family
/// name ("Nouri al-Maliki", "Osama bin Laden").
pub(crate) const NAME_PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "abu", "ben", "van", "von", "de", "da",
];

/// Words that may follow a place name with a capital without making it a
/// person's name ("Diyala Province", "Baghdad Governorate").
pub(crate) const PLACE_WORDS: &[&str] = &[
    "province",
    "provinces",
    "governorate",
    "governorates",
    "state",
    "city",
    "county",
    "district",
    "region",
    "river",
    "valley",
    "mountains",
    "mountain",
    "lake",
    "island",
    "islands",
    "bay",
    "sea",
    "gulf",
    "airport",
    "street",
    "road",
    "square",
    "bridge",
    "dam",
    "desert",
    "plain",
    "peninsula",
    "coast",
    "basin",
    "border",
    "strip",
    "oblast",
    "prefecture",
    "department",
    "territory",
    "municipality",
    "township",
    "borough",
    "parish",
    "village",
    "town",
    "camp",
    "base",
    "port",
    "harbor",
    "harbour",
    "canal",
    "strait",
    "north",
    "south",
    "east",
    "west",
    "central",
];

static COMMON_WORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/common-words.fst"));

type WordSet = fst::Set<&'static [u8]>;

/// An embedded fst set, opened once (`None` if the build wrote no valid set).
fn word_set(
    cell: &'static OnceLock<Option<WordSet>>,
    bytes: &'static [u8],
) -> Option<&'static WordSet> {
    cell.get_or_init(|| fst::Set::new(bytes).ok()).as_ref()
}

fn common_words() -> Option<&'static WordSet> {
    static SET: OnceLock<Option<WordSet>> = OnceLock::new();
    word_set(&SET, COMMON_WORDS)
}

static DICTIONARY_WORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/dictionary-words.fst"));

/// True when `key` (folded, one word) is a word of the English dictionary,
/// proper nouns included ("october", "sunni", "american").
pub fn is_dictionary_word(key: &str) -> bool {
    static SET: OnceLock<Option<WordSet>> = OnceLock::new();
    let Some(set) = word_set(&SET, DICTIONARY_WORDS) else {
        return false;
    };
    // plurals too ("sunnis", "shiites")
    set.contains(key) || key.len() > 3 && key.strip_suffix('s').is_some_and(|k| set.contains(k))
}

static GIVEN_NAMES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/given-names.fst"));

/// True when `key` (folded, one word) is a given name of the 1990 US Census
/// lists or of Faker's English, British and Irish first names ("elizabeth",
/// "matthew", "conor"; `gazetteer/given-names.txt.gz`).
pub fn is_given_name(key: &str) -> bool {
    static SET: OnceLock<Option<WordSet>> = OnceLock::new();
    word_set(&SET, GIVEN_NAMES).is_some_and(|s| s.contains(key))
}

static MALE_NAMES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/male-names.fst"));
static FEMALE_NAMES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/female-names.fst"));

/// The gender of a given name (folded, one word) when the 1990 US Census
/// shares or Faker's lists give it one: `Some(true)` for a woman's name
/// ("fatima", "hillary"), `Some(false)` for a man's ("ahmed", "john"),
/// `None` otherwise ("jordan"; `gazetteer/male-names.txt.gz`,
/// `gazetteer/female-names.txt.gz`).
pub fn given_name_is_female(key: &str) -> Option<bool> {
    static MALE: OnceLock<Option<WordSet>> = OnceLock::new();
    static FEMALE: OnceLock<Option<WordSet>> = OnceLock::new();
    if word_set(&FEMALE, FEMALE_NAMES).is_some_and(|s| s.contains(key)) {
        Some(true)
    } else if word_set(&MALE, MALE_NAMES).is_some_and(|s| s.contains(key)) {
        Some(false)
    } else {
        None
    }
}

static ORGANISATIONS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/organisations.fst"));

/// True when `key` (folded, any number of words) names an armed or
/// political organisation of the CIA World Factbook's "Terrorist group(s)"
/// lists ("hamas", "qods force", "asaib ahl al haq";
/// `gazetteer/organisations.txt.gz`).
pub fn is_organisation(key: &str) -> bool {
    organisations().is_some_and(|s| s.contains(key))
}

fn organisations() -> Option<&'static WordSet> {
    static SET: OnceLock<Option<WordSet>> = OnceLock::new();
    word_set(&SET, ORGANISATIONS)
}

/// The first words of the organisation names ("hamas", "popular", "qods"):
/// a run that starts with another word is not looked up.
fn organisation_first_words() -> &'static HashSet<String> {
    static FIRST: OnceLock<HashSet<String>> = OnceLock::new();
    FIRST.get_or_init(|| {
        use fst::Streamer;
        let mut out = HashSet::new();
        if let Some(set) = organisations() {
            let mut keys = set.stream();
            while let Some(k) = keys.next() {
                let k = String::from_utf8_lossy(k);
                out.insert(k.split(' ').next().unwrap_or_default().to_string());
            }
        }
        out
    })
}

/// Longest organisation name, in tokens, looked for around a spot.
const ORG_MAX_TOKENS: usize = 10;

/// True when tokens `first..last` are an organisation's name or lie inside
/// one written in the text ("Popular Front for the Liberation of
/// Palestine", "Kata'ib Hizballah"). Runs of words stop at a sentence or
/// line end.
fn in_organisation_name(tokens: &[Token], first: usize, last: usize) -> bool {
    let lo = first.saturating_sub(ORG_MAX_TOKENS - (last - first).min(ORG_MAX_TOKENS));
    for start in lo..=first {
        if !organisation_first_words().contains(tokens[start].key.as_str()) {
            continue;
        }
        let run = &tokens[start..(start + ORG_MAX_TOKENS).min(tokens.len())];
        let mut key = String::new();
        for k in 0..run.len() {
            if k > 0 && run[k].sep == Sep::Break {
                break;
            }
            extend_key(&mut key, run, k);
            if start + k + 1 >= last && is_organisation(&key) {
                return true;
            }
        }
    }
    false
}

/// True when `key` (folded, one word) is a common English word.
pub fn is_common_word(key: &str) -> bool {
    common_words().is_some_and(|s| s.contains(key))
}

pub(crate) fn in_list(list: &[&str], key: &str) -> bool {
    // the length and the first byte first: most words differ there, and a
    // call to `memcmp` per entry was a visible share of spotting's time
    let k = key.as_bytes();
    list.iter().any(|w| {
        let w = w.as_bytes();
        w.len() == k.len() && w.first() == k.first() && w == k
    })
}

/// The end of a spot, with the period of an abbreviation ("U.S.", "W.Va.",
/// "Ky. and") included, as news corpora annotate them.
fn abbreviation_end(text: &str, tokens: &[Token], first: usize, last: usize) -> usize {
    let t = &tokens[last - 1];
    let end = t.end;
    if t.possessive || !text[end..].starts_with('.') {
        return end;
    }
    let dotted = last - first > 1 && tokens[first + 1..last].iter().all(|k| k.sep == Sep::Dot);
    let single_letter = t.key.len() == 1;
    let after = text[end + 1..].chars().next();
    let mid_sentence = matches!(after, Some(c) if c == ',' || c == ';' || c == ')')
        || text[end + 1..]
            .trim_start_matches([' ', '\t'])
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
            && after.is_some_and(char::is_whitespace);
    let short_word = last - first == 1 && t.capitalized && !t.all_caps && t.key.len() <= 5;
    if dotted || single_letter || (short_word && mid_sentence) {
        end + 1
    } else {
        end
    }
}

/// Finds every exact name match, longest first, without filtering.
pub fn exact_matches(gaz: &Gazetteer, tokens: &[Token], text: &str) -> Vec<Spot> {
    let layers = gaz.layers();
    let mut out = Vec::new();
    let mut i = 0;
    let mut cursors: Vec<Option<Cursor>> = Vec::with_capacity(layers.len());
    while i < tokens.len() {
        let t = &tokens[i];
        // a lowercase article joined to a name by a hyphen is part of it
        // ("al-Bayda": Al Bayda in Yemen, not Libya's Bayda)
        // (not inside a longer name: "Bab el-Oued")
        let article = !t.capitalized
            && matches!(t.key.as_str(), "al" | "el")
            && tokens
                .get(i + 1)
                .is_some_and(|n| n.sep == Sep::Hyphen && n.capitalized)
            && !(i > 0 && tokens[i - 1].capitalized && t.sep == Sep::Space);
        if !t.capitalized && !article {
            i += 1;
            continue;
        }
        cursors.clear();
        cursors.extend(layers.iter().map(|l| Some(l.index.start())));
        // best: (one past last token, per-layer postings offsets)
        let mut best: Option<(usize, Vec<(u16, u64)>)> = None;
        let mut j = i;
        while j < tokens.len() && j < i + MAX_TOKENS {
            let tok = &tokens[j];
            // "Trinidad & Tobago": the ampersand is read as "and"
            let ampersand = j > i
                && tok.sep == Sep::Break
                && text.get(tokens[j - 1].end..tok.start).map(str::trim) == Some("&");
            if j > i {
                let joinable = match tok.sep {
                    Sep::Space | Sep::Hyphen => true,
                    Sep::Dot => tokens[j - 1].key.len() <= 3,
                    Sep::Break => ampersand,
                };
                if !joinable {
                    break;
                }
            }
            // a possessive inside a name: "People's Republic of China",
            // "Martha's Vineyard" (the index writes the clitic as a word)
            let clitic = j > i && tokens[j - 1].possessive;
            let mut alive = false;
            let mut finals = Vec::new();
            // "Democratic Republic of Congo" for "… of the Congo": an
            // article the name has after "of" may be left out
            let after_of = j > i + 1 && tokens[j - 1].key == "of" && tok.key != "the";
            for (li, (layer, cur)) in layers.iter().zip(cursors.iter_mut()).enumerate() {
                let Some(c) = cur else { continue };
                let before = *c;
                let mut ok = (j == i
                    || ((!clitic || layer.index.feed(c, b" s"))
                        && layer.index.feed(c, b" ")
                        && (!ampersand || layer.index.feed(c, b"and "))))
                    && layer.index.feed(c, tok.key.as_bytes());
                if !ok && after_of {
                    *c = before;
                    ok = layer.index.feed(c, b" the ") && layer.index.feed(c, tok.key.as_bytes());
                }
                if !ok {
                    *cur = None;
                    continue;
                }
                alive = true;
                if let Some(v) = layer.index.value_at(c) {
                    finals.push((li as u16, v));
                }
            }
            if !finals.is_empty()
                && ((j == i && !article) || (j > i && (tok.capitalized || tok.all_caps)))
            {
                best = Some((j + 1, finals));
            }
            if !alive {
                break;
            }
            j += 1;
        }
        if let Some((last, _)) = &best {
            if gaz.is_blocked(&join_keys(&tokens[i..*last])) {
                best = None;
            }
        }
        match best {
            Some((last, finals)) => {
                let demonym = finals.iter().all(|(li, _)| layers[*li as usize].demonyms);
                let mut candidates = gaz.candidates_at(&finals);
                // A name the gazetteer writes only in capitals ("CO", "MAN")
                // is an abbreviation: "Co." or "Man" in the text is not it.
                let end = abbreviation_end(text, tokens, i, last);
                if text[tokens[i].start..end].chars().any(char::is_lowercase) {
                    candidates.retain(|(r, _)| r.flags & FLAG_ABBREV == 0);
                }
                // a currency: "US$543 million", "HK$2 billion"
                if text[end..].starts_with('$') && last - i == 1 && tokens[i].all_caps {
                    candidates.clear();
                }
                // "La", "Miss", "Mass" are Louisiana, Mississippi and
                // Massachusetts only with their period or after a place
                // ("Boston, Mass"): "La Nina", "the Miss America title"
                if last == i + 1
                    && !tokens[i].all_caps
                    && end == tokens[i].end
                    && !after_place_or_party(text, tokens, i)
                {
                    candidates.retain(|(_, p)| !is_clipped_division(&tokens[i].key, p));
                }
                if !candidates.is_empty() {
                    out.push(Spot {
                        first: i,
                        last,
                        start: tokens[i].start,
                        end,
                        candidates,
                        kind: if demonym {
                            MatchKind::Demonym
                        } else {
                            MatchKind::Exact
                        },
                        similarity: 1.0,
                        sims: Vec::new(),
                    });
                }
                i = last;
            }
            None => i += 1,
        }
    }
    out
}

/// Names of a list that ends with "counties" or "parishes" (or one name
/// before "county"): "Clarke and Oconee counties", "Cooke, Grayson and Love
/// counties". News names the counties by their bare names, which the
/// gazetteer does not hold; each becomes a spot whose candidates are the
/// divisions named "NAME County" ("NAME Parish"). A kept spot of exactly the
/// same words takes those candidates instead of its own; one that overlaps
/// an item otherwise leaves the item alone. Returns `kept` with the spots
/// added, in token order.
pub fn division_list_spots(
    gaz: &Gazetteer,
    tokens: &[Token],
    text: &str,
    mut kept: Vec<Spot>,
) -> Vec<Spot> {
    let gap = |k: usize| text.get(tokens[k].end..tokens[k + 1].start).unwrap_or("");
    // `kept` is in token order and its spots do not overlap: the one that
    // may overlap tokens a..b is the last to start before b
    kept.sort_by_key(|s| s.first);
    let mut added: Vec<Spot> = Vec::new();
    let mut taken: HashSet<usize> = HashSet::new(); // tokens of added spots
    for h in 1..tokens.len() {
        let head = tokens[h].key.as_str();
        let (generic, plural) = match head {
            "counties" => ("county", true),
            "parishes" => ("parish", true),
            "county" | "parish" => (head, false),
            _ => continue,
        };
        if !gap(h - 1).trim().is_empty() {
            continue;
        }
        // items right to left: (first token, one past the last)
        let mut items: Vec<(usize, usize)> = Vec::new();
        let mut cur = h;
        while items.len() < 8 {
            if cur == 0 || !tokens[cur - 1].capitalized {
                break;
            }
            let mut a = cur - 1;
            while a > 0
                && cur - a < 4
                && tokens[a - 1].capitalized
                && gap(a - 1).trim().is_empty()
                && !matches!(tokens[a - 1].key.as_str(), "and" | "or")
            {
                a -= 1;
            }
            items.push((a, cur));
            if a == 0 || !plural {
                break;
            }
            let g = gap(a - 1).trim();
            if g == "," {
                cur = a;
            } else if g.is_empty() && matches!(tokens[a - 1].key.as_str(), "and" | "or") && a >= 2 {
                let g2 = gap(a - 2).trim();
                if g2.is_empty() || g2 == "," {
                    cur = a - 1;
                } else {
                    break;
                }
            } else if g == "&" {
                cur = a;
            } else {
                break;
            }
        }
        if plural && items.len() < 2 {
            continue;
        }
        for (a, b) in items {
            let key = format!("{} {generic}", join_keys(&tokens[a..b]));
            let candidates: Vec<(PlaceRef, Arc<Place>)> = gaz
                .candidates(&key)
                .into_iter()
                .filter(|(_, p)| p.feature_code.starts_with("ADM"))
                .map(|(r, p)| (r, Arc::new(p)))
                .collect();
            if candidates.is_empty() {
                continue;
            }
            let k = kept.partition_point(|s| s.first < b);
            if let Some(s) = k.checked_sub(1).map(|k| &mut kept[k]) {
                if s.first == a && s.last == b {
                    s.candidates = candidates;
                    s.sims = Vec::new();
                    s.similarity = 1.0;
                    s.kind = MatchKind::Exact;
                    continue;
                }
                if s.last > a {
                    continue;
                }
            }
            if (a..b).any(|t| taken.contains(&t)) {
                continue;
            }
            taken.extend(a..b);
            added.push(Spot {
                first: a,
                last: b,
                start: tokens[a].start,
                end: tokens[b - 1].end,
                candidates,
                kind: MatchKind::Exact,
                similarity: 1.0,
                sims: Vec::new(),
            });
        }
    }
    if !added.is_empty() {
        kept.extend(added);
        kept.sort_by_key(|s| s.first);
    }
    kept
}

/// Why a spot was dropped (for `--errors` style diagnostics and tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drop {
    /// An acronym the gazetteer does not list as an abbreviation.
    Acronym,
    /// A common English word without strong evidence of being a place.
    CommonWord,
    /// Part of an organisation's name.
    Organisation,
    /// Part of a person's name.
    Person,
    /// Right before a capitalised word that looks like a surname ("Paris
    /// Hilton"): a person here, but not evidence for the whole document.
    GivenName,
    /// Right after a given name ("Andrew Jordan"): a person here, but not
    /// evidence for the whole document ("George Washington University").
    Surname,
    /// Part of a longer proper name.
    ProperName,
}

/// Words after a place name that make it a disease's name ("Marburg virus").
const DISEASE_HEADS: &[&str] = &["ebolavirus", "fever", "flu", "virus"];

/// Lowercase nouns of vessels before their names ("the cruiser Moskva").
const VESSEL_NOUNS: &[&str] = &[
    "cruiser",
    "destroyer",
    "frigate",
    "corvette",
    "submarine",
    "ship",
    "warship",
    "flagship",
    "tanker",
    "freighter",
    "vessel",
    "carrier",
];

/// Lowercase words of media after their names ("Saba news agency").
const MEDIA_NOUNS: &[&str] = &[
    "agency",
    "channel",
    "daily",
    "newspaper",
    "radio",
    "television",
    "tv",
    "website",
];

/// Closed-class words and the commonest verbs: after a name they start the
/// rest of the sentence ("New Castle was third", "Fort Hall and Raft
/// River"), not a noun that the name modifies ("White House aides").
pub(crate) const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "so", "yet", "of", "in", "on", "at", "to", "for",
    "from", "by", "with", "as", "into", "near", "over", "under", "after", "before", "since",
    "until", "than", "then", "that", "which", "who", "whom", "whose", "where", "when", "while",
    "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "will", "would",
    "can", "could", "may", "might", "must", "shall", "should", "do", "does", "did", "said", "says",
    "also", "not", "this", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you",
    "his", "her", "their", "our", "my", "your", "s", "if", "because", "about", "against",
    "between", "during", "through", "via", "per", "up", "down", "out", "off", "again", "all",
    "each", "both", "every", "some", "any", "no", "only", "just",
];

/// The last words of buildings' names ("the White House").
const BUILDING_HEADS: &[&str] = &[
    "arena",
    "castle",
    "cathedral",
    "church",
    "hall",
    "hotel",
    "house",
    "mosque",
    "palace",
    "stadium",
    "temple",
    "tower",
];

/// True when `key` is a clipped form of a first-level division's name
/// ("la" of Louisiana, "miss" of Mississippi, "calif" of California): at
/// most five letters, the same first letter, the letters in order inside
/// the name, and not one of the name's own words ("anbar" of Al Anbar).
fn is_clipped_division(key: &str, p: &Place) -> bool {
    if !p.is_admin1() || key.len() > 5 || !key.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let name = crate::normalize::fold(&p.name);
    if name.len() <= key.len()
        || name.as_bytes().first() != key.as_bytes().first()
        || name.split(|c: char| !c.is_alphanumeric()).any(|w| w == key)
    {
        return false;
    }
    let mut rest = name.bytes();
    key.bytes().all(|b| rest.any(|c| c == b))
}

/// True when a token is an Arabic article ("al", "el", "an", …: the
/// articles of [`crate::normalize::ARTICLES`]).
pub(crate) fn is_article(t: &Token) -> bool {
    crate::normalize::ARTICLES.contains(&t.key.as_str())
}

/// True when the token before `i` is the article of a romanised name that
/// starts a name of its own ("in Al Mosul"), not one inside a person's name
/// ("Zaid Al Harbi").
fn leading_article(tokens: &[Token], i: usize) -> bool {
    let Some(a) = i.checked_sub(1).map(|j| &tokens[j]) else {
        return false;
    };
    is_article(a)
        && a.sep == Sep::Space
        && i.checked_sub(2)
            .map(|j| &tokens[j])
            .is_some_and(|b| !b.capitalized)
}

/// True when token `i` stands where an adjective does: right before a
/// lowercase word that is no place word ("Somali officials", not "Somali
/// region"), and not after a preposition of place ("in Saudi last week").
pub(crate) fn adjectival_use(tokens: &[Token], i: usize) -> bool {
    let Some(n) = tokens.get(i + 1) else {
        return false;
    };
    let t = &tokens[i];
    let placed = i
        .checked_sub(1)
        .map(|k| &tokens[k])
        .is_some_and(|p| !p.capitalized && in_list(people::LOCATIVES, &p.key));
    !t.possessive
        && !t.all_caps
        && n.sep == Sep::Space
        && !n.capitalized
        && !n.all_caps
        && n.key.chars().all(|c| c.is_alphabetic())
        && !in_list(PLACE_WORDS, &n.key)
        && !placed
}

/// True when token `i` stands where a division's short form does without
/// its period: after "Place, " ("Boston, Mass") or a party letter and a
/// hyphen ("D-Calif").
fn after_place_or_party(text: &str, tokens: &[Token], i: usize) -> bool {
    let Some(p) = i.checked_sub(1).map(|j| &tokens[j]) else {
        return false;
    };
    let gap = text.get(p.end..tokens[i].start).unwrap_or("");
    (p.capitalized && gap.trim() == ",") || (p.key.len() == 1 && p.capitalized && gap == "-")
}

/// A place large enough to be what its name means: 100,000 people under
/// its own name, or a million under any of its names.
fn well_known(r: &PlaceRef, p: &Place) -> bool {
    (p.population >= 100_000 && r.flags & FLAG_PRIMARY != 0) || p.population >= 1_000_000
}

fn is_important(p: &Place) -> bool {
    p.is_country() || p.is_admin1()
}

/// What the tagger knows around a spot when judging it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// The first token starts a sentence or a quotation.
    pub sentence_initial: bool,
    /// The token before ends a spot that names a country, province or large place.
    pub prev_is_place: bool,
    /// The token after starts another spot.
    pub next_is_place: bool,
    /// A comma and a country or province follow ("Beaver, West Virginia").
    pub container_follows: bool,
    /// The spot names a division and follows another spot and a comma: it
    /// is that place's container ("Thruxton, Hampshire").
    pub container_of_previous: bool,
    /// Another spot ends right before this one ("Elko NV", "Reno, NV").
    pub after_spot: bool,
    /// An ampersand joins the name to a capitalised word that is no place
    /// ("Stevens & Wilkinson", "Johnson & Johnson"; not "Trinidad &
    /// Tobago").
    pub firm_partner: bool,
}

/// Abbreviations of the legal forms of companies (ISO 20275 entity legal
/// forms as written after a company's name) that are also the codes of
/// provinces or countries: after a capitalised word that is no place
/// ("Cimpress NV", "Siemens AG", "Ericsson AB", "Telefonica SA") they end
/// a company's name.
const LEGAL_FORMS: &[&str] = &[
    "ab", "ag", "as", "asa", "bv", "nv", "oy", "oyj", "plc", "sa", "sas", "se", "spa",
];

/// Days, months and holidays: never places unless a place word follows
/// ("Christmas Island").
pub(crate) const CALENDAR: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "christmas",
    "easter",
    "thanksgiving",
    "halloween",
    "ramadan",
    "hanukkah",
];

/// Direction words: a place only as part of a longer name.
const DIRECTIONS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "central",
    "centre",
    "center",
    "northern",
    "southern",
    "eastern",
    "western",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "midwest",
    "upper",
    "lower",
];

/// A place smaller than this is a small town: a proper name that the
/// dictionary knows as a name ("Jones") needs place context to be one.
/// Tuned on the development corpora (lenient F1 on LGL: 76.0 with no such
/// rule, 77.0 at 5,000, 78.0 at 20,000, 78.3 at 50,000, which costs WOTR).
const SMALL_PLACE: u64 = 20_000;

/// A town this large (or a seat of a division) named by a common word is
/// a place after a preposition of place ("in Hit").
const LOCATED_POPULATION: u64 = 10_000;

/// A town of at least [`LOCATED_POPULATION`] people or a seat of a province
/// or district: known enough to be named without its country.
fn notable_town(p: &crate::gazetteer::Place) -> bool {
    p.population >= LOCATED_POPULATION || matches!(p.feature_code.as_str(), "PPLA" | "PPLA2")
}

/// A capital this small (Douglas, Isle of Man; Stanley, Falklands; Hamilton,
/// Bermuda) is no protection against a person's name.
const MAJOR_CAPITAL: u64 = 100_000;

/// The population that says a name is well known: a second-level
/// division's is the sum of its places' (Lot, Angus, Kerry), which says
/// nothing about whether a common word or a given name means it.
fn known_population(p: &Place) -> u64 {
    if p.feature_code == "ADM2" {
        0
    } else {
        p.population
    }
}

fn is_major(p: &Place) -> bool {
    p.is_country()
        || p.feature_code == "CONT"
        || (p.is_admin1() && p.population >= 1_000_000)
        || (p.feature_code == "PPLC" && p.population >= MAJOR_CAPITAL)
}

/// Decides whether a spot is kept, with what the document says about people.
pub fn judge_with(
    spot: &Spot,
    tokens: &[Token],
    ctx: Context,
    cues: &people::PeopleCues,
) -> Result<(), Drop> {
    judge(spot, tokens, ctx)?;
    let single = spot.last - spot.first == 1;
    if !single {
        return Ok(());
    }
    let t = &tokens[spot.first];
    let next = tokens.get(spot.last);
    let major = spot.candidates.iter().any(|(_, p)| is_major(p));
    // days, months and holidays
    if in_list(CALENDAR, &t.key)
        && !next.is_some_and(|n| n.capitalized && in_list(PLACE_WORDS, &n.key))
    {
        return Err(Drop::CommonWord);
    }
    // a direction word alone ("the West", "Central"), or before a name the
    // gazetteer does not know as a whole ("West Broad Street", "West Nile")
    if in_list(DIRECTIONS, &t.key) {
        return Err(Drop::CommonWord);
    }
    let before_surname = next.is_some_and(|n| n.sep == Sep::Space && cues.is_named_person(&n.key));
    if major {
        // "Victoria Rowell", but not "WASHINGTON Barack Obama" (a
        // dateline), "the Prime Minister of Georgia Bidzina Ivanishvili",
        // "ambassador to Egypt Navdeep Suri" or "Queensland Police said"
        let placed = spot.first.checked_sub(1).is_some_and(|k| {
            let p = &tokens[k];
            !p.capitalized && (p.key == "of" || in_list(people::LOCATIVES, &p.key))
        });
        let before_surname = before_surname
            && !t.possessive
            && !t.all_caps
            && !placed
            && next.is_some_and(|n| !is_dictionary_word(&n.key));
        // a country's name right after a given name or a kinship word
        // ("husband Jordan") is a person's name here, and so is one right
        // before a surname of this document ("Victoria Rowell")
        if people::after_given_name(tokens, spot.first)
            || people::after_kinship_word(tokens, spot.first)
            || before_surname
        {
            return Err(Drop::Surname);
        }
        // the surname of someone named in full in this document, used
        // alone as a person's name too, and more often than as a place's
        // ("Lin-Manuel Miranda ... Miranda said"; not "Andrew Jordan met
        // the king of Jordan")
        if !placed && cues.is_surname(&t.key) && cues.is_mostly_person(&t.key) {
            return Err(Drop::Person);
        }
        return Ok(());
    }
    // the container of the place before it ("Thruxton, Hampshire")
    if ctx.container_of_previous {
        return Ok(());
    }
    // a person in this document, after a kinship word ("his son Sebastian"),
    // or a given name before a surname or initial
    if cues.is_person(&t.key)
        || people::after_kinship_word(tokens, spot.first)
        || before_surname
        || people::before_initial(tokens, spot.first)
    {
        return Err(Drop::Person);
    }
    // unreliable alternate names: a dictionary word or a short word named
    // only by some place's alternate name ("Hamas" → Hamm)
    let by_alternate_only = spot
        .candidates
        .iter()
        .all(|(r, _)| r.flags & FLAG_PRIMARY == 0);
    let big = spot
        .candidates
        .iter()
        .any(|(_, p)| p.population >= 1_000_000);
    if spot.kind == MatchKind::Exact
        && by_alternate_only
        && !big
        && (is_dictionary_word(&t.key) || t.key.len() <= 3)
    {
        return Err(Drop::CommonWord);
    }
    // a people or a group named before its fighters ("Kuki militants"),
    // when the name is only some place's alternate name (Kukichūō, Japan)
    if by_alternate_only
        && next.is_some_and(|n| {
            n.sep == Sep::Space && !n.capitalized && in_list(variant::GROUP_NOUNS, &n.key)
        })
    {
        return Err(Drop::ProperName);
    }
    // A proper name the dictionary knows (a surname or given name: "Jones",
    // "Patrick", "Ripley") that names only small places, with no place
    // context anywhere in the document ("in Jones", "Jones County").
    let largest = spot
        .candidates
        .iter()
        .map(|(_, p)| known_population(p))
        .max()
        .unwrap_or(0);
    if spot.kind == MatchKind::Exact
        && !t.all_caps
        && largest < SMALL_PLACE
        && is_dictionary_word(&t.key)
        && !is_common_word(&t.key)
        && !cues.has_place_context(&t.key)
    {
        return Err(Drop::Person);
    }
    Ok(())
}

/// Decides whether a spot is kept.
pub fn judge(spot: &Spot, tokens: &[Token], ctx: Context) -> Result<(), Drop> {
    let sentence_initial = ctx.sentence_initial;
    let first = &tokens[spot.first];
    let single = spot.last - spot.first == 1;
    let prev = spot.first.checked_sub(1).map(|k| &tokens[k]);
    let next = tokens.get(spot.last);
    let joined = |t: &Token| matches!(t.sep, Sep::Space | Sep::Hyphen);

    // A single letter is never a place name in running text.
    let letters: usize = tokens[spot.first..spot.last]
        .iter()
        .map(|t| t.key.len())
        .sum();
    if letters < 2 {
        return Err(Drop::Acronym);
    }

    // An Arabic article joined by a hyphen to the next word ("Al-Hol",
    // "El-Fasher") is part of that name, never a place of its own (Ål,
    // Norway); the word after it is a place only of a country whose names
    // are romanised ("Hol" after "Al-" is not Hol, Norway)
    if single
        && is_article(first)
        && next.is_some_and(|n| n.sep == Sep::Hyphen && (n.capitalized || n.all_caps))
    {
        return Err(Drop::ProperName);
    }
    if first.sep == Sep::Hyphen
        && prev.is_some_and(is_article)
        && !spot
            .candidates
            .iter()
            .any(|(_, p)| variant::romanized_country(&p.country_code))
    {
        return Err(Drop::ProperName);
    }

    // A bare article before a name the gazetteer does not know whole ("Al
    // Jazira state"): part of that name, never Ål, Norway
    if single
        && is_article(first)
        && next.is_some_and(|n| joined(n) && (n.capitalized || n.all_caps))
    {
        return Err(Drop::ProperName);
    }
    // A word of geography that opens a longer name with "of" ("the Gulf of
    // Aden", "the Sea of Azov", "the Horn of Africa"): not the province
    // called Gulf (Papua New Guinea)
    if single
        && in_list(PLACE_WORDS, &first.key)
        && next.is_some_and(|n| n.key == "of" && !n.capitalized)
        && tokens
            .get(spot.last + 1)
            .is_some_and(|n| n.capitalized || n.all_caps)
    {
        return Err(Drop::ProperName);
    }
    // A vessel named after a place: "the cruiser Moskva", "the landing
    // ship Novocherkassk"
    if prev
        .is_some_and(|p| !p.capitalized && first.sep == Sep::Space && in_list(VESSEL_NOUNS, &p.key))
    {
        return Err(Drop::ProperName);
    }

    // Acronyms: only names the gazetteer itself writes in capitals. Longer
    // words in capitals are headlines and datelines ("BAGHDAD —").
    if single && first.all_caps && first.key.len() < MIN_CAPS_WORD {
        let listed = spot
            .candidates
            .iter()
            .any(|(r, p)| r.flags & FLAG_ABBREV != 0 || (p.is_country() && first.key.len() >= 2));
        // a short city in capitals that opens a paragraph before its
        // country or its agency is a dateline ("KYIV, Ukraine (Reuters) -",
        // "GAZA (Reuters) -", "GAO, Mali"): a seat or a large city only
        let dateline = sentence_initial
            && first.sep == Sep::Break
            && next.is_some_and(|n| {
                n.sep == Sep::Break && (ctx.container_follows || in_list(NEWS_AGENCIES, &n.key))
            })
            && spot
                .candidates
                .iter()
                .any(|(_, p)| notable_town(p) || p.feature_code == "PPLC");
        if !listed && !dateline {
            return Err(Drop::Acronym);
        }
    }

    // A province named by a common word inside a longer name: "Government
    // of National Unity" (Unity, South Sudan), "Gulf Maritime Risk Centre"
    // (Maritime, Togo), "Islands District Council". Only
    // provinces and regions (a town is named so on purpose), only common
    // words, and not before a word of place ("Unity state").
    if single
        && spot
            .candidates
            .iter()
            .any(|(_, p)| matches!(p.feature_code.as_str(), "ADM1" | "ADM2" | "RGN"))
        && spot.candidates.iter().all(|(_, p)| {
            !p.is_country() && (p.feature_class != "P" || p.population < LOCATED_POPULATION)
        })
        && is_common_word(&first.key)
    {
        // (a compass word before makes a region's name, "West Wales",
        // "Western Mass."; an abbreviation is a state's, "Ill.")
        let name_before = prev.is_some_and(|p| {
            p.capitalized
                && !sentence_initial
                && first.sep == Sep::Space
                && !in_list(FUNCTION_WORDS, &p.key)
                && !in_list(COMPASS_WORDS, &p.key)
        });
        let name_after = next
            .is_some_and(|n| n.capitalized && n.sep == Sep::Space && !in_list(PLACE_WORDS, &n.key));
        let abbreviation = next.is_some_and(|n| n.sep == Sep::Dot);
        if (name_before || name_after) && !abbreviation {
            return Err(Drop::Organisation);
        }
    }

    // Organisations of the Factbook's lists, by name or around the spot
    // ("Hamas", "the Popular Front for the Liberation of Palestine")
    if in_organisation_name(tokens, spot.first, spot.last) {
        return Err(Drop::Organisation);
    }
    // A firm's partners ("Stevens & Wilkinson", "Marks & Spencer")
    if ctx.firm_partner {
        return Err(Drop::Organisation);
    }
    // A company's legal form after its name ("Cimpress NV"), not a state
    // after a place ("Elko NV")
    if single
        && !ctx.after_spot
        && in_list(LEGAL_FORMS, &first.key)
        && (first.all_caps || first.capitalized)
        && first.sep == Sep::Space
        && prev.is_some_and(|p| p.capitalized && !in_list(FUNCTION_WORDS, &p.key))
    {
        return Err(Drop::Organisation);
    }
    // Organisations: "<name> Times", "University of <name>".
    let last_tok = &tokens[spot.last - 1];
    if let Some(n) = next {
        if n.sep == Sep::Space
            && (n.capitalized || n.all_caps)
            && !last_tok.possessive
            && in_list(ORG_HEADS, &n.key)
        {
            return Err(Drop::Organisation);
        }
    }
    if let (Some(p), Some(pp)) = (prev, spot.first.checked_sub(2).map(|k| &tokens[k])) {
        if p.key == "of" && joined(p) && pp.capitalized && in_list(ORG_OF, &pp.key) {
            return Err(Drop::Organisation);
        }
    }
    // A medium named after a small place, before a lowercase word of its
    // kind: "the Houthi-run Saba news agency" (not Saba, Caribbean
    // Netherlands); a large place stays ("Baghdad television")
    let medium = |k: usize| {
        tokens.get(k).is_some_and(|n| {
            n.sep == Sep::Space && !n.capitalized && !n.all_caps && in_list(MEDIA_NOUNS, &n.key)
        })
    };
    let news = next.is_some_and(|n| n.sep == Sep::Space && n.key == "news" && !n.capitalized);
    if (medium(spot.last) || (news && medium(spot.last + 1)))
        && !last_tok.possessive
        && !spot
            .candidates
            .iter()
            .any(|(r, p)| p.is_country() || well_known(r, p))
    {
        return Err(Drop::Organisation);
    }
    // Diseases named after places: "Marburg virus", "Reston ebolavirus",
    // "Lassa fever" (the outbreak's own place is named as a place)
    if next.is_some_and(|n| n.sep == Sep::Space && !n.capitalized && in_list(DISEASE_HEADS, &n.key))
        && !last_tok.possessive
    {
        return Err(Drop::ProperName);
    }
    // Buildings: "the White House", "the Town Hall" name a building, not
    // the small town of that name (a town takes no article), nor a city
    // that has it only as an alternate name (Casablanca, "Dar el Beida");
    // so does the name used as a modifier ("White House aides"), unless a
    // locative leads to it ("in White House, Tenn.")
    let modifier = next.is_some_and(|n| {
        n.sep == Sep::Space && !n.capitalized && !n.all_caps && !in_list(FUNCTION_WORDS, &n.key)
    }) && !prev.is_some_and(|p| in_list(people::LOCATIVES, &p.key));
    if !single
        && in_list(BUILDING_HEADS, &last_tok.key)
        && (prev.is_some_and(|p| p.key == "the") || modifier)
        && spot.candidates.iter().all(|(r, c)| {
            c.feature_code.starts_with("PPL")
                && (c.population < 100_000 || r.flags & FLAG_PRIMARY == 0)
        })
    {
        return Err(Drop::Organisation);
    }

    // People: a title before the name, or "Given al-Family".
    if let Some(p) = prev {
        if joined(first) && p.capitalized && in_list(TITLES, &p.key) {
            return Err(Drop::Person);
        }
        let pp = spot.first.checked_sub(2).map(|k| &tokens[k]);
        if let Some(pp) = pp {
            if joined(first)
                && in_list(NAME_PARTICLES, &p.key)
                && !p.capitalized
                && pp.capitalized
                && joined(p)
                && (!is_common_word(&pp.key) || is_given_name(&pp.key))
            {
                // a seat after "al-" ends a longer place's name ("Amiriyat
                // al-Fallujah"; family names from places end in "-i":
                // al-Baghdadi): no person to look for elsewhere
                let seat = spot.candidates.iter().any(|(_, c)| {
                    variant::romanized_country(&c.country_code)
                        && (matches!(c.feature_code.as_str(), "PPLC" | "PPLA" | "PPLA2")
                            || c.population >= 100_000)
                });
                return Err(if seat { Drop::ProperName } else { Drop::Person });
            }
        }
    }
    // "Nouri al-Maliki": a name followed by a particle and a capitalised
    // family name is a given name.
    if !spot.candidates.iter().any(|(_, p)| is_important(p)) {
        if let (Some(p1), Some(p2)) = (tokens.get(spot.last), tokens.get(spot.last + 1)) {
            if in_list(NAME_PARTICLES, &p1.key)
                && !p1.capitalized
                && p1.sep == Sep::Space
                && p2.sep == Sep::Hyphen
                && p2.capitalized
            {
                return Err(Drop::Person);
            }
        }
    }

    // "<Place-name> <Surname>": a given name that is also a place (a day or
    // month is no surname: "descend on Toronto Saturday night"; after "in"
    // or "near" and before another place, the name is a place and the next
    // its container: "in Maiduguri Borno State"; "to" and "from" also lead
    // to people and organisations: "applying to Sam Houston State").
    let located = ctx.next_is_place
        && prev.is_some_and(|p| !p.capitalized && (p.key == "in" || p.key == "near"));
    if single && !last_tok.possessive && !located {
        if let Some(n) = next {
            let best_important = spot.candidates.iter().any(|(_, p)| is_important(p));
            if n.sep == Sep::Space
                && n.capitalized
                && !n.all_caps
                && !best_important
                && !is_common_word(&n.key)
                && !in_list(PLACE_WORDS, &n.key)
                && !in_list(ORG_HEADS, &n.key)
                && !in_list(LOCAL_HEADS, &n.key)
                && !in_list(CALENDAR, &n.key)
            {
                return Err(Drop::GivenName);
            }
        }
    }

    // The first part of a hyphenated name ("Al-Jazeera", "Jarf-al-Sakhar"
    // when only "Jarf" is known), unless the next part is a place of its
    // own ("Iran-Iraq") or a lowercase word ("Baghdad-based").
    if let Some(n) = next {
        if n.sep == Sep::Hyphen && n.capitalized && !ctx.next_is_place {
            return Err(Drop::ProperName);
        }
    }

    // A word inside a longer proper name ("Asaib Ahl al-Haq", "Alla Maki"):
    // the word before it is capitalised, starts no sentence, and is neither a
    // common word nor a place of its own.
    if single && !sentence_initial {
        if let Some(p) = prev {
            // ... but a city after a broadcaster's call letters is where
            // the station is ("CTV Winnipeg", "CBC Toronto")
            let important = spot.candidates.iter().any(|(_, c)| {
                is_important(c) || (p.all_caps && p.key.len() >= 3 && c.population >= 100_000)
            });
            if first.sep == Sep::Space
                && p.capitalized
                && !p.possessive
                && !important
                && !is_common_word(&p.key)
                && !in_list(TITLES, &p.key)
                && !ctx.prev_is_place
                && !leading_article(tokens, spot.first)
            {
                return Err(Drop::ProperName);
            }
        }
    }

    // An "Al-" name inside a longer name of the same make: "Asharq
    // Al-Awsat", "Al-Quds Al-Arabi" (newspapers), unless this one names a
    // country or a province by its own name (or the name before it is a
    // place)
    let al_name = spot.last - spot.first == 2
        && is_article(first)
        && tokens[spot.first + 1].sep == Sep::Hyphen;
    if al_name {
        let own = spot
            .candidates
            .iter()
            .any(|(r, c)| c.is_country() || (c.is_admin1() && r.flags & FLAG_PRIMARY != 0));
        let name_before = !sentence_initial
            && prev.is_some_and(|p| {
                first.sep == Sep::Space
                    && p.capitalized
                    && !p.possessive
                    && !is_common_word(&p.key)
                    && !in_list(TITLES, &p.key)
            })
            && !ctx.prev_is_place;
        let al_after = next.is_some_and(|n| n.sep == Sep::Space && is_article(n))
            && tokens
                .get(spot.last + 1)
                .is_some_and(|m| m.sep == Sep::Hyphen && (m.capitalized || m.all_caps));
        if !own && (name_before || al_after) {
            return Err(Drop::ProperName);
        }
    }

    // Common words, capitalised ("Home", "News", "Exit", "No") or in
    // capitals ("COLLEGE", "STONE"): only a country or first-level division,
    // or a large place under its own name in the middle of a sentence.
    if single && is_common_word(&first.key) {
        // "Calif." with its period is an abbreviation, not the word.
        let abbreviated = spot.end > first.end;
        let strong = spot.candidates.iter().any(|(r, p)| {
            is_important(p)
                && (r.flags & FLAG_PRIMARY != 0
                        || abbreviated
                        // "US", not the word "us", in capitals
                        || (first.all_caps && r.flags & FLAG_ABBREV != 0))
        });
        let big = spot.candidates.iter().any(|(r, p)| well_known(r, p));
        // a generic word of geography alone ("the Kurdistan Region's
        // ministry") is no place by some place's alternate name (Region:
        // the Philippines' Calabarzon)
        if in_list(PLACE_WORDS, &first.key)
            && spot
                .candidates
                .iter()
                .all(|(r, _)| r.flags & (FLAG_PRIMARY | FLAG_ABBREV) == 0)
        {
            return Err(Drop::CommonWord);
        }
        // a container after a comma says the word is a place ("Beaver,
        // West Virginia", "Surprise, Arizona"), when the word starts no
        // sentence ("Still, Hawaii's ...") and ends no longer name ("Cold
        // War", "U.S. District Court", "John Pope")
        let contained = ctx.container_follows
            && (!sentence_initial || first.all_caps)
            && !prev.is_some_and(|p| p.capitalized || p.all_caps);
        // a word in capitals that starts a sentence and is followed by
        // punctuation is a dateline ("BANTAM — A Danbury mason ..."); in
        // capitals before another word it is a headline's word ("MORE
        // COLLEGE BASKETBALL COVERAGE")
        let dateline =
            first.all_caps && sentence_initial && next.is_none_or(|n| n.sep == Sep::Break);
        // a capitalised common word in mid-sentence after a preposition of
        // place, naming a town or a seat ("in Hit or Haditha", "near
        // Karma"), not the start of a longer name ("in Home Depot")
        let located = !sentence_initial
            && first.capitalized
            && !first.all_caps
            && prev.is_some_and(|p| {
                // "to" also leads to verbs ("What to Do")
                !p.capitalized && p.key != "to" && in_list(people::LOCATIVES, &p.key)
            })
            && next.is_none_or(|n| !(n.capitalized || n.all_caps) || n.sep != Sep::Space)
            && spot.candidates.iter().any(|(_, p)| notable_town(p));
        if !(strong || (big && !sentence_initial) || contained || dateline || located) {
            return Err(Drop::CommonWord);
        }
        // ... and never before a number: an address or label ("Lot 12",
        // "Lot No. 15", "Unit 4"), whatever the place's size.
        if !strong && next.is_some_and(|n| n.sep == Sep::Space && starts_number(tokens, spot.last))
        {
            return Err(Drop::CommonWord);
        }
    }
    Ok(())
}

/// True when the token at `k` is a numeral, or "No." before one.
fn starts_number(tokens: &[Token], k: usize) -> bool {
    let digit = |t: &Token| t.key.bytes().next().is_some_and(|b| b.is_ascii_digit());
    tokens.get(k).is_some_and(|t| {
        digit(t) || (t.key == "no" && t.capitalized && tokens.get(k + 1).is_some_and(digit))
    })
}

/// The keys of spots dropped as people: a name that is a person once in a
/// document is a person everywhere in it.
pub fn person_keys(
    spots: &[Spot],
    tokens: &[Token],
    verdicts: &[Result<(), Drop>],
) -> HashSet<String> {
    spots
        .iter()
        .zip(verdicts)
        .filter(|(_, v)| **v == Err(Drop::Person))
        .map(|(s, _)| spot_key(s, tokens))
        .collect()
}

/// The folded key of a spot's text.
pub fn spot_key(s: &Spot, tokens: &[Token]) -> String {
    join_keys(&tokens[s.first..s.last.min(tokens.len())])
}

fn join_keys(tokens: &[Token]) -> String {
    let mut key = String::new();
    for k in 0..tokens.len() {
        extend_key(&mut key, tokens, k);
    }
    key
}

/// Appends the key of `tokens[k]` to `key`, the key of `tokens[..k]`
/// (empty when `k` is 0), as the gazetteer folds a name: words joined by
/// spaces, the clitic of a possessive inside the name written as a word
/// ("people s republic of china"; [`exact_matches`] feeds the index the
/// same way).
fn extend_key(key: &mut String, tokens: &[Token], k: usize) {
    if k > 0 {
        if tokens[k - 1].possessive {
            key.push_str(" s");
        }
        key.push(' ');
    }
    key.push_str(&tokens[k].key);
}
