/*
 * track.c — port calls and gaps from one vessel's positions, and declared
 * calls checked against them.
 *
 * What it does: a hysteresis state machine per position, as Global Fishing
 * Watch's anchorages pipeline does (in port within the entry radius, at
 * sea beyond the exit radius, unchanged in between; stopped below 0.2 kn,
 * moving above 0.5 kn, unchanged in between), with port-area polygons
 * where loaded. Candidate ports and areas come from spatial grids
 * (base/geo.h), never a scan of all ports. Speed over ground is taken from
 * the report, or implied from the previous position when not reported.
 *
 * What it does not: thin positions (callers may), split tracks shared by
 * several vessels on one MMSI, or know the coastline (the "away from port"
 * test for possible-dark gaps is "not in or within the exit radius of any
 * port", not GFW's 50 nm from shore).
 *
 * Verified against real data: AMSA's 2014 tracks of two vessels with AMSA's
 * port-limit polygons (Sydney, Brisbane) in tests/cli/ais_ingest.sh; the
 * synthetic voyage in tests/unit/test_ais_track.c.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ais/track.h"
#include "base/geo.h"
#include "base/str.h"
#include "base/time.h"

void psec_track_opts_default(struct psec_track_opts *o)
{
    o->entry_km = 3.0;
    o->exit_ratio = 4.0 / 3.0;
    o->stop_kn = 0.2;
    o->move_kn = 0.5;
    o->port_gap_s = 4 * 3600;
    o->gap_s = 6 * 3600;
    o->dark_s = 12 * 3600;
    o->dark_prior_s = 12 * 3600;
    o->dark_prior_n = 14;
}

struct pport {
    char locode[8];
    char country[3];
    bool has_pos;
    double lat, lon;
    double radius_km;         /* as given; <= 0 default */
    double entry_km, exit_km;
    int area;                 /* -1 none */
};

struct parea {
    int port;
    size_t first_pt, first_ring, nrings;
    double minlat, maxlat, minlon, maxlon;
    double clat, clon, radius_km;
};

struct psec_portset {
    struct pport *ports;
    size_t nports, capports;
    struct parea *areas;
    size_t nareas, capareas;
    double *alat, *alon;
    size_t npts, cappts;
    size_t *rings;
    size_t nrings, caprings;
    /* built */
    double *clat, *clon;      /* circle ports' positions */
    int *cidx;
    size_t ncircle;
    double max_entry_km;
    struct psec_grid *cgrid;
    double *aclat, *aclon;    /* area centres */
    double max_area_km;
    struct psec_grid *agrid;
    bool built;
    int *hidx;                /* open-addressing index of locodes: port index + 1 */
    size_t hcap;
};

static bool grow(void **p, size_t *cap, size_t need, size_t size)
{
    void *q;
    size_t c;
    if (need <= *cap)
        return true;
    c = *cap ? *cap * 2 : 16;
    while (c < need)
        c *= 2;
    q = realloc(*p, c * size);
    if (q == NULL)
        return false;
    *p = q;
    *cap = c;
    return true;
}

struct psec_portset *psec_portset_new(void)
{
    return calloc(1, sizeof(struct psec_portset));
}

void psec_portset_free(struct psec_portset *ps)
{
    if (ps == NULL)
        return;
    psec_grid_free(ps->cgrid);
    psec_grid_free(ps->agrid);
    free(ps->ports);
    free(ps->areas);
    free(ps->alat);
    free(ps->alon);
    free(ps->rings);
    free(ps->clat);
    free(ps->clon);
    free(ps->cidx);
    free(ps->aclat);
    free(ps->aclon);
    free(ps->hidx);
    free(ps);
}

size_t psec_portset_count(const struct psec_portset *ps)
{
    return ps->nports;
}

const char *psec_portset_locode(const struct psec_portset *ps, int i)
{
    return i >= 0 && (size_t)i < ps->nports ? ps->ports[i].locode : "";
}

const char *psec_portset_country(const struct psec_portset *ps, int i)
{
    return i >= 0 && (size_t)i < ps->nports ? ps->ports[i].country : "";
}

static size_t hash_locode(const char *s, size_t cap)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h & (cap - 1);
}

