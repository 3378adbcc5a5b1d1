/*
 * test_risk_sources.c — gathering risk inputs from the tables other
 * features own (assessment visits, determinations, recommendations, the
 * advisory history, screenings, AIS port calls). Their migrations (0002,
 * 0003, 0004) create the tables; the CREATE ... IF NOT EXISTS below, with
 * the same columns, lets the test run on a build without one of them.
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

#include "app/risk.h"
#include "base/time.h"
#include "store/db.h"
#include "store/registry.h"
#include "testdb.h"

static char path[1024];   /* a SQLite file or a PostgreSQL URL (testdb.h) */

static const char fixture[] =
    "CREATE TABLE IF NOT EXISTS visit (id INTEGER PRIMARY KEY, country TEXT NOT NULL,"
    " kind TEXT NOT NULL, start_date TEXT NOT NULL, end_date TEXT NOT NULL, notes TEXT,"
    " demo INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL,"
    " version INTEGER NOT NULL DEFAULT 1);"
    "CREATE TABLE IF NOT EXISTS determination (id INTEGER PRIMARY KEY, country TEXT NOT NULL,"
    " result TEXT NOT NULL, decided_on TEXT NOT NULL, rationale TEXT NOT NULL,"
    " notified_on TEXT, correction_deadline TEXT, proposal_result TEXT NOT NULL,"
    " proposal TEXT NOT NULL, recorded_at TEXT NOT NULL, demo INTEGER NOT NULL DEFAULT 0,"
    " version INTEGER NOT NULL DEFAULT 1);"
    "CREATE TABLE IF NOT EXISTS recommendation (id INTEGER PRIMARY KEY,"
    " country TEXT NOT NULL, text TEXT NOT NULL, priority TEXT NOT NULL, owner TEXT,"
    " due TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'open', created_on TEXT NOT NULL,"
    " demo INTEGER NOT NULL DEFAULT 0, version INTEGER NOT NULL DEFAULT 1);"
    "CREATE TABLE IF NOT EXISTS advisory (id TEXT PRIMARY KEY, number TEXT, issued TEXT,"
    " title TEXT NOT NULL, source TEXT NOT NULL, refs TEXT, seq INTEGER NOT NULL,"
    " added_at TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS advisory_change (id INTEGER PRIMARY KEY,"
    " advisory TEXT NOT NULL, seq INTEGER NOT NULL, action TEXT NOT NULL,"
    " country TEXT NOT NULL, country_name TEXT, facility TEXT, facility_name TEXT,"
    " not_before TEXT NOT NULL, by_date TEXT NOT NULL, basis TEXT, confidence TEXT NOT NULL,"
    " last_confirmed TEXT, note TEXT);"
    "CREATE TABLE IF NOT EXISTS screening (id INTEGER PRIMARY KEY, noa_id TEXT,"
    " imo TEXT NOT NULL, eta TEXT NOT NULL, arrival_port TEXT NOT NULL,"
    " coe_status TEXT NOT NULL, priority TEXT NOT NULL, points INTEGER NOT NULL,"
    " matrix_version TEXT NOT NULL, noa TEXT NOT NULL, result TEXT NOT NULL,"
    " screened_at TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS ais_call (mmsi INTEGER NOT NULL, port TEXT NOT NULL,"
    " country TEXT, arrival INTEGER NOT NULL, departure INTEGER NOT NULL,"
    " stop_s INTEGER NOT NULL, entry_seen INTEGER NOT NULL, exit_seen INTEGER NOT NULL,"
    " stopped INTEGER NOT NULL, port_gap INTEGER NOT NULL, confidence INTEGER NOT NULL,"
    " positions INTEGER NOT NULL, reason TEXT, PRIMARY KEY (mmsi, arrival));";

static void exec(struct psec_db *db, const char *sql)
{
    struct psec_err e = {0};
    if (psec_db_exec(db, sql, &e) != PSEC_OK)
        fail_msg("%s", e.msg);
}

static void ais(struct psec_db *db, int mmsi, const char *port, const char *cc, const char *day,
                int confidence)
{
    char sql[512];
    int64_t t;
    assert_true(psec_time_parse(day, &t));
    snprintf(sql, sizeof sql,
             "INSERT INTO ais_call (mmsi, port, country, arrival, departure, stop_s, entry_seen,"
             " exit_seen, stopped, port_gap, confidence, positions) VALUES"
             " (%d, '%s', '%s', %lld, %lld, 3600, 1, 1, 1, 0, %d, 10)",
             mmsi, port, cc, (long long)t, (long long)t + 3600, confidence);
    exec(db, sql);
}

