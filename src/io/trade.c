/*
 * trade.c — readers for U.S. trade-by-partner CSV files (see trade.h).
 *
 * Verified against the Census Foreign Trade Division "country" table for
 * 1985–2011 (data/trade/census-us-trade-by-partner-1985-2011.csv): 5,458
 * rows, 255 partner names, aggregates coded 0001..0015. Amounts are
 * million USD with up to six decimals.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/str.h"
#include "io/trade.h"

/* Census names that differ from ISO 3166 / CLDR names. "" marks partners
 * that are no ISO country today; their rows are counted, not stored. */
static const struct {
    const char *census;
    const char *alpha2;
} overrides[] = {
    {"Bolivia", "BO"},
    {"British Indian Ocean Terr.", "IO"},
    {"Brunei", "BN"},
    {"Burma", "MM"},
    {"Cape Verde", "CV"},
    {"Congo (Brazzaville)", "CG"},
    {"Congo (Kinshasa)", "CD"},
    {"Cote d'Ivoire", "CI"},
    {"Curacao", "CW"},
    {"Czech Republic", "CZ"},
    {"Czechoslovakia", ""},
    {"East Timor", "TL"},
    {"Falkland Islands(Islas Malvin", "FK"},
    {"French Southern and Antarctic", "TF"},
    {"Gaza Strip admin. by Israel", "PS"},
    {"Heard and McDonald Islands", "HM"},
    {"Hong Kong", "HK"},
    {"International Organizations", ""},
    {"Iran", "IR"},
    {"Iraq-Saudi Arabia Neutral Zone", ""},
    {"Korea, North", "KP"},
    {"Korea, South", "KR"},
    {"Kosovo", ""},                /* XK is not an ISO 3166-1 code */
    {"Laos", "LA"},
    {"Macau", "MO"},
    {"Macedonia", "MK"},
    {"Micronesia", "FM"},
    {"Moldova", "MD"},
    {"Netherlands Antilles", ""},
    {"Pitcairn Islands", "PN"},
    {"Republic of Yemen", "YE"},
    {"Reunion", "RE"},
    {"Russia", "RU"},
    {"Serbia and Montenegro", ""},
    {"St Helena", "SH"},
    {"St Kitts and Nevis", "KN"},
    {"St Lucia", "LC"},
    {"St Pierre and Miquelon", "PM"},
    {"St Vincent and the Grenadines", "VC"},
    {"Svalbard, Jan Mayen Island", "SJ"},
    {"Swaziland", "SZ"},
    {"Syria", "SY"},
    {"Taiwan", "TW"},
    {"Tanzania", "TZ"},
    {"Turkey", "TR"},
    {"USSR", ""},
    {"Unidentified Countries", ""},
    {"United Kingdom", "GB"},
    {"Venezuela", "VE"},
    {"Vietnam", "VN"},
    {"Wallis and Futuna", "WF"},
    {"West Bank admin. by Israel", "PS"},
    {"Yugoslavia (fomer)", ""},
};

const char *psec_trade_override(const char *census_name)
{
    for (size_t i = 0; i < sizeof overrides / sizeof overrides[0]; i++)
        if (psec_strcasecmp(census_name, overrides[i].census) == 0)
            return overrides[i].alpha2;
    return NULL;
}

void psec_trade_normalise(const char *name, char *out, size_t size)
{
    size_t j = 0;

    if (size == 0)
        return;
    while (*name == ' ')
        name++;
    if (strncmp(name, "St ", 3) == 0 || strncmp(name, "St. ", 4) == 0) {
        j = psec_strlcpy(out, "Saint ", size);
        if (j >= size)
            j = size - 1;
        name += name[2] == '.' ? 4 : 3;
    }
    for (; *name && j + 1 < size; name++) {
        if (*name == '&') {
            if (j + 4 < size) {
                memcpy(out + j, "and", 3);
                j += 3;
            }
            continue;
        }
        out[j++] = *name;
    }
    out[j] = '\0';
    psec_trim(out);
}

/* Parses an amount: blank allowed only where allow_blank. */
static int amount(const struct psec_csv *c, int col, bool allow_blank, bool *has, double *v,
                  struct psec_err *e)
{
    const char *s = psec_csv_field(c, col);
    char tmp[64];

    psec_strlcpy(tmp, s, sizeof tmp);
    psec_trim(tmp);
    *has = false;
    *v = 0;
    if (tmp[0] == '\0') {
        if (allow_blank)
            return PSEC_OK;
        return psec_err_set(e, PSEC_E_INVALID, "%s:%ld: column %s: empty, expected an amount",
                            psec_csv_name(c), psec_csv_line(c), psec_csv_colname(c, col));
    }
    if (!psec_parse_double(tmp, v) || !isfinite(*v) || *v < 0)
        return psec_err_set(e, PSEC_E_INVALID,
                            "%s:%ld: column %s: \"%s\" is not an amount >= 0 (million USD)",
                            psec_csv_name(c), psec_csv_line(c), psec_csv_colname(c, col), s);
    *has = true;
    return PSEC_OK;
}

static int year_of(const struct psec_csv *c, int col, int *y, struct psec_err *e)
{
    const char *s = psec_csv_field(c, col);

    if (!psec_parse_int(s, y) || *y < 1900 || *y > 2200)
        return psec_err_set(e, PSEC_E_INVALID, "%s:%ld: column %s: \"%s\" is not a year",
                            psec_csv_name(c), psec_csv_line(c), psec_csv_colname(c, col), s);
    return PSEC_OK;
}

static int text_of(const struct psec_csv *c, int col, char *out, size_t size,
                   struct psec_err *e)
{
    const char *s = psec_csv_field(c, col);

