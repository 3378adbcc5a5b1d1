/*
 * ais.c (app) — AIS use cases: decode to JSON lines, ingest (NMEA or the
 * CSV layouts people download) into vessels, track points, port calls and
 * gaps, import port-area polygons, and read a vessel's calls, gaps and
 * track.
 *
 * What it does: ingest keeps one small record per vessel in memory (136
 * bytes in a hash table at most half full: 36 MB for 100,000 vessels), stores at most
 * one position per vessel per PSEC_AIS_THIN_S seconds (positions from
 * several receivers of one report collapse; GFW and MarineTraffic thin
 * likewise), writes everything in one transaction, then re-derives the calls
 * and gaps of each vessel touched from all its stored points, so the result
 * does not depend on how the data was split into files and re-ingesting
 * changes nothing.
 *
 * What it does not: keep every raw report (decode does that job), or guess
 * a time for reports without one (they are counted and, when no report has
 * a time, the ingest fails saying so).
 *
 * Verified against real data: AMSA tracks and port polygons (Sydney and
 * Brisbane calls), Kystverket and AMSA tag-blocked NMEA, the NOAA
 * MarineCadastre sample layout (tests/cli/ais_*.sh).
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ais/track.h"
#include "app/ais.h"
#include "base/csv.h"
#include "base/geo.h"
#include "base/limits.h"
#include "base/str.h"
#include "base/time.h"
#include "store/ais.h"
#include "store/registry.h"

/* Positions closer together than this (per vessel) are not all stored:
 * port calls and gaps work in hours, and a vessel under way reports every
 * 2-10 s. */
#define PSEC_AIS_THIN_S 30

/* ---- decode ----------------------------------------------------------- */

struct dec {
    FILE *out;
    unsigned jflags;
    char *buf;
    size_t len, cap;
    bool ioerr;
};

static void dec_flush(struct dec *d)
{
    if (d->len > 0 && fwrite(d->buf, 1, d->len, d->out) != d->len)
        d->ioerr = true;
    d->len = 0;
}

static int dec_msg(void *ctx, const struct psec_ais_msg *m)
{
    struct dec *d = ctx;
    size_t n;
    if (d->cap - d->len < 2048)
        dec_flush(d);
    n = psec_ais_json(m, d->jflags, d->buf + d->len, d->cap - d->len - 1);
    d->len += n;
    d->buf[d->len++] = '\n';
    return d->ioerr ? 1 : 0;
}

int psec_app_ais_decode(FILE *in, const char *name, FILE *out, unsigned rflags,
                        unsigned jflags, struct psec_ais_stats *st, struct psec_err *e)
{
    enum { CHUNK = 256 * 1024 };
    struct psec_ais_reader *r = psec_ais_reader_new(rflags);
    struct dec d = {out, jflags, malloc(CHUNK), 0, CHUNK, false};
    char *in_buf = malloc(CHUNK);
    size_t n;
    int rc = PSEC_OK;

    if (r == NULL || d.buf == NULL || in_buf == NULL) {
        rc = psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        goto out;
    }
    while ((n = fread(in_buf, 1, CHUNK, in)) > 0)
        if (psec_ais_reader_feed(r, in_buf, n, dec_msg, &d) != 0)
            break;
    if (ferror(in)) {
        rc = psec_err_set(e, PSEC_E_IO, "%s: read error", name);
        goto out;
    }
    psec_ais_reader_feed(r, NULL, 0, dec_msg, &d);
    psec_ais_reader_finish(r);
    dec_flush(&d);
    if (d.ioerr || fflush(out) != 0)
        rc = psec_err_set(e, PSEC_E_IO, "writing the output failed");
    if (st)
        *st = *psec_ais_reader_stats(r);
out:
    free(in_buf);
    free(d.buf);
    psec_ais_reader_free(r);
    return rc;
}

json_t *psec_app_ais_stats_json(const struct psec_ais_stats *st)
{
    json_t *types = json_object();
    for (int t = 1; t < 28; t++)
        if (st->by_type[t]) {
            char k[8];
            snprintf(k, sizeof k, "%d", t);
            json_object_set_new(types, k, json_integer((json_int_t)st->by_type[t]));
        }
    return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, "
                     "s:I, s:I, s:o}",
                     "lines", (json_int_t)st->lines, "sentences", (json_int_t)st->sentences,
                     "messages", (json_int_t)st->messages, "bad_checksum",
                     (json_int_t)st->bad_checksum, "malformed", (json_int_t)st->malformed,
                     "other_nmea", (json_int_t)st->other_nmea, "too_long",
                     (json_int_t)st->too_long, "fragments", (json_int_t)st->fragments,
                     "incomplete", (json_int_t)st->incomplete, "bad_length",
                     (json_int_t)st->bad_length, "unknown_type", (json_int_t)st->unknown_type,
                     "tag_blocks", (json_int_t)st->tag_blocks, "tag_dummy_checksum",
                     (json_int_t)st->tag_dummy_checksum, "tag_bad_checksum",
                     (json_int_t)st->tag_bad_checksum, "with_time",
                     (json_int_t)st->with_time, "t24_waiting", (json_int_t)st->t24_waiting,
                     "by_type", types);
}

/* ---- ingest ----------------------------------------------------------- */

struct vstate {
    uint32_t mmsi;            /* 0 = empty slot */
    bool has_static;
    int64_t last_t;
    struct psec_ais_static st;
};

/* Positions wait here and are written sorted by (MMSI, time): the B-tree
 * then takes each vessel's points as appends on a few pages instead of one
 * random page per report, which is what makes ingest fast. */
#define PSEC_AIS_INGEST_BATCH (1 << 17)

struct pend {
    uint32_t mmsi;
    int type;
    int64_t t;
    double lat, lon, sog, cog;
};

struct ingest {
    struct psec_db *db;
    struct psec_ingest_result *res;
    struct psec_err *e;
    struct vstate *v;
    size_t cap, used;
    struct pend *pend;
    size_t npend;
    int rc;
};

static int cmp_pend(const void *a, const void *b)
{
    const struct pend *x = a, *y = b;
    if (x->mmsi != y->mmsi)
        return x->mmsi < y->mmsi ? -1 : 1;
    return x->t < y->t ? -1 : x->t > y->t;
}

