/*
 * advisory.c — use cases for advisories, conditions of entry, targeted
 * lists and vessel history (see advisory.h).
 *
 * What it does: reads the bundled files and user documents through
 * src/io/coe_json.c, writes through src/store/ in one transaction, and
 * answers list/check questions by loading the history into the pure model
 * (src/model/advisory.c), so the CLI, the server and the screening all
 * replay the same changes the same way.
 *
 * What it does not: print, exit, or guess a date the data does not give.
 *
 * Verified against real data: the bundled advisory history (tests/unit/
 * test_advisory.c and tests/cli/coe.sh).
 */
#include "app/advisory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/str.h"
#include "base/time.h"
#include "io/coe_json.h"
#include "io/noa.h"
#include "model/advisory.h"
#include "model/registry.h"
#include "model/targeting.h"
#include "store/advisory.h"
#include "store/registry.h"
#include "store/screen.h"

static json_t *load_file(const char *path, struct psec_err *e)
{
    json_error_t je;
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (doc == NULL)
        psec_err_set(e, je.position == 0 && je.line <= 0 ? PSEC_E_IO : PSEC_E_INVALID,
                     "%s:%d: %s", path, je.line, je.text);
    return doc;
}

static const char *const kinds_text[2] = { "condition", "enforcement" };

/* Writes advisories of set s from index first on, their changes, and (when
 * the document had them) the conditions and enforcement notes. */
static int store_set(struct psec_db *db, const struct psec_coe_set *s, size_t first,
                     bool texts, long *nadv, long *nch, struct psec_err *e)
{
    int rc = PSEC_OK;
    for (size_t i = first; i < s->nadv && rc == PSEC_OK; i++) {
        rc = psec_store_advisory_put(db, &s->adv[i], e);
        int seq = 0;
        /* Changes keep their document order (the set is not sorted yet). */
        for (size_t j = 0; j < s->nch && rc == PSEC_OK; j++)
            if (s->ch[j].advisory == (int)i) {
                rc = psec_store_change_put(db, s->adv[i].id, ++seq, &s->ch[j], e);
                (*nch)++;
            }
        (*nadv)++;
    }
    if (texts) {
        for (int i = 0; i < s->ncond && rc == PSEC_OK; i++)
            rc = psec_store_coe_text_put(db, kinds_text[0], s->cond[i].number, &s->cond[i], e);
        for (int i = 0; i < s->nenf && rc == PSEC_OK; i++)
            rc = psec_store_coe_text_put(db, kinds_text[1], i + 1, &s->enf[i], e);
    }
    return rc;
}

/* Country codes are checked against the registry when it holds countries;
 * an empty database (a feed loaded on its own) is not checked. */
static int check_countries(struct psec_db *db, const struct psec_coe_set *s, const char *name,
                           struct psec_err *e)
{
    if (!psec_store_country_exists(db, "US"))
        return PSEC_OK;
    for (size_t j = 0; j < s->nch; j++)
        if (!psec_store_country_exists(db, s->ch[j].country))
            return psec_err_set(e, PSEC_E_INVALID,
                                "%s: advisory '%s': country '%s' is not in the registry", name,
                                s->adv[s->ch[j].advisory].id, s->ch[j].country);
    return PSEC_OK;
}

static int load_matrix_file(struct psec_db *db, const char *path, bool *loaded, char *version,
                            size_t vsize, struct psec_err *e)
{
    struct psec_matrix m;
    json_t *doc = load_file(path, e);
    *loaded = false;
    if (doc == NULL)
        return e->code;
    psec_matrix_init(&m);
    int rc = psec_matrix_from_json(doc, &m, e);
    if (rc != PSEC_OK) {
        psec_err_prefix(e, "%s: ", path);
        goto out;
    }
    psec_strlcpy(version, m.version, vsize);
    if (psec_store_matrix_exists(db, m.version))
        goto out;
    json_t *rules = json_deep_copy(doc);
    json_object_del(rules, "lists");
    char *text = json_dumps(rules, JSON_COMPACT);
    json_decref(rules);
    if (text == NULL) {
        rc = psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        goto out;
    }
    rc = psec_store_matrix_put(db, m.version, text, e);
    free(text);
    int rev = 0;
    char what[96];
    snprintf(what, sizeof what, "bundled matrix %s", m.version);
    if (rc == PSEC_OK)
        rc = psec_store_target_rev_new(db, m.version, what, &rev, e);
    for (size_t i = 0; i < m.nentries && rc == PSEC_OK; i++) {
        m.entries[i].rev = rev;
        rc = psec_store_target_put(db, &m.entries[i], e);
    }
    *loaded = rc == PSEC_OK;
out:
    psec_matrix_free(&m);
    json_decref(doc);
    return rc;
}

