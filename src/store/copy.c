/*
 * copy.c (store) — see copy.h. Identifiers come from the database's own
 * catalogue and are double-quoted, which both engines accept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "store/copy.h"

static bool named(const json_t *arr, const char *name)
{
    size_t i;
    json_t *v;

    json_array_foreach(arr, i, v)
        if (strcmp(json_string_value(v), name) == 0)
            return true;
    return false;
}

json_t *psec_store_tables_ordered(struct psec_db *db, struct psec_err *e)
{
    json_t *names = psec_db_tables(db, e), *infos, *out, *done, *v;
    size_t i, left;

    if (names == NULL)
        return NULL;
    infos = json_array();
    out = json_array();
    done = json_array();
    json_array_foreach(names, i, v) {
        json_t *info = psec_db_table_info(db, json_string_value(v), e);
        if (info == NULL)
            goto fail;
        json_array_append_new(infos, info);
    }
    /* Repeatedly take every table whose references are all placed; a cycle
     * (none in portsec's schema) is reported rather than guessed at. */
    left = json_array_size(infos);
    while (left > 0) {
        size_t placed = 0;
        json_array_foreach(infos, i, v) {
            const char *name = json_string_value(json_object_get(v, "name"));
            json_t *refs = json_object_get(v, "references"), *r;
            size_t k;
            bool ready = true;
            if (named(done, name))
                continue;
            json_array_foreach(refs, k, r) {
                const char *rn = json_string_value(r);
                if (strcmp(rn, name) != 0 && !named(done, rn) && named(names, rn))
                    ready = false;
            }
            if (ready) {
                json_array_append(out, v);
                json_array_append_new(done, json_string(name));
                placed++;
            }
        }
        if (placed == 0) {
            psec_err_set(e, PSEC_E_DB, "%s: the tables' foreign keys form a cycle",
                         psec_db_uri(db));
            goto fail;
        }
        left -= placed;
    }
    json_decref(names);
    json_decref(infos);
    json_decref(done);
    return out;
fail:
    json_decref(names);
    json_decref(infos);
    json_decref(out);
    json_decref(done);
    return NULL;
}

/* Appends "name" (quoted), separated by sep, to a growing buffer. */
static bool append(char **buf, size_t *len, size_t *cap, const char *s)
{
    size_t n = strlen(s);

    if (*len + n + 1 > *cap) {
        size_t c = (*cap ? *cap * 2 : 256) + n;
        char *b = realloc(*buf, c);
        if (b == NULL)
            return false;
        *buf = b;
        *cap = c;
    }
    memcpy(*buf + *len, s, n + 1);
    *len += n;
    return true;
}

static bool append_names(char **buf, size_t *len, size_t *cap, const json_t *arr)
{
    size_t i;
    json_t *v;

    json_array_foreach(arr, i, v) {
        if (!append(buf, len, cap, i ? ", \"" : "\"") ||
            !append(buf, len, cap, json_string_value(v)) || !append(buf, len, cap, "\""))
            return false;
    }
    return true;
}

/* Walks the table in pages of PSEC_COPY_PAGE rows by primary key
 * ("keyset": WHERE (pk) > (last pk seen) ORDER BY pk LIMIT n), so that no
 * engine holds more than a page in memory; a table without a primary key
 * (none in portsec's schema) is read in one go. */
int psec_store_table_scan(struct psec_db *db, const json_t *info,
                          int (*fn)(void *ctx, int n, const char *const *vals), void *ctx,
                          struct psec_err *e)
{
    const json_t *cols = json_object_get(info, "columns");
    const json_t *pk = json_object_get(info, "primary_key");
    const char *table = json_string_value(json_object_get(info, "name"));
    char *first = NULL, *next = NULL, (*num)[40] = NULL, **last = NULL;
    const char **vals = NULL;
    size_t len = 0, cap = 0, npk = json_array_size(pk);
    int *pkcol = NULL;
    int n = (int)json_array_size(cols), rc = PSEC_E_NOMEM;
    bool paged = npk > 0, ok;
    long rows;

