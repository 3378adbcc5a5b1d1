/*
 * targeting.c — scoring an arrival against the security targeting matrix
 * (see targeting.h).
 *
 * What it does: looks the flag, RSO and companies up in the lists valid on
 * the ETA day (and added at or before the matrix revision in use), counts
 * ISPS-related major control actions in the 12 months before the ETA,
 * checks for an ISPS examination in that window, adds the conditions-of-
 * entry lift, and bands the total.
 *
 * What it does not: decide conditions of entry (screen.c passes the answer
 * in) or read the matrix file (src/app/screen.c does).
 *
 * Verified against real data: the flag thresholds (1.50 % / 3.00 %) and the
 * 17 / 7 bands are the USCG's published values; the other rules are marked
 * "assumed" in data/targeting/matrix.json and carry that basis to output.
 */
#include "model/targeting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "base/time.h"
#include "model/advisory.h"

static const char *prio_names[] = { "ISPS III", "ISPS II", "ISPS I" };
static const char *kind_names[] = { "flag", "rso", "company" };

const char *psec_priority_name(int p)
{
    return (p >= PSEC_PRIO_III && p <= PSEC_PRIO_I) ? prio_names[p] : "?";
}

bool psec_priority_parse(const char *s, int *out)
{
    for (int i = 0; s && i <= PSEC_PRIO_I; i++)
        if (strcmp(s, prio_names[i]) == 0) {
            *out = i;
            return true;
        }
    return false;
}

const char *psec_basis_name(int b)
{
    return b == PSEC_BASIS_CONFIRMED ? "confirmed" : "assumed";
}

bool psec_basis_parse(const char *s, int *out)
{
    if (s && strcmp(s, "confirmed") == 0)
        *out = PSEC_BASIS_CONFIRMED;
    else if (s && (strcmp(s, "assumed") == 0 || strcmp(s, "partly") == 0))
        *out = PSEC_BASIS_ASSUMED;   /* partly confirmed is not confirmed */
    else
        return false;
    return true;
}

const char *psec_target_kind_name(int k)
{
    return (k >= 0 && k <= PSEC_TK_COMPANY) ? kind_names[k] : "?";
}

bool psec_target_kind_parse(const char *s, int *out)
{
    for (int i = 0; s && i <= PSEC_TK_COMPANY; i++)
        if (strcmp(s, kind_names[i]) == 0) {
            *out = i;
            return true;
        }
    return false;
}

void psec_matrix_init(struct psec_matrix *m)
{
    memset(m, 0, sizeof *m);
    m->band_i = 17;
    m->band_ii = 7;
}

void psec_matrix_free(struct psec_matrix *m)
{
    if (m == NULL)
        return;
    free(m->entries);
    psec_matrix_init(m);
}

int psec_matrix_add_rule(struct psec_matrix *m, const struct psec_target_rule *r,
                         struct psec_err *e)
{
    if (m->nrules >= PSEC_TARGET_RULES)
        return psec_err_set(e, PSEC_E_LIMIT, "more than %d targeting rules",
                            PSEC_TARGET_RULES);
    if (psec_matrix_rule(m, r->id) != NULL)
        return psec_err_set(e, PSEC_E_INVALID, "rule '%s' given twice", r->id);
    m->rules[m->nrules++] = *r;
    return PSEC_OK;
}

int psec_matrix_add_entry(struct psec_matrix *m, const struct psec_target_entry *t,
                          struct psec_err *e)
{
    if (t->name[0] == '\0')
        return psec_err_set(e, PSEC_E_INVALID, "name: empty");
    if (t->points < 0 || t->points > 100)
        return psec_err_set(e, PSEC_E_INVALID, "points: %d is out of range 0..100", t->points);
    if (t->from > t->to)
        return psec_err_set(e, PSEC_E_INVALID, "from is after to");
    if (m->nentries == m->capentries) {
        size_t cap = m->capentries ? m->capentries * 2 : 32;
        struct psec_target_entry *p = realloc(m->entries, cap * sizeof *p);
        if (p == NULL)
            return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        m->entries = p;
        m->capentries = cap;
    }
    m->entries[m->nentries++] = *t;
    return PSEC_OK;
}

const struct psec_target_rule *psec_matrix_rule(const struct psec_matrix *m, const char *id)
{
    for (int i = 0; i < m->nrules; i++)
        if (strcmp(m->rules[i].id, id) == 0)
            return &m->rules[i];
    return NULL;
}

