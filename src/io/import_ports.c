/*
 * import_ports.c — UN/LOCODE port lists in the Geoapify and the official
 * UNECE layouts. See import_ports.h.
 *
 * Does not: check that the country exists (the caller knows the registry),
 * merge WPI data (import_wpi.c), or read the UNECE subdivision list.
 *
 * Verified against real data: the 17,051 rows of
 * data/ports/unlocode-geoapify-ports.csv, and Parts 2 and 3 of the UNECE
 * 2023-1 release (61,581 rows, ISO-8859-1, of which 8,587 are ports) read
 * with no rejected row (tests/unit/test_import.c when the shared reference data is present).
 */
#include <string.h>

#include "base/csv.h"
#include "base/str.h"
#include "io/import_ports.h"

enum { F_CHANGE, F_COUNTRY, F_LOCATION, F_NAME, F_ASCII, F_SUBDIV, F_FUNCTION, F_STATUS,
       F_LAT, F_LON, F_COORD, F_GEOCODED, F__N };

/* UNECE release column positions (the file has no header to name them). */
static const int UNECE_COL[F__N] = {0, 1, 2, 3, 4, 5, 6, 7, -1, -1, 10, -1};
static const char *const UNECE_NAME[12] = {"Change", "Country", "Location", "Name",
                                           "NameWoDiacritics", "Subdivision", "Function",
                                           "Status", "Date", "IATA", "Coordinates", "Remarks"};

struct layout {
    int col[F__N];
    bool unece;
};

static const char *colname(const struct psec_csv *c, const struct layout *l, int f)
{
    int i = l->col[f];

    if (l->unece)
        return i >= 0 && i < 12 ? UNECE_NAME[i] : "?";
    return psec_csv_colname(c, i);
}

static bool alpha2_ok(const char *s)
{
    return s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] == '\0';
}

static bool locode_part(const char *s)
{
    char code[6] = "AA";

    if (strlen(s) != 3)
        return false;
    memcpy(code + 2, s, 4);
    return psec_locode_valid(code);
}

static int port_row(struct psec_csv *c, const struct layout *l, struct psec_io_sink *sink,
                    struct psec_port *p, struct psec_err *e)
{
    char change[8], loc[8], buf[64];
    const int *col = l->col;
    int k;

    memset(p, 0, sizeof *p);
    psec_io_text(c, col[F_LOCATION], loc, sizeof loc, false);
    psec_io_text(c, col[F_FUNCTION], p->function, sizeof p->function, false);
    if (l->unece) {
        psec_io_text(c, col[F_CHANGE], change, sizeof change, false);
        /* Country headings (".SEYCHELLES") and "A = B" references have no
         * location code; 'X' marks an entry the UNECE is removing. */
        if (loc[0] == '\0' || change[0] == 'X')
            goto skip;
    }
    /* A quote mark left inside a field means the row was quoted wrongly
     * upstream (geoapify/un-locode splits names holding a comma over two
     * fields); every column after it is shifted, so say so rather than
     * complain about whichever shifted value fails first. */
    for (int f = F_NAME; f <= F_STATUS; f++)
        if (strchr(psec_csv_field(c, col[f]), '"') != NULL)
            return psec_io_bad_row(sink, c, colname(c, l, f), e,
                                   "\"%s\" holds a stray quote mark: the row is quoted wrongly "
                                   "(a name with a comma?) and its columns are shifted",
                                   psec_csv_field(c, col[f]));
    if (p->function[0] != '1')
        goto skip;
    if (!psec_io_text(c, col[F_COUNTRY], p->country, sizeof p->country, false) ||
        !alpha2_ok(p->country))
        return psec_io_bad_row(sink, c, colname(c, l, F_COUNTRY), e,
                               "\"%s\" is not an ISO 3166 alpha-2 code (two capital letters)",
                               psec_csv_field(c, col[F_COUNTRY]));
    if (!locode_part(loc))
        return psec_io_bad_row(sink, c, colname(c, l, F_LOCATION), e,
                               "\"%s\" is not a UN/LOCODE location (three of A-Z, 2-9)",
                               psec_csv_field(c, col[F_LOCATION]));
    memcpy(p->locode, p->country, 2);
    memcpy(p->locode + 2, loc, 4);
    if (strlen(psec_csv_field(c, col[F_FUNCTION])) > 8 ||
        strspn(p->function, "0123456789B-") != strlen(p->function))
        return psec_io_bad_row(sink, c, colname(c, l, F_FUNCTION), e,
                               "\"%s\" is not a UN/LOCODE function classifier",
                               psec_csv_field(c, col[F_FUNCTION]));
    if (!psec_io_text(c, col[F_NAME], p->name, sizeof p->name, true))
        return psec_io_bad_row(sink, c, colname(c, l, F_NAME), e, "name longer than %zu bytes",
                               sizeof p->name - 1);
    if (p->name[0] == '\0')
        return psec_io_bad_row(sink, c, colname(c, l, F_NAME), e, "the name is empty");
    if (!psec_io_text(c, col[F_ASCII], p->name_ascii, sizeof p->name_ascii, true))
        return psec_io_bad_row(sink, c, colname(c, l, F_ASCII), e,
                               "name longer than %zu bytes", sizeof p->name_ascii - 1);
    if (!psec_io_text(c, col[F_SUBDIV], p->subdivision, sizeof p->subdivision, false))
        return psec_io_bad_row(sink, c, colname(c, l, F_SUBDIV), e,
                               "\"%s\" is not a subdivision code (at most 3 characters)",
                               psec_csv_field(c, col[F_SUBDIV]));
    if (!psec_io_text(c, col[F_STATUS], p->status, sizeof p->status, false))
        return psec_io_bad_row(sink, c, colname(c, l, F_STATUS), e,
                               "\"%s\" is not a status code (two characters)",
                               psec_csv_field(c, col[F_STATUS]));
    if (l->unece) {
        k = psec_io_ddmm(psec_csv_field(c, col[F_COORD]), &p->lat, &p->lon);
        if (k == -2)
            return psec_io_bad_row(sink, c, colname(c, l, F_COORD), e,
                                   "\"%s\" has minutes of 60 or more",
                                   psec_csv_field(c, col[F_COORD]));
        if (k < 0)
            return psec_io_bad_row(sink, c, colname(c, l, F_COORD), e,
                                   "\"%s\" is not a position like \"0437S 05527E\"",
                                   psec_csv_field(c, col[F_COORD]));
        p->has_pos = k == 1;
        psec_strlcpy(p->coord_source, p->has_pos ? "unlocode" : "", sizeof p->coord_source);
    } else {
        const char *slat = psec_csv_field(c, col[F_LAT]), *slon = psec_csv_field(c, col[F_LON]);
        int a = psec_io_lat(slat, &p->lat), b = psec_io_lon(slon, &p->lon);
        if (a < 0)
            return psec_io_bad_row(sink, c, colname(c, l, F_LAT), e,
                                   "\"%s\" is not a latitude (-90 to 90)", slat);
        if (b < 0)
            return psec_io_bad_row(sink, c, colname(c, l, F_LON), e,
                                   "\"%s\" is not a longitude (-180 to 180)", slon);
        if (a != b)
            return psec_io_bad_row(sink, c, colname(c, l, a ? F_LON : F_LAT), e,
                                   "latitude and longitude go together: one is blank");
        p->has_pos = a == 1;
        psec_io_text(c, col[F_GEOCODED], buf, sizeof buf, false);
        psec_strlcpy(p->coord_source,
                     !p->has_pos ? "" : psec_io_yesno(buf) == 1 ? "geocoded" : "unlocode",
                     sizeof p->coord_source);
    }
    return PSEC_ROW;
skip:
    if (sink != NULL && sink->skipped != NULL)
        sink->skipped(sink->ctx, psec_csv_line(c));
    return PSEC_OK;
}

