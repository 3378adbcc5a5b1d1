/*
 * routes_assess.c — API handlers for engagements and assessments: the
 * checklist, visits, assessments and their answers, recommendations,
 * determinations and the country report. Each calls one src/app/assess.h
 * function (the ones the CLI calls); writes go through psec_audited() so
 * that the change and its audit row (who, before, after) land together.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/assess.h"
#include "app/audit.h"
#include "base/str.h"
#include "base/time.h"
#include "http/handlers.h"
#include "http/http.h"
#include "http/req.h"
#include "io/report.h"
#include "model/checklist.h"

/* Reads a path parameter as a positive id. */
static int id_param(struct psec_req *rq, const char *name, int64_t *id)
{
    const char *s = psec_req_param(rq, name);

    if (s == NULL || !psec_parse_i64(s, id) || *id < 1)
        return psec_req_fail(rq, PSEC_E_INVALID, name, "%s: a positive whole number", name);
    return PSEC_OK;
}

static int as_of(struct psec_req *rq, char *buf, size_t size, const char **out)
{
    const char *s = psec_req_query(rq, "as_of");
    int64_t day;

    if (s == NULL) {
        *out = psec_req_today(buf, size);
        return PSEC_OK;
    }
    if (!psec_date_parse(s, &day))
        return psec_req_fail(rq, PSEC_E_INVALID, "as_of", "as_of: use YYYY-MM-DD");
    *out = s;
    return PSEC_OK;
}

/* ---- checklist ------------------------------------------------------------ */

int psec_h_checklist(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    struct psec_checklist *ck = psec_app_checklist(rq->db, NULL, NULL, &e);
    json_t *sections, *items, *doc;
    char refs[256];

    if (ck == NULL)
        return psec_req_app_fail(rq, &e);
    sections = json_array();
    items = json_array();
    for (size_t i = 0; i < ck->n_sections; i++)
        json_array_append_new(sections, json_pack("{s:s, s:s, s:s}", "id", ck->sections[i].id,
                                                  "title", ck->sections[i].title, "scope",
                                                  psec_scope_name(ck->sections[i].scope)));
    for (size_t i = 0; i < ck->n_items; i++) {
        const struct psec_ck_item *it = &ck->items[i];
        json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:b}", "id", it->id,
                                               "section", it->section, "scope",
                                               psec_scope_name(it->scope), "question",
                                               it->question, "refs",
                                               psec_ck_item_refs(it, refs, sizeof refs), "weight",
                                               it->weight, "critical", it->critical));
    }
    doc = json_pack("{s:s, s:s, s:s, s:o, s:o}", "name", ck->name, "version", ck->version, "title",
                    ck->title, "sections", sections, "items", items);
    psec_checklist_free(ck);
    return psec_req_ok(rq, 200, doc);
}

/* ---- visits ------------------------------------------------------------------ */

int psec_h_visits(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    json_t *all = psec_app_visit_list(rq->db, psec_req_query(rq, "country"), &e);

    return all ? psec_req_page(rq, all) : psec_req_app_fail(rq, &e);
}

int psec_h_visit_show(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    int64_t id;

    if (id_param(rq, "id", &id) != PSEC_OK)
        return PSEC_E_INVALID;
    return psec_req_result(rq, psec_app_visit_show(rq->db, id, &e), &e);
}

static json_t *do_visit_add(struct psec_db *db, void *ctx, struct psec_err *e)
{
    return psec_app_visit_add(db, ctx, e);
}

int psec_h_visit_add(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    json_t *body, *out;
    int rc;

    if ((rc = psec_req_json(rq, &body)) != PSEC_OK)
        return rc;
    rq->audited = true;
    out = psec_audited(rq->db, &rq->actor, "create", "visit", psec_req_str(body, "country"), NULL,
                       do_visit_add, body, &e);
    json_decref(body);
    return out ? psec_req_ok(rq, 201, out) : psec_req_app_fail(rq, &e);
}

