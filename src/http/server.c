/*
 * server.c — libmicrohttpd glue: accepting requests, collecting bodies up to
 * the limit, signing the caller in (session cookie + CSRF header, or bearer
 * token), checking the route's role, calling the handler, writing the audit
 * row for writes the app did not record itself, and answering in JSON.
 * Anything outside /api/ is a static file of the dashboard.
 *
 * Threads: libmicrohttpd's thread pool; each pool thread opens its own
 * database handle on first use (kept in a thread-specific key and closed
 * when the thread ends), since a handle must not be shared between threads.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "app/audit.h"
#include "app/auth.h"
#include "base/str.h"
#include "http/http.h"
#include "http/req.h"
#include "http/route.h"
#include "http/static.h"

struct psec_http {
    struct MHD_Daemon *d;
    struct psec_http_config cfg;
    char *db_uri;
    char webroot[PATH_MAX];             /* realpath of cfg.webdir; "" when none */
    pthread_key_t dbkey;                /* struct worker of each pool thread */
    atomic_ulong generation;            /* bumped by every write: invalidates caches */
    pthread_mutex_t write_lock;         /* one write request at a time (see serve_api) */
    bool key_made, lock_made;
    int port;
};

/* What one connection collects between libmicrohttpd's calls. */
struct conn_state {
    char *body;
    size_t len, cap;
    bool too_big;                       /* over the limit: 413 */
    bool queued;                        /* the 413 is already queued */
    size_t drained;                     /* bytes of an oversize body thrown away */
};

static void logf_(struct psec_http *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void logf_(struct psec_http *h, const char *fmt, ...)
{
    char line[1024];
    va_list ap;

    if (h->cfg.log == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    h->cfg.log(h->cfg.log_ctx, line);
}

/* libmicrohttpd hands us its own printf format: trusted, so the check is
 * silenced for this one call. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    struct psec_http *h = cls;
    char line[1024];
    size_t n;

    if (h->cfg.log == NULL)
        return;
    vsnprintf(line, sizeof line, fmt, ap);
    n = strlen(line);
    while (n > 0 && line[n - 1] == '\n')
        line[--n] = '\0';
    h->cfg.log(h->cfg.log_ctx, line);
}
#pragma GCC diagnostic pop

/*
 * A pool thread's own state: its database handle and a small cache of
 * answers to routes flagged PSEC_ROUTE_CACHE (lists that many clients poll,
 * such as the conditions-of-entry list). An entry is used only while no
 * write went through this server since it was made (h->generation) and it
 * is younger than PSEC_HTTP_CACHE_MS, which bounds how stale a change made
 * by another process (the CLI, another server) can look.
 */
#define CACHE_SLOTS 16

struct cache_entry {
    char *key;                          /* path and query */
    char *body;
    size_t len;
    unsigned long generation;
    int64_t made_ms;
};

struct kept {
    void *obj;
    void (*free_fn)(void *);
    unsigned long generation;
    int64_t made_ms;
};

struct worker {
    struct psec_http *h;
    struct psec_db *db;
    struct cache_entry cache[CACHE_SLOTS];
    unsigned next;                      /* slot to replace next */
    struct kept keep[PSEC_KEEP_SLOTS];
};

static void worker_free(void *p)
{
    struct worker *w = p;

    if (w == NULL)
        return;
    /* Kept objects may borrow the handle: free them first. */
    for (int i = 0; i < PSEC_KEEP_SLOTS; i++)
        if (w->keep[i].obj && w->keep[i].free_fn)
            w->keep[i].free_fn(w->keep[i].obj);
    psec_db_close(w->db);
    for (int i = 0; i < CACHE_SLOTS; i++) {
        free(w->cache[i].key);
        free(w->cache[i].body);
    }
    free(w);
}

/* This thread's state, with its database opened on first use. */
static struct worker *thread_worker(struct psec_http *h, struct psec_err *e)
{
    struct worker *w = pthread_getspecific(h->dbkey);

    if (w == NULL) {
        if ((w = calloc(1, sizeof *w)) == NULL) {
            psec_err_set(e, PSEC_E_NOMEM, "out of memory");
            return NULL;
        }
        if (psec_db_open(&w->db, h->db_uri, PSEC_DB_NOCREATE, e) != PSEC_OK) {
            free(w);
            return NULL;
        }
        w->h = h;
        pthread_setspecific(h->dbkey, w);
    }
    return w;
}

static int64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void *psec_req_keep_get(struct psec_req *rq, int slot)
{
    struct worker *w = rq->worker;
    struct kept *k;

    if (w == NULL || slot < 0 || slot >= PSEC_KEEP_SLOTS)
        return NULL;
    k = &w->keep[slot];
    if (k->obj && (k->generation != atomic_load(&w->h->generation) ||
                   now_ms() - k->made_ms >= PSEC_HTTP_CACHE_MS)) {
        if (k->free_fn)
            k->free_fn(k->obj);
        k->obj = NULL;
    }
    return k->obj;
}

void psec_req_keep_set(struct psec_req *rq, int slot, void *obj, void (*free_fn)(void *))
{
    struct worker *w = rq->worker;
    struct kept *k;

    if (w == NULL || slot < 0 || slot >= PSEC_KEEP_SLOTS) {
        if (obj && free_fn)
            free_fn(obj);
        return;
    }
    k = &w->keep[slot];
    if (k->obj && k->obj != obj && k->free_fn)
        k->free_fn(k->obj);
    k->obj = obj;
    k->free_fn = free_fn;
    k->generation = atomic_load(&w->h->generation);
    k->made_ms = now_ms();
}

void psec_req_lock_writes(struct psec_req *rq)
{
    struct worker *w = rq->worker;

    if (w)
        pthread_mutex_lock(&w->h->write_lock);
}

void psec_req_unlock_writes(struct psec_req *rq)
{
    struct worker *w = rq->worker;

    if (w)
        pthread_mutex_unlock(&w->h->write_lock);
}

struct keybuf {
    char *buf;
    size_t len, cap;
    bool overflow;
};

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *k, const char *v)
{
    struct keybuf *kb = cls;
    int n;

    (void)kind;
    n = snprintf(kb->buf + kb->len, kb->cap - kb->len, "%c%s=%s", kb->len ? '&' : '?', k,
                 v ? v : "");
    if (n < 0 || (size_t)n >= kb->cap - kb->len) {
        kb->overflow = true;
        return MHD_NO;
    }
    kb->len += (size_t)n;
    return MHD_YES;
}

/* "path?a=1&b=2" into buf; false when it does not fit (then no caching). */
static bool cache_key(struct MHD_Connection *c, const char *url, char *buf, size_t size)
{
    char args[1024];
    struct keybuf kb = { args, 0, sizeof args, false };
    int n;

    args[0] = '\0';
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_arg, &kb);
    if (kb.overflow)
        return false;
    n = snprintf(buf, size, "%s%s", url, args);
    return n > 0 && (size_t)n < size;
}

