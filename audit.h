/*
 * audit.h — the audit trail: every write records who, when, what, and the
 * record before and after. App functions that change data call
 * psec_audit_write() inside their transaction, so the change and its audit
 * row land together or not at all.
 */
#ifndef PORTSEC_APP_AUDIT_H
#define PORTSEC_APP_AUDIT_H

#include <stdint.h>

#include <jansson.h>

#include "app/auth.h"
#include "store/db.h"

/* before/after are borrowed (NULL allowed); they are stored as compact JSON. */
int psec_audit_write(struct psec_db *db, const struct psec_actor *by, const char *action,
                     const char *entity, const char *key, const json_t *before,
                     const json_t *after, struct psec_err *e);

struct psec_audit_filter {
    const char *entity;         /* NULL: any */
    const char *key;
    const char *actor;
    int64_t limit;              /* 0: 100 */
    int64_t offset;
};

/* Returns a new object {"items": [...], "total": N, "limit": L, "offset": O}. */
json_t *psec_audit_list(struct psec_db *db, const struct psec_audit_filter *f,
                        struct psec_err *e);

#endif
