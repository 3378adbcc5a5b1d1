/*
 * assess.c (store) — SQL for the assessment tables of migration 0003.
 *
 * Does: plain inserts, updates and reads with cached prepared statements
 * and `?` placeholders; reads come back as JSON rows. Does not: check any
 * rule (src/app/assess.c does, before writing) or open transactions (the
 * caller holds one around a whole change).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/time.h"
#include "store/assess.h"

static const char *nz(const char *s) { return s && *s ? s : NULL; }

static int fail_code(struct psec_err *e)
{
    return e && e->code ? e->code : PSEC_E_DB;
}

static void now_text(char *buf, size_t size)
{
    psec_time_format((int64_t)time(NULL), buf, size);
}

/* Runs an INSERT and returns the new row id in *id (when id is not NULL). */
static int insert(struct psec_db *db, struct psec_stmt *st, int64_t *id, struct psec_err *e)
{
    int rc = psec_stmt_run(st, e);
    if (rc == PSEC_OK && id != NULL)
        *id = psec_db_last_id(db);
    return rc;
}

/* ------------------------------------------------------------- checklist */

int psec_store_checklist_put(struct psec_db *db, const char *name, const char *version,
                             const char *title, const char *doc, bool *added, struct psec_err *e)
{
    char now[32];
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO checklist (name, version, title, doc, loaded_at) VALUES (?,?,?,?,?)"
        " ON CONFLICT (name, version) DO NOTHING", e);
    int rc;

    if (st == NULL)
        return fail_code(e);
    now_text(now, sizeof now);
    psec_stmt_text(st, 1, name);
    psec_stmt_text(st, 2, version);
    psec_stmt_text(st, 3, nz(title));
    psec_stmt_text(st, 4, doc);
    psec_stmt_text(st, 5, now);
    rc = psec_stmt_run(st, e);
    if (added)
        *added = rc == PSEC_OK && psec_db_changes(db) > 0;
    return rc;
}

char *psec_store_checklist_doc(struct psec_db *db, const char *name, const char *version,
                               struct psec_err *e)
{
    struct psec_stmt *st;
    char *doc = NULL;
    int rc;

    if (name != NULL) {
        st = psec_db_stmt(db, "SELECT doc FROM checklist WHERE name = ? AND version = ?", e);
        if (st == NULL)
            return NULL;
        psec_stmt_text(st, 1, name);
        psec_stmt_text(st, 2, version);
    } else {
        st = psec_db_stmt(db, "SELECT doc FROM checklist ORDER BY loaded_at DESC, version DESC"
                              " LIMIT 1", e);
        if (st == NULL)
            return NULL;
    }
    rc = psec_stmt_step(st, e);
    if (rc == PSEC_ROW) {
        doc = strdup(psec_stmt_col_text(st, 0));
        if (doc == NULL)
            psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        psec_stmt_step(st, NULL);
    } else if (rc == PSEC_DONE) {
        psec_err_set(e, PSEC_E_NOTFOUND,
                     name ? "checklist %s %s is not loaded" : "no checklist is loaded%s%s: run "
                     "'portsec init'", name ? name : "", version ? version : "");
    }
    return doc;
}

/* ----------------------------------------------------------------- visits */

int psec_store_visit_add(struct psec_db *db, const char *country, const char *kind,
                         const char *start, const char *end, const char *notes, bool demo,
                         int64_t *id, struct psec_err *e)
{
    char now[32];
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO visit (country, kind, start_date, end_date, notes, demo, created_at)"
        " VALUES (?,?,?,?,?,?,?)", e);

    if (st == NULL)
        return fail_code(e);
    now_text(now, sizeof now);
    psec_stmt_text(st, 1, country);
    psec_stmt_text(st, 2, kind);
    psec_stmt_text(st, 3, start);
    psec_stmt_text(st, 4, end);
    psec_stmt_text(st, 5, nz(notes));
    psec_stmt_int(st, 6, demo ? 1 : 0);
    psec_stmt_text(st, 7, now);
    return insert(db, st, id, e);
}

