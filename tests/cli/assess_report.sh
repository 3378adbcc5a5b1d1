#!/usr/bin/env bash
# The demonstration report (demo data, Seychelles) in the three formats,
# compared exactly with tests/golden/report/ (PSEC_GOLDEN_UPDATE=1 rewrites).
. "$SRCDIR/tests/lib.sh"

expect_status 0 ps init
expect_status 0 ps visit demo
# Loading twice changes nothing.
expect_status 0 ps visit demo
ps --format json visit list >"$T/visits.json"
expect_eq "$(grep -o '"id"' "$T/visits.json" | wc -l | tr -d ' ')" 2 "demo visits after two loads"

for fmt in html md json; do
  expect_status 0 ps report country SC --as-of 2026-10-01 --format $fmt --output "$T/demo-SC.$fmt"
  golden "report/demo-SC.$fmt" "$T/demo-SC.$fmt"
done
# Marked as demonstration data in every format.
expect_grep 'DEMONSTRATION' "$T/demo-SC.html"
expect_grep 'DEMONSTRATION' "$T/demo-SC.md"
expect_grep '"demo": true' "$T/demo-SC.json"
# Self-contained HTML with an inline chart and print rules.
expect_grep '<svg xmlns=' "$T/demo-SC.html"
expect_grep '@page' "$T/demo-SC.html"
if grep -qE '<script|<link|src="http' "$T/demo-SC.html"; then
  echo "FAIL: the HTML report loads something from outside"; failures=$((failures + 1))
fi
# Standard output when no --output is given; unknown format is a usage error.
expect_status 0 ps report country SC --as-of 2026-10-01 --format md
expect_grep '^# \[DEMONSTRATION\]' "$T/out"
expect_status 2 ps report country SC --format pdf
expect_status 4 ps report country ZZ
finish
