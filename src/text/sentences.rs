//! Sentence segmentation with byte offsets into the original text.
//!
//! Boundaries come from `sentencex` (Wikimedia's rule-based segmenter, which
//! knows English abbreviations such as "U.S.", "Dec. 15" and "Gen."). Two
//! repairs follow for scraped news: surrounding white space is trimmed from
//! each sentence, and a sentence that does not end in terminal punctuation is
//! joined to the next when that one starts in lowercase — a paragraph break
//! that cuts a sentence ("were now stationed\n\nin Baghdad") is not a boundary.

/// A sentence: byte offsets into the text, end exclusive, without the white
/// space around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
}

/// Longest stretch handed to the segmenter at once. Text without any
/// boundary for longer than this is cut at a white space.
const CHUNK: usize = 64 * 1024;

fn ends_terminal(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| {
        matches!(c, '"' | '\'' | '’' | '”' | ')' | ']' | '»') || c.is_whitespace()
    });
    t.ends_with(['.', '!', '?', ':', ';', '…'])
}

fn starts_lower(s: &str) -> bool {
    s.chars()
        .find(|c| !c.is_whitespace() && !matches!(c, '"' | '“' | '‘' | '\'' | '('))
        .is_some_and(char::is_lowercase)
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
    let mut raw: Vec<(usize, usize)> = Vec::new();
    let mut base = 0;
    while base < text.len() {
        let mut end = (base + CHUNK).min(text.len());
        if end < text.len() {
            // cut at a paragraph break, else at a white space, inside the window
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let window = &text[base..end];
            let cut = window
                .rfind("\n\n")
                .map(|i| i + 2)
                .or_else(|| window.rfind(char::is_whitespace).map(|i| i + 1))
                .filter(|&i| i > 0)
                .unwrap_or(window.len());
            end = base + cut;
            while !text.is_char_boundary(end) {
                end += 1;
            }
        }
        for b in sentencex::get_sentence_boundaries("en", &text[base..end]) {
            raw.push((base + b.start_byte, base + b.end_byte));
        }
        base = end;
    }
    // Trim white space; split further at paragraph breaks the segmenter kept.
    let mut trimmed: Vec<Sentence> = Vec::new();
    for (s, e) in raw {
        let Some(piece) = text.get(s..e) else {
            continue;
        };
        let mut off = 0;
        for para in piece.split("\n\n") {
            let ps = s + off;
            off += para.len() + 2;
            let lead = para.len() - para.trim_start().len();
            let t = para.trim();
            if t.is_empty() {
                continue;
            }
            trimmed.push(Sentence {
                start: ps + lead,
                end: ps + lead + t.len(),
            });
        }
    }
    // Join sentences cut by a paragraph break.
    let mut out: Vec<Sentence> = Vec::with_capacity(trimmed.len());
    for s in trimmed {
        if let Some(last) = out.last_mut() {
            let prev = &text[last.start..last.end];
            if !ends_terminal(prev) && starts_lower(&text[s.start..s.end]) {
                last.end = s.end;
                continue;
            }
        }
        out.push(s);
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
    fn long_text_without_stops_is_cut_at_spaces() {
        let t = "word ".repeat(40_000);
        let s = sentences(&t);
        assert!(!s.is_empty());
        for w in s.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
    }
}