int psec_app_advisory_load_dir(struct psec_db *db, const char *datadir, json_t **summary,
                               struct psec_err *e)
{
    char path[4096], version[64] = "";
    struct psec_coe_set s;
    long nadv = 0, nch = 0;
    bool matrix_loaded = false;
    int rc;

    snprintf(path, sizeof path, "%s/advisories/advisories.json", datadir);
    json_t *doc = load_file(path, e);
    if (doc == NULL)
        return e->code;
    psec_coe_set_init(&s);
    rc = psec_coe_from_json(doc, &s, e);
    json_decref(doc);
    if (rc != PSEC_OK) {
        psec_err_prefix(e, "%s: ", path);
        psec_coe_set_free(&s);
        return rc;
    }
    if ((rc = psec_db_begin(db, e)) != PSEC_OK) {
        psec_coe_set_free(&s);
        return rc;
    }
    /* Only advisories not yet stored: a newer bundle adds its new ones. */
    for (size_t i = 0; i < s.nadv && rc == PSEC_OK; i++) {
        if (psec_store_advisory_exists(db, s.adv[i].id))
            continue;
        rc = psec_store_advisory_put(db, &s.adv[i], e);
        int seq = 0;
        for (size_t j = 0; j < s.nch && rc == PSEC_OK; j++)
            if (s.ch[j].advisory == (int)i) {
                rc = psec_store_change_put(db, s.adv[i].id, ++seq, &s.ch[j], e);
                nch++;
            }
        nadv++;
    }
    for (int i = 0; i < s.ncond && rc == PSEC_OK; i++)
        rc = psec_store_coe_text_put(db, kinds_text[0], s.cond[i].number, &s.cond[i], e);
    for (int i = 0; i < s.nenf && rc == PSEC_OK; i++)
        rc = psec_store_coe_text_put(db, kinds_text[1], i + 1, &s.enf[i], e);
    if (rc == PSEC_OK && nadv > 0)
        rc = psec_store_dataset_mark(db, "advisories", "advisories/advisories.json", nadv, e);
    psec_coe_set_free(&s);

    if (rc == PSEC_OK) {
        snprintf(path, sizeof path, "%s/targeting/matrix.json", datadir);
        rc = load_matrix_file(db, path, &matrix_loaded, version, sizeof version, e);
        if (rc == PSEC_OK && matrix_loaded)
            rc = psec_store_dataset_mark(db, "targeting", "targeting/matrix.json", 1, e);
    }
    if (rc != PSEC_OK) {
        psec_db_rollback(db);
        return rc;
    }
    if ((rc = psec_db_commit(db, e)) != PSEC_OK)
        return rc;
    if (summary)
        *summary = json_pack("{s:I, s:I, s:b, s:s}", "advisories_added", (json_int_t)nadv,
                             "changes_added", (json_int_t)nch, "matrix_loaded", matrix_loaded,
                             "matrix_version", version);
    return PSEC_OK;
}

int psec_app_advisory_load_bundled(struct psec_db *db, const char *datadir, struct psec_err *e)
{
    return psec_app_advisory_load_dir(db, datadir, NULL, e);
}

int psec_app_advisory_add(struct psec_db *db, json_t *doc, const char *name, json_t **summary,
                          struct psec_err *e)
{
    struct psec_coe_set s;
    long nadv = 0, nch = 0;
    json_t *wrapped = NULL;
    int rc;

