#!/usr/bin/env bash
# Resident memory and request rate of the AOT binary under 32 connections of /ping, then of one cached
# recommendation, for young-generation budgets given in hexadecimal bytes (the runtime's DOTNET_GCgen0size), each
# started fresh on the 1M Letterboxd set restarted from its snapshots. Needs wrk (Debian package). Traffic to
# 127.0.0.1 only; every wait has a deadline.
# Usage: bench/gen0-budget.sh [path/to/recs] [budget …]      (default budgets: 200000 800000 200000 800000)
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-artifacts/aot/recs}")
shift || true
budgets=("$@")
[ ${#budgets[@]} -gt 0 ] || budgets=(200000 800000 200000 800000)
data=$(realpath ../shared/data/letterboxd-sdl60660-1m)
command -v wrk > /dev/null || { echo "bench/gen0-budget.sh: wrk is missing (apt-get install -y wrk)" >&2; exit 2; }
work=$(mktemp -d)
pid=""
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
unset PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD DATABASE_URL
export RECS_SQLITE_PATH="$work/recs.db"
(cd "$work" && "$binary" import letterboxd-dataset "$data" > /dev/null 2>&1)
mb() { awk -v k="$1" '$1 == k":" { printf "%.0f", $2 / 1024 }' "/proc/$pid/status"; }
serve() {
  port=$((20000 + RANDOM % 20000))
  (cd "$work" && exec env "$@" "$binary" serve --urls "http://127.0.0.1:$port" --Recs:RefreshMinutes=0 \
    --Recs:RateLimitPermitsPerSecond=1000000 --Recs:RateLimitBurst=1000000 >> "$work/serve.log" 2>&1) &
  pid=$!
  for _ in $(seq 1 1200); do
    if curl -s --max-time 5 "http://127.0.0.1:$port/health" | grep -q '"serving":true'; then return 0; fi
    sleep 0.5
  done
  echo "bench/gen0-budget.sh: no trained model in time" >&2; exit 1
}
# The first start trains and leaves the snapshots every measured start then serves from.
serve X=1
# One person of the set, for the cached phase (their list is computed on the first request, then cached).
user=$(zcat "$data/ratings.csv.gz" | sed -n 2p | cut -d, -f1)
kill "$pid"; wait "$pid" 2> /dev/null || true
echo "| gen0 budget | idle MB | after /ping MB | after cached MB | peak MB | /ping req/s | cached req/s |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for budget in "${budgets[@]}"; do
  serve DOTNET_GCgen0size="$budget"
  idle=$(mb VmRSS)
  ping=$(wrk -t1 -c32 -d8s "http://127.0.0.1:$port/ping" | awk '/Requests\/sec/ { printf "%.0f", $2 }')
  after_ping=$(mb VmRSS)
  cached=$(wrk -t1 -c32 -d8s "http://127.0.0.1:$port/api/recomendacoes/$user?limit=20" | awk '/Requests\/sec/ { printf "%.0f", $2 }')
  echo "| 0x$budget | $idle | $after_ping | $(mb VmRSS) | $(mb VmHWM) | $ping | $cached |"
  kill "$pid"; wait "$pid" 2> /dev/null || true
done
