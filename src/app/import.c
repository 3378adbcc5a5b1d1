/*
 * import.c (app) — importing reference data into the registry, one file at
 * a time ('portsec import') or everything bundled under data/ ('portsec
 * init'). See import.h.
 *
 * What it does: runs the src/io/ reader for the kind inside one
 * transaction; checks what only the registry can tell (does the country or
 * port exist, has this WPI number or UN/LOCODE been seen already in this
 * file); maps ITU MID allocations to ISO countries by name, with
 * data/mid/mid-country-map.csv for the names that do not match; rolls back
 * on the first bad row unless skip_invalid.
 *
 * What it does not: print, or split a big import into several
 * transactions — one transaction is what makes an interrupted import
 * (kill -9) leave the database as it was.
 *
 * Verified against real data: 'portsec init' loads every bundled file with
 * no rejected row; the figures are in the PROVENANCE.md files under data/ and checked by
 * tests/unit/test_import.c.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/import.h"
#include "base/str.h"
#include "io/import_common.h"
#include "io/import_countries.h"
#include "io/import_facilities.h"
#include "io/import_mid.h"
#include "io/import_ports.h"
#include "io/import_wpi.h"
#include "store/registry.h"
#include "store/registry_extra.h"

/* Rejected rows listed in a result: enough to fix a file by, small enough
 * that a wholly wrong file cannot fill memory (the count stays exact). */
#define REJECTS_LISTED 1000

/* A small open-addressing map from a non-zero 32-bit key to two ints, for
 * "seen already in this file" checks; grows as needed. */
struct seen {
    uint32_t *key;
    int *a, *b;
    size_t cap, n;
};

struct imp {
    struct psec_db *db;
    const char *file;                       /* name used in messages */
    const char *path;
    bool skip_invalid, demo;
    struct psec_import_result *res;
    unsigned char cc[26 * 26];              /* 0 not asked, 1 exists, 2 missing */
    struct seen wpi_numbers;                /* WPI number -> line */
    struct seen wpi_locodes;                /* UN/LOCODE -> WPI number, line */
    struct seen port_codes;                 /* UN/LOCODE -> line (ports import) */
    bool have_map;
    signed char map_set[1000];              /* MID -> mapped by the map file */
    char map_cc[1000][3];
    long mid_line[1000];                    /* MID -> line it was first seen on */
};

/* ---- results ---------------------------------------------------------- */

void psec_import_result_init(struct psec_import_result *res)
{
    memset(res, 0, sizeof *res);
}

void psec_import_result_free(struct psec_import_result *res)
{
    if (res == NULL)
        return;
    json_decref(res->rejects);
    json_decref(res->unmatched_list);
    json_decref(res->datasets);
    memset(res, 0, sizeof *res);
}

json_t *psec_import_result_json(const struct psec_import_result *res)
{
    json_t *o = json_pack("{s:s, s:I, s:I, s:I, s:I, s:I}", "kind", res->kind, "rows",
                          (json_int_t)res->rows, "imported", (json_int_t)res->imported,
                          "skipped", (json_int_t)res->skipped, "rejected",
                          (json_int_t)res->rejected, "unmatched", (json_int_t)res->unmatched);

    if (o == NULL)
        return NULL;
    if (json_array_size(res->rejects) > 0)
        json_object_set(o, "rejects", res->rejects);
    if (json_array_size(res->unmatched_list) > 0)
        json_object_set(o, "unmatched_list", res->unmatched_list);
    if (json_array_size(res->datasets) > 0)
        json_object_set(o, "datasets", res->datasets);
    return o;
}

static const char *const KINDS[] = {"countries", "isps", "ports", "wpi", "mid", "facilities",
                                    NULL};

bool psec_app_import_kind_valid(const char *kind)
{
    for (int i = 0; kind != NULL && KINDS[i] != NULL; i++)
        if (strcmp(kind, KINDS[i]) == 0)
            return true;
    return false;
}

