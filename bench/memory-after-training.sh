#!/usr/bin/env bash
# Resident memory of the AOT binary on the 1M-rating Letterboxd set, in the three states a deployment goes through:
# a first start (the store read, then the first training: when the trained model first serves, 75 s later, and the
# peak), a restart from the snapshots that start left, and a retrain of that restarted process (POST
# /api/admin/retrain; after it, and the process's peak). Prints /api/memory's breakdown after the first training.
# Traffic to 127.0.0.1 only; every wait has a deadline.
# Usage: bench/memory-after-training.sh [path/to/recs] [data folder]
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-artifacts/aot/recs}")
data=$(realpath "${2:-../shared/data/letterboxd-sdl60660-1m}")
work=$(mktemp -d)
pid=""
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
unset PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD DATABASE_URL
export RECS_SQLITE_PATH="$work/recs.db"
(cd "$work" && "$binary" import letterboxd-dataset "$data" > /dev/null 2>&1)
port=$((20000 + RANDOM % 20000))
rss() { awk -v k="$1" '$1 == k":" { printf "%.0f", $2 / 1024 }' "/proc/$pid/status"; }
# wait_for PATTERN [half-seconds]: until /health shows PATTERN; fails the run past the deadline (600 s by default).
wait_for() {
  for _ in $(seq 1 "${2:-1200}"); do
    if curl -s "http://127.0.0.1:$port/health" | grep -q "$1"; then return 0; fi
    sleep 0.5
  done
  echo "memory-after-training: no $1 on /health in time" >&2; return 1
}
serve() {
  (cd "$work" && exec "$binary" serve --urls "http://127.0.0.1:$port" --Recs:RefreshMinutes=0 >> "$work/serve.log" 2>&1) &
  pid=$!
  wait_for '"serving":true'
}

serve
echo "first start, trained model serving: VmRSS $(rss VmRSS) MB"
sleep 75
echo "75 s later:                         VmRSS $(rss VmRSS) MB"
echo "first start peak:                   VmHWM $(rss VmHWM) MB"
# What the collector holds against what the model needs (bytes; see README, GET /api/memory).
echo "api/memory:                         $(curl -s "http://127.0.0.1:$port/api/memory")"
kill "$pid"; wait "$pid" 2>/dev/null || true

serve
echo "restart from snapshots, serving:    VmRSS $(rss VmRSS) MB"
curl -s -X POST "http://127.0.0.1:$port/api/admin/retrain" > /dev/null
wait_for '"training":"training"' 60 || true
wait_for '"training":"idle"'
echo "after a retrain:                    VmRSS $(rss VmRSS) MB"
echo "restart and retrain peak:           VmHWM $(rss VmHWM) MB"
