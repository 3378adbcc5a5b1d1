/*
 * import_mid.h — reader for the ITU table of Maritime Identification
 * Digits: "MID,Allocated_to" (the ITU's free-text names such as "Albania
 * (Republic of)" or "Portugal - Azores"), optionally with a third column
 * "country" holding the ISO alpha-2 code already.
 *
 * Also reads the mapping file data/mid/mid-country-map.csv
 * ("mid,alpha2,allocated_to,reason"): the MIDs whose ITU name the caller's
 * automatic name matching cannot place, with the ISO code by hand, or a
 * blank code for an allocation that maps to no country.
 */
#ifndef PORTSEC_IO_IMPORT_MID_H
#define PORTSEC_IO_IMPORT_MID_H

#include <stdio.h>

#include "io/import_common.h"
#include "model/registry.h"

/* Each row: mid (201..775), allocated_to, and country when the file says. */
int psec_io_read_mid(FILE *f, const char *name,
                     int (*fn)(void *ctx, const struct psec_mid *m, long line,
                               struct psec_err *e),
                     void *ctx, struct psec_io_sink *sink, struct psec_err *e);

/* Reads a mapping file: same callback, country "" = maps to no country. */
int psec_io_read_mid_map(FILE *f, const char *name,
                         int (*fn)(void *ctx, const struct psec_mid *m, long line,
                                   struct psec_err *e),
                         void *ctx, struct psec_io_sink *sink, struct psec_err *e);

#endif
