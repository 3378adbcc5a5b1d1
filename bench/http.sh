#!/usr/bin/env bash
# HTTP benchmarks with wrk on loopback: portsec's API beside a minimal
# libmicrohttpd server that answers a fixed body (bench/http_ceiling.c), the
# ceiling on this machine, and the ratio. Prints requests/s and p99 latency.
# Targets (issue 6): POST /api/v1/screen >= 5,000 req/s and GET of the
# conditions-of-entry list >= 20,000 req/s, p99 < 20 ms. Endpoints whose
# module is not in this build are reported as missing, not measured.
# Not a test: the figures depend on the machine and its load.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${PSEC_BENCH_BUILD:-build/release}
[ -x $B/portsec ] && [ -x $B/http_ceiling ] || { cmake --preset release >/dev/null && cmake --build --preset release; }
command -v wrk >/dev/null || { echo "wrk is not installed (scripts/bootstrap.sh installs it)"; exit 1; }
T=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$T"; }
trap cleanup EXIT

DUR=${BENCH_SECONDS:-5}
CONNS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_SERVER_THREADS:-2}
DB="$T/bench.db"
$B/portsec --db "$DB" init >/dev/null
# The registry fixture the API tests use, when the bundled data is absent.
sqlite3 "$DB" "INSERT OR IGNORE INTO country(alpha2, alpha3, numeric_code, name, region)
               VALUES ('SC','SYC',690,'Seychelles','Africa'),('FR','FRA',250,'France','Europe');" 2>/dev/null || true
echo 'bench password' | $B/portsec --db "$DB" user add bench --role analyst >/dev/null
TOKEN=$($B/portsec --db "$DB" user token bench --label bench)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

P1=$(free_port)
$B/http_ceiling "$P1" "$THREADS" >/dev/null &
PIDS+=($!)
P2=$(free_port)
$B/portsec --db "$DB" serve --listen "127.0.0.1:$P2" --threads "$THREADS" >/dev/null 2>"$T/serve.err" &
PIDS+=($!)
for _ in $(seq 1 50); do
  curl -s -o /dev/null "http://127.0.0.1:$P1/" && curl -s -o /dev/null "http://127.0.0.1:$P2/api/v1/health" && break
  sleep 0.1
done

# run NAME URL [wrk args]: prints "NAME  req/s  p99".
RPS=0
run() {
  local name=$1 url=$2; shift 2
  wrk -t2 -c"$CONNS" -d"${DUR}s" --latency "$@" "$url" >"$T/wrk.out" 2>&1 || true
  RPS=$(awk '/^Requests\/sec/ {print $2}' "$T/wrk.out")
  local p99 non2xx
  p99=$(awk '$1 == "99%" {print $2}' "$T/wrk.out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$T/wrk.out")
  printf '  %-44s %10s req/s   p99 %8s%s\n' "$name" "${RPS:-?}" "${p99:-?}" \
    "${non2xx:+   (non-2xx: $non2xx)}"
}

cat >"$T/auth.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA

echo "wrk: 2 threads, $CONNS connections, ${DUR}s each; servers with $THREADS worker threads; $(nproc) CPUs"
run "ceiling: GET fixed body (http_ceiling)" "http://127.0.0.1:$P1/"
CEIL=$RPS
run "portsec GET /api/v1/health (public)" "http://127.0.0.1:$P2/api/v1/health"
H=$RPS
run "portsec GET /api/v1/countries/SC (token)" "http://127.0.0.1:$P2/api/v1/countries/SC" -s "$T/auth.lua"
C=$RPS

features=$(curl -s "http://127.0.0.1:$P2/api/v1/health")
if grep -q '"coe"' <<<"$features"; then
  $B/portsec --db "$DB" advisory load >/dev/null 2>&1 || true
  run "portsec GET /api/v1/coe (CoE list, token)" "http://127.0.0.1:$P2/api/v1/coe" -s "$T/auth.lua"
  COE=$RPS
  run "portsec GET /api/v1/coe/feed (public feed)" "http://127.0.0.1:$P2/api/v1/coe/feed"
else
  echo "  GET of the conditions-of-entry list: the advisories module is not in this build"
  COE=
fi
if grep -q '"screen"' <<<"$features"; then
  # A ship that called at Port Victoria (conditions of entry apply) and two other ports.
  NOA=${BENCH_NOA:-$T/noa.json}
  [ -f "$NOA" ] || cat >"$NOA" <<'JSON'
{"vessel":{"imo":"9074729","name":"BENCH TRADER","flag":"LR","type":"bulk carrier"},
 "arrival":{"port":"USHOU","eta":"2025-10-01T06:00:00Z"},
 "port_calls":[{"port":"SCPOV","arrival":"2025-09-01T00:00:00Z","departure":"2025-09-03T12:00:00Z"},
               {"port":"MUPLU","arrival":"2025-09-06T08:00:00Z","departure":"2025-09-07T20:00:00Z"},
               {"port":"ZADUR","arrival":"2025-09-12T08:00:00Z","departure":"2025-09-14T20:00:00Z"}]}
JSON
  python3 - "$TOKEN" "$NOA" >"$T/screen.lua" <<'PY'
import json, sys
body = open(sys.argv[2]).read()
print('wrk.method = "POST"')
print('wrk.headers["Authorization"] = "Bearer %s"' % sys.argv[1])
print('wrk.headers["Content-Type"] = "application/json"')
print('wrk.body = %s' % json.dumps(body))
PY
  run "portsec POST /api/v1/screen?dry_run=1" "http://127.0.0.1:$P2/api/v1/screen?dry_run=1" -s "$T/screen.lua"
  SCR=$RPS
  run "portsec POST /api/v1/screen (stored)" "http://127.0.0.1:$P2/api/v1/screen" -s "$T/screen.lua"
else
  echo "  POST /api/v1/screen: the screening module is not in this build"
  SCR=
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "?" }'; }
echo "ratio to the ceiling: health $(ratio "$H" "$CEIL"), country $(ratio "$C" "$CEIL")${COE:+, CoE list $(ratio "$COE" "$CEIL")}${SCR:+, screen $(ratio "$SCR" "$CEIL")}"
