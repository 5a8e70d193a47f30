#!/usr/bin/env bash
# Checks that tagging on Apache Spark (scripts/spark_tag.py) gives exactly the
# features of one `geomention tag` process.
#
#   1. installs pyspark from PyPI into a virtual environment outside the
#      repository (reused when it is there already; Spark needs Java 17+);
#   2. builds the release binary (or takes GEOMENTION_BIN) and compiles a
#      gazetteer index (the US places of ../shared's cities500) to ship;
#   3. makes a sample in a temporary folder from the shared corpora in
#      ../shared/eval/geoparsing: LGL and TR-News as JSONL files (some
#      documents without an id or with "id": null, a blank line, CRLF line
#      ends) and GeoWebNews as one text file per document;
#   4. tags it once with `geomention tag` (ids given as spark_tag.py gives
#      them: FILE:LINE; text files by name), then twice on Spark in
#      local[2] mode: with spark-submit --files and every file split in 4
#      (lines cut across partitions), and with the driver's paths shipped by
#      spark_tag.py and the documents shuffled into 5 partitions;
#   5. compares the features as multisets, byte for byte
#      (scripts/spark_compare.py): prints the count and PASS or FAIL.
#
# Not part of CI: it downloads pyspark (~500 MB installed) and starts Spark
# twice. Time on a busy 2-core machine, the binary built: about 150 s with a
# fresh venv (70 s of pip install), 90 s with the venv there (README,
# "Scaling out").
#
# usage: scripts/check-spark.sh
# environment:
#   GEOMENTION_SPARK_VENV  the venv (default ${XDG_CACHE_HOME:-~/.cache}/geomention-spark-venv)
#   PYSPARK_VERSION        pyspark to install (default 4.3.0)
#   GEOMENTION_BIN         a built geomention to use instead of cargo build
#   CARGO_TARGET_DIR       honoured by the build
#   KEEP=1                 keep the temporary folder
# Exit code 0 PASS (or skipped: no ../shared), 1 FAIL.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
start=$SECONDS
shared=$root/../shared
eval_dir=$shared/eval/geoparsing
cities=$shared/gazetteer-sources/registry/cities500.txt.gz

say() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }
lap() { printf '   (%s s)\n' "$((SECONDS - $1))"; }

for f in "$eval_dir/lgl.jsonl" "$eval_dir/tr-news.jsonl" "$eval_dir/geowebnews.jsonl" "$cities"; do
    if [ ! -f "$f" ]; then
        echo "check-spark: SKIP: $f is absent (the shared corpora are needed)"
        exit 0
    fi
done

# --- Java and pyspark ------------------------------------------------------
say "Java"
if ! command -v java >/dev/null; then
    [ "$(id -u)" = 0 ] || fail "Spark needs Java 17 or later: apt-get install -y openjdk-17-jre-headless"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
java_major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
echo "java $java_major"
[ "${java_major:-0}" -ge 17 ] || fail "Spark 4 needs Java 17 or later (found ${java_major:-none})"

venv=${GEOMENTION_SPARK_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/geomention-spark-venv}
pyspark_version=${PYSPARK_VERSION:-4.3.0}
say "pyspark $pyspark_version in $venv"
t=$SECONDS
if ! "$venv/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$pyspark_version')" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "pyspark==$pyspark_version"
fi
"$venv/bin/python" -c 'import pyspark; print("pyspark", pyspark.__version__)'
lap "$t"
export PYSPARK_PYTHON=$venv/bin/python PYSPARK_DRIVER_PYTHON=$venv/bin/python
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}

# --- binary and index --------------------------------------------------------
say "building"
t=$SECONDS
if [ -n "${GEOMENTION_BIN:-}" ]; then
    bin=$(realpath "$GEOMENTION_BIN")
else
    cargo build --release --quiet
    bin=${CARGO_TARGET_DIR:-$root/target}/release/geomention
fi
"$bin" --version
lap "$t"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/geomention-spark.XXXXXX")
# shellcheck disable=SC2317  # called by the trap
cleanup() {
    local rc=$?
    if [ "$rc" = 0 ] && [ "${KEEP:-0}" != 1 ]; then
        rm -rf "$tmp"
    else
        echo "check-spark: files kept in $tmp" >&2
    fi
}
trap cleanup EXIT

say "index: US places of cities500"
"$bin" gazetteer build "$cities" --countries US -o "$tmp/us.gmi"

# --- the sample ---------------------------------------------------------------
say "sample from $eval_dir"
python3 - "$eval_dir" "$tmp" <<'PY'
import json, os, sys

src, tmp = sys.argv[1], sys.argv[2]
os.makedirs(f"{tmp}/in/texts")

def docs(name):
    with open(f"{src}/{name}", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]

