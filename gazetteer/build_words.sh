#!/usr/bin/env bash
# Rebuild gazetteer/common-words.txt.gz (and dictionary-words.txt.gz): the lowercase common English words of
# Debian's `wamerican` word list (the SCOWL-derived /usr/share/dict/american-english).
# A capitalised word of running text that is also such a common word ("Home",
# "News", "Exit", "Reach") is only tagged as a place under stricter rules (see DESIGN.md).
# Needs apt-get (Debian) and network to Debian's package archive.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=2020.12.07-2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download "wamerican=$version" >/dev/null 2>&1 || { apt-get update -qq && apt-get download "wamerican=$version"; }
dpkg-deb -x wamerican_*.deb x
LC_ALL=C grep -E '^[a-z]+$' x/usr/share/dict/american-english | LC_ALL=C sort -u | gzip -n -9 > "$here/common-words.txt.gz"
echo "wrote $here/common-words.txt.gz: $(zcat "$here/common-words.txt.gz" | wc -l) words (wamerican $version)"
# Every entry, capitalised ones too ("October", "Sunni", "American"), without
# possessives: a word the dictionary knows is not a misspelt place name, so
# variant matching leaves it alone.
grep -v "'s$" x/usr/share/dict/american-english | LC_ALL=C sort -u | gzip -n -9 > "$here/dictionary-words.txt.gz"
echo "wrote $here/dictionary-words.txt.gz: $(zcat "$here/dictionary-words.txt.gz" | wc -l) words"