int psec_matrix_flag_points(const struct psec_matrix *m, double car)
{
    int best = 0;
    for (int i = 0; i < m->nrules; i++) {
        const struct psec_target_rule *r = &m->rules[i];
        if (strcmp(r->column, "flag") != 0)
            continue;
        /* Above 1.50 % is strict; at or above 3.00 % is inclusive, as the
         * USCG page words it (safety4sea says "greater than 3.00 %"). */
        if ((r->car_above > 0 && car > r->car_above) ||
            (r->car_at_least > 0 && car >= r->car_at_least))
            if (r->points > best)
                best = r->points;
    }
    return best;
}

int psec_matrix_band(const struct psec_matrix *m, int points)
{
    if (points >= m->band_i)
        return PSEC_PRIO_I;
    if (points >= m->band_ii)
        return PSEC_PRIO_II;
    return PSEC_PRIO_III;
}

static const struct psec_target_entry *find_entry(const struct psec_matrix *m, int kind,
                                                  const char *name, int64_t day)
{
    const struct psec_target_entry *best = NULL;
    if (name == NULL || name[0] == '\0')
        return NULL;
    for (size_t i = 0; i < m->nentries; i++) {
        const struct psec_target_entry *t = &m->entries[i];
        if (t->kind != kind || t->rev > m->rev || day < t->from || day > t->to)
            continue;
        if (psec_strcasecmp(t->name, name) != 0)
            continue;
        /* Several valid entries for one name: the highest points apply. */
        if (best == NULL || t->points > best->points)
            best = t;
    }
    return best;
}

static struct psec_target_item *add_item(struct psec_target_result *r, const char *column,
                                         const char *rule, int points, int lift, int basis)
{
    if (r->nitems >= PSEC_TARGET_ITEMS)
        return NULL;
    struct psec_target_item *it = &r->items[r->nitems++];
    memset(it, 0, sizeof *it);
    psec_strlcpy(it->column, column, sizeof it->column);
    psec_strlcpy(it->rule, rule, sizeof it->rule);
    it->points = points;
    it->lift = lift;
    it->basis = basis;
    r->points += points;
    return it;
}

static void validity(const struct psec_target_entry *t, char *buf, size_t size)
{
    char a[16], b[16];
    snprintf(buf, size, "%s to %s",
             t->from == PSEC_DAY_MIN ? "open" : psec_date_format(t->from, a, sizeof a),
             t->to == PSEC_DAY_MAX ? "open" : psec_date_format(t->to, b, sizeof b));
}

static void score_companies(const struct psec_matrix *m, const struct psec_target_input *in,
                            int64_t day, struct psec_target_result *r)
{
    const struct psec_target_rule *rule = psec_matrix_rule(m, "ship_management");
    if (rule == NULL)
        return;
    const char *roles[3] = { "owner", "operator", "charterer" };
    const char *names[3] = { in->owner, in->operator_name, in->charterer };
    const struct psec_target_entry *best = NULL;
    char who[200] = "";
    for (int i = 0; i < 3; i++) {
        const struct psec_target_entry *t = find_entry(m, PSEC_TK_COMPANY, names[i], day);
        if (t == NULL)
            continue;
        size_t n = strlen(who);
        snprintf(who + n, sizeof who - n, "%s%s %s", n ? ", " : "", roles[i], names[i]);
        if (best == NULL || t->points > best->points)
            best = t;
    }
    if (best == NULL)
        return;
    /* The column scores once, however many of the three roles are listed. */
    struct psec_target_item *it = add_item(r, rule->column, rule->id, best->points, -1,
                                           rule->basis);
    if (it)
        snprintf(it->reason, sizeof it->reason, "%s on the targeted company list", who);
}

static void score_list(const struct psec_matrix *m, int kind, const char *value, int64_t day,
                       struct psec_target_result *r)
{
    const struct psec_target_entry *t = find_entry(m, kind, value, day);
    if (t == NULL || t->points == 0)
        return;
    const struct psec_target_rule *rule;
    if (kind == PSEC_TK_FLAG) {
        /* The flag column's two rules differ by points: 7 is "at or above twice". */
        rule = psec_matrix_rule(m, t->points >= 7 ? "flag_twice" : "flag_above");
    } else {
        rule = psec_matrix_rule(m, "rso");
    }
    if (rule == NULL)
        return;
    char valid[40];
    validity(t, valid, sizeof valid);
    struct psec_target_item *it = add_item(r, rule->column, rule->id, t->points, -1,
                                           rule->basis);
    if (it)
        snprintf(it->reason, sizeof it->reason, "%s %s on the targeted %s list (%d points, %s)",
                 kind == PSEC_TK_FLAG ? "flag" : "RSO", value,
                 kind == PSEC_TK_FLAG ? "flag" : "RSO", t->points, valid);
}

