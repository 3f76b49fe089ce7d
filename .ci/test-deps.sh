#!/usr/bin/env bash
# Installs the Debian packages the tests need (listed in .ci/packages.txt), only those missing,
# then starts the services they need: a PostgreSQL cluster with the test role and database.
# Needs root (or sudo) and apt-get; safe to run again.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
mapfile -t wanted < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$here/.ci/packages.txt" | grep -v '^$' || true)
missing=()
for p in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
if [ ${#missing[@]} -eq 0 ]; then
  echo "test-deps: all ${#wanted[@]} packages present"
else
  echo "test-deps: installing ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# PostgreSQL for the storage tests: role and database as PostgresTestDatabase expects them
# (override with SHIMWATCH_TEST_PG_URL / _USER / _PASSWORD to use another server).
if command -v pg_lsclusters >/dev/null 2>&1; then
  read -r pg_version pg_cluster _ < <(pg_lsclusters --no-header | sed -n 1p) || true
  if [ -z "${pg_version:-}" ]; then
    pg_version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    pg_cluster=main
    "${sudo_cmd[@]}" pg_createcluster "$pg_version" "$pg_cluster"
  fi
  # Outputs are read whole into variables: an early-exiting reader in a pipeline would break
  # the writer's pipe, and pipefail would turn that into a failure.
  pg_state=$(pg_lsclusters --no-header | awk -v v="$pg_version" -v c="$pg_cluster" '$1==v && $2==c {print $4}')
  if [ "$pg_state" != "online" ]; then
    echo "test-deps: starting PostgreSQL $pg_version/$pg_cluster"
    "${sudo_cmd[@]}" pg_ctlcluster "$pg_version" "$pg_cluster" start
  fi
  as_postgres() { "${sudo_cmd[@]}" runuser -u postgres -- "$@"; }
  [ "$(id -u)" -eq 0 ] || as_postgres() { sudo -u postgres "$@"; }
  if [ "$(as_postgres psql -tAc "SELECT 1 FROM pg_roles WHERE rolname='shimwatch'")" != "1" ]; then
    as_postgres psql -q -c "CREATE ROLE shimwatch LOGIN PASSWORD 'shimwatch'"
  fi
  if [ "$(as_postgres psql -tAc "SELECT 1 FROM pg_database WHERE datname='shimwatch_test'")" != "1" ]; then
    as_postgres psql -q -c "CREATE DATABASE shimwatch_test OWNER shimwatch"
  fi
  echo "test-deps: PostgreSQL ready at 127.0.0.1:5432/shimwatch_test"
fi
