/*
 * plan.c — the yearly visit planner (see plan.h and docs/plan.md).
 *
 * The planner never leaves a slot it counted unusable: visits are packed
 * from the start of each free run of days, so a month that still has a
 * counted slot always has room for one more single visit. That is what lets
 * it promise "every due country is visited whenever the capacity and the
 * calendar allow" (tests/unit/test_plan_props.c checks it on random input).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/geo.h"
#include "base/str.h"
#include "base/time.h"
#include "model/plan.h"

void psec_plan_params_default(struct psec_plan_params *p)
{
    memset(p, 0, sizeof *p);
    p->capacity = 12;
    p->max_per_month = 2;
    p->visit_days = 5;
    p->group_km = 2000;
}

int psec_plan_params_check(const struct psec_plan_params *p, struct psec_err *e)
{
    if (p->year < 1900 || p->year > 9999)
        return psec_err_set(e, PSEC_E_USAGE, "year %d: must be 1900..9999", p->year);
    if (p->capacity < 0 || p->capacity > 10000)
        return psec_err_set(e, PSEC_E_USAGE, "capacity %d: must be 0..10000", p->capacity);
    if (p->max_per_month < 1 || p->max_per_month > 31)
        return psec_err_set(e, PSEC_E_USAGE, "max per month %d: must be 1..31",
                            p->max_per_month);
    if (p->visit_days < 1 || p->visit_days > 28)
        return psec_err_set(e, PSEC_E_USAGE, "visit days %d: must be 1..28", p->visit_days);
    if (!(p->group_km >= 0) || !isfinite(p->group_km))
        return psec_err_set(e, PSEC_E_USAGE, "group distance must be >= 0 km");
    for (size_t i = 0; i < p->nblackouts; i++)
        if (p->blackouts[i].from_day > p->blackouts[i].to_day)
            return psec_err_set(e, PSEC_E_USAGE, "blackout %zu: ends before it starts", i + 1);
    return PSEC_OK;
}

bool psec_plan_blacked_out(const struct psec_plan_params *p, int64_t day)
{
    for (size_t i = 0; i < p->nblackouts; i++)
        if (day >= p->blackouts[i].from_day && day <= p->blackouts[i].to_day)
            return true;
    return false;
}

void psec_plan_free(struct psec_plan *plan)
{
    if (plan == NULL)
        return;
    free(plan->visits);
    free(plan->entries);
    free(plan);
}

/* Overdue countries are visited by the end of this month (0-based: June). */
#define PLAN_OVERDUE_MONTH 5

/* State of the calendar while trips are placed. */
struct cal {
    int64_t first[13];             /* first day of each month, [12] = next 1 January */
    unsigned char *busy;           /* per day of the year: 1 blackout, 2 visit */
    int count[12];
    int slots[12];
};

/* Sorting context: qsort has no user pointer, so sort an index array of
 * records that carry what the comparison needs. */
struct ord {
    const struct psec_plan_country *c;
    bool due;
    int64_t key_due;               /* never assessed: very early */
    size_t idx;
};

static int cmp_ord(const void *pa, const void *pb)
{
    const struct ord *a = pa, *b = pb;

    if (a->due != b->due)
        return a->due ? -1 : 1;
    if (a->due && a->key_due != b->key_due)
        return a->key_due < b->key_due ? -1 : 1;
    if (fabs(a->c->score - b->c->score) > 1e-9)
        return a->c->score > b->c->score ? -1 : 1;
    if (!a->due && a->key_due != b->key_due)
        return a->key_due < b->key_due ? -1 : 1;
    return strcmp(a->c->country, b->c->country);
}

static int month_days(const struct cal *k, int m)
{
    return (int)(k->first[m + 1] - k->first[m]);
}

/* First day offset (from the month's start) where len free days begin, or -1. */
static int find_window(const struct cal *k, int m, int len)
{
    int nd = month_days(k, m), run = 0;
    const unsigned char *b = k->busy + (k->first[m] - k->first[0]);

    for (int d = 0; d < nd; d++) {
        run = b[d] ? 0 : run + 1;
        if (run == len)
            return d - len + 1;
    }
    return -1;
}

static int count_slots(const struct cal *k, int m, int visit_days, int max_per_month)
{
    int nd = month_days(k, m), run = 0, s = 0;
    const unsigned char *b = k->busy + (k->first[m] - k->first[0]);

    for (int d = 0; d <= nd; d++) {
        if (d < nd && !b[d]) {
            run++;
            continue;
        }
        s += run / visit_days;
        run = 0;
    }
    return s < max_per_month ? s : max_per_month;
}

