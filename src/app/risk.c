/*
 * risk.c (app) — risk ranking and visit planning use cases (see risk.h).
 *
 * The flow of a ranking: weights (file or defaults) -> the countries in
 * scope (store) -> each one's inputs from whatever sources the database has
 * (store) -> scores and order (model) -> JSON. A plan adds each country's
 * main port and runs the planner (model) on the ranking.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app/risk.h"
#include "base/limits.h"
#include "base/str.h"
#include "base/time.h"
#include "io/ical.h"
#include "io/trade.h"
#include "store/registry.h"
#include "store/risk.h"

/* For "return no_json(psec_err_set(e, ...));" in functions returning json_t *. */
static json_t *no_json(int code)
{
    (void)code;
    return NULL;
}

static int fail_code(const struct psec_err *e)
{
    return e && e->code ? e->code : PSEC_E_DB;
}

/* ---- weights ---------------------------------------------------------- */

static const struct {
    const char *key;
    size_t off;
    bool is_int;
} params[] = {
    {"trade_full_musd", offsetof(struct psec_risk_weights, trade_full_musd), false},
    {"traffic_full", offsetof(struct psec_risk_weights, traffic_full), false},
    {"reassess_months", offsetof(struct psec_risk_weights, reassess_months), true},
    {"recs_full", offsetof(struct psec_risk_weights, recs_full), false},
    {"coe_lifted_months", offsetof(struct psec_risk_weights, coe_lifted_months), true},
    {"threat_stale_days", offsetof(struct psec_risk_weights, threat_stale_days), true},
    {"isps_recent_years", offsetof(struct psec_risk_weights, isps_recent_years), true},
};

int psec_app_risk_weights_load(const char *path, struct psec_risk_weights *w,
                               struct psec_err *e)
{
    json_error_t je;
    json_t *doc, *o, *v;
    const char *k;
    int rc = PSEC_OK;

    psec_risk_weights_default(w);
    doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (doc == NULL) {
        if (je.line < 1)
            return psec_err_set(e, PSEC_E_IO, "%s: %s", path, je.text);
        return psec_err_set(e, PSEC_E_INVALID, "%s:%d: %s", path, je.line, je.text);
    }
    if (!json_is_object(doc)) {
        json_decref(doc);
        return psec_err_set(e, PSEC_E_INVALID, "%s: expected a JSON object", path);
    }
    json_object_foreach(doc, k, v) {
        if (strcmp(k, "weights") && strcmp(k, "parameters") && strcmp(k, "about") &&
            strcmp(k, "version")) {
            rc = psec_err_set(e, PSEC_E_INVALID, "%s: %s: unknown key (expected weights, "
                              "parameters, about, version)", path, k);
            goto done;
        }
    }
    o = json_object_get(doc, "weights");
    if (!json_is_object(o)) {
        rc = psec_err_set(e, PSEC_E_INVALID, "%s: weights: expected an object of numbers",
                          path);
        goto done;
    }
    json_object_foreach(o, k, v) {
        int c = psec_risk_comp_by_key(k);
        if (c < 0) {
            rc = psec_err_set(e, PSEC_E_INVALID, "%s: weights.%s: not a component (one of "
                              "determination, assessment_age, conditions_of_entry, "
                              "recommendations, trade, traffic, isps_status, threat)", path, k);
            goto done;
        }
        if (!json_is_number(v) || json_number_value(v) < 0) {
            rc = psec_err_set(e, PSEC_E_INVALID, "%s: weights.%s: expected a number >= 0",
                              path, k);
            goto done;
        }
        w->w[c] = json_number_value(v);
    }
    o = json_object_get(doc, "parameters");
    if (o != NULL && !json_is_object(o)) {
        rc = psec_err_set(e, PSEC_E_INVALID, "%s: parameters: expected an object", path);
        goto done;
    }
    json_object_foreach(o, k, v) {
        size_t i;
        for (i = 0; i < sizeof params / sizeof params[0]; i++)
            if (strcmp(k, params[i].key) == 0)
                break;
        if (i == sizeof params / sizeof params[0]) {
            rc = psec_err_set(e, PSEC_E_INVALID, "%s: parameters.%s: unknown parameter", path,
                              k);
            goto done;
        }
        if (!json_is_number(v) || (params[i].is_int && !json_is_integer(v))) {
            rc = psec_err_set(e, PSEC_E_INVALID, "%s: parameters.%s: expected %s", path, k,
                              params[i].is_int ? "an integer" : "a number");
            goto done;
        }
        if (params[i].is_int)
            *(int *)((char *)w + params[i].off) = (int)json_integer_value(v);
        else
            *(double *)((char *)w + params[i].off) = json_number_value(v);
    }
    if ((rc = psec_risk_weights_check(w, e)) != PSEC_OK)
        psec_err_prefix(e, "%s: ", path);
done:
    json_decref(doc);
    return rc;
}

