//! Word tokens with their folded keys and what separates them.

use crate::normalize::{fold_word_into, is_apostrophe, is_hyphen, is_word_char};

/// What stands between a token and the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sep {
    /// Spaces, tabs, or a single line break.
    Space,
    /// A hyphen (`Jarf-al-Sakhar`).
    Hyphen,
    /// A period, maybe with one space (`U.S.`, `St. Louis`).
    Dot,
    /// Anything else: punctuation, a paragraph break, the start of the text.
    Break,
}

/// A word of the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character (before a possessive `’s`).
    pub end: usize,
    /// The folded key (see [`crate::normalize::fold`]).
    pub key: String,
    /// The first character is an uppercase letter.
    pub capitalized: bool,
    /// Every letter is uppercase and there are at least two.
    pub all_caps: bool,
    /// A possessive `’s` followed the word (and is not part of it).
    pub possessive: bool,
    /// What separates this token from the previous one.
    pub sep: Sep,
    /// An English contraction ("They're", "We'll", "Don't"; not "Sa'd"),
    /// never a romanised name.
    pub contraction: bool,
}

/// The endings of English contractions after their apostrophe.
const CLITICS: &[&str] = &["re", "ll", "ve", "d", "m", "t"];

/// The words English contracts (a closed class: pronouns and auxiliaries,
/// with the `n` of `n't`); "Sa'd" is a name, "they're" is not.
const CONTRACTED: &[&str] = &[
    "i", "you", "we", "they", "he", "she", "it", "that", "there", "who", "what", "where", "how",
    "here", "don", "doesn", "didn", "isn", "aren", "wasn", "weren", "hasn", "haven", "hadn",
    "wouldn", "couldn", "shouldn", "can", "won", "ain", "mustn", "needn", "let",
];

/// True when `w` is an English contraction ("They're", "We'll", "Don't").
fn is_contraction(w: &str) -> bool {
    let Some(a) = w.rfind(is_apostrophe) else {
        return false;
    };
    let (head, tail) = w.split_at(a);
    let clitic = tail.char_indices().nth(1).map_or("", |(i, _)| &tail[i..]);
    CLITICS.iter().any(|c| clitic.eq_ignore_ascii_case(c))
        && CONTRACTED.iter().any(|c| head.eq_ignore_ascii_case(c))
}

/// True for a capitalised word behind an elided article ("d’Ivoire",
/// "l'Aquila", "dell'Ossola"): one to four lower-case letters, an apostrophe, then an
/// upper-case letter.
fn elided_capital(w: &str) -> bool {
    let mut cs = w.char_indices();
    for (i, c) in cs.by_ref() {
        if is_apostrophe(c) {
            return (1..=4).contains(&w[..i].chars().count())
                && cs.next().is_some_and(|(_, n)| n.is_uppercase());
        }
        if !c.is_lowercase() {
            return false;
        }
    }
    false
}

/// True for a space and one apostrophe-like mark before a word (" 'Ayn",
/// " ‘Arish", " ʿAyn").
fn ayn_gap(gap: &str) -> bool {
    let mut cs = gap.strip_prefix(' ').unwrap_or("").chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if is_apostrophe(c) || c == 'ʿ')
}

fn classify(gap: &str) -> Sep {
    if gap.is_empty() {
        return Sep::Break;
    }
    if gap.chars().all(char::is_whitespace) {
        return if gap.matches('\n').count() <= 1 {
            Sep::Space
        } else {
            Sep::Break
        };
    }
    let t = gap.trim_matches([' ', '\t']);
    let mut cs = t.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) if is_hyphen(c) && gap.len() == c.len_utf8() => Sep::Hyphen,
        (Some('.'), None) if gap.starts_with('.') && gap.len() <= 2 => Sep::Dot,
        _ => Sep::Break,
    }
}

