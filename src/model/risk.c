/*
 * risk.c — the country risk model (see risk.h and docs/risk.md).
 *
 * Each component is a small function from the input to a score in [0, 1]
 * and one sentence saying why; nothing here reads a file, a database or the
 * clock, so every number a user questions can be reproduced from the inputs
 * shown beside it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "base/time.h"
#include "model/risk.h"

static const char *const comp_keys[PSEC_RISK_NCOMP] = {
    "determination", "assessment_age", "conditions_of_entry", "recommendations",
    "trade", "traffic", "isps_status", "threat",
};

const char *psec_risk_comp_key(int comp)
{
    return comp >= 0 && comp < PSEC_RISK_NCOMP ? comp_keys[comp] : NULL;
}

int psec_risk_comp_by_key(const char *key)
{
    for (int i = 0; i < PSEC_RISK_NCOMP; i++)
        if (key != NULL && strcmp(key, comp_keys[i]) == 0)
            return i;
    return -1;
}

void psec_risk_weights_default(struct psec_risk_weights *w)
{
    memset(w, 0, sizeof *w);
    /* Assessment results and the law's clock weigh most; exposure next;
     * docs/risk.md gives the reasoning for each figure. */
    w->w[PSEC_RISK_DETERMINATION] = 0.20;
    w->w[PSEC_RISK_ASSESSMENT_AGE] = 0.20;
    w->w[PSEC_RISK_COE] = 0.10;
    w->w[PSEC_RISK_RECOMMENDATIONS] = 0.10;
    w->w[PSEC_RISK_TRADE] = 0.15;
    w->w[PSEC_RISK_TRAFFIC] = 0.10;
    w->w[PSEC_RISK_ISPS] = 0.05;
    w->w[PSEC_RISK_THREAT] = 0.10;
    w->trade_full_musd = 100000.0;
    w->traffic_full = 1000.0;
    w->reassess_months = 36;
    w->recs_full = 10.0;
    w->coe_lifted_months = 36;
    w->threat_stale_days = 730;
    w->isps_recent_years = 3;
}

int psec_risk_weights_check(const struct psec_risk_weights *w, struct psec_err *e)
{
    double sum = 0;

    for (int i = 0; i < PSEC_RISK_NCOMP; i++) {
        if (!(w->w[i] >= 0) || !isfinite(w->w[i]))
            return psec_err_set(e, PSEC_E_INVALID, "weights.%s: %g is not a weight >= 0",
                                comp_keys[i], w->w[i]);
        sum += w->w[i];
    }
    if (!(sum > 0))
        return psec_err_set(e, PSEC_E_INVALID, "weights: at least one weight must be > 0");
    if (!(w->trade_full_musd > 1) || !isfinite(w->trade_full_musd))
        return psec_err_set(e, PSEC_E_INVALID, "parameters.trade_full_musd: must be > 1");
    if (!(w->traffic_full > 1) || !isfinite(w->traffic_full))
        return psec_err_set(e, PSEC_E_INVALID, "parameters.traffic_full: must be > 1");
    if (w->reassess_months < 1 || w->reassess_months > 240)
        return psec_err_set(e, PSEC_E_INVALID, "parameters.reassess_months: must be 1..240");
    if (!(w->recs_full > 0) || !isfinite(w->recs_full))
        return psec_err_set(e, PSEC_E_INVALID, "parameters.recs_full: must be > 0");
    if (w->coe_lifted_months < 0 || w->coe_lifted_months > 240)
        return psec_err_set(e, PSEC_E_INVALID, "parameters.coe_lifted_months: must be 0..240");
    if (w->threat_stale_days < 1)
        return psec_err_set(e, PSEC_E_INVALID, "parameters.threat_stale_days: must be > 0");
    if (w->isps_recent_years < 0 || w->isps_recent_years > 50)
        return psec_err_set(e, PSEC_E_INVALID, "parameters.isps_recent_years: must be 0..50");
    return PSEC_OK;
}

const char *psec_risk_threat_label(int level)
{
    static const char *const labels[] = {"none", "low", "guarded", "elevated", "high",
                                         "critical"};
    return level >= 0 && level <= 5 ? labels[level] : "?";
}

