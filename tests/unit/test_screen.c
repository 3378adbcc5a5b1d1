/*
 * test_screen.c — screening Notices of Arrival against the bundled advisory
 * history and targeting matrix: the Port Victoria example of issue 4, the
 * last-five rule (by departure, transits out), direct calls, excepted
 * facilities, the Djibouti, Cuba and North Korea dates seen from a ship,
 * uncertain answers, and the result document.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "io/coe_json.h"
#include "io/noa.h"
#include "base/time.h"
#include "model/screen.h"

static struct psec_coe_set set;
static struct psec_matrix matrix;
static struct psec_noa noa;
static struct psec_screen_result res;

static int setup(void **state)
{
    struct psec_err e = { 0 };
    (void)state;
    json_t *a = json_load_file(PSEC_TESTDIR "/../data/advisories/advisories.json", 0, NULL);
    json_t *m = json_load_file(PSEC_TESTDIR "/../data/targeting/matrix.json", 0, NULL);
    if (a == NULL || m == NULL)
        return -1;
    psec_coe_set_init(&set);
    psec_matrix_init(&matrix);
    int rc = psec_coe_from_json(a, &set, &e);
    if (rc == PSEC_OK)
        rc = psec_matrix_from_json(m, &matrix, &e);
    psec_coe_set_sort(&set);
    json_decref(a);
    json_decref(m);
    return rc == PSEC_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    psec_coe_set_free(&set);
    psec_matrix_free(&matrix);
    return 0;
}

/* Screens a NOA with the given ETA and calls (JSON array text); the vessel
 * had an ISPS exam 30 days before the ETA so the exam lift stays out of the way. */
static void screen(const char *eta, const char *calls)
{
    char text[4096];
    struct psec_err e = { 0 };
    struct psec_vessel_exam exam = { .day = 0, .kind = "isps" };
    snprintf(text, sizeof text,
             "{\"noa_id\":\"T\",\"vessel\":{\"imo\":\"9074729\",\"flag\":\"LR\"},"
             "\"arrival\":{\"port\":\"USHOU\",\"eta\":\"%s\"},\"port_calls\":%s}", eta, calls);
    int rc = psec_noa_parse(text, strlen(text), &noa, NULL, NULL, &e);
    if (rc != PSEC_OK)
        fail_msg("parse: %s", e.msg);
    exam.day = noa.eta / 86400 - 30;
    psec_screen(&noa, &set, &matrix, NULL, 0, &exam, 1, &res);
}

static bool has_warning(const char *s)
{
    for (int i = 0; i < res.nwarnings; i++)
        if (strstr(res.warnings[i], s))
            return true;
    return false;
}

static void test_port_victoria(void **state)
{
    (void)state;
    /* Issue 4 "Done when": Port Victoria in September 2025, Houston 1 Oct 2025. */
    screen("2025-10-01T06:00:00Z",
           "[{\"port\":\"SCPOV\",\"facility\":\"SCPOV-0001\",\"arrival\":\"2025-09-01T00:00:00Z\","
           "\"departure\":\"2025-09-03T12:00:00Z\",\"purpose\":\"cargo\"}]");
    assert_int_equal(res.coe, PSEC_TRI_YES);
    assert_true(res.direct);
    assert_int_equal(res.ncalls, 1);
    assert_false(res.calls[0].excepted);
    assert_string_equal(set.adv[res.calls[0].since->advisory].id, "PSA 1-19");
    assert_non_null(strstr(res.calls[0].reason, "SCPOV"));
    assert_int_equal(res.target.priority, PSEC_PRIO_I);
    assert_true(has_warning("only 1 port call declared"));

    json_t *doc = psec_screen_json(&noa, &res, &set);
    json_t *coe = json_object_get(doc, "coe");
    assert_string_equal(json_string_value(json_object_get(coe, "status")), "applies");
    assert_true(json_is_true(json_object_get(coe, "applies")));
    assert_int_equal(json_array_size(json_object_get(coe, "actions")), 7);
    json_t *call = json_array_get(json_object_get(coe, "calls"), 0);
    assert_string_equal(json_string_value(json_object_get(call, "in_force_since")), "2019-04-12");
    assert_string_equal(json_string_value(json_object_get(call, "country")), "SC");
    json_t *t = json_object_get(doc, "targeting");
    assert_string_equal(json_string_value(json_object_get(t, "priority")), "ISPS I");
    assert_string_equal(json_string_value(json_object_get(t, "matrix_version")),
                        "uscg-isps-2025.1+r0");
    json_t *item = json_array_get(json_object_get(t, "items"), 0);
    assert_string_equal(json_string_value(json_object_get(item, "basis")), "assumed");
    json_decref(doc);
}