int psec_store_visit_person_add(struct psec_db *db, int64_t visit, const char *role,
                                const char *name, const char *org, const char *title,
                                struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO visit_person (visit_id, role, name, organization, title) VALUES (?,?,?,?,?)",
        e);

    if (st == NULL)
        return fail_code(e);
    psec_stmt_int(st, 1, visit);
    psec_stmt_text(st, 2, role);
    psec_stmt_text(st, 3, name);
    psec_stmt_text(st, 4, nz(org));
    psec_stmt_text(st, 5, nz(title));
    return psec_stmt_run(st, e);
}

int psec_store_visit_site_add(struct psec_db *db, int64_t visit, const char *port,
                              const char *facility, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO visit_site (visit_id, port, facility) VALUES (?,?,?)", e);

    if (st == NULL)
        return fail_code(e);
    psec_stmt_int(st, 1, visit);
    psec_stmt_text(st, 2, port);
    psec_stmt_text(st, 3, nz(facility));
    return psec_stmt_run(st, e);
}

json_t *psec_store_visit_get(struct psec_db *db, int64_t id, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT v.id, v.country, c.name AS country_name, v.kind, v.start_date, v.end_date,"
        " v.notes, v.demo, v.version FROM visit v JOIN country c ON c.alpha2 = v.country"
        " WHERE v.id = ?", e);
    json_t *v, *rows;

    if (st == NULL)
        return NULL;
    psec_stmt_int(st, 1, id);
    v = psec_stmt_json_row(st, e);
    if (v == NULL) {
        if (e && e->code == PSEC_E_NOTFOUND)
            psec_err_set(e, PSEC_E_NOTFOUND, "visit %lld does not exist", (long long)id);
        return NULL;
    }
    psec_stmt_step(st, NULL);
    st = psec_db_stmt(db, "SELECT name, organization, title FROM visit_person"
                          " WHERE visit_id = ? AND role = ? ORDER BY id", e);
    if (st == NULL)
        goto fail;
    psec_stmt_int(st, 1, id);
    psec_stmt_text(st, 2, "team");
    if ((rows = psec_stmt_json_rows(st, e)) == NULL)
        goto fail;
    json_object_set_new(v, "team", rows);
    st = psec_db_stmt(db, "SELECT name, organization, title FROM visit_person"
                          " WHERE visit_id = ? AND role = ? ORDER BY id", e);
    if (st == NULL)
        goto fail;
    psec_stmt_int(st, 1, id);
    psec_stmt_text(st, 2, "official");
    if ((rows = psec_stmt_json_rows(st, e)) == NULL)
        goto fail;
    json_object_set_new(v, "officials", rows);
    st = psec_db_stmt(db, "SELECT s.port, p.name AS port_name, s.facility, f.name AS facility_name"
                          " FROM visit_site s JOIN port p ON p.locode = s.port"
                          " LEFT JOIN facility f ON f.number = s.facility"
                          " WHERE s.visit_id = ? ORDER BY s.id", e);
    if (st == NULL)
        goto fail;
    psec_stmt_int(st, 1, id);
    if ((rows = psec_stmt_json_rows(st, e)) == NULL)
        goto fail;
    json_object_set_new(v, "sites", rows);
    return v;
fail:
    json_decref(v);
    return NULL;
}

json_t *psec_store_visit_list(struct psec_db *db, const char *country, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT v.id, v.country, v.kind, v.start_date, v.end_date, v.demo,"
        " (SELECT COUNT(*) FROM assessment a WHERE a.visit_id = v.id) AS assessments"
        " FROM visit v WHERE (? IS NULL OR v.country = ?)"
        " ORDER BY v.end_date DESC, v.id DESC", e);

    if (st == NULL)
        return NULL;
    psec_stmt_text(st, 1, country);
    psec_stmt_text(st, 2, country);
    return psec_stmt_json_rows(st, e);
}

/* ------------------------------------------------------------ assessments */

