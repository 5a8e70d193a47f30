//! Reporting cues: the verbs and phrases that introduce what a source says,
//! writes or thinks, with their inflections, and the small word lists the
//! phrase finder needs (no part-of-speech tagger is used).
//!
//! The verb inventory follows published reporting-verb lists (the PARC
//! attribution corpus cue verbs, Pareti's reporting-verb classes and the
//! Gender Gap Tracker quote verbs): speech (say, tell, add, reply), writing
//! (write, post, tweet), assertion (claim, insist, argue, state), discovery
//! and report (reveal, report, find, show), and the belief verbs that news
//! uses for attribution (believe, think, fear). PolNeAR (Newell et al. 2018)
//! also annotates intent and evaluation as attribution ("wants", "hopes",
//! "plans", "endorsed", "praised", "criticized", "called for", "urged"), so
//! those verbs are cues too, with the same conditions as belief verbs (see
//! [`weak`]). Inflected forms are found by undoing regular suffixes;
//! irregular forms are listed with their lemmas.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

/// Base forms of regular reporting verbs (lowercase, sorted).
const LEMMAS: &[&str] = &[
    "accuse",
    "acknowledge",
    "add",
    "admit",
    "advise",
    "advocate",
    "affirm",
    "agree",
    "allege",
    "allude",
    "announce",
    "answer",
    "anticipate",
    "apologize",
    "appeal",
    "applaud",
    "argue",
    "ask",
    "assail",
    "assert",
    "assume",
    "assure",
    "attack",
    "attest",
    "attribute",
    "aver",
    "back",
    "balk",
    "believe",
    "bemoan",
    "blame",
    "blast",
    "boast",
    "brag",
    "brush",
    "call",
    "caution",
    "celebrate",
    "challenge",
    "champion",
    "chant",
    "characterise",
    "characterize",
    "charge",
    "cheer",
    "chide",
    "cite",
    "claim",
    "clarify",
    "comment",
    "complain",
    "concede",
    "conclude",
    "concur",
    "condemn",
    "confess",
    "confide",
    "confirm",
    "congratulate",
    "conjecture",
    "consider",
    "contend",
    "continue",
    "convince",
    "counter",
    "credit",
    "criticise",
    "criticize",
    "declare",
    "decline",
    "decry",
    "deem",
    "defend",
    "demand",
    "denounce",
    "deny",
    "deplore",
    "deride",
    "describe",
    "detail",
    "disagree",
    "disclose",
    "discuss",
    "dismiss",
    "dispute",
    "distance",
    "divulge",
    "document",
    "doubt",
    "downplay",
    "dub",
    "echo",
    "elaborate",
    "email",
    "emphasise",
    "emphasize",
    "encourage",
    "endorse",
    "envision",
    "estimate",
    "exclaim",
    "expect",
    "explain",
    "express",
    "fear",
    "feel",
    "forecast",
    "grumble",
    "guarantee",
    "guess",
    "hail",
    "highlight",
    "hint",
    "hope",
    "hypothesize",
    "imagine",
    "imply",
    "indicate",
    "infer",
    "inform",
    "inquire",
    "insinuate",
    "insist",
    "instruct",
    "intend",
    "interject",
    "invoke",
    "issue",
    "joke",
    "justify",
    "label",
    "lambast",
    "lament",
    "lash",
    "laud",
    "learn",
    "liken",
    "list",
    "mention",
    "mock",
    "murmur",
    "muse",
    "mutter",
    "negotiate",
    "note",
    "notify",
    "object",
    "observe",
    "offer",
    "opine",
    "oppose",
    "order",
    "outline",
    "persuade",
    "plan",
    "plead",
    "pledge",
    "point",
    "portray",
    "posit",
    "post",
    "praise",
    "predict",
    "prefer",
    "presume",
    "proclaim",
    "project",
    "promise",
    "pronounce",
    "propose",
    "protest",
    "push",
    "query",
    "question",
    "quip",
    "quote",
    "rail",
    "react",
    "reaffirm",
    "realize",
    "reassure",
    "rebuff",
    "rebuke",
    "rebut",
    "recall",
    "reckon",
    "recognise",
    "recognize",
    "recommend",
    "recount",
    "refer",
    "reference",
    "refuse",
    "reiterate",
    "reject",
    "relay",
    "remark",
    "remember",
    "remind",
    "repeat",
    "reply",
    "report",
    "request",
    "respond",
    "retort",
    "retweet",
    "reveal",
    "ridicule",
    "rule",
    "say",
    "scoff",
    "scold",
    "scream",
    "see",
    "seek",
    "shout",
    "sigh",
    "signal",
    "single",
    "slam",
    "sound",
    "spar",
    "specify",
    "speculate",
    "state",
    "stipulate",
    "stress",
    "suggest",
    "support",
    "surmise",
    "suspect",
    "swear",
    "talk",
    "testify",
    "thank",
    "theorize",
    "threaten",
    "tout",
    "tweet",
    "underline",
    "underscore",
    "unveil",
    "urge",
    "view",
    "voice",
    "vouch",
    "vow",
    "want",
    "warn",
    "weigh",
    "welcome",
    "whisper",
    "wish",
    "wonder",
    "worry",
    "yell",
];

