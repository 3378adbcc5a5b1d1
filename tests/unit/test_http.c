/*
 * test_http.c — the route table and its matcher, the static file guard,
 * error statuses, and the agreement between docs/openapi.yaml and the
 * routes (every documented path and method exists, every route is
 * documented, with the same least role).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/auth.h"
#include "http/req.h"
#include "http/route.h"
#include "http/static.h"

static void test_match(void **state)
{
    struct psec_req rq;
    (void)state;
    memset(&rq, 0, sizeof rq);
    assert_true(psec_route_match("/api/v1/countries", "/api/v1/countries", &rq));
    assert_false(psec_route_match("/api/v1/countries", "/api/v1/countries/", &rq));
    assert_false(psec_route_match("/api/v1/countries", "/api/v1/countriesX", &rq));
    assert_true(psec_route_match("/api/v1/countries/{code}", "/api/v1/countries/SC", &rq));
    assert_string_equal(psec_req_param(&rq, "code"), "SC");
    assert_null(psec_req_param(&rq, "cod"));
    assert_false(psec_route_match("/api/v1/countries/{code}", "/api/v1/countries/", &rq));
    assert_false(psec_route_match("/api/v1/countries/{code}", "/api/v1/countries/SC/x", &rq));
    assert_true(psec_route_match("/a/{x}/b/{y}", "/a/1/b/2", &rq));
    assert_string_equal(psec_req_param(&rq, "x"), "1");
    assert_string_equal(psec_req_param(&rq, "y"), "2");
}

static void test_find(void **state)
{
    struct psec_req rq;
    const struct psec_route *r;
    bool known;
    (void)state;
    memset(&rq, 0, sizeof rq);
    r = psec_route_find("GET", "/api/v1/countries/status", &rq, &known);
    assert_non_null(r);
    assert_string_equal(r->pattern, "/api/v1/countries/status");
    r = psec_route_find("GET", "/api/v1/countries/FR", &rq, &known);
    assert_non_null(r);
    assert_string_equal(psec_req_param(&rq, "code"), "FR");
    r = psec_route_find("HEAD", "/api/v1/health", &rq, &known);
    assert_non_null(r);
    r = psec_route_find("DELETE", "/api/v1/countries", &rq, &known);
    assert_null(r);
    assert_true(known);
    r = psec_route_find("GET", "/api/v1/nowhere", &rq, &known);
    assert_null(r);
    assert_false(known);
}

static void test_routes_sane(void **state)
{
    size_t n;
    const struct psec_route *r = psec_http_routes(&n);
    (void)state;
    assert_true(n > 10);
    for (size_t i = 0; i < n; i++) {
        assert_true(strncmp(r[i].pattern, "/api/v1/", 8) == 0);
        assert_non_null(r[i].fn);
        /* No route is hidden behind an earlier one. */
        for (size_t j = 0; j < i; j++)
            assert_false(strcmp(r[i].method, r[j].method) == 0 &&
                         psec_route_match(r[j].pattern, r[i].pattern, NULL));
        /* Only the sign-in, the health check and the published feed are public. */
        if (r[i].min_role == PSEC_ROLE_NONE)
            assert_true(strcmp(r[i].pattern, "/api/v1/session") == 0 ||
                        strcmp(r[i].pattern, "/api/v1/health") == 0 ||
                        strstr(r[i].pattern, "/coe/feed") != NULL);
    }
}

static void test_status(void **state)
{
    (void)state;
    assert_int_equal(psec_http_status(PSEC_OK), 200);
    assert_int_equal(psec_http_status(PSEC_E_INVALID), 400);
    assert_int_equal(psec_http_status(PSEC_E_AUTH), 401);
    assert_int_equal(psec_http_status(PSEC_E_PERM), 403);
    assert_int_equal(psec_http_status(PSEC_E_NOTFOUND), 404);
    assert_int_equal(psec_http_status(PSEC_E_CONFLICT), 409);
    assert_int_equal(psec_http_status(PSEC_E_LIMIT), 413);
    assert_int_equal(psec_http_status(PSEC_E_DB), 500);
}

