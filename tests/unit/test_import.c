/*
 * test_import.c — the reference-data importers (src/io/import_*.c) and the
 * import use case (src/app/import.c), on the small fixtures in
 * tests/import/ and on the bundled data/; with ../shared present, also on
 * the official UNECE release (ISO-8859-1, no header, DDMM coordinates).
 *
 * Each test opens its own temporary SQLite file with psec_db_open().
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
#include <unistd.h>

#include "app/import.h"
#include "io/import_common.h"
#include "io/import_wpi.h"
#include "store/db.h"
#include "store/registry.h"

#define FIX PSEC_TESTDIR "/import/"

static char path[96];

static int setup(void **state)
{
    (void)state;
    snprintf(path, sizeof path, "/tmp/psec-test-import-%d.db", (int)getpid());
    unlink(path);
    return 0;
}

static int teardown(void **state)
{
    char p[128];

    (void)state;
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
    return 0;
}

static struct psec_db *open_db(void)
{
    struct psec_db *db = NULL;
    struct psec_err e = {0};

    if (psec_db_open(&db, path, 0, &e) != PSEC_OK)
        fail_msg("open %s: %s", path, e.msg);
    return db;
}

/* Imports a fixture and asserts it worked; returns the result (free it). */
static void import_ok(struct psec_db *db, const char *kind, const char *file, bool skip,
                      struct psec_import_result *res)
{
    struct psec_import_opts o = {.skip_invalid = skip};
    struct psec_err e = {0};
    int rc;

    psec_import_result_init(res);
    rc = psec_app_import(db, kind, file, &o, res, &e);
    if (rc != PSEC_OK)
        fail_msg("import %s %s: %s", kind, file, e.msg);
}

static void import_quiet(struct psec_db *db, const char *kind, const char *file)
{
    struct psec_import_result r;

    import_ok(db, kind, file, false, &r);
    psec_import_result_free(&r);
}

static long count(struct psec_db *db, const char *table)
{
    json_t *c = psec_store_counts(db, NULL);
    long n;

    assert_non_null(c);
    n = (long)json_integer_value(json_object_get(c, table));
    json_decref(c);
    return n;
}

/* A snapshot of every table's row count as compact JSON. */
static char *counts_text(struct psec_db *db)
{
    json_t *c = psec_store_counts(db, NULL);
    char *s;

    assert_non_null(c);
    s = json_dumps(c, JSON_SORT_KEYS | JSON_COMPACT);
    json_decref(c);
    return s;
}

static json_t *port(struct psec_db *db, const char *locode)
{
    json_t *p = psec_store_port_get(db, locode, NULL);

    if (p == NULL)
        fail_msg("no port %s", locode);
    return p;
}

/* ---- field helpers, no database ---------------------------------------- */

static void test_ddmm(void **state)
{
    double lat, lon;

    (void)state;
    assert_int_equal(psec_io_ddmm("0437S 05527E", &lat, &lon), 1);
    assert_true(fabs(lat - (-(4 + 37 / 60.0))) < 1e-9);
    assert_true(fabs(lon - (55 + 27 / 60.0)) < 1e-9);
    assert_int_equal(psec_io_ddmm("1028N 06801W", &lat, &lon), 1);
    assert_true(lat > 10.46 && lat < 10.47 && lon < -68.0 && lon > -68.02);
    assert_int_equal(psec_io_ddmm("", &lat, &lon), 0);
    assert_int_equal(psec_io_ddmm("0460N 00000E", &lat, &lon), -2);  /* 60 minutes */
    assert_int_equal(psec_io_ddmm("9100N 00000E", &lat, &lon), -1);  /* latitude 91 */
    assert_int_equal(psec_io_ddmm("0437X 05527E", &lat, &lon), -1);
    assert_int_equal(psec_io_ddmm("0437S05527E", &lat, &lon), -1);
    assert_int_equal(psec_io_lat("91", &lat), -1);
    assert_int_equal(psec_io_lat("-90", &lat), 1);
    assert_int_equal(psec_io_lon("180.5", &lon), -1);
    assert_int_equal(psec_io_lat(" ", &lat), 0);
    assert_int_equal(psec_io_lat("4.5x", &lat), -1);
}

