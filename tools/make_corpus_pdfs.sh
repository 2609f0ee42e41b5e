#!/usr/bin/env bash
# Regenerates corpus/*/input.pdf from each case's input.txt with
# tools/make_corpus_pdf.cc (built into a temporary directory with g++ and
# cairo). The PDFs are committed: CI has no office suite and need not build
# this tool. An input.txt that is not valid UTF-8 (a case kept in
# Windows-1252 on purpose) is converted with iconv before rendering.
#
#   tools/make_corpus_pdfs.sh            # every case
#   tools/make_corpus_pdfs.sh 07 12      # cases whose folder starts with 07, 12
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d /tmp/make_corpus_pdfs.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# shellcheck disable=SC2046  # pkg-config output is a list of flags
g++ -std=c++20 -O2 -Wall -Wextra -o "$work/make_corpus_pdf" \
  "$root/tools/make_corpus_pdf.cc" $(pkg-config --cflags --libs cairo)

cases=()
if [ $# -eq 0 ]; then
  cases=("$root"/corpus/*/)
else
  for prefix in "$@"; do cases+=("$root"/corpus/"$prefix"*/); done
fi

count=0
for dir in "${cases[@]}"; do
  dir="${dir%/}"
  if [ -f "$dir/form.txt" ]; then   # a fillable form: tools/make_form_pdf.py writes both renditions
    python3 "$root/tools/make_form_pdf.py" "$dir/form.txt" "$dir/input.pdf" "$dir/input.txt"
    count=$((count + 1))
    continue
  fi
  [ -f "$dir/input.txt" ] || continue
  src="$dir/input.txt"
  if ! iconv -f UTF-8 -t UTF-8 "$src" >/dev/null 2>&1; then
    iconv -f WINDOWS-1252 -t UTF-8 "$src" >"$work/input.txt"
    src="$work/input.txt"
    echo "$(basename "$dir"): Windows-1252 input, converted with iconv"
  fi
  "$work/make_corpus_pdf" "$src" "$dir/input.pdf"
  count=$((count + 1))
done
echo "make_corpus_pdfs: wrote $count PDF(s)"
