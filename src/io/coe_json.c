/*
 * coe_json.c — reading and writing the advisory and targeting-matrix JSON
 * formats (see coe_json.h and docs/advisories.md).
 *
 * What it does: strict reading with JSON-path errors
 * ("advisories[3].changes[1].effective: ..."), and writing the same format
 * back so that a feed loads into an empty database with the same answers.
 *
 * What it does not: touch the database or decide anything.
 *
 * Verified against real data: data/advisories/advisories.json and
 * data/targeting/matrix.json load in tests/unit/test_advisory.c, and the
 * written document reads back to the same answers (round trip test).
 */
#include "io/coe_json.h"

#include <stdio.h>
#include <string.h>

#include "base/str.h"
#include "base/time.h"

static int get_str(json_t *o, const char *key, const char *path, char *dst, size_t size,
                   bool required, struct psec_err *e)
{
    json_t *v = json_object_get(o, key);
    dst[0] = '\0';
    if (v == NULL || json_is_null(v)) {
        if (required)
            return psec_err_set(e, PSEC_E_INVALID, "%s.%s: missing", path, key);
        return PSEC_OK;
    }
    if (!json_is_string(v))
        return psec_err_set(e, PSEC_E_INVALID, "%s.%s: must be a string", path, key);
    if (json_string_length(v) >= size)
        return psec_err_set(e, PSEC_E_INVALID, "%s.%s: longer than %zu bytes", path, key,
                            size - 1);
    psec_strlcpy(dst, json_string_value(v), size);
    return PSEC_OK;
}

int psec_coe_effective_parse(json_t *v, int64_t *not_before, int64_t *by, const char *path,
                             struct psec_err *e)
{
    if (json_is_string(v)) {
        if (!psec_date_parse(json_string_value(v), by))
            return psec_err_set(e, PSEC_E_INVALID, "%s: '%s' is not a date YYYY-MM-DD", path,
                                json_string_value(v));
        *not_before = *by;
        return PSEC_OK;
    }
    if (json_is_object(v)) {
        json_t *a = json_object_get(v, "not_before"), *b = json_object_get(v, "by");
        if (!json_is_string(a) || !psec_date_parse(json_string_value(a), not_before))
            return psec_err_set(e, PSEC_E_INVALID, "%s.not_before: must be a date YYYY-MM-DD",
                                path);
        if (!json_is_string(b) || !psec_date_parse(json_string_value(b), by))
            return psec_err_set(e, PSEC_E_INVALID, "%s.by: must be a date YYYY-MM-DD", path);
        if (*not_before > *by)
            return psec_err_set(e, PSEC_E_INVALID, "%s: not_before is after by", path);
        return PSEC_OK;
    }
    return psec_err_set(e, PSEC_E_INVALID,
                        "%s: missing (a date, or {\"not_before\": D, \"by\": D})", path);
}

