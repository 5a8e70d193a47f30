//! Variant matching: transliterated names spelled differently from every
//! name in the gazetteer (Jarf-al-Sakhar / Jurf as Sakhr, Khaneqain /
//! Khanaqin, Jaloula / Jalawla).
//!
//! Each index also maps *variant keys* ([`variant_key`]: articles, vowels and
//! the usual consonant alternations folded away) to places, so candidates
//! come from one lookup, never from comparing against every name. A
//! candidate is confirmed when one of its names with the same variant key is
//! similar enough to the text: Jaro-Winkler on the article-stripped forms,
//! lightly normalised, with a threshold that depends on the length.
//! A match that differs only by articles, spaces or hyphens is `normalized`;
//! the rest are `variant`.

use super::{MatchKind, Spot};
use crate::gazetteer::{Gazetteer, Place, PlaceRef};
use std::sync::Arc;

/// The names of one variant key: each distinct name (articles stripped)
/// prepared for comparison, with the places it names, not decoded (a cache
/// entry of the gazetteer).
pub type VariantPlaces = Vec<(Forms, Vec<PlaceRef>)>;
use crate::normalize::{light, strip_articles, variant_key, without_generic};
use crate::text::{Sep, Token};

/// Longest span tried, in tokens.
const MAX_TOKENS: usize = 4;
/// Endings of English adjectives and ethnonyms, never varied.
const ADJECTIVE_ENDINGS: &[&str] = &[
    "ite", "ites", "ian", "ians", "ese", "ish", "ist", "ists", "ism",
];

/// Nouns of armed and political groups: a single transliterated word right
/// before one is the group's name or adjective ("Houthi fighters",
/// "Peshmerga commanders"), not a place spelled another way; an exact
/// name there stays a place ("Mosul residents").
pub(crate) const GROUP_NOUNS: &[&str] = &[
    "commander",
    "commanders",
    "fighter",
    "fighters",
    "forces",
    "gunmen",
    "insurgents",
    "leader",
    "leaders",
    "militants",
    "militia",
    "militiamen",
    "militias",
    "movement",
    "rebels",
    "supporters",
    "tribesmen",
];

/// True when the words around token `i` are written in title case, as
/// headlines are ("Treaties to Protect Abkhaz, S.Ossetian Borders"): every
/// word but the function words capitalised, within five words either side
/// on the same line and in the same sentence (at least four of them).
fn title_case(text: &str, tokens: &[Token], i: usize) -> bool {
    let ends = |a: &Token, b: &Token| {
        let gap = text.get(a.end..b.start).unwrap_or("\n");
        gap.contains('\n') || gap.contains(". ") || gap.contains(['!', '?'])
    };
    let mut lo = i;
    while lo > 0 && i - lo < 5 && !ends(&tokens[lo - 1], &tokens[lo]) {
        lo -= 1;
    }
    let mut hi = i + 1;
    while hi < tokens.len() && hi - i <= 5 && !ends(&tokens[hi - 1], &tokens[hi]) {
        hi += 1;
    }
    let content: Vec<&Token> = (lo..hi)
        .filter(|&k| k != i && !super::in_list(super::FUNCTION_WORDS, &tokens[k].key))
        .map(|k| &tokens[k])
        .collect();
    content.len() >= 4
        && content
            .iter()
            .all(|t| t.capitalized || t.all_caps || t.key.bytes().all(|b| b.is_ascii_digit()))
}

/// A variant key naming more places than this is too ambiguous to use.
const MAX_CANDIDATES: usize = 300;

/// The similarity a name needs, by the length (letters, articles and spaces
/// removed) of the shorter of the two forms.
pub fn threshold(len: usize) -> f64 {
    match len {
        0..=5 => 0.85,
        6..=7 => 0.86,
        _ => 0.84,
    }
}

/// A name prepared for comparison: article-stripped, its light form, that
/// with Arabic's three vowel qualities (`e`→`i`, `o`→`u`), and its phonetic
/// form (every vowel one letter: Kerbela / Karbala).
#[derive(Debug, Clone)]
pub struct Forms {
    stripped: String,
    light: String,
    three: String,
    phonetic: String,
}

impl Forms {
    /// The forms of an article-stripped key.
    pub fn new(stripped: &str) -> Forms {
        let light = light(stripped);
        let three = light
            .chars()
            .map(|c| match c {
                'e' => 'i',
                'o' => 'u',
                c => c,
            })
            .collect();
        Forms {
            stripped: stripped.to_string(),
            light,
            three,
            phonetic: crate::normalize::phonetic(stripped),
        }
    }
}