/// Irregular and otherwise unreachable forms with their lemmas (sorted).
const IRREGULAR: &[(&str, &str)] = &[
    ("felt", "feel"),
    ("find", "find"),
    ("finding", "find"),
    ("finds", "find"),
    ("found", "find"),
    ("knew", "know"),
    ("know", "know"),
    ("knowing", "know"),
    ("known", "know"),
    ("knows", "know"),
    ("said", "say"),
    ("saw", "see"),
    ("say", "say"),
    ("saying", "say"),
    ("says", "say"),
    ("seen", "see"),
    ("show", "show"),
    ("showed", "show"),
    ("showing", "show"),
    ("shown", "show"),
    ("shows", "show"),
    ("sought", "seek"),
    ("swore", "swear"),
    ("sworn", "swear"),
    ("tell", "tell"),
    ("telling", "tell"),
    ("tells", "tell"),
    ("think", "think"),
    ("thinking", "think"),
    ("thinks", "think"),
    ("thought", "think"),
    ("told", "tell"),
    ("write", "write"),
    ("writes", "write"),
    ("writing", "write"),
    ("written", "write"),
    ("wrote", "write"),
];

/// Cue forms that are also common nouns: a cue only when not after a
/// determiner ("the report said" has one cue, "said").
const NOUN_LIKE: &[&str] = &[
    "answer",
    "appeal",
    "attack",
    "back",
    "boast",
    "brush",
    "call",
    "challenge",
    "champion",
    "chant",
    "charge",
    "cheer",
    "claim",
    "comment",
    "counter",
    "credit",
    "demand",
    "detail",
    "distance",
    "document",
    "doubt",
    "echo",
    "email",
    "estimate",
    "express",
    "fear",
    "forecast",
    "guarantee",
    "guess",
    "hail",
    "hint",
    "hope",
    "issue",
    "joke",
    "label",
    "list",
    "object",
    "offer",
    "order",
    "outline",
    "plan",
    "pledge",
    "point",
    "post",
    "praise",
    "project",
    "promise",
    "protest",
    "push",
    "query",
    "question",
    "quip",
    "quote",
    "rail",
    "reference",
    "relay",
    "remark",
    "reply",
    "report",
    "request",
    "retweet",
    "rule",
    "sigh",
    "signal",
    "single",
    "slam",
    "sound",
    "spar",
    "state",
    "stress",
    "support",
    "talk",
    "thank",
    "tweet",
    "view",
    "voice",
    "vow",
    "warning",
    "welcome",
    "wish",
    "wonder",
    "worry",
];

