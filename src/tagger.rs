//! The whole pipeline for one document: sentences → tokens → spotting →
//! resolution → attribution, giving one [`Mention`] per place mentioned.

use crate::attribution::{attribute, Attribution, ByteSpan, DocAttribution, DocMeta, PlaceSpan};
use crate::document::{Document, Metadata};
use crate::gazetteer::{Gazetteer, Place, PlaceRef};
use crate::resolution::{drop_strays, resolve, Resolution};
use crate::spotting::people::PeopleCues;
use crate::spotting::variant::{add_larger_variants, variant_matches};
use crate::spotting::{
    adjectival_use, division_list_spots, exact_matches, is_dictionary_word, judge_with,
    person_keys, spot_key, Context, Drop, MatchKind, Spot,
};
use crate::text::{char_offsets, sentences, tokenize, Sentence, Token};
use std::collections::HashSet;
use std::sync::Arc;

/// Settings for tagging.
#[derive(Debug, Clone)]
pub struct Options {
    /// Prefer places in these countries (ISO 3166-1 alpha-2 codes).
    pub prefer_countries: Vec<String>,
    /// Prefer places in these first-level divisions: GeoNames codes
    /// (`IQ.10`) or names (`Diyala`).
    pub prefer_admin1: Vec<String>,
    /// Also find transliteration variants (on by default).
    pub variants: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            prefer_countries: Vec::new(),
            prefer_admin1: Vec::new(),
            variants: true,
        }
    }
}

/// A runner-up candidate of a mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    /// The place, shared with the other mentions of it.
    pub place: Arc<Place>,
    /// Its share of the score, 0–1.
    pub score: f64,
}

/// One place mentioned in a document.
///
/// What many mentions have in common is shared rather than copied: the
/// document's id, the sentence, the places (the chosen one and the
/// runners-up) and the attribution are reference-counted, so a mention costs
/// a few hundred bytes however long its sentence and however many names its
/// place has. Read them through `Deref` (`m.place.name`, `&*m.sentence`);
/// to change one, build a new value (`Arc::new`) or use `Arc::make_mut`.
///
/// ```
/// use geomention::{Gazetteer, Tagger};
/// use std::sync::Arc;
/// let tagger = Tagger::new(Gazetteer::embedded().unwrap());
/// let m = tagger.tag("doc", "Clashes in Mosul and Basra. Talks in Mosul.");
/// assert_eq!(&*m[0].sentence, "Clashes in Mosul and Basra.");
/// assert!(Arc::ptr_eq(&m[0].sentence, &m[1].sentence)); // one sentence
/// assert!(Arc::ptr_eq(&m[0].place, &m[2].place)); // Mosul, twice
/// assert!(Arc::ptr_eq(&m[0].doc_id, &m[2].doc_id));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// The document's id (shared by the mentions of the document).
    pub doc_id: Arc<str>,
    /// Number of the mention within the document, from 1.
    pub n: usize,
    /// The text as written.
    pub surface: String,
    /// Code-point offset of the first character in the document.
    pub start: usize,
    /// Code-point offset after the last character.
    pub end: usize,
    /// The whole sentence (shared by the mentions of the sentence).
    pub sentence: Arc<str>,
    /// Code-point offset of the sentence.
    pub sentence_start: usize,
    /// Code-point offset after the sentence.
    pub sentence_end: usize,
    /// The chosen place, shared with the other mentions of it (and with
    /// the gazetteer's cache of decoded candidates).
    pub place: Arc<Place>,
    /// How the text matched a name of the place.
    pub match_kind: MatchKind,
    /// Similarity of the text to the name, 0–1.
    pub similarity: f64,
    /// Confidence in the chosen place, 0–1.
    pub confidence: f64,
    /// Other candidates, best first.
    pub alternatives: Vec<Alternative>,
    /// Who claims it (shared by consecutive mentions with the same
    /// attribution, such as the places of one quotation).
    pub attribution: Arc<Attribution>,
}

/// Tags documents with one gazetteer and one set of options.
///
/// ```
/// use geomention::{Gazetteer, Tagger};
/// let tagger = Tagger::new(Gazetteer::embedded().unwrap());
/// let mentions = tagger.tag("doc", "Fighting was reported in Baghdad and Mosul on Monday.");
/// let names: Vec<_> = mentions.iter().map(|m| m.surface.as_str()).collect();
/// assert_eq!(names, ["Baghdad", "Mosul"]);
/// assert_eq!(mentions[0].place.country_code, "IQ");
/// ```
pub struct Tagger {
    gazetteer: Gazetteer,
    options: Options,
    /// The embedded demonyms, when the gazetteer does not tag them: their
    /// countries are evidence for resolution, never mentions.
    evidence: Option<Gazetteer>,
}

impl Tagger {
    /// A tagger with default options.
    pub fn new(gazetteer: Gazetteer) -> Tagger {
        Tagger::with_options(gazetteer, Options::default())
    }

