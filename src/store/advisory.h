/*
 * advisory.h (store) — persistence of advisories, their dated changes, the
 * conditions of entry texts, and the targeting matrix with its versioned
 * lists. Reads fill the plain structs of src/model/ so the rules run on
 * what the database holds; listing reads return new jansson values.
 */
#ifndef PORTSEC_STORE_ADVISORY_H
#define PORTSEC_STORE_ADVISORY_H

#include <stdbool.h>

#include <jansson.h>

#include "model/advisory.h"
#include "model/targeting.h"
#include "store/db.h"

bool psec_store_advisory_exists(struct psec_db *db, const char *id);
/* Inserts an advisory; PSEC_E_CONFLICT when the id exists. */
int psec_store_advisory_put(struct psec_db *db, const struct psec_advisory *a,
                            struct psec_err *e);
/* Inserts a change of advisory id (seq = order within the advisory). */
int psec_store_change_put(struct psec_db *db, const char *advisory, int seq,
                          const struct psec_coe_change *c, struct psec_err *e);
/* Replaces a condition (kind "condition") or enforcement note ("enforcement"). */
int psec_store_coe_text_put(struct psec_db *db, const char *kind, int number,
                            const struct psec_coe_text *t, struct psec_err *e);

/* Loads everything into s (initialised by the caller) and sorts it. */
int psec_store_coe_load(struct psec_db *db, struct psec_coe_set *s, struct psec_err *e);

/* [{id, number, issued, title, source, changes}] in load order. */
json_t *psec_store_advisory_list(struct psec_db *db, struct psec_err *e);

/* Matrix rule sets and list revisions. */
bool psec_store_matrix_exists(struct psec_db *db, const char *version);
int psec_store_matrix_put(struct psec_db *db, const char *version, const char *document,
                          struct psec_err *e);
/* Starts a new list revision for the current (or given) matrix; *rev set. */
int psec_store_target_rev_new(struct psec_db *db, const char *matrix, const char *what,
                              int *rev, struct psec_err *e);
int psec_store_target_put(struct psec_db *db, const struct psec_target_entry *t,
                          struct psec_err *e);
/* Loads the matrix of the latest revision (rev < 0) or of revision rev,
 * with the list entries of that revision and before. PSEC_E_NOTFOUND when
 * no matrix is loaded. */
int psec_store_matrix_load(struct psec_db *db, int rev, struct psec_matrix *m,
                           struct psec_err *e);
/* Revision named by a result's "VERSION+rN"; PSEC_E_NOTFOUND when unknown. */
int psec_store_matrix_rev_of(struct psec_db *db, const char *version_rev, int *rev,
                             struct psec_err *e);
/* [{id, kind, name, points, valid_from, valid_to, basis, note, rev}] */
json_t *psec_store_target_list(struct psec_db *db, struct psec_err *e);

#endif
