/*
 * risk.c (store) — SQL for units, trade, threat inputs, and the gathering of
 * risk inputs (see risk.h).
 *
 * Tables owned by other features (visit, determination, recommendation,
 * advisories, screenings, AIS calls) are read only after
 * psec_store_risk_sources() has seen them in the schema, so this file
 * works on any database whatever migrations it has.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/limits.h"
#include "base/str.h"
#include "base/time.h"
#include "store/risk.h"

static const char *nz(const char *s) { return s && *s ? s : NULL; }

static int fail_code(struct psec_err *e)
{
    return e && e->code ? e->code : PSEC_E_DB;
}

int psec_store_unit_put(struct psec_db *db, const struct psec_unit *u, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO risk_unit (name, capacity, max_per_month, home_base, home_lat, home_lon,"
        " notes, demo) VALUES (?,?,?,?,?,?,?,?)"
        " ON CONFLICT (name) DO UPDATE SET capacity=excluded.capacity,"
        " max_per_month=excluded.max_per_month, home_base=excluded.home_base,"
        " home_lat=excluded.home_lat, home_lon=excluded.home_lon, notes=excluded.notes,"
        " demo=excluded.demo, version=risk_unit.version+1"
        " WHERE risk_unit.capacity IS DISTINCT FROM excluded.capacity"
        " OR risk_unit.max_per_month IS DISTINCT FROM excluded.max_per_month"
        " OR risk_unit.home_base IS DISTINCT FROM excluded.home_base"
        " OR risk_unit.home_lat IS DISTINCT FROM excluded.home_lat"
        " OR risk_unit.home_lon IS DISTINCT FROM excluded.home_lon"
        " OR risk_unit.notes IS DISTINCT FROM excluded.notes"
        " OR risk_unit.demo IS DISTINCT FROM excluded.demo", e);

    if (st == NULL)
        return fail_code(e);
    psec_stmt_text(st, 1, u->name);
    psec_stmt_int(st, 2, u->capacity);
    psec_stmt_int(st, 3, u->max_per_month);
    psec_stmt_text(st, 4, nz(u->home_base));
    if (u->has_home) {
        psec_stmt_double(st, 5, u->home_lat);
        psec_stmt_double(st, 6, u->home_lon);
    }
    psec_stmt_text(st, 7, nz(u->notes));
    psec_stmt_int(st, 8, u->demo ? 1 : 0);
    return psec_stmt_run(st, e);
}

int psec_store_unit_get(struct psec_db *db, const char *name, struct psec_unit *out,
                        struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT name, capacity, max_per_month, home_base, home_lat, home_lon, notes, demo"
        " FROM risk_unit WHERE LOWER(name)=LOWER(?)", e);
    int rc;

    if (st == NULL)
        return fail_code(e);
    psec_stmt_text(st, 1, name);
    rc = psec_stmt_step(st, e);
    if (rc == PSEC_DONE)
        return psec_err_set(e, PSEC_E_NOTFOUND, "no unit \"%s\" (see 'portsec unit list')",
                            name);
    if (rc != PSEC_ROW)
        return rc;
    memset(out, 0, sizeof *out);
    psec_strlcpy(out->name, psec_stmt_col_text(st, 0), sizeof out->name);
    out->capacity = (int)psec_stmt_col_int(st, 1);
    out->max_per_month = (int)psec_stmt_col_int(st, 2);
    psec_strlcpy(out->home_base, psec_stmt_col_text(st, 3), sizeof out->home_base);
    out->has_home = !psec_stmt_isnull(st, 4) && !psec_stmt_isnull(st, 5);
    out->home_lat = psec_stmt_col_double(st, 4);
    out->home_lon = psec_stmt_col_double(st, 5);
    psec_strlcpy(out->notes, psec_stmt_col_text(st, 6), sizeof out->notes);
    out->demo = psec_stmt_col_int(st, 7) != 0;
    psec_stmt_run(st, NULL);
    return PSEC_OK;
}

json_t *psec_store_unit_list(struct psec_db *db, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT u.name, u.capacity, u.max_per_month, u.home_base, u.home_lat, u.home_lon,"
        " (SELECT COUNT(*) FROM country c WHERE c.alpha2 IN"
        "   (SELECT a.country FROM risk_unit_country a WHERE a.unit=u.name)"
        "   OR (LOWER(c.unit)=LOWER(u.name) AND c.alpha2 NOT IN"
        "   (SELECT a.country FROM risk_unit_country a))) AS countries,"
        " u.demo, u.notes"
        " FROM risk_unit u ORDER BY u.name", e);

    if (st == NULL)
        return NULL;
    return psec_stmt_json_rows(st, e);
}

int psec_store_unit_assign(struct psec_db *db, const char *unit, const char *country,
                           const char *main_port, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO risk_unit_country (country, unit, main_port) VALUES (?,?,?)"
        " ON CONFLICT (country) DO UPDATE SET unit=excluded.unit,"
        " main_port=COALESCE(excluded.main_port, risk_unit_country.main_port)", e);

    if (st == NULL)
        return fail_code(e);
    psec_stmt_text(st, 1, country);
    psec_stmt_text(st, 2, unit);
    psec_stmt_text(st, 3, nz(main_port));
    return psec_stmt_run(st, e);
}

static bool has_table(json_t *tables, const char *name)
{
    size_t i;
    json_t *v;

    json_array_foreach(tables, i, v)
        if (strcmp(json_string_value(v), name) == 0)
            return true;
    return false;
}

/* sql: a literal (the statement cache is keyed by its text). */
static bool has_row(struct psec_db *db, const char *sql)
{
    struct psec_stmt *st = psec_db_stmt(db, sql, NULL);
    bool found;

    if (st == NULL)
        return false;
    found = psec_stmt_step(st, NULL) == PSEC_ROW;
    psec_stmt_run(st, NULL);
    return found;
}

