#!/usr/bin/env bash
# Builds finsam-extract and runs the main job on the bundled corpus: one JSON
# record per logical document of every corpus input, into out/records.jsonl,
# and the field-by-field comparison with the expected records.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target finsam-extract
mkdir -p out
# Numbered case folders only: corpus/hostile/ holds hostile inputs (tests/hostile_test.cc).
build/finsam-extract extract corpus/[0-9]*/ > out/records.jsonl || true
echo "$(wc -l < out/records.jsonl) records in out/records.jsonl"
build/finsam-extract grammar test --corpus corpus | tail -17