/* ---- assessments --------------------------------------------------------------- */

int psec_h_assessments(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    const char *v = psec_req_query(rq, "visit");
    int64_t visit = 0;
    json_t *all;

    if (v && (!psec_parse_i64(v, &visit) || visit < 1))
        return psec_req_fail(rq, PSEC_E_INVALID, "visit", "visit: a positive whole number");
    all = psec_app_assess_list(rq->db, psec_req_query(rq, "country"), visit, &e);
    return all ? psec_req_page(rq, all) : psec_req_app_fail(rq, &e);
}

int psec_h_assessment_show(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    char day[16];
    const char *on = NULL;
    int64_t id;

    if (id_param(rq, "id", &id) != PSEC_OK || as_of(rq, day, sizeof day, &on) != PSEC_OK)
        return PSEC_E_INVALID;
    return psec_req_result(rq, psec_app_assess_show(rq->db, id, on, &e), &e);
}

struct start_ctx {
    int64_t visit;
    const char *facility, *on, *assessor;
};

static json_t *do_start(struct psec_db *db, void *ctx, struct psec_err *e)
{
    struct start_ctx *s = ctx;
    return psec_app_assess_start(db, s->visit, s->facility, s->on, s->assessor, e);
}

int psec_h_assessment_start(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    struct start_ctx s = { 0 };
    json_t *body, *out, *v;
    int rc;

    if ((rc = psec_req_json(rq, &body)) != PSEC_OK)
        return rc;
    rq->audited = true;
    v = json_object_get(body, "visit");
    if (!json_is_integer(v) || json_integer_value(v) < 1) {
        json_decref(body);
        return psec_req_fail(rq, PSEC_E_INVALID, "visit", "visit: the id of the visit");
    }
    s.visit = json_integer_value(v);
    s.facility = psec_req_str(body, "facility");
    s.on = psec_req_str(body, "assessed_on");
    s.assessor = psec_req_str(body, "assessor");
    if (s.assessor == NULL)
        s.assessor = rq->actor.name;
    out = psec_audited(rq->db, &rq->actor, "create", "assessment", s.facility, NULL, do_start, &s,
                       &e);
    json_decref(body);
    return out ? psec_req_ok(rq, 201, out) : psec_req_app_fail(rq, &e);
}

struct answer_ctx {
    int64_t id;
    const char *item, *answer, *note;
    json_t *evidence;
};

static json_t *do_answer(struct psec_db *db, void *ctx, struct psec_err *e)
{
    struct answer_ctx *a = ctx;
    return psec_app_assess_answer(db, a->id, a->item, a->answer, a->note, a->evidence, e);
}

/* The answer an item had before, for the audit row (NULL when none). */
static json_t *previous_answer(struct psec_db *db, int64_t id, const char *item)
{
    char day[16];
    json_t *as = psec_app_assess_show(db, id, psec_req_today(day, sizeof day), NULL), *a, *out = NULL;
    size_t i;

    json_array_foreach(json_object_get(as, "answers"), i, a)
        if (strcmp(psec_req_str(a, "item") ? psec_req_str(a, "item") : "", item) == 0)
            out = json_incref(a);
    json_decref(as);
    return out;
}

int psec_h_answer(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    struct answer_ctx a = { 0 };
    json_t *body, *out, *before;
    char key[64];
    int rc;

    if (id_param(rq, "id", &a.id) != PSEC_OK)
        return PSEC_E_INVALID;
    if ((rc = psec_req_json(rq, &body)) != PSEC_OK)
        return rc;
    rq->audited = true;
    if (psec_req_need_str(rq, body, "answer", &a.answer) != PSEC_OK) {
        json_decref(body);
        return PSEC_E_INVALID;
    }
    a.item = psec_req_param(rq, "item");
    a.note = psec_req_str(body, "note");
    a.evidence = json_object_get(body, "evidence");
    if (a.evidence && !json_is_array(a.evidence)) {
        json_decref(body);
        return psec_req_fail(rq, PSEC_E_INVALID, "evidence", "evidence: an array of strings");
    }
    snprintf(key, sizeof key, "%lld/%s", (long long)a.id, a.item);
    before = previous_answer(rq->db, a.id, a.item);
    out = psec_audited(rq->db, &rq->actor, "answer", "assessment", key, before, do_answer, &a, &e);
    json_decref(before);
    json_decref(body);
    return out ? psec_req_ok(rq, 200, out) : psec_req_app_fail(rq, &e);
}

