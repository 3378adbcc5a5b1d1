/*
 * ais.c (store) — SQL for AIS vessels, track points, port calls, gaps and
 * port areas. Upserts by natural key (MMSI; MMSI and second; MMSI and
 * arrival) so that re-ingesting changes nothing; derived calls and gaps are
 * replaced per vessel from the stored points.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "store/ais.h"

static const char *nz(const char *s) { return s && *s ? s : NULL; }

void psec_ais_static_init(struct psec_ais_static *s, uint32_t mmsi)
{
    memset(s, 0, sizeof *s);
    s->mmsi = mmsi;
    s->shiptype = s->to_bow = s->to_stern = s->to_port = s->to_starboard = -1;
    s->draught = NAN;
}

static int fail(struct psec_err *e)
{
    return e && e->code ? e->code : PSEC_E_DB;
}

int psec_store_ais_vessel_put(struct psec_db *db, const struct psec_ais_static *v,
                              struct psec_err *e)
{
    /* The flag comes from the MMSI's Maritime Identification Digits (its
     * first three for ship stations). */
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO ais_vessel (mmsi, imo, name, callsign, shiptype, to_bow, to_stern,"
        " to_port, to_starboard, draught, destination, flag)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,(SELECT country FROM mid WHERE mid = ?))"
        " ON CONFLICT (mmsi) DO UPDATE SET"
        " imo=COALESCE(excluded.imo, ais_vessel.imo),"
        " name=COALESCE(excluded.name, ais_vessel.name),"
        " callsign=COALESCE(excluded.callsign, ais_vessel.callsign),"
        " shiptype=COALESCE(excluded.shiptype, ais_vessel.shiptype),"
        " to_bow=COALESCE(excluded.to_bow, ais_vessel.to_bow),"
        " to_stern=COALESCE(excluded.to_stern, ais_vessel.to_stern),"
        " to_port=COALESCE(excluded.to_port, ais_vessel.to_port),"
        " to_starboard=COALESCE(excluded.to_starboard, ais_vessel.to_starboard),"
        " draught=COALESCE(excluded.draught, ais_vessel.draught),"
        " destination=COALESCE(excluded.destination, ais_vessel.destination),"
        " flag=COALESCE(excluded.flag, ais_vessel.flag)", e);
    if (st == NULL)
        return fail(e);
    psec_stmt_int(st, 1, v->mmsi);
    if (v->imo > 0)
        psec_stmt_int(st, 2, v->imo);
    psec_stmt_text(st, 3, nz(v->name));
    psec_stmt_text(st, 4, nz(v->callsign));
    if (v->shiptype > 0)
        psec_stmt_int(st, 5, v->shiptype);
    if (v->to_bow > 0 || v->to_stern > 0) {
        psec_stmt_int(st, 6, v->to_bow);
        psec_stmt_int(st, 7, v->to_stern);
    }
    if (v->to_port > 0 || v->to_starboard > 0) {
        psec_stmt_int(st, 8, v->to_port);
        psec_stmt_int(st, 9, v->to_starboard);
    }
    if (isfinite(v->draught) && v->draught > 0)
        psec_stmt_double(st, 10, v->draught);
    psec_stmt_text(st, 11, nz(v->destination));
    psec_stmt_int(st, 12, v->mmsi / 1000000);
    return psec_stmt_run(st, e);
}

int psec_store_ais_point_put(struct psec_db *db, uint32_t mmsi, int64_t t, double lat,
                             double lon, double sog, double cog, int msg_type, bool *inserted,
                             struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO ais_point (mmsi, t, lat, lon, sog, cog, msg_type) VALUES (?,?,?,?,?,?,?)"
        " ON CONFLICT (mmsi, t) DO NOTHING", e);
    int rc;
    if (st == NULL)
        return fail(e);
    psec_stmt_int(st, 1, mmsi);
    psec_stmt_int(st, 2, t);
    psec_stmt_double(st, 3, lat);
    psec_stmt_double(st, 4, lon);
    if (isfinite(sog))
        psec_stmt_double(st, 5, sog);
    if (isfinite(cog))
        psec_stmt_double(st, 6, cog);
    if (msg_type > 0)
        psec_stmt_int(st, 7, msg_type);
    rc = psec_stmt_run(st, e);
    if (inserted)
        *inserted = rc == PSEC_OK && psec_db_changes(db) > 0;
    return rc;
}

