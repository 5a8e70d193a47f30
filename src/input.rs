//! Inputs: which files to read, and how each one becomes a [`Document`].
//!
//! - [`collect_files`] turns the paths given into the files to read: a file
//!   as it is, a folder walked recursively in name order (hidden entries
//!   skipped), its files kept by a [`FileFilter`] (globs on the file name, or
//!   the text-like extensions of [`TEXT_EXTENSIONS`]).
//! - [`InputFormat::of`] tells plain text, an HTML page and JSONL apart by
//!   extension.
//! - [`read_limited`] reads a file or standard input (`-`) up to a byte
//!   limit, never more; [`decode`] checks the UTF-8 or, when lossy, repairs it.
//! - [`html_document`] keeps the article of an HTML page (the readability
//!   algorithm of Firefox's reader view, from the `dom_smoothie` crate):
//!   navigation, footers and other page furniture are dropped, and the
//!   page's title and address become the document's metadata. Mention
//!   offsets index the extracted text.
//! - [`read_document`] does all of it for one text or HTML file.
//!
//! JSONL files hold many documents: read them with
//! [`crate::document::JsonlReader`].
//!
//! ```
//! use geomention::input::html_document;
//!
//! let page = r#"<html><head><title>Clashes | The Daily</title>
//!   <link rel="canonical" href="https://example.org/clashes"></head>
//!   <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
//!   <article><h1>Clashes</h1>
//!   <p>Fighting was reported in Samarra and Karbala on Monday, officials said,
//!   and the roads to Baghdad were closed for most of the day.</p>
//!   <p>Residents of Tikrit said that the clashes went on into the night, and
//!   that many families had left for the north of the province.</p></article>
//!   <footer><a href="?amp=0">Exit mobile version</a></footer></body></html>"#;
//! let doc = html_document("page.html", page, Some("page.html"))?;
//! assert_eq!(doc.meta.url.as_deref(), Some("https://example.org/clashes"));
//! assert!(doc.meta.title.as_deref().unwrap_or("").starts_with("Clashes"));
//! assert!(doc.text.contains("Samarra and Karbala"));
//! assert!(!doc.text.contains("Exit mobile version"));
//! # Ok::<(), geomention::Error>(())
//! ```

use crate::document::{Document, Metadata};
use crate::error::{Error, Result};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The default limit on the size of one document: 64 MiB.
pub const DEFAULT_MAX_DOCUMENT_BYTES: u64 = 64 << 20;

/// The extensions (lowercase, without the dot) of the files a folder walk
/// reads when no glob is given.
pub const TEXT_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "jsonl", "ndjson",
];

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// Plain text: the whole file is one document.
    Text,
    /// An HTML page: its article text is one document.
    Html,
    /// JSON Lines: one `{"id", "text", ...}` document per line.
    Jsonl,
}

impl InputFormat {
    /// The format a file's extension says (case-insensitive): `.html`,
    /// `.htm`, `.xhtml` are HTML, `.jsonl`, `.ndjson` JSONL, anything else
    /// (and standard input) plain text.
    pub fn of(path: &Path) -> InputFormat {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("html" | "htm" | "xhtml") => InputFormat::Html,
            Some("jsonl" | "ndjson") => InputFormat::Jsonl,
            _ => InputFormat::Text,
        }
    }
}

/// Which files of a folder are read: those whose file name matches one of
/// the globs, or, with none, those with a [`TEXT_EXTENSIONS`] extension.
#[derive(Debug, Clone, Default)]
pub struct FileFilter {
    globs: Option<globset::GlobSet>,
}

impl FileFilter {
    /// A filter on file names (`*.txt`, `report-??.html`, `*.{htm,html}`);
    /// no pattern keeps the text-like extensions.
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> Result<FileFilter> {
        if patterns.is_empty() {
            return Ok(FileFilter { globs: None });
        }
        let mut set = globset::GlobSetBuilder::new();
        for p in patterns {
            let p = p.as_ref();
            let glob = globset::Glob::new(p).map_err(|e| Error::BadPattern {
                pattern: p.to_string(),
                message: e.kind().to_string(),
            })?;
            set.add(glob);
        }
        let globs = set.build().map_err(|e| Error::BadPattern {
            pattern: patterns
                .iter()
                .map(|p| p.as_ref())
                .collect::<Vec<_>>()
                .join(" "),
            message: e.to_string(),
        })?;
        Ok(FileFilter { globs: Some(globs) })
    }

