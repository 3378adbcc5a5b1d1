/*
 * test_advisory_store.c — the bundled advisories and matrix through the
 * database: loading is idempotent, what comes back replays to the same
 * answers as the file, list revisions number the matrix version, and an
 * advisory add is all or nothing.
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

#include <jansson.h>

#include "app/advisory.h"
#include "base/time.h"
#include "io/coe_json.h"
#include "store/advisory.h"

static char path[128];

static struct psec_db *open_db(void)
{
    struct psec_db *db = NULL;
    struct psec_err e = { 0 };
    snprintf(path, sizeof path, "/tmp/psec-test-advisory-%d.db", (int)getpid());
    unlink(path);
    if (psec_db_open(&db, path, 0, &e) != PSEC_OK)
        fail_msg("open: %s", e.msg);
    return db;
}

static void close_db(struct psec_db *db)
{
    char p[160];
    psec_db_close(db);
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

static int64_t D(const char *s)
{
    int64_t d = 0;
    psec_date_parse(s, &d);
    return d;
}

static void test_load_idempotent(void **state)
{
    struct psec_err e = { 0 };
    json_t *sum = NULL;
    (void)state;
    struct psec_db *db = open_db();
    assert_int_equal(psec_app_advisory_load_dir(db, PSEC_TESTDIR "/../data", &sum, &e), PSEC_OK);
    assert_int_equal(json_integer_value(json_object_get(sum, "advisories_added")), 41);
    assert_true(json_is_true(json_object_get(sum, "matrix_loaded")));
    json_decref(sum);
    assert_int_equal(psec_app_advisory_load_bundled(db, PSEC_TESTDIR "/../data", &e), PSEC_OK);
    assert_int_equal(psec_app_advisory_load_dir(db, PSEC_TESTDIR "/../data", &sum, &e), PSEC_OK);
    assert_int_equal(json_integer_value(json_object_get(sum, "advisories_added")), 0);
    assert_true(json_is_false(json_object_get(sum, "matrix_loaded")));
    json_decref(sum);
    json_t *list = psec_store_advisory_list(db, &e);
    assert_int_equal(json_array_size(list), 41);
    json_decref(list);

    /* What the database holds replays like the file. */
    struct psec_coe_set a, b;
    psec_coe_set_init(&a);
    psec_coe_set_init(&b);
    json_t *doc = json_load_file(PSEC_TESTDIR "/../data/advisories/advisories.json", 0, NULL);
    assert_int_equal(psec_coe_from_json(doc, &a, &e), PSEC_OK);
    json_decref(doc);
    psec_coe_set_sort(&a);
    assert_int_equal(psec_store_coe_load(db, &b, &e), PSEC_OK);
    assert_int_equal(a.nch, b.nch);
    assert_int_equal(b.ncond, 7);
    for (size_t i = 0; i < a.nch; i++) {
        struct psec_coe_state x, y;
        for (int64_t d = a.ch[i].not_before - 1; d <= a.ch[i].by + 1; d++) {
            psec_coe_country_on(&a, a.ch[i].country, d, &x);
            psec_coe_country_on(&b, a.ch[i].country, d, &y);
            assert_int_equal(x.state, y.state);
        }
    }
    psec_coe_set_free(&a);
    psec_coe_set_free(&b);

    /* The matrix and its revisions. */
    struct psec_matrix m;
    psec_matrix_init(&m);
    assert_int_equal(psec_store_matrix_load(db, -1, &m, &e), PSEC_OK);
    assert_string_equal(m.version, "uscg-isps-2025.1");
    assert_int_equal(m.rev, 1);
    assert_int_equal(m.nentries, 11);
    psec_matrix_free(&m);
    json_t *t = psec_app_target_add(db, "flag", "lr", 7, "2025-01-01", NULL, NULL, &e);
    assert_non_null(t);
    assert_string_equal(json_string_value(json_object_get(t, "matrix_version")),
                        "uscg-isps-2025.1+r2");
    json_decref(t);
    int rev = 0;
    assert_int_equal(psec_store_matrix_rev_of(db, "uscg-isps-2025.1+r1", &rev, &e), PSEC_OK);
    assert_int_equal(rev, 1);
    psec_matrix_init(&m);
    assert_int_equal(psec_store_matrix_load(db, 1, &m, &e), PSEC_OK);
    assert_int_equal(m.nentries, 11);
    psec_matrix_free(&m);
    close_db(db);
}

static void test_add_all_or_nothing(void **state)
{
    struct psec_err e = { 0 };
    (void)state;
    struct psec_db *db = open_db();
    /* The second advisory is bad: the first must not be stored either. */
    json_t *doc = json_loads(
        "{\"format\":\"portsec-advisories\",\"advisories\":["
        "{\"id\":\"A\",\"title\":\"t\",\"source\":\"s\",\"changes\":[{\"action\":\"add_country\","
        "\"country\":\"SC\",\"effective\":\"2019-04-12\",\"basis\":\"assessment\","
        "\"confidence\":\"confirmed\"}]},"
        "{\"id\":\"B\",\"title\":\"t\",\"source\":\"s\",\"changes\":[{\"action\":\"add_country\","
        "\"country\":\"S\",\"effective\":\"2019-04-12\",\"basis\":\"assessment\","
        "\"confidence\":\"confirmed\"}]}]}", 0, NULL);
    assert_int_equal(psec_app_advisory_add(db, doc, "x.json", NULL, &e), PSEC_E_INVALID);
    assert_non_null(strstr(e.msg, "x.json: advisories[1].changes[0].country"));
    json_decref(doc);
    json_t *list = psec_store_advisory_list(db, &e);
    assert_int_equal(json_array_size(list), 0);
    json_decref(list);
    /* One advisory object on its own. */
    doc = json_loads("{\"id\":\"A\",\"title\":\"t\",\"source\":\"s\",\"changes\":[{\"action\":"
                     "\"add_country\",\"country\":\"SC\",\"effective\":\"2019-04-12\",\"basis\":"
                     "\"assessment\",\"confidence\":\"confirmed\"}]}", 0, NULL);
    assert_int_equal(psec_app_advisory_add(db, doc, "a.json", NULL, &e), PSEC_OK);
    assert_int_equal(psec_app_advisory_add(db, doc, "a.json", NULL, &e), PSEC_E_CONFLICT);
    json_decref(doc);
    json_t *chk = psec_app_coe_check(db, "country", "SC", D("2019-04-12"), &e);
    assert_string_equal(json_string_value(json_object_get(chk, "status")), "applies");
    json_decref(chk);
    close_db(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_idempotent),
        cmocka_unit_test(test_add_all_or_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