const char *psec_app_datadir(void)
{
    const char *d = getenv("PORTSEC_DATA");

    return d != NULL && *d != '\0' ? d : PSEC_DATADIR;
}

/* ---- seen-sets -------------------------------------------------------- */

static void seen_free(struct seen *s)
{
    free(s->key);
    free(s->a);
    free(s->b);
    memset(s, 0, sizeof *s);
}

static size_t seen_slot(const struct seen *s, uint32_t key)
{
    size_t i = (key * 2654435761u) & (s->cap - 1);

    while (s->key[i] != 0 && s->key[i] != key)
        i = (i + 1) & (s->cap - 1);
    return i;
}

/* Finds key: returns true and fills *a, *b when present. */
static bool seen_get(const struct seen *s, uint32_t key, int *a, int *b)
{
    size_t i;

    if (s->cap == 0)
        return false;
    i = seen_slot(s, key);
    if (s->key[i] == 0)
        return false;
    *a = s->a[i];
    *b = s->b[i];
    return true;
}

static int seen_put(struct seen *s, uint32_t key, int a, int b)
{
    size_t i;

    if ((s->n + 1) * 4 > s->cap * 3) {
        struct seen g = {0};
        g.cap = s->cap ? s->cap * 2 : 4096;
        g.key = calloc(g.cap, sizeof *g.key);
        g.a = malloc(g.cap * sizeof *g.a);
        g.b = malloc(g.cap * sizeof *g.b);
        if (g.key == NULL || g.a == NULL || g.b == NULL) {
            seen_free(&g);
            return PSEC_E_NOMEM;
        }
        for (size_t k = 0; k < s->cap; k++)
            if (s->key[k] != 0) {
                size_t j = seen_slot(&g, s->key[k]);
                g.key[j] = s->key[k];
                g.a[j] = s->a[k];
                g.b[j] = s->b[k];
                g.n++;
            }
        seen_free(s);
        *s = g;
    }
    i = seen_slot(s, key);
    if (s->key[i] == 0)
        s->n++;
    s->key[i] = key;
    s->a[i] = a;
    s->b[i] = b;
    return PSEC_OK;
}

/* A UN/LOCODE as a non-zero number: five base-36 digits, plus one. */
static uint32_t locode_key(const char *l)
{
    uint32_t k = 0;

    for (int i = 0; i < 5; i++) {
        unsigned char ch = (unsigned char)l[i];
        k = k * 36 + (ch >= 'A' ? (uint32_t)(ch - 'A' + 10) : (uint32_t)(ch - '0'));
    }
    return k + 1;
}

/* ---- rejected rows ---------------------------------------------------- */

static int on_reject(void *ctx, long line, const char *column, const char *reason)
{
    struct imp *m = ctx;
    json_t *o;

    m->res->rejected++;
    if (m->res->rejects == NULL && (m->res->rejects = json_array()) == NULL)
        return PSEC_E_NOMEM;
    if (json_array_size(m->res->rejects) >= REJECTS_LISTED)
        return PSEC_OK;
    o = json_pack("{s:I, s:s, s:s}", "line", (json_int_t)line, "column", column, "reason",
                  reason);
    if (o == NULL || json_array_append_new(m->res->rejects, o) != 0)
        return PSEC_E_NOMEM;
    return PSEC_OK;
}

static void on_skipped(void *ctx, long line)
{
    struct imp *m = ctx;

    (void)line;
    m->res->skipped++;
}

/* A row the registry refuses (unknown country, unknown port): a reject
 * with skip_invalid, else the error that stops the import. */
__attribute__((format(printf, 5, 6)))
static int bad_row(struct imp *m, long line, const char *column, struct psec_err *e,
                   const char *fmt, ...)
{
    char reason[PSEC_ERR_MAX];
    va_list ap;
    int rc;

    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    if (!m->skip_invalid)
        return psec_io_row_error(e, m->file, line, column, "%s", reason);
    if ((rc = on_reject(m, line, column, reason)) != PSEC_OK)
        return psec_err_set(e, rc, "%s:%ld: out of memory", m->file, line);
    return PSEC_OK;
}

