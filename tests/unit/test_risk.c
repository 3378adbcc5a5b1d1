/*
 * test_risk.c — the risk model: each component's score and sentence, the
 * weighting, and the ranking order with its tie-breaks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/str.h"
#include "base/time.h"
#include "model/risk.h"

static int64_t day(int y, int m, int d)
{
    return psec_days_from_civil(y, m, d);
}

/* Everything loaded, nothing alarming: a country that should score 0. */
static void clean_input(struct psec_risk_input *in, const char *cc)
{
    memset(in, 0, sizeof *in);
    psec_strlcpy(in->country, cc, sizeof in->country);
    psec_strlcpy(in->name, cc, sizeof in->name);
    in->det_known = true;
    in->determination = PSEC_DET_EFFECTIVE;
    in->det_day = day(2025, 1, 10);
    in->assess_known = true;
    in->assessed = true;
    in->last_assessed_day = day(2026, 1, 1);
    in->coe_known = true;
    in->recs_known = true;
    in->trade_known = true;
    in->traffic_known = true;
    in->solas = 1;
    in->isps_since = 2004;
}

static const struct psec_risk_part *part(const struct psec_risk_result *r, int c)
{
    return &r->part[c];
}

static void test_keys(void **state)
{
    (void)state;
    for (int i = 0; i < PSEC_RISK_NCOMP; i++)
        assert_int_equal(psec_risk_comp_by_key(psec_risk_comp_key(i)), i);
    assert_int_equal(psec_risk_comp_by_key("nope"), -1);
    assert_null(psec_risk_comp_key(PSEC_RISK_NCOMP));
}

static void test_weights_check(void **state)
{
    struct psec_risk_weights w;
    struct psec_err e;
    (void)state;

    psec_risk_weights_default(&w);
    assert_int_equal(psec_risk_weights_check(&w, &e), PSEC_OK);
    w.w[PSEC_RISK_TRADE] = -0.1;
    assert_int_equal(psec_risk_weights_check(&w, &e), PSEC_E_INVALID);
    assert_non_null(strstr(e.msg, "weights.trade"));
    psec_risk_weights_default(&w);
    for (int i = 0; i < PSEC_RISK_NCOMP; i++)
        w.w[i] = 0;
    assert_int_equal(psec_risk_weights_check(&w, &e), PSEC_E_INVALID);
    psec_risk_weights_default(&w);
    w.trade_full_musd = 0.5;
    assert_int_equal(psec_risk_weights_check(&w, &e), PSEC_E_INVALID);
}

static void test_clean_scores_zero(void **state)
{
    struct psec_risk_input in;
    struct psec_risk_result r;
    struct psec_risk_weights w;
    (void)state;

    psec_risk_weights_default(&w);
    clean_input(&in, "NZ");
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    assert_true(r.score < 1e-12);
    assert_string_equal(r.country, "NZ");
    assert_non_null(strstr(part(&r, PSEC_RISK_DETERMINATION)->why,
                           "found effective on 2025-01-10"));
    assert_non_null(strstr(part(&r, PSEC_RISK_COE)->why, "no conditions of entry"));
    assert_non_null(strstr(part(&r, PSEC_RISK_ISPS)->why, "since 2004"));
    assert_false(r.overdue);
    assert_int_equal(r.due_day, day(2029, 1, 1));
}