static int read_change(json_t *c, const char *path, int adv, struct psec_coe_set *s,
                       struct psec_err *e)
{
    struct psec_coe_change ch;
    memset(&ch, 0, sizeof ch);
    ch.advisory = adv;
    char buf[48], p2[160];
    if (!json_is_object(c))
        return psec_err_set(e, PSEC_E_INVALID, "%s: must be an object", path);
    int rc;
    if ((rc = get_str(c, "action", path, buf, sizeof buf, true, e)) != PSEC_OK)
        return rc;
    if (!psec_coe_action_parse(buf, &ch.action))
        return psec_err_set(e, PSEC_E_INVALID,
                            "%s.action: '%s' is not add_country, remove_country, "
                            "add_exception or remove_exception", path, buf);
    if ((rc = get_str(c, "country", path, ch.country, sizeof ch.country, true, e)) != PSEC_OK ||
        (rc = get_str(c, "country_name", path, ch.country_name, sizeof ch.country_name, false,
                      e)) != PSEC_OK ||
        (rc = get_str(c, "facility", path, ch.facility, sizeof ch.facility, false, e)) !=
            PSEC_OK ||
        (rc = get_str(c, "facility_name", path, ch.facility_name, sizeof ch.facility_name,
                      false, e)) != PSEC_OK ||
        (rc = get_str(c, "basis", path, ch.basis, sizeof ch.basis, false, e)) != PSEC_OK ||
        (rc = get_str(c, "last_confirmed", path, ch.last_confirmed, sizeof ch.last_confirmed,
                      false, e)) != PSEC_OK ||
        (rc = get_str(c, "note", path, ch.note, sizeof ch.note, false, e)) != PSEC_OK)
        return rc;
    psec_upper(ch.country);
    psec_upper(ch.facility);
    snprintf(p2, sizeof p2, "%s.effective", path);
    if ((rc = psec_coe_effective_parse(json_object_get(c, "effective"), &ch.not_before, &ch.by,
                                       p2, e)) != PSEC_OK)
        return rc;
    if ((rc = get_str(c, "confidence", path, buf, sizeof buf, true, e)) != PSEC_OK)
        return rc;
    if (!psec_confidence_parse(buf, &ch.confidence))
        return psec_err_set(e, PSEC_E_INVALID,
                            "%s.confidence: '%s' is not confirmed, partly or assumed", path, buf);
    if ((rc = psec_coe_set_add_change(s, &ch, e)) != PSEC_OK)
        psec_err_prefix(e, "%s.", path);
    return rc;
}

static int read_texts(json_t *arr, const char *name, struct psec_coe_text *out, int *n,
                      struct psec_err *e)
{
    if (arr == NULL)
        return PSEC_OK;
    if (!json_is_array(arr))
        return psec_err_set(e, PSEC_E_INVALID, "%s: must be an array", name);
    if (json_array_size(arr) > 16)
        return psec_err_set(e, PSEC_E_LIMIT, "%s: more than 16 entries", name);
    *n = 0;
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        char path[48], buf[32];
        snprintf(path, sizeof path, "%s[%zu]", name, i);
        struct psec_coe_text *t = &out[*n];
        memset(t, 0, sizeof *t);
        if (!json_is_object(v))
            return psec_err_set(e, PSEC_E_INVALID, "%s: must be an object", path);
        int rc = get_str(v, "text", path, t->text, sizeof t->text, true, e);
        if (rc != PSEC_OK)
            return rc;
        json_t *num = json_object_get(v, "number");
        t->number = json_is_integer(num) ? (int)json_integer_value(num) : 0;
        if ((rc = get_str(v, "confidence", path, buf, sizeof buf, true, e)) != PSEC_OK)
            return rc;
        if (!psec_confidence_parse(buf, &t->confidence))
            return psec_err_set(e, PSEC_E_INVALID, "%s.confidence: '%s' is not known", path,
                                buf);
        (*n)++;
    }
    return PSEC_OK;
}

