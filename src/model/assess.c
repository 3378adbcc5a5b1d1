/*
 * assess.c — scoring, recommendation status, drills rule, determination
 * proposal and statutory dates. See assess.h for the rules and
 * docs/determination.md for the determination rule in words.
 *
 * Does not: touch storage or the clock. Verified by the branch-by-branch
 * tests in tests/unit/test_assess*.c and, end to end, by the demo
 * assessment of data/demo/ (demonstration data, not a real country).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "base/time.h"
#include "model/assess.h"

/* ---------------------------------------------------------------- scoring */

void psec_tally_finish(struct psec_tally *t)
{
    int applicable = t->items - t->na;
    int wsum = t->weight_yes + t->weight_no;

    t->score = wsum > 0 ? (double)t->weight_yes / wsum : -1.0;
    t->coverage = applicable > 0 ? (double)(t->yes + t->no) / applicable : -1.0;
}

void psec_tally_add(struct psec_tally *a, const struct psec_tally *b)
{
    a->items += b->items;
    a->yes += b->yes;
    a->no += b->no;
    a->na += b->na;
    a->no_obs += b->no_obs;
    a->unanswered += b->unanswered;
    a->weight_yes += b->weight_yes;
    a->weight_no += b->weight_no;
}

static void tally_one(struct psec_tally *t, enum psec_answer a, int weight)
{
    t->items++;
    switch (a) {
    case PSEC_ANSWER_YES: t->yes++; t->weight_yes += weight; break;
    case PSEC_ANSWER_NO: t->no++; t->weight_no += weight; break;
    case PSEC_ANSWER_NA: t->na++; break;
    case PSEC_ANSWER_NO_OBS: t->no_obs++; break;
    case PSEC_ANSWER_NONE: t->unanswered++; break;
    }
}

void psec_assess_score(const struct psec_checklist *ck, enum psec_scope scope,
                       const enum psec_answer *answers, struct psec_score *out)
{
    memset(out, 0, sizeof *out);
    out->scope = scope;
    out->n_sections = ck->n_sections;
    for (size_t i = 0; i < ck->n_items; i++) {
        const struct psec_ck_item *it = &ck->items[i];
        enum psec_answer a = answers ? answers[i] : PSEC_ANSWER_NONE;

        if ((it->scope & scope) == 0)
            continue;
        tally_one(&out->sections[it->section_index], a, it->weight);
        tally_one(&out->total, a, it->weight);
        if (it->critical && a == PSEC_ANSWER_NO && out->n_critical < PSEC_CK_MAX_ITEMS)
            out->critical[out->n_critical++] = (int)i;
    }
    for (size_t s = 0; s < out->n_sections; s++)
        psec_tally_finish(&out->sections[s]);
    psec_tally_finish(&out->total);
}

size_t psec_assess_findings(const struct psec_checklist *ck, enum psec_scope scope,
                            const enum psec_answer *answers, int *out, size_t cap)
{
    size_t n = 0;

    for (size_t i = 0; i < ck->n_items; i++) {
        if ((ck->items[i].scope & scope) == 0 || answers[i] != PSEC_ANSWER_NO)
            continue;
        if (n < cap)
            out[n] = (int)i;
        n++;
    }
    return n;
}

/* --------------------------------------------------------- recommendations */

static const char *const rec_names[] = { "open", "in-progress", "implemented", "verified",
                                         "not-accepted" };

const char *psec_rec_status_name(enum psec_rec_status s)
{
    return (unsigned)s < 5 ? rec_names[s] : "";
}

bool psec_rec_status_parse(const char *s, enum psec_rec_status *out)
{
    for (int i = 0; s != NULL && i < 5; i++)
        if (strcmp(s, rec_names[i]) == 0) {
            *out = (enum psec_rec_status)i;
            return true;
        }
    return false;
}

