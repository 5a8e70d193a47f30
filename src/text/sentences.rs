//! Sentence segmentation with byte offsets into the original text.
//!
//! A rule-based splitter written for news: a sentence ends at `.`, `!`, `?`
//! or `…` (with any closing quotes or brackets) followed by white space and
//! an uppercase letter, a digit or an opening quote — unless the period ends
//! an abbreviation ("Gen.", "Dec. 15", "St.", "Calif.") or an initial ("J.",
//! "U.S." before a name). A paragraph break always ends a sentence, except
//! that a sentence without terminal punctuation is joined to the next when
//! that one starts in lowercase: a paragraph break that cuts a sentence in
//! scraped text ("were now stationed\n\nin Baghdad") is not a boundary. White
//! space around each sentence is left out of it. (`sentencex` was measured
//! too, but it pulls `clap` into every library user's build.)

/// A sentence: byte offsets into the text, end exclusive, without the white
/// space around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
}

/// Words that end in a period without ending a sentence (lowercase, without
/// the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm", "maj",
    "sen", "rep", "gov", "pres", "supt", "rev", "hon", "st", "mt", "ft", "jr", "sr", "vs", "inc",
    "corp", "co", "ltd", "no", "nos", "vol", "fig", "approx", "dept", "est", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ala", "ariz", "ark", "calif",
    "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans", "ky", "la", "md", "mich",
    "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "va", "vt",
    "wash", "wis", "wyo", "ave", "blvd", "rd", "e.g", "i.e", "cf", "al", "gens", "sens", "reps",
    "govs", "messrs",
];

/// Words that start a sentence even after an abbreviation or an initial.
const STARTERS: &[&str] = &[
    "The",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "In",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "On",
    "At",
    "After",
    "When",
    "While",
    "If",
    "As",
    "Officials",
    "Police",
    "Meanwhile",
    "However",
    "Yet",
    "So",
];

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '’' | '”' | ')' | ']' | '»')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '‘' | '“' | '(' | '[' | '«')
}

fn ends_terminal(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| is_closer(c) || c.is_whitespace());
    t.ends_with(['.', '!', '?', ':', ';', '…'])
}

fn starts_lower(s: &str) -> bool {
    s.chars()
        .find(|c| !c.is_whitespace() && !is_opener(*c))
        .is_some_and(char::is_lowercase)
}

/// The word that ends just before byte `dot` (letters and inner periods).
fn word_before(text: &str, dot: usize) -> &str {
    let head = &text[..dot];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    &head[start..]
}

/// The word that starts at byte `at`.
fn word_at(text: &str, at: usize) -> &str {
    let tail = &text[at..];
    let end = tail
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map(|(i, _)| i)
        .unwrap_or(tail.len());
    &tail[..end]
}

/// True when the period at byte `dot` does not end a sentence.
fn period_continues(text: &str, dot: usize, next_word: &str) -> bool {
    let w = word_before(text, dot);
    if w.is_empty() {
        return false;
    }
    let lower = w.to_lowercase();
    let abbrev = ABBREVIATIONS.contains(&lower.as_str());
    let initial = w.chars().count() == 1 && w.chars().all(char::is_uppercase);
    let dotted = w.contains('.');
    (abbrev || initial || dotted) && !STARTERS.contains(&next_word)
}

/// True when a line starts with a list marker and a space: a bullet ("•",
/// "-", "*", "–", "·", "▪", "●"), or a number or a letter with "." or ")"
/// ("1. ", "2) ", "a) ").
pub(crate) fn list_item(line: &str) -> bool {
    let mut cs = line.chars();
    let Some(first) = cs.next() else {
        return false;
    };
    if matches!(
        first,
        '•' | '-' | '*' | '–' | '·' | '▪' | '●' | '◦' | '‣' | '■'
    ) {
        return cs.next() == Some(' ');
    }
    let label = line
        .char_indices()
        .find(|&(_, c)| !c.is_ascii_digit())
        .map_or(0, |(k, _)| k);
    match label {
        0 => first.is_ascii_lowercase() && line[1..].starts_with(") "),
        1 | 2 => line[label..].starts_with(". ") || line[label..].starts_with(") "),
        _ => false,
    }
}

/// True when the period at byte `dot` follows a number of one or two
/// digits that opens a line (or the text): a numbered list item.
fn list_number_before(text: &str, dot: usize) -> bool {
    let w = word_before(text, dot);
    let at = dot - w.len();
    (1..=2).contains(&w.len())
        && w.bytes().all(|b| b.is_ascii_digit())
        && text[..at]
            .trim_end_matches([' ', '\t'])
            .chars()
            .next_back()
            .is_none_or(|c| c == '\n')
}

