/*
 * route.c — matching a path against the route table. The table itself is
 * in routes.c, beside the handlers.
 */
#include <string.h>

#include "base/str.h"
#include "http/route.h"

bool psec_route_match(const char *pattern, const char *path, struct psec_req *rq)
{
    const char *p = pattern, *s = path;
    int n = 0;

    while (*p && *s) {
        if (*p == '{') {
            const char *close = strchr(p, '}');
            size_t len = strcspn(s, "/");
            if (close == NULL || len == 0 || n == PSEC_ROUTE_MAX_PARAMS)
                return false;
            if (rq) {
                if (len >= sizeof rq->pval[0])
                    return false;
                memcpy(rq->pval[n], s, len);
                rq->pval[n][len] = '\0';
                rq->pname[n] = p + 1;   /* ends at '}': compared with its length below */
            }
            n++;
            p = close + 1;
            s += len;
            continue;
        }
        if (*p != *s)
            return false;
        p++;
        s++;
    }
    if (*p || *s)
        return false;
    if (rq)
        rq->nparams = n;
    return true;
}

const char *psec_req_param(const struct psec_req *rq, const char *name)
{
    size_t len = strlen(name);

    for (int i = 0; i < rq->nparams; i++)
        if (strncmp(rq->pname[i], name, len) == 0 && rq->pname[i][len] == '}')
            return rq->pval[i];
    return NULL;
}

const struct psec_route *psec_route_find(const char *method, const char *path,
                                         struct psec_req *rq, bool *path_known)
{
    size_t n;
    const struct psec_route *r = psec_http_routes(&n);

    *path_known = false;
    for (size_t i = 0; i < n; i++) {
        if (!psec_route_match(r[i].pattern, path, NULL))
            continue;
        if (strcmp(r[i].method, method) == 0 ||
            (strcmp(method, "HEAD") == 0 && strcmp(r[i].method, "GET") == 0)) {
            psec_route_match(r[i].pattern, path, rq);
            return &r[i];
        }
        *path_known = true;
    }
    return NULL;
}