static int find_port(const struct psec_portset *ps, const char *locode)
{
    size_t i;
    if (ps->hcap == 0)
        return -1;
    for (i = hash_locode(locode, ps->hcap); ps->hidx[i]; i = (i + 1) & (ps->hcap - 1))
        if (strcmp(ps->ports[ps->hidx[i] - 1].locode, locode) == 0)
            return ps->hidx[i] - 1;
    return -1;
}

/* Indexes port i by locode, growing the table to stay under half full. */
static bool index_port(struct psec_portset *ps, size_t i)
{
    size_t k;
    if ((ps->nports + 1) * 2 > ps->hcap) {
        size_t cap = ps->hcap ? ps->hcap * 2 : 1024;
        int *h = calloc(cap, sizeof *h);
        if (h == NULL)
            return false;
        free(ps->hidx);
        ps->hidx = h;
        ps->hcap = cap;
        for (size_t j = 0; j < ps->nports; j++)
            if (j != i) {
                for (k = hash_locode(ps->ports[j].locode, cap); h[k]; k = (k + 1) & (cap - 1))
                    ;
                h[k] = (int)j + 1;
            }
    }
    for (k = hash_locode(ps->ports[i].locode, ps->hcap); ps->hidx[k];
         k = (k + 1) & (ps->hcap - 1))
        ;
    ps->hidx[k] = (int)i + 1;
    return true;
}

static int new_port(struct psec_portset *ps, const char *locode, const char *country,
                    struct psec_err *e)
{
    struct pport *p;
    if (!grow((void **)&ps->ports, &ps->capports, ps->nports + 1, sizeof *ps->ports))
        return -psec_err_set(e, PSEC_E_NOMEM, "out of memory adding port %s", locode);
    p = &ps->ports[ps->nports];
    memset(p, 0, sizeof *p);
    psec_strlcpy(p->locode, locode, sizeof p->locode);
    psec_strlcpy(p->country, country ? country : "", sizeof p->country);
    p->area = -1;
    ps->built = false;
    if (!index_port(ps, ps->nports))
        return -psec_err_set(e, PSEC_E_NOMEM, "out of memory adding port %s", locode);
    return (int)ps->nports++;
}

int psec_portset_add_port(struct psec_portset *ps, const char *locode, const char *country,
                          double lat, double lon, double radius_km, struct psec_err *e)
{
    int i;
    if (!psec_lat_valid(lat) || !psec_lon_valid(lon))
        return psec_err_set(e, PSEC_E_INVALID, "port %s: position %g, %g is not valid", locode,
                            lat, lon);
    i = find_port(ps, locode);
    if (i < 0 && (i = new_port(ps, locode, country, e)) < 0)
        return -i;
    ps->ports[i].has_pos = true;
    ps->ports[i].lat = lat;
    ps->ports[i].lon = lon;
    ps->ports[i].radius_km = radius_km;
    return PSEC_OK;
}

