#!/usr/bin/env bash
# Screening through the command line: the "done when" of issue 4 (Port
# Victoria in September 2025, Houston on 1 October 2025: conditions apply,
# the call is named, the actions listed, priority ISPS I; golden JSON),
# storing and --dry-run, bad NOAs with their JSON paths and nothing stored,
# batches with a bad line, and the targeting lists and vessel history
# moving the points.
. "$SRCDIR/tests/lib.sh"
command -v jq >/dev/null || { echo "jq not installed: skipped"; exit 77; }

expect_status 0 ps init
expect_status 0 ps advisory load

cat >"$T/noa.json" <<'NOA'
{ "noa_id": "N-1",
  "vessel": { "imo": "9074729", "mmsi": "636092001", "name": "EXAMPLE", "flag": "LR", "type": "bulk carrier",
              "rso": "Example Register", "owner": "Example Owner Ltd", "operator": "Example Ops",
              "charterer": "Example Charter", "built": 2008 },
  "arrival": { "port": "USHOU", "eta": "2025-10-01T06:00:00Z" },
  "port_calls": [ { "port": "SCPOV", "facility": "SCPOV-0001", "arrival": "2025-09-01T00:00:00Z",
                    "departure": "2025-09-03T12:00:00Z", "purpose": "cargo" } ] }
NOA

expect_status 0 ps --format json screen "$T/noa.json" --dry-run
golden screen/port-victoria.json "$T/out"
expect_eq "$(jq -r .coe.status "$T/out")" applies "coe.status"
expect_eq "$(jq -r .coe.applies "$T/out")" true "coe.applies"
expect_eq "$(jq -r .coe.direct "$T/out")" true "coe.direct"
expect_eq "$(jq -r '.coe.calls[0].port' "$T/out")" SCPOV "the triggering call"
expect_eq "$(jq -r '.coe.calls[0].in_force_since' "$T/out")" 2019-04-12 "in_force_since"
expect_eq "$(jq -r '.coe.calls[0].advisory' "$T/out")" "PSA 1-19" "advisory"
expect_eq "$(jq '.coe.actions | length' "$T/out")" 7 "actions"
expect_eq "$(jq -r .targeting.priority "$T/out")" "ISPS I" "priority"
expect_eq "$(jq -r .targeting.matrix_version "$T/out")" "uscg-isps-2025.1+r1" "matrix version"
expect_status 0 ps screen "$T/noa.json" --dry-run
expect_grep 'conditions of entry: applies' "$T/out"
expect_grep 'targeting: ISPS I' "$T/out"

# --dry-run stored nothing; a plain screen stores the result and the vessel.
expect_status 4 ps vessel show 9074729
expect_status 0 ps --format json screen "$T/noa.json"
expect_status 0 ps --format json vessel show 9074729
expect_eq "$(jq '.screenings | length' "$T/out")" 1 "stored screenings"
expect_eq "$(jq -r '.screenings[0].matrix_version' "$T/out")" "uscg-isps-2025.1+r1" "stored version"
expect_eq "$(jq -r .name "$T/out")" EXAMPLE "vessel name from the NOA"

# Bad NOAs: the JSON path in the message, exit 3, nothing stored.
bad() {  # bad EXPECTED-MESSAGE JQ-FILTER
  jq "$2" "$T/noa.json" >"$T/bad.json"
  expect_status 3 ps screen "$T/bad.json"
  expect_grep "$1" "$T/err"
}
bad 'vessel\.imo: 9074728 fails the IMO check digit' '.vessel.imo = "9074728"'
bad 'port_calls\[0\]\.departure: 2025-08-31T00:00:00Z is before its arrival' '.port_calls[0].departure = "2025-08-31"'
bad 'arrival\.eta: 2025-09-02T00:00:00Z is before the last departure' '.arrival.eta = "2025-09-02"'
bad 'arrival\.eta: missing' 'del(.arrival.eta)'
bad 'port_calls: 11 calls; at most 10' '.port_calls[0] as $c | .port_calls = [range(11) | $c]'
expect_status 0 ps --format json vessel show 9074729
expect_eq "$(jq '.screenings | length' "$T/out")" 1 "nothing stored for bad NOAs"

# An unknown UN/LOCODE is screened by its prefix, with a warning.
jq '.port_calls[0].port = "SCZZZ" | .port_calls[0].facility = null' "$T/noa.json" >"$T/unk.json"
expect_status 0 ps --format json screen "$T/unk.json" --dry-run
expect_eq "$(jq -r .coe.status "$T/out")" applies "unknown port in SC"
expect_grep 'SCZZZ is not a known UN/LOCODE; screened by its country prefix SC' "$T/out"