/// Similarity of two article-stripped keys: the best Jaro-Winkler of the
/// letters as written, of their light normalisation ([`light`]), and of that
/// with Arabic's three vowel qualities (Moshahedeh / Mushahidah), or 0.9
/// when their phonetic forms are the same (Kerbela / Karbala); 0 when their
/// lengths differ by more than 30%.
pub fn similarity(a: &str, b: &str) -> f64 {
    similarity_of(&Forms::new(a), &Forms::new(b))
}

fn similarity_of(a: &Forms, b: &Forms) -> f64 {
    let (la, lb) = (a.stripped.len() as f64, b.stripped.len() as f64);
    if la == 0.0 || lb == 0.0 || (la - lb).abs() / la.max(lb) > 0.3 {
        return 0.0;
    }
    strsim::jaro_winkler(&a.stripped, &b.stripped)
        .max(strsim::jaro_winkler(&a.light, &b.light))
        .max(strsim::jaro_winkler(&a.three, &b.three))
        .max(
            if a.phonetic == b.phonetic && consonants(&a.phonetic) >= PHONETIC_MIN_CONSONANTS {
                PHONETIC_SAME
            } else {
                0.0
            },
        )
}

/// Consonants a phonetic form needs before sameness counts: two (Hawija /
/// Huizhou, both `haja`) leave too little of a name to tell it by.
const PHONETIC_MIN_CONSONANTS: usize = 3;

fn consonants(phonetic: &str) -> usize {
    phonetic.bytes().filter(|&c| c != b'a').count()
}

/// The similarity of two names with the same phonetic form (the same
/// consonants and vowel slots, vowel qualities aside: Kerbela / Karbala).
const PHONETIC_SAME: f64 = 0.9;

/// Whether a similarity is enough for two forms of these lengths.
pub fn confirmed(a: &str, b: &str) -> Option<f64> {
    confirmed_of(&Forms::new(a), &Forms::new(b))
}

fn confirmed_of(a: &Forms, b: &Forms) -> Option<f64> {
    let s = similarity_of(a, b);
    (s >= threshold(a.stripped.len().min(b.stripped.len()))).then_some(s)
}

/// Confirmed candidates (with each one's similarity), the best similarity,
/// and whether one differs from the text only by articles and spaces.
pub type Confirmed = (Vec<(PlaceRef, Arc<Place>, f64)>, f64, bool);

/// The names a variant key stands for, each with its places. Read from the
/// index's variant map (names, not places: nothing is decoded) and cached
/// per gazetteer: the same surnames and variants recur across documents.
fn variant_places(gaz: &Gazetteer, vkey: &str) -> std::sync::Arc<VariantPlaces> {
    gaz.variant_places_cached(vkey, || read_variant_places(gaz, vkey))
}

/// [`variant_places`] without the cache.
fn read_variant_places(gaz: &Gazetteer, vkey: &str) -> VariantPlaces {
    let mut out: VariantPlaces = Vec::new();
    for (li, layer) in gaz.layers().iter().enumerate() {
        if layer.demonyms {
            continue;
        }
        let names = layer.index.variant_names(vkey);
        if names.is_empty() {
            continue;
        }
        let mut per_name: Vec<(String, Vec<PlaceRef>)> = names
            .into_iter()
            .map(|(key, off)| {
                let refs = layer
                    .index
                    .postings(off)
                    .into_iter()
                    .map(|p| PlaceRef {
                        layer: li as u16,
                        place: p.place,
                        flags: p.flags,
                    })
                    .collect();
                // a name found by its key without the generic word is
                // compared without it ("Khirbat Sikkah" as "Sikkah")
                let name = match without_generic(&key) {
                    Some(rest) if variant_key(&key) != vkey => rest,
                    _ => key.as_str(),
                };
                (strip_articles(name), refs)
            })
            .collect();
        let mut places: Vec<u32> = per_name
            .iter()
            .flat_map(|(_, refs)| refs.iter().map(|r| r.place))
            .collect();
        places.sort_unstable();
        places.dedup();
        if places.len() > MAX_CANDIDATES {
            continue;
        }
        // names that differ only by their articles are one name
        per_name.sort_by(|a, b| a.0.cmp(&b.0));
        let mut merged: Vec<(String, Vec<PlaceRef>)> = Vec::new();
        for (name, refs) in per_name {
            match merged.last_mut() {
                Some(last) if last.0 == name => last.1.extend(refs),
                _ => merged.push((name, refs)),
            }
        }
        out.extend(
            merged
                .into_iter()
                .map(|(name, refs)| (Forms::new(&name), refs)),
        );
    }
    out
}

