/*
 * test_store.c — the store on either backend: migrations at open, a newer
 * schema refused, nested transactions, statement cache, constraint, lock and
 * read-only errors, placeholders, JSON row types, last ids, and the registry
 * store functions. Runs on SQLite, and again on PostgreSQL as pg_test_store
 * (PSEC_TEST_PG_URL, see testdb.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/db.h"
#include "store/migrate.h"
#include "store/registry.h"
#include "testdb.h"

static const char *path;

static int setup(void **state)
{
    (void)state;
    path = testdb_fresh();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    testdb_drop();
    return 0;
}

static void put_sc(struct psec_db *db)
{
    struct psec_country c = { .alpha2 = "SC", .alpha3 = "SYC", .numeric_code = 690,
                              .name = "Seychelles", .solas = 1, .isps_since = 2004 };
    struct psec_port p = { .locode = "SCPOV", .country = "SC", .name = "Port Victoria",
                           .has_pos = true, .lat = -4.6232, .lon = 55.4524 };
    assert_int_equal(psec_store_country_put(db, &c, NULL), PSEC_OK);
    assert_int_equal(psec_store_port_put(db, &p, NULL), PSEC_OK);
}

static void test_migrate_and_refuse_newer(void **state)
{
    struct psec_db *db;
    struct psec_err e = { 0 };
    int newest = psec_migrations[psec_migration_count - 1].version;
    char sql[64];
    (void)state;
    assert_int_equal(psec_db_open(&db, path, 0, &e), PSEC_OK);
    assert_int_equal(psec_db_schema_version(db), newest);
    snprintf(sql, sizeof sql, testdb_is_pg() ? "UPDATE schema_version SET version=%d"
                                             : "PRAGMA user_version=%d", newest + 1);
    assert_int_equal(psec_db_exec(db, sql, &e), PSEC_OK);
    psec_db_close(db);
    assert_int_equal(psec_db_open(&db, path, 0, &e), PSEC_E_SCHEMA);
    assert_non_null(strstr(e.msg, "newer"));
    assert_null(db);
}

static void test_nocreate(void **state)
{
    struct psec_db *db;
    struct psec_err e = { 0 };
    (void)state;
    assert_int_equal(psec_db_open(&db, path, PSEC_DB_NOCREATE, &e), PSEC_E_NOTFOUND);
    assert_non_null(strstr(e.msg, "portsec init"));
    if (!testdb_is_pg())
        assert_int_equal(access(path, F_OK), -1);
}

static void test_transactions(void **state)
{
    struct psec_db *db;
    struct psec_err e = { 0 };
    json_t *n;
    (void)state;
    assert_int_equal(psec_db_open(&db, path, 0, &e), PSEC_OK);
    assert_int_equal(psec_db_begin(db, &e), PSEC_OK);
    put_sc(db);
    assert_int_equal(psec_db_begin(db, &e), PSEC_OK);   /* nested */
    psec_db_rollback(db);                               /* poisons the outer one */
    assert_int_equal(psec_db_commit(db, &e), PSEC_E_DB);
    assert_false(psec_store_country_exists(db, "SC"));

    assert_int_equal(psec_db_begin(db, &e), PSEC_OK);
    put_sc(db);
    assert_int_equal(psec_db_commit(db, &e), PSEC_OK);
    assert_true(psec_store_port_exists(db, "SCPOV"));

    /* Same data again: no change, version stays 1. */
    put_sc(db);
    n = psec_store_country_get(db, "SC", &e);
    assert_int_equal(json_integer_value(json_object_get(n, "version")), 1);
    assert_int_equal(json_integer_value(json_object_get(n, "isps_since")), 2004);
    json_decref(n);
    psec_db_close(db);
}

static void test_registry_reads(void **state)
{
    struct psec_db *db;
    struct psec_err e = { 0 };
    struct psec_facility f = { .number = "XXPOV-0001", .name = "Bad", .port = "XXPOV" };
    char a2[3];
    json_t *r;
    (void)state;
    assert_int_equal(psec_db_open(&db, path, 0, &e), PSEC_OK);
    put_sc(db);
    assert_int_equal(psec_store_country_resolve(db, "syc", a2, &e), PSEC_OK);
    assert_string_equal(a2, "SC");
    assert_int_equal(psec_store_country_resolve(db, "seychelles", a2, &e), PSEC_OK);
    assert_int_equal(psec_store_country_resolve(db, "ZZ", a2, &e), PSEC_E_NOTFOUND);
    r = psec_store_port_search(db, "victoria", NULL, 10, &e);
    assert_int_equal(json_array_size(r), 1);
    json_decref(r);
    r = psec_store_port_search(db, "%", NULL, 10, &e);    /* LIKE metacharacter is literal */
    assert_int_equal(json_array_size(r), 0);
    json_decref(r);
    /* Foreign key: a facility at an unknown port is refused. */
    assert_int_equal(psec_store_facility_put(db, &f, &e), PSEC_E_CONFLICT);
    psec_db_close(db);
}