int psec_store_ais_vessel_seen(struct psec_db *db, uint32_t mmsi, int64_t first, int64_t last,
                               int64_t positions, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO ais_vessel (mmsi, flag, first_seen, last_seen, positions)"
        " VALUES (?, (SELECT country FROM mid WHERE mid = ?), ?, ?, ?)"
        " ON CONFLICT (mmsi) DO UPDATE SET first_seen=excluded.first_seen,"
        " last_seen=excluded.last_seen, positions=excluded.positions"
        " WHERE ais_vessel.first_seen IS NOT excluded.first_seen"
        " OR ais_vessel.last_seen IS NOT excluded.last_seen"
        " OR ais_vessel.positions IS NOT excluded.positions", e);
    if (st == NULL)
        return fail(e);
    psec_stmt_int(st, 1, mmsi);
    psec_stmt_int(st, 2, mmsi / 1000000);
    if (positions > 0) {
        psec_stmt_int(st, 3, first);
        psec_stmt_int(st, 4, last);
    }
    psec_stmt_int(st, 5, positions);
    return psec_stmt_run(st, e);
}

int psec_store_ais_points(struct psec_db *db, uint32_t mmsi, int64_t from, int64_t to,
                          struct psec_track_point **pts, size_t *n, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT t, lat, lon, sog FROM ais_point WHERE mmsi = ? AND t >= ? AND t <= ?"
        " ORDER BY t", e);
    size_t cap = 0;
    int rc;
    *pts = NULL;
    *n = 0;
    if (st == NULL)
        return fail(e);
    psec_stmt_int(st, 1, mmsi);
    psec_stmt_int(st, 2, from);
    psec_stmt_int(st, 3, to);
    while ((rc = psec_stmt_step(st, e)) == PSEC_ROW) {
        if (*n == cap) {
            struct psec_track_point *q;
            cap = cap ? cap * 2 : 1024;
            q = realloc(*pts, cap * sizeof *q);
            if (q == NULL) {
                free(*pts);
                *pts = NULL;
                return psec_err_set(e, PSEC_E_NOMEM, "out of memory reading the track of %u",
                                    (unsigned)mmsi);
            }
            *pts = q;
        }
        (*pts)[*n].t = psec_stmt_col_int(st, 0);
        (*pts)[*n].lat = psec_stmt_col_double(st, 1);
        (*pts)[*n].lon = psec_stmt_col_double(st, 2);
        (*pts)[*n].sog = psec_stmt_isnull(st, 3) ? NAN : psec_stmt_col_double(st, 3);
        (*n)++;
    }
    if (rc != PSEC_DONE) {
        free(*pts);
        *pts = NULL;
        *n = 0;
        return rc;
    }
    return PSEC_OK;
}

