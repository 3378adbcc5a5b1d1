/*
 * assessment_json.c — strict readers and a writer for the checklist
 * catalogue and assessment documents.
 *
 * Does: check every field's presence, type and value and name the JSON
 * path of the first problem. Does not: store anything (src/store/assess.c)
 * or decide what an answer means (src/model/assess.c). Verified against
 * data/checklist/isps-checklist-v1.json and the demo assessments in
 * data/demo/ (demonstration data) by tests/unit/test_assess_json.c, and
 * fuzzed by fuzz/fuzz_assessment_json.c.
 */
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/str.h"
#include "base/time.h"
#include "io/assessment_json.h"
#include "model/registry.h"

/* ---------------------------------------------------------------- helpers */

/* Fails when obj has a key not in allowed (NULL-terminated). */
static int only_keys(json_t *obj, const char *const *allowed, const char *path,
                     struct psec_err *e)
{
    const char *key;
    json_t *v;

    json_object_foreach(obj, key, v) {
        bool ok = false;
        (void)v;
        for (const char *const *a = allowed; *a && !ok; a++)
            ok = strcmp(*a, key) == 0;
        if (!ok)
            return psec_err_set(e, PSEC_E_INVALID, "%s%s%s: unknown field", path,
                                path[0] ? "." : "", key);
    }
    return PSEC_OK;
}

/* A string field: required or optional; copied into buf (size). */
static int get_str(json_t *obj, const char *key, bool required, char *buf, size_t size,
                   const char *path, struct psec_err *e)
{
    json_t *v = json_object_get(obj, key);
    const char *dot = path[0] ? "." : "";

    buf[0] = '\0';
    if (v == NULL || json_is_null(v)) {
        if (required)
            return psec_err_set(e, PSEC_E_INVALID, "%s%s%s: missing", path, dot, key);
        return PSEC_OK;
    }
    if (!json_is_string(v))
        return psec_err_set(e, PSEC_E_INVALID, "%s%s%s: must be a string", path, dot, key);
    if (json_string_length(v) >= size)
        return psec_err_set(e, PSEC_E_INVALID, "%s%s%s: longer than %zu bytes", path, dot, key,
                            size - 1);
    psec_strlcpy(buf, json_string_value(v), size);
    return PSEC_OK;
}

/* ------------------------------------------------------------- catalogue */

static int parse_refs(json_t *refs, struct psec_ck_item *it, const char *path,
                      struct psec_err *e)
{
    static const char *const keys[] = { "isps", "solas", "usc_70108b", NULL };
    json_t *a, *v;
    size_t i;

    if (!json_is_object(refs))
        return psec_err_set(e, PSEC_E_INVALID, "%s.refs: must be an object", path);
    if (only_keys(refs, keys, path, e) != PSEC_OK) {
        psec_err_prefix(e, "refs of ");
        return PSEC_E_INVALID;
    }
    a = json_object_get(refs, "isps");
    json_array_foreach(a, i, v) {
        if (!json_is_string(v) || i >= PSEC_CK_REFS)
            return psec_err_set(e, PSEC_E_INVALID, "%s.refs.isps[%zu]: bad reference", path, i);
        psec_strlcpy(it->isps[it->n_isps++], json_string_value(v), sizeof it->isps[0]);
    }
    a = json_object_get(refs, "solas");
    json_array_foreach(a, i, v) {
        if (!json_is_string(v) || i >= PSEC_CK_REFS)
            return psec_err_set(e, PSEC_E_INVALID, "%s.refs.solas[%zu]: bad reference", path, i);
        psec_strlcpy(it->solas[it->n_solas++], json_string_value(v), sizeof it->solas[0]);
    }
    a = json_object_get(refs, "usc_70108b");
    json_array_foreach(a, i, v) {
        if (!json_is_integer(v) || i >= PSEC_CK_REFS)
            return psec_err_set(e, PSEC_E_INVALID, "%s.refs.usc_70108b[%zu]: must be 1..6",
                                path, i);
        it->usc[it->n_usc++] = (int)json_integer_value(v);
    }
    return PSEC_OK;
}

