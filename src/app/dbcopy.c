/*
 * dbcopy.c (app) — see dbcopy.h. The copy goes row by row through the
 * store's generic interface, so SQLite to PostgreSQL, PostgreSQL to SQLite
 * (and either to itself) are the same code.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/dbcopy.h"
#include "store/copy.h"
#include "store/registry.h"

/* Checksum state of one table: a digest per row, sorted at the end. */
struct sum {
    unsigned char (*d)[crypto_hash_sha256_BYTES];
    size_t n, cap;
    char *buf;              /* the row rendered */
    size_t blen, bcap;
};

static bool put(struct sum *s, const char *t, size_t n)
{
    if (s->blen + n > s->bcap) {
        size_t c = (s->bcap ? s->bcap * 2 : 1024) + n;
        char *b = realloc(s->buf, c);
        if (b == NULL)
            return false;
        s->buf = b;
        s->bcap = c;
    }
    memcpy(s->buf + s->blen, t, n);
    s->blen += n;
    return true;
}

static int sum_row(struct sum *s, int n, const char *const *vals)
{
    s->blen = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && !put(s, "\t", 1))
            return PSEC_E_NOMEM;
        if (vals[i] == NULL) {
            if (!put(s, "\\N", 2))
                return PSEC_E_NOMEM;
            continue;
        }
        for (const char *p = vals[i]; *p; p++) {
            /* Escapes keep "a\tb" in one field apart from "a" "b" in two. */
            const char *esc = *p == '\\' ? "\\\\" : *p == '\t' ? "\\t" : *p == '\n' ? "\\n" : NULL;
            if (!(esc ? put(s, esc, 2) : put(s, p, 1)))
                return PSEC_E_NOMEM;
        }
    }
    if (s->n == s->cap) {
        size_t c = s->cap ? s->cap * 2 : 1024;
        void *d = realloc(s->d, c * sizeof *s->d);
        if (d == NULL)
            return PSEC_E_NOMEM;
        s->d = d;
        s->cap = c;
    }
    crypto_hash_sha256(s->d[s->n++], (const unsigned char *)s->buf, s->blen);
    return PSEC_OK;
}

static int cmp_digest(const void *a, const void *b)
{
    return memcmp(a, b, crypto_hash_sha256_BYTES);
}

/* Finishes s into hex (65 bytes) and frees it. */
static void sum_final(struct sum *s, const json_t *info, char hex[65])
{
    crypto_hash_sha256_state st;
    unsigned char out[crypto_hash_sha256_BYTES];
    size_t i;
    json_t *c;

    if (s->n > 1)
        qsort(s->d, s->n, sizeof *s->d, cmp_digest);
    crypto_hash_sha256_init(&st);
    json_array_foreach(json_object_get(info, "columns"), i, c) {
        const char *name = json_string_value(c);
        crypto_hash_sha256_update(&st, (const unsigned char *)name, strlen(name) + 1);
    }
    for (i = 0; i < s->n; i++)
        crypto_hash_sha256_update(&st, s->d[i], sizeof s->d[i]);
    crypto_hash_sha256_final(&st, out);
    sodium_bin2hex(hex, 65, out, sizeof out);
    free(s->d);
    free(s->buf);
    memset(s, 0, sizeof *s);
}

static int on_sum(void *ctx, int n, const char *const *vals)
{
    return sum_row(ctx, n, vals);
}

/* Rows and checksum of one table as {"table", "rows", "sha256"}. */
static json_t *table_sum(struct psec_db *db, const json_t *info, struct psec_err *e)
{
    struct sum s = { 0 };
    char hex[65];
    int rc = psec_store_table_scan(db, info, on_sum, &s, e);
    size_t rows = s.n;

    if (rc != PSEC_OK) {
        if (rc == PSEC_E_NOMEM)
            psec_err_set(e, rc, "out of memory");
        free(s.d);
        free(s.buf);
        return NULL;
    }
    sum_final(&s, info, hex);
    return json_pack("{s:O, s:I, s:s}", "table", json_object_get(info, "name"),
                     "rows", (json_int_t)rows, "sha256", hex);
}

json_t *psec_app_db_sums(struct psec_db *db, struct psec_err *e)
{
    json_t *tables = psec_store_tables_ordered(db, e), *out, *info;
    size_t i;

    if (tables == NULL)
        return NULL;
    if (sodium_init() < 0) {
        json_decref(tables);
        psec_err_set(e, PSEC_E_NOMEM, "libsodium failed to start");
        return NULL;
    }
    out = json_array();
    json_array_foreach(tables, i, info) {
        json_t *t = table_sum(db, info, e);
        if (t == NULL) {
            json_decref(out);
            out = NULL;
            break;
        }
        json_array_append_new(out, t);
    }
    json_decref(tables);
    return out;
}

