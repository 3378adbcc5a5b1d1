/*
 * req.c — helpers handlers use to read a request and shape the reply.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <microhttpd.h>

#include "base/str.h"
#include "base/time.h"
#include "http/http.h"
#include "http/req.h"

const char *psec_req_query(const struct psec_req *rq, const char *name)
{
    if (rq->conn == NULL)
        return NULL;
    return MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *psec_req_header(const struct psec_req *rq, const char *name)
{
    if (rq->conn == NULL)
        return NULL;
    return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

int psec_req_fail(struct psec_req *rq, int code, const char *field, const char *fmt, ...)
{
    va_list ap;

    rq->err.code = code;
    va_start(ap, fmt);
    vsnprintf(rq->err.msg, sizeof rq->err.msg, fmt, ap);
    va_end(ap);
    rq->err_field = field;
    return code;
}

int psec_req_json(struct psec_req *rq, json_t **out)
{
    json_error_t je;
    json_t *v;

    *out = NULL;
    if (rq->body == NULL || rq->body_len == 0)
        return psec_req_fail(rq, PSEC_E_INVALID, NULL, "the request needs a JSON body");
    v = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES, &je);
    if (v == NULL) {
        rq->err_line = je.line;
        rq->err_column = je.column;
        rq->err_position = je.position;
        return psec_req_fail(rq, PSEC_E_INVALID, NULL,
                             "malformed JSON at line %d, column %d (byte %d): %s", je.line,
                             je.column, je.position, je.text);
    }
    if (!json_is_object(v)) {
        json_decref(v);
        return psec_req_fail(rq, PSEC_E_INVALID, NULL, "the body must be a JSON object");
    }
    *out = v;
    return PSEC_OK;
}

static int page_arg(struct psec_req *rq, const char *name, int64_t dflt, int64_t max,
                    int64_t *out)
{
    const char *s = psec_req_query(rq, name);

    *out = dflt;
    if (s == NULL)
        return PSEC_OK;
    if (!psec_parse_i64(s, out) || *out < 0 || *out > max)
        return psec_req_fail(rq, PSEC_E_INVALID, name, "%s must be a whole number from 0 to %lld",
                             name, (long long)max);
    return PSEC_OK;
}

int psec_req_page_args(struct psec_req *rq, int64_t *limit, int64_t *offset)
{
    int rc = page_arg(rq, "limit", PSEC_HTTP_DEFAULT_PAGE, PSEC_HTTP_MAX_PAGE, limit);

    if (rc == PSEC_OK)
        rc = page_arg(rq, "offset", 0, INT64_MAX / 2, offset);
    return rc;
}

int psec_req_page(struct psec_req *rq, json_t *all)
{
    int64_t limit, offset;
    json_t *items;
    size_t total;
    int rc;

    if ((rc = psec_req_page_args(rq, &limit, &offset)) != PSEC_OK) {
        json_decref(all);
        return rc;
    }
    total = json_array_size(all);
    items = json_array();
    for (size_t i = (size_t)offset; items && i < total && i < (size_t)(offset + limit); i++)
        json_array_append(items, json_array_get(all, i));
    json_decref(all);
    rq->out = json_pack("{s:o, s:I, s:I, s:I}", "items", items ? items : json_array(),
                        "total", (json_int_t)total, "limit", (json_int_t)limit, "offset",
                        (json_int_t)offset);
    return rq->out ? PSEC_OK : psec_req_fail(rq, PSEC_E_NOMEM, NULL, "out of memory");
}

int psec_req_ok(struct psec_req *rq, int status, json_t *v)
{
    if (v == NULL)
        return psec_req_fail(rq, PSEC_E_NOMEM, NULL, "out of memory");
    rq->status = status;
    json_decref(rq->out);
    rq->out = v;
    return PSEC_OK;
}

int psec_req_result(struct psec_req *rq, json_t *v, const struct psec_err *e)
{
    if (v != NULL)
        return psec_req_ok(rq, 200, v);
    rq->err = *e;
    if (rq->err.code == PSEC_OK)
        rq->err.code = PSEC_E_DB;
    return rq->err.code;
}

int psec_http_status(int code)
{
    switch (code) {
    case PSEC_OK: return 200;
    case PSEC_E_USAGE:
    case PSEC_E_INVALID: return 400;
    case PSEC_E_AUTH: return 401;
    case PSEC_E_PERM: return 403;
    case PSEC_E_NOTFOUND: return 404;
    case PSEC_E_CONFLICT:
    case PSEC_E_READONLY: return 409;
    case PSEC_E_LIMIT: return 413;
    case PSEC_E_BUSY: return 503;
    default: return 500;
    }
}

int psec_req_need_str(struct psec_req *rq, json_t *o, const char *key, const char **out)
{
    json_t *v = json_object_get(o, key);

    if (!json_is_string(v))
        return psec_req_fail(rq, PSEC_E_INVALID, key, "%s: a string is required", key);
    *out = json_string_value(v);
    return PSEC_OK;
}

int psec_req_need_version(struct psec_req *rq, json_t *o, int64_t *out)
{
    json_t *v = json_object_get(o, "version");

    if (!json_is_integer(v) || json_integer_value(v) < 1)
        return psec_req_fail(rq, PSEC_E_INVALID, "version",
                             "version: give the version you read (a whole number), so that a "
                             "concurrent edit is not lost");
    *out = json_integer_value(v);
    return PSEC_OK;
}

int psec_req_app_fail(struct psec_req *rq, const struct psec_err *e)
{
    rq->err = *e;
    if (rq->err.code == PSEC_OK)
        rq->err.code = PSEC_E_DB;
    return rq->err.code;
}

const char *psec_req_str(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

const char *psec_req_today(char *buf, size_t size)
{
    return psec_date_format((int64_t)time(NULL) / PSEC_DAY, buf, size);
}