int psec_portset_add_area(struct psec_portset *ps, const char *locode, const char *country,
                          const double *lat, const double *lon, const size_t *ring_len,
                          size_t nrings, struct psec_err *e)
{
    struct parea *a;
    size_t total = 0;
    int i;

    for (size_t r = 0; r < nrings; r++) {
        if (ring_len[r] < 3)
            return psec_err_set(e, PSEC_E_INVALID, "area %s: ring %zu has %zu points (3 needed)",
                                locode, r, ring_len[r]);
        total += ring_len[r];
    }
    if (nrings == 0)
        return psec_err_set(e, PSEC_E_INVALID, "area %s: no rings", locode);
    for (size_t j = 0; j < total; j++)
        if (!psec_lat_valid(lat[j]) || !psec_lon_valid(lon[j]))
            return psec_err_set(e, PSEC_E_INVALID, "area %s: point %zu (%g, %g) is not valid",
                                locode, j, lat[j], lon[j]);
    i = find_port(ps, locode);
    if (i < 0 && (i = new_port(ps, locode, country, e)) < 0)
        return -i;
    if (!grow((void **)&ps->areas, &ps->capareas, ps->nareas + 1, sizeof *ps->areas) ||
        !grow((void **)&ps->alat, &ps->cappts, ps->npts + total, sizeof *ps->alat) ||
        !grow((void **)&ps->rings, &ps->caprings, ps->nrings + nrings, sizeof *ps->rings))
        return psec_err_set(e, PSEC_E_NOMEM, "out of memory adding area %s", locode);
    {
        /* alon shares alat's capacity. */
        double *q = realloc(ps->alon, ps->cappts * sizeof *ps->alon);
        if (q == NULL)
            return psec_err_set(e, PSEC_E_NOMEM, "out of memory adding area %s", locode);
        ps->alon = q;
    }
    a = &ps->areas[ps->nareas];
    a->port = i;
    a->first_pt = ps->npts;
    a->first_ring = ps->nrings;
    a->nrings = nrings;
    a->minlat = a->minlon = 1e9;
    a->maxlat = a->maxlon = -1e9;
    for (size_t j = 0; j < total; j++) {
        ps->alat[ps->npts + j] = lat[j];
        ps->alon[ps->npts + j] = lon[j];
        a->minlat = fmin(a->minlat, lat[j]);
        a->maxlat = fmax(a->maxlat, lat[j]);
        a->minlon = fmin(a->minlon, lon[j]);
        a->maxlon = fmax(a->maxlon, lon[j]);
    }
    for (size_t r = 0; r < nrings; r++)
        ps->rings[ps->nrings + r] = ring_len[r];
    ps->npts += total;
    ps->nrings += nrings;
    a->clat = (a->minlat + a->maxlat) / 2;
    a->clon = (a->minlon + a->maxlon) / 2;
    a->radius_km = fmax(psec_geo_km(a->clat, a->clon, a->minlat, a->minlon),
                        psec_geo_km(a->clat, a->clon, a->maxlat, a->maxlon));
    a->radius_km = fmax(a->radius_km, fmax(psec_geo_km(a->clat, a->clon, a->minlat, a->maxlon),
                                           psec_geo_km(a->clat, a->clon, a->maxlat, a->minlon)));
    ps->ports[i].area = (int)ps->nareas;
    ps->nareas++;
    ps->built = false;
    return PSEC_OK;
}

int psec_portset_build(struct psec_portset *ps, const struct psec_track_opts *o,
                       struct psec_err *e)
{
    size_t n = 0;

    psec_grid_free(ps->cgrid);
    psec_grid_free(ps->agrid);
    free(ps->clat);
    free(ps->clon);
    free(ps->cidx);
    free(ps->aclat);
    free(ps->aclon);
    ps->cgrid = ps->agrid = NULL;
    ps->clat = ps->clon = ps->aclat = ps->aclon = NULL;
    ps->cidx = NULL;
    ps->max_entry_km = 0;
    ps->max_area_km = 0;
    ps->clat = malloc((ps->nports + 1) * sizeof *ps->clat);
    ps->clon = malloc((ps->nports + 1) * sizeof *ps->clon);
    ps->cidx = malloc((ps->nports + 1) * sizeof *ps->cidx);
    ps->aclat = malloc((ps->nareas + 1) * sizeof *ps->aclat);
    ps->aclon = malloc((ps->nareas + 1) * sizeof *ps->aclon);
    if (!ps->clat || !ps->clon || !ps->cidx || !ps->aclat || !ps->aclon)
        return psec_err_set(e, PSEC_E_NOMEM, "out of memory indexing ports");
    for (size_t i = 0; i < ps->nports; i++) {
        struct pport *p = &ps->ports[i];
        p->entry_km = p->radius_km > 0 ? p->radius_km : o->entry_km;
        p->exit_km = p->entry_km * o->exit_ratio;
        if (p->area >= 0 || !p->has_pos)
            continue;
        ps->clat[n] = p->lat;
        ps->clon[n] = p->lon;
        ps->cidx[n] = (int)i;
        ps->max_entry_km = fmax(ps->max_entry_km, p->exit_km);
        n++;
    }
    ps->ncircle = n;
    /* Cells of 0.25 degree (about 28 km): a query of a few km reads one to
     * four cells. */
    ps->cgrid = psec_grid_new(ps->clat, ps->clon, n, 0.25);
    for (size_t i = 0; i < ps->nareas; i++) {
        ps->aclat[i] = ps->areas[i].clat;
        ps->aclon[i] = ps->areas[i].clon;
        ps->max_area_km = fmax(ps->max_area_km, ps->areas[i].radius_km);
    }
    ps->agrid = psec_grid_new(ps->aclat, ps->aclon, ps->nareas, 1.0);
    if (ps->cgrid == NULL || ps->agrid == NULL)
        return psec_err_set(e, PSEC_E_NOMEM, "out of memory indexing ports");
    ps->built = true;
    return PSEC_OK;
}

