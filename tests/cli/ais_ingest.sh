#!/usr/bin/env bash
# portsec ais ingest, import port-areas and vessel calls/gaps/track:
# NMEA without times is refused with a clear message; tag-blocked NMEA and
# the NOAA, DMA and AMSA CSV layouts go in; re-ingesting changes nothing;
# AMSA's 2014 tracks with AMSA's port polygons give Sydney and Brisbane
# calls; errors give the documented exit statuses.
. "$SRCDIR/tests/lib.sh"
V="$SRCDIR/tests/ais"
S="${PSEC_SHARED:-}/data/ref"

expect_status 0 ps init

# No time anywhere: refused, and nothing stored.
expect_status 3 ps ais ingest "$V/random.nmea"
expect_grep 'none with a time' "$T/err"
ps --format json status >"$T/st"
expect_grep '"ais_point": 0' "$T/st"

# Our own CSV fixtures: layouts by header, a bad row counted, identity kept.
expect_status 0 ps --format json ais ingest --csv "$V/noaa-sample.csv"
expect_grep '"layout": "noaa"' "$T/out"
expect_grep '"rows_rejected": 1' "$T/out"
expect_grep '"points_stored": 4' "$T/out"
expect_grep '"gaps": 1' "$T/out"
expect_status 0 ps --format json ais gaps --imo 9000001
expect_grep '"kind": "gap"' "$T/out"
expect_grep '"hours": 7' "$T/out"
expect_grep '"start": "2023-01-11T00:10:00Z"' "$T/out"
expect_status 0 ps --format json ais vessel --imo 9000001
expect_grep '"name": "TEST TRADER"' "$T/out"
expect_grep '"flag": "US"' "$T/out"
expect_grep '"first_seen": "2023-01-11T00:00:00Z"' "$T/out"
expect_grep '"positions": 3' "$T/out"
expect_status 0 ps --format json ais ingest --csv "$V/dma-sample.csv"
expect_grep '"layout": "dma"' "$T/out"
expect_grep '"points_stored": 2' "$T/out"
expect_status 0 ps --format geojson ais track --mmsi 219000001
expect_grep '"type":"FeatureCollection"' "$T/out"
expect_grep '"positions":2' "$T/out"
expect_status 3 ps ais ingest --csv "$V/timed.nmea"
expect_grep 'not a known AIS CSV layout' "$T/err"

# Tag-blocked NMEA: only the timed line is stored.
expect_status 0 ps --format json ais ingest "$V/timed.nmea"
expect_grep '"positions_without_time": 1' "$T/out"
expect_grep '"points_stored": 1' "$T/out"

# Port-area files that are not polygons are refused with where and why.
printf '%s\n' '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"X"},"geometry":{"type":"Point","coordinates":[1,2]}}]}' >"$T/point.geojson"
expect_status 3 ps ais port-areas "$T/point.geojson"
expect_grep 'features\[0\]: needs a Polygon' "$T/err"
printf '%s\n' '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"X"},"geometry":{"type":"Polygon","coordinates":[[[1,2],[1,3]]]}}]}' >"$T/ring.geojson"
expect_status 3 ps ais port-areas "$T/ring.geojson"
expect_grep 'every ring needs at least 3 positions' "$T/err"
expect_status 3 ps ais port-areas "$V/timed.nmea"
expect_status 5 ps ais port-areas "$T/missing.geojson"

# Usage and lookups.
expect_status 2 ps ais calls
expect_status 2 ps ais calls --mmsi 12x
expect_status 4 ps ais calls --imo 1234567
expect_status 2 ps ais track --mmsi 219000001
expect_status 0 ps ais calls --help

if [ ! -f "$S/ais/amsa-vessel-tracks-2014.csv" ]; then
  echo "PSEC_SHARED data not found: AMSA port-call test skipped"
  finish; exit $?
fi

