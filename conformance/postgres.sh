#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for tests: `postgres.sh start DIR PORT` initialises DIR (if new) as the
# unprivileged `postgres` user (PostgreSQL refuses to run as root), starts the server on 127.0.0.1:PORT with trust
# authentication for local connections, and creates the `almanac` role and database; `postgres.sh stop DIR` stops it.
# Prints the connection URL on success.
#
# For failover tests (scale_out.py), a synchronous hot standby of such a cluster:
#   `postgres.sh standby DIR PORT PRIMARY_PORT [NAME]` copies the running primary on 127.0.0.1:PRIMARY_PORT into DIR
#   (pg_basebackup -R: streaming replication as application_name NAME, default almanac_standby), starts it on
#   127.0.0.1:PORT, then makes it the primary's synchronous standby (synchronous_standby_names = NAME,
#   synchronous_commit = on, set on the primary only, so a promoted standby does not wait for a standby it lacks) and
#   waits (bounded, 60 s) until the primary reports it streaming and in sync.
#   `postgres.sh promote DIR` promotes the standby in DIR and waits until it accepts writes.
#   `postgres.sh crash DIR [immediate|kill]` stops the cluster in DIR abruptly: pg_ctl stop -m immediate (default), or
#   SIGKILL to the postmaster alone (its backends are left to notice; their pids are printed, one a line, for cleanup).
set -euo pipefail
usage="usage: postgres.sh start|stop DIR [PORT] | standby DIR PORT PRIMARY_PORT [NAME] | promote DIR | crash DIR [immediate|kill]"
action=${1:?$usage}
dir=${2:?$usage}
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
  standby)
    primary_port=${4:?$usage}
    name=${5:-almanac_standby}
    psql_primary() { as_postgres "$bin/psql" -h 127.0.0.1 -p "$primary_port" -U postgres -d postgres -qtAc "$1"; }
    # pg_basebackup keeps an existing directory's mode; PostgreSQL wants 0700.
    mkdir -p "$dir"
    chmod 700 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    # The primary's socket lives in its data folder: pg_basebackup warns that it skips it.
    as_postgres timeout 300 "$bin/pg_basebackup" -D "$dir" -X stream -R -c fast \
      -d "host=127.0.0.1 port=$primary_port user=postgres application_name=$name" 2>&1 | grep -v 'skipping special file' >&2 || true
    [ -f "$dir/standby.signal" ] || { echo "postgres.sh: pg_basebackup from port $primary_port failed" >&2; exit 1; }
    : >"$dir/server.log" # the primary's log came along with the copy
    rm -f "$dir"/.s.PGSQL.*.lock
    as_postgres "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200" start >/dev/null
    psql_primary "ALTER SYSTEM SET synchronous_standby_names = '\"$name\"'" >/dev/null
    psql_primary "ALTER SYSTEM SET synchronous_commit = on" >/dev/null
    psql_primary "SELECT pg_reload_conf()" >/dev/null
    for _ in $(seq 1 120); do
      state=$(psql_primary "SELECT state || '/' || sync_state FROM pg_stat_replication WHERE application_name = '$name'")
      [ "$state" != "streaming/sync" ] || { echo "standby $name on 127.0.0.1:$port: $state"; exit 0; }
      sleep 0.5
    done
    echo "postgres.sh: standby $name did not become synchronous within 60 s (last: ${state:-not connected})" >&2
    exit 1
    ;;
  promote)
    as_postgres "$bin/pg_ctl" -D "$dir" -w -t 60 promote >/dev/null
    ;;
  crash)
    case "${3:-immediate}" in
      immediate) as_postgres "$bin/pg_ctl" -D "$dir" -m immediate -w -t 60 stop >/dev/null ;;
      kill)
        postmaster=$(head -n 1 "$dir/postmaster.pid")
        children=$(pgrep -P "$postmaster" || true)
        kill -9 "$postmaster"
        [ -z "$children" ] || echo "$children"
        ;;
      *) echo "$usage" >&2; exit 2 ;;
    esac
    ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