json_t *psec_app_risk_weights_json(const struct psec_risk_weights *w)
{
    json_t *ws = json_object(), *ps = json_object();

    for (int i = 0; i < PSEC_RISK_NCOMP; i++)
        json_object_set_new(ws, psec_risk_comp_key(i), json_real(w->w[i]));
    for (size_t i = 0; i < sizeof params / sizeof params[0]; i++) {
        if (params[i].is_int)
            json_object_set_new(ps, params[i].key,
                                json_integer(*(const int *)((const char *)w + params[i].off)));
        else
            json_object_set_new(ps, params[i].key,
                                json_real(*(const double *)((const char *)w + params[i].off)));
    }
    return json_pack("{s:o, s:o}", "weights", ws, "parameters", ps);
}

static bool file_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* The weights file given, else the bundled one, else the built-in defaults. */
static int weights_for(const char *path, const char *datadir, struct psec_risk_weights *w,
                       char *used, size_t size, struct psec_err *e)
{
    char def[1024];

    if (path != NULL) {
        psec_strlcpy(used, path, size);
        return psec_app_risk_weights_load(path, w, e);
    }
    snprintf(def, sizeof def, "%s/risk/weights.json", datadir ? datadir : psec_app_datadir());
    if (file_exists(def)) {
        psec_strlcpy(used, def, size);
        return psec_app_risk_weights_load(def, w, e);
    }
    psec_strlcpy(used, "built-in defaults", size);
    psec_risk_weights_default(w);
    return PSEC_OK;
}

/* ---- units ------------------------------------------------------------ */

static json_t *unit_json(struct psec_db *db, const char *name, struct psec_err *e)
{
    struct psec_unit u;
    struct psec_risk_input *in;
    size_t n;
    json_t *o, *cs;

    if (psec_store_unit_get(db, name, &u, e) != PSEC_OK)
        return NULL;
    if (psec_store_risk_countries(db, u.name, NULL, &in, &n, e) != PSEC_OK)
        return NULL;
    cs = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(cs, json_pack("{s:s, s:s}", "country", in[i].country, "name",
                                            in[i].name));
    free(in);
    o = json_pack("{s:s, s:i, s:i, s:s?, s:s?, s:b, s:o}", "name", u.name, "capacity",
                  u.capacity, "max_per_month", u.max_per_month, "home_base",
                  u.home_base[0] ? u.home_base : NULL, "notes", u.notes[0] ? u.notes : NULL,
                  "demo", u.demo, "countries", cs);
    if (o != NULL && u.has_home) {
        json_object_set_new(o, "home_lat", json_real(u.home_lat));
        json_object_set_new(o, "home_lon", json_real(u.home_lon));
    }
    return o;
}

json_t *psec_app_unit_add(struct psec_db *db, const struct psec_unit_spec *s, struct psec_err *e)
{
    struct psec_unit u;

    memset(&u, 0, sizeof u);
    if (s->name == NULL || s->name[0] == '\0')
        return no_json(psec_err_set(e, PSEC_E_USAGE, "a unit needs a name"));
    if (strlen(s->name) >= sizeof u.name)
        return no_json(psec_err_set(e, PSEC_E_INVALID, "unit name longer than %zu bytes",
                                    sizeof u.name - 1));
    if (s->capacity < 0 || s->capacity > 10000)
        return no_json(psec_err_set(e, PSEC_E_INVALID,
                                    "capacity %d: must be 0..10000 visits a year", s->capacity));
    if (s->max_per_month < 1 || s->max_per_month > 31)
        return no_json(psec_err_set(e, PSEC_E_INVALID, "max per month %d: must be 1..31",
                                    s->max_per_month));
    if (s->has_home && !(s->home_lat >= -90 && s->home_lat <= 90 && s->home_lon >= -180 &&
                         s->home_lon <= 180))
        return no_json(psec_err_set(e, PSEC_E_INVALID, "home position %g,%g is not a position",
                                    s->home_lat, s->home_lon));
    psec_strlcpy(u.name, s->name, sizeof u.name);
    u.capacity = s->capacity;
    u.max_per_month = s->max_per_month;
    if (s->home_base)
        psec_strlcpy(u.home_base, s->home_base, sizeof u.home_base);
    u.has_home = s->has_home;
    u.home_lat = s->home_lat;
    u.home_lon = s->home_lon;
    if (s->notes)
        psec_strlcpy(u.notes, s->notes, sizeof u.notes);
    if (psec_store_unit_put(db, &u, e) != PSEC_OK)
        return NULL;
    return unit_json(db, u.name, e);
}

json_t *psec_app_unit_list(struct psec_db *db, struct psec_err *e)
{
    return psec_store_unit_list(db, e);
}

json_t *psec_app_unit_show(struct psec_db *db, const char *name, struct psec_err *e)
{
    return unit_json(db, name, e);
}

