#!/usr/bin/env bash
# The benchmark: callqa against the two yardsticks of ../shared/bench (the naive keyword scorer and a
# ripgrep scan of 20 protocol phrases) on one corpus, in one run, with wall time, CPU and peak memory
# from /usr/bin/time -v. Prints a Markdown table and the ratios. Not a test: it times nothing it
# asserts on (CI runs it at a tiny N only to show that it still runs).
#
# usage: bench/run.sh [N] [CORPUS_DIR]       N transcript files (default 10800)
# env:   CALLQA=path/to/callqa (default target/release/callqa, built if missing)
#        KEEP=1 reuses an existing corpus of the same N
#        COMMAND=audit also writes the reports (default score)
#        CALLQA_BEFORE=path/to/an/older/callqa adds its row (a before/after in the same run)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10800}
CORPUS=${2:-${TMPDIR:-/tmp}/callqa-bench-$N}
YARDSTICKS=${YARDSTICKS:-../shared/bench}
COMMAND=${COMMAND:-score}
CALLQA=${CALLQA:-target/release/callqa}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [[ ! -f $YARDSTICKS/naive_scorer.py ]]; then
  echo "bench: $YARDSTICKS/naive_scorer.py not found (set YARDSTICKS)" >&2
  exit 2
fi
if [[ ! -x $CALLQA ]]; then
  cargo build --release --locked
fi
if ! command -v rg >/dev/null 2>&1; then
  echo "bench: ripgrep missing, installing it (apt-get install ripgrep)" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ripgrep >/dev/null) ||
    echo "bench: no ripgrep, its row is left out" >&2
fi
if [[ ${KEEP:-0} != 1 || ! -d $CORPUS/transcripts ]]; then
  python3 bench/gen_corpus.py "$N" "$CORPUS" >&2
fi
SIZE=$(du -sm "$CORPUS/transcripts" | cut -f1)
PBX_SIZE=$(du -sm "$CORPUS/pbx" 2>/dev/null | cut -f1 || echo 0)

# measure NAME COMMAND... -> one line "NAME wall_s cpu_s peak_mib"
measure() {
  local name=$1
  shift
  if ! /usr/bin/time -v -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"; then
    # rg -c exits 1 when some file has no match; anything else is a failure.
    if [[ $name != ripgrep ]]; then
      echo "bench: $name failed:" >&2
      tail -5 "$WORK/$name.err" >&2
      exit 1
    fi
  fi
  awk -v name="$name" '
    /Elapsed \(wall clock\)/ { n = split($NF, p, ":"); wall = (n == 3) ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2] }
    /User time/ { user = $NF }
    /System time/ { sys = $NF }
    /Maximum resident set size/ { rss = $NF }
    END { printf "%s %.2f %.2f %.0f\n", name, wall, user + sys, rss / 1024 }
  ' "$WORK/$name.time"
}

{
  measure callqa "$CALLQA" "$COMMAND" "$CORPUS" --out "$WORK/callqa" --quiet
  if [[ -n ${CALLQA_BEFORE:-} ]]; then
    measure callqa_before "$CALLQA_BEFORE" "$COMMAND" "$CORPUS" --out "$WORK/before" --quiet
  fi
  measure naive_scorer python3 "$YARDSTICKS/naive_scorer.py" "$CORPUS" "$WORK/naive.csv"
  if command -v rg >/dev/null 2>&1; then
    measure ripgrep rg -c -F -i -f "$YARDSTICKS/phrases20.txt" "$CORPUS/transcripts"
  fi
} >"$WORK/results"

CALLS=$(grep -o '[0-9]* calls scored' "$WORK/callqa.err" | cut -d' ' -f1)
echo
echo "Corpus: $N transcript files ($SIZE MB), PBX logs $PBX_SIZE MB, $CALLS calls scored;" \
  "$(nproc) cores; $(date -u +%Y-%m-%d); callqa $COMMAND"
echo
echo "| tool | wall (s) | CPU (s) | peak memory (MiB) | callqa's wall / this wall |"
echo "|---|---:|---:|---:|---:|"
awk '
  NR == 1 { base = $2 }
  { printf "| %s | %.2f | %.2f | %d | %.2f |\n", $1, $2, $3, $4, ($2 > 0) ? base / $2 : 0 }
' "$WORK/results"
awk '
  $1 == "callqa" { c = $2 } $1 == "naive_scorer" { n = $2 } $1 == "ripgrep" { r = $2 }
  END {
    if (c > 0 && n > 0) printf "\ncallqa is %.2f x as fast as naive_scorer (target >= 20)\n", n / c
    if (c > 0 && r > 0) printf "callqa takes %.1f x the ripgrep scan (target <= 2)\n", c / r
  }
' "$WORK/results"
