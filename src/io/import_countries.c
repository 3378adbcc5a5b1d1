/*
 * import_countries.c — reads the ISO 3166 country list and the ISPS
 * country fields. See import_countries.h.
 *
 * Does not: look anything up in the database (an ISPS row for a country
 * that does not exist is the caller's to report).
 *
 * Verified against real data: data/countries/country-codes.csv (249 rows,
 * datasets/country-codes) reads with no rejected row.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "base/csv.h"
#include "base/str.h"
#include "io/import_countries.h"

static const char *const COL_A2[] = {"ISO3166-1-Alpha-2", "alpha2", "alpha-2", NULL};
static const char *const COL_A3[] = {"ISO3166-1-Alpha-3", "alpha3", "alpha-3", NULL};
static const char *const COL_NUM[] = {"ISO3166-1-numeric", "numeric", "numeric_code",
                                      "country-code", NULL};
static const char *const COL_NAME[] = {"name", "CLDR display name", NULL};
static const char *const COL_OFFICIAL[] = {"official_name", "official_name_en", NULL};
static const char *const COL_REGION[] = {"region", "Region Name", NULL};
static const char *const COL_SUB[] = {"sub_region", "sub-region", "Sub-region Name", NULL};
static const char *const COL_INTER[] = {"Intermediate Region Name", NULL};

static bool upper_letters(const char *s, size_t n)
{
    if (strlen(s) != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isupper((unsigned char)s[i]))
            return false;
    return true;
}

/* Returns PSEC_ROW for a good record, PSEC_OK for a rejected one the sink
 * took, or an error. */
static int country_row(struct psec_csv *c, const int *col, struct psec_io_sink *sink,
                       struct psec_country *r, struct psec_err *e)
{
    char num[16], inter[64];

    memset(r, 0, sizeof *r);
    r->solas = -1;
    if (!psec_io_text(c, col[0], r->alpha2, sizeof r->alpha2, false) ||
        !upper_letters(r->alpha2, 2))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[0]), e,
                               "\"%s\" is not an ISO 3166 alpha-2 code (two capital letters)",
                               psec_csv_field(c, col[0]));
    if (!psec_io_text(c, col[1], r->alpha3, sizeof r->alpha3, false) ||
        !upper_letters(r->alpha3, 3))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[1]), e,
                               "\"%s\" is not an ISO 3166 alpha-3 code (three capital letters)",
                               psec_csv_field(c, col[1]));
    if (!psec_io_text(c, col[2], num, sizeof num, false) ||
        (num[0] != '\0' && (!psec_parse_int(num, &r->numeric_code) || r->numeric_code < 1 ||
                            r->numeric_code > 999)))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[2]), e,
                               "\"%s\" is not an ISO 3166 numeric code (1-999)",
                               psec_csv_field(c, col[2]));
    if (!psec_io_text(c, col[3], r->name, sizeof r->name, true))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[3]), e,
                               "name longer than %zu bytes", sizeof r->name - 1);
    if (!psec_io_text(c, col[4], r->official_name, sizeof r->official_name, true))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[4]), e,
                               "official name longer than %zu bytes",
                               sizeof r->official_name - 1);
    /* CLDR gives "US" and "UK" as display names: an abbreviation is no
     * name for a list, so the official name stands in for it. */
    if (strlen(r->name) <= 3 && r->official_name[0] != '\0')
        psec_strlcpy(r->name, r->official_name, sizeof r->name);
    if (r->name[0] == '\0')
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[3]), e, "the name is empty");
    if (r->official_name[0] == '\0')
        psec_strlcpy(r->official_name, r->name, sizeof r->official_name);
    if (!psec_io_text(c, col[5], r->region, sizeof r->region, true))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[5]), e,
                               "region longer than %zu bytes", sizeof r->region - 1);
    if (!psec_io_text(c, col[6], r->sub_region, sizeof r->sub_region, true))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[6]), e,
                               "sub-region longer than %zu bytes", sizeof r->sub_region - 1);
    /* M49 puts most of Africa and the Americas under broad sub-regions
     * ("Sub-Saharan Africa"); the intermediate region ("Eastern Africa") is
     * the one analysts group by, so it wins when the file has it. */
    if (psec_io_text(c, col[7], inter, sizeof inter, true) && inter[0] != '\0')
        psec_strlcpy(r->sub_region, inter, sizeof r->sub_region);
    return PSEC_ROW;
}

int psec_io_read_countries(FILE *f, const char *name,
                           int (*fn)(void *ctx, const struct psec_country *c, long line,
                                     struct psec_err *e),
                           void *ctx, struct psec_io_sink *sink, struct psec_err *e)
{
    struct psec_csv *c;
    struct psec_country r;
    int col[8], rc;

    if ((rc = psec_io_open_header(f, name, &c, e)) != PSEC_OK)
        return rc;
    if ((rc = psec_io_need_col(c, COL_A2, &col[0], e)) != PSEC_OK ||
        (rc = psec_io_need_col(c, COL_A3, &col[1], e)) != PSEC_OK ||
        (rc = psec_io_need_col(c, COL_NAME, &col[3], e)) != PSEC_OK)
        goto out;
    col[2] = psec_io_col(c, COL_NUM);
    col[4] = psec_io_col(c, COL_OFFICIAL);
    col[5] = psec_io_col(c, COL_REGION);
    col[6] = psec_io_col(c, COL_SUB);
    col[7] = psec_io_col(c, COL_INTER);
    while ((rc = psec_csv_next(c, e)) == PSEC_ROW) {
        if (sink != NULL)
            sink->rows++;
        rc = country_row(c, col, sink, &r, e);
        if (rc == PSEC_ROW)
            rc = fn(ctx, &r, psec_csv_line(c), e);
        if (rc != PSEC_OK)
            goto out;
    }
    if (rc == PSEC_DONE)
        rc = PSEC_OK;
out:
    psec_csv_close(c);
    return rc;
}

