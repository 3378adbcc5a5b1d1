/*
 * test_targeting.c — the security targeting matrix from data/targeting/:
 * bands, flag thresholds, lists with validity dates and revisions, company
 * and RSO points, security history, the no-ISPS-exam lift and the
 * conditions-of-entry lift, each with its reason and basis.
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

#include "base/time.h"
#include "io/coe_json.h"
#include "model/advisory.h"
#include "model/targeting.h"

static struct psec_matrix m;

static int64_t D(const char *s)
{
    int64_t d = 0;
    if (!psec_date_parse(s, &d))
        fail_msg("bad date in test: %s", s);
    return d;
}

static int setup(void **state)
{
    json_error_t je;
    struct psec_err e = { 0 };
    (void)state;
    json_t *root = json_load_file(PSEC_TESTDIR "/../data/targeting/matrix.json", 0, &je);
    if (root == NULL)
        return -1;
    psec_matrix_init(&m);
    int rc = psec_matrix_from_json(root, &m, &e);
    json_decref(root);
    if (rc != PSEC_OK)
        fprintf(stderr, "matrix.json: %s\n", e.msg);
    return rc == PSEC_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    psec_matrix_free(&m);
    return 0;
}

/* An input with a recent ISPS exam, so that only what a test adds scores. */
static struct psec_vessel_exam recent_exam;

static void base_input(struct psec_target_input *in, const char *eta_day)
{
    memset(in, 0, sizeof *in);
    in->flag = "";
    in->rso = "";
    in->owner = in->operator_name = in->charterer = "";
    in->eta = D(eta_day) * PSEC_DAY + 6 * 3600;
    recent_exam.day = D(eta_day) - 30;
    memcpy(recent_exam.kind, "isps", 5);
    in->exams = &recent_exam;
    in->nexams = 1;
    in->coe = PSEC_TRI_NO;
}

static const struct psec_target_item *find(const struct psec_target_result *r, const char *rule)
{
    for (int i = 0; i < r->nitems; i++)
        if (strcmp(r->items[i].rule, rule) == 0)
            return &r->items[i];
    return NULL;
}

static void test_loaded(void **state)
{
    (void)state;
    assert_string_equal(m.version, "uscg-isps-2025.1");
    assert_int_equal(m.band_i, 17);
    assert_int_equal(m.band_ii, 7);
    assert_int_equal(psec_matrix_rule(&m, "flag_twice")->basis, PSEC_BASIS_CONFIRMED);
    assert_int_equal(psec_matrix_rule(&m, "ship_management")->basis, PSEC_BASIS_ASSUMED);
    assert_int_equal(psec_matrix_rule(&m, "no_isps_exam")->lift, PSEC_PRIO_II);
    assert_int_equal(psec_matrix_rule(&m, "last_five_ports")->lift, PSEC_PRIO_I);
}

static void test_bands(void **state)
{
    (void)state;
    assert_int_equal(psec_matrix_band(&m, 0), PSEC_PRIO_III);
    assert_int_equal(psec_matrix_band(&m, 6), PSEC_PRIO_III);
    assert_int_equal(psec_matrix_band(&m, 7), PSEC_PRIO_II);
    assert_int_equal(psec_matrix_band(&m, 16), PSEC_PRIO_II);
    assert_int_equal(psec_matrix_band(&m, 17), PSEC_PRIO_I);
    assert_string_equal(psec_priority_name(PSEC_PRIO_I), "ISPS I");
}

static void test_flag_thresholds(void **state)
{
    (void)state;
    assert_int_equal(psec_matrix_flag_points(&m, 1.0), 0);
    assert_int_equal(psec_matrix_flag_points(&m, 1.5), 0);     /* above 1.50 % only */
    assert_int_equal(psec_matrix_flag_points(&m, 1.51), 2);
    assert_int_equal(psec_matrix_flag_points(&m, 2.99), 2);
    assert_int_equal(psec_matrix_flag_points(&m, 3.0), 7);     /* at or above 3.00 % */
}

static void test_flag_list_dates(void **state)
{
    struct psec_target_input in;
    struct psec_target_result r;
    (void)state;
    base_input(&in, "2005-01-10");
    in.flag = "PA";
    psec_target_score(&m, &in, &r);
    assert_int_equal(r.points, 2);
    assert_non_null(find(&r, "flag_above"));
    assert_int_equal(find(&r, "flag_above")->basis, PSEC_BASIS_CONFIRMED);
    in.flag = "NL";
    psec_target_score(&m, &in, &r);
    assert_int_equal(r.points, 7);
    assert_int_equal(r.priority, PSEC_PRIO_II);
    assert_non_null(strstr(find(&r, "flag_twice")->reason, "NL"));
    /* The 2004 list ended: no points in 2025. */
    base_input(&in, "2025-10-01");
    in.flag = "NL";
    psec_target_score(&m, &in, &r);
    assert_int_equal(r.points, 0);
    assert_int_equal(r.nitems, 0);
    assert_int_equal(r.priority, PSEC_PRIO_III);
    assert_string_equal(r.version, "uscg-isps-2025.1+r0");
}

