/*
 * db_sqlite.c — the SQLite backend of db.h.
 *
 * WAL journal, foreign keys on, a busy timeout so that two processes wait
 * for each other briefly instead of failing, and a small statement cache.
 * Migrations run in one IMMEDIATE transaction at open: either the database
 * reaches the newest schema or it is left exactly as it was.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/limits.h"
#include "base/str.h"
#include "store/db.h"
#include "store/migrate.h"

struct psec_stmt {
    sqlite3_stmt *st;
    struct psec_db *db;
    char *sql;              /* our own copy: callers may pass built strings */
    size_t len;
};

struct psec_db {
    sqlite3 *h;
    char *uri;
    int depth;              /* transaction nesting */
    bool failed;            /* a nested rollback happened */
    int nstmt;
    struct psec_stmt stmts[PSEC_STMT_CACHE];
};

static int map_rc(struct psec_db *db, int rc, struct psec_err *e, const char *what)
{
    int code;
    const char *msg = sqlite3_errmsg(db->h);

    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return psec_err_set(e, PSEC_E_BUSY,
                            "%s: the database is locked by another process; try again "
                            "when it has finished", db->uri);
    case SQLITE_READONLY:
        return psec_err_set(e, PSEC_E_READONLY,
                            "%s: the database is read-only; check the file's permissions",
                            db->uri);
    case SQLITE_CONSTRAINT: code = PSEC_E_CONFLICT; break;
    case SQLITE_NOMEM: code = PSEC_E_NOMEM; break;
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN: code = PSEC_E_IO; break;
    default: code = PSEC_E_DB; break;
    }
    return psec_err_set(e, code, "%s: %s: %s", db->uri, what, msg);
}

static int get_version(struct psec_db *db, int *ver, struct psec_err *e)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st, NULL);

    if (rc != SQLITE_OK)
        return map_rc(db, rc, e, "reading the schema version");
    rc = sqlite3_step(st);
    *ver = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return map_rc(db, rc, e, "reading the schema version");
    return PSEC_OK;
}

int psec_db_schema_version(struct psec_db *db)
{
    int v = -1;
    get_version(db, &v, NULL);
    return v;
}

static int migrate(struct psec_db *db, struct psec_err *e)
{
    int ver, rc, newest = 0;
    char *msg = NULL;

    for (int i = 0; i < psec_migration_count; i++)
        if (psec_migrations[i].version > newest)
            newest = psec_migrations[i].version;
    if ((rc = get_version(db, &ver, e)) != PSEC_OK)
        return rc;
    if (ver > newest)
        return psec_err_set(e, PSEC_E_SCHEMA,
                            "%s: schema version %d is newer than this portsec knows (%d); "
                            "use a newer portsec",
                            db->uri, ver, newest);
    if (ver == newest)
        return PSEC_OK;
    rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return map_rc(db, rc, e, "starting the migration");
    /* Read again inside the lock: another process may have migrated. */
    if ((rc = get_version(db, &ver, e)) != PSEC_OK)
        goto fail;
    for (int i = 0; i < psec_migration_count; i++) {
        const struct psec_migration *m = &psec_migrations[i];
        char pragma[64];
        if (m->version <= ver)
            continue;
        if (sqlite3_exec(db->h, m->sql, NULL, NULL, &msg) != SQLITE_OK) {
            rc = psec_err_set(e, PSEC_E_DB, "%s: migration %s failed: %s", db->uri, m->name,
                              msg ? msg : "?");
            sqlite3_free(msg);
            goto fail;
        }
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", m->version);
        if (sqlite3_exec(db->h, pragma, NULL, NULL, NULL) != SQLITE_OK) {
            rc = map_rc(db, SQLITE_ERROR, e, "recording the schema version");
            goto fail;
        }
    }
    rc = sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        rc = map_rc(db, rc, e, "committing the migration");
        goto fail;
    }
    return PSEC_OK;
