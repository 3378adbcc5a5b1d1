/*
 * csv.h — a streaming RFC 4180 reader: quoted fields, doubled quotes,
 * newlines inside quotes, CRLF or LF, an optional UTF-8 byte-order mark.
 * Records are capped (PSEC_CSV_MAX_RECORD, PSEC_CSV_MAX_FIELDS) so a bad
 * file cannot grow memory without bound.
 */
#ifndef PORTSEC_BASE_CSV_H
#define PORTSEC_BASE_CSV_H

#include <stdbool.h>
#include <stdio.h>

#include "portsec/error.h"

struct psec_csv;

/* Reads from f (borrowed). name is used in messages ("ports.csv"). */
struct psec_csv *psec_csv_open(FILE *f, const char *name, char delim);
void psec_csv_close(struct psec_csv *c);

/* Reads the next record. Returns PSEC_ROW, PSEC_DONE, or an error with
 * "NAME:LINE: reason" in e. Fields stay valid until the next call. */
int psec_csv_next(struct psec_csv *c, struct psec_err *e);

int psec_csv_nfields(const struct psec_csv *c);
/* Field i of the current record ("" when i is past the end). */
const char *psec_csv_field(const struct psec_csv *c, int i);
/* Physical line on which the current record starts (1-based). */
long psec_csv_line(const struct psec_csv *c);
const char *psec_csv_name(const struct psec_csv *c);

/* Takes the current record as the header. */
int psec_csv_set_header(struct psec_csv *c, struct psec_err *e);
/* Column index of a header name (exact, then case-insensitive), or -1. */
int psec_csv_col(const struct psec_csv *c, const char *name);
/* Header name of column i, or "?". */
const char *psec_csv_colname(const struct psec_csv *c, int i);
/* Field by header name; "" when absent. */
const char *psec_csv_get(const struct psec_csv *c, const char *name);

#endif
