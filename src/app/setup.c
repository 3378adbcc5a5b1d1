/*
 * setup.c (app) — composes the loaders of every feature for 'init' and the
 * demo database. The order matters: the registry first (everything refers
 * to countries and ports), then the data that refers to it.
 */
#include "app/advisory.h"
#include "app/assess.h"
#include "app/risk.h"
#include "app/setup.h"

int psec_app_setup(struct psec_db *db, const char *datadir, struct psec_import_result *totals,
                   bool *already, struct psec_err *e)
{
    int rc = psec_app_load_bundled(db, datadir, totals, already, e);

    if (rc != PSEC_OK)
        return rc;
    if ((rc = psec_app_advisory_load_bundled(db, datadir, e)) != PSEC_OK)
        return rc;
    if ((rc = psec_app_assess_load_bundled(db, datadir, e)) != PSEC_OK)
        return rc;
    if ((rc = psec_app_risk_load_bundled(db, datadir, e)) != PSEC_OK)
        return rc;
    return PSEC_OK;
}

int psec_app_setup_demo(struct psec_db *db, const char *datadir, struct psec_err *e)
{
    int rc = psec_app_assess_load_demo(db, datadir, e);

    if (rc != PSEC_OK)
        return rc;
    return psec_app_risk_load_demo(db, datadir, e);
}
