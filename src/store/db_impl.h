/*
 * db_impl.h — what a database backend supplies to db.c, the front of db.h.
 *
 * db.c owns everything both engines share: choosing the backend by URI,
 * the statement cache, transaction nesting, stepping to completion and the
 * JSON rendering of rows. A backend (db_sqlite.c, db_pg.c) supplies only the
 * engine calls below. Internal to src/store/: nothing outside includes it.
 */
#ifndef PORTSEC_STORE_DB_IMPL_H
#define PORTSEC_STORE_DB_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/limits.h"
#include "store/db.h"

struct psec_db_ops {
    const char *name;
    /* Opens db->impl for target (the URI without any "sqlite:" prefix). */
    int (*open)(struct psec_db *db, const char *target, int flags, struct psec_err *e);
    /* Optional: told before the cached statements are finalized at close. */
    void (*closing)(struct psec_db *db);
    void (*close)(struct psec_db *db);
    int (*schema_version)(struct psec_db *db, int *ver, struct psec_err *e);
    /* Brings the schema up to date in one transaction (not called read-only). */
    int (*migrate)(struct psec_db *db, struct psec_err *e);
    int (*exec)(struct psec_db *db, const char *sql, const char *what, struct psec_err *e);
    /* The outermost transaction: begin, commit (rolls back and fails when
     * the engine already aborted it), rollback. */
    int (*begin)(struct psec_db *db, struct psec_err *e);
    int (*commit)(struct psec_db *db, struct psec_err *e);
    void (*rollback)(struct psec_db *db);

    /* Statements: st->sql is set; prepare fills st->impl. */
    int (*prepare)(struct psec_stmt *st, struct psec_err *e);
    void (*finalize)(struct psec_stmt *st);
    /* Forgets the current result and (when clear) the bindings. */
    void (*reset)(struct psec_stmt *st, bool clear);
    void (*bind_text)(struct psec_stmt *st, int i, const char *text);
    void (*bind_int)(struct psec_stmt *st, int i, int64_t v);
    void (*bind_double)(struct psec_stmt *st, int i, double v);
    void (*bind_null)(struct psec_stmt *st, int i);
    /* PSEC_ROW, PSEC_DONE or an error; after an error the statement is reset. */
    int (*step)(struct psec_stmt *st, struct psec_err *e);
    int (*columns)(struct psec_stmt *st);
    const char *(*colname)(struct psec_stmt *st, int i);
    enum psec_col_kind (*colkind)(struct psec_stmt *st, int i);
    const char *(*col_text)(struct psec_stmt *st, int i);   /* NULL for NULL */
    int64_t (*col_int)(struct psec_stmt *st, int i);
    double (*col_double)(struct psec_stmt *st, int i);

    json_t *(*tables)(struct psec_db *db, struct psec_err *e);
    json_t *(*table_info)(struct psec_db *db, const char *table, struct psec_err *e);
    int (*sync_ids)(struct psec_db *db, const char *table, struct psec_err *e);
    int64_t (*changes)(struct psec_db *db);
    int64_t (*last_id)(struct psec_db *db);
};

struct psec_stmt {
    struct psec_db *db;
    char *sql;              /* our own copy: callers may pass built strings */
    size_t len;
    void *impl;             /* the backend's statement */
};

struct psec_db {
    const struct psec_db_ops *ops;
    char *uri;              /* as shown in messages (no password) */
    int flags;
    int depth;              /* transaction nesting */
    bool failed;            /* a nested rollback happened */
    int nstmt;
    struct psec_stmt *stmts[PSEC_STMT_CACHE];   /* oldest first */
    void *impl;             /* the backend's connection */
};

extern const struct psec_db_ops psec_db_sqlite_ops;
extern const struct psec_db_ops psec_db_pg_ops;

#endif