static struct cache_entry *cache_find(struct psec_http *h, struct worker *w, const char *key)
{
    unsigned long gen = atomic_load(&h->generation);
    int64_t now = now_ms();

    for (int i = 0; i < CACHE_SLOTS; i++) {
        struct cache_entry *c = &w->cache[i];
        if (c->key && strcmp(c->key, key) == 0 && c->generation == gen &&
            now - c->made_ms < PSEC_HTTP_CACHE_MS)
            return c;
    }
    return NULL;
}

static void cache_put(struct psec_http *h, struct worker *w, const char *key, const char *body,
                      size_t len, unsigned long gen)
{
    struct cache_entry *c = NULL;

    for (int i = 0; i < CACHE_SLOTS && c == NULL; i++)
        if (w->cache[i].key && strcmp(w->cache[i].key, key) == 0)
            c = &w->cache[i];
    if (c == NULL) {
        c = &w->cache[w->next];
        w->next = (w->next + 1) % CACHE_SLOTS;
    }
    free(c->key);
    free(c->body);
    c->key = strdup(key);
    c->body = malloc(len ? len : 1);
    if (c->key == NULL || c->body == NULL) {
        free(c->key);
        free(c->body);
        c->key = c->body = NULL;
        return;
    }
    memcpy(c->body, body, len);
    c->len = len;
    c->generation = gen;
    c->made_ms = now_ms();
    (void)h;
}

static void add_common_headers(struct MHD_Response *r)
{
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "same-origin");
}