static int flush_points(struct ingest *g)
{
    if (g->npend > 1)
        qsort(g->pend, g->npend, sizeof *g->pend, cmp_pend);
    for (size_t i = 0; i < g->npend; i++) {
        const struct pend *p = &g->pend[i];
        bool ins = false;
        if (psec_store_ais_point_put(g->db, p->mmsi, p->t, p->lat, p->lon, p->sog, p->cog,
                                     p->type, &ins, g->e) != PSEC_OK) {
            g->rc = g->e->code;
            return 1;
        }
        if (ins)
            g->res->points_stored++;
        else
            g->res->duplicates++;
    }
    g->npend = 0;
    return 0;
}

static struct vstate *vfind(struct ingest *g, uint32_t mmsi)
{
    size_t i;
    if (g->used * 2 >= g->cap) {
        size_t ncap = g->cap ? g->cap * 2 : 1024;
        struct vstate *nv = calloc(ncap, sizeof *nv);
        if (nv == NULL)
            return NULL;
        for (size_t k = 0; k < g->cap; k++)
            if (g->v[k].mmsi) {
                size_t j = (g->v[k].mmsi * 2654435761u) & (ncap - 1);
                while (nv[j].mmsi)
                    j = (j + 1) & (ncap - 1);
                nv[j] = g->v[k];
            }
        free(g->v);
        g->v = nv;
        g->cap = ncap;
    }
    i = (mmsi * 2654435761u) & (g->cap - 1);
    while (g->v[i].mmsi && g->v[i].mmsi != mmsi)
        i = (i + 1) & (g->cap - 1);
    if (g->v[i].mmsi == 0) {
        g->v[i].mmsi = mmsi;
        g->v[i].last_t = INT64_MIN;
        psec_ais_static_init(&g->v[i].st, mmsi);
        g->used++;
    }
    return &g->v[i];
}

static int add_position(struct ingest *g, uint32_t mmsi, int64_t t, double lat, double lon,
                        double sog, double cog, int type)
{
    struct vstate *v;
    struct pend *p;
    if (mmsi == 0 || !psec_lat_valid(lat) || !psec_lon_valid(lon))
        return 0;
    g->res->positions++;
    if ((v = vfind(g, mmsi)) == NULL) {
        g->rc = psec_err_set(g->e, PSEC_E_NOMEM, "out of memory tracking vessels");
        return 1;
    }
    if (v->last_t != INT64_MIN && t >= v->last_t && t - v->last_t < PSEC_AIS_THIN_S) {
        g->res->duplicates++;
        return 0;
    }
    if (g->npend == PSEC_AIS_INGEST_BATCH && flush_points(g) != 0)
        return 1;
    p = &g->pend[g->npend++];
    p->mmsi = mmsi;
    p->type = type;
    p->t = t;
    p->lat = lat;
    p->lon = lon;
    p->sog = sog;
    p->cog = cog;
    if (t > v->last_t)
        v->last_t = t;
    return 0;
}

static void copy6(char *dst, size_t size, const char *src)
{
    if (src && *src)
        psec_strlcpy(dst, src, size);
}

static int on_ingest_msg(void *ctx, const struct psec_ais_msg *m)
{
    struct ingest *g = ctx;
    double lat, lon, sog, cog;
    struct vstate *v;

    if (psec_ais_position(m, &lat, &lon, &sog, &cog) && m->type != 4 && m->type != 11 &&
        m->type != 21) {
        if (m->time == PSEC_AIS_TIME_NONE) {
            g->res->positions_no_time++;
            return 0;
        }
        return add_position(g, m->mmsi, m->time, lat, lon, sog, cog, (int)m->type);
    }
    if (m->type != 5 && m->type != 19 && m->type != 24)
        return 0;
    if ((v = vfind(g, m->mmsi)) == NULL) {
        g->rc = psec_err_set(g->e, PSEC_E_NOMEM, "out of memory tracking vessels");
        return 1;
    }
    v->has_static = true;
    g->res->statics++;
    if (m->type == 5) {
        if (m->u.voyage.imo > 0)
            v->st.imo = m->u.voyage.imo;
        copy6(v->st.name, sizeof v->st.name, m->u.voyage.shipname);
        copy6(v->st.callsign, sizeof v->st.callsign, m->u.voyage.callsign);
        copy6(v->st.destination, sizeof v->st.destination, m->u.voyage.destination);
        v->st.shiptype = (int)m->u.voyage.shiptype;
        v->st.to_bow = (int)m->u.voyage.to_bow;
        v->st.to_stern = (int)m->u.voyage.to_stern;
        v->st.to_port = (int)m->u.voyage.to_port;
        v->st.to_starboard = (int)m->u.voyage.to_starboard;
        if (m->u.voyage.draught > 0)
            v->st.draught = m->u.voyage.draught / 10.0;
    } else if (m->type == 19) {
        copy6(v->st.name, sizeof v->st.name, m->u.cb.shipname);
        v->st.shiptype = (int)m->u.cb.shiptype;
        v->st.to_bow = (int)m->u.cb.to_bow;
        v->st.to_stern = (int)m->u.cb.to_stern;
        v->st.to_port = (int)m->u.cb.to_port;
        v->st.to_starboard = (int)m->u.cb.to_starboard;
    } else if (m->u.sd.part == PSEC_AIS_PART_A) {
        copy6(v->st.name, sizeof v->st.name, m->u.sd.shipname);
    } else {
        copy6(v->st.callsign, sizeof v->st.callsign, m->u.sd.callsign);
        v->st.shiptype = (int)m->u.sd.shiptype;
        if (m->mmsi / 10000000 != 98) {
            v->st.to_bow = (int)m->u.sd.to_bow;
            v->st.to_stern = (int)m->u.sd.to_stern;
            v->st.to_port = (int)m->u.sd.to_port;
            v->st.to_starboard = (int)m->u.sd.to_starboard;
        }
    }
    return 0;
}

