#!/usr/bin/env bash
# Robustness: time and peak memory of `geomention tag` on hostile inputs,
# generated here in a temporary folder (deleted at the end):
#   a 200 MB single-line document, 1 million tiny JSONL documents, 10,000
#   nested quotation marks, a 100,000-character "name", zero-width and bidi
#   controls, combining-mark floods, CRLF, a UTF-8 BOM, NUL bytes.
# Each input is also run at a quarter of its size: the "growth" column is
# (time at full size / time at a quarter) / 4, about 1 when time grows
# linearly (about 4 when quadratic; very small runs are dominated by start-up).
#
# usage: scripts/robustness.sh [--quick] [--fuzz SECONDS]
#   --quick         every size divided by 10
#   --fuzz SECONDS  first run the property and robustness tests, then each
#                   cargo-fuzz target for SECONDS (one at a time, nice 10;
#                   needs `cargo install cargo-fuzz`; builds on stable Rust
#                   with `-s none`, no sanitizer, no nightly)
# CARGO_TARGET_DIR is honoured; the table goes to standard output and to
# target/robustness/results.md. Needs python3 and GNU time. See
# docs/ROBUSTNESS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scale=1
fuzz=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) scale=10 ;;
    --fuzz) fuzz=$2; shift ;;
    *) echo "usage: $0 [--quick] [--fuzz SECONDS]" >&2; exit 2 ;;
  esac
  shift
done

