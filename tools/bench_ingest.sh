#!/usr/bin/env bash
# Benchmark of bulk ingest (issue 5); prints figures, not a timed test.
# Builds a corpus of multi-page PDFs by joining corpus PDFs with pdfunite
# (poppler-utils), then measures on the same files:
#   floor   tools/poppler_floor: Poppler's word boxes only, with the calls
#           the engine makes (and, for comparison, poppler-cpp's text_list)
#   extract finsam-extract extract --jobs 1 (one worker, JSON Lines to /dev/null)
#   ingest  finsam-extract ingest into a fresh SQLite file, --jobs 1 and 2
# each with wall time, docs/s, pages/s and peak RSS (/usr/bin/time -v), and
# the ratios to the floor and between --jobs 1 and 2.
#   tools/bench_ingest.sh [BUILD_DIR]      BENCH_FILES=N (default 200), BENCH_JOIN=K PDFs per file (default 3),
#                                          BENCH_REPEAT=R rounds, each running every command once;
#                                          a figure is its command's fastest (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
files=${BENCH_FILES:-200}
join=${BENCH_JOIN:-3}
bin=$build/finsam-extract
floor=$build/poppler_floor
[ -x "$bin" ] && [ -x "$floor" ] || { echo "build first: $bin and $floor" >&2; exit 2; }
export FINSAM_GRAMMARS=$PWD/grammars

work=$(mktemp -d /tmp/finsam_bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
mapfile -t sources < <(ls corpus/*/input.pdf)
n=${#sources[@]}
mkdir "$work/pdf"
for ((i = 0; i < files; i++)); do
  parts=()
  for ((k = 0; k < join; k++)); do parts+=("${sources[$(((i * join + k * 7) % n))]}"); done
  pdfunite "${parts[@]}" "$work/pdf/$(printf 'bench_%05d.pdf' "$i")"
done
pages=$("$floor" "$work"/pdf/*.pdf | awk '{print $3}')
echo "corpus: $files PDFs, $pages pages ($join corpus PDFs joined per file); each figure the fastest of ${BENCH_REPEAT:-3} interleaved rounds"

# Every figure is the fastest of BENCH_REPEAT runs (default 3), and the
# runs are interleaved: each round runs every command once. On a shared VM
# one run can take half as long again as the next, and slow phases last
# seconds; interleaving spreads them over all commands instead of landing
# on one of them. Peak RSS is the largest seen. --fresh DB deletes that
# SQLite database before each run.
repeat=${BENCH_REPEAT:-3}
declare -A best_secs best_rss
once() {
  local name=$1 fresh="" s m
  shift
  if [ "$1" = --fresh ]; then fresh=$2; shift 2; fi
  [ -z "$fresh" ] || rm -f "$fresh" "$fresh-wal" "$fresh-shm"
  /usr/bin/time -v -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || true
  s=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$work/time")
  m=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/time")
  if [ -z "${best_secs[$name]:-}" ] || awk -v a="$s" -v b="${best_secs[$name]}" 'BEGIN {exit !(a < b)}'; then
    best_secs[$name]=$s
  fi
  if [ "$m" -gt "${best_rss[$name]:-0}" ]; then best_rss[$name]=$m; fi
}
report() {
  awk -v name="$1" -v s="${best_secs[$1]}" -v f="$files" -v p="$pages" -v r="${best_rss[$1]}" \
    'BEGIN {printf "%-16s %7.2f s  %7.1f docs/s  %7.1f pages/s  peak RSS %4d MB\n", name, s, f / s, p / s, r}'
}

for ((round = 0; round < repeat; round++)); do
  once "poppler floor" "$floor" "$work"/pdf/*.pdf
  once "floor text_list" "$floor" --text-list "$work"/pdf/*.pdf   # poppler-cpp's page::text_list(): issue 5's floor
  once "extract --jobs 1" "$bin" extract --jobs 1 "$work/pdf"
  once "extract --jobs 2" "$bin" extract --jobs 2 "$work/pdf"
  once "ingest --jobs 1" --fresh "$work/j1.db" "$bin" ingest --jobs 1 --db "$work/j1.db" "$work/pdf"
  once "ingest --jobs 2" --fresh "$work/j2.db" "$bin" ingest --jobs 2 --db "$work/j2.db" "$work/pdf"
done
for name in "poppler floor" "floor text_list" "extract --jobs 1" "extract --jobs 2"; do report "$name"; done
floor_secs=${best_secs["poppler floor"]}; text_list_secs=${best_secs["floor text_list"]}
extract_secs=${best_secs["extract --jobs 1"]}; extract2_secs=${best_secs["extract --jobs 2"]}
# Instructions (user space) say more than seconds on a shared machine;
# perf needs hardware counters, which many VMs do not expose.
instructions() { perf stat -x, -e instructions:u "$@" 2>&1 >/dev/null | awk -F, '/instructions/ {print $1}'; }
if command -v perf >/dev/null && [[ "$(instructions true)" =~ ^[0-9]+$ ]]; then
  floor_ins=$(instructions "$floor" "$work"/pdf/*.pdf)
  extract_ins=$(instructions "$bin" extract --jobs 1 "$work/pdf")
  awk -v f="$floor_ins" -v e="$extract_ins" 'BEGIN {printf "instructions:u floor %.3g, extract --jobs 1 %.3g (%.2fx)\n", f, e, e / f}'
else
  echo "instructions:u: no hardware counters here (perf stat); see README for callgrind figures"
fi
for name in "ingest --jobs 1" "ingest --jobs 2"; do report "$name"; done
j1_secs=${best_secs["ingest --jobs 1"]}; j2_secs=${best_secs["ingest --jobs 2"]}
for ((round = 0; round < repeat; round++)); do once "ingest re-run" "$bin" ingest --jobs 2 --db "$work/j2.db" "$work/pdf"; done
report "ingest re-run"
docs=$(sqlite3 "$work/j2.db" 'SELECT count(*) FROM documents' 2>/dev/null || echo "?")
echo "documents stored: $docs"
awk -v fl="$floor_secs" -v tl="$text_list_secs" -v ex="$extract_secs" -v ex2="$extract2_secs" -v j1="$j1_secs" -v j2="$j2_secs" 'BEGIN {
  printf "extract --jobs 1 / text_list floor %.2fx\n", ex / tl
  printf "extract --jobs 1 / floor %.2fx\n", ex / fl
  printf "ingest --jobs 1 / floor  %.2fx\n", j1 / fl
  printf "speed-up --jobs 2 vs 1   %.2fx (ingest), %.2fx (extract)\n", j1 / j2, ex / ex2 }'