static void test_wpi_locode(void **state)
{
    char out[6];

    (void)state;
    assert_true(psec_io_wpi_locode("CN FAN", out));
    assert_string_equal(out, "CNFAN");
    assert_true(psec_io_wpi_locode("CNFAN", out));
    assert_string_equal(out, "CNFAN");
    assert_true(psec_io_wpi_locode(" VG RAD", out));
    assert_string_equal(out, "VGRAD");
    assert_true(psec_io_wpi_locode("sc pov", out));
    assert_string_equal(out, "SCPOV");
    assert_false(psec_io_wpi_locode(" ", out));
    assert_string_equal(out, "");
    assert_false(psec_io_wpi_locode("GB ME\"\"", out));
    assert_false(psec_io_wpi_locode("CL", out));
    assert_false(psec_io_wpi_locode("CN FANX", out));
    assert_false(psec_io_wpi_locode("CN-FAN", out));
}

static void test_dates(void **state)
{
    char d[11];

    (void)state;
    assert_int_equal(psec_io_date("2021-03-15", d), 1);
    assert_string_equal(d, "2021-03-15");
    assert_int_equal(psec_io_date("2025-01-20T10:00:00Z", d), 1);
    assert_string_equal(d, "2025-01-20");
    assert_int_equal(psec_io_date("", d), 0);
    assert_int_equal(psec_io_date("2021-02-30", d), -1);
    assert_int_equal(psec_io_date("15/03/2021", d), -1);
}

/* ---- importers on fixtures ----------------------------------------------- */

static void test_countries_ports(void **state)
{
    struct psec_db *db = open_db();
    struct psec_import_result r;
    json_t *p;

    (void)state;
    import_ok(db, "countries", FIX "countries.csv", false, &r);
    assert_int_equal(r.rows, 8);
    assert_int_equal(r.imported, 8);
    psec_import_result_free(&r);
    import_ok(db, "ports", FIX "ports.csv", false, &r);
    assert_int_equal(r.rows, 9);
    assert_int_equal(r.imported, 8);
    assert_int_equal(r.skipped, 1);           /* the airport is no sea port */
    assert_null(r.rejects);
    psec_import_result_free(&r);
    assert_int_equal(count(db, "port"), 8);
    assert_false(psec_store_port_exists(db, "SCSEZ"));
    p = port(db, "SCPOV");
    assert_string_equal(json_string_value(json_object_get(p, "coord_source")), "geocoded");
    assert_true(fabs(json_real_value(json_object_get(p, "lat")) - (-4.6232085)) < 1e-6);
    json_decref(p);
    p = port(db, "NGLOS");
    assert_true(json_is_null(json_object_get(p, "lat")));
    json_decref(p);
    psec_db_close(db);
}

static void test_unece_latin1(void **state)
{
    struct psec_db *db = open_db();
    struct psec_import_result r;
    json_t *p;

    (void)state;
    import_quiet(db, "countries", FIX "countries.csv");
    import_ok(db, "ports", FIX "ports-unece.csv", false, &r);
    /* heading row, "=" reference, 'X' entry, and the airport are skipped */
    assert_int_equal(r.rows, 8);
    assert_int_equal(r.imported, 4);
    assert_int_equal(r.skipped, 4);
    psec_import_result_free(&r);
    p = port(db, "SCFRK");
    assert_string_equal(json_string_value(json_object_get(p, "name")), "Fr\xc3\xa9gate");
    assert_string_equal(json_string_value(json_object_get(p, "name_ascii")), "Fregate");
    assert_true(fabs(json_real_value(json_object_get(p, "lat")) - (-(4 + 35 / 60.0))) < 1e-6);
    assert_true(fabs(json_real_value(json_object_get(p, "lon")) - (55 + 56 / 60.0)) < 1e-6);
    assert_string_equal(json_string_value(json_object_get(p, "coord_source")), "unlocode");
    json_decref(p);
    p = port(db, "VEPBL");
    assert_true(json_real_value(json_object_get(p, "lon")) < -68.0);
    json_decref(p);
    assert_false(psec_store_port_exists(db, "SCOLD"));
    assert_false(psec_store_port_exists(db, "SCBDI"));
    psec_db_close(db);
}