/* Even-odd rule over every ring of the area. Longitudes are taken as they
 * are: areas that cross the antimeridian must be split by the caller. */
static bool in_area(const struct psec_portset *ps, const struct parea *a, double lat, double lon)
{
    bool in = false;
    size_t base = a->first_pt;
    if (lat < a->minlat || lat > a->maxlat || lon < a->minlon || lon > a->maxlon)
        return false;
    for (size_t r = 0; r < a->nrings; r++) {
        size_t len = ps->rings[a->first_ring + r];
        const double *y = ps->alat + base, *x = ps->alon + base;
        for (size_t i = 0, j = len - 1; i < len; j = i++)
            if ((y[i] > lat) != (y[j] > lat) &&
                lon < (x[j] - x[i]) * (lat - y[i]) / (y[j] - y[i]) + x[i])
                in = !in;
        base += len;
    }
    return in;
}

struct locate_ctx {
    const struct psec_portset *ps;
    double lat, lon;
    int best;
    double best_km;
};

static int circle_cb(void *c, size_t id, double km)
{
    struct locate_ctx *l = c;
    const struct pport *p = &l->ps->ports[l->ps->cidx[id]];
    if (km <= p->entry_km && km < l->best_km) {
        l->best = l->ps->cidx[id];
        l->best_km = km;
    }
    return 0;
}

static int area_cb(void *c, size_t id, double km)
{
    struct locate_ctx *l = c;
    const struct parea *a = &l->ps->areas[id];
    const struct pport *p = &l->ps->ports[a->port];
    double d;
    (void)km;
    if (!in_area(l->ps, a, l->lat, l->lon))
        return 0;
    /* Overlapping areas: the nearest port position (or area centre) wins. */
    d = p->has_pos ? psec_geo_km(l->lat, l->lon, p->lat, p->lon)
                   : psec_geo_km(l->lat, l->lon, a->clat, a->clon);
    if (d < l->best_km) {
        l->best = a->port;
        l->best_km = d;
    }
    return 0;
}

int psec_portset_locate(const struct psec_portset *ps, int current, double lat, double lon,
                        double *km)
{
    struct locate_ctx l = {ps, lat, lon, -1, INFINITY};

    if (!ps->built)
        return -1;
    /* A port-limit polygon is the authority where one is loaded: inside it,
     * the small ports (terminals, localities) whose circles lie within it
     * do not take the call. */
    if (current >= 0 && (size_t)current < ps->nports && ps->ports[current].area >= 0) {
        const struct pport *p = &ps->ports[current];
        if (in_area(ps, &ps->areas[p->area], lat, lon)) {
            *km = p->has_pos ? psec_geo_km(lat, lon, p->lat, p->lon) : 0;
            return current;
        }
    }
    if (ps->nareas > 0)
        psec_grid_within(ps->agrid, lat, lon, ps->max_area_km, area_cb, &l);
    if (l.best >= 0) {
        *km = l.best_km;
        return l.best;
    }
    if (current >= 0 && (size_t)current < ps->nports && ps->ports[current].area < 0 &&
        ps->ports[current].has_pos) {
        const struct pport *p = &ps->ports[current];
        double d = psec_geo_km(lat, lon, p->lat, p->lon);
        if (d <= p->exit_km) {
            *km = d;
            return current;
        }
    }
    if (ps->ncircle > 0)
        psec_grid_within(ps->cgrid, lat, lon, ps->max_entry_km, circle_cb, &l);
    if (l.best >= 0)
        *km = l.best_km;
    return l.best;
}

struct near_ctx {
    const struct psec_portset *ps;
    double km;
    bool found;
};

