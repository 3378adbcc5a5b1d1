/*
 * test_ais_track.c — port calls, gaps and the declared-versus-observed
 * comparison on a synthetic voyage generated here: approach port AAAAA,
 * stop 10 h, leave, steam 7 h, go dark 14 h at sea, steam on to port BBBBB,
 * stop 5 h, leave. Exactly two calls (confidence 4) and one possible-dark
 * gap must come out, with duplicates (the same report from two receivers)
 * dropped. Also: port areas (polygons with a hole), hysteresis, overlap.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ais/track.h"
#include "base/geo.h"

#define T0 1700000000

struct voyage {
    struct psec_track_point *p;
    size_t n, cap;
    int64_t t;
    double lat, lon;
};

static void add(struct voyage *v, double sog)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 1024;
        v->p = realloc(v->p, v->cap * sizeof *v->p);
    }
    v->p[v->n].t = v->t;
    v->p[v->n].lat = v->lat;
    v->p[v->n].lon = v->lon;
    v->p[v->n].sog = sog;
    v->n++;
}

/* Steams toward (lat, lon) at kn, a report every 180 s, for at most
 * max_s seconds or until within stop_km. */
static void steam(struct voyage *v, double lat, double lon, double kn, int64_t max_s,
                  double stop_km)
{
    int64_t end = v->t + max_s;
    while (v->t < end) {
        double d = psec_geo_km(v->lat, v->lon, lat, lon);
        double step = kn * 1.852 * 180 / 3600.0;
        if (d <= stop_km)
            break;
        if (step > d)
            step = d;
        v->lat += (lat - v->lat) * step / d;
        v->lon += (lon - v->lon) * step / d;
        v->t += 180;
        add(v, kn);
    }
}

static void stay(struct voyage *v, int64_t secs)
{
    int64_t end = v->t + secs;
    while (v->t < end) {
        v->t += 180;
        add(v, 0.0);
    }
}

static struct psec_portset *two_ports(void)
{
    struct psec_portset *ps = psec_portset_new();
    struct psec_track_opts o;
    struct psec_err e = {0};
    psec_track_opts_default(&o);
    assert_int_equal(psec_portset_add_port(ps, "AAAAA", "AA", 10.0, 20.0, 0, &e), 0);
    assert_int_equal(psec_portset_add_port(ps, "BBBBB", "BB", 12.0, 23.0, 0, &e), 0);
    /* A distant port so that the grid has more than the two. */
    assert_int_equal(psec_portset_add_port(ps, "CCCCC", "CC", -30.0, 150.0, 0, &e), 0);
    assert_int_equal(psec_portset_build(ps, &o, &e), 0);
    return ps;
}

static void build_voyage(struct voyage *v)
{
    memset(v, 0, sizeof *v);
    v->t = T0;
    v->lat = 9.7;
    v->lon = 20.0;
    add(v, 12);
    steam(v, 10.0, 20.0, 12, 10 * 3600, 0.3);      /* approach AAAAA */
    stay(v, 10 * 3600);                            /* alongside */
    steam(v, 12.0, 23.0, 12, 7 * 3600, 0.3);       /* leave, 7 h at sea */
    /* Dark for 14 h; reappears 14 h x 6 kn further on. */
    {
        double d = psec_geo_km(v->lat, v->lon, 12.0, 23.0), step = 14 * 6 * 1.852;
        v->lat += (12.0 - v->lat) * step / d;
        v->lon += (23.0 - v->lon) * step / d;
        v->t += 14 * 3600;
        add(v, 12);
    }
    steam(v, 12.0, 23.0, 12, 30 * 3600, 0.3);      /* on to BBBBB */
    stay(v, 5 * 3600);
    steam(v, 13.0, 23.0, 12, 2 * 3600, 0.1);       /* leave */
}

