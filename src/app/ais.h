/*
 * ais.h (app) — AIS use cases shared by the CLI and the server: decode a
 * stream to JSON lines, ingest NMEA or decoded CSV positions into the
 * database (vessels, track points, port calls, gaps), import port areas,
 * and read a vessel's calls, gaps and track back.
 */
#ifndef PORTSEC_APP_AIS_H
#define PORTSEC_APP_AIS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "ais/ais.h"
#include "ais/track.h"
#include "portsec/error.h"
#include "store/db.h"

/* Decodes in to one JSON object per line on out. rflags: PSEC_AIS_MERGE24;
 * jflags: PSEC_AIS_JSON_*. Fills st. name is used in messages. */
int psec_app_ais_decode(FILE *in, const char *name, FILE *out, unsigned rflags,
                        unsigned jflags, struct psec_ais_stats *st, struct psec_err *e);

/* Stats as a JSON object (new reference). */
json_t *psec_app_ais_stats_json(const struct psec_ais_stats *st);

struct psec_ingest_result {
    struct psec_ais_stats stats;      /* NMEA input */
    uint64_t rows;                    /* CSV input: data rows */
    uint64_t rows_rejected;           /* CSV rows without a usable time or position */
    uint64_t positions;               /* positions read (with time) */
    uint64_t positions_no_time;       /* positions dropped for want of a time */
    uint64_t duplicates;              /* the same report heard twice (dropped) */
    uint64_t points_stored;           /* new track points written */
    uint64_t vessels;                 /* vessels touched */
    uint64_t statics;                 /* identity reports applied (types 5, 19, 24; CSV names) */
    uint64_t calls, gaps, dark;       /* after analysis, for the vessels touched */
    char layout[16];                  /* "nmea", "noaa", "dma", "amsa" */
};

/* Reads NMEA (csv false) or decoded CSV positions (csv true; layout chosen
 * by header) from in, stores vessels and track points (idempotent), then
 * re-derives port calls and gaps of every vessel touched against the
 * registry's ports and loaded port areas. PSEC_E_INVALID when positions
 * carry no time (the message says how to give one). */
int psec_app_ais_ingest(struct psec_db *db, FILE *in, const char *name, bool csv,
                        struct psec_ingest_result *res, struct psec_err *e);
json_t *psec_app_ingest_result_json(const struct psec_ingest_result *r);

/* Imports port-area polygons from a GeoJSON FeatureCollection. Each feature
 * is tied to a registry port by a "locode" property, else by name (the
 * "limit_name"/"name"/"port_key" property) among registry ports near it.
 * Returns a summary {"areas":N, "matched":[...], "unmatched":[...]}. */
json_t *psec_app_port_areas_import(struct psec_db *db, const char *path, struct psec_err *e);

/* A vessel by MMSI (imo 0) or IMO (mmsi 0). from/to bound the times
 * (INT64_MIN / INT64_MAX for none). Arrays of objects (new references). */
json_t *psec_app_vessel_calls(struct psec_db *db, int64_t mmsi, int64_t imo, int64_t from,
                              int64_t to, struct psec_err *e);
json_t *psec_app_vessel_gaps(struct psec_db *db, int64_t mmsi, int64_t imo, int64_t from,
                             int64_t to, struct psec_err *e);
/* AIS identity of a vessel (an array: one IMO may have had several MMSIs):
 * mmsi, imo, name, callsign, shiptype, dimensions, draught, destination,
 * flag (from the MID), first_seen, last_seen, positions. */
json_t *psec_app_ais_vessel(struct psec_db *db, int64_t mmsi, int64_t imo, struct psec_err *e);

/* GeoJSON FeatureCollection: a LineString of the track plus a Point per call. */
json_t *psec_app_vessel_track(struct psec_db *db, int64_t mmsi, int64_t imo, int64_t from,
                              int64_t to, struct psec_err *e);

/*
 * The "ais" section of a screening: each declared call (locode, arrival,
 * departure) checked against the stored AIS calls, gaps and positions of
 * the vessel in [from, to]: {"mmsi":[...], "positions":N, "declared":[{port,
 * arrival, departure, status, reason, ais_call}], "undeclared":[calls],
 * "gaps":[gaps of 12 h or more]}. PSEC_E_NOTFOUND when there is no AIS data
 * for the vessel at all (the caller then leaves the section out).
 */
json_t *psec_app_ais_check(struct psec_db *db, int64_t mmsi, int64_t imo,
                           const struct psec_declared_call *decl, size_t ndecl, int64_t from,
                           int64_t to, struct psec_err *e);

#endif
