/*
 * import_wpi.c — World Port Index reader. See import_wpi.h.
 *
 * Does not: match entries to ports (the caller does, against the registry)
 * or keep the columns portsec has no use for yet.
 *
 * Verified against real data: all 3,805 rows of UpdatedPub150.csv (the
 * newest edition collected) read with no rejected row: 3,082 codes written
 * "CC LLL", 257 "CCLLL", 460 blank, 6 malformed (" VG RAD" is read as
 * VGRAD; "CL", "EG", "LB" and 'GB ME""' are reported as not a UN/LOCODE);
 * two numbers carry a fraction (49454.5, 9510.1).
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/str.h"
#include "io/import_wpi.h"

bool psec_io_wpi_locode(const char *raw, char out[6])
{
    size_t n = 0;
    bool bad = false;

    out[0] = '\0';
    /* Keep letters and digits; spaces and stray quotes are noise in this
     * column, anything else makes the value unusable. */
    for (const char *s = raw; *s != '\0'; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == ' ' || ch == '"' || ch == '\'' || ch == '\t')
            continue;
        if (!isalnum(ch) || n >= 5) {
            bad = true;
            continue;
        }
        out[n++] = (char)toupper(ch);
    }
    out[n] = '\0';
    if (bad || (n > 0 && !psec_locode_valid(out))) {
        out[0] = '\0';
        return false;
    }
    return n == 5;
}

static const char *harbor_size(const char *s)
{
    /* Current editions spell the size out; editions before 2019 used one
     * letter. */
    static const char *const words[] = {"Very Small", "Small", "Medium", "Large", NULL};
    static const char *const letters[] = {"V", "S", "M", "L", NULL};

    if (*s == '\0')
        return "";
    for (int i = 0; words[i] != NULL; i++)
        if (psec_strcasecmp(s, words[i]) == 0 || psec_strcasecmp(s, letters[i]) == 0)
            return words[i];
    return NULL;
}

enum { W_NUMBER, W_NAME, W_ALT, W_LOCODE, W_COUNTRY, W_SIZE, W_TYPE, W_LAT, W_LON, W__N };

static int wpi_row(struct psec_csv *c, const int *col, struct psec_io_sink *sink,
                   struct psec_io_wpi *w, struct psec_err *e)
{
    char buf[64];
    const char *size, *slat, *slon;
    double num;
    int a, b;

    memset(w, 0, sizeof *w);
    if (!psec_io_text(c, col[W_NUMBER], w->number_raw, sizeof w->number_raw, false) ||
        !psec_parse_double(w->number_raw, &num) || num < 1 || num > 999999)
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[W_NUMBER]), e,
                               "\"%s\" is not a World Port Index number",
                               psec_csv_field(c, col[W_NUMBER]));
    /* The export writes whole numbers as "47220.0". */
    w->number_whole = floor(num) == num;
    w->port.wpi_number = w->number_whole ? (int)num : 0;
    if (!psec_io_text(c, col[W_NAME], w->port.name, sizeof w->port.name, true))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[W_NAME]), e,
                               "name longer than %zu bytes", sizeof w->port.name - 1);
    if (w->port.name[0] == '\0')
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[W_NAME]), e,
                               "the port name is empty");
    if (!psec_io_text(c, col[W_ALT], w->port.alt_names, sizeof w->port.alt_names, true))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[W_ALT]), e,
                               "alternate names longer than %zu bytes",
                               sizeof w->port.alt_names - 1);
    if (!psec_io_text(c, col[W_COUNTRY], w->country_name, sizeof w->country_name, true))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[W_COUNTRY]), e,
                               "country name longer than %zu bytes", sizeof w->country_name - 1);
    if (!psec_io_text(c, col[W_LOCODE], w->locode_raw, sizeof w->locode_raw, true))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[W_LOCODE]), e,
                               "\"%s\" is too long for a UN/LOCODE",
                               psec_csv_field(c, col[W_LOCODE]));
    /* Keep what the file said, blanks included, for the unmatched report. */
    psec_strlcpy(w->locode_raw, psec_csv_field(c, col[W_LOCODE]), sizeof w->locode_raw);
    if (psec_io_wpi_locode(w->locode_raw, w->port.locode)) {
        memcpy(w->port.country, w->port.locode, 2);
        w->port.country[2] = '\0';
    } else {
        bool blank = strspn(w->locode_raw, " \t") == strlen(w->locode_raw);
        w->locode_problem = blank ? "no UN/LOCODE" : "not a UN/LOCODE";
        w->port.locode[0] = '\0';
    }
    psec_io_text(c, col[W_SIZE], buf, sizeof buf, false);
    if ((size = harbor_size(buf)) == NULL)
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[W_SIZE]), e,
                               "\"%s\" is not a harbour size (Very Small, Small, Medium, Large)",
                               buf);
    psec_strlcpy(w->port.harbor_size, size, sizeof w->port.harbor_size);
    if (!psec_io_text(c, col[W_TYPE], w->port.harbor_type, sizeof w->port.harbor_type, true))
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[W_TYPE]), e,
                               "harbour type longer than %zu bytes",
                               sizeof w->port.harbor_type - 1);
    slat = psec_csv_field(c, col[W_LAT]);
    slon = psec_csv_field(c, col[W_LON]);
    a = psec_io_lat(slat, &w->port.lat);
    b = psec_io_lon(slon, &w->port.lon);
    if (a < 0)
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[W_LAT]), e,
                               "\"%s\" is not a latitude (-90 to 90)", slat);
    if (b < 0)
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[W_LON]), e,
                               "\"%s\" is not a longitude (-180 to 180)", slon);
    if (a != b)
        return psec_io_bad_row(sink, c, psec_csv_colname(c, col[a ? W_LON : W_LAT]), e,
                               "latitude and longitude go together: one is blank");
    w->port.has_pos = a == 1;
    psec_strlcpy(w->port.coord_source, w->port.has_pos ? "wpi" : "",
                 sizeof w->port.coord_source);
    return PSEC_ROW;
}