    /* One advisory object on its own is accepted too. */
    if (json_is_object(doc) && json_object_get(doc, "format") == NULL &&
        json_object_get(doc, "id") != NULL) {
        wrapped = json_pack("{s:s, s:[O]}", "format", "portsec-advisories", "advisories", doc);
        doc = wrapped;
    }
    psec_coe_set_init(&s);
    rc = psec_coe_from_json(doc, &s, e);
    bool texts = s.ncond > 0 || s.nenf > 0;
    json_decref(wrapped);
    if (rc == PSEC_OK)
        rc = check_countries(db, &s, name, e);
    else
        psec_err_prefix(e, "%s: ", name);
    for (size_t i = 0; i < s.nadv && rc == PSEC_OK; i++)
        if (psec_store_advisory_exists(db, s.adv[i].id))
            rc = psec_err_set(e, PSEC_E_CONFLICT,
                              "%s: advisories[%zu].id: '%s' is already in the database", name, i,
                              s.adv[i].id);
    if (rc == PSEC_OK && (rc = psec_db_begin(db, e)) == PSEC_OK) {
        rc = store_set(db, &s, 0, texts, &nadv, &nch, e);
        if (rc == PSEC_OK)
            rc = psec_db_commit(db, e);
        else
            psec_db_rollback(db);
    }
    psec_coe_set_free(&s);
    if (rc == PSEC_OK && summary)
        *summary = json_pack("{s:I, s:I}", "advisories_added", (json_int_t)nadv, "changes_added",
                             (json_int_t)nch);
    return rc;
}

json_t *psec_app_advisory_list(struct psec_db *db, struct psec_err *e)
{
    return psec_store_advisory_list(db, e);
}

static int load_set(struct psec_db *db, struct psec_coe_set *s, struct psec_err *e)
{
    psec_coe_set_init(s);
    int rc = psec_store_coe_load(db, s, e);
    if (rc != PSEC_OK)
        psec_coe_set_free(s);
    return rc;
}

json_t *psec_app_advisory_show(struct psec_db *db, const char *id, struct psec_err *e)
{
    struct psec_coe_set s;
    if (load_set(db, &s, e) != PSEC_OK)
        return NULL;
    json_t *feed = psec_coe_to_json(&s);
    int idx = psec_coe_set_find_advisory(&s, id);
    psec_coe_set_free(&s);
    if (idx < 0) {
        json_decref(feed);
        psec_err_set(e, PSEC_E_NOTFOUND, "advisory '%s' not found (see portsec advisory list)",
                     id);
        return NULL;
    }
    json_t *adv = json_incref(json_array_get(json_object_get(feed, "advisories"), (size_t)idx));
    json_decref(feed);
    return adv;
}

static void put_state(json_t *o, const struct psec_coe_set *s, const struct psec_coe_state *st)
{
    char when[48];
    json_object_set_new(o, "on_list", json_string(psec_tri_name(st->state)));
    if (st->since) {
        json_object_set_new(o, "in_force_since", json_string(
            psec_date_format(st->since->by, when, sizeof when)));
        json_object_set_new(o, "listed", json_string(psec_coe_when(st->since, when, sizeof when)));
        json_object_set_new(o, "advisory", json_string(s->adv[st->since->advisory].id));
        json_object_set_new(o, "basis", json_string(st->since->basis));
        json_object_set_new(o, "confidence",
                            json_string(psec_confidence_name(st->since->confidence)));
    }
    if (st->pending) {
        json_t *p = json_object();
        json_object_set_new(p, "action", json_string(psec_coe_action_name(st->pending->action)));
        json_object_set_new(p, "when", json_string(psec_coe_when(st->pending, when, sizeof when)));
        json_object_set_new(p, "advisory", json_string(s->adv[st->pending->advisory].id));
        json_object_set_new(p, "confidence",
                            json_string(psec_confidence_name(st->pending->confidence)));
        json_object_set_new(o, "unknown_date", p);
    }
}

struct list_ctx {
    const struct psec_coe_set *s;
    int64_t day;
    json_t *rows;
};

static void count_exc(void *ctx, const struct psec_coe_change *add, const struct psec_coe_state *st)
{
    (void)add;
    (void)st;
    (*(int *)ctx)++;
}

static void list_row(void *ctx, const char *cc, const struct psec_coe_state *st)
{
    struct list_ctx *c = ctx;
    json_t *o = json_object();
    int nexc = 0;
    json_object_set_new(o, "country", json_string(cc));
    json_object_set_new(o, "name", json_string(st->since ? st->since->country_name : ""));
    json_object_set_new(o, "status", json_string(st->state == PSEC_TRI_YES ? "in force"
                                                                           : "uncertain"));
    put_state(o, c->s, st);
    psec_coe_exceptions_on(c->s, cc, c->day, count_exc, &nexc);
    json_object_set_new(o, "exceptions", json_integer(nexc));
    json_array_append_new(c->rows, o);
}