static void test_last_five(void **state)
{
    (void)state;
    /* Seven calls given out of order; a transit; the Seychelles call is the
     * sixth most recent by departure, so it does not count. */
    screen("2025-10-01",
           "[{\"port\":\"SGSIN\",\"arrival\":\"2025-09-20\",\"departure\":\"2025-09-21\"},"
           "{\"port\":\"SCPOV\",\"arrival\":\"2025-07-01\",\"departure\":\"2025-07-02\"},"
           "{\"port\":\"AEJEA\",\"arrival\":\"2025-08-20\",\"departure\":\"2025-08-21\"},"
           "{\"port\":\"PAPCN\",\"arrival\":\"2025-09-25\",\"departure\":\"2025-09-26\","
           "\"purpose\":\"transit\"},"
           "{\"port\":\"INNSA\",\"arrival\":\"2025-08-01\",\"departure\":\"2025-08-02\"},"
           "{\"port\":\"LKCMB\",\"arrival\":\"2025-08-10\",\"departure\":\"2025-08-11\"},"
           "{\"port\":\"OMSLL\",\"arrival\":\"2025-07-20\",\"departure\":\"2025-07-21\"}]");
    assert_int_equal(res.nlast, 5);
    assert_string_equal(noa.calls[res.last[0]].port, "SGSIN");
    assert_string_equal(noa.calls[res.last[1]].port, "AEJEA");
    assert_string_equal(noa.calls[res.last[4]].port, "OMSLL");
    assert_int_equal(res.coe, PSEC_TRI_NO);
    assert_int_equal(res.ncalls, 0);
    assert_true(has_warning("port_calls[1]: SCPOV (SC) is on the list but is not among the last "
                            "five"));
    assert_true(has_warning("port_calls[3]: PAPCN is a transit"));
    assert_int_equal(res.target.priority, PSEC_PRIO_III);

    /* Now the Seychelles call is fifth: applies, not direct. */
    screen("2025-10-01",
           "[{\"port\":\"SGSIN\",\"arrival\":\"2025-09-20\",\"departure\":\"2025-09-21\"},"
           "{\"port\":\"SCPOV\",\"arrival\":\"2025-07-01\",\"departure\":\"2025-07-02\"},"
           "{\"port\":\"AEJEA\",\"arrival\":\"2025-08-20\",\"departure\":\"2025-08-21\"},"
           "{\"port\":\"PAPCN\",\"arrival\":\"2025-09-25\",\"departure\":\"2025-09-26\","
           "\"purpose\":\"transit\"},"
           "{\"port\":\"INNSA\",\"arrival\":\"2025-08-01\",\"departure\":\"2025-08-02\"},"
           "{\"port\":\"LKCMB\",\"arrival\":\"2025-08-10\",\"departure\":\"2025-08-11\"}]");
    assert_int_equal(res.coe, PSEC_TRI_YES);
    assert_false(res.direct);
    assert_int_equal(res.ncalls, 1);
    assert_string_equal(noa.calls[res.calls[0].call].port, "SCPOV");
}