static void test_determination(void **state)
{
    struct psec_risk_input in;
    struct psec_risk_result r;
    struct psec_risk_weights w;
    (void)state;

    psec_risk_weights_default(&w);
    clean_input(&in, "SC");
    in.determination = PSEC_DET_NOT_EFFECTIVE;
    in.det_day = day(2018, 4, 2);
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    assert_float_equal(part(&r, PSEC_RISK_DETERMINATION)->score, 1.0, 1e-12);
    assert_non_null(strstr(part(&r, PSEC_RISK_DETERMINATION)->why, "not maintaining"));
    assert_non_null(strstr(part(&r, PSEC_RISK_DETERMINATION)->why, "2018-04-02"));
    in.determination = PSEC_DET_EFFECTIVE_RECS;
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    assert_float_equal(part(&r, PSEC_RISK_DETERMINATION)->score, 0.25, 1e-12);
    assert_non_null(strstr(part(&r, PSEC_RISK_DETERMINATION)->why, "with recommendations"));
    in.determination = PSEC_DET_NONE;
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    assert_float_equal(part(&r, PSEC_RISK_DETERMINATION)->score, 0.5, 1e-12);
    in.det_known = false;
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    assert_float_equal(part(&r, PSEC_RISK_DETERMINATION)->score, 0.0, 1e-12);
    assert_string_equal(part(&r, PSEC_RISK_DETERMINATION)->why, "no determination data loaded");
}

static void test_assessment_age(void **state)
{
    struct psec_risk_input in;
    struct psec_risk_result r;
    struct psec_risk_weights w;
    (void)state;

    psec_risk_weights_default(&w);
    clean_input(&in, "MU");
    in.last_assessed_day = day(2024, 1, 1);
    /* Half-way through the 36 months (2024-01-01 .. 2027-01-01). */
    psec_risk_score(&in, &w, day(2025, 7, 2), &r);
    assert_float_equal(part(&r, PSEC_RISK_ASSESSMENT_AGE)->score, 0.5, 0.01);
    assert_non_null(strstr(part(&r, PSEC_RISK_ASSESSMENT_AGE)->why, "due 2027-01-01"));
    assert_false(r.overdue);
    /* On the due date: overdue, full score. */
    psec_risk_score(&in, &w, day(2027, 1, 1), &r);
    assert_float_equal(part(&r, PSEC_RISK_ASSESSMENT_AGE)->score, 1.0, 1e-12);
    assert_non_null(strstr(part(&r, PSEC_RISK_ASSESSMENT_AGE)->why, "overdue since 2027-01-01"));
    psec_risk_score(&in, &w, day(2027, 1, 2), &r);
    assert_true(r.overdue);
    /* Never assessed. */
    in.assessed = false;
    psec_risk_score(&in, &w, day(2026, 3, 1), &r);
    assert_float_equal(part(&r, PSEC_RISK_ASSESSMENT_AGE)->score, 1.0, 1e-12);
    assert_non_null(strstr(part(&r, PSEC_RISK_ASSESSMENT_AGE)->why, "never assessed"));
    assert_true(r.overdue);
    assert_int_equal(r.due_day, day(2026, 3, 1));
    /* Not loaded. */
    in.assess_known = false;
    psec_risk_score(&in, &w, day(2026, 3, 1), &r);
    assert_float_equal(part(&r, PSEC_RISK_ASSESSMENT_AGE)->score, 0.0, 1e-12);
    assert_false(r.overdue);
}

static void test_coe(void **state)
{
    struct psec_risk_input in;
    struct psec_risk_result r;
    struct psec_risk_weights w;
    (void)state;

    psec_risk_weights_default(&w);
    clean_input(&in, "SC");
    in.coe_in_force = true;
    in.coe_since_day = day(2019, 4, 12);
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    assert_float_equal(part(&r, PSEC_RISK_COE)->score, 1.0, 1e-12);
    assert_string_equal(part(&r, PSEC_RISK_COE)->why,
                        "conditions of entry in force since 2019-04-12");
    in.coe_exceptions = 2;
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    assert_non_null(strstr(part(&r, PSEC_RISK_COE)->why, "(2 facilities excepted)"));
    in.coe_exceptions = 1;
    in.coe_ssot = true;
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    assert_string_equal(part(&r, PSEC_RISK_COE)->why,
                        "conditions of entry in force since 2019-04-12 (1 facility excepted), "
                        "imposed as a state sponsor of terrorism");
    in.coe_ssot = false;
    /* Lifted recently, then long ago. */
    in.coe_in_force = false;
    in.coe_lifted = true;
    in.coe_lifted_day = day(2025, 7, 21);
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    assert_float_equal(part(&r, PSEC_RISK_COE)->score, 0.3, 1e-12);
    assert_non_null(strstr(part(&r, PSEC_RISK_COE)->why, "lifted on 2025-07-21"));
    psec_risk_score(&in, &w, day(2029, 1, 1), &r);
    assert_float_equal(part(&r, PSEC_RISK_COE)->score, 0.0, 1e-12);
    in.coe_known = false;
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    assert_string_equal(part(&r, PSEC_RISK_COE)->why, "no advisory data loaded");
}

