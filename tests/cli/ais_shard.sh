#!/usr/bin/env bash
# portsec ais ingest --shard K/N: three workers, one shard each, reading the
# same recording store exactly the vessels, track points, calls and gaps
# that one worker reading it alone stores (compared table by table with
# 'portsec db sum'); a worker run again (a restart mid-file) changes
# nothing. On PostgreSQL the three run at once; SQLite takes one writer at a
# time, so there they run one after another.
. "$SRCDIR/tests/lib.sh"

# The recording: eight synthetic voyages (NOAA layout, a report every 3 min,
# calls at two test ports and a 14 h dark gap at sea), and the AMSA tracks
# with their port polygons when the shared data is there.
gen() {
  awk -v mmsi="$1" -v t0="$2" -v imo="$3" '
  function km(a, b, c, d,   x, y) { x = (d - b) * 111.2 * cos(a * 3.14159265 / 180); y = (c - a) * 111.2; return sqrt(x * x + y * y) }
  function out(s) { printf "%d,%s,%.6f,%.6f,%.1f,0.0,511,SHARD%d,IMO%d,WSH%d,70,0,100,20,7.0,70,A\n", mmsi, strftime("%Y-%m-%dT%H:%M:%S", t, 1), lat, lon, s, mmsi % 100, imo, mmsi % 100 }
  function steam(tlat, tlon, kn, maxs, stopkm,   end, d, step) {
    end = t + maxs
    while (t < end) { d = km(lat, lon, tlat, tlon); if (d <= stopkm) break
      step = kn * 1.852 * 180 / 3600; if (step > d) step = d
      lat += (tlat - lat) * step / d; lon += (tlon - lon) * step / d; t += 180; out(kn) } }
  function stay(secs,   end) { end = t + secs; while (t < end) { t += 180; out(0) } }
  BEGIN {
    t = t0; lat = -10.3; lon = 70.0; out(12)
    steam(-10.0, 70.0, 12, 36000, 0.3); stay(36000)
    steam(-12.0, 73.0, 12, 25200, 0.3)
    d = km(lat, lon, -12.0, 73.0); s = 14 * 6 * 1.852
    lat += (-12.0 - lat) * s / d; lon += (73.0 - lon) * s / d; t += 50400; out(12)
    steam(-12.0, 73.0, 12, 108000, 0.3); stay(18000); steam(-13.0, 73.0, 12, 7200, 0.1)
  }'
}
{
  echo "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass"
  for i in 1 2 3 4 5 6 7 8; do gen $((367000000 + i * 1001)) $((1700000000 + i * 7200)) $((9000000 + i * 7 + 3)); done
} >"$T/voyages.csv"
AMSA="${PSEC_SHARED:-}/data/ref/ais/amsa-vessel-tracks-2014.csv"
[ -f "$AMSA" ] || { echo "PSEC_SHARED AMSA tracks not found: synthetic voyages only"; AMSA=""; }

# prepare URI: registry, the two test ports, the port polygons.
prepare() {
  expect_status 0 "$PORTSEC" --db "$1" init
  DB="$1" db_sql "INSERT INTO port (locode, country, name, lat, lon) VALUES
    ('XZAAA', 'XZ', 'Test Alpha', -10.0, 70.0), ('XZBBB', 'XZ', 'Test Bravo', -12.0, 73.0)" >/dev/null
  expect_status 0 "$PORTSEC" --db "$1" ais port-areas "$SRCDIR/data/port-areas/amsa-port-visit-polygons.geojson"
}
# ingest URI [--shard K/N]: the whole recording.
ingest() {
  local db=$1; shift
  "$PORTSEC" --db "$db" --format json ais ingest --csv "$T/voyages.csv" "$@" >"$T/ing-$$-$RANDOM.json" || return 1
  if [ -n "$AMSA" ]; then "$PORTSEC" --db "$db" ais ingest --csv "$AMSA" "$@" >/dev/null || return 1; fi
}
# sums URI FILE: rows and checksum of the AIS tables.
sums() { "$PORTSEC" --db "$1" db sum | grep -E '^ais_(vessel|point|call|gap) ' >"$2"; }

ONE=$DB
extra_db three THREE
prepare "$ONE"
prepare "$THREE"

checks=$((checks + 1))
ingest "$ONE" || { echo "FAIL: one worker"; failures=$((failures + 1)); }
if [ -n "$PGNAME" ]; then
  pids=""
  for k in 1 2 3; do ingest "$THREE" --shard "$k/3" & pids="$pids $!"; done
  for p in $pids; do checks=$((checks + 1)); wait "$p" || { echo "FAIL: a shard worker"; failures=$((failures + 1)); }; done
else
  for k in 1 2 3; do checks=$((checks + 1)); ingest "$THREE" --shard "$k/3" || { echo "FAIL: shard $k/3"; failures=$((failures + 1)); }; done
fi

sums "$ONE" "$T/one.txt"
sums "$THREE" "$T/three.txt"
expect_eq "$(wc -l <"$T/one.txt")" 4 "AIS tables summed"
expect_grep '^ais_call +[1-9]' "$T/one.txt"
expect_grep '^ais_gap +[1-9]' "$T/one.txt"
expect_status 0 diff "$T/one.txt" "$T/three.txt"
cat "$T/one.txt"

# Each vessel went to exactly one worker: the shards' positions add up.
expect_status 0 "$PORTSEC" --db "$THREE" --format json ais calls --mmsi 367001001
expect_grep '"port": "XZAAA"' "$T/out"

# A worker restarted on the same input adds nothing.
checks=$((checks + 1))
ingest "$THREE" --shard 2/3 || { echo "FAIL: shard 2/3 again"; failures=$((failures + 1)); }
sums "$THREE" "$T/again.txt"
expect_status 0 diff "$T/one.txt" "$T/again.txt"

# Bad shard specifications are usage errors.
expect_status 2 ps ais ingest --csv "$T/voyages.csv" --shard 4/3
expect_status 2 ps ais ingest --csv "$T/voyages.csv" --shard 0/3
expect_status 2 ps ais ingest --csv "$T/voyages.csv" --shard 3
finish