static int ingest_nmea(struct ingest *g, FILE *in, const char *name)
{
    enum { CHUNK = 256 * 1024 };
    struct psec_ais_reader *r = psec_ais_reader_new(0);
    char *buf = malloc(CHUNK);
    size_t n;
    if (r == NULL || buf == NULL) {
        free(buf);
        psec_ais_reader_free(r);
        return psec_err_set(g->e, PSEC_E_NOMEM, "out of memory");
    }
    while (g->rc == PSEC_OK && (n = fread(buf, 1, CHUNK, in)) > 0)
        psec_ais_reader_feed(r, buf, n, on_ingest_msg, g);
    if (g->rc == PSEC_OK)
        psec_ais_reader_feed(r, NULL, 0, on_ingest_msg, g);
    psec_ais_reader_finish(r);
    g->res->stats = *psec_ais_reader_stats(r);
    psec_ais_reader_free(r);
    free(buf);
    if (g->rc == PSEC_OK && ferror(in))
        g->rc = psec_err_set(g->e, PSEC_E_IO, "%s: read error", name);
    return g->rc;
}

/* "dd/mm/yyyy HH:MM:SS" (Danish Maritime Authority). */
static bool dma_time(const char *s, int64_t *t)
{
    int d, mo, y, h, mi, se;
    char tail;
    if (sscanf(s, "%2d/%2d/%4d %2d:%2d:%2d%c", &d, &mo, &y, &h, &mi, &se, &tail) != 6)
        return false;
    if (d < 1 || d > 31 || mo < 1 || mo > 12 || h > 23 || mi > 59 || se > 60)
        return false;
    *t = psec_days_from_civil(y, mo, d) * PSEC_DAY + h * 3600 + mi * 60 + se;
    return true;
}

static double num_or_nan(const char *s)
{
    double v;
    return psec_parse_double(s, &v) ? v : NAN;
}

enum layout { L_NONE, L_NOAA, L_DMA, L_AMSA };

static int ingest_csv(struct ingest *g, FILE *in, const char *name)
{
    struct psec_csv *c = psec_csv_open(in, name, ',');
    enum layout lay = L_NONE;
    int rc;
    const char *tcol = NULL, *mcol = NULL, *latc = NULL, *lonc = NULL, *sogc = NULL,
               *cogc = NULL;

    if (c == NULL)
        return psec_err_set(g->e, PSEC_E_NOMEM, "out of memory");
    rc = psec_csv_next(c, g->e);
    if (rc != PSEC_ROW) {
        psec_csv_close(c);
        return rc == PSEC_DONE ? psec_err_set(g->e, PSEC_E_INVALID, "%s: empty file", name) : rc;
    }
    if ((rc = psec_csv_set_header(c, g->e)) != PSEC_OK) {
        psec_csv_close(c);
        return rc;
    }
    if (psec_csv_col(c, "BaseDateTime") >= 0) {
        lay = L_NOAA;
        mcol = "MMSI", tcol = "BaseDateTime", latc = "LAT", lonc = "LON", sogc = "SOG",
        cogc = "COG";
    } else if (psec_csv_col(c, "# Timestamp") >= 0 || psec_csv_col(c, "Type of mobile") >= 0) {
        lay = L_DMA;
        mcol = "MMSI", tcol = psec_csv_col(c, "# Timestamp") >= 0 ? "# Timestamp" : "Timestamp";
        latc = "Latitude", lonc = "Longitude", sogc = "SOG", cogc = "COG";
    } else if (psec_csv_col(c, "time_utc") >= 0 && psec_csv_col(c, "mmsi") >= 0) {
        lay = L_AMSA;
        mcol = "mmsi", tcol = "time_utc", latc = "lat", lonc = "lon", sogc = "sog_knots",
        cogc = "cog_deg";
    }
    if (lay == L_NONE) {
        psec_csv_close(c);
        return psec_err_set(g->e, PSEC_E_INVALID,
                            "%s:1: header is not a known AIS CSV layout (NOAA MarineCadastre "
                            "BaseDateTime, Danish Maritime Authority # Timestamp, or AMSA "
                            "time_utc)",
                            name);
    }
    psec_strlcpy(g->res->layout, lay == L_NOAA ? "noaa" : lay == L_DMA ? "dma" : "amsa",
                 sizeof g->res->layout);
    while ((rc = psec_csv_next(c, g->e)) == PSEC_ROW) {
        int64_t mmsi, t;
        double lat, lon;
        const char *ts = psec_csv_get(c, tcol);
        bool ok;
        g->res->rows++;
        ok = psec_parse_i64(psec_csv_get(c, mcol), &mmsi) && mmsi > 0 && mmsi < 1000000000 &&
             psec_parse_double(psec_csv_get(c, latc), &lat) &&
             psec_parse_double(psec_csv_get(c, lonc), &lon);
        ok = ok && (lay == L_DMA ? dma_time(ts, &t) : psec_time_parse(ts, &t));
        if (!ok) {
            g->res->rows_rejected++;
            continue;
        }
        if (add_position(g, (uint32_t)mmsi, t, lat, lon, num_or_nan(psec_csv_get(c, sogc)),
                         num_or_nan(psec_csv_get(c, cogc)), 0) != 0)
            break;
        if (lay != L_AMSA) {
            struct vstate *v = vfind(g, (uint32_t)mmsi);
            const char *nm = psec_csv_get(c, lay == L_NOAA ? "VesselName" : "Name");
            const char *imo = psec_csv_get(c, "IMO");
            const char *cs = psec_csv_get(c, lay == L_NOAA ? "CallSign" : "Callsign");
            int64_t iv;
            if (v == NULL) {
                g->rc = psec_err_set(g->e, PSEC_E_NOMEM, "out of memory tracking vessels");
                break;
            }
            if (strncmp(imo, "IMO", 3) == 0)
                imo += 3;
            if (*nm || *cs || psec_parse_i64(imo, &iv)) {
                if (!v->has_static)
                    g->res->statics++;
                v->has_static = true;
                if (psec_parse_i64(imo, &iv) && iv > 0)
                    v->st.imo = iv;
                copy6(v->st.name, sizeof v->st.name, nm);
                copy6(v->st.callsign, sizeof v->st.callsign, cs);
                if (lay == L_NOAA) {
                    int vt;
                    double dr;
                    if (psec_parse_int(psec_csv_get(c, "VesselType"), &vt))
                        v->st.shiptype = vt;
                    if (psec_parse_double(psec_csv_get(c, "Draft"), &dr))
                        v->st.draught = dr;
                } else {
                    double dr;
                    if (psec_parse_double(psec_csv_get(c, "Draught"), &dr))
                        v->st.draught = dr;
                    copy6(v->st.destination, sizeof v->st.destination,
                          psec_csv_get(c, "Destination"));
                }
            }
        }
    }
    psec_csv_close(c);
    if (g->rc != PSEC_OK)
        return g->rc;
    return rc == PSEC_DONE ? PSEC_OK : rc;
}

