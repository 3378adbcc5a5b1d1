/*
 * auth.c (store) — SQL for users, sessions, API tokens and login
 * throttling (migration 0005). Nothing here decides anything: expiry times
 * and limits are passed in by src/app/auth.c.
 */
#include <string.h>

#include "base/str.h"
#include "store/auth.h"

#define USER_COLS "u.id, u.name, u.role, u.pwhash, u.disabled, u.version"

static void read_user(struct psec_stmt *st, int first, struct psec_user_rec *u)
{
    u->id = psec_stmt_col_int(st, first);
    psec_strlcpy(u->name, psec_stmt_col_text(st, first + 1), sizeof u->name);
    psec_strlcpy(u->role, psec_stmt_col_text(st, first + 2), sizeof u->role);
    psec_strlcpy(u->pwhash, psec_stmt_col_text(st, first + 3), sizeof u->pwhash);
    u->disabled = psec_stmt_col_int(st, first + 4) != 0;
    u->version = psec_stmt_col_int(st, first + 5);
}

/* Steps a statement that returns at most one user row. */
static int one_user(struct psec_stmt *st, struct psec_user_rec *u, const char *what,
                    struct psec_err *e)
{
    int rc = psec_stmt_step(st, e);

    if (rc == PSEC_DONE)
        return psec_err_set(e, PSEC_E_NOTFOUND, "%s", what);
    if (rc != PSEC_ROW)
        return rc;
    read_user(st, 0, u);
    psec_stmt_run(st, NULL);
    return PSEC_OK;
}

int psec_store_user_add(struct psec_db *db, const char *name, const char *role,
                        const char *pwhash, const char *created_at, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO app_user(name, role, pwhash, disabled, created_at, version) "
        "VALUES (?, ?, ?, 0, ?, 1)", e);
    int rc;

    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    psec_stmt_text(st, 1, name);
    psec_stmt_text(st, 2, role);
    psec_stmt_text(st, 3, pwhash);
    psec_stmt_text(st, 4, created_at);
    rc = psec_stmt_run(st, e);
    if (rc == PSEC_E_CONFLICT)
        return psec_err_set(e, PSEC_E_CONFLICT, "user %s already exists", name);
    return rc;
}

int psec_store_user_get(struct psec_db *db, const char *name, struct psec_user_rec *u,
                        struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT " USER_COLS " FROM app_user u WHERE u.name = ?", e);

    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    psec_stmt_text(st, 1, name);
    return one_user(st, u, "no such user", e);
}

json_t *psec_store_user_list(struct psec_db *db, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT name, role, disabled, created_at, version, "
        "(SELECT COUNT(*) FROM api_token t WHERE t.user_id = u.id AND t.revoked = 0) AS tokens "
        "FROM app_user u ORDER BY name", e);

    return st ? psec_stmt_json_rows(st, e) : NULL;
}

json_t *psec_store_user_json(struct psec_db *db, const char *name, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT name, role, disabled, created_at, version FROM app_user WHERE name = ?", e);
    json_t *o;

    if (st == NULL)
        return NULL;
    psec_stmt_text(st, 1, name);
    o = psec_stmt_json_row(st, e);
    if (o == NULL && e && e->code == PSEC_E_NOTFOUND)
        psec_err_set(e, PSEC_E_NOTFOUND, "no such user: %s", name);
    return o;
}

int psec_store_user_update(struct psec_db *db, const struct psec_user_rec *u,
                           struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "UPDATE app_user SET role = ?, pwhash = ?, disabled = ?, version = version + 1 "
        "WHERE id = ? AND version = ?", e);
    int rc;

    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    psec_stmt_text(st, 1, u->role);
    psec_stmt_text(st, 2, u->pwhash);
    psec_stmt_int(st, 3, u->disabled ? 1 : 0);
    psec_stmt_int(st, 4, u->id);
    psec_stmt_int(st, 5, u->version);
    if ((rc = psec_stmt_run(st, e)) != PSEC_OK)
        return rc;
    if (psec_db_changes(db) == 0)
        return psec_err_set(e, PSEC_E_CONFLICT,
                            "user %s was changed by someone else meanwhile; read it again",
                            u->name);
    return PSEC_OK;
}

int64_t psec_store_user_count(struct psec_db *db, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db, "SELECT COUNT(*) FROM app_user", e);
    int64_t n = -1;

    if (st && psec_stmt_step(st, e) == PSEC_ROW) {
        n = psec_stmt_col_int(st, 0);
        psec_stmt_run(st, NULL);
    }
    return n;
}

int psec_store_session_add(struct psec_db *db, const char *token_hash, int64_t user_id,
                           const char *csrf, int64_t now, int64_t expires_at,
                           struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO web_session(token_hash, user_id, csrf, created_at, expires_at, seen_at) "
        "VALUES (?, ?, ?, ?, ?, ?)", e);

    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    psec_stmt_text(st, 1, token_hash);
    psec_stmt_int(st, 2, user_id);
    psec_stmt_text(st, 3, csrf);
    psec_stmt_int(st, 4, now);
    psec_stmt_int(st, 5, expires_at);
    psec_stmt_int(st, 6, now);
    return psec_stmt_run(st, e);
}

