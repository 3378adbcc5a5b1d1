/*
 * test_assess.c — every branch of the assessment rules: scoring and
 * coverage, critical failures, findings, recommendation history and
 * overdue flag, the drills/exercises rule, the determination proposal and
 * the statutory dates. Uses a small checklist built here so each number
 * can be checked by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/str.h"
#include "base/time.h"
#include "model/assess.h"

enum { L1, L2, D1, A1, A2, A3, T1, T2, R1X, NITEMS };

static struct psec_checklist *small(void)
{
    static const struct { const char *id, *title; enum psec_scope scope; } secs[] = {
        { "legal", "Legal regime", PSEC_SCOPE_COUNTRY },
        { "da_oversight", "Designated Authority oversight", PSEC_SCOPE_COUNTRY },
        { "access_control", "Access control", PSEC_SCOPE_FACILITY },
        { "training", "Training", PSEC_SCOPE_BOTH },
        { "records", "Records", PSEC_SCOPE_FACILITY },
    };
    static const struct {
        const char *id, *sec; enum psec_scope scope; int w; bool crit;
    } items[NITEMS] = {
        { "L1", "legal", PSEC_SCOPE_COUNTRY, 3, true },
        { "L2", "legal", PSEC_SCOPE_COUNTRY, 1, false },
        { "D1", "da_oversight", PSEC_SCOPE_COUNTRY, 2, true },
        { "A1", "access_control", PSEC_SCOPE_FACILITY, 3, true },
        { "A2", "access_control", PSEC_SCOPE_FACILITY, 2, false },
        { "A3", "access_control", PSEC_SCOPE_FACILITY, 1, false },
        { "T1", "training", PSEC_SCOPE_COUNTRY, 1, false },
        { "T2", "training", PSEC_SCOPE_FACILITY, 2, false },
        /* critical but outside the sections of R2 */
        { "R1X", "records", PSEC_SCOPE_FACILITY, 1, true },
    };
    struct psec_checklist *ck = psec_checklist_new("small", "1", "small");
    struct psec_err e = { 0 };

    for (size_t i = 0; i < sizeof secs / sizeof *secs; i++) {
        struct psec_ck_section s;
        memset(&s, 0, sizeof s);
        psec_strlcpy(s.id, secs[i].id, sizeof s.id);
        psec_strlcpy(s.title, secs[i].title, sizeof s.title);
        s.scope = secs[i].scope;
        assert_int_equal(psec_checklist_add_section(ck, &s, &e), PSEC_OK);
    }
    for (size_t i = 0; i < NITEMS; i++) {
        struct psec_ck_item it;
        memset(&it, 0, sizeof it);
        psec_strlcpy(it.id, items[i].id, sizeof it.id);
        psec_strlcpy(it.section, items[i].sec, sizeof it.section);
        psec_strlcpy(it.question, "Is it so?", sizeof it.question);
        psec_strlcpy(it.isps[0], "A/4", sizeof it.isps[0]);
        it.n_isps = 1;
        it.scope = items[i].scope;
        it.weight = items[i].w;
        it.critical = items[i].crit;
        assert_int_equal(psec_checklist_add_item(ck, &it, &e), PSEC_OK);
    }
    return ck;
}

static int64_t D(const char *s)
{
    int64_t d = 0;
    assert_true(psec_date_parse(s, &d));
    return d;
}

/* ---------------------------------------------------------------- scoring */

