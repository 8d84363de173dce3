#!/usr/bin/env bash
# What a full recommendation cache costs, two AOT binaries side by side on the 1M Letterboxd set (imported once into
# SQLite): each server computes and caches every user's list (GET /api/cache/{user}, 2 connections), then a closed loop
# (wrk, 32 connections) asks GET /api/recomendacoes/{user}?limit=20 of every user in turn — all cache hits — in
# alternating rounds so both see the same machine noise. Per round: requests per second and server CPU µs per request
# (/proc/<pid>/stat); at the end, each server's resident memory (VmRSS) and the collector's heap after its last
# collection (/api/memory). Needs wrk (Debian package). Traffic to 127.0.0.1 only; every wait has a deadline.
# Usage: bench/cache-cost.sh <before binary> <after binary> [rounds (default 4)] [seconds per round (default 8)]
set -euo pipefail
cd "$(dirname "$0")/.."
before=$(realpath "$1")
after=$(realpath "$2")
rounds=${3:-4}
seconds=${4:-8}
data=$(realpath "${RECS_DATA_DIR:-../shared/data}")/letterboxd-sdl60660-1m
command -v wrk > /dev/null || { echo "bench/cache-cost.sh: wrk is missing (apt-get install -y wrk)" >&2; exit 2; }
[ -d "$data" ] || { echo "bench/cache-cost.sh: $data is missing" >&2; exit 2; }
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
unset PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD DATABASE_URL
ticks=$(getconf CLK_TCK)
(cd "$work" && RECS_SQLITE_PATH="$work/recs.db" "$before" import letterboxd-dataset "$data" > import.log 2>&1)
zcat "$data/ratings.csv.gz" | tail -n +2 | cut -d, -f1 | sort -u > "$work/users.txt"
users=$(wc -l < "$work/users.txt")
cat > "$work/users.lua" <<EOF
local users = {}
for line in io.lines("$work/users.txt") do users[#users + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/recomendacoes/" .. users[(i % #users) + 1] .. "?limit=20")
end
EOF

# Serves a copy of the store from a folder of its own until the trained model serves; sets port and pid.
serve() {
  mkdir -p "$work/$1"
  cp "$work/recs.db" "$work/$1/recs.db"
  port=$((20000 + RANDOM % 20000))
  (cd "$work/$1" && exec env RECS_SQLITE_PATH="$work/$1/recs.db" "$2" serve --urls "http://127.0.0.1:$port" \
    --Recs:RefreshMinutes=0 --Recs:RateLimitPermitsPerSecond=10000000 --Recs:RateLimitBurst=10000000 \
    --Logging:LogLevel:Default=Warning > "$work/$1/serve.log" 2>&1) &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 600); do
    if curl -s --max-time 5 "http://127.0.0.1:$port/health" | grep -q '"training":"idle"' \
      && curl -s --max-time 5 "http://127.0.0.1:$port/health" | grep -q '"serving":true'; then
      xargs -P 2 -I{} curl -s -o /dev/null --max-time 10 "http://127.0.0.1:$port/api/cache/{}" < "$work/users.txt"
      return 0
    fi
    sleep 0.5
  done
  echo "bench/cache-cost.sh: no trained model in time ($1)" >&2; exit 1
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
memory() {
  curl -s --max-time 5 "http://127.0.0.1:$1/api/memory" | python3 -c 'import json, sys
d = json.load(sys.stdin)
print("%.1f MB heap after the last collection, %d entries" % (d["gc"]["heap_size_bytes"] / 2**20, d["cache"]["entries"]))'
}

serve before "$before"; before_port=$port; before_pid=$pid
serve after "$after"; after_port=$port; after_pid=$pid
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $users users cached by each server"
echo "| round | binary | req/s | server CPU µs/request |"
echo "|---:|---|---:|---:|"
for round in $(seq 1 "$rounds"); do
  for side in before after; do
    if [ $side = before ]; then p=$before_port; s=$before_pid; else p=$after_port; s=$after_pid; fi
    c0=$(cpu_ticks $s)
    out=$(wrk -t1 -c32 -d"${seconds}s" -s "$work/users.lua" "http://127.0.0.1:$p")
    c1=$(cpu_ticks $s)
    n=$(echo "$out" | awk '/requests in/ { print $1 }')
    rate=$(echo "$out" | awk '/Requests\/sec/ { printf "%.0f", $2 }')
    awk -v r="$round" -v side="$side" -v rate="$rate" -v n="$n" -v c="$((c1 - c0))" -v t="$ticks" \
      'BEGIN { printf "| %d | %s | %d | %.0f |\n", r, side, rate, c / t * 1e6 / n }'
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
for side in before after; do
  if [ $side = before ]; then p=$before_port; s=$before_pid; else p=$after_port; s=$after_pid; fi
  echo "$side: VmRSS $(awk '/VmRSS/ { printf "%.1f MB", $2 / 1024 }' "/proc/$s/status"), $(memory "$p")"
done
