#!/usr/bin/env bash
# What a full recommendation cache costs, two AOT binaries side by side on the 1M Letterboxd set (imported once into
# SQLite): each server computes and caches every user's list (GET /api/cache/{user}, 2 connections), then a closed loop
# (wrk, 32 connections) asks GET /api/recomendacoes/{user}?limit=20 of every user in turn — all cache hits — in
# alternating rounds so both see the same machine noise (bench/side-by-side.sh). Per round: requests per second and
# server CPU µs per request (/proc/<pid>/stat); at the end, each server's resident memory (VmRSS) and the collector's
# heap after its last collection (/api/memory). Needs wrk (Debian package). Traffic to 127.0.0.1 only; every wait has
# a deadline.
# Usage: bench/cache-cost.sh <before binary> <after binary> [rounds (default 4)] [seconds per round (default 8)]
set -euo pipefail
cd "$(dirname "$0")/.."
name=bench/cache-cost.sh
before=$(realpath "$1")
after=$(realpath "$2")
rounds=${3:-4}
seconds=${4:-8}
source bench/side-by-side.sh

# Computes and caches every user's list on the server at port $1.
cache_everyone() {
  xargs -P 2 -I{} curl -s -o /dev/null --max-time 10 "http://127.0.0.1:$1/api/cache/{}" < "$work/users.txt"
}
memory() {
  curl -s --max-time 5 "http://127.0.0.1:$1/api/memory" | python3 -c 'import json, sys
d = json.load(sys.stdin)
print("%.1f MB heap after the last collection, %d entries" % (d["gc"]["heap_size_bytes"] / 2**20, d["cache"]["entries"]))'
}

side_by_side_start
user_cycle /api/recomendacoes/ "?limit=20"
serve_both cache_everyone
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(wc -l < "$work/users.txt") users cached by each server"
alternate_rounds 32
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
for side in before after; do
  if [ $side = before ]; then p=$before_port; s=$before_pid; else p=$after_port; s=$after_pid; fi
  echo "$side: VmRSS $(awk '/VmRSS/ { printf "%.1f MB", $2 / 1024 }' "/proc/$s/status"), $(memory "$p")"
done
