#!/usr/bin/env bash
# Fetches the HTML map's third-party assets from the npm registry, by name and
# version, checks their integrity and copies the few files the map embeds
# (with `include_str!`) into assets/:
#
#   assets/leaflet/      leaflet.js, leaflet.css, LICENSE (BSD-2-Clause)   leaflet@1.9.4
#   assets/world-atlas/  countries-110m.json, LICENSE (ISC; the outlines   world-atlas@2.0.2
#                        are Natural Earth, public domain)
#
# The files are committed, so a build never needs the network; run this
# again only to update them.
set -euo pipefail
cd "$(dirname "$0")/.."

LEAFLET=leaflet@1.9.4
WORLD=world-atlas@2.0.2
# npm's integrity strings (sha512) of the two tarballs, as published.
LEAFLET_SHA512=sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==
WORLD_SHA512=sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ==

command -v npm >/dev/null || { echo "fetch-assets: npm is needed (apt-get install -y npm)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$LEAFLET" "$WORLD" >/dev/null)

check() { # tarball expected-sha512
    local got
    got="sha512-$(openssl dgst -sha512 -binary "$1" | base64 -w0)"
    if [ "$got" != "$2" ]; then
        echo "fetch-assets: $1: integrity $got, expected $2" >&2
        exit 1
    fi
}
check "$tmp/leaflet-1.9.4.tgz" "$LEAFLET_SHA512"
check "$tmp/world-atlas-2.0.2.tgz" "$WORLD_SHA512"

mkdir -p "$tmp/leaflet" "$tmp/world-atlas" assets/leaflet assets/world-atlas
tar -xzf "$tmp/leaflet-1.9.4.tgz" -C "$tmp/leaflet"
tar -xzf "$tmp/world-atlas-2.0.2.tgz" -C "$tmp/world-atlas"
cp "$tmp/leaflet/package/dist/leaflet.js" "$tmp/leaflet/package/dist/leaflet.css" \
   "$tmp/leaflet/package/LICENSE" assets/leaflet/
cp "$tmp/world-atlas/package/countries-110m.json" "$tmp/world-atlas/package/LICENSE" \
   assets/world-atlas/
echo "fetch-assets: $LEAFLET and $WORLD copied into assets/"
ls -l assets/leaflet assets/world-atlas
