#!/usr/bin/env bash
# CTest (label "report"): `finsam-extract audit --format html` over the
# corpus, loaded in headless Chromium. Checks that the page renders every
# finding code the corpus raises (the DOM after the filter script ran) and
# that a screenshot is a non-empty PNG. Exits 77 (skipped) when chromium is
# not installed (tools/install-deps.sh installs it).
#   tools/html_report_test.sh BINARY SOURCE_DIR [OUT_DIR]
set -euo pipefail

binary="$1"
root="$2"
out="${3:-$(mktemp -d /tmp/finsam_html_report.XXXXXX)}"
mkdir -p "$out"

chromium_bin="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$chromium_bin" ]; then
  echo "SKIP: chromium is not installed (tools/install-deps.sh installs it)"
  exit 77
fi

export FINSAM_GRAMMARS="$root/grammars"
# A snapshot of the corpus, so the page and the expected records it is checked against
# see the same files even while cases are being added.
rm -rf "$out/corpus"
mkdir -p "$out/corpus"
cp -r "$root"/corpus/[0-9]*/ "$out/corpus/"   # the cases, not corpus/hostile/
report="$out/report.html"
"$binary" audit --format html -o "$report" "$out/corpus/" 2>/dev/null

# No external assets: nothing is fetched from anywhere.
if grep -Eq '<(link|img)[^>]*(href|src)=|<script[^>]*src=' "$report"; then
  echo "FAIL: the page refers to external assets"
  exit 1
fi

profile="$(mktemp -d /tmp/finsam_chromium.XXXXXX)"
trap 'rm -rf "$profile"' EXIT
chrome() {
  timeout 120 "$chromium_bin" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" "$@" 2>/dev/null
}

chrome --dump-dom "file://$report" >"$out/dom.html"
# The codes the corpus's expected records require (a list, not an any_of),
# plus duplicate_submission: each case is there as text and as PDF.
codes="$( (echo duplicate_submission; python3 -c '
import glob, json, sys
for path in glob.glob(sys.argv[1] + "/*/expected.jsonl"):
    for line in open(path, encoding="utf-8"):
        codes = json.loads(line).get("audit_codes")
        if isinstance(codes, list):
            print("\n".join(codes))' "$out/corpus") | sort -u)"
cases="$(ls -d "$out"/corpus/*/ | wc -l)"

failed=0
for code in $codes; do
  if ! grep -q "data-code=\"$code\"" "$out/dom.html"; then
    echo "FAIL: finding code $code is not on the page"
    failed=1
  fi
done
documents="$(grep -o '<section class="doc' "$out/dom.html" | wc -l)"
if [ "$documents" -lt $((2 * cases)) ]; then
  echo "FAIL: $documents documents on the page for $cases cases (text and PDF each)"
  failed=1
fi
findings="$(grep -o 'class="finding[^"]*" data-code=' "$out/dom.html" | wc -l)"
# The filter script ran: it marks hidden elements, and hides none at first.
grep -q 'id="code-filter"' "$out/dom.html" || { echo "FAIL: no code filter on the page"; failed=1; }
if grep -q 'class="finding hidden"' "$out/dom.html"; then
  echo "FAIL: findings hidden before any filter was chosen"
  failed=1
fi

# The filter works: with one code chosen, only that code's findings stay visible.
sed 's|</body>|<script>document.getElementById("code-filter").value="invalid_email";applyFilters();</script></body>|' \
  "$report" >"$out/filtered.html"
chrome --dump-dom "file://$out/filtered.html" >"$out/filtered_dom.html"
visible="$(grep -o 'class="finding" data-code="[a-z_]*"' "$out/filtered_dom.html" | sort -u)"
if [ "$visible" != 'class="finding" data-code="invalid_email"' ]; then
  echo "FAIL: filtering by invalid_email leaves: $visible"
  failed=1
fi

chrome --screenshot="$out/report.png" --window-size=1280,2000 "file://$report" >/dev/null || true
size="$(stat -c %s "$out/report.png" 2>/dev/null || echo 0)"
if [ "$(head -c 8 "$out/report.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" != "89504e470d0a1a0a" ] ||
   [ "$size" -lt 10000 ]; then
  echo "FAIL: no PNG screenshot (size $size)"
  failed=1
fi

[ "$failed" -eq 0 ] && echo "ok: $(echo "$codes" | wc -l) codes and $findings findings on the page; screenshot $size bytes in $out"
exit "$failed"
