/*
 * registry.c (app) — registry use cases. Validation of what people type
 * lives here or in model/; the store only persists.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/assess.h"
#include "app/registry.h"
#include "base/geo.h"
#include "base/str.h"
#include "base/time.h"
#include "store/registry.h"

json_t *psec_app_status(struct psec_db *db, struct psec_err *e)
{
    json_t *counts = psec_store_counts(db, e);

    if (counts == NULL)
        return NULL;
    return json_pack("{s:s, s:i, s:o}", "database", psec_db_uri(db), "schema_version",
                     psec_db_schema_version(db), "counts", counts);
}

json_t *psec_app_country_show(struct psec_db *db, const char *code, struct psec_err *e)
{
    char a2[3];
    json_t *c, *sched;

    if (psec_store_country_resolve(db, code, a2, e) != PSEC_OK)
        return NULL;
    if ((c = psec_store_country_get(db, a2, e)) == NULL)
        return NULL;
    /* Every country shows when its next reassessment is due. */
    sched = psec_app_assess_schedule(db, a2, (int64_t)(time(NULL) / PSEC_DAY), e);
    if (sched == NULL) {
        json_decref(c);
        return NULL;
    }
    json_object_update(c, sched);
    json_decref(sched);
    return c;
}

json_t *psec_app_country_list(struct psec_db *db, const char *region, struct psec_err *e)
{
    return psec_store_country_list(db, region, e);
}

static const char *str_or(json_t *v)
{
    const char *s = json_string_value(v);
    return s ? s : "";
}

static int text_field(json_t *fields, const char *key, const char *cur, char *dst, size_t n,
                      struct psec_err *e)
{
    json_t *v = json_object_get(fields, key);

    if (v == NULL) {
        psec_strlcpy(dst, cur, n);
        return PSEC_OK;
    }
    if (json_is_null(v)) {
        dst[0] = '\0';
        return PSEC_OK;
    }
    if (!json_is_string(v))
        return psec_err_set(e, PSEC_E_INVALID, "%s: expected a string", key);
    if (json_string_length(v) >= n)
        return psec_err_set(e, PSEC_E_INVALID, "%s: longer than %zu characters", key, n - 1);
    psec_strlcpy(dst, json_string_value(v), n);
    return PSEC_OK;
}

json_t *psec_app_country_set(struct psec_db *db, const char *code, json_t *fields,
                             int64_t expect_version, struct psec_err *e)
{
    static const char *const known[] = { "solas", "isps_since", "designated_authority",
                                          "unit", "notes", "version", NULL };
    char a2[3];
    json_t *cur, *v;
    const char *key;
    int solas = -1, since = 0;
    char da[PSEC_NAME_MAX], unit[128], notes[1024];
    int rc;

    if (!json_is_object(fields)) {
        psec_err_set(e, PSEC_E_INVALID, "expected an object of fields");
        return NULL;
    }
    json_object_foreach(fields, key, v) {
        bool ok = false;
        for (int i = 0; known[i]; i++)
            ok = ok || strcmp(key, known[i]) == 0;
        if (!ok) {
            psec_err_set(e, PSEC_E_INVALID,
                         "%s: not a field that can be set (solas, isps_since, "
                         "designated_authority, unit, notes)", key);
            return NULL;
        }
    }
    if (psec_store_country_resolve(db, code, a2, e) != PSEC_OK)
        return NULL;
    if ((rc = psec_db_begin(db, e)) != PSEC_OK)
        return NULL;
    cur = psec_store_country_get(db, a2, e);
    if (cur == NULL)
        goto fail;
    if (expect_version > 0 && json_integer_value(json_object_get(cur, "version")) != expect_version) {
        psec_err_set(e, PSEC_E_CONFLICT,
                     "country %s was changed by someone else (version %lld, you had %lld); "
                     "reload it and apply your change again", a2,
                     (long long)json_integer_value(json_object_get(cur, "version")),
                     (long long)expect_version);
        goto fail;
    }
    v = json_object_get(fields, "solas");
    if (v == NULL) {
        json_t *c = json_object_get(cur, "solas");
        solas = json_is_integer(c) ? (int)json_integer_value(c) : -1;
    } else if (json_is_boolean(v)) {
        solas = json_is_true(v);
    } else if (!json_is_null(v)) {
        psec_err_set(e, PSEC_E_INVALID, "solas: expected true or false");
        goto fail;
    }
    v = json_object_get(fields, "isps_since");
    if (v == NULL) {
        since = (int)json_integer_value(json_object_get(cur, "isps_since"));
    } else if (json_is_integer(v)) {
        since = (int)json_integer_value(v);
        if (since < 1974 || since > 2100) {
            psec_err_set(e, PSEC_E_INVALID,
                         "isps_since: %d is not a plausible year (SOLAS 1974 onwards)", since);
            goto fail;
        }
    } else if (!json_is_null(v)) {
        psec_err_set(e, PSEC_E_INVALID, "isps_since: expected a year");
        goto fail;
    }
    if (text_field(fields, "designated_authority",
                   str_or(json_object_get(cur, "designated_authority")), da,
                   sizeof da, e) ||
        text_field(fields, "unit", str_or(json_object_get(cur, "unit")), unit,
                   sizeof unit, e) ||
        text_field(fields, "notes", str_or(json_object_get(cur, "notes")), notes,
                   sizeof notes, e))
        goto fail;
    json_decref(cur);
    cur = NULL;
    if (psec_store_country_set_isps(db, a2, solas, since, da, unit, notes, e) != PSEC_OK)
        goto fail;
    if (psec_db_commit(db, e) != PSEC_OK)
        return NULL;
    return psec_store_country_get(db, a2, e);
fail:
    json_decref(cur);
    psec_db_rollback(db);
    return NULL;
}

