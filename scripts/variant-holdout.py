#!/usr/bin/env python3
"""Held-out benchmark of the variant layer: romanisations it has never seen.

    scripts/variant-holdout.py BINARY OUTDIR [--sample N] [--probes N]

From GeoNames cities500 (../shared/gazetteer-sources/registry/cities500.txt.gz)
it takes the places of countries whose names reach English by romanisation
(--countries, default IQ SY IR AF YE LB JO SA EG LY PS PK), writes a gazetteer
CSV holding ONE name per place (its main `name`), and holds out the place's
OTHER Latin-script names (asciiname and alternates) whose folded form differs
from every name of the CSV. Names unrelated to the place's name (another name
altogether, such as "Kohestan" for Lash) are set aside by a loose skeleton
similarity, so what is left are alternative romanisations.

Each held-out spelling is tagged in two one-sentence documents with
`--no-default-gazetteer --gazetteer OUT/gazetteer.csv`:

  bare      "Clashes were reported in {surface} on Monday."
  anchored  "Clashes were reported in {surface}, near {anchor}, on Monday."

where {anchor} is the exact name of the most populous other place of the CSV
within 60 km (else the nearest within 140 km), so that the variant layer's
document-support rule (a place named exactly within 150 km) is met and the
spelling rules themselves are measured. "bare" shows what a text naming no
other place gets (only prominent places are accepted there).

A spelling is right when a mention overlapping it lies within 25 km of the
place, wrong place when the mention lies farther, missed otherwise. False
positives: capitalised given names (gazetteer/given-names.txt.gz) and common
words (gazetteer/common-words.txt.gz) in "Officials met {Word} on Monday."
(and "... met {Word} in {anchor} on Monday."); every mention of the probe word
counts.

Misses and wrong places are classified by alternation class (several classes
may apply to one spelling); a Python mirror of `normalize::variant_key` and
of the similarity check (src/normalize.rs, src/spotting/variant.rs; it may
drift from the Rust code) tells whether a miss had no candidate under its
variant key, a candidate below the similarity threshold, or a confirmed
candidate that a later rule dropped.

Python 3 standard library only; deterministic (sampling by a hash of the
spelling). Prints a skip reason and exits 0 when ../shared is absent.
Writes OUT/gazetteer.csv, OUT/docs.jsonl, OUT/out.geojsons,
OUT/results.tsv (one row per held-out spelling and context), OUT/report.md.
"""

import argparse
import collections
import gzip
import hashlib
import json
import math
import os
import re
import subprocess
import sys
import time
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
CITIES = os.path.join(SHARED, "gazetteer-sources", "registry", "cities500.txt.gz")
DEFAULT_COUNTRIES = "IQ SY IR AF YE LB JO SA EG LY PS PK"
RIGHT_KM = 25.0

MARKS = "ʿʾ’'`ʻʼ‘ʹ"
# the tool's normalize::ARTICLES
ARTICLES = {"al", "el", "as", "ash", "ad", "an", "ar", "at", "az", "ul", "ud",
            "ed", "es", "ez", "adh"}
# broader article forms for the classification only
ARTICLE_FORMS = ARTICLES | {"il", "et", "en", "er", "ath", "az", "esh", "ech", "ol", "os", "ut", "ur"}
EZAFE = {"e", "ye", "i", "yi", "y", "ee", "yeh", "ie"}
GENERIC = {
    "qaryat", "qaryah", "qarya", "karyat", "tall", "tell", "tal", "tel", "til",
    "kafr", "kfar", "kefr", "kafar", "ain", "ayn", "ein", "aiyn", "ayun", "uyun",
    "deir", "dayr", "dair", "der", "dier", "jabal", "jebel", "jabel", "jbel",
    "wadi", "wady", "bir", "beer", "beir", "bi r", "beit", "bayt", "beyt", "bait",
    "khirbat", "khirbet", "khirbit", "kherbet", "khirbe", "khirbeh", "umm", "um",
    "abu", "abou", "mazraat", "mazraa", "mazra", "mazraeh", "deh", "dih", "kalay",
    "kelay", "kili", "kaley", "kalai", "ras", "nahr", "hay", "hayy", "markaz",
    "alaqahdari", "alaqadari", "wuleswali", "uluswali", "woluswali", "shahrak",
    "kuy", "kuh", "kooh", "kouh", "chah", "qasr", "tappeh", "tepe", "tappe",
    "mazar", "madinat", "medinat", "madinah", "mahallat", "mahalleh", "qal", "qalat",
    "qalah", "qaleh", "qala", "qalaa", "kala", "kalah", "kaleh", "qalat", "sheikh",
    "shaykh", "sheykh", "sheik", "shaikh", "bani", "beni", "bni", "ban", "hisn",
    "sidi", "mit", "minyat", "kom", "kawm", "nazlat", "ezbet", "izbat", "ezbat",
    "izbet", "tarabin", "banda", "goth", "basti", "chak", "mauza", "dera", "kot",
    "pind", "killi", "kili", "qarah", "kariz", "kahriz", "bazar", "bazaar",
    "mirpur", "shahr", "ab", "chashmeh", "cheshmeh", "sar",
}
# (name, independent transform of a folded key) in reporting order
CLASS_ORDER = [
    "article", "generic prefix", "ezafe -e/-ye/-i", "join/split", "final -ah/-a/-eh/-iyah",
    "doubled letters", "vowels", "kh/h/k/ch", "q/k/g/gh", "j/g/dj/zh",
    "w/v", "sh/ch/s", "th/dh/t/d/z", "y/i/e glide", "extra/missing word",
]


