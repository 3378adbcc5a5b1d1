/*
 * screen.c — use case: screening Notices of Arrival (see screen.h).
 *
 * What it does: holds the advisory history and the targeting matrix in
 * memory for a run, asks the registry for each declared port's country
 * (unknown ports are screened by their prefix, with a warning), reads the
 * vessel's control actions and ISPS examinations, screens, writes the
 * result document, and stores NOA and result together.
 *
 * What it does not: compare with AIS itself (see the AIS hook below),
 * print, or decide output formats.
 *
 * Verified against real data: tests/cli/screen.sh (the Port Victoria
 * example of issue 4 end to end) and bench/screen.sh.
 */
#include "app/screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "base/time.h"
#include "io/noa.h"
#include "store/advisory.h"
#include "store/ais.h"
#include "store/screen.h"

/* History read per vessel: more than a year of control actions or exams
 * for one ship is rare; the newest are read first. */
#define HISTORY_MAX 64

/* Ports already looked up in this run: a batch names the same ports again
 * and again. Open addressing on the five letters; a full table just stops
 * caching. */
#define PORT_CACHE 4096

struct port_slot {
    char locode[6];             /* "" empty */
    char country[3];            /* "" when the registry does not know the port */
};

struct psec_screener {
    struct psec_db *db;
    struct port_slot ports[PORT_CACHE];
    int nports;
    struct psec_coe_set set;
    struct psec_matrix matrix;
    struct psec_screen_pre pre;
    char version[96];
    psec_screen_ais_fn ais;
    void *ais_ctx;
    struct psec_noa noa;
    struct psec_screen_result res;
    struct psec_vessel_action actions[HISTORY_MAX];
    struct psec_vessel_exam exams[HISTORY_MAX];
};

int psec_screener_open(struct psec_screener **out, struct psec_db *db, struct psec_err *e)
{
    return psec_screener_open_version(out, db, NULL, e);
}

int psec_screener_open_version(struct psec_screener **out, struct psec_db *db,
                               const char *matrix_version, struct psec_err *e)
{
    int rev = -1;
    if (matrix_version != NULL) {
        int rc = psec_store_matrix_rev_of(db, matrix_version, &rev, e);
        if (rc != PSEC_OK)
            return rc;
    }
    struct psec_screener *s = calloc(1, sizeof *s);
    if (s == NULL)
        return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    s->db = db;
    psec_coe_set_init(&s->set);
    psec_matrix_init(&s->matrix);
    int rc = psec_store_coe_load(db, &s->set, e);
    if (rc == PSEC_OK)
        rc = psec_store_matrix_load(db, rev, &s->matrix, e);
    if (rc == PSEC_OK && s->set.nadv == 0)
        rc = psec_err_set(e, PSEC_E_NOTFOUND, "no advisories are loaded (run portsec init)");
    if (rc == PSEC_OK && psec_screen_pre_build(&s->set, &s->pre) != PSEC_OK)
        rc = psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    if (rc != PSEC_OK) {
        psec_screener_close(s);
        return rc;
    }
    snprintf(s->version, sizeof s->version, "%s+r%d", s->matrix.version, s->matrix.rev);
    /* AIS evidence is part of every screening where the vessel has AIS
     * data; with no AIS data at all, the per-NOA look-up is skipped. */
    if (psec_store_ais_any(db))
        psec_screener_set_ais(s, psec_screen_ais_evidence, NULL);
    *out = s;
    return PSEC_OK;
}

void psec_screener_close(struct psec_screener *s)
{
    if (s == NULL)
        return;
    psec_coe_set_free(&s->set);
    psec_matrix_free(&s->matrix);
    psec_screen_pre_free(&s->pre);
    free(s);
}

const char *psec_screener_matrix_version(const struct psec_screener *s)
{
    return s->version;
}

void psec_screener_set_ais(struct psec_screener *s, psec_screen_ais_fn fn, void *ctx)
{
    s->ais = fn;
    s->ais_ctx = ctx;
}

static bool port_lookup(void *ctx, const char *locode, char country[3])
{
    struct psec_screener *s = ctx;
    unsigned h = 2166136261u;
    for (int i = 0; i < 5; i++)
        h = (h ^ (unsigned char)locode[i]) * 16777619u;
    for (unsigned k = 0; k < PORT_CACHE; k++) {
        struct port_slot *slot = &s->ports[(h + k) % PORT_CACHE];
        if (slot->locode[0] == '\0') {
            bool known = psec_store_port_country(s->db, locode, country);
            if (s->nports < PORT_CACHE * 3 / 4) {
                memcpy(slot->locode, locode, 6);
                memcpy(slot->country, known ? country : "", known ? 3 : 1);
                s->nports++;
            }
            return known;
        }
        if (memcmp(slot->locode, locode, 6) == 0) {
            if (slot->country[0] == '\0')
                return false;
            memcpy(country, slot->country, 3);
            return true;
        }
    }
    return psec_store_port_country(s->db, locode, country);
}

/*
 * Undeclared AIS port calls become calls of the NOA, marked observed, so
 * that the screening rule treats them as what they are: the ship's real
 * calls. Pass-throughs (confidence 1) are not port calls and stay out.
 */