int psec_store_risk_sources(struct psec_db *db, struct psec_risk_sources *s, struct psec_err *e)
{
    json_t *t = psec_db_tables(db, e);

    memset(s, 0, sizeof *s);
    if (t == NULL)
        return fail_code(e);
    /* A source counts as loaded when its table exists and holds a row: an
     * empty table after a migration says nothing about any country. */
    s->assessments = has_table(t, "visit") && has_row(db, "SELECT 1 FROM visit LIMIT 1");
    s->determinations = has_table(t, "determination") &&
                        has_row(db, "SELECT 1 FROM determination LIMIT 1");
    s->recommendations = has_table(t, "recommendation") &&
                         has_row(db, "SELECT 1 FROM recommendation LIMIT 1");
    s->advisories = has_table(t, "advisory_change") &&
                    has_row(db, "SELECT 1 FROM advisory_change LIMIT 1");
    s->screenings = has_table(t, "screening") && has_row(db, "SELECT 1 FROM screening LIMIT 1");
    s->ais_calls = has_table(t, "ais_call") && has_row(db, "SELECT 1 FROM ais_call LIMIT 1");
    json_decref(t);
    s->trade = has_row(db, "SELECT 1 FROM trade LIMIT 1");
    return PSEC_OK;
}

int psec_store_risk_countries(struct psec_db *db, const char *unit, const char *region,
                              struct psec_risk_input **out, size_t *n, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT c.alpha2, c.name, c.region, c.solas, c.isps_since FROM country c"
        " WHERE (? IS NULL OR c.alpha2 IN (SELECT a.country FROM risk_unit_country a"
        "        WHERE LOWER(a.unit)=LOWER(?))"
        "     OR (LOWER(c.unit)=LOWER(?) AND c.alpha2 NOT IN"
        "        (SELECT a.country FROM risk_unit_country a)))"
        " AND (? IS NULL OR LOWER(c.region)=LOWER(?) OR LOWER(c.sub_region)=LOWER(?))"
        " AND (? IS NOT NULL OR EXISTS (SELECT 1 FROM port p WHERE p.country=c.alpha2))"
        " ORDER BY c.alpha2", e);
    struct psec_risk_input *v = NULL;
    size_t cap = 0, k = 0;
    int rc;

    *out = NULL;
    *n = 0;
    if (st == NULL)
        return fail_code(e);
    for (int i = 1; i <= 3; i++)
        psec_stmt_text(st, i, nz(unit));
    for (int i = 4; i <= 6; i++)
        psec_stmt_text(st, i, nz(region));
    /* Without a unit, countries with no sea port in the registry are left
     * out: no ship arrives from them. A unit's own countries always count. */
    psec_stmt_text(st, 7, nz(unit));
    while ((rc = psec_stmt_step(st, e)) == PSEC_ROW) {
        struct psec_risk_input *in;
        if (k == cap) {
            size_t nc = cap ? cap * 2 : 64;
            struct psec_risk_input *nv = realloc(v, nc * sizeof *nv);
            if (nv == NULL) {
                free(v);
                psec_stmt_run(st, NULL);
                return psec_err_set(e, PSEC_E_NOMEM, "listing countries: out of memory");
            }
            v = nv;
            cap = nc;
        }
        in = &v[k++];
        memset(in, 0, sizeof *in);
        psec_strlcpy(in->country, psec_stmt_col_text(st, 0), sizeof in->country);
        psec_strlcpy(in->name, psec_stmt_col_text(st, 1), sizeof in->name);
        psec_strlcpy(in->region, psec_stmt_col_text(st, 2), sizeof in->region);
        in->solas = psec_stmt_isnull(st, 3) ? -1 : (int)psec_stmt_col_int(st, 3);
        in->isps_since = psec_stmt_isnull(st, 4) ? 0 : (int)psec_stmt_col_int(st, 4);
    }
    if (rc != PSEC_DONE) {
        free(v);
        return rc;
    }
    *out = v;
    *n = k;
    return PSEC_OK;
}

