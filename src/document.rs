//! Documents and their metadata, and the JSONL document format
//! (one JSON object per line with `id` and `text`).

use serde::Deserialize;
use std::io::BufRead;

/// What is known about a document besides its text.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Metadata {
    /// Title.
    #[serde(default)]
    pub title: Option<String>,
    /// Address.
    #[serde(default)]
    pub url: Option<String>,
    /// Publication date as given.
    #[serde(default)]
    pub published: Option<String>,
    /// Author: the narrator's name for attribution.
    #[serde(default)]
    pub author: Option<String>,
    /// Publisher: the narrator when there is no author.
    #[serde(default)]
    pub publisher: Option<String>,
    /// Country the document is about (ISO code): biases resolution.
    #[serde(default)]
    pub country: Option<String>,
}

/// A document to tag.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// Its id (`doc_id` of the output).
    pub id: String,
    /// The text.
    pub text: String,
    /// Metadata.
    pub meta: Metadata,
}

#[derive(Deserialize)]
struct JsonDoc {
    id: serde_json::Value,
    text: String,
    #[serde(flatten)]
    meta: Metadata,
}

/// A JSONL line that could not be read: its 1-based line number and why.
#[derive(Debug, Clone, PartialEq)]
pub struct BadLine {
    /// 1-based line number.
    pub line: u64,
    /// What is wrong.
    pub message: String,
    /// Which kind of problem it is.
    pub kind: BadLineKind,
}

/// The kinds of [`BadLine`], for counting skipped records by reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BadLineKind {
    /// Not a JSON object with `id` and `text`.
    Malformed,
    /// Not UTF-8 (and the reader is not lossy).
    InvalidUtf8,
    /// Longer than the reader's limit; the line was passed over unread.
    TooLarge,
    /// The input could not be read.
    Io,
}

impl BadLineKind {
    /// A short description: "malformed line", "invalid UTF-8", "too large", "unreadable".
    pub fn describe(self) -> &'static str {
        match self {
            BadLineKind::Malformed => "malformed line",
            BadLineKind::InvalidUtf8 => "invalid UTF-8",
            BadLineKind::TooLarge => "too large",
            BadLineKind::Io => "unreadable",
        }
    }
}

/// Parses one JSONL line into a document.
pub fn parse_jsonl_line(line: &str) -> Result<Document, String> {
    let d: JsonDoc = serde_json::from_str(line).map_err(|e| {
        let m = e.to_string();
        // serde's "at line 1 column N" is noise for a one-line record
        match m.find(" at line ") {
            Some(i) => m[..i].to_string(),
            None => m,
        }
    })?;
    let id = match d.id {
        serde_json::Value::String(s) => s,
        serde_json::Value::Number(n) => n.to_string(),
        other => return Err(format!("\"id\" must be a string or a number, not {other}")),
    };
    Ok(Document {
        id,
        text: d.text,
        meta: d.meta,
    })
}

/// Reads documents from JSONL, one at a time. Memory stays bounded by the
/// line limit (unlimited with [`JsonlReader::new`]): a longer line is passed
/// over without being kept and reported as [`BadLineKind::TooLarge`]. Blank
/// lines are skipped.
///
/// ```
/// use geomention::document::{BadLineKind, JsonlReader};
///
/// let input = "{\"id\": 1, \"text\": \"In Mosul.\"}\n{\"id\": 2, \"text\": \"A very long text.\"}\n";
/// let mut docs = JsonlReader::new(input.as_bytes()).max_line_bytes(30);
/// let first = docs.next().unwrap().unwrap();
/// assert_eq!(first.text, "In Mosul.");
/// let second = docs.next().unwrap().unwrap_err();
/// assert_eq!((second.line, second.kind), (2, BadLineKind::TooLarge));
/// assert!(docs.next().is_none());
/// ```
pub struct JsonlReader<R: BufRead> {
    input: R,
    line: u64,
    buf: Vec<u8>,
    max_line_bytes: u64,
    lossy: bool,
    /// Bytes read so far (lines and line ends).
    bytes_read: u64,
}

impl<R: BufRead> JsonlReader<R> {
    /// A reader over `input`, with no line limit and strict UTF-8.
    pub fn new(input: R) -> Self {
        JsonlReader {
            input,
            line: 0,
            buf: Vec::new(),
            max_line_bytes: u64::MAX,
            lossy: false,
            bytes_read: 0,
        }
    }

    /// Lines longer than `n` bytes (line end excluded) are skipped unread
    /// and reported as [`BadLineKind::TooLarge`].
    pub fn max_line_bytes(mut self, n: u64) -> Self {
        self.max_line_bytes = n;
        self
    }

    /// Replace invalid UTF-8 with U+FFFD instead of reporting the line.
    pub fn lossy(mut self, lossy: bool) -> Self {
        self.lossy = lossy;
        self
    }

