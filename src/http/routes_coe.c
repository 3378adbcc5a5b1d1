/*
 * routes_coe.c — API handlers for Port Security Advisories, conditions of
 * entry, arrival screening, the targeting lists and vessel history. Each
 * calls one src/app/advisory.h or src/app/screen.h function, the ones the
 * CLI calls. The conditions-of-entry feed is public: it is meant to be
 * published.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/advisory.h"
#include "app/audit.h"
#include "app/screen.h"
#include "base/str.h"
#include "base/time.h"
#include "http/handlers.h"
#include "http/http.h"
#include "http/req.h"

/* ?date=YYYY-MM-DD, today by default, as days since 1970. */
static int date_arg(struct psec_req *rq, int64_t *day)
{
    const char *s = psec_req_query(rq, "date");

    *day = (int64_t)time(NULL) / PSEC_DAY;
    if (s && !psec_date_parse(s, day))
        return psec_req_fail(rq, PSEC_E_INVALID, "date", "date: use YYYY-MM-DD");
    return PSEC_OK;
}

int psec_h_coe_list(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    int64_t day;
    json_t *all;

    if (date_arg(rq, &day) != PSEC_OK)
        return PSEC_E_INVALID;
    all = psec_app_coe_list(rq->db, day, &e);
    return all ? psec_req_page(rq, all) : psec_req_app_fail(rq, &e);
}

int psec_h_coe_check(struct psec_req *rq)
{
    static const char *const kinds[] = { "country", "port", "facility" };
    struct psec_err e = { 0 };
    const char *kind = NULL, *value = NULL;
    int64_t day;

    if (date_arg(rq, &day) != PSEC_OK)
        return PSEC_E_INVALID;
    for (size_t i = 0; i < 3; i++) {
        const char *v = psec_req_query(rq, kinds[i]);
        if (v == NULL)
            continue;
        if (kind)
            return psec_req_fail(rq, PSEC_E_INVALID, kinds[i],
                                 "give one of country, port or facility");
        kind = kinds[i];
        value = v;
    }
    if (kind == NULL)
        return psec_req_fail(rq, PSEC_E_INVALID, "country",
                             "give ?country=CC, ?port=LOCODE or ?facility=NUMBER");
    return psec_req_result(rq, psec_app_coe_check(rq->db, kind, value, day, &e), &e);
}

