/*
 * test_noa.c — the Notice of Arrival JSON parser: numbers or strings for
 * imo/mmsi, the IMO check digit, ISO 8601 times (a date alone is 00:00
 * UTC), the ten-call limit, departure before arrival, ETA before the last
 * departure, a missing ETA, unknown UN/LOCODEs screened by prefix with a
 * warning; every error names its JSON path.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/time.h"
#include "io/jlite.h"
#include "io/noa.h"

#define VESSEL "\"vessel\":{\"imo\":\"9074729\",\"mmsi\":636092001,\"flag\":\"lr\"}"
#define ARRIVAL "\"arrival\":{\"port\":\"USHOU\",\"eta\":\"2025-10-01T06:00:00Z\"}"
#define CALL "{\"port\":\"SCPOV\",\"facility\":\"SCPOV-0001\",\"arrival\":\"2025-09-01\"," \
             "\"departure\":\"2025-09-03T12:00:00Z\",\"purpose\":\"cargo\"}"

static struct psec_noa noa;

static int parse(const char *text, struct psec_err *e)
{
    return psec_noa_parse(text, strlen(text), &noa, NULL, NULL, e);
}

static void expect_error(const char *text, const char *msg)
{
    struct psec_err e = { 0 };
    int rc = parse(text, &e);
    assert_int_equal(rc, PSEC_E_INVALID);
    if (strstr(e.msg, msg) == NULL)
        fail_msg("expected '%s' in '%s'", msg, e.msg);
}

static void test_imo_check_digit(void **state)
{
    (void)state;
    assert_true(psec_imo_valid("9074729"));     /* issue 4's example */
    assert_true(psec_imo_valid("9176187"));
    assert_false(psec_imo_valid("9074728"));
    assert_false(psec_imo_valid("907472"));
    assert_false(psec_imo_valid("90747290"));
    assert_false(psec_imo_valid("907472x"));
}

static void test_valid(void **state)
{
    struct psec_err e = { 0 };
    char buf[32];
    (void)state;
    assert_int_equal(parse("{\"noa_id\":\"N1\"," VESSEL "," ARRIVAL ",\"port_calls\":[" CALL "]}",
                           &e), PSEC_OK);
    assert_string_equal(noa.noa_id, "N1");
    assert_string_equal(noa.imo, "9074729");
    assert_string_equal(noa.mmsi, "636092001");
    assert_string_equal(noa.flag, "LR");
    assert_string_equal(noa.arrival_port, "USHOU");
    assert_string_equal(psec_time_format(noa.eta, buf, sizeof buf), "2025-10-01T06:00:00Z");
    assert_int_equal(noa.ncalls, 1);
    assert_string_equal(noa.calls[0].country, "SC");
    assert_string_equal(noa.calls[0].facility, "SCPOV-0001");
    /* A date alone is 00:00 UTC. */
    assert_string_equal(psec_time_format(noa.calls[0].arrival, buf, sizeof buf),
                        "2025-09-01T00:00:00Z");
    assert_false(noa.calls[0].transit);
    assert_int_equal(noa.nwarnings, 0);
    /* imo as a number, "IMO " prefix, transit purpose. */
    assert_int_equal(parse("{\"vessel\":{\"imo\":9074729}," ARRIVAL ",\"port_calls\":[{\"port\":"
                           "\"PAPCN\",\"arrival\":\"2025-09-20\",\"departure\":\"2025-09-21\","
                           "\"purpose\":\"transit\"}]}", &e), PSEC_OK);
    assert_true(noa.calls[0].transit);
    assert_int_equal(parse("{\"vessel\":{\"imo\":\"IMO 9074729\"}," ARRIVAL ",\"port_calls\":[]}",
                           &e), PSEC_OK);
    assert_int_equal(noa.ncalls, 0);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("{\"vessel\":{\"imo\":\"9074728\"}," ARRIVAL ",\"port_calls\":[]}",
                 "vessel.imo: 9074728 fails the IMO check digit");
    expect_error("{\"vessel\":{\"imo\":\"90747\"}," ARRIVAL ",\"port_calls\":[]}",
                 "vessel.imo: '90747' must have 7 digits");
    expect_error("{\"vessel\":{}," ARRIVAL ",\"port_calls\":[]}", "vessel.imo: missing");
    expect_error("{\"vessel\":{\"imo\":true}," ARRIVAL ",\"port_calls\":[]}",
                 "vessel.imo: must be a number or a string");
    expect_error("{" VESSEL ",\"arrival\":{\"port\":\"USHOU\"},\"port_calls\":[]}",
                 "arrival.eta: missing");
    expect_error("{" VESSEL ",\"arrival\":{\"port\":\"USHOU\",\"eta\":\"1 Oct\"},\"port_calls\":[]}",
                 "arrival.eta: '1 Oct' is not an ISO 8601 time");
    expect_error("{" VESSEL ",\"port_calls\":[]}", "arrival: missing");
    expect_error("{" VESSEL "," ARRIVAL "}", "port_calls: missing");
    expect_error("{" VESSEL "," ARRIVAL ",\"port_calls\":[" CALL ",{\"port\":\"SCPOV\","
                 "\"arrival\":\"2025-09-05T00:00:00Z\",\"departure\":\"2025-09-04\"}]}",
                 "port_calls[1].departure: 2025-09-04T00:00:00Z is before its arrival "
                 "2025-09-05T00:00:00Z");
    expect_error("{" VESSEL ",\"arrival\":{\"port\":\"USHOU\",\"eta\":\"2025-09-02\"},"
                 "\"port_calls\":[" CALL "]}",
                 "arrival.eta: 2025-09-02T00:00:00Z is before the last departure "
                 "(port_calls[0].departure 2025-09-03T12:00:00Z)");
    expect_error("{" VESSEL "," ARRIVAL ",\"port_calls\":[{\"port\":\"SC-POV\","
                 "\"arrival\":\"2025-09-01\",\"departure\":\"2025-09-02\"}]}",
                 "port_calls[0].port: 'SC-POV' is not a UN/LOCODE");
    expect_error("{" VESSEL "," ARRIVAL ",\"port_calls\":[{\"port\":\"SCPOV\","
                 "\"arrival\":\"2025-09-01\"}]}", "port_calls[0].departure: missing");
    expect_error("[1,2]", "$: a NOA must be a JSON object");
    expect_error("{\"vessel\":", "$: not JSON");
    expect_error("{\"vessel\":{\"imo\":\"9074729\",\"mmsi\":\"12345\"}," ARRIVAL
                 ",\"port_calls\":[]}", "vessel.mmsi: '12345' must have 9 digits");
    expect_error("{\"vessel\":{\"imo\":\"9074729\",\"flag\":\"L1\"}," ARRIVAL ",\"port_calls\":[]}",
                 "vessel.flag: 'L1' is not an ISO alpha-2 code");
}

