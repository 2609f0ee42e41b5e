#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) and runs each for
# FUZZ_SECONDS (default 60), one after the other. Prints one line per target
# (executions, coverage); exit 1 on a crash, a timeout, an OOM or a failed
# invariant, whose input is saved as build-fuzz/artifacts/TARGET-crash-*.
#   tools/fuzz.sh [TARGET...]
# FUZZ_FLAGS adds libFuzzer flags (e.g. "-jobs=1 -workers=1");
# FUZZ_BUILD_ONLY=1 builds and assembles the seed corpora only.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=$root/build-fuzz
seconds=${FUZZ_SECONDS:-60}
all=(text_normalizer_fuzz grammar_loader_fuzz dates_fuzz amounts_fuzz organisations_fuzz sections_fuzz
     pdf_ingest_fuzz document_fuzz)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DFINSAM_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target "${targets[@]}"

# Seed corpus per target, from the project's own files (copied, so that what
# the fuzzer adds stays out of the tree).
seed() {
  local target=$1 dir=$build/corpora/$1 f
  mkdir -p "$dir"
  case $target in
    grammar_loader_fuzz) cp grammars/*/*.fg "$dir"/ ;;
    pdf_ingest_fuzz) for f in corpus/*/input.pdf; do cp "$f" "$dir/$(basename "$(dirname "$f")").pdf"; done
                     cp fuzz/seeds/pdf/*.pdf "$dir"/ ;;
    document_fuzz) for f in corpus/*/input.txt corpus/*/input.pdf; do cp "$f" "$dir/$(basename "$(dirname "$f")").${f##*.}"; done
                   cp fuzz/seeds/pdf/*.pdf "$dir"/ ;;
    organisations_fuzz) head -c 4000 grammars/organisations.tsv > "$dir/registry.tsv"
                        for f in corpus/*/input.txt; do cp "$f" "$dir/$(basename "$(dirname "$f")").txt"; done ;;
    *) for f in corpus/*/input.txt; do cp "$f" "$dir/$(basename "$(dirname "$f")").txt"; done ;;
  esac
}

# Dictionary per target: PDF tokens, Swedish dates/amounts/markup, and the
# labels or keywords of the grammars (fuzz/make_dict.py).
dictionary() {
  local target=$1 out=$build/dicts/$1.dict
  mkdir -p "$build/dicts"
  case $target in
    pdf_ingest_fuzz) cat fuzz/pdf.dict ;;
    document_fuzz) cat fuzz/pdf.dict fuzz/swedish.dict; python3 fuzz/make_dict.py labels grammars ;;
    grammar_loader_fuzz) python3 fuzz/make_dict.py grammar grammars ;;
    dates_fuzz|amounts_fuzz) cat fuzz/swedish.dict ;;
    *) cat fuzz/swedish.dict; python3 fuzz/make_dict.py labels grammars ;;
  esac > "$out"
  echo "$out"
}

# Limits: 10 s per input (Poppler is slow on pathological files; a text
# input takes milliseconds, but a loaded machine once stretched one past 5 s);
# PDFs may be longer.
limits() {
  case $1 in
    pdf_ingest_fuzz|document_fuzz) echo "-timeout=10 -max_len=65536" ;;
    *) echo "-timeout=10 -max_len=32768" ;;
  esac
}

failed=0
for t in "${targets[@]}"; do
  seed "$t"
  [ "${FUZZ_BUILD_ONLY:-0}" = 1 ] && continue
  dict=$(dictionary "$t")
  regressions=(); [ -d "fuzz/regressions/$t" ] && regressions=("$root/fuzz/regressions/$t")
  logdir=$build/logs/$t; rm -rf "$logdir"; mkdir -p "$logdir" "$build/artifacts"
  # shellcheck disable=SC2046
  if (cd "$logdir" && FINSAM_GRAMMARS=$root/grammars ASAN_OPTIONS=detect_leaks=0 "$build/$t" \
        -max_total_time="$seconds" -rss_limit_mb=2048 $(limits "$t") -dict="$dict" \
        -artifact_prefix="$build/artifacts/$t-" -print_final_stats=1 ${FUZZ_FLAGS:-} \
        "$build/corpora/$t" "${regressions[@]}" > run.log 2>&1); then status=ok; else status=FAILED; failed=1; fi
  cat "$logdir"/fuzz-*.log >> "$logdir/run.log" 2>/dev/null || true
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$logdir/run.log" | grep -o '[0-9]*$' | tail -1)
  cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$logdir/run.log" | tail -1)
  echo "fuzz $t: $status, ${runs:-?} runs in ${seconds}s, ${cov:-no coverage line} (log: $logdir/run.log)"
  if [ $status = FAILED ]; then
    grep -m1 -A25 'ERROR\|==[0-9]*==\|invariant\|Test unit written' "$logdir/run.log" || tail -30 "$logdir/run.log"
    # The input itself, when small enough to travel in a CI log, so that a
    # failure on another machine can be replayed here: save the lines between
    # the markers and run `base64 -d | gunzip`.
    artifact=$(grep -o "Test unit written to [^ ]*" "$logdir/run.log" | tail -1 | cut -d' ' -f5)
    if [ -n "$artifact" ] && [ -f "$artifact" ] && [ "$(gzip -9c "$artifact" | wc -c)" -le 12000 ]; then
      echo "----- $(basename "$artifact") (gzip, base64) -----"
      gzip -9c "$artifact" | base64
      echo "----- end -----"
    fi
  fi
done
exit $failed
