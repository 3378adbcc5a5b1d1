/*
 * jlite.c — the small strict JSON reader (see jlite.h).
 *
 * What it does: recursive descent over the bytes, values appended to a
 * node array linked by index (so the array may grow by realloc), strings
 * decoded into one arena sized from the input (a decoded string plus its
 * NUL is never longer than its quoted source).
 *
 * What it does not: write JSON, keep numbers' source text, or accept
 * anything jansson's defaults refuse.
 *
 * Verified: against jansson on every fuzz input (fuzz/fuzz_noa.c) and on
 * the NOA unit tests.
 */
#include "io/jlite.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"

struct rd {
    struct psec_jl *j;
    const char *p, *end, *start;
    struct psec_err *e;
    int code;
    int depth;
};

static int fail(struct rd *r, const char *why)
{
    if (r->code == PSEC_OK) {
        r->code = PSEC_E_INVALID;
        psec_err_set(r->e, PSEC_E_INVALID, "$: not JSON (byte %zu: %s)",
                     (size_t)(r->p - r->start), why);
    }
    return -1;
}

static int limit(struct rd *r, const char *why)
{
    if (r->code == PSEC_OK) {
        r->code = PSEC_E_LIMIT;
        psec_err_set(r->e, PSEC_E_LIMIT, "$: %s", why);
    }
    return -1;
}

static void ws(struct rd *r)
{
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
        r->p++;
}

static int new_node(struct rd *r, int type)
{
    struct psec_jl *j = r->j;
    if (j->nnodes >= PSEC_JL_MAX_NODES)
        return limit(r, "more than 65536 JSON values");
    if (j->nnodes == j->cap) {
        int cap = j->cap * 2;
        struct psec_jl_node *n;
        if (j->nodes == j->small_nodes) {
            n = malloc((size_t)cap * sizeof *n);
            if (n)
                memcpy(n, j->small_nodes, sizeof j->small_nodes);
        } else {
            n = realloc(j->nodes, (size_t)cap * sizeof *n);
        }
        if (n == NULL)
            return limit(r, "out of memory");
        j->nodes = n;
        j->cap = cap;
    }
    struct psec_jl_node *n = &j->nodes[j->nnodes];
    memset(n, 0, sizeof *n);
    n->type = type;
    n->first = n->next = -1;
    return j->nnodes++;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int hex4(struct rd *r, unsigned *out)
{
    if (r->end - r->p < 4)
        return fail(r, "short \\u escape");
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        int h = hexval(r->p[k]);
        if (h < 0)
            return fail(r, "bad \\u escape");
        v = v * 16 + (unsigned)h;
    }
    r->p += 4;
    *out = v;
    return 0;
}

/* Reads a string (r->p at the opening quote) into the arena. */
static int string(struct rd *r, const char **out, size_t *outlen)
{
    struct psec_jl *j = r->j;
    char *o = j->arena + j->used, *o0 = o;
    r->p++;
    for (;;) {
        /* A run of plain bytes, checked as UTF-8 and copied whole. */
        const char *s = r->p;
        while (r->p < r->end && *r->p != '"' && *r->p != '\\' && (unsigned char)*r->p >= 0x20)
            r->p++;
        if (r->p > s) {
            if (!psec_utf8_valid(s, (size_t)(r->p - s)))
                return fail(r, "invalid UTF-8 in a string");
            memcpy(o, s, (size_t)(r->p - s));
            o += r->p - s;
        }
        if (r->p >= r->end)
            return fail(r, "unterminated string");
        char c = *r->p;
        if (c == '"') {
            r->p++;
            break;
        }
        if (c != '\\')
            return fail(r, "control character in a string");
        if (++r->p >= r->end)
            return fail(r, "unterminated string");
        c = *r->p++;
        switch (c) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '/': *o++ = '/'; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u': {
            unsigned u, lo;
            if (hex4(r, &u))
                return -1;
            if (u >= 0xDC00 && u <= 0xDFFF)
                return fail(r, "lone low surrogate");
            if (u >= 0xD800 && u <= 0xDBFF) {
                if (r->end - r->p < 2 || r->p[0] != '\\' || r->p[1] != 'u')
                    return fail(r, "lone high surrogate");
                r->p += 2;
                if (hex4(r, &lo))
                    return -1;
                if (lo < 0xDC00 || lo > 0xDFFF)
                    return fail(r, "bad low surrogate");
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            }
            if (u == 0)
                return fail(r, "\\u0000 is not allowed");
            if (u < 0x80) {
                *o++ = (char)u;
            } else if (u < 0x800) {
                *o++ = (char)(0xC0 | (u >> 6));
                *o++ = (char)(0x80 | (u & 0x3F));
            } else if (u < 0x10000) {
                *o++ = (char)(0xE0 | (u >> 12));
                *o++ = (char)(0x80 | ((u >> 6) & 0x3F));
                *o++ = (char)(0x80 | (u & 0x3F));
            } else {
                *o++ = (char)(0xF0 | (u >> 18));
                *o++ = (char)(0x80 | ((u >> 12) & 0x3F));
                *o++ = (char)(0x80 | ((u >> 6) & 0x3F));
                *o++ = (char)(0x80 | (u & 0x3F));
            }
            break;
        }
        default:
            return fail(r, "bad escape");
        }
    }
    *o++ = '\0';
    *out = o0;
    *outlen = (size_t)(o - o0 - 1);
    j->used += (size_t)(o - o0);
    return 0;
}