int psec_store_ais_derived_put(struct psec_db *db, uint32_t mmsi,
                               const struct psec_track_result *r, struct psec_err *e)
{
    struct psec_stmt *st;
    int rc;

    if ((rc = psec_db_begin(db, e)) != PSEC_OK)
        return rc;
    st = psec_db_stmt(db, "DELETE FROM ais_call WHERE mmsi = ?", e);
    if (st == NULL)
        goto fail;
    psec_stmt_int(st, 1, mmsi);
    if (psec_stmt_run(st, e) != PSEC_OK)
        goto fail;
    st = psec_db_stmt(db, "DELETE FROM ais_gap WHERE mmsi = ?", e);
    if (st == NULL)
        goto fail;
    psec_stmt_int(st, 1, mmsi);
    if (psec_stmt_run(st, e) != PSEC_OK)
        goto fail;
    for (size_t i = 0; i < r->ncalls; i++) {
        const struct psec_call *c = &r->calls[i];
        st = psec_db_stmt(db,
            "INSERT INTO ais_call (mmsi, port, country, arrival, departure, stop_s, entry_seen,"
            " exit_seen, stopped, port_gap, confidence, positions, reason)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", e);
        if (st == NULL)
            goto fail;
        psec_stmt_int(st, 1, mmsi);
        psec_stmt_text(st, 2, c->locode);
        psec_stmt_text(st, 3, nz(c->country));
        psec_stmt_int(st, 4, c->arrival);
        psec_stmt_int(st, 5, c->departure);
        psec_stmt_int(st, 6, c->stop_s);
        psec_stmt_int(st, 7, c->entry);
        psec_stmt_int(st, 8, c->exit);
        psec_stmt_int(st, 9, c->stop);
        psec_stmt_int(st, 10, c->gap);
        psec_stmt_int(st, 11, c->confidence);
        psec_stmt_int(st, 12, c->positions);
        psec_stmt_text(st, 13, c->reason);
        if (psec_stmt_run(st, e) != PSEC_OK)
            goto fail;
    }
    for (size_t i = 0; i < r->ngaps; i++) {
        const struct psec_gap *g = &r->gaps[i];
        st = psec_db_stmt(db,
            "INSERT INTO ais_gap (mmsi, start_t, end_t, hours, kind, lat0, lon0, lat1, lon1, km,"
            " knots, prior_positions, in_port, reason) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", e);
        if (st == NULL)
            goto fail;
        psec_stmt_int(st, 1, mmsi);
        psec_stmt_int(st, 2, g->start);
        psec_stmt_int(st, 3, g->end);
        psec_stmt_double(st, 4, g->hours);
        psec_stmt_text(st, 5, g->kind == PSEC_GAP_DARK ? "possible-dark" : "gap");
        psec_stmt_double(st, 6, g->lat0);
        psec_stmt_double(st, 7, g->lon0);
        psec_stmt_double(st, 8, g->lat1);
        psec_stmt_double(st, 9, g->lon1);
        psec_stmt_double(st, 10, g->km);
        psec_stmt_double(st, 11, g->knots);
        psec_stmt_int(st, 12, g->prior_positions);
        psec_stmt_int(st, 13, g->in_port);
        psec_stmt_text(st, 14, g->reason);
        if (psec_stmt_run(st, e) != PSEC_OK)
            goto fail;
    }
    return psec_db_commit(db, e);
fail:
    psec_db_rollback(db);
    return fail(e);
}

