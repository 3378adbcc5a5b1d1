#!/usr/bin/env bash
# pg-cluster.sh — a throwaway PostgreSQL cluster for the tests and benchmarks.
#
#   scripts/pg-cluster.sh start DIR   initdb in DIR (if needed), start, print the URL
#   scripts/pg-cluster.sh stop DIR    stop the server and remove DIR
#   scripts/pg-cluster.sh url DIR     print the URL of the cluster in DIR
#
# The server listens on a Unix socket inside DIR only (listen_addresses=''),
# so it needs no free port and nothing outside can reach it; fsync is off
# because the data is thrown away. PostgreSQL refuses to run as root, so when
# the script runs as root the cluster belongs to an unprivileged user
# ($PSEC_PG_OSUSER, default nobody) and DIR is made theirs. Exit status 77
# (the tests' "skipped") when the PostgreSQL server binaries are missing:
# scripts/bootstrap.sh installs them.
set -euo pipefail

cmd=${1:-}
dir=${2:-}
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop|url DIR" >&2
  exit 2
fi
case "$dir" in /*) ;; *) dir="$PWD/$dir" ;; esac

bindir=${PSEC_PG_BINDIR:-}
if [ -z "$bindir" ]; then
  for b in /usr/lib/postgresql/*/bin; do [ -x "$b/initdb" ] && bindir=$b; done
fi

url() { echo "postgresql:///postgres?host=$dir&user=postgres"; }

# Runs a server binary as the cluster's owner.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u "${PSEC_PG_OSUSER:-nobody}" -- "$@"
  else
    "$@"
  fi
}

case "$cmd" in
url)
  url
  ;;
start)
  if [ -z "$bindir" ]; then
    echo "pg-cluster: PostgreSQL server binaries not found (run scripts/bootstrap.sh)" >&2
    exit 77
  fi
  # A Unix socket path is limited to 107 bytes: DIR/.s.PGSQL.5432 must fit.
  if [ $((${#dir} + 17)) -gt 107 ]; then
    echo "pg-cluster: $dir is too long for a socket path; use a shorter folder" >&2
    exit 2
  fi
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then
    chown "${PSEC_PG_OSUSER:-nobody}" "$dir"
    chmod 700 "$dir"
    if ! as_owner test -w "$dir"; then
      echo "pg-cluster: ${PSEC_PG_OSUSER:-nobody} cannot reach $dir: every folder above it must be searchable (chmod o+x)" >&2
      exit 1
    fi
  fi
  if [ -f "$dir/data/postmaster.pid" ] && as_owner "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    url
    exit 0
  fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    # C collation: ORDER BY on text then sorts bytewise, as SQLite does.
    (cd "$dir" && as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 \
       --locale=C --no-sync >"$dir/initdb.log" 2>&1) || {
      echo "pg-cluster: initdb failed:" >&2; tail -20 "$dir/initdb.log" >&2; exit 1; }
  fi
  (cd "$dir" && as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
     -o "-c listen_addresses='' -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
     start >/dev/null) || {
    echo "pg-cluster: the server did not start:" >&2; tail -20 "$dir/server.log" >&2; exit 1; }
  url
  ;;
stop)
  if [ -f "$dir/data/PG_VERSION" ] && [ -n "$bindir" ]; then
    (cd "$dir" && as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1) || true
  fi
  rm -rf "$dir"
  ;;
*)
  echo "usage: $0 start|stop|url DIR" >&2
  exit 2
  ;;
esac
