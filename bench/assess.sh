#!/usr/bin/env bash
# Assessment benchmarks (issue 3), release build, one core:
#   - loading the demonstration visits (5 assessments, 420 answers, drills, recommendations);
#   - importing and closing a facility assessment of 84 answers (mean over 50);
#   - 'determine propose' and 'report country' (HTML) for a country with 50 assessed
#     facilities (the demo country plus 48 added here; demonstration data).
# Figures only: no pass/fail.
set -euo pipefail
cd "$(dirname "$0")/.."
B=build/release
[ -x $B/portsec ] || { cmake --preset release >/dev/null && cmake --build --preset release; }
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
P="taskset -c 0 $B/portsec --db $T/b.db"
export PORTSEC_DATA="$PWD/data"
$P init >/dev/null
s=$(date +%s.%N); $P visit demo >/dev/null; e=$(date +%s.%N)
echo "visit demo (load the demonstration visits): $(echo "($e - $s) * 1000" | bc | cut -d. -f1) ms"

$P assess export 4 >"$T/a.json"
for i in $(seq 10 57); do
  n=$(printf 'SCPOV-%04d' "$i")
  $P facility add "$n" --name "Bench facility $i (demo)" >/dev/null
  sed "s/SCPOV-0001/$n/" "$T/a.json" >"$T/a$i.json"
done
s=$(date +%s.%N)
for i in $(seq 10 57); do $P assess import "$T/a$i.json" --visit 2 --close >/dev/null; done
e=$(date +%s.%N)
echo "assess import --close (84 answers): $(echo "($e - $s) * 1000 / 48" | bc) ms per assessment (48 runs)"
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 2 --runs 20 --style basic \
    "$P determine propose SC --as-of 2026-10-01" \
    "$P report country SC --as-of 2026-10-01 --output $T/r.html" 2>/dev/null | grep -E 'Benchmark|Time'
else
  s=$(date +%s.%N); for i in 1 2 3 4 5 6 7 8 9 10; do $P report country SC --as-of 2026-10-01 --output "$T/r.html"; done; e=$(date +%s.%N)
  echo "report country SC (50 facilities): $(echo "($e - $s) * 100" | bc | cut -d. -f1) ms per report"
fi
echo "report size: $(wc -c <"$T/r.html") bytes HTML for 50 facilities"
