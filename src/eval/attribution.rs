//! Attribution scoring on PolNeAR-style gold (`../shared/eval/attribution/`).
//!
//! - **Attribution P/R/F1**: a predicted relation matches a gold one when
//!   their contents overlap with token F1 >= 0.5 and their sources overlap
//!   (or both have none); one-to-one, greedy by content F1.
//! - **Place attribution accuracy**: for every place the tagger finds inside
//!   a gold content span (the innermost one), is the exported source the gold
//!   source — overlapping source span, or equal text (case-insensitive,
//!   without a leading "the")? A place inside the gold relation's own source
//!   or cue phrase is not inside its content (PolNeAR's discontinuous contents
//!   are stored as one span that covers them); it counts for the next
//!   enclosing relation, if any; so does a place outside the quotation
//!   marks of a *direct* relation (the narrator's words between its parts).
//!   Predicted parts of one quotation (a continuation without a cue of its
//!   own, in the same paragraph) are joined into one span before relations
//!   are matched, as PolNeAR stores them.
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
    /// The cue as written, if any (for error reports).
    pub cue: Option<String>,
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
    /// The content of the relation the tagger used, if any (for error reports).
    pub relation_content: Option<CpSpan>,
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

/// The gold-to-prediction matching of one document: for each gold relation,
/// the prediction it is matched with (greedy one-to-one by content token F1,
/// among pairs with F1 >= 0.5 and compatible sources).
fn match_relations(
    doc: &GoldAttrDoc,
    w: &[(usize, usize)],
    pred: &[PredAttribution],
) -> Vec<Option<usize>> {
    let mut cands: Vec<(f64, usize, usize)> = Vec::new();
    for (i, g) in doc.attributions.iter().enumerate() {
        for (j, p) in pred.iter().enumerate() {
            let f = token_f1(w, &g.content, &p.content);
            if f >= 0.5 && source_ok(g, p) {
                cands.push((f, i, j));
            }
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut ug: Vec<Option<usize>> = vec![None; doc.attributions.len()];
    let mut up = vec![false; pred.len()];
    for (_, i, j) in cands {
        if ug[i].is_some() || up[j] {
            continue;
        }
        ug[i] = Some(j);
        up[j] = true;
    }
    ug
}

/// Sources overlap, or both are absent.
fn source_ok(g: &GoldAttribution, p: &PredAttribution) -> bool {
    match (&g.source, &p.source) {
        (Some(a), Some(b)) => a.overlaps(b),
        (None, None) => true,
        _ => false,
    }
}

/// The innermost gold relation whose content holds a place. A relation whose
/// own source or cue holds the place does not count: PolNeAR's discontinuous
/// contents ("“…,” said X, a lawmaker from Ohio. “…”") are stored as one
/// span from the first part to the last, so the span covers the source and
/// cue, which are not part of what is claimed.
///
/// For the same reason a *direct* relation (PolNeAR derives the kind from
/// quotation marks: every part of its content is quoted) does not hold a
/// place outside the quotation marks of its span: the narrator's words
/// between the parts ("“…,” Lenz said at a dinner in Velmora. “…”") are not
/// what the source claims.
fn gold_for<'a>(
    doc: &'a GoldAttrDoc,
    chars: &[char],
    pl: &PlaceAttribution,
) -> Option<&'a GoldAttribution> {
    let s = &pl.span;
    doc.attributions
        .iter()
        .filter(|g| {
            g.content.contains(s.start, s.end)
                && !g.source.is_some_and(|x| x.overlaps(s))
                && !g.cue.is_some_and(|x| x.overlaps(s))
                && (g.kind != "direct" || quoted_at(chars, g.content.start, s.start))
        })
        .min_by_key(|g| g.content.end - g.content.start)
}

/// True when code point `at` lies between quotation marks, reading from
/// `from` (a direct content's opening mark): `“` opens, `”` closes, `"` and
/// a doubled apostrophe (`''`) toggle. Single marks nest inside and are not
/// followed.
fn quoted_at(chars: &[char], from: usize, at: usize) -> bool {
    let mut inside = false;
    let mut k = from;
    let end = at.min(chars.len());
    while k < end {
        match chars[k] {
            '“' => inside = true,
            '”' => inside = false,
            '"' => inside = !inside,
            '\'' if chars.get(k + 1) == Some(&'\'') => {
                inside = !inside;
                k += 1;
            }
            _ => {}
        }
        k += 1;
    }
    inside
}

/// True when the place's exported source is the gold relation's source.
fn place_right(
    g: &GoldAttribution,
    pl: &PlaceAttribution,
    text_of: &dyn Fn(&CpSpan) -> String,
) -> bool {
    match &g.source {
        None => pl.source_texts.iter().all(|t| t.trim().is_empty()),
        Some(gs) => {
            let want = norm_source(&text_of(gs));
            pl.source_span.is_some_and(|s| s.overlaps(gs))
                || pl
                    .source_texts
                    .iter()
                    .any(|t| !t.trim().is_empty() && norm_source(t) == want)
        }
    }
}