static int analyse_all(struct ingest *g)
{
    struct psec_portset *ps = psec_portset_new();
    struct psec_track_opts o;
    int rc;

    psec_track_opts_default(&o);
    if (ps == NULL)
        return psec_err_set(g->e, PSEC_E_NOMEM, "out of memory");
    if ((rc = psec_store_ais_portset_load(g->db, ps, g->e)) != PSEC_OK ||
        (rc = psec_portset_build(ps, &o, g->e)) != PSEC_OK) {
        psec_portset_free(ps);
        return rc;
    }
    for (size_t i = 0; i < g->cap; i++) {
        struct vstate *v = &g->v[i];
        struct psec_track_point *pts = NULL;
        struct psec_track_result r = {0};
        size_t n = 0;
        if (v->mmsi == 0)
            continue;
        g->res->vessels++;
        if (v->has_static && (rc = psec_store_ais_vessel_put(g->db, &v->st, g->e)) != PSEC_OK)
            break;
        if ((rc = psec_store_ais_points(g->db, v->mmsi, INT64_MIN, INT64_MAX, &pts, &n, g->e)) !=
            PSEC_OK)
            break;
        /* Points come sorted by time: first, last and count are at hand. */
        if ((rc = psec_store_ais_vessel_seen(g->db, v->mmsi, n ? pts[0].t : 0,
                                             n ? pts[n - 1].t : 0, (int64_t)n, g->e)) !=
            PSEC_OK) {
            free(pts);
            break;
        }
        rc = psec_track_analyse(ps, &o, pts, n, &r, g->e);
        if (rc == PSEC_OK)
            rc = psec_store_ais_derived_put(g->db, v->mmsi, &r, g->e);
        g->res->calls += r.ncalls;
        g->res->gaps += r.ngaps;
        for (size_t k = 0; k < r.ngaps; k++)
            g->res->dark += r.gaps[k].kind == PSEC_GAP_DARK;
        psec_track_result_free(&r);
        free(pts);
        if (rc != PSEC_OK)
            break;
    }
    psec_portset_free(ps);
    return rc;
}

int psec_app_ais_ingest(struct psec_db *db, FILE *in, const char *name, bool csv,
                        struct psec_ingest_result *res, struct psec_err *e)
{
    struct ingest g = {db, res, e, NULL, 0, 0, NULL, 0, PSEC_OK};
    int rc;

    memset(res, 0, sizeof *res);
    g.pend = malloc(PSEC_AIS_INGEST_BATCH * sizeof *g.pend);
    if (g.pend == NULL)
        return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    psec_strlcpy(res->layout, "nmea", sizeof res->layout);
    if ((rc = psec_db_begin(db, e)) != PSEC_OK)
        return rc;
    rc = csv ? ingest_csv(&g, in, name) : ingest_nmea(&g, in, name);
    if (rc == PSEC_OK && flush_points(&g) != 0)
        rc = g.rc;
    if (rc == PSEC_OK && res->positions == 0 && res->positions_no_time > 0)
        rc = psec_err_set(e, PSEC_E_INVALID,
                          "%s: %llu positions but none with a time: ingest needs a tag block "
                          "(\\c:EPOCH*hh\\ before the sentence) or a trailing epoch after the "
                          "checksum; 'portsec ais decode' reads files without times",
                          name, (unsigned long long)res->positions_no_time);
    if (rc == PSEC_OK)
        rc = analyse_all(&g);
    if (rc == PSEC_OK)
        rc = psec_db_commit(db, e);
    else
        psec_db_rollback(db);
    free(g.v);
    free(g.pend);
    return rc;
}

json_t *psec_app_ingest_result_json(const struct psec_ingest_result *r)
{
    json_t *j = json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
                          "layout", r->layout, "positions", (json_int_t)r->positions,
                          "positions_without_time", (json_int_t)r->positions_no_time,
                          "duplicates_or_thinned", (json_int_t)r->duplicates,
                          "points_stored", (json_int_t)r->points_stored, "vessels",
                          (json_int_t)r->vessels, "identity_reports", (json_int_t)r->statics,
                          "calls", (json_int_t)r->calls, "gaps", (json_int_t)r->gaps,
                          "possible_dark", (json_int_t)r->dark, "rows", (json_int_t)r->rows);
    if (strcmp(r->layout, "nmea") == 0)
        json_object_set_new(j, "nmea", psec_app_ais_stats_json(&r->stats));
    else
        json_object_set_new(j, "rows_rejected", json_integer((json_int_t)r->rows_rejected));
    return j;
}

/* ---- port areas ------------------------------------------------------- */

struct cand {
    char locode[8];
    char name[128];
    double lat, lon;
};

struct cands {
    struct cand v[64];
    int n;
};

static int cand_cb(void *ctx, const char *locode, const char *name, const char *country,
                   double lat, double lon)
{
    struct cands *c = ctx;
    (void)country;
    if (c->n < 64) {
        psec_strlcpy(c->v[c->n].locode, locode, sizeof c->v[c->n].locode);
        psec_strlcpy(c->v[c->n].name, name, sizeof c->v[c->n].name);
        c->v[c->n].lat = lat;
        c->v[c->n].lon = lon;
        c->n++;
    }
    return 0;
}

static bool same_name(const char *a, const char *b)
{
    /* Case, blanks and underscores do not matter: "port_botany" = "Port Botany". */
    while (*a || *b) {
        while (*a == ' ' || *a == '_' || *a == '-')
            a++;
        while (*b == ' ' || *b == '_' || *b == '-')
            b++;
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return false;
        if (*a)
            a++;
        if (*b)
            b++;
    }
    return true;
}

/* Rings with fewer than 3 positions (or not arrays) make no area. */
static bool rings_ok(json_t *coords, int depth)
{
    size_t i;
    json_t *x;
    if (!json_is_array(coords) || json_array_size(coords) == 0)
        return false;
    if (depth == 1)
        return json_array_size(coords) >= 3;
    json_array_foreach(coords, i, x) if (!rings_ok(x, depth - 1)) return false;
    return true;
}

