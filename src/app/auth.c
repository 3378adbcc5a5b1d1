/*
 * auth.c — users, roles, sessions, API tokens and login throttling.
 *
 * Secrets never reach the database: passwords as Argon2id strings, cookies
 * and tokens as BLAKE2b hashes. A wrong user name and a wrong password get
 * the same answer. Throttling counts failures per user name and per client
 * address in the database (not in memory) so that it holds across servers.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "app/audit.h"
#include "app/auth.h"
#include "base/str.h"
#include "base/time.h"
#include "store/auth.h"

/* An Argon2id hash of a password nobody has, with the parameters real hashes
 * use: checked when the user name is unknown or disabled, so that the answer
 * takes as long as for a real user and names cannot be found by timing. */
static const char decoy_hash[crypto_pwhash_STRBYTES] =
    "$argon2id$v=19$m=65536,t=2,p=1$K/bCqzik00bvXMWFXXx+jg$u/HMzASbUKTIP10lYbIQZrN8/03vhe47wcZNmIvGsnQ";

static const char *const role_names[] = {
    [PSEC_ROLE_NONE] = "none",
    [PSEC_ROLE_VIEWER] = "viewer",
    [PSEC_ROLE_ANALYST] = "analyst",
    [PSEC_ROLE_APPROVER] = "approver",
    [PSEC_ROLE_ADMIN] = "admin",
};

int psec_role_parse(const char *s)
{
    for (int r = PSEC_ROLE_VIEWER; r <= PSEC_ROLE_ADMIN; r++)
        if (s && strcmp(s, role_names[r]) == 0)
            return r;
    return PSEC_ROLE_NONE;
}

const char *psec_role_name(int role)
{
    if (role < PSEC_ROLE_NONE || role > PSEC_ROLE_ADMIN)
        return "none";
    return role_names[role];
}

void psec_actor_cli(struct psec_actor *a)
{
    const char *login = getenv("USER");

    memset(a, 0, sizeof *a);
    if (login == NULL || *login == '\0')
        login = "unknown";
    snprintf(a->name, sizeof a->name, "cli:%s", login);
    a->role = PSEC_ROLE_ADMIN;      /* whoever can open the file owns it */
    psec_strlcpy(a->via, "cli", sizeof a->via);
}

int psec_auth_init(struct psec_err *e)
{
    if (sodium_init() < 0)
        return psec_err_set(e, PSEC_E_IO, "libsodium could not be initialised");
    return PSEC_OK;
}

int psec_user_name_check(const char *name, struct psec_err *e)
{
    size_t n = name ? strlen(name) : 0;

    if (n == 0 || n >= PSEC_USER_NAME_MAX)
        return psec_err_set(e, PSEC_E_INVALID, "a user name has 1 to %d characters",
                            PSEC_USER_NAME_MAX - 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        if (!isalnum(c) && c != '.' && c != '_' && c != '-' && c != '@')
            return psec_err_set(e, PSEC_E_INVALID,
                                "user name %s: only letters, digits and . _ - @ are allowed",
                                name);
    }
    return PSEC_OK;
}

static int password_check(const char *pw, struct psec_err *e)
{
    size_t n = pw ? strlen(pw) : 0;

    if (n < PSEC_PASSWORD_MIN)
        return psec_err_set(e, PSEC_E_INVALID, "a password needs at least %d characters",
                            PSEC_PASSWORD_MIN);
    if (n > PSEC_PASSWORD_MAX)
        return psec_err_set(e, PSEC_E_INVALID, "a password has at most %d characters",
                            PSEC_PASSWORD_MAX);
    return PSEC_OK;
}

