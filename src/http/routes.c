/*
 * routes.c — the API route table and its handlers. A handler reads the
 * request, calls one src/app/ function (the same one the CLI calls) and
 * hands back its JSON; rules and SQL live elsewhere. docs/openapi.yaml
 * describes this table and a test checks that the two agree.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/audit.h"
#include "app/auth.h"
#include "app/registry.h"
#include "app/status.h"
#include "base/str.h"
#include "base/time.h"
#include "http/handlers.h"
#include "http/http.h"
#include "http/req.h"
#include "http/route.h"

/* ---- small helpers ---------------------------------------------------- */

static const char *jstr(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* ---- health and status ------------------------------------------------ */

/* The API's first path segments ("countries", "screen", ...): the
 * dashboard shows a page only when the module behind it is in this build. */
static json_t *features(void)
{
    size_t n;
    const struct psec_route *r = psec_http_routes(&n);
    json_t *out = json_array();

    for (size_t i = 0; out && i < n; i++) {
        char seg[64];
        const char *p = r[i].pattern + 8;               /* after "/api/v1/" */
        size_t len = strcspn(p, "/"), j;
        json_t *v;
        bool seen = false;
        if (len >= sizeof seg)
            continue;
        memcpy(seg, p, len);
        seg[len] = '\0';
        json_array_foreach(out, j, v) seen = seen || strcmp(json_string_value(v), seg) == 0;
        if (!seen)
            json_array_append_new(out, json_string(seg));
    }
    return out;
}

static int h_health(struct psec_req *rq)
{
    return psec_req_ok(rq, 200, json_pack("{s:s, s:s, s:i, s:o}", "status", "ok", "version",
                                          PSEC_VERSION, "schema_version",
                                          psec_db_schema_version(rq->db), "features",
                                          features()));
}

static int h_status(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    return psec_req_result(rq, psec_app_status(rq->db, &e), &e);
}

/* ---- session ------------------------------------------------------------ */

static json_t *whoami(const struct psec_actor *a, const char *csrf)
{
    return json_pack("{s:s, s:s, s:s?}", "user", a->name, "role", psec_role_name(a->role),
                     "csrf_token", csrf);
}

static int h_login(struct psec_req *rq)
{
    struct psec_login lg;
    struct psec_err e = { 0 };
    const char *name = NULL, *pw = NULL;
    json_t *body;
    int rc;

    if ((rc = psec_req_json(rq, &body)) != PSEC_OK)
        return rc;
    if (psec_req_need_str(rq, body, "name", &name) != PSEC_OK ||
        psec_req_need_str(rq, body, "password", &pw) != PSEC_OK) {
        json_decref(body);
        return PSEC_E_INVALID;
    }
    rc = psec_login(rq->db, name, pw, rq->addr, (int64_t)time(NULL), &lg, &e);
    json_decref(body);
    rq->audited = true;             /* the body holds a password: never audit it */
    if (rc != PSEC_OK) {
        rq->retry_after = lg.retry_after;
        if (lg.delay_ms > 0)
            usleep((useconds_t)lg.delay_ms * 1000);
        return psec_req_app_fail(rq, &e);
    }
    snprintf(rq->set_cookie, sizeof rq->set_cookie,
             "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d", PSEC_SESSION_COOKIE,
             lg.session, PSEC_SESSION_TTL);
    return psec_req_ok(rq, 200, whoami(&lg.actor, lg.csrf));
}

static int h_whoami(struct psec_req *rq)
{
    return psec_req_ok(rq, 200, whoami(&rq->actor, rq->by_cookie ? rq->csrf : NULL));
}

static int h_logout(struct psec_req *rq)
{
    struct psec_err e = { 0 };

    rq->audited = true;
    if (rq->by_cookie && psec_session_end(rq->db, rq->session, &e) != PSEC_OK)
        return psec_req_app_fail(rq, &e);
    snprintf(rq->set_cookie, sizeof rq->set_cookie,
             "%s=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0", PSEC_SESSION_COOKIE);
    return psec_req_ok(rq, 200, json_pack("{s:b}", "signed_out", 1));
}

/* ---- users, tokens, audit --------------------------------------------- */

static int h_users(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    json_t *all = psec_user_list(rq->db, &e);

    return all ? psec_req_page(rq, all) : psec_req_app_fail(rq, &e);
}

static int h_user_add(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    const char *name = NULL, *role = NULL, *pw = NULL;
    json_t *body, *out;
    int rc;

    if ((rc = psec_req_json(rq, &body)) != PSEC_OK)
        return rc;
    rq->audited = true;
    if (psec_req_need_str(rq, body, "name", &name) != PSEC_OK || psec_req_need_str(rq, body, "role", &role) != PSEC_OK ||
        psec_req_need_str(rq, body, "password", &pw) != PSEC_OK) {
        json_decref(body);
        return PSEC_E_INVALID;
    }
    rc = psec_user_add(rq->db, &rq->actor, name, role, pw, &e);
    out = rc == PSEC_OK ? psec_user_show(rq->db, name, &e) : NULL;
    json_decref(body);
    if (out == NULL)
        return psec_req_app_fail(rq, &e);
    return psec_req_ok(rq, 201, out);
}

static int h_user_show(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    return psec_req_result(rq, psec_user_show(rq->db, psec_req_param(rq, "name"), &e),
                           &e);
}

/* PATCH a user: any of role, disabled, password, with the version read. */
static int h_user_edit(struct psec_req *rq)
{
    const char *name = psec_req_param(rq, "name");
    struct psec_err e = { 0 };
    json_t *body, *cur, *v;
    int64_t version = 0;
    int rc = PSEC_OK;

    if ((rc = psec_req_json(rq, &body)) != PSEC_OK)
        return rc;
    rq->audited = true;
    if ((rc = psec_req_need_version(rq, body, &version)) != PSEC_OK) {
        json_decref(body);
        return rc;
    }
    if ((cur = psec_user_show(rq->db, name, &e)) == NULL) {
        json_decref(body);
        return psec_req_app_fail(rq, &e);
    }
    if (json_integer_value(json_object_get(cur, "version")) != version) {
        json_decref(body);
        json_decref(cur);
        return psec_req_fail(rq, PSEC_E_CONFLICT, "version",
                             "user %s was changed by someone else meanwhile; reload it", name);
    }
    json_decref(cur);
    if ((v = json_object_get(body, "role")) != NULL)
        rc = json_is_string(v) ? psec_user_set_role(rq->db, &rq->actor, name, json_string_value(v), &e)
                               : psec_err_set(&e, PSEC_E_INVALID, "role: a string is required");
    if (rc == PSEC_OK && (v = json_object_get(body, "disabled")) != NULL)
        rc = json_is_boolean(v) ? psec_user_disable(rq->db, &rq->actor, name, json_is_true(v), &e)
                                : psec_err_set(&e, PSEC_E_INVALID, "disabled: true or false");
    if (rc == PSEC_OK && (v = json_object_get(body, "password")) != NULL)
        rc = json_is_string(v) ? psec_user_passwd(rq->db, &rq->actor, name, json_string_value(v), &e)
                               : psec_err_set(&e, PSEC_E_INVALID, "password: a string is required");
    json_decref(body);
    if (rc != PSEC_OK)
        return psec_req_app_fail(rq, &e);
    return psec_req_result(rq, psec_user_show(rq->db, name, &e), &e);
}

static int h_tokens(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    json_t *all = psec_token_list(rq->db, psec_req_query(rq, "user"), &e);

    return all ? psec_req_page(rq, all) : psec_req_app_fail(rq, &e);
}

static int h_token_add(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    char token[PSEC_SECRET_MAX];
    const char *user = NULL, *label;
    json_t *body, *ttl;
    int rc;

    if ((rc = psec_req_json(rq, &body)) != PSEC_OK)
        return rc;
    rq->audited = true;
    if (psec_req_need_str(rq, body, "user", &user) != PSEC_OK) {
        json_decref(body);
        return PSEC_E_INVALID;
    }
    label = jstr(body, "label");
    ttl = json_object_get(body, "ttl_days");
    if (ttl && !json_is_integer(ttl)) {
        json_decref(body);
        return psec_req_fail(rq, PSEC_E_INVALID, "ttl_days", "ttl_days: a whole number of days");
    }
    rc = psec_token_create(rq->db, &rq->actor, user, label, ttl ? (int)json_integer_value(ttl) : 0,
                           token, &e);
    if (rc != PSEC_OK) {
        json_decref(body);
        return psec_req_app_fail(rq, &e);
    }
    rc = psec_req_ok(rq, 201, json_pack("{s:s, s:s, s:s}", "user", user, "label",
                                        label ? label : "", "token", token));
    json_decref(body);
    return rc;
}

static int h_token_revoke(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    int64_t id;

    rq->audited = true;
    if (!psec_parse_i64(psec_req_param(rq, "id"), &id))
        return psec_req_fail(rq, PSEC_E_INVALID, "id", "a token id is a whole number");
    if (psec_token_revoke(rq->db, &rq->actor, id, &e) != PSEC_OK)
        return psec_req_app_fail(rq, &e);
    return psec_req_ok(rq, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "revoked", 1));
}