int psec_coe_from_json(json_t *root, struct psec_coe_set *s, struct psec_err *e)
{
    if (!json_is_object(root))
        return psec_err_set(e, PSEC_E_INVALID, "$: must be a JSON object");
    json_t *fmt = json_object_get(root, "format");
    if (!json_is_string(fmt) || strcmp(json_string_value(fmt), "portsec-advisories") != 0)
        return psec_err_set(e, PSEC_E_INVALID, "format: must be \"portsec-advisories\"");
    int rc;
    if ((rc = read_texts(json_object_get(root, "conditions"), "conditions", s->cond, &s->ncond,
                         e)) != PSEC_OK ||
        (rc = read_texts(json_object_get(root, "enforcement"), "enforcement", s->enf, &s->nenf,
                         e)) != PSEC_OK)
        return rc;
    json_t *advs = json_object_get(root, "advisories");
    if (!json_is_array(advs))
        return psec_err_set(e, PSEC_E_INVALID, "advisories: must be an array");
    size_t i;
    json_t *a;
    json_array_foreach(advs, i, a) {
        char path[64];
        snprintf(path, sizeof path, "advisories[%zu]", i);
        if (!json_is_object(a))
            return psec_err_set(e, PSEC_E_INVALID, "%s: must be an object", path);
        struct psec_advisory adv;
        memset(&adv, 0, sizeof adv);
        if ((rc = get_str(a, "id", path, adv.id, sizeof adv.id, true, e)) != PSEC_OK ||
            (rc = get_str(a, "number", path, adv.number, sizeof adv.number, false, e)) !=
                PSEC_OK ||
            (rc = get_str(a, "issued", path, adv.issued, sizeof adv.issued, false, e)) !=
                PSEC_OK ||
            (rc = get_str(a, "title", path, adv.title, sizeof adv.title, true, e)) != PSEC_OK ||
            (rc = get_str(a, "source", path, adv.source, sizeof adv.source, true, e)) != PSEC_OK)
            return rc;
        json_t *refs = json_object_get(a, "refs");
        size_t j;
        json_t *r;
        json_array_foreach(refs, j, r) {
            if (!json_is_string(r))
                return psec_err_set(e, PSEC_E_INVALID, "%s.refs[%zu]: must be a string", path,
                                    j);
            size_t n = strlen(adv.refs);
            snprintf(adv.refs + n, sizeof adv.refs - n, "%s%s", n ? "," : "",
                     json_string_value(r));
        }
        if (psec_coe_set_find_advisory(s, adv.id) >= 0)
            return psec_err_set(e, PSEC_E_CONFLICT, "%s.id: '%s' given twice", path, adv.id);
        int idx = psec_coe_set_add_advisory(s, &adv);
        if (idx < 0)
            return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        json_t *changes = json_object_get(a, "changes");
        if (!json_is_array(changes))
            return psec_err_set(e, PSEC_E_INVALID, "%s.changes: must be an array", path);
        json_t *c;
        json_array_foreach(changes, j, c) {
            char cp[128];
            snprintf(cp, sizeof cp, "%s.changes[%zu]", path, j);
            if ((rc = read_change(c, cp, idx, s, e)) != PSEC_OK)
                return rc;
        }
    }
    return PSEC_OK;
}

static json_t *effective_json(const struct psec_coe_change *c)
{
    char a[16], b[16];
    if (c->not_before == c->by)
        return json_string(psec_date_format(c->by, a, sizeof a));
    return json_pack("{s:s, s:s}", "not_before", psec_date_format(c->not_before, a, sizeof a),
                     "by", psec_date_format(c->by, b, sizeof b));
}

static void set_opt(json_t *o, const char *key, const char *v)
{
    if (v[0])
        json_object_set_new(o, key, json_string(v));
}

static json_t *texts_json(const struct psec_coe_text *t, int n, bool numbered)
{
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        json_t *o = json_object();
        if (numbered)
            json_object_set_new(o, "number", json_integer(t[i].number));
        json_object_set_new(o, "text", json_string(t[i].text));
        json_object_set_new(o, "confidence", json_string(psec_confidence_name(t[i].confidence)));
        json_array_append_new(arr, o);
    }
    return arr;
}

