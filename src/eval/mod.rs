//! Evaluation on annotated corpora: the instrument every later change is
//! measured with.
//!
//! - [`geoparse`]: recognition and resolution metrics, identical to
//!   `../shared/tools/eval_geoparse.py`.
//! - [`run_geoparse`]: tags gold documents (or resolves their gold spans) and
//!   scores them per corpus, with the missing rate (gold toponyms whose name
//!   has no gazetteer candidate within 161 km) and the speed.
//! - [`attribution`]: attribution scoring on PolNeAR-style gold.

pub mod attribution;
pub mod geoparse;

use crate::document::Metadata;
use crate::geo::haversine_km;
use crate::normalize::fold;
use crate::tagger::{Mention, Tagger};
use geoparse::{Accumulator, Scores, Span};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::BufRead;
use std::time::Instant;

/// A gold toponym.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldToponym {
    /// Code-point start.
    pub start: usize,
    /// Code-point end, exclusive.
    pub end: usize,
    /// The text.
    #[serde(default)]
    pub name: String,
    /// Latitude, when annotated.
    #[serde(default)]
    pub lat: Option<f64>,
    /// Longitude, when annotated.
    #[serde(default)]
    pub lon: Option<f64>,
    /// GeoNames id, when annotated.
    #[serde(default)]
    pub geonameid: Option<i64>,
    /// The corpus's own type label.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

/// A gold document of the geoparsing format.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldDoc {
    /// Id.
    #[serde(deserialize_with = "id_string")]
    pub id: String,
    /// Corpus name.
    #[serde(default)]
    pub corpus: Option<String>,
    /// Text.
    pub text: String,
    /// Annotated toponyms.
    #[serde(default)]
    pub toponyms: Vec<GoldToponym>,
}

fn id_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    Ok(match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    })
}

impl GoldToponym {
    fn coords(&self) -> Option<(f64, f64)> {
        match (self.lat, self.lon) {
            (Some(a), Some(b)) if a.is_finite() && b.is_finite() => Some((a, b)),
            _ => None,
        }
    }
}