static void test_synthetic_voyage(void **state)
{
    struct psec_portset *ps = two_ports();
    struct psec_track_opts o;
    struct psec_track_result r = {0};
    struct psec_err e = {0};
    struct voyage v;
    size_t n0;
    (void)state;
    psec_track_opts_default(&o);
    build_voyage(&v);
    n0 = v.n;
    /* Every tenth report heard twice, and the file out of order. */
    for (size_t i = 0; i < n0; i += 10) {
        int64_t t = v.t;
        v.t = v.p[i].t;
        double la = v.lat, lo = v.lon;
        v.lat = v.p[i].lat;
        v.lon = v.p[i].lon;
        add(&v, v.p[i].sog);
        v.t = t;
        v.lat = la;
        v.lon = lo;
    }
    for (size_t i = 0; i + 1 < v.n; i += 7) {
        struct psec_track_point t = v.p[i];
        v.p[i] = v.p[v.n - 1 - i];
        v.p[v.n - 1 - i] = t;
    }
    assert_int_equal(psec_track_analyse(ps, &o, v.p, v.n, &r, &e), 0);
    assert_int_equal(r.duplicates, (n0 + 9) / 10);
    assert_int_equal(r.positions, n0);
    assert_int_equal(r.ncalls, 2);
    assert_string_equal(r.calls[0].locode, "AAAAA");
    assert_string_equal(r.calls[1].locode, "BBBBB");
    for (int i = 0; i < 2; i++) {
        assert_true(r.calls[i].entry);
        assert_true(r.calls[i].exit);
        assert_true(r.calls[i].stop);
        assert_false(r.calls[i].gap);
        assert_int_equal(r.calls[i].confidence, 4);
    }
    /* Stopped about 10 h and 5 h. */
    assert_true(fabs(r.calls[0].stop_s / 3600.0 - 10.0) < 0.2);
    assert_true(fabs(r.calls[1].stop_s / 3600.0 - 5.0) < 0.2);
    assert_int_equal(r.ngaps, 1);
    assert_int_equal(r.gaps[0].end - r.gaps[0].start, 14 * 3600);
    assert_int_equal(r.gaps[0].kind, PSEC_GAP_DARK);
    assert_false(r.gaps[0].in_port);
    assert_true(r.gaps[0].prior_positions >= 14);
    assert_true(fabs(r.gaps[0].knots - 6.0) < 0.1);
    assert_true(fabs(r.gaps[0].km - 14 * 6 * 1.852) < 0.5);
    psec_track_result_free(&r);
    free(v.p);
    psec_portset_free(ps);
}

static void test_gap_kinds(void **state)
{
    struct psec_portset *ps = two_ports();
    struct psec_track_opts o;
    struct psec_track_result r = {0};
    struct psec_err e = {0};
    struct psec_track_point p[4] = {
        {T0, 5.0, 5.0, 10},                 /* at sea, poorly received before */
        {T0 + 13 * 3600, 5.5, 5.0, 10},     /* 13 h: a gap, but no evidence */
        {T0 + 16 * 3600, 5.6, 5.0, 10},     /* 3 h: no gap */
        {T0 + 23 * 3600, 5.7, 5.0, 10},     /* 7 h: a gap */
    };
    (void)state;
    psec_track_opts_default(&o);
    assert_int_equal(psec_track_analyse(ps, &o, p, 4, &r, &e), 0);
    assert_int_equal(r.ncalls, 0);
    assert_int_equal(r.ngaps, 2);
    assert_int_equal(r.gaps[0].kind, PSEC_GAP);
    assert_int_equal(r.gaps[0].prior_positions, 1);
    assert_int_equal(r.gaps[1].kind, PSEC_GAP);
    psec_track_result_free(&r);
    psec_portset_free(ps);
}

