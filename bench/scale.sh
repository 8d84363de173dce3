#!/usr/bin/env bash
# How the service scales with the data: for each size, `recs generate` writes a synthetic set with Letterboxd's
# shape, `recs import letterboxd-dataset` loads it into a fresh SQLite file (and into a scratch PostgreSQL database
# when PG* variables are set), and the AOT binary serves it on 127.0.0.1 while this script measures start-up,
# training, resident memory and a restart from the snapshot. Prints a Markdown table and appends it, with the machine
# and the command, to artifacts/scale/scale.md.
#
# Usage: bench/scale.sh [size …]          sizes: 1m 10m 40m (default: 1m 10m)
#   SKIP_PUBLISH=1     use artifacts/aot/recs as it is instead of publishing it first
#   REST_SECONDS=30    how long the trained service idles before its memory is read
#   TRAIN_LIMIT=1800   seconds from start to wait for the trained model; past it the row says "> TRAIN_LIMIT",
#                      memory is read while training runs and the restart is skipped
#   SEED=1             generator seed
#   OUT=…              where the table is appended (default artifacts/scale/scale.md)
#   PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE   also time the import into PostgreSQL: a database recs_scale_<pid>
#                      is created through them (the role needs CREATEDB) and dropped afterwards
# Bounded: every wait has a deadline, the service is stopped and the scratch folder removed on any exit.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
# The command as it can be re-run: the settings that change the figures, never the password.
command_line=""
for name in SKIP_PUBLISH REST_SECONDS TRAIN_LIMIT SEED PGHOST PGPORT PGUSER PGDATABASE; do
  [ -z "${!name:-}" ] || command_line+="$name=${!name} "
done
command_line+="bench/scale.sh $*"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1m 10m)
rest_seconds=${REST_SECONDS:-30}
train_limit=${TRAIN_LIMIT:-1800}
seed=${SEED:-1}
out=${OUT:-artifacts/scale/scale.md}
binary=$root/artifacts/aot/recs

# Users × films × ratings close to Letterboxd's (about 100 ratings per user), and the least free memory worth trying.
shape() {
  case "$1" in
    1m) echo "10000 10000 1000000 1" ;;
    10m) echo "100000 40000 10000000 4" ;;
    40m) echo "400000 60000 40000000 16" ;;
    *) echo "bench/scale.sh: unknown size '$1' (1m, 10m or 40m)" >&2; exit 2 ;;
  esac
}
for size in "${sizes[@]}"; do shape "$size" > /dev/null; done

pg=0
if [ -n "${PGHOST:-}${PGPORT:-}${PGUSER:-}${PGDATABASE:-}${PGPASSWORD:-}" ]; then
  command -v psql > /dev/null || { echo "bench/scale.sh: PG* is set but psql is missing" >&2; exit 2; }
  pg=1
fi
pg_scratch="recs_scale_$$"

work=$(mktemp -d)
pid=""
stop_service() {
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2> /dev/null || true
  for _ in $(seq 1 300); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  pid=""
}
cleanup() {
  stop_service
  [ "$pg" = 1 ] && psql -qAtc "DROP DATABASE IF EXISTS $pg_scratch" > /dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "${SKIP_PUBLISH:-0}" != 1 ]; then
  echo "scale: publishing the AOT binary" >&2
  mkdir -p artifacts
  dotnet publish src/Recs.Aot -c Release -r linux-x64 -o artifacts/aot -nologo > artifacts/aot-publish.log 2>&1 \
    || { cat artifacts/aot-publish.log; exit 1; }
fi
[ -x "$binary" ] || { echo "bench/scale.sh: $binary is missing; publish it or drop SKIP_PUBLISH" >&2; exit 2; }

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
mb() { awk -v k="$1" '$1 == k":" { printf "%.0f", $2 / 1024 }' "/proc/$pid/status"; }
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null || { echo "$port"; return; }
  done
}
# The SQLite store: none of the PostgreSQL settings may leak into the import or the service.
sqlite() { env -u PGHOST -u PGPORT -u PGUSER -u PGPASSWORD -u PGDATABASE -u DATABASE_URL RECS_SQLITE_PATH="$db" "$@"; }

