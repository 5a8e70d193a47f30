//! Geoparsing metrics, defined exactly as `../shared/tools/eval_geoparse.py`
//! (Gritta et al. 2018): strict and lenient precision / recall / F1,
//! accuracy within 161 km, mean and median error, AUC of the log error,
//! and the end-to-end e2e@161. A test feeds both implementations the same
//! predictions and compares every number.

use crate::geo::haversine_km;
use serde::Serialize;
use std::collections::BTreeMap;

/// Greatest distance on Earth, km (caps the AUC error).
pub const MAX_DIST_KM: f64 = 20039.0;

/// A span with optional coordinates (lat, lon).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    /// Code-point start.
    pub start: usize,
    /// Code-point end, exclusive.
    pub end: usize,
    /// Coordinates, when known.
    pub coords: Option<(f64, f64)>,
}

/// Same spans, one-to-one; gold in order, each taking the first unused
/// prediction with the identical span.
pub fn match_strict(gold: &[Span], pred: &[Span]) -> Vec<(usize, usize)> {
    let mut by_span: std::collections::HashMap<(usize, usize), std::collections::VecDeque<usize>> =
        Default::default();
    for (j, p) in pred.iter().enumerate() {
        by_span.entry((p.start, p.end)).or_default().push_back(j);
    }
    let mut pairs = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        if let Some(j) = by_span
            .get_mut(&(g.start, g.end))
            .and_then(|q| q.pop_front())
        {
            pairs.push((i, j));
        }
    }
    pairs
}

/// Overlapping spans, one-to-one and greedy: pairs sorted by overlap
/// (longest first), then the sum of the start and end differences, then gold
/// start, prediction start, gold index and prediction index.
pub fn match_lenient(gold: &[Span], pred: &[Span]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..pred.len()).collect();
    order.sort_by_key(|&j| pred[j].start); // stable, as Python's sorted
    let mut cands: Vec<(i64, usize, usize, usize, usize, usize)> = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        for &j in &order {
            let p = &pred[j];
            if p.start >= g.end {
                break;
            }
            let ov = g.end.min(p.end) as i64 - g.start.max(p.start) as i64;
            if ov > 0 {
                let diff = g.start.abs_diff(p.start) + g.end.abs_diff(p.end);
                cands.push((-ov, diff, g.start, p.start, i, j));
            }
        }
    }
    cands.sort_unstable();
    let mut used_g = vec![false; gold.len()];
    let mut used_p = vec![false; pred.len()];
    let mut pairs = Vec::new();
    for c in cands {
        let (i, j) = (c.4, c.5);
        if used_g[i] || used_p[j] {
            continue;
        }
        used_g[i] = true;
        used_p[j] = true;
        pairs.push((i, j));
    }
    pairs
}

/// Counts gathered over the documents of one corpus.
#[derive(Debug, Clone, Default)]
pub struct Accumulator {
    /// Documents.
    pub docs: usize,
    /// Characters (code points) of text.
    pub chars: usize,
    /// Bytes of text (UTF-8).
    pub bytes: usize,
    /// Gold toponyms.
    pub gold: usize,
    /// Gold toponyms with coordinates.
    pub gold_with_coords: usize,
    /// Predicted mentions.
    pub pred: usize,
    /// Predicted mentions with coordinates.
    pub pred_with_coords: usize,
    /// Strict matches.
    pub tp_strict: usize,
    /// Lenient matches.
    pub tp_lenient: usize,
    /// Error in km of every matched pair with coordinates on both sides.
    pub errors: Vec<f64>,
    /// Matched pairs within 161 km.
    pub e2e_hits: usize,
    /// Gold toponyms with coordinates whose name has no gazetteer candidate within 161 km.
    pub missing: usize,
    /// Seconds spent tagging.
    pub seconds: f64,
    /// Per level of place (from the corpus's type labels): gold toponyms
    /// with coordinates, and how many of them are missing.
    pub levels: BTreeMap<String, (usize, usize)>,
    /// Confidence of every matched pair with coordinates on both sides, and
    /// whether it lies within 161 km of the gold point.
    pub calibration: Vec<(f64, bool)>,
}

