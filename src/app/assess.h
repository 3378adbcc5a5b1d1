/*
 * assess.h (app) — engagements and ISPS assessments as use cases shared by
 * the CLI and the HTTP server: visits, assessments (start, answer, import,
 * export, show, close), recommendations, best practices, port facility
 * drills, determinations and the country report.
 *
 * Every change is checked completely before anything is written and is
 * written in one transaction: bad input leaves the database as it was.
 * Dates are "YYYY-MM-DD"; `as_of` is the day rules are judged on (the
 * caller passes today, tests pass a fixed day). Functions returning json_t
 * return a new value (json_decref()) or NULL with e set.
 */
#ifndef PORTSEC_APP_ASSESS_H
#define PORTSEC_APP_ASSESS_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "model/checklist.h"
#include "store/db.h"

/* Loads every data/checklist/ catalogue (every .json file) into the database (once per
 * version). Idempotent. */
int psec_app_assess_load_bundled(struct psec_db *db, const char *datadir, struct psec_err *e);

/* Loads the demonstration visits of data/demo/assessments-demo.json
 * (Seychelles, marked demo everywhere). Adds the country, port and demo
 * facilities it needs when the registry lacks them. Idempotent. */
int psec_app_assess_load_demo(struct psec_db *db, const char *datadir, struct psec_err *e);

/* The newest loaded checklist (name NULL) or a given version; a new
 * checklist (psec_checklist_free()). */
struct psec_checklist *psec_app_checklist(struct psec_db *db, const char *name,
                                          const char *version, struct psec_err *e);

/*
 * Visits. fields: country (code or name), kind, start, end (dates),
 * notes, team and officials (arrays of "Name" or {"name","organization",
 * "title"}), sites (array of UN/LOCODEs or facility numbers), demo (bool).
 */
json_t *psec_app_visit_add(struct psec_db *db, json_t *fields, struct psec_err *e);
json_t *psec_app_visit_list(struct psec_db *db, const char *country, struct psec_err *e);
json_t *psec_app_visit_show(struct psec_db *db, int64_t id, struct psec_err *e);

/* Assessments. facility NULL = country level; assessed_on NULL = visit end. */
json_t *psec_app_assess_start(struct psec_db *db, int64_t visit, const char *facility,
                              const char *assessed_on, const char *assessor, struct psec_err *e);
json_t *psec_app_assess_answer(struct psec_db *db, int64_t id, const char *item,
                               const char *answer, const char *note, json_t *evidence,
                               struct psec_err *e);
/* Creates an assessment under visit (0: the document's "visit") from an
 * assessment document (docs/assessment-json.md); with close, closes it too. */
json_t *psec_app_assess_import(struct psec_db *db, int64_t visit, json_t *doc, bool close,
                               const char *closed_on, struct psec_err *e);
json_t *psec_app_assess_export(struct psec_db *db, int64_t id, struct psec_err *e);
/* The assessment with its answers, section scores, coverage, critical
 * failures, findings and (facility) the drills rule as of as_of. */
json_t *psec_app_assess_show(struct psec_db *db, int64_t id, const char *as_of,
                             struct psec_err *e);
json_t *psec_app_assess_list(struct psec_db *db, const char *country, int64_t visit,
                             struct psec_err *e);
/* Closes (read-only from then on) and writes a finding for every NO. */
json_t *psec_app_assess_close(struct psec_db *db, int64_t id, const char *closed_on,
                              struct psec_err *e);

/* Recommendations. findings: array of finding ids (all of one country). */
json_t *psec_app_rec_add(struct psec_db *db, json_t *findings, const char *text,
                         const char *priority, const char *owner, const char *due,
                         const char *created_on, struct psec_err *e);
/* New status dated `date`; due (optional) moves the due date. expect_version
 * > 0 refuses a stale edit. */
json_t *psec_app_rec_update(struct psec_db *db, int64_t id, const char *status, const char *date,
                            const char *note, const char *due, int64_t expect_version,
                            struct psec_err *e);
json_t *psec_app_rec_list(struct psec_db *db, const char *country, bool overdue_only,
                          const char *as_of, struct psec_err *e);

/* Best practices. kind: observed | shared; country and visit optional. */
json_t *psec_app_practice_add(struct psec_db *db, const char *section, const char *title,
                              const char *text, const char *kind, const char *country,
                              int64_t visit, struct psec_err *e);
json_t *psec_app_practice_list(struct psec_db *db, const char *section, const char *country,
                               struct psec_err *e);
/* The library without source country or visit: safe to share. */
json_t *psec_app_practice_export(struct psec_db *db, const char *section, struct psec_err *e);

/* Drills and exercises of a facility, and the rule's verdict as of as_of. */
json_t *psec_app_drill_add(struct psec_db *db, const char *facility, const char *kind,
                           const char *held_on, const char *scenario, const char *notes,
                           struct psec_err *e);
json_t *psec_app_drill_list(struct psec_db *db, const char *facility, const char *as_of,
                            struct psec_err *e);

/* Determinations. */
json_t *psec_app_determine_propose(struct psec_db *db, const char *country, const char *as_of,
                                   struct psec_err *e);
/* result: effective | effective-with-recommendations | not-effective.
 * notified_on is required for not-effective (the 90-day deadline runs from it). */
json_t *psec_app_determine_record(struct psec_db *db, const char *country, const char *result,
                                  const char *decided_on, const char *rationale,
                                  const char *notified_on, const char *as_of, struct psec_err *e);
json_t *psec_app_determine_history(struct psec_db *db, const char *country, const char *as_of,
                                   struct psec_err *e);

/* The country report document (rendered by src/io/report.c). */
json_t *psec_app_report_country(struct psec_db *db, const char *country, const char *as_of,
                                struct psec_err *e);

/*
 * When a country was last assessed and when its reassessment is due (three
 * years after the last assessment visit, 46 U.S.C. 70108(d)):
 * {"last_assessment_visit", "next_reassessment_due" (null when never
 * assessed), "reassessment_overdue" (true when never assessed)}.
 */
json_t *psec_app_assess_schedule(struct psec_db *db, const char *alpha2, int64_t as_of_day,
                                 struct psec_err *e);

#endif
