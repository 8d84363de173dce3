#!/usr/bin/env bash
# Where the server's CPU goes per cached request with metrics on: the AOT binary served on the demo catalogue, a wrk
# closed loop of one cached recommendation (32 connections), and perf sampling the server meanwhile (499 Hz, call
# graphs). Prints the request rate, the sampled CPU µs a request, and the µs a request spent in code that records
# metrics (self time of Recs' Observability, OpenTelemetry and System.Diagnostics.Metrics symbols). The report stays in
# a temporary folder whose name is printed (perf report -i <folder>/perf.data). Needs wrk and perf; traffic to
# 127.0.0.1 only; every wait has a deadline.
# Usage: bench/metrics-profile.sh [path/to/recs] [seconds sampled (default 15)] [metrics: true|false (default true)]
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-artifacts/aot/recs}")
seconds=${2:-15}
metrics=${3:-true}
for tool in wrk perf; do command -v $tool > /dev/null || { echo "bench/metrics-profile.sh: $tool is missing" >&2; exit 2; }; done
work=$(mktemp -d)
unset PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD DATABASE_URL
port=$((20000 + RANDOM % 20000))
url="http://127.0.0.1:$port/api/recomendacoes/demo_042?limit=20"
(cd "$work" && exec env RECS_SQLITE_PATH="$work/recs.db" "$binary" serve --demo --urls "http://127.0.0.1:$port" \
  --Recs:Metrics="$metrics" --Recs:RefreshMinutes=0 --Recs:RateLimitPermitsPerSecond=10000000 --Recs:RateLimitBurst=10000000 \
  --Logging:LogLevel:Default=Warning > "$work/serve.log" 2>&1) &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -s --max-time 5 "http://127.0.0.1:$port/health" | grep -q '"serving":true' && break
  sleep 0.5
done
curl -sf "$url" > /dev/null || { echo "bench/metrics-profile.sh: the server did not answer" >&2; exit 1; }
# A warm-up, then a loop longer than the sampling so the sampled seconds are all under load.
wrk -t1 -c32 -d5s "$url" > /dev/null
wrk -t1 -c32 -d"$((seconds + 5))s" "$url" > "$work/wrk.out" &
load=$!
sleep 2
perf record -F 499 -g -p "$pid" -o "$work/perf.data" -- sleep "$seconds" > /dev/null 2>&1
wait $load
rate=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$work/wrk.out")
perf report -i "$work/perf.data" --no-children --sort symbol --stdio -g none -F sample,sym 2>/dev/null \
  | awk -v rate="$rate" -v s="$seconds" '
      /^ *[0-9]+ / { total += $1; if ($0 ~ /Observability|OpenTelemetry|Diagnostics_Metrics/) metric += $1 }
      END {
        n = rate * s; us = 1e6 / 499 / n
        printf "metrics %s, %d requests/s, sampled CPU %.1f µs a request, recording metrics %.2f µs a request (%.1f %%)\n",
          "'"$metrics"'", rate, total * us, metric * us, 100 * metric / total
      }'
echo "perf data: $work/perf.data"
