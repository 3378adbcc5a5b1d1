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

/* Opens a database named by a path or "sqlite:PATH" (SQLite), or by a
 * "postgresql://..." or "postgres://..." URI (PostgreSQL, libpq syntax),
 * applies pending migrations in one transaction, and refuses a newer schema.
 * On PostgreSQL the database must exist; PSEC_DB_NOCREATE there means "must
 * already hold a portsec schema". Free with psec_db_close(). */
int psec_db_open(struct psec_db **out, const char *uri, int flags, struct psec_err *e);
void psec_db_close(struct psec_db *db);

/* Path or URI the database was opened with (borrowed). */
const char *psec_db_uri(const struct psec_db *db);
int psec_db_schema_version(struct psec_db *db);

/* Runs SQL with no parameters and no result (may hold several statements). */
int psec_db_exec(struct psec_db *db, const char *sql, struct psec_err *e);

/* Transactions nest: only the outermost begin/commit reach the database;
 * a rollback at any depth rolls back the whole transaction. On PostgreSQL a
 * statement that fails inside a transaction spoils the rest of it (later
 * statements and the commit fail), where SQLite would carry on: after an
 * error in a transaction, roll back. */
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
/* What a column of the current row holds; the same on both engines
 * (PostgreSQL booleans are integers 0 and 1, as SQLite has them). */
enum psec_col_kind {
    PSEC_COL_NULL,
    PSEC_COL_INT,
    PSEC_COL_REAL,
    PSEC_COL_TEXT
};
enum psec_col_kind psec_stmt_col_kind(struct psec_stmt *st, int i);

/* Column values are 0-based; text is "" for NULL, valid until next step. */
const char *psec_stmt_col_text(struct psec_stmt *st, int i);
int64_t psec_stmt_col_int(struct psec_stmt *st, int i);
double psec_stmt_col_double(struct psec_stmt *st, int i);

/* Names of the user tables, sorted, as a new JSON array of strings. */
json_t *psec_db_tables(struct psec_db *db, struct psec_err *e);

/* A table as a new object: {"name", "columns": [names in order],
 * "primary_key": [names], "references": [tables its foreign keys name]}. */
json_t *psec_db_table_info(struct psec_db *db, const char *table, struct psec_err *e);

/* After rows went into table with their ids given (a copy), makes the ids
 * the database draws next follow the largest there (PostgreSQL identity
 * sequences; nothing to do on SQLite). */
int psec_db_sync_ids(struct psec_db *db, const char *table, struct psec_err *e);

/* Rows changed by the last statement and the last inserted row id. On
 * PostgreSQL the id is lastval(): the id an identity column drew last. */
int64_t psec_db_changes(struct psec_db *db);
int64_t psec_db_last_id(struct psec_db *db);

/* Steps st to the end and returns its rows as a new JSON array of objects
 * keyed by column name (integers, reals, strings, nulls). NULL on error. */
json_t *psec_stmt_json_rows(struct psec_stmt *st, struct psec_err *e);
/* The first row as a new object, or NULL with PSEC_E_NOTFOUND. */
json_t *psec_stmt_json_row(struct psec_stmt *st, struct psec_err *e);

/* One-key queries, the commonest shape in the store: sql has a single `?`.
 * psec_db_rows_int/_text return every row (new array); psec_db_row_text the
 * first row (new object) or NULL with PSEC_E_NOTFOUND. */
json_t *psec_db_rows_int(struct psec_db *db, const char *sql, int64_t key, struct psec_err *e);
json_t *psec_db_rows_text(struct psec_db *db, const char *sql, const char *key,
                          struct psec_err *e);
json_t *psec_db_row_text(struct psec_db *db, const char *sql, const char *key,
                         struct psec_err *e);

#endif