fn char_slicer(text: &str) -> impl Fn(&CpSpan) -> String + '_ {
    let chars: Vec<char> = text.chars().collect();
    move |s: &CpSpan| -> String {
        chars[s.start.min(chars.len())..s.end.min(chars.len())]
            .iter()
            .collect()
    }
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
        let text_of = char_slicer(&doc.text);
        let chars: Vec<char> = doc.text.chars().collect();
        self.all.gold += doc.attributions.len();
        self.all.pred += pred.len();
        for g in &doc.attributions {
            self.by_kind.entry(g.kind.clone()).or_default().gold += 1;
        }
        for (i, m) in match_relations(doc, &w, pred).into_iter().enumerate() {
            if m.is_some() {
                self.all.matched += 1;
                self.by_kind
                    .entry(doc.attributions[i].kind.clone())
                    .or_default()
                    .matched += 1;
            }
        }
        // places inside gold contents
        for pl in places {
            let Some(g) = gold_for(doc, &chars, pl) else {
                continue;
            };
            let right = place_right(g, pl, &text_of);
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

/// One attribution error, for `eval --attribution --errors FILE`.
#[derive(Debug, Clone, Serialize)]
pub struct AttrError {
    /// The document.
    pub doc_id: String,
    /// `place` (a place in a gold content with the wrong source), `missed`
    /// (a gold relation with no matching prediction) or `spurious` (a
    /// prediction matching no gold relation).
    pub error: &'static str,
    /// Why, roughly: `no_relation` (no prediction covers it: the narrator's), `gold_sourceless`
    /// (gold has no source, we gave one), `source_missing` (we gave none),
    /// `wrong_source`, `content_mismatch` (the best overlapping prediction has
    /// content token F1 < 0.5), `no_overlap`.
    pub class: &'static str,
    /// The gold relation's kind (`direct`, `indirect`, `mixed`), if any.
    pub kind: Option<String>,
    /// The place as written (`place` errors).
    pub place: Option<String>,
    /// The gold source as written.
    pub gold_source: Option<String>,
    /// The gold cue as written.
    pub gold_cue: Option<String>,
    /// The gold content.
    pub gold_content: Option<String>,
    /// The gold content's span (code points).
    pub gold_span: Option<CpSpan>,
    /// The exported or predicted source(s).
    pub pred_source: Vec<String>,
    /// The predicted cue (`spurious`).
    pub pred_cue: Option<String>,
    /// The predicted content (the best overlapping one for `missed`).
    pub pred_content: Option<String>,
    /// Content token F1 of the best overlapping prediction (`missed`).
    pub content_f1: Option<f64>,
}

/// Every error of one document (the same judgements as [`AttrReport::add`]).
pub fn errors(
    doc: &GoldAttrDoc,
    pred: &[PredAttribution],
    places: &[PlaceAttribution],
) -> Vec<AttrError> {
    let w = words(&doc.text);
    let text_of = char_slicer(&doc.text);
    let chars: Vec<char> = doc.text.chars().collect();
    let opt = |s: &Option<CpSpan>| s.as_ref().map(&text_of);
    let m = match_relations(doc, &w, pred);
    let mut out = Vec::new();
    let mut used = vec![false; pred.len()];
    for (i, g) in doc.attributions.iter().enumerate() {
        if let Some(j) = m[i] {
            used[j] = true;
            continue;
        }
        let best = pred
            .iter()
            .map(|p| (token_f1(&w, &g.content, &p.content), p))
            .filter(|(f, _)| *f > 0.0)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let class = match best {
            None => "no_overlap",
            Some((f, _)) if f < 0.5 => "content_mismatch",
            Some((_, p)) => match (&g.source, &p.source) {
                (None, Some(_)) => "gold_sourceless",
                (Some(_), None) => "source_missing",
                _ => "wrong_source",
            },
        };
        out.push(AttrError {
            doc_id: doc.id.clone(),
            error: "missed",
            class,
            kind: Some(g.kind.clone()),
            place: None,
            gold_source: opt(&g.source),
            gold_cue: opt(&g.cue),
            gold_content: Some(text_of(&g.content)),
            gold_span: Some(g.content),
            pred_source: best.and_then(|(_, p)| opt(&p.source)).into_iter().collect(),
            pred_cue: None,
            pred_content: best.map(|(_, p)| text_of(&p.content)),
            content_f1: best.map(|(f, _)| f),
        });
    }
    for (j, p) in pred.iter().enumerate() {
        if !used[j] {
            out.push(AttrError {
                doc_id: doc.id.clone(),
                error: "spurious",
                class: "no_gold",
                kind: None,
                place: None,
                gold_source: None,
                gold_cue: None,
                gold_content: None,
                gold_span: None,
                pred_source: opt(&p.source).into_iter().collect(),
                pred_cue: p.cue.clone(),
                pred_content: Some(text_of(&p.content)),
                content_f1: None,
            });
        }
    }
    for pl in places {
        let Some(g) = gold_for(doc, &chars, pl) else {
            continue;
        };
        if place_right(g, pl, &text_of) {
            continue;
        }
        let texts: Vec<String> = pl
            .source_texts
            .iter()
            .filter(|t| !t.trim().is_empty())
            .cloned()
            .collect();
        let class = if g.source.is_none() {
            "gold_sourceless"
        } else if texts.is_empty() || pl.relation_content.is_none() {
            "no_relation"
        } else {
            "wrong_source"
        };
        out.push(AttrError {
            doc_id: doc.id.clone(),
            error: "place",
            class,
            kind: Some(g.kind.clone()),
            place: Some(text_of(&pl.span)),
            gold_source: opt(&g.source),
            gold_cue: opt(&g.cue),
            gold_content: Some(text_of(&g.content)),
            gold_span: Some(g.content),
            pred_source: texts,
            pred_cue: None,
            pred_content: pl.relation_content.as_ref().map(&text_of),
            content_f1: None,
        });
    }
    out
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
    // A quotation continued after its cue in the same paragraph ("“…,” Lenz
    // said. “…”") is one relation told in parts: a part with no cue of its
    // own carries the source of the first. PolNeAR stores such a
    // discontinuous content as one span from the first part to the last, so
    // the parts are joined the same way before they are compared.
    let mut pred: Vec<PredAttribution> = Vec::new();
    // source span, index in `pred`, byte end of its content
    let mut first_of: Vec<(crate::attribution::ByteSpan, usize, usize)> = Vec::new();
    for a in attr.spans() {
        let source = a.source.map(|_| next());
        let content = next();
        let part_of = match a.source {
            Some(s) if a.cue.is_none() && a.kind == crate::attribution::AttributionKind::Direct => {
                first_of.iter().rposition(|(x, _, _)| *x == s)
            }
            _ => None,
        };
        match part_of {
            Some(f)
                if first_of[f].2 <= a.content.start
                    && !text[first_of[f].2..a.content.start].contains('\n') =>
            {
                let k = first_of[f].1;
                pred[k].content.end = pred[k].content.end.max(content.end);
                first_of[f].2 = a.content.end;
            }
            _ => {
                if let Some(s) = a.source {
                    first_of.push((s, pred.len(), a.content.end));
                }
                let cue = a.cue.map(|c| text[c.start..c.end].to_string());
                pred.push(PredAttribution {
                    source,
                    content,
                    cue,
                });
            }
        }
    }
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
            let rel = attr.relation_for(bs, be);
            let cp = |s: crate::attribution::ByteSpan| {
                let c = crate::text::char_offsets(text, &[s.start, s.end]);
                CpSpan {
                    start: c[0],
                    end: c[1],
                }
            };
            let source_span = rel.and_then(|r| r.source).map(cp);
            let relation_content = rel.map(|r| cp(r.content));
            PlaceAttribution {
                span: CpSpan {
                    start: m.start,
                    end: m.end,
                },
                source_span,
                source_texts: [m.attribution.source.clone(), m.attribution.text.clone()]
                    .into_iter()
                    .flatten()
                    .collect(),
                relation_content,
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
    fn narrator_words_between_quoted_parts_are_not_direct_content() {
        // “We stay,” Lenz said in Velmora. “Ostrik too.” — one direct relation
        // whose flattened content covers the narrator's words in between
        let text = "“We stay,” Lenz said in Velmora. “Ostrik too.”";
        let cp = |s: &str| {
            let b = text.find(s).unwrap_or(0);
            let start = text[..b].chars().count();
            CpSpan {
                start,
                end: start + s.chars().count(),
            }
        };
        let doc = GoldAttrDoc {
            id: "d".into(),
            text: text.into(),
            publisher: None,
            attributions: vec![GoldAttribution {
                source: Some(cp("Lenz")),
                cue: Some(cp("said")),
                content: CpSpan {
                    start: 0,
                    end: text.chars().count(),
                },
                kind: "direct".into(),
            }],
        };
        let place = |s: &str, src: &str| PlaceAttribution {
            span: cp(s),
            source_span: None,
            source_texts: vec![src.into()],
            relation_content: None,
        };
        let mut r = AttrReport::default();
        // Velmora lies between the parts: no gold relation holds it
        r.add(
            &doc,
            &[],
            &[place("Velmora", "Lenz"), place("Ostrik", "Lenz")],
        );
        assert_eq!((r.all.places, r.all.places_right), (1, 1));
        // a mixed relation keeps its unquoted words
        let mut mixed = doc.clone();
        mixed.attributions[0].kind = "mixed".into();
        let mut r = AttrReport::default();
        r.add(&mixed, &[], &[place("Velmora", "Lenz")]);
        assert_eq!(r.all.places, 1);
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
                cue: None,
            },
            PredAttribution {
                source: Some(CpSpan { start: 37, end: 43 }),
                content: CpSpan { start: 49, end: 56 },
                cue: None,
            },
        ];
        let places = vec![PlaceAttribution {
            span: CpSpan { start: 30, end: 35 },
            source_span: None,
            source_texts: vec!["the minister".into()],
            relation_content: None,
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
            relation_content: None,
        }];
        wrong.add(&doc, &[], &bad);
        assert_eq!(wrong.all.place_accuracy(), Some(0.0));
    }
}
