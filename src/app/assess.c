/*
 * assess.c (app) — the flows of engagements and assessments: check
 * everything, then write in one transaction; read and shape documents for
 * the CLI, the server and the report.
 *
 * Does not: print, parse command lines, or hold rules (those are in
 * src/model/assess.c and are only called from here). Verified end to end by
 * tests/cli/assess*.sh on a temporary database and by the demo data
 * (data/demo/, demonstration data, not a real assessment).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/assess.h"
#include "app/import.h"
#include "base/limits.h"
#include "base/str.h"
#include "base/time.h"
#include "io/assessment_json.h"
#include "model/assess.h"
#include "model/registry.h"
#include "store/assess.h"
#include "store/registry.h"

/* ---------------------------------------------------------------- helpers */

static const char *jstr(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static int64_t jint(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

static int check_date(const char *s, const char *what, int64_t *days, struct psec_err *e)
{
    int64_t d = 0;

    if (s == NULL || !psec_date_parse(s, &d))
        return psec_err_set(e, PSEC_E_INVALID, "%s: \"%s\" is not a date (YYYY-MM-DD)", what,
                            s ? s : "");
    if (days)
        *days = d;
    return PSEC_OK;
}

static json_t *date_json(int64_t days)
{
    char buf[16];
    return days < 0 ? json_null() : json_string(psec_date_format(days, buf, sizeof buf));
}

/* Score and coverage as JSON: null when undefined, else rounded to 0.001. */
static json_t *ratio_json(double r)
{
    return r < 0 ? json_null() : json_real((double)(long long)(r * 1000.0 + 0.5) / 1000.0);
}

static json_t *fail_null(json_t *v)
{
    json_decref(v);
    return NULL;
}

static int begin(struct psec_db *db, struct psec_err *e)
{
    return psec_db_begin(db, e);
}

static json_t *rollback_null(struct psec_db *db, json_t *v)
{
    psec_db_rollback(db);
    json_decref(v);
    return NULL;
}

static int resolve_country(struct psec_db *db, const char *text, char cc[3], struct psec_err *e)
{
    if (text == NULL || *text == '\0')
        return psec_err_set(e, PSEC_E_USAGE, "a country is needed");
    return psec_store_country_resolve(db, text, cc, e);
}

struct psec_checklist *psec_app_checklist(struct psec_db *db, const char *name,
                                          const char *version, struct psec_err *e)
{
    struct psec_checklist *ck = NULL;
    char *text = psec_store_checklist_doc(db, name, version, e);
    json_error_t je;
    json_t *doc;

    /* A database made before the catalogue was bundled: load it now, once. */
    if (text == NULL && name == NULL && e && e->code == PSEC_E_NOTFOUND) {
        if (psec_app_assess_load_bundled(db, psec_app_datadir(), e) != PSEC_OK)
            return NULL;
        text = psec_store_checklist_doc(db, NULL, NULL, e);
    }
    if (text == NULL)
        return NULL;
    doc = json_loads(text, 0, &je);
    free(text);
    if (doc == NULL) {
        psec_err_set(e, PSEC_E_DB, "stored checklist is not JSON: %s", je.text);
        return NULL;
    }
    if (psec_checklist_from_json(doc, &ck, e) != PSEC_OK)
        psec_err_prefix(e, "stored checklist: ");
    json_decref(doc);
    return ck;
}

static struct psec_checklist *checklist_of(struct psec_db *db, json_t *assessment,
                                           struct psec_err *e)
{
    return psec_app_checklist(db, jstr(assessment, "checklist_name"),
                              jstr(assessment, "checklist_version"), e);
}

/* Answers rows -> array indexed like ck->items (calloc'd; free()). */
static enum psec_answer *answer_vector(const struct psec_checklist *ck, json_t *rows)
{
    enum psec_answer *a = calloc(ck->n_items + 1, sizeof *a);
    json_t *r;
    size_t i;

    if (a == NULL)
        return NULL;
    json_array_foreach(rows, i, r) {
        int idx = psec_checklist_item(ck, jstr(r, "item"));
        if (idx >= 0)
            psec_answer_parse(jstr(r, "answer"), &a[idx]);
    }
    return a;
}

static json_t *tally_json(const struct psec_tally *t)
{
    return json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:o, s:o}", "items", t->items, "yes", t->yes,
                     "no", t->no, "na", t->na, "no_obs", t->no_obs, "unanswered", t->unanswered,
                     "score", ratio_json(t->score), "coverage", ratio_json(t->coverage));
}

/* Sections of a score (only those with items in scope). */
static json_t *sections_json(const struct psec_checklist *ck, const struct psec_tally *secs)
{
    json_t *arr = json_array();

    for (size_t s = 0; s < ck->n_sections; s++) {
        json_t *o;
        if (secs[s].items == 0)
            continue;
        o = tally_json(&secs[s]);
        json_object_set_new(o, "id", json_string(ck->sections[s].id));
        json_object_set_new(o, "title", json_string(ck->sections[s].title));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *item_brief(const struct psec_checklist *ck, int idx)
{
    const struct psec_ck_item *it = &ck->items[idx];
    char refs[256];

    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:b}", "item", it->id, "section",
                     it->section, "section_title", ck->sections[it->section_index].title,
                     "question", it->question, "refs",
                     psec_ck_item_refs(it, refs, sizeof refs), "weight", it->weight,
                     "critical", it->critical);
}

static enum psec_scope scope_of(json_t *assessment)
{
    return strcmp(jstr(assessment, "scope"), "facility") == 0 ? PSEC_SCOPE_FACILITY
                                                             : PSEC_SCOPE_COUNTRY;
}

/* ------------------------------------------------------------ bundled data */