static void test_recommendations(void **state)
{
    struct psec_risk_input in;
    struct psec_risk_result r;
    struct psec_risk_weights w;
    (void)state;

    psec_risk_weights_default(&w);
    clean_input(&in, "MG");
    in.recs_open = 3;
    in.recs_overdue = 1;
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    /* (3 + 2 x 1) / 10 */
    assert_float_equal(part(&r, PSEC_RISK_RECOMMENDATIONS)->score, 0.5, 1e-12);
    assert_string_equal(part(&r, PSEC_RISK_RECOMMENDATIONS)->why,
                        "3 open recommendations, 1 overdue");
    in.recs_open = 9;
    in.recs_overdue = 9;
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    assert_float_equal(part(&r, PSEC_RISK_RECOMMENDATIONS)->score, 1.0, 1e-12);
    in.recs_open = 0;
    in.recs_overdue = 0;
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    assert_float_equal(part(&r, PSEC_RISK_RECOMMENDATIONS)->score, 0.0, 1e-12);
}

static void test_trade_log_scale(void **state)
{
    struct psec_risk_input in;
    struct psec_risk_result r;
    struct psec_risk_weights w;
    double small, big;
    (void)state;

    psec_risk_weights_default(&w);
    clean_input(&in, "SC");
    in.has_trade = true;
    in.trade_year = 2011;
    in.trade_imports_musd = 6.265409;
    in.trade_exports_musd = 13.543789;
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    small = part(&r, PSEC_RISK_TRADE)->score;
    assert_float_equal(small, log10(1 + 19.809198) / log10(1 + 100000.0), 1e-9);
    assert_non_null(strstr(part(&r, PSEC_RISK_TRADE)->why,
                           "U.S. trade 2011 (the latest year loaded): $6.3 million imports, "
                           "$13.5 million exports"));
    psec_risk_score(&in, &w, day(2012, 6, 1), &r);
    assert_non_null(strstr(part(&r, PSEC_RISK_TRADE)->why, "U.S. trade 2011: $6.3 million"));
    in.trade_imports_musd = 300000;
    in.trade_exports_musd = 200000;
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    big = part(&r, PSEC_RISK_TRADE)->score;
    assert_float_equal(big, 1.0, 1e-12);
    assert_non_null(strstr(part(&r, PSEC_RISK_TRADE)->why, "$300.0 billion"));
    /* Ten times the trade adds the same step anywhere on the scale. */
    in.trade_imports_musd = 99;
    in.trade_exports_musd = 0;
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    assert_float_equal(part(&r, PSEC_RISK_TRADE)->score, 2.0 / log10(100001.0), 1e-9);
    in.has_trade = false;
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    assert_string_equal(part(&r, PSEC_RISK_TRADE)->why, "no trade figures for this country");
    in.trade_known = false;
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    assert_string_equal(part(&r, PSEC_RISK_TRADE)->why, "no trade data loaded");
}

