/*
 * registry.h (app) — registry use cases shared by the CLI and the server:
 * status, countries, ports (search, nearest), port facilities.
 * Every function returns a new json_t (json_decref()) or NULL with e set.
 */
#ifndef PORTSEC_APP_REGISTRY_H
#define PORTSEC_APP_REGISTRY_H

#include <jansson.h>

#include "model/registry.h"
#include "store/db.h"

/* Database path, schema version, counts per table. */
json_t *psec_app_status(struct psec_db *db, struct psec_err *e);

/* By alpha-2, alpha-3 or name. */
json_t *psec_app_country_show(struct psec_db *db, const char *code, struct psec_err *e);
json_t *psec_app_country_list(struct psec_db *db, const char *region, struct psec_err *e);

/*
 * Changes the ISPS fields of a country. fields is an object with any of
 * solas (bool), isps_since (year), designated_authority, unit, notes (string
 * or null to clear). expect_version > 0 refuses a stale edit (PSEC_E_CONFLICT).
 * Returns the updated country.
 */
json_t *psec_app_country_set(struct psec_db *db, const char *code, json_t *fields,
                             int64_t expect_version, struct psec_err *e);

json_t *psec_app_port_show(struct psec_db *db, const char *locode, struct psec_err *e);
json_t *psec_app_port_search(struct psec_db *db, const char *text, const char *country,
                             int limit, struct psec_err *e);
/* Ports within km of a position, nearest first, each with "km". */
json_t *psec_app_port_near(struct psec_db *db, double lat, double lon, double km, int limit,
                           struct psec_err *e);

/* Validates and stores a facility (its port must exist). */
json_t *psec_app_facility_add(struct psec_db *db, const struct psec_facility *f,
                              struct psec_err *e);
json_t *psec_app_facility_show(struct psec_db *db, const char *number, struct psec_err *e);
json_t *psec_app_facility_list(struct psec_db *db, const char *country, const char *port,
                               struct psec_err *e);

#endif
