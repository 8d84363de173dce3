#!/usr/bin/env bash
# Regenerates the README's example answers from a fresh import of the 1M-rating Letterboxd set:
# imports it into an empty SQLite store, serves it with the AOT binary until the trained model answers, then re-runs
# every example marked `<!-- example -->` in README.md and writes the answers back (scripts/readme_examples.py).
#
#   scripts/readme-examples.sh            # uses artifacts/aot/recs (./run.sh or dotnet publish builds it)
#   RECS_BINARY=/path/to/recs RECS_DATA_DIR=/path/to/data scripts/readme-examples.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
binary=${RECS_BINARY:-$root/artifacts/aot/recs}
data=${RECS_DATA_DIR:-$root/../shared/data}
port=${PORT:-18080}
[ -x "$binary" ] || { echo "no binary at $binary: publish it first (./run.sh builds it)" >&2; exit 1; }

scratch=$(mktemp -d /tmp/recs-readme.XXXXXX)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$scratch"; }
trap cleanup EXIT

cd "$scratch"
unset DATABASE_URL PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD RECS_ADMIN_TOKEN
"$binary" import letterboxd-dataset "$data/letterboxd-sdl60660-1m" > import.log
# The upload example sends a real export (export-b, 673 ratings) as ./ratings.csv.
cp "$data/letterboxd-exports/export-b-ratings.csv" ratings.csv
"$binary" serve --urls "http://127.0.0.1:$port" > serve.log 2>&1 &
server=$!

for _ in $(seq 1 300); do
  if curl -sf "http://127.0.0.1:$port/health" 2>/dev/null | grep -q '"serving":true'; then break; fi
  kill -0 "$server" 2>/dev/null || { cat serve.log >&2; exit 1; }
  sleep 1
done
curl -sf "http://127.0.0.1:$port/health" | grep -q '"serving":true' || { echo "no trained model after 300 s" >&2; exit 1; }

python3 "$root/scripts/readme_examples.py" "$root/README.md" "http://127.0.0.1:$port" "$scratch"
echo "README.md examples regenerated; review them with: git diff README.md"
