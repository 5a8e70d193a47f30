//! Words and punctuation of the text, and the source phrase (a noun phrase as
//! written) before or after a cue. Without a part-of-speech tagger, a phrase
//! is found from capitalisation, determiners, a few function words and the
//! punctuation that bounds phrases.

use super::cues::{
    cue_lemma, is_aux, is_be, is_determiner, is_np_preposition, is_pronoun, is_stop, is_temporal,
    noun_like,
};
use super::quotes::is_quote_char;

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A word (letters, digits, inner apostrophes, hyphens and periods).
    Word,
    /// A punctuation character other than a quotation mark.
    Punct(char),
    /// A whole quotation nested one level below the sequence (its index).
    Hole(usize),
}

/// A word, a punctuation mark or a nested quotation, with byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// Word, punctuation or quotation.
    pub kind: ItemKind,
    /// The word in lowercase, without a possessive `’s` (empty otherwise).
    pub lower: String,
    /// The word starts with an uppercase letter.
    pub cap: bool,
    /// The word carries a possessive `’s`.
    pub possessive: bool,
    /// The reporting verb the word is a form of ([`cue_lemma`] of `lower`,
    /// found once here rather than at every look).
    pub lemma: Option<&'static str>,
}

impl Item {
    /// True for a word.
    pub fn is_word(&self) -> bool {
        self.kind == ItemKind::Word
    }

    /// The lemma of a cue word written bare or with "-s" ("report",
    /// "reports", "state"): the forms that may also be a noun.
    pub fn bare_lemma(&self) -> Option<&'static str> {
        self.lemma
            .filter(|&l| self.lower == l || self.lower.strip_suffix('s') == Some(l))
    }
}

fn is_apos(c: char) -> bool {
    matches!(c, '’' | '\'' | 'ʼ')
}

/// Splits `text` into words and punctuation (quotation marks are left out;
/// quotations come in as holes later).
pub fn items(text: &str) -> Vec<Item> {
    // about one item for every five bytes of English news
    let mut out = Vec::with_capacity(text.len() / 5 + 8);
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            if !is_quote_char(c) {
                out.push(Item {
                    start: i,
                    end: i + c.len_utf8(),
                    kind: ItemKind::Punct(c),
                    lower: String::new(),
                    cap: false,
                    possessive: false,
                    lemma: None,
                });
            }
            continue;
        }
        let mut end = i + c.len_utf8();
        let mut prev = c;
        loop {
            let rest = &text[end..];
            let mut cs = rest.chars();
            let Some(n) = cs.next() else { break };
            if n.is_alphanumeric() || (!n.is_ascii() && unicode_mark(n)) {
                end += n.len_utf8();
                prev = n;
                continue;
            }
            let after = cs.next();
            if n == '.' && title_period(&text[i..end], &text[end + 1..]) {
                end += 1; // "Mr.", "Sen.", the initial in "Benjamin J. Rhodes"
                break;
            }
            if n == '.' && after == Some(',') && prev.is_alphabetic() {
                end += 1; // an abbreviation before a comma: "Carthage, Ill., said"
                break;
            }
            if n == '.' && matches!(&text[i..end], "Jr" | "Sr") {
                end += 1; // "Donald Trump Jr. said": the name goes on
                break;
            }
            if n == '.'
                && prev.is_uppercase()
                && text[i..end].chars().rev().nth(1) == Some('.')
                && !after.is_some_and(char::is_alphanumeric)
            {
                end += 1; // the last period of "U.S."
                break;
            }
            let joins = match n {
                '-' | '‐' | '.' => after.is_some_and(char::is_alphanumeric),
                ',' => prev.is_ascii_digit() && after.is_some_and(|a| a.is_ascii_digit()),
                x if is_apos(x) => after.is_some_and(char::is_alphabetic),
                _ => false,
            };
            if !joins {
                break;
            }
            end += n.len_utf8();
            prev = n;
        }
        while it.peek().is_some_and(|&(k, _)| k < end) {
            it.next();
        }
        let word = &text[i..end];
        let (base, possessive) = match word.char_indices().rev().nth(1) {
            Some((k, a)) if is_apos(a) && (word.ends_with('s') || word.ends_with('S')) => {
                (&word[..k], true)
            }
            _ => (word, false),
        };
        let lower = if base.is_ascii() {
            base.to_ascii_lowercase()
        } else {
            base.to_lowercase()
        };
        out.push(Item {
            start: i,
            end,
            kind: ItemKind::Word,
            lemma: cue_lemma(&lower),
            lower,
            cap: c.is_uppercase(),
            possessive,
        });
    }
    out
}