static int month_of(const struct cal *k, int64_t day)
{
    for (int m = 0; m < 12; m++)
        if (day < k->first[m + 1])
            return m;
    return 11;
}

/* Months between m and the nearest month that already has a visit (12
 * when none has). */
static int gap(const struct cal *k, int m)
{
    int g = 12;

    for (int j = 0; j < 12; j++)
        if (k->count[j] > 0 && abs(j - m) < g)
            g = abs(j - m);
    return g;
}

/* Chooses a month for a trip of size visits, or -1. deadline is the last
 * month the trip should start in (-1: none); when no month up to it has
 * room, any month will do (late is better than never). The least-loaded
 * month wins; among equals, a trip with a deadline takes the earliest
 * (safest), one without the month farthest from those in use, so that
 * visits spread over the year. */
static int pick_month(const struct cal *k, int size, int len, int deadline)
{
    int best = -1;

    for (int pass = 0; pass < 2 && best < 0; pass++) {
        for (int m = 0; m < 12; m++) {
            if (pass == 0 && deadline >= 0 && m > deadline)
                continue;
            if (k->count[m] + size > k->slots[m] || find_window(k, m, len) < 0)
                continue;
            if (best < 0 || k->count[m] < k->count[best])
                best = m;
            else if (deadline < 0 && k->count[m] == k->count[best] &&
                     gap(k, m) > gap(k, best))
                best = m;       /* spread: away from the months already used */
        }
        if (deadline < 0)
            break;
    }
    return best;
}

struct trip {
    size_t member[31];             /* indexes into the ord array */
    int n;
};

static void fmt_day(int64_t day, char *buf, size_t size)
{
    psec_date_format(day, buf, size);
}

static void due_phrase(const struct psec_plan_country *c, int64_t year_start, char *buf,
                       size_t size)
{
    char d[16];

    if (!c->assessed && c->history_unknown) {
        snprintf(buf, size, "no assessment history loaded, so counted as due");
        return;
    }
    if (!c->assessed) {
        snprintf(buf, size, "never assessed, so due at once");
        return;
    }
    fmt_day(c->due_day, d, sizeof d);
    if (c->due_day < year_start)
        snprintf(buf, size, "reassessment overdue since %s", d);
    else
        snprintf(buf, size, "reassessment due %s", d);
}

int psec_plan_make(const struct psec_plan_country *c, size_t n,
                   const struct psec_plan_params *p, struct psec_plan **out,
                   struct psec_err *e)
{
    struct psec_plan *plan = NULL;
    struct ord *ord = NULL;
    struct trip *trips = NULL;
    struct cal k;
    size_t ntrips = 0, take, slots_total = 0, qn = 0;
    int64_t year_start, year_end;
    int *trip_of = NULL, rc;

    *out = NULL;
    memset(&k, 0, sizeof k);
    if ((rc = psec_plan_params_check(p, e)) != PSEC_OK)
        return rc;
    year_start = psec_days_from_civil(p->year, 1, 1);
    year_end = psec_days_from_civil(p->year, 12, 31);
    for (int m = 0; m < 12; m++)
        k.first[m] = psec_days_from_civil(p->year, m + 1, 1);
    k.first[12] = year_end + 1;

    plan = calloc(1, sizeof *plan);
    ord = calloc(n ? n : 1, sizeof *ord);
    trips = calloc(n ? n : 1, sizeof *trips);
    trip_of = calloc(n ? n : 1, sizeof *trip_of);
    k.busy = calloc((size_t)(year_end - year_start + 1), 1);
    if (plan == NULL || ord == NULL || trips == NULL || trip_of == NULL || k.busy == NULL)
        goto nomem;
    plan->entries = calloc(n ? n : 1, sizeof *plan->entries);
    plan->visits = calloc(n ? n : 1, sizeof *plan->visits);
    if (plan->entries == NULL || plan->visits == NULL)
        goto nomem;
    plan->year = p->year;
    plan->capacity = p->capacity;

    /* The calendar: blackout days, then the slots each month can hold. */
    for (int64_t d = year_start; d <= year_end; d++)
        if (psec_plan_blacked_out(p, d))
            k.busy[d - year_start] = 1;
    for (int m = 0; m < 12; m++) {
        k.slots[m] = count_slots(&k, m, p->visit_days, p->max_per_month);
        slots_total += (size_t)k.slots[m];
    }
    plan->slots = (int)slots_total;