static enum MHD_Result queue_buffer(struct MHD_Connection *c, int status, char *buf, size_t len,
                                    const char *ctype, const struct psec_req *rq)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(len, buf, MHD_RESPMEM_MUST_FREE);
    enum MHD_Result ret;
    char num[32];

    if (r == NULL) {
        free(buf);
        return MHD_NO;
    }
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
    add_common_headers(r);
    /* An HTML report holds people's text: no script may run in it, whatever it says. */
    if (strncmp(ctype, "text/html", 9) == 0)
        MHD_add_response_header(r, "Content-Security-Policy",
                                "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                                "frame-ancestors 'none'");
    if (rq && rq->public_cache)
        MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "public, max-age=60");
    else
        MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    if (rq && rq->set_cookie[0])
        MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE, rq->set_cookie);
    if (rq && rq->disposition[0])
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_DISPOSITION, rq->disposition);
    if (rq && rq->retry_after > 0) {
        snprintf(num, sizeof num, "%d", rq->retry_after);
        MHD_add_response_header(r, MHD_HTTP_HEADER_RETRY_AFTER, num);
    }
    if (status == MHD_HTTP_UNAUTHORIZED)
        MHD_add_response_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE,
                                "Bearer realm=\"portsec\"");
    ret = MHD_queue_response(c, (unsigned)status, r);
    MHD_destroy_response(r);
    return ret;
}

/* {"error": {"code", "message", "field"}} with the status. */
static enum MHD_Result queue_error(struct MHD_Connection *c, int status, const char *code,
                                   const char *message, const char *field,
                                   const struct psec_req *rq)
{
    json_t *err = json_pack("{s:s, s:s, s:s?}", "code", code, "message", message, "field", field);
    json_t *doc;
    char *text;

    if (err && rq && rq->err_line > 0) {
        json_object_set_new(err, "line", json_integer(rq->err_line));
        json_object_set_new(err, "column", json_integer(rq->err_column));
        json_object_set_new(err, "position", json_integer(rq->err_position));
    }
    doc = json_pack("{s:o}", "error", err ? err : json_object());
    text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
    json_decref(doc);
    if (text == NULL)
        return MHD_NO;
    return queue_buffer(c, status, text, strlen(text), "application/json", rq);
}

static const char *error_code_name(int status, int code)
{
    if (status == 429)
        return "too_many_requests";
    if (status == 405)
        return "method_not_allowed";
    if (status == 415)
        return "unsupported_media_type";
    if (code == PSEC_E_USAGE)
        return "invalid";
    return psec_code_name(code);
}

static void client_addr(struct MHD_Connection *c, char *out, size_t size)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;

    psec_strlcpy(out, "?", size);
    if (sa == NULL)
        return;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
                  (socklen_t)size);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
                  (socklen_t)size);
}

static bool is_write(const char *method)
{
    return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;
}

/*
 * Signs the caller in from a bearer token or a session cookie. A missing or
 * stale credential leaves the caller anonymous (public routes still work);
 * a cookie session that writes must echo its CSRF token.
 */
static int sign_in(struct psec_req *rq, bool *csrf_ok)
{
    const char *authz = psec_req_header(rq, MHD_HTTP_HEADER_AUTHORIZATION);
    const char *cookie;
    int64_t now = (int64_t)time(NULL);
    struct psec_err e = { 0 };
    int rc;

    *csrf_ok = true;
    if (authz && strncmp(authz, "Bearer ", 7) == 0) {
        rc = psec_token_check(rq->db, authz + 7, now, &rq->actor, &e);
        if (rc != PSEC_OK && rc != PSEC_E_AUTH) {
            rq->err = e;
            return rc;
        }
        if (rc == PSEC_E_AUTH)
            rq->err = e;
        return PSEC_OK;
    }
    cookie = MHD_lookup_connection_value(rq->conn, MHD_COOKIE_KIND, PSEC_SESSION_COOKIE);
    if (cookie == NULL)
        return PSEC_OK;
    rc = psec_session_check(rq->db, cookie, now, &rq->actor, rq->csrf, &e);
    if (rc == PSEC_E_AUTH) {
        rq->err = e;
        return PSEC_OK;
    }
    if (rc != PSEC_OK) {
        rq->err = e;
        return rc;
    }
    rq->by_cookie = true;
    psec_strlcpy(rq->session, cookie, sizeof rq->session);
    if (is_write(rq->method)) {
        const char *sent = psec_req_header(rq, "X-CSRF-Token");
        *csrf_ok = sent != NULL && psec_secret_equal(sent, rq->csrf);
    }
    return PSEC_OK;
}

