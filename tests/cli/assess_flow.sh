#!/usr/bin/env bash
# The newcomer's path: record a visit, answer a facility checklist, close
# it, get a determination proposal with its reasons, record the decision,
# and produce a report. Registry records come from the demo loader
# (Seychelles; demo data); the visit and assessment made here are not demo.
. "$SRCDIR/tests/lib.sh"
id_of() { sed -n 's/^ *"id": \([0-9]*\),*$/\1/p' "$T/out" | head -1; }

expect_status 0 ps init
expect_status 0 ps visit demo
expect_status 0 ps --format json visit add --country Seychelles --kind assessment \
  --start 2026-09-14 --end 2026-09-18 --team "A. Analyst (IPS); B. Liaison (IPS)" \
  --officials "C. Director (Designated Authority)" --sites "SCPOV; SCPOV-0002" \
  --notes "Follow-up of the March visit"
V=$(id_of)
expect_grep '"kind": "assessment"' "$T/out"
expect_status 0 ps visit show "$V"
expect_grep 'officials' "$T/out"

# Checklist items for a facility assessment.
expect_status 0 ps --format csv assess items --scope facility
expect_eq "$(($(wc -l <"$T/out") - 1))" 84 "facility items"

expect_status 0 ps --format json assess start --visit "$V" --facility SCPOV-0002 --assessor "A. Analyst"
A=$(id_of)
# Answer every facility item YES, then a few others, by importing and by hand.
ps --format json assess export 5 >"$T/prev.json"       # the demo assessment of SCPOV-0002
expect_grep '"facility": "SCPOV-0002"' "$T/prev.json"
for item in PA-01 PA-07 AC-06 RA-02 TR-04; do
  expect_status 0 ps assess answer "$A" $item YES --note "corrected since March"
done
expect_status 0 ps assess answer "$A" AC-01 NO --note "gate B unattended at night" --evidence "photo 3; log 2026-09-15"
expect_status 0 ps assess answer "$A" MO-01 NO_OBS
expect_status 0 ps assess answer "$A" UB-01 NA
expect_status 0 ps assess show "$A" --as-of 2026-09-18
expect_grep 'critical failures: 1' "$T/out"
expect_grep 'AC-01' "$T/out"
expect_status 0 ps --format json assess show "$A" --as-of 2026-09-18
expect_grep '"score": 0\.' "$T/out"
expect_status 0 ps --format json assess close "$A" --date 2026-09-20
expect_grep '"item": "AC-01"' "$T/out"
F=$(grep -o '"id": [0-9]*' "$T/out" | tail -1 | grep -o '[0-9]*$')

# Import: the export of a closed assessment is accepted as a new one.
expect_status 0 ps assess import "$T/prev.json" --visit "$V" --close --date 2026-09-20
expect_grep 'answers_imported' "$T/out"

# Proposal: one of two facilities fails a critical access-control item -> not effective (R2).
expect_status 0 ps determine propose SC --as-of 2026-09-21
expect_grep 'proposed not-effective' "$T/out"
expect_grep '\* R2 .*1 of 2 assessed facilities' "$T/out"
expect_status 0 ps --format json determine propose SC --as-of 2026-09-21
expect_grep '"item": "AC-01"' "$T/out"
expect_grep '"next_reassessment_due": "2029-09-18"' "$T/out"

# The decision, made by a person, with the 90-day deadline from notification.
expect_status 0 ps --format json determine record SC --result not-effective --date 2026-09-25 \
  --notified 2026-10-01 --rationale "Access control at gate B"
expect_grep '"correction_deadline": "2026-12-30"' "$T/out"
expect_grep '"proposal_result": "not-effective"' "$T/out"
expect_status 0 ps determine history SC --as-of 2026-10-02
expect_grep 'not-effective' "$T/out"
expect_grep 'next reassessment due: 2029-09-18' "$T/out"

# Recommendation, overdue on a later day.
expect_status 0 ps --format json rec add --finding "$F" --text "Staff gate B at night" \
  --priority high --owner "Port facility operator" --due 2026-10-15 --date 2026-09-25
R=$(id_of)
expect_status 0 ps --format json rec list --overdue --as-of 2026-10-20
expect_grep "\"id\": $R" "$T/out"
expect_status 0 ps rec update "$R" --status in-progress --date 2026-10-02 --version 1
expect_status 0 ps --format json rec list --overdue --as-of 2026-10-10
if grep -q "\"id\": $R," "$T/out"; then echo "FAIL: not yet overdue on 2026-10-10"; failures=$((failures+1)); fi

# Drills and the ISPS rule.
expect_status 0 ps facility drill add SCPOV-0002 --kind exercise --date 2026-09-01 --scenario "fuel berth fire"
expect_status 0 ps facility drill list SCPOV-0002 --as-of 2026-10-01
expect_grep 'does not meet the rule' "$T/out"
expect_grep 'no drill between' "$T/out"

# Best-practice library: the export carries no source country.
expect_status 0 ps practice add --section access_control --title "Gate log" --text "Paper log cross-checked daily" --visit "$V"
expect_status 0 ps --format json practice list --country SC
expect_grep '"title": "Gate log"' "$T/out"
expect_status 0 ps practice export --section access_control
expect_grep 'Gate log' "$T/out"
if grep -q '"country"' "$T/out"; then echo "FAIL: practice export names a country"; failures=$((failures+1)); fi

# The report shows the recorded decision, the deadline and the change.
expect_status 0 ps report country SC --as-of 2026-10-20 --format md
expect_grep 'Recorded determination \(2026-09-25\): \*\*Not effective\*\*' "$T/out"
expect_grep 'corrected by \*\*2026-12-30\*\*' "$T/out"
expect_grep 'overdue 5 days' "$T/out"
expect_grep 'Change since the previous assessment' "$T/out"
finish