/* Store errors say what failed; add where. */
static int store_failed(struct imp *m, long line, int rc, struct psec_err *e)
{
    psec_err_prefix(e, "%s:%ld: ", m->file, line);
    return rc;
}

static int list_unmatched(struct imp *m, json_t *o)
{
    m->res->unmatched++;
    if (o == NULL)
        return PSEC_E_NOMEM;
    if (m->res->unmatched_list == NULL && (m->res->unmatched_list = json_array()) == NULL) {
        json_decref(o);
        return PSEC_E_NOMEM;
    }
    return json_array_append_new(m->res->unmatched_list, o) == 0 ? PSEC_OK : PSEC_E_NOMEM;
}

static bool country_known(struct imp *m, const char *cc)
{
    unsigned char *slot;

    if (cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z' || cc[2] != '\0')
        return false;
    slot = &m->cc[(cc[0] - 'A') * 26 + (cc[1] - 'A')];
    if (*slot == 0)
        *slot = psec_store_country_exists(m->db, cc) ? 1 : 2;
    return *slot == 1;
}

/* ---- per-kind row handlers -------------------------------------------- */

static int country_row(void *ctx, const struct psec_country *c, long line, struct psec_err *e)
{
    struct imp *m = ctx;
    int rc = psec_store_country_put(m->db, c, e);

    if (rc != PSEC_OK)
        return store_failed(m, line, rc, e);
    m->cc[(c->alpha2[0] - 'A') * 26 + (c->alpha2[1] - 'A')] = 1;
    m->res->imported++;
    return PSEC_OK;
}

static int isps_row(void *ctx, const struct psec_country *c, long line, struct psec_err *e)
{
    struct imp *m = ctx;
    int rc;

    if (!country_known(m, c->alpha2))
        return bad_row(m, line, "alpha2", e,
                       "unknown country code \"%s\"; import the countries first", c->alpha2);
    rc = psec_store_country_set_isps(m->db, c->alpha2, c->solas, c->isps_since,
                                     c->designated_authority, c->unit, c->notes, e);
    if (rc != PSEC_OK)
        return store_failed(m, line, rc, e);
    m->res->imported++;
    return PSEC_OK;
}

static int port_row(void *ctx, const struct psec_port *p, long line, struct psec_err *e)
{
    struct imp *m = ctx;
    int rc, first;

    /* UN/LOCODE lists some codes twice, once per language of a bilingual
     * name ("Mariehamn (Maarianhamina)", "Maarianhamina (Mariehamn)"): the
     * first entry is kept, the others counted as skipped. */
    if (seen_get(&m->port_codes, locode_key(p->locode), &first, &first)) {
        m->res->skipped++;
        return PSEC_OK;
    }
    if (seen_put(&m->port_codes, locode_key(p->locode), (int)line, 0) != PSEC_OK)
        return psec_err_set(e, PSEC_E_NOMEM, "%s:%ld: out of memory", m->file, line);
    if (!country_known(m, p->country))
        return bad_row(m, line, "country", e,
                       "unknown country code \"%s\" (UN/LOCODE %s); it is not an ISO 3166 "
                       "country in the registry — import the countries first",
                       p->country, p->locode);
    if ((rc = psec_store_port_put(m->db, p, e)) != PSEC_OK)
        return store_failed(m, line, rc, e);
    m->res->imported++;
    return PSEC_OK;
}

static int wpi_unmatched(struct imp *m, const struct psec_io_wpi *w, long line, bool store,
                         const char *reason, struct psec_err *e)
{
    const struct psec_port *p = &w->port;
    json_t *o;
    int rc;

    if (store) {
        rc = psec_store_wpi_unmatched(m->db, p->wpi_number, p->name, w->country_name,
                                      w->locode_raw, p->has_pos ? p->lat : NAN,
                                      p->has_pos ? p->lon : NAN, reason, e);
        if (rc != PSEC_OK)
            return store_failed(m, line, rc, e);
    }
    o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:I}", "wpi_number", (json_int_t)p->wpi_number,
                  "name", p->name, "country_name", w->country_name, "locode_raw",
                  w->locode_raw, "reason", reason, "line", (json_int_t)line);
    if (o != NULL && !w->number_whole)
        json_object_set_new(o, "wpi_number", json_string(w->number_raw));
    if ((rc = list_unmatched(m, o)) != PSEC_OK)
        return psec_err_set(e, rc, "%s:%ld: out of memory", m->file, line);
    return PSEC_OK;
}

