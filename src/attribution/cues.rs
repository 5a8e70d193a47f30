//! Reporting cues: the verbs and phrases that introduce what a source says,
//! writes or thinks, with their inflections, and the small word lists the
//! phrase finder needs (no part-of-speech tagger is used).
//!
//! The verb inventory follows published reporting-verb lists (the PARC
//! attribution corpus cue verbs, Pareti's reporting-verb classes and the
//! Gender Gap Tracker quote verbs): speech (say, tell, add, reply), writing
//! (write, post, tweet), assertion (claim, insist, argue, state), discovery
//! and report (reveal, report, find, show), and the belief verbs that news
//! uses for attribution (believe, think, fear). Inflected forms are found by
//! undoing regular suffixes; irregular forms are listed.

/// Base forms of regular reporting verbs (lowercase, sorted).
const LEMMAS: &[&str] = &[
    "accuse",
    "acknowledge",
    "add",
    "admit",
    "advise",
    "affirm",
    "agree",
    "allege",
    "announce",
    "answer",
    "argue",
    "ask",
    "assert",
    "assure",
    "believe",
    "blame",
    "blast",
    "boast",
    "brag",
    "caution",
    "charge",
    "cite",
    "claim",
    "comment",
    "complain",
    "concede",
    "conclude",
    "confirm",
    "contend",
    "continue",
    "counter",
    "criticize",
    "declare",
    "deny",
    "describe",
    "disclose",
    "dismiss",
    "doubt",
    "emphasise",
    "emphasize",
    "estimate",
    "exclaim",
    "explain",
    "fear",
    "forecast",
    "highlight",
    "hope",
    "indicate",
    "inform",
    "insist",
    "instruct",
    "joke",
    "lament",
    "learn",
    "maintain",
    "mention",
    "note",
    "observe",
    "order",
    "pledge",
    "post",
    "predict",
    "proclaim",
    "promise",
    "propose",
    "question",
    "quip",
    "quote",
    "recall",
    "recount",
    "reiterate",
    "remark",
    "remind",
    "repeat",
    "reply",
    "report",
    "respond",
    "retort",
    "reveal",
    "say",
    "scream",
    "shout",
    "signal",
    "speculate",
    "state",
    "stress",
    "suggest",
    "suspect",
    "testify",
    "threaten",
    "tweet",
    "underline",
    "underscore",
    "unveil",
    "urge",
    "vow",
    "warn",
    "whisper",
    "wonder",
    "worry",
    "yell",
];

/// Irregular and otherwise unreachable forms (lowercase, sorted).
const IRREGULAR: &[&str] = &[
    "felt", "find", "finding", "finds", "found", "knew", "know", "knowing", "known", "knows",
    "said", "say", "saying", "says", "show", "showed", "showing", "shown", "shows", "spoke",
    "spoken", "tell", "telling", "tells", "think", "thinking", "thinks", "thought", "told",
    "write", "writes", "writing", "written", "wrote",
];

/// Cue forms that are also common nouns: a cue only when not after a
/// determiner ("the report said" has one cue, "said").
const NOUN_LIKE: &[&str] = &[
    "answer", "charge", "claim", "comment", "estimate", "fear", "forecast", "hope", "order",
    "pledge", "post", "promise", "question", "quote", "remark", "report", "reply", "signal",
    "state", "stress", "tweet", "vow", "warning", "worry",
];

/// Verbs of thinking, knowing and finding: cues only with a source before
/// them and a clause after (not "as they say").
const WEAK: &[&str] = &[
    "believe",
    "continue",
    "doubt",
    "fear",
    "find",
    "hope",
    "know",
    "learn",
    "order",
    "show",
    "speculate",
    "suspect",
    "think",
    "wonder",
    "worry",
];

fn undouble(stem: &str) -> Option<&str> {
    let b = stem.as_bytes();
    let n = b.len();
    (n >= 3 && b[n - 1] == b[n - 2]).then(|| &stem[..n - 1])
}

/// The lemma of `w` (lowercase) when it is a form of a reporting verb.
pub fn cue_lemma(w: &str) -> Option<&'static str> {
    if let Ok(i) = IRREGULAR.binary_search(&w) {
        let f = IRREGULAR[i];
        return Some(match f.as_bytes().first() {
            Some(b'f') if f.starts_with("fe") => "feel",
            Some(b'f') => "find",
            Some(b'k') => "know",
            Some(b's') if f.starts_with("sh") => "show",
            Some(b's') if f.starts_with("sp") => "speak",
            Some(b's') => "say",
            Some(b't') if f.starts_with("th") => "think",
            Some(b't') => "tell",
            _ => "write",
        });
    }
    if w.len() < 3 || w.len() > 24 || !w.is_ascii() {
        return None;
    }
    let lookup = |s: &str| LEMMAS.binary_search(&s).ok().map(|i| LEMMAS[i]);
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
    for suf in ["s", "es", "ed", "d", "ing"] {
        let Some(stem) = w.strip_suffix(suf) else {
            continue;
        };
        if stem.len() < 2 {
            continue;
        }
        if let Some(l) = lookup(stem) {
            return Some(l);
        }
        if suf == "ing" || suf == "ed" {
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

/// True when `lemma` is also a common noun (see [`NOUN_LIKE`]).
pub fn noun_like(lemma: &str) -> bool {
    NOUN_LIKE.contains(&lemma)
}

/// True when `lemma` is a verb of thinking or finding (see [`WEAK`]).
pub fn weak(lemma: &str) -> bool {
    WEAK.contains(&lemma)
}

/// True for forms of "be" (a passive "was said to" is no cue).
pub fn is_be(w: &str) -> bool {
    matches!(
        w,
        "be" | "is" | "are" | "was" | "were" | "been" | "being" | "am" | "’s" | "'s"
    )
}

/// Auxiliaries and adverbs that may stand between a source and its verb
/// ("has insisted", "also said", "reportedly told", "did not say").
pub fn is_aux(w: &str) -> bool {
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
            | "not"
            | "never"
            | "also"
            | "then"
            | "later"
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
    ) || (w.len() > 4 && w.ends_with("ly") && !w.ends_with("ply"))
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
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted() {
        assert!(LEMMAS.windows(2).all(|w| w[0] < w[1]));
        assert!(IRREGULAR.windows(2).all(|w| w[0] < w[1]));
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
    }
}