struct copy {
    struct psec_db *to;
    const json_t *info;
    struct sum sum;
    struct psec_err *e;
};

static int on_copy(void *ctx, int n, const char *const *vals)
{
    struct copy *c = ctx;
    int rc = psec_store_row_insert(c->to, c->info, n, vals, c->e);

    if (rc != PSEC_OK)
        return rc;
    if ((rc = sum_row(&c->sum, n, vals)) != PSEC_OK)
        psec_err_set(c->e, rc, "out of memory");
    return rc;
}

/* The target must hold no rows: a copy adds to nothing. */
static int check_empty(struct psec_db *db, struct psec_err *e)
{
    json_t *counts = psec_store_counts(db, e), *v;
    const char *k;
    int rc = PSEC_OK;

    if (counts == NULL)
        return e ? e->code : PSEC_E_DB;
    json_object_foreach(counts, k, v) {
        if (json_integer_value(v) > 0) {
            rc = psec_err_set(e, PSEC_E_CONFLICT,
                              "%s is not empty (table %s has %lld rows); copy into a new "
                              "database", psec_db_uri(db), k, (long long)json_integer_value(v));
            break;
        }
    }
    json_decref(counts);
    return rc;
}

static bool same_tables(struct psec_db *a, struct psec_db *b, struct psec_err *e)
{
    json_t *x = psec_db_tables(a, e), *y = psec_db_tables(b, e);
    bool same = x && y && json_equal(x, y);

    if (x && y && !same)
        psec_err_set(e, PSEC_E_SCHEMA, "%s and %s do not have the same tables",
                     psec_db_uri(a), psec_db_uri(b));
    json_decref(x);
    json_decref(y);
    return same;
}

json_t *psec_app_db_copy(const char *from, const char *to, struct psec_err *e)
{
    struct psec_db *src = NULL, *dst = NULL;
    json_t *tables = NULL, *out = NULL, *list = NULL, *info;
    json_int_t total = 0;
    size_t i;
    int rc;

    if (sodium_init() < 0) {
        psec_err_set(e, PSEC_E_NOMEM, "libsodium failed to start");
        return NULL;
    }
    if (psec_db_open(&src, from, PSEC_DB_READONLY | PSEC_DB_NOCREATE, e) != PSEC_OK)
        return NULL;
    if (psec_db_open(&dst, to, 0, e) != PSEC_OK)
        goto done;
    if (psec_db_schema_version(src) != psec_db_schema_version(dst)) {
        psec_err_set(e, PSEC_E_SCHEMA,
                     "%s is at schema version %d and %s at %d; bring the source up to date "
                     "first (any portsec command that writes does)", psec_db_uri(src),
                     psec_db_schema_version(src), psec_db_uri(dst), psec_db_schema_version(dst));
        goto done;
    }
    if (!same_tables(src, dst, e) || check_empty(dst, e) != PSEC_OK)
        goto done;
    if ((tables = psec_store_tables_ordered(src, e)) == NULL)
        goto done;
    list = json_array();
    if (psec_db_begin(dst, e) != PSEC_OK)
        goto done;
    json_array_foreach(tables, i, info) {
        struct copy c = { .to = dst, .info = info, .e = e };
        const char *name = json_string_value(json_object_get(info, "name"));
        char hex[65];
        json_t *back;
        size_t rows;

        rc = psec_store_table_scan(src, info, on_copy, &c, e);
        rows = c.sum.n;
        sum_final(&c.sum, info, hex);
        if (rc != PSEC_OK) {
            psec_err_prefix(e, "copying table %s: ", name);
            goto rollback;
        }
        if (psec_db_sync_ids(dst, name, e) != PSEC_OK)
            goto rollback;
        /* Read back from the target, in the same transaction. */
        if ((back = table_sum(dst, info, e)) == NULL)
            goto rollback;
        if ((size_t)json_integer_value(json_object_get(back, "rows")) != rows ||
            strcmp(json_string_value(json_object_get(back, "sha256")), hex) != 0) {
            psec_err_set(e, PSEC_E_DB,
                         "table %s: %zu rows read from %s but %lld rows with another checksum "
                         "in %s; nothing was copied", name, rows, psec_db_uri(src),
                         (long long)json_integer_value(json_object_get(back, "rows")),
                         psec_db_uri(dst));
            json_decref(back);
            goto rollback;
        }
        total += (json_int_t)rows;
        json_array_append_new(list, back);
    }
    if (psec_db_commit(dst, e) != PSEC_OK)
        goto done;
    out = json_pack("{s:s, s:s, s:I, s:O}", "from", psec_db_uri(src), "to", psec_db_uri(dst),
                    "rows", total, "tables", list);
    goto done;      /* the common exit: frees everything but out */
rollback:
    psec_db_rollback(dst);
done:
    json_decref(tables);
    json_decref(list);
    psec_db_close(src);
    psec_db_close(dst);
    return out;
}