/* Rings of a GeoJSON Polygon or MultiPolygon geometry into flat arrays. */
static int add_geometry(struct psec_portset *ps, const char *label, const char *country,
                        const char *text, struct psec_err *e)
{
    json_error_t je;
    json_t *g = json_loads(text, 0, &je), *polys, *poly, *ring, *pt;
    const char *type;
    double *lat = NULL, *lon = NULL;
    size_t *lens = NULL, np = 0, nr = 0, capp = 0, capr = 0, i, j, k;
    int rc = PSEC_OK;

    if (g == NULL)
        return psec_err_set(e, PSEC_E_INVALID, "port area %s: geometry: %s", label, je.text);
    type = json_string_value(json_object_get(g, "type"));
    if (type && strcmp(type, "Polygon") == 0) {
        polys = json_array();
        json_array_append(polys, json_object_get(g, "coordinates"));
    } else if (type && strcmp(type, "MultiPolygon") == 0) {
        polys = json_incref(json_object_get(g, "coordinates"));
    } else {
        json_decref(g);
        return psec_err_set(e, PSEC_E_INVALID, "port area %s: geometry type %s is not a polygon",
                            label, type ? type : "(none)");
    }
    json_array_foreach(polys, i, poly) {
        json_array_foreach(poly, j, ring) {
            size_t len = json_array_size(ring);
            if (nr == capr) {
                capr = capr ? capr * 2 : 8;
                lens = realloc(lens, capr * sizeof *lens);
            }
            if (np + len > capp) {
                while (np + len > capp)
                    capp = capp ? capp * 2 : 1024;
                lat = realloc(lat, capp * sizeof *lat);
                lon = realloc(lon, capp * sizeof *lon);
            }
            if (lens == NULL || lat == NULL || lon == NULL) {
                rc = psec_err_set(e, PSEC_E_NOMEM, "out of memory loading port area %s", label);
                goto out;
            }
            json_array_foreach(ring, k, pt) {
                lon[np + k] = json_number_value(json_array_get(pt, 0));
                lat[np + k] = json_number_value(json_array_get(pt, 1));
            }
            lens[nr++] = len;
            np += len;
        }
    }
    rc = psec_portset_add_area(ps, label, country, lat, lon, lens, nr, e);
out:
    free(lat);
    free(lon);
    free(lens);
    json_decref(polys);
    json_decref(g);
    return rc;
}

int psec_store_ais_portset_load(struct psec_db *db, struct psec_portset *ps,
                                struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT locode, country, lat, lon, radius_km FROM port"
        " WHERE lat IS NOT NULL AND lon IS NOT NULL", e);
    int rc;
    if (st == NULL)
        return fail(e);
    while ((rc = psec_stmt_step(st, e)) == PSEC_ROW) {
        double r = psec_stmt_isnull(st, 4) ? 0 : psec_stmt_col_double(st, 4);
        struct psec_err ignore = {0};
        /* A port with an impossible position is left out, not fatal. */
        (void)psec_portset_add_port(ps, psec_stmt_col_text(st, 0), psec_stmt_col_text(st, 1),
                                    psec_stmt_col_double(st, 2), psec_stmt_col_double(st, 3), r,
                                    &ignore);
    }
    if (rc != PSEC_DONE)
        return rc;
    st = psec_db_stmt(db,
        "SELECT a.locode, a.name, p.country, a.geometry FROM port_area a"
        " LEFT JOIN port p ON p.locode = a.locode ORDER BY a.area_key", e);
    if (st == NULL)
        return fail(e);
    while ((rc = psec_stmt_step(st, e)) == PSEC_ROW) {
        const char *label = psec_stmt_isnull(st, 0) ? psec_stmt_col_text(st, 1)
                                                    : psec_stmt_col_text(st, 0);
        char lab[64], country[3];
        int r2;
        psec_strlcpy(lab, label, sizeof lab);
        psec_strlcpy(country, psec_stmt_col_text(st, 2), sizeof country);
        /* An area that is not a usable polygon is left out (the import
         * checks them; this guards rows written by other means). */
        r2 = add_geometry(ps, lab, country, psec_stmt_col_text(st, 3), e);
        if (r2 == PSEC_E_NOMEM)
            return r2;
        psec_err_clear(e);
    }
    return rc == PSEC_DONE ? PSEC_OK : rc;
}