    if (!psec_utf8_valid(s, strlen(s))) {
        /* Census files are ASCII; anything else is read as Latin-1. */
        char *u = psec_strdup_utf8(s);
        if (u == NULL)
            return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        psec_strlcpy(out, u, size);
        free(u);
    } else {
        psec_strlcpy(out, s, size);
    }
    psec_trim(out);
    if (out[0] == '\0')
        return psec_err_set(e, PSEC_E_INVALID, "%s:%ld: column %s: empty",
                            psec_csv_name(c), psec_csv_line(c), psec_csv_colname(c, col));
    return PSEC_OK;
}

int psec_trade_read(FILE *f, const char *name, bool skip_invalid,
                    int (*fn)(void *ctx, const struct psec_trade_row *row, struct psec_err *e),
                    void (*on_reject)(void *ctx, long line, const struct psec_err *why),
                    void *ctx, int *kind_out, struct psec_trade_stats *st, struct psec_err *e)
{
    struct psec_csv *c = psec_csv_open(f, name, ',');
    int rc, kind = 0;
    int cy, ccode, cname, ci, ce, ccat, csrc;

    memset(st, 0, sizeof *st);
    if (c == NULL)
        return psec_err_set(e, PSEC_E_NOMEM, "%s: out of memory", name);
    rc = psec_csv_next(c, e);
    if (rc == PSEC_DONE) {
        psec_csv_close(c);
        return psec_err_set(e, PSEC_E_INVALID, "%s: empty file, expected a header", name);
    }
    if (rc != PSEC_ROW || (rc = psec_csv_set_header(c, e)) != PSEC_OK) {
        psec_csv_close(c);
        return rc;
    }
    cy = psec_csv_col(c, "year");
    ccode = psec_csv_col(c, "CTY_CODE");
    cname = psec_csv_col(c, "CTYNAME");
    ccat = psec_csv_col(c, "category");
    csrc = psec_csv_col(c, "source");
    if (cname >= 0) {
        kind = PSEC_TRADE_CENSUS;
        ci = psec_csv_col(c, "IYR");
        ce = psec_csv_col(c, "EYR");
    } else if (ccat >= 0) {
        kind = PSEC_TRADE_COMMODITY;
        cname = psec_csv_col(c, "country");
        ci = psec_csv_col(c, "imports");
        ce = psec_csv_col(c, "exports");
    } else {
        psec_csv_close(c);
        return psec_err_set(e, PSEC_E_INVALID,
                            "%s:1: not a trade file: expected the Census columns year, "
                            "CTYNAME, IYR, EYR or the commodity columns country, year, "
                            "category, imports, exports",
                            name);
    }
    {
        const char *need[] = {"year", kind == PSEC_TRADE_CENSUS ? "CTYNAME" : "country",
                              kind == PSEC_TRADE_CENSUS ? "IYR" : "imports",
                              kind == PSEC_TRADE_CENSUS ? "EYR" : "exports"};
        int have[] = {cy, cname, ci, ce};
        for (int i = 0; i < 4; i++)
            if (have[i] < 0) {
                psec_csv_close(c);
                return psec_err_set(e, PSEC_E_INVALID, "%s:1: column %s: missing from the "
                                    "header", name, need[i]);
            }
    }
    if (kind_out)
        *kind_out = kind;

    while ((rc = psec_csv_next(c, e)) == PSEC_ROW) {
        struct psec_trade_row r;
        struct psec_err re;
        int bad;

        memset(&r, 0, sizeof r);
        r.kind = kind;
        r.line = psec_csv_line(c);
        st->rows++;
        psec_err_clear(&re);
        if (kind == PSEC_TRADE_CENSUS && ccode >= 0) {
            int code;
            psec_strlcpy(r.code, psec_csv_field(c, ccode), sizeof r.code);
            psec_trim(r.code);
            if (!psec_parse_int(r.code, &code) || code < 0) {
                bad = psec_err_set(&re, PSEC_E_INVALID, "%s:%ld: column CTY_CODE: \"%s\" is "
                                   "not a Census country code", name, r.line,
                                   psec_csv_field(c, ccode));
                goto badrow;
            }
            /* Schedule C codes below 1000 are groups of countries. */
            if (code < 1000) {
                st->aggregates++;
                continue;
            }
        }
        if ((bad = year_of(c, cy, &r.year, &re)) != PSEC_OK ||
            (bad = text_of(c, cname, r.partner, sizeof r.partner, &re)) != PSEC_OK)
            goto badrow;
        if (kind == PSEC_TRADE_COMMODITY) {
            if ((bad = text_of(c, ccat, r.category, sizeof r.category, &re)) != PSEC_OK)
                goto badrow;
            if (csrc >= 0)
                psec_strlcpy(r.source, psec_csv_field(c, csrc), sizeof r.source);
        }
        if ((bad = amount(c, ci, kind == PSEC_TRADE_COMMODITY, &r.has_imports, &r.imports,
                          &re)) != PSEC_OK ||
            (bad = amount(c, ce, kind == PSEC_TRADE_COMMODITY, &r.has_exports, &r.exports,
                          &re)) != PSEC_OK)
            goto badrow;
        if ((rc = fn(ctx, &r, e)) != PSEC_OK) {
            psec_csv_close(c);
            return rc;
        }
        continue;
    badrow:
        if (!skip_invalid) {
            psec_csv_close(c);
            if (e != NULL)
                *e = re;
            return bad;
        }
        if (st->invalid++ == 0)
            psec_strlcpy(st->first_invalid, re.msg, sizeof st->first_invalid);
        if (on_reject != NULL)
            on_reject(ctx, r.line, &re);
    }
    psec_csv_close(c);
    return rc == PSEC_DONE ? PSEC_OK : rc;
}