static void test_bad_row_changes_nothing(void **state)
{
    struct psec_db *db = open_db();
    struct psec_import_result r;
    struct psec_err e = {0};
    char *before, *after;

    (void)state;
    import_quiet(db, "countries", FIX "countries.csv");
    import_quiet(db, "ports", FIX "ports.csv");
    before = counts_text(db);
    /* Le Havre is in the table already; the bad file would change Houston
     * and add nothing new, so check a value as well as the counts. */
    psec_import_result_init(&r);
    assert_int_equal(psec_app_import(db, "ports", FIX "ports-bad-lat.csv", NULL, &r, &e),
                     PSEC_E_INVALID);
    assert_non_null(strstr(e.msg, "ports-bad-lat.csv:4: column lat: \"91\" is not a latitude"));
    psec_import_result_free(&r);
    after = counts_text(db);
    assert_string_equal(before, after);
    free(after);

    /* A country code that is no country: the message names it. */
    psec_import_result_init(&r);
    assert_int_equal(psec_app_import(db, "ports", FIX "ports-unknown-country.csv", NULL, &r,
                                     &e), PSEC_E_INVALID);
    assert_non_null(strstr(e.msg, "ports-unknown-country.csv:3: column country:"));
    assert_non_null(strstr(e.msg, "\"QQ\""));
    psec_import_result_free(&r);
    after = counts_text(db);
    assert_string_equal(before, after);
    free(after);

    /* Countries: a lower-case code on line 3 stops it; SC on line 2 is not
     * written twice. */
    psec_import_result_init(&r);
    assert_int_equal(psec_app_import(db, "countries", FIX "countries-bad.csv", NULL, &r, &e),
                     PSEC_E_INVALID);
    assert_non_null(strstr(e.msg, "countries-bad.csv:3: column alpha2:"));
    psec_import_result_free(&r);
    after = counts_text(db);
    assert_string_equal(before, after);
    free(after);
    free(before);
    psec_db_close(db);
}

static void test_broken_quoting(void **state)
{
    struct psec_db *db = open_db();
    struct psec_import_result r;
    struct psec_err e = {0};

    (void)state;
    import_quiet(db, "countries", FIX "countries.csv");
    psec_import_result_init(&r);
    assert_int_equal(psec_app_import(db, "ports", FIX "ports-broken-quote.csv", NULL, &r, &e),
                     PSEC_E_INVALID);
    assert_non_null(strstr(e.msg, "ports-broken-quote.csv:3: column name:"));
    assert_non_null(strstr(e.msg, "stray quote"));
    psec_import_result_free(&r);
    assert_int_equal(count(db, "port"), 0);
    psec_db_close(db);
}

static void test_rollback_keeps_values(void **state)
{
    struct psec_db *db = open_db();
    struct psec_import_result r;
    struct psec_err e = {0};
    json_t *p;

    (void)state;
    import_quiet(db, "countries", FIX "countries.csv");
    /* In an empty table the bad file adds SCPOV and USHOU before line 4
     * fails: after the rollback neither is there. */
    psec_import_result_init(&r);
    assert_int_equal(psec_app_import(db, "ports", FIX "ports-bad-lat.csv", NULL, &r, &e),
                     PSEC_E_INVALID);
    psec_import_result_free(&r);
    assert_int_equal(count(db, "port"), 0);
    assert_false(psec_store_port_exists(db, "SCPOV"));
    /* and the database is still usable */
    import_quiet(db, "ports", FIX "ports.csv");
    p = port(db, "SCPOV");
    json_decref(p);
    psec_db_close(db);
}

