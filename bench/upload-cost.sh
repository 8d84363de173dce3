#!/usr/bin/env bash
# Server CPU, allocated bytes and resident memory of ratings uploads on the 1M-rating Letterboxd set: the AOT binary
# serves a SQLite copy of the set from its snapshots (trained once, on the first run, and kept under
# artifacts/upload-cost/base), then receives N uploads (default 50) one at a time, each a new person with about 600
# ratings of catalogue films named by their letterboxd.com/film/ pages, as the load suite sends.
# CPU is utime+stime from /proc/<pid>/stat (10 ms ticks, so only the total over all uploads is exact); allocated
# bytes are total_allocated_bytes of GET /api/memory; VmRSS (anonymous and file-backed) from /proc/<pid>/status and
# the GC heap and committed bytes from /api/memory. Traffic to 127.0.0.1 only.
# Usage: bench/upload-cost.sh [path/to/recs] [uploads]
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-artifacts/aot/recs}")
uploads=${2:-50}
data=$(realpath "${RECS_DATA_DIR:-../shared/data}")/letterboxd-sdl60660-1m
[ -d "$data" ] || { echo "upload-cost: $data is missing" >&2; exit 2; }
base=artifacts/upload-cost/base
work=$(mktemp -d)
pid=""
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
unset PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD DATABASE_URL
port=$((20000 + RANDOM % 20000))
url="http://127.0.0.1:$port"

wait_for() {
  for _ in $(seq 1 1200); do
    if curl -s "$url/health" | grep -q "$1"; then return 0; fi
    sleep 0.5
  done
  echo "upload-cost: no $1 on /health in time" >&2; return 1
}
serve() {
  (cd "$1" && RECS_SQLITE_PATH="$1/data/recs.db" exec "$binary" serve --urls "$url" --Recs:RefreshMinutes=0 \
    --Logging:LogLevel:Default=Warning >> "$1/serve.log" 2>&1) &
  pid=$!
  wait_for '"serving":true'
}

if [ ! -f "$base/data/model.snapshot" ]; then
  echo "upload-cost: first run, importing and training once into $base" >&2
  rm -rf "$base"; mkdir -p "$base/data"
  base=$(realpath "$base")
  (cd "$base" && RECS_SQLITE_PATH="$base/data/recs.db" "$binary" import letterboxd-dataset "$data" > import.log 2>&1)
  serve "$base"
  sleep 5  # the snapshots are written right after the model serves
  kill "$pid"; wait "$pid" 2>/dev/null || true
fi
cp -r "$(realpath "$base")/data" "$work/data"

# Upload i rates every film whose line number l has (l * 7 + i) % 12 == 0: about 620 of the 7,472, half stars.
for i in $(seq 1 "$uploads"); do
  awk -F, -v i="$i" 'NR == 1 { print "Date,Name,Year,Letterboxd URI,Rating"; next }
    (NR * 7 + i) % 12 == 0 { printf "2024-03-01,%s,,https://letterboxd.com/film/%s/,%.1f\n", $1, $1, (1 + (NR + i) % 10) / 2 }' \
    "$data/movies.csv" > "$work/upload-$i.csv"
done

serve "$work"
sleep 2
ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
allocated() { curl -s "$url/api/memory" | sed -E 's/.*"total_allocated_bytes":([0-9]+).*/\1/'; }
# VmRSS, and its anonymous part (heaps) and file-backed part (the binary, and SQLite's pages when it maps the file).
rss() { awk '$1 == "VmRSS:" { v = $2 } $1 == "RssAnon:" { a = $2 } $1 == "RssFile:" { f = $2 }
  END { printf "%.1f (anonymous %.1f, file %.1f)", v / 1024, a / 1024, f / 1024 }' "/proc/$pid/status"; }
hz=$(getconf CLK_TCK)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
gc() { curl -s "$url/api/memory" | sed -E 's/.*"gc_heap_bytes":([0-9]+).*"committed_bytes":([0-9]+).*/GC heap \1 B, committed \2 B/'; }
echo "serving from snapshots: VmRSS $(rss) MB; $(gc)"
cpu0=$(ticks); alloc0=$(allocated); wall0=$(date +%s%N)
statuses=""
for i in $(seq 1 "$uploads"); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: text/csv' --data-binary "@$work/upload-$i.csv" \
    "$url/api/users/upload_cost_$i/ratings")
  statuses="$statuses $code"
done
cpu1=$(ticks); alloc1=$(allocated); wall1=$(date +%s%N)
echo "statuses:$statuses" | tr ' ' '\n' | sort | uniq -c | tr '\n' ' '; echo
echo "after $uploads uploads: VmRSS $(rss) MB; $(gc)"
awk -v c=$((cpu1 - cpu0)) -v a=$((alloc1 - alloc0)) -v w=$((wall1 - wall0)) -v n="$uploads" -v hz="$hz" 'BEGIN {
  printf "per upload: %.1f ms server CPU, %.0f KB allocated, %.1f ms wall (client included)\n", c * 1000 / hz / n, a / 1024 / n, w / 1e6 / n }'
sleep 10
echo "10 s later: VmRSS $(rss) MB"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
