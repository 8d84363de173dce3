#!/usr/bin/env bash
# Makes sure a local PostgreSQL server is installed, running on 127.0.0.1:5432, and holds the
# role and database the tests use. Installs Debian's package when it is missing. Idempotent.
set -euo pipefail

PGTEST_USER=${PGTEST_USER:-recs}
PGTEST_PASSWORD=${PGTEST_PASSWORD:-recs}
PGTEST_DB=${PGTEST_DB:-recs_test}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sudo -u postgres sh -c "$*"; fi; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "postgres-for-tests: installing PostgreSQL from Debian's packages"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  as_root pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  as_root pg_ctlcluster "$version" main start
fi

for _ in $(seq 1 30); do
  if as_postgres "psql -qAtc 'select 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done

as_postgres "psql -qAt" <<SQL >/dev/null
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${PGTEST_USER}') THEN
    CREATE ROLE ${PGTEST_USER} LOGIN PASSWORD '${PGTEST_PASSWORD}' CREATEDB;
  END IF;
END \$\$;
-- Tests drop their scratch databases WITH (FORCE), which must also end an autovacuum worker analysing a fresh import.
GRANT pg_signal_backend TO ${PGTEST_USER};
SQL
if ! as_postgres "psql -qAtc \"select 1 from pg_database where datname='${PGTEST_DB}'\"" | grep -q 1; then
  as_postgres "createdb -O ${PGTEST_USER} ${PGTEST_DB}"
fi
echo "postgres-for-tests: PostgreSQL $version ready on 127.0.0.1:5432 (database ${PGTEST_DB}, role ${PGTEST_USER})"