static int h_audit(struct psec_req *rq)
{
    struct psec_audit_filter f = {
        .entity = psec_req_query(rq, "entity"),
        .key = psec_req_query(rq, "key"),
        .actor = psec_req_query(rq, "actor"),
    };
    struct psec_err e = { 0 };
    int rc;

    if ((rc = psec_req_page_args(rq, &f.limit, &f.offset)) != PSEC_OK)
        return rc;
    if (f.limit == 0)
        return psec_req_ok(rq, 200, json_pack("{s:[], s:I, s:I}", "items", "limit",
                                              (json_int_t)0, "offset", (json_int_t)f.offset));
    return psec_req_result(rq, psec_audit_list(rq->db, &f, &e), &e);
}

/* ---- registry ------------------------------------------------------------ */

static int h_countries(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    json_t *all = psec_app_country_list(rq->db, psec_req_query(rq, "region"), &e);

    return all ? psec_req_page(rq, all) : psec_req_app_fail(rq, &e);
}

static int h_country_status(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    const char *on = psec_req_query(rq, "date");
    int64_t day = (int64_t)time(NULL) / PSEC_DAY;
    json_t *rows, *legend;
    const struct psec_status_def *d;
    size_t n;

    if (on && !psec_date_parse(on, &day))
        return psec_req_fail(rq, PSEC_E_INVALID, "date", "date: use YYYY-MM-DD");
    if ((rows = psec_app_country_statuses(rq->db, day, &e)) == NULL)
        return psec_req_app_fail(rq, &e);
    legend = json_array();
    d = psec_status_defs(&n);
    for (size_t i = 0; i < n; i++)
        json_array_append_new(legend, json_pack("{s:s, s:s}", "status", d[i].code, "label",
                                                d[i].label));
    {
        char date[16];
        return psec_req_ok(rq, 200, json_pack("{s:s, s:o, s:o}", "date",
                                              psec_date_format(day, date, sizeof date),
                                              "legend", legend, "items", rows));
    }
}

