/*
 * time.c — civil-date arithmetic (Howard Hinnant's well-known algorithm,
 * re-derived here) and a strict ISO 8601 parser.
 */
#include <stdio.h>
#include <string.h>

#include "base/time.h"

int64_t psec_days_from_civil(int y, int m, int d)
{
    int64_t yy = y - (m <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void psec_civil_from_days(int64_t z, int *y, int *m, int *d)
{
    int64_t era, doe, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int days_in_month(int y, int m)
{
    static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : dm[m - 1];
}

/* Reads exactly n digits. */
static bool digits(const char **p, int n, int *out)
{
    int v = 0;

    for (int i = 0; i < n; i++) {
        char c = (*p)[i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    *p += n;
    *out = v;
    return true;
}

static bool parse_date_part(const char **p, int *y, int *m, int *d)
{
    if (!digits(p, 4, y) || **p != '-')
        return false;
    (*p)++;
    if (!digits(p, 2, m) || **p != '-')
        return false;
    (*p)++;
    if (!digits(p, 2, d))
        return false;
    return *m >= 1 && *m <= 12 && *d >= 1 && *d <= days_in_month(*y, *m);
}

bool psec_date_parse(const char *s, int64_t *days)
{
    int y, m, d;

    if (s == NULL || !parse_date_part(&s, &y, &m, &d) || *s != '\0')
        return false;
    *days = psec_days_from_civil(y, m, d);
    return true;
}

bool psec_time_parse(const char *s, int64_t *out)
{
    int y, mo, d, hh = 0, mi = 0, ss = 0, oh = 0, om = 0, sign = 0;

    if (s == NULL || !parse_date_part(&s, &y, &mo, &d))
        return false;
    if (*s == 'T' || *s == 't' || *s == ' ') {
        s++;
        if (!digits(&s, 2, &hh) || *s++ != ':' || !digits(&s, 2, &mi))
            return false;
        if (*s == ':') {
            s++;
            if (!digits(&s, 2, &ss))
                return false;
            if (*s == '.') {
                s++;
                if (*s < '0' || *s > '9')
                    return false;
                while (*s >= '0' && *s <= '9')
                    s++;
            }
        }
        if (*s == 'Z' || *s == 'z') {
            s++;
        } else if (*s == '+' || *s == '-') {
            sign = *s == '+' ? 1 : -1;
            s++;
            if (!digits(&s, 2, &oh))
                return false;
            if (*s == ':')
                s++;
            if (!digits(&s, 2, &om))
                return false;
        }
    }
    if (*s != '\0' || hh > 23 || mi > 59 || ss > 60 || oh > 23 || om > 59)
        return false;
    *out = psec_days_from_civil(y, mo, d) * PSEC_DAY + hh * 3600 + mi * 60 + ss -
           sign * (oh * 3600 + om * 60);
    return true;
}

char *psec_time_format(int64_t t, char *buf, size_t size)
{
    int64_t days = t >= 0 ? t / PSEC_DAY : -((-t + PSEC_DAY - 1) / PSEC_DAY);
    int64_t sec = t - days * PSEC_DAY;
    int y, m, d;

    psec_civil_from_days(days, &y, &m, &d);
    snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, (int)(sec / 3600),
             (int)(sec / 60 % 60), (int)(sec % 60));
    return buf;
}

char *psec_date_format(int64_t days, char *buf, size_t size)
{
    int y, m, d;

    psec_civil_from_days(days, &y, &m, &d);
    snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
    return buf;
}

int64_t psec_date_add_months(int64_t days, int months)
{
    int y, m, d, idx;

    psec_civil_from_days(days, &y, &m, &d);
    idx = y * 12 + (m - 1) + months;
    y = idx / 12;
    m = idx % 12 + 1;
    if (d > days_in_month(y, m))
        d = days_in_month(y, m);
    return psec_days_from_civil(y, m, d);
}