static int detect(struct psec_csv *c, struct layout *l, bool *first_is_data, struct psec_err *e)
{
    static const char *const names[F__N] = {"change", "country", "location", "name",
                                            "nameWoDiacritics", "subdivision", "function",
                                            "status", "lat", "lon", "coordinates", "geocoded"};
    int rc;

    if (psec_strcasecmp(psec_csv_field(c, 0), "country") == 0 ||
        psec_strcasecmp(psec_csv_field(c, 1), "country") == 0) {
        if ((rc = psec_csv_set_header(c, e)) != PSEC_OK)
            return rc;
        l->unece = false;
        for (int f = 0; f < F__N; f++)
            l->col[f] = psec_csv_col(c, names[f]);
        for (int f = F_COUNTRY; f <= F_FUNCTION; f++)
            if (l->col[f] < 0 && f != F_ASCII && f != F_SUBDIV && f != F_STATUS)
                return psec_err_set(e, PSEC_E_INVALID, "%s:1: column %s: missing from the header",
                                    psec_csv_name(c), names[f]);
        if (l->col[F_LAT] < 0 || l->col[F_LON] < 0)
            return psec_err_set(e, PSEC_E_INVALID,
                                "%s:1: column lat: missing from the header (lat and lon)",
                                psec_csv_name(c));
        *first_is_data = false;
        return PSEC_OK;
    }
    if (psec_csv_nfields(c) < 11)
        return psec_err_set(e, PSEC_E_INVALID,
                            "%s:1: not a UN/LOCODE file: expected the header "
                            "\"country,location,name,...\" or the twelve columns of the UNECE "
                            "release, found %d column%s",
                            psec_csv_name(c), psec_csv_nfields(c),
                            psec_csv_nfields(c) == 1 ? "" : "s");
    l->unece = true;
    memcpy(l->col, UNECE_COL, sizeof l->col);
    *first_is_data = true;
    return PSEC_OK;
}

int psec_io_read_ports(FILE *f, const char *name,
                       int (*fn)(void *ctx, const struct psec_port *p, long line,
                                 struct psec_err *e),
                       void *ctx, struct psec_io_sink *sink, struct psec_err *e)
{
    struct psec_csv *c = psec_csv_open(f, name, ',');
    struct psec_port p;
    struct layout l;
    bool data = false;
    int rc;

    if (c == NULL)
        return psec_err_set(e, PSEC_E_NOMEM, "%s: out of memory", name);
    rc = psec_csv_next(c, e);
    if (rc == PSEC_DONE)
        rc = psec_err_set(e, PSEC_E_INVALID, "%s: the file is empty", name);
    if (rc != PSEC_ROW)
        goto out;
    if ((rc = detect(c, &l, &data, e)) != PSEC_OK)
        goto out;
    if (!data)
        rc = psec_csv_next(c, e);
    else
        rc = PSEC_ROW;
    for (; rc == PSEC_ROW; rc = psec_csv_next(c, e)) {
        if (sink != NULL)
            sink->rows++;
        rc = port_row(c, &l, sink, &p, e);
        if (rc == PSEC_ROW)
            rc = fn(ctx, &p, psec_csv_line(c), e);
        if (rc != PSEC_OK)
            goto out;
    }
    if (rc == PSEC_DONE)
        rc = PSEC_OK;
out:
    psec_csv_close(c);
    return rc;
}