/// Verbs of thinking, knowing, finding, wanting and judging (PolNeAR's
/// belief, intent and evaluation cues: "wants", "hopes", "praised",
/// "called for"): cues only with a source before them and words after
/// (not "as they say", not an inversion "…, hoped the Council").
const WEAK: &[&str] = &[
    "advocate",
    "allude",
    "anticipate",
    "apologize",
    "appeal",
    "applaud",
    "assail",
    "assume",
    "attack",
    "attribute",
    "back",
    "balk",
    "believe",
    "bemoan",
    "blame",
    "blast",
    "brush",
    "call",
    "celebrate",
    "challenge",
    "champion",
    "chant",
    "characterise",
    "characterize",
    "cheer",
    "chide",
    "condemn",
    "congratulate",
    "consider",
    "continue",
    "convince",
    "credit",
    "criticise",
    "criticize",
    "decline",
    "decry",
    "deem",
    "defend",
    "demand",
    "denounce",
    "deplore",
    "deride",
    "detail",
    "discuss",
    "distance",
    "document",
    "doubt",
    "downplay",
    "dub",
    "echo",
    "email",
    "encourage",
    "endorse",
    "envision",
    "expect",
    "fear",
    "feel",
    "find",
    "guess",
    "hail",
    "hope",
    "imagine",
    "infer",
    "intend",
    "interject",
    "invoke",
    "issue",
    "justify",
    "know",
    "label",
    "lambast",
    "lash",
    "laud",
    "learn",
    "liken",
    "list",
    "mock",
    "negotiate",
    "object",
    "offer",
    "oppose",
    "order",
    "outline",
    "persuade",
    "plan",
    "point",
    "portray",
    "praise",
    "prefer",
    "presume",
    "project",
    "push",
    "rail",
    "react",
    "realize",
    "rebuff",
    "rebuke",
    "rebut",
    "reckon",
    "recognise",
    "recognize",
    "refer",
    "reference",
    "refuse",
    "reject",
    "remember",
    "request",
    "retweet",
    "ridicule",
    "rule",
    "scold",
    "see",
    "seek",
    "show",
    "single",
    "slam",
    "sound",
    "spar",
    "speculate",
    "support",
    "suspect",
    "talk",
    "thank",
    "think",
    "tout",
    "view",
    "voice",
    "vouch",
    "want",
    "weigh",
    "welcome",
    "wish",
    "wonder",
    "worry",
];

/// Verbs of political action that PolNeAR annotates as an actor's claim
/// with their object ("sided with", "voted against", "signed", "named"),
/// chosen on PolNeAR train: those whose relations were right at least 30 %
/// of the time (four or more times) when every verb of a named subject was
/// tried. Base forms, sorted.
const EVENT_LEMMAS: &[&str] = &[
    "address",
    "adopt",
    "aim",
    "allow",
    "appoint",
    "attempt",
    "block",
    "choose",
    "compare",
    "cover",
    "decide",
    "deliver",
    "determine",
    "devote",
    "display",
    "double",
    "embrace",
    "enjoy",
    "expand",
    "experience",
    "expose",
    "fail",
    "file",
    "fire",
    "focus",
    "follow",
    "go",
    "hire",
    "include",
    "knock",
    "make",
    "name",
    "nominate",
    "open",
    "opt",
    "pass",
    "present",
    "provide",
    "publish",
    "rally",
    "release",
    "reverse",
    "roll",
    "send",
    "share",
    "side",
    "sign",
    "stop",
    "strike",
    "touch",
    "unleash",
    "vote",
];

/// Irregular past forms of [`EVENT_LEMMAS`] (sorted).
const EVENT_IRREGULAR: &[(&str, &str)] = &[
    ("chose", "choose"),
    ("made", "make"),
    ("sent", "send"),
    ("struck", "strike"),
    ("went", "go"),
];

/// The lemma of `w` (lowercase) when it is an inflected form of an event
/// verb (see [`EVENT_LEMMAS`]); the bare form returns itself.
pub fn event_lemma(w: &str) -> Option<&'static str> {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    let tables = TABLES.get_or_init(|| Tables::new(EVENT_LEMMAS, EVENT_IRREGULAR));
    if !tables.may_hold(w) {
        return None;
    }
    if let Some(lemma) = tables.irregular.get(w) {
        return Some(lemma);
    }
    if w.len() > 24 || !w.is_ascii() {
        return None;
    }
    regular_lemma(w, &tables.lemmas, false)
}

