//! Attribution scoring on PolNeAR-style gold (`../shared/eval/attribution/`).
//!
//! - **Attribution P/R/F1**: a predicted relation matches a gold one when
//!   their contents overlap with token F1 >= 0.5 and their sources overlap
//!   (or both have none); one-to-one, greedy by content F1.
//! - **Place attribution accuracy**: for every place the tagger finds inside
//!   a gold content span (the innermost one), is the exported source the gold
//!   source — overlapping source span, or equal text (case-insensitive,
//!   without a leading "the")?
//!
//! Both are reported overall and by the gold relation's kind (direct,
//! indirect, mixed).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A code-point span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub struct CpSpan {
    /// Start.
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
}

impl CpSpan {
    fn overlaps(&self, o: &CpSpan) -> bool {
        self.start < o.end && o.start < self.end
    }
    fn contains(&self, s: usize, e: usize) -> bool {
        self.start <= s && e <= self.end
    }
}

/// A gold attribution relation.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldAttribution {
    /// The source, if annotated.
    pub source: Option<CpSpan>,
    /// The cue, if annotated.
    pub cue: Option<CpSpan>,
    /// What is attributed.
    pub content: CpSpan,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
}

/// A gold document.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldAttrDoc {
    /// Id.
    pub id: String,
    /// Text.
    pub text: String,
    /// Publisher (the narrator).
    #[serde(default)]
    pub publisher: Option<String>,
    /// Relations.
    #[serde(default)]
    pub attributions: Vec<GoldAttribution>,
}

/// A predicted relation in code points.
#[derive(Debug, Clone, PartialEq)]
pub struct PredAttribution {
    /// The source span as written, if any.
    pub source: Option<CpSpan>,
    /// What is attributed.
    pub content: CpSpan,
}

/// A place found in a document with the attribution exported for it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceAttribution {
    /// The mention's span.
    pub span: CpSpan,
    /// The source span the tagger used, if it knows it.
    pub source_span: Option<CpSpan>,
    /// `attribution` and `attribution_text` as exported.
    pub source_texts: Vec<String>,
}

/// Counts for one kind of relation.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AttrCounts {
    /// Gold relations.
    pub gold: usize,
    /// Predicted relations (only meaningful overall).
    pub pred: usize,
    /// Matched relations.
    pub matched: usize,
    /// Places inside gold contents.
    pub places: usize,
    /// Of those, attributed to the gold source.
    pub places_right: usize,
}

/// The figures of an attribution evaluation.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AttrReport {
    /// Overall counts.
    pub all: AttrCounts,
    /// Counts by gold kind.
    pub by_kind: BTreeMap<String, AttrCounts>,
}

/// Lowercase, without a leading article, with single spaces and ’ as '.
pub fn norm_source(s: &str) -> String {
    let s = s.trim().to_lowercase().replace('’', "'");
    let s = ["the ", "a ", "an "]
        .iter()
        .find_map(|a| s.strip_prefix(a))
        .map(str::to_string)
        .unwrap_or(s);
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn tokens_in(words: &[(usize, usize)], s: &CpSpan) -> usize {
    words
        .iter()
        .filter(|w| s.start <= w.0 && w.1 <= s.end)
        .count()
}

fn token_f1(words: &[(usize, usize)], a: &CpSpan, b: &CpSpan) -> f64 {
    let na = tokens_in(words, a);
    let nb = tokens_in(words, b);
    let inter = CpSpan {
        start: a.start.max(b.start),
        end: a.end.min(b.end),
    };
    if inter.start >= inter.end || na == 0 || nb == 0 {
        return 0.0;
    }
    let ni = tokens_in(words, &inter);
    if ni == 0 {
        return 0.0;
    }
    let p = ni as f64 / nb as f64;
    let r = ni as f64 / na as f64;
    2.0 * p * r / (p + r)
}

/// Word spans (code points) of a text: runs of letters and digits.
pub fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut i = 0;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push((s, i));
        }
        i += 1;
    }
    if let Some(s) = start {
        out.push((s, i));
    }
    out
}