json_t *psec_app_coe_list(struct psec_db *db, int64_t day, struct psec_err *e)
{
    struct psec_coe_set s;
    if (load_set(db, &s, e) != PSEC_OK)
        return NULL;
    struct list_ctx c = { &s, day, json_array() };
    psec_coe_list_on(&s, day, list_row, &c);
    psec_coe_set_free(&s);
    return c.rows;
}

struct exc_ctx {
    const struct psec_coe_set *s;
    const char *port;       /* only facilities whose number starts with it; NULL: all */
    json_t *arr;
};

static void exc_row(void *ctx, const struct psec_coe_change *add, const struct psec_coe_state *st)
{
    struct exc_ctx *c = ctx;
    char when[48];
    if (c->port && strncmp(add->facility, c->port, 5) != 0)
        return;
    json_t *o = json_object();
    json_object_set_new(o, "facility", add->facility[0] ? json_string(add->facility) : json_null());
    json_object_set_new(o, "name", json_string(add->facility_name));
    json_object_set_new(o, "excepted", json_string(psec_tri_name(st->state)));
    json_object_set_new(o, "since", json_string(psec_coe_when(st->since ? st->since : add, when,
                                                              sizeof when)));
    json_object_set_new(o, "advisory", json_string(c->s->adv[add->advisory].id));
    json_object_set_new(o, "last_confirmed", json_string(add->last_confirmed));
    json_object_set_new(o, "confidence", json_string(psec_confidence_name(add->confidence)));
    json_array_append_new(c->arr, o);
}

static json_t *texts_array(const struct psec_coe_text *t, int n, bool numbered)
{
    json_t *a = json_array();
    char buf[600];
    for (int i = 0; i < n; i++) {
        if (numbered)
            snprintf(buf, sizeof buf, "%d. %s%s", t[i].number,
                     t[i].confidence == PSEC_CONF_ASSUMED ? "[assumed] " : "", t[i].text);
        else
            snprintf(buf, sizeof buf, "%s%s",
                     t[i].confidence == PSEC_CONF_ASSUMED ? "[assumed] " : "", t[i].text);
        json_array_append_new(a, json_string(buf));
    }
    return a;
}

json_t *psec_app_coe_check(struct psec_db *db, const char *kind, const char *value, int64_t day,
                           struct psec_err *e)
{
    char cc[3], key[64], date[16];
    const char *facility = NULL, *port = NULL;
    json_t *warnings = json_array();

    psec_strlcpy(key, value, sizeof key);
    psec_upper(key);
    if (strcmp(kind, "country") == 0) {
        if (strlen(key) == 2) {
            memcpy(cc, key, 3);
        } else if (psec_store_country_resolve(db, value, cc, e) != PSEC_OK) {
            json_decref(warnings);
            return NULL;
        }
    } else if (strcmp(kind, "port") == 0) {
        if (!psec_locode_valid(key)) {
            json_decref(warnings);
            psec_err_set(e, PSEC_E_INVALID, "--port: '%s' is not a UN/LOCODE", value);
            return NULL;
        }
        port = key;
        if (!psec_store_port_country(db, key, cc)) {
            memcpy(cc, key, 2);
            cc[2] = '\0';
            char w[160];
            snprintf(w, sizeof w, "%s is not a known UN/LOCODE; answered by its country prefix %s",
                     key, cc);
            json_array_append_new(warnings, json_string(w));
        }
    } else if (strcmp(kind, "facility") == 0) {
        /* GISIS numbers: two letters, three letters or digits, a dash, four
         * digits. Not checked as a UN/LOCODE: some real ones use digits a
         * LOCODE may not (Zafiro Marine Terminal is GQ370-0001). */
        bool ok = strlen(key) == 10 && key[5] == '-';
        for (int i = 0; ok && i < 10; i++) {
            char c = key[i];
            if (i < 2)
                ok = c >= 'A' && c <= 'Z';
            else if (i < 5)
                ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            else if (i > 5)
                ok = c >= '0' && c <= '9';
        }
        if (!ok) {
            json_decref(warnings);
            psec_err_set(e, PSEC_E_INVALID, "--facility: '%s' is not an IMO port facility "
                         "number such as NGAPP-0001", value);
            return NULL;
        }
        facility = key;
        memcpy(cc, key, 2);
        cc[2] = '\0';
    } else {
        json_decref(warnings);
        psec_err_set(e, PSEC_E_USAGE, "check by country, port or facility");
        return NULL;
    }

