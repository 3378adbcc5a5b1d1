/*
 * fuzz_noa.c — libFuzzer harness for the Notice of Arrival parser and the
 * screening behind it: any bytes in, no crash, no leak, no undefined
 * behaviour; a NOA that parses is screened against a small in-memory
 * advisory set and matrix and written out as JSON.
 *
 * Seed corpus: fuzz/corpus/fuzz_noa/ (valid NOAs and near misses).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
