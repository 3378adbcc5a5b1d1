/*
 * screen_ais.c — AIS evidence for a screening: what the vessel's stored
 * AIS track says about each declared port call, which calls it made that
 * were not declared, and its silences in the window.
 *
 * What it does not: decide conditions of entry (the screening rule does,
 * with the undeclared calls added as observed calls), or read raw AIS.
 */
#include <stdint.h>
#include <string.h>

#include "ais/track.h"
#include "app/ais.h"
#include "app/screen.h"
#include "base/str.h"
#include "base/time.h"

int psec_screen_ais_evidence(void *ctx, struct psec_db *db, const struct psec_noa *noa,
                             json_t **section, struct psec_err *e)
{
    struct psec_declared_call decl[PSEC_NOA_MAX_CALLS];
    struct psec_err local = { 0 };
    int64_t mmsi = 0, imo = 0, from = noa->eta - 365 * (int64_t)PSEC_DAY;
    size_t n = 0;
    json_t *out;

    (void)ctx;
    *section = NULL;
    if (noa->mmsi[0] && !psec_parse_i64(noa->mmsi, &mmsi))
        mmsi = 0;
    if (noa->imo[0] && !psec_parse_i64(noa->imo, &imo))
        imo = 0;
    if (mmsi == 0 && imo == 0)
        return PSEC_OK;
    for (int i = 0; i < noa->ncalls && n < PSEC_NOA_MAX_CALLS; i++) {
        const struct psec_noa_call *c = &noa->calls[i];
        if (c->transit || c->observed)
            continue;
        psec_strlcpy(decl[n].locode, c->port, sizeof decl[n].locode);
        decl[n].arrival = c->arrival;
        decl[n].departure = c->departure;
        if (n == 0 || c->arrival - PSEC_DAY < from)
            from = c->arrival - PSEC_DAY;
        n++;
    }
    /* By MMSI when declared (the AIS key), else by the IMO number that
     * types 5 and 19 carry. */
    out = psec_app_ais_check(db, mmsi, mmsi ? 0 : imo, decl, n, from, noa->eta, &local);
    if (out == NULL) {
        if (local.code == PSEC_E_NOTFOUND)
            return PSEC_OK;
        if (e)
            *e = local;
        return local.code;
    }
    {
        char a[32], b[32];
        json_object_set_new(out, "window",
                            json_pack("{s:s, s:s}", "from", psec_time_format(from, a, sizeof a),
                                      "to", psec_time_format(noa->eta, b, sizeof b)));
    }
    *section = out;
    return PSEC_OK;
}
