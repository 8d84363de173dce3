#!/usr/bin/env bash
# Recs against the original Flask service (../shared/peer/seed_flask.py) on the 1M-rating Letterboxd set: the same
# first-time, cached and unknown-user phases (loadtests/Recs.Load/CompareScenarios.cs), the same users and loads,
# each service alone on the machine in turn (the peer first, because its closed loops set the open rates both get).
# Writes the ratio table into docs/PERFORMANCE.md between the compare-seed markers, and both runs' reports to
# artifacts/load/compare-{peer,recs}.{md,json}.
# Bounded: everything listens on 127.0.0.1 only, the measured part is cut off after $LIMIT seconds (900), and every
# process the script started is stopped on exit. SKIP_PUBLISH=1 reuses artifacts/aot/recs.
# Exit code: 0 when every answer of both runs was the expected one, 1 otherwise, 2 when a service did not start.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
LIMIT=${LIMIT:-900}
PORT=${PORT:-18081}
PEER_PORT=${PEER_PORT:-15001}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
load="$root/loadtests/Recs.Load/bin/Release/net10.0/recs-load.dll"

# Publishing and building take minutes on a busy machine and measure nothing, so they run before the cap starts.
# timeout (without --foreground) signals the whole process group, so the services and the generator stop with it.
if [ -z "${COMPARE_CAPPED:-}" ]; then
  if [ "${SKIP_PUBLISH:-0}" != 1 ]; then
    dotnet publish src/Recs.Aot -c Release -r linux-x64 -o artifacts/aot -nologo -v quiet
  fi
  dotnet build loadtests/Recs.Load -c Release -nologo -v quiet
  COMPARE_CAPPED=1 exec timeout -k 20 "$LIMIT" "$root/loadtests/compare-seed.sh" "$@"
fi

recs="$root/artifacts/aot/recs"   # run where it was published: it loads libe_sqlite3.so from its own folder
peer_dir=$(realpath "${RECS_PEER_DIR:-../shared/peer}")
data=$(realpath "${RECS_DATA_DIR:-../shared/data}")/letterboxd-sdl60660-1m
[ -x "$recs" ] || { echo "compare-seed: $recs is missing; run without SKIP_PUBLISH=1" >&2; exit 2; }
[ -d "$data" ] || { echo "compare-seed: $data is missing" >&2; exit 2; }
command -v gunicorn > /dev/null || { echo "compare-seed: gunicorn is missing (apt-get install gunicorn python3-flask python3-sklearn python3-pandas python3-scipy)" >&2; exit 2; }

