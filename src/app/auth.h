/*
 * auth.h — users, roles, sessions and API tokens: the rules. The CLI
 * (`portsec user`) and the HTTP server call these; SQL is in store/auth.c.
 *
 * Passwords are hashed with Argon2id (libsodium crypto_pwhash_str). Session
 * cookies and API tokens are 32 random bytes; only their BLAKE2b hashes are
 * stored. Failed logins are counted in the database per user name and per
 * address, so several servers on one database throttle together.
 */
#ifndef PORTSEC_APP_AUTH_H
#define PORTSEC_APP_AUTH_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "portsec/error.h"
#include "store/db.h"

/* Roles are ordered: each can do what the ones below it can. */
enum psec_role {
    PSEC_ROLE_NONE = 0,         /* not signed in; public routes only */
    PSEC_ROLE_VIEWER,           /* read */
    PSEC_ROLE_ANALYST,          /* record visits and assessments, screen arrivals */
    PSEC_ROLE_APPROVER,         /* record determinations, publish advisories */
    PSEC_ROLE_ADMIN             /* users */
};

/* Who is acting: written into the audit trail with every change. */
struct psec_actor {
    int64_t user_id;            /* 0 for the command line */
    char name[64];              /* user name, or "cli:LOGIN" */
    int role;                   /* enum psec_role */
    char via[8];                /* "cli", "api" */
};

/* Session cookie and token text: 43 base64url characters (+ "psec_" for
 * tokens) and a NUL. */
#define PSEC_SECRET_MAX 64
#define PSEC_CSRF_MAX 65
#define PSEC_SESSION_COOKIE "psec_session"

/* Lifetimes and throttling, with reasons. */
#define PSEC_SESSION_TTL (12 * 3600)        /* one working day, then sign in again */
#define PSEC_SESSION_IDLE (2 * 3600)        /* an unattended browser closes itself */
#define PSEC_LOGIN_SLOW_AFTER 3             /* failures before each attempt is slowed */
#define PSEC_LOGIN_MAX_FAILURES 5           /* failures per user name before 429 */
#define PSEC_LOGIN_MAX_ADDR_FAILURES 20     /* failures per address before 429 */
#define PSEC_LOGIN_WINDOW (15 * 60)         /* failures older than this are forgotten */
#define PSEC_PASSWORD_MIN 10                /* shorter passwords are refused */
#define PSEC_PASSWORD_MAX 1024              /* longer input is an attack, not a password */

/* "viewer" -> PSEC_ROLE_VIEWER; PSEC_ROLE_NONE when unknown. */
int psec_role_parse(const char *s);
const char *psec_role_name(int role);

/* The actor of a command-line session: "cli:" + the login name. */
void psec_actor_cli(struct psec_actor *a);

/* Initialises libsodium; call once before threads start. */
int psec_auth_init(struct psec_err *e);

/* Checks a user name: 1..63 of [A-Za-z0-9._@-]. */
int psec_user_name_check(const char *name, struct psec_err *e);

int psec_user_add(struct psec_db *db, const struct psec_actor *by, const char *name,
                  const char *role, const char *password, struct psec_err *e);
/* Returns a new JSON object of one user (no hash); PSEC_E_NOTFOUND. */
json_t *psec_user_show(struct psec_db *db, const char *name, struct psec_err *e);
/* Returns a new JSON array of users (no hashes). */
json_t *psec_user_list(struct psec_db *db, struct psec_err *e);
int psec_user_disable(struct psec_db *db, const struct psec_actor *by, const char *name,
                      bool disabled, struct psec_err *e);
int psec_user_passwd(struct psec_db *db, const struct psec_actor *by, const char *name,
                     const char *password, struct psec_err *e);
int psec_user_set_role(struct psec_db *db, const struct psec_actor *by, const char *name,
                       const char *role, struct psec_err *e);

/* Creates an API token for a user; the token (written to out, which holds
 * PSEC_SECRET_MAX bytes) is shown once and never stored. ttl_days 0 means
 * until revoked. */
int psec_token_create(struct psec_db *db, const struct psec_actor *by, const char *user,
                      const char *label, int ttl_days, char *out, struct psec_err *e);
json_t *psec_token_list(struct psec_db *db, const char *user, struct psec_err *e);
int psec_token_revoke(struct psec_db *db, const struct psec_actor *by, int64_t id,
                      struct psec_err *e);

/* The outcome of a login attempt. */
struct psec_login {
    char session[PSEC_SECRET_MAX];      /* the cookie value, on success */
    char csrf[PSEC_CSRF_MAX];
    struct psec_actor actor;
    int retry_after;                    /* seconds; > 0 when throttled (HTTP 429) */
    int delay_ms;                       /* how long the caller should wait before answering */
};

/*
 * Checks a name and password from addr (for throttling) at now. PSEC_OK with
 * a new session; PSEC_E_AUTH for a wrong name or password (one message for
 * both, so names cannot be probed), a disabled user, or when throttled
 * (then out->retry_after > 0).
 */
int psec_login(struct psec_db *db, const char *name, const char *password, const char *addr,
               int64_t now, struct psec_login *out, struct psec_err *e);

/* Finds the session of a cookie value; fills the actor and its CSRF token.
 * PSEC_E_AUTH when there is no live session. */
int psec_session_check(struct psec_db *db, const char *cookie, int64_t now,
                       struct psec_actor *a, char csrf[PSEC_CSRF_MAX], struct psec_err *e);
int psec_session_end(struct psec_db *db, const char *cookie, struct psec_err *e);

/* Finds the user of a bearer token. PSEC_E_AUTH when unknown, revoked,
 * expired or the user is disabled. */
int psec_token_check(struct psec_db *db, const char *token, int64_t now, struct psec_actor *a,
                     struct psec_err *e);

/* Compares two secrets in constant time (lengths may differ). */
bool psec_secret_equal(const char *a, const char *b);

#endif