/// The countries whose official languages include one written in a script
/// other than Latin (Unicode CLDR; `gazetteer/build_romanized.sh`): their
/// place names reach English by romanisation, in competing spellings.
static ROMANIZED_COUNTRIES: &str = include_str!("../../gazetteer/romanized-countries.tsv");

/// True when places of country `cc` have romanised (transliterated) names.
/// A place of a Latin-script country is written in English text as it is
/// written at home: a spelling that differs is another word (a surname, a
/// company), not a transliteration, so variant matching leaves it alone.
pub fn romanized_country(cc: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| {
        ROMANIZED_COUNTRIES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("country\t"))
            .filter_map(|l| l.split('\t').next())
            .filter(|c| c.len() == 2)
            .collect()
    })
    .contains(cc)
}

/// Confirms the candidates of a variant key against the text's key `key`;
/// returns them with the best similarity and whether one differs only by
/// articles and spaces. Only the places of confirmed names are decoded. A
/// name that differs by more than articles and spaces is accepted only for
/// a place of a country whose names are romanised ([`romanized_country`]).
pub fn confirm(gaz: &Gazetteer, key: &str, vkey: &str) -> Option<Confirmed> {
    let q = Forms::new(&strip_articles(key));
    // (place, similarity, same letters as the text), before decoding
    let mut hits: Vec<(PlaceRef, f64, bool)> = Vec::new();
    for (forms, refs) in variant_places(gaz, vkey).iter() {
        let (sim, same) = if forms.stripped == q.stripped {
            (1.0, true)
        } else {
            match confirmed_of(&q, forms) {
                Some(x) => (x, false),
                None => continue,
            }
        };
        hits.extend(refs.iter().map(|r| (*r, sim, same)));
    }
    if hits.is_empty() {
        return None;
    }
    // each place once, with its best name's similarity and all its flags
    hits.sort_by_key(|h| (h.0.layer, h.0.place));
    let mut uniq: Vec<(PlaceRef, f64, bool)> = Vec::with_capacity(hits.len());
    for (r, sim, same) in hits {
        match uniq.last_mut() {
            Some((u, s, e)) if u.layer == r.layer && u.place == r.place => {
                u.flags |= r.flags;
                *s = s.max(sim);
                *e |= same;
            }
            _ => uniq.push((r, sim, same)),
        }
    }
    let mut out: Vec<(PlaceRef, Arc<Place>, f64)> = Vec::with_capacity(uniq.len());
    let mut best = 0.0f64;
    let mut normalized = false;
    for (r, sim, same) in uniq {
        let Some(place) = gaz.place_core(r) else {
            continue;
        };
        // countries and continents have settled English names (and their
        // own spellings are alternate names, matched exactly): a word near
        // one is a person or a group ("Giorgi", not Georgia)
        if !same
            && (!romanized_country(&place.country_code)
                || place.is_country()
                || place.feature_code == "CONT")
        {
            continue;
        }
        best = best.max(sim);
        normalized |= same;
        // a later layer's place with the same id replaces the earlier one
        match out.iter_mut().find(|(_, p, _)| p.id == place.id) {
            Some(slot) => {
                let s = slot.2.max(sim);
                *slot = (r, Arc::new(place), s);
            }
            None => out.push((r, Arc::new(place), sim)),
        }
    }
    (!out.is_empty()).then_some((out, best, normalized))
}