static int h_country_show(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    return psec_req_result(rq, psec_app_country_show(rq->db, psec_req_param(rq, "code"), &e), &e);
}

static int h_country_edit(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    json_t *body, *out;
    int64_t version = 0;
    int rc;

    if ((rc = psec_req_json(rq, &body)) != PSEC_OK)
        return rc;
    if ((rc = psec_req_need_version(rq, body, &version)) != PSEC_OK) {
        json_decref(body);
        return rc;
    }
    rq->audited = true;
    out = psec_audited_country_set(rq->db, &rq->actor, psec_req_param(rq, "code"), body, version,
                                   &e);
    json_decref(body);
    return psec_req_result(rq, out, &e);
}

static int h_ports(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    const char *q = psec_req_query(rq, "q");
    json_t *all;

    if (q == NULL || *q == '\0')
        return psec_req_fail(rq, PSEC_E_INVALID, "q", "q: give some text to search for");
    all = psec_app_port_search(rq->db, q, psec_req_query(rq, "country"), PSEC_HTTP_MAX_PAGE, &e);
    return all ? psec_req_page(rq, all) : psec_req_app_fail(rq, &e);
}

static int num_arg(struct psec_req *rq, const char *name, bool required, double dflt, double *out)
{
    const char *s = psec_req_query(rq, name);

    *out = dflt;
    if (s == NULL) {
        if (required)
            return psec_req_fail(rq, PSEC_E_INVALID, name, "%s is required", name);
        return PSEC_OK;
    }
    if (!psec_parse_double(s, out) || !isfinite(*out))
        return psec_req_fail(rq, PSEC_E_INVALID, name, "%s: %s is not a number", name, s);
    return PSEC_OK;
}

