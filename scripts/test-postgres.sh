#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for the tests and prints the export line for its URL.
#   eval "$(scripts/test-postgres.sh start)"   # exports DEALERS_TEST_POSTGRES_URL, DEALERS_TEST_PG_DIR
#   scripts/test-postgres.sh restart "$DEALERS_TEST_PG_DIR"   # a fast restart, same port (fault tests)
#   scripts/test-postgres.sh stop "$DEALERS_TEST_PG_DIR"
# The cluster lives in a temporary folder, owned by the `postgres` user when run as root (root
# may not run the server), listens on a free local TCP port only (no Unix socket in /run), trusts
# local connections, and is deleted by `stop`. Nothing of the machine's own clusters is touched.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "test-postgres: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
# Descriptors inherited beyond 0-2 (a test runner's, e.g. what it watches for its child's exit)
# are closed, so that the server started here does not keep them open after this script ends.
for fd in /proc/$$/fd/*; do
  fd=${fd##*/}
  if [ "$fd" -gt 2 ] 2>/dev/null; then eval "exec $fd>&-" 2>/dev/null || true; fi
done
case "${1:-}" in
start)
  dir=$(mktemp -d /tmp/dealers-pg.XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U dealers -A trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  # A free local port: one nothing answers on (bash's /dev/tcp; no other tool needed), below the
  # kernel's range of ephemeral ports, so that no client connection's own end holds it (a
  # connect finds only listeners). Another server may still take it first: then another port.
  low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  [ "$low" -gt 12000 ] 2>/dev/null || low=32768
  for attempt in 1 2 3 4 5; do
    while :; do
      port=$((10000 + RANDOM % (low - 10000)))
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
    done
    : >"$dir/server.log"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir/server.log"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='' -c fsync=off -c max_connections=200" start >/dev/null 2>"$dir/pg_ctl.err" \
      && break
    grep -q "Address already in use" "$dir/server.log" && [ "$attempt" -lt 5 ] \
      || { cat "$dir/pg_ctl.err" "$dir/server.log" >&2; exit 1; }
  done
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U dealers dealers_test
  echo "export DEALERS_TEST_POSTGRES_URL=postgres://dealers@127.0.0.1:$port/dealers_test DEALERS_TEST_PG_DIR=$dir"
  ;;
restart)
  dir=${2:?usage: test-postgres.sh restart DIR}
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w restart >/dev/null 2>&1 \
    || { cat "$dir/server.log" >&2; exit 1; }
  ;;
stop)
  dir=${2:?usage: test-postgres.sh stop DIR}
  [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
*) echo "usage: test-postgres.sh start | restart DIR | stop DIR" >&2; exit 64 ;;
esac