int psec_checklist_from_json(json_t *doc, struct psec_checklist **out, struct psec_err *e)
{
    static const char *const top[] = { "checklist", "version", "title", "issued", "answers",
                                       "reference_notes", "sections", "items", NULL };
    static const char *const sec_keys[] = { "id", "title", "scope", NULL };
    static const char *const item_keys[] = { "id", "section", "scope", "question", "refs",
                                             "weight", "critical", NULL };
    char name[64], version[32], title[128], path[64], scope[16];
    struct psec_checklist *ck;
    json_t *arr, *v;
    size_t i;
    int rc;

    *out = NULL;
    if (!json_is_object(doc))
        return psec_err_set(e, PSEC_E_INVALID, "checklist: the document must be an object");
    if ((rc = only_keys(doc, top, "", e)) != PSEC_OK ||
        (rc = get_str(doc, "checklist", true, name, sizeof name, "", e)) != PSEC_OK ||
        (rc = get_str(doc, "version", true, version, sizeof version, "", e)) != PSEC_OK ||
        (rc = get_str(doc, "title", false, title, sizeof title, "", e)) != PSEC_OK)
        return rc;
    ck = psec_checklist_new(name, version, title);
    if (ck == NULL)
        return psec_err_set(e, PSEC_E_NOMEM, "out of memory");

    arr = json_object_get(doc, "sections");
    if (!json_is_array(arr)) {
        rc = psec_err_set(e, PSEC_E_INVALID, "sections: must be an array");
        goto fail;
    }
    json_array_foreach(arr, i, v) {
        struct psec_ck_section s;
        memset(&s, 0, sizeof s);
        snprintf(path, sizeof path, "sections[%zu]", i);
        if (!json_is_object(v)) {
            rc = psec_err_set(e, PSEC_E_INVALID, "%s: must be an object", path);
            goto fail;
        }
        if ((rc = only_keys(v, sec_keys, path, e)) != PSEC_OK ||
            (rc = get_str(v, "id", true, s.id, sizeof s.id, path, e)) != PSEC_OK ||
            (rc = get_str(v, "title", true, s.title, sizeof s.title, path, e)) != PSEC_OK ||
            (rc = get_str(v, "scope", true, scope, sizeof scope, path, e)) != PSEC_OK)
            goto fail;
        if (!psec_scope_parse(scope, &s.scope)) {
            rc = psec_err_set(e, PSEC_E_INVALID, "%s.scope: \"%s\" is not country, facility or both",
                              path, scope);
            goto fail;
        }
        if ((rc = psec_checklist_add_section(ck, &s, e)) != PSEC_OK) {
            psec_err_prefix(e, "%s: ", path);
            goto fail;
        }
    }

    arr = json_object_get(doc, "items");
    if (!json_is_array(arr)) {
        rc = psec_err_set(e, PSEC_E_INVALID, "items: must be an array");
        goto fail;
    }
    json_array_foreach(arr, i, v) {
        struct psec_ck_item it;
        json_t *w, *c;
        memset(&it, 0, sizeof it);
        snprintf(path, sizeof path, "items[%zu]", i);
        if (!json_is_object(v)) {
            rc = psec_err_set(e, PSEC_E_INVALID, "%s: must be an object", path);
            goto fail;
        }
        if ((rc = only_keys(v, item_keys, path, e)) != PSEC_OK ||
            (rc = get_str(v, "id", true, it.id, sizeof it.id, path, e)) != PSEC_OK ||
            (rc = get_str(v, "section", true, it.section, sizeof it.section, path, e)) != PSEC_OK ||
            (rc = get_str(v, "scope", true, scope, sizeof scope, path, e)) != PSEC_OK ||
            (rc = get_str(v, "question", true, it.question, sizeof it.question, path, e)) != PSEC_OK ||
            (rc = parse_refs(json_object_get(v, "refs"), &it, path, e)) != PSEC_OK)
            goto fail;
        if (!psec_scope_parse(scope, &it.scope) || it.scope == PSEC_SCOPE_BOTH) {
            rc = psec_err_set(e, PSEC_E_INVALID, "%s.scope: \"%s\" is not country or facility",
                              path, scope);
            goto fail;
        }
        w = json_object_get(v, "weight");
        c = json_object_get(v, "critical");
        if (!json_is_integer(w)) {
            rc = psec_err_set(e, PSEC_E_INVALID, "%s.weight: must be 1, 2 or 3", path);
            goto fail;
        }
        if (!json_is_boolean(c)) {
            rc = psec_err_set(e, PSEC_E_INVALID, "%s.critical: must be true or false", path);
            goto fail;
        }
        it.weight = (int)json_integer_value(w);
        it.critical = json_is_true(c);
        if ((rc = psec_checklist_add_item(ck, &it, e)) != PSEC_OK) {
            psec_err_prefix(e, "%s: ", path);
            goto fail;
        }
    }
    *out = ck;
    return PSEC_OK;
fail:
    psec_checklist_free(ck);
    return rc;
}