/// The level of a gold toponym from the corpus's own type label: GeoNames
/// feature codes (LGL, TR-News) or TUD-Loc's classes; `unknown` otherwise.
pub fn level_of(kind: Option<&str>) -> &'static str {
    let Some(k) = kind else { return "unknown" };
    let u = k.to_ascii_uppercase();
    if u.starts_with("PPL") || u == "CITY" {
        "populated place"
    } else if u.starts_with("PCL") || u == "COUNTRY" {
        "country"
    } else if u == "ADM1" {
        "first-level"
    } else if u == "ADM2" {
        "second-level"
    } else if (k
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && k.len() <= 5)
        || [
            "REGION",
            "CONTINENT",
            "LANDMARK",
            "POI",
            "UNIT",
            "STREET",
            "STREETNR",
            "ZIP",
        ]
        .contains(&k)
    {
        "other"
    } else {
        "unknown"
    }
}

impl Accumulator {
    /// Adds one document's gold and predicted spans; returns the lenient
    /// (or strict) pairs used for geocoding.
    pub fn add(
        &mut self,
        chars: usize,
        bytes: usize,
        gold: &[Span],
        pred: &[Span],
        lenient_geo: bool,
    ) -> Vec<(usize, usize)> {
        self.docs += 1;
        self.chars += chars;
        self.bytes += bytes;
        self.gold += gold.len();
        self.gold_with_coords += gold.iter().filter(|g| g.coords.is_some()).count();
        self.pred += pred.len();
        self.pred_with_coords += pred.iter().filter(|p| p.coords.is_some()).count();
        let strict = match_strict(gold, pred);
        let lenient = match_lenient(gold, pred);
        self.tp_strict += strict.len();
        self.tp_lenient += lenient.len();
        let geo = if lenient_geo { lenient } else { strict };
        for &(i, j) in &geo {
            if let (Some(g), Some(p)) = (gold[i].coords, pred[j].coords) {
                let e = haversine_km(g.0, g.1, p.0, p.1);
                self.errors.push(e);
                if e <= 161.0 {
                    self.e2e_hits += 1;
                }
            }
        }
        geo
    }

    /// Adds another accumulator (for the ALL row).
    pub fn merge(&mut self, o: &Accumulator) {
        self.docs += o.docs;
        self.chars += o.chars;
        self.bytes += o.bytes;
        self.gold += o.gold;
        self.gold_with_coords += o.gold_with_coords;
        self.pred += o.pred;
        self.pred_with_coords += o.pred_with_coords;
        self.tp_strict += o.tp_strict;
        self.tp_lenient += o.tp_lenient;
        self.errors.extend_from_slice(&o.errors);
        self.calibration.extend_from_slice(&o.calibration);
        self.e2e_hits += o.e2e_hits;
        self.missing += o.missing;
        self.seconds += o.seconds;
        for (k, (n, m)) in &o.levels {
            let e = self.levels.entry(k.clone()).or_default();
            e.0 += n;
            e.1 += m;
        }
    }