static int load_checklist_file(struct psec_db *db, const char *path, struct psec_err *e)
{
    struct psec_checklist *ck = NULL;
    json_error_t je;
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    char *text;
    int rc;

    if (doc == NULL)
        return psec_err_set(e, PSEC_E_IO, "%s:%d: %s", path, je.line, je.text);
    rc = psec_checklist_from_json(doc, &ck, e);
    if (rc != PSEC_OK) {
        psec_err_prefix(e, "%s: ", path);
        json_decref(doc);
        return rc;
    }
    text = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(doc);
    if (text == NULL) {
        psec_checklist_free(ck);
        return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    }
    rc = psec_store_checklist_put(db, ck->name, ck->version, ck->title, text, NULL, e);
    free(text);
    psec_checklist_free(ck);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int psec_app_assess_load_bundled(struct psec_db *db, const char *datadir, struct psec_err *e)
{
    char dir[1024], path[1280];
    char *names[64];
    size_t n = 0;
    struct dirent *de;
    DIR *d;
    int rc = PSEC_OK;

    snprintf(dir, sizeof dir, "%s/checklist", datadir);
    d = opendir(dir);
    if (d == NULL)
        return psec_err_set(e, PSEC_E_IO, "%s: cannot open the checklist folder", dir);
    while ((de = readdir(d)) != NULL && n < 64) {
        size_t len = strlen(de->d_name);
        if (len > 5 && strcmp(de->d_name + len - 5, ".json") == 0)
            if ((names[n] = strdup(de->d_name)) != NULL)
                n++;
    }
    closedir(d);
    /* Versions load in name order so that "newest loaded" is the highest. */
    qsort(names, n, sizeof *names, cmp_str);
    if (n == 0)
        rc = psec_err_set(e, PSEC_E_IO, "%s: no checklist catalogue (*.json)", dir);
    if (rc == PSEC_OK)
        rc = begin(db, e);
    for (size_t i = 0; i < n && rc == PSEC_OK; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        rc = load_checklist_file(db, path, e);
    }
    if (n > 0) {
        if (rc == PSEC_OK)
            rc = psec_db_commit(db, e);
        else
            psec_db_rollback(db);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    return rc;
}

/* ----------------------------------------------------------------- visits */

static const char *const visit_kinds[] = { "assessment", "engagement", "follow-up", "remote",
                                           NULL };

static bool one_of(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (strcmp(*list, s) == 0)
            return true;
    return false;
}

static int add_people(struct psec_db *db, int64_t visit, const char *role, json_t *arr,
                      const char *path, bool write, struct psec_err *e)
{
    json_t *p;
    size_t i;

    if (arr == NULL || json_is_null(arr))
        return PSEC_OK;
    if (!json_is_array(arr))
        return psec_err_set(e, PSEC_E_INVALID, "%s: must be an array", path);
    json_array_foreach(arr, i, p) {
        const char *name, *org = NULL, *title = NULL;
        if (json_is_string(p)) {
            name = json_string_value(p);
        } else if (json_is_object(p)) {
            name = json_string_value(json_object_get(p, "name"));
            org = json_string_value(json_object_get(p, "organization"));
            title = json_string_value(json_object_get(p, "title"));
        } else {
            return psec_err_set(e, PSEC_E_INVALID, "%s[%zu]: must be a name or an object", path,
                                i);
        }
        if (name == NULL || *name == '\0')
            return psec_err_set(e, PSEC_E_INVALID, "%s[%zu].name: missing", path, i);
        if (write) {
            int rc = psec_store_visit_person_add(db, visit, role, name, org, title, e);
            if (rc != PSEC_OK)
                return rc;
        }
    }
    return PSEC_OK;
}

static int add_sites(struct psec_db *db, int64_t visit, const char *cc, json_t *arr, bool write,
                     struct psec_err *e)
{
    json_t *s;
    size_t i;

    if (arr == NULL || json_is_null(arr))
        return PSEC_OK;
    if (!json_is_array(arr))
        return psec_err_set(e, PSEC_E_INVALID, "sites: must be an array");
    json_array_foreach(arr, i, s) {
        const char *code = json_string_value(s);
        char port[6];
        if (code == NULL)
            return psec_err_set(e, PSEC_E_INVALID, "sites[%zu]: must be a string", i);
        if (strncmp(code, cc, 2) != 0)
            return psec_err_set(e, PSEC_E_INVALID, "sites[%zu]: %s is not in %s", i, code, cc);
        if (strchr(code, '-') != NULL) {
            json_t *f = psec_store_facility_get(db, code, e);
            if (f == NULL)
                return psec_err_set(e, PSEC_E_NOTFOUND,
                                    "sites[%zu]: port facility %s is not in the registry", i,
                                    code);
            psec_strlcpy(port, jstr(f, "port"), sizeof port);
            json_decref(f);
        } else {
            if (!psec_store_port_exists(db, code))
                return psec_err_set(e, PSEC_E_NOTFOUND, "sites[%zu]: port %s is not in the registry",
                                    i, code);
            psec_strlcpy(port, code, sizeof port);
        }
        if (write) {
            int rc = psec_store_visit_site_add(db, visit, port,
                                               strchr(code, '-') ? code : NULL, e);
            if (rc != PSEC_OK)
                return rc;
        }
    }
    return PSEC_OK;
}

json_t *psec_app_visit_add(struct psec_db *db, json_t *fields, struct psec_err *e)
{
    const char *kind = jstr(fields, "kind"), *start = jstr(fields, "start");
    const char *end = jstr(fields, "end");
    int64_t d0 = 0, d1 = 0, id = 0;
    char cc[3];
    bool demo = json_is_true(json_object_get(fields, "demo"));

    if (resolve_country(db, jstr(fields, "country"), cc, e) != PSEC_OK)
        return NULL;
    if (*kind == '\0')
        kind = "assessment";
    if (!one_of(visit_kinds, kind)) {
        psec_err_set(e, PSEC_E_INVALID,
                     "kind: \"%s\" is not assessment, engagement, follow-up or remote", kind);
        return NULL;
    }
    if (check_date(start, "start", &d0, e) != PSEC_OK)
        return NULL;
    if (*end == '\0')
        end = start;
    if (check_date(end, "end", &d1, e) != PSEC_OK)
        return NULL;
    if (d1 < d0) {
        psec_err_set(e, PSEC_E_INVALID, "end: %s is before the start %s", end, start);
        return NULL;
    }
    /* Check everything first, then write. */
    if (add_people(db, 0, "team", json_object_get(fields, "team"), "team", false, e) ||
        add_people(db, 0, "official", json_object_get(fields, "officials"), "officials", false,
                   e) ||
        add_sites(db, 0, cc, json_object_get(fields, "sites"), false, e))
        return NULL;
    if (begin(db, e) != PSEC_OK)
        return NULL;
    if (psec_store_visit_add(db, cc, kind, start, end, jstr(fields, "notes"), demo, &id, e) ||
        add_people(db, id, "team", json_object_get(fields, "team"), "team", true, e) ||
        add_people(db, id, "official", json_object_get(fields, "officials"), "officials", true,
                   e) ||
        add_sites(db, id, cc, json_object_get(fields, "sites"), true, e) ||
        psec_db_commit(db, e))
        return rollback_null(db, NULL);
    return psec_app_visit_show(db, id, e);
}

json_t *psec_app_visit_list(struct psec_db *db, const char *country, struct psec_err *e)
{
    char cc[3];

    if (country && resolve_country(db, country, cc, e) != PSEC_OK)
        return NULL;
    return psec_store_visit_list(db, country ? cc : NULL, e);
}

json_t *psec_app_visit_show(struct psec_db *db, int64_t id, struct psec_err *e)
{
    json_t *v = psec_store_visit_get(db, id, e), *a;

    if (v == NULL)
        return NULL;
    a = psec_store_assessment_list(db, id, NULL, false, e);
    if (a == NULL)
        return fail_null(v);
    json_object_set_new(v, "assessments", a);
    /* Best practices observed or shared during this visit. */
    {
        json_t *all = psec_store_practice_list(db, NULL, jstr(v, "country"), e), *p, *mine;
        size_t i;
        if (all == NULL)
            return fail_null(v);
        mine = json_array();
        json_array_foreach(all, i, p)
            if (jint(p, "visit_id") == id)
                json_array_append(mine, p);
        json_decref(all);
        json_object_set_new(v, "practices", mine);
    }
    return v;
}

/* ------------------------------------------------------------ assessments */

static json_t *open_assessment(struct psec_db *db, int64_t id, struct psec_err *e)
{
    json_t *a = psec_store_assessment_get(db, id, e);

    if (a != NULL && strcmp(jstr(a, "status"), "closed") == 0) {
        psec_err_set(e, PSEC_E_READONLY, "assessment %lld is closed (on %s) and read-only",
                     (long long)id, jstr(a, "closed_on"));
        return fail_null(a);
    }
    return a;
}

json_t *psec_app_assess_start(struct psec_db *db, int64_t visit, const char *facility,
                              const char *assessed_on, const char *assessor, struct psec_err *e)
{
    struct psec_checklist *ck;
    json_t *v, *out = NULL;
    int64_t id = 0, d = 0;

    v = psec_store_visit_get(db, visit, e);
    if (v == NULL)
        return NULL;
    if (assessed_on == NULL)
        assessed_on = jstr(v, "end_date");
    if (check_date(assessed_on, "date", &d, e) != PSEC_OK)
        return fail_null(v);
    if (facility != NULL) {
        json_t *f;
        if (psec_facility_number_check(facility, e) != PSEC_OK)
            return fail_null(v);
        if ((f = psec_store_facility_get(db, facility, e)) == NULL) {
            psec_err_set(e, PSEC_E_NOTFOUND, "port facility %s is not in the registry", facility);
            return fail_null(v);
        }
        json_decref(f);
        if (strncmp(facility, jstr(v, "country"), 2) != 0) {
            psec_err_set(e, PSEC_E_INVALID, "port facility %s is not in %s, the visit's country",
                         facility, jstr(v, "country"));
            return fail_null(v);
        }
    }
    ck = psec_app_checklist(db, NULL, NULL, e);
    if (ck == NULL)
        return fail_null(v);
    if (begin(db, e) == PSEC_OK) {
        if (psec_store_assessment_add(db, visit, facility ? "facility" : "country",
                                      jstr(v, "country"), facility, ck->name, ck->version,
                                      assessed_on, assessor, json_is_true(json_object_get(v, "demo"))
                                      || jint(v, "demo") == 1, &id, e) ||
            psec_db_commit(db, e))
            psec_db_rollback(db);
        else
            out = psec_store_assessment_get(db, id, e);
    }
    if (out)
        json_object_set_new(out, "items_to_answer",
                            json_integer((json_int_t)psec_checklist_count(
                                ck, facility ? PSEC_SCOPE_FACILITY : PSEC_SCOPE_COUNTRY)));
    psec_checklist_free(ck);
    json_decref(v);
    return out;
}

json_t *psec_app_assess_answer(struct psec_db *db, int64_t id, const char *item,
                               const char *answer, const char *note, json_t *evidence,
                               struct psec_err *e)
{
    struct psec_checklist *ck;
    enum psec_answer a;
    json_t *as, *out = NULL;
    char *ev = NULL;
    int idx;

    if ((as = open_assessment(db, id, e)) == NULL)
        return NULL;
    if ((ck = checklist_of(db, as, e)) == NULL)
        return fail_null(as);
    idx = psec_checklist_item(ck, item);
    if (idx < 0) {
        psec_err_set(e, PSEC_E_INVALID, "item \"%s\" is not in checklist %s %s", item ? item : "",
                     ck->name, ck->version);
        goto done;
    }
    if ((ck->items[idx].scope & scope_of(as)) == 0) {
        psec_err_set(e, PSEC_E_INVALID, "item %s is a %s-level item; assessment %lld is %s level",
                     item, psec_scope_name(ck->items[idx].scope), (long long)id,
                     jstr(as, "scope"));
        goto done;
    }
    if (!psec_answer_parse(answer, &a)) {
        psec_err_set(e, PSEC_E_INVALID, "item %s: answer \"%s\" is not one of YES, NO, NA, NO_OBS",
                     item, answer ? answer : "");
        goto done;
    }
    if (note && strlen(note) > PSEC_NOTE_MAX) {
        psec_err_set(e, PSEC_E_LIMIT, "item %s: note longer than %d bytes", item, PSEC_NOTE_MAX);
        goto done;
    }
    if (evidence && json_array_size(evidence) > 0)
        ev = json_dumps(evidence, JSON_COMPACT);
    if (begin(db, e) != PSEC_OK)
        goto done;
    if (psec_store_answer_put(db, id, item, answer, note, ev, e) || psec_db_commit(db, e)) {
        psec_db_rollback(db);
        goto done;
    }
    out = json_pack("{s:I, s:s, s:s, s:s, s:s}", "assessment", (json_int_t)id, "item", item,
                    "answer", answer, "section", ck->items[idx].section, "question",
                    ck->items[idx].question);
    if (note)
        json_object_set_new(out, "note", json_string(note));
done:
    free(ev);
    psec_checklist_free(ck);
    json_decref(as);
    return out;
}

json_t *psec_app_assess_import(struct psec_db *db, int64_t visit, json_t *doc, bool close,
                               const char *closed_on, struct psec_err *e)
{
    struct psec_assessment_doc d;
    struct psec_checklist *ck;
    json_t *v = NULL, *out = NULL;
    int64_t id = 0, day = 0;
    const char *on;
    int rc;

    ck = psec_app_checklist(db, NULL, NULL, e);
    if (ck == NULL)
        return NULL;
    /* The document names its checklist; use that version when it is loaded. */
    {
        json_t *c = json_object_get(doc, "checklist");
        const char *n = json_string_value(json_object_get(c, "name"));
        const char *ver = json_string_value(json_object_get(c, "version"));
        if (n && ver && (strcmp(n, ck->name) != 0 || strcmp(ver, ck->version) != 0)) {
            struct psec_err e2 = { 0 };
            struct psec_checklist *other = psec_app_checklist(db, n, ver, &e2);
            if (other) {
                psec_checklist_free(ck);
                ck = other;
            }
        }
    }
    if (psec_assessment_from_json(doc, ck, &d, e) != PSEC_OK) {
        psec_checklist_free(ck);
        return NULL;
    }
    if (visit <= 0)
        visit = d.visit;
    if (visit <= 0) {
        psec_err_set(e, PSEC_E_USAGE, "which visit? give --visit ID (the document has no \"visit\")");
        goto done;
    }
    if ((v = psec_store_visit_get(db, visit, e)) == NULL)
        goto done;
    if (strcmp(jstr(v, "country"), d.country) != 0) {
        psec_err_set(e, PSEC_E_INVALID, "country: %s is not %s, the country of visit %lld",
                     d.country, jstr(v, "country"), (long long)visit);
        goto done;
    }
    if (d.scope == PSEC_SCOPE_FACILITY) {
        json_t *f = psec_store_facility_get(db, d.facility, e);
        if (f == NULL) {
            psec_err_set(e, PSEC_E_NOTFOUND, "facility: %s is not in the registry", d.facility);
            goto done;
        }
        json_decref(f);
    }
    on = d.assessed_on[0] ? d.assessed_on : jstr(v, "end_date");
    if (close && closed_on && check_date(closed_on, "closed_on", &day, e) != PSEC_OK)
        goto done;
    if (begin(db, e) != PSEC_OK)
        goto done;
    rc = psec_store_assessment_add(db, visit, psec_scope_name(d.scope), d.country,
                                   d.scope == PSEC_SCOPE_FACILITY ? d.facility : NULL, ck->name,
                                   ck->version, on, d.assessor, d.demo || jint(v, "demo") == 1,
                                   &id, e);
    for (size_t i = 0; rc == PSEC_OK && i < d.n_answers; i++) {
        char *ev = d.answers[i].evidence ? json_dumps(d.answers[i].evidence, JSON_COMPACT) : NULL;
        rc = psec_store_answer_put(db, id, ck->items[d.answers[i].item].id,
                                   psec_answer_name(d.answers[i].answer), d.answers[i].note, ev,
                                   e);
        free(ev);
    }
    if (rc == PSEC_OK && close) {
        json_t *c = psec_app_assess_close(db, id, closed_on ? closed_on : on, e);
        rc = c ? PSEC_OK : (e ? e->code : PSEC_E_DB);
        json_decref(c);
    }
    if (rc != PSEC_OK || psec_db_commit(db, e) != PSEC_OK) {
        psec_db_rollback(db);
        goto done;
    }
    out = psec_store_assessment_get(db, id, e);
    if (out)
        json_object_set_new(out, "answers_imported", json_integer((json_int_t)d.n_answers));
done:
    json_decref(v);
    psec_assessment_doc_clear(&d);
    psec_checklist_free(ck);
    return out;
}

json_t *psec_app_assess_export(struct psec_db *db, int64_t id, struct psec_err *e)
{
    struct psec_assessment_doc d;
    struct psec_checklist *ck;
    json_t *as, *rows, *r, *out = NULL;
    size_t i;

    memset(&d, 0, sizeof d);
    if ((as = psec_store_assessment_get(db, id, e)) == NULL)
        return NULL;
    if ((ck = checklist_of(db, as, e)) == NULL)
        return fail_null(as);
    if ((rows = psec_store_answers(db, id, e)) == NULL)
        goto done;
    d.scope = scope_of(as);
    psec_strlcpy(d.country, jstr(as, "country"), sizeof d.country);
    psec_strlcpy(d.facility, jstr(as, "facility"), sizeof d.facility);
    d.visit = (long long)jint(as, "visit_id");
    psec_strlcpy(d.assessed_on, jstr(as, "assessed_on"), sizeof d.assessed_on);
    psec_strlcpy(d.assessor, jstr(as, "assessor"), sizeof d.assessor);
    psec_strlcpy(d.status, jstr(as, "status"), sizeof d.status);
    d.demo = jint(as, "demo") == 1;
    d.answers = calloc(json_array_size(rows) + 1, sizeof *d.answers);
    if (d.answers == NULL) {
        psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        goto done;
    }
    json_array_foreach(rows, i, r) {
        struct psec_answer_rec *a = &d.answers[d.n_answers];
        const char *note = json_string_value(json_object_get(r, "note"));
        const char *ev = json_string_value(json_object_get(r, "evidence"));
        a->item = psec_checklist_item(ck, jstr(r, "item"));
        if (a->item < 0 || !psec_answer_parse(jstr(r, "answer"), &a->answer))
            continue;
        a->note = note ? strdup(note) : NULL;
        a->evidence = ev ? json_loads(ev, 0, NULL) : NULL;
        d.n_answers++;
    }
    out = psec_assessment_to_json(&d, ck);
    if (out == NULL)
        psec_err_set(e, PSEC_E_NOMEM, "out of memory");
done:
    json_decref(rows);
    psec_assessment_doc_clear(&d);
    psec_checklist_free(ck);
    json_decref(as);
    return out;
}

/* The drills rule for one facility as JSON. */
static json_t *drills_json(struct psec_db *db, const char *facility, int64_t as_of,
                           struct psec_err *e)
{
    json_t *rows = psec_store_drill_list(db, facility, e), *r, *out, *reasons;
    struct psec_drill_event *ev;
    struct psec_drill_result res;
    size_t i, n = 0;

    if (rows == NULL)
        return NULL;
    ev = calloc(json_array_size(rows) + 1, sizeof *ev);
    if (ev == NULL) {
        psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        return fail_null(rows);
    }
    json_array_foreach(rows, i, r) {
        if (!psec_date_parse(jstr(r, "held_on"), &ev[n].date) ||
            !psec_drill_kind_parse(jstr(r, "kind"), &ev[n].kind))
            continue;
        n++;
    }
    psec_drill_check(ev, n, as_of, -1, &res);
    free(ev);
    reasons = json_array();
    for (int k = 0; k < res.n_reasons; k++)
        json_array_append_new(reasons, json_string(res.reasons[k]));
    out = json_pack("{s:b, s:b, s:b, s:o, s:o, s:o, s:o, s:o, s:i, s:i, s:o}",
                    "compliant", res.drills_ok && res.exercises_ok, "drills_ok", res.drills_ok,
                    "exercises_ok", res.exercises_ok, "window_start",
                    date_json(res.window_start), "last_drill", date_json(res.last_drill),
                    "last_exercise", date_json(res.last_exercise), "next_drill_due",
                    date_json(res.next_drill_due), "next_exercise_due",
                    date_json(res.next_exercise_due), "drills_in_window", res.drills_in_window,
                    "exercises_in_window", res.exercises_in_window, "reasons", reasons);
    json_object_set_new(out, "events", rows);
    return out;
}

/* Score, critical failures and findings of one assessment (answers given). */
static json_t *assessment_result(const struct psec_checklist *ck, json_t *as,
                                 const enum psec_answer *ans)
{
    struct psec_score *sc = malloc(sizeof *sc);
    json_t *out, *crit, *nos;
    int *idx;
    size_t n;

    idx = malloc((ck->n_items + 1) * sizeof *idx);
    if (sc == NULL || idx == NULL) {
        free(sc);
        free(idx);
        return NULL;
    }
    psec_assess_score(ck, scope_of(as), ans, sc);
    out = json_object();
    json_object_set_new(out, "total", tally_json(&sc->total));
    json_object_set_new(out, "sections", sections_json(ck, sc->sections));
    crit = json_array();
    for (size_t k = 0; k < sc->n_critical; k++)
        json_array_append_new(crit, item_brief(ck, sc->critical[k]));
    json_object_set_new(out, "critical_failures", crit);
    n = psec_assess_findings(ck, scope_of(as), ans, idx, ck->n_items);
    nos = json_array();
    for (size_t k = 0; k < n; k++)
        json_array_append_new(nos, item_brief(ck, idx[k]));
    json_object_set_new(out, "nos", nos);
    free(idx);
    free(sc);
    return out;
}

json_t *psec_app_assess_show(struct psec_db *db, int64_t id, const char *as_of,
                             struct psec_err *e)
{
    struct psec_checklist *ck;
    enum psec_answer *ans = NULL;
    json_t *as, *rows = NULL, *res;
    int64_t day = 0;

    if (check_date(as_of, "as_of", &day, e) != PSEC_OK)
        return NULL;
    if ((as = psec_store_assessment_get(db, id, e)) == NULL)
        return NULL;
    if ((ck = checklist_of(db, as, e)) == NULL)
        return fail_null(as);
    if ((rows = psec_store_answers(db, id, e)) == NULL || (ans = answer_vector(ck, rows)) == NULL)
        goto fail;
    res = assessment_result(ck, as, ans);
    if (res == NULL)
        goto fail;
    json_object_update(as, res);
    json_decref(res);
    json_object_set_new(as, "answers", rows);
    rows = NULL;
    if (scope_of(as) == PSEC_SCOPE_FACILITY) {
        json_t *dr = drills_json(db, jstr(as, "facility"), day, e);
        if (dr == NULL)
            goto fail;
        json_object_set_new(as, "drills", dr);
    }
    {
        json_t *f = psec_store_findings(db, NULL, id, e);
        if (f == NULL)
            goto fail;
        json_object_set_new(as, "findings", f);
    }
    free(ans);
    psec_checklist_free(ck);
    return as;
fail:
    if (e && e->code == PSEC_OK)
        psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    free(ans);
    json_decref(rows);
    psec_checklist_free(ck);
    return fail_null(as);
}

json_t *psec_app_assess_list(struct psec_db *db, const char *country, int64_t visit,
                             struct psec_err *e)
{
    char cc[3];

    if (country && resolve_country(db, country, cc, e) != PSEC_OK)
        return NULL;
    return psec_store_assessment_list(db, visit, country ? cc : NULL, false, e);
}

json_t *psec_app_assess_close(struct psec_db *db, int64_t id, const char *closed_on,
                              struct psec_err *e)
{
    struct psec_checklist *ck;
    json_t *as, *rows = NULL, *out = NULL, *r;
    int64_t day = 0, on = 0;
    size_t i;
    int rc;

    if ((as = open_assessment(db, id, e)) == NULL)
        return NULL;
    if (closed_on == NULL)
        closed_on = jstr(as, "assessed_on");
    if (check_date(closed_on, "date", &day, e) != PSEC_OK)
        return fail_null(as);
    check_date(jstr(as, "assessed_on"), "assessed_on", &on, NULL);
    if (day < on) {
        psec_err_set(e, PSEC_E_INVALID, "date: %s is before the assessment (%s)", closed_on,
                     jstr(as, "assessed_on"));
        return fail_null(as);
    }
    if ((ck = checklist_of(db, as, e)) == NULL)
        return fail_null(as);
    if ((rows = psec_store_answers(db, id, e)) == NULL)
        goto done;
    if (json_array_size(rows) == 0) {
        psec_err_set(e, PSEC_E_INVALID, "assessment %lld has no answers; nothing to close",
                     (long long)id);
        goto done;
    }
    if (begin(db, e) != PSEC_OK)
        goto done;
    rc = psec_store_assessment_close(db, id, closed_on, e);
    /* Every NO becomes a finding, dated the day of the assessment. */
    json_array_foreach(rows, i, r) {
        if (rc != PSEC_OK)
            break;
        if (strcmp(jstr(r, "answer"), "NO") == 0)
            rc = psec_store_finding_add(db, id, jstr(r, "item"), jstr(as, "assessed_on"),
                                        json_string_value(json_object_get(r, "note")), e);
    }
    if (rc != PSEC_OK || psec_db_commit(db, e) != PSEC_OK) {
        psec_db_rollback(db);
        goto done;
    }
    out = psec_store_assessment_get(db, id, e);
    if (out) {
        json_t *f = psec_store_findings(db, NULL, id, e);
        json_object_set_new(out, "findings", f ? f : json_array());
    }
done:
    json_decref(rows);
    psec_checklist_free(ck);
    json_decref(as);
    return out;
}

/* -------------------------------------------------------- recommendations */

/* Loads a recommendation's history as model events. Returns a new array (free()). */
static struct psec_rec_event *rec_events(json_t *hist, size_t *n)
{
    struct psec_rec_event *ev = calloc(json_array_size(hist) + 1, sizeof *ev);
    json_t *h;
    size_t i;

    *n = 0;
    if (ev == NULL)
        return NULL;
    json_array_foreach(hist, i, h) {
        if (!psec_date_parse(jstr(h, "date"), &ev[*n].date) ||
            !psec_rec_status_parse(jstr(h, "status"), &ev[*n].status))
            continue;
        (*n)++;
    }
    return ev;
}

/* Adds history, findings and the overdue flag to a recommendation row. */
static int rec_enrich(struct psec_db *db, json_t *rec, int64_t as_of, struct psec_err *e)
{
    int64_t id = jint(rec, "id"), due;
    json_t *hist = psec_store_rec_history(db, id, e), *fl, *ids, *f;
    struct psec_rec_event *ev;
    struct psec_rec_overdue od;
    size_t n, i;

    if (hist == NULL)
        return e ? e->code : PSEC_E_DB;
    fl = psec_store_rec_findings(db, id, e);
    if (fl == NULL) {
        json_decref(hist);
        return e ? e->code : PSEC_E_DB;
    }
    ids = json_array();
    json_array_foreach(fl, i, f)
        json_array_append_new(ids, json_integer(jint(f, "finding_id")));
    json_decref(fl);
    ev = rec_events(hist, &n);
    psec_date_parse(jstr(rec, "due"), &due);
    psec_rec_overdue(ev, n, due, as_of, &od);
    free(ev);
    json_object_set_new(rec, "findings", ids);
    json_object_set_new(rec, "history", hist);
    json_object_set_new(rec, "overdue", json_boolean(od.overdue));
    json_object_set_new(rec, "days_overdue", json_integer(od.days_overdue));
    json_object_set_new(rec, "status_note", json_string(od.reason));
    return PSEC_OK;
}

static json_t *rec_add(struct psec_db *db, json_t *findings, const char *text,
                       const char *priority, const char *owner, const char *due,
                       const char *created_on, bool demo, struct psec_err *e)
{
    enum psec_rec_priority prio = PSEC_PRIO_MEDIUM;
    char cc[3] = "";
    int64_t due_d = 0, created_d = 0, latest = 0, id = 0;
    json_t *f, *out;
    size_t i;
    int rc;

    if (!json_is_array(findings) || json_array_size(findings) == 0) {
        psec_err_set(e, PSEC_E_USAGE, "a recommendation answers at least one finding (--finding ID)");
        return NULL;
    }
    if (text == NULL || *text == '\0') {
        psec_err_set(e, PSEC_E_USAGE, "a recommendation needs its text (--text)");
        return NULL;
    }
    if (priority && !psec_rec_priority_parse(priority, &prio)) {
        psec_err_set(e, PSEC_E_INVALID, "priority: \"%s\" is not low, medium or high", priority);
        return NULL;
    }
    if (check_date(due, "due", &due_d, e) || check_date(created_on, "date", &created_d, e))
        return NULL;
    json_array_foreach(findings, i, f) {
        json_t *fd = psec_store_finding_get(db, json_integer_value(f), e);
        int64_t on = 0;
        if (fd == NULL)
            return NULL;
        if (cc[0] == '\0')
            psec_strlcpy(cc, jstr(fd, "country"), sizeof cc);
        else if (strcmp(cc, jstr(fd, "country")) != 0) {
            psec_err_set(e, PSEC_E_INVALID, "finding %lld is in %s, not %s: one country per "
                         "recommendation", (long long)json_integer_value(f), jstr(fd, "country"),
                         cc);
            return fail_null(fd);
        }
        psec_date_parse(jstr(fd, "found_on"), &on);
        if (psec_rec_due_check(on, due_d, e) != PSEC_OK) {
            psec_err_prefix(e, "finding %lld (%s): ", (long long)json_integer_value(f),
                            jstr(fd, "item"));
            return fail_null(fd);
        }
        if (on > latest)
            latest = on;
        json_decref(fd);
    }
    if (created_d < latest) {
        psec_err_set(e, PSEC_E_INVALID, "date: %s is before the finding it answers", created_on);
        return NULL;
    }
    if (begin(db, e) != PSEC_OK)
        return NULL;
    rc = psec_store_rec_add(db, cc, text, psec_rec_priority_name(prio), owner, due, created_on,
                            demo, &id, e);
    json_array_foreach(findings, i, f)
        if (rc == PSEC_OK)
            rc = psec_store_rec_link(db, id, json_integer_value(f), e);
    if (rc == PSEC_OK)
        rc = psec_store_rec_history_add(db, id, created_on, "open", "recommended", e);
    if (rc != PSEC_OK || psec_db_commit(db, e) != PSEC_OK)
        return rollback_null(db, NULL);
    out = psec_store_rec_get(db, id, e);
    if (out && rec_enrich(db, out, created_d, e) != PSEC_OK)
        return fail_null(out);
    return out;
}

json_t *psec_app_rec_add(struct psec_db *db, json_t *findings, const char *text,
                         const char *priority, const char *owner, const char *due,
                         const char *created_on, struct psec_err *e)
{
    return rec_add(db, findings, text, priority, owner, due, created_on, false, e);
}

json_t *psec_app_rec_update(struct psec_db *db, int64_t id, const char *status, const char *date,
                            const char *note, const char *due, int64_t expect_version,
                            struct psec_err *e)
{
    enum psec_rec_status to;
    struct psec_rec_event *ev;
    json_t *rec, *hist;
    int64_t day = 0, due_d = 0, created = 0;
    size_t n;
    int rc;

    if (!psec_rec_status_parse(status, &to)) {
        psec_err_set(e, PSEC_E_INVALID,
                     "status: \"%s\" is not open, in-progress, implemented, verified or "
                     "not-accepted", status ? status : "");
        return NULL;
    }
    if (check_date(date, "date", &day, e) != PSEC_OK)
        return NULL;
    if (due && check_date(due, "due", &due_d, e) != PSEC_OK)
        return NULL;
    if ((rec = psec_store_rec_get(db, id, e)) == NULL)
        return NULL;
    psec_date_parse(jstr(rec, "created_on"), &created);
    if (due && due_d < created) {
        psec_err_set(e, PSEC_E_INVALID, "due: %s is before the recommendation was made (%s)", due,
                     jstr(rec, "created_on"));
        return fail_null(rec);
    }
    if ((hist = psec_store_rec_history(db, id, e)) == NULL)
        return fail_null(rec);
    ev = realloc(rec_events(hist, &n), (json_array_size(hist) + 2) * sizeof *ev);
    json_decref(hist);
    if (ev == NULL) {
        psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        return fail_null(rec);
    }
    ev[n].date = day;
    ev[n].status = to;
    rc = psec_rec_history_check(ev, n + 1, e);
    free(ev);
    if (rc != PSEC_OK) {
        psec_err_prefix(e, "recommendation %lld: ", (long long)id);
        return fail_null(rec);
    }
    json_decref(rec);
    if (begin(db, e) != PSEC_OK)
        return NULL;
    if (psec_store_rec_set(db, id, status, due, expect_version, e) ||
        psec_store_rec_history_add(db, id, date, status, note, e) || psec_db_commit(db, e))
        return rollback_null(db, NULL);
    rec = psec_store_rec_get(db, id, e);
    if (rec && rec_enrich(db, rec, day, e) != PSEC_OK)
        return fail_null(rec);
    return rec;
}

json_t *psec_app_rec_list(struct psec_db *db, const char *country, bool overdue_only,
                          const char *as_of, struct psec_err *e)
{
    json_t *rows, *out, *r;
    int64_t day = 0;
    char cc[3];
    size_t i;

    if (check_date(as_of, "as_of", &day, e) != PSEC_OK)
        return NULL;
    if (country && resolve_country(db, country, cc, e) != PSEC_OK)
        return NULL;
    if ((rows = psec_store_rec_list(db, country ? cc : NULL, e)) == NULL)
        return NULL;
    out = json_array();
    json_array_foreach(rows, i, r) {
        if (rec_enrich(db, r, day, e) != PSEC_OK) {
            json_decref(out);
            return fail_null(rows);
        }
        if (!overdue_only || json_is_true(json_object_get(r, "overdue")))
            json_array_append(out, r);
    }
    json_decref(rows);
    return out;
}

/* -------------------------------------------------------------- practices */

static json_t *practice_add(struct psec_db *db, const char *section, const char *title,
                            const char *text, const char *kind, const char *country,
                            int64_t visit, bool demo, struct psec_err *e)
{
    struct psec_checklist *ck = psec_app_checklist(db, NULL, NULL, e);
    char cc[3] = "";
    int64_t id = 0;
    json_t *rows;

    if (ck == NULL)
        return NULL;
    if (section == NULL || psec_checklist_section(ck, section) < 0) {
        psec_err_set(e, PSEC_E_INVALID, "section: \"%s\" is not a checklist section (see "
                     "docs/assessments.md)", section ? section : "");
        psec_checklist_free(ck);
        return NULL;
    }
    psec_checklist_free(ck);
    if (title == NULL || *title == '\0' || text == NULL || *text == '\0') {
        psec_err_set(e, PSEC_E_USAGE, "a practice needs --title and --text");
        return NULL;
    }
    if (kind == NULL)
        kind = "observed";
    if (strcmp(kind, "observed") != 0 && strcmp(kind, "shared") != 0) {
        psec_err_set(e, PSEC_E_INVALID, "kind: \"%s\" is not observed or shared", kind);
        return NULL;
    }
    if (country && resolve_country(db, country, cc, e) != PSEC_OK)
        return NULL;
    if (visit > 0) {
        json_t *v = psec_store_visit_get(db, visit, e);
        if (v == NULL)
            return NULL;
        if (cc[0] == '\0')
            psec_strlcpy(cc, jstr(v, "country"), sizeof cc);
        json_decref(v);
    }
    if (begin(db, e) != PSEC_OK)
        return NULL;
    if (psec_store_practice_add(db, section, title, text, kind, cc[0] ? cc : NULL, visit, demo,
                                &id, e) ||
        psec_db_commit(db, e))
        return rollback_null(db, NULL);
    rows = psec_store_practice_list(db, section, NULL, e);
    if (rows) {
        json_t *r;
        size_t i;
        json_array_foreach(rows, i, r)
            if (jint(r, "id") == id) {
                json_t *one = json_incref(r);
                json_decref(rows);
                return one;
            }
        json_decref(rows);
    }
    return NULL;
}

json_t *psec_app_practice_add(struct psec_db *db, const char *section, const char *title,
                              const char *text, const char *kind, const char *country,
                              int64_t visit, struct psec_err *e)
{
    return practice_add(db, section, title, text, kind, country, visit, false, e);
}

json_t *psec_app_practice_list(struct psec_db *db, const char *section, const char *country,
                               struct psec_err *e)
{
    char cc[3];

    if (country && resolve_country(db, country, cc, e) != PSEC_OK)
        return NULL;
    return psec_store_practice_list(db, section, country ? cc : NULL, e);
}

json_t *psec_app_practice_export(struct psec_db *db, const char *section, struct psec_err *e)
{
    json_t *rows = psec_store_practice_list(db, section, NULL, e), *out, *r;
    size_t i;

    if (rows == NULL)
        return NULL;
    out = json_array();
    json_array_foreach(rows, i, r)
        json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:s}", "section",
                                             jstr(r, "section"), "title", jstr(r, "title"),
                                             "text", jstr(r, "text"), "kind", jstr(r, "kind")));
    json_decref(rows);
    return out;
}