/// Splits text into word tokens. A word is a run of letters, digits and
/// combining marks; an apostrophe between two letters stays inside it
/// (`Sa’adiyah`, `Shi’a`), and a final `’s` is cut off as a possessive.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let bytes_len = text.len();
    let mut pos = 0;
    let mut prev_end = 0;
    while pos < bytes_len {
        let Some(c) = text[pos..].chars().next() else {
            break;
        };
        if !is_word_char(c) {
            pos += c.len_utf8();
            continue;
        }
        let start = pos;
        let mut end = pos + c.len_utf8();
        loop {
            let mut it = text[end..].chars();
            match it.next() {
                Some(n) if is_word_char(n) => end += n.len_utf8(),
                Some(n) if is_apostrophe(n) => match it.next() {
                    Some(m) if m.is_alphabetic() => end += n.len_utf8() + m.len_utf8(),
                    _ => break,
                },
                _ => break,
            }
        }
        let word = &text[start..end];
        let mut wend = end;
        let mut possessive = false;
        let mut rev = word.char_indices().rev();
        if let (Some((_, s)), Some((ai, a))) = (rev.next(), rev.next()) {
            if (s == 's' || s == 'S') && is_apostrophe(a) && ai > 0 {
                wend = start + ai;
                possessive = true;
            }
        }
        let w = &text[start..wend];
        let contraction = is_contraction(w);
        let mut key = String::with_capacity(w.len());
        fold_word_into(w, &mut key);
        let capitalized = w.chars().next().is_some_and(char::is_uppercase) || elided_capital(w);
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let all_caps = letters >= 2 && w.chars().all(|c| !c.is_lowercase());
        let sep = match out.last() {
            None => Sep::Break,
            // the ʿayn that opens a word after an Arabic article ("Ra's al
            // 'Ayn", "al ‘Arish") is a letter, not a quotation mark
            Some(p)
                if crate::normalize::ARTICLES.contains(&p.key.as_str())
                    && ayn_gap(&text[prev_end..start]) =>
            {
                Sep::Space
            }
            Some(_) => classify(&text[prev_end..start]),
        };
        if !key.is_empty() {
            out.push(Token {
                start,
                end: wend,
                key,
                capitalized,
                all_caps,
                possessive,
                sep,
                contraction,
            });
        }
        prev_end = end;
        pos = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    type Word = (String, Sep, bool);

    fn words(t: &str) -> Vec<Word> {
        tokenize(t)
            .into_iter()
            .map(|k| (t[k.start..k.end].to_string(), k.sep, k.possessive))
            .collect()
    }

    #[test]
    fn token_table() {
        use Sep::*;
        let s = |w: &str, sep, p| (w.to_string(), sep, p);
        let cases: Vec<(&str, Vec<Word>)> = vec![
            (
                "Jarf-al-Sakhar",
                vec![
                    s("Jarf", Break, false),
                    s("al", Hyphen, false),
                    s("Sakhar", Hyphen, false),
                ],
            ),
            (
                "Baghdad’s control",
                vec![s("Baghdad", Break, true), s("control", Space, false)],
            ),
            (
                "Sa’adiyah and Shi’a",
                vec![
                    s("Sa’adiyah", Break, false),
                    s("and", Space, false),
                    s("Shi’a", Space, false),
                ],
            ),
            (
                "the U.S. army",
                vec![
                    s("the", Break, false),
                    s("U", Space, false),
                    s("S", Dot, false),
                    s("army", Dot, false),
                ],
            ),
            (
                "St. Louis",
                vec![s("St", Break, false), s("Louis", Dot, false)],
            ),
            (
                "stationed\n\nin Baghdad",
                vec![
                    s("stationed", Break, false),
                    s("in", Break, false),
                    s("Baghdad", Space, false),
                ],
            ),
            (
                "Samarra, Karbala",
                vec![s("Samarra", Break, false), s("Karbala", Break, false)],
            ),
            (
                "‘offer advice’",
                vec![s("offer", Break, false), s("advice", Space, false)],
            ),
            // the ʿayn after an article is a letter; elsewhere a quote
            (
                "Ra's al 'Ayn",
                vec![
                    s("Ra", Break, true),
                    s("al", Space, false),
                    s("Ayn", Space, false),
                ],
            ),
            (
                "the 'Ayn'",
                vec![s("the", Break, false), s("Ayn", Break, false)],
            ),
        ];
        for (input, want) in cases {
            assert_eq!(words(input), want, "{input:?}");
        }
    }

    #[test]
    fn keys_and_case() {
        let t = tokenize("ISIS Diyālá iraq");
        assert!(t[0].all_caps && t[0].capitalized);
        assert_eq!(t[1].key, "diyala");
        assert!(!t[2].capitalized);
    }

    #[test]
    fn elided_articles_before_a_capital() {
        for (text, want) in [
            ("d'Ivoire", true),
            ("d’Ivoire", true),
            ("dell'Ossola", true),
            ("l'Aquila", true),
            ("d'abord", false),
            ("don't", false),
            ("iraq", false),
            ("sa'Adiyah", true),
            ("rock'n'Roll", false),
        ] {
            assert_eq!(tokenize(text)[0].capitalized, want, "{text}");
        }
    }

    #[test]
    fn contractions() {
        for (text, want) in [
            ("They're", true),
            ("we’ll", true),
            ("Don't", true),
            ("I'm", true),
            ("Sa'd", false),
            ("Ba'qubah", false),
            ("Qal'at", false),
            ("Iran's", false),
            ("Shi'a", false),
        ] {
            let t = tokenize(text);
            assert_eq!(t[0].contraction, want, "{text}");
        }
    }
}