    /// The figures.
    pub fn scores(&self, corpus: &str) -> Scores {
        let (sp, sr, sf) = prf(self.tp_strict, self.pred, self.gold);
        let (lp, lr, lf) = prf(self.tp_lenient, self.pred, self.gold);
        let errs = &self.errors;
        let (acc, mean, median, auc) = if errs.is_empty() {
            (None, None, None, None)
        } else {
            let n = errs.len() as f64;
            let acc = errs.iter().filter(|&&e| e <= 161.0).count() as f64 / n;
            let mean = fmean(errs);
            let mut s = errs.clone();
            s.sort_by(f64::total_cmp);
            let m = s.len();
            let median = if m % 2 == 1 {
                s[m / 2]
            } else {
                (s[m / 2 - 1] + s[m / 2]) / 2.0
            };
            let ln_max = (MAX_DIST_KM + 1.0).ln();
            let aucs: Vec<f64> = errs
                .iter()
                .map(|e| ((e + 1.0).ln() / ln_max).min(1.0))
                .collect();
            (Some(acc), Some(mean), Some(median), Some(fmean(&aucs)))
        };
        let per = |x: usize| {
            if self.seconds > 0.0 {
                Some(x as f64 / self.seconds)
            } else {
                None
            }
        };
        Scores {
            corpus: corpus.to_string(),
            docs: self.docs,
            chars: self.chars,
            gold: self.gold,
            gold_with_coords: self.gold_with_coords,
            pred: self.pred,
            pred_with_coords: self.pred_with_coords,
            tp_strict: self.tp_strict,
            strict_p: sp,
            strict_r: sr,
            strict_f1: sf,
            tp_lenient: self.tp_lenient,
            lenient_p: lp,
            lenient_r: lr,
            lenient_f1: lf,
            n_geo: errs.len(),
            acc161: acc,
            mean_km: mean,
            median_km: median,
            auc,
            e2e161: if self.gold_with_coords > 0 {
                Some(self.e2e_hits as f64 / self.gold_with_coords as f64)
            } else {
                None
            },
            missing_rate: if self.gold_with_coords > 0 {
                Some(self.missing as f64 / self.gold_with_coords as f64)
            } else {
                None
            },
            docs_per_s: per(self.docs),
            mb_per_s: per(self.bytes).map(|b| b / 1e6),
            ceiling_by_level: self
                .levels
                .iter()
                .filter(|(k, _)| k.as_str() != "unknown")
                .map(|(k, (n, m))| (k.clone(), (*n, 1.0 - *m as f64 / (*n).max(1) as f64)))
                .collect(),
            calibration: calibration(&self.calibration),
        }
    }
}

/// Python's `statistics.fmean`: a compensated sum, so the figures agree to
/// the last digit.
fn fmean(v: &[f64]) -> f64 {
    // Neumaier summation
    let mut sum = 0.0f64;
    let mut c = 0.0f64;
    for &x in v {
        let t = sum + x;
        if sum.abs() >= x.abs() {
            c += (sum - t) + x;
        } else {
            c += (x - t) + sum;
        }
        sum = t;
    }
    (sum + c) / v.len() as f64
}

