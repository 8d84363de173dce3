#!/usr/bin/env bash
# Load test of the AOT binary on 127.0.0.1 with wrk. Bounded: each scenario runs $DURATION seconds, then the
# server is stopped. Usage: loadtests/run.sh [demo|letterboxd] [duration-seconds]
#   demo        the synthetic demo catalogue (300 users, 16.5k ratings) — no data files needed
#   letterboxd  ../shared/data/letterboxd-sdl60660-1m (4,375 users, 1,039,665 ratings) imported into a fresh SQLite file
set -euo pipefail
cd "$(dirname "$0")/.."
DATASET=${1:-demo}
DURATION=${2:-10}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PORT=${PORT:-18080}
BASE="http://127.0.0.1:$PORT"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
if [ ! -x artifacts/aot/recs ]; then
  dotnet publish src/Recs.Aot -c Release -r linux-x64 -o artifacts/aot -nologo -v quiet
fi

work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
export RECS_SQLITE_PATH="$work/recs.db"
unset PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD DATABASE_URL

if [ "$DATASET" = letterboxd ]; then
  data=${RECS_DATA_DIR:-../shared/data}/letterboxd-sdl60660-1m
  [ -d "$data" ] || { echo "loadtests: $data is missing" >&2; exit 1; }
  artifacts/aot/recs import letterboxd-dataset "$data" >/dev/null 2>&1
  zcat "$data/ratings.csv.gz" | tail -n +2 | cut -d, -f1 | sort -u > "$work/users.txt"
  serve_args=()
else
  serve_args=(--demo)
  seq -f "demo_%03g" 0 299 > "$work/users.txt"
fi
for i in $(seq 1 2000); do echo "nobody_$i"; done > "$work/unknown.txt"

# Rate limiting is raised for the run: the point is the service's own throughput, not the limiter's.
artifacts/aot/recs serve --urls "$BASE" "${serve_args[@]}" \
  --Recs:RateLimitPermitsPerSecond=10000000 --Recs:RateLimitBurst=10000000 --Logging:LogLevel:Default=Warning \
  > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 600); do grep -q "recs: ready" "$work/server.log" && break; sleep 0.1; done
# Wait for the trained model, so the run measures serving and not training.
for _ in $(seq 1 600); do curl -sf "$BASE/health" | grep -q '"serving":true' && break; sleep 0.2; done
curl -sf "$BASE/health" | grep -q '"serving":true' || { cat "$work/server.log"; echo "loadtests: the model was never trained" >&2; exit 1; }
rss_ready=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$server/status)

run() { # name users-file path
  local out
  out=$(RECS_USERS="$2" RECS_PATH="$3" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s loadtests/users.lua "$BASE" | grep RESULT)
  printf '| %-34s | %s |\n' "$1" "$(echo "$out" | sed -E 's/RESULT requests=([0-9]+) rps=([0-9]+) p50_us=([0-9]+) p90_us=([0-9]+) p99_us=([0-9]+) max_us=([0-9]+) errors=([0-9]+)/\2 | \3 | \4 | \5 | \6 | \7/')"
}

echo "dataset: $DATASET, $THREADS wrk threads, $CONNECTIONS connections, ${DURATION}s per scenario, $(nproc) cores shared by client and server"
echo
echo "| scenario                           | req/s | p50 µs | p90 µs | p99 µs | max µs | errors |"
echo "| ---------------------------------- | ----- | ------ | ------ | ------ | ------ | ------ |"
echo /ping > "$work/none.txt"
run "GET /ping"                              "$work/none.txt"   "/ping"
run "computed (GET /api/cache/{user})"       "$work/users.txt"  "/api/cache/{user}"
run "cached (GET /api/recomendacoes)"        "$work/users.txt"  "/api/recomendacoes/{user}?limit=20"
run "unknown user -> fallback"               "$work/unknown.txt" "/api/recomendacoes/{user}?limit=20"
echo
pid_rss=$(grep -E 'VmRSS|VmHWM' /proc/$server/status | awk '{printf "%s %s MB  ", $1, int($2/1024)}')
echo "server memory: VmRSS ${rss_ready} MB when the trained model was ready; after the run: $pid_rss"
curl -s "$BASE/api/memory"; echo
