/*
 * ais_testlib.h — helpers shared by the AIS unit tests (header-only, static):
 * decode a file to JSON lines, read expected JSON lines, and compare them
 * the way the conformance rules say: fully decoded types exactly (after
 * dropping gpsdecode's "device" and our "time"), other types by type,
 * repeat and MMSI.
 */
#ifndef PORTSEC_TESTS_AIS_TESTLIB_H
#define PORTSEC_TESTS_AIS_TESTLIB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ais/ais.h"

struct lines {
    char **v;
    size_t n, cap;
};

static void lines_add(struct lines *l, const char *s, size_t k)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 256;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n] = malloc(k + 1);
    memcpy(l->v[l->n], s, k);
    l->v[l->n][k] = '\0';
    l->n++;
}

static void lines_free(struct lines *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* Reads a file whole; NULL when it cannot. Sets *n. */
static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long sz;
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)sz + 1);
    if (fread(buf, 1, (size_t)sz, f) != (size_t)sz) {
        free(buf);
        fclose(f);
        return NULL;
    }
    buf[sz] = '\0';
    fclose(f);
    *n = (size_t)sz;
    return buf;
}

/* Expected JSON lines, with `"device":"stdin",` removed. */
static int read_expected(const char *path, struct lines *out)
{
    size_t n;
    char *buf = slurp(path, &n), *p, *nl;
    if (buf == NULL)
        return -1;
    for (p = buf; *p; p = nl + 1) {
        char *d;
        nl = strchr(p, '\n');
        if (nl == NULL)
            nl = p + strlen(p);
        *nl = '\0';
        if (nl > p && nl[-1] == '\r')
            nl[-1] = '\0';
        d = strstr(p, "\"device\":\"stdin\",");
        if (d != NULL)
            memmove(d, d + 17, strlen(d + 17) + 1);
        if (*p)
            lines_add(out, p, strlen(p));
        if (*nl == '\0' && nl == p + strlen(p) && nl >= buf + n)
            break;
    }
    free(buf);
    return 0;
}

struct dctx {
    struct lines *out;
    unsigned flags;
};

static int on_json(void *p, const struct psec_ais_msg *m)
{
    struct dctx *c = p;
    char buf[2048];
    size_t k = psec_ais_json(m, c->flags | PSEC_AIS_JSON_NO_TIME, buf, sizeof buf);
    lines_add(c->out, buf, k);
    return 0;
}

/* Decodes a file with gpsdecode's type 24 merging. gpsdecode ignores a last
 * line without a newline; so do we here, to compare like with like. */
static int decode_file(const char *path, unsigned flags, struct lines *out,
                       struct psec_ais_stats *st)
{
    size_t n;
    char *buf = slurp(path, &n);
    struct psec_ais_reader *r;
    struct dctx c = {out, flags};
    if (buf == NULL)
        return -1;
    r = psec_ais_reader_new(PSEC_AIS_MERGE24);
    while (n > 0 && buf[n - 1] != '\n')
        n--;
    psec_ais_reader_feed(r, buf, n, on_json, &c);
    psec_ais_reader_feed(r, NULL, 0, on_json, &c);
    psec_ais_reader_finish(r);
    if (st)
        *st = *psec_ais_reader_stats(r);
    psec_ais_reader_free(r);
    free(buf);
    return 0;
}

static bool full_type(int t)
{
    switch (t) {
    case 1: case 2: case 3: case 4: case 5: case 9: case 11: case 18: case 19: case 21:
    case 24: case 27:
        return true;
    default:
        return false;
    }
}

static int type_of(const char *line, int *repeat, long long *mmsi)
{
    json_t *j = json_loads(line, 0, NULL);
    int t = -1;
    if (j) {
        t = (int)json_integer_value(json_object_get(j, "type"));
        *repeat = (int)json_integer_value(json_object_get(j, "repeat"));
        *mmsi = json_integer_value(json_object_get(j, "mmsi"));
        json_decref(j);
    }
    return t;
}

/* Compares; returns the number of differences and prints the first few. */
static int compare_lines(const char *what, const struct lines *exp, const struct lines *got)
{
    size_t i = 0, j = 0;
    int diffs = 0;
    while (i < exp->n || j < got->n) {
        int te = -1, tg = -1, re = 0, rg = 0;
        long long me = 0, mg = 0;
        if (i < exp->n)
            te = type_of(exp->v[i], &re, &me);
        if (j < got->n)
            tg = type_of(got->v[j], &rg, &mg);
        if (te < 0 || tg < 0 || te != tg || re != rg || me != mg ||
            (full_type(te) && strcmp(exp->v[i], got->v[j]) != 0)) {
            if (diffs < 5)
                fprintf(stderr, "%s: message %zu differs:\n  expected %s\n  got      %s\n", what,
                        i, i < exp->n ? exp->v[i] : "(none)", j < got->n ? got->v[j] : "(none)");
            diffs++;
        }
        i++;
        j++;
    }
    return diffs;
}

#endif