static int setup(void **state)
{
    struct psec_db *db;
    struct psec_err e = {0};
    const char *cs[][4] = {{"SC", "SYC", "Seychelles", "SCPOV"},
                           {"MU", "MUS", "Mauritius", "MUPLU"},
                           {"MG", "MDG", "Madagascar", "MGTMM"},
                           {"US", "USA", "United States", "USNYC"}};
    (void)state;

    snprintf(path, sizeof path, "%s", testdb_fresh());
    assert_int_equal(psec_db_open(&db, path, 0, &e), PSEC_OK);
    for (int i = 0; i < 4; i++) {
        struct psec_country c = {.solas = 1, .isps_since = 2004};
        struct psec_port p = {.has_pos = true, .lat = -10 - i, .lon = 50 + i};
        snprintf(c.alpha2, sizeof c.alpha2, "%s", cs[i][0]);
        snprintf(c.alpha3, sizeof c.alpha3, "%s", cs[i][1]);
        snprintf(c.name, sizeof c.name, "%s", cs[i][2]);
        snprintf(p.locode, sizeof p.locode, "%s", cs[i][3]);
        snprintf(p.country, sizeof p.country, "%s", cs[i][0]);
        snprintf(p.name, sizeof p.name, "%s port", cs[i][2]);
        assert_int_equal(psec_store_country_put(db, &c, &e), PSEC_OK);
        assert_int_equal(psec_store_port_put(db, &p, &e), PSEC_OK);
    }
    exec(db, fixture);
    exec(db,
         "INSERT INTO visit (country, kind, start_date, end_date, created_at) VALUES"
         " ('SC', 'assessment', '2024-03-04', '2024-03-10', '2024-03-10'),"
         " ('SC', 'engagement', '2026-01-04', '2026-01-06', '2026-01-06'),"
         " ('MU', 'assessment', '2022-04-25', '2022-05-01', '2022-05-01'),"
         " ('MU', 'assessment', '2027-01-01', '2027-01-05', '2026-01-05');"
         "INSERT INTO determination (country, result, decided_on, rationale, proposal_result,"
         " proposal, recorded_at) VALUES"
         " ('SC', 'effective', '2015-01-01', 'x', 'effective', '{}', 'x'),"
         " ('SC', 'not-effective', '2018-04-02', 'x', 'not-effective', '{}', 'x'),"
         " ('MU', 'effective', '2022-06-01', 'x', 'effective', '{}', 'x');"
         "INSERT INTO recommendation (country, text, priority, due, status, created_on) VALUES"
         " ('SC', 'a', 'high', '2019-01-01', 'open', '2018-05-01'),"
         " ('SC', 'b', 'low', '2030-01-01', 'in-progress', '2018-05-01'),"
         " ('SC', 'c', 'low', '2019-01-01', 'verified', '2018-05-01');"
         "INSERT INTO advisory (id, title, source, seq, added_at) VALUES"
         " ('PSA 1-19', 't', 's', 1, 'x'), ('PSA 10-09', 't', 's', 2, 'x'),"
         " ('PSA x', 't', 's', 3, 'x');"
         "INSERT INTO advisory_change (advisory, seq, action, country, facility, not_before,"
         " by_date, confidence) VALUES"
         " ('PSA 1-19', 1, 'add_country', 'SC', NULL, '2019-04-12', '2019-04-12', 'confirmed'),"
         " ('PSA 1-19', 2, 'add_exception', 'SC', 'SCPOV-0001', '2019-04-12', '2019-04-12',"
         "  'assumed'),"
         " ('PSA 10-09', 1, 'add_country', 'MG', NULL, '2009-12-04', '2009-12-04', 'confirmed'),"
         " ('PSA x', 1, 'remove_country', 'MG', NULL, '2025-07-01', '2025-07-21', 'assumed');"
         "INSERT INTO screening (imo, eta, arrival_port, coe_status, priority, points,"
         " matrix_version, noa, result, screened_at) VALUES"
         " ('9074729', '2026-06-01T06:00:00Z', 'USNYC', 'applies', 'I', 20, 'v', '{\"port_calls\":"
         "  [{\"port\": \"SCPOV\", \"arrival\": \"2026-05-01T00:00:00Z\"},"
         "   {\"port\": \"PAPCN\", \"arrival\": \"2026-05-20T00:00:00Z\","
         "    \"purpose\": \"transit\"},"
         "   {\"port\": \"MUPLU\", \"arrival\": \"2026-05-10T00:00:00Z\"}]}', '{}', 'x'),"
         " ('9074729', '2025-01-01T06:00:00Z', 'USNYC', 'applies', 'I', 20, 'v', '{\"port_calls\":"
         "  [{\"port\": \"MGTMM\", \"arrival\": \"2024-12-01T00:00:00Z\"}]}', '{}', 'x'),"
         /* Six foreign calls (and one at home) out of order: MG is the
          * sixth most recent, so not in the last five. */
         " ('9999998', '2026-02-01T06:00:00Z', 'USNYC', 'n/a', 'III', 0, 'v', '{\"port_calls\":"
         "  [{\"port\": \"ZADUR\", \"arrival\": \"2026-01-05T00:00:00+02:00\"},"
         "   {\"port\": \"MGTMM\", \"arrival\": \"2026-01-01T00:00:00Z\"},"
         "   {\"port\": \"SNDKR\", \"arrival\": \"2026-01-25T00:00:00Z\"},"
         "   {\"port\": \"USBAL\", \"arrival\": \"2026-01-27T00:00:00Z\"},"
         "   {\"port\": \"ZACPT\", \"arrival\": \"2026-01-10T00:00:00Z\"},"
         "   {\"port\": \"AOLAD\", \"arrival\": \"2026-01-20T00:00:00Z\"},"
         "   {\"port\": \"NAWVB\", \"arrival\": \"2026-01-15T00:00:00Z\"}]}', '{}', 'x');");
    ais(db, 1, "SCPOV", "SC", "2026-03-01T00:00:00Z", 4);
    ais(db, 1, "MUPLU", "MU", "2026-03-10T00:00:00Z", 3);
    ais(db, 1, "USNYC", "US", "2026-04-01T00:00:00Z", 4);
    ais(db, 1, "USNYC", "US", "2026-05-01T00:00:00Z", 4);
    ais(db, 1, "MGTMM", "MG", "2026-05-10T00:00:00Z", 1);   /* passed through: not a call */
    ais(db, 1, "USNYC", "US", "2026-06-01T00:00:00Z", 4);
    ais(db, 2, "MGTMM", "MG", "2024-01-01T00:00:00Z", 4);
    ais(db, 2, "USNYC", "US", "2024-02-01T00:00:00Z", 4);   /* before the window */
    psec_db_close(db);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    testdb_drop();
    return 0;
}

