/*
 * error.c — names, exit statuses and formatting of portsec error codes.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "portsec/error.h"

static const struct {
    const char *text;
    const char *name;
    int exit_status;
} codes[PSEC_E__COUNT] = {
    [PSEC_OK]         = { "ok", "ok", 0 },
    [PSEC_E_NOMEM]    = { "out of memory", "nomem", 5 },
    [PSEC_E_USAGE]    = { "usage error", "usage", 2 },
    [PSEC_E_INVALID]  = { "invalid input", "invalid", 3 },
    [PSEC_E_NOTFOUND] = { "not found", "not_found", 4 },
    [PSEC_E_IO]       = { "input/output error", "io", 5 },
    [PSEC_E_DB]       = { "storage error", "storage", 5 },
    [PSEC_E_BUSY]     = { "database is busy", "busy", 5 },
    [PSEC_E_CONFLICT] = { "conflict", "conflict", 3 },
    [PSEC_E_PERM]     = { "permission denied", "forbidden", 3 },
    [PSEC_E_AUTH]     = { "authentication required", "unauthorized", 3 },
    [PSEC_E_LIMIT]    = { "limit exceeded", "too_large", 3 },
    [PSEC_E_READONLY] = { "read-only", "read_only", 3 },
    [PSEC_E_SCHEMA]   = { "database schema mismatch", "schema", 5 },
};

const char *psec_strerror(int code)
{
    if (code < 0 || code >= PSEC_E__COUNT)
        return "unknown error";
    return codes[code].text;
}

const char *psec_code_name(int code)
{
    if (code < 0 || code >= PSEC_E__COUNT)
        return "unknown";
    return codes[code].name;
}

int psec_exit_status(int code)
{
    if (code < 0 || code >= PSEC_E__COUNT)
        return 5;
    return codes[code].exit_status;
}

int psec_err_set(struct psec_err *e, int code, const char *fmt, ...)
{
    if (e != NULL) {
        va_list ap;
        e->code = code;
        va_start(ap, fmt);
        vsnprintf(e->msg, sizeof e->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

void psec_err_prefix(struct psec_err *e, const char *fmt, ...)
{
    char head[PSEC_ERR_MAX], old[PSEC_ERR_MAX];
    va_list ap;

    if (e == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(head, sizeof head, fmt, ap);
    va_end(ap);
    memcpy(old, e->msg, sizeof old);
    /* Truncation is acceptable: the head is the more useful part. */
    {
        size_t h = strlen(head), o = strlen(old);
        if (h > sizeof e->msg - 1)
            h = sizeof e->msg - 1;
        if (o > sizeof e->msg - 1 - h)
            o = sizeof e->msg - 1 - h;
        memcpy(e->msg, head, h);
        memcpy(e->msg + h, old, o);
        e->msg[h + o] = '\0';
    }
}

void psec_err_clear(struct psec_err *e)
{
    if (e != NULL) {
        e->code = PSEC_OK;
        e->msg[0] = '\0';
    }
}
