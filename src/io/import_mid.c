/*
 * import_mid.c — ITU Maritime Identification Digits and the MID-to-country
 * mapping file. See import_mid.h.
 *
 * Does not: match ITU names to countries (src/app/import.c does, against the
 * registry, with the mapping file for what names cannot settle).
 *
 * Verified against real data: the 294 rows of
 * data/mid/itu-maritime-identification-digits.csv read with no rejected row.
 */
#include <ctype.h>
#include <string.h>

#include "base/csv.h"
#include "base/str.h"
#include "io/import_mid.h"

static int mid_row(struct psec_csv *c, const int *col, struct psec_io_sink *sink,
                   struct psec_mid *m, bool need_name, struct psec_err *e)
{
    char buf[16];

    memset(m, 0, sizeof *m);
    /* MIDs are the first digit 2-7 of an MMSI plus two more (ITU-R M.585). */
    if (!psec_io_text(c, col[0], buf, sizeof buf, false) || strlen(buf) != 3 ||
        !psec_parse_int(buf, &m->mid) || m->mid < 201 || m->mid > 775)
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[0]), e,
                               "\"%s\" is not a Maritime Identification Digit (201-775)",
                               psec_csv_field(c, col[0]));
    if (!psec_io_text(c, col[1], m->allocated_to, sizeof m->allocated_to, true))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[1]), e,
                               "longer than %zu bytes", sizeof m->allocated_to - 1);
    if (need_name && m->allocated_to[0] == '\0')
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[1]), e,
                               "the allocation names nobody");
    if (!psec_io_text(c, col[2], m->country, sizeof m->country, false) ||
        (m->country[0] != '\0' &&
         (!isupper((unsigned char)m->country[0]) || !isupper((unsigned char)m->country[1]))))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[2]), e,
                               "\"%s\" is not an ISO 3166 alpha-2 code (two capital letters)",
                               psec_csv_field(c, col[2]));
    return PSEC_ROW;
}

static int read_any(FILE *f, const char *name, bool map,
                    int (*fn)(void *ctx, const struct psec_mid *m, long line,
                              struct psec_err *e),
                    void *ctx, struct psec_io_sink *sink, struct psec_err *e)
{
    static const char *const MID[] = {"MID", NULL};
    static const char *const ALLOC[] = {"Allocated_to", "allocated_to", NULL};
    static const char *const CC[] = {"alpha2", "country", NULL};
    struct psec_csv *c;
    struct psec_mid m;
    int col[3], rc;

    if ((rc = psec_io_open_header(f, name, &c, e)) != PSEC_OK)
        return rc;
    if ((rc = psec_io_need_col(c, MID, &col[0], e)) != PSEC_OK)
        goto out;
    if (map) {
        if ((rc = psec_io_need_col(c, CC, &col[2], e)) != PSEC_OK)
            goto out;
        col[1] = psec_io_col(c, ALLOC);
    } else {
        if ((rc = psec_io_need_col(c, ALLOC, &col[1], e)) != PSEC_OK)
            goto out;
        col[2] = psec_io_col(c, CC);
    }
    while ((rc = psec_csv_next(c, e)) == PSEC_ROW) {
        if (sink != NULL)
            sink->rows++;
        rc = mid_row(c, col, sink, &m, !map, e);
        if (rc == PSEC_ROW)
            rc = fn(ctx, &m, psec_csv_line(c), e);
        if (rc != PSEC_OK)
            goto out;
    }
    if (rc == PSEC_DONE)
        rc = PSEC_OK;
out:
    psec_csv_close(c);
    return rc;
}

int psec_io_read_mid(FILE *f, const char *name,
                     int (*fn)(void *ctx, const struct psec_mid *m, long line,
                               struct psec_err *e),
                     void *ctx, struct psec_io_sink *sink, struct psec_err *e)
{
    return read_any(f, name, false, fn, ctx, sink, e);
}

int psec_io_read_mid_map(FILE *f, const char *name,
                         int (*fn)(void *ctx, const struct psec_mid *m, long line,
                                   struct psec_err *e),
                         void *ctx, struct psec_io_sink *sink, struct psec_err *e)
{
    return read_any(f, name, true, fn, ctx, sink, e);
}