static bool parse_day(const char *s, int64_t *day)
{
    char buf[11];

    /* Dates are stored as YYYY-MM-DD; tolerate a time part after them. */
    psec_strlcpy(buf, s, sizeof buf);
    return psec_date_parse(buf, day);
}

static int fill_assessment(struct psec_db *db, struct psec_risk_input *in, const char *asof,
                           struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT MAX(end_date) FROM visit WHERE country=? AND kind='assessment'"
        " AND end_date <= ?", e);
    int rc;

    if (st == NULL)
        return fail_code(e);
    psec_stmt_text(st, 1, in->country);
    psec_stmt_text(st, 2, asof);
    if ((rc = psec_stmt_step(st, e)) != PSEC_ROW)
        return rc == PSEC_DONE ? PSEC_OK : rc;
    in->assess_known = true;
    in->assessed = !psec_stmt_isnull(st, 0) &&
                   parse_day(psec_stmt_col_text(st, 0), &in->last_assessed_day);
    psec_stmt_run(st, NULL);
    return PSEC_OK;
}

static int fill_determination(struct psec_db *db, struct psec_risk_input *in, const char *asof,
                              struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT result, decided_on FROM determination WHERE country=? AND decided_on <= ?"
        " ORDER BY decided_on DESC, id DESC LIMIT 1", e);
    int rc;

    if (st == NULL)
        return fail_code(e);
    psec_stmt_text(st, 1, in->country);
    psec_stmt_text(st, 2, asof);
    in->det_known = true;
    in->determination = PSEC_DET_NONE;
    rc = psec_stmt_step(st, e);
    if (rc == PSEC_ROW) {
        const char *r = psec_stmt_col_text(st, 0);
        if (strcmp(r, "not-effective") == 0)
            in->determination = PSEC_DET_NOT_EFFECTIVE;
        else if (strcmp(r, "effective-with-recommendations") == 0)
            in->determination = PSEC_DET_EFFECTIVE_RECS;
        else
            in->determination = PSEC_DET_EFFECTIVE;
        parse_day(psec_stmt_col_text(st, 1), &in->det_day);
        psec_stmt_run(st, NULL);
        return PSEC_OK;
    }
    return rc == PSEC_DONE ? PSEC_OK : rc;
}

