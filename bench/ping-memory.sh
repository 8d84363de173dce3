#!/usr/bin/env bash
# What request traffic alone does to resident memory: the AOT binary serves the 1M Letterboxd set (imported into
# SQLite), and once the trained model serves, 10 s of `wrk -c32` on /ping. Prints VmRSS and the first-start peak
# before, then VmRSS and the collector's committed bytes after. Runtime knobs to compare go in the environment, e.g.
# DOTNET_GCConserveMemory=9 bench/ping-memory.sh. Needs wrk (Debian package). Traffic to 127.0.0.1 only; every wait
# has a deadline.
# Usage: bench/ping-memory.sh [path/to/recs] [data folder]
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-artifacts/aot/recs}")
data=$(realpath "${2:-../shared/data/letterboxd-sdl60660-1m}")
command -v wrk > /dev/null || { echo "bench/ping-memory.sh: wrk is missing (apt-get install -y wrk)" >&2; exit 2; }
work=$(mktemp -d)
pid=""
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
unset PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD DATABASE_URL
export RECS_SQLITE_PATH="$work/recs.db"
(cd "$work" && "$binary" import letterboxd-dataset "$data" > /dev/null 2>&1)
port=$((20000 + RANDOM % 20000))
(cd "$work" && exec "$binary" serve --urls "http://127.0.0.1:$port" --Recs:RefreshMinutes=0 \
  --Recs:RateLimitPermitsPerSecond=10000000 --Recs:RateLimitBurst=10000000 --Logging:LogLevel:Default=Warning \
  > "$work/serve.log" 2>&1) &
pid=$!
rss() { awk -v k="$1" '$1 == k":" { printf "%.0f", $2 / 1024 }' "/proc/$pid/status"; }
for _ in $(seq 1 1200); do
  health=$(curl -s --max-time 5 "http://127.0.0.1:$port/health" || true)
  if grep -q '"serving":true' <<< "$health" && grep -q '"training":"idle"' <<< "$health"; then break; fi
  sleep 0.5
done
grep -q '"serving":true' <<< "$health" || { echo "bench/ping-memory.sh: no trained model in time" >&2; exit 1; }
sleep 3
echo "trained, at rest:  VmRSS $(rss VmRSS) MB (first-start peak $(rss VmHWM) MB)"
wrk -t1 -c32 -d10s "http://127.0.0.1:$port/ping" | awk '/Requests\/sec/ { printf "10 s of /ping:     %.0f req/s\n", $2 }'
committed=$(curl -s "http://127.0.0.1:$port/api/memory" | grep -o '"committed_bytes":[0-9]*' | cut -d: -f2)
echo "after /ping:       VmRSS $(rss VmRSS) MB, collector committed $((committed / 1048576)) MB"
