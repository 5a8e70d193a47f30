//! Quotation marks: which marks open and close a quotation, which are
//! apostrophes, and how quotations nest and run over paragraphs.
//!
//! One left-to-right pass with a small stack (at most [`MAX_DEPTH`] open
//! quotations), so the time is linear in the text even with thousands of
//! unbalanced marks.
//!
//! Conventions handled:
//! - curly `“ ”`, straight `"`, guillemets `« »` (the double family) and
//!   `‘ ’`, straight `'` (the single family), nested in any order;
//! - apostrophes are not quotes: between two letters (`Iran’s`, `Shi’a`),
//!   before a digit (`the ’90s`), after a space (`’til`, `rock ’n’ roll`), or
//!   after a letter with no single quotation open (`militias’ leaders`);
//! - a quotation that runs over several paragraphs reopens each paragraph
//!   with an opening mark and closes only in the last one;
//! - an unclosed quotation ends at its paragraph's end, unless the next
//!   paragraph reopens it; when a later paragraph holds a stray closing mark
//!   and no quotation opened in between, the unclosed quotation is extended
//!   to it (the writer forgot to reopen);
//! - a closing single mark right after punctuation while only a double
//!   quotation is open closes that quotation (a mismatched pair);
//! - a quotation right after "entitled", "titled", "headlined" … is a title
//!   ([`Quote::title`]), not speech.

/// The deepest nesting followed; deeper opening marks are ignored.
pub const MAX_DEPTH: usize = 8;

/// One quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset after the closing mark, or after the last character of
    /// the paragraph where an unclosed quotation ends.
    pub close: usize,
    /// Byte length of the opening mark.
    pub open_len: usize,
    /// Byte length of the closing mark (0 when unclosed).
    pub close_len: usize,
    /// Whether a closing mark was found.
    pub closed: bool,
    /// Double (`“ ” " « »`) rather than single (`‘ ’ '`) marks.
    pub double: bool,
    /// The innermost quotation that contains this one.
    pub parent: Option<usize>,
    /// A quoted title ("a report entitled ‘…’"), not speech.
    pub title: bool,
}

impl Quote {
    /// The text between the marks, as a byte range.
    pub fn inner(&self) -> (usize, usize) {
        let a = self.open + self.open_len;
        let b = self.close.saturating_sub(self.close_len).max(a);
        (a, b)
    }
}

/// Words after which a quotation is a title or a name, not speech.
const TITLE_WORDS: &[&str] = &[
    "entitled",
    "titled",
    "headlined",
    "headline",
    "dubbed",
    "nicknamed",
    "named",
    "called",
    "captioned",
    "subtitled",
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mark {
    Open {
        double: bool,
    },
    Close {
        double: bool,
    },
    /// A double mark whose role depends on what is open (`word"word`).
    Toggle,
    None,
}

fn is_opening_context(p: Option<char>) -> bool {
    match p {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '«' | '"' | '\''
                )
        }
    }
}

fn is_closing_follow(n: Option<char>) -> bool {
    match n {
        None => true,
        Some(c) => c.is_whitespace() || (!c.is_alphanumeric() && c != '_'),
    }
}

/// What the mark `c` is, given the two characters before and the one after.
fn classify(c: char, pp: Option<char>, p: Option<char>, n: Option<char>) -> Mark {
    let letter = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
    match c {
        '“' | '«' | '„' => Mark::Open { double: true },
        '”' | '»' => Mark::Close { double: true },
        '"' => {
            if is_opening_context(p) && n.is_some_and(|x| !x.is_whitespace()) {
                Mark::Open { double: true }
            } else if is_closing_follow(n) && p.is_some_and(|x| !x.is_whitespace()) {
                Mark::Close { double: true }
            } else {
                Mark::Toggle
            }
        }
        '‘' => {
            if n.is_some_and(|x| x.is_ascii_digit()) && !letter(p) {
                Mark::None // ‘90s written with the wrong mark
            } else {
                Mark::Open { double: false }
            }
        }
        '’' | '\'' => {
            if letter(p) && n.is_some_and(char::is_alphabetic) {
                return Mark::None; // Iran’s, Shi’a, don’t
            }
            if n.is_some_and(|x| x.is_ascii_digit()) && !letter(p) {
                return Mark::None; // the ’90s
            }
            if c == '’' && (p.is_none() || p.is_some_and(char::is_whitespace)) {
                return Mark::None; // ’til, ’n’
            }
            if matches!(pp, Some('’' | '\'')) && letter(p) {
                return Mark::None; // the second mark of ’n’
            }
            if c == '\'' && is_opening_context(p) && n.is_some_and(char::is_alphabetic) {
                return Mark::Open { double: false };
            }
            if p.is_some_and(|x| !x.is_whitespace()) && is_closing_follow(n) {
                return Mark::Close { double: false };
            }
            Mark::None
        }
        _ => Mark::None,
    }
}

