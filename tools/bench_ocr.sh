#!/usr/bin/env bash
# OCR throughput: pages per second of `finsam-extract extract` on image-only
# PDFs, with 1 and 2 OCR worker threads (FINSAM_OCR_JOBS). Prints figures;
# not a test. Usage: tools/bench_ocr.sh [BINARY] [PDF...]
# (default: build/finsam-extract on corpus/*/scanned.pdf)
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-build/finsam-extract}
shift || true
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(corpus/*/scanned.pdf)
pages=0
for f in "${files[@]}"; do pages=$((pages + $(pdfinfo "$f" | awk '/^Pages:/{print $2}'))); done
for jobs in 1 2; do
  start=$(date +%s.%N)
  FINSAM_OCR_JOBS=$jobs "$binary" extract "${files[@]}" > /dev/null || true
  end=$(date +%s.%N)
  awk -v p="$pages" -v s="$start" -v e="$end" -v j="$jobs" \
    'BEGIN { printf "ocr jobs=%d: %d pages in %.1f s = %.2f pages/s\n", j, p, e - s, p / (e - s) }'
done
