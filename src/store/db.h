/*
 * db.h — the one database interface portsec uses. No backend types leak
 * out of it: SQLite today (db_sqlite.c), PostgreSQL later beside it.
 *
 * SQL written against it is portable: `?` placeholders, INTEGER/REAL/TEXT,
 * no backend-only functions. Only files in src/store/ include this header.
 */
#ifndef PORTSEC_STORE_DB_H
#define PORTSEC_STORE_DB_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "portsec/error.h"

struct psec_db;
struct psec_stmt;

enum psec_db_flags {
    PSEC_DB_READONLY = 1,   /* open read-only; no migrations */
    PSEC_DB_NOCREATE = 2    /* fail when the database does not exist */
};

/* Opens a database named by a path or "sqlite:PATH", applies pending
 * migrations in one transaction, and refuses a newer schema. Free with
 * psec_db_close(). */
int psec_db_open(struct psec_db **out, const char *uri, int flags, struct psec_err *e);
void psec_db_close(struct psec_db *db);

/* Path or URI the database was opened with (borrowed). */
const char *psec_db_uri(const struct psec_db *db);
int psec_db_schema_version(struct psec_db *db);

/* Runs SQL with no parameters and no result (may hold several statements). */
int psec_db_exec(struct psec_db *db, const char *sql, struct psec_err *e);

/* Transactions nest: only the outermost begin/commit reach the database;
 * a rollback at any depth rolls back the whole transaction. */
int psec_db_begin(struct psec_db *db, struct psec_err *e);
int psec_db_commit(struct psec_db *db, struct psec_err *e);
void psec_db_rollback(struct psec_db *db);

/*
 * Returns a prepared statement for sql, cached on the handle (keyed by the
 * SQL text, which is copied). The statement is reset
 * and its bindings cleared; borrowed until psec_db_close().
 */
struct psec_stmt *psec_db_stmt(struct psec_db *db, const char *sql, struct psec_err *e);

/*
 * Resets every cached statement, ending the read transaction a statement
 * left unfinished (stepped to a row, never to the end) would hold. A server
 * calls it after each request: a handle that keeps an old read snapshot
 * cannot start a write once another handle has committed (SQLITE_BUSY at
 * once, whatever the busy timeout).
 */
void psec_db_release(struct psec_db *db);

/* Bindings are 1-based. text NULL binds NULL. */
void psec_stmt_text(struct psec_stmt *st, int i, const char *text);
void psec_stmt_int(struct psec_stmt *st, int i, int64_t v);
void psec_stmt_double(struct psec_stmt *st, int i, double v);
void psec_stmt_null(struct psec_stmt *st, int i);

/* PSEC_ROW, PSEC_DONE, or an error (PSEC_E_CONFLICT for a unique or
 * foreign-key violation, PSEC_E_BUSY for a lock, PSEC_E_READONLY). */
int psec_stmt_step(struct psec_stmt *st, struct psec_err *e);
/* Step to completion; returns PSEC_OK or an error. */
int psec_stmt_run(struct psec_stmt *st, struct psec_err *e);

int psec_stmt_columns(struct psec_stmt *st);
const char *psec_stmt_colname(struct psec_stmt *st, int i);
bool psec_stmt_isnull(struct psec_stmt *st, int i);
/* Column values are 0-based; text is "" for NULL, valid until next step. */
const char *psec_stmt_col_text(struct psec_stmt *st, int i);
int64_t psec_stmt_col_int(struct psec_stmt *st, int i);
double psec_stmt_col_double(struct psec_stmt *st, int i);

/* Names of the user tables, sorted, as a new JSON array of strings. */
json_t *psec_db_tables(struct psec_db *db, struct psec_err *e);

/* Rows changed by the last statement and the last inserted row id. */
int64_t psec_db_changes(struct psec_db *db);
int64_t psec_db_last_id(struct psec_db *db);

/* Steps st to the end and returns its rows as a new JSON array of objects
 * keyed by column name (integers, reals, strings, nulls). NULL on error. */
json_t *psec_stmt_json_rows(struct psec_stmt *st, struct psec_err *e);
/* The first row as a new object, or NULL with PSEC_E_NOTFOUND. */
json_t *psec_stmt_json_row(struct psec_stmt *st, struct psec_err *e);

#endif