static int wpi_row(void *ctx, const struct psec_io_wpi *w, long line, struct psec_err *e)
{
    struct imp *m = ctx;
    const struct psec_port *p = &w->port;
    char reason[160];
    int first, other, rc;

    /* NGA numbers a port inserted between two others with a fraction
     * (49454.5); the registry keys WPI entries by whole numbers, so these
     * are reported rather than forced into another port's number. */
    if (!w->number_whole) {
        snprintf(reason, sizeof reason,
                 "WPI number %s is not a whole number (an inserted entry); not merged",
                 w->number_raw);
        return wpi_unmatched(m, w, line, false, reason, e);
    }
    if (seen_get(&m->wpi_numbers, (uint32_t)p->wpi_number, &first, &other)) {
        snprintf(reason, sizeof reason, "WPI number %d appears again (first on line %d)",
                 p->wpi_number, first);
        return wpi_unmatched(m, w, line, false, reason, e);
    }
    if (seen_put(&m->wpi_numbers, (uint32_t)p->wpi_number, (int)line, 0) != PSEC_OK)
        return psec_err_set(e, PSEC_E_NOMEM, "%s:%ld: out of memory", m->file, line);
    if (w->locode_problem != NULL) {
        if (w->locode_raw[strspn(w->locode_raw, " ")] == '\0')
            snprintf(reason, sizeof reason, "%s", w->locode_problem);
        else
            snprintf(reason, sizeof reason, "\"%s\" is %s", w->locode_raw, w->locode_problem);
        return wpi_unmatched(m, w, line, true, reason, e);
    }
    if (seen_get(&m->wpi_locodes, locode_key(p->locode), &other, &first)) {
        snprintf(reason, sizeof reason, "UN/LOCODE %s is already merged with WPI %d (line %d)",
                 p->locode, other, first);
        return wpi_unmatched(m, w, line, true, reason, e);
    }
    rc = psec_store_port_merge_wpi(m->db, p, e);
    if (rc == PSEC_E_NOTFOUND) {
        snprintf(reason, sizeof reason, "UN/LOCODE %s is not a sea port in the registry",
                 p->locode);
        return wpi_unmatched(m, w, line, true, reason, e);
    }
    if (rc == PSEC_OK && p->has_pos)
        rc = psec_store_port_prefer_wpi_pos(m->db, p->locode, p->lat, p->lon, e);
    if (rc != PSEC_OK)
        return store_failed(m, line, rc, e);
    if (seen_put(&m->wpi_locodes, locode_key(p->locode), p->wpi_number, (int)line) != PSEC_OK)
        return psec_err_set(e, PSEC_E_NOMEM, "%s:%ld: out of memory", m->file, line);
    m->res->imported++;
    return PSEC_OK;
}

static int map_row(void *ctx, const struct psec_mid *r, long line, struct psec_err *e)
{
    struct imp *m = ctx;

    (void)line;
    (void)e;
    m->map_set[r->mid] = 1;
    psec_strlcpy(m->map_cc[r->mid], r->country, sizeof m->map_cc[r->mid]);
    return PSEC_OK;
}