    /* Priority order. */
    for (size_t i = 0; i < n; i++) {
        ord[i].c = &c[i];
        ord[i].idx = i;
        ord[i].due = !c[i].assessed || c[i].due_day <= year_end;
        ord[i].key_due = c[i].assessed ? c[i].due_day : INT64_MIN;
        if (ord[i].due)
            plan->required++;
    }
    if (n > 1)
        qsort(ord, n, sizeof *ord, cmp_ord);

    take = n;
    if ((size_t)p->capacity < take)
        take = (size_t)p->capacity;
    if (slots_total < take)
        take = slots_total;

    /* Trips: each selected country not yet placed leads one, and selected
     * neighbours within group_km join it, up to a month's worth of visits. */
    for (size_t i = 0; i < n; i++)
        trip_of[i] = -1;
    for (size_t i = 0; i < take; i++) {
        struct trip *t;
        if (trip_of[i] >= 0)
            continue;
        t = &trips[ntrips];
        t->member[t->n++] = i;
        trip_of[i] = (int)ntrips;
        for (size_t j = i + 1; j < take && t->n < p->max_per_month && t->n < 31; j++) {
            if (trip_of[j] >= 0 || !ord[i].c->has_pos || !ord[j].c->has_pos)
                continue;
            if (psec_geo_km(ord[i].c->lat, ord[i].c->lon, ord[j].c->lat, ord[j].c->lon) >
                p->group_km)
                continue;
            t->member[t->n++] = j;
            trip_of[j] = (int)ntrips;
        }
        ntrips++;
    }

    /* Place the trips in priority order. A trip that fits no month is split
     * in place into single visits, which always fit while a counted slot is
     * left (see the banner). Splitting adds at most take - ntrips entries. */
    {
        struct trip *queue = calloc(take ? take : 1, sizeof *queue);
        size_t q = 0;
        int trip_no = 0;

        if (queue == NULL)
            goto nomem;
        for (size_t t = 0; t < ntrips; t++)
            queue[qn++] = trips[t];
        while (q < qn) {
            struct trip *t = &queue[q];
            int deadline = -1, m, off, len = t->n * p->visit_days;

            for (int i = 0; i < t->n; i++) {
                const struct ord *o = &ord[t->member[i]];
                if (!o->due)
                    continue;
                if (!o->c->assessed || o->c->due_day < year_start) {
                    /* Overdue or never assessed: the first half of the year,
                     * spread over it rather than piled into January. */
                    if (deadline < 0 || deadline > PLAN_OVERDUE_MONTH)
                        deadline = PLAN_OVERDUE_MONTH;
                } else {
                    int dm = month_of(&k, o->c->due_day);
                    if (deadline < 0 || dm < deadline)
                        deadline = dm;
                }
            }
            m = pick_month(&k, t->n, len, deadline);
            if (m < 0 && t->n > 1) {
                struct trip whole = *t;
                memmove(&queue[q + (size_t)whole.n], &queue[q + 1],
                        (qn - q - 1) * sizeof *queue);
                for (int i = 0; i < whole.n; i++) {
                    memset(&queue[q + (size_t)i], 0, sizeof *queue);
                    queue[q + (size_t)i].member[0] = whole.member[i];
                    queue[q + (size_t)i].n = 1;
                }
                qn += (size_t)whole.n - 1;
                continue;       /* the same position, now a single visit */
            }
            q++;
            if (m < 0)
                continue;       /* stays out; explained below */
            off = find_window(&k, m, len);
            trip_no++;
            for (int i = 0; i < t->n; i++) {
                const struct ord *o = &ord[t->member[i]];
                const struct ord *lead = &ord[t->member[0]];
                struct psec_plan_visit *v = &plan->visits[plan->nvisits++];
                int64_t start = k.first[m] + off + (int64_t)i * p->visit_days;
                psec_strlcpy(v->country, o->c->country, sizeof v->country);
                psec_strlcpy(v->name, o->c->name, sizeof v->name);
                v->start_day = start;
                v->end_day = start + p->visit_days - 1;
                v->trip = trip_no;
                v->due = o->due;
                v->score = o->c->score;
                v->km_from_lead = i == 0 ? 0
                                         : psec_geo_km(lead->c->lat, lead->c->lon, o->c->lat,
                                                       o->c->lon);
                for (int64_t d = v->start_day; d <= v->end_day; d++)
                    k.busy[d - year_start] = 2;
            }
            k.count[m] += t->n;
        }
        plan->trips = trip_no;
        free(queue);
    }

