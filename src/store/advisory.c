/*
 * advisory.c (store) — SQL for advisories, their changes, the conditions
 * of entry texts, and the targeting matrix with its list revisions.
 *
 * What it does: inserts (advisories are append-only records: an id that
 * exists is a conflict, never an overwrite), and loads the whole history
 * into a psec_coe_set or a matrix revision into a psec_matrix.
 *
 * What it does not: decide anything (src/model/) or read files (src/app/).
 */
#include "store/advisory.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/str.h"
#include "base/time.h"
#include "io/coe_json.h"

static const char *nz(const char *s) { return s && *s ? s : NULL; }

static void now_text(char *buf, size_t size)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int fail(struct psec_err *e)
{
    return e && e->code ? e->code : PSEC_E_DB;
}

static bool exists(struct psec_db *db, const char *sql, const char *key)
{
    struct psec_stmt *st = psec_db_stmt(db, sql, NULL);
    if (st == NULL)
        return false;
    psec_stmt_text(st, 1, key);
    bool found = psec_stmt_step(st, NULL) == PSEC_ROW;
    psec_stmt_run(st, NULL);
    return found;
}

bool psec_store_advisory_exists(struct psec_db *db, const char *id)
{
    return exists(db, "SELECT 1 FROM advisory WHERE id=?", id);
}

int psec_store_advisory_put(struct psec_db *db, const struct psec_advisory *a,
                            struct psec_err *e)
{
    char now[32];
    if (psec_store_advisory_exists(db, a->id))
        return psec_err_set(e, PSEC_E_CONFLICT, "advisory '%s' is already in the database",
                            a->id);
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO advisory (id, number, issued, title, source, refs, seq, added_at)"
        " VALUES (?,?,?,?,?,?,(SELECT COALESCE(MAX(seq), 0) + 1 FROM advisory),?)", e);
    if (st == NULL)
        return fail(e);
    now_text(now, sizeof now);
    psec_stmt_text(st, 1, a->id);
    psec_stmt_text(st, 2, nz(a->number));
    psec_stmt_text(st, 3, nz(a->issued));
    psec_stmt_text(st, 4, a->title);
    psec_stmt_text(st, 5, a->source);
    psec_stmt_text(st, 6, nz(a->refs));
    psec_stmt_text(st, 7, now);
    return psec_stmt_run(st, e);
}

int psec_store_change_put(struct psec_db *db, const char *advisory, int seq,
                          const struct psec_coe_change *c, struct psec_err *e)
{
    char nb[16], by[16];
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO advisory_change (advisory, seq, action, country, country_name, facility,"
        " facility_name, not_before, by_date, basis, confidence, last_confirmed, note)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", e);
    if (st == NULL)
        return fail(e);
    psec_stmt_text(st, 1, advisory);
    psec_stmt_int(st, 2, seq);
    psec_stmt_text(st, 3, psec_coe_action_name(c->action));
    psec_stmt_text(st, 4, c->country);
    psec_stmt_text(st, 5, nz(c->country_name));
    psec_stmt_text(st, 6, nz(c->facility));
    psec_stmt_text(st, 7, nz(c->facility_name));
    psec_stmt_text(st, 8, psec_date_format(c->not_before, nb, sizeof nb));
    psec_stmt_text(st, 9, psec_date_format(c->by, by, sizeof by));
    psec_stmt_text(st, 10, nz(c->basis));
    psec_stmt_text(st, 11, psec_confidence_name(c->confidence));
    psec_stmt_text(st, 12, nz(c->last_confirmed));
    psec_stmt_text(st, 13, nz(c->note));
    return psec_stmt_run(st, e);
}

int psec_store_coe_text_put(struct psec_db *db, const char *kind, int number,
                            const struct psec_coe_text *t, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO coe_text (kind, number, text, confidence) VALUES (?,?,?,?)"
        " ON CONFLICT (kind, number) DO UPDATE SET text=excluded.text,"
        " confidence=excluded.confidence", e);
    if (st == NULL)
        return fail(e);
    psec_stmt_text(st, 1, kind);
    psec_stmt_int(st, 2, number);
    psec_stmt_text(st, 3, t->text);
    psec_stmt_text(st, 4, psec_confidence_name(t->confidence));
    return psec_stmt_run(st, e);
}

static void col_copy(struct psec_stmt *st, int i, char *dst, size_t size)
{
    psec_strlcpy(dst, psec_stmt_col_text(st, i), size);
}