const char *psec_rec_priority_name(enum psec_rec_priority p)
{
    switch (p) {
    case PSEC_PRIO_LOW: return "low";
    case PSEC_PRIO_MEDIUM: return "medium";
    case PSEC_PRIO_HIGH: return "high";
    }
    return "";
}

bool psec_rec_priority_parse(const char *s, enum psec_rec_priority *out)
{
    if (s == NULL)
        return false;
    if (strcmp(s, "low") == 0)
        *out = PSEC_PRIO_LOW;
    else if (strcmp(s, "medium") == 0)
        *out = PSEC_PRIO_MEDIUM;
    else if (strcmp(s, "high") == 0)
        *out = PSEC_PRIO_HIGH;
    else
        return false;
    return true;
}

/*
 * Allowed moves. Verification needs an implementation to verify; a
 * verified recommendation is finished; a host government that declined a
 * recommendation may take it up again (back to open or in progress), and a
 * failed verification sends it back to in progress.
 */
static const bool rec_moves[5][5] = {
    /* to:              open   inprog impl   verif  notacc */
    /* open */        { false, true,  true,  false, true  },
    /* in-progress */ { true,  false, true,  false, true  },
    /* implemented */ { false, true,  false, true,  false },
    /* verified */    { false, false, false, false, false },
    /* not-accepted */{ true,  true,  false, false, false },
};

int psec_rec_transition_check(enum psec_rec_status from, enum psec_rec_status to,
                              struct psec_err *e)
{
    if ((unsigned)from > 4 || (unsigned)to > 4)
        return psec_err_set(e, PSEC_E_INVALID, "unknown recommendation status");
    if (rec_moves[from][to])
        return PSEC_OK;
    if (from == to)
        return psec_err_set(e, PSEC_E_INVALID, "status is already %s", rec_names[to]);
    if (from == PSEC_REC_VERIFIED)
        return psec_err_set(e, PSEC_E_INVALID,
                            "a verified recommendation is closed; it cannot become %s",
                            rec_names[to]);
    if (to == PSEC_REC_VERIFIED)
        return psec_err_set(e, PSEC_E_INVALID,
                            "only an implemented recommendation can be verified (it is %s)",
                            rec_names[from]);
    return psec_err_set(e, PSEC_E_INVALID, "a recommendation cannot go from %s to %s",
                        rec_names[from], rec_names[to]);
}

int psec_rec_history_check(const struct psec_rec_event *ev, size_t n, struct psec_err *e)
{
    char d1[16], d2[16];

    if (n == 0)
        return psec_err_set(e, PSEC_E_INVALID, "history is empty");
    if (ev[0].status != PSEC_REC_OPEN)
        return psec_err_set(e, PSEC_E_INVALID, "history[0]: a recommendation starts open, not %s",
                            psec_rec_status_name(ev[0].status));
    for (size_t i = 1; i < n; i++) {
        if (ev[i].date < ev[i - 1].date)
            return psec_err_set(e, PSEC_E_INVALID,
                                "history[%zu]: date %s is before the previous change (%s)", i,
                                psec_date_format(ev[i].date, d1, sizeof d1),
                                psec_date_format(ev[i - 1].date, d2, sizeof d2));
        if (psec_rec_transition_check(ev[i - 1].status, ev[i].status, e) != PSEC_OK) {
            psec_err_prefix(e, "history[%zu]: ", i);
            return e ? e->code : PSEC_E_INVALID;
        }
    }
    return PSEC_OK;
}

int psec_rec_due_check(int64_t finding_date, int64_t due, struct psec_err *e)
{
    char d1[16], d2[16];

    if (due < finding_date)
        return psec_err_set(e, PSEC_E_INVALID,
                            "due date %s is before the finding it answers (%s)",
                            psec_date_format(due, d1, sizeof d1),
                            psec_date_format(finding_date, d2, sizeof d2));
    return PSEC_OK;
}

bool psec_rec_status_at(const struct psec_rec_event *ev, size_t n, int64_t as_of,
                        enum psec_rec_status *out)
{
    bool found = false;

