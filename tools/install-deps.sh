#!/usr/bin/env bash
# Installs every Debian package the build, the tests and the tools need.
# Used by the README's set-up and by .ci/run, so a fresh machine and CI
# install exactly the same things.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libpoppler-cpp-dev poppler-utils   # poppler-cpp: odd words' text round trip (pdf_words.cc), the floor benchmark; pdf tools
  libpoppler-private-dev             # Poppler's core API: text layer words, form fields, page rendering (src/ingest/)
  qpdf                               # odd-PDF tests, tools/make_hostile_corpus.py: encrypted PDFs
  libicu-dev                         # text normalization, charset detection
  libre2-dev                         # grammar patterns (linear time)
  nlohmann-json3-dev                 # JSON records
  libcli11-dev                       # command line
  libgtest-dev libgmock-dev          # unit and corpus tests
  libcairo2-dev fonts-dejavu-core    # tools/make_corpus_pdf renders corpus PDFs
  clang libclang-rt-14-dev           # libFuzzer targets (tools/fuzz.sh)
  libssl-dev                         # SHA-256 of inputs (libcrypto)
  libtesseract-dev libleptonica-dev tesseract-ocr-swe tesseract-ocr-osd  # OCR of scanned pages
  img2pdf imagemagick                # tools/make_scanned_corpus.sh
  libsqlite3-dev libpq-dev           # ingest sinks (SQLite, PostgreSQL)
  libmimalloc-dev                    # the shipped binary's allocator (CMakeLists.txt: FINSAM_MIMALLOC)
  postgresql                         # tools/test_postgres.sh runs a real server
  python3 python3-jsonschema         # cross-check of records against the schema
  chromium                           # tools/html_report_test.sh loads the audit report headless
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