/* Entity of a route for the fallback audit row: "countries" from
 * "/api/v1/countries/{code}". */
static void route_entity(const char *pattern, char *out, size_t size)
{
    const char *p = strncmp(pattern, "/api/v1/", 8) == 0 ? pattern + 8 : pattern;
    size_t len = strcspn(p, "/");

    if (len >= size)
        len = size - 1;
    memcpy(out, p, len);
    out[len] = '\0';
}

static void audit_fallback(struct psec_http *h, struct psec_req *rq, const struct psec_route *r)
{
    char entity[64];
    struct psec_err e = { 0 };
    json_t *after = NULL;

    route_entity(r->pattern, entity, sizeof entity);
    if (rq->body_len > 0)
        after = json_loadb(rq->body, rq->body_len, 0, NULL);
    if (psec_audit_write(rq->db, &rq->actor, rq->method, entity, rq->path, NULL, after, &e) !=
        PSEC_OK)
        logf_(h, "audit: %s %s: %s", rq->method, rq->path, e.msg);
    json_decref(after);
}

static enum MHD_Result reply(struct psec_http *h, struct MHD_Connection *c, struct psec_req *rq,
                             int status)
{
    enum MHD_Result ret;

    if (status >= 400) {
        const char *code = error_code_name(status, rq->err.code);
        ret = queue_error(c, status, code, rq->err.msg[0] ? rq->err.msg : psec_strerror(rq->err.code),
                          rq->err_field, rq);
    } else if (rq->text) {
        ret = queue_buffer(c, status, rq->text, rq->text_len,
                           rq->ctype ? rq->ctype : "text/plain; charset=utf-8", rq);
        rq->text = NULL;
    } else {
        char *text = json_dumps(rq->out ? rq->out : json_null(),
                                JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(10));
        ret = text ? queue_buffer(c, status, text, strlen(text), "application/json", rq) : MHD_NO;
    }
    if (h->cfg.access_log)
        logf_(h, "%s %s %d %s", rq->method, rq->path, status,
              rq->actor.role ? rq->actor.name : "-");
    return ret;
}

