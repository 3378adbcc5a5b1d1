/*
 * advisory.c — replay of dated advisory changes (see advisory.h).
 *
 * What it does: keeps advisories and their changes, sorts the changes, and
 * answers country and facility-exception questions for a day by replaying
 * the changes that concern them, tracking which states are still possible.
 * A change whose interval contains the day makes both the state before and
 * after it possible, so the answer becomes "uncertain" unless a later
 * change with a known date settles it.
 *
 * What it does not: read files, know the registry, or decide anything
 * about a ship (that is screen.c).
 *
 * Verified against real data: the 2025-09-02 list of 22 countries and the
 * dated snapshots of coe-timeline.md are replayed in tests/unit/test_advisory.c.
 */
#include "model/advisory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "base/time.h"

static const char *conf_names[] = { "confirmed", "partly", "assumed" };
static const char *action_names[] = { "add_country", "remove_country", "add_exception",
                                      "remove_exception" };

const char *psec_confidence_name(int c)
{
    return (c >= 0 && c <= PSEC_CONF_ASSUMED) ? conf_names[c] : "assumed";
}

bool psec_confidence_parse(const char *s, int *out)
{
    if (s == NULL)
        return false;
    for (int i = 0; i <= PSEC_CONF_ASSUMED; i++)
        if (strcmp(s, conf_names[i]) == 0) {
            *out = i;
            return true;
        }
    /* The reference material says "not confirmed"; we label it assumed. */
    if (strcmp(s, "not confirmed") == 0 || strcmp(s, "not-confirmed") == 0) {
        *out = PSEC_CONF_ASSUMED;
        return true;
    }
    return false;
}

const char *psec_coe_action_name(int a)
{
    return (a >= 0 && a <= PSEC_COE_REMOVE_EXCEPTION) ? action_names[a] : "?";
}

bool psec_coe_action_parse(const char *s, int *out)
{
    for (int i = 0; s != NULL && i <= PSEC_COE_REMOVE_EXCEPTION; i++)
        if (strcmp(s, action_names[i]) == 0) {
            *out = i;
            return true;
        }
    return false;
}

const char *psec_tri_name(int t)
{
    return t == PSEC_TRI_YES ? "yes" : t == PSEC_TRI_UNCERTAIN ? "uncertain" : "no";
}

void psec_coe_set_init(struct psec_coe_set *s)
{
    memset(s, 0, sizeof *s);
}

void psec_coe_set_free(struct psec_coe_set *s)
{
    if (s == NULL)
        return;
    free(s->adv);
    free(s->ch);
    psec_coe_set_init(s);
}

int psec_coe_set_add_advisory(struct psec_coe_set *s, const struct psec_advisory *a)
{
    if (s->nadv == s->capadv) {
        size_t cap = s->capadv ? s->capadv * 2 : 64;
        struct psec_advisory *p = realloc(s->adv, cap * sizeof *p);
        if (p == NULL)
            return -1;
        s->adv = p;
        s->capadv = cap;
    }
    s->adv[s->nadv] = *a;
    return (int)s->nadv++;
}

static bool is_alpha2(const char *cc)
{
    return cc[0] >= 'A' && cc[0] <= 'Z' && cc[1] >= 'A' && cc[1] <= 'Z' && cc[2] == '\0';
}