int psec_store_session_get(struct psec_db *db, const char *token_hash, int64_t now,
                           struct psec_user_rec *u, char *csrf, int64_t *seen_at,
                           struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT " USER_COLS ", s.csrf, s.seen_at FROM web_session s "
        "JOIN app_user u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?", e);
    int rc;

    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    psec_stmt_text(st, 1, token_hash);
    psec_stmt_int(st, 2, now);
    rc = psec_stmt_step(st, e);
    if (rc == PSEC_DONE)
        return psec_err_set(e, PSEC_E_NOTFOUND, "no such session");
    if (rc != PSEC_ROW)
        return rc;
    read_user(st, 0, u);
    psec_strlcpy(csrf, psec_stmt_col_text(st, 6), 65);
    *seen_at = psec_stmt_col_int(st, 7);
    psec_stmt_run(st, NULL);
    return PSEC_OK;
}

int psec_store_session_touch(struct psec_db *db, const char *token_hash, int64_t now,
                             struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "UPDATE web_session SET seen_at = ? WHERE token_hash = ?", e);

    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    psec_stmt_int(st, 1, now);
    psec_stmt_text(st, 2, token_hash);
    return psec_stmt_run(st, e);
}

int psec_store_session_delete(struct psec_db *db, const char *token_hash, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db, "DELETE FROM web_session WHERE token_hash = ?", e);

    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    psec_stmt_text(st, 1, token_hash);
    return psec_stmt_run(st, e);
}

int psec_store_session_delete_user(struct psec_db *db, int64_t user_id, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db, "DELETE FROM web_session WHERE user_id = ?", e);

    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    psec_stmt_int(st, 1, user_id);
    return psec_stmt_run(st, e);
}

int psec_store_session_purge(struct psec_db *db, int64_t now, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db, "DELETE FROM web_session WHERE expires_at <= ?", e);

    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    psec_stmt_int(st, 1, now);
    return psec_stmt_run(st, e);
}

int psec_store_token_add(struct psec_db *db, int64_t user_id, const char *label,
                         const char *token_hash, int64_t now, int64_t expires_at,
                         struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "INSERT INTO api_token(user_id, label, token_hash, created_at, expires_at, revoked) "
        "VALUES (?, ?, ?, ?, ?, 0)", e);

    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    psec_stmt_int(st, 1, user_id);
    psec_stmt_text(st, 2, label);
    psec_stmt_text(st, 3, token_hash);
    psec_stmt_int(st, 4, now);
    if (expires_at > 0)
        psec_stmt_int(st, 5, expires_at);
    else
        psec_stmt_null(st, 5);
    return psec_stmt_run(st, e);
}

int psec_store_token_get(struct psec_db *db, const char *token_hash, int64_t now,
                         struct psec_user_rec *u, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT " USER_COLS " FROM api_token t JOIN app_user u ON u.id = t.user_id "
        "WHERE t.token_hash = ? AND t.revoked = 0 "
        "AND (t.expires_at IS NULL OR t.expires_at > ?)", e);

    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    psec_stmt_text(st, 1, token_hash);
    psec_stmt_int(st, 2, now);
    return one_user(st, u, "no such token", e);
}

json_t *psec_store_token_list(struct psec_db *db, const char *user, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT t.id, u.name AS user, t.label, t.created_at, t.expires_at, t.revoked "
        "FROM api_token t JOIN app_user u ON u.id = t.user_id "
        "WHERE ? IS NULL OR u.name = ? ORDER BY t.id", e);

    if (st == NULL)
        return NULL;
    psec_stmt_text(st, 1, user);
    psec_stmt_text(st, 2, user);
    return psec_stmt_json_rows(st, e);
}

int psec_store_token_revoke(struct psec_db *db, int64_t id, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db, "UPDATE api_token SET revoked = 1 WHERE id = ?", e);
    int rc;

    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    psec_stmt_int(st, 1, id);
    if ((rc = psec_stmt_run(st, e)) != PSEC_OK)
        return rc;
    if (psec_db_changes(db) == 0)
        return psec_err_set(e, PSEC_E_NOTFOUND, "no token with id %lld", (long long)id);
    return PSEC_OK;
}

int psec_store_throttle_get(struct psec_db *db, const char *key, int *failures,
                            int64_t *last_at, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "SELECT failures, last_at FROM login_throttle WHERE key = ?", e);
    int rc;

    *failures = 0;
    *last_at = 0;
    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    psec_stmt_text(st, 1, key);
    rc = psec_stmt_step(st, e);
    if (rc == PSEC_ROW) {
        *failures = (int)psec_stmt_col_int(st, 0);
        *last_at = psec_stmt_col_int(st, 1);
        psec_stmt_run(st, NULL);
        return PSEC_OK;
    }
    return rc == PSEC_DONE ? PSEC_OK : rc;
}

int psec_store_throttle_set(struct psec_db *db, const char *key, int failures,
                            int64_t last_at, struct psec_err *e)
{
    /* Delete then insert: portable where an upsert's syntax differs. */
    struct psec_stmt *st;
    int rc;

    if ((rc = psec_store_throttle_clear(db, key, e)) != PSEC_OK)
        return rc;
    st = psec_db_stmt(db, "INSERT INTO login_throttle(key, failures, last_at) VALUES (?, ?, ?)", e);
    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    psec_stmt_text(st, 1, key);
    psec_stmt_int(st, 2, failures);
    psec_stmt_int(st, 3, last_at);
    return psec_stmt_run(st, e);
}

int psec_store_throttle_clear(struct psec_db *db, const char *key, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db, "DELETE FROM login_throttle WHERE key = ?", e);

    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    psec_stmt_text(st, 1, key);
    return psec_stmt_run(st, e);
}
