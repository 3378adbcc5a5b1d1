/*
 * test_http_auth.c — users, sessions, tokens and login throttling as the
 * server uses them (src/app/auth.c over a temporary database), and the
 * audit rows their changes leave.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/audit.h"
#include "app/auth.h"
#include "store/db.h"

struct fx {
    char dir[64];
    char path[128];
    struct psec_db *db;
    struct psec_actor cli;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    struct psec_err e = { 0 };

    snprintf(f->dir, sizeof f->dir, "/tmp/psec_authXXXXXX");
    if (mkdtemp(f->dir) == NULL)
        return -1;
    snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
    if (psec_db_open(&f->db, f->path, 0, &e) != PSEC_OK || psec_auth_init(&e) != PSEC_OK) {
        fprintf(stderr, "%s\n", e.msg);
        return -1;
    }
    psec_actor_cli(&f->cli);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    char p[160];

    psec_db_close(f->db);
    unlink(f->path);
    snprintf(p, sizeof p, "%s-wal", f->path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", f->path);
    unlink(p);
    rmdir(f->dir);
    free(f);
    return 0;
}

static void test_roles(void **state)
{
    (void)state;
    assert_int_equal(psec_role_parse("viewer"), PSEC_ROLE_VIEWER);
    assert_int_equal(psec_role_parse("admin"), PSEC_ROLE_ADMIN);
    assert_int_equal(psec_role_parse("root"), PSEC_ROLE_NONE);
    assert_int_equal(psec_role_parse(NULL), PSEC_ROLE_NONE);
    assert_string_equal(psec_role_name(PSEC_ROLE_APPROVER), "approver");
    assert_true(psec_secret_equal("abc", "abc"));
    assert_false(psec_secret_equal("abc", "abd"));
    assert_false(psec_secret_equal("abc", "abcd"));
    assert_false(psec_secret_equal("", "a"));
}

static void test_users(void **state)
{
    struct fx *f = *state;
    struct psec_err e = { 0 };
    json_t *list, *audit;
    struct psec_audit_filter af = { .entity = "user" };

    assert_int_equal(psec_user_add(f->db, &f->cli, "amy", "analyst", "short", &e), PSEC_E_INVALID);
    assert_int_equal(psec_user_add(f->db, &f->cli, "a b", "analyst", "long enough pw", &e),
                     PSEC_E_INVALID);
    assert_int_equal(psec_user_add(f->db, &f->cli, "amy", "boss", "long enough pw", &e),
                     PSEC_E_INVALID);
    assert_int_equal(psec_user_add(f->db, &f->cli, "amy", "analyst", "long enough pw", &e), PSEC_OK);
    assert_int_equal(psec_user_add(f->db, &f->cli, "amy", "viewer", "long enough pw", &e),
                     PSEC_E_CONFLICT);
    list = psec_user_list(f->db, &e);
    assert_int_equal(json_array_size(list), 1);
    assert_null(json_object_get(json_array_get(list, 0), "pwhash"));
    json_decref(list);
    assert_int_equal(psec_user_set_role(f->db, &f->cli, "amy", "approver", &e), PSEC_OK);
    assert_int_equal(psec_user_set_role(f->db, &f->cli, "nobody", "approver", &e), PSEC_E_NOTFOUND);
    audit = psec_audit_list(f->db, &af, &e);
    assert_int_equal(json_integer_value(json_object_get(audit, "total")), 2);
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(audit, "items"), 0), "action")),
                        "role");
    json_decref(audit);
}

static void test_sessions(void **state)
{
    struct fx *f = *state;
    struct psec_err e = { 0 };
    struct psec_login lg;
    struct psec_actor a;
    char csrf[PSEC_CSRF_MAX], cookie[PSEC_SECRET_MAX];
    int64_t now = 2000000000;

    assert_int_equal(psec_user_add(f->db, &f->cli, "bob", "viewer", "bob's password", &e), PSEC_OK);
    assert_int_equal(psec_login(f->db, "bob", "bob's password", "10.0.0.1", now, &lg, &e), PSEC_OK);
    assert_int_equal(lg.actor.role, PSEC_ROLE_VIEWER);
    assert_int_equal(strlen(lg.session), 43);
    assert_int_equal(strlen(lg.csrf), 64);
    memcpy(cookie, lg.session, sizeof cookie);
    assert_int_equal(psec_session_check(f->db, cookie, now + 10, &a, csrf, &e), PSEC_OK);
    assert_string_equal(a.name, "bob");
    assert_string_equal(csrf, lg.csrf);
    /* Idle too long, or past its lifetime: gone. */
    assert_int_equal(psec_session_check(f->db, cookie, now + PSEC_SESSION_TTL + 1, &a, csrf, &e),
                     PSEC_E_AUTH);
    assert_int_equal(psec_session_check(f->db, "not a session", now, &a, csrf, &e), PSEC_E_AUTH);
    /* Disabling ends the session. */
    assert_int_equal(psec_login(f->db, "bob", "bob's password", "10.0.0.1", now, &lg, &e), PSEC_OK);
    assert_int_equal(psec_user_disable(f->db, &f->cli, "bob", true, &e), PSEC_OK);
    assert_int_equal(psec_session_check(f->db, lg.session, now, &a, csrf, &e), PSEC_E_AUTH);
    assert_int_equal(psec_login(f->db, "bob", "bob's password", "10.0.0.1", now, &lg, &e),
                     PSEC_E_AUTH);
}