    /// A tagger with the given options.
    pub fn with_options(gazetteer: Gazetteer, options: Options) -> Tagger {
        let evidence = if gazetteer.layers().iter().any(|l| l.demonyms) {
            None
        } else {
            let mut g = Gazetteer::empty();
            // without the embedded demonyms there is simply no evidence
            g.add_demonyms().ok();
            (!g.layers().is_empty()).then_some(g)
        };
        Tagger {
            gazetteer,
            options,
            evidence,
        }
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Finds, resolves and attributes every place mentioned in `text`.
    pub fn tag(&self, doc_id: &str, text: &str) -> Vec<Mention> {
        self.tag_with(doc_id, text, &Metadata::default())
    }

    /// Tags a [`Document`] (its metadata guides resolution and attribution).
    pub fn tag_document(&self, doc: &Document) -> Vec<Mention> {
        self.tag_with(&doc.id, &doc.text, &doc.meta)
    }

    /// Tags `text` with document metadata.
    ///
    /// A text longer than 1 MiB (a dump rather than an article) is tagged in
    /// windows of whole sentences of about that size, so that memory for
    /// candidates stays bounded; offsets always index the whole text.
    pub fn tag_with(&self, doc_id: &str, text: &str, meta: &Metadata) -> Vec<Mention> {
        self.tag_windowed(doc_id, text, meta, WINDOW_BYTES)
    }

    fn tag_windowed(
        &self,
        doc_id: &str,
        text: &str,
        meta: &Metadata,
        window: usize,
    ) -> Vec<Mention> {
        let doc_id: Arc<str> = Arc::from(doc_id);
        let doc_id = &doc_id;
        if text.len() <= window {
            return self.tag_whole(doc_id, text, meta);
        }
        let mut pieces = Vec::new();
        let (mut from, mut from_cp) = (0usize, 0usize);
        let mut end = 0;
        for s in sentences(text) {
            if s.end - from > window && end > from {
                from_cp = self.tag_piece(doc_id, text, meta, from, end, from_cp, &mut pieces);
                from = end;
            }
            end = s.end;
        }
        if from < text.len() {
            self.tag_piece(doc_id, text, meta, from, text.len(), from_cp, &mut pieces);
        }
        // one allocation of the exact size: a vector grown by doubling
        // would need up to three times the mentions' size while it moves
        let mut out = Vec::with_capacity(pieces.iter().map(Vec::len).sum());
        for p in pieces {
            out.extend(p);
        }
        renumber(&mut out);
        out
    }

    /// Tags `text[a..b]` as a whole and appends its mentions, with offsets
    /// shifted by `a_cp` code points, as one piece; returns the code-point
    /// offset of `b`.
    #[allow(clippy::too_many_arguments)]
    fn tag_piece(
        &self,
        doc_id: &Arc<str>,
        text: &str,
        meta: &Metadata,
        a: usize,
        b: usize,
        a_cp: usize,
        pieces: &mut Vec<Vec<Mention>>,
    ) -> usize {
        let piece = &text[a..b];
        let mut mentions = self.tag_whole(doc_id, piece, meta);
        for m in &mut mentions {
            m.start += a_cp;
            m.end += a_cp;
            m.sentence_start += a_cp;
            m.sentence_end += a_cp;
        }
        pieces.push(mentions);
        a_cp + piece.chars().count()
    }

    fn tag_whole(&self, doc_id: &Arc<str>, text: &str, meta: &Metadata) -> Vec<Mention> {
        let prep = Prepared::new(text);
        let mut kept = self.spot(text, &prep);
        let attr = attribute(text, &prep.sents, &doc_meta(meta, &kept));
        kept.retain(|s| {
            let held = sources_holding(&attr, s);
            !ends_source_name(&held, &prep.tokens, s) && !in_named_person(&held, text, s)
        });
        let mut choices = self.resolve(&kept, &prep, text, meta);
        drop_strays(&kept, &prep.tokens, &mut choices, |key| {
            prep.people.has_place_context(key)
        });
        let mut shared = SharedAttribution::default();
        let mut out: Vec<Mention> = self
            .mentions(doc_id, text, &prep, &kept, choices)
            .into_iter()
            .zip(&kept)
            .filter_map(|(m, s)| {
                m.map(|mut m| {
                    m.attribution = shared.get(attr.for_span(s.start, s.end));
                    m
                })
            })
            .collect();
        renumber(&mut out);
        out
    }

    /// Resolves given spans (byte offsets) instead of spotting names: the
    /// `--gold-spans` evaluation. Each span gets the mention of its place, or
    /// None when no gazetteer name matches it.
    pub fn resolve_spans(
        &self,
        doc_id: &str,
        text: &str,
        spans: &[(usize, usize)],
        meta: &Metadata,
    ) -> Vec<Option<Mention>> {
        let prep = Prepared::new(text);
        let spots: Vec<Spot> = spans
            .iter()
            .map(|&(s, e)| given_spot(&self.gazetteer, &prep.tokens, text, s, e))
            .collect();
        // The places the tagger finds elsewhere in the text are context for
        // the given spans (containers, coherence), not output.
        let mut all: Vec<(usize, Spot)> = spots.iter().cloned().enumerate().collect();
        for c in self.spot(text, &prep) {
            if !spots.iter().any(|g| g.start < c.end && c.start < g.end) {
                all.push((usize::MAX, c));
            }
        }
        all.sort_by_key(|(_, s)| (s.first, s.start));
        let order: Vec<usize> = all.iter().map(|(k, _)| *k).collect();
        let merged: Vec<Spot> = all.into_iter().map(|(_, s)| s).collect();
        let merged_choices = self.resolve(&merged, &prep, text, meta);
        let mut choices: Vec<Option<Resolution>> = vec![None; spots.len()];
        for (k, c) in order.into_iter().zip(merged_choices) {
            if k != usize::MAX {
                choices[k] = c;
            }
        }
        let attr = attribute(text, &prep.sents, &doc_meta(meta, &spots));
        let mut shared = SharedAttribution::default();
        self.mentions(&Arc::from(doc_id), text, &prep, &spots, choices)
            .into_iter()
            .zip(&spots)
            .map(|(m, s)| {
                m.map(|mut m| {
                    m.attribution = shared.get(attr.for_span(s.start, s.end));
                    m
                })
            })
            .collect()
    }

    /// The attribution relations of a document (sources, cues, contents),
    /// in byte offsets.
    pub fn attributions(&self, text: &str, meta: &Metadata) -> DocAttribution {
        let prep = Prepared::new(text);
        let spots = self.spot(text, &prep);
        attribute(text, &prep.sents, &doc_meta(meta, &spots))
    }

    /// Every exact gazetteer match of `text` (byte offsets) and whether the
    /// spotting rules kept it or why they dropped it: a diagnostic for error
    /// analysis (`eval --errors` reports it for every missed toponym).
    pub fn spot_verdicts(&self, text: &str) -> Vec<SpotVerdict> {
        let prep = Prepared::new(text);
        exact_verdicts(&self.gazetteer, &prep, text)
    }

    /// Exact matches first; then variants on the words no exact match kept.
    fn spot(&self, text: &str, prep: &Prepared) -> Vec<Spot> {
        let mut exact = exact_matches(&self.gazetteer, &prep.tokens, text);
        if self.options.variants {
            for s in &mut exact {
                add_larger_variants(&self.gazetteer, &prep.tokens, s);
            }
        }
        let (mut kept, persons) = filter_spots(exact, prep, &HashSet::new());
        self.adjectival_demonyms(&mut kept, prep, text);
        let counties = |spots| division_list_spots(&self.gazetteer, &prep.tokens, text, spots);
        if !self.options.variants {
            return counties(kept);
        }
        let mut covered = vec![false; prep.tokens.len()];
        // (a nationality's adjective is no spelling of a place: "Moldovan
        // officials" is not Moldove, Ukraine)
        for s in kept.iter().chain(self.evidence_matches(prep, text)) {
            for c in &mut covered[s.first..s.last] {
                *c = true;
            }
        }
        let (mut variants, names) =
            variant_matches(&self.gazetteer, text, &prep.tokens, &covered, |k| {
                is_dictionary_word(k) || persons.contains(k) || self.gazetteer.is_blocked(k)
            });
        // the words that end a longer name ("Attorney Wang Quanzhang") are
        // that name wherever they stand
        variants.retain(|v| !names.contains(&spot_key(v, &prep.tokens)));
        coherent_variants(&mut variants, &kept, &prep.tokens);
        if variants.is_empty() {
            return counties(kept);
        }
        let mut all = kept;
        all.extend(variants);
        all.sort_by_key(|s| s.first);
        let mut persons = persons;
        persons.extend(names);
        counties(filter_spots(all, prep, &persons).0)
    }

    /// A name that is also a nationality's adjective, used as one before a
    /// lowercase noun ("Somali officials" is not Ethiopia's Somali region):
    /// the spot is dropped unless it names the demonym's own country
    /// ("Saudi jets"), or with `--demonyms` keeps only its demonym
    /// candidates.
    fn adjectival_demonyms(&self, spots: &mut Vec<Spot>, prep: &Prepared, text: &str) {
        let tokens = &prep.tokens;
        let adjectival: Vec<usize> = spots
            .iter()
            .filter(|s| s.last == s.first + 1 && adjectival_use(tokens, s.first))
            .map(|s| s.first)
            .collect();
        if adjectival.is_empty() {
            return;
        }
        let layers = self.gazetteer.layers();
        let demonym_layer = |r: &PlaceRef| layers.get(r.layer as usize).is_some_and(|l| l.demonyms);
        // the demonym's own country is still named ("Saudi jets": several
        // corpora count such adjectives as mentions of the country)
        let foreign: HashSet<usize> = self
            .evidence_matches(prep, text)
            .iter()
            .filter(|d| d.last == d.first + 1)
            .filter(|d| {
                spots.iter().any(|s| {
                    s.first == d.first
                        && s.last == d.last
                        && !s
                            .candidates
                            .iter()
                            .any(|(_, p)| d.candidates.iter().any(|(_, q)| q.id == p.id))
                })
            })
            .map(|d| d.first)
            .collect();
        spots.retain_mut(|s| {
            if s.last != s.first + 1 || !adjectival.contains(&s.first) {
                return true;
            }
            if foreign.contains(&s.first) {
                return false;
            }
            if s.candidates.iter().any(|(r, _)| demonym_layer(r)) {
                s.candidates.retain(|(r, _)| demonym_layer(r));
            }
            true
        });
    }

    /// Resolves spots with the user's and the document's preferences.
    fn resolve(
        &self,
        spots: &[Spot],
        prep: &Prepared,
        text: &str,
        meta: &Metadata,
    ) -> Vec<Option<Resolution>> {
        let evidence = self.evidence_spots(spots, prep, text);
        if evidence.is_empty() {
            return resolve(
                spots,
                &prep.tokens,
                text,
                &self.preferred(meta),
                &self.options.prefer_admin1,
            );
        }
        let mut all = spots.to_vec();
        all.extend(evidence);
        let mut choices = resolve(
            &all,
            &prep.tokens,
            text,
            &self.preferred(meta),
            &self.options.prefer_admin1,
        );
        choices.truncate(spots.len());
        choices
    }

    /// Demonyms that the spotting rules accept and that overlap no spot
    /// ("Palestinian", "Iraqi"): what countries the text is about.
    fn evidence_spots(&self, spots: &[Spot], prep: &Prepared, text: &str) -> Vec<Spot> {
        let found = self.evidence_matches(prep, text);
        if found.is_empty() {
            return Vec::new();
        }
        let verdicts = verdicts_of(found, prep);
        found
            .iter()
            .zip(verdicts)
            .filter(|(e, v)| {
                v.is_ok() && !spots.iter().any(|s| s.first < e.last && e.first < s.last)
            })
            .map(|(e, _)| e.clone())
            .collect()
    }

    /// Every match of the embedded demonyms in the document (none when the
    /// gazetteer tags demonyms itself), found once per document: spotting
    /// reads them for adjectives ("Somali officials"), resolution for the
    /// countries a text is about.
    fn evidence_matches<'p>(&self, prep: &'p Prepared, text: &str) -> &'p [Spot] {
        match &self.evidence {
            Some(g) => prep
                .evidence
                .get_or_init(|| exact_matches(g, &prep.tokens, text)),
            None => &[],
        }
    }

    fn preferred(&self, meta: &Metadata) -> Vec<String> {
        let mut v = self.options.prefer_countries.clone();
        if let Some(c) = &meta.country {
            v.push(c.clone());
        }
        v
    }

    fn mentions(
        &self,
        doc_id: &Arc<str>,
        text: &str,
        prep: &Prepared,
        spots: &[Spot],
        choices: Vec<Option<Resolution>>,
    ) -> Vec<Option<Mention>> {
        let sents = &prep.sents;
        let spans: Vec<(usize, usize, usize, usize)> = spots
            .iter()
            .map(
                |s| match prep.sent_of.get(s.first).and_then(|&k| sents.get(k)) {
                    Some(x) => (s.start, s.end, x.start.min(s.start), x.end.max(s.end)),
                    None => (s.start, s.end, s.start, s.end),
                },
            )
            .collect();
        let bytes: Vec<usize> = spans
            .iter()
            .flat_map(|&(a, b, c, d)| [a, b, c, d])
            .collect();
        let cps = char_offsets(text, &bytes);
        let mut n = 0;
        let mut out = Vec::with_capacity(spots.len());
        // the sentence of the previous mention, shared while it is the same
        let mut sentence: Option<(usize, usize, Arc<str>)> = None;
        let no_attribution = Arc::new(Attribution::default());
        for (k, (s, choice)) in spots.iter().zip(choices).enumerate() {
            let Some(r) = choice else {
                out.push(None);
                continue;
            };
            let (_, _, ss, se) = spans[k];
            let sentence = match &sentence {
                Some((a, b, t)) if (*a, *b) == (ss, se) => Arc::clone(t),
                _ => {
                    let t: Arc<str> = Arc::from(&text[ss..se]);
                    sentence = Some((ss, se, Arc::clone(&t)));
                    t
                }
            };
            n += 1;
            out.push(Some(Mention {
                doc_id: Arc::clone(doc_id),
                n,
                surface: text[s.start..s.end].to_string(),
                start: cps[4 * k],
                end: cps[4 * k + 1],
                sentence,
                sentence_start: cps[4 * k + 2],
                sentence_end: cps[4 * k + 3],
                place: shared_place(s, Some(r.place_ref), &r.place),
                match_kind: s.kind,
                similarity: chosen_similarity(s, &r.place_ref),
                confidence: r.confidence,
                // by reference: collecting from `into_iter` would reuse
                // (and keep) the allocation sized for whole places
                alternatives: r
                    .alternatives
                    .iter()
                    .map(|(place, score)| Alternative {
                        place: shared_place(s, None, place),
                        score: *score,
                    })
                    .collect(),
                attribution: Arc::clone(&no_attribution),
            }));
        }
        out
    }
}