/// Titles written with a period before a name ("Mr.", "Sen.", "Gov.").
const TITLE_ABBREVIATIONS: &[&str] = &[
    "adm", "capt", "cmdr", "col", "dr", "gen", "gov", "hon", "lt", "maj", "mr", "mrs", "ms",
    "pres", "prof", "rep", "rev", "sen", "sgt", "st", "supt",
];

/// True when the period after `word` belongs to it: a title or an initial
/// followed by a capitalised word ("Mr. Lou", "Benjamin J. Rhodes").
fn title_period(word: &str, rest: &str) -> bool {
    let mut cs = rest.chars();
    if cs.next() != Some(' ') || !cs.next().is_some_and(char::is_uppercase) {
        return false;
    }
    let mut wc = word.chars();
    let initial = matches!((wc.next(), wc.next()), (Some(c), None) if c.is_uppercase());
    initial
        || (word.len() <= 4
            && word.starts_with(char::is_uppercase)
            && TITLE_ABBREVIATIONS
                .iter()
                .any(|t| t.eq_ignore_ascii_case(word)))
}

fn unicode_mark(c: char) -> bool {
    // combining diacritics (U+0300–U+036F) stay inside words
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Items `a..=b` of a sequence.
pub type Range = (usize, usize);

fn word<'a>(seq: &'a [&Item], k: usize) -> Option<&'a Item> {
    seq.get(k).copied().filter(|x| x.is_word())
}

/// True when a word cannot be part of a source phrase.
fn breaks_phrase(x: &Item) -> bool {
    let w = x.lower.as_str();
    if x.cap {
        return is_stop(w);
    }
    let verb = x
        .lemma
        .is_some_and(|l| !noun_like(l) || w.ends_with("ed") || w.ends_with("ing"));
    is_stop(w) || is_aux(w) || is_be(w) || verb
}