static int hash_password(const char *pw, char out[crypto_pwhash_STRBYTES], struct psec_err *e)
{
    if (crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return psec_err_set(e, PSEC_E_NOMEM, "not enough memory to hash the password");
    return PSEC_OK;
}

/* 32 random bytes as base64url without padding (43 characters). */
static void random_secret(char *out, size_t size, const char *prefix)
{
    unsigned char raw[32];
    size_t n = strlen(prefix);

    randombytes_buf(raw, sizeof raw);
    psec_strlcpy(out, prefix, size);
    sodium_bin2base64(out + n, size - n, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
}

/* Hex BLAKE2b-256 of a secret: what the database keeps. */
static void secret_hash(const char *secret, char hex[65])
{
    unsigned char h[32];

    crypto_generichash(h, sizeof h, (const unsigned char *)secret, strlen(secret), NULL, 0);
    sodium_bin2hex(hex, 65, h, sizeof h);
}

bool psec_secret_equal(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    unsigned char diff = na != nb;

    for (size_t i = 0; i < na && i < nb; i++)
        diff |= (unsigned char)(a[i] ^ b[i]);
    return diff == 0;
}

static void actor_from(struct psec_actor *a, const struct psec_user_rec *u)
{
    memset(a, 0, sizeof *a);
    a->user_id = u->id;
    psec_strlcpy(a->name, u->name, sizeof a->name);
    a->role = psec_role_parse(u->role);
    psec_strlcpy(a->via, "api", sizeof a->via);
}

static const char *now_iso(char *buf, size_t size)
{
    return psec_time_format((int64_t)time(NULL), buf, size);
}

int psec_user_add(struct psec_db *db, const struct psec_actor *by, const char *name,
                  const char *role, const char *password, struct psec_err *e)
{
    char hash[crypto_pwhash_STRBYTES], at[32];
    json_t *after;
    int rc;

    if ((rc = psec_user_name_check(name, e)) != PSEC_OK)
        return rc;
    if (psec_role_parse(role) == PSEC_ROLE_NONE)
        return psec_err_set(e, PSEC_E_INVALID,
                            "role %s: use viewer, analyst, approver or admin", role ? role : "");
    if ((rc = password_check(password, e)) != PSEC_OK)
        return rc;
    if ((rc = hash_password(password, hash, e)) != PSEC_OK)
        return rc;
    if ((rc = psec_db_begin(db, e)) != PSEC_OK)
        return rc;
    rc = psec_store_user_add(db, name, role, hash, now_iso(at, sizeof at), e);
    if (rc == PSEC_OK) {
        after = psec_store_user_json(db, name, e);
        rc = after ? psec_audit_write(db, by, "create", "user", name, NULL, after, e) : e->code;
        json_decref(after);
    }
    if (rc != PSEC_OK) {
        psec_db_rollback(db);
        return rc;
    }
    return psec_db_commit(db, e);
}

json_t *psec_user_show(struct psec_db *db, const char *name, struct psec_err *e)
{
    return psec_store_user_json(db, name, e);
}

json_t *psec_user_list(struct psec_db *db, struct psec_err *e)
{
    return psec_store_user_list(db, e);
}

/* Reads a user, lets fn change it, writes it back with an audit row. */
static int user_change(struct psec_db *db, const struct psec_actor *by, const char *name,
                       const char *action, bool end_sessions,
                       void (*fn)(struct psec_user_rec *u, const void *arg), const void *arg,
                       struct psec_err *e)
{
    struct psec_user_rec u;
    json_t *before = NULL, *after = NULL;
    int rc;

    if ((rc = psec_db_begin(db, e)) != PSEC_OK)
        return rc;
    rc = psec_store_user_get(db, name, &u, e);
    if (rc == PSEC_E_NOTFOUND)
        psec_err_set(e, PSEC_E_NOTFOUND, "no such user: %s", name);
    if (rc == PSEC_OK && (before = psec_store_user_json(db, name, e)) == NULL)
        rc = e->code;
    if (rc == PSEC_OK) {
        fn(&u, arg);
        rc = psec_store_user_update(db, &u, e);
    }
    if (rc == PSEC_OK && end_sessions)
        rc = psec_store_session_delete_user(db, u.id, e);
    if (rc == PSEC_OK && (after = psec_store_user_json(db, name, e)) == NULL)
        rc = e->code;
    if (rc == PSEC_OK)
        rc = psec_audit_write(db, by, action, "user", name, before, after, e);
    json_decref(before);
    json_decref(after);
    sodium_memzero(u.pwhash, sizeof u.pwhash);
    if (rc != PSEC_OK) {
        psec_db_rollback(db);
        return rc;
    }
    return psec_db_commit(db, e);
}

static void set_disabled(struct psec_user_rec *u, const void *arg)
{
    u->disabled = *(const bool *)arg;
}

static void set_hash(struct psec_user_rec *u, const void *arg)
{
    psec_strlcpy(u->pwhash, arg, sizeof u->pwhash);
}

static void set_role(struct psec_user_rec *u, const void *arg)
{
    psec_strlcpy(u->role, arg, sizeof u->role);
}

int psec_user_disable(struct psec_db *db, const struct psec_actor *by, const char *name,
                      bool disabled, struct psec_err *e)
{
    return user_change(db, by, name, disabled ? "disable" : "enable", disabled, set_disabled,
                       &disabled, e);
}

int psec_user_passwd(struct psec_db *db, const struct psec_actor *by, const char *name,
                     const char *password, struct psec_err *e)
{
    char hash[crypto_pwhash_STRBYTES];
    int rc;

    if ((rc = password_check(password, e)) != PSEC_OK)
        return rc;
    if ((rc = hash_password(password, hash, e)) != PSEC_OK)
        return rc;
    /* A new password ends the sessions opened with the old one. */
    return user_change(db, by, name, "passwd", true, set_hash, hash, e);
}

int psec_user_set_role(struct psec_db *db, const struct psec_actor *by, const char *name,
                       const char *role, struct psec_err *e)
{
    if (psec_role_parse(role) == PSEC_ROLE_NONE)
        return psec_err_set(e, PSEC_E_INVALID,
                            "role %s: use viewer, analyst, approver or admin", role ? role : "");
    return user_change(db, by, name, "role", false, set_role, role, e);
}

int psec_token_create(struct psec_db *db, const struct psec_actor *by, const char *user,
                      const char *label, int ttl_days, char *out, struct psec_err *e)
{
    struct psec_user_rec u;
    char hex[65];
    int64_t now = (int64_t)time(NULL);
    json_t *after;
    int rc;

    if (ttl_days < 0)
        return psec_err_set(e, PSEC_E_INVALID, "a token lifetime is 0 (no expiry) or more days");
    if ((rc = psec_db_begin(db, e)) != PSEC_OK)
        return rc;
    rc = psec_store_user_get(db, user, &u, e);
    if (rc == PSEC_E_NOTFOUND)
        psec_err_set(e, PSEC_E_NOTFOUND, "no such user: %s", user);
    if (rc == PSEC_OK) {
        random_secret(out, PSEC_SECRET_MAX, "psec_");
        secret_hash(out, hex);
        rc = psec_store_token_add(db, u.id, label ? label : "", hex, now,
                                  ttl_days ? now + (int64_t)ttl_days * PSEC_DAY : 0, e);
    }
    if (rc == PSEC_OK) {
        after = json_pack("{s:s, s:s, s:I}", "user", user, "label", label ? label : "",
                          "id", (json_int_t)psec_db_last_id(db));
        rc = psec_audit_write(db, by, "create", "api_token", user, NULL, after, e);
        json_decref(after);
    }
    if (rc != PSEC_OK) {
        sodium_memzero(out, PSEC_SECRET_MAX);
        psec_db_rollback(db);
        return rc;
    }
    return psec_db_commit(db, e);
}

json_t *psec_token_list(struct psec_db *db, const char *user, struct psec_err *e)
{
    return psec_store_token_list(db, user, e);
}

int psec_token_revoke(struct psec_db *db, const struct psec_actor *by, int64_t id,
                      struct psec_err *e)
{
    char key[32];
    int rc;

    if ((rc = psec_db_begin(db, e)) != PSEC_OK)
        return rc;
    snprintf(key, sizeof key, "%lld", (long long)id);
    rc = psec_store_token_revoke(db, id, e);
    if (rc == PSEC_OK)
        rc = psec_audit_write(db, by, "revoke", "api_token", key, NULL, NULL, e);
    if (rc != PSEC_OK) {
        psec_db_rollback(db);
        return rc;
    }
    return psec_db_commit(db, e);
}

/* Failures of a key still inside the window. */
static int recent_failures(struct psec_db *db, const char *key, int64_t now, int64_t *last,
                           struct psec_err *e)
{
    int n;

    if (psec_store_throttle_get(db, key, &n, last, e) != PSEC_OK)
        return -1;
    if (now - *last >= PSEC_LOGIN_WINDOW)
        return 0;
    return n;
}

int psec_login(struct psec_db *db, const char *name, const char *password, const char *addr,
               int64_t now, struct psec_login *out, struct psec_err *e)
{
    char ukey[96], akey[96], hex[65];
    struct psec_user_rec u;
    int64_t ulast = 0, alast = 0;
    int uf, af, rc;
    bool ok;

    memset(out, 0, sizeof *out);
    if (name == NULL || password == NULL || strlen(name) >= PSEC_USER_NAME_MAX ||
        strlen(password) > PSEC_PASSWORD_MAX)
        return psec_err_set(e, PSEC_E_AUTH, "wrong user name or password");
    snprintf(ukey, sizeof ukey, "user:%s", name);
    snprintf(akey, sizeof akey, "addr:%s", addr ? addr : "?");
    if ((uf = recent_failures(db, ukey, now, &ulast, e)) < 0 ||
        (af = recent_failures(db, akey, now, &alast, e)) < 0)
        return e->code;
    if (uf >= PSEC_LOGIN_MAX_FAILURES || af >= PSEC_LOGIN_MAX_ADDR_FAILURES) {
        int64_t until = uf >= PSEC_LOGIN_MAX_FAILURES ? ulast : alast;
        out->retry_after = (int)(until + PSEC_LOGIN_WINDOW - now);
        if (out->retry_after < 1)
            out->retry_after = 1;
        return psec_err_set(e, PSEC_E_AUTH,
                            "too many failed logins; try again in %d seconds", out->retry_after);
    }
    rc = psec_store_user_get(db, name, &u, e);
    if (rc != PSEC_OK && rc != PSEC_E_NOTFOUND)
        return rc;
    if (rc == PSEC_OK && !u.disabled)
        ok = crypto_pwhash_str_verify(u.pwhash, password, strlen(password)) == 0;
    else {
        int spent = crypto_pwhash_str_verify(decoy_hash, password, strlen(password));
        (void)spent;        /* only the time it takes matters */
        ok = false;
    }
    sodium_memzero(u.pwhash, sizeof u.pwhash);
    if (!ok) {
        if ((rc = psec_db_begin(db, e)) != PSEC_OK)
            return rc;
        rc = psec_store_throttle_set(db, ukey, uf + 1, now, e);
        if (rc == PSEC_OK)
            rc = psec_store_throttle_set(db, akey, af + 1, now, e);
        if (rc != PSEC_OK) {
            psec_db_rollback(db);
            return rc;
        }
        if ((rc = psec_db_commit(db, e)) != PSEC_OK)
            return rc;
        if (uf + 1 >= PSEC_LOGIN_SLOW_AFTER) {
            out->delay_ms = 250 * (uf + 2 - PSEC_LOGIN_SLOW_AFTER);
            if (out->delay_ms > 2000)
                out->delay_ms = 2000;
        }
        return psec_err_set(e, PSEC_E_AUTH, "wrong user name or password");
    }
    random_secret(out->session, sizeof out->session, "");
    {
        unsigned char raw[32];
        randombytes_buf(raw, sizeof raw);
        sodium_bin2hex(out->csrf, sizeof out->csrf, raw, sizeof raw);
    }
    secret_hash(out->session, hex);
    if ((rc = psec_db_begin(db, e)) != PSEC_OK)
        return rc;
    rc = psec_store_throttle_clear(db, ukey, e);
    if (rc == PSEC_OK)
        rc = psec_store_session_purge(db, now, e);
    if (rc == PSEC_OK)
        rc = psec_store_session_add(db, hex, u.id, out->csrf, now, now + PSEC_SESSION_TTL, e);
    if (rc != PSEC_OK) {
        psec_db_rollback(db);
        memset(out, 0, sizeof *out);
        return rc;
    }
    if ((rc = psec_db_commit(db, e)) != PSEC_OK) {
        memset(out, 0, sizeof *out);
        return rc;
    }
    actor_from(&out->actor, &u);
    return PSEC_OK;
}

int psec_session_check(struct psec_db *db, const char *cookie, int64_t now,
                       struct psec_actor *a, char csrf[PSEC_CSRF_MAX], struct psec_err *e)
{
    struct psec_user_rec u;
    char hex[65];
    int64_t seen;
    int rc;

    if (cookie == NULL || *cookie == '\0' || strlen(cookie) >= PSEC_SECRET_MAX)
        return psec_err_set(e, PSEC_E_AUTH, "sign in first");
    secret_hash(cookie, hex);
    rc = psec_store_session_get(db, hex, now, &u, csrf, &seen, e);
    if (rc == PSEC_E_NOTFOUND)
        return psec_err_set(e, PSEC_E_AUTH, "the session has ended; sign in again");
    if (rc != PSEC_OK)
        return rc;
    sodium_memzero(u.pwhash, sizeof u.pwhash);
    if (u.disabled || now - seen > PSEC_SESSION_IDLE) {
        psec_store_session_delete(db, hex, NULL);
        return psec_err_set(e, PSEC_E_AUTH, "the session has ended; sign in again");
    }
    /* Touch at most once a minute: a write per request would serialise readers. */
    if (now - seen > 60)
        psec_store_session_touch(db, hex, now, NULL);
    actor_from(a, &u);
    return PSEC_OK;
}

int psec_session_end(struct psec_db *db, const char *cookie, struct psec_err *e)
{
    char hex[65];

    if (cookie == NULL || strlen(cookie) >= PSEC_SECRET_MAX)
        return PSEC_OK;
    secret_hash(cookie, hex);
    return psec_store_session_delete(db, hex, e);
}

int psec_token_check(struct psec_db *db, const char *token, int64_t now, struct psec_actor *a,
                     struct psec_err *e)
{
    struct psec_user_rec u;
    char hex[65];
    int rc;

    if (token == NULL || strlen(token) >= PSEC_SECRET_MAX)
        return psec_err_set(e, PSEC_E_AUTH, "unknown API token");
    secret_hash(token, hex);
    rc = psec_store_token_get(db, hex, now, &u, e);
    if (rc == PSEC_E_NOTFOUND || (rc == PSEC_OK && u.disabled))
        return psec_err_set(e, PSEC_E_AUTH, "unknown, revoked or expired API token");
    if (rc != PSEC_OK)
        return rc;
    sodium_memzero(u.pwhash, sizeof u.pwhash);
    actor_from(a, &u);
    return PSEC_OK;
}
