#!/usr/bin/env bash
# What 'make run' runs: scripts/run.sh BINARY DBPATH.
# Creates the demo database when it is missing (portsec init and the demo
# loaders this build has), creates a demo administrator with a random
# password printed once, and serves the API and the dashboard on
# 127.0.0.1:8080 (PORTSEC_LISTEN overrides) until Ctrl-C.
set -euo pipefail
BIN=${1:?usage: scripts/run.sh BINARY DBPATH}
DB=${2:-portsec.db}
LISTEN=${PORTSEC_LISTEN:-127.0.0.1:8080}
cd "$(dirname "$0")/.."

# The map's shapes are vendored at build time, never fetched by the server.
if [ -f web/package.json ] && [ ! -f web/vendor/countries-50m.json ]; then
  scripts/bootstrap-web.sh || echo "run: the dashboard's map could not be installed" >&2
fi

if [ ! -f "$DB" ]; then
  echo "run: creating the demo database $DB"
  "$BIN" --db "$DB" init
  "$BIN" --db "$DB" demo load
fi

if "$BIN" --db "$DB" --format json user list | grep -q '"name": *"admin"'; then
  echo "run: the user 'admin' already exists (its password was printed when it was made;"
  echo "     set a new one with: echo 'NEW PASSWORD' | $BIN --db $DB user passwd admin)"
else
  PW=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | cut -c1-20)
  printf '%s\n' "$PW" | "$BIN" --db "$DB" user add admin --role admin >/dev/null
  echo
  echo "  Demo administrator:  admin"
  echo "  Password:            $PW"
  echo "  (shown only now; change it with 'portsec user passwd admin')"
fi
echo
exec "$BIN" --db "$DB" serve --listen "$LISTEN"