    /// How many bytes of the input have been consumed so far.
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    /// Reads the next line into `buf` (without its line end) unless it is
    /// longer than the limit. Returns None at the end of the input, else
    /// whether the line fitted.
    fn next_line(&mut self) -> std::io::Result<Option<bool>> {
        self.buf.clear();
        let mut seen = false;
        let mut len = 0u64;
        let mut fits = true;
        loop {
            let avail = match self.input.fill_buf() {
                Ok(a) => a,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                break;
            }
            seen = true;
            let (chunk, done) = match avail.iter().position(|&b| b == b'\n') {
                Some(i) => (&avail[..i], Some(i + 1)),
                None => (avail, None),
            };
            len += chunk.len() as u64;
            if fits {
                if len > self.max_line_bytes.saturating_add(1) {
                    fits = false;
                    self.buf = Vec::new();
                } else {
                    self.buf.extend_from_slice(chunk);
                }
            }
            let used = done.unwrap_or(chunk.len());
            self.input.consume(used);
            self.bytes_read += used as u64;
            if done.is_some() {
                break;
            }
        }
        if !seen {
            return Ok(None);
        }
        if self.buf.last() == Some(&b'\r') {
            self.buf.pop();
            len = len.saturating_sub(1);
        }
        Ok(Some(fits && len <= self.max_line_bytes))
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Document, BadLine>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let fits = match self.next_line() {
                Ok(None) => return None,
                Ok(Some(fits)) => fits,
                Err(e) => {
                    return Some(Err(BadLine {
                        line: self.line + 1,
                        message: e.to_string(),
                        kind: BadLineKind::Io,
                    }))
                }
            };
            self.line += 1;
            let line = self.line;
            if !fits {
                self.buf = Vec::new();
                return Some(Err(BadLine {
                    line,
                    message: format!(
                        "line larger than the limit of {} bytes",
                        self.max_line_bytes
                    ),
                    kind: BadLineKind::TooLarge,
                }));
            }
            let text = match std::str::from_utf8(&self.buf) {
                Ok(t) => std::borrow::Cow::Borrowed(t),
                Err(_) if self.lossy => String::from_utf8_lossy(&self.buf),
                Err(e) => {
                    return Some(Err(BadLine {
                        line,
                        message: format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()),
                        kind: BadLineKind::InvalidUtf8,
                    }))
                }
            };
            let t = text.trim_start_matches('\u{feff}').trim();
            if t.is_empty() {
                continue;
            }
            return Some(parse_jsonl_line(t).map_err(|message| BadLine {
                line,
                message,
                kind: BadLineKind::Malformed,
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_documents_and_metadata() {
        let input = "{\"id\": 7, \"text\": \"In Mosul.\", \"author\": \"A. Writer\", \"extra\": [1]}\n\n{\"id\":\"b\",\"text\":\"x\",\"country\":\"IQ\"}\n";
        let docs: Vec<_> = JsonlReader::new(input.as_bytes()).collect();
        assert_eq!(docs.len(), 2);
        let a = docs[0].as_ref().unwrap();
        assert_eq!(a.id, "7");
        assert_eq!(a.meta.author.as_deref(), Some("A. Writer"));
        assert_eq!(
            docs[1].as_ref().unwrap().meta.country.as_deref(),
            Some("IQ")
        );
    }

    #[test]
    fn bad_lines_name_their_line() {
        let cases = [
            ("{\"id\":1,\"text\":\"ok\"}\n{\"id\":2}\n", 2, "text"),
            ("not json\n", 1, "expected"),
            ("{\"id\":null,\"text\":\"x\"}\n", 1, "id"),
            ("{\"id\":1,\"text\":5}\n", 1, "string"),
        ];
        for (input, line, needle) in cases {
            let bad = JsonlReader::new(input.as_bytes())
                .find_map(|r| r.err())
                .expect("an error");
            assert_eq!(bad.line, line, "{input:?}: {bad:?}");
            assert!(bad.message.contains(needle), "{input:?}: {bad:?}");
        }
    }

    #[test]
    fn limits_lossy_and_line_ends() {
        // (input, limit, lossy, expected per record: Ok(text) or Err((line, kind)))
        type Want = Result<&'static str, (u64, BadLineKind)>;
        let cases: Vec<(&[u8], u64, bool, Vec<Want>)> = vec![
            (b"{\"id\":1,\"text\":\"ab\"}\r\n", 20, false, vec![Ok("ab")]),
            // exactly at the limit (20 bytes), the CR not counted
            (
                b"{\"id\":1,\"text\":\"abc\"}\r\n",
                21,
                false,
                vec![Ok("abc")],
            ),
            (
                b"{\"id\":1,\"text\":\"abc\"}\r\n",
                20,
                false,
                vec![Err((1, BadLineKind::TooLarge))],
            ),
            (
                b"{\"id\":1,\"text\":\"long text here\"}\n{\"id\":2,\"text\":\"ok\"}",
                20,
                false,
                vec![Err((1, BadLineKind::TooLarge)), Ok("ok")],
            ),
            (
                b"{\"id\":1,\"text\":\"a\xffb\"}\n",
                100,
                false,
                vec![Err((1, BadLineKind::InvalidUtf8))],
            ),
            (
                b"{\"id\":1,\"text\":\"a\xffb\"}\n",
                100,
                true,
                vec![Ok("a\u{fffd}b")],
            ),
            (
                b"\n\n{\"id\":1}\n",
                100,
                false,
                vec![Err((3, BadLineKind::Malformed))],
            ),
        ];
        for (input, limit, lossy, want) in cases {
            // a tiny buffer, so that lines span several reads
            let r = std::io::BufReader::with_capacity(4, input);
            let got: Vec<_> = JsonlReader::new(r)
                .max_line_bytes(limit)
                .lossy(lossy)
                .map(|r| match r {
                    Ok(d) => Ok(d.text),
                    Err(b) => Err((b.line, b.kind)),
                })
                .collect();
            let want: Vec<_> = want.into_iter().map(|w| w.map(str::to_string)).collect();
            assert_eq!(got, want, "{:?}", String::from_utf8_lossy(input));
        }
    }

    #[test]
    fn counts_bytes_read() {
        let input = "{\"id\":1,\"text\":\"a\"}\n\n{\"id\":2,\"text\":\"b\"}\n";
        let mut r = JsonlReader::new(input.as_bytes());
        assert!(r.next().is_some());
        assert_eq!(r.bytes_read(), 20);
        assert!(r.next().is_some());
        assert!(r.next().is_none());
        assert_eq!(r.bytes_read(), input.len() as u64);
    }
}
