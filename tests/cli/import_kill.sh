#!/usr/bin/env bash
# An import killed with SIGKILL in the middle leaves the database exactly as
# it was: same counts in every table, none of the new ports, and the
# database still opens and takes the same import afterwards.
. "$SRCDIR/tests/lib.sh"

# A ports file big enough to outlast the kill delay: the bundled ports'
# names and positions under new codes (32^3 per country, cycling through
# ten countries so that every code is new and every country exists).
make_big() {
  awk -F, -v OFS=, -v copies="$1" '
    BEGIN { a = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"; n = split("SC US FR NG VE NL SG GB DE JP", cc, " ") }
    NR == 1 { print; next }
    /"/ { next }   # names with commas are quoted; this simple split would misread them
    { for (k = 0; k < copies; k++) {
        i = (NR - 2) * copies + k
        c = cc[int(i / 32768) % n + 1]; j = i % 32768
        loc = substr(a, int(j / 1024) + 1, 1) substr(a, int(j / 32) % 32 + 1, 1) substr(a, j % 32 + 1, 1)
        print c, loc, "Synthetic " $3, "Synthetic", "", "", "1-------", "", $9, $10, ""
    } }' "$SRCDIR/data/ports/unlocode-geoapify-ports.csv" >"$T/big.csv"
}

# Start small (the sanitizer build is slow) and double the file until the
# import is still running when the kill comes, so that a fast release build
# is tested too. Each attempt starts from a fresh database.
killed=0
for copies in 4 8 16 32 64; do
  rm -f "$DB" "$DB-wal" "$DB-shm"
  expect_status 0 ps init
  ps --format json status >"$T/before.json"
  make_big "$copies"
  "$PORTSEC" --db "$DB" import ports "$T/big.csv" >"$T/imp.out" 2>&1 &
  pid=$!
  sleep 0.3
  if kill -9 "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null
    killed=1
    break
  fi
  wait "$pid"
done
rows=$(($(wc -l <"$T/big.csv") - 1))
expect_eq "$killed" 1 "import of $rows ports killed while running"
echo "killed the import of $rows ports after 0.3 s"

ps --format json status >"$T/after.json"
expect_eq "$(cat "$T/after.json")" "$(cat "$T/before.json")" "status after kill -9"
expect_status 4 ps port show SCAAA

# The database is intact: the same import now runs to the end.
expect_status 0 ps --format json import ports "$T/big.csv"
expect_grep "\"imported\": $rows" "$T/out"
expect_status 0 ps port show SCAAA

finish