static double clamp01(double v)
{
    return v < 0 ? 0 : v > 1 ? 1 : v;
}

static const char *day_str(int64_t day, char *buf, size_t size)
{
    return psec_date_format(day, buf, size);
}

/* "$6.3 million", "$1.2 billion": readable amounts from million USD. */
static void musd_str(double musd, char *buf, size_t size)
{
    if (musd >= 1000)
        snprintf(buf, size, "$%.1f billion", musd / 1000);
    else
        snprintf(buf, size, "$%.1f million", musd);
}

static double part_determination(const struct psec_risk_input *in, char *why, size_t n)
{
    char d[16];

    if (!in->det_known) {
        snprintf(why, n, "no determination data loaded");
        return 0;
    }
    switch (in->determination) {
    case PSEC_DET_NOT_EFFECTIVE:
        snprintf(why, n, "found not maintaining effective antiterrorism measures on %s",
                 day_str(in->det_day, d, sizeof d));
        return 1;
    case PSEC_DET_EFFECTIVE_RECS:
        /* Effective, but with gaps named: a quarter of the way to "not". */
        snprintf(why, n, "found effective with recommendations on %s",
                 day_str(in->det_day, d, sizeof d));
        return 0.25;
    case PSEC_DET_EFFECTIVE:
        snprintf(why, n, "found effective on %s", day_str(in->det_day, d, sizeof d));
        return 0;
    default:
        /* Nothing known is neither good nor bad: count it at the middle. */
        snprintf(why, n, "no determination recorded: unknown counts as half");
        return 0.5;
    }
}

/* Reassessment due date: last assessment plus the legal interval; a country
 * never assessed is due now. */
static int64_t due_day_of(const struct psec_risk_input *in, const struct psec_risk_weights *w,
                          int64_t as_of)
{
    return in->assessed ? psec_date_add_months(in->last_assessed_day, w->reassess_months)
                        : as_of;
}

static double part_age(const struct psec_risk_input *in, const struct psec_risk_weights *w,
                       int64_t as_of, char *why, size_t n)
{
    char d[16], due[16];
    int64_t due_day, span;
    double s;

    if (!in->assess_known) {
        snprintf(why, n, "no assessment data loaded");
        return 0;
    }
    if (!in->assessed) {
        snprintf(why, n, "never assessed: the law asks for an assessment at least every %d "
                 "months", w->reassess_months);
        return 1;
    }
    due_day = due_day_of(in, w, as_of);
    day_str(in->last_assessed_day, d, sizeof d);
    day_str(due_day, due, sizeof due);
    if (as_of >= due_day) {
        snprintf(why, n, "last assessed %s: reassessment overdue since %s", d, due);
        return 1;
    }
    span = due_day - in->last_assessed_day;
    s = clamp01((double)(as_of - in->last_assessed_day) / (double)span);
    snprintf(why, n, "last assessed %s: %.0f%% of the %d-month interval used, due %s", d,
             s * 100, w->reassess_months, due);
    return s;
}

static double part_coe(const struct psec_risk_input *in, const struct psec_risk_weights *w,
                       int64_t as_of, char *why, size_t n)
{
    char d[16];

    if (!in->coe_known) {
        snprintf(why, n, "no advisory data loaded");
        return 0;
    }
    if (in->coe_in_force) {
        char ex[48] = "";
        day_str(in->coe_since_day, d, sizeof d);
        if (in->coe_exceptions > 0)
            snprintf(ex, sizeof ex, " (%d facilit%s excepted)", in->coe_exceptions,
                     in->coe_exceptions == 1 ? "y" : "ies");
        snprintf(why, n, "conditions of entry in force since %s%s%s", d, ex,
                 in->coe_ssot ? ", imposed as a state sponsor of terrorism" : "");
        return 1;
    }
    if (in->coe_lifted &&
        as_of < psec_date_add_months(in->coe_lifted_day, w->coe_lifted_months)) {
        /* A recent removal is a reason to look again, not a clean bill. */
        snprintf(why, n, "conditions of entry lifted on %s, within the last %d months",
                 day_str(in->coe_lifted_day, d, sizeof d), w->coe_lifted_months);
        return 0.3;
    }
    snprintf(why, n, "no conditions of entry in force");
    return 0;
}