/// A lemma list and its irregular forms as hash tables: a word is looked up
/// up to ten times (once per suffix undone), for every word of a document,
/// so a hash lookup instead of a binary search over a few hundred strings
/// matters (about 8 % of tagging time, session 12).
struct Tables {
    lemmas: FxHashSet<&'static str>,
    irregular: FxHashMap<&'static str, &'static str>,
    /// The first three bytes of every lemma of four letters or more and of
    /// every irregular form: a regular form of such a lemma starts with
    /// them (suffixes are only appended; a final "e" dropped before "-ing"
    /// or "-ed", a "y" made "ied" and a doubled consonant all come after
    /// the third letter). A bit set over three lowercase ASCII letters
    /// (26³ bits); a word with another byte among its first three passes.
    three: Box<[u64; THREE_WORDS]>,
    /// The first two bytes of the shorter lemmas and forms, as a bit set:
    /// "cry" gives "cried", "use" gives "using".
    two: Box<[u64; 1024]>,
}

impl Tables {
    fn new(
        lemmas: &'static [&'static str],
        irregular: &'static [(&'static str, &'static str)],
    ) -> Self {
        let mut two = Box::new([0u64; 1024]);
        let mut three = Box::new([0u64; THREE_WORDS]);
        let irregular_forms = irregular.iter().map(|(f, _)| f);
        for (w, lemma) in lemmas
            .iter()
            .map(|w| (w, true))
            .chain(irregular_forms.map(|w| (w, false)))
        {
            match w.as_bytes() {
                [a, b, c, rest @ ..] if !(lemma && rest.is_empty()) => {
                    if let Some(i) = three_index(*a, *b, *c) {
                        set_bit(&mut three[..], i);
                    }
                }
                [a, b, ..] => {
                    set_bit(&mut two[..], two_index(*a, *b));
                    if let [a, b'y'] = w.as_bytes() {
                        // "-ied" of a two-letter lemma in "y"
                        set_bit(&mut two[..], two_index(*a, b'i'));
                    }
                }
                _ => {}
            }
        }
        Tables {
            lemmas: lemmas.iter().copied().collect(),
            irregular: irregular.iter().copied().collect(),
            three,
            two,
        }
    }

    /// False when no form of the list can start like `w`: most words of a
    /// text stop here, before the lookups of every suffix undone.
    fn may_hold(&self, w: &str) -> bool {
        let b = w.as_bytes();
        if let [x, y, z, ..] = b {
            match three_index(*x, *y, *z) {
                Some(i) if has_bit(&self.three[..], i) => return true,
                None => return true,
                Some(_) => {}
            }
        }
        match b {
            [x, y, ..] => has_bit(&self.two[..], two_index(*x, *y)),
            _ => false,
        }
    }
}

fn set_bit(bits: &mut [u64], i: usize) {
    bits[i / 64] |= 1 << (i % 64);
}

fn has_bit(bits: &[u64], i: usize) -> bool {
    bits[i / 64] & (1 << (i % 64)) != 0
}

/// The bit of two bytes (65,536 bits).
fn two_index(a: u8, b: u8) -> usize {
    (usize::from(a) << 8) | usize::from(b)
}

const THREE_WORDS: usize = (26 * 26 * 26usize).div_ceil(64);

/// The bit of three lowercase ASCII letters, None for any other byte.
fn three_index(a: u8, b: u8, c: u8) -> Option<usize> {
    let l = |x: u8| x.is_ascii_lowercase().then(|| usize::from(x - b'a'));
    Some((l(a)? * 26 + l(b)?) * 26 + l(c)?)
}