int psec_store_assessment_add(struct psec_db *db, int64_t visit, const char *scope,
                              const char *country, const char *facility, const char *ck_name,
                              const char *ck_version, const char *assessed_on,
                              const char *assessor, bool demo, int64_t *id, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO assessment (visit_id, scope, country, facility, checklist_name,"
        " checklist_version, assessed_on, assessor, demo) VALUES (?,?,?,?,?,?,?,?,?)", e);

    if (st == NULL)
        return fail_code(e);
    psec_stmt_int(st, 1, visit);
    psec_stmt_text(st, 2, scope);
    psec_stmt_text(st, 3, country);
    psec_stmt_text(st, 4, nz(facility));
    psec_stmt_text(st, 5, ck_name);
    psec_stmt_text(st, 6, ck_version);
    psec_stmt_text(st, 7, assessed_on);
    psec_stmt_text(st, 8, nz(assessor));
    psec_stmt_int(st, 9, demo ? 1 : 0);
    return insert(db, st, id, e);
}

json_t *psec_store_assessment_get(struct psec_db *db, int64_t id, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT a.id, a.visit_id, a.scope, a.country, a.facility, f.name AS facility_name,"
        " f.port AS port, a.checklist_name, a.checklist_version, a.assessed_on, a.assessor,"
        " a.status, a.closed_on, a.demo, a.version"
        " FROM assessment a LEFT JOIN facility f ON f.number = a.facility WHERE a.id = ?", e);
    json_t *v;

    if (st == NULL)
        return NULL;
    psec_stmt_int(st, 1, id);
    v = psec_stmt_json_row(st, e);
    if (v == NULL && e && e->code == PSEC_E_NOTFOUND)
        psec_err_set(e, PSEC_E_NOTFOUND, "assessment %lld does not exist", (long long)id);
    if (v != NULL)
        psec_stmt_step(st, NULL);
    return v;
}

json_t *psec_store_assessment_list(struct psec_db *db, int64_t visit, const char *country,
                                   bool closed_only, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT a.id, a.visit_id, a.scope, a.country, a.facility, f.name AS facility_name,"
        " f.port AS port, a.assessed_on, a.status, a.closed_on, a.demo, v.kind AS visit_kind,"
        " v.end_date AS visit_end,"
        " (SELECT COUNT(*) FROM answer x WHERE x.assessment_id = a.id) AS answered"
        " FROM assessment a JOIN visit v ON v.id = a.visit_id"
        " LEFT JOIN facility f ON f.number = a.facility"
        " WHERE (? = 0 OR a.visit_id = ?) AND (? IS NULL OR a.country = ?)"
        " AND (? = 0 OR a.status = 'closed')"
        " ORDER BY a.assessed_on, a.id", e);

    if (st == NULL)
        return NULL;
    psec_stmt_int(st, 1, visit);
    psec_stmt_int(st, 2, visit);
    psec_stmt_text(st, 3, country);
    psec_stmt_text(st, 4, country);
    psec_stmt_int(st, 5, closed_only ? 1 : 0);
    return psec_stmt_json_rows(st, e);
}

json_t *psec_store_answers(struct psec_db *db, int64_t assessment, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT item, answer, note, evidence FROM answer WHERE assessment_id = ? ORDER BY item",
        e);

    if (st == NULL)
        return NULL;
    psec_stmt_int(st, 1, assessment);
    return psec_stmt_json_rows(st, e);
}

int psec_store_answer_put(struct psec_db *db, int64_t assessment, const char *item,
                          const char *answer, const char *note, const char *evidence,
                          struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO answer (assessment_id, item, answer, note, evidence) VALUES (?,?,?,?,?)"
        " ON CONFLICT (assessment_id, item) DO UPDATE SET answer = excluded.answer,"
        " note = excluded.note, evidence = excluded.evidence, version = answer.version + 1", e);

    if (st == NULL)
        return fail_code(e);
    psec_stmt_int(st, 1, assessment);
    psec_stmt_text(st, 2, item);
    psec_stmt_text(st, 3, answer);
    psec_stmt_text(st, 4, nz(note));
    psec_stmt_text(st, 5, nz(evidence));
    return psec_stmt_run(st, e);
}