static double part_recs(const struct psec_risk_input *in, const struct psec_risk_weights *w,
                        char *why, size_t n)
{
    double s;

    if (!in->recs_known) {
        snprintf(why, n, "no recommendation data loaded");
        return 0;
    }
    if (in->recs_open <= 0) {
        snprintf(why, n, "no open recommendations");
        return 0;
    }
    /* An overdue recommendation counts twice: it shows the gap is not closing. */
    s = clamp01((in->recs_open + 2.0 * in->recs_overdue) / w->recs_full);
    snprintf(why, n, "%d open recommendation%s, %d overdue", in->recs_open,
             in->recs_open == 1 ? "" : "s", in->recs_overdue);
    return s;
}

static double part_trade(const struct psec_risk_input *in, const struct psec_risk_weights *w,
                         int64_t as_of, char *why, size_t n)
{
    char im[32], ex[32], full[32];
    double total, s;
    int y, m, d;

    if (!in->trade_known) {
        snprintf(why, n, "no trade data loaded");
        return 0;
    }
    if (!in->has_trade) {
        snprintf(why, n, "no trade figures for this country");
        return 0;
    }
    total = in->trade_imports_musd + in->trade_exports_musd;
    if (total < 0)
        total = 0;
    /* Log scale: trade spans six orders of magnitude across partners, and a
     * linear scale would leave every small island state at zero. */
    s = clamp01(log10(1 + total) / log10(1 + w->trade_full_musd));
    musd_str(in->trade_imports_musd, im, sizeof im);
    musd_str(in->trade_exports_musd, ex, sizeof ex);
    musd_str(w->trade_full_musd, full, sizeof full);
    psec_civil_from_days(as_of, &y, &m, &d);
    /* Old figures still rank exposure, but the reader should know their age. */
    snprintf(why, n, "U.S. trade %d%s: %s imports, %s exports (log scale, %s scores 1)",
             in->trade_year, y - in->trade_year > 2 ? " (the latest year loaded)" : "", im, ex,
             full);
    return s;
}

static double part_traffic(const struct psec_risk_input *in, const struct psec_risk_weights *w,
                           char *why, size_t n)
{
    double s;

    if (!in->traffic_known) {
        snprintf(why, n, "no traffic data loaded");
        return 0;
    }
    s = clamp01(log10(1 + (in->arrivals > 0 ? in->arrivals : 0)) / log10(1 + w->traffic_full));
    snprintf(why, n, "%d arrival%s in the last 12 months with a call here in the last five%s%s "
             "(log scale, %.0f scores 1)",
             in->arrivals, in->arrivals == 1 ? "" : "s", in->traffic_from[0] ? ", from " : "",
             in->traffic_from, w->traffic_full);
    return s;
}

static double part_isps(const struct psec_risk_input *in, const struct psec_risk_weights *w,
                        int64_t as_of, char *why, size_t n)
{
    int y, m, d;

    psec_civil_from_days(as_of, &y, &m, &d);
    if (in->solas == 0) {
        snprintf(why, n, "not a SOLAS Contracting Government: the ISPS Code does not bind it");
        return 1;
    }
    if (in->solas < 0) {
        snprintf(why, n, "SOLAS / ISPS status unknown: counts as half");
        return 0.5;
    }
    if (in->isps_since > 0 && y - in->isps_since < w->isps_recent_years) {
        snprintf(why, n, "SOLAS Contracting Government only since %d", in->isps_since);
        return 0.3;
    }
    if (in->isps_since > 0)
        snprintf(why, n, "SOLAS Contracting Government since %d", in->isps_since);
    else
        snprintf(why, n, "SOLAS Contracting Government");
    return 0;
}