/* `?` in a literal is text, not a placeholder; value types in JSON rows
 * are the same on both engines (a comparison is 0 or 1, SUM of integers an
 * integer, AVG a real). */
static void test_placeholders_and_types(void **state)
{
    struct psec_db *db;
    struct psec_err e = { 0 };
    struct psec_stmt *st;
    json_t *r;
    (void)state;
    assert_int_equal(psec_db_open(&db, path, 0, &e), PSEC_OK);
    put_sc(db);
    st = psec_db_stmt(db,
        "SELECT 'a?b' AS lit, ? AS txt, ? AS num, ? AS dbl, ? AS nul, COUNT(*) AS n,"
        " SUM(isps_since) AS s, AVG(isps_since) AS a, MAX(isps_since) > 2000 AS cmp,"
        " name LIKE ? AS ci FROM country WHERE alpha2 = ? GROUP BY name", &e);
    assert_non_null(st);
    psec_stmt_text(st, 1, "it's");
    psec_stmt_int(st, 2, 5000000000LL);
    psec_stmt_double(st, 3, -4.6232);
    psec_stmt_null(st, 4);
    psec_stmt_text(st, 5, "SEY%");
    psec_stmt_text(st, 6, "SC");
    r = psec_stmt_json_row(st, &e);
    assert_non_null(r);
    assert_string_equal(json_string_value(json_object_get(r, "lit")), "a?b");
    assert_string_equal(json_string_value(json_object_get(r, "txt")), "it's");
    assert_true(json_is_integer(json_object_get(r, "num")));
    assert_int_equal(json_integer_value(json_object_get(r, "num")), 5000000000LL);
    assert_true(json_is_real(json_object_get(r, "dbl")));
    assert_true(json_real_value(json_object_get(r, "dbl")) == -4.6232);
    assert_true(json_is_null(json_object_get(r, "nul")));
    assert_int_equal(json_integer_value(json_object_get(r, "n")), 1);
    assert_true(json_is_integer(json_object_get(r, "s")));
    assert_true(json_is_real(json_object_get(r, "a")));
    assert_int_equal(json_integer_value(json_object_get(r, "cmp")), 1);
    assert_int_equal(json_integer_value(json_object_get(r, "ci")), 1);   /* LIKE ignores case */
    json_decref(r);

    /* The same statement again with a real where an integer was bound. */
    st = psec_db_stmt(db, "SELECT ? + 0 AS v", &e);
    psec_stmt_int(st, 1, 2);
    assert_int_equal(psec_stmt_step(st, &e), PSEC_ROW);
    assert_int_equal(psec_stmt_col_int(st, 0), 2);
    st = psec_db_stmt(db, "SELECT ? + 0 AS v", &e);
    psec_stmt_double(st, 1, 2.5);
    assert_int_equal(psec_stmt_step(st, &e), PSEC_ROW);
    assert_true(psec_stmt_col_double(st, 0) == 2.5);
    psec_stmt_run(st, NULL);

    /* Unique violation: a second country with the same alpha-3. */
    st = psec_db_stmt(db, "INSERT INTO country (alpha2, alpha3, name) VALUES ('XS', 'SYC', 'x')", &e);
    assert_int_equal(psec_stmt_run(st, &e), PSEC_E_CONFLICT);
    st = psec_db_stmt(db, "UPDATE country SET notes = 'n' WHERE alpha2 IN ('SC', 'ZZ')", &e);
    assert_int_equal(psec_stmt_run(st, &e), PSEC_OK);
    assert_int_equal(psec_db_changes(db), 1);
    psec_db_close(db);
}

/* Ids drawn by the database come back from psec_db_last_id(), in a
 * transaction or not. */
static void test_last_id(void **state)
{
    struct psec_db *db;
    struct psec_err e = { 0 };
    struct psec_stmt *st;
    (void)state;
    assert_int_equal(psec_db_open(&db, path, 0, &e), PSEC_OK);
    assert_int_equal(psec_db_exec(db, testdb_is_pg()
        ? "CREATE TABLE t (id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v TEXT)"
        : "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)", &e), PSEC_OK);
    st = psec_db_stmt(db, "INSERT INTO t (v) VALUES (?)", &e);
    psec_stmt_text(st, 1, "a");
    assert_int_equal(psec_stmt_run(st, &e), PSEC_OK);
    assert_int_equal(psec_db_last_id(db), 1);
    assert_int_equal(psec_db_begin(db, &e), PSEC_OK);
    st = psec_db_stmt(db, "INSERT INTO t (v) VALUES (?)", &e);
    psec_stmt_text(st, 1, "b");
    assert_int_equal(psec_stmt_run(st, &e), PSEC_OK);
    assert_int_equal(psec_db_last_id(db), 2);
    assert_int_equal(psec_db_commit(db, &e), PSEC_OK);
    psec_db_close(db);
}