static void test_company_and_rso(void **state)
{
    struct psec_matrix mm = m;
    struct psec_target_entry t;
    struct psec_err e = { 0 };
    struct psec_target_input in;
    struct psec_target_result r;
    (void)state;
    /* A private copy of the entries so the shared matrix is untouched. */
    mm.entries = NULL;
    mm.nentries = mm.capentries = 0;
    memset(&t, 0, sizeof t);
    t.kind = PSEC_TK_COMPANY;
    snprintf(t.name, sizeof t.name, "Acme Shipping");
    t.points = 5;
    t.from = D("2025-01-01");
    t.to = PSEC_DAY_MAX;
    t.rev = 1;
    assert_int_equal(psec_matrix_add_entry(&mm, &t, &e), PSEC_OK);
    t.kind = PSEC_TK_RSO;
    snprintf(t.name, sizeof t.name, "Bad RSO");
    t.points = 5;
    t.rev = 2;
    assert_int_equal(psec_matrix_add_entry(&mm, &t, &e), PSEC_OK);

    base_input(&in, "2025-10-01");
    in.owner = "ACME shipping";
    in.charterer = "Acme Shipping";
    in.rso = "Bad RSO";
    mm.rev = 1;     /* the RSO entry came later: not used at revision 1 */
    psec_target_score(&mm, &in, &r);
    assert_int_equal(r.points, 5);
    const struct psec_target_item *it = find(&r, "ship_management");
    assert_non_null(it);
    assert_non_null(strstr(it->reason, "owner"));
    assert_non_null(strstr(it->reason, "charterer"));
    assert_int_equal(it->basis, PSEC_BASIS_ASSUMED);
    mm.rev = 2;
    psec_target_score(&mm, &in, &r);
    assert_int_equal(r.points, 10);
    assert_int_equal(r.priority, PSEC_PRIO_II);
    assert_non_null(find(&r, "rso"));
    assert_string_equal(r.version, "uscg-isps-2025.1+r2");
    /* Before the company entry's validity. */
    base_input(&in, "2024-12-31");
    in.owner = "Acme Shipping";
    psec_target_score(&mm, &in, &r);
    assert_int_equal(r.points, 0);
    free(mm.entries);
}

static void test_security_history(void **state)
{
    struct psec_target_input in;
    struct psec_target_result r;
    struct psec_vessel_action acts[5];
    (void)state;
    memset(acts, 0, sizeof acts);
    const char *kinds[] = { "detention", "denial", "expulsion", "restriction", "detention" };
    const char *days[] = { "2025-09-01", "2025-03-01", "2024-10-02", "2025-09-15", "2024-09-30" };
    for (int i = 0; i < 5; i++) {
        acts[i].day = D(days[i]);
        snprintf(acts[i].kind, sizeof acts[i].kind, "%s", kinds[i]);
        acts[i].security = true;
    }
    base_input(&in, "2025-10-01");
    in.actions = acts;
    in.nactions = 5;
    psec_target_score(&m, &in, &r);
    /* Three major actions within 12 months (the restriction does not count,
     * the 2024-09-30 detention is out of the window): 21 points. */
    assert_int_equal(r.points, 21);
    assert_int_equal(r.priority, PSEC_PRIO_I);
    assert_int_equal(r.nitems, 3);
    assert_non_null(strstr(r.items[0].reason, "detention on 2025-09-01"));
    /* A non-security detention does not count. */
    acts[0].security = false;
    psec_target_score(&m, &in, &r);
    assert_int_equal(r.points, 14);
    assert_int_equal(r.priority, PSEC_PRIO_II);
}

static void test_no_exam_lift(void **state)
{
    struct psec_target_input in;
    struct psec_target_result r;
    struct psec_vessel_exam old = { .day = 0, .kind = "isps" };
    (void)state;
    base_input(&in, "2025-10-01");
    in.exams = NULL;
    in.nexams = 0;
    psec_target_score(&m, &in, &r);
    assert_int_equal(r.points, 0);
    assert_int_equal(r.banded, PSEC_PRIO_III);
    assert_int_equal(r.priority, PSEC_PRIO_II);
    const struct psec_target_item *it = find(&r, "no_isps_exam");
    assert_non_null(it);
    assert_int_equal(it->lift, PSEC_PRIO_II);
    assert_int_equal(it->basis, PSEC_BASIS_ASSUMED);
    /* An exam 13 months ago does not count; a safety exam does not count. */
    old.day = D("2024-08-30");
    in.exams = &old;
    in.nexams = 1;
    psec_target_score(&m, &in, &r);
    assert_int_equal(r.priority, PSEC_PRIO_II);
    old.day = D("2025-06-01");
    memcpy(old.kind, "safety", 7);
    psec_target_score(&m, &in, &r);
    assert_int_equal(r.priority, PSEC_PRIO_II);
    memcpy(old.kind, "isps", 5);
    psec_target_score(&m, &in, &r);
    assert_int_equal(r.priority, PSEC_PRIO_III);
    assert_null(find(&r, "no_isps_exam"));
}

static void test_coe_lift(void **state)
{
    struct psec_target_input in;
    struct psec_target_result r;
    (void)state;
    base_input(&in, "2025-10-01");
    in.coe = PSEC_TRI_YES;
    in.coe_reason = "call at SCPOV";
    psec_target_score(&m, &in, &r);
    assert_int_equal(r.points, 0);
    assert_int_equal(r.priority, PSEC_PRIO_I);
    assert_non_null(strstr(find(&r, "last_five_ports")->reason, "SCPOV"));
    in.coe = PSEC_TRI_UNCERTAIN;
    psec_target_score(&m, &in, &r);
    assert_int_equal(r.priority, PSEC_PRIO_III);
    assert_int_equal(find(&r, "last_five_ports")->lift, -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loaded),
        cmocka_unit_test(test_bands),
        cmocka_unit_test(test_flag_thresholds),
        cmocka_unit_test(test_flag_list_dates),
        cmocka_unit_test(test_company_and_rso),
        cmocka_unit_test(test_security_history),
        cmocka_unit_test(test_no_exam_lift),
        cmocka_unit_test(test_coe_lift),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
