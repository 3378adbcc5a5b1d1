/*
 * dbcopy.h (app) — moving a whole portsec database from one backend to the
 * other (portsec db copy), and the per-table checksums that verify it.
 */
#ifndef PORTSEC_APP_DBCOPY_H
#define PORTSEC_APP_DBCOPY_H

#include <jansson.h>

#include "store/db.h"

/*
 * Rows and a checksum per table as a new array of {"table", "rows",
 * "sha256"}. The checksum is SHA-256 over the table's column names and the
 * sorted SHA-256 digests of its rows, each row rendered as text (NULL as
 * \N, integers in decimal, reals to 17 digits, fields tab-separated): the
 * same data gives the same sum on SQLite and PostgreSQL, whatever order or
 * collation either engine returns rows in.
 */
json_t *psec_app_db_sums(struct psec_db *db, struct psec_err *e);

/*
 * Copies every table of the database at from into the database at to
 * (created and migrated when need be; it must hold no rows), in foreign-key
 * order, in one transaction on the target. Before committing, every table
 * is read back from the target and its row count and checksum compared with
 * the source's; any difference rolls the whole copy back. Both must be at
 * the same schema version. Returns {"from", "to", "rows", "tables": [...]}
 * as psec_app_db_sums() gives them.
 */
json_t *psec_app_db_copy(const char *from, const char *to, struct psec_err *e);

#endif