# Batch: one result per line, bad lines reported with their numbers, exit 3.
jq -c . "$T/noa.json" >"$T/batch.jsonl"
jq -c '.vessel.imo = "1234568"' "$T/noa.json" >>"$T/batch.jsonl"
echo "" >>"$T/batch.jsonl"
jq -c '.noa_id = "N-3" | .port_calls[0].port = "SGSIN"' "$T/noa.json" >>"$T/batch.jsonl"
echo '{not json' >>"$T/batch.jsonl"
expect_status 3 ps screen --batch "$T/batch.jsonl" --dry-run
expect_eq "$(wc -l <"$T/out")" 2 "batch results"
expect_grep 'batch\.jsonl:2: vessel\.imo: 1234568 fails the IMO check digit' "$T/err"
expect_grep 'batch\.jsonl:5: \$: not JSON' "$T/err"
expect_grep '2 of 5 lines were bad' "$T/err"
expect_eq "$(sed -n 2p "$T/out" | jq -r .coe.status)" does-not-apply "batch line 4"
head -1 "$T/batch.jsonl" >"$T/one.jsonl"
checks=$((checks + 1))
ps screen --batch - <"$T/one.jsonl" >"$T/out" 2>"$T/err" || { echo "FAIL: batch from stdin"; failures=$((failures + 1)); }
expect_eq "$(jq -r .coe.status "$T/out")" applies "batch from standard input"
expect_status 0 ps --format json vessel show 9074729
expect_eq "$(jq '.screenings | length' "$T/out")" 2 "batch stored one more"

# Targeting lists and vessel history move the points; each result names the
# list revision it used.
jq '.arrival.eta = "2025-10-01" | .port_calls[0].port = "SGSIN" | .port_calls[0].facility = null' \
  "$T/noa.json" >"$T/clean.json"
expect_status 0 ps --format json screen "$T/clean.json" --dry-run
expect_eq "$(jq -r .coe.status "$T/out")" does-not-apply "clean NOA"
expect_eq "$(jq -r .targeting.priority "$T/out")" "ISPS II" "no exam recorded: lifted to ISPS II"
expect_status 0 ps vessel exam add 9074729 --date 2025-06-01 --kind isps
expect_status 0 ps --format json screen "$T/clean.json" --dry-run
expect_eq "$(jq -r .targeting.priority "$T/out")" "ISPS III" "exam recorded"
expect_status 0 ps target add flag LR --points 7 --from 2025-01-01
expect_grep 'uscg-isps-2025.1\+r2' "$T/out"
expect_status 0 ps target add company "Example Charter" --points 5
expect_status 0 ps vessel action add 9074729 --date 2025-03-01 --kind detention --security
expect_status 0 ps vessel action add 9074729 --date 2025-04-01 --kind restriction
expect_status 0 ps --format json screen "$T/clean.json" --dry-run
expect_eq "$(jq .targeting.points "$T/out")" 19 "flag 7 + company 5 + detention 7"
expect_eq "$(jq -r .targeting.priority "$T/out")" "ISPS I" "19 points"
expect_eq "$(jq -r .targeting.matrix_version "$T/out")" "uscg-isps-2025.1+r3" "version after two adds"
expect_eq "$(jq -r '[.targeting.items[].column] | join(",")' "$T/out")" \
  "ship_management,flag,security_history" "items"
# An old screening recomputed with the matrix version it named.
expect_status 0 ps --format json screen "$T/clean.json" --dry-run --matrix uscg-isps-2025.1+r1
expect_eq "$(jq .targeting.points "$T/out")" 7 "revision 1: only the detention"
expect_eq "$(jq -r .targeting.matrix_version "$T/out")" "uscg-isps-2025.1+r1" "old version"
expect_status 4 ps screen "$T/clean.json" --dry-run --matrix uscg-isps-2025.1+r9
expect_status 3 ps screen "$T/clean.json" --dry-run --matrix nonsense
expect_status 0 ps --format json target list
expect_eq "$(jq -r .matrix_version "$T/out")" "uscg-isps-2025.1+r3" "target list version"
expect_grep '"basis": "assumed"' "$T/out"
expect_status 3 ps target add flag LR --points 500
expect_status 2 ps target add ship X --points 1
expect_status 2 ps target add flag LR
expect_status 3 ps vessel action add 9074729 --date 2025-03-01 --kind arrest
expect_status 4 ps vessel exam add 9176187 --date 2025-03-01 --kind isps
expect_status 3 ps vessel add 9074728
expect_status 0 ps vessel add 9176187 --name "OTHER SHIP" --flag PA --built 2010
expect_status 0 ps screen --help
expect_status 0 ps vessel --help
expect_status 0 ps target --help
expect_status 2 ps screen
expect_status 5 ps screen "$T/missing.json"

finish