static int number(struct rd *r, int idx)
{
    const char *s = r->p;
    bool real = false;
    if (r->p < r->end && *r->p == '-')
        r->p++;
    if (r->p >= r->end || *r->p < '0' || *r->p > '9')
        return fail(r, "bad number");
    if (*r->p == '0') {
        r->p++;
    } else {
        while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
            r->p++;
    }
    if (r->p < r->end && *r->p == '.') {
        real = true;
        r->p++;
        if (r->p >= r->end || *r->p < '0' || *r->p > '9')
            return fail(r, "bad number");
        while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
            r->p++;
    }
    if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
        real = true;
        r->p++;
        if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
            r->p++;
        if (r->p >= r->end || *r->p < '0' || *r->p > '9')
            return fail(r, "bad number");
        while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
            r->p++;
    }
    char buf[64];
    size_t n = (size_t)(r->p - s);
    struct psec_jl_node *node = &r->j->nodes[idx];
    if (!real) {
        /* 19 digits and a sign always fit the buffer; longer overflows. */
        if (n >= 21)
            return fail(r, "too big integer");
        memcpy(buf, s, n);
        buf[n] = '\0';
        errno = 0;
        long long v = strtoll(buf, NULL, 10);
        if (errno == ERANGE)
            return fail(r, "too big integer");
        node->type = PSEC_JL_INT;
        node->i = v;
        return 0;
    }
    char *big = n < sizeof buf ? buf : malloc(n + 1);
    if (big == NULL)
        return limit(r, "out of memory");
    memcpy(big, s, n);
    big[n] = '\0';
    errno = 0;
    double d = strtod(big, NULL);
    int overflow = errno == ERANGE && (d > 1.0 || d < -1.0);
    if (big != buf)
        free(big);
    if (overflow)
        return fail(r, "real number overflow");
    node->type = PSEC_JL_REAL;
    node->d = d;
    return 0;
}

static int value(struct rd *r);

static int lit(struct rd *r, const char *word, int type)
{
    size_t n = strlen(word);
    if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0)
        return fail(r, "invalid token");
    r->p += n;
    return new_node(r, type);
}

/* Appends child to parent's list; tail tracks the last child. */
static void link_child(struct psec_jl *j, int parent, int *tail, int child)
{
    if (*tail < 0)
        j->nodes[parent].first = child;
    else
        j->nodes[*tail].next = child;
    *tail = child;
    j->nodes[parent].count++;
}

