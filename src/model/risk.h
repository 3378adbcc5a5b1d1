/*
 * risk.h — the country risk model: eight components, each scaled 0–1 and
 * explained in a sentence, combined by weights into one score, and a
 * deterministic ranking.
 *
 * Pure: no I/O, no SQL, no clock. The app layer gathers the inputs (plain
 * structs below) from the store and passes "today" as as_of. The model and
 * its constants are documented in docs/risk.md; the weights ship in
 * data/risk/weights.json.
 */
#ifndef PORTSEC_MODEL_RISK_H
#define PORTSEC_MODEL_RISK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "portsec/error.h"

/* The components, in the order they are shown. */
enum psec_risk_comp {
    PSEC_RISK_DETERMINATION,    /* latest determination: effective or not */
    PSEC_RISK_ASSESSMENT_AGE,   /* time since the last assessment, three-year rule */
    PSEC_RISK_COE,              /* conditions of entry in force */
    PSEC_RISK_RECOMMENDATIONS,  /* open and overdue recommendations */
    PSEC_RISK_TRADE,            /* trade with the home country, log-scaled */
    PSEC_RISK_TRAFFIC,          /* arrivals that called there in their last five */
    PSEC_RISK_ISPS,             /* SOLAS / ISPS Contracting Government status */
    PSEC_RISK_THREAT,           /* analyst's threat input 0–5 */
    PSEC_RISK_NCOMP
};

/* Stable snake_case key of a component ("assessment_age"); NULL if out of range. */
const char *psec_risk_comp_key(int comp);
/* Component by key, or -1. */
int psec_risk_comp_by_key(const char *key);

/* Weights and the scale parameters of the model. */
struct psec_risk_weights {
    double w[PSEC_RISK_NCOMP];     /* >= 0; need not sum to 1 (the score divides by the sum) */
    double trade_full_musd;        /* trade (imports + exports, million USD) scoring 1.0 */
    double traffic_full;           /* arrivals in 12 months scoring 1.0 */
    int reassess_months;           /* the legal interval: 36 (46 U.S.C. 70108(d)) */
    double recs_full;              /* open + 2 x overdue recommendations scoring 1.0 */
    int coe_lifted_months;         /* a lifted CoE still counts this long after removal */
    int threat_stale_days;         /* threat inputs older than this count at half */
    int isps_recent_years;         /* a Contracting Government this new counts as partly risky */
};

/* The defaults documented in docs/risk.md (the same values as the shipped
 * data/risk/weights.json). */
void psec_risk_weights_default(struct psec_risk_weights *w);
/* Checks weights: none negative, sum > 0, parameters positive. */
int psec_risk_weights_check(const struct psec_risk_weights *w, struct psec_err *e);

enum psec_risk_det {
    PSEC_DET_NONE = 0,          /* no determination recorded */
    PSEC_DET_EFFECTIVE,
    PSEC_DET_EFFECTIVE_RECS,    /* effective, with recommendations */
    PSEC_DET_NOT_EFFECTIVE
};

#define PSEC_RISK_NOTE_MAX 256
#define PSEC_RISK_WHY_MAX 320

/*
 * What the app layer knows of one country. Each source has a "known" flag:
 * false means the data is not loaded at all (the component then scores 0 and
 * says so), true with no record means "loaded, and nothing recorded".
 * Dates are days since 1970-01-01 (base/time.h).
 */
struct psec_risk_input {
    char country[3];
    char name[128];
    char region[64];

    bool det_known;
    int determination;             /* enum psec_risk_det */
    int64_t det_day;

    bool assess_known;
    bool assessed;                 /* at least one assessment visit recorded */
    int64_t last_assessed_day;

    bool coe_known;
    bool coe_in_force;             /* on as_of */
    int64_t coe_since_day;         /* when in force: effective date */
    int coe_exceptions;            /* excepted facilities */
    bool coe_ssot;                 /* imposed because the country is a state sponsor of terrorism */
    bool coe_lifted;               /* not in force, but was: lifted on coe_lifted_day */
    int64_t coe_lifted_day;

    bool recs_known;
    int recs_open;
    int recs_overdue;              /* open and past their due date on as_of */

    bool trade_known;              /* any trade data loaded (for any country) */
    bool has_trade;                /* this country has a year <= as_of's year */
    int trade_year;
    double trade_imports_musd;     /* U.S. imports from the country */
    double trade_exports_musd;     /* U.S. exports to the country */

    bool traffic_known;
    int arrivals;                  /* in the 12 months to as_of */
    char traffic_from[48];         /* which source counted them ("AIS port calls"); may be "" */

    int solas;                     /* 1 yes, 0 no, -1 unknown */
    int isps_since;                /* year, 0 unknown */

    bool has_threat;
    int threat_level;              /* 0..5 */
    int64_t threat_day;
    char threat_note[PSEC_RISK_NOTE_MAX];
};

struct psec_risk_part {
    double score;                  /* 0..1 */
    double points;                 /* weight x score / sum of weights: its share of the total */
    char why[PSEC_RISK_WHY_MAX];   /* one sentence */
};

struct psec_risk_result {
    char country[3];
    char name[128];
    char region[64];
    double score;                  /* 0..1: sum of points */
    struct psec_risk_part part[PSEC_RISK_NCOMP];
    bool due_known;                /* assessment data loaded */
    int64_t due_day;               /* reassessment due (never assessed: as_of) */
    bool overdue;                  /* due_day < as_of */
    int rank;                      /* 1-based, after psec_risk_rank() */
};

/* Scores one country on as_of (days). Never fails: missing data is a reason. */
void psec_risk_score(const struct psec_risk_input *in, const struct psec_risk_weights *w,
                     int64_t as_of, struct psec_risk_result *out);

/* Sorts results best-first and sets rank: score (descending, compared to
 * 1e-9), then the earlier reassessment due date, then the larger trade
 * component, then the alpha-2 code. Deterministic for any input order. */
void psec_risk_rank(struct psec_risk_result *r, size_t n);

/* The sentence for a threat level: 0 none ... 5 critical. */
const char *psec_risk_threat_label(int level);

#endif
