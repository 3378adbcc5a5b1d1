/*
 * test_plan.c — the yearly planner on small hand-made cases: due countries
 * first, the shortfall message, grouping by distance, blackouts, the due
 * month, and the reasons given.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/str.h"
#include "base/time.h"
#include "model/plan.h"

static int64_t day(int y, int m, int d)
{
    return psec_days_from_civil(y, m, d);
}

static void country(struct psec_plan_country *c, const char *cc, double lat, double lon,
                    int64_t due, double score)
{
    memset(c, 0, sizeof *c);
    psec_strlcpy(c->country, cc, sizeof c->country);
    psec_strlcpy(c->name, cc, sizeof c->name);
    c->has_pos = true;
    c->lat = lat;
    c->lon = lon;
    c->assessed = due != 0;
    c->due_day = due;
    c->score = score;
}

static const struct psec_plan_entry *entry(const struct psec_plan *p, const char *cc)
{
    for (size_t i = 0; i < p->nentries; i++)
        if (strcmp(p->entries[i].country, cc) == 0)
            return &p->entries[i];
    fail_msg("no entry for %s", cc);
    return NULL;
}

static void test_due_first(void **state)
{
    struct psec_plan_country c[4];
    struct psec_plan_params p;
    struct psec_plan *plan;
    struct psec_err e;
    (void)state;

    /* Far apart, so no grouping. */
    country(&c[0], "HI", 0, 0, day(2030, 1, 1), 0.9);     /* not due, high risk */
    country(&c[1], "LO", 0, 60, day(2027, 5, 1), 0.1);    /* due this year */
    country(&c[2], "NV", 0, 120, 0, 0.05);                /* never assessed */
    country(&c[3], "MI", 0, 179, day(2029, 1, 1), 0.5);
    psec_plan_params_default(&p);
    p.year = 2027;
    p.capacity = 2;
    assert_int_equal(psec_plan_make(c, 4, &p, &plan, &e), PSEC_OK);
    assert_int_equal(plan->required, 2);
    assert_int_equal(plan->required_met, 2);
    assert_false(plan->shortfall);
    assert_int_equal(plan->nvisits, 2);
    assert_true(entry(plan, "LO")->included);
    assert_true(entry(plan, "NV")->included);
    assert_false(entry(plan, "HI")->included);
    /* Never assessed comes before a due date. */
    assert_string_equal(plan->entries[0].country, "NV");
    assert_string_equal(plan->entries[1].country, "LO");
    assert_string_equal(plan->entries[2].country, "HI");
    assert_non_null(strstr(entry(plan, "NV")->why, "never assessed"));
    assert_non_null(strstr(entry(plan, "LO")->why, "reassessment due 2027-05-01: required"));
    assert_non_null(strstr(entry(plan, "HI")->why, "not required this year"));
    assert_non_null(strstr(entry(plan, "HI")->why, "after the 2 visits"));
    /* The due country is visited no later than its due month. */
    {
        const struct psec_plan_visit *v = &plan->visits[entry(plan, "LO")->visit];
        assert_true(v->start_day < day(2027, 6, 1));
    }
    psec_plan_free(plan);
}

static void test_shortfall(void **state)
{
    struct psec_plan_country c[3];
    struct psec_plan_params p;
    struct psec_plan *plan;
    struct psec_err e;
    (void)state;

    country(&c[0], "AA", 0, 0, day(2026, 12, 1), 0.2);    /* overdue */
    country(&c[1], "BB", 0, 60, day(2027, 3, 1), 0.3);
    country(&c[2], "CC", 0, 120, day(2027, 9, 1), 0.4);
    psec_plan_params_default(&p);
    p.year = 2027;
    p.capacity = 1;
    assert_int_equal(psec_plan_make(c, 3, &p, &plan, &e), PSEC_OK);
    assert_true(plan->shortfall);
    assert_int_equal(plan->required, 3);
    assert_int_equal(plan->required_met, 1);
    assert_non_null(strstr(plan->summary, "SHORTFALL: a capacity of 1 visits cannot cover "
                                          "the 3 visits the law requires in 2027"));
    assert_true(entry(plan, "AA")->included);
    assert_non_null(strstr(entry(plan, "AA")->why, "overdue since 2026-12-01"));
    assert_non_null(strstr(entry(plan, "CC")->why, "REQUIRED but not scheduled"));
    psec_plan_free(plan);

    /* Enough capacity, but the calendar is full: one month only, one visit. */
    {
        struct psec_plan_blackout b = {day(2027, 2, 1), day(2027, 12, 31)};
        p.capacity = 10;
        p.max_per_month = 1;
        p.blackouts = &b;
        p.nblackouts = 1;
        assert_int_equal(psec_plan_make(c, 3, &p, &plan, &e), PSEC_OK);
        assert_true(plan->shortfall);
        assert_int_equal(plan->slots, 1);
        assert_non_null(strstr(plan->summary, "holds only 1 visits"));
        psec_plan_free(plan);
    }
}