int psec_store_coe_load(struct psec_db *db, struct psec_coe_set *s, struct psec_err *e)
{
    int rc;
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT kind, number, text, confidence FROM coe_text ORDER BY kind, number", e);
    if (st == NULL)
        return fail(e);
    s->ncond = s->nenf = 0;
    while ((rc = psec_stmt_step(st, e)) == PSEC_ROW) {
        bool cond = strcmp(psec_stmt_col_text(st, 0), "condition") == 0;
        struct psec_coe_text *t = cond ? &s->cond[s->ncond] : &s->enf[s->nenf];
        if ((cond ? s->ncond : s->nenf) >= 16)
            continue;
        t->number = (int)psec_stmt_col_int(st, 1);
        col_copy(st, 2, t->text, sizeof t->text);
        if (!psec_confidence_parse(psec_stmt_col_text(st, 3), &t->confidence))
            t->confidence = PSEC_CONF_ASSUMED;
        if (cond)
            s->ncond++;
        else
            s->nenf++;
    }
    if (rc != PSEC_DONE)
        return rc;

    st = psec_db_stmt(db, "SELECT id, number, issued, title, source, refs FROM advisory"
                          " ORDER BY seq", e);
    if (st == NULL)
        return fail(e);
    while ((rc = psec_stmt_step(st, e)) == PSEC_ROW) {
        struct psec_advisory a;
        memset(&a, 0, sizeof a);
        col_copy(st, 0, a.id, sizeof a.id);
        col_copy(st, 1, a.number, sizeof a.number);
        col_copy(st, 2, a.issued, sizeof a.issued);
        col_copy(st, 3, a.title, sizeof a.title);
        col_copy(st, 4, a.source, sizeof a.source);
        col_copy(st, 5, a.refs, sizeof a.refs);
        if (psec_coe_set_add_advisory(s, &a) < 0)
            return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    }
    if (rc != PSEC_DONE)
        return rc;

    st = psec_db_stmt(db,
        "SELECT c.advisory, c.action, c.country, c.country_name, c.facility, c.facility_name,"
        " c.not_before, c.by_date, c.basis, c.confidence, c.last_confirmed, c.note, c.id"
        " FROM advisory_change c JOIN advisory a ON a.id = c.advisory ORDER BY a.seq, c.seq", e);
    if (st == NULL)
        return fail(e);
    int last_adv = -1;
    char last_id[96] = "";
    while ((rc = psec_stmt_step(st, e)) == PSEC_ROW) {
        struct psec_coe_change c;
        memset(&c, 0, sizeof c);
        const char *aid = psec_stmt_col_text(st, 0);
        /* Rows come in advisory order: look the index up only when it changes. */
        if (last_adv < 0 || strcmp(aid, last_id) != 0) {
            last_adv = psec_coe_set_find_advisory(s, aid);
            psec_strlcpy(last_id, aid, sizeof last_id);
        }
        c.advisory = last_adv;
        long long row = (long long)psec_stmt_col_int(st, 12);
        if (!psec_coe_action_parse(psec_stmt_col_text(st, 1), &c.action) ||
            !psec_date_parse(psec_stmt_col_text(st, 6), &c.not_before) ||
            !psec_date_parse(psec_stmt_col_text(st, 7), &c.by) ||
            !psec_confidence_parse(psec_stmt_col_text(st, 9), &c.confidence))
            return psec_err_set(e, PSEC_E_DB, "advisory_change row %lld: unreadable", row);
        col_copy(st, 2, c.country, sizeof c.country);
        col_copy(st, 3, c.country_name, sizeof c.country_name);
        col_copy(st, 4, c.facility, sizeof c.facility);
        col_copy(st, 5, c.facility_name, sizeof c.facility_name);
        col_copy(st, 8, c.basis, sizeof c.basis);
        col_copy(st, 10, c.last_confirmed, sizeof c.last_confirmed);
        col_copy(st, 11, c.note, sizeof c.note);
        if ((rc = psec_coe_set_add_change(s, &c, e)) != PSEC_OK) {
            psec_err_prefix(e, "advisory_change row %lld: ", row);
            return rc;
        }
    }
    if (rc != PSEC_DONE)
        return rc;
    psec_coe_set_sort(s);
    return PSEC_OK;
}