static void test_skip_invalid(void **state)
{
    struct psec_db *db = open_db();
    struct psec_import_result r;
    json_t *rej, *doc;

    (void)state;
    import_quiet(db, "countries", FIX "countries.csv");
    import_ok(db, "ports", FIX "ports-bad-lat.csv", true, &r);
    assert_int_equal(r.rows, 4);
    assert_int_equal(r.imported, 3);
    assert_int_equal(r.rejected, 1);
    assert_int_equal(json_array_size(r.rejects), 1);
    rej = json_array_get(r.rejects, 0);
    assert_int_equal(json_integer_value(json_object_get(rej, "line")), 4);
    assert_string_equal(json_string_value(json_object_get(rej, "column")), "lat");
    assert_non_null(strstr(json_string_value(json_object_get(rej, "reason")), "latitude"));
    doc = psec_import_result_json(&r);
    assert_int_equal(json_array_size(json_object_get(doc, "rejects")), 1);
    assert_int_equal(json_integer_value(json_object_get(doc, "rejected")), 1);
    json_decref(doc);
    psec_import_result_free(&r);
    assert_int_equal(count(db, "port"), 3);
    assert_false(psec_store_port_exists(db, "FRLEH"));
    assert_true(psec_store_port_exists(db, "NGLOS"));

    /* an unknown country is a reject too */
    import_ok(db, "ports", FIX "ports-unknown-country.csv", true, &r);
    assert_int_equal(r.rejected, 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(r.rejects, 0),
                                                          "column")), "country");
    psec_import_result_free(&r);
    psec_db_close(db);
}

static const char *reason_for(json_t *list, const char *key, json_int_t value)
{
    size_t i;
    json_t *v;

    json_array_foreach(list, i, v) {
        json_t *k = json_object_get(v, key);
        if ((json_is_integer(k) && json_integer_value(k) == value) ||
            (json_is_string(k) && strtod(json_string_value(k), NULL) == (double)value))
            return json_string_value(json_object_get(v, "reason"));
    }
    return NULL;
}

static void test_wpi_messy(void **state)
{
    struct psec_db *db = open_db();
    struct psec_import_result r;
    struct psec_err e = {0};
    json_t *p;
    const char *why;

    (void)state;
    import_quiet(db, "countries", FIX "countries.csv");
    import_quiet(db, "ports", FIX "ports.csv");
    import_ok(db, "wpi", FIX "wpi.csv", false, &r);
    assert_int_equal(r.rows, 9);
    assert_int_equal(r.imported, 3);          /* SC POV, USHOU, NG APP */
    assert_int_equal(r.unmatched, 6);
    assert_int_equal(json_array_size(r.unmatched_list), 6);
    why = reason_for(r.unmatched_list, "wpi_number", 46020);
    assert_non_null(why);
    assert_string_equal(why, "no UN/LOCODE");
    why = reason_for(r.unmatched_list, "wpi_number", 35040);
    assert_non_null(why);
    assert_non_null(strstr(why, "not a UN/LOCODE"));
    why = reason_for(r.unmatched_list, "wpi_number", 99999);
    assert_non_null(strstr(why, "FRXYZ is not a sea port"));
    why = reason_for(r.unmatched_list, "wpi_number", 7541);
    assert_non_null(strstr(why, "USHOU is already merged with WPI 7540"));
    why = reason_for(r.unmatched_list, "line", 10);
    assert_non_null(strstr(why, "9510.1 is not a whole number"));
    psec_import_result_free(&r);
    /* recorded, apart from the repeated number and the fractional one */
    assert_int_equal(count(db, "wpi_unmatched"), 4);

    p = port(db, "SCPOV");
    assert_int_equal(json_integer_value(json_object_get(p, "wpi_number")), 47220);
    assert_string_equal(json_string_value(json_object_get(p, "harbor_size")), "Very Small");
    assert_string_equal(json_string_value(json_object_get(p, "alt_names")),
                        "Mahe; Port Victoria");
    /* a geocoded position gives way to the charted WPI one */
    assert_string_equal(json_string_value(json_object_get(p, "coord_source")), "wpi");
    assert_true(fabs(json_real_value(json_object_get(p, "lat")) - (-4.616667)) < 1e-6);
    json_decref(p);
    p = port(db, "USHOU");
    /* a UN/LOCODE position stays */
    assert_string_equal(json_string_value(json_object_get(p, "coord_source")), "unlocode");
    assert_true(fabs(json_real_value(json_object_get(p, "lon")) - (-95.35)) < 1e-9);
    json_decref(p);
    p = port(db, "NGAPP");
    /* Geoapify put Apapa 400 km inland; WPI puts it in Lagos harbour */
    assert_true(json_real_value(json_object_get(p, "lat")) < 7.0);
    json_decref(p);

    /* Re-import: the same answer, and the unmatched table is not doubled. */
    import_ok(db, "wpi", FIX "wpi.csv", false, &r);
    assert_int_equal(r.unmatched, 6);
    psec_import_result_free(&r);
    assert_int_equal(count(db, "wpi_unmatched"), 4);

    psec_import_result_init(&r);
    assert_int_equal(psec_app_import(db, "wpi", FIX "wpi-bad-size.csv", NULL, &r, &e),
                     PSEC_E_INVALID);
    assert_non_null(strstr(e.msg, "wpi-bad-size.csv:2: column Harbor Size: \"Huge\""));
    psec_import_result_free(&r);
    assert_int_equal(count(db, "wpi_unmatched"), 4);
    psec_db_close(db);
}

