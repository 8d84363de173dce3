#!/usr/bin/env bash
# Load suite of the Native AOT binary on 127.0.0.1 with thresholds (loadtests/Recs.Load). Bounded: every phase runs
# for a fixed time, the whole suite is cut off after $LIMIT seconds, and the server is stopped at the end.
# Usage: loadtests/run.sh [letterboxd|demo] [recs-load options, e.g. --mix-seconds 30]
#   letterboxd  ../shared/data/letterboxd-sdl60660-1m (4,375 users, 1,039,665 ratings) imported into a fresh SQLite file
#   demo        the synthetic demo catalogue the server seeds into an empty store (300 users, 480 films)
# SKIP_PUBLISH=1 reuses artifacts/aot/recs; RECS_BINARY=<path> runs another build instead (published with its
# libe_sqlite3.so beside it), e.g. to compare two commits. Results: artifacts/load/<dataset>.md and .json; exit code 1 when a
# threshold failed (loadtests/Recs.Load/Thresholds.cs).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
DATASET=${1:-letterboxd}
shift || true
PORT=${PORT:-18080}
LIMIT=${LIMIT:-900}
BASE="http://127.0.0.1:$PORT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ "${SKIP_PUBLISH:-0}" != 1 ] && [ -z "${RECS_BINARY:-}" ]; then
  dotnet publish src/Recs.Aot -c Release -r linux-x64 -o artifacts/aot -nologo -v quiet
fi
recs=$(realpath "${RECS_BINARY:-artifacts/aot/recs}")
[ -x "$recs" ] || { echo "loadtests: $recs is missing; run without SKIP_PUBLISH=1" >&2; exit 1; }
dotnet build loadtests/Recs.Load -c Release -nologo -v quiet
load="$root/loadtests/Recs.Load/bin/Release/net10.0/recs-load.dll"
# The binary loads libe_sqlite3.so from its own folder, so it is run where it was published, never copied alone.

work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
export RECS_SQLITE_PATH="$work/data/recs.db"
unset PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD DATABASE_URL
mkdir -p "$work/data" artifacts/load

if [ "$DATASET" = letterboxd ]; then
  data=$(realpath "${RECS_DATA_DIR:-../shared/data}")/letterboxd-sdl60660-1m
  [ -d "$data" ] || { echo "loadtests: $data is missing" >&2; exit 1; }
  (cd "$work" && "$recs" import letterboxd-dataset "$data" > import.log 2>&1) || { cat "$work/import.log"; exit 1; }
  zcat "$data/ratings.csv.gz" | tail -n +2 | cut -d, -f1 | sort -u > "$work/users.txt"
  films="$data/movies.csv"
  serve_args=()
else
  seq -f "demo_%03g" 0 299 > "$work/users.txt"
  seq -f "demo-film-%03g" 0 479 > "$work/films.txt"
  films="$work/films.txt"
  serve_args=(--demo)
fi

# Rate limiting is raised for the run: the point is the service's own throughput, not the limiter's (tested elsewhere).
# Run from the throwaway folder, so the model snapshots it writes under ./data go there too.
(cd "$work" && exec "$recs" serve --urls "$BASE" "${serve_args[@]}" \
  --Recs:RateLimitPermitsPerSecond=10000000 --Recs:RateLimitBurst=10000000 --Logging:LogLevel:Default=Warning \
  > "$work/server.log" 2>&1) &
server=$!
for _ in $(seq 1 600); do grep -q "recs: ready" "$work/server.log" && break; sleep 0.1; done
# Wait for the trained model, so the suite measures serving and not the first training.
for _ in $(seq 1 600); do curl -sf "$BASE/health" | grep -q '"serving":true' && break; sleep 0.2; done
curl -sf "$BASE/health" | grep -q '"serving":true' || { cat "$work/server.log"; echo "loadtests: the model was never trained" >&2; exit 1; }
pid=$server  # exec above: the subshell became the server

echo "loadtests: $DATASET, $(nproc) cores shared by client and server, load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
status=0
timeout "$LIMIT" dotnet "$load" --url "$BASE" --pid "$pid" --users "$work/users.txt" --films "$films" \
  --markdown "artifacts/load/$DATASET.md" --json "artifacts/load/$DATASET.json" "$@" || status=$?
echo "loadtests: results in artifacts/load/$DATASET.md and .json (exit $status)" >&2
exit "$status"