    /* Histories are in date order; equal dates keep their recorded order. */
    for (size_t i = 0; i < n; i++)
        if (ev[i].date <= as_of) {
            *out = ev[i].status;
            found = true;
        }
    return found;
}

void psec_rec_overdue(const struct psec_rec_event *ev, size_t n, int64_t due, int64_t as_of,
                      struct psec_rec_overdue *out)
{
    char d[16];

    memset(out, 0, sizeof *out);
    if (!psec_rec_status_at(ev, n, as_of, &out->status)) {
        out->status = PSEC_REC_OPEN;
        snprintf(out->reason, sizeof out->reason, "not yet made on that date");
        return;
    }
    psec_date_format(due, d, sizeof d);
    if (out->status != PSEC_REC_OPEN && out->status != PSEC_REC_IN_PROGRESS) {
        snprintf(out->reason, sizeof out->reason, "%s; not chased",
                 psec_rec_status_name(out->status));
        return;
    }
    if (as_of <= due) {
        snprintf(out->reason, sizeof out->reason, "%s, due %s (%lld days left)",
                 psec_rec_status_name(out->status), d, (long long)(due - as_of));
        return;
    }
    out->overdue = true;
    out->days_overdue = as_of - due;
    snprintf(out->reason, sizeof out->reason, "still %s %lld days after the due date %s",
             psec_rec_status_name(out->status), (long long)out->days_overdue, d);
}

bool psec_rec_closes_finding(enum psec_rec_status s)
{
    return s == PSEC_REC_VERIFIED;
}

/* ------------------------------------------------------ drills and exercises */

const char *psec_drill_kind_name(enum psec_drill_kind k)
{
    return k == PSEC_DRILL ? "drill" : k == PSEC_EXERCISE ? "exercise" : "";
}

bool psec_drill_kind_parse(const char *s, enum psec_drill_kind *out)
{
    if (s != NULL && strcmp(s, "drill") == 0)
        *out = PSEC_DRILL;
    else if (s != NULL && strcmp(s, "exercise") == 0)
        *out = PSEC_EXERCISE;
    else
        return false;
    return true;
}