static void test_excepted_facility(void **state)
{
    (void)state;
    /* Lagos (Apapa) APM Terminal is excepted; the port alone is not. */
    screen("2025-10-01", "[{\"port\":\"NGAPP\",\"facility\":\"NGAPP-0001\","
                         "\"arrival\":\"2025-09-01\",\"departure\":\"2025-09-03\"}]");
    assert_int_equal(res.coe, PSEC_TRI_NO);
    assert_int_equal(res.ncalls, 1);
    assert_true(res.calls[0].excepted);
    assert_non_null(strstr(res.calls[0].reason, "excepted"));
    assert_int_equal(res.target.priority, PSEC_PRIO_III);
    screen("2025-10-01", "[{\"port\":\"NGAPP\",\"arrival\":\"2025-09-01\","
                         "\"departure\":\"2025-09-03\"}]");
    assert_int_equal(res.coe, PSEC_TRI_YES);
    assert_false(res.calls[0].excepted);
    /* A non-excepted facility in the same port. */
    screen("2025-10-01", "[{\"port\":\"NGAPP\",\"facility\":\"NGAPP-0002\","
                         "\"arrival\":\"2025-09-01\",\"departure\":\"2025-09-03\"}]");
    assert_int_equal(res.coe, PSEC_TRI_YES);
    /* One excepted call and one triggering call: applies, both listed. */
    screen("2025-10-01", "[{\"port\":\"NGAPP\",\"facility\":\"NGAPP-0001\","
                         "\"arrival\":\"2025-09-01\",\"departure\":\"2025-09-03\"},"
                         "{\"port\":\"YEADE\",\"arrival\":\"2025-08-01\","
                         "\"departure\":\"2025-08-03\"}]");
    assert_int_equal(res.coe, PSEC_TRI_YES);
    assert_int_equal(res.ncalls, 2);
    assert_false(res.direct);
}

static const char *DJ_CALL = "[{\"port\":\"DJJIB\",\"arrival\":\"2019-05-01\","
                             "\"departure\":\"2019-05-02\"}]";

static void test_dates_from_a_ship(void **state)
{
    (void)state;
    screen("2019-05-29T23:00:00Z", DJ_CALL);
    assert_int_equal(res.coe, PSEC_TRI_NO);
    screen("2019-05-30T00:00:00Z", DJ_CALL);
    assert_int_equal(res.coe, PSEC_TRI_YES);
    screen("2025-07-20T12:00:00Z", "[{\"port\":\"DJJIB\",\"arrival\":\"2025-07-01\","
                                   "\"departure\":\"2025-07-02\"}]");
    assert_int_equal(res.coe, PSEC_TRI_YES);
    screen("2025-07-21T00:00:00Z", "[{\"port\":\"DJJIB\",\"arrival\":\"2025-07-01\","
                                   "\"departure\":\"2025-07-02\"}]");
    assert_int_equal(res.coe, PSEC_TRI_NO);

    const char *cu = "[{\"port\":\"CUMAR\",\"arrival\":\"2016-03-01\",\"departure\":\"2016-03-02\"}]";
    screen("2016-03-21", cu);
    assert_int_equal(res.coe, PSEC_TRI_YES);
    screen("2016-03-22", cu);
    assert_int_equal(res.coe, PSEC_TRI_NO);
    cu = "[{\"port\":\"CUMAR\",\"arrival\":\"2025-03-01\",\"departure\":\"2025-03-02\"}]";
    screen("2025-04-01", cu);
    assert_int_equal(res.coe, PSEC_TRI_NO);
    screen("2025-04-02", cu);
    assert_int_equal(res.coe, PSEC_TRI_YES);

    const char *kp = "[{\"port\":\"KPNAM\",\"arrival\":\"2025-08-01\",\"departure\":\"2025-08-02\"}]";
    screen("2025-09-01T23:59:59Z", kp);
    assert_int_equal(res.coe, PSEC_TRI_NO);
    screen("2025-09-02", kp);
    assert_int_equal(res.coe, PSEC_TRI_YES);
}

