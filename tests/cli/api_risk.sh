#!/usr/bin/env bash
# Risk ranking and visit plan over the API (issue 7): after init and the
# demo loader, a viewer ranks the demo unit's countries (best first, every
# country of the unit), gets the year's plan with trips and its iCalendar
# download; bad arguments are 400 naming the field, an unknown unit 404,
# and nothing is served without a session. The server is stopped by its
# PID (api_lib.bash's EXIT trap).
. "$SRCDIR/tests/lib.sh"
command -v curl >/dev/null || { echo "curl is not installed"; exit 77; }
. "$SRCDIR/tests/cli/api_lib.bash"

api_setup
ps demo load >/dev/null || { echo "FAIL: demo load"; exit 1; }
api_start
login vic
py() { python3 -c "import json,sys; d=json.load(open('$T/body')); $1"; }
UNIT='Asia-Pacific%20(demo)'

# ---- units -----------------------------------------------------------------------------
expect_eq "$(as vic GET /api/v1/units)" 200 "units"
expect_eq "$(py 'print(any(u["name"]=="Asia-Pacific (demo)" for u in d["items"]))')" True "the demo unit is listed"

# ---- ranking ---------------------------------------------------------------------------
expect_eq "$(as vic GET "/api/v1/rank?unit=$UNIT&as_of=2026-11-01")" 200 "rank the demo unit"
expect_eq "$(py 'print(" ".join(sorted(c["country"] for c in d["countries"])))')" \
  "FJ FM ID KM LK MG MU MV NR PG PH SC TL" "the demo unit's countries"
expect_eq "$(py 's=[c["score"] for c in d["countries"]]; print(s==sorted(s, reverse=True))')" True "best first"
expect_eq "$(py 'print([c["rank"] for c in d["countries"]]==list(range(1,len(d["countries"])+1)))')" True "ranks 1..n"
expect_eq "$(py 'print(all(v["why"] for c in d["countries"] for v in c["components"].values()))')" True "every component says why"
expect_eq "$(as vic GET '/api/v1/rank?unit=Nowhere')" 404 "unknown unit"
expect_eq "$(as vic GET "/api/v1/rank?unit=$UNIT&as_of=yesterday")" 400 "bad as_of"
expect_grep '"field":"as_of"' "$T/body"

# ---- plan ------------------------------------------------------------------------------
expect_eq "$(as vic GET "/api/v1/plan?unit=$UNIT&year=2027&as_of=2026-11-01")" 200 "plan for 2027"
expect_eq "$(py 'print(d["trips"] > 0 and len(d["visits"]) > 0)')" True "the plan has trips"
expect_eq "$(as vic GET "/api/v1/plan?unit=$UNIT&year=2027&capacity=3&max_per_month=1")" 200 "plan with a capacity"
expect_eq "$(py 'print(d["capacity"])')" 3 "the capacity given is used"
expect_eq "$(as vic GET "/api/v1/plan?unit=$UNIT&year=abc")" 400 "year=abc"
expect_grep '"field":"year"' "$T/body"
expect_eq "$(as vic GET "/api/v1/plan?unit=$UNIT")" 400 "no year"
expect_grep '"field":"year"' "$T/body"
expect_eq "$(as vic GET "/api/v1/plan?unit=$UNIT&year=2027&max_per_month=40")" 400 "max_per_month 40"
expect_grep '"field":"max_per_month"' "$T/body"
expect_eq "$(as vic GET "/api/v1/plan?unit=$UNIT&year=2027&capacity=-1")" 400 "negative capacity"
expect_grep '"field":"capacity"' "$T/body"
expect_eq "$(as vic GET '/api/v1/plan?year=2027')" 400 "no unit"
expect_grep '"field":"unit"' "$T/body"
expect_eq "$(as vic GET '/api/v1/plan?unit=Nowhere&year=2027')" 404 "plan of an unknown unit"

# ---- iCalendar -------------------------------------------------------------------------
expect_eq "$(as vic GET "/api/v1/plan.ics?unit=$UNIT&year=2027&as_of=2026-11-01")" 200 "plan.ics"
expect_grep '[Cc]ontent-[Tt]ype: text/calendar' "$T/headers"
expect_eq "$(head -1 "$T/body" | tr -d '\r')" "BEGIN:VCALENDAR" "the .ics starts with BEGIN:VCALENDAR"
expect_grep 'BEGIN:VEVENT' "$T/body"
expect_eq "$(as vic GET "/api/v1/plan.ics?unit=$UNIT&year=abc")" 400 "plan.ics year=abc"

# ---- a session is needed ---------------------------------------------------------------
expect_eq "$(code GET "/api/v1/rank?unit=$UNIT")" 401 "rank without a session"
expect_eq "$(code GET "/api/v1/plan?unit=$UNIT&year=2027")" 401 "plan without a session"
expect_eq "$(code GET "/api/v1/plan.ics?unit=$UNIT&year=2027")" 401 "plan.ics without a session"
expect_eq "$(code GET /api/v1/units)" 401 "units without a session"
finish
