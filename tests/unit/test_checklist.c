/*
 * test_checklist.c — the shipped catalogue (data/checklist) loads, is big
 * enough, covers every section issue 3 names, and every item carries the
 * references the program relies on; the builder rejects bad items.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/str.h"
#include "io/assessment_json.h"
#include "model/checklist.h"

#define CATALOGUE PSEC_TESTDIR "/../data/checklist/isps-checklist-v1.json"

static struct psec_checklist *load(void)
{
    struct psec_checklist *ck = NULL;
    struct psec_err e = { 0 };
    int rc = psec_checklist_load_file(CATALOGUE, &ck, &e);
    if (rc != PSEC_OK)
        fail_msg("%s", e.msg);
    return ck;
}

static void catalogue_loads_and_is_complete(void **state)
{
    static const char *const required[] = {
        "legal", "da_oversight", "security_level", "pfsa", "pfsp", "pfso", "access_control",
        "restricted_areas", "cargo", "stores", "baggage", "monitoring", "communications",
        "training", "dos", "records", NULL };
    struct psec_checklist *ck = load();
    (void)state;

    assert_string_equal(ck->name, "isps-port-security");
    assert_string_equal(ck->version, "1.0.0");
    assert_true(ck->n_items >= 80);
    for (const char *const *s = required; *s; s++) {
        int idx = psec_checklist_section(ck, *s);
        size_t n = 0;
        if (idx < 0)
            fail_msg("section %s missing", *s);
        for (size_t i = 0; i < ck->n_items; i++)
            n += ck->items[i].section_index == idx;
        if (n == 0)
            fail_msg("section %s has no item", *s);
    }
    /* Both scopes are present and every item is fully referenced. */
    assert_true(psec_checklist_count(ck, PSEC_SCOPE_COUNTRY) >= 15);
    assert_true(psec_checklist_count(ck, PSEC_SCOPE_FACILITY) >= 60);
    for (size_t i = 0; i < ck->n_items; i++) {
        const struct psec_ck_item *it = &ck->items[i];
        if (it->n_isps < 1 || it->n_solas < 1 || it->n_usc < 1)
            fail_msg("item %s lacks a reference", it->id);
        assert_true(it->weight >= 1 && it->weight <= 3);
        assert_true(strncmp(it->solas[0], "XI-2/", 5) == 0);
        assert_true(it->isps[0][0] == 'A' || it->isps[0][0] == 'B');
    }
    /* The determination rule needs critical items in its sections. */
    assert_true(ck->items[psec_checklist_item(ck, "LEG-01")].critical);
    assert_true(ck->items[psec_checklist_item(ck, "AC-01")].critical);
    psec_checklist_free(ck);
}

static void refs_line(void **state)
{
    struct psec_checklist *ck = load();
    char buf[256];
    (void)state;

    psec_ck_item_refs(&ck->items[psec_checklist_item(ck, "AC-01")], buf, sizeof buf);
    assert_string_equal(buf, "ISPS A/14.2.2, B/16.10-16.20; SOLAS XI-2/10; 46 U.S.C. 70108(b)(2)");
    /* Truncation keeps the string terminated. */
    psec_ck_item_refs(&ck->items[0], buf, 10);
    assert_int_equal(strlen(buf), 9);
    psec_checklist_free(ck);
}

static void builder_rejects_bad_items(void **state)
{
    struct psec_checklist *ck = psec_checklist_new("t", "1", "test");
    struct psec_ck_section s = { "legal", "Legal regime", PSEC_SCOPE_COUNTRY };
    struct psec_ck_item it;
    struct psec_err e = { 0 };
    (void)state;

    assert_int_equal(psec_checklist_add_section(ck, &s, &e), PSEC_OK);
    assert_int_equal(psec_checklist_add_section(ck, &s, &e), PSEC_E_INVALID);
    assert_non_null(strstr(e.msg, "duplicate"));

    memset(&it, 0, sizeof it);
    psec_strlcpy(it.id, "X-1", sizeof it.id);
    psec_strlcpy(it.section, "legal", sizeof it.section);
    psec_strlcpy(it.question, "Q?", sizeof it.question);
    psec_strlcpy(it.isps[0], "A/4", sizeof it.isps[0]);
    it.n_isps = 1;
    it.scope = PSEC_SCOPE_COUNTRY;
    it.weight = 4;
    assert_int_equal(psec_checklist_add_item(ck, &it, &e), PSEC_E_INVALID);
    assert_non_null(strstr(e.msg, "weight 4"));
    it.weight = 2;
    it.scope = PSEC_SCOPE_FACILITY;
    assert_int_equal(psec_checklist_add_item(ck, &it, &e), PSEC_E_INVALID);
    assert_non_null(strstr(e.msg, "does not hold facility"));
    it.scope = PSEC_SCOPE_COUNTRY;
    it.usc[0] = 7;
    it.n_usc = 1;
    assert_int_equal(psec_checklist_add_item(ck, &it, &e), PSEC_E_INVALID);
    it.usc[0] = 5;
    psec_strlcpy(it.section, "nope", sizeof it.section);
    assert_int_equal(psec_checklist_add_item(ck, &it, &e), PSEC_E_INVALID);
    assert_non_null(strstr(e.msg, "unknown section"));
    psec_strlcpy(it.section, "legal", sizeof it.section);
    it.n_isps = 0;
    assert_int_equal(psec_checklist_add_item(ck, &it, &e), PSEC_E_INVALID);
    it.n_isps = 1;
    assert_int_equal(psec_checklist_add_item(ck, &it, &e), PSEC_OK);
    assert_int_equal(psec_checklist_add_item(ck, &it, &e), PSEC_E_INVALID);
    assert_int_equal(psec_checklist_item(ck, "X-1"), 0);
    assert_int_equal(psec_checklist_item(ck, "X-2"), -1);
    psec_checklist_free(ck);
}

static void answers_and_scopes(void **state)
{
    enum psec_answer a;
    enum psec_scope s;
    (void)state;

    assert_true(psec_answer_parse("NO_OBS", &a));
    assert_int_equal(a, PSEC_ANSWER_NO_OBS);
    assert_false(psec_answer_parse("yes", &a));   /* exact names only */
    assert_false(psec_answer_parse("MAYBE", &a));
    assert_false(psec_answer_parse(NULL, &a));
    assert_string_equal(psec_answer_name(PSEC_ANSWER_NA), "NA");
    assert_true(psec_scope_parse("facility", &s));
    assert_int_equal(s, PSEC_SCOPE_FACILITY);
    assert_false(psec_scope_parse("port", &s));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(catalogue_loads_and_is_complete),
        cmocka_unit_test(refs_line),
        cmocka_unit_test(builder_rejects_bad_items),
        cmocka_unit_test(answers_and_scopes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
