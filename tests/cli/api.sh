#!/usr/bin/env bash
# API over real HTTP on loopback: roles allowed and refused, 401 without a
# session, CSRF on cookie writes, stale versions (409), SQL metacharacters
# stored literally, 413, malformed JSON (400 with the position), 405, login
# throttling (429), API tokens, the audit trail, and '..' in static paths.
. "$SRCDIR/tests/lib.sh"
command -v curl >/dev/null || { echo "curl is not installed"; exit 77; }
. "$SRCDIR/tests/cli/api_lib.bash"

api_setup
api_start --max-body 65536

# ---- sign-in -----------------------------------------------------------
expect_eq "$(code GET /api/v1/countries)" 401 "countries without a session"
expect_grep '"code":"unauthorized"' "$T/body"
expect_eq "$(code GET /api/v1/health)" 200 "health is public"
expect_eq "$(code POST /api/v1/session -d '{"name":"ann","password":"wrong password"}')" 401 "wrong password"
expect_grep '"message":"wrong user name or password"' "$T/body"
expect_eq "$(code POST /api/v1/session -d '{"name":"nobody","password":"wrong password"}')" 401 "unknown user"
expect_grep '"message":"wrong user name or password"' "$T/body"
for u in admin ann vic pat; do login $u; done
expect_grep 'HttpOnly' "$T/headers"
expect_grep 'SameSite=Strict' "$T/headers"
expect_eq "$(as vic GET /api/v1/session)" 200 "whoami"
expect_grep '"role":"viewer"' "$T/body"

# ---- roles -------------------------------------------------------------
expect_eq "$(as vic GET /api/v1/countries/SC)" 200 "viewer reads a country"
ver=$(jq_num version)
expect_eq "$(as vic PATCH /api/v1/countries/SC -d "{\"version\":$ver,\"unit\":\"X\"}")" 403 "viewer edits a country"
expect_grep '"code":"forbidden"' "$T/body"
expect_eq "$(as ann GET /api/v1/users)" 403 "analyst lists users"
expect_eq "$(as pat GET /api/v1/users)" 403 "approver lists users"
expect_eq "$(as admin GET /api/v1/users)" 200 "admin lists users"
expect_grep '"total":4' "$T/body"
expect_eq "$(as vic GET /api/v1/audit)" 403 "viewer reads the audit trail"
expect_eq "$(as ann GET /api/v1/audit)" 403 "analyst reads the audit trail"

# ---- CSRF and versions ---------------------------------------------------
expect_eq "$(as_nocsrf ann PATCH /api/v1/countries/SC -d "{\"version\":$ver,\"unit\":\"X\"}")" 403 "write without CSRF token"
expect_grep 'CSRF' "$T/body"
expect_eq "$(as ann PATCH /api/v1/countries/SC -d '{"unit":"X"}')" 400 "write without a version"
expect_grep '"field":"version"' "$T/body"
expect_eq "$(as vic GET '/api/v1/countries?limit=1000')" 200 "country list (now cached)"
expect_eq "$(as ann PATCH /api/v1/countries/SC -d "{\"version\":$ver,\"unit\":\"Africa unit\"}")" 200 "analyst edits a country"
expect_eq "$(as vic GET '/api/v1/countries?limit=1000')" 200 "country list after the edit"
expect_grep '"unit":"Africa unit"' "$T/body"
expect_eq "$(as pat PATCH /api/v1/countries/SC -d "{\"version\":$ver,\"unit\":\"Other\"}")" 409 "second write with a stale version"
expect_grep '"code":"conflict"' "$T/body"
expect_eq "$(as vic GET /api/v1/countries/SC)" 200 "read after the conflict"
expect_grep '"unit":"Africa unit"' "$T/body"

# ---- SQL metacharacters come back literally --------------------------------
nasty="x'); DROP TABLE country; -- \\\" OR 1=1 %_ \` ; SELECT *"
payload=$(python3 -c 'import json,sys; v=sys.argv[1]; print(json.dumps({"designated_authority":v,"unit":v,"notes":v,"version":int(sys.argv[2])}))' "$nasty" "$(as vic GET /api/v1/countries/SC >/dev/null; jq_num version)")
expect_eq "$(as ann PATCH /api/v1/countries/SC -d "$payload")" 200 "metacharacters stored"
expect_eq "$(as vic GET /api/v1/countries/SC)" 200 "metacharacters read back"
for f in designated_authority unit notes; do
  got=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$T/body" "$f")
  expect_eq "$got" "$nasty" "$f returned literally"
done
expect_eq "$(as vic GET /api/v1/countries)" 200 "the country table is still there"
expect_grep '"total":[1-9]' "$T/body"
expect_eq "$(as admin POST /api/v1/tokens -d "$(python3 -c 'import json,sys; print(json.dumps({"user":"vic","label":sys.argv[1]}))' "$nasty")")" 201 "token with a nasty label"
expect_eq "$(as admin GET '/api/v1/tokens?user=vic')" 200 "token list"
got=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["items"][0]["label"])' "$T/body")
expect_eq "$got" "$nasty" "token label returned literally"