static const char *why(json_t *cs, const char *cc, const char *comp, double *score)
{
    size_t i;
    json_t *c;
    json_array_foreach(cs, i, c)
        if (strcmp(json_string_value(json_object_get(c, "country")), cc) == 0) {
            json_t *p = json_object_get(json_object_get(c, "components"), comp);
            *score = json_real_value(json_object_get(p, "score"));
            return json_string_value(json_object_get(p, "why"));
        }
    fail_msg("no %s", cc);
    return NULL;
}

static void test_gathered(void **state)
{
    struct psec_db *db;
    struct psec_err e = {0};
    struct psec_rank_opts o = {0};
    json_t *doc, *cs;
    double s;
    (void)state;

    assert_int_equal(psec_db_open(&db, path, 0, &e), PSEC_OK);
    o.as_of = psec_days_from_civil(2026, 11, 25);
    doc = psec_app_rank(db, &o, &e);
    if (doc == NULL)
        fail_msg("%s", e.msg);
    assert_true(json_is_true(json_object_get(json_object_get(doc, "sources"), "screenings")));
    cs = json_object_get(doc, "countries");
    assert_string_equal(json_string_value(json_object_get(json_array_get(cs, 0), "country")),
                        "SC");

    assert_string_equal(why(cs, "SC", "determination", &s),
                        "found not maintaining effective antiterrorism measures on 2018-04-02");
    assert_float_equal(s, 1.0, 1e-9);
    /* The engagement visit of 2026 is not an assessment. */
    assert_non_null(strstr(why(cs, "SC", "assessment_age", &s), "last assessed 2024-03-10"));
    assert_non_null(strstr(why(cs, "SC", "assessment_age", &s), "due 2027-03-10"));
    assert_string_equal(why(cs, "SC", "conditions_of_entry", &s),
                        "conditions of entry in force since 2019-04-12 (1 facility excepted)");
    assert_string_equal(why(cs, "SC", "recommendations", &s), "2 open recommendations, 1 overdue");
    assert_float_equal(s, 0.4, 1e-9);
    /* Screening: one arrival; AIS: three home arrivals after SC (the
     * larger count wins). */
    assert_non_null(strstr(why(cs, "SC", "traffic", &s), "3 arrivals in the last 12 months"));
    assert_non_null(strstr(why(cs, "SC", "traffic", &s), "from AIS port calls"));
    assert_non_null(strstr(why(cs, "MU", "traffic", &s), "3 arrivals"));
    /* MG: the 2025 screening is outside the window, the AIS call passed through. */
    assert_non_null(strstr(why(cs, "MG", "traffic", &s), "0 arrivals"));
    assert_float_equal(s, 0, 1e-12);

    /* MU: the 2027 visit is after the date, so the 2022 one counts. */
    assert_non_null(strstr(why(cs, "MU", "assessment_age", &s), "overdue since 2025-05-01"));
    assert_string_equal(why(cs, "MU", "determination", &s), "found effective on 2022-06-01");
    assert_string_equal(why(cs, "MU", "recommendations", &s), "no open recommendations");
    assert_non_null(strstr(why(cs, "MG", "conditions_of_entry", &s), "lifted on 2025-07-21"));
    assert_float_equal(s, 0.3, 1e-9);
    assert_non_null(strstr(why(cs, "MG", "assessment_age", &s), "never assessed"));
    assert_string_equal(why(cs, "MG", "determination", &s),
                        "no determination recorded: unknown counts as half");
    json_decref(doc);

    /* As of 2018-05-01 the CoE was not yet in force and the finding was new. */
    o.as_of = psec_days_from_civil(2018, 5, 1);
    doc = psec_app_rank(db, &o, &e);
    assert_non_null(doc);
    assert_string_equal(why(json_object_get(doc, "countries"), "SC", "conditions_of_entry", &s),
                        "no conditions of entry in force");
    json_decref(doc);
    psec_db_close(db);
}