static void bbox_of(json_t *coords, int depth, double *b)
{
    size_t i;
    json_t *x;
    if (depth == 0) {
        double lon = json_number_value(json_array_get(coords, 0));
        double lat = json_number_value(json_array_get(coords, 1));
        b[0] = fmin(b[0], lat), b[1] = fmax(b[1], lat);
        b[2] = fmin(b[2], lon), b[3] = fmax(b[3], lon);
        return;
    }
    json_array_foreach(coords, i, x) bbox_of(x, depth - 1, b);
}

/* Largest port-area file read: polygons run to megabytes (AMSA's 40 ports
 * are 1.5 MB; US port statistical areas about 5 MB); the whole document is
 * parsed in memory, so it is capped. */
#define PSEC_AIS_AREAS_MAX (64L * 1024 * 1024)

json_t *psec_app_port_areas_import(struct psec_db *db, const char *path, struct psec_err *e)
{
    json_error_t je;
    json_t *doc, *feats, *f, *matched, *unmatched;
    const char *base = strrchr(path, '/');
    size_t i;
    int areas = 0;
    FILE *fp = fopen(path, "rb");

    base = base ? base + 1 : path;
    if (fp == NULL) {
        psec_err_set(e, PSEC_E_IO, "%s: cannot open", path);
        return NULL;
    }
    if (fseek(fp, 0, SEEK_END) == 0 && ftell(fp) > PSEC_AIS_AREAS_MAX) {
        fclose(fp);
        psec_err_set(e, PSEC_E_LIMIT, "%s: larger than %ld MB; split it", path,
                     PSEC_AIS_AREAS_MAX / (1024 * 1024));
        return NULL;
    }
    rewind(fp);
    doc = json_loadf(fp, 0, &je);
    fclose(fp);
    if (doc == NULL) {
        psec_err_set(e, PSEC_E_INVALID, "%s:%d: %s", path, je.line, je.text);
        return NULL;
    }
    feats = json_object_get(doc, "features");
    if (!json_is_array(feats)) {
        json_decref(doc);
        psec_err_set(e, PSEC_E_INVALID, "%s: not a GeoJSON FeatureCollection (no features)",
                     path);
        return NULL;
    }
    matched = json_array();
    unmatched = json_array();
    if (psec_db_begin(db, e) != PSEC_OK)
        goto fail;
    json_array_foreach(feats, i, f) {
        json_t *props = json_object_get(f, "properties"), *geom = json_object_get(f, "geometry");
        const char *type = json_string_value(json_object_get(geom, "type"));
        const char *locode = json_string_value(json_object_get(props, "locode"));
        const char *label = json_string_value(json_object_get(props, "limit_name"));
        const char *pkey = json_string_value(json_object_get(props, "port_key"));
        char name[128], key[160], chosen[8] = "";
        double b[4] = {1e9, -1e9, 1e9, -1e9};
        struct cands cs = {.n = 0};
        char *gtext;
        int ord = 1;

        if (label == NULL)
            label = json_string_value(json_object_get(props, "name"));
        if (label == NULL)
            label = pkey;
        if (label == NULL || type == NULL ||
            (strcmp(type, "Polygon") != 0 && strcmp(type, "MultiPolygon") != 0)) {
            psec_err_set(e, PSEC_E_INVALID,
                         "%s: features[%zu]: needs a Polygon or MultiPolygon geometry and a "
                         "locode, limit_name, name or port_key property",
                         path, i);
            goto fail_tx;
        }
        psec_strlcpy(name, strncmp(label, "Port of ", 8) == 0 ? label + 8 : label, sizeof name);
        if (!rings_ok(json_object_get(geom, "coordinates"), strcmp(type, "Polygon") == 0 ? 2 : 3)) {
            psec_err_set(e, PSEC_E_INVALID, "%s: features[%zu].geometry: every ring needs at "
                         "least 3 positions", path, i);
            goto fail_tx;
        }
        bbox_of(json_object_get(geom, "coordinates"), strcmp(type, "Polygon") == 0 ? 2 : 3, b);
        if (!psec_lat_valid(b[0]) || !psec_lat_valid(b[1]) || !psec_lon_valid(b[2]) ||
            !psec_lon_valid(b[3])) {
            psec_err_set(e, PSEC_E_INVALID, "%s: features[%zu].geometry: coordinates are not "
                         "longitude, latitude pairs", path, i);
            goto fail_tx;
        }
        if (locode && *locode) {
            psec_strlcpy(chosen, locode, sizeof chosen);
        } else if (psec_store_ports_in_box(db, b[0] - 0.1, b[1] + 0.1, b[2] - 0.1, b[3] + 0.1,
                                           cand_cb, &cs, e) == PSEC_OK) {
            /* The registry port of that name near the area; failing that,
             * the one nearest the area's centre inside its box. */
            double best = INFINITY, clat = (b[0] + b[1]) / 2, clon = (b[2] + b[3]) / 2;
            for (int k = 0; k < cs.n; k++)
                if (same_name(cs.v[k].name, name) || (pkey && same_name(cs.v[k].name, pkey))) {
                    psec_strlcpy(chosen, cs.v[k].locode, sizeof chosen);
                    break;
                }
            for (int k = 0; k < cs.n && !chosen[0]; k++) {
                double d = psec_geo_km(clat, clon, cs.v[k].lat, cs.v[k].lon);
                if (cs.v[k].lat >= b[0] && cs.v[k].lat <= b[1] && cs.v[k].lon >= b[2] &&
                    cs.v[k].lon <= b[3] && d < best)
                    best = d;
            }
            for (int k = 0; k < cs.n && !chosen[0] && isfinite(best); k++)
                if (psec_geo_km(clat, clon, cs.v[k].lat, cs.v[k].lon) == best)
                    psec_strlcpy(chosen, cs.v[k].locode, sizeof chosen);
        } else {
            goto fail_tx;
        }
        /* Features sharing a name (Burnie has two) get ordinals. */
        for (size_t k = 0; k < i; k++) {
            json_t *p2 = json_object_get(json_array_get(feats, k), "properties");
            const char *l2 = json_string_value(json_object_get(p2, "limit_name"));
            if (l2 == NULL)
                l2 = json_string_value(json_object_get(p2, "name"));
            if (l2 == NULL)
                l2 = json_string_value(json_object_get(p2, "port_key"));
            if (l2 && strcmp(l2, label) == 0)
                ord++;
        }
        snprintf(key, sizeof key, "%s#%d", pkey ? pkey : name, ord);
        gtext = json_dumps(geom, JSON_COMPACT);
        if (gtext == NULL ||
            psec_store_port_area_put(db, key, chosen, name, base, gtext, b[0], b[1], b[2], b[3],
                                     e) != PSEC_OK) {
            free(gtext);
            if (gtext == NULL)
                psec_err_set(e, PSEC_E_NOMEM, "out of memory");
            goto fail_tx;
        }
        free(gtext);
        areas++;
        if (chosen[0])
            json_array_append_new(matched, json_pack("{s:s, s:s}", "area", name, "port", chosen));
        else
            json_array_append_new(unmatched, json_string(name));
    }
    if (psec_db_commit(db, e) != PSEC_OK)
        goto fail;
    json_decref(doc);
    return json_pack("{s:s, s:i, s:o, s:o}", "file", base, "areas", areas, "matched", matched,
                     "unmatched", unmatched);
fail_tx:
    psec_db_rollback(db);
fail:
    json_decref(doc);
    json_decref(matched);
    json_decref(unmatched);
    return NULL;
}