static enum MHD_Result serve_api(struct psec_http *h, struct MHD_Connection *c, const char *url,
                                 const char *method, struct conn_state *st)
{
    struct psec_req rq;
    struct psec_err e = { 0 };
    const struct psec_route *r;
    struct worker *w;
    bool known, csrf_ok, cacheable, serialise;
    unsigned long gen;
    char addr[64], key[2048];
    int rc, status;
    enum MHD_Result ret;

    memset(&rq, 0, sizeof rq);
    rq.method = method;
    rq.path = url;
    rq.conn = c;
    client_addr(c, addr, sizeof addr);
    rq.addr = addr;
    rq.body = st->body;
    rq.body_len = st->len;

    r = psec_route_find(method, url, &rq, &known);
    if (r == NULL) {
        if (known) {
            psec_req_fail(&rq, PSEC_E_USAGE, NULL, "%s is not allowed on %s", method, url);
            return reply(h, c, &rq, 405);
        }
        psec_req_fail(&rq, PSEC_E_NOTFOUND, NULL, "no API route %s %s", method, url);
        return reply(h, c, &rq, 404);
    }
    /* Bodies are JSON. Insisting on the media type also means a cross-site
     * HTML form (which cannot send application/json without a CORS
     * preflight) can never post to the API, sign-in included. */
    if (st->len > 0) {
        const char *ct = psec_req_header(&rq, MHD_HTTP_HEADER_CONTENT_TYPE);
        if (ct == NULL || strncmp(ct, "application/json", 16) != 0) {
            psec_req_fail(&rq, PSEC_E_INVALID, NULL,
                          "send the body as application/json (Content-Type header)");
            return reply(h, c, &rq, 415);
        }
    }
    if ((w = thread_worker(h, &e)) == NULL) {
        logf_(h, "database: %s", e.msg);
        rq.err = e;
        return reply(h, c, &rq, psec_http_status(e.code));
    }
    rq.db = w->db;
    rq.worker = w;
    if ((rc = sign_in(&rq, &csrf_ok)) != PSEC_OK)
        return reply(h, c, &rq, psec_http_status(rc));
    if (r->min_role > PSEC_ROLE_NONE) {
        if (rq.actor.role == PSEC_ROLE_NONE) {
            if (rq.err.code != PSEC_E_AUTH)
                psec_req_fail(&rq, PSEC_E_AUTH, NULL, "sign in or send an API token");
            return reply(h, c, &rq, 401);
        }
        if (!csrf_ok) {
            psec_req_fail(&rq, PSEC_E_PERM, NULL,
                          "missing or wrong X-CSRF-Token header for a write in a browser session");
            return reply(h, c, &rq, 403);
        }
        if (rq.actor.role < r->min_role) {
            psec_req_fail(&rq, PSEC_E_PERM, NULL, "%s needs the %s role; you are %s", url,
                          psec_role_name(r->min_role), psec_role_name(rq.actor.role));
            return reply(h, c, &rq, 403);
        }
    }
    psec_err_clear(&rq.err);
    cacheable = (r->flags & PSEC_ROUTE_CACHE) && !is_write(method) &&
                cache_key(c, url, key, sizeof key);
    if (cacheable) {
        struct cache_entry *hit = cache_find(h, w, key);
        if (hit && (rq.text = malloc(hit->len ? hit->len : 1)) != NULL) {
            memcpy(rq.text, hit->body, hit->len);
            rq.text_len = hit->len;
            rq.ctype = "application/json";
            rq.public_cache = r->min_role == PSEC_ROLE_NONE;
            return reply(h, c, &rq, 200);
        }
    }
    gen = atomic_load(&h->generation);
    /* SQLite lets one writer in at a time; threads that collide wait in its
     * busy handler, which sleeps in steps of up to 100 ms and made the p99
     * of stored screenings 275 ms. Queuing writes on a mutex here wakes the
     * next one as soon as the last commits. Sign-in is left out: it spends
     * its time hashing a password, not writing. */
    serialise = is_write(method) && !(r->flags & PSEC_ROUTE_NOLOCK);
    if (serialise)
        pthread_mutex_lock(&h->write_lock);
    rc = r->fn(&rq);
    if (rc == PSEC_OK && is_write(method) && (rq.status ? rq.status : 200) < 300 && !rq.audited &&
        !(r->flags & PSEC_ROUTE_NOAUDIT))
        audit_fallback(h, &rq, r);
    if (serialise)
        pthread_mutex_unlock(&h->write_lock);
    if (rc == PSEC_OK) {
        status = rq.status ? rq.status : 200;
        if (is_write(method) && !(r->flags & PSEC_ROUTE_NOAUDIT))
            atomic_fetch_add(&h->generation, 1);
        if (cacheable && status == 200 && rq.out && rq.text == NULL &&
            (rq.text = json_dumps(rq.out, JSON_COMPACT | JSON_ENCODE_ANY |
                                              JSON_REAL_PRECISION(10))) != NULL) {
            rq.text_len = strlen(rq.text);
            rq.ctype = "application/json";
            cache_put(h, w, key, rq.text, rq.text_len, gen);
        }
    } else {
        status = rq.retry_after > 0 ? 429 : psec_http_status(rc);
        if (rq.err.code == PSEC_OK)
            rq.err.code = rc;
        if (status == 500)
            logf_(h, "%s %s: %s", method, url, rq.err.msg);
    }
    ret = reply(h, c, &rq, status);
    json_decref(rq.out);
    free(rq.text);
    psec_db_release(rq.db);
    return ret;
}