/// True for the characters [`find_quotes`] may treat as quotation marks.
pub fn is_quote_char(c: char) -> bool {
    matches!(c, '“' | '”' | '"' | '«' | '»' | '„' | '‘' | '’' | '\'')
}

struct Scanner {
    quotes: Vec<Quote>,
    stack: Vec<usize>,
    /// An unclosed quotation that ended at a paragraph end, with no
    /// quotation opened since.
    last_unclosed: Option<usize>,
}

impl Scanner {
    fn open(&mut self, at: usize, len: usize, double: bool) {
        if self.stack.len() >= MAX_DEPTH {
            return;
        }
        self.last_unclosed = None;
        let parent = self.stack.last().copied();
        self.quotes.push(Quote {
            open: at,
            close: at + len,
            open_len: len,
            close_len: 0,
            closed: false,
            double,
            parent,
            title: false,
        });
        self.stack.push(self.quotes.len() - 1);
    }

    /// Ends every quotation above stack position `keep` at byte `at`, unclosed.
    fn cut(&mut self, keep: usize, at: usize) {
        while self.stack.len() > keep {
            if let Some(q) = self.stack.pop() {
                self.quotes[q].close = at.max(self.quotes[q].open + self.quotes[q].open_len);
                self.quotes[q].closed = false;
                self.quotes[q].close_len = 0;
            }
        }
    }

    /// Closes the innermost open quotation of the family at `at`; false when none is open.
    fn close(&mut self, at: usize, len: usize, double: bool) -> bool {
        let Some(pos) = self
            .stack
            .iter()
            .rposition(|&q| self.quotes[q].double == double)
        else {
            return false;
        };
        self.cut(pos + 1, at);
        if let Some(q) = self.stack.pop() {
            let quote = &mut self.quotes[q];
            quote.close = at + len;
            quote.close_len = len;
            quote.closed = true;
        }
        true
    }

    /// A closing mark with nothing of its family open.
    fn stray_close(&mut self, at: usize, len: usize, double: bool) {
        if let Some(q) = self.last_unclosed.take() {
            if self.stack.is_empty() && self.quotes[q].double == double {
                let quote = &mut self.quotes[q];
                quote.close = at + len;
                quote.close_len = len;
                quote.closed = true;
            }
        }
    }
}

/// Finds the quotations of `text`, ordered by their opening mark. Nested
/// quotations come after the quotation that contains them and point to it
/// with [`Quote::parent`].
pub fn find_quotes(text: &str) -> Vec<Quote> {
    let mut sc = Scanner {
        quotes: Vec::new(),
        stack: Vec::new(),
        last_unclosed: None,
    };
    let mut pp: Option<char> = None;
    let mut p: Option<char> = None;
    // the byte after the last non-space character: where a paragraph ends
    let mut content_end = 0usize;
    // a reopening mark at a paragraph start that continues a quotation
    let mut skip_at: Option<usize> = None;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let n = it.peek().map(|&(_, x)| x);
        if c == '\n' {
            // a paragraph break: line break, blanks, line break
            let rest = &text[i + 1..];
            let blank = rest.len() - rest.trim_start_matches([' ', '\t', '\r']).len();
            if rest[blank..].starts_with('\n') {
                let next_para = rest.trim_start();
                let first = next_para.chars().next();
                if let Some(&outer) = sc.stack.first() {
                    let reopen = match first {
                        Some('“' | '«' | '„') => sc.quotes[outer].double,
                        Some('"') => sc.quotes[outer].double,
                        Some('‘') => !sc.quotes[outer].double,
                        _ => false,
                    };
                    if reopen {
                        sc.cut(1, content_end);
                        skip_at = Some(text.len() - next_para.len());
                    } else {
                        sc.cut(0, content_end);
                        sc.last_unclosed = Some(outer);
                    }
                }
            }
        }
        // two apostrophes stand for a straight double mark (''…'')
        let twin = c == '\'' && n == Some('\'');
        if twin {
            it.next();
        }
        let (c, n) = if twin {
            ('"', text[i + 2..].chars().next())
        } else {
            (c, n)
        };
        if is_quote_char(c) {
            if skip_at == Some(i) {
                skip_at = None;
            } else {
                let len = if twin { 2 } else { c.len_utf8() };
                match classify(c, pp, p, n) {
                    Mark::Open { double } => {
                        if double {
                            // a second double opener while one is open: the
                            // first was left unclosed
                            if let Some(pos) = sc.stack.iter().rposition(|&q| sc.quotes[q].double) {
                                sc.cut(pos, i);
                            }
                        }
                        sc.open(i, len, double);
                    }
                    Mark::Close { double } => {
                        let punct_before =
                            p.is_some_and(|x| matches!(x, ',' | '.' | '!' | '?' | '…' | ';'));
                        if !sc.close(i, len, double) {
                            if !double && punct_before && sc.close(i, len, true) {
                                // ’ closing a “ … : a mismatched pair
                            } else if double {
                                sc.stray_close(i, len, true);
                            }
                        }
                    }
                    Mark::Toggle => {
                        if !sc.close(i, len, true) {
                            sc.open(i, len, true);
                        }
                    }
                    Mark::None => {}
                }
            }
        }
        if !c.is_whitespace() {
            content_end = i + if twin { 2 } else { c.len_utf8() };
        }
        pp = p;
        p = Some(c);
    }
    sc.cut(0, content_end);
    let mut quotes = sc.quotes;
    for q in &mut quotes {
        q.title = is_title(text, q.open);
    }
    quotes
}

