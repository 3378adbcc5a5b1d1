/*
 * import_common.c — shared row reporting and field checks for the
 * reference-data readers. See import_common.h.
 *
 * Verified against real data: the DDMM parser reads every coordinate of the
 * UNECE UN/LOCODE 2023-1 release Parts 2 and 3 (tests/unit/test_import.c
 * runs it when the shared reference data is present).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "base/time.h"
#include "io/import_common.h"

int psec_io_row_error(struct psec_err *e, const char *file, long line, const char *column,
                      const char *fmt, ...)
{
    char reason[PSEC_ERR_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    return psec_err_set(e, PSEC_E_INVALID, "%s:%ld: column %s: %s", file, line, column, reason);
}

int psec_io_bad_row(const struct psec_io_sink *sink, const struct psec_csv *c,
                    const char *column, struct psec_err *e, const char *fmt, ...)
{
    char reason[PSEC_ERR_MAX];
    va_list ap;
    int rc;

    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    if (sink == NULL || sink->reject == NULL)
        return psec_io_row_error(e, psec_csv_name(c), psec_csv_line(c), column, "%s", reason);
    rc = sink->reject(sink->ctx, psec_csv_line(c), column, reason);
    if (rc != PSEC_OK)
        return psec_err_set(e, rc, "%s:%ld: cannot record a rejected row: %s",
                            psec_csv_name(c), psec_csv_line(c), psec_strerror(rc));
    return PSEC_OK;
}

int psec_io_open_header(FILE *f, const char *name, struct psec_csv **out, struct psec_err *e)
{
    struct psec_csv *c = psec_csv_open(f, name, ',');
    int rc;

    *out = NULL;
    if (c == NULL)
        return psec_err_set(e, PSEC_E_NOMEM, "%s: out of memory", name);
    rc = psec_csv_next(c, e);
    if (rc == PSEC_DONE)
        rc = psec_err_set(e, PSEC_E_INVALID, "%s: the file is empty (expected a header row)",
                          name);
    else if (rc == PSEC_ROW)
        rc = psec_csv_set_header(c, e);
    if (rc != PSEC_OK) {
        psec_csv_close(c);
        return rc;
    }
    *out = c;
    return PSEC_OK;
}

int psec_io_need_col(const struct psec_csv *c, const char *const *names, int *idx,
                     struct psec_err *e)
{
    *idx = psec_io_col(c, names);
    if (*idx < 0)
        return psec_err_set(e, PSEC_E_INVALID, "%s:1: column %s: missing from the header",
                            psec_csv_name(c), names[0]);
    return PSEC_OK;
}

int psec_io_col(const struct psec_csv *c, const char *const *names)
{
    for (; *names != NULL; names++) {
        int i = psec_csv_col(c, *names);
        if (i >= 0)
            return i;
    }
    return -1;
}

bool psec_io_text(const struct psec_csv *c, int i, char *buf, size_t size, bool utf8)
{
    const char *s, *end;
    size_t n;
    char *conv = NULL;
    bool fits;

    buf[0] = '\0';
    if (i < 0)
        return true;
    s = psec_csv_field(c, i);
    while (*s == ' ' || *s == '\t')
        s++;
    end = s + strlen(s);
    while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    n = (size_t)(end - s);
    if (utf8 && !psec_utf8_valid(s, n)) {
        /* Copy the trimmed span first: psec_strdup_utf8 wants a string. */
        char *tmp = malloc(n + 1);
        if (tmp == NULL)
            return false;
        memcpy(tmp, s, n);
        tmp[n] = '\0';
        conv = psec_strdup_utf8(tmp);
        free(tmp);
        if (conv == NULL)
            return false;
        s = conv;
        n = strlen(conv);
    }
    fits = n < size;
    if (fits) {
        memcpy(buf, s, n);
        buf[n] = '\0';
    } else {
        memcpy(buf, s, size - 1);
        buf[size - 1] = '\0';
    }
    free(conv);
    return fits;
}

static bool blank(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return *s == '\0';
}

int psec_io_lat(const char *s, double *out)
{
    if (blank(s))
        return 0;
    if (!psec_parse_double(s, out) || *out < -90.0 || *out > 90.0)
        return -1;
    return 1;
}

int psec_io_lon(const char *s, double *out)
{
    if (blank(s))
        return 0;
    if (!psec_parse_double(s, out) || *out < -180.0 || *out > 180.0)
        return -1;
    return 1;
}

/* Reads exactly n digits into *v. */
static bool digits(const char *s, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        *v = *v * 10 + (s[i] - '0');
    }
    return true;
}

int psec_io_ddmm(const char *s, double *lat, double *lon)
{
    int dlat, mlat, dlon, mlon;

    while (*s == ' ')
        s++;
    if (*s == '\0')
        return 0;
    /* The UNECE form is fixed width: 4 digits + N/S, a blank, 5 digits + E/W. */
    if (strlen(s) < 12 || !digits(s, 2, &dlat) || !digits(s + 2, 2, &mlat) ||
        (s[4] != 'N' && s[4] != 'S') || s[5] != ' ' || !digits(s + 6, 3, &dlon) ||
        !digits(s + 9, 2, &mlon) || (s[11] != 'E' && s[11] != 'W') || !blank(s + 12))
        return -1;
    if (mlat > 59 || mlon > 59)
        return -2;
    if (dlat * 60 + mlat > 90 * 60 || dlon * 60 + mlon > 180 * 60)
        return -1;
    *lat = (dlat + mlat / 60.0) * (s[4] == 'S' ? -1 : 1);
    *lon = (dlon + mlon / 60.0) * (s[11] == 'W' ? -1 : 1);
    return 1;
}

int psec_io_date(const char *s, char out[11])
{
    int64_t days, t;
    char buf[64];

    out[0] = '\0';
    psec_strlcpy(buf, s, sizeof buf);
    psec_trim(buf);
    if (buf[0] == '\0')
        return 0;
    if (psec_date_parse(buf, &days)) {
        psec_date_format(days, out, 11);
        return 1;
    }
    /* A date-time (GISIS "Last Updated"): keep the date as written, with no
     * time-zone shift, but only when the whole thing is a valid time. */
    if (strlen(buf) > 10 && (buf[10] == 'T' || buf[10] == ' ') && psec_time_parse(buf, &t)) {
        buf[10] = '\0';
        if (psec_date_parse(buf, &days)) {
            psec_date_format(days, out, 11);
            return 1;
        }
    }
    return -1;
}

int psec_io_yesno(const char *s)
{
    static const char *const yes[] = {"yes", "y", "true", "1", NULL};
    static const char *const no[] = {"no", "n", "false", "0", NULL};
    char buf[16];

    psec_strlcpy(buf, s, sizeof buf);
    psec_trim(buf);
    if (buf[0] == '\0' || psec_strcasecmp(buf, "unknown") == 0)
        return -1;
    for (int i = 0; yes[i] != NULL; i++)
        if (psec_strcasecmp(buf, yes[i]) == 0)
            return 1;
    for (int i = 0; no[i] != NULL; i++)
        if (psec_strcasecmp(buf, no[i]) == 0)
            return 0;
    return -2;
}
