/*
 * db.c — the front of db.h: picks the backend from the URI and does, once
 * for both engines, what must behave the same on both: the statement cache,
 * nested transactions, stepping to completion and JSON rows.
 *
 * "postgresql://..." and "postgres://..." select PostgreSQL (db_pg.c);
 * "sqlite:PATH" or any other string, taken as a path, selects SQLite
 * (db_sqlite.c). The engines differ below the ops table only.
 */
#include <stdlib.h>
#include <string.h>

#include "store/db_impl.h"

static bool is_pg(const char *uri)
{
    return strncmp(uri, "postgresql://", 13) == 0 || strncmp(uri, "postgres://", 11) == 0;
}

/* The URI as shown in messages and by psec_db_uri(): a password given in
 * a PostgreSQL URI ("postgresql://user:secret@host/db") would otherwise end
 * up in error messages and logs, so it is replaced by "***". */
static char *display_uri(const char *uri)
{
    const char *p = strstr(uri, "://"), *at, *colon, *slash;
    char *out;
    size_t n;

    if (p == NULL)
        return strdup(uri);
    p += 3;
    slash = strchr(p, '/');
    at = strchr(p, '@');
    if (at == NULL || (slash && at > slash))
        return strdup(uri);
    colon = memchr(p, ':', (size_t)(at - p));
    if (colon == NULL)
        return strdup(uri);
    n = (size_t)(colon - uri) + 4 + strlen(at) + 1;
    if ((out = malloc(n)) == NULL)
        return NULL;
    memcpy(out, uri, (size_t)(colon - uri));
    memcpy(out + (colon - uri), ":***", 4);
    memcpy(out + (colon - uri) + 4, at, strlen(at) + 1);
    return out;
}

int psec_db_open(struct psec_db **out, const char *uri, int flags, struct psec_err *e)
{
    struct psec_db *db;
    const char *target = uri;
    int rc;

    *out = NULL;
    db = calloc(1, sizeof *db);
    if (db == NULL)
        return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    if (is_pg(uri)) {
        db->ops = &psec_db_pg_ops;
    } else {
        db->ops = &psec_db_sqlite_ops;
        if (strncmp(uri, "sqlite:", 7) == 0)
            target = uri + 7;
    }
    db->flags = flags;
    db->uri = db->ops == &psec_db_pg_ops ? display_uri(uri) : strdup(target);
    if (db->uri == NULL) {
        free(db);
        return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    }
    if ((rc = db->ops->open(db, target, flags, e)) != PSEC_OK) {
        free(db->uri);
        free(db);
        return rc;
    }
    if (!(flags & PSEC_DB_READONLY) && (rc = db->ops->migrate(db, e)) != PSEC_OK) {
        psec_db_close(db);
        return rc;
    }
    *out = db;
    return PSEC_OK;
}

static void stmt_free(struct psec_stmt *s)
{
    if (s == NULL)
        return;
    s->db->ops->finalize(s);
    free(s->sql);
    free(s);
}

void psec_db_close(struct psec_db *db)
{
    if (db == NULL)
        return;
    if (db->ops->closing)
        db->ops->closing(db);
    for (int i = 0; i < db->nstmt; i++)
        stmt_free(db->stmts[i]);
    db->ops->close(db);
    free(db->uri);
    free(db);
}

const char *psec_db_uri(const struct psec_db *db) { return db->uri; }

int psec_db_schema_version(struct psec_db *db)
{
    int v = -1;
    db->ops->schema_version(db, &v, NULL);
    return v;
}

int psec_db_exec(struct psec_db *db, const char *sql, struct psec_err *e)
{
    return db->ops->exec(db, sql, "executing", e);
}

int psec_db_begin(struct psec_db *db, struct psec_err *e)
{
    int rc;

    if (db->depth++ > 0)
        return PSEC_OK;
    db->failed = false;
    if ((rc = db->ops->begin(db, e)) != PSEC_OK)
        db->depth = 0;
    return rc;
}

int psec_db_commit(struct psec_db *db, struct psec_err *e)
{
    if (db->depth == 0)
        return psec_err_set(e, PSEC_E_DB, "commit without a transaction");
    if (--db->depth > 0)
        return PSEC_OK;
    if (db->failed) {
        db->ops->rollback(db);
        return psec_err_set(e, PSEC_E_DB, "the transaction was rolled back");
    }
    return db->ops->commit(db, e);
}

void psec_db_rollback(struct psec_db *db)
{
    if (db->depth == 0)
        return;
    if (--db->depth > 0) {
        db->failed = true;
        return;
    }
    db->ops->rollback(db);
}

struct psec_stmt *psec_db_stmt(struct psec_db *db, const char *sql, struct psec_err *e)
{
    struct psec_stmt *s;
    size_t len = strlen(sql);

    for (int i = 0; i < db->nstmt; i++) {
        s = db->stmts[i];
        if (s->len == len && memcmp(s->sql, sql, len) == 0) {
            db->ops->reset(s, true);
            return s;
        }
    }
    if ((s = calloc(1, sizeof *s)) == NULL || (s->sql = strdup(sql)) == NULL) {
        free(s);
        psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        return NULL;
    }
    s->db = db;
    s->len = len;
    if (db->ops->prepare(s, e) != PSEC_OK) {
        free(s->sql);
        free(s);
        return NULL;
    }
    if (db->nstmt == PSEC_STMT_CACHE) {
        /* Full: drop the oldest. Statements are cheap to prepare again. */
        stmt_free(db->stmts[0]);
        memmove(&db->stmts[0], &db->stmts[1], (PSEC_STMT_CACHE - 1) * sizeof db->stmts[0]);
        db->nstmt--;
    }
    db->stmts[db->nstmt++] = s;
    return s;
}