static void add_observed_calls(struct psec_screener *s, json_t *section)
{
    json_t *u = json_object_get(section, "undeclared"), *c;
    size_t i;
    int max = PSEC_NOA_MAX_CALLS + PSEC_AIS_EVIDENCE_CALLS;

    json_array_foreach(u, i, c) {
        struct psec_noa_call *pc;
        const char *port = json_string_value(json_object_get(c, "port"));
        const char *country = json_string_value(json_object_get(c, "country"));
        int64_t a, d;
        if (s->noa.ncalls >= max || json_integer_value(json_object_get(c, "confidence")) < 2 ||
            port == NULL || country == NULL ||
            !psec_time_parse(json_string_value(json_object_get(c, "arrival")), &a) ||
            !psec_time_parse(json_string_value(json_object_get(c, "departure")), &d))
            continue;
        pc = &s->noa.calls[s->noa.ncalls++];
        memset(pc, 0, sizeof *pc);
        psec_strlcpy(pc->port, port, sizeof pc->port);
        psec_strlcpy(pc->country, country, sizeof pc->country);
        pc->port_known = true;
        pc->observed = true;
        pc->arrival = a;
        pc->departure = d;
    }
}

/* Adds the "ais" section to a written result. The result is re-read as
 * JSON only when there is AIS data, so plain screening keeps its speed. */
static int add_ais_section(json_t *section, char **buf, size_t *cap, size_t *blen,
                           size_t start, struct psec_err *e)
{
    json_t *doc = json_loadb(*buf + start, *blen - start, 0, NULL);
    if (doc == NULL)
        return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    json_object_set(doc, "ais", section);
    char *text = json_dumps(doc, JSON_COMPACT);
    json_decref(doc);
    if (text == NULL)
        return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    size_t n = strlen(text);
    if (start + n + 1 > *cap) {
        char *p = realloc(*buf, start + n + 1);
        if (p == NULL) {
            free(text);
            return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        }
        *buf = p;
        *cap = start + n + 1;
    }
    memcpy(*buf + start, text, n + 1);
    *blen = start + n;
    free(text);
    return PSEC_OK;
}

int psec_screener_run(struct psec_screener *s, const char *text, size_t len, bool dry_run,
                      char **buf, size_t *cap, size_t *blen, struct psec_err *e)
{
    size_t nact = 0, nexam = 0, start = *blen;
    json_t *ais = NULL;
    int rc = psec_noa_parse(text, len, &s->noa, port_lookup, s, e);
    if (rc != PSEC_OK)
        return rc;
    if (s->ais != NULL) {
        if ((rc = s->ais(s->ais_ctx, s->db, &s->noa, &ais, e)) != PSEC_OK)
            return rc;
        if (ais != NULL)
            add_observed_calls(s, ais);
    }
    rc = psec_store_vessel_history(s->db, s->noa.imo, s->actions, HISTORY_MAX, &nact, s->exams,
                                   HISTORY_MAX, &nexam, e);
    if (rc != PSEC_OK) {
        json_decref(ais);
        return rc;
    }
    psec_screen(&s->noa, &s->set, &s->matrix, s->actions, nact, s->exams, nexam, &s->res);
    if ((rc = psec_screen_write(&s->noa, &s->res, &s->set, &s->pre, buf, cap, blen)) != PSEC_OK) {
        json_decref(ais);
        return psec_err_set(e, rc, "out of memory");
    }
    if (ais != NULL) {
        rc = add_ais_section(ais, buf, cap, blen, start, e);
        json_decref(ais);
        if (rc != PSEC_OK) {
            *blen = start;
            return rc;
        }
    }
    if (dry_run)
        return PSEC_OK;

    /* The vessel record follows the latest NOA; a field the NOA leaves out
     * keeps its stored value. */
    struct psec_vessel v;
    memset(&v, 0, sizeof v);
    memcpy(v.imo, s->noa.imo, sizeof v.imo);
    memcpy(v.mmsi, s->noa.mmsi, sizeof v.mmsi);
    memcpy(v.name, s->noa.name, sizeof v.name);
    memcpy(v.flag, s->noa.flag, sizeof v.flag);
    memcpy(v.type, s->noa.type, sizeof v.type);
    memcpy(v.rso, s->noa.rso, sizeof v.rso);
    memcpy(v.owner, s->noa.owner, sizeof v.owner);
    memcpy(v.operator_name, s->noa.operator_name, sizeof v.operator_name);
    memcpy(v.charterer, s->noa.charterer, sizeof v.charterer);
    v.built = s->noa.built;
    if ((rc = psec_db_begin(s->db, e)) != PSEC_OK)
        goto undo;
    rc = psec_store_vessel_put(s->db, &v, e);
    if (rc == PSEC_OK)
        rc = psec_store_screening_put(s->db, &s->noa, &s->res, text, len, *buf + start,
                                      *blen - start, e);
    if (rc == PSEC_OK)
        rc = psec_db_commit(s->db, e);
    else
        psec_db_rollback(s->db);
    if (rc == PSEC_OK)
        return PSEC_OK;
undo:
    *blen = start;
    return rc;
}