int psec_checklist_load_file(const char *path, struct psec_checklist **out, struct psec_err *e)
{
    json_error_t je;
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    int rc;

    *out = NULL;
    if (doc == NULL)
        return psec_err_set(e, PSEC_E_IO, "%s:%d: %s", path, je.line, je.text);
    rc = psec_checklist_from_json(doc, out, e);
    json_decref(doc);
    if (rc != PSEC_OK)
        psec_err_prefix(e, "%s: ", path);
    return rc;
}

/* ------------------------------------------------------------- assessment */

void psec_assessment_doc_clear(struct psec_assessment_doc *d)
{
    if (d == NULL)
        return;
    for (size_t i = 0; i < d->n_answers; i++) {
        free(d->answers[i].note);
        json_decref(d->answers[i].evidence);
    }
    free(d->answers);
    memset(d, 0, sizeof *d);
}

static int parse_answer(json_t *v, size_t i, const struct psec_checklist *ck,
                        const struct psec_assessment_doc *d, const unsigned char *seen,
                        struct psec_answer_rec *out, struct psec_err *e)
{
    static const char *const keys[] = { "item", "answer", "note", "evidence", NULL };
    char path[32], id[64], ans[32];
    json_t *note, *ev, *x;
    size_t k;
    int rc, idx;

    memset(out, 0, sizeof *out);
    snprintf(path, sizeof path, "items[%zu]", i);
    if (!json_is_object(v))
        return psec_err_set(e, PSEC_E_INVALID, "%s: must be an object", path);
    if ((rc = only_keys(v, keys, path, e)) != PSEC_OK ||
        (rc = get_str(v, "item", true, id, sizeof id, path, e)) != PSEC_OK)
        return rc;
    idx = psec_checklist_item(ck, id);
    if (idx < 0)
        return psec_err_set(e, PSEC_E_INVALID, "%s.item: \"%s\" is not an item of checklist %s %s",
                            path, id, ck->name, ck->version);
    if ((ck->items[idx].scope & d->scope) == 0)
        return psec_err_set(e, PSEC_E_INVALID,
                            "%s.item: %s is a %s-level item; this is a %s assessment", path, id,
                            psec_scope_name(ck->items[idx].scope), psec_scope_name(d->scope));
    if (seen[idx])
        return psec_err_set(e, PSEC_E_INVALID, "%s.item: %s is answered twice", path, id);
    x = json_object_get(v, "answer");
    if (x == NULL)
        return psec_err_set(e, PSEC_E_INVALID, "%s.answer: missing", path);
    if (!json_is_string(x)) {
        return psec_err_set(e, PSEC_E_INVALID, "%s.answer: must be one of YES, NO, NA, NO_OBS",
                            path);
    }
    psec_strlcpy(ans, json_string_value(x), sizeof ans);
    if (!psec_answer_parse(json_string_value(x), &out->answer))
        return psec_err_set(e, PSEC_E_INVALID,
                            "%s.answer: \"%s\" is not one of YES, NO, NA, NO_OBS", path, ans);
    note = json_object_get(v, "note");
    if (note != NULL && !json_is_null(note)) {
        if (!json_is_string(note))
            return psec_err_set(e, PSEC_E_INVALID, "%s.note: must be a string", path);
        if (json_string_length(note) > PSEC_NOTE_MAX)
            return psec_err_set(e, PSEC_E_LIMIT, "%s.note: longer than %d bytes", path,
                                PSEC_NOTE_MAX);
    }
    ev = json_object_get(v, "evidence");
    if (ev != NULL && !json_is_null(ev)) {
        if (!json_is_array(ev))
            return psec_err_set(e, PSEC_E_INVALID, "%s.evidence: must be an array of strings",
                                path);
        json_array_foreach(ev, k, x)
            if (!json_is_string(x) || json_string_length(x) > PSEC_TEXT_MAX)
                return psec_err_set(e, PSEC_E_INVALID, "%s.evidence[%zu]: must be a string",
                                    path, k);
    }
    out->item = idx;
    if (note != NULL && json_is_string(note) && json_string_length(note) > 0) {
        out->note = strdup(json_string_value(note));
        if (out->note == NULL)
            return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    }
    if (ev != NULL && json_is_array(ev) && json_array_size(ev) > 0)
        out->evidence = json_incref(ev);
    return PSEC_OK;
}

