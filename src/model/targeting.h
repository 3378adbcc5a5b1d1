/*
 * targeting.h — the ISPS/MTSA security targeting matrix as versioned data,
 * and the scoring of one arrival against it.
 *
 * Columns: ship management, flag, RSO, security history, last five ports.
 * Points are summed and banded (17+ ISPS I, 7-16 ISPS II, 6 or less ISPS
 * III); lifts (no ISPS exam in 12 months -> at least ISPS II; a call that
 * triggers conditions of entry -> ISPS I) raise the band. Every point and
 * every lift is returned as an item with its reason and the basis
 * (confirmed / assumed) of the rule that gave it.
 *
 * Pure: the ETA is passed in, the lists and history are plain arrays.
 */
#ifndef PORTSEC_MODEL_TARGETING_H
#define PORTSEC_MODEL_TARGETING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "portsec/error.h"

enum psec_priority {
    PSEC_PRIO_III = 0,
    PSEC_PRIO_II = 1,
    PSEC_PRIO_I = 2
};

enum psec_target_kind {
    PSEC_TK_FLAG,
    PSEC_TK_RSO,
    PSEC_TK_COMPANY
};

/* Rule basis: confirmed in a source, or assumed (not confirmed). */
enum psec_basis {
    PSEC_BASIS_CONFIRMED,
    PSEC_BASIS_ASSUMED
};

#define PSEC_DAY_MIN INT64_MIN
#define PSEC_DAY_MAX INT64_MAX

/* One entry of a targeted list, valid on days [from, to]. */
struct psec_target_entry {
    int kind;                   /* enum psec_target_kind */
    char name[128];             /* flag alpha-2, RSO or company name */
    int points;
    int64_t from, to;           /* days; PSEC_DAY_MIN / PSEC_DAY_MAX when open */
    int basis;
    int rev;                    /* list revision that added it (for recomputation) */
    char note[160];
};

struct psec_target_rule {
    char id[24];                /* "flag_above", "no_isps_exam", ... */
    char column[24];
    int points;                 /* 0 for lifts and "listed" */
    bool listed_points;         /* the points come from the list entry */
    double car_above, car_at_least;  /* flag rules; 0 when unused */
    int window_months;
    int lift;                   /* -1 none, else enum psec_priority */
    int basis;
    char text[200];
};

#define PSEC_TARGET_RULES 16

struct psec_matrix {
    char version[48];           /* rules version: "uscg-isps-2025.1" */
    int rev;                    /* list revision in use; entries with rev > this are ignored */
    int band_i, band_ii;        /* 17, 7 */
    int band_basis;
    struct psec_target_rule rules[PSEC_TARGET_RULES];
    int nrules;
    struct psec_target_entry *entries;
    size_t nentries, capentries;
};

struct psec_vessel_action {
    int64_t day;
    char kind[16];              /* detention, expulsion, denial, restriction */
    bool security;              /* ISPS-related */
};

struct psec_vessel_exam {
    int64_t day;
    char kind[8];               /* isps, safety */
};

struct psec_target_input {
    const char *flag;           /* alpha-2 or "" */
    const char *rso;
    const char *owner, *operator_name, *charterer;
    int64_t eta;                /* seconds since 1970 */
    const struct psec_vessel_action *actions;
    size_t nactions;
    const struct psec_vessel_exam *exams;
    size_t nexams;
    int coe;                    /* enum psec_tri of the conditions-of-entry screening */
    const char *coe_reason;     /* the triggering call, for the item's reason */
};

#define PSEC_TARGET_ITEMS 24

struct psec_target_item {
    char column[24];
    char rule[24];
    int points;
    int lift;                   /* -1 or enum psec_priority */
    int basis;
    char reason[256];
};

struct psec_target_result {
    int points;
    int priority;               /* enum psec_priority after lifts */
    int banded;                 /* priority from the points alone */
    struct psec_target_item items[PSEC_TARGET_ITEMS];
    int nitems;
    char version[64];           /* "uscg-isps-2025.1+r3" */
};

const char *psec_priority_name(int p);          /* "ISPS I" */
bool psec_priority_parse(const char *s, int *out);
const char *psec_basis_name(int b);
bool psec_basis_parse(const char *s, int *out);
const char *psec_target_kind_name(int k);
bool psec_target_kind_parse(const char *s, int *out);

void psec_matrix_init(struct psec_matrix *m);
void psec_matrix_free(struct psec_matrix *m);
int psec_matrix_add_rule(struct psec_matrix *m, const struct psec_target_rule *r,
                         struct psec_err *e);
int psec_matrix_add_entry(struct psec_matrix *m, const struct psec_target_entry *t,
                          struct psec_err *e);
const struct psec_target_rule *psec_matrix_rule(const struct psec_matrix *m, const char *id);

/* Points for a flag with a control-action ratio (percent) under the flag
 * rules: 0, 2 (above 1.5) or 7 (at or above 3.0). */
int psec_matrix_flag_points(const struct psec_matrix *m, double car);

/* Band for a point total. */
int psec_matrix_band(const struct psec_matrix *m, int points);

/* Scores an arrival. Never fails: missing data scores nothing. */
void psec_target_score(const struct psec_matrix *m, const struct psec_target_input *in,
                       struct psec_target_result *out);

#endif