    /// Whether a folder walk reads this file (judged by its file name).
    pub fn accepts(&self, path: &Path) -> bool {
        let Some(name) = path.file_name() else {
            return false;
        };
        match &self.globs {
            Some(g) => g.is_match(Path::new(name)),
            None => Path::new(name)
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| TEXT_EXTENSIONS.iter().any(|t| t.eq_ignore_ascii_case(e))),
        }
    }
}

/// The files to read, in order: each path as given (`-`, standard input,
/// included), except that a folder is replaced by the files beneath it that
/// `filter` accepts, walked recursively in byte order of their names
/// (symbolic links followed, hidden files and folders skipped). A path that
/// does not exist or a folder that cannot be listed is an `Err` in its
/// place, so the caller decides whether to stop or go on.
pub fn collect_files(paths: &[PathBuf], filter: &FileFilter) -> Vec<Result<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(p.clone()));
            continue;
        }
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, filter, &mut out),
            Ok(_) => out.push(Ok(p.clone())),
            Err(e) => out.push(Err(Error::io(p, e))),
        }
    }
    out
}

fn walk(root: &Path, filter: &FileFilter, out: &mut Vec<Result<PathBuf>>) {
    let entries = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in entries {
        match entry {
            Ok(e) if e.file_type().is_file() && filter.accepts(e.path()) => {
                out.push(Ok(e.into_path()))
            }
            Ok(_) => {}
            Err(err) => {
                let path = err.path().unwrap_or(root).to_path_buf();
                let message = match (err.loop_ancestor(), err.io_error()) {
                    (Some(a), _) => format!("symbolic link loops back to {}", a.display()),
                    (None, Some(io)) => io.to_string(),
                    (None, None) => err.to_string(),
                };
                out.push(Err(Error::BadDocument { path, message }));
            }
        }
    }
}

/// The name a path is reported by: `stdin` for `-`, else the path as given.
pub fn display_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "stdin".to_string()
    } else {
        path.display().to_string()
    }
}

/// Reads a file, or standard input for `-`, but never more than
/// `max_bytes` + 1 bytes: a larger input is [`Error::DocumentTooLarge`]
/// (a regular file is judged by its size before anything is read).
pub fn read_limited(path: &Path, max_bytes: u64) -> Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        return read_to_limit(std::io::stdin().lock(), Path::new("stdin"), max_bytes, 0);
    }
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let len = match f.metadata() {
        Ok(m) if m.is_dir() => {
            return Err(Error::io(
                path,
                std::io::Error::other("is a folder, not a file"),
            ))
        }
        Ok(m) => m.len(),
        Err(_) => 0,
    };
    if len > max_bytes {
        return Err(Error::DocumentTooLarge {
            path: path.to_path_buf(),
            limit: max_bytes,
        });
    }
    read_to_limit(f, path, max_bytes, len)
}

fn read_to_limit(r: impl Read, path: &Path, max_bytes: u64, hint: u64) -> Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(hint.min(max_bytes).min(1 << 30) as usize);
    r.take(max_bytes.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| Error::io(path, e))?;
    if buf.len() as u64 > max_bytes {
        return Err(Error::DocumentTooLarge {
            path: path.to_path_buf(),
            limit: max_bytes,
        });
    }
    Ok(buf)
}

/// The bytes as text: [`Error::InvalidUtf8`] with the offset of the first
/// bad byte, or, when `lossy`, every invalid sequence replaced by U+FFFD.
pub fn decode(path: &Path, bytes: Vec<u8>, lossy: bool) -> Result<String> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) if lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => Err(Error::InvalidUtf8 {
            path: path.to_path_buf(),
            offset: e.utf8_error().valid_up_to(),
        }),
    }
}

