/*
 * advisory.h — use cases for Port Security Advisories and conditions of
 * entry, the targeting lists, and vessel history: load the bundled data,
 * add advisories from a file, list the countries in force on a date, check
 * a country / port / facility on a date, publish the feed, maintain the
 * targeted lists, record vessels, control actions and examinations.
 *
 * Every reading returns a new jansson value (json_decref()) shaped for
 * output; every writing runs in one transaction (all or nothing).
 */
#ifndef PORTSEC_APP_ADVISORY_H
#define PORTSEC_APP_ADVISORY_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "portsec/error.h"
#include "store/db.h"

/*
 * Loads DATADIR/advisories/advisories.json and DATADIR/targeting/matrix.json:
 * advisories whose id is not yet stored, the conditions and enforcement
 * notes, and the matrix version with its lists when that version is not yet
 * stored. Idempotent: a second run changes nothing. One transaction.
 */
int psec_app_advisory_load_bundled(struct psec_db *db, const char *datadir, struct psec_err *e);

/* The same, with a summary {"advisories_added", "changes_added",
 * "matrix_loaded", "matrix_version"} in *summary (new object) when not NULL. */
int psec_app_advisory_load_dir(struct psec_db *db, const char *datadir, json_t **summary,
                               struct psec_err *e);

/*
 * Adds the advisories of a document (the data/advisories format, i.e. what
 * `coe feed --format json` prints) or of one advisory object. name prefixes
 * messages ("feed.json: advisories[2].changes[0].effective: ..."). An id
 * already stored is PSEC_E_CONFLICT; nothing is stored on any error.
 */
int psec_app_advisory_add(struct psec_db *db, json_t *doc, const char *name, json_t **summary,
                          struct psec_err *e);

json_t *psec_app_advisory_list(struct psec_db *db, struct psec_err *e);
/* One advisory with its changes; PSEC_E_NOTFOUND. */
json_t *psec_app_advisory_show(struct psec_db *db, const char *id, struct psec_err *e);

/* Countries on the list on day (days since 1970): [{country, name, status,
 * in_force_since, listed, advisory, basis, confidence, exceptions}]. */
json_t *psec_app_coe_list(struct psec_db *db, int64_t day, struct psec_err *e);

/* kind "country" (alpha-2), "port" (UN/LOCODE) or "facility" (IMO number). */
json_t *psec_app_coe_check(struct psec_db *db, const char *kind, const char *value, int64_t day,
                           struct psec_err *e);

/* The feed: the whole history in the data/advisories format. */
json_t *psec_app_coe_feed(struct psec_db *db, struct psec_err *e);
/* The feed as rows (one per change) for CSV. */
json_t *psec_app_coe_feed_rows(struct psec_db *db, struct psec_err *e);

/* Targeted lists. kind flag|rso|company; from/to "YYYY-MM-DD" or NULL. */
json_t *psec_app_target_add(struct psec_db *db, const char *kind, const char *name, int points,
                            const char *from, const char *to, const char *note,
                            struct psec_err *e);
/* {"matrix_version": "...", "rules": [...], "entries": [...]} */
json_t *psec_app_target_list(struct psec_db *db, struct psec_err *e);

/* Vessels. fields: mmsi, name, flag, type, rso, owner, operator, charterer
 * (strings) and built (integer), any subset. */
json_t *psec_app_vessel_add(struct psec_db *db, const char *imo, json_t *fields,
                            struct psec_err *e);
json_t *psec_app_vessel_show(struct psec_db *db, const char *imo, struct psec_err *e);
/* kind detention|expulsion|denial|restriction; date "YYYY-MM-DD". */
int psec_app_vessel_action_add(struct psec_db *db, const char *imo, const char *date,
                               const char *kind, bool security, const char *note,
                               struct psec_err *e);
/* kind isps|safety. */
int psec_app_vessel_exam_add(struct psec_db *db, const char *imo, const char *date,
                             const char *kind, const char *note, struct psec_err *e);

#endif