struct close_ctx {
    int64_t id;
    const char *on;
};

static json_t *do_close(struct psec_db *db, void *ctx, struct psec_err *e)
{
    struct close_ctx *c = ctx;
    return psec_app_assess_close(db, c->id, c->on, e);
}

int psec_h_assessment_close(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    struct close_ctx c = { 0 };
    json_t *body = NULL, *out;
    char key[32], day[16];
    int rc;

    if (id_param(rq, "id", &c.id) != PSEC_OK)
        return PSEC_E_INVALID;
    if (rq->body_len > 0 && (rc = psec_req_json(rq, &body)) != PSEC_OK)
        return rc;
    rq->audited = true;
    c.on = body ? psec_req_str(body, "closed_on") : NULL;
    if (c.on == NULL)
        c.on = psec_req_today(day, sizeof day);
    snprintf(key, sizeof key, "%lld", (long long)c.id);
    out = psec_audited(rq->db, &rq->actor, "close", "assessment", key, NULL, do_close, &c, &e);
    json_decref(body);
    return out ? psec_req_ok(rq, 200, out) : psec_req_app_fail(rq, &e);
}

/* ---- recommendations ------------------------------------------------------------- */

int psec_h_recs(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    const char *overdue = psec_req_query(rq, "overdue");
    char day[16];
    const char *on = NULL;
    json_t *all;

    if (as_of(rq, day, sizeof day, &on) != PSEC_OK)
        return PSEC_E_INVALID;
    all = psec_app_rec_list(rq->db, psec_req_query(rq, "country"),
                            overdue && (strcmp(overdue, "1") == 0 || strcmp(overdue, "true") == 0),
                            on, &e);
    return all ? psec_req_page(rq, all) : psec_req_app_fail(rq, &e);
}

static json_t *do_rec_add(struct psec_db *db, void *ctx, struct psec_err *e)
{
    json_t *b = ctx;
    char day[16];
    const char *created = psec_req_str(b, "created_on");

    return psec_app_rec_add(db, json_object_get(b, "findings"), psec_req_str(b, "text"),
                            psec_req_str(b, "priority"), psec_req_str(b, "owner"),
                            psec_req_str(b, "due"), created ? created : psec_req_today(day, sizeof day),
                            e);
}

int psec_h_rec_add(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    json_t *body, *out;
    int rc;

    if ((rc = psec_req_json(rq, &body)) != PSEC_OK)
        return rc;
    rq->audited = true;
    out = psec_audited(rq->db, &rq->actor, "create", "recommendation", NULL, NULL, do_rec_add, body,
                       &e);
    json_decref(body);
    return out ? psec_req_ok(rq, 201, out) : psec_req_app_fail(rq, &e);
}

struct rec_ctx {
    int64_t id, version;
    json_t *body;
};

static json_t *do_rec_update(struct psec_db *db, void *ctx, struct psec_err *e)
{
    struct rec_ctx *r = ctx;
    char day[16];
    const char *date = psec_req_str(r->body, "date");

    return psec_app_rec_update(db, r->id, psec_req_str(r->body, "status"),
                               date ? date : psec_req_today(day, sizeof day),
                               psec_req_str(r->body, "note"), psec_req_str(r->body, "due"),
                               r->version, e);
}

