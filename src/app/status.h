/*
 * status.h — the status of every country for the dashboard's world map:
 * conditions_of_entry, not_effective, effective_open_recs, effective,
 * reassessment_overdue, not_assessed. Computed here (not in the browser)
 * so that the map and any other client agree.
 */
#ifndef PORTSEC_APP_STATUS_H
#define PORTSEC_APP_STATUS_H

#include <stdint.h>

#include <jansson.h>

#include "store/db.h"

/* The statuses, most severe first, with a label for people. */
struct psec_status_def {
    const char *code;
    const char *label;
};
const struct psec_status_def *psec_status_defs(size_t *n);

/*
 * Returns a new array of {alpha2, alpha3, numeric_code, name, status,
 * reasons: [..]} for every country, as of day (days since 1970). Sources
 * that are not in this build yet (advisories, assessments) are named in
 * the reasons rather than guessed.
 */
json_t *psec_app_country_statuses(struct psec_db *db, int64_t day, struct psec_err *e);

#endif