fn doc_meta(meta: &Metadata, places: &[Spot]) -> DocMeta {
    // a blank author or publisher names nobody: the next one is the narrator
    let named = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    DocMeta {
        author: named(&meta.author),
        publisher: named(&meta.publisher),
        places: places.iter().map(PlaceSpan::of_spot).collect(),
    }
}

/// The spot's own copy of a place the resolution chose (its candidates are
/// shared with the gazetteer's cache and with every spot of the same name),
/// so that a mention holds a reference rather than a copy. The resolution
/// returns places by value; the candidate is taken only when it is equal to
/// that value (same id, as candidates are deduplicated by id, and same
/// fields), so the output cannot change; otherwise the value is wrapped.
fn shared_place(s: &Spot, r: Option<PlaceRef>, place: &Place) -> Arc<Place> {
    let found = s
        .candidates
        .iter()
        .find(|(cr, p)| r.is_none_or(|r| *cr == r) && p.id == place.id);
    match found {
        Some((_, p)) if **p == *place => Arc::clone(p),
        _ => Arc::new(place.clone()),
    }
}

/// Shares one [`Attribution`] between the mentions that have the same: the
/// places of one quotation, of the narrator, of a source that speaks in
/// sentence after sentence. The few most recent distinct values are kept
/// (most recent first), so memory stays bounded and a lookup is a handful
/// of comparisons.
#[derive(Default)]
struct SharedAttribution {
    recent: Vec<Arc<Attribution>>,
}