fail:
    sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* SQLite keeps allocation statistics behind one global mutex; with a
 * handle per server thread that mutex became the bottleneck (perf: a
 * quarter of the server's time in lock/unlock). Nothing reads the
 * statistics, so they are turned off before the library initialises. */
static void sqlite_setup(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int psec_db_open(struct psec_db **out, const char *uri, int flags, struct psec_err *e)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    struct psec_db *db;
    const char *path = uri;
    int rc, oflags;

    pthread_once(&once, sqlite_setup);
    *out = NULL;
    if (strncmp(uri, "sqlite:", 7) == 0)
        path = uri + 7;
    if (strncmp(uri, "postgresql:", 11) == 0 || strncmp(uri, "postgres:", 9) == 0)
        return psec_err_set(e, PSEC_E_USAGE,
                            "%s: the PostgreSQL backend is not built into this portsec", uri);
    if ((flags & PSEC_DB_NOCREATE) && access(path, F_OK) != 0)
        return psec_err_set(e, PSEC_E_NOTFOUND,
                            "%s: no such database; run 'portsec init' to create it", path);
    db = calloc(1, sizeof *db);
    if (db == NULL || (db->uri = strdup(path)) == NULL) {
        free(db);
        return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    }
    oflags = (flags & PSEC_DB_READONLY) ? SQLITE_OPEN_READONLY
                                        : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    rc = sqlite3_open_v2(path, &db->h, oflags | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        psec_err_set(e, PSEC_E_IO, "%s: cannot open the database: %s", path,
                     db->h ? sqlite3_errmsg(db->h) : "out of memory");
        psec_db_close(db);
        return PSEC_E_IO;
    }
    sqlite3_busy_timeout(db->h, 5000);
    sqlite3_extended_result_codes(db->h, 0);
    if (!(flags & PSEC_DB_READONLY)) {
        rc = sqlite3_exec(db->h, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
        if (rc != SQLITE_OK) {
            rc = map_rc(db, rc, e, "setting WAL mode");
            psec_db_close(db);
            return rc;
        }
    }
    sqlite3_exec(db->h, "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL", NULL, NULL, NULL);
    if (!(flags & PSEC_DB_READONLY) && (rc = migrate(db, e)) != PSEC_OK) {
        psec_db_close(db);
        return rc;
    }
    *out = db;
    return PSEC_OK;
}

void psec_db_close(struct psec_db *db)
{
    if (db == NULL)
        return;
    for (int i = 0; i < db->nstmt; i++) {
        sqlite3_finalize(db->stmts[i].st);
        free(db->stmts[i].sql);
    }
    if (db->h)
        sqlite3_close(db->h);
    free(db->uri);
    free(db);
}

const char *psec_db_uri(const struct psec_db *db) { return db->uri; }

int psec_db_exec(struct psec_db *db, const char *sql, struct psec_err *e)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);

    if (rc != SQLITE_OK) {
        sqlite3_free(msg);
        return map_rc(db, rc, e, "executing");
    }
    return PSEC_OK;
}

int psec_db_begin(struct psec_db *db, struct psec_err *e)
{
    if (db->depth++ > 0)
        return PSEC_OK;
    db->failed = false;
    if (sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        db->depth = 0;
        return map_rc(db, sqlite3_errcode(db->h), e, "starting a transaction");
    }
    return PSEC_OK;
}