json_t *psec_app_port_show(struct psec_db *db, const char *locode, struct psec_err *e)
{
    char code[8];
    json_t *p, *fac;

    psec_strlcpy(code, locode, sizeof code);
    psec_upper(code);
    if (!psec_locode_valid(code)) {
        psec_err_set(e, PSEC_E_INVALID,
                     "\"%s\" is not a UN/LOCODE (two letters of country, three of place)",
                     locode);
        return NULL;
    }
    p = psec_store_port_get(db, code, e);
    if (p == NULL)
        return NULL;
    fac = psec_store_facility_list(db, NULL, code, e);
    if (fac == NULL) {
        json_decref(p);
        return NULL;
    }
    json_object_set_new(p, "facilities", fac);
    return p;
}

json_t *psec_app_port_search(struct psec_db *db, const char *text, const char *country,
                             int limit, struct psec_err *e)
{
    if (text == NULL || *text == '\0') {
        psec_err_set(e, PSEC_E_USAGE, "give some text to search for");
        return NULL;
    }
    return psec_store_port_search(db, text, country, limit > 0 ? limit : 50, e);
}

struct near_ctx {
    double lat, lon, km;
    json_t *rows;
};

static int near_take(void *ctx, const char *locode, const char *name, const char *country,
                     double lat, double lon)
{
    struct near_ctx *n = ctx;
    double d = psec_geo_km(n->lat, n->lon, lat, lon);

    if (d <= n->km)
        json_array_append_new(n->rows, json_pack("{s:s, s:s, s:s, s:f, s:f, s:f}", "locode",
                                                 locode, "name", name, "country", country,
                                                 "lat", lat, "lon", lon, "km",
                                                 round(d * 100) / 100));
    return 0;
}

static int by_km(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    double dx = json_real_value(json_object_get(x, "km"));
    double dy = json_real_value(json_object_get(y, "km"));

    if (dx != dy)
        return dx < dy ? -1 : 1;
    return strcmp(json_string_value(json_object_get(x, "locode")),
                  json_string_value(json_object_get(y, "locode")));
}

json_t *psec_app_port_near(struct psec_db *db, double lat, double lon, double km, int limit,
                           struct psec_err *e)
{
    struct near_ctx n = { lat, lon, km, NULL };
    double dlat, dlon;
    size_t cnt;
    json_t **v, *out;
    int rc = PSEC_OK;