/* A writer waiting for another's lock gives up with PSEC_E_BUSY; a
 * read-only handle refuses writes with PSEC_E_READONLY. */
static void test_busy_and_readonly(void **state)
{
    struct psec_db *a, *b, *ro;
    struct psec_err e = { 0 };
    struct psec_stmt *st;
    (void)state;
    assert_int_equal(psec_db_open(&a, path, 0, &e), PSEC_OK);
    put_sc(a);
    assert_int_equal(psec_db_open(&b, path, 0, &e), PSEC_OK);
    if (testdb_is_pg())
        assert_int_equal(psec_db_exec(b, "SET lock_timeout = '200ms'", &e), PSEC_OK);
    else
        assert_int_equal(psec_db_exec(b, "PRAGMA busy_timeout = 200", &e), PSEC_OK);
    assert_int_equal(psec_db_begin(a, &e), PSEC_OK);
    st = psec_db_stmt(a, "UPDATE country SET notes = 'a' WHERE alpha2 = 'SC'", &e);
    assert_int_equal(psec_stmt_run(st, &e), PSEC_OK);
    if (testdb_is_pg()) {
        st = psec_db_stmt(b, "UPDATE country SET notes = 'b' WHERE alpha2 = 'SC'", &e);
        assert_int_equal(psec_stmt_run(st, &e), PSEC_E_BUSY);
    } else {
        assert_int_equal(psec_db_begin(b, &e), PSEC_E_BUSY);
    }
    assert_int_equal(psec_db_commit(a, &e), PSEC_OK);
    psec_db_close(b);
    psec_db_close(a);

    assert_int_equal(psec_db_open(&ro, path, PSEC_DB_READONLY, &e), PSEC_OK);
    assert_true(psec_store_country_exists(ro, "SC"));
    st = psec_db_stmt(ro, "UPDATE country SET notes = 'r' WHERE alpha2 = 'SC'", &e);
    assert_int_equal(psec_stmt_run(st, &e), PSEC_E_READONLY);
    psec_db_close(ro);
}

/* Processes opening a new database at the same moment: one migrates, the
 * others wait for it and find the schema current (SQLite: the IMMEDIATE
 * transaction; PostgreSQL: the advisory lock). */
static void test_concurrent_migration(void **state)
{
    pid_t kids[4];
    struct psec_db *db;
    struct psec_err e = { 0 };
    (void)state;
    for (int i = 0; i < 4; i++) {
        if ((kids[i] = fork()) == 0) {
            struct psec_db *d;
            struct psec_err ce = { 0 };
            int rc = psec_db_open(&d, path, 0, &ce);
            psec_db_close(d);
            _exit(rc);
        }
        assert_true(kids[i] > 0);
    }
    for (int i = 0; i < 4; i++) {
        int status;
        assert_int_equal(waitpid(kids[i], &status, 0), kids[i]);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), PSEC_OK);
    }
    assert_int_equal(psec_db_open(&db, path, 0, &e), PSEC_OK);
    assert_int_equal(psec_db_schema_version(db), psec_migrations[psec_migration_count - 1].version);
    put_sc(db);
    psec_db_close(db);
}

/* PostgreSQL: a connection the server dropped fails the statement that
 * meets it (PSEC_E_IO) and is made again for the next one. */
static void test_reconnect(void **state)
{
    struct psec_db *a, *b;
    struct psec_err e = { 0 };
    struct psec_stmt *st;
    char sql[96];
    int64_t pid;
    (void)state;
    if (!testdb_is_pg())
        skip();
    assert_int_equal(psec_db_open(&a, path, 0, &e), PSEC_OK);
    assert_int_equal(psec_db_open(&b, path, 0, &e), PSEC_OK);
    put_sc(a);
    st = psec_db_stmt(a, "SELECT pg_backend_pid()", &e);
    assert_int_equal(psec_stmt_step(st, &e), PSEC_ROW);
    pid = psec_stmt_col_int(st, 0);
    psec_stmt_run(st, NULL);
    snprintf(sql, sizeof sql, "SELECT pg_terminate_backend(%lld)", (long long)pid);
    assert_int_equal(psec_db_exec(b, sql, &e), PSEC_OK);
    usleep(200 * 1000);
    st = psec_db_stmt(a, "SELECT name FROM country WHERE alpha2 = ?", &e);
    psec_stmt_text(st, 1, "SC");
    assert_int_equal(psec_stmt_step(st, &e), PSEC_E_IO);
    assert_true(psec_store_country_exists(a, "SC"));     /* reconnected */
    psec_db_close(b);
    psec_db_close(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_migrate_and_refuse_newer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nocreate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transactions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_registry_reads, setup, teardown),
        cmocka_unit_test_setup_teardown(test_placeholders_and_types, setup, teardown),
        cmocka_unit_test_setup_teardown(test_last_id, setup, teardown),
        cmocka_unit_test_setup_teardown(test_busy_and_readonly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reconnect, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_migration, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
