/*
 * screen.h — use case: screen Notices of Arrival. A screener loads the
 * advisory history and the current targeting matrix once, then screens
 * NOAs one after another (a batch is a few lookups per NOA): parse, look
 * the ports up in the registry, read the vessel's history, apply the rules
 * of src/model/screen.c, write the result, and store it unless dry_run.
 */
#ifndef PORTSEC_APP_SCREEN_H
#define PORTSEC_APP_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "model/screen.h"
#include "portsec/error.h"
#include "store/db.h"

struct psec_screener;

/* Loads what screening needs from db (borrowed; must outlive the
 * screener). PSEC_E_NOTFOUND when no targeting matrix is loaded. */
int psec_screener_open(struct psec_screener **out, struct psec_db *db, struct psec_err *e);
/* The same with the matrix of an earlier result ("uscg-isps-2025.1+r1"),
 * to recompute an old screening as it was; NULL means the current one.
 * PSEC_E_NOTFOUND for an unknown version. */
int psec_screener_open_version(struct psec_screener **out, struct psec_db *db,
                               const char *matrix_version, struct psec_err *e);
void psec_screener_close(struct psec_screener *s);

/* The matrix version results will name ("uscg-isps-2025.1+r1"). Borrowed. */
const char *psec_screener_matrix_version(const struct psec_screener *s);

/*
 * AIS hook. The declared-vs-observed comparison (AIS engineer) is added to
 * each result as an "ais" section through this callback; fn returns a new
 * JSON value in *section (or NULL for none). With no hook set, results have
 * no "ais" key. The lead wires it; nothing here invents AIS data.
 */
typedef int (*psec_screen_ais_fn)(void *ctx, struct psec_db *db, const struct psec_noa *noa,
                                  json_t **section, struct psec_err *e);
void psec_screener_set_ais(struct psec_screener *s, psec_screen_ais_fn fn, void *ctx);

/*
 * The hook every screener uses by default (src/app/screen_ais.c): the
 * declared calls compared with the vessel's stored AIS calls, gaps and
 * positions from a day before the oldest declared arrival (or a year
 * before the ETA when none is declared) to the ETA. *section stays NULL
 * when the vessel has no AIS data.
 */
int psec_screen_ais_evidence(void *ctx, struct psec_db *db, const struct psec_noa *noa,
                             json_t **section, struct psec_err *e);

/*
 * Screens one NOA (text of len bytes). Appends the compact result document
 * to *buf (growable; *len is the used length in and out; free() it) and,
 * unless dry_run, stores the screening and updates the vessel record. On a
 * bad NOA returns PSEC_E_INVALID naming the JSON path; nothing is stored
 * and *buf is unchanged.
 */
int psec_screener_run(struct psec_screener *s, const char *text, size_t len, bool dry_run,
                      char **buf, size_t *cap, size_t *blen, struct psec_err *e);

#endif