static bool major_action(const struct psec_vessel_action *a)
{
    return a->security && (strcmp(a->kind, "detention") == 0 ||
                           strcmp(a->kind, "expulsion") == 0 || strcmp(a->kind, "denial") == 0);
}

static void score_history(const struct psec_matrix *m, const struct psec_target_input *in,
                          int64_t day, struct psec_target_result *r)
{
    char d[16], w[16];
    const struct psec_target_rule *rule = psec_matrix_rule(m, "security_history");
    if (rule != NULL) {
        int64_t start = psec_date_add_months(day, -(rule->window_months ? rule->window_months
                                                                        : 12));
        for (size_t i = 0; i < in->nactions; i++) {
            const struct psec_vessel_action *a = &in->actions[i];
            if (!major_action(a) || a->day < start || a->day > day)
                continue;
            struct psec_target_item *it = add_item(r, rule->column, rule->id, rule->points, -1,
                                                   rule->basis);
            if (it)
                snprintf(it->reason, sizeof it->reason,
                         "ISPS-related %s on %s, within 12 months before the ETA", a->kind,
                         psec_date_format(a->day, d, sizeof d));
        }
    }
    rule = psec_matrix_rule(m, "no_isps_exam");
    if (rule != NULL) {
        int64_t start = psec_date_add_months(day, -(rule->window_months ? rule->window_months
                                                                        : 12));
        bool examined = false;
        for (size_t i = 0; i < in->nexams && !examined; i++)
            examined = strcmp(in->exams[i].kind, "isps") == 0 && in->exams[i].day >= start &&
                       in->exams[i].day <= day;
        if (!examined) {
            struct psec_target_item *it = add_item(r, rule->column, rule->id, 0, rule->lift,
                                                   rule->basis);
            if (it)
                snprintf(it->reason, sizeof it->reason,
                         "no ISPS examination recorded between %s and %s: at least %s",
                         psec_date_format(start, w, sizeof w), psec_date_format(day, d, sizeof d),
                         psec_priority_name(rule->lift));
        }
    }
}

static void score_ports(const struct psec_matrix *m, const struct psec_target_input *in,
                        struct psec_target_result *r)
{
    const struct psec_target_rule *rule = psec_matrix_rule(m, "last_five_ports");
    if (rule == NULL || in->coe == PSEC_TRI_NO)
        return;
    bool yes = in->coe == PSEC_TRI_YES;
    struct psec_target_item *it = add_item(r, rule->column, rule->id, 0, yes ? rule->lift : -1,
                                           rule->basis);
    if (it == NULL)
        return;
    if (yes)
        snprintf(it->reason, sizeof it->reason, "conditions of entry apply (%s): %s",
                 in->coe_reason ? in->coe_reason : "a call in the last five",
                 psec_priority_name(rule->lift));
    else
        snprintf(it->reason, sizeof it->reason,
                 "conditions of entry uncertain (%s): not lifted; decide by hand",
                 in->coe_reason ? in->coe_reason : "a call in the last five");
}

void psec_target_score(const struct psec_matrix *m, const struct psec_target_input *in,
                       struct psec_target_result *out)
{
    memset(out, 0, sizeof *out);
    int64_t day = in->eta >= 0 ? in->eta / PSEC_DAY : -((-in->eta + PSEC_DAY - 1) / PSEC_DAY);
    snprintf(out->version, sizeof out->version, "%s+r%d", m->version, m->rev);

    score_companies(m, in, day, out);
    score_list(m, PSEC_TK_FLAG, in->flag, day, out);
    score_list(m, PSEC_TK_RSO, in->rso, day, out);
    score_history(m, in, day, out);
    score_ports(m, in, out);

    out->banded = psec_matrix_band(m, out->points);
    out->priority = out->banded;
    for (int i = 0; i < out->nitems; i++)
        if (out->items[i].lift > out->priority)
            out->priority = out->items[i].lift;
}