int psec_store_assessment_close(struct psec_db *db, int64_t id, const char *closed_on,
                                struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "UPDATE assessment SET status = 'closed', closed_on = ?, version = version + 1"
        " WHERE id = ? AND status = 'open'", e);
    int rc;

    if (st == NULL)
        return fail_code(e);
    psec_stmt_text(st, 1, closed_on);
    psec_stmt_int(st, 2, id);
    if ((rc = psec_stmt_run(st, e)) != PSEC_OK)
        return rc;
    if (psec_db_changes(db) == 0)
        return psec_err_set(e, PSEC_E_READONLY, "assessment %lld is already closed",
                            (long long)id);
    return PSEC_OK;
}

/* --------------------------------------------------------------- findings */

int psec_store_finding_add(struct psec_db *db, int64_t assessment, const char *item,
                           const char *found_on, const char *note, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO finding (assessment_id, item, found_on, note) VALUES (?,?,?,?)", e);

    if (st == NULL)
        return fail_code(e);
    psec_stmt_int(st, 1, assessment);
    psec_stmt_text(st, 2, item);
    psec_stmt_text(st, 3, found_on);
    psec_stmt_text(st, 4, nz(note));
    return psec_stmt_run(st, e);
}

json_t *psec_store_finding_get(struct psec_db *db, int64_t id, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT f.id, f.assessment_id, f.item, f.found_on, f.note, a.scope, a.facility,"
        " a.country, a.visit_id FROM finding f JOIN assessment a ON a.id = f.assessment_id"
        " WHERE f.id = ?", e);
    json_t *v;

    if (st == NULL)
        return NULL;
    psec_stmt_int(st, 1, id);
    v = psec_stmt_json_row(st, e);
    if (v == NULL && e && e->code == PSEC_E_NOTFOUND)
        psec_err_set(e, PSEC_E_NOTFOUND, "finding %lld does not exist", (long long)id);
    if (v != NULL)
        psec_stmt_step(st, NULL);
    return v;
}

json_t *psec_store_findings(struct psec_db *db, const char *country, int64_t assessment,
                            struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT f.id, f.assessment_id, f.item, f.found_on, f.note, a.scope, a.facility,"
        " a.country, a.visit_id FROM finding f JOIN assessment a ON a.id = f.assessment_id"
        " WHERE (? IS NULL OR a.country = ?) AND (? = 0 OR a.id = ?)"
        " ORDER BY f.assessment_id, f.item", e);

    if (st == NULL)
        return NULL;
    psec_stmt_text(st, 1, country);
    psec_stmt_text(st, 2, country);
    psec_stmt_int(st, 3, assessment);
    psec_stmt_int(st, 4, assessment);
    return psec_stmt_json_rows(st, e);
}

/* -------------------------------------------------------- recommendations */

int psec_store_rec_add(struct psec_db *db, const char *country, const char *text,
                       const char *priority, const char *owner, const char *due,
                       const char *created_on, bool demo, int64_t *id, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO recommendation (country, text, priority, owner, due, created_on, demo)"
        " VALUES (?,?,?,?,?,?,?)", e);

    if (st == NULL)
        return fail_code(e);
    psec_stmt_text(st, 1, country);
    psec_stmt_text(st, 2, text);
    psec_stmt_text(st, 3, priority);
    psec_stmt_text(st, 4, nz(owner));
    psec_stmt_text(st, 5, due);
    psec_stmt_text(st, 6, created_on);
    psec_stmt_int(st, 7, demo ? 1 : 0);
    return insert(db, st, id, e);
}

int psec_store_rec_link(struct psec_db *db, int64_t rec, int64_t finding, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO recommendation_finding (recommendation_id, finding_id) VALUES (?,?)", e);

    if (st == NULL)
        return fail_code(e);
    psec_stmt_int(st, 1, rec);
    psec_stmt_int(st, 2, finding);
    return psec_stmt_run(st, e);
}