static void test_mid(void **state)
{
    struct psec_db *db = open_db();
    struct psec_import_result r;
    struct psec_err e = {0};

    (void)state;
    import_quiet(db, "countries", FIX "countries.csv");
    psec_import_result_init(&r);
    assert_int_equal(psec_app_import(db, "mid", FIX "mid.csv", NULL, &r, &e), PSEC_E_INVALID);
    assert_non_null(strstr(e.msg, "mid.csv:7: column MID: \"999\""));
    psec_import_result_free(&r);
    assert_int_equal(count(db, "mid"), 0);

    import_ok(db, "mid", FIX "mid-good.csv", false, &r);
    assert_int_equal(r.imported, 8);
    /* 441 maps to no country (by the map beside the file); Portugal is not
     * in the fixture's country list. */
    assert_int_equal(r.unmatched, 2);
    assert_non_null(reason_for(r.unmatched_list, "mid", 441));
    assert_null(reason_for(r.unmatched_list, "mid", 775));
    assert_non_null(strstr(reason_for(r.unmatched_list, "mid", 204), "mid-country-map.csv"));
    psec_import_result_free(&r);
    assert_int_equal(count(db, "mid"), 8);
    psec_db_close(db);
}

static void test_mid_countries(void **state)
{
    struct psec_db *db = open_db();
    json_t *rows;
    struct psec_stmt *st;
    static const struct {
        int mid;
        const char *cc;
    } want[] = {{664, "SC"}, {338, "US"}, {310, "BM"}, {440, "KR"}, {657, "NG"},
                {775, "VE"}};

    (void)state;
    import_quiet(db, "countries", FIX "countries.csv");
    import_quiet(db, "mid", FIX "mid-good.csv");
    st = psec_db_stmt(db, "SELECT mid, country FROM mid ORDER BY mid", NULL);
    rows = psec_stmt_json_rows(st, NULL);
    assert_non_null(rows);
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        size_t i;
        json_t *v;
        bool found = false;
        json_array_foreach(rows, i, v) {
            if (json_integer_value(json_object_get(v, "mid")) == want[k].mid) {
                assert_string_equal(json_string_value(json_object_get(v, "country")),
                                    want[k].cc);
                found = true;
            }
        }
        assert_true(found);
    }
    json_decref(rows);
    psec_db_close(db);
}