json_t *psec_coe_to_json(const struct psec_coe_set *s)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "format", json_string("portsec-advisories"));
    json_object_set_new(doc, "format_version", json_integer(1));
    json_object_set_new(doc, "conditions", texts_json(s->cond, s->ncond, true));
    json_object_set_new(doc, "enforcement", texts_json(s->enf, s->nenf, false));
    json_t *advs = json_array();
    for (size_t i = 0; i < s->nadv; i++) {
        const struct psec_advisory *a = &s->adv[i];
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(a->id));
        json_object_set_new(o, "number", a->number[0] ? json_string(a->number) : json_null());
        set_opt(o, "issued", a->issued);
        json_object_set_new(o, "title", json_string(a->title));
        json_object_set_new(o, "source", json_string(a->source));
        json_t *refs = json_array();
        char buf[sizeof a->refs];
        psec_strlcpy(buf, a->refs, sizeof buf);
        for (char *p = buf; *p;) {
            char *comma = strchr(p, ',');
            if (comma)
                *comma = '\0';
            json_array_append_new(refs, json_string(p));
            if (!comma)
                break;
            p = comma + 1;
        }
        json_object_set_new(o, "refs", refs);
        json_t *changes = json_array();
        for (size_t j = 0; j < s->nch; j++) {
            const struct psec_coe_change *c = &s->ch[j];
            if (c->advisory != (int)i)
                continue;
            json_t *x = json_object();
            json_object_set_new(x, "action", json_string(psec_coe_action_name(c->action)));
            json_object_set_new(x, "country", json_string(c->country));
            set_opt(x, "country_name", c->country_name);
            if (c->action == PSEC_COE_ADD_EXCEPTION || c->action == PSEC_COE_REMOVE_EXCEPTION) {
                json_object_set_new(x, "facility",
                                    c->facility[0] ? json_string(c->facility) : json_null());
                set_opt(x, "facility_name", c->facility_name);
            }
            json_object_set_new(x, "effective", effective_json(c));
            set_opt(x, "basis", c->basis);
            set_opt(x, "last_confirmed", c->last_confirmed);
            json_object_set_new(x, "confidence",
                                json_string(psec_confidence_name(c->confidence)));
            set_opt(x, "note", c->note);
            json_array_append_new(changes, x);
        }
        json_object_set_new(o, "changes", changes);
        json_array_append_new(advs, o);
    }
    json_object_set_new(doc, "advisories", advs);
    return doc;
}

static int read_day(json_t *o, const char *key, const char *path, int64_t *out, int64_t dflt,
                    struct psec_err *e)
{
    json_t *v = json_object_get(o, key);
    if (v == NULL || json_is_null(v)) {
        *out = dflt;
        return PSEC_OK;
    }
    if (!json_is_string(v) || !psec_date_parse(json_string_value(v), out))
        return psec_err_set(e, PSEC_E_INVALID, "%s.%s: must be a date YYYY-MM-DD", path, key);
    return PSEC_OK;
}