work=$(mktemp -d)
server=""
sampler=""
stop_server() {
  [ -n "$server" ] || return 0
  kill "$server" 2>/dev/null || true
  # gunicorn finishes in-flight requests for up to 30 s after TERM; a pipeline run is not worth waiting for.
  for _ in $(seq 1 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=""
}
cleanup() {
  stop_server
  # An if, not &&: under set -e a failed kill at the end of an && list would end the trap before the folder is removed.
  if [ -n "$sampler" ]; then kill "$sampler" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' TERM INT
unset PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD DATABASE_URL
mkdir -p artifacts/load

# Usernames in a fixed order: the first-time phase asks for them in this order, the cached phases for the first two.
zcat "$data/ratings.csv.gz" | tail -n +2 | cut -d, -f1 | LC_ALL=C sort -u > "$work/users.txt"

# The load average through the run, so the figures can be read against what else the machine did.
(while sleep 15; do cut -d' ' -f1 /proc/loadavg; done > "$work/loadavg.txt") &
sampler=$!

# Same generator options for both; only the first-time request count differs, because one peer pipeline run takes
# longer than the whole phase (see docs/PERFORMANCE.md, "Recs against the original service").
common=(--users "$work/users.txt" --films "$data/movies.csv" --connections 8 --closed-seconds 10 --open-seconds 20
  --warmup-seconds 2 --first-time-connections 2 --cached-users 2 --open-fraction 0.5 --timeout-seconds 600)

# The first request after start loads the data set (the peer reads it into pandas on first use); it is not measured.
prime() { curl -s -o /dev/null -m 300 "$1/api/recomendacoes/nobody_prime" || true; }

status=0
# --- the original Flask service, as its README deploys it: gunicorn, one worker, four threads ---
mkdir -p "$work/peer"
(cd "$work/peer" && /usr/bin/python3 "$peer_dir/seed_flask.py" import letterboxd-dataset "$data" > import.log 2>&1) \
  || { cat "$work/peer/import.log"; exit 2; }
(cd "$work/peer" && PYTHONPATH="$peer_dir" exec gunicorn -w 1 --threads 4 -b "127.0.0.1:$PEER_PORT" seed_flask:app > gunicorn.log 2>&1) &
server=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PEER_PORT/ping" > /dev/null && break; sleep 0.2; done
worker=$(pgrep -P "$server" | head -1 || true)
[ -n "$worker" ] || { cat "$work/peer/gunicorn.log"; echo "compare-seed: the peer did not start" >&2; exit 2; }
prime "http://127.0.0.1:$PEER_PORT"
peer_load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "compare-seed: peer (gunicorn $server, worker $worker), load average before: $peer_load_before" >&2
# The worker serves every request and holds the data; its resident memory is the peer's figure.
dotnet "$load" --compare peer --url "http://127.0.0.1:$PEER_PORT" --pid "$worker" "${common[@]}" --first-time-requests 2 \
  --markdown artifacts/load/compare-peer.md --json artifacts/load/compare-peer.json > /dev/null || status=$?
arbiter_rss=$(awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$server/status" 2>/dev/null || echo unknown)
stop_server
[ -s artifacts/load/compare-peer.json ] || { echo "compare-seed: the peer run wrote no report" >&2; exit 1; }

# The peer's closed loops chose the open rates; Recs gets the same ones.
rate_of() { jq -r --arg p "$1" '.phases[] | select(.name == $p) | .target' artifacts/load/compare-peer.json | cut -d' ' -f1; }
cached_rate=$(rate_of "open cached")
unknown_rate=$(rate_of "open unknown")

# --- Recs, Native AOT, on its own SQLite store (rate limiter raised: the point is the service, not the limiter) ---
mkdir -p "$work/recs/data"
export RECS_SQLITE_PATH="$work/recs/data/recs.db"
(cd "$work/recs" && "$recs" import letterboxd-dataset "$data" > import.log 2>&1) || { cat "$work/recs/import.log"; exit 2; }
(cd "$work/recs" && exec "$recs" serve --urls "http://127.0.0.1:$PORT" \
  --Recs:RateLimitPermitsPerSecond=10000000 --Recs:RateLimitBurst=10000000 --Logging:LogLevel:Default=Warning \
  > server.log 2>&1) &
server=$!
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/health" 2>/dev/null | grep -q '"serving":true' && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$PORT/health" | grep -q '"serving":true' || { cat "$work/recs/server.log"; echo "compare-seed: Recs never trained" >&2; exit 2; }
prime "http://127.0.0.1:$PORT"
recs_load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "compare-seed: Recs (pid $server), load average before: $recs_load_before" >&2
dotnet "$load" --compare recs --url "http://127.0.0.1:$PORT" --pid "$server" "${common[@]}" \
  --cached-rate "$cached_rate" --unknown-rate "$unknown_rate" \
  --markdown artifacts/load/compare-recs.md --json artifacts/load/compare-recs.json > /dev/null || status=$?
stop_server

dotnet "$load" ratio --recs artifacts/load/compare-recs.json --peer artifacts/load/compare-peer.json --markdown "$work/ratio.md" > /dev/null
kill "$sampler" 2>/dev/null || true
sampler=""
loads=$(sort -n "$work/loadavg.txt" | sed -n '1p;$p' | paste -sd- -)
machine_of() { jq -r '.machine' "artifacts/load/compare-$1.json" | sed 's/.*load average at the end //' | cut -d' ' -f1-3; }
{
  echo "$(date -u '+%Y-%m-%d %H:%M') UTC, commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src loadtests || echo ' (with uncommitted changes)'), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)); exit code $status."
  echo "Load average before the peer run $peer_load_before, before the Recs run $recs_load_before, ${loads:-not sampled} through the run (sampled every 15 s);"
  echo "at the end of each run: peer $(machine_of peer), Recs $(machine_of recs)."
  echo "Open rates chosen from the peer's closed loops: cached $cached_rate req/s, unknown user $unknown_rate req/s. The peer's gunicorn arbiter held another ${arbiter_rss} MB, not counted."
  echo
  echo '```'
  echo "loadtests/compare-seed.sh${SKIP_PUBLISH:+   # with SKIP_PUBLISH=$SKIP_PUBLISH}"
  echo '```'
  echo
  cat "$work/ratio.md"
} > "$work/block.md"
# Replace what lies between the markers and keep the rest of the document.
awk -v block="$work/block.md" '
  /<!-- compare-seed:begin -->/ { print; while ((getline line < block) > 0) print line; skipping = 1; next }
  /<!-- compare-seed:end -->/ { skipping = 0 }
  !skipping' docs/PERFORMANCE.md > "$work/PERFORMANCE.md"
grep -q '<!-- compare-seed:begin -->' docs/PERFORMANCE.md || { echo "compare-seed: docs/PERFORMANCE.md has no compare-seed markers" >&2; exit 1; }
cp "$work/PERFORMANCE.md" docs/PERFORMANCE.md
cat "$work/block.md"
echo "compare-seed: table written to docs/PERFORMANCE.md; reports in artifacts/load/compare-{peer,recs}.{md,json} (exit $status)" >&2
exit "$status"