static void test_max_calls(void **state)
{
    char text[4096];
    struct psec_err e = { 0 };
    (void)state;
    for (int n = 10; n <= 11; n++) {
        size_t len = (size_t)snprintf(text, sizeof text, "{" VESSEL "," ARRIVAL ",\"port_calls\":[");
        for (int i = 0; i < n; i++)
            len += (size_t)snprintf(text + len, sizeof text - len,
                                    "%s{\"port\":\"SGSIN\",\"arrival\":\"2025-08-%02d\","
                                    "\"departure\":\"2025-08-%02d\"}", i ? "," : "", i + 1, i + 1);
        snprintf(text + len, sizeof text - len, "]}");
        int rc = parse(text, &e);
        if (n == 10) {
            assert_int_equal(rc, PSEC_OK);
            assert_int_equal(noa.ncalls, 10);
        } else {
            assert_int_equal(rc, PSEC_E_INVALID);
            assert_non_null(strstr(e.msg, "port_calls: 11 calls; at most 10"));
        }
    }
}

static bool lookup(void *ctx, const char *locode, char country[3])
{
    (void)ctx;
    if (strcmp(locode, "SCPOV") == 0) {
        memcpy(country, "SC", 3);
        return true;
    }
    return false;
}

static void test_unknown_locode(void **state)
{
    struct psec_err e = { 0 };
    const char *text = "{" VESSEL "," ARRIVAL ",\"port_calls\":[" CALL ",{\"port\":\"DJZZZ\","
                       "\"arrival\":\"2025-08-01\",\"departure\":\"2025-08-02\"}]}";
    (void)state;
    assert_int_equal(psec_noa_parse(text, strlen(text), &noa, lookup, NULL, &e), PSEC_OK);
    assert_true(noa.calls[0].port_known);
    assert_false(noa.calls[1].port_known);
    assert_string_equal(noa.calls[1].country, "DJ");
    assert_int_equal(noa.nwarnings, 1);
    assert_non_null(strstr(noa.warnings[0], "port_calls[1].port: DJZZZ is not a known UN/LOCODE;"
                                            " screened by its country prefix DJ"));
}

