#!/usr/bin/env bash
# risk.sh — units, threat inputs, trade import, rank and plan through the
# command line, on a database created by 'portsec init' with the demo unit.
# Skips (77) when this build's 'init' does not load the registry countries.
. "$SRCDIR/tests/lib.sh"

ps init >/dev/null 2>&1
if ! ps country show SC >/dev/null 2>&1; then
  echo "skip: 'portsec init' did not load the registry (no country SC)"; exit 77
fi

# Help for every command.
for c in unit threat rank plan; do expect_status 0 ps "$c" --help; done
expect_status 2 ps unit
expect_status 2 ps unit frobnicate

# The demo unit, twice (idempotent).
expect_status 0 ps unit load-demo
expect_status 0 ps unit load-demo
ps unit list --format csv >"$T/units.csv"
expect_grep '^Asia-Pacific \(demo\),8,2,Singapore,13,' "$T/units.csv"

# A unit of our own.
expect_status 0 ps unit add "Test Unit" --capacity 3 --max-per-month 1
expect_status 0 ps unit assign "Test Unit" US Canada
expect_grep '^US +United States' "$T/out"
expect_grep '^CA +Canada' "$T/out"
expect_status 4 ps unit assign "No Such Unit" MU
expect_status 2 ps unit add "Bad" 
expect_status 3 ps unit add "Bad" --capacity -4

# Threat inputs.
expect_status 0 ps threat set MU --level 4 --note "test input" --date 2026-11-01
expect_grep 'test input' "$T/out"
expect_status 2 ps threat set MU --level 9 --note x
expect_status 2 ps threat set MU --level 2
expect_status 4 ps threat set Atlantis --level 2 --note x

# Trade: the bundled Census file has one row with no year (line 3001).
CENSUS="$SRCDIR/data/trade/census-us-trade-by-partner-1985-2011.csv"
ps import trade "$CENSUS" >"$T/out" 2>"$T/err"; st=$?
if [ "$st" = 2 ] && grep -q 'unknown kind' "$T/err"; then
  echo "note: 'import trade' is not routed to psec_cmd_import_trade in this build; trade part skipped"
else
  expect_eq "$st" 3 "import trade exit status"
  expect_grep 'census-us-trade-by-partner-1985-2011.csv:3001: column year: "" is not a year' "$T/err"
  expect_status 0 ps import trade "$CENSUS" --skip-invalid
  expect_grep '1 rejected' "$T/out"
  expect_grep 'USSR' "$T/out"
  expect_status 0 ps import trade "$SRCDIR/data/trade/commodity-breakdown.csv"
  expect_status 5 ps import trade "$T/missing.csv"
fi