/// True when the word before byte `open` (over spaces) names a title.
fn is_title(text: &str, open: usize) -> bool {
    let head = text[..open].trim_end();
    let word_start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphabetic())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let word = &head[word_start..];
    word.len() <= 12 && TITLE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quotations of `t` as (inner text, closed, title, parent).
    fn q(t: &str) -> Vec<(&str, bool, bool, Option<usize>)> {
        find_quotes(t)
            .iter()
            .map(|q| {
                let (a, b) = q.inner();
                (&t[a..b], q.closed, q.title, q.parent)
            })
            .collect()
    }

    #[test]
    fn quotation_table() {
        #[allow(clippy::type_complexity)]
        let cases: Vec<(&str, Vec<(&str, bool, bool, Option<usize>)>)> = vec![
            // curly, straight and guillemet pairs
            ("He said: “We left.”", vec![("We left.", true, false, None)]),
            (
                "He said \"we left\" and went.",
                vec![("we left", true, false, None)],
            ),
            ("Il a dit « non » hier.", vec![(" non ", true, false, None)]),
            ("a ‘plan’ here", vec![("plan", true, false, None)]),
            ("a 'plan' here", vec![("plan", true, false, None)]),
            (
                "''We left,'' he said.",
                vec![("We left,", true, false, None)],
            ),
            // apostrophes are not quotes
            ("Iran’s army and Shi’a militias.", vec![]),
            ("Rock ’n’ roll came back in the ’90s.", vec![]),
            ("The militias’ leaders met.", vec![]),
            ("It's the ‘90s again.", vec![]),
            // nesting
            (
                "“They told me ‘go home’ and left.”",
                vec![
                    ("They told me ‘go home’ and left.", true, false, None),
                    ("go home", true, false, Some(0)),
                ],
            ),
            (
                "“Iraq’s future,” he said, “is ‘open’.”",
                vec![
                    ("Iraq’s future,", true, false, None),
                    ("is ‘open’.", true, false, None),
                    ("open", true, false, Some(1)),
                ],
            ),
            // titles
            (
                "a report entitled ‘Rule of the gun in Ruritania’, writing",
                vec![("Rule of the gun in Ruritania", true, true, None)],
            ),
            (
                "an article titled “Why the river moved” said",
                vec![("Why the river moved", true, true, None)],
            ),
            // a mismatched pair: ’ after punctuation closes a “
            (
                "wrote: “We go there,’ said a man.",
                vec![("We go there,", true, false, None)],
            ),
        ];
        for (input, want) in cases {
            assert_eq!(q(input), want, "{input:?}");
        }
    }

    #[test]
    fn paragraphs() {
        // a quotation over three paragraphs: reopened, closed in the last
        let t = "He said: “One.\n\n“Two.\n\n“Three.” Then.";
        let got = q(t);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "One.\n\n“Two.\n\n“Three.");
        assert!(got[0].1);
        // unclosed: ends at its paragraph's end
        let t = "He said: “One two.\n\nNarrator again.";
        let got = q(t);
        assert_eq!(got, vec![("One two.", false, false, None)]);
        // a stray closing mark later extends the unclosed quotation
        let t = "“One.\n\nTwo.\n\nThree.” End.";
        let got = q(t);
        assert_eq!(got, vec![("One.\n\nTwo.\n\nThree.", true, false, None)]);
        // ... but not over a quotation opened in between
        let t = "“One.\n\nThen “Two” x.\n\nThree.” End.";
        let got = q(t);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, "One.");
        assert!(!got[0].1);
    }

    #[test]
    fn unbalanced_marks_are_linear_and_safe() {
        for unit in ["“", "”", "\"", "‘", "’", "'", "« ", "a’ ", " ’b"] {
            let t = unit.repeat(10_000);
            let qs = find_quotes(&t);
            for q in &qs {
                assert!(q.open < q.close && q.close <= t.len());
                assert!(t.is_char_boundary(q.inner().0) && t.is_char_boundary(q.inner().1));
            }
        }
        let t = "x “ y ‘ ".repeat(10_000) + &"\n\n".repeat(100);
        assert!(find_quotes(&t).len() <= 2 * 10_000);
    }
}
