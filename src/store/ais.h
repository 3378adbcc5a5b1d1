/*
 * ais.h (store) — persistence of AIS vessels, track points, derived port
 * calls and gaps, and port-area polygons (migration 0004). Writes are
 * keyed so that storing the same data twice changes nothing.
 */
#ifndef PORTSEC_STORE_AIS_H
#define PORTSEC_STORE_AIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "ais/track.h"
#include "store/db.h"

/* Identity from types 5, 19, 24 or a CSV row; unknown fields are 0/""/NAN
 * (shiptype and dimensions -1) and leave what is stored alone. */
struct psec_ais_static {
    uint32_t mmsi;
    int64_t imo;
    char name[36];
    char callsign[16];
    int shiptype;
    int to_bow, to_stern, to_port, to_starboard;
    double draught;
    char destination[24];
};

void psec_ais_static_init(struct psec_ais_static *s, uint32_t mmsi);

int psec_store_ais_vessel_put(struct psec_db *db, const struct psec_ais_static *v,
                              struct psec_err *e);

/* Stores a track point; *inserted says whether it was new. */
int psec_store_ais_point_put(struct psec_db *db, uint32_t mmsi, int64_t t, double lat,
                             double lon, double sog, double cog, int msg_type, bool *inserted,
                             struct psec_err *e);

/* Creates the vessel row when missing and sets first/last seen and the
 * number of stored positions (as counted by the caller from its points). */
int psec_store_ais_vessel_seen(struct psec_db *db, uint32_t mmsi, int64_t first, int64_t last,
                               int64_t positions, struct psec_err *e);

/* Points of a vessel in [from, to], by time. *pts is new (free()). */
int psec_store_ais_points(struct psec_db *db, uint32_t mmsi, int64_t from, int64_t to,
                          struct psec_track_point **pts, size_t *n, struct psec_err *e);

/* Replaces the vessel's calls and gaps by those in r. */
int psec_store_ais_derived_put(struct psec_db *db, uint32_t mmsi,
                               const struct psec_track_result *r, struct psec_err *e);

/* Loads the registry's ports with a position and the port areas into ps
 * (not built). */
int psec_store_ais_portset_load(struct psec_db *db, struct psec_portset *ps,
                                struct psec_err *e);

int psec_store_port_area_put(struct psec_db *db, const char *key, const char *locode,
                             const char *name, const char *source, const char *geometry,
                             double minlat, double maxlat, double minlon, double maxlon,
                             struct psec_err *e);

/* MMSIs recorded for an IMO number (up to max). */
int psec_store_ais_mmsi_for_imo(struct psec_db *db, int64_t imo, int64_t *mmsi, size_t max,
                                size_t *n, struct psec_err *e);

/* Rows as JSON arrays (times as UTC seconds; the app formats them). */
/* True when any AIS vessel is stored (screening skips its AIS look-up
 * otherwise). */
bool psec_store_ais_any(struct psec_db *db);

json_t *psec_store_ais_calls(struct psec_db *db, uint32_t mmsi, int64_t from, int64_t to,
                             struct psec_err *e);
json_t *psec_store_ais_gaps(struct psec_db *db, uint32_t mmsi, int64_t from, int64_t to,
                            struct psec_err *e);
json_t *psec_store_ais_vessel_get(struct psec_db *db, uint32_t mmsi, struct psec_err *e);

#endif
