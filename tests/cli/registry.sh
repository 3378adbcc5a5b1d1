#!/usr/bin/env bash
# The registry through the command line: init twice, the "done when"
# examples, bad input with the documented exit statuses, and an import that
# fails on one bad row leaving every table as it was.
. "$SRCDIR/tests/lib.sh"

expect_status 0 ps init
expect_status 0 ps init
expect_grep 'nothing changed' "$T/out"

ps --format json status >"$T/before.json"
expect_status 0 ps --format json port show SCPOV
expect_grep '"name": "Port Victoria"' "$T/out"
expect_grep '"country_name": "Seychelles"' "$T/out"
expect_grep '"lat": -4\.6' "$T/out"
expect_status 0 ps port near -4.62 55.45 --km 20
first=$(sed -n 2p "$T/out" | awk '{print $1}')
expect_eq "$first" SCPOV "nearest port to -4.62 55.45"
expect_status 0 ps --format json country show SC
expect_grep '"isps_since": 2004' "$T/out"
expect_grep '"next_reassessment_due": null' "$T/out"
expect_grep '"reassessment_overdue": true' "$T/out"
expect_status 0 ps country show seychelles
expect_status 0 ps --format csv country list --region "Eastern Africa"
expect_grep '^SC,SYC,Seychelles' "$T/out"

# Global options after the command mean the same.
expect_status 0 ps port show SCPOV --format json
expect_grep '"locode": "SCPOV"' "$T/out"

# Bad input: each says what is wrong, with its exit status.
expect_status 4 ps country show ZZ
expect_grep 'no country "ZZ"' "$T/err"
expect_status 3 ps port near 91 0
expect_grep 'latitude 91' "$T/err"
expect_status 4 ps port show XXXXX
expect_status 3 ps port show SC-POV
expect_status 2 ps port near 1
expect_status 2 ps country frobnicate
expect_status 2 ps --nonsense
expect_status 3 ps facility add SCPOV-12 --name x
expect_grep 'not an IMO port facility number' "$T/err"
expect_status 4 ps facility add ZZZZZ-0001 --name x
expect_status 3 ps facility add SCPOV-0009 --name x --soc-expiry 2025-13-01
expect_status 4 "$PORTSEC" --db "$T/missing.db" status
expect_grep "run 'portsec init'" "$T/err"
expect_status 5 "$PORTSEC" --db "$T/no/such/dir/x.db" init

# Optimistic concurrency on country edits.
v=$(ps --format json country show SC | sed -n 's/.*"version": \([0-9]*\).*/\1/p')
expect_status 0 ps country set SC --unit "Test unit" --if-version "$v"
expect_status 3 ps country set SC --unit "Other unit" --if-version "$v"
expect_grep 'changed by someone else' "$T/err"

# A CSV with one bad row fails with its line number and changes nothing.
ps --format json status >"$T/before.json"
printf 'Country Code,Country Name,Port Name,Facility Name,IMO Port Facility Number,Description,Longitude,Latitude,Plan Approved?,Initial Approval Date,Review Date,SoC Issue Date,Security Plan Withdrawn?,Withdrawn Date,Last Updated\n' >"$T/fac.csv"
printf 'SC,Seychelles,Port Victoria,Good Quay,SCPOV-0101,,55.45,-4.62,Yes,2020-01-01,,,No,,\n' >>"$T/fac.csv"
printf 'SC,Seychelles,Port Victoria,Bad Quay,SCPOV-0102,,55.45,91.5,Yes,2020-01-01,,,No,,\n' >>"$T/fac.csv"
expect_status 3 ps import facilities "$T/fac.csv"
expect_grep 'fac.csv:3: column' "$T/err"
ps --format json status >"$T/after.json"
expect_status 0 cmp "$T/before.json" "$T/after.json"
expect_status 0 ps import facilities "$T/fac.csv" --skip-invalid
expect_grep 'rejected' "$T/out"
expect_status 0 ps facility show SCPOV-0101
expect_status 4 ps facility show SCPOV-0102

# With the demo visits, the next reassessment is three years after the last
# assessment visit (46 U.S.C. 70108(d)).
expect_status 0 ps demo load
expect_status 0 ps --format json country show SC
expect_grep '"last_assessment_visit": "2026-03-13"' "$T/out"
expect_grep '"next_reassessment_due": "2029-03-13"' "$T/out"

# Every command answers --help.
for c in init status import country port facility; do
  expect_status 0 ps "$c" --help
  expect_grep 'usage: portsec' "$T/out"
done
finish
