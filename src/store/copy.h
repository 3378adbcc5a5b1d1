/*
 * copy.h (store) — table-at-a-time access for moving a whole database
 * between backends (portsec db copy): tables in foreign-key order, every
 * row of a table as text, and inserting such a row. The SQL is built from
 * the catalogue (psec_db_table_info), so new migrations need nothing here.
 */
#ifndef PORTSEC_STORE_COPY_H
#define PORTSEC_STORE_COPY_H

#include <jansson.h>

#include "store/db.h"

/* The tables as psec_db_table_info() objects, each after the tables its
 * foreign keys name (self-references aside). New array; NULL on error. */
json_t *psec_store_tables_ordered(struct psec_db *db, struct psec_err *e);

/* Calls fn for every row of the table described by info, in primary-key
 * order, with its n values as text (NULL for NULL): integers in decimal,
 * reals with 17 significant digits, so that both engines render a value
 * alike. A non-zero return from fn stops the scan and is returned. */
int psec_store_table_scan(struct psec_db *db, const json_t *info,
                          int (*fn)(void *ctx, int n, const char *const *vals), void *ctx,
                          struct psec_err *e);

/* Inserts one row (values as psec_store_table_scan gives them) into the
 * table described by info, column for column. */
int psec_store_row_insert(struct psec_db *db, const json_t *info, int n,
                          const char *const *vals, struct psec_err *e);

#endif