    /* SELECT cols FROM t [WHERE (pk) > (?, ...)] ORDER BY pk|cols [LIMIT ?] */
    ok = append(&first, &len, &cap, "SELECT ") && append_names(&first, &len, &cap, cols) &&
         append(&first, &len, &cap, " FROM \"") && append(&first, &len, &cap, table) &&
         append(&first, &len, &cap, "\"");
    if (ok && paged) {
        size_t l2 = 0, c2 = 0;
        ok = append(&next, &l2, &c2, first) && append(&next, &l2, &c2, " WHERE (") &&
             append_names(&next, &l2, &c2, pk) && append(&next, &l2, &c2, ") > (");
        for (size_t i = 0; ok && i < npk; i++)
            ok = append(&next, &l2, &c2, i ? ", ?" : "?");
        ok = ok && append(&next, &l2, &c2, ") ORDER BY ") && append_names(&next, &l2, &c2, pk) &&
             append(&next, &l2, &c2, " LIMIT ?");
    }
    ok = ok && append(&first, &len, &cap, " ORDER BY ") &&
         append_names(&first, &len, &cap, paged ? pk : cols) &&
         (!paged || append(&first, &len, &cap, " LIMIT ?"));
    vals = calloc((size_t)n + 1, sizeof *vals);
    num = calloc((size_t)n + 1, sizeof *num);
    last = calloc(npk + 1, sizeof *last);
    pkcol = calloc(npk + 1, sizeof *pkcol);
    if (!ok || vals == NULL || num == NULL || last == NULL || pkcol == NULL)
        goto nomem;
    for (size_t k = 0; k < npk; k++) {
        size_t i;
        json_t *c;
        const char *name = json_string_value(json_array_get(pk, k));
        json_array_foreach(cols, i, c)
            if (strcmp(json_string_value(c), name) == 0)
                pkcol[k] = (int)i;
    }
    do {
        struct psec_stmt *st = psec_db_stmt(db, last[0] ? next : first, e);
        rows = 0;
        if (st == NULL) {
            rc = e ? e->code : PSEC_E_DB;
            goto done;
        }
        if (last[0]) {
            for (size_t k = 0; k < npk; k++)
                psec_stmt_text(st, (int)k + 1, last[k]);
        }
        if (paged)
            psec_stmt_int(st, last[0] ? (int)npk + 1 : 1, PSEC_COPY_PAGE);
        while ((rc = psec_stmt_step(st, e)) == PSEC_ROW) {
            rows++;
            for (int i = 0; i < n; i++) {
                switch (psec_stmt_col_kind(st, i)) {
                case PSEC_COL_NULL: vals[i] = NULL; break;
                case PSEC_COL_INT:
                    snprintf(num[i], sizeof num[i], "%lld", (long long)psec_stmt_col_int(st, i));
                    vals[i] = num[i];
                    break;
                case PSEC_COL_REAL:
                    snprintf(num[i], sizeof num[i], "%.17g", psec_stmt_col_double(st, i));
                    vals[i] = num[i];
                    break;
                default: vals[i] = psec_stmt_col_text(st, i); break;
                }
            }
            /* Keep the key before fn runs: it may use the database. */
            for (size_t k = 0; k < npk; k++) {
                free(last[k]);
                if ((last[k] = strdup(vals[pkcol[k]] ? vals[pkcol[k]] : "")) == NULL) {
                    psec_stmt_run(st, NULL);
                    goto nomem;
                }
            }
            if ((rc = fn(ctx, n, vals)) != PSEC_OK) {
                psec_stmt_run(st, NULL);
                goto done;
            }
        }
        if (rc != PSEC_DONE)
            goto done;
        rc = PSEC_OK;
    } while (paged && rows == PSEC_COPY_PAGE);
    goto done;
nomem:
    rc = psec_err_set(e, PSEC_E_NOMEM, "out of memory");
done:
    for (size_t k = 0; last && k < npk; k++)
        free(last[k]);
    free(last);
    free(pkcol);
    free(first);
    free(next);
    free(vals);
    free(num);
    return rc;
}

int psec_store_row_insert(struct psec_db *db, const json_t *info, int n,
                          const char *const *vals, struct psec_err *e)
{
    const json_t *cols = json_object_get(info, "columns");
    char *sql = NULL;
    size_t len = 0, cap = 0;
    struct psec_stmt *st;
    bool ok;

    ok = append(&sql, &len, &cap, "INSERT INTO \"") &&
         append(&sql, &len, &cap, json_string_value(json_object_get(info, "name"))) &&
         append(&sql, &len, &cap, "\" (") && append_names(&sql, &len, &cap, cols) &&
         append(&sql, &len, &cap, ") VALUES (");
    for (int i = 0; ok && i < n; i++)
        ok = append(&sql, &len, &cap, i ? ", ?" : "?");
    if (!ok || !append(&sql, &len, &cap, ")")) {
        free(sql);
        return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    }
    st = psec_db_stmt(db, sql, e);
    free(sql);
    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    /* Text for every value: each engine converts it to the column's type
     * (SQLite by the column's affinity, PostgreSQL by inferring the
     * parameter's type from the column). */
    for (int i = 0; i < n; i++)
        psec_stmt_text(st, i + 1, vals[i]);
    return psec_stmt_run(st, e);
}
