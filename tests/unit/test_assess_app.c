/*
 * test_assess_app.c — the assessment use cases on a fresh database with an
 * empty registry: the demo loader (demonstration data) adds the country,
 * port and facilities it needs and is idempotent; the checklist is loaded
 * on first use; the proposal and the report document carry the expected
 * figures; a rejected change leaves the database as it was.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "app/assess.h"
#include "store/db.h"

#define DATA PSEC_TESTDIR "/../data"

static char path[128];

static int setup(void **state)
{
    struct psec_db *db = NULL;
    struct psec_err e = { 0 };

    snprintf(path, sizeof path, "/tmp/psec-test-assess-%d.db", (int)getpid());
    unlink(path);
    if (psec_db_open(&db, path, 0, &e) != PSEC_OK)
        return -1;
    *state = db;
    return 0;
}

static int teardown(void **state)
{
    char p[160];

    psec_db_close(*state);
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
    return 0;
}

static int count(json_t *arr)
{
    int n = (int)json_array_size(arr);
    json_decref(arr);
    return n;
}

static void demo_on_empty_registry(void **state)
{
    struct psec_db *db = *state;
    struct psec_err e = { 0 };
    json_t *p, *doc, *sum;

    if (psec_app_assess_load_demo(db, DATA, &e) != PSEC_OK)
        fail_msg("%s", e.msg);
    assert_int_equal(count(psec_app_visit_list(db, "SC", &e)), 2);
    /* Second load: nothing added. */
    assert_int_equal(psec_app_assess_load_demo(db, DATA, &e), PSEC_OK);
    assert_int_equal(count(psec_app_visit_list(db, "SC", &e)), 2);
    assert_int_equal(count(psec_app_assess_list(db, "SC", 0, &e)), 5);

    p = psec_app_determine_propose(db, "SC", "2026-10-01", &e);
    assert_non_null(p);
    assert_string_equal(json_string_value(json_object_get(p, "result")),
                        "effective-with-recommendations");
    assert_int_equal(json_integer_value(json_object_get(p, "open_findings")), 8);
    assert_true(json_is_true(json_object_get(p, "demo")));
    assert_string_equal(json_string_value(json_object_get(p, "next_reassessment_due")),
                        "2029-03-13");
    json_decref(p);

    doc = psec_app_report_country(db, "Seychelles", "2026-10-01", &e);
    assert_non_null(doc);
    assert_true(json_is_true(json_object_get(doc, "demo")));
    sum = json_object_get(doc, "summary");
    assert_int_equal(json_integer_value(json_object_get(sum, "facilities_assessed")), 2);
    assert_int_equal(json_integer_value(json_object_get(sum, "overdue_recommendations")), 1);
    assert_int_equal(json_integer_value(json_object_get(sum, "findings")), 9);
    assert_true(json_is_object(json_object_get(doc, "change")));
    json_decref(doc);

    /* Overdue list as of a day: only the in-progress one past its due date. */
    assert_int_equal(count(psec_app_rec_list(db, "SC", true, "2026-10-01", &e)), 1);
    assert_int_equal(count(psec_app_rec_list(db, "SC", true, "2026-08-31", &e)), 0);
}

static void rejected_changes_write_nothing(void **state)
{
    struct psec_db *db = *state;
    struct psec_err e = { 0 };
    json_t *v, *a, *fields, *ids;
    int64_t visit, id, finding;

    if (psec_app_assess_load_demo(db, DATA, &e) != PSEC_OK)
        fail_msg("%s", e.msg);
    fields = json_pack("{s:s, s:s, s:s, s:[s]}", "country", "SC", "start", "2026-11-02",
                       "kind", "follow-up", "sites", "SCPOV-0002");
    v = psec_app_visit_add(db, fields, &e);
    json_decref(fields);
    assert_non_null(v);
    visit = json_integer_value(json_object_get(v, "id"));
    json_decref(v);
    a = psec_app_assess_start(db, visit, "SCPOV-0002", NULL, "tester", &e);
    assert_non_null(a);
    id = json_integer_value(json_object_get(a, "id"));
    assert_int_equal(json_integer_value(json_object_get(a, "items_to_answer")), 84);
    json_decref(a);

    /* Closing with nothing answered is refused. */
    assert_null(psec_app_assess_close(db, id, NULL, &e));
    assert_int_equal(e.code, PSEC_E_INVALID);
    a = psec_app_assess_answer(db, id, "AC-01", "NO", "gate open", NULL, &e);
    assert_non_null(a);
    json_decref(a);
    a = psec_app_assess_close(db, id, "2026-11-03", &e);
    assert_non_null(a);
    assert_int_equal(json_array_size(json_object_get(a, "findings")), 1);
    finding = json_integer_value(json_object_get(json_array_get(json_object_get(a, "findings"), 0),
                                                 "id"));
    json_decref(a);
    assert_null(psec_app_assess_answer(db, id, "AC-02", "YES", NULL, NULL, &e));
    assert_int_equal(e.code, PSEC_E_READONLY);
    assert_null(psec_app_assess_close(db, id, NULL, &e));
    assert_int_equal(e.code, PSEC_E_READONLY);

    /* A recommendation whose due date precedes the finding: nothing written. */
    ids = json_pack("[I]", (json_int_t)finding);
    assert_null(psec_app_rec_add(db, ids, "Staff the gate", "high", NULL, "2026-10-01",
                                 "2026-11-04", &e));
    assert_int_equal(e.code, PSEC_E_INVALID);
    assert_non_null(strstr(e.msg, "before the finding"));
    json_decref(ids);
    assert_int_equal(count(psec_app_rec_list(db, "SC", false, "2026-11-04", &e)), 4);

    /* Now SCPOV-0002's latest assessment fails AC-01: 1 of 2 facilities -> not effective. */
    a = psec_app_determine_propose(db, "SC", "2026-11-05", &e);
    assert_non_null(a);
    assert_string_equal(json_string_value(json_object_get(a, "result")), "not-effective");
    json_decref(a);
    a = psec_app_determine_record(db, "SC", "not-effective", "2026-11-06", "gate", "2026-11-10",
                                  NULL, &e);
    assert_non_null(a);
    assert_string_equal(json_string_value(json_object_get(a, "correction_deadline")),
                        "2027-02-08");
    json_decref(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(demo_on_empty_registry, setup, teardown),
        cmocka_unit_test_setup_teardown(rejected_changes_write_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