/* Tries the ITU name as written, then without its "(Republic of)" part.
 * For "Parent - Territory" it tries the territory first, since a territory
 * with its own ISO code flies its own register ("United Kingdom ... -
 * Bermuda" is BM), and the parent only when the territory has no code
 * ("Portugal - Azores" is PT). */
static void strip_parens(char *s)
{
    char *cut = strchr(s, '(');

    if (cut != NULL)
        *cut = '\0';
    psec_trim(s);
}

static bool mid_match(struct imp *m, const char *allocated, char cc[3])
{
    char cand[4][PSEC_NAME_MAX];
    const char *dash = strstr(allocated, " - ");
    int n = 0;

    psec_strlcpy(cand[n++], allocated, sizeof cand[0]);
    if (dash != NULL) {
        psec_strlcpy(cand[n], dash + 3, sizeof cand[0]);
        strip_parens(cand[n++]);
        snprintf(cand[n], sizeof cand[0], "%.*s", (int)(dash - allocated), allocated);
        strip_parens(cand[n++]);
    } else {
        psec_strlcpy(cand[n], allocated, sizeof cand[0]);
        strip_parens(cand[n++]);
    }
    for (int i = 0; i < n; i++) {
        /* Codes are not names: "Niue" must not be taken for alpha-3 NIU. */
        if (strlen(cand[i]) <= 3)
            continue;
        if (psec_store_country_resolve(m->db, cand[i], cc, NULL) == PSEC_OK)
            return true;
    }
    return false;
}

static int mid_row(void *ctx, const struct psec_mid *r, long line, struct psec_err *e)
{
    struct imp *m = ctx;
    struct psec_mid v = *r;
    char reason[PSEC_NAME_MAX + 96];
    int rc;

    reason[0] = '\0';
    /* The ITU table lists some MIDs once per territory sharing them (306:
     * Bonaire, Curacao, Sint Maarten); the first entry is kept and the
     * others reported. */
    if (m->mid_line[v.mid] != 0) {
        m->res->skipped++;
        snprintf(reason, sizeof reason, "MID %d appears again (first on line %ld); not imported",
                 v.mid, m->mid_line[v.mid]);
        rc = list_unmatched(m, json_pack("{s:i, s:s, s:s}", "mid", v.mid, "allocated_to",
                                         v.allocated_to, "reason", reason));
        m->res->unmatched--;
        if (rc != PSEC_OK)
            return psec_err_set(e, rc, "%s:%ld: out of memory", m->file, line);
        return PSEC_OK;
    }
    m->mid_line[v.mid] = line;
    if (v.country[0] != '\0') {
        if (!country_known(m, v.country))
            return bad_row(m, line, "country", e, "unknown country code \"%s\"", v.country);
    } else if (m->map_set[v.mid]) {
        psec_strlcpy(v.country, m->map_cc[v.mid], sizeof v.country);
        if (v.country[0] == '\0')
            snprintf(reason, sizeof reason, "maps to no ISO 3166 country (mid-country-map.csv)");
        else if (!country_known(m, v.country))
            return bad_row(m, line, "MID", e,
                           "mid-country-map.csv maps MID %d to \"%s\", which is not a "
                           "country in the registry", v.mid, v.country);
    } else if (!mid_match(m, v.allocated_to, v.country)) {
        v.country[0] = '\0';
        snprintf(reason, sizeof reason,
                 "no country is named \"%s\"; add the MID to data/mid/mid-country-map.csv",
                 v.allocated_to);
    }
    if ((rc = psec_store_mid_put(m->db, &v, e)) != PSEC_OK)
        return store_failed(m, line, rc, e);
    m->res->imported++;
    if (v.country[0] == '\0') {
        rc = list_unmatched(m, json_pack("{s:i, s:s, s:s}", "mid", v.mid, "allocated_to",
                                         v.allocated_to, "reason", reason));
        if (rc != PSEC_OK)
            return psec_err_set(e, rc, "%s:%ld: out of memory", m->file, line);
    }
    return PSEC_OK;
}