int psec_assessment_from_json(json_t *doc, const struct psec_checklist *ck,
                              struct psec_assessment_doc *out, struct psec_err *e)
{
    static const char *const top[] = { "format", "format_version", "checklist", "scope",
                                       "country", "facility", "visit", "assessed_on",
                                       "assessor", "demo", "status", "items", NULL };
    static const char *const ck_keys[] = { "name", "version", NULL };
    struct psec_assessment_doc d;
    unsigned char *seen = NULL;
    char buf[64];
    json_t *v, *items;
    size_t i;
    int rc;
    int64_t days = 0;

    memset(out, 0, sizeof *out);
    memset(&d, 0, sizeof d);
    if (!json_is_object(doc))
        return psec_err_set(e, PSEC_E_INVALID, "the document must be a JSON object");
    if ((rc = only_keys(doc, top, "", e)) != PSEC_OK)
        return rc;
    if ((rc = get_str(doc, "format", true, buf, sizeof buf, "", e)) != PSEC_OK)
        return rc;
    if (strcmp(buf, PSEC_ASSESSMENT_FORMAT) != 0)
        return psec_err_set(e, PSEC_E_INVALID, "format: \"%s\" is not \"%s\"", buf,
                            PSEC_ASSESSMENT_FORMAT);
    v = json_object_get(doc, "format_version");
    if (!json_is_integer(v) || json_integer_value(v) != PSEC_ASSESSMENT_FORMAT_VERSION)
        return psec_err_set(e, PSEC_E_INVALID, "format_version: must be %d",
                            PSEC_ASSESSMENT_FORMAT_VERSION);
    v = json_object_get(doc, "checklist");
    if (v != NULL) {
        char name[64], version[32];
        if (!json_is_object(v))
            return psec_err_set(e, PSEC_E_INVALID, "checklist: must be an object");
        if ((rc = only_keys(v, ck_keys, "checklist", e)) != PSEC_OK ||
            (rc = get_str(v, "name", true, name, sizeof name, "checklist", e)) != PSEC_OK ||
            (rc = get_str(v, "version", true, version, sizeof version, "checklist", e)) != PSEC_OK)
            return rc;
        if (strcmp(name, ck->name) != 0 || strcmp(version, ck->version) != 0)
            return psec_err_set(e, PSEC_E_INVALID,
                                "checklist: %s %s is not the loaded checklist %s %s", name,
                                version, ck->name, ck->version);
    }
    if ((rc = get_str(doc, "scope", true, buf, sizeof buf, "", e)) != PSEC_OK)
        return rc;
    if (!psec_scope_parse(buf, &d.scope) || d.scope == PSEC_SCOPE_BOTH)
        return psec_err_set(e, PSEC_E_INVALID, "scope: \"%s\" is not country or facility", buf);
    if ((rc = get_str(doc, "country", true, buf, sizeof buf, "", e)) != PSEC_OK)
        return rc;
    if (strlen(buf) != 2 || buf[0] < 'A' || buf[0] > 'Z' || buf[1] < 'A' || buf[1] > 'Z')
        return psec_err_set(e, PSEC_E_INVALID,
                            "country: \"%s\" is not an ISO 3166 alpha-2 code", buf);
    psec_strlcpy(d.country, buf, sizeof d.country);
    if ((rc = get_str(doc, "facility", false, buf, sizeof buf, "", e)) != PSEC_OK)
        return rc;
    if (d.scope == PSEC_SCOPE_FACILITY) {
        if (buf[0] == '\0')
            return psec_err_set(e, PSEC_E_INVALID, "facility: missing (scope is facility)");
        if (psec_facility_number_check(buf, e) != PSEC_OK) {
            psec_err_prefix(e, "facility: ");
            return PSEC_E_INVALID;
        }
        if (strncmp(buf, d.country, 2) != 0)
            return psec_err_set(e, PSEC_E_INVALID, "facility: %s is not in country %s", buf,
                                d.country);
        psec_strlcpy(d.facility, buf, sizeof d.facility);
    } else if (buf[0] != '\0') {
        return psec_err_set(e, PSEC_E_INVALID,
                            "facility: a country-level assessment names no facility");
    }
    v = json_object_get(doc, "visit");
    if (v != NULL && !json_is_null(v)) {
        if (!json_is_integer(v) || json_integer_value(v) < 1)
            return psec_err_set(e, PSEC_E_INVALID, "visit: must be a positive integer");
        d.visit = (long long)json_integer_value(v);
    }
    if ((rc = get_str(doc, "assessed_on", false, d.assessed_on, sizeof d.assessed_on,
                      "", e)) != PSEC_OK)
        return rc;
    if (d.assessed_on[0] && !psec_date_parse(d.assessed_on, &days))
        return psec_err_set(e, PSEC_E_INVALID, "assessed_on: \"%s\" is not a date (YYYY-MM-DD)",
                            d.assessed_on);
    if ((rc = get_str(doc, "assessor", false, d.assessor, sizeof d.assessor, "", e)) != PSEC_OK ||
        (rc = get_str(doc, "status", false, d.status, sizeof d.status, "", e)) != PSEC_OK)
        return rc;
    if (d.status[0] && strcmp(d.status, "open") != 0 && strcmp(d.status, "closed") != 0)
        return psec_err_set(e, PSEC_E_INVALID, "status: \"%s\" is not open or closed", d.status);
    v = json_object_get(doc, "demo");
    if (v != NULL) {
        if (!json_is_boolean(v))
            return psec_err_set(e, PSEC_E_INVALID, "demo: must be true or false");
        d.demo = json_is_true(v);
    }
    items = json_object_get(doc, "items");
    if (!json_is_array(items))
        return psec_err_set(e, PSEC_E_INVALID, "items: must be an array");
    if (json_array_size(items) > ck->n_items)
        return psec_err_set(e, PSEC_E_INVALID, "items: %zu answers for a checklist of %zu items",
                            json_array_size(items), ck->n_items);
    seen = calloc(ck->n_items + 1, 1);
    d.answers = calloc(json_array_size(items) + 1, sizeof *d.answers);
    if (seen == NULL || d.answers == NULL) {
        rc = psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        goto fail;
    }
    json_array_foreach(items, i, v) {
        rc = parse_answer(v, i, ck, &d, seen, &d.answers[d.n_answers], e);
        if (rc != PSEC_OK) {
            /* parse_answer may have filled part of the record. */
            d.n_answers++;
            goto fail;
        }
        seen[d.answers[d.n_answers].item] = 1;
        d.n_answers++;
    }
    free(seen);
    *out = d;
    return PSEC_OK;
fail:
    free(seen);
    psec_assessment_doc_clear(&d);
    return rc;
}

