/*
 * test_assess_json.c — the assessment JSON reader names the JSON path of
 * every kind of mistake, leaves nothing half-read, and round-trips with
 * the writer; the catalogue reader rejects a malformed catalogue.
 * Uses the demo assessments (demonstration data) in data/demo/.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "io/assessment_json.h"

#define DATA PSEC_TESTDIR "/../data/"

static struct psec_checklist *ck;

static int setup(void **state)
{
    struct psec_err e = { 0 };
    (void)state;
    return psec_checklist_load_file(DATA "checklist/isps-checklist-v1.json", &ck, &e);
}

static int teardown(void **state)
{
    (void)state;
    psec_checklist_free(ck);
    return 0;
}

/* Parses text; returns the code and leaves the message in e. */
static int parse(const char *text, struct psec_assessment_doc *d, struct psec_err *e)
{
    json_error_t je;
    json_t *doc = json_loads(text, 0, &je);
    int rc;

    if (doc == NULL)
        fail_msg("test JSON does not parse: %s", je.text);
    rc = psec_assessment_from_json(doc, ck, d, e);
    json_decref(doc);
    return rc;
}

#define HEAD "{\"format\":\"portsec-assessment\",\"format_version\":1,"

static void expect_error(const char *text, const char *msg)
{
    struct psec_assessment_doc d;
    struct psec_err e = { 0 };

    assert_int_not_equal(parse(text, &d, &e), PSEC_OK);
    if (strstr(e.msg, msg) == NULL)
        fail_msg("expected \"%s\" in \"%s\"", msg, e.msg);
    assert_int_equal(d.n_answers, 0);
    assert_null(d.answers);
}

static void errors_name_the_path(void **state)
{
    (void)state;
    expect_error(HEAD "\"scope\":\"facility\",\"country\":\"SC\",\"facility\":\"SCPOV-0001\","
                 "\"items\":[{\"item\":\"AC-01\",\"answer\":\"YES\"},"
                 "{\"item\":\"AC-02\",\"answer\":\"MAYBE\"}]}",
                 "items[1].answer: \"MAYBE\" is not one of YES, NO, NA, NO_OBS");
    expect_error(HEAD "\"scope\":\"facility\",\"country\":\"SC\",\"facility\":\"SCPOV-0001\","
                 "\"items\":[{\"item\":\"AC-99\",\"answer\":\"YES\"}]}",
                 "items[0].item: \"AC-99\" is not an item of checklist isps-port-security 1.0.0");
    expect_error(HEAD "\"scope\":\"facility\",\"country\":\"SC\",\"facility\":\"SCPOV-0001\","
                 "\"items\":[{\"item\":\"AC-01\",\"answer\":\"YES\",\"colour\":\"red\"}]}",
                 "items[0].colour: unknown field");
    expect_error(HEAD "\"scope\":\"facility\",\"country\":\"SC\",\"facility\":\"SCPOV-0001\","
                 "\"items\":[{\"item\":\"LEG-01\",\"answer\":\"YES\"}]}",
                 "items[0].item: LEG-01 is a country-level item; this is a facility assessment");
    expect_error(HEAD "\"scope\":\"facility\",\"country\":\"SC\",\"facility\":\"SCPOV-0001\","
                 "\"items\":[{\"item\":\"AC-01\",\"answer\":\"YES\"},"
                 "{\"item\":\"AC-01\",\"answer\":\"NO\"}]}",
                 "items[1].item: AC-01 is answered twice");
    expect_error(HEAD "\"scope\":\"facility\",\"country\":\"SC\",\"facility\":\"SCPOV-0001\","
                 "\"items\":[{\"item\":\"AC-01\",\"answer\":true}]}",
                 "items[0].answer: must be one of");
    expect_error(HEAD "\"scope\":\"facility\",\"country\":\"SC\",\"facility\":\"SCPOV-0001\","
                 "\"items\":[{\"item\":\"AC-01\",\"answer\":\"YES\",\"evidence\":[1]}]}",
                 "items[0].evidence[0]: must be a string");
    expect_error(HEAD "\"scope\":\"facility\",\"country\":\"SC\",\"items\":[]}",
                 "facility: missing (scope is facility)");
    expect_error(HEAD "\"scope\":\"facility\",\"country\":\"SC\",\"facility\":\"MUPLU-0001\","
                 "\"items\":[]}", "facility: MUPLU-0001 is not in country SC");
    expect_error(HEAD "\"scope\":\"port\",\"country\":\"SC\",\"items\":[]}",
                 "scope: \"port\" is not country or facility");
    expect_error(HEAD "\"scope\":\"country\",\"country\":\"Seychelles\",\"items\":[]}",
                 "country: \"Seychelles\" is not an ISO 3166 alpha-2 code");
    expect_error(HEAD "\"scope\":\"country\",\"country\":\"SC\",\"assessed_on\":\"2026-02-30\","
                 "\"items\":[]}", "assessed_on: \"2026-02-30\" is not a date");
    expect_error(HEAD "\"scope\":\"country\",\"country\":\"SC\",\"items\":[],\"extra\":1}",
                 "extra: unknown field");
    expect_error(HEAD "\"scope\":\"country\",\"country\":\"SC\",\"items\":{}}",
                 "items: must be an array");
    expect_error("{\"format\":\"other\",\"format_version\":1}", "format: \"other\" is not");
    expect_error(HEAD "\"checklist\":{\"name\":\"isps-port-security\",\"version\":\"9\"},"
                 "\"scope\":\"country\",\"country\":\"SC\",\"items\":[]}",
                 "checklist: isps-port-security 9 is not the loaded checklist");
    expect_error("[1,2]", "must be a JSON object");
}