/// Splits `text` into sentences.
///
/// ```
/// use geomention::text::sentences;
/// let t = "Gen. Smith arrived in the U.S. on Dec. 15. He left.";
/// let s = sentences(t);
/// assert_eq!(s.len(), 2);
/// assert_eq!(&t[s[1].start..s[1].end], "He left.");
/// ```
pub fn sentences(text: &str) -> Vec<Sentence> {
    // 1. Raw pieces: cut after terminal punctuation and at paragraph breaks.
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (end of piece, start of next)
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c == '\n' {
            // a paragraph break: a line break, optional blanks, a line break
            let rest = &text[i + 1..];
            let blank = rest.len() - rest.trim_start_matches([' ', '\t', '\r']).len();
            if rest[blank..].starts_with('\n') {
                let after = &text[i..];
                let skip = after.len() - after.trim_start().len();
                cuts.push((i, i + skip));
                while it.peek().is_some_and(|&(j, _)| j < i + skip) {
                    it.next();
                }
            } else if list_item(&rest[blank..]) {
                // a line that opens a list item starts a sentence, even
                // after a line without a full stop ("What we know:\n• …")
                cuts.push((i, i + 1 + blank));
            }
            continue;
        }
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // the run of terminal punctuation and closers
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = it.peek() {
            if matches!(d, '.' | '!' | '?' | '…') || is_closer(d) {
                end = j + d.len_utf8();
                it.next();
            } else {
                break;
            }
        }
        let rest = &text[end..];
        let ws = rest.len() - rest.trim_start().len();
        if ws == 0 && !rest.is_empty() {
            continue;
        }
        let next_at = end + ws;
        let Some(nc) = text[next_at..].chars().next() else {
            continue; // end of text
        };
        if !(nc.is_uppercase() || nc.is_ascii_digit() || is_opener(nc)) {
            continue;
        }
        if c == '.' && end == i + 1 && period_continues(text, i, word_at(text, next_at)) {
            continue;
        }
        if c == '.' && end == i + 1 && list_number_before(text, i) {
            continue; // "1. Go": the item's number, not a sentence
        }
        if rest[..ws].contains("\n\n") {
            continue; // the paragraph break will cut here
        }
        cuts.push((end, next_at));
    }
    cuts.sort_unstable();
    let mut pieces: Vec<Sentence> = Vec::with_capacity(cuts.len() + 1);
    let mut from = 0;
    for (end, next) in cuts
        .into_iter()
        .chain(std::iter::once((text.len(), text.len())))
    {
        if end < from {
            continue;
        }
        let piece = &text[from..end];
        let lead = piece.len() - piece.trim_start().len();
        let t = piece.trim();
        if !t.is_empty() {
            pieces.push(Sentence {
                start: from + lead,
                end: from + lead + t.len(),
            });
        }
        from = next.max(end);
    }
    // 2. Join sentences cut by a paragraph break.
    let mut out: Vec<Sentence> = Vec::with_capacity(pieces.len());
    for s in pieces {
        if let Some(last) = out.last_mut() {
            let prev = &text[last.start..last.end];
            let this = &text[s.start..s.end];
            if !ends_terminal(prev) && starts_lower(this) && !list_item(this) {
                last.end = s.end;
                continue;
            }
        }
        out.push(s);
    }
    // 3. A text without sentence punctuation (a scraped dump, a list) would
    //    make one sentence of any length, and every mention would carry it:
    //    cut sentences longer than MAX_SENTENCE_BYTES at a space.
    if out.iter().any(|s| s.end - s.start > MAX_SENTENCE_BYTES) {
        out = out.into_iter().flat_map(|s| cut_long(text, s)).collect();
    }
    out
}

/// Longest sentence kept whole, in bytes (a long news sentence is 300).
pub const MAX_SENTENCE_BYTES: usize = 4096;

