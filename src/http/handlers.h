/*
 * handlers.h — handlers of the modules' routes, defined in routes_*.c and
 * listed in the one route table in routes.c.
 */
#ifndef PORTSEC_HTTP_HANDLERS_H
#define PORTSEC_HTTP_HANDLERS_H

#include "http/req.h"

/* Slots of objects kept per thread (psec_req_keep_get()). */
enum { PSEC_KEEP_SCREENER = 0 };

/* routes_coe.c: advisories, conditions of entry, screening, targeting, vessels. */
int psec_h_coe_list(struct psec_req *rq);
int psec_h_coe_check(struct psec_req *rq);
int psec_h_coe_feed(struct psec_req *rq);
int psec_h_advisories(struct psec_req *rq);
int psec_h_advisory_show(struct psec_req *rq);
int psec_h_advisory_add(struct psec_req *rq);
int psec_h_screen(struct psec_req *rq);
int psec_h_targets(struct psec_req *rq);
int psec_h_target_add(struct psec_req *rq);
int psec_h_vessel_show(struct psec_req *rq);
int psec_h_vessel_add(struct psec_req *rq);
int psec_h_vessel_action(struct psec_req *rq);
int psec_h_vessel_exam(struct psec_req *rq);

/* routes_assess.c: engagements and assessments. */
int psec_h_checklist(struct psec_req *rq);
int psec_h_visits(struct psec_req *rq);
int psec_h_visit_show(struct psec_req *rq);
int psec_h_visit_add(struct psec_req *rq);
int psec_h_assessments(struct psec_req *rq);
int psec_h_assessment_show(struct psec_req *rq);
int psec_h_assessment_start(struct psec_req *rq);
int psec_h_answer(struct psec_req *rq);
int psec_h_assessment_close(struct psec_req *rq);
int psec_h_recs(struct psec_req *rq);
int psec_h_rec_add(struct psec_req *rq);
int psec_h_rec_update(struct psec_req *rq);
int psec_h_determinations(struct psec_req *rq);
int psec_h_determination_proposal(struct psec_req *rq);
int psec_h_determination_add(struct psec_req *rq);
int psec_h_report(struct psec_req *rq);

/* routes_ais.c: a vessel's AIS identity, calls, gaps and track. */
int psec_h_ais_vessel(struct psec_req *rq);
int psec_h_ais_calls(struct psec_req *rq);
int psec_h_ais_gaps(struct psec_req *rq);
int psec_h_ais_track(struct psec_req *rq);

/* routes_risk.c: units, the risk ranking and the yearly visit plan. */
int psec_h_units(struct psec_req *rq);
int psec_h_rank(struct psec_req *rq);
int psec_h_plan(struct psec_req *rq);
int psec_h_plan_ics(struct psec_req *rq);

#endif
