/*
 * req.h — one API request as a handler sees it, and the helpers handlers
 * use: path parameters, query arguments, the JSON body, pagination and the
 * reply. Handlers call src/app/ and never hold rules of their own.
 */
#ifndef PORTSEC_HTTP_REQ_H
#define PORTSEC_HTTP_REQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/auth.h"
#include "portsec/error.h"
#include "store/db.h"

#define PSEC_ROUTE_MAX_PARAMS 4

struct psec_req {
    /* request */
    const char *method;
    const char *path;
    void *conn;                         /* struct MHD_Connection */
    struct psec_db *db;                 /* this thread's handle */
    void *worker;                       /* this thread's state (server.c) */
    struct psec_actor actor;            /* role PSEC_ROLE_NONE when anonymous */
    bool by_cookie;                     /* signed in by a session cookie (not a token) */
    char session[PSEC_SECRET_MAX];      /* the cookie value, when by_cookie */
    char csrf[PSEC_CSRF_MAX];
    const char *addr;                   /* client address */
    const char *body;
    size_t body_len;
    int nparams;
    const char *pname[PSEC_ROUTE_MAX_PARAMS];
    char pval[PSEC_ROUTE_MAX_PARAMS][128];

    /* reply */
    int status;                         /* 0: 200 */
    json_t *out;                        /* JSON reply (owned) */
    char *text;                         /* or a non-JSON reply (malloc'd) */
    size_t text_len;
    const char *ctype;
    char set_cookie[256];
    char disposition[128];              /* Content-Disposition, when a download */
    bool audited;                       /* the app wrote its own audit row */
    bool public_cache;                  /* may be cached by browsers briefly */

    /* error */
    struct psec_err err;
    const char *err_field;
    int err_line, err_column, err_position;     /* malformed JSON; 0 when unknown */
    int retry_after;                    /* 429 when > 0 */
};

/* A path parameter ({code}) or NULL. */
const char *psec_req_param(const struct psec_req *rq, const char *name);
/* A query argument or NULL. */
const char *psec_req_query(const struct psec_req *rq, const char *name);
/* A request header or NULL. */
const char *psec_req_header(const struct psec_req *rq, const char *name);

/* Parses the body as one JSON object into *out (new reference). On failure
 * returns PSEC_E_INVALID with the line, column and position. */
int psec_req_json(struct psec_req *rq, json_t **out);

/* Reads ?limit= and ?offset= (defaults 100 and 0, limit at most
 * PSEC_HTTP_MAX_PAGE). PSEC_E_INVALID for anything but whole numbers. */
int psec_req_page_args(struct psec_req *rq, int64_t *limit, int64_t *offset);
/* Replies with {"items": slice, "total", "limit", "offset"} from a whole
 * array (stolen). */
int psec_req_page(struct psec_req *rq, json_t *all);

/* Sets an error: returns code, fills rq->err and the field it concerns. */
int psec_req_fail(struct psec_req *rq, int code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Reply helpers: steal v. */
int psec_req_ok(struct psec_req *rq, int status, json_t *v);
/* A null v means the app failed: the code is taken from e. */
int psec_req_result(struct psec_req *rq, json_t *v, const struct psec_err *e);

/* A required string member of o; PSEC_E_INVALID naming the field otherwise. */
int psec_req_need_str(struct psec_req *rq, json_t *o, const char *key, const char **out);
/* The "version" a versioned write must carry (a whole number >= 1). */
int psec_req_need_version(struct psec_req *rq, json_t *o, int64_t *out);
/* Copies an app function's error into the reply; returns its code. */
int psec_req_app_fail(struct psec_req *rq, const struct psec_err *e);
/* An optional string query argument or body member: NULL when absent. */
const char *psec_req_str(json_t *o, const char *key);
/* Today (UTC) as YYYY-MM-DD into buf (>= 11 bytes). */
const char *psec_req_today(char *buf, size_t size);

/*
 * Objects a handler keeps on its thread between requests (a screener with
 * its tables loaded). A kept object is dropped (free_fn) once any write has
 * gone through this server since it was kept, or after PSEC_HTTP_CACHE_MS,
 * so that it never serves data older than the answer cache would.
 * Slots are numbered in handlers.h.
 */
#define PSEC_KEEP_SLOTS 4
void *psec_req_keep_get(struct psec_req *rq, int slot);
void psec_req_keep_set(struct psec_req *rq, int slot, void *obj, void (*free_fn)(void *));

/* Queue with the server's other writes (for a PSEC_ROUTE_NOLOCK route
 * that writes only sometimes, like a screening that is not a dry run). */
void psec_req_lock_writes(struct psec_req *rq);
void psec_req_unlock_writes(struct psec_req *rq);

/* HTTP status for an error code. */
int psec_http_status(int code);

#endif