int psec_store_rec_history_add(struct psec_db *db, int64_t rec, const char *date,
                               const char *status, const char *note, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO recommendation_history (recommendation_id, changed_on, status, note)"
        " VALUES (?,?,?,?)", e);

    if (st == NULL)
        return fail_code(e);
    psec_stmt_int(st, 1, rec);
    psec_stmt_text(st, 2, date);
    psec_stmt_text(st, 3, status);
    psec_stmt_text(st, 4, nz(note));
    return psec_stmt_run(st, e);
}

int psec_store_rec_set(struct psec_db *db, int64_t id, const char *status, const char *due,
                       int64_t expect_version, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "UPDATE recommendation SET status = ?, due = COALESCE(?, due), version = version + 1"
        " WHERE id = ? AND (? = 0 OR version = ?)", e);
    int rc;

    if (st == NULL)
        return fail_code(e);
    psec_stmt_text(st, 1, status);
    psec_stmt_text(st, 2, nz(due));
    psec_stmt_int(st, 3, id);
    psec_stmt_int(st, 4, expect_version);
    psec_stmt_int(st, 5, expect_version);
    if ((rc = psec_stmt_run(st, e)) != PSEC_OK)
        return rc;
    if (psec_db_changes(db) == 0)
        return psec_err_set(e, PSEC_E_CONFLICT,
                            "recommendation %lld was changed by someone else (expected version "
                            "%lld); show it again and retry", (long long)id,
                            (long long)expect_version);
    return PSEC_OK;
}

json_t *psec_store_rec_get(struct psec_db *db, int64_t id, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT id, country, text, priority, owner, due, status, created_on, demo, version"
        " FROM recommendation WHERE id = ?", e);
    json_t *v;

    if (st == NULL)
        return NULL;
    psec_stmt_int(st, 1, id);
    v = psec_stmt_json_row(st, e);
    if (v == NULL && e && e->code == PSEC_E_NOTFOUND)
        psec_err_set(e, PSEC_E_NOTFOUND, "recommendation %lld does not exist", (long long)id);
    if (v != NULL)
        psec_stmt_step(st, NULL);
    return v;
}

json_t *psec_store_rec_list(struct psec_db *db, const char *country, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT id, country, text, priority, owner, due, status, created_on, demo, version"
        " FROM recommendation WHERE (? IS NULL OR country = ?) ORDER BY due, id", e);

    if (st == NULL)
        return NULL;
    psec_stmt_text(st, 1, country);
    psec_stmt_text(st, 2, country);
    return psec_stmt_json_rows(st, e);
}

json_t *psec_store_rec_history(struct psec_db *db, int64_t rec, struct psec_err *e)
{
    return psec_db_rows_int(db,
        "SELECT changed_on AS date, status, note FROM recommendation_history"
        " WHERE recommendation_id = ? ORDER BY changed_on, id", rec, e);
}

json_t *psec_store_rec_findings(struct psec_db *db, int64_t rec, struct psec_err *e)
{
    return psec_db_rows_int(db,
        "SELECT finding_id FROM recommendation_finding WHERE recommendation_id = ?"
        " ORDER BY finding_id", rec, e);
}

json_t *psec_store_finding_recs(struct psec_db *db, int64_t finding, struct psec_err *e)
{
    return psec_db_rows_int(db,
        "SELECT r.id, r.status FROM recommendation r JOIN recommendation_finding l"
        " ON l.recommendation_id = r.id WHERE l.finding_id = ? ORDER BY r.id", finding, e);
}

/* -------------------------------------------------------------- practices */

int psec_store_practice_add(struct psec_db *db, const char *section, const char *title,
                            const char *text, const char *kind, const char *country,
                            int64_t visit, bool demo, int64_t *id, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO practice (section, title, text, kind, country, visit_id, demo)"
        " VALUES (?,?,?,?,?,?,?)", e);

    if (st == NULL)
        return fail_code(e);
    psec_stmt_text(st, 1, section);
    psec_stmt_text(st, 2, title);
    psec_stmt_text(st, 3, text);
    psec_stmt_text(st, 4, kind);
    psec_stmt_text(st, 5, nz(country));
    if (visit > 0)
        psec_stmt_int(st, 6, visit);
    psec_stmt_int(st, 7, demo ? 1 : 0);
    return insert(db, st, id, e);
}