static int h_ports_near(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    double lat, lon, km;
    json_t *all;

    if (num_arg(rq, "lat", true, 0, &lat) != PSEC_OK || num_arg(rq, "lon", true, 0, &lon) != PSEC_OK ||
        num_arg(rq, "km", false, 50, &km) != PSEC_OK)
        return PSEC_E_INVALID;
    all = psec_app_port_near(rq->db, lat, lon, km, PSEC_HTTP_MAX_PAGE, &e);
    return all ? psec_req_page(rq, all) : psec_req_app_fail(rq, &e);
}

static int h_port_show(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    return psec_req_result(rq, psec_app_port_show(rq->db, psec_req_param(rq, "locode"), &e), &e);
}

static int h_facilities(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    json_t *all = psec_app_facility_list(rq->db, psec_req_query(rq, "country"),
                                         psec_req_query(rq, "port"), &e);

    return all ? psec_req_page(rq, all) : psec_req_app_fail(rq, &e);
}

static int h_facility_show(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    return psec_req_result(rq, psec_app_facility_show(rq->db, psec_req_param(rq, "number"), &e),
                           &e);
}

/* ---- the table ------------------------------------------------------------ */

#define V PSEC_ROLE_VIEWER
#define AN PSEC_ROLE_ANALYST
#define AP PSEC_ROLE_APPROVER
#define AD PSEC_ROLE_ADMIN

