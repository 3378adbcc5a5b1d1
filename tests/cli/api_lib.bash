# Helpers for the API tests (tests/cli/api*.sh): a database with four users,
# a server on a free loopback port that is always stopped at exit, and curl
# wrappers that keep each user's cookie jar and CSRF token.
# Source after tests/lib.sh. Not a test itself (not *.sh).

SERVER_PID=
trap 'api_stop; rm -rf "$T"' EXIT

api_stop() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
    SERVER_PID=
  fi
}

# A fixture for the registry when the bundled data is not in this build.
api_fixture() {
  local sql="INSERT OR IGNORE INTO country(alpha2, alpha3, numeric_code, name, region, sub_region)
             VALUES ('SC','SYC',690,'Seychelles','Africa','Eastern Africa'),
                    ('FR','FRA',250,'France','Europe','Western Europe'),
                    ('CM','CMR',120,'Cameroon','Africa','Middle Africa');
             INSERT OR IGNORE INTO port(locode, country, name, lat, lon)
             VALUES ('SCPOV','SC','Port Victoria',-4.62,55.45);"
  if command -v sqlite3 >/dev/null; then
    sqlite3 "$DB" "$sql"
  else
    python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()' "$DB" "$sql"
  fi
}

api_setup() {
  ps init >/dev/null 2>&1 || { echo "portsec init failed"; exit 1; }
  api_fixture
  echo 'admin password' | ps user add admin --role admin >/dev/null || exit 1
  echo 'analyst password' | ps user add ann --role analyst >/dev/null || exit 1
  echo 'viewer password' | ps user add vic --role viewer >/dev/null || exit 1
  echo 'approver password' | ps user add pat --role approver >/dev/null || exit 1
}

declare -A PASSWORD=([admin]='admin password' [ann]='analyst password'
                     [vic]='viewer password' [pat]='approver password')

# api_start [serve options]: starts the server on a free port; sets PORT, BASE.
api_start() {
  "$PORTSEC" --db "$DB" serve --listen 127.0.0.1:0 --timeout 2 "$@" >"$T/serve.out" 2>"$T/serve.err" &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    PORT=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$T/serve.out")
    [ -n "$PORT" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "${PORT:-}" ]; then
    echo "the server did not start:"; cat "$T/serve.err"; exit 1
  fi
  BASE="http://127.0.0.1:$PORT"
}

# code METHOD PATH [curl args]: prints the status; body in $T/body, headers in $T/headers.
code() {
  local m=$1 p=$2; shift 2
  curl -s -o "$T/body" -D "$T/headers" -w '%{http_code}' -X "$m" \
       -H 'Content-Type: application/json' "$@" "$BASE$p"
}

login() {
  local u=$1 body
  body=$(printf '{"name":"%s","password":"%s"}' "$u" "${PASSWORD[$u]}")
  local c
  c=$(code POST /api/v1/session -c "$T/jar_$u" -d "$body")
  if [ "$c" != 200 ]; then echo "login $u: $c"; cat "$T/body"; exit 1; fi
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf_token"])' "$T/body" >"$T/csrf_$u"
}

as() {
  local u=$1; shift
  local m=$1 p=$2; shift 2
  code "$m" "$p" -b "$T/jar_$u" -H "X-CSRF-Token: $(cat "$T/csrf_$u")" "$@"
}

as_nocsrf() {
  local u=$1; shift
  local m=$1 p=$2; shift 2
  code "$m" "$p" -b "$T/jar_$u" "$@"
}

# jq_num KEY: a top-level member of the last body.
jq_num() {
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$T/body" "$1"
}
