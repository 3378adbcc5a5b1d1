/*
 * static.c — the dashboard's files. The URL is checked twice: by segment
 * (no "..", no hidden files, no backslashes) and then by the real path,
 * which must still be inside the web folder after symlinks are resolved.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/str.h"
#include "http/static.h"

static const struct {
    const char *ext;
    const char *ctype;
} types[] = {
    { ".html", "text/html; charset=utf-8" },
    { ".css", "text/css; charset=utf-8" },
    { ".js", "text/javascript; charset=utf-8" },
    { ".mjs", "text/javascript; charset=utf-8" },
    { ".json", "application/json" },
    { ".svg", "image/svg+xml" },
    { ".png", "image/png" },
    { ".ico", "image/x-icon" },
    { ".txt", "text/plain; charset=utf-8" },
    { ".yaml", "text/plain; charset=utf-8" },
    { ".woff2", "font/woff2" },
};

const char *psec_web_ctype(const char *path)
{
    size_t n = strlen(path);

    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        size_t m = strlen(types[i].ext);
        if (n >= m && psec_strcasecmp(path + n - m, types[i].ext) == 0)
            return types[i].ctype;
    }
    return "application/octet-stream";
}

/* True when one path segment may be served. */
static bool segment_ok(const char *s, size_t len)
{
    if (len == 0)
        return true;                    /* "//" collapses harmlessly */
    if (s[0] == '.')
        return false;                   /* "..", ".", ".git", ".env" */
    if (len == 12 && memcmp(s, "node_modules", 12) == 0)
        return false;
    if ((len == 12 && memcmp(s, "package.json", 12) == 0) ||
        (len == 17 && memcmp(s, "package-lock.json", 17) == 0))
        return false;
    return true;
}

int psec_web_resolve(const char *root_real, const char *urlpath, char *out, size_t size,
                     struct psec_err *e)
{
    char joined[PATH_MAX], real[PATH_MAX];
    const char *p = urlpath;
    size_t rootlen = strlen(root_real);
    struct stat sb;
    int n;

    if (urlpath[0] != '/' || strchr(urlpath, '\\') != NULL)
        return psec_err_set(e, PSEC_E_NOTFOUND, "not found");
    while (*p) {
        const char *seg = p + 1;
        size_t len = strcspn(seg, "/");
        if (!segment_ok(seg, len))
            return psec_err_set(e, PSEC_E_NOTFOUND, "not found");
        p = seg + len;
    }
    n = snprintf(joined, sizeof joined, "%s%s%s", root_real, urlpath,
                 urlpath[strlen(urlpath) - 1] == '/' ? "index.html" : "");
    if (n < 0 || (size_t)n >= sizeof joined)
        return psec_err_set(e, PSEC_E_NOTFOUND, "not found");
    if (realpath(joined, real) == NULL)
        return psec_err_set(e, PSEC_E_NOTFOUND, "not found");
    if (strncmp(real, root_real, rootlen) != 0 || real[rootlen] != '/')
        return psec_err_set(e, PSEC_E_NOTFOUND, "not found");
    if (stat(real, &sb) != 0 || !S_ISREG(sb.st_mode))
        return psec_err_set(e, PSEC_E_NOTFOUND, "not found");
    if (psec_strlcpy(out, real, size) >= size)
        return psec_err_set(e, PSEC_E_NOTFOUND, "not found");
    return PSEC_OK;
}