static int fill_recommendations(struct psec_db *db, struct psec_risk_input *in,
                                const char *asof, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN due < ? THEN 1 ELSE 0 END), 0)"
        " FROM recommendation WHERE country=? AND status IN ('open', 'in-progress')"
        " AND created_on <= ?", e);
    int rc;

    if (st == NULL)
        return fail_code(e);
    psec_stmt_text(st, 1, asof);
    psec_stmt_text(st, 2, in->country);
    psec_stmt_text(st, 3, asof);
    if ((rc = psec_stmt_step(st, e)) != PSEC_ROW)
        return rc == PSEC_DONE ? PSEC_OK : rc;
    in->recs_known = true;
    in->recs_open = (int)psec_stmt_col_int(st, 0);
    in->recs_overdue = (int)psec_stmt_col_int(st, 1);
    psec_stmt_run(st, NULL);
    return PSEC_OK;
}

static int fill_trade(struct psec_db *db, struct psec_risk_input *in, int64_t as_of,
                      struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT year, imports, exports FROM trade WHERE country=? AND year <= ?"
        " ORDER BY year DESC LIMIT 1", e);
    int rc, y, m, d;

    if (st == NULL)
        return fail_code(e);
    psec_civil_from_days(as_of, &y, &m, &d);
    psec_stmt_text(st, 1, in->country);
    psec_stmt_int(st, 2, y);
    in->trade_known = true;
    rc = psec_stmt_step(st, e);
    if (rc == PSEC_ROW) {
        in->has_trade = true;
        in->trade_year = (int)psec_stmt_col_int(st, 0);
        in->trade_imports_musd = psec_stmt_col_double(st, 1);
        in->trade_exports_musd = psec_stmt_col_double(st, 2);
        psec_stmt_run(st, NULL);
        return PSEC_OK;
    }
    return rc == PSEC_DONE ? PSEC_OK : rc;
}

static int fill_threat(struct psec_db *db, struct psec_risk_input *in, const char *asof,
                       struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT level, day, note FROM threat WHERE country=? AND day <= ?"
        " ORDER BY day DESC, id DESC LIMIT 1", e);
    int rc;

    if (st == NULL)
        return fail_code(e);
    psec_stmt_text(st, 1, in->country);
    psec_stmt_text(st, 2, asof);
    rc = psec_stmt_step(st, e);
    if (rc == PSEC_ROW) {
        in->has_threat = true;
        in->threat_level = (int)psec_stmt_col_int(st, 0);
        parse_day(psec_stmt_col_text(st, 1), &in->threat_day);
        psec_strlcpy(in->threat_note, psec_stmt_col_text(st, 2), sizeof in->threat_note);
        psec_stmt_run(st, NULL);
        return PSEC_OK;
    }
    return rc == PSEC_DONE ? PSEC_OK : rc;
}

/* Conditions of entry from the advisory history: the latest add or remove
 * of the country that took effect on or before as_of decides. Where the
 * history knows a change only within an interval, the risk view is the
 * cautious one: in force from the interval's start, lifted at its end. */