static void test_isps_and_facilities(void **state)
{
    struct psec_db *db = open_db();
    struct psec_import_result r;
    struct psec_import_opts demo = {.demo = true};
    struct psec_err e = {0};
    json_t *c, *f;

    (void)state;
    import_quiet(db, "countries", FIX "countries.csv");
    import_quiet(db, "ports", FIX "ports.csv");
    import_ok(db, "isps", FIX "isps.csv", false, &r);
    assert_int_equal(r.imported, 2);
    psec_import_result_free(&r);
    c = psec_store_country_get(db, "SC", NULL);
    assert_non_null(c);
    assert_int_equal(json_integer_value(json_object_get(c, "isps_since")), 2004);
    assert_int_equal(json_integer_value(json_object_get(c, "solas")), 1);
    assert_string_equal(json_string_value(json_object_get(c, "unit")), "Test Unit East");
    assert_non_null(strstr(json_string_value(json_object_get(c, "notes")),
                           "Assumed, not verified: unit"));
    json_decref(c);
    /* re-importing the countries keeps the ISPS fields */
    import_quiet(db, "countries", FIX "countries.csv");
    c = psec_store_country_get(db, "SC", NULL);
    assert_int_equal(json_integer_value(json_object_get(c, "isps_since")), 2004);
    json_decref(c);

    psec_import_result_init(&r);
    assert_int_equal(psec_app_import(db, "facilities", FIX "facilities.csv", &demo, &r, &e),
                     PSEC_OK);
    assert_int_equal(r.imported, 4);
    psec_import_result_free(&r);
    f = psec_store_facility_get(db, "SCPOV-0001", NULL);
    assert_non_null(f);
    assert_int_equal(json_integer_value(json_object_get(f, "demo")), 1);
    /* SoC issued 2021-03-15: valid five years */
    assert_string_equal(json_string_value(json_object_get(f, "soc_expiry")), "2026-03-15");
    assert_string_equal(json_string_value(json_object_get(f, "pfsp_approved")), "2004-06-28");
    assert_string_equal(json_string_value(json_object_get(f, "status")), "active");
    json_decref(f);
    f = psec_store_facility_get(db, "NGLOS-0001", NULL);
    assert_string_equal(json_string_value(json_object_get(f, "status")), "withdrawn");
    json_decref(f);
    /* a number built on a code that is no UN/LOCODE finds its port by name */
    f = psec_store_facility_get(db, "NG999-0001", NULL);
    assert_non_null(f);
    assert_string_equal(json_string_value(json_object_get(f, "port")), "NGONN");
    json_decref(f);

    psec_import_result_init(&r);
    assert_int_equal(psec_app_import(db, "facilities", FIX "facilities-bad.csv", NULL, &r, &e),
                     PSEC_E_INVALID);
    assert_non_null(strstr(e.msg, "facilities-bad.csv:3: column IMO Port Facility Number:"));
    psec_import_result_free(&r);
    assert_int_equal(count(db, "facility"), 4);
    psec_db_close(db);
}

static void test_missing_file_and_kind(void **state)
{
    struct psec_db *db = open_db();
    struct psec_import_result r;
    struct psec_err e = {0};

    (void)state;
    psec_import_result_init(&r);
    assert_int_equal(psec_app_import(db, "ports", FIX "no-such-file.csv", NULL, &r, &e),
                     PSEC_E_IO);
    assert_non_null(strstr(e.msg, "no-such-file.csv"));
    assert_non_null(strstr(e.msg, "No such file"));
    assert_int_equal(psec_app_import(db, "ships", FIX "ports.csv", NULL, &r, &e), PSEC_E_USAGE);
    assert_false(psec_app_import_kind_valid("ships"));
    assert_true(psec_app_import_kind_valid("wpi"));
    psec_import_result_free(&r);
    psec_db_close(db);
}

/* ---- the bundled data ------------------------------------------------------ */

static void test_bundled(void **state)
{
    struct psec_db *db = open_db();
    struct psec_import_result r;
    struct psec_err e = {0};
    bool already = true;
    char *before, *after;
    json_t *p, *c;

    (void)state;
    psec_import_result_init(&r);
    if (psec_app_load_bundled(db, PSEC_TESTDIR "/../data", &r, &already, &e) != PSEC_OK)
        fail_msg("load_bundled: %s", e.msg);
    assert_false(already);
    assert_int_equal(r.rejected, 0);
    assert_int_equal(json_array_size(r.datasets), 7);
    psec_import_result_free(&r);
    /* Figures documented in data/ and the report. */
    assert_int_equal(count(db, "country"), 250);
    assert_int_equal(count(db, "port"), 16950);
    assert_int_equal(count(db, "mid"), 292);
    assert_int_equal(count(db, "facility"), 9);
    assert_int_equal(count(db, "dataset"), 7);
    assert_true(count(db, "wpi_unmatched") > 1000);
    p = port(db, "SCPOV");
    assert_string_equal(json_string_value(json_object_get(p, "country")), "SC");
    assert_int_equal(json_integer_value(json_object_get(p, "wpi_number")), 47220);
    json_decref(p);
    p = port(db, "JPAIK");   /* a name with a comma, repaired in data/ports */
    assert_string_equal(json_string_value(json_object_get(p, "name")), "Aikawa, Niigata");
    assert_string_equal(json_string_value(json_object_get(p, "subdivision")), "15");
    json_decref(p);
    c = psec_store_country_get(db, "SC", NULL);
    assert_int_equal(json_integer_value(json_object_get(c, "isps_since")), 2004);
    json_decref(c);

    before = counts_text(db);
    psec_import_result_init(&r);
    assert_int_equal(psec_app_load_bundled(db, PSEC_TESTDIR "/../data", &r, &already, &e),
                     PSEC_OK);
    assert_true(already);
    assert_int_equal(r.imported, 0);
    psec_import_result_free(&r);
    after = counts_text(db);
    assert_string_equal(before, after);
    free(before);
    free(after);
    psec_db_close(db);
}