/// True when the match starting at token `i` ends a longer capitalised
/// name: it follows (maybe after an article) a capitalised word that is no
/// place, function word or locative ("Ahmad Shah Massoud", "Abu Omar
/// al-Halabi"), nor a common word opening the sentence ("Two Abkhaz
/// servicemen") unless a title ("Attorney Wang Quanzhang"), and the line
/// is not in title case.
fn ends_longer_name(text: &str, tokens: &[Token], covered: &[bool], i: usize) -> bool {
    let joined = |k: usize| matches!(tokens[k].sep, Sep::Space | Sep::Hyphen);
    let mut before = i.checked_sub(1).filter(|_| joined(i));
    if let Some(k) = before.filter(|&k| !tokens[k].capitalized && super::is_article(&tokens[k])) {
        before = k.checked_sub(1).filter(|_| joined(k));
    }
    before.is_some_and(|k| {
        let p = &tokens[k];
        !covered[k]
            && p.capitalized
            && !p.all_caps
            && !super::in_list(super::FUNCTION_WORDS, &p.key)
            && !super::in_list(super::people::LOCATIVES, &p.key)
            && !(!joined(k)
                && super::is_common_word(&p.key)
                && !super::in_list(super::TITLES, &p.key))
            && !title_case(text, tokens, i)
    })
}

/// The places of a romanised country whose name is the short word at
/// token `i` (three or four letters, too short for [`variant_key`]) with an
/// Arabic article before it: "al", "el", or the article assimilated to a
/// first letter that takes it ("at Tall" → "Tall"). A `normalized` spot.
fn without_article(gaz: &Gazetteer, tokens: &[Token], i: usize) -> Option<Spot> {
    let t = &tokens[i];
    if !(3..=4).contains(&t.key.len())
        || !t.key.bytes().all(|b| b.is_ascii_lowercase())
        || !variant_key(&t.key).is_empty()
    {
        return None;
    }
    let first = t.key.as_bytes()[0];
    let sun = b"tdrzsn"
        .contains(&first)
        .then(|| format!("a{} {}", first as char, t.key));
    let layers = gaz.layers();
    let mut candidates: Vec<(PlaceRef, Arc<Place>)> =
        [format!("al {}", t.key), format!("el {}", t.key)]
            .into_iter()
            .chain(sun)
            .flat_map(|k| gaz.candidates(&k))
            .filter(|(r, p)| {
                !layers.get(r.layer as usize).is_some_and(|l| l.demonyms)
                    && romanized_country(&p.country_code)
                    && !p.is_country()
            })
            .map(|(r, p)| (r, Arc::new(p)))
            .collect();
    candidates.sort_by_key(|(r, _)| (r.layer, r.place));
    candidates.dedup_by_key(|(r, _)| (r.layer, r.place));
    if candidates.is_empty() {
        return None;
    }
    Some(Spot {
        first: i,
        last: i + 1,
        start: t.start,
        end: t.end,
        sims: vec![1.0; candidates.len()],
        candidates,
        kind: MatchKind::Normalized,
        similarity: 1.0,
    })
}