/* ----------------------------------------------------------------- drills */

json_t *psec_app_drill_add(struct psec_db *db, const char *facility, const char *kind,
                           const char *held_on, const char *scenario, const char *notes,
                           struct psec_err *e)
{
    enum psec_drill_kind k;
    int64_t id = 0, day = 0;
    json_t *f, *rows, *r;
    size_t i;
    bool demo;

    if (!psec_drill_kind_parse(kind, &k)) {
        psec_err_set(e, PSEC_E_INVALID, "kind: \"%s\" is not drill or exercise", kind ? kind : "");
        return NULL;
    }
    if (check_date(held_on, "date", &day, e) != PSEC_OK)
        return NULL;
    if ((f = psec_store_facility_get(db, facility, e)) == NULL) {
        psec_err_set(e, PSEC_E_NOTFOUND, "port facility %s is not in the registry", facility);
        return NULL;
    }
    demo = jint(f, "demo") == 1;
    json_decref(f);
    if (begin(db, e) != PSEC_OK)
        return NULL;
    if (psec_store_drill_add(db, facility, kind, held_on, scenario, notes, demo, &id, e) ||
        psec_db_commit(db, e))
        return rollback_null(db, NULL);
    if ((rows = psec_store_drill_list(db, facility, e)) == NULL)
        return NULL;
    json_array_foreach(rows, i, r)
        if (jint(r, "id") == id) {
            json_t *one = json_incref(r);
            json_decref(rows);
            return one;
        }
    json_decref(rows);
    psec_err_set(e, PSEC_E_DB, "drill %lld vanished", (long long)id);
    return NULL;
}

