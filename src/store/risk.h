/*
 * risk.h (store) — persistence for risk ranking and planning: coordinating
 * units and their countries, U.S. trade by partner, analyst threat inputs,
 * and the gathering of each country's risk inputs from the tables other
 * features own (assessments, determinations, recommendations, advisories,
 * screenings, AIS port calls) — read only when those tables exist, so a
 * database without them ranks with "no ... data loaded" reasons.
 */
#ifndef PORTSEC_STORE_RISK_H
#define PORTSEC_STORE_RISK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "model/risk.h"
#include "store/db.h"

struct psec_unit {
    char name[128];
    int capacity;                  /* visits per year */
    int max_per_month;
    char home_base[128];
    bool has_home;
    double home_lat, home_lon;
    char notes[512];
    bool demo;
};

/* Inserts or updates a unit by name. */
int psec_store_unit_put(struct psec_db *db, const struct psec_unit *u, struct psec_err *e);
/* By name, case-insensitive. PSEC_E_NOTFOUND naming it when absent. */
int psec_store_unit_get(struct psec_db *db, const char *name, struct psec_unit *out,
                        struct psec_err *e);
/* Every unit with its number of countries: new array, json_decref(). */
json_t *psec_store_unit_list(struct psec_db *db, struct psec_err *e);
/* Assigns a country to a unit (moving it from any other); main_port may be NULL. */
int psec_store_unit_assign(struct psec_db *db, const char *unit, const char *country,
                           const char *main_port, struct psec_err *e);

/* Which optional sources exist in this database. */
struct psec_risk_sources {
    bool assessments;              /* visit (kind 'assessment') */
    bool determinations;
    bool recommendations;
    bool advisories;
    bool screenings;
    bool ais_calls;
    bool trade;                    /* any trade row */
};
int psec_store_risk_sources(struct psec_db *db, struct psec_risk_sources *s, struct psec_err *e);

/*
 * The countries in scope with their registry fields filled (name, region,
 * solas, isps_since): those of unit (assigned, or whose registry "unit"
 * field names it), or of region (region or sub-region, case-insensitive), or
 * all; without a unit, only countries with at least one port. New array in
 * *out (free()), sorted by alpha-2.
 */
int psec_store_risk_countries(struct psec_db *db, const char *unit, const char *region,
                              struct psec_risk_input **out, size_t *n, struct psec_err *e);

/* The country whose ports the program protects: arrivals there are traffic. */
#define PSEC_RISK_HOME "US"

/*
 * Traffic for every country at once: arrivals in the 12 months to as_of at
 * PSEC_RISK_HOME ports whose last five foreign port calls (transits left
 * out) include the country. From stored screenings (the NOA's port_calls)
 * and from AIS port calls (confidence 2 or more). Returns a new object
 * {"SC": {"screenings": 3, "ais": 5}, ...}; json_decref().
 */
json_t *psec_store_risk_traffic(struct psec_db *db, const struct psec_risk_sources *src,
                                int64_t as_of, struct psec_err *e);

/* Fills the rest of in (determination, assessment, CoE, recommendations,
 * trade, traffic from the object above, threat) as of the day as_of. */
int psec_store_risk_fill(struct psec_db *db, const struct psec_risk_sources *src,
                         json_t *traffic, struct psec_risk_input *in, int64_t as_of,
                         struct psec_err *e);

/* The port the planner measures from: the unit assignment's main_port, else
 * the largest port (WPI harbour size) with a position, then by UN/LOCODE.
 * PSEC_E_NOTFOUND when the country has no port with a position. */
int psec_store_main_port(struct psec_db *db, const char *country, char locode[6], double *lat,
                         double *lon, struct psec_err *e);

int psec_store_trade_put(struct psec_db *db, const char *country, int year, double imports,
                         double exports, const char *source, struct psec_err *e);
int psec_store_trade_commodity_put(struct psec_db *db, const char *country, int year,
                                   const char *category, bool has_imports, double imports,
                                   bool has_exports, double exports, const char *source,
                                   struct psec_err *e);
/* Trade rows of a country, newest first, with the commodity breakdown of
 * each year that has one: new array, json_decref(). */
json_t *psec_store_trade_get(struct psec_db *db, const char *country, struct psec_err *e);

int psec_store_threat_add(struct psec_db *db, const char *country, int level, int64_t day,
                          const char *note, bool demo, struct psec_err *e);
/* The threat history of a country, newest first: new array, json_decref(). */
json_t *psec_store_threat_list(struct psec_db *db, const char *country, struct psec_err *e);
/* True when a threat input with exactly these values exists (for idempotent demo loads). */
bool psec_store_threat_exists(struct psec_db *db, const char *country, int64_t day,
                              const char *note);

#endif