fn prf(tp: usize, npred: usize, ngold: usize) -> (f64, f64, f64) {
    let p = if npred > 0 {
        tp as f64 / npred as f64
    } else {
        0.0
    };
    let r = if ngold > 0 {
        tp as f64 / ngold as f64
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

/// The figures of one corpus (field names as in `eval_geoparse.py --json`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Scores {
    /// Corpus name (or `ALL`).
    #[serde(skip)]
    pub corpus: String,
    /// Documents.
    pub docs: usize,
    /// Characters of text.
    pub chars: usize,
    /// Gold toponyms.
    pub gold: usize,
    /// Gold toponyms with coordinates.
    pub gold_with_coords: usize,
    /// Predictions.
    pub pred: usize,
    /// Predictions with coordinates.
    pub pred_with_coords: usize,
    /// Strict matches.
    pub tp_strict: usize,
    /// Strict precision.
    pub strict_p: f64,
    /// Strict recall.
    pub strict_r: f64,
    /// Strict F1.
    pub strict_f1: f64,
    /// Lenient matches.
    pub tp_lenient: usize,
    /// Lenient precision.
    pub lenient_p: f64,
    /// Lenient recall.
    pub lenient_r: f64,
    /// Lenient F1.
    pub lenient_f1: f64,
    /// Matched pairs with coordinates on both sides.
    pub n_geo: usize,
    /// Share of those within 161 km.
    pub acc161: Option<f64>,
    /// Mean error, km.
    pub mean_km: Option<f64>,
    /// Median error, km.
    pub median_km: Option<f64>,
    /// Mean normalised log error (lower is better).
    pub auc: Option<f64>,
    /// Matched pairs within 161 km over all gold toponyms with coordinates.
    pub e2e161: Option<f64>,
    /// Gold toponyms with coordinates whose name has no candidate within 161 km.
    pub missing_rate: Option<f64>,
    /// Documents tagged per second.
    pub docs_per_s: Option<f64>,
    /// MB of text tagged per second.
    pub mb_per_s: Option<f64>,
    /// Per level: gold toponyms with coordinates and the candidate ceiling
    /// (share with a candidate within 161 km).
    pub ceiling_by_level: BTreeMap<String, (usize, f64)>,
    /// Calibration of `confidence`: for each bin of [`CALIBRATION_BINS`],
    /// the matched pairs with coordinates whose confidence falls in it and
    /// the share of them within 161 km; the last entry is every pair at
    /// 0.9 or above.
    pub calibration: Vec<(usize, Option<f64>)>,
}

/// Bins of confidence for [`Scores::calibration`] (lower bound inclusive).
pub const CALIBRATION_BINS: [(f64, f64); 6] = [
    (0.0, 0.5),
    (0.5, 0.7),
    (0.7, 0.9),
    (0.9, 0.99),
    (0.99, f64::INFINITY),
    (0.9, f64::INFINITY),
];

fn calibration(pairs: &[(f64, bool)]) -> Vec<(usize, Option<f64>)> {
    CALIBRATION_BINS
        .iter()
        .map(|&(lo, hi)| {
            let bin: Vec<bool> = pairs
                .iter()
                .filter(|(c, _)| *c >= lo && *c < hi)
                .map(|p| p.1)
                .collect();
            let right = bin.iter().filter(|&&h| h).count();
            let share = (!bin.is_empty()).then(|| right as f64 / bin.len() as f64);
            (bin.len(), share)
        })
        .collect()
}

/// A Markdown table of the calibration of `confidence`: per corpus and bin,
/// the share of matched mentions within 161 km of the gold point (their
/// count in brackets).
pub fn calibration_markdown(rows: &[Scores]) -> String {
    let mut out = String::from(
        "| corpus | < 0.5 | 0.5–0.7 | 0.7–0.9 | 0.9–0.99 | ≥ 0.99 | **≥ 0.9** |\n|---|---|---|---|---|---|---|\n",
    );
    for r in rows {
        let mut cells = vec![r.corpus.clone()];
        for (k, (n, share)) in r.calibration.iter().enumerate() {
            let v = share
                .map(|x| format!("{x:.3}"))
                .unwrap_or_else(|| "-".into());
            cells.push(if k + 1 == CALIBRATION_BINS.len() {
                format!("**{v}** ({n})")
            } else {
                format!("{v} ({n})")
            });
        }
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

fn pct(v: Option<f64>) -> String {
    v.map(|x| format!("{:.1}", 100.0 * x))
        .unwrap_or_else(|| "-".into())
}

fn num(v: Option<f64>, nd: usize) -> String {
    v.map(|x| format!("{x:.nd$}")).unwrap_or_else(|| "-".into())
}

/// The text table (columns of `eval_geoparse.py` plus missing rate and speed).
pub fn table(rows: &[Scores]) -> String {
    let hdr = [
        "corpus", "docs", "gold", "pred", "sP", "sR", "sF1", "lP", "lR", "lF1", "n_geo", "acc@161",
        "mean_km", "med_km", "AUC", "e2e@161", "missing", "docs/s", "MB/s",
    ];
    let mut lines: Vec<Vec<String>> = vec![hdr.iter().map(|s| s.to_string()).collect()];
    for r in rows {
        lines.push(vec![
            r.corpus.clone(),
            r.docs.to_string(),
            r.gold.to_string(),
            r.pred.to_string(),
            pct(Some(r.strict_p)),
            pct(Some(r.strict_r)),
            pct(Some(r.strict_f1)),
            pct(Some(r.lenient_p)),
            pct(Some(r.lenient_r)),
            pct(Some(r.lenient_f1)),
            r.n_geo.to_string(),
            pct(r.acc161),
            num(r.mean_km, 0),
            num(r.median_km, 0),
            num(r.auc, 3),
            pct(r.e2e161),
            pct(r.missing_rate),
            num(r.docs_per_s, 0),
            num(r.mb_per_s, 2),
        ]);
    }
    let w: Vec<usize> = (0..hdr.len())
        .map(|k| {
            lines
                .iter()
                .map(|l| l[k].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for l in &lines {
        let cells: Vec<String> = l
            .iter()
            .enumerate()
            .map(|(k, x)| {
                if k == 0 {
                    format!("{:<w$}", x, w = w[k])
                } else {
                    format!("{:>w$}", x, w = w[k])
                }
            })
            .collect();
        out.push_str(&cells.join("  "));
        out.push('\n');
    }
    out.push_str(
        "(P/R/F1, acc@161, e2e@161, missing in %; s=strict exact span, l=lenient overlap; geo metrics over lenient-matched pairs with coordinates on both sides; missing = gold toponyms whose name has no gazetteer candidate within 161 km)\n",
    );
    out
}

/// A Markdown table of the main figures (for `docs/EVALUATION.md`).
pub fn markdown(rows: &[Scores]) -> String {
    let mut out = String::from(
        "| corpus | docs | gold | strict P / R / F1 | lenient P / R / F1 | acc@161 | mean km | median km | AUC | e2e@161 | missing | MB/s |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n",
    );
    for r in rows {
        out.push_str(&format!(
            "| {} | {} | {} | {} / {} / {} | {} / {} / {} | {} | {} | {} | {} | {} | {} | {} |\n",
            r.corpus,
            r.docs,
            r.gold,
            pct(Some(r.strict_p)),
            pct(Some(r.strict_r)),
            pct(Some(r.strict_f1)),
            pct(Some(r.lenient_p)),
            pct(Some(r.lenient_r)),
            pct(Some(r.lenient_f1)),
            pct(r.acc161),
            num(r.mean_km, 0),
            num(r.median_km, 0),
            num(r.auc, 3),
            pct(r.e2e161),
            pct(r.missing_rate),
            num(r.mb_per_s, 2),
        ));
    }
    out
}

/// A Markdown table of the candidate ceiling (1 − missing rate) by level.
pub fn ceiling_markdown(rows: &[Scores]) -> String {
    let levels = [
        "populated place",
        "country",
        "first-level",
        "second-level",
        "other",
    ];
    let mut out = String::from("| corpus | all | populated place | country | first-level | second-level | other |\n|---|---|---|---|---|---|---|\n");
    for r in rows {
        let mut cells = vec![r.corpus.clone(), pct(r.missing_rate.map(|m| 1.0 - m))];
        for l in levels {
            cells.push(match r.ceiling_by_level.get(l) {
                Some((n, c)) => format!("{} ({n})", pct(Some(*c))),
                None => "-".into(),
            });
        }
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(start: usize, end: usize) -> Span {
        Span {
            start,
            end,
            coords: None,
        }
    }

    #[test]
    fn strict_is_one_to_one() {
        let gold = [s(0, 4), s(0, 4), s(10, 12)];
        let pred = [s(0, 4), s(10, 13)];
        assert_eq!(match_strict(&gold, &pred), vec![(0, 0)]);
    }

    #[test]
    fn lenient_prefers_longest_overlap() {
        // gold "New York City" 0..13, gold "York" 20..24; pred "New York" 0..8, pred "York City" 4..13
        let gold = [s(0, 13), s(20, 24)];
        let pred = [s(0, 8), s(4, 13), s(21, 30)];
        let pairs = match_lenient(&gold, &pred);
        assert_eq!(pairs, vec![(0, 1), (1, 2)]);
    }

    #[test]
    fn scores_follow_the_definitions() {
        let mut a = Accumulator::default();
        let gold = [
            Span {
                start: 0,
                end: 4,
                coords: Some((0.0, 0.0)),
            },
            Span {
                start: 10,
                end: 14,
                coords: Some((0.0, 0.0)),
            },
            s(20, 22),
        ];
        let pred = [
            Span {
                start: 0,
                end: 4,
                coords: Some((0.0, 1.0)),
            }, // 111 km
            Span {
                start: 11,
                end: 14,
                coords: Some((0.0, 3.0)),
            }, // 334 km
            s(30, 31),
        ];
        a.add(40, 40, &gold, &pred, true);
        let sc = a.scores("t");
        assert_eq!(sc.tp_strict, 1);
        assert_eq!(sc.tp_lenient, 2);
        assert!((sc.lenient_p - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(sc.n_geo, 2);
        assert_eq!(sc.acc161, Some(0.5));
        assert_eq!(sc.e2e161, Some(0.5));
        let med = sc.median_km.unwrap();
        assert!((med - (111.19 + 333.58) / 2.0).abs() < 0.1, "{med}");
    }
}