static void test_in_port_gap_and_hysteresis(void **state)
{
    struct psec_portset *ps = two_ports();
    struct psec_track_opts o;
    struct psec_track_result r = {0};
    struct psec_err e = {0};
    /* 3.5 km from AAAAA (between entry 3 and exit 4 km): only counts as in
     * port once entered. The vessel enters, goes silent 5 h in port (no
     * stop reported), drifts to 3.5 km, then leaves. */
    double km35 = 3.5 / 111.2;
    struct psec_track_point p[] = {
        {T0, 10.0 - km35, 20.0, 8},            /* 3.5 km: not entered */
        {T0 + 600, 10.0 - 0.01, 20.0, 8},      /* 1.1 km: entered */
        {T0 + 600 + 5 * 3600, 10.0, 20.0, 8},  /* 5 h silence in port */
        {T0 + 7 * 3600, 10.0 - km35, 20.0, 8}, /* 3.5 km: still in port */
        {T0 + 7 * 3600 + 600, 9.9, 20.0, 8},   /* 11 km: left */
    };
    (void)state;
    psec_track_opts_default(&o);
    assert_int_equal(psec_track_analyse(ps, &o, p, 5, &r, &e), 0);
    assert_int_equal(r.ncalls, 1);
    assert_int_equal(r.calls[0].arrival, T0 + 600);
    assert_int_equal(r.calls[0].departure, T0 + 7 * 3600);
    assert_true(r.calls[0].gap);
    assert_false(r.calls[0].stop);
    assert_int_equal(r.calls[0].confidence, 4);
    assert_int_equal(r.calls[0].positions, 3);
    psec_track_result_free(&r);
    psec_portset_free(ps);
}

static void test_areas(void **state)
{
    struct psec_portset *ps = psec_portset_new();
    struct psec_track_opts o;
    struct psec_err e = {0};
    double km;
    /* A 20 km square with a 2 km hole, around port SQ; a circle port CI
     * inside the square near its edge, and an overlapping square OV. */
    double lat[] = {0.0, 0.0, 0.2, 0.2, 0.09, 0.09, 0.11, 0.11};
    double lon[] = {0.0, 0.2, 0.2, 0.0, 0.09, 0.11, 0.11, 0.09};
    size_t rings[] = {4, 4};
    double lat2[] = {0.15, 0.15, 0.3, 0.3}, lon2[] = {0.15, 0.3, 0.3, 0.15};
    size_t rings2[] = {4};
    (void)state;
    psec_track_opts_default(&o);
    assert_int_equal(psec_portset_add_port(ps, "SQSQS", "SQ", 0.05, 0.05, 0, &e), 0);
    assert_int_equal(psec_portset_add_area(ps, "SQSQS", "SQ", lat, lon, rings, 2, &e), 0);
    assert_int_equal(psec_portset_add_area(ps, "OVOVO", "OV", lat2, lon2, rings2, 1, &e), 0);
    assert_int_equal(psec_portset_add_port(ps, "CICIC", "CI", 0.5, 0.5, 2.0, &e), 0);
    assert_int_not_equal(psec_portset_add_area(ps, "BAD", "", lat, lon, (size_t[]){2}, 1, &e), 0);
    assert_int_equal(psec_portset_build(ps, &o, &e), 0);
    assert_int_equal(psec_portset_locate(ps, -1, 0.05, 0.05, &km), 0);
    assert_int_equal(psec_portset_locate(ps, -1, 0.10, 0.10, &km), -1);   /* in the hole */
    assert_int_equal(psec_portset_locate(ps, -1, 0.25, 0.25, &km), 1);    /* only OV */
    /* In both squares: OV's centre (0.225) is nearer than SQ's port (0.05). */
    assert_int_equal(psec_portset_locate(ps, -1, 0.18, 0.18, &km), 1);
    assert_int_equal(psec_portset_locate(ps, -1, 0.16, 0.16, &km), 1);
    assert_int_equal(psec_portset_locate(ps, -1, 0.14, 0.14, &km), 0);  /* SQ only */
    assert_int_equal(psec_portset_locate(ps, -1, -0.01, 0.05, &km), -1);
    /* Circle with a 2 km override: entry 2 km, exit 2.67 km. */
    assert_int_equal(psec_portset_locate(ps, -1, 0.5 + 2.3 / 111.2, 0.5, &km), -1);
    assert_int_equal(psec_portset_locate(ps, 2, 0.5 + 2.3 / 111.2, 0.5, &km), 2);
    assert_int_equal(psec_portset_locate(ps, 2, 0.5 + 2.9 / 111.2, 0.5, &km), -1);
    psec_portset_free(ps);
}

