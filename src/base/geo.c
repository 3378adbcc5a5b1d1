/*
 * geo.c — haversine distance and a compressed fixed-cell grid.
 *
 * The grid stores point ids sorted by cell (compressed-row layout), so a
 * query reads a few contiguous runs. Longitude wraps at the antimeridian;
 * near the poles a query widens to every column.
 */
#include <math.h>
#include <stdlib.h>

#include "base/geo.h"

#define DEG2RAD (M_PI / 180.0)
#define KM_PER_DEG (PSEC_EARTH_KM * DEG2RAD)

struct psec_grid {
    double cell;
    int rows, cols;
    const double *lat, *lon;   /* borrowed: the caller's arrays outlive the grid */
    uint32_t *start;           /* rows*cols + 1 offsets into ids */
    uint32_t *ids;
};

bool psec_lat_valid(double lat) { return isfinite(lat) && lat >= -90.0 && lat <= 90.0; }
bool psec_lon_valid(double lon) { return isfinite(lon) && lon >= -180.0 && lon <= 180.0; }

double psec_geo_km(double lat1, double lon1, double lat2, double lon2)
{
    double dlat = (lat2 - lat1) * DEG2RAD, dlon = (lon2 - lon1) * DEG2RAD;
    double a = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * DEG2RAD) * cos(lat2 * DEG2RAD) * sin(dlon / 2) * sin(dlon / 2);
    return 2 * PSEC_EARTH_KM * asin(fmin(1.0, sqrt(a)));
}

static int row_of(const struct psec_grid *g, double lat)
{
    int r = (int)floor((lat + 90.0) / g->cell);
    return r < 0 ? 0 : r >= g->rows ? g->rows - 1 : r;
}

static int col_of(const struct psec_grid *g, double lon)
{
    int c = (int)floor((lon + 180.0) / g->cell);
    c %= g->cols;
    return c < 0 ? c + g->cols : c;
}

struct psec_grid *psec_grid_new(const double *lat, const double *lon, size_t n,
                                double cell_deg)
{
    struct psec_grid *g = calloc(1, sizeof *g);
    size_t ncell;

    if (g == NULL)
        return NULL;
    g->cell = cell_deg;
    g->rows = (int)ceil(180.0 / cell_deg);
    g->cols = (int)ceil(360.0 / cell_deg);
    g->lat = lat;
    g->lon = lon;
    ncell = (size_t)g->rows * (size_t)g->cols;
    g->start = calloc(ncell + 1, sizeof *g->start);
    g->ids = malloc((n ? n : 1) * sizeof *g->ids);
    if (g->start == NULL || g->ids == NULL) {
        psec_grid_free(g);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        g->start[(size_t)row_of(g, lat[i]) * g->cols + col_of(g, lon[i]) + 1]++;
    for (size_t c = 0; c < ncell; c++)
        g->start[c + 1] += g->start[c];
    {
        uint32_t *fill = malloc((ncell + 1) * sizeof *fill);
        if (fill == NULL) {
            psec_grid_free(g);
            return NULL;
        }
        for (size_t c = 0; c <= ncell; c++)
            fill[c] = g->start[c];
        for (size_t i = 0; i < n; i++) {
            size_t c = (size_t)row_of(g, lat[i]) * g->cols + col_of(g, lon[i]);
            g->ids[fill[c]++] = (uint32_t)i;
        }
        free(fill);
    }
    return g;
}

void psec_grid_free(struct psec_grid *g)
{
    if (g == NULL)
        return;
    free(g->start);
    free(g->ids);
    free(g);
}

void psec_grid_within(const struct psec_grid *g, double lat, double lon, double km,
                      int (*fn)(void *ctx, size_t id, double km), void *ctx)
{
    double dlat = km / KM_PER_DEG;
    double lat_lo = lat - dlat, lat_hi = lat + dlat;
    double coslat = cos(fmin(89.999, fmax(fabs(lat_lo), fabs(lat_hi))) * DEG2RAD);
    double dlon = km / (KM_PER_DEG * coslat);
    int r0 = row_of(g, lat_lo), r1 = row_of(g, lat_hi);
    int ncol, c0;

    if (dlon >= 180.0 || lat_hi >= 90.0 || lat_lo <= -90.0) {
        c0 = 0;
        ncol = g->cols;
    } else {
        c0 = col_of(g, lon - dlon);
        ncol = (int)floor((lon + dlon + 180.0) / g->cell) -
               (int)floor((lon - dlon + 180.0) / g->cell) + 1;
        if (ncol > g->cols)
            ncol = g->cols;
    }
    for (int r = r0; r <= r1; r++) {
        for (int k = 0; k < ncol; k++) {
            size_t c = (size_t)r * g->cols + (size_t)((c0 + k) % g->cols);
            for (uint32_t j = g->start[c]; j < g->start[c + 1]; j++) {
                uint32_t id = g->ids[j];
                double d = psec_geo_km(lat, lon, g->lat[id], g->lon[id]);
                if (d <= km && fn(ctx, id, d) != 0)
                    return;
            }
        }
    }
}

struct nearest {
    size_t id;
    double km;
    bool found;
};

static int take_nearest(void *ctx, size_t id, double km)
{
    struct nearest *n = ctx;
    if (!n->found || km < n->km || (km == n->km && id < n->id)) {
        n->id = id;
        n->km = km;
        n->found = true;
    }
    return 0;
}

bool psec_grid_nearest(const struct psec_grid *g, double lat, double lon, double max_km,
                       size_t *id, double *km)
{
    struct nearest n = { 0, 0, false };

    psec_grid_within(g, lat, lon, max_km, take_nearest, &n);
    if (n.found) {
        *id = n.id;
        *km = n.km;
    }
    return n.found;
}