json_t *psec_app_drill_list(struct psec_db *db, const char *facility, const char *as_of,
                            struct psec_err *e)
{
    json_t *f, *out;
    int64_t day = 0;

    if (check_date(as_of, "as_of", &day, e) != PSEC_OK)
        return NULL;
    if ((f = psec_store_facility_get(db, facility, e)) == NULL) {
        psec_err_set(e, PSEC_E_NOTFOUND, "port facility %s is not in the registry", facility);
        return NULL;
    }
    out = drills_json(db, facility, day, e);
    if (out) {
        json_object_set_new(out, "facility", json_string(facility));
        json_object_set_new(out, "facility_name", json_string(jstr(f, "name")));
        json_object_set_new(out, "as_of", json_string(as_of));
    }
    json_decref(f);
    return out;
}

/* ---------------------------------------------------------- determination */

/* The latest closed assessment per (scope, facility) of a country, and the
 * one before it: the "current set" of the rule and the report. */
struct cur_set {
    json_t *current;        /* array of assessment rows */
    json_t *previous;       /* array: the previous closed one of the same subject */
};

static int current_set(struct psec_db *db, const char *cc, struct cur_set *cs, struct psec_err *e)
{
    json_t *all = psec_store_assessment_list(db, 0, cc, true, e), *a;
    json_t *seen;
    size_t i;

    cs->current = cs->previous = NULL;
    if (all == NULL)
        return e ? e->code : PSEC_E_DB;
    cs->current = json_array();
    cs->previous = json_array();
    seen = json_object();       /* subject -> index in current */
    /* Oldest first: later ones push earlier ones into "previous". */
    json_array_foreach(all, i, a) {
        const char *subject = strcmp(jstr(a, "scope"), "country") == 0 ? "country"
                                                                      : jstr(a, "facility");
        json_t *idx = json_object_get(seen, subject);
        if (idx == NULL) {
            json_object_set_new(seen, subject, json_integer((json_int_t)json_array_size(cs->current)));
            json_array_append(cs->current, a);
        } else {
            size_t k = (size_t)json_integer_value(idx);
            json_t *prev = json_array_get(cs->current, k);
            /* Keep only the immediately previous one per subject. */
            size_t j;
            json_t *p;
            json_array_foreach(cs->previous, j, p) {
                const char *ps = strcmp(jstr(p, "scope"), "country") == 0 ? "country"
                                                                          : jstr(p, "facility");
                if (strcmp(ps, subject) == 0) {
                    json_array_remove(cs->previous, j);
                    break;
                }
            }
            json_array_append(cs->previous, prev);
            json_array_set(cs->current, k, a);
        }
    }
    json_decref(seen);
    json_decref(all);
    return PSEC_OK;
}