/* The "assumed" column lists field names separated by ';' or ','. */
static int isps_row(struct psec_csv *c, const int *col, struct psec_io_sink *sink,
                    struct psec_country *r, struct psec_err *e)
{
    char buf[64], assumed[256], notes[sizeof r->notes];
    int yn;

    memset(r, 0, sizeof *r);
    r->solas = -1;
    if (!psec_io_text(c, col[0], r->alpha2, sizeof r->alpha2, false) ||
        !upper_letters(r->alpha2, 2))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[0]), e,
                               "\"%s\" is not an ISO 3166 alpha-2 code (two capital letters)",
                               psec_csv_field(c, col[0]));
    psec_io_text(c, col[1], buf, sizeof buf, false);
    yn = psec_io_yesno(buf);
    if (yn == -2)
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[1]), e,
                               "\"%s\" is not yes, no or blank", buf);
    r->solas = yn;
    if (!psec_io_text(c, col[2], buf, sizeof buf, false) ||
        (buf[0] != '\0' &&
         (!psec_parse_int(buf, &r->isps_since) || r->isps_since < 1974 || r->isps_since > 2100)))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[2]), e,
                               "\"%s\" is not a year (1974, when SOLAS was adopted, or later)",
                               psec_csv_field(c, col[2]));
    if (!psec_io_text(c, col[3], r->designated_authority, sizeof r->designated_authority, true))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[3]), e,
                               "longer than %zu bytes", sizeof r->designated_authority - 1);
    if (!psec_io_text(c, col[4], r->unit, sizeof r->unit, true))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[4]), e,
                               "longer than %zu bytes", sizeof r->unit - 1);
    if (!psec_io_text(c, col[5], notes, sizeof notes, true))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[5]), e,
                               "longer than %zu bytes", sizeof notes - 1);
    if (!psec_io_text(c, col[6], assumed, sizeof assumed, true))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[6]), e,
                               "longer than %zu bytes", sizeof assumed - 1);
    /* The record has no column for it, so the caveat travels in the notes
     * where every reader of the country sees it. */
    if (assumed[0] != '\0') {
        int n = snprintf(r->notes, sizeof r->notes, "%s%sAssumed, not verified: %s.", notes,
                         notes[0] != '\0' ? " " : "", assumed);
        if (n < 0 || (size_t)n >= sizeof r->notes)
            return psec_io_bad_row(sink, c, psec_csv_colname(c, col[5]), e,
                                   "notes and assumed together longer than %zu bytes",
                                   sizeof r->notes - 1);
    } else {
        psec_strlcpy(r->notes, notes, sizeof r->notes);
    }
    return PSEC_ROW;
}

int psec_io_read_isps(FILE *f, const char *name,
                      int (*fn)(void *ctx, const struct psec_country *c, long line,
                                struct psec_err *e),
                      void *ctx, struct psec_io_sink *sink, struct psec_err *e)
{
    static const char *const A2[] = {"alpha2", "country", "alpha-2", NULL};
    static const char *const SOLAS[] = {"solas", NULL};
    static const char *const SINCE[] = {"isps_since", "since", NULL};
    static const char *const DA[] = {"designated_authority", NULL};
    static const char *const UNIT[] = {"unit", "coordinating_unit", NULL};
    static const char *const NOTES[] = {"notes", NULL};
    static const char *const ASSUMED[] = {"assumed", NULL};
    struct psec_csv *c;
    struct psec_country r;
    int col[7], rc;

    if ((rc = psec_io_open_header(f, name, &c, e)) != PSEC_OK)
        return rc;
    if ((rc = psec_io_need_col(c, A2, &col[0], e)) != PSEC_OK)
        goto out;
    col[1] = psec_io_col(c, SOLAS);
    col[2] = psec_io_col(c, SINCE);
    col[3] = psec_io_col(c, DA);
    col[4] = psec_io_col(c, UNIT);
    col[5] = psec_io_col(c, NOTES);
    col[6] = psec_io_col(c, ASSUMED);
    while ((rc = psec_csv_next(c, e)) == PSEC_ROW) {
        if (sink != NULL)
            sink->rows++;
        rc = isps_row(c, col, sink, &r, e);
        if (rc == PSEC_ROW)
            rc = fn(ctx, &r, psec_csv_line(c), e);
        if (rc != PSEC_OK)
            goto out;
    }
    if (rc == PSEC_DONE)
        rc = PSEC_OK;
out:
    psec_csv_close(c);
    return rc;
}
