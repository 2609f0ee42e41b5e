#!/usr/bin/env bash
# Cross-checks the engine's records against schema/record-v1.schema.json with
# an independent validator (Debian's python3-jsonschema), so the C++ test
# validator (tests/support/json_schema.cc) and the schema are kept honest.
#
# Usage: tools/check_schema.sh BINARY REPO_ROOT
# Runs `BINARY extract FILE` for every REPO_ROOT/corpus/*/input.{txt,pdf},
# validates each output line, prints one line per failing record (or failing
# run) and a final "N passed, M failed"; exits 1 when anything failed.
set -uo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 BINARY REPO_ROOT" >&2
  exit 2
fi
binary=$1
root=${2%/}
schema="$root/schema/record-v1.schema.json"
python=/usr/bin/python3   # python3-jsonschema is installed for the system python only

shopt -s nullglob
inputs=("$root"/corpus/*/input.txt "$root"/corpus/*/input.pdf)
shopt -u nullglob
if [ ${#inputs[@]} -eq 0 ]; then
  echo "0 passed, 0 failed"
  exit 0
fi
if [ ! -x "$binary" ]; then
  echo "check_schema: $binary is not an executable" >&2
  exit 2
fi
if [ ! -f "$schema" ]; then
  echo "check_schema: no schema at $schema" >&2
  exit 2
fi
if [ -z "${FINSAM_GRAMMARS:-}" ] && [ -d "$root/grammars" ]; then
  export FINSAM_GRAMMARS="$root/grammars"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# One output file per input; the manifest tells the validator which is which
# and how the run ended.
manifest="$tmp/manifest.tsv"
: > "$manifest"
runner=()
command -v timeout > /dev/null && runner=(timeout 300)
n=0
for input in "${inputs[@]}"; do
  n=$((n + 1))
  out="$tmp/$n.jsonl"
  "${runner[@]}" "$binary" extract "$input" > "$out" 2> "$tmp/$n.stderr"
  status=$?
  rel=${input#"$root"/}
  printf '%s\t%s\t%s\t%s\n' "$rel" "$out" "$status" "$tmp/$n.stderr" >> "$manifest"
done

read -r -d '' validate <<'PY'
import json
import sys

import jsonschema

schema_path, manifest_path = sys.argv[1], sys.argv[2]
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
# jsonschema 4.x joins a relative root $id ("finsam-record/1") with itself
# while resolving "#/$defs/..." refs; the refs are all local, so drop it.
schema.pop("$id", None)
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
validator = cls(schema)


def branch_validator(name):
    sub = {k: v for k, v in schema.items() if k != "oneOf"}
    sub["$ref"] = "#/$defs/" + name
    return cls(sub)


branches = {name: branch_validator(name) for name in ("document_record", "error_record")}


def pointer(path):
    parts = [str(p).replace("~", "~0").replace("/", "~1") for p in path]
    return "/" + "/".join(parts) if parts else "(root)"


def explain(record):
    """Error message from the branch the record means to be."""
    name = "error_record" if isinstance(record, dict) and "error" in record else "document_record"
    error = jsonschema.exceptions.best_match(branches[name].iter_errors(record))
    if error is None:
        error = jsonschema.exceptions.best_match(validator.iter_errors(record))
    return "%s: %s" % (pointer(error.absolute_path), error.message)


passed = failed = 0
with open(manifest_path, encoding="utf-8") as manifest:
    for row in manifest:
        name, out_path, status, err_path = row.rstrip("\n").split("\t")
        status = int(status)
        with open(out_path, encoding="utf-8", errors="replace") as f:
            lines = [line for line in f.read().splitlines() if line.strip()]
        if status >= 124 or not lines:
            with open(err_path, encoding="utf-8", errors="replace") as f:
                stderr = " ".join(f.read().split())[:200]
            why = "timed out" if status == 124 else "exit status %d" % status
            if not lines and status < 124:
                why += ", no records"
            print("FAIL %s: extract %s: %s" % (name, why, stderr or "(no stderr)"))
            failed += 1
        for number, line in enumerate(lines, 1):
            where = "%s record %d" % (name, number)
            try:
                record = json.loads(line)
            except ValueError as e:
                print("FAIL %s: not JSON: %s" % (where, e))
                failed += 1
                continue
            if validator.is_valid(record):
                passed += 1
            else:
                print("FAIL %s: %s" % (where, explain(record)))
                failed += 1

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY

"$python" -c "$validate" "$schema" "$manifest"