json_t *psec_assessment_to_json(const struct psec_assessment_doc *d,
                                const struct psec_checklist *ck)
{
    json_t *doc = json_object(), *items = json_array();
    int *order;

    if (doc == NULL || items == NULL)
        goto fail;
    json_object_set_new(doc, "format", json_string(PSEC_ASSESSMENT_FORMAT));
    json_object_set_new(doc, "format_version", json_integer(PSEC_ASSESSMENT_FORMAT_VERSION));
    json_object_set_new(doc, "checklist", json_pack("{s:s, s:s}", "name", ck->name,
                                                    "version", ck->version));
    json_object_set_new(doc, "scope", json_string(psec_scope_name(d->scope)));
    json_object_set_new(doc, "country", json_string(d->country));
    if (d->scope == PSEC_SCOPE_FACILITY)
        json_object_set_new(doc, "facility", json_string(d->facility));
    if (d->visit > 0)
        json_object_set_new(doc, "visit", json_integer(d->visit));
    if (d->assessed_on[0])
        json_object_set_new(doc, "assessed_on", json_string(d->assessed_on));
    if (d->assessor[0])
        json_object_set_new(doc, "assessor", json_string(d->assessor));
    json_object_set_new(doc, "demo", json_boolean(d->demo));
    if (d->status[0])
        json_object_set_new(doc, "status", json_string(d->status));

    /* Checklist order, whatever order the answers came in. */
    order = malloc((ck->n_items + 1) * sizeof *order);
    if (order == NULL)
        goto fail;
    for (size_t i = 0; i < ck->n_items; i++)
        order[i] = -1;
    for (size_t k = 0; k < d->n_answers; k++)
        if (d->answers[k].item >= 0 && (size_t)d->answers[k].item < ck->n_items)
            order[d->answers[k].item] = (int)k;
    for (size_t i = 0; i < ck->n_items; i++) {
        const struct psec_answer_rec *a;
        json_t *o;
        if (order[i] < 0)
            continue;
        a = &d->answers[order[i]];
        o = json_pack("{s:s, s:s}", "item", ck->items[i].id, "answer",
                      psec_answer_name(a->answer));
        if (o == NULL) {
            free(order);
            goto fail;
        }
        if (a->note)
            json_object_set_new(o, "note", json_string(a->note));
        if (a->evidence)
            json_object_set(o, "evidence", a->evidence);
        json_array_append_new(items, o);
    }
    free(order);
    json_object_set_new(doc, "items", items);
    return doc;
fail:
    json_decref(items);
    json_decref(doc);
    return NULL;
}