/* The port of a facility: the UN/LOCODE its number starts with, or, for
 * numbers built on a non-UN/LOCODE code (CM394-0001), the sea port of that
 * name in the country. */
static bool facility_port(struct imp *m, const struct psec_io_facility *r, char port[6])
{
    char cc[3] = {r->f.number[0], r->f.number[1], '\0'};
    json_t *hits, *h;
    size_t i;
    bool found = false;

    if (psec_store_port_exists(m->db, r->f.port)) {
        psec_strlcpy(port, r->f.port, 6);
        return true;
    }
    if (r->port_name[0] == '\0')
        return false;
    hits = psec_store_port_search(m->db, r->port_name, cc, 20, NULL);
    json_array_foreach(hits, i, h) {
        if (psec_strcasecmp(json_string_value(json_object_get(h, "name")), r->port_name) == 0) {
            psec_strlcpy(port, json_string_value(json_object_get(h, "locode")), 6);
            found = true;
            break;
        }
    }
    json_decref(hits);
    return found;
}

static int facility_row(void *ctx, const struct psec_io_facility *r, long line,
                        struct psec_err *e)
{
    struct imp *m = ctx;
    struct psec_facility f = r->f;
    char cc[3] = {f.number[0], f.number[1], '\0'}, given[3];
    int rc;

    if (strlen(r->country) == 3) {
        if (psec_store_country_resolve(m->db, r->country, given, NULL) != PSEC_OK)
            return bad_row(m, line, "Country Code", e, "unknown country code \"%s\"",
                           r->country);
        if (strcmp(given, cc) != 0)
            return bad_row(m, line, "Country Code", e,
                           "country %s (%s) does not match facility number %s", r->country,
                           given, f.number);
    }
    if (!country_known(m, cc))
        return bad_row(m, line, "IMO Port Facility Number", e,
                       "unknown country code \"%s\" (facility %s); import the countries first",
                       cc, f.number);
    if (!facility_port(m, r, f.port))
        return bad_row(m, line, "IMO Port Facility Number", e,
                       "port %s (from facility number %s) is not a sea port in the registry%s%s%s",
                       f.port, f.number, r->port_name[0] ? ", nor is any named \"" : "",
                       r->port_name, r->port_name[0] ? "\"" : "");
    f.demo = m->demo;
    if ((rc = psec_store_facility_put(m->db, &f, e)) != PSEC_OK)
        return store_failed(m, line, rc, e);
    m->res->imported++;
    return PSEC_OK;
}

/* ---- one file --------------------------------------------------------- */

/* Loads the MID mapping file beside the MID file, else the bundled one. */
static int load_mid_map(struct imp *m, const char *datadir, struct psec_err *e)
{
    char path[4096];
    const char *slash = strrchr(m->path, '/');
    FILE *f = NULL;
    int rc;

    if (slash != NULL)
        snprintf(path, sizeof path, "%.*s/mid-country-map.csv", (int)(slash - m->path),
                 m->path);
    else
        snprintf(path, sizeof path, "mid-country-map.csv");
    if ((f = fopen(path, "rb")) == NULL && datadir != NULL) {
        snprintf(path, sizeof path, "%s/mid/mid-country-map.csv", datadir);
        f = fopen(path, "rb");
    }
    if (f == NULL)
        return PSEC_OK;             /* no map: names alone decide */
    m->have_map = true;
    rc = psec_io_read_mid_map(f, strrchr(path, '/') ? strrchr(path, '/') + 1 : path, map_row,
                              m, NULL, e);
    fclose(f);
    return rc;
}

