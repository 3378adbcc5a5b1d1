/*
 * routes_risk.c — API handlers for the risk ranking and the yearly visit
 * plan (issue 7): the coordinating units, the ranking, the plan as JSON and
 * as iCalendar. Each calls one src/app/risk.h function, the ones
 * 'portsec rank' and 'portsec plan' call.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/risk.h"
#include "base/str.h"
#include "base/time.h"
#include "http/handlers.h"
#include "http/http.h"
#include "http/req.h"

/* ?as_of=YYYY-MM-DD, today by default, as days since 1970. */
static int as_of_arg(struct psec_req *rq, int64_t *day)
{
    const char *s = psec_req_query(rq, "as_of");

    *day = (int64_t)time(NULL) / PSEC_DAY;
    if (s && !psec_date_parse(s, day))
        return psec_req_fail(rq, PSEC_E_INVALID, "as_of", "as_of: use YYYY-MM-DD");
    return PSEC_OK;
}

/* An optional whole-number argument in lo..hi; dflt when absent. */
static int int_arg(struct psec_req *rq, const char *name, int lo, int hi, int dflt, int *out)
{
    const char *s = psec_req_query(rq, name);

    *out = dflt;
    if (s == NULL)
        return PSEC_OK;
    if (!psec_parse_int(s, out) || *out < lo || *out > hi)
        return psec_req_fail(rq, PSEC_E_INVALID, name, "%s: a whole number %d..%d, not \"%s\"",
                             name, lo, hi, s);
    return PSEC_OK;
}

int psec_h_units(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    json_t *all = psec_app_unit_list(rq->db, &e);

    return all ? psec_req_page(rq, all) : psec_req_app_fail(rq, &e);
}

int psec_h_rank(struct psec_req *rq)
{
    struct psec_rank_opts o;
    struct psec_err e = { 0 };

    memset(&o, 0, sizeof o);
    o.unit = psec_req_query(rq, "unit");
    o.region = psec_req_query(rq, "region");
    if (o.unit && *o.unit == '\0')
        o.unit = NULL;
    if (o.region && *o.region == '\0')
        o.region = NULL;
    if (o.unit && o.region)
        return psec_req_fail(rq, PSEC_E_INVALID, "region", "give unit or region, not both");
    if (as_of_arg(rq, &o.as_of) != PSEC_OK)
        return PSEC_E_INVALID;
    return psec_req_result(rq, psec_app_rank(rq->db, &o, &e), &e);
}

/* The plan's arguments: unit and year required, capacity and
 * max_per_month optional (the unit's own by default). */
static int plan_args(struct psec_req *rq, struct psec_plan_opts *o)
{
    const char *year = psec_req_query(rq, "year");

    memset(o, 0, sizeof *o);
    o->unit = psec_req_query(rq, "unit");
    o->group_km = -1;
    if (o->unit == NULL || *o->unit == '\0')
        return psec_req_fail(rq, PSEC_E_INVALID, "unit", "unit is required");
    if (year == NULL)
        return psec_req_fail(rq, PSEC_E_INVALID, "year", "year is required");
    if (!psec_parse_int(year, &o->year) || o->year < 1900 || o->year > 9999)
        return psec_req_fail(rq, PSEC_E_INVALID, "year", "year: \"%s\" is not a year", year);
    if (int_arg(rq, "capacity", 0, 100000, -1, &o->capacity) != PSEC_OK ||
        int_arg(rq, "max_per_month", 1, 31, -1, &o->max_per_month) != PSEC_OK)
        return PSEC_E_INVALID;
    return as_of_arg(rq, &o->as_of);
}

int psec_h_plan(struct psec_req *rq)
{
    struct psec_plan_opts o;
    struct psec_err e = { 0 };

    if (plan_args(rq, &o) != PSEC_OK)
        return PSEC_E_INVALID;
    return psec_req_result(rq, psec_app_plan(rq->db, &o, &e), &e);
}

int psec_h_plan_ics(struct psec_req *rq)
{
    struct psec_plan_opts o;
    struct psec_err e = { 0 };
    char *text;

    if (plan_args(rq, &o) != PSEC_OK)
        return PSEC_E_INVALID;
    if ((text = psec_app_plan_ics(rq->db, &o, (int64_t)time(NULL), &e)) == NULL)
        return psec_req_app_fail(rq, &e);
    rq->text = text;
    rq->text_len = strlen(text);
    rq->ctype = "text/calendar; charset=utf-8";
    snprintf(rq->disposition, sizeof rq->disposition, "attachment; filename=\"plan-%d.ics\"",
             o.year);
    return PSEC_OK;
}