    if (!psec_lat_valid(lat)) {
        psec_err_set(e, PSEC_E_INVALID, "latitude %g is outside -90..90", lat);
        return NULL;
    }
    if (!psec_lon_valid(lon)) {
        psec_err_set(e, PSEC_E_INVALID, "longitude %g is outside -180..180", lon);
        return NULL;
    }
    if (!(km > 0 && km <= 2000)) {
        psec_err_set(e, PSEC_E_INVALID, "radius %g km: give 0 < km <= 2000", km);
        return NULL;
    }
    n.rows = json_array();
    /* A bounding box on the (lat, lon) index, then exact distances. */
    dlat = km / (PSEC_EARTH_KM * M_PI / 180.0);
    dlon = fabs(lat) + dlat >= 89.9 ? 360.0
                                    : dlat / cos((fabs(lat) + dlat) * M_PI / 180.0);
    if (dlon >= 180.0) {
        rc = psec_store_ports_in_box(db, lat - dlat, lat + dlat, -180, 180, near_take, &n, e);
    } else {
        double lo = lon - dlon, hi = lon + dlon;
        rc = psec_store_ports_in_box(db, lat - dlat, lat + dlat, fmax(lo, -180), fmin(hi, 180),
                                     near_take, &n, e);
        if (rc == PSEC_OK && lo < -180)
            rc = psec_store_ports_in_box(db, lat - dlat, lat + dlat, lo + 360, 180, near_take,
                                         &n, e);
        if (rc == PSEC_OK && hi > 180)
            rc = psec_store_ports_in_box(db, lat - dlat, lat + dlat, -180, hi - 360, near_take,
                                         &n, e);
    }
    if (rc != PSEC_OK) {
        json_decref(n.rows);
        return NULL;
    }
    cnt = json_array_size(n.rows);
    v = malloc((cnt ? cnt : 1) * sizeof *v);
    out = json_array();
    if (v == NULL || out == NULL) {
        free(v);
        json_decref(out);
        json_decref(n.rows);
        psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < cnt; i++)
        v[i] = json_array_get(n.rows, i);
    qsort(v, cnt, sizeof *v, by_km);
    for (size_t i = 0; i < cnt && (limit <= 0 || (int)i < limit); i++)
        json_array_append(out, v[i]);
    free(v);
    json_decref(n.rows);
    return out;
}

json_t *psec_app_facility_add(struct psec_db *db, const struct psec_facility *f,
                              struct psec_err *e)
{
    char port[6];
    int64_t d;

    if (psec_facility_number_check(f->number, e) != PSEC_OK)
        return NULL;
    if (f->name[0] == '\0') {
        psec_err_set(e, PSEC_E_INVALID, "%s: a facility needs a name", f->number);
        return NULL;
    }
    memcpy(port, f->number, 5);
    port[5] = '\0';
    if (strcmp(port, f->port) != 0) {
        psec_err_set(e, PSEC_E_INVALID,
                     "%s: the number starts with %s but the port given is %s", f->number,
                     port, f->port);
        return NULL;
    }
    if (!psec_store_port_exists(db, f->port)) {
        psec_err_set(e, PSEC_E_NOTFOUND,
                     "%s: no port with UN/LOCODE %s in the registry "
                     "(see 'portsec port search')", f->number, f->port);
        return NULL;
    }
    if (f->has_pos && (!psec_lat_valid(f->lat) || !psec_lon_valid(f->lon))) {
        psec_err_set(e, PSEC_E_INVALID, "%s: position %g, %g is not on Earth", f->number,
                     f->lat, f->lon);
        return NULL;
    }
    {
        const char *dates[][2] = { { "pfsa_date", f->pfsa_date },
                                   { "pfsp_approved", f->pfsp_approved },
                                   { "soc_expiry", f->soc_expiry } };
        for (int i = 0; i < 3; i++)
            if (dates[i][1][0] && !psec_date_parse(dates[i][1], &d)) {
                psec_err_set(e, PSEC_E_INVALID, "%s: %s \"%s\" is not a date (YYYY-MM-DD)",
                             f->number, dates[i][0], dates[i][1]);
                return NULL;
            }
    }
    if (psec_store_facility_put(db, f, e) != PSEC_OK)
        return NULL;
    return psec_store_facility_get(db, f->number, e);
}

json_t *psec_app_facility_show(struct psec_db *db, const char *number, struct psec_err *e)
{
    if (psec_facility_number_check(number, e) != PSEC_OK)
        return NULL;
    return psec_store_facility_get(db, number, e);
}

json_t *psec_app_facility_list(struct psec_db *db, const char *country, const char *port,
                               struct psec_err *e)
{
    return psec_store_facility_list(db, country, port, e);
}
