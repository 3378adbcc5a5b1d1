/*
 * test_base.c — strings, numbers, time, geo grid and the CSV reader.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/geo.h"
#include "base/str.h"
#include "base/time.h"

static void test_parse_numbers(void **state)
{
    int64_t v;
    int i;
    double d;
    (void)state;
    assert_true(psec_parse_i64(" 42 ", &v));
    assert_int_equal(v, 42);
    assert_false(psec_parse_i64("42x", &v));
    assert_false(psec_parse_i64("", &v));
    assert_false(psec_parse_i64("99999999999999999999", &v));
    assert_false(psec_parse_int("3000000000", &i));
    assert_true(psec_parse_double("-4.62", &d));
    assert_true(fabs(d + 4.62) < 1e-12);
    assert_false(psec_parse_double("nan", &d));
    assert_false(psec_parse_double("1.5.2", &d));
}

static void test_strings(void **state)
{
    char buf[6], t[] = "  x y \r\n";
    char *u;
    (void)state;
    assert_int_equal(psec_strlcpy(buf, "Victoria", sizeof buf), 8);
    assert_string_equal(buf, "Victo");
    assert_string_equal(psec_trim(t), "x y");
    assert_true(psec_utf8_valid("S\xc3\xa3o", 4));
    assert_false(psec_utf8_valid("S\xe3o", 3));
    assert_false(psec_utf8_valid("\xc3", 1));
    assert_false(psec_utf8_valid("\xed\xa0\x80", 3));   /* surrogate */
    u = psec_strdup_utf8("S\xe3o Tom\xe9");              /* Latin-1 */
    assert_string_equal(u, "S\xc3\xa3o Tom\xc3\xa9");
    free(u);
    assert_int_equal(psec_strcasecmp("SCpov", "scPOV"), 0);
}

static void test_time(void **state)
{
    int64_t t, d;
    char buf[32];
    (void)state;
    assert_true(psec_time_parse("2025-10-01T06:00:00Z", &t));
    assert_string_equal(psec_time_format(t, buf, sizeof buf), "2025-10-01T06:00:00Z");
    assert_true(psec_time_parse("2025-10-01", &d));
    assert_int_equal(t - d, 6 * 3600);
    assert_true(psec_time_parse("2025-10-01T08:00:00+02:00", &d));
    assert_int_equal(t, d);
    assert_true(psec_time_parse("2025-10-01 06:00:00.250Z", &d));
    assert_int_equal(t, d);
    assert_false(psec_time_parse("2025-02-29", &d));
    assert_true(psec_time_parse("2024-02-29", &d));
    assert_false(psec_time_parse("2025-10-01T24:00", &d));
    assert_false(psec_time_parse("2025-10-01Tx", &d));
    assert_false(psec_date_parse("2025-10-01T00:00", &d));
    assert_true(psec_date_parse("1970-01-01", &d));
    assert_int_equal(d, 0);
    assert_true(psec_date_parse("2025-08-31", &d));
    assert_string_equal(psec_date_format(psec_date_add_months(d, 6), buf, sizeof buf),
                        "2026-02-28");
    assert_string_equal(psec_time_format(-1, buf, sizeof buf), "1969-12-31T23:59:59Z");
}

static int collect(void *ctx, size_t id, double km)
{
    int *seen = ctx;
    (void)km;
    seen[id]++;
    return 0;
}

static void test_geo_grid(void **state)
{
    /* Port Victoria, Houston, two points either side of the antimeridian,
     * and one near the pole. */
    double lat[] = { -4.6232, 29.75, 0.0, 0.0, 89.9 };
    double lon[] = { 55.4524, -95.3, 179.99, -179.99, 10.0 };
    struct psec_grid *g = psec_grid_new(lat, lon, 5, 0.5);
    size_t id;
    double km;
    int seen[5] = { 0 };
    (void)state;
    assert_non_null(g);
    assert_true(psec_grid_nearest(g, -4.62, 55.45, 20, &id, &km));
    assert_int_equal(id, 0);
    assert_true(km < 1.0);
    assert_false(psec_grid_nearest(g, -4.62, 60.0, 20, &id, &km));
    psec_grid_within(g, 0.0, 180.0, 10, collect, seen);
    assert_int_equal(seen[2], 1);
    assert_int_equal(seen[3], 1);
    assert_int_equal(seen[0], 0);
    assert_true(psec_grid_nearest(g, 89.9, -170.0, 50, &id, &km));
    assert_int_equal(id, 4);
    assert_true(fabs(psec_geo_km(0, 0, 0, 1) - 111.195) < 0.01);
    psec_grid_free(g);
    psec_grid_free(NULL);
}

static struct psec_csv *csv_of(const char *text, FILE **f)
{
    *f = fmemopen((void *)text, strlen(text), "r");
    return psec_csv_open(*f, "t.csv", ',');
}

static void test_csv(void **state)
{
    FILE *f;
    struct psec_csv *c = csv_of("\xef\xbb\xbfname,lat\r\n\"Port \"\"V\"\"\",1\n\n"
                                "\"two\nlines\",2\nlast,3", &f);
    struct psec_err e = { 0 };
    (void)state;
    assert_int_equal(psec_csv_next(c, &e), PSEC_ROW);
    assert_int_equal(psec_csv_set_header(c, &e), PSEC_OK);
    assert_int_equal(psec_csv_col(c, "LAT"), 1);
    assert_int_equal(psec_csv_next(c, &e), PSEC_ROW);
    assert_string_equal(psec_csv_get(c, "name"), "Port \"V\"");
    assert_int_equal(psec_csv_line(c), 2);
    assert_int_equal(psec_csv_next(c, &e), PSEC_ROW);
    assert_string_equal(psec_csv_field(c, 0), "two\nlines");
    assert_int_equal(psec_csv_line(c), 4);
    assert_int_equal(psec_csv_next(c, &e), PSEC_ROW);
    assert_int_equal(psec_csv_line(c), 6);
    assert_string_equal(psec_csv_field(c, 1), "3");
    assert_string_equal(psec_csv_field(c, 7), "");
    assert_int_equal(psec_csv_next(c, &e), PSEC_DONE);
    psec_csv_close(c);
    fclose(f);

    c = csv_of("a,b\n\"open,1\n", &f);
    assert_int_equal(psec_csv_next(c, &e), PSEC_ROW);
    assert_int_equal(psec_csv_next(c, &e), PSEC_E_INVALID);
    assert_non_null(strstr(e.msg, "t.csv:2"));
    psec_csv_close(c);
    fclose(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_numbers), cmocka_unit_test(test_strings),
        cmocka_unit_test(test_time),          cmocka_unit_test(test_geo_grid),
        cmocka_unit_test(test_csv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
