# Helpers for the command-line tests. Source it: . "$SRCDIR/tests/lib.sh"
set -u
: "${PORTSEC:?PORTSEC must name the portsec binary}"
: "${SRCDIR:?SRCDIR must name the source tree}"
T=$(mktemp -d)
PGNAME=""
PG_EXTRA=""
# What runs at exit; a helper that sets its own EXIT trap calls it too.
lib_cleanup() {
  local d
  for d in $PGNAME $PG_EXTRA; do pg_admin "DROP DATABASE IF EXISTS $d WITH (FORCE)"; done
  rm -rf "$T"
}
trap lib_cleanup EXIT
DB="$T/test.db"

# PostgreSQL (the pg_cli_* twins of the CLI tests, see tests/CMakeLists.txt):
# PSEC_TEST_PG_URL names a throwaway cluster; this test gets a fresh database
# of its own there, and DB is its URL instead of a file. A test that is about
# SQLite files only says so in a line "# sqlite-only: why" and is skipped.
pg_admin() { psql -X -q -v ON_ERROR_STOP=1 -d "$PSEC_TEST_PG_URL" -c "$1" >/dev/null; }
# pg_url NAME: the cluster's URL with database NAME.
pg_url() { printf '%s\n' "$PSEC_TEST_PG_URL" | sed -E "s#^(postgres(ql)?://[^/]*/)[^?]*#\1$1#"; }
if [ -n "${PSEC_TEST_PG_URL:-}" ]; then
  if grep -q '^# sqlite-only:' "$0"; then
    echo "skipped on PostgreSQL: $(sed -n 's/^# sqlite-only: //p' "$0")"; exit 77
  fi
  command -v psql >/dev/null || { echo "psql missing: run scripts/bootstrap.sh"; exit 1; }
  PGNAME="t_$(basename "$0" .sh | tr -c 'a-z0-9_\n' _)_$$"
  pg_admin "CREATE DATABASE $PGNAME" || { echo "cannot create database $PGNAME"; exit 1; }
  DB=$(pg_url "$PGNAME")
fi

# extra_db NAME VAR: sets VAR to the URI of another new, empty database for
# this test (a file in $T, or a PostgreSQL database dropped at the end).
extra_db() {
  local uri
  if [ -n "$PGNAME" ]; then
    pg_admin "CREATE DATABASE ${PGNAME}_$1" || { echo "cannot create database ${PGNAME}_$1"; exit 1; }
    PG_EXTRA="$PG_EXTRA ${PGNAME}_$1"
    uri=$(pg_url "${PGNAME}_$1")
  else
    uri="$T/$1.db"
  fi
  printf -v "$2" '%s' "$uri"
}

# reset_db: DB becomes a new, empty database (the file removed, or the
# PostgreSQL database dropped and made again).
reset_db() {
  if [ -n "$PGNAME" ]; then
    pg_admin "DROP DATABASE IF EXISTS $PGNAME WITH (FORCE)" && pg_admin "CREATE DATABASE $PGNAME"
  else
    rm -f "$DB" "$DB-wal" "$DB-shm"
  fi
}
# db_sql SQL: runs SQL on the test's database, whichever backend holds it
# (for fixtures the command line has no way to make; keep the SQL portable).
db_sql() {
  if [ -n "$PGNAME" ]; then
    psql -X -q -v ON_ERROR_STOP=1 -At -d "$DB" -c "$1"
  else
    sqlite3 "$DB" "$1"
  fi
}
export PORTSEC_DATA="$SRCDIR/data"
failures=0
checks=0

ps() { "$PORTSEC" --db "$DB" "$@"; }

# expect_status N CMD...: runs CMD, checks its exit status.
expect_status() {
  local want=$1; shift
  checks=$((checks + 1))
  "$@" >"$T/out" 2>"$T/err"; local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL: '$*' exited $got, expected $want"; sed 's/^/  stderr: /' "$T/err" | head -5
    failures=$((failures + 1))
  fi
}

# expect_grep PATTERN FILE: FILE contains PATTERN (extended regexp).
expect_grep() {
  checks=$((checks + 1))
  if ! grep -qE -- "$1" "$2"; then
    echo "FAIL: '$1' not found in $(basename "$2"):"; head -20 "$2" | sed 's/^/  /'
    failures=$((failures + 1))
  fi
}

expect_eq() {
  checks=$((checks + 1))
  if [ "$1" != "$2" ]; then
    echo "FAIL: ${3:-value}: got '$1', expected '$2'"; failures=$((failures + 1))
  fi
}

# golden NAME FILE: compares FILE with tests/golden/NAME; PSEC_GOLDEN_UPDATE=1 rewrites it.
golden() {
  local g="$SRCDIR/tests/golden/$1"
  checks=$((checks + 1))
  if [ "${PSEC_GOLDEN_UPDATE:-}" = 1 ]; then mkdir -p "$(dirname "$g")"; cp "$2" "$g"; return; fi
  if ! diff -u "$g" "$2" >"$T/diff"; then
    echo "FAIL: output differs from golden $1:"; head -40 "$T/diff"; failures=$((failures + 1))
  fi
}

finish() {
  echo "$((checks - failures)) passed, $failures failed"
  [ "$failures" = 0 ]
}
