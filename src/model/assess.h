/*
 * assess.h — the rules of an ISPS assessment, over plain records:
 *   - scoring per section (weighted YES / (YES + NO)) with coverage
 *     (answered / applicable) and critical failures;
 *   - recommendation status history and the overdue flag;
 *   - the port-facility drills and exercises rule (ISPS B/18.5, B/18.6);
 *   - the determination proposal rule (docs/determination.md);
 *   - the statutory dates: reassessment three years after the last
 *     assessment visit (46 U.S.C. 70108(d)) and the 90-day correction
 *     deadline after notification (46 U.S.C. 70110(b)).
 *
 * Pure: no I/O, no SQL, no clock. Dates are days since 1970-01-01 (see
 * base/time.h) and "today" is always passed in. Every answer carries its
 * reasons.
 */
#ifndef PORTSEC_MODEL_ASSESS_H
#define PORTSEC_MODEL_ASSESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/limits.h"
#include "model/checklist.h"
#include "portsec/error.h"

/* ---------------------------------------------------------------- scoring */

struct psec_tally {
    int items;              /* items in scope */
    int yes, no, na, no_obs, unanswered;
    int weight_yes, weight_no;
    double score;           /* weight_yes / (weight_yes + weight_no); -1 when no YES/NO */
    double coverage;        /* (yes + no) / (items - na); -1 when nothing is applicable */
};

struct psec_score {
    enum psec_scope scope;
    size_t n_sections;                        /* = checklist's; items == 0 when out of scope */
    struct psec_tally sections[PSEC_CK_MAX_SECTIONS];
    struct psec_tally total;
    size_t n_critical;                        /* critical items answered NO */
    int critical[PSEC_CK_MAX_ITEMS];          /* their item indexes, checklist order */
};

/*
 * Scores answers (one per checklist item, indexed like ck->items; NONE =
 * unanswered) for an assessment of scope COUNTRY or FACILITY. Items of the
 * other scope are ignored whatever their answer.
 */
void psec_assess_score(const struct psec_checklist *ck, enum psec_scope scope,
                       const enum psec_answer *answers, struct psec_score *out);

/* Recomputes score and coverage of a tally from its counts (used to sum
 * tallies across several assessments). */
void psec_tally_finish(struct psec_tally *t);
/* Adds b's counts into a (then call psec_tally_finish). */
void psec_tally_add(struct psec_tally *a, const struct psec_tally *b);

/* Every NO in scope is a finding: writes their item indexes (checklist
 * order) to out (cap entries) and returns how many there are. */
size_t psec_assess_findings(const struct psec_checklist *ck, enum psec_scope scope,
                            const enum psec_answer *answers, int *out, size_t cap);

/* --------------------------------------------------------- recommendations */

enum psec_rec_status {
    PSEC_REC_OPEN = 0,
    PSEC_REC_IN_PROGRESS,
    PSEC_REC_IMPLEMENTED,
    PSEC_REC_VERIFIED,
    PSEC_REC_NOT_ACCEPTED
};

enum psec_rec_priority { PSEC_PRIO_LOW = 1, PSEC_PRIO_MEDIUM, PSEC_PRIO_HIGH };

struct psec_rec_event {
    int64_t date;                   /* days */
    enum psec_rec_status status;
};

/* "open", "in-progress", "implemented", "verified", "not-accepted". */
const char *psec_rec_status_name(enum psec_rec_status s);
bool psec_rec_status_parse(const char *s, enum psec_rec_status *out);
const char *psec_rec_priority_name(enum psec_rec_priority p);
bool psec_rec_priority_parse(const char *s, enum psec_rec_priority *out);

/* Whether a recommendation may move from one status to another, and why not. */
int psec_rec_transition_check(enum psec_rec_status from, enum psec_rec_status to,
                              struct psec_err *e);

/* Checks a whole history: starts "open", dates never go back, each step
 * allowed. Names the entry at fault ("history[2]: ..."). */
int psec_rec_history_check(const struct psec_rec_event *ev, size_t n, struct psec_err *e);

/* A due date may not fall before the finding it answers was made. */
int psec_rec_due_check(int64_t finding_date, int64_t due, struct psec_err *e);

/* Status in force on as_of: the last event dated on or before it.
 * Returns false when the recommendation did not exist yet. */
bool psec_rec_status_at(const struct psec_rec_event *ev, size_t n, int64_t as_of,
                        enum psec_rec_status *out);

struct psec_rec_overdue {
    bool overdue;
    int64_t days_overdue;           /* 0 when not overdue */
    enum psec_rec_status status;    /* in force on as_of */
    char reason[160];
};

/* Overdue = still open or in progress on as_of, and as_of is after the due
 * date. A recommendation implemented, verified or not accepted is never
 * overdue (a not-accepted one is reported, not chased). */
void psec_rec_overdue(const struct psec_rec_event *ev, size_t n, int64_t due, int64_t as_of,
                      struct psec_rec_overdue *out);

/* True for a status that closes the finding it answers (verified only). */
bool psec_rec_closes_finding(enum psec_rec_status s);

/* ------------------------------------------------------ drills and exercises */

