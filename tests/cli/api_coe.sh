#!/usr/bin/env bash
# Advisories, conditions of entry and screening over the API: the public
# feed (JSON and CSV) needs no session; the list and checks need one;
# screening a ship that called at Port Victoria says conditions of entry
# apply; a bad NOA gets 400 naming where; roles for screening and publishing.
. "$SRCDIR/tests/lib.sh"
command -v curl >/dev/null || { echo "curl is not installed"; exit 77; }
. "$SRCDIR/tests/cli/api_lib.bash"

api_setup
ps advisory load >/dev/null || { echo "FAIL: advisory load"; exit 1; }
api_start
for u in admin ann vic pat; do login $u; done
py() { python3 -c "import json,sys; d=json.load(open('$T/body')); $1"; }

# ---- the feed is public ------------------------------------------------------------------
expect_eq "$(code GET /api/v1/coe/feed)" 200 "feed without a session"
expect_grep '"advisories":\[' "$T/body"
expect_eq "$(code GET '/api/v1/coe/feed?format=csv')" 200 "CSV feed"
expect_grep '[Cc]ontent-[Tt]ype: text/csv' "$T/headers"
expect_eq "$(head -1 "$T/body" | cut -d, -f1-2)" "country,action" "CSV header"
expect_eq "$(code GET '/api/v1/coe/feed?format=xml')" 400 "unknown feed format"
expect_eq "$(code GET /api/v1/coe)" 401 "the list needs a session"

# ---- list and checks -----------------------------------------------------------------------
expect_eq "$(as vic GET '/api/v1/coe?date=2025-10-01&limit=1000')" 200 "list on a date"
expect_grep '"country":"SC"' "$T/body"
expect_eq "$(as vic GET '/api/v1/coe?date=2016-06-01&limit=1000')" 200 "list in 2016"
expect_eq "$(py 'print(any(r["country"]=="CU" for r in d["items"]))')" False "Cuba was off the list in June 2016"
expect_eq "$(as vic GET '/api/v1/coe/check?country=SC&date=2025-10-01')" 200 "check a country"
expect_grep '"status":"applies"' "$T/body"
expect_eq "$(as vic GET '/api/v1/coe/check?port=SCPOV&country=SC')" 400 "two things to check"
expect_eq "$(as vic GET '/api/v1/coe/check?country=SC&date=October')" 400 "bad date"
expect_grep '"field":"date"' "$T/body"

# ---- the map colours Seychelles by its conditions of entry -----------------------------------
expect_eq "$(as vic GET /api/v1/countries/status)" 200 "country status"
expect_eq "$(py 'print([r["status"] for r in d["items"] if r["alpha2"]=="SC"][0])')" conditions_of_entry "Seychelles status"

# ---- screening -----------------------------------------------------------------------------------
noa='{"noa_id":"api-1","vessel":{"imo":"9074729","name":"TEST TRADER","flag":"LR"},
      "arrival":{"port":"USHOU","eta":"2025-10-01T06:00:00Z"},
      "port_calls":[{"port":"SCPOV","arrival":"2025-09-01T00:00:00Z","departure":"2025-09-03T12:00:00Z"}]}'
expect_eq "$(as vic POST /api/v1/screen -d "$noa")" 403 "a viewer cannot screen"
expect_eq "$(as ann POST /api/v1/screen -d "$noa")" 200 "an analyst screens"
expect_eq "$(py 'print(d["coe"]["status"], d["coe"]["calls"][0]["port"], len(d["coe"]["actions"]) > 0, d["targeting"]["priority"])')" \
  "applies SCPOV True ISPS I" "conditions of entry apply because of the Port Victoria call"
expect_eq "$(as ann POST /api/v1/screen -d '{"vessel": ')" 400 "NOA that is not JSON"
expect_grep '"position":1[0-9]' "$T/body"
bad='{"vessel":{"imo":"9074728","name":"X","flag":"LR"},"arrival":{"port":"USHOU","eta":"2025-10-01"},"port_calls":[]}'
expect_eq "$(as ann POST /api/v1/screen -d "$bad")" 400 "IMO number with a wrong check digit"
expect_grep 'vessel.imo' "$T/body"
tok=$(ps user token ann --label robot)
expect_eq "$(code POST '/api/v1/screen?dry_run=1' -H "Authorization: Bearer $tok" -d "$noa")" 200 "screening with a token"

# ---- publishing ------------------------------------------------------------------------------------
adv='{"id":"PSA TEST-1","issued":"2030-01-01","title":"test","source":"test notice","changes":[{"action":"add_country","country":"FR","effective":"2030-01-15","basis":"assessment","confidence":"confirmed"}]}'
expect_eq "$(as ann POST /api/v1/advisories -d "$adv")" 403 "an analyst cannot publish"
expect_eq "$(as pat POST /api/v1/advisories -d "$adv")" 201 "an approver publishes"
expect_eq "$(as pat POST /api/v1/advisories -d "$adv")" 409 "the same advisory twice"
expect_eq "$(as vic GET '/api/v1/coe/check?country=FR&date=2030-02-01')" 200 "the new advisory applies"
expect_grep '"status":"applies"' "$T/body"
expect_eq "$(as admin GET '/api/v1/audit?entity=advisory')" 200 "audit of the publication"
expect_grep '"actor":"pat"' "$T/body"
finish
