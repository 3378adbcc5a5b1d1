/*
 * checklist.h — the ISPS assessment checklist as plain records: sections,
 * items (id, scope, question, references, weight, critical flag) and the
 * four answers an item can get.
 *
 * Pure: no I/O. Reading the catalogue from JSON is src/io/assessment_json.c;
 * the shipped catalogue is data/checklist/isps-checklist-v1.json.
 */
#ifndef PORTSEC_MODEL_CHECKLIST_H
#define PORTSEC_MODEL_CHECKLIST_H

#include <stdbool.h>
#include <stddef.h>

#include "portsec/error.h"

/* The four answers; NONE means "not answered yet" and is never stored. */
enum psec_answer {
    PSEC_ANSWER_NONE = 0,
    PSEC_ANSWER_YES,
    PSEC_ANSWER_NO,
    PSEC_ANSWER_NA,       /* not applicable: left out of score and coverage */
    PSEC_ANSWER_NO_OBS    /* not observed: applicable but not answered */
};

/* What an assessment (or an item) covers. A section may hold both. */
enum psec_scope {
    PSEC_SCOPE_COUNTRY = 1,
    PSEC_SCOPE_FACILITY = 2,
    PSEC_SCOPE_BOTH = 3
};

#define PSEC_CK_ID_MAX      16      /* "LEG-01" */
#define PSEC_CK_SECTION_MAX 32      /* "restricted_areas" */
#define PSEC_CK_REFS        6       /* references of one kind on one item */

struct psec_ck_section {
    char id[PSEC_CK_SECTION_MAX];
    char title[128];
    enum psec_scope scope;
};

struct psec_ck_item {
    char id[PSEC_CK_ID_MAX];
    char section[PSEC_CK_SECTION_MAX];
    int section_index;                       /* filled by psec_checklist_add_item() */
    enum psec_scope scope;                   /* COUNTRY or FACILITY, never BOTH */
    char question[512];
    char isps[PSEC_CK_REFS][24];             /* "A/14.2.2", "B/16.10-16.20" */
    int n_isps;
    char solas[PSEC_CK_REFS][16];            /* "XI-2/10" */
    int n_solas;
    int usc[PSEC_CK_REFS];                   /* 46 U.S.C. 70108(b) elements, 1..6 */
    int n_usc;
    int weight;                              /* 1..3 */
    bool critical;
};

struct psec_checklist {
    char name[64];                           /* "isps-port-security" */
    char version[32];                        /* "1.0.0" */
    char title[128];
    struct psec_ck_section *sections;
    size_t n_sections;
    struct psec_ck_item *items;
    size_t n_items;
};

/* Returns a new empty checklist; free with psec_checklist_free(). */
struct psec_checklist *psec_checklist_new(const char *name, const char *version,
                                          const char *title);
void psec_checklist_free(struct psec_checklist *ck);

/* Adds a section; rejects a duplicate id or too many sections. */
int psec_checklist_add_section(struct psec_checklist *ck, const struct psec_ck_section *s,
                               struct psec_err *e);
/* Adds an item (copied); checks the id is new, the section exists and
 * admits the item's scope, the weight is 1..3, every 70108(b) element is 1..6
 * and there is at least one ISPS reference. */
int psec_checklist_add_item(struct psec_checklist *ck, const struct psec_ck_item *it,
                            struct psec_err *e);

/* Index of an item / section by id, or -1. */
int psec_checklist_item(const struct psec_checklist *ck, const char *id);
int psec_checklist_section(const struct psec_checklist *ck, const char *id);

/* Number of items an assessment of this scope answers. */
size_t psec_checklist_count(const struct psec_checklist *ck, enum psec_scope scope);

/* "YES", "NO", "NA", "NO_OBS" ("" for NONE). */
const char *psec_answer_name(enum psec_answer a);
/* Exact, case-sensitive: the four names only. */
bool psec_answer_parse(const char *s, enum psec_answer *out);

/* "country", "facility", "both". */
const char *psec_scope_name(enum psec_scope s);
bool psec_scope_parse(const char *s, enum psec_scope *out);

/* One line of references: "ISPS A/14.2.2, B/16.10-16.20; SOLAS XI-2/10;
 * 46 U.S.C. 70108(b)(2)". Returns buf. */
char *psec_ck_item_refs(const struct psec_ck_item *it, char *buf, size_t size);

#endif
