/*
 * handlers.h — handlers of the modules' routes, defined in routes_*.c and
 * listed in the one route table in routes.c.
 */
#ifndef PORTSEC_HTTP_HANDLERS_H
#define PORTSEC_HTTP_HANDLERS_H

#include "http/req.h"

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

#endif
