/*
 * db_sqlite.c — the SQLite backend of db.h (the engine calls behind db.c).
 *
 * WAL journal, foreign keys on, a busy timeout so that two processes wait
 * for each other briefly instead of failing. Migrations run in one
 * IMMEDIATE transaction at open: either the database reaches the newest
 * schema or it is left exactly as it was. The schema version is SQLite's
 * user_version.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store/db_impl.h"
#include "store/migrate.h"

#define H(db) ((sqlite3 *)(db)->impl)
#define ST(s) ((sqlite3_stmt *)(s)->impl)

static int map_rc(struct psec_db *db, int rc, struct psec_err *e, const char *what)
{
    int code;
    const char *msg = sqlite3_errmsg(H(db));

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

static int sq_schema_version(struct psec_db *db, int *ver, struct psec_err *e)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(H(db), "PRAGMA user_version", -1, &st, NULL);

    if (rc != SQLITE_OK)
        return map_rc(db, rc, e, "reading the schema version");
    rc = sqlite3_step(st);
    *ver = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return map_rc(db, rc, e, "reading the schema version");
    return PSEC_OK;
}

static int sq_migrate(struct psec_db *db, struct psec_err *e)
{
    int ver, rc, newest = 0;
    char *msg = NULL;

    for (int i = 0; i < psec_migration_count; i++)
        if (psec_migrations[i].version > newest)
            newest = psec_migrations[i].version;
    if ((rc = sq_schema_version(db, &ver, e)) != PSEC_OK)
        return rc;
    if (ver > newest)
        return psec_err_set(e, PSEC_E_SCHEMA,
                            "%s: schema version %d is newer than this portsec knows (%d); "
                            "use a newer portsec",
                            db->uri, ver, newest);
    if (ver == newest)
        return PSEC_OK;
    rc = sqlite3_exec(H(db), "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return map_rc(db, rc, e, "starting the migration");
    /* Read again inside the lock: another process may have migrated. */
    if ((rc = sq_schema_version(db, &ver, e)) != PSEC_OK)
        goto fail;
    for (int i = 0; i < psec_migration_count; i++) {
        const struct psec_migration *m = &psec_migrations[i];
        char pragma[64];
        if (m->version <= ver)
            continue;
        if (sqlite3_exec(H(db), m->sql, NULL, NULL, &msg) != SQLITE_OK) {
            rc = psec_err_set(e, PSEC_E_DB, "%s: migration %s failed: %s", db->uri, m->name,
                              msg ? msg : "?");
            sqlite3_free(msg);
            goto fail;
        }
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", m->version);
        if (sqlite3_exec(H(db), pragma, NULL, NULL, NULL) != SQLITE_OK) {
            rc = map_rc(db, SQLITE_ERROR, e, "recording the schema version");
            goto fail;
        }
    }
    rc = sqlite3_exec(H(db), "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        rc = map_rc(db, rc, e, "committing the migration");
        goto fail;
    }
    return PSEC_OK;
fail:
    sqlite3_exec(H(db), "ROLLBACK", NULL, NULL, NULL);
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

static int sq_open(struct psec_db *db, const char *path, int flags, struct psec_err *e)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    sqlite3 *h = NULL;
    int rc, oflags;

    pthread_once(&once, sqlite_setup);
    if ((flags & PSEC_DB_NOCREATE) && access(path, F_OK) != 0)
        return psec_err_set(e, PSEC_E_NOTFOUND,
                            "%s: no such database; run 'portsec init' to create it", path);
    oflags = (flags & PSEC_DB_READONLY) ? SQLITE_OPEN_READONLY
                                        : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    rc = sqlite3_open_v2(path, &h, oflags | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        psec_err_set(e, PSEC_E_IO, "%s: cannot open the database: %s", path,
                     h ? sqlite3_errmsg(h) : "out of memory");
        sqlite3_close(h);
        return PSEC_E_IO;
    }
    db->impl = h;
    sqlite3_busy_timeout(h, 5000);
    sqlite3_extended_result_codes(h, 0);
    if (!(flags & PSEC_DB_READONLY)) {
        rc = sqlite3_exec(h, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
        if (rc != SQLITE_OK) {
            rc = map_rc(db, rc, e, "setting WAL mode");
            sqlite3_close(h);
            db->impl = NULL;
            return rc;
        }
    }
    sqlite3_exec(h, "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL", NULL, NULL, NULL);
    return PSEC_OK;
}

static void sq_close(struct psec_db *db)
{
    if (db->impl)
        sqlite3_close(H(db));
    db->impl = NULL;
}

static int sq_exec(struct psec_db *db, const char *sql, const char *what, struct psec_err *e)
{
    char *msg = NULL;
    int rc = sqlite3_exec(H(db), sql, NULL, NULL, &msg);

    if (rc != SQLITE_OK) {
        sqlite3_free(msg);
        return map_rc(db, rc, e, what);
    }
    return PSEC_OK;
}

static int sq_begin(struct psec_db *db, struct psec_err *e)
{
    /* IMMEDIATE takes the write lock now, so that a writer waits (busy
     * timeout) at the start instead of failing half-way through. */
    return sq_exec(db, "BEGIN IMMEDIATE", "starting a transaction", e);
}

