/*
 * http.h — the portsec HTTP server: JSON API under /api/v1/ and the
 * dashboard's static files, on GNU libmicrohttpd with a thread pool.
 *
 * Each pool thread opens its own database handle on first use (SQLite in
 * WAL mode lets them read side by side). The server never prints: lines
 * for people go to cfg->log.
 */
#ifndef PORTSEC_HTTP_HTTP_H
#define PORTSEC_HTTP_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "portsec/error.h"

/* Server limits, each with its reason. */
#define PSEC_HTTP_TIMEOUT 10            /* s idle before a connection is cut: slow clients hold threads */
#define PSEC_HTTP_MAX_CONNS 512         /* open connections; more are refused rather than queued */
#define PSEC_HTTP_MAX_PER_IP 256        /* one client cannot take every connection */
#define PSEC_HTTP_MAX_BODY (1024 * 1024) /* a NOA or a checklist is a few KiB; 1 MiB is generous */
#define PSEC_HTTP_MAX_PAGE 1000         /* rows per page of a list */
#define PSEC_HTTP_DEFAULT_PAGE 100
#define PSEC_HTTP_CACHE_MS 1000         /* a cached list may lag a change made outside this server by 1 s */

struct psec_http;

struct psec_http_config {
    const char *db_uri;         /* database every thread opens */
    const char *listen;         /* "127.0.0.1:8080", "[::1]:8080"; port 0 picks a free one */
    const char *webdir;         /* static files; NULL: none */
    unsigned threads;           /* worker threads; 0: one per CPU */
    unsigned timeout_s;         /* idle connection timeout; 0: PSEC_HTTP_TIMEOUT */
    unsigned max_conns;         /* 0: PSEC_HTTP_MAX_CONNS */
    size_t max_body;            /* 0: PSEC_HTTP_MAX_BODY */
    bool access_log;            /* one log line per request */
    void (*log)(void *ctx, const char *line);
    void *log_ctx;
};

/* Starts listening; returns a new server (psec_http_stop()) or NULL with e. */
struct psec_http *psec_http_start(const struct psec_http_config *cfg, struct psec_err *e);
/* The port actually bound (useful with port 0). */
int psec_http_port(const struct psec_http *h);
/* Stops accepting, finishes requests in flight, closes handles. Accepts NULL. */
void psec_http_stop(struct psec_http *h);

#endif
