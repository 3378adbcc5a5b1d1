/*
 * registry.h (store) — persistence of the registry. Writes upsert by key.
 * Reads return new jansson values (json_decref()) shaped for output.
 */
#ifndef PORTSEC_STORE_REGISTRY_H
#define PORTSEC_STORE_REGISTRY_H

#include <jansson.h>

#include "model/registry.h"
#include "store/db.h"

int psec_store_country_put(struct psec_db *db, const struct psec_country *c, struct psec_err *e);
int psec_store_port_put(struct psec_db *db, const struct psec_port *p, struct psec_err *e);
int psec_store_mid_put(struct psec_db *db, const struct psec_mid *m, struct psec_err *e);
int psec_store_facility_put(struct psec_db *db, const struct psec_facility *f, struct psec_err *e);

/* Merges World Port Index data into the port with p->locode (which must
 * exist): WPI number, harbour size/type, alternate names, and coordinates
 * only when the port has none. PSEC_E_NOTFOUND when no such port. */
int psec_store_port_merge_wpi(struct psec_db *db, const struct psec_port *p, struct psec_err *e);
/* Records a WPI entry that matched no port. */
int psec_store_wpi_unmatched(struct psec_db *db, int wpi_number, const char *name,
                             const char *country_name, const char *locode_raw, double lat,
                             double lon, const char *reason, struct psec_err *e);

/* Sets the ISPS fields of a country ("" or <0 / 0 clears) and bumps its
 * version. */
int psec_store_country_set_isps(struct psec_db *db, const char *alpha2, int solas,
                                int isps_since, const char *designated_authority,
                                const char *unit, const char *notes, struct psec_err *e);

/* True when the country / port exists (by alpha-2 / UN/LOCODE). */
bool psec_store_country_exists(struct psec_db *db, const char *alpha2);
bool psec_store_port_exists(struct psec_db *db, const char *locode);

/* Resolves alpha-2, alpha-3 or a name (case-insensitive) to alpha-2.
 * PSEC_E_NOTFOUND with a helpful message when none matches. */
int psec_store_country_resolve(struct psec_db *db, const char *text, char alpha2[3],
                               struct psec_err *e);

json_t *psec_store_country_get(struct psec_db *db, const char *alpha2, struct psec_err *e);
json_t *psec_store_country_list(struct psec_db *db, const char *region, struct psec_err *e);
json_t *psec_store_port_get(struct psec_db *db, const char *locode, struct psec_err *e);
json_t *psec_store_port_search(struct psec_db *db, const char *text, const char *country,
                               int limit, struct psec_err *e);
/* Calls fn for every port with a position inside the box (degrees); fn
 * returns non-zero to stop. The (lat, lon) index makes this a range scan. */
int psec_store_ports_in_box(struct psec_db *db, double lat0, double lat1, double lon0,
                            double lon1,
                            int (*fn)(void *ctx, const char *locode, const char *name,
                                      const char *country, double lat, double lon),
                            void *ctx, struct psec_err *e);

json_t *psec_store_facility_get(struct psec_db *db, const char *number, struct psec_err *e);
json_t *psec_store_facility_list(struct psec_db *db, const char *country, const char *port,
                                 struct psec_err *e);

/* Records that a dataset was loaded (for 'init' to say "nothing to do"). */
int psec_store_dataset_mark(struct psec_db *db, const char *name, const char *source,
                            long rows, struct psec_err *e);
bool psec_store_dataset_loaded(struct psec_db *db, const char *name);

/* Row counts per table, as a JSON object {"country": 249, ...}. */
json_t *psec_store_counts(struct psec_db *db, struct psec_err *e);

#endif
