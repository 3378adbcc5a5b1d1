/*
 * status.c — country status for the map. Each country gets the most severe
 * status that applies and the reasons for it:
 *   conditions_of_entry   under conditions of entry on the day
 *   not_effective         last determination: not effective
 *   reassessment_overdue  last assessment more than three years ago
 *   effective_open_recs   effective, with recommendations still open
 *   effective             effective
 *   not_assessed          no determination recorded
 * Inputs: the conditions-of-entry list on the day (advisory module), the
 * last determination, the statutory reassessment date and the open
 * recommendations (assessment module).
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "app/advisory.h"
#include "app/assess.h"
#include "app/registry.h"
#include "base/time.h"
#include "app/status.h"

static const struct psec_status_def defs[] = {
    { "conditions_of_entry", "Conditions of entry" },
    { "not_effective", "Not effective" },
    { "reassessment_overdue", "Reassessment overdue" },
    { "effective_open_recs", "Effective, open recommendations" },
    { "effective", "Effective" },
    { "not_assessed", "Not assessed" },
};

const struct psec_status_def *psec_status_defs(size_t *n)
{
    *n = sizeof defs / sizeof defs[0];
    return defs;
}

/* Adds a reason (printf) to a row's "reasons". */
static void reason(json_t *row, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void reason(json_t *row, const char *fmt, ...)
{
    char buf[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    json_array_append_new(json_object_get(row, "reasons"), json_string(buf));
}

static const char *str(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

/* Assessment-based status of one country that has been assessed; sets
 * status and reasons on row. */
static void assessed_status(struct psec_db *db, const char *a2, const char *today, json_t *recs,
                            json_t *row)
{
    json_t *h = psec_app_determine_history(db, a2, today, NULL), *dets, *last, *r;
    const char *due, *result;
    size_t i, open = 0, overdue = 0;

    if (h == NULL)
        return;
    dets = json_object_get(h, "determinations");
    last = json_array_get(dets, json_array_size(dets) ? json_array_size(dets) - 1 : 0);
    /* The newest determination, whichever end of the list it is at. */
    json_array_foreach(dets, i, r)
        if (strcmp(str(r, "decided_on"), str(last, "decided_on")) > 0)
            last = r;
    due = str(h, "next_reassessment_due");
    json_array_foreach(recs, i, r) {
        const char *st = str(r, "status");
        if (strcmp(str(r, "country"), a2) != 0)
            continue;
        if (strcmp(st, "open") == 0 || strcmp(st, "in-progress") == 0) {
            open++;
            if (*str(r, "due") && strcmp(str(r, "due"), today) < 0)
                overdue++;
        }
    }
    result = last ? str(last, "result") : "";
    if (strcmp(result, "not-effective") == 0) {
        json_object_set_new(row, "status", json_string("not_effective"));
        reason(row, "determined not effective on %s", str(last, "decided_on"));
    } else if (*due && strcmp(due, today) < 0) {
        json_object_set_new(row, "status", json_string("reassessment_overdue"));
        reason(row, "reassessment was due by %s (last assessment visit %s)", due,
               str(h, "last_assessment_visit"));
    } else if (*result && open > 0) {
        json_object_set_new(row, "status", json_string("effective_open_recs"));
        reason(row, "determined %s on %s; %zu recommendation%s open%s", result,
               str(last, "decided_on"), open, open == 1 ? "" : "s",
               overdue ? " (some overdue)" : "");
    } else if (*result) {
        json_object_set_new(row, "status", json_string("effective"));
        reason(row, "determined %s on %s", result, str(last, "decided_on"));
    } else {
        reason(row, "assessed (last visit %s) but no determination recorded yet",
               str(h, "last_assessment_visit"));
    }
    json_decref(h);
}

json_t *psec_app_country_statuses(struct psec_db *db, int64_t day, struct psec_err *e)
{
    json_t *all = psec_app_country_list(db, NULL, e), *out = NULL, *c;
    json_t *coe = NULL, *assessed = NULL, *recs = NULL;
    char today[16];
    size_t i;

    if (all == NULL)
        return NULL;
    psec_date_format(day, today, sizeof today);
    if ((coe = psec_app_coe_list(db, day, e)) == NULL ||
        (assessed = psec_app_assess_list(db, NULL, 0, e)) == NULL ||
        (recs = psec_app_rec_list(db, NULL, false, today, e)) == NULL)
        goto done;
    out = json_array();
    json_array_foreach(all, i, c) {
        /* The list omits the numeric code the map's shapes are keyed by. */
        const char *a2 = json_string_value(json_object_get(c, "alpha2"));
        json_t *full = a2 ? psec_app_country_show(db, a2, NULL) : NULL, *x;
        json_t *row = json_pack("{s:O?, s:O?, s:O?, s:O?, s:s, s:[]}",
                                "alpha2", json_object_get(c, "alpha2"),
                                "alpha3", json_object_get(c, "alpha3"),
                                "numeric_code", json_object_get(full, "numeric_code"),
                                "name", json_object_get(c, "name"),
                                "status", "not_assessed", "reasons");
        bool on_coe = false, was_assessed = false;
        size_t j;

        json_decref(full);
        if (row == NULL || a2 == NULL || json_array_append_new(out, row) != 0) {
            json_decref(out);
            out = NULL;
            psec_err_set(e, PSEC_E_NOMEM, "out of memory");
            goto done;
        }
        json_array_foreach(coe, j, x) {
            if (strcmp(str(x, "country"), a2) != 0)
                continue;
            on_coe = true;
            json_object_set_new(row, "status", json_string("conditions_of_entry"));
            reason(row, "%s conditions of entry since %s (%s)",
                   strcmp(str(x, "on_list"), "yes") == 0 ? "under" : "possibly under",
                   str(x, "in_force_since"), str(x, "advisory"));
        }
        json_array_foreach(assessed, j, x)
            was_assessed = was_assessed || strcmp(str(x, "country"), a2) == 0;
        if (was_assessed) {
            json_t *tmp = json_deep_copy(row);
            assessed_status(db, a2, today, recs, tmp);
            if (on_coe) {
                /* Conditions of entry outrank everything; keep the rest as reasons. */
                size_t k;
                json_t *rs;
                json_array_foreach(json_object_get(tmp, "reasons"), k, rs)
                    if (k > 0)
                        json_array_append(json_object_get(row, "reasons"), rs);
            } else {
                json_object_set(row, "status", json_object_get(tmp, "status"));
                json_object_set(row, "reasons", json_object_get(tmp, "reasons"));
            }
            json_decref(tmp);
        } else if (!on_coe) {
            reason(row, "no assessment recorded");
        }
    }
done:
    json_decref(all);
    json_decref(coe);
    json_decref(assessed);
    json_decref(recs);
    return out;
}
