/*
 * risk.h (app) — use cases of risk ranking and visit planning, shared by
 * the CLI and the HTTP server: coordinating units, threat inputs, trade
 * import, the ranking, the yearly plan (JSON or iCalendar), and the loading
 * of the bundled trade file and the demo unit.
 *
 * Every json_t returned is new (json_decref()); NULL means e is set.
 */
#ifndef PORTSEC_APP_RISK_H
#define PORTSEC_APP_RISK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/import.h"
#include "model/plan.h"
#include "model/risk.h"
#include "store/db.h"

/* Reads a weights file (data/risk/weights.json layout): "weights" with a
 * number per component key, optional "parameters". Unknown keys are errors
 * (a typo must not silently weigh 0). Messages name the JSON path. */
int psec_app_risk_weights_load(const char *path, struct psec_risk_weights *w,
                               struct psec_err *e);
/* The weights as JSON {"weights": {...}, "parameters": {...}}. */
json_t *psec_app_risk_weights_json(const struct psec_risk_weights *w);

/* ---- units ---- */
struct psec_unit_spec {
    const char *name;
    int capacity;                  /* >= 0 */
    int max_per_month;             /* 1..31 */
    const char *home_base;         /* may be NULL */
    bool has_home;
    double home_lat, home_lon;
    const char *notes;             /* may be NULL */
};
json_t *psec_app_unit_add(struct psec_db *db, const struct psec_unit_spec *u,
                          struct psec_err *e);
json_t *psec_app_unit_list(struct psec_db *db, struct psec_err *e);
/* One unit with its countries. */
json_t *psec_app_unit_show(struct psec_db *db, const char *name, struct psec_err *e);
/* Assigns countries (codes or names) to a unit; main_port (UN/LOCODE, may be
 * NULL) only with a single country. Returns the unit with its countries. */
json_t *psec_app_unit_assign(struct psec_db *db, const char *unit, const char *const *countries,
                             size_t n, const char *main_port, struct psec_err *e);

/* ---- threat ---- */
/* Records an analyst's threat input (level 0..5, day, note). */
json_t *psec_app_threat_set(struct psec_db *db, const char *country, int level, int64_t day,
                            const char *note, struct psec_err *e);
json_t *psec_app_threat_list(struct psec_db *db, const char *country, struct psec_err *e);

/* ---- trade ---- */
/* Imports a Census trade-by-partner file or a commodity breakdown (told apart
 * by the header) in one transaction; see app/import.h for res and the
 * all-or-nothing rule. Census partners that are no ISO country today are
 * counted in res->unmatched and listed in res->unmatched_list. */
int psec_app_import_trade(struct psec_db *db, const char *path,
                          const struct psec_import_opts *opts, struct psec_import_result *res,
                          struct psec_err *e);
/* Trade of one country by year, with commodity breakdowns. */
json_t *psec_app_trade_show(struct psec_db *db, const char *country, struct psec_err *e);

/* ---- ranking ---- */
struct psec_rank_opts {
    const char *unit;              /* NULL: no unit filter */
    const char *region;            /* NULL: no region filter */
    int64_t as_of;                 /* days since 1970 */
    const char *weights_path;      /* NULL: DATADIR/risk/weights.json, else the defaults */
    const char *datadir;           /* NULL: psec_app_datadir() */
};
/* {"as_of", "unit", "region", "weights", "sources", "countries": [{rank,
 * country, name, region, score, due, overdue, components: {KEY: {score,
 * weight, points, why}}}]} best first. PSEC_E_NOTFOUND for an unknown unit. */
json_t *psec_app_rank(struct psec_db *db, const struct psec_rank_opts *o, struct psec_err *e);

/* ---- plan ---- */
struct psec_plan_opts {
    const char *unit;              /* required */
    int year;
    int capacity;                  /* < 0: the unit's */
    int max_per_month;             /* < 0: the unit's */
    int visit_days;                /* <= 0: default */
    double group_km;               /* < 0: default */
    const struct psec_plan_blackout *blackouts;
    size_t nblackouts;
    int64_t as_of;                 /* for the risk scores */
    const char *weights_path;
    const char *datadir;
};
/* {"unit", "year", "summary", "shortfall", "required", "required_met",
 * "capacity", "slots", "trips", "per_month", "visits": [...],
 * "countries": [{order, country, name, due, included, why, port, score}]} */
json_t *psec_app_plan(struct psec_db *db, const struct psec_plan_opts *o, struct psec_err *e);
/* The same plan as an iCalendar text (free()); dtstamp in UTC seconds. */
char *psec_app_plan_ics(struct psec_db *db, const struct psec_plan_opts *o, int64_t dtstamp,
                        struct psec_err *e);

/* ---- bundled and demo data ---- */
/* Loads DATADIR/trade/ (the Census file and the commodity breakdown) unless
 * already loaded; idempotent. Called by 'portsec init'. Needs the countries
 * loaded first: with none, it loads nothing and marks nothing. */
int psec_app_risk_load_bundled(struct psec_db *db, const char *datadir, struct psec_err *e);
/* Loads DATADIR/units/demo-units.json: the demo unit, its countries and
 * threat inputs (marked demo); idempotent. The countries must exist. */
int psec_app_risk_load_demo(struct psec_db *db, const char *datadir, struct psec_err *e);

#endif
