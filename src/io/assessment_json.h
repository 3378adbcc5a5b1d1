/*
 * assessment_json.h — the JSON forms of the checklist catalogue and of one
 * assessment (docs/assessment-json.md).
 *
 * Reading is strict: an unknown field, a wrong type, an unknown item id or
 * an answer outside YES / NO / NA / NO_OBS is an error whose message names
 * the JSON path ("items[12].answer: \"MAYBE\" is not one of YES, NO, NA,
 * NO_OBS"). Nothing is half-read: on error the output is left empty.
 */
#ifndef PORTSEC_IO_ASSESSMENT_JSON_H
#define PORTSEC_IO_ASSESSMENT_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "model/checklist.h"
#include "portsec/error.h"

#define PSEC_ASSESSMENT_FORMAT "portsec-assessment"
#define PSEC_ASSESSMENT_FORMAT_VERSION 1

/* Builds a checklist from its catalogue document (borrowed doc). On
 * success *out is a new checklist (psec_checklist_free()). */
int psec_checklist_from_json(json_t *doc, struct psec_checklist **out, struct psec_err *e);
/* Reads and parses a catalogue file. */
int psec_checklist_load_file(const char *path, struct psec_checklist **out, struct psec_err *e);

/* One answered item. */
struct psec_answer_rec {
    int item;                     /* checklist index */
    enum psec_answer answer;
    char *note;                   /* owned, may be NULL */
    json_t *evidence;             /* owned array of strings, may be NULL */
};

struct psec_assessment_doc {
    enum psec_scope scope;        /* COUNTRY or FACILITY */
    char country[3];
    char facility[16];            /* "" for a country assessment */
    long long visit;              /* 0 when not given */
    char assessed_on[11];         /* YYYY-MM-DD or "" */
    char assessor[128];
    bool demo;
    char status[16];              /* "open" / "closed" on export; ignored on import */
    size_t n_answers;
    struct psec_answer_rec *answers;
};

/* Parses an assessment document against ck. On success fills *out (free
 * with psec_assessment_doc_clear()); on error *out is empty. */
int psec_assessment_from_json(json_t *doc, const struct psec_checklist *ck,
                              struct psec_assessment_doc *out, struct psec_err *e);
void psec_assessment_doc_clear(struct psec_assessment_doc *d);

/* Returns a new document in the same format (json_decref()). Answers are
 * written in checklist order. NULL on allocation failure. */
json_t *psec_assessment_to_json(const struct psec_assessment_doc *d,
                                const struct psec_checklist *ck);

#endif