int psec_matrix_from_json(json_t *root, struct psec_matrix *m, struct psec_err *e)
{
    if (!json_is_object(root))
        return psec_err_set(e, PSEC_E_INVALID, "$: must be a JSON object");
    json_t *fmt = json_object_get(root, "format");
    if (!json_is_string(fmt) || strcmp(json_string_value(fmt), "portsec-targeting") != 0)
        return psec_err_set(e, PSEC_E_INVALID, "format: must be \"portsec-targeting\"");
    int rc = get_str(root, "version", "$", m->version, sizeof m->version, true, e);
    if (rc != PSEC_OK)
        return rc;
    json_t *bands = json_object_get(root, "bands");
    json_t *bi = json_object_get(bands, "isps_i"), *bii = json_object_get(bands, "isps_ii");
    if (!json_is_integer(bi) || !json_is_integer(bii) ||
        json_integer_value(bii) > json_integer_value(bi) || json_integer_value(bii) < 1)
        return psec_err_set(e, PSEC_E_INVALID, "bands: needs integers isps_i >= isps_ii >= 1");
    m->band_i = (int)json_integer_value(bi);
    m->band_ii = (int)json_integer_value(bii);
    char buf[32];
    if ((rc = get_str(bands, "basis", "bands", buf, sizeof buf, true, e)) != PSEC_OK)
        return rc;
    if (!psec_basis_parse(buf, &m->band_basis))
        return psec_err_set(e, PSEC_E_INVALID, "bands.basis: '%s' is not confirmed or assumed",
                            buf);

    json_t *rules = json_object_get(root, "rules");
    if (!json_is_array(rules))
        return psec_err_set(e, PSEC_E_INVALID, "rules: must be an array");
    size_t i;
    json_t *r;
    json_array_foreach(rules, i, r) {
        char path[32];
        snprintf(path, sizeof path, "rules[%zu]", i);
        struct psec_target_rule rule;
        memset(&rule, 0, sizeof rule);
        rule.lift = -1;
        if (!json_is_object(r))
            return psec_err_set(e, PSEC_E_INVALID, "%s: must be an object", path);
        if ((rc = get_str(r, "id", path, rule.id, sizeof rule.id, true, e)) != PSEC_OK ||
            (rc = get_str(r, "column", path, rule.column, sizeof rule.column, true, e)) !=
                PSEC_OK ||
            (rc = get_str(r, "text", path, rule.text, sizeof rule.text, false, e)) != PSEC_OK ||
            (rc = get_str(r, "basis", path, buf, sizeof buf, true, e)) != PSEC_OK)
            return rc;
        if (!psec_basis_parse(buf, &rule.basis))
            return psec_err_set(e, PSEC_E_INVALID, "%s.basis: '%s' is not confirmed or assumed",
                                path, buf);
        json_t *pts = json_object_get(r, "points");
        if (json_is_integer(pts))
            rule.points = (int)json_integer_value(pts);
        else if (json_is_string(pts) && strcmp(json_string_value(pts), "listed") == 0)
            rule.listed_points = true;
        else if (pts != NULL)
            return psec_err_set(e, PSEC_E_INVALID, "%s.points: an integer or \"listed\"", path);
        json_t *v;
        if ((v = json_object_get(r, "car_above")) != NULL)
            rule.car_above = json_number_value(v);
        if ((v = json_object_get(r, "car_at_least")) != NULL)
            rule.car_at_least = json_number_value(v);
        if ((v = json_object_get(r, "window_months")) != NULL)
            rule.window_months = (int)json_integer_value(v);
        if ((v = json_object_get(r, "lift")) != NULL &&
            (!json_is_string(v) || !psec_priority_parse(json_string_value(v), &rule.lift)))
            return psec_err_set(e, PSEC_E_INVALID, "%s.lift: must be \"ISPS I\" or \"ISPS II\"",
                                path);
        if ((rc = psec_matrix_add_rule(m, &rule, e)) != PSEC_OK) {
            psec_err_prefix(e, "%s: ", path);
            return rc;
        }
    }

    json_t *lists = json_object_get(root, "lists");
    json_array_foreach(lists, i, r) {
        char path[32];
        snprintf(path, sizeof path, "lists[%zu]", i);
        struct psec_target_entry t;
        memset(&t, 0, sizeof t);
        if (!json_is_object(r))
            return psec_err_set(e, PSEC_E_INVALID, "%s: must be an object", path);
        if ((rc = get_str(r, "kind", path, buf, sizeof buf, true, e)) != PSEC_OK)
            return rc;
        if (!psec_target_kind_parse(buf, &t.kind))
            return psec_err_set(e, PSEC_E_INVALID, "%s.kind: '%s' is not flag, rso or company",
                                path, buf);
        if ((rc = get_str(r, "name", path, t.name, sizeof t.name, true, e)) != PSEC_OK ||
            (rc = get_str(r, "note", path, t.note, sizeof t.note, false, e)) != PSEC_OK ||
            (rc = get_str(r, "basis", path, buf, sizeof buf, true, e)) != PSEC_OK)
            return rc;
        if (!psec_basis_parse(buf, &t.basis))
            return psec_err_set(e, PSEC_E_INVALID, "%s.basis: '%s' is not confirmed or assumed",
                                path, buf);
        json_t *pts = json_object_get(r, "points");
        if (!json_is_integer(pts))
            return psec_err_set(e, PSEC_E_INVALID, "%s.points: must be an integer", path);
        t.points = (int)json_integer_value(pts);
        if ((rc = read_day(r, "from", path, &t.from, PSEC_DAY_MIN, e)) != PSEC_OK ||
            (rc = read_day(r, "to", path, &t.to, PSEC_DAY_MAX, e)) != PSEC_OK)
            return rc;
        if (t.kind == PSEC_TK_FLAG)
            psec_upper(t.name);
        if ((rc = psec_matrix_add_entry(m, &t, e)) != PSEC_OK) {
            psec_err_prefix(e, "%s: ", path);
            return rc;
        }
    }
    return PSEC_OK;
}
