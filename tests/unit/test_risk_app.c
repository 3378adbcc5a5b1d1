/*
 * test_risk_app.c — the risk use cases against a real (temporary) database:
 * trade import (Census layout, commodity breakdown, bad rows all or
 * nothing, --skip-invalid), the demo unit, threat inputs, ranking by unit,
 * the plan, weights files, and the idempotent bundled and demo loaders.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/import.h"
#include "app/risk.h"
#include "base/time.h"
#include "store/db.h"
#include "store/registry.h"
#include "testdb.h"

#define DATADIR PSEC_TESTDIR "/../data"

static char path[1024], tmpdir[64];   /* path: a SQLite file or a PostgreSQL URL (testdb.h) */

struct cty {
    const char *a2, *a3, *name, *locode;
    double lat, lon;
};

/* The demo unit's countries with one port each, and two that test name
 * matching (Korea; Micronesia whose Census name differs). */
static const struct cty ctys[] = {
    {"SC", "SYC", "Seychelles", "SCPOV", -4.62, 55.45},
    {"MU", "MUS", "Mauritius", "MUPLU", -20.16, 57.50},
    {"MG", "MDG", "Madagascar", "MGTMM", -18.15, 49.40},
    {"KM", "COM", "Comoros", "KMMUT", -12.17, 44.40},
    {"MV", "MDV", "Maldives", "MVMLE", 4.18, 73.51},
    {"LK", "LKA", "Sri Lanka", "LKCMB", 6.95, 79.85},
    {"ID", "IDN", "Indonesia", "IDTPP", -6.10, 106.88},
    {"PH", "PHL", "Philippines", "PHMNL", 14.58, 120.97},
    {"TL", "TLS", "Timor-Leste", "TLDIL", -8.55, 125.57},
    {"PG", "PNG", "Papua New Guinea", "PGPOM", -9.45, 147.19},
    {"FJ", "FJI", "Fiji", "FJSUV", -18.13, 178.42},
    {"FM", "FSM", "Micronesia (Federated States of)", "FMPNI", 6.96, 158.21},
    {"NR", "NRU", "Nauru", "NRINU", -0.53, 166.92},
    {"KR", "KOR", "Republic of Korea", "KRPUS", 35.10, 129.04},
    {"US", "USA", "United States of America", "USNYC", 40.70, -74.00},
};

static int setup(void **state)
{
    struct psec_db *db;
    struct psec_err e = {0};
    (void)state;

    snprintf(path, sizeof path, "%s", testdb_fresh());
    snprintf(tmpdir, sizeof tmpdir, "/tmp/psec-test-risk-%d", (int)getpid());
    assert_int_equal(psec_db_open(&db, path, 0, &e), PSEC_OK);
    for (size_t i = 0; i < sizeof ctys / sizeof ctys[0]; i++) {
        struct psec_country c = {.solas = 1, .isps_since = 2004};
        struct psec_port p = {.has_pos = true};
        snprintf(c.alpha2, sizeof c.alpha2, "%s", ctys[i].a2);
        snprintf(c.alpha3, sizeof c.alpha3, "%s", ctys[i].a3);
        snprintf(c.name, sizeof c.name, "%s", ctys[i].name);
        snprintf(c.region, sizeof c.region, "%s", strcmp(ctys[i].a2, "US") ? "Asia" : "Americas");
        snprintf(p.locode, sizeof p.locode, "%s", ctys[i].locode);
        snprintf(p.country, sizeof p.country, "%s", ctys[i].a2);
        snprintf(p.name, sizeof p.name, "Port of %s", ctys[i].name);
        p.lat = ctys[i].lat;
        p.lon = ctys[i].lon;
        if (strcmp(ctys[i].a2, "NR") == 0)
            c.solas = 0;                /* exercise the ISPS component */
        assert_int_equal(psec_store_country_put(db, &c, &e), PSEC_OK);
        assert_int_equal(psec_store_port_put(db, &p, &e), PSEC_OK);
    }
    psec_db_close(db);
    return 0;
}

static int teardown(void **state)
{
    static const char *const tmps[] = {"bad.csv", "x.csv", "w1.json", "w2.json", "w3.json",
                                       "w4.json"};
    char p[128];
    (void)state;
    for (size_t i = 0; i < sizeof tmps / sizeof tmps[0]; i++) {
        snprintf(p, sizeof p, "%s-%s", tmpdir, tmps[i]);
        unlink(p);
    }
    testdb_drop();
    return 0;
}

static struct psec_db *open_db(void)
{
    struct psec_db *db;
    struct psec_err e = {0};
    assert_int_equal(psec_db_open(&db, path, 0, &e), PSEC_OK);
    return db;
}

