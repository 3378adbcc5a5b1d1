/*
 * auth.h (store) — persistence of users, browser sessions, API tokens and
 * login throttling. Only hashes of secrets reach these functions; the rules
 * (roles, expiry, how many failures) live in src/app/auth.c.
 */
#ifndef PORTSEC_STORE_AUTH_H
#define PORTSEC_STORE_AUTH_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "store/db.h"

#define PSEC_USER_NAME_MAX 64
#define PSEC_ROLE_NAME_MAX 16

/* A user as the authentication code needs it. */
struct psec_user_rec {
    int64_t id;
    char name[PSEC_USER_NAME_MAX];
    char role[PSEC_ROLE_NAME_MAX];
    char pwhash[160];               /* crypto_pwhash_STRBYTES is 128 */
    bool disabled;
    int64_t version;
};

/* Inserts a user; PSEC_E_CONFLICT when the name is taken. */
int psec_store_user_add(struct psec_db *db, const char *name, const char *role,
                        const char *pwhash, const char *created_at, struct psec_err *e);
/* Fills u; PSEC_E_NOTFOUND when no such user. */
int psec_store_user_get(struct psec_db *db, const char *name, struct psec_user_rec *u,
                        struct psec_err *e);
/* Users without hashes, as a new JSON array ordered by name. */
json_t *psec_store_user_list(struct psec_db *db, struct psec_err *e);
/* One user without the hash, as a new JSON object. */
json_t *psec_store_user_json(struct psec_db *db, const char *name, struct psec_err *e);
/* Updates role, hash and disabled flag when the version still matches;
 * PSEC_E_CONFLICT when it does not, PSEC_E_NOTFOUND when no such user. */
int psec_store_user_update(struct psec_db *db, const struct psec_user_rec *u,
                           struct psec_err *e);
int64_t psec_store_user_count(struct psec_db *db, struct psec_err *e);

/* Sessions, keyed by the hash of the cookie. */
int psec_store_session_add(struct psec_db *db, const char *token_hash, int64_t user_id,
                           const char *csrf, int64_t now, int64_t expires_at,
                           struct psec_err *e);
/* Looks a live session up together with its user. PSEC_E_NOTFOUND when
 * there is none (or it expired at now). csrf must hold 65 bytes. */
int psec_store_session_get(struct psec_db *db, const char *token_hash, int64_t now,
                           struct psec_user_rec *u, char *csrf, int64_t *seen_at,
                           struct psec_err *e);
int psec_store_session_touch(struct psec_db *db, const char *token_hash, int64_t now,
                             struct psec_err *e);
int psec_store_session_delete(struct psec_db *db, const char *token_hash, struct psec_err *e);
/* Ends every session of a user (disable, password change). */
int psec_store_session_delete_user(struct psec_db *db, int64_t user_id, struct psec_err *e);
/* Removes sessions that expired before now. */
int psec_store_session_purge(struct psec_db *db, int64_t now, struct psec_err *e);

/* API tokens. */
int psec_store_token_add(struct psec_db *db, int64_t user_id, const char *label,
                         const char *token_hash, int64_t now, int64_t expires_at,
                         struct psec_err *e);
int psec_store_token_get(struct psec_db *db, const char *token_hash, int64_t now,
                         struct psec_user_rec *u, struct psec_err *e);
json_t *psec_store_token_list(struct psec_db *db, const char *user, struct psec_err *e);
int psec_store_token_revoke(struct psec_db *db, int64_t id, struct psec_err *e);

/* Login throttling: failures recorded per key, read back with the time of
 * the last one. A key with no row has 0 failures. */
int psec_store_throttle_get(struct psec_db *db, const char *key, int *failures,
                            int64_t *last_at, struct psec_err *e);
int psec_store_throttle_set(struct psec_db *db, const char *key, int failures,
                            int64_t last_at, struct psec_err *e);
int psec_store_throttle_clear(struct psec_db *db, const char *key, struct psec_err *e);

#endif
