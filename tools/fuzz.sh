#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) and runs each for
# FUZZ_SECONDS (default 60). Prints one line per target; exit 1 on a crash.
#   tools/fuzz.sh [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DFINSAM_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(text_normalizer_fuzz grammar_loader_fuzz value_extractors_fuzz organisations_fuzz document_fuzz)
cmake --build build-fuzz -j "$(nproc)" --target "${targets[@]}"

seed() {  # seed corpus per target, from the project's own files
  local target=$1 dir=build-fuzz/corpora/$1
  mkdir -p "$dir"
  case $target in
    grammar_loader_fuzz) cp grammars/*/*.fg "$dir"/ ;;
    organisations_fuzz) head -c 4000 grammars/organisations.tsv > "$dir/registry"; cp corpus/*/input.txt "$dir"/ 2>/dev/null || true
                        for f in corpus/*/input.txt; do cp "$f" "$dir/$(basename "$(dirname "$f")").txt"; done ;;
    document_fuzz) for f in corpus/*/input.txt corpus/*/input.pdf; do cp "$f" "$dir/$(basename "$(dirname "$f")").${f##*.}"; done ;;
    *) for f in corpus/*/input.txt; do cp "$f" "$dir/$(basename "$(dirname "$f")").txt"; done ;;
  esac
}

failed=0
for t in "${targets[@]}"; do
  seed "$t"
  export FINSAM_GRAMMARS=$PWD/grammars
  if ASAN_OPTIONS=detect_leaks=0 build-fuzz/$t -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
       -max_len=262144 -artifact_prefix=build-fuzz/ -print_final_stats=1 "build-fuzz/corpora/$t" \
       > "build-fuzz/$t.log" 2>&1; then
    echo "fuzz $t: ok, $(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "build-fuzz/$t.log" | grep -o '[0-9]*$') runs in ${seconds}s"
  else
    echo "fuzz $t: FAILED (see build-fuzz/$t.log and build-fuzz/crash-*)"
    tail -30 "build-fuzz/$t.log"
    failed=1
  fi
done
exit $failed