static const char *write_tmp(const char *name, const char *text)
{
    static char p[128];
    FILE *f;
    snprintf(p, sizeof p, "%s-%s", tmpdir, name);
    f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return p;
}

static const json_t *find(const json_t *arr, const char *key, const char *val)
{
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v)
        if (strcmp(json_string_value(json_object_get(v, key)), val) == 0)
            return v;
    return NULL;
}

static void test_import_census(void **state)
{
    struct psec_db *db = open_db();
    struct psec_import_result res;
    struct psec_import_opts io = {0};
    struct psec_err e = {0};
    json_t *t;
    (void)state;

    /* The Census file has one bad row (line 3001: Yemen with no year), so the
     * all-or-nothing import refuses it and leaves nothing behind ... */
    psec_import_result_init(&res);
    assert_int_equal(psec_app_import_trade(db, DATADIR "/trade/census-us-trade-by-partner-"
                                           "1985-2011.csv", &io, &res, &e), PSEC_E_INVALID);
    assert_string_equal(e.msg, "census-us-trade-by-partner-1985-2011.csv:3001: column year: "
                               "\"\" is not a year");
    psec_import_result_free(&res);
    t = psec_app_trade_show(db, "SC", &e);
    assert_int_equal(json_array_size(t), 0);
    json_decref(t);
    /* ... and with skip_invalid that row alone is rejected. */
    io.skip_invalid = true;
    psec_import_result_init(&res);
    if (psec_app_import_trade(db, DATADIR "/trade/census-us-trade-by-partner-1985-2011.csv",
                              &io, &res, &e) != PSEC_OK)
        fail_msg("%s", e.msg);
    assert_int_equal(res.rejected, 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(res.rejects, 0), "line")),
                     3001);
    assert_string_equal(res.kind, "trade");
    assert_int_equal(res.rows + res.skipped, 5458);
    assert_int_equal(res.skipped, 280);                /* aggregates 0001..0015 */
    assert_int_equal(res.imported, 300);               /* 14 partners x their years */
    assert_true(res.unmatched > 0);
    assert_non_null(find(res.unmatched_list, "partner", "USSR"));
    assert_null(find(res.unmatched_list, "partner", "Korea, South"));
    psec_import_result_free(&res);

    t = psec_app_trade_show(db, "SC", &e);
    assert_non_null(t);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(t, 0), "year")), 2011);
    assert_float_equal(json_real_value(json_object_get(json_array_get(t, 0), "imports")),
                       6.265409, 1e-9);
    json_decref(t);
    /* Names that differ: "Korea, South" (override) and "Micronesia". */
    t = psec_app_trade_show(db, "KR", &e);
    assert_true(json_array_size(t) > 20);
    json_decref(t);
    t = psec_app_trade_show(db, "FM", &e);
    assert_true(json_array_size(t) > 0);
    json_decref(t);
    psec_db_close(db);
}

static void test_import_bad_rows(void **state)
{
    struct psec_db *db = open_db();
    struct psec_import_result res;
    struct psec_import_opts io = {0};
    struct psec_err e = {0};
    const char *f = write_tmp("bad.csv",
        "year,CTY_CODE,CTYNAME,IYR,EYR\n"
        "2020,7800,Seychelles,7.5,14\n"
        "2021,7800,Seychelles,lots,14\n"
        "2022,7800,Seychelles,8,-1\n");
    json_t *t;
    (void)state;

    io.name = "bad.csv";
    psec_import_result_init(&res);
    assert_int_equal(psec_app_import_trade(db, f, &io, &res, &e), PSEC_E_INVALID);
    assert_string_equal(e.msg, "bad.csv:3: column IYR: \"lots\" is not an amount >= 0 "
                               "(million USD)");
    psec_import_result_free(&res);
    /* Nothing of it stayed: 2020 is not there. */
    t = psec_app_trade_show(db, "SC", &e);
    for (size_t i = 0; i < json_array_size(t); i++)
        assert_int_not_equal(json_integer_value(json_object_get(json_array_get(t, i), "year")),
                             2020);
    json_decref(t);

    io.skip_invalid = true;
    psec_import_result_init(&res);
    assert_int_equal(psec_app_import_trade(db, f, &io, &res, &e), PSEC_OK);
    assert_int_equal(res.imported, 1);
    assert_int_equal(res.rejected, 2);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(res.rejects, 1), "line")),
                     4);
    assert_string_equal(json_string_value(json_object_get(json_array_get(res.rejects, 1),
                                                          "column")), "EYR");
    psec_import_result_free(&res);

    /* Not a trade file at all. */
    f = write_tmp("x.csv", "a,b\n1,2\n");
    psec_import_result_init(&res);
    assert_int_equal(psec_app_import_trade(db, f, &io, &res, &e), PSEC_E_INVALID);
    assert_non_null(strstr(e.msg, "not a trade file"));
    psec_import_result_free(&res);
    psec_import_result_init(&res);
    assert_int_equal(psec_app_import_trade(db, "/nonexistent/t.csv", &io, &res, &e), PSEC_E_IO);
    psec_import_result_free(&res);
    psec_db_close(db);
}