/* ---- vessel queries ---------------------------------------------------- */

static int resolve(struct psec_db *db, int64_t mmsi, int64_t imo, int64_t *list, size_t *n,
                   struct psec_err *e)
{
    if (mmsi > 0) {
        list[0] = mmsi;
        *n = 1;
        return PSEC_OK;
    }
    if (psec_store_ais_mmsi_for_imo(db, imo, list, 16, n, e) != PSEC_OK)
        return e->code;
    if (*n == 0)
        return psec_err_set(e, PSEC_E_NOTFOUND, "no AIS vessel with IMO %lld (IMO numbers come "
                            "from type 5 reports)", (long long)imo);
    return PSEC_OK;
}

static void set_time(json_t *o, const char *key, const char *from)
{
    json_t *v = json_object_get(o, from);
    char buf[32];
    if (json_is_integer(v))
        json_object_set_new(o, key, json_string(psec_time_format(json_integer_value(v), buf,
                                                                 sizeof buf)));
    else
        json_object_set_new(o, key, json_null());
}

static void to_bool(json_t *o, const char *key, const char *from)
{
    json_object_set_new(o, key, json_boolean(json_integer_value(json_object_get(o, from))));
    if (strcmp(key, from) != 0)
        json_object_del(o, from);
}

json_t *psec_app_vessel_calls(struct psec_db *db, int64_t mmsi, int64_t imo, int64_t from,
                              int64_t to, struct psec_err *e)
{
    int64_t list[16];
    size_t n;
    json_t *out;
    if (resolve(db, mmsi, imo, list, &n, e) != PSEC_OK)
        return NULL;
    out = json_array();
    for (size_t k = 0; k < n; k++) {
        json_t *rows = psec_store_ais_calls(db, (uint32_t)list[k], from, to, e), *r;
        size_t i;
        if (rows == NULL) {
            json_decref(out);
            return NULL;
        }
        json_array_foreach(rows, i, r) {
            int64_t a = json_integer_value(json_object_get(r, "arrival"));
            int64_t d = json_integer_value(json_object_get(r, "departure"));
            int64_t s = json_integer_value(json_object_get(r, "stop_s"));
            json_t *c = json_object();
            json_object_set(c, "mmsi", json_object_get(r, "mmsi"));
            json_object_set(c, "port", json_object_get(r, "port"));
            json_object_set(c, "port_name", json_object_get(r, "port_name"));
            json_object_set(c, "country", json_object_get(r, "country"));
            set_time(r, "arrival_iso", "arrival");
            set_time(r, "departure_iso", "departure");
            json_object_set(c, "arrival", json_object_get(r, "arrival_iso"));
            json_object_set(c, "departure", json_object_get(r, "departure_iso"));
            json_object_set_new(c, "hours", json_real(round((d - a) / 36.0) / 100.0));
            json_object_set_new(c, "stop_hours", json_real(round(s / 36.0) / 100.0));
            json_object_set(c, "confidence", json_object_get(r, "confidence"));
            to_bool(r, "entry", "entry_seen");
            to_bool(r, "exit", "exit_seen");
            to_bool(r, "stop", "stopped");
            to_bool(r, "port_gap", "port_gap");
            json_object_set(c, "entry", json_object_get(r, "entry"));
            json_object_set(c, "exit", json_object_get(r, "exit"));
            json_object_set(c, "stop", json_object_get(r, "stop"));
            json_object_set(c, "port_gap", json_object_get(r, "port_gap"));
            json_object_set(c, "positions", json_object_get(r, "positions"));
            json_object_set(c, "reason", json_object_get(r, "reason"));
            json_array_append_new(out, c);
        }
        json_decref(rows);
    }
    return out;
}

json_t *psec_app_vessel_gaps(struct psec_db *db, int64_t mmsi, int64_t imo, int64_t from,
                             int64_t to, struct psec_err *e)
{
    int64_t list[16];
    size_t n;
    json_t *out;
    if (resolve(db, mmsi, imo, list, &n, e) != PSEC_OK)
        return NULL;
    out = json_array();
    for (size_t k = 0; k < n; k++) {
        json_t *rows = psec_store_ais_gaps(db, (uint32_t)list[k], from, to, e), *r;
        size_t i;
        if (rows == NULL) {
            json_decref(out);
            return NULL;
        }
        json_array_foreach(rows, i, r) {
            json_t *g = json_object();
            set_time(r, "start_iso", "start_t");
            set_time(r, "end_iso", "end_t");
            json_object_set(g, "mmsi", json_object_get(r, "mmsi"));
            json_object_set(g, "start", json_object_get(r, "start_iso"));
            json_object_set(g, "end", json_object_get(r, "end_iso"));
            json_object_set_new(g, "hours", json_real(round(json_number_value(
                                                          json_object_get(r, "hours")) * 100) /
                                                      100));
            json_object_set(g, "kind", json_object_get(r, "kind"));
            json_object_set_new(g, "km", json_real(round(json_number_value(
                                                       json_object_get(r, "km")) * 10) / 10));
            json_object_set_new(g, "knots", json_real(round(json_number_value(
                                                          json_object_get(r, "knots")) * 10) /
                                                      10));
            json_object_set(g, "last_lat", json_object_get(r, "lat0"));
            json_object_set(g, "last_lon", json_object_get(r, "lon0"));
            json_object_set(g, "next_lat", json_object_get(r, "lat1"));
            json_object_set(g, "next_lon", json_object_get(r, "lon1"));
            json_object_set(g, "prior_positions", json_object_get(r, "prior_positions"));
            json_object_set_new(g, "in_port",
                                json_boolean(json_integer_value(json_object_get(r, "in_port"))));
            json_object_set(g, "reason", json_object_get(r, "reason"));
            json_array_append_new(out, g);
        }
        json_decref(rows);
    }
    return out;
}