def fold(s):
    """Close to normalize::fold: lowercase ASCII, marks and apostrophes gone,
    anything else a word break."""
    out = []
    for c in s:
        if c in MARKS:
            continue
        for d in unicodedata.normalize("NFKD", c):
            if unicodedata.combining(d):
                continue
            out.append(d.lower() if d.isascii() and d.isalnum() else " ")
    return " ".join("".join(out).split())


def latin_name(s):
    """A Latin-script name: letters (any Latin), marks, hyphens, spaces; no
    digits; not a short code; not an unvowelled machine transliteration."""
    s = s.strip()
    if len(s) < 2 or any(ch.isdigit() for ch in s):
        return False
    for ch in s:
        if ch.isalpha():
            if "LATIN" not in unicodedata.name(ch, ""):
                return False
        elif ch not in MARKS + "- " and not unicodedata.combining(ch):
            return False
    if not any(c.isupper() for c in s):
        return False  # "zawytt", "am qsr": automatic transliterations
    if s.isupper() and len(s) <= 4:
        return False
    return len(fold(s).replace(" ", "")) >= 2


def haversine(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def hkey(s, salt="variant-holdout"):
    return hashlib.sha1((salt + "\0" + s).encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------
# Python mirror of src/normalize.rs (strip_articles, phonetic, light,
# variant_key) and src/spotting/variant.rs (similarity, threshold): used only
# to diagnose why a spelling was missed.

def strip_articles(key):
    words = [w for w in key.split(" ") if w]
    content = sum(1 for w in words if w not in ARTICLES)
    return "".join(w for w in words if not (content > 0 and w in ARTICLES))


def strip_articles_with(key, arts):
    words = [w for w in key.split(" ") if w]
    content = sum(1 for w in words if w not in arts)
    return "".join(w for w in words if not (content > 0 and w in arts))


def phonetic(s):
    out = []
    i = 0
    vowel = set("aeiou")
    while i < len(s):
        c = s[i]
        nx = s[i + 1] if i + 1 < len(s) else None
        prev_vowel = bool(out) and out[-1] == "a"
        skip = 1
        if (c == "k" and nx == "h") or (c == "c" and nx == "k"):
            m, skip = "k", 2
        elif c == "g" and nx == "h":
            m, skip = "g", 2
        elif (c == "s" and nx == "h") or (c == "c" and nx == "h"):
            m, skip = "s", 2
        elif (c == "z" and nx == "h") or (c == "d" and nx == "j"):
            m, skip = "j", 2
        elif c == "p" and nx == "h":
            m, skip = "f", 2
        elif c == "t" and nx == "h":
            m, skip = "t", 2
        elif c == "d" and nx == "h":
            m, skip = "d", 2
        elif c in "qc":
            m = "k"
        elif c in "yw" and prev_vowel:
            m = "a"
        elif c == "w":
            m = "v"
        elif c in vowel:
            m = "a"
        elif c == "h" and nx is None and prev_vowel:
            m = ""
        elif c == "h" and nx is not None and prev_vowel and nx not in vowel and nx not in "yw":
            m = "h"
        else:
            m = c
        i += skip
        if not m or (out and out[-1] == m):
            continue
        out.append(m)
    return "".join(out)


LIGHT_REWRITES = [("kh", "k"), ("gh", "g"), ("sh", "s"), ("ch", "s"), ("dj", "j"), ("ph", "f"),
                  ("th", "t"), ("dh", "d"), ("zh", "j"), ("q", "k"), ("c", "k"), ("ou", "u"),
                  ("oo", "u"), ("ee", "i"), ("aa", "a"), ("ei", "ai"), ("ay", "ai"), ("ey", "ai"),
                  ("aw", "au"), ("ow", "au"), ("w", "v"), ("y", "i")]


def light(s):
    for a, b in LIGHT_REWRITES:
        s = s.replace(a, b)
    vowel = set("aeiou")
    out = []
    for i, c in enumerate(s):
        if out and out[-1] == c:
            continue
        if c == "h" and out and out[-1] in vowel and (i + 1 >= len(s) or s[i + 1] not in vowel):
            continue
        out.append(c)
    return "".join(out)


def variant_key(key, min_len=5, articles=None):
    st = strip_articles(key) if articles is None else strip_articles_with(key, articles)
    if len(st) < min_len or any(c.isdigit() for c in st):
        return ""
    ph = phonetic(st)
    sk = ph.replace("a", "")
    if len(sk) >= 3:
        out = "#"
        for c in sk:
            if not out.endswith(c):
                out += c
        return out
    return ph


def jaro(a, b):
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    if not la or not lb:
        return 0.0
    rng = max(max(la, lb) // 2 - 1, 0)
    am, bm = [False] * la, [False] * lb
    m = 0
    for i, c in enumerate(a):
        for j in range(max(0, i - rng), min(lb, i + rng + 1)):
            if not bm[j] and b[j] == c:
                am[i] = bm[j] = True
                m += 1
                break
    if not m:
        return 0.0
    t, k = 0, 0
    for i in range(la):
        if am[i]:
            while not bm[k]:
                k += 1
            if a[i] != b[k]:
                t += 1
            k += 1
    return (m / la + m / lb + (m - t / 2) / m) / 3


def jaro_winkler(a, b):
    j = jaro(a, b)
    p = 0
    for x, y in zip(a[:4], b[:4]):
        if x != y:
            break
        p += 1
    return j + p * 0.1 * (1 - j)


def three(s):
    return s.replace("e", "i").replace("o", "u")


def similarity(a, b):
    if not a or not b or abs(len(a) - len(b)) / max(len(a), len(b)) > 0.3:
        return 0.0
    la, lb = light(a), light(b)
    return max(jaro_winkler(a, b), jaro_winkler(la, lb), jaro_winkler(three(la), three(lb)))


def threshold(n):
    return 0.85 if n <= 5 else 0.86 if n <= 7 else 0.84


# --------------------------------------------------------------------------
# Alternation classes: each is a transform applied to both folded keys; a
# class is present when it brings the two spellings closer.

def _sub_tokens(key, f):
    return " ".join(t for t in (f(w) for w in key.split()) if t)


def t_article(k):
    ws = [w for w in k.split() if w not in ARTICLE_FORMS]
    ws = [re.sub(r"^(al|el)(?=[bcdfghjklmnpqrstvwxyz]{1}[aeiouy])", "", w) if len(w) > 5 else w for w in ws]
    return " ".join(ws) or k


def t_generic(k):
    ws = k.split()
    out = [w for i, w in enumerate(ws) if not (w in GENERIC and len(ws) > 1)]
    return " ".join(out) or k


def t_ezafe(k):
    ws = [w for w in k.split() if w not in EZAFE]
    return " ".join(ws) or k


def t_join(k):
    return k.replace(" ", "")


def t_final(k):
    def f(w):
        w = re.sub(r"(?<=[aeiou])h$", "", w)
        return re.sub(r"(?<=.)(iy+|y+)?[aeiou]+$", "", w) if len(w) > 3 else w
    return _sub_tokens(k, f)


def t_double(k):
    return re.sub(r"(.)\1+", r"\1", k)


def t_vowels(k):
    """Vowel quality, length and presence: the consonant skeleton."""
    k = re.sub(r"(ow|aw|ay|ey|ai|ei)(?![aeiou])", "a", k)
    return " ".join(w[0] + re.sub(r"[aeiou]+", "", w[1:]) for w in k.split())


def t_kh(k):
    return k.replace("kh", "h").replace("ch", "h").replace("x", "h")


def t_qk(k):
    k = k.replace("kh", "\x01").replace("gh", "q").replace("g", "q").replace("k", "q").replace("c", "q")
    return k.replace("\x01", "kh")


def t_jg(k):
    k = k.replace("dsch", "j").replace("tsch", "ch").replace("dzh", "j").replace("dj", "j").replace("zh", "j").replace("dz", "j")
    return re.sub(r"g(?!h)", "j", k)


def t_wv(k):
    return k.replace("w", "v")


def t_sh(k):
    return k.replace("sch", "s").replace("sh", "s").replace("ch", "s").replace("ss", "s")


def t_th(k):
    return k.replace("th", "t").replace("dh", "d").replace("z", "d").replace("t", "d")


def t_y(k):
    return k.replace("y", "i").replace("e", "i")


TRANSFORMS = {
    "article": t_article, "generic prefix": t_generic, "ezafe -e/-ye/-i": t_ezafe,
    "join/split": t_join, "final -ah/-a/-eh/-iyah": t_final, "doubled letters": t_double,
    "vowels": t_vowels, "kh/h/k/ch": t_kh, "q/k/g/gh": t_qk, "j/g/dj/zh": t_jg, "w/v": t_wv,
    "sh/ch/s": t_sh, "th/dh/t/d/z": t_th, "y/i/e glide": t_y,
}
ALL_ORDER = ["article", "generic prefix", "ezafe -e/-ye/-i", "final -ah/-a/-eh/-iyah",
             "j/g/dj/zh", "kh/h/k/ch", "q/k/g/gh", "sh/ch/s", "th/dh/t/d/z", "w/v",
             "y/i/e glide", "vowels", "doubled letters", "join/split"]


def lev(a, b):
    if a == b:
        return 0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def canon_all(k):
    for c in ALL_ORDER:
        k = TRANSFORMS[c](k)
    return k


def canon_tokens(k):
    ws = t_generic(t_article(k)).split()
    out = set()
    for w in ws:
        if w in EZAFE:
            continue
        for c in ALL_ORDER:
            if c != "join/split":
                w = TRANSFORMS[c](w)
        out.add(w)
    return out


def classes(a, b, raw_a="", raw_b=""):
    """Alternation classes between two folded keys (held-out, gazetteer)."""
    base = lev(a, b)
    out = [c for c in ALL_ORDER if c not in ("join/split", "generic prefix")
           and lev(TRANSFORMS[c](a), TRANSFORMS[c](b)) < base]
    ga = {w for w in t_article(a).split() if w in GENERIC}
    gb = {w for w in t_article(b).split() if w in GENERIC}
    if ga != gb and len(t_article(a).split()) != len(t_article(b).split()):
        out.insert(1, "generic prefix")
    sa, sb = t_generic(t_article(a)), t_generic(t_article(b))
    if lev(t_join(sa), t_join(sb)) < lev(sa, sb):
        out.insert(3, "join/split")
    if any(ch in MARKS for ch in raw_a + raw_b):
        out.append("ayn/hamza marks")
    ca, cb = canon_all(a), canon_all(b)
    if ca != cb:
        ta, tb = canon_tokens(a), canon_tokens(b)
        if ta != tb and (ta < tb or tb < ta):
            out.append("extra/missing word")
        else:
            out.append("other")
    return out, ca == cb


def related(a, b):
    """Loose relatedness of two folded keys: the same name romanised, or a
    longer/shorter form of it, not another name altogether."""
    import difflib
    ca, cb = canon_all(a), canon_all(b)
    sa, sb = ca.replace("a", ""), cb.replace("a", "")
    r = max(difflib.SequenceMatcher(None, a.replace(" ", ""), b.replace(" ", "")).ratio(),
            difflib.SequenceMatcher(None, sa, sb).ratio())
    ta, tb = set(t_generic(t_article(a)).split()), set(t_generic(t_article(b)).split())
    return r >= 0.6 or bool(ta & tb)



# --------------------------------------------------------------------------
# Candidate rule changes, simulated on the Python mirror: each rewrites a
# folded key before the variant key (and the similarity) is computed, on
# both sides, as an indexing rule would.

MORE_ARTICLES = ARTICLES | {"ath", "eth", "edh", "et", "er", "en", "esh", "il", "ech", "ut", "ur"}
QUALIFIERS = {"bala", "pain", "paeen", "payin", "ulya", "olya", "sufla", "sofla", "kabir", "kabirah",
              "kabireh", "saghir", "saghirah", "sughra", "kubra", "jadid", "jadidah", "jadideh",
              "qadim", "qadimah", "sharqi", "gharbi", "shamali", "janubi", "kalan", "khurd", "khord",
              "kuchak", "bozorg", "sharqiyah", "gharbiyah", "shamaliyah", "janubiyah", "town", "city",
              "sar", "olia", "sofla", "vosta", "wusta", "mian"}
GENERIC_LEAD = {"qaryat", "qaryah", "khirbat", "khirbet", "markaz", "tall", "tell", "tal", "kafr",
                "deir", "dayr", "ain", "ayn", "ein", "bir", "beit", "bayt", "umm", "abu", "jabal",
                "jebel", "wadi", "qalat", "qala", "qaleh", "qalah", "deh", "kalay", "alaqahdari",
                "wuleswali", "uluswali", "shahrak", "mazraat", "nazlat", "ezbet", "izbat", "kawm",
                "kom", "sidi", "sheikh", "shaykh", "ras", "hay", "hayy", "mahallat", "madinat"}


def _words(k, f):
    ws = [w for w in k.split() if not f(w)]
    return " ".join(ws) if ws else k


RULES = [
    ("more articles (ath, et, er, en, esh, il ...)", None, {"articles": MORE_ARTICLES}),
    ("drop Persian ezafe words (e, ye, i, yi)", lambda k: _words(k, lambda w: w in EZAFE), {"add": True}),
    ("w between vowels is a consonant (Sabzawar/Sabzevar)",
     lambda k: re.sub(r"(?<=[aeiou])w(?=[aeiou])", "v", k), {}),
    ("q = g = gh (Persian and dialect g for qaf)",
     lambda k: re.sub(r"g(?!h)", "q", k.replace("gh", "q")), {}),
    ("j = g (Egyptian g), dj = dzh = j",
     lambda k: re.sub(r"g(?!h)", "j", k.replace("dzh", "j").replace("dsch", "j")), {}),
    ("kh = h (Cyrillic kh for h)", lambda k: k.replace("kh", "h"), {}),
    ("drop qualifier words (Bala, Pain, Ulya, Sufla, Kabir, Jadid ...)",
     lambda k: _words(k, lambda w: w in QUALIFIERS), {"add": True}),
    ("drop a leading generic word (Qaryat, Khirbat, Markaz, Tall, Kafr ...)",
     lambda k: (" ".join(k.split()[1:]) if len(k.split()) > 1 and k.split()[0] in GENERIC_LEAD else k), {"add": True}),
    ("Cyrillic-style: dzh/dz = j, -ija = -iya, final vowel+j = y",
     lambda k: re.sub(r"(?<=i)j(?=a)|(?<=[aeiou])j\b", "y", k.replace("dzh", "\x01").replace("dz", "\x01")).replace("\x01", "j"),
     {"cyr": True}),
    ("h is no consonant of the skeleton (dropped ḥ/h: Alabja/Halabja)", None, {"drop_h": True}),
    ("vary 4-letter names (minimum 4 letters instead of 5)", None, {"min_len": 4}),
    ("vary 3-letter names (minimum 3 letters)", None, {"min_len": 3}),
]


def combined_rule(k):
    for _, rule, _ in RULES:
        if rule:
            k = rule(k)
    return k


combined_opts = {"articles": MORE_ARTICLES, "min_len": 4, "drop_h": True}


def passes(h, g, rule=None, opts=None):
    """Whether held-out key h would be confirmed for gazetteer key g: same
    variant key and similarity at or above the threshold."""
    opts = opts or {}
    if rule and opts.get("add"):
        # an extra key beside the name's own (index and text): any pairing
        o = {k: v for k, v in opts.items() if k != "add"}
        return any(passes(x, y, None, o) for x in {h, rule(h)} for y in {g, rule(g)})
    if rule:
        h, g = rule(h), rule(g)
    arts = opts.get("articles")
    vkey = lambda k: variant_key(k, opts.get("min_len", 5), arts)
    if opts.get("drop_h"):
        vkey = lambda k: (lambda v: ("#" + re.sub(r"(.)\1+", r"\1", v[1:].replace("h", ""))) if v.startswith("#") else v)(
            variant_key(k, opts.get("min_len", 5), arts))
    vh = vkey(h)
    if not vh or vh != vkey(g):
        return False
    st = (lambda k: strip_articles_with(k, arts)) if arts else strip_articles
    a, b = st(h), st(g)
    return a == b or similarity(a, b) >= threshold(min(len(a), len(b)))


def key_pairs(keys, rule=None, opts=None):
    """Pairs of distinct gazetteer names sharing a variant key (a proxy for
    the false positives and ambiguity a rule brings)."""
    opts = opts or {}
    buckets = collections.Counter()
    for k in keys:
        kk = rule(k) if rule else k
        v = variant_key(kk, opts.get("min_len", 5), opts.get("articles"))
        if opts.get("drop_h") and v.startswith("#"):
            v = "#" + re.sub(r"(.)\1+", r"\1", v[1:].replace("h", ""))
        if v:
            buckets[v] += 1
    return sum(n * (n - 1) // 2 for n in buckets.values())


# --------------------------------------------------------------------------

def load(countries):
    places = []
    with gzip.open(CITIES, "rt", encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) < 19 or f[8] not in countries:
                continue
            try:
                lat, lon = float(f[4]), float(f[5])
            except ValueError:
                continue
            places.append({
                "id": f[0], "name": f[1], "ascii": f[2], "alts": f[3], "lat": lat, "lon": lon,
                "fclass": f[6], "fcode": f[7], "cc": f[8], "admin1": f[10],
                "pop": int(f[14] or 0),
            })
    places.sort(key=lambda p: int(p["id"]))
    return places


def read_words(path, n, salt, exclude):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        words = [w.strip() for w in fh if w.strip().isalpha() and w.strip().islower()
                 and len(w.strip()) >= 4]
    words = [w for w in words if fold(w) not in exclude]
    words.sort(key=lambda w: hkey(w, salt))
    return [w[0].upper() + w[1:] for w in words[:n]]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("binary")
    ap.add_argument("outdir")
    ap.add_argument("--countries", default=DEFAULT_COUNTRIES)
    ap.add_argument("--sample", type=int, default=0, help="held-out spellings tagged (0: all)")
    ap.add_argument("--probes", type=int, default=1000, help="probe words per list (given names, common words)")
    ap.add_argument("--examples", type=int, default=5)
    ap.add_argument("--half", choices=["all", "dev", "test"], default="all",
                    help="dev: places with even GeoNames ids (for tuning rules), test: odd ids (for reporting)")
    args = ap.parse_args()

    if not os.path.exists(CITIES):
        print(f"skip: {CITIES} not found (../shared is absent)")
        return 0
    if not os.access(args.binary, os.X_OK):
        print(f"error: {args.binary} is not an executable", file=sys.stderr)
        return 2
    os.makedirs(args.outdir, exist_ok=True)
    t0 = time.time()
    countries = set(args.countries.replace(",", " ").split())
    places = load(countries)

    # the gazetteer: one name per place
    csv_keys = {}
    for p in places:
        csv_keys.setdefault(fold(p["name"]), []).append(p["id"])
    gaz = os.path.join(args.outdir, "gazetteer.csv")
    with open(gaz, "w", encoding="utf-8", newline="") as fh:
        fh.write("id,name,lat,lon,feature_class,feature_code,country_code,admin1_code,population\n")
        for p in places:
            name = p["name"].replace('"', '""')
            fh.write(f'{p["id"]},"{name}",{p["lat"]},{p["lon"]},{p["fclass"]},{p["fcode"]},'
                     f'{p["cc"]},{p["admin1"]},{p["pop"]}\n')

    # held-out spellings
    held, unrelated, collide = [], 0, 0
    for p in places:
        own = fold(p["name"])
        seen = {own}
        cands = [p["ascii"]] + [a for a in p["alts"].split(",")]
        # prefer the ASCII spelling of a folded key (what English news writes)
        cands = sorted((a.strip() for a in cands if latin_name(a)),
                       key=lambda a: (not a.isascii(), cands.index(a)))
        for a in cands:
            k = fold(a)
            if k in seen:
                continue
            seen.add(k)
            if k in csv_keys:
                collide += 1
                continue
            if not related(k, own):
                unrelated += 1
                continue
            if args.half == "all" or (int(p["id"]) % 2 == 0) == (args.half == "dev"):
                held.append((p, a, k))
    total_held = len(held)
    held.sort(key=lambda h: hkey(h[0]["id"] + "\t" + h[2]))
    if args.sample:
        held = held[: args.sample]
    held.sort(key=lambda h: (int(h[0]["id"]), h[2]))

    # anchors: the most populous other place within 60 km, else the nearest within 140 km
    common = set()
    cw = os.path.join(ROOT, "gazetteer", "common-words.txt.gz")
    if os.path.exists(cw):
        with gzip.open(cw, "rt", encoding="utf-8") as fh:
            common = {w.strip() for w in fh}
    anchor_ok = [q for q in places
                 if len(csv_keys[fold(q["name"])]) == 1 and fold(q["name"]) not in common
                 and len(fold(q["name"]).replace(" ", "")) >= 4 and q["name"][0].isupper()]
    grid = collections.defaultdict(list)
    for q in anchor_ok:
        grid[(int(q["lat"] // 1), int(q["lon"] // 1))].append(q)

    def anchor_for(p, held_key):
        near = []
        for dy in (-2, -1, 0, 1, 2):
            for dx in (-2, -1, 0, 1, 2):
                for q in grid.get((int(p["lat"] // 1) + dy, int(p["lon"] // 1) + dx), ()):
                    if q["id"] == p["id"]:
                        continue
                    qk = fold(q["name"])
                    if held_key in qk or qk in held_key:
                        continue
                    d = haversine((p["lat"], p["lon"]), (q["lat"], q["lon"]))
                    if d <= 140:
                        near.append((d, q))
        if not near:
            return None
        close = [x for x in near if x[0] <= 60]
        if close:
            return max(close, key=lambda x: (x[1]["pop"], -x[0]))[1]
        return min(near, key=lambda x: x[0])[1]

    docs = []  # (doc id, text, start, end, meta)
    for i, (p, surface, k) in enumerate(held):
        t = f"Clashes were reported in {surface} on Monday."
        s = t.index(surface)
        docs.append((f"h{i}b", t, s, s + len(surface), {"held": i, "ctx": "bare"}))
        a = anchor_for(p, k)
        if a:
            t = f"Clashes were reported in {surface}, near {a['name']}, on Monday."
            docs.append((f"h{i}a", t, s, s + len(surface), {"held": i, "ctx": "anchored", "anchor": a["name"]}))
    # false-positive probes
    exclude = set(csv_keys)
    probes = []
    gn = os.path.join(ROOT, "gazetteer", "given-names.txt.gz")
    if os.path.exists(gn):
        probes += [("given name", w) for w in read_words(gn, args.probes, "gn", exclude)]
    if os.path.exists(cw):
        probes += [("common word", w) for w in read_words(cw, args.probes, "cw", exclude)]
    big = sorted((q for q in anchor_ok if q["pop"] >= 100000), key=lambda q: int(q["id"]))
    for i, (kind, w) in enumerate(probes):
        t = f"Officials met {w} on Monday."
        s = t.index(w)
        docs.append((f"p{i}b", t, s, s + len(w), {"probe": i, "ctx": "bare"}))
        if big:
            a = big[int(hkey(w, "anchor"), 16) % len(big)]
            t = f"Officials met {w} in {a['name']} on Monday."
            docs.append((f"p{i}a", t, s, s + len(w), {"probe": i, "ctx": "anchored", "anchor": a["name"]}))

    dpath = os.path.join(args.outdir, "docs.jsonl")
    with open(dpath, "w", encoding="utf-8") as fh:
        for did, text, *_ in docs:
            fh.write(json.dumps({"id": did, "text": text}, ensure_ascii=False) + "\n")
    opath = os.path.join(args.outdir, "out.geojsons")
    cmd = [args.binary, "tag", "--no-default-gazetteer", "--gazetteer", gaz, "--jsonl", dpath,
           "--format", "geojsonseq", "-o", opath]
    t1 = time.time()
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode not in (0, 1):
        print("error: " + " ".join(cmd) + "\n" + r.stderr, file=sys.stderr)
        return 2
    t_tag = time.time() - t1
    mentions = collections.defaultdict(list)
    with open(opath, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip().lstrip("\x1e")
            if not line:
                continue
            f = json.loads(line)
            pr = f["properties"]
            lon, lat = f["geometry"]["coordinates"][:2]
            mentions[pr["doc_id"]].append((pr["start"], pr["end"], lat, lon, pr.get("match"),
                                           pr.get("similarity"), pr.get("name"), pr.get("mention")))

    by_id = {p["id"]: p for p in places}
    key_index = collections.defaultdict(list)  # variant key -> csv names (for diagnosis)
    for p in places:
        key_index[variant_key(fold(p["name"]))].append(fold(p["name"]))

    rows = []
    fp = collections.Counter()
    fp_kinds = collections.Counter()
    fp_examples = collections.defaultdict(list)
    for did, text, s, e, meta in docs:
        hit = [m for m in mentions.get(did, []) if m[0] < e and m[1] > s]
        if "probe" in meta:
            kind, w = probes[meta["probe"]]
            if hit:
                fp[(meta["ctx"], kind)] += 1
                fp_kinds[(meta["ctx"], hit[0][4])] += 1
                fp_examples[meta["ctx"]].append(f"{w} → {hit[0][6]} ({hit[0][4]}, {hit[0][5]:.2f})"
                                                if hit[0][5] is not None else f"{w} → {hit[0][6]}")
            continue
        p, surface, k = held[meta["held"]]
        own = fold(p["name"])
        if hit:
            m = min(hit, key=lambda m: haversine((p["lat"], p["lon"]), (m[2], m[3])))
            d = haversine((p["lat"], p["lon"]), (m[2], m[3]))
            outcome = "right" if d <= RIGHT_KM else "wrong place"
            match, sim, got = m[4], m[5], m[6]
        else:
            outcome, match, sim, got, d = "missed", "", None, "", None
        cls, explained = classes(k, own, surface, p["name"])
        vk_h, vk_g = variant_key(k), variant_key(own)
        sa, sb = strip_articles(k), strip_articles(own)
        sim_py = similarity(sa, sb)
        thr = threshold(min(len(sa), len(sb)))
        if not vk_h:
            diag = "too short to vary (<5 letters)"
        elif vk_h != vk_g:
            diag = "variant key differs"
        elif sim_py < thr:
            diag = "similarity below threshold" if sim_py > 0 else "length differs >30%"
        else:
            diag = "key and similarity pass"
        rows.append({
            "id": p["id"], "cc": p["cc"], "name": p["name"], "surface": surface, "ctx": meta["ctx"],
            "anchor": meta.get("anchor", ""), "outcome": outcome, "match": match or "",
            "similarity": "" if sim is None else f"{sim:.3f}", "got": got or "",
            "km": "" if d is None else f"{d:.1f}", "classes": ";".join(cls),
            "explained": explained, "vkey_held": vk_h, "vkey_gaz": vk_g,
            "sim_py": f"{sim_py:.3f}", "threshold": thr, "diagnosis": diag,
        })
    with open(os.path.join(args.outdir, "results.tsv"), "w", encoding="utf-8") as fh:
        cols = list(rows[0].keys()) if rows else []
        fh.write("\t".join(cols) + "\n")
        for r_ in rows:
            fh.write("\t".join(str(r_[c]).replace("\t", " ") for c in cols) + "\n")

    md = []
    md.append(f"Countries: {' '.join(sorted(countries))}; {len(places)} places in the gazetteer "
              f"(one name each); {total_held} held-out spellings ({collide} other spellings equal "
              f"another place's CSV name and {unrelated} unrelated names were set aside); "
              f"sample {len(held)} (hash of id and spelling); {len(probes)} probe words. "
              f"Tagging {len(docs)} documents took {t_tag:.0f} s, the whole run {time.time() - t0:.0f} s.\n")
    md.append("| context | held-out spellings | found & right | wrong place | missed | right by match kind | "
              "false positives / 1,000 probes (given names; common words) |")
    md.append("|---|---|---|---|---|---|---|")
    for ctx in ("anchored", "bare"):
        rs = [r_ for r_ in rows if r_["ctx"] == ctx]
        n = len(rs) or 1
        oc = collections.Counter(r_["outcome"] for r_ in rs)
        mk = collections.Counter(r_["match"] for r_ in rs if r_["outcome"] == "right")
        wk = collections.Counter(r_["match"] for r_ in rs if r_["outcome"] == "wrong place")
        kinds = ", ".join(f"{k} {100 * v / n:.1f}" for k, v in sorted(mk.items(), key=lambda x: -x[1]))
        wkinds = ", ".join(f"{k} {v}" for k, v in sorted(wk.items(), key=lambda x: -x[1]))
        ng = sum(1 for k_, _ in probes if k_ == "given name") or 1
        nc = sum(1 for k_, _ in probes if k_ == "common word") or 1
        md.append(f"| {ctx} | {len(rs)} | {100 * oc['right'] / n:.1f} % | {100 * oc['wrong place'] / n:.1f} % "
                  f"({wkinds or '-'}) | {100 * oc['missed'] / n:.1f} % | {kinds or '-'} | "
                  f"{1000 * fp[(ctx, 'given name')] / ng:.1f}; {1000 * fp[(ctx, 'common word')] / nc:.1f} |")
    md.append("")
    md.append("Similarity of right variant matches (anchored): " + sim_summary(
        [float(r_["similarity"]) for r_ in rows if r_["ctx"] == "anchored" and r_["outcome"] == "right"
         and r_["match"] == "variant" and r_["similarity"]]))
    md.append("")
    for ctx in ("anchored", "bare"):
        if fp_examples[ctx]:
            md.append(f"False positives ({ctx}, {len(fp_examples[ctx])}): " + "; ".join(fp_examples[ctx][:12]))
    md.append("")
    # error classes, anchored context (the spelling rules without the support rule)
    rs = [r_ for r_ in rows if r_["ctx"] == "anchored"]
    md.append("### Anchored context: outcome by alternation class (a spelling may have several)\n")
    md.append("| class | spellings | right % | missed | wrong place | only class (missed/n) | miss diagnosis (key differs / below threshold / too short / passed) | similarity of its misses (Python mirror) | examples of misses (held-out → gazetteer) |")
    md.append("|---|---|---|---|---|---|---|---|---|")
    for c in ALL_ORDER + ["ayn/hamza marks", "extra/missing word", "other"]:
        cr = [r_ for r_ in rs if c in r_["classes"].split(";")]
        if not cr:
            continue
        bad = [r_ for r_ in cr if r_["outcome"] != "right"]
        miss = [r_ for r_ in cr if r_["outcome"] == "missed"]
        wrong = [r_ for r_ in cr if r_["outcome"] == "wrong place"]
        only = [r_ for r_ in cr if r_["classes"] == c]
        only_bad = [r_ for r_ in only if r_["outcome"] != "right"]
        dg = collections.Counter(r_["diagnosis"] for r_ in miss)
        diag = " / ".join(str(dg[x]) for x in ("variant key differs", "similarity below threshold",
                                                "too short to vary (<5 letters)", "key and similarity pass"))
        lenbad = dg["length differs >30%"]
        if lenbad:
            diag += f" (+{lenbad} length >30%)"
        sims = sim_summary([float(r_["sim_py"]) for r_ in miss])
        ex = pick_examples(bad, args.examples)
        md.append(f"| {c} | {len(cr)} | {100 * (len(cr) - len(bad)) / len(cr):.0f} | {len(miss)} | "
                  f"{len(wrong)} | {len(only_bad)}/{len(only)} | {diag} | {sims} | {ex} |")
    md.append("")
    # rule simulation on the anchored failures
    fails = [r_ for r_ in rs if r_["outcome"] != "right"]
    ok_keys = [(fold(r_["surface"]), fold(r_["name"])) for r_ in rs if r_["outcome"] == "right"]
    names_keys = sorted(csv_keys)
    base_pairs = key_pairs(names_keys)
    md.append("### Candidate rule changes (Python mirror of the variant key and similarity; anchored failures)\n")
    md.append(f"{len(fails)} anchored failures, {sum(1 for r_ in fails if passes(fold(r_['surface']), fold(r_['name'])))} of which the mirror already confirms (dropped later, or resolved elsewhere). "
              f"'pairs' = distinct gazetteer names sharing a variant key ({base_pairs} today), a proxy for collisions.\n")
    md.append("| rule | failures fixed | examples | right ones lost | gazetteer key pairs |")
    md.append("|---|---|---|---|---|")
    sim_rows = []
    for label, rule, opts in RULES:
        fixed = [r_ for r_ in fails if not passes(fold(r_["surface"]), fold(r_["name"]))
                 and passes(fold(r_["surface"]), fold(r_["name"]), rule, opts)]
        lost = sum(1 for h, g in ok_keys if passes(h, g) and not passes(h, g, rule, opts))
        pairs = key_pairs(names_keys, rule, opts)
        ex = "; ".join(f"{r_['surface']} → {r_['name']}" for r_ in sorted(fixed, key=lambda r_: hkey(r_['surface'], 'ex'))[:4])
        sim_rows.append((len(fixed), f"| {label} | {len(fixed)} | {ex} | {lost} | {pairs} (+{pairs - base_pairs}) |"))
    allf = [r_ for r_ in fails if not passes(fold(r_["surface"]), fold(r_["name"]))
            and passes(fold(r_["surface"]), fold(r_["name"]), combined_rule, combined_opts)]
    sim_rows.append((-1, f"| all of the above together (min 4 letters) | {len(allf)} | | "
                         f"{sum(1 for h, g in ok_keys if passes(h, g) and not passes(h, g, combined_rule, combined_opts))} | "
                         f"{key_pairs(names_keys, combined_rule, combined_opts)} |"))
    for _, line in sorted(sim_rows, key=lambda x: -x[0]):
        md.append(line)
    md.append("")
    # what differs in the variant keys of the failures: skeleton edit operations
    import difflib
    ops = collections.Counter()
    op_ex = collections.defaultdict(list)
    for r_ in fails:
        a, b = r_["vkey_held"].lstrip("#"), r_["vkey_gaz"].lstrip("#")
        if not a or not b or a == b:
            continue
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if tag == "equal":
                continue
            op = f"{a[i1:i2] or '∅'}→{b[j1:j2] or '∅'}"
            ops[op] += 1
            if len(op_ex[op]) < 3:
                op_ex[op].append(f"{r_['surface']} → {r_['name']}")
    md.append("Most frequent differences between the variant keys (consonant skeletons, held-out → gazetteer) of the anchored failures:\n")
    md.append("| skeleton edit | failures | examples |")
    md.append("|---|---|---|")
    for op, n in ops.most_common(20):
        md.append(f"| {op} | {n} | {'; '.join(op_ex[op])} |")
    md.append("")
    dg = collections.Counter(r_["diagnosis"] for r_ in rs if r_["outcome"] == "missed")
    md.append("All anchored misses by diagnosis: " + ", ".join(f"{k} {v}" for k, v in dg.most_common()))
    cc = collections.Counter((r_["cc"], r_["outcome"]) for r_ in rs)
    md.append("")
    md.append("Anchored, right % by country: " + ", ".join(
        f"{c} {100 * cc[(c, 'right')] / max(1, sum(cc[(c, o)] for o in ('right', 'missed', 'wrong place'))):.0f} "
        f"(n={sum(cc[(c, o)] for o in ('right', 'missed', 'wrong place'))})" for c in sorted(countries)))
    out = "\n".join(md)
    with open(os.path.join(args.outdir, "report.md"), "w", encoding="utf-8") as fh:
        fh.write(out + "\n")
    print(out)
    return 0


def sim_summary(xs):
    xs = sorted(x for x in xs if x is not None)
    if not xs:
        return "-"
    q = lambda f: xs[min(len(xs) - 1, int(f * len(xs)))]
    return f"median {q(0.5):.2f} (p10 {q(0.1):.2f}, p90 {q(0.9):.2f})"


def pick_examples(rows, n):
    rows = sorted(rows, key=lambda r_: hkey(r_["surface"], "ex"))[:n]
    return "; ".join(f"{r_['surface']} → {r_['name']}" + (f" [got {r_['got']}]" if r_["got"] else "")
                     for r_ in rows)


if __name__ == "__main__":
    sys.exit(main())
