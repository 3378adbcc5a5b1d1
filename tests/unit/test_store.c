/*
 * test_store.c — the SQLite backend: migrations at open, a newer schema
 * refused, nested transactions, statement cache, constraint errors, and the
 * registry store functions.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/db.h"
#include "store/migrate.h"
#include "store/registry.h"

static char path[64];

static int setup(void **state)
{
    (void)state;
    snprintf(path, sizeof path, "/tmp/psec-test-store-%d.db", (int)getpid());
    unlink(path);
    return 0;
}

static int teardown(void **state)
{
    char p[80];
    (void)state;
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
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
    snprintf(sql, sizeof sql, "PRAGMA user_version=%d", newest + 1);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_migrate_and_refuse_newer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nocreate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transactions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_registry_reads, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
