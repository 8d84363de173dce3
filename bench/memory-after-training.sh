#!/usr/bin/env bash
# Resident memory of the AOT binary on the 1M-rating Letterboxd set: when the trained model first serves, 75 s later,
# and the peak (VmHWM), then /api/memory's breakdown. Usage: bench/memory-after-training.sh [path/to/recs] [data folder]
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-artifacts/aot/recs}")
data=$(realpath "${2:-../shared/data/letterboxd-sdl60660-1m}")
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
unset PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD DATABASE_URL
export RECS_SQLITE_PATH="$work/recs.db"
(cd "$work" && "$binary" import letterboxd-dataset "$data" > /dev/null)
port=$((20000 + RANDOM % 20000))
(cd "$work" && exec "$binary" serve --urls "http://127.0.0.1:$port" --Recs:RefreshMinutes=0 > "$work/serve.log" 2>&1) &
pid=$!
rss() { awk -v k="$1" '$1 == k":" { printf "%.0f", $2 / 1024 }' "/proc/$pid/status"; }
for _ in $(seq 1 600); do
  if curl -s "http://127.0.0.1:$port/health" | grep -q '"serving":true'; then break; fi
  sleep 0.5
done
echo "trained model serving: VmRSS $(rss VmRSS) MB"
sleep 75
echo "75 s later:            VmRSS $(rss VmRSS) MB"
echo "peak:                  VmHWM $(rss VmHWM) MB"
# What the collector holds against what the model needs (bytes; see README, GET /api/memory).
echo "api/memory:            $(curl -s "http://127.0.0.1:$port/api/memory")"
