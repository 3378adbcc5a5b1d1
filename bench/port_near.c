/*
 * port_near.c — times psec_app_port_near() over the whole port registry:
 * 2,000 queries at random positions near real ports (so that every query
 * finds something), 20 km and 100 km radii. Prints the median and the 99th
 * percentile per query. Usage: port_near DB
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "app/registry.h"
#include "store/registry.h"

#define QUERIES 2000

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    struct psec_db *db;
    struct psec_err e = { 0 };
    static double t[QUERIES], lat[QUERIES], lon[QUERIES];
    const double radii[] = { 20, 100 };
    json_t *sample;
    size_t n;

    if (argc != 2) {
        fprintf(stderr, "usage: port_near DB\n");
        return 2;
    }
    if (psec_db_open(&db, argv[1], PSEC_DB_NOCREATE, &e) != PSEC_OK) {
        fprintf(stderr, "port_near: %s\n", e.msg);
        return 1;
    }
    sample = psec_app_port_near(db, 0, 0, 2000, 0, &e);   /* warm the cache */
    json_decref(sample);
    sample = psec_store_port_search(db, "a", NULL, QUERIES, &e);
    n = json_array_size(sample);
    if (n == 0) {
        fprintf(stderr, "port_near: no ports in %s (run portsec init)\n", argv[1]);
        return 1;
    }
    srand(42);
    for (int i = 0; i < QUERIES; i++) {
        json_t *p = json_array_get(sample, (size_t)rand() % n);
        lat[i] = json_real_value(json_object_get(p, "lat")) + (rand() % 200 - 100) / 1000.0;
        lon[i] = json_real_value(json_object_get(p, "lon")) + (rand() % 200 - 100) / 1000.0;
        if (lat[i] > 90 || lat[i] < -90) lat[i] = 0;
        if (lon[i] > 180 || lon[i] < -180) lon[i] = 0;
    }
    for (size_t r = 0; r < sizeof radii / sizeof radii[0]; r++) {
        long found = 0;
        for (int i = 0; i < QUERIES; i++) {
            double t0 = now();
            json_t *out = psec_app_port_near(db, lat[i], lon[i], radii[r], 10, &e);
            t[i] = now() - t0;
            found += (long)json_array_size(out);
            json_decref(out);
        }
        qsort(t, QUERIES, sizeof t[0], cmp);
        printf("port near, %4.0f km: %d queries, median %.3f ms, p99 %.3f ms, "
               "%.1f ports found per query\n", radii[r], QUERIES, t[QUERIES / 2] * 1e3,
               t[QUERIES * 99 / 100] * 1e3, (double)found / QUERIES);
    }
    json_decref(sample);
    psec_db_close(db);
    return 0;
}