static void test_grouping(void **state)
{
    struct psec_plan_country c[3];
    struct psec_plan_params p;
    struct psec_plan *plan;
    struct psec_err e;
    const struct psec_plan_visit *sc, *mu, *fj;
    (void)state;

    /* Port Victoria, Port Louis (about 1,750 km apart) and Suva. */
    country(&c[0], "SC", -4.62, 55.45, day(2027, 4, 12), 0.6);
    country(&c[1], "FJ", -18.13, 178.42, day(2030, 1, 1), 0.5);
    country(&c[2], "MU", -20.16, 57.50, day(2030, 1, 1), 0.2);
    psec_plan_params_default(&p);
    p.year = 2027;
    p.capacity = 3;
    assert_int_equal(psec_plan_make(c, 3, &p, &plan, &e), PSEC_OK);
    assert_int_equal(plan->nvisits, 3);
    assert_int_equal(plan->trips, 2);
    sc = &plan->visits[entry(plan, "SC")->visit];
    mu = &plan->visits[entry(plan, "MU")->visit];
    fj = &plan->visits[entry(plan, "FJ")->visit];
    assert_int_equal(sc->trip, mu->trip);
    assert_int_not_equal(sc->trip, fj->trip);
    /* Back to back: MU starts the day after SC ends. */
    assert_int_equal(mu->start_day, sc->end_day + 1);
    assert_true(mu->km_from_lead > 1500 && mu->km_from_lead < 2000);
    assert_int_equal(sc->end_day - sc->start_day + 1, 5);
    psec_plan_free(plan);

    /* With a group distance of 1,000 km they travel apart. */
    p.group_km = 1000;
    assert_int_equal(psec_plan_make(c, 3, &p, &plan, &e), PSEC_OK);
    assert_int_equal(plan->trips, 3);
    psec_plan_free(plan);
}

static void test_blackouts_and_spread(void **state)
{
    struct psec_plan_country c[6];
    struct psec_plan_params p;
    struct psec_plan_blackout b[2];
    struct psec_plan *plan;
    struct psec_err e;
    char cc[3] = "A0";
    (void)state;

    for (int i = 0; i < 6; i++) {
        cc[1] = (char)('0' + i);
        country(&c[i], cc, 0, i * 30.0, day(2031, 1, 1), 0.1 * i);
    }
    b[0].from_day = day(2027, 1, 1);
    b[0].to_day = day(2027, 6, 30);
    b[1].from_day = day(2027, 8, 3);
    b[1].to_day = day(2027, 8, 20);
    psec_plan_params_default(&p);
    p.year = 2027;
    p.capacity = 6;
    p.max_per_month = 1;
    p.blackouts = b;
    p.nblackouts = 2;
    assert_int_equal(psec_plan_make(c, 6, &p, &plan, &e), PSEC_OK);
    assert_int_equal(plan->nvisits, 6);
    for (size_t i = 0; i < plan->nvisits; i++) {
        const struct psec_plan_visit *v = &plan->visits[i];
        assert_true(v->start_day >= day(2027, 7, 1));
        for (int64_t d = v->start_day; d <= v->end_day; d++)
            assert_false(psec_plan_blacked_out(&p, d));
        if (i > 0)
            assert_true(v->start_day > plan->visits[i - 1].end_day);
    }
    for (int m = 6; m < 12; m++)
        assert_int_equal(plan->per_month[m], 1);
    /* In August the visit fits only after the blackout. */
    assert_int_equal(plan->visits[1].start_day, day(2027, 8, 21));
    psec_plan_free(plan);
}

static void test_params(void **state)
{
    struct psec_plan_params p;
    struct psec_plan *plan;
    struct psec_err e;
    struct psec_plan_blackout b = {day(2027, 5, 2), day(2027, 5, 1)};
    (void)state;

    psec_plan_params_default(&p);
    p.year = 12;
    assert_int_equal(psec_plan_make(NULL, 0, &p, &plan, &e), PSEC_E_USAGE);
    assert_null(plan);
    p.year = 2027;
    p.max_per_month = 0;
    assert_int_equal(psec_plan_make(NULL, 0, &p, &plan, &e), PSEC_E_USAGE);
    p.max_per_month = 2;
    p.blackouts = &b;
    p.nblackouts = 1;
    assert_int_equal(psec_plan_make(NULL, 0, &p, &plan, &e), PSEC_E_USAGE);
    assert_non_null(strstr(e.msg, "blackout 1"));
    p.nblackouts = 0;
    assert_int_equal(psec_plan_make(NULL, 0, &p, &plan, &e), PSEC_OK);
    assert_int_equal(plan->nvisits, 0);
    assert_int_equal(plan->slots, 24);
    psec_plan_free(plan);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_due_first),
        cmocka_unit_test(test_shortfall),
        cmocka_unit_test(test_grouping),
        cmocka_unit_test(test_blackouts_and_spread),
        cmocka_unit_test(test_params),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
