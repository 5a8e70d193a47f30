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

/// Reads documents from JSONL, one at a time (memory stays bounded by the
/// longest line). Blank lines are skipped.
pub struct JsonlReader<R: BufRead> {
    input: R,
    line: u64,
    buf: Vec<u8>,
}

impl<R: BufRead> JsonlReader<R> {
    /// A reader over `input`.
    pub fn new(input: R) -> Self {
        JsonlReader {
            input,
            line: 0,
            buf: Vec::new(),
        }
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Document, BadLine>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            self.buf.clear();
            match self.input.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    return Some(Err(BadLine {
                        line: self.line + 1,
                        message: e.to_string(),
                    }))
                }
            }
            self.line += 1;
            let line = self.line;
            let text = match std::str::from_utf8(&self.buf) {
                Ok(t) => t,
                Err(e) => {
                    return Some(Err(BadLine {
                        line,
                        message: format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()),
                    }))
                }
            };
            let t = text.trim_start_matches('\u{feff}').trim();
            if t.is_empty() {
                continue;
            }
            return Some(parse_jsonl_line(t).map_err(|message| BadLine { line, message }));
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
}
