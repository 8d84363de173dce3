#!/usr/bin/env bash
# Runs every test: starts (installing if needed) a local PostgreSQL, installs Debian's Chromium for the page tests if
# needed, then `dotnet test` over the solution.
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter "FullyQualifiedName~Storage".
set -euo pipefail
cd "$(dirname "$0")"

./scripts/postgres-for-tests.sh
./scripts/chromium-for-tests.sh
export RECS_TEST_PG="Host=127.0.0.1;Port=5432;Username=${PGTEST_USER:-recs};Password=${PGTEST_PASSWORD:-recs};Database=${PGTEST_DB:-recs_test}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Publish the AOT binary first: the build fails on any trim/AOT warning, and the AOT tests run this exact binary.
mkdir -p artifacts
if ! dotnet publish src/Recs.Aot -c Release -r linux-x64 -o artifacts/aot -nologo > artifacts/aot-publish.log 2>&1; then
  cat artifacts/aot-publish.log; exit 1
fi
if grep -E '\bIL[23][0-9]{3}\b' artifacts/aot-publish.log; then
  echo "test.sh: the AOT publish has trim/AOT warnings (above)"; exit 1
fi
export RECS_AOT_BINARY="$PWD/artifacts/aot/recs"

# The whole log goes to artifacts/test.log; a failure is repeated at the end, where a truncated CI log still shows it.
status=0
dotnet test Recs.sln -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee artifacts/test.log || status=$?
if [ "$status" -ne 0 ]; then
  echo "test.sh: failed tests (full log in artifacts/test.log):"
  grep -E -A 25 '^\s+Failed [A-Za-z]' artifacts/test.log | grep -v -E '^\s+(Passed|Skipped) ' | head -150 || true
fi
exit "$status"