/// How many distinct attributions [`SharedAttribution`] remembers.
const RECENT_ATTRIBUTIONS: usize = 8;

impl SharedAttribution {
    fn get(&mut self, a: Attribution) -> Arc<Attribution> {
        if let Some(k) = self.recent.iter().position(|r| **r == a) {
            let r = self.recent.remove(k);
            self.recent.insert(0, Arc::clone(&r));
            return r;
        }
        let a = Arc::new(a);
        self.recent.truncate(RECENT_ATTRIBUTIONS - 1);
        self.recent.insert(0, Arc::clone(&a));
        a
    }
}

fn renumber(mentions: &mut [Mention]) {
    for (i, m) in mentions.iter_mut().enumerate() {
        m.n = i + 1;
    }
}

/// Texts longer than this are tagged in windows of whole sentences.
const WINDOW_BYTES: usize = 1 << 20;

/// One exact match and what the spotting rules said about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpotVerdict {
    /// Byte offset of the match.
    pub start: usize,
    /// End byte offset, exclusive.
    pub end: usize,
    /// None when kept; else why it was dropped.
    pub dropped: Option<Drop>,
}

/// Sentences and tokens of a text, and where each token stands.
struct Prepared {
    sents: Vec<Sentence>,
    tokens: Vec<Token>,
    /// Sentence of each token (`usize::MAX` outside any).
    sent_of: Vec<usize>,
    /// The token starts a sentence or a quotation.
    initial: Vec<bool>,
    /// What the document says about people's names.
    people: PeopleCues,
    /// The one mark, with spaces around it at most, that separates each
    /// token from the one before: a comma ("Beaver, West Virginia"), an
    /// ampersand ("Stevens & Wilkinson").
    mark_before: Vec<Option<char>>,
    /// The matches of the embedded demonyms ([`Tagger::evidence_matches`]).
    evidence: std::cell::OnceCell<Vec<Spot>>,
}

impl Prepared {
    /// True when only `mark` (and spaces) separates token `k` from the one
    /// before.
    fn mark_before(&self, k: usize, mark: char) -> bool {
        self.mark_before.get(k) == Some(&Some(mark))
    }

    fn new(text: &str) -> Prepared {
        let sents = sentences(text);
        let tokens = tokenize(text);
        let mut sent_of = vec![usize::MAX; tokens.len()];
        let mut initial = vec![false; tokens.len()];
        let mut si = 0;
        for (k, t) in tokens.iter().enumerate() {
            while si < sents.len() && sents[si].end <= t.start {
                si += 1;
            }
            if si < sents.len() && sents[si].start <= t.start {
                sent_of[k] = si;
                initial[k] = k == 0 || sent_of[k - 1] != si;
            }
        }
        // A token right after an opening quotation mark starts a sentence too.
        for k in 1..tokens.len() {
            let gap = &text[tokens[k - 1].end..tokens[k].start];
            if gap.contains(['“', '‘', '"', '«']) && !gap.contains(['”', '’', '»']) {
                initial[k] = true;
            }
        }
        let people = PeopleCues::of(&tokens, text);
        let mark_before = (0..tokens.len())
            .map(|k| {
                let gap = if k > 0 {
                    text[tokens[k - 1].end..tokens[k].start].trim()
                } else {
                    ""
                };
                let mut chars = gap.chars();
                chars.next().filter(|_| chars.next().is_none())
            })
            .collect();
        Prepared {
            sents,
            tokens,
            sent_of,
            initial,
            mark_before,
            people,
            evidence: std::cell::OnceCell::new(),
        }
    }
}

