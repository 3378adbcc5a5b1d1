#!/usr/bin/env bash
# End to end: a synthetic voyage written here as a NOAA MarineCadastre CSV
# (a report every 3 min) between two test ports added to the registry:
# approach XZAAA, stop 10 h, leave, 7 h at sea, go dark 14 h at sea, steam
# on to XZBBB, stop 5 h, leave. ais ingest must find exactly those two calls
# (confidence 4) and that one possible-dark gap; ais check confirms a
# declared call and lists the undeclared one.
. "$SRCDIR/tests/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 not installed: skipped"; exit 77; }

expect_status 0 ps init
sqlite3 "$DB" "INSERT INTO port (locode, country, name, lat, lon) VALUES
  ('XZAAA', 'XZ', 'Test Alpha', -10.0, 70.0), ('XZBBB', 'XZ', 'Test Bravo', -12.0, 73.0);"

awk 'function km(a, b, c, d,   x, y) { x = (d - b) * 111.2 * cos(a * 3.14159265 / 180); y = (c - a) * 111.2; return sqrt(x * x + y * y) }
function out(s) { printf "367999999,%s,%.6f,%.6f,%.1f,0.0,511,VOYAGER,IMO9999998,WVOY,70,0,100,20,7.0,70,A\n", strftime("%Y-%m-%dT%H:%M:%S", t, 1), lat, lon, s }
function steam(tlat, tlon, kn, maxs, stopkm,   end, d, step) {
  end = t + maxs
  while (t < end) { d = km(lat, lon, tlat, tlon); if (d <= stopkm) break
    step = kn * 1.852 * 180 / 3600; if (step > d) step = d
    lat += (tlat - lat) * step / d; lon += (tlon - lon) * step / d; t += 180; out(kn) } }
function stay(secs,   end) { end = t + secs; while (t < end) { t += 180; out(0) } }
BEGIN {
  print "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass"
  t = 1700000000; lat = -10.3; lon = 70.0; out(12)
  steam(-10.0, 70.0, 12, 36000, 0.3); stay(36000)
  steam(-12.0, 73.0, 12, 25200, 0.3)
  d = km(lat, lon, -12.0, 73.0); s = 14 * 6 * 1.852
  lat += (-12.0 - lat) * s / d; lon += (73.0 - lon) * s / d; t += 50400; out(12)
  steam(-12.0, 73.0, 12, 108000, 0.3); stay(18000); steam(-13.0, 73.0, 12, 7200, 0.1)
}' >"$T/voyage.csv"
expect_eq "$([ "$(wc -l <"$T/voyage.csv")" -gt 500 ] && echo ok)" ok "voyage has its reports"

expect_status 0 ps --format json ais ingest --csv "$T/voyage.csv"
expect_grep '"calls": 2' "$T/out"
expect_grep '"gaps": 1' "$T/out"
expect_grep '"possible_dark": 1' "$T/out"
ps --format json ais calls --mmsi 367999999 | tr -d ' \n' >"$T/calls.json"
expect_eq "$(grep -o '"port":"XZ[A-Z]*"' "$T/calls.json" | tr '\n' ' ')" '"port":"XZAAA" "port":"XZBBB" ' "the two calls, in order"
expect_eq "$(grep -o '"confidence":4' "$T/calls.json" | wc -l)" 2 "both of confidence 4"
ps --format json ais gaps --imo 9999998 | tr -d ' \n' >"$T/gaps.json"
expect_grep '"hours":14.0,"kind":"possible-dark"' "$T/gaps.json"
expect_grep '"in_port":false' "$T/gaps.json"
arr=$(grep -o '"arrival":"[^"]*"' "$T/calls.json" | head -1 | cut -d'"' -f4 | cut -c1-10)
expect_status 0 ps --format json ais check --imo 9999998 "XZAAA,$arr" --to 2023-12-31
tr -d ' \n' <"$T/out" >"$T/check.json"
expect_grep '"port":"XZAAA"[^}]*"status":"confirmed"' "$T/check.json"
expect_grep '"undeclared":\[\{"port":"XZBBB"' "$T/check.json"
finish
