/*
 * assess.h (store) — persistence of the checklist catalogue, visits,
 * assessments, answers, findings, recommendations, best practices, drills
 * and determinations (migration 0003).
 *
 * Writes return a psec_code; reads return new jansson values
 * (json_decref()) or NULL with e set. No rule lives here: src/app/assess.c
 * checks everything before it writes, inside one transaction.
 */
#ifndef PORTSEC_STORE_ASSESS_H
#define PORTSEC_STORE_ASSESS_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "store/db.h"

/* Checklist catalogue: stored once per (name, version); put is a no-op when present. */
int psec_store_checklist_put(struct psec_db *db, const char *name, const char *version,
                             const char *title, const char *doc, bool *added, struct psec_err *e);
/* The catalogue text of (name, version), or of the newest loaded when name
 * is NULL. Returns a new string (free()) or NULL (PSEC_E_NOTFOUND). */
char *psec_store_checklist_doc(struct psec_db *db, const char *name, const char *version,
                               struct psec_err *e);

/* Visits. */
int psec_store_visit_add(struct psec_db *db, const char *country, const char *kind,
                         const char *start, const char *end, const char *notes, bool demo,
                         int64_t *id, struct psec_err *e);
int psec_store_visit_person_add(struct psec_db *db, int64_t visit, const char *role,
                                const char *name, const char *org, const char *title,
                                struct psec_err *e);
int psec_store_visit_site_add(struct psec_db *db, int64_t visit, const char *port,
                              const char *facility, struct psec_err *e);
/* The visit row with "team", "officials", "sites" arrays. */
json_t *psec_store_visit_get(struct psec_db *db, int64_t id, struct psec_err *e);
/* Visits, newest first; country NULL for all. */
json_t *psec_store_visit_list(struct psec_db *db, const char *country, struct psec_err *e);

/* Assessments. facility NULL for a country-level assessment. */
int psec_store_assessment_add(struct psec_db *db, int64_t visit, const char *scope,
                              const char *country, const char *facility, const char *ck_name,
                              const char *ck_version, const char *assessed_on,
                              const char *assessor, bool demo, int64_t *id, struct psec_err *e);
json_t *psec_store_assessment_get(struct psec_db *db, int64_t id, struct psec_err *e);
/* Assessments of a visit (visit > 0) or of a country, oldest first;
 * closed_only keeps closed ones. */
json_t *psec_store_assessment_list(struct psec_db *db, int64_t visit, const char *country,
                                   bool closed_only, struct psec_err *e);
/* Answers [{item, answer, note, evidence}] in item order. */
json_t *psec_store_answers(struct psec_db *db, int64_t assessment, struct psec_err *e);
/* Inserts or replaces one answer. evidence is JSON text or NULL. */
int psec_store_answer_put(struct psec_db *db, int64_t assessment, const char *item,
                          const char *answer, const char *note, const char *evidence,
                          struct psec_err *e);
/* open -> closed; PSEC_E_READONLY when it was already closed. */
int psec_store_assessment_close(struct psec_db *db, int64_t id, const char *closed_on,
                                struct psec_err *e);

/* Findings. */
int psec_store_finding_add(struct psec_db *db, int64_t assessment, const char *item,
                           const char *found_on, const char *note, struct psec_err *e);
/* Findings with their assessment's scope, facility, visit and country. */
json_t *psec_store_finding_get(struct psec_db *db, int64_t id, struct psec_err *e);
json_t *psec_store_findings(struct psec_db *db, const char *country, int64_t assessment,
                            struct psec_err *e);

/* Recommendations. */
int psec_store_rec_add(struct psec_db *db, const char *country, const char *text,
                       const char *priority, const char *owner, const char *due,
                       const char *created_on, bool demo, int64_t *id, struct psec_err *e);
int psec_store_rec_link(struct psec_db *db, int64_t rec, int64_t finding, struct psec_err *e);
int psec_store_rec_history_add(struct psec_db *db, int64_t rec, const char *date,
                               const char *status, const char *note, struct psec_err *e);
/* Sets the status; expect_version > 0 refuses a stale edit (PSEC_E_CONFLICT). */
int psec_store_rec_set(struct psec_db *db, int64_t id, const char *status, const char *due,
                       int64_t expect_version, struct psec_err *e);
json_t *psec_store_rec_get(struct psec_db *db, int64_t id, struct psec_err *e);
json_t *psec_store_rec_list(struct psec_db *db, const char *country, struct psec_err *e);
json_t *psec_store_rec_history(struct psec_db *db, int64_t rec, struct psec_err *e);
/* Finding ids answered by a recommendation. */
json_t *psec_store_rec_findings(struct psec_db *db, int64_t rec, struct psec_err *e);
/* Recommendations answering a finding [{id, status}]. */
json_t *psec_store_finding_recs(struct psec_db *db, int64_t finding, struct psec_err *e);

/* Best practices. */
int psec_store_practice_add(struct psec_db *db, const char *section, const char *title,
                            const char *text, const char *kind, const char *country,
                            int64_t visit, bool demo, int64_t *id, struct psec_err *e);
/* section / country NULL for all. */
json_t *psec_store_practice_list(struct psec_db *db, const char *section, const char *country,
                                 struct psec_err *e);

/* Drills and exercises. */
int psec_store_drill_add(struct psec_db *db, const char *facility, const char *kind,
                         const char *held_on, const char *scenario, const char *notes,
                         bool demo, int64_t *id, struct psec_err *e);
json_t *psec_store_drill_list(struct psec_db *db, const char *facility, struct psec_err *e);

/* Determinations. */
int psec_store_determination_add(struct psec_db *db, const char *country, const char *result,
                                 const char *decided_on, const char *rationale,
                                 const char *notified_on, const char *deadline,
                                 const char *proposal_result, const char *proposal, bool demo,
                                 int64_t *id, struct psec_err *e);
/* Newest first. */
json_t *psec_store_determination_list(struct psec_db *db, const char *country,
                                      struct psec_err *e);

/* True when (table, demo = 1) rows exist for a country's visits: used to
 * keep the demo loader idempotent. */
bool psec_store_demo_visit_exists(struct psec_db *db, const char *country);

#endif
