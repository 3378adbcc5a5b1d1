/*
 * screen.c (store) — SQL for vessels, their history, port -> country, and
 * stored screenings.
 *
 * What it does: upserts vessels field by field (a NOA that leaves a field
 * out does not erase it), appends actions and exams, reads the history a
 * screening needs, and stores each screening with the NOA as received and
 * the result as printed.
 *
 * What it does not: screen (src/model/screen.c) or parse NOAs (src/io/).
 */
#include "store/screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/str.h"
#include "base/time.h"

static const char *nz(const char *s) { return s && *s ? s : NULL; }

static int fail(struct psec_err *e)
{
    return e && e->code ? e->code : PSEC_E_DB;
}

static void now_text(char *buf, size_t size)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int psec_store_vessel_put(struct psec_db *db, const struct psec_vessel *v, struct psec_err *e)
{
    char now[32];
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO vessel (imo, mmsi, name, flag, type, rso, owner, operator, charterer, built,"
        " updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
        " ON CONFLICT (imo) DO UPDATE SET mmsi=COALESCE(excluded.mmsi, vessel.mmsi),"
        " name=COALESCE(excluded.name, vessel.name), flag=COALESCE(excluded.flag, vessel.flag),"
        " type=COALESCE(excluded.type, vessel.type), rso=COALESCE(excluded.rso, vessel.rso),"
        " owner=COALESCE(excluded.owner, vessel.owner),"
        " operator=COALESCE(excluded.operator, vessel.operator),"
        " charterer=COALESCE(excluded.charterer, vessel.charterer),"
        " built=COALESCE(excluded.built, vessel.built), updated_at=excluded.updated_at,"
        " version=vessel.version+1", e);
    if (st == NULL)
        return fail(e);
    now_text(now, sizeof now);
    psec_stmt_text(st, 1, v->imo);
    psec_stmt_text(st, 2, nz(v->mmsi));
    psec_stmt_text(st, 3, nz(v->name));
    psec_stmt_text(st, 4, nz(v->flag));
    psec_stmt_text(st, 5, nz(v->type));
    psec_stmt_text(st, 6, nz(v->rso));
    psec_stmt_text(st, 7, nz(v->owner));
    psec_stmt_text(st, 8, nz(v->operator_name));
    psec_stmt_text(st, 9, nz(v->charterer));
    if (v->built > 0)
        psec_stmt_int(st, 10, v->built);
    else
        psec_stmt_null(st, 10);
    psec_stmt_text(st, 11, now);
    return psec_stmt_run(st, e);
}

bool psec_store_vessel_exists(struct psec_db *db, const char *imo)
{
    struct psec_stmt *st = psec_db_stmt(db, "SELECT 1 FROM vessel WHERE imo=?", NULL);
    if (st == NULL)
        return false;
    psec_stmt_text(st, 1, imo);
    bool found = psec_stmt_step(st, NULL) == PSEC_ROW;
    psec_stmt_run(st, NULL);
    return found;
}

json_t *psec_store_vessel_get(struct psec_db *db, const char *imo, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT imo, mmsi, name, flag, type, rso, owner, operator, charterer, built, updated_at,"
        " version FROM vessel WHERE imo=?", e);
    if (st == NULL)
        return NULL;
    psec_stmt_text(st, 1, imo);
    json_t *v = psec_stmt_json_row(st, e);
    if (v == NULL) {
        if (e && e->code == PSEC_E_NOTFOUND)
            psec_err_set(e, PSEC_E_NOTFOUND, "vessel %s not found (add it with portsec vessel "
                         "add)", imo);
        return NULL;
    }
    static const char *const sql[3] = {
        "SELECT day, kind, security, note FROM vessel_action WHERE imo=? ORDER BY day, id",
        "SELECT day, kind, note FROM vessel_exam WHERE imo=? ORDER BY day, id",
        ("SELECT id, noa_id, eta, arrival_port, coe_status, priority, points, matrix_version,"
         " screened_at FROM screening WHERE imo=? ORDER BY eta DESC, id DESC LIMIT 20"),
    };
    static const char *const key[3] = { "actions", "exams", "screenings" };
    for (int i = 0; i < 3; i++) {
        st = psec_db_stmt(db, sql[i], e);
        json_t *rows = st ? (psec_stmt_text(st, 1, imo), psec_stmt_json_rows(st, e)) : NULL;
        if (rows == NULL) {
            json_decref(v);
            return NULL;
        }
        json_object_set_new(v, key[i], rows);
    }
    return v;
}

static int require_vessel(struct psec_db *db, const char *imo, struct psec_err *e)
{
    if (!psec_store_vessel_exists(db, imo))
        return psec_err_set(e, PSEC_E_NOTFOUND,
                            "vessel %s not found (add it with portsec vessel add)", imo);
    return PSEC_OK;
}

int psec_store_vessel_action_add(struct psec_db *db, const char *imo, int64_t day,
                                 const char *kind, bool security, const char *note,
                                 struct psec_err *e)
{
    char d[16];
    int rc = require_vessel(db, imo, e);
    if (rc != PSEC_OK)
        return rc;
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO vessel_action (imo, day, kind, security, note) VALUES (?,?,?,?,?)", e);
    if (st == NULL)
        return fail(e);
    psec_stmt_text(st, 1, imo);
    psec_stmt_text(st, 2, psec_date_format(day, d, sizeof d));
    psec_stmt_text(st, 3, kind);
    psec_stmt_int(st, 4, security ? 1 : 0);
    psec_stmt_text(st, 5, nz(note));
    return psec_stmt_run(st, e);
}