json_t *psec_app_unit_assign(struct psec_db *db, const char *unit, const char *const *countries,
                             size_t n, const char *main_port, struct psec_err *e)
{
    struct psec_unit u;
    int rc;

    if (psec_store_unit_get(db, unit, &u, e) != PSEC_OK)
        return NULL;
    if (n == 0)
        return no_json(psec_err_set(e, PSEC_E_USAGE, "name at least one country to assign"));
    if (main_port != NULL && n != 1)
        return no_json(psec_err_set(e, PSEC_E_USAGE, "--main-port goes with a single country"));
    if ((rc = psec_db_begin(db, e)) != PSEC_OK)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        char cc[3];
        if ((rc = psec_store_country_resolve(db, countries[i], cc, e)) != PSEC_OK)
            goto fail;
        if (main_port != NULL) {
            json_t *p = psec_store_port_get(db, main_port, e);
            const char *pc;
            if (p == NULL) {
                rc = psec_err_set(e, PSEC_E_NOTFOUND, "no port %s", main_port);
                goto fail;
            }
            pc = json_string_value(json_object_get(p, "country"));
            if (pc == NULL || strcmp(pc, cc) != 0) {
                rc = psec_err_set(e, PSEC_E_INVALID, "port %s is not in %s", main_port, cc);
                json_decref(p);
                goto fail;
            }
            json_decref(p);
        }
        if ((rc = psec_store_unit_assign(db, u.name, cc, main_port, e)) != PSEC_OK)
            goto fail;
    }
    if ((rc = psec_db_commit(db, e)) != PSEC_OK)
        goto fail;
    return unit_json(db, u.name, e);
fail:
    psec_db_rollback(db);
    return NULL;
}

/* ---- threat ----------------------------------------------------------- */

json_t *psec_app_threat_set(struct psec_db *db, const char *country, int level, int64_t day,
                            const char *note, struct psec_err *e)
{
    char cc[3];

    if (level < 0 || level > 5)
        return no_json(psec_err_set(e, PSEC_E_INVALID, "threat level %d: must be 0..5", level));
    if (note == NULL || note[0] == '\0')
        return no_json(psec_err_set(e, PSEC_E_INVALID, "a threat input needs a note saying why"));
    if (strlen(note) >= PSEC_RISK_NOTE_MAX)
        return no_json(psec_err_set(e, PSEC_E_INVALID, "note longer than %d bytes",
                                    PSEC_RISK_NOTE_MAX - 1));
    if (!psec_utf8_valid(note, strlen(note)))
        return no_json(psec_err_set(e, PSEC_E_INVALID, "note is not valid UTF-8"));
    if (psec_store_country_resolve(db, country, cc, e) != PSEC_OK)
        return NULL;
    if (psec_store_threat_add(db, cc, level, day, note, false, e) != PSEC_OK)
        return NULL;
    return psec_app_threat_list(db, cc, e);
}

json_t *psec_app_threat_list(struct psec_db *db, const char *country, struct psec_err *e)
{
    char cc[3];

    if (psec_store_country_resolve(db, country, cc, e) != PSEC_OK)
        return NULL;
    return psec_store_threat_list(db, cc, e);
}

/* ---- trade import ----------------------------------------------------- */

struct tot {
    char cc[3];
    int year;
    double imports, exports;
};

struct name_map {
    char name[128];
    char cc[3];                    /* "" unmatched */
    long rows;
    char reason[96];
};

struct trade_ctx {
    struct psec_db *db;
    const char *source;
    struct psec_import_result *res;
    struct tot *tot;
    size_t ntot, captot;
    struct name_map *names;
    size_t nnames, capnames;
};

static struct name_map *partner(struct trade_ctx *t, const char *name, struct psec_err *e)
{
    struct name_map *m;
    const char *o;
    char norm[128];

    for (size_t i = 0; i < t->nnames; i++)
        if (strcmp(t->names[i].name, name) == 0)
            return &t->names[i];
    if (t->nnames == t->capnames) {
        size_t nc = t->capnames ? t->capnames * 2 : 256;
        struct name_map *nn = realloc(t->names, nc * sizeof *nn);
        if (nn == NULL) {
            psec_err_set(e, PSEC_E_NOMEM, "trade import: out of memory");
            return NULL;
        }
        t->names = nn;
        t->capnames = nc;
    }
    m = &t->names[t->nnames++];
    memset(m, 0, sizeof *m);
    psec_strlcpy(m->name, name, sizeof m->name);
    o = psec_trade_override(name);
    if (o != NULL && o[0] == '\0') {
        psec_strlcpy(m->reason, "not an ISO 3166 country today", sizeof m->reason);
    } else if (o != NULL) {
        if (psec_store_country_exists(t->db, o))
            psec_strlcpy(m->cc, o, sizeof m->cc);
        else
            snprintf(m->reason, sizeof m->reason, "%s is not in the registry", o);
    } else if (psec_store_country_resolve(t->db, name, m->cc, NULL) != PSEC_OK) {
        psec_trade_normalise(name, norm, sizeof norm);
        if (psec_store_country_resolve(t->db, norm, m->cc, NULL) != PSEC_OK) {
            m->cc[0] = '\0';
            psec_strlcpy(m->reason, "no country of that name in the registry",
                         sizeof m->reason);
        }
    }
    return m;
}

