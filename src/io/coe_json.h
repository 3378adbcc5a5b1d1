/*
 * coe_json.h — the advisory data format (data/advisories/advisories.json,
 * also the `coe feed --format json` output and the `advisory add` input)
 * and the targeting matrix format (data/targeting/matrix.json), to and
 * from the plain structs of src/model/. docs/advisories.md describes both.
 */
#ifndef PORTSEC_IO_COE_JSON_H
#define PORTSEC_IO_COE_JSON_H

#include <jansson.h>

#include "model/advisory.h"
#include "model/targeting.h"
#include "portsec/error.h"

/* Appends the advisories, changes, conditions and enforcement notes of a
 * document to s (conditions and notes replace any already held when the
 * document has them). Errors name the JSON path. Does not sort. */
int psec_coe_from_json(json_t *root, struct psec_coe_set *s, struct psec_err *e);

/* The whole set as a document of the same format. New object. */
json_t *psec_coe_to_json(const struct psec_coe_set *s);

/* Reads the rules, bands and lists of a matrix document into m (lists are
 * added with rev 0). */
int psec_matrix_from_json(json_t *root, struct psec_matrix *m, struct psec_err *e);

/* Parses an effective date: "YYYY-MM-DD" or {"not_before": D, "by": D}. */
int psec_coe_effective_parse(json_t *v, int64_t *not_before, int64_t *by, const char *path,
                             struct psec_err *e);

#endif