json_t *psec_app_ais_vessel(struct psec_db *db, int64_t mmsi, int64_t imo, struct psec_err *e)
{
    int64_t list[16];
    size_t n;
    json_t *out;
    if (resolve(db, mmsi, imo, list, &n, e) != PSEC_OK)
        return NULL;
    out = json_array();
    for (size_t k = 0; k < n; k++) {
        json_t *v = psec_store_ais_vessel_get(db, (uint32_t)list[k], e);
        if (v == NULL) {
            json_decref(out);
            return NULL;
        }
        set_time(v, "first_seen", "first_seen");
        set_time(v, "last_seen", "last_seen");
        if (json_is_integer(json_object_get(v, "shiptype")))
            json_object_set_new(v, "shiptype_text",
                                json_string(psec_ais_shiptype_text(
                                    (unsigned)json_integer_value(json_object_get(v, "shiptype")))));
        json_array_append_new(out, v);
    }
    return out;
}

json_t *psec_app_vessel_track(struct psec_db *db, int64_t mmsi, int64_t imo, int64_t from,
                              int64_t to, struct psec_err *e)
{
    int64_t list[16];
    size_t n;
    json_t *feats, *calls;
    if (resolve(db, mmsi, imo, list, &n, e) != PSEC_OK)
        return NULL;
    feats = json_array();
    for (size_t k = 0; k < n; k++) {
        struct psec_track_point *pts;
        size_t np;
        json_t *coords = json_array(), *times = json_array();
        char buf[32];
        if (psec_store_ais_points(db, (uint32_t)list[k], from, to, &pts, &np, e) != PSEC_OK) {
            json_decref(coords);
            json_decref(times);
            json_decref(feats);
            return NULL;
        }
        for (size_t i = 0; i < np; i++) {
            json_array_append_new(coords, json_pack("[f,f]", pts[i].lon, pts[i].lat));
            json_array_append_new(times, json_string(psec_time_format(pts[i].t, buf,
                                                                      sizeof buf)));
        }
        free(pts);
        json_array_append_new(
            feats, json_pack("{s:s, s:{s:s, s:o}, s:{s:I, s:i, s:o}}", "type", "Feature",
                             "geometry", "type", "LineString", "coordinates", coords,
                             "properties", "mmsi", (json_int_t)list[k], "positions", (int)np,
                             "times", times));
    }
    calls = psec_app_vessel_calls(db, mmsi, imo, from, to, e);
    if (calls == NULL) {
        json_decref(feats);
        return NULL;
    }
    {
        size_t i;
        json_t *c;
        json_array_foreach(calls, i, c) {
            /* A call is drawn at its port's position when the registry has one. */
            json_t *port = psec_store_port_get(db, json_string_value(json_object_get(c, "port")),
                                               NULL);
            json_t *lat = port ? json_object_get(port, "lat") : NULL;
            json_t *lon = port ? json_object_get(port, "lon") : NULL;
            if (json_is_number(lat) && json_is_number(lon))
                json_array_append_new(
                    feats, json_pack("{s:s, s:{s:s, s:[O,O]}, s:O}", "type", "Feature",
                                     "geometry", "type", "Point", "coordinates", lon, lat,
                                     "properties", c));
            json_decref(port);
        }
    }
    json_decref(calls);
    return json_pack("{s:s, s:o}", "type", "FeatureCollection", "features", feats);
}

/* ---- declared versus observed ------------------------------------------ */