static int fill_coe(struct psec_db *db, struct psec_risk_input *in, const char *asof,
                    struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT action, CASE WHEN action='add_country' THEN not_before ELSE by_date END AS eff,"
        " COALESCE(basis, '') FROM advisory_change WHERE country=?"
        " AND action IN ('add_country', 'remove_country')"
        " AND CASE WHEN action='add_country' THEN not_before ELSE by_date END <= ?"
        " ORDER BY eff DESC, id DESC LIMIT 1", e);
    int rc;

    if (st == NULL)
        return fail_code(e);
    psec_stmt_text(st, 1, in->country);
    psec_stmt_text(st, 2, asof);
    in->coe_known = true;
    rc = psec_stmt_step(st, e);
    if (rc == PSEC_ROW) {
        int64_t day = 0;
        bool add = strcmp(psec_stmt_col_text(st, 0), "add_country") == 0;
        parse_day(psec_stmt_col_text(st, 1), &day);
        in->coe_ssot = add && strcmp(psec_stmt_col_text(st, 2), "state-sponsor-of-terrorism") == 0;
        psec_stmt_run(st, NULL);
        if (add) {
            in->coe_in_force = true;
            in->coe_since_day = day;
        } else {
            in->coe_lifted = true;
            in->coe_lifted_day = day;
        }
    } else if (rc != PSEC_DONE) {
        return rc;
    }
    if (!in->coe_in_force)
        return PSEC_OK;
    st = psec_db_stmt(db,
        "SELECT COALESCE(SUM(CASE WHEN action='add_exception' THEN 1 ELSE -1 END), 0)"
        " FROM advisory_change WHERE country=? AND not_before <= ?"
        " AND action IN ('add_exception', 'remove_exception')", e);
    if (st == NULL)
        return fail_code(e);
    psec_stmt_text(st, 1, in->country);
    psec_stmt_text(st, 2, asof);
    if ((rc = psec_stmt_step(st, e)) == PSEC_ROW) {
        int64_t n = psec_stmt_col_int(st, 0);
        in->coe_exceptions = n > 0 ? (int)n : 0;
        psec_stmt_run(st, NULL);
        return PSEC_OK;
    }
    return rc == PSEC_DONE ? PSEC_OK : rc;
}

/* Adds 1 to traffic[cc][key] for each distinct country in cc[0..n). */
static void count_distinct(json_t *traffic, const char (*cc)[3], int n, const char *key)
{
    for (int i = 0; i < n; i++) {
        bool seen = false;
        json_t *o;
        for (int j = 0; j < i; j++)
            if (strcmp(cc[i], cc[j]) == 0)
                seen = true;
        if (seen || cc[i][0] == '\0')
            continue;
        if ((o = json_object_get(traffic, cc[i])) == NULL) {
            o = json_pack("{s:i, s:i}", "screenings", 0, "ais", 0);
            json_object_set_new(traffic, cc[i], o);
        }
        json_object_set_new(o, key, json_integer(json_integer_value(json_object_get(o, key)) + 1));
    }
}

struct call {
    char cc[3];
    int64_t arrival;               /* UTC seconds */
};

static int cmp_call_desc(const void *pa, const void *pb)
{
    const struct call *a = pa, *b = pb;
    return (a->arrival < b->arrival) - (a->arrival > b->arrival);
}

