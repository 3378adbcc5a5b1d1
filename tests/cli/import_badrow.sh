#!/usr/bin/env bash
# A CSV with one bad row fails with its line and column, exit status 3, and
# leaves every table with exactly the rows (and values) it had; with
# --skip-invalid the good rows go in and the bad one is listed. Also: a
# missing file (exit 5), an unknown kind (exit 2), a latitude of 91.
. "$SRCDIR/tests/lib.sh"
FIX="$SRCDIR/tests/import"

expect_status 0 ps init
ps --format json status >"$T/before.json"
ps --format json port show SCPOV >"$T/scpov-before.json"

# Line 4 of the file has a latitude of 91; lines 2 and 3 would change
# Port Victoria and Houston if the import were not all or nothing.
expect_status 3 ps import ports "$FIX/ports-bad-lat.csv"
expect_grep 'ports-bad-lat\.csv:4: column lat: "91" is not a latitude' "$T/err"
expect_grep 'nothing was imported' "$T/err"
ps --format json status >"$T/after.json"
expect_eq "$(cat "$T/after.json")" "$(cat "$T/before.json")" "status after a failed import"
ps --format json port show SCPOV >"$T/scpov-after.json"
expect_eq "$(cat "$T/scpov-after.json")" "$(cat "$T/scpov-before.json")" "SCPOV after a failed import"

# The same for the other kinds: a bad row in each leaves everything as it was.
expect_status 3 ps import countries "$FIX/countries-bad.csv"
expect_grep 'countries-bad\.csv:3: column alpha2:' "$T/err"
expect_status 3 ps import wpi "$FIX/wpi-bad-size.csv"
expect_grep 'wpi-bad-size\.csv:2: column Harbor Size:' "$T/err"
expect_status 3 ps import mid "$FIX/mid.csv"
expect_grep 'mid\.csv:7: column MID:' "$T/err"
expect_status 3 ps import facilities "$FIX/facilities-bad.csv"
expect_grep 'facilities-bad\.csv:3: column IMO Port Facility Number:' "$T/err"
expect_status 3 ps import ports "$FIX/ports-unknown-country.csv"
expect_grep 'unknown country code "QQ"' "$T/err"
ps --format json status >"$T/after.json"
expect_eq "$(cat "$T/after.json")" "$(cat "$T/before.json")" "status after five failed imports"

# Missing file and unknown kind.
expect_status 5 ps import ports "$T/no-such.csv"
expect_grep 'no-such\.csv: No such file or directory' "$T/err"
expect_status 2 ps import ships "$FIX/ports.csv"

# --skip-invalid: the good rows are imported, the bad one listed.
expect_status 0 ps --format json import ports "$FIX/ports-bad-lat.csv" --skip-invalid
expect_grep '"rejected": 1' "$T/out"
expect_grep '"line": 4' "$T/out"
expect_grep '"column": "lat"' "$T/out"
expect_status 0 ps import ports "$FIX/ports-bad-lat.csv" --skip-invalid
expect_grep '^4 +lat +"91" is not a latitude' "$T/out"

finish