static void demo_round_trip(void **state)
{
    json_error_t je;
    json_t *demo = json_load_file(DATA "demo/assessments-demo.json", 0, &je), *v, *a;
    size_t i, j, n = 0;
    (void)state;

    assert_non_null(demo);
    assert_true(json_is_true(json_object_get(demo, "demo")));
    json_array_foreach(json_object_get(demo, "visits"), i, v)
        json_array_foreach(json_object_get(v, "assessments"), j, a) {
            json_t *in = json_object_get(a, "doc"), *out;
            struct psec_assessment_doc d;
            struct psec_err e = { 0 };
            if (psec_assessment_from_json(in, ck, &d, &e) != PSEC_OK)
                fail_msg("demo visit %zu assessment %zu: %s", i, j, e.msg);
            assert_true(d.demo);
            out = psec_assessment_to_json(&d, ck);
            assert_non_null(out);
            /* Same document back: the writer keeps checklist order and every field. */
            if (!json_equal(in, out))
                fail_msg("demo visit %zu assessment %zu does not round-trip", i, j);
            json_decref(out);
            psec_assessment_doc_clear(&d);
            n++;
        }
    assert_int_equal(n, 5);
    json_decref(demo);
}

static void catalogue_errors(void **state)
{
    static const char *const bad[][2] = {
        { "{\"checklist\":\"x\",\"version\":\"1\",\"sections\":[],\"items\":[{}]}",
          "items[0].id: missing" },
        { "{\"checklist\":\"x\",\"version\":\"1\",\"sections\":[{\"id\":\"s\",\"title\":\"S\","
          "\"scope\":\"country\"}],\"items\":[{\"id\":\"A\",\"section\":\"s\",\"scope\":\"country\","
          "\"question\":\"q\",\"refs\":{\"isps\":[\"A/4\"]},\"weight\":5,\"critical\":false}]}",
          "items[0]: item A: weight 5" },
        { "{\"checklist\":\"x\",\"version\":\"1\",\"sections\":[{\"id\":\"s\",\"title\":\"S\","
          "\"scope\":\"planet\"}],\"items\":[]}", "sections[0].scope" },
        { "{\"checklist\":\"x\"}", "version: missing" },
    };
    (void)state;

    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        json_t *doc = json_loads(bad[i][0], 0, NULL);
        struct psec_checklist *out = NULL;
        struct psec_err e = { 0 };
        assert_non_null(doc);
        assert_int_not_equal(psec_checklist_from_json(doc, &out, &e), PSEC_OK);
        assert_null(out);
        if (strstr(e.msg, bad[i][1]) == NULL)
            fail_msg("case %zu: expected \"%s\" in \"%s\"", i, bad[i][1], e.msg);
        json_decref(doc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(errors_name_the_path),
        cmocka_unit_test(demo_round_trip),
        cmocka_unit_test(catalogue_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