impl AttrReport {
    /// Adds one document.
    pub fn add(
        &mut self,
        doc: &GoldAttrDoc,
        pred: &[PredAttribution],
        places: &[PlaceAttribution],
    ) {
        let w = words(&doc.text);
        let chars: Vec<char> = doc.text.chars().collect();
        let text_of = |s: &CpSpan| -> String {
            chars[s.start.min(chars.len())..s.end.min(chars.len())]
                .iter()
                .collect()
        };
        self.all.gold += doc.attributions.len();
        self.all.pred += pred.len();
        for g in &doc.attributions {
            self.by_kind.entry(g.kind.clone()).or_default().gold += 1;
        }
        // relations: greedy one-to-one by content F1
        let mut cands: Vec<(f64, usize, usize)> = Vec::new();
        for (i, g) in doc.attributions.iter().enumerate() {
            for (j, p) in pred.iter().enumerate() {
                let f = token_f1(&w, &g.content, &p.content);
                let src_ok = match (&g.source, &p.source) {
                    (Some(a), Some(b)) => a.overlaps(b),
                    (None, None) => true,
                    _ => false,
                };
                if f >= 0.5 && src_ok {
                    cands.push((f, i, j));
                }
            }
        }
        cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut ug = vec![false; doc.attributions.len()];
        let mut up = vec![false; pred.len()];
        for (_, i, j) in cands {
            if ug[i] || up[j] {
                continue;
            }
            ug[i] = true;
            up[j] = true;
            self.all.matched += 1;
            self.by_kind
                .entry(doc.attributions[i].kind.clone())
                .or_default()
                .matched += 1;
        }
        // places inside gold contents
        for pl in places {
            let inner = doc
                .attributions
                .iter()
                .filter(|g| g.content.contains(pl.span.start, pl.span.end))
                .min_by_key(|g| g.content.end - g.content.start);
            let Some(g) = inner else { continue };
            let right = match &g.source {
                None => pl.source_texts.iter().all(|t| t.trim().is_empty()),
                Some(gs) => {
                    let want = norm_source(&text_of(gs));
                    pl.source_span.is_some_and(|s| s.overlaps(gs))
                        || pl
                            .source_texts
                            .iter()
                            .any(|t| !t.trim().is_empty() && norm_source(t) == want)
                }
            };
            let k = self.by_kind.entry(g.kind.clone()).or_default();
            k.places += 1;
            self.all.places += 1;
            if right {
                k.places_right += 1;
                self.all.places_right += 1;
            }
        }
    }
}

impl AttrCounts {
    /// Precision, recall, F1 of relations.
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = if self.pred > 0 {
            self.matched as f64 / self.pred as f64
        } else {
            0.0
        };
        let r = if self.gold > 0 {
            self.matched as f64 / self.gold as f64
        } else {
            0.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }

    /// Place attribution accuracy.
    pub fn place_accuracy(&self) -> Option<f64> {
        (self.places > 0).then(|| self.places_right as f64 / self.places as f64)
    }
}

/// The text table of an attribution report.
pub fn table(r: &AttrReport) -> String {
    let mut out = String::from("kind      gold   matched  recall   places  place_acc\n");
    let (p, rec, f) = r.all.prf();
    let mut row = |name: &str, c: &AttrCounts| {
        let recall = if c.gold > 0 {
            c.matched as f64 / c.gold as f64
        } else {
            0.0
        };
        out.push_str(&format!(
            "{:<8} {:>6} {:>9} {:>7.1} {:>8} {:>10}\n",
            name,
            c.gold,
            c.matched,
            100.0 * recall,
            c.places,
            c.place_accuracy()
                .map(|a| format!("{:.1}", 100.0 * a))
                .unwrap_or_else(|| "-".into())
        ));
    };
    for (k, c) in &r.by_kind {
        row(k, c);
    }
    row("ALL", &r.all);
    out.push_str(&format!(
        "attribution P/R/F1: {:.1} / {:.1} / {:.1} ({} predicted; content token F1 >= 0.5 and overlapping source)\n",
        100.0 * p,
        100.0 * rec,
        100.0 * f,
        r.all.pred
    ));
    out
}