static void test_bundled_missing_dir(void **state)
{
    struct psec_db *db = open_db();
    struct psec_import_result r;
    struct psec_err e = {0};
    bool already;

    (void)state;
    psec_import_result_init(&r);
    assert_int_equal(psec_app_load_bundled(db, "/nonexistent-portsec-data", &r, &already, &e),
                     PSEC_E_IO);
    assert_non_null(strstr(e.msg, "country-codes.csv"));
    psec_import_result_free(&r);
    assert_int_equal(count(db, "country"), 0);
    assert_int_equal(count(db, "dataset"), 0);
    psec_db_close(db);
}

/* ---- the official UNECE release, when ../shared is there --------------------- */

static void test_unece_official(void **state)
{
    const char *shared = getenv("PSEC_SHARED");
    char f2[512], f3[512];
    struct psec_db *db;
    struct psec_import_result r;
    struct psec_err e = {0};
    json_t *p, *v;
    size_t i;

    (void)state;
    if (shared == NULL || *shared == '\0')
        skip();
    snprintf(f2, sizeof f2, "%s/data/ref/un-locode/unlocode-2023-1-official-CodeListPart2.csv",
             shared);
    snprintf(f3, sizeof f3, "%s/data/ref/un-locode/unlocode-2023-1-official-CodeListPart3.csv",
             shared);
    if (access(f2, R_OK) != 0 || access(f3, R_OK) != 0) {
        print_message("PSEC_SHARED has no UNECE release files: skipped\n");
        skip();
    }
    db = open_db();
    import_quiet(db, "countries", PSEC_TESTDIR "/../data/countries/country-codes.csv");
    import_quiet(db, "countries", PSEC_TESTDIR "/../data/countries/unlocode-extra.csv");
    /* The release has 20 positions with 60 or more minutes ("5239N
     * 00170W"): all or nothing stops at the first, skip-invalid lists them. */
    psec_import_result_init(&r);
    assert_int_equal(psec_app_import(db, "ports", f2, NULL, &r, &e), PSEC_E_INVALID);
    assert_non_null(strstr(e.msg, "CodeListPart2.csv:540: column Coordinates: \"5239N 00170W\""));
    psec_import_result_free(&r);
    assert_int_equal(count(db, "port"), 0);
    import_ok(db, "ports", f2, true, &r);
    assert_int_equal(r.rows, 27620);
    assert_int_equal(r.rejected, 11);
    assert_int_equal(r.imported, 7001);
    json_array_foreach(r.rejects, i, v)
        assert_string_equal(json_string_value(json_object_get(v, "column")), "Coordinates");
    psec_import_result_free(&r);
    import_ok(db, "ports", f3, true, &r);
    assert_int_equal(r.rows, 33961);
    assert_int_equal(r.rejected, 9);
    assert_int_equal(r.imported, 4143);
    psec_import_result_free(&r);
    p = port(db, "SCPOV");
    assert_string_equal(json_string_value(json_object_get(p, "name")), "Port Victoria");
    json_decref(p);
    p = port(db, "PTADG");     /* "Amoreira da G\xe2ndara" in the Latin-1 file */
    assert_string_equal(json_string_value(json_object_get(p, "name")),
                        "Amoreira da G\xc3\xa2ndara");
    assert_true(fabs(json_real_value(json_object_get(p, "lat")) - (40 + 29 / 60.0)) < 1e-6);
    json_decref(p);
    psec_db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ddmm),
        cmocka_unit_test(test_wpi_locode),
        cmocka_unit_test(test_dates),
        cmocka_unit_test_setup_teardown(test_countries_ports, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unece_latin1, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_row_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_broken_quoting, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollback_keeps_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_skip_invalid, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wpi_messy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mid, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mid_countries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isps_and_facilities, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_file_and_kind, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bundled, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bundled_missing_dir, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unece_official, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
