#!/usr/bin/env bash
# bench/pg.sh — PostgreSQL against SQLite on this machine: AIS ingest
# (lines per second, one worker on each backend, then two workers on
# PostgreSQL, each taking half the vessels with --shard K/2, in parallel, and
# the scaling ratio), NOA screening (portsec screen --batch --dry-run, which
# reads the registry, advisories and vessel history from the store), and
# POST /api/v1/screen with one and two `portsec serve` processes.
# A throwaway cluster is started in a temporary folder (scripts/pg-cluster.sh)
# and removed at the end. Figures only; nothing asserted. SQLite takes one
# writer at a time, so it is not run with two workers.
# Use the release build (make bench builds it).
set -euo pipefail
cd "$(dirname "$0")/.."
B=${PSEC_BENCH_BUILD:-build/release}
BIN=$B/portsec
[ -x "$BIN" ] || { cmake --preset release >/dev/null && cmake --build --preset release -j2; }
T=$(mktemp -d /tmp/psec-bench-XXXXXX)
chmod 755 "$T"      # the cluster's owner (nobody, when run as root) must reach $T/pg
C="$T/pg"
trap 'scripts/pg-cluster.sh stop "$C" >/dev/null 2>&1; rm -rf "$T"' EXIT
URL=$(scripts/pg-cluster.sh start "$C") || {
  rc=$?
  [ $rc = 77 ] && { echo "pg: no PostgreSQL server binaries (scripts/bootstrap.sh installs them); skipped"; exit 0; }
  exit $rc
}
pgdb() { psql -X -q -d "$URL" -c "CREATE DATABASE $1" >/dev/null; echo "${URL/\/postgres\?//$1?}"; }
export PORTSEC_DATA="$PWD/data"

# The recording: V vessels, P positions each, 3 to 4 minutes apart, random
# walks at sea (NOAA MarineCadastre CSV layout).
V=${PSEC_BENCH_VESSELS:-400}
P=${PSEC_BENCH_POINTS:-500}
awk -v V="$V" -v P="$P" 'BEGIN {
  srand(7)
  print "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass"
  for (v = 0; v < V; v++) { lat[v] = -40 + 80 * rand(); lon[v] = -170 + 340 * rand(); t[v] = 1700000000 + int(600 * rand()) }
  for (p = 0; p < P; p++) for (v = 0; v < V; v++) {
    t[v] += 180 + int(60 * rand()); lat[v] += (rand() - 0.5) * 0.05; lon[v] += (rand() - 0.5) * 0.05
    printf "%d,%s,%.5f,%.5f,12.0,90.0,511,BENCH%d,,,70,0,100,20,7.0,70,A\n", 366000000 + v * 37, strftime("%Y-%m-%dT%H:%M:%S", t[v], 1), lat[v], lon[v], v
  } }' >"$T/ais.csv"
lines=$(($(wc -l <"$T/ais.csv") - 1))
echo "input: $lines AIS positions of $V vessels (NOAA CSV layout)"

now() { date +%s.%N; }
rate() { echo "scale=0; $1 / ($2)" | bc; }

S="$T/s.db"
"$BIN" --db "$S" init >/dev/null
t0=$(now); "$BIN" --db "$S" ais ingest --csv "$T/ais.csv" >/dev/null; t1=$(now)
sq=$(echo "$t1 - $t0" | bc)
echo "ingest, SQLite, 1 worker:      $(rate "$lines" "$sq") lines/s ($sq s)"

P1=$(pgdb ing1)
"$BIN" --db "$P1" init >/dev/null
t0=$(now); "$BIN" --db "$P1" ais ingest --csv "$T/ais.csv" >/dev/null; t1=$(now)
pg1=$(echo "$t1 - $t0" | bc)
echo "ingest, PostgreSQL, 1 worker:  $(rate "$lines" "$pg1") lines/s ($pg1 s)"

P2=$(pgdb ing2)
"$BIN" --db "$P2" init >/dev/null
t0=$(now)
"$BIN" --db "$P2" ais ingest --csv "$T/ais.csv" --shard 1/2 >"$T/w1.json" & a=$!
"$BIN" --db "$P2" ais ingest --csv "$T/ais.csv" --shard 2/2 >"$T/w2.json" & b=$!
wait $a; wait $b
t1=$(now)
pg2=$(echo "$t1 - $t0" | bc)
echo "ingest, PostgreSQL, 2 workers: $(rate "$lines" "$pg2") lines/s together," \
     "$(rate "$lines / 2" "$pg2") each ($pg2 s); scaling $(echo "scale=2; $pg1 / $pg2" | bc)x over 1 worker"