static int cmp_days(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static void drill_reason(struct psec_drill_result *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void drill_reason(struct psec_drill_result *r, const char *fmt, ...)
{
    va_list ap;

    if (r->n_reasons >= PSEC_DRILL_REASONS)
        return;
    va_start(ap, fmt);
    vsnprintf(r->reasons[r->n_reasons++], sizeof r->reasons[0], fmt, ap);
    va_end(ap);
}

/* Dates of one kind up to as_of, sorted. Returns a new array (free()) or NULL when n is 0. */
static int64_t *dates_of(const struct psec_drill_event *ev, size_t n, enum psec_drill_kind k,
                         int64_t as_of, size_t *count)
{
    int64_t *d = NULL;
    size_t c = 0;

    *count = 0;
    if (n == 0)
        return NULL;
    d = malloc(n * sizeof *d);
    if (d == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (ev[i].kind == k && ev[i].date <= as_of)
            d[c++] = ev[i].date;
    qsort(d, c, sizeof *d, cmp_days);
    *count = c;
    return d;
}

/* Walks dates from the window start: every stretch longer than `months`
 * without an event is a reason. Returns true when there was none. */
static bool check_gaps(struct psec_drill_result *r, const int64_t *d, size_t n, int64_t start,
                       int64_t as_of, int months, const char *what, int *in_window)
{
    bool ok = true;
    int64_t prev = start;
    char a[16], b[16];
    size_t i = 0;

    *in_window = 0;
    /* The last event on or before the window start anchors the first stretch. */
    for (; i < n && d[i] <= start; i++)
        prev = d[i];
    for (; i < n; i++) {
        (*in_window)++;
        if (d[i] > psec_date_add_months(prev, months)) {
            ok = false;
            drill_reason(r, "no %s between %s and %s (more than %d months)", what,
                         psec_date_format(prev, a, sizeof a), psec_date_format(d[i], b, sizeof b),
                         months);
        }
        prev = d[i];
    }
    if (as_of > psec_date_add_months(prev, months)) {
        ok = false;
        drill_reason(r, "no %s since %s: one was due by %s", what,
                     psec_date_format(prev, a, sizeof a),
                     psec_date_format(psec_date_add_months(prev, months), b, sizeof b));
    }
    return ok;
}

void psec_drill_check(const struct psec_drill_event *ev, size_t n, int64_t as_of,
                      int64_t since, struct psec_drill_result *out)
{
    size_t nd = 0, nx = 0;
    int64_t *drills, *exercises;
    int y0, y1, m, d;
    char a[16];

    memset(out, 0, sizeof *out);
    out->window_start = psec_date_add_months(as_of, -PSEC_DRILL_LOOKBACK_MONTHS);
    if (since >= 0 && since > out->window_start)
        out->window_start = since;
    if (out->window_start > as_of)
        out->window_start = as_of;
    drills = dates_of(ev, n, PSEC_DRILL, as_of, &nd);
    exercises = dates_of(ev, n, PSEC_EXERCISE, as_of, &nx);

    out->last_drill = nd ? drills[nd - 1] : -1;
    out->last_exercise = nx ? exercises[nx - 1] : -1;
    out->drills_ok = check_gaps(out, drills, nd, out->window_start, as_of,
                                PSEC_DRILL_INTERVAL_MONTHS, "drill", &out->drills_in_window);
    out->next_drill_due = psec_date_add_months(nd ? drills[nd - 1] : out->window_start,
                                               PSEC_DRILL_INTERVAL_MONTHS);

    out->exercises_ok = check_gaps(out, exercises, nx, out->window_start, as_of,
                                   PSEC_EXERCISE_GAP_MONTHS, "exercise",
                                   &out->exercises_in_window);
    /* Calendar years wholly inside the window that have ended. */
    psec_civil_from_days(out->window_start, &y0, &m, &d);
    if (m != 1 || d != 1)
        y0++;
    psec_civil_from_days(as_of, &y1, &m, &d);
    for (int y = y0; y < y1; y++) {
        bool seen = false;
        for (size_t i = 0; i < nx && !seen; i++) {
            int ey, em, ed;
            psec_civil_from_days(exercises[i], &ey, &em, &ed);
            seen = ey == y;
        }
        if (!seen) {
            out->exercises_ok = false;
            drill_reason(out, "no exercise in calendar year %d", y);
        }
    }
    /* Next exercise: in the calendar year after the last one, and within 18 months. */
    {
        int64_t base = nx ? exercises[nx - 1] : out->window_start;
        int by;
        psec_civil_from_days(base, &by, &m, &d);
        if (nx || m != 1 || d != 1)
            by++;
        out->next_exercise_due = psec_days_from_civil(by, 12, 31);
        if (psec_date_add_months(base, PSEC_EXERCISE_GAP_MONTHS) < out->next_exercise_due)
            out->next_exercise_due = psec_date_add_months(base, PSEC_EXERCISE_GAP_MONTHS);
    }
    if (out->drills_ok)
        drill_reason(out, "drills: %d in the window, none more than 3 months apart; next due %s",
                     out->drills_in_window,
                     psec_date_format(out->next_drill_due, a, sizeof a));
    if (out->exercises_ok)
        drill_reason(out, "exercises: %d in the window, every calendar year covered; next due %s",
                     out->exercises_in_window,
                     psec_date_format(out->next_exercise_due, a, sizeof a));
    free(drills);
    free(exercises);
}

/* ------------------------------------------------------------ determination */

const char *const psec_det_r1_sections[] = { "legal", "da_oversight", NULL };
const char *const psec_det_r2_sections[] = { "access_control", "restricted_areas", "cargo",
                                             "monitoring", NULL };

const char *psec_det_result_name(enum psec_det_result r)
{
    switch (r) {
    case PSEC_DET_EFFECTIVE: return "effective";
    case PSEC_DET_EFFECTIVE_WITH_RECS: return "effective-with-recommendations";
    case PSEC_DET_NOT_EFFECTIVE: return "not-effective";
    case PSEC_DET_NONE: break;
    }
    return "none";
}

bool psec_det_result_parse(const char *s, enum psec_det_result *out)
{
    if (s == NULL)
        return false;
    for (int r = PSEC_DET_EFFECTIVE; r <= PSEC_DET_NOT_EFFECTIVE; r++)
        if (strcmp(s, psec_det_result_name((enum psec_det_result)r)) == 0) {
            *out = (enum psec_det_result)r;
            return true;
        }
    return false;
}

static bool in_list(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (strcmp(*list, s) == 0)
            return true;
    return false;
}

struct reasons {
    struct psec_det_proposal *p;
    size_t cap;
    int err;
};

static void add_reason(struct reasons *rs, const char *rule, bool decisive, const char *where,
                       const char *item, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static void add_reason(struct reasons *rs, const char *rule, bool decisive, const char *where,
                       const char *item, const char *fmt, ...)
{
    struct psec_det_reason *r;
    va_list ap;

    if (rs->err)
        return;
    if (rs->p->n_reasons == rs->cap) {
        size_t cap = rs->cap ? rs->cap * 2 : 16;
        struct psec_det_reason *g = realloc(rs->p->reasons, cap * sizeof *g);
        if (g == NULL) {
            rs->err = PSEC_E_NOMEM;
            return;
        }
        rs->p->reasons = g;
        rs->cap = cap;
    }
    r = &rs->p->reasons[rs->p->n_reasons++];
    memset(r, 0, sizeof *r);
    psec_strlcpy(r->rule, rule, sizeof r->rule);
    r->decisive = decisive;
    psec_strlcpy(r->where, where ? where : "", sizeof r->where);
    psec_strlcpy(r->item, item ? item : "", sizeof r->item);
    va_start(ap, fmt);
    vsnprintf(r->text, sizeof r->text, fmt, ap);
    va_end(ap);
}

static const char *section_title(const struct psec_checklist *ck, const struct psec_ck_item *it)
{
    return ck->sections[it->section_index].title;
}

int psec_det_propose(const struct psec_det_input *in, struct psec_det_proposal *out,
                     struct psec_err *e)
{
    const struct psec_checklist *ck = in->ck;
    struct reasons rs = { out, 0, 0 };
    bool r1 = false, r2 = false;
    int r1_checked = 0;

    memset(out, 0, sizeof *out);
    out->facilities_assessed = (int)in->n_facilities;
    if (in->country == NULL && in->n_facilities == 0) {
        out->result = PSEC_DET_NONE;
        add_reason(&rs, "NOTE", true, NULL, NULL,
                   "no closed assessment: close a country-level or facility assessment first");
        return rs.err ? psec_err_set(e, rs.err, "out of memory") : PSEC_OK;
    }

    /* R1: critical country-level items in legal regime and DA oversight. */
    if (in->country == NULL) {
        add_reason(&rs, "NOTE", false, NULL, NULL,
                   "R1 not evaluated: no closed country-level assessment");
    } else {
        for (size_t i = 0; i < ck->n_items; i++) {
            const struct psec_ck_item *it = &ck->items[i];
            if (it->scope != PSEC_SCOPE_COUNTRY || !it->critical ||
                !in_list(psec_det_r1_sections, it->section))
                continue;
            r1_checked++;
            if (in->country[i] == PSEC_ANSWER_NO) {
                r1 = true;
                add_reason(&rs, "R1", true, "country", it->id,
                           "%s (%s, critical) is NO: %s", it->id, section_title(ck, it),
                           it->question);
            } else if (in->country[i] != PSEC_ANSWER_YES) {
                add_reason(&rs, "NOTE", false, "country", it->id,
                           "%s (%s, critical) is %s, not YES: R1 cannot confirm it", it->id,
                           section_title(ck, it),
                           in->country[i] == PSEC_ANSWER_NONE ? "unanswered"
                                                              : psec_answer_name(in->country[i]));
            }
        }
        if (!r1)
            add_reason(&rs, "R1", false, "country", NULL,
                       "no critical legal-regime or Designated Authority item is NO (%d checked)",
                       r1_checked);
    }

    /* R2: facilities failing a critical item in access, restricted areas, cargo, monitoring. */
    for (size_t f = 0; f < in->n_facilities; f++) {
        bool fails = false;
        for (size_t i = 0; i < ck->n_items; i++) {
            const struct psec_ck_item *it = &ck->items[i];
            if (it->scope != PSEC_SCOPE_FACILITY || !it->critical ||
                !in_list(psec_det_r2_sections, it->section) ||
                in->facilities[f].answers[i] != PSEC_ANSWER_NO)
                continue;
            fails = true;
            add_reason(&rs, "R2", false, in->facilities[f].number, it->id,
                       "%s: %s (%s, critical) is NO: %s", in->facilities[f].number, it->id,
                       section_title(ck, it), it->question);
        }
        if (fails)
            out->facilities_failing++;
    }
    if (in->n_facilities == 0) {
        add_reason(&rs, "NOTE", false, NULL, NULL,
                   "R2 not evaluated: no closed facility assessment");
    } else {
        r2 = out->facilities_failing > 0 && 2 * out->facilities_failing >= out->facilities_assessed;
        add_reason(&rs, "R2", r2, NULL, NULL,
                   "%d of %d assessed facilities fail a critical access-control, restricted-area, "
                   "cargo or monitoring item: %s",
                   out->facilities_failing, out->facilities_assessed,
                   r2 ? "half or more" : "less than half");
        /* The per-facility reasons count as decisive when R2 decides. */
        for (size_t k = 0; r2 && k < out->n_reasons; k++)
            if (strcmp(out->reasons[k].rule, "R2") == 0)
                out->reasons[k].decisive = true;
    }

    /* R3: open findings. */
    for (size_t k = 0; k < in->n_findings; k++) {
        const struct psec_det_finding *fd = &in->findings[k];
        const struct psec_ck_item *it;
        if (!fd->open || fd->item < 0 || (size_t)fd->item >= ck->n_items)
            continue;
        it = &ck->items[fd->item];
        out->open_findings++;
        add_reason(&rs, "R3", !r1 && !r2, fd->where, it->id,
                   "finding open at %s: %s (%s) is NO and no recommendation answering it is "
                   "verified", fd->where, it->id, section_title(ck, it));
    }

    if (r1 || r2) {
        out->result = PSEC_DET_NOT_EFFECTIVE;
    } else if (out->open_findings > 0) {
        out->result = PSEC_DET_EFFECTIVE_WITH_RECS;
    } else {
        out->result = PSEC_DET_EFFECTIVE;
        add_reason(&rs, "R4", true, NULL, NULL,
                   "no rule for not effective applies and no finding is open");
    }
    if (rs.err) {
        psec_det_proposal_free(out);
        return psec_err_set(e, rs.err, "out of memory");
    }
    return PSEC_OK;
}

void psec_det_proposal_free(struct psec_det_proposal *p)
{
    if (p == NULL)
        return;
    free(p->reasons);
    p->reasons = NULL;
    p->n_reasons = 0;
}

/* ----------------------------------------------------------- statutory dates */

int64_t psec_reassessment_due(int64_t last_visit_end)
{
    return psec_date_add_months(last_visit_end, PSEC_REASSESS_MONTHS);
}

int64_t psec_correction_deadline(int64_t notified)
{
    return notified + PSEC_CORRECTION_DAYS;
}
