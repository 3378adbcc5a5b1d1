/*
 * registry_extra.c (store) — see registry_extra.h.
 */
#include "store/registry_extra.h"

int psec_store_wpi_unmatched_clear(struct psec_db *db, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db, "DELETE FROM wpi_unmatched", e);

    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    return psec_stmt_run(st, e);
}

int psec_store_port_prefer_wpi_pos(struct psec_db *db, const char *locode, double lat,
                                   double lon, struct psec_err *e)
{
    struct psec_stmt *st = psec_db_stmt(db,
        "UPDATE port SET lat=?, lon=?, coord_source='wpi', version=version+1"
        " WHERE locode=? AND coord_source='geocoded'", e);

    if (st == NULL)
        return e ? e->code : PSEC_E_DB;
    psec_stmt_double(st, 1, lat);
    psec_stmt_double(st, 2, lon);
    psec_stmt_text(st, 3, locode);
    return psec_stmt_run(st, e);
}