/// Cuts a sentence into pieces of at most about `MAX_SENTENCE_BYTES`, each
/// ending at a whitespace (or at a character boundary when there is none).
fn cut_long(text: &str, s: Sentence) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut from = s.start;
    while s.end - from > MAX_SENTENCE_BYTES {
        let mut cut = from + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = &text[from..cut];
        let at = window
            .rfind(char::is_whitespace)
            .filter(|&k| k > 0)
            .map(|k| from + k)
            .unwrap_or(cut);
        out.push(Sentence {
            start: from,
            end: at,
        });
        let rest = &text[at..s.end];
        from = at + (rest.len() - rest.trim_start().len());
    }
    if from < s.end {
        out.push(Sentence {
            start: from,
            end: s.end,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        sentences(t)
            .into_iter()
            .map(|s| &t[s.start..s.end])
            .collect()
    }

    #[test]
    fn overlong_sentences_are_cut_at_spaces() {
        let t = "word ".repeat(3000) + "end";
        let v = sentences(&t);
        assert!(v.len() >= 3, "{}", v.len());
        let mut prev = 0;
        for s in &v {
            assert!(s.end - s.start <= MAX_SENTENCE_BYTES);
            assert!(s.start >= prev && s.start < s.end);
            assert!(!t[s.start..s.end].starts_with(' ') && !t[s.start..s.end].ends_with(' '));
            prev = s.end;
        }
        assert!(v
            .last()
            .map(|s| &t[s.start..s.end])
            .unwrap_or("")
            .ends_with("end"));
        // no whitespace at all: cut at a character boundary
        let t = "é".repeat(5000);
        let v = sentences(&t);
        assert_eq!(v.iter().map(|s| s.end - s.start).sum::<usize>(), t.len());
        // an ordinary sentence is never cut
        assert_eq!(
            split("Fighting spread to Mosul. It stopped."),
            ["Fighting spread to Mosul.", "It stopped."]
        );
    }

    #[test]
    fn sentence_table() {
        let cases: Vec<(&str, Vec<&str>)> = vec![
            ("One. Two.", vec!["One.", "Two."]),
            (
                "The U.S. Army said so. Gen. Smith agreed.",
                vec!["The U.S. Army said so.", "Gen. Smith agreed."],
            ),
            (
                "It happened on Dec. 15 in Baghdad. Then it ended.",
                vec!["It happened on Dec. 15 in Baghdad.", "Then it ended."],
            ),
            (
                "More than 7,000 guards were now stationed\n\nin Baghdad, the group said.",
                vec!["More than 7,000 guards were now stationed\n\nin Baghdad, the group said."],
            ),
            (
                "A headline without a stop\n\nThe body starts here.",
                vec!["A headline without a stop", "The body starts here."],
            ),
            (
                "He said: “We left.” Then silence.",
                vec!["He said: “We left.”", "Then silence."],
            ),
            ("  padded.  ", vec!["padded."]),
            ("", vec![]),
        ];
        for (input, want) in cases {
            assert_eq!(split(input), want, "{input:?}");
        }
    }

    #[test]
    fn more_sentence_cases() {
        let cases: Vec<(&str, Vec<&str>)> = vec![
            (
                "He lives in St. Louis. She does not.",
                vec!["He lives in St. Louis.", "She does not."],
            ),
            (
                "J. R. Smith spoke. Then he left.",
                vec!["J. R. Smith spoke.", "Then he left."],
            ),
            (
                "It grew in the U.S. The rest fell.",
                vec!["It grew in the U.S.", "The rest fell."],
            ),
            ("Why? Because.", vec!["Why?", "Because."]),
            ("Wait... what happened?", vec!["Wait... what happened?"]),
            (
                "Sales rose 3.5 percent. Good.",
                vec!["Sales rose 3.5 percent.", "Good."],
            ),
            ("Line one\nline two.", vec!["Line one\nline two."]),
            ("one\n \n\nTwo", vec!["one", "Two"]),
            ("“Go.” ‘Now.’", vec!["“Go.”", "‘Now.’"]),
            // a list item starts a sentence, after a line with or without
            // a full stop (session 14: the items were one sentence)
            (
                "What we know:\n• Schools closed in Haifa\n• Lebanon, the UN says.",
                vec![
                    "What we know:",
                    "• Schools closed in Haifa",
                    "• Lebanon, the UN says.",
                ],
            ),
            (
                "How has India responded?\n- The minister left.",
                vec!["How has India responded?", "- The minister left."],
            ),
            (
                "Steps:\n1. Go.\n2) Stay",
                vec!["Steps:", "1. Go.", "2) Stay"],
            ),
            (
                "Options\na) stay\nb) go",
                vec!["Options", "a) stay", "b) go"],
            ),
            // not a list: a hyphenated line end, a year, a wrapped word
            (
                "Troops left in\n2015. They came back.",
                vec!["Troops left in\n2015.", "They came back."],
            ),
            ("a well-\nknown town", vec!["a well-\nknown town"]),
            ("at\n-5 degrees", vec!["at\n-5 degrees"]),
        ];
        for (input, want) in cases {
            assert_eq!(split(input), want, "{input:?}");
        }
    }

    #[test]
    fn sentences_are_ordered_and_disjoint() {
        let t = "Alpha. Beta! Gamma? ".repeat(5000);
        let s = sentences(&t);
        assert_eq!(s.len(), 15000);
        for w in s.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
    }
}