static int add_tot(struct trade_ctx *t, const char *cc, int year, double im, double ex,
                   struct psec_err *e)
{
    if (t->ntot == t->captot) {
        size_t nc = t->captot ? t->captot * 2 : 1024;
        struct tot *nt = realloc(t->tot, nc * sizeof *nt);
        if (nt == NULL)
            return psec_err_set(e, PSEC_E_NOMEM, "trade import: out of memory");
        t->tot = nt;
        t->captot = nc;
    }
    psec_strlcpy(t->tot[t->ntot].cc, cc, 3);
    t->tot[t->ntot].year = year;
    t->tot[t->ntot].imports = im;
    t->tot[t->ntot].exports = ex;
    t->ntot++;
    return PSEC_OK;
}

static int trade_row(void *ctx, const struct psec_trade_row *r, struct psec_err *e)
{
    struct trade_ctx *t = ctx;
    int rc;

    t->res->rows++;
    if (r->kind == PSEC_TRADE_CENSUS) {
        struct name_map *m = partner(t, r->partner, e);
        if (m == NULL)
            return PSEC_E_NOMEM;
        m->rows++;
        if (m->cc[0] == '\0') {
            t->res->unmatched++;
            return PSEC_OK;
        }
        return add_tot(t, m->cc, r->year, r->imports, r->exports, e);
    }
    {
        char cc[3];
        const char *src = r->source[0] ? r->source : t->source;
        if ((rc = psec_store_country_resolve(t->db, r->partner, cc, NULL)) != PSEC_OK)
            return psec_err_set(e, PSEC_E_INVALID, "%s:%ld: column country: no country \"%s\"",
                                t->source, r->line, r->partner);
        if ((rc = psec_store_trade_commodity_put(t->db, cc, r->year, r->category,
                                                 r->has_imports, r->imports, r->has_exports,
                                                 r->exports, src, e)) != PSEC_OK)
            return rc;
        t->res->imported++;
    }
    return PSEC_OK;
}

static void trade_reject(void *ctx, long line, const struct psec_err *why)
{
    struct trade_ctx *t = ctx;
    const char *col = strstr(why->msg, ": column ");
    char column[64] = "";
    const char *reason = why->msg;

    t->res->rows++;
    t->res->rejected++;
    if (col != NULL) {
        const char *end = strstr(col + 9, ": ");
        size_t len = end ? (size_t)(end - (col + 9)) : 0;
        if (end != NULL && len < sizeof column) {
            memcpy(column, col + 9, len);
            column[len] = '\0';
            reason = end + 2;
        }
    }
    if (t->res->rejects == NULL)
        t->res->rejects = json_array();
    json_array_append_new(t->res->rejects, json_pack("{s:I, s:s, s:s}", "line",
                                                     (json_int_t)line, "column", column,
                                                     "reason", reason));
}