    struct psec_coe_set s;
    if (load_set(db, &s, e) != PSEC_OK) {
        json_decref(warnings);
        return NULL;
    }
    struct psec_coe_state cs, es = { PSEC_TRI_NO, NULL, NULL };
    psec_coe_country_on(&s, cc, day, &cs);
    if (facility)
        psec_coe_exception_on(&s, cc, facility, day, &es);

    int status = cs.state;
    if (cs.state == PSEC_TRI_YES && es.state == PSEC_TRI_YES)
        status = PSEC_TRI_NO;
    else if (cs.state == PSEC_TRI_YES && es.state == PSEC_TRI_UNCERTAIN)
        status = PSEC_TRI_UNCERTAIN;

    json_t *o = json_object();
    json_object_set_new(o, kind, json_string(key));
    json_object_set_new(o, "country", json_string(cc));
    json_object_set_new(o, "date", json_string(psec_date_format(day, date, sizeof date)));
    json_object_set_new(o, "status", json_string(psec_coe_status_name(status)));
    json_object_set_new(o, "applies", json_boolean(status == PSEC_TRI_YES));
    put_state(o, &s, &cs);
    if (facility) {
        json_object_set_new(o, "excepted", json_string(psec_tri_name(es.state)));
        if (es.since)
            json_object_set_new(o, "exception", json_pack("{s:s, s:s, s:s}",
                "name", es.since->facility_name, "advisory", s.adv[es.since->advisory].id,
                "confidence", psec_confidence_name(es.since->confidence)));
    } else if (cs.state != PSEC_TRI_NO) {
        struct exc_ctx c = { &s, port, json_array() };
        psec_coe_exceptions_on(&s, cc, day, exc_row, &c);
        json_object_set_new(o, "exceptions", c.arr);
        if (port && json_array_size(c.arr) > 0)
            json_array_append_new(warnings, json_string(
                "calls only at the excepted facilities listed do not trigger conditions of "
                "entry; check by --facility"));
        else if (!port && json_array_size(c.arr) > 0)
            json_array_append_new(warnings, json_string(
                "some facilities of this country are excepted; check a call by --facility"));
    }
    if ((cs.since && cs.since->confidence == PSEC_CONF_ASSUMED) ||
        (es.since && es.since->confidence == PSEC_CONF_ASSUMED))
        json_array_append_new(warnings, json_string(
            "this answer rests on an assumed (not confirmed) date or fact"));
    if (status != PSEC_TRI_NO) {
        json_object_set_new(o, "actions", texts_array(s.cond, s.ncond, true));
        json_object_set_new(o, "enforcement", texts_array(s.enf, s.nenf, false));
    }
    json_object_set_new(o, "warnings", warnings);
    psec_coe_set_free(&s);
    return o;
}

json_t *psec_app_coe_feed(struct psec_db *db, struct psec_err *e)
{
    struct psec_coe_set s;
    if (load_set(db, &s, e) != PSEC_OK)
        return NULL;
    json_t *doc = psec_coe_to_json(&s);
    psec_coe_set_free(&s);
    return doc;
}

json_t *psec_app_coe_feed_rows(struct psec_db *db, struct psec_err *e)
{
    struct psec_coe_set s;
    char nb[16], by[16];
    if (load_set(db, &s, e) != PSEC_OK)
        return NULL;
    json_t *rows = json_array();
    /* Sorted by country then date: the natural reading order of a feed. */
    for (size_t i = 0; i < s.nch; i++) {
        const struct psec_coe_change *c = &s.ch[i];
        const struct psec_advisory *a = &s.adv[c->advisory];
        json_array_append_new(rows, json_pack(
            "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
            "country", c->country, "action", psec_coe_action_name(c->action),
            "facility", c->facility, "facility_name", c->facility_name,
            "effective_not_before", psec_date_format(c->not_before, nb, sizeof nb),
            "effective_by", psec_date_format(c->by, by, sizeof by), "basis", c->basis,
            "confidence", psec_confidence_name(c->confidence),
            "last_confirmed", c->last_confirmed, "advisory", a->id, "source", a->source,
            "note", c->note));
    }
    psec_coe_set_free(&s);
    return rows;
}

/* ---- targeting lists ---- */

