#!/usr/bin/env bash
# Screening benchmarks (issue 4 target: >= 50,000 NOAs per second on one
# core): the in-process loop (parse + screen + JSON out) over 100,000
# generated NOAs, then `portsec screen --batch --dry-run` end to end on the
# same NOAs (reading, registry lookups, vessel history, printing).
set -euo pipefail
cd "$(dirname "$0")/.."
B=build/release
[ -x $B/screen_bench ] || { cmake --preset release >/dev/null && cmake --build --preset release -j2; }
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
taskset -c 0 $B/screen_bench 100000 --write "$T/noas.jsonl"
$B/portsec --db "$T/b.db" init >/dev/null
$B/portsec --db "$T/b.db" advisory load >/dev/null
# Wall time counts other processes on a shared machine; user + sys is the
# CPU the command itself used. Both are printed.
out=$( { /usr/bin/time -f "%e %U %S" taskset -c 0 $B/portsec --db "$T/b.db" screen \
          --batch "$T/noas.jsonl" --dry-run >/dev/null; } 2>&1 )
read -r wall user sys <<<"$out"
cpu=$(echo "$user + $sys" | bc)
echo "portsec screen --batch --dry-run, 100000 NOAs, one core: ${cpu} s CPU (${wall} s wall):" \
     "$(echo "100000 / $cpu" | bc) NOAs/s on CPU, $(echo "100000 / $wall" | bc) NOAs/s wall"
