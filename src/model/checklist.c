/*
 * checklist.c — building and querying the checklist catalogue.
 *
 * Does: validates each item as it is added (stable unique id, known
 * section, scope the section admits, weight 1..3, 70108(b) element 1..6).
 * Does not: read files (src/io/assessment_json.c) or judge answers
 * (src/model/assess.c). Verified against data/checklist/isps-checklist-v1.json
 * by tests/unit/test_checklist.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/str.h"
#include "model/checklist.h"

struct psec_checklist *psec_checklist_new(const char *name, const char *version,
                                          const char *title)
{
    struct psec_checklist *ck = calloc(1, sizeof *ck);

    if (ck == NULL)
        return NULL;
    psec_strlcpy(ck->name, name ? name : "", sizeof ck->name);
    psec_strlcpy(ck->version, version ? version : "", sizeof ck->version);
    psec_strlcpy(ck->title, title ? title : "", sizeof ck->title);
    return ck;
}

void psec_checklist_free(struct psec_checklist *ck)
{
    if (ck == NULL)
        return;
    free(ck->sections);
    free(ck->items);
    free(ck);
}

int psec_checklist_section(const struct psec_checklist *ck, const char *id)
{
    for (size_t i = 0; i < ck->n_sections; i++)
        if (strcmp(ck->sections[i].id, id) == 0)
            return (int)i;
    return -1;
}

int psec_checklist_item(const struct psec_checklist *ck, const char *id)
{
    if (id == NULL)
        return -1;
    for (size_t i = 0; i < ck->n_items; i++)
        if (strcmp(ck->items[i].id, id) == 0)
            return (int)i;
    return -1;
}

int psec_checklist_add_section(struct psec_checklist *ck, const struct psec_ck_section *s,
                               struct psec_err *e)
{
    struct psec_ck_section *grown;

    if (s->id[0] == '\0')
        return psec_err_set(e, PSEC_E_INVALID, "section id is empty");
    if (psec_checklist_section(ck, s->id) >= 0)
        return psec_err_set(e, PSEC_E_INVALID, "section %s: duplicate id", s->id);
    if (ck->n_sections >= PSEC_CK_MAX_SECTIONS)
        return psec_err_set(e, PSEC_E_LIMIT, "section %s: more than %d sections", s->id,
                            PSEC_CK_MAX_SECTIONS);
    if (s->scope < PSEC_SCOPE_COUNTRY || s->scope > PSEC_SCOPE_BOTH)
        return psec_err_set(e, PSEC_E_INVALID, "section %s: bad scope", s->id);
    grown = realloc(ck->sections, (ck->n_sections + 1) * sizeof *grown);
    if (grown == NULL)
        return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    ck->sections = grown;
    ck->sections[ck->n_sections++] = *s;
    return PSEC_OK;
}

int psec_checklist_add_item(struct psec_checklist *ck, const struct psec_ck_item *it,
                            struct psec_err *e)
{
    struct psec_ck_item *grown;
    int sec;

    if (it->id[0] == '\0')
        return psec_err_set(e, PSEC_E_INVALID, "item id is empty");
    if (psec_checklist_item(ck, it->id) >= 0)
        return psec_err_set(e, PSEC_E_INVALID, "item %s: duplicate id", it->id);
    if (ck->n_items >= PSEC_CK_MAX_ITEMS)
        return psec_err_set(e, PSEC_E_LIMIT, "item %s: more than %d items", it->id,
                            PSEC_CK_MAX_ITEMS);
    sec = psec_checklist_section(ck, it->section);
    if (sec < 0)
        return psec_err_set(e, PSEC_E_INVALID, "item %s: unknown section \"%s\"", it->id,
                            it->section);
    if (it->scope != PSEC_SCOPE_COUNTRY && it->scope != PSEC_SCOPE_FACILITY)
        return psec_err_set(e, PSEC_E_INVALID, "item %s: scope must be country or facility",
                            it->id);
    if ((ck->sections[sec].scope & it->scope) == 0)
        return psec_err_set(e, PSEC_E_INVALID, "item %s: section %s does not hold %s items",
                            it->id, it->section, psec_scope_name(it->scope));
    if (it->weight < 1 || it->weight > 3)
        return psec_err_set(e, PSEC_E_INVALID, "item %s: weight %d is not 1, 2 or 3", it->id,
                            it->weight);
    if (it->question[0] == '\0')
        return psec_err_set(e, PSEC_E_INVALID, "item %s: question is empty", it->id);
    if (it->n_isps < 1)
        return psec_err_set(e, PSEC_E_INVALID, "item %s: needs at least one ISPS reference",
                            it->id);
    for (int i = 0; i < it->n_usc; i++)
        if (it->usc[i] < 1 || it->usc[i] > 6)
            return psec_err_set(e, PSEC_E_INVALID,
                                "item %s: 46 U.S.C. 70108(b) element %d is not 1..6", it->id,
                                it->usc[i]);
    grown = realloc(ck->items, (ck->n_items + 1) * sizeof *grown);
    if (grown == NULL)
        return psec_err_set(e, PSEC_E_NOMEM, "out of memory");
    ck->items = grown;
    ck->items[ck->n_items] = *it;
    ck->items[ck->n_items].section_index = sec;
    ck->n_items++;
    return PSEC_OK;
}

size_t psec_checklist_count(const struct psec_checklist *ck, enum psec_scope scope)
{
    size_t n = 0;

    for (size_t i = 0; i < ck->n_items; i++)
        if (ck->items[i].scope & scope)
            n++;
    return n;
}

static const char *const answer_names[] = { "", "YES", "NO", "NA", "NO_OBS" };

const char *psec_answer_name(enum psec_answer a)
{
    return (unsigned)a < sizeof answer_names / sizeof *answer_names ? answer_names[a] : "";
}

bool psec_answer_parse(const char *s, enum psec_answer *out)
{
    if (s == NULL)
        return false;
    for (int i = PSEC_ANSWER_YES; i <= PSEC_ANSWER_NO_OBS; i++)
        if (strcmp(s, answer_names[i]) == 0) {
            *out = (enum psec_answer)i;
            return true;
        }
    return false;
}

const char *psec_scope_name(enum psec_scope s)
{
    switch (s) {
    case PSEC_SCOPE_COUNTRY: return "country";
    case PSEC_SCOPE_FACILITY: return "facility";
    case PSEC_SCOPE_BOTH: return "both";
    }
    return "";
}

bool psec_scope_parse(const char *s, enum psec_scope *out)
{
    if (s == NULL)
        return false;
    if (strcmp(s, "country") == 0)
        *out = PSEC_SCOPE_COUNTRY;
    else if (strcmp(s, "facility") == 0)
        *out = PSEC_SCOPE_FACILITY;
    else if (strcmp(s, "both") == 0)
        *out = PSEC_SCOPE_BOTH;
    else
        return false;
    return true;
}

/* Appends to buf at *len, never past size. */
static void put(char *buf, size_t size, size_t *len, const char *s)
{
    if (*len + 1 >= size)
        return;
    *len += psec_strlcpy(buf + *len, s, size - *len);
    if (*len >= size)
        *len = size - 1;
}

char *psec_ck_item_refs(const struct psec_ck_item *it, char *buf, size_t size)
{
    size_t len = 0;
    char tmp[48];

    if (size == 0)
        return buf;
    buf[0] = '\0';
    for (int i = 0; i < it->n_isps; i++) {
        put(buf, size, &len, i == 0 ? "ISPS " : ", ");
        put(buf, size, &len, it->isps[i]);
    }
    for (int i = 0; i < it->n_solas; i++) {
        put(buf, size, &len, i == 0 ? (len ? "; SOLAS " : "SOLAS ") : ", ");
        put(buf, size, &len, it->solas[i]);
    }
    for (int i = 0; i < it->n_usc; i++) {
        snprintf(tmp, sizeof tmp, "%s(%d)",
                 i == 0 ? (len ? "; 46 U.S.C. 70108(b)" : "46 U.S.C. 70108(b)") : ", (b)",
                 it->usc[i]);
        put(buf, size, &len, tmp);
    }
    return buf;
}
