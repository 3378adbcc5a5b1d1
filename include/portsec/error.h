/*
 * portsec — error codes shared by every layer.
 *
 * One enum and one psec_strerror(); the human detail travels in a
 * caller-owned struct psec_err ("ports.csv:14: column lat: 91.2 is not a
 * latitude"). Library code never prints and never exits: it returns one of
 * these and fills the error struct.
 */
#ifndef PORTSEC_ERROR_H
#define PORTSEC_ERROR_H

#include <stddef.h>

enum psec_code {
    PSEC_OK = 0,
    PSEC_E_NOMEM,       /* allocation failed */
    PSEC_E_USAGE,       /* the caller asked for something malformed (CLI: exit 2) */
    PSEC_E_INVALID,     /* input data is invalid (exit 3, HTTP 400) */
    PSEC_E_NOTFOUND,    /* a named record does not exist (exit 4, HTTP 404) */
    PSEC_E_IO,          /* file or stream error (exit 5) */
    PSEC_E_DB,          /* storage error (exit 5, HTTP 500) */
    PSEC_E_BUSY,        /* database locked by another process (exit 5, HTTP 503) */
    PSEC_E_CONFLICT,    /* stale version or duplicate key (exit 3, HTTP 409) */
    PSEC_E_PERM,        /* not allowed (HTTP 403) */
    PSEC_E_AUTH,        /* not authenticated (HTTP 401) */
    PSEC_E_LIMIT,       /* a documented limit was exceeded (HTTP 413) */
    PSEC_E_READONLY,    /* record or database is read-only (exit 3/5, HTTP 409) */
    PSEC_E_SCHEMA,      /* database schema newer than this binary (exit 5) */
    PSEC_E__COUNT
};

/* Two extra results of iterators; never errors. */
#define PSEC_ROW  100
#define PSEC_DONE 101

#define PSEC_ERR_MAX 512

/* Detail for people. Fill with psec_err_set(); msg is always NUL-terminated. */
struct psec_err {
    int code;
    char msg[PSEC_ERR_MAX];
};

/* Short, static, lower-case name of a code: "invalid input". */
const char *psec_strerror(int code);

/* Stable machine name of a code for JSON errors: "invalid", "not_found". */
const char *psec_code_name(int code);

/* Exit status the CLI documents for a code (0, 2, 3, 4, 5). */
int psec_exit_status(int code);

/* Sets e->code and e->msg (printf format) when e is not NULL; returns code. */
int psec_err_set(struct psec_err *e, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prefixes the message already in e with more context ("ports.csv:12: "). */
void psec_err_prefix(struct psec_err *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

void psec_err_clear(struct psec_err *e);

#endif /* PORTSEC_ERROR_H */