static void score_weighted_with_coverage(void **state)
{
    struct psec_checklist *ck = small();
    enum psec_answer a[NITEMS] = { 0 };
    struct psec_score sc;
    int acc = psec_checklist_section(ck, "access_control");
    int tr = psec_checklist_section(ck, "training");
    int lg = psec_checklist_section(ck, "legal");
    (void)state;

    a[A1] = PSEC_ANSWER_YES;
    a[A2] = PSEC_ANSWER_NO;
    a[A3] = PSEC_ANSWER_NA;
    a[T2] = PSEC_ANSWER_NO_OBS;
    a[L1] = PSEC_ANSWER_NO;     /* country item: ignored in a facility assessment */
    psec_assess_score(ck, PSEC_SCOPE_FACILITY, a, &sc);

    assert_int_equal(sc.sections[acc].items, 3);
    assert_int_equal(sc.sections[acc].weight_yes, 3);
    assert_int_equal(sc.sections[acc].weight_no, 2);
    assert_float_equal(sc.sections[acc].score, 0.6, 1e-9);
    assert_float_equal(sc.sections[acc].coverage, 1.0, 1e-9);   /* NA left out */
    assert_int_equal(sc.sections[tr].items, 1);                  /* only T2 */
    assert_float_equal(sc.sections[tr].score, -1.0, 1e-9);       /* NO_OBS: no score */
    assert_float_equal(sc.sections[tr].coverage, 0.0, 1e-9);     /* but applicable */
    assert_int_equal(sc.sections[lg].items, 0);                  /* out of scope */
    assert_float_equal(sc.sections[lg].coverage, -1.0, 1e-9);
    assert_int_equal(sc.total.items, 5);                         /* A1..A3, T2, R1X */
    assert_int_equal(sc.total.unanswered, 1);
    assert_float_equal(sc.total.score, 0.6, 1e-9);
    assert_float_equal(sc.total.coverage, 2.0 / 4.0, 1e-9);
    assert_int_equal(sc.n_critical, 0);

    a[A1] = PSEC_ANSWER_NO;
    a[R1X] = PSEC_ANSWER_NO;
    psec_assess_score(ck, PSEC_SCOPE_FACILITY, a, &sc);
    assert_float_equal(sc.sections[acc].score, 0.0, 1e-9);
    assert_int_equal(sc.n_critical, 2);
    assert_int_equal(sc.critical[0], A1);
    assert_int_equal(sc.critical[1], R1X);

    /* Country scope sees L1 (critical NO) and not the facility items. */
    psec_assess_score(ck, PSEC_SCOPE_COUNTRY, a, &sc);
    assert_int_equal(sc.total.items, 4);
    assert_int_equal(sc.n_critical, 1);
    assert_int_equal(sc.critical[0], L1);
    psec_checklist_free(ck);
}

static void score_all_na_has_no_coverage(void **state)
{
    struct psec_checklist *ck = small();
    enum psec_answer a[NITEMS];
    struct psec_score sc;
    (void)state;

    for (int i = 0; i < NITEMS; i++)
        a[i] = PSEC_ANSWER_NA;
    psec_assess_score(ck, PSEC_SCOPE_COUNTRY, a, &sc);
    assert_float_equal(sc.total.score, -1.0, 1e-9);
    assert_float_equal(sc.total.coverage, -1.0, 1e-9);
    psec_checklist_free(ck);
}

static void tallies_add_up(void **state)
{
    struct psec_tally a = { .items = 2, .yes = 1, .no = 1, .weight_yes = 3, .weight_no = 1 };
    struct psec_tally b = { .items = 2, .yes = 1, .na = 1, .weight_yes = 1 };
    (void)state;

    psec_tally_add(&a, &b);
    psec_tally_finish(&a);
    assert_float_equal(a.score, 4.0 / 5.0, 1e-9);
    assert_float_equal(a.coverage, 3.0 / 3.0, 1e-9);
}

static void findings_are_the_nos(void **state)
{
    struct psec_checklist *ck = small();
    enum psec_answer a[NITEMS] = { 0 };
    int out[NITEMS];
    (void)state;

    a[A2] = PSEC_ANSWER_NO;
    a[T2] = PSEC_ANSWER_NO;
    a[L2] = PSEC_ANSWER_NO;   /* other scope */
    a[A1] = PSEC_ANSWER_YES;
    assert_int_equal(psec_assess_findings(ck, PSEC_SCOPE_FACILITY, a, out, NITEMS), 2);
    assert_int_equal(out[0], A2);
    assert_int_equal(out[1], T2);
    /* The count is right even when the caller's array is too small. */
    assert_int_equal(psec_assess_findings(ck, PSEC_SCOPE_FACILITY, a, out, 1), 2);
    psec_checklist_free(ck);
}