static enum MHD_Result serve_file(struct psec_http *h, struct MHD_Connection *c, const char *url,
                                  const char *method)
{
    char path[PATH_MAX];
    struct psec_req rq;
    struct MHD_Response *r;
    struct stat sb;
    enum MHD_Result ret;
    int fd;

    memset(&rq, 0, sizeof rq);
    rq.method = method;
    rq.path = url;
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        psec_req_fail(&rq, PSEC_E_USAGE, NULL, "%s is not allowed on static files", method);
        return reply(h, c, &rq, 405);
    }
    if (h->webroot[0] == '\0' || psec_web_resolve(h->webroot, url, path, sizeof path, NULL) != PSEC_OK ||
        (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        psec_req_fail(&rq, PSEC_E_NOTFOUND, NULL, "no such file: %s", url);
        return reply(h, c, &rq, 404);
    }
    if (fstat(fd, &sb) != 0 || (r = MHD_create_response_from_fd((uint64_t)sb.st_size, fd)) == NULL) {
        close(fd);
        psec_req_fail(&rq, PSEC_E_IO, NULL, "cannot read %s", url);
        return reply(h, c, &rq, 500);
    }
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, psec_web_ctype(path));
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; "
                            "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
    add_common_headers(r);
    ret = MHD_queue_response(c, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    if (h->cfg.access_log)
        logf_(h, "%s %s 200", method, url);
    return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **con_cls)
{
    struct psec_http *h = cls;
    struct conn_state *st = *con_cls;

    (void)version;
    if (st == NULL) {
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                     MHD_HTTP_HEADER_CONTENT_LENGTH);
        int64_t n;
        if ((st = calloc(1, sizeof *st)) == NULL)
            return MHD_NO;
        *con_cls = st;
        /* Refuse a declared oversize body before reading a byte of it. */
        if (cl && psec_parse_i64(cl, &n) && n > (int64_t)h->cfg.max_body) {
            struct psec_req rq;
            memset(&rq, 0, sizeof rq);
            rq.method = method;
            rq.path = url;
            st->too_big = true;
            st->queued = true;
            psec_req_fail(&rq, PSEC_E_LIMIT, NULL, "the body is larger than %zu bytes",
                          h->cfg.max_body);
            return reply(h, c, &rq, 413);
        }
        return MHD_YES;
    }
    if (*upload_size > 0) {
        size_t n = *upload_size;
        *upload_size = 0;
        if (st->too_big) {
            /* Drain what the client is still sending so that it reads our
             * 413 instead of a reset; give up on a client that never stops. */
            st->drained += n;
            return st->drained > 16 * h->cfg.max_body ? MHD_NO : MHD_YES;
        }
        if (st->len + n > h->cfg.max_body) {
            st->too_big = true;
            st->drained = st->len + n;
            free(st->body);
            st->body = NULL;
            st->len = st->cap = 0;
            return MHD_YES;
        }
        if (st->len + n + 1 > st->cap) {
            size_t cap = st->cap ? st->cap : 4096;
            char *b;
            while (cap < st->len + n + 1)
                cap *= 2;
            if ((b = realloc(st->body, cap)) == NULL)
                return MHD_NO;
            st->body = b;
            st->cap = cap;
        }
        memcpy(st->body + st->len, upload, n);
        st->len += n;
        st->body[st->len] = '\0';
        return MHD_YES;
    }
    if (st->too_big) {
        struct psec_req rq;
        if (st->queued)
            return MHD_YES;             /* the 413 went out before the body */
        memset(&rq, 0, sizeof rq);
        rq.method = method;
        rq.path = url;
        st->queued = true;
        psec_req_fail(&rq, PSEC_E_LIMIT, NULL, "the body is larger than %zu bytes",
                      h->cfg.max_body);
        return reply(h, c, &rq, 413);
    }
    if (strncmp(url, "/api/", 5) == 0 || strcmp(url, "/api") == 0)
        return serve_api(h, c, url, method, st);
    return serve_file(h, c, url, method);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct conn_state *st = *con_cls;

    (void)cls;
    (void)c;
    (void)toe;
    if (st) {
        free(st->body);
        free(st);
        *con_cls = NULL;
    }
}

/* "127.0.0.1:8080", "[::1]:8080", ":8080" (all IPv4), "8080". */
static int parse_listen(const char *s, struct sockaddr_storage *ss, bool *v6, struct psec_err *e)
{
    char host[128] = "127.0.0.1";
    const char *port_s;
    int port;

    memset(ss, 0, sizeof *ss);
    *v6 = false;
    if (s[0] == '[') {
        const char *end = strchr(s, ']');
        if (end == NULL || end[1] != ':' || (size_t)(end - s - 1) >= sizeof host)
            return psec_err_set(e, PSEC_E_USAGE, "--listen %s: use [ADDR]:PORT for IPv6", s);
        memcpy(host, s + 1, (size_t)(end - s - 1));
        host[end - s - 1] = '\0';
        port_s = end + 2;
        *v6 = true;
    } else if ((port_s = strrchr(s, ':')) != NULL) {
        size_t len = (size_t)(port_s - s);
        if (len >= sizeof host)
            return psec_err_set(e, PSEC_E_USAGE, "--listen %s: address too long", s);
        if (len > 0) {
            memcpy(host, s, len);
            host[len] = '\0';
        } else {
            psec_strlcpy(host, "0.0.0.0", sizeof host);
        }
        port_s++;
    } else {
        port_s = s;
    }
    if (!psec_parse_int(port_s, &port) || port < 0 || port > 65535)
        return psec_err_set(e, PSEC_E_USAGE, "--listen %s: %s is not a port number", s, port_s);
    if (*v6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)(void *)ss;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((uint16_t)port);
        if (inet_pton(AF_INET6, host, &a->sin6_addr) != 1)
            return psec_err_set(e, PSEC_E_USAGE, "--listen %s: %s is not an IPv6 address", s,
                                host);
    } else {
        struct sockaddr_in *a = (struct sockaddr_in *)(void *)ss;
        a->sin_family = AF_INET;
        a->sin_port = htons((uint16_t)port);
        if (inet_pton(AF_INET, host, &a->sin_addr) != 1)
            return psec_err_set(e, PSEC_E_USAGE, "--listen %s: %s is not an IPv4 address", s,
                                host);
    }
    return PSEC_OK;
}