static int cmp_tot(const void *pa, const void *pb)
{
    const struct tot *a = pa, *b = pb;
    int c = strcmp(a->cc, b->cc);
    return c ? c : (a->year > b->year) - (a->year < b->year);
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

int psec_app_import_trade(struct psec_db *db, const char *path,
                          const struct psec_import_opts *opts, struct psec_import_result *res,
                          struct psec_err *e)
{
    struct trade_ctx t;
    struct psec_trade_stats st;
    const char *name = opts && opts->name ? opts->name : base_name(path);
    FILE *f;
    int rc, kind = 0;

    memset(&t, 0, sizeof t);
    t.db = db;
    t.source = name;
    t.res = res;
    psec_strlcpy(res->kind, "trade", sizeof res->kind);
    f = fopen(path, "rb");
    if (f == NULL)
        return psec_err_set(e, PSEC_E_IO, "%s: %s", path, strerror(errno));
    if ((rc = psec_db_begin(db, e)) != PSEC_OK) {
        fclose(f);
        return rc;
    }
    rc = psec_trade_read(f, name, opts && opts->skip_invalid, trade_row, trade_reject, &t,
                         &kind, &st, e);
    fclose(f);
    if (rc != PSEC_OK)
        goto fail;
    res->skipped = st.aggregates;
    if (kind == PSEC_TRADE_COMMODITY)
        psec_strlcpy(res->kind, "commodities", sizeof res->kind);
    /* Partners named twice for one country (Gaza Strip, West Bank) add up. */
    if (t.ntot > 1)
        qsort(t.tot, t.ntot, sizeof *t.tot, cmp_tot);
    for (size_t i = 0; i < t.ntot;) {
        struct tot sum = t.tot[i];
        size_t j = i + 1;
        char src[PSEC_ERR_MAX];
        while (j < t.ntot && cmp_tot(&t.tot[j], &sum) == 0) {
            sum.imports += t.tot[j].imports;
            sum.exports += t.tot[j].exports;
            j++;
        }
        snprintf(src, sizeof src, "U.S. Census Bureau, trade in goods by country (%s)", name);
        if ((rc = psec_store_trade_put(db, sum.cc, sum.year, sum.imports, sum.exports, src,
                                       e)) != PSEC_OK)
            goto fail;
        res->imported++;
        i = j;
    }
    for (size_t i = 0; i < t.nnames; i++) {
        if (t.names[i].cc[0] != '\0')
            continue;
        if (res->unmatched_list == NULL)
            res->unmatched_list = json_array();
        json_array_append_new(res->unmatched_list,
                              json_pack("{s:s, s:I, s:s}", "partner", t.names[i].name, "rows",
                                        (json_int_t)t.names[i].rows, "reason",
                                        t.names[i].reason));
    }
    if ((rc = psec_db_commit(db, e)) != PSEC_OK)
        goto fail;
    free(t.tot);
    free(t.names);
    return PSEC_OK;
fail:
    psec_db_rollback(db);
    free(t.tot);
    free(t.names);
    return rc;
}

json_t *psec_app_trade_show(struct psec_db *db, const char *country, struct psec_err *e)
{
    char cc[3];

    if (psec_store_country_resolve(db, country, cc, e) != PSEC_OK)
        return NULL;
    return psec_store_trade_get(db, cc, e);
}

/* ---- ranking ---------------------------------------------------------- */

/* Scores and ranks the countries in scope. *out is a new array (free()). */
static int rank_core(struct psec_db *db, const char *unit, const char *region, int64_t as_of,
                     const char *weights_path, const char *datadir,
                     struct psec_risk_weights *w, char *wused, size_t wsize,
                     struct psec_risk_sources *src, struct psec_risk_input **ins,
                     struct psec_risk_result **out, size_t *n, char *unit_name,
                     struct psec_err *e)
{
    struct psec_risk_input *in = NULL;
    struct psec_risk_result *r = NULL;
    int rc;

    *out = NULL;
    *n = 0;
    if (ins)
        *ins = NULL;
    if ((rc = weights_for(weights_path, datadir, w, wused, wsize, e)) != PSEC_OK)
        return rc;
    if (unit != NULL) {
        struct psec_unit u;
        rc = psec_store_unit_get(db, unit, &u, e);
        if (rc == PSEC_OK)
            psec_strlcpy(unit_name, u.name, 128);
        else if (rc == PSEC_E_NOTFOUND)
            psec_strlcpy(unit_name, unit, 128);   /* may still be a registry unit name */
        else
            return rc;
    }
    if ((rc = psec_store_risk_sources(db, src, e)) != PSEC_OK)
        return rc;
    if ((rc = psec_store_risk_countries(db, unit ? unit_name : NULL, region, &in, n, e)) !=
        PSEC_OK)
        return rc;
    if (*n == 0 && unit != NULL) {
        free(in);
        return psec_err_set(e, PSEC_E_NOTFOUND, "unit \"%s\" has no countries (see 'portsec "
                            "unit list' and 'portsec unit assign')", unit);
    }
    r = calloc(*n ? *n : 1, sizeof *r);
    if (r == NULL) {
        free(in);
        return psec_err_set(e, PSEC_E_NOMEM, "ranking: out of memory");
    }
    {
        json_t *traffic = psec_store_risk_traffic(db, src, as_of, e);
        if (traffic == NULL) {
            free(in);
            free(r);
            return fail_code(e);
        }
        for (size_t i = 0; i < *n; i++) {
            if ((rc = psec_store_risk_fill(db, src, traffic, &in[i], as_of, e)) != PSEC_OK) {
                json_decref(traffic);
                free(in);
                free(r);
                return rc;
            }
            psec_risk_score(&in[i], w, as_of, &r[i]);
        }
        json_decref(traffic);
    }
    psec_risk_rank(r, *n);
    if (ins)
        *ins = in;
    else
        free(in);
    *out = r;
    return PSEC_OK;
}

static json_t *sources_json(const struct psec_risk_sources *s)
{
    return json_pack("{s:b, s:b, s:b, s:b, s:b, s:b, s:b}", "assessments", s->assessments,
                     "determinations", s->determinations, "recommendations",
                     s->recommendations, "advisories", s->advisories, "screenings",
                     s->screenings, "ais_calls", s->ais_calls, "trade", s->trade);
}

static double round3(double v)
{
    return (double)(long long)(v * 1000 + (v >= 0 ? 0.5 : -0.5)) / 1000;
}

json_t *psec_app_rank(struct psec_db *db, const struct psec_rank_opts *o, struct psec_err *e)
{
    struct psec_risk_weights w;
    struct psec_risk_sources src;
    struct psec_risk_result *r;
    char wused[1024], unit_name[128] = "", d[16];
    size_t n;
    json_t *doc, *arr;
    double wsum = 0;

    if (rank_core(db, o->unit, o->region, o->as_of, o->weights_path, o->datadir, &w, wused,
                  sizeof wused, &src, NULL, &r, &n, unit_name, e) != PSEC_OK)
        return NULL;
    for (int c = 0; c < PSEC_RISK_NCOMP; c++)
        wsum += w.w[c];
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *comps = json_object();
        for (int c = 0; c < PSEC_RISK_NCOMP; c++)
            json_object_set_new(comps, psec_risk_comp_key(c),
                                json_pack("{s:f, s:f, s:f, s:s}", "score",
                                          round3(r[i].part[c].score), "weight",
                                          round3(w.w[c] / wsum), "points",
                                          round3(r[i].part[c].points), "why",
                                          r[i].part[c].why));
        json_array_append_new(arr, json_pack("{s:i, s:s, s:s, s:s, s:f, s:s?, s:b, s:o}",
                                             "rank", r[i].rank, "country", r[i].country,
                                             "name", r[i].name, "region", r[i].region,
                                             "score", round3(r[i].score), "due",
                                             r[i].due_known ? psec_date_format(r[i].due_day, d,
                                                                               sizeof d)
                                                            : NULL,
                                             "overdue", r[i].overdue, "components", comps));
    }
    free(r);
    doc = json_pack("{s:s, s:s?, s:s?, s:s, s:o, s:o, s:o}", "as_of",
                    psec_date_format(o->as_of, d, sizeof d), "unit",
                    o->unit ? unit_name : NULL, "region", o->region, "weights_source", wused,
                    "weights", psec_app_risk_weights_json(&w), "sources", sources_json(&src),
                    "countries", arr);
    return doc;
}