/* One CSV field, quoted when it must be (RFC 4180). */
static void csv_field(FILE *f, json_t *v)
{
    char num[64];
    const char *s = "";

    if (json_is_string(v))
        s = json_string_value(v);
    else if (json_is_integer(v))
        s = (snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v)), num);
    else if (json_is_real(v))
        s = (snprintf(num, sizeof num, "%.10g", json_real_value(v)), num);
    else if (json_is_true(v))
        s = "true";
    else if (json_is_false(v))
        s = "false";
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* Rows (objects with the same keys) as CSV with a header; a new string. */
static char *to_csv(json_t *rows, size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    json_t *first = json_array_get(rows, 0), *row, *v;
    const char *key;
    size_t i;
    bool sep;

    if (f == NULL)
        return NULL;
    sep = false;
    json_object_foreach(first, key, v) {
        if (sep)
            fputc(',', f);
        fputs(key, f);
        sep = true;
    }
    fputs("\r\n", f);
    json_array_foreach(rows, i, row) {
        sep = false;
        json_object_foreach(first, key, v) {
            if (sep)
                fputc(',', f);
            csv_field(f, json_object_get(row, key));
            sep = true;
        }
        fputs("\r\n", f);
    }
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

int psec_h_coe_feed(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    const char *fmt = psec_req_query(rq, "format");
    json_t *doc;

    if (fmt == NULL)
        fmt = "json";
    rq->public_cache = true;
    if (strcmp(fmt, "json") == 0) {
        snprintf(rq->disposition, sizeof rq->disposition,
                 "inline; filename=\"coe-feed.json\"");
        return psec_req_result(rq, psec_app_coe_feed(rq->db, &e), &e);
    }
    if (strcmp(fmt, "csv") != 0)
        return psec_req_fail(rq, PSEC_E_INVALID, "format", "format: json or csv");
    if ((doc = psec_app_coe_feed_rows(rq->db, &e)) == NULL)
        return psec_req_app_fail(rq, &e);
    rq->text = to_csv(doc, &rq->text_len);
    json_decref(doc);
    if (rq->text == NULL)
        return psec_req_fail(rq, PSEC_E_NOMEM, NULL, "out of memory");
    rq->ctype = "text/csv; charset=utf-8";
    snprintf(rq->disposition, sizeof rq->disposition, "attachment; filename=\"coe-feed.csv\"");
    return PSEC_OK;
}

int psec_h_advisories(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    json_t *all = psec_app_advisory_list(rq->db, &e);

    return all ? psec_req_page(rq, all) : psec_req_app_fail(rq, &e);
}

int psec_h_advisory_show(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    return psec_req_result(rq, psec_app_advisory_show(rq->db, psec_req_param(rq, "id"), &e), &e);
}

static json_t *do_advisory_add(struct psec_db *db, void *ctx, struct psec_err *e)
{
    json_t *summary = NULL;

    if (psec_app_advisory_add(db, ctx, "body", &summary, e) != PSEC_OK) {
        json_decref(summary);
        return NULL;
    }
    return summary ? summary : json_object();
}

int psec_h_advisory_add(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    json_t *body, *out;
    int rc;

    if ((rc = psec_req_json(rq, &body)) != PSEC_OK)
        return rc;
    rq->audited = true;
    out = psec_audited(rq->db, &rq->actor, "publish", "advisory", psec_req_str(body, "id"), NULL,
                       do_advisory_add, body, &e);
    json_decref(body);
    return out ? psec_req_ok(rq, 201, out) : psec_req_app_fail(rq, &e);
}

/* ---- screening -------------------------------------------------------------------------- */

static void screener_free(void *p)
{
    psec_screener_close(p);
}

/*
 * POST a Notice of Arrival; the answer is the screening result document of
 * the screening module, written straight from its buffer. The screener
 * (advisory history and targeting matrix loaded) is kept on the thread and
 * reloaded after any write through the server or after a second.
 */
int psec_h_screen(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    struct psec_screener *s = psec_req_keep_get(rq, PSEC_KEEP_SCREENER);
    const char *dry = psec_req_query(rq, "dry_run");
    bool dry_run;
    int rc;
    char *buf = NULL;
    size_t cap = 0, len = 0;

    if (rq->body == NULL || rq->body_len == 0)
        return psec_req_fail(rq, PSEC_E_INVALID, NULL, "POST a Notice of Arrival (JSON)");
    if (s == NULL) {
        if (psec_screener_open(&s, rq->db, &e) != PSEC_OK)
            return psec_req_app_fail(rq, &e);
        psec_req_keep_set(rq, PSEC_KEEP_SCREENER, s, screener_free);
    }
    dry_run = dry && (strcmp(dry, "1") == 0 || strcmp(dry, "true") == 0);
    /* Only a stored screening writes: a dry run is not queued with the writes. */
    if (!dry_run)
        psec_req_lock_writes(rq);
    rc = psec_screener_run(s, rq->body, rq->body_len, dry_run, &buf, &cap, &len, &e);
    if (!dry_run)
        psec_req_unlock_writes(rq);
    if (rc != PSEC_OK) {
        json_t *doc = NULL;
        free(buf);
        /* Not JSON at all: jansson's reader names the line, column and byte, as
         * for every other body. Only on this path, so that a good NOA is parsed
         * once, by the screener's own fast reader. */
        if (e.code == PSEC_E_INVALID && psec_req_json(rq, &doc) != PSEC_OK)
            return PSEC_E_INVALID;
        json_decref(doc);
        return psec_req_app_fail(rq, &e);
    }
    rq->text = buf;
    rq->text_len = len;
    rq->ctype = "application/json";
    return PSEC_OK;
}

/* ---- targeting lists and vessels ---------------------------------------------------------- */

int psec_h_targets(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    return psec_req_result(rq, psec_app_target_list(rq->db, &e), &e);
}

static json_t *do_target_add(struct psec_db *db, void *ctx, struct psec_err *e)
{
    json_t *b = ctx;

    return psec_app_target_add(db, psec_req_str(b, "kind"), psec_req_str(b, "name"),
                               (int)json_integer_value(json_object_get(b, "points")),
                               psec_req_str(b, "from"), psec_req_str(b, "to"),
                               psec_req_str(b, "note"), e);
}

int psec_h_target_add(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    json_t *body, *out;
    int rc;

    if ((rc = psec_req_json(rq, &body)) != PSEC_OK)
        return rc;
    rq->audited = true;
    if (!json_is_integer(json_object_get(body, "points"))) {
        json_decref(body);
        return psec_req_fail(rq, PSEC_E_INVALID, "points", "points: a whole number");
    }
    out = psec_audited(rq->db, &rq->actor, "create", "target", psec_req_str(body, "name"), NULL,
                       do_target_add, body, &e);
    json_decref(body);
    return out ? psec_req_ok(rq, 201, out) : psec_req_app_fail(rq, &e);
}

int psec_h_vessel_show(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    return psec_req_result(rq, psec_app_vessel_show(rq->db, psec_req_param(rq, "imo"), &e), &e);
}

struct vessel_ctx {
    const char *imo;
    json_t *body;
};

static json_t *do_vessel_add(struct psec_db *db, void *ctx, struct psec_err *e)
{
    struct vessel_ctx *v = ctx;
    json_t *fields = json_deep_copy(v->body);

    json_t *out;

    json_object_del(fields, "imo");
    out = psec_app_vessel_add(db, v->imo, fields, e);
    json_decref(fields);
    return out;
}

int psec_h_vessel_add(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    struct vessel_ctx v = { 0 };
    json_t *body, *out;
    int rc;

    if ((rc = psec_req_json(rq, &body)) != PSEC_OK)
        return rc;
    rq->audited = true;
    if (psec_req_need_str(rq, body, "imo", &v.imo) != PSEC_OK) {
        json_decref(body);
        return PSEC_E_INVALID;
    }
    v.body = body;
    out = psec_audited(rq->db, &rq->actor, "update", "vessel", v.imo, NULL, do_vessel_add, &v, &e);
    json_decref(body);
    return out ? psec_req_ok(rq, 200, out) : psec_req_app_fail(rq, &e);
}

struct event_ctx {
    const char *imo;
    json_t *body;
    bool exam;
};

static json_t *do_event(struct psec_db *db, void *ctx, struct psec_err *e)
{
    struct event_ctx *x = ctx;
    const char *date = psec_req_str(x->body, "date"), *kind = psec_req_str(x->body, "kind"),
               *note = psec_req_str(x->body, "note");
    int rc = x->exam ? psec_app_vessel_exam_add(db, x->imo, date, kind, note, e)
                     : psec_app_vessel_action_add(db, x->imo, date, kind,
                                                  json_is_true(json_object_get(x->body, "security")),
                                                  note, e);

    return rc == PSEC_OK ? psec_app_vessel_show(db, x->imo, e) : NULL;
}

static int event_add(struct psec_req *rq, bool exam)
{
    struct psec_err e = { 0 };
    struct event_ctx x = { psec_req_param(rq, "imo"), NULL, exam };
    json_t *out;
    int rc;

    if ((rc = psec_req_json(rq, &x.body)) != PSEC_OK)
        return rc;
    rq->audited = true;
    out = psec_audited(rq->db, &rq->actor, exam ? "exam" : "action", "vessel", x.imo, NULL,
                       do_event, &x, &e);
    json_decref(x.body);
    return out ? psec_req_ok(rq, 201, out) : psec_req_app_fail(rq, &e);
}

int psec_h_vessel_action(struct psec_req *rq)
{
    return event_add(rq, false);
}

int psec_h_vessel_exam(struct psec_req *rq)
{
    return event_add(rq, true);
}