static void cur_set_free(struct cur_set *cs)
{
    json_decref(cs->current);
    json_decref(cs->previous);
}

/* Whether a finding is open: no recommendation answering it is verified. */
static int finding_open(struct psec_db *db, int64_t finding, bool *open, struct psec_err *e)
{
    json_t *recs = psec_store_finding_recs(db, finding, e), *r;
    enum psec_rec_status s;
    size_t i;

    if (recs == NULL)
        return e ? e->code : PSEC_E_DB;
    *open = true;
    json_array_foreach(recs, i, r)
        if (psec_rec_status_parse(jstr(r, "status"), &s) && psec_rec_closes_finding(s))
            *open = false;
    json_decref(recs);
    return PSEC_OK;
}

struct proposal_ctx {
    struct psec_checklist *ck;
    struct cur_set cs;
    enum psec_answer *country;
    enum psec_answer **fac;           /* per current facility assessment */
    struct psec_det_facility *facs;
    size_t n_facs;
    struct psec_det_finding *finds;
    size_t n_finds;
    json_t *findings;                 /* rows of findings in the current set, with "open" */
    char **where;                     /* strings for finds[].where */
};

static void proposal_ctx_free(struct proposal_ctx *p)
{
    for (size_t i = 0; i < p->n_facs; i++)
        free(p->fac[i]);
    for (size_t i = 0; i < p->n_finds; i++)
        free(p->where[i]);
    free(p->where);
    free(p->fac);
    free(p->facs);
    free(p->finds);
    free(p->country);
    json_decref(p->findings);
    cur_set_free(&p->cs);
    psec_checklist_free(p->ck);
    memset(p, 0, sizeof *p);
}

static int proposal_ctx_load(struct psec_db *db, const char *cc, struct proposal_ctx *p,
                             struct psec_err *e)
{
    size_t i, nfac = 0;
    json_t *a;
    int rc;

    memset(p, 0, sizeof *p);
    if ((p->ck = psec_app_checklist(db, NULL, NULL, e)) == NULL)
        return e ? e->code : PSEC_E_DB;
    if ((rc = current_set(db, cc, &p->cs, e)) != PSEC_OK)
        return rc;
    p->fac = calloc(json_array_size(p->cs.current) + 1, sizeof *p->fac);
    p->facs = calloc(json_array_size(p->cs.current) + 1, sizeof *p->facs);
    p->findings = json_array();
    if (p->fac == NULL || p->facs == NULL)
        return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    json_array_foreach(p->cs.current, i, a) {
        json_t *rows = psec_store_answers(db, jint(a, "id"), e), *fr, *f;
        enum psec_answer *v;
        size_t k;
        if (rows == NULL)
            return e ? e->code : PSEC_E_DB;
        v = answer_vector(p->ck, rows);
        json_decref(rows);
        if (v == NULL)
            return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        if (scope_of(a) == PSEC_SCOPE_COUNTRY) {
            free(p->country);
            p->country = v;
        } else {
            p->fac[nfac] = v;
            p->facs[nfac].number = jstr(a, "facility");
            p->facs[nfac].answers = v;
            nfac++;
            p->n_facs = nfac;
        }
        if ((fr = psec_store_findings(db, NULL, jint(a, "id"), e)) == NULL)
            return e ? e->code : PSEC_E_DB;
        json_array_foreach(fr, k, f) {
            bool open = true;
            if ((rc = finding_open(db, jint(f, "id"), &open, e)) != PSEC_OK) {
                json_decref(fr);
                return rc;
            }
            json_object_set_new(f, "open", json_boolean(open));
            json_array_append(p->findings, f);
        }
        json_decref(fr);
    }
    p->n_finds = json_array_size(p->findings);
    p->finds = calloc(p->n_finds + 1, sizeof *p->finds);
    p->where = calloc(p->n_finds + 1, sizeof *p->where);
    if (p->finds == NULL || p->where == NULL)
        return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    json_array_foreach(p->findings, i, a) {
        const char *w = strcmp(jstr(a, "scope"), "country") == 0 ? "country" : jstr(a, "facility");
        p->where[i] = strdup(w);
        p->finds[i].where = p->where[i] ? p->where[i] : "";
        p->finds[i].item = psec_checklist_item(p->ck, jstr(a, "item"));
        p->finds[i].open = json_is_true(json_object_get(a, "open"));
    }
    return PSEC_OK;
}

static json_t *proposal_json(const struct psec_det_proposal *pr)
{
    json_t *reasons = json_array();

    for (size_t i = 0; i < pr->n_reasons; i++) {
        const struct psec_det_reason *r = &pr->reasons[i];
        json_t *o = json_pack("{s:s, s:b, s:s}", "rule", r->rule, "decisive", r->decisive,
                              "text", r->text);
        if (r->where[0])
            json_object_set_new(o, "where", json_string(r->where));
        if (r->item[0])
            json_object_set_new(o, "item", json_string(r->item));
        json_array_append_new(reasons, o);
    }
    return json_pack("{s:s, s:i, s:i, s:i, s:o}", "result", psec_det_result_name(pr->result),
                     "facilities_assessed", pr->facilities_assessed, "facilities_failing",
                     pr->facilities_failing, "open_findings", pr->open_findings, "reasons",
                     reasons);
}

