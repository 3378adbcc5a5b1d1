#!/usr/bin/env bash
# Two `portsec serve` processes on two ports against one database, as behind
# a load balancer (docs/deploy.md): a session made on one is honoured by the
# other, a stale write through the second after a write through the first is
# refused (409), signing out on one ends the session on both, login
# throttling counts failures on both, and the audit trail has the writes of
# both. On PostgreSQL in the pg_cli_api_two twin; on SQLite too (two
# processes, one file).
. "$SRCDIR/tests/lib.sh"
command -v curl >/dev/null || { echo "curl is not installed"; exit 77; }
. "$SRCDIR/tests/cli/api_lib.bash"

api_setup
api_start
A=$BASE
A_PID=$SERVER_PID
mv "$T/serve.out" "$T/serve-a.out"
PORT=
SERVER_PID=
api_start
B=$BASE
B_PID=$SERVER_PID
# api_lib stops one server at exit; stop the other too.
trap 'kill "$A_PID" 2>/dev/null; wait "$A_PID" 2>/dev/null; api_stop; lib_cleanup' EXIT
expect_eq "$([ "$A" != "$B" ] && echo two)" two "two servers on two ports"

# A session made on A works on B.
BASE=$A; login ann; login vic; login admin
BASE=$B
expect_eq "$(as ann GET /api/v1/session)" 200 "A's session on B"
expect_grep '"role":"analyst"' "$T/body"

# Optimistic versions across processes.
BASE=$A
expect_eq "$(as vic GET /api/v1/countries/SC)" 200 "read on A"
ver=$(jq_num version)
expect_eq "$(as ann PATCH /api/v1/countries/SC -d "{\"version\":$ver,\"unit\":\"Unit A\"}")" 200 "write on A"
BASE=$B
expect_eq "$(as ann PATCH /api/v1/countries/SC -d "{\"version\":$ver,\"unit\":\"Unit B\"}")" 409 "stale write on B"
expect_grep '"code":"conflict"' "$T/body"
expect_eq "$(as vic GET /api/v1/countries/SC)" 200 "read on B"
expect_grep '"unit":"Unit A"' "$T/body"
ver=$(jq_num version)
expect_eq "$(as ann PATCH /api/v1/countries/SC -d "{\"version\":$ver,\"unit\":\"Unit B\"}")" 200 "fresh write on B"

# The audit trail has both writes, whichever server is asked.
BASE=$A
expect_eq "$(as admin GET '/api/v1/audit?entity=country&key=SC')" 200 "audit on A"
expect_grep '"unit":"Unit A"' "$T/body"
expect_grep '"unit":"Unit B"' "$T/body"

# Signing out on B ends the session on A.
BASE=$B
expect_eq "$(as vic DELETE /api/v1/session)" 200 "sign out on B"
BASE=$A
expect_eq "$(as vic GET /api/v1/countries/SC)" 401 "signed out on A too"

# Login throttling counts the failures on both servers.
for base in "$A" "$B" "$A" "$B" "$A"; do
  BASE=$base code POST /api/v1/session -d '{"name":"ann","password":"not the password"}' >/dev/null
done
BASE=$B
expect_eq "$(code POST /api/v1/session -d '{"name":"ann","password":"analyst password"}')" 429 "throttled on B after failures on A and B"
finish
