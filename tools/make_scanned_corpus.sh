#!/usr/bin/env bash
# Makes scanned variants of corpus PDFs, as a printer and a scanner would:
# each page rasterized grey at 150 dpi, turned slightly (0.6°), given
# grain and saved as a JPEG, then wrapped as an image-only PDF
# (corpus/NN_case/scanned.pdf, committed). tests/ocr_test.cc checks that
# each gives the same record as input.pdf. Deterministic: fixed noise seed.
# Needs poppler-utils, imagemagick and img2pdf (tools/install-deps.sh).
# Usage: tools/make_scanned_corpus.sh [CASE_DIR...]   (default: the set below)
set -euo pipefail
cd "$(dirname "$0")/.."

# One case per template: form, numbered form, letter, beslut, protokoll,
# slutrapport, lägesrapport; a förslag till beslut with en-dash att-satser.
default_cases=(
  corpus/01_uppsala_form_esign
  corpus/06_kalmar_numbered_sum_mismatch
  corpus/08_jamtland_letter_mkr
  corpus/12_bohuslan_beslut_signed
  corpus/13_uppsala_protokollsutdrag
  corpus/17_skaraborg_slutrapport_unsigned
  corpus/19_jamtland_lagesrapport_tkr
  corpus/50_gotland_forslag_dash_bullets
)
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=("${default_cases[@]}")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for dir in "${cases[@]}"; do
  rm -f "$work"/*
  pdftoppm -r 150 -gray "$dir/input.pdf" "$work/page"
  for page in "$work"/page-*.pgm; do
    # -rotate turns clockwise; the corner wedges are filled white as paper.
    convert "$page" -background white -rotate 0.6 +repage -gravity center \
      -seed 6 -attenuate 0.4 +noise Gaussian -quality 55 -density 150 -units PixelsPerInch \
      "${page%.pgm}.jpg"
  done
  img2pdf --pagesize A4 --imgsize 150dpi -o "$dir/scanned.pdf" "$work"/page-*.jpg
  echo "$dir/scanned.pdf $(stat -c %s "$dir/scanned.pdf") bytes"
done