int psec_coe_set_add_change(struct psec_coe_set *s, const struct psec_coe_change *c,
                            struct psec_err *e)
{
    if (c->action < PSEC_COE_ADD_COUNTRY || c->action > PSEC_COE_REMOVE_EXCEPTION)
        return psec_err_set(e, PSEC_E_INVALID, "action: unknown");
    if (!is_alpha2(c->country))
        return psec_err_set(e, PSEC_E_INVALID, "country: '%s' is not an ISO alpha-2 code",
                            c->country);
    if (c->not_before > c->by)
        return psec_err_set(e, PSEC_E_INVALID, "effective: not_before is after by");
    if (c->advisory < 0 || (size_t)c->advisory >= s->nadv)
        return psec_err_set(e, PSEC_E_INVALID, "advisory: no such advisory");
    bool exc = c->action == PSEC_COE_ADD_EXCEPTION || c->action == PSEC_COE_REMOVE_EXCEPTION;
    if (exc && c->facility[0] == '\0' && c->facility_name[0] == '\0')
        return psec_err_set(e, PSEC_E_INVALID, "facility: an exception needs a number or a name");
    if (c->action == PSEC_COE_ADD_COUNTRY && strcmp(c->basis, "assessment") != 0 &&
        strcmp(c->basis, "state-sponsor-of-terrorism") != 0)
        return psec_err_set(e, PSEC_E_INVALID,
                            "basis: '%s' is not assessment or state-sponsor-of-terrorism",
                            c->basis);
    if (s->nch == s->capch) {
        size_t cap = s->capch ? s->capch * 2 : 256;
        struct psec_coe_change *p = realloc(s->ch, cap * sizeof *p);
        if (p == NULL)
            return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        s->ch = p;
        s->capch = cap;
    }
    s->ch[s->nch++] = *c;
    return PSEC_OK;
}

static int change_cmp(const void *a, const void *b)
{
    const struct psec_coe_change *x = a, *y = b;
    /* By country first, so that a replay walks only its country's changes. */
    int c = strcmp(x->country, y->country);
    if (c != 0)
        return c;
    if (x->not_before != y->not_before)
        return x->not_before < y->not_before ? -1 : 1;
    if (x->by != y->by)
        return x->by < y->by ? -1 : 1;
    /* Same interval: keep the advisory order so replays are stable. */
    return (x->advisory > y->advisory) - (x->advisory < y->advisory);
}

void psec_coe_set_sort(struct psec_coe_set *s)
{
    if (s->nch > 1)
        qsort(s->ch, s->nch, sizeof *s->ch, change_cmp);
}

int psec_coe_set_find_advisory(const struct psec_coe_set *s, const char *id)
{
    for (size_t i = 0; i < s->nadv; i++)
        if (strcmp(s->adv[i].id, id) == 0)
            return (int)i;
    return -1;
}

/* Which changes a replay looks at. */
struct filter {
    const char *cc;
    const char *facility;   /* NULL: country changes; else exception changes naming it */
};

static bool exception_names(const struct psec_coe_change *c, const char *facility)
{
    if (c->facility[0] && psec_strcasecmp(c->facility, facility) == 0)
        return true;
    return c->facility_name[0] && psec_strcasecmp(c->facility_name, facility) == 0;
}

static bool wanted(const struct psec_coe_change *c, const struct filter *f)
{
    if (c->country[0] != f->cc[0] || c->country[1] != f->cc[1])
        return false;
    if (f->facility == NULL)
        return c->action == PSEC_COE_ADD_COUNTRY || c->action == PSEC_COE_REMOVE_COUNTRY;
    if (c->action != PSEC_COE_ADD_EXCEPTION && c->action != PSEC_COE_REMOVE_EXCEPTION)
        return false;
    return exception_names(c, f->facility);
}