/// The lemma in `lemmas` (sorted) of which `w` is a regular form: `w`
/// itself, or `w` without "-s", "-es", "-ed", "-d" (and "-ing" when `ing`),
/// with a final "e" restored or a doubled consonant undone after "-ed" and
/// "-ing", or with "-ied"/"-ies" made "-y". `w` is lowercase ASCII of at
/// most 24 bytes: stems are built without allocating.
fn regular_lemma(w: &str, lemmas: &FxHashSet<&'static str>, ing: bool) -> Option<&'static str> {
    let lookup = |s: &str| lemmas.get(s).copied();
    if let Some(l) = lookup(w) {
        return Some(l);
    }
    // stems without allocating: "stem", "stem" + "e", "ste" (undoubled), "stem" + "y"
    let mut buf = [0u8; 32];
    let with = |buf: &mut [u8; 32], stem: &str, tail: &[u8]| -> Option<&'static str> {
        let n = stem.len();
        buf[..n].copy_from_slice(stem.as_bytes());
        buf[n..n + tail.len()].copy_from_slice(tail);
        std::str::from_utf8(&buf[..n + tail.len()])
            .ok()
            .and_then(lookup)
    };
    let suffixes: &[&str] = if ing {
        &["s", "es", "ed", "d", "ing"]
    } else {
        &["s", "es", "ed", "d"]
    };
    for suf in suffixes {
        let Some(stem) = w.strip_suffix(suf) else {
            continue;
        };
        if stem.len() < 2 {
            continue;
        }
        if let Some(l) = lookup(stem) {
            return Some(l);
        }
        if *suf == "ing" || *suf == "ed" {
            if let Some(l) = with(&mut buf, stem, b"e") {
                return Some(l);
            }
            if let Some(l) = undouble(stem).and_then(lookup) {
                return Some(l);
            }
        }
    }
    let stem = w.strip_suffix("ied").or_else(|| w.strip_suffix("ies"))?;
    with(&mut buf, stem, b"y")
}

fn undouble(stem: &str) -> Option<&str> {
    let b = stem.as_bytes();
    let n = b.len();
    (n >= 3 && b[n - 1] == b[n - 2]).then(|| &stem[..n - 1])
}

/// The lemma of `w` (lowercase) when it is a form of a reporting verb.
pub fn cue_lemma(w: &str) -> Option<&'static str> {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    let tables = TABLES.get_or_init(|| Tables::new(LEMMAS, IRREGULAR));
    if !tables.may_hold(w) {
        return None;
    }
    if let Some(lemma) = tables.irregular.get(w) {
        return Some(lemma);
    }
    if w.len() < 3 || w.len() > 24 || !w.is_ascii() {
        return None;
    }
    regular_lemma(w, &tables.lemmas, true)
}

/// True when `lemma` is also a common noun (see [`NOUN_LIKE`]).
pub fn noun_like(lemma: &str) -> bool {
    NOUN_LIKE.binary_search(&lemma).is_ok()
}

/// True when `lemma` is a verb of thinking or finding (see [`WEAK`]).
pub fn weak(lemma: &str) -> bool {
    WEAK.binary_search(&lemma).is_ok()
}

/// True for forms of "be" (a passive "was said to" is no cue).
pub fn is_be(w: &str) -> bool {
    matches!(
        w,
        "be" | "is" | "are" | "was" | "were" | "been" | "being" | "am" | "’s" | "'s"
    )
}

/// Modal verbs and the auxiliaries "have" and "do" ("has insisted", "will
/// say", "did not").
pub fn is_modal(w: &str) -> bool {
    matches!(
        w,
        "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "must"
            | "should"
            | "shall"
            | "did"
            | "does"
            | "do"
    )
}

/// Auxiliaries and adverbs that may stand between a source and its verb
/// ("has insisted", "also said", "reportedly told", "did not say", "don't
/// think", "have long worried", "they all said").
pub fn is_aux(w: &str) -> bool {
    is_modal(w)
        || matches!(
            w,
            "not"
                | "never"
                | "also"
                | "then"
                | "later"
                | "soon"
                | "since"
                | "earlier"
                | "today"
                | "yesterday"
                | "previously"
                | "once"
                | "first"
                | "further"
                | "again"
                | "often"
                | "always"
                | "already"
                | "still"
                | "too"
                | "recently"
                | "just"
                | "even"
                | "repeatedly"
                | "reportedly"
                | "publicly"
                | "privately"
                | "openly"
                | "flatly"
                | "simply"
                | "quickly"
                | "previous"
                | "now"
                | "n’t"
                | "n't"
                | "long"
                | "ever"
                | "all"
                | "both"
                | "only"
                | "merely"
        )
        || (w.len() > 4
            && w.ends_with("ly")
            && !w.ends_with("ply")
            && !matches!(
                w,
                "rally" | "family" | "ally" | "assembly" | "daily" | "weekly" | "monthly" | "bully"
            ))
        || (w.len() > 3 && (w.ends_with("n't") || w.ends_with("n’t")))
}

