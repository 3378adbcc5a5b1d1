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

/*
 * Audited registry edits: psec_app_country_set() with the actor, the
 * record before and after written to the trail in the same transaction.
 * expect_version > 0 refuses a stale edit (the API always sends one; the
 * CLI's --if-version is optional).
 */
json_t *psec_audited_country_set(struct psec_db *db, const struct psec_actor *by,
                                 const char *code, json_t *fields, int64_t expect_version,
                                 struct psec_err *e);

/*
 * Runs a write of another module (fn, which returns its new JSON result or
 * NULL with e) inside one transaction with the audit row that records it:
 * who (by), action, entity and key, before (borrowed, may be NULL) and the
 * result as after. For app functions that do not take an actor themselves.
 * Returns fn's result (new reference) or NULL with e.
 */
json_t *psec_audited(struct psec_db *db, const struct psec_actor *by, const char *action,
                     const char *entity, const char *key, const json_t *before,
                     json_t *(*fn)(struct psec_db *db, void *ctx, struct psec_err *e),
                     void *ctx, struct psec_err *e);

#endif