/* First change of country cc (changes are sorted by country), or s->nch. */
static size_t first_of(const struct psec_coe_set *s, const char *cc)
{
    size_t lo = 0, hi = s->nch;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(s->ch[mid].country, cc) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/*
 * The replay. can_in/can_out say which states are still possible; a change
 * dated for certain before the day settles the state, one whose interval
 * holds the day adds its outcome to the possibilities. A country's changes
 * are sorted by not_before, so the first one starting after the day ends
 * the walk.
 */
static void replay(const struct psec_coe_set *s, const struct filter *f, int64_t day,
                   struct psec_coe_state *out)
{
    bool can_in = false, can_out = true;
    const struct psec_coe_change *since = NULL, *pending = NULL;
    for (size_t i = first_of(s, f->cc); i < s->nch; i++) {
        const struct psec_coe_change *c = &s->ch[i];
        if (strcmp(c->country, f->cc) != 0 || c->not_before > day)
            break;
        if (!wanted(c, f))
            continue;
        bool adds = c->action == PSEC_COE_ADD_COUNTRY || c->action == PSEC_COE_ADD_EXCEPTION;
        if (day >= c->by) {
            can_in = adds;
            can_out = !adds;
            pending = NULL;
            since = adds ? c : NULL;
        } else {
            if (adds) {
                can_in = true;
                since = c;
            } else {
                can_out = true;
            }
            pending = c;
        }
    }
    out->state = can_in && can_out ? PSEC_TRI_UNCERTAIN : can_in ? PSEC_TRI_YES : PSEC_TRI_NO;
    out->since = out->state == PSEC_TRI_NO ? NULL : since;
    out->pending = out->state == PSEC_TRI_UNCERTAIN ? pending : NULL;
}

void psec_coe_country_on(const struct psec_coe_set *s, const char *cc, int64_t day,
                         struct psec_coe_state *out)
{
    struct filter f = { cc, NULL };
    replay(s, &f, day, out);
}

void psec_coe_exception_on(const struct psec_coe_set *s, const char *cc, const char *facility,
                           int64_t day, struct psec_coe_state *out)
{
    if (facility == NULL || facility[0] == '\0') {
        out->state = PSEC_TRI_NO;
        out->since = out->pending = NULL;
        return;
    }
    struct filter f = { cc, facility };
    replay(s, &f, day, out);
}

static int cc_cmp(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

void psec_coe_list_on(const struct psec_coe_set *s, int64_t day,
                      void (*fn)(void *ctx, const char *cc, const struct psec_coe_state *st),
                      void *ctx)
{
    /* Distinct countries named by any country change, sorted. */
    char (*codes)[3] = malloc((s->nch + 1) * sizeof *codes);
    if (codes == NULL)
        return;
    size_t n = 0;
    for (size_t i = 0; i < s->nch; i++) {
        const struct psec_coe_change *c = &s->ch[i];
        if (c->action != PSEC_COE_ADD_COUNTRY)
            continue;
        bool seen = false;
        for (size_t j = 0; j < n && !seen; j++)
            seen = strcmp(codes[j], c->country) == 0;
        if (!seen)
            memcpy(codes[n++], c->country, 3);
    }
    qsort(codes, n, sizeof *codes, cc_cmp);
    for (size_t j = 0; j < n; j++) {
        struct psec_coe_state st;
        psec_coe_country_on(s, codes[j], day, &st);
        if (st.state != PSEC_TRI_NO)
            fn(ctx, codes[j], &st);
    }
    free(codes);
}

static const char *exc_key(const struct psec_coe_change *c)
{
    return c->facility[0] ? c->facility : c->facility_name;
}

void psec_coe_exceptions_on(const struct psec_coe_set *s, const char *cc, int64_t day,
                            void (*fn)(void *ctx, const struct psec_coe_change *add,
                                       const struct psec_coe_state *st),
                            void *ctx)
{
    for (size_t i = 0; i < s->nch; i++) {
        const struct psec_coe_change *c = &s->ch[i];
        if (c->action != PSEC_COE_ADD_EXCEPTION || (cc && strcmp(c->country, cc) != 0))
            continue;
        bool dup = false;
        for (size_t j = 0; j < i && !dup; j++)
            dup = s->ch[j].action == PSEC_COE_ADD_EXCEPTION &&
                  strcmp(s->ch[j].country, c->country) == 0 &&
                  psec_strcasecmp(exc_key(&s->ch[j]), exc_key(c)) == 0;
        if (dup)
            continue;
        struct psec_coe_state st;
        psec_coe_exception_on(s, c->country, exc_key(c), day, &st);
        if (st.state != PSEC_TRI_NO)
            fn(ctx, c, &st);
    }
}

char *psec_coe_when(const struct psec_coe_change *c, char *buf, size_t size)
{
    char a[16], b[16];
    if (c->not_before == c->by)
        psec_strlcpy(buf, psec_date_format(c->by, a, sizeof a), size);
    else
        snprintf(buf, size, "between %s and %s", psec_date_format(c->not_before, a, sizeof a),
                 psec_date_format(c->by, b, sizeof b));
    return buf;
}
