/*
 * setup.h (app) — what 'portsec init' and the demo database need: every
 * feature's bundled data loaded in order, and the demonstration records.
 * Each loader it calls is idempotent, so running setup again changes
 * nothing.
 */
#ifndef PORTSEC_APP_SETUP_H
#define PORTSEC_APP_SETUP_H

#include <stdbool.h>

#include "app/import.h"
#include "store/db.h"

/* Loads the registry's reference data (psec_app_load_bundled: totals and
 * *already as there), then each feature's bundled data (checklist,
 * advisories, targeting matrix, trade). */
int psec_app_setup(struct psec_db *db, const char *datadir, struct psec_import_result *totals,
                   bool *already, struct psec_err *e);

/* Loads the demonstration records (assessments, units) that make a new
 * installation show every part of the program. They are marked as demo
 * data wherever they appear. */
int psec_app_setup_demo(struct psec_db *db, const char *datadir, struct psec_err *e);

#endif
