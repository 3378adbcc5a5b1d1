#!/usr/bin/env bash
# Conditions of entry through the command line: the bundled history loads
# once, the Djibouti, Cuba and North Korea dates on both sides, unknown
# dates answered "uncertain", an excepted facility, the 22 countries of
# 2 Sep 2025 (golden), and the feed round trip into an empty database.
. "$SRCDIR/tests/lib.sh"
command -v jq >/dev/null || { echo "jq not installed: skipped"; exit 77; }

expect_status 0 ps init
expect_status 0 ps advisory load
expect_status 0 ps advisory load
expect_grep 'nothing changed' "$T/out"

# check COUNTRY DATE EXPECTED-STATUS
check() {
  checks=$((checks + 1))
  local got
  got=$(ps --format json coe check --country "$1" --date "$2" | jq -r .status)
  if [ "$got" != "$3" ]; then
    echo "FAIL: coe check --country $1 --date $2: $got, expected $3"; failures=$((failures + 1))
  fi
}
check DJ 2019-05-29 does-not-apply
check DJ 2019-05-30 applies
check DJ 2025-07-20 applies
check DJ 2025-07-21 does-not-apply
check CU 2008-04-03 does-not-apply
check CU 2008-04-10 uncertain
check CU 2016-03-21 applies
check CU 2016-03-22 does-not-apply
check CU 2025-04-01 does-not-apply
check CU 2025-04-02 applies
check KP 2025-09-01 does-not-apply
check KP 2025-09-02 applies
check SD 2023-01-01 uncertain
check SD 2025-03-19 applies
check CI 2022-06-01 uncertain
check US 2025-10-01 does-not-apply
check Seychelles 2025-10-01 applies

# Sudan's listing rests on an assumed date and says so.
expect_status 0 ps --format json coe check --country SD --date 2025-10-01
expect_grep '"confidence": "assumed"' "$T/out"
expect_grep 'assumed \(not confirmed\)' "$T/out"
expect_grep '"actions"' "$T/out"

# An excepted facility is saved; its port alone is not.
expect_status 0 ps --format json coe check --facility NGAPP-0001 --date 2025-10-01
expect_eq "$(jq -r .status "$T/out")" does-not-apply "excepted facility NGAPP-0001"
expect_eq "$(jq -r .excepted "$T/out")" yes "NGAPP-0001 excepted"
expect_status 0 ps --format json coe check --port NGAPP --date 2025-10-01
expect_eq "$(jq -r .status "$T/out")" applies "port NGAPP"
expect_grep 'NGAPP-0001' "$T/out"
expect_status 0 ps --format json coe check --facility NGAPP-0002 --date 2025-10-01
expect_eq "$(jq -r .status "$T/out")" applies "facility NGAPP-0002"
expect_status 0 ps --format json coe check --facility GQ370-0001 --date 2025-10-01
expect_eq "$(jq -r .status "$T/out")" does-not-apply "Zafiro Marine Terminal (GQ370-0001)"
expect_status 3 ps coe check --facility NGAPP0001
expect_status 0 ps coe check --port SCPOV --date 2025-10-01
expect_grep 'SCPOV on 2025-10-01: conditions of entry applies' "$T/out"

# The list of 22 from 2 September 2025 (golden, CSV).
expect_status 0 ps --format json coe list --date 2025-09-02
expect_eq "$(jq length "$T/out")" 22 "countries on 2025-09-02"
expect_status 0 ps --format csv coe list --date 2025-09-02
golden coe/list-2025-09-02.csv "$T/out"
expect_status 0 ps --format json coe list --date 2025-07-21
expect_eq "$(jq length "$T/out")" 21 "countries on 2025-07-21"

# Advisories.
expect_status 0 ps --format json advisory list
expect_eq "$(jq length "$T/out")" 41 "bundled advisories"
expect_status 0 ps --format json advisory show "PSA 2-19"
expect_grep '"country": "DJ"' "$T/out"
expect_status 4 ps advisory show "PSA 9-99"

# The feed round trip: JSON into an empty database gives the same answers.
expect_status 0 ps coe feed
cp "$T/out" "$T/feed.json"
expect_status 0 ps --format csv coe feed
expect_grep '^country,action,facility,facility_name,effective_not_before,effective_by' "$T/out"
expect_eq "$(($(wc -l <"$T/out") - 1))" 117 "feed CSV rows"
E="$T/empty.db"
expect_status 0 "$PORTSEC" --db "$E" advisory add "$T/feed.json"
expect_grep 'added 41 advisories \(117 changes\)' "$T/out"
for d in 2008-04-10 2011-04-05 2016-03-22 2019-05-30 2020-12-10 2023-01-01 2025-04-02 2025-09-02 2026-03-01; do
  ps --format json coe list --date "$d" >"$T/a.json"
  "$PORTSEC" --db "$E" --format json coe list --date "$d" >"$T/b.json"
  checks=$((checks + 1))
  cmp -s "$T/a.json" "$T/b.json" || { echo "FAIL: coe list $d differs after the feed round trip"; failures=$((failures + 1)); }
done
for q in "--facility NGAPP-0001" "--facility CMDLA-0002" "--country CU" "--country SD"; do
  for d in 2013-01-01 2025-10-01 2026-03-01; do
    # shellcheck disable=SC2086
    a=$(ps --format json coe check $q --date "$d" | jq -c '{status, on_list, excepted}')
    # shellcheck disable=SC2086
    b=$("$PORTSEC" --db "$E" --format json coe check $q --date "$d" | jq -c '{status, on_list, excepted}')
    expect_eq "$b" "$a" "coe check $q $d after the round trip"
  done
done
"$PORTSEC" --db "$E" coe feed >"$T/feed2.json"
checks=$((checks + 1))
cmp -s "$T/feed.json" "$T/feed2.json" || { echo "FAIL: the feed differs after the round trip"; failures=$((failures + 1)); }

# Bad input.
expect_status 3 "$PORTSEC" --db "$E" advisory add "$T/feed.json"
expect_grep "already in the database" "$T/err"
printf '{"id":"X","title":"t","source":"s","changes":[{"action":"add_country","country":"SC","effective":"2019-02-30","basis":"assessment","confidence":"confirmed"}]}' >"$T/bad.json"
expect_status 3 ps advisory add "$T/bad.json"
expect_grep 'advisories\[0\]\.changes\[0\]\.effective' "$T/err"
expect_status 5 ps advisory add "$T/missing.json"
expect_status 2 ps coe check --date 2025-01-01
expect_status 2 ps coe check --country SC --port SCPOV
expect_status 2 ps coe list --date 2025-13-01
expect_status 3 ps coe check --port "SC-POV"
expect_status 0 ps coe --help
expect_status 0 ps advisory --help
expect_status 2 ps coe

finish