static int64_t jint(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

/* Same place, two codes: UN/LOCODE lists some ports twice (Port Victoria
 * is SCPOV and SCVIC, at one position), and the AIS call takes the nearest
 * registry entry. An AIS call at a port within this distance of a declared
 * port of the same country is taken as a call at the declared port. */
#define SAME_PLACE_KM 8.0

static bool port_pos(struct psec_db *db, const char *locode, double *lat, double *lon)
{
    json_t *p = psec_store_port_get(db, locode, NULL);
    bool ok = p && json_is_number(json_object_get(p, "lat")) &&
              json_is_number(json_object_get(p, "lon"));

    if (ok) {
        *lat = json_number_value(json_object_get(p, "lat"));
        *lon = json_number_value(json_object_get(p, "lon"));
    }
    json_decref(p);
    return ok;
}

static void same_place_as_declared(struct psec_db *db, const struct psec_declared_call *decl,
                                   size_t ndecl, struct psec_call *calls, size_t nc)
{
    for (size_t i = 0; i < nc; i++) {
        double alat, alon;
        bool have = false, tried = false;
        for (size_t k = 0; k < ndecl; k++) {
            double dlat, dlon;
            if (strcmp(calls[i].locode, decl[k].locode) == 0)
                break;
            if (strncmp(calls[i].locode, decl[k].locode, 2) != 0)
                continue;
            if (!tried) {
                have = port_pos(db, calls[i].locode, &alat, &alon);
                tried = true;
            }
            if (have && port_pos(db, decl[k].locode, &dlat, &dlon) &&
                psec_geo_km(alat, alon, dlat, dlon) <= SAME_PLACE_KM) {
                psec_strlcpy(calls[i].locode, decl[k].locode, sizeof calls[i].locode);
                break;
            }
        }
    }
}

json_t *psec_app_ais_check(struct psec_db *db, int64_t mmsi, int64_t imo,
                           const struct psec_declared_call *decl, size_t ndecl, int64_t from,
                           int64_t to, struct psec_err *e)
{
    int64_t list[16];
    size_t nm;
    struct psec_call *calls = NULL;
    struct psec_gap *gaps = NULL;
    int64_t *times = NULL;
    size_t nc = 0, ng = 0, nt = 0, capt = 0;
    json_t *crow = NULL, *grow_ = NULL, *out = NULL, *mm;
    struct psec_compare cmp = {0};
    const int64_t slack = 2 * PSEC_DAY;

    if (resolve(db, mmsi, imo, list, &nm, e) != PSEC_OK)
        return NULL;
    mm = json_array();
    for (size_t k = 0; k < nm; k++) {
        json_t *c = psec_store_ais_calls(db, (uint32_t)list[k], from - slack, to + slack, e);
        json_t *g = psec_store_ais_gaps(db, (uint32_t)list[k], from - slack, to + slack, e);
        struct psec_track_point *pts = NULL;
        size_t np = 0, i;
        if (c == NULL || g == NULL ||
            psec_store_ais_points(db, (uint32_t)list[k], from - slack, to + slack, &pts, &np,
                                  e) != PSEC_OK) {
            json_decref(c);
            json_decref(g);
            goto out;
        }
        json_array_append_new(mm, json_integer(list[k]));
        if (crow == NULL) {
            crow = json_array();
            grow_ = json_array();
        }
        json_array_extend(crow, c);
        json_array_extend(grow_, g);
        json_decref(c);
        json_decref(g);
        if (nt + np > capt) {
            int64_t *q;
            capt = (nt + np) * 2 + 16;
            q = realloc(times, capt * sizeof *q);
            if (q == NULL) {
                free(pts);
                psec_err_set(e, PSEC_E_NOMEM, "out of memory");
                goto out;
            }
            times = q;
        }
        for (i = 0; i < np; i++)
            times[nt++] = pts[i].t;
        free(pts);
    }
    /* Several MMSIs for one IMO: the times must be sorted again. */
    for (size_t i = 1; i < nt; i++)
        for (size_t j = i; j > 0 && times[j - 1] > times[j]; j--) {
            int64_t t = times[j];
            times[j] = times[j - 1];
            times[j - 1] = t;
        }
    nc = json_array_size(crow);
    ng = json_array_size(grow_);
    if (nt == 0 && nc == 0) {
        psec_err_set(e, PSEC_E_NOTFOUND, "no AIS data for this vessel between the dates");
        goto out;
    }
    calls = calloc(nc + 1, sizeof *calls);
    gaps = calloc(ng + 1, sizeof *gaps);
    if (calls == NULL || gaps == NULL) {
        psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < nc; i++) {
        json_t *r = json_array_get(crow, i);
        psec_strlcpy(calls[i].locode, json_string_value(json_object_get(r, "port")),
                     sizeof calls[i].locode);
        if (json_is_string(json_object_get(r, "country")))
            psec_strlcpy(calls[i].country, json_string_value(json_object_get(r, "country")),
                         sizeof calls[i].country);
        calls[i].arrival = jint(r, "arrival");
        calls[i].departure = jint(r, "departure");
        calls[i].confidence = (int)jint(r, "confidence");
    }
    for (size_t i = 0; i < ng; i++) {
        json_t *r = json_array_get(grow_, i);
        gaps[i].start = jint(r, "start_t");
        gaps[i].end = jint(r, "end_t");
    }
    same_place_as_declared(db, decl, ndecl, calls, nc);
    if (psec_track_compare(decl, ndecl, calls, nc, gaps, ng, times, nt, from, to, &cmp, e) !=
        PSEC_OK)
        goto out;
    {
        json_t *d = json_array(), *u = json_array(), *gg = json_array();
        char a[32], b[32];
        for (size_t i = 0; i < cmp.nchecks; i++) {
            const struct psec_decl_check *c = &cmp.checks[i];
            json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i}", "port", decl[i].locode,
                                  "arrival", psec_time_format(decl[i].arrival, a, sizeof a),
                                  "departure",
                                  psec_time_format(decl[i].departure > 0 ? decl[i].departure
                                                                         : decl[i].arrival +
                                                                               PSEC_DAY,
                                                   b, sizeof b),
                                  "status", psec_decl_status_name(c->status), "reason",
                                  c->reason, "positions", c->positions);
            if (c->call >= 0)
                json_object_set_new(o, "ais_call",
                                    json_pack("{s:s, s:s, s:s, s:i}", "port",
                                              calls[c->call].locode, "arrival",
                                              psec_time_format(calls[c->call].arrival, a,
                                                               sizeof a),
                                              "departure",
                                              psec_time_format(calls[c->call].departure, b,
                                                               sizeof b),
                                              "confidence", calls[c->call].confidence));
            json_array_append_new(d, o);
        }
        for (size_t i = 0; i < cmp.nundeclared; i++) {
            const struct psec_call *c = &calls[cmp.undeclared[i]];
            json_array_append_new(
                u, json_pack("{s:s, s:s, s:s, s:s, s:i}", "port", c->locode, "country",
                             c->country, "arrival", psec_time_format(c->arrival, a, sizeof a),
                             "departure", psec_time_format(c->departure, b, sizeof b),
                             "confidence", c->confidence));
        }
        for (size_t i = 0; i < cmp.ngaps; i++) {
            json_t *r = json_array_get(grow_, (size_t)cmp.gaps[i]);
            json_array_append_new(
                gg, json_pack("{s:s, s:s, s:f, s:O}", "start",
                              psec_time_format(jint(r, "start_t"), a, sizeof a), "end",
                              psec_time_format(jint(r, "end_t"), b, sizeof b), "hours",
                              round(json_number_value(json_object_get(r, "hours")) * 100) / 100,
                              "kind", json_object_get(r, "kind")));
        }
        out = json_pack("{s:O, s:I, s:o, s:o, s:o}", "mmsi", mm, "positions", (json_int_t)nt,
                        "declared", d, "undeclared", u, "gaps", gg);
    }
out:
    psec_compare_free(&cmp);
    json_decref(mm);
    json_decref(crow);
    json_decref(grow_);
    free(calls);
    free(gaps);
    free(times);
    return out;
}