/// Tags a gold document and returns the predicted relations and the places
/// with their exported attribution.
pub fn predict(
    tagger: &crate::Tagger,
    doc: &GoldAttrDoc,
) -> (Vec<PredAttribution>, Vec<PlaceAttribution>) {
    let meta = crate::document::Metadata {
        publisher: doc.publisher.clone(),
        ..Default::default()
    };
    let text = &doc.text;
    let attr = tagger.attributions(text, &meta);
    let mut bytes: Vec<usize> = Vec::new();
    for a in attr.spans() {
        if let Some(s) = a.source {
            bytes.extend([s.start, s.end]);
        }
        bytes.extend([a.content.start, a.content.end]);
    }
    let cps = crate::text::char_offsets(text, &bytes);
    let mut k = 0;
    let mut next = || {
        let v = CpSpan {
            start: cps[k],
            end: cps[k + 1],
        };
        k += 2;
        v
    };
    let pred: Vec<PredAttribution> = attr
        .spans()
        .iter()
        .map(|a| {
            let source = a.source.map(|_| next());
            let content = next();
            PredAttribution { source, content }
        })
        .collect();
    // places: byte offsets of each mention, then its relation's source span
    let mentions = tagger.tag_with(&doc.id, text, &meta);
    let mut chars: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    chars.push(text.len());
    let places = mentions
        .into_iter()
        .map(|m| {
            let (bs, be) = (
                chars[m.start.min(chars.len() - 1)],
                chars[m.end.min(chars.len() - 1)],
            );
            let source_span = attr.relation_for(bs, be).and_then(|r| r.source).map(|s| {
                let c = crate::text::char_offsets(text, &[s.start, s.end]);
                CpSpan {
                    start: c[0],
                    end: c[1],
                }
            });
            PlaceAttribution {
                span: CpSpan {
                    start: m.start,
                    end: m.end,
                },
                source_span,
                source_texts: [m.attribution.source, m.attribution.text]
                    .into_iter()
                    .flatten()
                    .collect(),
            }
        })
        .collect();
    (pred, places)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_drops_articles_and_case() {
        assert_eq!(norm_source("The  Iranian Resistance"), "iranian resistance");
        assert_eq!(norm_source("Iran’s minister"), "iran's minister");
    }

    #[test]
    fn relations_and_places_are_scored() {
        let text = "The minister said troops left Basra. Police said nothing.";
        let doc = GoldAttrDoc {
            id: "d".into(),
            text: text.into(),
            publisher: None,
            attributions: vec![GoldAttribution {
                source: Some(CpSpan { start: 0, end: 12 }),
                cue: Some(CpSpan { start: 13, end: 17 }),
                content: CpSpan { start: 18, end: 35 },
                kind: "indirect".into(),
            }],
        };
        let pred = vec![
            PredAttribution {
                source: Some(CpSpan { start: 4, end: 12 }),
                content: CpSpan { start: 18, end: 36 },
            },
            PredAttribution {
                source: Some(CpSpan { start: 37, end: 43 }),
                content: CpSpan { start: 49, end: 56 },
            },
        ];
        let places = vec![PlaceAttribution {
            span: CpSpan { start: 30, end: 35 },
            source_span: None,
            source_texts: vec!["the minister".into()],
        }];
        let mut r = AttrReport::default();
        r.add(&doc, &pred, &places);
        assert_eq!(r.all.matched, 1);
        let (p, rec, _) = r.all.prf();
        assert_eq!((p, rec), (0.5, 1.0));
        assert_eq!(r.all.place_accuracy(), Some(1.0));
        let mut wrong = AttrReport::default();
        let bad = vec![PlaceAttribution {
            span: CpSpan { start: 30, end: 35 },
            source_span: None,
            source_texts: vec![],
        }];
        wrong.add(&doc, &[], &bad);
        assert_eq!(wrong.all.place_accuracy(), Some(0.0));
    }
}
