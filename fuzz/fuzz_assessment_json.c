/*
 * fuzz_assessment_json.c — libFuzzer target for the assessment JSON reader
 * and writer (src/io/assessment_json.c) against the bundled checklist, and
 * for the checklist catalogue reader.
 *
 * The first byte picks the reader (even: assessment, odd: catalogue); the
 * rest is the JSON text. An assessment that parses is written back and
 * parsed again: it must round-trip. No database is touched.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/assessment_json.h"

#ifndef PSEC_DATADIR
#define PSEC_DATADIR "data"
#endif

static struct psec_checklist *ck;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct psec_err e = { 0 };
    json_error_t je;
    json_t *doc;

    if (ck == NULL &&
        psec_checklist_load_file(PSEC_DATADIR "/checklist/isps-checklist-v1.json", &ck, &e) != PSEC_OK)
        abort();
    if (size < 1)
        return 0;
    doc = json_loadb((const char *)data + 1, size - 1, JSON_REJECT_DUPLICATES, &je);
    if (doc == NULL)
        return 0;
    if (data[0] & 1) {
        struct psec_checklist *other = NULL;
        if (psec_checklist_from_json(doc, &other, &e) == PSEC_OK) {
            char refs[256];
            for (size_t i = 0; i < other->n_items; i++)
                psec_ck_item_refs(&other->items[i], refs, sizeof refs);
        }
        psec_checklist_free(other);
    } else {
        struct psec_assessment_doc d, d2;
        if (psec_assessment_from_json(doc, ck, &d, &e) == PSEC_OK) {
            json_t *out = psec_assessment_to_json(&d, ck);
            if (out == NULL || psec_assessment_from_json(out, ck, &d2, &e) != PSEC_OK)
                abort();
            if (d2.n_answers != d.n_answers)
                abort();
            psec_assessment_doc_clear(&d2);
            json_decref(out);
        }
        psec_assessment_doc_clear(&d);
    }
    json_decref(doc);
    return 0;
}
