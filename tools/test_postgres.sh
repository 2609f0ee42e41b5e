#!/usr/bin/env bash
# The PostgreSQL sink against a real server: starts a private cluster on
# loopback (port and socket dir under /tmp), runs two importers at once over
# the same files into one database, checks every document is stored exactly
# once with its rows, re-runs to check nothing changes, and stops the server.
# Exit 77 (CTest skip) only when the server binaries are absent.
#   tools/test_postgres.sh BUILD/finsam-extract SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
  echo "SKIP: PostgreSQL server binaries not found (apt-get install postgresql)"
  exit 77
fi
as_pg=()
if [ "$(id -u)" -eq 0 ]; then as_pg=(runuser -u postgres --); fi

work=$(mktemp -d /tmp/finsam_pg.XXXXXX)
chmod 777 "$work"
port=$((20000 + RANDOM % 20000))
cleanup() {
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

"${as_pg[@]}" "$pgbin/initdb" -D "$work/data" -U postgres -A trust >"$work/initdb.log" 2>&1 ||
  { cat "$work/initdb.log"; exit 1; }
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $work -c fsync=off" start >/dev/null ||
  { cat "$work/server.log"; exit 1; }
url="postgresql://postgres@127.0.0.1:$port/postgres"
psql() { "$pgbin/psql" -X -q -t -A -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "$1"; }

mkdir "$work/in"
for d in "$src"/corpus/*/; do
  name=$(basename "$d")
  for f in "$d"/input.txt "$d"/input.pdf; do
    if [ -f "$f" ]; then cp "$f" "$work/in/$name.${f##*.}"; fi
  done
done
expected=$("$bin" extract "$work/in" | wc -l)

# Two importers at once, over the same files: the files' primary key decides.
"$bin" ingest --db "$url" --jobs 2 "$work/in" & first=$!
"$bin" ingest --db "$url" --jobs 2 "$work/in" & second=$!
wait $first
wait $second

fail() { echo "FAIL: $*"; exit 1; }
docs=$(psql "SELECT count(*) FROM documents")
files=$(psql "SELECT count(*) FROM files")
dups=$(psql "SELECT count(*) FROM (SELECT sha256, part FROM documents GROUP BY 1, 2 HAVING count(*) > 1) d")
unique=$(ls "$work/in" | while read -r f; do sha256sum "$work/in/$f" | cut -d' ' -f1; done | sort -u | wc -l)
[ "$docs" -eq "$expected" ] || fail "documents $docs, extract gave $expected"
[ "$files" -eq "$unique" ] || fail "files $files, distinct contents $unique"
[ "$dups" -eq 0 ] || fail "$dups duplicated documents"
rows=$(psql "SELECT count(*) FROM budget_rows")
json_rows=$(psql "SELECT coalesce(sum(json_array_length((record_json::json)->'budget'->'rows')), 0) FROM documents")
[ "$rows" -eq "$json_rows" ] && [ "$rows" -gt 0 ] || fail "budget rows $rows, records hold $json_rows"
total=$(psql "SELECT total_sek FROM documents WHERE path LIKE '%15_gavleborg_slutrapport.txt'")
[ "$total" = 1650000 ] || fail "gavleborg total $total"

# The README's example queries run here as written.
owners=$(psql "SELECT o.organisation, substr(d.period_start, 1, 4), sum(d.total_sek) FROM documents d
  JOIN document_organisations o ON o.sha256 = d.sha256 AND o.part = d.part
  WHERE d.document_type = 'ansokan' AND o.role <> 'samverkanspart' GROUP BY 1, 2 ORDER BY 1, 2" | wc -l)
unsigned=$(psql "SELECT d.path FROM documents d WHERE d.document_type = 'ansokan' AND NOT EXISTS (
  SELECT 1 FROM signatures s WHERE s.sha256 = d.sha256 AND s.part = d.part AND s.method <> 'unsigned')" | wc -l)
[ "$owners" -gt 0 ] && [ "$unsigned" -gt 0 ] || fail "README queries: $owners owner-years, $unsigned unsigned"

# A third run changes nothing.
"$bin" ingest --db "$url" --jobs 2 "$work/in"
[ "$(psql "SELECT count(*) FROM documents")" -eq "$docs" ] || fail "re-run changed the documents"
"$bin" export --csv --db "$url" --what budget -o "$work/budget.csv"
[ "$(($(wc -l <"$work/budget.csv") - 1))" -eq "$rows" ] || fail "export rows"
echo "postgres_ingest: $docs documents from $files files, $rows budget rows, two importers, no duplicates"
