/*
 * noa.c — Notice of Arrival JSON parser and screening result writer.
 *
 * What it does: reads the NOA object of issue 4 (imo/mmsi as numbers or
 * strings, ISO 8601 times with a date alone meaning 00:00 UTC, up to
 * PSEC_NOA_MAX_CALLS calls in any order), checks the IMO check digit,
 * departure after arrival, the ETA after the last departure, and names the
 * JSON path of the first problem. Writes the result document whose keys
 * are a contract (coe, targeting, warnings).
 *
 * What it does not: screen (src/model/screen.c) or touch the database; the
 * registry is asked through a callback. Unknown keys are ignored so that
 * senders may add fields.
 *
 * Verified against real data: the IMO check digit on 9074729 (issue 4) and
 * on MARAD fleet numbers in tests/unit/test_noa.c; the rest against
 * hand-written NOAs and the fuzzer.
 */
#include "io/noa.h"

#include "io/jlite.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "base/time.h"
#include "model/registry.h"

bool psec_imo_valid(const char *s)
{
    if (s == NULL || strlen(s) != 7)
        return false;
    int sum = 0;
    for (int i = 0; i < 7; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    for (int i = 0; i < 6; i++)
        sum += (s[i] - '0') * (7 - i);
    return sum % 10 == s[6] - '0';
}

typedef struct psec_jl_node jnode;

/* The document being read, for member lookups. */
struct doc {
    struct psec_jl *j;
};

static const jnode *get(const struct doc *d, const jnode *obj, const char *key)
{
    return psec_jl_get(d->j, obj, key);
}

static bool is_null(const jnode *v)
{
    return v == NULL || v->type == PSEC_JL_NULL;
}

/* Copies an optional string member; error when present but not a string
 * or too long. */
static int opt_str(const struct doc *d, const jnode *obj, const char *key, const char *path,
                   char *dst, size_t size, struct psec_err *e)
{
    const jnode *v = get(d, obj, key);
    dst[0] = '\0';
    if (is_null(v))
        return PSEC_OK;
    if (v->type != PSEC_JL_STRING)
        return psec_err_set(e, PSEC_E_INVALID, "%s%s: must be a string", path, key);
    if (v->slen >= size)
        return psec_err_set(e, PSEC_E_INVALID, "%s%s: longer than %zu bytes", path, key,
                            size - 1);
    memcpy(dst, v->s, v->slen + 1);
    return PSEC_OK;
}

/* A number or a string of digits (imo, mmsi), as text. */
static int digits_member(const struct doc *d, const jnode *obj, const char *key,
                         const char *path, char *dst, size_t size, bool required,
                         struct psec_err *e)
{
    const jnode *v = get(d, obj, key);
    dst[0] = '\0';
    if (is_null(v)) {
        if (required)
            return psec_err_set(e, PSEC_E_INVALID, "%s%s: missing", path, key);
        return PSEC_OK;
    }
    char buf[32];
    if (v->type == PSEC_JL_INT) {
        if (v->i < 0)
            return psec_err_set(e, PSEC_E_INVALID, "%s%s: negative", path, key);
        snprintf(buf, sizeof buf, "%lld", v->i);
    } else if (v->type == PSEC_JL_STRING) {
        const char *s = v->s;
        /* "IMO 9074729" is how the number is often written. */
        if (strcmp(key, "imo") == 0 && strncmp(s, "IMO", 3) == 0)
            s += 3;
        while (*s == ' ')
            s++;
        if (strlen(s) >= sizeof buf)
            return psec_err_set(e, PSEC_E_INVALID, "%s%s: too long", path, key);
        psec_strlcpy(buf, s, sizeof buf);
    } else {
        return psec_err_set(e, PSEC_E_INVALID, "%s%s: must be a number or a string", path, key);
    }
    for (const char *p = buf; *p; p++)
        if (!isdigit((unsigned char)*p))
            return psec_err_set(e, PSEC_E_INVALID, "%s%s: '%s' is not all digits", path, key,
                                buf);
    if (strlen(buf) != size - 1)
        return psec_err_set(e, PSEC_E_INVALID, "%s%s: '%s' must have %zu digits", path, key,
                            buf, size - 1);
    memcpy(dst, buf, size);
    return PSEC_OK;
}

static int time_member(const struct doc *d, const jnode *obj, const char *key, const char *path,
                       int64_t *out, struct psec_err *e)
{
    const jnode *v = get(d, obj, key);
    if (is_null(v))
        return psec_err_set(e, PSEC_E_INVALID, "%s%s: missing", path, key);
    if (v->type != PSEC_JL_STRING)
        return psec_err_set(e, PSEC_E_INVALID, "%s%s: must be an ISO 8601 time string", path,
                            key);
    if (!psec_time_parse(v->s, out))
        return psec_err_set(e, PSEC_E_INVALID, "%s%s: '%.40s' is not an ISO 8601 time", path,
                            key, v->s);
    return PSEC_OK;
}

static int locode_member(const struct doc *d, const jnode *obj, const char *key,
                         const char *path, char dst[6], struct psec_err *e)
{
    const jnode *v = get(d, obj, key);
    char buf[8];
    if (is_null(v))
        return psec_err_set(e, PSEC_E_INVALID, "%s%s: missing", path, key);
    if (v->type != PSEC_JL_STRING)
        return psec_err_set(e, PSEC_E_INVALID, "%s%s: must be a string", path, key);
    if (v->slen != 5)
        return psec_err_set(e, PSEC_E_INVALID, "%s%s: '%.20s' is not a UN/LOCODE", path, key,
                            v->s);
    memcpy(buf, v->s, 6);
    psec_upper(buf);
    if (!psec_locode_valid(buf))
        return psec_err_set(e, PSEC_E_INVALID, "%s%s: '%s' is not a UN/LOCODE", path, key, buf);
    memcpy(dst, buf, 6);
    return PSEC_OK;
}

static int parse_vessel(const struct doc *d, const jnode *v, struct psec_noa *n,
                        struct psec_err *e)
{
    const char *p = "vessel.";
    if (v == NULL)
        return psec_err_set(e, PSEC_E_INVALID, "vessel: missing");
    if (v->type != PSEC_JL_OBJECT)
        return psec_err_set(e, PSEC_E_INVALID, "vessel: must be an object");
    int rc = digits_member(d, v, "imo", p, n->imo, sizeof n->imo, true, e);
    if (rc != PSEC_OK)
        return rc;
    if (!psec_imo_valid(n->imo)) {
        int sum = 0;
        for (int i = 0; i < 6; i++)
            sum += (n->imo[i] - '0') * (7 - i);
        return psec_err_set(e, PSEC_E_INVALID,
                            "vessel.imo: %s fails the IMO check digit (last digit should be %d)",
                            n->imo, sum % 10);
    }
    if ((rc = digits_member(d, v, "mmsi", p, n->mmsi, sizeof n->mmsi, false, e)) != PSEC_OK ||
        (rc = opt_str(d, v, "name", p, n->name, sizeof n->name, e)) != PSEC_OK ||
        (rc = opt_str(d, v, "flag", p, n->flag, sizeof n->flag, e)) != PSEC_OK ||
        (rc = opt_str(d, v, "type", p, n->type, sizeof n->type, e)) != PSEC_OK ||
        (rc = opt_str(d, v, "rso", p, n->rso, sizeof n->rso, e)) != PSEC_OK ||
        (rc = opt_str(d, v, "owner", p, n->owner, sizeof n->owner, e)) != PSEC_OK ||
        (rc = opt_str(d, v, "operator", p, n->operator_name, sizeof n->operator_name, e)) !=
            PSEC_OK ||
        (rc = opt_str(d, v, "charterer", p, n->charterer, sizeof n->charterer, e)) != PSEC_OK)
        return rc;
    psec_upper(n->flag);
    if (n->flag[0] && (!isupper((unsigned char)n->flag[0]) || !isupper((unsigned char)n->flag[1])))
        return psec_err_set(e, PSEC_E_INVALID, "vessel.flag: '%s' is not an ISO alpha-2 code",
                            n->flag);
    const jnode *b = get(d, v, "built");
    if (!is_null(b)) {
        if (b->type != PSEC_JL_INT || b->i < 1800 || b->i > 2200)
            return psec_err_set(e, PSEC_E_INVALID, "vessel.built: must be a year");
        n->built = (int)b->i;
    }
    return PSEC_OK;
}

static int parse_call(const struct doc *d, const jnode *c, int i, struct psec_noa *n,
                      psec_port_lookup_fn fn, void *ctx, struct psec_err *e)
{
    char path[32];
    snprintf(path, sizeof path, "port_calls[%d].", i);
    if (c->type != PSEC_JL_OBJECT)
        return psec_err_set(e, PSEC_E_INVALID, "port_calls[%d]: must be an object", i);
    struct psec_noa_call *pc = &n->calls[i];
    memset(pc, 0, sizeof *pc);
    int rc;
    if ((rc = locode_member(d, c, "port", path, pc->port, e)) != PSEC_OK ||
        (rc = opt_str(d, c, "facility", path, pc->facility, sizeof pc->facility, e)) !=
            PSEC_OK ||
        (rc = opt_str(d, c, "purpose", path, pc->purpose, sizeof pc->purpose, e)) != PSEC_OK ||
        (rc = time_member(d, c, "arrival", path, &pc->arrival, e)) != PSEC_OK ||
        (rc = time_member(d, c, "departure", path, &pc->departure, e)) != PSEC_OK)
        return rc;
    if (pc->departure < pc->arrival) {
        char a[24], dd[24];
        return psec_err_set(e, PSEC_E_INVALID, "%sdeparture: %s is before its arrival %s", path,
                            psec_time_format(pc->departure, dd, sizeof dd),
                            psec_time_format(pc->arrival, a, sizeof a));
    }
    pc->transit = psec_strcasecmp(pc->purpose, "transit") == 0;
    if (fn == NULL) {
        memcpy(pc->country, pc->port, 2);
        pc->country[2] = '\0';
        pc->port_known = true;
    } else if (fn(ctx, pc->port, pc->country)) {
        pc->port_known = true;
    } else {
        memcpy(pc->country, pc->port, 2);
        pc->country[2] = '\0';
        psec_noa_warn(n, "port_calls[%d].port: %s is not a known UN/LOCODE; screened by its "
                      "country prefix %s", i, pc->port, pc->country);
    }
    return PSEC_OK;
}

static int from_doc(const struct doc *d, struct psec_noa *n, psec_port_lookup_fn fn, void *ctx,
                    struct psec_err *e)
{
    const jnode *root = &d->j->nodes[0];
    memset(n, 0, sizeof *n);
    if (root->type != PSEC_JL_OBJECT)
        return psec_err_set(e, PSEC_E_INVALID, "$: a NOA must be a JSON object");
    int rc;
    const jnode *id = get(d, root, "noa_id");
    if (id && id->type == PSEC_JL_INT)
        snprintf(n->noa_id, sizeof n->noa_id, "%lld", id->i);
    else if ((rc = opt_str(d, root, "noa_id", "", n->noa_id, sizeof n->noa_id, e)) != PSEC_OK)
        return rc;
    if ((rc = parse_vessel(d, get(d, root, "vessel"), n, e)) != PSEC_OK)
        return rc;

    const jnode *arr = get(d, root, "arrival");
    if (arr == NULL)
        return psec_err_set(e, PSEC_E_INVALID, "arrival: missing");
    if (arr->type != PSEC_JL_OBJECT)
        return psec_err_set(e, PSEC_E_INVALID, "arrival: must be an object");
    if ((rc = locode_member(d, arr, "port", "arrival.", n->arrival_port, e)) != PSEC_OK ||
        (rc = time_member(d, arr, "eta", "arrival.", &n->eta, e)) != PSEC_OK)
        return rc;

    const jnode *calls = get(d, root, "port_calls");
    if (calls == NULL)
        return psec_err_set(e, PSEC_E_INVALID, "port_calls: missing (an empty list is allowed)");
    if (calls->type != PSEC_JL_ARRAY)
        return psec_err_set(e, PSEC_E_INVALID, "port_calls: must be an array");
    if (calls->count > PSEC_NOA_MAX_CALLS)
        return psec_err_set(e, PSEC_E_INVALID, "port_calls: %d calls; at most %d are accepted",
                            calls->count, PSEC_NOA_MAX_CALLS);
    int last = -1, i = 0;
    for (int c = calls->first; c >= 0; c = d->j->nodes[c].next, i++) {
        if ((rc = parse_call(d, &d->j->nodes[c], i, n, fn, ctx, e)) != PSEC_OK)
            return rc;
        if (last < 0 || n->calls[i].departure > n->calls[last].departure)
            last = i;
    }
    n->ncalls = calls->count;
    if (last >= 0 && n->eta < n->calls[last].departure) {
        char a[24], dd[24];
        return psec_err_set(e, PSEC_E_INVALID,
                            "arrival.eta: %s is before the last departure (port_calls[%d]."
                            "departure %s)", psec_time_format(n->eta, a, sizeof a), last,
                            psec_time_format(n->calls[last].departure, dd, sizeof dd));
    }
    return PSEC_OK;
}

int psec_noa_parse(const char *text, size_t len, struct psec_noa *out, psec_port_lookup_fn fn,
                   void *ctx, struct psec_err *e)
{
    /* The reader's small buffers are large: keep them off the stack of
     * callers that may be deep, in one allocation per call. */
    struct psec_jl *j;
    if (len > PSEC_JSON_MAX)
        return psec_err_set(e, PSEC_E_LIMIT, "$: NOA larger than %d bytes", PSEC_JSON_MAX);
    j = malloc(sizeof *j);
    if (j == NULL)
        return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    int rc = psec_jl_parse(j, text, len, e);
    if (rc == PSEC_OK) {
        struct doc d = { j };
        rc = from_doc(&d, out, fn, ctx, e);
    }
    psec_jl_free(j);
    free(j);
    return rc;
}

int psec_noa_from_json(json_t *root, struct psec_noa *out, psec_port_lookup_fn fn, void *ctx,
                       struct psec_err *e)
{
    /* One reader for both entry points: the tree is written out and read
     * back, so a NOA received as jansson (HTTP) meets the same checks. */
    char *text = json_dumps(root, JSON_COMPACT | JSON_ENCODE_ANY);
    if (text == NULL)
        return psec_err_set(e, PSEC_E_INVALID, "$: a NOA must be a JSON object");
    int rc = psec_noa_parse(text, strlen(text), out, fn, ctx, e);
    free(text);
    return rc;
}

/* ---- result document ----
 *
 * Written straight into a growable buffer rather than built as a jansson
 * tree: batch screening writes one of these per NOA, and building and
 * dumping a tree of ~60 nodes was most of the cost. psec_screen_json()
 * parses this text, so there is one writer and the two cannot disagree.
 */

static int64_t day_of(int64_t t)
{
    return t >= 0 ? t / PSEC_DAY : -((-t + PSEC_DAY - 1) / PSEC_DAY);
}

struct jw {
    char *p;
    size_t len, cap;
    bool oom;
};

static void jw_reserve(struct jw *w, size_t more)
{
    if (w->oom || w->len + more + 1 <= w->cap)
        return;
    size_t cap = w->cap ? w->cap : 4096;
    while (cap < w->len + more + 1)
        cap *= 2;
    char *np = realloc(w->p, cap);
    if (np == NULL) {
        w->oom = true;
        return;
    }
    w->p = np;
    w->cap = cap;
}

static void jw_raw(struct jw *w, const char *s, size_t n)
{
    jw_reserve(w, n);
    if (w->oom)
        return;
    memcpy(w->p + w->len, s, n);
    w->len += n;
    w->p[w->len] = '\0';
}

#define JW_LIT(w, lit) jw_raw((w), (lit), sizeof(lit) - 1)

/* Bytes a JSON string cannot hold as they are: controls, quote, backslash. */
static const bool needs_esc[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
    [0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1,
    [0x0e] = 1, [0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1,
    [0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1,
    [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1, ['"'] = 1, ['\\'] = 1,
};

/* Escapes n bytes of s into the buffer (no quotes). Runs of bytes that
 * need no escape are copied whole: most text has none. */
static void jw_esc(struct jw *w, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    jw_reserve(w, n * 6);
    if (w->oom)
        return;
    char *o = w->p + w->len;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && !needs_esc[(unsigned char)s[j]])
            j++;
        memcpy(o, s + i, j - i);
        o += j - i;
        if (j == n)
            break;
        unsigned char c = (unsigned char)s[j];
        *o++ = '\\';
        if (c == '"' || c == '\\') {
            *o++ = (char)c;
        } else {
            *o++ = 'u';
            *o++ = '0';
            *o++ = '0';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        }
        i = j + 1;
    }
    *o = '\0';
    w->len = (size_t)(o - w->p);
}

/* A JSON string from text known to be valid UTF-8 (read by jansson, or
 * our own ASCII). */
static void jw_str(struct jw *w, const char *s)
{
    JW_LIT(w, "\"");
    jw_esc(w, s, strlen(s));
    JW_LIT(w, "\"");
}

/* A JSON string from text we cut with snprintf, which may end inside a
 * UTF-8 sequence: trailing bytes are dropped until it is valid. */
static void jw_cut(struct jw *w, const char *s)
{
    size_t n = strlen(s);
    while (n > 0 && !psec_utf8_valid(s, n))
        n--;
    JW_LIT(w, "\"");
    jw_esc(w, s, n);
    JW_LIT(w, "\"");
}

/* ,"key": — first is true for the first member of an object. */
static void jw_key(struct jw *w, const char *key, bool first)
{
    if (!first)
        JW_LIT(w, ",");
    jw_str(w, key);
    JW_LIT(w, ":");
}

static void jw_kstr(struct jw *w, const char *key, const char *v, bool first)
{
    jw_key(w, key, first);
    if (v == NULL)
        JW_LIT(w, "null");
    else
        jw_str(w, v);
}

static void jw_kint(struct jw *w, const char *key, long long v)
{
    char buf[24];
    int n = snprintf(buf, sizeof buf, "%lld", v);
    jw_key(w, key, false);
    jw_raw(w, buf, (size_t)n);
}

static void jw_kbool(struct jw *w, const char *key, bool v)
{
    jw_key(w, key, false);
    if (v)
        JW_LIT(w, "true");
    else
        JW_LIT(w, "false");
}

/* "YYYY-MM-DD" into o (10 bytes), without printf: dates and times are
 * most of what a result holds. Years outside 0..9999 fall back to printf. */
static bool put_date(char *o, int64_t days)
{
    int y, m, d;
    psec_civil_from_days(days, &y, &m, &d);
    if (y < 0 || y > 9999)
        return false;
    o[0] = (char)('0' + y / 1000);
    o[1] = (char)('0' + y / 100 % 10);
    o[2] = (char)('0' + y / 10 % 10);
    o[3] = (char)('0' + y % 10);
    o[4] = '-';
    o[5] = (char)('0' + m / 10);
    o[6] = (char)('0' + m % 10);
    o[7] = '-';
    o[8] = (char)('0' + d / 10);
    o[9] = (char)('0' + d % 10);
    return true;
}

static void jw_ktime(struct jw *w, const char *key, int64_t t)
{
    char buf[24];
    int64_t days = day_of(t), sec = t - days * PSEC_DAY;
    if (put_date(buf, days)) {
        int h = (int)(sec / 3600), mi = (int)(sec / 60 % 60), se = (int)(sec % 60);
        buf[10] = 'T';
        buf[11] = (char)('0' + h / 10);
        buf[12] = (char)('0' + h % 10);
        buf[13] = ':';
        buf[14] = (char)('0' + mi / 10);
        buf[15] = (char)('0' + mi % 10);
        buf[16] = ':';
        buf[17] = (char)('0' + se / 10);
        buf[18] = (char)('0' + se % 10);
        buf[19] = 'Z';
        buf[20] = '\0';
    } else {
        psec_time_format(t, buf, sizeof buf);
    }
    jw_kstr(w, key, buf, false);
}

static void jw_kdate(struct jw *w, const char *key, int64_t d)
{
    char buf[16];
    if (put_date(buf, d))
        buf[10] = '\0';
    else
        psec_date_format(d, buf, sizeof buf);
    jw_kstr(w, key, buf, false);
}

static void coe_call_write(struct jw *w, const struct psec_noa *n, const struct psec_coe_call *cc,
                           const struct psec_coe_set *set)
{
    const struct psec_noa_call *c = &n->calls[cc->call];
    jw_kstr(w, "port", c->port, true);
    jw_kstr(w, "country", c->country, false);
    jw_kstr(w, "facility", c->facility[0] ? c->facility : NULL, false);
    jw_kstr(w, "evidence", c->observed ? "ais" : "declared", false);
    jw_ktime(w, "arrival", c->arrival);
    jw_ktime(w, "departure", c->departure);
    jw_kstr(w, "status", cc->status == PSEC_TRI_YES ? "triggers"
                         : cc->excepted ? "excepted" : "uncertain", false);
    if (cc->since) {
        char when[48];
        jw_kdate(w, "in_force_since", cc->since->by);
        jw_kstr(w, "listed", psec_coe_when(cc->since, when, sizeof when), false);
        jw_kstr(w, "advisory", set->adv[cc->since->advisory].id, false);
        jw_kstr(w, "basis", cc->since->basis, false);
        jw_kstr(w, "confidence", psec_confidence_name(cc->since->confidence), false);
    } else {
        jw_kstr(w, "in_force_since", NULL, false);
        jw_kstr(w, "advisory", NULL, false);
    }
    jw_kbool(w, "excepted", cc->excepted);
    if (cc->exception) {
        const struct psec_coe_change *x = cc->exception;
        jw_key(w, "exception", false);
        JW_LIT(w, "{");
        jw_kstr(w, "facility", x->facility[0] ? x->facility : NULL, true);
        jw_kstr(w, "name", x->facility_name, false);
        jw_kstr(w, "advisory", set->adv[x->advisory].id, false);
        jw_kstr(w, "confidence", psec_confidence_name(x->confidence), false);
        JW_LIT(w, "}");
    }
    jw_key(w, "reason", false);
    jw_cut(w, cc->reason);
}

/* The conditions, numbered, as a JSON array. */
static void write_actions(struct jw *w, const struct psec_coe_set *set)
{
    JW_LIT(w, "[");
    for (int i = 0; i < set->ncond; i++) {
        char num[16];
        int k = snprintf(num, sizeof num, "%d. ", set->cond[i].number);
        if (i)
            JW_LIT(w, ",");
        JW_LIT(w, "\"");
        jw_raw(w, num, (size_t)k);
        if (set->cond[i].confidence == PSEC_CONF_ASSUMED)
            JW_LIT(w, "[assumed] ");
        jw_esc(w, set->cond[i].text, strlen(set->cond[i].text));
        JW_LIT(w, "\"");
    }
    JW_LIT(w, "]");
}

static void write_enforcement(struct jw *w, const struct psec_coe_set *set)
{
    JW_LIT(w, "[");
    for (int i = 0; i < set->nenf; i++) {
        if (i)
            JW_LIT(w, ",");
        JW_LIT(w, "\"");
        if (set->enf[i].confidence == PSEC_CONF_ASSUMED)
            JW_LIT(w, "[assumed] ");
        jw_esc(w, set->enf[i].text, strlen(set->enf[i].text));
        JW_LIT(w, "\"");
    }
    JW_LIT(w, "]");
}

int psec_screen_pre_build(const struct psec_coe_set *set, struct psec_screen_pre *pre)
{
    struct jw a = { NULL, 0, 0, false }, b = { NULL, 0, 0, false };
    memset(pre, 0, sizeof *pre);
    write_actions(&a, set);
    write_enforcement(&b, set);
    if (a.oom || b.oom) {
        free(a.p);
        free(b.p);
        return PSEC_E_NOMEM;
    }
    pre->actions = a.p;
    pre->actions_len = a.len;
    pre->enforcement = b.p;
    pre->enforcement_len = b.len;
    return PSEC_OK;
}

void psec_screen_pre_free(struct psec_screen_pre *pre)
{
    if (pre == NULL)
        return;
    free(pre->actions);
    free(pre->enforcement);
    memset(pre, 0, sizeof *pre);
}

static void write_doc(struct jw *w, const struct psec_noa *n, const struct psec_screen_result *r,
                      const struct psec_coe_set *set, const struct psec_screen_pre *pre)
{
    JW_LIT(w, "{");
    jw_kstr(w, "noa_id", n->noa_id[0] ? n->noa_id : NULL, true);
    jw_kstr(w, "imo", n->imo, false);
    if (n->mmsi[0])
        jw_kstr(w, "mmsi", n->mmsi, false);
    if (n->name[0])
        jw_kstr(w, "vessel_name", n->name, false);
    jw_kstr(w, "arrival_port", n->arrival_port, false);
    jw_ktime(w, "eta", n->eta);

    jw_key(w, "coe", false);
    JW_LIT(w, "{");
    jw_kstr(w, "status", psec_coe_status_name(r->coe), true);
    jw_kbool(w, "applies", r->coe == PSEC_TRI_YES);
    jw_kbool(w, "direct", r->direct);
    jw_kdate(w, "as_of", day_of(n->eta));
    jw_key(w, "calls", false);
    JW_LIT(w, "[");
    for (int i = 0; i < r->ncalls; i++) {
        if (i)
            JW_LIT(w, ",");
        JW_LIT(w, "{");
        coe_call_write(w, n, &r->calls[i], set);
        JW_LIT(w, "}");
    }
    JW_LIT(w, "]");
    /* The conditions go with every positive (and every uncertain) answer:
     * an officer deciding by hand needs them in front of him. */
    bool show = r->coe != PSEC_TRI_NO;
    jw_key(w, "actions", false);
    if (show && pre)
        jw_raw(w, pre->actions, pre->actions_len);
    else if (show)
        write_actions(w, set);
    else
        JW_LIT(w, "[]");
    jw_key(w, "enforcement", false);
    if (show && pre)
        jw_raw(w, pre->enforcement, pre->enforcement_len);
    else if (show)
        write_enforcement(w, set);
    else
        JW_LIT(w, "[]");
    JW_LIT(w, "}");

    jw_key(w, "targeting", false);
    JW_LIT(w, "{");
    jw_key(w, "points", true);
    {
        char buf[16];
        int k = snprintf(buf, sizeof buf, "%d", r->target.points);
        jw_raw(w, buf, (size_t)k);
    }
    jw_kstr(w, "priority", psec_priority_name(r->target.priority), false);
    jw_kstr(w, "priority_by_points", psec_priority_name(r->target.banded), false);
    jw_kstr(w, "matrix_version", r->target.version, false);
    jw_key(w, "items", false);
    JW_LIT(w, "[");
    for (int i = 0; i < r->target.nitems; i++) {
        const struct psec_target_item *it = &r->target.items[i];
        if (i)
            JW_LIT(w, ",");
        JW_LIT(w, "{");
        jw_kstr(w, "column", it->column, true);
        jw_kstr(w, "rule", it->rule, false);
        jw_kint(w, "points", it->points);
        if (it->lift >= 0)
            jw_kstr(w, "lift", psec_priority_name(it->lift), false);
        jw_key(w, "reason", false);
        jw_cut(w, it->reason);
        jw_kstr(w, "basis", psec_basis_name(it->basis), false);
        JW_LIT(w, "}");
    }
    JW_LIT(w, "]}");

    jw_key(w, "last_five", false);
    JW_LIT(w, "[");
    for (int k = 0; k < r->nlast; k++) {
        const struct psec_noa_call *c = &n->calls[r->last[k]];
        if (k)
            JW_LIT(w, ",");
        JW_LIT(w, "{");
        jw_kstr(w, "port", c->port, true);
        jw_kstr(w, "country", c->country, false);
        jw_ktime(w, "departure", c->departure);
        if (c->observed)
            jw_kstr(w, "evidence", "ais", false);
        JW_LIT(w, "}");
    }
    JW_LIT(w, "]");
    jw_key(w, "warnings", false);
    JW_LIT(w, "[");
    for (int i = 0; i < r->nwarnings; i++) {
        if (i)
            JW_LIT(w, ",");
        jw_cut(w, r->warnings[i]);
    }
    JW_LIT(w, "]}");
}

int psec_screen_write(const struct psec_noa *n, const struct psec_screen_result *r,
                      const struct psec_coe_set *set, const struct psec_screen_pre *pre,
                      char **buf, size_t *cap, size_t *len)
{
    struct jw w = { *buf, *len, *cap, false };
    write_doc(&w, n, r, set, pre);
    *buf = w.p;
    *cap = w.cap;
    if (w.oom)
        return PSEC_E_NOMEM;
    *len = w.len;
    return PSEC_OK;
}

json_t *psec_screen_json(const struct psec_noa *n, const struct psec_screen_result *r,
                         const struct psec_coe_set *set)
{
    char *buf = NULL;
    size_t cap = 0, len = 0;
    json_t *doc = NULL;
    if (psec_screen_write(n, r, set, NULL, &buf, &cap, &len) == PSEC_OK)
        doc = json_loadb(buf, len, 0, NULL);
    free(buf);
    return doc;
}