/* --------------------------------------------------------- recommendations */

static void rec_transitions(void **state)
{
    struct psec_err e = { 0 };
    enum psec_rec_status s;
    (void)state;

    assert_int_equal(psec_rec_transition_check(PSEC_REC_OPEN, PSEC_REC_IN_PROGRESS, &e), PSEC_OK);
    assert_int_equal(psec_rec_transition_check(PSEC_REC_IMPLEMENTED, PSEC_REC_VERIFIED, &e),
                     PSEC_OK);
    assert_int_equal(psec_rec_transition_check(PSEC_REC_OPEN, PSEC_REC_VERIFIED, &e),
                     PSEC_E_INVALID);
    assert_non_null(strstr(e.msg, "only an implemented"));
    assert_int_equal(psec_rec_transition_check(PSEC_REC_VERIFIED, PSEC_REC_OPEN, &e),
                     PSEC_E_INVALID);
    assert_non_null(strstr(e.msg, "closed"));
    assert_int_equal(psec_rec_transition_check(PSEC_REC_OPEN, PSEC_REC_OPEN, &e),
                     PSEC_E_INVALID);
    assert_non_null(strstr(e.msg, "already open"));
    assert_int_equal(psec_rec_transition_check(PSEC_REC_NOT_ACCEPTED, PSEC_REC_IMPLEMENTED, &e),
                     PSEC_E_INVALID);
    assert_int_equal(psec_rec_transition_check(PSEC_REC_NOT_ACCEPTED, PSEC_REC_OPEN, &e), PSEC_OK);
    assert_true(psec_rec_status_parse("not-accepted", &s));
    assert_int_equal(s, PSEC_REC_NOT_ACCEPTED);
    assert_false(psec_rec_status_parse("closed", &s));
    assert_string_equal(psec_rec_status_name(PSEC_REC_IN_PROGRESS), "in-progress");
}

static void rec_history(void **state)
{
    struct psec_err e = { 0 };
    struct psec_rec_event ok[] = { { D("2026-01-10"), PSEC_REC_OPEN },
                                   { D("2026-02-01"), PSEC_REC_IN_PROGRESS },
                                   { D("2026-05-01"), PSEC_REC_IMPLEMENTED },
                                   { D("2026-05-01"), PSEC_REC_VERIFIED } };
    struct psec_rec_event back[] = { { D("2026-01-10"), PSEC_REC_OPEN },
                                     { D("2026-01-09"), PSEC_REC_IN_PROGRESS } };
    struct psec_rec_event bad_start[] = { { D("2026-01-10"), PSEC_REC_IN_PROGRESS } };
    struct psec_rec_event bad_step[] = { { D("2026-01-10"), PSEC_REC_OPEN },
                                         { D("2026-01-11"), PSEC_REC_VERIFIED } };
    enum psec_rec_status s;
    (void)state;

    assert_int_equal(psec_rec_history_check(ok, 4, &e), PSEC_OK);
    assert_int_equal(psec_rec_history_check(back, 2, &e), PSEC_E_INVALID);
    assert_non_null(strstr(e.msg, "history[1]: date 2026-01-09 is before"));
    assert_int_equal(psec_rec_history_check(bad_start, 1, &e), PSEC_E_INVALID);
    assert_non_null(strstr(e.msg, "history[0]"));
    assert_int_equal(psec_rec_history_check(bad_step, 2, &e), PSEC_E_INVALID);
    assert_non_null(strstr(e.msg, "history[1]: only an implemented"));
    assert_int_equal(psec_rec_history_check(ok, 0, &e), PSEC_E_INVALID);

    assert_false(psec_rec_status_at(ok, 4, D("2026-01-09"), &s));
    assert_true(psec_rec_status_at(ok, 4, D("2026-03-01"), &s));
    assert_int_equal(s, PSEC_REC_IN_PROGRESS);
    assert_true(psec_rec_status_at(ok, 4, D("2026-05-01"), &s));
    assert_int_equal(s, PSEC_REC_VERIFIED);   /* same day: the later entry wins */
    assert_true(psec_rec_closes_finding(PSEC_REC_VERIFIED));
    assert_false(psec_rec_closes_finding(PSEC_REC_IMPLEMENTED));
}

