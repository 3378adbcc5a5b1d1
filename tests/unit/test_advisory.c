/*
 * test_advisory.c — the bundled advisory history replayed: the 2025-09-02
 * list of 22, dated snapshots of coe-timeline.md, both sides of the
 * Djibouti, Cuba and North Korea dates, unknown intervals answered
 * "uncertain", facility exceptions, JSON-path errors, and the round trip
 * of the feed format.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/time.h"
#include "io/coe_json.h"
#include "model/advisory.h"

static struct psec_coe_set set;

static int64_t D(const char *s)
{
    int64_t d = 0;
    if (!psec_date_parse(s, &d))
        fail_msg("bad date in test: %s", s);
    return d;
}

static int load(struct psec_coe_set *s)
{
    json_error_t je;
    struct psec_err e = { 0 };
    json_t *root = json_load_file(PSEC_TESTDIR "/../data/advisories/advisories.json", 0, &je);
    if (root == NULL) {
        fprintf(stderr, "advisories.json: %s (line %d)\n", je.text, je.line);
        return -1;
    }
    psec_coe_set_init(s);
    int rc = psec_coe_from_json(root, s, &e);
    json_decref(root);
    if (rc != PSEC_OK) {
        fprintf(stderr, "advisories.json: %s\n", e.msg);
        return -1;
    }
    psec_coe_set_sort(s);
    return 0;
}

static int setup(void **state)
{
    (void)state;
    return load(&set);
}

static int teardown(void **state)
{
    (void)state;
    psec_coe_set_free(&set);
    return 0;
}

static int on(const char *cc, const char *day)
{
    struct psec_coe_state st;
    psec_coe_country_on(&set, cc, D(day), &st);
    return st.state;
}

struct collect {
    char list[64 * 3];
    int n;
    int uncertain;
};

static void collect_fn(void *ctx, const char *cc, const struct psec_coe_state *st)
{
    struct collect *c = ctx;
    size_t len = strlen(c->list);
    snprintf(c->list + len, sizeof c->list - len, "%s%s", len ? " " : "", cc);
    c->n++;
    if (st->state == PSEC_TRI_UNCERTAIN)
        c->uncertain++;
}

static void list_on(const char *day, struct collect *c)
{
    memset(c, 0, sizeof *c);
    psec_coe_list_on(&set, D(day), collect_fn, c);
}

static void test_loaded(void **state)
{
    (void)state;
    assert_true(set.nadv > 30);
    assert_true(set.nch > 100);
    assert_int_equal(set.ncond, 7);
    assert_true(set.nenf >= 3);
}

static void test_list_2025_09_02(void **state)
{
    struct collect c;
    (void)state;
    list_on("2025-09-02", &c);
    /* domain.md 3.5: 22 countries from 2 Sep 2025, all certain. */
    assert_string_equal(c.list, "CM CU FM GM GQ GW IQ IR KH KM KP LY MG NG NR SC SD ST SY TL "
                                "VE YE");
    assert_int_equal(c.n, 22);
    assert_int_equal(c.uncertain, 0);
}

