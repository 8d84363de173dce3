#!/usr/bin/env bash
# Times `recs import letterboxd-dataset <dir>` into an empty store: a fresh SQLite file, and a scratch PostgreSQL
# database when PG* variables are set. Prints wall, user and system seconds and peak resident memory of the importer,
# the CPU seconds of the PostgreSQL backends serving it, and the load average before and after (the figures of a
# shared machine mean little without it).
#
# Usage: bench/import-times.sh <dir> [sqlite] [postgres]     (default: both stores, PostgreSQL only with PG* set)
#   RECS="dotnet src/Recs.Aot/bin/Release/net10.0/recs.dll"   the importer to time (default artifacts/aot/recs)
#   PGHOST PGPORT PGUSER PGPASSWORD   the server; the database recs_import_<pid> is created (role needs CREATEDB)
#                                     and dropped afterwards
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?usage: bench/import-times.sh <dir> [sqlite] [postgres]}
shift
stores=("$@")
[ ${#stores[@]} -gt 0 ] || { stores=(sqlite); [ -z "${PGHOST:-}" ] || stores+=(postgres); }
read -r -a recs <<< "${RECS:-artifacts/aot/recs}"
scratch=$(mktemp -d)
pg_db=recs_import_$$
poller=""
cleanup() {
  [ -z "$poller" ] || kill "$poller" 2>/dev/null || true
  rm -rf "$scratch"
  [ -z "${PGHOST:-}" ] || psql -d postgres -qAtc "DROP DATABASE IF EXISTS $pg_db" >/dev/null 2>&1 || true
}
trap cleanup EXIT

for store in "${stores[@]}"; do
  echo "== $store: $dir, load $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ "$store" = postgres ]; then
    PGOPTIONS="-c client_min_messages=warning" psql -d postgres -qAtc "DROP DATABASE IF EXISTS $pg_db" -c "CREATE DATABASE $pg_db"
    # Backends show their database in the process title; their CPU time is summed from the last sample of each.
    ( while true; do ps -eo pid=,times=,args= | awk -v db="$pg_db" '$0 ~ "postgres: .* " db " " {print $1, $2}'; sleep 1; done ) > "$scratch/pg-cpu" &
    poller=$!
    env PGDATABASE=$pg_db /usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB peak" "${recs[@]}" import letterboxd-dataset "$dir" 2>&1 | grep -v "rows read"
    kill "$poller"; poller=""
    echo "PostgreSQL backends: $(awk '{ if ($2 > cpu[$1]) cpu[$1] = $2 } END { t = 0; for (p in cpu) t += cpu[p]; print t }' "$scratch/pg-cpu") s CPU"
    psql -d postgres -qAtc "DROP DATABASE IF EXISTS $pg_db"
  else
    env -u PGHOST -u PGPORT -u PGUSER -u PGPASSWORD -u PGDATABASE -u DATABASE_URL RECS_SQLITE_PATH="$scratch/recs.db" \
      /usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB peak" "${recs[@]}" import letterboxd-dataset "$dir" 2>&1 | grep -v "rows read"
    echo "SQLite file: $(du -m "$scratch/recs.db" | cut -f1) MB"
    rm -f "$scratch"/recs.db*
  fi
  echo "   load after $(cut -d' ' -f1-3 /proc/loadavg)"
done