static void test_traffic(void **state)
{
    struct psec_risk_input in;
    struct psec_risk_result r;
    struct psec_risk_weights w;
    (void)state;

    psec_risk_weights_default(&w);
    clean_input(&in, "SG");
    in.arrivals = 999;
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    assert_float_equal(part(&r, PSEC_RISK_TRAFFIC)->score, log10(1000) / log10(1001), 1e-9);
    assert_non_null(strstr(part(&r, PSEC_RISK_TRAFFIC)->why, "999 arrivals"));
    in.arrivals = 1;
    psec_strlcpy(in.traffic_from, "AIS port calls", sizeof in.traffic_from);
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    assert_non_null(strstr(part(&r, PSEC_RISK_TRAFFIC)->why, "1 arrival in"));
    assert_non_null(strstr(part(&r, PSEC_RISK_TRAFFIC)->why, "last five, from AIS port calls"));
    in.traffic_known = false;
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    assert_string_equal(part(&r, PSEC_RISK_TRAFFIC)->why, "no traffic data loaded");
    assert_float_equal(part(&r, PSEC_RISK_TRAFFIC)->score, 0, 1e-12);
}

static void test_isps(void **state)
{
    struct psec_risk_input in;
    struct psec_risk_result r;
    struct psec_risk_weights w;
    (void)state;

    psec_risk_weights_default(&w);
    clean_input(&in, "XX");
    in.solas = 0;
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    assert_float_equal(part(&r, PSEC_RISK_ISPS)->score, 1.0, 1e-12);
    assert_non_null(strstr(part(&r, PSEC_RISK_ISPS)->why, "not a SOLAS Contracting Government"));
    in.solas = -1;
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    assert_float_equal(part(&r, PSEC_RISK_ISPS)->score, 0.5, 1e-12);
    in.solas = 1;
    in.isps_since = 2025;
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    assert_float_equal(part(&r, PSEC_RISK_ISPS)->score, 0.3, 1e-12);
    assert_non_null(strstr(part(&r, PSEC_RISK_ISPS)->why, "only since 2025"));
}

static void test_threat(void **state)
{
    struct psec_risk_input in;
    struct psec_risk_result r;
    struct psec_risk_weights w;
    (void)state;

    psec_risk_weights_default(&w);
    clean_input(&in, "YE");
    in.has_threat = true;
    in.threat_level = 4;
    in.threat_day = day(2025, 11, 1);
    psec_strlcpy(in.threat_note, "attacks on shipping in the approaches", sizeof in.threat_note);
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    assert_float_equal(part(&r, PSEC_RISK_THREAT)->score, 0.8, 1e-12);
    assert_string_equal(part(&r, PSEC_RISK_THREAT)->why,
                        "analyst threat 4/5 (high) on 2025-11-01: attacks on shipping in the "
                        "approaches");
    /* Stale: counted at half. */
    psec_risk_score(&in, &w, day(2028, 1, 1), &r);
    assert_float_equal(part(&r, PSEC_RISK_THREAT)->score, 0.4, 1e-12);
    assert_non_null(strstr(part(&r, PSEC_RISK_THREAT)->why, "counted at half"));
}

static void test_weighted_total(void **state)
{
    struct psec_risk_input in;
    struct psec_risk_result r;
    struct psec_risk_weights w;
    double sum = 0;
    (void)state;

    psec_risk_weights_default(&w);
    clean_input(&in, "SC");
    in.determination = PSEC_DET_NOT_EFFECTIVE;   /* 1.0 x 0.20 */
    in.coe_in_force = true;                      /* 1.0 x 0.10 */
    in.coe_since_day = day(2019, 4, 12);
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    for (int i = 0; i < PSEC_RISK_NCOMP; i++)
        sum += r.part[i].points;
    assert_float_equal(r.score, sum, 1e-12);
    /* age: 2026-01-01 was the last assessment, so 0. */
    assert_float_equal(r.score, 0.30, 1e-9);
    /* Weights need not sum to 1: doubling all changes nothing. */
    for (int i = 0; i < PSEC_RISK_NCOMP; i++)
        w.w[i] *= 2;
    psec_risk_score(&in, &w, day(2026, 1, 1), &r);
    assert_float_equal(r.score, 0.30, 1e-9);
}