static void test_uncertain(void **state)
{
    (void)state;
    screen("2023-06-01", "[{\"port\":\"SDPZU\",\"arrival\":\"2023-05-01\","
                         "\"departure\":\"2023-05-02\"}]");
    assert_int_equal(res.coe, PSEC_TRI_UNCERTAIN);
    assert_int_equal(res.ncalls, 1);
    assert_int_equal(res.calls[0].status, PSEC_TRI_UNCERTAIN);
    assert_true(has_warning("uncertain"));
    assert_true(has_warning("assumed"));
    /* Uncertain is not lifted to ISPS I. */
    assert_int_equal(res.target.priority, PSEC_PRIO_III);
    json_t *doc = psec_screen_json(&noa, &res, &set);
    json_t *coe = json_object_get(doc, "coe");
    assert_string_equal(json_string_value(json_object_get(coe, "status")), "uncertain");
    assert_true(json_is_false(json_object_get(coe, "applies")));
    json_decref(doc);
    /* An uncertain call does not hide a certain one. */
    screen("2023-06-01", "[{\"port\":\"SDPZU\",\"arrival\":\"2023-05-01\","
                         "\"departure\":\"2023-05-02\"},{\"port\":\"SCPOV\","
                         "\"arrival\":\"2023-04-01\",\"departure\":\"2023-04-02\"}]");
    assert_int_equal(res.coe, PSEC_TRI_YES);
    assert_false(res.direct);
}

static void test_no_calls(void **state)
{
    (void)state;
    screen("2025-10-01", "[]");
    assert_int_equal(res.coe, PSEC_TRI_NO);
    assert_int_equal(res.nlast, 0);
    assert_true(has_warning("only 0 port calls"));
    json_t *doc = psec_screen_json(&noa, &res, &set);
    assert_int_equal(json_array_size(json_object_get(json_object_get(doc, "coe"), "actions")), 0);
    json_decref(doc);
}

static void test_observed_call(void **state)
{
    (void)state;
    /* Declared: Singapore only. AIS saw a later, undeclared call at Port
     * Victoria: the ship's real last call, on the list. */
    screen("2025-10-01T06:00:00Z",
           "[{\"port\":\"SGSIN\",\"arrival\":\"2025-08-20\",\"departure\":\"2025-08-22\"}]");
    assert_int_equal(res.coe, PSEC_TRI_NO);
    struct psec_noa_call *c = &noa.calls[noa.ncalls++];
    memset(c, 0, sizeof *c);
    memcpy(c->port, "SCPOV", 6);
    memcpy(c->country, "SC", 3);
    c->observed = true;
    assert_true(psec_time_parse("2025-09-01T00:00:00Z", &c->arrival));
    assert_true(psec_time_parse("2025-09-03T00:00:00Z", &c->departure));
    psec_screen(&noa, &set, &matrix, NULL, 0, NULL, 0, &res);
    assert_int_equal(res.coe, PSEC_TRI_YES);
    assert_true(res.direct);
    assert_int_equal(res.ncalls, 1);
    assert_non_null(strstr(res.calls[0].reason, "undeclared call seen by AIS at SCPOV"));
    assert_true(has_warning("AIS shows an undeclared port call at SCPOV"));
    assert_true(has_warning("declared or seen by AIS"));
    assert_int_equal(res.target.priority, PSEC_PRIO_I);
    json_t *doc = psec_screen_json(&noa, &res, &set);
    json_t *call = json_array_get(json_object_get(json_object_get(doc, "coe"), "calls"), 0);
    assert_string_equal(json_string_value(json_object_get(call, "evidence")), "ais");
    json_decref(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_port_victoria),
        cmocka_unit_test(test_last_five),
        cmocka_unit_test(test_excepted_facility),
        cmocka_unit_test(test_dates_from_a_ship),
        cmocka_unit_test(test_uncertain),
        cmocka_unit_test(test_no_calls),
        cmocka_unit_test(test_observed_call),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
