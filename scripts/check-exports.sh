#!/usr/bin/env bash
# Checks every export format with the tools people open them with:
#   - GDAL's ogrinfo opens the GeoJSON, the GeoJSON sequence, the CSV and the
#     GeoPackage with the same feature count and the expected fields, and
#     prints no warning;
#   - GDAL's validate_gpkg.py validates the GeoPackage (warnings are errors);
#   - headless Chromium, with no network, renders the HTML map: its markers
#     are counted in the DOM and a screenshot is saved to
#     target/export-check/map.png.
# Inputs: examples/sample-article.txt, and the reference article
# ../shared/corpus/qods-force-iraq.txt (with its detailed gazetteers) when
# present. Any failed step fails the script.
#
# usage: scripts/check-exports.sh        (installs gdal-bin, python3-gdal and
#                                         chromium from Debian when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/target/export-check
rm -rf "$out"
mkdir -p "$out"

say() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }

# --- tools -----------------------------------------------------------------
need=()
command -v ogrinfo >/dev/null || need+=(gdal-bin)
python3 -c 'import osgeo' 2>/dev/null || need+=(python3-gdal)
command -v chromium >/dev/null || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
    say "installing ${need[*]}"
    [ "$(id -u)" = 0 ] || fail "run as root, or install: apt-get install -y ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
validate=$(ls /usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py \
              /usr/share/doc/python3-gdal/examples/validate_gpkg.py 2>/dev/null | head -1 || true)
[ -n "$validate" ] || fail "validate_gpkg.py not found (python3-gdal samples)"

say "building"
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-$root/target}/release/geomention
"$bin" --version