/// The similarity of the chosen candidate's name to the text (a variant's
/// candidates each have their own; the spot's is the best of them).
fn chosen_similarity(s: &Spot, chosen: &PlaceRef) -> f64 {
    s.candidates
        .iter()
        .position(|(r, _)| r.layer == chosen.layer && r.place == chosen.place)
        .and_then(|k| s.sims.get(k).copied())
        .unwrap_or(s.similarity)
}

/// How far a variant's candidate may lie from a place named exactly in the
/// same document.
const VARIANT_RADIUS_KM: f64 = 150.0;

/// In a document without geographic context, a variant of a prominent place
/// (a city of this size, or a province) is accepted when it is this similar.
const PROMINENT_POPULATION: u64 = 100_000;
const PROMINENT_SIMILARITY: f64 = 0.9;

/// In a document of the country, a variant of a prominent place without a
/// locative before it ("Residents of Ajdabia") is accepted when it is this
/// similar.
const COUNTRY_SIMILARITY: f64 = 0.95;

/// A city of `PROMINENT_POPULATION`, a seat of a division, or a division.
fn prominent(p: &Place) -> bool {
    p.population >= PROMINENT_POPULATION
        || matches!(
            p.feature_code.as_str(),
            "PPLC" | "PPLA" | "PPLA2" | "ADM1" | "ADM2"
        )
}

/// Keeps only the variant candidates that the rest of the document supports
/// (or, in a document that names no place exactly, prominent places spelled
/// closely):
/// within `VARIANT_RADIUS_KM` of a place named exactly (its most populous
/// candidate that is not a country or continent), or inside a first-level
/// division named exactly. A surname that happens to resemble a village on
/// another continent goes; "Khaneqain" in a text about Diyala stays.
/// Without context, a single word that is a given name ("Herta", "Loralee")
/// is taken for the person, not for a prominent place it resembles (Herat,
/// Loralai).
fn coherent_variants(variants: &mut Vec<Spot>, exact: &[Spot], tokens: &[Token]) {
    let mut anchors: Vec<(f64, f64)> = Vec::new();
    let mut divisions: HashSet<(String, String)> = HashSet::new();
    let mut countries: HashSet<String> = HashSet::new();
    let mut sole: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for s in exact {
        for (_, p) in &s.candidates {
            if p.is_admin1() {
                divisions.insert((p.country_code.clone(), p.admin1_code.clone()));
            }
        }
        // a country's name is the country (not a village of that name
        // somewhere else, which would make a false anchor)
        if let Some((_, c)) = s.candidates.iter().find(|(_, p)| p.is_country()) {
            countries.insert(c.country_code.clone());
            continue;
        }
        // names whose every candidate lies in one country: two of them make
        // the country the document's
        if let Some((_, first)) = s.candidates.first() {
            if s.candidates
                .iter()
                .all(|(_, p)| p.country_code == first.country_code)
            {
                *sole.entry(first.country_code.clone()).or_insert(0usize) += 1;
            }
        }
        let best = s
            .candidates
            .iter()
            .filter(|(_, p)| !p.is_country() && p.feature_code != "CONT")
            .max_by_key(|(_, p)| p.population);
        if let Some((_, p)) = best {
            anchors.push((p.lat, p.lon));
        }
    }
    for (cc, n) in sole {
        if n >= 2 {
            countries.insert(cc);
        }
    }
    // Distinct anchors by latitude: a candidate is compared only with the
    // anchors of its latitude band (a place more than VARIANT_RADIUS_KM
    // north or south cannot be within it), so long documents stay linear.
    anchors.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    anchors.dedup();
    let band = VARIANT_RADIUS_KM / crate::geo::EARTH_RADIUS_KM.to_radians() + 1e-6;
    // A document that names no place exactly gives no context to check
    // against: then only prominent places spelled closely are accepted.
    let no_context = anchors.is_empty() && divisions.is_empty() && countries.is_empty();
    for v in variants.iter_mut() {
        // with no place named exactly, a variant needs place context of its
        // own: a locative before it ("reported in Khaneqain"), not a name
        // in a list of people ("Perera", "Jayasuriya" in a Sri Lankan story)
        let locative = {
            // back to the start of the name the variant ends ("in Khan al
            // Mahawil", "in Bandar-e Now Shahr", "in the Al Mosul district",
            // "in `Udayn"): over capitalised words and short particles
            use crate::spotting::{in_list, people::LOCATIVES};
            let mut k = v.first;
            let mut found = false;
            while k > 0 && v.first - k < 8 {
                let p = &tokens[k - 1];
                if !p.capitalized && in_list(LOCATIVES, &p.key) {
                    found = true;
                    break;
                }
                if !(p.capitalized || p.key.len() <= 3 || tokens[k].sep == crate::text::Sep::Hyphen)
                {
                    break;
                }
                k -= 1;
            }
            found
        };
        let given_name = v.last == v.first + 1
            && tokens
                .get(v.first)
                .is_some_and(|t| crate::spotting::is_given_name(&t.key));
        let keep: Vec<bool> = v
            .candidates
            .iter()
            .enumerate()
            .map(|(k, (_, p))| {
                let sim = v.sims.get(k).copied().unwrap_or(v.similarity);
                divisions.contains(&(p.country_code.clone(), p.admin1_code.clone()))
                    || {
                        let lo = anchors.partition_point(|a| a.0 < p.lat - band);
                        let hi = anchors.partition_point(|a| a.0 <= p.lat + band);
                        anchors[lo..hi].iter().any(|a| {
                            crate::geo::haversine_km(a.0, a.1, p.lat, p.lon) <= VARIANT_RADIUS_KM
                        })
                    }
                    || (no_context
                        && !given_name
                        && locative
                        && sim >= PROMINENT_SIMILARITY
                        && prominent(p))
                    // in a country the document names: a seat or a large
                    // city, or any place after a locative ("in Hawija" in
                    // a story that names only Iraq)
                    || (countries.contains(&p.country_code)
                        && !given_name
                        && (locative || sim >= COUNTRY_SIMILARITY)
                        && prominent(p))
            })
            .collect();
        let mut k = 0;
        v.candidates.retain(|_| {
            k += 1;
            keep[k - 1]
        });
        let mut k = 0;
        if !v.sims.is_empty() {
            v.sims.retain(|_| {
                k += 1;
                keep[k - 1]
            });
        }
        v.similarity = v
            .sims
            .iter()
            .cloned()
            .fold(0.0, f64::max)
            .max(if v.sims.is_empty() { v.similarity } else { 0.0 });
    }
    variants.retain(|v| !v.candidates.is_empty());
}