# Polls "$@" every 0.1 s until it succeeds; returns 1 after $1 seconds of service time, exits when the service has.
wait_for() {
  local limit=$1 what=$2
  shift 2
  until "$@"; do
    if ! kill -0 "$pid" 2> /dev/null; then
      echo "scale: the service exited while waiting for $what; its log:" >&2; tail -20 "$log" >&2; exit 1
    fi
    if [ "$(since "$started" | cut -d. -f1)" -ge "$limit" ]; then
      echo "scale: no $what within ${limit}s of the start" >&2; return 1
    fi
    sleep 0.1
  done
}
# Every request has a deadline: a service starved of CPU must not stall the script.
get() { curl -s --max-time 5 "$@"; }
healthy() { [ "$(get -o /dev/null -w '%{http_code}' "$base/health")" = 200 ]; }
trained() { get "$base/health" | grep -q '"serving":true'; }
personalised() { get "$base/api/recomendacoes/$user?limit=10" | grep -Eq '"mode":"(computed|ultra_fast)"'; }

start_service() {
  port=$(free_port)
  base="http://127.0.0.1:$port"
  started=$(now)
  # Reloads are switched off so nothing but start-up reads the store while memory is measured.
  (cd "$work" && exec env -u PGHOST -u PGPORT -u PGUSER -u PGPASSWORD -u PGDATABASE -u DATABASE_URL \
    RECS_SQLITE_PATH="$db" "$binary" serve --urls "$base" --Recs:RefreshMinutes=0 --Recs:SnapshotPath="$snapshot" \
    >> "$log" 2>&1) &
  pid=$!
}

header="| size | users | films | ratings | generate s | import s | start-to-ready s | to-trained s | restart-with-snapshot s | RSS at rest MB | peak MB | bytes per rating | SQLite MB |"
rule="| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
if [ "$pg" = 1 ]; then
  header="$header import PostgreSQL s |"
  rule="$rule ---: |"
fi
rows=()
notes=()

