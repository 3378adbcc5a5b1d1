/*
 * plan.h — the yearly visit planner: which countries a unit visits in a
 * year, grouped into trips, on which dates, and why each country is in or
 * out.
 *
 * Pure: the caller passes the countries (reassessment due date, risk score,
 * position of the main port), the unit's limits and the blackouts. The
 * rules are in docs/plan.md; in short:
 *   1. every country whose reassessment falls due in the year (or earlier,
 *      or that was never assessed) comes first, earliest due first;
 *   2. then the others by risk score;
 *   3. the first min(capacity, free slots) of that order are visited;
 *   4. visited countries whose main ports lie within group_km of a trip's
 *      first country join that trip (up to max_per_month visits);
 *   5. trips go to the least-loaded month that has room (a due country's
 *      trip prefers months up to its due month, an overdue or never
 *      assessed one the first half of the year; among equals the earliest,
 *      and for trips without a deadline the month farthest from those in
 *      use), on the first free days outside every blackout.
 */
#ifndef PORTSEC_MODEL_PLAN_H
#define PORTSEC_MODEL_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "portsec/error.h"

#define PSEC_PLAN_WHY_MAX 320

struct psec_plan_country {
    char country[3];
    char name[128];
    bool has_pos;                  /* main port position known */
    double lat, lon;
    bool assessed;                 /* false: never assessed, due at once */
    bool history_unknown;          /* no assessment data loaded at all: counted as due */
    int64_t due_day;               /* reassessment due (days since 1970) when assessed */
    double score;                  /* risk score 0..1 */
};

/* Inclusive range of days on which no visit may take place. */
struct psec_plan_blackout {
    int64_t from_day, to_day;
};

struct psec_plan_params {
    int year;
    int capacity;                  /* visits per year the unit can make */
    int max_per_month;             /* visits that may start in one month */
    int visit_days;                /* days one country visit takes (default 5) */
    double group_km;               /* main ports this close share a trip (default 2000) */
    const struct psec_plan_blackout *blackouts;
    size_t nblackouts;
};

/* Defaults for everything but year, capacity and blackouts. */
void psec_plan_params_default(struct psec_plan_params *p);
/* Checks the parameters (year 1900..9999, capacity >= 0, max_per_month 1..31,
 * visit_days 1..28, blackouts from <= to). */
int psec_plan_params_check(const struct psec_plan_params *p, struct psec_err *e);

struct psec_plan_visit {
    char country[3];
    char name[128];
    int64_t start_day, end_day;    /* inclusive */
    int trip;                      /* 1-based trip number */
    bool due;                      /* required by the three-year rule this year */
    double score;
    double km_from_lead;           /* distance from the trip's first country (0 for it) */
};

struct psec_plan_entry {
    char country[3];
    char name[128];
    bool due;
    bool included;
    int order;                     /* 1-based priority order */
    int visit;                     /* index into visits, -1 when out */
    char why[PSEC_PLAN_WHY_MAX];
};

struct psec_plan {
    int year;
    struct psec_plan_visit *visits; /* sorted by start date */
    size_t nvisits;
    struct psec_plan_entry *entries; /* in priority order */
    size_t nentries;
    int required;                  /* countries due this year */
    int required_met;              /* of which scheduled */
    int slots;                     /* visits the months can hold (max_per_month, blackouts) */
    int capacity;
    int trips;
    int per_month[12];
    bool shortfall;                /* capacity cannot cover the required visits */
    char summary[512];
};

/* Plans the year. On success *out is a new plan; free with psec_plan_free().
 * Fails only on bad parameters or memory. */
int psec_plan_make(const struct psec_plan_country *c, size_t n,
                   const struct psec_plan_params *p, struct psec_plan **out,
                   struct psec_err *e);
void psec_plan_free(struct psec_plan *plan);

/* True when day falls in one of the blackouts. */
bool psec_plan_blacked_out(const struct psec_plan_params *p, int64_t day);

#endif
