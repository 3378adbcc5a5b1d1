/*
 * import.h — use case: load reference data (countries, ISPS country fields,
 * ports, World Port Index, MID table, port facilities) from CSV files into
 * the registry, and load everything bundled under data/ for 'portsec init'.
 *
 * What it does: opens the file, picks the parser for the kind (src/io/),
 * validates every row, writes through src/store/registry.h in ONE
 * transaction. All or nothing by default: the first bad row stops the
 * import with "FILE:LINE: column NAME: reason" and the database is left as
 * it was. With skip_invalid the good rows are imported and every rejected
 * row is listed in the result.
 *
 * What it does not: print, exit, or decide output formats (the CLI and the
 * HTTP server format the result); download anything.
 */
#ifndef PORTSEC_APP_IMPORT_H
#define PORTSEC_APP_IMPORT_H

#include <stdbool.h>

#include <jansson.h>

#include "portsec/error.h"
#include "store/db.h"

struct psec_import_opts {
    bool skip_invalid;      /* import good rows, list the bad ones in res->rejects */
    bool demo;              /* facilities: mark every imported facility demo=1 */
    const char *name;       /* file name used in messages; NULL = the path's last part */
};

struct psec_import_result {
    char kind[16];          /* "ports", ... ("all" for psec_app_load_bundled) */
    long rows;              /* data rows read (header and comment rows excluded) */
    long imported;          /* rows written (inserted or updated) */
    long skipped;           /* rows deliberately passed over: non-sea-port UN/LOCODE
                             * entries, country heading rows of the UNECE file */
    long rejected;          /* invalid rows left out (only with skip_invalid) */
    long unmatched;         /* WPI ports matching no UN/LOCODE (kept in wpi_unmatched);
                             * MID allocations that map to no ISO country */
    /*
     * Each of these is a new JSON array or NULL when empty; freed by
     * psec_import_result_free():
     *   rejects   [{"line": 14, "column": "lat", "reason": "91.2 is not a latitude"}]
     *   unmatched_list  WPI: [{"wpi_number", "name", "country_name", "locode_raw", "reason"}]
     *                   MID: [{"mid", "allocated_to", "reason"}]
     *   datasets  psec_app_load_bundled only: [{"name", "source", "rows"}]
     */
    json_t *rejects;
    json_t *unmatched_list;
    json_t *datasets;
};

/* Zeroes a result before use. */
void psec_import_result_init(struct psec_import_result *res);
/* Releases the JSON arrays of a result (accepts a zeroed result). */
void psec_import_result_free(struct psec_import_result *res);
/* A new JSON object {"kind","rows","imported","skipped","rejected","unmatched",
 * "rejects":[...],"unmatched_list":[...],"datasets":[...]} (arrays present only
 * when not empty); json_decref(). */
json_t *psec_import_result_json(const struct psec_import_result *res);

/* True for the kinds psec_app_import() knows:
 * countries | isps | ports | wpi | mid | facilities. */
bool psec_app_import_kind_valid(const char *kind);

/*
 * Imports one CSV file of the given kind. res must be initialised; it is
 * filled even on failure (counts so far, rejects). Returns PSEC_OK;
 * PSEC_E_USAGE for an unknown kind; PSEC_E_IO when the file cannot be read
 * ("FILE: No such file or directory"); PSEC_E_INVALID with
 * "FILE:LINE: column NAME: reason" for the first bad row (ports and
 * facilities naming an unknown country or port are PSEC_E_INVALID naming the
 * code); PSEC_E_DB/PSEC_E_BUSY/PSEC_E_READONLY from the store. On any error
 * the database is unchanged.
 *
 * Ports: the Geoapify layout (header "country,location,name,...") or the
 * official UNECE layout (no header, ISO-8859-1, DDMM coordinates); only
 * function code '1' (sea port) entries are kept. WPI: merged into existing
 * ports; entries whose UN/LOCODE matches no port are recorded in
 * wpi_unmatched and listed in res->unmatched_list.
 */
int psec_app_import(struct psec_db *db, const char *kind, const char *path,
                    const struct psec_import_opts *opts, struct psec_import_result *res,
                    struct psec_err *e);

/*
 * Loads the bundled reference data from datadir (countries, ISPS fields,
 * ports, WPI, MID, demo facilities, in that order) in ONE transaction, and
 * records each dataset with psec_store_dataset_mark(). When every dataset is
 * already loaded it changes nothing and sets *already = true (totals then
 * has zero counts). totals must be initialised; totals->datasets lists what
 * was loaded. On error the database is unchanged.
 */
int psec_app_load_bundled(struct psec_db *db, const char *datadir,
                          struct psec_import_result *totals, bool *already,
                          struct psec_err *e);

/* The data directory: $PORTSEC_DATA when set, else the build-time
 * PSEC_DATADIR (the source tree's data/). Borrowed. */
const char *psec_app_datadir(void);

#endif
