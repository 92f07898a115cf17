#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/hub/pg-start.sh start DIR [PID] | restart|crash|resume|stop DIR: a throw-away
# PostgreSQL for the hub-pg suite. Debian's initdb into DIR/cluster, pg_ctl on a Unix socket in DIR (no TCP port, no
# system service). "start" prints a libpq connection string for the database "postgres";
# the superuser is "charta", trusted on the socket. initdb refuses to run as root: as root,
# the cluster belongs to the "postgres" user (or "nobody") and runs as that user.
set -eu

bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
cmd=$1
dir=$2

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    user=postgres
    id "$user" >/dev/null 2>&1 || user=nobody
    runuser -u "$user" -- "$@"
  else
    "$@"
  fi
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
      user=postgres
      id "$user" >/dev/null 2>&1 || user=nobody
      chown "$user" "$dir"
      chmod 755 "$dir"
    fi
    as_owner "$bin/initdb" -D "$dir/cluster" -U charta --auth=trust --no-sync -E UTF8 --locale=C.UTF-8 \
      > "$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # fsync and synchronous_commit stay on: the tests rely on acknowledged writes lasting.
    as_owner "$bin/pg_ctl" -D "$dir/cluster" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c max_connections=60 -c shared_buffers=16MB" \
      start > /dev/null || { cat "$dir/server.log" >&2; exit 1; }
    # A watcher stops the cluster once process PID (the test) is gone, however it ended.
    if [ -n "${3:-}" ]; then
      setsid sh -c "while kill -0 $3 2>/dev/null; do sleep 1; done; '$0' stop '$dir'" \
        < /dev/null > /dev/null 2>&1 &
    fi
    echo "host=$dir port=5432 user=charta dbname=postgres"
    ;;
  restart)
    # -m fast: sessions are ended at once, as in a failover or an upgrade.
    as_owner "$bin/pg_ctl" -D "$dir/cluster" -l "$dir/server.log" -w -t 60 -m fast \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c max_connections=60 -c shared_buffers=16MB" \
      restart > /dev/null
    ;;
  crash)
    # -m immediate: no checkpoint, no goodbye; the next start recovers from the WAL.
    as_owner "$bin/pg_ctl" -D "$dir/cluster" -w -t 60 -m immediate stop > /dev/null
    ;;
  resume)
    as_owner "$bin/pg_ctl" -D "$dir/cluster" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c max_connections=60 -c shared_buffers=16MB" \
      start > /dev/null
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/cluster" -w -t 60 -m immediate stop > /dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start DIR [PID] | restart|crash|resume|stop DIR" >&2
    exit 2
    ;;
esac