static int sq_commit(struct psec_db *db, struct psec_err *e)
{
    if (sqlite3_exec(H(db), "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        int rc = map_rc(db, sqlite3_errcode(H(db)), e, "committing");
        sqlite3_exec(H(db), "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    return PSEC_OK;
}

static void sq_rollback(struct psec_db *db) { sqlite3_exec(H(db), "ROLLBACK", NULL, NULL, NULL); }

static int sq_prepare(struct psec_stmt *s, struct psec_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v3(H(s->db), s->sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);

    if (rc != SQLITE_OK)
        return map_rc(s->db, rc, e, "preparing a statement");
    s->impl = st;
    return PSEC_OK;
}

static void sq_finalize(struct psec_stmt *s) { sqlite3_finalize(ST(s)); }

static void sq_reset(struct psec_stmt *s, bool clear)
{
    sqlite3_reset(ST(s));
    if (clear)
        sqlite3_clear_bindings(ST(s));
}

static void sq_bind_text(struct psec_stmt *s, int i, const char *text)
{
    sqlite3_bind_text(ST(s), i, text, -1, SQLITE_TRANSIENT);
}

static void sq_bind_int(struct psec_stmt *s, int i, int64_t v) { sqlite3_bind_int64(ST(s), i, v); }
static void sq_bind_double(struct psec_stmt *s, int i, double v) { sqlite3_bind_double(ST(s), i, v); }
static void sq_bind_null(struct psec_stmt *s, int i) { sqlite3_bind_null(ST(s), i); }

static int sq_step(struct psec_stmt *s, struct psec_err *e)
{
    int rc = sqlite3_step(ST(s));

    if (rc == SQLITE_ROW)
        return PSEC_ROW;
    if (rc == SQLITE_DONE)
        return PSEC_DONE;
    rc = map_rc(s->db, rc, e, "running a statement");
    sqlite3_reset(ST(s));
    return rc;
}

static int sq_columns(struct psec_stmt *s) { return sqlite3_column_count(ST(s)); }
static const char *sq_colname(struct psec_stmt *s, int i) { return sqlite3_column_name(ST(s), i); }

static enum psec_col_kind sq_colkind(struct psec_stmt *s, int i)
{
    switch (sqlite3_column_type(ST(s), i)) {
    case SQLITE_INTEGER: return PSEC_COL_INT;
    case SQLITE_FLOAT: return PSEC_COL_REAL;
    case SQLITE_NULL: return PSEC_COL_NULL;
    default: return PSEC_COL_TEXT;
    }
}

static const char *sq_col_text(struct psec_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(ST(s), i);
}

static int64_t sq_col_int(struct psec_stmt *s, int i) { return sqlite3_column_int64(ST(s), i); }
static double sq_col_double(struct psec_stmt *s, int i) { return sqlite3_column_double(ST(s), i); }
static int64_t sq_changes(struct psec_db *db) { return sqlite3_changes64(H(db)); }
static int64_t sq_last_id(struct psec_db *db) { return sqlite3_last_insert_rowid(H(db)); }

static json_t *sq_tables(struct psec_db *db, struct psec_err *e)
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

/* Appends the names in column col of a catalogue query to arr, once each. */
static int pragma_names(struct psec_db *db, const char *sql, int col, json_t *arr,
                        struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db, sql, e);
    int rc;

    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    while ((rc = psec_stmt_step(st, e)) == PSEC_ROW) {
        const char *v = psec_stmt_col_text(st, col);
        bool seen = false;
        size_t i;
        json_t *x;
        json_array_foreach(arr, i, x) seen = seen || strcmp(json_string_value(x), v) == 0;
        if (!seen)
            json_array_append_new(arr, json_string(v));
    }
    return rc == PSEC_DONE ? PSEC_OK : rc;
}

static json_t *sq_table_info(struct psec_db *db, const char *table, struct psec_err *e)
{
    json_t *o = json_pack("{s:s, s:[], s:[], s:[]}", "name", table, "columns", "primary_key",
                          "references");
    char sql[200];
    struct psec_stmt *st;
    int rc, maxpk = 0;

    if (o == NULL) {
        psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        return NULL;
    }
    snprintf(sql, sizeof sql, "SELECT name, pk FROM pragma_table_info('%s') ORDER BY cid", table);
    if ((rc = pragma_names(db, sql, 0, json_object_get(o, "columns"), e)) != PSEC_OK)
        goto fail;
    snprintf(sql, sizeof sql, "SELECT MAX(pk) FROM pragma_table_info('%s')", table);
    if ((st = psec_db_stmt(db, sql, e)) == NULL || psec_stmt_step(st, e) != PSEC_ROW)
        goto fail;
    maxpk = (int)psec_stmt_col_int(st, 0);
    psec_stmt_run(st, NULL);
    for (int k = 1; k <= maxpk; k++) {
        snprintf(sql, sizeof sql, "SELECT name FROM pragma_table_info('%s') WHERE pk = %d",
                 table, k);
        if ((rc = pragma_names(db, sql, 0, json_object_get(o, "primary_key"), e)) != PSEC_OK)
            goto fail;
    }
    snprintf(sql, sizeof sql, "SELECT \"table\" FROM pragma_foreign_key_list('%s')", table);
    if ((rc = pragma_names(db, sql, 0, json_object_get(o, "references"), e)) != PSEC_OK)
        goto fail;
    return o;
fail:
    json_decref(o);
    return NULL;
}

const struct psec_db_ops psec_db_sqlite_ops = {
    .name = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .schema_version = sq_schema_version,
    .migrate = sq_migrate,
    .exec = sq_exec,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .prepare = sq_prepare,
    .finalize = sq_finalize,
    .reset = sq_reset,
    .bind_text = sq_bind_text,
    .bind_int = sq_bind_int,
    .bind_double = sq_bind_double,
    .bind_null = sq_bind_null,
    .step = sq_step,
    .columns = sq_columns,
    .colname = sq_colname,
    .colkind = sq_colkind,
    .col_text = sq_col_text,
    .col_int = sq_col_int,
    .col_double = sq_col_double,
    .tables = sq_tables,
    .table_info = sq_table_info,
    .changes = sq_changes,
    .last_id = sq_last_id,
};