json_t *psec_store_advisory_list(struct psec_db *db, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT a.id, a.number, a.issued, a.title, a.source,"
        " (SELECT COUNT(*) FROM advisory_change c WHERE c.advisory = a.id) AS changes"
        " FROM advisory a ORDER BY a.seq", e);
    return st ? psec_stmt_json_rows(st, e) : NULL;
}

/* ---- targeting ---- */

bool psec_store_matrix_exists(struct psec_db *db, const char *version)
{
    return exists(db, "SELECT 1 FROM target_matrix WHERE version=?", version);
}

int psec_store_matrix_put(struct psec_db *db, const char *version, const char *document,
                          struct psec_err *e)
{
    char now[32];
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO target_matrix (version, document, loaded_at) VALUES (?,?,?)", e);
    if (st == NULL)
        return fail(e);
    now_text(now, sizeof now);
    psec_stmt_text(st, 1, version);
    psec_stmt_text(st, 2, document);
    psec_stmt_text(st, 3, now);
    int rc = psec_stmt_run(st, e);
    if (rc == PSEC_E_CONFLICT)
        psec_err_set(e, rc, "targeting matrix version '%s' is already loaded", version);
    return rc;
}

int psec_store_target_rev_new(struct psec_db *db, const char *matrix, const char *what,
                              int *rev, struct psec_err *e)
{
    char now[32], cur[64] = "";
    int rc;
    if (matrix == NULL) {
        struct psec_stmt *q = psec_db_stmt(db,
            "SELECT matrix FROM target_rev ORDER BY rev DESC LIMIT 1", e);
        if (q == NULL)
            return fail(e);
        if ((rc = psec_stmt_step(q, e)) == PSEC_ROW)
            psec_strlcpy(cur, psec_stmt_col_text(q, 0), sizeof cur);
        psec_stmt_run(q, NULL);
        if (cur[0] == '\0')
            return psec_err_set(e, PSEC_E_NOTFOUND,
                                "no targeting matrix is loaded (run portsec init)");
        matrix = cur;
    }
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO target_rev (rev, matrix, at, what)"
        " VALUES ((SELECT COALESCE(MAX(rev), 0) + 1 FROM target_rev),?,?,?)", e);
    if (st == NULL)
        return fail(e);
    now_text(now, sizeof now);
    psec_stmt_text(st, 1, matrix);
    psec_stmt_text(st, 2, now);
    psec_stmt_text(st, 3, what);
    if ((rc = psec_stmt_run(st, e)) != PSEC_OK)
        return rc;
    struct psec_stmt *q = psec_db_stmt(db, "SELECT MAX(rev) FROM target_rev", e);
    if (q == NULL)
        return fail(e);
    if ((rc = psec_stmt_step(q, e)) != PSEC_ROW)
        return rc == PSEC_DONE ? psec_err_set(e, PSEC_E_DB, "target_rev: no revision") : rc;
    *rev = (int)psec_stmt_col_int(q, 0);
    psec_stmt_run(q, NULL);
    return PSEC_OK;
}

int psec_store_target_put(struct psec_db *db, const struct psec_target_entry *t,
                          struct psec_err *e)
{
    char from[16], to[16];
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO target_list (kind, name, points, valid_from, valid_to, basis, note, rev)"
        " VALUES (?,?,?,?,?,?,?,?)", e);
    if (st == NULL)
        return fail(e);
    psec_stmt_text(st, 1, psec_target_kind_name(t->kind));
    psec_stmt_text(st, 2, t->name);
    psec_stmt_int(st, 3, t->points);
    psec_stmt_text(st, 4, t->from == PSEC_DAY_MIN ? NULL : psec_date_format(t->from, from,
                                                                          sizeof from));
    psec_stmt_text(st, 5, t->to == PSEC_DAY_MAX ? NULL : psec_date_format(t->to, to, sizeof to));
    psec_stmt_text(st, 6, psec_basis_name(t->basis));
    psec_stmt_text(st, 7, nz(t->note));
    psec_stmt_int(st, 8, t->rev);
    return psec_stmt_run(st, e);
}