static void rec_due_and_overdue(void **state)
{
    struct psec_err e = { 0 };
    struct psec_rec_event h[] = { { D("2026-01-10"), PSEC_REC_OPEN },
                                  { D("2026-03-01"), PSEC_REC_IN_PROGRESS },
                                  { D("2026-09-01"), PSEC_REC_IMPLEMENTED } };
    struct psec_rec_event na[] = { { D("2026-01-10"), PSEC_REC_OPEN },
                                   { D("2026-02-01"), PSEC_REC_NOT_ACCEPTED } };
    struct psec_rec_overdue o;
    int64_t due = D("2026-06-30");
    (void)state;

    assert_int_equal(psec_rec_due_check(D("2026-01-10"), D("2026-01-09"), &e), PSEC_E_INVALID);
    assert_non_null(strstr(e.msg, "due date 2026-01-09 is before the finding"));
    assert_int_equal(psec_rec_due_check(D("2026-01-10"), D("2026-01-10"), &e), PSEC_OK);

    psec_rec_overdue(h, 3, due, D("2026-06-30"), &o);   /* due day itself: not overdue */
    assert_false(o.overdue);
    assert_non_null(strstr(o.reason, "0 days left"));
    psec_rec_overdue(h, 3, due, D("2026-07-10"), &o);
    assert_true(o.overdue);
    assert_int_equal(o.days_overdue, 10);
    assert_int_equal(o.status, PSEC_REC_IN_PROGRESS);
    assert_non_null(strstr(o.reason, "still in-progress 10 days after"));
    psec_rec_overdue(h, 3, due, D("2026-09-02"), &o);   /* implemented since */
    assert_false(o.overdue);
    psec_rec_overdue(na, 2, due, D("2027-01-01"), &o);  /* not accepted: not chased */
    assert_false(o.overdue);
    assert_int_equal(o.status, PSEC_REC_NOT_ACCEPTED);
    psec_rec_overdue(h, 3, due, D("2025-12-31"), &o);   /* before it existed */
    assert_false(o.overdue);
}

/* ------------------------------------------------------ drills and exercises */

static void drills_compliant(void **state)
{
    struct psec_drill_event ev[] = {
        { D("2024-04-20"), PSEC_DRILL },    /* before the window: anchors it */
        { D("2024-07-15"), PSEC_DRILL }, { D("2024-10-10"), PSEC_DRILL },
        { D("2025-01-05"), PSEC_DRILL }, { D("2025-04-01"), PSEC_DRILL },
        { D("2025-06-30"), PSEC_DRILL }, { D("2025-09-25"), PSEC_DRILL },
        { D("2025-12-20"), PSEC_DRILL }, { D("2026-03-15"), PSEC_DRILL },
        { D("2024-11-03"), PSEC_EXERCISE }, { D("2025-10-01"), PSEC_EXERCISE },
        { D("2026-09-01"), PSEC_DRILL },    /* after as_of: ignored */
    };
    struct psec_drill_result r;
    char buf[16];
    (void)state;

    psec_drill_check(ev, sizeof ev / sizeof *ev, D("2026-05-01"), -1, &r);
    assert_true(r.drills_ok);
    assert_true(r.exercises_ok);
    assert_string_equal(psec_date_format(r.window_start, buf, sizeof buf), "2024-05-01");
    assert_string_equal(psec_date_format(r.last_drill, buf, sizeof buf), "2026-03-15");
    assert_string_equal(psec_date_format(r.next_drill_due, buf, sizeof buf), "2026-06-15");
    /* Next exercise: in 2026, and within 18 months of 2025-10-01. */
    assert_string_equal(psec_date_format(r.next_exercise_due, buf, sizeof buf), "2026-12-31");
    assert_int_equal(r.drills_in_window, 8);
    assert_int_equal(r.exercises_in_window, 2);
}

