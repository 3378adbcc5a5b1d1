/*
 * limits.h — every hard limit in portsec, each with its reason.
 * Change a limit here and nowhere else.
 */
#ifndef PORTSEC_BASE_LIMITS_H
#define PORTSEC_BASE_LIMITS_H

/* Longest CSV record accepted (bytes): WPI rows are about 1.5 KiB. */
#define PSEC_CSV_MAX_RECORD   (64 * 1024)
/* Most columns in one CSV record: WPI has 107. */
#define PSEC_CSV_MAX_FIELDS   256
/* Rows written per transaction in bulk imports where all-or-nothing is off. */
#define PSEC_BATCH_ROWS       5000
/* Prepared statements kept per database handle. */
#define PSEC_STMT_CACHE       64
/* Longest text field we store from reference data (names, notes). */
#define PSEC_TEXT_MAX         4096
/* Most port calls in one Notice of Arrival (the NOA form asks for ten). */
#define PSEC_NOA_MAX_CALLS    10
/* Undeclared AIS port calls a screening adds as evidence (a month of a
 * liner's calls; more would only repeat the finding). */
#define PSEC_AIS_EVIDENCE_CALLS 10
/* Largest JSON document read from a file or an HTTP body. */
#define PSEC_JSON_MAX         (4 * 1024 * 1024)

/* Checklist size: v1 has 108 items in 16 sections; room for growth, and a cap
 * so a hostile catalogue or import cannot grow memory without bound. */
#define PSEC_CK_MAX_ITEMS     1024
#define PSEC_CK_MAX_SECTIONS  64
/* Longest observation note on one answer (a few paragraphs). */
#define PSEC_NOTE_MAX         8192

#endif