static void test_compare(void **state)
{
    struct psec_portset *ps = two_ports();
    struct psec_track_opts o;
    struct psec_track_result r = {0};
    struct psec_compare c = {0};
    struct psec_err e = {0};
    struct voyage v;
    int64_t *times;
    struct psec_declared_call d[4];
    (void)state;
    psec_track_opts_default(&o);
    build_voyage(&v);
    assert_int_equal(psec_track_analyse(ps, &o, v.p, v.n, &r, &e), 0);
    times = malloc(r.positions * sizeof *times);
    for (size_t i = 0; i < r.positions; i++)
        times[i] = v.p[i].t;
    memset(d, 0, sizeof d);
    /* Declared at AAAAA a few hours off: confirmed (within 24 h). */
    snprintf(d[0].locode, sizeof d[0].locode, "%s", "AAAAA");
    d[0].arrival = r.calls[0].arrival + 6 * 3600;
    d[0].departure = r.calls[0].departure + 12 * 3600;
    /* Declared at CCCCC while AIS shows BBBBB: contradicted. */
    snprintf(d[1].locode, sizeof d[1].locode, "%s", "CCCCC");
    d[1].arrival = r.calls[1].arrival + 600;
    d[1].departure = r.calls[1].departure - 600;
    /* Declared at DDDDD during the dark gap: not observable. */
    snprintf(d[2].locode, sizeof d[2].locode, "%s", "DDDDD");
    d[2].arrival = r.gaps[0].start + 3600;
    d[2].departure = r.gaps[0].end - 3600;
    /* Declared at EEEEE while AIS shows the ship at sea: contradicted. */
    snprintf(d[3].locode, sizeof d[3].locode, "%s", "EEEEE");
    d[3].arrival = r.calls[0].departure + 3 * 3600;
    d[3].departure = r.calls[0].departure + 5 * 3600;
    assert_int_equal(psec_track_compare(d, 4, r.calls, r.ncalls, r.gaps, r.ngaps, times,
                                        r.positions, T0, T0 + 10 * 86400, &c, &e),
                     0);
    assert_int_equal(c.nchecks, 4);
    assert_int_equal(c.checks[0].status, PSEC_DECL_CONFIRMED);
    assert_int_equal(c.checks[0].call, 0);
    assert_int_equal(c.checks[1].status, PSEC_DECL_CONTRADICTED);
    assert_int_equal(c.checks[1].call, 1);
    assert_non_null(strstr(c.checks[1].reason, "BBBBB"));
    assert_int_equal(c.checks[2].status, PSEC_DECL_NOT_OBSERVABLE);
    assert_int_equal(c.checks[3].status, PSEC_DECL_CONTRADICTED);
    assert_true(c.checks[3].positions > 0);
    assert_int_equal(c.nundeclared, 1);
    assert_int_equal(c.undeclared[0], 1);
    assert_int_equal(c.ngaps, 1);
    assert_string_equal(psec_decl_status_name(c.checks[2].status), "not-observable");
    psec_compare_free(&c);
    psec_track_result_free(&r);
    free(times);
    free(v.p);
    psec_portset_free(ps);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_synthetic_voyage),
        cmocka_unit_test(test_gap_kinds),
        cmocka_unit_test(test_in_port_gap_and_hysteresis),
        cmocka_unit_test(test_areas),
        cmocka_unit_test(test_compare),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
