#!/usr/bin/env bash
# Assessments over the API: roles (viewer reads, analyst records, approver
# determines), answers saved one by one with their audit rows (before and
# after), a closed assessment refuses answers, the HTML report.
. "$SRCDIR/tests/lib.sh"
command -v curl >/dev/null || { echo "curl is not installed"; exit 77; }
. "$SRCDIR/tests/cli/api_lib.bash"

api_setup
ps visit demo >/dev/null || { echo "FAIL: visit demo"; exit 1; }
api_start
for u in admin ann vic pat; do login $u; done
py() { python3 -c "import json,sys; d=json.load(open('$T/body')); $1"; }

expect_eq "$(as vic GET /api/v1/checklist)" 200 "checklist"
item=$(py 'print([i["id"] for i in d["items"] if i["scope"]=="country"][0])')
n=$(py 'print(len(d["items"]))')
expect_eq "$([ "$n" -gt 50 ] && echo many)" many "checklist items ($n)"
expect_eq "$(as vic GET '/api/v1/assessments?country=SC')" 200 "assessment list"
expect_grep '"total":[1-9]' "$T/body"

expect_eq "$(as vic POST /api/v1/visits -d '{"country":"SC","start":"2026-11-02","kind":"follow-up"}')" 403 "viewer records a visit"
expect_eq "$(as ann POST /api/v1/visits -d '{"country":"SC","start":"2026-11-02","kind":"follow-up"}')" 201 "analyst records a visit"
visit=$(py 'print(d["id"])')
expect_eq "$(as ann POST /api/v1/assessments -d "{\"visit\":$visit}")" 201 "analyst starts an assessment"
aid=$(py 'print(d["id"])')

nasty="x'); DROP TABLE answer; -- \""
body=$(python3 -c 'import json,sys; print(json.dumps({"answer":"NO","note":sys.argv[1]}))' "$nasty")
expect_eq "$(as vic PUT "/api/v1/assessments/$aid/answers/$item" -d "$body")" 403 "viewer answers"
expect_eq "$(as ann PUT "/api/v1/assessments/$aid/answers/$item" -d "$body")" 200 "analyst answers NO"
expect_eq "$(as ann PUT "/api/v1/assessments/$aid/answers/$item" -d '{"answer":"MAYBE"}')" 400 "not an answer"
expect_eq "$(as ann PUT "/api/v1/assessments/$aid/answers/NOPE-99" -d '{"answer":"YES"}')" 400 "not an item"
expect_eq "$(as ann PUT "/api/v1/assessments/$aid/answers/$item" -d "$(python3 -c 'import json,sys; print(json.dumps({"answer":"YES","note":sys.argv[1]}))' "$nasty")")" 200 "analyst changes it to YES"
expect_eq "$(as vic GET "/api/v1/assessments/$aid")" 200 "assessment read back"
got=$(py "print([a for a in d['answers'] if a['item']=='$item'][0]['answer'])")
expect_eq "$got" YES "answer saved"
got=$(py "print([a for a in d['answers'] if a['item']=='$item'][0]['note'])")
expect_eq "$got" "$nasty" "note returned literally"

expect_eq "$(as admin GET "/api/v1/audit?entity=assessment&key=$aid/$item")" 200 "audit of the answer"
expect_grep '"actor":"ann"' "$T/body"
got=$(py 'print(d["items"][0]["before"]["answer"], d["items"][0]["after"]["answer"])')
expect_eq "$got" "NO YES" "audit row has the answer before and after"

expect_eq "$(as ann POST "/api/v1/assessments/$aid/close")" 200 "close"
c=$(as ann PUT "/api/v1/assessments/$aid/answers/$item" -d '{"answer":"NO"}')
expect_eq "$([ "$c" = 400 ] || [ "$c" = 409 ] && echo refused)" refused "answer on a closed assessment ($c)"

expect_eq "$(as vic GET /api/v1/reports/SC)" 200 "HTML report"
expect_grep '[Cc]ontent-[Tt]ype: text/html' "$T/headers"
expect_grep 'Seychelles' "$T/body"
expect_eq "$(as vic GET '/api/v1/recommendations?country=SC')" 200 "recommendations"
expect_eq "$(as ann POST /api/v1/determinations -d '{"country":"SC","result":"effective"}')" 403 "analyst records a determination"
expect_eq "$(as vic GET /api/v1/determinations/SC/proposal)" 200 "proposal"

finish