static int near_cb(void *c, size_t id, double km)
{
    struct near_ctx *n = c;
    (void)id;
    if (km <= n->km) {
        n->found = true;
        return 1;
    }
    return 0;
}

bool psec_portset_near(const struct psec_portset *ps, double lat, double lon, double km)
{
    struct near_ctx n = {ps, km, false};
    double d;
    if (!ps->built)
        return false;
    if (ps->ncircle > 0)
        psec_grid_within(ps->cgrid, lat, lon, km, near_cb, &n);
    if (n.found)
        return true;
    return psec_portset_locate(ps, -1, lat, lon, &d) >= 0;
}

/* --- analysis --------------------------------------------------------- */

static int cmp_point(const void *a, const void *b)
{
    const struct psec_track_point *x = a, *y = b;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    if (x->lat != y->lat)
        return x->lat < y->lat ? -1 : 1;
    if (x->lon != y->lon)
        return x->lon < y->lon ? -1 : 1;
    return 0;
}

void psec_track_result_free(struct psec_track_result *res)
{
    if (res == NULL)
        return;
    free(res->calls);
    free(res->gaps);
    memset(res, 0, sizeof *res);
}

static char *hhmm(int64_t t, char *buf, size_t size)
{
    return psec_time_format(t, buf, size);
}

static void call_close(struct psec_call *c, bool exit_seen)
{
    int ee;
    char a[32], d[32];
    c->exit = exit_seen;
    ee = (int)c->entry + (int)c->exit;
    if (!c->stop && !c->gap)
        c->confidence = 1;
    else
        c->confidence = 2 + ee;
    snprintf(c->reason, sizeof c->reason, "%s %s, %s %s, stopped %.1f h%s, %d positions",
             c->entry ? "entered" : "first seen in port", hhmm(c->arrival, a, sizeof a),
             c->exit ? "left" : "last seen in port", hhmm(c->departure, d, sizeof d),
             c->stop_s / 3600.0, c->gap ? ", silent over 4 h in port" : "", c->positions);
}

int psec_track_analyse(const struct psec_portset *ps, const struct psec_track_opts *o,
                       struct psec_track_point *pts, size_t n, struct psec_track_result *res,
                       struct psec_err *e)
{
    size_t capc = 0, capg = 0, m = 0, lo = 0;
    int cur = -1;
    bool stopped = false, prev_stopped = false;
    struct psec_call call;
    double sog_prev = NAN;

    memset(&call, 0, sizeof call);
    if (n > 1)
        qsort(pts, n, sizeof *pts, cmp_point);
    /* Drop duplicates (one report heard by several receivers) and positions
     * that are not positions. */
    for (size_t i = 0; i < n; i++) {
        if (!psec_lat_valid(pts[i].lat) || !psec_lon_valid(pts[i].lon))
            continue;
        if (m > 0 && pts[m - 1].t == pts[i].t && fabs(pts[m - 1].lat - pts[i].lat) < 1e-6 &&
            fabs(pts[m - 1].lon - pts[i].lon) < 1e-6) {
            res->duplicates++;
            continue;
        }
        pts[m++] = pts[i];
    }
    res->positions = m;