static void test_commodities(void **state)
{
    struct psec_db *db = open_db();
    struct psec_import_result res;
    struct psec_import_opts io = {0};
    struct psec_err e = {0};
    json_t *t, *y2013 = NULL;
    (void)state;

    psec_import_result_init(&res);
    assert_int_equal(psec_app_import_trade(db, DATADIR "/trade/commodity-breakdown.csv", &io,
                                           &res, &e), PSEC_OK);
    assert_string_equal(res.kind, "commodities");
    assert_int_equal(res.imported, 2);
    psec_import_result_free(&res);
    t = psec_app_trade_show(db, "Seychelles", &e);
    for (size_t i = 0; i < json_array_size(t); i++)
        if (json_integer_value(json_object_get(json_array_get(t, i), "year")) == 2013)
            y2013 = json_array_get(t, i);
    assert_non_null(y2013);
    assert_int_equal(json_array_size(json_object_get(y2013, "commodities")), 2);
    json_decref(t);
    psec_db_close(db);
}

static void test_demo_rank_plan(void **state)
{
    struct psec_db *db = open_db();
    struct psec_err e = {0};
    struct psec_rank_opts ro = {0};
    struct psec_plan_opts po = {0};
    json_t *doc, *cs, *u, *sc;
    double prev = 2;
    size_t i;
    (void)state;

    assert_int_equal(psec_app_risk_load_demo(db, DATADIR, &e), PSEC_OK);
    assert_int_equal(psec_app_risk_load_demo(db, DATADIR, &e), PSEC_OK);   /* idempotent */
    u = psec_app_unit_list(db, &e);
    assert_int_equal(json_array_size(u), 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(u, 0), "countries")), 13);
    json_decref(u);
    u = psec_app_threat_list(db, "SC", &e);
    assert_int_equal(json_array_size(u), 1);
    json_decref(u);

    ro.unit = "asia-pacific (demo)";                  /* case-insensitive */
    ro.as_of = psec_days_from_civil(2026, 11, 25);
    ro.datadir = DATADIR;
    doc = psec_app_rank(db, &ro, &e);
    assert_non_null(doc);
    cs = json_object_get(doc, "countries");
    assert_int_equal(json_array_size(cs), 13);
    json_array_foreach(cs, i, u) {
        double s = json_real_value(json_object_get(u, "score"));
        assert_true(s <= prev);
        prev = s;
        assert_int_equal(json_integer_value(json_object_get(u, "rank")), (json_int_t)i + 1);
        assert_int_equal(json_object_size(json_object_get(u, "components")), 8);
    }
    sc = (json_t *)find(cs, "country", "SC");
    assert_non_null(sc);
    assert_non_null(strstr(json_string_value(json_object_get(json_object_get(
                               json_object_get(sc, "components"), "threat"), "why")),
                           "analyst threat 2/5"));
    /* Nauru is not a SOLAS party in this fixture. */
    assert_float_equal(json_real_value(json_object_get(json_object_get(json_object_get(
                           find(cs, "country", "NR"), "components"), "isps_status"), "score")),
                       1.0, 1e-9);
    json_decref(doc);

    ro.unit = "No Such Unit";
    assert_null(psec_app_rank(db, &ro, &e));
    assert_int_equal(e.code, PSEC_E_NOTFOUND);

    po.unit = "Asia-Pacific (demo)";
    po.year = 2027;
    po.capacity = -1;
    po.max_per_month = -1;
    po.group_km = -1;
    po.as_of = ro.as_of;
    po.datadir = DATADIR;
    doc = psec_app_plan(db, &po, &e);
    assert_non_null(doc);
    assert_int_equal(json_integer_value(json_object_get(doc, "capacity")), 8);
    assert_true(json_array_size(json_object_get(doc, "visits")) <= 8);
    assert_int_equal(json_array_size(json_object_get(doc, "countries")), 13);
    json_decref(doc);

    {
        char *ics = psec_app_plan_ics(db, &po, 0, &e);
        assert_non_null(ics);
        assert_non_null(strstr(ics, "BEGIN:VCALENDAR\r\n"));
        assert_non_null(strstr(ics, "@portsec\r\n"));
        free(ics);
    }
    po.unit = NULL;
    assert_null(psec_app_plan(db, &po, &e));
    assert_int_equal(e.code, PSEC_E_USAGE);
    psec_db_close(db);
}