static void drills_gap_and_lapse(void **state)
{
    struct psec_drill_event ev[] = {
        { D("2025-06-01"), PSEC_DRILL }, { D("2025-10-15"), PSEC_DRILL },
        { D("2025-03-01"), PSEC_EXERCISE },
    };
    struct psec_drill_result r;
    (void)state;

    /* since = 2025-05-01: drills expected from then on. */
    psec_drill_check(ev, 3, D("2026-02-01"), D("2025-05-01"), &r);
    assert_false(r.drills_ok);
    assert_int_equal(r.drills_in_window, 2);
    assert_non_null(strstr(r.reasons[0], "no drill between 2025-06-01 and 2025-10-15"));
    assert_non_null(strstr(r.reasons[1], "no drill since 2025-10-15: one was due by 2026-01-15"));
    /* Exercise 2025-03-01 anchors; 11 months later is fine and 2025 is not wholly inside. */
    assert_true(r.exercises_ok);
}

static void exercises_missing_year_and_gap(void **state)
{
    struct psec_drill_event ev[] = {
        { D("2024-01-15"), PSEC_EXERCISE },
        { D("2025-12-20"), PSEC_EXERCISE },   /* 23 months later */
    };
    struct psec_drill_event none[] = { { D("2026-01-01"), PSEC_DRILL } };
    struct psec_drill_result r;
    bool saw_gap = false, saw_year = false;
    char buf[16];
    (void)state;

    psec_drill_check(ev, 2, D("2026-03-01"), D("2024-01-01"), &r);
    assert_false(r.exercises_ok);
    for (int i = 0; i < r.n_reasons; i++) {
        saw_gap |= strstr(r.reasons[i], "no exercise between 2024-01-15 and 2025-12-20") != NULL;
        saw_year |= strstr(r.reasons[i], "calendar year") != NULL;
    }
    assert_true(saw_gap);
    assert_false(saw_year);   /* 2024 and 2025 each had one: the gap alone fails */
    /* Next: by end of 2026 (the year after 2025), within 18 months. */
    assert_string_equal(psec_date_format(r.next_exercise_due, buf, sizeof buf), "2026-12-31");

    /* No exercise at all: 2025 (wholly inside the window) is missing. */
    psec_drill_check(none, 1, D("2026-02-01"), D("2025-01-01"), &r);
    assert_false(r.exercises_ok);
    saw_year = false;
    for (int i = 0; i < r.n_reasons; i++)
        saw_year |= strstr(r.reasons[i], "no exercise in calendar year 2025") != NULL;
    assert_true(saw_year);
    assert_int_equal(r.last_exercise, -1);
    assert_string_equal(psec_drill_kind_name(PSEC_EXERCISE), "exercise");
}

static void drills_none_at_all(void **state)
{
    struct psec_drill_result r;
    (void)state;

    psec_drill_check(NULL, 0, D("2026-05-01"), -1, &r);
    assert_false(r.drills_ok);
    assert_false(r.exercises_ok);
    assert_int_equal(r.last_drill, -1);
    assert_true(r.n_reasons >= 2);
}

/* ------------------------------------------------------------ determination */