/* Real IMO numbers: every one in the MARAD U.S.-flag fleet list passes. */
static void test_imo_real(void **state)
{
    (void)state;
    const char *shared = getenv("PSEC_SHARED");
    char path[512], line[1024];
    if (shared == NULL)
        skip();
    snprintf(path, sizeof path, "%s/data/ref/vessels/marad-us-flag-fleet-2023-04-10.csv", shared);
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "skipped: %s not found\n", path);
        skip();
    }
    int n = 0, bad = 0;
    while (fgets(line, sizeof line, f)) {
        char imo[8];
        if (strlen(line) < 8 || line[7] != ',' || line[0] < '0' || line[0] > '9')
            continue;
        memcpy(imo, line, 7);
        imo[7] = '\0';
        n++;
        if (!psec_imo_valid(imo))
            bad++;
    }
    fclose(f);
    assert_true(n > 100);
    assert_int_equal(bad, 0);
}

/* The small JSON reader: values, escapes, and what it refuses. */
static void test_jlite(void **state)
{
    static struct psec_jl j;
    struct psec_err e = { 0 };
    (void)state;
    const char *ok = "{\"s\":\"a\\u00e9\\ud83d\\ude00\\n\\\"\",\"i\":-42,\"r\":2.5e1,"
                     "\"t\":true,\"n\":null,\"a\":[1,[],{}],\"big\":9223372036854775807}";
    assert_int_equal(psec_jl_parse(&j, ok, strlen(ok), &e), PSEC_OK);
    const struct psec_jl_node *root = &j.nodes[0];
    assert_int_equal(root->count, 7);
    const struct psec_jl_node *v = psec_jl_get(&j, root, "s");
    assert_string_equal(v->s, "a\xc3\xa9\xf0\x9f\x98\x80\n\"");
    assert_int_equal(psec_jl_get(&j, root, "i")->i, -42);
    assert_true(psec_jl_get(&j, root, "r")->d == 25.0);
    assert_int_equal(psec_jl_get(&j, root, "t")->type, PSEC_JL_TRUE);
    assert_int_equal(psec_jl_get(&j, root, "n")->type, PSEC_JL_NULL);
    assert_int_equal(psec_jl_at(&j, psec_jl_get(&j, root, "a"), 1)->type, PSEC_JL_ARRAY);
    assert_null(psec_jl_at(&j, psec_jl_get(&j, root, "a"), 3));
    assert_null(psec_jl_get(&j, root, "missing"));
    psec_jl_free(&j);

    const char *bad[] = {
        "", "1", "\"x\"", "{\"a\":1,\"a\":2}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":-}",
        "{\"a\":\"\\u0000\"}", "{\"a\":\"\\ud83d\"}", "{\"a\":\"\\ude00\"}",
        "{\"a\":\"\x01\"}", "{\"a\":\"\xe3o\"}", "{\"a\":9223372036854775808}",
        "{\"a\":1e999}", "{\"a\":tru}", "{\"a\":1}x", "[1,]", "{\"a\" 1}", "{\"a\":\"x}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int rc = psec_jl_parse(&j, bad[i], strlen(bad[i]), &e);
        if (rc != PSEC_E_INVALID)
            fail_msg("accepted or wrong code %d: %s", rc, bad[i]);
        assert_non_null(strstr(e.msg, "$: not JSON (byte "));
        psec_jl_free(&j);
    }
    /* Deep nesting is a documented limit, not a crash. */
    char deep[2100];
    memset(deep, '[', 1050);
    memset(deep + 1050, ']', 1050);
    assert_int_equal(psec_jl_parse(&j, deep, 2100, &e), PSEC_E_LIMIT);
    psec_jl_free(&j);
    /* Growing past the small buffers. */
    char many[20000];
    size_t n = 1;
    many[0] = '[';
    for (int i = 0; i < 3000; i++)
        n += (size_t)snprintf(many + n, sizeof many - n, "%s\"%d\"", i ? "," : "", i);
    many[n++] = ']';
    assert_int_equal(psec_jl_parse(&j, many, n, &e), PSEC_OK);
    assert_int_equal(j.nodes[0].count, 3000);
    assert_string_equal(psec_jl_at(&j, &j.nodes[0], 2999)->s, "2999");
    psec_jl_free(&j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_imo_check_digit),
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_max_calls),
        cmocka_unit_test(test_unknown_locode),
        cmocka_unit_test(test_imo_real),
        cmocka_unit_test(test_jlite),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