if [[ $fuzz -gt 0 ]]; then
  cargo test --release --test integration -- properties robustness
  (
    cd fuzz
    cargo fuzz build -s none
    for t in tag_text gazetteer_readers index_loader jsonl_reader html_extractor; do
      mkdir -p "corpus-run/$t" "artifacts/$t"
      echo "== fuzz $t for ${fuzz}s"
      nice -n 10 "target/x86_64-unknown-linux-gnu/release/$t" \
        -artifact_prefix="artifacts/$t/" -max_total_time="$fuzz" -timeout=20 \
        -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1 \
        "corpus-run/$t" "corpus/$t" 2>&1 | grep -E '^(stat::number_of_executed_units|Done|==|SUMMARY)|panicked' || true
    done
    ls artifacts/*/ 2>/dev/null | grep -E 'crash|timeout|oom' && { echo "fuzzing found crashes (fuzz/artifacts)" >&2; exit 1; } || true
  )
fi
target=${CARGO_TARGET_DIR:-$root/target}
out=$root/target/robustness
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cargo build --release --quiet
# a copy: a full-size run takes long, and another build into the same target
# folder must not replace the binary under it
cp "$target/release/geomention" "$tmp/geomention"
bin=$tmp/geomention
[[ -x /usr/bin/time ]] || { echo "needs GNU time (/usr/bin/time)" >&2; exit 1; }

# flags of the hostile-input options when this build has them
extra=()
if "$bin" tag --help | grep -q -- '--max-document-bytes'; then
  extra+=(--max-document-bytes 1000000000)
fi

# gen NAME DIVISOR: writes $tmp/NAME.(txt|jsonl) at 1/DIVISOR of full size
gen() {
  python3 - "$tmp" "$1" "$2" "$scale" <<'PY'
import sys, json
tmp, name, div, scale = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
k = div * scale          # divide every size by k
prose = ("Clashes were reported in Samarra and Karbala, officials said. "
         "“We left Baghdad at dawn,” a resident of Jurf as Sakhr told Reuters. ")
def w(text, ext="txt"):
    with open(f"{tmp}/{name}.{ext}", "w", encoding="utf-8", newline="") as f:
        f.write(text)
if name == "single-line":            # 200 MB, no newline
    n = 200_000_000 // k
    w(prose * (n // len(prose.encode("utf-8"))))
elif name == "tiny-docs":           # 1 million JSONL records
    n = 1_000_000 // k
    with open(f"{tmp}/{name}.jsonl", "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": i, "text": "In Mosul."}) + "\n")
elif name == "nested-quotes":       # 10,000 nested quotations with sources
    n = 10_000 // k
    opens = "".join(f"Source {i} in Basra said, {'“‘'[i % 2]}" for i in range(n))
    closes = "".join("’”"[i % 2] for i in reversed(range(n)))
    w(opens + "Fighting in Mosul." + closes + " Then Baghdad.")
elif name == "bare-quotes":         # 10,000 quotation marks with nothing to pair
    n = 10_000 // k
    w("“" * n + " Baghdad " + "\"" * n + " Mosul " + "”" * n + "." + "'" * n)
elif name == "long-name":           # one 100,000-letter capitalised word
    n = 100_000 // k
    w("Fighting in B" + "a" * n + " and Baghdad.")
elif name == "long-hyphenated":     # a 100,000-character hyphenated "name"
    n = 100_000 // k
    w("Clashes in " + "-".join(["Al-Jarf-al-Sakhar"] * (n // 18)) + " and Baghdad.")
elif name == "long-capitalised":    # 100,000 characters of capitalised words
    n = 100_000 // k
    w("In " + " ".join(["New Baghdad Al Jurf"] * (n // 20)) + ".")
elif name == "zero-width":          # every letter of prose separated by ZWSP/ZWJ
    n = 2_000_000 // k
    t = "".join(c + "\u200b\u200d" for c in prose)
    w((t * (n // len(t) + 1))[:n])
elif name == "bidi":                # deeply nested bidi embeddings and isolates
    n = 100_000 // k
    w("\u202b\u2067" * n + prose + "\u202c\u2069" * n + prose)
elif name == "combining":           # a combining-mark flood on a place name
    n = 1_000_000 // k
    w("Fighting in Baghdad" + "\u0301" * n + " and M" + "\u0308\u0323" * (n // 2) + "osul.")
elif name == "crlf":                # CRLF line endings and blank lines
    n = 20_000_000 // k
    t = prose.replace(". ", ".\r\n") + "\r\n\r\n"
    w((t * (n // len(t) + 1))[:n])
elif name == "bom":                 # a BOM at the start and before every sentence
    n = 20_000_000 // k
    t = "\ufeff" + prose
    w((t * (n // len(t) + 1))[:n])
elif name == "nul":                 # NUL bytes between words and a run of NULs
    n = 20_000_000 // k
    t = prose.replace(" ", "\0 ") + "\0" * 64
    w((t * (n // len(t) + 1))[:n])
PY
}

# run NAME DIVISOR: prints "seconds rss_kb bytes mentions"
run() {
  local f
  f=$(ls "$tmp/$1".* | head -1)
  local args=(tag "${extra[@]}" -o "$tmp/out.geojsons")
  [[ $f == *.jsonl ]] && args+=(--jsonl "$f") || args+=("$f")
  /usr/bin/time -f '%e %M' -o "$tmp/time" "$bin" "${args[@]}" >/dev/null 2>"$tmp/err" \
    || { echo "FAILED: $1" >&2; cat "$tmp/err" >&2; return 1; }
  local bytes mentions
  bytes=$(stat -c %s "$f")
  mentions=$(grep -c $'\x1e' "$tmp/out.geojsons" || true)
  echo "$(cat "$tmp/time") $bytes $mentions"
}

human() { python3 -c "import sys; b=int(sys.argv[1]); print(f'{b/1e6:.1f} MB' if b>=1e6 else f'{b/1e3:.1f} kB')" "$1"; }

inputs=(single-line tiny-docs nested-quotes bare-quotes long-name long-hyphenated
        long-capitalised zero-width bidi combining crlf bom nul)
{
  echo "| input | size | mentions | time (s) | peak RSS (MB) | quarter size: time (s) / RSS (MB) | growth |"
  echo "|---|---|---|---|---|---|---|"
} | tee "$out/results.md"
for name in "${inputs[@]}"; do
  gen "$name" 4
  read -r t4 m4 _ _ < <(run "$name")
  rm -f "$tmp/$name".*
  gen "$name" 1
  read -r t1 m1 b1 n1 < <(run "$name")
  rm -f "$tmp/$name".* "$tmp/out.geojsons"
  growth=$(python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{a/max(b,0.01)/4:.2f}')" "$t1" "$t4")
  printf '| %s | %s | %s | %s | %.0f | %s / %.0f | %s |\n' "$name" "$(human "$b1")" "$n1" \
    "$t1" "$(echo "$m1/1024" | bc -l)" "$t4" "$(echo "$m4/1024" | bc -l)" "$growth" | tee -a "$out/results.md"
done