    /* Visits in calendar order (insertion sort: they are nearly sorted),
     * and trips numbered in the order they start. */
    for (size_t i = 1; i < plan->nvisits; i++) {
        struct psec_plan_visit v = plan->visits[i];
        size_t j = i;
        while (j > 0 && plan->visits[j - 1].start_day > v.start_day) {
            plan->visits[j] = plan->visits[j - 1];
            j--;
        }
        plan->visits[j] = v;
    }
    {
        int *map = calloc((size_t)plan->trips + 1, sizeof *map), next = 1;
        if (map == NULL)
            goto nomem;
        for (size_t j = 0; j < plan->nvisits; j++) {
            int t = plan->visits[j].trip;
            if (map[t] == 0)
                map[t] = next++;
            plan->visits[j].trip = map[t];
        }
        free(map);
    }

    /* Entries with their reasons, in priority order. */
    for (size_t i = 0; i < n; i++) {
        struct psec_plan_entry *en = &plan->entries[i];
        const struct ord *o = &ord[i];
        const struct psec_plan_visit *v = NULL;
        char due[96], a[16], b[16];

        psec_strlcpy(en->country, o->c->country, sizeof en->country);
        psec_strlcpy(en->name, o->c->name, sizeof en->name);
        en->due = o->due;
        en->order = (int)i + 1;
        en->visit = -1;
        for (size_t j = 0; j < plan->nvisits; j++)
            if (strcmp(plan->visits[j].country, en->country) == 0) {
                v = &plan->visits[j];
                en->visit = (int)j;
            }
        due_phrase(o->c, year_start, due, sizeof due);
        if (v != NULL) {
            en->included = true;
            if (o->due)
                plan->required_met++;
            fmt_day(v->start_day, a, sizeof a);
            fmt_day(v->end_day, b, sizeof b);
            if (o->due)
                snprintf(en->why, sizeof en->why, "%s: required this year; visit %s to %s "
                         "(trip %d)", due, a, b, v->trip);
            else
                snprintf(en->why, sizeof en->why, "%s, not required this year; chosen by "
                         "risk %.3f (priority %d of %zu); visit %s to %s (trip %d)",
                         due, o->c->score, en->order, n, a, b, v->trip);
        } else if (i < take) {
            snprintf(en->why, sizeof en->why, "%s; no month had a free window left", due);
        } else if (o->due) {
            snprintf(en->why, sizeof en->why, "REQUIRED but not scheduled: %s; the %d "
                     "visits the year allows go to countries due earlier", due, (int)take);
        } else {
            snprintf(en->why, sizeof en->why, "%s, not required this year; risk %.3f ranks "
                     "it %d of %zu, after the %d visits the year allows",
                     due, o->c->score, en->order, n, (int)take);
        }
    }
    for (size_t j = 0; j < plan->nvisits; j++)
        plan->per_month[month_of(&k, plan->visits[j].start_day)]++;
    plan->nentries = n;

    plan->shortfall = plan->required_met < plan->required;
    if (plan->shortfall) {
        if (p->capacity < plan->required)
            snprintf(plan->summary, sizeof plan->summary,
                     "SHORTFALL: a capacity of %d visits cannot cover the %d visits the law "
                     "requires in %d; %d required countr%s left out",
                     p->capacity, plan->required, p->year,
                     plan->required - plan->required_met,
                     plan->required - plan->required_met == 1 ? "y is" : "ies are");
        else
            snprintf(plan->summary, sizeof plan->summary,
                     "SHORTFALL: the calendar (at most %d visits a month, blackouts) holds "
                     "only %d visits, fewer than the %d the law requires in %d; %d required "
                     "countr%s left out",
                     p->max_per_month, plan->slots, plan->required, p->year,
                     plan->required - plan->required_met,
                     plan->required - plan->required_met == 1 ? "y is" : "ies are");
    } else {
        snprintf(plan->summary, sizeof plan->summary,
                 "%d: %zu visits in %d trips for %zu countries; all %d visits the law "
                 "requires this year are scheduled; capacity %d, calendar holds %d",
                 p->year, plan->nvisits, plan->trips, n, plan->required, p->capacity,
                 plan->slots);
    }

    free(ord);
    free(trips);
    free(trip_of);
    free(k.busy);
    *out = plan;
    return PSEC_OK;
nomem:
    free(ord);
    free(trips);
    free(trip_of);
    free(k.busy);
    psec_plan_free(plan);
    return psec_err_set(e, PSEC_E_NOMEM, "planning %d: out of memory", p->year);
}
