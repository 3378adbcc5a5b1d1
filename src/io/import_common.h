/*
 * import_common.h — what every reference-data reader in src/io/import_*.c
 * shares: how a bad row is reported (stop, or pass over it and tell the
 * caller), and the field checks they all need (coordinates in decimal or
 * UN/LOCODE DDMM form, bounded text, header columns under several names).
 *
 * What it does not: open files, touch the database, or decide policy — the
 * caller (src/app/import.c) chooses all-or-nothing or skip-invalid by
 * setting or leaving out the reject callback.
 */
#ifndef PORTSEC_IO_IMPORT_COMMON_H
#define PORTSEC_IO_IMPORT_COMMON_H

#include <stdbool.h>
#include <stddef.h>

#include "base/csv.h"
#include "portsec/error.h"

/*
 * Where a reader sends what is not a good row. With reject == NULL the
 * first bad row stops the reader with PSEC_E_INVALID and the message
 * "FILE:LINE: column NAME: reason". With reject set, the reader calls it and
 * goes on; a non-zero return (an error code) stops the reader with that code.
 * skipped (may be NULL) hears about rows deliberately passed over (a
 * UN/LOCODE entry that is not a sea port, a country heading row).
 */
struct psec_io_sink {
    void *ctx;
    int (*reject)(void *ctx, long line, const char *column, const char *reason);
    void (*skipped)(void *ctx, long line);
    long rows;          /* data rows read so far (filled by the reader) */
};

/* Reports a bad row: returns PSEC_OK when the sink takes it (skip-invalid)
 * and the reader should go on, or an error code (e filled) to stop. */
int psec_io_bad_row(const struct psec_io_sink *sink, const struct psec_csv *c,
                    const char *column, struct psec_err *e, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Fills e with "FILE:LINE: column NAME: reason" and returns PSEC_E_INVALID. */
int psec_io_row_error(struct psec_err *e, const char *file, long line, const char *column,
                      const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Opens a CSV reader (',' delimited) on f and takes the first record as
 * the header. *out is freed with psec_csv_close(). PSEC_E_INVALID for an
 * empty file, PSEC_E_NOMEM. */
int psec_io_open_header(FILE *f, const char *name, struct psec_csv **out, struct psec_err *e);

/* Sets *idx to the first of names in the header; fails with
 * "FILE:1: column NAMES[0]: missing from the header" when none is. */
int psec_io_need_col(const struct psec_csv *c, const char *const *names, int *idx,
                     struct psec_err *e);

/* Column index of the first of names (NULL-terminated) in the header, or -1. */
int psec_io_col(const struct psec_csv *c, const char *const *names);

/* Field i trimmed of blanks into buf; "" when i < 0. Returns false (and
 * leaves buf truncated) when it does not fit, so callers can reject the row
 * rather than store a cut name. Converts ISO-8859-1 to UTF-8 when utf8. */
bool psec_io_text(const struct psec_csv *c, int i, char *buf, size_t size, bool utf8);

/* Decimal degrees. Returns 1 parsed, 0 blank, -1 not a number or out of range. */
int psec_io_lat(const char *s, double *out);
int psec_io_lon(const char *s, double *out);

/* UN/LOCODE coordinates "DDMMN DDDMME" (e.g. "0437S 05527E"). Returns 1
 * parsed, 0 blank, -1 malformed or out of range, -2 minutes of 60 or more
 * (the UNECE 2023-1 release has 20 such, e.g. "5239N 00170W"). */
int psec_io_ddmm(const char *s, double *lat, double *lon);

/* "YYYY-MM-DD", or a date-time whose date part is one, into out (11 bytes)
 * normalised to YYYY-MM-DD. Returns 1 parsed, 0 blank, -1 not a date. */
int psec_io_date(const char *s, char out[11]);

/* Yes/no fields: "yes", "y", "true", "1" / "no", "n", "false", "0".
 * Returns 1, 0, -1 blank or "unknown", -2 anything else. */
int psec_io_yesno(const char *s);

#endif
