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

#include <ctype.h>
#include <stdio.h>
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

/* Copies an optional string member; error when present but not a string
 * or too long. */
static int opt_str(json_t *obj, const char *key, const char *path, char *dst, size_t size,
                   struct psec_err *e)
{
    json_t *v = json_object_get(obj, key);
    dst[0] = '\0';
    if (v == NULL || json_is_null(v))
        return PSEC_OK;
    if (!json_is_string(v))
        return psec_err_set(e, PSEC_E_INVALID, "%s%s: must be a string", path, key);
    if (json_string_length(v) >= size)
        return psec_err_set(e, PSEC_E_INVALID, "%s%s: longer than %zu bytes", path, key,
                            size - 1);
    if (strlen(json_string_value(v)) != json_string_length(v))
        return psec_err_set(e, PSEC_E_INVALID, "%s%s: contains a NUL character", path, key);
    psec_strlcpy(dst, json_string_value(v), size);
    return PSEC_OK;
}

/* A number or a string of digits (imo, mmsi), as text. */
static int digits_member(json_t *obj, const char *key, const char *path, char *dst,
                         size_t size, bool required, struct psec_err *e)
{
    json_t *v = json_object_get(obj, key);
    dst[0] = '\0';
    if (v == NULL || json_is_null(v)) {
        if (required)
            return psec_err_set(e, PSEC_E_INVALID, "%s%s: missing", path, key);
        return PSEC_OK;
    }
    char buf[32];
    if (json_is_integer(v)) {
        if (json_integer_value(v) < 0)
            return psec_err_set(e, PSEC_E_INVALID, "%s%s: negative", path, key);
        snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
    } else if (json_is_string(v)) {
        const char *s = json_string_value(v);
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
    psec_strlcpy(dst, buf, size);
    return PSEC_OK;
}

static int time_member(json_t *obj, const char *key, const char *path, int64_t *out,
                       struct psec_err *e)
{
    json_t *v = json_object_get(obj, key);
    if (v == NULL || json_is_null(v))
        return psec_err_set(e, PSEC_E_INVALID, "%s%s: missing", path, key);
    if (!json_is_string(v))
        return psec_err_set(e, PSEC_E_INVALID, "%s%s: must be an ISO 8601 time string", path,
                            key);
    if (!psec_time_parse(json_string_value(v), out))
        return psec_err_set(e, PSEC_E_INVALID, "%s%s: '%.40s' is not an ISO 8601 time", path,
                            key, json_string_value(v));
    return PSEC_OK;
}

static int locode_member(json_t *obj, const char *key, const char *path, char dst[6],
                         struct psec_err *e)
{
    char buf[16];
    int rc = opt_str(obj, key, path, buf, sizeof buf, e);
    if (rc == PSEC_E_INVALID && strstr(e->msg, "longer") != NULL)
        return psec_err_set(e, PSEC_E_INVALID, "%s%s: not a UN/LOCODE", path, key);
    if (rc != PSEC_OK)
        return rc;
    if (buf[0] == '\0')
        return psec_err_set(e, PSEC_E_INVALID, "%s%s: missing", path, key);
    psec_upper(buf);
    if (!psec_locode_valid(buf))
        return psec_err_set(e, PSEC_E_INVALID, "%s%s: '%s' is not a UN/LOCODE", path, key, buf);
    memcpy(dst, buf, 6);
    return PSEC_OK;
}

static int parse_vessel(json_t *v, struct psec_noa *n, struct psec_err *e)
{
    const char *p = "vessel.";
    if (v == NULL)
        return psec_err_set(e, PSEC_E_INVALID, "vessel: missing");
    if (!json_is_object(v))
        return psec_err_set(e, PSEC_E_INVALID, "vessel: must be an object");
    int rc = digits_member(v, "imo", p, n->imo, sizeof n->imo, true, e);
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
    if ((rc = digits_member(v, "mmsi", p, n->mmsi, sizeof n->mmsi, false, e)) != PSEC_OK ||
        (rc = opt_str(v, "name", p, n->name, sizeof n->name, e)) != PSEC_OK ||
        (rc = opt_str(v, "flag", p, n->flag, sizeof n->flag, e)) != PSEC_OK ||
        (rc = opt_str(v, "type", p, n->type, sizeof n->type, e)) != PSEC_OK ||
        (rc = opt_str(v, "rso", p, n->rso, sizeof n->rso, e)) != PSEC_OK ||
        (rc = opt_str(v, "owner", p, n->owner, sizeof n->owner, e)) != PSEC_OK ||
        (rc = opt_str(v, "operator", p, n->operator_name, sizeof n->operator_name, e)) !=
            PSEC_OK ||
        (rc = opt_str(v, "charterer", p, n->charterer, sizeof n->charterer, e)) != PSEC_OK)
        return rc;
    psec_upper(n->flag);
    if (n->flag[0] && (!isupper((unsigned char)n->flag[0]) || !isupper((unsigned char)n->flag[1])))
        return psec_err_set(e, PSEC_E_INVALID, "vessel.flag: '%s' is not an ISO alpha-2 code",
                            n->flag);
    json_t *b = json_object_get(v, "built");
    if (b != NULL && !json_is_null(b)) {
        if (!json_is_integer(b) || json_integer_value(b) < 1800 || json_integer_value(b) > 2200)
            return psec_err_set(e, PSEC_E_INVALID, "vessel.built: must be a year");
        n->built = (int)json_integer_value(b);
    }
    return PSEC_OK;
}

static int parse_call(json_t *c, int i, struct psec_noa *n, psec_port_lookup_fn fn, void *ctx,
                      struct psec_err *e)
{
    char path[32];
    snprintf(path, sizeof path, "port_calls[%d].", i);
    if (!json_is_object(c))
        return psec_err_set(e, PSEC_E_INVALID, "port_calls[%d]: must be an object", i);
    struct psec_noa_call *pc = &n->calls[i];
    memset(pc, 0, sizeof *pc);
    int rc;
    if ((rc = locode_member(c, "port", path, pc->port, e)) != PSEC_OK ||
        (rc = opt_str(c, "facility", path, pc->facility, sizeof pc->facility, e)) != PSEC_OK ||
        (rc = opt_str(c, "purpose", path, pc->purpose, sizeof pc->purpose, e)) != PSEC_OK ||
        (rc = time_member(c, "arrival", path, &pc->arrival, e)) != PSEC_OK ||
        (rc = time_member(c, "departure", path, &pc->departure, e)) != PSEC_OK)
        return rc;
    if (pc->departure < pc->arrival) {
        char a[24], d[24];
        return psec_err_set(e, PSEC_E_INVALID, "%sdeparture: %s is before its arrival %s", path,
                            psec_time_format(pc->departure, d, sizeof d),
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

int psec_noa_from_json(json_t *root, struct psec_noa *out, psec_port_lookup_fn fn, void *ctx,
                       struct psec_err *e)
{
    struct psec_noa *n = out;
    memset(n, 0, sizeof *n);
    if (!json_is_object(root))
        return psec_err_set(e, PSEC_E_INVALID, "$: a NOA must be a JSON object");
    int rc;
    json_t *id = json_object_get(root, "noa_id");
    if (json_is_integer(id))
        snprintf(n->noa_id, sizeof n->noa_id, "%lld", (long long)json_integer_value(id));
    else if ((rc = opt_str(root, "noa_id", "", n->noa_id, sizeof n->noa_id, e)) != PSEC_OK)
        return rc;
    if ((rc = parse_vessel(json_object_get(root, "vessel"), n, e)) != PSEC_OK)
        return rc;

    json_t *arr = json_object_get(root, "arrival");
    if (arr == NULL)
        return psec_err_set(e, PSEC_E_INVALID, "arrival: missing");
    if (!json_is_object(arr))
        return psec_err_set(e, PSEC_E_INVALID, "arrival: must be an object");
    if ((rc = locode_member(arr, "port", "arrival.", n->arrival_port, e)) != PSEC_OK ||
        (rc = time_member(arr, "eta", "arrival.", &n->eta, e)) != PSEC_OK)
        return rc;

    json_t *calls = json_object_get(root, "port_calls");
    if (calls == NULL)
        return psec_err_set(e, PSEC_E_INVALID, "port_calls: missing (an empty list is allowed)");
    if (!json_is_array(calls))
        return psec_err_set(e, PSEC_E_INVALID, "port_calls: must be an array");
    size_t nc = json_array_size(calls);
    if (nc > PSEC_NOA_MAX_CALLS)
        return psec_err_set(e, PSEC_E_INVALID, "port_calls: %zu calls; at most %d are accepted",
                            nc, PSEC_NOA_MAX_CALLS);
    int last = -1;
    for (size_t i = 0; i < nc; i++) {
        if ((rc = parse_call(json_array_get(calls, i), (int)i, n, fn, ctx, e)) != PSEC_OK)
            return rc;
        if (last < 0 || n->calls[i].departure > n->calls[last].departure)
            last = (int)i;
    }
    n->ncalls = (int)nc;
    if (last >= 0 && n->eta < n->calls[last].departure) {
        char a[24], d[24];
        return psec_err_set(e, PSEC_E_INVALID,
                            "arrival.eta: %s is before the last departure (port_calls[%d]."
                            "departure %s)", psec_time_format(n->eta, a, sizeof a), last,
                            psec_time_format(n->calls[last].departure, d, sizeof d));
    }
    return PSEC_OK;
}

int psec_noa_parse(const char *text, size_t len, struct psec_noa *out, psec_port_lookup_fn fn,
                   void *ctx, struct psec_err *e)
{
    json_error_t je;
    if (len > PSEC_JSON_MAX)
        return psec_err_set(e, PSEC_E_LIMIT, "$: NOA larger than %d bytes", PSEC_JSON_MAX);
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (root == NULL)
        return psec_err_set(e, PSEC_E_INVALID, "$: not JSON (column %d: %s)", je.column,
                            je.text);
    int rc = psec_noa_from_json(root, out, fn, ctx, e);
    json_decref(root);
    return rc;
}

/* ---- result document ---- */

/* A JSON string from text we built; a cut made by snprintf may split a
 * UTF-8 sequence, so trailing bytes are dropped until the text is valid. */
static json_t *jstr(const char *s)
{
    size_t n = strlen(s);
    while (n > 0 && !psec_utf8_valid(s, n))
        n--;
    return json_stringn(s, n);
}

static int64_t day_of(int64_t t)
{
    return t >= 0 ? t / PSEC_DAY : -((-t + PSEC_DAY - 1) / PSEC_DAY);
}

static json_t *time_str(int64_t t)
{
    char buf[24];
    return json_string(psec_time_format(t, buf, sizeof buf));
}

static json_t *date_str(int64_t d)
{
    char buf[16];
    return json_string(psec_date_format(d, buf, sizeof buf));
}

static json_t *coe_call_json(const struct psec_noa *n, const struct psec_coe_call *cc,
                             const struct psec_coe_set *set)
{
    const struct psec_noa_call *c = &n->calls[cc->call];
    json_t *o = json_object();
    json_object_set_new(o, "port", json_string(c->port));
    json_object_set_new(o, "country", json_string(c->country));
    json_object_set_new(o, "facility", c->facility[0] ? json_string(c->facility) : json_null());
    json_object_set_new(o, "arrival", time_str(c->arrival));
    json_object_set_new(o, "departure", time_str(c->departure));
    json_object_set_new(o, "status", json_string(cc->status == PSEC_TRI_YES ? "triggers"
                                                 : cc->excepted ? "excepted" : "uncertain"));
    if (cc->since) {
        char when[48];
        json_object_set_new(o, "in_force_since", date_str(cc->since->by));
        json_object_set_new(o, "listed", json_string(psec_coe_when(cc->since, when, sizeof when)));
        json_object_set_new(o, "advisory", json_string(set->adv[cc->since->advisory].id));
        json_object_set_new(o, "basis", json_string(cc->since->basis));
        json_object_set_new(o, "confidence",
                            json_string(psec_confidence_name(cc->since->confidence)));
    } else {
        json_object_set_new(o, "in_force_since", json_null());
        json_object_set_new(o, "advisory", json_null());
    }
    json_object_set_new(o, "excepted", json_boolean(cc->excepted));
    if (cc->exception) {
        json_t *x = json_object();
        json_object_set_new(x, "facility", cc->exception->facility[0]
                                               ? json_string(cc->exception->facility)
                                               : json_null());
        json_object_set_new(x, "name", json_string(cc->exception->facility_name));
        json_object_set_new(x, "advisory", json_string(set->adv[cc->exception->advisory].id));
        json_object_set_new(x, "confidence",
                            json_string(psec_confidence_name(cc->exception->confidence)));
        json_object_set_new(o, "exception", x);
    }
    json_object_set_new(o, "reason", jstr(cc->reason));
    return o;
}

json_t *psec_screen_json(const struct psec_noa *n, const struct psec_screen_result *r,
                         const struct psec_coe_set *set)
{
    json_t *doc = json_object();
    if (doc == NULL)
        return NULL;
    json_object_set_new(doc, "noa_id", n->noa_id[0] ? json_string(n->noa_id) : json_null());
    json_object_set_new(doc, "imo", json_string(n->imo));
    if (n->mmsi[0])
        json_object_set_new(doc, "mmsi", json_string(n->mmsi));
    if (n->name[0])
        json_object_set_new(doc, "vessel_name", json_string(n->name));
    json_object_set_new(doc, "arrival_port", json_string(n->arrival_port));
    json_object_set_new(doc, "eta", time_str(n->eta));

    json_t *coe = json_object();
    json_object_set_new(coe, "status", json_string(psec_coe_status_name(r->coe)));
    json_object_set_new(coe, "applies", json_boolean(r->coe == PSEC_TRI_YES));
    json_object_set_new(coe, "direct", json_boolean(r->direct));
    json_object_set_new(coe, "as_of", date_str(day_of(n->eta)));
    json_t *calls = json_array();
    for (int i = 0; i < r->ncalls; i++)
        json_array_append_new(calls, coe_call_json(n, &r->calls[i], set));
    json_object_set_new(coe, "calls", calls);
    json_t *actions = json_array(), *enf = json_array();
    /* The conditions go with every positive (and every uncertain) answer:
     * an officer deciding by hand needs them in front of him. */
    if (r->coe != PSEC_TRI_NO) {
        char buf[600];
        for (int i = 0; i < set->ncond; i++) {
            snprintf(buf, sizeof buf, "%d. %s%s", set->cond[i].number,
                     set->cond[i].confidence == PSEC_CONF_ASSUMED ? "[assumed] " : "",
                     set->cond[i].text);
            json_array_append_new(actions, jstr(buf));
        }
        for (int i = 0; i < set->nenf; i++) {
            snprintf(buf, sizeof buf, "%s%s",
                     set->enf[i].confidence == PSEC_CONF_ASSUMED ? "[assumed] " : "",
                     set->enf[i].text);
            json_array_append_new(enf, jstr(buf));
        }
    }
    json_object_set_new(coe, "actions", actions);
    json_object_set_new(coe, "enforcement", enf);
    json_object_set_new(doc, "coe", coe);

    json_t *t = json_object();
    json_object_set_new(t, "points", json_integer(r->target.points));
    json_object_set_new(t, "priority", json_string(psec_priority_name(r->target.priority)));
    json_object_set_new(t, "priority_by_points", json_string(psec_priority_name(r->target.banded)));
    json_object_set_new(t, "matrix_version", json_string(r->target.version));
    json_t *items = json_array();
    for (int i = 0; i < r->target.nitems; i++) {
        const struct psec_target_item *it = &r->target.items[i];
        json_t *o = json_object();
        json_object_set_new(o, "column", json_string(it->column));
        json_object_set_new(o, "rule", json_string(it->rule));
        json_object_set_new(o, "points", json_integer(it->points));
        if (it->lift >= 0)
            json_object_set_new(o, "lift", json_string(psec_priority_name(it->lift)));
        json_object_set_new(o, "reason", jstr(it->reason));
        json_object_set_new(o, "basis", json_string(psec_basis_name(it->basis)));
        json_array_append_new(items, o);
    }
    json_object_set_new(t, "items", items);
    json_object_set_new(doc, "targeting", t);

    json_t *last = json_array();
    for (int k = 0; k < r->nlast; k++) {
        const struct psec_noa_call *c = &n->calls[r->last[k]];
        json_t *o = json_object();
        json_object_set_new(o, "port", json_string(c->port));
        json_object_set_new(o, "country", json_string(c->country));
        json_object_set_new(o, "departure", time_str(c->departure));
        json_array_append_new(last, o);
    }
    json_object_set_new(doc, "last_five", last);
    json_t *w = json_array();
    for (int i = 0; i < r->nwarnings; i++)
        json_array_append_new(w, jstr(r->warnings[i]));
    json_object_set_new(doc, "warnings", w);
    return doc;
}
