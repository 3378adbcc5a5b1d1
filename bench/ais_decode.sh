#!/usr/bin/env bash
# bench/ais_decode.sh — AIS decoding and ingest speed, side by side with the
# peer (gpsdecode, Debian gpsd-clients) on the same file in the same run.
#
# Builds a file of at least 1,000,000 lines from the real recordings in
# ../shared/data/ref/ais/ (AMSA raw feed, Kystverket, AMSA tag-blocked,
# pyais sample: concatenated and repeated) in a temporary directory, then
# prints: portsec ais decode (JSON to /dev/null) and gpsdecode -j rates and
# their ratio; decode-only rate (bench/ais_bench.c, no output); and
# portsec ais ingest on the AMSA feed with synthetic tag-block times
# (50 messages a second, as a busy station). Figures only; nothing asserted.
# Use the release build (make bench builds it).
set -eu
cd "$(dirname "$0")/.."
BIN=${PORTSEC:-build/release/portsec}
BENCH=${AIS_BENCH:-build/release/ais_bench}
SHARED=${PSEC_SHARED:-$(cd .. && pwd)/shared}
R="$SHARED/data/ref/ais"
if [ ! -d "$R" ] || [ ! -x "$BIN" ]; then
  echo "ais_decode: $R or $BIN not found; skipped"
  exit 0
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

for f in amsa-raw-nmea-sample.nmea kystverket-1000-lines-2019-08-07.nm4 \
         amsa-nmea-tagblock-timestamped.nmea pyais-nmea-data-sample.nmea; do
  cat "$R/$f"; echo
done >"$T/one.nmea"
n1=$(wc -l <"$T/one.nmea")
# At least a million AIS sentences (not lines: the recordings hold other
# NMEA and tag-block-only lines too).
s1=$(grep -c 'VD[MO],' "$T/one.nmea")
copies=$(( (1000000 + s1 - 1) / s1 ))
for _ in $(seq "$copies"); do cat "$T/one.nmea"; done >"$T/big.nmea"
lines=$(wc -l <"$T/big.nmea")
"$BIN" --format json ais decode --stats "$T/big.nmea" 2>"$T/stats" >/dev/null
sentences=$(grep -o '"sentences":[0-9]*' "$T/stats" | cut -d: -f2)
messages=$(grep -o '"messages":[0-9]*' "$T/stats" | cut -d: -f2)
echo "input: $lines lines ($copies copies of $n1 real lines), $sentences AIS sentences, $messages messages"

now() { date +%s.%N; }
best=""
for _ in 1 2 3; do
  t0=$(now); "$BIN" ais decode "$T/big.nmea" >/dev/null; t1=$(now)
  d=$(echo "$t1 - $t0" | bc -l)
  if [ -z "$best" ] || [ "$(echo "$d < $best" | bc -l)" = 1 ]; then best=$d; fi
done
ps_rate=$(echo "$sentences / $best" | bc -l)
printf 'portsec ais decode (JSON to /dev/null): %.3f s, %.0f sentences/s\n' "$best" "$ps_rate"

if command -v gpsdecode >/dev/null 2>&1; then
  t0=$(now); gpsdecode -j <"$T/big.nmea" >/dev/null 2>&1; t1=$(now)
  g=$(echo "$t1 - $t0" | bc -l)
  g_rate=$(echo "$sentences / $g" | bc -l)
  printf 'gpsdecode -j (JSON to /dev/null):       %.3f s, %.0f sentences/s\n' "$g" "$g_rate"
  printf 'ratio portsec / gpsdecode: %.1f (target >= 10)\n' "$(echo "$g / $best" | bc -l)"
else
  echo "gpsdecode not installed (Debian gpsd-clients): no ratio"
fi

if [ -x "$BENCH" ]; then
  echo "decode only (no output), best of 3:"
  for _ in 1 2 3; do "$BENCH" "$T/big.nmea"; done | sort -k10,10n | tail -1
  echo "decode + JSON formatting (no I/O), best of 3:"
  for _ in 1 2 3; do "$BENCH" "$T/big.nmea" json; done | sort -k10,10n | tail -1
fi

# Ingest: the AMSA raw feed with synthetic tag-block times (50 lines a second,
# each copy later than the last), dummy tag checksums as AMSA writes them.
awk -v copies="$copies" 'FNR == 1 { k++ } { lines[NR] = $0 } END {
  t = 1420070400; n = NR
  for (c = 0; c < copies; c++)
    for (i = 1; i <= n; i++) {
      if (substr(lines[i], 1, 1) == "!") printf "\\c:%d*00\\%s\n", t + int((c * n + i) / 50), lines[i]
      else print lines[i]
    }
}' "$R/amsa-raw-nmea-sample.nmea" >"$T/timed.nmea"
tl=$(wc -l <"$T/timed.nmea")
"$BIN" --db "$T/bench.db" init >/dev/null
# Wall time is shared with whatever else runs on the machine; CPU time
# (user + system) is printed too.
if [ -x /usr/bin/time ]; then
  /usr/bin/time -o "$T/time" -f '%e %U %S %M' "$BIN" --db "$T/bench.db" --format json \
    ais ingest "$T/timed.nmea" >"$T/ingest.json"
  read -r wall user sys rss <"$T/time"
  cpu=$(echo "$user + $sys" | bc -l)
  printf 'portsec ais ingest: %d lines in %.2f s wall (%.2f s CPU): %.0f lines/s wall, %.0f lines/s CPU (target >= 1,000,000); peak memory %d KiB\n' \
    "$tl" "$wall" "$cpu" "$(echo "$tl / $wall" | bc -l)" "$(echo "$tl / $cpu" | bc -l)" "$rss"
else
  t0=$(now); "$BIN" --db "$T/bench.db" --format json ais ingest "$T/timed.nmea" >"$T/ingest.json"; t1=$(now)
  d=$(echo "$t1 - $t0" | bc -l)
  printf 'portsec ais ingest: %d lines in %.2f s, %.0f lines/s (target >= 1,000,000)\n' "$tl" "$d" "$(echo "$tl / $d" | bc -l)"
fi
grep -oE '"(vessels|points_stored|calls|gaps|possible_dark|duplicates_or_thinned)": [0-9]+' "$T/ingest.json" | tr '\n' ' '; echo
