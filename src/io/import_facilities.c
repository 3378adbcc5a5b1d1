/*
 * import_facilities.c — port facilities in the GISIS download layout. See
 * import_facilities.h.
 *
 * Does not: check the port or the country against the registry (the caller
 * does), or fetch anything from GISIS (its terms do not allow
 * redistribution; operators import their own download).
 *
 * Verified against real data: none public exists. The layout is taken from
 * the column list in data/facilities/PROVENANCE.md (from IMO GISIS);
 * data/facilities/demo-facilities.csv and tests/import/ are synthetic rows in
 * it.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/str.h"
#include "base/time.h"
#include "io/import_facilities.h"

enum { C_COUNTRY, C_PORT, C_NAME, C_NUMBER, C_DESC, C_LON, C_LAT, C_APPROVED, C_SOC_ISSUE,
       C_WITHDRAWN, C_TYPE, C_PFSO, C_CONTACT, C_PFSA, C_SOC_EXPIRY, C_STATUS, C__N };

static int date_field(struct psec_csv *c, const int *col, int k, struct psec_io_sink *sink,
                      char out[11], int *got, struct psec_err *e)
{
    const char *s = psec_csv_field(c, col[k]);

    *got = psec_io_date(s, out);
    if (*got < 0)
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[k]), e,
                               "\"%s\" is not a date (YYYY-MM-DD)", s);
    return PSEC_ROW;
}

static int facility_row(struct psec_csv *c, const int *col, struct psec_io_sink *sink,
                        struct psec_io_facility *r, struct psec_err *e)
{
    struct psec_facility *f = &r->f;
    struct psec_err why;
    char soc_issue[11], buf[32], num[64];
    const char *slat, *slon;
    int rc, got, a, b, yn;

    memset(r, 0, sizeof *r);
    if (!psec_io_text(c, col[C_NUMBER], num, sizeof num, false))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[C_NUMBER]), e,
                               "too long for an IMO port facility number (CCLLL-NNNN)");
    if (num[0] == '\0')
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[C_NUMBER]), e,
                               "the IMO port facility number is empty");
    if (psec_facility_number_check(num, &why) != PSEC_OK)
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[C_NUMBER]), e, "%s", why.msg);
    psec_strlcpy(f->number, num, sizeof f->number);
    memcpy(f->port, f->number, 5);
    f->port[5] = '\0';
    if (!psec_io_text(c, col[C_COUNTRY], r->country, sizeof r->country, false) ||
        (r->country[0] != '\0' && strlen(r->country) < 2))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[C_COUNTRY]), e,
                               "\"%s\" is not an ISO 3166 country code",
                               psec_csv_field(c, col[C_COUNTRY]));
    psec_upper(r->country);
    if (strlen(r->country) == 2 && memcmp(r->country, f->number, 2) != 0)
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[C_COUNTRY]), e,
                               "country %s does not match facility number %s", r->country,
                               f->number);
    if (!psec_io_text(c, col[C_PORT], r->port_name, sizeof r->port_name, true))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[C_PORT]), e,
                               "port name longer than %zu bytes", sizeof r->port_name - 1);
    if (!psec_io_text(c, col[C_NAME], f->name, sizeof f->name, true))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[C_NAME]), e,
                               "name longer than %zu bytes", sizeof f->name - 1);
    if (f->name[0] == '\0')
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[C_NAME]), e,
                               "the facility name is empty");
    if (!psec_io_text(c, col[C_DESC], f->description, sizeof f->description, true))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[C_DESC]), e,
                               "description longer than %zu bytes", sizeof f->description - 1);
    slat = psec_csv_field(c, col[C_LAT]);
    slon = psec_csv_field(c, col[C_LON]);
    a = psec_io_lat(slat, &f->lat);
    b = psec_io_lon(slon, &f->lon);
    if (a < 0)
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[C_LAT]), e,
                               "\"%s\" is not a latitude (-90 to 90)", slat);
    if (b < 0)
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[C_LON]), e,
                               "\"%s\" is not a longitude (-180 to 180)", slon);
    if (a != b)
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[a ? C_LON : C_LAT]), e,
                               "latitude and longitude go together: one is blank");
    f->has_pos = a == 1;
    if ((rc = date_field(c, col, C_APPROVED, sink, f->pfsp_approved, &got, e)) != PSEC_ROW ||
        (rc = date_field(c, col, C_PFSA, sink, f->pfsa_date, &got, e)) != PSEC_ROW ||
        (rc = date_field(c, col, C_SOC_EXPIRY, sink, f->soc_expiry, &got, e)) != PSEC_ROW ||
        (rc = date_field(c, col, C_SOC_ISSUE, sink, soc_issue, &got, e)) != PSEC_ROW)
        return rc;
    if (f->soc_expiry[0] == '\0' && got == 1) {
        int64_t days;
        psec_date_parse(soc_issue, &days);
        psec_date_format(psec_date_add_months(days, 60), f->soc_expiry, sizeof f->soc_expiry);
    }
    if (!psec_io_text(c, col[C_TYPE], f->type, sizeof f->type, true))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[C_TYPE]), e,
                               "type longer than %zu bytes", sizeof f->type - 1);
    if (!psec_io_text(c, col[C_PFSO], f->pfso_name, sizeof f->pfso_name, true))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[C_PFSO]), e,
                               "longer than %zu bytes", sizeof f->pfso_name - 1);
    if (!psec_io_text(c, col[C_CONTACT], f->pfso_contact, sizeof f->pfso_contact, true))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[C_CONTACT]), e,
                               "longer than %zu bytes", sizeof f->pfso_contact - 1);
    psec_io_text(c, col[C_WITHDRAWN], buf, sizeof buf, false);
    yn = psec_io_yesno(buf);
    if (yn == -2)
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[C_WITHDRAWN]), e,
                               "\"%s\" is not yes, no or blank", buf);
    if (!psec_io_text(c, col[C_STATUS], f->status, sizeof f->status, false))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[C_STATUS]), e,
                               "\"%s\" is not a status (active, withdrawn, ...)",
                               psec_csv_field(c, col[C_STATUS]));
    for (char *s = f->status; *s != '\0'; s++)
        *s = (char)tolower((unsigned char)*s);
    if (f->status[0] == '\0')
        psec_strlcpy(f->status, yn == 1 ? "withdrawn" : "active", sizeof f->status);
    return PSEC_ROW;
}

int psec_io_read_facilities(FILE *f, const char *name,
                            int (*fn)(void *ctx, const struct psec_io_facility *r, long line,
                                      struct psec_err *e),
                            void *ctx, struct psec_io_sink *sink, struct psec_err *e)
{
    static const char *const NAMES[C__N][2] = {
        {"Country Code", NULL},
        {"Port Name", NULL},
        {"Facility Name", NULL},
        {"IMO Port Facility Number", NULL},
        {"Description", NULL},
        {"Longitude", NULL},
        {"Latitude", NULL},
        {"Initial Approval Date", NULL},
        {"SoC Issue Date", NULL},
        {"Security Plan Withdrawn?", NULL},
        {"Facility Type", NULL},
        {"PFSO Name", NULL},
        {"PFSO Contact", NULL},
        {"PFSA Date", NULL},
        {"SoC Expiry Date", NULL},
        {"Status", NULL},
    };
    struct psec_csv *c;
    struct psec_io_facility *r;
    int col[C__N], rc;

    if ((rc = psec_io_open_header(f, name, &c, e)) != PSEC_OK)
        return rc;
    if ((r = malloc(sizeof *r)) == NULL) {
        psec_csv_close(c);
        return psec_err_set(e, PSEC_E_NOMEM, "%s: out of memory", name);
    }
    if ((rc = psec_io_need_col(c, NAMES[C_NUMBER], &col[C_NUMBER], e)) != PSEC_OK ||
        (rc = psec_io_need_col(c, NAMES[C_NAME], &col[C_NAME], e)) != PSEC_OK)
        goto out;
    for (int k = 0; k < C__N; k++)
        if (k != C_NUMBER && k != C_NAME)
            col[k] = psec_io_col(c, NAMES[k]);
    while ((rc = psec_csv_next(c, e)) == PSEC_ROW) {
        if (sink != NULL)
            sink->rows++;
        rc = facility_row(c, col, sink, r, e);
        if (rc == PSEC_ROW)
            rc = fn(ctx, r, psec_csv_line(c), e);
        if (rc != PSEC_OK)
            goto out;
    }
    if (rc == PSEC_DONE)
        rc = PSEC_OK;
out:
    free(r);
    psec_csv_close(c);
    return rc;
}
