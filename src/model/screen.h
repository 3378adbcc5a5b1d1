/*
 * screen.h — a Notice of Arrival as plain data, and the screening rule:
 * do conditions of entry apply (which calls, why, what must the ship do),
 * and the targeting points and priority beside it.
 *
 * Rules: the last five port calls are the five most recent by departure,
 * transits left out; conditions apply when the country of one of them is
 * on the list in force on the ETA day, unless the call was at a facility
 * excepted on that day; "direct" when the most recent call triggers.
 * Port calls that AIS observed but the NOA did not declare take part like
 * declared ones (they are the ship's real calls), with their evidence named.
 *
 * Pure: fixed-size records, no allocation, no I/O, no clock.
 */
#ifndef PORTSEC_MODEL_SCREEN_H
#define PORTSEC_MODEL_SCREEN_H

#include <stdbool.h>
#include <stdint.h>

#include "base/limits.h"
#include "model/advisory.h"
#include "model/targeting.h"

#define PSEC_SCREEN_LAST 5          /* the COE look-back: last five port calls */
#define PSEC_SCREEN_WARNINGS 24
#define PSEC_WARNING_MAX 240

struct psec_noa_call {
    char port[6];                   /* UN/LOCODE */
    char country[3];                /* from the registry, or the LOCODE prefix */
    bool port_known;                /* the registry knows the port */
    char facility[64];              /* IMO number or name; "" when not given */
    char purpose[24];               /* "" when not given */
    bool transit;                   /* purpose "transit": not a port call */
    bool observed;                  /* not declared: a port call AIS saw, added as evidence */
    int64_t arrival, departure;     /* seconds since 1970 */
};

struct psec_noa {
    char noa_id[64];
    char imo[8];                    /* 7 digits, check digit verified */
    char mmsi[10];                  /* "" or 9 digits */
    char name[128];
    char flag[3];                   /* alpha-2 or "" */
    char type[64];
    char rso[128];
    char owner[128];
    char operator_name[128];
    char charterer[128];
    int built;                      /* 0 unknown */
    char arrival_port[6];
    int64_t eta;
    /* Declared calls first; undeclared AIS calls (observed) after them. */
    struct psec_noa_call calls[PSEC_NOA_MAX_CALLS + PSEC_AIS_EVIDENCE_CALLS];
    int ncalls;
    char warnings[PSEC_SCREEN_WARNINGS][PSEC_WARNING_MAX];
    int nwarnings;
};

/* A call listed in the result: it triggers, would but for an exception, or might. */
struct psec_coe_call {
    int call;                       /* index into noa->calls */
    int status;                     /* PSEC_TRI_YES triggers; NO = excepted; UNCERTAIN */
    bool excepted;
    const struct psec_coe_change *since;       /* the country's listing */
    const struct psec_coe_change *exception;   /* the exception, when excepted or uncertain by it */
    char reason[320];
};

struct psec_screen_result {
    int coe;                        /* enum psec_tri: applies / does-not-apply / uncertain */
    bool direct;
    int last[PSEC_SCREEN_LAST];     /* indexes into noa->calls, most recent first */
    int nlast;
    struct psec_coe_call calls[PSEC_SCREEN_LAST];
    int ncalls;
    struct psec_target_result target;
    char warnings[PSEC_SCREEN_WARNINGS][PSEC_WARNING_MAX];
    int nwarnings;
};

/* Adds a warning (dropped silently past the cap: the first ones matter most). */
void psec_noa_warn(struct psec_noa *n, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void psec_screen_warn(struct psec_screen_result *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Fills last[] with the last five calls by departure, transits left out. */
void psec_screen_last_five(const struct psec_noa *n, int last[PSEC_SCREEN_LAST], int *nlast);

/* "applies", "does-not-apply", "uncertain". */
const char *psec_coe_status_name(int tri);

/*
 * Screens a NOA. history may be NULL fields (no actions, no exams: an
 * unknown vessel). The result borrows pointers into set and matrix.
 */
void psec_screen(const struct psec_noa *n, const struct psec_coe_set *set,
                 const struct psec_matrix *m, const struct psec_vessel_action *actions,
                 size_t nactions, const struct psec_vessel_exam *exams, size_t nexams,
                 struct psec_screen_result *r);

#endif