static bool has_reason(const struct psec_det_proposal *p, const char *rule, const char *item,
                       bool decisive)
{
    for (size_t i = 0; i < p->n_reasons; i++)
        if (strcmp(p->reasons[i].rule, rule) == 0 &&
            (item == NULL || strcmp(p->reasons[i].item, item) == 0) &&
            p->reasons[i].decisive == decisive)
            return true;
    return false;
}

static void det_r1_country_critical(void **state)
{
    struct psec_checklist *ck = small();
    enum psec_answer c[NITEMS] = { 0 };
    struct psec_det_input in = { .ck = ck, .country = c };
    struct psec_det_proposal p;
    (void)state;

    c[L1] = PSEC_ANSWER_YES;
    c[D1] = PSEC_ANSWER_NO;
    assert_int_equal(psec_det_propose(&in, &p, NULL), PSEC_OK);
    assert_int_equal(p.result, PSEC_DET_NOT_EFFECTIVE);
    assert_true(has_reason(&p, "R1", "D1", true));
    assert_string_equal(psec_det_result_name(p.result), "not-effective");
    psec_det_proposal_free(&p);

    /* A critical item left NO_OBS is noted but does not decide. */
    c[D1] = PSEC_ANSWER_NO_OBS;
    assert_int_equal(psec_det_propose(&in, &p, NULL), PSEC_OK);
    assert_int_equal(p.result, PSEC_DET_EFFECTIVE);
    assert_true(has_reason(&p, "NOTE", "D1", false));
    assert_true(has_reason(&p, "R1", NULL, false));
    assert_true(has_reason(&p, "R4", NULL, true));
    psec_det_proposal_free(&p);
    psec_checklist_free(ck);
}

static void det_r2_half_the_facilities(void **state)
{
    struct psec_checklist *ck = small();
    enum psec_answer c[NITEMS] = { 0 }, f1[NITEMS] = { 0 }, f2[NITEMS] = { 0 },
                     f3[NITEMS] = { 0 };
    struct psec_det_facility fac[] = { { "SCPOV-0001", f1 }, { "SCPOV-0002", f2 },
                                       { "SCPOV-0003", f3 } };
    struct psec_det_input in = { .ck = ck, .country = c, .facilities = fac, .n_facilities = 2 };
    struct psec_det_proposal p;
    (void)state;

    c[L1] = c[D1] = PSEC_ANSWER_YES;
    f1[A1] = PSEC_ANSWER_NO;            /* fails */
    f2[A1] = PSEC_ANSWER_YES;
    f2[R1X] = PSEC_ANSWER_NO;           /* critical, but not an R2 section */
    assert_int_equal(psec_det_propose(&in, &p, NULL), PSEC_OK);
    assert_int_equal(p.facilities_failing, 1);
    assert_int_equal(p.result, PSEC_DET_NOT_EFFECTIVE);   /* 1 of 2 = half */
    assert_true(has_reason(&p, "R2", "A1", true));
    psec_det_proposal_free(&p);

    in.n_facilities = 3;                 /* 1 of 3: less than half */
    assert_int_equal(psec_det_propose(&in, &p, NULL), PSEC_OK);
    assert_int_equal(p.result, PSEC_DET_EFFECTIVE);
    assert_true(has_reason(&p, "R2", "A1", false));
    psec_det_proposal_free(&p);
    psec_checklist_free(ck);
}