int psec_db_commit(struct psec_db *db, struct psec_err *e)
{
    if (db->depth == 0)
        return psec_err_set(e, PSEC_E_DB, "commit without a transaction");
    if (--db->depth > 0)
        return PSEC_OK;
    if (db->failed) {
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
        return psec_err_set(e, PSEC_E_DB, "the transaction was rolled back");
    }
    if (sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        int rc = map_rc(db, sqlite3_errcode(db->h), e, "committing");
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    return PSEC_OK;
}

void psec_db_rollback(struct psec_db *db)
{
    if (db->depth == 0)
        return;
    if (--db->depth > 0) {
        db->failed = true;
        return;
    }
    sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

struct psec_stmt *psec_db_stmt(struct psec_db *db, const char *sql, struct psec_err *e)
{
    struct psec_stmt *s;
    size_t len = strlen(sql);
    int rc;

    for (int i = 0; i < db->nstmt; i++) {
        s = &db->stmts[i];
        if (s->len == len && memcmp(s->sql, sql, len) == 0) {
            sqlite3_reset(s->st);
            sqlite3_clear_bindings(s->st);
            return s;
        }
    }
    if (db->nstmt == PSEC_STMT_CACHE) {
        /* Full: drop the oldest. Statements are cheap to prepare again. */
        sqlite3_finalize(db->stmts[0].st);
        free(db->stmts[0].sql);
        memmove(&db->stmts[0], &db->stmts[1], (PSEC_STMT_CACHE - 1) * sizeof db->stmts[0]);
        db->nstmt--;
    }
    s = &db->stmts[db->nstmt];
    rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st, NULL);
    if (rc != SQLITE_OK) {
        map_rc(db, rc, e, "preparing a statement");
        return NULL;
    }
    s->db = db;
    s->len = len;
    if ((s->sql = strdup(sql)) == NULL) {
        sqlite3_finalize(s->st);
        psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        return NULL;
    }
    db->nstmt++;
    return s;
}

void psec_db_release(struct psec_db *db)
{
    for (int i = 0; i < db->nstmt; i++)
        sqlite3_reset(db->stmts[i].st);
}

void psec_stmt_text(struct psec_stmt *st, int i, const char *text)
{
    if (text == NULL)
        sqlite3_bind_null(st->st, i);
    else
        sqlite3_bind_text(st->st, i, text, -1, SQLITE_TRANSIENT);
}

void psec_stmt_int(struct psec_stmt *st, int i, int64_t v) { sqlite3_bind_int64(st->st, i, v); }
void psec_stmt_double(struct psec_stmt *st, int i, double v) { sqlite3_bind_double(st->st, i, v); }
void psec_stmt_null(struct psec_stmt *st, int i) { sqlite3_bind_null(st->st, i); }

int psec_stmt_step(struct psec_stmt *st, struct psec_err *e)
{
    int rc = sqlite3_step(st->st);

    if (rc == SQLITE_ROW)
        return PSEC_ROW;
    if (rc == SQLITE_DONE)
        return PSEC_DONE;
    rc = map_rc(st->db, rc, e, "running a statement");
    sqlite3_reset(st->st);
    return rc;
}

int psec_stmt_run(struct psec_stmt *st, struct psec_err *e)
{
    int rc;

    while ((rc = psec_stmt_step(st, e)) == PSEC_ROW)
        ;
    return rc == PSEC_DONE ? PSEC_OK : rc;
}

int psec_stmt_columns(struct psec_stmt *st) { return sqlite3_column_count(st->st); }
const char *psec_stmt_colname(struct psec_stmt *st, int i) { return sqlite3_column_name(st->st, i); }
bool psec_stmt_isnull(struct psec_stmt *st, int i)
{
    return sqlite3_column_type(st->st, i) == SQLITE_NULL;
}

const char *psec_stmt_col_text(struct psec_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st->st, i);
    return t ? (const char *)t : "";
}

int64_t psec_stmt_col_int(struct psec_stmt *st, int i) { return sqlite3_column_int64(st->st, i); }
double psec_stmt_col_double(struct psec_stmt *st, int i) { return sqlite3_column_double(st->st, i); }

int64_t psec_db_changes(struct psec_db *db) { return sqlite3_changes64(db->h); }
int64_t psec_db_last_id(struct psec_db *db) { return sqlite3_last_insert_rowid(db->h); }

static json_t *row_object(struct psec_stmt *st)
{
    json_t *o = json_object();
    int n = sqlite3_column_count(st->st);

    for (int i = 0; o && i < n; i++) {
        json_t *v;
        switch (sqlite3_column_type(st->st, i)) {
        case SQLITE_INTEGER: v = json_integer(sqlite3_column_int64(st->st, i)); break;
        case SQLITE_FLOAT: v = json_real(sqlite3_column_double(st->st, i)); break;
        case SQLITE_NULL: v = json_null(); break;
        default: v = json_string(psec_stmt_col_text(st, i)); break;
        }
        if (v == NULL || json_object_set_new(o, sqlite3_column_name(st->st, i), v) != 0) {
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
    sqlite3_reset(st->st);
    if (o == NULL)
        psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    return o;
}

json_t *psec_db_tables(struct psec_db *db, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT name FROM sqlite_schema WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        " ORDER BY name", e);
    json_t *out;
    int rc;

    if (st == NULL)
        return NULL;
    out = json_array();
    while ((rc = psec_stmt_step(st, e)) == PSEC_ROW)
        json_array_append_new(out, json_string(psec_stmt_col_text(st, 0)));
    if (rc != PSEC_DONE) {
        json_decref(out);
        return NULL;
    }
    return out;
}
