/*
 * import.c (app) — INTERIM. The registry branch replaces this file with the
 * real importers; until it lands, imports report that they are not yet
 * available and 'init' loads nothing. Kept only so that main links.
 */
#include <stdlib.h>
#include <string.h>

#include "app/import.h"

void psec_import_result_init(struct psec_import_result *res)
{
    memset(res, 0, sizeof *res);
}

void psec_import_result_free(struct psec_import_result *res)
{
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
    if (o && res->datasets)
        json_object_set(o, "datasets", res->datasets);
    return o;
}

bool psec_app_import_kind_valid(const char *kind)
{
    static const char *const kinds[] = { "countries", "isps", "ports", "wpi", "mid",
                                         "facilities", NULL };
    for (int i = 0; kinds[i]; i++)
        if (strcmp(kind, kinds[i]) == 0)
            return true;
    return false;
}

int psec_app_import(struct psec_db *db, const char *kind, const char *path,
                    const struct psec_import_opts *opts, struct psec_import_result *res,
                    struct psec_err *e)
{
    (void)db;
    (void)opts;
    (void)res;
    return psec_err_set(e, PSEC_E_USAGE, "%s: importing %s is not available in this build",
                        path, kind);
}

int psec_app_load_bundled(struct psec_db *db, const char *datadir,
                          struct psec_import_result *totals, bool *already, struct psec_err *e)
{
    (void)db;
    (void)datadir;
    (void)totals;
    (void)e;
    *already = true;
    return PSEC_OK;
}

const char *psec_app_datadir(void)
{
    const char *d = getenv("PORTSEC_DATA");
    return d && *d ? d : PSEC_DATADIR;
}