json_t *psec_store_practice_list(struct psec_db *db, const char *section, const char *country,
                                 struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT id, section, title, text, kind, country, visit_id, demo FROM practice"
        " WHERE (? IS NULL OR section = ?) AND (? IS NULL OR country = ?)"
        " ORDER BY section, id", e);

    if (st == NULL)
        return NULL;
    psec_stmt_text(st, 1, section);
    psec_stmt_text(st, 2, section);
    psec_stmt_text(st, 3, country);
    psec_stmt_text(st, 4, country);
    return psec_stmt_json_rows(st, e);
}

/* ----------------------------------------------------------------- drills */

int psec_store_drill_add(struct psec_db *db, const char *facility, const char *kind,
                         const char *held_on, const char *scenario, const char *notes,
                         bool demo, int64_t *id, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO drill (facility, kind, held_on, scenario, notes, demo) VALUES (?,?,?,?,?,?)",
        e);

    if (st == NULL)
        return fail_code(e);
    psec_stmt_text(st, 1, facility);
    psec_stmt_text(st, 2, kind);
    psec_stmt_text(st, 3, held_on);
    psec_stmt_text(st, 4, nz(scenario));
    psec_stmt_text(st, 5, nz(notes));
    psec_stmt_int(st, 6, demo ? 1 : 0);
    return insert(db, st, id, e);
}

json_t *psec_store_drill_list(struct psec_db *db, const char *facility, struct psec_err *e)
{
    return psec_db_rows_text(db,
        "SELECT id, facility, kind, held_on, scenario, notes, demo FROM drill"
        " WHERE facility = ? ORDER BY held_on, id", facility, e);
}

/* ---------------------------------------------------------- determinations */

int psec_store_determination_add(struct psec_db *db, const char *country, const char *result,
                                 const char *decided_on, const char *rationale,
                                 const char *notified_on, const char *deadline,
                                 const char *proposal_result, const char *proposal, bool demo,
                                 int64_t *id, struct psec_err *e)
{
    char now[32];
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO determination (country, result, decided_on, rationale, notified_on,"
        " correction_deadline, proposal_result, proposal, recorded_at, demo)"
        " VALUES (?,?,?,?,?,?,?,?,?,?)", e);

    if (st == NULL)
        return fail_code(e);
    now_text(now, sizeof now);
    psec_stmt_text(st, 1, country);
    psec_stmt_text(st, 2, result);
    psec_stmt_text(st, 3, decided_on);
    psec_stmt_text(st, 4, rationale);
    psec_stmt_text(st, 5, nz(notified_on));
    psec_stmt_text(st, 6, nz(deadline));
    psec_stmt_text(st, 7, proposal_result);
    psec_stmt_text(st, 8, proposal);
    psec_stmt_text(st, 9, now);
    psec_stmt_int(st, 10, demo ? 1 : 0);
    return insert(db, st, id, e);
}

json_t *psec_store_determination_list(struct psec_db *db, const char *country,
                                      struct psec_err *e)
{
    return psec_db_rows_text(db,
        "SELECT id, country, result, decided_on, rationale, notified_on, correction_deadline,"
        " proposal_result, proposal, demo FROM determination WHERE country = ?"
        " ORDER BY decided_on DESC, id DESC", country, e);
}

bool psec_store_demo_visit_exists(struct psec_db *db, const char *country)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT 1 FROM visit WHERE country = ? AND demo = 1", NULL);
    bool found;

    if (st == NULL)
        return false;
    psec_stmt_text(st, 1, country);
    found = psec_stmt_step(st, NULL) == PSEC_ROW;
    psec_stmt_step(st, NULL);
    return found;
}