static void test_threat_and_units(void **state)
{
    struct psec_db *db = open_db();
    struct psec_err e = {0};
    struct psec_unit_spec s = {.name = "Test Unit", .capacity = 4, .max_per_month = 1};
    const char *cc[] = {"Fiji", "NR"};
    json_t *o;
    (void)state;

    assert_null(psec_app_threat_set(db, "SC", 6, 0, "x", &e));
    assert_int_equal(e.code, PSEC_E_INVALID);
    assert_null(psec_app_threat_set(db, "SC", 3, 0, "", &e));
    assert_null(psec_app_threat_set(db, "Atlantis", 3, 0, "x", &e));
    assert_int_equal(e.code, PSEC_E_NOTFOUND);
    o = psec_app_threat_set(db, "mauritius", 3, psec_days_from_civil(2026, 10, 1), "test", &e);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(json_array_get(o, 0), "day")),
                        "2026-10-01");
    json_decref(o);

    o = psec_app_unit_add(db, &s, &e);
    assert_non_null(o);
    json_decref(o);
    o = psec_app_unit_assign(db, "test unit", cc, 2, NULL, &e);
    assert_non_null(o);
    assert_int_equal(json_array_size(json_object_get(o, "countries")), 2);
    json_decref(o);
    assert_null(psec_app_unit_assign(db, "Test Unit", cc, 1, "SCPOV", &e));
    assert_int_equal(e.code, PSEC_E_INVALID);
    s.capacity = -1;
    assert_null(psec_app_unit_add(db, &s, &e));
    psec_db_close(db);
}

static void test_weights_file(void **state)
{
    struct psec_risk_weights w;
    struct psec_err e = {0};
    (void)state;

    assert_int_equal(psec_app_risk_weights_load(DATADIR "/risk/weights.json", &w, &e), PSEC_OK);
    assert_float_equal(w.w[PSEC_RISK_TRADE], 0.15, 1e-12);
    assert_int_equal(w.reassess_months, 36);
    {
        struct psec_risk_weights d;
        psec_risk_weights_default(&d);
        for (int i = 0; i < PSEC_RISK_NCOMP; i++)
            assert_float_equal(w.w[i], d.w[i], 1e-12);   /* file and docs agree */
    }
    assert_int_equal(psec_app_risk_weights_load(
                         write_tmp("w1.json", "{\"weights\": {\"tradee\": 1}}"), &w, &e),
                     PSEC_E_INVALID);
    assert_non_null(strstr(e.msg, "weights.tradee: not a component"));
    assert_int_equal(psec_app_risk_weights_load(
                         write_tmp("w2.json", "{\"weights\": {\"trade\": -1}}"), &w, &e),
                     PSEC_E_INVALID);
    assert_int_equal(psec_app_risk_weights_load(
                         write_tmp("w3.json", "{\"weights\": {\"trade\": 1},"
                                              " \"parameters\": {\"reassess_months\": 1.5}}"),
                         &w, &e),
                     PSEC_E_INVALID);
    assert_non_null(strstr(e.msg, "parameters.reassess_months"));
    assert_int_equal(psec_app_risk_weights_load(write_tmp("w4.json", "{\"weights\": "), &w, &e),
                     PSEC_E_INVALID);
    assert_int_equal(psec_app_risk_weights_load("/nonexistent.json", &w, &e), PSEC_E_IO);
}

static void test_bundled_idempotent(void **state)
{
    struct psec_db *db = open_db();
    struct psec_err e = {0};
    json_t *c1, *c2;
    (void)state;

    if (psec_app_risk_load_bundled(db, DATADIR, &e) != PSEC_OK)
        fail_msg("%s", e.msg);
    c1 = psec_store_counts(db, &e);
    assert_true(psec_store_dataset_loaded(db, "trade"));
    assert_int_equal(psec_app_risk_load_bundled(db, DATADIR, &e), PSEC_OK);
    c2 = psec_store_counts(db, &e);
    assert_true(json_equal(c1, c2));
    assert_true(json_integer_value(json_object_get(c1, "trade")) > 300);
    json_decref(c1);
    json_decref(c2);
    psec_db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_import_census),
        cmocka_unit_test(test_import_bad_rows),
        cmocka_unit_test(test_commodities),
        cmocka_unit_test(test_demo_rank_plan),
        cmocka_unit_test(test_threat_and_units),
        cmocka_unit_test(test_weights_file),
        cmocka_unit_test(test_bundled_idempotent),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