/// Applies the spotting rules (`spotting::judge`) and the one-sense-per-
/// document rule for people's names; returns the spots kept and the keys of
/// people's names (with those already known).
fn filter_spots(
    spots: Vec<Spot>,
    prep: &Prepared,
    known_persons: &HashSet<String>,
) -> (Vec<Spot>, HashSet<String>) {
    let tokens = &prep.tokens;
    let verdicts = verdicts_of(&spots, prep);
    let mut persons = person_keys(&spots, tokens, &verdicts);
    persons.extend(known_persons.iter().cloned());
    let kept = spots
        .into_iter()
        .zip(verdicts)
        .filter(|(s, v)| v.is_ok() && !persons.contains(&spot_key(s, tokens)))
        .map(|(s, _)| s)
        .collect();
    (kept, persons)
}

/// The spotting rules' verdict on each spot, in context.
fn verdicts_of(spots: &[Spot], prep: &Prepared) -> Vec<Result<(), Drop>> {
    let tokens = &prep.tokens;
    // Spots naming a country, a province or a large place: a name right
    // after one is not inside a longer name; a firm's partner may share its
    // name with a small place only ("Stevens & Wilkinson"; not "Dallas &
    // Fort Worth")
    let large: Vec<&Spot> = spots
        .iter()
        .filter(|s| {
            s.candidates
                .iter()
                .any(|(_, p)| p.is_country() || p.is_admin1() || p.population >= 100_000)
        })
        .collect();
    let spot_ends: HashSet<usize> = large.iter().map(|s| s.last).collect();
    let large_starts: HashSet<usize> = large.iter().map(|s| s.first).collect();
    let spot_starts: HashSet<usize> = spots.iter().map(|s| s.first).collect();
    // Token positions that start a spot naming a country or a province,
    // after a comma: the container of the name before ("Beaver, West
    // Virginia").
    let containers: HashSet<usize> = spots
        .iter()
        .filter(|s| {
            prep.mark_before(s.first, ',')
                && s.candidates
                    .iter()
                    .any(|(_, p)| p.is_country() || p.is_admin1())
        })
        .map(|s| s.first)
        .collect();
    spots
        .iter()
        .enumerate()
        .map(|(k, s)| {
            // the spot that ends right before this one, if any
            let adjacent = k
                .checked_sub(1)
                .map(|j| &spots[j])
                .filter(|b| b.last == s.first);
            let ctx = Context {
                after_spot: adjacent.is_some(),
                container_of_previous: prep.mark_before(s.first, ',')
                    && adjacent.is_some_and(|b| contains_one_of(s, b)),
                sentence_initial: prep.initial[s.first],
                prev_is_place: spot_ends.contains(&s.first),
                next_is_place: spot_starts.contains(&s.last),
                container_follows: containers.contains(&s.last),
                firm_partner: (prep.mark_before(s.last, '&')
                    && tokens.get(s.last).is_some_and(|t| t.capitalized)
                    && !large_starts.contains(&s.last))
                    || (prep.mark_before(s.first, '&')
                        && s.first > 0
                        && tokens[s.first - 1].capitalized
                        && !spot_ends.contains(&s.first)),
            };
            judge_with(s, tokens, ctx, &prep.people)
        })
        .collect()
}

/// True when a division among the candidates of `outer` contains a
/// candidate of `inner` ("Thruxton, Hampshire": both in England; not
/// "Ohio, No.", where "No." names a Haitian department).
fn contains_one_of(outer: &Spot, inner: &Spot) -> bool {
    outer.candidates.iter().any(|(_, d)| {
        let division = d.is_country() || d.is_admin1() || d.feature_code == "ADM2";
        division
            && inner.candidates.iter().any(|(_, p)| {
                p.id != d.id
                    && p.country_code == d.country_code
                    && (d.is_country() || p.admin1_code == d.admin1_code)
            })
    })
}

/// The verdict of every exact match of a text, for diagnostics: kept
/// (`None`) or why it was dropped.
fn exact_verdicts(gaz: &Gazetteer, prep: &Prepared, text: &str) -> Vec<SpotVerdict> {
    let spots = exact_matches(gaz, &prep.tokens, text);
    let verdicts = verdicts_of(&spots, prep);
    let persons = person_keys(&spots, &prep.tokens, &verdicts);
    spots
        .iter()
        .zip(verdicts)
        .map(|(s, v)| SpotVerdict {
            start: s.start,
            end: s.end,
            dropped: match v {
                Err(d) => Some(d),
                Ok(()) if persons.contains(&spot_key(s, &prep.tokens)) => Some(Drop::Person),
                Ok(()) => None,
            },
        })
        .collect()
}