if [ "$("$BIN" --db "$P1" db sum | grep '^ais_')" = "$("$BIN" --db "$P2" db sum | grep '^ais_')" ]; then
  echo "  (1 and 2 workers stored identical AIS tables)"
else
  echo "  WARNING: 1 and 2 workers stored different AIS tables"
fi

# Screening: the same NOAs against each backend (needs the screening module).
if [ -x $B/screen_bench ] && "$BIN" screen --help >/dev/null 2>&1; then
  N=${PSEC_BENCH_NOAS:-20000}
  $B/screen_bench "$N" --write "$T/noas.jsonl" >/dev/null
  P3=$(pgdb scr)
  for db in "$S" "$P3"; do
    "$BIN" --db "$db" init >/dev/null 2>&1 || true
    "$BIN" --db "$db" advisory load >/dev/null
    t0=$(now); "$BIN" --db "$db" screen --batch "$T/noas.jsonl" --dry-run >/dev/null; t1=$(now)
    s=$(echo "$t1 - $t0" | bc)
    case "$db" in postgresql:*) name=PostgreSQL ;; *) name=SQLite ;; esac
    echo "screen --batch --dry-run, $name: $(rate "$N" "$s") NOAs/s ($N in $s s)"
  done
fi

# Screening over HTTP (needs the server and screening modules, and wrk): one
# `portsec serve` on PostgreSQL, then two on the same database, each with its
# own wrk; requests per second and the scaling ratio.
if command -v wrk >/dev/null && "$BIN" serve --help >/dev/null 2>&1 && [ -s "${T}/noas.jsonl" ]; then
  DUR=${BENCH_SECONDS:-5}
  P4=$(pgdb api)
  "$BIN" --db "$P4" init >/dev/null
  "$BIN" --db "$P4" advisory load >/dev/null
  echo 'bench password' | "$BIN" --db "$P4" user add bench --role analyst >/dev/null
  TOKEN=$("$BIN" --db "$P4" user token bench --label bench)
  head -1 "$T/noas.jsonl" >"$T/noa.json"
  python3 - "$TOKEN" "$T/noa.json" >"$T/screen.lua" <<'PY'
import json, sys
print('wrk.method = "POST"')
print('wrk.headers["Authorization"] = "Bearer %s"' % sys.argv[1])
print('wrk.headers["Content-Type"] = "application/json"')
print('wrk.body = %s' % json.dumps(open(sys.argv[2]).read()))
PY
  free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
  SPIDS=()
  serve() {
    "$BIN" --db "$P4" serve --listen "127.0.0.1:$1" --threads 2 >/dev/null 2>&1 &
    SPIDS+=($!)
    for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$1/api/v1/health" && return; sleep 0.1; done
  }
  # SCREEN_PATH: "/api/v1/screen" stores each screening (a write per
  # request); "?dry_run=1" screens without storing.
  wrk_rps() { wrk -t1 -c"$2" -d"${DUR}s" -s "$T/screen.lua" "http://127.0.0.1:$1$SCREEN_PATH" \
                | awk '/^Requests\/sec/ {print int($2)}'; }
  SCREEN_PATH=${PSEC_BENCH_SCREEN_PATH:-/api/v1/screen}
  A=$(free_port); serve "$A"
  probe=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
          -H 'Content-Type: application/json' --data-binary @"$T/noa.json" \
          "http://127.0.0.1:$A/api/v1/screen")
  if [ "$probe" != 200 ]; then
    echo "POST /api/v1/screen answered $probe (not in this build?); skipped"
    for p in "${SPIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
    exit 0
  fi
  # Warm-up: each server thread loads its screener and prepares its
  # statements on first use; that is not what is measured.
  DUR=1 wrk_rps "$A" 32 >/dev/null
  r1=$(wrk_rps "$A" 32)
  B2=$(free_port); serve "$B2"
  DUR=1 wrk_rps "$B2" 32 >/dev/null
  wrk_rps "$A" 16 >"$T/ra" & w1=$!
  wrk_rps "$B2" 16 >"$T/rb" & w2=$!
  wait $w1 $w2
  r2=$(( $(cat "$T/ra") + $(cat "$T/rb") ))
  for p in "${SPIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  echo "POST $SCREEN_PATH on PostgreSQL: 1 server $r1 req/s; 2 servers $r2 req/s together" \
       "($(cat "$T/ra") + $(cat "$T/rb")); scaling $(echo "scale=2; $r2 / $r1" | bc)x"
else
  echo "POST /api/v1/screen: needs wrk and the server and screening modules; skipped"
fi