/* Last assessment visit (end date, days) of a country, or -1. */
static int64_t last_assessment_visit(struct psec_db *db, const char *cc, struct psec_err *e)
{
    json_t *visits = psec_store_visit_list(db, cc, e), *v;
    int64_t best = -1, d = 0;
    size_t i;

    json_array_foreach(visits, i, v)
        if (strcmp(jstr(v, "kind"), "assessment") == 0 &&
            psec_date_parse(jstr(v, "end_date"), &d) && d > best)
            best = d;
    json_decref(visits);
    return best;
}

static json_t *propose(struct psec_db *db, const char *cc, struct proposal_ctx *ctx,
                       struct psec_err *e)
{
    struct psec_det_input in;
    struct psec_det_proposal pr;
    json_t *out;

    memset(&in, 0, sizeof in);
    in.ck = ctx->ck;
    in.country = ctx->country;
    in.facilities = ctx->facs;
    in.n_facilities = ctx->n_facs;
    in.findings = ctx->finds;
    in.n_findings = ctx->n_finds;
    if (psec_det_propose(&in, &pr, e) != PSEC_OK)
        return NULL;
    out = proposal_json(&pr);
    psec_det_proposal_free(&pr);
    json_object_set_new(out, "country", json_string(cc));
    json_object_set_new(out, "rule", json_string("docs/determination.md R1-R4"));
    {
        json_t *basis = json_array(), *a;
        bool demo = false;
        size_t i;
        json_array_foreach(ctx->cs.current, i, a)
            demo |= jint(a, "demo") == 1;
        json_object_set_new(out, "demo", json_boolean(demo));
        json_array_foreach(ctx->cs.current, i, a)
            json_array_append_new(basis, json_pack("{s:I, s:s, s:o, s:s}", "assessment",
                                                   (json_int_t)jint(a, "id"), "scope",
                                                   jstr(a, "scope"), "facility",
                                                   json_object_get(a, "facility")
                                                       ? json_incref(json_object_get(a, "facility"))
                                                       : json_null(),
                                                   "assessed_on", jstr(a, "assessed_on")));
        json_object_set_new(out, "based_on", basis);
    }
    {
        int64_t last = last_assessment_visit(db, cc, e);
        json_object_set_new(out, "last_assessment_visit", date_json(last));
        json_object_set_new(out, "next_reassessment_due",
                            last < 0 ? json_null() : date_json(psec_reassessment_due(last)));
    }
    return out;
}

json_t *psec_app_determine_propose(struct psec_db *db, const char *country, const char *as_of,
                                   struct psec_err *e)
{
    struct proposal_ctx ctx;
    json_t *out = NULL;
    char cc[3];

    if (check_date(as_of, "as_of", NULL, e) != PSEC_OK)
        return NULL;
    if (resolve_country(db, country, cc, e) != PSEC_OK)
        return NULL;
    if (proposal_ctx_load(db, cc, &ctx, e) == PSEC_OK)
        out = propose(db, cc, &ctx, e);
    proposal_ctx_free(&ctx);
    if (out)
        json_object_set_new(out, "as_of", json_string(as_of));
    return out;
}

json_t *psec_app_determine_record(struct psec_db *db, const char *country, const char *result,
                                  const char *decided_on, const char *rationale,
                                  const char *notified_on, const char *as_of, struct psec_err *e)
{
    enum psec_det_result r;
    json_t *prop, *out = NULL;
    char *text = NULL, cc[3], deadline[16] = "";
    int64_t dd = 0, nd = 0, id = 0;
    bool demo = false;

    if (!psec_det_result_parse(result, &r)) {
        psec_err_set(e, PSEC_E_INVALID, "result: \"%s\" is not effective, "
                     "effective-with-recommendations or not-effective", result ? result : "");
        return NULL;
    }
    if (check_date(decided_on, "date", &dd, e) != PSEC_OK)
        return NULL;
    if (rationale == NULL || *rationale == '\0') {
        psec_err_set(e, PSEC_E_USAGE, "a determination needs its rationale (--rationale TEXT)");
        return NULL;
    }
    if (r == PSEC_DET_NOT_EFFECTIVE) {
        /* The 90 days of 46 U.S.C. 70110(b) run from notification; default: the decision day. */
        if (notified_on == NULL)
            notified_on = decided_on;
        if (check_date(notified_on, "notified", &nd, e) != PSEC_OK)
            return NULL;
        if (nd < dd) {
            psec_err_set(e, PSEC_E_INVALID, "notified: %s is before the decision (%s)",
                         notified_on, decided_on);
            return NULL;
        }
        psec_date_format(psec_correction_deadline(nd), deadline, sizeof deadline);
    } else if (notified_on != NULL) {
        psec_err_set(e, PSEC_E_USAGE, "--notified applies only to a not-effective result");
        return NULL;
    }
    if (resolve_country(db, country, cc, e) != PSEC_OK)
        return NULL;
    prop = psec_app_determine_propose(db, cc, as_of ? as_of : decided_on, e);
    if (prop == NULL)
        return NULL;
    /* Demonstration data when the proposal rests on demonstration assessments. */
    demo = json_is_true(json_object_get(prop, "demo"));
    text = json_dumps(prop, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (text == NULL || begin(db, e) != PSEC_OK)
        goto done;
    if (psec_store_determination_add(db, cc, result, decided_on, rationale,
                                     r == PSEC_DET_NOT_EFFECTIVE ? notified_on : NULL,
                                     deadline[0] ? deadline : NULL, jstr(prop, "result"), text,
                                     demo, &id, e) ||
        psec_db_commit(db, e)) {
        psec_db_rollback(db);
        goto done;
    }
    out = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:b, s:O}", "id", (json_int_t)id,
                    "country", cc, "result", result, "decided_on", decided_on, "rationale",
                    rationale, "notified_on",
                    r == PSEC_DET_NOT_EFFECTIVE ? json_string(notified_on) : json_null(),
                    "correction_deadline", deadline[0] ? json_string(deadline) : json_null(),
                    "proposal_result", jstr(prop, "result"), "agrees_with_proposal",
                    strcmp(result, jstr(prop, "result")) == 0, "next_reassessment_due",
                    json_object_get(prop, "next_reassessment_due"));
done:
    free(text);
    json_decref(prop);
    return out;
}

json_t *psec_app_determine_history(struct psec_db *db, const char *country, const char *as_of,
                                   struct psec_err *e)
{
    json_t *rows, *r, *out;
    int64_t last = 0, day = 0;
    char cc[3];
    size_t i;

    if (check_date(as_of, "as_of", &day, e) != PSEC_OK)
        return NULL;
    if (resolve_country(db, country, cc, e) != PSEC_OK)
        return NULL;
    if ((rows = psec_store_determination_list(db, cc, e)) == NULL)
        return NULL;
    /* The stored proposal is JSON text: give it back as JSON. */
    json_array_foreach(rows, i, r) {
        json_t *p = json_loads(jstr(r, "proposal"), 0, NULL);
        json_object_set_new(r, "proposal", p ? p : json_null());
    }
    last = last_assessment_visit(db, cc, e);
    out = json_pack("{s:s, s:o, s:o, s:o, s:s}", "country", cc, "last_assessment_visit",
                    date_json(last), "next_reassessment_due",
                    last < 0 ? json_null() : date_json(psec_reassessment_due(last)),
                    "determinations", rows, "as_of", as_of);
    json_object_set_new(out, "reassessment_overdue",
                        json_boolean(last >= 0 && day > psec_reassessment_due(last)));
    return out;
}

/* ----------------------------------------------------------------- report */

/* Section tallies summed over a set of assessments. */
static int set_tallies(struct psec_db *db, const struct psec_checklist *ck, json_t *set,
                       struct psec_tally *secs, struct psec_tally *total, struct psec_err *e)
{
    struct psec_score *sc = malloc(sizeof *sc);
    json_t *a;
    size_t i;

    if (sc == NULL)
        return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    memset(secs, 0, sizeof *secs * PSEC_CK_MAX_SECTIONS);
    memset(total, 0, sizeof *total);
    json_array_foreach(set, i, a) {
        json_t *rows = psec_store_answers(db, jint(a, "id"), e);
        enum psec_answer *v = rows ? answer_vector(ck, rows) : NULL;
        json_decref(rows);
        if (v == NULL) {
            free(sc);
            return e && e->code ? e->code : psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        }
        psec_assess_score(ck, scope_of(a), v, sc);
        for (size_t s = 0; s < ck->n_sections; s++)
            psec_tally_add(&secs[s], &sc->sections[s]);
        psec_tally_add(total, &sc->total);
        free(v);
    }
    for (size_t s = 0; s < ck->n_sections; s++)
        psec_tally_finish(&secs[s]);
    psec_tally_finish(total);
    free(sc);
    return PSEC_OK;
}

static json_t *report_facilities(struct psec_db *db, struct proposal_ctx *ctx, int64_t day,
                                 struct psec_err *e)
{
    json_t *arr = json_array(), *a;
    size_t i, f = 0;

