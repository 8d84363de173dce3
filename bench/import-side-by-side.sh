#!/usr/bin/env bash
# Times `recs import letterboxd-dataset <dir>` with two binaries in alternating rounds (before, after, then after,
# before, …) so both see the same machine noise, through bench/import-times.sh (an empty store each time). Prints each
# run's stage lines as it goes, then a Markdown table: wall and CPU seconds, peak memory, the load average at the start.
#
# Usage: bench/import-side-by-side.sh <dir> <before-binary> <after-binary> [store …]
#   store: sqlite, postgres (default: sqlite, and postgres when PGHOST is set)
#   ROUNDS=2    rounds; each runs both binaries once per store
#   PGHOST PGPORT PGUSER PGPASSWORD   as for bench/import-times.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?usage: bench/import-side-by-side.sh <dir> <before-binary> <after-binary> [store …]}
before=${2:?before binary}
after=${3:?after binary}
shift 3
stores=("$@")
[ ${#stores[@]} -gt 0 ] || { stores=(sqlite); [ -z "${PGHOST:-}" ] || stores+=(postgres); }
rounds=${ROUNDS:-2}
rows=()
for round in $(seq 1 "$rounds"); do
  for store in "${stores[@]}"; do
    order=(before after)
    [ $((round % 2)) = 1 ] || order=(after before)
    for which in "${order[@]}"; do
      binary=$before
      [ "$which" = before ] || binary=$after
      load=$(cut -d' ' -f1 /proc/loadavg)
      echo "== round $round, $store, $which ($binary), load $load" >&2
      out=$(RECS=$binary bench/import-times.sh "$dir" "$store" 2>&1)
      echo "$out" | grep -E "stage|s wall|backends" >&2
      read -r wall user sys peak <<< "$(echo "$out" | awk '/ s wall, / { print $1, $4, $7, $10 }')"
      server=$(echo "$out" | awk '/PostgreSQL backends:/ { print $3 }')
      cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
      rows+=("| $round | $store | $which | $wall | $cpu | ${server:-—} | $((peak / 1024)) | $load |")
    done
  done
done
echo "Command: \`ROUNDS=$rounds bench/import-side-by-side.sh $dir $before $after ${stores[*]}\`"
echo
echo "| round | store | build | wall s | importer CPU s | PostgreSQL CPU s | peak MB | load at start |"
echo "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${rows[@]}"
