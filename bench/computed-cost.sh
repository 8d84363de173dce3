#!/usr/bin/env bash
# CPU of one computed recommendation list, two AOT binaries side by side: both serve the same copy of the 1M
# Letterboxd set (imported once into SQLite), and the same closed loop (wrk, 2 connections) sends
# GET /api/cache/{user} — a fresh top-100 list with its reasons, computed on every request — over every user in turn,
# to each server in alternating rounds so both see the same machine noise (bench/side-by-side.sh). Per round: requests
# per second and server CPU µs per request (/proc/<pid>/stat). Needs wrk (Debian package). Traffic to 127.0.0.1 only;
# every wait has a deadline.
# Usage: bench/computed-cost.sh <before binary> <after binary> [rounds (default 4)] [seconds per round (default 8)]
set -euo pipefail
cd "$(dirname "$0")/.."
name=bench/computed-cost.sh
before=$(realpath "$1")
after=$(realpath "$2")
rounds=${3:-4}
seconds=${4:-8}
source bench/side-by-side.sh

side_by_side_start
user_cycle /api/cache/ ""
serve_both
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
alternate_rounds 2
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
