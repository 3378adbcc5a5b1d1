/*
 * audit.c — writing and reading the audit trail.
 */
#include <stdlib.h>
#include <time.h>

#include "app/audit.h"
#include "app/registry.h"
#include "base/time.h"
#include "store/audit.h"

int psec_audit_write(struct psec_db *db, const struct psec_actor *by, const char *action,
                     const char *entity, const char *key, const json_t *before,
                     const json_t *after, struct psec_err *e)
{
    char at[32];
    char *b = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY) : NULL;
    char *a = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY) : NULL;
    struct psec_audit_row r = {
        .at = psec_time_format((int64_t)time(NULL), at, sizeof at),
        .actor = by ? by->name : "unknown",
        .via = by ? by->via : "?",
        .action = action,
        .entity = entity,
        .entity_key = key,
        .before_json = b,
        .after_json = a,
    };
    int rc;

    if ((before && b == NULL) || (after && a == NULL))
        rc = psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    else
        rc = psec_store_audit_add(db, &r, e);
    free(b);
    free(a);
    return rc;
}

json_t *psec_audit_list(struct psec_db *db, const struct psec_audit_filter *f,
                        struct psec_err *e)
{
    int64_t limit = f->limit > 0 ? f->limit : 100;
    int64_t offset = f->offset > 0 ? f->offset : 0;
    int64_t total = psec_store_audit_count(db, f->entity, f->key, f->actor, e);
    json_t *items;

    if (total < 0)
        return NULL;
    items = psec_store_audit_list(db, f->entity, f->key, f->actor, limit, offset, e);
    if (items == NULL)
        return NULL;
    return json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total,
                     "limit", (json_int_t)limit, "offset", (json_int_t)offset);
}

json_t *psec_audited_country_set(struct psec_db *db, const struct psec_actor *by,
                                 const char *code, json_t *fields, int64_t expect_version,
                                 struct psec_err *e)
{
    json_t *before = NULL, *after = NULL;
    const char *key;

    if (psec_db_begin(db, e) != PSEC_OK)
        return NULL;
    if ((before = psec_app_country_show(db, code, e)) == NULL)
        goto fail;
    if ((after = psec_app_country_set(db, code, fields, expect_version, e)) == NULL)
        goto fail;
    key = json_string_value(json_object_get(after, "alpha2"));
    if (psec_audit_write(db, by, "update", "country", key, before, after, e) != PSEC_OK)
        goto fail;
    if (psec_db_commit(db, e) != PSEC_OK) {
        json_decref(before);
        json_decref(after);
        return NULL;
    }
    json_decref(before);
    return after;
fail:
    psec_db_rollback(db);
    json_decref(before);
    json_decref(after);
    return NULL;
}

json_t *psec_audited(struct psec_db *db, const struct psec_actor *by, const char *action,
                     const char *entity, const char *key, const json_t *before,
                     json_t *(*fn)(struct psec_db *db, void *ctx, struct psec_err *e),
                     void *ctx, struct psec_err *e)
{
    json_t *after;

    if (psec_db_begin(db, e) != PSEC_OK)
        return NULL;
    if ((after = fn(db, ctx, e)) == NULL) {
        psec_db_rollback(db);
        return NULL;
    }
    if (psec_audit_write(db, by, action, entity, key, before, after, e) != PSEC_OK ||
        psec_db_commit(db, e) != PSEC_OK) {
        psec_db_rollback(db);
        json_decref(after);
        return NULL;
    }
    return after;
}
