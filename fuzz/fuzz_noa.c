/*
 * fuzz_noa.c — libFuzzer harness for the Notice of Arrival parser and the
 * screening behind it: any bytes in, no crash, no leak, no undefined
 * behaviour; a NOA that parses is screened against a small in-memory
 * advisory set and matrix and written out as JSON.
 *
 * It is also a differential test of the small JSON reader (src/io/jlite.c)
 * against jansson: both must accept or refuse the same bytes (jlite may
 * only add its documented limits) and read the same values.
 *
 * Seed corpus: fuzz/corpus/fuzz_noa/ (valid NOAs and near misses).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/jlite.h"
#include "io/noa.h"

static bool lookup(void *ctx, const char *locode, char country[3])
{
    (void)ctx;
    /* Pretend the registry knows ports whose third letter is before 'M'. */
    if (locode[2] >= 'M')
        return false;
    memcpy(country, locode, 2);
    country[2] = '\0';
    return true;
}

static void build(struct psec_coe_set *s, struct psec_matrix *m)
{
    struct psec_err e;
    struct psec_advisory a;
    struct psec_coe_change c;
    psec_coe_set_init(s);
    psec_matrix_init(m);
    memset(&a, 0, sizeof a);
    memcpy(a.id, "PSA 1-19", 9);
    int idx = psec_coe_set_add_advisory(s, &a);
    memset(&c, 0, sizeof c);
    c.advisory = idx;
    c.action = PSEC_COE_ADD_COUNTRY;
    memcpy(c.country, "SC", 3);
    memcpy(c.basis, "assessment", 11);
    c.not_before = c.by = 17998;
    psec_coe_set_add_change(s, &c, &e);
    memcpy(c.country, "SD", 3);
    c.not_before = 18619;
    c.by = 20166;
    psec_coe_set_add_change(s, &c, &e);
    c.action = PSEC_COE_ADD_EXCEPTION;
    memcpy(c.country, "SC", 3);
    memcpy(c.facility, "SCPOV-0001", 11);
    psec_coe_set_add_change(s, &c, &e);
    psec_coe_set_sort(s);
    struct psec_target_rule r;
    memset(&r, 0, sizeof r);
    r.lift = PSEC_PRIO_I;
    memcpy(r.id, "last_five_ports", 16);
    memcpy(r.column, "last_five_ports", 16);
    psec_matrix_add_rule(m, &r, &e);
    memcpy(m->version, "fuzz", 5);
}

/* Same value in both readers? */
static int same(const struct psec_jl *j, const struct psec_jl_node *a, json_t *b)
{
    switch (a->type) {
    case PSEC_JL_NULL: return json_is_null(b);
    case PSEC_JL_TRUE: return json_is_true(b);
    case PSEC_JL_FALSE: return json_is_false(b);
    case PSEC_JL_INT: return json_is_integer(b) && json_integer_value(b) == a->i;
    case PSEC_JL_REAL: return json_is_real(b) && json_real_value(b) == a->d;
    case PSEC_JL_STRING:
        return json_is_string(b) && json_string_length(b) == a->slen &&
               memcmp(json_string_value(b), a->s, a->slen) == 0;
    case PSEC_JL_ARRAY:
        if (!json_is_array(b) || json_array_size(b) != (size_t)a->count)
            return 0;
        for (int c = a->first, i = 0; c >= 0; c = j->nodes[c].next, i++)
            if (!same(j, &j->nodes[c], json_array_get(b, (size_t)i)))
                return 0;
        return 1;
    case PSEC_JL_OBJECT:
        if (!json_is_object(b) || json_object_size(b) != (size_t)a->count)
            return 0;
        for (int c = a->first; c >= 0; c = j->nodes[c].next) {
            json_t *v = json_object_getn(b, j->nodes[c].key, j->nodes[c].keylen);
            if (v == NULL || !same(j, &j->nodes[c], v))
                return 0;
        }
        return 1;
    }
    return 0;
}

static void differential(const uint8_t *data, size_t size)
{
    static struct psec_jl j;
    struct psec_err e = { 0 };
    json_t *ref = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
    int rc = psec_jl_parse(&j, (const char *)data, size, &e);
    if (rc == PSEC_E_LIMIT || rc == PSEC_E_NOMEM || memchr(data, 0, size) != NULL) {
        /* jlite's own documented limits; and jansson's json_loadb lets a NUL
         * byte pass between tokens, which RFC 8259 does not: jlite refuses. */
    } else if ((rc == PSEC_OK) != (ref != NULL)) {
        abort();
    } else if (rc == PSEC_OK && !same(&j, &j.nodes[0], ref)) {
        abort();
    }
    psec_jl_free(&j);
    json_decref(ref);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct psec_coe_set set;
    static struct psec_matrix matrix;
    static int ready;
    static struct psec_noa noa;
    static struct psec_screen_result res;
    struct psec_err e = { 0 };
    if (!ready) {
        build(&set, &matrix);
        ready = 1;
    }
    differential(data, size);
    if (psec_noa_parse((const char *)data, size, &noa, lookup, NULL, &e) != PSEC_OK)
        return 0;
    psec_screen(&noa, &set, &matrix, NULL, 0, NULL, 0, &res);
    /* The writer must always produce JSON that parses. */
    json_t *doc = psec_screen_json(&noa, &res, &set);
    if (doc == NULL)
        abort();
    json_decref(doc);
    return 0;
}
