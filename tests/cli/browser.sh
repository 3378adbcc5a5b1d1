#!/usr/bin/env bash
# Browser tests: the dashboard in Debian's chromium driven by playwright-core
# (tests/browser/dashboard.mjs). Skips (77) only when chromium cannot run on
# this machine; a missing playwright-core is a failed bootstrap, not a skip.
. "$SRCDIR/tests/lib.sh"
CHROMIUM=${PSEC_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then echo "chromium is not installed ($CHROMIUM)"; exit 77; fi
if ! timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
     --user-data-dir="$T/probe" --dump-dom about:blank >/dev/null 2>"$T/probe.err"; then
  echo "chromium cannot run here:"; tail -5 "$T/probe.err"; exit 77
fi
command -v node >/dev/null || { echo "FAIL: node is not installed"; exit 1; }
if [ ! -d "$SRCDIR/web/node_modules/playwright-core" ]; then
  echo "FAIL: web/node_modules/playwright-core is missing; run scripts/bootstrap-web.sh"; exit 1
fi
. "$SRCDIR/tests/cli/api_lib.bash"
api_setup
# Demonstration data of the modules this build has.
if "$PORTSEC" advisory --help >/dev/null 2>&1; then ps advisory load >/dev/null; fi
if "$PORTSEC" visit --help >/dev/null 2>&1; then ps visit demo >/dev/null; fi
if "$PORTSEC" unit --help >/dev/null 2>&1; then ps unit load-demo >/dev/null; fi
# AIS: the example ship (IMO 9074729) seen alongside at Victoria, Seychelles,
# on 1 September 2025, so that the screening page has AIS evidence and a track.
if "$PORTSEC" ais --help >/dev/null 2>&1; then
  python3 - >"$T/voyage.csv" <<'PY'
import datetime
print("MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,"
      "Length,Width,Draft,Cargo,TransceiverClass")
t = datetime.datetime(2025, 9, 1)
lat, lon = -4.2, 55.9
def out(sog):
    print("636092001,%s,%.5f,%.5f,%.1f,0.0,511,EXAMPLE TRADER,IMO9074729,D5AB1,70,0,180,30,9.5,70,A"
          % (t.strftime("%Y-%m-%dT%H:%M:%S"), lat, lon, sog))
while abs(lat + 4.617) > 0.002 or abs(lon - 55.45) > 0.002:
    lat += (-4.617 - lat) * 0.1; lon += (55.45 - lon) * 0.1
    t += datetime.timedelta(minutes=3); out(12)
for _ in range(200):
    t += datetime.timedelta(minutes=3); out(0)
for _ in range(60):
    lat += 0.01; lon += 0.01; t += datetime.timedelta(minutes=3); out(12)
PY
  ps ais ingest --csv "$T/voyage.csv" >/dev/null && export PSEC_AIS_IMO=9074729
fi
api_start
if curl -s "$BASE/api/v1/health" | grep -q '"assessments"'; then
  login ann
  as ann POST /api/v1/visits -d '{"country":"SC","start":"2026-11-02","kind":"follow-up"}' >/dev/null
  visit=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$T/body")
  as ann POST /api/v1/assessments -d "{\"visit\":$visit}" >/dev/null
  export PSEC_ASSESS_ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$T/body")
fi
OUT="${BUILDDIR:-$T}/test-output/browser"
rm -rf "$OUT"
PSEC_ADMIN_PW="${PASSWORD[admin]}" PSEC_VIEWER_PW="${PASSWORD[vic]}" \
  timeout 120 node "$SRCDIR/tests/browser/dashboard.mjs" "$BASE" "$OUT"
