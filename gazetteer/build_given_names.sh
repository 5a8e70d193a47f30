#!/usr/bin/env bash
# Rebuild gazetteer/given-names.txt.gz: lowercase given names, one per line,
# from two sources:
#  - the 1990 US Census name files (public domain; shipped in the PyPI
#    package `names` 0.3.0, MIT);
#  - the first names of the en_US, en_GB and en_IE person providers of the
#    PyPI package `Faker` 40.54.0 (MIT): newer and British and Irish names
#    the 1990 lists lack ("Conor", "Aidan", "Declan"), except those that are
#    the ASCII name of a place of a million people or more in
#    places.tsv.gz ("Brooklyn", "Oran"), which stay places.
# A capitalised word right after one of them ("Elizabeth Fairfield",
# "Matthew D. Flores") is a surname in that document (see DESIGN.md,
# spotting). Needs pip, python3 and network to PyPI.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=0.3.0
faker=40.54.0
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
pip download --quiet --no-deps "names==$version" -d .
pip download --quiet --no-deps --only-binary=:all: "faker==$faker" -d .
tar xzf "names-$version.tar.gz"
python3 - "faker-$faker-py3-none-any.whl" "$here/places.tsv.gz" > faker-names.txt <<'EOF'
"""Print the first names of Faker's en_US, en_GB and en_IE person providers
(the literal tuples, lists and dicts assigned to names containing
'first_name'), lowercase, letters only, minus the ASCII names of places of
1,000,000 people or more."""
import ast
import gzip
import sys
import zipfile


def literal(node):
    if isinstance(node, ast.Call) and node.args:   # OrderedDict((...))
        return literal(node.args[0])
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None


big = set()
with gzip.open(sys.argv[2], "rt", encoding="utf-8") as f:
    next(f)
    for line in f:
        col = line.rstrip("\n").split("\t")
        if len(col) >= 12 and col[11].isdigit() and int(col[11]) >= 1_000_000:
            big.add(col[2].lower())
names = set()
with zipfile.ZipFile(sys.argv[1]) as z:
    for loc in ("en_US", "en_GB", "en_IE"):
        tree = ast.parse(z.read(f"faker/providers/person/{loc}/__init__.py").decode("utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Assign):
                continue
            if not any(isinstance(t, ast.Name) and "first_name" in t.id for t in node.targets):
                continue
            value = literal(node.value)
            if isinstance(value, (dict, list, tuple)):
                names.update(n.lower() for n in value if isinstance(n, str))
for n in sorted(names):
    if n.isascii() and n.isalpha() and n not in big:
        print(n)
EOF
cat "names-$version/names/dist.male.first" "names-$version/names/dist.female.first" \
  | awk '{print tolower($1)}' | cat - faker-names.txt \
  | LC_ALL=C grep -E '^[a-z]+$' | LC_ALL=C sort -u | gzip -n -9 > "$here/given-names.txt.gz"
echo "wrote $here/given-names.txt.gz: $(zcat "$here/given-names.txt.gz" | wc -l) names (names $version, US Census 1990; Faker $faker en_US, en_GB, en_IE)"

# Given names of one gender (for "he"/"she", see DESIGN.md, attribution):
# the male and female first names of Faker's person providers in Latin
# script for the regions the news covers (English, North and West African,
# Turkic, South and South-East Asian locales) and of its Ukrainian, Russian
# and Bulgarian ones romanised, joined with the 1990 Census shares: a name is
# a man's when Faker gives it only to men and the Census share among men is
# at least 10 times that among women (or the Census lacks it), or when Faker
# never gives it to women and the Census share is at least 20 to 1; the same
# for women.
python3 - "names-$version/names" "faker-$faker-py3-none-any.whl" "$here" <<'EOF'
import ast
import gzip
import os
import sys
import zipfile

census, wheel, out = sys.argv[1], sys.argv[2], sys.argv[3]
LATIN = ["en_US", "en_GB", "en_IE", "en_IN", "en_NG", "fr_DZ", "ha_NG", "ig_NG",
         "yo_NG", "sw", "tw_GH", "zu_ZA", "tr_TR", "az_AZ", "uz_UZ", "id_ID"]
CYRILLIC = ["uk_UA", "ru_RU", "bg_BG"]
# Ukrainian national romanisation (2010), close enough for Russian and Bulgarian
ROMAN = dict(zip("абвгґдеєжзиіїйклмнопрстуфхцчшщьюяыэъё",
                 ["a", "b", "v", "h", "g", "d", "e", "ie", "zh", "z", "y", "i", "i", "i",
                  "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch",
                  "sh", "shch", "", "iu", "ia", "y", "e", "", "e"]))


def shares(path):
    d = {}
    with open(path) as f:
        for line in f:
            col = line.split()
            if len(col) >= 2:
                d[col[0].lower()] = float(col[1])
    return d


def faker_names(z, loc):
    """(male, female) first names of one locale, lowercase."""
    m, f = set(), set()
    try:
        source = z.read(f"faker/providers/person/{loc}/__init__.py").decode("utf-8")
    except KeyError:
        return m, f
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Assign):
            continue
        ids = [t.id for t in node.targets if isinstance(t, ast.Name)]
        which = f if any(i.endswith("female") for i in ids) else (
            m if any(i.endswith("_male") for i in ids) else None)
        if which is None:
            continue
        v = node.value
        if isinstance(v, ast.Call) and v.args:
            v = v.args[0]
        try:
            value = ast.literal_eval(v)
        except ValueError:
            continue
        for n in value:
            if isinstance(n, str):
                n = n.lower()
                if loc in CYRILLIC:
                    n = "".join(ROMAN.get(c, c) for c in n)
                which.add(n)
    return m, f


male = shares(os.path.join(census, "dist.male.first"))
female = shares(os.path.join(census, "dist.female.first"))
fm, ff = set(), set()
with zipfile.ZipFile(wheel) as z:
    for loc in LATIN + CYRILLIC:
        m, f = faker_names(z, loc)
        fm |= m
        ff |= f
names = {n for n in set(male) | set(female) | fm | ff if n.isascii() and n.isalpha()}
res = {"male-names": [], "female-names": []}
for n in sorted(names):
    pm, pf = male.get(n, 0.0), female.get(n, 0.0)
    if (n in fm and n not in ff and (pm >= 10 * pf or pm == pf == 0)) or (
            n not in ff and pm > 0 and pm >= 20 * pf):
        res["male-names"].append(n)
    elif (n in ff and n not in fm and (pf >= 10 * pm or pm == pf == 0)) or (
            n not in fm and pf > 0 and pf >= 20 * pm):
        res["female-names"].append(n)
for name, keep in res.items():
    with gzip.GzipFile(os.path.join(out, name + ".txt.gz"), "wb", mtime=0) as g:
        g.write("".join(k + "\n" for k in keep).encode())
    print(f"wrote {out}/{name}.txt.gz: {len(keep)} names")
EOF
