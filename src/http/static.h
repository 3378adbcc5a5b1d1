/*
 * static.h — mapping a URL path to a file under the web folder, never
 * outside it, and the content type of a file name.
 */
#ifndef PORTSEC_HTTP_STATIC_H
#define PORTSEC_HTTP_STATIC_H

#include <stddef.h>

#include "portsec/error.h"

/*
 * Resolves urlpath (already percent-decoded, starting with '/') under
 * root_real (a realpath) into out. "/" and "/dir/" mean index.html. Refuses
 * (PSEC_E_NOTFOUND) a ".." or hidden segment, a backslash, node_modules and
 * package files, and anything whose real path leaves the root (symlinks
 * included) or is not a regular file.
 */
int psec_web_resolve(const char *root_real, const char *urlpath, char *out, size_t size,
                     struct psec_err *e);

/* "text/html; charset=utf-8" for "x.html"; application/octet-stream if unknown. */
const char *psec_web_ctype(const char *path);

#endif