/* ---- plan ------------------------------------------------------------- */

static int plan_core(struct psec_db *db, const struct psec_plan_opts *o, struct psec_plan **out,
                     char *unit_name, struct psec_plan_country **pcs_out, char (**ports)[6],
                     struct psec_err *e)
{
    struct psec_risk_weights w;
    struct psec_risk_sources src;
    struct psec_risk_input *in = NULL;
    struct psec_risk_result *r = NULL;
    struct psec_plan_country *pc = NULL;
    struct psec_plan_params p;
    struct psec_unit u;
    char wused[1024], (*port)[6] = NULL;
    size_t n = 0;
    int rc;

    *out = NULL;
    if (o->unit == NULL)
        return psec_err_set(e, PSEC_E_USAGE, "a plan needs a unit (--unit NAME)");
    if ((rc = psec_store_unit_get(db, o->unit, &u, e)) != PSEC_OK)
        return rc;
    psec_strlcpy(unit_name, u.name, 128);
    if ((rc = rank_core(db, u.name, NULL, o->as_of, o->weights_path, o->datadir, &w, wused,
                        sizeof wused, &src, &in, &r, &n, unit_name, e)) != PSEC_OK)
        return rc;
    pc = calloc(n ? n : 1, sizeof *pc);
    port = calloc(n ? n : 1, sizeof *port);
    if (pc == NULL || port == NULL) {
        rc = psec_err_set(e, PSEC_E_NOMEM, "planning: out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        const struct psec_risk_input *ci = NULL;
        for (size_t j = 0; j < n; j++)
            if (strcmp(in[j].country, r[i].country) == 0)
                ci = &in[j];
        psec_strlcpy(pc[i].country, r[i].country, sizeof pc[i].country);
        psec_strlcpy(pc[i].name, r[i].name, sizeof pc[i].name);
        pc[i].score = r[i].score;
        pc[i].assessed = ci->assess_known && ci->assessed;
        pc[i].history_unknown = !ci->assess_known;
        pc[i].due_day = r[i].due_day;
        rc = psec_store_main_port(db, r[i].country, port[i], &pc[i].lat, &pc[i].lon, e);
        if (rc == PSEC_OK)
            pc[i].has_pos = true;
        else if (rc != PSEC_E_NOTFOUND)
            goto done;
    }
    psec_plan_params_default(&p);
    p.year = o->year;
    p.capacity = o->capacity >= 0 ? o->capacity : u.capacity;
    p.max_per_month = o->max_per_month > 0 ? o->max_per_month : u.max_per_month;
    if (o->visit_days > 0)
        p.visit_days = o->visit_days;
    if (o->group_km >= 0)
        p.group_km = o->group_km;
    p.blackouts = o->blackouts;
    p.nblackouts = o->nblackouts;
    rc = psec_plan_make(pc, n, &p, out, e);
done:
    free(in);
    free(r);
    if (rc == PSEC_OK && pcs_out != NULL && ports != NULL) {
        *pcs_out = pc;
        *ports = port;
    } else {
        free(pc);
        free(port);
    }
    return rc;
}

json_t *psec_app_plan(struct psec_db *db, const struct psec_plan_opts *o, struct psec_err *e)
{
    struct psec_plan *plan;
    struct psec_plan_country *pc = NULL;
    char unit_name[128], (*port)[6] = NULL, a[16], b[16];
    json_t *visits, *countries, *pm, *doc;

    if (plan_core(db, o, &plan, unit_name, &pc, &port, e) != PSEC_OK)
        return NULL;
    visits = json_array();
    for (size_t i = 0; i < plan->nvisits; i++) {
        const struct psec_plan_visit *v = &plan->visits[i];
        const char *vp = NULL;
        for (size_t j = 0; j < plan->nentries; j++)
            if (strcmp(pc[j].country, v->country) == 0 && port[j][0])
                vp = port[j];
        json_array_append_new(visits,
            json_pack("{s:i, s:s, s:s, s:s, s:s, s:b, s:f, s:f, s:s?}", "trip", v->trip,
                      "country", v->country, "name", v->name, "start",
                      psec_date_format(v->start_day, a, sizeof a), "end",
                      psec_date_format(v->end_day, b, sizeof b), "due", v->due, "score",
                      round3(v->score), "km_from_trip_lead", (double)(long)(v->km_from_lead + 0.5),
                      "port", vp));
    }
    countries = json_array();
    for (size_t i = 0; i < plan->nentries; i++) {
        const struct psec_plan_entry *en = &plan->entries[i];
        const struct psec_plan_country *c = NULL;
        const char *cp = NULL;
        for (size_t j = 0; j < plan->nentries; j++)
            if (strcmp(pc[j].country, en->country) == 0) {
                c = &pc[j];
                cp = port[j][0] ? port[j] : NULL;
            }
        json_array_append_new(countries,
            json_pack("{s:i, s:s, s:s, s:b, s:b, s:f, s:s?, s:s?, s:s}", "order", en->order,
                      "country", en->country, "name", en->name, "due", en->due, "included",
                      en->included, "score", round3(c ? c->score : 0), "due_date",
                      c && c->assessed ? psec_date_format(c->due_day, a, sizeof a) : NULL,
                      "port", cp, "why", en->why));
    }
    pm = json_array();
    for (int m = 0; m < 12; m++)
        json_array_append_new(pm, json_integer(plan->per_month[m]));
    doc = json_pack("{s:s, s:i, s:s, s:b, s:i, s:i, s:i, s:i, s:i, s:o, s:o, s:o}", "unit",
                    unit_name, "year", plan->year, "summary", plan->summary, "shortfall",
                    plan->shortfall, "required", plan->required, "required_met",
                    plan->required_met, "capacity", plan->capacity, "slots", plan->slots,
                    "trips", plan->trips, "per_month", pm, "visits", visits, "countries",
                    countries);
    psec_plan_free(plan);
    free(pc);
    free(port);
    return doc;
}

char *psec_app_plan_ics(struct psec_db *db, const struct psec_plan_opts *o, int64_t dtstamp,
                        struct psec_err *e)
{
    struct psec_plan *plan;
    char unit_name[128], *text;