expect_status 0 ps --format json ais port-areas "$SRCDIR/data/port-areas/amsa-port-visit-polygons.geojson"
expect_grep '"areas": 41' "$T/out"
expect_grep "\"port\": \"AUSYD\"" "$T/out"
expect_grep "\"port\": \"AUBNE\"" "$T/out"
expect_status 0 ps --format json ais ingest --csv "$S/ais/amsa-vessel-tracks-2014.csv"
expect_grep '"layout": "amsa"' "$T/out"
expect_grep '"points_stored": 5689' "$T/out"

# 503000530 keeps entering and leaving the Port of Sydney polygon;
# 503000720 the Port of Brisbane polygon.
ps --format json ais calls --mmsi 503000530 >"$T/syd.json"
ps --format json ais calls --mmsi 503000720 >"$T/bne.json"
syd=$(grep -c '"port": "AUSYD"' "$T/syd.json")
bne=$(grep -c '"port": "AUBNE"' "$T/bne.json")
expect_eq "$([ "$syd" -ge 5 ] && echo ok)" ok "Sydney calls of 503000530 ($syd)"
expect_eq "$([ "$bne" -ge 20 ] && echo ok)" ok "Brisbane calls of 503000720 ($bne)"
expect_grep '"confidence": 4' "$T/syd.json"
expect_grep '"arrival": "2014-' "$T/bne.json"
ps --format json ais gaps --mmsi 503000720 >"$T/gaps.json"
expect_grep '"kind": "possible-dark"' "$T/gaps.json"
ps --format csv ais calls --mmsi 503000530 --from 2014-10-01 --to 2014-10-31 >"$T/oct.csv"
expect_grep '^mmsi,port' "$T/oct.csv"
expect_eq "$(grep -c AUSYD "$T/oct.csv")" 2 "Sydney calls touching October 2014"

# Declared calls against AIS (the screening check).
expect_status 0 ps --format json ais check --mmsi 503000530 AUSYD,2014-10-02,2014-10-10 \
  AUBNE,2014-10-12,2014-10-14 NZAKL,2014-07-01,2014-07-03
tr -d '\n ' <"$T/out" >"$T/check.json"
expect_grep '"port":"AUSYD","arrival":"2014-10-02T00:00:00Z","departure":"2014-10-10T23:59:59Z","status":"confirmed"' "$T/check.json"
expect_grep '"port":"AUBNE"[^}]*"status":"contradicted","reason":"AISputstheshipatAUSYD' "$T/check.json"
expect_grep '"port":"NZAKL"[^}]*"status":"not-observable"' "$T/check.json"
expect_grep '"undeclared":\[\{"port":"AUSYD","country":"AU"' "$T/check.json"
expect_status 2 ps ais check --mmsi 503000530 SYD,2014-10-02
expect_status 4 ps ais check --mmsi 123456789 AUSYD,2014-10-02

# Re-ingesting and re-importing change nothing.
ps --format json status >"$T/before.json"
expect_status 0 ps ais port-areas "$SRCDIR/data/port-areas/amsa-port-visit-polygons.geojson"
expect_status 0 ps ais ingest --csv "$S/ais/amsa-vessel-tracks-2014.csv"
expect_status 0 ps ais ingest --csv "$V/noaa-sample.csv"
ps --format json status >"$T/after.json"
expect_eq "$(cat "$T/after.json")" "$(cat "$T/before.json")" "counts after re-ingest"
ps --format json ais calls --mmsi 503000530 >"$T/syd2.json"
expect_eq "$(cat "$T/syd2.json")" "$(cat "$T/syd.json")" "calls after re-ingest"

# Kystverket's tag-blocked feed goes in with its times.
expect_status 0 ps --format json ais ingest "$S/ais/kystverket-1000-lines-2019-08-07.nm4"
expect_grep '"positions_without_time": 0' "$T/out"
expect_grep '"with_time": [1-9]' "$T/out"
finish