/// The source phrase that ends at item `j` (walking left), as an inclusive
/// range of `seq`. A pronoun is a phrase of its own; an appositive name
/// before ", a …" is included ("Alla Maki, a local lawmaker").
pub fn phrase_before(seq: &[&Item], j: usize) -> Option<Range> {
    // a share: "47% say", "a 69% majority of X" ends with a word
    if seq.get(j).is_some_and(|x| x.kind == ItemKind::Punct('%')) {
        let n = word(seq, j.checked_sub(1)?)?;
        if !n.lower.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        return Some((j - 1, j));
    }
    let last = word(seq, j)?;
    // a name that ends with a numeral: "Kurdistan 24", "France 24",
    // "Channel 4"
    if !last.lower.is_empty() && last.lower.bytes().all(|b| b.is_ascii_digit()) {
        if let Some((a, _)) = j
            .checked_sub(1)
            .filter(|&k| word(seq, k).is_some_and(|p| p.cap && !is_stop(&p.lower)))
            .and_then(|k| phrase_before(seq, k))
        {
            return Some((a, j));
        }
    }
    // (a number after "of" ends a longer phrase: "a father of three",
    // "a mother of five")
    let of_number = is_number(&last.lower)
        && j >= 2
        && word(seq, j - 1).is_some_and(|p| p.lower == "of")
        && word(seq, j - 2).is_some_and(|p| !is_number(&p.lower) && !breaks_phrase(p));
    if of_number {
        let (a, _) = phrase_before(seq, j - 2)?;
        return Some((a, j));
    }
    if standalone_quantifier(&last.lower) {
        // "most said", "another says", "two in three said", "they all say"
        let prev = j.checked_sub(1).and_then(|k| word(seq, k));
        let start = match prev {
            Some(p) if is_pronoun(&p.lower) && p.lower != "who" => j - 1,
            Some(p)
                if p.lower == "in"
                    && j >= 2
                    && word(seq, j - 2).is_some_and(|x| is_number(&x.lower)) =>
            {
                j - 2
            }
            _ => j,
        };
        return Some((start, j));
    }
    let w = last.lower.as_str();
    if w == "who" {
        return None;
    }
    if is_pronoun(w) {
        return Some((j, j));
    }
    if breaks_phrase(last) || is_determiner(w) || is_np_preposition(w) {
        return None;
    }
    let mut start = j;
    let mut k = j;
    while k > 0 && j - k < 12 {
        let Some(prev) = word(seq, k - 1) else { break };
        let pw = prev.lower.as_str();
        if is_determiner(pw) {
            start = k - 1;
            // "of the X" continues; otherwise the determiner opens the phrase
            let inner = k >= 3
                && word(seq, k - 2).is_some_and(|p| {
                    is_np_preposition(&p.lower) && p.lower != "and" && p.lower != "to"
                })
                && word(seq, k - 3).is_some_and(|p| !breaks_phrase(p));
            if !inner {
                break;
            }
            k -= 2;
            continue;
        }
        if is_np_preposition(pw) {
            let before = word(seq, k.wrapping_sub(2)).filter(|_| k >= 2);
            let ok = match before {
                Some(b) if !breaks_phrase(b) && !is_pronoun(&b.lower) => {
                    if pw == "and" || pw == "&" {
                        b.cap && seq[k].cap
                    } else {
                        pw != "to" && !is_determiner(&b.lower)
                    }
                }
                _ => false,
            };
            if !ok {
                break;
            }
            k -= 1;
            continue;
        }
        // a capitalised preposition inside a name: "Doctors Without
        // Borders", "Reporters Without Borders"
        let inside_name = prev.cap
            && seq[k].cap
            && matches!(pw, "without" | "against" | "beyond" | "under" | "over")
            && k >= 2
            && word(seq, k - 2).is_some_and(|b| b.cap && !breaks_phrase(b));
        if inside_name {
            start = k - 2;
            k -= 2;
            continue;
        }
        if (breaks_phrase(prev) && !ly_after_determiner(seq, k - 1)) || is_pronoun(pw) {
            break;
        }
        start = k - 1;
        k -= 1;
    }
    // an appositive: "Name Name, a title said"
    if start >= 2
        && word(seq, start).is_some_and(|d| is_determiner(&d.lower))
        && seq[start - 1].kind == ItemKind::Punct(',')
        && word(seq, start - 2).is_some_and(|x| x.cap)
    {
        // a capitalised function word opens no name: "In Syria, the
        // Observatory said" has no appositive
        let name_word = |x: &Item| x.cap && !is_stop(&x.lower) && !is_np_preposition(&x.lower);
        let mut s = start - 2;
        while s > 0 && word(seq, s - 1).is_some_and(name_word) && start - s < 5 {
            s -= 1;
        }
        // ... nor a sentence's opening adverb ("Separately, the council
        // said"): one common word before the comma
        let adverb = s == 0 && start == s + 2 && crate::spotting::is_common_word(&seq[s].lower);
        if (s == 0 || !seq[s - 1].is_word()) && !adverb {
            start = s;
        }
    }
    Some((start, j))
}

