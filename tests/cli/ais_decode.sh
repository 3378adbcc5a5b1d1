#!/usr/bin/env bash
# portsec ais decode: help and errors; random vectors (tests/ais/) against
# gpsdecode 3.22's stored output for every fully decoded type, and our own
# output kept as a golden file; stdin, --stats, --split24, "time" from tag
# blocks; and, when gpsdecode is installed, a live differential run.
. "$SRCDIR/tests/lib.sh"
V="$SRCDIR/tests/ais"
FULL='"type":(1|2|3|4|5|9|11|18|19|21|24|27),'

expect_status 0 ps ais --help
expect_grep 'ais decode' "$T/out"
expect_status 0 ps ais decode --help
expect_status 2 ps ais bogus
expect_status 2 ps ais decode --bogus
expect_status 5 ps ais decode "$T/no-such-file"
expect_status 2 ps ais
expect_status 2 ps --format csv ais decode "$V/random.nmea"

# Unscaled: the fully decoded types equal gpsdecode -u -j line for line.
expect_status 0 ps ais decode --unscaled "$V/random.nmea"
grep -E "$FULL" "$T/out" >"$T/ours.ju"
grep -E "$FULL" "$V/random.ju.json" >"$T/theirs.ju"
expect_eq "$(wc -l <"$T/ours.ju")" "$(wc -l <"$T/theirs.ju")" "fully decoded messages"
expect_eq "$(cmp -s "$T/ours.ju" "$T/theirs.ju" && echo same)" same "unscaled output vs gpsdecode -u -j"
cp "$T/out" "$T/random.ju.out"
golden ais/random.ju.json "$T/random.ju.out"

# Type 24 of an auxiliary craft (98xxxxxxx): mothership MMSI, as gpsdecode.
expect_status 0 ps ais decode --unscaled "$V/aux24.nmea"
expect_eq "$(cat "$T/out")" "$(cat "$V/aux24.ju.json")" "auxiliary craft type 24"

# Scaled, from standard input.
ps ais decode - <"$V/random.nmea" >"$T/out" 2>"$T/err"
grep -E "$FULL" "$T/out" >"$T/ours.js"
grep -E "$FULL" "$V/random.js.json" >"$T/theirs.js"
expect_eq "$(cmp -s "$T/ours.js" "$T/theirs.js" && echo same)" same "scaled output vs gpsdecode -j"

# --stats on standard error; JSON stats with --format json.
expect_status 0 ps ais decode --stats "$V/random.nmea"
expect_grep '^sentences +[0-9]+' "$T/err"
expect_grep '^type 1 +[0-9]+' "$T/err"
expect_status 0 ps --format json ais decode --stats "$V/random.nmea"
expect_grep '"messages":[0-9]+' "$T/err"

# Type 24 halves: merged by default, separate with --split24.
merged=$(ps ais decode "$V/random.nmea" | grep -c '"type":24,')
split=$(ps ais decode --split24 "$V/random.nmea" | grep -c '"type":24,')
expect_eq "$([ "$split" -gt "$merged" ] && echo more)" more "--split24 gives more type 24 records"

# A tag block time becomes "time"; a line without one has none.
expect_status 0 ps ais decode "$V/timed.nmea"
expect_eq "$(grep -c '"time":"2020-09-13T12:26:40Z"' "$T/out")" 1 "time from tag block"
expect_eq "$(wc -l <"$T/out")" 2 "two messages"

# Live differential run against the installed peer.
if command -v gpsdecode >/dev/null 2>&1; then
  for f in "$V/random.nmea" ${PSEC_SHARED:+"$PSEC_SHARED/data/ref/ais/kystverket-1000-lines-2019-08-07.nm4"}; do
    [ -f "$f" ] || continue
    # gpsdecode ignores a last line without a newline; give it one.
    { cat "$f"; echo; } >"$T/in"
    gpsdecode -u -j <"$T/in" 2>/dev/null | tr -d '\r' | sed 's/"device":"stdin",//' | grep -E "$FULL" >"$T/peer"
    ps ais decode --unscaled "$T/in" | sed 's/,"time":"[^"]*"//' | grep -E "$FULL" >"$T/ours"
    expect_eq "$(cmp -s "$T/peer" "$T/ours" && echo same)" same "live gpsdecode -u -j on $(basename "$f")"
  done
else
  echo "gpsdecode not installed: live differential run skipped"
fi
finish
