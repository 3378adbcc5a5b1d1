#!/usr/bin/env bash
# portsec db copy round-trips the demo database: SQLite -> DB -> SQLite, with
# the same rows and checksums in every table at each step (DB is PostgreSQL
# in the pg_cli_db_copy twin, another SQLite file otherwise). A copy into a
# database that holds rows is refused and changes nothing; bad usage is 2.
. "$SRCDIR/tests/lib.sh"

A="$T/a.db"
B="$T/b.db"
# The demo database as 'make run' makes it (scripts/run.sh: init and the
# demo loaders of the modules this build has), with some AIS besides.
expect_status 0 "$PORTSEC" --db "$A" init
expect_status 0 "$PORTSEC" --db "$A" demo load
if "$PORTSEC" advisory --help >/dev/null 2>&1; then expect_status 0 "$PORTSEC" --db "$A" advisory load; fi
# A user and an audited edit: users, hashes and the audit trail travel too.
echo 'admin password' | "$PORTSEC" --db "$A" user add admin --role admin >/dev/null
expect_status 0 "$PORTSEC" --db "$A" country set SC --unit "Copied unit"
expect_status 0 "$PORTSEC" --db "$A" ais ingest --csv "$SRCDIR/tests/ais/noaa-sample.csv"
"$PORTSEC" --db "$A" db sum >"$T/sum-a.txt"
expect_grep '^port +[0-9]+ +[0-9a-f]{64}$' "$T/sum-a.txt"

expect_status 0 "$PORTSEC" --format json db copy --from "$A" --to "$DB"
expect_grep '"rows": [1-9][0-9]*' "$T/out"
expect_status 0 ps db sum
cp "$T/out" "$T/sum-db.txt"
expect_status 0 diff "$T/sum-a.txt" "$T/sum-db.txt"
# What a user sees is the same too.
ps --format json port show SCPOV >"$T/p-db.json"
"$PORTSEC" --db "$A" --format json port show SCPOV >"$T/p-a.json"
expect_status 0 diff "$T/p-a.json" "$T/p-db.json"

# The copy goes on working: ids the database draws follow the copied ones.
if "$PORTSEC" visit --help >/dev/null 2>&1; then
  n=$("$PORTSEC" --db "$A" --format json visit list | grep -c '"id"')
  expect_status 0 ps --format json visit add --country SC --start 2025-01-10 --kind engagement
  expect_grep "\"id\": $((n + 1))" "$T/out"
fi

expect_status 0 "$PORTSEC" db copy --from "$DB" --to "sqlite:$B"
expect_grep 'every table verified' "$T/out"
"$PORTSEC" --db "$B" db sum >"$T/sum-b.txt"
ps db sum >"$T/sum-db2.txt"
expect_status 0 diff "$T/sum-db2.txt" "$T/sum-b.txt"
# Apart from the visit added on the way, the same as the start.
expect_status 0 diff <(grep -v '^visit ' "$T/sum-a.txt") <(grep -v '^visit ' "$T/sum-b.txt")

# The target already holds rows: refused, nothing changes.
expect_status 3 "$PORTSEC" db copy --from "$A" --to "$DB"
expect_grep 'is not empty' "$T/err"
ps db sum >"$T/sum-after.txt"
expect_status 0 diff "$T/sum-db2.txt" "$T/sum-after.txt"

# A source that does not exist; missing options.
expect_status 4 "$PORTSEC" db copy --from "$T/none.db" --to "$T/c.db"
expect_status 2 "$PORTSEC" db copy --from "$A"
expect_status 2 "$PORTSEC" db frobnicate
expect_status 0 "$PORTSEC" db --help
finish
