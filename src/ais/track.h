/*
 * track.h — a vessel's positions to port calls and gaps, and declared port
 * calls checked against them. Pure: no I/O, no SQL, no clock (times are
 * UTC seconds passed in), and every answer carries its reasons.
 *
 * Thresholds follow Global Fishing Watch's published port-visit and gap
 * rules (docs/ais.md): enter within 3 km, leave beyond 4 km (or a port-area
 * polygon), a stop starts below 0.2 kn and ends above 0.5 kn, silence in
 * port over 4 h is an in-port gap, every silence of 6 h or more is a gap,
 * and one of 12 h or more is "possible-dark" when the vessel was well
 * received before it (14 positions in the prior 12 h) and away from port.
 */
#ifndef PORTSEC_AIS_TRACK_H
#define PORTSEC_AIS_TRACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "portsec/error.h"

struct psec_track_opts {
    double entry_km;          /* 3: default entry radius around a port position */
    double exit_ratio;        /* 4/3: exit radius = entry radius * this */
    double stop_kn;           /* 0.2: a stop starts below this */
    double move_kn;           /* 0.5: and ends above this */
    int64_t port_gap_s;       /* 4 h: silence in port that makes an in-port gap */
    int64_t gap_s;            /* 6 h: every silence this long is a gap */
    int64_t dark_s;           /* 12 h: gaps this long may be "possible-dark" */
    int64_t dark_prior_s;     /* 12 h: window before a gap for reception evidence */
    int dark_prior_n;         /* 14: positions needed in that window */
};

void psec_track_opts_default(struct psec_track_opts *o);

/* --- ports and port areas ------------------------------------------ */

struct psec_portset;

/* Returns a new empty set, or NULL. Free with psec_portset_free(). */
struct psec_portset *psec_portset_new(void);
void psec_portset_free(struct psec_portset *ps);

/* Adds a port (a circle around its position). radius_km <= 0 means the
 * default entry radius. */
int psec_portset_add_port(struct psec_portset *ps, const char *locode, const char *country,
                          double lat, double lon, double radius_km, struct psec_err *e);

/* Adds a port area: rings of a polygon or multipolygon (even-odd rule over
 * all rings, so holes work), as nrings rings of ring_len[i] points each,
 * lat/lon concatenated. A port with an area is entered and left by the area
 * instead of its circle. locode may name a port added or not. */
int psec_portset_add_area(struct psec_portset *ps, const char *locode, const char *country,
                          const double *lat, const double *lon, const size_t *ring_len,
                          size_t nrings, struct psec_err *e);

/* Builds the spatial indexes; call after the last add, before lookups. */
int psec_portset_build(struct psec_portset *ps, const struct psec_track_opts *o,
                       struct psec_err *e);

size_t psec_portset_count(const struct psec_portset *ps);

/* The port a position is in for a vessel currently in port `current` (-1
 * none). Areas come first: inside the current port's area it stays; inside
 * other areas the nearest (by port position, else area centre) wins. Then
 * circles: it stays in the current circle port while within its exit
 * radius, else the nearest port whose entry radius contains it. Returns the
 * port index or -1; *km is the distance to that port's position. */
int psec_portset_locate(const struct psec_portset *ps, int current, double lat, double lon,
                        double *km);

const char *psec_portset_locode(const struct psec_portset *ps, int i);
const char *psec_portset_country(const struct psec_portset *ps, int i);

/* True when a port position lies within km of (lat, lon), or the point is
 * inside an area. */
bool psec_portset_near(const struct psec_portset *ps, double lat, double lon, double km);

/* --- analysis -------------------------------------------------------- */

struct psec_track_point {
    int64_t t;                /* UTC seconds */
    double lat, lon;
    double sog;               /* knots; NAN when not reported */
};

struct psec_call {
    int port;                 /* index in the port set */
    char locode[8];
    char country[3];
    int64_t arrival, departure;   /* first and last position in port */
    int64_t stop_s;               /* time stopped */
    bool entry, exit;             /* seen arriving from / leaving to sea */
    bool stop, gap;               /* stopped; silent over 4 h in port */
    int confidence;               /* 1..4 (GFW): 1 passed through, not a call */
    int positions;
    char reason[160];
};

enum psec_gap_kind { PSEC_GAP = 0, PSEC_GAP_DARK = 1 };

struct psec_gap {
    int64_t start, end;           /* last position before, first after */
    double lat0, lon0, lat1, lon1;
    double km, knots;             /* distance and implied speed across it */
    double hours;
    enum psec_gap_kind kind;
    int prior_positions;          /* positions in the dark_prior_s before start */
    bool in_port;                 /* started in or near a port */
    char reason[160];
};

struct psec_track_result {
    struct psec_call *calls;
    size_t ncalls;
    struct psec_gap *gaps;
    size_t ngaps;
    size_t positions;             /* used after removing duplicates */
    size_t duplicates;            /* same time and place, e.g. heard by two receivers */
};

/*
 * Sorts pts by time (in place), drops duplicates, and fills res with the
 * calls and gaps. res is caller-owned and must start zeroed; free its
 * arrays with psec_track_result_free(). Returns PSEC_OK or PSEC_E_NOMEM.
 */
int psec_track_analyse(const struct psec_portset *ps, const struct psec_track_opts *o,
                       struct psec_track_point *pts, size_t n, struct psec_track_result *res,
                       struct psec_err *e);
void psec_track_result_free(struct psec_track_result *res);

/* --- declared versus observed ----------------------------------------- */

struct psec_declared_call {
    char locode[8];
    int64_t arrival, departure;   /* departure 0: one day after arrival */
};

enum psec_decl_status {
    PSEC_DECL_CONFIRMED,          /* an AIS call at that port within 24 h of the dates */
    PSEC_DECL_CONTRADICTED,       /* AIS puts the ship elsewhere then */
    PSEC_DECL_NOT_OBSERVABLE      /* no AIS positions around those dates */
};

struct psec_decl_check {
    enum psec_decl_status status;
    int call;                     /* matching or contradicting observed call, or -1 */
    int positions;                /* AIS positions during the declared stay */
    char reason[200];
};

struct psec_compare {
    struct psec_decl_check *checks;   /* one per declared call */
    size_t nchecks;
    int *undeclared;                  /* indexes of observed calls (confidence >= 2) not declared */
    size_t nundeclared;
    int *gaps;                        /* indexes of gaps >= 12 h overlapping the window */
    size_t ngaps;
};

/*
 * Compares declared calls with what AIS shows in [from, to]. times are the
 * sorted position times (coverage). Fills out (caller-owned, zeroed; free
 * with psec_compare_free()). Returns PSEC_OK or PSEC_E_NOMEM.
 */
int psec_track_compare(const struct psec_declared_call *decl, size_t ndecl,
                       const struct psec_call *calls, size_t ncalls,
                       const struct psec_gap *gaps, size_t ngaps, const int64_t *times,
                       size_t ntimes, int64_t from, int64_t to, struct psec_compare *out,
                       struct psec_err *e);
void psec_compare_free(struct psec_compare *c);

const char *psec_decl_status_name(enum psec_decl_status s);

#endif