    json_array_foreach(ctx->cs.current, i, a) {
        struct psec_score *sc;
        json_t *o, *crit, *dr;
        if (scope_of(a) != PSEC_SCOPE_FACILITY)
            continue;
        sc = malloc(sizeof *sc);
        if (sc == NULL)
            return fail_null(arr);
        psec_assess_score(ctx->ck, PSEC_SCOPE_FACILITY, ctx->fac[f++], sc);
        crit = json_array();
        for (size_t k = 0; k < sc->n_critical; k++)
            json_array_append_new(crit, json_string(ctx->ck->items[sc->critical[k]].id));
        o = json_pack("{s:s, s:s, s:s, s:I, s:s, s:o, s:o, s:i, s:i, s:o}", "number",
                      jstr(a, "facility"), "name", jstr(a, "facility_name"), "port",
                      jstr(a, "port"), "assessment", (json_int_t)jint(a, "id"), "assessed_on",
                      jstr(a, "assessed_on"), "score", ratio_json(sc->total.score), "coverage",
                      ratio_json(sc->total.coverage), "yes", sc->total.yes, "no", sc->total.no,
                      "critical_failures", crit);
        free(sc);
        dr = drills_json(db, jstr(a, "facility"), day, e);
        if (dr == NULL)
            return fail_null(arr);
        json_object_del(dr, "events");
        json_object_del(dr, "window_start");
        json_object_del(dr, "drills_in_window");
        json_object_del(dr, "exercises_in_window");
        json_object_set_new(o, "drills", dr);
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *report_findings(struct proposal_ctx *ctx)
{
    json_t *out = json_array();

    for (size_t s = 0; s < ctx->ck->n_sections; s++) {
        json_t *list = json_array(), *f;
        size_t i;
        json_array_foreach(ctx->findings, i, f) {
            int idx = psec_checklist_item(ctx->ck, jstr(f, "item"));
            json_t *o;
            if (idx < 0 || ctx->ck->items[idx].section_index != (int)s)
                continue;
            o = item_brief(ctx->ck, idx);
            json_object_del(o, "section");
            json_object_del(o, "section_title");
            json_object_set_new(o, "id", json_integer(jint(f, "id")));
            json_object_set_new(o, "where", json_string(strcmp(jstr(f, "scope"), "country") == 0
                                                            ? "country" : jstr(f, "facility")));
            json_object_set_new(o, "found_on", json_string(jstr(f, "found_on")));
            json_object_set_new(o, "note", json_object_get(f, "note")
                                               ? json_incref(json_object_get(f, "note"))
                                               : json_null());
            json_object_set_new(o, "status", json_string(json_is_true(json_object_get(f, "open"))
                                                             ? "open" : "closed"));
            json_array_append_new(list, o);
        }
        if (json_array_size(list) == 0) {
            json_decref(list);
            continue;
        }
        json_array_append_new(out, json_pack("{s:s, s:s, s:o}", "section",
                                             ctx->ck->sections[s].id, "title",
                                             ctx->ck->sections[s].title, "findings", list));
    }
    return out;
}

json_t *psec_app_report_country(struct psec_db *db, const char *country, const char *as_of,
                                struct psec_err *e)
{
    struct psec_tally *cur = NULL, *prev = NULL, ctot, ptot;
    struct proposal_ctx ctx;
    json_t *doc = NULL, *c = NULL, *x;
    int64_t day = 0;
    char cc[3];
    bool demo = false;
    size_t i;
    int open = 0, overdue = 0, crit = 0;

    memset(&ctx, 0, sizeof ctx);
    if (check_date(as_of, "as_of", &day, e) != PSEC_OK)
        return NULL;
    if (resolve_country(db, country, cc, e) != PSEC_OK)
        return NULL;
    if ((c = psec_store_country_get(db, cc, e)) == NULL)
        return NULL;
    if (proposal_ctx_load(db, cc, &ctx, e) != PSEC_OK)
        goto fail;
    if (json_array_size(ctx.cs.current) == 0) {
        psec_err_set(e, PSEC_E_NOTFOUND, "%s has no closed assessment to report on", cc);
        goto fail;
    }
    cur = calloc(PSEC_CK_MAX_SECTIONS, sizeof *cur);
    prev = calloc(PSEC_CK_MAX_SECTIONS, sizeof *prev);
    if (cur == NULL || prev == NULL) {
        psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        goto fail;
    }
    doc = json_object();
    json_object_set_new(doc, "report", json_string("country-assessment"));
    json_object_set_new(doc, "format_version", json_integer(1));
    json_array_foreach(ctx.cs.current, i, x)
        demo |= jint(x, "demo") == 1;
    json_object_set_new(doc, "demo", json_boolean(demo));
    if (demo)
        json_object_set_new(doc, "demo_notice",
                            json_string("DEMONSTRATION DATA. This report is generated from "
                                        "invented sample data shipped with portsec. It is not an "
                                        "assessment of any real country or port facility."));
    json_object_set_new(doc, "generated_on", json_string(as_of));
    json_object_set_new(doc, "country", json_pack("{s:s, s:s}", "alpha2", cc, "name",
                                                  jstr(c, "name")));
    json_object_set_new(doc, "checklist", json_pack("{s:s, s:s}", "name", ctx.ck->name,
                                                    "version", ctx.ck->version));

    /* Summary: proposal, recorded determination, counts, reassessment. */
    {
        json_t *prop = propose(db, cc, &ctx, e), *hist, *sum, *recs, *r;
        size_t k;
        if (prop == NULL)
            goto fail;
        hist = psec_store_determination_list(db, cc, e);
        recs = psec_app_rec_list(db, cc, false, as_of, e);
        if (hist == NULL || recs == NULL) {
            json_decref(prop);
            json_decref(hist);
            json_decref(recs);
            goto fail;
        }
        json_array_foreach(ctx.findings, k, r)
            open += json_is_true(json_object_get(r, "open"));
        json_array_foreach(recs, k, r)
            overdue += json_is_true(json_object_get(r, "overdue"));
        if (set_tallies(db, ctx.ck, ctx.cs.current, cur, &ctot, e) != PSEC_OK) {
            json_decref(prop);
            json_decref(hist);
            json_decref(recs);
            goto fail;
        }
        for (size_t f = 0; f < ctx.n_facs; f++) {
            struct psec_score *sc = malloc(sizeof *sc);
            if (sc == NULL)
                break;
            psec_assess_score(ctx.ck, PSEC_SCOPE_FACILITY, ctx.fac[f], sc);
            crit += (int)sc->n_critical;
            free(sc);
        }
        if (ctx.country) {
            struct psec_score *sc = malloc(sizeof *sc);
            if (sc) {
                psec_assess_score(ctx.ck, PSEC_SCOPE_COUNTRY, ctx.country, sc);
                crit += (int)sc->n_critical;
                free(sc);
            }
        }
        sum = json_object();
        if (json_array_size(hist) > 0) {
            json_t *d = json_array_get(hist, 0);
            json_object_set_new(sum, "determination",
                                json_pack("{s:s, s:s, s:s, s:O, s:O, s:s}", "result",
                                          jstr(d, "result"), "decided_on", jstr(d, "decided_on"),
                                          "rationale", jstr(d, "rationale"), "notified_on",
                                          json_object_get(d, "notified_on"),
                                          "correction_deadline",
                                          json_object_get(d, "correction_deadline"),
                                          "proposal_result", jstr(d, "proposal_result")));
        } else {
            json_object_set_new(sum, "determination", json_null());
        }
        json_object_set_new(sum, "proposal", json_pack("{s:O, s:O}", "result",
                                                       json_object_get(prop, "result"), "reasons",
                                                       json_object_get(prop, "reasons")));
        json_object_set_new(sum, "overall_score", ratio_json(ctot.score));
        json_object_set_new(sum, "overall_coverage", ratio_json(ctot.coverage));
        json_object_set_new(sum, "facilities_assessed", json_integer((json_int_t)ctx.n_facs));
        json_object_set_new(sum, "critical_failures", json_integer(crit));
        json_object_set_new(sum, "findings", json_integer((json_int_t)ctx.n_finds));
        json_object_set_new(sum, "open_findings", json_integer(open));
        json_object_set_new(sum, "recommendations", json_integer((json_int_t)json_array_size(recs)));
        json_object_set_new(sum, "overdue_recommendations", json_integer(overdue));
        json_object_set_new(sum, "last_assessment_visit",
                            json_incref(json_object_get(prop, "last_assessment_visit")));
        json_object_set_new(sum, "next_reassessment_due",
                            json_incref(json_object_get(prop, "next_reassessment_due")));
        json_object_set_new(doc, "summary", sum);
        json_decref(prop);
        json_decref(hist);
        /* Recommendations: drop the free-form fields the report does not print. */
        json_array_foreach(recs, k, r) {
            json_object_del(r, "country");
            json_object_del(r, "version");
            json_object_del(r, "demo");
        }
        json_object_set_new(doc, "recommendations", recs);
    }

    /* Visit: the visit of the newest assessment in the current set. */
    {
        json_t *newest = NULL, *v;
        json_array_foreach(ctx.cs.current, i, x)
            if (newest == NULL || strcmp(jstr(x, "assessed_on"), jstr(newest, "assessed_on")) > 0)
                newest = x;
        v = psec_store_visit_get(db, jint(newest, "visit_id"), e);
        if (v == NULL)
            goto fail;
        json_object_del(v, "version");
        json_object_del(v, "country");
        json_object_del(v, "country_name");
        json_object_set_new(doc, "visit", v);
    }

    json_object_set_new(doc, "sections", sections_json(ctx.ck, cur));
    if ((x = report_facilities(db, &ctx, day, e)) == NULL)
        goto fail;
    json_object_set_new(doc, "facilities", x);
    json_object_set_new(doc, "findings", report_findings(&ctx));

    /* Change since the previous assessment of the same subjects. */
    if (json_array_size(ctx.cs.previous) == 0) {
        json_object_set_new(doc, "change", json_null());
    } else {
        json_t *chg = json_object(), *secs = json_array(), *pl = json_array();
        if (set_tallies(db, ctx.ck, ctx.cs.previous, prev, &ptot, e) != PSEC_OK) {
            json_decref(chg);
            json_decref(secs);
            json_decref(pl);
            goto fail;
        }
        json_array_foreach(ctx.cs.previous, i, x)
            json_array_append_new(pl, json_pack("{s:I, s:s, s:O, s:s}", "assessment",
                                                (json_int_t)jint(x, "id"), "scope",
                                                jstr(x, "scope"), "facility",
                                                json_object_get(x, "facility"), "assessed_on",
                                                jstr(x, "assessed_on")));
        for (size_t s = 0; s < ctx.ck->n_sections; s++) {
            json_t *d;
            if (cur[s].items == 0 || prev[s].items == 0)
                continue;
            /* The delta may be negative: round it here, away from zero at .0005. */
            d = json_null();
            if (cur[s].score >= 0 && prev[s].score >= 0) {
                double diff = cur[s].score - prev[s].score;
                json_decref(d);
                d = json_real((double)(long long)(diff * 1000.0 + (diff < 0 ? -0.5 : 0.5)) /
                              1000.0);
            }
            json_array_append_new(secs, json_pack("{s:s, s:s, s:o, s:o, s:o}", "id",
                                                  ctx.ck->sections[s].id, "title",
                                                  ctx.ck->sections[s].title, "previous",
                                                  ratio_json(prev[s].score), "current",
                                                  ratio_json(cur[s].score), "delta", d));
        }
        json_object_set_new(chg, "previous_assessments", pl);
        json_object_set_new(chg, "overall_previous", ratio_json(ptot.score));
        json_object_set_new(chg, "overall_current", ratio_json(ctot.score));
        json_object_set_new(chg, "sections", secs);
        json_object_set_new(doc, "change", chg);
    }

    /* Best practices observed or shared with this country. */
    {
        json_t *pr = psec_store_practice_list(db, NULL, cc, e), *p, *out = json_array();
        if (pr == NULL) {
            json_decref(out);
            goto fail;
        }
        json_array_foreach(pr, i, p) {
            int si = psec_checklist_section(ctx.ck, jstr(p, "section"));
            json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:s, s:s}", "section",
                                                 jstr(p, "section"), "section_title",
                                                 si >= 0 ? ctx.ck->sections[si].title : "",
                                                 "title", jstr(p, "title"), "text",
                                                 jstr(p, "text"), "kind", jstr(p, "kind")));
        }
        json_decref(pr);
        json_object_set_new(doc, "best_practices", out);
    }
    free(cur);
    free(prev);
    json_decref(c);
    proposal_ctx_free(&ctx);
    return doc;
