#!/usr/bin/env bash
# Registry benchmarks: 'portsec init' with all bundled data (median of 5
# runs into fresh databases, one core), and 'port near' per-query latency.
# Targets (issue 2): init under 2 s; port near under 10 ms per query.
set -euo pipefail
cd "$(dirname "$0")/.."
B=build/release
[ -x $B/portsec ] || { cmake --preset release >/dev/null && cmake --build --preset release; }
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
times=()
for i in 1 2 3 4 5; do
  s=$(date +%s.%N)
  taskset -c 0 $B/portsec --db "$T/b$i.db" init >/dev/null
  e=$(date +%s.%N)
  times+=("$(echo "$e - $s" | bc)")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
echo "portsec init (all bundled data, one core): median ${median} s over 5 runs (target < 2 s)"
echo "  runs: ${times[*]}"
taskset -c 0 $B/port_near "$T/b1.db"
