//! Name keys: the folded form under which names are indexed and text is looked up.
//!
//! A key is lowercase ASCII letters and digits with single spaces between
//! words. Folding removes case, diacritics (`Tikrīt` → `tikrit`), ayn and
//! hamza marks and apostrophes (`Sa’adiyah` → `saadiyah`), and turns hyphens
//! and other punctuation into word breaks (`Jarf-al-Sakhar` →
//! `jarf al sakhar`). The same function folds gazetteer names (when an index
//! is built) and text tokens (when text is tagged), so both sides always agree.
//!
//! This file is also compiled into `build.rs` (to build the embedded index),
//! so it depends on nothing in the crate.

use unicode_normalization::UnicodeNormalization;

/// Characters that mark ayn, hamza or an apostrophe inside a word. They are
/// dropped by [`fold`], so `Sa’adiyah`, `Sa'adiyah` and `Saadiyah` agree.
pub fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '’' | '‘' | 'ʿ' | 'ʾ' | 'ʼ' | 'ʻ' | '`' | '´' | 'ʹ' | '′'
    )
}

/// Hyphen-like characters that join the words of one name.
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '‒' | '–' | '\u{00AD}')
}

/// True for characters that belong to a word token (letters, digits and
/// combining marks).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks (the common Unicode ranges).
pub fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Folds a single character to lowercase ASCII letters/digits, pushing the
/// result to `out`. Returns false when the character is a word break.
fn fold_char(c: char, out: &mut String) -> bool {
    if c.is_ascii_alphanumeric() {
        out.push(c.to_ascii_lowercase());
        return true;
    }
    if c.is_ascii() {
        return false;
    }
    if is_apostrophe(c) || is_mark(c) {
        // dropped inside a word, but not a break
        return true;
    }
    if !c.is_alphanumeric() {
        return false;
    }
    // Decompose, keep the base letters, then transliterate what is left.
    for d in c.nfkd() {
        if d.is_ascii_alphanumeric() {
            out.push(d.to_ascii_lowercase());
        } else if d.is_alphanumeric() && !is_mark(d) {
            let t = deunicode::deunicode_char(d).unwrap_or("");
            out.extend(
                t.chars()
                    .filter(char::is_ascii_alphanumeric)
                    .map(|b| b.to_ascii_lowercase()),
            );
        }
    }
    true
}

/// Folds a name or a piece of text into a key (see the module docs).
///
/// ```
/// use geomention::normalize::fold;
/// assert_eq!(fold("Jarf-al-Sakhar"), "jarf al sakhar");
/// assert_eq!(fold("Sa’adiyah"), "saadiyah");
/// assert_eq!(fold("Tikrīt"), "tikrit");
/// assert_eq!(fold("  U.S. "), "u s");
/// ```
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut buf = String::new();
    let mut need_space = false;
    for c in s.chars() {
        buf.clear();
        if !fold_char(c, &mut buf) {
            need_space = true;
            continue;
        }
        if buf.is_empty() {
            continue;
        }
        if need_space && !out.is_empty() {
            out.push(' ');
        }
        need_space = false;
        out.push_str(&buf);
    }
    out
}

/// Folds one word token (no breaks inside) and appends it to `out`.
/// Characters that would be breaks are simply skipped.
pub fn fold_word_into(word: &str, out: &mut String) {
    for c in word.chars() {
        fold_char(c, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_table() {
        let cases = [
            ("Baghdad", "baghdad"),
            ("Jarf-al-Sakhar", "jarf al sakhar"),
            ("Salah ad-Din", "salah ad din"),
            ("Sa’adiyah", "saadiyah"),
            ("As Sa‘diyah", "as sadiyah"),
            ("Diyālá", "diyala"),
            ("Ţūz Khūrmātū", "tuz khurmatu"),
            ("Al ‘Amārah", "al amarah"),
            ("St. Louis", "st louis"),
            ("U.S.", "u s"),
            ("São Paulo", "sao paulo"),
            ("Straße", "strasse"),
            ("Łódź", "lodz"),
            ("  many   spaces  ", "many spaces"),
            ("a\u{0301}", "a"),
            ("", ""),
            ("---", ""),
            ("Khaneqain", "khaneqain"),
        ];
        for (input, want) in cases {
            assert_eq!(fold(input), want, "fold({input:?})");
        }
    }

    #[test]
    fn fold_is_idempotent_on_examples() {
        for s in ["Jarf-al-Sakhar", "Diyālá", "U.S.", "x  y", "Ø"] {
            let once = fold(s);
            assert_eq!(fold(&once), once);
        }
    }
}