static void test_plan_due(void **state)
{
    struct psec_db *db;
    struct psec_err e = {0};
    struct psec_unit_spec u = {.name = "U", .capacity = 2, .max_per_month = 2};
    const char *cc[] = {"SC", "MU", "MG"};
    struct psec_plan_opts o = {0};
    json_t *doc, *v;
    size_t i;
    (void)state;

    assert_int_equal(psec_db_open(&db, path, 0, &e), PSEC_OK);
    json_decref(psec_app_unit_add(db, &u, &e));
    json_decref(psec_app_unit_assign(db, "U", cc, 3, NULL, &e));
    o.unit = "U";
    o.year = 2027;
    o.capacity = -1;
    o.max_per_month = -1;
    o.group_km = -1;
    o.as_of = psec_days_from_civil(2026, 11, 25);
    doc = psec_app_plan(db, &o, &e);
    if (doc == NULL)
        fail_msg("%s", e.msg);
    assert_true(json_is_true(json_object_get(doc, "shortfall")));
    assert_int_equal(json_integer_value(json_object_get(doc, "required")), 3);
    /* MG never assessed and MU overdue come before SC (due 2027-03-10). */
    v = json_object_get(doc, "countries");
    assert_string_equal(json_string_value(json_object_get(json_array_get(v, 0), "country")),
                        "MG");
    assert_string_equal(json_string_value(json_object_get(json_array_get(v, 1), "country")),
                        "MU");
    assert_non_null(strstr(json_string_value(json_object_get(json_array_get(v, 2), "why")),
                           "REQUIRED but not scheduled: reassessment due 2027-03-10"));
    json_array_foreach(json_object_get(doc, "visits"), i, v)
        assert_true(strcmp(json_string_value(json_object_get(v, "start")), "2027-07-01") < 0);
    json_decref(doc);
    psec_db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gathered),
        cmocka_unit_test(test_plan_due),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