/* Order matters: literal segments ("status", "near") before {parameters}. */
static const struct psec_route routes[] = {
    { "GET", "/api/v1/health", PSEC_ROLE_NONE, h_health, "liveness and versions", 0 },
    { "POST", "/api/v1/session", PSEC_ROLE_NONE, h_login, "sign in (sets the session cookie)",
      PSEC_ROUTE_NOLOCK },
    { "GET", "/api/v1/session", V, h_whoami, "who is signed in, and the CSRF token", 0 },
    { "DELETE", "/api/v1/session", V, h_logout, "sign out", 0 },
    { "GET", "/api/v1/status", V, h_status, "database, schema version, row counts", 0 },
    { "GET", "/api/v1/users", AD, h_users, "list users", 0 },
    { "POST", "/api/v1/users", AD, h_user_add, "add a user", 0 },
    { "GET", "/api/v1/users/{name}", AD, h_user_show, "show a user", 0 },
    { "PATCH", "/api/v1/users/{name}", AD, h_user_edit, "change role, disable, set password", 0 },
    { "GET", "/api/v1/tokens", AD, h_tokens, "list API tokens", 0 },
    { "POST", "/api/v1/tokens", AD, h_token_add, "create an API token (shown once)", 0 },
    { "DELETE", "/api/v1/tokens/{id}", AD, h_token_revoke, "revoke an API token", 0 },
    { "GET", "/api/v1/audit", AD, h_audit, "the audit trail, newest first", 0 },
    { "GET", "/api/v1/countries", V, h_countries, "list countries", PSEC_ROUTE_CACHE },
    { "GET", "/api/v1/countries/status", V, h_country_status, "status of every country (map)",
      PSEC_ROUTE_CACHE },
    { "GET", "/api/v1/countries/{code}", V, h_country_show, "show a country", 0 },
    { "PATCH", "/api/v1/countries/{code}", AN, h_country_edit, "edit ISPS fields (versioned)", 0 },
    { "GET", "/api/v1/ports", V, h_ports, "search ports", 0 },
    { "GET", "/api/v1/ports/near", V, h_ports_near, "ports near a position", 0 },
    { "GET", "/api/v1/ports/{locode}", V, h_port_show, "show a port", 0 },
    { "GET", "/api/v1/facilities", V, h_facilities, "list port facilities", 0 },
    { "GET", "/api/v1/facilities/{number}", V, h_facility_show, "show a port facility", 0 },

    /* Advisories, conditions of entry, screening (routes_coe.c). */
    { "GET", "/api/v1/coe", V, psec_h_coe_list, "countries under conditions of entry on a date",
      PSEC_ROUTE_CACHE },
    { "GET", "/api/v1/coe/check", V, psec_h_coe_check,
      "do conditions of entry apply to a country, port or facility on a date", 0 },
    { "GET", "/api/v1/coe/feed", PSEC_ROLE_NONE, psec_h_coe_feed,
      "the published feed (JSON or CSV); public", PSEC_ROUTE_CACHE },
    { "GET", "/api/v1/advisories", V, psec_h_advisories, "list advisories", 0 },
    { "POST", "/api/v1/advisories", AP, psec_h_advisory_add,
      "publish advisories (the feed format)", 0 },
    { "GET", "/api/v1/advisories/{id}", V, psec_h_advisory_show, "an advisory and its changes", 0 },
    { "POST", "/api/v1/screen", AN, psec_h_screen, "screen a Notice of Arrival",
      PSEC_ROUTE_NOAUDIT | PSEC_ROUTE_NOLOCK },
    { "GET", "/api/v1/targeting", V, psec_h_targets, "the targeting matrix and its lists", 0 },
    { "POST", "/api/v1/targeting", AP, psec_h_target_add, "add a targeted flag, RSO or company", 0 },
    { "POST", "/api/v1/vessels", AN, psec_h_vessel_add, "add or update a vessel", 0 },
    { "GET", "/api/v1/vessels/{imo}", V, psec_h_vessel_show, "a vessel and its history", 0 },
    { "POST", "/api/v1/vessels/{imo}/actions", AN, psec_h_vessel_action,
      "record a control action", 0 },
    { "POST", "/api/v1/vessels/{imo}/exams", AN, psec_h_vessel_exam, "record an examination", 0 },

    /* AIS (routes_ais.c): {id} is an IMO number or an MMSI. */
    { "GET", "/api/v1/vessels/{id}/ais", V, psec_h_ais_vessel, "a vessel's AIS identity", 0 },
    { "GET", "/api/v1/vessels/{id}/calls", V, psec_h_ais_calls, "port calls seen by AIS", 0 },
    { "GET", "/api/v1/vessels/{id}/gaps", V, psec_h_ais_gaps, "AIS gaps", 0 },
    { "GET", "/api/v1/vessels/{id}/track", V, psec_h_ais_track, "the AIS track as GeoJSON", 0 },

    /* Engagements and assessments (routes_assess.c). */
    { "GET", "/api/v1/checklist", V, psec_h_checklist, "the ISPS checklist: sections and items", 0 },
    { "GET", "/api/v1/visits", V, psec_h_visits, "list visits", 0 },
    { "POST", "/api/v1/visits", AN, psec_h_visit_add, "record a visit", 0 },
    { "GET", "/api/v1/visits/{id}", V, psec_h_visit_show, "show a visit", 0 },
    { "GET", "/api/v1/assessments", V, psec_h_assessments, "list assessments", 0 },
    { "POST", "/api/v1/assessments", AN, psec_h_assessment_start, "start an assessment", 0 },
    { "GET", "/api/v1/assessments/{id}", V, psec_h_assessment_show,
      "an assessment with answers, scores and findings", 0 },
    { "PUT", "/api/v1/assessments/{id}/answers/{item}", AN, psec_h_answer, "answer an item", 0 },
    { "POST", "/api/v1/assessments/{id}/close", AN, psec_h_assessment_close,
      "close an assessment (findings from every NO)", 0 },
    { "GET", "/api/v1/recommendations", V, psec_h_recs, "list recommendations", 0 },
    { "POST", "/api/v1/recommendations", AN, psec_h_rec_add, "add a recommendation", 0 },
    { "PATCH", "/api/v1/recommendations/{id}", AN, psec_h_rec_update,
      "new status or due date (versioned)", 0 },
    { "GET", "/api/v1/determinations/{country}", V, psec_h_determinations,
      "a country's determinations", 0 },
    { "GET", "/api/v1/determinations/{country}/proposal", V, psec_h_determination_proposal,
      "the determination the rules propose", 0 },
    { "POST", "/api/v1/determinations", AP, psec_h_determination_add, "record a determination", 0 },
    { "GET", "/api/v1/reports/{country}", V, psec_h_report, "the country report (HTML, md, json)", 0 },

    /* Risk ranking and visit plan (routes_risk.c). */
    { "GET", "/api/v1/units", V, psec_h_units, "coordinating units", 0 },
    { "GET", "/api/v1/rank", V, psec_h_rank, "the risk ranking of a unit's or region's countries",
      0 },
    { "GET", "/api/v1/plan", V, psec_h_plan, "a unit's visit plan for a year", 0 },
    { "GET", "/api/v1/plan.ics", V, psec_h_plan_ics, "the visit plan as iCalendar", 0 },
};

const struct psec_route *psec_http_routes(size_t *n)
{
    *n = sizeof routes / sizeof routes[0];
    return routes;
}
