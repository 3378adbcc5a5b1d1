/*
 * test_report.c — the report renderer: the demo report document
 * (tests/golden/report/demo-SC.json, demonstration data) renders to exactly
 * the golden HTML and Markdown; JSON round-trips; a minimal document takes
 * the "nothing yet" branches; text is escaped for each format.
 * PSEC_GOLDEN_UPDATE=1 rewrites the golden files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "io/report.h"

#define GOLDEN PSEC_TESTDIR "/golden/report/"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        fclose(f);
        return NULL;
    }
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void check_golden(const char *name, const char *text)
{
    char path[512];
    char *want;

    snprintf(path, sizeof path, GOLDEN "%s", name);
    if (getenv("PSEC_GOLDEN_UPDATE") && strcmp(getenv("PSEC_GOLDEN_UPDATE"), "1") == 0) {
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        fputs(text, f);
        fclose(f);
        return;
    }
    want = slurp(path);
    if (want == NULL)
        fail_msg("golden file %s is missing", path);
    if (strcmp(want, text) != 0) {
        size_t i = 0;
        while (want[i] && want[i] == text[i])
            i++;
        fail_msg("%s differs from the golden file at byte %zu", name, i);
    }
    free(want);
}

static void demo_report_matches_golden(void **state)
{
    json_error_t je;
    json_t *doc = json_load_file(GOLDEN "demo-SC.json", 0, &je);
    struct psec_err e = { 0 };
    char *html, *md, *js;
    (void)state;

    if (doc == NULL)
        fail_msg("demo-SC.json: %s", je.text);
    html = psec_report_render(doc, "html", &e);
    md = psec_report_render(doc, "md", &e);
    js = psec_report_render(doc, "json", &e);
    assert_non_null(html);
    assert_non_null(md);
    assert_non_null(js);
    check_golden("demo-SC.html", html);
    check_golden("demo-SC.md", md);
    check_golden("demo-SC.json", js);
    /* The demo notice is in the title, the banner and the footer. */
    assert_non_null(strstr(html, "<title>[DEMONSTRATION]"));
    assert_non_null(strstr(html, "class=\"demo\""));
    free(html);
    free(md);
    free(js);
    json_decref(doc);
}

static void minimal_report_and_escaping(void **state)
{
    json_t *doc = json_pack(
        "{s:s, s:b, s:s, s:{s:s, s:s}, s:{s:s, s:s},"
        " s:{s:n, s:{s:s, s:[]}, s:n, s:n, s:i, s:i, s:i, s:i, s:i, s:i, s:n, s:n},"
        " s:{s:s, s:s, s:s, s:[], s:[], s:[]}, s:[], s:[], s:[], s:[], s:n, s:[]}",
        "report", "country-assessment", "demo", 0, "generated_on", "2026-01-02",
        "country", "alpha2", "XA", "name", "Atlantis <Test> | Land",
        "checklist", "name", "isps-port-security", "version", "1.0.0",
        "summary", "determination", "proposal", "result", "none", "reasons",
        "overall_score", "overall_coverage", "facilities_assessed", 0, "critical_failures", 0,
        "findings", 0, "open_findings", 0, "recommendations", 0, "overdue_recommendations", 0,
        "last_assessment_visit", "next_reassessment_due",
        "visit", "kind", "remote", "start_date", "2026-01-01", "end_date", "2026-01-01",
        "team", "officials", "sites",
        "sections", "facilities", "findings", "recommendations", "change", "best_practices");
    struct psec_err e = { 0 };
    char *html, *md;
    (void)state;

    assert_non_null(doc);
    html = psec_report_render(doc, "html", &e);
    md = psec_report_render(doc, "md", &e);
    assert_non_null(html);
    assert_non_null(md);
    assert_non_null(strstr(html, "Atlantis &lt;Test&gt; | Land"));
    assert_null(strstr(html, "<Test>"));
    assert_non_null(strstr(md, "Atlantis \\<Test> \\| Land"));
    assert_non_null(strstr(html, "No determination has been recorded yet."));
    assert_non_null(strstr(html, "This is the first assessment on record."));
    assert_non_null(strstr(md, "No findings."));
    assert_null(strstr(html, "DEMONSTRATION"));
    free(html);
    free(md);

    assert_null(psec_report_render(doc, "pdf", &e));
    assert_int_equal(e.code, PSEC_E_USAGE);
    json_decref(doc);
    doc = json_array();
    assert_null(psec_report_render(doc, "html", &e));
    assert_int_equal(e.code, PSEC_E_INVALID);
    json_decref(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(demo_report_matches_golden),
        cmocka_unit_test(minimal_report_and_escaping),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