/// A spot for a given byte span: the tokens inside it and the candidates of
/// its folded text.
fn given_spot(gaz: &Gazetteer, tokens: &[Token], text: &str, start: usize, end: usize) -> Spot {
    let first = tokens.partition_point(|t| t.end <= start);
    let last = tokens.partition_point(|t| t.start < end).max(first);
    let key = crate::normalize::fold(text.get(start..end).unwrap_or(""));
    let mut candidates = gaz.candidates(&key);
    if candidates.is_empty() && first < last {
        let k = tokens[first..last]
            .iter()
            .map(|t| t.key.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if k != key {
            candidates = gaz.candidates(&k);
        }
    }
    Spot {
        first: first.min(tokens.len().saturating_sub(1)),
        last: last.max(first + 1).min(tokens.len().max(1)),
        start,
        end,
        candidates: candidates
            .into_iter()
            .map(|(r, p)| (r, std::sync::Arc::new(p)))
            .collect(),
        kind: MatchKind::Exact,
        similarity: 1.0,
        sims: Vec::new(),
    }
}

/// The source phrases of the document's relations that hold a spot (read
/// once per spot by the two checks below).
fn sources_holding(attr: &DocAttribution, s: &Spot) -> Vec<ByteSpan> {
    attr.spans()
        .iter()
        .filter_map(|r| r.source)
        .filter(|x| x.start <= s.start && s.end <= x.end)
        .collect()
}

/// True when a spot lies in the name of a person who is some relation's
/// source and is described after a comma ("Chad Jordan, a US official,
/// said"): the name is two or more capitalised words with no title
/// ("Mosul Governor Ali Hamid, a Sunni politician" keeps Mosul), and the
/// description makes a person.
fn in_named_person(held: &[ByteSpan], text: &str, s: &Spot) -> bool {
    held.iter().any(|x| {
        let phrase = &text[x.start..x.end];
        let Some((name, described)) = phrase.split_once(',') else {
            return false;
        };
        let words: Vec<&str> = name.split_whitespace().collect();
        s.end <= x.start + name.len()
            && words.len() >= 2
            && words.iter().all(|w| {
                w.starts_with(char::is_uppercase)
                    && !crate::spotting::in_list(
                        crate::spotting::TITLES,
                        &crate::normalize::fold(w),
                    )
            })
            && matches!(
                described.split_whitespace().next(),
                Some("a" | "an" | "the" | "one")
            )
            && crate::attribution::coref::kind_of(phrase)
                == crate::attribution::coref::EntityKind::Person
    })
}

/// True when a spot ends a person's name that is some relation's source
/// ("resident Musa Borno told", "Police spokesman Abdifatah Aden said",
/// "Radio Free Asia reported"): one word after a capitalised word that
/// itself follows a word (no sentence's first word, no title, no
/// possessive, no article, no common word unless a given name), with no
/// capitalised word after it. A place
/// that opens a name stays ("Alexandria police said", "the Athens Police
/// Department said": news corpora annotate those places).
fn ends_source_name(held: &[ByteSpan], tokens: &[Token], s: &Spot) -> bool {
    use crate::text::Sep;
    if held.is_empty() || s.last != s.first + 1 || s.first < 2 || s.last > tokens.len() {
        return false;
    }
    let (t, w) = (&tokens[s.first], &tokens[s.first - 1]);
    let name_word = w.capitalized
        && !w.all_caps
        && !w.possessive
        && w.sep == Sep::Space
        && !matches!(w.key.as_str(), "the" | "a" | "an")
        && !crate::attribution::cues::is_person_title(&w.key)
        // a given name, not a word of an organisation's name ("Environment
        // Canada", "SOS Children's Villages Sudan", "Metro Vancouver")
        && (!crate::spotting::is_common_word(&w.key) || crate::spotting::is_given_name(&w.key));
    let ends = !t.possessive
        && tokens
            .get(s.last)
            .is_none_or(|n| n.sep != Sep::Space || !(n.capitalized || n.all_caps));
    t.sep == Sep::Space && name_word && ends
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_support::{check_countries, check_tagged, tag};

    #[test]
    fn windows_give_the_offsets_of_the_whole_text() {
        let tagger = Tagger::new(Gazetteer::embedded().unwrap());
        let text = "Fighting was reported in Baghdad and Mosul, officials said. \
                    « Nous avons quitté Erbil », a dit un habitant de Kirkuk. "
            .repeat(40);
        let whole = tagger.tag_windowed("d", &text, &Metadata::default(), usize::MAX);
        let windowed = tagger.tag_windowed("d", &text, &Metadata::default(), 500);
        assert!(whole.len() >= 160, "{}", whole.len());
        assert_eq!(whole.len(), windowed.len());
        let chars: Vec<char> = text.chars().collect();
        for (a, b) in whole.iter().zip(&windowed) {
            assert_eq!((a.start, a.end, &a.surface), (b.start, b.end, &b.surface));
            assert_eq!(
                (a.sentence_start, a.sentence_end),
                (b.sentence_start, b.sentence_end)
            );
            assert_eq!(a.place.id, b.place.id);
            let s: String = chars[b.start..b.end].iter().collect();
            assert_eq!(s, b.surface);
            assert_eq!(
                b.n,
                windowed.iter().position(|m| m.start == b.start).unwrap() + 1
            );
        }
    }

    #[test]
    fn a_place_ending_a_source_person_name_is_no_place() {
        // (text, surface, times tagged)
        let cases = [
            (
                "Police spokesman Abdifatah Aden said the siege in Mogadishu was over.",
                "Aden",
                0,
            ),
            (
                "Resident Musa Borno said gunmen fled toward Maiduguri.",
                "Borno",
                0,
            ),
            (
                "Deputy Coroner Bill Salisbury said the road was closed.",
                "Salisbury",
                0,
            ),
            (
                "Mogadishu is calm, police spokesman Abdifatah Aden said.",
                "Mogadishu",
                1,
            ),
            // must stay: a place that opens a name, an organisation's name,
            // a place after its title, a place in no source
            (
                "Alexandria police said the road was closed.",
                "Alexandria",
                1,
            ),
            (
                "Environment Canada meteorologist Gabor Fricska said it was cold.",
                "Canada",
                1,
            ),
            ("Drones struck Aden, the governor said.", "Aden", 1),
            ("Gunmen reached Musa Borno village.", "Borno", 1),
            // a described person's name of place names
            (
                "Chad Jordan, a US official, said the cartels had moved to Sinaloa.",
                "Jordan",
                0,
            ),
            (
                "Chad Jordan, a US official, said the cartels had moved to Sinaloa.",
                "Chad",
                0,
            ),
            (
                "Chad Jordan, a US official, said the cartels had moved to Sinaloa.",
                "Sinaloa",
                1,
            ),
            // a place before a title stays
            (
                "Mosul Governor Ali Hamid, a Sunni politician, said the road was open.",
                "Mosul",
                1,
            ),
        ];
        check_tagged(&cases);
    }

    #[test]
    fn articles_geography_words_and_vessels_are_no_places() {
        // (text, surface, times tagged)
        let cases = [
            (
                "Fighting continued in Al Jazira state, the army said.",
                "Al",
                0,
            ),
            ("A drone was shot down over the Gulf of Aden.", "Gulf", 0),
            // nor the land the gulf is named after, which the embedded
            // gazetteer's seas-less data would put at the city
            // (`resolution::names_water_of`)
            ("A drone was shot down over the Gulf of Aden.", "Aden", 0),
            ("The cruiser Moskva sank near Odesa.", "Moskva", 0),
            ("The cruiser Moskva sank near Odesa.", "Odesa", 1),
            // must stay: the place after a vessel's route, a country's gulf
            ("The ship sailed to Odesa.", "Odesa", 1),
            (
                "Troops moved to Gulf province in Papua New Guinea.",
                "Gulf",
                1,
            ),
        ];
        check_tagged(&cases);
    }

    #[test]
    fn a_province_named_by_a_common_word_inside_a_name_is_no_place() {
        // (text, surface, times tagged)
        check_tagged(&[
            (
                "The Government of National Unity sits in Tripoli.",
                "Unity",
                0,
            ),
            (
                "The Gulf Maritime Risk Centre said attacks shifted.",
                "Maritime",
                0,
            ),
            (
                "The Gulf Maritime Risk Centre said attacks shifted.",
                "Gulf",
                0,
            ),
            // must stay: before a word of place, alone, after a compass
            // word, and a state's abbreviation
            ("Troops moved to Unity state.", "Unity", 1),
            ("Fighting in Unity and Upper Nile continued.", "Unity", 1),
            ("Bodies were found in West Wales.", "Wales", 1),
            ("Missing Ill. man found in lake.", "Ill.", 1),
        ]);
    }

    #[test]
    fn a_lowercase_article_joined_by_a_hyphen_is_part_of_the_name() {
        // (text, surface, country)
        crate::test_support::check_countries(&[
            (
                "Fighting continued in al-Bayda province, Yemen.",
                "al-Bayda",
                "YE",
            ),
            ("He fled el-Fasher.", "el-Fasher", "SD"),
            // must stay: the capitalised article
            (
                "They fled from Sana'a, Taiz and Al Bayda.",
                "Al Bayda",
                "YE",
            ),
        ]);
        // must stay: an article inside a longer name starts no name
        check_tagged(&[("Clashes in Bab el-Oued, Algiers.", "el-Oued", 0)]);
    }

    #[test]
    fn congo_is_chosen_by_its_context() {
        // (text, surface, country): "Congo" names both countries
        // (gazetteer/short-names.tsv)
        crate::test_support::check_countries(&[
            ("Rebels entered Goma, in eastern Congo.", "Congo", "CD"),
            (
                "Brazzaville, the capital of Congo, was calm.",
                "Congo",
                "CG",
            ),
        ]);
    }

    #[test]
    fn a_short_city_in_capitals_opens_a_dateline() {
        // (text, surface, times tagged)
        check_tagged(&[
            ("KYIV, Ukraine (Reuters) - Drones hit Odesa.", "KYIV", 1),
            ("GAZA (Reuters) - Strikes killed 12 people.", "GAZA", 1),
            ("JUBA (AFP) - Clashes erupted.", "JUBA", 1),
            // must stay: a speaker's label in an oral history, and short
            // words in capitals elsewhere
            (
                "Back then.\n\nDYER: By the time I went, it was over.",
                "DYER",
                0,
            ),
            ("Talks resumed. GAZA talks (Reuters) stalled.", "GAZA", 0),
        ]);
    }

    #[test]
    fn an_article_after_of_may_be_left_out() {
        // (text, surface, country)
        let cases = [
            (
                "Refugees fled the Democratic Republic of Congo.",
                "Democratic Republic of Congo",
                "CD",
            ),
            (
                "Refugees fled the Democratic Republic of the Congo.",
                "Democratic Republic of the Congo",
                "CD",
            ),
            // must not change: the other Congo by its own name
            (
                "Refugees fled the Republic of Congo.",
                "Republic of Congo",
                "CG",
            ),
        ];
        check_countries(&cases);
    }

    #[test]
    fn a_much_larger_seat_by_spelling_joins_small_exact_places() {
        // "Nikolayev" is exactly only villages (and a dictionary surname);
        // by spelling it is also Mykolayiv, a seat of 470,000
        let ms = tag("Shelling hit Nikolayev, officials said.");
        let m = ms.iter().find(|m| m.surface == "Nikolayev");
        assert_eq!(
            m.map(|m| m.place.feature_code.as_str()),
            Some("PPLA"),
            "{ms:?}"
        );
        // must not: a given name or a common word meets no larger seat
        // abroad ("Alexander" is not Alexandria, Egypt)
        let ms = tag("Alexander Liberman painted in Arkansas.");
        assert!(ms.iter().all(|m| m.place.country_code != "EG"), "{ms:?}");
    }

    #[test]
    fn longer_names_and_peoples_do_not_hide_places() {
        // (text, surface, how many times tagged)
        let cases = [
            // a seat ending a longer place's name does not make a person of
            // the seat in the whole document
            (
                "They go to Fallujah. They end up in a camp outside Amiriyat al-Fallujah.",
                "Fallujah",
                1,
            ),
            // ... nor does a seat after a person's "al-" (the family name
            // of a place ends in "-i"); a small place is that person's
            // name everywhere
            ("Troops reached Tanta. Ahmed al-Tanta spoke.", "Tanta", 1),
            (
                "Nouri al-Maliki spoke. Maliki said the vote was fair.",
                "Maliki",
                0,
            ),
            // a people before its fighters is no place by an alternate name
            (
                "Kuki militants attacked a village near Churachandpur.",
                "Kuki",
                0,
            ),
            (
                "Kuki militants attacked a village near Churachandpur.",
                "Churachandpur",
                1,
            ),
        ];
        check_tagged(&cases);
    }

    #[test]
    fn a_blank_author_gives_way_to_the_publisher() {
        let tagger = Tagger::new(Gazetteer::embedded().unwrap());
        for (author, want) in [
            (Some("  "), "Daily Planet"),
            (Some(""), "Daily Planet"),
            (None, "Daily Planet"),
            (Some(" Ana Lenz "), "Ana Lenz"),
        ] {
            let meta = Metadata {
                author: author.map(str::to_string),
                publisher: Some("Daily Planet".into()),
                ..Metadata::default()
            };
            let ms = tagger.tag_windowed("d", "Rain fell in Baghdad.", &meta, usize::MAX);
            assert_eq!(
                ms[0].attribution.source.as_deref(),
                Some(want),
                "{author:?}"
            );
        }
    }
}
