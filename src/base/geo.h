/*
 * geo.h — great-circle distance and a fixed-cell spatial grid for finding
 * points near a position without scanning all of them.
 */
#ifndef PORTSEC_BASE_GEO_H
#define PORTSEC_BASE_GEO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PSEC_EARTH_KM 6371.0088

bool psec_lat_valid(double lat);
bool psec_lon_valid(double lon);

/* Haversine distance in kilometres. */
double psec_geo_km(double lat1, double lon1, double lat2, double lon2);

/*
 * A grid of cells of cell_deg degrees. Points are ids (caller's indexes)
 * with positions. Build once, query many times; not thread-safe to build,
 * safe to query from several threads.
 */
struct psec_grid;

/* Returns a new grid over n points; free with psec_grid_free(). */
struct psec_grid *psec_grid_new(const double *lat, const double *lon, size_t n,
                                double cell_deg);
void psec_grid_free(struct psec_grid *g);

/* Calls fn for every point within km of (lat, lon), in no order.
 * fn returns non-zero to stop. Distances are exact (haversine). */
void psec_grid_within(const struct psec_grid *g, double lat, double lon, double km,
                      int (*fn)(void *ctx, size_t id, double km), void *ctx);

/* Nearest point within max_km; returns false when none. */
bool psec_grid_nearest(const struct psec_grid *g, double lat, double lon, double max_km,
                       size_t *id, double *km);

#endif
