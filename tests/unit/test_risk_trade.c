/*
 * test_risk_trade.c — the trade readers on their own (no database): the two
 * layouts, aggregates skipped, header and row errors with file, line and
 * column, skip-invalid, and the partner-name override table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "io/trade.h"

struct got {
    int n;
    struct psec_trade_row last;
    long rejected_line;
};

static int row(void *ctx, const struct psec_trade_row *r, struct psec_err *e)
{
    struct got *g = ctx;
    (void)e;
    g->n++;
    g->last = *r;
    return PSEC_OK;
}

static void reject(void *ctx, long line, const struct psec_err *why)
{
    struct got *g = ctx;
    (void)why;
    g->rejected_line = line;
}

static int read_text(const char *text, bool skip, struct got *g, int *kind,
                     struct psec_trade_stats *st, struct psec_err *e)
{
    FILE *f = fmemopen((void *)text, strlen(text), "rb");
    int rc;
    assert_non_null(f);
    memset(g, 0, sizeof *g);
    rc = psec_trade_read(f, "t.csv", skip, row, reject, g, kind, st, e);
    fclose(f);
    return rc;
}

static void test_census(void **state)
{
    struct got g;
    struct psec_trade_stats st;
    struct psec_err e = {0};
    int kind = 0;
    (void)state;

    assert_int_equal(read_text("year,CTY_CODE,CTYNAME,IJAN,IYR,EJAN,EYR\r\n"
                               "2011,0003,European Union,1,368000,1,269000\r\n"
                               "2011,7800,Seychelles,0.5,6.265409,1,13.543789\r\n",
                               false, &g, &kind, &st, &e),
                     PSEC_OK);
    assert_int_equal(kind, PSEC_TRADE_CENSUS);
    assert_int_equal(st.aggregates, 1);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.last.partner, "Seychelles");
    assert_string_equal(g.last.code, "7800");
    assert_int_equal(g.last.year, 2011);
    assert_int_equal(g.last.line, 3);
    assert_float_equal(g.last.imports, 6.265409, 1e-12);
    assert_float_equal(g.last.exports, 13.543789, 1e-12);
}

static void test_commodity(void **state)
{
    struct got g;
    struct psec_trade_stats st;
    struct psec_err e = {0};
    int kind = 0;
    (void)state;

    assert_int_equal(read_text("country,year,category,imports,exports\n"
                               "SC,2013,Optical and medical instruments,,\n",
                               false, &g, &kind, &st, &e),
                     PSEC_OK);
    assert_int_equal(kind, PSEC_TRADE_COMMODITY);
    assert_int_equal(g.n, 1);
    assert_false(g.last.has_imports);
    assert_false(g.last.has_exports);
    assert_string_equal(g.last.category, "Optical and medical instruments");
}

static void test_errors(void **state)
{
    struct got g;
    struct psec_trade_stats st;
    struct psec_err e = {0};
    int kind = 0;
    (void)state;

    assert_int_equal(read_text("", false, &g, &kind, &st, &e), PSEC_E_INVALID);
    assert_string_equal(e.msg, "t.csv: empty file, expected a header");
    assert_int_equal(read_text("year,CTYNAME,EYR\n2011,Fiji,1\n", false, &g, &kind, &st, &e),
                     PSEC_E_INVALID);
    assert_string_equal(e.msg, "t.csv:1: column IYR: missing from the header");
    assert_int_equal(read_text("year,CTY_CODE,CTYNAME,IYR,EYR\n2011,x1,Fiji,1,1\n", false, &g,
                               &kind, &st, &e),
                     PSEC_E_INVALID);
    assert_string_equal(e.msg, "t.csv:2: column CTY_CODE: \"x1\" is not a Census country code");
    assert_int_equal(read_text("year,CTY_CODE,CTYNAME,IYR,EYR\n2011,6820,,1,1\n", false, &g,
                               &kind, &st, &e),
                     PSEC_E_INVALID);
    assert_string_equal(e.msg, "t.csv:2: column CTYNAME: empty");
    assert_int_equal(read_text("year,CTY_CODE,CTYNAME,IYR,EYR\n1850,6820,Fiji,1,1\n", false, &g,
                               &kind, &st, &e),
                     PSEC_E_INVALID);
    assert_string_equal(e.msg, "t.csv:2: column year: \"1850\" is not a year");
    /* In the Census layout an empty amount is an error... */
    assert_int_equal(read_text("year,CTY_CODE,CTYNAME,IYR,EYR\n2011,6820,Fiji,,1\n", false, &g,
                               &kind, &st, &e),
                     PSEC_E_INVALID);
    assert_string_equal(e.msg, "t.csv:2: column IYR: empty, expected an amount");
    /* ... and with skip-invalid the row is counted and reported, the next read. */
    assert_int_equal(read_text("year,CTY_CODE,CTYNAME,IYR,EYR\n2011,6820,Fiji,,1\n"
                               "2011,6820,Fiji,2,1\n", true, &g, &kind, &st, &e),
                     PSEC_OK);
    assert_int_equal(st.invalid, 1);
    assert_int_equal(g.rejected_line, 2);
    assert_int_equal(g.n, 1);
    assert_string_equal(st.first_invalid, "t.csv:2: column IYR: empty, expected an amount");
}

static void test_names(void **state)
{
    char out[64];
    (void)state;

    assert_string_equal(psec_trade_override("Korea, South"), "KR");
    assert_string_equal(psec_trade_override("korea, north"), "KP");
    assert_string_equal(psec_trade_override("Burma"), "MM");
    assert_string_equal(psec_trade_override("USSR"), "");
    assert_null(psec_trade_override("Seychelles"));
    psec_trade_normalise("St Kitts and Nevis", out, sizeof out);
    assert_string_equal(out, "Saint Kitts and Nevis");
    psec_trade_normalise("  Antigua & Barbuda", out, sizeof out);
    assert_string_equal(out, "Antigua and Barbuda");
    psec_trade_normalise("St. Lucia", out, sizeof out);
    assert_string_equal(out, "Saint Lucia");
    psec_trade_normalise("Saint Lucia", out, 6);
    assert_string_equal(out, "Saint");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_census),
        cmocka_unit_test(test_commodity),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