struct psec_http *psec_http_start(const struct psec_http_config *cfg, struct psec_err *e)
{
    struct psec_http *h = calloc(1, sizeof *h);
    struct sockaddr_storage ss;
    struct psec_db *db = NULL;
    const union MHD_DaemonInfo *di;
    unsigned threads;
    bool v6;
    long ncpu;

    if (h == NULL) {
        psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        return NULL;
    }
    h->cfg = *cfg;
    if (h->cfg.timeout_s == 0)
        h->cfg.timeout_s = PSEC_HTTP_TIMEOUT;
    if (h->cfg.max_conns == 0)
        h->cfg.max_conns = PSEC_HTTP_MAX_CONNS;
    if (h->cfg.max_body == 0)
        h->cfg.max_body = PSEC_HTTP_MAX_BODY;
    if (psec_auth_init(e) != PSEC_OK)
        goto fail;
    if (parse_listen(cfg->listen ? cfg->listen : "127.0.0.1:8080", &ss, &v6, e) != PSEC_OK)
        goto fail;
    if ((h->db_uri = strdup(cfg->db_uri)) == NULL) {
        psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        goto fail;
    }
    /* Open (and migrate) once here, before any thread races to do it. */
    if (psec_db_open(&db, h->db_uri, 0, e) != PSEC_OK)
        goto fail;
    psec_db_close(db);
    if (cfg->webdir && realpath(cfg->webdir, h->webroot) == NULL) {
        psec_err_set(e, PSEC_E_IO, "%s: cannot open the web folder: %s", cfg->webdir,
                     strerror(errno));
        goto fail;
    }
    if (pthread_key_create(&h->dbkey, worker_free) != 0) {
        psec_err_set(e, PSEC_E_NOMEM, "cannot create a thread key");
        goto fail;
    }
    h->key_made = true;
    pthread_mutex_init(&h->write_lock, NULL);
    h->lock_made = true;
    ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    threads = cfg->threads ? cfg->threads : (ncpu > 0 ? (unsigned)ncpu : 2);
    h->d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
            (v6 ? MHD_USE_IPv6 : 0),
        0, NULL, NULL, on_request, h,
        MHD_OPTION_EXTERNAL_LOGGER, mhd_log, h,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_LIMIT, h->cfg.max_conns,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)PSEC_HTTP_MAX_PER_IP,
        MHD_OPTION_CONNECTION_TIMEOUT, h->cfg.timeout_s,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, h,
        MHD_OPTION_LISTENING_ADDRESS_REUSE, 1,
        MHD_OPTION_END);
    if (h->d == NULL) {
        psec_err_set(e, PSEC_E_IO, "cannot listen on %s (in use, or not an address of this host)",
                     cfg->listen ? cfg->listen : "127.0.0.1:8080");
        goto fail;
    }
    di = MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_BIND_PORT);
    h->port = di ? di->port : 0;
    return h;
fail:
    psec_http_stop(h);
    return NULL;
}

int psec_http_port(const struct psec_http *h)
{
    return h->port;
}

void psec_http_stop(struct psec_http *h)
{
    if (h == NULL)
        return;
    if (h->d)
        MHD_stop_daemon(h->d);
    if (h->key_made)
        pthread_key_delete(h->dbkey);
    if (h->lock_made)
        pthread_mutex_destroy(&h->write_lock);
    free(h->db_uri);
    free(h);
}