# ---- malformed input ---------------------------------------------------------
expect_eq "$(as ann PATCH /api/v1/countries/SC -d '{"version": 1, "unit": }')" 400 "malformed JSON"
expect_grep '"code":"invalid"' "$T/body"
expect_grep '"position":2[0-9]' "$T/body"
expect_grep '"line":1' "$T/body"
expect_eq "$(code POST /api/v1/session -d '{"name":')" 400 "malformed login"
expect_grep '"column":8' "$T/body"
head -c 70000 /dev/zero | tr '\0' 'a' >"$T/big"
expect_eq "$(as ann PATCH /api/v1/countries/SC --data-binary @"$T/big")" 413 "body over the limit"
expect_grep '"code":"too_large"' "$T/body"
expect_eq "$(as ann PATCH /api/v1/countries/SC -H 'Transfer-Encoding: chunked' --data-binary @"$T/big")" 413 "chunked body over the limit"
expect_eq "$(code DELETE /api/v1/countries)" 405 "wrong method"
expect_eq "$(curl -s -o "$T/body" -w '%{http_code}' -H 'Content-Type: text/plain' \
  -d '{"name":"ann","password":"analyst password"}' "$BASE/api/v1/session")" 415 "a form-like post (not JSON)"
expect_grep '"code":"unsupported_media_type"' "$T/body"
expect_eq "$(code GET /api/v1/nowhere)" 404 "unknown route"
expect_eq "$(as vic GET '/api/v1/countries?limit=abc')" 400 "bad limit"
expect_grep '"field":"limit"' "$T/body"
expect_eq "$(as vic GET '/api/v1/countries?limit=1&offset=0')" 200 "pagination"
expect_grep '"limit":1,"offset":0' "$T/body"
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["items"]))' "$T/body")
expect_eq "$n" 1 "one item on a page of one"

# ---- audit trail -----------------------------------------------------------------
expect_eq "$(as admin GET '/api/v1/audit?entity=country&key=SC')" 200 "audit of SC"
expect_grep '"actor":"ann"' "$T/body"
expect_grep '"before":\{' "$T/body"
expect_grep '"after":\{' "$T/body"
expect_grep '"unit":"Africa unit"' "$T/body"
expect_status 0 ps audit --entity country
expect_grep 'ann +api +update +country +SC' "$T/out"
expect_status 0 ps --format json audit --entity user
expect_grep '"action": "create"' "$T/out"

# ---- API tokens ----------------------------------------------------------------
tok=$(ps user token vic --label robot)
expect_eq "$(code GET /api/v1/countries/SC -H "Authorization: Bearer $tok")" 200 "bearer token"
expect_eq "$(code PATCH /api/v1/countries/SC -H "Authorization: Bearer $tok" -d '{"version":1}')" 403 "viewer token cannot write"
expect_eq "$(code GET /api/v1/countries/SC -H "Authorization: Bearer psec_forged")" 401 "forged token"
id=$(ps --format json user tokens vic | python3 -c 'import json,sys; print([t["id"] for t in json.load(sys.stdin) if t["label"]=="robot"][0])')
expect_status 0 ps user revoke "$id"
expect_eq "$(code GET /api/v1/countries/SC -H "Authorization: Bearer $tok")" 401 "revoked token"

# ---- disable, sign out ------------------------------------------------------------
expect_eq "$(as admin PATCH /api/v1/users/pat -d '{"version":1,"disabled":true}')" 200 "admin disables a user"
expect_eq "$(as pat GET /api/v1/countries/SC)" 401 "a disabled user's session ends"
expect_eq "$(as vic DELETE /api/v1/session)" 200 "sign out"
expect_eq "$(as vic GET /api/v1/countries/SC)" 401 "signed out"

# ---- throttling ---------------------------------------------------------------------
for i in 1 2 3 4 5; do code POST /api/v1/session -d '{"name":"ann","password":"not the password"}' >/dev/null; done
expect_eq "$(code POST /api/v1/session -d '{"name":"ann","password":"analyst password"}')" 429 "throttled after five failures"
expect_grep '"code":"too_many_requests"' "$T/body"
expect_grep '[Rr]etry-[Aa]fter: [0-9]+' "$T/headers"

# ---- static files ---------------------------------------------------------------------
for p in '/../CMakeLists.txt' '/%2e%2e/CMakeLists.txt' '/css/../../CMakeLists.txt' \
         '/..%2fCMakeLists.txt' '/%2e%2e%2f%2e%2e%2fetc/passwd' '/package.json' '/.git/HEAD'; do
  c=$(curl -s --path-as-is -o "$T/body" -w '%{http_code}' "$BASE$p")
  expect_eq "$c" 404 "static $p"
  if grep -q 'cmake_minimum_required\|root:' "$T/body"; then
    echo "FAIL: $p leaked a file outside web/"; failures=$((failures + 1))
  fi
done
expect_eq "$(code GET /)" 200 "index.html"
expect_grep '<html' "$T/body"

# ---- a client that sends nothing is cut off by the timeout -------------------------------
exec 3<>"/dev/tcp/127.0.0.1/$PORT"
timeout 20 cat <&3 >/dev/null; rc=$?
exec 3<&-
expect_eq "$rc" 0 "idle connection closed by the server (timeout 2 s), not by the test's 20 s"

finish
