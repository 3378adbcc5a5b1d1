/*
 * status.c — country status for the map. Each country gets the most severe
 * status that applies and the reasons for it:
 *   conditions_of_entry   under conditions of entry on the day
 *   not_effective         last determination: not effective
 *   reassessment_overdue  last assessment more than three years ago
 *   effective_open_recs   effective, with recommendations still open
 *   effective             effective
 *   not_assessed          no determination recorded
 * Only the registry is in this build so far: until the advisories and
 * assessments modules are present, every country is not_assessed and the
 * reasons say why.
 */
#include <string.h>

#include "app/registry.h"
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

json_t *psec_app_country_statuses(struct psec_db *db, int64_t day, struct psec_err *e)
{
    json_t *all = psec_app_country_list(db, NULL, e), *out, *c;
    size_t i;

    (void)day;
    if (all == NULL)
        return NULL;
    out = json_array();
    json_array_foreach(all, i, c) {
        /* The list omits the numeric code the map's shapes are keyed by. */
        const char *a2 = json_string_value(json_object_get(c, "alpha2"));
        json_t *full = a2 ? psec_app_country_show(db, a2, NULL) : NULL;
        json_t *row = json_pack("{s:O?, s:O?, s:O?, s:O?, s:s, s:[s]}",
                                "alpha2", json_object_get(c, "alpha2"),
                                "alpha3", json_object_get(c, "alpha3"),
                                "numeric_code", json_object_get(full, "numeric_code"),
                                "name", json_object_get(c, "name"),
                                "status", "not_assessed",
                                "reasons", "no assessment or advisory data in this build yet");
        json_decref(full);
        if (row == NULL || json_array_append_new(out, row) != 0) {
            json_decref(out);
            json_decref(all);
            psec_err_set(e, PSEC_E_NOMEM, "out of memory");
            return NULL;
        }
    }
    json_decref(all);
    return out;
}
