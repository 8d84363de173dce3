#!/usr/bin/env bash
# What /metrics costs the cached path: the AOT binary served twice on the demo catalogue, with metrics collected
# (Recs:Metrics=true, the default) and without (Recs:Metrics=false), and the same closed loop of one cached
# recommendation (wrk, 32 connections) sent to each in turn, alternating rounds so both see the same machine noise.
# Per round: requests per second, server CPU µs per request (/proc/<pid>/stat) and bytes the server allocated per
# request (total_allocated_bytes of /api/memory before and after). Needs wrk (Debian package). Traffic to 127.0.0.1
# only; every wait has a deadline.
# Usage: bench/metrics-cost.sh [path/to/recs] [rounds (default 4)] [seconds per round (default 10)]
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-artifacts/aot/recs}")
rounds=${2:-4}
seconds=${3:-10}
command -v wrk > /dev/null || { echo "bench/metrics-cost.sh: wrk is missing (apt-get install -y wrk)" >&2; exit 2; }
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
unset PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD DATABASE_URL
ticks=$(getconf CLK_TCK)
user=demo_042

# Starts a server with metrics on or off in a folder of its own; sets port and pid.
serve() {
  mkdir -p "$work/$1"
  port=$((20000 + RANDOM % 20000))
  (cd "$work/$1" && exec env RECS_SQLITE_PATH="$work/$1/recs.db" "$binary" serve --demo --urls "http://127.0.0.1:$port" \
    --Recs:Metrics="$1" --Recs:RefreshMinutes=0 --Recs:RateLimitPermitsPerSecond=10000000 --Recs:RateLimitBurst=10000000 \
    --Logging:LogLevel:Default=Warning > "$work/$1/serve.log" 2>&1) &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 600); do
    if curl -s --max-time 5 "http://127.0.0.1:$port/health" | grep -q '"serving":true'; then
      curl -sf "http://127.0.0.1:$port/api/recomendacoes/$user" > /dev/null
      return 0
    fi
    sleep 0.5
  done
  echo "bench/metrics-cost.sh: no trained model in time ($1)" >&2; exit 1
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
allocated() { curl -sf "http://127.0.0.1:$1/api/memory" | grep -o '"total_allocated_bytes":[0-9]*' | cut -d: -f2; }

serve true; on_port=$port; on_pid=$pid
serve false; off_port=$port; off_pid=$pid
scrape=$(curl -sf "http://127.0.0.1:$on_port/metrics")
grep -q '^recs_recommendations_total' <<< "$scrape" || { echo "bench/metrics-cost.sh: /metrics is not answering" >&2; exit 1; }
curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$off_port/metrics" | grep -q 404 || { echo "bench/metrics-cost.sh: metrics are not off" >&2; exit 1; }

# An unreported round each first: a JIT build tiers up, and both servers' pools and connections settle.
for p in $on_port $off_port; do wrk -t1 -c32 -d"${seconds}s" "http://127.0.0.1:$p/api/recomendacoes/$user?limit=20" > /dev/null; done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| round | metrics | req/s | server CPU µs/request | allocated B/request |"
echo "|---:|---|---:|---:|---:|"
for round in $(seq 1 "$rounds"); do
  for side in on off; do
    if [ $side = on ]; then p=$on_port; s=$on_pid; else p=$off_port; s=$off_pid; fi
    a0=$(allocated $p); c0=$(cpu_ticks $s)
    out=$(wrk -t1 -c32 -d"${seconds}s" "http://127.0.0.1:$p/api/recomendacoes/$user?limit=20")
    c1=$(cpu_ticks $s); a1=$(allocated $p)
    n=$(echo "$out" | awk '/requests in/ { print $1 }')
    rate=$(echo "$out" | awk '/Requests\/sec/ { printf "%.0f", $2 }')
    awk -v r="$round" -v side="$side" -v rate="$rate" -v n="$n" -v c="$((c1 - c0))" -v t="$ticks" -v a="$((a1 - a0))" \
      'BEGIN { printf "| %d | %s | %d | %.1f | %.1f |\n", r, side, rate, c / t * 1e6 / n, a / n }'
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