json_t *psec_app_target_add(struct psec_db *db, const char *kind, const char *name, int points,
                            const char *from, const char *to, const char *note,
                            struct psec_err *e)
{
    struct psec_target_entry t;
    char what[200];
    memset(&t, 0, sizeof t);
    if (!psec_target_kind_parse(kind, &t.kind)) {
        psec_err_set(e, PSEC_E_USAGE, "'%s' is not flag, rso or company", kind);
        return NULL;
    }
    if (strlen(name) >= sizeof t.name || name[0] == '\0') {
        psec_err_set(e, PSEC_E_INVALID, "name: empty or longer than %zu bytes", sizeof t.name - 1);
        return NULL;
    }
    psec_strlcpy(t.name, name, sizeof t.name);
    if (t.kind == PSEC_TK_FLAG) {
        /* Flags are kept as alpha-2 so that they match the NOA's flag. */
        psec_upper(t.name);
        if (strlen(t.name) != 2 || t.name[0] < 'A' || t.name[0] > 'Z' || t.name[1] < 'A' ||
            t.name[1] > 'Z') {
            char cc[3];
            if (psec_store_country_resolve(db, name, cc, e) != PSEC_OK)
                return NULL;
            psec_strlcpy(t.name, cc, sizeof t.name);
        }
    }
    if (points < 0 || points > 100) {
        psec_err_set(e, PSEC_E_INVALID, "--points: %d is out of range 0..100", points);
        return NULL;
    }
    t.points = points;
    t.from = PSEC_DAY_MIN;
    t.to = PSEC_DAY_MAX;
    if (from && !psec_date_parse(from, &t.from)) {
        psec_err_set(e, PSEC_E_INVALID, "--from: '%s' is not a date YYYY-MM-DD", from);
        return NULL;
    }
    if (to && !psec_date_parse(to, &t.to)) {
        psec_err_set(e, PSEC_E_INVALID, "--to: '%s' is not a date YYYY-MM-DD", to);
        return NULL;
    }
    if (t.from > t.to) {
        psec_err_set(e, PSEC_E_INVALID, "--from is after --to");
        return NULL;
    }
    t.basis = PSEC_BASIS_CONFIRMED;     /* entered by an officer from a published list */
    if (note)
        psec_strlcpy(t.note, note, sizeof t.note);
    snprintf(what, sizeof what, "target add %s %s --points %d", kind, t.name, points);
    int rc = psec_db_begin(db, e);
    if (rc != PSEC_OK)
        return NULL;
    rc = psec_store_target_rev_new(db, NULL, what, &t.rev, e);
    if (rc == PSEC_OK)
        rc = psec_store_target_put(db, &t, e);
    if (rc == PSEC_OK)
        rc = psec_db_commit(db, e);
    else
        psec_db_rollback(db);
    if (rc != PSEC_OK)
        return NULL;
    struct psec_matrix m;
    psec_matrix_init(&m);
    rc = psec_store_matrix_load(db, -1, &m, e);
    char version[96];
    snprintf(version, sizeof version, "%s+r%d", m.version, m.rev);
    psec_matrix_free(&m);
    if (rc != PSEC_OK)
        return NULL;
    return json_pack("{s:s, s:s, s:i, s:s}", "kind", psec_target_kind_name(t.kind), "name",
                     t.name, "points", t.points, "matrix_version", version);
}

json_t *psec_app_target_list(struct psec_db *db, struct psec_err *e)
{
    struct psec_matrix m;
    psec_matrix_init(&m);
    if (psec_store_matrix_load(db, -1, &m, e) != PSEC_OK)
        return NULL;
    char version[96];
    snprintf(version, sizeof version, "%s+r%d", m.version, m.rev);
    json_t *rules = json_array();
    for (int i = 0; i < m.nrules; i++) {
        const struct psec_target_rule *r = &m.rules[i];
        json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "id", r->id, "column", r->column,
                              "text", r->text, "basis", psec_basis_name(r->basis));
        if (r->lift >= 0)
            json_object_set_new(o, "lift", json_string(psec_priority_name(r->lift)));
        else if (r->listed_points)
            json_object_set_new(o, "points", json_string("listed"));
        else
            json_object_set_new(o, "points", json_integer(r->points));
        json_array_append_new(rules, o);
    }
    psec_matrix_free(&m);
    json_t *entries = psec_store_target_list(db, e);
    if (entries == NULL) {
        json_decref(rules);
        return NULL;
    }
    return json_pack("{s:s, s:{s:i, s:i}, s:o, s:o}", "matrix_version", version, "bands",
                     "isps_i", m.band_i, "isps_ii", m.band_ii, "rules", rules, "entries",
                     entries);
}

/* ---- vessels ---- */