# Ranking: ordered by score, every component explained.
expect_status 0 ps rank --unit "Asia-Pacific (demo)" --as-of 2026-11-25
cp "$T/out" "$T/rank.txt"
expect_grep '^1 +[A-Z]{2} ' "$T/rank.txt"
expect_grep '^1\. [A-Z]{2} ' "$T/rank.txt"
expect_grep 'isps_status +[0-9.]+ x [0-9.]+ = [0-9.]+ ' "$T/rank.txt"
expect_eq "$(grep -c '^   threat ' "$T/rank.txt")" 13 "threat reasons"
ps rank --unit "Asia-Pacific (demo)" --as-of 2026-11-25 --format csv >"$T/rank.csv"
expect_eq "$(($(wc -l <"$T/rank.csv") - 1))" 13 "ranked countries"
# Scores never increase down the list, ranks count 1..13.
sorted=$(awk -F, 'NR > 1 { if (NR > 2 && $4 > prev + 1e-9) bad = 1; if ($1 != NR - 1) bad = 1; prev = $4 }
                   END { print bad ? "no" : "yes" }' "$T/rank.csv")
expect_eq "$sorted" yes "rank order"
ps rank --unit "Asia-Pacific (demo)" --format json >"$T/rank.json"
expect_grep '"components"' "$T/rank.json"
expect_grep '"why": "analyst threat 2/5' "$T/rank.json"
expect_status 0 ps rank --region "Eastern Africa" --brief --format csv
expect_grep '^[0-9]+,SC,Seychelles,' "$T/out"
expect_status 0 ps unit show "asia-pacific (demo)"
expect_grep '^MV +Maldives' "$T/out"
expect_status 4 ps rank --unit "No Such Unit"
expect_status 2 ps rank --unit A --region B
expect_status 2 ps rank --as-of yesterday
expect_status 2 ps rank --format ics
# Weights from a file; a bad one is invalid input.
echo '{"weights": {"threat": 1}}' >"$T/w.json"
expect_status 0 ps rank --unit "Asia-Pacific (demo)" --weights "$T/w.json" --format csv
expect_grep '^1,MU,' "$T/out"
echo '{"weights": {"threats": 1}}' >"$T/bad.json"
expect_status 3 ps rank --weights "$T/bad.json"
expect_grep 'weights.threats: not a component' "$T/err"

# Traffic from a stored screening: one arrival whose last calls include SC.
cat >"$T/noa.json" <<'NOA'
{ "noa_id": "R-1",
  "vessel": { "imo": "9074729", "mmsi": "636092001", "name": "EXAMPLE", "flag": "LR", "type": "bulk carrier",
              "rso": "Example Register", "owner": "Example Owner Ltd", "operator": "Example Ops",
              "charterer": "Example Charter", "built": 2008 },
  "arrival": { "port": "USHOU", "eta": "2025-10-01T06:00:00Z" },
  "port_calls": [ { "port": "SCPOV", "arrival": "2025-09-01T00:00:00Z",
                    "departure": "2025-09-03T12:00:00Z", "purpose": "cargo" },
                  { "port": "MUPLU", "arrival": "2025-08-20T00:00:00Z",
                    "departure": "2025-08-22T00:00:00Z", "purpose": "cargo" } ] }
NOA
if ps screen --help >/dev/null 2>&1; then
  expect_status 0 ps screen "$T/noa.json"
  ps rank --region "Eastern Africa" --as-of 2026-01-01 --format json >"$T/traffic.json"
  expect_eq "$(jq -r '.countries[] | select(.country == "MU") | .components.traffic.why' "$T/traffic.json" | cut -c1-16)" \
            "1 arrival in the" "MU traffic from the screening"
  expect_eq "$(jq -r '.sources.screenings' "$T/traffic.json")" true "screenings seen"
  # A year later the arrival is out of the 12-month window.
  ps rank --region "Eastern Africa" --as-of 2026-12-01 --format json >"$T/traffic.json"
  expect_eq "$(jq -r '.countries[] | select(.country == "MU") | .components.traffic.score' "$T/traffic.json")" \
            0 "MU traffic a year later"
else
  echo "note: no 'screen' command in this build; traffic part skipped"
fi

# The plan: a schedule, every country explained.
expect_status 0 ps plan --unit "Asia-Pacific (demo)" --year 2027 --blackout 2027-12-15:2027-12-31
cp "$T/out" "$T/plan.txt"
expect_grep 'visit plan 2027' "$T/plan.txt"
expect_grep '^1 +2027-' "$T/plan.txt"
expect_eq "$(grep -cE '^[0-9]+ +[A-Z]{2} +(yes|no) ' "$T/plan.txt")" 13 "countries explained"
expect_status 0 ps plan --unit "Asia-Pacific (demo)" --year 2027 --capacity 2
expect_grep 'SHORTFALL' "$T/out"
ps plan --unit "Asia-Pacific (demo)" --year 2027 --format csv >"$T/plan.csv"
visits=$(($(wc -l <"$T/plan.csv") - 1))
expect_eq "$([ "$visits" -ge 1 ] && [ "$visits" -le 8 ] && echo ok)" ok "visits within capacity 8"
# Blackouts, repeated and as a list: no visit day falls inside one.
ps plan --unit "Asia-Pacific (demo)" --year 2027 --blackout 2027-01-01:2027-03-31 \
   --blackout=2027-05-01:2027-05-31,2027-09-10:2027-09-20 --format csv >"$T/bl.csv"
inside=$(awk -F, 'NR > 1 && (($2 <= "2027-03-31") || ($2 <= "2027-05-31" && $3 >= "2027-05-01") ||
                            ($2 <= "2027-09-20" && $3 >= "2027-09-10")) { n++ } END { print n + 0 }' "$T/bl.csv")
expect_eq "$inside" 0 "visits inside blackouts"
expect_eq "$(($(wc -l <"$T/bl.csv") - 1))" 8 "visits with blackouts"
expect_status 2 ps plan --unit "Asia-Pacific (demo)"
expect_status 2 ps plan --unit "Asia-Pacific (demo)" --year 2027 --blackout 2027-12-31:2027-12-01
expect_status 2 ps plan --unit "Asia-Pacific (demo)" --year 2027 --format html
expect_status 4 ps plan --unit "No Such Unit" --year 2027

# iCalendar: CRLF lines of at most 75 octets, balanced blocks, one event per visit.
ps plan --unit "Asia-Pacific (demo)" --year 2027 --format ics --stamp 2026-11-25T00:00:00Z >"$T/plan.ics"
ics=$(awk 'BEGIN { ok = 1 }
  { if (substr($0, length($0)) != "\r") ok = 0; line = substr($0, 1, length($0) - 1)
    if (length(line) > 75) ok = 0
    if (line ~ /^BEGIN:/) depth++; if (line ~ /^END:/) depth--
    if (line == "BEGIN:VEVENT") ev++
    if (line ~ /^(UID|DTSTAMP|DTSTART;VALUE=DATE|DTEND;VALUE=DATE):/) props++ }
  NR == 1 && line != "BEGIN:VCALENDAR" { ok = 0 }
  END { print (ok && depth == 0 && props == 4 * ev ? "ok" : "bad") " " ev }' "$T/plan.ics")
expect_eq "$ics" "ok $visits" "iCalendar structure"
expect_grep '^DTSTAMP:20261125T000000Z' "$T/plan.ics"
expect_grep '^VERSION:2.0' "$T/plan.ics"

finish
