/*
 * screen.h (store) — vessels, their control actions and examinations, the
 * registry lookup a screening needs (port -> country), and stored
 * screenings.
 */
#ifndef PORTSEC_STORE_SCREEN_H
#define PORTSEC_STORE_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "model/screen.h"
#include "model/targeting.h"
#include "store/db.h"

/* The vessel fields a NOA or `vessel add` gives; "" / 0 for unknown. */
struct psec_vessel {
    char imo[8];
    char mmsi[10];
    char name[128];
    char flag[3];
    char type[64];
    char rso[128];
    char owner[128];
    char operator_name[128];
    char charterer[128];
    int built;
};

/* Inserts or updates (only the fields given) a vessel. */
int psec_store_vessel_put(struct psec_db *db, const struct psec_vessel *v, struct psec_err *e);
bool psec_store_vessel_exists(struct psec_db *db, const char *imo);
/* The vessel with "actions", "exams" and "screenings" arrays; PSEC_E_NOTFOUND. */
json_t *psec_store_vessel_get(struct psec_db *db, const char *imo, struct psec_err *e);

int psec_store_vessel_action_add(struct psec_db *db, const char *imo, int64_t day,
                                 const char *kind, bool security, const char *note,
                                 struct psec_err *e);
int psec_store_vessel_exam_add(struct psec_db *db, const char *imo, int64_t day,
                               const char *kind, const char *note, struct psec_err *e);

/* Fills up to max actions and exams of a vessel (none for an unknown one). */
int psec_store_vessel_history(struct psec_db *db, const char *imo,
                              struct psec_vessel_action *actions, size_t max_actions,
                              size_t *nactions, struct psec_vessel_exam *exams, size_t max_exams,
                              size_t *nexams, struct psec_err *e);

/* Country of a port in the registry; false when the port is unknown. */
bool psec_store_port_country(struct psec_db *db, const char *locode, char country[3]);

/* Stores one screening. */
int psec_store_screening_put(struct psec_db *db, const struct psec_noa *n,
                             const struct psec_screen_result *r, const char *noa_text,
                             size_t noa_len, const char *result, size_t result_len,
                             struct psec_err *e);

#endif
