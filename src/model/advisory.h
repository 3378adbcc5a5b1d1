/*
 * advisory.h — Port Security Advisories as dated changes, and the replay
 * that answers "was country X (or facility Y) under conditions of entry on
 * day D?" with yes, no or uncertain.
 *
 * A change carries the interval in which it took effect: [not_before, by]
 * in days since 1970. An exact effective date has not_before == by. A
 * question about a day inside an unknown interval gets PSEC_TRI_UNCERTAIN:
 * the rule never guesses a date the sources do not give.
 *
 * Pure: no I/O, no clock. The set owns its arrays (psec_coe_set_free()).
 * Reading the JSON data file lives in src/app/advisory.c.
 */
#ifndef PORTSEC_MODEL_ADVISORY_H
#define PORTSEC_MODEL_ADVISORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "portsec/error.h"

enum psec_coe_action {
    PSEC_COE_ADD_COUNTRY,
    PSEC_COE_REMOVE_COUNTRY,
    PSEC_COE_ADD_EXCEPTION,
    PSEC_COE_REMOVE_EXCEPTION
};

/* How sure the sources are. "assumed" is the label for anything the
 * reference marks not confirmed; it is shown as such in every output. */
enum psec_confidence {
    PSEC_CONF_CONFIRMED,
    PSEC_CONF_PARTLY,
    PSEC_CONF_ASSUMED
};

enum psec_tri {
    PSEC_TRI_NO = 0,
    PSEC_TRI_YES = 1,
    PSEC_TRI_UNCERTAIN = 2
};

struct psec_coe_change {
    int action;                     /* enum psec_coe_action */
    char country[3];                /* ISO alpha-2 */
    char country_name[96];          /* for display; may be "" */
    char facility[16];              /* IMO port facility number; "" when none printed */
    char facility_name[160];        /* exceptions: name as printed */
    int64_t not_before, by;         /* days since 1970; equal for an exact date */
    char basis[32];                 /* add_country: "assessment" | "state-sponsor-of-terrorism" */
    int confidence;                 /* enum psec_confidence */
    char last_confirmed[11];        /* exceptions: "YYYY", "YYYY-MM" or "YYYY-MM-DD"; may be "" */
    char note[256];
    int advisory;                   /* index into psec_coe_set.adv */
};

struct psec_advisory {
    char id[96];                    /* "PSA 2-19", or a descriptive id where no number is known */
    char number[16];                /* "2-19" or "" */
    char issued[11];                /* "YYYY", "YYYY-MM" or "YYYY-MM-DD" as known */
    char title[200];
    char source[300];
    char refs[128];                 /* source keys, comma-separated: "S40,S44" */
};

struct psec_coe_text {
    int number;                     /* conditions: 1..7; enforcement notes: 0 */
    char text[512];
    int confidence;
};

struct psec_coe_set {
    struct psec_advisory *adv;
    size_t nadv, capadv;
    struct psec_coe_change *ch;     /* sorted by (country, not_before, by) after psec_coe_set_sort() */
    size_t nch, capch;
    struct psec_coe_text cond[16];
    int ncond;
    struct psec_coe_text enf[16];
    int nenf;
};

/* The answer of a replay, with what it rests on (pointers borrowed from the set). */
struct psec_coe_state {
    int state;                              /* enum psec_tri */
    const struct psec_coe_change *since;    /* the add in effect (YES), or the possible add (UNCERTAIN) */
    const struct psec_coe_change *pending;  /* UNCERTAIN: the change whose day is unknown */
};

const char *psec_confidence_name(int c);
/* Parses "confirmed", "partly", "assumed" ("not confirmed" is read as assumed). */
bool psec_confidence_parse(const char *s, int *out);
const char *psec_coe_action_name(int a);
bool psec_coe_action_parse(const char *s, int *out);
const char *psec_tri_name(int t);   /* "yes", "no", "uncertain" */

void psec_coe_set_init(struct psec_coe_set *s);
void psec_coe_set_free(struct psec_coe_set *s);

/* Appends an advisory; returns its index, or -1 when out of memory. */
int psec_coe_set_add_advisory(struct psec_coe_set *s, const struct psec_advisory *a);
/* Checks and appends a change (c->advisory must be a valid index). On a
 * bad change returns PSEC_E_INVALID saying why (no path: the caller adds it). */
int psec_coe_set_add_change(struct psec_coe_set *s, const struct psec_coe_change *c,
                            struct psec_err *e);
/* Sorts the changes for replay. Call after the last add. */
void psec_coe_set_sort(struct psec_coe_set *s);

/* Index of an advisory by id, or -1. */
int psec_coe_set_find_advisory(const struct psec_coe_set *s, const char *id);

/* Is country cc on the list on day? */
void psec_coe_country_on(const struct psec_coe_set *s, const char *cc, int64_t day,
                         struct psec_coe_state *out);

/* Is the facility (an IMO number or a name, matched case-insensitively
 * against the exceptions of country cc) excepted on day? NO when no
 * exception names it. */
void psec_coe_exception_on(const struct psec_coe_set *s, const char *cc, const char *facility,
                           int64_t day, struct psec_coe_state *out);

/* Calls fn for every distinct country that is YES or UNCERTAIN on day, in
 * alpha-2 order. */
void psec_coe_list_on(const struct psec_coe_set *s, int64_t day,
                      void (*fn)(void *ctx, const char *cc, const struct psec_coe_state *st),
                      void *ctx);

/* Calls fn for every distinct exception of country cc (cc NULL: all) that
 * is YES or UNCERTAIN on day. The change passed is the add of that exception. */
void psec_coe_exceptions_on(const struct psec_coe_set *s, const char *cc, int64_t day,
                            void (*fn)(void *ctx, const struct psec_coe_change *add,
                                       const struct psec_coe_state *st),
                            void *ctx);

/* "2019-04-12", or "between 2020-12-23 and 2025-03-19" (buf >= 40). */
char *psec_coe_when(const struct psec_coe_change *c, char *buf, size_t size);

#endif
