/*
 * trade.h — readers for U.S. trade-by-partner data.
 *
 * Two layouts, told apart by the header:
 *  - Census "country.csv" (census.gov/foreign-trade/balance): year,
 *    CTY_CODE, CTYNAME, IJAN..IDEC, IYR, EJAN..EDEC, EYR; million USD,
 *    imports = U.S. imports from the partner, exports = U.S. exports to it.
 *    CTY_CODE below 1000 are aggregates (OPEC, EU, world regions): skipped.
 *  - A commodity breakdown: country, year, category, imports, exports
 *    [, source]; same units and direction; an empty amount means "not
 *    given by the source".
 *
 * Partners are named, not coded in ISO: psec_trade_override() maps the
 * Census names that differ from the registry's names to ISO alpha-2 (or to
 * "" for entities that are no country today: USSR, Czechoslovakia, ...).
 * The readers stream rows to a callback; they do not touch the database.
 */
#ifndef PORTSEC_IO_TRADE_H
#define PORTSEC_IO_TRADE_H

#include <stdbool.h>
#include <stdio.h>

#include "portsec/error.h"

enum psec_trade_kind {
    PSEC_TRADE_CENSUS = 1,
    PSEC_TRADE_COMMODITY = 2
};

struct psec_trade_row {
    int kind;                      /* enum psec_trade_kind */
    long line;
    int year;
    char code[8];                  /* Census CTY_CODE, "" for commodity rows */
    char partner[128];             /* CTYNAME or the commodity file's country */
    char category[128];            /* commodity rows */
    bool has_imports, has_exports;
    double imports, exports;       /* million USD */
    char source[256];              /* commodity rows: where the figure comes from */
};

struct psec_trade_stats {
    long rows;                     /* data rows read */
    long aggregates;               /* Census aggregate rows skipped */
    long invalid;                  /* bad rows skipped (skip_invalid) */
    char first_invalid[PSEC_ERR_MAX]; /* message of the first bad row skipped */
};

/*
 * Reads f (name for messages), calling fn for every valid row. A bad row
 * fails the whole read with "NAME:LINE: column COL: reason" unless
 * skip_invalid, when it is counted in st and skipped. fn returning non-zero
 * stops the read with that code (its message in e). on_reject (may be NULL)
 * hears of every row skipped under skip_invalid. kind_out receives the
 * layout found. Returns PSEC_OK, PSEC_E_INVALID or fn's code.
 */
int psec_trade_read(FILE *f, const char *name, bool skip_invalid,
                    int (*fn)(void *ctx, const struct psec_trade_row *row, struct psec_err *e),
                    void (*on_reject)(void *ctx, long line, const struct psec_err *why),
                    void *ctx, int *kind_out, struct psec_trade_stats *st, struct psec_err *e);

/* Census partner names that the registry names differently: returns the
 * ISO alpha-2 ("KR" for "Korea, South"), "" for a partner that is no ISO
 * country (historic or unidentified), or NULL when not in the table. */
const char *psec_trade_override(const char *census_name);

/* Normalises a partner name for matching: "St Lucia" -> "Saint Lucia",
 * "&" -> "and". Writes into out. */
void psec_trade_normalise(const char *name, char *out, size_t size);

#endif