static int traffic_screenings(struct psec_db *db, json_t *traffic, int64_t as_of,
                              struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT DISTINCT imo, eta, noa FROM screening WHERE eta >= ? AND eta < ?"
        " ORDER BY imo, eta", e);
    char from[16], to[16];
    int rc;

    if (st == NULL)
        return fail_code(e);
    /* The 12 months to as_of, inclusive: ISO texts compare as dates. */
    psec_date_format(psec_date_add_months(as_of, -12) + 1, from, sizeof from);
    psec_date_format(as_of + 1, to, sizeof to);
    psec_stmt_text(st, 1, from);
    psec_stmt_text(st, 2, to);
    while ((rc = psec_stmt_step(st, e)) == PSEC_ROW) {
        json_t *noa = json_loads(psec_stmt_col_text(st, 2), 0, NULL), *calls, *c;
        struct call v[PSEC_NOA_MAX_CALLS];
        char cc[5][3];
        int n = 0, k = 0;
        size_t i;

        calls = json_object_get(noa, "port_calls");
        json_array_foreach(calls, i, c) {
            const char *port = json_string_value(json_object_get(c, "port"));
            const char *arr = json_string_value(json_object_get(c, "arrival"));
            const char *purpose = json_string_value(json_object_get(c, "purpose"));
            if (port == NULL || strlen(port) < 2 || arr == NULL || n == PSEC_NOA_MAX_CALLS ||
                !psec_time_parse(arr, &v[n].arrival))
                continue;       /* the screening validated it; skip what does not parse */
            if (purpose != NULL && psec_strcasecmp(purpose, "transit") == 0)
                continue;       /* a canal transit is not a port call */
            /* A UN/LOCODE begins with its country's alpha-2 code. */
            v[n].cc[0] = port[0];
            v[n].cc[1] = port[1];
            v[n].cc[2] = '\0';
            psec_upper(v[n].cc);
            if (strcmp(v[n].cc, PSEC_RISK_HOME) != 0)
                n++;
        }
        qsort(v, (size_t)n, sizeof v[0], cmp_call_desc);
        for (k = 0; k < n && k < 5; k++)
            psec_strlcpy(cc[k], v[k].cc, 3);
        count_distinct(traffic, (const char (*)[3])cc, k, "screenings");
        json_decref(noa);
    }
    return rc == PSEC_DONE ? PSEC_OK : rc;
}

static int traffic_ais(struct psec_db *db, json_t *traffic, int64_t as_of, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT mmsi, arrival, COALESCE(country, '') FROM ais_call WHERE confidence >= 2"
        " ORDER BY mmsi, arrival", e);
    int64_t t0 = (psec_date_add_months(as_of, -12) + 1) * PSEC_DAY, t1 = (as_of + 1) * PSEC_DAY;
    int64_t cur = -1;
    char last[5][3];
    int nlast = 0, rc;

    if (st == NULL)
        return fail_code(e);
    /* One pass over each vessel's calls in time order, keeping its last five
     * foreign calls: every home-port arrival in the window counts them. */
    while ((rc = psec_stmt_step(st, e)) == PSEC_ROW) {
        int64_t mmsi = psec_stmt_col_int(st, 0), t = psec_stmt_col_int(st, 1);
        const char *cc = psec_stmt_col_text(st, 2);
        if (mmsi != cur) {
            cur = mmsi;
            nlast = 0;
        }
        if (strcmp(cc, PSEC_RISK_HOME) == 0) {
            if (t >= t0 && t < t1)
                count_distinct(traffic, (const char (*)[3])last, nlast, "ais");
            continue;
        }
        if (strlen(cc) != 2)
            continue;
        memmove(last[1], last[0], sizeof last[0] * 4);
        psec_strlcpy(last[0], cc, 3);
        if (nlast < 5)
            nlast++;
    }
    return rc == PSEC_DONE ? PSEC_OK : rc;
}

json_t *psec_store_risk_traffic(struct psec_db *db, const struct psec_risk_sources *src,
                                int64_t as_of, struct psec_err *e)
{
    json_t *traffic = json_object();

    if (src->screenings && traffic_screenings(db, traffic, as_of, e) != PSEC_OK) {
        json_decref(traffic);
        return NULL;
    }
    if (src->ais_calls && traffic_ais(db, traffic, as_of, e) != PSEC_OK) {
        json_decref(traffic);
        return NULL;
    }
    return traffic;
}

int psec_store_risk_fill(struct psec_db *db, const struct psec_risk_sources *src,
                         json_t *traffic, struct psec_risk_input *in, int64_t as_of,
                         struct psec_err *e)
{
    char asof[16];
    int rc = PSEC_OK;