void psec_db_release(struct psec_db *db)
{
    /* SQLite: ends the read transaction an unfinished statement holds;
     * PostgreSQL: frees the results kept for statements not stepped to the
     * end. Bindings stay, as sqlite3_reset() leaves them. */
    for (int i = 0; i < db->nstmt; i++)
        db->ops->reset(db->stmts[i], false);
}

void psec_stmt_text(struct psec_stmt *st, int i, const char *text)
{
    if (text == NULL)
        st->db->ops->bind_null(st, i);
    else
        st->db->ops->bind_text(st, i, text);
}

void psec_stmt_int(struct psec_stmt *st, int i, int64_t v) { st->db->ops->bind_int(st, i, v); }
void psec_stmt_double(struct psec_stmt *st, int i, double v) { st->db->ops->bind_double(st, i, v); }
void psec_stmt_null(struct psec_stmt *st, int i) { st->db->ops->bind_null(st, i); }

int psec_stmt_step(struct psec_stmt *st, struct psec_err *e) { return st->db->ops->step(st, e); }

int psec_stmt_run(struct psec_stmt *st, struct psec_err *e)
{
    int rc;

    while ((rc = psec_stmt_step(st, e)) == PSEC_ROW)
        ;
    return rc == PSEC_DONE ? PSEC_OK : rc;
}

int psec_stmt_columns(struct psec_stmt *st) { return st->db->ops->columns(st); }
const char *psec_stmt_colname(struct psec_stmt *st, int i) { return st->db->ops->colname(st, i); }
bool psec_stmt_isnull(struct psec_stmt *st, int i)
{
    return st->db->ops->colkind(st, i) == PSEC_COL_NULL;
}

const char *psec_stmt_col_text(struct psec_stmt *st, int i)
{
    const char *t = st->db->ops->col_text(st, i);
    return t ? t : "";
}

int64_t psec_stmt_col_int(struct psec_stmt *st, int i) { return st->db->ops->col_int(st, i); }
double psec_stmt_col_double(struct psec_stmt *st, int i) { return st->db->ops->col_double(st, i); }

int64_t psec_db_changes(struct psec_db *db) { return db->ops->changes(db); }
int64_t psec_db_last_id(struct psec_db *db) { return db->ops->last_id(db); }
json_t *psec_db_tables(struct psec_db *db, struct psec_err *e) { return db->ops->tables(db, e); }
enum psec_col_kind psec_stmt_col_kind(struct psec_stmt *st, int i)
{
    return st->db->ops->colkind(st, i);
}

json_t *psec_db_table_info(struct psec_db *db, const char *table, struct psec_err *e)
{
    return db->ops->table_info(db, table, e);
}

int psec_db_sync_ids(struct psec_db *db, const char *table, struct psec_err *e)
{
    return db->ops->sync_ids ? db->ops->sync_ids(db, table, e) : PSEC_OK;
}

static json_t *row_object(struct psec_stmt *st)
{
    const struct psec_db_ops *ops = st->db->ops;
    json_t *o = json_object();
    int n = ops->columns(st);

    for (int i = 0; o && i < n; i++) {
        json_t *v;
        switch (ops->colkind(st, i)) {
        case PSEC_COL_INT: v = json_integer(ops->col_int(st, i)); break;
        case PSEC_COL_REAL: v = json_real(ops->col_double(st, i)); break;
        case PSEC_COL_NULL: v = json_null(); break;
        default: v = json_string(psec_stmt_col_text(st, i)); break;
        }
        if (v == NULL || json_object_set_new(o, ops->colname(st, i), v) != 0) {
            json_decref(o);
            return NULL;
        }
    }
    return o;
}

json_t *psec_stmt_json_rows(struct psec_stmt *st, struct psec_err *e)
{
    json_t *arr = json_array();
    int rc;

    if (arr == NULL) {
        psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        return NULL;
    }
    while ((rc = psec_stmt_step(st, e)) == PSEC_ROW) {
        json_t *o = row_object(st);
        if (o == NULL || json_array_append_new(arr, o) != 0) {
            json_decref(arr);
            psec_err_set(e, PSEC_E_NOMEM, "out of memory");
            return NULL;
        }
    }
    if (rc != PSEC_DONE) {
        json_decref(arr);
        return NULL;
    }
    return arr;
}

json_t *psec_stmt_json_row(struct psec_stmt *st, struct psec_err *e)
{
    int rc = psec_stmt_step(st, e);
    json_t *o;

    if (rc == PSEC_DONE) {
        psec_err_set(e, PSEC_E_NOTFOUND, "not found");
        return NULL;
    }
    if (rc != PSEC_ROW)
        return NULL;
    o = row_object(st);
    st->db->ops->reset(st, false);
    if (o == NULL)
        psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    return o;
}

json_t *psec_db_rows_int(struct psec_db *db, const char *sql, int64_t key, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db, sql, e);

    if (st == NULL)
        return NULL;
    psec_stmt_int(st, 1, key);
    return psec_stmt_json_rows(st, e);
}

json_t *psec_db_rows_text(struct psec_db *db, const char *sql, const char *key,
                          struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db, sql, e);

    if (st == NULL)
        return NULL;
    psec_stmt_text(st, 1, key);
    return psec_stmt_json_rows(st, e);
}

json_t *psec_db_row_text(struct psec_db *db, const char *sql, const char *key,
                         struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db, sql, e);

    if (st == NULL)
        return NULL;
    psec_stmt_text(st, 1, key);
    return psec_stmt_json_row(st, e);
}