/// The source phrase that starts at item `i` (walking right), as an
/// inclusive range. Words of time right after a verb are skipped ("said
/// Tuesday the minister" is rare, "said Tuesday." has no source after).
pub fn phrase_after(seq: &[&Item], i: usize) -> Option<Range> {
    let first = word(seq, i)?;
    let w = first.lower.as_str();
    if is_pronoun(w) && w != "who" {
        return Some((i, i));
    }
    if breaks_phrase(first) || is_np_preposition(w) || (is_temporal(w) && !is_determiner(w)) {
        return None;
    }
    let mut end = i;
    let mut k = i;
    while k + 1 < seq.len() && k - i < 12 {
        let Some(next) = word(seq, k + 1) else { break };
        let nw = next.lower.as_str();
        if is_np_preposition(nw) && nw != "to" {
            let ok = word(seq, k + 2).is_some_and(|a| {
                !breaks_phrase(a) && !is_temporal(&a.lower) && !is_pronoun(&a.lower)
            }) && (nw != "and" || next_cap(seq, k + 2));
            if !ok {
                break;
            }
            k += 1;
            continue;
        }
        // (a cue word right after a determiner is a noun: "a note
        // circulated among partners", "the report")
        let noun_after_determiner =
            word(seq, k).is_some_and(|p| is_determiner(&p.lower)) && next.bare_lemma().is_some();
        if (breaks_phrase(next) && !ly_after_determiner(seq, k + 1) && !noun_after_determiner)
            || is_pronoun(nw)
        {
            break;
        }
        if is_determiner(nw) && word(seq, k).is_some_and(|p| !is_np_preposition(&p.lower)) {
            break;
        }
        end = k + 1;
        k += 1;
    }
    Some((i, end))
}

/// The source phrase after "according to" or "as reported by" at item
/// `i`: [`phrase_after`], and also a phrase led by a time adjective ("early
/// results of the exit poll", "last week's survey", "recent polls"), which
/// after a verb would be a time adjunct ("said early") but after these cues
/// can only qualify the source.
///
/// A participle with its agent stays in the phrase ("the exit poll conducted
/// by Edison Research for the networks").
pub fn source_after_by(seq: &[&Item], i: usize) -> Option<Range> {
    let (a, mut b) = match phrase_after(seq, i) {
        Some(r) => r,
        None => {
            let first = word(seq, i)?;
            let time_adjective = matches!(
                first.lower.as_str(),
                "early" | "earlier" | "late" | "later" | "last" | "this" | "next" | "recent"
            );
            if !time_adjective {
                return None;
            }
            (i, phrase_after(seq, i + 1)?.1)
        }
    };
    let participle = |k: usize| {
        word(seq, k).is_some_and(|x| {
            !x.cap
                && (x.lower.ends_with("ed")
                    || matches!(
                        x.lower.as_str(),
                        "broadcast"
                            | "written"
                            | "made"
                            | "given"
                            | "shown"
                            | "seen"
                            | "sent"
                            | "held"
                            | "taken"
                            | "drawn"
                            | "done"
                            | "run"
                            | "brought"
                            | "spoken"
                            | "shot"
                            | "put"
                            | "read"
                            | "told"
                    ))
        })
    };
    let by = |k: usize| word(seq, k).is_some_and(|x| x.lower == "by");
    let agent = if participle(b) && b > a && by(b + 1) {
        Some(b + 2)
    } else if participle(b + 1) && by(b + 2) {
        Some(b + 3)
    } else {
        None
    };
    if let Some((_, e)) = agent.and_then(|k| phrase_after(seq, k)) {
        b = e;
    }
    Some((a, b))
}

/// True when item `k` is a word in "-ly" right after a determiner and
/// before another word: an adjective or an adverb inside the phrase ("a
/// yearly Gallup poll", "a tally by …", "a newly uncovered email"), not an
/// adverb before a verb.
fn ly_after_determiner(seq: &[&Item], k: usize) -> bool {
    word(seq, k).is_some_and(|x| !x.cap && x.lower.ends_with("ly") && x.lemma.is_none())
        && k.checked_sub(1)
            .and_then(|p| word(seq, p))
            .is_some_and(|p| is_determiner(&p.lower))
        && word(seq, k + 1).is_some_and(|n| !breaks_phrase(n))
}