int psec_store_port_area_put(struct psec_db *db, const char *key, const char *locode,
                             const char *name, const char *source, const char *geometry,
                             double minlat, double maxlat, double minlon, double maxlon,
                             struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO port_area (area_key, locode, name, source, geometry, minlat, maxlat,"
        " minlon, maxlon) VALUES (?,?,?,?,?,?,?,?,?)"
        " ON CONFLICT (area_key) DO UPDATE SET locode=excluded.locode, name=excluded.name,"
        " source=excluded.source, geometry=excluded.geometry, minlat=excluded.minlat,"
        " maxlat=excluded.maxlat, minlon=excluded.minlon, maxlon=excluded.maxlon"
        " WHERE port_area.geometry IS NOT excluded.geometry"
        " OR port_area.locode IS NOT excluded.locode", e);
    if (st == NULL)
        return fail(e);
    psec_stmt_text(st, 1, key);
    psec_stmt_text(st, 2, nz(locode));
    psec_stmt_text(st, 3, name);
    psec_stmt_text(st, 4, nz(source));
    psec_stmt_text(st, 5, geometry);
    psec_stmt_double(st, 6, minlat);
    psec_stmt_double(st, 7, maxlat);
    psec_stmt_double(st, 8, minlon);
    psec_stmt_double(st, 9, maxlon);
    return psec_stmt_run(st, e);
}

int psec_store_ais_mmsi_for_imo(struct psec_db *db, int64_t imo, int64_t *mmsi, size_t max,
                                size_t *n, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT mmsi FROM ais_vessel WHERE imo = ? ORDER BY mmsi", e);
    int rc;
    *n = 0;
    if (st == NULL)
        return fail(e);
    psec_stmt_int(st, 1, imo);
    while ((rc = psec_stmt_step(st, e)) == PSEC_ROW)
        if (*n < max)
            mmsi[(*n)++] = psec_stmt_col_int(st, 0);
    return rc == PSEC_DONE ? PSEC_OK : rc;
}

json_t *psec_store_ais_calls(struct psec_db *db, uint32_t mmsi, int64_t from, int64_t to,
                             struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT c.mmsi, c.port, c.country, p.name AS port_name, c.arrival, c.departure,"
        " c.stop_s, c.entry_seen, c.exit_seen, c.stopped, c.port_gap, c.confidence,"
        " c.positions, c.reason FROM ais_call c LEFT JOIN port p ON p.locode = c.port"
        " WHERE c.mmsi = ? AND c.departure >= ? AND c.arrival <= ? ORDER BY c.arrival", e);
    if (st == NULL)
        return NULL;
    psec_stmt_int(st, 1, mmsi);
    psec_stmt_int(st, 2, from);
    psec_stmt_int(st, 3, to);
    return psec_stmt_json_rows(st, e);
}

json_t *psec_store_ais_gaps(struct psec_db *db, uint32_t mmsi, int64_t from, int64_t to,
                            struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT mmsi, start_t, end_t, hours, kind, lat0, lon0, lat1, lon1, km, knots,"
        " prior_positions, in_port, reason FROM ais_gap"
        " WHERE mmsi = ? AND end_t >= ? AND start_t <= ? ORDER BY start_t", e);
    if (st == NULL)
        return NULL;
    psec_stmt_int(st, 1, mmsi);
    psec_stmt_int(st, 2, from);
    psec_stmt_int(st, 3, to);
    return psec_stmt_json_rows(st, e);
}

json_t *psec_store_ais_vessel_get(struct psec_db *db, uint32_t mmsi, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT mmsi, imo, name, callsign, shiptype, to_bow, to_stern, to_port, to_starboard,"
        " draught, destination, flag, first_seen, last_seen, positions FROM ais_vessel"
        " WHERE mmsi = ?", e);
    json_t *j;
    if (st == NULL)
        return NULL;
    psec_stmt_int(st, 1, mmsi);
    j = psec_stmt_json_row(st, e);
    if (j == NULL && e && e->code == PSEC_E_NOTFOUND)
        psec_err_set(e, PSEC_E_NOTFOUND, "no AIS data for MMSI %u", (unsigned)mmsi);
    return j;
}

bool psec_store_ais_any(struct psec_db *db)
{
    struct psec_stmt *st = psec_db_stmt(db, "SELECT 1 FROM ais_vessel LIMIT 1", NULL);
    bool any;

    if (st == NULL)
        return false;
    any = psec_stmt_step(st, NULL) == PSEC_ROW;
    psec_stmt_run(st, NULL);
    return any;
}