static void test_static(void **state)
{
    char tmpl[] = "/tmp/psec_webXXXXXX", root[4096], p[4096], out[4096];
    char *dir = mkdtemp(tmpl);
    FILE *f;
    (void)state;
    assert_non_null(dir);
    assert_non_null(realpath(dir, root));
    snprintf(p, sizeof p, "%s/index.html", root);
    f = fopen(p, "w");
    assert_non_null(f);
    fputs("<html></html>", f);
    fclose(f);
    snprintf(p, sizeof p, "%s/css", root);
    assert_int_equal(mkdir(p, 0700), 0);
    snprintf(p, sizeof p, "%s/css/a.css", root);
    f = fopen(p, "w");
    assert_non_null(f);
    fclose(f);
    snprintf(p, sizeof p, "%s/escape", root);
    assert_int_equal(symlink("/etc", p), 0);

    assert_int_equal(psec_web_resolve(root, "/", out, sizeof out, NULL), PSEC_OK);
    assert_non_null(strstr(out, "/index.html"));
    assert_int_equal(psec_web_resolve(root, "/css/a.css", out, sizeof out, NULL), PSEC_OK);
    assert_int_equal(psec_web_resolve(root, "/css/", out, sizeof out, NULL), PSEC_E_NOTFOUND);
    assert_int_equal(psec_web_resolve(root, "/../etc/passwd", out, sizeof out, NULL), PSEC_E_NOTFOUND);
    assert_int_equal(psec_web_resolve(root, "/css/../../x", out, sizeof out, NULL), PSEC_E_NOTFOUND);
    assert_int_equal(psec_web_resolve(root, "/css/./a.css", out, sizeof out, NULL), PSEC_E_NOTFOUND);
    assert_int_equal(psec_web_resolve(root, "/escape/passwd", out, sizeof out, NULL), PSEC_E_NOTFOUND);
    assert_int_equal(psec_web_resolve(root, "/css\\..\\x", out, sizeof out, NULL), PSEC_E_NOTFOUND);
    assert_int_equal(psec_web_resolve(root, "/.hidden", out, sizeof out, NULL), PSEC_E_NOTFOUND);
    assert_int_equal(psec_web_resolve(root, "/node_modules/x.js", out, sizeof out, NULL), PSEC_E_NOTFOUND);
    assert_int_equal(psec_web_resolve(root, "relative", out, sizeof out, NULL), PSEC_E_NOTFOUND);
    assert_string_equal(psec_web_ctype("a/b.JS"), "text/javascript; charset=utf-8");
    assert_string_equal(psec_web_ctype("x.bin"), "application/octet-stream");

    snprintf(p, sizeof p, "%s/escape", root);
    unlink(p);
    snprintf(p, sizeof p, "%s/css/a.css", root);
    unlink(p);
    snprintf(p, sizeof p, "%s/css", root);
    rmdir(p);
    snprintf(p, sizeof p, "%s/index.html", root);
    unlink(p);
    rmdir(root);
}

/* One documented operation. */
struct op {
    char path[128];
    char method[8];
    char role[16];
};

static size_t read_openapi(struct op *ops, size_t max)
{
    char line[1024], path[128] = "";
    FILE *f = fopen(PSEC_TESTDIR "/../docs/openapi.yaml", "r");
    size_t n = 0;

    assert_non_null(f);
    while (fgets(line, sizeof line, f)) {
        char m[16];
        if (strncmp(line, "  /api/", 7) == 0) {
            char *colon = strrchr(line, ':');
            assert_non_null(colon);
            *colon = '\0';
            snprintf(path, sizeof path, "%s", line + 2);
        } else if (path[0] && sscanf(line, "    %15[a-z]:", m) == 1 && line[4] != ' ' &&
                   (strcmp(m, "get") == 0 || strcmp(m, "post") == 0 || strcmp(m, "put") == 0 ||
                    strcmp(m, "patch") == 0 || strcmp(m, "delete") == 0)) {
            assert_true(n < max);
            snprintf(ops[n].path, sizeof ops[n].path, "%s", path);
            for (size_t i = 0; m[i]; i++)
                ops[n].method[i] = (char)(m[i] - 'a' + 'A');
            ops[n].method[strlen(m)] = '\0';
            ops[n].role[0] = '\0';
            n++;
        } else if (n > 0 && sscanf(line, "      x-min-role: %15s", m) == 1) {
            snprintf(ops[n - 1].role, sizeof ops[n - 1].role, "%s", m);
        }
    }
    fclose(f);
    return n;
}

static void test_openapi(void **state)
{
    static struct op ops[256];
    size_t nops = read_openapi(ops, 256), nr;
    const struct psec_route *r = psec_http_routes(&nr);
    (void)state;

    for (size_t i = 0; i < nr; i++) {
        bool found = false;
        for (size_t j = 0; j < nops && !found; j++) {
            if (strcmp(ops[j].path, r[i].pattern) || strcmp(ops[j].method, r[i].method))
                continue;
            found = true;
            if (strcmp(ops[j].role, psec_role_name(r[i].min_role)) != 0)
                fail_msg("%s %s: openapi says x-min-role %s, the route %s", r[i].method,
                         r[i].pattern, ops[j].role, psec_role_name(r[i].min_role));
        }
        if (!found)
            fail_msg("route %s %s is not in docs/openapi.yaml", r[i].method, r[i].pattern);
    }
    for (size_t j = 0; j < nops; j++) {
        bool found = false;
        for (size_t i = 0; i < nr && !found; i++)
            found = strcmp(ops[j].path, r[i].pattern) == 0 && strcmp(ops[j].method, r[i].method) == 0;
        if (!found)
            fail_msg("docs/openapi.yaml has %s %s, which the server does not route", ops[j].method,
                     ops[j].path);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_match),
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_routes_sane),
        cmocka_unit_test(test_status),
        cmocka_unit_test(test_static),
        cmocka_unit_test(test_openapi),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
