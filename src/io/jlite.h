/*
 * jlite.h — a small strict JSON reader for the screening hot path: one
 * pass into an index-linked node array and one string arena, no
 * allocation per value. It exists because building a jansson tree was the
 * largest cost of batch screening (about 17 us for a 700-byte NOA).
 *
 * Accepts exactly RFC 8259 with jansson's defaults: an object or array at
 * the top, UTF-8 checked, no \u0000, duplicate keys refused, integers that
 * overflow refused. fuzz/fuzz_noa.c checks it against jansson on every
 * input (same verdict, same values).
 */
#ifndef PORTSEC_IO_JLITE_H
#define PORTSEC_IO_JLITE_H

#include <stdbool.h>
#include <stddef.h>

#include "portsec/error.h"

enum psec_jl_type {
    PSEC_JL_NULL,
    PSEC_JL_FALSE,
    PSEC_JL_TRUE,
    PSEC_JL_INT,
    PSEC_JL_REAL,
    PSEC_JL_STRING,
    PSEC_JL_ARRAY,
    PSEC_JL_OBJECT
};

/* Most values in one document, and most members of one object: far above
 * any NOA, low enough that the duplicate-key check stays cheap. */
#define PSEC_JL_MAX_NODES   65536
#define PSEC_JL_MAX_MEMBERS 4096
#define PSEC_JL_MAX_DEPTH   512

struct psec_jl_node {
    int type;
    int first;                  /* first child (arrays, objects), -1 none */
    int next;                   /* next sibling, -1 none */
    int count;                  /* children */
    const char *key;            /* object members: the key (NUL-terminated, in the arena) */
    size_t keylen;
    const char *s;              /* strings: NUL-terminated, in the arena */
    size_t slen;
    long long i;
    double d;
};

struct psec_jl {
    struct psec_jl_node *nodes;
    int nnodes, cap;
    char *arena;
    size_t used, arena_cap;
    struct psec_jl_node small_nodes[256];
    char small_arena[4096];
};

/* Parses text (len bytes); the root is nodes[0]. On failure PSEC_E_INVALID
 * ("$: not JSON (byte N: reason)") or PSEC_E_LIMIT. Always call
 * psec_jl_free() afterwards. */
int psec_jl_parse(struct psec_jl *j, const char *text, size_t len, struct psec_err *e);
void psec_jl_free(struct psec_jl *j);

/* Member of an object by key, or NULL. */
const struct psec_jl_node *psec_jl_get(const struct psec_jl *j, const struct psec_jl_node *obj,
                                       const char *key);
/* Child i of an array, or NULL. */
const struct psec_jl_node *psec_jl_at(const struct psec_jl *j, const struct psec_jl_node *arr,
                                      int i);

#endif