# --- helpers ---------------------------------------------------------------
# ogr FILE [LAYER] [open options...]: ogrinfo -al -so; fails on any warning.
ogr() {
    local file=$1; shift
    local layer=
    [ $# -gt 0 ] && [ "${1#-}" = "$1" ] && layer=-$1
    local log=$(dirname "$file")/ogrinfo-$(basename "$file")$layer.txt
    if ! ogrinfo -ro -al -so "$file" "$@" >"$log" 2>"$log.err"; then
        cat "$log.err" >&2; fail "ogrinfo $file $*"
    fi
    if grep -qiE 'warning|error' "$log.err" "$log"; then
        cat "$log.err" >&2; fail "ogrinfo printed a warning for $file $*"
    fi
    echo "$log"
}
count() { grep -m1 '^Feature Count:' "$1" | awk '{print $3}'; }
# has_fields LOG FIELD...: every field is listed by ogrinfo.
has_fields() {
    local log=$1; shift
    for f in "$@"; do
        grep -qE "^$f: " "$log" || fail "$(basename "$log"): no field $f"
    done
}

# check NAME ARGS...: export ARGS in every format under NAME and compare.
check() {
    local name=$1; shift
    local d=$out/$name
    mkdir -p "$d"
    say "$name: exporting"
    for ext in geojson geojsons csv gpkg html; do
        "$bin" tag "$@" -o "$d/mentions.$ext"
    done
    "$bin" tag "$@" --group-by place -o "$d/places.geojson"
    "$bin" tag "$@" --group-by place -o "$d/places.csv"
    ls -l "$d"

    mapfile -t props < <(python3 -c '
import json, sys
fc = json.load(open(sys.argv[1]))
print("\n".join(fc["features"][0]["properties"].keys()))' "$d/mentions.geojson")
    mapfile -t pprops < <(python3 -c '
import json, sys
fc = json.load(open(sys.argv[1]))
print("\n".join(fc["features"][0]["properties"].keys()))' "$d/places.geojson")
    local n np
    n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["features"]))' "$d/mentions.geojson")
    np=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["features"]))' "$d/places.geojson")
    [ "$n" -gt 0 ] || fail "$name: no mention"
    echo "$name: $n mentions of $np places; ${#props[@]} properties"

    say "$name: ogrinfo"
    local gj sq cs gm gp pc
    gj=$(ogr "$d/mentions.geojson")
    sq=$(ogr "$d/mentions.geojsons")
    cs=$(ogr "$d/mentions.csv" -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat)
    gm=$(ogr "$d/mentions.gpkg" mentions)
    gp=$(ogr "$d/mentions.gpkg" places)
    pc=$(ogr "$d/places.csv" -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat)
    for log in "$gj" "$sq" "$cs" "$gm"; do
        local c
        c=$(count "$log")
        printf '  %-40s %s features\n' "$(basename "$log")" "$c"
        [ "$c" = "$n" ] || fail "$(basename "$log"): $c features, the GeoJSON has $n"
        has_fields "$log" "${props[@]}"
    done
    for log in "$gp" "$pc"; do
        local c
        c=$(count "$log")
        printf '  %-40s %s features\n' "$(basename "$log")" "$c"
        [ "$c" = "$np" ] || fail "$(basename "$log"): $c places, --group-by place has $np"
        has_fields "$log" "${pprops[@]}"
    done
    has_fields "$cs" lat lon WKT
    grep -q "Geometry: Point" "$gm" || fail "mentions layer is not a point layer"
    grep -q "EPSG\",\"4326\"\|ID\[\"EPSG\",4326\]" "$gm" || fail "mentions layer is not in EPSG:4326"
    grep -q "GEOMENTION_VERSION=" "$gm" || fail "no GeoPackage metadata in ogrinfo"
    grep -q "CC BY 4.0" "$d/mentions.csv.txt" || fail "CSV side-car without the GeoNames credit"

    say "$name: validate_gpkg.py"
    python3 "$validate" --extra --warning-as-error "$d/mentions.gpkg" || fail "validate_gpkg.py $name"
    echo "valid GeoPackage"

    say "$name: HTML map in headless Chromium, offline"
    local net=()
    if [ "$(id -u)" = 0 ] && unshare --net true 2>/dev/null; then
        net=(unshare --net)   # no network at all, not even loopback
    fi
    local profile
    profile=$(mktemp -d)
    local flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
                 --disable-background-networking --disable-component-update --disable-sync
                 --user-data-dir="$profile" --window-size=1200,800 --virtual-time-budget=5000)
    "${net[@]}" chromium "${flags[@]}" --dump-dom "file://$d/mentions.html" >"$d/map-dom.html" 2>"$d/chromium.log" \
        || { tail "$d/chromium.log" >&2; fail "chromium --dump-dom"; }
    local markers outlines
    markers=$(grep -o 'class="leaflet-interactive"' "$d/map-dom.html" | wc -l)
    outlines=$(grep -o '<path[^>]*fill="#f4f0e6"' "$d/map-dom.html" | wc -l)
    echo "$name: $markers markers (places: $np), $outlines country outlines drawn"
    [ "$markers" = "$np" ] || fail "$name: $markers markers on the map, $np places"
    [ "$outlines" -gt 50 ] || fail "$name: the offline country outlines are not drawn"
    grep -q "CC BY 4.0" "$d/map-dom.html" || fail "$name: no credit in the footer"
    "${net[@]}" chromium "${flags[@]}" --screenshot="$d/map.png" "file://$d/mentions.html" 2>>"$d/chromium.log" \
        || { tail "$d/chromium.log" >&2; fail "chromium --screenshot"; }
    [ -s "$d/map.png" ] || fail "no screenshot"
    rm -rf "$profile"
    echo "screenshot: $d/map.png"
}

check sample examples/sample-article.txt
cp "$out/sample/map.png" "$out/map.png"

ref=../shared/corpus/qods-force-iraq.txt
if [ -f "$ref" ]; then
    check reference "$ref" --gazetteer ../shared/gazetteer-sources/reference-only/iraq-detailed-map.csv \
        --gazetteer ../shared/acceptance/analyst-additions.csv
    cp "$out/reference/map.png" "$out/map.png"
else
    echo "skipped the reference article: $ref is absent"
fi

say "all export checks passed; map screenshot: target/export-check/map.png"