/// Finds variant matches on the tokens not yet covered by a spot.
/// `known_word` tells words that are not misspelt place names (dictionary
/// words, people's names): a single known word is never varied, nor a span
/// of known words only. `text` is what the tokens index.
///
/// Also returns the keys of the matches that end a longer capitalised name
/// ("Ahmad Shah Massoud", "Attorney Wang Quanzhang", "Abu Omar
/// al-Halabi"): a person's or an organisation's name, not a place spelled
/// another way; the same words elsewhere in the document are that name too.
pub fn variant_matches(
    gaz: &Gazetteer,
    text: &str,
    tokens: &[Token],
    covered: &[bool],
    known_word: impl Fn(&str) -> bool,
) -> (Vec<Spot>, std::collections::HashSet<String>) {
    let mut out = Vec::new();
    let mut names = std::collections::HashSet::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        // a variant never starts with the English article ("The HSE") nor
        // is a contraction ("They're")
        if covered[i]
            || !t.capitalized
            || (t.all_caps && t.key.len() < 5)
            || t.key == "the"
            || t.contraction
        {
            i += 1;
            continue;
        }
        let mut found = None;
        // the longest span first
        let mut spans = Vec::new();
        let mut j = i + 1;
        spans.push(j);
        while j < tokens.len()
            && j < i + MAX_TOKENS
            && !covered[j]
            && matches!(tokens[j].sep, Sep::Space | Sep::Hyphen)
            && !tokens[j - 1].possessive
        {
            j += 1;
            spans.push(j);
        }
        for &end in spans.iter().rev() {
            let last = &tokens[end - 1];
            if !(last.capitalized || end - i == 1) {
                continue;
            }
            if tokens[i..end].iter().any(|k| k.contraction)
                || tokens[i..end]
                    .iter()
                    .all(|k| known_word(&k.key) || super::is_article(k))
            {
                continue;
            }
            // English adjective and ethnonym endings ("Shiite", "Alawite",
            // "Kurdish"): not transliterated place names
            if end - i == 1 && ADJECTIVE_ENDINGS.iter().any(|e| t.key.ends_with(e)) {
                continue;
            }
            if end - i == 1
                && tokens.get(end).is_some_and(|n| {
                    n.sep == Sep::Space && !n.capitalized && GROUP_NOUNS.contains(&n.key.as_str())
                })
            {
                continue;
            }
            // a short name written without its article ("Qaim" for Al
            // Qā’im, "Faw" for Al Faw): too short for a variant key, so
            // looked up with the article
            if end - i == 1 {
                if let Some(s) = without_article(gaz, tokens, i) {
                    found = Some(s);
                    break;
                }
            }
            let key = tokens[i..end]
                .iter()
                .map(|k| k.key.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let confirmed = gaz.confirmed_variant(&key, || {
                // the name as written, else without its leading generic
                // word ("Khirbat Sikka" as "Sikkah"): the mention keeps it
                std::iter::once(key.as_str())
                    .chain(without_generic(&key))
                    .find_map(|k| {
                        let vkey = variant_key(k);
                        if vkey.is_empty() {
                            None
                        } else {
                            confirm(gaz, k, &vkey)
                        }
                    })
            });
            if let Some(c) = confirmed {
                let (confirmed, sim, normalized) = (&c.0, c.1, c.2);
                let sims = confirmed.iter().map(|c| c.2).collect();
                let candidates = confirmed.iter().map(|(r, p, _)| (*r, p.clone())).collect();
                found = Some(Spot {
                    first: i,
                    last: end,
                    start: t.start,
                    end: last.end,
                    candidates,
                    kind: if normalized {
                        MatchKind::Normalized
                    } else {
                        MatchKind::Variant
                    },
                    similarity: if normalized { 1.0 } else { sim },
                    sims,
                });
                break;
            }
        }
        match found {
            Some(s) if ends_longer_name(text, tokens, covered, i) => {
                i = s.last;
                names.insert(super::spot_key(&s, tokens));
            }
            Some(s) => {
                i = s.last;
                out.push(s);
            }
            None => i += 1,
        }
    }
    (out, names)
}

/// How much larger (in population) a seat found by spelling must be than
/// every place of the exact name to join them.
const LARGER_BY: u64 = 10;
/// The least similarity and population of such a seat.
const LARGER_SIMILARITY: f64 = 0.95;
const LARGER_POPULATION: u64 = 100_000;