/// Reads gold documents (JSONL); a malformed line is an error naming it.
pub fn read_gold<R: BufRead>(r: R, path: &str) -> crate::Result<Vec<GoldDoc>> {
    let mut out = Vec::new();
    for (i, line) in r.lines().enumerate() {
        let line = line.map_err(|e| crate::Error::io(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let d: GoldDoc = serde_json::from_str(&line).map_err(|e| crate::Error::BadRow {
            path: path.into(),
            line: i as u64 + 1,
            message: e.to_string(),
        })?;
        out.push(d);
    }
    Ok(out)
}

/// How to evaluate.
#[derive(Debug, Clone, Copy, Default)]
pub struct EvalOptions {
    /// Resolve the gold spans instead of spotting names.
    pub gold_spans: bool,
    /// Match for the geocoding metrics by exact span instead of overlap.
    pub strict_geo: bool,
    /// Say, for each missed toponym, which spotting rule dropped it
    /// (`ErrorCase::dropped`; a second spotting pass over documents with
    /// misses, worth it only when the errors are read).
    pub explain_misses: bool,
}

/// One error worth reading: a false positive, a miss, or a far-off place.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorCase {
    /// `false_positive`, `miss`, `far` or `unresolved`.
    pub kind: &'static str,
    /// Corpus.
    pub corpus: String,
    /// Document id.
    pub doc: String,
    /// Code-point offsets.
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
    /// The text of the span.
    pub text: String,
    /// What the tagger chose, if anything.
    pub predicted: Option<String>,
    /// Error in km (for `far`).
    pub error_km: Option<f64>,
    /// Gold point (lat, lon).
    pub gold: Option<(f64, f64)>,
    /// Whether any gazetteer candidate of the gold name lies within 161 km.
    pub reachable: Option<bool>,
    /// For a miss: an exact gazetteer match over the gold span that a
    /// spotting rule dropped, and the rule (`Person`, `CommonWord` …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dropped: Option<String>,
    /// The sentence around it.
    pub sentence: String,
}

impl ErrorCase {
    /// An error about a gold toponym with nothing predicted for it.
    fn of_gold(
        kind: &'static str,
        corpus: &str,
        d: &GoldDoc,
        g: &GoldToponym,
        reachable: Option<bool>,
        sentence: String,
    ) -> ErrorCase {
        ErrorCase {
            kind,
            corpus: corpus.to_string(),
            doc: d.id.clone(),
            start: g.start,
            end: g.end,
            text: g.name.clone(),
            predicted: None,
            error_km: None,
            gold: g.coords(),
            reachable,
            dropped: None,
            sentence,
        }
    }
}

/// Results of an evaluation: per corpus, then `ALL` when there are several.
#[derive(Debug, Clone)]
pub struct Report {
    /// Figures per corpus.
    pub rows: Vec<Scores>,
    /// Predictions per document, in the reference script's PRED format.
    pub predictions: Vec<serde_json::Value>,
    /// Errors to read.
    pub errors: Vec<ErrorCase>,
}

fn sentence_around(
    text: &str,
    sents: &[crate::text::Sentence],
    chars: &[usize],
    start: usize,
    end: usize,
) -> String {
    // chars: byte offset of each code point (plus the end)
    let bs = chars.get(start).copied().unwrap_or(text.len());
    let be = chars.get(end).copied().unwrap_or(text.len()).max(bs);
    match sents
        .iter()
        .find(|x| x.start <= bs && bs < x.end.max(bs + 1))
    {
        Some(x) => text[x.start..x.end.max(be)].to_string(),
        None => text[bs..be].to_string(),
    }
}

/// Whether any candidate of `name` lies within 161 km of `point`.
pub fn reachable(tagger: &Tagger, name: &str, point: (f64, f64)) -> bool {
    tagger
        .gazetteer()
        .candidates(&fold(name))
        .iter()
        .any(|(_, p)| haversine_km(point.0, point.1, p.lat, p.lon) <= 161.0)
}

/// Tags (or resolves the gold spans of) every document and scores them.
pub fn run_geoparse(tagger: &Tagger, docs: &[GoldDoc], opts: EvalOptions) -> Report {
    let mut accs: BTreeMap<String, (usize, Accumulator)> = BTreeMap::new();
    let mut predictions = Vec::with_capacity(docs.len());
    let mut errors = Vec::new();
    for (order, d) in docs.iter().enumerate() {
        let corpus = d.corpus.clone().unwrap_or_else(|| "?".into());
        // byte offset of each code point, and the end
        let mut chars: Vec<usize> = d.text.char_indices().map(|(b, _)| b).collect();
        chars.push(d.text.len());
        let nchars = chars.len() - 1;
        let sents = crate::text::sentences(&d.text);
        let mut unresolved: Vec<usize> = Vec::new();
        let t0 = Instant::now();
        let mentions: Vec<Mention> = if opts.gold_spans {
            let spans: Vec<(usize, usize)> = d
                .toponyms
                .iter()
                .map(|g| {
                    let s = chars.get(g.start).copied().unwrap_or(d.text.len());
                    let e = chars.get(g.end).copied().unwrap_or(d.text.len()).max(s);
                    (s, e)
                })
                .collect();
            let res = tagger.resolve_spans(&d.id, &d.text, &spans, &Metadata::default());
            let mut out = Vec::new();
            for (i, (g, m)) in d.toponyms.iter().zip(res).enumerate() {
                match m {
                    Some(m) => out.push(m),
                    None => {
                        unresolved.push(i);
                        errors.push(ErrorCase::of_gold(
                            "unresolved",
                            &corpus,
                            d,
                            g,
                            Some(false),
                            sentence_around(&d.text, &sents, &chars, g.start, g.end),
                        ))
                    }
                }
            }
            out
        } else {
            tagger.tag(&d.id, &d.text)
        };
        let secs = t0.elapsed().as_secs_f64();
        let gold: Vec<Span> = d
            .toponyms
            .iter()
            .map(|g| Span {
                start: g.start,
                end: g.end,
                coords: g.coords(),
            })
            .collect();
        let pred: Vec<Span> = mentions
            .iter()
            .map(|m| Span {
                start: m.start,
                end: m.end,
                coords: Some((m.place.lat, m.place.lon)),
            })
            .collect();
        let entry = accs
            .entry(corpus.clone())
            .or_insert_with(|| (order, Accumulator::default()));
        let acc = &mut entry.1;
        acc.seconds += secs;
        let pairs = acc.add(nchars, d.text.len(), &gold, &pred, !opts.strict_geo);
        // With gold spans, a span the gazetteer cannot resolve counts as the
        // largest possible error rather than vanishing from the figures.
        for &i in &unresolved {
            if gold[i].coords.is_some() {
                acc.errors.push(geoparse::MAX_DIST_KM);
            }
        }
        let mut reach = vec![None; gold.len()];
        for (i, g) in d.toponyms.iter().enumerate() {
            if let Some(pt) = g.coords() {
                let r = reachable(tagger, &g.name, pt);
                let lv = acc
                    .levels
                    .entry(geoparse::level_of(g.kind.as_deref()).to_string())
                    .or_default();
                lv.0 += 1;
                if !r {
                    acc.missing += 1;
                    lv.1 += 1;
                }
                reach[i] = Some(r);
            }
        }
        // calibration, and errors to read
        let mut used_g = vec![false; gold.len()];
        let mut used_p = vec![false; pred.len()];
        for &(i, j) in &pairs {
            used_g[i] = true;
            used_p[j] = true;
            if let (Some(gc), Some(pc)) = (gold[i].coords, pred[j].coords) {
                let e = haversine_km(gc.0, gc.1, pc.0, pc.1);
                acc.calibration.push((mentions[j].confidence, e <= 161.0));
                if e > 161.0 {
                    let m = &mentions[j];
                    errors.push(ErrorCase {
                        kind: "far",
                        corpus: corpus.clone(),
                        doc: d.id.clone(),
                        start: gold[i].start,
                        end: gold[i].end,
                        text: d.toponyms[i].name.clone(),
                        predicted: Some(describe(m)),
                        error_km: Some(e),
                        gold: Some(gc),
                        reachable: reach[i],
                        dropped: None,
                        sentence: m.sentence.to_string(),
                    });
                }
            }
        }
        if !opts.gold_spans {
            let verdicts = if !opts.explain_misses || used_g.iter().all(|&u| u) {
                Vec::new()
            } else {
                tagger.spot_verdicts(&d.text)
            };
            for (i, g) in d.toponyms.iter().enumerate().filter(|(i, _)| !used_g[*i]) {
                let mut e = ErrorCase::of_gold(
                    "miss",
                    &corpus,
                    d,
                    g,
                    reach[i],
                    sentence_around(&d.text, &sents, &chars, g.start, g.end),
                );
                let (bs, be) = (
                    chars.get(g.start).copied().unwrap_or(d.text.len()),
                    chars.get(g.end).copied().unwrap_or(d.text.len()),
                );
                e.dropped = verdicts
                    .iter()
                    .filter(|v| v.start < be && bs < v.end)
                    .find_map(|v| v.dropped)
                    .map(|d| format!("{d:?}"));
                errors.push(e);
            }
            for (j, m) in mentions.iter().enumerate().filter(|(j, _)| !used_p[*j]) {
                errors.push(ErrorCase {
                    kind: "false_positive",
                    corpus: corpus.clone(),
                    doc: d.id.clone(),
                    start: m.start,
                    end: m.end,
                    text: m.surface.clone(),
                    predicted: Some(describe(&mentions[j])),
                    error_km: None,
                    gold: None,
                    reachable: None,
                    dropped: None,
                    sentence: m.sentence.to_string(),
                });
            }
        }
        predictions.push(serde_json::json!({
            "id": d.id,
            "mentions": mentions.iter().map(|m| serde_json::json!({
                "start": m.start, "end": m.end, "lat": m.place.lat, "lon": m.place.lon,
            })).collect::<Vec<_>>(),
        }));
    }
    let mut ordered: Vec<(String, (usize, Accumulator))> = accs.into_iter().collect();
    ordered.sort_by_key(|(_, (o, _))| *o);
    let mut rows: Vec<Scores> = ordered.iter().map(|(c, (_, a))| a.scores(c)).collect();
    if ordered.len() > 1 {
        let mut all = Accumulator::default();
        for (_, (_, a)) in &ordered {
            all.merge(a);
        }
        rows.push(all.scores("ALL"));
    }
    Report {
        rows,
        predictions,
        errors,
    }
}

fn describe(m: &Mention) -> String {
    format!(
        "{} ({}, {}, {}) {:.4},{:.4} conf {:.2}",
        m.place.name,
        m.place.country_code,
        m.place.feature_code,
        m.place.id,
        m.place.lat,
        m.place.lon,
        m.confidence
    )
}
