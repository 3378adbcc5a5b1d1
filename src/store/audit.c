/*
 * audit.c (store) — SQL of the audit trail (migration 0005).
 */
#include <string.h>

#include "store/audit.h"

int psec_store_audit_add(struct psec_db *db, const struct psec_audit_row *r, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO audit(at, actor, via, action, entity, entity_key, before_json, after_json) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", e);

    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    psec_stmt_text(st, 1, r->at);
    psec_stmt_text(st, 2, r->actor);
    psec_stmt_text(st, 3, r->via);
    psec_stmt_text(st, 4, r->action);
    psec_stmt_text(st, 5, r->entity);
    psec_stmt_text(st, 6, r->entity_key);
    psec_stmt_text(st, 7, r->before_json);
    psec_stmt_text(st, 8, r->after_json);
    return psec_stmt_run(st, e);
}

/* The stored text is JSON we wrote ourselves; anything else is kept as a string. */
static void reparse(json_t *row, const char *col, const char *key)
{
    json_t *v = json_object_get(row, col);
    json_t *parsed = NULL;

    if (json_is_string(v))
        parsed = json_loads(json_string_value(v), JSON_DECODE_ANY, NULL);
    if (parsed == NULL)
        parsed = json_is_string(v) ? json_incref(v) : json_null();
    json_object_set_new(row, key, parsed);
    json_object_del(row, col);
}

json_t *psec_store_audit_list(struct psec_db *db, const char *entity, const char *entity_key,
                              const char *actor, int64_t limit, int64_t offset,
                              struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT id, at, actor, via, action, entity, entity_key, before_json, after_json "
        "FROM audit WHERE (? IS NULL OR entity = ?) AND (? IS NULL OR entity_key = ?) "
        "AND (? IS NULL OR actor = ?) ORDER BY id DESC LIMIT ? OFFSET ?", e);
    json_t *rows, *row;
    size_t i;

    if (st == NULL)
        return NULL;
    psec_stmt_text(st, 1, entity);
    psec_stmt_text(st, 2, entity);
    psec_stmt_text(st, 3, entity_key);
    psec_stmt_text(st, 4, entity_key);
    psec_stmt_text(st, 5, actor);
    psec_stmt_text(st, 6, actor);
    psec_stmt_int(st, 7, limit);
    psec_stmt_int(st, 8, offset);
    if ((rows = psec_stmt_json_rows(st, e)) == NULL)
        return NULL;
    json_array_foreach(rows, i, row) {
        reparse(row, "before_json", "before");
        reparse(row, "after_json", "after");
    }
    return rows;
}

int64_t psec_store_audit_count(struct psec_db *db, const char *entity, const char *entity_key,
                               const char *actor, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT COUNT(*) FROM audit WHERE (? IS NULL OR entity = ?) "
        "AND (? IS NULL OR entity_key = ?) AND (? IS NULL OR actor = ?)", e);
    int64_t n = -1;

    if (st == NULL)
        return -1;
    psec_stmt_text(st, 1, entity);
    psec_stmt_text(st, 2, entity);
    psec_stmt_text(st, 3, entity_key);
    psec_stmt_text(st, 4, entity_key);
    psec_stmt_text(st, 5, actor);
    psec_stmt_text(st, 6, actor);
    if (psec_stmt_step(st, e) == PSEC_ROW) {
        n = psec_stmt_col_int(st, 0);
        psec_stmt_run(st, NULL);
    }
    return n;
}
