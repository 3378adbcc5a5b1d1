# Helpers for the command-line tests. Source it: . "$SRCDIR/tests/lib.sh"
set -u
: "${PORTSEC:?PORTSEC must name the portsec binary}"
: "${SRCDIR:?SRCDIR must name the source tree}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
DB="$T/test.db"
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
