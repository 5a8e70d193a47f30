#!/usr/bin/env bash
# Peak resident memory tagging a generated 1 GB corpus with the embedded
# gazetteer (issue "Corpora at speed"). The corpus is made at run time in a
# temporary folder from the texts of ../shared/eval/geoparsing (LGL,
# GeoWebNews, TR-News, GeoVirus), cycled with fresh ids until it reaches the
# size asked; it is deleted afterwards and never committed.
#
#   scripts/memory-1gb.sh [MEGABYTES] [THREADS]     (default 1024 and all cores)
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-1024}
threads=${2:-0}
shared=../shared/eval/geoparsing
if [ ! -d "$shared" ]; then
  echo "skip: $shared is absent"
  exit 0
fi
cargo build --release --quiet
bin=target/release/geomention
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/corpus.jsonl" "$mb" "$shared" <<'PY'
import json, sys, os
out, mb, shared = sys.argv[1], int(sys.argv[2]), sys.argv[3]
texts = []
for c in ["lgl", "geowebnews", "tr-news", "geovirus"]:
    with open(os.path.join(shared, c + ".jsonl"), encoding="utf-8") as f:
        texts += [json.loads(l)["text"] for l in f if l.strip()]
target = mb * 1024 * 1024
size = n = 0
with open(out, "w", encoding="utf-8") as f:
    while size < target:
        line = json.dumps({"id": f"g{n}", "text": texts[n % len(texts)]}, ensure_ascii=False) + "\n"
        f.write(line)
        size += len(line.encode())
        n += 1
print(f"generated {n} documents, {size / 1e6:.0f} MB of JSONL", file=sys.stderr)
PY
args=()
[ "$threads" != 0 ] && args=(--threads "$threads")
/usr/bin/time -f "wall %e s, user %U s, system %S s, peak resident %M kB" \
  "$bin" tag --jsonl "$tmp/corpus.jsonl" --format geojsonseq -q "${args[@]}" > "$tmp/out.geojsons"
echo "features: $(grep -c $'\x1e' "$tmp/out.geojsons" || true), output $(du -m "$tmp/out.geojsons" | cut -f1) MB"
