/*
 * screen.c — the screening rule for a Notice of Arrival (see screen.h).
 *
 * What it does: picks the last five calls by departure (transits out),
 * replays the advisory list for each call's country and facility on the
 * ETA day, decides applies / does-not-apply / uncertain with the reasons
 * per call, and scores the targeting matrix with that answer.
 *
 * What it does not: parse JSON (src/io/noa.c), look up the registry (the
 * parser resolves countries through a callback), or compare with AIS (the
 * app layer adds that section).
 *
 * Verified against real data: the Seychelles (Port Victoria) example of
 * issue 4 and the Djibouti, Cuba and North Korea dates, in
 * tests/unit/test_screen.c.
 */
#include "model/screen.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/str.h"
#include "base/time.h"

void psec_noa_warn(struct psec_noa *n, const char *fmt, ...)
{
    if (n->nwarnings >= PSEC_SCREEN_WARNINGS)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(n->warnings[n->nwarnings++], PSEC_WARNING_MAX, fmt, ap);
    va_end(ap);
}

void psec_screen_warn(struct psec_screen_result *r, const char *fmt, ...)
{
    if (r->nwarnings >= PSEC_SCREEN_WARNINGS)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->warnings[r->nwarnings++], PSEC_WARNING_MAX, fmt, ap);
    va_end(ap);
}

const char *psec_coe_status_name(int tri)
{
    return tri == PSEC_TRI_YES ? "applies" : tri == PSEC_TRI_UNCERTAIN ? "uncertain"
                                                                       : "does-not-apply";
}

void psec_screen_last_five(const struct psec_noa *n, int last[PSEC_SCREEN_LAST], int *nlast)
{
    /* Insertion into a short sorted array: at most ten calls. Ties on
     * departure keep the later arrival first, then input order. */
    int k = 0;
    for (int i = 0; i < n->ncalls; i++) {
        const struct psec_noa_call *c = &n->calls[i];
        if (c->transit)
            continue;
        int pos = k;
        while (pos > 0) {
            const struct psec_noa_call *p = &n->calls[last[pos - 1]];
            bool later = c->departure > p->departure ||
                         (c->departure == p->departure && c->arrival > p->arrival);
            if (!later)
                break;
            pos--;
        }
        if (pos >= PSEC_SCREEN_LAST)
            continue;
        int end = k < PSEC_SCREEN_LAST ? k : PSEC_SCREEN_LAST - 1;
        for (int j = end; j > pos; j--)
            last[j] = last[j - 1];
        last[pos] = i;
        if (k < PSEC_SCREEN_LAST)
            k++;
    }
    *nlast = k;
}

static int64_t day_of(int64_t t)
{
    return t >= 0 ? t / PSEC_DAY : -((-t + PSEC_DAY - 1) / PSEC_DAY);
}

static const char *adv_id(const struct psec_coe_set *s, const struct psec_coe_change *c)
{
    return (c && c->advisory >= 0 && (size_t)c->advisory < s->nadv) ? s->adv[c->advisory].id
                                                                    : "?";
}

/* Screens one call; returns true when it belongs in coe.calls. */
static bool screen_call(const struct psec_noa *n, int idx, const struct psec_coe_set *set,
                        int64_t day, struct psec_coe_call *out)
{
    const struct psec_noa_call *c = &n->calls[idx];
    struct psec_coe_state cs, es;
    psec_coe_country_on(set, c->country, day, &cs);
    if (cs.state == PSEC_TRI_NO)
        return false;
    psec_coe_exception_on(set, c->country, c->facility, day, &es);

    memset(out, 0, sizeof *out);
    out->call = idx;
    out->since = cs.since;
    char a[16], d[16], eta[16], when[48], ewhen[48];
    psec_date_format(day_of(c->arrival), a, sizeof a);
    psec_date_format(day_of(c->departure), d, sizeof d);
    psec_date_format(day, eta, sizeof eta);
    psec_coe_when(cs.since, when, sizeof when);
    int n0;
    /* An undeclared call is named as AIS evidence in every reason. */
    const char *what = c->observed ? "undeclared call seen by AIS at" : "call at";
    if (cs.state == PSEC_TRI_YES)
        n0 = snprintf(out->reason, sizeof out->reason,
                      "%s %s (%s) %s to %s: %s on the conditions-of-entry list on %s, "
                      "in force since %s (%s; %s; %s)",
                      what, c->port, c->country, a, d, c->country, eta, when, adv_id(set, cs.since),
                      cs.since->basis, psec_confidence_name(cs.since->confidence));
    else if (cs.pending && cs.pending->action == PSEC_COE_REMOVE_COUNTRY)
        n0 = snprintf(out->reason, sizeof out->reason,
                      "%s %s (%s) %s to %s: %s was listed from %s and removed %s (%s); "
                      "on %s the listing is uncertain",
                      what, c->port, c->country, a, d, c->country, when,
                      psec_coe_when(cs.pending, ewhen, sizeof ewhen), adv_id(set, cs.pending),
                      eta);
    else
        n0 = snprintf(out->reason, sizeof out->reason,
                      "%s %s (%s) %s to %s: %s was added to the list %s (%s; %s); "
                      "on %s the listing is uncertain",
                      what, c->port, c->country, a, d, c->country, when, adv_id(set, cs.since),
                      cs.since ? psec_confidence_name(cs.since->confidence) : "?", eta);
    size_t used = n0 > 0 && (size_t)n0 < sizeof out->reason ? (size_t)n0 : sizeof out->reason - 1;

    if (es.state == PSEC_TRI_YES) {
        out->excepted = true;
        out->exception = es.since;
        out->status = PSEC_TRI_NO;
        snprintf(out->reason + used, sizeof out->reason - used,
                 "; but facility %s (%s) is excepted since %s (%s)", c->facility,
                 es.since->facility_name, psec_coe_when(es.since, ewhen, sizeof ewhen),
                 adv_id(set, es.since));
    } else if (es.state == PSEC_TRI_UNCERTAIN) {
        out->exception = es.pending;
        out->status = PSEC_TRI_UNCERTAIN;
        snprintf(out->reason + used, sizeof out->reason - used,
                 "; whether facility %s is excepted on %s is uncertain (changed %s)",
                 c->facility, eta, psec_coe_when(es.pending, ewhen, sizeof ewhen));
    } else {
        out->status = cs.state;
    }
    return true;
}

