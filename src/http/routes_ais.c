/*
 * routes_ais.c — API handlers for what AIS says about a vessel: its AIS
 * identity, port calls, gaps and track (GeoJSON). A vessel is named by a
 * 7-digit IMO number or a 9-digit MMSI; ?from= and ?to= bound the times.
 * Each calls one src/app/ais.h function, the ones 'portsec ais' calls.
 */
#include <stdint.h>
#include <string.h>

#include "app/ais.h"
#include "base/str.h"
#include "base/time.h"
#include "http/handlers.h"
#include "http/req.h"

/* {id} as an IMO number (7 digits) or an MMSI (9 digits). */
static int vessel_id(struct psec_req *rq, int64_t *mmsi, int64_t *imo)
{
    const char *s = psec_req_param(rq, "id");
    size_t n = s ? strlen(s) : 0;
    int64_t v;

    *mmsi = *imo = 0;
    if (s == NULL || strspn(s, "0123456789") != n || (n != 7 && n != 9) || !psec_parse_i64(s, &v))
        return psec_req_fail(rq, PSEC_E_INVALID, "id",
                             "a vessel is named by its IMO number (7 digits) or MMSI (9 digits)");
    if (n == 7)
        *imo = v;
    else
        *mmsi = v;
    return PSEC_OK;
}

static int time_arg(struct psec_req *rq, const char *name, int64_t dflt, int64_t *out)
{
    const char *s = psec_req_query(rq, name);

    *out = dflt;
    if (s && !psec_time_parse(s, out))
        return psec_req_fail(rq, PSEC_E_INVALID, name, "%s: a date or ISO 8601 time", name);
    return PSEC_OK;
}

static int window(struct psec_req *rq, int64_t *mmsi, int64_t *imo, int64_t *from, int64_t *to)
{
    if (vessel_id(rq, mmsi, imo) != PSEC_OK || time_arg(rq, "from", INT64_MIN, from) != PSEC_OK ||
        time_arg(rq, "to", INT64_MAX, to) != PSEC_OK)
        return PSEC_E_INVALID;
    return PSEC_OK;
}

int psec_h_ais_vessel(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    int64_t mmsi, imo;

    if (vessel_id(rq, &mmsi, &imo) != PSEC_OK)
        return PSEC_E_INVALID;
    return psec_req_result(rq, psec_app_ais_vessel(rq->db, mmsi, imo, &e), &e);
}

int psec_h_ais_calls(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    int64_t mmsi, imo, from, to;
    json_t *all;

    if (window(rq, &mmsi, &imo, &from, &to) != PSEC_OK)
        return PSEC_E_INVALID;
    all = psec_app_vessel_calls(rq->db, mmsi, imo, from, to, &e);
    return all ? psec_req_page(rq, all) : psec_req_app_fail(rq, &e);
}

int psec_h_ais_gaps(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    int64_t mmsi, imo, from, to;
    json_t *all;

    if (window(rq, &mmsi, &imo, &from, &to) != PSEC_OK)
        return PSEC_E_INVALID;
    all = psec_app_vessel_gaps(rq->db, mmsi, imo, from, to, &e);
    return all ? psec_req_page(rq, all) : psec_req_app_fail(rq, &e);
}

int psec_h_ais_track(struct psec_req *rq)
{
    struct psec_err e = { 0 };
    int64_t mmsi, imo, from, to;

    if (window(rq, &mmsi, &imo, &from, &to) != PSEC_OK)
        return PSEC_E_INVALID;
    return psec_req_result(rq, psec_app_vessel_track(rq->db, mmsi, imo, from, to, &e), &e);
}