static void test_throttle(void **state)
{
    struct fx *f = *state;
    struct psec_err e = { 0 };
    struct psec_login lg;
    int64_t now = 2000000000;

    assert_int_equal(psec_user_add(f->db, &f->cli, "cy", "viewer", "cy's password", &e), PSEC_OK);
    for (int i = 0; i < PSEC_LOGIN_MAX_FAILURES; i++) {
        assert_int_equal(psec_login(f->db, "cy", "wrong", "10.0.0.2", now + i, &lg, &e), PSEC_E_AUTH);
        assert_int_equal(lg.retry_after, 0);
        assert_true(i + 1 < PSEC_LOGIN_SLOW_AFTER ? lg.delay_ms == 0 : lg.delay_ms > 0);
    }
    /* Even the right password is refused while throttled. */
    assert_int_equal(psec_login(f->db, "cy", "cy's password", "10.0.0.2", now + 10, &lg, &e),
                     PSEC_E_AUTH);
    assert_true(lg.retry_after > 0);
    /* After the window it works again, and success clears the count. */
    assert_int_equal(psec_login(f->db, "cy", "cy's password", "10.0.0.2",
                                now + 10 + PSEC_LOGIN_WINDOW, &lg, &e), PSEC_OK);
}

static void test_tokens(void **state)
{
    struct fx *f = *state;
    struct psec_err e = { 0 };
    struct psec_actor a;
    char tok[PSEC_SECRET_MAX];
    json_t *list;
    int64_t now = (int64_t)time(NULL);

    assert_int_equal(psec_user_add(f->db, &f->cli, "robot", "analyst", "robot password", &e), PSEC_OK);
    assert_int_equal(psec_token_create(f->db, &f->cli, "robot", "ci", 0, tok, &e), PSEC_OK);
    assert_int_equal(strncmp(tok, "psec_", 5), 0);
    assert_int_equal(psec_token_check(f->db, tok, now, &a, &e), PSEC_OK);
    assert_int_equal(a.role, PSEC_ROLE_ANALYST);
    assert_int_equal(psec_token_check(f->db, "psec_nope", now, &a, &e), PSEC_E_AUTH);
    list = psec_token_list(f->db, "robot", &e);
    assert_int_equal(json_array_size(list), 1);
    assert_null(json_object_get(json_array_get(list, 0), "token_hash"));
    assert_int_equal(psec_token_revoke(f->db, &f->cli,
                                       json_integer_value(json_object_get(json_array_get(list, 0), "id")),
                                       &e), PSEC_OK);
    json_decref(list);
    assert_int_equal(psec_token_check(f->db, tok, now, &a, &e), PSEC_E_AUTH);
    /* A token with a lifetime expires. */
    assert_int_equal(psec_token_create(f->db, &f->cli, "robot", "short", 1, tok, &e), PSEC_OK);
    assert_int_equal(psec_token_check(f->db, tok, now + 2 * 86400, &a, &e), PSEC_E_AUTH);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roles),
        cmocka_unit_test_setup_teardown(test_users, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sessions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_throttle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tokens, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