static void test_snapshots(void **state)
{
    struct collect c;
    (void)state;
    list_on("2005-05-23", &c);
    assert_string_equal(c.list, "CD GW LR MR NR");
    assert_int_equal(c.uncertain, 0);
    list_on("2008-01-23", &c);
    assert_string_equal(c.list, "CM GQ GW LR MR");
    assert_int_equal(c.uncertain, 0);
    list_on("2008-03-22", &c);
    assert_string_equal(c.list, "CM GQ GW ID IR LR MR SY");
    list_on("2008-04-21", &c);
    assert_string_equal(c.list, "CM CU GQ GW ID IR LR MR SY");
    assert_int_equal(c.uncertain, 0);
    list_on("2011-04-05", &c);
    assert_string_equal(c.list, "CG CM CU GQ GW ID IR KH LR MG ST SY TL VE");
    list_on("2011-10-14", &c);
    assert_string_equal(c.list, "CI CM CU GQ GW ID IR KH KM LR MG ST SY TL VE");
    list_on("2014-06-26", &c);
    assert_string_equal(c.list, "CI CM CU GQ GW IR KH KM LR MG NG ST SY TL VE YE");
    assert_int_equal(c.uncertain, 0);
    list_on("2015-07-06", &c);
    assert_int_equal(c.n, 18);
    list_on("2016-03-22", &c);
    assert_int_equal(c.n, 17);
    list_on("2019-05-30", &c);
    assert_int_equal(c.n, 22);
    assert_int_equal(c.uncertain, 0);
    list_on("2025-04-02", &c);
    assert_int_equal(c.n, 22);
    list_on("2025-07-21", &c);
    assert_int_equal(c.n, 21);
    /* Between Dec 2020 and Mar 2025 Sudan and Cote d'Ivoire are uncertain. */
    list_on("2023-01-01", &c);
    assert_int_equal(c.uncertain, 2);
}

static void test_djibouti(void **state)
{
    (void)state;
    assert_int_equal(on("DJ", "2019-05-29"), PSEC_TRI_NO);
    assert_int_equal(on("DJ", "2019-05-30"), PSEC_TRI_YES);
    assert_int_equal(on("DJ", "2025-07-20"), PSEC_TRI_YES);
    assert_int_equal(on("DJ", "2025-07-21"), PSEC_TRI_NO);
}

static void test_cuba(void **state)
{
    (void)state;
    assert_int_equal(on("CU", "2008-04-03"), PSEC_TRI_NO);
    assert_int_equal(on("CU", "2008-04-10"), PSEC_TRI_UNCERTAIN);  /* exact 2008 day unknown */
    assert_int_equal(on("CU", "2008-04-21"), PSEC_TRI_YES);
    assert_int_equal(on("CU", "2016-03-21"), PSEC_TRI_YES);
    assert_int_equal(on("CU", "2016-03-22"), PSEC_TRI_NO);
    assert_int_equal(on("CU", "2025-04-01"), PSEC_TRI_NO);
    assert_int_equal(on("CU", "2025-04-02"), PSEC_TRI_YES);
    struct psec_coe_state st;
    psec_coe_country_on(&set, "CU", D("2025-10-01"), &st);
    assert_string_equal(st.since->basis, "state-sponsor-of-terrorism");
    assert_string_equal(set.adv[st.since->advisory].id, "PSA 1-25");
}

static void test_north_korea(void **state)
{
    (void)state;
    assert_int_equal(on("KP", "2025-09-01"), PSEC_TRI_NO);
    assert_int_equal(on("KP", "2025-09-02"), PSEC_TRI_YES);
}

static void test_unknown_intervals(void **state)
{
    struct psec_coe_state st;
    (void)state;
    /* Sudan: absent Dec 2020, present by 19 Mar 2025. */
    assert_int_equal(on("SD", "2020-12-22"), PSEC_TRI_NO);
    assert_int_equal(on("SD", "2023-06-01"), PSEC_TRI_UNCERTAIN);
    assert_int_equal(on("SD", "2025-03-18"), PSEC_TRI_UNCERTAIN);
    assert_int_equal(on("SD", "2025-03-19"), PSEC_TRI_YES);
    psec_coe_country_on(&set, "SD", D("2025-03-19"), &st);
    assert_int_equal(st.since->confidence, PSEC_CONF_ASSUMED);
    /* Cote d'Ivoire: removal date unknown. */
    assert_int_equal(on("CI", "2020-12-22"), PSEC_TRI_YES);
    assert_int_equal(on("CI", "2022-01-01"), PSEC_TRI_UNCERTAIN);
    assert_int_equal(on("CI", "2025-03-19"), PSEC_TRI_NO);
    /* Liberia: removed in December 2020, day not known. */
    assert_int_equal(on("LR", "2020-11-30"), PSEC_TRI_YES);
    assert_int_equal(on("LR", "2020-12-10"), PSEC_TRI_UNCERTAIN);
    assert_int_equal(on("LR", "2020-12-22"), PSEC_TRI_NO);
    /* Never listed. */
    assert_int_equal(on("US", "2025-01-01"), PSEC_TRI_NO);
    assert_int_equal(on("SC", "2019-04-11"), PSEC_TRI_NO);
    assert_int_equal(on("SC", "2019-04-12"), PSEC_TRI_YES);
}