enum psec_drill_kind { PSEC_DRILL = 1, PSEC_EXERCISE = 2 };

struct psec_drill_event {
    int64_t date;                   /* days */
    enum psec_drill_kind kind;
};

/* How far back the rule looks: two years cover two full calendar years of
 * exercises and eight drill periods. */
#define PSEC_DRILL_LOOKBACK_MONTHS 24
#define PSEC_DRILL_INTERVAL_MONTHS 3      /* ISPS B/18.5 */
#define PSEC_EXERCISE_GAP_MONTHS   18     /* ISPS B/18.6 */
#define PSEC_DRILL_REASONS         16

struct psec_drill_result {
    bool drills_ok;
    bool exercises_ok;
    int64_t window_start;           /* days: max(as_of - 24 months, since) */
    int64_t last_drill;             /* -1 when none */
    int64_t last_exercise;          /* -1 when none */
    int64_t next_drill_due;
    int64_t next_exercise_due;
    int drills_in_window;
    int exercises_in_window;
    int n_reasons;
    char reasons[PSEC_DRILL_REASONS][200];
};

const char *psec_drill_kind_name(enum psec_drill_kind k);
bool psec_drill_kind_parse(const char *s, enum psec_drill_kind *out);

/*
 * Checks the facility's drills and exercises as of a date (events in any
 * order; events after as_of are ignored). since (days, or -1) is when
 * records start being expected — for example when the plan was approved;
 * the window starts at the later of since and as_of - 24 months.
 *   drills: no stretch of more than 3 months without a drill in the window,
 *           counting from the last drill before the window, up to as_of;
 *   exercises: one in every calendar year that lies wholly inside the
 *           window and has ended, and no more than 18 months between
 *           exercises (nor since the last one, up to as_of).
 */
void psec_drill_check(const struct psec_drill_event *ev, size_t n, int64_t as_of,
                      int64_t since, struct psec_drill_result *out);

/* ------------------------------------------------------------ determination */

enum psec_det_result {
    PSEC_DET_NONE = 0,                    /* nothing to base a proposal on */
    PSEC_DET_EFFECTIVE,
    PSEC_DET_EFFECTIVE_WITH_RECS,
    PSEC_DET_NOT_EFFECTIVE
};

/* "effective", "effective-with-recommendations", "not-effective", "none". */
const char *psec_det_result_name(enum psec_det_result r);
bool psec_det_result_parse(const char *s, enum psec_det_result *out);

/* The latest closed assessment of one facility. */
struct psec_det_facility {
    const char *number;                   /* "SCPOV-0001" */
    const enum psec_answer *answers;      /* indexed like ck->items */
};

/* A finding and whether it is still open (no verified recommendation). */
struct psec_det_finding {
    const char *where;                    /* "country" or a facility number */
    int item;                             /* checklist index */
    bool open;
};

struct psec_det_input {
    const struct psec_checklist *ck;
    const enum psec_answer *country;      /* NULL: no closed country assessment */
    const struct psec_det_facility *facilities;
    size_t n_facilities;
    const struct psec_det_finding *findings;
    size_t n_findings;
};

struct psec_det_reason {
    char rule[8];                         /* "R1".."R4", or "NOTE" */
    bool decisive;                        /* this reason sets the result */
    char where[16];                       /* "country", facility number, or "" */
    char item[PSEC_CK_ID_MAX];            /* "" when the reason is not about one item */
    char text[320];
};

struct psec_det_proposal {
    enum psec_det_result result;
    int facilities_assessed;
    int facilities_failing;               /* failing a critical item in R2's sections */
    int open_findings;
    size_t n_reasons;
    struct psec_det_reason *reasons;      /* free with psec_det_proposal_free() */
};

/* Sections whose critical country-level NOs make the country not effective (R1). */
extern const char *const psec_det_r1_sections[];
/* Sections whose critical facility NOs count a facility as failing (R2). */
extern const char *const psec_det_r2_sections[];

/*
 * Applies the rule of docs/determination.md:
 *   R1 not effective: a critical country-level item in legal regime or
 *      Designated Authority oversight is NO;
 *   R2 not effective: half or more of the assessed facilities (at least
 *      one) fail a critical access-control, restricted-area, cargo or
 *      monitoring item;
 *   R3 effective with recommendations: any finding is open;
 *   R4 effective otherwise.
 * NONE when there is neither a country nor a facility assessment. Returns
 * PSEC_E_NOMEM only; the proposal is filled even for NONE.
 */
int psec_det_propose(const struct psec_det_input *in, struct psec_det_proposal *out,
                     struct psec_err *e);
void psec_det_proposal_free(struct psec_det_proposal *p);

/* ----------------------------------------------------------- statutory dates */

#define PSEC_REASSESS_MONTHS   36     /* 46 U.S.C. 70108(d): at least every 3 years */
#define PSEC_CORRECTION_DAYS   90     /* 46 U.S.C. 70110(b): 90 days after notification */

/* Next reassessment due: three years after the last assessment visit ended. */
int64_t psec_reassessment_due(int64_t last_visit_end);
/* Conditions of entry may take effect 90 days after notification unless corrected. */
int64_t psec_correction_deadline(int64_t notified);

#endif