/// Determiners and possessive pronouns that start a noun phrase.
pub fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "this"
            | "these"
            | "those"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "your"
            | "one"
            | "two"
            | "three"
            | "four"
            | "five"
            | "several"
            | "some"
            | "many"
            | "most"
            | "other"
            | "another"
            | "each"
            | "every"
            | "both"
            | "few"
            | "all"
            | "no"
            | "any"
    )
}

/// Personal pronouns that can be a source on their own.
pub fn is_pronoun(w: &str) -> bool {
    matches!(
        w,
        "he" | "she" | "they" | "it" | "we" | "i" | "you" | "who" | "someone" | "everyone"
    )
}

/// Prepositions that may sit inside a source phrase ("one resident of X",
/// "a spokesman for X", "a fighter with X").
pub fn is_np_preposition(w: &str) -> bool {
    matches!(
        w,
        "of" | "for" | "with" | "at" | "from" | "in" | "to" | "on" | "and" | "&"
    )
}

/// Words that never belong to a source phrase: they end the walk.
pub fn is_stop(w: &str) -> bool {
    matches!(
        w,
        "that"
            | "which"
            | "whom"
            | "whose"
            | "what"
            | "where"
            | "when"
            | "while"
            | "why"
            | "how"
            | "but"
            | "or"
            | "nor"
            | "so"
            | "yet"
            | "because"
            | "as"
            | "if"
            | "although"
            | "though"
            | "than"
            | "since"
            | "until"
            | "unless"
            | "whether"
            | "there"
            | "here"
            | "by"
            | "into"
            | "about"
            | "after"
            | "before"
            | "during"
            | "against"
            | "under"
            | "over"
            | "through"
            | "without"
            | "like"
            | "per"
            | "via"
            | "however"
            | "meanwhile"
            | "instead"
            | "also"
            | "not"
            | "who"
            | "it"
            | "this"
            | "to"
    )
}