static void det_r3_open_findings_and_r4(void **state)
{
    struct psec_checklist *ck = small();
    enum psec_answer c[NITEMS] = { 0 }, f1[NITEMS] = { 0 };
    struct psec_det_facility fac[] = { { "SCPOV-0001", f1 } };
    struct psec_det_finding fd[] = { { "SCPOV-0001", A2, true }, { "country", L2, false } };
    struct psec_det_input in = { .ck = ck, .country = c, .facilities = fac, .n_facilities = 1,
                                 .findings = fd, .n_findings = 2 };
    struct psec_det_proposal p;
    (void)state;

    c[L1] = c[D1] = PSEC_ANSWER_YES;
    f1[A1] = PSEC_ANSWER_YES;
    f1[A2] = PSEC_ANSWER_NO;
    assert_int_equal(psec_det_propose(&in, &p, NULL), PSEC_OK);
    assert_int_equal(p.result, PSEC_DET_EFFECTIVE_WITH_RECS);
    assert_int_equal(p.open_findings, 1);
    assert_true(has_reason(&p, "R3", "A2", true));
    assert_false(has_reason(&p, "R3", "L2", true));   /* closed finding */
    psec_det_proposal_free(&p);

    fd[0].open = false;
    assert_int_equal(psec_det_propose(&in, &p, NULL), PSEC_OK);
    assert_int_equal(p.result, PSEC_DET_EFFECTIVE);
    psec_det_proposal_free(&p);
    psec_checklist_free(ck);
}

static void det_partial_and_none(void **state)
{
    struct psec_checklist *ck = small();
    enum psec_answer f1[NITEMS] = { 0 };
    struct psec_det_facility fac[] = { { "SCPOV-0001", f1 } };
    struct psec_det_input in = { .ck = ck };
    struct psec_det_proposal p;
    enum psec_det_result r;
    (void)state;

    assert_int_equal(psec_det_propose(&in, &p, NULL), PSEC_OK);
    assert_int_equal(p.result, PSEC_DET_NONE);
    assert_string_equal(psec_det_result_name(p.result), "none");
    psec_det_proposal_free(&p);

    /* Facilities only: R1 is not evaluated and says so. */
    in.facilities = fac;
    in.n_facilities = 1;
    f1[A1] = PSEC_ANSWER_NO;
    assert_int_equal(psec_det_propose(&in, &p, NULL), PSEC_OK);
    assert_int_equal(p.result, PSEC_DET_NOT_EFFECTIVE);
    assert_non_null(strstr(p.reasons[0].text, "R1 not evaluated"));
    psec_det_proposal_free(&p);

    assert_true(psec_det_result_parse("effective-with-recommendations", &r));
    assert_int_equal(r, PSEC_DET_EFFECTIVE_WITH_RECS);
    assert_false(psec_det_result_parse("none", &r));
    assert_false(psec_det_result_parse("maybe", &r));
    psec_checklist_free(ck);
}

/* ----------------------------------------------------------- statutory dates */

static void statutory_dates(void **state)
{
    char buf[16];
    (void)state;

    assert_string_equal(psec_date_format(psec_reassessment_due(D("2026-03-12")), buf, sizeof buf),
                        "2029-03-12");
    /* 29 February: three years later is clamped to 28 February. */
    assert_string_equal(psec_date_format(psec_reassessment_due(D("2024-02-29")), buf, sizeof buf),
                        "2027-02-28");
    assert_string_equal(psec_date_format(psec_correction_deadline(D("2026-04-01")), buf,
                                         sizeof buf), "2026-06-30");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(score_weighted_with_coverage),
        cmocka_unit_test(score_all_na_has_no_coverage),
        cmocka_unit_test(tallies_add_up),
        cmocka_unit_test(findings_are_the_nos),
        cmocka_unit_test(rec_transitions),
        cmocka_unit_test(rec_history),
        cmocka_unit_test(rec_due_and_overdue),
        cmocka_unit_test(drills_compliant),
        cmocka_unit_test(drills_gap_and_lapse),
        cmocka_unit_test(exercises_missing_year_and_gap),
        cmocka_unit_test(drills_none_at_all),
        cmocka_unit_test(det_r1_country_critical),
        cmocka_unit_test(det_r2_half_the_facilities),
        cmocka_unit_test(det_r3_open_findings_and_r4),
        cmocka_unit_test(det_partial_and_none),
        cmocka_unit_test(statutory_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
