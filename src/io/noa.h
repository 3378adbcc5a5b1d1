/*
 * noa.h — Notice of Arrival JSON in, screening result JSON out.
 *
 * The parser checks everything a screening relies on and names the JSON
 * path of the first problem ("port_calls[2].departure: ..."). Unknown
 * UN/LOCODEs are not errors: the call is screened by the country prefix
 * and a warning says so. Whether a port is known is asked through a
 * callback, so this layer stays free of the database.
 */
#ifndef PORTSEC_IO_NOA_H
#define PORTSEC_IO_NOA_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "model/screen.h"
#include "portsec/error.h"

/* Looks a UN/LOCODE up: returns true and fills country when the port is
 * known, false when not. NULL callback: every well-formed LOCODE is taken
 * as known, with its prefix as the country. */
typedef bool (*psec_port_lookup_fn)(void *ctx, const char *locode, char country[3]);

/* True when s is seven digits with a valid IMO check digit. */
bool psec_imo_valid(const char *s);

/* Parses one NOA from a JSON object (borrowed). PSEC_E_INVALID with the
 * path in e; out is fully written only on PSEC_OK. */
int psec_noa_from_json(json_t *root, struct psec_noa *out, psec_port_lookup_fn fn, void *ctx,
                       struct psec_err *e);

/* Parses one NOA from text (len bytes, need not be NUL-terminated). */
int psec_noa_parse(const char *text, size_t len, struct psec_noa *out, psec_port_lookup_fn fn,
                   void *ctx, struct psec_err *e);

/* The parts of every positive result that depend only on the advisory
 * set (the conditions and enforcement notes as JSON arrays), written once
 * for a batch instead of once per result. */
struct psec_screen_pre {
    char *actions;
    size_t actions_len;
    char *enforcement;
    size_t enforcement_len;
};
int psec_screen_pre_build(const struct psec_coe_set *set, struct psec_screen_pre *pre);
void psec_screen_pre_free(struct psec_screen_pre *pre);

/* Appends the result document of the issue-4 contract, compact, to a
 * growable buffer (*buf may be NULL; realloc'd; free() it). *len is the
 * used length on entry and on return. pre (from psec_screen_pre_build()
 * over the same set) may be NULL. PSEC_E_NOMEM when it cannot grow. */
int psec_screen_write(const struct psec_noa *n, const struct psec_screen_result *r,
                      const struct psec_coe_set *set, const struct psec_screen_pre *pre,
                      char **buf, size_t *cap, size_t *len);

/* The same document as a new jansson object (json_decref()); NULL when
 * out of memory. */
json_t *psec_screen_json(const struct psec_noa *n, const struct psec_screen_result *r,
                         const struct psec_coe_set *set);

#endif