/// Adds to an exact spot of one word whose places are all small, one of them
/// in a country of romanised names, the seats
/// of administration of the same countries that a near-identical spelling
/// names and that are at least ten times larger ("Nikolayev": the villages
/// of that exact name, and Mykolayiv, 470,000, by spelling). Not for a word
/// in lowercase use or a given name. The spot keeps its exact kind;
/// resolution weighs the new candidates by their similarity.
pub fn add_larger_variants(gaz: &Gazetteer, tokens: &[Token], spot: &mut Spot) {
    if spot.last != spot.first + 1 || spot.kind != MatchKind::Exact {
        return;
    }
    let largest = spot
        .candidates
        .iter()
        .map(|(_, p)| p.population)
        .max()
        .unwrap_or(0);
    let seat = |p: &Place| p.is_admin1() || matches!(p.feature_code.as_str(), "PPLA" | "PPLC");
    let important = spot
        .candidates
        .iter()
        .any(|(_, p)| p.is_country() || seat(p));
    // only transliterated names are spelled in several ways
    if important
        || !spot
            .candidates
            .iter()
            .any(|(_, p)| romanized_country(&p.country_code))
    {
        return;
    }
    let key = &tokens[spot.first].key;
    // a word or a given name is no misspelt place ("Sunshine", "Alexander")
    if super::is_common_word(key) || super::is_given_name(key) {
        return;
    }
    let vkey = variant_key(key);
    if vkey.is_empty() {
        return;
    }
    let Some(c) = gaz.confirmed_variant(key, || confirm(gaz, key, &vkey)) else {
        return;
    };
    let floor = largest.saturating_mul(LARGER_BY).max(LARGER_POPULATION);
    // exact candidates have similarity 1 (an empty list means all 1)
    let n = spot.candidates.len();
    spot.sims.resize(n, 1.0);
    for (r, p, sim) in c.0.iter() {
        // ... in a country of the exact name's places
        let same_country = spot
            .candidates
            .iter()
            .any(|(_, q)| q.country_code == p.country_code);
        if *sim >= LARGER_SIMILARITY
            && seat(p)
            && same_country
            && p.population >= floor
            && !spot.candidates.iter().any(|(_, q)| q.id == p.id)
        {
            spot.candidates.push((*r, p.clone()));
            spot.sims.push(*sim);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Tagger;

    #[test]
    fn phonetic_sameness_needs_three_consonants() {
        // (a, b, confirmed)
        let cases = [
            ("kerbela", "karbala", true),
            ("moshahedeh", "mushahidah", true),
            ("hawija", "hawijah", true),
            // both `haja`: too little of a name left to tell it by
            ("hawija", "huizhou", false),
        ];
        for (a, b, want) in cases {
            assert_eq!(
                confirmed(a, b).is_some(),
                want,
                "{a} / {b}: {}",
                similarity(a, b)
            );
        }
    }

    #[test]
    fn short_names_without_their_article() {
        let tagger = Tagger::new(Gazetteer::embedded().unwrap());
        let text = "Fighting was reported in Qaim and Ramadi on Monday, officials in Anbar said.";
        let m = tagger.tag("t", text);
        let qaim = m.iter().find(|m| m.surface == "Qaim");
        assert!(
            qaim.is_some_and(
                |q| q.place.country_code == "IQ" && q.match_kind == MatchKind::Normalized
            ),
            "{m:?}"
        );
        // a short word of a Latin-script country is no article-less name
        let m = tagger.tag("t", "Police in Lyon said Tom and Ana left.");
        assert!(m.iter().all(|m| m.surface == "Lyon"), "{m:?}");
    }

    #[test]
    fn romanised_countries_come_from_cldr() {
        for (cc, want) in [
            ("IQ", true),
            ("IR", true),
            ("SY", true),
            ("SO", true), // Arabic is official beside Somali
            ("GE", true),
            ("CN", true),
            ("US", false),
            ("FR", false),
            ("GB", false),
            ("TR", false),
            ("", false),
        ] {
            assert_eq!(romanized_country(cc), want, "{cc}");
        }
    }

    /// Transliteration variants are found for places whose names are
    /// romanised; a word one vowel away from a Latin-script place's name
    /// (a surname, a firm) is not a variant of it.
    #[test]
    fn variants_only_for_places_with_romanised_names() {
        let tagger = Tagger::new(Gazetteer::embedded().unwrap());
        let cases = [
            (
                "Clashes were reported in Khaneqain on Monday.",
                "Khaneqain",
                Some("IQ"),
            ),
            (
                "Clashes were reported in Salahuddin on Monday.",
                "Salahuddin",
                Some("IQ"),
            ),
            // "Hudson" is a name of Jersey City: one vowel away, but a surname
            (
                "In Jersey City, New Jersey, coach Hodson praised the defence.",
                "Hodson",
                None,
            ),
            // a country's English name is settled: a near word is a person
            (
                "Giorgi and Nino met reporters in Tbilisi and Batumi on Monday.",
                "Giorgi",
                None,
            ),
            // the same consonants and vowel slots, other vowel qualities
            (
                "Clashes were reported in Takrit on Monday.",
                "Takrit",
                Some("IQ"),
            ),
            (
                "Troops left Kerbela and Hilla on Monday.",
                "Kerbela",
                Some("IQ"),
            ),
            // without any place named in the document, a given name is the
            // person, not the prominent place it resembles (Loralai, Karachi)
            ("Officials met Loralee on Monday.", "Loralee", None),
            // a contraction or a span after "The" is never a variant
            ("They're doing much better than I am.", "They're", None),
            ("The HSE has said that staff had to work.", "The HSE", None),
            ("Officials met Carisa on Monday.", "Carisa", None),
            // a leading generic word the gazetteer's name lacks stays in the
            // mention ("Khirbat Sikka" is Sikkah)
            (
                "Clashes were reported in Khirbat Sikka, near Tartus, on Monday.",
                "Khirbat Sikka",
                Some("PS"),
            ),
        ];
        for (text, surface, want) in cases {
            let ms = tagger.tag("t", text);
            let got = ms
                .iter()
                .find(|m| m.surface == surface)
                .map(|m| m.place.country_code.as_str());
            assert_eq!(got, want, "{text}: {ms:?}");
        }
    }
}