static void test_exceptions(void **state)
{
    struct psec_coe_state st;
    (void)state;
    psec_coe_exception_on(&set, "NG", "NGAPP-0001", D("2025-10-01"), &st);
    assert_int_equal(st.state, PSEC_TRI_YES);
    psec_coe_exception_on(&set, "NG", "ngapp-0001", D("2014-06-25"), &st);
    assert_int_equal(st.state, PSEC_TRI_NO);
    psec_coe_exception_on(&set, "NG", "NGAPP-0002", D("2025-10-01"), &st);
    assert_int_equal(st.state, PSEC_TRI_NO);
    /* By name where no number was printed. */
    psec_coe_exception_on(&set, "YE", "Balhaf LNG Terminal", D("2025-10-01"), &st);
    assert_int_equal(st.state, PSEC_TRI_YES);
    psec_coe_exception_on(&set, "YE", "Port of Hodeidah", D("2015-04-07"), &st);
    assert_int_equal(st.state, PSEC_TRI_YES);
    psec_coe_exception_on(&set, "YE", "Port of Hodeidah", D("2015-04-08"), &st);
    assert_int_equal(st.state, PSEC_TRI_NO);
    /* Cameroon: Douala excepted between 2011-10 and 2015-06 (unknown day),
     * revoked 2026-02-25. */
    psec_coe_exception_on(&set, "CM", "CMDLA-0002", D("2013-01-01"), &st);
    assert_int_equal(st.state, PSEC_TRI_UNCERTAIN);
    psec_coe_exception_on(&set, "CM", "CMDLA-0002", D("2026-02-24"), &st);
    assert_int_equal(st.state, PSEC_TRI_YES);
    psec_coe_exception_on(&set, "CM", "CMDLA-0002", D("2026-02-25"), &st);
    assert_int_equal(st.state, PSEC_TRI_NO);
    psec_coe_exception_on(&set, "CM", "", D("2020-01-01"), &st);
    assert_int_equal(st.state, PSEC_TRI_NO);
}

static void count_cb(void *ctx, const struct psec_coe_change *add,
                     const struct psec_coe_state *st)
{
    (void)add;
    (void)st;
    (*(int *)ctx)++;
}

static int count_exc(const char *cc, const char *day)
{
    int n = 0;
    psec_coe_exceptions_on(&set, cc, D(day), count_cb, &n);
    return n;
}

static void test_exception_lists(void **state)
{
    (void)state;
    assert_int_equal(count_exc("NG", "2014-06-26"), 22);
    assert_int_equal(count_exc("DJ", "2019-05-30"), 2);
    assert_int_equal(count_exc("YE", "2015-04-08"), 1);
    assert_int_equal(count_exc("CM", "2026-02-25"), 0);
    /* Equatorial Guinea: Ceiba has two numbers. */
    assert_int_equal(count_exc("GQ", "2025-10-01"), 5 + 1);
}