    if (plan_core(db, o, &plan, unit_name, NULL, NULL, e) != PSEC_OK)
        return NULL;
    text = psec_ical_plan(plan, unit_name, dtstamp, e);
    psec_plan_free(plan);
    return text;
}

/* ---- bundled and demo data ---------------------------------------------- */

static bool any_country(struct psec_db *db)
{
    json_t *counts = psec_store_counts(db, NULL);
    bool found = json_integer_value(json_object_get(counts, "country")) > 0;

    json_decref(counts);
    return found;
}

int psec_app_risk_load_bundled(struct psec_db *db, const char *datadir, struct psec_err *e)
{
    static const char *const files[] = {"census-us-trade-by-partner-1985-2011.csv",
                                        "commodity-breakdown.csv"};
    char path[1024];
    long total = 0;
    int rc;

    if (psec_store_dataset_loaded(db, "trade"))
        return PSEC_OK;
    if (!any_country(db))
        return PSEC_OK;         /* nothing to map partners to yet */
    if ((rc = psec_db_begin(db, e)) != PSEC_OK)
        return rc;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        struct psec_import_result res;
        struct psec_import_opts io = {0};
        snprintf(path, sizeof path, "%s/trade/%s", datadir, files[i]);
        io.name = files[i];
        /* The Census file as published has one row without a year (see
         * data/trade/PROVENANCE.md); it is rejected, the rest loads. */
        io.skip_invalid = true;
        psec_import_result_init(&res);
        rc = psec_app_import_trade(db, path, &io, &res, e);
        total += res.imported;
        psec_import_result_free(&res);
        if (rc != PSEC_OK)
            goto fail;
    }
    if ((rc = psec_store_dataset_mark(db, "trade", "data/trade/", total, e)) != PSEC_OK)
        goto fail;
    return psec_db_commit(db, e);
fail:
    psec_db_rollback(db);
    return rc;
}