static int check_imo(const char *imo, struct psec_err *e)
{
    if (!psec_imo_valid(imo))
        return psec_err_set(e, PSEC_E_INVALID,
                            "IMO '%s' is not seven digits with a valid check digit", imo);
    return PSEC_OK;
}

json_t *psec_app_vessel_add(struct psec_db *db, const char *imo, json_t *fields,
                            struct psec_err *e)
{
    struct psec_vessel v;
    memset(&v, 0, sizeof v);
    if (check_imo(imo, e) != PSEC_OK)
        return NULL;
    psec_strlcpy(v.imo, imo, sizeof v.imo);
    struct { const char *key; char *dst; size_t size; } f[] = {
        { "mmsi", v.mmsi, sizeof v.mmsi }, { "name", v.name, sizeof v.name },
        { "flag", v.flag, sizeof v.flag }, { "type", v.type, sizeof v.type },
        { "rso", v.rso, sizeof v.rso }, { "owner", v.owner, sizeof v.owner },
        { "operator", v.operator_name, sizeof v.operator_name },
        { "charterer", v.charterer, sizeof v.charterer },
    };
    for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
        json_t *x = json_object_get(fields, f[i].key);
        if (x == NULL)
            continue;
        if (!json_is_string(x) || json_string_length(x) >= f[i].size) {
            psec_err_set(e, PSEC_E_INVALID, "--%s: not text of at most %zu bytes", f[i].key,
                         f[i].size - 1);
            return NULL;
        }
        psec_strlcpy(f[i].dst, json_string_value(x), f[i].size);
    }
    psec_upper(v.flag);
    if (v.mmsi[0]) {
        int64_t mm;
        if (strlen(v.mmsi) != 9 || !psec_parse_i64(v.mmsi, &mm)) {
            psec_err_set(e, PSEC_E_INVALID, "--mmsi: '%s' is not nine digits", v.mmsi);
            return NULL;
        }
    }
    if (v.flag[0] && strlen(v.flag) != 2) {
        psec_err_set(e, PSEC_E_INVALID, "--flag: '%s' is not an ISO alpha-2 code", v.flag);
        return NULL;
    }
    json_t *b = json_object_get(fields, "built");
    if (b && json_is_integer(b))
        v.built = (int)json_integer_value(b);
    if (psec_store_vessel_put(db, &v, e) != PSEC_OK)
        return NULL;
    return psec_store_vessel_get(db, imo, e);
}

json_t *psec_app_vessel_show(struct psec_db *db, const char *imo, struct psec_err *e)
{
    if (check_imo(imo, e) != PSEC_OK)
        return NULL;
    return psec_store_vessel_get(db, imo, e);
}

int psec_app_vessel_action_add(struct psec_db *db, const char *imo, const char *date,
                               const char *kind, bool security, const char *note,
                               struct psec_err *e)
{
    int64_t day;
    static const char *const kinds[] = { "detention", "expulsion", "denial", "restriction" };
    bool ok = false;
    if (check_imo(imo, e) != PSEC_OK)
        return e->code;
    if (date == NULL || !psec_date_parse(date, &day))
        return psec_err_set(e, PSEC_E_INVALID, "--date: '%s' is not a date YYYY-MM-DD",
                            date ? date : "");
    for (size_t i = 0; kind && i < 4; i++)
        ok = ok || strcmp(kind, kinds[i]) == 0;
    if (!ok)
        return psec_err_set(e, PSEC_E_INVALID,
                            "--kind: '%s' is not detention, expulsion, denial or restriction",
                            kind ? kind : "");
    return psec_store_vessel_action_add(db, imo, day, kind, security, note, e);
}

int psec_app_vessel_exam_add(struct psec_db *db, const char *imo, const char *date,
                             const char *kind, const char *note, struct psec_err *e)
{
    int64_t day;
    if (check_imo(imo, e) != PSEC_OK)
        return e->code;
    if (date == NULL || !psec_date_parse(date, &day))
        return psec_err_set(e, PSEC_E_INVALID, "--date: '%s' is not a date YYYY-MM-DD",
                            date ? date : "");
    if (kind == NULL || (strcmp(kind, "isps") != 0 && strcmp(kind, "safety") != 0))
        return psec_err_set(e, PSEC_E_INVALID, "--kind: '%s' is not isps or safety",
                            kind ? kind : "");
    return psec_store_vessel_exam_add(db, imo, day, kind, note, e);
}