static double part_threat(const struct psec_risk_input *in, const struct psec_risk_weights *w,
                          int64_t as_of, char *why, size_t n)
{
    char d[16];
    int lvl;
    double s;

    if (!in->has_threat) {
        snprintf(why, n, "no analyst threat input");
        return 0;
    }
    lvl = in->threat_level < 0 ? 0 : in->threat_level > 5 ? 5 : in->threat_level;
    s = lvl / 5.0;
    day_str(in->threat_day, d, sizeof d);
    if (as_of - in->threat_day > w->threat_stale_days) {
        /* An old assessment of threat still says something, but less. */
        s /= 2;
        /* A long note is cut to fit the sentence; that is acceptable. */
        if (snprintf(why, n, "analyst threat %d/5 (%s) on %s, older than %d days so counted at "
                     "half: %s", lvl, psec_risk_threat_label(lvl), d, w->threat_stale_days,
                     in->threat_note) >= (int)n)
            why[n - 1] = '\0';
    } else {
        if (snprintf(why, n, "analyst threat %d/5 (%s) on %s: %s", lvl,
                     psec_risk_threat_label(lvl), d, in->threat_note) >= (int)n)
            why[n - 1] = '\0';
    }
    return s;
}

void psec_risk_score(const struct psec_risk_input *in, const struct psec_risk_weights *w,
                     int64_t as_of, struct psec_risk_result *out)
{
    double sum = 0, total = 0;

    memset(out, 0, sizeof *out);
    psec_strlcpy(out->country, in->country, sizeof out->country);
    psec_strlcpy(out->name, in->name, sizeof out->name);
    psec_strlcpy(out->region, in->region, sizeof out->region);

    struct psec_risk_part *p = out->part;
    p[PSEC_RISK_DETERMINATION].score =
        part_determination(in, p[PSEC_RISK_DETERMINATION].why, PSEC_RISK_WHY_MAX);
    p[PSEC_RISK_ASSESSMENT_AGE].score =
        part_age(in, w, as_of, p[PSEC_RISK_ASSESSMENT_AGE].why, PSEC_RISK_WHY_MAX);
    p[PSEC_RISK_COE].score = part_coe(in, w, as_of, p[PSEC_RISK_COE].why, PSEC_RISK_WHY_MAX);
    p[PSEC_RISK_RECOMMENDATIONS].score =
        part_recs(in, w, p[PSEC_RISK_RECOMMENDATIONS].why, PSEC_RISK_WHY_MAX);
    p[PSEC_RISK_TRADE].score =
        part_trade(in, w, as_of, p[PSEC_RISK_TRADE].why, PSEC_RISK_WHY_MAX);
    p[PSEC_RISK_TRAFFIC].score =
        part_traffic(in, w, p[PSEC_RISK_TRAFFIC].why, PSEC_RISK_WHY_MAX);
    p[PSEC_RISK_ISPS].score = part_isps(in, w, as_of, p[PSEC_RISK_ISPS].why, PSEC_RISK_WHY_MAX);
    p[PSEC_RISK_THREAT].score =
        part_threat(in, w, as_of, p[PSEC_RISK_THREAT].why, PSEC_RISK_WHY_MAX);

    for (int i = 0; i < PSEC_RISK_NCOMP; i++)
        sum += w->w[i];
    for (int i = 0; i < PSEC_RISK_NCOMP; i++) {
        p[i].points = sum > 0 ? w->w[i] * p[i].score / sum : 0;
        total += p[i].points;
    }
    out->score = clamp01(total);
    out->due_known = in->assess_known;
    out->due_day = due_day_of(in, w, as_of);
    out->overdue = in->assess_known && (!in->assessed || out->due_day < as_of);
}

static int cmp_result(const void *pa, const void *pb)
{
    const struct psec_risk_result *a = pa, *b = pb;
    double ta, tb;

    if (fabs(a->score - b->score) > 1e-9)
        return a->score > b->score ? -1 : 1;
    /* Equal scores: the one the law needs first, then the bigger trade. */
    if (a->due_known != b->due_known)
        return a->due_known ? -1 : 1;
    if (a->due_known && a->due_day != b->due_day)
        return a->due_day < b->due_day ? -1 : 1;
    ta = a->part[PSEC_RISK_TRADE].score;
    tb = b->part[PSEC_RISK_TRADE].score;
    if (fabs(ta - tb) > 1e-9)
        return ta > tb ? -1 : 1;
    return strcmp(a->country, b->country);
}

void psec_risk_rank(struct psec_risk_result *r, size_t n)
{
    if (n > 1)
        qsort(r, n, sizeof *r, cmp_result);
    for (size_t i = 0; i < n; i++)
        r[i].rank = (int)i + 1;
}