static int run(struct imp *m, const char *kind, FILE *f, struct psec_err *e)
{
    struct psec_io_sink sink = {m, m->skip_invalid ? on_reject : NULL, on_skipped, 0};
    int rc;

    if (strcmp(kind, "countries") == 0)
        rc = psec_io_read_countries(f, m->file, country_row, m, &sink, e);
    else if (strcmp(kind, "isps") == 0)
        rc = psec_io_read_isps(f, m->file, isps_row, m, &sink, e);
    else if (strcmp(kind, "ports") == 0)
        rc = psec_io_read_ports(f, m->file, port_row, m, &sink, e);
    else if (strcmp(kind, "wpi") == 0) {
        rc = psec_store_wpi_unmatched_clear(m->db, e);
        if (rc == PSEC_OK)
            rc = psec_io_read_wpi(f, m->file, wpi_row, m, &sink, e);
    } else if (strcmp(kind, "mid") == 0) {
        rc = load_mid_map(m, psec_app_datadir(), e);
        if (rc == PSEC_OK)
            rc = psec_io_read_mid(f, m->file, mid_row, m, &sink, e);
    } else
        rc = psec_io_read_facilities(f, m->file, facility_row, m, &sink, e);
    m->res->rows += sink.rows;
    return rc;
}

/* One file inside the caller's transaction (or its own). */
static int import_one(struct psec_db *db, const char *kind, const char *path, const char *name,
                      bool skip_invalid, bool demo, struct psec_import_result *res,
                      struct psec_err *e)
{
    struct imp *m;
    FILE *f;
    int rc;

    if (!psec_app_import_kind_valid(kind))
        return psec_err_set(e, PSEC_E_USAGE,
                            "unknown kind \"%s\" (countries, isps, ports, wpi, mid, facilities)",
                            kind ? kind : "");
    if (name == NULL)
        name = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
    if ((f = fopen(path, "rb")) == NULL)
        return psec_err_set(e, PSEC_E_IO, "%s: %s; check the file name", path, strerror(errno));
    if ((m = calloc(1, sizeof *m)) == NULL) {
        fclose(f);
        return psec_err_set(e, PSEC_E_NOMEM, "%s: out of memory", name);
    }
    m->db = db;
    m->file = name;
    m->path = path;
    m->skip_invalid = skip_invalid;
    m->demo = demo;
    m->res = res;
    if ((rc = psec_db_begin(db, e)) == PSEC_OK) {
        rc = run(m, kind, f, e);
        if (rc == PSEC_OK)
            rc = psec_db_commit(db, e);
        else
            psec_db_rollback(db);
    }
    seen_free(&m->wpi_numbers);
    seen_free(&m->wpi_locodes);
    seen_free(&m->port_codes);
    free(m);
    fclose(f);
    return rc;
}

int psec_app_import(struct psec_db *db, const char *kind, const char *path,
                    const struct psec_import_opts *opts, struct psec_import_result *res,
                    struct psec_err *e)
{
    static const struct psec_import_opts none = {false, false, NULL};

    if (opts == NULL)
        opts = &none;
    psec_strlcpy(res->kind, kind != NULL ? kind : "", sizeof res->kind);
    return import_one(db, kind, path, opts->name, opts->skip_invalid, opts->demo, res, e);
}

/* ---- everything bundled ------------------------------------------------- */

/* Order matters: ISPS fields and ports need the countries, WPI the ports,
 * facilities the ports. */
static const struct {
    const char *dataset, *kind, *file;
    bool demo;
} BUNDLED[] = {
    {"countries", "countries", "countries/country-codes.csv", false},
    /* UN/LOCODE's XZ (offshore installations) is not in ISO 3166 but 23 sea
     * ports carry it. */
    {"countries-unlocode", "countries", "countries/unlocode-extra.csv", false},
    {"isps", "isps", "isps/isps-countries.csv", false},
    {"ports", "ports", "ports/unlocode-geoapify-ports.csv", false},
    {"wpi", "wpi", "wpi/wpi-pub150.csv", false},
    {"mid", "mid", "mid/itu-maritime-identification-digits.csv", false},
    {"facilities-demo", "facilities", "facilities/demo-facilities.csv", true},
};
#define NBUNDLED (sizeof BUNDLED / sizeof BUNDLED[0])

