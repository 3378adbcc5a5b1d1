#!/usr/bin/env bash
# What 'make run' runs: creates the database with the bundled data when it
# does not exist, then runs the main job.
set -euo pipefail
BIN=${1:?usage: scripts/run.sh BINARY DBPATH}
DB=${2:-portsec.db}
cd "$(dirname "$0")/.."
"$BIN" --db "$DB" init
echo
"$BIN" --db "$DB" status
cat <<MSG

Try:
  $BIN --db $DB country show SC
  $BIN --db $DB --format json port show SCPOV
  $BIN --db $DB port near -4.62 55.45 --km 20
  $BIN --db $DB port search rotterdam
  $BIN --db $DB facility list --country SC
  $BIN --help
MSG