static int container(struct rd *r, bool obj)
{
    int idx = new_node(r, obj ? PSEC_JL_OBJECT : PSEC_JL_ARRAY);
    if (idx < 0)
        return -1;
    if (++r->depth > PSEC_JL_MAX_DEPTH)
        return limit(r, "JSON nested too deeply");
    r->p++;
    ws(r);
    int tail = -1;
    if (r->p < r->end && *r->p == (obj ? '}' : ']')) {
        r->p++;
        r->depth--;
        return idx;
    }
    for (;;) {
        const char *key = NULL;
        size_t keylen = 0;
        if (obj) {
            if (r->p >= r->end || *r->p != '"')
                return fail(r, "string or '}' expected");
            if (string(r, &key, &keylen))
                return -1;
            if (r->j->nodes[idx].count >= PSEC_JL_MAX_MEMBERS)
                return limit(r, "an object with more than 4096 members");
            for (int c = r->j->nodes[idx].first; c >= 0; c = r->j->nodes[c].next)
                if (r->j->nodes[c].keylen == keylen && memcmp(r->j->nodes[c].key, key, keylen) == 0)
                    return fail(r, "duplicate object key");
            ws(r);
            if (r->p >= r->end || *r->p != ':')
                return fail(r, "':' expected");
            r->p++;
            ws(r);
        }
        int child = value(r);
        if (child < 0)
            return -1;
        r->j->nodes[child].key = key;
        r->j->nodes[child].keylen = keylen;
        link_child(r->j, idx, &tail, child);
        ws(r);
        if (r->p >= r->end)
            return fail(r, "unexpected end of input");
        if (*r->p == ',') {
            r->p++;
            ws(r);
            continue;
        }
        if (*r->p == (obj ? '}' : ']')) {
            r->p++;
            break;
        }
        return fail(r, obj ? "',' or '}' expected" : "',' or ']' expected");
    }
    r->depth--;
    return idx;
}

static int value(struct rd *r)
{
    if (r->p >= r->end)
        return fail(r, "unexpected end of input");
    switch (*r->p) {
    case '{':
        return container(r, true);
    case '[':
        return container(r, false);
    case '"': {
        int idx = new_node(r, PSEC_JL_STRING);
        if (idx < 0)
            return -1;
        const char *s;
        size_t n;
        if (string(r, &s, &n))
            return -1;
        r->j->nodes[idx].s = s;
        r->j->nodes[idx].slen = n;
        return idx;
    }
    case 't':
        return lit(r, "true", PSEC_JL_TRUE);
    case 'f':
        return lit(r, "false", PSEC_JL_FALSE);
    case 'n':
        return lit(r, "null", PSEC_JL_NULL);
    default: {
        int idx = new_node(r, PSEC_JL_INT);
        if (idx < 0)
            return -1;
        return number(r, idx) ? -1 : idx;
    }
    }
}

int psec_jl_parse(struct psec_jl *j, const char *text, size_t len, struct psec_err *e)
{
    j->nodes = j->small_nodes;
    j->cap = (int)(sizeof j->small_nodes / sizeof *j->small_nodes);
    j->nnodes = 0;
    j->used = 0;
    /* Decoded strings with their NULs never outgrow the input. */
    if (len + 1 <= sizeof j->small_arena) {
        j->arena = j->small_arena;
        j->arena_cap = sizeof j->small_arena;
    } else {
        j->arena = malloc(len + 1);
        j->arena_cap = len + 1;
        if (j->arena == NULL)
            return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    }
    struct rd r = { j, text, text + len, text, e, PSEC_OK, 0 };
    ws(&r);
    if (r.p >= r.end || (*r.p != '{' && *r.p != '['))
        return fail(&r, "'[' or '{' expected"), r.code;
    if (value(&r) < 0)
        return r.code;
    ws(&r);
    if (r.p != r.end)
        return fail(&r, "end of file expected"), r.code;
    return PSEC_OK;
}

void psec_jl_free(struct psec_jl *j)
{
    if (j == NULL)
        return;
    if (j->nodes != j->small_nodes)
        free(j->nodes);
    if (j->arena != j->small_arena)
        free(j->arena);
    j->nodes = j->small_nodes;
    j->arena = j->small_arena;
}

const struct psec_jl_node *psec_jl_get(const struct psec_jl *j, const struct psec_jl_node *obj,
                                       const char *key)
{
    if (obj == NULL || obj->type != PSEC_JL_OBJECT)
        return NULL;
    size_t n = strlen(key);
    for (int c = obj->first; c >= 0; c = j->nodes[c].next)
        if (j->nodes[c].keylen == n && memcmp(j->nodes[c].key, key, n) == 0)
            return &j->nodes[c];
    return NULL;
}

const struct psec_jl_node *psec_jl_at(const struct psec_jl *j, const struct psec_jl_node *arr,
                                      int i)
{
    if (arr == NULL || arr->type != PSEC_JL_ARRAY)
        return NULL;
    int c = arr->first;
    while (c >= 0 && i-- > 0)
        c = j->nodes[c].next;
    return c >= 0 ? &j->nodes[c] : NULL;
}