/// Quantifiers that stand for a noun phrase on their own ("most said",
/// "another says", "one in five say").
pub fn standalone_quantifier(w: &str) -> bool {
    matches!(
        w,
        "most" | "many" | "some" | "several" | "both" | "all" | "few" | "another" | "others"
    ) || is_number(w)
}

/// A number word or numeral ("three", "10").
pub(crate) fn is_number(w: &str) -> bool {
    matches!(
        w,
        "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten"
    ) || (!w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
}

fn next_cap(seq: &[&Item], k: usize) -> bool {
    word(seq, k).is_some_and(|x| x.cap)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn before(t: &str, verb: &str) -> Option<String> {
        let its = items(t);
        let seq: Vec<&Item> = its.iter().collect();
        let v = seq.iter().position(|x| x.lower == verb)?;
        let mut j = v.checked_sub(1)?;
        while j > 0 && is_aux(&seq[j].lower) {
            j -= 1;
        }
        let (a, b) = phrase_before(&seq, j)?;
        Some(t[seq[a].start..seq[b].end].to_string())
    }

    fn after(t: &str, verb: &str) -> Option<String> {
        let its = items(t);
        let seq: Vec<&Item> = its.iter().collect();
        let v = seq.iter().position(|x| x.lower == verb)?;
        let (a, b) = phrase_after(&seq, v + 1)?;
        Some(t[seq[a].start..seq[b].end].to_string())
    }

    #[test]
    fn words() {
        let t = "Iran’s U.S.-backed al-Haq, 7,000 guards’ 3.5 “x”";
        let w: Vec<&str> = items(t).iter().map(|i| &t[i.start..i.end]).collect();
        assert_eq!(
            w,
            ["Iran’s", "U.S.", "-", "backed", "al-Haq", ",", "7,000", "guards", "3.5", "x"]
        );

        assert!(items(t)[0].possessive);
        assert_eq!(items(t)[0].lower, "iran"); // a name suffix keeps its period; a sentence's last period does not
        let t = "Ana Lenz Jr. said so. Jrs went.";
        let w: Vec<&str> = items(t).iter().map(|i| &t[i.start..i.end]).collect();
        assert_eq!(
            w,
            ["Ana", "Lenz", "Jr.", "said", "so", ".", "Jrs", "went", "."]
        );
    }

    #[test]
    fn phrases_before() {
        let cases = [
            (
                "The Ruritanian Council of Elders of Freedonia said:",
                "said",
                Some("The Ruritanian Council of Elders of Freedonia"),
            ),
            (
                "Freedonia’s Interior Minister Varga has insisted that",
                "insisted",
                Some("Freedonia’s Interior Minister Varga"),
            ),
            (
                "But the Council has stated that",
                "stated",
                Some("the Council"),
            ),
            (
                "In a long report on May 3, the Daily Planet TV unveiled",
                "unveiled",
                Some("the Daily Planet TV"),
            ),
            ("They quoted", "quoted", Some("They")),
            (
                "Then on May 4, Global Watch noted",
                "noted",
                Some("Global Watch"),
            ),
            (
                "Ana Bell, a local lawmaker said",
                "said",
                Some("Ana Bell, a local lawmaker"),
            ),
            (
                "Two police officers in Sparta told",
                "told",
                Some("Two police officers in Sparta"),
            ),
            ("the people who said", "said", None),
            ("and it said", "said", Some("it")),
        ];
        for (t, v, want) in cases {
            assert_eq!(before(t, v).as_deref(), want, "{t}");
        }
    }

    #[test]
    fn phrases_after() {
        let cases = [
            (
                "“Go,” said one young fighter with Harbor Guard… and",
                "said",
                Some("one young fighter with Harbor Guard"),
            ),
            ("according to reports.", "to", Some("reports")),
            (
                "quoted one resident of East Lake as saying",
                "quoted",
                Some("one resident of East Lake"),
            ),
            ("said Tuesday.", "said", None),
            ("said the Council.", "said", Some("the Council")),
        ];
        for (t, v, want) in cases {
            assert_eq!(after(t, v).as_deref(), want, "{t}");
        }
    }
}
