/*
 * route.h — the route table: method + path pattern → handler, with the
 * least role that may call it. Patterns are literal segments and {name}
 * segments that match one non-empty segment.
 */
#ifndef PORTSEC_HTTP_ROUTE_H
#define PORTSEC_HTTP_ROUTE_H

#include <stdbool.h>
#include <stddef.h>

#include "http/req.h"

/* Route flags. */
#define PSEC_ROUTE_NOAUDIT 1            /* a POST whose stored result is its own record (a
                                         * screening): no audit row, and it changes nothing
                                         * that answer caches hold */
#define PSEC_ROUTE_CACHE 2              /* a GET whose answer each thread may reuse briefly */
#define PSEC_ROUTE_NOLOCK 4             /* a write not queued with the others (sign-in hashes a
                                         * password for 100 ms; it must not hold writers up) */

struct psec_route {
    const char *method;
    const char *pattern;
    int min_role;                       /* enum psec_role; NONE: public */
    int (*fn)(struct psec_req *rq);
    const char *summary;
    int flags;
};

/* The whole table, in match order. */
const struct psec_route *psec_http_routes(size_t *n);

/* Matches a path against one pattern, filling rq's parameters (rq may be
 * NULL). Percent-decoding has already been done by the server. */
bool psec_route_match(const char *pattern, const char *path, struct psec_req *rq);

/* The first route matching method and path; NULL if none. *path_known is
 * set when some route has that path with another method (405). */
const struct psec_route *psec_route_find(const char *method, const char *path,
                                         struct psec_req *rq, bool *path_known);

#endif