static int add_totals(struct psec_import_result *t, struct psec_import_result *r,
                      const char *dataset, const char *source)
{
    json_t *o;
    size_t i;
    json_t *v;

    t->rows += r->rows;
    t->imported += r->imported;
    t->skipped += r->skipped;
    t->rejected += r->rejected;
    t->unmatched += r->unmatched;
    if (t->datasets == NULL && (t->datasets = json_array()) == NULL)
        return PSEC_E_NOMEM;
    o = json_pack("{s:s, s:s, s:I, s:I, s:I, s:I}", "name", dataset, "source", source, "rows",
                  (json_int_t)r->rows, "imported", (json_int_t)r->imported, "skipped",
                  (json_int_t)r->skipped, "unmatched", (json_int_t)r->unmatched);
    if (o == NULL || json_array_append_new(t->datasets, o) != 0)
        return PSEC_E_NOMEM;
    /* Keep the unmatched entries, each saying which dataset it came from. */
    json_array_foreach(r->unmatched_list, i, v) {
        json_object_set_new(v, "dataset", json_string(dataset));
        if (t->unmatched_list == NULL && (t->unmatched_list = json_array()) == NULL)
            return PSEC_E_NOMEM;
        if (json_array_append(t->unmatched_list, v) != 0)
            return PSEC_E_NOMEM;
    }
    return PSEC_OK;
}

int psec_app_load_bundled(struct psec_db *db, const char *datadir,
                          struct psec_import_result *totals, bool *already,
                          struct psec_err *e)
{
    char path[4096];
    bool todo[NBUNDLED];
    size_t n = 0;
    int rc;

    *already = false;
    psec_strlcpy(totals->kind, "all", sizeof totals->kind);
    if (datadir == NULL)
        datadir = psec_app_datadir();
    snprintf(path, sizeof path, "%s/%s", datadir, BUNDLED[0].file);
    if (access(path, R_OK) != 0)
        return psec_err_set(e, PSEC_E_IO,
                            "%s: %s; the bundled data is not in %s (set PORTSEC_DATA or pass "
                            "--data DIR)", path, strerror(errno), datadir);
    for (size_t i = 0; i < NBUNDLED; i++) {
        todo[i] = !psec_store_dataset_loaded(db, BUNDLED[i].dataset);
        n += todo[i];
    }
    if (n == 0) {
        *already = true;
        return PSEC_OK;
    }
    if ((rc = psec_db_begin(db, e)) != PSEC_OK)
        return rc;
    for (size_t i = 0; i < NBUNDLED && rc == PSEC_OK; i++) {
        struct psec_import_result r;
        if (!todo[i])
            continue;
        psec_import_result_init(&r);
        psec_strlcpy(r.kind, BUNDLED[i].kind, sizeof r.kind);
        snprintf(path, sizeof path, "%s/%s", datadir, BUNDLED[i].file);
        /* Bundled data is checked by the tests: a bad row here is a bug, so
         * it stops 'init' rather than being skipped. */
        rc = import_one(db, BUNDLED[i].kind, path, NULL, false, BUNDLED[i].demo, &r, e);
        if (rc == PSEC_OK)
            rc = psec_store_dataset_mark(db, BUNDLED[i].dataset, BUNDLED[i].file, r.imported, e);
        if (rc == PSEC_OK && add_totals(totals, &r, BUNDLED[i].dataset, BUNDLED[i].file) != 0)
            rc = psec_err_set(e, PSEC_E_NOMEM, "out of memory");
        psec_import_result_free(&r);
    }
    if (rc == PSEC_OK)
        return psec_db_commit(db, e);
    psec_db_rollback(db);
    return rc;
}