    for (size_t i = 0; i < m; i++) {
        const struct psec_track_point *p = &pts[i];
        double km = 0, sog = p->sog;
        int port;

        if (i > 0) {
            const struct psec_track_point *q = &pts[i - 1];
            int64_t dt = p->t - q->t;
            double d = psec_geo_km(q->lat, q->lon, p->lat, p->lon);
            if (dt >= o->gap_s) {
                struct psec_gap *g;
                char a[32];
                if (!grow((void **)&res->gaps, &capg, res->ngaps + 1, sizeof *res->gaps))
                    return psec_err_set(e, PSEC_E_NOMEM, "out of memory recording gaps");
                g = &res->gaps[res->ngaps++];
                memset(g, 0, sizeof *g);
                g->start = q->t;
                g->end = p->t;
                g->lat0 = q->lat;
                g->lon0 = q->lon;
                g->lat1 = p->lat;
                g->lon1 = p->lon;
                g->km = d;
                g->hours = dt / 3600.0;
                g->knots = d / 1.852 / g->hours;
                while (pts[lo].t < q->t - o->dark_prior_s)
                    lo++;
                g->prior_positions = (int)(i - lo);
                g->in_port = cur >= 0 || psec_portset_near(ps, q->lat, q->lon,
                                                           o->entry_km * o->exit_ratio);
                g->kind = dt >= o->dark_s && g->prior_positions >= o->dark_prior_n && !g->in_port
                              ? PSEC_GAP_DARK
                              : PSEC_GAP;
                snprintf(g->reason, sizeof g->reason,
                         "silent %.1f h from %s, %.1f km at %.1f kn implied; %d positions in the "
                         "%d h before; started %s",
                         g->hours, hhmm(q->t, a, sizeof a), g->km, g->knots, g->prior_positions,
                         (int)(o->dark_prior_s / 3600), g->in_port ? "in or near port" : "at sea");
            }
            if (cur >= 0 && dt > o->port_gap_s)
                call.gap = true;
            if (!isfinite(sog))
                sog = dt > 0 ? d / 1.852 / (dt / 3600.0) : sog_prev;
        }
        if (isfinite(sog)) {
            if (sog < o->stop_kn)
                stopped = true;
            else if (sog > o->move_kn)
                stopped = false;
            sog_prev = sog;
        }
        port = psec_portset_locate(ps, cur, p->lat, p->lon, &km);
        if (port != cur) {
            if (cur >= 0) {
                if (!grow((void **)&res->calls, &capc, res->ncalls + 1, sizeof *res->calls))
                    return psec_err_set(e, PSEC_E_NOMEM, "out of memory recording calls");
                call_close(&call, true);
                res->calls[res->ncalls++] = call;
            }
            if (port >= 0) {
                memset(&call, 0, sizeof call);
                call.port = port;
                psec_strlcpy(call.locode, psec_portset_locode(ps, port), sizeof call.locode);
                psec_strlcpy(call.country, psec_portset_country(ps, port), sizeof call.country);
                call.arrival = p->t;
                call.entry = i > 0;
                prev_stopped = false;
            }
            cur = port;
        }
        if (cur >= 0) {
            int64_t dt = i > 0 ? p->t - pts[i - 1].t : 0;
            call.positions++;
            call.departure = p->t;
            if (stopped) {
                call.stop = true;
                if (prev_stopped && dt <= o->port_gap_s)
                    call.stop_s += dt;
            }
            prev_stopped = stopped;
        }
    }
    if (cur >= 0) {
        if (!grow((void **)&res->calls, &capc, res->ncalls + 1, sizeof *res->calls))
            return psec_err_set(e, PSEC_E_NOMEM, "out of memory recording calls");
        call_close(&call, false);
        res->calls[res->ncalls++] = call;
    }
    return PSEC_OK;
}

/* --- declared versus observed ------------------------------------------ */

const char *psec_decl_status_name(enum psec_decl_status s)
{
    switch (s) {
    case PSEC_DECL_CONFIRMED:
        return "confirmed";
    case PSEC_DECL_CONTRADICTED:
        return "contradicted";
    default:
        return "not-observable";
    }
}

void psec_compare_free(struct psec_compare *c)
{
    if (c == NULL)
        return;
    free(c->checks);
    free(c->undeclared);
    free(c->gaps);
    memset(c, 0, sizeof *c);
}

/* Number of sorted times in [a, b]. */
static size_t count_in(const int64_t *t, size_t n, int64_t a, int64_t b)
{
    size_t lo = 0, hi = n, first;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid] < a)
            lo = mid + 1;
        else
            hi = mid;
    }
    first = lo;
    hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid] <= b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo - first;
}

static bool overlaps(int64_t a0, int64_t a1, int64_t b0, int64_t b1)
{
    return a0 <= b1 && b0 <= a1;
}

int psec_track_compare(const struct psec_declared_call *decl, size_t ndecl,
                       const struct psec_call *calls, size_t ncalls,
                       const struct psec_gap *gaps, size_t ngaps, const int64_t *times,
                       size_t ntimes, int64_t from, int64_t to, struct psec_compare *out,
                       struct psec_err *e)
{
    const int64_t slack = PSEC_DAY;
    char a[32], b[32];