int psec_io_read_wpi(FILE *f, const char *name,
                     int (*fn)(void *ctx, const struct psec_io_wpi *w, long line,
                               struct psec_err *e),
                     void *ctx, struct psec_io_sink *sink, struct psec_err *e)
{
    static const char *const NUMBER[] = {"World Port Index Number", "INDEX_NO",
                                         "wpi_number", NULL};
    static const char *const NAME[] = {"Main Port Name", "PORT_NAME", "name", NULL};
    static const char *const ALT[] = {"Alternate Port Name", "alt_names", NULL};
    static const char *const LOCODE[] = {"UN/LOCODE", "UN_LOCODE", "locode", NULL};
    static const char *const COUNTRY[] = {"Country Code", "COUNTRY", "country_name", NULL};
    static const char *const SIZE[] = {"Harbor Size", "HARBORSIZE", "harbor_size", NULL};
    static const char *const TYPE[] = {"Harbor Type", "HARBORTYPE", "harbor_type", NULL};
    static const char *const LAT[] = {"Latitude", "LATITUDE", "lat", NULL};
    static const char *const LON[] = {"Longitude", "LONGITUDE", "lon", NULL};
    struct psec_csv *c;
    struct psec_io_wpi *w;
    int col[W__N], rc;

    if ((rc = psec_io_open_header(f, name, &c, e)) != PSEC_OK)
        return rc;
    /* The record is large (several names); keep it off the stack. */
    if ((w = malloc(sizeof *w)) == NULL) {
        psec_csv_close(c);
        return psec_err_set(e, PSEC_E_NOMEM, "%s: out of memory", name);
    }
    if ((rc = psec_io_need_col(c, NUMBER, &col[W_NUMBER], e)) != PSEC_OK ||
        (rc = psec_io_need_col(c, NAME, &col[W_NAME], e)) != PSEC_OK ||
        (rc = psec_io_need_col(c, LOCODE, &col[W_LOCODE], e)) != PSEC_OK ||
        (rc = psec_io_need_col(c, LAT, &col[W_LAT], e)) != PSEC_OK ||
        (rc = psec_io_need_col(c, LON, &col[W_LON], e)) != PSEC_OK)
        goto out;
    col[W_ALT] = psec_io_col(c, ALT);
    col[W_COUNTRY] = psec_io_col(c, COUNTRY);
    col[W_SIZE] = psec_io_col(c, SIZE);
    col[W_TYPE] = psec_io_col(c, TYPE);
    while ((rc = psec_csv_next(c, e)) == PSEC_ROW) {
        if (sink != NULL)
            sink->rows++;
        rc = wpi_row(c, col, sink, w, e);
        if (rc == PSEC_ROW)
            rc = fn(ctx, w, psec_csv_line(c), e);
        if (rc != PSEC_OK)
            goto out;
    }
    if (rc == PSEC_DONE)
        rc = PSEC_OK;
out:
    free(w);
    psec_csv_close(c);
    return rc;
}