    psec_date_format(as_of, asof, sizeof asof);
    if (src->advisories && (rc = fill_coe(db, in, asof, e)) != PSEC_OK)
        return rc;
    if (src->screenings || src->ais_calls) {
        json_t *o = json_object_get(traffic, in->country);
        int s = (int)json_integer_value(json_object_get(o, "screenings"));
        int a = (int)json_integer_value(json_object_get(o, "ais"));
        /* Both sources see the same arrivals: take the larger count rather
         * than the sum, so an arrival seen twice counts once. */
        in->traffic_known = true;
        in->arrivals = s > a ? s : a;
        psec_strlcpy(in->traffic_from,
                     s > a ? "screened arrivals" : a > 0 ? "AIS port calls"
                     : src->screenings && src->ais_calls ? "screenings and AIS"
                     : src->screenings ? "screened arrivals" : "AIS port calls",
                     sizeof in->traffic_from);
    }
    if (src->assessments && (rc = fill_assessment(db, in, asof, e)) != PSEC_OK)
        return rc;
    if (src->determinations && (rc = fill_determination(db, in, asof, e)) != PSEC_OK)
        return rc;
    if (src->recommendations && (rc = fill_recommendations(db, in, asof, e)) != PSEC_OK)
        return rc;
    if (src->trade && (rc = fill_trade(db, in, as_of, e)) != PSEC_OK)
        return rc;
    return fill_threat(db, in, asof, e);
}

int psec_store_main_port(struct psec_db *db, const char *country, char locode[6], double *lat,
                         double *lon, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT p.locode, p.lat, p.lon FROM port p WHERE p.country=?"
        " AND p.lat IS NOT NULL AND p.lon IS NOT NULL"
        " ORDER BY CASE WHEN p.locode = (SELECT a.main_port FROM risk_unit_country a"
        "   WHERE a.country=?) THEN 0 ELSE 1 END,"
        " CASE UPPER(COALESCE(p.harbor_size, ''))"
        "   WHEN 'L' THEN 0 WHEN 'LARGE' THEN 0 WHEN 'M' THEN 1 WHEN 'MEDIUM' THEN 1"
        "   WHEN 'S' THEN 2 WHEN 'SMALL' THEN 2 WHEN 'V' THEN 3 WHEN 'VERY SMALL' THEN 3"
        "   ELSE 4 END,"
        " p.locode LIMIT 1", e);
    int rc;

    if (st == NULL)
        return fail_code(e);
    psec_stmt_text(st, 1, country);
    psec_stmt_text(st, 2, country);
    rc = psec_stmt_step(st, e);
    if (rc == PSEC_ROW) {
        psec_strlcpy(locode, psec_stmt_col_text(st, 0), 6);
        *lat = psec_stmt_col_double(st, 1);
        *lon = psec_stmt_col_double(st, 2);
        psec_stmt_run(st, NULL);
        return PSEC_OK;
    }
    if (rc != PSEC_DONE)
        return rc;
    return psec_err_set(e, PSEC_E_NOTFOUND, "country %s has no port with a position", country);
}

int psec_store_trade_put(struct psec_db *db, const char *country, int year, double imports,
                         double exports, const char *source, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO trade (country, year, imports, exports, source) VALUES (?,?,?,?,?)"
        " ON CONFLICT (country, year) DO UPDATE SET imports=excluded.imports,"
        " exports=excluded.exports, source=excluded.source"
        " WHERE trade.imports IS DISTINCT FROM excluded.imports"
        " OR trade.exports IS DISTINCT FROM excluded.exports"
        " OR trade.source IS DISTINCT FROM excluded.source", e);

    if (st == NULL)
        return fail_code(e);
    psec_stmt_text(st, 1, country);
    psec_stmt_int(st, 2, year);
    psec_stmt_double(st, 3, imports);
    psec_stmt_double(st, 4, exports);
    psec_stmt_text(st, 5, source);
    return psec_stmt_run(st, e);
}