static void test_rank_order(void **state)
{
    struct psec_risk_weights w;
    struct psec_risk_input in[5];
    struct psec_risk_result r[5];
    const char *codes[5] = {"AA", "BB", "CC", "DD", "EE"};
    (void)state;

    psec_risk_weights_default(&w);
    for (int i = 0; i < 5; i++)
        clean_input(&in[i], codes[i]);
    in[1].determination = PSEC_DET_NOT_EFFECTIVE;     /* BB highest */
    in[3].has_threat = true;                           /* DD: 0.1 x 1.0 */
    in[3].threat_level = 5;
    in[3].threat_day = day(2025, 12, 1);
    in[2].has_threat = true;                           /* CC: same score as DD ... */
    in[2].threat_level = 5;
    in[2].threat_day = day(2025, 12, 1);
    in[2].last_assessed_day = in[3].last_assessed_day;
    /* AA and EE tie completely (score 0, same due date, no trade): alpha-2. */
    for (int i = 0; i < 5; i++)
        psec_risk_score(&in[i], &w, day(2026, 1, 1), &r[i]);
    /* Shuffle: the order must not depend on the input order. */
    {
        struct psec_risk_result t = r[0];
        r[0] = r[4];
        r[4] = t;
    }
    psec_risk_rank(r, 5);
    assert_string_equal(r[0].country, "BB");
    assert_string_equal(r[1].country, "CC");           /* tie with DD: alpha-2 */
    assert_string_equal(r[2].country, "DD");
    assert_string_equal(r[3].country, "AA");
    assert_string_equal(r[4].country, "EE");
    for (int i = 0; i < 5; i++)
        assert_int_equal(r[i].rank, i + 1);
}

static void test_rank_tiebreak_due_then_trade(void **state)
{
    struct psec_risk_weights w;
    struct psec_risk_input in[3];
    struct psec_risk_result r[3];
    (void)state;

    psec_risk_weights_default(&w);
    /* Only the threat component is weighted (and nobody has a threat), so
     * all three score 0 and the due date, then trade, break the tie. */
    for (int i = 0; i < PSEC_RISK_NCOMP; i++)
        w.w[i] = 0;
    w.w[PSEC_RISK_THREAT] = 1;
    clean_input(&in[0], "XA");
    clean_input(&in[1], "XB");
    clean_input(&in[2], "XC");
    in[0].last_assessed_day = day(2025, 6, 1);         /* due 2028-06-01 */
    in[1].last_assessed_day = day(2024, 6, 1);         /* due 2027-06-01: first */
    in[2].last_assessed_day = day(2025, 6, 1);
    in[2].has_trade = true;                            /* same due as XA, more trade */
    in[2].trade_year = 2011;
    in[2].trade_imports_musd = 50;
    for (int i = 0; i < 3; i++)
        psec_risk_score(&in[i], &w, day(2026, 1, 1), &r[i]);
    psec_risk_rank(r, 3);
    assert_string_equal(r[0].country, "XB");
    assert_string_equal(r[1].country, "XC");
    assert_string_equal(r[2].country, "XA");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_weights_check),
        cmocka_unit_test(test_clean_scores_zero),
        cmocka_unit_test(test_determination),
        cmocka_unit_test(test_assessment_age),
        cmocka_unit_test(test_coe),
        cmocka_unit_test(test_recommendations),
        cmocka_unit_test(test_trade_log_scale),
        cmocka_unit_test(test_traffic),
        cmocka_unit_test(test_isps),
        cmocka_unit_test(test_threat),
        cmocka_unit_test(test_weighted_total),
        cmocka_unit_test(test_rank_order),
        cmocka_unit_test(test_rank_tiebreak_due_then_trade),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