/// The document of an HTML page: its article text (page furniture dropped,
/// one paragraph per line, blank lines between blocks), with metadata:
/// `title` the page's title, `url` the `<link rel="canonical">` address,
/// else the `og:url` address, else the JSON-LD `url`, else `fallback_url`; `author` the
/// byline, `publisher` the site name, `published` the publication time, when
/// the page gives them. A page with no text to keep is
/// [`Error::BadDocument`].
pub fn html_document(id: &str, html: &str, fallback_url: Option<&str>) -> Result<Document> {
    let bad = |message: String| Error::BadDocument {
        path: PathBuf::from(id),
        message,
    };
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let mut page = dom_smoothie::Readability::new(html, None, Some(cfg))
        .map_err(|e| bad(format!("cannot read the page: {e}")))?;
    // the `href` of the first `<link rel="canonical">` (before parsing,
    // which removes the head)
    let canonical = page.doc.select("link[rel][href]").iter().find_map(|link| {
        let rel = link.attr("rel")?;
        if !rel
            .split_ascii_whitespace()
            .any(|r| r.eq_ignore_ascii_case("canonical"))
        {
            return None;
        }
        let href = link.attr("href")?.trim().to_string();
        (!href.is_empty()).then_some(href)
    });
    let og_url = page
        .doc
        .select(r#"meta[property="og:url"][content]"#)
        .iter()
        .find_map(|m| {
            let url = m.attr("content")?.trim().to_string();
            (!url.is_empty()).then_some(url)
        });
    let article = page.parse().map_err(|e| match e {
        dom_smoothie::ReadabilityError::GrabFailed => bad("no article text found".to_string()),
        other => bad(other.to_string()),
    })?;
    let text = tidy(&article.text_content);
    if text.is_empty() {
        return Err(bad("no article text found".to_string()));
    }
    let non_empty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Ok(Document {
        id: id.to_string(),
        text,
        meta: Metadata {
            title: non_empty(Some(article.title)),
            url: canonical
                .or(og_url)
                .or_else(|| non_empty(article.url))
                .or_else(|| fallback_url.map(str::to_string)),
            published: non_empty(article.published_time),
            author: non_empty(article.byline),
            publisher: non_empty(article.site_name),
            country: None,
        },
    })
}

/// Extracted text made regular: lines without trailing spaces, at most one
/// blank line between paragraphs, none at either end.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim_start().is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(line.trim_start());
    }
    out
}

/// Makes a document of a text or HTML input read with [`read_limited`]:
/// the id is [`display_name`] of `path`; `html` reads it as a page (see
/// [`html_document`], with the path as the fallback address).
pub fn document_from_bytes(
    path: &Path,
    bytes: Vec<u8>,
    html: bool,
    lossy: bool,
) -> Result<Document> {
    let id = display_name(path);
    let text = decode(Path::new(&id), bytes, lossy)?;
    if html {
        let fallback = (path.as_os_str() != "-").then_some(id.as_str());
        html_document(&id, &text, fallback)
    } else {
        Ok(Document {
            id,
            text,
            meta: Metadata::default(),
        })
    }
}