int psec_app_risk_load_demo(struct psec_db *db, const char *datadir, struct psec_err *e)
{
    char path[1024];
    json_error_t je;
    json_t *doc, *units, *u;
    size_t i;
    int rc;

    snprintf(path, sizeof path, "%s/units/demo-units.json", datadir);
    doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (doc == NULL)
        return je.line < 1 ? psec_err_set(e, PSEC_E_IO, "%s: %s", path, je.text)
                           : psec_err_set(e, PSEC_E_INVALID, "%s:%d: %s", path, je.line,
                                          je.text);
    units = json_object_get(doc, "units");
    if (!json_is_array(units)) {
        json_decref(doc);
        return psec_err_set(e, PSEC_E_INVALID, "%s: units: expected an array", path);
    }
    if ((rc = psec_db_begin(db, e)) != PSEC_OK) {
        json_decref(doc);
        return rc;
    }
    json_array_foreach(units, i, u) {
        struct psec_unit un;
        json_t *cs = json_object_get(u, "countries"), *c, *ths = json_object_get(u, "threats");
        size_t j;
        const char *name = json_string_value(json_object_get(u, "name"));

        memset(&un, 0, sizeof un);
        if (name == NULL || !json_is_integer(json_object_get(u, "capacity"))) {
            rc = psec_err_set(e, PSEC_E_INVALID, "%s: units[%zu]: needs a name and an integer "
                              "capacity", path, i);
            goto fail;
        }
        psec_strlcpy(un.name, name, sizeof un.name);
        un.capacity = (int)json_integer_value(json_object_get(u, "capacity"));
        un.max_per_month = json_is_integer(json_object_get(u, "max_per_month"))
                               ? (int)json_integer_value(json_object_get(u, "max_per_month"))
                               : 2;
        if (json_is_string(json_object_get(u, "home_base")))
            psec_strlcpy(un.home_base, json_string_value(json_object_get(u, "home_base")),
                         sizeof un.home_base);
        un.has_home = json_is_number(json_object_get(u, "home_lat")) &&
                      json_is_number(json_object_get(u, "home_lon"));
        un.home_lat = json_number_value(json_object_get(u, "home_lat"));
        un.home_lon = json_number_value(json_object_get(u, "home_lon"));
        if (json_is_string(json_object_get(u, "notes")))
            psec_strlcpy(un.notes, json_string_value(json_object_get(u, "notes")),
                         sizeof un.notes);
        un.demo = true;
        if ((rc = psec_store_unit_put(db, &un, e)) != PSEC_OK)
            goto fail;
        json_array_foreach(cs, j, c) {
            const char *cc = json_string_value(c);
            if (cc == NULL || !psec_store_country_exists(db, cc)) {
                rc = psec_err_set(e, PSEC_E_NOTFOUND, "%s: units[%zu].countries[%zu]: country "
                                  "%s is not in the registry; run 'portsec init' first", path,
                                  i, j, cc ? cc : "?");
                goto fail;
            }
            if ((rc = psec_store_unit_assign(db, un.name, cc, NULL, e)) != PSEC_OK)
                goto fail;
        }
        json_array_foreach(ths, j, c) {
            const char *cc = json_string_value(json_object_get(c, "country"));
            const char *dt = json_string_value(json_object_get(c, "date"));
            const char *note = json_string_value(json_object_get(c, "note"));
            json_t *lv = json_object_get(c, "level");
            int64_t day;
            if (cc == NULL || dt == NULL || note == NULL || !json_is_integer(lv) ||
                !psec_date_parse(dt, &day) || json_integer_value(lv) < 0 ||
                json_integer_value(lv) > 5) {
                rc = psec_err_set(e, PSEC_E_INVALID, "%s: units[%zu].threats[%zu]: needs "
                                  "country, level 0..5, date YYYY-MM-DD and note", path, i, j);
                goto fail;
            }
            if (psec_store_threat_exists(db, cc, day, note))
                continue;
            if ((rc = psec_store_threat_add(db, cc, (int)json_integer_value(lv), day, note,
                                            true, e)) != PSEC_OK)
                goto fail;
        }
    }
    json_decref(doc);
    return psec_db_commit(db, e);
fail:
    psec_db_rollback(db);
    json_decref(doc);
    return rc;
}
