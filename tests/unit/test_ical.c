/*
 * test_ical.c — the iCalendar writer: escaping, folding at 75 octets on
 * UTF-8 boundaries, CRLF endings, and a golden calendar of a fixed plan
 * (tests/golden/ical/plan.ics; PSEC_GOLDEN_UPDATE=1 rewrites it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "base/time.h"
#include "io/ical.h"
#include "model/plan.h"

/* Checks RFC 5545 line structure: CRLF only, <= 75 octets, continuation
 * lines start with a space, BEGIN/END balanced. Returns events seen. */
static int check_structure(const char *s)
{
    int depth = 0, events = 0;
    const char *p = s;

    assert_true(strncmp(s, "BEGIN:VCALENDAR\r\n", 17) == 0);
    while (*p) {
        const char *eol = strstr(p, "\r\n");
        size_t len;
        assert_non_null(eol);
        len = (size_t)(eol - p);
        assert_true(len <= 75);
        assert_null(memchr(p, '\n', len));
        assert_true(psec_utf8_valid(p, len));
        if (strncmp(p, "BEGIN:", 6) == 0) {
            depth++;
            if (strncmp(p, "BEGIN:VEVENT", 12) == 0)
                events++;
        } else if (strncmp(p, "END:", 4) == 0) {
            depth--;
        }
        p = eol + 2;
    }
    assert_int_equal(depth, 0);
    return events;
}

/* Unfolds (CRLF + space removed) for content checks. */
static char *unfold(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;
    assert_non_null(out);
    while (*s) {
        if (s[0] == '\r' && s[1] == '\n' && s[2] == ' ') {
            s += 3;
            continue;
        }
        *o++ = *s++;
    }
    *o = '\0';
    return out;
}

static void test_escape_and_fold(void **state)
{
    struct psec_ical_event ev = {0};
    struct psec_ical_cal cal = {"-//test//EN", "Test", 0};
    char summary[400], *text, *flat;
    struct psec_err e;
    (void)state;

    /* 70 ASCII then many two-byte characters: a fold must not split one. */
    memset(summary, 'x', 70);
    summary[70] = '\0';
    for (int i = 0; i < 60; i++)
        strncat(summary, "\xc3\xb4", sizeof summary - strlen(summary) - 1);
    ev.uid = "a@b";
    ev.start_day = psec_days_from_civil(2027, 2, 1);
    ev.end_day = psec_days_from_civil(2027, 2, 5);
    ev.summary = summary;
    ev.description = "one, two; three\\four\nfive";
    text = psec_ical_write(&cal, &ev, 1, &e);
    assert_non_null(text);
    assert_int_equal(check_structure(text), 1);
    assert_non_null(strstr(text, "DTSTAMP:19700101T000000Z\r\n"));
    assert_non_null(strstr(text, "DTSTART;VALUE=DATE:20270201\r\n"));
    assert_non_null(strstr(text, "DTEND;VALUE=DATE:20270206\r\n"));   /* exclusive */
    flat = unfold(text);
    assert_non_null(strstr(flat, "DESCRIPTION:one\\, two\\; three\\\\four\\nfive\r\n"));
    assert_non_null(strstr(flat, summary));
    free(flat);
    free(text);

    /* Bytes that are not UTF-8 (continuation bytes only) still fold and end. */
    memset(summary, 0x80, 200);
    summary[200] = '\0';
    text = psec_ical_write(&cal, &ev, 1, &e);
    assert_non_null(text);
    {
        const char *p = text;
        while (*p) {
            const char *eol = strstr(p, "\r\n");
            assert_non_null(eol);
            assert_true(eol - p <= 75);
            p = eol + 2;
        }
    }
    free(text);

    ev.end_day = ev.start_day - 1;
    assert_null(psec_ical_write(&cal, &ev, 1, &e));
    assert_int_equal(e.code, PSEC_E_INVALID);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    long n;
    char *s;

    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    s = malloc((size_t)n + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

static void test_golden_plan(void **state)
{
    struct psec_plan_country c[4];
    struct psec_plan_params p;
    struct psec_plan_blackout b = {psec_days_from_civil(2027, 12, 15),
                                   psec_days_from_civil(2027, 12, 31)};
    struct psec_plan *plan;
    struct psec_err e;
    const char *path = PSEC_TESTDIR "/golden/ical/plan.ics";
    char *text, *want;
    int64_t stamp;
    (void)state;

    c[0] = (struct psec_plan_country){.country = "SC", .name = "Seychelles", .has_pos = true,
                                      .lat = -4.62, .lon = 55.45, .assessed = true,
                                      .due_day = psec_days_from_civil(2027, 4, 12),
                                      .score = 0.61};
    c[1] = (struct psec_plan_country){.country = "MU", .name = "Mauritius", .has_pos = true,
                                      .lat = -20.16, .lon = 57.50, .assessed = true,
                                      .due_day = psec_days_from_civil(2029, 3, 1),
                                      .score = 0.32};
    c[2] = (struct psec_plan_country){.country = "CI", .name = "C\xc3\xb4te d'Ivoire",
                                      .has_pos = true, .lat = 5.25, .lon = -3.97,
                                      .score = 0.44};
    c[3] = (struct psec_plan_country){.country = "FM",
                                      .name = "Micronesia, Federated States of",
                                      .has_pos = true, .lat = 6.96, .lon = 158.21,
                                      .assessed = true,
                                      .due_day = psec_days_from_civil(2028, 1, 1),
                                      .score = 0.51};
    psec_plan_params_default(&p);
    p.year = 2027;
    p.capacity = 4;
    p.blackouts = &b;
    p.nblackouts = 1;
    assert_int_equal(psec_plan_make(c, 4, &p, &plan, &e), PSEC_OK);
    assert_true(psec_time_parse("2026-11-25T12:00:00Z", &stamp));
    text = psec_ical_plan(plan, "Asia-Pacific Unit (demo)", stamp, &e);
    assert_non_null(text);
    assert_int_equal(check_structure(text), 4);
    assert_non_null(strstr(text, "UID:portsec-plan-2027-SC-asia-pacific-unit-demo@portsec\r\n"));
    assert_non_null(strstr(text, "DTSTAMP:20261125T120000Z\r\n"));
    if (getenv("PSEC_GOLDEN_UPDATE") != NULL) {
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        fputs(text, f);
        fclose(f);
    }
    want = slurp(path);
    if (want == NULL)
        fail_msg("%s missing: run with PSEC_GOLDEN_UPDATE=1", path);
    assert_string_equal(text, want);
    free(want);
    free(text);
    psec_plan_free(plan);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape_and_fold),
        cmocka_unit_test(test_golden_plan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
