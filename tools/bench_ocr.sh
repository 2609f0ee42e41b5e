#!/usr/bin/env bash
# OCR throughput: pages per second of `finsam-extract extract` on image-only
# PDFs at --jobs 1 (one worker, its pages on every core) and --jobs 2 (two
# files at once, one OCR thread each: ocr.h OcrThreadsPerProcess), with the
# machine's load average beside each figure, since a busy machine halves
# them. Prints figures; not a test.
# Usage: tools/bench_ocr.sh [BINARY] [PDF...]
# (default: build/finsam-extract on corpus/*/scanned.pdf)
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-build/finsam-extract}
shift || true
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(corpus/*/scanned.pdf)
pages=0
for f in "${files[@]}"; do pages=$((pages + $(pdfinfo "$f" | awk '/^Pages:/{print $2}'))); done
echo "${#files[@]} files, $pages pages, $(nproc) cores"
for jobs in 1 2; do
  load=$(cut -d' ' -f1 /proc/loadavg)
  start=$(date +%s.%N)
  # A long per-file limit: a loaded machine must not turn slow scans into errors.
  "$binary" --timeout 3600 extract --jobs "$jobs" "${files[@]}" > /dev/null || true
  end=$(date +%s.%N)
  awk -v p="$pages" -v s="$start" -v e="$end" -v j="$jobs" -v l="$load" -v after="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN { printf "extract --jobs %d: %d pages in %.1f s = %.2f pages/s (load %s before, %s after)\n", j, p, e - s, p / (e - s), l, after }'
done