void psec_screen(const struct psec_noa *n, const struct psec_coe_set *set,
                 const struct psec_matrix *m, const struct psec_vessel_action *actions,
                 size_t nactions, const struct psec_vessel_exam *exams, size_t nexams,
                 struct psec_screen_result *r)
{
    memset(r, 0, sizeof *r);
    for (int i = 0; i < n->nwarnings; i++)
        psec_screen_warn(r, "%s", n->warnings[i]);

    int64_t day = day_of(n->eta);
    psec_screen_last_five(n, r->last, &r->nlast);

    int ntransit = 0;
    for (int i = 0; i < n->ncalls; i++)
        if (n->calls[i].transit) {
            ntransit++;
            psec_screen_warn(r, "port_calls[%d]: %s is a transit, not a port call; left out", i,
                             n->calls[i].port);
        }
    int nobserved = 0;
    for (int i = 0; i < n->ncalls; i++)
        if (n->calls[i].observed && ++nobserved)
            psec_screen_warn(r, "AIS shows an undeclared port call at %s (%s); it is screened as "
                             "one of the ship's calls", n->calls[i].port, n->calls[i].country);
    if (r->nlast < PSEC_SCREEN_LAST)
        psec_screen_warn(r, "only %d port call%s %s (transits left out); the look-back is "
                         "the last five", r->nlast, r->nlast == 1 ? "" : "s",
                         nobserved ? "declared or seen by AIS" : "declared");

    bool any_yes = false, any_uncertain = false, assumed = false;
    const char *first_reason = NULL;
    for (int k = 0; k < r->nlast; k++) {
        struct psec_coe_call *cc = &r->calls[r->ncalls];
        if (!screen_call(n, r->last[k], set, day, cc))
            continue;
        r->ncalls++;
        if (cc->status == PSEC_TRI_YES) {
            any_yes = true;
            if (k == 0)
                r->direct = true;
            if (first_reason == NULL)
                first_reason = cc->reason;
        } else if (cc->status == PSEC_TRI_UNCERTAIN) {
            any_uncertain = true;
            if (first_reason == NULL)
                first_reason = cc->reason;
        }
        if ((cc->since && cc->since->confidence == PSEC_CONF_ASSUMED) ||
            (cc->exception && cc->exception->confidence == PSEC_CONF_ASSUMED))
            assumed = true;
    }
    r->coe = any_yes ? PSEC_TRI_YES : any_uncertain ? PSEC_TRI_UNCERTAIN : PSEC_TRI_NO;
    if (r->coe == PSEC_TRI_UNCERTAIN)
        psec_screen_warn(r, "conditions of entry are uncertain: a listing or exception date is "
                         "not known for the ETA day; decide by hand");
    if (assumed)
        psec_screen_warn(r, "a listing or exception used here rests on an assumed (not "
                         "confirmed) date or fact");

    /* Calls older than the last five do not count, but say so when they
     * would have: the declared order may be wrong. */
    for (int i = 0; i < n->ncalls; i++) {
        bool in_last = false;
        for (int k = 0; k < r->nlast; k++)
            in_last = in_last || r->last[k] == i;
        if (in_last || n->calls[i].transit)
            continue;
        struct psec_coe_state cs;
        psec_coe_country_on(set, n->calls[i].country, day, &cs);
        if (cs.state != PSEC_TRI_NO)
            psec_screen_warn(r, "port_calls[%d]: %s (%s) is on the list but is not among the "
                             "last five calls; not counted", i, n->calls[i].port,
                             n->calls[i].country);
    }

    struct psec_target_input in = {
        .flag = n->flag, .rso = n->rso, .owner = n->owner, .operator_name = n->operator_name,
        .charterer = n->charterer, .eta = n->eta, .actions = actions, .nactions = nactions,
        .exams = exams, .nexams = nexams, .coe = r->coe, .coe_reason = first_reason,
    };
    psec_target_score(m, &in, &r->target);
}
