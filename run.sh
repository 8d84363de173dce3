#!/usr/bin/env bash
# Builds the Native AOT binary (once) and runs the service on http://127.0.0.1:8080.
# With no PG*/DATABASE_URL variables it uses the embedded SQLite store in ./data and seeds demo data when empty.
# Extra arguments go to `recs serve`, e.g. ./run.sh --urls http://0.0.0.0:9000
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

binary=artifacts/aot/recs
if [ ! -x "$binary" ] || [ -n "$(find src Directory.Build.props Directory.Packages.props -newer "$binary" -type f 2>/dev/null | head -1)" ]; then
  echo "run.sh: publishing the Native AOT binary (about a minute the first time)" >&2
  dotnet publish src/Recs.Aot -c Release -r linux-x64 -o artifacts/aot -nologo -v quiet >&2
fi
mkdir -p data
exec "$binary" serve --demo "$@"