int psec_store_matrix_load(struct psec_db *db, int rev, struct psec_matrix *m,
                           struct psec_err *e)
{
    int rc;
    struct psec_stmt *st;
    if (rev < 0)
        st = psec_db_stmt(db, "SELECT r.rev, m.document FROM target_rev r"
                              " JOIN target_matrix m ON m.version = r.matrix"
                              " ORDER BY r.rev DESC LIMIT 1", e);
    else
        st = psec_db_stmt(db, "SELECT r.rev, m.document FROM target_rev r"
                              " JOIN target_matrix m ON m.version = r.matrix WHERE r.rev = ?", e);
    if (st == NULL)
        return fail(e);
    if (rev >= 0)
        psec_stmt_int(st, 1, rev);
    if ((rc = psec_stmt_step(st, e)) != PSEC_ROW) {
        if (rc != PSEC_DONE)
            return rc;
        if (rev >= 0)
            return psec_err_set(e, PSEC_E_NOTFOUND, "targeting list revision %d not found", rev);
        return psec_err_set(e, PSEC_E_NOTFOUND,
                            "no targeting matrix is loaded (run portsec init)");
    }
    int r = (int)psec_stmt_col_int(st, 0);
    json_error_t je;
    json_t *doc = json_loads(psec_stmt_col_text(st, 1), 0, &je);
    psec_stmt_run(st, NULL);
    if (doc == NULL)
        return psec_err_set(e, PSEC_E_DB, "target_matrix: stored document unreadable: %s",
                            je.text);
    json_object_del(doc, "lists");
    rc = psec_matrix_from_json(doc, m, e);
    json_decref(doc);
    if (rc != PSEC_OK) {
        psec_err_prefix(e, "target_matrix: ");
        return rc;
    }
    m->rev = r;

    st = psec_db_stmt(db, "SELECT kind, name, points, valid_from, valid_to, basis, note, rev"
                          " FROM target_list WHERE rev <= ? ORDER BY id", e);
    if (st == NULL)
        return fail(e);
    psec_stmt_int(st, 1, r);
    while ((rc = psec_stmt_step(st, e)) == PSEC_ROW) {
        struct psec_target_entry t;
        memset(&t, 0, sizeof t);
        if (!psec_target_kind_parse(psec_stmt_col_text(st, 0), &t.kind))
            continue;
        col_copy(st, 1, t.name, sizeof t.name);
        t.points = (int)psec_stmt_col_int(st, 2);
        t.from = PSEC_DAY_MIN;
        t.to = PSEC_DAY_MAX;
        if (!psec_stmt_isnull(st, 3))
            psec_date_parse(psec_stmt_col_text(st, 3), &t.from);
        if (!psec_stmt_isnull(st, 4))
            psec_date_parse(psec_stmt_col_text(st, 4), &t.to);
        if (!psec_basis_parse(psec_stmt_col_text(st, 5), &t.basis))
            t.basis = PSEC_BASIS_ASSUMED;
        col_copy(st, 6, t.note, sizeof t.note);
        t.rev = (int)psec_stmt_col_int(st, 7);
        if ((rc = psec_matrix_add_entry(m, &t, e)) != PSEC_OK)
            return rc;
    }
    return rc == PSEC_DONE ? PSEC_OK : rc;
}

int psec_store_matrix_rev_of(struct psec_db *db, const char *version_rev, int *rev,
                             struct psec_err *e)
{
    const char *plus = strrchr(version_rev, '+');
    int r;
    if (plus == NULL || plus[1] != 'r' || !psec_parse_int(plus + 2, &r) || r < 1)
        return psec_err_set(e, PSEC_E_INVALID, "'%s' is not a matrix version such as "
                            "uscg-isps-2025.1+r3", version_rev);
    struct psec_stmt *st = psec_db_stmt(db, "SELECT matrix FROM target_rev WHERE rev = ?", e);
    if (st == NULL)
        return fail(e);
    psec_stmt_int(st, 1, r);
    int rc = psec_stmt_step(st, e);
    bool same = rc == PSEC_ROW &&
                strncmp(psec_stmt_col_text(st, 0), version_rev, (size_t)(plus - version_rev)) == 0 &&
                strlen(psec_stmt_col_text(st, 0)) == (size_t)(plus - version_rev);
    psec_stmt_run(st, NULL);
    if (!same)
        return psec_err_set(e, PSEC_E_NOTFOUND, "matrix version '%s' not found", version_rev);
    *rev = r;
    return PSEC_OK;
}

json_t *psec_store_target_list(struct psec_db *db, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT id, kind, name, points, valid_from, valid_to, basis, note, rev"
        " FROM target_list ORDER BY kind, name, id", e);
    return st ? psec_stmt_json_rows(st, e) : NULL;
}