/// Words of time that follow a verb without being its source ("said Tuesday").
pub fn is_temporal(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "yesterday"
            | "tonight"
            | "earlier"
            | "later"
            | "last"
            | "this"
            | "next"
            | "recently"
            | "previously"
            | "afterwards"
            | "then"
            | "now"
            | "again"
            | "once"
            | "in"
            | "on"
            | "at"
            | "during"
            | "late"
            | "early"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// Lowercase head nouns of generic organisation references ("the newspaper").
pub fn is_org_noun(w: &str) -> bool {
    matches!(
        w,
        "newspaper"
            | "paper"
            | "outlet"
            | "website"
            | "site"
            | "agency"
            | "group"
            | "organization"
            | "organisation"
            | "network"
            | "channel"
            | "broadcaster"
            | "magazine"
            | "daily"
            | "ministry"
            | "department"
            | "government"
            | "administration"
            | "council"
            | "committee"
            | "company"
            | "firm"
            | "campaign"
            | "party"
            | "movement"
            | "coalition"
            | "report"
            | "statement"
            | "study"
            | "survey"
            | "poll"
            | "army"
            | "military"
            | "police"
            | "office"
            | "embassy"
            | "station"
            | "tv"
            | "radio"
            | "times"
            | "news"
            | "post"
            | "press"
            | "resistance"
            | "international"
            | "union"
            | "association"
            | "institute"
            | "foundation"
            | "commission"
            | "court"
            | "board"
            | "bureau"
            | "service"
            | "force"
            | "forces"
            | "center"
            | "centre"
            | "watch"
            | "journal"
            | "tribune"
            | "herald"
            | "guardian"
            | "telegraph"
            | "inc"
            | "corp"
            | "command"
            | "headquarters"
            | "authority"
            | "directorate"
            | "brigade"
            | "brigades"
            | "battalion"
            | "regiment"
            | "corps"
            | "front"
            | "observatory"
            | "monitor"
            | "mission"
    )
}

/// Words that mark a person ("Minister", "spokesman", "Mr").
pub fn is_person_title(w: &str) -> bool {
    matches!(
        w,
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "president"
            | "minister"
            | "secretary"
            | "senator"
            | "sen"
            | "rep"
            | "gov"
            | "governor"
            | "gen"
            | "general"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "chairman"
            | "chairwoman"
            | "leader"
            | "ambassador"
            | "mayor"
            | "king"
            | "queen"
            | "prince"
            | "ayatollah"
            | "sheikh"
            | "professor"
            | "prof"
            | "judge"
            | "commander"
            | "colonel"
            | "col"
            | "captain"
            | "lawmaker"
            | "official"
            | "resident"
            | "fighter"
            | "witness"
            | "man"
            | "woman"
            | "candidate"
            | "director"
            | "chief"
            | "analyst"
            | "expert"
            | "author"
            | "activist"
            | "lawyer"
            | "father"
            | "mother"
            | "envoy"
            | "rapporteur"
            | "negotiator"
            | "mediator"
            | "commissioner"
            | "coordinator"
            | "prosecutor"
            | "diplomat"
            | "representative"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every form the suffix rules accept passes the prefix filter: the
    /// filter only saves lookups, it never hides a cue or an event.
    #[test]
    fn prefix_filter_keeps_every_form() {
        for (lemmas, irregular, ing) in [
            (LEMMAS, IRREGULAR, true),
            (EVENT_LEMMAS, EVENT_IRREGULAR, false),
        ] {
            let tables = Tables::new(lemmas, irregular);
            for lemma in lemmas {
                let mut forms = vec![lemma.to_string()];
                for suf in ["s", "es", "ed", "d", "ing"] {
                    forms.push(format!("{lemma}{suf}"));
                }
                let last = lemma.chars().last().unwrap_or('x');
                let stem = &lemma[..lemma.len() - 1];
                if last == 'e' {
                    forms.push(format!("{stem}ing"));
                    forms.push(format!("{stem}ed"));
                }
                if last == 'y' {
                    forms.push(format!("{stem}ied"));
                    forms.push(format!("{stem}ies"));
                }
                forms.push(format!("{lemma}{last}ed"));
                forms.push(format!("{lemma}{last}ing"));
                for f in forms {
                    if regular_lemma(&f, &tables.lemmas, ing).is_some() {
                        assert!(tables.may_hold(&f), "{f} (of {lemma}) is filtered out");
                    }
                }
            }
            for (form, _) in irregular {
                assert!(tables.may_hold(form), "{form} is filtered out");
            }
        }
        // and the filter does filter: common words stop before any lookup
        let tables = Tables::new(LEMMAS, IRREGULAR);
        for w in ["and", "a", "was", "on", "to", "is", "by", "he"] {
            assert!(!tables.may_hold(w), "{w} passes");
        }
    }

    #[test]
    fn lists_are_sorted() {
        assert!(LEMMAS.windows(2).all(|w| w[0] < w[1]));
        assert!(NOUN_LIKE.windows(2).all(|w| w[0] < w[1]));
        assert!(WEAK.windows(2).all(|w| w[0] < w[1]));
        assert!(IRREGULAR.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(EVENT_LEMMAS.windows(2).all(|w| w[0] < w[1]));
        assert!(EVENT_IRREGULAR.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn inflections() {
        let cases = [
            ("said", Some("say")),
            ("says", Some("say")),
            ("told", Some("tell")),
            ("wrote", Some("write")),
            ("writing", Some("write")),
            ("noted", Some("note")),
            ("noting", Some("note")),
            ("insisted", Some("insist")),
            ("warns", Some("warn")),
            ("added", Some("add")),
            ("admitted", Some("admit")),
            ("denied", Some("deny")),
            ("replies", Some("reply")),
            ("argued", Some("argue")),
            ("unveiled", Some("unveil")),
            ("announced", Some("announce")),
            ("alleges", Some("allege")),
            ("quoted", Some("quote")),
            ("thought", Some("think")),
            ("road", None),
            ("basra", None),
            ("sad", None),
            ("stated", Some("state")),
            ("stressed", Some("stress")),
        ];
        for (w, want) in cases {
            assert_eq!(cue_lemma(w), want, "{w}");
        }
        // the prefix filter of cue_lemma relies on this
        for l in LEMMAS {
            assert!(l.len() >= 3, "{l}");
        }
    }
}
