/*
 * audit.h (store) — the audit trail table: one row per write, with the
 * record before and after as JSON text. Append-only: there is no update or
 * delete here on purpose.
 */
#ifndef PORTSEC_STORE_AUDIT_H
#define PORTSEC_STORE_AUDIT_H

#include <stdint.h>

#include <jansson.h>

#include "store/db.h"

struct psec_audit_row {
    const char *at;             /* ISO 8601 UTC */
    const char *actor;
    const char *via;            /* "cli", "api" */
    const char *action;
    const char *entity;
    const char *entity_key;     /* may be NULL */
    const char *before_json;    /* may be NULL */
    const char *after_json;     /* may be NULL */
};

int psec_store_audit_add(struct psec_db *db, const struct psec_audit_row *r, struct psec_err *e);

/* Newest first. NULL filters match everything. Returns a new JSON array of
 * objects whose before/after are parsed back into JSON. */
json_t *psec_store_audit_list(struct psec_db *db, const char *entity, const char *entity_key,
                              const char *actor, int64_t limit, int64_t offset,
                              struct psec_err *e);
int64_t psec_store_audit_count(struct psec_db *db, const char *entity, const char *entity_key,
                               const char *actor, struct psec_err *e);

#endif
