/*
 * test_plan_props.c — properties of the planner on random input (fixed
 * seed, so a failure reproduces): no month over its limit, capacity
 * respected, no visit in a blackout or overlapping another, every due
 * country visited whenever the capacity and the calendar allow, and no
 * slot wasted (the plan uses min(countries, capacity, slots)).
 *
 * The calendar's slot count is recomputed here independently of the
 * planner, from the blackouts alone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/time.h"
#include "model/plan.h"

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint32_t rnd(uint32_t n)
{
    /* xorshift64*: small, fast and good enough for test cases. */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1Dull) >> 33) % n;
}

static bool blocked(const struct psec_plan_blackout *b, size_t nb, int64_t d)
{
    for (size_t i = 0; i < nb; i++)
        if (d >= b[i].from_day && d <= b[i].to_day)
            return true;
    return false;
}

static int slots_of(int year, const struct psec_plan_blackout *b, size_t nb, int vd, int maxm)
{
    int total = 0;

    for (int m = 1; m <= 12; m++) {
        int64_t a = psec_days_from_civil(year, m, 1);
        int64_t z = m == 12 ? psec_days_from_civil(year + 1, 1, 1)
                            : psec_days_from_civil(year, m + 1, 1);
        int run = 0, s = 0;
        for (int64_t d = a; d <= z; d++) {
            if (d < z && !blocked(b, nb, d)) {
                run++;
            } else {
                s += run / vd;
                run = 0;
            }
        }
        total += s < maxm ? s : maxm;
    }
    return total;
}

static void one_case(int iter)
{
    struct psec_plan_country c[48];
    struct psec_plan_blackout b[16];
    struct psec_plan_params p;
    struct psec_plan *plan;
    struct psec_err e;
    size_t n = rnd(48), nb = 0;
    int year = 2025 + (int)rnd(5), slots, required = 0, limit, per_month[12] = {0};
    int64_t y0 = psec_days_from_civil(year, 1, 1), y1 = psec_days_from_civil(year, 12, 31);

    psec_plan_params_default(&p);
    p.year = year;
    p.capacity = (int)rnd(40);
    p.max_per_month = 1 + (int)rnd(4);
    p.visit_days = 1 + (int)rnd(7);
    p.group_km = (double)rnd(4000);
    for (int m = 1; m <= 12 && nb < 16; m++) {
        uint32_t r = rnd(10);
        int64_t a = psec_days_from_civil(year, m, 1);
        if (r == 0) {                       /* whole month */
            b[nb].from_day = a;
            b[nb].to_day = psec_date_add_months(a, 1) - 1;
            nb++;
        } else if (r < 4) {                 /* a short span */
            b[nb].from_day = a + rnd(25);
            b[nb].to_day = b[nb].from_day + rnd(8);
            nb++;
        }
    }
    p.blackouts = b;
    p.nblackouts = nb;
    for (size_t i = 0; i < n; i++) {
        memset(&c[i], 0, sizeof c[i]);
        snprintf(c[i].country, sizeof c[i].country, "%c%c", 'A' + (int)(i / 26),
                 'A' + (int)(i % 26));
        snprintf(c[i].name, sizeof c[i].name, "Country %zu", i);
        c[i].has_pos = rnd(10) != 0;
        c[i].lat = (double)rnd(140) - 70;
        c[i].lon = (double)rnd(360) - 180;
        c[i].assessed = rnd(8) != 0;
        c[i].due_day = y0 - 400 + rnd(4 * 365);
        c[i].score = rnd(1000) / 1000.0;
        if (!c[i].assessed || c[i].due_day <= y1)
            required++;
    }
    assert_int_equal(psec_plan_make(c, n, &p, &plan, &e), PSEC_OK);
    slots = slots_of(year, b, nb, p.visit_days, p.max_per_month);
    limit = p.capacity < slots ? p.capacity : slots;

    assert_int_equal(plan->slots, slots);
    assert_int_equal(plan->required, required);
    /* Capacity respected, and nothing wasted. */
    assert_true((int)plan->nvisits <= p.capacity);
    assert_int_equal((int)plan->nvisits, (int)n < limit ? (int)n : limit);
    for (size_t i = 0; i < plan->nvisits; i++) {
        const struct psec_plan_visit *v = &plan->visits[i];
        int y, m, d;
        assert_true(v->start_day >= y0 && v->end_day <= y1);
        assert_int_equal(v->end_day - v->start_day + 1, p.visit_days);
        for (int64_t x = v->start_day; x <= v->end_day; x++)
            if (blocked(b, nb, x))
                fail_msg("iteration %d: visit %s on a blacked-out day", iter, v->country);
        /* One visit at a time, and sorted by date. */
        if (i > 0)
            assert_true(v->start_day > plan->visits[i - 1].end_day);
        psec_civil_from_days(v->start_day, &y, &m, &d);
        /* A visit stays inside the month it starts in. */
        {
            int y2, m2, d2;
            psec_civil_from_days(v->end_day, &y2, &m2, &d2);
            assert_int_equal(m, m2);
        }
        per_month[m - 1]++;
    }
    for (int m = 0; m < 12; m++) {
        assert_true(per_month[m] <= p.max_per_month);
        assert_int_equal(per_month[m], plan->per_month[m]);
    }
    /* Every due country is in whenever capacity and calendar allow. */
    if (required <= limit) {
        assert_int_equal(plan->required_met, required);
        assert_false(plan->shortfall);
    } else {
        assert_int_equal(plan->required_met, limit);
        assert_true(plan->shortfall);
        assert_non_null(strstr(plan->summary, "SHORTFALL"));
    }
    /* Entries: included matches a visit, and due ones come first. */
    {
        bool seen_not_due = false;
        size_t included = 0;
        for (size_t i = 0; i < plan->nentries; i++) {
            const struct psec_plan_entry *en = &plan->entries[i];
            if (!en->due)
                seen_not_due = true;
            else
                assert_false(seen_not_due);
            assert_int_equal(en->included, en->visit >= 0);
            assert_true(en->why[0] != '\0');
            if (en->included) {
                assert_string_equal(plan->visits[en->visit].country, en->country);
                included++;
            }
        }
        assert_int_equal(included, plan->nvisits);
        assert_int_equal(plan->nentries, n);
    }
    psec_plan_free(plan);
}

static void test_properties(void **state)
{
    (void)state;
    for (int i = 0; i < 400; i++)
        one_case(i);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_properties),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