reference = []          # the documents with the ids spark_tag.py must give
counts = {"docs": 0, "no id": 0, "null id": 0, "text files": 0}

# LGL: every 5th document without an id; a blank line after the 10th
lines = []
for i, d in enumerate(docs("lgl.jsonl")):
    doc = {"id": d["id"], "corpus": d["corpus"], "text": d["text"]}
    if i % 5 == 4:
        del doc["id"]
        counts["no id"] += 1
    lines.append(json.dumps(doc, ensure_ascii=False))
    if i == 9:
        lines.append("")
with open(f"{tmp}/in/lgl.jsonl", "w", encoding="utf-8", newline="\n") as f:
    f.write("\n".join(lines) + "\n")
for n, line in enumerate(lines, 1):
    if line:
        doc = json.loads(line)
        reference.append({"id": doc.get("id", f"lgl.jsonl:{n}"), "text": doc["text"]})

# TR-News: CRLF line ends, every 7th document with "id": null, numeric ids
lines = []
for i, d in enumerate(docs("tr-news.jsonl")):
    doc = {"id": int(d["id"]) if d["id"].isdigit() else d["id"], "text": d["text"]}
    if i % 7 == 3:
        doc["id"] = None
        counts["null id"] += 1
    lines.append(json.dumps(doc))
with open(f"{tmp}/in/tr-news.jsonl", "w", encoding="utf-8", newline="") as f:
    f.write("\r\n".join(lines) + "\r\n")
for n, line in enumerate(lines, 1):
    doc = json.loads(line)
    reference.append({"id": f"tr-news.jsonl:{n}" if doc["id"] is None else doc["id"],
                      "text": doc["text"]})

# GeoWebNews: one text file per document
for i, d in enumerate(docs("geowebnews.jsonl")):
    with open(f"{tmp}/in/texts/gwn-{i:04d}.txt", "w", encoding="utf-8", newline="") as f:
        f.write(d["text"])
    counts["text files"] += 1

with open(f"{tmp}/reference.jsonl", "w", encoding="utf-8") as f:
    for doc in reference:
        f.write(json.dumps(doc, ensure_ascii=False) + "\n")
counts["docs"] = len(reference) + counts["text files"]
print(", ".join(f"{v} {k}" for k, v in counts.items()))
PY
du -sh "$tmp/in" | cut -f1

# --- single process ---------------------------------------------------------------
say "single process: geomention tag"
t=$SECONDS
"$bin" tag -q --jsonl "$tmp/reference.jsonl" --format geojsonseq --index "$tmp/us.gmi" \
    > "$tmp/expected.geojsons"
(cd "$tmp/in/texts" && "$bin" tag -q --format geojsonseq --index "$tmp/us.gmi" -- gwn-*.txt) \
    >> "$tmp/expected.geojsons"
echo "$(wc -l < "$tmp/expected.geojsons") features"
lap "$t"

# --- Spark ----------------------------------------------------------------------
inputs=("$tmp/in/lgl.jsonl" "$tmp/in/tr-news.jsonl" "$tmp/in/texts")
spark_run() {  # LOG COMMAND...: run, show the summary line, the log on failure
    local log=$1; shift
    if ! "$@" > "$log" 2>&1; then
        tail -40 "$log" >&2
        fail "Spark run: $*"
    fi
    tr '\r' '\n' < "$log" | grep '^spark_tag.py:' || true
}

say "Spark local[2], spark-submit --files, files split in 4"
t=$SECONDS
spark_run "$tmp/spark-submit.log" \
    "$venv/bin/spark-submit" --master 'local[2]' --conf spark.ui.enabled=false --files "$bin,$tmp/us.gmi" \
    scripts/spark_tag.py --binary "$(basename "$bin")" --index us.gmi \
    --min-partitions 4 -o "$tmp/spark-submit" "${inputs[@]}"
lap "$t"

say "Spark local[2], paths shipped by spark_tag.py, 5 shuffled partitions"
t=$SECONDS
spark_run "$tmp/spark-repartition.log" \
    "$venv/bin/python" scripts/spark_tag.py --master 'local[2]' --conf spark.ui.enabled=false \
    --binary "$bin" --index "$tmp/us.gmi" --repartition 5 \
    -o "$tmp/spark-repartition" "${inputs[@]}"
lap "$t"

# --- compare --------------------------------------------------------------------------
status=0
for run in spark-submit spark-repartition; do
    say "compare: single process vs $run"
    python3 scripts/spark_compare.py "$tmp/expected.geojsons" "$tmp/$run" || status=1
done
printf '\ncheck-spark: %s in %s s\n' "$([ "$status" = 0 ] && echo PASS || echo FAIL)" "$((SECONDS - start))"
exit "$status"
