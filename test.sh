#!/usr/bin/env bash
# Runs every test: starts (installing if needed) a local PostgreSQL, then `dotnet test` over the solution.
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter "FullyQualifiedName~Storage".
set -euo pipefail
cd "$(dirname "$0")"

./scripts/postgres-for-tests.sh
export RECS_TEST_PG="Host=127.0.0.1;Port=5432;Username=${PGTEST_USER:-recs};Password=${PGTEST_PASSWORD:-recs};Database=${PGTEST_DB:-recs_test}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet test Recs.sln -c Release --logger "console;verbosity=normal" "$@"