int psec_store_vessel_exam_add(struct psec_db *db, const char *imo, int64_t day,
                               const char *kind, const char *note, struct psec_err *e)
{
    char d[16];
    int rc = require_vessel(db, imo, e);
    if (rc != PSEC_OK)
        return rc;
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO vessel_exam (imo, day, kind, note) VALUES (?,?,?,?)", e);
    if (st == NULL)
        return fail(e);
    psec_stmt_text(st, 1, imo);
    psec_stmt_text(st, 2, psec_date_format(day, d, sizeof d));
    psec_stmt_text(st, 3, kind);
    psec_stmt_text(st, 4, nz(note));
    return psec_stmt_run(st, e);
}

int psec_store_vessel_history(struct psec_db *db, const char *imo,
                              struct psec_vessel_action *actions, size_t max_actions,
                              size_t *nactions, struct psec_vessel_exam *exams, size_t max_exams,
                              size_t *nexams, struct psec_err *e)
{
    int rc;
    *nactions = *nexams = 0;
    /* Newest first: when a vessel has more than fit, the recent ones matter. */
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT day, kind, security FROM vessel_action WHERE imo=? ORDER BY day DESC, id DESC", e);
    if (st == NULL)
        return fail(e);
    psec_stmt_text(st, 1, imo);
    while ((rc = psec_stmt_step(st, e)) == PSEC_ROW && *nactions < max_actions) {
        struct psec_vessel_action *a = &actions[*nactions];
        memset(a, 0, sizeof *a);
        if (!psec_date_parse(psec_stmt_col_text(st, 0), &a->day))
            continue;
        psec_strlcpy(a->kind, psec_stmt_col_text(st, 1), sizeof a->kind);
        a->security = psec_stmt_col_int(st, 2) != 0;
        (*nactions)++;
    }
    if (rc == PSEC_ROW)
        psec_stmt_run(st, NULL);
    else if (rc != PSEC_DONE)
        return rc;
    st = psec_db_stmt(db, "SELECT day, kind FROM vessel_exam WHERE imo=?"
                          " ORDER BY day DESC, id DESC", e);
    if (st == NULL)
        return fail(e);
    psec_stmt_text(st, 1, imo);
    while ((rc = psec_stmt_step(st, e)) == PSEC_ROW && *nexams < max_exams) {
        struct psec_vessel_exam *x = &exams[*nexams];
        memset(x, 0, sizeof *x);
        if (!psec_date_parse(psec_stmt_col_text(st, 0), &x->day))
            continue;
        psec_strlcpy(x->kind, psec_stmt_col_text(st, 1), sizeof x->kind);
        (*nexams)++;
    }
    if (rc == PSEC_ROW)
        psec_stmt_run(st, NULL);
    else if (rc != PSEC_DONE)
        return rc;
    return PSEC_OK;
}

bool psec_store_port_country(struct psec_db *db, const char *locode, char country[3])
{
    struct psec_stmt *st = psec_db_stmt(db, "SELECT country FROM port WHERE locode=?", NULL);
    if (st == NULL)
        return false;
    psec_stmt_text(st, 1, locode);
    bool found = psec_stmt_step(st, NULL) == PSEC_ROW;
    if (found)
        psec_strlcpy(country, psec_stmt_col_text(st, 0), 3);
    psec_stmt_run(st, NULL);
    return found;
}

int psec_store_screening_put(struct psec_db *db, const struct psec_noa *n,
                             const struct psec_screen_result *r, const char *noa_text,
                             size_t noa_len, const char *result, size_t result_len,
                             struct psec_err *e)
{
    char now[32], eta[24];
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO screening (noa_id, imo, eta, arrival_port, coe_status, priority, points,"
        " matrix_version, noa, result, screened_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", e);
    if (st == NULL)
        return fail(e);
    now_text(now, sizeof now);
    /* Bound text: the statement copies it, and the buffers are not
     * NUL-terminated at len for the NOA of a batch line. */
    char *noa = strndup(noa_text, noa_len);
    char *res = strndup(result, result_len);
    if (noa == NULL || res == NULL) {
        free(noa);
        free(res);
        return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    }
    psec_stmt_text(st, 1, nz(n->noa_id));
    psec_stmt_text(st, 2, n->imo);
    psec_stmt_text(st, 3, psec_time_format(n->eta, eta, sizeof eta));
    psec_stmt_text(st, 4, n->arrival_port);
    psec_stmt_text(st, 5, psec_coe_status_name(r->coe));
    psec_stmt_text(st, 6, psec_priority_name(r->target.priority));
    psec_stmt_int(st, 7, r->target.points);
    psec_stmt_text(st, 8, r->target.version);
    psec_stmt_text(st, 9, noa);
    psec_stmt_text(st, 10, res);
    psec_stmt_text(st, 11, now);
    int rc = psec_stmt_run(st, e);
    free(noa);
    free(res);
    return rc;
}