/// Reads one text or HTML file (or standard input, `-`) as a document:
/// HTML when `html` is set or the extension says so ([`InputFormat::of`]).
pub fn read_document(path: &Path, max_bytes: u64, html: bool, lossy: bool) -> Result<Document> {
    let bytes = read_limited(path, max_bytes)?;
    let html = html || InputFormat::of(path) == InputFormat::Html;
    document_from_bytes(path, bytes, html, lossy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        let cases = [
            ("a.txt", InputFormat::Text),
            ("a.HTML", InputFormat::Html),
            ("dir.d/a.htm", InputFormat::Html),
            ("a.xhtml", InputFormat::Html),
            ("a.jsonl", InputFormat::Jsonl),
            ("a.NDJSON", InputFormat::Jsonl),
            ("a", InputFormat::Text),
            ("-", InputFormat::Text),
            ("a.json", InputFormat::Text),
        ];
        for (p, want) in cases {
            assert_eq!(InputFormat::of(Path::new(p)), want, "{p}");
        }
    }

    #[test]
    fn filters_file_names() {
        let default = FileFilter::new::<&str>(&[]).unwrap();
        let txt = FileFilter::new(&["*.txt"]).unwrap();
        let two = FileFilter::new(&["*.{htm,html}", "notes-?.md"]).unwrap();
        // (path, default, *.txt, two globs)
        let cases = [
            ("a.txt", true, true, false),
            ("dir/A.TXT", true, false, false),
            ("x/page.html", true, false, true),
            ("page.htm", true, false, true),
            ("notes-1.md", true, false, true),
            ("notes-12.md", true, false, false),
            ("data.jsonl", true, false, false),
            ("image.png", false, false, false),
            ("Makefile", false, false, false),
            ("txt/readme", false, false, false),
        ];
        for (p, d, t, w) in cases {
            let p = Path::new(p);
            assert_eq!(default.accepts(p), d, "default {p:?}");
            assert_eq!(txt.accepts(p), t, "*.txt {p:?}");
            assert_eq!(two.accepts(p), w, "two globs {p:?}");
        }
        assert!(matches!(
            FileFilter::new(&["a[b"]),
            Err(Error::BadPattern { .. })
        ));
    }

    #[test]
    fn walks_folders_in_name_order() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        for f in [
            "b.txt",
            "a.md",
            "sub/z.txt",
            "sub/a.html",
            "A.txt",
            "skip.png",
            ".hidden.txt",
            ".git/x.txt",
            "sub/deeper/c.txt",
        ] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, "x").unwrap();
        }
        let got: Vec<String> = collect_files(
            &[root.to_path_buf(), PathBuf::from("-")],
            &FileFilter::default(),
        )
        .into_iter()
        .map(|r| {
            let p = r.unwrap();
            match p.strip_prefix(root) {
                Ok(rel) => rel.display().to_string(),
                Err(_) => p.display().to_string(),
            }
        })
        .collect();
        assert_eq!(
            got,
            [
                "A.txt",
                "a.md",
                "b.txt",
                "sub/a.html",
                "sub/deeper/c.txt",
                "sub/z.txt",
                "-"
            ]
        );
        let missing = collect_files(&[root.join("nope.txt")], &FileFilter::default());
        assert!(matches!(missing[..], [Err(Error::Io { .. })]));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_loop_is_reported_in_its_place() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::write(root.join("a/x.txt"), "x").unwrap();
        std::os::unix::fs::symlink(root, root.join("a/loop")).unwrap();
        std::fs::write(root.join("b.txt"), "x").unwrap();
        let got = collect_files(&[root.to_path_buf()], &FileFilter::default());
        let shown: Vec<String> = got
            .iter()
            .map(|r| match r {
                Ok(p) => p.strip_prefix(root).unwrap().display().to_string(),
                Err(e) => format!("error: {e}"),
            })
            .collect();
        assert_eq!(shown.len(), 3, "{shown:?}");
        assert!(
            shown[0].starts_with("error: ") && shown[0].contains("loops back"),
            "{shown:?}"
        );
        assert_eq!(shown[1..], ["a/x.txt", "b.txt"]);
    }

    #[test]
    fn reads_within_the_limit() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.txt");
        std::fs::write(&p, "0123456789").unwrap();
        assert_eq!(read_limited(&p, 10).unwrap().len(), 10);
        let err = read_limited(&p, 9).unwrap_err();
        assert!(
            matches!(err, Error::DocumentTooLarge { limit: 9, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("a.txt"), "{err}");
        // a reader is never read past the limit
        let big = std::io::repeat(b'x');
        let err = read_to_limit(big, Path::new("stdin"), 1000, 0).unwrap_err();
        assert_eq!(
            err.to_string(),
            "stdin: larger than the limit of 1000 bytes"
        );
    }

    #[test]
    fn decodes_strictly_or_lossily() {
        let cases: [(&[u8], bool, Result<&str, usize>); 4] = [
            (b"Mosul", false, Ok("Mosul")),
            (b"Baghdad \xff\xfe", false, Err(8)),
            (b"Baghdad \xff\xfe", true, Ok("Baghdad \u{fffd}\u{fffd}")),
            (b"\xe2\x82", true, Ok("\u{fffd}")),
        ];
        for (bytes, lossy, want) in cases {
            let got = decode(Path::new("f.txt"), bytes.to_vec(), lossy);
            match (got, want) {
                (Ok(s), Ok(w)) => assert_eq!(s, w),
                (Err(Error::InvalidUtf8 { offset, .. }), Err(w)) => assert_eq!(offset, w),
                (got, want) => panic!("{bytes:?}: {got:?} vs {want:?}"),
            }
        }
    }

    #[test]
    fn tidies_extracted_text() {
        let cases = [
            (
                "\n\n  Title  \n\n\n\nFirst.\nSecond.  \n \n",
                "Title\n\nFirst.\nSecond.",
            ),
            ("one", "one"),
            ("", ""),
            ("  \n \n", ""),
        ];
        for (input, want) in cases {
            assert_eq!(tidy(input), want, "{input:?}");
        }
    }

    const PAGE: &str = r#"<!doctype html><html><head>
<title>Militias advance near Baghdad - Example News</title>
<meta property="og:url" content="https://example.org/og">
LINK
</head><body>
<header><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<div id="content"><article class="post">
<h1>Militias advance near Baghdad</h1>
<p>Fighters were seen in Jurf al-Sakhar and Samarra on Sunday, residents said, while the
government in Baghdad promised to send more troops to the province before the end of the week.</p>
<p>Officials in Karbala said that the road to Najaf was closed for most of the day, and that
families from the villages around the town had fled towards the south of the country.</p>
<p>The ministry in Baghdad did not answer questions about the fighting near Fallujah and Ramadi,
where the army has been fighting for months against the militants.</p>
</article></div>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/x">Paris fashion week</a></li></ul></aside>
<footer class="footer"><p>Copyright Example News</p><a class="amp-mobile-version-switcher" href="?noamp">Exit mobile version</a></footer>
</body></html>"#;

    #[test]
    fn html_keeps_the_article_and_its_address() {
        let cases = [
            (
                r#"<link rel="canonical" href=" https://example.org/militias ">"#,
                "https://example.org/militias",
            ),
            (
                r#"<link rel="alternate canonical" href="https://example.org/c">"#,
                "https://example.org/c",
            ),
            ("", "https://example.org/og"),
        ];
        for (link, url) in cases {
            let page = PAGE.replace("LINK", link);
            let doc = html_document("p.html", &page, Some("p.html")).unwrap();
            assert_eq!(doc.id, "p.html");
            assert_eq!(doc.meta.url.as_deref(), Some(url), "{link}");
            let title = doc.meta.title.as_deref().unwrap_or("");
            assert!(
                title.starts_with("Militias advance near Baghdad"),
                "{title}"
            );
            assert!(
                doc.text.contains("Fighters were seen in Jurf al-Sakhar"),
                "{}",
                doc.text
            );
            assert!(doc.text.contains("Fallujah and Ramadi"), "{}", doc.text);
            for furniture in [
                "Exit mobile version",
                "Most read",
                "Paris",
                "Sport",
                "Copyright",
            ] {
                assert!(!doc.text.contains(furniture), "{furniture}: {}", doc.text);
            }
        }
        let bare = PAGE.replace("LINK", "").replace(
            r#"<meta property="og:url" content="https://example.org/og">"#,
            "",
        );
        let doc = html_document("p.html", &bare, Some("dir/p.html")).unwrap();
        assert_eq!(doc.meta.url.as_deref(), Some("dir/p.html"));
    }

    #[test]
    fn html_without_text_is_an_error() {
        let err = html_document("empty.html", "<html><body></body></html>", None).unwrap_err();
        assert!(matches!(err, Error::BadDocument { .. }), "{err}");
        assert!(err.to_string().starts_with("empty.html: "), "{err}");
    }

    #[test]
    fn documents_from_files() {
        let d = tempfile::tempdir().unwrap();
        let html = d.path().join("p.htm");
        std::fs::write(&html, PAGE.replace("LINK", "")).unwrap();
        let doc = read_document(&html, DEFAULT_MAX_DOCUMENT_BYTES, false, false).unwrap();
        assert!(doc.text.starts_with("Fighters were seen"), "{}", doc.text);
        let txt = d.path().join("p.txt");
        std::fs::write(&txt, "<p>In Mosul.</p>").unwrap();
        let plain = read_document(&txt, 100, false, false).unwrap();
        assert_eq!(plain.text, "<p>In Mosul.</p>");
        assert_eq!(plain.id, txt.display().to_string());
        let forced = read_document(&txt, 100, true, false).unwrap();
        assert_eq!(forced.text, "In Mosul.");
    }
}