fail:
    free(cur);
    free(prev);
    json_decref(c);
    json_decref(doc);
    proposal_ctx_free(&ctx);
    return NULL;
}

/* -------------------------------------------------------------- demo data */

/* Adds the registry records the demo needs when the registry lacks them. */
static int demo_registry(struct psec_db *db, json_t *reg, struct psec_err *e)
{
    json_t *c = json_object_get(reg, "country"), *p = json_object_get(reg, "port"), *f;
    size_t i;
    int rc;

    if (!psec_store_country_exists(db, jstr(c, "alpha2"))) {
        struct psec_country rec;
        memset(&rec, 0, sizeof rec);
        psec_strlcpy(rec.alpha2, jstr(c, "alpha2"), sizeof rec.alpha2);
        psec_strlcpy(rec.alpha3, jstr(c, "alpha3"), sizeof rec.alpha3);
        psec_strlcpy(rec.name, jstr(c, "name"), sizeof rec.name);
        rec.numeric_code = (int)jint(c, "numeric_code");
        rec.solas = -1;
        if ((rc = psec_store_country_put(db, &rec, e)) != PSEC_OK)
            return rc;
    }
    if (!psec_store_port_exists(db, jstr(p, "locode"))) {
        struct psec_port rec;
        memset(&rec, 0, sizeof rec);
        psec_strlcpy(rec.locode, jstr(p, "locode"), sizeof rec.locode);
        psec_strlcpy(rec.country, jstr(p, "country"), sizeof rec.country);
        psec_strlcpy(rec.name, jstr(p, "name"), sizeof rec.name);
        psec_strlcpy(rec.name_ascii, jstr(p, "name"), sizeof rec.name_ascii);
        rec.has_pos = true;
        rec.lat = json_number_value(json_object_get(p, "lat"));
        rec.lon = json_number_value(json_object_get(p, "lon"));
        psec_strlcpy(rec.coord_source, "unlocode", sizeof rec.coord_source);
        if ((rc = psec_store_port_put(db, &rec, e)) != PSEC_OK)
            return rc;
    }
    json_array_foreach(json_object_get(reg, "facilities"), i, f) {
        struct psec_err e2 = { 0 };
        json_t *have = psec_store_facility_get(db, jstr(f, "number"), &e2);
        struct psec_facility rec;
        if (have != NULL) {
            json_decref(have);
            continue;
        }
        memset(&rec, 0, sizeof rec);
        psec_strlcpy(rec.number, jstr(f, "number"), sizeof rec.number);
        psec_strlcpy(rec.name, jstr(f, "name"), sizeof rec.name);
        psec_strlcpy(rec.port, jstr(f, "port"), sizeof rec.port);
        psec_strlcpy(rec.type, jstr(f, "type"), sizeof rec.type);
        psec_strlcpy(rec.status, "active", sizeof rec.status);
        rec.demo = true;
        if ((rc = psec_store_facility_put(db, &rec, e)) != PSEC_OK)
            return rc;
    }
    return PSEC_OK;
}

/* Finding id of (visit, where, item) in the demo. */
static int64_t demo_finding(struct psec_db *db, json_t *visit_ids, json_t *ref, struct psec_err *e)
{
    int64_t vid = jint(visit_ids, jstr(ref, "visit"));
    json_t *as = psec_store_assessment_list(db, vid, NULL, false, e), *a, *fs, *f;
    int64_t found = 0;
    size_t i, k;

    json_array_foreach(as, i, a) {
        const char *w = strcmp(jstr(a, "scope"), "country") == 0 ? "country" : jstr(a, "facility");
        if (strcmp(w, jstr(ref, "where")) != 0)
            continue;
        fs = psec_store_findings(db, NULL, jint(a, "id"), e);
        json_array_foreach(fs, k, f)
            if (strcmp(jstr(f, "item"), jstr(ref, "item")) == 0)
                found = jint(f, "id");
        json_decref(fs);
    }
    json_decref(as);
    if (found == 0)
        psec_err_set(e, PSEC_E_INVALID, "demo: no finding %s at %s in visit %s", jstr(ref, "item"),
                     jstr(ref, "where"), jstr(ref, "visit"));
    return found;
}

static int demo_load(struct psec_db *db, json_t *demo, struct psec_err *e)
{
    json_t *ids = json_object(), *v, *x, *y, *out;
    int64_t last_visit = 0;
    size_t i, j;
    int rc = PSEC_OK;

    if ((rc = demo_registry(db, json_object_get(demo, "registry"), e)) != PSEC_OK)
        goto done;
    json_array_foreach(json_object_get(demo, "visits"), i, v) {
        json_t *fields = json_deep_copy(v);
        json_object_set_new(fields, "country", json_string(jstr(json_object_get(
            json_object_get(demo, "registry"), "country"), "alpha2")));
        json_object_set_new(fields, "demo", json_true());
        out = psec_app_visit_add(db, fields, e);
        json_decref(fields);
        if (out == NULL) {
            rc = e->code;
            goto done;
        }
        last_visit = jint(out, "id");
        json_object_set_new(ids, jstr(v, "key"), json_integer(last_visit));
        json_decref(out);
        json_array_foreach(json_object_get(v, "assessments"), j, x) {
            out = psec_app_assess_import(db, last_visit, json_object_get(x, "doc"), true,
                                         jstr(x, "close_on"), e);
            if (out == NULL) {
                psec_err_prefix(e, "demo visit %s, assessment %zu: ", jstr(v, "key"), j);
                rc = e->code;
                goto done;
            }
            json_decref(out);
        }
    }
    json_array_foreach(json_object_get(demo, "drills"), i, x)
        if ((rc = psec_store_drill_add(db, jstr(x, "facility"), jstr(x, "kind"), jstr(x, "date"),
                                       jstr(x, "scenario"), NULL, true, NULL, e)) != PSEC_OK)
            goto done;
    json_array_foreach(json_object_get(demo, "recommendations"), i, x) {
        json_t *fids = json_array();
        int64_t rid = 0;
        json_array_foreach(json_object_get(x, "findings"), j, y) {
            int64_t fid = demo_finding(db, ids, y, e);
            if (fid == 0) {
                json_decref(fids);
                rc = PSEC_E_INVALID;
                goto done;
            }
            json_array_append_new(fids, json_integer(fid));
        }
        out = rec_add(db, fids, jstr(x, "text"), jstr(x, "priority"), jstr(x, "owner"),
                      jstr(x, "due"), jstr(x, "date"), true, e);
        json_decref(fids);
        if (out == NULL) {
            rc = e->code;
            goto done;
        }
        rid = jint(out, "id");
        json_decref(out);
        json_array_foreach(json_object_get(x, "history"), j, y) {
            const char *note = json_string_value(json_object_get(y, "note"));
            out = psec_app_rec_update(db, rid, jstr(y, "status"), jstr(y, "date"), note, NULL, 0,
                                      e);
            if (out == NULL) {
                rc = e->code;
                goto done;
            }
            json_decref(out);
        }
    }
    json_array_foreach(json_object_get(demo, "practices"), i, x) {
        out = practice_add(db, jstr(x, "section"), jstr(x, "title"), jstr(x, "text"),
                           jstr(x, "kind"), "SC", last_visit, true, e);
        if (out == NULL) {
            rc = e->code;
            goto done;
        }
        json_decref(out);
    }
    json_array_foreach(json_object_get(demo, "determinations"), i, x) {
        out = psec_app_determine_record(db, "SC", jstr(x, "result"), jstr(x, "date"),
                                        jstr(x, "rationale"),
                                        json_string_value(json_object_get(x, "notified")), NULL, e);
        if (out == NULL) {
            rc = e->code;
            goto done;
        }
        json_decref(out);
    }
done:
    json_decref(ids);
    return rc;
}

int psec_app_assess_load_demo(struct psec_db *db, const char *datadir, struct psec_err *e)
{
    char path[1024];
    json_error_t je;
    json_t *demo;
    struct psec_checklist *ck;
    int rc;

    if (psec_store_demo_visit_exists(db, "SC"))
        return PSEC_OK;
    /* The catalogue first (loads it when the database has none). */
    if ((ck = psec_app_checklist(db, NULL, NULL, e)) == NULL)
        return e ? e->code : PSEC_E_DB;
    psec_checklist_free(ck);
    snprintf(path, sizeof path, "%s/demo/assessments-demo.json", datadir);
    demo = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (demo == NULL)
        return psec_err_set(e, PSEC_E_IO, "%s:%d: %s", path, je.line, je.text);
    if (!json_is_true(json_object_get(demo, "demo"))) {
        json_decref(demo);
        return psec_err_set(e, PSEC_E_INVALID, "%s: not marked \"demo\": true; refusing to load "
                            "it as demonstration data", path);
    }
    if ((rc = psec_db_begin(db, e)) != PSEC_OK) {
        json_decref(demo);
        return rc;
    }
    rc = demo_load(db, demo, e);
    json_decref(demo);
    if (rc != PSEC_OK) {
        psec_db_rollback(db);
        psec_err_prefix(e, "%s: ", path);
        return rc;
    }
    return psec_db_commit(db, e);
}

json_t *psec_app_assess_schedule(struct psec_db *db, const char *alpha2, int64_t as_of_day,
                                 struct psec_err *e)
{
    int64_t last = last_assessment_visit(db, alpha2, e);
    int64_t due = last < 0 ? -1 : psec_reassessment_due(last);

    return json_pack("{s:o, s:o, s:b}", "last_assessment_visit", date_json(last),
                     "next_reassessment_due", last < 0 ? json_null() : date_json(due),
                     "reassessment_overdue", last < 0 || as_of_day > due);
}