    out->checks = calloc(ndecl + 1, sizeof *out->checks);
    out->undeclared = calloc(ncalls + 1, sizeof *out->undeclared);
    out->gaps = calloc(ngaps + 1, sizeof *out->gaps);
    if (!out->checks || !out->undeclared || !out->gaps) {
        psec_compare_free(out);
        return psec_err_set(e, PSEC_E_NOMEM, "out of memory comparing calls");
    }
    out->nchecks = ndecl;
    for (size_t i = 0; i < ndecl; i++) {
        const struct psec_declared_call *d = &decl[i];
        struct psec_decl_check *c = &out->checks[i];
        int64_t arr = d->arrival, dep = d->departure > 0 ? d->departure : d->arrival + PSEC_DAY;
        int passed = -1, elsewhere = -1;
        if (dep < arr) {
            int64_t t = arr;
            arr = dep;
            dep = t;
        }
        c->call = -1;
        c->positions = (int)count_in(times, ntimes, arr, dep);
        for (size_t k = 0; k < ncalls; k++) {
            const struct psec_call *o = &calls[k];
            if (strcmp(o->locode, d->locode) == 0 &&
                overlaps(o->arrival, o->departure, arr - slack, dep + slack)) {
                if (o->confidence >= 2) {
                    c->call = (int)k;
                    break;
                }
                passed = (int)k;
            } else if (o->confidence >= 2 && strcmp(o->locode, d->locode) != 0 &&
                       overlaps(o->arrival, o->departure, arr, dep) && elsewhere < 0) {
                elsewhere = (int)k;
            }
        }
        if (c->call >= 0) {
            const struct psec_call *o = &calls[c->call];
            c->status = PSEC_DECL_CONFIRMED;
            snprintf(c->reason, sizeof c->reason, "AIS call at %s from %s to %s (confidence %d)",
                     o->locode, psec_time_format(o->arrival, a, sizeof a),
                     psec_time_format(o->departure, b, sizeof b), o->confidence);
        } else if (elsewhere >= 0) {
            const struct psec_call *o = &calls[elsewhere];
            c->status = PSEC_DECL_CONTRADICTED;
            c->call = elsewhere;
            snprintf(c->reason, sizeof c->reason, "AIS puts the ship at %s from %s to %s",
                     o->locode, psec_time_format(o->arrival, a, sizeof a),
                     psec_time_format(o->departure, b, sizeof b));
        } else if (passed >= 0) {
            c->status = PSEC_DECL_CONTRADICTED;
            c->call = passed;
            snprintf(c->reason, sizeof c->reason,
                     "AIS shows the ship passing %s at %s without stopping", d->locode,
                     psec_time_format(calls[passed].arrival, a, sizeof a));
        } else if (c->positions > 0) {
            c->status = PSEC_DECL_CONTRADICTED;
            snprintf(c->reason, sizeof c->reason,
                     "%d AIS positions during the declared stay, none at %s", c->positions,
                     d->locode);
        } else {
            c->status = PSEC_DECL_NOT_OBSERVABLE;
            snprintf(c->reason, sizeof c->reason, "no AIS positions from %s to %s",
                     psec_time_format(arr, a, sizeof a), psec_time_format(dep, b, sizeof b));
        }
    }
    for (size_t k = 0; k < ncalls; k++) {
        const struct psec_call *o = &calls[k];
        bool declared = false;
        if (o->confidence < 2 || !overlaps(o->arrival, o->departure, from, to))
            continue;
        for (size_t i = 0; i < ndecl && !declared; i++) {
            int64_t dep = decl[i].departure > 0 ? decl[i].departure : decl[i].arrival + PSEC_DAY;
            declared = strcmp(decl[i].locode, o->locode) == 0 &&
                       overlaps(o->arrival, o->departure, decl[i].arrival - slack, dep + slack);
        }
        if (!declared)
            out->undeclared[out->nundeclared++] = (int)k;
    }
    for (size_t k = 0; k < ngaps; k++)
        if (gaps[k].end - gaps[k].start >= 12 * 3600 &&
            overlaps(gaps[k].start, gaps[k].end, from, to))
            out->gaps[out->ngaps++] = (int)k;
    return PSEC_OK;
}