int psec_store_trade_commodity_put(struct psec_db *db, const char *country, int year,
                                   const char *category, bool has_imports, double imports,
                                   bool has_exports, double exports, const char *source,
                                   struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO trade_commodity (country, year, category, imports, exports, source)"
        " VALUES (?,?,?,?,?,?)"
        " ON CONFLICT (country, year, category) DO UPDATE SET imports=excluded.imports,"
        " exports=excluded.exports, source=excluded.source", e);

    if (st == NULL)
        return fail_code(e);
    psec_stmt_text(st, 1, country);
    psec_stmt_int(st, 2, year);
    psec_stmt_text(st, 3, category);
    if (has_imports)
        psec_stmt_double(st, 4, imports);
    if (has_exports)
        psec_stmt_double(st, 5, exports);
    psec_stmt_text(st, 6, source);
    return psec_stmt_run(st, e);
}

json_t *psec_store_trade_get(struct psec_db *db, const char *country, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT year, imports, exports, source FROM trade WHERE country=?"
        " ORDER BY year DESC", e);
    json_t *rows, *row;
    size_t i;

    if (st == NULL)
        return NULL;
    psec_stmt_text(st, 1, country);
    if ((rows = psec_stmt_json_rows(st, e)) == NULL)
        return NULL;
    /* Years that have only a commodity breakdown still show. */
    st = psec_db_stmt(db,
        "SELECT year, category, imports, exports, source FROM trade_commodity"
        " WHERE country=? ORDER BY year DESC, category", e);
    if (st == NULL) {
        json_decref(rows);
        return NULL;
    }
    psec_stmt_text(st, 1, country);
    {
        json_t *cats = psec_stmt_json_rows(st, e), *c;
        if (cats == NULL) {
            json_decref(rows);
            return NULL;
        }
        json_array_foreach(cats, i, c) {
            json_int_t y = json_integer_value(json_object_get(c, "year"));
            json_t *target = NULL;
            size_t j;
            json_array_foreach(rows, j, row)
                if (json_integer_value(json_object_get(row, "year")) == y)
                    target = row;
            if (target == NULL) {
                target = json_pack("{s:I, s:n, s:n, s:n}", "year", (json_int_t)y, "imports",
                                   "exports", "source");
                json_array_append_new(rows, target);
            }
            if (json_object_get(target, "commodities") == NULL)
                json_object_set_new(target, "commodities", json_array());
            json_object_del(c, "year");
            json_array_append(json_object_get(target, "commodities"), c);
        }
        json_decref(cats);
    }
    return rows;
}

int psec_store_threat_add(struct psec_db *db, const char *country, int level, int64_t day,
                          const char *note, bool demo, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO threat (country, level, day, note, recorded_at, demo)"
        " VALUES (?,?,?,?,?,?)", e);
    char d[16], now[32];
    time_t t = time(NULL);
    struct tm tm;

    if (st == NULL)
        return fail_code(e);
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    psec_stmt_text(st, 1, country);
    psec_stmt_int(st, 2, level);
    psec_stmt_text(st, 3, psec_date_format(day, d, sizeof d));
    psec_stmt_text(st, 4, note);
    psec_stmt_text(st, 5, now);
    psec_stmt_int(st, 6, demo ? 1 : 0);
    return psec_stmt_run(st, e);
}

json_t *psec_store_threat_list(struct psec_db *db, const char *country, struct psec_err *e)
{
    return psec_db_rows_text(db,
        "SELECT country, level, day, note, recorded_at, demo FROM threat WHERE country=?"
        " ORDER BY day DESC, id DESC", country, e);
}

bool psec_store_threat_exists(struct psec_db *db, const char *country, int64_t day,
                              const char *note)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT 1 FROM threat WHERE country=? AND day=? AND note=?", NULL);
    char d[16];
    bool found;

    if (st == NULL)
        return false;
    psec_stmt_text(st, 1, country);
    psec_stmt_text(st, 2, psec_date_format(day, d, sizeof d));
    psec_stmt_text(st, 3, note);
    found = psec_stmt_step(st, NULL) == PSEC_ROW;
    psec_stmt_run(st, NULL);
    return found;
}
