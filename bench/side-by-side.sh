# Shared by the scripts that compare two AOT binaries side by side on the 1M Letterboxd set (bench/computed-cost.sh,
# bench/cache-cost.sh); sourced, not run. Imports the set once into SQLite, serves a copy of it with each binary, and
# sends the same closed loop (wrk, every user in turn) to both in alternating rounds so both see the same machine
# noise. Traffic to 127.0.0.1 only; every wait has a deadline.
# The sourcing script sets `name` (for messages), `before`, `after`, `rounds` and `seconds`, then calls
# side_by_side_start, serve_both and alternate_rounds.

# Imports the data set, lists its users and removes everything (servers included) on exit.
side_by_side_start() {
  data=$(realpath "${RECS_DATA_DIR:-../shared/data}")/letterboxd-sdl60660-1m
  command -v wrk > /dev/null || { echo "$name: wrk is missing (apt-get install -y wrk)" >&2; exit 2; }
  [ -d "$data" ] || { echo "$name: $data is missing" >&2; exit 2; }
  work=$(mktemp -d)
  pids=()
  trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
  unset PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD DATABASE_URL
  ticks=$(getconf CLK_TCK)
  (cd "$work" && RECS_SQLITE_PATH="$work/recs.db" "$before" import letterboxd-dataset "$data" > import.log 2>&1)
  zcat "$data/ratings.csv.gz" | tail -n +2 | cut -d, -f1 | sort -u > "$work/users.txt"
}

# A wrk script asking for "$1{user}$2" of every user in turn.
user_cycle() {
  cat > "$work/users.lua" <<EOF
local users = {}
for line in io.lines("$work/users.txt") do users[#users + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "$1" .. users[(i % #users) + 1] .. "$2")
end
EOF
}

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
      return 0
    fi
    sleep 0.5
  done
  echo "$name: no trained model in time ($1)" >&2; exit 1
}

# Serves both binaries; after each is ready, runs the optional hook "$1 <port>" (e.g. to fill its cache).
serve_both() {
  serve before "$before"; before_port=$port; before_pid=$pid
  [ -z "${1:-}" ] || "$1" "$before_port"
  serve after "$after"; after_port=$port; after_pid=$pid
  [ -z "${1:-}" ] || "$1" "$after_port"
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# Alternating rounds of the wrk script over "$1" connections: requests per second and server CPU µs per request.
alternate_rounds() {
  echo "| round | binary | req/s | server CPU µs/request |"
  echo "|---:|---|---:|---:|"
  for round in $(seq 1 "$rounds"); do
    for side in before after; do
      if [ $side = before ]; then p=$before_port; s=$before_pid; else p=$after_port; s=$after_pid; fi
      c0=$(cpu_ticks $s)
      out=$(wrk -t1 -c"$1" -d"${seconds}s" -s "$work/users.lua" "http://127.0.0.1:$p")
      c1=$(cpu_ticks $s)
      n=$(echo "$out" | awk '/requests in/ { print $1 }')
      rate=$(echo "$out" | awk '/Requests\/sec/ { printf "%.0f", $2 }')
      awk -v r="$round" -v side="$side" -v rate="$rate" -v n="$n" -v c="$((c1 - c0))" -v t="$ticks" \
        'BEGIN { printf "| %d | %s | %d | %.0f |\n", r, side, rate, c / t * 1e6 / n }'
    done
  done
}
