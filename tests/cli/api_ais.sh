#!/usr/bin/env bash
# AIS over the API: a vessel's AIS identity, calls, gaps and GeoJSON track
# after 'ais ingest' of a small NOAA sample; ids checked; sign-in required.
. "$SRCDIR/tests/lib.sh"
command -v curl >/dev/null || { echo "curl is not installed"; exit 77; }
. "$SRCDIR/tests/cli/api_lib.bash"

api_setup
expect_status 0 ps ais ingest --csv "$SRCDIR/tests/ais/noaa-sample.csv"
mmsi=$(awk -F, 'NR == 2 { print $1 }' "$SRCDIR/tests/ais/noaa-sample.csv")
api_start
login vic

expect_eq "$(code GET "/api/v1/vessels/$mmsi/ais")" 401 "AIS needs a session"
expect_eq "$(as vic GET "/api/v1/vessels/$mmsi/ais")" 200 "AIS identity"
expect_grep "\"mmsi\":$mmsi" "$T/body"
expect_eq "$(as vic GET "/api/v1/vessels/$mmsi/calls")" 200 "AIS calls"
expect_grep '"total":[0-9]+' "$T/body"
expect_eq "$(as vic GET "/api/v1/vessels/$mmsi/gaps?from=2000-01-01&to=2100-01-01")" 200 "AIS gaps in a window"
expect_eq "$(as vic GET "/api/v1/vessels/$mmsi/track")" 200 "AIS track"
expect_grep '"type":"FeatureCollection"' "$T/body"
expect_eq "$(as vic GET "/api/v1/vessels/12345/track")" 400 "not an IMO number or MMSI"
expect_grep '"field":"id"' "$T/body"
expect_eq "$(as vic GET "/api/v1/vessels/$mmsi/calls?from=yesterday")" 400 "bad time"
expect_grep '"field":"from"' "$T/body"
finish
