#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for tests: `postgres.sh start DIR PORT` initialises DIR (if new) as the
# unprivileged `postgres` user (PostgreSQL refuses to run as root), starts the server on 127.0.0.1:PORT with trust
# authentication for local connections, and creates the `almanac` role and database; `postgres.sh stop DIR` stops it.
# Prints the connection URL on success.
set -euo pipefail
action=${1:?usage: postgres.sh start|stop DIR [PORT]}
dir=${2:?usage: postgres.sh start|stop DIR [PORT]}
port=${3:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "postgres.sh: no PostgreSQL server found under /usr/lib/postgresql" >&2; exit 1; }

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_postgres "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    # fsync stays on: the durability checks run against this server too.
    if ! as_postgres "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      as_postgres "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200" start >/dev/null
    fi
    as_postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qtAc \
      "SELECT 1 FROM pg_roles WHERE rolname = 'almanac'" | grep -q 1 \
      || as_postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE ROLE almanac LOGIN CREATEDB"
    as_postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qtAc \
      "SELECT 1 FROM pg_database WHERE datname = 'almanac'" | grep -q 1 \
      || as_postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE almanac OWNER almanac"
    # pg_trgm once, in public: stores whose search_path names a schema of their own (tests, conformance parts)
    # find its operator classes there.
    as_postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d almanac -qc "CREATE EXTENSION IF NOT EXISTS pg_trgm"
    echo "postgres://almanac@127.0.0.1:$port/almanac"
    ;;
  stop)
    as_postgres "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null || true
    ;;
  *) echo "usage: postgres.sh start|stop DIR [PORT]" >&2; exit 2 ;;
esac
