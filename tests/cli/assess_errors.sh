#!/usr/bin/env bash
# Bad input to the assessment commands: the message names the item or the
# JSON path, the exit status is the documented one, and nothing is written.
. "$SRCDIR/tests/lib.sh"

expect_status 0 ps init
expect_status 0 ps visit demo          # Seychelles, port SCPOV, facilities (demo data)
expect_status 0 ps --format json visit add --country SC --start 2026-06-01 --end 2026-06-03 \
  --kind follow-up --team "T. One (IPS)" --sites "SCPOV-0001"
VISIT=$(sed -n 's/^ *"id": \([0-9]*\),*$/\1/p' "$T/out" | head -1)
expect_eq "$VISIT" 3 "new visit id"
expect_status 0 ps --format json assess start --visit "$VISIT" --facility SCPOV-0001
A=$(sed -n 's/^ *"id": \([0-9]*\),*$/\1/p' "$T/out" | head -1)
expect_status 0 ps assess answer "$A" AC-01 YES --note "gate controlled"

count_answers() { ps --format json assess export "$A" | grep -c '"item"'; }
before=$(count_answers)

# Unknown item id: exit 3, the item named.
expect_status 3 ps assess answer "$A" AC-99 YES
expect_grep 'item "AC-99" is not in checklist isps-port-security 1.0.0' "$T/err"
# An answer outside the four.
expect_status 3 ps assess answer "$A" AC-02 MAYBE
expect_grep 'item AC-02: answer "MAYBE" is not one of YES, NO, NA, NO_OBS' "$T/err"
# A country-level item in a facility assessment.
expect_status 3 ps assess answer "$A" LEG-01 YES
expect_grep 'LEG-01 is a country-level item' "$T/err"
expect_eq "$(count_answers)" "$before" "answers after rejected edits"

# JSON import with a wrong field: the JSON path, exit 3, no assessment created.
n_before=$(ps --format json assess list | grep -c '"id"')
cat >"$T/bad.json" <<JSON
{"format": "portsec-assessment", "format_version": 1, "scope": "facility",
 "country": "SC", "facility": "SCPOV-0002",
 "items": [{"item": "AC-01", "answer": "YES"}, {"item": "AC-02", "answer": "NO"},
           {"item": "AC-03", "answer": "MAYBE"}]}
JSON
expect_status 3 ps assess import "$T/bad.json" --visit "$VISIT"
expect_grep 'items\[2\]\.answer: "MAYBE" is not one of YES, NO, NA, NO_OBS' "$T/err"
sed 's/"answer": "MAYBE"/"answr": "YES"/' "$T/bad.json" >"$T/bad2.json"
expect_status 3 ps assess import "$T/bad2.json" --visit "$VISIT"
expect_grep 'items\[2\]\.answr: unknown field' "$T/err"
echo '{"format": "portsec-assessment", "format_version": 1' >"$T/broken.json"
expect_status 3 ps assess import "$T/broken.json" --visit "$VISIT"
expect_status 5 ps assess import "$T/missing.json" --visit "$VISIT"
expect_eq "$(ps --format json assess list | grep -c '"id"')" "$n_before" "assessments after bad imports"

# Closing, then any edit to the closed assessment: exit 3, nothing written.
expect_status 0 ps assess answer "$A" AC-02 NO --note "no identity check at gate B"
expect_status 0 ps --format json assess close "$A" --date 2026-06-03
F=$(grep -o '"id": [0-9]*' "$T/out" | tail -1 | grep -o '[0-9]*$')
expect_status 3 ps assess answer "$A" AC-03 YES
expect_grep "assessment $A is closed" "$T/err"
expect_status 3 ps assess close "$A"
before=$(count_answers)
expect_eq "$before" 2 "answers of the closed assessment"

# A due date before the finding (found 2026-06-03, the assessment day: the visit end): exit 3, no recommendation.
expect_status 3 ps rec add --finding "$F" --text "Check identity at gate B" --due 2026-05-01 \
  --date 2026-06-10
expect_grep 'due date 2026-05-01 is before the finding it answers \(2026-06-03\)' "$T/err"
expect_status 0 ps --format json rec list --country SC --as-of 2026-10-01
n_recs=$(grep -c '"text"' "$T/out")
expect_eq "$n_recs" 4 "recommendations after the rejected one (4 demo)"
expect_status 4 ps rec add --finding 999 --text "x" --due 2026-07-01 --date 2026-06-10
expect_status 3 ps rec add --finding "$F" --text "x" --due 2026-07-01 --priority urgent
# Status changes that are not allowed.
expect_status 0 ps --format json rec add --finding "$F" --text "Check identity at gate B" \
  --due 2026-07-01 --date 2026-06-10 --owner "Port facility operator"
R=$(sed -n 's/^ *"id": \([0-9]*\),*$/\1/p' "$T/out" | head -1)
expect_status 3 ps rec update "$R" --status verified --date 2026-06-11
expect_grep 'only an implemented recommendation can be verified' "$T/err"
expect_status 3 ps rec update "$R" --status in-progress --date 2026-06-01
expect_grep 'before the previous change' "$T/err"
expect_status 3 ps rec update "$R" --status done --date 2026-06-12
expect_status 3 ps rec update "$R" --status in-progress --date 2026-06-12 --version 7
expect_grep 'changed by someone else' "$T/err"

# Drills, practices, determinations.
expect_status 3 ps facility drill add SCPOV-0001 --kind rehearsal --date 2026-06-01
expect_status 3 ps facility drill add SCPOV-0001 --kind drill --date 2026-13-01
expect_status 4 ps facility drill add SCPOV-9999 --kind drill --date 2026-06-01
expect_status 2 ps facility drill add SCPOV-0001 --date 2026-06-01
expect_status 3 ps practice add --section nowhere --title t --text x
expect_status 3 ps determine record SC --result maybe --date 2026-06-01 --rationale r
expect_status 2 ps determine record SC --result effective --date 2026-06-01
expect_status 2 ps determine record SC --result effective --date 2026-06-01 --rationale r \
  --notified 2026-06-02
expect_status 4 ps determine propose ZZ

# Usage errors, not found, help.
expect_status 2 ps assess
expect_status 2 ps assess frobnicate
expect_status 2 ps assess answer "$A" AC-01
expect_status 2 ps assess show abc
expect_status 4 ps assess show 999
expect_status 4 ps visit show 999
expect_status 3 ps visit add --country SC --start 2026-06-05 --end 2026-06-01
expect_status 3 ps visit add --country SC --start 2026-06-05 --kind holiday
expect_status 4 ps visit add --country SC --start 2026-06-05 --sites SCXXX
for g in visit assess rec practice determine report; do
  expect_status 0 ps $g --help
done
expect_status 0 ps facility drill --help
finish
