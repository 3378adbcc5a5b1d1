#!/usr/bin/env bash
# Screening with AIS evidence, end to end: a synthetic voyage (NOAA CSV, a
# report every 3 min) calls at a test port in a country with no conditions
# of entry (XZAAA), then at a test port in Venezuela (VEXXA, on the list
# since 2009), then sails for Houston. A NOA that declares only the first
# call must come out with conditions of entry applying because of the
# undeclared Venezuelan call, named as AIS evidence; the declared call is
# confirmed. A NOA that declares both gets the same answer with no
# undeclared call; a ship with no AIS data gets no "ais" section.
. "$SRCDIR/tests/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 not installed: skipped"; exit 77; }
command -v jq >/dev/null 2>&1 || { echo "jq not installed: skipped"; exit 77; }

expect_status 0 ps init
sqlite3 "$DB" "INSERT INTO port (locode, country, name, lat, lon) VALUES
  ('XZAAA', 'XZ', 'Test Alpha', -10.0, 70.0), ('VEXXA', 'VE', 'Test Venezuela', -12.0, 73.0);"

awk 'function km(a, b, c, d,   x, y) { x = (d - b) * 111.2 * cos(a * 3.14159265 / 180); y = (c - a) * 111.2; return sqrt(x * x + y * y) }
function out(s) { printf "367999999,%s,%.6f,%.6f,%.1f,0.0,511,VOYAGER,IMO9074729,WVOY,70,0,100,20,7.0,70,A\n", strftime("%Y-%m-%dT%H:%M:%S", t, 1), lat, lon, s }
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
  steam(-12.0, 73.0, 12, 108000, 0.3); stay(43200); steam(-14.0, 73.0, 12, 14400, 0.1)
}' >"$T/voyage.csv"
expect_status 0 ps --format json ais ingest --csv "$T/voyage.csv"
expect_grep '"calls": 2' "$T/out"
ps --format json ais calls --mmsi 367999999 >"$T/calls.json"
a1=$(jq -r '.[0].arrival' "$T/calls.json"); d1=$(jq -r '.[0].departure' "$T/calls.json")
a2=$(jq -r '.[1].arrival' "$T/calls.json"); d2=$(jq -r '.[1].departure' "$T/calls.json")
expect_eq "$(jq -r '.[1].port' "$T/calls.json")" VEXXA "second AIS call"

# Declares only the call at XZAAA.
cat >"$T/noa1.json" <<JSON
{ "noa_id": "ais-1", "vessel": { "imo": "9074729", "mmsi": "367999999", "name": "VOYAGER", "flag": "US" },
  "arrival": { "port": "USHOU", "eta": "2023-11-25T06:00:00Z" },
  "port_calls": [ { "port": "XZAAA", "arrival": "$a1", "departure": "$d1" } ] }
JSON
expect_status 0 ps --format json screen "$T/noa1.json" --dry-run
cp "$T/out" "$T/r1.json"
expect_eq "$(jq -r '.coe.status' "$T/r1.json")" applies "undeclared CoE call makes it apply"
expect_eq "$(jq -r '.coe.calls[0].port' "$T/r1.json")" VEXXA "the triggering call"
expect_eq "$(jq -r '.coe.calls[0].evidence' "$T/r1.json")" ais "named as AIS evidence"
expect_grep 'undeclared call seen by AIS at VEXXA' "$T/r1.json"
expect_eq "$(jq -r '.coe.direct' "$T/r1.json")" true "the most recent call triggers"
expect_eq "$(jq -r '.targeting.priority' "$T/r1.json")" "ISPS I" "priority"
expect_eq "$(jq -r '.ais.declared[0].status' "$T/r1.json")" confirmed "declared call confirmed"
expect_eq "$(jq -r '.ais.undeclared[0].port' "$T/r1.json")" VEXXA "undeclared call listed"

# Declares both: applies on the declared call, nothing undeclared.
cat >"$T/noa2.json" <<JSON
{ "vessel": { "imo": 9074729, "mmsi": 367999999 },
  "arrival": { "port": "USHOU", "eta": "2023-11-25T06:00:00Z" },
  "port_calls": [ { "port": "XZAAA", "arrival": "$a1", "departure": "$d1" },
                  { "port": "VEXXA", "arrival": "$a2", "departure": "$d2" } ] }
JSON
expect_status 0 ps --format json screen "$T/noa2.json" --dry-run
cp "$T/out" "$T/r2.json"
expect_eq "$(jq -r '.coe.status' "$T/r2.json")" applies "declared CoE call"
expect_eq "$(jq -r '.coe.calls[0].evidence' "$T/r2.json")" declared "declared evidence"
expect_eq "$(jq -r '.ais.undeclared | length' "$T/r2.json")" 0 "nothing undeclared"
expect_eq "$(jq -r '[.ais.declared[].status] | join(",")' "$T/r2.json")" confirmed,confirmed "both confirmed"

# A ship AIS has never seen: no "ais" section, declared calls decide.
sed 's/367999999/367000001/' "$T/noa1.json" >"$T/noa3.json"
expect_status 0 ps --format json screen "$T/noa3.json" --dry-run
expect_eq "$(jq -r 'has("ais")' "$T/out")" false "no AIS data, no section"
expect_eq "$(jq -r '.coe.status' "$T/out")" does-not-apply "declared calls only"

# One place, two codes (as SCPOV and SCVIC): a declared call at the other
# code of the port AIS saw is confirmed, not contradicted.
sqlite3 "$DB" "INSERT INTO port (locode, country, name, lat, lon) VALUES ('VEXXB', 'VE', 'Test Venezuela bis', -12.0, 73.0);"
expect_status 0 ps --format json ais check --mmsi 367999999 "VEXXB,$a2,$d2" --to 2023-11-25
expect_eq "$(jq -r '.declared[0].status' "$T/out")" confirmed "same place under another code"
finish