static void test_round_trip(void **state)
{
    struct psec_coe_set back;
    struct psec_err e = { 0 };
    (void)state;
    json_t *doc = psec_coe_to_json(&set);
    char *text = json_dumps(doc, 0);
    json_decref(doc);
    json_t *again = json_loads(text, 0, NULL);
    free(text);
    psec_coe_set_init(&back);
    assert_int_equal(psec_coe_from_json(again, &back, &e), PSEC_OK);
    json_decref(again);
    psec_coe_set_sort(&back);
    assert_int_equal(back.nadv, set.nadv);
    assert_int_equal(back.nch, set.nch);
    assert_int_equal(back.ncond, set.ncond);
    const char *codes[] = { "CU", "DJ", "KP", "SD", "CI", "LR", "NG", "ID", "GQ", "NR", "MR" };
    for (int64_t d = D("2005-01-01"); d < D("2026-06-01"); d += 7)
        for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
            struct psec_coe_state a, b;
            psec_coe_country_on(&set, codes[i], d, &a);
            psec_coe_country_on(&back, codes[i], d, &b);
            assert_int_equal(a.state, b.state);
            psec_coe_exception_on(&set, "CM", "CMDLA-0002", d, &a);
            psec_coe_exception_on(&back, "CM", "CMDLA-0002", d, &b);
            assert_int_equal(a.state, b.state);
        }
    psec_coe_set_free(&back);
}

static void expect_error(const char *json, const char *msg)
{
    struct psec_coe_set s;
    struct psec_err e = { 0 };
    json_t *root = json_loads(json, 0, NULL);
    assert_non_null(root);
    psec_coe_set_init(&s);
    assert_int_not_equal(psec_coe_from_json(root, &s, &e), PSEC_OK);
    if (strstr(e.msg, msg) == NULL)
        fail_msg("expected '%s' in '%s'", msg, e.msg);
    json_decref(root);
    psec_coe_set_free(&s);
}

static void test_bad_input(void **state)
{
    (void)state;
    expect_error("{\"format\":\"x\"}", "format:");
    expect_error("{\"format\":\"portsec-advisories\",\"advisories\":[{\"id\":\"A\",\"title\":\"t\","
                 "\"source\":\"s\",\"changes\":[{\"action\":\"add_country\",\"country\":\"SC\","
                 "\"effective\":\"2019-13-01\",\"basis\":\"assessment\",\"confidence\":"
                 "\"confirmed\"}]}]}",
                 "advisories[0].changes[0].effective: '2019-13-01' is not a date");
    expect_error("{\"format\":\"portsec-advisories\",\"advisories\":[{\"id\":\"A\",\"title\":\"t\","
                 "\"source\":\"s\",\"changes\":[{\"action\":\"add_country\",\"country\":\"SC\","
                 "\"effective\":\"2019-01-01\",\"basis\":\"whim\",\"confidence\":"
                 "\"confirmed\"}]}]}",
                 "advisories[0].changes[0].basis: 'whim'");
    expect_error("{\"format\":\"portsec-advisories\",\"advisories\":[{\"id\":\"A\",\"title\":\"t\","
                 "\"source\":\"s\",\"changes\":[{\"action\":\"add_exception\",\"country\":\"SC\","
                 "\"effective\":{\"not_before\":\"2020-01-02\",\"by\":\"2020-01-01\"},"
                 "\"confidence\":\"confirmed\",\"facility_name\":\"X\"}]}]}",
                 "advisories[0].changes[0].effective: not_before is after by");
    expect_error("{\"format\":\"portsec-advisories\",\"advisories\":[{\"id\":\"A\",\"title\":\"t\","
                 "\"source\":\"s\",\"changes\":[{\"action\":\"drop\",\"country\":\"SC\"}]}]}",
                 "advisories[0].changes[0].action: 'drop'");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loaded),
        cmocka_unit_test(test_list_2025_09_02),
        cmocka_unit_test(test_snapshots),
        cmocka_unit_test(test_djibouti),
        cmocka_unit_test(test_cuba),
        cmocka_unit_test(test_north_korea),
        cmocka_unit_test(test_unknown_intervals),
        cmocka_unit_test(test_exceptions),
        cmocka_unit_test(test_exception_lists),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
