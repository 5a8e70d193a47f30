//! Step 2 of the pipeline: the text itself — sentences, word tokens and
//! offsets. Everything works on the original text and keeps byte offsets;
//! [`CharCounter`] turns them into the Unicode code-point offsets of the output.

pub mod sentences;
pub mod tokens;

pub use sentences::{sentences, Sentence};
pub use tokens::{tokenize, Sep, Token};

/// Converts byte offsets to code-point offsets, fastest when asked in
/// increasing order (it keeps its place).
pub struct CharCounter<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharCounter<'a> {
    /// A counter over `text`.
    pub fn new(text: &'a str) -> CharCounter<'a> {
        CharCounter {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// The code-point offset of byte offset `byte` (which must be a char boundary).
    pub fn at(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        let slice = self.text.get(self.byte..byte).unwrap_or("");
        self.chars += slice.chars().count();
        self.byte = byte;
        self.chars
    }
}

/// Converts many byte offsets (in any order) to code-point offsets in one pass.
pub fn char_offsets(text: &str, bytes: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..bytes.len()).collect();
    order.sort_by_key(|&i| bytes[i]);
    let mut out = vec![0; bytes.len()];
    let mut counter = CharCounter::new(text);
    for i in order {
        out[i] = counter.at(bytes[i]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets() {
        let t = "Sa’adiyah and Diyālá";
        let mut c = CharCounter::new(t);
        let b = t.find("and").unwrap();
        assert_eq!(c.at(b), 10);
        assert_eq!(c.at(t.len()), 20);
        assert_eq!(c.at(0), 0);
    }
}