for size in "${sizes[@]}"; do
  read -r users films ratings need_gb <<< "$(shape "$size")"
  available_gb=$(awk '$1 == "MemAvailable:" { printf "%d", $2 / 1048576 }' /proc/meminfo)
  if [ "$available_gb" -lt "$need_gb" ]; then
    echo "scale: $size skipped: ${available_gb} GB available, it wants ${need_gb} GB" >&2
    notes+=("- $size skipped: ${available_gb} GB of memory available, at least ${need_gb} GB wanted")
    continue
  fi
  data=$work/data-$size
  db=$work/recs-$size.db
  snapshot=$work/model-$size.snapshot
  log=$work/serve-$size.log
  user=u1

  echo "scale: $size: generating $users users × $films films, $ratings ratings" >&2
  t=$(now)
  "$binary" generate --users "$users" --films "$films" --ratings "$ratings" --seed "$seed" --out "$data" >&2
  generate_s=$(since "$t")

  echo "scale: $size: importing into SQLite" >&2
  t=$(now)
  (cd "$work" && sqlite "$binary" import letterboxd-dataset "$data" > "$work/import-$size.txt" 2> "$work/import-$size.err") \
    || { cat "$work/import-$size.err" >&2; exit 1; }
  import_s=$(since "$t")
  cat "$work/import-$size.txt" >&2
  sqlite_mb=$(du -m "$db" | cut -f1)

  pg_s=""
  if [ "$pg" = 1 ]; then
    echo "scale: $size: importing into PostgreSQL ($pg_scratch)" >&2
    psql -qAtc "DROP DATABASE IF EXISTS $pg_scratch" > /dev/null 2>&1
    psql -qAtc "CREATE DATABASE $pg_scratch" > /dev/null
    t=$(now)
    (cd "$work" && PGDATABASE=$pg_scratch "$binary" import letterboxd-dataset "$data" > /dev/null 2> "$work/import-pg-$size.err") \
      || { cat "$work/import-pg-$size.err" >&2; exit 1; }
    pg_s=$(since "$t")
    psql -qAtc "DROP DATABASE $pg_scratch" > /dev/null
  fi

  echo "scale: $size: serving (first start, no snapshot)" >&2
  start_service
  wait_for "$train_limit" "/health 200" healthy || { tail -20 "$log" >&2; exit 1; }
  ready_s=$(since "$started")
  restart_s="—"
  if wait_for "$train_limit" "trained model" trained; then
    trained_s=$(since "$started")
    wait_for $((train_limit + 600)) "snapshot on disk" test -s "$snapshot" || exit 1
    echo "scale: $size: ready ${ready_s}s, trained ${trained_s}s; idling ${rest_seconds}s before reading memory" >&2
    sleep "$rest_seconds"
  else
    trained_s="> $train_limit"
    notes+=("- $size: training had not finished ${train_limit} s after the start; memory was read while it ran, threads: $(awk '$1 == "Threads:" { print $2 }' "/proc/$pid/status")")
  fi
  rss_mb=$(mb VmRSS)
  peak_mb=$(mb VmHWM)
  # What the collector holds against what the model needs at that moment (GET /api/memory, bytes).
  memory_json=$(get "$base/api/memory" || true)
  echo "scale: $size: api/memory at rest: $memory_json" >&2
  [ -z "$memory_json" ] || notes+=("- $size: \`/api/memory\` at rest: \`$memory_json\`")
  bytes_per_rating=$(awk -v r="$rss_mb" -v n="$ratings" 'BEGIN { printf "%.0f", r * 1048576 / n }')
  stop_service

  if [ -s "$snapshot" ]; then
    echo "scale: $size: restarting with the snapshot" >&2
    start_service
    wait_for 1800 "personalised answer for $user" personalised || exit 1
    restart_s=$(since "$started")
    get "$base/health" | grep -q '"source":"snapshot"' \
      || notes+=("- $size: the restarted service did not serve the snapshot's model")
    stop_service
  fi
  for line in "model: .* ready (" "model: trained "; do
    grep -h "$line" "$log" | sed "s/^/    $size: /" >&2 || true
  done

  row="| $size | $users | $films | $ratings | $generate_s | $import_s | $ready_s | $trained_s | $restart_s | $rss_mb | $peak_mb | $bytes_per_rating | $sqlite_mb |"
  [ "$pg" = 1 ] && row="$row $pg_s |"
  rows+=("$row")
  rm -rf "$data" "$db" "$snapshot"
done

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
ram_gb=$(awk '$1 == "MemTotal:" { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
report=$(
  echo "### $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD 2> /dev/null || echo unknown)"
  echo
  echo "Machine: $(nproc) cores, $cpu, $ram_gb GB RAM; load average $load_before at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  echo "Command: \`$command_line\` (REST_SECONDS=$rest_seconds, SEED=$seed)."
  echo
  echo "$header"
  echo "$rule"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Seconds are wall-clock from exec: import until it exits; start-to-ready until /health answers 200; to-trained"
  echo "until /health reports the trained model serving; restart-with-snapshot until /api/recomendacoes/u1 answers"
  echo "computed. RSS at rest is VmRSS ${rest_seconds} s after the trained model serves; peak is VmHWM; bytes per rating"
  echo "is RSS at rest divided by the ratings."
  [ ${#notes[@]} -eq 0 ] || printf '%s\n' "" "${notes[@]}"
)
mkdir -p "$(dirname "$out")"
printf '%s\n\n' "$report" >> "$out"
echo "$report"
echo "scale: appended to $out" >&2