int psec_h_rec_update(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    struct rec_ctx r = { 0 };
    json_t *out;
    char key[32];
    int rc;

    if (id_param(rq, "id", &r.id) != PSEC_OK)
        return PSEC_E_INVALID;
    if ((rc = psec_req_json(rq, &r.body)) != PSEC_OK)
        return rc;
    rq->audited = true;
    if ((rc = psec_req_need_version(rq, r.body, &r.version)) != PSEC_OK) {
        json_decref(r.body);
        return rc;
    }
    snprintf(key, sizeof key, "%lld", (long long)r.id);
    out = psec_audited(rq->db, &rq->actor, "update", "recommendation", key, NULL, do_rec_update, &r,
                       &e);
    json_decref(r.body);
    return out ? psec_req_ok(rq, 200, out) : psec_req_app_fail(rq, &e);
}

/* ---- determinations and the report -------------------------------------------------- */

int psec_h_determinations(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    char day[16];
    const char *on = NULL;

    if (as_of(rq, day, sizeof day, &on) != PSEC_OK)
        return PSEC_E_INVALID;
    return psec_req_result(rq, psec_app_determine_history(rq->db, psec_req_param(rq, "country"),
                                                          on, &e), &e);
}

int psec_h_determination_proposal(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    char day[16];
    const char *on = NULL;

    if (as_of(rq, day, sizeof day, &on) != PSEC_OK)
        return PSEC_E_INVALID;
    return psec_req_result(rq, psec_app_determine_propose(rq->db, psec_req_param(rq, "country"),
                                                          on, &e), &e);
}

struct det_ctx {
    json_t *body;
    const char *as_of;
};

static json_t *do_determine(struct psec_db *db, void *ctx, struct psec_err *e)
{
    struct det_ctx *d = ctx;
    const char *decided = psec_req_str(d->body, "decided_on");

    return psec_app_determine_record(db, psec_req_str(d->body, "country"),
                                     psec_req_str(d->body, "result"),
                                     decided ? decided : d->as_of,
                                     psec_req_str(d->body, "rationale"),
                                     psec_req_str(d->body, "notified_on"), d->as_of, e);
}

int psec_h_determination_add(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    struct det_ctx d = { 0 };
    char day[16];
    json_t *out;
    int rc;

    if ((rc = psec_req_json(rq, &d.body)) != PSEC_OK)
        return rc;
    rq->audited = true;
    d.as_of = psec_req_today(day, sizeof day);
    out = psec_audited(rq->db, &rq->actor, "create", "determination",
                       psec_req_str(d.body, "country"), NULL, do_determine, &d, &e);
    json_decref(d.body);
    return out ? psec_req_ok(rq, 201, out) : psec_req_app_fail(rq, &e);
}

int psec_h_report(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    const char *fmt = psec_req_query(rq, "format");
    char day[16];
    const char *on = NULL;
    json_t *doc;
    char *text;

    if (as_of(rq, day, sizeof day, &on) != PSEC_OK)
        return PSEC_E_INVALID;
    if (fmt == NULL)
        fmt = "html";
    if (strcmp(fmt, "html") && strcmp(fmt, "md") && strcmp(fmt, "json"))
        return psec_req_fail(rq, PSEC_E_INVALID, "format", "format: html, md or json");
    if ((doc = psec_app_report_country(rq->db, psec_req_param(rq, "country"), on, &e)) == NULL)
        return psec_req_app_fail(rq, &e);
    text = psec_report_render(doc, fmt, &e);
    json_decref(doc);
    if (text == NULL)
        return psec_req_app_fail(rq, &e);
    rq->text = text;
    rq->text_len = strlen(text);
    rq->ctype = strcmp(fmt, "html") == 0 ? "text/html; charset=utf-8"
              : strcmp(fmt, "md") == 0  ? "text/markdown; charset=utf-8"
                                        : "application/json";
    return PSEC_OK;
}
